//! Parser for the part of Go's regular-expression syntax (`regexp/syntax`
//! with the `Perl` flags that `regexp.Compile` uses) that Docker's pattern
//! translation can produce, compiled to the token program of `glob`.
//!
//! Docker hands Go an expression such as `^(.*/)?[^/]*\.log$`. Because `[`,
//! `]`, `|`, `{`, `}` and escapes are passed through verbatim, odd patterns
//! turn into odd expressions (`[*]` becomes `^[[^/]*]$`: a class of `[`, `^`,
//! `/` repeated, then a literal `]`), so we parse the real expression rather
//! than guess what the glob meant. Supported: literals, `.`, `^`, `$`,
//! groups, alternation, `*` `+` `?` `{n}` `{n,}` `{n,m}` (and non-greedy
//! forms), classes (ranges, negation, `[:name:]`, `\d\s\w`), escapes
//! (`\xHH`, `\x{H..}`, octal, `\a\f\n\r\t\v`, punctuation),
//! `\A \z \b \B`, `\Q...\E`, and Go's syntax errors (nested repetition,
//! missing argument, bad ranges, bad escapes, repeat counts over 1000).
//! Not supported (reported as errors although Go accepts them): `\p{..}` /
//! `\pL` Unicode classes, and constructs the translation cannot produce
//! (`(?flags)`, unbounded repetition of a group).

use super::glob::{Assertion, Class, Set, Tok};

const MAX_RUNE: u32 = 0x10FFFF;

/// Most tokens a compiled pattern may have (counted repetitions expand).
const MAX_TOKENS: usize = 100_000;

enum Node {
    Set(Set),
    Assert(Assertion),
    Concat(Vec<Node>),
    Alt(Vec<Node>),
    Repeat {
        sub: Box<Node>,
        min: u32,
        /// `None`: unbounded.
        max: Option<u32>,
    },
}

fn unsupported(what: &str) -> String {
    format!("unsupported regular-expression construct {what:?} (accepted by Docker's Go regexp; not implemented)")
}

fn invalid_escape(s: &[char], start: usize, end: usize) -> String {
    let seq: String = s[start..end.min(s.len())].iter().collect();
    format!("invalid escape sequence {seq:?} (Go regexp rejects it)")
}

/// One open group (or the top level) while parsing.
#[derive(Default)]
struct Frame {
    alternatives: Vec<Vec<Node>>,
    current: Vec<Node>,
}

impl Frame {
    fn finish(mut self) -> Node {
        if self.alternatives.is_empty() {
            Node::Concat(self.current)
        } else {
            self.alternatives.push(self.current);
            Node::Alt(self.alternatives.into_iter().map(Node::Concat).collect())
        }
    }
}

