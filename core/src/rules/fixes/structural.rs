//! Edits that restructure a file: merging `RUN`s, moving a source `COPY` after the
//! dependency install. Rules call these to build their fixes; each returns `None` when
//! the file's shape makes the edit unsafe to compute (the rule then offers advice only).

use crate::edit::Edit;
use crate::syntax::shell::{Command, Connector, Script};
use crate::syntax::{Args, Dockerfile, Instruction, InstructionKind, Item, ItemKind, TextRange};

/// Programs and builtins whose effect outlives their command, or that end the shell
/// (`exit`, `exec`): merging a `RUN` that uses them into the next changes what the next one
/// sees, or never runs it (`RUN npm install; exit 0` then `RUN npm run build`).
/// `trap` runs its handler when the shell ends, which a merge delays; `eval` may do any of
/// these.
const SHELL_STATE: [&str; 19] = [
    "cd", "pushd", "popd", "export", "source", ".", "set", "umask", "alias", "shopt", "exit",
    "exec", "trap", "ulimit", "unset", "eval", "declare", "typeset", "readonly",
];

/// Whether a script joins top-level commands with `||`, `;` or `&`, which an `&&` in front
/// of it would not bind to the whole script.
fn loosely_joined(script: &Script) -> bool {
    script.commands.iter().any(|c| {
        c.depth == 0
            && !c.in_substitution
            && matches!(
                c.connector,
                Connector::Or | Connector::Seq | Connector::Background
            )
    })
}

/// Whether a script changes shell state that a following command would inherit.
pub(crate) fn changes_shell_state(commands: &[Command]) -> bool {
    commands.iter().any(|c| {
        c.program().is_some_and(|p| SHELL_STATE.contains(&p))
            || (c.words.is_empty() && !c.assignments.is_empty())
    })
}

/// Programs that can put another shell at `/bin/sh` (`ln -sf /bin/bash /bin/sh`,
/// `update-alternatives --install /bin/sh sh /bin/bash 100`, `dpkg-reconfigure dash`).
const SHELL_REPLACERS: [&str; 9] = [
    "ln",
    "rm",
    "mv",
    "cp",
    "install",
    "unlink",
    "update-alternatives",
    "dpkg-divert",
    "dpkg-reconfigure",
];

/// Whether a script may replace `/bin/sh`, the shell of every later `RUN`. The commands of
/// a `RUN` run by the shell that started it: moved into or after such a `RUN`, they would
/// still run under the old shell (`source` and `${v//a/b}` are bash's, not dash's).
pub(crate) fn replaces_shell(commands: &[Command]) -> bool {
    commands.iter().any(|c| {
        let named = c.program().is_some_and(|p| SHELL_REPLACERS.contains(&p))
            && c.args()
                .iter()
                .any(|w| matches!(w.value.as_str(), "/bin/sh" | "/usr/bin/sh" | "sh" | "dash"));
        // The same in a script handed to another shell: `bash -c 'rm /bin/sh; ln -s ...'`.
        let quoted = || {
            c.args().iter().any(|w| {
                w.value.contains("/bin/sh")
                    && w.value
                        .split(|ch: char| !ch.is_ascii_alphanumeric() && ch != '-')
                        .any(|token| SHELL_REPLACERS.contains(&token))
            })
        };
        named || quoted()
    })
}

fn item_of(df: &Dockerfile, inst: &Instruction) -> Option<Item> {
    let items = df.items();
    // Items are in source order and do not overlap.
    let at = items.partition_point(|i| i.range.end < inst.range.end);
    items[at..]
        .iter()
        .copied()
        .take_while(|i| i.range.start <= inst.range.start)
        .find(|i| i.kind == ItemKind::Instruction && i.range.contains_range(inst.range))
}

/// The shell text of a shell-form `RUN`, if it can be joined: no heredocs, no trailing
/// shell comment (a comment would swallow what is appended), no background job at the end.
fn joinable<'s>(
    df: &Dockerfile,
    index: usize,
    script: &impl Fn(usize) -> Option<&'s Script>,
) -> Option<TextRange> {
    let inst = df.instructions().get(index)?;
    if inst.kind != InstructionKind::Run || !inst.heredocs.is_empty() {
        return None;
    }
    let Args::Shell(command) = &inst.args else {
        return None;
    };
    let script = script(index)?;
    let last = script.ending_command()?;
    if !script.errors.is_empty() || last.connector == Connector::Background {
        return None;
    }
    // Anything after the last command but white space is a comment or a trailing `&`/`;`.
    let tail = df.text(TextRange::new(last.range.end, command.range.end));
    let tail_ok = tail.trim().is_empty() || tail.trim() == ";";
    // Up to the last command: a `;` after it would stand before the `&&` joined on.
    tail_ok.then_some(TextRange::new(command.range.start, last.range.end))
}

