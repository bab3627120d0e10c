//! Searching ASCII text without regard to case, for the short strings rules look into
//! (image names, variable names, words of a command): a plain loop that compares only where
//! a needle's first letter is beats setting up a vectorised search for each of them.

/// Whether `needle` (lower-case) occurs in `haystack`, ASCII case ignored.
pub(crate) fn contains_ignoring_case(haystack: &[u8], needle: &[u8]) -> bool {
    let Some(&first) = needle.first() else {
        return true;
    };
    // `| 0x20` lower-cases a letter (and leaves `-`, `.`, digits as they are); a byte it
    // maps wrongly onto `first` is refused by the full comparison.
    haystack
        .windows(needle.len())
        .any(|w| w[0] | 0x20 == first && w.eq_ignore_ascii_case(needle))
}

/// Whether one of `needles` (lower-case) occurs in `haystack`, ASCII case ignored: one
/// pass over the haystack, comparing at each byte only the needles that start with it.
pub(crate) fn contains_any_ignoring_case(haystack: &[u8], needles: &[&[u8]]) -> bool {
    haystack.iter().enumerate().any(|(i, b)| {
        let b = b.to_ascii_lowercase();
        needles.iter().any(|n| {
            n.first() == Some(&b)
                && haystack
                    .get(i..i + n.len())
                    .is_some_and(|part| part.eq_ignore_ascii_case(n))
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_words_in_any_case() {
        assert!(contains_ignoring_case(
            b"mcr.microsoft.com/windows/NanoServer",
            b"nanoserver"
        ));
        assert!(!contains_ignoring_case(b"nano", b"nanoserver"));
        assert!(contains_any_ignoring_case(
            b"DB_PASSWORD",
            &[b"token", b"pass"]
        ));
        assert!(!contains_any_ignoring_case(
            b"NODE_VERSION",
            &[b"token", b"pass"]
        ));
        assert!(!contains_any_ignoring_case(b"", &[b"x"]));
        assert!(contains_ignoring_case(b"curl -K x", b"-k"));
    }
}
