use crate::declare_rule;
use crate::edit::Fix;
use crate::paths::covers_cache;
use crate::paths::normalize_path;
use crate::paths::strip_home;
use crate::rules::fixes::structural::move_run_into;
use crate::rules::Checker;
use crate::semantic::commands::has_flag;
use crate::semantic::commands::invocation;
use crate::semantic::commands::npm_command;
use crate::semantic::commands::pip_command;
use crate::semantic::commands::rm_targets;
use crate::semantic::commands::subcommand;
use crate::semantic::commands::APT_VALUE_OPTIONS;
use crate::semantic::instructions::cache_mount_targets;
use crate::semantic::stages::{last_in_lineage, lineage_before_nearest_first};
use crate::syntax::shell::{Command, Script};
use crate::syntax::InstructionKind;

declare_rule! {
    /// ## What it does
    /// Checks for a `RUN` in the final image whose only job is to delete files or caches
    /// (`rm -rf /var/lib/apt/lists/*`, `apt-get clean`, `yum clean all`, `npm cache clean`,
    /// `rm -rf /tmp/src`...) that an earlier `RUN` of the stage created and left behind.
    ///
    /// ## Why is this bad?
    /// A layer only adds to the ones below it: deleting files in a later layer hides them,
    /// but they are still stored, pushed and pulled as part of the earlier layer. The
    /// deletion only saves space in the `RUN` that created the files.
    ///
    /// The rule looks for the creator among the earlier `RUN`s of the stage (and the stages
    /// it is built `FROM`): package-manager caches are created by that manager's install
    /// or index refresh (apt's lists by `apt-get update` alone: `apt-get install` only
    /// reads them), unless that `RUN` cleaned them itself; other absolute paths by a
    /// `RUN` that downloads, clones, builds or extracts to that path (one of the 256
    /// `RUN`s before the cleanup: a file of thousands of cleanups of paths nothing wrote
    /// would otherwise cost their square). Not reported when no
    /// such `RUN` is found, when the `RUN` does more than delete, or in a builder stage the
    /// final image does not inherit.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:trixie-slim
    /// RUN apt-get update && apt-get install -y --no-install-recommends curl
    /// RUN rm -rf /var/lib/apt/lists/*
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
    /// Unsafe: the fix appends the cleanup to the `RUN` that created the files (one command
    /// per line when that `RUN` is continued) and deletes the cleanup's own `RUN`; what
    /// runs between the two no longer sees the files. No fix when either `RUN` cannot be
    /// joined (a trailing shell comment, a background job, heredocs, other flags), and advice
    /// only when something between the two may use or write what it removes: a `RUN` that
    /// runs the package manager whose cache it cleans, an instruction that names a removed
    /// path, or any `RUN` at all when it removes more than a package manager's cache
    /// (`/tmp/*`, `/usr/share/doc`: moved up, what that `RUN` writes there would stay).
    ///
    /// ## References
    /// - [Docker: image layers](https://docs.docker.com/get-started/docker-concepts/building-images/understanding-image-layers/)
    /// - [Docker best practices: apt-get](https://docs.docker.com/build/building/best-practices/#apt-get)
    pub(crate) static RULE = {
        code: "SF104",
        name: "cleanup-in-separate-layer",
        category: Size,
        severity: Warning,
        default_enabled: true,
        buildkit: None,
        fix: Always,
        programs: ["rm", "apt-get", "apt", "apk", "yum", "dnf", "dnf5", "microdnf", "zypper", "npm", "yarn", "yarnpkg", "pip", "python"],
        check: check,
    }
}

/// A cache a package manager leaves: what creates it, what cleans it.
struct Cache {
    /// Cache directories (absolute; `home` ones are under any home directory).
    absolute: &'static [&'static str],
    home: &'static [&'static str],
    /// A command that fills the cache.
    creates: fn(&Command) -> bool,
    /// Commands that read the cache without filling it (`apt-get install` reads the lists
    /// `apt-get update` wrote), if any.
    reads: Option<fn(&Command) -> bool>,
    /// A command (other than `rm`) that empties it.
    cleans: fn(&Command) -> bool,
}

impl Cache {
    /// Whether a command uses the cache: fills it or reads it.
    fn used_by(&self, c: &Command) -> bool {
        (self.creates)(c) || self.reads.is_some_and(|reads| reads(c))
    }

