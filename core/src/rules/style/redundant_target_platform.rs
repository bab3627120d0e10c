use crate::declare_rule;
use crate::edit::Edit;
use crate::edit::Fix;
use crate::rules::Checker;
use crate::syntax::{Args, InstructionKind, TextRange};

declare_rule! {
    /// ## What it does
    /// Checks for `FROM --platform=$TARGETPLATFORM`.
    ///
    /// ## Why is this bad?
    /// The target platform is already the default platform of every base image: the flag
    /// changes nothing and suggests the stage is special when it is not.
    ///
    /// Not reported when a global `ARG TARGETPLATFORM=...` gives the variable a default of
    /// its own.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM --platform=$TARGETPLATFORM alpine:3.20
    /// RUN echo hi
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// RUN echo hi
    /// ```
    ///
    /// ## Fix safety
    /// Safe: removes the flag, which selects the platform the build uses anyway.
    ///
    /// ## References
    /// - [hadolint DL3065](https://github.com/hadolint/hadolint/wiki/DL3065)
    /// - [BuildKit check RedundantTargetPlatform](https://docs.docker.com/reference/build-checks/redundant-target-platform/)
    pub(crate) static RULE = {
        code: "DL3065",
        name: "redundant-target-platform",
        category: Style,
        severity: Warning,
        default_enabled: true,
        buildkit: Some("RedundantTargetPlatform"),
        fix: Always,
        check: check,
    }
}

fn check(checker: &Checker) {
    let source = checker.source();
    let mut globals_done = false;
    for inst in checker.instructions() {
        match inst.kind {
            InstructionKind::Arg if !globals_done => {
                if let Args::Words(words) = &inst.args {
                    if words.iter().any(|w| w.value.starts_with("TARGETPLATFORM=")) {
                        return;
                    }
                }
            }
            InstructionKind::From => {
                globals_done = true;
                let Some(flag) = inst.flag("platform") else {
                    continue;
                };
                if !matches!(flag.value(), Some("$TARGETPLATFORM" | "${TARGETPLATFORM}")) {
                    continue;
                }
                // The flag and the blanks after it.
                let end = flag.range.end as usize;
                let blanks = source[end..]
                    .bytes()
                    .take_while(|b| *b == b' ' || *b == b'\t')
                    .count();
                let range = TextRange::new(flag.range.start, (end + blanks) as u32);
                checker
                    .report(flag.range, "`--platform=$TARGETPLATFORM` is the default")
                    .fix(Fix::safe(
                        "Remove `--platform=$TARGETPLATFORM`",
                        vec![Edit::delete(range)],
                    ));
            }
            _ => {}
        }
    }
}
