use crate::declare_rule;
use crate::edit::Fix;
use crate::rules::fixes::structural::{changes_shell_state, merge_runs};
use crate::rules::Checker;
use crate::syntax::{Args, Instruction, InstructionKind};

declare_rule! {
    /// ## What it does
    /// Checks for consecutive `RUN` instructions with the same flags that each run one or
    /// two commands, and could be one `RUN`.
    ///
    /// ## Why is this bad?
    /// Every `RUN` makes a layer. Short steps split over several `RUN`s make more layers to
    /// store, push and pull, and a file one step creates and a later one deletes stays in
    /// the earlier layer.
    ///
    /// As in hadolint, comments between the `RUN`s do not separate them; any other
    /// instruction does. Not reported when the `RUN`s have different flags (mounts,
    /// network, security), when either runs more than two commands (already a deliberate
    /// chain, or a heredoc script), or when its shell is not a POSIX shell.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:trixie-slim
    /// RUN useradd --create-home app
    /// RUN mkdir -p /data
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:trixie-slim
    /// RUN useradd --create-home app \
    ///     && mkdir -p /data
    /// ```
    ///
    /// ## Fix safety
    /// Safe when no merged `RUN` but the last changes shell state: the commands are joined
    /// one per line with `&& \`, comments between the `RUN`s stay as comment lines of the
    /// continuation, blank lines between them go. Unsafe when a `RUN` uses `cd`, `export`,
    /// `set`, `source` and the like, whose effect the later commands would now inherit. No
    /// fix when a `RUN` ends in a shell comment (it would swallow what follows), runs a job
    /// in the background, has heredocs or differs in flags.
    ///
    /// ## References
    /// - [hadolint DL3059](https://github.com/hadolint/hadolint/wiki/DL3059)
    /// - [Docker best practices: RUN](https://docs.docker.com/build/building/best-practices/#run)
    pub(crate) static RULE = {
        code: "DL3059",
        name: "consecutive-run",
        category: Cache,
        severity: Info,
        default_enabled: true,
        buildkit: None,
        fix: Sometimes,
        check: check,
    }
}

/// hadolint's threshold: a `RUN` with more commands is a deliberate chain.
const MAX_COMMANDS: usize = 2;

fn check(checker: &Checker) {
    // Chains of consecutive RUNs that could merge, each in order.
    let mut chains: Vec<Vec<usize>> = Vec::new();
    let mut previous: Option<(usize, Vec<&str>, usize)> = None;
    for (index, inst) in checker.instructions().iter().enumerate() {
        if inst.kind != InstructionKind::Run {
            previous = None;
            continue;
        }
        let Some(commands) = command_count(checker, index, inst) else {
            previous = None;
            continue;
        };
        let flags = sorted_flags(inst);
        if let Some((prev, prev_flags, prev_commands)) = &previous {
            if *prev_flags == flags && *prev_commands <= MAX_COMMANDS && commands <= MAX_COMMANDS {
                match chains.last_mut() {
                    Some(chain) if chain.last() == Some(prev) => chain.push(index),
                    _ => chains.push(vec![*prev, index]),
                }
            }
        }
        previous = Some((index, flags, commands));
    }
    for chain in chains {
        // One fix merges the whole chain; it rides on the first report.
        let mut fix = Some(merge_fix(checker, &chain));
        for &index in &chain[1..] {
            let inst = &checker.instructions()[index];
            let title = "Merge the `RUN` instructions into one, joined with `&&`";
            checker
                .report(
                    inst.range,
                    format!(
                        "{} consecutive `RUN` instructions: consider merging them",
                        chain.len()
                    ),
                )
                .fix(
                    fix.take()
                        .flatten()
                        .unwrap_or_else(|| Fix::display_only(title)),
                );
        }
    }
}

/// The merge of a chain: safe when no `RUN` but the last changes shell state (`cd`,
/// `export`, `set`...) that the later commands would then inherit.
fn merge_fix(checker: &Checker, chain: &[usize]) -> Option<Fix> {
    let edits = merge_runs(checker.df, chain, |i| checker.script(i))?;
    let carries_state = chain[..chain.len() - 1].iter().any(|&i| {
        checker
            .script(i)
            .is_none_or(|s| changes_shell_state(&s.commands))
    });
    let title = "Merge the `RUN` instructions into one, joined with `&&`";
    Some(if carries_state {
        Fix::unsafe_(title, edits)
    } else {
        Fix::safe(title, edits)
    })
}

/// The commands a `RUN` runs (heredoc bodies included; the exec form is one); `None` when
/// its shell is not read.
fn command_count(checker: &Checker, index: usize, inst: &Instruction) -> Option<usize> {
    if matches!(inst.args, Args::Exec { .. }) {
        return Some(1);
    }
    checker.script(index).map(|s| s.commands.len())
}

fn sorted_flags(inst: &Instruction) -> Vec<&str> {
    let mut flags: Vec<&str> = inst.flags.iter().map(|f| f.text.as_str()).collect();
    flags.sort_unstable();
    flags
}
