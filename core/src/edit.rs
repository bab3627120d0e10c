//! Edits on the source text: what every fix is made of, from a one-flag insertion to a
//! stage split. This is the bottom layer: the rules build fixes from these types, and the
//! rewrite engine applies them with [`apply_edits`], the one place text is spliced.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use crate::syntax::TextRange;

/// Whether a fix may be applied without asking.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Applicability {
    /// Keeps whether the image builds and what it does: applied by default.
    Safe,
    /// May change behaviour: applied only when asked (`--unsafe-fixes`, `unsafe=True`).
    Unsafe,
    /// Advice: shown as a suggestion, never applied.
    DisplayOnly,
}

impl Applicability {
    /// The name used in every output: `safe`, `unsafe`, `display-only`.
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::Safe => "safe",
            Applicability::Unsafe => "unsafe",
            Applicability::DisplayOnly => "display-only",
        }
    }
}

/// Replace the text of `range` with `content` (an empty range inserts).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Edit {
    pub range: TextRange,
    pub content: Cow<'static, str>,
}

impl Edit {
    pub(crate) fn insert(at: u32, content: impl Into<Cow<'static, str>>) -> Edit {
        Edit {
            range: TextRange::empty(at),
            content: content.into(),
        }
    }

    pub(crate) fn replace(range: TextRange, content: impl Into<Cow<'static, str>>) -> Edit {
        Edit {
            range,
            content: content.into(),
        }
    }

    pub(crate) fn delete(range: TextRange) -> Edit {
        Edit {
            range,
            content: Cow::Borrowed(""),
        }
    }
}

/// What a rule proposes: edits on the Dockerfile and lines for the `.dockerignore`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Fix {
    /// An imperative: "Add `--no-install-recommends`".
    pub title: Cow<'static, str>,
    pub applicability: Applicability,
    /// Non-overlapping edits, in source order.
    pub edits: Vec<Edit>,
    /// Lines to add to the context's `.dockerignore` (a fix may have only these).
    pub dockerignore: Vec<String>,
    /// Source the fix needs left alone by the other fixes of its pass, beyond what it
    /// edits: a cache mount added to a `RUN` changes what a cleanup appended to the same
    /// `RUN` does (it would empty the mounted cache), so the cleanup waits for the next
    /// pass and sees the mount.
    pub claims: Option<TextRange>,
}

impl Fix {
    fn new(
        title: impl Into<Cow<'static, str>>,
        applicability: Applicability,
        edits: Vec<Edit>,
    ) -> Fix {
        Fix {
            title: title.into(),
            applicability,
            edits,
            dockerignore: Vec::new(),
            claims: None,
        }
    }

    /// The same fix, keeping the other fixes of its pass off `range` (see [`Fix::claims`]).
    pub(crate) fn claiming(mut self, range: TextRange) -> Fix {
        self.claims = Some(range);
        self
    }

    pub(crate) fn safe(title: impl Into<Cow<'static, str>>, edits: Vec<Edit>) -> Fix {
        Fix::new(title, Applicability::Safe, edits)
    }

    pub(crate) fn unsafe_(title: impl Into<Cow<'static, str>>, edits: Vec<Edit>) -> Fix {
        Fix::new(title, Applicability::Unsafe, edits)
    }

    pub(crate) fn display_only(title: impl Into<Cow<'static, str>>) -> Fix {
        Fix::new(title, Applicability::DisplayOnly, Vec::new())
    }

    /// A safe fix that adds `entries` to the `.dockerignore` (never removing a line).
    pub(crate) fn ignore_entries(title: impl Into<Cow<'static, str>>, entries: Vec<String>) -> Fix {
        Fix {
            dockerignore: entries,
            ..Fix::new(title, Applicability::Safe, Vec::new())
        }
    }

    /// Whether applying it changes anything.
    pub(crate) fn is_empty(&self) -> bool {
        self.edits.is_empty() && self.dockerignore.is_empty()
    }

