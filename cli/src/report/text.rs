//! `--format text`, like rustc and ruff:
//!
//! ```text
//! Dockerfile:2:23: DL3015 [info] `apt-get install` without `--no-install-recommends`
//!   |
//! 2 | RUN apt-get update && apt-get install -y curl
//!   |                       ^^^^^^^^^^^^^^^^^^^^^^^
//!   |
//!   = help: Add `--no-install-recommends`
//! ```
//!
//! then a summary line. Colour only when standard output is a terminal (and `NO_COLOR` is
//! unset); the writer strips it otherwise.

use std::io::{self, Write};

use anstyle::{AnsiColor, Style};
use slimfile::syntax::LineIndex;
use slimfile::{Applicability, Diagnostic, Position, Severity};

use super::{human_bytes, shows_fix, summary_line, Emitter, FileReport, Options, Totals};

const BOLD: Style = Style::new().bold();
const GUTTER: Style = AnsiColor::Blue.on_default().bold();
const FIX: Style = AnsiColor::Green.on_default().bold();
const HELP: Style = AnsiColor::Cyan.on_default().bold();

/// The most lines of one range shown; longer ranges show their first and last lines.
const MAX_FRAME_LINES: u32 = 5;

pub fn severity_style(s: Severity) -> Style {
    let color = match s {
        Severity::Error => AnsiColor::Red,
        Severity::Warning => AnsiColor::Yellow,
        Severity::Info => AnsiColor::Cyan,
        Severity::Style => AnsiColor::Magenta,
    };
    color.on_default().bold()
}

#[derive(Debug)]
pub struct Text {
    options: Options,
}

impl Text {
    pub fn new(options: Options) -> Self {
        Text { options }
    }
}

impl Emitter for Text {
    fn file(&mut self, out: &mut dyn Write, file: &FileReport<'_>) -> io::Result<()> {
        if file.diagnostics.is_empty() {
            return Ok(());
        }
        let index = LineIndex::new(file.source);
        for d in file.diagnostics {
            let (start, end) = (d.range.start, d.range.end);
            let mut block = String::new();
            header(&mut block, file.name, d, start);
            let width = frame(&mut block, file.source, &index, d, start, end);
            notes(&mut block, d, &self.options, width);
            block.push('\n');
            out.write_all(block.as_bytes())?;
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, totals: &Totals) -> io::Result<()> {
        if self.options.quiet {
            return Ok(());
        }
        writeln!(out, "{BOLD}{}{BOLD:#}", summary_line(totals, &self.options))
    }
}

/// `path:line:col: CODE [severity] message`
pub fn header(out: &mut String, path: &str, d: &Diagnostic, start: Position) {
    let sev = severity_style(d.severity);
    out.push_str(&format!(
        "{BOLD}{}:{}:{}:{BOLD:#} {sev}{}{sev:#} [{}] {}\n",
        sanitize(path),
        start.line,
        start.column,
        d.code,
        d.severity.as_str(),
        sanitize(&d.message),
    ));
}

/// Control characters would drive the terminal: show them as their Unicode pictures.
pub fn sanitize(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('?'),
            '\u{7f}' => '\u{2421}',
            c => c,
        })
        .collect()
}

/// One source line as shown (tabs as four spaces, control characters as pictures) and the
/// display column at which each character starts (plus one past the end).
fn render(line: &str) -> (String, Vec<usize>) {
    let mut shown = String::with_capacity(line.len());
    let mut columns = Vec::with_capacity(line.len() + 1);
    let mut col = 0;
    for c in line.chars() {
        columns.push(col);
        if c == '\t' {
            shown.push_str("    ");
            col += 4;
        } else {
            shown.push_str(&sanitize(c.encode_utf8(&mut [0; 4])));
            col += 1;
        }
    }
    columns.push(col);
    (shown, columns)
}

/// The text of the 1-based `line`, without its line ending.
fn line_text<'s>(source: &'s str, index: &LineIndex, line: u32) -> &'s str {
    let start = index.line_start(line - 1).unwrap_or(0) as usize;
    let end = index.line_start(line).map_or(source.len(), |e| e as usize);
    source
        .get(start..end)
        .unwrap_or("")
        .trim_end_matches('\n')
        .trim_end_matches('\r')
}

