//! Value checks of the label-schema rules (DL3052 to DL3058): is a label's value a URL, an
//! RFC 3339 time, an SPDX license identifier, an e-mail address, a semantic version, a git hash?
//!
//! hadolint answers each question with a Haskell library. These checks accept what those
//! libraries accept, quirks included, so that a Dockerfile hadolint passes passes here too; the
//! few places that follow the standard instead say so. Values come from arbitrary Dockerfiles:
//! every check takes any string, and none panics or slices a string inside a character.

// ---- URL: RFC 3986, as `Network.URI.parseURI` (network-uri) reads it ----

/// Whether `s` is an absolute URI (RFC 3986 section 3), as `Network.URI.parseURI` accepts it,
/// which is what hadolint's DL3052 asks of a `url` label.
///
/// Accepted: `scheme ":" hier-part [ "?" query ] [ "#" fragment ]`. The scheme is a letter,
/// then letters, digits, `+`, `-` and `.`. When `//` follows it, an authority
/// `[ userinfo "@" ] host [ ":" port ]` comes next: the host is a registered name of at most 255
/// characters (an IPv4 address is one) or a bracketed IPv6 address (with an RFC 6874 zone,
/// `%25eth0`) or `vX.…` literal, and the port is digits, possibly none. The path, query and
/// fragment hold unreserved characters, sub-delimiters, `:`, `@` and `/` (and `?` in the last
/// two); anything else must be percent-encoded, `%` and two hex digits. Only ASCII: an IRI's
/// raw non-ASCII characters are not part of a URI.
///
/// `https://example.com/x?y=1#z`, `mailto:a@b.c` and `urn:isbn:123` pass; `example.com` (no
/// scheme), `http://exa mple.com` (a space) and `http://x/%zz` (a broken escape) fail.
pub(crate) fn is_url(s: &str) -> bool {
    let Some((scheme, rest)) = s.split_once(':') else {
        return false;
    };
    // The hier-part and query never hold '#', nor the hier-part '?': the first of each ends
    // the part before it.
    let (rest, fragment) = split_at_first(rest, '#');
    let (hier_part, query) = split_at_first(rest, '?');
    is_scheme(scheme)
        && is_hier_part(hier_part)
        && query.is_none_or(is_query)
        && fragment.is_none_or(is_query)
}

fn split_at_first(s: &str, delimiter: char) -> (&str, Option<&str>) {
    match s.split_once(delimiter) {
        Some((before, after)) => (before, Some(after)),
        None => (s, None),
    }
}

fn is_scheme(s: &str) -> bool {
    let mut bytes = s.bytes();
    bytes.next().is_some_and(|b| b.is_ascii_alphabetic())
        && bytes.all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
}

fn is_hier_part(s: &str) -> bool {
    match s.strip_prefix("//") {
        Some(rest) => {
            let (authority, path) = rest.find('/').map_or((rest, ""), |i| rest.split_at(i));
            is_authority(authority) && is_path(path)
        }
        // path-absolute, path-rootless and path-empty are all '/'s and pchars; the one
        // shape they exclude, a leading "//", was taken as an authority above.
        None => is_path(s),
    }
}

fn is_authority(s: &str) -> bool {
    // The userinfo cannot hold '@', so the first one ends it; a second one would be left in
    // the host, which cannot hold it either.
    let (userinfo, host_port) = match s.split_once('@') {
        Some((userinfo, host_port)) => (Some(userinfo), host_port),
        None => (None, s),
    };
    userinfo.is_none_or(|u| uri_char_count(u, |b| is_name_char(b) || b == b':').is_some())
        && is_host_port(host_port)
}

fn is_host_port(s: &str) -> bool {
    let (host_ok, port) = match s.strip_prefix('[') {
        Some(literal) => match literal.split_once(']') {
            Some((address, port)) => (is_ip_literal(address), port),
            None => return false,
        },
        None => {
            let (name, port) = s.find(':').map_or((s, ""), |i| s.split_at(i));
            // network-uri reads at most 255 characters of a registered name; the rest of a
            // longer one is left over and fails the parse.
            let name_ok = uri_char_count(name, is_name_char).is_some_and(|n| n <= 255);
            (name_ok, port)
        }
    };
    host_ok && (port.is_empty() || port.strip_prefix(':').is_some_and(is_all_digits))
}

