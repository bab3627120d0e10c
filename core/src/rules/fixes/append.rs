//! Appending a command to a `RUN`, in the `RUN`'s own style: where the last command of
//! the script ends, and the edit that adds `&& command` there.

use crate::edit::Edit;
use crate::rules::Checker;
use crate::semantic::commands::program_index;
use crate::semantic::instructions::run_of;
use crate::semantic::stage_model::package_removal;
use crate::syntax::shell::Command;
use crate::syntax::shell::Connector;
use crate::syntax::shell::Script;
use crate::syntax::TextRange;

/// The command `program rest` written as the install wrote its program: by the same path
/// (`/tools/node/bin/npm`, `"$NODE_HOME/bin/npm"`: the program may not be on `PATH`),
/// by the same name (`yarnpkg`), and under `sudo` when the install was (the cache is
/// root's, and so is the right to clean it). `fallback` names the program when the
/// install's cannot be told.
pub(crate) fn like_install(
    checker: &Checker,
    install: &Command,
    fallback: &str,
    rest: &str,
) -> String {
    match program_index(install) {
        Some(at) => format!(
            "{}{} {rest}",
            sudo_prefix(install),
            checker.text(install.words[at].range)
        ),
        None => format!("{fallback} {rest}"),
    }
}

/// `"sudo "` when `command` runs its program under `sudo`: a command that cleans up after
/// it needs root's rights too (`rm -rf /var/lib/apt/lists/*` as the image's user fails on
/// root's files).
pub(crate) fn sudo_prefix(command: &Command) -> &'static str {
    match program_index(command) {
        Some(at) if command.words[..at].iter().any(|w| w.value == "sudo") => "sudo ",
        _ => "",
    }
}

/// Appends `&& command` after the source offset `at` (the end of the last command of a
/// `RUN`). A `RUN` already split over continuation lines gets a new line in the same
/// style (the file's escape character, the last line's indentation); a one-line `RUN`
/// stays on one line.
pub(crate) fn append_command(checker: &Checker, index: usize, at: u32, command: &str) -> Edit {
    let inst = &checker.instructions()[index];
    let in_heredoc = run_of(inst).is_some_and(|run| {
        run.heredocs
            .iter()
            .any(|h| h.body.start <= at && at <= h.body.end)
    });
    // A heredoc body is the script itself: the command joins the last line.
    if inst.joined.is_none() || in_heredoc {
        return Edit::insert(at, format!(" && {command}"));
    }
    let source = checker.source();
    let line_start = source[..at as usize].rfind('\n').map_or(0, |i| i + 1);
    let indent: String = source[line_start..]
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect();
    let indent = if indent.is_empty() {
        "    ".to_string()
    } else {
        indent
    };
    Edit::insert(
        at,
        format!(" {}\n{indent}&& {command}", checker.df.escape()),
    )
}

/// Where a command can be appended to a `RUN` with [`super::edits::append_command`]: the end
/// of its last command, when that command is at the top level and the rest of the
/// instruction holds nothing but separators and comments (no `fi`, `done`, `}`...).
pub(crate) fn append_point(checker: &Checker, index: usize, script: &Script) -> Option<u32> {
    let inst = &checker.instructions()[index];
    let run = run_of(inst)?;
    if !script.errors.is_empty() {
        return None;
    }
    let last = script.ending_command()?;
    if last.depth != 0 || last.connector == Connector::Background {
        return None;
    }
    // After `exit 0` or `exec` the shell runs nothing more: `; exit 0 && yarn cache clean`
    // would never clean.
    if matches!(last.program(), Some("exit" | "exec")) {
        return None;
    }
    // With heredocs: the last command must be the last line of the last body the shell
    // runs (`RUN <<EOF`), with nothing but comments after it in that body.
    let end = match run.heredocs.as_slice() {
        [] => inst.range.end,
        [.., doc] if doc.body.start <= last.range.start && last.range.end <= doc.body.end => {
            doc.body.end
        }
        _ => return None,
    };
    let escape = checker.df.escape();
    let tail = checker.text(TextRange::new(last.range.end, end));
    let clean = tail.lines().all(|line| {
        let l = line.trim_start_matches(|c: char| c.is_whitespace() || c == ';');
        let l = l.trim_end_matches(|c: char| c.is_whitespace() || c == escape);
        l.is_empty() || l.starts_with('#')
    });
    clean.then_some(last.range.end)
}