/// What follows a joinable script's last command on its line: a `;` and trailing white
/// space, replaced by the continuation (`echo hi; \` then `&& ...` is a syntax error, and a
/// space after the escape hides it from a reader).
fn line_tail(df: &Dockerfile, end: u32) -> TextRange {
    let rest = &df.source().as_bytes()[end as usize..];
    let len = rest
        .iter()
        .take_while(|b| matches!(b, b' ' | b'\t' | b';'))
        .count();
    TextRange::new(end, end + len as u32)
}

/// Merges consecutive `RUN`s `indices` (in order, same flags, only comments between them)
/// into the first, one command per line joined by ` && \`. Comments between them stay, as
/// comment lines inside the continuation; blank lines between them go.
/// `script` gives the shell script of an instruction (the analyzer's cached one).
///
/// A `RUN` other than the last that changes shell state (`cd pkg`, `export`, `set -e`) is
/// wrapped in a subshell, `( ... )`: each `RUN` starts in a fresh shell, so the commands
/// after it must not inherit that state (`cd pkg` twice would fail), and the subshell's
/// status is its last command's, as the `RUN`'s was. So is a `RUN` other than the first
/// whose commands are joined by `||`, `;` or `&` at the top: `&&` binds no tighter than
/// those, so `false && true || true` would succeed where `RUN false` stopped the build.
pub(crate) fn merge_runs<'s>(
    df: &Dockerfile,
    indices: &[usize],
    script: impl Fn(usize) -> Option<&'s Script>,
) -> Option<Vec<Edit>> {
    let (&first, rest) = indices.split_first()?;
    let head = df.instructions().get(first)?;
    let esc = df.escape();
    let indent = continuation_indent(df, head);
    let last = *indices.last()?;
    if indices[..indices.len() - 1]
        .iter()
        .any(|&i| script(i).is_none_or(|s| replaces_shell(&s.commands)))
    {
        return None;
    }
    let isolated = |i: usize| {
        let Some(s) = script(i) else {
            return true;
        };
        (i != last && changes_shell_state(&s.commands)) || (i != first && loosely_joined(s))
    };
    let mut edits = Vec::new();
    if isolated(first) {
        edits.push(Edit::insert(joinable(df, first, &script)?.start, "("));
    }
    let mut previous = first;
    for &next in rest {
        let prev_text = joinable(df, previous, &script)?;
        joinable(df, next, &script)?;
        let a = &df.instructions()[previous];
        let b = &df.instructions()[next];
        if a.flags
            .iter()
            .map(|f| &f.text)
            .ne(b.flags.iter().map(|f| &f.text))
        {
            return None;
        }
        let Args::Shell(b_command) = &b.args else {
            return None;
        };
        let b_item = item_of(df, b)?;
        let close = if isolated(previous) { ")" } else { "" };
        // `concat` rather than `format!`: this runs for every pair of a chain, ~5x cheaper.
        edits.push(Edit::replace(
            line_tail(df, prev_text.end),
            [close, " ", esc.encode_utf8(&mut [0; 4])].concat(),
        ));
        // Between the two: keep comment lines, drop blank ones.
        let a_item = item_of(df, a)?;
        let items = df.items();
        let between = items.partition_point(|i| i.range.start < a_item.range.end);
        for item in items[between..]
            .iter()
            .take_while(|i| i.range.end <= b_item.range.start)
        {
            match item.kind {
                ItemKind::Comment => {}
                ItemKind::Blank => edits.push(Edit::delete(item.range)),
                _ => return None,
            }
        }
        let open = if isolated(next) { "(" } else { "" };
        edits.push(Edit::replace(
            TextRange::new(b_item.range.start, b_command.range.start),
            [indent.as_str(), "&& ", open].concat(),
        ));
        previous = next;
    }
    if last != first && isolated(last) {
        edits.push(Edit::insert(joinable(df, last, &script)?.end, ")"));
    }
    Some(edits)
}

