use crate::declare_rule;
use crate::rules::Checker;
use crate::syntax::InstructionKind;

declare_rule! {
    /// ## What it does
    /// Checks for a `COPY --from` that names the stage it is in.
    ///
    /// ## Why is this bad?
    /// A stage cannot copy from itself: the build fails with a circular dependency.
    /// Files of the stage are copied with `RUN cp` instead.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM golang:1.25 AS build
    /// COPY --from=build /src /app
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM golang:1.25 AS build
    /// RUN cp -r /src /app
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3023](https://github.com/hadolint/hadolint/wiki/DL3023)
    /// - [Dockerfile reference: COPY --from](https://docs.docker.com/reference/dockerfile/#copy---from)
    pub(crate) static RULE = {
        code: "DL3023",
        name: "copy-from-own-stage",
        category: Correctness,
        severity: Error,
        default_enabled: true,
        buildkit: None,
        fix: None,
        check: check,
    }
}

fn check(checker: &Checker) {
    for stage in checker.stages() {
        for inst in &checker.instructions()[stage.instruction_range()] {
            if inst.kind != InstructionKind::Copy {
                continue;
            }
            let Some(value) = inst.flag("from").and_then(|f| f.value()) else {
                continue;
            };
            let own_name = stage
                .name
                .as_ref()
                .is_some_and(|n| n.value.eq_ignore_ascii_case(value));
            let own_number = value.parse::<u32>().is_ok_and(|n| n == stage.index);
            if own_name || own_number {
                checker.report(
                    inst.range,
                    format!("`COPY --from={value}` copies from its own stage"),
                );
            }
        }
    }
}
