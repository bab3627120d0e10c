use crate::declare_rule;
use crate::edit::Edit;
use crate::edit::Fix;
use crate::rules::Checker;
use crate::semantic::quoting::unquote;
use crate::syntax::{Args, InstructionKind, Str};

declare_rule! {
    /// ## What it does
    /// Checks for a `COPY` of several sources whose destination does not end with `/`.
    ///
    /// ## Why is this bad?
    /// With several sources, the destination must be a directory, and the Dockerfile
    /// reference asks for it to end with `/`. Without the slash, whether the files land
    /// in a directory depends on what already exists in the image, and the legacy
    /// builder rejects the instruction.
    ///
    /// `.` and `..` are directories already and are not reported, nor destinations given
    /// by a variable.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:24-slim
    /// COPY package.json package-lock.json /app
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM node:24-slim
    /// COPY package.json package-lock.json /app/
    /// ```
    ///
    /// ## Fix safety
    /// Safe: adds the `/`, which keeps the files in the directory where the build puts
    /// them when it works.
    ///
    /// ## References
    /// - [hadolint DL3021](https://github.com/hadolint/hadolint/wiki/DL3021)
    /// - [Dockerfile reference: COPY](https://docs.docker.com/reference/dockerfile/#copy)
    pub(crate) static RULE = {
        code: "DL3021",
        name: "copy-multiple-sources-dest-not-dir",
        category: Correctness,
        severity: Error,
        default_enabled: true,
        buildkit: None,
        fix: Always,
        check: check,
    }
}

fn check(checker: &Checker) {
    for inst in checker.instructions() {
        if inst.kind != InstructionKind::Copy || !inst.heredocs.is_empty() {
            continue;
        }
        let (words, json): (&[Str], bool) = match &inst.args {
            Args::List(words) => (words, false),
            Args::Exec { items, .. } => (items, true),
            _ => continue,
        };
        let Some((dest, sources)) = words.split_last() else {
            continue;
        };
        if sources.len() < 2 {
            continue;
        }
        let value = if json {
            dest.value.as_str()
        } else {
            unquote(&dest.value)
        };
        let is_dir = value.ends_with(['/', '\\'])
            || matches!(value, "." | "..")
            || value.ends_with("/.")
            || value.ends_with("/..");
        if is_dir || value.is_empty() || value.contains('$') {
            continue;
        }
        let text = checker.text(dest.range);
        let closing = text.len() >= 2
            && text.ends_with(['"', '\''])
            && text.starts_with(&text[text.len() - 1..]);
        let at = if closing {
            dest.range.end - 1
        } else {
            dest.range.end
        };
        checker
            .report(
                dest.range,
                format!(
                    "`COPY` of several sources to `{value}`: the destination must end with `/`"
                ),
            )
            .fix(Fix::safe(
                "Add `/` to the destination",
                vec![Edit::insert(at, "/")],
            ));
    }
}