    /// Whether `path` is this cache or lies inside it (`/var/lib/apt/lists/*`, `~/.npm`):
    /// not a folder that holds it and more (`/var/cache/*`, `/root`).
    fn holds(&self, path: &str) -> bool {
        let inside = |p: &str, dir: &str| {
            p == dir || p.strip_prefix(dir).is_some_and(|r| r.starts_with('/'))
        };
        let path = normalize_path(path);
        self.absolute.iter().any(|dir| inside(path, dir))
            || strip_home(path).is_some_and(|rest| self.home.iter().any(|dir| inside(rest, dir)))
    }
}

fn sub_of<'c>(command: &'c Command, programs: &[&str], value_options: &[&str]) -> Option<&'c str> {
    let (program, args) = invocation(command)?;
    if !programs.contains(&program) {
        return None;
    }
    subcommand(args, value_options).map(|(_, w)| w.value.as_str())
}

fn words_after<'c>(command: &'c Command, programs: &[&str]) -> Vec<&'c str> {
    match invocation(command) {
        Some((p, args)) if programs.contains(&p) => args
            .iter()
            .filter(|w| !w.value.starts_with('-'))
            .map(|w| w.value.as_str())
            .collect(),
        _ => Vec::new(),
    }
}

const CACHES: [Cache; 7] = [
    // apt: the package lists (the archives are cleaned by the images' docker-clean hook).
    Cache {
        absolute: &["/var/lib/apt/lists"],
        home: &[],
        creates: |c| {
            matches!(
                sub_of(c, &["apt-get", "apt"], &APT_VALUE_OPTIONS),
                Some("update")
            )
        },
        // So do the queries: `apt-cache madison curl`, `apt show`, `apt list`.
        reads: Some(|c| {
            matches!(
                invocation(c).map(|(p, _)| p),
                Some("apt-cache" | "aptitude")
            ) || matches!(
                sub_of(c, &["apt-get", "apt"], &APT_VALUE_OPTIONS),
                Some(
                    "install"
                        | "upgrade"
                        | "dist-upgrade"
                        | "full-upgrade"
                        | "build-dep"
                        | "source"
                        | "download"
                        | "changelog"
                        | "show"
                        | "showsrc"
                        | "policy"
                        | "search"
                        | "list"
                        | "depends"
                        | "rdepends"
                )
            )
        }),
        cleans: |c| {
            matches!(
                sub_of(c, &["apt-get", "apt"], &APT_VALUE_OPTIONS),
                Some("dist-clean")
            )
        },
    },
    Cache {
        absolute: &["/var/cache/apk"],
        home: &[],
        creates: |c| match invocation(c) {
            Some(("apk", args)) => {
                matches!(sub_of(c, &["apk"], &[]), Some("update"))
                    || (matches!(sub_of(c, &["apk"], &[]), Some("add" | "upgrade"))
                        && has_flag(args, &["--update", "-U", "--update-cache"])
                        && !has_flag(args, &["--no-cache"]))
            }
            _ => false,
        },
        // `apk add` without `--update` installs from the index an earlier `apk update`
        // (or `--update`) left there: without it, it finds no package.
        reads: Some(|c| match invocation(c) {
            Some(("apk", args)) => {
                matches!(
                    sub_of(c, &["apk"], &[]),
                    Some("add" | "upgrade" | "fix" | "fetch")
                ) && !has_flag(args, &["--no-cache"])
            }
            _ => false,
        }),
        cleans: |c| words_after(c, &["apk"]).starts_with(&["cache", "clean"]),
    },
    Cache {
        absolute: &["/var/cache/yum", "/var/cache/dnf", "/var/cache/libdnf5"],
        home: &[],
        creates: |c| {
            matches!(
                sub_of(c, &["yum", "dnf", "dnf5", "microdnf"], &[]),
                Some("install" | "update" | "upgrade" | "makecache" | "groupinstall" | "reinstall")
            )
        },
        reads: None,
        cleans: |c| words_after(c, &["yum", "dnf", "dnf5", "microdnf"]).starts_with(&["clean"]),
    },
    Cache {
        absolute: &["/var/cache/zypp"],
        home: &[],
        creates: |c| {
            matches!(
                sub_of(c, &["zypper"], &[]),
                Some("install" | "in" | "update" | "up" | "dup" | "refresh" | "ref")
            )
        },
        reads: None,
        cleans: |c| matches!(words_after(c, &["zypper"]).first(), Some(&("clean" | "cc"))),
    },
    Cache {
        absolute: &[],
        home: &[".npm"],
        creates: |c| {
            npm_command(c).is_some_and(|(sub, _)| {
                matches!(
                    sub.value.as_str(),
                    "install" | "i" | "ci" | "add" | "clean-install"
                )
            })
        },
        reads: None,
        cleans: |c| words_after(c, &["npm"]).starts_with(&["cache", "clean"]),
    },
    Cache {
        absolute: &["/usr/local/share/.cache/yarn"],
        home: &[".cache/yarn"],
        creates: |c| {
            matches!(invocation(c), Some(("yarn" | "yarnpkg", _)))
                && matches!(
                    words_after(c, &["yarn", "yarnpkg"]).first(),
                    None | Some(&("install" | "add"))
                )
        },
        reads: None,
        cleans: |c| words_after(c, &["yarn", "yarnpkg"]).starts_with(&["cache", "clean"]),
    },
    Cache {
        absolute: &[],
        home: &[".cache/pip"],
        creates: |c| {
            pip_command(c).is_some_and(|(sub, args)| {
                sub.value == "install" && !has_flag(args, &["--no-cache-dir"])
            })
        },
        reads: None,
        cleans: |c| {
            pip_command(c).is_some_and(|(sub, args)| {
                sub.value == "cache" && args.iter().any(|w| w.value == "purge")
            })
        },
    },
];

