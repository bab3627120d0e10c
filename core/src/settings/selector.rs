//! One entry of `select`, `ignore` or a severity table: a rule code, a rule name, a
//! BuildKit check name, a category, a code prefix (`SF`, `DL30`), or `ALL`.

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::rules::{rule_by_id, rule_index, Category, Rule, RULES};

/// Which rules a `select`/`ignore` entry names.
///
/// ```
/// use slimfile::RuleSelector;
/// assert_eq!(RuleSelector::parse("apt-install-recommends")?, RuleSelector::parse("DL3015")?);
/// assert!(RuleSelector::parse("XX9999").is_err());
/// # Ok::<(), slimfile::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum RuleSelector {
    /// Every rule, also those off by default.
    All,
    /// Every rule of a category.
    Category(crate::Category),
    /// One rule, by its code.
    Rule(&'static str),
    /// Every rule whose code starts with this (upper case).
    Prefix(String),
}

impl RuleSelector {
    /// Parses a selector; an unknown one is [`Error::UnknownRule`].
    pub fn parse(text: &str) -> Result<RuleSelector, Error> {
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
        // `DL` and `SF` (hadolint's rules, slimfile's own) and anything longer, as ruff reads
        // `E` or `E4`; a single letter is too easily a typo.
        if upper.len() >= 2 && RULES.iter().any(|r| r.code.starts_with(&upper)) {
            return Ok(RuleSelector::Prefix(upper));
        }
        Err(Error::UnknownRule(text.to_string()))
    }

    /// How the selector is written in settings: `ALL`, `size`, `DL3015`, `DL30`.
    pub fn as_str(&self) -> &str {
        match self {
            RuleSelector::All => "ALL",
            RuleSelector::Category(c) => c.as_str(),
            RuleSelector::Rule(code) => code,
            RuleSelector::Prefix(p) => p,
        }
    }

    /// Whether the selector covers `rule` (by code, prefix, category or `ALL`).
    pub(crate) fn matches(&self, rule: &Rule) -> bool {
        match self {
            RuleSelector::All => true,
            RuleSelector::Category(c) => rule.category == *c,
            RuleSelector::Rule(code) => *code == rule.code,
            RuleSelector::Prefix(p) => rule.code.starts_with(p.as_str()),
        }
    }

    /// Whether the selector covers the rule with this code.
    pub(crate) fn matches_code(&self, code: &str) -> bool {
        rule_index(code).is_some_and(|i| self.matches(RULES[i]))
    }
}

impl std::fmt::Display for RuleSelector {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for RuleSelector {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for RuleSelector {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = std::borrow::Cow::<str>::deserialize(deserializer)?;
        RuleSelector::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// Sets `on[i]` to `value` for every rule the selectors cover. Selecting turns on an
/// off-by-default rule when the rule is named or `ALL` is (as in ruff), not through a
/// category or a prefix; ignoring covers everything matched.
pub(super) fn mark(selectors: &[RuleSelector], on: &mut [bool], value: bool) {
    for selector in selectors {
        match selector {
            RuleSelector::Rule(code) => {
                if let Some(i) = rule_index(code) {
                    on[i] = value;
                }
            }
            other => {
                for (i, rule) in RULES.iter().enumerate() {
                    let all = matches!(other, RuleSelector::All);
                    if other.matches(rule) && (!value || all || rule.default_enabled) {
                        on[i] = value;
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RuleSelector;
    use crate::rules::RULES;
    use crate::Settings;

    fn on(toml: &str) -> Vec<&'static str> {
        let selection = Settings::from_toml(toml).expect("settings").selection();
        RULES
            .iter()
            .enumerate()
            .filter(|(i, _)| selection.runs(*i))
            .map(|(_, r)| r.code)
            .collect()
    }

    #[test]
    fn all_selects_every_rule_also_those_off_by_default() {
        assert_eq!(on("select = [\"ALL\"]\n").len(), RULES.len());
        assert!(on("select = [\"ALL\"]\n").contains(&"DL3008"));
        // A category or a prefix keeps off-by-default rules off; naming one turns it on.
        assert!(!on("select = [\"reproducibility\"]\n").contains(&"DL3008"));
        assert!(!on("select = [\"DL30\"]\n").contains(&"DL3008"));
        assert!(on("select = [\"DL3008\"]\n").contains(&"DL3008"));
        assert!(!on("select = [\"ALL\"]\nignore = [\"DL3008\"]\n").contains(&"DL3008"));
    }

    #[test]
    fn the_code_letters_select_hadolints_rules_or_slimfiles_own() {
        let dl = on("select = [\"DL\"]\n");
        assert!(dl.contains(&"DL3015") && dl.contains(&"DL4006"));
        assert!(dl.iter().all(|code| code.starts_with("DL")));
        let sf = on("select = [\"sf\"]\n");
        assert!(sf.contains(&"SF101") && sf.iter().all(|code| code.starts_with("SF")));
        assert!(RuleSelector::parse("D").is_err());
        assert!(RuleSelector::parse("XX").is_err());
    }

    #[test]
    fn a_renamed_code_still_names_its_rule() {
        // The cache-mount rules had DL codes hadolint does not have; configs keep working.
        assert_eq!(on("select = [\"DL3068\"]\n"), ["SF210"]);
        assert!(!on("select = [\"ALL\"]\nignore = [\"DL4007\"]\n").contains(&"SF407"));
        assert!(!on("select = [\"DL\"]\n").contains(&"SF210"));
    }
}
