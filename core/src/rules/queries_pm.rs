//! Questions the package-manager and build-cache rules share: which `RUN`s ship, what a
//! stage inherits (ENV, ARG, COPY), cache mounts, what `rm` removes, where a command can be
//! appended, and which base image a stage starts from.

use crate::knowledge::classify_tag;
use crate::paths::context_relative;
use crate::paths::covers_cache;
use crate::paths::source_sends;
use crate::paths::strip_home;
use crate::rules::edits::append_command;
use crate::rules::shell_queries::{invocation, subcommand};
use crate::rules::{Checker, Fix};
use crate::syntax::shell::{Command, Connector, Script, Word};
use crate::syntax::{Args, Instruction, InstructionKind, Stage, TextRange};

/// The `RUN` an instruction runs: itself, or the `RUN` an `ONBUILD` registers.
pub(crate) fn as_run(inst: &Instruction) -> Option<&Instruction> {
    match inst.kind {
        InstructionKind::Run => Some(inst),
        InstructionKind::Onbuild => inst
            .trigger
            .as_deref()
            .filter(|t| t.kind == InstructionKind::Run),
        _ => None,
    }
}

/// Whether the layer instruction `index` writes ends up in the image built by default: its
/// stage is the final stage or one the final stage is built `FROM`. `ONBUILD` triggers run
/// in the images built from this one, so they ship.
pub(crate) fn ships(checker: &Checker, index: usize) -> bool {
    if checker.instructions()[index].kind == InstructionKind::Onbuild {
        return true;
    }
    let Some(stage) = checker.stage_of(index) else {
        return false;
    };
    let mut current = checker.final_stage();
    while let Some(s) = current {
        if s.index == stage.index {
            return true;
        }
        current = parent_stage(checker, s);
    }
    false
}

fn parent_stage<'a>(checker: &Checker<'a>, stage: &Stage) -> Option<&'a Stage> {
    let parent = stage.base_stage?;
    // Stage names resolve to earlier stages only, so the walk ends.
    (parent < stage.index)
        .then(|| checker.df.stages().get(parent as usize))
        .flatten()
}

/// The instructions whose results instruction `index` starts from, in build order: the
/// stages its stage is built `FROM`, then its own stage up to (not including) `index`.
pub(crate) fn lineage_before(checker: &Checker, index: usize) -> Vec<usize> {
    let Some(stage) = checker.stage_of(index) else {
        return Vec::new();
    };
    let mut chain = vec![stage];
    while let Some(parent) = chain.last().and_then(|s| parent_stage(checker, s)) {
        chain.push(parent);
    }
    let mut out = Vec::new();
    for s in chain.iter().rev() {
        let range = s.instruction_range();
        let end = if s.index == stage.index {
            index
        } else {
            range.end
        };
        out.extend(range.start..end);
    }
    out
}

/// What an `ENV` or `ARG` sets a variable to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum EnvSetting {
    Value(String),
    /// Declared, but its value is only known at build time (`ARG X`, `ENV X=$Y`).
    Unknown,
}

/// The latest `ENV`/`ARG` setting of any of `names` in effect for instruction `index`
/// (inherited through `FROM <stage>` too).
pub(crate) fn env_setting(checker: &Checker, index: usize, names: &[&str]) -> Option<EnvSetting> {
    for i in lineage_before(checker, index).into_iter().rev() {
        match &checker.instructions()[i].args {
            Args::KeyValues(pairs) if checker.instructions()[i].kind == InstructionKind::Env => {
                if let Some(kv) = pairs
                    .iter()
                    .rev()
                    .find(|kv| names.contains(&kv.key.value.as_str()))
                {
                    return Some(setting(unquote(&kv.value.value)));
                }
            }
            Args::Words(words) if checker.instructions()[i].kind == InstructionKind::Arg => {
                for w in words.iter().rev() {
                    let (name, default) = match w.value.split_once('=') {
                        Some((n, d)) => (n, Some(d)),
                        None => (w.value.as_str(), None),
                    };
                    if names.contains(&name) {
                        return Some(default.map_or(EnvSetting::Unknown, |d| setting(unquote(d))));
                    }
                }
            }
            _ => {}
        }
    }
    None
}

fn setting(value: &str) -> EnvSetting {
    if value.contains('$') {
        EnvSetting::Unknown
    } else {
        EnvSetting::Value(value.to_string())
    }
}

/// Removes one pair of surrounding quotes.
pub(crate) fn unquote(value: &str) -> &str {
    let v = value.trim();
    for q in ['"', '\''] {
        if let Some(inner) = v.strip_prefix(q).and_then(|r| r.strip_suffix(q)) {
            return inner;
        }
    }
    v
}

