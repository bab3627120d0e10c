//! The parser's view of a file for tools: every top-level item with its span, each
//! instruction as BuildKit's parser reports it, and the problems with their positions.
//! This is what `slimfile parse --format json` prints (with the file's `path` in front).

use serde::{Deserialize, Serialize};

use super::encoding::{PositionEncoding, Positioner};
use crate::syntax::buildkit::{buildkit_view, BuildkitInstruction};
use crate::syntax::{parse, ItemKind, SyntaxError, SyntaxErrorKind};

/// A top-level piece of the file: a directive, comment, blank line, instruction or error.
/// Items tile the text: each starts where the previous one ended.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ParsedItem {
    /// What the piece is.
    pub kind: ItemKind,
    /// Where it starts.
    pub start: u32,
    /// Where it ends (exclusive), line ending included.
    pub end: u32,
}

/// A parse problem with its place.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ParseProblem {
    /// Which problem, as a stable kebab-case name.
    pub kind: SyntaxErrorKind,
    /// What is wrong, for people.
    pub message: String,
    /// 1-based.
    pub line: u32,
    /// 1-based, in the encoding's column unit.
    pub column: u32,
    /// `[start, end]` in the encoding's unit.
    pub span: [u32; 2],
}

/// The whole view. `errors` are what BuildKit's parser rejects (the file cannot be built);
/// `warnings` are what it accepts but its instruction layer or linter flags.
///
/// ```
/// use slimfile::{Linter, Settings};
///
/// let view = Linter::new(Settings::default()).parse("FROM alpine\nRUN echo hi\n")?;
/// assert_eq!(view.instructions.len(), 2);
/// assert_eq!(view.instructions[1].value, ["echo hi"]);
/// assert!(view.errors.is_empty());
/// # Ok::<(), slimfile::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ParseView {
    /// The escape character (`\`, or `` ` `` with `# escape=`` ` ``).
    pub escape: char,
    /// Every top-level piece, in order; together they tile the text.
    pub items: Vec<ParsedItem>,
    /// Each instruction as BuildKit's parser reports it.
    pub instructions: Vec<BuildkitInstruction>,
    /// What BuildKit's parser rejects.
    pub errors: Vec<ParseProblem>,
    /// What it accepts but flags.
    pub warnings: Vec<ParseProblem>,
}

impl ParseView {
    pub(crate) fn new(source: &str, encoding: PositionEncoding) -> ParseView {
        let parsed = parse(source);
        let df = &parsed.dockerfile;
        let mut at = Positioner::new(source, encoding);
        let items = df
            .items()
            .iter()
            .map(|i| {
                let [start, end] = at.span(i.range.start, i.range.end);
                ParsedItem {
                    kind: i.kind,
                    start,
                    end,
                }
            })
            .collect();
        let mut instructions = buildkit_view(df);
        for inst in &mut instructions {
            inst.span = at.span(inst.span[0], inst.span[1]);
        }
        let mut problem = |e: &SyntaxError| {
            let (position, start) = at.locate(e.range.start);
            ParseProblem {
                kind: e.kind,
                message: e.message.clone(),
                line: position.line,
                column: position.column,
                span: [start, at.offset(e.range.end)],
            }
        };
        let errors = parsed.errors.iter().map(&mut problem).collect();
        let warnings = parsed.warnings.iter().map(&mut problem).collect();
        ParseView {
            escape: df.escape(),
            items,
            instructions,
            errors,
            warnings,
        }
    }
}
