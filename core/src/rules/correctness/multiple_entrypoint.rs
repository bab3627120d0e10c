use crate::declare_rule;
use crate::rules::shared::used_once::check_used_once;
use crate::rules::Checker;
use crate::syntax::InstructionKind;

declare_rule! {
    /// ## What it does
    /// Checks for more than one `ENTRYPOINT` in a build stage.
    ///
    /// ## Why is this bad?
    /// An image has one `ENTRYPOINT`: each one replaces the one before, so only the last of the
    /// stage takes effect. The others mislead the reader, and are often a mistake (a
    /// `ENTRYPOINT` meant as a `RUN`).
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:22-slim
    /// ENTRYPOINT ["node"]
    /// ENTRYPOINT ["/usr/local/bin/docker-entrypoint.sh"]
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM node:22-slim
    /// ENTRYPOINT ["/usr/local/bin/docker-entrypoint.sh"]
    /// ```
    ///
    /// ## Fix safety
    /// Unsafe: removes the earlier `ENTRYPOINT`. The image stays the same, but if the earlier
    /// one was meant to run (a mistyped `RUN`), the mistake is hidden rather than fixed.
    ///
    /// ## References
    /// - [hadolint DL4004](https://github.com/hadolint/hadolint/wiki/DL4004)
    /// - [Dockerfile reference: ENTRYPOINT](https://docs.docker.com/reference/dockerfile/#entrypoint)
    pub(crate) static RULE = {
        code: "DL4004",
        name: "multiple-entrypoint",
        category: Correctness,
        severity: Error,
        default_enabled: true,
        buildkit: None,
        fix: Always,
        check: check,
    }
}

fn check(checker: &Checker) {
    check_used_once(checker, InstructionKind::Entrypoint);
}
