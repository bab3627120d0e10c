//! What reports must not print: the credentials written in a file, found by the same scan
//! the credential rules use, whatever rules are selected. Reports (code frames, messages,
//! fixes, diffs) mask them; `Diagnostic`'s shape is unchanged.

use std::borrow::Cow;
use std::ops::Range;

use crate::semantic::credentials::{find_credentials, MIN_SECRET_LEN};

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
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Redactions {
    ranges: Vec<Range<usize>>,
    /// The values themselves, by line (a private key spans many), longest first.
    values: Vec<String>,
}

/// Values shorter than this are masked in other text only where they stand alone (not
/// inside a longer word): a short password could be part of an ordinary word of a message.
/// Longer ones are masked wherever they appear.
const MASKED_INSIDE_WORDS: usize = 12;

impl Redactions {
    /// Scans `source` (raw text, no parse: cheap enough for every reported file).
    pub fn find(source: &str) -> Redactions {
        let ranges: Vec<Range<usize>> = find_credentials(source)
            .into_iter()
            .map(|c| c.secret)
            .collect();
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
        Redactions { ranges, values }
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

    /// Any text printed about the file (a message, a fix's new text, a diff) with every
    /// value in it replaced by `*`s.
    pub fn mask<'t>(&self, text: &'t str) -> Cow<'t, str> {
        if !self.values.iter().any(|v| text.contains(v.as_str())) {
            return Cow::Borrowed(text);
        }
        let mut out = text.to_string();
        for v in &self.values {
            if out.contains(v.as_str()) {
                out = mask_value(&out, v);
            }
        }
        if out == text {
            return Cow::Borrowed(text);
        }
        Cow::Owned(out)
    }
}

/// `text` with `value` replaced by `*`s: everywhere for a long value, only where it is not
/// part of a longer word for a short one.
fn mask_value(text: &str, value: &str) -> String {
    let stars = "*".repeat(value.chars().count());
    if value.len() >= MASKED_INSIDE_WORDS {
        return text.replace(value, &stars);
    }
    let bytes = text.as_bytes();
    let word = |b: u8| b.is_ascii_alphanumeric();
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for (at, _) in text.match_indices(value) {
        let end = at + value.len();
        let alone = (at == 0 || !word(bytes[at - 1]) || !word(value.as_bytes()[0]))
            && (end == bytes.len()
                || !word(bytes[end])
                || !word(value.as_bytes()[value.len() - 1]));
        if alone && at >= last {
            out.push_str(&text[last..at]);
            out.push_str(&stars);
            last = end;
        }
    }
    out.push_str(&text[last..]);
    out
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
    fn long_values_are_masked_everywhere() {
        let token = "ghp_R4nd0mL00k1ngT0k3nV4lu3F0rT3st1ng007";
        let source = format!("LABEL t={token}\n");
        let r = Redactions::find(&source);
        assert_eq!(
            r.mask(&format!("x{token}x")),
            format!("xghp_{}x", "*".repeat(36))
        );
    }
}
