use crate::declare_rule;
use crate::edit::Edit;
use crate::edit::Fix;
use crate::rules::Checker;
use crate::semantic::quoting::unquote;
use crate::semantic::variables::{expand, variable_before};
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
    for (index, inst) in checker.instructions().iter().enumerate() {
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
        let written = if json {
            dest.value.as_str()
        } else {
            unquote(&dest.value)
        };
        // `$APP_HOME`: what BuildKit checks is the value, when the stage's ENV or ARG
        // defaults say what it is.
        let expanded;
        let value = if written.contains('$') {
            let lookup = |name: &str| {
                variable_before(checker, index, name)
                    .filter(|v| !v.contains('$'))
                    .map(str::to_string)
            };
            let Some(v) = expand(written, checker.df.escape(), &lookup) else {
                continue;
            };
            expanded = v;
            expanded.as_str()
        } else {
            written
        };
        let is_dir = value.ends_with(['/', '\\'])
            || matches!(value, "." | "..")
            || value.ends_with("/.")
            || value.ends_with("/..");
        if is_dir || value.is_empty() {
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
                if written == value {
                    format!(
                        "`COPY` of several sources to `{value}`: the destination must end with `/`"
                    )
                } else {
                    format!(
                        "`COPY` of several sources to `{written}` (`{value}`): the destination must end with `/`"
                    )
                },
            )
            .fix(Fix::safe(
                "Add `/` to the destination",
                vec![Edit::insert(at, "/")],
            ));
    }
}
