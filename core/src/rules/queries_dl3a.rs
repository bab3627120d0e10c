//! Questions several hadolint-derived rules ask: whether an instruction runs a shell
//! command, which word of a command is its program, the operands of a subcommand, and
//! quoting of instruction words that BuildKit keeps as written.

use super::queries_dl3b::positionals;
use super::shell_queries::{basename, invocation, runs, subcommand};
use super::Checker;
use crate::syntax::shell::{Command, Script, Word};
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

/// The operands of a subcommand: the words after `args[after]` that are not options,
/// skipping the value of each option in `takes_value` written as a separate word. Every
/// word after `--` is an operand.
pub fn operands<'w>(
    args: &'w [Word],
    after: usize,
    takes_value: &'w [&'w str],
) -> impl Iterator<Item = &'w Word> + 'w {
    positionals(args.get(after + 1..).unwrap_or(&[]), takes_value)
}

/// A word of an instruction as written, without one pair of surrounding quotes.
pub fn unquote(text: &str) -> &str {
    let bytes = text.as_bytes();
    if bytes.len() >= 2
        && (bytes[0] == b'"' || bytes[0] == b'\'')
        && bytes[bytes.len() - 1] == bytes[0]
    {
        &text[1..text.len() - 1]
    } else {
        text
    }
}

/// Names for a message: `` `a`, `b`, `c` and 2 more ``.
pub fn code_list(names: &[&str]) -> String {
    code_list_of(names, 3)
}

/// The first `shown` names in backticks, then how many more: "`a`, `b` and 2 more".
pub fn code_list_of(names: &[&str], shown: usize) -> String {
    let mut out = String::new();
    for (i, name) in names.iter().take(shown).enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push('`');
        out.push_str(name);
        out.push('`');
    }
    if names.len() > shown {
        out.push_str(" and ");
        out.push_str(&(names.len() - shown).to_string());
        out.push_str(" more");
    }
    out
}

/// A string as a JSON string literal.
pub fn json_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

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
        if !is_run(&checker.instructions()[index], true) {
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
        if configured || !is_run(inst, true) {
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
    use crate::rules::queries_dl3b::fed_by_yes;
    use crate::syntax::shell::parse_script;

    #[test]
    fn program_skips_wrappers_and_lookups() {
        let s = parse_script("sudo -E apt-get install x; command -v ssh; yes | apt-get install y");
        assert_eq!(program(&s.commands[0]), Some("apt-get"));
        assert_eq!(program(&s.commands[1]), None);
        assert!(fed_by_yes(&s, &s.commands[3]));
        assert!(!fed_by_yes(&s, &s.commands[0]));
    }

    #[test]
    fn operands_skip_options_and_their_values() {
        let s = parse_script("apk add -t .deps --no-cache gcc -- -weird");
        let args = s.commands[0].args();
        let ops: Vec<_> = operands(args, 0, &["-t"])
            .map(|w| w.value.as_str())
            .collect();
        assert_eq!(ops, ["gcc", "-weird"]);
        assert_eq!(code_list(&["a", "b", "c", "d"]), "`a`, `b`, `c` and 1 more");
    }

    #[test]
    fn instruction_words() {
        assert_eq!(json_string("a\"b\\\n"), r#""a\"b\\\n""#);
        assert_eq!(unquote("'x'"), "x");
        assert_eq!(unquote("\"x"), "\"x");
    }
}
