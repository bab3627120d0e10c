//! Which words of an instruction line open heredocs (`heredocsFromLine` and
//! `ParseHeredoc` in BuildKit).

use super::go_compat::is_re_space;
use super::shlex::{process_words, LexOptions};

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct HeredocSpec {
    /// Byte range of the marker word in the logical line.
    pub start: usize,
    pub end: usize,
    pub name: String,
    pub file_descriptor: u32,
    pub chomp: bool,
    pub expand: bool,
}

/// The heredocs a line opens, in order. `Err` carries BuildKit's message for a marker
/// that looks like a heredoc but cannot be read.
pub(crate) fn heredocs_in_line(line: &str) -> Result<Vec<HeredocSpec>, String> {
    let raw = LexOptions {
        raw_quotes: true,
        raw_escapes: true,
    };
    let Ok(words) = process_words(line, raw) else {
        return Ok(Vec::new());
    };
    let mut docs = Vec::new();
    for word in words {
        if let Some(mut doc) = parse_marker(&word.text)? {
            doc.start = word.start;
            doc.end = (word.start + word.text.len()).min(line.len());
            docs.push(doc);
        }
    }
    Ok(docs)
}

/// `^(\d*)<<(-?)\s*([^<]*)$`, then the delimiter read as one shell word.
fn parse_marker(word: &str) -> Result<Option<HeredocSpec>, String> {
    let digits = word.bytes().take_while(u8::is_ascii_digit).count();
    let Some(after) = word[digits..].strip_prefix("<<") else {
        return Ok(None);
    };
    let (chomp, after) = match after.strip_prefix('-') {
        Some(a) => (true, a),
        None => (false, after),
    };
    let rest = after.trim_start_matches(|c: char| c.is_ascii() && is_re_space(c as u8));
    if rest.is_empty() || rest.contains('<') {
        return Ok(None);
    }
    // Go's strconv.ParseUint with the error ignored: overflow gives 0.
    let file_descriptor = word[..digits].parse::<u32>().unwrap_or(0);

    let lex_error = |_| format!("failed to process {rest:?}: invalid heredoc delimiter");
    let cooked = process_words(rest, LexOptions::default()).map_err(lex_error)?;
    if cooked.len() != 1 {
        return Ok(None);
    }
    let raw = process_words(
        rest,
        LexOptions {
            raw_quotes: true,
            raw_escapes: false,
        },
    )
    .map_err(lex_error)?;
    if raw.len() != cooked.len() {
        return Err(format!(
            "internal lexing of heredoc produced inconsistent results: {rest}"
        ));
    }
    let quotes = |s: &str| s.matches(['\'', '"']).count();
    let expand = quotes(&cooked[0].text) == quotes(&raw[0].text);
    Ok(Some(HeredocSpec {
        start: 0,
        end: 0,
        name: cooked
            .into_iter()
            .next()
            .map(|w| w.text)
            .unwrap_or_default(),
        file_descriptor,
        chomp,
        expand,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(line: &str) -> Vec<(String, bool, bool)> {
        heredocs_in_line(line)
            .unwrap()
            .into_iter()
            .map(|d| (d.name, d.chomp, d.expand))
            .collect()
    }

    #[test]
    fn markers_with_quotes_dashes_and_descriptors() {
        assert_eq!(names("RUN <<EOF"), [("EOF".into(), false, true)]);
        assert_eq!(names("COPY <<-\"EOT\" /x"), [("EOT".into(), true, false)]);
        assert_eq!(
            names("RUN 3<<'A' cat <<B"),
            [("A".into(), false, false), ("B".into(), false, true)]
        );
        assert_eq!(heredocs_in_line("RUN 3<<A").unwrap()[0].file_descriptor, 3);
        assert_eq!(names("COPY << EOF /x"), [("EOF".into(), false, true)]);
    }

    #[test]
    fn not_markers() {
        assert!(names("RUN echo '<<EOF'").is_empty());
        assert!(names("RUN cat<<EOF").is_empty());
        assert!(names("RUN <<").is_empty());
        assert!(names("RUN echo \"unterminated <<EOF").is_empty());
        assert!(names("RUN a <<<here").is_empty());
    }

    #[test]
    fn marker_span() {
        let d = &heredocs_in_line("RUN  <<-EOF x").unwrap()[0];
        assert_eq!((d.start, d.end), (5, 11));
    }
}
