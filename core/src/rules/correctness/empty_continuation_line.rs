use crate::declare_rule;
use crate::edit::{Edit, Fix};
use crate::rules::Checker;
use crate::syntax::{LineIndex, SyntaxErrorKind, TextRange};

declare_rule! {
    /// ## What it does
    /// Reports a blank line inside an instruction continued with `\`.
    ///
    /// ## Why is this bad?
    /// BuildKit skips the blank line and joins what follows to the instruction, which is easy to misread; it warns that this will become an error.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine
    /// RUN apk add \
    ///
    ///     curl
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine
    /// RUN apk add \
    ///     curl
    /// ```
    ///
    /// ## Fix safety
    /// Safe: the fix deletes the blank lines, which BuildKit skips; the instruction reads
    /// the same without them, also where the blank line hid the end the author meant (`RUN
    /// a \`, a blank line, then `RUN b`: one instruction before and after, which the
    /// warning is about).
    ///
    /// ## References
    /// - [BuildKit check NoEmptyContinuation](https://docs.docker.com/reference/build-checks/no-empty-continuation/)
    pub(crate) static RULE = {
        code: "SF505",
        name: "empty-continuation-line",
        category: Correctness,
        severity: Warning,
        default_enabled: true,
        buildkit: Some("NoEmptyContinuation"),
        fix: Always,
        check: check,
    }
}

/// One finding per instruction, on the last line of its continued line, where BuildKit's
/// parser puts its warning (it has read every continuation line by then); the message
/// names the blank lines.
fn check(checker: &Checker) {
    let source = checker.source();
    let mut blanks = checker
        .parsed
        .warnings
        .iter()
        .filter(|w| w.kind == SyntaxErrorKind::EmptyContinuationLine)
        .peekable();
    // Built only for a file that has blank continuation lines.
    let mut lines_of: Option<LineIndex> = None;
    let insts = checker.instructions();
    for (n, inst) in insts.iter().enumerate() {
        let end = inst.logical_range.end;
        // Blank lines after the last continued line, up to the next instruction or the end
        // of the file, belong to this one too: BuildKit skipped them looking for its end.
        let next = insts
            .get(n + 1)
            .map_or(source.len() as u32, |next| next.range.start);
        let mut lines = Vec::new();
        let mut edits = Vec::new();
        while let Some(blank) = blanks.next_if(|w| w.range.start < next) {
            if blank.range.start >= inst.range.start {
                let index = lines_of.get_or_insert_with(|| LineIndex::new(source));
                lines.push((index.line_of(blank.range.start) + 1).to_string());
                // The blank line with its line break: BuildKit skips it, so the
                // instruction reads the same without it.
                let line_end = source[blank.range.end as usize..]
                    .find('\n')
                    .map_or(source.len(), |i| blank.range.end as usize + i + 1);
                edits.push(Edit::delete(TextRange::new(
                    blank.range.start,
                    line_end as u32,
                )));
            }
        }
        if lines.is_empty() {
            continue;
        }
        let Some(logical) = source.get(inst.range.start as usize..end as usize) else {
            continue;
        };
        let last_line = logical.rfind('\n').map_or(0, |i| i + 1);
        let at = TextRange::new(inst.range.start + last_line as u32, end);
        let (noun, list) = match lines.len() {
            1 => ("line", lines.concat()),
            _ => ("lines", lines.join(", ")),
        };
        checker
            .report(
                at,
                format!(
                    "empty continuation {noun} {list} in this instruction: it will become an error in a future BuildKit release"
                ),
            )
            .fix(Fix::safe(format!("Remove the empty {noun}"), edits));
    }
}
