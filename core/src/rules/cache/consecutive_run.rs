use crate::declare_rule;
use crate::edit::Fix;
use crate::rules::shared::consecutive_runs::{chains, merge_fix, runs, MERGE_TITLE};
use crate::rules::Checker;

declare_rule! {
    /// ## What it does
    /// Checks for consecutive `RUN` instructions with the same flags that each run one
    /// command, and could be one `RUN`.
    ///
    /// ## Why is this bad?
    /// Every `RUN` makes a layer. Short steps split over several `RUN`s make more layers to
    /// store, push and pull, and a file one step creates and a later one deletes stays in
    /// the earlier layer.
    ///
    /// Counted as hadolint counts: comments between the `RUN`s do not separate them; any
    /// other instruction does. Not reported when the `RUN`s have different flags (mounts,
    /// network, security), when either runs more than one command (`a && b`, `a; b`,
    /// `a | b`: already a deliberate chain, as hadolint reads it; an exec-form `RUN` counts
    /// as its items joined with spaces, so `["/bin/bash", "-c", "a | b"]` runs two), or
    /// when its shell is not a POSIX shell. `short-runs-not-merged` (SF209) reports the pairs where one `RUN`
    /// runs two commands.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:trixie-slim
    /// RUN useradd --create-home app
    /// RUN mkdir -p /data
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:trixie-slim
    /// RUN useradd --create-home app \
    ///     && mkdir -p /data
    /// ```
    ///
    /// ## Fix safety
    /// Safe when no merged `RUN` but the last changes shell state: the commands are joined
    /// one per line with `&& \`, comments between the `RUN`s stay as comment lines of the
    /// continuation, blank lines between them go. Unsafe when a `RUN` uses `cd`, `export`,
    /// `set`, `source` and the like, whose effect the later commands would now inherit. No
    /// fix when a `RUN` ends in a shell comment (it would swallow what follows), runs a job
    /// in the background, has heredocs or differs in flags.
    ///
    /// ## References
    /// - [hadolint DL3059](https://github.com/hadolint/hadolint/wiki/DL3059)
    /// - [Docker best practices: RUN](https://docs.docker.com/build/building/best-practices/#run)
    pub(crate) static RULE = {
        code: "DL3059",
        name: "consecutive-run",
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
    for chain in chains(&runs, 1) {
        // One fix merges the whole chain; it rides on the first report.
        let mut fix = Some(merge_fix(checker, &chain));
        for &index in &chain[1..] {
            let inst = &checker.instructions()[index];
            checker
                .report(
                    inst.range,
                    format!(
                        "{} consecutive `RUN` instructions: consider merging them",
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
