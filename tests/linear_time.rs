#![allow(clippy::disallowed_methods)] // tests read the corpus and measure time
//! Worst cases for a line-oriented parser, generated: each must parse in time linear in
//! its size (BuildKit's own parser takes 0.9 s on an 84 kB multi-line LABEL; these are
//! 10× to 100× larger), checked as the ratio of the times at n and at n / 16.

use std::time::{Duration, Instant};

/// How long parsing `src` takes, the best of three runs (damps a loaded machine).
fn parse_time(src: &str) -> (Duration, slimfile::Parsed) {
    let mut best = Duration::MAX;
    let mut parsed = None;
    for _ in 0..3 {
        let start = Instant::now();
        let p = slimfile::parse(src);
        best = best.min(start.elapsed());
        parsed = Some(p);
    }
    (best, parsed.expect("parsed"))
}

/// Parses the input `make` builds at size `n` and at `n / 16`: sixteen times the input
/// must cost about sixteen times as much, not 256 as a quadratic step would. Timings on a
/// shared machine swing by a factor of four (caches, page faults, other jobs), so the
/// bound is 100: far above linear, far below quadratic. A ratio, not a
/// budget, so that a loaded machine does not fail it; the absolute cap only catches hangs.
fn assert_linear(name: &str, make: impl Fn(usize) -> String, n: usize) -> slimfile::Parsed {
    let small_src = make(n / 16);
    let src = make(n);
    // A burst of load can stretch one measurement; quadratic work fails every round.
    let mut rounds = Vec::new();
    for _ in 0..3 {
        let (small, _) = parse_time(&small_src);
        let (large, parsed) = parse_time(&src);
        assert_eq!(parsed.dockerfile.print().len(), src.len(), "{name}");
        let ratio = large.as_secs_f64() / small.as_secs_f64().max(1e-6);
        if ratio < 100.0 && large < Duration::from_secs(60) {
            return parsed;
        }
        rounds.push(format!("{large:?} against {small:?} (×{ratio:.1})"));
    }
    panic!(
        "{name}: {} bytes and a sixteenth of it took {}",
        src.len(),
        rounds.join(", ")
    );
}

#[test]
fn label_over_many_continuation_lines() {
    let make = |n: usize| {
        let mut src = String::from("FROM scratch\nLABEL ");
        for i in 0..n {
            src.push_str(&format!("key{i}=\"value {i}\" \\\n    "));
        }
        src + "last=1\n"
    };
    let p = assert_linear("label", make, 160_000);
    assert!(p.errors.is_empty());
    assert_eq!(p.dockerfile.instructions()[1].end_line, 160_002);
}

#[test]
fn run_over_many_continuation_lines_with_comments() {
    let make = |n: usize| {
        let mut src = String::from("FROM alpine\nRUN true \\\n");
        for i in 0..n {
            src.push_str(&format!("  # step {i}\n  && echo {i} \\\n"));
        }
        src + "  && true\n"
    };
    let p = assert_linear("run", make, 160_000);
    assert!(p.errors.is_empty());
}

#[test]
fn many_heredocs() {
    let make = |n: usize| {
        let mut src = String::from("FROM alpine\nRUN cat");
        for i in 0..n {
            src.push_str(&format!(" <<E{i}"));
        }
        src.push('\n');
        for i in 0..n {
            src.push_str(&format!("body {i}\nE{i}\n"));
        }
        src
    };
    let p = assert_linear("heredocs", make, 160_000);
    assert!(p.errors.is_empty(), "{:?}", p.errors.first());
    assert_eq!(p.dockerfile.instructions()[1].heredocs.len(), 160_000);
}

#[test]
fn many_heredoc_instructions() {
    let make = |n: usize| {
        let mut src = String::from("FROM alpine\n");
        for i in 0..n {
            src.push_str(&format!("COPY <<EOF /f{i}\ncontent {i}\nEOF\n"));
        }
        src
    };
    let p = assert_linear("heredoc instructions", make, 160_000);
    assert_eq!(p.dockerfile.instructions().len(), 160_001);
}

#[test]
fn a_ten_megabyte_line() {
    assert_linear(
        "long line",
        |n| format!("FROM alpine\nRUN echo {}\n", "x".repeat(n)),
        10 << 20,
    );
    assert_linear(
        "long env",
        |n| format!("FROM alpine\nENV A={}\n", "\"y z\" ".repeat(n)),
        2 << 20,
    );
}

#[test]
fn pathological_nesting_and_repetition() {
    type Make = fn(usize) -> String;
    let cases: [(&str, Make, usize); 7] = [
        (
            "json nesting",
            |n| format!("FROM a\nCMD {}\n", "[".repeat(n)),
            1 << 20,
        ),
        (
            "onbuild chain",
            |n| format!("FROM a\n{}RUN x\n", "ONBUILD ".repeat(n)),
            1 << 17,
        ),
        (
            "heredoc markers",
            |n| format!("FROM a\nRUN {}\n", "<<".repeat(n)),
            1 << 19,
        ),
        (
            "flags",
            |n| format!("FROM a\nRUN {}x\n", "--f=\"a b\" ".repeat(n)),
            1 << 17,
        ),
        ("comment lines", |n| "# c\n".repeat(n) + "FROM a\n", 1 << 18),
        (
            "backslash lines",
            |n| "\\\n".repeat(n) + "FROM a\n",
            1 << 18,
        ),
        (
            "dollar braces",
            |n| format!("FROM a\nRUN {} <<EOF\nEOF\n", "${a:-".repeat(n)),
            1 << 16,
        ),
    ];
    for (name, make, n) in cases {
        assert_linear(name, make, n);
    }
}

#[test]
fn input_over_the_limit_is_refused_but_kept() {
    let src = "#".repeat(slimfile::syntax::MAX_SOURCE_LEN + 1);
    let (took, parsed) = parse_time(&src);
    assert!(took < Duration::from_secs(60), "{took:?}");
    assert_eq!(
        parsed.errors[0].kind,
        slimfile::syntax::SyntaxErrorKind::InputTooLarge
    );
    assert_eq!(parsed.dockerfile.print(), src);
}
