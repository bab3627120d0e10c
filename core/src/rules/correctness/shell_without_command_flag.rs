use std::collections::HashSet;

use crate::declare_rule;
use crate::edit::{Edit, Fix};
use crate::rules::Checker;
use crate::semantic::commands::basename;
use crate::syntax::shell_view::shell_arguments;
use crate::syntax::{Args, Instruction, InstructionKind, Str};

declare_rule! {
    /// ## What it does
    /// Checks for a `SHELL` that names a POSIX shell without `-c` (`SHELL ["/bin/bash"]`,
    /// `SHELL ["/bin/bash", "-o", "pipefail"]`) when a shell-form `RUN`, `CMD`,
    /// `ENTRYPOINT` or `HEALTHCHECK CMD` of the stage (or of a stage built on it) uses it.
    ///
    /// ## Why is this bad?
    /// The shell form appends the command line to the `SHELL` array as one argument. With
    /// `-c` the shell runs it as a script; without it, the shell takes the whole line for
    /// the name of a script file: `RUN apt-get update` runs `/bin/bash "apt-get update"`,
    /// which fails with `No such file or directory` and stops the build. A shell-form
    /// `CMD` fails when the container starts, and a `HEALTHCHECK` never passes.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:trixie-slim
    /// SHELL ["/bin/bash", "-o", "pipefail"]
    /// RUN curl -fsSL https://example.com/install.sh | bash
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:trixie-slim
    /// SHELL ["/bin/bash", "-o", "pipefail", "-c"]
    /// RUN curl -fsSL https://example.com/install.sh | bash
    /// ```
    ///
    /// ## Fix safety
    /// Unsafe: appends `"-c"` to the array when a shell-form `RUN` uses it, whose build
    /// fails as written; the commands then run as the author meant. Advice when only a
    /// `CMD`, `ENTRYPOINT` or `HEALTHCHECK` uses it: the image builds, and adding `-c` would
    /// change what the container runs.
    ///
    /// ## References
    /// - [Dockerfile reference: SHELL](https://docs.docker.com/reference/dockerfile/#shell)
    /// - [Shell and exec form](https://docs.docker.com/reference/dockerfile/#shell-and-exec-form)
    pub(crate) static RULE = {
        code: "SF532",
        name: "shell-without-command-flag",
        category: Correctness,
        severity: Error,
        default_enabled: true,
        buildkit: None,
        fix: Sometimes,
        check: check,
    }
}

fn check(checker: &Checker) {
    let insts = checker.instructions();
    if !insts.iter().any(|i| i.kind == InstructionKind::Shell) {
        return;
    }
    let stages = checker.stages();
    // The `SHELL` without `-c` in force at the end of each stage, if any.
    let mut at_end: Vec<Option<usize>> = vec![None; stages.len()];
    // Each `SHELL` once, also when stages built on it use it.
    let mut reported: HashSet<usize> = HashSet::new();
    for (n, stage) in stages.iter().enumerate() {
        let mut broken = stage
            .base_stage
            .and_then(|b| at_end.get(b as usize).copied().flatten());
        for index in stage.instruction_range() {
            let inst = &insts[index];
            match (&inst.kind, &inst.args) {
                (InstructionKind::Shell, Args::Exec { items, .. }) => {
                    broken = lacks_command_flag(items).then_some(index);
                }
                _ => {
                    let Some(shell) = broken else { continue };
                    if !uses_shell_form(inst) || !reported.insert(shell) {
                        continue;
                    }
                    report(checker, &insts[shell], inst);
                }
            }
        }
        at_end[n] = broken;
    }
}

fn report(checker: &Checker, shell: &Instruction, user: &Instruction) {
    let Args::Exec { items, .. } = &shell.args else {
        return;
    };
    let program = items.first().map_or("", |p| basename(&p.value));
    let report = checker.report(
        shell.range,
        format!(
            "`SHELL` without `-c`: `{program}` takes the shell-form `{}` on line {} for the name of a script file, and fails",
            user.kind.as_str(),
            user.start_line
        ),
    );
    // `["/bin/bash"]` becomes `["/bin/bash", "-c"]`: a fix only where a `RUN` fails the
    // build as written. Where only the container's command or health check uses the shell,
    // the image builds, and the fix would change what it runs.
    let title = "Add `-c` to the `SHELL` array";
    match items.last() {
        Some(last) if user.kind == InstructionKind::Run => report.fix(Fix::unsafe_(
            title,
            vec![Edit::insert(last.range.end, ", \"-c\"")],
        )),
        _ => report.fix(Fix::display_only(title)),
    };
}

/// A POSIX shell given options only, none of them `-c`: the command line would be read as
/// a script file's name. A shell given a script or another word is left alone.
fn lacks_command_flag(items: &[Str]) -> bool {
    matches!(shell_arguments(items), Some((false, None)))
}

/// Whether the instruction runs its command through the stage's `SHELL`: the shell form of
/// `RUN` (not a heredoc one, which BuildKit hands the shell as a file), `CMD`, `ENTRYPOINT`
/// and `HEALTHCHECK CMD`.
fn uses_shell_form(inst: &Instruction) -> bool {
    match (&inst.kind, &inst.args) {
        (InstructionKind::Run, Args::Shell(_)) => inst.heredocs.is_empty(),
        (InstructionKind::Cmd | InstructionKind::Entrypoint, Args::Shell(_)) => true,
        (InstructionKind::Healthcheck, Args::Healthcheck { command, .. }) => {
            matches!(command.as_ref(), Args::Shell(_))
        }
        _ => false,
    }
}