/// Commands that delete, or change nothing on disk.
fn deletes_only(command: &Command) -> bool {
    if rm_targets(command).is_some() || CACHES.iter().any(|k| (k.cleans)(command)) {
        return true;
    }
    let Some((program, args)) = invocation(command) else {
        return true;
    };
    match program {
        "set" | "true" | ":" | "cd" => true,
        "apt-get" | "apt" => matches!(
            sub_of(command, &["apt-get", "apt"], &APT_VALUE_OPTIONS),
            Some("clean" | "autoclean" | "autoremove" | "purge" | "remove")
        ),
        "apk" => matches!(sub_of(command, &["apk"], &[]), Some("del")),
        "yum" | "dnf" | "microdnf" => matches!(
            sub_of(command, &["yum", "dnf", "microdnf"], &[]),
            Some("autoremove" | "remove" | "erase")
        ),
        "find" => args.iter().any(|w| w.value == "-delete" || w.value == "rm"),
        _ => false,
    }
}

/// Programs that download, clone or build into a path named in their arguments.
const WRITERS: [&str; 10] = [
    "wget", "curl", "git", "svn", "go", "cargo", "mvn", "gradle", "make", "pip",
];

/// The paths a command writes: any absolute argument of a [`WRITERS`] program, the
/// directory `tar -C` / `unzip -d` extracts into.
fn written_paths(command: &Command) -> Vec<&str> {
    let Some((program, args)) = invocation(command) else {
        return Vec::new();
    };
    let values = args.iter().filter(|w| !w.dynamic).map(|w| w.value.as_str());
    if WRITERS.contains(&program) {
        return values
            .map(|v| v.split_once('=').map_or(v, |(_, v)| v))
            .collect();
    }
    let dest_flags: &[&str] = match program {
        "tar" => &["-C", "--directory"],
        "unzip" => &["-d"],
        _ => return Vec::new(),
    };
    let mut out = Vec::new();
    let mut it = args.iter();
    while let Some(w) = it.next() {
        if dest_flags.contains(&w.value.as_str()) {
            out.extend(it.next().filter(|v| !v.dynamic).map(|v| v.value.as_str()));
        } else if let Some(v) = w.value.strip_prefix("--directory=") {
            out.push(v);
        }
    }
    out
}

