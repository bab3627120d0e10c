use crate::declare_rule;
use crate::edit::Fix;
use crate::rules::fixes::structural::move_run_into;
use crate::rules::Checker;
use crate::semantic::commands::invocation;
use crate::semantic::commands::package_source_change;
use crate::semantic::commands::subcommand;
use crate::semantic::commands::APT_VALUE_OPTIONS;
use crate::semantic::instructions::cache_mount_targets;
use crate::syntax::shell::{Command, Script};
use crate::syntax::InstructionKind;

declare_rule! {
    /// ## What it does
    /// Checks for a `RUN` that refreshes a package index (`apt-get update`, `apk update`,
    /// `yum`/`dnf makecache`, `zypper refresh`) without installing anything, followed in
    /// the stage by a `RUN` that installs without refreshing.
    ///
    /// ## Why is this bad?
    /// The build cache keys a `RUN` on its text. Once the update layer is cached it is
    /// never run again, so when the install line changes later, it installs from an index
    /// that may be months old: versions that no longer exist on the mirror fail to
    /// download, and security updates are missed. Docker's best practices: "Always combine
    /// `RUN apt-get update` with `apt-get install` in the same `RUN` statement."
    ///
    /// Not reported when the refreshing `RUN` also runs a command that might install (a
    /// script, `make`, `xargs`...), when it uses a cache mount, or when every later install
    /// refreshes the index itself.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:trixie-slim
    /// RUN apt-get update
    /// RUN apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:trixie-slim
    /// RUN apt-get update \
    ///     && apt-get install -y --no-install-recommends curl \
    ///     && rm -rf /var/lib/apt/lists/*
    /// ```
    ///
    /// ## Fix safety
    /// Unsafe: the fix puts the refresh's `RUN` (setup commands included) in front of the
    /// install's commands and deletes its own `RUN`; instructions between the two now run
    /// before the refresh. No fix when either `RUN` cannot be joined or their flags differ,
    /// and advice when an instruction between may change the package sources (a repository
    /// added, a file under `/etc/apt`, an install script piped into a shell): refreshed
    /// after it, the install would take another set of packages. Also advice when a `RUN`
    /// between queries the index (`apt-cache policy`, `apt list`, `apk search`): it would
    /// run before the refresh.
    ///
    /// ## References
    /// - [Docker best practices: apt-get](https://docs.docker.com/build/building/best-practices/#apt-get)
    /// - [hadolint DL3009 (the same advice, for the lists)](https://github.com/hadolint/hadolint/wiki/DL3009)
    pub(crate) static RULE = {
        code: "SF202",
        name: "apt-update-in-separate-layer",
        category: Cache,
        severity: Warning,
        default_enabled: true,
        buildkit: None,
        fix: Always,
        programs: ["apt-get", "apt", "apk", "yum", "dnf", "dnf5", "microdnf", "zypper"],
        check: check,
    }
}

/// A package manager family: its programs, the subcommands that refresh the index, and
/// those that read it.
struct Family {
    programs: &'static [&'static str],
    value_options: &'static [&'static str],
    refresh: &'static [&'static str],
    uses: &'static [&'static str],
    /// Subcommands that print what the index holds: they install nothing, and a refresh
    /// moved past them changes what they print.
    queries: &'static [&'static str],
    /// Programs that only read the index (`apt-cache`).
    query_programs: &'static [&'static str],
}

const FAMILIES: [Family; 4] = [
    Family {
        programs: &["apt-get", "apt"],
        value_options: &APT_VALUE_OPTIONS,
        refresh: &["update"],
        uses: &[
            "install",
            "upgrade",
            "dist-upgrade",
            "full-upgrade",
            "build-dep",
            "source",
            "download",
            "reinstall",
            "satisfy",
        ],
        queries: &[
            "show",
            "showsrc",
            "policy",
            "search",
            "list",
            "depends",
            "rdepends",
            "changelog",
        ],
        query_programs: &["apt-cache", "aptitude"],
    },
    Family {
        programs: &["apk"],
        value_options: &["-X", "--repository", "-p", "--root", "--arch"],
        refresh: &["update"],
        uses: &["add", "upgrade", "fix", "fetch", "dot"],
        queries: &["search", "info", "policy", "list"],
        query_programs: &[],
    },
    Family {
        programs: &["yum", "dnf", "dnf5", "microdnf"],
        value_options: &[
            "-c",
            "--config",
            "--installroot",
            "--releasever",
            "-d",
            "-e",
        ],
        refresh: &["makecache"],
        uses: &[
            "install",
            "update",
            "upgrade",
            "groupinstall",
            "localinstall",
            "reinstall",
            "downgrade",
            "distro-sync",
        ],
        queries: &[
            "list",
            "info",
            "search",
            "provides",
            "repoquery",
            "check-update",
        ],
        query_programs: &["repoquery"],
    },
    Family {
        programs: &["zypper"],
        value_options: &["-R", "--root", "-c", "--config", "-D", "--reposd-dir"],
        refresh: &["refresh", "ref"],
        uses: &[
            "install",
            "in",
            "update",
            "up",
            "dist-upgrade",
            "dup",
            "patch",
            "source-install",
            "si",
        ],
        queries: &[
            "search",
            "se",
            "info",
            "if",
            "packages",
            "pa",
            "what-provides",
            "wp",
        ],
        query_programs: &[],
    },
];

