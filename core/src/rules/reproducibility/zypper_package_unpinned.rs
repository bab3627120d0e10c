use crate::declare_rule;
use crate::rules::shared::pinning::named_packages;
use crate::rules::Checker;
use crate::semantic::commands::positionals;
use crate::semantic::commands::zypper_sub;
use crate::semantic::commands::ZYPPER_VALUE_OPTIONS;

declare_rule! {
    /// ## What it does
    /// Checks for `zypper install` of a package without a version constraint (`curl`
    /// rather than `curl=8.6.0` or `'curl>=8'`).
    ///
    /// ## Why is this bad?
    /// Without a version, the package is whatever the repository serves on the day of the
    /// build: two builds of the same Dockerfile can differ, and an update can break the
    /// image without any change to the file.
    ///
    /// `.rpm` files are taken as pinned. A variable is read through the value the stage
    /// gives it (`ENV`, an `ARG` default): `$BUILD_DEPS` after `ENV BUILD_DEPS="gcc make"`
    /// names two packages without a version; a value known only at build time (an `ARG`
    /// without a default, the base image's environment) is taken as pinned. Off by default:
    /// pinning every package is a policy choice.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM opensuse/leap:15.6
    /// RUN zypper -n install curl && zypper clean
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM opensuse/leap:15.6
    /// RUN zypper -n install curl=8.6.0 && zypper clean
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3037](https://github.com/hadolint/hadolint/wiki/DL3037)
    pub(crate) static RULE = {
        code: "DL3037",
        name: "zypper-package-unpinned",
        category: Reproducibility,
        severity: Warning,
        default_enabled: false,
        buildkit: None,
        fix: None,
        programs: ["zypper"],
        check: check,
    }
}

fn check(checker: &Checker) {
    for (index, _, script) in checker.run_scripts() {
        for command in &script.commands {
            let Some((sub, rest)) = zypper_sub(command) else {
                continue;
            };
            if !matches!(sub.value.as_str(), "install" | "in") {
                continue;
            }
            let unpinned = positionals(rest, &ZYPPER_VALUE_OPTIONS).find_map(|w| {
                named_packages(checker, index, script, w)
                    .into_iter()
                    .find(|p| !(p.contains(['=', '<', '>']) || p.ends_with(".rpm")))
                    .map(|p| (w, p))
            });
            if let Some((word, package)) = unpinned {
                checker.report(
                    word.range,
                    format!("`zypper install {package}` without a version"),
                );
            }
        }
    }
}
