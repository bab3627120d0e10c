//! Output formats of `slimfile check`. Each emitter gets the files one at a time, in order,
//! with their text (so `text` can show code frames without keeping every file in memory),
//! and the totals at the end.

mod checkstyle;
mod github;
mod gitlab;
mod json;
mod sarif;
mod statistics;
mod text;

use std::io::{self, Write};

use clap::ValueEnum;
use slimfile::{Applicability, Diagnostic, Severity};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// For people: `path:line:col: CODE [severity] message`, a code frame, the fix, a summary.
    Text,
    /// An array of diagnostics with positions, spans, fixes and savings.
    Json,
    /// SARIF 2.1.0, for code scanning (GitHub, Azure DevOps, IDEs).
    Sarif,
    /// GitHub Actions workflow commands: annotations on the pull request.
    Github,
    /// Checkstyle XML, for Jenkins and other CI dashboards.
    Checkstyle,
    /// GitLab Code Quality JSON.
    Gitlab,
}

/// What the user asked to see.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Show unsafe fixes as fixes (otherwise they are hints).
    pub unsafe_fixes: bool,
    /// No summary line.
    pub quiet: bool,
}

/// One checked file: its name as shown, its text, and the diagnostics to show.
#[derive(Debug)]
pub struct FileReport<'a> {
    pub name: &'a str,
    pub source: &'a str,
    pub diagnostics: &'a [&'a Diagnostic],
}

/// Counts over every file, for the summary line.
#[derive(Debug, Default, Clone)]
pub struct Totals {
    pub files: usize,
    pub problems: usize,
    /// By severity: error, warning, info, style.
    pub by_severity: [usize; 4],
    /// With a safe fix.
    pub fixable: usize,
    /// With an unsafe fix (applied by `slimfile fix --unsafe-fixes`).
    pub unsafe_fixable: usize,
    pub savings: u64,
}

impl Totals {
    pub fn add(&mut self, d: &Diagnostic) {
        self.problems += 1;
        self.by_severity[severity_index(d.severity)] += 1;
        match fix_kind(d) {
            Some(Applicability::Safe) => self.fixable += 1,
            Some(Applicability::Unsafe) => self.unsafe_fixable += 1,
            _ => {}
        }
        self.savings += d.savings_bytes.unwrap_or(0);
    }
}

pub fn severity_index(s: Severity) -> usize {
    match s {
        Severity::Error => 0,
        Severity::Warning => 1,
        Severity::Info => 2,
        Severity::Style => 3,
    }
}

/// The applicability of a fix that can be applied (one with edits).
pub fn fix_kind(d: &Diagnostic) -> Option<Applicability> {
    d.fix
        .as_ref()
        .filter(|f| !f.edits.is_empty())
        .map(|f| f.applicability)
}

/// Whether a fix is shown as a fix (not a hint) with these options.
pub fn shows_fix(d: &Diagnostic, options: &Options) -> bool {
    match fix_kind(d) {
        Some(Applicability::Safe) => true,
        Some(Applicability::Unsafe) => options.unsafe_fixes,
        _ => false,
    }
}

