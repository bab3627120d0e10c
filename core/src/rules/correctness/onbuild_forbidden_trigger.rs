use crate::declare_rule;
use crate::rules::Checker;
use crate::syntax::InstructionKind;

declare_rule! {
    /// ## What it does
    /// Checks for `ONBUILD ONBUILD`, `ONBUILD FROM` and `ONBUILD MAINTAINER`.
    ///
    /// ## Why is this bad?
    /// These instructions cannot be triggers: Docker rejects them when it reads the
    /// Dockerfile, and the build fails.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:22-slim
    /// ONBUILD FROM node:22
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM node:22-slim
    /// ONBUILD COPY package.json ./
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3043](https://github.com/hadolint/hadolint/wiki/DL3043)
    /// - [Dockerfile reference: ONBUILD](https://docs.docker.com/reference/dockerfile/#onbuild)
    pub(crate) static RULE = {
        code: "DL3043",
        name: "onbuild-forbidden-trigger",
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
        let Some(trigger) = &inst.trigger else {
            continue;
        };
        if matches!(
            trigger.kind,
            InstructionKind::Onbuild | InstructionKind::From | InstructionKind::Maintainer
        ) {
            checker.report(
                trigger.keyword.range,
                format!("`{}` cannot be an `ONBUILD` trigger", trigger.kind.as_str()),
            );
        }
    }
}
