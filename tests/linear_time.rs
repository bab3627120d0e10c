#![allow(clippy::disallowed_methods)] // tests read the corpus and measure time
//! Worst cases for a line-oriented parser, generated: each must parse in time linear in
//! its size. BuildKit's own parser takes 0.9 s on an 84 kB multi-line LABEL; these are
//! 10× to 100× larger and must take well under a second even in a debug build.

use std::time::{Duration, Instant};

fn assert_fast(name: &str, src: &str, budget: Duration) -> slimfile::Parsed {
    let start = Instant::now();
    let parsed = slimfile::parse(src);
    let took = start.elapsed();
    assert_eq!(parsed.dockerfile.print().len(), src.len(), "{name}");
    assert!(
        took < budget,
        "{name}: {} bytes took {took:?} (budget {budget:?})",
        src.len()
    );
    parsed
}

/// Debug builds are ~10× slower than release; the budgets hold for both.
const BUDGET: Duration = Duration::from_secs(3);

#[test]
fn label_over_ten_thousand_continuation_lines() {
    let mut src = String::from("FROM scratch\nLABEL ");
    for i in 0..10_000 {
        src.push_str(&format!("key{i}=\"value {i}\" \\\n    "));
    }
    src.push_str("last=1\n");
    let p = assert_fast("label", &src, BUDGET);
    assert!(p.errors.is_empty());
    assert_eq!(p.dockerfile.instructions()[1].end_line, 10_002);
}

#[test]
fn run_over_ten_thousand_continuation_lines_with_comments() {
    let mut src = String::from("FROM alpine\nRUN true \\\n");
    for i in 0..10_000 {
        src.push_str(&format!("  # step {i}\n  && echo {i} \\\n"));
    }
    src.push_str("  && true\n");
    let p = assert_fast("run", &src, BUDGET);
    assert!(p.errors.is_empty());
}

#[test]
fn ten_thousand_heredocs() {
    let mut src = String::from("FROM alpine\nRUN cat");
    for i in 0..10_000 {
        src.push_str(&format!(" <<E{i}"));
    }
    src.push('\n');
    for i in 0..10_000 {
        src.push_str(&format!("body {i}\nE{i}\n"));
    }
    let p = assert_fast("heredocs", &src, BUDGET);
    assert!(p.errors.is_empty(), "{:?}", p.errors.first());
    assert_eq!(p.dockerfile.instructions()[1].heredocs.len(), 10_000);
}

#[test]
fn ten_thousand_heredoc_instructions() {
    let mut src = String::from("FROM alpine\n");
    for i in 0..10_000 {
        src.push_str(&format!("COPY <<EOF /f{i}\ncontent {i}\nEOF\n"));
    }
    let p = assert_fast("heredoc instructions", &src, BUDGET);
    assert_eq!(p.dockerfile.instructions().len(), 10_001);
}

#[test]
fn a_ten_megabyte_line() {
    let src = format!("FROM alpine\nRUN echo {}\n", "x".repeat(10 << 20));
    assert_fast("long line", &src, BUDGET);
    let src = format!("FROM alpine\nENV A={}\n", "\"y z\" ".repeat(2 << 20));
    assert_fast("long env", &src, BUDGET);
}

#[test]
fn pathological_nesting_and_repetition() {
    let cases = [
        (
            "json nesting",
            format!("FROM a\nCMD {}\n", "[".repeat(1 << 20)),
        ),
        (
            "onbuild chain",
            format!("FROM a\n{}RUN x\n", "ONBUILD ".repeat(1 << 17)),
        ),
        (
            "heredoc markers",
            format!("FROM a\nRUN {}\n", "<<".repeat(1 << 19)),
        ),
        (
            "flags",
            format!("FROM a\nRUN {}x\n", "--f=\"a b\" ".repeat(1 << 17)),
        ),
        ("comment lines", "# c\n".repeat(1 << 18) + "FROM a\n"),
        ("backslash lines", "\\\n".repeat(1 << 18) + "FROM a\n"),
        (
            "dollar braces",
            format!("FROM a\nRUN {} <<EOF\nEOF\n", "${a:-".repeat(1 << 16)),
        ),
    ];
    for (name, src) in cases {
        assert_fast(name, &src, BUDGET);
    }
}

#[test]
fn input_over_the_limit_is_refused_but_kept() {
    let src = "#".repeat(slimfile::syntax::MAX_SOURCE_LEN + 1);
    let start = Instant::now();
    let parsed = slimfile::parse(&src);
    assert!(start.elapsed() < BUDGET);
    assert_eq!(
        parsed.errors[0].kind,
        slimfile::syntax::SyntaxErrorKind::InputTooLarge
    );
    assert_eq!(parsed.dockerfile.print(), src);
}