fn is_ip_literal(s: &str) -> bool {
    match s.strip_prefix('v') {
        Some(future) => is_ipv_future(future),
        None => is_ipv6_with_zone(s),
    }
}

/// RFC 3986 allows several hex digits before the '.' and ':' after it; network-uri reads
/// exactly one hex digit and no ':', and hadolint inherits that.
fn is_ipv_future(s: &str) -> bool {
    match s.as_bytes() {
        [version, b'.', rest @ ..] => {
            version.is_ascii_hexdigit() && !rest.is_empty() && rest.iter().all(|&b| is_name_char(b))
        }
        _ => false,
    }
}

fn is_ipv6_with_zone(s: &str) -> bool {
    match s.split_once('%') {
        // RFC 6874: the '%' that starts a zone is itself percent-encoded, as "%25".
        Some((address, zone)) => {
            let zone_ok = zone
                .strip_prefix("25")
                .is_some_and(|id| uri_char_count(id, is_unreserved).is_some_and(|n| n > 0));
            // network-uri's IPv4 parser refuses to be followed by a name character, and the
            // zone's "%25" is one: an address ending in IPv4 form cannot take a zone there.
            zone_ok && !address.contains('.') && is_ipv6(address)
        }
        None => is_ipv6(s),
    }
}

fn is_ipv6(s: &str) -> bool {
    match s.split_once("::") {
        // "::" stands for at least one group of zeros, so at most seven are written.
        Some((head, tail)) => {
            let written = ipv6_units(head, false).zip(ipv6_units(tail, true));
            written.is_some_and(|(h, t)| h + t <= 7)
        }
        None => ipv6_units(s, true) == Some(8),
    }
}

/// How many 16-bit units the ':'-separated groups of `s` write (an IPv4 address, allowed last
/// when `ends_address`, writes two), or `None` if a group is malformed.
fn ipv6_units(s: &str, ends_address: bool) -> Option<usize> {
    if s.is_empty() {
        return Some(0);
    }
    let mut units = 0;
    let mut groups = s.split(':').peekable();
    while let Some(group) = groups.next() {
        let last = groups.peek().is_none();
        units += if last && ends_address && group.contains('.') {
            is_ipv4(group).then_some(2)?
        } else {
            let hex =
                (1..=4).contains(&group.len()) && group.bytes().all(|b| b.is_ascii_hexdigit());
            hex.then_some(1)?
        };
    }
    Some(units)
}

fn is_ipv4(s: &str) -> bool {
    let mut octets = 0;
    let all_ok = s.split('.').all(|octet| {
        octets += 1;
        (1..=3).contains(&octet.len()) && is_all_digits(octet) && octet.parse::<u8>().is_ok()
    });
    all_ok && octets == 4
}

/// Counts the characters of `s`, a `%XX` escape as one, if each is `plain` or such an escape.
fn uri_char_count(s: &str, plain: impl Fn(u8) -> bool) -> Option<usize> {
    let bytes = s.as_bytes();
    let is_hex_at = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_hexdigit);
    let mut at = 0;
    let mut count = 0;
    while let Some(&b) = bytes.get(at) {
        at += if b == b'%' {
            (is_hex_at(at + 1) && is_hex_at(at + 2)).then_some(3)?
        } else {
            plain(b).then_some(1)?
        };
        count += 1;
    }
    Some(count)
}

fn is_path(s: &str) -> bool {
    uri_char_count(s, |b| is_pchar(b) || b == b'/').is_some()
}

fn is_query(s: &str) -> bool {
    uri_char_count(s, |b| is_pchar(b) || b == b'/' || b == b'?').is_some()
}

fn is_unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~')
}

fn is_sub_delim(b: u8) -> bool {
    matches!(
        b,
        b'!' | b'$' | b'&' | b'\'' | b'(' | b')' | b'*' | b'+' | b',' | b';' | b'='
    )
}

