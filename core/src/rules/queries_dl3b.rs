//! Questions several rules ask: the `RUN` an instruction runs (also under `ONBUILD`),
//! positional arguments past options, `--mount` flags, what a stage inherits from the
//! stages it is built on (`ENV`, `USER`, `SHELL`), and the cache-mount check shared by the
//! `DL3068`–`DL3077` family.

use super::checker::Checker;
use super::shell_queries::{basename, invocation};
use crate::edit::{Edit, Fix};
use crate::syntax::shell::{Command, Connector, Script, Word};
use crate::syntax::{Args, Instruction, InstructionKind, Stage, TextRange};

/// The `RUN` an instruction is: itself, or the one an `ONBUILD` registers.
pub fn run_of(inst: &Instruction) -> Option<&Instruction> {
    match (inst.kind, &inst.trigger) {
        (InstructionKind::Run, _) => Some(inst),
        (InstructionKind::Onbuild, Some(t)) if t.kind == InstructionKind::Run => Some(t),
        _ => None,
    }
}

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

/// The program a command runs and its arguments (see [`invocation`]), except for
/// `command -v prog`, which only asks whether `prog` exists.
pub fn program(command: &Command) -> Option<(&str, &[Word])> {
    let first = command.words.first()?;
    if basename(&first.value) == "command"
        && command
            .words
            .get(1)
            .is_some_and(|w| w.value.starts_with("-v") || w.value.starts_with("-V"))
    {
        return None;
    }
    invocation(command)
}

/// The arguments that are not options, skipping the separate values of the options in
/// `takes_value` (`--repo x pkg` → `pkg`); everything after `--` is positional.
pub fn positionals<'w>(
    args: &'w [Word],
    takes_value: &'w [&'w str],
) -> impl Iterator<Item = &'w Word> + 'w {
    let mut skip_next = false;
    let mut after_dashes = false;
    args.iter().filter(move |w| {
        let v = w.value.as_str();
        if after_dashes {
            return true;
        }
        if skip_next {
            skip_next = false;
            return false;
        }
        if v == "--" {
            after_dashes = true;
            return false;
        }
        if v.starts_with('-') && v.len() > 1 {
            skip_next = takes_value.contains(&v);
            return false;
        }
        true
    })
}

/// Whether `command` receives `yes` on its standard input (`yes | apt-get install x`,
/// `sudo yes | zypper install x`).
pub fn fed_by_yes(script: &Script, command: &Command) -> bool {
    command.connector == Connector::Pipe
        && script
            .commands
            .iter()
            .take_while(|c| c.range.start < command.range.start)
            .filter(|c| c.depth == command.depth)
            .last()
            .and_then(program)
            .is_some_and(|(p, _)| p == "yes")
}

/// One `--mount=...` flag: its type (`bind` when not given) and its target.
pub struct Mount<'a> {
    pub kind: &'a str,
    pub target: &'a str,
}

/// The `--mount` flags of a `RUN`.
pub fn mounts(run: &Instruction) -> impl Iterator<Item = Mount<'_>> {
    run.flags_named("mount").map(|f| {
        let mut mount = Mount {
            kind: "bind",
            target: "",
        };
        for field in f.value().unwrap_or("").split(',') {
            let (key, value) = field.split_once('=').unwrap_or((field, ""));
            match key.trim() {
                "type" => mount.kind = value,
                "target" | "dst" | "destination" => mount.target = value,
                _ => {}
            }
        }
        mount
    })
}

/// Whether the `RUN` has a cache or tmpfs mount whose target contains one of `needles`.
pub fn has_cache_mount_with(run: &Instruction, needles: &[&str]) -> bool {
    mounts(run).any(|m| {
        matches!(m.kind, "cache" | "tmpfs") && needles.iter().any(|n| m.target.contains(n))
    })
}

/// The stage of instruction `index` and the stages it is built on (`FROM <stage>`),
/// nearest first.
pub fn stage_chain<'a>(checker: &Checker<'a>, index: usize) -> Vec<&'a Stage> {
    checker.stage_of(index).map_or_else(Vec::new, |stage| {
        super::queries_tips::stage_chain(checker, stage)
    })
}

/// The instructions that shape the state instruction `index` runs in: those of the
/// stages it is built on (whole), then its own stage up to `index`, in build order.
pub fn inherited<'a>(checker: &Checker<'a>, index: usize) -> impl Iterator<Item = &'a Instruction> {
    let insts = checker.instructions();
    let chain = stage_chain(checker, index);
    let mut ranges: Vec<std::ops::Range<usize>> = chain
        .iter()
        .enumerate()
        .map(|(n, s)| {
            let r = s.instruction_range();
            if n == 0 {
                r.start..index.min(r.end)
            } else {
                r
            }
        })
        .collect();
    ranges.reverse();
    ranges.into_iter().flat_map(move |r| insts[r].iter())
}

