use crate::declare_rule;
use crate::knowledge::label_formats::is_email;
use crate::rules::shared::labels::check_format;
use crate::rules::Checker;
use crate::settings::LabelType;

declare_rule! {
    /// ## What it does
    /// Checks that the labels the label schema types `email` hold an e-mail address
    /// (`team@example.com`, RFC 5322's `addr-spec`).
    ///
    /// The label schema comes from the settings: `[label-schema]` in `slimfile.toml`, or
    /// `label-schema` in `.hadolint.yaml`. Without it, the rule reports nothing. A value
    /// made from a variable (`$VERSION`) is only known at build time and is not checked.
    ///
    /// ## Why is this bad?
    /// Contact labels are read to reach the people behind an image; a name without an
    /// address (`Jane Doe`) reaches no one.
    ///
    /// ## Example
    /// ```dockerfile
    /// # label-schema: maintainer=email
    /// FROM debian:trixie-slim
    /// LABEL maintainer="Jane Doe"
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// # label-schema: maintainer=email
    /// FROM debian:trixie-slim
    /// LABEL maintainer="jane@example.com"
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3058](https://github.com/hadolint/hadolint/wiki/DL3058)
    /// - [RFC 5322: addr-spec](https://www.rfc-editor.org/rfc/rfc5322#section-3.4.1)
    pub(crate) static RULE = {
        code: "DL3058",
        name: "label-not-email",
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
        LabelType::Email,
        "a valid email format - must conform to RFC 5322",
        is_email,
    );
}
