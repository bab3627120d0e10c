#![allow(clippy::disallowed_methods)] // tests read the corpus and measure time
//! The parser over every real file we have: round trip, invariants, and no panic on
//! truncated input.

use slimfile_tests::{check_invariants, corpus_dir, files_below, sample_files};

#[test]
fn every_sample_file_round_trips() {
    let files = sample_files();
    if files.is_empty() {
        return; // no corpus here: `sample_files` said so
    }
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
    let Some(root) = corpus_dir() else { return };
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
    let files = sample_files();
    if files.is_empty() {
        return;
    }
    let mut seed = 0x5eed;
    let mut cuts = 0;
    for (path, bytes) in files {
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
    use slimfile::{Context, Linter, RuleSelector, Settings};
    let files = sample_files();
    if files.is_empty() {
        return;
    }
    let mut settings = Settings::default();
    settings.select = slimfile::rules()
        .iter()
        .map(|r| RuleSelector::parse(&r.code).expect("a rule"))
        .collect();
    let linter = Linter::new(settings);
    let context = Context::default()
        .with_dockerignore(".git\n")
        .with_files([("package.json", 10u64), (".env", 5)]);
    let mut diagnostics = 0;
    for (_, bytes) in files {
        let Ok(text) = std::str::from_utf8(&bytes) else {
            continue;
        };
        for d in linter.check(text, &context).expect("checked") {
            let [start, end] = d.span;
            assert!(
                end as usize <= text.len()
                    && start <= end
                    && text.is_char_boundary(start as usize)
                    && text.is_char_boundary(end as usize),
                "{d:?}"
            );
            diagnostics += 1;
        }
    }
    assert!(diagnostics > 10_000, "{diagnostics}");
}
