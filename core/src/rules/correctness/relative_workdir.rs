use crate::declare_rule;
use crate::edit::Edit;
use crate::edit::Fix;
use crate::rules::shared::shell_values::expand_in_scope;
use crate::rules::Checker;
use crate::semantic::quoting::unquote;
use crate::semantic::stage_model::resolve;
use crate::syntax::{Args, InstructionKind};

declare_rule! {
    /// ## What it does
    /// Checks for a `WORKDIR` with a relative path that no absolute `WORKDIR` of the same
    /// stage (or of the stage it builds on) comes before.
    ///
    /// ## Why is this bad?
    /// A relative `WORKDIR` is taken from the base image's working directory. When the
    /// base image changes it, files land in another place and commands run somewhere
    /// else, without any error.
    ///
    /// A path starting with a variable is read through what the stage sets it to, as
    /// BuildKit's check reads the expanded path (`ENV APP_DIR=app` then `WORKDIR
    /// $APP_DIR` is relative); one whose value is only known at build time (`WORKDIR
    /// $HOME/app`, an `ARG` without default) is not reported. A relative path after an absolute `WORKDIR` of the
    /// same stage is not reported either: it no longer depends on the base image. A path
    /// starting with `~` always is: `WORKDIR` does not expand it (no shell reads the path),
    /// so `WORKDIR ~` makes a directory named `~` where the image happens to be.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:24-slim
    /// WORKDIR app
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM node:24-slim
    /// WORKDIR /app
    /// ```
    ///
    /// ## Fix safety
    /// Safe where the working directory the path is relative to is known: `/` on a stage
    /// built from `scratch`, the image's own `WORKDIR` on the official images the knowledge
    /// table describes (`src/app` on `golang` becomes `/go/src/app`, as the build resolves
    /// it). Advice only on other images, whose `WORKDIR` is not known. No fix for `..` and
    /// `~` paths (`WORKDIR` does not expand `~`), paths with variables, nor on Windows
    /// images.
    ///
    /// ## References
    /// - [hadolint DL3000](https://github.com/hadolint/hadolint/wiki/DL3000)
    /// - [BuildKit check WorkdirRelativePath](https://docs.docker.com/reference/build-checks/workdir-relative-path/)
    pub(crate) static RULE = {
        code: "DL3000",
        name: "relative-workdir",
        category: Correctness,
        severity: Error,
        default_enabled: true,
        buildkit: Some("WorkdirRelativePath"),
        fix: Sometimes,
        check: check,
    }
}

fn check(checker: &Checker) {
    let stages = checker.stages();
    // Per stage: whether an absolute WORKDIR has been set (inherited by `FROM <stage>`),
    // and whether the stage's chain of bases starts at `scratch`.
    let mut absolute_set = vec![false; stages.len()];
    let mut from_scratch = vec![false; stages.len()];
    for stage in stages {
        let base = stage.base_stage.map(|b| b as usize);
        let mut set = base.is_some_and(|b| absolute_set[b]);
        let scratch = match base {
            Some(b) => from_scratch[b],
            None => stage.base.as_ref().is_some_and(|r| r.is_scratch()),
        };
        for index in stage.instruction_range() {
            let inst = &checker.instructions()[index];
            if inst.kind != InstructionKind::Workdir {
                continue;
            }
            let Args::Text(path) = &inst.args else {
                continue;
            };
            let written = path.value.trim();
            let value = unquote(written);
            // BuildKit checks the path its variables expand to: `ENV APP=app` then
            // `WORKDIR $APP` is relative. A value only the build knows is taken for absolute.
            let expanded = if value.starts_with('$') {
                expand_in_scope(checker, index, value).filter(|v| !v.is_empty())
            } else {
                None
            };
            if let Some(path_value) = &expanded {
                if is_absolute(path_value) {
                    set = true;
                    continue;
                }
                if !set {
                    checker
                        .report(
                            path.range,
                            format!("`WORKDIR` path `{value}` is `{path_value}`, which is relative"),
                        )
                        .fix(Fix::display_only(
                            "Make the variable's value an absolute path, or write the `WORKDIR` path out",
                        ));
                }
                continue;
            }
            if value.is_empty() || is_absolute(value) {
                set = true;
                continue;
            }
            // No shell expands `~` in a `WORKDIR`: `WORKDIR ~` makes a directory named `~`
            // in the current one, wherever that is.
            if value == "~" || value.starts_with("~/") {
                checker
                    .report(
                        path.range,
                        format!("`WORKDIR {value}` does not expand `~`: it is a directory named `~` below the current one"),
                    )
                    .fix(Fix::display_only("Write the home directory's absolute path (`/root`, `/home/<user>`)"));
                continue;
            }
            if set {
                continue;
            }
            // BuildKit resolves the path against the working directory the image starts
            // in: `/` on scratch, the image's own `WORKDIR` (`/go` on golang) otherwise.
            let base_dir = if scratch {
                Some("/".to_string())
            } else {
                checker
                    .stage_model(stage.index)
                    .filter(|m| m.known_base().is_some())
                    .and_then(|m| m.step(index))
                    .map(|s| s.workdir.to_string())
            };
            let fix = match base_dir {
                Some(dir) => absolute_fix(path.range.start, written, value, &dir)
                    .filter(|_| checker.posix_shell(index))
                    .map(|(edit, new)| {
                        Fix::safe(format!("Use the absolute path `{new}`"), vec![edit])
                    }),
                None => Some(Fix::display_only(
                    "Use an absolute path: the base image's own `WORKDIR` is not known",
                )),
            };
            checker
                .report(path.range, format!("`WORKDIR` path `{value}` is relative"))
                .fix_opt(fix);
        }
        absolute_set[stage.index as usize] = set;
        from_scratch[stage.index as usize] = scratch;
    }
}

/// `/x`, a Windows path (`C:\x`, `\x`), or a path starting with a variable.
fn is_absolute(path: &str) -> bool {
    let b = path.as_bytes();
    matches!(b[0], b'/' | b'\\' | b'$')
        || (b.len() >= 2 && b[0].is_ascii_alphabetic() && b[1] == b':')
}

/// The edit that makes `value` (written as `written` at `start`) absolute against `dir`,
/// and the new path.
fn absolute_fix(start: u32, written: &str, value: &str, dir: &str) -> Option<(Edit, String)> {
    if value.starts_with("..")
        || value.starts_with('~')
        || value.contains('\\')
        || value.contains('$')
        || value == "."
    {
        return None;
    }
    let at = start + (written.len() - value.len()) as u32 / 2;
    let rest = value.strip_prefix("./").unwrap_or(value);
    let new = resolve(dir, rest);
    let range = crate::syntax::TextRange::new(at, at + value.len() as u32);
    Some((Edit::replace(range, new.clone()), new))
}
