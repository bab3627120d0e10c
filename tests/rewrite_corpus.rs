//! The rewrite over every sample file, every fix on (unsafe too): it settles, rewriting
//! again changes nothing, the result parses without new errors, fixed findings do not
//! come back, and no rule fires on the result that did not fire on the input (but for
//! the accepted exceptions below).

#![allow(clippy::disallowed_methods, clippy::print_stdout)] // reads the corpus, prints the tally

use std::collections::BTreeMap;

use slimfile::{Applicability, Context, FixOptions, Linter, Settings};
use slimfile_tests::sample_files;

/// Rules a rewrite may newly trigger, and why that is expected.
const NEW_FINDINGS_ACCEPTED: &[(&str, &str)] = &[
    // Merging RUNs puts two commands in one RUN: a pipe in the first now shares the RUN
    // with what follows, so pipefail matters where it did not.
    (
        "DL4006",
        "merged RUNs join a pipe with more commands; a split finds the runtime libraries with `ldd | dpkg-query`",
    ),
    // A Go split runs on a distroless image, which publishes no version tags (`latest`,
    // `nonroot`, `debug`): pinning it is by digest, which the rewrite cannot know.
    ("DL3007", "a split's distroless runtime image has no version tag"),
    // Joining RUNs makes one RUN with a `cd` from a RUN that had only a `cd`.
    (
        "DL3003",
        "merged RUNs bring a `cd` together with other commands",
    ),
    // A stage split adds a COPY of the build output that the new runtime stage needs.
    ("SF407", "not on by default"),
    // A merged RUN or a split adds an `apt-get install` to the final stage's view.
    (
        "SF202",
        "merging moves `apt-get update` next to other commands",
    ),
    // DL3020 turns `ADD` of local files into `COPY`, which DL3045 then checks (hadolint's
    // DL3045 looks at COPY only): the relative destination was there before.
    ("DL3045", "an ADD became a COPY"),
    // DL3027 turns `apt install` into `apt-get install`, which DL3015 checks (as hadolint's
    // does, `apt-get` only); for a package whose recommends it uses when it runs
    // (Chromium's fonts) DL3015 only advises, so the finding stays.
    ("DL3015", "an `apt` install became `apt-get`"),
    // A fix that appends a command (`npm cache clean`) makes a RUN count as two commands:
    // the advice to merge it with its neighbour moves from DL3059 (hadolint's count) to
    // SF209 (the wider view); it is the same finding under its other code.
    ("SF209", "a RUN grew a command and left DL3059's count"),
    // DL3000 makes a relative WORKDIR absolute; SF105 can then resolve the paths a
    // `chown -R` names against it and see they were just copied.
    ("SF105", "a WORKDIR became absolute"),
];

#[test]
fn rewriting_the_sample_is_idempotent_and_safe() {
    let options = FixOptions {
        unsafe_fixes: true,
        ..FixOptions::default()
    };
    let files = sample_files();
    if files.is_empty() {
        return;
    }
    let linter = Linter::new(Settings::default());
    let context = Context::default();
    let mut changed = 0;
    let mut applied: BTreeMap<String, usize> = BTreeMap::new();
    let mut left: BTreeMap<String, (usize, usize)> = BTreeMap::new(); // (advice only, no fix)
    let mut saved: u64 = 0;
    let mut new_findings: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut unsettled = Vec::new();
    for (path, bytes) in files {
        let Ok(text) = std::str::from_utf8(&bytes) else {
            continue;
        };
        let name = path.display().to_string();
        let once = linter.fix(text, &context, &options).expect("fixed");
        if !once.converged {
            unsettled.push(name.clone());
        }
        let before = slimfile::parse(text);
        let after = slimfile::parse(&once.text);
        assert!(
            after.errors.len() <= before.errors.len(),
            "{name}: new parse errors {:?}",
            after.errors
        );
        // The user's comments survive: every comment line of the input is in the output.
        let comments = |t: &str| -> Vec<String> {
            let mut c: Vec<String> = t
                .lines()
                .map(str::trim)
                .filter(|l| l.starts_with('#'))
                .map(str::to_owned)
                .collect();
            c.sort();
            c
        };
        let (kept, now) = (comments(text), comments(&once.text));
        let mut missing = kept.clone();
        for line in &now {
            if let Some(i) = missing.iter().position(|l| l == line) {
                missing.swap_remove(i);
            }
        }
        assert!(missing.is_empty(), "{name}: comments lost: {missing:?}");
        let twice = linter.fix(&once.text, &context, &options).expect("fixed");
        assert_eq!(
            twice.text, once.text,
            "{name}: a second rewrite changed the file"
        );
        if once.text != text {
            changed += 1;
        }
        let mut codes_here: Vec<&str> = once.applied.iter().map(|a| a.code.as_str()).collect();
        codes_here.sort_unstable();
        codes_here.dedup();
        for code in &codes_here {
            *applied.entry((*code).to_string()).or_default() += 1;
        }
        for d in &once.remaining {
            let entry = left.entry(d.code.to_string()).or_default();
            if d.fix.is_some() {
                entry.0 += 1
            } else {
                entry.1 += 1
            }
        }
        saved += once.saved_bytes;
        let found_before = linter.check(text, &context).expect("checked");
        let before_codes: Vec<String> = found_before.into_iter().map(|d| d.code.into()).collect();
        for d in &once.remaining {
            let fixed_here = once.applied.iter().any(|a| a.code == d.code);
            let fixable = d
                .fix
                .as_ref()
                .is_some_and(|f| f.applicability != Applicability::DisplayOnly);
            assert!(
                !(fixed_here && fixable),
                "{name}: {} fixed but still reported with a fix: {}",
                d.code,
                d.message
            );
            if !before_codes.iter().any(|c| *c == d.code)
                && !NEW_FINDINGS_ACCEPTED.iter().any(|(c, _)| *c == d.code)
            {
                new_findings
                    .entry(d.code.to_string())
                    .or_default()
                    .push(name.clone());
            }
        }
    }
    assert!(changed > 2000, "only {changed} files changed");
    assert!(unsettled.len() < 5, "did not settle: {unsettled:#?}");
    let report: Vec<_> = new_findings
        .iter()
        .map(|(c, f)| format!("{c}: {} files, e.g. {}", f.len(), f[0]))
        .collect();
    assert!(
        new_findings.is_empty(),
        "rules that fire only after the rewrite:\n{}",
        report.join("\n")
    );
    println!("{changed} files changed; estimated {saved} bytes saved");
    println!("| code | files fixed | left: advice only | left: no fix |");
    println!("|---|---|---|---|");
    let codes: std::collections::BTreeSet<&String> = applied.keys().chain(left.keys()).collect();
    for code in codes {
        let (advice, none) = left.get(code).copied().unwrap_or_default();
        println!(
            "| {code} | {} | {advice} | {none} |",
            applied.get(code).copied().unwrap_or_default()
        );
    }
}
