//! Credentials written into a Dockerfile's text: tokens in their issuers' formats, private
//! key blocks (a GCP service-account key among them), passwords in URLs
//! (`https://user:pass@host`), and literal values assigned to a variable or option whose
//! name says it holds a secret. One pass over the raw text, so the same answer serves the
//! rules (which say where it is) and the reports (which must never print it).
//!
//! Not credentials: references to one (`$TOKEN`, `${TOKEN}`, `$(cat /run/secrets/token)`,
//! `/run/secrets/...`, `TOKEN_FILE=...`), and values that only fill a credential's place:
//! placeholders (`changeme`, `<token>`, `your_token_here`, `xxxx`), defaults equal to the
//! user or the variable's own name (`postgres://drupal:drupal@`, `POSTGRES_PASSWORD=postgres`),
//! issuers' documentation examples, option words (`password=ask`, `--enable-passwd=mod`),
//! paths and file names (`PRIVATE_KEY=/keys/id_rsa`), and code (`PASSWORD('root')`).

use std::ops::Range;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, Input, MatchKind};
use memchr::memmem;

use crate::knowledge::credentials::{
    azure_ad_secret_byte, AZURE_AD_CLIENT_SECRET, DOCUMENTED_EXAMPLES, FILE_EXTENSIONS,
    FLAG_NAME_PREFIXES, GCP_PRIVATE_KEY_FIELD, GCP_SERVICE_ACCOUNT_MARKER, HASH_PREFIXES,
    PATH_ROOTS, PLACEHOLDER_MARKERS, PLACEHOLDER_WORDS, PRIVATE_KEY_BEGIN, PRIVATE_KEY_END,
    PRIVATE_KEY_LABEL_END, PUBLIC_KEY_URL_HOSTS, SECRET_NAME_SUFFIXES, TOKEN_FORMATS,
};

/// What was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CredentialKind {
    /// A token of a known format; the name of the format ("GitHub token").
    Token(&'static str),
    /// A private key block; what it is ("Private key", "GCP service-account key").
    PrivateKey(&'static str),
    /// The password of a URL's user information.
    UrlPassword,
    /// A token sent as a URL's user name (`https://<token>@github.com`,
    /// `https://<token>:x-oauth-basic@github.com`).
    UrlToken,
    /// A literal value assigned to a secret-named variable (`DB_PASSWORD=hunter2`).
    NamedSecret,
}

impl CredentialKind {
    pub(crate) fn describe(self) -> &'static str {
        match self {
            CredentialKind::Token(kind) | CredentialKind::PrivateKey(kind) => kind,
            CredentialKind::UrlPassword => "Password in a URL",
            CredentialKind::UrlToken => "Token in a URL",
            CredentialKind::NamedSecret => "Secret value",
        }
    }

    /// Whether the credential is recognised by its own shape (a format or a key block),
    /// wherever it is, rather than by the name or URL it is written in.
    pub(crate) fn by_shape(self) -> bool {
        matches!(
            self,
            CredentialKind::Token(_) | CredentialKind::PrivateKey(_)
        )
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

/// Values shorter than this are not taken for secrets: nothing is protected by them, and
/// reports could not mask them without masking ordinary words.
pub(crate) const MIN_SECRET_LEN: usize = 4;

/// Lower-case words (or a few joined by `-`, `_`, `.`) up to this long are taken for
/// defaults and stand-ins.
const LOWERCASE_WORDS_MAX: usize = 24;

/// The searchers for the fixed markers the scan looks for, built once: building one
/// (its prefilter, its two-way tables) costs more than searching a whole Dockerfile.
struct Markers {
    azure: memmem::Finder<'static>,
    key_begin: memmem::Finder<'static>,
    url: memmem::Finder<'static>,
}

fn markers() -> &'static Markers {
    static MARKERS: OnceLock<Markers> = OnceLock::new();
    MARKERS.get_or_init(|| Markers {
        azure: memmem::Finder::new(AZURE_AD_CLIENT_SECRET.marker),
        key_begin: memmem::Finder::new(PRIVATE_KEY_BEGIN),
        url: memmem::Finder::new("://"),
    })
}

/// Every credential in `text`, in order of position, without overlaps.
pub(crate) fn find_credentials(text: &str) -> Vec<Credential> {
    let mut found = Vec::new();
    legacy_env_secrets(text, &mut found);
    scan(text, found)
}

/// The same, with the legacy `ENV name value` pairs the parse found (the offset of each
/// name) instead of searching the text for them.
pub(crate) fn find_credentials_in(
    text: &str,
    legacy_env_names: impl Iterator<Item = usize>,
) -> Vec<Credential> {
    let mut found = Vec::new();
    for at in legacy_env_names {
        legacy_env_value(text, at, &mut found);
    }
    scan(text, found)
}

fn scan(text: &str, mut found: Vec<Credential>) -> Vec<Credential> {
    tokens(text, &mut found);
    marked_secrets(text, &mut found);
    private_keys(text, &mut found);
    url_passwords(text, &mut found);
    named_secrets(text, &mut found);
    found.sort_by_key(|c| (c.secret.start, std::cmp::Reverse(c.secret.end)));
    let mut kept: Vec<Credential> = Vec::with_capacity(found.len());
    for c in found {
        match kept.last_mut() {
            // Of two that overlap, a format says more than a name (`_authToken=npm_...`
            // is an npm token).
            Some(last) if c.secret.start < last.secret.end => {
                if c.kind.by_shape() && !last.kind.by_shape() {
                    *last = c;
                }
            }
            _ => kept.push(c),
        }
    }
    kept
}

fn word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric()
}

