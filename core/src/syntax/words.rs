//! BuildKit's `parseWords`: white-space separated words for `ENV`, `LABEL` and `ARG`, with
//! quotes kept in the word (they are removed later, when the value is used).
//!
//! BuildKit copies every character into the word except an escape character at the very
//! end of the text, so each word is a slice of the input: only its bounds are computed.

use super::go_compat::is_space;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RawWord {
    /// Where the word starts and ends in the text.
    pub start: usize,
    pub end: usize,
    /// End of the word's text: `end` less a dropped trailing escape character.
    pub text_end: usize,
}

impl RawWord {
    pub(super) fn text(self, rest: &str) -> &str {
        &rest[self.start..self.text_end]
    }
}

/// Bytes that can change the state besides the escape character: white space, quotes,
/// and the start of a multi-byte character. A table, as the loop over plain bytes asks
/// this of every byte of every `ENV`, `LABEL` and `ARG` (half the cost of a chain of
/// comparisons; callgrind on the sample).
static SPECIAL: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = matches!(b as u8, b'\t'..=b'\r' | b' ' | b'\'' | b'"') || b >= 0x80;
        b += 1;
    }
    t
};

pub(crate) fn parse_words(rest: &str, escape: char) -> Vec<RawWord> {
    #[derive(PartialEq, Clone, Copy)]
    enum Phase {
        Spaces,
        Word,
        Quote(char),
    }
    let bytes = rest.as_bytes();
    // The character at `i` and its length; ASCII without decoding.
    let char_at = |i: usize| -> Option<(char, usize)> {
        match *bytes.get(i)? {
            b if b.is_ascii() => Some((char::from(b), 1)),
            _ => rest.get(i..)?.chars().next().map(|c| (c, c.len_utf8())),
        }
    };
    let mut words = Vec::new();
    let mut phase = Phase::Spaces;
    // A word made only of skipped characters is dropped unless it held a quote.
    let mut blank_ok = false;
    let mut start = 0;
    let mut text_end = 0;
    // Bytes that can change the state; the rest extend the current word as they are.
    let escape_byte = if escape.is_ascii() {
        escape as u8
    } else {
        0x80
    };
    let special = |b: u8| SPECIAL[b as usize] || b == escape_byte;
    let mut i = 0;
    loop {
        if phase != Phase::Spaces {
            let plain = bytes[i..].iter().take_while(|&&b| !special(b)).count();
            if plain > 0 {
                i += plain;
                text_end = i;
                continue;
            }
        }
        let Some((ch, len)) = char_at(i) else {
            if phase != Phase::Spaces && (blank_ok || text_end > start) {
                words.push(RawWord {
                    start,
                    end: rest.len(),
                    text_end,
                });
            }
            return words;
        };
        let pos = i;
        i += len;
        if phase == Phase::Spaces {
            if is_space(ch) {
                continue;
            }
            phase = Phase::Word;
            start = pos;
            text_end = pos;
        }
        match phase {
            Phase::Word => {
                if is_space(ch) {
                    if blank_ok || text_end > start {
                        words.push(RawWord {
                            start,
                            end: pos,
                            text_end,
                        });
                    }
                    blank_ok = false;
                    phase = Phase::Spaces;
                    continue;
                }
                if ch == '\'' || ch == '"' {
                    phase = Phase::Quote(ch);
                    blank_ok = true;
                }
                if ch == escape {
                    let Some((_, next_len)) = char_at(i) else {
                        continue;
                    };
                    i += next_len;
                }
            }
            Phase::Quote(quote) => {
                if ch == quote {
                    phase = Phase::Word;
                }
                if ch == escape && quote != '\'' {
                    let Some((_, next_len)) = char_at(i) else {
                        phase = Phase::Word;
                        continue;
                    };
                    i += next_len;
                }
            }
            Phase::Spaces => {}
        }
        text_end = i;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<&str> {
        parse_words(s, '\\')
            .into_iter()
            .map(|w| w.text(s))
            .collect()
    }

    #[test]
    fn quotes_are_kept_and_group_spaces() {
        assert_eq!(texts(r#"a="b c" d=e"#), [r#"a="b c""#, "d=e"]);
        assert_eq!(texts(r"a=b\ c"), [r"a=b\ c"]);
        assert_eq!(texts("''"), ["''"]);
        assert_eq!(texts("  x  "), ["x"]);
    }

    #[test]
    fn word_ranges() {
        let w = parse_words(" ab  'c d'", '\\');
        assert_eq!((w[0].start, w[0].end), (1, 3));
        assert_eq!((w[1].start, w[1].end), (5, 10));
    }

    #[test]
    fn trailing_escape_is_dropped() {
        assert_eq!(texts("a\\"), ["a"]);
        assert_eq!(texts("\"a\\"), ["\"a"]);
        assert!(texts("\\").is_empty());
    }
}
