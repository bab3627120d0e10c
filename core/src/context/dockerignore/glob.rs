//! Compiling one cleaned `.dockerignore` pattern and matching it against a
//! path, with the semantics of `moby/patternmatcher`.
//!
//! Docker first checks the pattern with Go's `filepath.Match` (for syntax
//! errors only), then translates it character by character into a Go regular
//! expression, or into a plain exact / prefix / suffix string comparison when
//! the pattern allows it. We reproduce the same translation, parse the
//! resulting expression (see `goregex`) and run it as a Thompson NFA with
//! bit-set states: no backtracking, `O(path length x pattern length)` at
//! worst.
//!
//! Translation rules (patternmatcher `compile`, `/` separator):
//! - `**` (eating one following `/`) becomes `(.*/)?`, or `.*` at the end of
//!   the pattern; `.` does not match `\n` (Go's default flags). A pattern that
//!   is only literals followed by a final `**` is a prefix test; one that
//!   starts with `**` followed only by literals is a suffix test (so `**foo`
//!   matches `barfoo`); literals only is an exact test.
//! - `*` becomes `[^/]*`, `?` becomes `[^/]` (both match `\n`).
//! - `.+()$` are escaped (literal). `|`, `{` and `}` are meant to be, but
//!   Docker's escape bitmap only covers bytes below 64, so they reach the
//!   regular expression raw: `*.js|*.ts` is `^[^/]*\.js|[^/]*\.ts$`, two
//!   half-anchored alternatives, and `a{2}` repeats. `^` is not escaped
//!   either, so inside a regular expression it is the begin-of-text
//!   assertion. A regular expression is matched with Go's `MatchString`,
//!   an unanchored search.
//! - `\x` is passed through as the Go regexp escape `\x` (`\d` is a digit).
//! - `[` / `]` are passed through, so classes follow Go regexp syntax
//!   (`[^...]` negates, `[!...]` does not, `[:alpha:]` works), after having
//!   passed `filepath.Match`'s stricter syntax check.

use super::bits::Bits;
use super::goregex;

