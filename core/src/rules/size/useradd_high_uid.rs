use std::borrow::Cow;

use crate::declare_rule;
use crate::edit::Edit;
use crate::edit::Fix;
use crate::rules::shared::shell_values::script_assignment;
use crate::rules::Checker;
use crate::semantic::commands::basename;
use crate::semantic::commands::has_flag;
use crate::semantic::commands::program_with_args;
use crate::semantic::definitions::Setting;
use crate::semantic::quoting::unquote;
use crate::semantic::variables::{lone_variable, variable_set_before};
use crate::syntax::shell::{Script, Word};
use crate::syntax::InstructionKind;

declare_rule! {
    /// ## What it does
    /// Checks for `useradd` with a large user ID (six digits or more), or one only known at
    /// build time (`-u "$UID"`, `-u $(id -u)`), and without `-l` (`--no-log-init`).
    ///
    /// ## Why is this bad?
    /// `useradd` reserves an entry for the new user in `/var/log/lastlog` and
    /// `/var/log/faillog`, files indexed by user ID. With a large ID they become sparse
    /// files of gigabytes, which image layers store in full: the image grows by that much
    /// and the build can run out of disk.
    ///
    /// A user ID given through a variable is reported too, unless an `ENV` (or the script)
    /// sets it to a small number: it is typically the host user's,
    /// passed with `--build-arg UID=$(id -u)`, and in an organisation whose accounts come
    /// from a directory service (LDAP, Active Directory) that ID is often large, whatever the
    /// `ARG`'s default. `-l` costs nothing, so it is worth having whenever the ID is not a
    /// small constant (hadolint reports these as well).
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:trixie-slim
    /// RUN useradd -u 123456 app
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:trixie-slim
    /// RUN useradd -l -u 123456 app
    /// ```
    ///
    /// ## Fix safety
    /// Safe: `-l` only leaves the user out of the login records, which a container never
    /// reads.
    ///
    /// ## References
    /// - [hadolint DL3046](https://github.com/hadolint/hadolint/wiki/DL3046)
    /// - [Docker best practices: USER](https://docs.docker.com/build/building/best-practices/#user)
    pub(crate) static RULE = {
        code: "DL3046",
        name: "useradd-high-uid",
        category: Size,
        severity: Warning,
        default_enabled: true,
        buildkit: None,
        fix: Always,
        programs: ["useradd"],
        check: check,
    }
}

fn check(checker: &Checker) {
    for (index, _, script) in checker.run_scripts() {
        for command in &script.commands {
            let Some(("useradd", args)) = program_with_args(command) else {
                continue;
            };
            if has_flag(args, &["-l", "--no-log-init"]) {
                continue;
            }
            let Some(uid) = uid(args) else {
                continue;
            };
            // `--uid "$UGID"` after `ENV UGID=2000` is known: BuildKit sets it.
            let uid = match uid {
                Uid::AtBuildTime(text) => {
                    match known_value(checker, index, script, command.range.start, text) {
                        Some(value) => Uid::Known(Cow::Owned(value)),
                        None => Uid::AtBuildTime(text),
                    }
                }
                known => known,
            };
            let message = match uid {
                Uid::Known(uid) if uid.len() > 5 && uid.bytes().all(|b| b.is_ascii_digit()) => {
                    format!("`useradd -u {uid}` without `-l` (`--no-log-init`)")
                }
                Uid::Known(_) => continue,
                Uid::AtBuildTime(uid) => format!(
                    "`useradd -u {uid}` without `-l` (`--no-log-init`): the user ID is only known \
                     at build time, and a large one makes `/var/log/lastlog` gigabytes"
                ),
            };
            let fix = command
                .words
                .iter()
                .find(|w| basename(&w.value) == "useradd")
                .map(|w| Fix::safe("Add `-l`", vec![Edit::insert(w.range.end, " -l")]));
            checker.report(command.range, message).fix_opt(fix);
        }
    }
}

/// What a user ID made of one variable holds when the `RUN` runs: a value the script sets
/// earlier, or one an `ENV` sets to a constant.
fn known_value(
    checker: &Checker,
    index: usize,
    script: &Script,
    at: u32,
    text: &str,
) -> Option<String> {
    let name = lone_variable(text)?;
    match script_assignment(script, at, name) {
        Some((value, false)) => Some(value.to_owned()),
        Some((_, true)) => None,
        // An `ARG`'s default is what the build gets unless told otherwise: typically the
        // host user's ID, passed with `--build-arg`.
        // `ENV UID=$UID` after `ARG UID=1000` is as overridable as the `ARG`.
        None => {
            let (at, Setting::Valued(value)) = variable_set_before(checker, index, name)? else {
                return None;
            };
            (checker.instructions()[at].kind == InstructionKind::Env && !value.contains('$'))
                .then(|| unquote(value).to_owned())
        }
    }
}

/// The user ID `useradd` is given.
enum Uid<'a> {
    Known(Cow<'a, str>),
    /// Made from a variable or a command's output: the text as written.
    AtBuildTime(&'a str),
}

/// The value of `-u`/`--uid`.
fn uid(args: &[Word]) -> Option<Uid<'_>> {
    let mut iter = args.iter();
    while let Some(w) = iter.next() {
        let v = w.value.as_str();
        let (word, text) = if v == "-u" || v == "--uid" {
            let next = iter.next()?;
            (next, next.value.as_str())
        } else if let Some(text) = v.strip_prefix("--uid=") {
            (w, text)
        } else if let Some(text) = v
            .strip_prefix("-u")
            .filter(|t| !t.is_empty() && !t.starts_with('-'))
        {
            (w, text)
        } else {
            continue;
        };
        return Some(if word.dynamic {
            Uid::AtBuildTime(text)
        } else {
            Uid::Known(Cow::Borrowed(text))
        });
    }
    None
}
