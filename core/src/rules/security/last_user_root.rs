use crate::declare_rule;
use crate::rules::shared::shell_values::value_in_scope;
use crate::rules::Checker;
use crate::syntax::{Args, InstructionKind};

declare_rule! {
    /// ## What it does
    /// Checks whether the last `USER` of the image built by default switches to `root`
    /// (`root`, `0`, `root:<group>`, `0:<group>`). The final stage counts, and when it
    /// sets no `USER`, the stage it is built `FROM`. Builder stages whose files are only
    /// copied out do not run in production and are not checked.
    ///
    /// ## Why is this bad?
    /// The container's process then runs as root: a bug in it, or in any library it
    /// loads, gets root inside the container, one step from the host. Switch back to an
    /// unprivileged user after the steps that need root.
    ///
    /// A file with no `USER` at all is not reported (the base image's user applies). A
    /// user given through a variable is read through what the stage sets it to (`ENV
    /// RUN_AS=root`, an `ARG` default: the image built by default runs as that user).
    ///
    /// Differs from hadolint, which also reports `USER root` at the end of a builder stage the
    /// final image is not built from: see docs/hadolint-differences.md.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:22-slim
    /// USER node
    /// RUN npm --version
    /// USER root
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM node:22-slim
    /// USER root
    /// RUN apt-get update
    /// USER node
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3002](https://github.com/hadolint/hadolint/wiki/DL3002)
    /// - [Checkov CKV_DOCKER_8](https://www.checkov.io/5.Policy%20Index/dockerfile.html)
    /// - [Docker best practices: USER](https://docs.docker.com/build/building/best-practices/#user)
    pub(crate) static RULE = {
        code: "DL3002",
        name: "last-user-root",
        category: Security,
        severity: Warning,
        default_enabled: true,
        buildkit: None,
        fix: None,
        check: check,
    }
}

fn check(checker: &Checker) {
    for stage in checker.final_stages() {
        let range = stage.instruction_range();
        let offset = range.start;
        let last_user = checker.instructions()[range]
            .iter()
            .rposition(|i| i.kind == InstructionKind::User)
            .map(|p| p + offset);
        let Some(index) = last_user else {
            continue;
        };
        let user = &checker.instructions()[index];
        let Args::Text(text) = &user.args else {
            return;
        };
        let written = text.value.split(':').next().unwrap_or("").trim();
        // A variable is read through what the stage sets it to (`ENV RUN_AS=root`).
        let name = value_in_scope(checker, index, written);
        if matches!(name.as_deref(), Some("root" | "0")) {
            let message = if written.contains('$') {
                format!("Last `USER` should not be `root` (`{written}` is `root` here)")
            } else {
                "Last `USER` should not be `root`".to_string()
            };
            checker.report(user.range, message);
        }
        return;
    }
}
