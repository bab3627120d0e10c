//! Questions several rules ask: the `RUN` an instruction runs (also under `ONBUILD`),
//! positional arguments past options, `--mount` flags, what a stage inherits from the
//! stages it is built on (`ENV`, `USER`, `SHELL`), and the cache-mount check shared by the
//! `DL3068`–`DL3077` family.

use super::checker::Checker;
use crate::edit::{Edit, Fix};
use crate::semantic::commands::positionals;
use crate::semantic::commands::program_with_args;
use crate::semantic::commands::RPM_VALUE_OPTIONS;
use crate::semantic::commands::{basename, invocation};
use crate::semantic::images::official_base;
use crate::semantic::instructions::has_cache_mount_with;
use crate::semantic::instructions::instruction_lines;
use crate::semantic::instructions::run_of;
use crate::semantic::stages::inherited;
use crate::semantic::stages::stage_chain_of;
use crate::semantic::variables::env_sets;
use crate::semantic::variables::runs_as_root;
use crate::syntax::shell::{Command, Connector, Script, Word};
use crate::syntax::{Args, Instruction, InstructionKind, Stage, TextRange};

/// The scripts of `RUN`s (also under `ONBUILD`) that run a program the running rule
/// declares, with their index and the `RUN`.
pub fn run_scripts<'a>(
    checker: &'a Checker,
) -> impl Iterator<Item = (usize, &'a Instruction, &'a Script)> + 'a {
    checker
        .scripts_running_programs()
        .filter_map(|(index, script)| {
            Some((index, run_of(&checker.instructions()[index])?, script))
        })
}

/// A package argument of `yum`/`dnf install` that names a version (`curl-7.61.1`,
/// `curl-7.61.1-1.el8`, a `.rpm` file). Dynamic words count as pinned: their value is
/// not known here.
pub fn rpm_version_pinned(word: &Word) -> bool {
    let package = word.value.as_str();
    if word.dynamic || package.ends_with(".rpm") {
        return true;
    }
    let mut parts = package.split('-');
    parts.next();
    let rest: Vec<&str> = parts.collect();
    !rest.is_empty()
        && rest.iter().all(|p| {
            p.chars()
                .all(|c| c.is_ascii_alphanumeric() || ".~^_:+".contains(c))
        })
        && rest
            .iter()
            .any(|p| p.chars().next().is_some_and(|c| c.is_ascii_digit()))
}

/// The cache-mount advice for one tool (`DL3068`–`DL3077`).
pub struct CacheTool {
    /// Which commands use the tool's download cache.
    pub matches: fn(&Command) -> Option<String>,
    /// A cache or tmpfs mount whose target contains one of these keeps the rule quiet.
    pub accepts: &'static [&'static str],
    /// Environment variables that move the cache: with one set, no fix is offered.
    pub relocating_env: &'static [&'static str],
    /// Mount targets for the fix, by official base image (`None`: any other base). Empty:
    /// no fix.
    pub targets: &'static [(Option<&'static str>, &'static [&'static str])],
}

/// Reports each `RUN` that uses the tool without a cache mount for its cache, with an
/// unsafe fix that adds the mounts when their targets are known (root user, cache not
/// moved by `ENV`).
pub fn check_cache_tool(checker: &Checker, tool: &CacheTool) {
    for (index, run, script) in run_scripts(checker) {
        if has_cache_mount_with(run, tool.accepts) {
            continue;
        }
        let Some((command, what)) = script
            .commands
            .iter()
            .find_map(|c| (tool.matches)(c).map(|w| (c, w)))
        else {
            continue;
        };
        let fix = cache_fix(checker, index, run, tool);
        checker
            .report(command.range, format!("`{what}` without a cache mount"))
            .fix_opt(fix);
    }
}

fn cache_fix(checker: &Checker, index: usize, run: &Instruction, tool: &CacheTool) -> Option<Fix> {
    if tool.targets.is_empty()
        || !runs_as_root(checker, index)
        || env_sets(checker, index, tool.relocating_env)
    {
        return None;
    }
    let base = official_base(checker, index).map(|(name, _)| name);
    let targets = tool
        .targets
        .iter()
        .find(|(image, _)| image.is_some() && *image == base)
        .or_else(|| tool.targets.iter().find(|(image, _)| image.is_none()))?
        .1;
    let flags: String = targets
        .iter()
        .map(|t| format!(" --mount=type=cache,target={t}"))
        .collect();
    let title = match targets {
        [one] => format!("Add `--mount=type=cache,target={one}`"),
        _ => {
            let list: Vec<String> = targets.iter().map(|t| format!("`{t}`")).collect();
            format!("Add cache mounts for {}", list.join(" and "))
        }
    };
    Some(Fix::unsafe_(
        title,
        vec![Edit::insert(run.keyword.range.end, flags)],
    ))
}

/// Reports `install` (and `module install`) of packages without a version by one of the
/// rpm tools `programs` (`DL3033`, `DL3041`).
pub fn check_rpm_unpinned(checker: &Checker, programs: &[&str]) {
    for (_, _, script) in run_scripts(checker) {
        for command in &script.commands {
            let Some((prog, args)) = program_with_args(command) else {
                continue;
            };
            if !programs.contains(&prog) {
                continue;
            }
            let mut words = positionals(args, &RPM_VALUE_OPTIONS);
            let (module, unpinned) = match words.next().map(|w| w.value.as_str()) {
                Some("install") => (false, words.find(|w| !rpm_pinned(w, false))),
                Some("module") => match words.next().map(|w| w.value.as_str()) {
                    Some("install") => (true, words.find(|w| !rpm_pinned(w, true))),
                    _ => continue,
                },
                _ => continue,
            };
            let Some(word) = unpinned else {
                continue;
            };
            let message = if module {
                format!("`{prog} module install {}` without a stream", word.value)
            } else {
                format!("`{prog} install {}` without a version", word.value)
            };
            checker.report(word.range, message);
        }
    }
}

fn rpm_pinned(word: &Word, module: bool) -> bool {
    if word.value.starts_with('@') || word.dynamic {
        return true;
    }
    if module {
        word.value.contains(':')
    } else {
        rpm_version_pinned(word)
    }
}

/// Reports every `kind` instruction (`CMD`, `ENTRYPOINT`) that follows another in the same
/// stage, with an unsafe fix deleting the earlier one, which has no effect (`DL4003`,
/// `DL4004`).
pub fn check_used_once(checker: &Checker, kind: InstructionKind) {
    let insts = checker.instructions();
    for stage in checker.df.stages() {
        let mut previous: Option<&Instruction> = None;
        for inst in &insts[stage.instruction_range()] {
            if inst.kind != kind {
                continue;
            }
            if let Some(earlier) = previous {
                let name = kind.as_str();
                checker
                    .report(
                        inst.keyword.range,
                        format!("Several `{name}`s in one stage: only the last takes effect"),
                    )
                    .fix(Fix::unsafe_(
                        format!("Remove the earlier `{name}`"),
                        vec![Edit::delete(instruction_lines(checker, earlier))],
                    ));
            }
            previous = Some(inst);
        }
    }
}
