use crate::declare_rule;
use crate::rules::Checker;
use crate::syntax::InstructionKind;

declare_rule! {
    /// ## What it does
    /// Checks for a `COPY --from=<name>` where no earlier stage is named `<name>` and
    /// `<name>` is not a stage number.
    ///
    /// ## Why is this bad?
    /// When no stage has the name, BuildKit takes it for an image and pulls it from a
    /// registry: a typo in a stage name (`--from=biuld`) or a stage defined further down
    /// turns into a download of some public image, or a failure far from the cause.
    ///
    /// Not reported when the value is clearly an image (it has a tag, a digest or a
    /// registry path, which stage names cannot have) or is given by a variable.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM golang:1.25 AS build
    /// RUN go build -o /app .
    /// FROM gcr.io/distroless/static-debian13
    /// COPY --from=builder /app /app
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM golang:1.25 AS build
    /// RUN go build -o /app .
    /// FROM gcr.io/distroless/static-debian13
    /// COPY --from=build /app /app
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3022](https://github.com/hadolint/hadolint/wiki/DL3022)
    /// - [Dockerfile reference: COPY --from](https://docs.docker.com/reference/dockerfile/#copy---from)
    pub(crate) static RULE = {
        code: "DL3022",
        name: "copy-from-unknown-stage",
        category: Correctness,
        severity: Warning,
        default_enabled: true,
        buildkit: None,
        fix: None,
        check: check,
    }
}

fn check(checker: &Checker) {
    let stages = checker.stages();
    for stage in stages {
        let earlier = &stages[..=stage.index as usize];
        for inst in &checker.instructions()[stage.instruction_range()] {
            if inst.kind != InstructionKind::Copy {
                continue;
            }
            let Some(flag) = inst.flag("from") else {
                continue;
            };
            let value = flag.value().unwrap_or("");
            if value.is_empty() || value.contains(['$', ':', '/', '@']) {
                continue;
            }
            let named = checker
                .first_stage_named(value)
                .is_some_and(|first| first <= stage.index);
            // Stages are numbered by their `FROM`s: a file without one has none.
            let numbered = value
                .parse::<usize>()
                .is_ok_and(|n| n < earlier.len().min(checker.df.stages().len()));
            if named || numbered {
                continue;
            }
            checker.report(
                flag.range,
                format!("`COPY --from={value}` names no earlier stage"),
            );
        }
    }
}
