//! Queries the image-size tips share: which instructions end up in the final image, what a
//! `COPY` takes from the build context, variables set by `ENV`/`ARG`, build steps, and
//! matching context paths against `.dockerignore`-style entries.

use super::checker::Checker;
use super::shell_queries::{invocation, subcommand};
use crate::edit::{Edit, Fix};
use crate::paths::is_whole_context;
use crate::syntax::shell::Command;
use crate::syntax::{Args, Instruction, InstructionKind, Stage, Str};

/// The stages whose layers make up the image built from `stage`: the stage itself, then the
/// stages it is based on through `FROM <stage>`, nearest first.
pub(crate) fn stage_chain<'a>(checker: &Checker<'a>, stage: &'a Stage) -> Vec<&'a Stage> {
    let stages = checker.df.stages();
    let mut chain = vec![stage];
    let mut current = stage;
    while let Some(base) = current.base_stage {
        match stages.get(base as usize) {
            // `base_stage` always points backwards; the guard keeps a bad index finite.
            Some(s) if s.index < current.index => {
                chain.push(s);
                current = s;
            }
            _ => break,
        }
    }
    chain
}

/// Whether instruction `index` is part of the image built by default: in the final stage or
/// in a stage the final stage is based on (`FROM base`).
pub(crate) fn in_final_image(checker: &Checker, index: usize) -> bool {
    checker.final_image_instructions().contains(&index)
}

/// The instructions of the final image in build order (ancestor stages first); rules read
/// them from [`Checker::final_image_instructions`], which works them out once.
pub(crate) fn final_image_instructions(checker: &Checker) -> Vec<usize> {
    let Some(last) = checker.final_stage() else {
        return Vec::new();
    };
    let mut chain = stage_chain(checker, last);
    chain.reverse();
    chain.iter().flat_map(|s| s.instruction_range()).collect()
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
    checker: &Checker<'a>,
) -> impl Iterator<Item = (usize, &'a Instruction)> + 'a {
    let instructions = checker.instructions();
    instructions.iter().enumerate().filter(|(_, inst)| {
        reads_context(inst)
            && copy_parts(inst).is_some_and(|(sources, _)| {
                sources
                    .iter()
                    .any(|s| !s.value.contains('$') && is_whole_context(&s.value))
            })
    })
}

/// The value of an `ENV` key or `ARG` default set before `index` in the image being built by
/// the stage of `index` (its `FROM <stage>` ancestors included), quotes removed. `Some("")`
/// for an `ARG` without default. A later command prefix (`NODE_ENV=x npm ci`) is the caller's.
pub(crate) fn variable_before<'a>(
    checker: &Checker<'a>,
    index: usize,
    name: &str,
) -> Option<&'a str> {
    let stage = checker.stage_of(index)?;
    let chain = stage_chain(checker, stage);
    let instructions = checker.instructions();
    let mut found = None;
    for s in chain.iter().rev() {
        for i in s.instruction_range() {
            if i >= index {
                break;
            }
            match &instructions[i].args {
                Args::KeyValues(pairs) if instructions[i].kind == InstructionKind::Env => {
                    for kv in pairs {
                        if kv.key.value == name {
                            found = Some(unquote(&kv.value.value));
                        }
                    }
                }
                Args::Words(words) if instructions[i].kind == InstructionKind::Arg => {
                    for w in words {
                        match w.value.split_once('=') {
                            Some((k, v)) if k == name => found = Some(unquote(v)),
                            None if w.value == name => found = found.or(Some("")),
                            _ => {}
                        }
                    }
                }
                _ => {}
            }
        }
    }
    found
}

fn unquote(value: &str) -> &str {
    let v = value.trim();
    for q in ['"', '\''] {
        if let Some(inner) = v.strip_prefix(q).and_then(|v| v.strip_suffix(q)) {
            return inner;
        }
    }
    v
}

