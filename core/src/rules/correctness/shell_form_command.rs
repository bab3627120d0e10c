use crate::declare_rule;
use crate::edit::Edit;
use crate::edit::Fix;
use crate::knowledge::entrypoints::{dispatching_entrypoint, DispatchingEntrypoint};
use crate::rules::Checker;
use crate::semantic::images::official_base;
use crate::semantic::quoting::json_string;
use crate::semantic::stage_model::Made;
use crate::semantic::stages::stage_chain;
use crate::syntax::shell::parse_script;
use crate::syntax::{Args, InstructionKind, Stage, Str};

declare_rule! {
    /// ## What it does
    /// Checks for `CMD`, `ENTRYPOINT` and `HEALTHCHECK CMD` in shell form
    /// (`CMD node server.js` rather than `CMD ["node", "server.js"]`).
    ///
    /// ## Why is this bad?
    /// The shell form runs the command under `/bin/sh -c`. The shell becomes PID 1 and
    /// does not pass signals on: `docker stop` sends `SIGTERM` to the shell, the program
    /// never sees it, and after the timeout it is killed without a chance to shut down
    /// cleanly. The shell form of `ENTRYPOINT` also ignores `CMD` and `docker run`
    /// arguments. A `HEALTHCHECK` in shell form needs a shell in the image, which
    /// distroless and scratch images do not have.
    ///
    /// Not reported after a `SHELL` instruction in the stage (or a stage it builds on):
    /// choosing the shell says that the shell form is meant.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:24-slim
    /// CMD node server.js
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM node:24-slim
    /// CMD ["node", "server.js"]
    /// ```
    ///
    /// ## Fix safety
    /// Unsafe: the command then runs without a shell, so it no longer gets the shell's
    /// handling of signals and of the environment. Only offered when the command is one
    /// plain command with no shell syntax (variables, globs, redirections, `&&`,
    /// pipes...); a leading `exec` is dropped. Not offered for an `ENTRYPOINT` whose stage
    /// (or a stage built on it) sets `CMD`: in exec form it would take the `CMD` as its
    /// arguments, which the shell form ignores. Nor for a `CMD` under an exec-form
    /// `ENTRYPOINT` of its stage (or of the stage it is built on): the entrypoint gets
    /// `/bin/sh -c "<command>"` as its arguments today and the words themselves after the
    /// fix, which an entrypoint that reads its arguments tells apart. The same holds for
    /// the entrypoints of official images that prepare their server when its name comes
    /// first (`postgres`, `mysql`, `mariadb`, `mongo`, `redis`, `nginx`, `rabbitmq`,
    /// `haproxy`, `wordpress`, `cassandra`): `CMD redis-server ...` on `redis` is not
    /// fixed, since in JSON form the server would start as another user. Nor when the
    /// program is a file the image copies from the build context (`COPY start.sh /` then
    /// `CMD /start.sh`), or a script (`.sh`, `.py`...) that comes from elsewhere: another
    /// stage, a download, an archive or a clone, a step the model cannot follow (`make
    /// install`). A script without a `#!` line runs under `/bin/sh -c`, which reads it
    /// itself, but fails in exec form with "exec format error", and none of these shows
    /// the first line.
    ///
    /// ## References
    /// - [hadolint DL3025](https://github.com/hadolint/hadolint/wiki/DL3025)
    /// - [BuildKit check JSONArgsRecommended](https://docs.docker.com/reference/build-checks/json-args-recommended/)
    pub(crate) static RULE = {
        code: "DL3025",
        name: "shell-form-command",
        category: Correctness,
        severity: Warning,
        default_enabled: true,
        buildkit: Some("JSONArgsRecommended"),
        fix: Sometimes,
        check: check,
    }
}

/// Words a shell reads as syntax or runs as a builtin: no exec-form equivalent.
const SHELL_WORDS: [&str; 24] = [
    "if", "then", "else", "elif", "fi", "for", "while", "until", "do", "done", "case", "esac",
    "cd", "source", ".", "export", "set", "unset", "eval", "trap", "ulimit", "umask", "wait",
    "exit",
];

