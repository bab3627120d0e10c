//! Questions the package-manager and build-cache rules share: which `RUN`s ship, what a
//! stage inherits (ENV, ARG, COPY), cache mounts, what `rm` removes, where a command can be
//! appended, and which base image a stage starts from.

use crate::knowledge::classify_tag;
use crate::paths::context_relative;
use crate::paths::covers_cache;
use crate::paths::source_sends;
use crate::paths::strip_home;
use crate::rules::edits::append_command;
use crate::rules::{Checker, Fix};
use crate::semantic::commands::invocation;
use crate::semantic::commands::rm_targets;
use crate::semantic::commands::subcommand;
use crate::semantic::instructions::cache_mounted;
use crate::semantic::instructions::context_sources;
use crate::semantic::instructions::run_of;
use crate::semantic::stages::lineage_before;
use crate::syntax::shell::{Command, Connector, Script, Word};
use crate::syntax::{Args, Instruction, InstructionKind, Stage, TextRange};

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
    let run = run_of(inst)?;
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
        let Some(run) = run_of(&checker.instructions()[index]) else {
            continue;
        };
        if !checker.ships(index) || cache_mounted(run, &[], rule.cache_dirs) {
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
        if run_of(inst).is_none() {
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