pub trait Emitter {
    fn file(&mut self, out: &mut dyn Write, file: &FileReport<'_>) -> io::Result<()>;
    fn finish(&mut self, out: &mut dyn Write, totals: &Totals) -> io::Result<()>;
}

pub fn emitter(format: Format, statistics: bool, options: Options) -> Box<dyn Emitter> {
    if statistics {
        return Box::new(statistics::Statistics::new(format == Format::Json, options));
    }
    match format {
        Format::Text => Box::new(text::Text::new(options)),
        Format::Json => Box::new(json::Json::default()),
        Format::Sarif => Box::new(sarif::Sarif::new(options)),
        Format::Github => Box::new(github::Github),
        Format::Checkstyle => Box::new(checkstyle::Checkstyle::default()),
        Format::Gitlab => Box::new(gitlab::Gitlab::default()),
    }
}

/// `1 file`, `2 files`.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Bytes for people, in decimal units like image sizes on registries: `25.3 MB`.
pub fn human_bytes(n: u64) -> String {
    let n_f = n as f64;
    if n >= 1_000_000_000 {
        format!("{:.1} GB", n_f / 1e9)
    } else if n >= 1_000_000 {
        format!("{:.1} MB", n_f / 1e6)
    } else if n >= 1_000 {
        format!("{:.1} kB", n_f / 1e3)
    } else {
        plural(n as usize, "byte", "bytes")
    }
}

/// The summary line shared by `text` and `--statistics`.
pub fn summary_line(totals: &Totals, options: &Options) -> String {
    let files = plural(totals.files, "file", "files");
    if totals.problems == 0 {
        return format!("Checked {files}: no problems.");
    }
    let names = ["error", "warning", "info", "style"];
    let plurals = ["errors", "warnings", "info", "style"];
    let counts: Vec<String> = totals
        .by_severity
        .iter()
        .enumerate()
        .filter(|(_, n)| **n > 0)
        .map(|(i, n)| plural(*n, names[i], plurals[i]))
        .collect();
    let mut line = format!(
        "Checked {files}: {} ({})",
        plural(totals.problems, "problem", "problems"),
        counts.join(", ")
    );
    if options.unsafe_fixes {
        let n = totals.fixable + totals.unsafe_fixable;
        if n > 0 {
            line.push_str(&format!("; {n} fixable with `slimfile fix --unsafe-fixes`"));
        }
    } else if totals.fixable > 0 {
        line.push_str(&format!("; {} fixable with `slimfile fix`", totals.fixable));
        if totals.unsafe_fixable > 0 {
            line.push_str(&format!(
                " ({} more with `--unsafe-fixes`)",
                totals.unsafe_fixable
            ));
        }
    } else if totals.unsafe_fixable > 0 {
        line.push_str(&format!(
            "; {} fixable with `slimfile fix --unsafe-fixes`",
            totals.unsafe_fixable
        ));
    }
    if totals.savings > 0 {
        line.push_str(&format!(
            "; about {} could be saved",
            human_bytes(totals.savings)
        ));
    }
    line.push('.');
    line
}

/// Writes a JSON array one element at a time, one element per line, so nothing has to be
/// kept until the end and each finding is one line to `grep` or stream.
#[derive(Debug, Default)]
pub struct JsonArray {
    started: bool,
    /// The element being written: serialized here, then written out in one call, rather
    /// than in the many small writes of the serializer.
    buffer: Vec<u8>,
}

impl JsonArray {
    pub fn push(&mut self, out: &mut dyn Write, value: &impl serde::Serialize) -> io::Result<()> {
        self.push_with(out, |buf| {
            serde_json::to_writer(buf, value).map_err(io::Error::other)
        })
    }

    /// Like [`JsonArray::push`], with the element written by `write` into the buffer.
    pub fn push_with(
        &mut self,
        out: &mut dyn Write,
        write: impl FnOnce(&mut Vec<u8>) -> io::Result<()>,
    ) -> io::Result<()> {
        self.buffer.clear();
        self.buffer
            .extend_from_slice(if self.started { b",\n" } else { b"[\n" });
        self.started = true;
        write(&mut self.buffer)?;
        out.write_all(&self.buffer)
    }

    pub fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(if self.started { b"\n]\n" } else { b"[]\n" })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streamed_json_array_is_an_array_of_one_element_per_line() {
        let values = [
            serde_json::json!({"a": 1, "b": [1, 2], "c": {"d": "x\ny"}}),
            serde_json::json!({"a": null, "b": [], "c": {}}),
            serde_json::json!({"x": [{"y": []}, {}], "z": [[1], []], "s": "\"q\""}),
            serde_json::json!([]),
        ];
        for n in 0..=values.len() {
            let mut out = Vec::new();
            let mut array = JsonArray::default();
            for v in &values[..n] {
                array.push(&mut out, v).expect("write");
            }
            array.finish(&mut out).expect("write");
            let text = String::from_utf8(out).expect("utf8");
            let parsed: Vec<serde_json::Value> = serde_json::from_str(&text).expect("json");
            assert_eq!(parsed, values[..n]);
            let lines: Vec<&str> = text.lines().collect();
            if n == 0 {
                assert_eq!(lines, ["[]"]);
            } else {
                assert_eq!(lines.len(), n + 2, "{text}");
                assert_eq!((lines[0], lines[n + 1]), ("[", "]"));
            }
        }
    }

    #[test]
    fn bytes_for_people() {
        assert_eq!(human_bytes(1), "1 byte");
        assert_eq!(human_bytes(999), "999 bytes");
        assert_eq!(human_bytes(25_300), "25.3 kB");
        assert_eq!(human_bytes(357_800_000), "357.8 MB");
        assert_eq!(human_bytes(1_200_000_000), "1.2 GB");
    }
}
