#![allow(clippy::disallowed_methods)] // reads the case files and the README from disk
//! slimfile's `DL` rules against the facts of hadolint's own tests (`tests/hadolint/`): the
//! agreement per rule, at least 98% for each, every disagreement documented, and the
//! table in the README generated from the same run.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use slimfile::{Context, Linter, Settings};

/// The least agreement any `DL` rule may have with hadolint's cases, leaving out the cases
/// where hadolint's expectation contradicts what the build does (each listed, with the
/// reason, in `docs/hadolint-differences.md`).
const MIN_AGREEMENT: f64 = 0.98;

const README_START: &str = "<!-- hadolint-agreement:start -->";
const README_END: &str = "<!-- hadolint-agreement:end -->";

#[derive(Debug)]
struct Case {
    code: String,
    /// Whether hadolint reports the rule on the file.
    catches: bool,
    what: String,
    /// `slimfile.toml` lines for this case.
    settings: String,
    /// The section of `docs/hadolint-differences.md` saying why slimfile differs.
    differs: Option<String>,
    text: String,
    /// 1-based line of the case's header in its file.
    line: usize,
}

fn read_cases(path: &Path) -> Vec<Case> {
    let code = path
        .file_stem()
        .and_then(|s| s.to_str())
        .expect("named by code")
        .to_string();
    let text = std::fs::read_to_string(path).expect("readable case file");
    let mut cases: Vec<Case> = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if let Some(header) = line.strip_prefix("=== ") {
            let (kind, what) = header
                .split_once(": ")
                .unwrap_or_else(|| panic!("{}:{}: `=== kind: what`", path.display(), n + 1));
            let catches = match kind {
                "catches" => true,
                "passes" => false,
                other => panic!("{}:{}: unknown kind `{other}`", path.display(), n + 1),
            };
            cases.push(Case {
                code: code.clone(),
                catches,
                what: what.to_string(),
                settings: String::new(),
                differs: None,
                text: String::new(),
                line: n + 1,
            });
            continue;
        }
        let Some(case) = cases.last_mut() else {
            continue; // the file's header comment
        };
        if let Some(option) = line.strip_prefix("#! ") {
            if let Some(anchor) = option.strip_prefix("differs: ") {
                case.differs = Some(anchor.trim().to_string());
            } else if option.starts_with("hadolint:") {
                // For verify_with_hadolint.py: hadolint changed this after its release.
            } else {
                case.settings.push_str(option);
                case.settings.push('\n');
            }
            continue;
        }
        case.text.push_str(line);
        case.text.push('\n');
    }
    for case in &mut cases {
        let trimmed = case.text.trim_end_matches('\n').len();
        case.text.truncate(trimmed);
        case.text.push('\n');
    }
    cases
}

fn all_cases() -> Vec<Case> {
    let dir = slimfile_tests::workspace_root().join("tests/hadolint/cases");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/hadolint/cases")
        .filter_map(|e| Some(e.ok()?.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "cases"))
        .collect();
    files.sort();
    files.iter().flat_map(|f| read_cases(f)).collect()
}

/// Whether slimfile reports `case.code` on the case's file, with only that rule selected.
fn fires(case: &Case) -> bool {
    let toml = format!("select = [\"{}\"]\n{}", case.code, case.settings);
    let settings = Settings::from_toml(&toml)
        .unwrap_or_else(|e| panic!("{} line {}: {e}", case.code, case.line));
    let found = Linter::new(settings)
        .check(&case.text, &Context::default())
        .expect("checked");
    found.iter().any(|d| d.code == case.code)
}

#[derive(Default)]
struct Tally {
    cases: usize,
    agree: usize,
    catches: (usize, usize),
    passes: (usize, usize),
    documented: usize,
}

/// The Markdown table for the README.
fn table(tallies: &BTreeMap<String, Tally>) -> String {
    let mut out = String::from(
        "| code | name | hadolint's cases | agree | reports where hadolint does | silent where hadolint is | [documented differences](docs/hadolint-differences.md) | agree on the rest |\n|---|---|---|---|---|---|---|---|\n",
    );
    let (mut cases, mut agree, mut documented) = (0, 0, 0);
    for (code, t) in tallies {
        let name = slimfile::rule(code).map_or("", |r| r.name.as_str());
        let pct = |a: usize, n: usize| {
            if n == 0 {
                "-".to_string()
            } else {
                format!("{a}/{n}")
            }
        };
        let _ = writeln!(
            out,
            "| {code} | `{name}` | {} | {:.1}% | {} | {} | {} | {:.1}% |",
            t.cases,
            100.0 * t.agree as f64 / t.cases as f64,
            pct(t.catches.0, t.catches.1),
            pct(t.passes.0, t.passes.1),
            t.documented,
            100.0 * t.agree as f64 / (t.cases - t.documented) as f64,
        );
        cases += t.cases;
        agree += t.agree;
        documented += t.documented;
    }
    let _ = writeln!(
        out,
        "| all | | {cases} | {:.1}% | | | {documented} | {:.1}% |",
        100.0 * agree as f64 / cases as f64,
        100.0 * agree as f64 / (cases - documented) as f64
    );
    out
}

