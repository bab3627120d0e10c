use crate::declare_rule;
use crate::rules::Checker;
use crate::semantic::images::image_reference_problem;
use crate::syntax::{InstructionKind, TextRange};

declare_rule! {
    /// ## What it does
    /// Reports an image name that Docker's reference parser rejects, written without
    /// variables: after `FROM` (`FROM php:%%PHP_VERSION%%-alpine`, `FROM node:`,
    /// `FROM Ubuntu:24.04`, `FROM alpine@sha256:abc`) or as the image of `COPY --from`.
    /// A name built from `ARG` defaults is `SF516`'s.
    ///
    /// ## Why is this bad?
    /// The build stops before it starts: "failed to parse stage name ...: invalid reference
    /// format" (or "repository name must be lowercase", or the digest's error). A file with
    /// `%%PLACEHOLDER%%`s is a template that a script fills in; it does not build as it is.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM Python:3.14-slim
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM python:3.14-slim
    /// ```
    ///
    /// ## Fix safety
    /// No fix: which image was meant is not known.
    ///
    /// ## References
    /// - [Docker's image reference grammar](https://pkg.go.dev/github.com/distribution/reference)
    pub(crate) static RULE = {
        code: "SF528",
        name: "invalid-image-reference",
        category: Correctness,
        severity: Error,
        default_enabled: true,
        buildkit: None,
        fix: None,
        check: check,
    }
}

fn check(checker: &Checker) {
    for stage in checker.df.stages() {
        if let Some(image) = &stage.image {
            // `FROM <earlier stage>` names a stage, compared in lower case.
            if stage.base_stage.is_none() {
                report(checker, "FROM", image.range, &image.value);
            }
        }
    }
    for inst in checker.instructions() {
        if inst.kind != InstructionKind::Copy {
            continue;
        }
        let Some(flag) = inst.flag("from") else {
            continue;
        };
        let value = flag.value().unwrap_or("");
        // A bare word is a stage name or number, `DL3022`'s to check.
        if value.contains([':', '/', '@']) {
            report(checker, "COPY --from", flag.range, value);
        }
    }
}

fn report(checker: &Checker, what: &str, at: TextRange, image: &str) {
    if image.contains('$') {
        return;
    }
    if let Some(problem) = image_reference_problem(image) {
        checker.report(at, format!("`{what} {image}`: {}", problem.message()));
    }
}