/// The lines of the range, each underlined where the range covers it. Returns the width
/// of the line-number gutter.
fn frame(
    out: &mut String,
    source: &str,
    index: &LineIndex,
    d: &Diagnostic,
    start: Position,
    end: Position,
) -> usize {
    let mut last = end.line;
    let mut end_col = end.column;
    // A range that ends with a line break ends on the line before.
    if end.column == 1 && end.line > start.line && d.span[1] > d.span[0] {
        last -= 1;
        end_col = line_text(source, index, last).chars().count() as u32 + 1;
    }
    let lines: Vec<Option<u32>> = if last - start.line < MAX_FRAME_LINES {
        (start.line..=last).map(Some).collect()
    } else {
        vec![
            Some(start.line),
            Some(start.line + 1),
            None,
            Some(last - 1),
            Some(last),
        ]
    };
    let width = last.to_string().len();
    let blank = " ".repeat(width);
    out.push_str(&format!("{blank} {GUTTER}|{GUTTER:#}\n"));
    for line in lines {
        let Some(line) = line else {
            out.push_str(&format!("{GUTTER}{:>width$}{GUTTER:#}\n", "..."));
            continue;
        };
        let text = line_text(source, index, line);
        let (shown, columns) = render(text);
        let chars = columns.len() - 1;
        let from = if line == start.line {
            (start.column as usize - 1).min(chars)
        } else {
            text.chars()
                .position(|c| !c.is_whitespace())
                .unwrap_or(chars)
        };
        let to = if line == last {
            (end_col as usize - 1).min(chars)
        } else {
            chars
        };
        let lead = columns[from];
        let carets = columns[to].saturating_sub(lead).max(1);
        let sev = severity_style(d.severity);
        out.push_str(&format!(
            "{GUTTER}{line:>width$} |{GUTTER:#}{}{shown}\n",
            if shown.is_empty() { "" } else { " " }
        ));
        out.push_str(&format!(
            "{blank} {GUTTER}|{GUTTER:#} {}{sev}{}{sev:#}\n",
            " ".repeat(lead),
            "^".repeat(carets)
        ));
    }
    width
}

