#![allow(clippy::disallowed_methods)] // tests read the corpus and measure time
//! The parser over every real file we have: round trip, invariants, and no panic on
//! truncated input.

use slimfile_tests::{check_invariants, corpus_dir, files_below, sample_files};

#[test]
fn every_sample_file_round_trips() {
    let files = sample_files();
    assert!(files.len() > 4000, "sample has {} files", files.len());
    let mut refused = Vec::new();
    for (path, bytes) in &files {
        match slimfile::syntax::decode(bytes) {
            Ok(text) => {
                if let Err(e) = check_invariants(text) {
                    panic!("{}: {e}", path.display());
                }
            }
            Err(e) => refused.push(format!("{}: {e}", path.display())),
        }
    }
    // Files that are not UTF-8 text are refused with a reason, never half-read.
    assert!(refused.len() < 5, "refused: {refused:#?}");
}

#[test]
fn every_buildkit_fixture_round_trips() {
    let root = corpus_dir();
    let mut count = 0;
    for dir in ["buildkit-testfiles", "buildkit-inline"] {
        for path in files_below(&root.join(dir)) {
            let bytes = std::fs::read(&path).expect("readable");
            if let Ok(text) = std::str::from_utf8(&bytes) {
                check_invariants(text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                count += 1;
            }
        }
    }
    assert!(count > 500, "{count} fixtures");
}

/// A small deterministic generator, so a failure names the same cut every run.
fn next(seed: &mut u64) -> u64 {
    *seed = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    *seed >> 33
}

#[test]
fn truncated_sample_files_never_break_the_parser() {
    let mut seed = 0x5eed;
    let mut cuts = 0;
    for (path, bytes) in sample_files() {
        let Ok(text) = std::str::from_utf8(&bytes) else {
            continue;
        };
        if text.is_empty() {
            continue;
        }
        for _ in 0..4 {
            let mut at = (next(&mut seed) as usize) % text.len();
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            for piece in [&text[..at], &text[at..]] {
                check_invariants(piece)
                    .unwrap_or_else(|e| panic!("{} cut at {at}: {e}", path.display()));
                cuts += 1;
            }
        }
    }
    assert!(cuts > 30_000);
}

#[test]
fn every_rule_runs_on_every_sample_file_without_panicking() {
    use slimfile::rules::{Config, Context, RuleSelector, RULES};
    let config = Config {
        select: RULES.iter().map(|r| RuleSelector::Rule(r.code)).collect(),
        ..Config::default()
    };
    let context = Context::default()
        .with_dockerignore(".git\n")
        .with_files([("package.json", 10u64), (".env", 5)]);
    let mut diagnostics = 0;
    for (_, bytes) in sample_files() {
        let Ok(text) = std::str::from_utf8(&bytes) else {
            continue;
        };
        let parsed = slimfile::parse(text);
        for d in slimfile::analyze(&parsed, &context, &config) {
            assert!(
                d.range.end as usize <= text.len() && d.range.start <= d.range.end,
                "{d:?}"
            );
            diagnostics += 1;
        }
    }
    assert!(diagnostics > 10_000, "{diagnostics}");
}

/// `analyze` skips a rule on files that run none of the programs it declares, and such a
/// rule looks only at the scripts that run them; neither may hide a finding. Each rule
/// runs unfiltered on every sample file and must find exactly what `analyze` finds with
/// only that rule selected (files with suppression comments aside), also with a context
/// that has a manifest, a lock file and a secret, so context-driven paths run too.
#[test]
fn declared_programs_cover_every_finding() {
    use slimfile::rules::{rule_applies, run_rule, Analyzer, Config, Context, RuleSelector, RULES};
    let context = Context::default().with_dockerignore(".git\n").with_files([
        ("package.json", 10u64),
        ("package-lock.json", 10),
        ("requirements.txt", 10),
        (".env", 5),
    ]);
    let analyzers: Vec<Analyzer> = RULES
        .iter()
        .map(|r| {
            Analyzer::new(Config {
                select: vec![RuleSelector::Rule(r.code)],
                ..Config::default()
            })
        })
        .collect();
    let mut skipped = 0;
    let mut wrong = Vec::new();
    for (path, bytes) in sample_files() {
        let Ok(text) = std::str::from_utf8(&bytes) else {
            continue;
        };
        if text.contains("ignore=") || text.contains("check=") {
            continue;
        }
        let parsed = slimfile::parse(text);
        for (rule, analyzer) in RULES.iter().zip(&analyzers) {
            let unfiltered = run_rule(rule, &parsed, &context);
            if !rule_applies(rule, &parsed) {
                skipped += 1;
            }
            let mut filtered = analyzer.analyze(&parsed, &context);
            let mut expected = unfiltered;
            let key = |d: &slimfile::Diagnostic| (d.range.start, d.range.end, d.message.clone());
            filtered.sort_by_key(key);
            expected.sort_by_key(key);
            if filtered != expected {
                wrong.push(format!(
                    "{}: {} finds {} unfiltered, {} filtered",
                    path.display(),
                    rule.code,
                    expected.len(),
                    filtered.len()
                ));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{} missed findings: {wrong:#?}",
        wrong.len()
    );
    // The filter must be doing something for this test to mean anything.
    assert!(skipped > 4000, "{skipped} skipped rule runs");
}
