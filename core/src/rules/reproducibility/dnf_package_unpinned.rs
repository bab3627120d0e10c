use crate::declare_rule;
use crate::rules::shared::pinning::check_rpm_unpinned;
use crate::rules::Checker;

declare_rule! {
    /// ## What it does
    /// Checks for `dnf install` (or `microdnf install`) of a package without a version
    /// (`curl` rather than `curl-7.61.1`), and for `dnf module install` of a module without
    /// a stream (`nodejs` rather than `nodejs:18`).
    ///
    /// ## Why is this bad?
    /// Without a version, the package is whatever the repository serves on the day of the
    /// build: two builds of the same Dockerfile can differ, and an update can break the
    /// image without any change to the file.
    ///
    /// `.rpm` files are taken as pinned. A variable is read through the value the stage
    /// gives it (`ENV`, an `ARG` default): `git-${VERSION}` after `ARG VERSION=2.43.0` is
    /// pinned; a value known only at build time (an `ARG` without a default, the base
    /// image's environment) is taken as pinned. Groups (`@development`) cannot carry a
    /// version and are skipped. Off by default: pinning every package is a policy choice.
    ///
    /// Differs from hadolint, which takes an `ARG` of another stage as pinning the version:
    /// see docs/hadolint-differences.md.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM fedora:40
    /// RUN dnf install -y httpd && dnf clean all
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM fedora:40
    /// RUN dnf install -y httpd-2.4.62 && dnf clean all
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3041](https://github.com/hadolint/hadolint/wiki/DL3041)
    pub(crate) static RULE = {
        code: "DL3041",
        name: "dnf-package-unpinned",
        category: Reproducibility,
        severity: Warning,
        default_enabled: false,
        buildkit: None,
        fix: None,
        programs: ["dnf", "dnf5", "microdnf"],
        check: check,
    }
}

fn check(checker: &Checker) {
    check_rpm_unpinned(checker, &["dnf", "dnf5", "microdnf"]);
}
