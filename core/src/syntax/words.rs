//! BuildKit's `parseWords`: white-space separated words for `ENV`, `LABEL` and `ARG`, with
//! quotes kept in the word (they are removed later, when the value is used).

use super::go_compat::is_space;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RawWord {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

pub(crate) fn parse_words(rest: &str, escape: char) -> Vec<RawWord> {
    #[derive(PartialEq, Clone, Copy)]
    enum Phase {
        Spaces,
        Word,
        Quote(char),
    }
    let mut words = Vec::new();
    let mut phase = Phase::Spaces;
    let mut blank_ok = false;
    let mut word = String::new();
    let mut start = 0;
    let mut chars = rest.char_indices().peekable();
    loop {
        let Some((pos, mut ch)) = chars.next() else {
            if phase != Phase::Spaces && (blank_ok || !word.is_empty()) {
                words.push(RawWord {
                    start,
                    end: rest.len(),
                    text: word,
                });
            }
            return words;
        };
        if phase == Phase::Spaces {
            if is_space(ch) {
                continue;
            }
            phase = Phase::Word;
            start = pos;
        }
        match phase {
            Phase::Word => {
                if is_space(ch) {
                    if blank_ok || !word.is_empty() {
                        words.push(RawWord {
                            start,
                            end: pos,
                            text: std::mem::take(&mut word),
                        });
                    }
                    word.clear();
                    blank_ok = false;
                    phase = Phase::Spaces;
                    continue;
                }
                if ch == '\'' || ch == '"' {
                    phase = Phase::Quote(ch);
                    blank_ok = true;
                }
                if ch == escape {
                    let Some(&(_, next)) = chars.peek() else {
                        continue;
                    };
                    word.push(ch);
                    chars.next();
                    ch = next;
                }
                word.push(ch);
            }
            Phase::Quote(quote) => {
                if ch == quote {
                    phase = Phase::Word;
                }
                if ch == escape && quote != '\'' {
                    let Some(&(_, next)) = chars.peek() else {
                        phase = Phase::Word;
                        continue;
                    };
                    word.push(ch);
                    chars.next();
                    ch = next;
                }
                word.push(ch);
            }
            Phase::Spaces => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<String> {
        parse_words(s, '\\').into_iter().map(|w| w.text).collect()
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
    }
}
