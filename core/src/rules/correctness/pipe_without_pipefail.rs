use crate::declare_rule;
use crate::rules::Checker;
use crate::semantic::commands::basename;
use crate::syntax::shell::{parse_script, Command, Connector, GroupKind, Script};
use crate::syntax::shell_view::shell_arguments;
use crate::syntax::{Args, InstructionKind, Str, TextRange};

declare_rule! {
    /// ## What it does
    /// Checks for a `RUN` with a pipe (`curl ... | tar x`) in a stage whose shell does not
    /// set `-o pipefail`.
    ///
    /// ## Why is this bad?
    /// A pipeline's status is that of its last command: when `curl` fails, `tar` reads
    /// nothing, the `RUN` still succeeds, and the build goes on with a broken layer.
    /// With `pipefail` the failure stops the build.
    ///
    /// Not reported when the stage (or the stage it is built on) sets
    /// `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` (bash, zsh, ash, ksh or mksh, any
    /// option cluster such as `-eo`; not `sh`, which is dash on Debian and Ubuntu and
    /// rejects the option), when the `RUN` runs `set -o pipefail` before the pipe, or under
    /// a non-POSIX shell. On Alpine, `SHELL ["/bin/ash", "-eo", "pipefail", "-c"]` works
    /// without bash. An exec-form `RUN` that hands a shell a script
    /// (`RUN ["/bin/bash", "-c", "curl ... | tar x"]`) runs that shell, not the stage's
    /// `SHELL`: it is reported unless its own options set `-o pipefail`.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:trixie-slim
    /// RUN curl -fsSL https://example.com/app.tar.gz | tar -xz -C /opt
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:trixie-slim
    /// SHELL ["/bin/bash", "-o", "pipefail", "-c"]
    /// RUN curl -fsSL https://example.com/app.tar.gz | tar -xz -C /opt
    /// ```
    ///
    /// ## References
    /// - [hadolint DL4006](https://github.com/hadolint/hadolint/wiki/DL4006)
    /// - [Docker best practices: using pipes](https://docs.docker.com/build/building/best-practices/#using-pipes)
    pub(crate) static RULE = {
        code: "DL4006",
        name: "pipe-without-pipefail",
        category: Correctness,
        severity: Warning,
        default_enabled: true,
        buildkit: None,
        fix: None,
        check: check,
    }
}

fn check(checker: &Checker) {
    let stages = checker.stages();
    let insts = checker.instructions();
    // Whether the shell sets pipefail at the end of each stage.
    let mut at_end = vec![false; stages.len()];
    for (n, stage) in stages.iter().enumerate() {
        let mut pipefail = stage
            .base_stage
            .is_some_and(|b| at_end.get(b as usize).copied().unwrap_or(false));
        for index in stage.instruction_range() {
            let inst = &insts[index];
            match (&inst.kind, &inst.args) {
                (InstructionKind::Shell, Args::Exec { items, .. }) => {
                    pipefail = shell_sets_pipefail(items);
                }
                (InstructionKind::Run, args) => {
                    // The exec form runs its own shell, if any, not the stage's `SHELL`.
                    let guarded = match args {
                        Args::Exec { items, .. } => shell_sets_pipefail(items),
                        _ => pipefail,
                    };
                    if guarded {
                        continue;
                    }
                    let range = checker.script(index).and_then(unguarded_pipe);
                    let range = match args {
                        Args::Exec { items, .. } => {
                            range.or_else(|| escaped_script_pipe(checker, items))
                        }
                        _ => range,
                    };
                    if let Some(range) = range {
                        checker.report(range, "Pipe without `set -o pipefail`");
                    }
                }
                _ => {}
            }
        }
        at_end[n] = pipefail;
    }
}

/// Whether a shell's command line (`SHELL ["/bin/bash", "-o", "pipefail", "-c"]`, or an
/// exec-form `RUN` of a shell) turns pipefail on.
fn shell_sets_pipefail(items: &[Str]) -> bool {
    items
        .first()
        .is_some_and(|shell| PIPEFAIL_SHELLS.contains(&basename(&shell.value)))
        && items
            .windows(2)
            .any(|w| w[1].value == "pipefail" && is_o_option(&w[0].value))
}

/// An exec-form `RUN` whose shell script is written with JSON escapes (`"echo \\"x\\" |
/// debconf-set-selections"`) is one command to the other rules, as its words have no
/// source text of their own: its pipe is found in the unescaped script and reported on
/// the whole string.
fn escaped_script_pipe(checker: &Checker, items: &[Str]) -> Option<TextRange> {
    let (true, Some(script)) = shell_arguments(items)? else {
        return None;
    };
    // Without escapes (the string is its value in quotes) the script was read already.
    if checker.text(script.range).len() == script.value.len() + 2 {
        return None;
    }
    unguarded_pipe(&parse_script(&script.value)).map(|_| script.range)
}

/// The shells that take `-o pipefail` wherever they are installed. Not `sh`: on Debian
/// and Ubuntu it is dash, which rejects the option (hadolint's list, with the Korn shells).
const PIPEFAIL_SHELLS: [&str; 5] = ["bash", "zsh", "ash", "ksh", "mksh"];

/// `-o`, or a cluster of short options with `o` (`-eo`, `-euxo`, `-eou`).
fn is_o_option(word: &str) -> bool {
    word.starts_with('-') && !word.starts_with("--") && word.contains('o')
}

/// The first pipeline of the script not preceded by `set -o pipefail`: a command piped
/// into (`a | b`), or a subshell or brace group piped into (`(cd / && tar c .) | (cd /x &&
/// tar x)`).
fn unguarded_pipe(script: &Script) -> Option<TextRange> {
    let commands = &script.commands;
    let guard = commands
        .iter()
        .find(|c| sets_pipefail(c))
        .map_or(u32::MAX, |c| c.range.start);
    let by_command = commands
        .iter()
        .enumerate()
        .find(|(_, c)| c.connector == Connector::Pipe && c.range.start < guard)
        .map(|(i, command)| {
            let start = commands[..i]
                .iter()
                .rev()
                .find(|c| c.depth == command.depth)
                .map_or(command.range.start, |c| c.range.start);
            TextRange::new(start, command.range.end)
        });
    let by_group = script
        .groups
        .iter()
        .find(|g| {
            matches!(g.kind, GroupKind::Subshell | GroupKind::Brace)
                && g.connector == Connector::Pipe
                && g.range.start < guard
        })
        .map(|g| g.range);
    match (by_command, by_group) {
        (Some(c), Some(g)) => Some(if g.start < c.start { g } else { c }),
        (c, g) => c.or(g),
    }
}

fn sets_pipefail(command: &Command) -> bool {
    command.program() == Some("set")
        && command
            .args()
            .windows(2)
            .any(|w| w[1].value == "pipefail" && is_o_option(&w[0].value))
}
