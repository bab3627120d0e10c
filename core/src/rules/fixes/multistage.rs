//! Splitting a single-stage build into a builder stage and a slim runtime stage, for the
//! ecosystems whose build output we can find: Node, Go, Python, Java and Rust.
//!
//! The builder keeps every instruction that builds (RUN, COPY, ADD, ARG, ENV, WORKDIR, in
//! their order, with their comments). The runtime stage starts from a slim image, copies
//! what the build produced, and receives what describes the running container (`CMD`,
//! `ENTRYPOINT`, `EXPOSE`, `USER`, `LABEL`, `HEALTHCHECK`, `VOLUME`, `STOPSIGNAL`), plus
//! the `ENV`s and the last `WORKDIR`.

use crate::edit::Edit;
use crate::knowledge::distroless::{distroless_nonroot_tag, distroless_runtime};
use crate::knowledge::{slimmer_variant, Flavor};
use crate::syntax::shell_view::instruction_script;
use crate::syntax::{Args, Dockerfile, InstructionKind, ItemKind, TextRange};

/// The new stages, as one edit replacing the old stage, and what they rest on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    pub edits: Vec<Edit>,
    pub runtime_image: String,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Ecosystem {
    Node,
    Go,
    Python,
    Java,
    Rust,
}

fn runtime_side(kind: InstructionKind) -> bool {
    use InstructionKind as K;
    matches!(
        kind,
        K::Cmd
            | K::Entrypoint
            | K::Expose
            | K::User
            | K::Label
            | K::Healthcheck
            | K::Volume
            | K::Stopsignal
            | K::Maintainer
            | K::Onbuild
    )
}

