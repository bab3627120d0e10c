//! `slimfile fix`: apply the fixes in place, or show them as a diff.

use std::collections::HashSet;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{anyhow, Result};
use clap::Args;
use slimfile::fix::{rewrite, AppliedFix, FixOptions};
use slimfile::rules::{Applicability, Diagnostic};
use slimfile::syntax::LineIndex;

use crate::context::dockerignore_path;
use crate::discover::{discover, Target};
use crate::input::read_target;
use crate::output::{error_line, stdout_writer, warning_line, write_result, Positions};
use crate::report::{human_bytes, plural};
use crate::session::{RuleOptions, Session};

#[derive(Debug, Args)]
pub struct FixArgs {
    /// Files, directories (searched for Dockerfiles) or `-` to read standard input and
    /// print the fixed Dockerfile. Default: the current directory.
    #[arg(value_name = "PATH")]
    pub paths: Vec<String>,
    #[command(flatten)]
    pub rules: RuleOptions,
    /// Also apply fixes that may change the build's behaviour (marked unsafe).
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Print a unified diff of every change and write nothing.
    #[arg(long)]
    pub diff: bool,
    /// Do not write or extend `.dockerignore` files.
    #[arg(long)]
    pub no_dockerignore: bool,
    /// Print errors only: no report of what was fixed.
    #[arg(long, short)]
    pub quiet: bool,
}

#[derive(Debug, Default)]
struct Totals {
    files: usize,
    fixed: usize,
    left: usize,
    saved: u64,
}

