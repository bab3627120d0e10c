//! Turns byte offsets into one settings file into [`ConfigError`]s with line and column.

use crate::error::ConfigError;
use crate::syntax::{ColumnUnit, LineIndex};

pub(super) struct ErrorSite<'a> {
    file: &'a str,
    text: &'a str,
    index: LineIndex,
}

impl<'a> ErrorSite<'a> {
    pub(super) fn new(file: &'a str, text: &'a str) -> Self {
        ErrorSite {
            file,
            text,
            index: LineIndex::new(text),
        }
    }

    /// An error at a byte offset; the column counts characters from 1.
    pub(super) fn at(&self, offset: usize, message: impl Into<String>) -> ConfigError {
        let lc = self
            .index
            .line_col(self.text, offset as u32, ColumnUnit::Chars);
        ConfigError {
            file: self.file.to_string(),
            line: lc.line + 1,
            column: lc.col + 1,
            message: message.into(),
        }
    }

    /// An error at a 1-based line and 0-based character column (YAML markers).
    pub(super) fn at_line_col(
        &self,
        line: usize,
        col: usize,
        message: impl Into<String>,
    ) -> ConfigError {
        ConfigError {
            file: self.file.to_string(),
            line: line as u32,
            column: col as u32 + 1,
            message: message.into(),
        }
    }
}
