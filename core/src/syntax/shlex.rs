//! The part of BuildKit's shell lexer (`frontend/dockerfile/shell/lex.go`) that decides
//! which words of a `RUN`/`COPY`/`ADD` line are heredoc markers.
//!
//! BuildKit splits the whole line into words with quotes and escapes kept raw and unset
//! variables left as written, then tests each word against `^(\d*)<<(-?)\s*([^<]*)$`.
//! A lexing error (an unterminated quote, a bad `${}`) means "no heredocs at all", so the
//! error paths are reproduced as faithfully as the word splitting.

use super::go_compat::is_space;

#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct LexOptions {
    pub raw_quotes: bool,
    pub raw_escapes: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LexWord {
    /// Byte offset where the word's first character came from.
    pub start: usize,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LexError;

/// `Lex.ProcessWords` with `SkipUnsetEnv` and an empty environment; the escape is `\`.
pub(crate) fn process_words(input: &str, opts: LexOptions) -> Result<Vec<LexWord>, LexError> {
    let mut lexer = Lexer {
        src: input,
        pos: 0,
        opts,
        buf: String::new(),
        depth: 0,
    };
    lexer
        .process_stop_on(None, opts.raw_escapes)
        .map(|(_, words)| words)
}

/// Whether BuildKit's expansion reads `input` without an error (every quote and `${`
/// closed), as `process_words` would tell, without building the words: values of every
/// `ENV`, `LABEL` and `COPY` of every file come here.
pub(crate) fn expands_cleanly(input: &str) -> bool {
    let bytes = input.as_bytes();
    // Most values are short words: a plain loop, without setting up two vectorised searches.
    let special = |b: &u8| matches!(b, b'$' | b'\'' | b'"' | b'\\');
    let plain = if bytes.len() < 64 {
        !bytes.iter().any(special)
    } else {
        memchr::memchr3(b'$', b'\'', b'"', bytes).is_none()
            && memchr::memchr(b'\\', bytes).is_none()
    };
    if plain {
        return true;
    }
    Recognizer { src: input, pos: 0 }.stop_on(None, 0).is_ok()
}

/// The `${NAME...}`s in `input` with a modifier BuildKit's expansion rejects
/// ("unsupported modifier"), each as written from the `$` to the modifier: bash's substring
/// `${v:0:3}`, case changes `${v^^}`, assignment `${v:=x}`. BuildKit knows `-`, `+`, `?`
/// (with or without `:`), `#`, `##`, `%`, `%%`, `/` and `//`. Single-quoted text and
/// escaped `$` are skipped, as the expansion skips them.
pub(crate) fn unsupported_modifiers(input: &str) -> Vec<&str> {
    let bytes = input.as_bytes();
    let mut found = Vec::new();
    // Every value of every `ENV`, `LABEL`, `COPY`... comes here; most have no `${`.
    if !memchr::memchr_iter(b'$', bytes).any(|at| bytes.get(at + 1) == Some(&b'{')) {
        return found;
    }
    // The end of the character at `at`, which may be any character.
    let past = |at: usize| input.get(at..)?.chars().next().map(|c| at + c.len_utf8());
    let (mut i, mut double) = (0, false);
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => {
                i += 2;
                continue;
            }
            b'"' => double = !double,
            b'\'' if !double => {
                i = memchr::memchr(b'\'', &bytes[i + 1..]).map_or(bytes.len(), |n| i + n + 2);
                continue;
            }
            b'$' if bytes.get(i + 1) == Some(&b'{') => {
                let name = i + 2;
                let end = name
                    + bytes[name..]
                        .iter()
                        .take_while(|b| b.is_ascii_alphanumeric() || **b == b'_')
                        .count();
                let stop = match (bytes.get(end), bytes.get(end + 1)) {
                    _ if end == name => None,
                    (Some(b':'), Some(b'-' | b'+' | b'?')) => None,
                    (Some(b'}' | b'+' | b'-' | b'?' | b'#' | b'%' | b'/'), _) => None,
                    (Some(b':'), Some(_)) => past(end + 1),
                    (Some(_), _) => past(end),
                    _ => None,
                };
                if let Some(variable) = stop.and_then(|stop| input.get(i..stop)) {
                    found.push(variable);
                }
                i = end;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    found
}

/// The lexer's reading with nothing written down: the same steps in the same order, so
/// that it fails exactly where the lexer does. It steps over bytes: what steers the lexer
/// is ASCII, and no byte of a multi-byte character is.
struct Recognizer<'a> {
    src: &'a str,
    pos: usize,
}

impl Recognizer<'_> {
    fn peek(&self) -> Option<u8> {
        self.src.as_bytes().get(self.pos).copied()
    }

    fn next(&mut self) -> Option<u8> {
        let b = self.peek()?;
        self.pos += 1;
        Some(b)
    }

    fn stop_on(&mut self, stop: Option<u8>, depth: usize) -> Result<(), LexError> {
        if depth >= MAX_NESTING {
            return Err(LexError);
        }
        while let Some(b) = self.peek() {
            if Some(b) == stop {
                self.pos += 1;
                return Ok(());
            }
            match b {
                b'$' => self.dollar(depth)?,
                b'\'' => {
                    let rest = &self.src.as_bytes()[self.pos + 1..];
                    let close = memchr::memchr(b'\'', rest).ok_or(LexError)?;
                    self.pos += close + 2;
                }
                b'"' => self.double_quote(depth)?,
                b'\\' => {
                    self.pos += 1;
                    if self.next().is_none() {
                        break;
                    }
                }
                // `<<` and the blanks after it (a heredoc) are plain characters here.
                _ => self.pos += 1,
            }
        }
        match stop {
            Some(_) => Err(LexError),
            None => Ok(()),
        }
    }

    fn double_quote(&mut self, depth: usize) -> Result<(), LexError> {
        self.pos += 1;
        loop {
            match self.peek() {
                None => return Err(LexError),
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(());
                }
                Some(b'$') => self.dollar(depth)?,
                Some(_) => {
                    if self.next() == Some(b'\\')
                        && matches!(self.peek(), Some(b'"' | b'$' | b'\\'))
                    {
                        self.pos += 1;
                    }
                }
            }
        }
    }

    fn dollar(&mut self, depth: usize) -> Result<(), LexError> {
        self.pos += 1;
        if self.peek() != Some(b'{') {
            self.name();
            return Ok(());
        }
        self.pos += 1;
        if matches!(self.peek(), None | Some(b'{' | b'}' | b':')) {
            return Err(LexError);
        }
        self.name();
        match self.next() {
            Some(b'}') => Ok(()),
            Some(op @ (b':' | b'+' | b'-' | b'?' | b'#' | b'%')) => {
                if op == b':' && matches!(self.next(), Some(b'#' | b'%')) {
                    return Err(LexError);
                }
                self.stop_on(Some(b'}'), depth + 1)
            }
            Some(b'/') => {
                if self.peek() == Some(b'/') {
                    self.pos += 1;
                }
                self.stop_on(Some(b'/'), depth + 1)?;
                self.stop_on(Some(b'}'), depth + 1)
            }
            _ => Err(LexError),
        }
    }

    /// A variable's name, read by characters: letters and digits of any script count.
    fn name(&mut self) {
        let rest = &self.src[self.pos..];
        let mut chars = rest.char_indices();
        let end = match chars.next() {
            None => 0,
            Some((_, c)) if c.is_numeric() => rest
                .char_indices()
                .find(|(_, c)| !c.is_numeric())
                .map_or(rest.len(), |(i, _)| i),
            Some((_, '@' | '*' | '#' | '?' | '-' | '$' | '!')) => 1,
            Some(_) => rest
                .char_indices()
                .find(|&(_, c)| !c.is_alphabetic() && !c.is_numeric() && c != '_')
                .map_or(rest.len(), |(i, _)| i),
        };
        self.pos += end;
    }
}

