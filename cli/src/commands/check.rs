//! `slimfile check`: run the rules over Dockerfiles and report what they find.

use std::io::Write;

use std::sync::Arc;

use anyhow::{anyhow, Result};
use clap::{Args, ValueEnum};
use slimfile::{Applicability, Context, Diagnostic, Linter, Redactions, Severity};

use crate::input::Source;

use crate::discover::Discovery;
use crate::guard::isolated;
use crate::input::read_target;
use crate::output::{error_line, stdout_writer, write_result};
use crate::pipeline::{ordered, Limits};
use crate::report::{emitter, FileReport, Format, Options, Totals};
use crate::session::{RuleOptions, Session};

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files, directories (searched for Dockerfiles) or `-` for standard input.
    /// Default: the current directory.
    #[arg(value_name = "PATH")]
    pub paths: Vec<String>,
    #[command(flatten)]
    pub rules: RuleOptions,
    /// Show only problems this severe or worse.
    #[arg(long, value_enum, value_name = "LEVEL", default_value_t = MinSeverity::Style)]
    pub severity: MinSeverity,
    /// Show unsafe fixes as fixes; without this they are shown as hints.
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Print the diagnostics only: no summary line.
    #[arg(long, short)]
    pub quiet: bool,
    /// Print how often each rule fired instead of the diagnostics (text or json).
    #[arg(long)]
    pub statistics: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MinSeverity {
    Error,
    Warning,
    Info,
    Style,
}

impl MinSeverity {
    fn shows(self, s: Severity) -> bool {
        let least = match self {
            MinSeverity::Error => Severity::Error,
            MinSeverity::Warning => Severity::Warning,
            MinSeverity::Info => Severity::Info,
            MinSeverity::Style => Severity::Style,
        };
        s <= least
    }
}

/// Files read ahead of the one being reported: at most this many ...
const IN_FLIGHT_FILES: usize = 256;
/// ... and about this much text (or one larger file).
const IN_FLIGHT_BYTES: usize = 8 << 20;

/// One file to check, with what it needs, so that the check can run on another core.
struct Job {
    linter: Arc<Linter>,
    context: Arc<Context>,
    source: Source,
    /// The findings, and what their reports must mask.
    found: Result<(Vec<Diagnostic>, Redactions)>,
}

/// Checks a file (core itself is single-threaded; the CLI runs one file per thread).
fn analyze(mut job: Job) -> Job {
    job.found = isolated(|| job.linter.check_redacting(&job.source.text, &job.context));
    job
}

pub fn run(args: &CheckArgs) -> Result<u8> {
    if args.statistics && !matches!(args.format, Format::Text | Format::Json) {
        return Err(anyhow!("--statistics works with --format text or json"));
    }
    let mut session = Session::new(&args.rules)?;
    let options = Options {
        unsafe_fixes: args.unsafe_fixes,
        quiet: args.quiet,
    };
    let mut io_failed = false;
    let mut out = stdout_writer(args.format == Format::Text && !args.statistics);
    let mut emit = emitter(args.format, args.statistics, options);
    let mut totals = Totals::default();
    let mut failing = false;
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    // Paths are expanded, and settings, files and contexts looked up, here, in order, while
    // the other threads analyze; the reports go out in order.
    let jobs = Discovery::new(&args.paths).filter_map(|found| {
        let target = match found {
            Ok(target) => target,
            Err(e) => {
                error_line(&e);
                io_failed = true;
                return None;
            }
        };
        let target = &target;
        let Some(linter) = session.linter(target) else {
            io_failed = true;
            return None;
        };
        let source = match read_target(target) {
            Ok(s) => s,
            Err(e) => {
                error_line(&e);
                io_failed = true;
                return None;
            }
        };
        let size = source.text.len();
        let job = Job {
            linter,
            context: session.context(target),
            source,
            found: Ok((Vec::new(), Redactions::default())),
        };
        Some((job, size))
    });
    let limits = Limits {
        items: IN_FLIGHT_FILES,
        bytes: IN_FLIGHT_BYTES,
    };
    let mut write_error = None;
    let mut check_failed = false;
    ordered(jobs, workers, limits, analyze, |job| {
        let (found, redactions) = match &job.found {
            Ok((found, redactions)) => (found, redactions),
            Err(e) => {
                error_line(&anyhow!("{}: {e}", job.source.name));
                check_failed = true;
                return true;
            }
        };
        let fail_level = job.linter.settings().fail_level;
        let shown: Vec<&Diagnostic> = found
            .iter()
            .filter(|d| args.severity.shows(d.severity))
            .collect();
        totals.files += 1;
        for d in &shown {
            totals.add(d);
            failing |= fail_level.fails_on(d.severity);
        }
        // A credential in the file is never printed: the reports see the text and the
        // findings with it masked.
        let masked: Vec<Diagnostic>;
        let masked_refs: Vec<&Diagnostic>;
        let (source, shown) = if redactions.is_empty() {
            (std::borrow::Cow::Borrowed(job.source.text.as_str()), shown)
        } else {
            masked = shown
                .iter()
                .map(|d| redact(d, redactions, &job.source.text))
                .collect();
            masked_refs = masked.iter().collect();
            (redactions.mask_source(&job.source.text), masked_refs)
        };
        let report = FileReport {
            name: &job.source.name,
            source: &source,
            diagnostics: &shown,
        };
        match write_result(emit.file(&mut out, &report)) {
            Ok(go_on) => go_on,
            Err(e) => {
                write_error = Some(e);
                false
            }
        }
    });
    if let Some(e) = write_error {
        return Err(e);
    }
    if write_result(emit.finish(&mut out, &totals))? {
        write_result(out.flush())?;
    }
    Ok(if io_failed || check_failed {
        2
    } else if failing {
        1
    } else {
        0
    })
}

/// A finding with every credential of its file masked in its message and fix title. A fix
/// whose edits would write a credential is withheld: masked, it would write `*`s into the
/// file of whoever applies it from the JSON or SARIF; shown, it would print the secret. It
/// becomes advice that says why (`slimfile fix`, which writes the file and prints none of
/// it, still applies it).
fn redact(d: &Diagnostic, redactions: &Redactions, source: &str) -> Diagnostic {
    let mut d = d.clone();
    d.message = redactions.mask_message(&d.message, source).into_owned();
    if let Some(basis) = &d.savings_basis {
        d.savings_basis = Some(redactions.mask(basis).into_owned());
    }
    if let Some(fix) = &mut d.fix {
        let title = redactions.mask_message(&fix.title, source).into_owned();
        let writes_secret = fix
            .edits
            .iter()
            .any(|e| matches!(redactions.mask(&e.content), std::borrow::Cow::Owned(_)));
        if writes_secret {
            let applied_by = match fix.applicability {
                Applicability::Safe => "; `slimfile fix` applies it",
                Applicability::Unsafe => "; `slimfile fix --unsafe-fixes` applies it",
                Applicability::DisplayOnly => "",
            };
            fix.title =
                format!("{title} (the edit is not shown: it would print a credential{applied_by})")
                    .into();
            fix.applicability = Applicability::DisplayOnly;
            fix.edits.clear();
        } else {
            fix.title = title.into();
        }
    }
    d
}
