//! A set of variable names that stays cheap for the few names real files define and
//! linear for files that define thousands.

use std::collections::HashMap;

/// Up to this many names, a look-up scans them: no hashing and no second allocation.
const SCAN_LIMIT: usize = 32;

/// Names in the order they were added (a name may repeat), with a count of each built
/// once there are more than [`SCAN_LIMIT`]. Names can be taken back, last added first
/// ([`NameSet::truncate`]), so one set can follow a walk down a tree of scopes.
#[derive(Clone, Debug, Default)]
pub(crate) struct NameSet<'a> {
    order: Vec<&'a str>,
    counts: Option<HashMap<&'a str, u32>>,
}

impl<'a> NameSet<'a> {
    pub(crate) fn insert(&mut self, name: &'a str) {
        self.order.push(name);
        match &mut self.counts {
            Some(counts) => *counts.entry(name).or_default() += 1,
            None if self.order.len() > SCAN_LIMIT => {
                let mut counts: HashMap<&str, u32> = HashMap::new();
                for &n in &self.order {
                    *counts.entry(n).or_default() += 1;
                }
                self.counts = Some(counts);
            }
            None => {}
        }
    }

    pub(crate) fn contains(&self, name: &str) -> bool {
        match &self.counts {
            Some(counts) => counts.get(name).is_some_and(|&c| c > 0),
            None => self.order.contains(&name),
        }
    }

    /// How many names were added and not taken back.
    pub(crate) fn len(&self) -> usize {
        self.order.len()
    }

    /// Takes back the names added after the first `len`.
    pub(crate) fn truncate(&mut self, len: usize) {
        while self.order.len() > len {
            let Some(name) = self.order.pop() else {
                break;
            };
            if let Some(count) = self.counts.as_mut().and_then(|c| c.get_mut(name)) {
                *count = count.saturating_sub(1);
            }
        }
    }

    /// The names, in the order added.
    pub(crate) fn in_order(&self) -> &[&'a str] {
        &self.order
    }
}

impl<'a> Extend<&'a str> for NameSet<'a> {
    fn extend<I: IntoIterator<Item = &'a str>>(&mut self, names: I) {
        for name in names {
            self.insert(name);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_names_below_and_above_the_scan_limit() {
        let names: Vec<String> = (0..100).map(|i| format!("V{i}")).collect();
        let mut set = NameSet::default();
        for (i, name) in names.iter().enumerate() {
            set.insert(name);
            assert!(set.contains(&names[i / 2]));
            assert!(!set.contains("W"));
        }
        assert_eq!(set.in_order().len(), 100);
        assert_eq!(set.in_order()[99], "V99");
    }

    #[test]
    fn names_taken_back_are_gone_unless_added_twice() {
        let names: Vec<String> = (0..100).map(|i| format!("V{i}")).collect();
        let mut set = NameSet::default();
        set.insert("KEPT");
        let mark = set.len();
        for name in &names {
            set.insert(name);
        }
        set.insert("KEPT");
        set.truncate(mark);
        assert_eq!(set.len(), 1);
        assert!(set.contains("KEPT"));
        assert!(!set.contains("V50"));
        set.insert("V50");
        assert!(set.contains("V50"));
    }
}