fn check(checker: &Checker) {
    // Per cache, the `RUN`s that leave it in their layer, found at the first cleanup.
    let mut left: Option<Vec<Vec<u32>>> = None;
    for (index, inst) in checker.instructions().iter().enumerate() {
        if inst.kind != InstructionKind::Run
            || !checker.runs_rule_programs(index)
            || !checker.ships(index)
        {
            continue;
        }
        let Some(script) = checker.script(index) else {
            continue;
        };
        if script.commands.is_empty()
            || script.has_errors()
            || !script.commands.iter().all(deletes_only)
        {
            continue;
        }
        let left = left.get_or_insert_with(|| runs_leaving_caches(checker));
        let found = script
            .commands
            .iter()
            .find_map(|c| creator(checker, index, left, c).map(|target| (c, target)));
        let Some((cleanup, target)) = found else {
            continue;
        };
        let line = checker.instructions()[target].start_line;
        let text = checker.text(cleanup.range);
        let text = if text.len() > 60 || text.contains('\n') {
            "the cleanup".to_string()
        } else {
            format!("`{text}`")
        };
        checker
            .report(
                inst.range,
                format!(
                    "{text} in its own `RUN`: the files stay in the layer of the `RUN` on line {line}"
                ),
            )
            .fix(move_fix(checker, index, target, line));
    }
}

/// Append the cleanup to the `RUN` that made the files and drop its own `RUN`; advice when
/// something between the two may still use what the cleanup removes.
fn move_fix(checker: &Checker, index: usize, target: usize, line: u32) -> Fix {
    let title = format!("Move the cleanup into the `RUN` on line {line}");
    if used_in_between(checker, target, index) {
        return Fix::display_only(format!(
            "{title}, once nothing between the two uses what it removes"
        ));
    }
    match move_run_into(checker.df, index, target, true, |i| checker.script(i)) {
        Some(edits) => Fix::unsafe_(title, edits),
        None => Fix::display_only(title),
    }
}

/// Whether an instruction between the creating `RUN` (`target`) and the cleanup's own
/// (`cleanup`) may use what the cleanup removes: moved up, the cleanup would run before it
/// (`RUN git clone ... /src`, `RUN make -C /src install`, `RUN rm -rf /src`). Removed
/// packages count as used by any `RUN` between (a program, a library or the CA bundle of
/// one is used without being named); paths and caches by an instruction that names them or
/// runs their package manager.
fn used_in_between(checker: &Checker, target: usize, cleanup: usize) -> bool {
    let Some(script) = checker.script(cleanup) else {
        return true;
    };
    let between = &checker.instructions()[target + 1..cleanup];
    let removes_packages = script.commands.iter().any(|c| {
        rm_targets(c).is_none()
            && !CACHES.iter().any(|k| (k.cleans)(c))
            && matches!(
                invocation(c).map(|(p, _)| p),
                Some("apt-get" | "apt" | "apk" | "yum" | "dnf" | "microdnf")
            )
            && !matches!(
                sub_of(c, &["apt-get", "apt"], &APT_VALUE_OPTIONS),
                Some("clean" | "autoclean")
            )
    });
    let runs = || {
        between
            .iter()
            .enumerate()
            .filter(|(_, inst)| inst.kind == InstructionKind::Run)
            .map(|(n, _)| target + 1 + n)
    };
    if removes_packages && runs().next().is_some() {
        return true;
    }
    let removed = || script.commands.iter().filter_map(rm_targets).flatten();
    // The caches it cleans, by command (`apt-get dist-clean`) or by path (`rm -rf
    // /var/lib/apt/lists/*`): a `RUN` between that runs their manager reads them.
    let kinds: Vec<&Cache> = CACHES
        .iter()
        .filter(|k| {
            script.commands.iter().any(|c| (k.cleans)(c))
                || removed().any(|w| covers_cache(&w.value, k.home, k.absolute))
        })
        .collect();
    let manager_used = runs().any(|i| {
        checker.script(i).is_none_or(|s| {
            s.commands
                .iter()
                .any(|c| kinds.iter().any(|k| k.used_by(c)))
        })
    });
    if manager_used {
        return true;
    }
    if removed().any(|w| w.dynamic) {
        return true;
    }
    // Any `RUN` may write under a path that is not a package manager's cache (`/tmp`,
    // `/usr/share/doc`, a build folder it `cd`s into): removed earlier, what it writes there
    // would stay in the image, or the `RUN` would miss what it reads.
    let other_path = removed().any(|w| !CACHES.iter().any(|k| k.holds(&w.value)));
    if other_path && runs().next().is_some() {
        return true;
    }
    // The paths removed, as an instruction between would name them: `/src`, `.npm`.
    let paths: Vec<&str> = removed()
        .map(|w| {
            let p = normalize_path(&w.value);
            let p = p.trim_end_matches(['*', '/']);
            p.strip_prefix("~/").unwrap_or(p)
        })
        .filter(|p| !p.is_empty())
        .collect();
    between.iter().any(|inst| {
        let text = checker.text(inst.range);
        paths.iter().any(|p| text.contains(p))
    })
}

