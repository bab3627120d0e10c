use crate::declare_rule;
use crate::edit::Edit;
use crate::edit::Fix;
use crate::knowledge::base_images::APK_NO_CACHE_SINCE;
use crate::rules::fixes::append::{append_command, append_point};
use crate::rules::shared::cache_cleanup::cleaned_after;
use crate::rules::Checker;
use crate::semantic::commands::has_flag;
use crate::semantic::commands::invocation;
use crate::semantic::commands::may_have_flag;
use crate::semantic::commands::subcommand;
use crate::semantic::instructions::cache_mounted;
use crate::semantic::tool_versions::alpine_release;
use crate::syntax::shell::{Command, Connector, Script, Word};
use crate::syntax::TextRange;

declare_rule! {
    /// ## What it does
    /// Checks for `apk add` without `--no-cache` in a `RUN` of the final image.
    ///
    /// ## Why is this bad?
    /// Without `--no-cache`, apk needs a package index in `/var/cache/apk` (fetched by
    /// `apk update` or `--update`), and that index stays in the layer. With `--no-cache`
    /// apk fetches the index for this one command and keeps nothing, so neither
    /// `apk update` nor `rm -rf /var/cache/apk/*` is needed.
    ///
    /// Not reported when the same `RUN` removes `/var/cache/apk` afterwards or runs
    /// `apk cache clean`, when `--cache-dir` is given or options come from a variable
    /// (`apk add ${APK_FLAGS} curl`: it may hold `--no-cache`), for `--no-network` (which fetches
    /// nothing) and for the official images' `apk add --virtual .rundeps $deps` that follows
    /// an `apk add --no-cache` in a `RUN` that fetches no index, when a cache mount covers
    /// `/var/cache/apk` or `/etc/apk/cache`, or in a builder stage the final image does not
    /// inherit.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.23
    /// RUN apk update && apk add curl
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.23
    /// RUN apk add --no-cache curl
    /// ```
    ///
    /// ## Fix safety
    /// Safe: adds `--no-cache` after `add` (on Alpine before 3.3, which has no `--no-cache`,
    /// appends `rm -rf /var/cache/apk/*` to the `RUN` instead). apk installs the same packages from a freshly
    /// fetched index. When an `apk update` runs right before an `apk add` (joined with
    /// `&&`), the `RUN` runs no other apk command than `add` and `del`, and every `apk add`
    /// ends up with `--no-cache`, the fix also drops the `apk update`, which `--no-cache`
    /// makes redundant; when an `apk update` has
    /// to stay (an `apk upgrade` reads its index), the fix also removes `/var/cache/apk/*`
    /// at the end of the `RUN`, so the index does not stay in the layer. When a later `RUN`
    /// installs from the index without `--no-cache` of its own (options in a variable), the
    /// fix only adds `--no-cache`: that `RUN` needs the index.
    ///
    /// ## References
    /// - [hadolint DL3019](https://github.com/hadolint/hadolint/wiki/DL3019)
    /// - [Alpine: local apk cache](https://wiki.alpinelinux.org/wiki/Local_APK_cache)
    pub(crate) static RULE = {
        code: "DL3019",
        name: "apk-cache-kept",
        category: Size,
        severity: Info,
        default_enabled: true,
        buildkit: None,
        fix: Always,
        programs: ["apk"],
        check: check,
    }
}

/// apk's options that take a value.
const APK_VALUE_OPTIONS: [&str; 10] = [
    "-X",
    "--repository",
    "-p",
    "--root",
    "--arch",
    "--keys-dir",
    "--cache-dir",
    "--repositories-file",
    "-t",
    "--virtual",
];

pub(super) const CACHE_DIRS: [&str; 2] = ["/var/cache/apk", "/etc/apk/cache"];

/// Options with which an apk command neither reads nor writes the cached index.
pub(super) const OWN_INDEX_FLAGS: [&str; 3] = ["--no-cache", "--cache-dir", "--no-network"];

/// Options with which an apk command fetches a fresh index into the cache first.
const REFRESH_FLAGS: [&str; 3] = ["--update", "-U", "--update-cache"];

/// An `apk` command's subcommand and arguments.
pub(super) fn apk(command: &Command) -> Option<(&str, &[Word])> {
    let (program, args) = invocation(command)?;
    if program != "apk" {
        return None;
    }
    let (_, sub) = subcommand(args, &APK_VALUE_OPTIONS)?;
    Some((sub.value.as_str(), args))
}

