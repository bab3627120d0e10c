//! The command line itself: options, subcommands, exit status.

use std::ffi::OsString;

use clap::{Parser, Subcommand};

use crate::{commands, output};

/// Parse, check and fix Dockerfiles: smaller images, faster rebuilds, reproducible builds.
#[derive(Debug, Parser)]
#[command(name = "slimfile", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check Dockerfiles against the rules and report what they find.
    ///
    /// PATHs are files, directories (searched recursively for `Dockerfile`,
    /// `Containerfile`, `*.Dockerfile`, `Dockerfile.*` and `*.containerfile`, skipping what
    /// `.gitignore` ignores) or `-` for standard input; the default is the current
    /// directory. The build context of each file is its directory (or `--context`): its
    /// `.dockerignore` and its file list are read and given to the rules.
    ///
    /// Settings come from the nearest `slimfile.toml`, `.slimfile.toml`, `pyproject.toml`
    /// with a `[tool.slimfile]` table, or `.hadolint.yaml`, searched upward from each
    /// Dockerfile's directory; options given here win over them.
    ///
    /// A credential written in a file (a token, a key, a password) is never printed, in
    /// any format: code frames and messages show it masked, and a fix whose edit would
    /// write it is shown as advice without its edit.
    ///
    /// Exit status: 0 when nothing at or above `--fail-level` is found, 1 when something
    /// is, 2 when a file or a configuration cannot be read or an option is wrong (the
    /// other files are still checked).
    #[command(
        after_help = "Examples:\n  slimfile check\n  slimfile check services/ --select size,DL3008 --format github\n  slimfile check - < Dockerfile\n  slimfile check --statistics ."
    )]
    Check(commands::check::CheckArgs),
    /// Apply fixes in place: the safe ones by default, all of them with `--unsafe-fixes`.
    ///
    /// Finds files like `check`. Each file is rewritten in place and a `.dockerignore` is
    /// written or extended when a fix asks for one (never dropping a line of yours);
    /// `--diff` prints a unified diff and writes nothing; `-` reads standard input and
    /// prints the fixed Dockerfile. What was fixed, what is left and the estimated image
    /// size saved go to standard error. A credential in a file is never printed in the
    /// diff or the report: a change next to one is left out of the diff, with a warning
    /// (the file itself is still fixed).
    ///
    /// Exit status: 0 when nothing at or above `--fail-level` is left, 1 when something
    /// is, 2 when a file cannot be read or written.
    #[command(
        after_help = "Examples:\n  slimfile fix\n  slimfile fix --diff --unsafe-fixes Dockerfile\n  slimfile fix - < Dockerfile > Dockerfile.new"
    )]
    Fix(commands::fix::FixArgs),
    /// Show a rule's documentation, or the table of all rules with `--all`.
    Rule(commands::rule::RuleArgs),
    /// Parse a Dockerfile and print how BuildKit reads it.
    ///
    /// Prints every top-level item (directives, comments, blank lines, instructions) with
    /// its byte span, each instruction as BuildKit's parser sees it, and the parse errors
    /// with line and column. It prints the file's own text, credentials included: it is
    /// a view of the file for its owner and for tools, not a report for CI logs (`check`
    /// and `fix` mask them). Exit status: 0 when the file parses, 1 when it has parse
    /// errors, 2 when it cannot be read.
    Parse(commands::parse::ParseArgs),
}

/// Runs `slimfile` with these arguments (the first is the program name) and returns its
/// exit status (0: fine, 1: findings at or above the fail level, 2: an error): what the
/// binary does, and what the Python package's `slimfile` command runs in-process.
pub fn run<I, T>(args: I) -> u8
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { 2 } else { 0 };
        }
    };
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
            2
        }
    }
}
