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

/// `npm cache clean` at the end of a `RUN` that removes Node.js would fail the build: the
/// clean goes right after the install instead, before the removal, and nothing is refused.
#[test]
fn a_clean_goes_before_the_tool_is_removed() {
    let src = "FROM python:3.13-alpine\nRUN apk add --no-cache nodejs npm && npm install && apk del nodejs npm\n";
    let r = run(src, &FixOptions::default());
    assert!(
        r.text
            .contains("npm install && npm cache clean --force && apk del nodejs npm"),
        "{}",
        r.text
    );
    assert!(
        !r.rejected.iter().any(|f| f.code == "SF103"),
        "{:?}",
        r.rejected
    );
    // Removing another package the same way: the clean still comes before it.
    let kept = "FROM python:3.13-alpine\nRUN apk add --no-cache build-base nodejs npm && npm install && apk del build-base\n";
    let r = run(kept, &FixOptions::default());
    assert!(
        r.text
            .contains("npm install && npm cache clean --force && apk del build-base"),
        "{}",
        r.text
    );
}

/// A fix refused once does not hold back the other fixes with the same title: each merge of
/// `RUN`s is judged on its own.
#[test]
fn one_refused_merge_leaves_the_others() {
    let src = "FROM ubuntu:24.04\nRUN apt-get install -y --no-install-recommends wget\nRUN wget -q https://example.com/a\nRUN apt-get purge -y wget\nWORKDIR /x\nRUN mkdir /a\nRUN mkdir /b\n";
    let once = run(src, &unsafe_too());
    assert!(
        once.text.contains("RUN mkdir /a \\\n    && mkdir /b"),
        "{}",
        once.text
    );
    // Installed, used and purged in one RUN: wget is there until the purge.
    assert!(
        once.text.contains("wget \\\n    && wget -q"),
        "{}",
        once.text
    );
    let twice = run(&once.text, &unsafe_too());
    assert_eq!(
        twice.text, once.text,
        "a second run still fixed: {:?}",
        twice.applied
    );
}

#[test]
fn a_crlf_file_stays_crlf_through_merges_appends_and_splits() {
    let lf = "FROM node:20\nWORKDIR /app\nCOPY package.json .\nRUN npm install\nRUN apt-get update\nRUN apt-get install -y curl\nCOPY . .\nRUN npm run build\nCMD node dist/server.js\n";
    let crlf = lf.replace('\n', "\r\n");
    let fixed = run(&crlf, &unsafe_too());
    assert!(fixed.applied.len() > 3, "{:?}", fixed.applied);
    let bare = fixed
        .text
        .match_indices('\n')
        .filter(|(i, _)| !fixed.text[..*i].ends_with('\r'));
    assert_eq!(bare.count(), 0, "{}", fixed.text);
    // The same rewrite as the LF file's, line for line.
    assert_eq!(
        fixed.text,
        run(lf, &unsafe_too()).text.replace('\n', "\r\n")
    );
}

fn run_with(source: &str, select: &str, options: &FixOptions) -> Rewrite {
    let settings = Settings {
        select: select
            .split(',')
            .map(|s| RuleSelector::parse(s).expect("a selector"))
            .collect(),
        ..Settings::default()
    };
    let analyzer = Analyzer::new(&settings.selection(), settings.rule_options());
    rewrite(source, &Context::default(), &analyzer, options)
}

/// A cache mount and a cleanup of the same cache are not applied to one `RUN` in one pass:
/// the cleanup would empty the mount on every build. The mount goes first, and the next
/// pass no longer sees a cache in the layer to clean.
#[test]
fn a_cache_mount_is_not_emptied_by_a_cleanup_added_beside_it() {
    let src = "FROM node:22\nRUN npm install -g foo@1.2.3\n";
    let both = run_with(src, "SF210,SF103", &unsafe_too());
    assert_eq!(
        both.text,
        "FROM node:22\nRUN --mount=type=cache,target=/root/.npm npm install -g foo@1.2.3\n"
    );
    let codes: Vec<&str> = both.applied.iter().map(|a| a.code.as_str()).collect();
    assert_eq!(codes, ["SF210"]);
    assert!(both.converged);
    let again = run_with(&both.text, "SF210,SF103", &unsafe_too());
    assert_eq!(again.text, both.text);

    // Safe fixes only: the mount is not applied, and the cleanup is.
    let safe = run_with(src, "SF210,SF103", &FixOptions::default());
    assert!(
        safe.text.contains("&& npm cache clean --force"),
        "{}",
        safe.text
    );
}

/// A refused fix is recognised by what it would change, not only by its rule, title and
/// place: once other fixes changed the file, the same finding's new fix is judged anew.
#[test]
fn a_refused_fix_is_told_apart_from_another_fix_of_the_same_finding() {
    let text = "FROM a\nRUN x\nRUN y\n";
    let finding = |content: &'static str| Violation {
        code: "SF209",
        name: "short-runs-not-merged",
        severity: crate::Severity::Info,
        message: String::new(),
        range: TextRange::new(7, 12),
        fix: Some(crate::edit::Fix::unsafe_(
            "Merge",
            vec![crate::edit::Edit::replace(TextRange::new(12, 19), content)],
        )),
        savings: None,
    };
    let one = rejection_key(&finding("x && y\n"), text);
    assert_eq!(one, rejection_key(&finding("x && y\n"), text));
    assert_ne!(one, rejection_key(&finding("x && z\n"), text));
}
