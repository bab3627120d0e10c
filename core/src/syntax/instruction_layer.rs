//! Values BuildKit's instruction layer (`instructions/parse.go`, `bflag.go`) rejects after
//! its parser accepted the line: flags given twice, without a value, or with a value they
//! do not take; `HEALTHCHECK` durations and retry counts; blank variable names; an empty
//! `VOLUME`; a stage name that is not one. `docker build` stops there with "dockerfile
//! parse error".

use super::error::{SyntaxError, SyntaxErrorKind};
use super::go_compat::go_quote;
use super::instruction::{Args, Flag, Instruction, InstructionKind};
use super::remote::{is_git_url, is_http_url};
use super::text::TextRange;

/// How BuildKit declares a flag (`AddBool`, `AddString`, `AddStrings`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum FlagType {
    Bool,
    String,
    /// May be given more than once.
    Strings,
}

fn flag_type(kind: InstructionKind, name: &str) -> Option<FlagType> {
    use InstructionKind as K;
    Some(match (kind, name) {
        (K::Copy | K::Add, "link") | (K::Add, "keep-git-dir" | "unpack") | (K::Copy, "parents") => {
            FlagType::Bool
        }
        (K::Copy | K::Add, "exclude") | (K::Run, "mount" | "device") => FlagType::Strings,
        (K::Copy | K::Add, "chown" | "chmod")
        | (K::Copy, "from")
        | (K::Add, "checksum")
        | (K::From, "platform")
        | (K::Run, "network" | "security")
        | (
            K::Healthcheck,
            "interval" | "timeout" | "start-period" | "start-interval" | "retries",
        ) => FlagType::String,
        _ => return None,
    })
}

/// Every problem of the instruction's flags and arguments, as BuildKit words them.
pub(crate) fn check(inst: &Instruction, out: &mut Vec<SyntaxError>) {
    let healthcheck_none = matches!(&inst.args, Args::Healthcheck { kind, .. } if kind.value.eq_ignore_ascii_case("NONE"));
    if !healthcheck_none {
        flags(inst, out);
    }
    arguments(inst, out);
}

fn flags(inst: &Instruction, out: &mut Vec<SyntaxError>) {
    for (i, flag) in inst.flags.iter().enumerate() {
        let name = flag.name();
        // Unknown flags are reported on their own (`unknown-flag`).
        let Some(ty) = flag_type(inst.kind, name) else {
            continue;
        };
        let error =
            |message: String| SyntaxError::new(SyntaxErrorKind::InvalidFlag, message, flag.range);
        // A handful of flags at most: no set is built for them.
        if ty != FlagType::Strings && inst.flags[..i].iter().any(|f| f.name() == name) {
            out.push(error(format!("duplicate flag specified: --{name}")));
            continue;
        }
        match (ty, flag.value()) {
            (FlagType::Bool, Some("")) | (FlagType::String | FlagType::Strings, None) => {
                out.push(error(format!("missing a value on flag: --{name}")));
            }
            (FlagType::Bool, Some(v))
                if !v.eq_ignore_ascii_case("true") && !v.eq_ignore_ascii_case("false") =>
            {
                out.push(error(format!(
                    "expecting boolean value for flag --{name}, not: {v}"
                )));
            }
            _ => {
                if let Some(message) = flag_value_error(inst.kind, flag) {
                    out.push(error(message));
                }
            }
        }
    }
}

