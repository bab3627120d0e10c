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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_ignore_case_and_count_swaps_as_two() {
        assert_eq!(edit_distance("rnu", "RUN", Distance::keyword()), 2);
        assert_eq!(edit_distance("RUNN", "RUN", Distance::keyword()), 1);
        assert_eq!(edit_distance("copy", "COPY", Distance::keyword()), 0);
    }

    #[test]
    fn names_count_a_swap_as_one_and_stop_at_the_cap() {
        assert_eq!(edit_distance("PAHT", "PATH", Distance::name()), 1);
        assert_eq!(edit_distance("path", "PATH", Distance::name()), 2);
        assert_eq!(edit_distance("A", "ABCDEF", Distance::name()), 2);
    }
}