/// One automaton over every token format's prefix (pattern `i` is `TOKEN_FORMATS[i]`),
/// built once: a file is searched for all of them at once, with the automaton's SIMD
/// prefilter skipping the text that cannot start one. No prefix is a prefix of another
/// (a test checks it), so at most one format starts at a place. In WebAssembly, which has
/// no such prefilter, a DFA: the automaton reads every byte there, and a DFA does that
/// with one transition a byte (natively the default is as fast).
fn token_prefixes() -> &'static AhoCorasick {
    static PREFIXES: OnceLock<AhoCorasick> = OnceLock::new();
    PREFIXES.get_or_init(|| {
        AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostFirst)
            .kind(cfg!(target_family = "wasm").then_some(AhoCorasickKind::DFA))
            .build(TOKEN_FORMATS.iter().map(|f| f.prefix))
            .expect("token prefixes are plain literals")
    })
}

/// Tokens: every place a format's prefix starts a word, left to right; a token found is
/// skipped whole.
fn tokens(text: &str, out: &mut Vec<Credential>) {
    let bytes = text.as_bytes();
    let prefixes = token_prefixes();
    let mut from = 0;
    while let Some(m) = prefixes.find(Input::new(bytes).range(from..)) {
        let at = m.start();
        from = at + 1;
        if at > 0 && word_byte(bytes[at - 1]) {
            continue;
        }
        let f = &TOKEN_FORMATS[m.pattern().as_usize()];
        let start = m.end();
        let len = bytes[start..]
            .iter()
            .take(f.max + 1)
            .take_while(|b| f.body.contains(**b))
            .count();
        let end = start + len;
        let ends_word = bytes.get(end).is_none_or(|b| !word_byte(*b));
        let body = &text[start..end];
        let found = (f.min..=f.max).contains(&len)
            && ends_word
            && !placeholder_token(body)
            && (f.beside.is_empty() || in_same_word(bytes, at, end, f.beside));
        if found {
            out.push(Credential {
                kind: CredentialKind::Token(f.kind),
                secret: start..end,
                whole: at..end,
            });
            from = end;
        }
    }
}

/// A token body that is a placeholder in the token's clothes: an issuer's documentation
/// example (`...EXAMPLE`), a filler (`ghp_xxxxxxxx...`), or a documented well-known key.
fn placeholder_token(body: &str) -> bool {
    if body.contains("EXAMPLE")
        || body.contains("xxxx")
        || body.contains("XXXX")
        || DOCUMENTED_EXAMPLES.iter().any(|(v, _)| *v == body)
    {
        return true;
    }
    // One character making up half the body is no random token.
    let mut counts = [0u16; 256];
    for b in body.bytes() {
        counts[b as usize] += 1;
    }
    counts.iter().any(|&n| n as usize * 2 > body.len())
}

/// Whether `needle` is in the same word as `start..end` (up to white space or a quote on
/// either side, at most 2 KB away).
fn in_same_word(bytes: &[u8], start: usize, end: usize, needle: &str) -> bool {
    let stop = |b: &u8| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'"' | b'\'' | b'`');
    let from = bytes[..start]
        .iter()
        .rev()
        .take(2048)
        .position(stop)
        .map_or(start.saturating_sub(2048), |n| start - n);
    let to = bytes[end..]
        .iter()
        .take(2048)
        .position(stop)
        .map_or((end + 2048).min(bytes.len()), |n| end + n);
    memmem::find(&bytes[from..to], needle.as_bytes()).is_some()
}

