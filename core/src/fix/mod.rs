//! Rewriting: apply the fixes the analyzer proposes, re-parse, re-analyze, and repeat
//! until nothing more can be fixed. Every pass is checked: a pass whose text no longer
//! parses as well as before is rolled back fix by fix, and a rewrite that does not settle
//! stops at a cap and says so.

pub mod multistage;
pub mod structural;

use serde::{Deserialize, Serialize};

use crate::rules::{
    Analyzer, Applicability, Config, Context, Diagnostic, Edit, RuleSelector, RULES,
};
use crate::syntax::parse;

/// Which fixes to apply.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FixOptions {
    /// Also apply fixes that may change the build's behaviour.
    pub unsafe_fixes: bool,
    /// Only fixes of these rules (codes, names, categories); empty: every enabled rule.
    pub only: Vec<RuleSelector>,
    /// The most passes before giving up on a rewrite that keeps changing.
    pub max_passes: u32,
}

impl Default for FixOptions {
    fn default() -> Self {
        FixOptions {
            unsafe_fixes: false,
            only: Vec::new(),
            max_passes: 16,
        }
    }
}

/// One fix that was applied.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppliedFix {
    pub code: String,
    pub title: String,
    pub applicability: Applicability,
    /// The pass that applied it, from 1.
    pub pass: u32,
}

/// A fix that was not applied because it broke the file, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RejectedFix {
    pub code: String,
    pub title: String,
    pub reason: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rewrite {
    pub text: String,
    /// The `.dockerignore` to write, when a fix asked for entries (the user's lines first,
    /// never removed); `None` when it needs no change.
    pub dockerignore: Option<String>,
    pub applied: Vec<AppliedFix>,
    pub rejected: Vec<RejectedFix>,
    /// What is still reported on the rewritten text.
    pub remaining: Vec<Diagnostic>,
    /// Whether the passes stopped at the cap with fixes still to apply.
    pub converged: bool,
}

fn wanted(d: &Diagnostic, options: &FixOptions) -> bool {
    let Some(fix) = &d.fix else { return false };
    let applicable = match fix.applicability {
        Applicability::Safe => true,
        Applicability::Unsafe => options.unsafe_fixes,
        Applicability::DisplayOnly => false,
    };
    applicable
        && !fix.is_empty()
        && (options.only.is_empty()
            || RULES
                .iter()
                .find(|r| r.code == d.code)
                .is_some_and(|r| options.only.iter().any(|s| s.matches(r))))
}

/// How much text a fix rewrites, from its first edit to its last.
fn span(d: &Diagnostic) -> u32 {
    let edits = d.fix.as_ref().map_or(&[][..], |f| &f.edits[..]);
    let start = edits.iter().map(|e| e.range.start).min().unwrap_or(0);
    let end = edits.iter().map(|e| e.range.end).max().unwrap_or(0);
    end.saturating_sub(start)
}

/// Whether two edits touch: they overlap, or one inserts where the other starts or ends
/// (the order of the two texts there would be arbitrary).
fn clash((a_start, a_end): (u32, u32), (b_start, b_end): (u32, u32)) -> bool {
    let overlap = a_start < b_end && b_start < a_end;
    let a_inserts_at_b = a_start == a_end && (a_start == b_start || a_start == b_end);
    let b_inserts_at_a = b_start == b_end && (b_start == a_start || b_start == a_end);
    overlap || a_inserts_at_b || b_inserts_at_a || (a_start == b_start && a_end == b_end)
}

/// Applies `fixes` to `text`; the caller guarantees they do not overlap.
fn apply(text: &str, fixes: &[&Diagnostic]) -> String {
    let mut edits: Vec<&Edit> = fixes
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .flat_map(|f| f.edits.iter())
        .collect();
    edits.sort_by_key(|e| (e.range.start, e.range.end));
    let mut out = String::with_capacity(text.len() + 64);
    let mut at = 0usize;
    for e in edits {
        let (start, end) = (e.range.start as usize, e.range.end as usize);
        out.push_str(text.get(at..start).unwrap_or(""));
        out.push_str(&e.content);
        at = end.max(at);
    }
    out.push_str(text.get(at..).unwrap_or(""));
    out
}

