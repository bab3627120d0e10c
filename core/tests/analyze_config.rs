//! Choosing rules: select, ignore, severity overrides, and suppression comments.

use slimfile::{Context, Diagnostic, Linter, RuleSelector, Settings, Severity};

const APT: &str = "FROM debian:trixie-slim\nRUN apt-get update && apt-get install -y curl\n";

/// Settings written as a `slimfile.toml`.
fn toml(text: &str) -> Settings {
    Settings::from_toml(text).expect("valid settings")
}

fn check(src: &str, settings: &Settings) -> Vec<Diagnostic> {
    Linter::new(settings.clone())
        .check(src, &Context::default())
        .expect("checked")
}

fn codes(src: &str, settings: &Settings) -> Vec<String> {
    check(src, settings)
        .into_iter()
        .map(|d| d.code.into_owned())
        .collect()
}

/// The two apt rules alone, so that other rules' findings do not blur the examples.
fn apt_rules() -> Settings {
    toml("select = [\"DL3009\", \"DL3015\"]")
}

#[test]
fn defaults_run_the_default_rules() {
    assert_eq!(codes(APT, &Settings::default()), ["DL3009", "DL3015"]);
}

#[test]
fn select_by_code_name_category_or_prefix() {
    for selector in ["DL3015", "apt-install-recommends", "dl3015"] {
        let settings = toml(&format!("select = [\"{selector}\"]"));
        assert_eq!(codes(APT, &settings), ["DL3015"], "{selector}");
    }
    assert_eq!(
        codes(APT, &toml("select = [\"size\"]")),
        ["DL3009", "DL3015"]
    );
    assert_eq!(
        codes(APT, &toml("select = [\"DL30\"]")),
        ["DL3009", "DL3015"]
    );
}

#[test]
fn buildkit_check_names_select_their_rule() {
    let settings = toml("select = [\"NoEmptyContinuation\"]");
    assert_eq!(codes("FROM a\nRUN x \\\n\n y\n", &settings), ["SF505"]);
}

#[test]
fn ignore_and_severity_overrides() {
    assert_eq!(codes(APT, &toml("ignore = [\"DL3009\"]")), ["DL3015"]);
    let settings = toml("[severity]\nDL3015 = \"error\"\nDL3009 = \"off\"\n");
    let found = check(APT, &settings);
    assert_eq!(found.len(), 1);
    assert_eq!(
        (found[0].code.as_ref(), found[0].severity),
        ("DL3015", Severity::Error)
    );
}

#[test]
fn unknown_selectors_are_errors() {
    assert_eq!(
        RuleSelector::parse("DL9999").map_err(|e| e.to_string()),
        Err("unknown rule or category `DL9999`".to_string())
    );
}

#[test]
fn hadolint_and_slimfile_comments_suppress_the_next_instruction() {
    for pragma in [
        "# hadolint ignore=DL3015",
        "# slimfile: ignore=DL3015,SF999",
        "# slimfile: ignore=apt-install-recommends",
    ] {
        let src = format!(
            "FROM debian:trixie-slim\n{pragma}\nRUN apt-get update && apt-get install -y curl\n"
        );
        assert_eq!(codes(&src, &apt_rules()), ["DL3009"], "{pragma}");
    }
    // Only the next instruction.
    let src = "FROM debian:trixie-slim\n# hadolint ignore=DL3015\nRUN apt-get install -y a && rm -rf /var/lib/apt/lists/*\nRUN apt-get install -y b && rm -rf /var/lib/apt/lists/*\n";
    assert_eq!(codes(src, &apt_rules()), ["DL3015"]);
}

#[test]
fn global_comments_and_check_skip_cover_the_file() {
    let src = format!("# hadolint global ignore=DL3015,DL3009\n{APT}");
    let found = codes(&src, &Settings::default());
    assert!(
        !found.iter().any(|c| c == "DL3015" || c == "DL3009"),
        "{found:?}"
    );
    let continued = "FROM alpine:3.24\nRUN x \\\n\n y\n";
    assert!(codes(continued, &Settings::default()).contains(&"SF505".to_string()));
    for directive in ["# check=skip=NoEmptyContinuation\n", "# check=skip=all\n"] {
        let found = codes(&format!("{directive}{continued}"), &Settings::default());
        assert!(
            !found.contains(&"SF505".to_string()),
            "{directive}: {found:?}"
        );
    }
}

