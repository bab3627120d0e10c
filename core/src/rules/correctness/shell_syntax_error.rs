use crate::declare_rule;
use crate::rules::Checker;
use crate::semantic::commands::basename;
use crate::syntax::{Args, InstructionKind};

declare_rule! {
    /// ## What it does
    /// Checks for a shell-form `RUN`, `CMD` or `ENTRYPOINT` (and the heredoc bodies a shell
    /// reads) that the shell cannot parse: a `(` inside a command, an operator with nothing
    /// after it (`apt-get update; && apt-get install`), an unterminated quote, `if` or
    /// `case`, a stray `then` or `}`.
    ///
    /// ## Why is this bad?
    /// BuildKit hands the text to `/bin/sh -c` as written, and the shell rejects the whole
    /// script before running any of it: the `RUN` fails with "Syntax error" and the build
    /// stops; a `CMD` or `ENTRYPOINT` in shell form fails each time a container starts.
    ///
    /// The parser reads bash's syntax too (arrays, `[[ ]]`, `<<<`, `function f {`), so a
    /// script is reported only when no shell reads it. Not checked under a `SHELL` that is
    /// not POSIX (`pwsh`, `cmd`), one that reads extended patterns (`-O extglob`, ksh,
    /// zsh), or in Windows stages; only the first error of a script is reported, as the
    /// shell stops there.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:trixie-slim
    /// RUN apt-get update; && apt-get install -y --no-install-recommends curl
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:trixie-slim
    /// RUN apt-get update && apt-get install -y --no-install-recommends curl
    /// ```
    ///
    /// ## References
    /// - [POSIX: Shell Command Language, grammar](https://pubs.opengroup.org/onlinepubs/9799919799/utilities/V3_chap02.html#tag_19_10)
    /// - [Dockerfile reference: RUN](https://docs.docker.com/reference/dockerfile/#run)
    pub(crate) static RULE = {
        code: "SF524",
        name: "shell-syntax-error",
        category: Correctness,
        severity: Error,
        default_enabled: true,
        buildkit: None,
        fix: None,
        check: check,
    }
}

fn check(checker: &Checker) {
    for (index, inst) in checker.instructions().iter().enumerate() {
        if !matches!(
            inst.kind,
            InstructionKind::Run
                | InstructionKind::Cmd
                | InstructionKind::Entrypoint
                | InstructionKind::Onbuild
        ) {
            continue;
        }
        let Some(error) = checker.script(index).and_then(|s| s.errors.first()) else {
            continue;
        };
        if extended_globs(checker, index) {
            continue;
        }
        let when = match inst.kind {
            InstructionKind::Cmd | InstructionKind::Entrypoint => "the container cannot start",
            InstructionKind::Onbuild => "every build on this image fails",
            _ => "the build fails here",
        };
        checker.report(
            error.range,
            format!(
                "The shell cannot parse this script: {}; {when}",
                error.message
            ),
        );
    }
}

/// Whether the `SHELL` in effect reads patterns `sh` rejects: bash with `-O extglob`
/// (`rm -rf !(keep)`), ksh, or zsh.
fn extended_globs(checker: &Checker, index: usize) -> bool {
    let mut at = index;
    let mut stage = checker.stage_of(index);
    while let Some(s) = stage {
        let range = s.instruction_range();
        let shell = checker.instructions()[range.start..at.min(range.end)]
            .iter()
            .rev()
            .find(|i| i.kind == InstructionKind::Shell);
        if let Some(shell) = shell {
            let Args::Exec { items, .. } = &shell.args else {
                return false;
            };
            let program = items.first().map_or("", |p| basename(&p.value));
            return matches!(program, "ksh" | "ksh93" | "mksh" | "zsh")
                || items.iter().any(|i| i.value.contains("extglob"));
        }
        let Some(base) = s.base_stage else {
            return false;
        };
        at = usize::MAX;
        stage = checker
            .stages()
            .get(base as usize)
            .filter(|b| b.index < s.index);
    }
    false
}
