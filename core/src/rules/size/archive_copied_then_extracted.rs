use crate::declare_rule;
use crate::rules::Checker;
use crate::semantic::commands::{invocation, program};
use crate::semantic::quoting::unquote;
use crate::semantic::variables::for_each_var;
use crate::syntax::shell::{Command, Word};
use crate::syntax::{Args, Instruction, InstructionKind, TextRange};

declare_rule! {
    /// ## What it does
    /// Checks for a local tar archive copied with `COPY` and then unpacked with `tar -x`
    /// by a later `RUN` of the same stage, also in two steps (`gunzip app.tar.gz`, then
    /// `tar -xf app.tar`). A name with a variable (`app-${VERSION}.tar.gz`) is the same
    /// file in both when the variable is not set again in between.
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
        programs: ["tar", "gunzip", "gzip", "bunzip2", "bzip2", "unxz", "xz", "unzstd", "zstd"],
        check: check,
    }
}

/// The suffixes of the tar archives `ADD` unpacks: plain `.tar` first, then the compressed.
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
    index: usize,
    name: &'a str,
    /// The name once `gunzip` or the like has unpacked the compression (`app.tar.gz` →
    /// `app.tar`): `tar -x` of that file unpacks the same archive.
    decompressed: Option<String>,
    reported: bool,
}

impl Copied<'_> {
    fn is(&self, name: &str) -> bool {
        self.name == name || self.decompressed.as_deref() == Some(name)
    }
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
                remember_archives(inst, index, &mut copied);
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
                if let Some(file) = decompressed_tar(command) {
                    for c in copied.iter_mut().filter(|c| c.is(file.0)) {
                        c.decompressed = Some(file.1.clone());
                    }
                    continue;
                }
                let Some(args) = tar_extract_args(command) else {
                    continue;
                };
                for c in copied.iter_mut().filter(|c| !c.reported) {
                    let names = [Some(c.name), c.decompressed.as_deref()];
                    let whole = names.into_iter().flatten().any(|n| extracts_whole(args, n));
                    if whole && !variable_changed(checker, c, index) {
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

/// Whether a variable in the archive's name (`app-${VERSION}.tar.gz`) is set again between
/// the `COPY` and the `RUN`: the two may then name different files.
fn variable_changed(checker: &Checker, copied: &Copied, run: usize) -> bool {
    if !copied.name.contains('$') {
        return false;
    }
    let mut names = Vec::new();
    for_each_var(copied.name, '\\', |var| names.push(var.name(copied.name)));
    checker.instructions()[copied.index + 1..run]
        .iter()
        .any(|inst| {
            matches!(inst.kind, InstructionKind::Env | InstructionKind::Arg)
                && names.iter().any(|n| checker.text(inst.range).contains(n))
        })
}

/// A command that unpacks the compression of a tar archive in place (`gunzip app.tar.gz`,
/// `xz -d app.tar.xz`): the archive's name and the name it leaves.
fn decompressed_tar(command: &Command) -> Option<(&str, String)> {
    let (program, args) = invocation(command)?;
    let decompresses = match program {
        "gunzip" | "bunzip2" | "unxz" | "unzstd" => true,
        "gzip" | "bzip2" | "xz" | "zstd" => args.iter().any(|w| {
            let v = w.value.as_str();
            v == "--decompress" || (v.starts_with('-') && !v.starts_with("--") && v.contains('d'))
        }),
        _ => false,
    };
    // `-c` and `-k` keep the archive, `-c` writes elsewhere: only an in-place unpacking
    // leaves the name this knows.
    let keeps = args.iter().any(|w| {
        let v = w.value.as_str();
        matches!(v, "--stdout" | "--to-stdout" | "--keep")
            || (v.starts_with('-') && !v.starts_with("--") && (v.contains('c') || v.contains('k')))
    });
    if !decompresses || keeps {
        return None;
    }
    let mut files = args.iter().filter(|w| !w.value.starts_with('-'));
    let (Some(file), None) = (files.next(), files.next()) else {
        return None;
    };
    let name = basename(&file.value);
    // `app.tar.gz`, `app.tgz` → `app.tar`.
    let tar = TAR_SUFFIXES[1..]
        .iter()
        .find_map(|suffix| name.strip_suffix(suffix))
        .map(|stem| format!("{stem}.tar"))?;
    Some((name, tar))
}

fn remember_archives<'a>(inst: &'a Instruction, index: usize, copied: &mut Vec<Copied<'a>>) {
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
        if is_tar(name) {
            copied.push(Copied {
                range: inst.range,
                index,
                name,
                decompressed: None,
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
    let (_, args) = invocation(command)?;
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
