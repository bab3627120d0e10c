use crate::declare_rule;
use crate::rules::Checker;
use crate::syntax::{Args, InstructionKind};

declare_rule! {
    /// ## What it does
    /// Checks for `COPY --from=<stage> / /`: copying a stage's whole filesystem.
    ///
    /// ## Why is this bad?
    /// Everything the other stage holds comes along: its package manager, caches, build
    /// tools, and every file of its base image, laid over the current stage's. The image
    /// loses the point of a multi-stage build and can break where the two systems differ.
    /// Copy the directories the image needs instead.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM golang:1.23 AS build
    /// RUN go build -o /out/app .
    /// FROM gcr.io/distroless/static-debian13
    /// COPY --from=build / /
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM golang:1.23 AS build
    /// RUN go build -o /out/app .
    /// FROM gcr.io/distroless/static-debian13
    /// COPY --from=build /out/app /app
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3067](https://github.com/hadolint/hadolint/wiki/DL3067)
    pub(crate) static RULE = {
        code: "DL3067",
        name: "copy-whole-stage-filesystem",
        category: Size,
        severity: Warning,
        default_enabled: true,
        buildkit: None,
        fix: None,
        check: check,
    }
}

fn check(checker: &Checker) {
    for inst in checker.instructions() {
        if inst.kind != InstructionKind::Copy || inst.flag("from").is_none() {
            continue;
        }
        let items = match &inst.args {
            Args::List(words) => words.as_slice(),
            Args::Exec { items, .. } => items.as_slice(),
            _ => continue,
        };
        let Some((dest, sources)) = items.split_last() else {
            continue;
        };
        let root = |s: &str| s.trim_matches(['"', '\'']) == "/";
        if root(&dest.value) && sources.iter().any(|s| root(&s.value)) {
            checker.report(inst.range, "`COPY --from` of a whole filesystem");
        }
    }
}