pub fn split_into_stages(df: &Dockerfile, prefer: Flavor) -> Option<Split> {
    let [stage] = df.stages() else { return None };
    let base = stage.base.as_ref()?;
    let family = base.official_name()?;
    let ecosystem = match family {
        "node" => Ecosystem::Node,
        "golang" => Ecosystem::Go,
        "python" => Ecosystem::Python,
        "maven" | "gradle" | "eclipse-temurin" | "openjdk" => Ecosystem::Java,
        "rust" => Ecosystem::Rust,
        _ => return None,
    };
    let insts = df.instructions();
    let from = &insts[stage.from as usize];
    let stage_name = stage
        .name
        .as_ref()
        .map_or_else(|| "build".to_string(), |n| n.value.to_string());

    // Where the file's pieces go, comments travelling with the instruction below them.
    let from_item = df
        .items()
        .iter()
        .position(|i| i.range.contains_range(from.range))?;
    let mut builder = String::new();
    let mut runtime_tail = String::new();
    let mut pending = String::new();
    let mut workdir: Option<String> = None;
    let mut envs: Vec<String> = Vec::new();
    let mut has_user = false;
    for item in &df.items()[from_item + 1..] {
        let text = df.text(item.range);
        match item.kind {
            ItemKind::Comment | ItemKind::Blank => pending.push_str(text),
            ItemKind::Directive | ItemKind::Error => return None,
            ItemKind::Instruction => {
                let inst = insts.iter().find(|i| item.range.contains_range(i.range))?;
                let target = if runtime_side(inst.kind) {
                    &mut runtime_tail
                } else {
                    &mut builder
                };
                target.push_str(&std::mem::take(&mut pending));
                target.push_str(text);
                if !text.ends_with('\n') {
                    target.push('\n');
                }
                match (&inst.kind, &inst.args) {
                    (InstructionKind::Workdir, Args::Text(w)) => {
                        workdir = Some(absolute(workdir.as_deref(), &w.value));
                    }
                    (InstructionKind::Env, _) => envs.push(df.text(inst.range).to_string()),
                    (InstructionKind::User, _) => has_user = true,
                    _ => {}
                }
            }
        }
    }
    runtime_tail.push_str(&pending);
    if !movable(df, stage.instruction_range()) {
        return None;
    }
    let builds = |programs: &[&str]| {
        (0..insts.len()).any(|i| programs.iter().any(|p| runs_program(df, i, p)))
    };
    let has_build_step = match ecosystem {
        Ecosystem::Node => builds(&["npm", "yarn", "pnpm"]),
        Ecosystem::Python => builds(&["pip", "pip3"]),
        Ecosystem::Java => builds(&["mvn", "./mvnw", "gradle", "./gradlew"]),
        Ecosystem::Go | Ecosystem::Rust => true, // their output was found above or below
    };
    // An application build: the source copied in and a command to run. Images that set up
    // tools or environments (no `CMD`, or nothing copied from the context) keep one stage.
    let copies_source = stage_insts(df, stage).any(|i| {
        matches!(i.kind, InstructionKind::Copy | InstructionKind::Add)
            && i.flag("from").is_none()
            && matches!(&i.args, Args::List(w) if w.len() >= 2 && w[..w.len() - 1].iter().any(|s| matches!(s.value.as_str(), "." | "./")))
    });
    let has_command = stage_insts(df, stage)
        .any(|i| matches!(i.kind, InstructionKind::Cmd | InstructionKind::Entrypoint));
    if !has_build_step || !copies_source || !has_command {
        return None;
    }
    // Node and Python copy the application directory over: without a WORKDIR it would be
    // the builder's whole file system.
    let app_dir = workdir.clone().filter(|w| w != "/");
    if matches!(ecosystem, Ecosystem::Node | Ecosystem::Python) && app_dir.is_none() {
        return None;
    }
    let workdir_or_root = app_dir.unwrap_or_default();

    let tag = base.tag.as_deref();
    let slim = slimmer_variant(family, tag, prefer);
    let same_family_runtime = |fallback: &str| match &slim {
        Some(s) => format!("{}:{}", s.image, s.tag),
        None => format!("{family}:{}", tag.unwrap_or(fallback)),
    };
    let mut runtime = String::new();
    let mut builder_prefix = String::new();
    let runtime_image;
    match ecosystem {
        Ecosystem::Node => {
            runtime_image = same_family_runtime("latest");
            let uses_npm = (0..insts.len()).any(|i| runs_program(df, i, "npm"));
            if uses_npm {
                builder.push_str("RUN npm prune --omit=dev\n");
            }
            runtime.push_str("ENV NODE_ENV=production\n");
            runtime.push_str(&format!("WORKDIR {workdir_or_root}\n"));
            runtime.push_str(&format!(
                "COPY --from={stage_name} {workdir_or_root} {workdir_or_root}\n"
            ));
            if !has_user {
                runtime.push_str("USER 1000\n"); // the `node` user of the official images
            }
        }
        Ecosystem::Go => {
            let binary = go_output(df, workdir.as_deref())?;
            let exec_only = insts
                .iter()
                .filter(|i| matches!(i.kind, InstructionKind::Cmd | InstructionKind::Entrypoint))
                .all(|i| i.is_exec_form());
            if !exec_only {
                return None; // distroless has no shell to run a shell-form CMD
            }
            // The maintained static image of the distroless table, as its non-root tag.
            let image = distroless_runtime("static", None)?;
            runtime_image = format!("{}:{}", image.repository, distroless_nonroot_tag(None)?);
            if !df.source().contains("CGO_ENABLED") {
                builder_prefix.push_str("ENV CGO_ENABLED=0\n");
            }
            if let Some(w) = &workdir {
                runtime.push_str(&format!("WORKDIR {w}\n"));
            }
            runtime.push_str(&format!("COPY --from={stage_name} {binary} {binary}\n"));
        }
        Ecosystem::Python => {
            runtime_image = same_family_runtime("latest");
            builder_prefix
                .push_str("RUN python -m venv /opt/venv\nENV PATH=\"/opt/venv/bin:$PATH\"\n");
            runtime.push_str("ENV PATH=\"/opt/venv/bin:$PATH\"\n");
            runtime.push_str(&format!("COPY --from={stage_name} /opt/venv /opt/venv\n"));
            runtime.push_str(&format!("WORKDIR {workdir_or_root}\n"));
            runtime.push_str(&format!(
                "COPY --from={stage_name} {workdir_or_root} {workdir_or_root}\n"
            ));
        }
        Ecosystem::Java => {
            let major = java_major(family, tag)?;
            runtime_image = format!("eclipse-temurin:{major}-jre");
            let uses_gradle = (0..insts.len())
                .any(|i| runs_program(df, i, "gradle") || runs_program(df, i, "./gradlew"));
            let output = if uses_gradle { "build/libs" } else { "target" };
            let dir = absolute(workdir.as_deref(), output);
            if let Some(w) = &workdir {
                runtime.push_str(&format!("WORKDIR {w}\n"));
            }
            runtime.push_str(&format!("COPY --from={stage_name} {dir} {dir}\n"));
        }
        Ecosystem::Rust => {
            let binary = rust_binary(df, workdir.as_deref())?;
            runtime_image = "debian:trixie-slim".to_string();
            if let Some(w) = &workdir {
                runtime.push_str(&format!("WORKDIR {w}\n"));
            }
            runtime.push_str(&format!("COPY --from={stage_name} {binary} {binary}\n"));
        }
    }
    if ecosystem != Ecosystem::Go {
        // In their order: a later ENV may use an earlier one.
        let block: String = envs.iter().map(|e| format!("{e}\n")).collect();
        runtime.insert_str(0, &block);
    }

    let from_text = df.text(from.range);
    let builder_from = if stage.name.is_some() {
        from_text.to_string()
    } else {
        format!("{from_text} AS {stage_name}")
    };
    let keyword = df.text(from.keyword.range);
    let text = format!(
        "{builder_from}\n{builder_prefix}{builder}\n{keyword} {runtime_image}\n{runtime}{runtime_tail}"
    );
    let start = df.items()[from_item].range.start;
    let end = df.source().len() as u32;
    Some(Split {
        edits: vec![Edit::replace(TextRange::new(start, end), text)],
        runtime_image,
    })
}

