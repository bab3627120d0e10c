use crate::declare_rule;
use crate::rules::shared::labels::labels;
use crate::rules::Checker;

declare_rule! {
    /// ## What it does
    /// Checks that the labels the label schema names are not set to an empty value
    /// (`LABEL maintainer=""`).
    ///
    /// The label schema comes from the settings: `[label-schema]` in `slimfile.toml`, or
    /// `label-schema` in `.hadolint.yaml`. Without it, the rule reports nothing.
    ///
    /// ## Why is this bad?
    /// A label the schema requires is there to be read; an empty one passes a check for
    /// its presence and says nothing. It is often a build argument that was never given.
    ///
    /// ## Example
    /// ```dockerfile
    /// # label-schema: maintainer=text
    /// FROM debian:trixie-slim
    /// LABEL maintainer=""
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// # label-schema: maintainer=text
    /// FROM debian:trixie-slim
    /// LABEL maintainer="platform-team"
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3051](https://github.com/hadolint/hadolint/wiki/DL3051)
    pub(crate) static RULE = {
        code: "DL3051",
        name: "label-empty",
        category: Style,
        severity: Warning,
        default_enabled: true,
        buildkit: None,
        fix: None,
        check: check,
    }
}

fn check(checker: &Checker) {
    let schema = &checker.options.label_schema;
    if schema.is_empty() {
        return;
    }
    for label in labels(checker) {
        if label.value.is_empty() && schema.contains_key(label.key) {
            checker.report(label.pair.range, format!("Label `{}` is empty", label.key));
        }
    }
}
