//! Rewriting: apply the fixes the analyzer proposes, re-parse, re-analyze, and repeat
//! until nothing more can be fixed. Every pass is checked: the fixes of a pass whose text
//! no longer parses as well as before, or shows a defect the models did not see before,
//! are sifted by halves for the ones to refuse (see `sift`), and a rewrite that does not
//! settle stops at a cap and says so.
//!
//! Each pass costs one parse and one analysis of the text plus work linear in the fixes
//! (overlaps are found in a sorted map, states are remembered by hash), so a rewrite is
//! linear in passes × size.

mod dockerignore;
mod overlaps;
mod sift;

use std::collections::HashSet;
use std::hash::{Hash, Hasher};

use serde::{Deserialize, Serialize};

use crate::edit::{apply_edits, Applicability};
use crate::rules::fixes::verify::{defects, new_defects};
use crate::rules::{Analyzer, Context, Violation};
use crate::settings::RuleSelector;
use crate::syntax::parse;
use crate::syntax::TextRange;

pub(crate) use dockerignore::extend_dockerignore;

/// Which fixes to apply.
///
/// ```
/// let options = slimfile::FixOptions { unsafe_fixes: true, ..Default::default() };
/// assert_eq!(options.max_passes, 16);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "kebab-case")]
pub struct FixOptions {
    /// Also apply fixes that may change the build's behaviour.
    pub unsafe_fixes: bool,
    /// Only fixes of these rules (codes, names, categories); empty: every selected rule.
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
#[non_exhaustive]
pub struct AppliedFix {
    /// The code of the rule whose fix it is.
    pub code: String,
    /// The fix's title: what it did.
    pub title: String,
    /// Whether it was safe or unsafe.
    pub applicability: Applicability,
    /// The pass that applied it, from 1.
    pub pass: u32,
}

/// A fix that was not applied because it broke the file, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RejectedFix {
    /// The code of the rule whose fix it is.
    pub code: String,
    /// The fix's title.
    pub title: String,
    /// Why it was left out.
    pub reason: String,
}

/// What the passes made of a file, at byte level.
#[derive(Debug)]
pub(crate) struct Rewrite {
    pub text: String,
    /// The `.dockerignore` to write (the user's lines first, never removed), when fixes
    /// asked for lines it lacks.
    pub dockerignore: Option<String>,
    /// The lines added to it, in order.
    pub dockerignore_additions: Vec<String>,
    pub applied: Vec<AppliedFix>,
    pub rejected: Vec<RejectedFix>,
    /// What is still reported on the rewritten text, and the context it was checked with.
    pub remaining: Vec<Violation>,
    /// Estimated bytes the applied fixes take out of the image: for each fixed rule, what
    /// its violations promised before the first pass less what they still promise after.
    pub saved_bytes: u64,
    pub converged: bool,
}