/// A value a string flag cannot take.
fn flag_value_error(kind: InstructionKind, flag: &Flag) -> Option<String> {
    let value = flag.value()?;
    match (kind, flag.name()) {
        (InstructionKind::Run, "mount") => super::run_mount::mount_error(value),
        // BuildKit expands `--from` with no variables set and stops when that changes it.
        (InstructionKind::Copy, "from") if changes_when_expanded(value) => Some(
            "variable expansion is not supported for --from, define a new stage with FROM using ARG from global scope as a workaround".to_string(),
        ),
        (InstructionKind::Run, "network") => (!matches!(value, "default" | "none" | "host"))
            .then(|| format!("invalid network mode {}", go_quote(value))),
        (InstructionKind::Run, "security") => (!matches!(value, "sandbox" | "insecure"))
            .then(|| format!("security {} is not valid", go_quote(value))),
        // A number must be an octal mode; other values are symbolic (`u+x`).
        (InstructionKind::Copy | InstructionKind::Add, "chmod")
            if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) =>
        {
            let octal = u32::from_str_radix(value, 8).ok().filter(|m| *m <= 0o7777);
            octal.is_none().then(|| {
                format!("invalid chmod parameter: '{value}'. it should be octal string and between 0 and 07777")
            })
        }
        (InstructionKind::Healthcheck, "retries") if !value.is_empty() => {
            match go_parse_int32(value) {
                Err(why) => Some(format!(
                    "strconv.ParseInt: parsing {}: {why}",
                    go_quote(value)
                )),
                Ok(n) if n < 0 => Some(format!("--retries cannot be negative ({n})")),
                Ok(_) => None,
            }
        }
        (InstructionKind::Healthcheck, name) if !value.is_empty() => match go_duration(value) {
            Err(why) => Some(why),
            Ok(nanos) if nanos != 0 && nanos < 1_000_000 => Some(format!(
                "Interval {} cannot be less than 1ms",
                go_quote(name)
            )),
            Ok(_) => None,
        },
        _ => None,
    }
}

fn arguments(inst: &Instruction, out: &mut Vec<SyntaxError>) {
    let kind = inst.kind;
    let mut error = |message: String, range: TextRange| {
        out.push(SyntaxError::new(
            SyntaxErrorKind::InvalidArgument,
            message,
            range,
        ));
    };
    match (&inst.args, kind) {
        (Args::KeyValues(pairs), InstructionKind::Env | InstructionKind::Label) => {
            if let Some(pair) = pairs.iter().find(|p| p.key.value.is_empty()) {
                error(
                    format!("{} names can not be blank", kind.as_str()),
                    pair.range,
                );
            }
        }
        (Args::Words(words), InstructionKind::Arg) => {
            if let Some(word) = words.iter().find(|w| w.value.starts_with('=')) {
                error("ARG names can not be blank".to_string(), word.range);
            }
        }
        (Args::List(items) | Args::Exec { items, .. }, InstructionKind::Volume) => {
            // A shell-form word is expanded first: `""` and `''` are empty too.
            let empty = |v: &str| matches!(v.trim(), "" | "\"\"" | "''");
            if let Some(item) = items.iter().find(|i| empty(&i.value)) {
                error(
                    "VOLUME specified can not be an empty string".to_string(),
                    item.range,
                );
            }
        }
        (Args::List(words), InstructionKind::From) if words.len() == 3 => {
            let name = &words[2];
            if words[1].value.eq_ignore_ascii_case("as") && !valid_stage_name(&name.value) {
                error(
                    format!(
                        "invalid name for build stage: {}, name can't start with a number or contain symbols",
                        go_quote(&name.value)
                    ),
                    name.range,
                );
            }
        }
        (Args::Shell(text), InstructionKind::Shell) => {
            error(
                "SHELL requires the arguments to be in JSON form".to_string(),
                text.range,
            );
        }
        // Checked when the step runs (`signal.ParseSignal`), after variables are expanded
        // and quotes removed.
        (Args::Text(signal), InstructionKind::Stopsignal) => {
            let value = signal.value.as_str();
            let unquoted = ['"', '\'']
                .iter()
                .find_map(|q| value.strip_prefix(*q)?.strip_suffix(*q))
                .unwrap_or(value);
            let plain = !unquoted.contains(['$', '"', '\'', '\\']);
            if plain && !valid_signal(unquoted) {
                error(format!("Invalid signal: {unquoted}"), signal.range);
            }
        }
        (
            Args::List(words) | Args::Exec { items: words, .. },
            InstructionKind::Copy | InstructionKind::Add,
        ) => {
            if let Some((source, message)) = copy_source_error(inst, words) {
                error(message, source);
            }
        }
        (Args::Healthcheck { kind: typ, command }, InstructionKind::Healthcheck) => {
            let upper = typ.value.to_ascii_uppercase();
            let empty = match command.as_ref() {
                Args::Empty => true,
                Args::Exec { items, .. } => items.is_empty(),
                _ => false,
            };
            match upper.as_str() {
                "NONE" if !empty => {
                    error(
                        "HEALTHCHECK NONE takes no arguments".to_string(),
                        inst.range,
                    );
                }
                "NONE" => {}
                "CMD" if empty => {
                    error(
                        "Missing command after HEALTHCHECK CMD".to_string(),
                        inst.range,
                    );
                }
                "CMD" => {}
                _ => error(
                    format!("Unknown type {} in HEALTHCHECK (try CMD)", go_quote(&upper)),
                    typ.range,
                ),
            }
        }
        _ => {}
    }
}