/// Secrets found by a marker inside them (an Azure AD client secret's `Q~`).
fn marked_secrets(text: &str, out: &mut Vec<Credential>) {
    let m = &AZURE_AD_CLIENT_SECRET;
    let bytes = text.as_bytes();
    for pos in markers().azure.find_iter(bytes) {
        let Some(start) = pos.checked_sub(m.before) else {
            continue;
        };
        let before_ok = bytes[start..pos - 1]
            .iter()
            .all(|b| azure_ad_secret_byte(*b))
            && bytes[pos - 1].is_ascii_digit()
            && (start == 0 || !azure_ad_secret_byte(bytes[start - 1]));
        if !before_ok {
            continue;
        }
        let after = pos + m.marker.len();
        let len = bytes[after..]
            .iter()
            .take(m.after_max + 1)
            .take_while(|b| azure_ad_secret_byte(**b))
            .count();
        if !(m.after_min..=m.after_max).contains(&len) {
            continue;
        }
        let end = after + len;
        if placeholder_token(&text[after..end]) {
            continue;
        }
        out.push(Credential {
            kind: CredentialKind::Token(m.kind),
            secret: start..end,
            whole: start..end,
        });
    }
}

/// Private key blocks: the body between `-----BEGIN ... PRIVATE KEY-----` and
/// `-----END`, or, written on one line (`echo "-----BEGIN ...-----\nMIIE..."`), up to the
/// end of the quoted or unquoted word. A key in the `private_key` field of a JSON file
/// that says `service_account` is a GCP service-account key.
fn private_keys(text: &str, out: &mut Vec<Credential>) {
    let bytes = text.as_bytes();
    let mut service_account: Option<bool> = None;
    for begin in markers().key_begin.find_iter(bytes) {
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
        // A template with no key in it (`-----BEGIN PRIVATE KEY-----` then `$KEY`, `...`,
        // `<your key>`) is not one.
        let key_chars = body.bytes().filter(u8::is_ascii_alphanumeric).count();
        if key_chars < 16 || body.starts_with(['$', '<', '.']) || placeholder_token(body) {
            continue;
        }
        let whole_end = memmem::find(&bytes[body_end..], b"-----\n")
            .filter(|_| bytes[body_end..].starts_with(PRIVATE_KEY_END.as_bytes()))
            .map_or(body_end, |n| body_end + n + 5);
        // Bytes, not text: 64 bytes back may fall inside a character.
        let in_field = memmem::find(
            &bytes[begin.saturating_sub(64)..begin],
            GCP_PRIVATE_KEY_FIELD.as_bytes(),
        )
        .is_some();
        let gcp = in_field
            && *service_account.get_or_insert_with(|| {
                memmem::find(bytes, GCP_SERVICE_ACCOUNT_MARKER.as_bytes()).is_some()
            });
        let kind = if gcp {
            "GCP service-account key"
        } else {
            "Private key"
        };
        out.push(Credential {
            kind: CredentialKind::PrivateKey(kind),
            secret: body_start..body_end,
            whole: begin..whole_end,
        });
    }
}

/// `scheme://user:password@host`: the password, when it is written out (not `$VAR`) and
/// is not a placeholder or the user name again (`drupal:drupal`, a local default).
fn url_passwords(text: &str, out: &mut Vec<Credential>) {
    let bytes = text.as_bytes();
    for sep in markers().url.find_iter(bytes) {
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
        let whole = sep.saturating_sub(scheme_len(bytes, sep))..start + at;
        let (user, password) = match userinfo.split_once(':') {
            Some((user, password)) => (user, Some(password)),
            None => (userinfo, None),
        };
        // A token as the user name: alone, or with the password GitHub documents for it.
        let token_as_user = match password {
            None => {
                let host = &authority[at + 1..];
                token_shaped(user)
                    && !PUBLIC_KEY_URL_HOSTS
                        .iter()
                        .any(|(h, _)| host == *h || host.ends_with(&format!(".{h}")))
            }
            Some(p) => DOCUMENTED_EXAMPLES.iter().any(|(v, _)| *v == p) && !not_a_secret(user, &[]),
        };
        if token_as_user {
            out.push(Credential {
                kind: CredentialKind::UrlToken,
                secret: start..start + user.len(),
                whole,
            });
            continue;
        }
        let Some(password) = password else {
            continue;
        };
        if derived_from(password, user) || not_a_secret(password, &[user]) {
            continue;
        }
        let secret_start = start + user.len() + 1;
        out.push(Credential {
            kind: CredentialKind::UrlPassword,
            secret: secret_start..secret_start + password.len(),
            whole,
        });
    }
}

/// A user name that is a token: long, of a token's characters, letters and digits mixed
/// (GitHub's classic 40-hex tokens, GitLab's, Bitbucket app passwords), and no placeholder.
fn token_shaped(user: &str) -> bool {
    user.len() >= 32
        && user
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-'))
        && user.bytes().any(|b| b.is_ascii_digit())
        && user.bytes().any(|b| b.is_ascii_alphabetic())
        && !placeholder_token(user)
}

/// A password made from the user name (`drupal:drupal`, `noyon:noyon333`,
/// `capstone-class:capstone-2015`): a default anyone guesses.
fn derived_from(password: &str, user: &str) -> bool {
    let common = password
        .bytes()
        .zip(user.bytes())
        .take_while(|(a, b)| a.eq_ignore_ascii_case(b))
        .count();
    password.eq_ignore_ascii_case(user) || common >= 4
}

