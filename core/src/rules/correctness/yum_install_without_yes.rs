use crate::declare_rule;
use crate::edit::Edit;
use crate::edit::Fix;
use crate::rules::shared::configured::{option_sets, runs_until_configured};
use crate::rules::Checker;
use crate::semantic::commands::fed_by_yes;
use crate::semantic::commands::may_have_flag;
use crate::semantic::commands::runs;
use crate::semantic::commands::subcommand;

declare_rule! {
    /// ## What it does
    /// Checks for `yum install` (and `groupinstall`, `localinstall`) without `-y`.
    ///
    /// ## Why is this bad?
    /// yum asks for confirmation before installing. A build has no one to answer, so yum
    /// aborts and the build fails.
    ///
    /// Not reported when the answer comes another way: `yes | yum install`,
    /// `--setopt=assumeyes=1`, an earlier `RUN` of the stage writing `assumeyes` into
    /// yum's configuration, or options kept in a variable (`yum ${YUM_FLAGS} install`,
    /// as the apt-get, dnf and zypper rules read it too).
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM rockylinux:9
    /// RUN yum install httpd && yum clean all
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM rockylinux:9
    /// RUN yum install -y httpd && yum clean all
    /// ```
    ///
    /// ## Fix safety
    /// Safe: adds `-y` after the subcommand. Without it, yum stops at its prompt and the
    /// build fails; with it, yum goes on.
    ///
    /// ## References
    /// - [hadolint DL3030](https://github.com/hadolint/hadolint/wiki/DL3030)
    pub(crate) static RULE = {
        code: "DL3030",
        name: "yum-install-without-yes",
        category: Correctness,
        severity: Warning,
        default_enabled: true,
        buildkit: None,
        fix: Always,
        programs: ["yum"],
        check: check,
    }
}

/// yum options that take a value as the next word.
const VALUE_OPTIONS: [&str; 16] = [
    "-c",
    "--config",
    "-d",
    "--debuglevel",
    "-e",
    "--errorlevel",
    "-x",
    "--exclude",
    "-R",
    "--randomwait",
    "--installroot",
    "--enablerepo",
    "--disablerepo",
    "--releasever",
    "--setopt",
    "--color",
];

fn check(checker: &Checker) {
    runs_until_configured(checker, "assumeyes", &["/etc/yum", "/etc/dnf/"], |script| {
        for command in &script.commands {
            let Some(args) = runs(
                command,
                &["yum"],
                &["install", "groupinstall", "localinstall"],
                &VALUE_OPTIONS,
            ) else {
                continue;
            };
            if may_have_flag(args, &["-y", "--assumeyes"])
                || option_sets(args, "assumeyes=")
                || fed_by_yes(script, command)
            {
                continue;
            }
            let Some((_, sub)) = subcommand(args, &VALUE_OPTIONS) else {
                continue;
            };
            let fix = Fix::safe("Add `-y`", vec![Edit::insert(sub.range.end, " -y")]);
            checker
                .report(command.range, format!("`yum {}` without `-y`", sub.value))
                .fix(fix);
        }
    });
}
