//! `slimfile parse`: the parser's view of one file.

use anyhow::{anyhow, Result};
use clap::{Args, ValueEnum};
use serde::Serialize;
use slimfile::{Linter, ParseView, Settings};

use crate::input::read_source;
use crate::output::print;

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

pub fn run(args: &ParseArgs) -> Result<u8> {
    let source = read_source(&args.file)?;
    let view = Linter::new(Settings::default())
        .parse(&source.text)
        .map_err(|e| anyhow!("{}: {e}", source.name))?;
    match args.format {
        Format::Json => {
            let doc = Document {
                path: &source.name,
                view: &view,
            };
            let mut out = serde_json::to_string_pretty(&doc)?;
            out.push('\n');
            print(&out);
        }
        Format::Text => {
            let mut out = String::new();
            for inst in &view.instructions {
                let flags = if inst.flags.is_empty() {
                    String::new()
                } else {
                    format!(" {:?}", inst.flags)
                };
                out.push_str(&format!(
                    "{}-{} {}{}{} {:?}\n",
                    inst.start_line,
                    inst.end_line,
                    inst.cmd.as_deref().unwrap_or(""),
                    inst.sub_cmd
                        .as_deref()
                        .map(|s| format!(" {s}"))
                        .unwrap_or_default(),
                    flags,
                    inst.value
                ));
            }
            for (label, list) in [("error", &view.errors), ("warning", &view.warnings)] {
                for e in list {
                    out.push_str(&format!(
                        "{}:{}:{}: {label}: {}\n",
                        source.name, e.line, e.column, e.message
                    ));
                }
            }
            print(&out);
        }
    }
    Ok(if view.errors.is_empty() { 0 } else { 1 })
}
