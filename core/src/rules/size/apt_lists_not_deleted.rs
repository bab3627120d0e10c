use crate::declare_rule;
use crate::edit::Fix;
use crate::paths::covers_cache;
use crate::rules::fixes::append::{append_command, append_point, sudo_prefix};
use crate::rules::shared::shell_values::may_hold;
use crate::rules::Checker;
use crate::semantic::commands::glob_is_literal;
use crate::semantic::commands::invocation;
use crate::semantic::commands::runs;
use crate::semantic::commands::subcommand;
use crate::semantic::commands::APT_VALUE_OPTIONS;
use crate::semantic::stage_model::resolve;
use crate::semantic::Semantic;
use crate::syntax::shell::{Script, Word};
use crate::syntax::{Instruction, InstructionKind};

declare_rule! {
    /// ## What it does
    /// Checks for a `RUN` (or `ONBUILD RUN`) of the image built by default that runs
    /// `apt-get update` (or `apt update`, `aptitude update`) and leaves the package lists it
    /// downloads (`/var/lib/apt/lists`) in the layer.
    ///
    /// ## Why is this bad?
    /// `apt-get update` downloads package indexes of 20–50 MB. Deleted in a later `RUN`,
    /// they still ship in the earlier layer; they must go in the same `RUN`.
    ///
    /// Not reported when the lists are removed in that `RUN` (also through a variable that
    /// holds them or whose value only the build knows, such as `rm -rf $APT_LISTS`; not
    /// `rm -r "$GNUPGHOME"` after `export GNUPGHOME="$(mktemp -d)"`, which removes a
    /// temporary folder), or kept out of the layer by a cache mount
    /// (`--mount=type=cache,target=/var/lib/apt/lists`, or at `/var/lib/apt`), or in a
    /// builder stage that the final image does not inherit. A `RUN` that installs without
    /// updating adds no lists to its layer.
    ///
    /// Differs from hadolint where a cache mount at `/var/lib/apt` alone holds the lists:
    /// see docs/hadolint-differences.md.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:trixie-slim
    /// RUN apt-get update && apt-get install -y --no-install-recommends curl
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:trixie-slim
    /// RUN apt-get update && apt-get install -y --no-install-recommends curl \
    ///     && rm -rf /var/lib/apt/lists/*
    /// ```
    ///
    /// ## Fix safety
    /// Safe: appends `&& rm -rf /var/lib/apt/lists/*` to the end of the same `RUN` when it
    /// also installs. Advice instead when a later `RUN` of the stage, or of a stage built on
    /// it, installs from these lists without `apt-get update` (it would no longer find its
    /// packages), and no fix for a `RUN` that only updates: the install that needs the
    /// lists comes later.
    ///
    /// ## References
    /// - [hadolint DL3009](https://github.com/hadolint/hadolint/wiki/DL3009)
    /// - [Docker best practices: apt-get](https://docs.docker.com/build/building/best-practices/#apt-get)
    pub(crate) static RULE = {
        code: "DL3009",
        name: "apt-lists-not-deleted",
        category: Size,
        severity: Info,
        default_enabled: true,
        buildkit: None,
        fix: Sometimes,
        programs: ["apt-get", "apt", "aptitude"],
        check: check,
    }
}

const LISTS: &str = "/var/lib/apt/lists";

/// Whether removing `path` (an `rm` operand, its glob expanded by the shell) takes the lists
/// with it: the lists or what is in them, or a directory above them (`rm -rf /var/lib/apt`,
/// `/var/lib/apt/*`).
fn removes_lists(path: &str) -> bool {
    path.starts_with(LISTS) || covers_cache(path, &[], &[LISTS])
}

/// Whether an `rm` operand with an expansion in it may remove the lists: it spells
/// `/var/lib/apt` itself, or the variables in it may hold the lists (see [`may_hold`]).
/// `rm -r "$GNUPGHOME"` after `export GNUPGHOME="$(mktemp -d)"`, or `rm "$KAFKA_DIST.tgz"`
/// after `ARG KAFKA_DIST=kafka_2.12`, removes other files.
fn may_name_lists(checker: &Checker, index: usize, script: &Script, word: &Word) -> bool {
    let lists = |value: &str| {
        let value = value.trim_end_matches(['/', '*']);
        value.contains(LISTS) || (value.starts_with('/') && LISTS.starts_with(value))
    };
    lists(&word.value) || may_hold(checker, index, script, word, lists)
}

/// The programs that download apt's package lists with `update`.
const APT_PROGRAMS: [&str; 3] = ["apt-get", "apt", "aptitude"];

