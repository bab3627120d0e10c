//! Byte-level helpers for the parser: operator recognition, character classes and
//! the small scanners for constructs kept verbatim (`${..}`, `$((..))`, `a=(..)`).
//!
//! Every function here works on the raw bytes, never recurses, and only stops at ASCII
//! bytes, so any index it returns is a UTF-8 character boundary.

use super::model::RedirectOp;

/// A control or redirection operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Op {
    AndIf,
    OrIf,
    Pipe,
    PipeAmp,
    Amp,
    Semi,
    DSemi,
    SemiAmp,
    DSemiAmp,
    LParen,
    RParen,
    Redir(RedirectOp),
}

impl Op {
    pub(crate) fn is_case_terminator(self) -> bool {
        matches!(self, Op::DSemi | Op::SemiAmp | Op::DSemiAmp)
    }
}

/// The operator starting at `b[i]` and its length in bytes.
pub(crate) fn operator(b: &[u8], i: usize) -> Option<(Op, usize)> {
    let at = |k: usize| b.get(i + k).copied().unwrap_or(0);
    let r = |op: RedirectOp, len: usize| Some((Op::Redir(op), len));
    match *b.get(i)? {
        b'&' => match at(1) {
            b'&' => Some((Op::AndIf, 2)),
            b'>' if at(2) == b'>' => r(RedirectOp::AppendAll, 3),
            b'>' => r(RedirectOp::WriteAll, 2),
            _ => Some((Op::Amp, 1)),
        },
        b'|' => match at(1) {
            b'|' => Some((Op::OrIf, 2)),
            b'&' => Some((Op::PipeAmp, 2)),
            _ => Some((Op::Pipe, 1)),
        },
        b';' => match at(1) {
            b';' if at(2) == b'&' => Some((Op::DSemiAmp, 3)),
            b';' => Some((Op::DSemi, 2)),
            b'&' => Some((Op::SemiAmp, 2)),
            _ => Some((Op::Semi, 1)),
        },
        b'(' => Some((Op::LParen, 1)),
        b')' => Some((Op::RParen, 1)),
        b'<' => match at(1) {
            b'<' => match at(2) {
                b'<' => r(RedirectOp::HereString, 3),
                b'-' => r(RedirectOp::HereDocStrip, 3),
                _ => r(RedirectOp::HereDoc, 2),
            },
            b'&' => r(RedirectOp::DupIn, 2),
            b'>' => r(RedirectOp::ReadWrite, 2),
            _ => r(RedirectOp::Read, 1),
        },
        b'>' => match at(1) {
            b'>' => r(RedirectOp::Append, 2),
            b'&' => r(RedirectOp::DupOut, 2),
            b'|' => r(RedirectOp::Clobber, 2),
            _ => r(RedirectOp::Write, 1),
        },
        _ => None,
    }
}

const fn table(chars: &[u8]) -> [bool; 256] {
    let mut t = [false; 256];
    let mut i = 0;
    while i < chars.len() {
        t[chars[i] as usize] = true;
        i += 1;
    }
    t
}

/// Bytes that end a run of literal characters outside quotes.
pub(crate) static UNQUOTED_SPECIAL: [bool; 256] = table(b" \t\n;&|<>()'\"\\$`");
/// Bytes that end a run of literal characters inside double quotes.
pub(crate) static DQUOTED_SPECIAL: [bool; 256] = table(b"\"\\$`");

/// End of the run of non-special bytes starting at `i` (at least `i + 1` if `i` is in range).
pub(crate) fn run_end(b: &[u8], i: usize, special: &[bool; 256]) -> usize {
    let mut j = i;
    // Four bytes a turn while four remain: this loop sees every byte of every script, and
    // one bounds test per four bytes instead of per byte takes a third off its cost
    // (callgrind on the sample).
    let end = 'scan: {
        while let Some(&[a, b1, c, d]) = b.get(j..j + 4) {
            for (k, byte) in [a, b1, c, d].into_iter().enumerate() {
                if special[byte as usize] {
                    break 'scan j + k;
                }
            }
            j += 4;
        }
        while j < b.len() && !special[b[j] as usize] {
            j += 1;
        }
        j
    };
    end.max((i + 1).min(b.len()))
}

/// Index of the next `byte` at or after `i`.
pub(crate) fn find(b: &[u8], i: usize, byte: u8) -> Option<usize> {
    b.get(i..)?.iter().position(|&c| c == byte).map(|k| i + k)
}