pub fn run(args: &FixArgs) -> Result<ExitCode> {
    let mut session = Session::new(&args.rules)?;
    let options = FixOptions {
        unsafe_fixes: args.unsafe_fixes,
        ..FixOptions::default()
    };
    let (targets, errors) = discover(&args.paths);
    let mut failed = !errors.is_empty();
    for e in &errors {
        error_line(e);
    }
    let mut out = stdout_writer(false);
    let mut totals = Totals::default();
    let mut failing = false;
    for target in &targets {
        let Some(settings) = session.settings(target) else {
            failed = true;
            continue;
        };
        let source = match read_target(target) {
            Ok(s) => s,
            Err(e) => {
                error_line(&e);
                failed = true;
                continue;
            }
        };
        let context = session.context(target);
        let before = settings
            .analyzer
            .analyze(&slimfile::parse(&source.text), &context);
        let result = rewrite(&source.text, &context, settings.analyzer.config(), &options);
        totals.files += 1;
        totals.fixed += result.applied.len();
        totals.left += result.remaining.len();
        totals.saved += saved(&before, &result.remaining, &result.applied);
        failing |= result
            .remaining
            .iter()
            .any(|d| settings.fail_level.fails_on(d.severity));

        let mut stdout = String::new();
        if args.diff {
            stdout.push_str(&unified_diff(&source.name, &source.text, &result.text));
        } else if *target == Target::Stdin {
            stdout.push_str(&result.text);
        } else if let Some(path) = target.path().filter(|_| result.text != source.text) {
            if let Err(e) = std::fs::write(path, &result.text) {
                error_line(&anyhow!(
                    "{}: cannot write: {}",
                    source.name,
                    crate::input::io_reason(&e)
                ));
                failed = true;
                continue;
            }
        }
        if let Some(proposed) = result
            .dockerignore
            .as_deref()
            .filter(|_| !args.no_dockerignore)
        {
            match dockerignore(&mut session, target, proposed, args.diff) {
                Ok(diff) => stdout.push_str(&diff),
                Err(e) => {
                    error_line(&e);
                    failed = true;
                }
            }
        }
        if !write_result(out.write_all(stdout.as_bytes()))? {
            break;
        }
        for r in &result.rejected {
            warning_line(&format!(
                "{}: {} not applied: {}",
                source.name, r.code, r.reason
            ));
        }
        if !result.converged {
            warning_line(&format!(
                "{}: the fixes did not settle; stopped after {} passes",
                source.name, options.max_passes
            ));
        }
        if !args.quiet && (!result.applied.is_empty() || !result.remaining.is_empty()) {
            let report = file_report(
                &source.name,
                &result.text,
                &result.applied,
                &result.remaining,
                args,
            );
            #[allow(clippy::print_stderr)]
            {
                eprint!("{report}");
            }
        }
    }
    write_result(out.flush())?;
    if !args.quiet {
        #[allow(clippy::print_stderr)]
        {
            eprintln!("{}", summary(&totals, args.diff));
        }
    }
    Ok(if failed {
        ExitCode::from(2)
    } else if failing {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// What was fixed and what is left in one file.
fn file_report(
    name: &str,
    fixed_text: &str,
    applied: &[AppliedFix],
    remaining: &[Diagnostic],
    args: &FixArgs,
) -> String {
    let verb = if args.diff { "would fix" } else { "fixed" };
    let mut out = format!(
        "{name}: {verb} {}, {} left\n",
        applied.len(),
        remaining.len()
    );
    for a in applied {
        out.push_str(&format!("  fix   {}: {}\n", a.code, a.title));
    }
    let index = LineIndex::new(fixed_text);
    let mut positions = Positions::new(&index, fixed_text);
    for d in remaining {
        let at = positions.at(d.range.start);
        let hint = match &d.fix {
            Some(f) if f.applicability == Applicability::Unsafe && !args.unsafe_fixes => {
                " (its fix needs --unsafe-fixes)".to_string()
            }
            Some(f) if f.applicability == Applicability::DisplayOnly || f.edits.is_empty() => {
                format!(" (help: {})", f.title)
            }
            _ => String::new(),
        };
        out.push_str(&format!(
            "  left  {name}:{}:{}: {} [{}] {}{hint}\n",
            at.line,
            at.column,
            d.code,
            d.severity.as_str(),
            d.message
        ));
    }
    out
}

fn summary(totals: &Totals, diff: bool) -> String {
    let mut line = format!(
        "Checked {}: {} {}, {} left",
        plural(totals.files, "file", "files"),
        if diff { "would fix" } else { "fixed" },
        plural(totals.fixed, "problem", "problems"),
        totals.left
    );
    if totals.saved > 0 {
        line.push_str(&format!(
            "; about {} {}",
            human_bytes(totals.saved),
            if diff { "could be saved" } else { "saved" }
        ));
    }
    line.push('.');
    line
}

/// The estimated bytes the applied fixes save: for each rule that was fixed, the savings
/// its diagnostics promised before, less what its diagnostics still promise after.
fn saved(before: &[Diagnostic], after: &[Diagnostic], applied: &[AppliedFix]) -> u64 {
    let codes: HashSet<&str> = applied.iter().map(|a| a.code.as_str()).collect();
    let sum = |list: &[Diagnostic], code: &str| -> u64 {
        list.iter()
            .filter(|d| d.code == code)
            .filter_map(|d| d.savings.as_ref())
            .map(|s| s.bytes)
            .sum()
    };
    codes
        .into_iter()
        .map(|c| sum(before, c).saturating_sub(sum(after, c)))
        .sum()
}

/// Writes or extends the `.dockerignore` of `target`'s context (or, with `diff`, returns its
/// diff). Standard input without `--context` has no context to write to.
fn dockerignore(
    session: &mut Session,
    target: &Target,
    proposed: &str,
    diff: bool,
) -> Result<String> {
    let Some(root) = session.context_root(target) else {
        warning_line("-: a fix proposes .dockerignore entries; give --context DIR to write them");
        return Ok(String::new());
    };
    let path = dockerignore_path(target.path(), &root);
    let existing = match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => {
            return Err(anyhow!(
                "{}: {}",
                path.display(),
                crate::input::io_reason(&e)
            ))
        }
    };
    let Some(merged) = merge_dockerignore(existing.as_deref(), proposed) else {
        return Ok(String::new());
    };
    let name = path.display().to_string();
    if diff {
        return Ok(unified_diff(
            &name,
            existing.as_deref().unwrap_or(""),
            &merged,
        ));
    }
    std::fs::write(&path, &merged)
        .map_err(|e| anyhow!("{name}: cannot write: {}", crate::input::io_reason(&e)))?;
    session.forget_context(&root);
    Ok(String::new())
}

/// The user's `.dockerignore` with the proposed lines it lacks appended: none of the
/// user's lines is ever removed or moved. `None` when nothing is missing.
fn merge_dockerignore(existing: Option<&str>, proposed: &str) -> Option<String> {
    let existing = existing.unwrap_or("");
    let have: HashSet<&str> = existing.lines().map(str::trim).collect();
    let missing: Vec<&str> = proposed
        .lines()
        .filter(|l| !l.trim().is_empty() && !have.contains(l.trim()))
        .collect();
    if missing.is_empty() {
        return None;
    }
    let mut out = existing.to_string();
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    for line in missing {
        out.push_str(line.trim_end());
        out.push('\n');
    }
    Some(out)
}

/// `a/path` and `b/path` like git for relative paths; absolute paths and stdin as they are.
fn diff_name(side: &str, name: &str) -> String {
    if Path::new(name).is_absolute() || name == "-" {
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

#[cfg(test)]
mod tests {
    use super::*;
    use slimfile::rules::{Savings, Severity};
    use slimfile::syntax::TextRange;

    #[test]
    fn dockerignore_is_extended_never_rewritten() {
        assert_eq!(
            merge_dockerignore(None, "# slimfile\n.git\nnode_modules\n").as_deref(),
            Some("# slimfile\n.git\nnode_modules\n")
        );
        assert_eq!(
            merge_dockerignore(Some("node_modules\n!keep\n*.log"), ".git\nnode_modules\n")
                .as_deref(),
            Some("node_modules\n!keep\n*.log\n.git\n")
        );
        assert_eq!(merge_dockerignore(Some(".git\n"), ".git\n"), None);
    }

    fn diag(code: &'static str, bytes: Option<u64>) -> Diagnostic {
        Diagnostic {
            code: code.into(),
            name: "x".into(),
            severity: Severity::Info,
            message: "m".into(),
            range: TextRange::empty(0),
            fix: None,
            savings: bytes.map(|bytes| Savings {
                bytes,
                basis: "b".into(),
            }),
        }
    }

    #[test]
    fn savings_count_only_fixed_rules() {
        let applied = |code: &str| AppliedFix {
            code: code.into(),
            title: "t".into(),
            applicability: Applicability::Safe,
            pass: 1,
        };
        let before = [
            diag("A", Some(100)),
            diag("A", Some(50)),
            diag("B", Some(7)),
        ];
        let after = [diag("A", Some(50)), diag("B", Some(7))];
        assert_eq!(saved(&before, &after, &[applied("A")]), 100);
        assert_eq!(saved(&before, &before, &[applied("A")]), 0);
        assert_eq!(saved(&before, &after, &[]), 0);
    }
}