/// Variables whose change between two `RUN`s changes what any command does: which program
/// runs, where `~` is, through which proxy it downloads.
const AMBIENT_VARIABLES: [&str; 4] = ["PATH", "HOME", "PROXY", "SHELL"];

/// Whether the commands `moved` of `RUN` `from` run as they did once moved to `RUN` `into`:
/// the same user (`apt-get update` as the image's user fails), shell, working directory
/// (relative paths), and the variables they read. The instructions between decide it, and
/// a `RUN` between that replaces `/bin/sh` (the moved commands would run under another
/// shell than before).
fn same_setting_between<'s>(
    df: &Dockerfile,
    (from, into): (usize, usize),
    (moved, moved_commands): (&str, &[Command]),
    script: &impl Fn(usize) -> Option<&'s Script>,
) -> bool {
    let reads_variables = moved.contains(['$', '~']);
    let insts = df.instructions();
    let (low, high) = (from.min(into), from.max(into));
    (low..high).all(|i| {
        let inst = &insts[i];
        match inst.kind {
            _ if i == low => {
                inst.kind != InstructionKind::Run
                    || script(i).is_some_and(|s| !replaces_shell(&s.commands))
            }
            InstructionKind::User | InstructionKind::Shell => false,
            InstructionKind::Workdir => !uses_relative_paths(moved_commands),
            InstructionKind::Env | InstructionKind::Arg => {
                let set = df.text(inst.range).to_ascii_uppercase();
                !reads_variables && !AMBIENT_VARIABLES.iter().any(|v| set.contains(v))
            }
            InstructionKind::Run => script(i).is_some_and(|s| !replaces_shell(&s.commands)),
            _ => true,
        }
    })
}

/// Programs whose operands are paths.
const PATH_PROGRAMS: [&str; 11] = [
    "rm", "mv", "cp", "chmod", "chown", "find", "tar", "ln", "mkdir", "touch", "cd",
];

/// Whether commands read a path relative to the working directory: an operand of a path
/// program that is not absolute (`rm -rf node_modules/.cache`), a `./` or `../` path, or a
/// program run by one. `apt-get update` and `rm -rf /var/lib/apt/lists/*` read none.
fn uses_relative_paths(commands: &[Command]) -> bool {
    let relative = |v: &str| v.starts_with("./") || v.starts_with("../");
    commands.iter().any(|c| {
        let Some(program) = c.program() else {
            return false;
        };
        relative(program)
            || c.args().iter().any(|w| {
                let v = w.value.as_str();
                relative(v) || (PATH_PROGRAMS.contains(&program) && !v.starts_with(['-', '/']))
            })
    })
}

