//! `slimfile.toml`, `.slimfile.toml` and `[tool.slimfile]` in `pyproject.toml`:
//!
//! ```toml
//! select = ["size", "DL3008"]          # only these rules (codes, names, categories, ALL)
//! extend-select = ["SF600"]            # added to the default or selected rules
//! ignore = ["DL3015"]                  # never these
//! trusted-registries = ["docker.io"]   # where base images may come from
//! prefer = "alpine"                    # the slim flavour to suggest: "slim" or "alpine"
//! fail-level = "error"                 # error, warning, info, style or none
//! strict-labels = true                 # labels outside the label schema are reported
//!
//! [severity]                           # per rule or category: error, warning, info, style, off
//! DL3015 = "warning"
//!
//! [label-schema]                       # labels every image carries, and their values' type
//! "org.opencontainers.image.source" = "url"
//! ```
//!
//! Keys are read in file order, so a later `[severity]` entry wins over an earlier one.

use std::ops::Range;

use toml::de::{DeTable, DeValue};
use toml::Spanned;

use super::error_site::ErrorSite;
use super::severity_table::{level, LEVEL_NAMES};
use super::{FailLevel, LabelType, RuleSelector, Settings, SeverityOverride};
use crate::error::ConfigError;
use crate::knowledge::Flavor;

const KEYS: &[&str] = &[
    "select",
    "extend-select",
    "ignore",
    "severity",
    "trusted-registries",
    "prefer",
    "fail-level",
    "label-schema",
    "strict-labels",
];

/// Parses a settings file; with `pyproject`, only its `[tool.slimfile]` table (`Ok(None)`
/// when it has none).
pub(super) fn parse(
    site: &ErrorSite<'_>,
    text: &str,
    pyproject: bool,
) -> Result<Option<Settings>, ConfigError> {
    let doc = DeTable::parse(text).map_err(|e| {
        let offset = e.span().map_or(0, |s| s.start);
        site.at(offset, format!("invalid TOML: {}", e.message().trim()))
    })?;
    let root = doc.get_ref();
    let table = if pyproject {
        let Some(tool) = root.get("tool") else {
            return Ok(None);
        };
        let Some(slimfile) = tool.get_ref().as_table().and_then(|t| t.get("slimfile")) else {
            return Ok(None);
        };
        match slimfile.get_ref().as_table() {
            Some(t) => t,
            None => return Err(site.at(slimfile.span().start, "`tool.slimfile` must be a table")),
        }
    } else {
        root
    };
    read_table(site, table).map(Some)
}

fn in_file_order<'t, 'i>(
    table: &'t DeTable<'i>,
) -> Vec<(
    &'t Spanned<std::borrow::Cow<'i, str>>,
    &'t Spanned<DeValue<'i>>,
)> {
    let mut entries: Vec<_> = table.iter().collect();
    entries.sort_by_key(|(k, _)| k.span().start);
    entries
}

fn read_table(site: &ErrorSite<'_>, table: &DeTable<'_>) -> Result<Settings, ConfigError> {
    let mut out = Settings::default();
    for (key, value) in in_file_order(table) {
        let span = key.span();
        match key.get_ref().as_ref() {
            "select" => out.select = selectors(site, "select", value)?,
            "extend-select" => out.extend_select = selectors(site, "extend-select", value)?,
            "ignore" => out.ignore = selectors(site, "ignore", value)?,
            "severity" => out.severity = severities(site, value)?,
            "trusted-registries" => {
                out.trusted_registries = strings(site, "trusted-registries", value)?
                    .into_iter()
                    .map(|(s, _)| s)
                    .collect();
            }
            "prefer" => {
                out.prefer = match string(value) {
                    Some("slim") => Flavor::Slim,
                    Some("alpine") => Flavor::Alpine,
                    _ => {
                        return Err(site.at(
                            value.span().start,
                            "`prefer` must be \"slim\" or \"alpine\"",
                        ))
                    }
                }
            }
            "fail-level" => {
                out.fail_level = string(value).and_then(FailLevel::parse).ok_or_else(|| {
                    site.at(
                        value.span().start,
                        "`fail-level` must be one of \"error\", \"warning\", \"info\", \"style\", \"none\"",
                    )
                })?;
            }
            "label-schema" => out.label_schema = label_schema(site, value)?,
            "strict-labels" => {
                out.strict_labels = value.get_ref().as_bool().ok_or_else(|| {
                    site.at(value.span().start, "`strict-labels` must be true or false")
                })?;
            }
            other => return Err(unknown_key(site, span, other)),
        }
    }
    Ok(out)
}

