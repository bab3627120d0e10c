//! What `check` and `fix` return: findings with positions in the caller's encoding. The
//! serde shape is the contract every surface shares (the CLI's `--format json` adds the
//! file's `path` in front); it is snapshot-tested in `core/tests/api_shapes.rs`.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use super::encoding::{Position, Positioner};
use crate::edit::Applicability;
use crate::edit::Fix;
use crate::rules::{Severity, Violation};

/// A start and an end position (1-based lines and columns).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Range {
    /// Where the range starts.
    pub start: Position,
    /// Where the range ends (exclusive).
    pub end: Position,
}

/// Replace the text at `span` with `content` (an empty span inserts).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TextEdit {
    /// `[start, end]` in the caller's encoding.
    pub span: [u32; 2],
    /// The new text.
    pub content: Cow<'static, str>,
}

/// A fix a rule proposes for its finding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SuggestedFix {
    /// Whether it is applied by default (`safe`), on request (`unsafe`), or never
    /// (`display-only`: advice).
    pub applicability: Applicability,
    /// An imperative: "Add `--no-install-recommends`".
    pub title: Cow<'static, str>,
    /// Non-overlapping edits in source order; empty for advice and for fixes that only
    /// add `.dockerignore` lines.
    pub edits: Vec<TextEdit>,
}

/// A finding of one rule at one place.
///
/// ```
/// use slimfile::{Context, Linter, Settings};
///
/// let linter = Linter::new(Settings::default());
/// let found = linter.check("FROM debian:12\nRUN apt-get update && apt-get install -y curl\n", &Context::default())?;
/// let dl3009 = found.iter().find(|d| d.code == "DL3009").expect("DL3009");
/// assert_eq!((dl3009.range.start.line, dl3009.range.start.column), (2, 23));
/// assert_eq!(serde_json::to_value(dl3009)?["fix"]["applicability"], "safe");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Diagnostic {
    /// The rule's stable code: `DL3009`, `SF101`.
    pub code: Cow<'static, str>,
    /// The rule's name: `apt-lists-not-deleted`.
    pub name: Cow<'static, str>,
    /// How serious it is, after the settings' overrides.
    pub severity: Severity,
    /// What is wrong, one sentence, identifiers in backticks.
    pub message: String,
    /// Where it is, in lines and columns.
    pub range: Range,
    /// Where it is, as `[start, end]` offsets into the text in the caller's encoding.
    pub span: [u32; 2],
    /// The fix the rule proposes, if any (advice has no edits).
    pub fix: Option<SuggestedFix>,
    /// The estimated bytes the fix takes out of the final image, when known.
    pub savings_bytes: Option<u64>,
    /// What the estimate rests on ("node:22 1.1 GB → node:22-slim 0.2 GB (repo-info)").
    /// Not part of the serialized shape: reports for people show it.
    #[serde(skip)]
    pub savings_basis: Option<String>,
}

impl Diagnostic {
    /// The flagged text's byte range, for text checked with [`crate::PositionEncoding::Utf8`].
    pub fn byte_range(&self) -> std::ops::Range<usize> {
        self.span[0] as usize..self.span[1] as usize
    }

    pub(crate) fn new(v: Violation, at: &mut Positioner<'_>) -> Diagnostic {
        let (start, start_offset) = at.locate(v.range.start);
        let (end, end_offset) = at.locate(v.range.end);
        let (savings_bytes, savings_basis) = match v.savings {
            Some(s) => (Some(s.bytes), Some(s.basis)),
            None => (None, None),
        };
        Diagnostic {
            code: Cow::Borrowed(v.code),
            name: Cow::Borrowed(v.name),
            severity: v.severity,
            message: v.message,
            range: Range { start, end },
            span: [start_offset, end_offset],
            fix: v.fix.map(|f| SuggestedFix::new(f, at)),
            savings_bytes,
            savings_basis,
        }
    }
}

impl SuggestedFix {
    fn new(fix: Fix, at: &mut Positioner<'_>) -> SuggestedFix {
        SuggestedFix {
            applicability: fix.applicability,
            title: fix.title,
            edits: fix
                .edits
                .into_iter()
                .map(|e| TextEdit {
                    span: at.span(e.range.start, e.range.end),
                    content: e.content,
                })
                .collect(),
        }
    }
}

/// Positions violations of one text; violations come sorted by start, so the positioner
/// moves forward.
pub(crate) fn diagnostics(violations: Vec<Violation>, at: &mut Positioner<'_>) -> Vec<Diagnostic> {
    violations
        .into_iter()
        .map(|v| Diagnostic::new(v, at))
        .collect()
}
