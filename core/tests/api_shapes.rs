//! The serde shape of every public result type: the contract the Python, Node and WASM
//! packages serialize and the CLI's JSON prints. A change here must be deliberate — it
//! shows up as a snapshot diff in review.

use slimfile::{Context, FixOptions, Linter, PositionEncoding, Settings};

const SOURCE: &str = "FROM node:22\n# é 😀\nRUN apt-get update && apt-get install -y curl\nCOPY . .\nCMD node server.js\n";

fn pretty(value: &impl serde::Serialize) -> String {
    serde_json::to_string_pretty(value).expect("serializable")
}

fn context() -> Context {
    Context::default()
        .with_files([
            ("package.json", 600u64),
            ("server.js", 900),
            (".git/HEAD", 23),
        ])
        .with_dockerignore("node_modules\n")
}

#[test]
fn diagnostic() {
    let found = Linter::new(Settings::default())
        .check(SOURCE, &context())
        .expect("checked");
    let dl3009 = found.iter().find(|d| d.code == "DL3009").expect("DL3009");
    insta::assert_snapshot!("diagnostic_with_a_fix", pretty(dl3009));
    let sf101 = found.iter().find(|d| d.code == "SF101").expect("SF101");
    insta::assert_snapshot!("diagnostic_with_savings", pretty(sf101));
}

#[test]
fn diagnostic_in_utf16() {
    let found = Linter::new(Settings::default())
        .with_encoding(PositionEncoding::Utf16)
        .check(SOURCE, &context())
        .expect("checked");
    let dl3009 = found.iter().find(|d| d.code == "DL3009").expect("DL3009");
    insta::assert_snapshot!(pretty(dl3009));
}

#[test]
fn fix_result() {
    let options = FixOptions {
        only: vec![
            slimfile::RuleSelector::parse("DL3009").expect("code"),
            slimfile::RuleSelector::parse("SF107").expect("code"),
        ],
        ..FixOptions::default()
    };
    let mut fixed = Linter::new(Settings::default())
        .fix(SOURCE, &context(), &options)
        .expect("fixed");
    // Keep the snapshot about the shape: one remaining finding stands for all.
    fixed.remaining.truncate(1);
    insta::assert_snapshot!(pretty(&fixed));
}

#[test]
fn parse_view() {
    let view = Linter::new(Settings::default())
        .parse("# syntax=docker/dockerfile:1\nFROM alpine AS base\nRUN <<EOF\necho hi\nEOF\nFROM\n")
        .expect("parsed");
    insta::assert_snapshot!(pretty(&view));
}

#[test]
fn rule_info() {
    insta::assert_snapshot!(pretty(slimfile::rule("DL3009").expect("a rule")));
}

#[test]
fn settings_and_context() {
    let settings = Settings::from_toml(
        "select = [\"size\", \"DL3008\"]\nignore = [\"DL3015\"]\nprefer = \"alpine\"\nfail-level = \"error\"\n[severity]\nDL3009 = \"warning\"\nSF101 = \"off\"\n",
    )
    .expect("settings");
    insta::assert_snapshot!("settings", pretty(&settings));
    let back: Settings = serde_json::from_str(&pretty(&settings)).expect("round trip");
    assert_eq!(back, settings);
    insta::assert_snapshot!("context", pretty(&context()));
}