fn check(checker: &Checker) {
    // Which instructions have a later one on top that reads the index unfixed, worked out
    // once: each `RUN` asks.
    let mut later_readers: Option<Vec<bool>> = None;
    for (index, run, script) in checker.shipped_run_scripts() {
        if cache_mounted(run, &[], &CACHE_DIRS) {
            continue;
        }
        let reported: Vec<(&Command, &Word)> = script
            .commands
            .iter()
            .filter_map(|c| keeps_cache(checker, index, script, c))
            .collect();
        if reported.is_empty() {
            continue;
        }
        // A later `RUN` that installs from this index needs it: the fixes then neither drop
        // the update nor remove what it fetched.
        let later_reader = later_readers.get_or_insert_with(|| later_index_readers(checker))[index];
        // Alpine before 3.3 has no `--no-cache`: remove the cache instead.
        if let Some(release) = alpine_release(checker, index).filter(|r| *r < APK_NO_CACHE_SINCE) {
            for (command, _) in reported {
                let fix = remove_cache_in_run(
                    checker,
                    index,
                    script,
                    format!(
                        "Remove `/var/cache/apk/*` in the same `RUN` (Alpine {}.{} has no `--no-cache`)",
                        release.0, release.1
                    ),
                )
                .filter(|_| !later_reader);
                checker
                    .report(command.range, "`apk add` without `--no-cache`")
                    .fix_opt(fix);
            }
            continue;
        }
        let dropped = update_to_drop(checker, script, &reported).filter(|_| !later_reader);
        for &(command, add) in &reported {
            let mut edits = Vec::new();
            let mut title = "Add `--no-cache`";
            // Every fix of the `RUN` carries the same deletion, so the engine applies one
            // of them per pass and the others, once the update is gone, as plain
            // `--no-cache`: none of them appends a removal of an index never fetched.
            if let Some((update, before)) = dropped {
                edits.push(Edit::delete(TextRange::new(
                    update.range.start,
                    before.range.start,
                )));
                title = "Add `--no-cache` and drop the `apk update`";
            }
            edits.push(Edit::insert(add.range.end, " --no-cache"));
            // An index fetched by an `apk update` that stays (other apk commands read it)
            // would stay in the layer: remove it at the end of the `RUN`.
            let fetches_index = script.commands.iter().any(|c| match apk(c) {
                Some(("update", _)) => dropped.is_none_or(|(u, _)| !std::ptr::eq(u, c)),
                Some((_, a)) => has_flag(a, &REFRESH_FLAGS) && !std::ptr::eq(c, command),
                None => false,
            });
            if fetches_index && !later_reader {
                match append_point(checker, index, script) {
                    Some(at) => {
                        edits.push(append_command(
                            checker,
                            index,
                            at,
                            "rm -rf /var/cache/apk/*",
                        ));
                        title = "Add `--no-cache` and remove the index `apk update` fetched";
                    }
                    None => {
                        checker
                            .report(command.range, "`apk add` without `--no-cache`")
                            .fix(Fix::display_only(
                                "Add `--no-cache` and remove `/var/cache/apk/*` in the same `RUN`",
                            ));
                        continue;
                    }
                }
            }
            checker
                .report(command.range, "`apk add` without `--no-cache`")
                .fix(Fix::safe(title, edits));
        }
    }
}

/// The `apk add` this rule reports, with its `add` word: one that reads the cached index
/// and leaves it in the layer.
fn keeps_cache<'s>(
    checker: &Checker,
    index: usize,
    script: &Script,
    command: &'s Command,
) -> Option<(&'s Command, &'s Word)> {
    let Some(("add", args)) = apk(command) else {
        return None;
    };
    if may_have_flag(args, &OWN_INDEX_FLAGS)
        || records_installed(script, command, args)
        || cleaned_after(
            checker,
            (index, script),
            command,
            (&[], &CACHE_DIRS),
            cleans_cache,
        )
    {
        return None;
    }
    Some((command, args.iter().find(|w| w.value == "add")?))
}

/// The instructions that come after `index` on top of what it leaves: the rest of its
/// stage, and the stages built on it.
pub(super) fn later_on_top<'c>(
    checker: &'c Checker<'_>,
    index: usize,
) -> impl Iterator<Item = usize> + 'c {
    let stage = checker.stage_of(index);
    let rest = stage.map_or(0..0, |s| index + 1..s.instruction_range().end);
    let derived = stage
        .into_iter()
        .flat_map(|st| checker.stages_built_on(st.index))
        .flat_map(|s| s.instruction_range());
    rest.chain(derived)
}

/// An apk command that reads the index an earlier command cached: anything but `del`,
/// `update` and `cache`, unless it fetches its own (`--no-cache`, `--update`, written out:
/// options in a variable may not hold them).
pub(super) fn reads_index(c: &Command) -> bool {
    matches!(apk(c), Some((sub, a))
        if !matches!(sub, "del" | "update" | "cache")
            && !has_flag(a, &OWN_INDEX_FLAGS)
            && !has_flag(a, &REFRESH_FLAGS))
}

/// For each instruction, whether it reads the cached index and this rule does not give it
/// `--no-cache`: options in a variable, an install whose `RUN` removes the cache after it,
/// or one in a stage built on another that does not ship. A `RUN` followed by such a one
/// ([`later_on_top`]) keeps its index for it.
fn unfixed_index_readers(checker: &Checker) -> Vec<bool> {
    (0..checker.instructions().len())
        .map(|i| {
            checker.script(i).is_some_and(|later| {
                later.commands.iter().any(|c| {
                    let fixed = checker.ships(i) && keeps_cache(checker, i, later, c).is_some();
                    reads_index(c) && !fixed
                })
            })
        })
        .collect()
}

