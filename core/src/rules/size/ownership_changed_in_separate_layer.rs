use std::cell::Cell;
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Bound;

use crate::declare_rule;
use crate::edit::Edit;
use crate::edit::Fix;
use crate::rules::Checker;
use crate::semantic::commands::has_flag;
use crate::semantic::commands::invocation;
use crate::semantic::instructions::copy_parts;
use crate::semantic::stages::stage_chain;
use crate::syntax::shell::{Command, Script};
use crate::syntax::{Args, InstructionKind, TextRange};

declare_rule! {
    /// ## What it does
    /// Checks for a `RUN chown -R` or `RUN chmod -R` over files that an earlier `COPY` or
    /// `ADD` of the same stage wrote.
    ///
    /// ## Why is this bad?
    /// A layer stores every file whose content or metadata changed. Changing the owner or
    /// the mode of copied files in a later `RUN` stores each of them a second time: the
    /// image carries the copied tree twice. `COPY --chown=user:group` and `COPY --chmod=755`
    /// set them while copying, in one layer.
    ///
    /// Only the image built by default is checked. Paths that depend on variables, or on a
    /// `WORKDIR` that is not known, are not compared.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM python:3.14-slim
    /// COPY . /srv/app
    /// RUN chown -R www-data:www-data /srv/app
    /// CMD ["python", "/srv/app/main.py"]
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM python:3.14-slim
    /// COPY --chown=www-data:www-data . /srv/app
    /// CMD ["python", "/srv/app/main.py"]
    /// ```
    ///
    /// ## Fix safety
    /// When the `RUN` does nothing else, the fix adds `--chown=`/`--chmod=` to the `COPY` and
    /// deletes the `RUN`. A user alone (`chown -R app`) becomes `--chown=app:0`: `chown`
    /// left the group root's, and `--chown=app` would set it to app's UID. It is safe when
    /// that keeps every owner and mode: no `RUN`, `COPY`, `ADD` or `WORKDIR` comes between
    /// the `COPY` and the `RUN` (one may write under the destination, and `chown -R`
    /// changed those files too: otherwise the fix is only shown), a mode is octal, the
    /// folder that holds the destination exists already (`COPY` gives the folders it
    /// creates above its destination the same owner and mode, where `chown -R` left them
    /// root's: otherwise the fix is only shown), and the destination is a single file or a
    /// directory the `COPY` creates itself (`COPY --chown` leaves an existing directory, say
    /// one made by `WORKDIR`, owned by root, where `chown -R` changed it too). A directory
    /// that existed before, or one under the system's folders (`/var/www`: the base image
    /// or a package may have made it), is advice, but for one only a `WORKDIR` made
    /// (empty): there the unsafe fix keeps a `chown` of the directory alone. Otherwise the
    /// fix is unsafe. When the `RUN` does more, the fix is only shown. On `ADD` it is only
    /// shown: `ADD` may unpack an archive, whose files keep the owners and modes the
    /// archive gives them, and whether `--chown` reaches them is not the same as `chown
    /// -R` of the tree.
    ///
    /// ## References
    /// - [Dockerfile reference: COPY --chown --chmod](https://docs.docker.com/reference/dockerfile/#copy---chown---chmod)
    /// - [moby/buildkit#790: `COPY --chown` and existing directories](https://github.com/moby/buildkit/issues/790)
    pub(crate) static RULE = {
        code: "SF105",
        name: "ownership-changed-in-separate-layer",
        category: Size,
        severity: Warning,
        default_enabled: true,
        buildkit: None,
        fix: Sometimes,
        programs: ["chown", "chmod"],
        check: check,
    }
}

/// What an earlier `COPY`/`ADD` of the stage wrote.
struct Written {
    index: usize,
    dest: String,
    /// One source that looks like a file, copied to a file path.
    single_file: bool,
}

