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
    /// run before the refresh. And advice when more than 256 instructions come between (a
    /// generated file): what lies between is checked for each refresh, so the move is not.
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
    // Where the last search for each family's next install started and what it found.
    let mut found: [Option<Found>; FAMILIES.len()] = Default::default();
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
        let Some(at) = next_install(checker, family, index, &mut found[family]) else {
            continue;
        };
        let Some(later) = checker.script(at) else {
            continue;
        };
        if refreshes(later, family) {
            continue;
        }
        let Some(installer) = later.commands.iter().find(|c| installs(c, family)) else {
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
                if at - index > MOVED_ACROSS {
                    Fix::display_only(format!(
                        "{title}: {} instructions come between, more than the {MOVED_ACROSS} a move is checked across",
                        at - index - 1
                    ))
                } else if queries_index_between(checker, family, index, at) {
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

/// How many instructions an update is moved across, at most: what lies between is checked
/// for each update (a generated file of thousands of updates before one install cost its
/// square), and a move farther than that is advice, not checked.
const MOVED_ACROSS: usize = 256;

/// Whether `command` installs from `family`'s index.
fn installs(command: &Command, family: usize) -> bool {
    verb(command).is_some_and(|(f, v)| f == family && FAMILIES[f].uses.contains(&v))
}

/// A search for the next install of a family: from which instruction, what it found (or
/// the end of the stage it reached).
struct Found {
    from: usize,
    install: Option<usize>,
    end: usize,
}

/// The next `RUN` of the stage of `index`, after it, that installs from `family`'s index.
/// Updates are asked about in order, and one between an earlier update and the install that
/// search found has the same answer: each instruction is searched once (searched from each
/// update, a file of thousands of updates cost their square).
fn next_install(
    checker: &Checker,
    family: usize,
    index: usize,
    last: &mut Option<Found>,
) -> Option<usize> {
    let end = checker.stage_of(index)?.instruction_range().end;
    if let Some(f) = last {
        if f.from <= index && index < f.install.unwrap_or(f.end) && f.end == end {
            return f.install;
        }
    }
    let install = (index + 1..end).find(|&i| {
        checker.instructions()[i].kind == InstructionKind::Run
            && checker
                .script(i)
                .is_some_and(|s| s.commands.iter().any(|c| installs(c, family)))
    });
    *last = Some(Found {
        from: index,
        install,
        end,
    });
    install
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
