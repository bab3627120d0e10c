use crate::declare_rule;
use crate::rules::Checker;
use crate::syntax::SyntaxErrorKind;

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

fn check(checker: &Checker) {
    super::report_parse_warnings(checker, SyntaxErrorKind::EmptyContinuationLine);
}