fn check(checker: &Checker) {
    let Some(last) = checker.final_stage() else {
        return;
    };
    let budget = Cell::new(NAMED_SCAN_BUDGET);
    for stage in stage_chain(checker, last) {
        let mut workdir: Option<String> = None;
        let mut so_far = StageSoFar::new(&budget);
        for index in stage.instruction_range() {
            let inst = &checker.instructions()[index];
            match inst.kind {
                InstructionKind::Workdir => {
                    workdir = match &inst.args {
                        Args::Text(t) => resolve(workdir.as_deref(), &t.value),
                        _ => None,
                    };
                    so_far.made.extend(workdir.clone());
                    so_far.first_workdir.get_or_insert(index);
                }
                InstructionKind::Copy | InstructionKind::Add => {
                    if let Some((sources, dest)) = copy_parts(inst) {
                        if let Some(path) = resolve(workdir.as_deref(), &dest.value) {
                            // `app.jar`, `settings.py`: a name with an extension (not `conf.d`).
                            let file_like = |s: &str| {
                                let name = s.rsplit('/').next().unwrap_or(s);
                                name.contains('.')
                                    && !name.starts_with('.')
                                    && !name.ends_with(".d")
                                    && !s.contains(['*', '?', '['])
                            };
                            let single_file = sources.len() == 1
                                && file_like(&sources[0].value)
                                && !dest.value.ends_with('/')
                                && !matches!(dest.value.as_str(), "." | "./");
                            so_far.push(Written {
                                index,
                                dest: path,
                                single_file,
                            });
                        }
                    }
                }
                InstructionKind::Run if checker.runs_rule_programs(index) => {
                    if let Some(script) = checker.script(index) {
                        check_run(checker, index, script, workdir.as_deref(), &so_far);
                    }
                }
                _ => {}
            }
            if matches!(
                inst.kind,
                InstructionKind::Run | InstructionKind::Copy | InstructionKind::Add
            ) && so_far.first_workdir.is_some()
            {
                so_far.first_write_after_workdir.get_or_insert(index);
            }
        }
    }
}

/// How many bytes of earlier instructions [`named_before`] may search in one file. Real
/// files need a few kilobytes; past this, a directory is taken to exist before its
/// `COPY` (the finding is advice), so that a file of thousands of copies and `chown`s
/// is not searched once for each.
const NAMED_SCAN_BUDGET: usize = 64 << 20;

/// What the instructions of a stage before a `RUN` did, for its `chown -R`s.
struct StageSoFar<'b> {
    /// The copies, in order.
    written: Vec<Written>,
    /// Where in `written` each destination is.
    by_dest: BTreeMap<String, Vec<usize>>,
    /// The directories `WORKDIR`s made.
    made: BTreeSet<String>,
    /// The stage's first `WORKDIR`, and the first `RUN`, `COPY` or `ADD` after it.
    first_workdir: Option<usize>,
    first_write_after_workdir: Option<usize>,
    /// What is left of [`NAMED_SCAN_BUDGET`] for the file.
    budget: &'b Cell<usize>,
}

impl<'b> StageSoFar<'b> {
    fn new(budget: &'b Cell<usize>) -> Self {
        Self {
            written: Vec::new(),
            by_dest: BTreeMap::new(),
            made: BTreeSet::new(),
            first_workdir: None,
            first_write_after_workdir: None,
            budget,
        }
    }

    fn push(&mut self, written: Written) {
        self.by_dest
            .entry(written.dest.clone())
            .or_default()
            .push(self.written.len());
        self.written.push(written);
    }

    /// The last copy whose destination is one of `targets`, above one or below one, and
    /// whether an earlier copy is too.
    fn last_overlapping(&self, targets: &[&str]) -> Option<(&Written, bool)> {
        let (mut first, mut last): (Option<usize>, Option<usize>) = (None, None);
        let mut note = |positions: &[usize]| {
            if let (Some(&lo), Some(&hi)) = (positions.first(), positions.last()) {
                first = Some(first.map_or(lo, |f| f.min(lo)));
                last = Some(last.map_or(hi, |l| l.max(hi)));
            }
        };
        for &target in targets {
            if target == "/" {
                // Every copy is below it.
                if let Some(newest) = self.written.len().checked_sub(1) {
                    note(&[0, newest]);
                }
                continue;
            }
            // The target and the directories above it.
            let mut at = target;
            loop {
                if let Some(positions) = self.by_dest.get(at) {
                    note(positions);
                }
                at = match at.rfind('/') {
                    Some(0) if at != "/" => "/",
                    Some(i) if i > 0 => &at[..i],
                    _ => break,
                };
            }
            // And what is inside it.
            for (_, positions) in self.by_dest.range(inside(target)) {
                note(positions);
            }
        }
        let last = last?;
        Some((&self.written[last], first != Some(last)))
    }

