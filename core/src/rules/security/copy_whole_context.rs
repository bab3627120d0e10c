use crate::declare_rule;
use crate::rules::Checker;
use crate::syntax::{Args, InstructionKind};

declare_rule! {
    /// ## What it does
    /// Checks for `COPY .` (or `COPY ./`): copying the whole build context into the image.
    ///
    /// ## Why is this bad?
    /// Whatever the context holds comes along: `.git`, `.env` files, local configuration
    /// and credentials. Copy the files the image needs, or keep the rest out with a
    /// `.dockerignore`.
    ///
    /// Not reported when the build context is known to have a `.dockerignore`, nor for
    /// `COPY --from`, which copies from another stage or image. Off by default: with a good
    /// `.dockerignore`, `COPY . .` is the usual last step of a well-ordered Dockerfile
    /// (`context-not-ignored` checks the `.dockerignore` itself).
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:22-slim
    /// WORKDIR /app
    /// COPY . .
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM node:22-slim
    /// WORKDIR /app
    /// COPY package.json package-lock.json server.js ./
    /// ```
    ///
    /// ## References
    /// - [hadolint pull request #1200, which proposed it as `DL4007`](https://github.com/hadolint/hadolint/pull/1200)
    /// - [Docker: .dockerignore files](https://docs.docker.com/build/concepts/context/#dockerignore-files)
    pub(crate) static RULE = {
        code: "SF407",
        name: "copy-whole-context",
        category: Security,
        severity: Warning,
        default_enabled: false,
        buildkit: None,
        fix: None,
        check: check,
    }
}

fn check(checker: &Checker) {
    if checker.dockerignore().is_some() {
        return;
    }
    for inst in checker.instructions() {
        if inst.kind != InstructionKind::Copy || inst.flag("from").is_some() {
            continue;
        }
        let items = match &inst.args {
            Args::List(words) => words.as_slice(),
            Args::Exec { items, .. } => items.as_slice(),
            _ => continue,
        };
        let Some((_, sources)) = items.split_last() else {
            continue;
        };
        if let Some(dot) = sources
            .iter()
            .find(|s| matches!(s.value.trim_matches(['"', '\'']), "." | "./"))
        {
            checker.report(dot.range, "`COPY .` copies the whole build context");
        }
    }
}
