//! Rules over the shared corpus (`../shared/corpus/sample`), for what only real files
//! show. Skipped, with a message, when the corpus is not beside the checkout.

#![allow(clippy::disallowed_methods)] // tests read the corpus from disk

use std::path::{Path, PathBuf};

use super::{rule_applies, run_rule, Analyzer, Context, RuleOptions, Selection, Violation, RULES};

fn sample_files() -> Vec<(PathBuf, String)> {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let Some(sample) = here
        .ancestors()
        .map(|a| a.join("shared/corpus/sample"))
        .find(|p| p.is_dir())
    else {
        #[allow(clippy::print_stderr)]
        {
            eprintln!(
                "skipped: shared/corpus/sample is not above {}",
                here.display()
            );
        }
        return Vec::new();
    };
    let mut stack = vec![sample];
    let mut files = Vec::new();
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if let Ok(text) = std::fs::read_to_string(&path) {
                files.push((path, text));
            }
        }
    }
    files.sort();
    files
}

/// Analysis skips a rule on files that run none of the programs it declares, and such a
/// rule looks only at the scripts that run them; neither may hide a finding. Each rule
/// runs unfiltered on every sample file and must find exactly what analysis finds with
/// only that rule selected (files with suppression comments aside), also with a context
/// that has a manifest, a lock file and a secret, so context-driven paths run too.
#[test]
fn declared_programs_cover_every_finding() {
    let files = sample_files();
    if files.is_empty() {
        return;
    }
    let context = Context::default().with_dockerignore(".git\n").with_files([
        ("package.json", 10u64),
        ("package-lock.json", 10),
        ("requirements.txt", 10),
        (".env", 5),
    ]);
    let analyzers: Vec<Analyzer> = (0..RULES.len())
        .map(|i| {
            let only = (0..RULES.len())
                .map(|j| (i == j).then_some(RULES[j].severity))
                .collect();
            Analyzer::new(&Selection::new(only), RuleOptions::default())
        })
        .collect();
    let mut skipped = 0;
    let mut wrong = Vec::new();
    for (path, text) in &files {
        if text.contains("ignore=") || text.contains("check=") {
            continue;
        }
        let parsed = crate::parse(text);
        for (rule, analyzer) in RULES.iter().zip(&analyzers) {
            let unfiltered = run_rule(rule, &parsed, &context);
            if !rule_applies(rule, &parsed) {
                skipped += 1;
            }
            let mut filtered = analyzer.analyze(&parsed, &context);
            let mut expected = unfiltered;
            let key = |v: &Violation| (v.range.start, v.range.end, v.message.clone());
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