/// What a registered name may hold besides escapes.
fn is_name_char(b: u8) -> bool {
    is_unreserved(b) || is_sub_delim(b)
}

fn is_pchar(b: u8) -> bool {
    is_name_char(b) || b == b':' || b == b'@'
}

fn is_all_digits(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_digit())
}

// ---- Time: RFC 3339 date-time ----

/// Whether `s` is an RFC 3339 `date-time` (section 5.6), what the `rfc3339` label type and the
/// OCI `org.opencontainers.image.created` annotation ask for (hadolint's DL3053).
///
/// Accepted: `YYYY-MM-DD`, `T`, `HH:MM:SS`, optionally `.` and one or more digits, then `Z`
/// or `+HH:MM` / `-HH:MM`; `T` and `Z` in either case (RFC 3339 section 5.6 allows it). The
/// date must exist (February 29th only in Gregorian leap years), the hour is 00 to 23, the
/// minute 00 to 59, the second 00 to 60 (a leap second), the offset at most 23:59.
///
/// `2024-02-29T12:00:00Z`, `1985-04-12T23:20:50.52Z` and `1996-12-19T16:39:57-08:00` pass;
/// `2023-02-29T00:00:00Z`, `2024-01-01` (no time), `2024-01-01 12:00:00Z` (a space for the
/// `T`) and `2024-01-01T12:00:00` (no offset) fail.
///
/// This follows RFC 3339 rather than hadolint's `timerep`, which also takes an offset without
/// its colon (`+0100`), a `.` with no digits after it, and white space around the value: the
/// label type promises RFC 3339, and tools that read the label parse RFC 3339.
pub(crate) fn is_rfc3339(s: &str) -> bool {
    let Some((date, rest)) = s.as_bytes().split_at_checked(10) else {
        return false;
    };
    match rest.split_first() {
        Some((b'T' | b't', time)) => is_full_date(date) && is_time_with_offset(time),
        _ => false,
    }
}

fn is_full_date(date: &[u8]) -> bool {
    let [y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1] = *date else {
        return false;
    };
    match (
        number(&[y0, y1, y2, y3]),
        number(&[m0, m1]),
        number(&[d0, d1]),
    ) {
        (Some(year), Some(month @ 1..=12), Some(day)) => {
            (1..=days_in_month(year, month)).contains(&day)
        }
        _ => false,
    }
}

fn is_time_with_offset(time: &[u8]) -> bool {
    let Some((clock, rest)) = time.split_at_checked(8) else {
        return false;
    };
    let [h0, h1, b':', m0, m1, b':', s0, s1] = *clock else {
        return false;
    };
    let offset = match rest.strip_prefix(b".") {
        Some(fraction) => {
            let digits = fraction.iter().take_while(|b| b.is_ascii_digit()).count();
            match fraction.split_at_checked(digits) {
                Some((_, offset)) if digits > 0 => offset,
                _ => return false,
            }
        }
        None => rest,
    };
    at_most(&[h0, h1], 23) && at_most(&[m0, m1], 59) && at_most(&[s0, s1], 60) && is_offset(offset)
}

fn is_offset(offset: &[u8]) -> bool {
    match *offset {
        [b'Z' | b'z'] => true,
        [b'+' | b'-', h0, h1, b':', m0, m1] => at_most(&[h0, h1], 23) && at_most(&[m0, m1], 59),
        _ => false,
    }
}

/// The value of a run of ASCII digits, or `None` if any byte is not one.
fn number(digits: &[u8]) -> Option<u32> {
    digits.iter().try_fold(0, |value, &b| {
        b.is_ascii_digit().then(|| value * 10 + u32::from(b - b'0'))
    })
}

