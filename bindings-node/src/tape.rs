//! Results as numbers and one string, the fast way to hand many small objects to
//! JavaScript: `index.js` reads them back in the same order and builds the objects, with
//! the keys and key order of core's serde shapes.

use napi::bindgen_prelude::*;
use serde::Serialize;
use slimfile::{Diagnostic, ParseView};

/// The most bytes in one piece of text (unless one string is longer).
const PIECE: usize = 64 << 20;

/// Results as numbers and one string, read back in the same order by `index.js`: a string
/// is its length in UTF-16 units (-1: `null`) on the number tape and its text on the text,
/// which comes in pieces of at most [`PIECE`] bytes (V8 strings are limited to 2^29 units);
/// a string never straddles two pieces, so a reader moves to the next piece when a string
/// does not fit in the rest of the current one.
#[derive(Debug, Default)]
pub struct Tape {
    numbers: Vec<f64>,
    text: Vec<String>,
}

impl Tape {
    pub fn num(&mut self, n: impl Into<f64>) {
        self.numbers.push(n.into());
    }

    pub fn str(&mut self, s: &str) {
        let units = if s.is_ascii() {
            s.len()
        } else {
            s.encode_utf16().count()
        };
        self.numbers.push(units as f64);
        match self.text.last_mut() {
            Some(piece) if piece.len() + s.len() <= PIECE || s.is_empty() => piece.push_str(s),
            _ => self.text.push(s.to_owned()),
        }
    }

    pub fn opt_str(&mut self, s: Option<&str>) {
        match s {
            Some(s) => self.str(s),
            None => self.num(-1),
        }
    }

    fn strs(&mut self, list: &[String]) {
        self.num(list.len() as u32);
        list.iter().for_each(|s| self.str(s));
    }

    fn span(&mut self, [start, end]: [u32; 2]) {
        self.num(start);
        self.num(end);
    }

    /// A unit enum as serde names it (`"display-only"`), remembered for the next one.
    fn name<T: Serialize + PartialEq + Copy>(&mut self, value: T, seen: &mut Vec<(T, String)>) {
        if let Some((_, name)) = seen.iter().find(|(v, _)| *v == value) {
            return self.str(name);
        }
        let name = serde_json::to_value(value)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned));
        self.str(name.as_deref().unwrap_or_default());
        seen.push((value, name.unwrap_or_default()));
    }

    pub fn diagnostics(&mut self, list: &[Diagnostic]) {
        self.num(list.len() as u32);
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
            self.num(d.savings_bytes.map_or(-1.0, |b| b as f64));
            let Some(fix) = &d.fix else {
                self.num(-1);
                continue;
            };
            self.num(fix.edits.len() as u32);
            self.str(fix.applicability.as_str());
            self.str(&fix.title);
            for edit in &fix.edits {
                self.span(edit.span);
                self.str(&edit.content);
            }
        }
    }

    pub fn parse_view(&mut self, view: &ParseView) {
        let (mut kinds, mut problem_kinds) = (Vec::new(), Vec::new());
        self.str(view.escape.encode_utf8(&mut [0; 4]));
        self.num(view.items.len() as u32);
        for item in &view.items {
            self.name(item.kind, &mut kinds);
            self.span([item.start, item.end]);
        }
        self.num(view.instructions.len() as u32);
        for i in &view.instructions {
            self.opt_str(i.cmd.as_deref());
            self.opt_str(i.sub_cmd.as_deref());
            self.num(u8::from(i.json));
            self.str(&i.original);
            self.span([i.start_line, i.end_line]);
            self.strs(&i.flags);
            self.strs(&i.value);
            self.num(i.heredocs.len() as u32);
            for h in &i.heredocs {
                self.str(&h.name);
                self.num(h.file_descriptor);
                self.str(&h.content);
            }
            self.span(i.span);
        }
        for problems in [&view.errors, &view.warnings] {
            self.num(problems.len() as u32);
            for p in problems {
                self.name(p.kind, &mut problem_kinds);
                self.str(&p.message);
                self.span([p.line, p.column]);
                self.span(p.span);
            }
        }
    }

    /// `[numbers, pieces of text]` for `index.js`; the numbers copied into memory V8 owns, which is
    /// cheaper for small results than an external buffer V8 must call back to free.
    pub fn into_js_copied(self, env: &Env) -> Result<(Float64ArraySlice<'_>, Vec<String>)> {
        Ok((Float64ArraySlice::copy_from(env, &self.numbers)?, self.text))
    }

    /// `[numbers, pieces of text]` for `index.js`, handing the memory over.
    pub fn into_js(self) -> (Float64Array, Vec<String>) {
        (Float64Array::new(self.numbers), self.text)
    }
}