/// For each instruction, whether one of those that come after it on top of what it leaves
/// ([`later_on_top`]) reads the index unfixed: one backward pass over each stage (a walk of
/// the rest of the stage for each `RUN` cost a file of thousands their square).
fn later_index_readers(checker: &Checker) -> Vec<bool> {
    let readers = unfixed_index_readers(checker);
    let stages = checker.stages();
    let mut later = vec![false; readers.len()];
    for stage in stages {
        let mut read = (checker.stages_built_on(stage.index))
            .any(|s| s.instruction_range().any(|i| readers[i]));
        for i in stage.instruction_range().rev() {
            later[i] = read;
            read |= readers[i];
        }
    }
    later
}

/// The `apk update` the fixes drop, with the `apk add` right after it (the deletion runs up
/// to it): one that [`droppable_update`] allows, when every `apk add` of the `RUN` ends up
/// with `--no-cache`, already or by a fix here. An install left without it (options in a
/// variable, an index removed later) would have no index to install from.
fn update_to_drop<'s>(
    checker: &Checker,
    script: &'s Script,
    reported: &[(&Command, &Word)],
) -> Option<(&'s Command, &'s Command)> {
    let all_fetch_their_own = script.commands.iter().all(|c| match apk(c) {
        Some(("add", a)) => {
            has_flag(a, &["--no-cache", "--no-network"])
                || reported.iter().any(|(r, _)| std::ptr::eq(*r, c))
        }
        _ => true,
    });
    if !all_fetch_their_own {
        return None;
    }
    (1..script.commands.len()).find_map(|position| {
        apk(&script.commands[position]).filter(|(sub, _)| *sub == "add")?;
        let update = droppable_update(checker, script, position)?;
        Some((update, &script.commands[position]))
    })
}

/// The official images' pattern: after an `apk add --no-cache --virtual .build-deps ...`,
/// a plain `apk add --virtual .rundeps $deps` only records packages that are already
/// installed. With no `apk update` and no `--update` in the `RUN`, there is no index to
/// keep: apk has nothing cached to read or write.
fn records_installed(script: &Script, command: &Command, args: &[Word]) -> bool {
    let fetches_index = |c: &Command| match apk(c) {
        Some(("update", _)) => true,
        Some((_, a)) => has_flag(a, &REFRESH_FLAGS),
        None => false,
    };
    has_flag(args, &["--virtual", "-t"])
        && !script.commands.iter().any(fetches_index)
        && script.commands.iter().any(|c| {
            c.range.start < command.range.start
                && matches!(apk(c), Some(("add", a)) if has_flag(a, &["--no-cache"]))
        })
}

/// The safe fix that appends `rm -rf /var/cache/apk/*` to the `RUN` at `index`.
pub(super) fn remove_cache_in_run(
    checker: &Checker,
    index: usize,
    script: &Script,
    title: String,
) -> Option<Fix> {
    append_point(checker, index, script).map(|at| {
        Fix::safe(
            title,
            vec![append_command(
                checker,
                index,
                at,
                "rm -rf /var/cache/apk/*",
            )],
        )
    })
}

/// `apk cache clean` or `apk cache purge`.
pub(super) fn cleans_cache(c: &Command) -> bool {
    matches!(apk(c), Some(("cache", a)) if a.iter().any(|w| w.value == "clean" || w.value == "purge"))
}

/// The `apk update` that an `--no-cache` on the `apk add` at `position` makes redundant
/// ([`redundant_update`]), when it can be deleted with what lies between it and the `apk
/// add`: not when that holds a comment line.
pub(super) fn droppable_update<'s>(
    checker: &Checker,
    script: &'s Script,
    position: usize,
) -> Option<&'s Command> {
    let add = &script.commands[position];
    redundant_update(script, position).filter(|u| {
        let between = checker.text(TextRange::new(u.range.start, add.range.start));
        !between.lines().any(|l| l.trim_start().starts_with('#'))
    })
}

/// The `apk update` joined by `&&` right before the `apk add` at `position`, when nothing
/// else in the script reads the index it fetches.
fn redundant_update(script: &Script, position: usize) -> Option<&Command> {
    let add = &script.commands[position];
    let update = script.commands.get(position.checked_sub(1)?)?;
    let is_update = matches!(apk(update), Some(("update", a)) if a.iter().all(|w| w.value == "update" || w.value.starts_with('-')));
    let only_adds = script.commands.iter().all(|c| match apk(c) {
        Some(("update", _)) => std::ptr::eq(c, update),
        Some(("add" | "del", _)) => true,
        Some(_) => false,
        None => true,
    });
    (is_update
        && only_adds
        && add.connector == Connector::And
        && update.depth == 0
        && add.depth == 0
        && update.redirects.is_empty()
        && update.assignments.is_empty())
    .then_some(update)
}