/// A command that builds the project (and so needs compilers or dev dependencies), with a
/// short label for messages: `npm run build`, `go build`, `cargo build`, `mvn package`...
pub(crate) fn build_step(command: &Command) -> Option<&'static str> {
    let (program, args) = invocation(command)?;
    // The subcommand is only looked for once the program is one that has them: most
    // commands are none of these.
    let sub = || subcommand(args, &[]).map_or((args.len(), ""), |(i, w)| (i, w.value.as_str()));
    let builds = |name: &str| {
        !name.is_empty() && (name.contains("build") || matches!(name, "compile" | "dist"))
    };
    // `run` followed by a build script (`npm run build:prod`).
    let runs_build_script = |(at, sub): (usize, &str)| {
        matches!(sub, "run" | "run-script")
            && args
                .get(at + 1..)
                .unwrap_or(&[])
                .iter()
                .find(|w| !w.value.starts_with('-'))
                .is_some_and(|w| builds(&w.value))
    };
    let any_arg = |names: &[&str]| args.iter().any(|w| names.contains(&w.value.as_str()));
    let label = match program {
        "npm" if runs_build_script(sub()) => "npm run build",
        "pnpm" | "yarn" => {
            let (at, s) = sub();
            match (program, s) {
                ("pnpm", "run") if runs_build_script((at, s)) => "pnpm run build",
                ("yarn", "run") if runs_build_script((at, s)) => "yarn run build",
                ("pnpm", s) if builds(s) => "pnpm build",
                ("yarn", s) if builds(s) => "yarn build",
                _ => return None,
            }
        }
        "tsc" => "tsc",
        "go" | "cargo" | "dotnet" => match (program, sub().1) {
            ("go", "build") => "go build",
            ("go", "install") => "go install",
            ("cargo", "build") => "cargo build",
            ("cargo", "install") => "cargo install",
            ("dotnet", "publish") => "dotnet publish",
            ("dotnet", "build") => "dotnet build",
            _ => return None,
        },
        "mvn" | "mvnw" if any_arg(&["package", "install", "verify"]) => "mvn package",
        "gradle" | "gradlew"
            if any_arg(&[
                "build",
                "assemble",
                "bootJar",
                "installDist",
                "shadowJar",
                "jar",
            ]) =>
        {
            "gradle build"
        }
        "pip" | "pip3" if sub().1 == "wheel" => "pip wheel",
        _ => return compiler(program),
    };
    Some(label)
}

/// Programs that compile native code.
fn compiler(program: &str) -> Option<&'static str> {
    Some(match program {
        "make" | "gmake" => "make",
        "cmake" => "cmake",
        "gcc" | "g++" | "cc" | "c++" | "clang" | "clang++" => "a C compiler",
        "javac" => "javac",
        "rustc" => "rustc",
        _ => return None,
    })
}

/// The unsafe fix that pins the official base image `name` of a stage (written with `tag`,
/// or none) to the tag a pin chooses: `retag` edits the written image when the pin keeps its
/// name, otherwise the whole image is replaced.
pub(crate) fn pin_fix(
    checker: &Checker,
    stage: &Stage,
    name: &str,
    tag: Option<&str>,
    retag: impl FnOnce(&Str, &str) -> Option<Edit>,
) -> Option<Fix> {
    let pin = crate::knowledge::pinned_tag(name, tag)?;
    let word = editable_image(checker, stage)?;
    let edit = if pin.image == name {
        retag(word, &pin.tag)?
    } else {
        Edit::replace(word.range, format!("{}:{}", pin.image, pin.tag))
    };
    Some(Fix::unsafe_(
        format!("Pin `{}:{}`", pin.image, pin.tag),
        vec![edit],
    ))
}

/// The image word of a stage's `FROM` when a fix can edit it in place: written without
/// variables, quotes or line continuations.
pub(crate) fn editable_image<'a>(checker: &Checker<'a>, stage: &'a Stage) -> Option<&'a Str> {
    let image = stage.image.as_ref()?;
    (!image.value.contains('$') && checker.text(image.range) == image.value).then_some(image)
}

/// Bytes as megabytes with one decimal, the way repo-info prints them (10^6 bytes).
pub(crate) fn megabytes(bytes: u64) -> String {
    format!("{}.{} MB", bytes / 1_000_000, (bytes % 1_000_000) / 100_000)
}

/// A stage name that says the image is for development or tests: `dev`, `test`, `debug`...
pub(crate) fn named_for_development(name: &str) -> bool {
    name.split(['-', '_', '.']).any(|w| {
        matches!(
            w.to_ascii_lowercase().as_str(),
            "dev"
                | "develop"
                | "development"
                | "test"
                | "tests"
                | "testing"
                | "debug"
                | "ci"
                | "lint"
                | "e2e"
        )
    })
}

/// Whether a resolved image reference is plain text a registry accepts: no template
/// markers (`{{ }}`), no variable left unexpanded.
pub(crate) fn plain_reference(image: &str) -> bool {
    !image.is_empty()
        && image
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"._-/:@".contains(&b))
}
