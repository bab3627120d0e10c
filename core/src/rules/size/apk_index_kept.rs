use crate::declare_rule;
use crate::edit::Edit;
use crate::edit::Fix;
use crate::rules::shared::cache_cleanup::cleaned_after;
use crate::rules::size::apk_cache_kept::{
    apk, cleans_cache, droppable_update, later_on_top, reads_index, remove_cache_in_run,
    CACHE_DIRS, OWN_INDEX_FLAGS,
};
use crate::rules::Checker;
use crate::semantic::commands::{has_flag, may_have_flag};
use crate::semantic::instructions::cache_mounted;
use crate::syntax::shell::Command;
use crate::syntax::TextRange;

declare_rule! {
    /// ## What it does
    /// Checks for an `apk update` in a `RUN` of the final image whose package index stays in
    /// the layer, where every `apk add` of the `RUN` already has `--no-cache`.
    ///
    /// ## Why is this bad?
    /// `apk update` writes the index of every repository to `/var/cache/apk` (about 2.5 MB
    /// for Alpine's main and community). `apk add --no-cache` fetches the index it needs
    /// itself and keeps nothing, so `apk update && apk add --no-cache curl` ships the index
    /// for nothing. hadolint's DL3019 looks only for the `--no-cache`, and is silent here.
    ///
    /// Not reported when the same `RUN` removes `/var/cache/apk/*` or runs `apk cache
    /// clean`, when a cache mount covers the folder, in builder stages, when a later `RUN`
    /// of the image reads the index (an `apk add` without `--no-cache`), for `apk --no-cache
    /// update` (it keeps no index), where an `apk add`
    /// of the `RUN` lacks `--no-cache` (DL3019 reports that one, and its fix removes the
    /// index too), nor for a `RUN` that only refreshes the index (SF202 moves it into the
    /// `RUN` that installs).
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.24
    /// RUN apk update && apk add --no-cache curl
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.24
    /// RUN apk add --no-cache curl
    /// ```
    ///
    /// ## Fix safety
    /// Safe. An `apk update` joined with `&&` right before an `apk add --no-cache`, with no
    /// other apk command of the `RUN` reading the index, is dropped: `--no-cache` fetches a
    /// fresh index itself. Otherwise `rm -rf /var/cache/apk/*` is appended to the `RUN`, after
    /// every command that may read the index.
    ///
    /// ## References
    /// - [Alpine wiki: apk `--no-cache`](https://wiki.alpinelinux.org/wiki/Alpine_Package_Keeper)
    /// - [hadolint DL3019](https://github.com/hadolint/hadolint/wiki/DL3019)
    pub(crate) static RULE = {
        code: "SF109",
        name: "apk-index-kept",
        category: Size,
        severity: Info,
        default_enabled: true,
        buildkit: None,
        fix: Sometimes,
        programs: ["apk"],
        check: check,
    }
}

fn check(checker: &Checker) {
    for (index, run, script) in checker.shipped_run_scripts() {
        // `apk --no-cache update` fetches the index and keeps none.
        let is_update = |c: &Command| matches!(apk(c), Some(("update", a)) if !may_have_flag(a, &OWN_INDEX_FLAGS));
        let Some(position) = script.commands.iter().position(is_update) else {
            continue;
        };
        let update = &script.commands[position];
        // An `apk add` without `--no-cache` written out (with `--update` too: it leaves its
        // own index) is DL3019's to report, and its fix removes the index too; a `RUN` that
        // only refreshes the index is SF202's to move.
        let adds_from_cache = script
            .commands
            .iter()
            .any(|c| matches!(apk(c), Some(("add", a)) if !has_flag(a, &OWN_INDEX_FLAGS)));
        if adds_from_cache
            || script.commands.iter().all(is_update)
            || cache_mounted(run, &[], &CACHE_DIRS)
        {
            continue;
        }
        // A later `RUN` that installs without `--no-cache` reads this index: removing it
        // would break that install (DL3019 reports it; once it has the flag, this index is
        // left for nothing).
        if later_on_top(checker, index)
            .filter_map(|i| checker.script(i))
            .any(|s| s.commands.iter().any(reads_index))
        {
            continue;
        }
        if cleaned_after(
            checker,
            (index, script),
            update,
            (&[], &CACHE_DIRS),
            cleans_cache,
        ) {
            continue;
        }
        let next = script
            .commands
            .get(position + 1)
            .filter(|next| matches!(apk(next), Some(("add", _))));
        let dropped = next.filter(|_| droppable_update(checker, script, position + 1).is_some());
        let fix = match dropped {
            Some(add) => Some(Fix::safe(
                "Drop the `apk update`: `--no-cache` fetches the index itself",
                vec![Edit::delete(TextRange::new(
                    update.range.start,
                    add.range.start,
                ))],
            )),
            None => remove_cache_in_run(
                checker,
                index,
                script,
                "Remove `/var/cache/apk/*` in the same `RUN`".into(),
            ),
        };
        checker
            .report(
                update.range,
                "`apk update` leaves its package index in the layer",
            )
            .fix_opt(fix);
    }
}