fn at_most(digits: &[u8], max: u32) -> bool {
    number(digits).is_some_and(|n| n <= max)
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn is_leap_year(year: u32) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

// ---- License: one SPDX license identifier, as Cabal's `LicenseId` parser reads it ----

/// Whether `s` is one license identifier of the SPDX license list, as hadolint's DL3054 checks
/// it: Cabal's `eitherParsec` for `LicenseId`.
///
/// Accepted: an identifier the list holds, written exactly as the list writes it (`MIT`,
/// `Apache-2.0`, `GPL-3.0-or-later`, `BSD-3-Clause`; not `mit`), optionally followed by white
/// space, which `eitherParsec` skips. Rejected: expressions (`MIT OR Apache-2.0`, `MIT+`,
/// `Apache-2.0 WITH LLVM-exception`), `LicenseRef-…` references, and identifiers the list marks
/// deprecated (`GPL-3.0`, `GPL-2.0+`, `LGPL-2.1`): Cabal leaves those out of its current list
/// and answers them with "use GPL-3.0-only or GPL-3.0-or-later". The list is the `spdx`
/// crate's (3.29), which may be newer than the one in a given hadolint build.
pub(crate) fn is_spdx_license_id(s: &str) -> bool {
    let id = s.trim_end_matches(is_haskell_space);
    // `license_id` drops a trailing '+' and would find `MIT` for `MIT+`; comparing the
    // names also keeps the list's case.
    spdx::license_id(id).is_some_and(|license| license.name == id && !license.is_deprecated())
}

/// Haskell's `Data.Char.isSpace`, which is what Cabal skips after the identifier.
fn is_haskell_space(c: char) -> bool {
    matches!(
        c,
        '\t'..='\r'
            | ' '
            | '\u{a0}'
            | '\u{1680}'
            | '\u{2000}'..='\u{200a}'
            | '\u{202f}'
            | '\u{205f}'
            | '\u{3000}'
    )
}

// ---- E-mail: an RFC 5322 addr-spec, as email-validate's `isValid` reads it ----

/// Whether `s` is an e-mail address: an RFC 5322 `addr-spec` (section 3.4.1), as
/// `Text.Email.Validate.isValid` accepts it, which is hadolint's DL3058.
///
/// Accepted: a local part, `@`, a domain. The local part is words joined by single dots, each
/// an atom (letters, digits and ``!#$%&'*+-/=?^_`{|}~``) or a quoted string (`"john doe"`, with
/// backslash escapes); at most 64 octets. The domain is labels joined by dots (letters, digits
/// and `-`, neither first nor last, at most 63 octets each, at most 253 in all, a final dot
/// allowed) or a domain literal in brackets (`[192.168.0.1]`). The address is at most 254
/// octets. As RFC 5322 allows, comments in parentheses and folding white space may surround
/// each word and label (`john (work) @ example.com`). Only ASCII.
///
/// `john.doe@example.com`, `a+b@c.io` and `x@localhost` pass; `john.doe`, `@example.com`,
/// `john@`, `john..doe@example.com`, `john doe@example.com` and `a@b@c` fail.
pub(crate) fn is_email(s: &str) -> bool {
    let b = s.as_bytes();
    let Some((at, local_len)) = dot_separated(b, 0, word) else {
        return false;
    };
    // The local part's and the whole address's caps come from RFC 3696 and its erratum 1690.
    if local_len > 64 || b.get(at) != Some(&b'@') {
        return false;
    }
    match domain_name(b, at + 1).or_else(|| domain_literal(b, at + 1)) {
        Some((end, domain_len)) => end == b.len() && local_len + 1 + domain_len <= 254,
        None => false,
    }
}

/// Where a piece of an address ends, and how many octets of it email-validate keeps and
/// counts against the length caps: comments and folding white space are dropped.
type Piece = Option<(usize, usize)>;

fn dot_separated(b: &[u8], start: usize, item: fn(&[u8], usize) -> Piece) -> Piece {
    let (mut end, mut len) = item(b, start)?;
    // A '.' with no item after it is left to the caller: the '@' check then fails on it, or
    // the domain takes it as a fully qualified name's final dot.
    while b.get(end) == Some(&b'.') {
        let Some((next_end, next_len)) = item(b, end + 1) else {
            break;
        };
        end = next_end;
        len += 1 + next_len;
    }
    Some((end, len))
}

fn word(b: &[u8], start: usize) -> Piece {
    let begin = skip_cfws(b, start)?;
    let (end, len) = match run_of(b, begin, is_atext) {
        Some(end) => (end, end - begin),
        None => quoted_string(b, begin)?,
    };
    Some((skip_cfws(b, end)?, len))
}

fn quoted_string(b: &[u8], start: usize) -> Piece {
    if b.get(start) != Some(&b'"') {
        return None;
    }
    let (end, len) = fws_separated(b, start + 1, |b, at| {
        run_of(b, at, is_qtext).or_else(|| quoted_pair(b, at))
    });
    (b.get(end) == Some(&b'"')).then_some((end + 1, len + 2))
}

fn domain_name(b: &[u8], start: usize) -> Piece {
    let (mut end, len) = dot_separated(b, start, label)?;
    if b.get(end) == Some(&b'.') {
        end += 1;
    }
    // RFC 1035 caps a name at 253 octets, not counting a final dot.
    (len <= 253).then_some((end, len))
}

fn label(b: &[u8], start: usize) -> Piece {
    let begin = skip_cfws(b, start)?;
    if !b.get(begin).is_some_and(u8::is_ascii_alphanumeric) {
        return None;
    }
    let end = run_of(b, begin, |c| c.is_ascii_alphanumeric() || c == b'-')?;
    let len = end - begin;
    // RFC 1035: a label has at most 63 octets and does not end with '-'.
    if len > 63 || b.get(end - 1) == Some(&b'-') {
        return None;
    }
    Some((skip_cfws(b, end)?, len))
}

fn domain_literal(b: &[u8], start: usize) -> Piece {
    let open = skip_cfws(b, start)?;
    if b.get(open) != Some(&b'[') {
        return None;
    }
    let (close, len) = fws_separated(b, open + 1, |b, at| run_of(b, at, is_dtext));
    if b.get(close) != Some(&b']') {
        return None;
    }
    Some((skip_cfws(b, close + 1)?, len + 2))
}

/// Pieces of `content` with at most one folding white space before each and after the last:
/// inside quotes and brackets that is all email-validate takes (two in a row fail there).
fn fws_separated(
    b: &[u8],
    start: usize,
    content: fn(&[u8], usize) -> Option<usize>,
) -> (usize, usize) {
    let mut end = start;
    let mut len = 0;
    loop {
        let begin = fws(b, end).unwrap_or(end);
        let Some(next) = content(b, begin) else {
            break;
        };
        len += next - begin;
        end = next;
    }
    (fws(b, end).unwrap_or(end), len)
}

/// Skips comments and folding white space; `None` if a comment is malformed, since nothing
/// else can start with its '(' and the address fails there anyway.
fn skip_cfws(b: &[u8], start: usize) -> Option<usize> {
    let mut at = start;
    loop {
        at = if b.get(at) == Some(&b'(') {
            comment_end(b, at)?
        } else if let Some(end) = fws(b, at) {
            end
        } else {
            return Some(at);
        };
    }
}

/// A comment may nest; counting the depth instead of recursing keeps a long run of '(' from
/// exhausting the stack.
fn comment_end(b: &[u8], start: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut at = start;
    loop {
        at = match *b.get(at)? {
            b'(' => {
                depth += 1;
                at + 1
            }
            b')' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(at + 1);
                }
                at + 1
            }
            b'\\' => quoted_pair(b, at)?,
            c if is_ctext(c) => at + 1,
            _ => fws(b, at)?,
        };
    }
}

