use super::*;
use crate::Settings;

const APT: &str = "FROM debian:trixie-slim\nRUN apt-get update && apt-get install -y curl\n";

fn run(source: &str, options: &FixOptions) -> Rewrite {
    let settings = Settings::default();
    let analyzer = Analyzer::new(&settings.selection(), settings.rule_options());
    rewrite(source, &Context::default(), &analyzer, options)
}

fn unsafe_too() -> FixOptions {
    FixOptions {
        unsafe_fixes: true,
        ..FixOptions::default()
    }
}

#[test]
fn safe_fixes_apply_by_default_and_unsafe_on_request() {
    let safe = run(APT, &FixOptions::default());
    assert_eq!(safe.text, "FROM debian:trixie-slim\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n");
    assert!(safe.converged);
    let left: Vec<&str> = safe.remaining.iter().map(|v| v.code).collect();
    assert_eq!(left, ["DL3015"]);

    let all = run(APT, &unsafe_too());
    assert_eq!(
        all.text,
        "FROM debian:trixie-slim\nRUN apt-get update && apt-get install --no-install-recommends -y ca-certificates curl && rm -rf /var/lib/apt/lists/*\n"
    );
    assert!(all.remaining.is_empty());
}

#[test]
fn rewriting_twice_changes_nothing() {
    let once = run(APT, &unsafe_too());
    let twice = run(&once.text, &unsafe_too());
    assert_eq!(twice.text, once.text);
    assert!(twice.applied.is_empty());
}

#[test]
fn only_limits_the_fixes() {
    let options = FixOptions {
        only: vec![RuleSelector::parse("DL3015").expect("code")],
        ..unsafe_too()
    };
    let r = run(APT, &options);
    assert_eq!(r.applied.len(), 1);
    assert_eq!(r.applied[0].code, "DL3015");
}

#[test]
fn savings_count_what_the_fixed_rules_no_longer_promise() {
    let r = run("FROM node:22\nCMD [\"node\", \"app.js\"]\n", &unsafe_too());
    assert!(
        r.applied.iter().any(|a| a.code == "SF101"),
        "{:?}",
        r.applied
    );
    assert!(r.saved_bytes > 100_000_000, "{}", r.saved_bytes);
    assert_eq!(run(APT, &FixOptions::default()).saved_bytes, 0);
}

#[test]
fn dockerignore_lines_are_returned_and_seen_by_later_passes() {
    let context = Context::default().with_files([("app.js", 10), (".git/HEAD", 20)]);
    let settings = Settings::default();
    let analyzer = Analyzer::new(&settings.selection(), settings.rule_options());
    let r = rewrite(
        "FROM node:22-slim\nCOPY . .\nCMD [\"node\", \"app.js\"]\n",
        &context,
        &analyzer,
        &FixOptions::default(),
    );
    assert!(
        r.dockerignore_additions.contains(&".git".to_string()),
        "{r:?}"
    );
    let written = r.dockerignore.expect("a .dockerignore");
    assert!(written.starts_with("# Written by slimfile"));
    assert!(
        !r.remaining.iter().any(|v| v.code == "SF107"),
        "{:?}",
        r.remaining
    );
}
