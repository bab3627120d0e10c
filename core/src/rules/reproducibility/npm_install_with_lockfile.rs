use std::collections::HashSet;

use crate::declare_rule;
use crate::edit::Edit;
use crate::edit::Fix;
use crate::paths::context_relative;
use crate::rules::{Checker, Context};
use crate::semantic::commands::has_flag;
use crate::semantic::commands::npm_command;
use crate::semantic::commands::rm_targets;
use crate::semantic::instructions::context_sources;
use crate::semantic::stages::Marked;
use crate::semantic::tool_versions::npm_major;
use crate::syntax::shell::{Script, Word};
use crate::syntax::InstructionKind;

declare_rule! {
    /// ## What it does
    /// Checks for `npm install` without package names in a stage that has a lock file
    /// (`package-lock.json` or `npm-shrinkwrap.json`): copied in by an earlier `COPY`, or
    /// present in the build context.
    ///
    /// ## Why is this bad?
    /// `npm install` treats the lock file as a suggestion: it may resolve newer versions
    /// within the ranges of `package.json` and rewrite the lock, so two builds of the same
    /// commit can install different code. `npm ci` installs exactly what the lock file
    /// says, fails when it does not match `package.json`, and starts from an empty
    /// `node_modules`.
    ///
    /// Not reported for `npm install <package>` (adding a package), global installs,
    /// `--no-package-lock`/`--package-lock-only`, a `RUN` that also runs `npm ci` (as in
    /// `npm ci || npm install`), when an earlier `RUN` deletes the lock
    /// file, or when the context is unknown and no `COPY` names the lock file (a `COPY . .`
    /// may or may not bring one).
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:24-slim
    /// COPY package.json package-lock.json ./
    /// RUN npm install --omit=dev
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM node:24-slim
    /// COPY package.json package-lock.json ./
    /// RUN npm ci --omit=dev
    /// ```
    ///
    /// ## Fix safety
    /// Unsafe: replaces `install` with `ci` and keeps the other arguments, when the lock file
    /// is copied into the stage. A build whose lock file no longer matches `package.json`
    /// then fails, which is the point, but it is a change in whether the image builds.
    /// Display-only where the image's npm is known to be 5 or older (`npm ci` came with
    /// npm 5.7), when `node_modules` may be in place before the install (`npm ci` deletes
    /// it first: a `COPY` names it, or brings in context files under it), and when the lock
    /// file is in the context but no `COPY` brings it in yet.
    ///
    /// ## References
    /// - [npm ci](https://docs.npmjs.com/cli/v11/commands/npm-ci)
    /// - [package-lock.json](https://docs.npmjs.com/cli/v11/configuring-npm/package-lock-json)
    pub(crate) static RULE = {
        code: "SF301",
        name: "npm-install-with-lockfile",
        category: Reproducibility,
        severity: Warning,
        default_enabled: true,
        buildkit: None,
        fix: Always,
        programs: ["npm"],
        check: check,
    }
}

const LOCKS: [&str; 2] = ["package-lock.json", "npm-shrinkwrap.json"];

/// npm install options that take a separate value: their values are not package names.
const VALUE_OPTIONS: [&str; 13] = [
    "--omit",
    "--include",
    "--only",
    "--also",
    "--prefix",
    "-C",
    "--registry",
    "--cache",
    "--loglevel",
    "-w",
    "--workspace",
    "--install-strategy",
    "--userconfig",
];

enum Lock {
    /// A `COPY` brings the lock file in.
    Copied,
    /// The context has one that no `COPY` brings in (yet).
    InContext(String),
}

