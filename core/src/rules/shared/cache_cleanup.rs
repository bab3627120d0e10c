//! The body of the cache-cleanup rules (yum, dnf, zypper): an install in a `RUN` that
//! ships must clean the package cache in the same `RUN`, or mount it as a cache.

use crate::edit::Fix;
use crate::paths::covers_cache;
use crate::paths::strip_home;
use crate::rules::fixes::append::append_command;
use crate::rules::fixes::append::append_point;
use crate::rules::fixes::append::like_install;
use crate::rules::shared::shell_values::may_hold;
use crate::rules::Checker;
use crate::semantic::commands::glob_is_literal;
use crate::semantic::commands::invocation;
use crate::semantic::commands::is_package_verb;
use crate::semantic::commands::rm_targets;
use crate::semantic::instructions::cache_mounted;
use crate::syntax::shell::Command;
use crate::syntax::shell::Script;
use crate::syntax::shell::Word;
/// Whether a command after `after` in the script removes a cache directory: an `rm` of it
/// (or of a path that comes from a variable, which may well be it). A glob the shell does
/// not expand (`rm -rf "/var/cache/apk/*"`) removes nothing.
pub(crate) fn removes_cache(
    checker: &Checker,
    (index, script): (usize, &Script),
    after: u32,
    home_relative: &[&str],
    absolute: &[&str],
) -> bool {
    let covers = |value: &str| covers_cache(value, home_relative, absolute);
    script.commands.iter().any(|c| {
        c.range.start >= after
            && rm_targets(c).is_some_and(|mut targets| {
                targets.any(|w| {
                    (w.dynamic
                        && w.value.starts_with('$')
                        && strip_home(&w.value).is_none()
                        && may_hold(checker, index, script, w, covers))
                        || (covers(&w.value) && !glob_is_literal(checker.text(w.range)))
                })
            })
    })
}

/// Whether the cache the command `install` fills is gone when its `RUN` ends: a later
/// command of the script cleans it (`cleans`: `apk cache clean`, `npm cache clean`), or
/// removes its directories ([`removes_cache`]).
pub(crate) fn cleaned_after(
    checker: &Checker,
    (index, script): (usize, &Script),
    install: &Command,
    (home_relative, absolute): (&[&str], &[&str]),
    cleans: impl Fn(&Command) -> bool,
) -> bool {
    script
        .commands
        .iter()
        .any(|c| c.range.start > install.range.start && cleans(c))
        || removes_cache(
            checker,
            (index, script),
            install.range.start,
            home_relative,
            absolute,
        )
}

/// What a "cache not cleaned" rule of a system package manager looks for (DL3032,
/// DL3036, DL3040).
pub(crate) struct CleanRule {
    /// The programs whose installs are checked (basename).
    pub programs: &'static [&'static str],
    /// The programs whose clean counts besides the installing program itself (`dnf clean
    /// all` after `yum install`: one cache).
    pub clean_programs: &'static [&'static str],
    /// Subcommands that install, by their canonical names (any argument, as hadolint reads
    /// them; aliases such as `dnf in` resolved by `package_verb`).
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
    for (index, run, script) in checker.shipped_run_scripts() {
        if cache_mounted(run, &[], rule.cache_dirs) {
            continue;
        }
        for command in &script.commands {
            let Some((program, args)) = family(command, rule.programs) else {
                continue;
            };
            let Some(verb) = args
                .iter()
                .find(|w| is_package_verb(program, &w.value, rule.install))
            else {
                continue;
            };
            let cleans = |c: &Command| {
                invocation(c).is_some_and(|(p, a)| {
                    (p == program
                        || (rule.clean_programs.contains(&p)
                            && rule.clean_programs.contains(&program)))
                        && (rule.cleans)(a)
                })
            };
            if cleaned_after(
                checker,
                (index, script),
                command,
                (&[], rule.cache_dirs),
                cleans,
            ) {
                continue;
            }
            let mut clean = (rule.clean_command)(program);
            if let Some(rest) = clean
                .strip_prefix(program)
                .and_then(|r| r.strip_prefix(' '))
            {
                clean = like_install(checker, command, program, rest);
            }
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
