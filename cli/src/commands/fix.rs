//! `slimfile fix`: apply the fixes in place, or show them as a diff.

use std::io::Write;
use std::path::Path;

use anyhow::{anyhow, Result};
use clap::Args;
use slimfile::{Applicability, AppliedFix, Diagnostic, FixOptions, Redactions};

use crate::context::dockerignore_path;
use crate::discover::{discover, Target};
use crate::guard::isolated;
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
        let result = match isolated(|| linter.fix(&source.text, &context, &options)) {
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

        // A credential in the file is never printed: not in the diff, the report or a
        // warning. (`fix -` prints the fixed file itself: it is the output, not a report.)
        let redactions = Redactions::find(&source.text);
        let mut stdout = String::new();
        if args.diff {
            let (diff, withheld) =
                redacted_diff(&source.name, &source.text, &result.text, &redactions);
            stdout.push_str(&diff);
            for line in withheld {
                warning_line(&format!(
                    "{}: the change at line {line} is not shown: it would print a credential \
                     (`slimfile fix` without `--diff` writes it)",
                    source.name
                ));
            }
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
            warning_line(&redactions.mask(&format!(
                "{}: {} not applied: {}",
                source.name, r.code, r.reason
            )));
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
            let report = redactions.mask_message(&report, &source.text).into_owned();
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

/// The diff of `before` and `after` without the hunks that hold a credential (in a line
/// added, removed or around): masked, a hunk would write `*`s into the file of whoever
/// applies the diff; shown, it would print the secret. Returns the diff and the first
/// line (in `before`) of each hunk left out.
fn redacted_diff(
    name: &str,
    before: &str,
    after: &str,
    redactions: &Redactions,
) -> (String, Vec<usize>) {
    if redactions.is_empty() {
        return (unified_diff(name, before, after), Vec::new());
    }
    if before == after {
        return (String::new(), Vec::new());
    }
    let diff = text_diff(before, after);
    let mut out = String::new();
    let mut withheld = Vec::new();
    for hunk in diff.unified_diff().context_radius(3).iter_hunks() {
        let text = hunk.to_string();
        if matches!(redactions.mask(&text), std::borrow::Cow::Owned(_)) {
            let line = hunk.ops().first().map_or(1, |op| op.old_range().start + 1);
            withheld.push(line);
        } else {
            out.push_str(&text);
        }
    }
    if !out.is_empty() {
        out.insert_str(
            0,
            &format!(
                "--- {}\n+++ {}\n",
                diff_name("a", name),
                diff_name("b", name)
            ),
        );
    }
    (out, withheld)
}

/// Myers' diff is quadratic on large files with large changes (a merge of thousands of
/// `RUN`s): past the deadline it settles for a coarser, still correct, diff.
fn text_diff<'a>(before: &'a str, after: &'a str) -> similar::TextDiff<'a, 'a, 'a, str> {
    similar::TextDiff::configure()
        .deadline(std::time::Instant::now() + std::time::Duration::from_secs(2))
        .diff_lines(before, after)
}

fn unified_diff(name: &str, before: &str, after: &str) -> String {
    if before == after {
        return String::new();
    }
    text_diff(before, after)
        .unified_diff()
        .context_radius(3)
        .header(&diff_name("a", name), &diff_name("b", name))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_diff_leaves_out_only_the_hunks_near_a_credential() {
        let lines: Vec<String> = (0..30).map(|i| format!("RUN echo {i}")).collect();
        let mut before = lines.clone();
        before[2] = "RUN git clone https://ci:Kp7wQ2xR9vLm@git.example.com/a.git".to_string();
        let before = before.join("\n") + "\n";
        let after = before
            .replace("RUN echo 3\n", "RUN echo three\n")
            .replace("RUN echo 20\n", "RUN echo twenty\n");
        let redactions = Redactions::find(&before);
        let (diff, withheld) = redacted_diff("Dockerfile", &before, &after, &redactions);
        assert_eq!(withheld, [1]);
        assert!(!diff.contains("Kp7wQ2xR9vLm") && !diff.contains("three"));
        // The hunk far from the credential is exactly what the plain diff shows.
        let plain = unified_diff("Dockerfile", &before, &after);
        let far = &plain[plain.find("@@ -18").expect("second hunk")..];
        assert_eq!(diff, format!("--- a/Dockerfile\n+++ b/Dockerfile\n{far}"));
        // Without a credential, the plain diff.
        let clean = before.replace("Kp7wQ2xR9vLm", "$TOKEN");
        let clean_after = after.replace("Kp7wQ2xR9vLm", "$TOKEN");
        let none = Redactions::find(&clean);
        assert_eq!(
            redacted_diff("Dockerfile", &clean, &clean_after, &none).0,
            unified_diff("Dockerfile", &clean, &clean_after)
        );
    }
}
