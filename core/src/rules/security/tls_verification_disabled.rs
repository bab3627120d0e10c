use crate::ascii::contains_any_ignoring_case;
use crate::declare_rule;
use crate::rules::Checker;
use crate::semantic::commands::basename;
use crate::semantic::commands::has_flag;
use crate::semantic::commands::invocation;
use crate::semantic::quoting::unquote;
use crate::syntax::shell::{Command, RedirectOp, Word};
use crate::syntax::{Args, InstructionKind, TextRange};

declare_rule! {
    /// ## What it does
    /// Checks for downloads and package installs with certificate or signature checks
    /// turned off: `curl -k`/`--insecure`, `wget --no-check-certificate`,
    /// `pip --trusted-host`, `npm config set strict-ssl false`,
    /// `NODE_TLS_REJECT_UNAUTHORIZED=0`, `GIT_SSL_NO_VERIFY`, `git -c http.sslVerify=false`,
    /// `apk --allow-untrusted`, `yum`/`dnf --nogpgcheck`, `zypper --no-gpg-checks`,
    /// `apt-get --allow-unauthenticated`, `conda config --set ssl_verify false`, and the
    /// same settings written to `.curlrc`, `.wgetrc`, `.npmrc` or set with `ENV`/`ARG`.
    ///
    /// ## Why is this bad?
    /// Without these checks anyone on the network path (a proxy, a compromised mirror)
    /// can swap what the build downloads, and the image ships it. Settings made with
    /// `ENV` also stay in the running container. Fix the trust store instead (install
    /// `ca-certificates`, or copy the company CA and run `update-ca-certificates`) and
    /// import the repository's signing key.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:trixie-slim
    /// RUN curl -fsSLk https://example.com/tool.tar.gz -o /tmp/tool.tar.gz
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:trixie-slim
    /// RUN curl -fsSL https://example.com/tool.tar.gz -o /tmp/tool.tar.gz
    /// ```
    ///
    /// ## References
    /// - [Checkov Dockerfile policies (certificate validation checks)](https://www.checkov.io/5.Policy%20Index/dockerfile.html)
    /// - [KICS: Dockerfile queries](https://docs.kics.io/latest/queries/dockerfile-queries/)
    pub(crate) static RULE = {
        code: "SF402",
        name: "tls-verification-disabled",
        category: Security,
        severity: Error,
        default_enabled: true,
        buildkit: None,
        fix: None,
        check: check,
    }
}

fn check(checker: &Checker) {
    for (index, inst) in checker.instructions().iter().enumerate() {
        match (&inst.kind, &inst.args) {
            (InstructionKind::Run, _) => {
                let Some(script) = checker.script(index) else {
                    continue;
                };
                for command in &script.commands {
                    if let Some((range, message)) = command_finding(command) {
                        checker.report(range, message);
                    }
                }
            }
            (InstructionKind::Env, Args::KeyValues(pairs)) => {
                for kv in pairs {
                    if let Some(message) = variable_finding(&kv.key.value, unquote(&kv.value.value))
                    {
                        checker.report(kv.range, message);
                    }
                }
            }
            (InstructionKind::Arg, Args::Words(words)) => {
                for word in words {
                    let Some((name, value)) = word.value.split_once('=') else {
                        continue;
                    };
                    if let Some(message) = variable_finding(name, unquote(value)) {
                        checker.report(word.range, message);
                    }
                }
            }
            _ => {}
        }
    }
}

/// A variable that turns verification off, with the message.
fn variable_finding(name: &str, value: &str) -> Option<String> {
    let is = |word: &str| value.eq_ignore_ascii_case(word);
    let off = is("0") || is("false") || is("no") || is("off");
    let turned_off = match name {
        "NODE_TLS_REJECT_UNAUTHORIZED" | "PYTHONHTTPSVERIFY" => value == "0",
        "GIT_SSL_NO_VERIFY" | "PIP_TRUSTED_HOST" | "UV_INSECURE_HOST" | "GOINSECURE" => {
            !value.is_empty() && !off
        }
        _ if name.eq_ignore_ascii_case("npm_config_strict_ssl")
            || name == "YARN_ENABLE_STRICT_SSL"
            || name == "YARN_STRICT_SSL" =>
        {
            off
        }
        _ => false,
    };
    (turned_off && !value.contains('$'))
        .then(|| format!("`{name}={value}` turns off TLS verification"))
}