fn check(checker: &Checker) {
    let mut marks: Option<Marks> = None;
    for (index, inst) in checker.instructions().iter().enumerate() {
        if inst.kind != InstructionKind::Run {
            continue;
        }
        if !checker.runs_rule_programs(index) {
            continue;
        }
        let Some(script) = checker.script(index) else {
            continue;
        };
        // `npm ci || npm install`: a deliberate fallback.
        let has_ci = script.commands.iter().any(|c| {
            npm_command(c).is_some_and(|(v, _)| matches!(v.value.as_str(), "ci" | "clean-install"))
        });
        if has_ci {
            continue;
        }
        for command in &script.commands {
            let Some((verb, args)) = npm_command(command) else {
                continue;
            };
            if !matches!(
                verb.value.as_str(),
                "install" | "i" | "in" | "ins" | "isntall"
            ) || adds_packages(args, verb)
                || has_flag(
                    args,
                    &[
                        "-g",
                        "--global",
                        "--package-lock-only",
                        "--no-package-lock",
                        "--package-lock",
                        "--dry-run",
                    ],
                )
            {
                continue;
            }
            let marks = marks.get_or_insert_with(|| Marks::find(checker));
            let Some(lock) = lock_file(checker, index, script, command.range.start, marks) else {
                continue;
            };
            let message = format!("`npm {}` with a lock file: use `npm ci`", verb.value);
            let fix = match lock {
                // `npm ci` starts by deleting `node_modules`: what was put there before goes.
                Lock::Copied if node_modules_before(checker, index, marks) => Fix::display_only(
                    "Use `npm ci` once nothing puts `node_modules` in place before it (`npm ci` deletes it first)",
                ),
                // npm 5.7 added `ci`: a known npm 5 or older gets advice.
                Lock::Copied => match npm_major(checker, index, command.range.start) {
                    Some(major) if major < 6 => Fix::display_only(format!(
                        "Use `npm ci` after upgrading npm: this image's npm {major} may not have it (npm 5.7 added it)"
                    )),
                    _ => Fix::unsafe_("Use `npm ci`", vec![Edit::replace(verb.range, "ci")]),
                },
                Lock::InContext(file) => {
                    Fix::display_only(format!("Copy `{file}` into the image and use `npm ci`"))
                }
            };
            checker.report(command.range, message).fix(fix);
        }
    }
}

/// Whether `node_modules` may be in place before the install: an earlier `COPY` or `ADD`
/// of the stage names it, or brings in a `node_modules` folder of the context's.
fn node_modules_before(checker: &Checker, index: usize, marks: &Marks) -> bool {
    marks.node_modules_copies.before(checker, index)
        || marks.node_modules_sends.before(checker, index)
}

/// A lock file of the context, and the `COPY`s and `ADD`s that send it and the
/// `package.json` beside it.
struct ContextLock {
    path: String,
    sent_by: Marked,
    manifest_sent_by: Marked,
}

/// The instructions the rule asks about at every install, found once per file (asked of
/// each instruction before it, they made thousands of installs quadratic).
struct Marks {
    /// `RUN`s that remove a lock file.
    lock_removals: Marked,
    /// `COPY`s and `ADD`s that name a lock file.
    lock_copies: Marked,
    /// `COPY`s and `ADD`s that name `node_modules`.
    node_modules_copies: Marked,
    /// `COPY`s and `ADD`s that send a `node_modules` folder of the context.
    node_modules_sends: Marked,
    /// The context's lock files that `.dockerignore` leaves in, in the order of its file
    /// list (none without a file list).
    context_locks: Vec<ContextLock>,
}