fn check(checker: &Checker) {
    for (index, inst, script) in checker.shipped_run_scripts() {
        if lists_outside_layer(inst) {
            continue;
        }
        let Some(update) = script
            .commands
            .iter()
            .find(|c| runs(c, &APT_PROGRAMS, &["update"], &APT_VALUE_OPTIONS).is_some())
        else {
            continue;
        };
        // `rm -rf /var/lib/apt/lists/*`, or apt 2.7's `apt-get dist-clean` (lists too).
        // A relative path (`rm -rf var/lib/apt/lists/*`) is taken from the step's working
        // directory, until a `cd` moves the script elsewhere.
        let workdir = || {
            checker
                .stage_of(index)
                .and_then(|s| checker.stage_model(s.index))
                .and_then(|m| m.step(index))
                .map(|s| s.workdir.clone())
        };
        let cd_at = script
            .commands
            .iter()
            .find(|c| matches!(invocation(c), Some(("cd" | "pushd", _))))
            .map_or(u32::MAX, |c| c.range.start);
        let cleaned = script.commands.iter().any(|c| match invocation(c) {
            Some(("rm", args)) => args.iter().any(|w| {
                let relative = !w.value.starts_with(['/', '$', '~', '-']) && c.range.start < cd_at;
                let path = match relative.then(workdir).flatten() {
                    Some(dir) => resolve(&dir, &w.value),
                    None => w.value.to_string(),
                };
                (removes_lists(&path) && !glob_is_literal(checker.text(w.range)))
                    || (w.dynamic && may_name_lists(checker, index, script, w))
            }),
            Some(("apt-get" | "apt", args)) => subcommand(args, &APT_VALUE_OPTIONS)
                .is_some_and(|(_, sub)| sub.value == "dist-clean"),
            _ => false,
        });
        if cleaned {
            continue;
        }
        // Reported at the install that follows the update, when there is one.
        let install = script.commands.iter().find(|c| {
            c.range.start > update.range.start
                && runs(c, &APT_PROGRAMS, &["install"], &APT_VALUE_OPTIONS).is_some()
        });
        let installs = install.is_some();
        let at = install.unwrap_or(update);
        let (program, verb) = (
            invocation(at).map_or("apt-get", |(p, _)| p),
            if installs { "install" } else { "update" },
        );
        // Append after the last top-level command, unless the script's shape makes that
        // unclear (a background job, a parse problem, text after a heredoc's last command).
        // A `RUN` that only updates is left alone: removing the lists there would break the
        // install that follows in a later `RUN` (the fix is to merge them, SF202).
        let title = "Remove `/var/lib/apt/lists/*` in the same `RUN`";
        let fix = match later_install_from_lists(checker, index) {
            // Removed here, the lists would be missing there: `Unable to locate package`.
            Some(line) => installs.then(|| {
                Fix::display_only(format!(
                    "{title}, once the `RUN` on line {line}, which installs from these lists without `apt-get update`, runs `apt-get update` first or is merged into this one"
                ))
            }),
            None => append_point(checker, index, script)
                .filter(|_| installs)
                .map(|at| {
                    let rm = [sudo_prefix(update), "rm -rf /var/lib/apt/lists/*"];
                    let edit = append_command(checker, index, at, &rm.concat());
                    Fix::safe(title, vec![edit])
                }),
        };
        checker
            .report(
                at.range,
                format!("`{program} {verb}` leaves `/var/lib/apt/lists` in the layer"),
            )
            .fix_opt(fix);
    }
}

/// The line of a later `RUN` that reads the package lists this `RUN` left (`apt-get
/// install`, `apt-cache policy`) before it downloads them again, if any: in the rest of the
/// stage, or at the start of a stage built on it.
fn later_install_from_lists(checker: &Checker, index: usize) -> Option<u32> {
    let stage = checker.stage_of(index)?;
    match first_list_reader(checker, index + 1..stage.instruction_range().end) {
        Reader::Reads(line) => return Some(line),
        Reader::Refreshes => return None,
        Reader::None => {}
    }
    checker.stages_built_on(stage.index).find_map(|s| {
        match first_list_reader(checker, s.instruction_range()) {
            Reader::Reads(line) => Some(line),
            _ => None,
        }
    })
}

pub(crate) enum Reader {
    /// A `RUN` on this line reads the lists first.
    Reads(u32),
    /// A `RUN` downloads them again first.
    Refreshes,
    None,
}

/// The first `RUN` among `range` that uses apt's lists: whether it reads them or refreshes
/// them first.
pub(crate) fn first_list_reader(checker: &Semantic, range: std::ops::Range<usize>) -> Reader {
    for later in range {
        let inst = &checker.instructions()[later];
        if inst.kind != InstructionKind::Run || lists_outside_layer(inst) {
            continue;
        }
        let Some(script) = checker.script(later) else {
            continue;
        };
        for command in &script.commands {
            if runs(command, &APT_PROGRAMS, &["update"], &APT_VALUE_OPTIONS).is_some() {
                return Reader::Refreshes;
            }
            let reads = runs(command, &APT_PROGRAMS, &READS_LISTS, &APT_VALUE_OPTIONS).is_some()
                || invocation(command).is_some_and(|(program, _)| program == "apt-cache");
            if reads {
                return Reader::Reads(inst.start_line);
            }
        }
    }
    Reader::None
}

/// The apt verbs that look packages up in the downloaded lists.
const READS_LISTS: [&str; 8] = [
    "install",
    "upgrade",
    "dist-upgrade",
    "full-upgrade",
    "reinstall",
    "source",
    "build-dep",
    "download",
];

/// Whether a cache or tmpfs mount holds the lists: one at `/var/lib/apt/lists` or at a
/// directory above it (`/var/lib/apt`).
fn lists_outside_layer(inst: &Instruction) -> bool {
    inst.flags_named("mount").any(|f| {
        let v = f.value().unwrap_or("");
        let temporary = v.split(',').any(|o| {
            let o = o.trim();
            o.eq_ignore_ascii_case("type=cache") || o.eq_ignore_ascii_case("type=tmpfs")
        });
        temporary
            && v.split(',').any(|o| {
                let Some((key, target)) = o.trim().split_once('=') else {
                    return false;
                };
                let target = target.trim_end_matches('/');
                matches!(key, "target" | "dst" | "destination")
                    && !target.is_empty()
                    && LISTS
                        .strip_prefix(target)
                        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
            })
    })
}
