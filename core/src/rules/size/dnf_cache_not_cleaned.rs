use crate::declare_rule;
use crate::rules::shared::cache_cleanup::check_clean;
use crate::rules::shared::cache_cleanup::CleanRule;
use crate::rules::Checker;
use crate::syntax::shell::Word;

declare_rule! {
    /// ## What it does
    /// Checks for `dnf install` (also `dnf5` and `microdnf`, and `reinstall`, `upgrade`,
    /// `upgrade-minimal` and their aliases `in`, `rei`, `up`, `up-min`) in a `RUN` of the
    /// final image that is not followed by `dnf clean all` in the same `RUN`.
    ///
    /// ## Why is this bad?
    /// dnf keeps the repository metadata it downloads in `/var/cache/dnf` (dnf5:
    /// `/var/cache/libdnf5`, microdnf: `/var/cache/yum`): tens of megabytes in the layer
    /// that the running container never reads. Cleaned in a later `RUN`, they still ship
    /// in the earlier layer.
    ///
    /// Not reported when the same `RUN` runs `dnf clean all` (or the `yum` spelling; after
    /// `microdnf`, `microdnf clean all`, as its cache is its own) after the install or
    /// removes the cache directory, when a cache mount covers it, or in a builder stage the
    /// final image does not inherit.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM fedora:43
    /// RUN dnf install -y httpd
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM fedora:43
    /// RUN dnf install -y httpd && dnf clean all
    /// ```
    ///
    /// ## Fix safety
    /// Safe: appends `&& dnf clean all` (`microdnf clean all` after `microdnf`) to the end
    /// of the same `RUN`. A later `RUN` that installs again fetches the metadata again.
    ///
    /// ## References
    /// - [hadolint DL3040](https://github.com/hadolint/hadolint/wiki/DL3040)
    /// - [dnf command reference: clean](https://dnf.readthedocs.io/en/latest/command_ref.html#clean-command)
    pub(crate) static RULE = {
        code: "DL3040",
        name: "dnf-cache-not-cleaned",
        category: Size,
        severity: Warning,
        default_enabled: true,
        buildkit: None,
        fix: Sometimes,
        programs: ["dnf", "dnf5", "microdnf"],
        check: check,
    }
}

fn cleans(args: &[Word]) -> bool {
    let mut words = args.iter().filter(|w| !w.value.starts_with('-'));
    words.next().is_some_and(|w| w.value == "clean") && words.any(|w| w.value == "all")
}

static DNF: CleanRule = CleanRule {
    programs: &["dnf", "dnf5", "microdnf"],
    clean_programs: &["dnf", "dnf5", "yum"],
    install: &[
        "install",
        "groupinstall",
        "localinstall",
        "reinstall",
        "upgrade",
        "upgrade-minimal",
    ],
    cleans,
    cache_dirs: &["/var/cache/dnf", "/var/cache/libdnf5", "/var/cache/yum"],
    clean_command: |program| format!("{program} clean all"),
};

fn check(checker: &Checker) {
    check_clean(checker, &DNF);
}
