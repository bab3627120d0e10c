#![allow(clippy::disallowed_methods)] // reads the case file from disk
//! slimfile's BuildKit checks against the facts of BuildKit's own linter tests
//! (`tests/buildkit_checks/`): on each Dockerfile of those tests, the rules that carry a
//! BuildKit check name report the same checks on the same lines as `docker build --check`,
//! or the case says why not (`#! differs:`, a section of `docs/buildkit-differences.md`).

use std::collections::BTreeMap;
use std::path::Path;

use slimfile::{Context, Linter, Settings};

#[derive(Debug, Default)]
struct Case {
    what: String,
    /// `(check name, line)` for every warning BuildKit gives, in order.
    warns: Vec<(String, u32)>,
    dockerignore: Option<String>,
    /// `BUILDKIT_DOCKERFILE_CHECK`, as a build argument: `skip=...;error=...`.
    check_arg: Option<String>,
    differs: Option<String>,
    text: String,
    line: usize,
}

fn read_cases(path: &Path) -> Vec<Case> {
    let text = std::fs::read_to_string(path).expect("readable case file");
    let mut cases: Vec<Case> = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if let Some(what) = line.strip_prefix("=== ") {
            cases.push(Case {
                what: what.to_string(),
                line: n + 1,
                ..Case::default()
            });
            continue;
        }
        let Some(case) = cases.last_mut() else {
            continue; // the file's header comment
        };
        let Some(option) = line.strip_prefix("#! ") else {
            case.text.push_str(line);
            case.text.push('\n');
            continue;
        };
        let (key, value) = option
            .split_once(": ")
            .unwrap_or_else(|| panic!("{}:{}: `#! key: value`", path.display(), n + 1));
        match key {
            "warns" => {
                let (name, at) = value.split_once(' ').expect("`warns: Check line`");
                case.warns
                    .push((name.to_string(), at.parse().expect("a line number")));
            }
            "dockerignore" => {
                let ignore = case.dockerignore.get_or_insert_with(String::new);
                ignore.push_str(value);
                ignore.push('\n');
            }
            "check" => case.check_arg = Some(value.to_string()),
            "differs" => case.differs = Some(value.trim().to_string()),
            other => panic!("{}:{}: unknown option `{other}`", path.display(), n + 1),
        }
    }
    cases
}

/// Every rule that is one of BuildKit's checks, by check name, less those the
/// `BUILDKIT_DOCKERFILE_CHECK` build argument skips.
fn checks_selected(check_arg: Option<&str>) -> BTreeMap<String, String> {
    let skipped: Vec<&str> = check_arg
        .into_iter()
        .flat_map(|arg| arg.split(';'))
        .filter_map(|option| option.strip_prefix("skip="))
        .flat_map(|list| list.split(','))
        .collect();
    slimfile::rules()
        .iter()
        .filter_map(|r| Some((r.buildkit.clone()?, r.code.clone())))
        .filter(|(check, _)| {
            !skipped
                .iter()
                .any(|s| s.eq_ignore_ascii_case("all") || s.eq_ignore_ascii_case(check))
        })
        .collect()
}

/// The `(check name, line)` pairs slimfile reports on the case, sorted.
fn reported(case: &Case) -> Vec<(String, u32)> {
    let checks = checks_selected(case.check_arg.as_deref());
    if checks.is_empty() {
        return Vec::new();
    }
    let codes: Vec<String> = checks.values().map(|c| format!("\"{c}\"")).collect();
    let settings =
        Settings::from_toml(&format!("select = [{}]\n", codes.join(", "))).expect("valid settings");
    let context = match &case.dockerignore {
        Some(ignore) => Context::default().with_dockerignore(ignore.clone()),
        None => Context::default(),
    };
    let by_code: BTreeMap<&str, &str> = checks
        .iter()
        .map(|(check, code)| (code.as_str(), check.as_str()))
        .collect();
    let mut found: Vec<(String, u32)> = Linter::new(settings)
        .check(&case.text, &context)
        .expect("checked")
        .iter()
        .filter_map(|d| Some((by_code.get(&*d.code)?.to_string(), d.range.start.line)))
        .collect();
    found.sort();
    found
}

#[test]
fn buildkit_checks_agree_with_buildkit_linter_tests() {
    let path = slimfile_tests::workspace_root().join("tests/buildkit_checks/check_test.cases");
    let cases = read_cases(&path);
    assert!(cases.len() > 80, "{} cases", cases.len());
    let differences = std::fs::read_to_string(
        slimfile_tests::workspace_root().join("docs/buildkit-differences.md"),
    )
    .unwrap_or_default();
    let mut problems = Vec::new();
    let (mut agree, mut documented) = (0, 0);
    for case in &cases {
        let mut expected = case.warns.clone();
        expected.sort();
        let found = reported(case);
        let at = format!("check_test.cases:{} ({})", case.line, case.what);
        match (&case.differs, found == expected) {
            (None, true) => agree += 1,
            (None, false) => problems.push(format!(
                "{at}: BuildKit warns {expected:?}, slimfile {found:?}"
            )),
            (Some(_), true) => problems.push(format!("{at}: marked `differs` but agrees")),
            (Some(anchor), false) => {
                documented += 1;
                if !differences.contains(&format!("<a id=\"{anchor}\"></a>")) {
                    problems.push(format!(
                        "{at}: docs/buildkit-differences.md has no section `{anchor}`"
                    ));
                }
            }
        }
    }
    #[allow(clippy::print_stderr)]
    {
        eprintln!(
            "{agree} of {} cases agree, {documented} documented differences",
            cases.len()
        );
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