    /// The ranges other fixes of the same pass must not touch: every edit's, and the claim.
    pub(crate) fn held(&self) -> impl Iterator<Item = TextRange> + '_ {
        self.edits.iter().map(|e| e.range).chain(self.claims)
    }

    /// The smallest range covering every edit and the claim (empty at 0 for a fix without
    /// edits).
    pub(crate) fn extent(&self) -> TextRange {
        let start = self.held().map(|r| r.start).min().unwrap_or(0);
        let end = self.held().map(|r| r.end).max().unwrap_or(0);
        TextRange::new(start, end.max(start))
    }
}

/// Whether the line break after `at` (or, on a last line without one, the break before it)
/// is `\r\n`.
fn crlf_at(source: &str, at: usize) -> bool {
    let bytes = source.as_bytes();
    let at = at.min(bytes.len());
    let newline = memchr::memchr(b'\n', &bytes[at..])
        .map(|i| at + i)
        .or_else(|| memchr::memrchr(b'\n', &bytes[..at]));
    newline.is_some_and(|n| n > 0 && bytes[n - 1] == b'\r')
}

/// `content` with each `\n` that has no `\r` before it written `\r\n`.
fn with_crlf(content: &str) -> String {
    let mut out = String::with_capacity(content.len() + content.len() / 16 + 2);
    let mut previous = '\0';
    for c in content.chars() {
        if c == '\n' && previous != '\r' {
            out.push('\r');
        }
        out.push(c);
        previous = c;
    }
    out
}

/// Writes the line breaks of each edit as the line it lands on ends, so that a fix keeps
/// a CRLF file CRLF: fixes build their text with `\n`.
pub(crate) fn match_line_endings(edits: &mut [Edit], source: &str) {
    for e in edits {
        if e.content.contains('\n') && crlf_at(source, e.range.start as usize) {
            e.content = Cow::Owned(with_crlf(&e.content));
        }
    }
}

/// Applies `edits` to `text` in source order. An edit that overlaps one already applied is
/// skipped; insertions at the same offset go in the order given.
pub(crate) fn apply_edits<'e>(text: &str, edits: impl IntoIterator<Item = &'e Edit>) -> String {
    let mut edits: Vec<&Edit> = edits.into_iter().collect();
    edits.sort_by_key(|e| (e.range.start, e.range.end));
    let grown: usize = edits.iter().map(|e| e.content.len()).sum();
    let mut out = String::with_capacity(text.len() + grown);
    let mut at = 0usize;
    for e in edits {
        let (start, end) = (e.range.start as usize, e.range.end as usize);
        if start < at || end < start {
            continue;
        }
        out.push_str(text.get(at..start).unwrap_or(""));
        out.push_str(&e.content);
        at = end;
    }
    out.push_str(text.get(at..).unwrap_or(""));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_apply_in_source_order_and_overlaps_are_skipped() {
        let text = "RUN apt-get install curl\n";
        let edits = [
            Edit::insert(24, " && rm -rf /var/lib/apt/lists/*"),
            Edit::insert(19, " --no-install-recommends"),
            Edit::replace(TextRange::new(4, 11), "apt-get"),
            Edit::delete(TextRange::new(5, 8)),
        ];
        assert_eq!(
            apply_edits(text, &edits),
            "RUN apt-get install --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n"
        );
        let same_offset = [Edit::insert(0, "a"), Edit::insert(0, "b")];
        assert_eq!(apply_edits("x", &same_offset), "abx");
    }

    #[test]
    fn inserted_lines_take_the_line_ending_of_where_they_land() {
        let crlf = "RUN a\r\nRUN b\r\n";
        let mut edits = [
            Edit::insert(5, " \\\n    && c"),
            Edit::insert(12, " \\\r\n    && d"),
        ];
        match_line_endings(&mut edits, crlf);
        assert_eq!(
            apply_edits(crlf, &edits),
            "RUN a \\\r\n    && c\r\nRUN b \\\r\n    && d\r\n"
        );
        // A last line without a break takes the one before it; a LF file stays LF.
        let mut last = [Edit::insert(7, "\nCMD x")];
        match_line_endings(&mut last, "A\r\nRUN b");
        assert_eq!(last[0].content, "\r\nCMD x");
        let mut lf = [Edit::insert(5, "\nRUN c")];
        match_line_endings(&mut lf, "RUN a\nRUN b\n");
        assert_eq!(lf[0].content, "\nRUN c");
    }
}
