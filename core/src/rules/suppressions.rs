//! Inline suppressions: `# slimfile: ignore=CODES` and `# hadolint ignore=CODES` on the
//! lines right above an instruction, their `global` forms for the whole file, and
//! BuildKit's `# check=skip=...` directive.

use super::diagnostic::Diagnostic;
use super::registry::rule_by_id;
use crate::syntax::{Dockerfile, ItemKind, TextRange};

#[derive(Debug, Default)]
pub(crate) struct Suppressions {
    global: Vec<&'static str>,
    skip_all: bool,
    /// (instruction range, codes ignored on it)
    local: Vec<(TextRange, Vec<&'static str>)>,
}

impl Suppressions {
    pub fn read(df: &Dockerfile) -> Suppressions {
        let mut s = Suppressions::default();
        if let Some(check) = df.directive("check") {
            for part in check.value.split(';') {
                if let Some(list) = part.trim().strip_prefix("skip=") {
                    for name in list.split(',').map(str::trim) {
                        if name.eq_ignore_ascii_case("all") {
                            s.skip_all = true;
                        } else if let Some(rule) = rule_by_id(name).filter(|r| r.buildkit.is_some())
                        {
                            s.global.push(rule.code);
                        }
                    }
                }
            }
        }
        let mut pending: Vec<&'static str> = Vec::new();
        for item in df.items() {
            match item.kind {
                ItemKind::Comment => {
                    if let Some((global, codes)) = pragma(df.text(item.range)) {
                        if global {
                            s.global.extend(codes);
                        } else {
                            pending.extend(codes);
                        }
                    }
                }
                ItemKind::Instruction => {
                    if !pending.is_empty() {
                        s.local.push((item.range, std::mem::take(&mut pending)));
                    }
                }
                _ => pending.clear(),
            }
        }
        s
    }

    pub fn is_suppressed(&self, d: &Diagnostic, buildkit_check: bool) -> bool {
        if self.skip_all && buildkit_check {
            return true;
        }
        if self.global.iter().any(|c| *c == d.code) {
            return true;
        }
        self.local.iter().any(|(range, codes)| {
            range.contains(d.range.start) && codes.iter().any(|c| *c == d.code)
        })
    }
}

/// `# hadolint ignore=DL3008,DL3009`, `# slimfile: global ignore=SF201` ...
/// Returns whether it is global, and the rules it names.
fn pragma(line: &str) -> Option<(bool, Vec<&'static str>)> {
    let body = line.trim().strip_prefix('#')?.trim_start();
    let rest = ["slimfile:", "slimfile", "hadolint"]
        .iter()
        .find_map(|p| body.strip_prefix(p))?;
    let rest = rest.trim_start();
    let (global, rest) = match rest.strip_prefix("global") {
        Some(r) => (true, r.trim_start()),
        None => (false, rest),
    };
    let list = rest
        .strip_prefix("ignore")?
        .trim_start()
        .strip_prefix('=')?
        .trim_start();
    let list = list.split_whitespace().next().unwrap_or("");
    let codes = list
        .split(',')
        .filter_map(|c| rule_by_id(c.trim()))
        .map(|r| r.code)
        .collect();
    Some((global, codes))
}
