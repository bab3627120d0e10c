use crate::declare_rule;
use crate::rules::Checker;
use crate::semantic::commands::zypper_sub;

declare_rule! {
    /// ## What it does
    /// Checks for `zypper dist-upgrade` (`zypper dup`) in a `RUN`.
    ///
    /// ## Why is this bad?
    /// A distribution upgrade can move every package of the base image, across a major
    /// release, to whatever the repositories hold on the day of the build. The image then
    /// depends on the build date rather than on the base image tag; use a newer base image
    /// instead, or `zypper update` for fixes within the release.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM opensuse/leap:15.6
    /// RUN zypper -n dist-upgrade && zypper clean
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM opensuse/leap:15.6
    /// RUN zypper -n update && zypper clean
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3035](https://github.com/hadolint/hadolint/wiki/DL3035)
    pub(crate) static RULE = {
        code: "DL3035",
        name: "zypper-dist-upgrade",
        category: Reproducibility,
        severity: Warning,
        default_enabled: true,
        buildkit: None,
        fix: None,
        programs: ["zypper"],
        check: check,
    }
}

fn check(checker: &Checker) {
    for (_, _, script) in checker.run_scripts() {
        for command in &script.commands {
            if let Some((sub, _)) = zypper_sub(command) {
                if matches!(sub.value.as_str(), "dist-upgrade" | "dup") {
                    checker.report(command.range, format!("`zypper {}` in a build", sub.value));
                }
            }
        }
    }
}
