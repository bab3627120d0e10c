use crate::declare_rule;
use crate::rules::shared::labels::labels;
use crate::rules::Checker;

declare_rule! {
    /// ## What it does
    /// With `strict-labels`, checks for labels the label schema does not name.
    ///
    /// The label schema and `strict-labels` come from the settings (`slimfile.toml`, or
    /// `.hadolint.yaml` as hadolint reads them). Without `strict-labels`, the rule reports
    /// nothing.
    ///
    /// ## Why is this bad?
    /// A team that fixes the set of labels its images carry wants a misspelt key
    /// (`org.opencontainers.image.sources`) or a stray one reported, not shipped.
    ///
    /// ## Example
    /// ```dockerfile
    /// # label-schema: org.opencontainers.image.source=url
    /// # strict-labels: true
    /// FROM debian:trixie-slim
    /// LABEL org.opencontainers.image.sources="https://github.com/acme/app"
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// # label-schema: org.opencontainers.image.source=url
    /// # strict-labels: true
    /// FROM debian:trixie-slim
    /// LABEL org.opencontainers.image.source="https://github.com/acme/app"
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3050](https://github.com/hadolint/hadolint/wiki/DL3050)
    pub(crate) static RULE = {
        code: "DL3050",
        name: "label-superfluous",
        category: Style,
        severity: Info,
        default_enabled: true,
        buildkit: None,
        fix: None,
        check: check,
    }
}

fn check(checker: &Checker) {
    let options = checker.options;
    if !options.strict_labels {
        return;
    }
    for label in labels(checker) {
        if !options.label_schema.contains_key(label.key) {
            checker.report(
                label.pair.key.range,
                format!(
                    "Superfluous label `{}`: the label schema does not name it",
                    label.key
                ),
            );
        }
    }
}
