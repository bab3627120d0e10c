//! hadolint's `.hadolint.yaml`, so hadolint users switch without rewriting their config:
//!
//! ```yaml
//! ignored: [DL3008, SC2086]
//! trustedRegistries: [docker.io, ghcr.io]
//! override:
//!   error: [DL3015]
//!   warning: []
//!   info: []
//!   style: []
//! failure-threshold: warning
//! label-schema:
//!   maintainer: text
//!   org.opencontainers.image.source: url
//! strict-labels: true
//! ```
//!
//! `ignored`, `trustedRegistries`, `override`, `failure-threshold`, `label-schema` and
//! `strict-labels` are honoured. hadolint's other keys (`format`, `no-color`, `no-fail`,
//! `disable-ignore-pragma`) are accepted and have no effect. hadolint codes (`DLnnnn`,
//! `SCnnnn`) that slimfile has no rule for are skipped: they can report nothing here, and
//! refusing them would make nearly every real hadolint config unusable. Any other unknown
//! key or code is an error with its line.

use saphyr::{LoadableYamlNode, MarkedYaml, Scalar, YamlData};

use super::error_site::ErrorSite;
use super::{FailLevel, LabelType, RuleSelector, Settings, SeverityOverride};
use crate::error::ConfigError;
use crate::rules::{rule_by_id, Severity};

/// hadolint keys that are valid but mean nothing to slimfile.
const ACCEPTED: &[&str] = &["format", "no-color", "no-fail", "disable-ignore-pragma"];

pub(super) fn parse(site: &ErrorSite<'_>, text: &str) -> Result<Settings, ConfigError> {
    let docs = MarkedYaml::load_from_str(text).map_err(|e| {
        let m = e.marker();
        site.at_line_col(m.line(), m.col(), format!("invalid YAML: {}", e.info()))
    })?;
    let mut out = Settings::default();
    let Some(doc) = docs.first() else {
        return Ok(out);
    };
    let map = match &doc.data {
        YamlData::Mapping(map) => map,
        YamlData::Value(Scalar::Null) => return Ok(out),
        _ => return Err(err(site, doc, "the file must be a mapping of keys")),
    };
    for (key, value) in map {
        let Some(name) = scalar_str(key) else {
            return Err(err(site, key, "keys must be strings"));
        };
        match name {
            "ignored" => {
                for (code, node) in string_list(site, name, value)? {
                    if let Some(selector) = code_selector(site, &code, node)? {
                        out.ignore.push(selector);
                    }
                }
            }
            "trustedRegistries" => {
                out.trusted_registries = string_list(site, name, value)?
                    .into_iter()
                    .map(|(s, _)| s)
                    .collect();
            }
            "override" => out.severity = overrides(site, value)?,
            "failure-threshold" => {
                out.fail_level = scalar_str(value).and_then(FailLevel::parse).ok_or_else(
                    || {
                        err(
                            site,
                            value,
                            "`failure-threshold` must be one of error, warning, info, style, ignore, none",
                        )
                    },
                )?;
            }
            "label-schema" => out.label_schema = label_schema(site, value)?,
            "strict-labels" => {
                out.strict_labels = match &value.data {
                    YamlData::Value(Scalar::Boolean(b)) => *b,
                    _ => return Err(err(site, value, "`strict-labels` must be true or false")),
                };
            }
            other if ACCEPTED.contains(&other) => {}
            other => {
                return Err(err(
                    site,
                    key,
                    format!(
                        "unknown key `{other}`; slimfile reads `ignored`, `trustedRegistries`, `override`, `failure-threshold`, `label-schema` and `strict-labels` from hadolint configs"
                    ),
                ))
            }
        }
    }
    Ok(out)
}

/// `label-schema`: a mapping of label name to type (hadolint's names).
fn label_schema(
    site: &ErrorSite<'_>,
    value: &MarkedYaml<'_>,
) -> Result<std::collections::BTreeMap<String, LabelType>, ConfigError> {
    let map = match &value.data {
        YamlData::Mapping(map) => map,
        YamlData::Value(Scalar::Null) => return Ok(Default::default()),
        _ => {
            return Err(err(
                site,
                value,
                "`label-schema` must be a mapping of label: type",
            ))
        }
    };
    map.iter()
        .map(|(name, kind)| {
            let name =
                scalar_str(name).ok_or_else(|| err(site, name, "label names must be strings"))?;
            let kind = scalar_str(kind).and_then(LabelType::parse).ok_or_else(|| {
                err(
                    site,
                    kind,
                    format!(
                        "a label type must be one of {}",
                        LabelType::NAMES.join(", ")
                    ),
                )
            })?;
            Ok((name.to_string(), kind))
        })
        .collect()
}

fn err(site: &ErrorSite<'_>, node: &MarkedYaml<'_>, message: impl Into<String>) -> ConfigError {
    site.at_line_col(node.span.start.line(), node.span.start.col(), message)
}

fn scalar_str<'a>(node: &'a MarkedYaml<'_>) -> Option<&'a str> {
    match &node.data {
        YamlData::Value(Scalar::String(s)) => Some(s.as_ref()),
        YamlData::Representation(s, _, _) => Some(s.as_ref()),
        _ => None,
    }
}