/// Whether BuildKit's word expansion with no variables set gives something else than
/// `value`: it holds a variable, a quote or an escape (a `$` at the very end stays).
fn changes_when_expanded(value: &str) -> bool {
    let bytes = value.as_bytes();
    value.contains(['"', '\'', '\\'])
        || bytes
            .windows(2)
            .any(|w| w[0] == b'$' && (w[1] == b'{' || w[1] == b'_' || w[1].is_ascii_alphanumeric()))
}

/// What BuildKit's copy stops at in the sources of a `COPY` or `ADD`, once they are
/// expanded (sources with variables are left alone): a URL or a Git repository for `COPY`,
/// and an `ADD --checksum` of several sources or of a source that is neither.
fn copy_source_error(inst: &Instruction, words: &[super::Str]) -> Option<(TextRange, String)> {
    let sources = words.split_last().map_or(&[][..], |(_, sources)| sources);
    let fixed = |s: &&super::Str| !s.value.contains('$');
    if inst.kind == InstructionKind::Copy {
        // Every URL and Git reference has a `:`; most sources do not, and the checks
        // below lower-case their text.
        return sources
            .iter()
            .filter(fixed)
            .filter(|s| s.value.contains(':'))
            .find_map(|s| {
                let message = if is_git_url(&s.value) {
                    "source can't be a git ref for COPY"
                } else if is_http_url(&s.value) {
                    "source can't be a URL for COPY"
                } else {
                    return None;
                };
                Some((s.range, message.to_string()))
            });
    }
    let checksum = inst.flag("checksum")?;
    if sources.len() + inst.heredocs.len() > 1 {
        return Some((
            checksum.range,
            "checksum can't be specified for multiple sources".to_string(),
        ));
    }
    let source = sources.first().filter(fixed)?;
    (!is_http_url(&source.value) && !is_git_url(&source.value)).then(|| {
        (
            source.range,
            "checksum requires HTTP(S) or Git sources".to_string(),
        )
    })
}

/// Linux signal names `moby/sys/signal` knows, without the `SIG` prefix.
const SIGNALS: [&str; 36] = [
    "ABRT", "ALRM", "BUS", "CHLD", "CLD", "CONT", "FPE", "HUP", "ILL", "INT", "IO", "IOT", "KILL",
    "PIPE", "POLL", "PROF", "PWR", "QUIT", "SEGV", "STKFLT", "STOP", "SYS", "TERM", "TRAP", "TSTP",
    "TTIN", "TTOU", "UNUSED", "URG", "USR1", "USR2", "VTALRM", "WINCH", "XCPU", "XFSZ", "RTMIN",
];

/// `signal.ParseSignal`: a number other than 0, or a known name with or without `SIG`
/// (`RTMIN+n` and `RTMAX-n` up to 15 included).
fn valid_signal(text: &str) -> bool {
    if let Ok(n) = text.parse::<i64>() {
        return n != 0 && i32::try_from(n).is_ok();
    }
    let upper = text.to_ascii_uppercase();
    let name = upper.strip_prefix("SIG").unwrap_or(&upper);
    let offset = |rest: &str| rest.parse::<u8>().is_ok_and(|n| (1..=15).contains(&n));
    SIGNALS.contains(&name)
        || name == "RTMAX"
        || name.strip_prefix("RTMIN+").is_some_and(offset)
        || name.strip_prefix("RTMAX-").is_some_and(offset)
}

/// BuildKit's `^[a-z][a-z0-9-_.]*$`, on the lower-cased name.
fn valid_stage_name(name: &str) -> bool {
    let mut bytes = name.bytes().map(|b| b.to_ascii_lowercase());
    bytes.next().is_some_and(|b| b.is_ascii_lowercase())
        && bytes.all(|b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'-' | b'_' | b'.')
        })
}

/// Go's `strconv.ParseInt(s, 10, 32)`: the value, or why it is not one.
fn go_parse_int32(s: &str) -> Result<i64, &'static str> {
    let digits = s.strip_prefix(['+', '-']).unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err("invalid syntax");
    }
    match s.parse::<i64>() {
        Ok(n) if i32::try_from(n).is_ok() => Ok(n),
        _ => Err("value out of range"),
    }
}

