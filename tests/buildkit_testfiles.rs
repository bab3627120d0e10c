#![allow(clippy::disallowed_methods)] // tests read the corpus and measure time
//! BuildKit's own parser golden tests: every `testfiles/<case>` must parse without a
//! parser error and dump to exactly its `result`; every `testfiles-negative` case must
//! be rejected; `testfile-line` must give BuildKit's line numbers.

use slimfile::syntax::buildkit::buildkit_dump;
use slimfile_tests::corpus_dir;

fn cases(corpus: &std::path::Path) -> Vec<std::path::PathBuf> {
    let dir = corpus.join("buildkit-testfiles");
    let mut cases: Vec<_> = std::fs::read_dir(&dir)
        .expect("buildkit-testfiles")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join("result").is_file())
        .collect();
    cases.sort();
    cases
}

#[test]
fn every_positive_case_dumps_to_its_result() {
    let Some(corpus) = corpus_dir() else { return };
    let cases = cases(&corpus);
    assert!(cases.len() >= 30, "only {} cases found", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let source = std::fs::read(case.join("Dockerfile")).expect("Dockerfile");
        let expected = std::fs::read_to_string(case.join("result")).expect("result");
        let parsed = slimfile::syntax::parse_bytes(&source).expect("decodable");
        if !parsed.errors.is_empty() {
            failures.push(format!(
                "{}: unexpected errors {:?}",
                case.display(),
                parsed.errors
            ));
            continue;
        }
        let dump = buildkit_dump(&parsed.dockerfile);
        if dump != expected {
            failures.push(format!(
                "{}:\n--- expected\n{expected}--- got\n{dump}",
                case.display()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases differ:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn every_negative_case_is_rejected() {
    let Some(corpus) = corpus_dir() else { return };
    let dir = corpus.join("buildkit-testfiles").join("_negative");
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).expect("_negative").flatten() {
        let source = std::fs::read(entry.path().join("Dockerfile")).expect("Dockerfile");
        let parsed = slimfile::syntax::parse_bytes(&source).expect("decodable");
        assert!(
            !parsed.errors.is_empty(),
            "{} was accepted",
            entry.path().display()
        );
        seen += 1;
    }
    assert_eq!(seen, 4);
}

#[test]
fn line_numbers_match_buildkit() {
    let Some(corpus) = corpus_dir() else { return };
    let source =
        std::fs::read(corpus.join("buildkit-testfiles/_line/Dockerfile")).expect("Dockerfile");
    let parsed = slimfile::syntax::parse_bytes(&source).expect("decodable");
    let lines: Vec<_> = parsed
        .dockerfile
        .instructions()
        .iter()
        .map(|i| (i.start_line, i.end_line))
        .collect();
    assert_eq!(lines, [(5, 5), (11, 12), (17, 31)]);
}
