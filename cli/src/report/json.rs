//! `--format json`: an array of diagnostics, streamed one at a time, one per line. The shape is a
//! contract: `{path, code, name, severity, message, range: {start: {line, column}, end},
//! span: [start, end], fix: {applicability, title, edits: [{span, content}]} | null,
//! savings_bytes | null}`, lines and columns 1-based, columns in characters: the path,
//! then core's [`Diagnostic`] as serde prints it (the test below holds the two equal).
//!
//! The object is laid out by hand rather than derived through serde (a whole-corpus check
//! prints hundreds of MB of it); strings that need escaping go through serde_json's own.

use std::io::{self, Write};

use slimfile::{Diagnostic, Position};

use super::{Emitter, FileReport, JsonArray, Totals};

/// Appends `text` as a JSON string: serde_json's escaping (one implementation for every
/// JSON the project writes), written straight into the buffer.
fn push_string(buf: &mut Vec<u8>, text: &str) {
    // Most strings (codes, names, messages) need no escape: copied whole, they skip
    // serde_json's per-byte table walk, and what it would print is the same bytes.
    if !needs_escape(text.as_bytes()) {
        buf.reserve(text.len() + 2);
        buf.push(b'"');
        buf.extend_from_slice(text.as_bytes());
        buf.push(b'"');
        return;
    }
    // Writing into a Vec cannot fail.
    let _ = serde_json::to_writer(&mut *buf, text);
}

/// Whether some byte must be escaped in a JSON string: a control character, `"` or `\\`.
/// Eight bytes at a time (the bit tricks of "Bit Twiddling Hacks": a byte below `n` or equal
/// to zero sets the high bit of its lane); reports are hundreds of MB of strings.
fn needs_escape(bytes: &[u8]) -> bool {
    const ONES: u64 = u64::MAX / 255;
    const HIGH: u64 = ONES * 0x80;
    let below = |x: u64, n: u8| x.wrapping_sub(ONES * u64::from(n)) & !x & HIGH;
    let equal = |x: u64, b: u8| below(x ^ (ONES * u64::from(b)), 1);
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word);
        if below(x, 0x20) | equal(x, b'"') | equal(x, b'\\') != 0 {
            return true;
        }
    }
    chunks
        .remainder()
        .iter()
        .any(|&b| b < 0x20 || b == b'"' || b == b'\\')
}

fn push_number(buf: &mut Vec<u8>, n: impl itoa::Integer) {
    buf.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
}

fn push_position(buf: &mut Vec<u8>, p: Position) {
    buf.extend_from_slice(b"{\"line\":");
    push_number(buf, p.line);
    buf.extend_from_slice(b",\"column\":");
    push_number(buf, p.column);
    buf.push(b'}');
}

fn push_span(buf: &mut Vec<u8>, [start, end]: [u32; 2]) {
    buf.push(b'[');
    push_number(buf, start);
    buf.push(b',');
    push_number(buf, end);
    buf.push(b']');
}

/// One diagnostic as a JSON object; `path` is already a JSON string.
fn push_diagnostic(buf: &mut Vec<u8>, path: &[u8], d: &Diagnostic) {
    buf.extend_from_slice(b"{\"path\":");
    buf.extend_from_slice(path);
    buf.extend_from_slice(b",\"code\":");
    push_string(buf, &d.code);
    buf.extend_from_slice(b",\"name\":");
    push_string(buf, &d.name);
    buf.extend_from_slice(b",\"severity\":");
    push_string(buf, d.severity.as_str());
    buf.extend_from_slice(b",\"message\":");
    push_string(buf, &d.message);
    buf.extend_from_slice(b",\"range\":{\"start\":");
    push_position(buf, d.range.start);
    buf.extend_from_slice(b",\"end\":");
    push_position(buf, d.range.end);
    buf.extend_from_slice(b"},\"span\":");
    push_span(buf, d.span);
    buf.extend_from_slice(b",\"fix\":");
    match &d.fix {
        None => buf.extend_from_slice(b"null"),
        Some(f) => {
            buf.extend_from_slice(b"{\"applicability\":");
            push_string(buf, f.applicability.as_str());
            buf.extend_from_slice(b",\"title\":");
            push_string(buf, &f.title);
            buf.extend_from_slice(b",\"edits\":[");
            for (i, e) in f.edits.iter().enumerate() {
                if i > 0 {
                    buf.push(b',');
                }
                buf.extend_from_slice(b"{\"span\":");
                push_span(buf, e.span);
                buf.extend_from_slice(b",\"content\":");
                push_string(buf, &e.content);
                buf.push(b'}');
            }
            buf.extend_from_slice(b"]}");
        }
    }
    buf.extend_from_slice(b",\"savings_bytes\":");
    match d.savings_bytes {
        None => buf.extend_from_slice(b"null"),
        Some(bytes) => push_number(buf, bytes),
    }
    buf.push(b'}');
}

