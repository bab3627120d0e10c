//! The exec form: a JSON array of strings, decoded as Go's `encoding/json` does.
//!
//! BuildKit calls `json.Unmarshal` on the argument text: text that is not valid JSON falls
//! back to the shell form, while valid JSON holding anything but strings is an error.
//! The common case, an array of strings, goes through a nom grammar; anything else is
//! classified by an iterative validator (no recursion, so `[[[[...` cannot blow the stack).

use nom::branch::alt;
use nom::bytes::complete::take_while;
use nom::character::complete::char;
use nom::combinator::{all_consuming, map, opt};
use nom::multi::separated_list1;
use nom::sequence::{delimited, preceded, terminated};
use nom::{IResult, Parser};

/// One string of the array: its byte range in the argument text, quotes included, and
/// its decoded value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct JsonString {
    pub start: usize,
    pub end: usize,
    pub value: String,
}

#[derive(Debug, PartialEq, Eq)]
pub(crate) enum JsonArray {
    Strings(Vec<JsonString>),
    /// Valid JSON, but an element is not a string: BuildKit rejects the instruction.
    NotStrings,
    /// Not JSON at all: BuildKit treats the text as the shell form.
    Invalid,
}

/// Go's `encoding/json` refuses nesting deeper than this.
const MAX_DEPTH: usize = 10_000;

pub(crate) fn parse_json_array(text: &str) -> JsonArray {
    if !text.starts_with('[') {
        return JsonArray::Invalid;
    }
    let items = separated_list1(delimited(ws, char(','), ws), located_string(text));
    let array = delimited(
        char('['),
        delimited(ws, map(opt(items), Option::unwrap_or_default), ws),
        char(']'),
    );
    match all_consuming(terminated(array, ws)).parse(text) {
        Ok((_, strings)) => JsonArray::Strings(strings),
        Err(_) if is_valid_json(text) => JsonArray::NotStrings,
        Err(_) => JsonArray::Invalid,
    }
}

/// A JSON string with its byte range relative to `base`, the start of the whole text.
fn located_string<'a>(base: &'a str) -> impl Fn(&'a str) -> IResult<&'a str, JsonString> {
    let origin = base.as_ptr() as usize;
    move |input: &'a str| {
        let start = input.as_ptr() as usize - origin;
        let (rest, value) = json_string(input)?;
        Ok((
            rest,
            JsonString {
                start,
                end: rest.as_ptr() as usize - origin,
                value,
            },
        ))
    }
}

fn ws(input: &str) -> IResult<&str, &str> {
    take_while(|c| matches!(c, ' ' | '\t' | '\n' | '\r')).parse(input)
}

/// A JSON string literal, decoded. Lone surrogates become U+FFFD, as in Go.
fn json_string(input: &str) -> IResult<&str, String> {
    let fail = || nom::Err::Error(nom::error::Error::new(input, nom::error::ErrorKind::Char));
    let body = input.strip_prefix('"').ok_or_else(fail)?;
    // Most strings have no escape: one scan to the quote, one copy.
    let plain = body
        .bytes()
        .position(|b| b == b'"' || b == b'\\' || b < 0x20)
        .unwrap_or(body.len());
    if body.as_bytes().get(plain) == Some(&b'"') {
        return Ok((&body[plain + 1..], body[..plain].to_string()));
    }
    let mut value = String::with_capacity(plain + 8);
    value.push_str(&body[..plain]);
    let mut chars = body[plain..].char_indices();
    let body = &body[plain..];
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Ok((&body[i + 1..], value)),
            '\\' => {
                let (_, e) = chars.next().ok_or_else(fail)?;
                match e {
                    '"' => value.push('"'),
                    '\\' => value.push('\\'),
                    '/' => value.push('/'),
                    'b' => value.push('\u{8}'),
                    'f' => value.push('\u{c}'),
                    'n' => value.push('\n'),
                    'r' => value.push('\r'),
                    't' => value.push('\t'),
                    'u' => {
                        let hi = hex4(&mut chars).ok_or_else(fail)?;
                        if (0xD800..0xDC00).contains(&hi) {
                            // A high surrogate pairs with an immediately following `\uDC00..`.
                            let mut look = chars.clone();
                            let low = match (look.next(), look.next()) {
                                (Some((_, '\\')), Some((_, 'u'))) => hex4(&mut look),
                                _ => None,
                            };
                            match low {
                                Some(lo) if (0xDC00..0xE000).contains(&lo) => {
                                    let cp = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
                                    value.push(char::from_u32(cp).unwrap_or('\u{FFFD}'));
                                    chars = look;
                                }
                                _ => value.push('\u{FFFD}'),
                            }
                        } else {
                            value.push(char::from_u32(hi).unwrap_or('\u{FFFD}'));
                        }
                    }
                    _ => return Err(fail()),
                }
            }
            c if (c as u32) < 0x20 => return Err(fail()),
            c => value.push(c),
        }
    }
    Err(fail())
}

fn hex4(chars: &mut std::str::CharIndices<'_>) -> Option<u32> {
    let mut v = 0u32;
    for _ in 0..4 {
        let (_, c) = chars.next()?;
        v = v * 16 + c.to_digit(16)?;
    }
    Some(v)
}