fn check(checker: &Checker) {
    let stages = checker.stages();
    let mut shell_set = vec![false; stages.len()];
    for stage in stages {
        let mut set = stage.base_stage.is_some_and(|b| shell_set[b as usize]);
        // Worked out at the stage's first command that asks: thousands of `CMD`s must not
        // each walk the stage again.
        let mut entrypoint_cache: Option<Option<bool>> = None;
        let mut cmd_cache: Option<bool> = None;
        let mut copies_cache: Option<Vec<usize>> = None;
        for index in stage.instruction_range() {
            let inst = &checker.instructions()[index];
            let (keyword, command) = match (&inst.kind, &inst.args) {
                (InstructionKind::Shell, _) => {
                    set = true;
                    continue;
                }
                (InstructionKind::Cmd, Args::Shell(c)) => ("CMD", c),
                (InstructionKind::Entrypoint, Args::Shell(c)) => ("ENTRYPOINT", c),
                (InstructionKind::Healthcheck, Args::Healthcheck { command, .. }) => {
                    match command.as_ref() {
                        Args::Shell(c) => ("HEALTHCHECK CMD", c),
                        _ => continue,
                    }
                }
                _ => continue,
            };
            if set {
                continue;
            }
            // A shell-form ENTRYPOINT ignores CMD; in exec form it takes CMD as arguments:
            // today `/bin/sh -c "<command>"`, after the fix the command's own words.
            let takes_cmd = inst.kind == InstructionKind::Entrypoint
                && *cmd_cache.get_or_insert_with(|| sets_cmd(checker, stage.index as usize));
            let entrypoint = (inst.kind == InstructionKind::Cmd)
                .then(|| {
                    *entrypoint_cache
                        .get_or_insert_with(|| entrypoint_of(checker, stage.index as usize))
                })
                .flatten();
            let passed_to_entrypoint = entrypoint == Some(true);
            let words = exec_words(command);
            // The base image's own entrypoint, when no stage here sets one.
            let prepared = match (&words, entrypoint) {
                (Some(words), None) if inst.kind == InstructionKind::Cmd => {
                    official_base(checker, index)
                        .and_then(|(image, _)| dispatching_entrypoint(image, &words[0]))
                }
                _ => None,
            };
            // A script without a `#!` line runs under `/bin/sh -c` (the shell reads it
            // itself when exec fails) but not in exec form; a context holds file names,
            // not their first lines.
            let script = words.as_ref().filter(|w| {
                let copies = copies_cache.get_or_insert_with(|| chain_copies(checker, stage));
                may_lack_interpreter_line(checker, stage, copies, &w[0])
            });
            let fix = words
                .as_ref()
                .filter(|_| {
                    !takes_cmd && !passed_to_entrypoint && prepared.is_none() && script.is_none()
                })
                .map(|words| {
                    let items: Vec<String> = words.iter().map(|w| json_string(w)).collect();
                    Fix::unsafe_(
                        "Use the JSON (exec) form",
                        vec![Edit::replace(
                            command.range,
                            format!("[{}]", items.join(", ")),
                        )],
                    )
                });
            let why = if inst.kind == InstructionKind::Healthcheck {
                ""
            } else {
                " so the program receives signals"
            };
            let message = if passed_to_entrypoint {
                "`CMD` in shell form after an exec-form `ENTRYPOINT`: the entrypoint receives `/bin/sh -c ...` as its arguments; write them in JSON form".to_string()
            } else if let (Some(prepared), Some(words)) = (prepared, &words) {
                prepared_message(prepared, &words[0])
            } else if let Some(words) = script {
                format!(
                    "`{keyword}` in shell form: use the JSON (exec) form{why}; this file does not show the first line of `{}`, and a script needs a `#!` there to run without a shell",
                    words[0]
                )
            } else {
                format!("`{keyword}` in shell form: use the JSON (exec) form{why}")
            };
            checker.report(inst.range, message).fix_opt(fix);
        }
        shell_set[stage.index as usize] = set;
    }
}

/// Whether the program is a file the image copied in (from the build context, or a `.sh`
/// from another stage or a download) whose first line cannot be seen.
/// `copies`: the `COPY` and `ADD` instructions of the stage and those it is built on
/// ([`chain_copies`]).
fn may_lack_interpreter_line(
    checker: &Checker,
    stage: &Stage,
    copies: &[usize],
    program: &str,
) -> bool {
    // Without a copy that could have put the program there, the stage models (built for
    // this alone on many files) are not needed: a bare name the copies do not mention is a
    // program of the image.
    let could_be_copied = is_script(program)
        || copies.iter().any(|&i| {
            program.contains('/')
                || checker
                    .text(checker.instructions()[i].range)
                    .contains(program)
        });
    if !could_be_copied {
        return false;
    }
    stage_chain(checker, stage).iter().any(|s| {
        let Some(model) = checker.stage_model(s.index) else {
            return false;
        };
        match model.program_file(program) {
            Some(Made::Context) => true,
            // Written by another stage, downloaded, unpacked from an archive, cloned, left by
            // an install in its directory: its first line is not in this file.
            Some(_) => is_script(program),
            // Not made by a step the model follows: the base image's, or made by one it
            // cannot follow (`make install`, `sh setup.sh`).
            None => is_script(program) && model.unknown_effects().next().is_some(),
        }
    })
}