/// A command that turns verification off: its range and the message.
fn command_finding(command: &Command) -> Option<(TextRange, String)> {
    for a in &command.assignments {
        if let Some(m) = variable_finding(&a.name, &a.value.value) {
            return Some((a.range, m));
        }
    }
    let (program, args) = invocation(command)?;
    let flag = |flags: &[&str], what: &str| {
        has_flag(args, flags).then(|| format!("`{program} {what}` turns off {}", kind(program)))
    };
    let message = match program {
        "export" | "env" | "declare" => args.iter().find_map(|w| {
            let (n, v) = w.value.split_once('=')?;
            variable_finding(n, unquote(v))
        }),
        "curl" => {
            curl_insecure(args).then(|| format!("`curl --insecure` turns off {}", kind(program)))
        }
        "wget" => flag(&["--no-check-certificate"], "--no-check-certificate"),
        "apk" => flag(&["--allow-untrusted"], "--allow-untrusted"),
        "yum" | "dnf" | "microdnf" | "tdnf" => {
            flag(&["--nogpgcheck"], "--nogpgcheck").or_else(|| {
                args.iter()
                    .any(|w| is_setting(&w.value, "sslverify", &["0", "false", "no"]))
                    .then(|| format!("`{program} sslverify=0` turns off TLS verification"))
            })
        }
        "zypper" => flag(&["--no-gpg-checks"], "--no-gpg-checks"),
        "apt-get" | "apt" | "aptitude" => flag(
            &["--allow-unauthenticated", "--allow-insecure-repositories"],
            "--allow-unauthenticated",
        )
        .or_else(|| {
            args.iter()
                .any(|w| {
                    w.value.contains('=')
                        && (is_setting(&w.value, "verify-peer", &["false", "0"])
                            || is_setting(
                                &w.value,
                                "apt::get::allowunauthenticated",
                                &["true", "1"],
                            ))
                })
                .then(|| format!("`{program}` option turns off repository verification"))
        }),
        "npm" | "yarn" | "pnpm" => args
            .iter()
            .enumerate()
            .any(|(i, w)| {
                let v = w.value.trim_start_matches('-');
                is_any(v, &["strict-ssl=false", "strict-ssl=0"])
                    || (is_any(v, &["strict-ssl", "enablestrictssl"])
                        && args
                            .get(i + 1)
                            .is_some_and(|n| is_any(&n.value, &["false", "0"])))
            })
            .then(|| format!("`{program}` with `strict-ssl false` turns off TLS verification")),
        "git" => args
            .iter()
            .enumerate()
            .any(|(i, w)| {
                let v = w.value.as_bytes();
                is_setting(&w.value, "sslverify", &["false", "0", "no", "off"])
                    || (v.len() >= 5
                        && v[..5].eq_ignore_ascii_case(b"http.")
                        && ends_with_ignore_case(&w.value, ".sslverify")
                        && args
                            .get(i + 1)
                            .is_some_and(|n| is_any(&n.value, &["false", "0", "no", "off"])))
            })
            .then(|| "`git` with `http.sslVerify=false` turns off TLS verification".to_string()),
        "conda" | "mamba" | "micromamba" => args
            .windows(2)
            .any(|p| p[0].value == "ssl_verify" && is_any(&p[1].value, &["false", "no", "0"]))
            .then(|| format!("`{program}` with `ssl_verify false` turns off TLS verification")),
        "echo" | "printf" => config_line(command, args),
        _ if is_pip(program, args) => {
            let pip = if program.starts_with("pip") {
                program
            } else {
                "pip"
            };
            (has_flag(args, &["--trusted-host"])
                || args.iter().any(|w| w.value.ends_with(".trusted-host")))
            .then(|| format!("`{pip} --trusted-host` turns off TLS certificate verification"))
        }
        "uv" => flag(&["--allow-insecure-host"], "--allow-insecure-host"),
        _ => None,
    }?;
    Some((command.range, message))
}