fn scheme_len(bytes: &[u8], sep: usize) -> usize {
    bytes[..sep]
        .iter()
        .rev()
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
        .count()
}

fn name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.')
}

/// `NAME=value` (`NAME value` is not read: only `=`), where NAME (a variable, an option
/// `--db-password`, a property `spring.datasource.password`) ends in a secret word and the
/// value is written out.
fn named_secrets(text: &str, out: &mut Vec<Credential>) {
    let bytes = text.as_bytes();
    for eq in memchr::memchr_iter(b'=', bytes) {
        let name_len = bytes[..eq]
            .iter()
            .rev()
            .take(65)
            .take_while(|b| name_byte(**b))
            .count();
        if name_len == 0 || name_len > 64 {
            continue;
        }
        let name = text[eq - name_len..eq].trim_start_matches(['-', '.']);
        if !secret_name(name) {
            continue;
        }
        let Some(mut value) = assigned_value(bytes, eq + 1) else {
            continue;
        };
        // The end of a sed substitution (`s/PASSWORD=old/PASSWORD=new/g`): the `/` and
        // its flags close the expression, they are not part of the value.
        let v = &text[value.clone()];
        if let Some(slash) = v.find('/') {
            if v[slash + 1..]
                .bytes()
                .all(|b| matches!(b, b'g' | b'i' | b'I' | b'p'))
            {
                value.end = value.start + slash;
            }
        }
        if not_a_secret_of(name, &text[value.clone()]) {
            continue;
        }
        out.push(Credential {
            kind: CredentialKind::NamedSecret,
            whole: eq - name_len..value.end,
            secret: value,
        });
    }
}

