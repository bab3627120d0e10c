//! Credentials written into a Dockerfile's text: tokens in their issuers' formats, private
//! key blocks, passwords in URLs (`https://user:pass@host`), and literal values assigned
//! to a variable whose name says it holds a secret. One pass over the raw text, so the
//! same answer serves the rules (which say where it is) and the reports (which must never
//! print it). References to a secret are not credentials: `$TOKEN`, `${TOKEN}`,
//! `$(cat /run/secrets/token)`, `/run/secrets/...`, `TOKEN_FILE=...`.

use std::ops::Range;
use std::sync::OnceLock;

use memchr::memmem;

use crate::knowledge::credentials::{
    TokenFormat, PRIVATE_KEY_BEGIN, PRIVATE_KEY_END, PRIVATE_KEY_LABEL_END, SECRET_NAME_SUFFIXES,
    TOKEN_FORMATS,
};

/// What was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CredentialKind {
    /// A token of a known format; the name of the format ("GitHub token").
    Token(&'static str),
    PrivateKey,
    /// The password of a URL's user information.
    UrlPassword,
    /// A literal value assigned to a secret-named variable (`DB_PASSWORD=hunter2`).
    NamedSecret,
}

impl CredentialKind {
    pub(crate) fn describe(self) -> &'static str {
        match self {
            CredentialKind::Token(kind) => kind,
            CredentialKind::PrivateKey => "Private key",
            CredentialKind::UrlPassword => "Password in a URL",
            CredentialKind::NamedSecret => "Secret value",
        }
    }
}

/// One credential: `secret` is the part never to print (a token's prefix, a key's
/// header, a URL's user name stay visible); `whole` what the finding points at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Credential {
    pub kind: CredentialKind,
    pub secret: Range<usize>,
    pub whole: Range<usize>,
}

/// Every credential in `text`, in order of position, without overlaps.
pub(crate) fn find_credentials(text: &str) -> Vec<Credential> {
    let mut found = Vec::new();
    tokens(text, &mut found);
    private_keys(text, &mut found);
    url_passwords(text, &mut found);
    named_secrets(text, &mut found);
    found.sort_by_key(|c| (c.secret.start, std::cmp::Reverse(c.secret.end)));
    let mut kept: Vec<Credential> = Vec::with_capacity(found.len());
    for c in found {
        match kept.last() {
            Some(last) if c.secret.start < last.secret.end => {}
            _ => kept.push(c),
        }
    }
    kept
}

fn word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric()
}

/// Tokens: one pass; at the start of each word, only the formats whose prefix begins with
/// that byte are tried (a table built once), so a file costs a few comparisons per word.
fn tokens(text: &str, out: &mut Vec<Credential>) {
    static BY_FIRST_BYTE: OnceLock<Vec<Vec<&'static TokenFormat>>> = OnceLock::new();
    let by_first = BY_FIRST_BYTE.get_or_init(|| {
        let mut table = vec![Vec::new(); 256];
        for f in TOKEN_FORMATS {
            table[usize::from(f.prefix.as_bytes()[0])].push(f);
        }
        table
    });
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let formats = &by_first[usize::from(bytes[at])];
        if formats.is_empty() || (at > 0 && word_byte(bytes[at - 1])) {
            at += 1;
            continue;
        }
        let rest = &bytes[at..];
        let mut matched = None;
        for f in formats {
            if !rest.starts_with(f.prefix.as_bytes()) {
                continue;
            }
            let start = at + f.prefix.len();
            let len = bytes[start..]
                .iter()
                .take_while(|b| f.body.contains(**b))
                .count();
            let end = start + len;
            let ends_word = bytes.get(end).is_none_or(|b| !word_byte(*b));
            if (f.min..=f.max).contains(&len) && ends_word && !text[start..end].ends_with("EXAMPLE")
            {
                matched = Some((*f, start, end));
                break;
            }
        }
        match matched {
            Some((f, start, end)) => {
                out.push(Credential {
                    kind: CredentialKind::Token(f.kind),
                    secret: start..end,
                    whole: at..end,
                });
                at = end;
            }
            None => at += 1,
        }
    }
}

