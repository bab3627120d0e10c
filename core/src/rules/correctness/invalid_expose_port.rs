use std::net::IpAddr;

use crate::declare_rule;
use crate::rules::messages::more_in_instruction;
use crate::rules::shared::shell_values::value_in_scope;
use crate::rules::Checker;
use crate::syntax::shlex::{process_words, LexOptions};
use crate::syntax::{Args, InstructionKind};

declare_rule! {
    /// ## What it does
    /// Reports an `EXPOSE` value BuildKit rejects when it builds the stage: a port that is
    /// not a number (`EXPOSE http`), a protocol other than `tcp`, `udp` and `sctp`
    /// (`EXPOSE 53/dns`), a range that runs backwards (`EXPOSE 9000-8000`), no port at all
    /// (`EXPOSE /tcp`), an IP address that is none (`EXPOSE 300.1.1.1:80:80`), or a host
    /// port range that does not fit the container's. Ports above 65535 are `DL3011`'s. A
    /// value given by a variable is judged by what the stage sets it to, as BuildKit expands
    /// it (`ENV PORT=http` then `EXPOSE $PORT`); one only the build knows is not.
    ///
    /// ## Why is this bad?
    /// The file parses, and the build stops at the `EXPOSE` with "invalid containerPort"
    /// or "invalid proto".
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM nginx:1.29
    /// EXPOSE http
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM nginx:1.29
    /// EXPOSE 80
    /// ```
    ///
    /// ## References
    /// - [EXPOSE](https://docs.docker.com/reference/dockerfile/#expose)
    pub(crate) static RULE = {
        code: "SF531",
        name: "invalid-expose-port",
        category: Correctness,
        severity: Error,
        default_enabled: true,
        buildkit: None,
        fix: None,
        check: check,
    }
}

fn check(checker: &Checker) {
    if checker.df.escape() != '\\' {
        return;
    }
    for (index, inst) in checker.instructions().iter().enumerate() {
        let (InstructionKind::Expose, Args::List(words)) = (&inst.kind, &inst.args) else {
            continue;
        };
        // BuildKit expands each word first: quotes go, a quoted space splits it, and a
        // variable takes the value the stage sets (one only the build knows is not judged).
        let mut bad = words.iter().filter_map(|word| {
            let value = value_in_scope(checker, index, &word.value)?;
            let specs = process_words(&value, LexOptions::default()).ok()?; // else SF530's
            let problem = specs.iter().find_map(|s| port_spec_problem(&s.text))?;
            Some((word, problem))
        });
        let Some((word, problem)) = bad.next() else {
            continue;
        };
        let more = more_in_instruction(bad.count());
        checker.report(
            word.range,
            format!(
                "`EXPOSE {}`: {problem}: the build stops here{more}",
                word.value
            ),
        );
    }
}

/// What BuildKit's `parsePort` rejects in `[ip:][hostPort:]containerPort[/proto]`, leaving
/// ports above 65535 to `DL3011`.
fn port_spec_problem(raw: &str) -> Option<String> {
    let (ip, host_port, container) = split_parts(raw);
    let (port, proto) = container.split_once('/').unwrap_or((container, ""));
    if port.is_empty() {
        return Some("no port specified".to_string());
    }
    if !matches!(
        proto.to_ascii_lowercase().as_str(),
        "" | "tcp" | "udp" | "sctp"
    ) {
        return Some(format!("invalid protocol `{proto}` (tcp, udp or sctp)"));
    }
    let address = ip
        .strip_prefix('[')
        .and_then(|i| i.strip_suffix(']'))
        .unwrap_or(ip);
    if !ip.is_empty() && address.parse::<IpAddr>().is_err() {
        return Some(format!("invalid IP address `{ip}`"));
    }
    let container_range = match port_range(port) {
        Ok(range) => range,
        Err(Problem::OutOfRange) => return None,
        Err(Problem::Invalid) => return Some(format!("invalid container port `{port}`")),
    };
    if host_port.is_empty() {
        return None;
    }
    let host_range = match port_range(host_port) {
        Ok(range) => range,
        Err(Problem::OutOfRange) => return None,
        Err(Problem::Invalid) => return Some(format!("invalid host port `{host_port}`")),
    };
    let width = |(start, end): (i64, i64)| end - start;
    (width(container_range) != width(host_range) && width(container_range) != 0)
        .then(|| format!("the host ports `{host_port}` do not match the container ports `{port}`"))
}

enum Problem {
    Invalid,
    OutOfRange,
}

/// `splitParts`: the last part is the container's, the one before it the host's, and the
/// rest the IP address.
fn split_parts(raw: &str) -> (&str, &str, &str) {
    let mut parts: Vec<&str> = raw.split(':').collect();
    let container = parts.pop().unwrap_or("");
    let host = parts.pop().unwrap_or("");
    let ip_end = parts
        .iter()
        .map(|p| p.len() + 1)
        .sum::<usize>()
        .saturating_sub(1);
    (&raw[..ip_end], host, container)
}

/// `parsePortRange`: `80` or `8000-9000`.
fn port_range(ports: &str) -> Result<(i64, i64), Problem> {
    let (start, end) = ports.split_once('-').unwrap_or((ports, ports));
    let start_port = port_number(start)?;
    if start == end {
        return Ok((start_port, start_port));
    }
    let end_port = port_number(end)?;
    if end_port < start_port {
        return Err(Problem::Invalid);
    }
    Ok((start_port, end_port))
}

/// Go's `strconv.ParseInt(s, 10, 0)`, then the range check.
fn port_number(text: &str) -> Result<i64, Problem> {
    let digits = text.strip_prefix(['+', '-']).unwrap_or(text);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Problem::Invalid);
    }
    match text.parse::<i64>() {
        Ok(n) if (0..=65535).contains(&n) => Ok(n),
        _ => Err(Problem::OutOfRange),
    }
}

#[cfg(test)]
mod tests {
    use super::port_spec_problem;

    #[test]
    fn what_buildkit_accepts() {
        for ok in [
            "80",
            "80/tcp",
            "53/UDP",
            "8000-8010",
            "132/sctp",
            "127.0.0.1:80:80",
            "[::1]:8080:8080",
            "8080:80",
            "9000-9010:8000-8010",
            "9000-9010:80",
            "+80",
            "70000",
        ] {
            assert_eq!(port_spec_problem(ok), None, "{ok}");
        }
        for bad in [
            "http",
            "80/dns",
            "9000-8000",
            "/tcp",
            "300.1.1.1:80:80",
            "abc:80",
            "9000-9010:8000-8005",
            "80-",
        ] {
            assert!(port_spec_problem(bad).is_some(), "{bad}");
        }
    }
}