/// `ENV NAME value`, the legacy form without `=`: the rest of the line is the value
/// (`ENV DB_PASSWORD hunter2`), up to a continuation's escape. Searched in the text, as
/// written in practice (`ENV`, `env`) at the start of a line or after `ONBUILD`; the
/// analysis gives the pairs its parse found instead ([`find_credentials_in`]).
fn legacy_env_secrets(text: &str, out: &mut Vec<Credential>) {
    static KEYWORDS: OnceLock<[memmem::Finder<'static>; 2]> = OnceLock::new();
    let keywords =
        KEYWORDS.get_or_init(|| [memmem::Finder::new("ENV"), memmem::Finder::new("env")]);
    let bytes = text.as_bytes();
    for keyword in keywords {
        for at in keyword.find_iter(bytes) {
            let before = bytes[..at]
                .iter()
                .rposition(|b| !matches!(b, b' ' | b'\t'))
                .map_or(0, |i| i + 1);
            let starts_line = before == 0
                || bytes[before - 1] == b'\n'
                || bytes[..before].trim_ascii_end().ends_with(b"ONBUILD");
            if starts_line && matches!(bytes.get(at + 3), Some(b' ' | b'\t')) {
                legacy_env_value(text, at + 3, out);
            }
        }
    }
}

/// The credential of `ENV NAME value` after the keyword (at `from`), if the name says it
/// holds one and the value is written out.
fn legacy_env_value(text: &str, from: usize, out: &mut Vec<Credential>) {
    let line_end = memchr::memchr(b'\n', &text.as_bytes()[from..]).map_or(text.len(), |n| from + n);
    let line = &text[from..line_end];
    let after = line.trim_start_matches([' ', '\t']);
    let name_at = from + (line.len() - after.len());
    let name_len = after.bytes().take_while(|b| name_byte(*b)).count();
    let name = &after[..name_len];
    let tail = &after[name_len..];
    if name.is_empty() || !tail.starts_with([' ', '\t']) {
        return;
    }
    let value = tail
        .trim_matches([' ', '\t', '\r'])
        .trim_end_matches('\\')
        .trim_end();
    let value = value
        .strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .or_else(|| value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
        .unwrap_or(value);
    // The cheap refusals first: most legacy `ENV`s set paths and versions.
    if value.len() < MIN_SECRET_LEN || value.starts_with('/') || !secret_name(name) {
        return;
    }
    if not_a_secret_of(name, value) {
        return;
    }
    // `value` is a slice of `text`.
    let value_at = value.as_ptr() as usize - text.as_ptr() as usize;
    out.push(Credential {
        kind: CredentialKind::NamedSecret,
        whole: name_at..value_at + value.len(),
        secret: value_at..value_at + value.len(),
    });
}

/// The range of the value assigned at `start` (just after `=`): a quoted string, or an
/// unquoted word up to white space, a shell operator or a quote (the assignment sits in a
/// quoted `echo "key=value"`); cut before a following `key=` (`user=x,password=y,host=z`,
/// `s/PASSWORD=old/PASSWORD=new/`).
fn assigned_value(bytes: &[u8], start: usize) -> Option<Range<usize>> {
    let (start, quote) = match bytes.get(start..start + 2) {
        Some([b'\\', q @ (b'"' | b'\'')]) => (start + 2, Some(*q)),
        _ => match bytes.get(start) {
            Some(q @ (b'"' | b'\'')) => (start + 1, Some(*q)),
            _ => (start, None),
        },
    };
    let rest = bytes.get(start..)?;
    let len = rest
        .iter()
        .position(|b| match quote {
            Some(q) => *b == q || matches!(b, b'\n' | b'\\'),
            None => matches!(
                b,
                b' ' | b'\t'
                    | b'\n'
                    | b'\r'
                    | b';'
                    | b'&'
                    | b'|'
                    | b'\\'
                    | b')'
                    | b'"'
                    | b'\''
                    | b'`'
                    | b'<'
                    | b'>'
            ),
        })
        .unwrap_or(rest.len());
    let value = &rest[..len];
    // A `=` inside the value (not base64's trailing padding) after a separator and a name
    // starts another `key=`: the value ends at that separator. Otherwise the `=` is the
    // value's own.
    let len = match value.iter().position(|b| *b == b'=') {
        Some(eq) if value[eq..].iter().any(|b| *b != b'=') => value[..eq]
            .iter()
            .rposition(|b| matches!(b, b',' | b':' | b';' | b'&' | b'/' | b'|' | b' '))
            .filter(|&sep| {
                let key = &value[sep + 1..eq];
                key.len() >= 2 && key[0].is_ascii_alphabetic() && key.iter().all(|b| name_byte(*b))
            })
            .unwrap_or(len),
        _ => len,
    };
    Some(start..start + len)
}

/// The last letters of [`SECRET_NAME_SUFFIXES`], upper-case.
static SUFFIX_LAST_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut i = 0;
    while i < SECRET_NAME_SUFFIXES.len() {
        let s = SECRET_NAME_SUFFIXES[i].as_bytes();
        table[s[s.len() - 1] as usize] = true;
        i += 1;
    }
    table
};

/// Whether a variable name says it holds a secret itself (not where one is, and not
/// whether one is used).
pub(crate) fn secret_name(name: &str) -> bool {
    let n = name.as_bytes();
    let same = |a: u8, b: u8| {
        a.eq_ignore_ascii_case(&b)
            || (matches!(a, b'_' | b'-' | b'.') && matches!(b, b'_' | b'-' | b'.'))
    };
    // Most names are refused by their last letter alone.
    let last = n.last().map_or(0, u8::to_ascii_uppercase);
    let ends_in_secret_word = name.len() <= 64
        && SUFFIX_LAST_BYTES[usize::from(last)]
        && SECRET_NAME_SUFFIXES.iter().any(|s| {
            let s = s.as_bytes();
            n.len() >= s.len()
                && n[n.len() - s.len()..]
                    .iter()
                    .zip(s)
                    .all(|(a, b)| same(*a, *b))
        });
    // `NO_PASSWORD`, `HAS_TOKEN`, `--enable-passwd`: flags, not secrets.
    let flag = || {
        let first = name.split(['_', '-', '.']).next().unwrap_or("");
        first.len() < name.len()
            && FLAG_NAME_PREFIXES
                .iter()
                .any(|p| first.eq_ignore_ascii_case(p))
    };
    // `PublicKeyToken` (.NET), `NEXT_PUBLIC_API_TOKEN` (shipped to browsers by design):
    // public by name.
    let public = || n.windows(6).any(|w| w.eq_ignore_ascii_case(b"public"));
    ends_in_secret_word && !flag() && !public()
}

/// [`not_a_secret`] for the value assigned to `name`, whose words (`DB`, `PASSWORD`) a
/// default may repeat.
fn not_a_secret_of(name: &str, value: &str) -> bool {
    let words: Vec<&str> = name.split(['_', '-', '.']).collect();
    not_a_secret(value, &words)
}

/// Whether a value written where a secret goes is not one: a reference, a placeholder, a
/// default equal to one of `names` (the variable's words, the URL's user), an option
/// word, a path or file name, or code.
fn not_a_secret(value: &str, names: &[&str]) -> bool {
    if value.len() < MIN_SECRET_LEN
        || value.contains('$')
        || value.contains(char::is_whitespace)
        || HASH_PREFIXES.iter().any(|p| value.starts_with(p))
        || value.starts_with(['%', '<', '{', '@', '`', '(', '-', '['])
        || DOCUMENTED_EXAMPLES.iter().any(|(v, _)| *v == value)
    {
        return true;
    }
    // A path, or a file name with a key's or a configuration's extension.
    if value.starts_with("./")
        || value.starts_with("../")
        || value.starts_with("~/")
        || PATH_ROOTS.iter().any(|r| value.starts_with(r))
    {
        return true;
    }
    if let Some((stem, ext)) = value.rsplit_once('.') {
        let plain_stem = stem
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b'/'));
        if plain_stem && FILE_EXTENSIONS.iter().any(|e| ext.eq_ignore_ascii_case(e)) {
            return true;
        }
    }
    // Code: a function call (`PASSWORD('root')`).
    if let Some(paren) = value.find('(') {
        if paren > 0
            && value[..paren]
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_')
        {
            return true;
        }
    }
    let letters = letters_of(value, false);
    if letters.is_empty() {
        // Digits and punctuation only: a number (a port, a count, `123456`), not a secret
        // unless long.
        let digits = value.bytes().filter(u8::is_ascii_digit).count();
        return digits < 8 || trivial_digits(value);
    }
    // The same character over and over (`xxxxxxxx`, `********`).
    let first = value.as_bytes()[0];
    if value.bytes().all(|b| b == first) {
        return true;
    }
    // Short lower-case words (`glassfish`, `build`, `sekrit`, `collectstatic-key`): a
    // default or a stand-in, not a generated secret; and the name of a variable
    // (`MY_ACCOUNT_KEY`).
    let is = |f: fn(u8) -> bool| value.bytes().all(f);
    if value.len() <= LOWERCASE_WORDS_MAX
        && is(|b| b.is_ascii_lowercase() || matches!(b, b'-' | b'_' | b'.'))
    {
        return true;
    }
    if value.contains('_') && is(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_') {
        return true;
    }
    // Read as written (`admin123` is `admin`) and with digits and signs read as the
    // letters they stand in for (`p@ssw0rd` is `password`).
    let leet = letters_of(value, true);
    [letters.as_str(), leet.as_str()].iter().any(|l| {
        PLACEHOLDER_WORDS.contains(l)
            || PLACEHOLDER_WORDS.iter().any(|w| repeats(l, w))
            || PLACEHOLDER_MARKERS.iter().any(|m| l.contains(m))
            || names
                .iter()
                .any(|n| n.len() >= 3 && l.eq_ignore_ascii_case(n))
    })
}