struct Lexer<'a> {
    src: &'a str,
    pos: usize,
    opts: LexOptions,
    /// Go shares one word buffer across nested calls, and a nested `${x:-...}` resets it;
    /// sharing it here keeps that behaviour.
    buf: String,
    /// Nesting of `${...}`: Go's growable stacks take any depth; ours is bounded, and a
    /// line nested deeper than this is treated as unreadable (no heredocs).
    depth: usize,
}

const MAX_NESTING: usize = 512;

struct Words {
    words: Vec<LexWord>,
    in_word: bool,
    start: usize,
}

impl Words {
    fn add_char(&mut self, buf: &mut String, ch: char, at: usize) {
        if is_space(ch) {
            if self.in_word && !buf.is_empty() {
                self.words.push(LexWord {
                    start: self.start,
                    text: std::mem::take(buf),
                });
                self.in_word = false;
            }
        } else {
            self.add_raw_char(buf, ch, at);
        }
    }

    fn add_raw_char(&mut self, buf: &mut String, ch: char, at: usize) {
        if buf.is_empty() {
            self.start = at;
        }
        buf.push(ch);
        self.in_word = true;
    }

    fn add_raw_string(&mut self, buf: &mut String, s: &str, at: usize) {
        if buf.is_empty() {
            self.start = at;
        }
        buf.push_str(s);
        self.in_word = true;
    }

    fn finish(mut self, buf: &mut String) -> Vec<LexWord> {
        if !buf.is_empty() {
            self.words.push(LexWord {
                start: self.start,
                text: std::mem::take(buf),
            });
        }
        self.words
    }
}

