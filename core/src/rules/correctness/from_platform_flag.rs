use crate::declare_rule;
use crate::rules::Checker;
use crate::syntax::InstructionKind;

declare_rule! {
    /// ## What it does
    /// Checks for `FROM --platform=...` with a value other than one built from
    /// `$BUILDPLATFORM` or `$TARGETPLATFORM`.
    ///
    /// ## Why is this bad?
    /// A fixed platform (`--platform=linux/amd64`) makes the stage ignore the platform
    /// the build asks for: a multi-platform build gives an amd64 image for every target,
    /// and on an arm64 machine the stage runs under emulation. `$BUILDPLATFORM` (for
    /// cross-compiling stages) and `$TARGETPLATFORM` follow the build's request.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM --platform=linux/amd64 debian:trixie-slim
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM --platform=$BUILDPLATFORM golang:1.25 AS build
    /// FROM debian:trixie-slim
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3029](https://github.com/hadolint/hadolint/wiki/DL3029)
    /// - [Docker: multi-platform builds](https://docs.docker.com/build/building/multi-platform/)
    pub(crate) static RULE = {
        code: "DL3029",
        name: "from-platform-flag",
        category: Correctness,
        severity: Warning,
        default_enabled: true,
        buildkit: None,
        fix: None,
        check: check,
    }
}

fn check(checker: &Checker) {
    for inst in checker.instructions() {
        if inst.kind != InstructionKind::From {
            continue;
        }
        let Some(flag) = inst.flag("platform") else {
            continue;
        };
        let value = flag.value().unwrap_or("");
        if value.contains("BUILDPLATFORM") || value.contains("TARGETPLATFORM") {
            continue;
        }
        checker.report(
            flag.range,
            format!("`FROM --platform={value}` fixes the platform: use `$BUILDPLATFORM` or `$TARGETPLATFORM`"),
        );
    }
}