    /// Whether a `WORKDIR` made `dir`, or a directory inside it (and so `dir` too).
    fn made_holds(&self, dir: &str) -> bool {
        self.made.contains(dir) || self.made_below(dir)
    }

    /// Whether a `WORKDIR` made a directory inside `dir`.
    fn made_below(&self, dir: &str) -> bool {
        self.made.range(inside(dir)).next().is_some()
    }
}

/// The paths strictly inside directory `dir`, as a range of sorted paths: `/` sorts right
/// before `0`.
fn inside(dir: &str) -> (Bound<String>, Bound<String>) {
    (
        Bound::Included(format!("{dir}/")),
        Bound::Excluded(format!("{dir}0")),
    )
}

fn check_run(
    checker: &Checker,
    index: usize,
    script: &Script,
    workdir: Option<&str>,
    so_far: &StageSoFar,
) {
    let mut changed_dir = false;
    for command in &script.commands {
        let Some((program, args)) = invocation(command) else {
            continue;
        };
        if program == "cd" || program == "pushd" {
            changed_dir = true;
            continue;
        }
        if !matches!(program, "chown" | "chmod") || !has_flag(args, &["-R", "--recursive"]) {
            continue;
        }
        if args.iter().any(|w| w.value.starts_with("--reference")) {
            continue;
        }
        let mut operands = args.iter().filter(|w| !w.value.starts_with('-'));
        let Some(spec) = operands.next() else {
            continue;
        };
        let paths: Vec<_> = operands.collect();
        let base = if changed_dir { None } else { workdir };
        let resolved: Vec<Option<String>> = paths
            .iter()
            .map(|p| (!p.dynamic).then(|| resolve(base, &p.value)).flatten())
            .collect();
        let targets: Vec<&str> = resolved.iter().flatten().map(String::as_str).collect();
        let Some((copy, others)) = so_far.last_overlapping(&targets) else {
            continue;
        };
        let copy_inst = &checker.instructions()[copy.index];
        let fix = fix(
            checker,
            index,
            script,
            command,
            program,
            spec.value.as_str(),
            &resolved,
            copy,
            others,
            so_far,
        );
        checker
            .report(
                command.range,
                format!(
                    "`{program} -R` stores again every file the `{}` on line {} wrote",
                    copy_inst.kind.as_str(),
                    copy_inst.start_line
                ),
            )
            .fix(fix);
    }
}

