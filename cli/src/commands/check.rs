//! `slimfile check`: run the rules over Dockerfiles and report what they find.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{anyhow, Result};
use clap::{Args, ValueEnum};
use std::sync::Arc;

use slimfile::rules::{Analyzer, Context, Diagnostic, Severity};

use crate::config::FailLevel;
use crate::input::Source;

use crate::discover::discover;
use crate::input::read_target;
use crate::output::{error_line, stdout_writer, write_result};
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

/// Files read and analyzed together: at most this many files ...
const CHUNK: usize = 64;
/// ... and about this much text at once.
const CHUNK_BYTES: usize = 8 << 20;

/// One file to analyze, with what it needs, so that the analysis can run on another core.
struct Job {
    analyzer: Arc<Analyzer>,
    fail_level: FailLevel,
    context: Arc<Context>,
    source: Source,
    diagnostics: Vec<Diagnostic>,
}

/// Parses and analyzes every job, spread over `workers` threads (core itself is
/// single-threaded; the CLI runs one file per thread).
fn analyze_all(jobs: &mut [Job], workers: usize) {
    let run = |job: &mut Job| {
        let parsed = slimfile::parse(&job.source.text);
        job.diagnostics = job.analyzer.analyze(&parsed, &job.context);
    };
    if workers <= 1 || jobs.len() < 2 {
        jobs.iter_mut().for_each(run);
        return;
    }
    let per_thread = jobs.len().div_ceil(workers);
    std::thread::scope(|scope| {
        for part in jobs.chunks_mut(per_thread) {
            scope.spawn(move || part.iter_mut().for_each(run));
        }
    });
}

pub fn run(args: &CheckArgs) -> Result<ExitCode> {
    if args.statistics && !matches!(args.format, Format::Text | Format::Json) {
        return Err(anyhow!("--statistics works with --format text or json"));
    }
    let mut session = Session::new(&args.rules)?;
    let options = Options {
        unsafe_fixes: args.unsafe_fixes,
        quiet: args.quiet,
    };
    let (targets, errors) = discover(&args.paths);
    let mut io_failed = !errors.is_empty();
    for e in &errors {
        error_line(e);
    }
    let mut out = stdout_writer(args.format == Format::Text && !args.statistics);
    let mut emit = emitter(args.format, args.statistics, options);
    let mut totals = Totals::default();
    let mut failing = false;
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    let mut pending = targets.iter().peekable();
    'chunks: while pending.peek().is_some() {
        // Settings, files and contexts are looked up here, in order; the analysis of a
        // chunk runs on every core; the reports go out in order. A chunk holds at most
        // CHUNK files and CHUNK_BYTES of text (or one larger file), so memory stays
        // proportional to the largest file.
        let mut jobs: Vec<Job> = Vec::with_capacity(CHUNK);
        let mut bytes = 0usize;
        while jobs.len() < CHUNK && bytes < CHUNK_BYTES {
            let Some(target) = pending.next() else { break };
            let Some(settings) = session.settings(target) else {
                io_failed = true;
                continue;
            };
            let source = match read_target(target) {
                Ok(s) => s,
                Err(e) => {
                    error_line(&e);
                    io_failed = true;
                    continue;
                }
            };
            bytes += source.text.len();
            jobs.push(Job {
                analyzer: settings.analyzer.clone(),
                fail_level: settings.fail_level,
                context: session.context(target),
                source,
                diagnostics: Vec::new(),
            });
        }
        analyze_all(&mut jobs, workers);
        for job in &jobs {
            let shown: Vec<&Diagnostic> = job
                .diagnostics
                .iter()
                .filter(|d| args.severity.shows(d.severity))
                .collect();
            totals.files += 1;
            for d in &shown {
                totals.add(d);
                failing |= job.fail_level.fails_on(d.severity);
            }
            let report = FileReport {
                name: &job.source.name,
                source: &job.source.text,
                diagnostics: &shown,
            };
            if !write_result(emit.file(&mut out, &report))? {
                break 'chunks;
            }
        }
    }
    if write_result(emit.finish(&mut out, &totals))? {
        write_result(out.flush())?;
    }
    Ok(if io_failed {
        ExitCode::from(2)
    } else if failing {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