/// Picks fixes in source order whose edits overlap no fix already picked. Two insertions
/// at the same offset overlap too: their order would be arbitrary.
fn non_overlapping<'d>(candidates: &[&'d Diagnostic]) -> Vec<&'d Diagnostic> {
    let mut taken: Vec<&Diagnostic> = Vec::new();
    let mut used: Vec<(u32, u32)> = Vec::new();
    for d in candidates {
        let Some(fix) = &d.fix else { continue };
        let clashes = fix
            .edits
            .iter()
            .any(|e| used.iter().any(|&u| clash((e.range.start, e.range.end), u)));
        let valid = fix.edits.iter().all(|e| e.range.start <= e.range.end);
        if !clashes && valid {
            used.extend(fix.edits.iter().map(|e| (e.range.start, e.range.end)));
            taken.push(d);
        }
    }
    taken
}

/// Rewrites `source` with every fix the options allow, to a fixpoint.
pub fn rewrite(source: &str, context: &Context, config: &Config, options: &FixOptions) -> Rewrite {
    let mut text = source.to_string();
    // Fixes may add `.dockerignore` lines; later passes see the extended file.
    let mut context = context.clone();
    let mut ignore_added = false;
    let mut applied = Vec::new();
    let mut rejected: Vec<RejectedFix> = Vec::new();
    let mut seen = vec![(text.clone(), context.dockerignore.clone())];
    let mut converged = true;
    let analyzer = Analyzer::new(config.clone());
    for pass in 1..=options.max_passes.max(1) {
        let parsed = parse(&text);
        let diagnostics = analyzer.analyze(&parsed, &context);
        let is_rejected = |d: &Diagnostic| {
            rejected
                .iter()
                .any(|r| r.code == d.code && d.fix.as_ref().is_some_and(|f| f.title == r.title))
        };
        let candidates: Vec<&Diagnostic> = diagnostics
            .iter()
            .filter(|d| wanted(d, options) && !is_rejected(d))
            .collect();
        if candidates.is_empty() {
            break;
        }
        // Wider fixes first: a structural rewrite (a stage split, a moved COPY) would
        // otherwise wait behind the small edits inside it, and run on their result.
        let mut candidates = candidates;
        candidates.sort_by_key(|d| std::cmp::Reverse(span(d)));
        let chosen = non_overlapping(&candidates);
        let errors_before = parsed.errors.len();
        let breaks =
            |fixes: &[&Diagnostic]| parse(&apply(&text, fixes)).errors.len() > errors_before;
        let mut keep = chosen.clone();
        if breaks(&keep) {
            // Find the fixes that break parsing, one by one, and keep the others.
            keep.retain(|d| {
                let bad = breaks(&[d]);
                if bad {
                    rejected.push(RejectedFix {
                        code: d.code.to_string(),
                        title: d
                            .fix
                            .as_ref()
                            .map(|f| f.title.to_string())
                            .unwrap_or_default(),
                        reason: "the fixed file no longer parses".into(),
                    });
                }
                !bad
            });
            if breaks(&keep) {
                keep.truncate(1); // together they still break it: one at a time
            }
        }
        let next = apply(&text, &keep);
        let additions: Vec<&String> = keep
            .iter()
            .filter_map(|d| d.fix.as_ref())
            .flat_map(|f| f.dockerignore.iter())
            .collect();
        if !additions.is_empty() {
            context.dockerignore = Some(extend_dockerignore(
                context.dockerignore.as_deref(),
                &additions,
            ));
            ignore_added = true;
        }
        record(&mut applied, &keep, pass);
        let state = (next.clone(), context.dockerignore.clone());
        if seen.contains(&state) {
            // A cycle: the fixes undo each other. Stop where we are.
            converged = next == text;
            break;
        }
        seen.push(state);
        text = next;
        if pass == options.max_passes {
            converged = false;
        }
    }
    let remaining = analyzer.analyze(&parse(&text), &context);
    if converged
        && remaining
            .iter()
            .any(|d| wanted(d, options) && !rejected.iter().any(|r| r.code == d.code))
    {
        converged = false;
    }
    let dockerignore = if ignore_added {
        context.dockerignore
    } else {
        None
    };
    Rewrite {
        text,
        dockerignore,
        applied,
        rejected,
        remaining,
        converged,
    }
}