#[test]
fn check_skip_comment_covers_the_instruction_below() {
    let shell_cmds = "FROM scratch\n# check=skip=JSONArgsRecommended // a shell is wanted here\nCMD run-a\nCMD run-b\n";
    let at = |src: &str, code: &str| -> Vec<usize> {
        check(src, &Settings::default())
            .iter()
            .filter(|d| d.code == code)
            .map(|d| d.range.start.line as usize)
            .collect()
    };
    // Only the CMD under the comment (line 3) is skipped; the next one (line 4) is not.
    assert_eq!(at(shell_cmds, "DL3025"), [4]);
    // Comments gather up to the instruction: a blank line or another comment in between
    // does not matter; an empty `#` line starts over.
    let gathered = "FROM scratch\n# check=skip=all\n\n# why\nCMD run-a\n";
    assert!(at(gathered, "DL3025").is_empty());
    let restarted = "FROM scratch\n# check=skip=all\n#\nCMD run-a\n";
    assert_eq!(at(restarted, "DL3025"), [4]);
    // BuildKit drops the first byte of the line: an indented comment is no directive.
    let indented = "FROM scratch\n  # check=skip=JSONArgsRecommended\nCMD run-a\n";
    assert_eq!(at(indented, "DL3025"), [3]);
    // A directive BuildKit rejects, or a name in the wrong case, skips nothing.
    for comment in [
        "# check=skip=all;nonsense",
        "# check=skip=jsonargsrecommended",
    ] {
        let src = format!("FROM scratch\n{comment}\nCMD run-a\n");
        assert_eq!(at(&src, "DL3025"), [3], "{comment}");
    }
    // Rules that are not BuildKit checks are not skipped by `check=`.
    let secrets = "FROM scratch\n# check=skip=all\nRUN curl -k https://example.com\n";
    assert_eq!(at(secrets, "SF402"), [3]);
}

/// A stage and an `ARG` whose comments read as descriptions that name something else.
const DESCRIBED: &str = "# builder the image that builds\nFROM alpine:3.22 AS base\n# definitely a bad comment\nARG version=1\n";

#[test]
fn a_check_directive_turns_on_buildkit_experimental_checks_as_buildkit_does() {
    let code = slimfile::rule("InvalidDefinitionDescription")
        .expect("a rule for the check")
        .code
        .clone();
    let asked = |directive: &str, settings: &Settings| {
        codes(&format!("{directive}{DESCRIBED}"), settings)
            .iter()
            .filter(|c| **c == code)
            .count()
    };
    let defaults = Settings::default();
    assert_eq!(asked("", &defaults), 0, "off by default, as in BuildKit");
    let on = "# check=experimental=InvalidDefinitionDescription\n";
    assert_eq!(asked(on, &defaults), 2);
    assert_eq!(asked("# check=experimental=all\n", &defaults), 2);
    // BuildKit's skip leaves experimental checks out: they run when asked for.
    let skip_all = "# check=skip=all;experimental=InvalidDefinitionDescription\n";
    assert_eq!(asked(skip_all, &defaults), 2);
    // A directive BuildKit rejects turns nothing on.
    assert_eq!(asked("# check=experimental=all;bogus=1\n", &defaults), 0);
    // The user's settings have the last word: an ignored rule, or a `select` list.
    assert_eq!(asked(on, &toml(&format!("ignore = [\"{code}\"]"))), 0);
    assert_eq!(asked(on, &toml("select = [\"DL3007\"]")), 0);
}

#[test]
fn check_error_true_makes_buildkit_checks_errors_as_the_build_fails_on_them() {
    let src = "FROM alpine:3.22 as base\nMAINTAINER someone\nRUN apt-get install -y curl\n";
    let severity_of = |text: &str, code: &str| {
        check(text, &Settings::default())
            .into_iter()
            .find(|d| d.code == code)
            .map(|d| d.severity)
    };
    // FromAsCasing (SF511) is a style finding until the file asks BuildKit to fail on checks.
    assert_eq!(severity_of(src, "SF511"), Some(Severity::Style));
    let strict = format!("# check=error=true\n{src}");
    assert_eq!(severity_of(&strict, "SF511"), Some(Severity::Error));
    assert_eq!(
        severity_of(&strict, "DL4000"),
        Some(Severity::Error),
        "MaintainerDeprecated"
    );
    // Rules that are not BuildKit checks keep their severity.
    assert_eq!(severity_of(&strict, "DL3015"), severity_of(src, "DL3015"));
    // A directive BuildKit rejects changes nothing.
    let rejected = format!("# check=error=maybe\n{src}");
    assert_eq!(severity_of(&rejected, "SF511"), Some(Severity::Style));
}
