//! The comments BuildKit keeps for an instruction (its `PrevComment`), which check
//! directives and descriptions are read from.

use crate::syntax::Dockerfile;
use crate::syntax::ItemKind;
/// The comments BuildKit's parser keeps for the instruction starting at `at` (its
/// `PrevComment`), in order: the comment lines since the previous instruction, each less
/// its first byte and trimmed (so an indented `# x` stays `# x`); an empty `#` starts
/// them over; blank lines and parser directives do not count.
pub(crate) fn prev_comments(df: &Dockerfile, at: u32) -> impl DoubleEndedIterator<Item = &str> {
    let items = df.items();
    let here = items.partition_point(|i| i.range.start < at);
    // Back to the previous instruction, or to an empty `#` that starts the comments over.
    let mut from = here;
    while let Some(item) = from.checked_sub(1).map(|i| &items[i]) {
        let starts_over = || buildkit_comment(df.text(item.range), item.range.start) == Some("");
        match item.kind {
            ItemKind::Instruction | ItemKind::Error => break,
            ItemKind::Comment if starts_over() => break,
            _ => from -= 1,
        }
    }
    items[from..here]
        .iter()
        .filter(|i| i.kind == ItemKind::Comment)
        .filter_map(|i| buildkit_comment(df.text(i.range), i.range.start))
}

/// A comment line as BuildKit's parser keeps it: less its first byte, trimmed. `None`
/// when the line is no comment for BuildKit.
pub(crate) fn buildkit_comment(line: &str, at: u32) -> Option<&str> {
    let line = match at {
        0 => line.strip_prefix('\u{feff}').unwrap_or(line),
        _ => line,
    };
    let line = line.trim_end_matches(['\r', '\n']);
    line.trim_start().starts_with('#').then_some(())?;
    line.get(1..).map(str::trim)
}