/// Index of the newline ending the line that contains `i` (or `b.len()`).
pub(crate) fn line_end(b: &[u8], i: usize) -> usize {
    find(b, i, b'\n').unwrap_or(b.len())
}

/// The end of a comment inside a backtick substitution: the line's end or the closing
/// backtick, whichever comes first. The shell finds the closing backtick before it reads
/// the text inside (POSIX 2.6.3), so a comment there cannot hide it: `` `# note` cmd ``.
pub(crate) fn comment_end_in_backtick(b: &[u8], mut i: usize) -> usize {
    while i < b.len() {
        match b[i] {
            b'\\' => i += 1,
            b'\n' | b'`' => return i,
            _ => {}
        }
        i += 1;
    }
    b.len()
}

pub(crate) fn digits_end(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    i
}

/// Skips spaces, tabs and backslash-newlines.
pub(crate) fn skip_blanks(b: &[u8], mut i: usize) -> usize {
    loop {
        match b.get(i) {
            Some(b' ' | b'\t') => i += 1,
            Some(b'\\') if b.get(i + 1) == Some(&b'\n') => i += 2,
            _ => return i,
        }
    }
}

pub(crate) fn is_name_start(c: u8) -> bool {
    c == b'_' || c.is_ascii_alphabetic()
}

pub(crate) fn is_name_char(c: u8) -> bool {
    c == b'_' || c.is_ascii_alphanumeric()
}

pub(crate) fn name_end(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && is_name_char(b[i]) {
        i += 1;
    }
    i
}

pub(crate) fn is_name(s: &[u8]) -> bool {
    matches!(s.first(), Some(&c) if is_name_start(c)) && s.iter().all(|&c| is_name_char(c))
}

/// For a word starting `NAME=` or `NAME+=`: (length of NAME, length of the prefix).
pub(crate) fn assignment_prefix(s: &[u8]) -> Option<(usize, usize)> {
    if !is_name_start(*s.first()?) {
        return None;
    }
    let n = name_end(s, 0);
    match s.get(n..n + 2) {
        Some(b"+=") => Some((n, n + 2)),
        _ if s.get(n) == Some(&b'=') => Some((n, n + 1)),
        _ => None,
    }
}

/// Deepest parenthesis nesting accepted inside `$((..))` / `((..))`; past it the text
/// is not taken as arithmetic. The bound keeps repeated failed attempts linear.
const MAX_ARITH_DEPTH: u32 = 32;

/// Whether the text between `((` and `))` reads as commands rather than arithmetic: two
/// operands in a row with only white space between them (`find /x -type f`) or a quote,
/// which no arithmetic expression has. `dash` and BusyBox `ash`, the `/bin/sh` of most
/// images, always read `((` as two subshells; bash tries arithmetic and fails on these.
pub(crate) fn holds_commands(content: &[u8]) -> bool {
    let operand = |c: u8| c.is_ascii_alphanumeric() || c == b'_' || c == b'$';
    let (mut j, mut last_was_operand) = (0, false);
    while j < content.len() {
        let c = content[j];
        if c.is_ascii_whitespace() {
            j += 1;
            continue;
        }
        if matches!(c, b'\'' | b'"') {
            return true;
        }
        if !operand(c) {
            last_was_operand = false;
            j += 1;
            continue;
        }
        if last_was_operand {
            return true;
        }
        while j < content.len() && (operand(content[j]) || matches!(content[j], b'{' | b'}')) {
            j += 1;
        }
        last_was_operand = true;
    }
    false
}

/// With `b[i..]` starting `((`: the end of an arithmetic `((..))`, when the inner `(`
/// closes right before the outer one. `None` means "not arithmetic" (nested subshells,
/// or unterminated), so the caller falls back to `(`/`$(` parsing.
pub(crate) fn arith_end(b: &[u8], i: usize) -> Option<usize> {
    let mut depth = 0u32;
    let mut j = i;
    while j < b.len() {
        match b[j] {
            b'(' => {
                depth += 1;
                if depth > MAX_ARITH_DEPTH {
                    return None;
                }
            }
            b')' => {
                if depth == 2 {
                    return (b.get(j + 1) == Some(&b')')).then_some(j + 2);
                }
                depth = depth.checked_sub(1)?;
            }
            b'\\' => j += 1,
            _ => {}
        }
        j += 1;
    }
    None
}