fn kind(program: &str) -> &'static str {
    match program {
        "apk" | "yum" | "dnf" | "microdnf" | "tdnf" | "zypper" | "apt-get" | "apt" | "aptitude" => {
            "package signature verification"
        }
        _ => "TLS certificate verification",
    }
}

/// curl's short options that take a value: the rest of a cluster (`-ukleag:pw`) or the
/// next word is that value.
const CURL_VALUE_LETTERS: &str = "AbcCdDeEFHKmoPQrtTuUwxXyYz";

/// `curl --insecure`, or `-k` alone or in a cluster of short options (`-fsSLk`).
fn curl_insecure(args: &[Word]) -> bool {
    let mut words = args.iter().map(|w| w.value.as_str());
    while let Some(w) = words.next() {
        if w == "--insecure" {
            return true;
        }
        if w == "--" {
            return false;
        }
        let Some(cluster) = w.strip_prefix('-').filter(|c| !c.starts_with('-')) else {
            continue;
        };
        for (i, c) in cluster.char_indices() {
            if c == 'k' {
                return true;
            }
            if CURL_VALUE_LETTERS.contains(c) {
                if i + c.len_utf8() == cluster.len() {
                    words.next();
                }
                break;
            }
        }
    }
    false
}

/// `key=value` (or `*.key=value`, `--setopt=key=value`) with one of `values`, ignoring
/// ASCII case.
fn is_setting(word: &str, key: &str, values: &[&str]) -> bool {
    let Some((k, v)) = word.rsplit_once('=') else {
        return false;
    };
    let k = k.trim();
    let keyed = k.eq_ignore_ascii_case(key)
        || (ends_with_ignore_case(k, key)
            && matches!(k.as_bytes()[k.len() - key.len() - 1], b'.' | b'='));
    keyed && is_any(v.trim().trim_matches('"'), values)
}

/// Whether `value` is one of `words`, ignoring ASCII case.
fn is_any(value: &str, words: &[&str]) -> bool {
    words.iter().any(|w| value.eq_ignore_ascii_case(w))
}

/// `str::ends_with` ignoring ASCII case; the suffix must be shorter than `text`.
fn ends_with_ignore_case(text: &str, suffix: &str) -> bool {
    let (t, s) = (text.as_bytes(), suffix.as_bytes());
    t.len() > s.len() && t[t.len() - s.len()..].eq_ignore_ascii_case(s)
}

/// `pip`, `pip3`, `pip3.12`, or `python -m pip`.
fn is_pip(program: &str, args: &[Word]) -> bool {
    let program = basename(program);
    if program.starts_with("pip") {
        return crate::semantic::commands::is_pip(program);
    }
    program.starts_with("python")
        && args
            .windows(2)
            .any(|p| p[0].value == "-m" && p[1].value == "pip")
}

/// `echo insecure >> ~/.curlrc` and friends: a line that turns verification off, written
/// to a tool's configuration file.
fn config_line(command: &Command, args: &[Word]) -> Option<String> {
    let target = command
        .redirects
        .iter()
        .filter(|r| matches!(r.op, RedirectOp::Write | RedirectOp::Append))
        .find_map(|r| r.target.as_ref())?
        .value
        .as_str();
    // Most `echo … >> file` lines write something else: look closer only at words that
    // could make up one of the settings below.
    let mentions = |w: &Word| {
        contains_any_ignoring_case(
            w.value.as_bytes(),
            &[b"insecure", b"-k", b"check", b"strict", b"sslverify"],
        )
    };
    if !args.iter().any(mentions) {
        return None;
    }
    let text: String = args
        .iter()
        .map(|w| w.value.to_ascii_lowercase().replace([' ', '"', '\''], ""))
        .collect::<Vec<_>>()
        .join(" ");
    let has = |needle: &str| text.split_whitespace().any(|w| w == needle);
    let setting =
        if target.ends_with(".curlrc") && (has("insecure") || has("-k") || has("--insecure")) {
            "insecure"
        } else if has("check_certificate=off") || has("check-certificate=off") {
            "check_certificate = off"
        } else if has("strict-ssl=false") {
            "strict-ssl=false"
        } else if has("sslverify=0") || has("sslverify=false") {
            "sslverify=0"
        } else {
            return None;
        };
    Some(format!(
        "`{setting}` written to `{target}` turns off TLS verification"
    ))
}
