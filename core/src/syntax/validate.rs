//! What BuildKit's parser accepts but its instruction layer (`instructions/parse.go`)
//! rejects: unknown instructions, flags an instruction does not take, missing arguments,
//! and the values [`super::instruction_layer`] checks.
//! These are warnings of the parse; the analyzer reports them as errors of the build.

use super::distance::closest_keyword;
use super::error::{SyntaxError, SyntaxErrorKind};
use super::instruction::{Args, Instruction, InstructionKind};

/// The flags each instruction accepts (BuildKit's `req.flags.Add*` calls).
fn allowed_flags(kind: InstructionKind) -> &'static [&'static str] {
    use InstructionKind as K;
    match kind {
        K::From => &["platform"],
        K::Run => &["mount", "network", "security", "device"],
        K::Copy => &["chown", "from", "chmod", "link", "exclude", "parents"],
        K::Add => &[
            "chown",
            "chmod",
            "link",
            "keep-git-dir",
            "checksum",
            "unpack",
            "exclude",
        ],
        K::Healthcheck => &[
            "interval",
            "timeout",
            "start-period",
            "start-interval",
            "retries",
        ],
        _ => &[],
    }
}

pub(crate) fn instruction_warnings(inst: &Instruction, out: &mut Vec<SyntaxError>) {
    check(inst, out);
    if let Some(trigger) = &inst.trigger {
        let k = trigger.kind;
        if matches!(
            k,
            InstructionKind::Onbuild | InstructionKind::From | InstructionKind::Maintainer
        ) {
            let message = if k == InstructionKind::Onbuild {
                "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed".to_string()
            } else {
                format!("{} isn't allowed as an ONBUILD trigger", k.as_str())
            };
            out.push(SyntaxError::new(
                SyntaxErrorKind::ChainedOnbuild,
                message,
                trigger.keyword.range,
            ));
        } else {
            check(trigger, out);
        }
    }
}

fn check(inst: &Instruction, out: &mut Vec<SyntaxError>) {
    if inst.kind == InstructionKind::Unknown {
        let word = &inst.keyword.value;
        let message = match suggest_keyword(word) {
            Some(s) => format!("unknown instruction: {word} (did you mean {s}?)"),
            None => format!("unknown instruction: {word}"),
        };
        out.push(SyntaxError::new(
            SyntaxErrorKind::UnknownInstruction,
            message,
            inst.keyword.range,
        ));
        return;
    }
    let allowed = allowed_flags(inst.kind);
    let healthcheck_none = matches!(&inst.args, Args::Healthcheck { kind, .. } if kind.value.eq_ignore_ascii_case("NONE"));
    for flag in &inst.flags {
        if !allowed.contains(&flag.name()) || healthcheck_none {
            out.push(SyntaxError::new(
                SyntaxErrorKind::UnknownFlag,
                format!("unknown flag: {} for {}", flag.name(), inst.kind.as_str()),
                flag.range,
            ));
        }
    }
    if let Some(message) = missing_arguments(inst) {
        out.push(SyntaxError::new(
            SyntaxErrorKind::MissingArguments,
            message,
            inst.range,
        ));
        return;
    }
    super::instruction_layer::check(inst, out);
}

fn missing_arguments(inst: &Instruction) -> Option<String> {
    use InstructionKind as K;
    let count = match &inst.args {
        Args::Empty => 0,
        Args::List(items) | Args::Words(items) => items.len(),
        Args::Exec { items, .. } => items.len(),
        Args::KeyValues(kv) => kv.len(),
        _ => 1,
    };
    let kind = inst.kind;
    match kind {
        K::From => {
            let ok = count == 1
                || (count == 3 && matches!(&inst.args, Args::List(w) if w[1].value.eq_ignore_ascii_case("as")));
            (!ok).then(|| "FROM requires either one or three arguments".to_string())
        }
        K::Copy | K::Add if count + inst.heredocs.len() < 2 => Some(format!(
            "{} requires at least two arguments, but only one was provided. Destination could not be determined",
            kind.as_str()
        )),
        K::Env | K::Label | K::Arg | K::Expose | K::Volume | K::Onbuild | K::Healthcheck | K::Shell
            if count == 0 =>
        {
            Some(format!("{} requires at least one argument", kind.as_str()))
        }
        K::User | K::Workdir | K::Stopsignal | K::Maintainer if count == 0 => {
            Some(format!("{} requires exactly one argument", kind.as_str()))
        }
        _ => None,
    }
}

/// The known keyword closest to a misspelt one, when it is close enough to be a typo.
fn suggest_keyword(word: &str) -> Option<&'static str> {
    if !(2..=16).contains(&word.len()) || !word.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    closest_keyword(word, InstructionKind::ALL.iter().map(|k| k.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_for_typos_only() {
        assert_eq!(suggest_keyword("RUNN"), Some("RUN"));
        assert_eq!(suggest_keyword("cpy"), Some("COPY"));
        assert_eq!(suggest_keyword("ENTRYPONT"), Some("ENTRYPOINT"));
        assert_eq!(suggest_keyword("apt-get"), None);
    }
}