/// Whether `text` is `word` said twice or more (`testtest`, `adminadmin`).
fn repeats(text: &str, word: &str) -> bool {
    !word.is_empty()
        && text.len() > word.len()
        && text.len() % word.len() == 0
        && text
            .as_bytes()
            .chunks(word.len())
            .all(|c| c == word.as_bytes())
}

/// The letters of `value`, lower-cased; with `leet`, digits and signs that stand in for
/// letters are read as those letters, the other digits dropped.
fn letters_of(value: &str, leet: bool) -> String {
    value
        .chars()
        .filter_map(|c| match c {
            c if c.is_ascii_alphabetic() => Some(c.to_ascii_lowercase()),
            '0' if leet => Some('o'),
            '1' | '!' if leet => Some('i'),
            '3' if leet => Some('e'),
            '4' | '@' if leet => Some('a'),
            '5' if leet => Some('s'),
            '7' if leet => Some('t'),
            _ => None,
        })
        .collect()
}

/// Digits in a run anyone guesses: one repeated, or counting up or down (`12345678`).
fn trivial_digits(value: &str) -> bool {
    let d: Vec<u8> = value.bytes().filter(u8::is_ascii_digit).collect();
    d.windows(2).all(|w| w[0] == w[1])
        || d.windows(2)
            .all(|w| w[1] == w[0] + 1 || (w[0] == b'9' && w[1] == b'0'))
        || d.windows(2).all(|w| w[0] == w[1] + 1)
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

    fn secrets(text: &str) -> Vec<&str> {
        kinds(text).into_iter().map(|(_, s)| s).collect()
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
        // Fillers in a token's clothes.
        assert!(kinds("ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx").is_empty());
        assert!(kinds("AKIAZZZZZZZZZZZZZZZZ").is_empty());
    }

    /// The look back for a GCP key field counts bytes: 64 of them before a key may end
    /// inside a character, which must not panic.
    #[test]
    fn a_key_after_wide_characters_is_found() {
        for pad in 0..4 {
            let text = format!(
                "{}{}ENV K=\"-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\\n-----END PRIVATE KEY-----\"",
                "x".repeat(pad),
                "😀".repeat(20)
            );
            assert_eq!(kinds(&text).len(), 1, "{text}");
        }
    }

    #[test]
    fn azure_formats() {
        let key = "pU3KGCUwux1tEyze1iN7LtkeP3IfyxlxF0SU1kk8nVw0YL4xIB5p/tqg7ui5mX9cfCmZ/a/lkyU81lSvTfrXFA==";
        let conn = format!(
            "DefaultEndpointsProtocol=https;AccountName=acme;AccountKey={key};EndpointSuffix=core.windows.net"
        );
        assert_eq!(
            kinds(&conn),
            [(CredentialKind::Token("Azure storage account key"), key)]
        );
        // The Azurite emulator's documented key opens nothing.
        assert!(kinds("AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;").is_empty());
        let sas = "https://acme.blob.core.windows.net/c/b.tar?sv=2022-11-02&ss=b&srt=o&sp=r&se=2030-01-01T00:00:00Z&sig=Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZmdoaWo%3D";
        assert_eq!(
            secrets(sas),
            ["Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZmdoaWo%3D"]
        );
        // `sig=` without `sv=` is some other signature.
        assert!(
            kinds("https://example.com/x?sig=Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZmdoaWo%3D")
                .is_empty()
        );
        let sb = "Endpoint=sb://acme.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZmdoaWs=";
        assert_eq!(
            kinds(sb),
            [(
                CredentialKind::Token("Azure shared access key"),
                "Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZmdoaWs="
            )]
        );
        let client = "AZURE_CLIENT_SECRET=abc8Q~dEfGhIjKlMnOpQrStUvWxYz0123456789~";
        assert_eq!(
            kinds(client),
            [(
                CredentialKind::Token("Azure AD client secret"),
                "abc8Q~dEfGhIjKlMnOpQrStUvWxYz0123456789~"
            )]
        );
        assert!(kinds("x = 'Q~' and abc8Q~short").is_empty());
    }

    #[test]
    fn gcp_service_account_keys() {
        let json = r#"RUN echo '{"type": "service_account", "project_id": "acme", "private_key_id": "1f2e3d", "private_key": "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\n-----END PRIVATE KEY-----\n", "client_email": "ci@acme.iam.gserviceaccount.com"}' > /key.json"#;
        let found = kinds(json);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].0,
            CredentialKind::PrivateKey("GCP service-account key")
        );
        assert!(found[0].1.contains("MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcw"));
        // The key file base64-encoded, as GOOGLE_CREDENTIALS variables carry it.
        let b64 = format!(
            "ENV GOOGLE_CREDENTIALS=ewogICJ0eXBlIjogInNlcnZpY2VfYWNjb3VudCIs{}",
            "Q2xpZW50RW1haWwgUHJpdmF0ZUtleSBNSUlFdlFJQkFEQU5CZ2txaGtpRzl3MEJBUUVGQUFTQ0JLY3dnZ1NqQWdFQUFvSUJBUUM3".repeat(8)
        );
        assert_eq!(
            kinds(&b64)[0].0,
            CredentialKind::Token("GCP service-account key")
        );
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
        assert_eq!(kinds(line)[0].0, CredentialKind::PrivateKey("Private key"));
        assert!(kinds("RUN echo \"-----BEGIN PRIVATE KEY-----\\n$KEY\"").is_empty());
        assert!(kinds("-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8A\n").is_empty());
        assert!(
            kinds("-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----\n")
                .is_empty()
        );
    }

    #[test]
    fn url_passwords_written_out_only() {
        assert_eq!(
            kinds("git clone https://deploy:Tr0ub4dor3@github.com/acme/app.git"),
            [(CredentialKind::UrlPassword, "Tr0ub4dor3")]
        );
        assert!(kinds("git clone https://oauth2:${TOKEN}@gitlab.com/x.git").is_empty());
        assert!(kinds("git clone https://$USER:$PASS@host/x").is_empty());
        assert!(kinds("curl https://user@host/x https://host/a:b@c").is_empty());
        // Placeholders and local defaults.
        assert!(secrets("postgresql://user:pass@127.0.0.1/db").is_empty());
        assert!(secrets("mysql://drupal:drupal@localhost/drupal").is_empty());
        assert!(secrets("mongodb://dbuser:dbpasswd@mongodb.local/db").is_empty());
        assert!(secrets("ADD https://${GITHUB_TOKEN}:x-oauth-basic@api.github.com/x").is_empty());
        assert!(secrets("redis://:<password>@redis:6379").is_empty());
        // A token as the user name, alone or with GitHub's documented password.
        let classic = "943088905e8ab81cff9f1a900b63a2a057086cf3";
        assert_eq!(
            kinds(&format!(
                "git clone https://{classic}:x-oauth-basic@github.com/a/b"
            )),
            [(CredentialKind::UrlToken, classic)]
        );
        assert_eq!(
            kinds(&format!("git clone https://{classic}@git.example.com/a/b")),
            [(CredentialKind::UrlToken, classic)]
        );
        // Sentry documents its DSN's key as public.
        assert!(kinds(
            "ENV SENTRY_DSN=https://88009fc2f595471ea9808336a43e42cd@o1.ingest.sentry.io/5"
        )
        .is_empty());
        assert!(kinds("https://maintainer@git.example.com/a").is_empty());
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
        // The legacy form, without `=`.
        assert_eq!(
            kinds("FROM alpine\nENV DB_PASSWORD Xk9vQ2mLp7RtZ\n  env SECRET_KEY_BASE \"75c7eb959bc7994f\" \\\n"),
            [
                (CredentialKind::NamedSecret, "Xk9vQ2mLp7RtZ"),
                (CredentialKind::NamedSecret, "75c7eb959bc7994f")
            ]
        );
        assert!(kinds("ENV DB_PASSWORD_FILE /run/secrets/db").is_empty());
        assert!(kinds("ENV DB_PASSWORD $DB_PASSWORD").is_empty());
        assert!(kinds("# ENV DB_PASSWORD Xk9vQ2mLp7RtZ").is_empty());
    }

    #[test]
    fn named_secrets_in_options_and_properties() {
        assert_eq!(
            secrets("wget --http-user=deploy --http-passwd=Zq8vN2rLw4 http://x/y"),
            ["Zq8vN2rLw4"]
        );
        assert_eq!(
            secrets("-Dspring.datasource.password=Zq8vN2rLw4 -jar app.jar"),
            ["Zq8vN2rLw4"]
        );
        // configure's feature switches are not secrets.
        assert!(secrets("./configure --enable-passwd=mod --with-secret=yes").is_empty());
    }

    #[test]
    fn placeholders_are_not_secrets() {
        for text in [
            r#"echo "webserver-password=changeme" >> pdns.conf"#,
            r#"echo "SECRET_KEY='notsecret'" >> app.conf"#,
            "wget --http-user=username --http-passwd=password http://x",
            r#"sed -i "s/password[\t ]*=.*/password=/g" /etc/mysql/debian.cnf"#,
            r#"<user username="admin" password="admin" roles="manager-gui"/>"#,
            "RUN SECRET_KEY=foo DEBUG=False ./manage.py collectstatic",
            "RUN OTP_SECRET=precompile_placeholder rails assets:precompile",
            "MYSQL_PASSWORD='123456'",
            "PASSWORD=`cat /etc/mysql/debian.cnf | grep password`",
            r#"printf "\nSSH_USER_PASSWORD=password" >> sshd.conf"#,
            "UPDATE mysql.user SET Password=PASSWORD('root') WHERE User='root'",
            "RUN POSTGRES_PASSWORD=postgres initdb",
            "API_TOKEN=<token> API_KEY=your_api_key_here GH_TOKEN=xxxxxxxx",
            "JWT_PRIVATE_KEY=/app/keys/jwt.pem SSL_PRIVATE_KEY=server.key",
            "xrdp: password=ask",
            "SECRET_KEY=django-insecure-0p9=k2l#x7z",
            "-e PGPASSWORD=passw0rd -e DB_PASSWORD=S3cr3tP@ssw0rd",
            "jupyter notebook --NotebookApp.password='sha1:98b767162d34:8da1bc3c75a0f29145769'",
            "\"Microsoft.Tpm.Commands, PublicKeyToken=31bf3856ad364e35, processorArchitecture=amd64\"",
            // A default or a stand-in word, a variable's name, a repeated word.
            "asadmin --passwordfile AS_ADMIN_PASSWORD=glassfish && SECRET_KEY=build ./manage.py collectstatic",
            "az storage --account-key=MY_ACCOUNT_KEY && TF_VAR_DB_PASSWORD=\"testtest12\"",
            // The closing quote of an echo, then a redirection.
            "echo \"ROOT_PASSWORD=\" >> /etc/profile && echo \"SECRET_KEY=\"not needed here\"",
            "sed -i 's/db_password=root/db_password=toor/g' config.php",
            "git clone https://noyonthe1:noyon333@github.com/x/y.git",
        ] {
            assert!(secrets(text).is_empty(), "{text}: {:?}", secrets(text));
        }
    }

    #[test]
    fn values_end_where_the_assignment_does() {
        // The closing quote of `echo "..."` is not part of the value.
        assert_eq!(
            secrets(r#"echo "rpcpassword=3CAiCFyJmmjUWX2tuQYPh4Npow" >> photon.conf"#),
            ["3CAiCFyJmmjUWX2tuQYPh4Npow"]
        );
        // A sed substitution: the old value is a placeholder, the new one is found.
        assert_eq!(
            secrets(r#"sed -i "s/MAIL_PASSWORD=null/MAIL_PASSWORD=Nya@4uuu/g" .env"#),
            ["Nya@4uuu"]
        );
        // A property list: the value ends before the next key.
        assert_eq!(
            secrets("--property user=app,password=Zq8vN2rLw4,host=db"),
            ["Zq8vN2rLw4"]
        );
        // Base64 padding stays in the value.
        assert_eq!(
            secrets("RUN API_TOKEN=Zm9vYmFyYmF6cXV4== make"),
            ["Zm9vYmFyYmF6cXV4=="]
        );
    }
}