fn stage_insts<'d>(
    df: &'d Dockerfile,
    stage: &crate::syntax::Stage,
) -> impl Iterator<Item = &'d crate::syntax::Instruction> {
    df.instructions()[stage.instruction_range()].iter()
}

/// Whether the runtime instructions can leave the build: a `USER` followed by build steps
/// would change who runs them, and a `SHELL` would change how a moved shell-form `CMD`
/// runs.
fn movable(df: &Dockerfile, range: std::ops::Range<usize>) -> bool {
    let insts = &df.instructions()[range];
    if insts.iter().any(|i| i.kind == InstructionKind::Shell) {
        return false;
    }
    let builds_after = |at: usize| {
        insts[at + 1..].iter().any(|i| {
            matches!(
                i.kind,
                InstructionKind::Run | InstructionKind::Copy | InstructionKind::Add
            )
        })
    };
    !insts
        .iter()
        .enumerate()
        .any(|(at, i)| i.kind == InstructionKind::User && builds_after(at))
}

fn absolute(workdir: Option<&str>, path: &str) -> String {
    if path.starts_with('/') {
        return path.trim_end_matches('/').to_string().max("/".to_string());
    }
    let base = workdir.unwrap_or("/").trim_end_matches('/');
    let rel = path.trim_start_matches("./").trim_end_matches('/');
    format!("{base}/{rel}")
}

fn runs_program(df: &Dockerfile, index: usize, program: &str) -> bool {
    instruction_script(df, index, true)
        .is_some_and(|s| s.commands.iter().any(|c| c.program() == Some(program)))
}

/// `go build -o PATH`, made absolute against the WORKDIR.
fn go_output(df: &Dockerfile, workdir: Option<&str>) -> Option<String> {
    (0..df.instructions().len()).find_map(|i| {
        let script = instruction_script(df, i, true)?;
        script.commands.iter().find_map(|c| {
            let words: Vec<&str> = c.words.iter().map(|w| w.value.as_str()).collect();
            if words.first() != Some(&"go") || words.get(1) != Some(&"build") {
                return None;
            }
            let o = words.iter().position(|w| *w == "-o")?;
            let path = words.get(o + 1)?;
            (!path.contains('$')).then(|| absolute(workdir, path))
        })
    })
}

/// The binary a Rust image runs: the first word of its `CMD`/`ENTRYPOINT` when it lies in
/// `target/release` or cargo's bin directory.
fn rust_binary(df: &Dockerfile, workdir: Option<&str>) -> Option<String> {
    let run = df
        .instructions()
        .iter()
        .rev()
        .find(|i| matches!(i.kind, InstructionKind::Entrypoint | InstructionKind::Cmd))?;
    let first = match &run.args {
        Args::Exec { items, .. } => items.first()?.value.to_string(),
        Args::Shell(s) => s.value.split_whitespace().next()?.to_string(),
        _ => return None,
    };
    let path = absolute(workdir, &first);
    (path.contains("/target/release/") || path.starts_with("/usr/local/cargo/bin/")).then_some(path)
}

