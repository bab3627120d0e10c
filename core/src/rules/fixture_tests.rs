//! One fixture per rule, `tests/fixtures/<CODE>.dockerfile`: cases separated by lines
//! `# ---- bad: <what>`, `# ---- good: <what>` or `# ---- regression: <what>`. Each case is
//! parsed on its own and checked with only that rule selected. Bad cases must report, good
//! cases must not, and the diagnostics and the once-fixed text of every case are
//! snapshot-tested (`core/tests/snapshots/`; set INSTA_UPDATE=always to write new ones). A case
//! may give its context and settings in comment lines: `# context:`, `# dockerignore:`,
//! `# trusted-registries:`, `# label-schema:`, `# strict-labels:` (see `case_settings`).

#![allow(clippy::disallowed_methods)] // tests read fixtures from disk

use std::fmt::Write as _;
use std::path::Path;

use super::case_settings::settings_from_comments;
use super::{analyze, Context, Violation, RULES};
use crate::edit::{apply_edits, Applicability};
use crate::syntax::{ColumnUnit, LineIndex};
use crate::{RuleSelector, Settings};

struct Case {
    kind: String,
    title: String,
    source: String,
}

fn cases(text: &str) -> Vec<Case> {
    let mut out: Vec<Case> = Vec::new();
    for line in text.split_inclusive('\n') {
        if let Some(header) = line.strip_prefix("# ---- ") {
            let (kind, title) = header.trim().split_once(':').unwrap_or((header.trim(), ""));
            out.push(Case {
                kind: kind.trim().to_string(),
                title: title.trim().to_string(),
                source: String::new(),
            });
        } else if let Some(case) = out.last_mut() {
            case.source.push_str(line);
        }
    }
    out
}

/// Applies every fix that can be applied once, skipping overlaps.
fn apply_fixes(source: &str, violations: &[Violation]) -> String {
    let edits = violations
        .iter()
        .filter_map(|v| v.fix.as_ref())
        .filter(|f| f.applicability != Applicability::DisplayOnly)
        .flat_map(|f| f.edits.iter());
    apply_edits(source, edits)
}

fn context_for(case: &Case) -> Context {
    // A case may describe its build context in `# context: path=size, ...` and
    // `# dockerignore: pattern, ...` comment lines.
    let mut ctx = Context::default();
    for line in case.source.lines() {
        if let Some(list) = line.strip_prefix("# context:") {
            ctx = ctx.with_files(list.split(',').filter_map(|e| {
                let (p, s) = e.trim().split_once('=')?;
                Some((p.trim().to_string(), s.trim().parse().ok()?))
            }));
        } else if let Some(list) = line.strip_prefix("# dockerignore:") {
            ctx = ctx.with_dockerignore(
                list.split(',')
                    .map(str::trim)
                    .collect::<Vec<_>>()
                    .join("\n"),
            );
        }
    }
    ctx
}

fn settings_for(case: &Case, base: &Settings) -> Settings {
    settings_from_comments(&case.source, base)
}

/// Every rule's fixture is checked, and the failures of all of them are reported at
/// once: one broken fixture does not hide the others.
#[test]
fn every_rule_has_a_fixture_and_it_holds() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut missing = Vec::new();
    let mut failed = Vec::new();
    for rule in RULES {
        let path = dir.join(format!("{}.dockerfile", rule.code));
        let Ok(text) = std::fs::read_to_string(&path) else {
            missing.push(rule.code);
            continue;
        };
        if std::panic::catch_unwind(|| check_fixture(rule, &text)).is_err() {
            failed.push(rule.code);
        }
    }
    assert!(missing.is_empty(), "rules without a fixture: {missing:?}");
    assert!(
        failed.is_empty(),
        "fixtures that fail (see above): {failed:?}"
    );
}

fn check_fixture(rule: &super::Rule, text: &str) {
    {
        let base_config = Settings {
            select: vec![RuleSelector::Rule(rule.code)],
            ..Settings::default()
        };
        let mut snapshot = String::new();
        let cases = cases(text);
        assert!(
            cases.iter().any(|c| c.kind == "bad"),
            "{}: no bad case",
            rule.code
        );
        assert!(
            cases.iter().any(|c| c.kind == "good"),
            "{}: no good case",
            rule.code
        );
        for case in &cases {
            let parsed = crate::parse(&case.source);
            let config = settings_for(case, &base_config);
            let found = analyze(&parsed, &context_for(case), &config);
            let found: Vec<_> = found.into_iter().filter(|d| d.code == rule.code).collect();
            match case.kind.as_str() {
                "bad" => assert!(
                    !found.is_empty(),
                    "{}: bad case `{}` not reported",
                    rule.code,
                    case.title
                ),
                "good" => assert!(
                    found.is_empty(),
                    "{}: good case `{}` reported: {found:?}",
                    rule.code,
                    case.title
                ),
                "regression" => {}
                other => panic!("{}: unknown case kind `{other}`", rule.code),
            }
            let index = LineIndex::new(&case.source);
            writeln!(snapshot, "---- {}: {}", case.kind, case.title).ok();
            for d in &found {
                let lc = index.line_col(&case.source, d.range.start, ColumnUnit::Chars);
                write!(
                    snapshot,
                    "{}:{} {} {}",
                    lc.line + 1,
                    lc.col + 1,
                    d.code,
                    d.message
                )
                .ok();
                if let Some(fix) = &d.fix {
                    write!(snapshot, " [fix ({:?}): {}]", fix.applicability, fix.title).ok();
                    if !fix.dockerignore.is_empty() {
                        write!(
                            snapshot,
                            " [.dockerignore += {}]",
                            fix.dockerignore.join(" ")
                        )
                        .ok();
                    }
                }
                if let Some(s) = &d.savings {
                    write!(snapshot, " [saves {} bytes: {}]", s.bytes, s.basis).ok();
                }
                snapshot.push('\n');
            }
            let fixed = apply_fixes(&case.source, &found);
            if fixed != case.source {
                let reparsed = crate::parse(&fixed);
                assert!(
                    reparsed.errors.len() <= parsed.errors.len(),
                    "{}: fix of `{}` breaks parsing:\n{fixed}",
                    rule.code,
                    case.title
                );
                writeln!(snapshot, "fixed:\n{fixed}").ok();
            }
        }
        // The snapshots keep the names and place they had as an integration test.
        insta::with_settings!({
            snapshot_path => "../../tests/snapshots",
            prepend_module_to_snapshot => false,
        }, {
            insta::assert_snapshot!(format!("rule_fixtures__{}", rule.code), snapshot);
        });
    }
}
