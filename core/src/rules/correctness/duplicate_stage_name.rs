use crate::declare_rule;
use crate::rules::Checker;

declare_rule! {
    /// ## What it does
    /// Checks for two stages with the same name (`FROM ... AS build` twice), compared
    /// without regard to case as BuildKit does.
    ///
    /// ## Why is this bad?
    /// `COPY --from`, `FROM <stage>` and `--target` cannot tell the stages apart: the
    /// build stops with an error.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:trixie-slim AS build
    /// RUN echo one > /one
    /// FROM golang:1.25 AS build
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:trixie-slim AS deb-build
    /// RUN echo one > /one
    /// FROM golang:1.25 AS go-build
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3024](https://github.com/hadolint/hadolint/wiki/DL3024)
    /// - [BuildKit check DuplicateStageName](https://docs.docker.com/reference/build-checks/duplicate-stage-name/)
    pub(crate) static RULE = {
        code: "DL3024",
        name: "duplicate-stage-name",
        category: Correctness,
        severity: Error,
        default_enabled: true,
        buildkit: Some("DuplicateStageName"),
        fix: None,
        check: check,
    }
}

fn check(checker: &Checker) {
    let stages = checker.df.stages();
    for stage in stages {
        let Some(name) = &stage.name else {
            continue;
        };
        if checker.first_stage_named(&name.value) != Some(stage.index) {
            checker.report(
                name.range,
                format!(
                    "Duplicate stage name `{}`: stage names must be unique",
                    name.value
                ),
            );
        }
    }
}
