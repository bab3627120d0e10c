use crate::declare_rule;
use crate::rules::Checker;
use crate::semantic::commands::program;
use crate::semantic::quoting::unquote;
use crate::syntax::shell::{Command, Word};
use crate::syntax::{Args, Instruction, InstructionKind, TextRange};

declare_rule! {
    /// ## What it does
    /// Checks for a local tar archive copied with `COPY` and then unpacked with `tar -x`
    /// by a later `RUN` of the same stage.
    ///
    /// ## Why is this bad?
    /// The `COPY` layer keeps the archive for good, even when the `RUN` deletes it:
    /// the image holds the files twice, packed and unpacked. `ADD` unpacks a local tar
    /// archive (plain, gzip, bzip2, xz or zstd) straight into the destination, in one
    /// layer.
    ///
    /// Not reported when `tar` extracts only some members or changes paths
    /// (`--strip-components`, `--exclude`, ...), which `ADD` cannot do, nor for zip files
    /// and other formats `ADD` does not unpack, nor in builder stages, whose layers do not
    /// ship in the final image.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:trixie-slim
    /// COPY app.tar.gz /tmp/
    /// RUN tar -xzf /tmp/app.tar.gz -C /opt && rm /tmp/app.tar.gz
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:trixie-slim
    /// ADD app.tar.gz /opt/
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3010](https://github.com/hadolint/hadolint/wiki/DL3010)
    /// - [Dockerfile reference: ADD](https://docs.docker.com/reference/dockerfile/#adding-local-tar-archives)
    pub(crate) static RULE = {
        code: "DL3010",
        name: "archive-copied-then-extracted",
        category: Size,
        severity: Info,
        default_enabled: true,
        buildkit: None,
        fix: None,
        programs: ["tar"],
        check: check,
    }
}

/// The suffixes of the tar archives `ADD` unpacks.
const TAR_SUFFIXES: [&str; 11] = [
    ".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz", ".tbz2", ".tb2", ".tar.xz", ".txz", ".tar.zst",
    ".tzst",
];

/// tar options after which `ADD` would not give the same tree.
const TAR_ONLY_OPTIONS: [&str; 8] = [
    "--strip-components",
    "--strip",
    "--exclude",
    "--wildcards",
    "--files-from",
    "-T",
    "--transform",
    "--xform",
];

struct Copied<'a> {
    /// The `COPY` instruction.
    range: TextRange,
    name: &'a str,
    reported: bool,
}

fn check(checker: &Checker) {
    let stages = checker.stages();
    // The final stage and the stages it is built on (`FROM <stage>`): their layers ship.
    let mut shipped = vec![false; stages.len()];
    let mut next = stages.last().map(|s| s.index);
    while let Some(i) = next {
        shipped[i as usize] = true;
        next = stages[i as usize]
            .base_stage
            .filter(|b| !shipped[*b as usize]);
    }
    for stage in stages.iter().filter(|s| shipped[s.index as usize]) {
        let mut copied: Vec<Copied> = Vec::new();
        for index in stage.instruction_range() {
            let inst = &checker.instructions()[index];
            if inst.kind == InstructionKind::Copy {
                remember_archives(inst, &mut copied);
                continue;
            }
            if copied.is_empty() || inst.kind != InstructionKind::Run {
                continue;
            }
            if !checker.runs_rule_programs(index) {
                continue;
            }
            let Some(script) = checker.script(index) else {
                continue;
            };
            for command in &script.commands {
                let Some(args) = tar_extract_args(command) else {
                    continue;
                };
                for c in copied.iter_mut().filter(|c| !c.reported) {
                    if extracts_whole(args, c.name) {
                        c.reported = true;
                        checker.report(
                            c.range,
                            format!(
                                "Archive `{}` is copied, then extracted by a `RUN`: use `ADD`",
                                c.name
                            ),
                        );
                    }
                }
            }
        }
    }
}

fn remember_archives<'a>(inst: &'a Instruction, copied: &mut Vec<Copied<'a>>) {
    if inst.flag("from").is_some() || !inst.heredocs.is_empty() {
        return;
    }
    let words: Vec<&str> = match &inst.args {
        Args::List(words) => words.iter().map(|w| unquote(&w.value)).collect(),
        Args::Exec { items, .. } => items.iter().map(|w| w.value.as_str()).collect(),
        _ => return,
    };
    let Some((target, sources)) = words.split_last() else {
        return;
    };
    let mut add = |path: &'a str| {
        // A quoted Windows path with a space (`"C:\Program Files\app.tar"`) is two words
        // to BuildKit; the archive's name is the end of the last one.
        let name = basename(path).trim_end_matches(['"', '\'']);
        if is_tar(name) && !name.contains('$') {
            copied.push(Copied {
                range: inst.range,
                name,
                reported: false,
            });
        }
    };
    if is_tar(target.trim_end_matches(['"', '\''])) {
        add(target);
    } else {
        sources.iter().for_each(|s| add(s));
    }
}

fn basename(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

fn is_tar(name: &str) -> bool {
    TAR_SUFFIXES.iter().any(|s| name.ends_with(s))
}

/// The arguments of `tar` when it extracts (`-x`, `--extract`, `--get`, or an old-style
/// `xzf` first argument).
fn tar_extract_args(command: &Command) -> Option<&[Word]> {
    if program(command) != Some("tar") {
        return None;
    }
    let (_, args) = crate::semantic::commands::invocation(command)?;
    let extracts = args.iter().enumerate().any(|(i, w)| {
        let v = w.value.as_str();
        v == "--extract"
            || v == "--get"
            || (v.starts_with('-') && !v.starts_with("--") && v.contains('x'))
            || (i == 0
                && !v.starts_with('-')
                && v.contains('x')
                && v.bytes().all(|b| b.is_ascii_alphabetic()))
    });
    extracts.then_some(args)
}

/// Whether `tar` unpacks the whole archive `name` as it is.
fn extracts_whole(args: &[Word], name: &str) -> bool {
    let is_archive = |w: &Word| basename(w.value.rsplit('=').next().unwrap_or("")) == name;
    if !args.iter().any(is_archive) {
        return false;
    }
    let mut operands = 0;
    let mut skip_next = false;
    for (i, w) in args.iter().enumerate() {
        let v = w.value.as_str();
        if skip_next {
            skip_next = false;
            continue;
        }
        if TAR_ONLY_OPTIONS
            .iter()
            .any(|o| v == *o || v.strip_prefix(o).is_some_and(|r| r.starts_with('=')))
        {
            return false;
        }
        if v.starts_with('-') {
            skip_next = matches!(v, "-C" | "--directory" | "-f" | "--file");
            continue;
        }
        if i == 0 && v.bytes().all(|b| b.is_ascii_alphabetic()) {
            continue;
        }
        if !is_archive(w) {
            operands += 1;
        }
    }
    operands == 0
}
