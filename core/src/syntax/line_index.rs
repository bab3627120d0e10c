//! Byte offsets ↔ line and column, computed only at the edges (CLI, bindings, LSP-like
//! consumers). Lines end at `\n`, as in BuildKit; a lone `\r` is not a line break.

use serde::{Deserialize, Serialize};

/// A position as editors want it: 0-based line, and a 0-based column in the unit asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct LineCol {
    /// The line, from 0.
    pub line: u32,
    /// The column, from 0.
    pub col: u32,
}

/// The unit a column is counted in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ColumnUnit {
    /// UTF-8 bytes (Rust, Go).
    Utf8,
    /// UTF-16 code units (JavaScript, LSP by default).
    Utf16,
    /// Unicode scalar values (what users count, what our CLI prints).
    Chars,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
/// Where each line starts, to turn byte offsets into lines and columns.
pub struct LineIndex {
    /// Byte offset at which each line starts; `line_starts[0] == 0`.
    line_starts: Vec<u32>,
    len: u32,
}

impl LineIndex {
    /// The line starts of `text`.
    pub fn new(text: &str) -> Self {
        let mut line_starts = Vec::with_capacity(text.len() / 32 + 1);
        line_starts.push(0);
        // memchr's iterator rather than `match_indices('\n')`, which restarts its search
        // for every line: ~190 instructions a line against ~125 (callgrind, dev corpus).
        line_starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| (i + 1) as u32));
        LineIndex {
            line_starts,
            len: text.len() as u32,
        }
    }

    /// How many lines (a text ending with a line break has an empty last line).
    pub fn line_count(&self) -> u32 {
        self.line_starts.len() as u32
    }

    /// The 0-based line holding `offset` (offsets past the end clamp to the last line).
    pub fn line_of(&self, offset: u32) -> u32 {
        let offset = offset.min(self.len);
        (self.line_starts.partition_point(|&s| s <= offset) - 1) as u32
    }

    /// Byte offset where the 0-based `line` starts, if it exists.
    pub fn line_start(&self, line: u32) -> Option<u32> {
        self.line_starts.get(line as usize).copied()
    }

    /// 0-based line and column of `offset`, the column counted in `unit`.
    ///
    /// An offset inside a multi-byte character counts up to the character's start.
    pub fn line_col(&self, text: &str, offset: u32, unit: ColumnUnit) -> LineCol {
        let offset = offset.min(self.len);
        let line = self.line_of(offset);
        let start = self.line_starts[line as usize] as usize;
        let mut end = offset as usize;
        while end > start && !text.is_char_boundary(end) {
            end -= 1;
        }
        let prefix = text.get(start..end).unwrap_or("");
        let col = match unit {
            ColumnUnit::Utf8 => prefix.len(),
            ColumnUnit::Utf16 => prefix.chars().map(char::len_utf16).sum(),
            ColumnUnit::Chars => prefix.chars().count(),
        } as u32;
        LineCol { line, col }
    }

    /// The byte offset of a 0-based line and column in `unit`, clamped to the line's end.
    pub fn offset(&self, text: &str, pos: LineCol, unit: ColumnUnit) -> Option<u32> {
        let start = *self.line_starts.get(pos.line as usize)? as usize;
        let line_end = self
            .line_starts
            .get(pos.line as usize + 1)
            .map_or(self.len as usize, |&e| e as usize);
        let line = text.get(start..line_end)?;
        let mut units = 0u32;
        for (i, c) in line.char_indices() {
            if units >= pos.col {
                return Some((start + i) as u32);
            }
            units += match unit {
                ColumnUnit::Utf8 => c.len_utf8() as u32,
                ColumnUnit::Utf16 => c.len_utf16() as u32,
                ColumnUnit::Chars => 1,
            };
        }
        Some(line_end as u32)
    }
}

/// Converts many offsets on the same text without recounting each line from its start:
/// for offsets given in increasing order the total work is linear in the text.
#[derive(Debug)]
pub struct PositionCursor<'a> {
    index: &'a LineIndex,
    text: &'a str,
    unit: ColumnUnit,
    last: Option<(u32, LineCol)>,
}

impl<'a> PositionCursor<'a> {
    /// A cursor over `text`, columns counted in `unit`.
    pub fn new(index: &'a LineIndex, text: &'a str, unit: ColumnUnit) -> Self {
        PositionCursor {
            index,
            text,
            unit,
            last: None,
        }
    }

    /// The 0-based line and column of `offset`.
    pub fn line_col(&mut self, offset: u32) -> LineCol {
        let offset = offset.min(self.index.len);
        let line = self.index.line_of(offset);
        let result = match self.last {
            Some((prev, pos))
                if pos.line == line
                    && prev <= offset
                    && self.text.is_char_boundary(prev as usize) =>
            {
                let mut end = offset as usize;
                while end > prev as usize && !self.text.is_char_boundary(end) {
                    end -= 1;
                }
                let piece = self.text.get(prev as usize..end).unwrap_or("");
                let more = match self.unit {
                    ColumnUnit::Utf8 => piece.len(),
                    ColumnUnit::Utf16 => piece.chars().map(char::len_utf16).sum(),
                    ColumnUnit::Chars => piece.chars().count(),
                } as u32;
                self.last = Some((
                    end as u32,
                    LineCol {
                        line,
                        col: pos.col + more,
                    },
                ));
                return LineCol {
                    line,
                    col: pos.col + more,
                };
            }
            _ => self.index.line_col(self.text, offset, self.unit),
        };
        let mut boundary = offset as usize;
        while boundary > 0 && !self.text.is_char_boundary(boundary) {
            boundary -= 1;
        }
        self.last = Some((boundary as u32, result));
        result
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_in_each_unit() {
        let text = "FROM a\nRUN echo 'é😀x'\n";
        let idx = LineIndex::new(text);
        let x = text.find('x').unwrap() as u32;
        assert_eq!(
            idx.line_col(text, x, ColumnUnit::Utf8),
            LineCol { line: 1, col: 16 }
        );
        assert_eq!(
            idx.line_col(text, x, ColumnUnit::Utf16),
            LineCol { line: 1, col: 13 }
        );
        assert_eq!(
            idx.line_col(text, x, ColumnUnit::Chars),
            LineCol { line: 1, col: 12 }
        );
        for unit in [ColumnUnit::Utf8, ColumnUnit::Utf16, ColumnUnit::Chars] {
            let lc = idx.line_col(text, x, unit);
            assert_eq!(idx.offset(text, lc, unit), Some(x));
        }
    }

    #[test]
    fn cursor_agrees_with_direct_lookup() {
        let text = "ab\ncé😀d\n\nxyz";
        let idx = LineIndex::new(text);
        for unit in [ColumnUnit::Utf8, ColumnUnit::Utf16, ColumnUnit::Chars] {
            let mut cursor = PositionCursor::new(&idx, text, unit);
            for offset in 0..=text.len() as u32 {
                assert_eq!(
                    cursor.line_col(offset),
                    idx.line_col(text, offset, unit),
                    "{offset}"
                );
            }
        }
    }

    #[test]
    fn lines_end_at_newline_only() {
        let text = "a\r\nb\rc\n";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_count(), 3);
        assert_eq!(idx.line_of(4), 1);
        assert_eq!(idx.line_of(6), 1);
        assert_eq!(idx.line_of(99), 2);
    }
}
