//! Questions rules ask of shell commands: which program really runs (past `sudo`, `env`,
//! `xargs`...), its subcommand, and whether a flag is given.

use crate::syntax::shell::{Command, Word};

/// Wrappers that run the command that follows them.
const WRAPPERS: [&str; 8] = [
    "sudo",
    "env",
    "nice",
    "nohup",
    "time",
    "command",
    "exec",
    "eatmydata",
];

/// The program a command runs and its arguments, past wrappers and their options:
/// `sudo -E env DEBIAN_FRONTEND=noninteractive apt-get install x` → (`apt-get`, [install, x]).
/// Every rule asks this of every command, so the answer is found once per command
/// ([`locate_program`], run when the analyzer builds a script) and read here.
pub fn invocation(command: &Command) -> Option<(&str, &[Word])> {
    let (word, offset) = command.program_at.or_else(|| locate_program(command))?;
    let (word, offset) = (word as usize, offset as usize);
    let program = command.words.get(word)?.value.get(offset..)?;
    Some((program, &command.words[word + 1..]))
}

/// Where the program of `command` is: (word index, start of its base name).
pub fn locate_program(command: &Command) -> Option<(u32, u32)> {
    let mut at = 0usize;
    loop {
        let first = command.words.get(at)?;
        let program = basename(&first.value);
        if !WRAPPERS.contains(&program) {
            return Some((at as u32, (first.value.len() - program.len()) as u32));
        }
        // Skip the wrapper's own options and `VAR=value` settings.
        at += 1;
        while command
            .words
            .get(at)
            .is_some_and(|w| w.value.starts_with('-') || is_assignment(&w.value))
        {
            at += 1;
        }
    }
}

/// `NAME=value`, as `env` and `sudo` take before the command.
fn is_assignment(word: &str) -> bool {
    word.split_once('=').is_some_and(|(name, _)| {
        !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
    })
}

pub fn basename(path: &str) -> &str {
    // A plain loop: words are short, and this runs for every command of every rule.
    let bytes = path.as_bytes();
    let mut at = bytes.len();
    while at > 0 {
        if bytes[at - 1] == b'/' {
            return &path[at..];
        }
        at -= 1;
    }
    path
}

/// The first argument that is not an option, skipping the values of the options listed in
/// `takes_value` (`-o Dpkg::Options=x install` → `install`).
pub fn subcommand<'w>(args: &'w [Word], takes_value: &[&str]) -> Option<(usize, &'w Word)> {
    let mut i = 0;
    while i < args.len() {
        let w = &args[i].value;
        if w == "--" {
            return args.get(i + 1).map(|w| (i + 1, w));
        }
        if w.starts_with('-') && w.len() > 1 {
            i += if takes_value.contains(&w.as_str()) {
                2
            } else {
                1
            };
            continue;
        }
        return Some((i, &args[i]));
    }
    None
}

/// Whether any argument is one of `flags` (also `--flag=value` forms and, for single-dash
/// letters, combined short options like `-qy`).
pub fn has_flag(args: &[Word], flags: &[&str]) -> bool {
    // Arguments that do not start with `-` (packages, paths) cannot be a `-` flag.
    let all_dashed = flags.iter().all(|f| f.starts_with('-'));
    args.iter().any(|w| {
        let v = w.value.as_str();
        if all_dashed && !v.starts_with('-') {
            return false;
        }
        let short_cluster = v.starts_with('-') && !v.starts_with("--");
        flags.iter().any(|f| {
            v == *f
                || v.strip_prefix(f).is_some_and(|rest| rest.starts_with('='))
                || (short_cluster
                    && f.len() == 2
                    && f.starts_with('-')
                    && !f.starts_with("--")
                    // `f` is `-` and one ASCII letter: a byte search finds it.
                    && v.as_bytes()[1..].contains(&f.as_bytes()[1]))
        })
    })
}

/// Whether a command is `program` with subcommand `sub` (e.g. `apt-get install`).
pub fn runs<'c>(
    command: &'c Command,
    programs: &[&str],
    subs: &[&str],
    takes_value: &[&str],
) -> Option<&'c [Word]> {
    let (program, args) = invocation(command)?;
    if !programs.contains(&program) {
        return None;
    }
    let (_, sub) = subcommand(args, takes_value)?;
    subs.contains(&sub.value.as_str()).then_some(args)
}

/// apt-get's options that take a value.
pub const APT_VALUE_OPTIONS: [&str; 6] = [
    "-o",
    "-c",
    "-t",
    "--option",
    "--config-file",
    "--target-release",
];
