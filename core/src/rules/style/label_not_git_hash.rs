use crate::declare_rule;
use crate::knowledge::label_formats::is_git_hash;
use crate::rules::shared::labels::check_format;
use crate::rules::Checker;
use crate::settings::LabelType;

declare_rule! {
    /// ## What it does
    /// Checks that the labels the label schema types `hash` hold a git commit hash: 7
    /// (short) or 40 (full) lower-case hexadecimal characters.
    ///
    /// The label schema comes from the settings: `[label-schema]` in `slimfile.toml`, or
    /// `label-schema` in `.hadolint.yaml`. Without it, the rule reports nothing. A value
    /// made from a variable (`$VERSION`) is only known at build time and is not checked.
    ///
    /// ## Why is this bad?
    /// A revision label (`org.opencontainers.image.revision`) ties the image to the commit
    /// it was built from; a branch name or a tag moves, and a hash of another length or
    /// case is not how git prints one.
    ///
    /// ## Example
    /// ```dockerfile
    /// # label-schema: org.opencontainers.image.revision=hash
    /// FROM debian:trixie-slim
    /// LABEL org.opencontainers.image.revision="main"
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// # label-schema: org.opencontainers.image.revision=hash
    /// FROM debian:trixie-slim
    /// LABEL org.opencontainers.image.revision="2dbfae9"
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3055](https://github.com/hadolint/hadolint/wiki/DL3055)
    pub(crate) static RULE = {
        code: "DL3055",
        name: "label-not-git-hash",
        category: Style,
        severity: Warning,
        default_enabled: true,
        buildkit: None,
        fix: None,
        check: check,
    }
}

fn check(checker: &Checker) {
    check_format(checker, LabelType::Hash, "a valid git hash", is_git_hash);
}
