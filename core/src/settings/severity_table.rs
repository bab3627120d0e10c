//! `[severity]` as a table of `selector = "level"` in file order, kept as a list because
//! order matters (the last matching entry wins) and a map type would lose it.

use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserializer, Serializer};

use super::{RuleSelector, SeverityOverride};
use crate::rules::Severity;

/// `error`, `warning`, `info`, `style`, or `off` (also `ignore`, `none`) to turn a rule off.
pub(super) fn level(text: &str) -> Option<Option<Severity>> {
    match text.to_ascii_lowercase().as_str() {
        "off" | "ignore" | "none" => Some(None),
        other => Severity::parse(other).map(Some),
    }
}

pub(super) const LEVEL_NAMES: &str = "\"error\", \"warning\", \"info\", \"style\", \"off\"";

pub(super) fn serialize<S: Serializer>(
    overrides: &[SeverityOverride],
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let mut map = serializer.serialize_map(Some(overrides.len()))?;
    for o in overrides {
        map.serialize_entry(
            o.selector.as_str(),
            o.severity.map_or("off", Severity::as_str),
        )?;
    }
    map.end()
}

pub(super) fn deserialize<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Vec<SeverityOverride>, D::Error> {
    struct Table;
    impl<'de> Visitor<'de> for Table {
        type Value = Vec<SeverityOverride>;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a table of rule = \"level\"")
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut out = Vec::new();
            while let Some((key, value)) =
                map.next_entry::<std::borrow::Cow<'de, str>, std::borrow::Cow<'de, str>>()?
            {
                let selector = RuleSelector::parse(&key).map_err(serde::de::Error::custom)?;
                let severity = level(&value).ok_or_else(|| {
                    serde::de::Error::custom(format!("a severity must be one of {LEVEL_NAMES}"))
                })?;
                out.push(SeverityOverride { selector, severity });
            }
            Ok(out)
        }
    }
    deserializer.deserialize_map(Table)
}
