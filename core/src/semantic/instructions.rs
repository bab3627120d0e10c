//! What instructions say beyond their words: the `RUN` an instruction runs (also under
//! `ONBUILD`), `--mount` flags and cache mounts, what a `COPY`/`ADD` takes from the build
//! context, `--platform`, ports, URLs.

use super::Semantic;
use crate::context::dockerignore::DockerIgnore;
use crate::paths::covers_cache;
use crate::paths::is_whole_context;
use crate::semantic::quoting::unquote;
use crate::semantic::variables::has_vars;
use crate::syntax::Args;
use crate::syntax::Flag;
use crate::syntax::Instruction;
use crate::syntax::InstructionKind;
use crate::syntax::Str;
use crate::syntax::TextRange;

/// The `RUN` an instruction is: itself, or the one an `ONBUILD` registers.
pub(crate) fn run_of(inst: &Instruction) -> Option<&Instruction> {
    match (inst.kind, &inst.trigger) {
        (InstructionKind::Run, _) => Some(inst),
        (InstructionKind::Onbuild, Some(t)) if t.kind == InstructionKind::Run => Some(t),
        _ => None,
    }
}

/// One `--mount=...` flag: its type (`bind` when not given) and its target.
pub(crate) struct Mount<'a> {
    pub kind: &'a str,
    pub target: &'a str,
}

/// The `--mount` flags of a `RUN`.
pub(crate) fn mounts(run: &Instruction) -> impl Iterator<Item = Mount<'_>> {
    run.flags_named("mount").map(|f| {
        let mut mount = Mount {
            kind: "bind",
            target: "",
        };
        for field in f.value().unwrap_or("").split(',') {
            let (key, value) = field.split_once('=').unwrap_or((field, ""));
            match key.trim() {
                "type" => mount.kind = value,
                "target" | "dst" | "destination" => mount.target = value,
                _ => {}
            }
        }
        mount
    })
}

/// Whether the `RUN` has a cache or tmpfs mount whose target contains one of `needles`.
pub(crate) fn has_cache_mount_with(run: &Instruction, needles: &[&str]) -> bool {
    mounts(run).any(|m| {
        matches!(m.kind, "cache" | "tmpfs") && needles.iter().any(|n| m.target.contains(n))
    })
}

/// The lines an instruction occupies, with the line ending after it: what to delete to
/// remove it (its range alone when something else shares its first line).
pub(crate) fn instruction_lines(model: &Semantic, inst: &Instruction) -> TextRange {
    let source = model.source();
    let start = inst.range.start as usize;
    let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
    if !source[line_start..start].trim().is_empty() {
        return inst.range;
    }
    let end = inst.range.end as usize;
    let line_end = source[end..]
        .find('\n')
        .map_or(source.len(), |i| end + i + 1);
    if !source[end..line_end].trim().is_empty() {
        return inst.range;
    }
    TextRange::new(line_start as u32, line_end as u32)
}

/// Targets of the `RUN`'s `--mount=type=cache` and `--mount=type=tmpfs` flags: what the
/// command writes there stays out of the layer.
pub(crate) fn cache_mount_targets(inst: &Instruction) -> impl Iterator<Item = &str> {
    inst.flags_named("mount").filter_map(|f| {
        let value = f.value()?;
        let mut kind = None;
        let mut target = None;
        for field in value.split(',') {
            let (key, v) = field.split_once('=').unwrap_or((field, ""));
            match key.trim() {
                "type" => kind = Some(v.trim()),
                "target" | "dst" | "destination" => target = Some(v.trim()),
                _ => {}
            }
        }
        matches!(kind, Some("cache" | "tmpfs"))
            .then_some(target)
            .flatten()
            .map(|t| unquote(t).trim_end_matches('/'))
    })
}

/// Whether the `RUN` has a cache (or tmpfs) mount over a cache directory (see
/// [`covers_cache`]).
pub(crate) fn cache_mounted(inst: &Instruction, home_relative: &[&str], absolute: &[&str]) -> bool {
    cache_mount_targets(inst).any(|t| covers_cache(t, home_relative, absolute))
}

