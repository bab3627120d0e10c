//! What reports must not print: the credentials written in a file, found by the same scan
//! the credential rules use, whatever rules are selected. Reports (code frames, messages,
//! fixes, diffs) mask them; `Diagnostic`'s shape is unchanged.

use std::borrow::Cow;
use std::ops::Range;

use aho_corasick::{AhoCorasick, MatchKind};

use crate::semantic::credentials::{find_credentials, Credential, MIN_SECRET_LEN};

/// The credentials of one text, to mask in anything printed about it.
///
/// ```
/// let source = "FROM alpine\nRUN git clone https://ci:hunter2@git.example.com/app.git\n";
/// let redactions = slimfile::Redactions::find(source);
/// assert_eq!(redactions.ranges().len(), 1);
/// assert_eq!(
///     redactions.mask_source(source),
///     "FROM alpine\nRUN git clone https://ci:*******@git.example.com/app.git\n"
/// );
/// assert_eq!(redactions.mask("pass `hunter2` on"), "pass `*******` on");
/// ```
#[derive(Clone, Debug, Default)]
#[non_exhaustive]
pub struct Redactions {
    ranges: Vec<Range<usize>>,
    /// The values themselves, by line (a private key spans many), longest first.
    values: Vec<String>,
    /// Finds every value in a text in one pass: a report masks each of its messages, so a
    /// search per value and message would cost values × findings × text.
    searcher: Option<AhoCorasick>,
}

/// The searcher is made from the values.
impl PartialEq for Redactions {
    fn eq(&self, other: &Self) -> bool {
        self.ranges == other.ranges && self.values == other.values
    }
}

impl Eq for Redactions {}

/// Values shorter than this are masked in other text only where they stand alone (not
/// inside a longer word): a short password could be part of an ordinary word of a message.
/// Longer ones are masked wherever they appear.
const MASKED_INSIDE_WORDS: usize = 12;

impl Redactions {
    /// Scans `source` (raw text, no parse: cheap enough for every reported file).
    pub fn find(source: &str) -> Redactions {
        Redactions::from_credentials(source, &find_credentials(source))
    }

    /// From the credentials a scan of `source` found.
    pub(crate) fn from_credentials(source: &str, credentials: &[Credential]) -> Redactions {
        let ranges: Vec<Range<usize>> = credentials.iter().map(|c| c.secret.clone()).collect();
        let mut values: Vec<String> = ranges
            .iter()
            .flat_map(|r| source[r.clone()].split(['\n', '\r']))
            .flat_map(|line| line.split("\\n"))
            .map(str::trim)
            .filter(|v| v.len() >= MIN_SECRET_LEN)
            .map(str::to_string)
            .collect();
        values.sort_by_key(|v| std::cmp::Reverse(v.len()));
        values.dedup();
        Redactions::with_values(ranges, values)
    }

    fn with_values(ranges: Vec<Range<usize>>, values: Vec<String>) -> Redactions {
        // Overlapping matches: each value's own occurrences are needed, as a search for
        // that value alone would find them.
        let searcher = (!values.is_empty())
            .then(|| {
                AhoCorasick::builder()
                    .match_kind(MatchKind::Standard)
                    .build(&values)
                    .ok()
            })
            .flatten();
        Redactions {
            ranges,
            values,
            searcher,
        }
    }

    /// Nothing to mask.
    pub fn is_empty(&self) -> bool {
        self.ranges.is_empty()
    }

    /// The byte ranges of the values in the source.
    pub fn ranges(&self) -> &[Range<usize>] {
        &self.ranges
    }

