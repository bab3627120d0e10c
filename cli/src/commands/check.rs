//! `slimfile check`: run the rules over Dockerfiles and report what they find.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;
use clap::{Args, ValueEnum};
use serde::Serialize;
use slimfile::rules::{analyze, Applicability, Config, Diagnostic, RuleSelector, Severity};
use slimfile::syntax::LineIndex;

use crate::context::Contexts;
use crate::input::read_source;
use crate::output::{error_line, print, Position, Positions};

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Dockerfiles to check, or `-` for standard input.
    #[arg(required = true)]
    pub files: Vec<String>,
    /// Only these rules: codes (`DL3008`), names, BuildKit check names, categories, `ALL`.
    #[arg(long, value_delimiter = ',')]
    pub select: Vec<String>,
    /// Rules to skip, in the same forms as `--select`.
    #[arg(long, value_delimiter = ',')]
    pub ignore: Vec<String>,
    /// The build context directory (default: each Dockerfile's directory).
    #[arg(long)]
    pub context: Option<String>,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

#[derive(Debug, Serialize)]
struct JsonRange {
    start: Position,
    end: Position,
}

#[derive(Debug, Serialize)]
struct JsonEdit {
    span: [u32; 2],
    content: String,
}

#[derive(Debug, Serialize)]
struct JsonFix {
    applicability: Applicability,
    title: String,
    edits: Vec<JsonEdit>,
}

#[derive(Debug, Serialize)]
struct JsonDiagnostic {
    path: String,
    code: String,
    name: String,
    severity: Severity,
    message: String,
    range: JsonRange,
    span: [u32; 2],
    fix: Option<JsonFix>,
    savings_bytes: Option<u64>,
}

fn selectors(list: &[String]) -> Result<Vec<RuleSelector>> {
    list.iter()
        .map(|s| RuleSelector::parse(s).map_err(anyhow::Error::msg))
        .collect()
}

pub fn run(args: &CheckArgs) -> Result<ExitCode> {
    let config = Config {
        select: selectors(&args.select)?,
        ignore: selectors(&args.ignore)?,
        ..Config::default()
    };
    let mut all = Vec::new();
    let mut contexts = Contexts::default();
    let mut io_failed = false;
    for file in &args.files {
        let source = match read_source(file) {
            Ok(s) => s,
            Err(e) => {
                error_line(&e);
                io_failed = true;
                continue;
            }
        };
        let path = (file != "-").then(|| Path::new(file));
        let context = contexts.get(path, args.context.as_deref().map(Path::new));
        let parsed = slimfile::parse(&source.text);
        let diagnostics = analyze(&parsed, context, &config);
        let index = LineIndex::new(&source.text);
        let mut positions = Positions::new(&index, &source.text);
        all.extend(
            diagnostics
                .iter()
                .map(|d| to_json(&source.name, d, &mut positions)),
        );
    }
    match args.format {
        Format::Json => {
            let mut out = serde_json::to_string_pretty(&all)?;
            out.push('\n');
            print(&out);
        }
        Format::Text => print(&text_report(&all)),
    }
    let failing = all.iter().any(|d| d.severity <= Severity::Warning);
    Ok(if io_failed {
        ExitCode::from(2)
    } else if failing {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn to_json(path: &str, d: &Diagnostic, positions: &mut Positions<'_>) -> JsonDiagnostic {
    JsonDiagnostic {
        path: path.to_string(),
        code: d.code.clone(),
        name: d.name.clone(),
        severity: d.severity,
        message: d.message.clone(),
        range: JsonRange {
            start: positions.at(d.range.start),
            end: positions.at(d.range.end),
        },
        span: [d.range.start, d.range.end],
        fix: d.fix.as_ref().map(|f| JsonFix {
            applicability: f.applicability,
            title: f.title.clone(),
            edits: f
                .edits
                .iter()
                .map(|e| JsonEdit {
                    span: [e.range.start, e.range.end],
                    content: e.content.clone(),
                })
                .collect(),
        }),
        savings_bytes: d.savings.as_ref().map(|s| s.bytes),
    }
}

fn text_report(all: &[JsonDiagnostic]) -> String {
    let mut out = String::new();
    for d in all {
        out.push_str(&format!(
            "{}:{}:{}: {} [{}] {}\n",
            d.path,
            d.range.start.line,
            d.range.start.column,
            d.code,
            d.severity.as_str(),
            d.message
        ));
        if let Some(fix) = &d.fix {
            let kind = match fix.applicability {
                Applicability::Safe => "fix",
                Applicability::Unsafe => "unsafe fix",
                Applicability::DisplayOnly => "help",
            };
            out.push_str(&format!("  {kind}: {}\n", fix.title));
        }
    }
    let count = |s: Severity| all.iter().filter(|d| d.severity == s).count();
    let fixable = all
        .iter()
        .filter(|d| {
            d.fix
                .as_ref()
                .is_some_and(|f| f.applicability == Applicability::Safe)
        })
        .count();
    let saved: u64 = all.iter().filter_map(|d| d.savings_bytes).sum();
    out.push_str(&format!(
        "Found {} problems ({} errors, {} warnings, {} info, {} style); {fixable} fixable with `slimfile fix`",
        all.len(),
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info),
        count(Severity::Style),
    ));
    if saved > 0 {
        out.push_str(&format!(
            "; about {:.1} MB could be saved",
            saved as f64 / 1e6
        ));
    }
    out.push('\n');
    out
}