/// For each of [`CACHES`], the `RUN`s that create it and leave it in their layer (no cache
/// mount over it, no cleaning in the same `RUN`), in file order.
fn runs_leaving_caches(checker: &Checker) -> Vec<Vec<u32>> {
    let mut left = vec![Vec::new(); CACHES.len()];
    for (i, inst) in checker.instructions().iter().enumerate() {
        if inst.kind != InstructionKind::Run {
            continue;
        }
        let Some(script) = checker.script(i) else {
            continue;
        };
        for (k, runs) in CACHES.iter().zip(&mut left) {
            if script.commands.iter().any(|c| (k.creates)(c))
                && !cache_mount_targets(inst).any(|t| covers_cache(t, k.home, k.absolute))
                && !cleans_itself(script, k)
            {
                runs.push(i as u32);
            }
        }
    }
    left
}

/// How many `RUN`s before a cleanup of paths (not of a cache) are searched for the one that
/// wrote them.
const WRITERS_LOOKED_AT: usize = 256;

/// The `RUN` of the lineage of `index` whose files `cleanup` removes: the last that left
/// one of the caches it cleans, else the last that wrote a path it removes. The lineage is
/// only walked for the second: one walk per cleanup of a cache made a file of many
/// cleanups quadratic.
fn creator(checker: &Checker, index: usize, left: &[Vec<u32>], cleanup: &Command) -> Option<usize> {
    let removed: Vec<&str> = rm_targets(cleanup)
        .map(|t| t.filter(|w| !w.dynamic).map(|w| w.value.as_str()).collect())
        .unwrap_or_default();
    let kinds: Vec<usize> = (0..CACHES.len())
        .filter(|&k| {
            let k = &CACHES[k];
            (k.cleans)(cleanup) || removed.iter().any(|p| covers_cache(p, k.home, k.absolute))
        })
        .collect();
    if !kinds.is_empty() {
        // The lineage is in file order: the last one is the latest.
        return kinds
            .iter()
            .filter_map(|&k| last_in_lineage(checker, index, &left[k]))
            .max()
            .map(|i| i as usize);
    }
    lineage_before_nearest_first(checker, index)
        .filter(|&i| checker.instructions()[i].kind == InstructionKind::Run)
        .take(WRITERS_LOOKED_AT)
        .find(|&i| {
            checker
                .script(i)
                .is_some_and(|script| removed.iter().any(|p| wrote_path(script, p)))
        })
}

fn cleans_itself(script: &Script, kind: &Cache) -> bool {
    script.commands.iter().any(|c| {
        (kind.cleans)(c)
            || rm_targets(c).is_some_and(|mut t| {
                t.any(|w| w.dynamic || covers_cache(&w.value, kind.home, kind.absolute))
            })
    })
}

/// Whether a script wrote the absolute `path` (or something under it) with a download,
/// clone, build or extraction, and did not remove what it wrote itself.
fn wrote_path(script: &Script, path: &str) -> bool {
    let path = normalize_path(path);
    let broad = path.matches('/').count() < 2 && !matches!(path, "/tmp" | "/var/tmp");
    if !path.starts_with('/') || broad || path.contains(['*', '?']) {
        return false;
    }
    let within = |v: &str, dir: &str| {
        v == dir || (v.starts_with(dir) && v.as_bytes().get(dir.len()) == Some(&b'/'))
    };
    let removed = |v: &str| {
        script.commands.iter().any(|c| {
            rm_targets(c).is_some_and(|mut t| t.any(|w| within(v, normalize_path(&w.value))))
        })
    };
    let left = |v: &str| {
        let v = normalize_path(v);
        within(v, path) && !removed(v)
    };
    script
        .commands
        .iter()
        .any(|c| written_paths(c).into_iter().any(left))
}
