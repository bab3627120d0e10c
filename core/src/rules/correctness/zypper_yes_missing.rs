use crate::declare_rule;
use crate::edit::Edit;
use crate::edit::Fix;
use crate::rules::Checker;
use crate::semantic::commands::basename;
use crate::semantic::commands::fed_by_yes;
use crate::semantic::commands::may_have_flag;
use crate::semantic::commands::zypper_sub;

declare_rule! {
    /// ## What it does
    /// Checks for `zypper install` (and `remove`, `source-install`, `patch`) without a
    /// non-interactive switch (`-n`/`--non-interactive` before the command, or `-y`/
    /// `--no-confirm` after it).
    ///
    /// ## Why is this bad?
    /// Without it zypper stops to ask for confirmation. A build has no terminal to answer:
    /// the command fails or takes an answer nobody chose.
    ///
    /// Not reported when `yes` is piped into the command.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM opensuse/leap:15.6
    /// RUN zypper install curl && zypper clean
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM opensuse/leap:15.6
    /// RUN zypper -n install curl && zypper clean
    /// ```
    ///
    /// ## Fix safety
    /// Safe: adds zypper's global `-n` (`--non-interactive`), which takes the default
    /// answer to every question, as the build needs.
    ///
    /// ## References
    /// - [hadolint DL3034](https://github.com/hadolint/hadolint/wiki/DL3034)
    pub(crate) static RULE = {
        code: "DL3034",
        name: "zypper-yes-missing",
        category: Correctness,
        severity: Warning,
        default_enabled: true,
        buildkit: None,
        fix: Always,
        programs: ["zypper"],
        check: check,
    }
}

const SUBS: [&str; 7] = [
    "install",
    "in",
    "remove",
    "rm",
    "source-install",
    "si",
    "patch",
];

fn check(checker: &Checker) {
    for (_, _, script) in checker.run_scripts() {
        for command in &script.commands {
            let Some((sub, _)) = zypper_sub(command) else {
                continue;
            };
            if !SUBS.contains(&sub.value.as_str())
                || may_have_flag(
                    command.args(),
                    &["-n", "--non-interactive", "-y", "--no-confirm"],
                )
                || fed_by_yes(script, command)
            {
                continue;
            }
            let fix = command
                .words
                .iter()
                .find(|w| basename(&w.value) == "zypper")
                .map(|w| {
                    Fix::safe(
                        "Add `-n` (`--non-interactive`)",
                        vec![Edit::insert(w.range.end, " -n")],
                    )
                });
            checker
                .report(
                    command.range,
                    format!("`zypper {}` without `-n` or `-y`", sub.value),
                )
                .fix_opt(fix);
        }
    }
}
