use crate::declare_rule;
use crate::rules::shared::cache_cleanup::check_clean;
use crate::rules::shared::cache_cleanup::CleanRule;
use crate::rules::Checker;
use crate::syntax::shell::Word;

declare_rule! {
    /// ## What it does
    /// Checks for `yum install` in a `RUN` of the final image that is not followed by
    /// `yum clean all` in the same `RUN`.
    ///
    /// ## Why is this bad?
    /// yum keeps the repository metadata it downloads (and, with `keepcache`, the packages)
    /// in `/var/cache/yum`: tens of megabytes in the layer that the running container never
    /// reads. Cleaned in a later `RUN`, they still ship in the earlier layer.
    ///
    /// Not reported when the same `RUN` runs `yum clean all` (or `dnf clean all`) after the
    /// install or removes `/var/cache/yum`, when a cache mount covers the cache, or in a
    /// builder stage the final image does not inherit.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM centos:7
    /// RUN yum install -y httpd
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM centos:7
    /// RUN yum install -y httpd && yum clean all
    /// ```
    ///
    /// ## Fix safety
    /// Safe: appends `&& yum clean all` to the end of the same `RUN`. A later `RUN` that
    /// installs again fetches the metadata again.
    ///
    /// ## References
    /// - [hadolint DL3032](https://github.com/hadolint/hadolint/wiki/DL3032)
    /// - [yum(8)](https://man7.org/linux/man-pages/man8/yum.8.html)
    pub(crate) static RULE = {
        code: "DL3032",
        name: "yum-cache-not-cleaned",
        category: Size,
        severity: Warning,
        default_enabled: true,
        buildkit: None,
        fix: Sometimes,
        programs: ["yum"],
        check: check,
    }
}

fn cleans(args: &[Word]) -> bool {
    let mut words = args.iter().filter(|w| !w.value.starts_with('-'));
    words.next().is_some_and(|w| w.value == "clean") && words.any(|w| w.value == "all")
}

static YUM: CleanRule = CleanRule {
    programs: &["yum"],
    clean_programs: &["yum", "dnf"],
    install: &["install", "groupinstall", "localinstall", "reinstall"],
    cleans,
    cache_dirs: &["/var/cache/yum", "/var/cache/dnf"],
    clean_command: |_| "yum clean all".to_string(),
};

fn check(checker: &Checker) {
    check_clean(checker, &YUM);
}
