use crate::declare_rule;
use crate::rules::Checker;
use crate::syntax::SyntaxErrorKind;

declare_rule! {
    /// ## What it does
    /// Reports an instruction without the arguments it needs: `COPY` with one path, `FROM` with two words, an empty `WORKDIR`.
    ///
    /// ## Why is this bad?
    /// The build fails when it reaches the instruction.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine
    /// COPY app.tar.gz
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine
    /// COPY app.tar.gz /tmp/
    /// ```
    ///
    /// ## References
    /// - [Dockerfile reference](https://docs.docker.com/reference/dockerfile/)
    pub(crate) static RULE = {
        code: "SF504",
        name: "missing-arguments",
        category: Correctness,
        severity: Error,
        default_enabled: true,
        buildkit: None,
        fix: None,
        check: check,
    }
}

fn check(checker: &Checker) {
    super::report_parse_warnings(checker, SyntaxErrorKind::MissingArguments);
}
