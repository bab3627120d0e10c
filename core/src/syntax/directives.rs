//! Parser directives (`# syntax=`, `# escape=`, `# check=`): BuildKit's `DirectiveParser`.
//!
//! Directives are only read before anything else: the first line that is not a known
//! directive (an instruction, a blank line, any other comment) ends them.

use super::go_compat::{is_re_space, leading_space_len};

pub(crate) const KNOWN: [&str; 3] = ["syntax", "escape", "check"];

#[derive(Debug, PartialEq, Eq)]
pub(crate) struct DirectiveMatch {
    /// Index into [`KNOWN`].
    pub which: usize,
    /// Byte range of the value within the line passed in.
    pub value: (usize, usize),
}

/// Reads one line (already stripped of leading white space) as a directive.
pub(crate) fn match_directive(line: &str) -> Option<DirectiveMatch> {
    let body_start = 1 + leading_space_len(line.strip_prefix('#')?);
    let body = &line.as_bytes()[body_start..];
    // ^([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$
    if !body.first()?.is_ascii_alphabetic() {
        return None;
    }
    let name_len = body
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    let name = &line[body_start..body_start + name_len];
    let mut i = name_len;
    while i < body.len() && is_re_space(body[i]) {
        i += 1;
    }
    if body.get(i) != Some(&b'=') {
        return None;
    }
    i += 1;
    let after_eq = i;
    while i < body.len() && is_re_space(body[i]) {
        i += 1;
    }
    let mut end = body.len();
    while end > i && is_re_space(body[end - 1]) {
        end -= 1;
    }
    if end == i {
        // `.+?` needs one character: the regex backtracks into the white space.
        if body.len() == after_eq {
            return None;
        }
        i = end.max(after_eq + 1) - 1;
        end = i + 1;
    }
    let which = KNOWN.iter().position(|k| k.eq_ignore_ascii_case(name))?;
    Some(DirectiveMatch {
        which,
        value: (body_start + i, body_start + end),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(line: &str) -> Option<(&'static str, &str)> {
        match_directive(line).map(|m| (KNOWN[m.which], &line[m.value.0..m.value.1]))
    }

    #[test]
    fn directives_are_case_insensitive_and_trimmed() {
        assert_eq!(
            value("# syntax=docker/dockerfile:1"),
            Some(("syntax", "docker/dockerfile:1"))
        );
        assert_eq!(value("#ESCAPE = `  "), Some(("escape", "`")));
        assert_eq!(
            value("# check=skip=JSONArgsRecommended;error=true"),
            Some(("check", "skip=JSONArgsRecommended;error=true"))
        );
    }

    #[test]
    fn other_comments_are_not_directives() {
        assert_eq!(value("# hello"), None);
        assert_eq!(value("# foo=bar"), None);
        assert_eq!(value("# escape="), None);
        assert_eq!(value("#1escape=x"), None);
        assert_eq!(value("escape=x"), None);
    }

    #[test]
    fn an_empty_value_backtracks_to_one_space() {
        assert_eq!(value("# escape=  "), Some(("escape", " ")));
    }
}
