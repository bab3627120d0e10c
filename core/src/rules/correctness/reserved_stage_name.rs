use crate::declare_rule;
use crate::rules::Checker;

declare_rule! {
    /// ## What it does
    /// Checks for a build stage named `scratch` or `context`.
    ///
    /// ## Why is this bad?
    /// Both words already mean something to the builder: `scratch` is the empty image and
    /// `context` names the build context in `COPY --from`. A stage with one of these
    /// names makes `FROM scratch` or `COPY --from=context` ambiguous.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20 AS scratch
    /// RUN echo hi
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20 AS builder
    /// RUN echo hi
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3063](https://github.com/hadolint/hadolint/wiki/DL3063)
    /// - [BuildKit check ReservedStageName](https://docs.docker.com/reference/build-checks/reserved-stage-name/)
    pub(crate) static RULE = {
        code: "DL3063",
        name: "reserved-stage-name",
        category: Correctness,
        severity: Warning,
        default_enabled: true,
        buildkit: Some("ReservedStageName"),
        fix: None,
        check: check,
    }
}

fn check(checker: &Checker) {
    for stage in checker.df.stages() {
        let Some(name) = &stage.name else {
            continue;
        };
        if name.value.eq_ignore_ascii_case("scratch") || name.value.eq_ignore_ascii_case("context")
        {
            checker.report(
                name.range,
                format!("Stage name `{}` is reserved", name.value),
            );
        }
    }
}
