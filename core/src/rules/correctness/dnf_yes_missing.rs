use crate::declare_rule;
use crate::edit::Edit;
use crate::edit::Fix;
use crate::rules::Checker;
use crate::semantic::commands::fed_by_yes;
use crate::semantic::commands::is_package_verb;
use crate::semantic::commands::may_have_flag;
use crate::semantic::commands::positionals;
use crate::semantic::commands::program_with_args;
use crate::semantic::commands::RPM_VALUE_OPTIONS;
use crate::semantic::stages::Marked;

declare_rule! {
    /// ## What it does
    /// Checks for `dnf install` (also `dnf5` and `microdnf`, `in`, `groupinstall`,
    /// `localinstall`, `group install` and `module install`) without `-y` (`--assumeyes`).
    ///
    /// ## Why is this bad?
    /// Without it dnf asks "Is this ok [y/N]" and, with no terminal to answer, aborts: the
    /// build fails.
    ///
    /// Also `microdnf install`: microdnf asks too since it follows dnf's `assumeyes`
    /// setting (RHEL 9 and later images; older ones assumed yes).
    ///
    /// Not reported when `yes` is piped into the command, or when an earlier `RUN` of the
    /// stage writes `assumeyes` into dnf's configuration.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM fedora:40
    /// RUN dnf install httpd && dnf clean all
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM fedora:40
    /// RUN dnf install -y httpd && dnf clean all
    /// ```
    ///
    /// ## Fix safety
    /// Safe: adds `-y` after the install command, which answers the question the build
    /// cannot answer.
    ///
    /// ## References
    /// - [hadolint DL3038](https://github.com/hadolint/hadolint/wiki/DL3038)
    pub(crate) static RULE = {
        code: "DL3038",
        name: "dnf-yes-missing",
        category: Correctness,
        severity: Warning,
        default_enabled: true,
        buildkit: None,
        fix: Always,
        programs: ["dnf", "dnf5", "microdnf"],
        check: check,
    }
}

fn check(checker: &Checker) {
    let mut settings = None;
    for (index, _, script) in checker.run_scripts() {
        for command in &script.commands {
            let Some((prog @ ("dnf" | "dnf5" | "microdnf"), args)) = program_with_args(command)
            else {
                continue;
            };
            let mut words = positionals(args, &RPM_VALUE_OPTIONS);
            let mut group = None;
            let install = match words.next() {
                Some(w)
                    if is_package_verb(
                        prog,
                        &w.value,
                        &["install", "groupinstall", "localinstall"],
                    ) =>
                {
                    w
                }
                Some(w) if matches!(w.value.as_str(), "group" | "groups" | "module") => {
                    group = Some(w.value.as_str());
                    match words.next() {
                        Some(next) if next.value == "install" => next,
                        _ => continue,
                    }
                }
                _ => continue,
            };
            if may_have_flag(args, &["-y", "--assumeyes"])
                || fed_by_yes(script, command)
                || settings
                    .get_or_insert_with(|| assumeyes_settings(checker))
                    .before(checker, index)
            {
                continue;
            }
            let fix = Fix::safe("Add `-y`", vec![Edit::insert(install.range.end, " -y")]);
            checker
                .report(
                    command.range,
                    match group {
                        Some(g) => format!("`{prog} {g} install` without `-y`"),
                        None => format!("`{prog} {}` without `-y`", install.value),
                    },
                )
                .fix(fix);
        }
    }
}

/// The `RUN`s that mention `assumeyes` (a `dnf.conf` setting), worked out once per file:
/// asked for each install by walking the stage back, a file of thousands cost their square.
fn assumeyes_settings(checker: &Checker) -> Marked {
    Marked::matching(checker, |inst| {
        inst.kind == crate::syntax::InstructionKind::Run
            && checker.text(inst.range).contains("assumeyes")
    })
}
