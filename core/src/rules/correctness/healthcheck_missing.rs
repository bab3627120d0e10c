use crate::declare_rule;
use crate::rules::Checker;
use crate::semantic::stages::stage_chain;
use crate::syntax::InstructionKind;

declare_rule! {
    /// ## What it does
    /// Checks that the image built by default has a `HEALTHCHECK`: one in the final
    /// stage, or in a stage it is built `FROM`. `HEALTHCHECK NONE` counts: it says, on
    /// purpose, that the image has none.
    ///
    /// Off by default, as in hadolint: many images run where the orchestrator probes them
    /// itself (Kubernetes ignores `HEALTHCHECK`), and a base image may set one that is
    /// not visible here.
    ///
    /// ## Why is this bad?
    /// Without a health check, Docker and Swarm only know whether the main process
    /// runs, not whether it answers: a hung server stays "up" and is never restarted.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM nginx:1.29
    /// COPY site/ /usr/share/nginx/html/
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM nginx:1.29
    /// COPY site/ /usr/share/nginx/html/
    /// HEALTHCHECK CMD curl -fsS http://localhost/ || exit 1
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3057](https://github.com/hadolint/hadolint/wiki/DL3057)
    /// - [Dockerfile reference: HEALTHCHECK](https://docs.docker.com/reference/dockerfile/#healthcheck)
    pub(crate) static RULE = {
        code: "DL3057",
        name: "healthcheck-missing",
        category: Correctness,
        severity: Info,
        default_enabled: false,
        buildkit: None,
        fix: None,
        check: check,
    }
}

fn check(checker: &Checker) {
    let Some(last) = checker.df.stages().last() else {
        return;
    };
    let insts = checker.instructions();
    let has_healthcheck = stage_chain(checker, last).into_iter().any(|stage| {
        insts[stage.instruction_range()]
            .iter()
            .any(|i| i.kind == InstructionKind::Healthcheck)
    });
    if !has_healthcheck {
        checker.report(
            insts[last.from as usize].range,
            "`HEALTHCHECK` instruction missing",
        );
    }
}