/// Moves the commands of `RUN` `from` into `RUN` `into` — after its last command
/// (`append`) or before its first — and deletes `from`. `None` when either `RUN` cannot be
/// joined (see [`merge_runs`]) or their flags differ.
pub(crate) fn move_run_into<'s>(
    df: &Dockerfile,
    from: usize,
    into: usize,
    append: bool,
    script: impl Fn(usize) -> Option<&'s Script>,
) -> Option<Vec<Edit>> {
    let moved = joinable(df, from, &script)?;
    let target = joinable(df, into, &script)?;
    let (a, b) = (&df.instructions()[from], &df.instructions()[into]);
    if a.flags
        .iter()
        .map(|f| &f.text)
        .ne(b.flags.iter().map(|f| &f.text))
    {
        return None;
    }
    let (moved_script, target_script) = (script(from)?, script(into)?);
    let text = df.text(moved).trim_end();
    if !same_setting_between(df, (from, into), (text, &moved_script.commands), &script) {
        return None;
    }
    // Appended commands would run where the target's `cd` left them.
    if append && changes_shell_state(&target_script.commands) {
        return None;
    }
    let from_item = item_of(df, a)?;
    let mut edits = Vec::new();
    // The comment lines that say what the moved `RUN` does go with its commands.
    let mut comments = attached_comments(df, &from_item);
    let comment_lines: String = comments.iter().map(|c| df.text(c.range)).collect();
    let comment_lines = if comment_lines.is_empty() || comment_lines.ends_with('\n') {
        comment_lines
    } else {
        format!("{comment_lines}\n")
    };
    if append {
        // `x && a || b` would run `b` when `x` failed: the moved commands as one.
        let text = if loosely_joined(moved_script) {
            format!("({text})")
        } else {
            text.to_string()
        };
        let esc = df.escape();
        // Comment lines inside a continuation are not part of the command.
        let joined = if b.joined.is_some() || !comments.is_empty() {
            format!(
                " {esc}\n{comment_lines}{}&& {text}",
                continuation_indent(df, b)
            )
        } else {
            format!(" && {text}")
        };
        edits.push(Edit::insert(target.end, joined));
        edits.extend(comments.iter().map(|c| Edit::delete(c.range)));
    } else {
        // The target must not inherit the moved commands' state, nor lose its own grouping.
        let text = if changes_shell_state(&moved_script.commands) {
            format!("({text})")
        } else {
            text.to_string()
        };
        if loosely_joined(target_script) {
            edits.push(Edit::insert(target.start, format!("{text} && (")));
            edits.push(Edit::insert(target.end, ")"));
        } else {
            edits.push(Edit::insert(target.start, format!("{text} && ")));
        }
        // Above the target's own comments; left where they are when only comments and
        // blank lines separate the two `RUN`s: they are above the target already.
        let into_item = item_of(df, b)?;
        let above_target = attached_comments(df, &into_item)
            .first()
            .map_or(into_item.range.start, |c| c.range.start);
        // Items are in source order and do not overlap: those between start after the
        // moved `RUN` and run up to the target's comments.
        let items = df.items();
        let first = items.partition_point(|i| i.range.start < from_item.range.end);
        let between = items[first..]
            .iter()
            .take_while(|i| i.range.end <= above_target)
            .any(|i| !matches!(i.kind, ItemKind::Comment | ItemKind::Blank));
        if between && !comments.is_empty() {
            edits.push(Edit::insert(above_target, comment_lines));
            edits.extend(comments.iter().map(|c| Edit::delete(c.range)));
        } else {
            comments.clear();
        }
    }
    edits.push(Edit::delete(from_item.range));
    // A blank line on each side of what goes: one is enough.
    let gone_from = comments
        .first()
        .map_or(from_item.range.start, |c| c.range.start);
    let items = df.items();
    let at = items.partition_point(|i| i.range.start < gone_from);
    let after = items.partition_point(|i| i.range.start < from_item.range.end);
    let blank = |i: Option<&Item>| i.is_some_and(|i| i.kind == ItemKind::Blank);
    if at > 0 && blank(items.get(at - 1)) && blank(items.get(after)) {
        edits.push(Edit::delete(items[at - 1].range));
    }
    Some(edits)
}

/// The comment lines right above an instruction (no blank line between), which say what it
/// does; none when one of them is a suppression (`# hadolint ignore=...`), which applies to
/// the instruction after it wherever it is.
fn attached_comments(df: &Dockerfile, item: &Item) -> Vec<Item> {
    let items = df.items();
    let at = items.partition_point(|i| i.range.start < item.range.start);
    let first = items[..at]
        .iter()
        .rposition(|i| i.kind != ItemKind::Comment)
        .map_or(0, |p| p + 1);
    let comments = &items[first..at];
    if comments
        .iter()
        .any(|c| df.text(c.range).to_ascii_lowercase().contains("ignore"))
    {
        return Vec::new();
    }
    comments.to_vec()
}

/// The indentation of a RUN's continuation lines, or four spaces.
fn continuation_indent(df: &Dockerfile, inst: &Instruction) -> String {
    let text = df.text(inst.range);
    text.lines()
        .nth(1)
        .map(|l| {
            l.chars()
                .take_while(|c| *c == ' ' || *c == '\t')
                .collect::<String>()
        })
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "    ".to_string())
}