/// The `COPY` and `ADD` instructions of `stage` and of the stages it is built on.
fn chain_copies(checker: &Checker, stage: &Stage) -> Vec<usize> {
    stage_chain(checker, stage)
        .iter()
        .flat_map(|s| s.instruction_range())
        .filter(|&i| {
            matches!(
                checker.instructions()[i].kind,
                InstructionKind::Copy | InstructionKind::Add
            )
        })
        .collect()
}

/// A program named as a script (`start.sh`, `app.py`): run without a shell, it needs a
/// `#!` first line.
fn is_script(program: &str) -> bool {
    let name = program.rsplit('/').next().unwrap_or(program);
    [".sh", ".bash", ".py", ".pl", ".rb", ".js", ".php"]
        .iter()
        .any(|ext| name.len() > ext.len() && name.ends_with(ext))
}

fn prepared_message(entrypoint: &DispatchingEntrypoint, program: &str) -> String {
    format!(
        "`CMD` in shell form: the `{image}` image's entrypoint receives `/bin/sh -c ...`; in JSON form it would receive `{program}` and prepare the container first (it {does}), so the container would start differently: not fixed",
        image = entrypoint.image,
        does = entrypoint.does,
    )
}

/// Whether the `ENTRYPOINT` in effect for the stage (its last, else its base stage's) is
/// in exec form, so that a `CMD` is its arguments; `None` when no stage of the file sets
/// one (the base image's, if any, applies).
fn entrypoint_of(checker: &Checker, stage: usize) -> Option<bool> {
    let stages = checker.stages();
    let mut at = Some(stage as u32);
    while let Some(i) = at {
        let s = &stages[i as usize];
        let last = checker.instructions()[s.instruction_range()]
            .iter()
            .rev()
            .find(|inst| inst.kind == InstructionKind::Entrypoint);
        if let Some(entrypoint) = last {
            return Some(entrypoint.is_exec_form());
        }
        // Each stage is built on an earlier one, so the walk ends.
        at = s.base_stage.filter(|b| *b < i);
    }
    None
}

/// Whether the stage, or a stage built on it, sets `CMD` (a base image's `CMD` is reset
/// by an `ENTRYPOINT`; one set in the image itself is not).
fn sets_cmd(checker: &Checker, stage: usize) -> bool {
    let stages = checker.stages();
    stages.iter().any(|s| {
        let mut at = Some(s.index);
        let mut built_on = false;
        // Each stage is built on an earlier one, so the walk ends.
        while let Some(i) = at {
            if i as usize == stage {
                built_on = true;
                break;
            }
            at = stages[i as usize].base_stage.filter(|b| *b < i);
        }
        built_on
            && checker.instructions()[s.instruction_range()]
                .iter()
                .any(|i| i.kind == InstructionKind::Cmd)
    })
}

/// The command's words (at least one) when it is one plain command that the JSON form can
/// say as well.
fn exec_words(command: &Str) -> Option<Vec<String>> {
    let text = command.value.as_str();
    if text.contains([
        ';', '&', '|', '<', '>', '(', ')', '$', '`', '*', '?', '[', ']', '~', '{', '}', '#', '\\',
        '\n', '\r',
    ]) {
        return None;
    }
    let script = parse_script(text);
    let [cmd] = script.commands.as_slice() else {
        return None;
    };
    if script.has_errors()
        || !script.groups.is_empty()
        || !cmd.assignments.is_empty()
        || !cmd.redirects.is_empty()
        || cmd.words.iter().any(|w| w.dynamic)
    {
        return None;
    }
    let mut words = cmd.words.as_slice();
    if words.first().is_some_and(|w| w.value == "exec") {
        words = &words[1..];
    }
    let first = words.first()?;
    if SHELL_WORDS.contains(&first.value.as_str()) || first.value.contains('=') {
        return None;
    }
    Some(words.iter().map(|w| w.value.to_string()).collect())
}