/// Commands that prepare a refresh (add a repository, its key) or only print, and cannot
/// install a package.
const SETUP: [&str; 25] = [
    "echo",
    "printf",
    "set",
    "true",
    ":",
    "export",
    "ln",
    "mkdir",
    "cp",
    "mv",
    "rm",
    "cat",
    "tee",
    "curl",
    "wget",
    "gpg",
    "apt-key",
    "add-apt-repository",
    "sed",
    "grep",
    "chmod",
    "chown",
    "touch",
    "dpkg",
    "update-ca-certificates",
];

/// The family and subcommand of a package-manager command.
fn verb(command: &Command) -> Option<(usize, &str)> {
    let (program, args) = invocation(command)?;
    let family = FAMILIES
        .iter()
        .position(|f| f.programs.contains(&program))?;
    let (_, sub) = subcommand(args, FAMILIES[family].value_options)?;
    Some((family, sub.value.as_str()))
}

fn refreshes(script: &Script, family: usize) -> bool {
    script
        .commands
        .iter()
        .any(|c| verb(c).is_some_and(|(f, v)| f == family && FAMILIES[f].refresh.contains(&v)))
}

fn check(checker: &Checker) {
    for (index, inst) in checker.instructions().iter().enumerate() {
        if inst.kind != InstructionKind::Run || cache_mount_targets(inst).next().is_some() {
            continue;
        }
        if !checker.runs_rule_programs(index) {
            continue;
        }
        let Some(script) = checker.script(index) else {
            continue;
        };
        let Some((update, family)) = script.commands.iter().find_map(|c| {
            let (f, v) = verb(c)?;
            FAMILIES[f].refresh.contains(&v).then_some((c, f))
        }) else {
            continue;
        };
        // Only refreshes and setup: nothing in this RUN reads the index.
        let only_setup = script.commands.iter().all(|c| match verb(c) {
            Some((f, v)) => !FAMILIES[f].uses.contains(&v),
            None => invocation(c).is_some_and(|(p, _)| SETUP.contains(&p)),
        });
        if !only_setup {
            continue;
        }
        // A later RUN of the stage that installs from the index without refreshing it.
        let Some(stage) = checker.stage_of(index) else {
            continue;
        };
        let install = (index + 1..stage.instruction_range().end).find_map(|i| {
            let later = &checker.instructions()[i];
            if later.kind != InstructionKind::Run {
                return None;
            }
            let s = checker.script(i)?;
            let installs = s.commands.iter().find(|c| {
                verb(c).is_some_and(|(f, v)| f == family && FAMILIES[f].uses.contains(&v))
            })?;
            Some((i, installs, refreshes(s, family)))
        });
        let Some((at, installer, false)) = install else {
            continue;
        };
        let line = checker.instructions()[at].start_line;
        let update_text = command_text(checker, update);
        let install_text = command_text(checker, installer);
        checker
            .report(
                update.range,
                format!(
                    "`{update_text}` in its own `RUN`: `{install_text}` on line {line} may install from a stale cached index"
                ),
            )
            .fix({
                let title = format!("Move `{update_text}` into the `RUN` on line {line}");
                if queries_index_between(checker, family, index, at) {
                    // `apt-cache policy` between would run before the refresh.
                    Fix::display_only(format!(
                        "{title}: a `RUN` between queries the index the refresh fetches"
                    ))
                } else if changes_sources_between(checker, index, at) {
                    // Refreshed after a new repository, the install would take its
                    // packages (other versions) where it took the old sources' before.
                    Fix::display_only(format!(
                        "{title}: what comes between changes the package sources, so the refresh would see another set"
                    ))
                } else {
                    match move_run_into(checker.df, index, at, false, |i| checker.script(i)) {
                        Some(edits) => Fix::unsafe_(title, edits),
                        None => Fix::display_only(title),
                    }
                }
            });
    }
}

/// Whether a `RUN` between `from` and `to` (exclusive) queries the family's index
/// (`apt-cache policy`, `apt list`, `apk search`): what it prints or writes comes from the
/// index a refresh moved past it would no longer have fetched.
fn queries_index_between(checker: &Checker, family: usize, from: usize, to: usize) -> bool {
    let f = &FAMILIES[family];
    (from + 1..to).any(|i| {
        if checker.instructions()[i].kind != InstructionKind::Run {
            return false;
        }
        checker.script(i).is_none_or(|s| {
            s.commands.iter().any(|c| {
                verb(c).is_some_and(|(v_family, v)| v_family == family && f.queries.contains(&v))
                    || invocation(c).is_some_and(|(p, _)| f.query_programs.contains(&p))
            })
        })
    })
}

/// Whether an instruction between `from` and `to` (exclusive) may change the package
/// sources that a refresh moved from `from` to `to` would read.
fn changes_sources_between(checker: &Checker, from: usize, to: usize) -> bool {
    checker.instructions()[from + 1..to]
        .iter()
        .any(|inst| package_source_change(checker.text(inst.range)).is_some())
}

/// `apt-get update`, `apk add`: the program and its subcommand.
fn command_text(checker: &Checker, command: &Command) -> String {
    match (invocation(command), verb(command)) {
        (Some((program, _)), Some((_, sub))) => format!("{program} {sub}"),
        _ => checker.text(command.range).to_string(),
    }
}
