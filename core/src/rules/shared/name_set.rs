//! A set of variable names that stays cheap for the few names real files define and
//! linear for files that define thousands.

use std::collections::HashSet;

/// Up to this many names, a look-up scans them: no hashing and no second allocation.
const SCAN_LIMIT: usize = 32;

/// Names in the order they were added (a name may repeat), with a hash set built once
/// there are more than [`SCAN_LIMIT`].
#[derive(Clone, Debug, Default)]
pub(crate) struct NameSet<'a> {
    order: Vec<&'a str>,
    set: Option<HashSet<&'a str>>,
}

impl<'a> NameSet<'a> {
    pub(crate) fn insert(&mut self, name: &'a str) {
        self.order.push(name);
        match &mut self.set {
            Some(set) => {
                set.insert(name);
            }
            None if self.order.len() > SCAN_LIMIT => {
                self.set = Some(self.order.iter().copied().collect());
            }
            None => {}
        }
    }

    pub(crate) fn contains(&self, name: &str) -> bool {
        match &self.set {
            Some(set) => set.contains(name),
            None => self.order.contains(&name),
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
}