/// Parses a whole expression and returns its token program.
pub(super) fn parse(re: &str) -> Result<Vec<Tok>, String> {
    let s: Vec<char> = re.chars().collect();
    let mut stack: Vec<Frame> = vec![Frame::default()];
    let mut i = 0;
    let mut last_repeat = false;
    while i < s.len() {
        let mut repeat = false;
        let depth = stack.len();
        let frame = &mut stack[depth - 1];
        let cur = &mut frame.current;
        match s[i] {
            '(' => {
                if s.get(i + 1) == Some(&'?') {
                    return Err(unsupported("(?"));
                }
                stack.push(Frame::default());
                i += 1;
            }
            '|' => {
                let done = std::mem::take(cur);
                frame.alternatives.push(done);
                i += 1;
            }
            ')' => {
                if depth < 2 {
                    return Err("unexpected ) in regular expression (Go regexp rejects it)".into());
                }
                let node = stack.pop().unwrap_or_default().finish();
                if let Some(parent) = stack.last_mut() {
                    parent.current.push(node);
                }
                i += 1;
            }
            '^' => {
                cur.push(Node::Assert(Assertion::Start));
                i += 1;
            }
            '$' => {
                cur.push(Node::Assert(Assertion::End));
                i += 1;
            }
            '.' => {
                cur.push(Node::Set(Set::NotNewline));
                i += 1;
            }
            '[' => {
                let (class, next) = parse_class(&s, i)?;
                cur.push(Node::Set(Set::Class(class)));
                i = next;
            }
            op @ ('*' | '+' | '?' | '{') => {
                let (min, max, mut after) = match op {
                    '*' => (0, None, i + 1),
                    '+' => (1, None, i + 1),
                    '?' => (0, Some(1), i + 1),
                    _ => match parse_repeat(&s, i) {
                        None => {
                            cur.push(Node::Set(Set::Lit('{')));
                            i += 1;
                            last_repeat = false;
                            continue;
                        }
                        Some((min, max, after)) => {
                            let bad =
                                !(0..=1000).contains(&min) || max > 1000 || (max >= 0 && min > max);
                            if bad {
                                let text: String = s[i..after].iter().collect();
                                return Err(format!(
                                    "invalid repeat count {text:?} (Go regexp rejects it)"
                                ));
                            }
                            let max = u32::try_from(max).ok();
                            (min as u32, max, after)
                        }
                    },
                };
                if s.get(after) == Some(&'?') {
                    after += 1; // non-greedy: same language
                }
                if last_repeat {
                    let text: String = s[i..after].iter().collect();
                    return Err(format!(
                        "invalid nested repetition operator {text:?} (Go regexp rejects it)"
                    ));
                }
                let Some(sub) = cur.pop() else {
                    let text: String = s[i..after].iter().collect();
                    return Err(format!(
                        "missing argument to repetition operator {text:?} (Go regexp rejects it)"
                    ));
                };
                cur.push(Node::Repeat {
                    sub: Box::new(sub),
                    min,
                    max,
                });
                repeat = true;
                i = after;
            }
            '\\' => {
                i = parse_backslash(&s, i, cur)?;
            }
            c => {
                cur.push(Node::Set(Set::Lit(c)));
                i += 1;
            }
        }
        last_repeat = repeat;
    }
    if stack.len() != 1 {
        return Err("missing closing ) in regular expression (Go regexp rejects it)".into());
    }
    let root = stack.pop().unwrap_or_default().finish();
    let mut out = Vec::new();
    emit(root, &mut out)?;
    Ok(out)
}

/// Go's `parseRepeat` on `s[i..]` (`s[i]` is `{`): `{n}`, `{n,}`, `{n,m}`
/// without leading zeros. Returns `(min, max, index after)`, with `-1` for
/// numbers that are too large (and `max == -1` for `{n,}`).
fn parse_repeat(s: &[char], i: usize) -> Option<(i64, i64, usize)> {
    fn int(s: &[char], j: &mut usize) -> Option<i64> {
        let start = *j;
        if !s.get(start).is_some_and(char::is_ascii_digit) {
            return None;
        }
        if s[start] == '0' && s.get(start + 1).is_some_and(char::is_ascii_digit) {
            return None;
        }
        let mut n: i64 = 0;
        while let Some(d) = s.get(*j).and_then(|c| c.to_digit(10)) {
            if n >= 0 {
                n = if n >= 100_000_000 {
                    -1
                } else {
                    n * 10 + i64::from(d)
                };
            }
            *j += 1;
        }
        Some(n)
    }
    let mut j = i + 1;
    let mut min = int(s, &mut j)?;
    let max;
    if s.get(j) == Some(&',') {
        j += 1;
        if s.get(j) == Some(&'}') {
            max = -1;
        } else {
            max = int(s, &mut j)?;
            if max < 0 {
                min = -1;
            }
        }
    } else {
        max = min;
    }
    if s.get(j) != Some(&'}') {
        return None;
    }
    Some((min, max, j + 1))
}

fn push_tok(out: &mut Vec<Tok>, tok: Tok) -> Result<(), String> {
    if out.len() >= MAX_TOKENS {
        return Err(
            "pattern too complex (its expansion exceeds this implementation's limit)".into(),
        );
    }
    out.push(tok);
    Ok(())
}