    /// The source with every value replaced, character for character, by `*` (line breaks
    /// kept), so that lines, columns and spans stay where they were.
    pub fn mask_source<'s>(&self, source: &'s str) -> Cow<'s, str> {
        if self.ranges.is_empty() {
            return Cow::Borrowed(source);
        }
        let mut out = String::with_capacity(source.len());
        let mut last = 0;
        for r in &self.ranges {
            out.push_str(&source[last..r.start]);
            out.extend(source[r.clone()].chars().map(|c| match c {
                '\n' | '\r' => c,
                _ => '*',
            }));
            last = r.end;
        }
        out.push_str(&source[last..]);
        Cow::Owned(out)
    }

    /// Text copied from the file (a fix's new text, a diff) with every value in it replaced
    /// by `*`s (a short one only where it is not part of a longer word).
    pub fn mask<'t>(&self, text: &'t str) -> Cow<'t, str> {
        self.mask_where(text, |_, _| true)
    }

    /// A message or title about the file, which `source` is: our own words stay, what it
    /// quotes from the file is masked. A value shaped like a credential (anything but
    /// letters) is masked wherever it stands; a plain word (`secret`, `changeme`) only inside
    /// a backtick quote that is copied from the source, since the same word outside one is
    /// ours (`pass it with a secret mount`).
    ///
    /// ```
    /// let source = "FROM alpine\nRUN git clone https://ci:hunter2@git.example.com/a.git\n";
    /// let redactions = slimfile::Redactions::find(source);
    /// let message = "`https://ci:hunter2@git.example.com` has a password: hunter2";
    /// assert_eq!(
    ///     redactions.mask_message(message, source),
    ///     "`https://ci:*******@git.example.com` has a password: *******"
    /// );
    /// ```
    pub fn mask_message<'t>(&self, text: &'t str, source: &str) -> Cow<'t, str> {
        self.mask_where(text, |value, at| {
            !is_plain_word(value) || quote_around(text, at).is_some_and(|q| source.contains(q))
        })
    }

    /// `text` with the occurrences of values that `masked` accepts (given the value and its
    /// offset) replaced by `*`s; short values only where they stand alone.
    fn mask_where<'t>(&self, text: &'t str, masked: impl Fn(&str, usize) -> bool) -> Cow<'t, str> {
        if self.values.is_empty() {
            return Cow::Borrowed(text);
        }
        // Every occurrence of every value, then taken value by value (longest first) and
        // left to right, as `match_indices` would give them: a value's next occurrence
        // starts after its last one; a hit that overlaps one taken before is not taken.
        let mut found: Vec<(usize, usize)> = match &self.searcher {
            Some(searcher) => searcher
                .find_overlapping_iter(text)
                .map(|m| (m.pattern().as_usize(), m.start()))
                .collect(),
            // Values past what the searcher can be built for: one search per value.
            None => (self.values.iter().enumerate())
                .flat_map(|(i, v)| text.match_indices(v.as_str()).map(move |(at, _)| (i, at)))
                .collect(),
        };
        if found.is_empty() {
            return Cow::Borrowed(text);
        }
        found.sort_unstable();
        let mut hits: Vec<Range<usize>> = Vec::new();
        let mut previous: Option<(usize, usize)> = None;
        for (value, at) in found {
            let v = self.values[value].as_str();
            let hit = at..at + v.len();
            if previous.is_some_and(|(p, end)| p == value && at < end) {
                continue;
            }
            previous = Some((value, hit.end));
            let overlaps = hits.iter().any(|h| h.start < hit.end && hit.start < h.end);
            let stands = v.len() >= MASKED_INSIDE_WORDS || is_whole_token(text, &hit);
            if !overlaps && stands && masked(v, at) {
                hits.push(hit);
            }
        }
        if hits.is_empty() {
            return Cow::Borrowed(text);
        }
        hits.sort_by_key(|h| h.start);
        let mut out = String::with_capacity(text.len());
        let mut last = 0;
        for h in hits {
            out.push_str(&text[last..h.start]);
            out.extend(text[h.clone()].chars().map(|_| '*'));
            last = h.end;
        }
        out.push_str(&text[last..]);
        Cow::Owned(out)
    }
}

/// Not part of a longer word: `hunter2` in `ci:hunter2@host`, not `secret` in `secrets`.
fn is_whole_token(text: &str, hit: &Range<usize>) -> bool {
    let word = |c: char| c.is_alphanumeric() || c == '_';
    !text[..hit.start].chars().next_back().is_some_and(word)
        && !text[hit.end..].chars().next().is_some_and(word)
}