/// Private key blocks: the body between `-----BEGIN ... PRIVATE KEY-----` and
/// `-----END`, or, written on one line (`echo "-----BEGIN ...-----\nMIIE..."`), up to the
/// end of the quoted or unquoted word.
fn private_keys(text: &str, out: &mut Vec<Credential>) {
    let bytes = text.as_bytes();
    for begin in memmem::find_iter(bytes, PRIVATE_KEY_BEGIN.as_bytes()) {
        let line_end = memchr::memchr(b'\n', &bytes[begin..]).map_or(bytes.len(), |n| begin + n);
        let header = &text[begin..line_end];
        let Some(label) = header.find(PRIVATE_KEY_LABEL_END) else {
            continue;
        };
        if header[PRIVATE_KEY_BEGIN.len()..label].contains('-') {
            continue;
        }
        let body_start = begin + label + PRIVATE_KEY_LABEL_END.len();
        let body_end = match memmem::find(&bytes[body_start..], PRIVATE_KEY_END.as_bytes()) {
            Some(n) => body_start + n,
            None => {
                // One line: to the end of the word (a closing quote or white space).
                body_start
                    + bytes[body_start..]
                        .iter()
                        .position(|b| matches!(b, b'"' | b'\'' | b' ' | b'\t' | b'\n'))
                        .unwrap_or(bytes.len() - body_start)
            }
        };
        let body = text[body_start..body_end].trim_matches(|c: char| c.is_whitespace());
        // A template with no key in it (`-----BEGIN PRIVATE KEY-----` then `$KEY`) is not one.
        if body.len() < 16 || body.starts_with('$') {
            continue;
        }
        let whole_end = memmem::find(&bytes[body_end..], b"-----\n")
            .filter(|_| bytes[body_end..].starts_with(PRIVATE_KEY_END.as_bytes()))
            .map_or(body_end, |n| body_end + n + 5);
        out.push(Credential {
            kind: CredentialKind::PrivateKey,
            secret: body_start..body_end,
            whole: begin..whole_end,
        });
    }
}

/// `scheme://user:password@host`: the password, when it is written out (not `$VAR`).
fn url_passwords(text: &str, out: &mut Vec<Credential>) {
    let bytes = text.as_bytes();
    for sep in memmem::find_iter(bytes, b"://") {
        let scheme_ok = sep > 0 && bytes[sep - 1].is_ascii_alphanumeric();
        if !scheme_ok {
            continue;
        }
        let start = sep + 3;
        // The authority ends at `/`, `?`, `#`, white space or a quote.
        let end = bytes[start..]
            .iter()
            .position(|b| {
                matches!(
                    b,
                    b'/' | b'?' | b'#' | b' ' | b'\t' | b'\n' | b'"' | b'\'' | b'`' | b'\\'
                )
            })
            .map_or(bytes.len(), |n| start + n);
        let authority = &text[start..end];
        let Some(at) = authority.rfind('@') else {
            continue;
        };
        let userinfo = &authority[..at];
        let Some(colon) = userinfo.find(':') else {
            continue;
        };
        let password = &userinfo[colon + 1..];
        if !is_literal_secret(password) {
            continue;
        }
        let secret_start = start + colon + 1;
        out.push(Credential {
            kind: CredentialKind::UrlPassword,
            secret: secret_start..secret_start + password.len(),
            whole: sep.saturating_sub(scheme_len(bytes, sep))..start + at,
        });
    }
}

fn scheme_len(bytes: &[u8], sep: usize) -> usize {
    bytes[..sep]
        .iter()
        .rev()
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
        .count()
}

/// `NAME=value` (also `NAME value` is not read: only `=`), where NAME ends in a secret
/// word and the value is written out.
fn named_secrets(text: &str, out: &mut Vec<Credential>) {
    let bytes = text.as_bytes();
    for eq in memchr::memchr_iter(b'=', bytes) {
        let name_start = bytes[..eq]
            .iter()
            .rev()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'_')
            .count();
        if name_start == 0 {
            continue;
        }
        let name = &text[eq - name_start..eq];
        if !secret_name(name) {
            continue;
        }
        let (value_start, quote) = match bytes.get(eq + 1) {
            Some(q @ (b'"' | b'\'')) => (eq + 2, Some(*q)),
            _ => (eq + 1, None),
        };
        let value_len = bytes[value_start.min(bytes.len())..]
            .iter()
            .position(|b| match quote {
                Some(q) => *b == q || *b == b'\n',
                None => matches!(b, b' ' | b'\t' | b'\n' | b';' | b'&' | b'|' | b'\\' | b')'),
            })
            .unwrap_or(bytes.len().saturating_sub(value_start));
        let Some(value) = text.get(value_start..value_start + value_len) else {
            continue;
        };
        if !is_literal_secret(value) {
            continue;
        }
        out.push(Credential {
            kind: CredentialKind::NamedSecret,
            secret: value_start..value_start + value_len,
            whole: eq - name_start..value_start + value_len,
        });
    }
}

