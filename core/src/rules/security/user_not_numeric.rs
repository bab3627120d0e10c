use crate::declare_rule;
use crate::rules::Checker;
use crate::semantic::stages::stage_chain_of;
use crate::syntax::{Args, InstructionKind};

declare_rule! {
    /// ## What it does
    /// Checks for a final `USER` given by name (`USER app`) rather than by numeric ID
    /// (`USER 10001`).
    ///
    /// ## Why is this bad?
    /// The name only means something inside the image's `/etc/passwd`. The host and the
    /// orchestrator see the image's configuration, not that file: Kubernetes cannot check
    /// `runAsNonRoot` for a named user and refuses to start the pod, and file ownership on
    /// mounted volumes cannot be planned.
    ///
    /// Only the `USER` the image runs as is checked: the last one of the final stage (or
    /// of the stage it is built on). Users given through a variable and Windows images are
    /// not reported.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:22-slim
    /// USER node
    /// CMD ["node", "server.js"]
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM node:22-slim
    /// USER 1000
    /// CMD ["node", "server.js"]
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3066](https://github.com/hadolint/hadolint/wiki/DL3066)
    /// - [Kubernetes: runAsNonRoot](https://kubernetes.io/docs/tasks/configure-pod-container/security-context/)
    pub(crate) static RULE = {
        code: "DL3066",
        name: "user-not-numeric",
        category: Security,
        severity: Info,
        default_enabled: true,
        buildkit: None,
        fix: None,
        check: check,
    }
}

fn check(checker: &Checker) {
    let Some(last) = checker.final_stage() else {
        return;
    };
    let insts = checker.instructions();
    let user = stage_chain_of(checker, last.from as usize)
        .into_iter()
        .find_map(|stage| {
            let range = stage.instruction_range();
            let offset = range.start;
            insts[range]
                .iter()
                .rposition(|i| i.kind == InstructionKind::User)
                .map(|p| p + offset)
        });
    let Some(index) = user else {
        return;
    };
    if !checker.posix_shell(index) {
        return;
    }
    let Args::Text(user) = &insts[index].args else {
        return;
    };
    let name = user.value.split(':').next().unwrap_or("");
    if name.is_empty() || name.contains('$') || name.bytes().all(|b| b.is_ascii_digit()) {
        return;
    }
    checker.report(user.range, format!("`USER {name}` is not a numeric ID"));
}
