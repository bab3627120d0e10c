//! Positions in the caller's encoding. Core works in UTF-8 byte offsets; Rust slices
//! with those, Python indexes `str` by code points, and JavaScript (and LSP) by UTF-16
//! code units. The conversion happens here, once, at the edge.

use serde::{Deserialize, Serialize};

use crate::syntax::LineIndex;

/// The unit positions count in: spans (offsets into the text) and columns.
///
/// | encoding | spans count | columns count |
/// |---|---|---|
/// | `Utf8` | UTF-8 bytes (Rust `str` indices) | characters, as people and the CLI count |
/// | `CodePoints` | Unicode code points (Python `str` indices) | characters |
/// | `Utf16` | UTF-16 code units (JavaScript string indices) | UTF-16 code units, as editors and LSP count |
///
/// Lines and columns are 1-based; spans are 0-based and end-exclusive.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PositionEncoding {
    #[default]
    /// UTF-8 bytes: Rust `str` indices.
    Utf8,
    /// Unicode code points: Python `str` indices.
    CodePoints,
    /// UTF-16 code units: JavaScript string indices, LSP positions.
    Utf16,
}

/// A 1-based line and column.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub struct Position {
    /// The line, from 1.
    pub line: u32,
    /// The column, from 1, in the encoding's column unit.
    pub column: u32,
}

/// Converts byte offsets of one text into positions and offsets in an encoding. Offsets
/// given in increasing order cost work linear in the text overall; ASCII text costs none.
pub(crate) struct Positioner<'a> {
    text: &'a str,
    index: LineIndex,
    encoding: PositionEncoding,
    ascii: bool,
    /// The offset, in the encoding's unit, at which each line starts (non-ASCII text only).
    line_offsets: Vec<u32>,
    /// The last offset converted on its line: (byte, line, characters, UTF-16 units).
    last: Option<(usize, u32, u32, u32)>,
    /// The line of the last offset converted, tried first.
    line_hint: u32,
}

/// Characters and UTF-16 units in a piece of text.
fn counts(piece: &str) -> (u32, u32) {
    piece.chars().fold((0, 0), |(chars, units), c| {
        (chars + 1, units + c.len_utf16() as u32)
    })
}

impl<'a> Positioner<'a> {
    pub(crate) fn new(text: &'a str, encoding: PositionEncoding) -> Self {
        let index = LineIndex::new(text);
        let ascii = text.is_ascii();
        let line_offsets = if ascii || encoding == PositionEncoding::Utf8 {
            Vec::new()
        } else {
            let mut offsets = Vec::with_capacity(index.line_count() as usize);
            let mut at = 0u32;
            let mut start = 0usize;
            for line in 0..index.line_count() {
                let line_start = index.line_start(line).unwrap_or(0) as usize;
                let (chars, units) = counts(&text[start..line_start]);
                at += match encoding {
                    PositionEncoding::Utf16 => units,
                    _ => chars,
                };
                offsets.push(at);
                start = line_start;
            }
            offsets
        };
        Positioner {
            text,
            index,
            encoding,
            ascii,
            line_offsets,
            last: None,
            line_hint: 0,
        }
    }

    /// The 0-based line of `byte`. Offsets come mostly in order (findings sorted by start,
    /// their ends and edits near them), so the line of the last one is tried before a
    /// binary search: the search was half the cost of positioning (callgrind, dev corpus).
    fn line_of(&mut self, byte: u32) -> u32 {
        let hint = self.line_hint;
        let line = match (self.index.line_start(hint), self.index.line_start(hint + 1)) {
            (Some(start), Some(next)) if start <= byte && byte < next => hint,
            (Some(start), None) if start <= byte => hint,
            _ => self.index.line_of(byte),
        };
        self.line_hint = line;
        line
    }

    /// The offset in the encoding's unit of a byte offset.
    pub(crate) fn offset(&mut self, byte: u32) -> u32 {
        self.locate(byte).1
    }

    /// A byte range as `[start, end]` in the encoding's unit.
    pub(crate) fn span(&mut self, start: u32, end: u32) -> [u32; 2] {
        [self.offset(start), self.offset(end)]
    }

    /// Position and encoded offset of a byte offset (clamped to the text, and back to the
    /// start of a character it falls inside).
    pub(crate) fn locate(&mut self, byte: u32) -> (Position, u32) {
        let mut byte = (byte as usize).min(self.text.len());
        while !self.text.is_char_boundary(byte) {
            byte -= 1;
        }
        let line = self.line_of(byte as u32);
        let line_start = self.index.line_start(line).unwrap_or(0) as usize;
        if self.ascii {
            let column = (byte - line_start) as u32;
            let position = Position {
                line: line + 1,
                column: column + 1,
            };
            return (position, byte as u32);
        }
        let (chars, units) = match self.last {
            Some((prev, prev_line, chars, units)) if prev_line == line && prev <= byte => {
                let (c, u) = counts(&self.text[prev..byte]);
                (chars + c, units + u)
            }
            _ => counts(&self.text[line_start..byte]),
        };
        self.last = Some((byte, line, chars, units));
        let column = match self.encoding {
            PositionEncoding::Utf16 => units,
            _ => chars,
        };
        let offset = match self.encoding {
            PositionEncoding::Utf8 => byte as u32,
            _ => self.line_offsets[line as usize] + column,
        };
        let position = Position {
            line: line + 1,
            column: column + 1,
        };
        (position, offset)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Offsets agree with slicing in each language: Rust bytes, Python code points,
    /// JavaScript UTF-16 units.
    #[test]
    fn offsets_and_columns_in_each_encoding() {
        let text = "FROM a\nRUN echo 'é😀x' # ü\n";
        let x = text.find('x').expect("x") as u32;
        let cases = [
            (PositionEncoding::Utf8, x, 13),
            (PositionEncoding::CodePoints, 19, 13),
            (PositionEncoding::Utf16, 20, 14),
        ];
        for (encoding, offset, column) in cases {
            let mut p = Positioner::new(text, encoding);
            assert_eq!(
                p.locate(x),
                (Position { line: 2, column }, offset),
                "{encoding:?}"
            );
        }
        let chars: Vec<char> = text.chars().collect();
        let mut p = Positioner::new(text, PositionEncoding::CodePoints);
        assert_eq!(chars[p.offset(x) as usize], 'x');
        let utf16: Vec<u16> = text.encode_utf16().collect();
        let mut p = Positioner::new(text, PositionEncoding::Utf16);
        assert_eq!(utf16[p.offset(x) as usize], u16::from(b'x'));
    }

    #[test]
    fn any_order_of_offsets_gives_the_same_answers() {
        let text = "é\n😀ab\r\ncd😀\n";
        for encoding in [
            PositionEncoding::Utf8,
            PositionEncoding::CodePoints,
            PositionEncoding::Utf16,
        ] {
            let mut forward = Positioner::new(text, encoding);
            let bytes: Vec<u32> = (0..text.len() as u32 + 3).collect();
            let ahead: Vec<_> = bytes.iter().map(|&b| forward.locate(b)).collect();
            for (&b, expected) in bytes.iter().zip(&ahead).rev() {
                assert_eq!(&Positioner::new(text, encoding).locate(b), expected);
                assert_eq!(&forward.locate(b), expected, "{encoding:?} {b}");
            }
        }
    }

    #[test]
    fn ascii_text_counts_bytes() {
        let mut p = Positioner::new("FROM a\nRUN b\n", PositionEncoding::Utf16);
        assert_eq!(p.locate(11), (Position { line: 2, column: 5 }, 11));
    }
}