/// Whether a variable name says it holds a secret itself (not where one is).
pub(crate) fn secret_name(name: &str) -> bool {
    let upper = name.len() <= 64 && {
        let n = name.as_bytes();
        SECRET_NAME_SUFFIXES.iter().any(|s| {
            n.len() >= s.len() && n[n.len() - s.len()..].eq_ignore_ascii_case(s.as_bytes())
        })
    };
    // `NO_PASSWORD`, `HAS_TOKEN`-style flags are not secrets either.
    upper
        && !["NO_", "HAS_", "USE_", "SKIP_", "REQUIRE_"]
            .iter()
            .any(|p| name.len() > p.len() && name[..p.len()].eq_ignore_ascii_case(p))
}

/// Whether a value is a secret written out, rather than a reference to one or nothing.
fn is_literal_secret(value: &str) -> bool {
    !value.is_empty()
        && !value.contains('$')
        && !value.starts_with('%')
        && !value.starts_with('<')
        && !value.starts_with('{')
        && !value.starts_with("/run/secrets")
        && !value
            .bytes()
            .all(|b| b == b'*' || b == b'x' || b == b'X' || b == b'.')
        && !matches!(
            value.to_ascii_lowercase().as_str(),
            "true" | "false" | "yes" | "no" | "none" | "null" | "changeme" | "redacted"
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(CredentialKind, &str)> {
        find_credentials(text)
            .into_iter()
            .map(|c| (c.kind, &text[c.secret]))
            .collect()
    }

    #[test]
    fn tokens_by_format() {
        let gh = "ghp_R4nd0mL00k1ngT0k3nV4lu3F0rT3st1ng007";
        assert_eq!(
            kinds(&format!("curl -H 'Authorization: token {gh}'")),
            [(CredentialKind::Token("GitHub token"), &gh[4..])]
        );
        assert!(kinds("AKIAIOSFODNN7EXAMPLE").is_empty());
        assert!(kinds("xAKIAZZZZZZZZZZZZZZZZ").is_empty());
        assert!(kinds("/usr/share/keyrings/npm_key.gpg").is_empty());
        assert_eq!(kinds("AKIAZ7QWERTYUIOPASDF").len(), 1);
    }

    #[test]
    fn private_keys_multi_and_one_line() {
        let block = "RUN <<EOF\ncat > /root/.ssh/id_ed25519 <<KEY\n-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n-----END OPENSSH PRIVATE KEY-----\nKEY\nEOF\n";
        let found = kinds(block);
        assert_eq!(found.len(), 1);
        assert!(found[0]
            .1
            .contains("b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ"));
        let line = r#"RUN echo "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAx4Vb" > k"#;
        assert_eq!(kinds(line)[0].0, CredentialKind::PrivateKey);
        assert!(kinds("RUN echo \"-----BEGIN PRIVATE KEY-----\\n$KEY\"").is_empty());
        assert!(kinds("-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8A\n").is_empty());
    }

    #[test]
    fn url_passwords_written_out_only() {
        assert_eq!(
            kinds("git clone https://deploy:s3cret@github.com/acme/app.git"),
            [(CredentialKind::UrlPassword, "s3cret")]
        );
        assert!(kinds("git clone https://oauth2:${TOKEN}@gitlab.com/x.git").is_empty());
        assert!(kinds("git clone https://$USER:$PASS@host/x").is_empty());
        assert!(kinds("curl https://user@host/x https://host/a:b@c").is_empty());
    }

    #[test]
    fn named_secrets_written_out_only() {
        assert_eq!(
            kinds("RUN DB_PASSWORD=hunter2 ./migrate"),
            [(CredentialKind::NamedSecret, "hunter2")]
        );
        assert_eq!(
            kinds("export AWS_SECRET_ACCESS_KEY=\"wJalrXUtnFEMI/K7MDENG/bPxRfiCY\" && aws s3 ls"),
            [(
                CredentialKind::NamedSecret,
                "wJalrXUtnFEMI/K7MDENG/bPxRfiCY"
            )]
        );
        assert!(kinds("ENV DB_PASSWORD_FILE=/run/secrets/db").is_empty());
        assert!(kinds("RUN DB_PASSWORD=$(cat /run/secrets/db) ./migrate").is_empty());
        assert!(kinds("RUN GITHUB_TOKEN=${GITHUB_TOKEN} make").is_empty());
        assert!(kinds("ARG NPM_TOKEN").is_empty());
        assert!(kinds("ENV NO_PASSWORD=1").is_empty());
    }
}
