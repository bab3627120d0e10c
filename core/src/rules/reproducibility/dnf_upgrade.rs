use crate::declare_rule;
use crate::rules::Checker;
use crate::semantic::commands::positionals;
use crate::semantic::commands::program_with_args;
use crate::semantic::commands::RPM_VALUE_OPTIONS;

declare_rule! {
    /// ## What it does
    /// Checks for `dnf upgrade` (`update`, `upgrade-minimal`) in a `RUN`.
    ///
    /// ## Why is this bad?
    /// Upgrading every package makes the image depend on the day of the build rather than
    /// on the base image tag. hadolint retired this rule in 2021, since Docker's guidance
    /// now accepts upgrades that pick up security fixes; it is kept under its code, off by
    /// default, for configurations that still name it.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM fedora:40
    /// RUN dnf upgrade -y && dnf clean all
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM fedora:40
    /// RUN dnf install -y httpd && dnf clean all
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3039 (retired)](https://github.com/hadolint/hadolint/pull/677)
    pub(crate) static RULE = {
        code: "DL3039",
        name: "dnf-upgrade",
        category: Reproducibility,
        severity: Error,
        default_enabled: false,
        buildkit: None,
        fix: None,
        programs: ["dnf", "dnf5"],
        check: check,
    }
}

fn check(checker: &Checker) {
    for (_, _, script) in checker.run_scripts() {
        for command in &script.commands {
            let Some((prog @ ("dnf" | "dnf5"), args)) = program_with_args(command) else {
                continue;
            };
            let Some(sub) = positionals(args, &RPM_VALUE_OPTIONS).next() else {
                continue;
            };
            if matches!(
                sub.value.as_str(),
                "upgrade" | "update" | "upgrade-minimal" | "update-minimal"
            ) {
                checker.report(command.range, format!("`{prog} {}` in a build", sub.value));
            }
        }
    }
}
