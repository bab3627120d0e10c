use crate::declare_rule;
use crate::rules::shared::shell_values::{names_build_argument, value_in_scope};
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
    /// of the stage it is built on). A user given through a variable is read through the
    /// `ENV` that sets it (`ENV APP_USER=app` then `USER $APP_USER` is `app`); one a build
    /// argument names is not reported (the build may pass a numeric ID), nor are Windows
    /// images.
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
    let written = user.value.split(':').next().unwrap_or("");
    // A build argument may be given a numeric ID (hadolint stays silent there too); a
    // variable an `ENV` sets to a name is that name.
    if written.contains('$') && names_build_argument(checker, index, written) {
        return;
    }
    let Some(name) = value_in_scope(checker, index, written) else {
        return;
    };
    if name.is_empty() || name.bytes().all(|b| b.is_ascii_digit()) {
        return;
    }
    let message = if name == *written {
        format!("`USER {name}` is not a numeric ID")
    } else {
        format!("`USER {written}` is `{name}`, not a numeric ID")
    };
    checker.report(user.range, message);
}