#[allow(clippy::too_many_arguments)]
fn fix(
    checker: &Checker,
    index: usize,
    script: &Script,
    command: &Command,
    program: &str,
    spec: &str,
    paths: &[Option<String>],
    copy: &Written,
    other_copies: bool,
    so_far: &StageSoFar,
) -> Fix {
    let flag = if program == "chown" { "chown" } else { "chmod" };
    let copy_inst = &checker.instructions()[copy.index];
    let run = &checker.instructions()[index];
    let display = || {
        Fix::display_only(format!(
            "Use `{} --{flag}=` and drop the `{program}`",
            copy_inst.kind.as_str()
        ))
    };
    let only_this = script.commands.len() == 1
        && script.errors.is_empty()
        && run.heredocs.is_empty()
        && run.flags.is_empty()
        && !other_copies
        && paths.len() == 1
        && paths[0].as_deref() == Some(copy.dest.as_str())
        && copy_inst.flag(flag).is_none()
        && command.assignments.is_empty()
        && command.redirects.is_empty();
    let value_ok = if program == "chown" {
        !spec.contains('$')
            && spec
                .split_once(':')
                .is_some_and(|(u, g)| !u.is_empty() && !g.is_empty() && !g.contains(':'))
            || (!spec.contains('$') && !spec.contains(':') && !spec.contains('.'))
    } else {
        (3..=4).contains(&spec.len()) && spec.bytes().all(|b| (b'0'..=b'7').contains(&b))
    };
    if !only_this || !value_ok {
        return display();
    }
    // `chown -R app` keeps the group the `COPY` gave (root's, as it had no `--chown`);
    // `--chown=app` alone would set the group to app's UID: name root's group.
    let spec = if program == "chown" && !spec.contains(':') {
        format!("{spec}:0")
    } else {
        spec.to_string()
    };
    // `COPY --chown`/`--chmod` give the directories the `COPY` creates above its
    // destination the same owner or mode; `chown -R` of the destination left them root's
    // and 0755.
    if !parent_exists(checker, copy, so_far) {
        return display();
    }
    let untouched_between = (copy.index + 1..index).all(|i| {
        !matches!(
            checker.instructions()[i].kind,
            InstructionKind::Run
                | InstructionKind::Copy
                | InstructionKind::Add
                | InstructionKind::Workdir
                | InstructionKind::From
        )
    });
    // An instruction between may write under the destination (`composer update` filling
    // `vendor/`, a database made by the app's setup): `chown -R` changed those files too,
    // the flag on the `COPY` would not.
    if !untouched_between {
        return display();
    }
    // A directory every base has (`/usr/local/bin`, `/etc`, `/opt`) exists before the
    // `COPY`: `chown -R`/`chmod -R` changed it and its own files too, the flag does not.
    let existed = existed_before(checker, copy, so_far) || base_has(&copy.dest);
    if !copy.single_file && existed {
        // `chown -R` changed the directory too, and what was in it already; `COPY --chown`
        // changes neither. A directory only a `WORKDIR` made, with nothing written into it
        // before the `COPY` or between the `COPY` and the `chown`, was empty: the flag plus a
        // `chown` of the directory alone keeps every owner. Anything else is advice.
        let workdir_only = copy.dest != "/"
            && nothing_written_since_workdir(so_far, copy.index)
            && so_far.made.contains(&copy.dest)
            && !so_far.made_below(&copy.dest)
            && !named_before(checker, copy.index, &copy.dest, so_far.budget)
            && copy_inst.kind == InstructionKind::Copy
            && copy
                .dest
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"/._-".contains(&b));
        if !workdir_only {
            return display();
        }
        return Fix::unsafe_(
            format!("Use `COPY --{flag}={spec}` and `{program}` only the directory"),
            vec![
                Edit::insert(copy_inst.keyword.range.end, format!(" --{flag}={spec}")),
                Edit::replace(command.range, format!("{program} {spec} {}", copy.dest)),
            ],
        );
    }
    let fresh_dir = !system_dir(&copy.dest) && !existed;
    // A directory under the system's folders (`/var/www`, `/etc/nginx`) may come with the
    // base image or a package installed before (apache2 makes `/var/www/html`): `chown -R`
    // changed what was there, the flag does not.
    if !copy.single_file && !fresh_dir {
        return display();
    }
    // `ADD` may unpack an archive (its files keep the archive's owners and modes), where
    // `--chown` is not shown to do what `chown -R` did: advice.
    if copy_inst.kind != InstructionKind::Copy {
        return display();
    }
    let source = checker.source();
    let mut end = run.range.end as usize;
    if source[end..].starts_with("\r\n") {
        end += 2;
    } else if source[end..].starts_with('\n') {
        end += 1;
    }
    let edits = vec![
        Edit::insert(copy_inst.keyword.range.end, format!(" --{flag}={spec}")),
        Edit::delete(TextRange::new(run.range.start, end as u32)),
    ];
    let title = format!(
        "Use `{} --{flag}={spec}` and drop the `RUN`",
        copy_inst.kind.as_str()
    );
    Fix::safe(title, edits)
}

/// Directories an image base may already hold: a `COPY` into them does not create them.
fn system_dir(path: &str) -> bool {
    let top = path.trim_start_matches('/').split('/').next().unwrap_or("");
    matches!(
        top,
        "" | "bin"
            | "boot"
            | "dev"
            | "etc"
            | "home"
            | "lib"
            | "lib32"
            | "lib64"
            | "libx32"
            | "media"
            | "mnt"
            | "opt"
            | "proc"
            | "root"
            | "run"
            | "sbin"
            | "srv"
            | "sys"
            | "tmp"
            | "usr"
            | "var"
    )
}