/// A rejected fix, as the later passes recognise it: its rule, its title, the text it was
/// reported on, and what its edits replace with what. Titles repeat (every merge of `RUN`s
/// has the same one): one merge that breaks the file must not hold back the others; and
/// the same finding may come with another fix once other fixes changed the file (a merge
/// of other `RUN`s), which is judged anew, as a run on the fixed file would judge it.
type RejectionKey = (&'static str, String, String, Vec<(String, String)>);

fn rejection_key(v: &Violation, text: &str) -> RejectionKey {
    let title = v.fix_title().map(|t| t.to_string()).unwrap_or_default();
    let slice = |r: TextRange| {
        text.get(r.start as usize..r.end as usize)
            .unwrap_or_default()
            .to_string()
    };
    let edits = v.fix.as_ref().map_or_else(Vec::new, |f| {
        f.edits
            .iter()
            .map(|e| (slice(e.range), e.content.to_string()))
            .collect()
    });
    (v.code, title, slice(v.range), edits)
}

/// The fixes of `keep` (which fail `check` together) that can stay: those `check` refuses
/// on their own are recorded as rejected, and what is left, if it still fails together
/// (the file grows past the size limit), is cut to the first half that passes; the rest
/// waits for later passes.
fn refuse_failing<'v>(
    keep: &[&'v Violation],
    check: &mut dyn FnMut(&[&'v Violation]) -> Option<String>,
    text: &str,
    rejected: &mut Vec<RejectedFix>,
    rejected_keys: &mut HashSet<RejectionKey>,
) -> Vec<&'v Violation> {
    let sifted = sift::sift(keep, check);
    for (v, reason) in sifted.refused {
        rejected_keys.insert(rejection_key(v, text));
        reject(rejected, v, reason);
    }
    let mut kept = sifted.kept;
    while kept.len() > 1 && check(&kept).is_some() {
        kept.truncate(kept.len() / 2);
    }
    kept
}

/// Records why a fix was not applied, once for each rule, title and reason.
fn reject(rejected: &mut Vec<RejectedFix>, v: &Violation, reason: String) {
    let title = v.fix_title().map(|t| t.to_string()).unwrap_or_default();
    let known = rejected
        .iter()
        .any(|r| r.code == v.code && r.title == title && r.reason == reason);
    if !known {
        rejected.push(RejectedFix {
            code: v.code.to_string(),
            title,
            reason,
        });
    }
}

fn wanted(v: &Violation, options: &FixOptions) -> bool {
    let Some(fix) = &v.fix else { return false };
    let applicable = match fix.applicability {
        Applicability::Safe => true,
        Applicability::Unsafe => options.unsafe_fixes,
        Applicability::DisplayOnly => false,
    };
    applicable
        && !fix.is_empty()
        && (options.only.is_empty() || options.only.iter().any(|s| s.matches_code(v.code)))
}

/// A rewrite state, remembered by hash to notice fixes that undo each other.
fn state_hash(text: &str, dockerignore: Option<&str>) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut hasher);
    dockerignore.hash(&mut hasher);
    hasher.finish()
}

