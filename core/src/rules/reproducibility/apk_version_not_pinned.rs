use crate::declare_rule;
use crate::rules::shared::pinning::report_unpinned;
use crate::rules::Checker;

declare_rule! {
    /// ## What it does
    /// Checks for `apk add` of a package without a version (`apk add curl` rather than
    /// `apk add curl=8.14.1-r1`).
    ///
    /// ## Why is this bad?
    /// Without a version, each build installs whatever the repository holds that day:
    /// two builds of the same Dockerfile can differ, and a new package version can break
    /// the image without any change to the Dockerfile.
    ///
    /// Packages with a constraint (`=`, `~`, `>`, `<`), `.apk` files and the names given to
    /// `--virtual` are not reported. A variable is read through the value the stage gives
    /// it (`ENV`, an `ARG` default): `$BUILD_DEPS` after `ENV BUILD_DEPS="gcc make"` names
    /// two packages without a version; a value known only at build time (an `ARG` without a
    /// default, the base image's environment) is taken as pinned. Off by default: Alpine
    /// keeps only the current version of each package in a release, so pins break builds
    /// when a security update lands.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.22
    /// RUN apk add --no-cache curl
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.22
    /// RUN apk add --no-cache curl=8.14.1-r1
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3018](https://github.com/hadolint/hadolint/wiki/DL3018)
    /// - [Alpine wiki: apk](https://wiki.alpinelinux.org/wiki/Alpine_Package_Keeper)
    pub(crate) static RULE = {
        code: "DL3018",
        name: "apk-version-not-pinned",
        category: Reproducibility,
        severity: Warning,
        default_enabled: false,
        buildkit: None,
        fix: None,
        programs: ["apk"],
        check: check,
    }
}

/// apk options that take a value as the next word.
const VALUE_OPTIONS: [&str; 12] = [
    "-t",
    "--virtual",
    "-X",
    "--repository",
    "-p",
    "--root",
    "--arch",
    "--cache-dir",
    "--keys-dir",
    "--repositories-file",
    "--cache-max-age",
    "--timeout",
];

fn check(checker: &Checker) {
    report_unpinned(
        checker,
        &["apk"],
        &["add"],
        &VALUE_OPTIONS,
        pinned,
        "apk add",
    );
}

fn pinned(package: &str) -> bool {
    package.contains(['=', '~', '>', '<']) || package.ends_with(".apk")
}
