use crate::declare_rule;
use crate::rules::Checker;
use crate::semantic::commands::program_with_args;
use crate::syntax::InstructionKind;

declare_rule! {
    /// ## What it does
    /// Checks for a final stage whose `RUN`s use both `curl` and `wget`.
    ///
    /// ## Why is this bad?
    /// The two tools do the same job. Using both usually means installing both, with their
    /// libraries, in the image: pick one.
    ///
    /// Builder stages are not checked: their tools do not ship. `command -v curl` only
    /// asks whether `curl` exists and does not count.
    ///
    /// Differs from hadolint, which also counts the stages the final image is not built
    /// from: see docs/hadolint-differences.md.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:trixie-slim
    /// RUN curl -fsSL https://example.com/a.tar.gz -o /tmp/a.tar.gz
    /// RUN wget -q https://example.com/b.tar.gz
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:trixie-slim
    /// RUN curl -fsSL https://example.com/a.tar.gz -o /tmp/a.tar.gz
    /// RUN curl -fsSLO https://example.com/b.tar.gz
    /// ```
    ///
    /// ## References
    /// - [hadolint DL4001](https://github.com/hadolint/hadolint/wiki/DL4001)
    pub(crate) static RULE = {
        code: "DL4001",
        name: "curl-and-wget",
        category: Size,
        severity: Warning,
        default_enabled: true,
        buildkit: None,
        fix: None,
        programs: ["curl", "wget"],
        check: check,
    }
}

fn check(checker: &Checker) {
    let Some(stage) = checker.final_stage() else {
        return;
    };
    let mut seen: Option<&str> = None;
    for index in stage.instruction_range() {
        if checker.instructions()[index].kind != InstructionKind::Run {
            continue;
        }
        if !checker.runs_rule_programs(index) {
            continue;
        }
        let Some(script) = checker.script(index) else {
            continue;
        };
        for command in &script.commands {
            let Some((tool @ ("curl" | "wget"), _)) = program_with_args(command) else {
                continue;
            };
            match seen {
                None => seen = Some(tool),
                Some(first) if first != tool => {
                    checker.report(
                        command.range,
                        format!("`{tool}` in an image that also uses `{first}`"),
                    );
                    return;
                }
                Some(_) => {}
            }
        }
    }
}
