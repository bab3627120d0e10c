//! Finding the fixes of a pass that fail a check (the file no longer parses, a model
//! defect appears) by halves: a group that passes is kept whole, a group that fails is
//! split, and a fix that fails on its own is refused. One bad fix among thousands then
//! costs a few dozen checks of the file instead of one per fix, which made a large file
//! quadratic to fix.

use crate::rules::Violation;

/// The most checks one sifting makes. Fixes it has not judged by then wait for the next
/// pass (neither kept nor refused), so a pass stays bounded whatever the fixes do.
const MAX_CHECKS: usize = 256;

/// What a sifting decided.
#[derive(Debug, Default)]
pub(super) struct Sifted<'v> {
    /// In their order among the fixes sifted.
    pub(super) kept: Vec<&'v Violation>,
    /// Each with the reason `check` gave.
    pub(super) refused: Vec<(&'v Violation, String)>,
}

/// Sifts `fixes`, known to fail `check` together. `check` returns why a group of fixes
/// fails, or `None` when it passes.
pub(super) fn sift<'v>(
    fixes: &[&'v Violation],
    check: &mut dyn FnMut(&[&'v Violation]) -> Option<String>,
) -> Sifted<'v> {
    let mut sifted = Sifted::default();
    let mut budget = MAX_CHECKS;
    split(fixes, true, &mut budget, check, &mut sifted);
    sifted
}

fn split<'v>(
    group: &[&'v Violation],
    known_failing: bool,
    budget: &mut usize,
    check: &mut dyn FnMut(&[&'v Violation]) -> Option<String>,
    sifted: &mut Sifted<'v>,
) {
    if group.is_empty() {
        return;
    }
    // A single fix is checked even when known to fail: its own reason is wanted.
    if !known_failing || group.len() == 1 {
        let Some(left) = budget.checked_sub(1) else {
            return;
        };
        *budget = left;
        match check(group) {
            None => {
                sifted.kept.extend_from_slice(group);
                return;
            }
            Some(reason) if group.len() == 1 => {
                sifted.refused.push((group[0], reason));
                return;
            }
            Some(_) => {}
        }
    }
    let (first, second) = group.split_at(group.len() / 2);
    split(first, false, budget, check, sifted);
    split(second, false, budget, check, sifted);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::TextRange;
    use crate::Severity;

    fn violations(n: usize) -> Vec<Violation> {
        (0..n)
            .map(|i| Violation {
                code: "SF000",
                name: "example",
                severity: Severity::Warning,
                message: format!("v{i}"),
                range: TextRange::empty(i as u32),
                fix: None,
                savings: None,
            })
            .collect()
    }

    #[test]
    fn one_bad_fix_among_thousands_takes_few_checks() {
        let all = violations(4096);
        let refs: Vec<&Violation> = all.iter().collect();
        let mut checks = 0;
        let sifted = sift(&refs, &mut |group| {
            checks += 1;
            group
                .iter()
                .any(|v| v.message == "v1234")
                .then(|| "breaks".to_string())
        });
        assert_eq!(sifted.refused.len(), 1);
        assert_eq!(sifted.refused[0].0.message, "v1234");
        assert_eq!(sifted.kept.len(), 4095);
        assert!(sifted
            .kept
            .windows(2)
            .all(|p| p[0].range.start < p[1].range.start));
        assert!(checks <= 2 * 12 + 1, "{checks} checks");
    }

    #[test]
    fn fixes_that_fail_only_together_are_all_kept_here() {
        // Too large together, fine in halves: the caller then takes one at a time.
        let all = violations(8);
        let refs: Vec<&Violation> = all.iter().collect();
        let sifted = sift(&refs, &mut |group| (group.len() == 8).then(String::new));
        assert_eq!(sifted.kept.len(), 8);
        assert!(sifted.refused.is_empty());
    }

    #[test]
    fn the_checks_are_bounded_and_the_rest_waits() {
        let all = violations(10_000);
        let refs: Vec<&Violation> = all.iter().collect();
        let mut checks = 0;
        let sifted = sift(&refs, &mut |_| {
            checks += 1;
            Some("every fix breaks".to_string())
        });
        assert_eq!(checks, MAX_CHECKS);
        assert!(sifted.kept.is_empty());
        assert!(!sifted.refused.is_empty() && sifted.refused.len() < 10_000);
    }
}
