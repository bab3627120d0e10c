use crate::declare_rule;
use crate::knowledge::label_formats::is_spdx_license_id;
use crate::rules::shared::labels::check_format;
use crate::rules::Checker;
use crate::settings::LabelType;

declare_rule! {
    /// ## What it does
    /// Checks that the labels the label schema types `spdx` hold an identifier of the SPDX
    /// license list (`MIT`, `Apache-2.0`), written as the list writes it.
    ///
    /// The label schema comes from the settings: `[label-schema]` in `slimfile.toml`, or
    /// `label-schema` in `.hadolint.yaml`. Without it, the rule reports nothing. A value
    /// made from a variable (`$VERSION`) is only known at build time and is not checked.
    ///
    /// ## Why is this bad?
    /// License scanners and registries read `org.opencontainers.image.licenses` by its SPDX
    /// identifier; a name in prose (`Apache License`) or in another case (`mit`) is not
    /// recognised.
    ///
    /// ## Example
    /// ```dockerfile
    /// # label-schema: org.opencontainers.image.licenses=spdx
    /// FROM debian:trixie-slim
    /// LABEL org.opencontainers.image.licenses="Apache License"
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// # label-schema: org.opencontainers.image.licenses=spdx
    /// FROM debian:trixie-slim
    /// LABEL org.opencontainers.image.licenses="Apache-2.0"
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3054](https://github.com/hadolint/hadolint/wiki/DL3054)
    /// - [SPDX License List](https://spdx.org/licenses/)
    pub(crate) static RULE = {
        code: "DL3054",
        name: "label-not-spdx",
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
        LabelType::Spdx,
        "a valid SPDX license identifier",
        is_spdx_license_id,
    );
}