/// Targets of the `RUN`'s `--mount=type=cache` and `--mount=type=tmpfs` flags: what the
/// command writes there stays out of the layer.
pub(crate) fn cache_mount_targets(inst: &Instruction) -> impl Iterator<Item = &str> {
    inst.flags_named("mount").filter_map(|f| {
        let value = f.value()?;
        let mut kind = None;
        let mut target = None;
        for field in value.split(',') {
            let (key, v) = field.split_once('=').unwrap_or((field, ""));
            match key.trim() {
                "type" => kind = Some(v.trim()),
                "target" | "dst" | "destination" => target = Some(v.trim()),
                _ => {}
            }
        }
        matches!(kind, Some("cache" | "tmpfs"))
            .then_some(target)
            .flatten()
            .map(|t| unquote(t).trim_end_matches('/'))
    })
}

/// Whether the `RUN` has a cache (or tmpfs) mount over a cache directory (see
/// [`covers_cache`]).
pub(crate) fn cache_mounted(inst: &Instruction, home_relative: &[&str], absolute: &[&str]) -> bool {
    cache_mount_targets(inst).any(|t| covers_cache(t, home_relative, absolute))
}

/// The paths an `rm` command removes (its non-option words).
pub(crate) fn rm_targets(command: &Command) -> Option<impl Iterator<Item = &Word>> {
    match invocation(command) {
        Some(("rm", args)) => Some(
            args.iter()
                .filter(|w| !w.value.starts_with('-') || w.value.contains('/')),
        ),
        _ => None,
    }
}

/// Whether a command after `after` in the script removes a cache directory: an `rm` of it
/// (or of a path that comes from a variable, which may well be it).
pub(crate) fn removes_cache(
    script: &Script,
    after: u32,
    home_relative: &[&str],
    absolute: &[&str],
) -> bool {
    script.commands.iter().any(|c| {
        c.range.start >= after
            && rm_targets(c).is_some_and(|mut targets| {
                targets.any(|w| {
                    (w.dynamic && w.value.starts_with('$') && strip_home(&w.value).is_none())
                        || covers_cache(&w.value, home_relative, absolute)
                })
            })
    })
}

/// Where a command can be appended to a `RUN` with [`super::edits::append_command`]: the end
/// of its last command, when that command is at the top level and the rest of the
/// instruction holds nothing but separators and comments (no `fi`, `done`, `}`...).
pub(crate) fn append_point(checker: &Checker, index: usize, script: &Script) -> Option<u32> {
    let inst = &checker.instructions()[index];
    let run = as_run(inst)?;
    if !script.errors.is_empty() || !run.heredocs.is_empty() {
        return None;
    }
    let last = script.commands.last()?;
    if last.depth != 0 || last.in_substitution || last.connector == Connector::Background {
        return None;
    }
    let escape = checker.df.escape();
    let tail = checker.text(TextRange::new(last.range.end, inst.range.end));
    let clean = tail.lines().all(|line| {
        let l = line.trim_start_matches(|c: char| c.is_whitespace() || c == ';');
        let l = l.trim_end_matches(|c: char| c.is_whitespace() || c == escape);
        l.is_empty() || l.starts_with('#')
    });
    clean.then_some(last.range.end)
}

/// The official image a stage (or the stage it is built `FROM`) starts from, with its tag:
/// `("node", Some("20-slim"))`. `None` when the image is not an official one or depends on a
/// build-time variable or is pinned by digest alone.
pub(crate) fn official_base<'a>(
    checker: &Checker<'a>,
    index: usize,
) -> Option<(&'a str, Option<&'a str>)> {
    let mut stage = checker.stage_of(index)?;
    while let Some(parent) = parent_stage(checker, stage) {
        stage = parent;
    }
    if stage.unresolved {
        return None;
    }
    let base = stage.base.as_ref()?;
    if base.tag.is_none() && base.digest.is_some() {
        // Pinned by digest alone: which release that is, the text does not say.
        return None;
    }
    Some((base.official_name()?, base.tag.as_deref()))
}

