//! The shell model of instructions: which shell runs each instruction's shell form, and
//! the script a `RUN` (or shell-form `CMD`/`ENTRYPOINT`) runs, with source ranges.

use super::instruction::{Args, InstructionKind, Str};
use super::shell::{parse_script, Command, Connector, Script, Word};
use super::text::TextRange;
use super::tree::Dockerfile;
use crate::ascii::contains_ignoring_case;

/// POSIX shells, which read a heredoc body as a script (`busybox` runs one as its `sh`).
pub(crate) const POSIX_SHELLS: [&str; 7] = ["sh", "bash", "ash", "dash", "zsh", "ksh", "mksh"];

/// The script of a shell-form `RUN`, `CMD` or `ENTRYPOINT` (also wrapped in `ONBUILD`):
/// its command line, plus the bodies of heredocs that a shell reads (`RUN <<EOF`,
/// `RUN bash <<EOF`). An exec-form `RUN` is the one command it runs, as hadolint reads it
/// (`RUN ["pip", "install", "flask"]` installs as its shell form does); an exec-form `CMD`
/// or `ENTRYPOINT` has none. `None` under a non-POSIX shell, where guessing would mislead.
/// Ranges are source offsets.
pub(crate) fn instruction_script(df: &Dockerfile, index: usize, posix: bool) -> Option<Script> {
    let outer = df.instructions().get(index)?;
    let inst = match (&outer.kind, &outer.trigger) {
        (InstructionKind::Onbuild, Some(t)) => t.as_ref(),
        _ => outer,
    };
    if !posix
        || !matches!(
            inst.kind,
            InstructionKind::Run | InstructionKind::Cmd | InstructionKind::Entrypoint
        )
    {
        return None;
    }
    let command = match &inst.args {
        Args::Shell(command) => command,
        Args::Exec { items, .. } if inst.kind == InstructionKind::Run => {
            return shell_c_script(df, outer, items).or_else(|| exec_script(items));
        }
        _ => return None,
    };
    let logical = outer.logical(df.source());
    let start = outer.source_to_logical(command.range.start);
    let mut script = parse_script(logical.get(start as usize..).unwrap_or(""));
    let (mut commands, mut parts) = (outer.source_mapper(), outer.source_mapper());
    map_ranges(
        &mut script,
        |r| commands.map(r.start + start, r.end + start),
        |r| parts.map(r.start + start, r.end + start),
    );
    let only_markers = script.commands.iter().all(|c| c.words.is_empty());
    let reader_is_shell = |c: &Command| {
        c.program()
            .is_some_and(|p| POSIX_SHELLS.contains(&p.rsplit('/').next().unwrap_or(p)))
    };
    for doc in &outer.heredocs {
        let runs_body = only_markers
            || script
                .commands
                .iter()
                .any(|c| reader_is_shell(c) && c.range.contains_range(doc.marker));
        if runs_body {
            let mut body = parse_script(df.text(doc.body));
            let shift = |r: TextRange| r.shifted(doc.body.start);
            map_ranges(&mut body, shift, shift);
            script.commands.extend(body.commands);
            script.groups.extend(body.groups);
            script.errors.extend(body.errors);
        }
    }
    Some(script)
}

/// The script an exec-form `RUN` hands a POSIX shell with `-c` (`RUN ["/bin/bash", "-o",
/// "pipefail", "-c", "cd src && make"]`): the shell's options, then the script, then its
/// `$0` and arguments. `None` when the JSON string does not hold the script as written.
fn shell_c_script(
    df: &Dockerfile,
    outer: &super::instruction::Instruction,
    items: &[Str],
) -> Option<Script> {
    let (true, Some(script)) = shell_arguments(items)? else {
        return None;
    };
    let value = script.value.as_str();
    let logical = outer.logical(df.source());
    let start = outer.source_to_logical(script.range.start) + 1;
    // Escapes in the JSON string (`\"`, `\n`) leave no source range for each word, and
    // rules read words' source text: such a `RUN` stays one command.
    if logical.get(start as usize..start as usize + value.len()) != Some(value) {
        return None;
    }
    let mut parsed = parse_script(value);
    let (mut commands, mut parts) = (outer.source_mapper(), outer.source_mapper());
    map_ranges(
        &mut parsed,
        |r| commands.map(r.start + start, r.end + start),
        |r| parts.map(r.start + start, r.end + start),
    );
    Some(parsed)
}