/// RFC 5322 folding white space as email-validate reads it: spaces and tabs, each line break
/// (CRLF) followed by at least one of them.
fn fws(b: &[u8], start: usize) -> Option<usize> {
    if let Some(end) = run_of(b, start, is_wsp) {
        return Some(crlf_wsp(b, end).unwrap_or(end));
    }
    let mut end = crlf_wsp(b, start)?;
    while let Some(next) = crlf_wsp(b, end) {
        end = next;
    }
    Some(end)
}

fn crlf_wsp(b: &[u8], start: usize) -> Option<usize> {
    b.get(start..)?.starts_with(b"\r\n").then_some(())?;
    run_of(b, start + 2, is_wsp)
}

/// A backslash and any ASCII octet.
fn quoted_pair(b: &[u8], start: usize) -> Option<usize> {
    (b.get(start) == Some(&b'\\') && b.get(start + 1).is_some_and(u8::is_ascii))
        .then_some(start + 2)
}

/// The end of the run of at least one `allowed` octet at `start`.
fn run_of(b: &[u8], start: usize, allowed: impl Fn(u8) -> bool) -> Option<usize> {
    let len = b.get(start..)?.iter().take_while(|&&c| allowed(c)).count();
    (len > 0).then_some(start + len)
}

fn is_wsp(c: u8) -> bool {
    c == b' ' || c == b'\t'
}

