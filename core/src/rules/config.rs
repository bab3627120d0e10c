//! Which rules run and how loud they are. Built by the CLI from `slimfile.toml`,
//! `pyproject.toml` or `.hadolint.yaml`, or by a binding from its arguments.

use serde::{Deserialize, Serialize};

use super::diagnostic::Severity;
use super::registry::{rule_by_id, RULES};
use super::rule::{Category, Rule};
use crate::knowledge::Flavor;

/// One entry of `select`/`ignore`: a rule code, a rule name, a BuildKit check name, a
/// category, a code prefix (`DL30`), or `ALL`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RuleSelector {
    All,
    Category(Category),
    Rule(&'static str),
    Prefix(String),
}

impl From<RuleSelector> for String {
    fn from(s: RuleSelector) -> String {
        match s {
            RuleSelector::All => "ALL".into(),
            RuleSelector::Category(c) => c.as_str().into(),
            RuleSelector::Rule(code) => code.into(),
            RuleSelector::Prefix(p) => p,
        }
    }
}

impl Serialize for RuleSelector {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&String::from(self.clone()))
    }
}

impl<'de> Deserialize<'de> for RuleSelector {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        RuleSelector::parse(&text).map_err(serde::de::Error::custom)
    }
}

impl RuleSelector {
    /// Parses a selector; an unknown one is an error naming it.
    pub fn parse(text: &str) -> Result<RuleSelector, String> {
        let text = text.trim();
        if text.eq_ignore_ascii_case("all") {
            return Ok(RuleSelector::All);
        }
        if let Some(c) = Category::ALL
            .iter()
            .find(|c| c.as_str().eq_ignore_ascii_case(text))
        {
            return Ok(RuleSelector::Category(*c));
        }
        if let Some(rule) = rule_by_id(text) {
            return Ok(RuleSelector::Rule(rule.code));
        }
        let upper = text.to_ascii_uppercase();
        if upper.len() >= 3 && RULES.iter().any(|r| r.code.starts_with(&upper)) {
            return Ok(RuleSelector::Prefix(upper));
        }
        Err(format!("unknown rule or category `{text}`"))
    }

    /// Whether the selector covers `rule` (by code, prefix, category or `ALL`).
    pub fn matches(&self, rule: &Rule) -> bool {
        match self {
            RuleSelector::All => true,
            RuleSelector::Category(c) => rule.category == *c,
            RuleSelector::Rule(code) => *code == rule.code,
            RuleSelector::Prefix(p) => rule.code.starts_with(p.as_str()),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeverityOverride {
    pub selector: RuleSelector,
    /// `None` turns the rule off (hadolint's `ignore` level).
    pub severity: Option<Severity>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Config {
    /// When non-empty, only these rules run (off-by-default rules only when named).
    pub select: Vec<RuleSelector>,
    /// Added to the default or selected set.
    pub extend_select: Vec<RuleSelector>,
    pub ignore: Vec<RuleSelector>,
    pub severity_overrides: Vec<SeverityOverride>,
    /// Registries base images may come from (empty: any).
    pub trusted_registries: Vec<String>,
    /// The slim variant to suggest.
    pub prefer: Flavor,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            select: Vec::new(),
            extend_select: Vec::new(),
            ignore: Vec::new(),
            severity_overrides: Vec::new(),
            trusted_registries: Vec::new(),
            prefer: Flavor::Slim,
        }
    }
}

impl Config {
    pub fn is_enabled(&self, rule: &Rule) -> bool {
        RULES
            .iter()
            .position(|r| std::ptr::eq(*r, rule))
            .is_some_and(|i| self.enabled_rules()[i])
    }

    /// Which rules run, indexed like [`RULES`]: one pass over the selectors, so that
    /// selecting every rule by code costs no more than selecting a category.
    pub fn enabled_rules(&self) -> Vec<bool> {
        let mut on: Vec<bool> = if self.select.is_empty() {
            RULES.iter().map(|r| r.default_enabled).collect()
        } else {
            let mut on = vec![false; RULES.len()];
            mark(&self.select, &mut on, true);
            on
        };
        mark(&self.extend_select, &mut on, true);
        mark(&self.ignore, &mut on, false);
        for (i, rule) in RULES.iter().enumerate() {
            if on[i] && self.severity(rule).is_none() {
                on[i] = false;
            }
        }
        on
    }

    /// The rule's severity after overrides (the last matching override wins).
    pub fn severity(&self, rule: &Rule) -> Option<Severity> {
        self.severity_overrides
            .iter()
            .rev()
            .find(|o| o.selector.matches(rule))
            .map_or(Some(rule.severity), |o| o.severity)
    }
}

/// Sets `on[i]` to `value` for every rule a selector covers. Selecting turns on an
/// off-by-default rule only when the rule is named; ignoring covers everything matched.
fn mark(selectors: &[RuleSelector], on: &mut [bool], value: bool) {
    for selector in selectors {
        match selector {
            RuleSelector::Rule(code) => {
                if let Some(i) = rule_index(code) {
                    on[i] = value;
                }
            }
            other => {
                for (i, rule) in RULES.iter().enumerate() {
                    if other.matches(rule) && (!value || rule.default_enabled) {
                        on[i] = value;
                    }
                }
            }
        }
    }
}

/// The index in [`RULES`] of a code, by binary search over a table sorted once.
fn rule_index(code: &str) -> Option<usize> {
    static BY_CODE: std::sync::OnceLock<Vec<(&'static str, usize)>> = std::sync::OnceLock::new();
    let table = BY_CODE.get_or_init(|| {
        let mut t: Vec<_> = RULES.iter().enumerate().map(|(i, r)| (r.code, i)).collect();
        t.sort_unstable();
        t
    });
    table
        .binary_search_by(|(c, _)| (*c).cmp(code))
        .ok()
        .map(|at| table[at].1)
}
