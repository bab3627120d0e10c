use std::borrow::Cow;

use crate::declare_rule;
use crate::rules::shared::shell_values::expand_in_scope;
use crate::rules::Checker;
use crate::syntax::{Args, InstructionKind};

declare_rule! {
    /// ## What it does
    /// Checks for a `COPY` to a relative destination in a stage where no `WORKDIR` has been
    /// set yet (in the stage or in the stage it is built on).
    ///
    /// ## Why is this bad?
    /// A relative destination is resolved against the working directory of the base image,
    /// which the Dockerfile does not show and which can change with the base image: the
    /// files may land in `/` or somewhere unexpected.
    ///
    /// A destination given through a variable is judged by what the stage sets it to (`ENV
    /// APP_DIR=app` then `COPY . $APP_DIR`); one only the build knows is not reported.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:22-slim
    /// COPY package.json .
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM node:22-slim
    /// WORKDIR /app
    /// COPY package.json .
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3045](https://github.com/hadolint/hadolint/wiki/DL3045)
    /// - [Dockerfile reference: WORKDIR](https://docs.docker.com/reference/dockerfile/#workdir)
    pub(crate) static RULE = {
        code: "DL3045",
        name: "copy-relative-without-workdir",
        category: Correctness,
        severity: Warning,
        default_enabled: true,
        buildkit: None,
        fix: None,
        check: check,
    }
}

fn check(checker: &Checker) {
    let stages = checker.stages();
    // Whether a WORKDIR is in force at the end of each stage.
    let mut at_end = vec![false; stages.len()];
    for (n, stage) in stages.iter().enumerate() {
        let mut set = stage
            .base_stage
            .is_some_and(|b| at_end.get(b as usize).copied().unwrap_or(false));
        for index in stage.instruction_range() {
            let inst = &checker.instructions()[index];
            match inst.kind {
                InstructionKind::Workdir => set = true,
                InstructionKind::Copy if !set => {
                    let dest = match &inst.args {
                        Args::List(words) if words.len() >= 2 => words.last(),
                        Args::Exec { items, .. } if items.len() >= 2 => items.last(),
                        _ => None,
                    };
                    let Some(dest) = dest else {
                        continue;
                    };
                    // A destination given by a variable is judged by what the stage sets it
                    // to (`ENV DEST=app`); one only the build knows is taken for absolute.
                    let value = if dest.value.starts_with('$') {
                        Cow::Owned(expand_in_scope(checker, index, &dest.value).unwrap_or_default())
                    } else {
                        Cow::Borrowed(dest.value.as_str())
                    };
                    if is_relative(&value) {
                        let shown = if value == dest.value {
                            format!("`{value}`")
                        } else {
                            format!("`{}` (`{value}`)", dest.value)
                        };
                        checker.report(
                            dest.range,
                            format!("`COPY` to relative {shown} without a `WORKDIR`"),
                        );
                    }
                }
                _ => {}
            }
        }
        at_end[n] = set;
    }
}

fn is_relative(dest: &str) -> bool {
    let dest = dest.trim_matches(['"', '\'']);
    let bytes = dest.as_bytes();
    let windows_absolute = bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':';
    !(dest.is_empty() || dest.starts_with(['/', '\\', '$']) || windows_absolute)
}
