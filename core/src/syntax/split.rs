//! Splitting a logical line into keyword, flags and arguments, as BuildKit's
//! `splitCommand` and `extractBuilderFlags` do.

use compact_str::CompactString;

use super::go_compat::{
    ceil_boundary, floor_boundary, is_space_byte, is_split_space, trim_space_range,
};

/// One `--flag` word: its byte range in the line and its text after BuildKit's quote and
/// escape processing (`--mount="type=cache"` gives `--mount=type=cache`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FlagWord {
    pub start: usize,
    pub end: usize,
    pub text: CompactString,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SplitLine {
    /// Range of the instruction keyword as written.
    pub keyword: (usize, usize),
    pub flags: Vec<FlagWord>,
    /// Range of the arguments after the flags, trimmed like `strings.TrimSpace`.
    pub args: (usize, usize),
}

pub(crate) fn split_command(line: &str, escape: u8) -> SplitLine {
    let (start, end) = trim_space_range(line);
    let trimmed = &line.as_bytes()[start..end];
    let Some(ws) = trimmed.iter().position(|&b| is_split_space(b)) else {
        return SplitLine {
            keyword: (start, end),
            flags: Vec::new(),
            args: (end, end),
        };
    };
    let keyword = (start, start + ws);
    let mut rest = start + ws;
    while rest < end && is_split_space(line.as_bytes()[rest]) {
        rest += 1;
    }
    let (mut flags, args_from) = extract_flags(&line[rest..end], escape);
    let args_from = ceil_boundary(line, rest + args_from);
    for f in &mut flags {
        f.start = floor_boundary(&line[rest..end], f.start);
        f.end = floor_boundary(&line[rest..end], f.end).max(f.start);
    }
    let (a, b) = trim_space_range(&line[args_from..end]);
    SplitLine {
        keyword,
        flags: offset_flags(flags, rest),
        args: (args_from + a, args_from + b),
    }
}

fn offset_flags(mut flags: Vec<FlagWord>, by: usize) -> Vec<FlagWord> {
    for f in &mut flags {
        f.start += by;
        f.end += by;
    }
    flags
}

/// Reads leading `--flag` words; returns them and the offset where the arguments start.
///
/// A byte-level state machine, as in BuildKit: quotes group, the escape character takes
/// the next byte literally, a lone `--` ends the flags.
fn extract_flags(line: &str, escape: u8) -> (Vec<FlagWord>, usize) {
    #[derive(PartialEq)]
    enum Phase {
        Spaces,
        Word,
        Quote(u8),
    }
    let bytes = line.as_bytes();
    let mut words = Vec::new();
    let mut phase = Phase::Spaces;
    let mut word: Vec<u8> = Vec::new();
    let mut blank_ok = false;
    let mut word_start = 0;
    let mut pos = 0;
    let finish = |word: &mut Vec<u8>, start: usize, end: usize| FlagWord {
        start,
        end,
        text: CompactString::from_utf8(&word[..])
            .unwrap_or_else(|_| CompactString::from(String::from_utf8_lossy(word))),
    };
    while pos <= bytes.len() {
        let at_end = pos == bytes.len();
        let ch = if at_end { 0 } else { bytes[pos] };
        if phase == Phase::Spaces {
            if at_end {
                break;
            }
            if is_space_byte(ch) {
                pos += 1;
                continue;
            }
            if ch != b'-' || bytes.get(pos + 1) != Some(&b'-') {
                return (words, pos);
            }
            phase = Phase::Word;
            word_start = pos;
        }
        if at_end {
            if word != b"--" && (blank_ok || !word.is_empty()) {
                words.push(finish(&mut word, word_start, pos));
            }
            break;
        }
        match phase {
            Phase::Word => {
                if is_space_byte(ch) {
                    if word == b"--" {
                        return (words, pos);
                    }
                    if blank_ok || !word.is_empty() {
                        words.push(finish(&mut word, word_start, pos));
                    }
                    word.clear();
                    blank_ok = false;
                    phase = Phase::Spaces;
                    pos += 1;
                    continue;
                }
                if ch == b'\'' || ch == b'"' {
                    phase = Phase::Quote(ch);
                    blank_ok = true;
                    pos += 1;
                    continue;
                }
                if ch == escape {
                    if pos + 1 == bytes.len() {
                        pos += 1;
                        continue;
                    }
                    pos += 1;
                }
                word.push(bytes[pos]);
            }
            Phase::Quote(quote) => {
                if ch == quote {
                    phase = Phase::Word;
                    pos += 1;
                    continue;
                }
                if ch == escape {
                    if pos + 1 == bytes.len() {
                        phase = Phase::Word;
                        pos += 1;
                        continue;
                    }
                    pos += 1;
                }
                word.push(bytes[pos]);
            }
            // Spaces turned into Word above.
            Phase::Spaces => {}
        }
        pos += 1;
    }
    (words, bytes.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(line: &str) -> (String, Vec<String>, String) {
        let s = split_command(line, b'\\');
        (
            line[s.keyword.0..s.keyword.1].to_string(),
            s.flags.iter().map(|f| f.text.to_string()).collect(),
            line[s.args.0..s.args.1].to_string(),
        )
    }

    #[test]
    fn keyword_flags_and_args() {
        assert_eq!(
            split("  COPY --from=build --chown=\"a b\" src dst "),
            (
                "COPY".into(),
                vec!["--from=build".into(), "--chown=a b".into()],
                "src dst".into()
            )
        );
        assert_eq!(split("RUN"), ("RUN".into(), vec![], "".into()));
        assert_eq!(split("RUN --"), ("RUN".into(), vec![], "".into()));
        assert_eq!(
            split("RUN -- --x y"),
            ("RUN".into(), vec![], "--x y".into())
        );
        assert_eq!(
            split("RUN --x"),
            ("RUN".into(), vec!["--x".into()], "".into())
        );
        assert_eq!(split("RUN -x"), ("RUN".into(), vec![], "-x".into()));
    }

    #[test]
    fn flag_ranges_cover_the_written_word() {
        let line = "COPY --chown='a b' x";
        let s = split_command(line, b'\\');
        assert_eq!(&line[s.flags[0].start..s.flags[0].end], "--chown='a b'");
    }

    #[test]
    fn escape_takes_next_byte() {
        assert_eq!(split(r"RUN --a=b\ c d").1, vec!["--a=b c".to_string()]);
        let s = split_command("RUN --a=b` c d", b'`');
        assert_eq!(s.flags[0].text, "--a=b c");
    }
}