/// The version an official image's tag names, as numbers: `node:20.11-slim` → `[20, 11]`.
/// `Some(empty)` for floating tags (`latest`, `lts`, `slim`, none), which follow the current
/// release; `None` when the tag cannot be read.
pub(crate) fn base_version(checker: &Checker, index: usize, image: &str) -> Option<Vec<u32>> {
    let (name, tag) = official_base(checker, index)?;
    if name != image {
        return None;
    }
    let Some(tag) = tag else {
        return Some(Vec::new());
    };
    match classify_tag(name, tag) {
        Some(info) => Some(info.version.as_deref().map_or_else(Vec::new, numbers)),
        None => {
            // Unknown words in the tag: read the leading version only.
            let lead: &str = tag
                .split(|c: char| !(c.is_ascii_digit() || c == '.'))
                .next()
                .unwrap_or("");
            (!lead.is_empty()).then(|| numbers(lead))
        }
    }
}

fn numbers(version: &str) -> Vec<u32> {
    version
        .split('.')
        .map_while(|p| p.parse::<u32>().ok())
        .collect()
}

/// The sources of a `COPY`/`ADD` from the build context (not `--from`, not heredocs), as
/// written.
pub(crate) fn context_sources(inst: &Instruction) -> Option<Vec<&str>> {
    if !matches!(inst.kind, InstructionKind::Copy | InstructionKind::Add)
        || inst.flag("from").is_some()
        || !inst.heredocs.is_empty()
    {
        return None;
    }
    let items: Vec<&str> = match &inst.args {
        Args::List(words) => words.iter().map(|w| unquote(&w.value)).collect(),
        Args::Exec { items, .. } => items.iter().map(|w| w.value.as_str()).collect(),
        _ => return None,
    };
    let (_, sources) = items.split_last()?;
    (!sources.is_empty()).then(|| sources.to_vec())
}

/// Whether a context file reaches the image through a `COPY`/`ADD` of `sources`: a source
/// names it (or a directory above it, or the whole context), and `.dockerignore` does not
/// exclude it.
pub(crate) fn copies_file(checker: &Checker, sources: &[&str], file: &str) -> bool {
    let named = sources.iter().any(|s| source_sends(s, file));
    named && !checker.dockerignore().is_some_and(|ig| ig.is_ignored(file))
}

/// Whether the build context is known to hold `file` (a path relative to its root).
pub(crate) fn context_has(checker: &Checker, file: &str) -> Option<bool> {
    checker.context.has_file(file)
}

/// npm's options that take a value before the subcommand (`npm --prefix dir ci`).
pub(crate) const NPM_VALUE_OPTIONS: [&str; 8] = [
    "--prefix",
    "-C",
    "--cache",
    "--registry",
    "--userconfig",
    "--loglevel",
    "-w",
    "--workspace",
];

/// An `npm` command: its subcommand word and its arguments.
pub(crate) fn npm_command(command: &Command) -> Option<(&Word, &[Word])> {
    let (program, args) = invocation(command)?;
    if program != "npm" {
        return None;
    }
    let (_, sub) = subcommand(args, &NPM_VALUE_OPTIONS)?;
    Some((sub, args))
}

/// Whether a command is `<program> <sub> <sub2>` (`npm cache clean`, `yum clean all`),
/// options anywhere.
pub(crate) fn runs_words(command: &Command, programs: &[&str], words: &[&str]) -> bool {
    let Some((program, args)) = invocation(command) else {
        return false;
    };
    if !programs.contains(&program) {
        return false;
    }
    let mut positional = args.iter().filter(|w| !w.value.starts_with('-'));
    words
        .iter()
        .all(|want| positional.next().is_some_and(|w| w.value == *want))
}

/// pip's global options that take a value (they may come before the subcommand).
pub(crate) const PIP_VALUE_OPTIONS: [&str; 11] = [
    "--proxy",
    "--log",
    "--cache-dir",
    "--timeout",
    "--retries",
    "--exists-action",
    "--trusted-host",
    "--cert",
    "--client-cert",
    "--python",
    "--use-feature",
];

/// A pip command (`pip`, `pip3`, `pip3.12`, `python -m pip`): its subcommand word and the
/// arguments after `pip`.
pub(crate) fn pip_command(command: &Command) -> Option<(&Word, &[Word])> {
    let (program, args) = invocation(command)?;
    let args = if is_pip(program) {
        args
    } else if is_python(program) {
        match args {
            [m, module, rest @ ..] if m.value == "-m" && is_pip(&module.value) => rest,
            _ => return None,
        }
    } else {
        return None;
    };
    let (_, sub) = subcommand(args, &PIP_VALUE_OPTIONS)?;
    Some((sub, args))
}

/// `pip`, `pip3`, `pip3.12`.
pub(crate) fn is_pip(name: &str) -> bool {
    name.strip_prefix("pip")
        .is_some_and(|v| v.bytes().all(|b| b.is_ascii_digit() || b == b'.'))
}

