//! Look-ups in lists kept sorted by position (instruction index, or instruction and
//! command): the indexes the semantic layer builds once per file answer "the first / last
//! one in this stretch" with a binary search.

use std::ops::Range;

/// The first item of `list` (sorted by `key`) whose key lies in `range`.
pub(crate) fn first_in<T, K: Ord>(
    list: &[T],
    range: Range<K>,
    key: impl Fn(&T) -> K,
) -> Option<&T> {
    let from = list.partition_point(|x| key(x) < range.start);
    list.get(from).filter(|x| key(x) < range.end)
}

/// The last item of `list` (sorted by `key`) whose key lies in `range`.
pub(crate) fn last_in<T, K: Ord>(list: &[T], range: Range<K>, key: impl Fn(&T) -> K) -> Option<&T> {
    let below = list.partition_point(|x| key(x) < range.end);
    below
        .checked_sub(1)
        .map(|i| &list[i])
        .filter(|x| key(x) >= range.start)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_ends_of_a_stretch() {
        let list = [2, 4, 4, 7, 9];
        assert_eq!(first_in(&list, 3..8, |x| *x), Some(&4));
        assert_eq!(last_in(&list, 3..8, |x| *x), Some(&7));
        assert_eq!(first_in(&list, 5..7, |x| *x), None);
        assert_eq!(last_in(&list, 5..7, |x| *x), None);
        assert_eq!(last_in(&list, 0..2, |x| *x), None);
        assert_eq!(first_in(&list, 9..10, |x| *x), Some(&9));
    }
}