/// A value that is also an ordinary word, which our messages may use.
fn is_plain_word(value: &str) -> bool {
    value.chars().all(|c| c.is_alphabetic())
}

/// The backtick quote of `text` that the byte at `at` stands in, if any (quotes pair up
/// from the start of the text).
fn quote_around(text: &str, at: usize) -> Option<&str> {
    let before = &text[..at];
    if before.matches('`').count() % 2 == 0 {
        return None;
    }
    let start = before.rfind('`')? + 1;
    let end = at + text[at..].find('`')?;
    Some(&text[start..end])
}

#[cfg(test)]
mod tests {
    use super::Redactions;

    #[test]
    fn short_values_are_masked_where_they_stand_alone() {
        let source = "RUN DB_PASSWORD=mount7 ./migrate\n";
        let r = Redactions::find(source);
        assert_eq!(r.ranges().len(), 1);
        assert_eq!(
            r.mask("`DB_PASSWORD=mount7`: pass it with a secret mount7x mount"),
            "`DB_PASSWORD=******`: pass it with a secret mount7x mount"
        );
    }

    #[test]
    fn a_plain_word_is_masked_where_a_message_quotes_the_file() {
        let source = "RUN ./deploy --password marmalade\n";
        let r =
            Redactions::with_values(std::iter::once(25..34).collect(), vec!["marmalade".into()]);
        assert_eq!(
            r.mask_message(
                "`--password marmalade`: marmalade jam, `marmalade jam`",
                source
            ),
            "`--password *********`: marmalade jam, `marmalade jam`"
        );
    }

    #[test]
    fn long_values_are_masked_everywhere() {
        let token = "ghp_R4nd0mL00k1ngT0k3nV4lu3F0rT3st1ng007";
        let source = format!("LABEL t={token}\n");
        let r = Redactions::find(&source);
        assert_eq!(
            r.mask(&format!("x{token}x")),
            format!("xghp_{}x", "*".repeat(36))
        );
    }

    /// What masking gave when each value was searched for alone (`match_indices`, value by
    /// value, longest first): the one-pass search must take the same occurrences.
    fn masked_one_value_at_a_time(r: &Redactions, text: &str) -> String {
        let mut hits: Vec<std::ops::Range<usize>> = Vec::new();
        for v in &r.values {
            for (at, _) in text.match_indices(v.as_str()) {
                let hit = at..at + v.len();
                let overlaps = hits.iter().any(|h| h.start < hit.end && hit.start < h.end);
                let stands =
                    v.len() >= super::MASKED_INSIDE_WORDS || super::is_whole_token(text, &hit);
                if !overlaps && stands {
                    hits.push(hit);
                }
            }
        }
        let mut out = text.to_string();
        for h in hits {
            out.replace_range(h.clone(), &"*".repeat(h.len()));
        }
        out
    }

    #[test]
    fn one_pass_takes_the_occurrences_a_search_per_value_takes() {
        // Values that overlap themselves and each other, short and long, in texts of the
        // same few letters: every way two occurrences can meet.
        let values = [
            "abab",
            "ab ab",
            "ababab",
            "b a b",
            "abababababab",
            "bab ab_ab",
            "aab",
        ];
        let mut seed = 7u32;
        for _ in 0..5_000 {
            let mut next = || {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                (seed >> 16) as usize
            };
            let count = 1 + next() % values.len();
            let mut chosen: Vec<String> = (0..count)
                .map(|_| values[next() % values.len()].to_string())
                .collect();
            chosen.sort_by_key(|v| std::cmp::Reverse(v.len()));
            chosen.dedup();
            let pieces = ["a", "b", "_", " ", "ab", "ab ab", "b a b", "abab"];
            let text: String = (0..next() % 12)
                .map(|_| pieces[next() % pieces.len()])
                .collect();
            let r = Redactions::with_values(Vec::new(), chosen);
            assert_eq!(
                r.mask(&text),
                masked_one_value_at_a_time(&r, &text),
                "{r:?} in {text:?}"
            );
        }
    }
}
