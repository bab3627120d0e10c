use crate::declare_rule;
use crate::rules::Checker;
use crate::syntax::{SyntaxErrorKind, TextRange};

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
    /// ## References
    /// - [BuildKit check NoEmptyContinuation](https://docs.docker.com/reference/build-checks/no-empty-continuation/)
    pub(crate) static RULE = {
        code: "SF505",
        name: "empty-continuation-line",
        category: Correctness,
        severity: Warning,
        default_enabled: true,
        buildkit: Some("NoEmptyContinuation"),
        fix: None,
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
    for inst in checker.instructions() {
        let end = inst.logical_range.end;
        let mut lines = Vec::new();
        while let Some(blank) = blanks.next_if(|w| w.range.start < end) {
            if blank.range.start >= inst.range.start {
                lines.push(line_number(source, blank.range.start).to_string());
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
        checker.report(
            at,
            format!(
                "empty continuation {noun} {list} in this instruction: it will become an error in a future BuildKit release"
            ),
        );
    }
}

/// The 1-based line of a source offset.
fn line_number(source: &str, offset: u32) -> usize {
    let before = source.as_bytes().get(..offset as usize).unwrap_or_default();
    1 + memchr::memchr_iter(b'\n', before).count()
}