/// `python`, `python3`, `python3.12`.
pub(crate) fn is_python(name: &str) -> bool {
    name.strip_prefix("python")
        .is_some_and(|v| v.bytes().all(|b| b.is_ascii_digit() || b == b'.'))
}

/// What a "cache not cleaned" rule of a system package manager looks for (DL3032,
/// DL3036, DL3040).
pub(crate) struct CleanRule {
    /// The programs whose installs are checked (basename).
    pub programs: &'static [&'static str],
    /// The programs whose clean counts (`dnf clean all` after `yum install`: one cache).
    pub clean_programs: &'static [&'static str],
    /// Subcommands that install (any argument, as hadolint reads them).
    pub install: &'static [&'static str],
    /// Whether a command (of the family) cleans the cache.
    pub cleans: fn(&[Word]) -> bool,
    /// The cache directories: removing one cleans too, a cache mount over one keeps the
    /// cache out of the layer.
    pub cache_dirs: &'static [&'static str],
    /// The command the fix appends, given the program that installed.
    pub clean_command: fn(&str) -> String,
}

fn family<'c>(command: &'c Command, programs: &[&str]) -> Option<(&'c str, &'c [Word])> {
    invocation(command).filter(|(program, _)| programs.contains(program))
}

/// Reports the first install of the family in a `RUN` of the final image that no clean (or
/// removal of the cache) follows in the same `RUN`, with a safe fix appending the clean.
pub(crate) fn check_clean(checker: &Checker, rule: &CleanRule) {
    for (index, script) in checker.scripts_running_programs() {
        let Some(run) = as_run(&checker.instructions()[index]) else {
            continue;
        };
        if !ships(checker, index) || cache_mounted(run, &[], rule.cache_dirs) {
            continue;
        }
        for command in &script.commands {
            let Some((program, args)) = family(command, rule.programs) else {
                continue;
            };
            let Some(verb) = args
                .iter()
                .find(|w| rule.install.contains(&w.value.as_str()))
            else {
                continue;
            };
            let cleaned = script.commands.iter().any(|c| {
                c.range.start > command.range.start
                    && family(c, rule.clean_programs).is_some_and(|(_, a)| (rule.cleans)(a))
            });
            if cleaned || removes_cache(script, command.range.start, &[], rule.cache_dirs) {
                continue;
            }
            let clean = (rule.clean_command)(program);
            let fix = append_point(checker, index, script).map(|at| {
                Fix::safe(
                    format!("Run `{clean}` in the same `RUN`"),
                    vec![append_command(checker, index, at, &clean)],
                )
            });
            checker
                .report(
                    command.range,
                    format!("`{program} {}` without `{clean}`", verb.value),
                )
                .fix_opt(fix);
            // One report per `RUN`: one clean at its end covers every install.
            break;
        }
    }
}

/// Whether the yarn a stage runs is Yarn 2+ ("berry"), a different tool with the same
/// name: a `.yarnrc.yml` copied in (or in the context of a whole-context COPY), `yarn set
/// version` / `corepack prepare yarn@2+` earlier, or berry-only words in a yarn command of
/// the script (`--immutable`, `workspaces focus`, `dlx`).
pub(crate) fn yarn_is_berry(checker: &Checker, index: usize, script: Option<&Script>) -> bool {
    let berry_words = |c: &Command| {
        matches!(invocation(c), Some(("yarn" | "yarnpkg", args)) if args.iter().any(|w| {
            matches!(
                w.value.as_str(),
                "--immutable" | "--immutable-cache" | "--check-cache" | "dlx" | "workspaces"
            )
        }))
    };
    if script.is_some_and(|s| s.commands.iter().any(berry_words)) {
        return true;
    }
    let has_yarnrc = context_has(checker, ".yarnrc.yml") == Some(true);
    lineage_before(checker, index).into_iter().any(|i| {
        let inst = &checker.instructions()[i];
        if let Some(sources) = context_sources(inst) {
            return sources.iter().any(|s| {
                let s = context_relative(s);
                s == ".yarnrc.yml" || s == ".yarn" || s.starts_with(".yarn/")
            }) || (has_yarnrc && copies_file(checker, &sources, ".yarnrc.yml"));
        }
        if as_run(inst).is_none() {
            return false;
        }
        let text = checker.text(inst.range);
        text.contains("yarn set version")
            || text.contains("yarn policies set-version berry")
            || (text.contains("corepack")
                && [
                    "yarn@2",
                    "yarn@3",
                    "yarn@4",
                    "yarn@5",
                    "yarn@stable",
                    "yarn@berry",
                ]
                .iter()
                .any(|v| text.contains(v)))
    })
}
