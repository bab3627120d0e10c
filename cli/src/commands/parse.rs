//! `slimfile parse`: the parser's view of one file.

use anyhow::{anyhow, Result};
use clap::{Args, ValueEnum};
use serde::Serialize;
use slimfile::{Linter, ParseView, Settings};

use std::io::Write;

use crate::input::read_source;
use crate::output::stdout_writer;

#[derive(Debug, Args)]
pub struct ParseArgs {
    /// The Dockerfile to parse, or `-` for standard input.
    pub file: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// One line per item and instruction, then the problems.
    Text,
    /// A JSON document: `items`, `instructions`, `errors` and `warnings`.
    Json,
}

/// `slimfile parse --format json`: the path, then core's view.
#[derive(Debug, Serialize)]
struct Document<'a> {
    path: &'a str,
    #[serde(flatten)]
    view: &'a ParseView,
}

/// One line per instruction, then one per problem.
fn write_text(out: &mut dyn Write, name: &str, view: &ParseView) -> std::io::Result<()> {
    for inst in &view.instructions {
        let flags = if inst.flags.is_empty() {
            String::new()
        } else {
            format!(" {:?}", inst.flags)
        };
        writeln!(
            out,
            "{}-{} {}{}{} {:?}",
            inst.start_line,
            inst.end_line,
            inst.cmd.as_deref().unwrap_or(""),
            inst.sub_cmd
                .as_deref()
                .map(|s| format!(" {s}"))
                .unwrap_or_default(),
            flags,
            inst.value
        )?;
    }
    for (label, list) in [("error", &view.errors), ("warning", &view.warnings)] {
        for e in list {
            writeln!(
                out,
                "{name}:{}:{}: {label}: {}",
                e.line, e.column, e.message
            )?;
        }
    }
    Ok(())
}

pub fn run(args: &ParseArgs) -> Result<u8> {
    let source = read_source(&args.file)?;
    let view = Linter::new(Settings::default())
        .parse(&source.text)
        .map_err(|e| anyhow!("{}: {e}", source.name))?;
    // Streamed, not gathered: the JSON of a large file is hundreds of times its size (4 MB
    // of unknown one-letter instructions print 1.1 GB). A reader that has gone
    // (`slimfile parse x | head`) ends the output quietly.
    let mut out = stdout_writer(false);
    match args.format {
        Format::Json => {
            let doc = Document {
                path: &source.name,
                view: &view,
            };
            match serde_json::to_writer_pretty(&mut out, &doc) {
                Err(e) if !e.is_io() => return Err(e.into()),
                Err(_) => {}
                Ok(()) => {
                    let _ = out.write_all(b"\n");
                }
            }
        }
        Format::Text => {
            let _ = write_text(&mut out, &source.name, &view);
        }
    }
    let _ = out.flush();
    Ok(if view.errors.is_empty() { 0 } else { 1 })
}