fn is_atext(c: u8) -> bool {
    c.is_ascii_alphanumeric() || b"!#$%&'*+-/=?^_`{|}~".contains(&c)
}

/// The control characters RFC 5322's obsolete syntax still allows, which email-validate keeps.
fn is_obs_no_ws_ctl(c: u8) -> bool {
    matches!(c, 1..=8 | 11 | 12 | 14..=31 | 127)
}

fn is_qtext(c: u8) -> bool {
    matches!(c, 33 | 35..=91 | 93..=126) || is_obs_no_ws_ctl(c)
}

fn is_ctext(c: u8) -> bool {
    matches!(c, 33..=39 | 42..=91 | 93..=126) || is_obs_no_ws_ctl(c)
}

fn is_dtext(c: u8) -> bool {
    matches!(c, 33..=90 | 94..=126) || is_obs_no_ws_ctl(c)
}

// ---- Version and commit ----

/// Whether `s` is a version as Semantic Versioning 2.0.0 writes it, what the `semver` label
/// type asks for (hadolint's DL3056).
///
/// Accepted: `MAJOR.MINOR.PATCH`, numbers without leading zeros, then optionally `-` and
/// dot-separated pre-release identifiers and `+` and dot-separated build identifiers
/// (`[0-9A-Za-z-]`, non-empty; numeric pre-release identifiers without leading zeros).
/// `1.0.0` and `2.1.3-rc.1+build.5` pass; `1.0`, `v1.0.0` and `01.0.0` fail.
///
/// This follows the specification (the `semver` crate) rather than hadolint's `Data.SemVer`,
/// which also reads leading zeros (`01.0.0`) and an empty pre-release (`1.0.0-`): the label
/// type promises semantic versioning, and those values break its ordering rules.
pub(crate) fn is_semver(s: &str) -> bool {
    semver::Version::parse(s).is_ok()
}

