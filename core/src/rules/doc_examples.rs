//! Every rule's documentation shows a file that triggers it (`## Example`) and one that
//! does not (`Use instead:`); both are run here, and the template is checked.

use super::case_settings::settings_from_comments;
use super::{analyze, Context, RULES};
use crate::{RuleSelector, Settings};

/// The first ```dockerfile block after `marker`.
fn block_after(docs: &str, marker: &str) -> Option<String> {
    let after = docs.split_once(marker)?.1;
    let body = after.split_once("```dockerfile\n")?.1;
    let code = body.split_once("```")?.0;
    Some(
        code.lines()
            .map(|l| l.strip_prefix(' ').unwrap_or(l))
            .collect::<Vec<_>>()
            .join("\n")
            + "\n",
    )
}

/// The build context an example describes in comment lines, as fixtures do:
/// `# dockerignore: pattern, pattern` and `# context: path=size, path=size`.
fn context_for(src: &str) -> Context {
    let mut ctx = Context::default();
    for line in src.lines() {
        if let Some(list) = line.strip_prefix("# dockerignore:") {
            ctx = ctx.with_dockerignore(
                list.split(',')
                    .map(str::trim)
                    .collect::<Vec<_>>()
                    .join("\n"),
            );
        } else if let Some(list) = line.strip_prefix("# context:") {
            ctx = ctx.with_files(list.split(',').filter_map(|e| {
                let (p, s) = e.trim().split_once('=')?;
                Some((p.trim().to_string(), s.trim().parse::<u64>().ok()?))
            }));
        }
    }
    ctx
}

fn codes_found(src: &str, code: &'static str) -> usize {
    let parsed = crate::parse(src);
    let config = settings_from_comments(
        src,
        &Settings {
            select: vec![RuleSelector::Rule(code)],
            ..Settings::default()
        },
    );
    analyze(&parsed, &context_for(src), &config)
        .iter()
        .filter(|d| d.code == code)
        .count()
}

#[test]
fn every_rule_documents_itself_with_the_template() {
    for rule in RULES {
        let docs = rule.documentation();
        for section in [
            "## What it does",
            "## Why is this bad?",
            "## Example",
            "Use instead:",
            "## References",
        ] {
            assert!(docs.contains(section), "{}: missing `{section}`", rule.code);
        }
        if rule.fix != super::FixKind::None {
            assert!(
                docs.contains("## Fix safety"),
                "{}: has a fix but no `## Fix safety`",
                rule.code
            );
        }
        assert!(!rule.summary().is_empty(), "{}", rule.code);
    }
}

#[test]
fn every_example_triggers_its_rule_and_every_alternative_does_not() {
    for rule in RULES {
        let docs = rule.documentation();
        let bad =
            block_after(&docs, "## Example").unwrap_or_else(|| panic!("{}: no example", rule.code));
        let good = block_after(&docs, "Use instead:")
            .unwrap_or_else(|| panic!("{}: no alternative", rule.code));
        assert!(
            codes_found(&bad, rule.code) > 0,
            "{}: example does not trigger:\n{bad}",
            rule.code
        );
        assert_eq!(
            codes_found(&good, rule.code),
            0,
            "{}: alternative triggers:\n{good}",
            rule.code
        );
    }
}

#[test]
fn codes_and_names_are_unique() {
    for (i, a) in RULES.iter().enumerate() {
        for b in &RULES[i + 1..] {
            assert_ne!(a.code, b.code);
            assert_ne!(a.name, b.name);
        }
    }
}