/// A list of strings (hadolint also takes a single string), each with its node.
fn string_list<'n, 'i>(
    site: &ErrorSite<'_>,
    key: &str,
    value: &'n MarkedYaml<'i>,
) -> Result<Vec<(String, &'n MarkedYaml<'i>)>, ConfigError> {
    match &value.data {
        YamlData::Sequence(items) => items
            .iter()
            .map(|item| {
                scalar_str(item)
                    .map(|s| (s.to_string(), item))
                    .ok_or_else(|| err(site, item, format!("`{key}` must be a list of strings")))
            })
            .collect(),
        YamlData::Value(Scalar::Null) => Ok(Vec::new()),
        _ => match scalar_str(value) {
            Some(s) => Ok(vec![(s.to_string(), value)]),
            None => Err(err(
                site,
                value,
                format!("`{key}` must be a list of strings"),
            )),
        },
    }
}

/// A hadolint code: the rule it names, `None` for a hadolint code slimfile does not have,
/// or an error for anything else.
fn code_selector(
    site: &ErrorSite<'_>,
    code: &str,
    node: &MarkedYaml<'_>,
) -> Result<Option<RuleSelector>, ConfigError> {
    if let Some(rule) = rule_by_id(code) {
        return Ok(Some(RuleSelector::Rule(rule.code)));
    }
    let b = code.as_bytes();
    let hadolint_code = b.len() == 6
        && (code.starts_with("DL") || code.starts_with("SC"))
        && b[2..].iter().all(u8::is_ascii_digit);
    if hadolint_code {
        Ok(None)
    } else {
        Err(err(site, node, format!("unknown rule `{code}`")))
    }
}

fn overrides(
    site: &ErrorSite<'_>,
    value: &MarkedYaml<'_>,
) -> Result<Vec<SeverityOverride>, ConfigError> {
    let map = match &value.data {
        YamlData::Mapping(map) => map,
        YamlData::Value(Scalar::Null) => return Ok(Vec::new()),
        _ => {
            return Err(err(
                site,
                value,
                "`override` must map error, warning, info and style to lists of codes",
            ))
        }
    };
    let mut out = Vec::new();
    for (key, codes) in map {
        let severity = match scalar_str(key) {
            Some("error") => Severity::Error,
            Some("warning") => Severity::Warning,
            Some("info") => Severity::Info,
            Some("style") => Severity::Style,
            _ => {
                return Err(err(
                    site,
                    key,
                    "`override` levels are error, warning, info and style",
                ))
            }
        };
        for (code, node) in string_list(site, "override", codes)? {
            if let Some(selector) = code_selector(site, &code, node)? {
                out.push(SeverityOverride {
                    selector,
                    severity: Some(severity),
                });
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Result<Settings, String> {
        let site = ErrorSite::new(".hadolint.yaml", text);
        parse(&site, text).map_err(|e| e.to_string())
    }

    #[test]
    fn reads_hadolint_keys() {
        let s = run("ignored:\n  - DL3015\n  - SC2086\n  - DL3999\ntrustedRegistries: docker.io\noverride:\n  error: [DL3009]\n  style:\n    - DL3015\nfailure-threshold: info\nno-color: true\n")
            .expect("valid");
        assert_eq!(s.ignore, [RuleSelector::Rule("DL3015")]);
        assert_eq!(s.trusted_registries, ["docker.io"]);
        assert_eq!(
            s.severity,
            [
                SeverityOverride {
                    selector: RuleSelector::Rule("DL3009"),
                    severity: Some(Severity::Error)
                },
                SeverityOverride {
                    selector: RuleSelector::Rule("DL3015"),
                    severity: Some(Severity::Style)
                },
            ]
        );
        assert_eq!(s.fail_level, FailLevel::Info);
        assert!(run("").expect("empty is fine").ignore.is_empty());
    }

    #[test]
    fn reads_the_label_schema() {
        let s = run("label-schema:\n  author: text\n  org.opencontainers.image.created: rfc3339\nstrict-labels: true\n")
            .expect("valid");
        assert_eq!(s.label_schema["author"], LabelType::Text);
        assert_eq!(
            s.label_schema["org.opencontainers.image.created"],
            LabelType::Rfc3339
        );
        assert!(s.strict_labels);
        assert_eq!(
            run("label-schema:\n  author: name\n").unwrap_err(),
            ".hadolint.yaml:2:11: a label type must be one of text, url, semver, hash, rfc3339, spdx, email"
        );
    }

    #[test]
    fn errors_name_line_and_column() {
        assert_eq!(
            run("ignored: [DL3015]\nignord: [DL3009]\n").unwrap_err(),
            ".hadolint.yaml:2:1: unknown key `ignord`; slimfile reads `ignored`, `trustedRegistries`, `override`, `failure-threshold`, `label-schema` and `strict-labels` from hadolint configs"
        );
        assert_eq!(
            run("ignored:\n  - DL3015\n  - bogus\n").unwrap_err(),
            ".hadolint.yaml:3:5: unknown rule `bogus`"
        );
        assert_eq!(
            run("override:\n  fatal: [DL3015]\n").unwrap_err(),
            ".hadolint.yaml:2:3: `override` levels are error, warning, info and style"
        );
        assert_eq!(
            run("failure-threshold: loud\n").unwrap_err(),
            ".hadolint.yaml:1:20: `failure-threshold` must be one of error, warning, info, style, ignore, none"
        );
        assert!(run("ignored: [DL3015\n")
            .unwrap_err()
            .starts_with(".hadolint.yaml:2:1: invalid YAML: "));
    }
}
