use crate::declare_rule;
use crate::rules::Checker;
use crate::syntax::InstructionKind;

declare_rule! {
    /// ## What it does
    /// Checks for instructions other than `ARG` before the first `FROM`.
    ///
    /// ## Why is this bad?
    /// A Dockerfile must start with `FROM` (after parser directives, comments and global
    /// `ARG`s): anything else before it belongs to no build stage, and the build fails.
    ///
    /// ## Example
    /// ```dockerfile
    /// LABEL org.opencontainers.image.title="app"
    /// FROM debian:trixie-slim
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// ARG DEBIAN=trixie
    /// FROM debian:${DEBIAN}-slim
    /// LABEL org.opencontainers.image.title="app"
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3061](https://github.com/hadolint/hadolint/wiki/DL3061)
    /// - [Dockerfile reference: FROM](https://docs.docker.com/reference/dockerfile/#from)
    pub(crate) static RULE = {
        code: "DL3061",
        name: "instruction-before-from",
        category: Correctness,
        severity: Error,
        default_enabled: true,
        buildkit: None,
        fix: None,
        check: check,
    }
}

fn check(checker: &Checker) {
    for inst in checker.instructions() {
        match inst.kind {
            InstructionKind::From => return,
            InstructionKind::Arg | InstructionKind::Unknown => {}
            kind => {
                checker.report(
                    inst.keyword.range,
                    format!("`{}` before the first `FROM`", kind.as_str()),
                );
            }
        }
    }
}
