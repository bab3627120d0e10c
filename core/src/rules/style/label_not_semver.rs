use crate::declare_rule;
use crate::knowledge::label_formats::is_semver;
use crate::rules::shared::labels::check_format;
use crate::rules::Checker;
use crate::settings::LabelType;

declare_rule! {
    /// ## What it does
    /// Checks that the labels the label schema types `semver` hold a Semantic Versioning
    /// 2.0.0 version (`1.4.2`, `2.0.0-rc.1`).
    ///
    /// The label schema comes from the settings: `[label-schema]` in `slimfile.toml`, or
    /// `label-schema` in `.hadolint.yaml`. Without it, the rule reports nothing. A value
    /// made from a variable (`$VERSION`) is only known at build time and is not checked.
    ///
    /// ## Why is this bad?
    /// Tools sort and compare versions taken from labels such as
    /// `org.opencontainers.image.version`; `v1.4` or `1.4` does not follow the format they
    /// parse.
    ///
    /// ## Example
    /// ```dockerfile
    /// # label-schema: org.opencontainers.image.version=semver
    /// FROM debian:trixie-slim
    /// LABEL org.opencontainers.image.version="v1.4"
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// # label-schema: org.opencontainers.image.version=semver
    /// FROM debian:trixie-slim
    /// LABEL org.opencontainers.image.version="1.4.0"
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3056](https://github.com/hadolint/hadolint/wiki/DL3056)
    /// - [Semantic Versioning 2.0.0](https://semver.org/)
    pub(crate) static RULE = {
        code: "DL3056",
        name: "label-not-semver",
        category: Style,
        severity: Warning,
        default_enabled: true,
        buildkit: None,
        fix: None,
        check: check,
    }
}

fn check(checker: &Checker) {
    check_format(
        checker,
        LabelType::Semver,
        "a valid semantic version",
        is_semver,
    );
}
