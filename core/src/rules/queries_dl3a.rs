//! Questions several hadolint-derived rules ask: whether an instruction runs a shell
//! command, which word of a command is its program, the operands of a subcommand, and
//! quoting of instruction words that BuildKit keeps as written.

use super::Checker;
use crate::rules::messages::code_list;
use crate::semantic::commands::operands;
use crate::semantic::commands::{basename, invocation, runs, subcommand};
use crate::semantic::instructions::run_of;
use crate::syntax::shell::{Command, Script, Word};
use crate::syntax::{Instruction, InstructionKind};

/// The body of the version-pinning rules: reports each `program sub …` (in every `RUN`,
/// `ONBUILD` triggers included) whose package operands are not all `pinned`, naming them
/// in "`{what}` without a version for …".
pub fn report_unpinned(
    checker: &Checker,
    programs: &[&str],
    subs: &[&str],
    takes_value: &[&str],
    pinned: fn(&str) -> bool,
    what: &str,
) {
    for (index, script) in checker.scripts_running_programs() {
        if run_of(&checker.instructions()[index]).is_none() {
            continue;
        }
        for command in &script.commands {
            let Some(args) = runs(command, programs, subs, takes_value) else {
                continue;
            };
            let Some((sub, _)) = subcommand(args, takes_value) else {
                continue;
            };
            let unpinned: Vec<&str> = operands(args, sub, takes_value)
                .filter(|w| !w.dynamic && !pinned(&w.value))
                .map(|w| w.value.as_str())
                .collect();
            if !unpinned.is_empty() {
                checker.report(
                    command.range,
                    format!("`{what}` without a version for {}", code_list(&unpinned)),
                );
            }
        }
    }
}

/// Calls `f` with each `RUN` (`ONBUILD` triggers included) and its script, until an
/// earlier `RUN` of the stage mentions `setting` (`Assume-Yes`, `assumeyes`): a package
/// manager configured to answer yes needs no flag afterwards.
pub fn runs_until_configured(checker: &Checker, setting: &str, mut f: impl FnMut(&Script)) {
    let mut configured = false;
    for (index, inst) in checker.instructions().iter().enumerate() {
        if inst.kind == InstructionKind::From {
            configured = false;
        }
        if configured || run_of(inst).is_none() {
            continue;
        }
        let Some(script) = checker.script(index) else {
            continue;
        };
        if checker.text(inst.range).contains(setting) {
            configured = true;
            continue;
        }
        if checker.runs_rule_programs(index) {
            f(script);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::semantic::commands::fed_by_yes;
    use crate::syntax::shell::parse_script;
}