fn number(input: &str) -> IResult<&str, ()> {
    fn digits(i: &str) -> IResult<&str, &str> {
        take_while(|c: char| c.is_ascii_digit()).parse(i)
    }
    fn nonempty_digits(i: &str) -> IResult<&str, &str> {
        nom::character::complete::digit1(i)
    }
    let int = alt((
        map(char('0'), |_| ()),
        map(
            (
                nom::character::complete::satisfy(|c| c.is_ascii_digit() && c != '0'),
                digits,
            ),
            |_| (),
        ),
    ));
    let frac = opt(preceded(char('.'), nonempty_digits));
    let exp = opt((
        alt((char('e'), char('E'))),
        opt(alt((char('+'), char('-')))),
        nonempty_digits,
    ));
    map((opt(char('-')), int, frac, exp), |_| ()).parse(input)
}

/// Whether `text` is one complete JSON value (with surrounding white space), checked
/// with an explicit stack so that depth costs memory, not stack frames.
fn is_valid_json(text: &str) -> bool {
    #[derive(Clone, Copy, PartialEq)]
    enum Frame {
        Array,
        Object,
    }
    let mut stack: Vec<Frame> = Vec::new();
    let mut rest = text;
    macro_rules! skip_ws {
        () => {
            rest = ws(rest).map(|(r, _)| r).unwrap_or(rest)
        };
    }
    // Each loop turn parses one value, then the separators that follow it.
    'value: loop {
        skip_ws!();
        match rest.as_bytes().first() {
            Some(b'[') | Some(b'{') => {
                let frame = if rest.starts_with('[') {
                    Frame::Array
                } else {
                    Frame::Object
                };
                if stack.len() >= MAX_DEPTH {
                    return false;
                }
                stack.push(frame);
                rest = &rest[1..];
                skip_ws!();
                let close = if frame == Frame::Array { ']' } else { '}' };
                if let Some(r) = rest.strip_prefix(close) {
                    stack.pop();
                    rest = r;
                } else {
                    if frame == Frame::Object && !object_key(&mut rest) {
                        return false;
                    }
                    continue 'value;
                }
            }
            Some(b'"') => match json_string(rest) {
                Ok((r, _)) => rest = r,
                Err(_) => return false,
            },
            Some(b't') | Some(b'f') | Some(b'n') => {
                let lit = ["true", "false", "null"]
                    .into_iter()
                    .find(|l| rest.starts_with(l));
                match lit {
                    Some(l) => rest = &rest[l.len()..],
                    None => return false,
                }
            }
            Some(_) => match number(rest) {
                Ok((r, _)) => rest = r,
                Err(_) => return false,
            },
            None => return false,
        }
        // After a value: close containers or move to the next element.
        loop {
            skip_ws!();
            let Some(&top) = stack.last() else {
                return rest.is_empty();
            };
            let close = if top == Frame::Array { ']' } else { '}' };
            if let Some(r) = rest.strip_prefix(close) {
                stack.pop();
                rest = r;
                continue;
            }
            let Some(r) = rest.strip_prefix(',') else {
                return false;
            };
            rest = r;
            skip_ws!();
            if top == Frame::Object && !object_key(&mut rest) {
                return false;
            }
            continue 'value;
        }
    }
}

/// `"key" :` inside an object.
fn object_key(rest: &mut &str) -> bool {
    let Ok((r, _)) = json_string(rest) else {
        return false;
    };
    let r = ws(r).map(|(r, _)| r).unwrap_or(r);
    match r.strip_prefix(':') {
        Some(r) => {
            *rest = r;
            true
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str) -> Vec<String> {
        match parse_json_array(text) {
            JsonArray::Strings(s) => s.into_iter().map(|s| s.value).collect(),
            other => panic!("{text:?} gave {other:?}"),
        }
    }

    #[test]
    fn string_arrays_decode_like_go() {
        assert_eq!(values(r#"["a", "b c"]"#), ["a", "b c"]);
        assert_eq!(values("[ ]"), Vec::<String>::new());
        assert_eq!(
            values(r#"["\/usr\\\"/bin", "\u00e9\ud83d\ude00"]"#),
            ["/usr\\\"/bin", "é😀"]
        );
        assert_eq!(values(r#"["\ud800x"]"#), ["\u{FFFD}x"]);
        assert_eq!(values("[\"a\"]\n  "), ["a"]);
    }

    #[test]
    fn string_ranges_include_quotes() {
        let JsonArray::Strings(s) = parse_json_array(r#"[ "ab", "c" ]"#) else {
            panic!()
        };
        assert_eq!((s[0].start, s[0].end), (2, 6));
        assert_eq!((s[1].start, s[1].end), (8, 11));
    }

    #[test]
    fn valid_json_with_other_values_is_rejected() {
        assert_eq!(
            parse_json_array(r#"[ "echo", [ "nested json" ] ]"#),
            JsonArray::NotStrings
        );
        assert_eq!(
            parse_json_array("[1, -2.5e3, true, null, {\"a\": [false]}]"),
            JsonArray::NotStrings
        );
    }

    #[test]
    fn invalid_json_falls_back_to_shell_form() {
        for text in [
            "['a']",
            r#"["a",]"#,
            r#"["a""#,
            r#"["a"] # comment"#,
            "[\"a\tb\"]",
            "[01]",
            "[",
            "[\"\\x\"]",
        ] {
            assert_eq!(parse_json_array(text), JsonArray::Invalid, "{text}");
        }
    }

    #[test]
    fn deep_nesting_is_bounded_not_recursive() {
        let deep = "[".repeat(200_000);
        assert_eq!(parse_json_array(&deep), JsonArray::Invalid);
        let ok = format!("{}{}", "[".repeat(5000), "]".repeat(5000));
        assert_eq!(parse_json_array(&ok), JsonArray::NotStrings);
        let too_deep = format!("{}{}", "[".repeat(10_001), "]".repeat(10_001));
        assert_eq!(parse_json_array(&too_deep), JsonArray::Invalid);
    }
}
