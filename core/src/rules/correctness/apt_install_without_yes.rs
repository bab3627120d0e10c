use crate::declare_rule;
use crate::edit::Edit;
use crate::edit::Fix;
use crate::rules::shared::configured::{option_sets, runs_until_configured};
use crate::rules::Checker;
use crate::semantic::commands::fed_by_yes;
use crate::semantic::commands::has_flag;
use crate::semantic::commands::may_have_flag;
use crate::semantic::commands::runs;
use crate::semantic::commands::subcommand;
use crate::semantic::commands::APT_VALUE_OPTIONS;

declare_rule! {
    /// ## What it does
    /// Checks for `apt-get install` without `-y` (or `--yes`, `--assume-yes`, `-qq`).
    ///
    /// ## Why is this bad?
    /// `apt-get install` asks for confirmation before installing anything beyond the
    /// named packages. A build has no one to answer, so apt aborts and the build fails,
    /// or fails only later, when a package gains a dependency.
    ///
    /// Not reported for a simulation (`-s`), nor when the answer comes another way:
    /// `yes | apt-get install`, `-o APT::Get::Assume-Yes=true`, or an earlier `RUN` of
    /// the stage writing `APT::Get::Assume-Yes` into apt's configuration.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:trixie-slim
    /// RUN apt-get update && apt-get install --no-install-recommends curl
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:trixie-slim
    /// RUN apt-get update && apt-get install -y --no-install-recommends curl
    /// ```
    ///
    /// ## Fix safety
    /// Safe: adds `-y` after `install`. Without it, apt stops at its prompt and the build
    /// fails; with it, apt goes on.
    ///
    /// ## References
    /// - [hadolint DL3014](https://github.com/hadolint/hadolint/wiki/DL3014)
    /// - [Docker best practices: apt-get](https://docs.docker.com/build/building/best-practices/#apt-get)
    pub(crate) static RULE = {
        code: "DL3014",
        name: "apt-install-without-yes",
        category: Correctness,
        severity: Warning,
        default_enabled: true,
        buildkit: None,
        fix: Always,
        programs: ["apt-get"],
        check: check,
    }
}

/// Options under which `apt-get install` only prints what it would do, without asking.
const SIMULATE: [&str; 6] = [
    "-s",
    "--simulate",
    "--just-print",
    "--dry-run",
    "--recon",
    "--no-act",
];

fn check(checker: &Checker) {
    runs_until_configured(checker, "Assume-Yes", &["/etc/apt/"], |script| {
        for command in &script.commands {
            let Some(args) = runs(command, &["apt-get"], &["install"], &APT_VALUE_OPTIONS) else {
                continue;
            };
            let quiet_twice = args
                .iter()
                .filter(|w| w.value == "-q" || w.value == "--quiet")
                .count()
                >= 2
                || args.iter().any(|w| {
                    w.value == "-q=2"
                        || w.value == "--quiet=2"
                        || (w.value.starts_with("-qq")
                            && w.value[1..].bytes().all(|b| b.is_ascii_alphabetic()))
                });
            let answered = may_have_flag(args, &["-y", "--yes", "--assume-yes"])
                || option_sets(args, "APT::Get::Assume-Yes=")
                || has_flag(args, &SIMULATE)
                || quiet_twice
                || fed_by_yes(script, command);
            if answered {
                continue;
            }
            let Some((_, install)) = subcommand(args, &APT_VALUE_OPTIONS) else {
                continue;
            };
            let fix = Fix::safe("Add `-y`", vec![Edit::insert(install.range.end, " -y")]);
            checker
                .report(command.range, "`apt-get install` without `-y`")
                .fix(fix);
        }
    });
}