/// Go's `time.ParseDuration`, in nanoseconds: a sign, then numbers with a unit each
/// (`1h30m`, `1.5s`, `300ms`); `0` alone needs no unit. The error is Go's message.
fn go_duration(text: &str) -> Result<i128, String> {
    let invalid = || format!("time: invalid duration {}", go_quote(text));
    let (negative, mut rest) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    if rest == "0" {
        return Ok(0);
    }
    if rest.is_empty() {
        return Err(invalid());
    }
    let mut total: i128 = 0;
    while !rest.is_empty() {
        let int_len = rest.bytes().take_while(u8::is_ascii_digit).count();
        let mut number_len = int_len;
        let mut frac_len = 0;
        if rest.as_bytes().get(int_len) == Some(&b'.') {
            frac_len = rest[int_len + 1..]
                .bytes()
                .take_while(u8::is_ascii_digit)
                .count();
            number_len = int_len + 1 + frac_len;
        }
        if int_len == 0 && frac_len == 0 {
            return Err(invalid());
        }
        let number = &rest[..number_len];
        rest = &rest[number_len..];
        let unit_len = rest
            .char_indices()
            .find(|(_, c)| *c == '.' || c.is_ascii_digit())
            .map_or(rest.len(), |(i, _)| i);
        let unit = &rest[..unit_len];
        rest = &rest[unit_len..];
        let scale: i128 = match unit {
            "" => return Err(format!("time: missing unit in duration {}", go_quote(text))),
            "ns" => 1,
            "us" | "\u{b5}s" | "\u{3bc}s" => 1_000,
            "ms" => 1_000_000,
            "s" => 1_000_000_000,
            "m" => 60_000_000_000,
            "h" => 3_600_000_000_000,
            _ => {
                return Err(format!(
                    "time: unknown unit {} in duration {}",
                    go_quote(unit),
                    go_quote(text)
                ))
            }
        };
        let (int_part, frac_part) = number.split_once('.').unwrap_or((number, ""));
        let int_value: i128 = if int_part.is_empty() {
            0
        } else {
            int_part.parse().map_err(|_| invalid())?
        };
        let mut value = int_value.checked_mul(scale).ok_or_else(invalid)?;
        let mut unit_scale = scale;
        for digit in frac_part.bytes().take(30) {
            unit_scale /= 10;
            value += i128::from(digit - b'0') * unit_scale;
        }
        total = total.checked_add(value).ok_or_else(invalid)?;
        if total > i128::from(i64::MAX) {
            return Err(invalid());
        }
    }
    Ok(if negative { -total } else { total })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors(src: &str) -> Vec<String> {
        let parsed = crate::parse(src);
        parsed
            .warnings
            .iter()
            .filter(|w| {
                matches!(
                    w.kind,
                    SyntaxErrorKind::InvalidFlag | SyntaxErrorKind::InvalidArgument
                )
            })
            .map(|w| w.message.clone())
            .collect()
    }

    #[test]
    fn durations_read_as_go_reads_them() {
        assert_eq!(go_duration("30s"), Ok(30_000_000_000));
        assert_eq!(go_duration("1h30m"), Ok(5_400_000_000_000));
        assert_eq!(go_duration("1.5s"), Ok(1_500_000_000));
        assert_eq!(go_duration(".5ms"), Ok(500_000));
        assert_eq!(go_duration("0"), Ok(0));
        assert_eq!(go_duration("-2s"), Ok(-2_000_000_000));
        assert_eq!(
            go_duration("30"),
            Err("time: missing unit in duration \"30\"".to_string())
        );
        assert_eq!(
            go_duration("5sec"),
            Err("time: unknown unit \"sec\" in duration \"5sec\"".to_string())
        );
        assert_eq!(
            go_duration("s"),
            Err("time: invalid duration \"s\"".to_string())
        );
    }

    #[test]
    fn healthcheck_values_buildkit_rejects() {
        assert_eq!(
            errors("FROM a\nHEALTHCHECK --interval=30 CMD true\n"),
            ["time: missing unit in duration \"30\""]
        );
        assert_eq!(
            errors("FROM a\nHEALTHCHECK --timeout=500us CMD true\n"),
            ["Interval \"timeout\" cannot be less than 1ms"]
        );
        assert_eq!(
            errors("FROM a\nHEALTHCHECK --retries=-1 CMD true\n"),
            ["--retries cannot be negative (-1)"]
        );
        assert_eq!(
            errors("FROM a\nHEALTHCHECK --retries=three CMD true\n"),
            ["strconv.ParseInt: parsing \"three\": invalid syntax"]
        );
        assert_eq!(
            errors("FROM a\nHEALTHCHECK NONE true\n"),
            ["HEALTHCHECK NONE takes no arguments"]
        );
        assert_eq!(
            errors("FROM a\nHEALTHCHECK CHECK true\n"),
            ["Unknown type \"CHECK\" in HEALTHCHECK (try CMD)"]
        );
        assert_eq!(
            errors("FROM a\nHEALTHCHECK CMD []\n"),
            ["Missing command after HEALTHCHECK CMD"]
        );
        assert!(errors(
            "FROM a\nHEALTHCHECK --interval=30s --timeout=0 --start-period=1m30s --retries=3 CMD true\nHEALTHCHECK NONE\n"
        )
        .is_empty());
    }

    #[test]
    fn flags_buildkit_rejects() {
        assert_eq!(
            errors("FROM a AS b\nFROM a\nCOPY --from=b --from=b /x /x\n"),
            ["duplicate flag specified: --from"]
        );
        assert_eq!(
            errors("FROM a\nCOPY --link=maybe x /x\n"),
            ["expecting boolean value for flag --link, not: maybe"]
        );
        assert_eq!(
            errors("FROM a\nCOPY --chown x /x\n"),
            ["missing a value on flag: --chown"]
        );
        assert_eq!(
            errors("FROM a\nRUN --network=bridge true\n"),
            ["invalid network mode \"bridge\""]
        );
        assert_eq!(
            errors("FROM a\nRUN --security=privileged true\n"),
            ["security \"privileged\" is not valid"]
        );
        // `--exclude` and `--mount` may repeat; `--link` may not.
        assert_eq!(
            errors(
                "FROM a\nCOPY --link --link=FALSE --exclude=a --exclude=b x /x\nRUN --mount=type=cache,target=/c --mount=type=tmpfs,target=/t --network=none true\n"
            ),
            ["duplicate flag specified: --link"]
        );
    }

    #[test]
    fn arguments_buildkit_rejects() {
        assert_eq!(errors("FROM a\nENV =x\n"), ["ENV names can not be blank"]);
        assert_eq!(
            errors("FROM a\nLABEL =x\n"),
            ["LABEL names can not be blank"]
        );
        assert_eq!(errors("FROM a\nARG =x\n"), ["ARG names can not be blank"]);
        assert_eq!(
            errors("FROM a\nVOLUME [\"/data\", \" \"]\n"),
            ["VOLUME specified can not be an empty string"]
        );
        assert_eq!(
            errors("FROM a AS 1st\n"),
            ["invalid name for build stage: \"1st\", name can't start with a number or contain symbols"]
        );
        assert!(errors("FROM a AS Build-1.x_y\nARG A=1 B\nENV A=1\nVOLUME /data\n").is_empty());
        assert_eq!(
            errors("FROM a\nSHELL /bin/bash -c\n"),
            ["SHELL requires the arguments to be in JSON form"]
        );
        assert_eq!(
            errors("FROM a\nSTOPSIGNAL SIGFOO\n"),
            ["Invalid signal: SIGFOO"]
        );
        assert_eq!(errors("FROM a\nSTOPSIGNAL 0\n"), ["Invalid signal: 0"]);
        for ok in [
            "SIGTERM",
            "sigquit",
            "KILL",
            "9",
            "SIGRTMIN+3",
            "$STOP",
            "\"RTMIN+3\"",
        ] {
            assert!(
                errors(&format!("FROM a\nSTOPSIGNAL {ok}\n")).is_empty(),
                "{ok}"
            );
        }
        assert_eq!(
            errors("FROM a\nCOPY --chmod=999 a /a\n"),
            ["invalid chmod parameter: '999'. it should be octal string and between 0 and 07777"]
        );
        assert!(errors("FROM a\nCOPY --chmod=0755 a /a\nCOPY --chmod=u+x b /b\n").is_empty());
    }
}
