//! What reports must not print: the credentials written in a file, found by the same scan
//! the credential rules use, whatever rules are selected. Reports (code frames, messages,
//! fixes, diffs) mask them; `Diagnostic`'s shape is unchanged.

use std::borrow::Cow;
use std::ops::Range;

use crate::semantic::credentials::find_credentials;

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

/// Values shorter than this are masked in the source but not searched for in other
/// text (a 3-letter password would mask unrelated words of a message).
const MIN_SEARCHED: usize = 4;

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
            .filter(|v| v.len() >= MIN_SEARCHED)
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
                out = out.replace(v.as_str(), &"*".repeat(v.chars().count()));
            }
        }
        Cow::Owned(out)
    }
}