/// Moves the whole-source `COPY` at `copy` to just after the install `RUN` at `install`,
/// and copies `manifests` to the same destination just before the install. `None` when a
/// `WORKDIR`, `USER` or `ARG`/`ENV` between them could change what the moved `COPY` means.
pub(crate) fn copy_manifests_first(
    df: &Dockerfile,
    copy: usize,
    install: usize,
    manifests: &[String],
) -> Option<Vec<Edit>> {
    let insts = df.instructions();
    let (c, r) = (insts.get(copy)?, insts.get(install)?);
    if copy >= install
        || manifests.is_empty()
        || c.kind != InstructionKind::Copy && c.kind != InstructionKind::Add
    {
        return None;
    }
    let between = &insts[copy + 1..install];
    if between.iter().any(|i| {
        matches!(
            i.kind,
            InstructionKind::Workdir
                | InstructionKind::User
                | InstructionKind::Arg
                | InstructionKind::Env
        )
    }) {
        return None;
    }
    let Args::List(words) = &c.args else {
        return None;
    };
    let dest = words.last()?.value.as_str();
    let (c_item, r_item) = (item_of(df, c)?, item_of(df, r)?);
    let keyword = df.text(c.keyword.range);
    let flags: String = c
        .flags
        .iter()
        .filter(|f| f.name() != "link")
        .map(|f| format!("{} ", df.text(f.range)))
        .collect();
    let mut moved_copy = df.text(c_item.range).to_string();
    if !moved_copy.ends_with('\n') {
        moved_copy.push('\n');
    }
    let mut middle = df
        .text(TextRange::new(c_item.range.end, r_item.range.start))
        .to_string();
    // One COPY per directory, so `requirements/prod.txt` lands where `COPY . /app` puts it.
    let mut groups: Vec<(&str, Vec<&str>)> = Vec::new();
    for m in manifests {
        let dir = m.rsplit_once('/').map_or("", |(d, _)| d);
        match groups.iter_mut().find(|(d, _)| *d == dir) {
            Some((_, files)) => files.push(m),
            None => groups.push((dir, vec![m])),
        }
    }
    for (dir, files) in groups {
        let target = match (dest.trim_end_matches('/'), dir) {
            ("." | "", "") => "./".to_string(),
            ("." | "", d) => format!("./{d}/"),
            (b, "") => format!("{b}/"),
            (b, d) => format!("{b}/{d}/"),
        };
        middle.push_str(&format!("{keyword} {flags}{} {target}\n", files.join(" ")));
    }
    let mut run = df.text(r_item.range).to_string();
    if !run.ends_with('\n') {
        run.push('\n');
    }
    let at_end = r_item.range.end as usize == df.source().len() && !df.source().ends_with('\n');
    let mut replacement = format!("{middle}{run}{moved_copy}");
    if at_end {
        replacement.pop();
    }
    Some(vec![Edit::replace(
        TextRange::new(c_item.range.start, r_item.range.end),
        replacement,
    )])
}