/// With `b[i..]` just after `${`: the end of the parameter expansion, or `Err(len)`.
pub(crate) fn brace_param_end(b: &[u8], mut i: usize, in_dquote: bool) -> Result<usize, usize> {
    let mut depth = 1u32;
    let mut dq = false;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 1,
            b'\'' if !dq && !in_dquote => match find(b, i + 1, b'\'') {
                Some(k) => i = k,
                None => return Err(b.len()),
            },
            b'"' => dq = !dq,
            b'$' if b.get(i + 1) == Some(&b'{') => {
                depth += 1;
                i += 1;
            }
            b'}' if !dq => {
                depth -= 1;
                if depth == 0 {
                    return Ok(i + 1);
                }
            }
            _ => {}
        }
        i += 1;
    }
    Err(b.len())
}

/// With `b[i] == '('` (bash array value `a=(1 2)`): the end after the matching `)`.
pub(crate) fn paren_end(b: &[u8], mut i: usize) -> Result<usize, usize> {
    let mut depth = 0u32;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 1,
            b'\'' => match find(b, i + 1, b'\'') {
                Some(k) => i = k,
                None => return Err(b.len()),
            },
            b'"' => {
                let mut k = i + 1;
                while k < b.len() && b[k] != b'"' {
                    k += if b[k] == b'\\' { 2 } else { 1 };
                }
                if k >= b.len() {
                    return Err(b.len());
                }
                i = k;
            }
            b'(' => depth += 1,
            b')' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return Ok(i + 1);
                }
            }
            _ => {}
        }
        i += 1;
    }
    Err(b.len())
}

/// With `b[i..]` just after an opening backtick: the end after the closing one.
pub(crate) fn backtick_end(b: &[u8], mut i: usize) -> Result<usize, usize> {
    while i < b.len() {
        match b[i] {
            b'\\' => i += 1,
            b'`' => return Ok(i + 1),
            _ => {}
        }
        i += 1;
    }
    Err(b.len())
}

/// Decodes the body of `$'...'` starting just after the opening quote, appending to
/// `out`. Returns the index after the closing quote, or `Err(len)` if unterminated.
pub(crate) fn ansi_c(src: &str, mut i: usize, out: &mut String) -> Result<usize, usize> {
    let b = src.as_bytes();
    loop {
        let mut j = i;
        while j < b.len() && b[j] != b'\'' && b[j] != b'\\' {
            j += 1;
        }
        out.push_str(&src[i..j]);
        match b.get(j) {
            None => return Err(b.len()),
            Some(b'\'') => return Ok(j + 1),
            _ => {}
        }
        // A backslash escape at j.
        let Some(&e) = b.get(j + 1) else {
            return Err(b.len());
        };
        i = j + 2;
        let simple = match e {
            b'n' => Some('\n'),
            b't' => Some('\t'),
            b'r' => Some('\r'),
            b'a' => Some('\u{7}'),
            b'b' => Some('\u{8}'),
            b'e' | b'E' => Some('\u{1b}'),
            b'f' => Some('\u{c}'),
            b'v' => Some('\u{b}'),
            b'\\' => Some('\\'),
            b'\'' => Some('\''),
            b'"' => Some('"'),
            b'?' => Some('?'),
            _ => None,
        };
        if let Some(c) = simple {
            out.push(c);
            continue;
        }
        let (radix, max, start) = match e {
            b'0'..=b'7' => (8, 3, j + 1),
            b'x' => (16, 2, j + 2),
            b'u' => (16, 4, j + 2),
            b'U' => (16, 8, j + 2),
            b'c' if b.get(j + 2).is_some_and(u8::is_ascii) => {
                out.push(char::from(b[j + 2] & 0x1f));
                i = j + 3;
                continue;
            }
            _ => {
                // Unknown escape: kept as written (a non-ASCII char is copied next round).
                out.push('\\');
                i = j + 1;
                continue;
            }
        };
        let mut k = start;
        let mut v: u32 = 0;
        while k < b.len() && k < start + max {
            match char::from(b[k]).to_digit(radix) {
                Some(d) => v = v * radix + d,
                None => break,
            }
            k += 1;
        }
        if k == start {
            out.push('\\');
            i = j + 1;
            continue;
        }
        out.push(char::from_u32(v).unwrap_or(char::REPLACEMENT_CHARACTER));
        i = k;
    }
}