/// How a POSIX shell reads its argument list (`["/bin/bash", "-o", "pipefail", "-c",
/// "make"]`): whether its options ask for a command string (`-c`, alone or in a cluster
/// such as `-ec`), and the first argument after the options (the script, or a script
/// file's name). `None` when the program is not a POSIX shell, or an option lacks its
/// value.
pub(crate) fn shell_arguments(items: &[Str]) -> Option<(bool, Option<&Str>)> {
    let shell = items.first()?.value.as_str();
    if !POSIX_SHELLS.contains(&shell.rsplit('/').next().unwrap_or(shell)) {
        return None;
    }
    let (mut rest, mut command_string) = (items[1..].iter(), false);
    while let Some(item) = rest.next() {
        match item.value.as_str() {
            "--" | "-" => return Some((command_string, rest.next())),
            option if option.starts_with("--") => {}
            option if option.starts_with(['-', '+']) => {
                command_string |= option.starts_with('-') && option.contains('c');
                // `-o pipefail`, `-eo pipefail`: the option's name is the next item.
                if option.contains(['o', 'O']) {
                    rest.next()?;
                }
            }
            _ => return Some((command_string, Some(item))),
        }
    }
    Some((command_string, None))
}

/// The script file an exec-form shell command runs (`["bash", "/app/start.sh"]`, or a
/// command string of one word, `["sh", "-c", "./start.sh"]`): what it runs in turn is in
/// that file, not in this one.
pub(crate) fn exec_shell_script_file(items: &[Str]) -> Option<&Str> {
    let (command_string, first) = shell_arguments(items)?;
    let first = first?;
    let one_word = !first.value.is_empty() && !first.value.contains(char::is_whitespace);
    (!command_string || one_word && !first.value.contains(['&', '|', ';', '$', '`']))
        .then_some(first)
}

/// The one command of an exec-form `RUN`: its strings are the words, each quoted as JSON
/// writes it (no shell reads them: nothing expands, nothing splits). Rules read it as any
/// command; the checker offers no edit inside it, since fixes write shell syntax.
fn exec_script(items: &[Str]) -> Option<Script> {
    let (first, last) = (items.first()?, items.last()?);
    let words = items
        .iter()
        .map(|item| Word {
            range: item.range,
            value: item.value.clone(),
            quoted: true,
            dynamic: false,
        })
        .collect();
    Some(Script {
        commands: vec![Command {
            range: TextRange::new(first.range.start, last.range.end),
            assignments: Vec::new(),
            words,
            redirects: Vec::new(),
            connector: Connector::First,
            depth: 0,
            in_substitution: false,
            program_at: None,
        }],
        groups: Vec::new(),
        errors: Vec::new(),
    })
}

/// Per instruction: does its stage's current shell speak POSIX sh? `SHELL ["pwsh", ...]`
/// or `SHELL ["cmd", "/S", "/C"]` turns it off until the stage ends; so does a Windows
/// base image, whose default shell is `cmd`.
pub(crate) fn posix_shell_map(df: &Dockerfile) -> Vec<bool> {
    let mut out = Vec::with_capacity(df.instructions().len());
    let mut posix = true;
    for inst in df.instructions() {
        match inst.kind {
            InstructionKind::From => {
                posix = !matches!(&inst.args, Args::List(w) if w.first().is_some_and(|i| is_windows_image(&i.value)));
            }
            InstructionKind::Shell => {
                if let Args::Exec { items, .. } = &inst.args {
                    posix = items.first().is_some_and(|p| is_posix_shell(&p.value));
                }
            }
            _ => {}
        }
        out.push(posix);
    }
    out
}

pub(crate) fn is_windows_image(image: &str) -> bool {
    // Every FROM comes here, twice: no lower-cased copy, no searcher to build.
    let bytes = image.as_bytes();
    let windows = contains_ignoring_case(bytes, b"windows");
    (windows
        && (bytes
            .get(..25)
            .is_some_and(|p| p.eq_ignore_ascii_case(b"mcr.microsoft.com/windows"))
            || windows_repository(image)))
        || contains_ignoring_case(bytes, b"nanoserver")
        || contains_ignoring_case(bytes, b"servercore")
}

