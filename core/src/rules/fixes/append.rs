//! Appending a command to a `RUN`, in the `RUN`'s own style: where the last command of
//! the script ends, and the edit that adds `&& command` there.

use crate::edit::Edit;
use crate::rules::Checker;
use crate::semantic::instructions::run_of;
use crate::syntax::shell::Connector;
use crate::syntax::shell::Script;
use crate::syntax::TextRange;

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