/// How a pattern is matched; mirrors patternmatcher's `matchType`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Matcher {
    /// `path == s`
    Exact(String),
    /// `path.starts_with(s)` (pattern was `s**`)
    Prefix(String),
    /// `path.ends_with(s) || (s starts with '/' && path == s[1..])` (pattern
    /// was `**s`); bytes, as Go slices the pattern by bytes.
    Suffix(Vec<u8>),
    /// Full regular-expression semantics.
    Program(Program),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Program {
    toks: Vec<Tok>,
    /// Every match must start at position 0 (the expression begins with
    /// `^` on all branches), so the unanchored search only starts there.
    anchored: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Tok {
    /// Consume exactly one char of the set.
    One(Set),
    /// Consume zero or more chars of the set.
    Many(Set),
    /// Epsilon to the next token and to `self + n`.
    Fork(usize),
    /// Epsilon to `self + n` only.
    Jump(usize),
    /// Zero-width assertion.
    Assert(Assertion),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Set {
    Lit(char),
    /// `.`
    NotNewline,
    Class(Class),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Assertion {
    /// `^` / `\A`
    Start,
    /// `$` / `\z`
    End,
    /// `\b`
    WordBoundary,
    /// `\B`
    NotWordBoundary,
}

/// A character class: sorted, merged code-point ranges, possibly negated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Class {
    negated: bool,
    ranges: Vec<(u32, u32)>,
}

impl Class {
    fn contains(&self, c: char) -> bool {
        let c = c as u32;
        let hit = self
            .ranges
            .binary_search_by(|&(lo, hi)| {
                if hi < c {
                    std::cmp::Ordering::Less
                } else if lo > c {
                    std::cmp::Ordering::Greater
                } else {
                    std::cmp::Ordering::Equal
                }
            })
            .is_ok();
        hit != self.negated
    }

    pub(super) fn from_ranges(negated: bool, mut ranges: Vec<(u32, u32)>) -> Class {
        ranges.sort_unstable();
        let mut merged: Vec<(u32, u32)> = Vec::with_capacity(ranges.len());
        for (lo, hi) in ranges {
            if let Some(last) = merged.last_mut() {
                if lo <= last.1.saturating_add(1) {
                    last.1 = last.1.max(hi);
                    continue;
                }
            }
            merged.push((lo, hi));
        }
        Class {
            negated,
            ranges: merged,
        }
    }
}

impl Set {
    fn matches(&self, c: char) -> bool {
        match self {
            Set::Lit(l) => *l == c,
            Set::NotNewline => c != '\n',
            Set::Class(class) => class.contains(c),
        }
    }
}

// ---------------------------------------------------------------------------
// Syntax check: Go's filepath.Match(pattern, ".") error rules (Unix).
// ---------------------------------------------------------------------------

/// Returns a human readable reason when Go's `filepath.Match` would reject
/// the pattern with `ErrBadPattern`.
fn check_glob_syntax(p: &[char]) -> Result<(), &'static str> {
    // One char of a class item: `filepath.Match`'s getEsc.
    fn class_char(p: &[char], i: &mut usize) -> Result<(), &'static str> {
        match p.get(*i) {
            None => return Err("unterminated character class"),
            Some('-') => return Err("'-' at the start or end of a character class range"),
            Some(']') => return Err("empty character class or range ending in ']'"),
            Some('\\') => {
                *i += 1;
                if *i >= p.len() {
                    return Err("unterminated character class");
                }
            }
            Some(_) => {}
        }
        *i += 1;
        if *i >= p.len() {
            return Err("unterminated character class");
        }
        Ok(())
    }

    let mut i = 0;
    while i < p.len() {
        match p[i] {
            '\\' => {
                i += 1;
                if i >= p.len() {
                    return Err("trailing backslash");
                }
                i += 1;
            }
            '[' => {
                i += 1;
                if p.get(i) == Some(&'^') {
                    i += 1;
                }
                let mut items = 0;
                loop {
                    if items > 0 && p.get(i) == Some(&']') {
                        i += 1;
                        break;
                    }
                    class_char(p, &mut i)?;
                    if p[i] == '-' {
                        i += 1;
                        class_char(p, &mut i)?;
                    }
                    items += 1;
                }
            }
            _ => i += 1,
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// Compilation.
// ---------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Exact,
    Prefix,
    Suffix,
    Regexp,
}

/// Docker's translation of a cleaned pattern (patternmatcher `compile` with
/// `/` as separator): the match type and the Go regular expression.
fn translate(pattern: &str) -> (Kind, String) {
    let mut chars = pattern.chars().peekable();
    // Go's text/scanner silently drops a byte-order mark at the very start.
    if chars.peek() == Some(&'\u{FEFF}') {
        chars.next();
    }
    let mut re = String::from("^");
    let mut kind = Kind::Exact;
    let mut first = true;
    while let Some(ch) = chars.next() {
        match ch {
            '*' if chars.peek() == Some(&'*') => {
                chars.next();
                if chars.peek() == Some(&'/') {
                    chars.next();
                }
                if chars.peek().is_none() {
                    if kind == Kind::Exact {
                        kind = Kind::Prefix;
                    } else {
                        re.push_str(".*");
                        kind = Kind::Regexp;
                    }
                } else {
                    re.push_str("(.*/)?");
                    kind = Kind::Regexp;
                }
                if first {
                    kind = Kind::Suffix;
                }
            }
            '*' => {
                re.push_str("[^/]*");
                kind = Kind::Regexp;
            }
            '?' => {
                re.push_str("[^/]");
                kind = Kind::Regexp;
            }
            // Docker means to escape `.+()|{}$`, but its bitmap lookup
            // only works for bytes below 64: `|`, `{` and `}` go through
            // raw (alternation and counted repetition).
            '.' | '+' | '(' | ')' | '$' => {
                re.push('\\');
                re.push(ch);
            }
            '\\' => match chars.next() {
                Some(next) => {
                    re.push('\\');
                    re.push(next);
                    kind = Kind::Regexp;
                }
                None => re.push('\\'),
            },
            '[' | ']' => {
                re.push(ch);
                kind = Kind::Regexp;
            }
            other => re.push(other),
        }
        first = false;
    }
    re.push('$');
    (kind, re)
}

/// Compiles a cleaned pattern (without its leading `!`).
pub(crate) fn compile(pattern: &str) -> Result<Matcher, String> {
    let chars: Vec<char> = pattern.chars().collect();
    check_glob_syntax(&chars).map_err(|why| format!("syntax error in pattern ({why})"))?;
    let (kind, regex) = translate(pattern);
    Ok(match kind {
        Kind::Exact => Matcher::Exact(pattern.to_string()),
        Kind::Prefix => Matcher::Prefix(pattern[..pattern.len() - 2].to_string()),
        // Byte slice, like Go's `cleanedPattern[2:]` (a leading BOM makes it
        // start inside a character).
        Kind::Suffix => Matcher::Suffix(pattern.as_bytes()[2..].to_vec()),
        Kind::Regexp => Matcher::Program(Program::new(
            goregex::parse(&regex)
                .map_err(|e| format!("{e}; Docker's regular expression: {regex}"))?,
        )),
    })
}

// ---------------------------------------------------------------------------
// Matching.
// ---------------------------------------------------------------------------

#[derive(Debug, Clone, Copy)]
enum Next {
    Char(char),
    End,
    /// Some unknown continuation (used when asking "could this match below
    /// a directory"): assertions that depend on it are assumed to hold.
    Unknown,
}

#[derive(Debug, Clone, Copy)]
struct Ctx {
    at_start: bool,
    prev: Option<char>,
    next: Next,
}

fn is_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

impl Assertion {
    fn holds(self, ctx: Ctx) -> bool {
        let boundary = |next_word: bool| ctx.prev.is_some_and(is_word) != next_word;
        match self {
            Assertion::Start => ctx.at_start,
            Assertion::End => !matches!(ctx.next, Next::Char(_)),
            Assertion::WordBoundary => match ctx.next {
                Next::Char(c) => boundary(is_word(c)),
                Next::End => boundary(false),
                Next::Unknown => true,
            },
            Assertion::NotWordBoundary => match ctx.next {
                Next::Char(c) => !boundary(is_word(c)),
                Next::End => !boundary(false),
                Next::Unknown => true,
            },
        }
    }
}

impl Program {
    fn new(toks: Vec<Tok>) -> Program {
        let mut program = Program {
            toks,
            anchored: false,
        };
        // Anchored when nothing consuming or accepting is reachable from the
        // start state at a position other than 0.
        let mut set = Bits::new(program.toks.len() + 1);
        set.set(0);
        program.closure(
            &mut set,
            Ctx {
                at_start: false,
                prev: None,
                next: Next::Unknown,
            },
        );
        let mut live = false;
        set.for_each(|i| live |= program.consumes_or_accepts(i));
        program.anchored = !live;
        program
    }

    fn accept_state(&self) -> usize {
        self.toks.len()
    }

    fn consumes_or_accepts(&self, state: usize) -> bool {
        matches!(
            self.toks.get(state),
            Some(Tok::One(_) | Tok::Many(_)) | None
        )
    }

    /// Adds everything reachable through epsilon edges (all forward).
    fn closure(&self, set: &mut Bits, ctx: Ctx) {
        let toks = &self.toks;
        set.for_each_growing(|i, set| match toks.get(i) {
            Some(Tok::Many(_)) => set.set(i + 1),
            Some(Tok::Fork(n)) => {
                set.set(i + 1);
                set.set(i + n);
            }
            Some(Tok::Jump(n)) => set.set(i + n),
            Some(Tok::Assert(a)) => {
                if a.holds(ctx) {
                    set.set(i + 1);
                }
            }
            Some(Tok::One(_)) | None => {}
        });
    }

    fn step(&self, from: &Bits, c: char, to: &mut Bits) {
        to.clear();
        from.for_each(|i| match self.toks.get(i) {
            Some(Tok::One(set)) if set.matches(c) => to.set(i + 1),
            Some(Tok::Many(set)) if set.matches(c) => to.set(i),
            _ => {}
        });
    }

    /// Go's `Regexp.MatchString` (an unanchored search) on every prefix of
    /// `path` that ends before a `/` or at the end: calls `on_level(k)` when
    /// the prefix made of the first `k + 1` components matches.
    fn levels(&self, path: &str, mut on_level: impl FnMut(usize)) {
        let nstates = self.toks.len() + 1;
        let accept = self.accept_state();
        let mut raw = Bits::new(nstates);
        let mut cur = Bits::new(nstates);
        // A match ending strictly inside the text seen so far: every longer
        // prefix matches too.
        let mut matched_inside = false;
        let mut prev: Option<char> = None;
        let mut level = 0;
        let mut chars = path.chars().peekable();
        loop {
            let next = chars.peek().copied();
            let at_start = prev.is_none();
            if at_start || !self.anchored {
                raw.set(0);
            }
            if prev.is_some() && matches!(next, None | Some('/')) {
                let hit = matched_inside || {
                    cur.copy_from(&raw);
                    self.closure(
                        &mut cur,
                        Ctx {
                            at_start,
                            prev,
                            next: Next::End,
                        },
                    );
                    cur.get(accept)
                };
                if hit {
                    on_level(level);
                }
                level += 1;
            }
            let Some(c) = chars.next() else { break };
            if !matched_inside {
                cur.copy_from(&raw);
                self.closure(
                    &mut cur,
                    Ctx {
                        at_start,
                        prev,
                        next: Next::Char(c),
                    },
                );
                if cur.get(accept) {
                    matched_inside = true;
                }
                self.step(&cur, c, &mut raw);
                if raw.is_empty() && self.anchored && !matched_inside {
                    break;
                }
            }
            prev = Some(c);
        }
    }

    /// Go's `Regexp.MatchString` (unanchored search) on the whole text.
    fn matches(&self, text: &str) -> bool {
        let nstates = self.toks.len() + 1;
        let accept = self.accept_state();
        let mut raw = Bits::new(nstates);
        let mut cur = Bits::new(nstates);
        let mut prev: Option<char> = None;
        for c in text.chars() {
            if prev.is_none() || !self.anchored {
                raw.set(0);
            }
            cur.copy_from(&raw);
            self.closure(
                &mut cur,
                Ctx {
                    at_start: prev.is_none(),
                    prev,
                    next: Next::Char(c),
                },
            );
            if cur.get(accept) {
                return true;
            }
            self.step(&cur, c, &mut raw);
            if raw.is_empty() && self.anchored {
                return false;
            }
            prev = Some(c);
        }
        if prev.is_none() || !self.anchored {
            raw.set(0);
        }
        self.closure(
            &mut raw,
            Ctx {
                at_start: prev.is_none(),
                prev,
                next: Next::End,
            },
        );
        raw.get(accept)
    }
}

impl Matcher {
    /// Short name of the match strategy (patternmatcher's matchType).
    #[cfg(test)]
    pub(crate) fn kind_name(&self) -> &'static str {
        match self {
            Matcher::Exact(_) => "exact",
            Matcher::Prefix(_) => "prefix",
            Matcher::Suffix(_) => "suffix",
            Matcher::Program(_) => "regexp",
        }
    }

    /// Whether the pattern matches exactly `text` (patternmatcher's
    /// `Pattern.match`).
    pub(crate) fn matches(&self, text: &str) -> bool {
        match self {
            Matcher::Exact(s) => text == s,
            Matcher::Prefix(p) => text.starts_with(p.as_str()),
            Matcher::Suffix(s) => suffix_matches(s, text),
            Matcher::Program(p) => p.matches(text),
        }
    }

    /// For a normalised path, calls `on_level(k)` for each `k` such that the
    /// first `k + 1` components of `path` match the pattern.
    pub(crate) fn levels(&self, path: &str, mut on_level: impl FnMut(usize)) {
        match self {
            Matcher::Program(p) => p.levels(path, on_level),
            _ => {
                let mut level = 0;
                for (idx, b) in path.bytes().enumerate() {
                    if b == b'/' {
                        if self.matches(&path[..idx]) {
                            on_level(level);
                        }
                        level += 1;
                    }
                }
                if self.matches(path) {
                    on_level(level);
                }
            }
        }
    }
}

fn suffix_matches(suffix: &[u8], text: &str) -> bool {
    let text = text.as_bytes();
    text.ends_with(suffix) || suffix.strip_prefix(b"/").is_some_and(|rest| text == rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(pattern: &str, text: &str) -> bool {
        compile(pattern)
            .unwrap_or_else(|e| panic!("{pattern:?}: {e}"))
            .matches(text)
    }

    #[test]
    fn match_types_follow_patternmatcher() {
        // Same classification as patternmatcher's compile tests.
        let cases = [
            ("*", "regexp"),
            ("file*", "regexp"),
            ("*file", "regexp"),
            ("a*/b", "regexp"),
            ("**", "suffix"),
            ("**/**", "regexp"),
            ("dir/**", "prefix"),
            ("**/dir", "suffix"),
            ("**/dir2/*", "regexp"),
            ("**/dir2/**", "regexp"),
            ("**file", "suffix"),
            ("**/file*txt", "regexp"),
            ("**/**/*.txt", "regexp"),
            ("a[b-d]e", "regexp"),
            (".*", "regexp"),
            ("abc.def", "exact"),
            ("abc?def", "regexp"),
            ("**/foo/bar", "suffix"),
            ("a(b)c/def", "exact"),
            ("a.|)$(}+{bc", "exact"),
            ("a^b", "exact"),
            ("foo**", "prefix"),
            ("a\\.b", "regexp"),
            ("a]b", "regexp"),
        ];
        for (pattern, want) in cases {
            let matcher = compile(pattern).unwrap();
            assert_eq!(matcher.kind_name(), want, "pattern {pattern:?}");
        }
    }

    #[test]
    fn go_filepath_match_table() {
        // Rewritten from Go's filepath.Match tests as carried by patternmatcher
        // (Unix only). `None` means the pattern is a syntax error.
        let cases: &[(&str, &str, Option<bool>)] = &[
            ("abc", "abc", Some(true)),
            ("*", "abc", Some(true)),
            ("*c", "abc", Some(true)),
            ("a*", "a", Some(true)),
            ("a*", "abc", Some(true)),
            ("a*/b", "abc/b", Some(true)),
            ("a*/b", "a/c/b", Some(false)),
            ("a*b*c*d*e*/f", "axbxcxdxe/f", Some(true)),
            ("a*b*c*d*e*/f", "axbxcxdxexxx/f", Some(true)),
            ("a*b*c*d*e*/f", "axbxcxdxe/xxx/f", Some(false)),
            ("a*b*c*d*e*/f", "axbxcxdxexxx/fff", Some(false)),
            ("a*b?c*x", "abxbbxdbxebxczzx", Some(true)),
            ("a*b?c*x", "abxbbxdbxebxczzy", Some(false)),
            ("ab[c]", "abc", Some(true)),
            ("ab[b-d]", "abc", Some(true)),
            ("ab[e-g]", "abc", Some(false)),
            ("ab[^c]", "abc", Some(false)),
            ("ab[^b-d]", "abc", Some(false)),
            ("ab[^e-g]", "abc", Some(true)),
            ("a\\*b", "a*b", Some(true)),
            ("a\\*b", "ab", Some(false)),
            ("a?b", "a☺b", Some(true)),
            ("a[^a]b", "a☺b", Some(true)),
            ("a???b", "a☺b", Some(false)),
            ("a[^a][^a][^a]b", "a☺b", Some(false)),
            ("[a-ζ]*", "α", Some(true)),
            ("*[a-ζ]", "A", Some(false)),
            ("a?b", "a/b", Some(false)),
            ("a*b", "a/b", Some(false)),
            ("[\\]a]", "]", Some(true)),
            ("[\\-]", "-", Some(true)),
            ("[x\\-]", "x", Some(true)),
            ("[x\\-]", "-", Some(true)),
            ("[x\\-]", "z", Some(false)),
            ("[\\-x]", "x", Some(true)),
            ("[\\-x]", "-", Some(true)),
            ("[\\-x]", "a", Some(false)),
            ("[]a]", "]", None),
            ("[-]", "-", None),
            ("[x-]", "x", None),
            ("[-x]", "x", None),
            ("\\", "a", None),
            ("[a-b-c]", "a", None),
            ("[", "a", None),
            ("[^", "a", None),
            ("[^bc", "a", None),
            ("a[", "a", None),
            ("*x", "xxx", Some(true)),
        ];
        for &(pattern, text, want) in cases {
            match (compile(pattern), want) {
                (Ok(matcher), Some(want)) => {
                    assert_eq!(matcher.matches(text), want, "{pattern:?} vs {text:?}")
                }
                (Err(_), None) => {}
                (got, want) => panic!("{pattern:?}: got {got:?}, want {want:?}"),
            }
        }
    }

    #[test]
    fn regexp_translation_quirks() {
        // `**` in the middle without a slash is `(.*/)?`: needs a '/' before the rest.
        assert!(m("a**b", "ab"));
        assert!(m("a**b", "ax/b"));
        assert!(!m("a**b", "axb"));
        // Leading `**` followed by literals is a plain suffix test.
        assert!(m("**foo", "barfoo"));
        assert!(m("**foo", "a/bfoo"));
        assert!(m("**/foo", "foo"));
        assert!(!m("**/foo", "barfoo"));
        // `a**/*.txt` is `^a(.*/)?[^/]*\.txt$`
        assert!(m("a**/*.txt", "afile.txt"));
        assert!(m("a**/*.txt", "ab/file.txt"));
        // `^` is a begin-of-text assertion once the pattern is a regexp...
        assert!(m("^foo*", "foobar"));
        assert!(m("*^foo", "foo"));
        assert!(!m("a^b*", "a^b"));
        assert!(!m("a^b*", "ab"));
        // ...but a literal character in exact / prefix / suffix patterns.
        assert!(m("a^b", "a^b"));
        assert!(m("a^b/**", "a^b/c"));
        // `!` does not negate a class in Go regexp syntax.
        assert!(m("[!a]", "!"));
        assert!(m("[!a]", "a"));
        assert!(!m("[!a]", "b"));
        // Negated classes match '/' (and newlines).
        assert!(m("a[^x]b", "a/b"));
        // Go regexp escapes and classes pass through.
        assert!(m("v\\d", "v1"));
        assert!(!m("v\\d", "vd"));
        assert!(m("[[:digit:]]x", "7x"));
        assert!(m("[[:^digit:]]x", "ax"));
        assert!(m("[\\d_]", "_"));
        assert!(m("\\x41", "A"));
        assert!(m("\\101", "A"));
        assert!(m("a\\\\", "a\\"));
        assert!(m("foo\\b", "foo"));
        assert!(!m("foo\\bbar", "foobar"));
        assert!(m("x\\Bx", "xx"));
        assert!(m("a\\z", "a"));
        assert!(!m("a\\z*", "ab"));
        // `.` in the translated `**` does not match '\n', `*` does.
        assert!(!m("a/**/b", "a/x\ny/b"));
        assert!(m("a/*/b", "a/x\ny/b"));
        assert!(m("a/**", "a/x\ny"));
        assert!(!m("*/**", "a/x\ny"));
        // Docker rewrites `*` and `?` inside classes too, closing them early:
        // `[*]` is `^[[^/]*]$`, `[?]` is `^[[^/]]$`.
        assert!(m("[*]", "]"));
        assert!(m("[*]", "[^/]"));
        assert!(!m("[*]", "*"));
        assert!(m("[?]", "/]"));
        assert!(!m("[?]", "?"));
        assert!(m("[**]", "*"));
        assert!(m("[?/\\b[^a][[:alpha:]]", "^/bx"));
        // \Q...\E quotes the (already translated) text.
        assert!(m("\\Qa*\\E", "a[^/]*"));
        // A leading byte-order mark is dropped by Go's text/scanner.
        assert!(m("\u{FEFF}a*", "ab"));
        assert!(m("\u{FEFF}**/x", "\u{FEFF}**/x"));
        assert!(!m("\u{FEFF}**/x", "x"));
        // `|`, `{` and `}` reach Go's regexp unescaped.
        assert!(m("*.js|*.ts", "a.jsx")); // ^[^/]*\.js matches a prefix
        assert!(m("*.js|*.ts", "dir/x.ts")); // [^/]*\.ts$ matches a suffix
        assert!(!m("*.js|*.ts", "x.md"));
        assert!(m("a|b", "a|b")); // exact pattern: no regexp at all
        assert!(!m("a|b", "a"));
        assert!(m("x{2}*", "xxyy"));
        assert!(!m("x{2}*", "xyy"));
        assert!(m("v{1,3}?", "vvvz"));
        assert!(!m("v{1,3}?", "vvvvz"));
        assert!(m("\\x{62}*", "bcd"));
        assert!(m("a{,2}*", "a{,2}x")); // not a repeat form: literal braces
        assert!(m("*|", "anything/at/all")); // empty alternative matches at the end
        assert!(m("{2}*", "abc")); // repeats the leading ^
                                   // Unicode is matched per character.
        assert!(m("d?j?", "déjà"));
        assert!(m("*.été", "x.été"));
        assert!(!m("???", "日本"));
    }

    #[test]
    fn regexp_compile_errors() {
        for bad in [
            "[Local-Only]", // l-O is a reversed range: filepath.Match accepts it, Go regexp does not
            "[z-a]",
            "a\\c",
            "a\\é",
            "\\1",
            "\\x4",
            "[[:foo:]]",
            "[[:alpha:]", // POSIX class eats the only ']'
            "\\pL",
            "[\\pL]",
            "[\\b]",
            "*{1001}",
            "*{3,2}",
            "a*{2}", // `[^/]*{2}`: nested repetition
            "*|{2}", // missing argument after `|`
            "\\x{110000}*",
        ] {
            assert!(compile(bad).is_err(), "{bad:?} should be rejected");
        }
    }

    #[test]
    fn levels_report_component_prefixes() {
        let matcher = compile("**/node_modules").unwrap();
        let mut got = Vec::new();
        matcher.levels("a/node_modules/b/node_modules/c", |l| got.push(l));
        assert_eq!(got, vec![1, 3]);

        let program = compile("a*/b?").unwrap();
        let mut got = Vec::new();
        program.levels("ax/by/ab/bc", |l| got.push(l));
        assert_eq!(got, vec![1]);

        let anchored = compile("x\\b").unwrap();
        let mut got = Vec::new();
        anchored.levels("x/y", |l| got.push(l));
        assert_eq!(got, vec![0]);
    }
}
