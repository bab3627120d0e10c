//! Problems found while parsing. Parsing never stops at one: each becomes a
//! [`SyntaxError`] with a span, and the rest of the file is still read.

use serde::{Deserialize, Serialize};

use super::text::TextRange;

/// What went wrong. `errors` hold what BuildKit's parser rejects (the file cannot be
/// built); `warnings` hold what its parser accepts but its instruction layer or linter
/// flags.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SyntaxErrorKind {
    // Rejected by BuildKit's parser.
    /// A parser directive given twice.
    DuplicateDirective,
    /// `# escape=` with something other than `\\` or `` ` ``.
    InvalidEscapeToken,
    /// An instruction that requires a value has none.
    MissingValue,
    /// `ENV`/`LABEL` words without `=` where one is required.
    MissingEquals,
    /// A JSON array with non-string items.
    JsonNotStrings,
    /// A heredoc BuildKit's lexer cannot read.
    HeredocLexing,
    /// A heredoc without its terminator line.
    UnterminatedHeredoc,
    /// The file has no instruction.
    NoInstructions,
    /// The input is over the size limit.
    InputTooLarge,
    // Accepted by the parser, rejected or flagged later.
    /// A keyword BuildKit does not know.
    UnknownInstruction,
    /// A `--flag` the instruction does not take.
    UnknownFlag,
    /// An empty line inside a continuation (deprecated).
    EmptyContinuationLine,
    /// `ONBUILD ONBUILD`.
    ChainedOnbuild,
    /// An instruction without the arguments it needs.
    MissingArguments,
    /// A flag BuildKit's instruction layer rejects: given twice, without its value, or a
    /// value it does not take (`--link=maybe`, `--network=bridge`).
    InvalidFlag,
    /// An argument BuildKit's instruction layer rejects: a `HEALTHCHECK` duration or retry
    /// count, a blank `ENV`/`ARG`/`LABEL` name, an empty `VOLUME`, a stage name.
    InvalidArgument,
}

impl SyntaxErrorKind {
    /// The kebab-case name every output uses (`unknown-instruction`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::DuplicateDirective => "duplicate-directive",
            Self::InvalidEscapeToken => "invalid-escape-token",
            Self::MissingValue => "missing-value",
            Self::MissingEquals => "missing-equals",
            Self::JsonNotStrings => "json-not-strings",
            Self::HeredocLexing => "heredoc-lexing",
            Self::UnterminatedHeredoc => "unterminated-heredoc",
            Self::NoInstructions => "no-instructions",
            Self::InputTooLarge => "input-too-large",
            Self::UnknownInstruction => "unknown-instruction",
            Self::UnknownFlag => "unknown-flag",
            Self::EmptyContinuationLine => "empty-continuation-line",
            Self::ChainedOnbuild => "chained-onbuild",
            Self::MissingArguments => "missing-arguments",
            Self::InvalidFlag => "invalid-flag",
            Self::InvalidArgument => "invalid-argument",
        }
    }

    /// Whether BuildKit's parser itself rejects the file for this.
    pub fn is_fatal(self) -> bool {
        matches!(
            self,
            Self::DuplicateDirective
                | Self::InvalidEscapeToken
                | Self::MissingValue
                | Self::MissingEquals
                | Self::JsonNotStrings
                | Self::HeredocLexing
                | Self::UnterminatedHeredoc
                | Self::NoInstructions
                | Self::InputTooLarge
        )
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{message}")]
/// A problem in the Dockerfile, at a byte range.
pub struct SyntaxError {
    /// Which problem.
    pub kind: SyntaxErrorKind,
    /// What is wrong, for people.
    pub message: String,
    /// Where it is.
    pub range: TextRange,
}

impl SyntaxError {
    /// A problem of `kind` at `range`.
    pub fn new(kind: SyntaxErrorKind, message: impl Into<String>, range: TextRange) -> Self {
        SyntaxError {
            kind,
            message: message.into(),
            range,
        }
    }
}

/// Input that is refused before parsing (see [`crate::syntax::parse_bytes`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum InputError {
    #[error("input is {size} bytes; the limit is {limit} bytes")]
    /// The input is larger than the parser takes.
    TooLarge {
        /// The input's size in bytes.
        size: u64,
        /// The most bytes taken.
        limit: u64,
    },
    #[error("input is binary (a NUL byte at offset {offset}), not a Dockerfile")]
    /// A NUL byte: binary data, not text.
    Binary {
        /// Where the first NUL byte is.
        offset: u64,
    },
    #[error("input is not valid UTF-8 (at byte offset {offset})")]
    /// Bytes that are not UTF-8.
    NotUtf8 {
        /// Where the first byte that is not UTF-8 is.
        offset: u64,
    },
    #[error("input is UTF-16 encoded; save it as UTF-8")]
    /// A UTF-16 byte-order mark.
    Utf16,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_names_are_the_serialized_ones() {
        use SyntaxErrorKind as K;
        for kind in [
            K::DuplicateDirective,
            K::InvalidEscapeToken,
            K::MissingValue,
            K::MissingEquals,
            K::JsonNotStrings,
            K::HeredocLexing,
            K::UnterminatedHeredoc,
            K::NoInstructions,
            K::InputTooLarge,
            K::UnknownInstruction,
            K::UnknownFlag,
            K::EmptyContinuationLine,
            K::ChainedOnbuild,
            K::MissingArguments,
            K::InvalidFlag,
            K::InvalidArgument,
        ] {
            let json = serde_json::to_string(&kind).expect("serializable");
            assert_eq!(json, format!("\"{}\"", kind.as_str()));
        }
        use crate::syntax::ItemKind as I;
        for kind in [I::Directive, I::Comment, I::Blank, I::Instruction, I::Error] {
            let json = serde_json::to_string(&kind).expect("serializable");
            assert_eq!(json, format!("\"{}\"", kind.as_str()));
        }
    }
}
