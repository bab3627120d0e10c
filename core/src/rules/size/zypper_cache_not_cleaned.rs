use crate::declare_rule;
use crate::rules::shared::cache_cleanup::check_clean;
use crate::rules::shared::cache_cleanup::CleanRule;
use crate::rules::Checker;
use crate::syntax::shell::Word;

declare_rule! {
    /// ## What it does
    /// Checks for `zypper install` in a `RUN` of the final image that is not followed by
    /// `zypper clean` in the same `RUN`.
    ///
    /// ## Why is this bad?
    /// zypper keeps repository metadata and downloaded packages in `/var/cache/zypp`: tens
    /// of megabytes in the layer that the running container never reads. Cleaned in a
    /// later `RUN`, they still ship in the earlier layer.
    ///
    /// Not reported when the same `RUN` runs `zypper clean` (or `zypper cc`) after the
    /// install or removes `/var/cache/zypp`, when a cache mount covers it, or in a builder
    /// stage the final image does not inherit.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM opensuse/leap:16.0
    /// RUN zypper --non-interactive install curl
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM opensuse/leap:16.0
    /// RUN zypper --non-interactive install curl && zypper clean --all
    /// ```
    ///
    /// ## Fix safety
    /// Safe: appends `&& zypper clean --all` to the end of the same `RUN` (`--all` removes
    /// the metadata as well as the packages; plain `zypper clean` keeps the metadata). A
    /// later `RUN` that installs again refreshes the metadata.
    ///
    /// ## References
    /// - [hadolint DL3036](https://github.com/hadolint/hadolint/wiki/DL3036)
    /// - [zypper manual](https://en.opensuse.org/SDB:Zypper_manual)
    pub(crate) static RULE = {
        code: "DL3036",
        name: "zypper-cache-not-cleaned",
        category: Size,
        severity: Warning,
        default_enabled: true,
        buildkit: None,
        fix: Sometimes,
        programs: ["zypper"],
        check: check,
    }
}

fn cleans(args: &[Word]) -> bool {
    args.iter()
        .find(|w| !w.value.starts_with('-'))
        .is_some_and(|w| w.value == "clean" || w.value == "cc")
}

static ZYPPER: CleanRule = CleanRule {
    programs: &["zypper"],
    clean_programs: &["zypper"],
    install: &["install", "reinstall"],
    cleans,
    cache_dirs: &["/var/cache/zypp"],
    clean_command: |_| "zypper clean --all".to_string(),
};

fn check(checker: &Checker) {
    check_clean(checker, &ZYPPER);
}
