//! `slimfile fix`: apply the fixes in place, or show them as a diff.

use std::io::Write;
use std::path::Path;

use anyhow::{anyhow, Result};
use clap::Args;
use slimfile::{Applicability, AppliedFix, Diagnostic, FixOptions};

use crate::context::dockerignore_path;
use crate::discover::{discover, Target};
use crate::input::read_target;
use crate::output::{error_line, stdout_writer, warning_line, write_result};
use crate::report::{human_bytes, plural};
use crate::session::{RuleOptions, Session};
use crate::write::write_atomically;

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

pub fn run(args: &FixArgs) -> Result<u8> {
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
        let Some(linter) = session.linter(target) else {
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
        let result = match linter.fix(&source.text, &context, &options) {
            Ok(result) => result,
            Err(e) => {
                error_line(&anyhow!("{}: {e}", source.name));
                failed = true;
                continue;
            }
        };
        totals.files += 1;
        totals.fixed += result.applied.len();
        totals.left += result.remaining.len();
        totals.saved += result.saved_bytes;
        let fail_level = linter.settings().fail_level;
        failing |= result
            .remaining
            .iter()
            .any(|d| fail_level.fails_on(d.severity));

        let mut stdout = String::new();
        if args.diff {
            // A credential in the file is never printed, in the diff either.
            let diff = unified_diff(&source.name, &source.text, &result.text);
            let redactions = slimfile::Redactions::find(&source.text);
            stdout.push_str(&redactions.mask(&diff));
        } else if *target == Target::Stdin {
            stdout.push_str(&result.text);
        } else if let Some(path) = target.path().filter(|_| result.text != source.text) {
            if let Err(e) = write_atomically(path, result.text.as_bytes()) {
                error_line(&anyhow!(
                    "{}: cannot write: {}",
                    source.name,
                    crate::input::io_reason(&e)
                ));
                failed = true;
                continue;
            }
        }
        if !result.dockerignore_additions.is_empty() && !args.no_dockerignore {
            match dockerignore(&mut session, target, &result.dockerignore, args.diff) {
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
            let report = file_report(&source.name, &result.applied, &result.remaining, args);
            // Messages can quote the file (a package spec with a URL password): masked.
            let report = slimfile::Redactions::find(&source.text)
                .mask_message(&report, &source.text)
                .into_owned();
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
        2
    } else if failing {
        1
    } else {
        0
    })
}

/// What was fixed and what is left in one file.
fn file_report(
    name: &str,
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
    for d in remaining {
        let at = d.range.start;
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

/// Writes the `.dockerignore` core proposes for `target`'s context (or, with `diff`, returns
/// its diff). Core extended the context's own file, never dropping a line of it; standard
/// input without `--context` has no context to write to.
fn dockerignore(
    session: &mut Session,
    target: &Target,
    proposed: &Option<String>,
    diff: bool,
) -> Result<String> {
    let Some(root) = session.context_root(target) else {
        warning_line("-: a fix proposes .dockerignore entries; give --context DIR to write them");
        return Ok(String::new());
    };
    let Some(proposed) = proposed else {
        return Ok(String::new());
    };
    let path = dockerignore_path(target.path(), &root);
    let name = path.display().to_string();
    if diff {
        let existing = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
            Err(e) => return Err(anyhow!("{name}: {}", crate::input::io_reason(&e))),
        };
        return Ok(unified_diff(&name, &existing, proposed));
    }
    write_atomically(&path, proposed.as_bytes())
        .map_err(|e| anyhow!("{name}: cannot write: {}", crate::input::io_reason(&e)))?;
    session.forget_context(&root);
    Ok(String::new())
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
    // Myers' diff is quadratic on large files with large changes (a merge of thousands of
    // `RUN`s): past the deadline it settles for a coarser, still correct, diff.
    similar::TextDiff::configure()
        .deadline(std::time::Instant::now() + std::time::Duration::from_secs(2))
        .diff_lines(before, after)
        .unified_diff()
        .context_radius(3)
        .header(&diff_name("a", name), &diff_name("b", name))
        .to_string()
}