fn emit(node: Node, out: &mut Vec<Tok>) -> Result<(), String> {
    match node {
        Node::Set(set) => push_tok(out, Tok::One(set))?,
        Node::Assert(a) => push_tok(out, Tok::Assert(a))?,
        Node::Concat(seq) => {
            for n in seq {
                emit(n, out)?;
            }
        }
        Node::Alt(alternatives) => {
            // Fork(next alternative) A Jump(end) Fork(...) B Jump(end) C
            let mut compiled = Vec::with_capacity(alternatives.len());
            for alt in alternatives {
                let mut toks = Vec::new();
                emit(alt, &mut toks)?;
                compiled.push(toks);
            }
            let count = compiled.len();
            let total: usize = compiled.iter().map(|t| t.len() + 2).sum::<usize>() - 2;
            let mut written = 0;
            for (k, toks) in compiled.into_iter().enumerate() {
                if k + 1 < count {
                    push_tok(out, Tok::Fork(toks.len() + 2))?;
                    let len = toks.len();
                    for t in toks {
                        push_tok(out, t)?;
                    }
                    written += len + 2;
                    push_tok(out, Tok::Jump(total - written + 1))?;
                } else {
                    for t in toks {
                        push_tok(out, t)?;
                    }
                }
            }
        }
        Node::Repeat { sub, min, max } => match *sub {
            Node::Assert(a) => {
                // Zero-width: once if required, else it can always be skipped.
                if min >= 1 {
                    push_tok(out, Tok::Assert(a))?;
                }
            }
            Node::Set(set) => {
                for _ in 0..min {
                    push_tok(out, Tok::One(set.clone()))?;
                }
                match max {
                    None => push_tok(out, Tok::Many(set))?,
                    Some(max) => {
                        let optional = max.saturating_sub(min) as usize;
                        // Fork(end) X Fork(end) X ...
                        for k in 0..optional {
                            push_tok(out, Tok::Fork((optional - k) * 2))?;
                            push_tok(out, Tok::One(set.clone()))?;
                        }
                    }
                }
            }
            other => {
                let mut body = Vec::new();
                emit(other, &mut body)?;
                for _ in 0..min {
                    for t in &body {
                        push_tok(out, t.clone())?;
                    }
                }
                let Some(max) = max else {
                    return Err(unsupported("unbounded repetition of a group"));
                };
                let optional = max.saturating_sub(min) as usize;
                let step = body.len() + 1;
                for k in 0..optional {
                    push_tok(out, Tok::Fork((optional - k) * step))?;
                    for t in &body {
                        push_tok(out, t.clone())?;
                    }
                }
            }
        },
    }
    Ok(())
}

fn literal(cp: u32) -> Node {
    match char::from_u32(cp) {
        Some(c) => Node::Set(Set::Lit(c)),
        // A surrogate code point: never matches decoded text.
        None => Node::Set(Set::Class(Class::from_ranges(false, Vec::new()))),
    }
}

/// `s[i]` is a backslash outside a class. Returns the index after it.
fn parse_backslash(s: &[char], i: usize, cur: &mut Vec<Node>) -> Result<usize, String> {
    if let Some(&c) = s.get(i + 1) {
        let assertion = match c {
            'A' => Some(Assertion::Start),
            'b' => Some(Assertion::WordBoundary),
            'B' => Some(Assertion::NotWordBoundary),
            'z' => Some(Assertion::End),
            _ => None,
        };
        if let Some(a) = assertion {
            cur.push(Node::Assert(a));
            return Ok(i + 2);
        }
        match c {
            'C' => return Err(invalid_escape(s, i, i + 2)),
            'Q' => {
                // Literal text up to \E (or the end).
                let mut j = i + 2;
                while j < s.len() {
                    if s[j] == '\\' && s.get(j + 1) == Some(&'E') {
                        return Ok(j + 2);
                    }
                    cur.push(Node::Set(Set::Lit(s[j])));
                    j += 1;
                }
                return Ok(j);
            }
            'p' | 'P' => return Err(unsupported(&format!("\\{c}"))),
            _ => {}
        }
        if let Some((negated, ranges)) = perl_group(c) {
            cur.push(Node::Set(Set::Class(group_class(negated, ranges))));
            return Ok(i + 2);
        }
    }
    let (cp, next) = parse_escape(s, i)?;
    cur.push(literal(cp));
    Ok(next)
}

