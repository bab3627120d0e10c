use crate::declare_rule;
use crate::rules::Checker;
use crate::syntax::SyntaxErrorKind;

declare_rule! {
    /// ## What it does
    /// Reports an instruction BuildKit does not know, usually a typo (`RUNN`) or a shell line that lost its `RUN` or its continuation backslash.
    ///
    /// ## Why is this bad?
    /// BuildKit's parser keeps the line, but the build then fails with "unknown instruction".
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine
    /// RUNN apk add curl
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine
    /// RUN apk add curl
    /// ```
    ///
    /// ## References
    /// - [Dockerfile reference](https://docs.docker.com/reference/dockerfile/)
    pub(crate) static RULE = {
        code: "SF502",
        name: "unknown-instruction",
        category: Correctness,
        severity: Error,
        default_enabled: true,
        buildkit: None,
        fix: None,
        check: check,
    }
}

fn check(checker: &Checker) {
    super::report_parse_warnings(checker, SyntaxErrorKind::UnknownInstruction);
}
