use crate::declare_rule;
use crate::rules::shared::pinning::report_unpinned;
use crate::rules::Checker;
use crate::semantic::commands::APT_VALUE_OPTIONS;

declare_rule! {
    /// ## What it does
    /// Checks for `apt-get install` of a package without a version
    /// (`apt-get install curl` rather than `apt-get install curl=8.14.1-2`).
    ///
    /// ## Why is this bad?
    /// Without a version, each build installs whatever the archive holds that day: two
    /// builds of the same Dockerfile can differ, and a new package version can break the
    /// image without any change to the Dockerfile.
    ///
    /// Packages given with a release (`curl/bookworm-backports`) or as a `.deb` file are
    /// not reported. A variable is read through the value the stage gives it (`ENV`, an
    /// `ARG` default): `$BUILD_DEPS` after `ENV BUILD_DEPS="gcc make"` names two packages
    /// without a version; a value known only at build time (an `ARG` without a default, the
    /// base image's environment) is taken as pinned. Off by default: pinned versions
    /// disappear from the archive after a while, and many projects prefer to pin the base
    /// image instead.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:trixie-slim
    /// RUN apt-get update && apt-get install -y --no-install-recommends curl \
    ///     && rm -rf /var/lib/apt/lists/*
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:trixie-slim
    /// RUN apt-get update && apt-get install -y --no-install-recommends curl=8.14.1-2 \
    ///     && rm -rf /var/lib/apt/lists/*
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3008](https://github.com/hadolint/hadolint/wiki/DL3008)
    /// - [Docker best practices: apt-get](https://docs.docker.com/build/building/best-practices/#apt-get)
    pub(crate) static RULE = {
        code: "DL3008",
        name: "apt-version-not-pinned",
        category: Reproducibility,
        severity: Warning,
        default_enabled: false,
        buildkit: None,
        fix: None,
        programs: ["apt-get"],
        check: check,
    }
}

fn check(checker: &Checker) {
    report_unpinned(
        checker,
        &["apt-get"],
        &["install"],
        &APT_VALUE_OPTIONS,
        pinned,
        "apt-get install",
    );
}

fn pinned(package: &str) -> bool {
    package.contains(['=', '/']) || package.ends_with(".deb")
}