/// Go's `parseEscape`: `s[i]` is a backslash. Returns the code point and the
/// index after the escape.
fn parse_escape(s: &[char], i: usize) -> Result<(u32, usize), String> {
    let Some(&c) = s.get(i + 1) else {
        return Err("trailing backslash at end of expression".to_string());
    };
    let mut j = i + 2;
    if c.is_ascii() && !c.is_ascii_alphanumeric() {
        return Ok((c as u32, j));
    }
    let octal = |k: usize| s.get(k).filter(|c| ('0'..='7').contains(*c)).copied();
    match c {
        '0'..='7' => {
            if c != '0' && octal(j).is_none() {
                // A single non-zero digit is a backreference.
                return Err(invalid_escape(s, i, j));
            }
            let mut r = c as u32 - '0' as u32;
            for _ in 1..3 {
                let Some(d) = octal(j) else { break };
                r = r * 8 + (d as u32 - '0' as u32);
                j += 1;
            }
            Ok((r, j))
        }
        'x' => {
            let hex = |k: usize| s.get(k).and_then(|c| c.to_digit(16));
            if s.get(j) == Some(&'{') {
                j += 1;
                let mut r: u32 = 0;
                let mut n = 0;
                loop {
                    match s.get(j) {
                        Some('}') if n > 0 => return Ok((r, j + 1)),
                        Some(c) => match c.to_digit(16) {
                            Some(v) => {
                                r = r * 16 + v;
                                if r > MAX_RUNE {
                                    return Err(invalid_escape(s, i, j + 1));
                                }
                                n += 1;
                                j += 1;
                            }
                            None => return Err(invalid_escape(s, i, j + 1)),
                        },
                        None => return Err(invalid_escape(s, i, j)),
                    }
                }
            }
            match (hex(j), hex(j + 1)) {
                (Some(x), Some(y)) => Ok((x * 16 + y, j + 2)),
                _ => Err(invalid_escape(s, i, j + 2)),
            }
        }
        'a' => Ok((0x07, j)),
        'f' => Ok((0x0C, j)),
        'n' => Ok((0x0A, j)),
        'r' => Ok((0x0D, j)),
        't' => Ok((0x09, j)),
        'v' => Ok((0x0B, j)),
        _ => Err(invalid_escape(s, i, j)),
    }
}

fn perl_group(c: char) -> Option<(bool, &'static [(u32, u32)])> {
    const DIGIT: &[(u32, u32)] = &[(0x30, 0x39)];
    const SPACE: &[(u32, u32)] = &[(0x09, 0x0A), (0x0C, 0x0D), (0x20, 0x20)];
    const WORD: &[(u32, u32)] = &[(0x30, 0x39), (0x41, 0x5A), (0x5F, 0x5F), (0x61, 0x7A)];
    Some(match c {
        'd' => (false, DIGIT),
        'D' => (true, DIGIT),
        's' => (false, SPACE),
        'S' => (true, SPACE),
        'w' => (false, WORD),
        'W' => (true, WORD),
        _ => return None,
    })
}

fn posix_group(name: &str) -> Option<&'static [(u32, u32)]> {
    Some(match name {
        "alnum" => &[(0x30, 0x39), (0x41, 0x5A), (0x61, 0x7A)],
        "alpha" => &[(0x41, 0x5A), (0x61, 0x7A)],
        "ascii" => &[(0x00, 0x7F)],
        "blank" => &[(0x09, 0x09), (0x20, 0x20)],
        "cntrl" => &[(0x00, 0x1F), (0x7F, 0x7F)],
        "digit" => &[(0x30, 0x39)],
        "graph" => &[(0x21, 0x7E)],
        "lower" => &[(0x61, 0x7A)],
        "print" => &[(0x20, 0x7E)],
        "punct" => &[(0x21, 0x2F), (0x3A, 0x40), (0x5B, 0x60), (0x7B, 0x7E)],
        "space" => &[(0x09, 0x0D), (0x20, 0x20)],
        "upper" => &[(0x41, 0x5A)],
        "word" => &[(0x30, 0x39), (0x41, 0x5A), (0x5F, 0x5F), (0x61, 0x7A)],
        "xdigit" => &[(0x30, 0x39), (0x41, 0x46), (0x61, 0x66)],
        _ => return None,
    })
}

