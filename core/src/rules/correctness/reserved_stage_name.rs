use crate::declare_rule;
use crate::rules::Checker;

declare_rule! {
    /// ## What it does
    /// Checks for stages named `scratch` or `context`.
    ///
    /// ## Why is this bad?
    /// Both names already mean something: `scratch` is the empty base image and `context`
    /// is the build context in `COPY --from` and named contexts. A stage that takes one of
    /// them makes the file say something other than what it builds.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.22 AS scratch
    /// RUN echo hello > /greeting.txt
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.22 AS base
    /// RUN echo hello > /greeting.txt
    /// ```
    ///
    /// ## References
    /// - [BuildKit check ReservedStageName](https://docs.docker.com/reference/build-checks/reserved-stage-name/)
    pub(crate) static RULE = {
        code: "SF513",
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
        for reserved in ["scratch", "context"] {
            if name.value.eq_ignore_ascii_case(reserved) {
                checker.report(name.range, format!("Stage name `{reserved}` is reserved"));
            }
        }
    }
}
