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
    DuplicateDirective,
    InvalidEscapeToken,
    MissingValue,
    MissingEquals,
    JsonNotStrings,
    HeredocLexing,
    UnterminatedHeredoc,
    NoInstructions,
    InputTooLarge,
    // Accepted by the parser, rejected or flagged later.
    UnknownInstruction,
    UnknownFlag,
    EmptyContinuationLine,
    ChainedOnbuild,
    MissingArguments,
}

impl SyntaxErrorKind {
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
pub struct SyntaxError {
    pub kind: SyntaxErrorKind,
    pub message: String,
    pub range: TextRange,
}

impl SyntaxError {
    pub fn new(kind: SyntaxErrorKind, message: impl Into<String>, range: TextRange) -> Self {
        SyntaxError {
            kind,
            message: message.into(),
            range,
        }
    }
}

/// Input that is refused before parsing (see [`crate::parse_bytes`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum InputError {
    #[error("input is {size} bytes; the limit is {limit} bytes")]
    TooLarge { size: u64, limit: u64 },
    #[error("input is binary (a NUL byte at offset {offset}), not a Dockerfile")]
    Binary { offset: u64 },
    #[error("input is not valid UTF-8 (at byte offset {offset})")]
    NotUtf8 { offset: u64 },
    #[error("input is UTF-16 encoded; save it as UTF-8")]
    Utf16,
}
