//! Package managers configured once in the image (`Assume-Yes`, `assumeyes`,
//! `Install-Recommends`) need no flag on each command afterwards.

use crate::rules::Checker;
use crate::semantic::commands::invocation;
use crate::semantic::instructions::run_of;
use crate::syntax::shell::{Connector, RedirectOp, Script, Word};
use crate::syntax::{Instruction, InstructionKind, TextRange};

/// Calls `f` with each `RUN` (`ONBUILD` triggers included) and its script, until an
/// earlier `RUN` of the stage writes `setting` (`Assume-Yes`, `assumeyes`), with a value
/// that is not false, into the configuration under `dirs`: a package manager configured to
/// answer yes needs no flag afterwards.
pub(crate) fn runs_until_configured(
    checker: &Checker,
    setting: &str,
    dirs: &[&str],
    mut f: impl FnMut(&Script),
) {
    let mut configured = false;
    for (index, inst) in checker.instructions().iter().enumerate() {
        if inst.kind == InstructionKind::From {
            configured = false;
        }
        if configured || run_of(inst).is_none() {
            continue;
        }
        let Some(script) = checker.script(index) else {
            continue;
        };
        if checker.text(inst.range).contains(setting) {
            configured = written_setting(checker, inst, script, setting, dirs)
                .is_some_and(|value| !is_false(&value));
            if configured {
                continue;
            }
        }
        if checker.runs_rule_programs(index) {
            f(script);
        }
    }
}

/// Whether a command's own options set `setting` (`APT::Get::Assume-Yes=`, `assumeyes=`) to
/// a value that is not false: `-o APT::Get::Assume-Yes=true`, `--setopt=assumeyes=1`.
pub(crate) fn option_sets(args: &[Word], setting: &str) -> bool {
    args.iter().any(|w| {
        w.value
            .split_once(setting)
            .is_some_and(|(_, value)| !value.is_empty() && !is_false(value))
    })
}

/// Whether a configuration value says no: `false`, `0`, `no`, `off` (apt's and yum's
/// booleans), quoted or not.
pub(crate) fn is_false(value: &str) -> bool {
    ["false", "0", "no", "off"].iter().any(|v| {
        value
            .get(..v.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(v))
            && !value[v.len()..].starts_with(|c: char| c.is_ascii_alphanumeric())
    })
}

/// The value (the text after `setting`, quotes, `=` and blanks trimmed) a command of the
/// script writes into a file under one of `dirs` (`/etc/apt/`): the setting is in its
/// words or in the heredoc it reads, and it writes through a redirection, a file argument
/// (`sed -i ... /etc/yum.conf`) or the `tee` it is piped into. `echo
/// APT::Install-Recommends "0"; >> /etc/apt/apt.conf` writes nothing: the `;` ends the
/// `echo` before the redirection.
pub(crate) fn written_setting(
    checker: &Checker,
    inst: &Instruction,
    script: &Script,
    setting: &str,
    dirs: &[&str],
) -> Option<String> {
    let into = |w: &Word| dirs.iter().any(|dir| w.value.starts_with(dir));
    script.commands.iter().enumerate().find_map(|(n, command)| {
        let mut text = command
            .words
            .iter()
            .map(|w| w.value.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        for redirect in &command.redirects {
            // A heredoc of the script, or (`RUN cat > file <<EOF`) the instruction's own.
            let bodies: Vec<TextRange> = match redirect.heredoc_body {
                Some(body) => vec![body],
                None if matches!(redirect.op, RedirectOp::HereDoc | RedirectOp::HereDocStrip) => {
                    inst.heredocs.iter().map(|doc| doc.body).collect()
                }
                None => Vec::new(),
            };
            for body in bodies {
                text.push(' ');
                text.push_str(checker.text(body));
            }
        }
        let (_, after) = text.split_once(setting)?;
        let writes = command
            .redirects
            .iter()
            .any(|r| r.target.as_ref().is_some_and(into))
            || command.words.iter().skip(1).any(into)
            || script.commands.get(n + 1).is_some_and(|next| {
                next.connector == Connector::Pipe
                    && invocation(next)
                        .is_some_and(|(program, args)| program == "tee" && args.iter().any(into))
            });
        writes.then(|| {
            after
                .trim_start_matches([' ', '"', '\'', '=', '\t'])
                .to_owned()
        })
    })
}

#[cfg(test)]
mod tests {
    use super::is_false;

    #[test]
    fn false_values() {
        for no in ["false", "0;", "0", "No", "off;"] {
            assert!(is_false(no), "{no}");
        }
        for yes in ["true", "1", "yes", "0x", "nothing"] {
            assert!(!is_false(yes), "{yes}");
        }
    }
}
