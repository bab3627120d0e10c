//! Property tests: the parser never panics, and every range it reports is valid.

use proptest::prelude::*;

use super::*;
use crate::syntax::TextRange;

fn valid(text: &str, r: TextRange, what: &str) -> Result<(), TestCaseError> {
    prop_assert!(r.start <= r.end, "{what}: reversed range {r:?}");
    prop_assert!(
        r.end as usize <= text.len(),
        "{what}: {r:?} past end {}",
        text.len()
    );
    prop_assert!(
        text.is_char_boundary(r.start as usize) && text.is_char_boundary(r.end as usize),
        "{what}: {r:?} not on char boundaries"
    );
    Ok(())
}

fn check_word(text: &str, w: &Word, what: &str) -> Result<(), TestCaseError> {
    valid(text, w.range, what)?;
    if !w.quoted && !w.dynamic && !w.range.slice(text).contains('\\') {
        prop_assert_eq!(&w.value, w.range.slice(text), "{} value", what);
    }
    Ok(())
}

/// Every invariant the model promises, for any input.
fn check(text: &str, s: &Script) -> Result<(), TestCaseError> {
    let mut last = 0;
    for c in &s.commands {
        valid(text, c.range, "command")?;
        prop_assert!(c.range.start >= last, "commands out of order");
        last = c.range.start;
        prop_assert!(
            !c.words.is_empty() || !c.assignments.is_empty() || !c.redirects.is_empty(),
            "empty command"
        );
        for a in &c.assignments {
            valid(text, a.range, "assignment")?;
            check_word(text, &a.value, "assignment value")?;
            prop_assert!(c.range.contains_range(a.range));
            prop_assert!(a.range.contains_range(a.value.range));
            prop_assert!(a.range.slice(text).starts_with(a.name.as_str()));
        }
        let mut prev_end = c.range.start;
        for w in &c.words {
            check_word(text, w, "word")?;
            prop_assert!(c.range.contains_range(w.range), "word outside its command");
            prop_assert!(
                w.range.start >= prev_end,
                "words overlap or are out of order"
            );
            prop_assert!(!w.range.is_empty(), "empty word range");
            prev_end = w.range.end;
        }
        for r in &c.redirects {
            valid(text, r.range, "redirect")?;
            prop_assert!(
                c.range.contains_range(r.range),
                "redirect outside its command"
            );
            if let Some(t) = &r.target {
                check_word(text, t, "redirect target")?;
                prop_assert!(r.range.contains_range(t.range));
            }
            if let Some(b) = r.heredoc_body {
                valid(text, b, "heredoc body")?;
                prop_assert!(b.start >= r.range.end);
            }
        }
    }
    let mut last = 0;
    for g in &s.groups {
        valid(text, g.range, "group")?;
        prop_assert!(g.range.start >= last, "groups out of order");
        last = g.range.start;
    }
    let mut last = 0;
    for e in &s.errors {
        valid(text, e.range, "error")?;
        prop_assert!(e.range.start >= last, "errors out of order");
        last = e.range.start;
        prop_assert!(!e.message.is_empty());
    }
    Ok(())
}

const TOKENS: &[&str] = &[
    "a", "b1", "-x", "(", ")", "{", "}", "$(", "`", "\"", "'", "\\", "\\\n", "\n", ";", ";;", "&",
    "&&", "||", "|", "|&", "#", "# c\n", "${", "$((", "))", "$'", "$\"", "$", "if", "then", "elif",
    "else", "fi", "for", "select", "in", "do", "done", "while", "until", "case", "esac", "[[",
    "]]", "!", "function", "f()", "x=", "x=(", "2>&1", ">", ">>", "<", "<<EOF", "<<-E", "<<'EOF'",
    "<<<", "&>", "EOF", "\tE", "é", "日本", " ", "\t", "0", "12>", "$HOME", "${A:-b}", "=", "*)",
];

fn token_soup() -> impl Strategy<Value = String> {
    prop::collection::vec((prop::sample::select(TOKENS), prop::bool::ANY), 0..60).prop_map(|v| {
        let mut s = String::new();
        for (t, space) in v {
            s.push_str(t);
            if space {
                s.push(' ');
            }
        }
        s
    })
}

const OPS: &[(&str, Connector)] = &[
    (" && ", Connector::And),
    ("||", Connector::Or),
    ("; ", Connector::Seq),
    ("\n", Connector::Seq),
    (" | ", Connector::Pipe),
    ("|&", Connector::Pipe),
    (" & ", Connector::Background),
];

fn chain() -> impl Strategy<Value = (String, Vec<Vec<String>>, Vec<Connector>)> {
    let cmd = prop::collection::vec("x[a-z0-9_./-]{0,6}", 1..5);
    prop::collection::vec((cmd, prop::sample::select(OPS)), 1..12).prop_map(|v| {
        let mut text = String::new();
        let mut words = Vec::new();
        let mut conns = vec![Connector::First];
        for (i, (cmd, (op, conn))) in v.iter().enumerate() {
            if i > 0 {
                text.push_str(op);
                conns.push(*conn);
            }
            text.push_str(&cmd.join(" "));
            words.push(cmd.clone());
        }
        (text, words, conns)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn arbitrary_strings_never_panic(text in any::<String>()) {
        let s = parse_script(&text);
        check(&text, &s)?;
    }

    #[test]
    fn printable_ascii_never_panics(text in "[ -~\n\t]{0,200}") {
        let s = parse_script(&text);
        check(&text, &s)?;
    }

    #[test]
    fn shell_like_token_soup(text in token_soup()) {
        let s = parse_script(&text);
        check(&text, &s)?;
    }

    #[test]
    fn simple_chains_parse_exactly((text, words, conns) in chain()) {
        let s = parse_script(&text);
        check(&text, &s)?;
        prop_assert!(s.errors.is_empty(), "{:?}", s.errors);
        let got: Vec<Vec<String>> = s
            .commands
            .iter()
            .map(|c| c.words.iter().map(|w| w.value.to_string()).collect())
            .collect();
        prop_assert_eq!(got, words);
        let got: Vec<Connector> = s.commands.iter().map(|c| c.connector).collect();
        prop_assert_eq!(got, conns);
        for c in &s.commands {
            for w in &c.words {
                prop_assert_eq!(w.range.slice(&text), w.value.as_str());
            }
        }
    }

    #[test]
    fn wrapping_in_a_group_adds_one_level((text, words, _) in chain()) {
        for (open, close) in [("( ", " )"), ("{ ", "; }"), ("x $(", ")"), ("x `", "`")] {
            let wrapped = format!("{open}{text}{close}");
            let s = parse_script(&wrapped);
            check(&wrapped, &s)?;
            prop_assert!(s.errors.is_empty(), "{:?} {:?}", wrapped, s.errors);
            let inner: Vec<&Command> = s.commands.iter().filter(|c| c.depth == 1).collect();
            prop_assert_eq!(inner.len(), words.len());
            prop_assert_eq!(inner[0].connector, Connector::First);
            prop_assert_eq!(s.groups.len(), 1);
            let start = open.find(['(', '{', '$', '`']).unwrap_or(0) as u32;
            prop_assert_eq!(s.groups[0].range, TextRange::new(start, wrapped.len() as u32));
        }
    }

    #[test]
    fn serde_round_trips(text in token_soup()) {
        let s = parse_script(&text);
        let json = serde_json::to_string(&s).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let back: Script = serde_json::from_str(&json).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(s, back);
    }
}
