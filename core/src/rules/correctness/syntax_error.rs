use crate::declare_rule;
use crate::rules::Checker;

declare_rule! {
    /// ## What it does
    /// Reports what BuildKit's parser rejects: a bad or repeated parser directive, `ENV` or
    /// `LABEL` without a value, an exec-form array holding something other than strings, an
    /// unterminated heredoc, a file with no instructions.
    ///
    /// ## Why is this bad?
    /// `docker build` stops at the first of these with "dockerfile parse error"; nothing
    /// else in the file is built.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine
    /// ENV PATH
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine
    /// ENV PATH=/usr/local/bin:$PATH
    /// ```
    ///
    /// ## References
    /// - [Dockerfile reference: format](https://docs.docker.com/reference/dockerfile/#format)
    pub(crate) static RULE = {
        code: "SF501",
        name: "syntax-error",
        category: Correctness,
        severity: Error,
        default_enabled: true,
        buildkit: None,
        fix: None,
        check: check,
    }
}

fn check(checker: &Checker) {
    for error in &checker.parsed.errors {
        checker.report(error.range, error.message.clone());
    }
}
