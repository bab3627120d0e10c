#![allow(clippy::disallowed_methods)] // the CLI is where I/O belongs
//! The `slimfile` command: a thin shell over the `slimfile` crate. It finds and reads
//! files, hands text to core, and formats what comes back.

mod commands;
mod context;
mod input;
mod output;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Parse, check and fix Dockerfiles: smaller images, faster rebuilds, reproducible builds.
#[derive(Debug, Parser)]
#[command(name = "slimfile", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Parse a Dockerfile and print how BuildKit reads it.
    ///
    /// Prints every top-level item (directives, comments, blank lines, instructions) with
    /// its byte span, each instruction as BuildKit's parser sees it, and the parse errors
    /// with line and column. Exit status: 0 when the file parses, 1 when it has parse
    /// errors, 2 when it cannot be read.
    Parse(commands::parse::ParseArgs),
    /// Check Dockerfiles against the rules.
    ///
    /// The build context of each file is its directory (or `--context`): its
    /// `.dockerignore` and its file list are read and given to the rules. Exit status: 0
    /// when nothing at warning level or above is found, 1 when something is, 2 when a
    /// file cannot be read (the other files are still checked).
    Check(commands::check::CheckArgs),
    /// Apply fixes: safe ones by default, all with `--unsafe-fixes`.
    ///
    /// Files are rewritten in place (`-` reads standard input and prints the result);
    /// `--diff` prints a unified diff and writes nothing. A summary of what was fixed
    /// and what is left goes to standard error.
    Fix(commands::fix::FixArgs),
    /// Show a rule's documentation, or the table of all rules with `--all`.
    Rule(commands::rule::RuleArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Parse(args) => commands::parse::run(&args),
        Command::Check(args) => commands::check::run(&args),
        Command::Rule(args) => commands::rule::run(&args),
        Command::Fix(args) => commands::fix::run(&args),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            output::error_line(&err);
            ExitCode::from(2)
        }
    }
}