/// The user's `.dockerignore` with `additions` appended (once each), never removing or
/// reordering a line; a new file gets a header saying where it came from.
pub fn extend_dockerignore(existing: Option<&str>, additions: &[&String]) -> String {
    let mut out = match existing {
        Some(text) => text.to_string(),
        None => "# Written by slimfile: what the image does not need from the build context.\n"
            .to_string(),
    };
    let present: Vec<String> = out.lines().map(|l| l.trim().to_string()).collect();
    let mut new_lines: Vec<&str> = Vec::new();
    for entry in additions {
        let entry = entry.trim();
        if !entry.is_empty() && !present.iter().any(|p| p == entry) && !new_lines.contains(&entry) {
            new_lines.push(entry);
        }
    }
    if new_lines.is_empty() {
        return out;
    }
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    if existing.is_some() {
        out.push_str("# Added by slimfile\n");
    }
    for line in new_lines {
        out.push_str(line);
        out.push('\n');
    }
    out
}

fn record(applied: &mut Vec<AppliedFix>, fixes: &[&Diagnostic], pass: u32) {
    for d in fixes {
        if let Some(fix) = &d.fix {
            applied.push(AppliedFix {
                code: d.code.to_string(),
                title: fix.title.to_string(),
                applicability: fix.applicability,
                pass,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const APT: &str = "FROM debian:trixie-slim\nRUN apt-get update && apt-get install -y curl\n";

    #[test]
    fn safe_fixes_apply_by_default_and_unsafe_on_request() {
        let safe = rewrite(
            APT,
            &Context::default(),
            &Config::default(),
            &FixOptions::default(),
        );
        assert_eq!(safe.text, "FROM debian:trixie-slim\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n");
        assert!(safe.converged);
        assert_eq!(
            safe.remaining
                .iter()
                .map(|d| d.code.as_ref())
                .collect::<Vec<_>>(),
            ["DL3015"]
        );

        let all = rewrite(
            APT,
            &Context::default(),
            &Config::default(),
            &FixOptions {
                unsafe_fixes: true,
                ..FixOptions::default()
            },
        );
        assert_eq!(
            all.text,
            "FROM debian:trixie-slim\nRUN apt-get update && apt-get install --no-install-recommends -y curl && rm -rf /var/lib/apt/lists/*\n"
        );
        assert!(all.remaining.is_empty());
    }

    #[test]
    fn rewriting_twice_changes_nothing() {
        let options = FixOptions {
            unsafe_fixes: true,
            ..FixOptions::default()
        };
        let once = rewrite(APT, &Context::default(), &Config::default(), &options);
        let twice = rewrite(
            &once.text,
            &Context::default(),
            &Config::default(),
            &options,
        );
        assert_eq!(twice.text, once.text);
        assert!(twice.applied.is_empty());
    }

    #[test]
    fn dockerignore_is_extended_never_rewritten() {
        let existing = "node_modules\n# keep\n.env";
        let adds = [
            ".git".to_string(),
            "node_modules".to_string(),
            ".git".to_string(),
        ];
        let refs: Vec<&String> = adds.iter().collect();
        assert_eq!(
            extend_dockerignore(Some(existing), &refs),
            "node_modules\n# keep\n.env\n# Added by slimfile\n.git\n"
        );
        assert!(extend_dockerignore(None, &refs).ends_with("\n.git\nnode_modules\n"));
        assert_eq!(extend_dockerignore(Some("a\n"), &[]), "a\n");
    }

    #[test]
    fn only_limits_the_fixes() {
        let options = FixOptions {
            unsafe_fixes: true,
            only: vec![RuleSelector::parse("DL3015").expect("code")],
            ..FixOptions::default()
        };
        let r = rewrite(APT, &Context::default(), &Config::default(), &options);
        assert_eq!(r.applied.len(), 1);
        assert_eq!(r.applied[0].code, "DL3015");
    }
}