#[test]
fn dl_rules_agree_with_hadolint_cases() {
    let cases = all_cases();
    assert!(cases.len() > 900, "{} cases", cases.len());
    let differences = std::fs::read_to_string(
        slimfile_tests::workspace_root().join("docs/hadolint-differences.md"),
    )
    .expect("docs/hadolint-differences.md");
    let mut tallies: BTreeMap<String, Tally> = BTreeMap::new();
    let mut problems = Vec::new();
    for case in &cases {
        let Some(rule) = slimfile::rule(&case.code) else {
            problems.push(format!("{}: no such rule", case.code));
            continue;
        };
        let agrees = fires(case) == case.catches;
        let t = tallies.entry(case.code.clone()).or_default();
        t.cases += 1;
        t.agree += usize::from(agrees);
        let side = if case.catches {
            &mut t.catches
        } else {
            &mut t.passes
        };
        side.0 += usize::from(agrees);
        side.1 += 1;
        let at = format!(
            "tests/hadolint/cases/{}.cases:{} ({})",
            case.code, case.line, case.what
        );
        match (&case.differs, agrees) {
            (None, false) => {
                problems.push(format!(
                "{at}: hadolint {} it, slimfile does not; fix the rule or document the difference",
                if case.catches { "reports" } else { "does not report" }
            ))
            }
            (Some(_), true) => problems.push(format!("{at}: marked `differs` but agrees")),
            (Some(anchor), false) => {
                t.documented += 1;
                if !differences.contains(&format!("<a id=\"{anchor}\"></a>")) {
                    problems.push(format!(
                        "{at}: docs/hadolint-differences.md has no section `{anchor}`"
                    ));
                }
                if !rule.documentation.contains("docs/hadolint-differences.md") {
                    problems.push(format!(
                        "{}: differs from hadolint, its documentation must say so",
                        case.code
                    ));
                }
            }
            (None, true) => {}
        }
    }
    for (code, t) in &tallies {
        let rate = t.agree as f64 / (t.cases - t.documented) as f64;
        if rate < MIN_AGREEMENT {
            problems.push(format!(
                "{code}: {}/{} = {:.1}% of hadolint's cases (documented differences aside), under {:.0}%",
                t.agree,
                t.cases - t.documented,
                100.0 * rate,
                100.0 * MIN_AGREEMENT
            ));
        }
    }
    // Every DL rule hadolint also has is measured.
    for rule in slimfile::rules() {
        if rule.code.starts_with("DL")
            && hadolint_has(&rule.code)
            && !tallies.contains_key(&rule.code)
        {
            problems.push(format!("{}: no cases in tests/hadolint/cases", rule.code));
        }
    }
    problems.dedup();
    let table = table(&tallies);
    #[allow(clippy::print_stderr)]
    {
        eprintln!("{table}");
    }
    check_readme(&table, &mut problems);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Whether hadolint 2.15.1 has a rule of this code (DL3039, which hadolint retired, has no
/// hadolint tests).
fn hadolint_has(code: &str) -> bool {
    let n: u32 = code[2..].parse().unwrap_or(0);
    matches!(n, 1001 | 3000..=3067 | 4000..=4006) && n != 3039
}

/// Compares the README's table with `table`; with `SLIMFILE_UPDATE_DOCS=1` rewrites it.
fn check_readme(table: &str, problems: &mut Vec<String>) {
    let path = slimfile_tests::workspace_root().join("README.md");
    let text = std::fs::read_to_string(&path).expect("README.md");
    let Some((head, rest)) = text.split_once(README_START) else {
        problems.push(format!("README.md has no {README_START} marker"));
        return;
    };
    let Some((_, tail)) = rest.split_once(README_END) else {
        problems.push(format!("README.md has no {README_END} marker"));
        return;
    };
    let updated = format!("{head}{README_START}\n{table}{README_END}{tail}");
    if updated == text {
        return;
    }
    if std::env::var_os("SLIMFILE_UPDATE_DOCS").is_some() {
        std::fs::write(&path, updated).expect("README.md written");
    } else {
        problems.push("README.md's hadolint agreement table is stale: run `make docs`".to_string());
    }
}
