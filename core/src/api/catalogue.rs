//! The rule catalogue: every rule's identity, defaults and documentation, for `slimfile
//! rule`, the bindings' `rules()`, and the playground's rule browser.

use serde::{Deserialize, Serialize};

use crate::rules::{rule_by_id, Category, FixKind, Rule, Severity, RULES};

/// One rule, as users see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RuleInfo {
    /// Stable code: hadolint's `DLxxxx` where the meaning matches, else `SFxxx`.
    pub code: String,
    /// The bad pattern, kebab-case: `apt-install-recommends`.
    pub name: String,
    /// What the rule is about: size, cache, reproducibility, security, correctness, style.
    pub category: Category,
    /// The severity before settings change it.
    pub severity: Severity,
    /// Off-by-default rules run only when selected by code or name.
    pub default_enabled: bool,
    /// BuildKit's build-check name for the same finding (`JSONArgsRecommended`).
    pub buildkit: Option<String>,
    /// Whether the rule can fix what it finds.
    pub fix: FixKind,
    /// The first sentence of the documentation.
    pub summary: String,
    /// The documentation in Markdown: what it does, why, an example, what to use
    /// instead, fix safety, references.
    pub documentation: String,
}

impl RuleInfo {
    fn new(rule: &Rule) -> RuleInfo {
        RuleInfo {
            code: rule.code.to_string(),
            name: rule.name.to_string(),
            category: rule.category,
            severity: rule.severity,
            default_enabled: rule.default_enabled,
            buildkit: rule.buildkit.map(str::to_string),
            fix: rule.fix,
            summary: rule.summary(),
            documentation: rule.documentation(),
        }
    }
}

fn catalogue() -> &'static [RuleInfo] {
    static CATALOGUE: std::sync::OnceLock<Vec<RuleInfo>> = std::sync::OnceLock::new();
    CATALOGUE.get_or_init(|| {
        let mut rules: Vec<RuleInfo> = RULES.iter().map(|r| RuleInfo::new(r)).collect();
        rules.sort_by(|a, b| a.code.cmp(&b.code));
        rules
    })
}

/// Every rule, ordered by code.
///
/// ```
/// let rules = slimfile::rules();
/// assert!(rules.len() > 100);
/// assert!(rules.windows(2).all(|w| w[0].code < w[1].code));
/// ```
pub fn rules() -> &'static [RuleInfo] {
    catalogue()
}

/// A rule by code (`DL3015`, any case; retired codes lead to their successor), by name
/// (`apt-install-recommends`), or by BuildKit check name (`JSONArgsRecommended`).
///
/// ```
/// let rule = slimfile::rule("JSONArgsRecommended").expect("a rule");
/// assert_eq!(rule.code, "DL3025");
/// assert!(rule.documentation.contains("## Why is this bad?"));
/// assert!(slimfile::rule("DL9999").is_none());
/// ```
pub fn rule(code_or_name: &str) -> Option<&'static RuleInfo> {
    let found = rule_by_id(code_or_name)?;
    catalogue().iter().find(|r| r.code == found.code)
}