/// Whether no `RUN`, `COPY` or `ADD` of the stage lies between its first `WORKDIR` and the
/// instruction at `index`: a directory a `WORKDIR` made is still empty there (a `RUN`
/// writes into the working directory without naming it).
fn nothing_written_since_workdir(so_far: &StageSoFar, index: usize) -> bool {
    so_far.first_workdir.is_some_and(|w| w < index)
        && so_far.first_write_after_workdir.is_none_or(|i| i >= index)
}

/// An absolute, normalised path: `path` as written, relative to `base` (the `WORKDIR`).
/// `None` when it depends on a variable or on an unknown `WORKDIR`. A trailing `/*` or
/// `/.` names the directory.
fn resolve(base: Option<&str>, path: &str) -> Option<String> {
    if path.contains(['$', '`', '~']) {
        return None;
    }
    let mut parts: Vec<&str> = Vec::new();
    if !path.starts_with('/') {
        let base = base?;
        parts.extend(base.split('/').filter(|p| !p.is_empty()));
    }
    let path = path.strip_suffix("/*").unwrap_or(path);
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p if p.contains(['*', '?', '[']) => return None,
            p => parts.push(p),
        }
    }
    Some(format!("/{}", parts.join("/")))
}

/// Whether the destination of `copy` may exist before it: a `WORKDIR` made it (or a
/// directory below it), or an earlier instruction of the stage names it.
fn existed_before(checker: &Checker, copy: &Written, so_far: &StageSoFar) -> bool {
    let dest = copy.dest.as_str();
    so_far.made_holds(dest) || named_before(checker, copy.index, dest, so_far.budget)
}

/// Whether every base image has `dir`: `/`, a top-level directory of the file system
/// (`/opt`, `/etc`), or one below the top level that they all ship (`/usr/local/bin`).
fn base_has(dir: &str) -> bool {
    BASE_DIRECTORIES.contains(&dir) || (dir.rfind('/') == Some(0) && system_dir(dir))
}

/// Whether the directory that holds the destination of `copy` exists before it, so that
/// the `COPY` creates nothing above its destination: `/`, a top-level directory of the
/// base's file system (`/opt`, `/srv`), a directory every Linux base holds
/// (`/usr/local/bin`), one a `WORKDIR` made, or one an earlier instruction names.
fn parent_exists(checker: &Checker, copy: &Written, so_far: &StageSoFar) -> bool {
    let parent = match copy.dest.rfind('/') {
        Some(0) => "/",
        Some(i) => &copy.dest[..i],
        None => return false,
    };
    base_has(parent)
        || so_far.made_holds(parent)
        || named_before(checker, copy.index, parent, so_far.budget)
}

/// Directories below the top level that Debian, Ubuntu, Alpine and the distributions
/// like them all ship.
const BASE_DIRECTORIES: [&str; 12] = [
    "/usr/bin",
    "/usr/sbin",
    "/usr/lib",
    "/usr/share",
    "/usr/local",
    "/usr/local/bin",
    "/usr/local/lib",
    "/usr/local/share",
    "/var/lib",
    "/var/log",
    "/var/cache",
    "/var/tmp",
];

/// Whether an instruction of the stage before `copy` names its destination. The stage's
/// instructions are one stretch of the source: one search over it, each place found
/// checked for the instruction it is in, instead of a search of each instruction. Past
/// the file's `budget` of bytes searched, the answer is yes.
fn named_before(checker: &Checker, index: usize, dest: &str, budget: &Cell<usize>) -> bool {
    let Some(stage) = checker.stage_of(index) else {
        return true;
    };
    let insts = checker.instructions();
    let first = stage.from as usize + 1;
    if first >= index || dest.is_empty() {
        return false;
    }
    let start = insts[first].range.start as usize;
    let end = insts[index - 1].range.end as usize;
    let text = &checker.df.source()[start..end];
    let Some(left) = budget.get().checked_sub(text.len()) else {
        return true;
    };
    budget.set(left);
    let between = &insts[first..index];
    memchr::memmem::find_iter(text.as_bytes(), dest.as_bytes()).any(|at| {
        let at = (start + at) as u32;
        let i = between.partition_point(|inst| inst.range.end <= at);
        between.get(i).is_some_and(|inst| {
            inst.range.start <= at
                && at as usize + dest.len() <= inst.range.end as usize
                && matches!(
                    inst.kind,
                    InstructionKind::Run | InstructionKind::Copy | InstructionKind::Add
                )
        })
    })
}