fn unknown_key(site: &ErrorSite<'_>, span: Range<usize>, key: &str) -> ConfigError {
    site.at(
        span.start,
        format!(
            "unknown key `{key}`; the keys are {}",
            KEYS.iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    )
}

fn string<'v>(value: &'v Spanned<DeValue<'_>>) -> Option<&'v str> {
    value.get_ref().as_str()
}

/// A list of strings with the offset of each.
fn strings(
    site: &ErrorSite<'_>,
    key: &str,
    value: &Spanned<DeValue<'_>>,
) -> Result<Vec<(String, usize)>, ConfigError> {
    let must = || {
        site.at(
            value.span().start,
            format!("`{key}` must be a list of strings"),
        )
    };
    let array = value.get_ref().as_array().ok_or_else(must)?;
    array
        .iter()
        .map(|item| {
            item.get_ref()
                .as_str()
                .map(|s| (s.to_string(), item.span().start))
                .ok_or_else(|| {
                    site.at(
                        item.span().start,
                        format!("`{key}` must be a list of strings"),
                    )
                })
        })
        .collect()
}

fn selectors(
    site: &ErrorSite<'_>,
    key: &str,
    value: &Spanned<DeValue<'_>>,
) -> Result<Vec<RuleSelector>, ConfigError> {
    strings(site, key, value)?
        .into_iter()
        .map(|(s, at)| RuleSelector::parse(&s).map_err(|e| site.at(at, e.to_string())))
        .collect()
}

fn severities(
    site: &ErrorSite<'_>,
    value: &Spanned<DeValue<'_>>,
) -> Result<Vec<SeverityOverride>, ConfigError> {
    let table = value.get_ref().as_table().ok_or_else(|| {
        site.at(
            value.span().start,
            "`severity` must be a table of rule = \"level\"",
        )
    })?;
    in_file_order(table)
        .into_iter()
        .map(|(key, level_value)| {
            let selector = RuleSelector::parse(key.get_ref())
                .map_err(|e| site.at(key.span().start, e.to_string()))?;
            let severity = string(level_value).and_then(level).ok_or_else(|| {
                site.at(
                    level_value.span().start,
                    format!("a severity must be one of {LEVEL_NAMES}"),
                )
            })?;
            Ok(SeverityOverride { selector, severity })
        })
        .collect()
}

fn label_schema(
    site: &ErrorSite<'_>,
    value: &Spanned<DeValue<'_>>,
) -> Result<std::collections::BTreeMap<String, LabelType>, ConfigError> {
    let table = value.get_ref().as_table().ok_or_else(|| {
        site.at(
            value.span().start,
            "`label-schema` must be a table of label = \"type\"",
        )
    })?;
    table
        .iter()
        .map(|(name, kind)| {
            let kind = string(kind).and_then(LabelType::parse).ok_or_else(|| {
                site.at(
                    kind.span().start,
                    format!(
                        "a label type must be one of {}",
                        LabelType::NAMES.map(|n| format!("\"{n}\"")).join(", ")
                    ),
                )
            })?;
            Ok((name.get_ref().to_string(), kind))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Severity;

    fn run(text: &str, pyproject: bool) -> Result<Option<Settings>, String> {
        let site = ErrorSite::new("slimfile.toml", text);
        parse(&site, text, pyproject).map_err(|e| e.to_string())
    }

    #[test]
    fn reads_every_key() {
        let s = run(
            "select = [\"size\", \"DL3015\"]\nextend-select = [\"SF501\"]\nignore = [\"DL3009\"]\ntrusted-registries = [\"ghcr.io\"]\nprefer = \"alpine\"\nfail-level = \"error\"\n[severity]\nDL3015 = \"warning\"\nsize = \"off\"\n",
            false,
        )
        .expect("valid")
        .expect("settings");
        assert_eq!(s.select.len(), 2);
        assert_eq!(s.extend_select.len(), 1);
        assert_eq!(s.ignore.len(), 1);
        assert_eq!(s.trusted_registries, ["ghcr.io"]);
        assert_eq!(s.prefer, Flavor::Alpine);
        assert_eq!(s.fail_level, FailLevel::Error);
        assert_eq!(s.severity.len(), 2);
        assert_eq!(s.severity[0].severity, Some(Severity::Warning));
        assert_eq!(s.severity[1].severity, None);
    }

    #[test]
    fn reads_a_label_schema() {
        let s = run(
            "strict-labels = true\n[label-schema]\nmaintainer = \"text\"\n\"org.opencontainers.image.source\" = \"url\"\n",
            false,
        )
        .expect("valid")
        .expect("settings");
        assert!(s.strict_labels);
        assert_eq!(s.label_schema["maintainer"], LabelType::Text);
        assert_eq!(
            s.label_schema["org.opencontainers.image.source"],
            LabelType::Url
        );
        assert_eq!(
            run("[label-schema]\nversion = \"semantic\"\n", false).unwrap_err(),
            "slimfile.toml:2:11: a label type must be one of \"text\", \"url\", \"semver\", \"hash\", \"rfc3339\", \"spdx\", \"email\""
        );
    }

    #[test]
    fn errors_name_line_and_column() {
        assert_eq!(
            run("select = [\"DL3015\"]\n  selct = []\n", false).unwrap_err(),
            "slimfile.toml:2:3: unknown key `selct`; the keys are `select`, `extend-select`, `ignore`, `severity`, `trusted-registries`, `prefer`, `fail-level`, `label-schema`, `strict-labels`"
        );
        assert_eq!(
            run("ignore = [\"DL3015\", \"XX9999\"]\n", false).unwrap_err(),
            "slimfile.toml:1:21: unknown rule or category `XX9999`"
        );
        assert_eq!(
            run("[severity]\nDL3015 = \"loud\"\n", false).unwrap_err(),
            "slimfile.toml:2:10: a severity must be one of \"error\", \"warning\", \"info\", \"style\", \"off\""
        );
        assert_eq!(
            run("select = \"DL3015\"\n", false).unwrap_err(),
            "slimfile.toml:1:10: `select` must be a list of strings"
        );
        assert_eq!(
            run("select = [\n", false).unwrap_err(),
            "slimfile.toml:1:11: invalid TOML: unclosed array, expected `]`"
        );
    }

    #[test]
    fn pyproject_without_a_table_is_not_a_config() {
        assert!(run("[project]\nname = \"x\"\n", true)
            .expect("ok")
            .is_none());
        let s = run(
            "[tool.slimfile]\nignore = [\"DL3015\"]\n[tool.other]\nx = 1\n",
            true,
        )
        .expect("ok")
        .expect("settings");
        assert_eq!(s.ignore.len(), 1);
        assert_eq!(
            run("[tool.slimfile]\nbogus = 1\n", true).unwrap_err(),
            "slimfile.toml:2:1: unknown key `bogus`; the keys are `select`, `extend-select`, `ignore`, `severity`, `trusted-registries`, `prefer`, `fail-level`, `label-schema`, `strict-labels`"
        );
    }
}
