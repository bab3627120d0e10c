//! Choosing fixes whose edits (and claims) do not touch, in O(edits × log edits).

use std::collections::{BTreeMap, BTreeSet};

use crate::rules::Violation;

/// Whether two edits touch: they overlap, or one inserts where the other starts or ends
/// (the order of the two texts there would be arbitrary).
fn clash((a_start, a_end): (u32, u32), (b_start, b_end): (u32, u32)) -> bool {
    let overlap = a_start < b_end && b_start < a_end;
    let a_inserts_at_b = a_start == a_end && (a_start == b_start || a_start == b_end);
    let b_inserts_at_a = b_start == b_end && (b_start == a_start || b_start == a_end);
    overlap || a_inserts_at_b || b_inserts_at_a || (a_start == b_start && a_end == b_end)
}

/// The edits taken so far: each range, and the union of each fix's ranges. Ranges of
/// different fixes never touch, so the unions are disjoint and ordered by start their ends
/// are ordered too: an edit is checked against the ranges starting inside it and the one
/// union starting before it, never against all.
#[derive(Default)]
struct Taken {
    ranges: BTreeSet<(u32, u32)>,
    unions: BTreeMap<u32, u32>,
}

impl Taken {
    fn touches(&self, (start, end): (u32, u32)) -> bool {
        let inside = self
            .ranges
            .range((start, 0)..=(end, u32::MAX))
            .any(|&range| clash((start, end), range));
        let before = self
            .unions
            .range(..start)
            .next_back()
            .is_some_and(|(_, &e)| e > start || (e == start && start == end));
        inside || before
    }

    fn insert(&mut self, ranges: &mut [(u32, u32)]) {
        ranges.sort_unstable();
        let mut union: Option<(u32, u32)> = None;
        for &(s, e) in ranges.iter() {
            self.ranges.insert((s, e));
            union = match union {
                Some((us, ue)) if s <= ue => Some((us, ue.max(e))),
                Some((us, ue)) => {
                    self.unions.insert(us, ue);
                    Some((s, e))
                }
                None => Some((s, e)),
            };
        }
        if let Some((us, ue)) = union {
            self.unions.insert(us, ue);
        }
    }
}

/// Picks fixes in the order given whose edits touch no fix already picked.
pub(super) fn non_overlapping<'v>(candidates: &[&'v Violation]) -> Vec<&'v Violation> {
    let mut taken = Taken::default();
    let mut picked = Vec::new();
    for v in candidates {
        let Some(fix) = &v.fix else { continue };
        let mut ranges: Vec<(u32, u32)> = fix.held().map(|r| (r.start, r.end)).collect();
        let valid = ranges.iter().all(|(s, e)| s <= e);
        if valid && !ranges.iter().any(|&r| taken.touches(r)) {
            taken.insert(&mut ranges);
            picked.push(*v);
        }
    }
    picked
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn insertions_at_the_edge_of_an_edit_touch_it() {
        assert!(clash((5, 5), (5, 9)));
        assert!(clash((9, 9), (5, 9)));
        assert!(clash((5, 5), (5, 5)));
        assert!(!clash((4, 5), (5, 9)));
        assert!(clash((4, 6), (5, 9)));
        let mut taken = Taken::default();
        taken.insert(&mut [(10, 20), (30, 30)]);
        taken.insert(&mut [(50, 60), (52, 52), (70, 80)]);
        for touching in [
            (15, 16),
            (20, 20),
            (30, 40),
            (20, 30),
            (0, 11),
            (55, 58),
            (60, 60),
        ] {
            assert!(taken.touches(touching), "{touching:?}");
        }
        for apart in [(21, 29), (0, 10), (0, 0), (31, 50), (61, 70), (80, 90)] {
            assert!(!taken.touches(apart), "{apart:?}");
        }
    }
}
