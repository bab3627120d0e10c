//! A logical line: the physical lines of one instruction joined the way BuildKit joins
//! them, with a map back to source offsets so that every word keeps its real span.

use compact_str::CompactString;

use super::instruction::JoinedLine;
use super::text::TextRange;

#[derive(Debug, Default)]
pub(crate) struct LogicalLine {
    pub text: String,
    /// `(logical offset, source offset)` where each joined piece starts.
    segments: Vec<(u32, u32)>,
}

impl LogicalLine {
    /// A line buffer for instructions of up to `bytes` without growing: the parser reuses
    /// one for every instruction of a file.
    pub(super) fn with_capacity(bytes: usize) -> LogicalLine {
        LogicalLine {
            text: String::with_capacity(bytes),
            segments: Vec::with_capacity(16),
        }
    }

    pub(super) fn clear(&mut self) {
        self.text.clear();
        self.segments.clear();
    }

    /// Whether the line is one unbroken piece of the source (no continuation joined).
    pub(super) fn is_single_piece(&self) -> bool {
        self.segments.len() <= 1
    }

    /// The part `start..end` of the line as an owned [`JoinedLine`].
    pub(super) fn joined(&self, start: usize, end: usize) -> JoinedLine {
        let mut pieces: Vec<(u32, u32)> = Vec::with_capacity(self.segments.len());
        let (start32, end32) = (start as u32, end as u32);
        for &(l, s) in &self.segments {
            if l >= end32 && l > start32 {
                break;
            }
            if l <= start32 {
                pieces.clear();
                pieces.push((0, s + (start32 - l)));
            } else {
                pieces.push((l - start32, s));
            }
        }
        JoinedLine {
            text: CompactString::from(&self.text[start..end]),
            pieces,
        }
    }

    pub(super) fn push(&mut self, piece: &str, source_offset: usize) {
        self.segments
            .push((self.text.len() as u32, source_offset as u32));
        self.text.push_str(piece);
    }

    fn segment_for(&self, offset: usize, at_end: bool) -> (u32, u32) {
        let offset = offset as u32;
        let idx = self
            .segments
            .partition_point(|&(l, _)| if at_end { l < offset } else { l <= offset });
        self.segments
            .get(idx.saturating_sub(1))
            .copied()
            .unwrap_or((0, 0))
    }

    /// The source offset of a logical offset where something starts.
    pub(super) fn source_start(&self, offset: usize) -> u32 {
        if let [(l, s)] = self.segments[..] {
            // One piece (most instructions): no search.
            return s + (offset as u32 - l);
        }
        let (l, s) = self.segment_for(offset, false);
        s + (offset as u32 - l)
    }

    /// The source offset of a logical offset where something ends: a piece ending at a
    /// join ends on the earlier line, before the continuation.
    pub(super) fn source_end(&self, offset: usize) -> u32 {
        if offset == 0 || self.segments.len() == 1 {
            return self.source_start(offset);
        }
        let (l, s) = self.segment_for(offset, true);
        s + (offset as u32 - l)
    }

    pub(super) fn source_range(&self, start: usize, end: usize) -> TextRange {
        if start >= end {
            return TextRange::empty(self.source_start(start));
        }
        TextRange::new(self.source_start(start), self.source_end(end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_across_continuations() {
        // "RUN a \\\n  b" joins to "RUN a   b".
        let mut l = LogicalLine::default();
        l.push("RUN a ", 0);
        l.push("  b", 8);
        assert_eq!(l.text, "RUN a   b");
        let b = l.text.find('b').unwrap();
        assert_eq!(l.source_start(b), 10);
        assert_eq!(l.source_range(4, 9), TextRange::new(4, 11));
        assert_eq!(l.source_range(0, 6), TextRange::new(0, 6));
    }
}
