//! Edits that several fixes make, written once so that every fix keeps the user's style.

use super::checker::Checker;
use crate::edit::Edit;

/// Appends `&& command` after the source offset `at` (the end of the last command of a
/// `RUN`). A `RUN` already split over continuation lines gets a new line in the same
/// style (the file's escape character, the last line's indentation); a one-line `RUN`
/// stays on one line.
pub fn append_command(checker: &Checker, index: usize, at: u32, command: &str) -> Edit {
    let inst = &checker.instructions()[index];
    if inst.joined.is_none() {
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
