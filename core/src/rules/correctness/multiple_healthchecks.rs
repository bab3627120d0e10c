use crate::declare_rule;
use crate::rules::Checker;
use crate::syntax::InstructionKind;

declare_rule! {
    /// ## What it does
    /// Checks for a stage with more than one `HEALTHCHECK`.
    ///
    /// ## Why is this bad?
    /// Only the last `HEALTHCHECK` of a stage takes effect; the earlier ones do nothing
    /// and mislead whoever reads the file.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM nginx:1.29
    /// HEALTHCHECK CMD ["curl", "-f", "http://localhost/"]
    /// HEALTHCHECK CMD ["curl", "-f", "http://localhost/health"]
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM nginx:1.29
    /// HEALTHCHECK CMD ["curl", "-f", "http://localhost/health"]
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3012](https://github.com/hadolint/hadolint/wiki/DL3012)
    /// - [Dockerfile reference: HEALTHCHECK](https://docs.docker.com/reference/dockerfile/#healthcheck)
    pub(crate) static RULE = {
        code: "DL3012",
        name: "multiple-healthchecks",
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
        let mut seen = false;
        for inst in &checker.instructions()[stage.instruction_range()] {
            if inst.kind != InstructionKind::Healthcheck {
                continue;
            }
            if seen {
                checker.report(
                    inst.range,
                    "Multiple `HEALTHCHECK` instructions in the stage: only the last one takes effect",
                );
            }
            seen = true;
        }
    }
}
