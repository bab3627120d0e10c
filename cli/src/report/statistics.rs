//! `--statistics`: how often each rule fired, most frequent first, instead of the
//! diagnostics. `[*]` marks rules with a fix `slimfile fix` would apply (with
//! `--unsafe-fixes`, unsafe ones too).

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use super::{shows_fix, summary_line, Emitter, FileReport, Options, Totals};

#[derive(Debug, Serialize)]
struct Row {
    code: String,
    name: String,
    count: usize,
    fixable: usize,
}

#[derive(Debug)]
pub struct Statistics {
    json: bool,
    options: Options,
    rows: BTreeMap<String, Row>,
}

impl Statistics {
    pub fn new(json: bool, options: Options) -> Self {
        Statistics {
            json,
            options,
            rows: BTreeMap::new(),
        }
    }
}

impl Emitter for Statistics {
    fn file(&mut self, _out: &mut dyn Write, file: &FileReport<'_>) -> io::Result<()> {
        for d in file.diagnostics {
            let row = self.rows.entry(d.code.to_string()).or_insert_with(|| Row {
                code: d.code.to_string(),
                name: d.name.to_string(),
                count: 0,
                fixable: 0,
            });
            row.count += 1;
            if shows_fix(d, &self.options) {
                row.fixable += 1;
            }
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, totals: &Totals) -> io::Result<()> {
        let mut rows: Vec<Row> = std::mem::take(&mut self.rows).into_values().collect();
        rows.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.code.cmp(&b.code)));
        if self.json {
            let mut text = serde_json::to_string_pretty(&rows).map_err(io::Error::other)?;
            text.push('\n');
            return out.write_all(text.as_bytes());
        }
        let count_w = rows
            .iter()
            .map(|r| r.count.to_string().len())
            .max()
            .unwrap_or(1);
        let code_w = rows.iter().map(|r| r.code.len()).max().unwrap_or(0);
        let name_w = rows.iter().map(|r| r.name.len()).max().unwrap_or(0);
        for r in &rows {
            let line = format!(
                "{:>count_w$}  {:<code_w$}  {:<name_w$}  {}",
                r.count,
                r.code,
                r.name,
                if r.fixable > 0 { "[*]" } else { "" }
            );
            writeln!(out, "{}", line.trim_end())?;
        }
        if !self.options.quiet {
            writeln!(out, "{}", summary_line(totals, &self.options))?;
        }
        Ok(())
    }
}