/// Inserts, before the whole-source `COPY` at `copy`, a `COPY` of `manifests` to the same
/// destination (with the same flags but `--link`) and a `RUN` of `download` (with the
/// cache `mounts` given), so that the dependencies are downloaded in a layer that only the
/// manifests invalidate. The build `RUN` stays as it is.
pub(crate) fn insert_dependency_step(
    df: &Dockerfile,
    copy: usize,
    manifests: &[String],
    download: &str,
    mounts: &[String],
) -> Option<Vec<Edit>> {
    let c = df.instructions().get(copy)?;
    if !matches!(c.kind, InstructionKind::Copy | InstructionKind::Add) || manifests.is_empty() {
        return None;
    }
    let Args::List(words) = &c.args else {
        return None;
    };
    let dest = words.last()?.value.as_str();
    let c_item = item_of(df, c)?;
    // Start of the comment block above the COPY, if any: the new lines go above it.
    let items = df.items();
    let mut at = items.iter().position(|i| i.range == c_item.range)?;
    while at > 0 && items[at - 1].kind == ItemKind::Comment {
        at -= 1;
    }
    let start = items[at].range.start;
    if start != 0 && !df.source()[..start as usize].ends_with('\n') {
        return None;
    }
    let keyword = df.text(c.keyword.range);
    let flags: String = c
        .flags
        .iter()
        .filter(|f| f.name() != "link")
        .map(|f| format!("{} ", df.text(f.range)))
        .collect();
    let target = match dest.trim_end_matches('/') {
        "." | "" => "./".to_string(),
        d => format!("{d}/"),
    };
    let run_flags: String = mounts.iter().map(|m| format!("{m} ")).collect();
    // Files in one COPY; a directory (`.mvn/`) in a COPY of its own, as `COPY dir dest/`
    // copies the directory's contents.
    let (dirs, files): (Vec<&String>, Vec<&String>) =
        manifests.iter().partition(|m| m.ends_with('/'));
    let mut text = String::new();
    if !files.is_empty() {
        let names: Vec<&str> = files.iter().map(|f| f.as_str()).collect();
        text.push_str(&format!("{keyword} {flags}{} {target}\n", names.join(" ")));
    }
    for dir in dirs {
        text.push_str(&format!("{keyword} {flags}{dir} {target}{dir}\n"));
    }
    text.push_str(&format!("RUN {run_flags}{download}\n"));
    Some(vec![Edit::insert(start, text)])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse;

    fn scripts(df: &Dockerfile) -> Vec<Option<Script>> {
        let posix = crate::syntax::shell_view::posix_shell_map(df);
        (0..df.instructions().len())
            .map(|i| crate::syntax::shell_view::instruction_script(df, i, posix[i]))
            .collect()
    }

    fn apply(src: &str, mut edits: Vec<Edit>) -> String {
        edits.sort_by_key(|e| e.range.start);
        let mut out = String::new();
        let mut at = 0;
        for e in edits {
            out.push_str(&src[at..e.range.start as usize]);
            out.push_str(&e.content);
            at = e.range.end as usize;
        }
        out + &src[at..]
    }

    #[test]
    fn merging_runs_keeps_comments_and_one_command_per_line() {
        let src = "FROM alpine\nRUN apk add curl\n# the tools\n\nRUN apk add git\nRUN echo done\n";
        let p = parse(src);
        let scripts = scripts(&p.dockerfile);
        let edits =
            merge_runs(&p.dockerfile, &[1, 2, 3], |i| scripts[i].as_ref()).expect("mergeable");
        assert_eq!(
            apply(src, edits),
            "FROM alpine\nRUN apk add curl \\\n# the tools\n    && apk add git \\\n    && echo done\n"
        );
    }

    #[test]
    fn a_run_that_changes_shell_state_is_merged_in_a_subshell() {
        let src = "FROM debian\nWORKDIR /src\nRUN mkdir pkg\nRUN cd pkg && touch a\nRUN export X=1 \\\n    && echo $X\nRUN cd pkg && touch b\n";
        let p = parse(src);
        let scripts = scripts(&p.dockerfile);
        let edits =
            merge_runs(&p.dockerfile, &[2, 3, 4, 5], |i| scripts[i].as_ref()).expect("mergeable");
        assert_eq!(
            apply(src, edits),
            "FROM debian\nWORKDIR /src\nRUN mkdir pkg \\\n    && (cd pkg && touch a) \\\n    && (export X=1 \\\n    && echo $X) \\\n    && cd pkg && touch b\n"
        );
        let src = "FROM debian\nRUN cd /opt\nRUN ls\n";
        let p = parse(src);
        let parsed = super::tests::scripts(&p.dockerfile);
        let edits = merge_runs(&p.dockerfile, &[1, 2], |i| parsed[i].as_ref()).expect("mergeable");
        assert_eq!(
            apply(src, edits),
            "FROM debian\nRUN (cd /opt) \\\n    && ls\n"
        );
    }

    #[test]
    fn a_run_of_commands_not_joined_by_and_is_merged_in_a_subshell() {
        let src =
            "FROM debian\nRUN false\nRUN true || true\nRUN a; b\nRUN c | d && e\nRUN f || g\n";
        let p = parse(src);
        let parsed = super::tests::scripts(&p.dockerfile);
        let edits =
            merge_runs(&p.dockerfile, &[1, 2, 3, 4, 5], |i| parsed[i].as_ref()).expect("mergeable");
        assert_eq!(
            apply(src, edits),
            "FROM debian\nRUN false \\\n    && (true || true) \\\n    && (a; b) \\\n    && c | d && e \\\n    && (f || g)\n"
        );
    }

    #[test]
    fn runs_with_a_trailing_comment_or_other_flags_are_not_merged() {
        for src in [
            "FROM alpine\nRUN a # note\nRUN b\n",
            "FROM alpine\nRUN --network=none a\nRUN b\n",
        ] {
            let p = parse(src);
            let scripts = scripts(&p.dockerfile);
            assert!(
                merge_runs(&p.dockerfile, &[1, 2], |i| scripts[i].as_ref()).is_none(),
                "{src}"
            );
        }
    }

    #[test]
    fn a_run_that_exits_is_merged_in_a_subshell() {
        // `npm install; exit 0 && npm run build` would never build.
        let src = "FROM node:20\nRUN npm install; exit 0\nRUN npm run build; exit 0\n";
        let p = parse(src);
        let parsed = super::tests::scripts(&p.dockerfile);
        let edits = merge_runs(&p.dockerfile, &[1, 2], |i| parsed[i].as_ref()).expect("mergeable");
        assert_eq!(
            apply(src, edits),
            "FROM node:20\nRUN (npm install; exit 0) \\\n    && (npm run build; exit 0)\n"
        );
    }

    #[test]
    fn a_trailing_semicolon_or_space_does_not_come_before_the_join() {
        // `echo hi; \` then `&& echo two` is a syntax error in sh; `\ ` hides the join.
        let src = "FROM alpine\nRUN echo hi;\nRUN echo two ;  \nRUN echo three \n";
        let p = parse(src);
        let scripts = scripts(&p.dockerfile);
        let edits =
            merge_runs(&p.dockerfile, &[1, 2, 3], |i| scripts[i].as_ref()).expect("mergeable");
        assert_eq!(
            apply(src, edits),
            "FROM alpine\nRUN echo hi \\\n    && echo two \\\n    && echo three \n"
        );
        let src = "FROM debian\nRUN apt-get update;\nCOPY x /x\nRUN apt-get install -y curl ;\n";
        let p = parse(src);
        let parsed = super::tests::scripts(&p.dockerfile);
        let edits =
            move_run_into(&p.dockerfile, 1, 3, false, |i| parsed[i].as_ref()).expect("movable");
        assert_eq!(
            apply(src, edits),
            "FROM debian\nCOPY x /x\nRUN apt-get update && apt-get install -y curl ;\n"
        );
        let edits =
            move_run_into(&p.dockerfile, 1, 3, true, |i| parsed[i].as_ref()).expect("movable");
        assert_eq!(
            apply(src, edits),
            "FROM debian\nCOPY x /x\nRUN apt-get install -y curl && apt-get update ;\n"
        );
    }

    #[test]
    fn a_lone_update_moves_into_the_install() {
        let src = "FROM debian\nRUN apt-get update\nCOPY x /x\nRUN apt-get install -y curl\n";
        let p = parse(src);
        let scripts = scripts(&p.dockerfile);
        let edits =
            move_run_into(&p.dockerfile, 1, 3, false, |i| scripts[i].as_ref()).expect("movable");
        assert_eq!(
            apply(src, edits),
            "FROM debian\nCOPY x /x\nRUN apt-get update && apt-get install -y curl\n"
        );
    }

    #[test]
    fn moved_commands_keep_their_grouping() {
        let src = "FROM debian\nRUN apt-get update\nRUN apt-get install -y curl || echo failed\nRUN make\nRUN rm -rf build || true\n";
        let p = parse(src);
        let parsed = super::tests::scripts(&p.dockerfile);
        let edits =
            move_run_into(&p.dockerfile, 1, 2, false, |i| parsed[i].as_ref()).expect("movable");
        assert_eq!(
            apply(src, edits),
            "FROM debian\nRUN apt-get update && (apt-get install -y curl || echo failed)\nRUN make\nRUN rm -rf build || true\n"
        );
        let edits =
            move_run_into(&p.dockerfile, 4, 3, true, |i| parsed[i].as_ref()).expect("movable");
        assert_eq!(
            apply(src, edits),
            "FROM debian\nRUN apt-get update\nRUN apt-get install -y curl || echo failed\nRUN make && (rm -rf build || true)\n"
        );
        let src = "FROM debian\nRUN cd /src && make\nRUN rm -rf build\n";
        let p = parse(src);
        let parsed = super::tests::scripts(&p.dockerfile);
        assert!(move_run_into(&p.dockerfile, 2, 1, true, |i| parsed[i].as_ref()).is_none());
    }

    #[test]
    fn a_cleanup_moves_into_the_run_that_made_the_files() {
        let src = "FROM debian\nRUN apt-get update \\\n    && apt-get install -y curl\nRUN rm -rf /var/lib/apt/lists/*\n";
        let p = parse(src);
        let scripts = scripts(&p.dockerfile);
        let edits =
            move_run_into(&p.dockerfile, 2, 1, true, |i| scripts[i].as_ref()).expect("movable");
        assert_eq!(
            apply(src, edits),
            "FROM debian\nRUN apt-get update \\\n    && apt-get install -y curl \\\n    && rm -rf /var/lib/apt/lists/*\n"
        );
    }

    #[test]
    fn nothing_moves_across_a_run_that_replaces_the_shell() {
        // After the `ln`, later `RUN`s run bash; merged, `source` would run under dash.
        let src = "FROM debian\nRUN ln -sf /bin/bash /bin/sh\nRUN source /etc/profile\nRUN apt-get update\nRUN apt-get install -y curl\nRUN rm -rf /var/lib/apt/lists/*\n";
        let p = parse(src);
        let parsed = scripts(&p.dockerfile);
        assert!(merge_runs(&p.dockerfile, &[1, 2], |i| parsed[i].as_ref()).is_none());
        assert!(merge_runs(&p.dockerfile, &[2, 3], |i| parsed[i].as_ref()).is_some());
        assert!(move_run_into(&p.dockerfile, 3, 4, false, |i| parsed[i].as_ref()).is_some());
        assert!(move_run_into(&p.dockerfile, 5, 1, true, |i| parsed[i].as_ref()).is_none());
        let src = "FROM debian\nRUN bash -c 'rm /bin/sh; ln -s /bin/bash /bin/sh'\nRUN source /etc/profile\n";
        let p = parse(src);
        let parsed = scripts(&p.dockerfile);
        assert!(merge_runs(&p.dockerfile, &[1, 2], |i| parsed[i].as_ref()).is_none());
        let src = "FROM debian\nRUN apt-get update\nRUN update-alternatives --install /bin/sh sh /bin/bash 100\nRUN apt-get install -y curl\n";
        let p = parse(src);
        let parsed = scripts(&p.dockerfile);
        assert!(move_run_into(&p.dockerfile, 1, 3, false, |i| parsed[i].as_ref()).is_none());
        // Merged last, the replacing `RUN` changes nothing for the ones before it.
        assert!(merge_runs(&p.dockerfile, &[1, 2], |i| parsed[i].as_ref()).is_some());
        assert!(merge_runs(&p.dockerfile, &[2, 3], |i| parsed[i].as_ref()).is_none());
    }

    #[test]
    fn nothing_moves_to_another_user_directory_or_variable_value() {
        for (between, moved, movable) in [
            ("USER app", "apt-get update", false),
            ("WORKDIR /app", "rm -rf node_modules/.cache", false),
            ("WORKDIR /app", "apt-get update", true),
            ("WORKDIR /app", "rm -rf /var/lib/apt/lists/*", true),
            ("SHELL [\"/bin/bash\", \"-c\"]", "apt-get update", false),
            ("ENV PATH=/opt/bin:$PATH", "apt-get update", false),
            ("ENV CACHE=/tmp/c", "rm -rf $CACHE", false),
            ("ENV DEBIAN_FRONTEND=noninteractive", "apt-get update", true),
            ("LABEL a=b", "rm -rf ~/.cache", true),
        ] {
            let src = format!("FROM debian\nRUN {moved}\n{between}\nRUN apt-get install -y curl\n");
            let p = parse(&src);
            let parsed = scripts(&p.dockerfile);
            assert_eq!(
                move_run_into(&p.dockerfile, 1, 3, false, |i| parsed[i].as_ref()).is_some(),
                movable,
                "{src}"
            );
        }
    }

    #[test]
    fn shell_state_is_noticed() {
        let p = parse("FROM alpine\nRUN cd /src && make\n");
        assert!(changes_shell_state(
            &scripts(&p.dockerfile)[1].as_ref().expect("script").commands
        ));
        let p = parse("FROM alpine\nRUN make\n");
        assert!(!changes_shell_state(
            &scripts(&p.dockerfile)[1].as_ref().expect("script").commands
        ));
    }

    #[test]
    fn source_copy_moves_after_the_install() {
        let src = "FROM node:24-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD [\"node\", \"server.js\"]\n";
        let p = parse(src);
        let manifests = ["package.json".to_string(), "package-lock.json".to_string()];
        let edits = copy_manifests_first(&p.dockerfile, 2, 3, &manifests).expect("movable");
        assert_eq!(
            apply(src, edits),
            "FROM node:24-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nCMD [\"node\", \"server.js\"]\n"
        );
    }

    #[test]
    fn a_workdir_between_copy_and_install_blocks_the_move() {
        let p = parse("FROM node\nCOPY . /src\nWORKDIR /src\nRUN npm ci\n");
        assert!(copy_manifests_first(&p.dockerfile, 1, 3, &["package.json".into()]).is_none());
    }
}