/// Whether `s` is a git commit hash as hadolint's DL3055 takes one: the full 40 or the short 7
/// lowercase hex digits, the lengths `git rev-parse HEAD` and `--short` print.
pub(crate) fn is_git_hash(s: &str) -> bool {
    matches!(s.len(), 7 | 40) && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(f: fn(&str) -> bool, accepted: &[&str], rejected: &[&str]) {
        for value in accepted {
            assert!(f(value), "should accept {value:?}");
        }
        for value in rejected {
            assert!(!f(value), "should reject {value:?}");
        }
    }

    #[test]
    fn urls() {
        let long_host = format!("http://{}/", "a".repeat(255));
        let too_long_host = format!("http://{}/", "a".repeat(256));
        check(
            is_url,
            &[
                "https://example.com/x?y=1#z",
                "mailto:a@b.c",
                "urn:isbn:123",
                "https://github.com/acme/app",
                "http://user:pass@host:8080/p/a/t/h?query=1&b=2#frag",
                "ftp://ftp.is.co.za/rfc/rfc1808.txt",
                "ldap://[2001:db8::7]/c=GB?objectClass?one",
                "telnet://192.0.2.16:80/",
                "news:comp.infosystems.www.servers.unix",
                "tel:+1-816-555-1212",
                "file:///etc/hosts",
                "git+ssh://git@github.com/acme/app.git",
                "http://example.com/a%20b",
                "http://example.com/%E2%82%AC",
                "http://example.com:/",
                "http://",
                "http:",
                "http:/x",
                "HTTP://EXAMPLE.COM",
                "http://x?a/b?c#d/e?f",
                "http://[::1]:8080/",
                "http://[::]/",
                "http://[1:2:3:4:5:6:7:8]/",
                "http://[1:2:3:4:5:6:7::]/",
                "http://[::ffff:192.0.2.1]/",
                "http://[fe80::1%25eth0]/",
                "http://[v7.fe80-a+en1]/",
                "http://1.2.3.4.5/",
                "http://a!$&'()*+,;=b/",
                &long_host,
            ],
            &[
                "",
                "example.com",
                "github.com/acme/app",
                "/just/a/path",
                "http://exa mple.com",
                "https://example.com/my app",
                "://x",
                "1http://x",
                "ht_tp://x",
                "http://x/%zz",
                "http://x/%2",
                "http://x/%",
                "http://x#a#b",
                "http://x/a[b]",
                "http://x:8o/",
                "http://a@b@c/",
                "http://exa\u{e9}mple.com/",
                "http://example.com/\u{20ac}",
                "http://[::1/",
                "http://[1:2:3:4:5:6:7:8:9]/",
                "http://[1:2:3:4:5:6:7:8::]/",
                "http://[1::2::3]/",
                "http://[12345::]/",
                "http://[::1.2.3.256]/",
                "http://[::1.2.3.4%25eth0]/",
                "http://[fe80::1%eth0]/",
                "http://[fe80::1%25]/",
                "http://[v1x.a]/",
                "http://[v1.a:b]/",
                "http://[vz.a]/",
                "http://[]/",
                "http://x/\"quoted\"",
                "http://x/a\\b",
                "http://x/{a}",
                "http://x/<a>",
                "http://x/a|b",
                &too_long_host,
            ],
        );
    }

    #[test]
    fn rfc3339_times() {
        check(
            is_rfc3339,
            &[
                "2024-02-29T12:00:00Z",
                "1985-04-12T23:20:50.52Z",
                "1996-12-19T16:39:57-08:00",
                "1990-12-31T23:59:60Z",
                "1990-12-31T15:59:60-08:00",
                "1937-01-01T12:00:27.87+00:20",
                "2021-03-10T10:26:33.564595127+01:00",
                "2000-02-29T00:00:00Z",
                "2024-01-31T00:00:00z",
                "2024-01-31t00:00:00Z",
                "0000-01-01T00:00:00Z",
                "9999-12-31T23:59:59+23:59",
            ],
            &[
                "",
                "2023-02-29T00:00:00Z",
                "1900-02-29T00:00:00Z",
                "2024-04-31T00:00:00Z",
                "2024-01-01",
                "2024-01-01 12:00:00Z",
                "2024-01-01T12:00:00",
                "2024-13-01T00:00:00Z",
                "2024-00-01T00:00:00Z",
                "2024-01-00T00:00:00Z",
                "2024-01-01T24:00:00Z",
                "2024-01-01T12:60:00Z",
                "2024-01-01T12:00:61Z",
                "2024-01-01T12:00:00.Z",
                "2024-01-01T12:00:00+0100",
                "2024-01-01T12:00:00+24:00",
                "2024-01-01T12:00:00+01:60",
                "2024-01-01T12:00:00UTC",
                "2024-01-01T12:00Z",
                "24-01-01T12:00:00Z",
                "12024-01-01T12:00:00Z",
                "2024-1-01T12:00:00Z",
                " 2024-01-01T12:00:00Z",
                "2024-01-01T12:00:00Z ",
                "2024-01-01T12:00:00ZZ",
                "2024-01-01T12:00:00.\u{e9}Z",
                "2024\u{2010}01-01T12:00:00Z",
            ],
        );
    }

    #[test]
    fn spdx_license_ids() {
        check(
            is_spdx_license_id,
            &[
                "MIT",
                "Apache-2.0",
                "GPL-3.0-or-later",
                "GPL-2.0-only",
                "BSD-3-Clause",
                "0BSD",
                "MPL-2.0",
                "bzip2-1.0.6",
                "MIT ",
                "Apache-2.0\n",
            ],
            &[
                "",
                "mit",
                "APACHE-2.0",
                "MIT OR Apache-2.0",
                "MIT AND Apache-2.0",
                "Apache-2.0 WITH LLVM-exception",
                "LicenseRef-Proprietary",
                "MIT+",
                "GPL-3.0",
                "GPL-2.0+",
                "LGPL-2.1",
                "wxWindows",
                " MIT",
                "Apache License",
                "BSD3",
                "LLVM-exception",
                "M\u{ef}T",
            ],
        );
    }

    #[test]
    fn emails() {
        let local_64 = "a".repeat(64);
        let label_63 = "b".repeat(63);
        let label_64 = "b".repeat(64);
        let at_254 = format!("{local_64}@{label_63}.{label_63}.{}", "c".repeat(61));
        let at_255 = format!("{local_64}@{label_63}.{label_63}.{}", "c".repeat(62));
        check(
            is_email,
            &[
                "john.doe@example.com",
                "a+b@c.io",
                "x@localhost",
                "abcd@google.com",
                "\"john doe\"@example.com",
                "\"john\\\"doe\"@example.com",
                "\"\"@example.com",
                "\"a\".b@example.com",
                "!#$%&'*+-/=?^_`{|}~@example.com",
                "x@123.com",
                "x@a-b.example",
                "john.doe@example.com.",
                "x@[192.168.0.1]",
                "x@[IPv6:2001:db8::1]",
                "john (work) @ example.com",
                "john.doe@example.com (John Doe)",
                "(a (nested) comment)john@example.com",
                " john@example.com",
                "john@example.com\r\n ",
                &format!("{local_64}@example.com"),
                &format!("x@{label_63}.com"),
                &at_254,
            ],
            &[
                "",
                "john.doe",
                "@example.com",
                "john@",
                "john..doe@example.com",
                ".john@example.com",
                "john.@example.com",
                "john doe@example.com",
                "a@b@c",
                "jane@@example.com",
                "Jane Doe",
                "Jane Doe <jane@example.com>",
                "x@-a.com",
                "x@a-.com",
                "x@a..com",
                "x@.com",
                "x@a_b.com",
                "x@[a[b]",
                "\"unterminated@example.com",
                "\"a\"\"b\"@example.com",
                "john(unclosed@example.com",
                "john@example.com\n",
                "j\u{f6}hn@example.com",
                "x@ex\u{e4}mple.com",
                &format!("a{local_64}@example.com"),
                &format!("x@{label_64}.com"),
                &at_255,
            ],
        );
    }

    #[test]
    fn semantic_versions() {
        check(
            is_semver,
            &[
                "1.0.0",
                "0.0.0",
                "2.1.3-rc.1+build.5",
                "1.0.0-alpha",
                "1.0.0-alpha.1",
                "1.0.0-0.3.7",
                "1.0.0-x.7.z.92",
                "1.0.0+20130313144700",
                "1.0.0-beta+exp.sha.5114f85",
                "1.0.0+001",
                "10.20.30",
            ],
            &[
                "",
                "1.0",
                "1",
                "v1.0.0",
                "01.0.0",
                "1.01.0",
                "1.0.0-",
                "1.0.0+",
                "1.0.0-01",
                "1.0.0-alpha..1",
                "1.0.0-\u{e9}",
                " 1.0.0",
                "1.0.0.0",
                "latest",
            ],
        );
    }

    #[test]
    fn git_hashes() {
        check(
            is_git_hash,
            &[
                "a1b2c3d",
                "0123456",
                "0123456789abcdef0123456789abcdef01234567",
            ],
            &[
                "",
                "a1b2c3",
                "a1b2c3d4",
                "A1B2C3D",
                "g1b2c3d",
                "0123456789ABCDEF0123456789ABCDEF01234567",
                "0123456789abcdef0123456789abcdef0123456",
                "\u{e9}1b2c3",
            ],
        );
    }
}