/// A repository named for Windows (`stefanscherer/node-windows`, `acme/windows-build`):
/// the word in the name, not in the tag.
fn windows_repository(image: &str) -> bool {
    let name = image.split('@').next().unwrap_or(image);
    let last = name.rfind('/').map_or(0, |i| i + 1);
    let name = name[last..].split(':').next().unwrap_or("");
    name.split(['-', '_', '.'])
        .any(|word| word.eq_ignore_ascii_case("windows"))
}

fn is_posix_shell(program: &str) -> bool {
    let name = program
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(program)
        .to_ascii_lowercase();
    let name = name.strip_suffix(".exe").unwrap_or(&name);
    POSIX_SHELLS.contains(&name) || name == "busybox"
}

/// Applies a mapping to every range in a script: `commands` to those of commands, `f`
/// to the others. Each is given its ranges mostly in order (see
/// [`super::instruction::SourceMapper`]).
fn map_ranges(
    script: &mut Script,
    mut commands: impl FnMut(TextRange) -> TextRange,
    mut f: impl FnMut(TextRange) -> TextRange,
) {
    for c in &mut script.commands {
        c.range = commands(c.range);
        for a in &mut c.assignments {
            a.range = f(a.range);
            a.value.range = f(a.value.range);
        }
        for w in &mut c.words {
            w.range = f(w.range);
        }
        for r in &mut c.redirects {
            r.range = f(r.range);
            if let Some(t) = &mut r.target {
                t.range = f(t.range);
            }
            if let Some(b) = &mut r.heredoc_body {
                *b = f(*b);
            }
        }
    }
    for g in &mut script.groups {
        g.range = commands(g.range);
    }
    for e in &mut script.errors {
        e.range = f(e.range);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse;

    /// The script instruction `index` runs, under the shell the file sets.
    fn script(df: &Dockerfile, index: usize) -> Option<Script> {
        instruction_script(df, index, posix_shell_map(df)[index])
    }

    #[test]
    fn run_script_ranges_point_into_the_source_across_continuations() {
        let src =
            "FROM debian\nRUN apt-get update \\\n    # refresh\n    && apt-get install -y curl\n";
        let p = parse(src);
        let script = script(&p.dockerfile, 1).expect("script");
        let install = &script.commands[1];
        assert_eq!(install.program(), Some("apt-get"));
        assert_eq!(p.dockerfile.text(install.words[1].range), "install");
        assert_eq!(p.dockerfile.text(install.range), "apt-get install -y curl");
    }

    #[test]
    fn heredoc_bodies_run_by_a_shell_are_part_of_the_script() {
        let p = parse("FROM alpine\nRUN <<EOF\napk add curl\nrm -rf /tmp/x\nEOF\nRUN python3 <<EOF\nprint(1)\nEOF\n");
        let programs: Vec<_> = script(&p.dockerfile, 1)
            .expect("script")
            .commands
            .iter()
            .filter_map(|c| c.program().map(str::to_owned))
            .collect();
        assert_eq!(programs, ["apk", "rm"]);
        let python = script(&p.dockerfile, 2).expect("script");
        assert_eq!(python.commands.len(), 1);
    }

    #[test]
    fn non_posix_shells_turn_the_model_off() {
        let src = "FROM alpine\nRUN echo a\nSHELL [\"pwsh\", \"-c\"]\nRUN Write-Host b\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir\n";
        let p = parse(src);
        assert_eq!(
            posix_shell_map(&p.dockerfile),
            [true, true, false, false, false, false]
        );
        assert!(script(&p.dockerfile, 1).is_some());
        assert!(script(&p.dockerfile, 3).is_none());
        assert!(script(&p.dockerfile, 5).is_none());
    }

    #[test]
    fn exec_form_has_no_script() {
        let p = parse("FROM a\nCMD [\"node\", \"s.js\"]\n");
        assert!(script(&p.dockerfile, 1).is_none());
    }
}
