//! Character classes and trims exactly as BuildKit's Go code applies them.
//!
//! BuildKit mixes three notions of white space: `unicode.IsSpace` on runes, the same
//! function on single *bytes* (so the UTF-8 continuation bytes 0x85 and 0xA0 count as
//! space), and the regular expression class `[\t\v\f\r ]`. Matching BuildKit byte for
//! byte means keeping them apart.

/// `unicode.IsSpace`: Rust's `char::is_whitespace` is the same set (the Unicode
/// `White_Space` property).
pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace()
}

/// `unicode.IsSpace(rune(b))` applied to one byte, as `extractBuilderFlags` and
/// `parseHealthConfig` do.
pub(crate) fn is_space_byte(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ' | 0x85 | 0xA0)
}

/// Byte-wise space tests can stop inside a multi-byte character (0x85 and 0xA0 are also
/// UTF-8 continuation bytes). Go slices bytes freely; we move such a cut to the nearest
/// character boundary, backwards for the end of a word, forwards for the start of one.
pub(crate) fn floor_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

pub(crate) fn ceil_boundary(s: &str, mut i: usize) -> usize {
    while i < s.len() && !s.is_char_boundary(i) {
        i += 1;
    }
    i.min(s.len())
}

/// The regular expression class `[\t\v\f\r ]` (`reWhitespace`).
pub(crate) fn is_split_space(b: u8) -> bool {
    matches!(b, b'\t' | 0x0B | 0x0C | b'\r' | b' ')
}

/// RE2's `\s`: `[\t\n\f\r ]` (no vertical tab).
pub(crate) fn is_re_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | 0x0C | b'\r' | b' ')
}

/// Length in bytes of the leading `unicode.IsSpace` run of `s`.
pub(crate) fn leading_space_len(s: &str) -> usize {
    let ascii = s
        .bytes()
        .take_while(|b| matches!(b, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r'))
        .count();
    if s.as_bytes().get(ascii).is_some_and(|b| !b.is_ascii()) {
        let rest = &s[ascii..];
        return ascii + rest.len() - rest.trim_start_matches(is_space).len();
    }
    ascii
}

/// `strings.TrimSpace` as a byte range of `s`.
pub(crate) fn trim_space_range(s: &str) -> (usize, usize) {
    let start = leading_space_len(s);
    let bytes = s.as_bytes();
    let mut end = bytes.len();
    // ASCII at the end (nearly always) is trimmed byte by byte, without decoding chars.
    while end > start && bytes[end - 1].is_ascii() {
        if !matches!(bytes[end - 1], b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r') {
            return (start, end);
        }
        end -= 1;
    }
    let end = s[..end].trim_end_matches(is_space).len().max(start);
    (start, end)
}

/// Splits `s` on runs of `[\t\v\f\r ]` like `regexp.Split(s, -1)`, yielding byte ranges.
/// Leading or trailing separators give empty pieces, as in Go.
pub(crate) fn split_ws_ranges(s: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let bytes = s.as_bytes();
    let mut pos = 0usize;
    let mut done = false;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        let start = pos;
        while pos < bytes.len() && !is_split_space(bytes[pos]) {
            pos += 1;
        }
        let end = pos;
        if pos == bytes.len() {
            done = true;
        } else {
            while pos < bytes.len() && is_split_space(bytes[pos]) {
                pos += 1;
            }
        }
        Some((start, end))
    })
}

/// Go's `strconv.Quote`: used to reproduce BuildKit's AST dump and its error messages.
pub(crate) fn go_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{b}' => out.push_str("\\v"),
            c if is_go_printable(c) => out.push(c),
            c if (c as u32) < 0x80 => out.push_str(&format!("\\x{:02x}", c as u32)),
            c if (c as u32) < 0x10000 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push_str(&format!("\\U{:08x}", c as u32)),
        }
    }
    out.push('"');
    out
}

/// An approximation of Go's `strconv.IsPrint`: letters, marks, numbers, punctuation,
/// symbols and the ASCII space. Control, format, private-use and unassigned characters
/// are not printable; without a Unicode table here we treat the well-known non-printing
/// ranges as such and everything else as printable.
fn is_go_printable(c: char) -> bool {
    let u = c as u32;
    if u < 0x20 || (0x7F..0xA0).contains(&u) {
        return false;
    }
    let format_or_private = matches!(u,
        0xAD | 0x600..=0x605 | 0x61C | 0x6DD | 0x70F | 0x180E | 0x200B..=0x200F
        | 0x2028..=0x202E | 0x2060..=0x206F | 0xFEFF | 0xFFF9..=0xFFFB
        | 0xE000..=0xF8FF | 0xF0000..=0x10FFFF | 0xFFFE | 0xFFFF
    );
    let non_ascii_space = c.is_whitespace() && c != ' ';
    !format_or_private && !non_ascii_space
}

/// Go's `strconv.ParseBool`: `1`, `t`, `T`, `TRUE`, `true`, `True` and their false
/// counterparts; anything else is no boolean.
pub(crate) fn go_parse_bool(s: &str) -> Option<bool> {
    match s {
        "1" | "t" | "T" | "TRUE" | "true" | "True" => Some(true),
        "0" | "f" | "F" | "FALSE" | "false" | "False" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quote_escapes_like_go() {
        assert_eq!(go_quote(r#"a"b\c"#), r#""a\"b\\c""#);
        assert_eq!(go_quote("tab\there\n"), r#""tab\there\n""#);
        assert_eq!(go_quote("\u{1}"), r#""\x01""#);
        assert_eq!(go_quote("é"), "\"é\"");
        assert_eq!(go_quote("\u{a0}"), r#""\u00a0""#);
    }

    #[test]
    fn split_keeps_go_empty_pieces() {
        let pieces: Vec<_> = split_ws_ranges("a  b\tc").collect();
        assert_eq!(pieces, vec![(0, 1), (3, 4), (5, 6)]);
        let pieces: Vec<_> = split_ws_ranges(" a").collect();
        assert_eq!(pieces, vec![(0, 0), (1, 2)]);
        let pieces: Vec<_> = split_ws_ranges("").collect();
        assert_eq!(pieces, vec![(0, 0)]);
    }

    #[test]
    fn byte_space_includes_latin1_space_bytes() {
        assert!(is_space_byte(0xA0));
        assert!(!is_split_space(0xA0));
        assert!(!is_re_space(0x0B));
    }
}
