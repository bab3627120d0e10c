//! `slimfile parse`: the parser's view of one file.

use std::process::ExitCode;

use anyhow::Result;
use clap::{Args, ValueEnum};
use serde::Serialize;
use slimfile::syntax::buildkit::{buildkit_view, BuildkitInstruction};
use slimfile::syntax::{ItemKind, LineIndex};

use crate::input::read_source;
use crate::output::{print, JsonError, Positions};

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

#[derive(Debug, Serialize)]
struct JsonItem {
    kind: ItemKind,
    start: u32,
    end: u32,
}

#[derive(Debug, Serialize)]
struct Document {
    path: String,
    escape: char,
    items: Vec<JsonItem>,
    instructions: Vec<BuildkitInstruction>,
    errors: Vec<JsonError>,
    warnings: Vec<JsonError>,
}

pub fn run(args: &ParseArgs) -> Result<ExitCode> {
    let source = read_source(&args.file)?;
    let parsed = slimfile::parse(&source.text);
    let df = &parsed.dockerfile;
    let index = LineIndex::new(df.source());
    let mut positions = Positions::new(&index, df.source());
    match args.format {
        Format::Json => {
            let doc = Document {
                path: source.name.clone(),
                escape: df.escape(),
                items: df
                    .items()
                    .iter()
                    .map(|i| JsonItem {
                        kind: i.kind,
                        start: i.range.start,
                        end: i.range.end,
                    })
                    .collect(),
                instructions: buildkit_view(df),
                errors: parsed
                    .errors
                    .iter()
                    .map(|e| positions.json_error(e))
                    .collect(),
                warnings: parsed
                    .warnings
                    .iter()
                    .map(|e| positions.json_error(e))
                    .collect(),
            };
            let mut out = serde_json::to_string_pretty(&doc)?;
            out.push('\n');
            print(&out);
        }
        Format::Text => {
            let mut out = String::new();
            for inst in buildkit_view(df) {
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
            for (label, list) in [("error", &parsed.errors), ("warning", &parsed.warnings)] {
                for e in list {
                    let p = positions.at(e.range.start);
                    out.push_str(&format!(
                        "{}:{}:{}: {label}: {}\n",
                        source.name, p.line, p.column, e.message
                    ));
                }
            }
            print(&out);
        }
    }
    Ok(if parsed.errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