impl Lexer<'_> {
    fn peek(&self) -> Option<char> {
        self.src[self.pos..].chars().next()
    }

    fn next(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    fn process_stop_on(
        &mut self,
        stop: Option<char>,
        raw_escapes: bool,
    ) -> Result<(String, Vec<LexWord>), LexError> {
        if self.depth >= MAX_NESTING {
            return Err(LexError);
        }
        self.depth += 1;
        let saved = self.opts.raw_escapes;
        self.opts.raw_escapes = raw_escapes;
        let out = self.stop_on(stop);
        self.opts.raw_escapes = saved;
        self.depth -= 1;
        out
    }

    fn stop_on(&mut self, stop: Option<char>) -> Result<(String, Vec<LexWord>), LexError> {
        let mut result = String::new();
        self.buf.clear();
        let mut words = Words {
            words: Vec::new(),
            in_word: false,
            start: 0,
        };
        while let Some(ch) = self.peek() {
            let at = self.pos;
            if Some(ch) == stop {
                self.next();
                let mut buf = std::mem::take(&mut self.buf);
                let words = words.finish(&mut buf);
                self.buf = buf;
                return Ok((result, words));
            }
            let special = match ch {
                '$' => Some(self.process_dollar()?),
                '<' => Some(self.process_possible_heredoc()),
                '\'' => Some(self.process_single_quote()?),
                '"' => Some(self.process_double_quote()?),
                _ => None,
            };
            let mut buf = std::mem::take(&mut self.buf);
            if let Some(tmp) = special {
                result.push_str(&tmp);
                if ch == '$' {
                    for c in tmp.chars() {
                        words.add_char(&mut buf, c, at);
                    }
                } else {
                    words.add_raw_string(&mut buf, &tmp, at);
                }
            } else {
                self.next();
                if ch == '\\' {
                    if self.opts.raw_escapes {
                        words.add_raw_char(&mut buf, ch, at);
                        result.push(ch);
                    }
                    match self.next() {
                        None => {
                            self.buf = buf;
                            break;
                        }
                        Some(escaped) => {
                            words.add_raw_char(&mut buf, escaped, at);
                            result.push(escaped);
                        }
                    }
                } else {
                    words.add_char(&mut buf, ch, at);
                    result.push(ch);
                }
            }
            self.buf = buf;
        }
        if stop.is_some() {
            return Err(LexError);
        }
        let mut buf = std::mem::take(&mut self.buf);
        let words = words.finish(&mut buf);
        self.buf = buf;
        Ok((result, words))
    }

    fn process_single_quote(&mut self) -> Result<String, LexError> {
        let mut out = String::new();
        let open = self.next();
        if self.opts.raw_quotes {
            out.extend(open);
        }
        loop {
            match self.next() {
                None => return Err(LexError),
                Some('\'') => {
                    if self.opts.raw_quotes {
                        out.push('\'');
                    }
                    return Ok(out);
                }
                Some(c) => out.push(c),
            }
        }
    }

    fn process_double_quote(&mut self) -> Result<String, LexError> {
        let mut out = String::new();
        let open = self.next();
        if self.opts.raw_quotes {
            out.extend(open);
        }
        loop {
            match self.peek() {
                None => return Err(LexError),
                Some('"') => {
                    self.next();
                    if self.opts.raw_quotes {
                        out.push('"');
                    }
                    return Ok(out);
                }
                Some('$') => {
                    let v = self.process_dollar()?;
                    out.push_str(&v);
                }
                Some(_) => {
                    let mut ch = self.next().unwrap_or_default();
                    if ch == '\\' {
                        if self.opts.raw_escapes {
                            out.push(ch);
                        }
                        match self.peek() {
                            None => continue,
                            Some(c @ ('"' | '$' | '\\')) => {
                                self.next();
                                ch = c;
                            }
                            Some(_) => {}
                        }
                    }
                    out.push(ch);
                }
            }
        }
    }

    /// With no variables set and `SkipUnsetEnv`, every expansion comes back as written;
    /// what matters is which inputs are errors.
    fn process_dollar(&mut self) -> Result<String, LexError> {
        self.next();
        if self.peek() != Some('{') {
            let name = self.process_name();
            return Ok(format!("${name}"));
        }
        self.next();
        match self.peek() {
            None | Some('{' | '}' | ':') => return Err(LexError),
            _ => {}
        }
        let name = self.process_name();
        let ch = self.next();
        match ch {
            Some('}') => Ok(format!("${{{name}}}")),
            Some(':') | Some('+' | '-' | '?' | '#' | '%') => {
                let mut modifier = String::new();
                let mut op = ch.unwrap_or_default();
                modifier.push(op);
                if op == ':' {
                    op = self.next().unwrap_or('\0');
                    modifier.push(op);
                    if op == '#' || op == '%' {
                        return Err(LexError);
                    }
                }
                let raw = op == '#' || op == '%';
                let (word, _) = self.process_stop_on(Some('}'), raw)?;
                Ok(format!("${{{name}{modifier}{word}}}"))
            }
            Some('/') => {
                if self.peek() == Some('/') {
                    self.next();
                }
                let (pattern, _) = self.process_stop_on(Some('/'), true)?;
                let (replacement, _) = self.process_stop_on(Some('}'), true)?;
                Ok(format!("${{{name}/{pattern}/{replacement}}}"))
            }
            _ => Err(LexError),
        }
    }

    fn process_name(&mut self) -> String {
        let mut name = String::new();
        while let Some(ch) = self.peek() {
            if name.is_empty() && ch.is_numeric() {
                while let Some(d) = self.peek().filter(|c| c.is_numeric()) {
                    self.next();
                    name.push(d);
                }
                return name;
            }
            if name.is_empty() && matches!(ch, '@' | '*' | '#' | '?' | '-' | '$' | '!' | '0') {
                self.next();
                name.push(ch);
                return name;
            }
            if !ch.is_alphabetic() && !ch.is_numeric() && ch != '_' {
                break;
            }
            self.next();
            name.push(ch);
        }
        name
    }

    fn process_possible_heredoc(&mut self) -> String {
        self.next();
        if self.peek() != Some('<') {
            return "<".to_string();
        }
        self.next();
        let mut out = String::from("<<");
        while let Some(c @ ('\t' | '\r' | ' ')) = self.peek() {
            self.next();
            out.push(c);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw_words(s: &str) -> Vec<String> {
        let opts = LexOptions {
            raw_quotes: true,
            raw_escapes: true,
        };
        process_words(s, opts)
            .unwrap()
            .into_iter()
            .map(|w| w.text)
            .collect()
    }

    #[test]
    fn raw_words_keep_quotes_and_join_heredoc_space() {
        assert_eq!(
            raw_words(r#"RUN cat <<"EOF" > /x"#),
            ["RUN", "cat", r#"<<"EOF""#, ">", "/x"]
        );
        assert_eq!(raw_words("COPY << EOF /x"), ["COPY", "<< EOF", "/x"]);
        assert_eq!(raw_words("RUN <<-EOF"), ["RUN", "<<-EOF"]);
        assert_eq!(raw_words("a$HOME b${X:-y}"), ["a$HOME", "${X:-y}"]);
    }

    #[test]
    fn lexing_errors_are_reported() {
        let opts = LexOptions {
            raw_quotes: true,
            raw_escapes: true,
        };
        assert!(process_words("echo 'open", opts).is_err());
        assert!(process_words("echo ${}", opts).is_err());
        assert!(process_words("echo ${x", opts).is_err());
    }

    #[test]
    fn the_quick_check_agrees_with_the_lexer() {
        // Every string of up to six characters from those that steer the lexer.
        for alphabet in [
            ['a', '\'', '"', '\\', '$', '{', '}', ':', '/', '#'],
            ['\'', '"', '\\', '$', '{', '}', ':', '-', '%', '?'],
            ['é', '<', '"', '\\', '$', '{', '}', ':', '+', '1'],
        ] {
            let mut shorter = vec![String::new()];
            let mut checked = 0;
            for _ in 0..6 {
                shorter = shorter
                    .iter()
                    .flat_map(|s| alphabet.iter().map(move |c| format!("{s}{c}")))
                    .collect();
                for input in &shorter {
                    assert_eq!(
                        expands_cleanly(input),
                        process_words(input, LexOptions::default()).is_ok(),
                        "{input:?}"
                    );
                    checked += 1;
                }
            }
            assert_eq!(checked, 1_111_110);
        }
    }

    #[test]
    fn modifiers_buildkit_does_not_have() {
        assert_eq!(unsupported_modifiers("a/${V:0:3}/b"), ["${V:0"]);
        assert_eq!(unsupported_modifiers("${V^^}"), ["${V^"]);
        assert_eq!(unsupported_modifiers("${V:=x}"), ["${V:="]);
        assert_eq!(
            unsupported_modifiers("${V:-${W:1}}${X,}"),
            ["${W:1", "${X,"]
        );
        assert_eq!(unsupported_modifiers("${V:é}"), ["${V:é"]);
        for fine in [
            "${V:-1}",
            "${V+x}",
            "${V:?no}",
            "${V##*/}",
            "${V%.*}",
            "${V//a/b}",
            "'${V:0}'",
            "\\${V:0}",
            "$V:0",
            "${}",
        ] {
            assert!(unsupported_modifiers(fine).is_empty(), "{fine}");
        }
    }

    #[test]
    fn word_starts() {
        let opts = LexOptions {
            raw_quotes: true,
            raw_escapes: true,
        };
        let w = process_words("RUN  <<EOF x", opts).unwrap();
        assert_eq!(w[1].start, 5);
    }
}
