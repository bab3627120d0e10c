use crate::declare_rule;
use crate::rules::shared::used_once::check_used_once;
use crate::rules::Checker;
use crate::syntax::InstructionKind;

declare_rule! {
    /// ## What it does
    /// Checks for more than one `CMD` in a build stage.
    ///
    /// ## Why is this bad?
    /// An image has one `CMD`: each one replaces the one before, so only the last of the
    /// stage takes effect. The others mislead the reader, and are often a mistake (a
    /// `CMD` meant as a `RUN`).
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:22-slim
    /// CMD ["node", "server.js"]
    /// CMD ["node", "worker.js"]
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM node:22-slim
    /// CMD ["node", "worker.js"]
    /// ```
    ///
    /// ## Fix safety
    /// Unsafe: removes the earlier `CMD`. The image stays the same, but if the earlier
    /// one was meant to run (a mistyped `RUN`), the mistake is hidden rather than fixed.
    ///
    /// ## References
    /// - [hadolint DL4003](https://github.com/hadolint/hadolint/wiki/DL4003)
    /// - `SF527`, BuildKit's check `MultipleInstructionsDisallowed`, which reports the
    ///   earlier instruction instead
    pub(crate) static RULE = {
        code: "DL4003",
        name: "multiple-cmd",
        category: Correctness,
        severity: Warning,
        default_enabled: true,
        buildkit: None,
        fix: Always,
        check: check,
    }
}

fn check(checker: &Checker) {
    check_used_once(checker, InstructionKind::Cmd);
}