/// The sources of a `COPY`/`ADD` from the build context (not `--from`, not heredocs), as
/// written.
pub(crate) fn context_sources(inst: &Instruction) -> Option<Vec<&str>> {
    if !matches!(inst.kind, InstructionKind::Copy | InstructionKind::Add)
        || inst.flag("from").is_some()
        || !inst.heredocs.is_empty()
    {
        return None;
    }
    let items: Vec<&str> = match &inst.args {
        Args::List(words) => words.iter().map(|w| unquote(&w.value)).collect(),
        Args::Exec { items, .. } => items.iter().map(|w| w.value.as_str()).collect(),
        _ => return None,
    };
    let (_, sources) = items.split_last()?;
    (!sources.is_empty()).then(|| sources.to_vec())
}

/// The sources and the destination of a `COPY` or `ADD` (heredoc sources left out).
pub(crate) fn copy_parts(inst: &Instruction) -> Option<(Vec<&Str>, &Str)> {
    if !matches!(inst.kind, InstructionKind::Copy | InstructionKind::Add) {
        return None;
    }
    let words = match &inst.args {
        Args::List(words) => words.as_slice(),
        Args::Exec { items, .. } => items.as_slice(),
        _ => return None,
    };
    let (dest, sources) = words.split_last()?;
    let sources = sources
        .iter()
        .filter(|s| !s.value.starts_with("<<"))
        .collect();
    Some((sources, dest))
}

/// Whether the `COPY`/`ADD` reads the build context (not `--from` another stage or image).
pub(crate) fn reads_context(inst: &Instruction) -> bool {
    matches!(inst.kind, InstructionKind::Copy | InstructionKind::Add) && inst.flag("from").is_none()
}

/// The context-reading `COPY`/`ADD` instructions that copy the whole context, with the index.
pub(crate) fn whole_context_copies<'a>(
    model: &Semantic<'a>,
) -> impl Iterator<Item = (usize, &'a Instruction)> + 'a {
    let instructions = model.instructions();
    instructions.iter().enumerate().filter(|(_, inst)| {
        reads_context(inst)
            && copy_parts(inst).is_some_and(|(sources, _)| {
                sources
                    .iter()
                    .any(|s| !s.value.contains('$') && is_whole_context(&s.value))
            })
    })
}

/// The `--platform` flag of a `FROM`.
pub(crate) fn platform_flag(inst: &Instruction) -> Option<&Flag> {
    inst.flags.iter().find(|f| f.name() == "platform")
}

/// The source range of bytes `start..end` of a flag's value (after `--name=`), when the
/// flag is written without quotes or continuations; else the whole flag.
pub(crate) fn flag_value_range(flag: &Flag, source: &str, start: usize, end: usize) -> TextRange {
    let value_at = flag.text.len() - flag.value().map_or(0, str::len);
    if flag.range.slice(source) == flag.text.as_str() {
        let base = flag.range.start as usize + value_at;
        TextRange::new((base + start) as u32, (base + end) as u32)
    } else {
        flag.range
    }
}

/// Maps the bytes `start..end` of a `Str`'s value to their source range, when the value
/// is the source text as is (no continuation lines, quotes or escapes in between); else
/// to the whole `Str`. The value is compared with the source once, for all the ranges
/// asked of it.
pub(crate) fn sub_ranges(s: &Str, source: &str) -> impl Fn(usize, usize) -> TextRange {
    let verbatim = s.range.slice(source) == s.value.as_str();
    let whole = s.range;
    move |start, end| {
        if verbatim {
            TextRange::new(whole.start + start as u32, whole.start + end as u32)
        } else {
            whole
        }
    }
}

/// The ports of every `EXPOSE` written without variables, as written (`8080/tcp`,
/// `80:8080`): what the EXPOSE format checks look at.
pub(crate) fn literal_exposed_ports<'a>(
    model: &Semantic<'a>,
) -> impl Iterator<Item = &'a Str> + 'a {
    let escape = model.df.escape();
    model
        .instructions()
        .iter()
        .filter(|inst| inst.kind == InstructionKind::Expose)
        .filter_map(|inst| match &inst.args {
            Args::List(ports) => Some(ports.iter()),
            _ => None,
        })
        .flatten()
        .filter(move |port| !has_vars(&port.value, escape))
}

/// The `--exclude` patterns of a `COPY` or `ADD`, as one matcher (`None`: there are none).
pub(crate) fn copy_excludes(copy: &Instruction) -> Option<DockerIgnore> {
    let patterns: Vec<&str> = copy
        .flags_named("exclude")
        .filter_map(|f| f.value())
        .collect();
    (!patterns.is_empty()).then(|| DockerIgnore::parse(&patterns.join("\n")))
}
