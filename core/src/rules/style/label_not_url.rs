use crate::declare_rule;
use crate::knowledge::label_formats::is_url;
use crate::rules::shared::labels::check_format;
use crate::rules::Checker;
use crate::settings::LabelType;

declare_rule! {
    /// ## What it does
    /// Checks that the labels the label schema types `url` hold an absolute URL (`scheme:`
    /// and the rest, as RFC 3986 writes it).
    ///
    /// The label schema comes from the settings: `[label-schema]` in `slimfile.toml`, or
    /// `label-schema` in `.hadolint.yaml`. Without it, the rule reports nothing. A value
    /// made from a variable (`$VERSION`) is only known at build time and is not checked.
    ///
    /// ## Why is this bad?
    /// Tools follow these labels: a registry links `org.opencontainers.image.source` to the
    /// repository, scanners fetch `org.opencontainers.image.url`. A value that is not a URL
    /// (`github.com/acme/app`, without its scheme) breaks the link.
    ///
    /// ## Example
    /// ```dockerfile
    /// # label-schema: org.opencontainers.image.source=url
    /// FROM debian:trixie-slim
    /// LABEL org.opencontainers.image.source="github.com/acme/app"
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// # label-schema: org.opencontainers.image.source=url
    /// FROM debian:trixie-slim
    /// LABEL org.opencontainers.image.source="https://github.com/acme/app"
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3052](https://github.com/hadolint/hadolint/wiki/DL3052)
    /// - [RFC 3986: URI generic syntax](https://www.rfc-editor.org/rfc/rfc3986#section-3)
    pub(crate) static RULE = {
        code: "DL3052",
        name: "label-not-url",
        category: Style,
        severity: Warning,
        default_enabled: true,
        buildkit: None,
        fix: None,
        check: check,
    }
}

fn check(checker: &Checker) {
    check_format(checker, LabelType::Url, "a valid URL", is_url);
}
