//! `--format json`: an array of diagnostics, streamed one at a time, one per line. The shape is a
//! contract: `{path, code, name, severity, message, range: {start: {line, column}, end},
//! span: [start, end], fix: {applicability, title, edits: [{span, content}]} | null,
//! savings_bytes | null}`, lines and columns 1-based, columns in characters.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::value::RawValue;
use slimfile::rules::{Applicability, Diagnostic, Severity};
use slimfile::syntax::LineIndex;

use super::{Emitter, FileReport, JsonArray, Totals};
use crate::output::Position;

#[derive(Debug, Serialize)]
struct JsonRange {
    start: Position,
    end: Position,
}

#[derive(Debug, Serialize)]
struct JsonEdit<'a> {
    span: [u32; 2],
    content: &'a str,
}

#[derive(Debug, Serialize)]
struct JsonFix<'a> {
    applicability: Applicability,
    title: &'a str,
    edits: Vec<JsonEdit<'a>>,
}

#[derive(Debug, Serialize)]
struct JsonDiagnostic<'a> {
    /// Escaped once per file: it is repeated in every diagnostic of the file.
    path: &'a RawValue,
    code: &'a str,
    name: &'a str,
    severity: Severity,
    message: &'a str,
    range: JsonRange,
    span: [u32; 2],
    fix: Option<JsonFix<'a>>,
    savings_bytes: Option<u64>,
}

fn to_json<'a>(
    path: &'a RawValue,
    d: &'a Diagnostic,
    start: Position,
    end: Position,
) -> JsonDiagnostic<'a> {
    JsonDiagnostic {
        path,
        code: &d.code,
        name: &d.name,
        severity: d.severity,
        message: &d.message,
        range: JsonRange { start, end },
        span: [d.range.start, d.range.end],
        fix: d.fix.as_ref().map(|f| JsonFix {
            applicability: f.applicability,
            title: &f.title,
            edits: f
                .edits
                .iter()
                .map(|e| JsonEdit {
                    span: [e.range.start, e.range.end],
                    content: &e.content,
                })
                .collect(),
        }),
        savings_bytes: d.savings.as_ref().map(|s| s.bytes),
    }
}

#[derive(Debug, Default)]
pub struct Json {
    array: JsonArray,
}

impl Emitter for Json {
    fn file(&mut self, out: &mut dyn Write, file: &FileReport<'_>) -> io::Result<()> {
        if file.diagnostics.is_empty() {
            return Ok(());
        }
        let index = LineIndex::new(file.source);
        let path = serde_json::value::to_raw_value(file.name).map_err(io::Error::other)?;
        for (d, (start, end)) in file.diagnostics.iter().zip(file.positions(&index)) {
            self.array.push(out, &to_json(&path, d, start, end))?;
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, _totals: &Totals) -> io::Result<()> {
        self.array.finish(out)
    }
}
