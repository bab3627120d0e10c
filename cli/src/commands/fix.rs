//! `slimfile fix`: apply the fixes in place, or show them as a diff.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{anyhow, Result};
use clap::Args;
use slimfile::fix::{rewrite, FixOptions};
use slimfile::rules::{Config, RuleSelector};

use crate::context::Contexts;
use crate::input::read_source;
use crate::output::{error_line, print};

#[derive(Debug, Args)]
pub struct FixArgs {
    /// Dockerfiles to fix in place, or `-` to read standard input and print the result.
    #[arg(required = true)]
    pub files: Vec<String>,
    /// Also apply fixes that may change behaviour (marked unsafe).
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Print a unified diff and write nothing.
    #[arg(long)]
    pub diff: bool,
    /// Only apply fixes of these rules (codes, names, categories).
    #[arg(long, value_delimiter = ',')]
    pub select: Vec<String>,
    /// The build context directory (default: each Dockerfile's directory).
    #[arg(long)]
    pub context: Option<String>,
}

pub fn run(args: &FixArgs) -> Result<ExitCode> {
    let only = args
        .select
        .iter()
        .map(|s| RuleSelector::parse(s).map_err(anyhow::Error::msg))
        .collect::<Result<_>>()?;
    let options = FixOptions {
        unsafe_fixes: args.unsafe_fixes,
        only,
        ..FixOptions::default()
    };
    let config = Config::default();
    let mut failed = false;
    let mut out = String::new();
    let mut contexts = Contexts::default();
    for file in &args.files {
        let source = match read_source(file) {
            Ok(s) => s,
            Err(e) => {
                error_line(&e);
                failed = true;
                continue;
            }
        };
        let path = (file != "-").then(|| Path::new(file));
        let context = contexts.get(path, args.context.as_deref().map(Path::new));
        let result = rewrite(&source.text, context, &config, &options);
        if args.diff {
            out.push_str(&unified_diff(&source.name, &source.text, &result.text));
        } else if file == "-" {
            out.push_str(&result.text);
        } else if result.text != source.text {
            if let Err(e) = std::fs::write(file, &result.text) {
                error_line(&anyhow!("{file}: cannot write: {e}"));
                failed = true;
                continue;
            }
        }
        if file != "-" || args.diff {
            let fixable_left = result.remaining.iter().filter(|d| d.fix.is_some()).count();
            summary(
                &source.name,
                result.applied.len(),
                result.remaining.len(),
                fixable_left,
                !result.converged,
            );
        }
        for r in &result.rejected {
            error_line(&anyhow!(
                "{}: {} not applied: {}",
                source.name,
                r.code,
                r.reason
            ));
        }
    }
    print(&out);
    Ok(if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

fn summary(name: &str, applied: usize, remaining: usize, fixable_left: usize, unsettled: bool) {
    let mut line = format!("{name}: fixed {applied}, {remaining} left");
    if fixable_left > 0 {
        line.push_str(&format!(
            " ({fixable_left} with a fix that needs --unsafe-fixes or is advice only)"
        ));
    }
    if unsettled {
        line.push_str("; fixes did not settle, stopped");
    }
    #[allow(clippy::print_stderr)]
    {
        eprintln!("{line}");
    }
}

/// `a/path` and `b/path` like git for relative paths; absolute paths and stdin as they are.
fn diff_name(side: &str, name: &str) -> String {
    if name.starts_with('/') || name == "-" {
        name.to_string()
    } else {
        format!("{side}/{name}")
    }
}

fn unified_diff(name: &str, before: &str, after: &str) -> String {
    if before == after {
        return String::new();
    }
    similar::TextDiff::from_lines(before, after)
        .unified_diff()
        .context_radius(3)
        .header(&diff_name("a", name), &diff_name("b", name))
        .to_string()
}
