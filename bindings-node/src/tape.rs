//! Results as numbers and text, the fast way to hand many small objects to JavaScript:
//! `index.js` reads them back in the same order and builds the objects, with the keys and
//! key order of core's serde shapes. Both cross as strings, the cheapest values to create
//! through N-API (a typed array for the numbers costs three times as much a call).

use napi::bindgen_prelude::*;
use slimfile::{Diagnostic, ParseView};

/// The most bytes in one piece of text (unless one string is longer).
const PIECE: usize = 64 << 20;

/// Numbers up to this go on the tape as one UTF-16 unit.
const SMALL: u64 = 0xFFFD;
/// The unit for -1 (`null`).
const NULL: u16 = 0xFFFE;
/// The unit before a larger number, which follows in four units, low bits first.
const LARGE: u16 = 0xFFFF;

/// Results on a tape of numbers (UTF-16 units: see [`SMALL`], [`NULL`], [`LARGE`]) and a
/// text, read back in the same order by `index.js`. A string is its length in UTF-16 units
/// on the tape and its characters on the text, which comes in pieces of at most [`PIECE`]
/// bytes (V8 strings are limited to 2^29 units); a string never straddles two pieces, so
/// the reader moves to the next piece when a string does not fit in the rest of this one.
#[derive(Debug, Default)]
pub struct Tape {
    numbers: Vec<u16>,
    text: Vec<String>,
}

impl Tape {
    pub fn num(&mut self, n: impl Into<u64>) {
        match n.into() {
            n if n <= SMALL => self.numbers.push(n as u16),
            n => {
                self.numbers.push(LARGE);
                self.numbers.extend((0..4).map(|i| (n >> (16 * i)) as u16));
            }
        }
    }

    fn null(&mut self) {
        self.numbers.push(NULL);
    }

    pub fn str(&mut self, s: &str) {
        let units = if s.is_ascii() {
            s.len()
        } else {
            s.encode_utf16().count()
        };
        self.num(units as u64);
        match self.text.last_mut() {
            Some(piece) if piece.len() + s.len() <= PIECE || s.is_empty() => piece.push_str(s),
            _ => self.text.push(s.to_owned()),
        }
    }

    pub fn opt_str(&mut self, s: Option<&str>) {
        match s {
            Some(s) => self.str(s),
            None => self.null(),
        }
    }

    fn strs(&mut self, list: &[String]) {
        self.num(list.len() as u64);
        list.iter().for_each(|s| self.str(s));
    }

    fn span(&mut self, [start, end]: [u32; 2]) {
        self.num(start);
        self.num(end);
    }

    pub fn diagnostics(&mut self, list: &[Diagnostic]) {
        self.num(list.len() as u64);
        for d in list {
            self.str(&d.code);
            self.str(&d.name);
            self.str(d.severity.as_str());
            self.str(&d.message);
            for p in [d.range.start, d.range.end] {
                self.num(p.line);
                self.num(p.column);
            }
            self.span(d.span);
            match d.savings_bytes {
                Some(bytes) => self.num(bytes),
                None => self.null(),
            }
            let Some(fix) = &d.fix else {
                self.null();
                continue;
            };
            self.num(fix.edits.len() as u64);
            self.str(fix.applicability.as_str());
            self.str(&fix.title);
            for edit in &fix.edits {
                self.span(edit.span);
                self.str(&edit.content);
            }
        }
    }

    pub fn parse_view(&mut self, view: &ParseView) {
        self.str(view.escape.encode_utf8(&mut [0; 4]));
        self.num(view.items.len() as u64);
        for item in &view.items {
            self.str(item.kind.as_str());
            self.span([item.start, item.end]);
        }
        self.num(view.instructions.len() as u64);
        for i in &view.instructions {
            self.opt_str(i.cmd.as_deref());
            self.opt_str(i.sub_cmd.as_deref());
            self.num(u8::from(i.json));
            self.str(&i.original);
            self.span([i.start_line, i.end_line]);
            self.strs(&i.flags);
            self.strs(&i.value);
            self.num(i.heredocs.len() as u64);
            for h in &i.heredocs {
                self.str(&h.name);
                self.num(h.file_descriptor);
                self.str(&h.content);
            }
            self.span(i.span);
        }
        for problems in [&view.errors, &view.warnings] {
            self.num(problems.len() as u64);
            for p in problems {
                self.str(p.kind.as_str());
                self.str(&p.message);
                self.span([p.line, p.column]);
                self.span(p.span);
            }
        }
    }

    /// `[numbers, pieces of text]` for `index.js`.
    pub fn into_js(self) -> (Utf16String, Vec<String>) {
        (Utf16String::from(self.numbers), self.text)
    }
}