#[derive(Debug, Default)]
pub struct Json {
    array: JsonArray,
    path: Vec<u8>,
}

impl Emitter for Json {
    fn file(&mut self, out: &mut dyn Write, file: &FileReport<'_>) -> io::Result<()> {
        if file.diagnostics.is_empty() {
            return Ok(());
        }
        // Escaped once per file: it is repeated in every diagnostic of the file.
        self.path.clear();
        push_string(&mut self.path, file.name);
        for d in file.diagnostics {
            let path = &self.path;
            self.array.push_with(out, |buf| {
                push_diagnostic(buf, path, d);
                Ok(())
            })?;
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, _totals: &Totals) -> io::Result<()> {
        self.array.finish(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;

    /// The contract: the path, then the diagnostic as serde prints core's public type.
    #[derive(Serialize)]
    struct Reference<'a> {
        path: &'a str,
        #[serde(flatten)]
        diagnostic: &'a Diagnostic,
    }

    fn diagnostic(message: &str, fix: serde_json::Value, savings: Option<u64>) -> Diagnostic {
        serde_json::from_value(serde_json::json!({
            "code": "DL3009",
            "name": "apt-lists-not-deleted",
            "severity": "info",
            "message": message,
            "range": {"start": {"line": 1, "column": 4}, "end": {"line": 2, "column": 9}},
            "span": [3, 17],
            "fix": fix,
            "savings_bytes": savings,
        }))
        .expect("a diagnostic")
    }

    #[test]
    fn needs_escape_finds_every_escaped_byte_in_every_lane() {
        for len in 0..20 {
            for at in 0..len {
                for b in 0u8..=255 {
                    let mut text = vec![b'a'; len];
                    text[at] = b;
                    let expected = b < 0x20 || b == b'"' || b == b'\\';
                    assert_eq!(needs_escape(&text), expected, "byte {b} at {at} of {len}");
                }
            }
            assert!(!needs_escape(&vec![0xe4; len]));
        }
    }

    #[test]
    fn hand_written_json_is_what_serde_prints() {
        let tricky =
            "quote \" backslash \\ newline \n tab \t cr \r bell \u{7} del \u{7f} é 中 `x` \u{1f}";
        let long = "a".repeat(40) + "\"" + &"b".repeat(40);
        let fixes = [
            serde_json::Value::Null,
            serde_json::json!({"applicability": "safe", "title": "Add `-y`", "edits": [
                {"span": [5, 5], "content": " \\\n    -y"},
                {"span": [1, 2], "content": tricky},
            ]}),
            serde_json::json!({"applicability": "display-only", "title": "Use a slim image", "edits": []}),
            serde_json::json!({"applicability": "unsafe", "title": "Merge", "edits": []}),
        ];
        for (i, fix) in fixes.into_iter().enumerate() {
            for message in [tricky, long.as_str(), "", "plain `text` only"] {
                let d = diagnostic(message, fix.clone(), (i % 2 == 1).then_some(1234));
                let path = "dir/\"odd\"\\Dockerfile";
                let mut ours = Vec::new();
                let mut escaped_path = Vec::new();
                push_string(&mut escaped_path, path);
                push_diagnostic(&mut ours, &escaped_path, &d);
                let reference = Reference {
                    path,
                    diagnostic: &d,
                };
                let expected = serde_json::to_string(&reference).expect("json");
                assert_eq!(String::from_utf8(ours).expect("utf8"), expected);
            }
        }
    }
}
