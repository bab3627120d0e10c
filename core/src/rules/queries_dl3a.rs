//! Questions several hadolint-derived rules ask: whether an instruction runs a shell
//! command, which word of a command is its program, the operands of a subcommand, and
//! quoting of instruction words that BuildKit keeps as written.

use super::shell_queries::{basename, invocation};
use crate::syntax::shell::{Command, Connector, Script};
use crate::syntax::{Instruction, InstructionKind};

/// Whether the instruction is a `RUN` (or, with `onbuild`, the `RUN` an `ONBUILD`
/// registers).
pub fn is_run(inst: &Instruction, onbuild: bool) -> bool {
    match inst.kind {
        InstructionKind::Run => true,
        InstructionKind::Onbuild if onbuild => inst
            .trigger
            .as_ref()
            .is_some_and(|t| t.kind == InstructionKind::Run),
        _ => false,
    }
}

/// The index in `command.words` of the program that really runs, past wrappers such as
/// `sudo` or `env`. `None` when there is none, and for `command -v prog`, which only looks
/// the program up.
pub fn program_index(command: &Command) -> Option<usize> {
    let (_, args) = invocation(command)?;
    let index = command.words.len() - args.len() - 1;
    let before = &command.words[..index];
    let lookup = before.iter().enumerate().any(|(i, w)| {
        basename(&w.value) == "command"
            && before[i + 1..].iter().any(|o| {
                o.value.starts_with('-')
                    && !o.value.starts_with("--")
                    && o.value[1..].contains(['v', 'V'])
            })
    });
    (!lookup).then_some(index)
}

/// The program a command runs (see [`program_index`]), as its base name.
pub fn program(command: &Command) -> Option<&str> {
    program_index(command).map(|i| basename(&command.words[i].value))
}

/// Whether the command's standard input comes from `yes` (`yes | apt-get install x`).
pub fn fed_by_yes(script: &Script, command: &Command) -> bool {
    if command.connector != Connector::Pipe {
        return false;
    }
    let Some(pos) = script
        .commands
        .iter()
        .position(|c| std::ptr::eq(c, command))
    else {
        return false;
    };
    script.commands[..pos]
        .iter()
        .rev()
        .find(|c| c.depth == command.depth)
        .and_then(program)
        == Some("yes")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::shell::parse_script;

    #[test]
    fn program_skips_wrappers_and_lookups() {
        let s = parse_script("sudo -E apt-get install x; command -v ssh; yes | apt-get install y");
        assert_eq!(program(&s.commands[0]), Some("apt-get"));
        assert_eq!(program(&s.commands[1]), None);
        assert!(fed_by_yes(&s, &s.commands[3]));
        assert!(!fed_by_yes(&s, &s.commands[0]));
    }
}
