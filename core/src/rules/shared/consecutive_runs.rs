//! The body of the consecutive-`RUN` rules: runs of consecutive `RUN`s with the same flags,
//! each running few enough commands to merge, and the fix that merges them. `DL3059`
//! counts as hadolint does (a `RUN` of one command); `SF209` takes the wider view (up to
//! two commands) for the pairs hadolint leaves alone.

use crate::edit::Fix;
use crate::rules::fixes::structural::{changes_shell_state, merge_runs};
use crate::rules::Checker;
use crate::syntax::shell::{parse_script, Command};
use crate::syntax::{Args, Instruction, InstructionKind};

pub(crate) const MERGE_TITLE: &str = "Merge the `RUN` instructions into one, joined with `&&`";

/// Each `RUN` in order with the number of commands it runs, and whether it may merge with
/// the `RUN` before it (consecutive, comments between allowed, same flags). `None` as the
/// count for a `RUN` whose shell is not read.
pub(crate) fn runs(checker: &Checker) -> Vec<(usize, usize, bool)> {
    let mut out = Vec::new();
    let mut previous: Option<Vec<&str>> = None;
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
        let joins = previous.as_ref().is_some_and(|p| *p == flags);
        out.push((index, commands, joins));
        previous = Some(flags);
    }
    out
}

/// The chains of consecutive `RUN`s that each run at most `limit` commands.
pub(crate) fn chains(runs: &[(usize, usize, bool)], limit: usize) -> Vec<Vec<usize>> {
    let mut chains: Vec<Vec<usize>> = Vec::new();
    for pair in runs.windows(2) {
        let ((prev, prev_n, _), (index, n, joins)) = (pair[0], pair[1]);
        if !joins || prev_n > limit || n > limit {
            continue;
        }
        match chains.last_mut() {
            Some(chain) if chain.last() == Some(&prev) => chain.push(index),
            _ => chains.push(vec![prev, index]),
        }
    }
    chains
}

/// The merge of a chain: safe when no `RUN` but the last changes shell state (`cd`,
/// `export`, `set`...) that the later commands would then inherit.
pub(crate) fn merge_fix(checker: &Checker, chain: &[usize]) -> Option<Fix> {
    let edits = merge_runs(checker.df, chain, |i| checker.script(i))?;
    let carries_state = chain[..chain.len() - 1].iter().any(|&i| {
        checker
            .script(i)
            .is_none_or(|s| changes_shell_state(&s.commands))
    });
    Some(if carries_state {
        Fix::unsafe_(MERGE_TITLE, edits)
    } else {
        Fix::safe(MERGE_TITLE, edits)
    })
}

/// The commands a `RUN` runs, as hadolint counts them (measured against hadolint 2.15.1):
/// the commands of its script (heredoc bodies included), also those inside `$(...)` and
/// backquotes, but not a `[ ... ]` or `[[ ... ]]` test, which its shell parser reads as a
/// condition rather than a command, nor a line of assignments alone, nor a command whose
/// name is not a literal (`${ANDROID_HOME}/tools/bin/sdkmanager`: ShellCheck finds no
/// command name in it). hadolint reads the exec form as its items joined with spaces, a
/// shell command line: `["echo", "a;", "echo", "b"]` is two commands there, and
/// `["/bin/bash", "-c", "make | tee log"]` two. `None` when its shell is not read.
fn command_count(checker: &Checker, index: usize, inst: &Instruction) -> Option<usize> {
    let counted = |c: &&Command| {
        c.words
            .first()
            .is_some_and(|w| !w.dynamic && w.value != "[" && w.value != "[[")
    };
    if let Args::Exec { items, .. } = &inst.args {
        let joined = items
            .iter()
            .map(|i| i.value.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        return Some(
            parse_script(&joined)
                .commands
                .iter()
                .filter(counted)
                .count(),
        );
    }
    checker
        .script(index)
        .map(|s| s.commands.iter().filter(counted).count())
}

fn sorted_flags(inst: &Instruction) -> Vec<&str> {
    let mut flags: Vec<&str> = inst.flags.iter().map(|f| f.text.as_str()).collect();
    flags.sort_unstable();
    flags
}
