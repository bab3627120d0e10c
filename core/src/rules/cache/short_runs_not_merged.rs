use crate::declare_rule;
use crate::edit::Fix;
use crate::rules::shared::consecutive_runs::{chains, merge_fix, runs, MERGE_TITLE};
use crate::rules::Checker;

declare_rule! {
    /// ## What it does
    /// Checks for consecutive `RUN` instructions with the same flags that each run one or
    /// two commands, where at least one runs two (`RUN apt-get update && apt-get install -y
    /// curl` then `RUN curl --version`): short steps that could be one `RUN`.
    ///
    /// ## Why is this bad?
    /// Every `RUN` makes a layer. Short steps split over several `RUN`s make more layers to
    /// store, push and pull, and a file one step creates and a later one deletes stays in
    /// the earlier layer.
    ///
    /// hadolint's `DL3059` (`consecutive-run`) leaves a `RUN` of two or more commands alone,
    /// taking the chain as deliberate; this rule takes the wider view for `RUN`s of two
    /// commands and reports what `DL3059` does not, so that `DL3059` keeps hadolint's
    /// meaning. Comments between the `RUN`s do not separate them; any other instruction
    /// does. Not reported when the `RUN`s have different flags, when either runs more than
    /// two commands, or when its shell is not a POSIX shell.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:trixie-slim
    /// RUN useradd --create-home app && mkdir -p /data
    /// RUN chown app /data
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:trixie-slim
    /// RUN useradd --create-home app && mkdir -p /data \
    ///     && chown app /data
    /// ```
    ///
    /// ## Fix safety
    /// As `DL3059`'s: safe when no merged `RUN` but the last changes shell state; unsafe
    /// when one uses `cd`, `export`, `set`, `source` and the like; no fix when a `RUN` ends
    /// in a shell comment, runs a job in the background or has heredocs.
    ///
    /// ## References
    /// - [hadolint DL3059](https://github.com/hadolint/hadolint/wiki/DL3059)
    /// - [Docker best practices: RUN](https://docs.docker.com/build/building/best-practices/#run)
    pub(crate) static RULE = {
        code: "SF209",
        name: "short-runs-not-merged",
        category: Cache,
        severity: Info,
        default_enabled: true,
        buildkit: None,
        fix: Sometimes,
        check: check,
    }
}

fn check(checker: &Checker) {
    let runs = runs(checker);
    // `runs` is in instruction order.
    let count = |index: usize| {
        runs.binary_search_by_key(&index, |(i, _, _)| *i)
            .map_or(0, |at| runs[at].1)
    };
    for chain in chains(&runs, 2) {
        // The pairs DL3059 reports (one command each) are its own.
        let reported: Vec<usize> = chain
            .windows(2)
            .filter(|pair| count(pair[0]) > 1 || count(pair[1]) > 1)
            .map(|pair| pair[1])
            .collect();
        if reported.is_empty() {
            continue;
        }
        let mut fix = Some(merge_fix(checker, &chain));
        for index in reported {
            checker
                .report(
                    checker.instructions()[index].range,
                    format!(
                        "{} consecutive short `RUN` instructions: consider merging them",
                        chain.len()
                    ),
                )
                .fix(
                    fix.take()
                        .flatten()
                        .unwrap_or_else(|| Fix::display_only(MERGE_TITLE)),
                );
        }
    }
}