/// The Java major of a JDK builder image: `maven:3.9-eclipse-temurin-21` → 21,
/// `eclipse-temurin:21-jdk` → 21, `gradle:9.7-jdk25` → 25.
fn java_major(family: &str, tag: Option<&str>) -> Option<u32> {
    let tag = tag?;
    let digits_after = |marker: &str| -> Option<u32> {
        let rest = &tag[tag.find(marker)? + marker.len()..];
        rest.split(|c: char| !c.is_ascii_digit())
            .next()?
            .parse()
            .ok()
    };
    match family {
        "maven" => digits_after("temurin-").or_else(|| digits_after("jdk-")),
        "gradle" => digits_after("jdk"),
        _ => tag
            .split(|c: char| !c.is_ascii_digit())
            .next()?
            .parse()
            .ok(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse;

    fn split(src: &str) -> Option<String> {
        let p = parse(src);
        let s = split_into_stages(&p.dockerfile, Flavor::Slim)?;
        let e = &s.edits[0];
        Some(format!(
            "{}{}{}",
            &src[..e.range.start as usize],
            e.content,
            &src[e.range.end as usize..]
        ))
    }

    #[test]
    fn node_build_splits_into_builder_and_slim_runtime() {
        let src = "FROM node:24\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\n# compile\nRUN npm run build\nEXPOSE 3000\nCMD [\"node\", \"dist/server.js\"]\n";
        let out = split(src).expect("split");
        assert!(
            out.starts_with("FROM node:24 AS build\nWORKDIR /app\n"),
            "{out}"
        );
        assert!(
            out.contains(
                "# compile\nRUN npm run build\nRUN npm prune --omit=dev\n\nFROM node:24-slim\n"
            ),
            "{out}"
        );
        assert!(out.ends_with("COPY --from=build /app /app\nUSER 1000\nEXPOSE 3000\nCMD [\"node\", \"dist/server.js\"]\n"), "{out}");
        let reparsed = parse(&out);
        assert!(reparsed.errors.is_empty());
        assert_eq!(reparsed.dockerfile.stages().len(), 2);
    }

    #[test]
    fn go_binary_moves_to_distroless_static() {
        let src = "FROM golang:1.27\nWORKDIR /src\nCOPY . .\nRUN go build -o app ./cmd/server\nENTRYPOINT [\"/src/app\"]\n";
        let out = split(src).expect("split");
        assert!(
            out.contains("FROM golang:1.27 AS build\nENV CGO_ENABLED=0\nWORKDIR /src\n"),
            "{out}"
        );
        assert!(out.ends_with("FROM gcr.io/distroless/static-debian13:nonroot\nWORKDIR /src\nCOPY --from=build /src/app /src/app\nENTRYPOINT [\"/src/app\"]\n"), "{out}");
    }

    #[test]
    fn go_with_a_shell_form_entrypoint_is_left_alone() {
        assert!(split("FROM golang:1.27\nRUN go build -o /app .\nCMD /app --serve\n").is_none());
    }

    #[test]
    fn python_gets_a_venv_copied_into_slim() {
        let src = "FROM python:3.14\nWORKDIR /app\nRUN apt-get update && apt-get install -y gcc\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\nCMD [\"python\", \"app.py\"]\n";
        let out = split(src).expect("split");
        assert!(out.contains("FROM python:3.14 AS build\nRUN python -m venv /opt/venv\nENV PATH=\"/opt/venv/bin:$PATH\"\n"), "{out}");
        assert!(out.contains("FROM python:3.14-slim\nENV PATH=\"/opt/venv/bin:$PATH\"\nCOPY --from=build /opt/venv /opt/venv\nWORKDIR /app\nCOPY --from=build /app /app\nCMD"), "{out}");
    }

    #[test]
    fn java_runs_on_the_matching_jre() {
        let src = "FROM maven:3.9-eclipse-temurin-21\nWORKDIR /app\nCOPY . .\nRUN mvn -B package\nCMD [\"java\", \"-jar\", \"target/app.jar\"]\n";
        let out = split(src).expect("split");
        assert!(out.contains("FROM eclipse-temurin:21-jre\nWORKDIR /app\nCOPY --from=build /app/target /app/target\n"), "{out}");
    }

    #[test]
    fn rust_binary_named_by_the_command() {
        let src = "FROM rust:1.98\nWORKDIR /usr/src/app\nCOPY . .\nRUN cargo build --release\nCMD [\"./target/release/server\"]\n";
        let out = split(src).expect("split");
        assert!(out.contains("FROM debian:trixie-slim\nWORKDIR /usr/src/app\nCOPY --from=build /usr/src/app/target/release/server /usr/src/app/target/release/server\n"), "{out}");
    }

    #[test]
    fn an_app_without_workdir_is_not_copied_from_the_root() {
        assert!(split("FROM python:3.14\nCOPY . .\nRUN pip install -r requirements.txt\nCMD [\"python\", \"app.py\"]\n").is_none());
    }

    #[test]
    fn a_user_in_the_middle_of_the_build_stays_and_blocks_the_split() {
        let src = "FROM node:24\nWORKDIR /app\nUSER node\nRUN npm ci && npm run build\nCMD [\"node\", \"a.js\"]\n";
        assert!(split(src).is_none());
    }

    #[test]
    fn java_without_a_build_tool_is_not_split() {
        assert!(split(
            "FROM openjdk:8-jdk\nWORKDIR /x\nRUN apt-get install -y make\nCMD [\"sh\"]\n"
        )
        .is_none());
    }

    #[test]
    fn multi_stage_and_unknown_images_are_not_split() {
        assert!(split("FROM node:24 AS a\nRUN x\nFROM node:24-slim\n").is_none());
        assert!(split("FROM ubuntu:24.04\nRUN make\n").is_none());
    }
}