/// The official image (`node`, `golang`...) the stage of `index` is ultimately built on.
pub fn official_base<'a>(checker: &Checker<'a>, index: usize) -> Option<&'a str> {
    let chain = stage_chain(checker, index);
    chain.last()?.base.as_ref()?.official_name()
}

/// Whether an `ENV` in force at `index` (or an `ARG` of the stage) sets one of `names`.
pub fn env_sets(checker: &Checker, index: usize, names: &[&str]) -> bool {
    inherited(checker, index).any(|inst| match &inst.args {
        Args::KeyValues(pairs) if inst.kind == InstructionKind::Env => pairs
            .iter()
            .any(|kv| names.iter().any(|n| kv.key.value.eq_ignore_ascii_case(n))),
        Args::Words(words) if inst.kind == InstructionKind::Arg => words.iter().any(|w| {
            let name = w.value.split_once('=').map_or(w.value.as_str(), |(n, _)| n);
            names.iter().any(|n| name.eq_ignore_ascii_case(n))
        }),
        _ => false,
    })
}

/// Whether the build runs as root at `index`: no `USER` in force, or `USER root`/`0`.
pub fn runs_as_root(checker: &Checker, index: usize) -> bool {
    let last_user = inherited(checker, index)
        .filter(|i| i.kind == InstructionKind::User)
        .last();
    match last_user.map(|i| &i.args) {
        None => true,
        Some(Args::Text(user)) => {
            let name = user.value.split(':').next().unwrap_or("");
            name == "root" || name == "0"
        }
        Some(_) => false,
    }
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

/// Options of `yum` and `dnf` that take a separate value.
pub const RPM_VALUE_OPTIONS: [&str; 16] = [
    "-c",
    "--config",
    "--installroot",
    "--releasever",
    "--setopt",
    "--enablerepo",
    "--disablerepo",
    "--repo",
    "--repoid",
    "-x",
    "--exclude",
    "--forcearch",
    "-d",
    "--debuglevel",
    "-e",
    "--errorlevel",
];

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
    let base = official_base(checker, index);
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

/// `program sub` for the message, when the command is one of `programs` with a
/// subcommand in `subs` (first positional argument, `+toolchain` words skipped).
pub fn sub_of(
    command: &Command,
    programs: &[&str],
    subs: &[&str],
    takes_value: &[&str],
) -> Option<String> {
    let (prog, args) = program(command)?;
    if !programs.contains(&prog) {
        return None;
    }
    let sub = positionals(args, takes_value).find(|w| !w.value.starts_with('+'))?;
    subs.contains(&sub.value.as_str())
        .then(|| format!("{prog} {}", sub.value))
}

/// Reports `install` (and `module install`) of packages without a version by one of the
/// rpm tools `programs` (`DL3033`, `DL3041`).
pub fn check_rpm_unpinned(checker: &Checker, programs: &[&str]) {
    for (_, _, script) in run_scripts(checker) {
        for command in &script.commands {
            let Some((prog, args)) = program(command) else {
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

/// Options of `zypper` (global, and of `install`) that take a separate value.
pub const ZYPPER_VALUE_OPTIONS: [&str; 19] = [
    "-R",
    "--root",
    "-D",
    "--reposd-dir",
    "-C",
    "--cache-dir",
    "-c",
    "--config",
    "--raw-cache-dir",
    "--solv-cache-dir",
    "--pkg-cache-dir",
    "--userdata",
    "-t",
    "--type",
    "-r",
    "--repo",
    "--from",
    "--download",
    "--plus-repo",
];

/// `zypper <sub> args...`: the subcommand word and the words after it.
pub fn zypper_sub(command: &Command) -> Option<(&Word, &[Word])> {
    let (prog, args) = program(command)?;
    if prog != "zypper" {
        return None;
    }
    let mut i = 0;
    while i < args.len() {
        let v = args[i].value.as_str();
        if v.starts_with('-') && v.len() > 1 {
            i += if ZYPPER_VALUE_OPTIONS.contains(&v) {
                2
            } else {
                1
            };
            continue;
        }
        return Some((&args[i], &args[i + 1..]));
    }
    None
}

/// The lines an instruction occupies, with the line ending after it: what to delete to
/// remove it (its range alone when something else shares its first line).
pub fn instruction_lines(checker: &Checker, inst: &Instruction) -> TextRange {
    let source = checker.source();
    let start = inst.range.start as usize;
    let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
    if !source[line_start..start].trim().is_empty() {
        return inst.range;
    }
    let end = inst.range.end as usize;
    let line_end = source[end..]
        .find('\n')
        .map_or(source.len(), |i| end + i + 1);
    if !source[end..line_end].trim().is_empty() {
        return inst.range;
    }
    TextRange::new(line_start as u32, line_end as u32)
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
