use crate::declare_rule;
use crate::rules::shared::pinning::report_unpinned;
use crate::rules::Checker;

declare_rule! {
    /// ## What it does
    /// Checks for `npm install` of a named package without a version
    /// (`npm install -g pm2` rather than `npm install -g pm2@6.0.8`).
    ///
    /// ## Why is this bad?
    /// Without a version, each build installs the newest release of the day: two builds
    /// of the same Dockerfile can differ, and a new release can break the image without
    /// any change to the Dockerfile.
    ///
    /// Not reported: `npm install` without package names (it installs what `package.json`
    /// and the lock file say), local folders and tarballs, git URLs with a `#commit` or
    /// `#semver:` part. A variable is read through the value the stage gives it (`ENV`, an
    /// `ARG` default): `$BUILD_DEPS` after `ENV BUILD_DEPS="gcc make"` names two packages
    /// without a version; a value known only at build time (an `ARG` without a default, the
    /// base image's environment) is taken as pinned. Off by default, like the other
    /// version-pinning rules.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:24-slim
    /// RUN npm install -g pm2
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM node:24-slim
    /// RUN npm install -g pm2@6.0.8
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3016](https://github.com/hadolint/hadolint/wiki/DL3016)
    /// - [npm install](https://docs.npmjs.com/cli/commands/npm-install)
    pub(crate) static RULE = {
        code: "DL3016",
        name: "npm-version-not-pinned",
        category: Reproducibility,
        severity: Warning,
        default_enabled: false,
        buildkit: None,
        fix: None,
        programs: ["npm"],
        check: check,
    }
}

/// npm options that take a value as the next word.
const VALUE_OPTIONS: [&str; 8] = [
    "--loglevel",
    "--registry",
    "--prefix",
    "--cache",
    "--userconfig",
    "-w",
    "--workspace",
    "--omit",
];

const GIT_PREFIXES: [&str; 4] = ["git://", "git+ssh://", "git+http://", "git+https://"];
const TARBALL_SUFFIXES: [&str; 3] = [".tar", ".tar.gz", ".tgz"];
const PATH_PREFIXES: [&str; 4] = ["/", "./", "../", "~/"];

fn check(checker: &Checker) {
    report_unpinned(
        checker,
        &["npm"],
        &["install", "i", "add"],
        &VALUE_OPTIONS,
        pinned,
        "npm install",
    );
}

fn pinned(package: &str) -> bool {
    if GIT_PREFIXES.iter().any(|p| package.starts_with(p)) {
        return package.contains('#');
    }
    if TARBALL_SUFFIXES.iter().any(|s| package.ends_with(s))
        || PATH_PREFIXES.iter().any(|p| package.starts_with(p))
        || package == "."
        || package == ".."
    {
        return true;
    }
    // `@scope/name@1.2`: the version follows an `@` after the scope.
    let name = match package.strip_prefix('@') {
        Some(scoped) => scoped.split_once('/').map_or("", |(_, rest)| rest),
        None => package,
    };
    name.contains('@')
}