/// Sorted, non-overlapping ranges; returns the complement over all runes.
fn complement(ranges: &[(u32, u32)]) -> Vec<(u32, u32)> {
    let mut out = Vec::new();
    let mut next = 0u32;
    for &(lo, hi) in ranges {
        if lo > next {
            out.push((next, lo - 1));
        }
        next = next.max(hi + 1);
    }
    if next <= MAX_RUNE {
        out.push((next, MAX_RUNE));
    }
    out
}

fn add_group(ranges: &mut Vec<(u32, u32)>, negated: bool, group: &[(u32, u32)]) {
    if negated {
        ranges.extend(complement(group));
    } else {
        ranges.extend_from_slice(group);
    }
}

fn group_class(negated: bool, group: &[(u32, u32)]) -> Class {
    let mut ranges = Vec::new();
    add_group(&mut ranges, negated, group);
    Class::from_ranges(false, ranges)
}

/// Go's `parseClass`; `s[i]` is `[`. Returns the class and the index after
/// the closing `]`.
fn parse_class(s: &[char], i: usize) -> Result<(Class, usize), String> {
    let missing = || "missing closing ] in regular expression".to_string();
    let mut t = i + 1;
    let mut negated = false;
    if s.get(t) == Some(&'^') {
        negated = true;
        t += 1;
    }
    let mut ranges: Vec<(u32, u32)> = Vec::new();
    let mut first = true;
    while t >= s.len() || s[t] != ']' || first {
        first = false;

        // POSIX [:alnum:]; the ":]" is searched in the whole rest.
        if s.len() - t.min(s.len()) > 2 && s[t] == '[' && s[t + 1] == ':' {
            if let Some(off) = s[t + 2..].windows(2).position(|w| w == [':', ']']) {
                let name: String = s[t + 2..t + 2 + off].iter().collect();
                let (neg, bare) = match name.strip_prefix('^') {
                    Some(b) => (true, b),
                    None => (false, name.as_str()),
                };
                let Some(group) = posix_group(bare) else {
                    return Err(format!(
                        "invalid character class range \"[:{name}:]\" (Go regexp rejects it)"
                    ));
                };
                add_group(&mut ranges, neg, group);
                t += 2 + off + 2;
                continue;
            }
        }

        if s.get(t) == Some(&'\\') {
            if let Some(&c) = s.get(t + 1) {
                if c == 'p' || c == 'P' {
                    return Err(unsupported(&format!("\\{c}")));
                }
                if let Some((neg, group)) = perl_group(c) {
                    add_group(&mut ranges, neg, group);
                    t += 2;
                    continue;
                }
            }
        }

        let start = t;
        let (lo, next) = class_char(s, t).map_err(|e| e.unwrap_or_else(missing))?;
        t = next;
        let mut hi = lo;
        if s.get(t) == Some(&'-') && s.get(t + 1).is_some_and(|c| *c != ']') {
            let (h, next) = class_char(s, t + 1).map_err(|e| e.unwrap_or_else(missing))?;
            t = next;
            if h < lo {
                let text: String = s[start..t].iter().collect();
                return Err(format!(
                    "invalid character class range {text:?} (Go regexp rejects it)"
                ));
            }
            hi = h;
        }
        ranges.push((lo, hi));
    }
    Ok((Class::from_ranges(negated, ranges), t + 1))
}

/// Go's `parseClassChar`; `Err(None)` means the class is not closed.
fn class_char(s: &[char], t: usize) -> Result<(u32, usize), Option<String>> {
    match s.get(t) {
        None => Err(None),
        Some('\\') => parse_escape(s, t).map_err(Some),
        Some(&c) => Ok((c as u32, t + 1)),
    }
}