impl Marks {
    fn find(checker: &Checker) -> Marks {
        let (mut lock_removals, mut lock_copies, mut node_modules_copies) =
            (Vec::new(), Vec::new(), Vec::new());
        let mut copies: Vec<(usize, Vec<&str>)> = Vec::new();
        for (i, inst) in checker.instructions().iter().enumerate() {
            if inst.kind == InstructionKind::Run
                && checker.script(i).is_some_and(|s| removes_lock(s, u32::MAX))
            {
                lock_removals.push(i);
            }
            let Some(sources) = context_sources(inst) else {
                continue;
            };
            if sources.iter().any(|s| names_lock(s)) {
                lock_copies.push(i);
            }
            if sources.iter().any(|s| s.contains("node_modules")) {
                node_modules_copies.push(i);
            }
            copies.push((i, sources));
        }
        let sending = |sends: &dyn Fn(&[&str]) -> bool| -> Marked {
            let found = copies
                .iter()
                .filter(|(_, sources)| sends(sources))
                .map(|(i, _)| *i)
                .collect();
            Marked::new(checker, found)
        };
        let node_modules_sends = match checker.context.derived_with_ignore(NodeModules::find) {
            Some(folders) => {
                sending(&|sources| folders.0.iter().any(|f| checker.sends_file(sources, f)))
            }
            None => Marked::default(),
        };
        let mut context_locks = Vec::new();
        if checker.context.files().is_some() {
            let mut locks: Vec<_> = LOCKS
                .iter()
                .flat_map(|l| checker.context.files_named(l))
                .filter(|(i, _)| !checker.context.file_ignored(*i))
                .collect();
            locks.sort_by_key(|(i, _)| *i);
            context_locks = locks
                .into_iter()
                .map(|(_, f)| {
                    let base = f.path.rsplit('/').next().unwrap_or(&f.path);
                    let manifest = f.path.replace(base, "package.json");
                    ContextLock {
                        path: f.path.clone(),
                        sent_by: sending(&|sources| checker.sends_file(sources, &f.path)),
                        manifest_sent_by: sending(&|sources| {
                            checker.sends_file(sources, &manifest)
                        }),
                    }
                })
                .collect();
        }
        Marks {
            lock_removals: Marked::new(checker, lock_removals),
            lock_copies: Marked::new(checker, lock_copies),
            node_modules_copies: Marked::new(checker, node_modules_copies),
            node_modules_sends,
            context_locks,
        }
    }
}

/// Whether a command of `script` before `limit` removes a lock file.
fn removes_lock(script: &Script, limit: u32) -> bool {
    script.commands.iter().any(|c| {
        c.range.start < limit
            && rm_targets(c)
                .is_some_and(|mut t| t.any(|w| LOCKS.iter().any(|l| w.value.ends_with(l))))
    })
}

/// Whether a `COPY` source names a lock file.
fn names_lock(source: &str) -> bool {
    let s = context_relative(source);
    LOCKS
        .iter()
        .any(|l| s == *l || s.strip_suffix(l).is_some_and(|d| d.ends_with('/')))
}

/// The context's `node_modules` folders that `.dockerignore` leaves in, each as one of its
/// files: worked out once per context, as the folders may hold tens of thousands of files.
struct NodeModules(Vec<String>);

impl NodeModules {
    fn find(context: &Context) -> NodeModules {
        let mut folders: HashSet<&str> = HashSet::new();
        let mut files = Vec::new();
        for (i, f) in context.files().unwrap_or_default().iter().enumerate() {
            let folder = match f.path.find("node_modules/") {
                Some(at) if at == 0 || f.path.as_bytes()[at - 1] == b'/' => &f.path[..at],
                _ => continue,
            };
            if !folders.contains(folder) && !context.file_ignored(i) {
                folders.insert(folder);
                files.push(f.path.clone());
            }
        }
        NodeModules(files)
    }
}

/// Whether the install names packages (`npm install express`): a word after the verb that
/// is neither an option nor an option's value.
fn adds_packages(args: &[Word], verb: &Word) -> bool {
    let mut after = args.iter().skip_while(|w| !std::ptr::eq(*w, verb)).skip(1);
    while let Some(w) = after.next() {
        if w.value.starts_with('-') {
            if VALUE_OPTIONS.contains(&w.value.as_str()) {
                after.next();
            }
            continue;
        }
        return true;
    }
    false
}

/// Where the stage's lock file comes from, if it has one at the install.
fn lock_file(
    checker: &Checker,
    index: usize,
    script: &Script,
    before: u32,
    marks: &Marks,
) -> Option<Lock> {
    if removes_lock(script, before) || marks.lock_removals.before(checker, index) {
        return None;
    }
    // A COPY that names the lock file.
    if marks.lock_copies.before(checker, index) {
        return Some(Lock::Copied);
    }
    // The context's lock files, brought in by a glob or a whole-context COPY, or not at all.
    let mut in_context = None;
    for lock in &marks.context_locks {
        if lock.sent_by.before(checker, index) {
            return Some(Lock::Copied);
        }
        if in_context.is_none() && lock.manifest_sent_by.before(checker, index) {
            in_context = Some(lock.path.clone());
        }
    }
    in_context.map(Lock::InContext)
}
