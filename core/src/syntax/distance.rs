//! Edit distance for "did you mean" suggestions: one implementation, with the choices its
//! callers make. Keyword suggestions follow BuildKit's (Levenshtein, case ignored); names
//! of variables count a swap of two neighbours as one edit (`PAHT` → `PATH`), case kept.

/// How to count edits.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Distance {
    /// `a` and `A` are the same.
    pub fold_case: bool,
    /// Two neighbours swapped count as one edit (optimal string alignment).
    pub swaps: bool,
    /// Distances above this come back as `cap + 1`, and cost no more to find.
    pub cap: usize,
}

impl Distance {
    /// For instruction keywords (`RNU` → `RUN`).
    pub(crate) fn keyword() -> Distance {
        Distance {
            fold_case: true,
            swaps: false,
            cap: usize::MAX - 1,
        }
    }

    /// For variable names: at most one edit matters.
    pub(crate) fn name() -> Distance {
        Distance {
            fold_case: false,
            swaps: true,
            cap: 1,
        }
    }
}

/// The keyword among `allowed` that `word` is a likely typo of (BuildKit's choice: at
/// most two edits, and fewer than half the keyword's length), the closest first.
pub(crate) fn closest_keyword<'k>(
    word: &str,
    allowed: impl IntoIterator<Item = &'k str>,
) -> Option<&'k str> {
    allowed
        .into_iter()
        .map(|k| (k, edit_distance(word, k, Distance::keyword())))
        .filter(|&(k, d)| d <= 2 && d < k.len() / 2 + 1)
        .min_by_key(|&(_, d)| d)
        .map(|(k, _)| k)
}

/// The number of edits between `a` and `b`, counted as `how` says (bytes, so for ASCII).
pub(crate) fn edit_distance(a: &str, b: &str, how: Distance) -> usize {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len().abs_diff(b.len()) > how.cap {
        return how.cap + 1;
    }
    let same = |x: u8, y: u8| {
        if how.fold_case {
            x.eq_ignore_ascii_case(&y)
        } else {
            x == y
        }
    };
    if how.cap <= 1 {
        return within_one_edit(a, b, how.swaps, same).min(how.cap + 1);
    }
    let width = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * width];
    for (j, cell) in d.iter_mut().take(width).enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        d[i * width] = i;
        for j in 1..=b.len() {
            let cost = usize::from(!same(a[i - 1], b[j - 1]));
            let mut v = (d[(i - 1) * width + j - 1] + cost)
                .min(d[(i - 1) * width + j] + 1)
                .min(d[i * width + j - 1] + 1);
            if how.swaps && i > 1 && j > 1 && same(a[i - 1], b[j - 2]) && same(a[i - 2], b[j - 1]) {
                v = v.min(d[(i - 2) * width + j - 2] + 1);
            }
            d[i * width + j] = v;
        }
    }
    d[a.len() * width + b.len()].min(how.cap + 1)
}

/// The distance when only 0, 1 or more matters: the first difference decides which single
/// edit could explain it, checked in one pass without the table (a file reporting
/// thousands of undefined variables compares each with hundreds of names).
fn within_one_edit(a: &[u8], b: &[u8], swaps: bool, same: impl Fn(u8, u8) -> bool) -> usize {
    let equal =
        |x: &[u8], y: &[u8]| x.len() == y.len() && x.iter().zip(y).all(|(&p, &q)| same(p, q));
    let Some(i) = a.iter().zip(b).position(|(&x, &y)| !same(x, y)) else {
        // One is a prefix of the other.
        return a.len().abs_diff(b.len()).min(2);
    };
    let one = match a.len().cmp(&b.len()) {
        std::cmp::Ordering::Equal => {
            equal(&a[i + 1..], &b[i + 1..])
                || (swaps
                    && i + 1 < a.len()
                    && same(a[i], b[i + 1])
                    && same(a[i + 1], b[i])
                    && equal(&a[i + 2..], &b[i + 2..]))
        }
        std::cmp::Ordering::Less => equal(&a[i..], &b[i + 1..]),
        std::cmp::Ordering::Greater => equal(&a[i + 1..], &b[i..]),
    };
    if one {
        1
    } else {
        2
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_ignore_case_and_count_swaps_as_two() {
        assert_eq!(edit_distance("rnu", "RUN", Distance::keyword()), 2);
        assert_eq!(edit_distance("RUNN", "RUN", Distance::keyword()), 1);
        assert_eq!(edit_distance("copy", "COPY", Distance::keyword()), 0);
    }

    /// The one-pass answer for a cap of one is the table's, on every pair of short
    /// strings over a small alphabet, with and without swaps and case.
    #[test]
    fn one_edit_answers_as_the_table_does() {
        let mut words = vec![String::new()];
        for _ in 0..4 {
            let longer: Vec<String> = words
                .iter()
                .flat_map(|w| ["a", "b", "B"].map(|c| format!("{w}{c}")))
                .collect();
            words.extend(longer);
        }
        for how in [
            Distance::name(),
            Distance {
                fold_case: true,
                swaps: false,
                cap: 1,
            },
            Distance {
                fold_case: false,
                swaps: false,
                cap: 0,
            },
        ] {
            let table = Distance { cap: 9, ..how };
            for a in &words {
                for b in &words {
                    assert_eq!(
                        edit_distance(a, b, how),
                        edit_distance(a, b, table).min(how.cap + 1),
                        "{a:?} {b:?} {how:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn names_count_a_swap_as_one_and_stop_at_the_cap() {
        assert_eq!(edit_distance("PAHT", "PATH", Distance::name()), 1);
        assert_eq!(edit_distance("path", "PATH", Distance::name()), 2);
        assert_eq!(edit_distance("A", "ABCDEF", Distance::name()), 2);
    }
}