/// Rewrites `source` with every fix the options allow, to a fixpoint.
pub(crate) fn rewrite(
    source: &str,
    context: &Context,
    analyzer: &Analyzer,
    options: &FixOptions,
) -> Rewrite {
    let mut text = source.to_string();
    // Fixes may add `.dockerignore` lines; later passes see the extended file.
    let mut context = context.clone();
    let mut additions: Vec<String> = Vec::new();
    let mut applied = Vec::new();
    let mut rejected: Vec<RejectedFix> = Vec::new();
    let mut rejected_keys: HashSet<RejectionKey> = HashSet::new();
    let mut seen = HashSet::from([state_hash(&text, context.dockerignore())]);
    let mut converged = true;
    let mut first_pass: Option<Vec<Violation>> = None;
    let mut last: Option<(String, Vec<Violation>)> = None;
    for pass in 1..=options.max_passes.max(1) {
        let parsed = parse(&text);
        let violations = analyzer.analyze(&parsed, &context);
        // The key copies the fix's edits: built only once something was refused.
        let is_rejected = |v: &Violation| {
            !rejected_keys.is_empty() && rejected_keys.contains(&rejection_key(v, &text))
        };
        let mut candidates: Vec<&Violation> = violations
            .iter()
            .filter(|v| wanted(v, options) && !is_rejected(v))
            .collect();
        if candidates.is_empty() {
            last = Some((text.clone(), violations));
            break;
        }
        // Wider fixes first: a structural rewrite (a stage split, a moved COPY) would
        // otherwise wait behind the small edits inside it, and run on their result.
        candidates
            .sort_by_key(|v| std::cmp::Reverse(v.fix.as_ref().map_or(0, |f| f.extent().len())));
        let chosen = overlaps::non_overlapping(&candidates);
        let errors_before = parsed.errors.len();
        let fixed = |fixes: &[&Violation]| {
            apply_edits(
                &text,
                fixes
                    .iter()
                    .filter_map(|v| v.fix.as_ref())
                    .flat_map(|f| &f.edits),
            )
        };
        let breaks = |fixes: &[&Violation]| parse(&fixed(fixes)).errors.len() > errors_before;
        let mut keep = chosen;
        let mut next = fixed(&keep);
        if parse(&next).errors.len() > errors_before {
            // Find the fixes that break parsing and keep the others.
            let mut check = |fixes: &[&Violation]| {
                breaks(fixes).then(|| "the fixed file no longer parses".to_string())
            };
            keep = refuse_failing(&keep, &mut check, &text, &mut rejected, &mut rejected_keys);
            next = fixed(&keep);
        }
        // The self-check: what the models see in the result must not be worse than in the
        // text the pass started from. A fix that adds a defect goes back to advice. Every
        // pass is checked, whatever its fixes: a check that depended on which fixes share a
        // pass would accept a fix in one run that it refused in another.
        if !keep.is_empty() {
            let before = defects(&parsed);
            if !new_defects(&before, &defects(&parse(&next))).is_empty() {
                let mut check = |fixes: &[&Violation]| {
                    let added = new_defects(&before, &defects(&parse(&fixed(fixes))));
                    (!added.is_empty())
                        .then(|| format!("the rewrite would add {}", added.join(", ")))
                };
                keep = refuse_failing(&keep, &mut check, &text, &mut rejected, &mut rejected_keys);
                next = fixed(&keep);
            }
        }
        if keep.is_empty() {
            // Every chosen fix was rejected: the next pass tries the fixes they overlapped,
            // which the rejected ones no longer shadow.
            first_pass.get_or_insert(violations);
            continue;
        }
        let new_lines: Vec<&String> = keep
            .iter()
            .filter_map(|v| v.fix.as_ref())
            .flat_map(|f| f.dockerignore.iter())
            .collect();
        if !new_lines.is_empty() {
            let (merged, added) = extend_dockerignore(context.dockerignore(), &new_lines);
            if !added.is_empty() {
                context = context.with_dockerignore(merged);
                additions.extend(added);
            }
        }
        record(&mut applied, &keep, pass);
        let fresh = seen.insert(state_hash(&next, context.dockerignore()));
        first_pass.get_or_insert(violations);
        if !fresh {
            // A cycle: the fixes undo each other. Stop where we are.
            converged = next == text;
            break;
        }
        text = next;
        if pass == options.max_passes {
            converged = false;
        }
    }
    let remaining = match last {
        Some((checked, violations)) if checked == text => violations,
        _ => analyzer.analyze(&parse(&text), &context),
    };
    if converged
        && remaining
            .iter()
            .any(|v| wanted(v, options) && !rejected.iter().any(|r| r.code == v.code))
    {
        converged = false;
    }
    let saved_bytes = first_pass.map_or(0, |before| saved(&before, &remaining, &applied));
    Rewrite {
        text,
        dockerignore: (!additions.is_empty())
            .then(|| context.dockerignore().unwrap_or_default().to_string()),
        dockerignore_additions: additions,
        applied,
        rejected,
        remaining,
        saved_bytes,
        converged,
    }
}

fn record(applied: &mut Vec<AppliedFix>, fixes: &[&Violation], pass: u32) {
    for v in fixes {
        if let Some(fix) = &v.fix {
            applied.push(AppliedFix {
                code: v.code.to_string(),
                title: fix.title.to_string(),
                applicability: fix.applicability,
                pass,
            });
        }
    }
}

/// The estimated bytes the applied fixes save: for each rule that was fixed, the savings
/// its violations promised before, less what its violations still promise after.
fn saved(before: &[Violation], after: &[Violation], applied: &[AppliedFix]) -> u64 {
    let codes: HashSet<&str> = applied.iter().map(|a| a.code.as_str()).collect();
    let sum = |list: &[Violation], code: &str| -> u64 {
        list.iter()
            .filter(|v| v.code == code)
            .filter_map(|v| v.savings.as_ref())
            .map(|s| s.bytes)
            .sum()
    };
    codes
        .into_iter()
        .map(|c| sum(before, c).saturating_sub(sum(after, c)))
        .sum()
}

#[cfg(test)]
mod tests;
