use crate::declare_rule;
use crate::knowledge::label_formats::is_rfc3339;
use crate::rules::shared::labels::check_format;
use crate::rules::Checker;
use crate::settings::LabelType;

declare_rule! {
    /// ## What it does
    /// Checks that the labels the label schema types `rfc3339` hold an RFC 3339 date and
    /// time (`2025-06-01T12:00:00Z`).
    ///
    /// The label schema comes from the settings: `[label-schema]` in `slimfile.toml`, or
    /// `label-schema` in `.hadolint.yaml`. Without it, the rule reports nothing. A value
    /// made from a variable (`$VERSION`) is only known at build time and is not checked.
    ///
    /// ## Why is this bad?
    /// `org.opencontainers.image.created` and similar labels are read by machines, which
    /// parse them as RFC 3339; a date without a time or a zone (`2025-06-01`, `June 1st`)
    /// cannot be compared or sorted.
    ///
    /// ## Example
    /// ```dockerfile
    /// # label-schema: org.opencontainers.image.created=rfc3339
    /// FROM debian:trixie-slim
    /// LABEL org.opencontainers.image.created="2025-06-01"
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// # label-schema: org.opencontainers.image.created=rfc3339
    /// FROM debian:trixie-slim
    /// LABEL org.opencontainers.image.created="2025-06-01T12:00:00Z"
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3053](https://github.com/hadolint/hadolint/wiki/DL3053)
    /// - [RFC 3339: date and time on the Internet](https://www.rfc-editor.org/rfc/rfc3339#section-5.6)
    pub(crate) static RULE = {
        code: "DL3053",
        name: "label-not-rfc3339",
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
        LabelType::Rfc3339,
        "a valid time format - must conform to RFC 3339",
        is_rfc3339,
    );
}
