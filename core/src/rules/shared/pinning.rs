//! The body of the version-pinning rules, and how each package manager writes a pinned
//! version.

use crate::rules::messages::code_list;
use crate::rules::Checker;
use crate::semantic::commands::operands;
use crate::semantic::commands::positionals;
use crate::semantic::commands::program_with_args;
use crate::semantic::commands::runs;
use crate::semantic::commands::subcommand;
use crate::semantic::commands::RPM_VALUE_OPTIONS;
use crate::syntax::shell::Word;
/// The body of the version-pinning rules: reports each `program sub …` (in every `RUN`,
/// `ONBUILD` triggers included) whose package operands are not all `pinned`, naming them
/// in "`{what}` without a version for …".
pub(crate) fn report_unpinned(
    checker: &Checker,
    programs: &[&str],
    subs: &[&str],
    takes_value: &[&str],
    pinned: fn(&str) -> bool,
    what: &str,
) {
    for (_index, _, script) in checker.run_scripts() {
        for command in &script.commands {
            let Some(args) = runs(command, programs, subs, takes_value) else {
                continue;
            };
            let Some((sub, _)) = subcommand(args, takes_value) else {
                continue;
            };
            let unpinned: Vec<&str> = operands(args, sub, takes_value)
                .filter(|w| !w.dynamic && !pinned(&w.value))
                .map(|w| w.value.as_str())
                .collect();
            if !unpinned.is_empty() {
                checker.report(
                    command.range,
                    format!("`{what}` without a version for {}", code_list(&unpinned)),
                );
            }
        }
    }
}

/// A package argument of `yum`/`dnf install` that names a version (`curl-7.61.1`,
/// `curl-7.61.1-1.el8`, a `.rpm` file). Dynamic words count as pinned: their value is
/// not known here.
pub(crate) fn rpm_version_pinned(word: &Word) -> bool {
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

/// Reports `install` (and `module install`) of packages without a version by one of the
/// rpm tools `programs` (`DL3033`, `DL3041`).
pub(crate) fn check_rpm_unpinned(checker: &Checker, programs: &[&str]) {
    for (_, _, script) in checker.run_scripts() {
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
