//! The body of the version-pinning rules, and how each package manager writes a pinned
//! version.

use std::borrow::Cow;

use crate::rules::messages::code_list;
use crate::rules::shared::shell_values::{expand_in_scope, script_assignment};
use crate::rules::Checker;
use crate::semantic::commands::operands;
use crate::semantic::commands::program_with_args;
use crate::semantic::commands::runs;
use crate::semantic::commands::subcommand;
use crate::semantic::commands::RPM_VALUE_OPTIONS;
use crate::semantic::variables::lone_variable;
use crate::syntax::shell::{Script, Word};
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
    for (index, _, script) in checker.run_scripts() {
        for command in &script.commands {
            let Some(args) = runs(command, programs, subs, takes_value) else {
                continue;
            };
            let Some((sub, _)) = subcommand(args, takes_value) else {
                continue;
            };
            let unpinned: Vec<Cow<str>> = operands(args, sub, takes_value)
                .flat_map(|w| named_packages(checker, index, script, w))
                .filter(|p| !pinned(p))
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

/// The packages a package word names: the word itself, or, when it holds variables, what
/// they are set to, split as the shell splits an unquoted expansion, options left out
/// (`$APT_OPTS`). A variable is looked up in the script before the word (`INSTALL_PKGS="git
/// tar" && apt-get install $INSTALL_PKGS`), then in the stage (`apk add $BUILD_DEPS` after
/// `ENV BUILD_DEPS="gcc make"`). A word that is one variable known only at build time names
/// no package to judge (taken as pinned, as the rpm rules take it); a name around one
/// (`postgresql-${PG_MAJOR}-pgq3`) is judged as written.
pub(crate) fn named_packages<'w>(
    checker: &Checker,
    index: usize,
    script: &Script,
    word: &'w Word,
) -> Vec<Cow<'w, str>> {
    if !word.dynamic {
        return vec![Cow::Borrowed(word.value.as_str())];
    }
    // What a command substitution prints is known only when it runs.
    if word.value.contains("$(") || word.value.contains('`') {
        return Vec::new();
    }
    let lone = lone_variable(&word.value);
    let text = match lone.and_then(|name| script_assignment(script, word.range.start, name)) {
        Some((value, false)) => value.to_string(),
        Some((_, true)) => return Vec::new(),
        None => match expand_in_scope(checker, index, &word.value) {
            Some(text) => text,
            None if lone.is_some() => return Vec::new(),
            None => return vec![Cow::Borrowed(word.value.as_str())],
        },
    };
    if word.quoted {
        return if text.is_empty() {
            Vec::new()
        } else {
            vec![Cow::Owned(text)]
        };
    }
    text.split_whitespace()
        .filter(|p| !p.starts_with('-'))
        .map(|p| Cow::Owned(p.to_string()))
        .collect()
}

/// A package of `yum`/`dnf install` that names a version (`curl-7.61.1`,
/// `curl-7.61.1-1.el8`).
fn rpm_version_text_pinned(package: &str) -> bool {
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
    for (index, _, script) in checker.run_scripts() {
        for command in &script.commands {
            let Some((prog, args)) = program_with_args(command) else {
                continue;
            };
            if !programs.contains(&prog) {
                continue;
            }
            let Some((at, sub)) = subcommand(args, &RPM_VALUE_OPTIONS) else {
                continue;
            };
            let mut words = operands(args, at, &RPM_VALUE_OPTIONS);
            let (module, unpinned) = match sub.value.as_str() {
                "install" => (false, words.find(|w| !rpm_pinned(checker, index, w, false))),
                "module" => match words.next().map(|w| w.value.as_str()) {
                    Some("install") => (true, words.find(|w| !rpm_pinned(checker, index, w, true))),
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

fn rpm_pinned(checker: &Checker, index: usize, word: &Word, module: bool) -> bool {
    if word.value.starts_with('@') {
        return true;
    }
    let expanded;
    let package = if word.dynamic {
        match expand_in_scope(checker, index, &word.value) {
            Some(text) => {
                expanded = text;
                expanded.as_str()
            }
            // A value only known at build time (a build argument, the base image's
            // environment, the shell): taken as pinned.
            None => return true,
        }
    } else {
        word.value.as_str()
    };
    if module {
        package.contains(':')
    } else {
        package.ends_with(".rpm") || rpm_version_text_pinned(package)
    }
}
