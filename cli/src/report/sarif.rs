//! `--format sarif`: SARIF 2.1.0 (OASIS), for GitHub code scanning, Azure DevOps and IDEs.
//!
//! One run; the driver lists the rules that reported something, with their documentation
//! (`shortDescription`, `fullDescription`, `help`) and default level; each result points at
//! its rule by `ruleId` and `ruleIndex` and carries its fix as `artifactChanges` with
//! `deletedRegion` + `insertedContent` replacements. Columns are Unicode code points
//! (`columnKind: unicodeCodePoints`), 1-based, end columns exclusive, as SARIF says.
//! Unsafe fixes are included only with `--unsafe-fixes`.

use std::collections::BTreeSet;
use std::io::{self, Write};

use serde_json::{json, Value};
use slimfile::syntax::LineIndex;
use slimfile::{Position, RuleInfo, Severity};

use super::{shows_fix, Emitter, FileReport, Options, Totals};
use crate::output::Positions;

#[derive(Debug)]
pub struct Sarif {
    options: Options,
    results: Vec<(String, Value)>,
    codes: BTreeSet<String>,
}

impl Sarif {
    pub fn new(options: Options) -> Self {
        Sarif {
            options,
            results: Vec::new(),
            codes: BTreeSet::new(),
        }
    }
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Style => "note",
    }
}

/// A relative or absolute path as a URI reference: `/` separators, and everything but
/// unreserved characters and `/` percent-encoded.
fn uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    if path.starts_with('/') {
        format!("file://{out}")
    } else {
        out
    }
}

fn region(start: Position, end: Position) -> Value {
    json!({
        "startLine": start.line,
        "startColumn": start.column,
        "endLine": end.line,
        "endColumn": end.column,
    })
}

/// The paragraph under a heading of the rule's documentation.
fn section(docs: &str, heading: &str) -> Option<String> {
    let after = docs.split(heading).nth(1)?;
    let body = after.split("\n## ").next()?.trim();
    (!body.is_empty()).then(|| body.to_string())
}

fn rule_descriptor(rule: &RuleInfo) -> Value {
    let docs = &rule.documentation;
    let full = section(docs, "## What it does").unwrap_or_else(|| rule.summary.clone());
    json!({
        "id": rule.code,
        "name": rule.name,
        "shortDescription": { "text": rule.summary },
        "fullDescription": { "text": full },
        "help": { "text": docs.trim(), "markdown": docs.trim() },
        "defaultConfiguration": {
            "enabled": rule.default_enabled,
            "level": level(rule.severity),
        },
        "properties": {
            "category": rule.category.as_str(),
            "tags": [rule.category.as_str()],
        },
    })
}

impl Emitter for Sarif {
    fn file(&mut self, _out: &mut dyn Write, file: &FileReport<'_>) -> io::Result<()> {
        if file.diagnostics.is_empty() {
            return Ok(());
        }
        let index = LineIndex::new(file.source);
        let mut edit_positions = Positions::new(&index, file.source);
        let location = uri(file.name);
        for d in file.diagnostics {
            let (start, end) = (d.range.start, d.range.end);
            let mut result = json!({
                "ruleId": d.code,
                "level": level(d.severity),
                "message": { "text": d.message },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": location },
                        "region": region(start, end),
                    }
                }],
            });
            if let Some(fix) = d.fix.as_ref().filter(|_| shows_fix(d, &self.options)) {
                let replacements: Vec<Value> = fix
                    .edits
                    .iter()
                    .map(|e| {
                        let deleted =
                            region(edit_positions.at(e.span[0]), edit_positions.at(e.span[1]));
                        let mut r = json!({ "deletedRegion": deleted });
                        if !e.content.is_empty() {
                            r["insertedContent"] = json!({ "text": e.content });
                        }
                        r
                    })
                    .collect();
                result["fixes"] = json!([{
                    "description": { "text": fix.title },
                    "artifactChanges": [{
                        "artifactLocation": { "uri": location },
                        "replacements": replacements,
                    }],
                }]);
            }
            if let Some(bytes) = d.savings_bytes {
                result["properties"] = json!({
                    "savingsBytes": bytes,
                    "savingsBasis": d.savings_basis,
                });
            }
            self.codes.insert(d.code.to_string());
            self.results.push((d.code.to_string(), result));
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, _totals: &Totals) -> io::Result<()> {
        let rules: Vec<&RuleInfo> = self
            .codes
            .iter()
            .filter_map(|c| slimfile::rule(c))
            .collect();
        let results: Vec<Value> = std::mem::take(&mut self.results)
            .into_iter()
            .map(|(code, mut result)| {
                if let Some(i) = rules.iter().position(|r| r.code == code) {
                    result["ruleIndex"] = json!(i);
                }
                result
            })
            .collect();
        let log = json!({
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [{
                "tool": {
                    "driver": {
                        "name": "slimfile",
                        "version": env!("CARGO_PKG_VERSION"),
                        "rules": rules.iter().map(|r| rule_descriptor(r)).collect::<Vec<_>>(),
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }],
        });
        let mut text = serde_json::to_string_pretty(&log).map_err(io::Error::other)?;
        text.push('\n');
        out.write_all(text.as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(uri("app/Dockerfile"), "app/Dockerfile");
        assert_eq!(uri("my app/Dockerfile#1"), "my%20app/Dockerfile%231");
        assert_eq!(uri("/srv/x/Dockerfile"), "file:///srv/x/Dockerfile");
        assert_eq!(uri("-"), "-");
    }
}
