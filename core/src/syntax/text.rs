//! Byte ranges into the source text.
//!
//! Spans are UTF-8 byte offsets stored as `u32`: Dockerfiles are far below 4 GiB (the
//! parser refuses larger input), and half-size offsets keep the tree small.

use serde::{Deserialize, Serialize};

/// A half-open byte range `start..end` into the source text.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize)]
pub struct TextRange {
    /// The first byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
}

impl TextRange {
    /// The range `start..end`.
    pub const fn new(start: u32, end: u32) -> Self {
        Self { start, end }
    }

    /// An empty range at `offset`, where an insertion goes.
    pub const fn empty(offset: u32) -> Self {
        Self {
            start: offset,
            end: offset,
        }
    }

    /// How many bytes.
    pub const fn len(self) -> u32 {
        self.end - self.start
    }

    /// Whether it covers no byte.
    pub const fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// Whether `offset` is inside.
    pub const fn contains(self, offset: u32) -> bool {
        self.start <= offset && offset < self.end
    }

    /// Whether `other` is inside.
    pub const fn contains_range(self, other: TextRange) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The smallest range covering both.
    pub fn cover(self, other: TextRange) -> TextRange {
        TextRange::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// The range shifted right by `delta` bytes.
    pub const fn shifted(self, delta: u32) -> TextRange {
        TextRange::new(self.start + delta, self.end + delta)
    }

    /// As a `usize` range, for slicing.
    pub fn as_usize(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }

    /// The text this range covers in `source`.
    ///
    /// Ranges made by the parser always fall on character boundaries; a foreign range
    /// that does not gives the empty string rather than a panic.
    pub fn slice(self, source: &str) -> &str {
        source.get(self.as_usize()).unwrap_or("")
    }
}

impl std::fmt::Debug for TextRange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

impl From<std::ops::Range<u32>> for TextRange {
    fn from(r: std::ops::Range<u32>) -> Self {
        TextRange::new(r.start, r.end)
    }
}
