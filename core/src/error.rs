//! The one error type of the public API. Problems in a Dockerfile are never errors: they
//! are diagnostics. Errors are for input that cannot be read as a Dockerfile at all, and
//! for settings that cannot be used.

use serde::{Deserialize, Serialize};

pub use crate::syntax::InputError;

/// Everything the public API can fail with.
///
/// ```
/// let err = slimfile::decode(b"FROM alpine\n\0").unwrap_err();
/// assert!(matches!(err, slimfile::Error::Input(_)));
/// assert_eq!(err.to_string(), "input is binary (a NUL byte at offset 12), not a Dockerfile");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A settings file (or settings given in code) that cannot be used.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// Bytes that are not a Dockerfile: not UTF-8, UTF-16, binary, or too large.
    #[error(transparent)]
    Input(#[from] InputError),
    /// A rule, category or prefix that does not exist.
    #[error("unknown rule or category `{0}`")]
    UnknownRule(String),
}

/// A mistake in a settings file, at a line and column (1-based, the column in characters;
/// both 0 when the mistake has no place, such as an unreadable file).
///
/// ```
/// let err = slimfile::Settings::from_toml("select = [\"DL3015\"]\n  selct = []\n").unwrap_err();
/// let slimfile::Error::Config(e) = err else { panic!("a config error") };
/// assert_eq!((e.line, e.column), (2, 3));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[non_exhaustive]
pub struct ConfigError {
    /// The file as named to the reader (`slimfile.toml` when read from text).
    pub file: String,
    /// The line, from 1 (0: the whole file).
    pub line: u32,
    /// The column, from 1, in characters (0: the whole file).
    pub column: u32,
    /// What is wrong.
    pub message: String,
}

impl ConfigError {
    /// An error about the whole file (it cannot be read, it has no table...).
    pub fn whole_file(file: impl Into<String>, message: impl Into<String>) -> ConfigError {
        ConfigError {
            file: file.into(),
            line: 0,
            column: 0,
            message: message.into(),
        }
    }
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.file, self.message)
        } else {
            write!(
                f,
                "{}:{}:{}: {}",
                self.file, self.line, self.column, self.message
            )
        }
    }
}