/// The edit that runs `command` (a cache clean) after `install` in the same `RUN`: at the
/// end of the script, as [`append_command`] does, unless a later command removes packages
/// (the tool itself may go: `npm ci && apk del nodejs npm`) or the end takes no command
/// (`...; fi`, `...; exit 0`); then right after the install, when the install is a plain
/// link of a `&&` or `;` list.
pub(crate) fn clean_after(
    checker: &Checker,
    index: usize,
    script: &Script,
    install: &Command,
    command: &str,
) -> Option<Edit> {
    let removes_later = script
        .commands
        .iter()
        .any(|c| c.range.start > install.range.start && package_removal(c).is_some());
    if !removes_later {
        if let Some(at) = append_point(checker, index, script) {
            return Some(append_command(checker, index, at, command));
        }
    }
    let at = insertion_point_after(checker, index, script, install)?;
    Some(Edit::insert(at, format!(" && {command}")))
}

/// Where `&& command` can follow `install` without changing what the script does
/// otherwise: not in a pipeline, a substitution or a background job, not the condition of
/// an `if` or a loop, and followed by `&&`, `;`, a line end or the end of a block.
fn insertion_point_after(
    checker: &Checker,
    index: usize,
    script: &Script,
    install: &Command,
) -> Option<u32> {
    let inst = &checker.instructions()[index];
    if !script.errors.is_empty() || install.in_substitution || inst.is_exec_form() {
        return None;
    }
    if matches!(install.connector, Connector::Pipe) {
        return None;
    }
    let position = script
        .commands
        .iter()
        .position(|c| c.range == install.range)?;
    let next = script.commands.get(position + 1);
    if next.is_some_and(|n| {
        matches!(
            n.connector,
            Connector::Pipe | Connector::Or | Connector::Background
        )
    }) {
        return None;
    }
    let end = next.map_or(inst.range.end, |n| n.range.start);
    if end < install.range.end {
        return None;
    }
    let escape = checker.df.escape();
    let after = checker.text(TextRange::new(install.range.end, end));
    let after = after.trim_start_matches([' ', '\t']);
    // `npm ci | tee`, `npm ci || true`, `npm ci &` (pipes into a group, an `||` before one).
    if after.starts_with('|') || (after.starts_with('&') && !after.starts_with("&&")) {
        return None;
    }
    // `if npm ci; then`, `while ...; do`: the install is a condition. Before `else` or
    // `elif` it is one branch of several, which a clean in this branch alone would leave
    // half done.
    let tokens = after
        .split(|c: char| c.is_whitespace() || c == ';' || c == escape)
        .filter(|t| !t.is_empty());
    if tokens
        .take(2)
        .any(|t| matches!(t, "then" | "do" | "else" | "elif"))
    {
        return None;
    }
    // The text before the install on its line must not make it a condition either.
    let before_start = position
        .checked_sub(1)
        .and_then(|p| script.commands.get(p))
        .map_or(inst.range.start, |p| p.range.end);
    let before = checker.text(TextRange::new(
        before_start.min(install.range.start),
        install.range.start,
    ));
    let last_word = before
        .split(|c: char| c.is_whitespace() || c == ';' || c == escape)
        .rfind(|t| !t.is_empty());
    if last_word.is_some_and(|w| matches!(w, "if" | "elif" | "while" | "until" | "!")) {
        return None;
    }
    Some(install.range.end)
}
