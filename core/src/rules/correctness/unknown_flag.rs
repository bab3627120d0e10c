use crate::declare_rule;
use crate::rules::Checker;
use crate::syntax::SyntaxErrorKind;

declare_rule! {
    /// ## What it does
    /// Reports a `--flag` the instruction does not take (`COPY --frm=build`, any flag on `CMD`).
    ///
    /// ## Why is this bad?
    /// The build fails with "unknown flag" before running anything.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine
    /// COPY --frm=build /app /app
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine
    /// COPY --chmod=755 run.sh /usr/local/bin/run
    /// ```
    ///
    /// ## References
    /// - [Dockerfile reference: COPY](https://docs.docker.com/reference/dockerfile/#copy)
    pub(crate) static RULE = {
        code: "SF503",
        name: "unknown-flag",
        category: Correctness,
        severity: Error,
        default_enabled: true,
        buildkit: None,
        fix: None,
        check: check,
    }
}

fn check(checker: &Checker) {
    super::report_parse_warnings(checker, SyntaxErrorKind::UnknownFlag);
}