/// `= fix: ...`, `= help: ...`, `= note: ...` under the frame.
fn notes(out: &mut String, d: &Diagnostic, options: &Options, width: usize) {
    let mut lines = Vec::new();
    if let Some(fix) = &d.fix {
        let title = sanitize(&fix.title);
        if shows_fix(d, options) {
            let label = if fix.applicability == Applicability::Unsafe {
                "unsafe fix"
            } else {
                "fix"
            };
            lines.push(format!("{FIX}{label}{FIX:#}: {title}"));
        } else {
            lines.push(format!("{HELP}help{HELP:#}: {title}"));
        }
    }
    if let Some(bytes) = d.savings_bytes {
        lines.push(format!(
            "{BOLD}note{BOLD:#}: about {} smaller image ({})",
            human_bytes(bytes),
            sanitize(d.savings_basis.as_deref().unwrap_or_default())
        ));
    }
    if lines.is_empty() {
        return;
    }
    let blank = " ".repeat(width);
    out.push_str(&format!("{blank} {GUTTER}|{GUTTER:#}\n"));
    for line in lines {
        out.push_str(&format!("{blank} {GUTTER}={GUTTER:#} {line}\n"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Totals;

    /// Renders one diagnostic over `source` as `slimfile check` prints it.
    fn render_one(source: &str, d: &Diagnostic, unsafe_fixes: bool) -> String {
        let mut out = Vec::new();
        let list = [d];
        let mut text = Text::new(Options {
            unsafe_fixes,
            quiet: true,
        });
        text.file(
            &mut out,
            &FileReport {
                name: "Dockerfile",
                source,
                diagnostics: &list,
            },
        )
        .expect("write");
        anstream::adapter::strip_str(&String::from_utf8(out).expect("utf8")).to_string()
    }

    /// A diagnostic as core would return it: `span` in bytes, `range` its positions.
    fn diag(
        span: [u32; 2],
        range: [(u32, u32); 2],
        fix: Option<serde_json::Value>,
        savings: Option<(u64, &str)>,
    ) -> Diagnostic {
        let position = |(line, column)| serde_json::json!({"line": line, "column": column});
        let mut d: Diagnostic = serde_json::from_value(serde_json::json!({
            "code": "SF100",
            "name": "example",
            "severity": "warning",
            "message": "`node` is a large base image",
            "range": {"start": position(range[0]), "end": position(range[1])},
            "span": span,
            "fix": fix,
            "savings_bytes": savings.map(|s| s.0),
        }))
        .expect("a diagnostic");
        d.savings_basis = savings.map(|s| s.1.to_string());
        d
    }

    fn fix(applicability: &str, title: &str, edits: usize) -> Option<serde_json::Value> {
        let edits: Vec<_> = (0..edits)
            .map(|_| serde_json::json!({"span": [0, 0], "content": "x"}))
            .collect();
        Some(serde_json::json!({"applicability": applicability, "title": title, "edits": edits}))
    }

    #[test]
    fn long_ranges_are_elided_and_savings_noted() {
        let source = (1..=12)
            .map(|i| format!("RUN step {i} \\\n"))
            .collect::<String>()
            + "    && done\n";
        let d = diag(
            [0, source.len() as u32],
            [(1, 1), (14, 1)],
            fix("display-only", "Use `node:22-slim`", 0),
            Some((357_800_000, "node:22 1.1 GB → node:22-slim 0.2 GB")),
        );
        assert_eq!(
            render_one(&source, &d, false),
            "Dockerfile:1:1: SF100 [warning] `node` is a large base image
   |
 1 | RUN step 1 \\
   | ^^^^^^^^^^^^
 2 | RUN step 2 \\
   | ^^^^^^^^^^^^
...
12 | RUN step 12 \\
   | ^^^^^^^^^^^^^
13 |     && done
   |     ^^^^^^^
   |
   = help: Use `node:22-slim`
   = note: about 357.8 MB smaller image (node:22 1.1 GB → node:22-slim 0.2 GB)

"
        );
    }

    #[test]
    fn empty_ranges_and_wide_lines_get_one_caret() {
        let source = "FROM a\n\tRUN x\n";
        let d = diag([8, 8], [(2, 2), (2, 2)], None, None);
        assert_eq!(
            render_one(source, &d, false),
            "Dockerfile:2:2: SF100 [warning] `node` is a large base image\n  |\n2 |     RUN x\n  |     ^\n\n"
        );
    }

    #[test]
    fn summary_counts_fixes_and_savings() {
        let mut totals = Totals {
            files: 2,
            ..Totals::default()
        };
        let start = [(1, 1), (1, 1)];
        totals.add(&diag(
            [0, 0],
            start,
            fix("safe", "a", 1),
            Some((1_500_000, "")),
        ));
        totals.add(&diag([0, 0], start, fix("unsafe", "b", 1), None));
        let quiet = Options {
            unsafe_fixes: false,
            quiet: false,
        };
        assert_eq!(
            crate::report::summary_line(&totals, &quiet),
            "Checked 2 files: 2 problems (2 warnings); 1 fixable with `slimfile fix` (1 more with `--unsafe-fixes`); about 1.5 MB could be saved."
        );
        let all = Options {
            unsafe_fixes: true,
            quiet: false,
        };
        assert_eq!(
            crate::report::summary_line(&totals, &all),
            "Checked 2 files: 2 problems (2 warnings); 2 fixable with `slimfile fix --unsafe-fixes`; about 1.5 MB could be saved."
        );
    }

    #[test]
    fn control_characters_are_shown_as_pictures() {
        assert_eq!(sanitize("a\u{1b}[31mb\u{7f}"), "a\u{241b}[31mb\u{2421}");
        let (shown, columns) = render("\tx\u{7}");
        assert_eq!(shown, "    x\u{2407}");
        assert_eq!(columns, [0, 4, 5, 6]);
    }
}
