//! The self-check a rewrite runs on its own output: the defects that mean a rewritten
//! file would no longer build, or would build an image that behaves differently, counted
//! by kind and name. The fix engine compares the counts before and after a pass and turns
//! a fix that adds one back into advice.
//!
//! The defect kinds:
//! - a program a stage runs that its base image (as the knowledge table knows it) lacks and
//!   the stage does not install — what a slim switch without the tools the stage uses does;
//! - a variable an instruction the builder does not expand at run time (`COPY`, `ADD`,
//!   `WORKDIR`, `ENV`, `USER`, `EXPOSE`, `LABEL`, `VOLUME`) uses but no `ENV`/`ARG` of its
//!   stage defines — what a stage split that leaves variables in the builder does;
//! - a `COPY --from=<stage>` source the stage model does not find in that stage;
//! - a flag the tool's version on that image does not have (`apk add --no-cache` before
//!   Alpine 3.3, npm `--omit` before npm 7, pip `--no-cache-dir` before pip 6, Poetry
//!   `--only` before 1.2).

use std::collections::{BTreeMap, HashMap};

use crate::knowledge::base_images::APK_NO_CACHE_SINCE;
use crate::semantic::commands::{has_flag, invocation, npm_command, pip_command, subcommand};
use crate::semantic::stage_model::{resolve, StageModel};
use crate::semantic::stages::lineage;
use crate::semantic::tool_versions::{
    alpine_release, npm_major, pip_major, poetry_version, PoetryVersion,
};
use crate::semantic::variables::{for_each_var, may_come_from_base_image};
use crate::semantic::Semantic;
use crate::syntax::{Args, InstructionKind, Parsed, Stage};

/// Defects by kind and name (`program curl`, `variable APP_HOME`), with how many times each
/// occurs.
pub(crate) type Defects = BTreeMap<String, usize>;

/// The defects of a file.
pub(crate) fn defects(parsed: &Parsed) -> Defects {
    model_defects(&Semantic::new(parsed))
}

/// The defects of a file whose model is built already (a rule's, during analysis).
pub(crate) fn model_defects(model: &Semantic) -> Defects {
    let parsed = model.parsed;
    let mut out = Defects::new();
    // Programs, variables and sources count once each (a split that repeats an `ENV` in
    // the runtime stage, or a fix that runs a program the stage runs already, adds
    // nothing); flags count every time they are written.
    let mut add = |key: String| {
        let entry = out.entry(key.clone()).or_default();
        if key.starts_with("flag ") || *entry == 0 {
            *entry += 1;
        }
    };
    let df = &parsed.dockerfile;
    let insts = df.instructions();
    let models = model.stage_models();
    // Whether a stage or one it is built on provides a program, per stage and program:
    // asked again for each stage of a chain, walking the chain each time was quadratic.
    let mut provided_by: HashMap<(u32, &str), bool> = HashMap::new();
    for stage in df.stages() {
        let Some(sm) = models.get(stage.index as usize) else {
            continue;
        };
        let root = models.get(model.root_stage(stage.index) as usize);
        // Programs the base lacks.
        if let Some(base) = root.and_then(|r| r.known_base()) {
            let mut missing_here: Vec<String> = Vec::new();
            for u in sm.uses() {
                if base.has_program(&u.name) || u.word.contains('/') {
                    continue;
                }
                let provided = sm.provides_for(u)
                    || lineage(df.stages(), stage).nth(1).is_some_and(|parent| {
                        lineage_provides(df.stages(), models, parent, &u.name, &mut provided_by)
                    });
                // Once per stage and program: another use of a program the stage already
                // runs adds nothing.
                if !provided
                    && crate::knowledge::base_images::known_program(&u.name)
                    && !missing_here.contains(&u.name)
                {
                    missing_here.push(u.name.clone());
                    add(format!("program `{}` missing on `{}`", u.name, base.image));
                }
            }
        }
        // Variables no ENV/ARG of the stage defines.
        let escape = df.escape();
        for i in stage.instruction_range() {
            let inst = &insts[i];
            let texts: Vec<&str> = match (&inst.kind, &inst.args) {
                (InstructionKind::Copy | InstructionKind::Add, Args::List(w)) => {
                    w.iter().map(|s| s.value.as_str()).collect()
                }
                (InstructionKind::Copy | InstructionKind::Add, Args::Exec { items, .. }) => {
                    items.iter().map(|s| s.value.as_str()).collect()
                }
                (InstructionKind::Workdir | InstructionKind::User, Args::Text(t)) => {
                    vec![t.value.as_str()]
                }
                (InstructionKind::Env | InstructionKind::Label, Args::KeyValues(kv)) => {
                    kv.iter().map(|k| k.value.value.as_str()).collect()
                }
                (InstructionKind::Expose | InstructionKind::Volume, Args::List(w)) => {
                    w.iter().map(|s| s.value.as_str()).collect()
                }
                _ => Vec::new(),
            };
            let flags: Vec<&str> = inst.flags.iter().filter_map(|f| f.value()).collect();
            for text in texts.iter().chain(&flags) {
                for_each_var(text, escape, |r| {
                    let name = r.name(text);
                    if r.has_default
                        || model.definitions().value_at(model, i, name).is_some()
                        || may_come_from_base_image(name, Some(stage))
                    {
                        return;
                    }
                    if root
                        .and_then(|m| m.known_base())
                        .is_some_and(|b| b.env.iter().any(|(n, _)| *n == name))
                    {
                        return;
                    }
                    add(format!("variable `{name}` undefined"));
                });
            }
        }
        // COPY --from sources the source stage does not make.
        for i in stage.instruction_range() {
            let inst = &insts[i];
            if inst.kind != InstructionKind::Copy {
                continue;
            }
            let Some(from) = inst.flag("from") else {
                continue;
            };
            let name = from.value().unwrap_or("");
            let earlier = |i: &u32| *i < stage.index;
            let by_name = model.first_stage_named(name).filter(earlier);
            let by_number = name.parse::<u32>().ok().filter(earlier);
            let source_stage = by_name.into_iter().chain(by_number).min();
            let Some(source) = source_stage.and_then(|s| models.get(s as usize)) else {
                continue;
            };
            let Args::List(words) = &inst.args else {
                continue;
            };
            let Some((_, sources)) = words.split_last() else {
                continue;
            };
            for s in sources {
                if s.value.contains(['$', '*', '?', '[']) {
                    continue;
                }
                let path = resolve(source.final_workdir(), &s.value);
                // Made there, or put on the `PATH` by a tool install (`go install` into
                // `/go/bin`), as the rewriting rules read it.
                let makes = |m: &StageModel| m.made(&path).is_some() || m.in_tool_directory(&path);
                let known = makes(source);
                let from_parent = matches!(source.base, crate::semantic::stage_model::BaseOf::Stage(p) if models.get(p as usize).is_some_and(makes));
                if !known && !from_parent {
                    add(format!("source `{path}` not made by its stage"));
                }
            }
        }
    }
    // Flags the tool's version lacks.
    for (index, inst) in insts.iter().enumerate() {
        if inst.kind != InstructionKind::Run {
            continue;
        }
        let Some(script) = model.script(index) else {
            continue;
        };
        for c in &script.commands {
            let Some((program, args)) = invocation(c) else {
                continue;
            };
            match program {
                "apk"
                    if subcommand(args, &[]).is_some_and(|(_, s)| s.value == "add")
                        && has_flag(args, &["--no-cache"]) =>
                {
                    if alpine_release(model, index).is_some_and(|r| r < APK_NO_CACHE_SINCE) {
                        add("flag `apk add --no-cache` before Alpine 3.3".into());
                    }
                }
                "npm" => {
                    if npm_command(c).is_some()
                        && args.iter().any(|w| w.value.starts_with("--omit"))
                        && npm_major(model, index, c.range.start).is_some_and(|m| m < 7)
                    {
                        add("flag `npm --omit` before npm 7".into());
                    }
                }
                "poetry" => {
                    let only = args
                        .iter()
                        .any(|w| w.value == "--only" || w.value.starts_with("--only="));
                    let no_dev = args.iter().any(|w| w.value == "--no-dev");
                    match poetry_version(model, index, c.range.start) {
                        PoetryVersion::Pinned(a, b) if only && (a, b) < (1, 2) => {
                            add("flag `poetry --only` before Poetry 1.2".into())
                        }
                        PoetryVersion::Legacy if only => {
                            add("flag `poetry --only` before Poetry 1.2".into())
                        }
                        PoetryVersion::Pinned(a, _) if no_dev && a >= 2 => {
                            add("flag `poetry --no-dev` after Poetry 2.0".into())
                        }
                        _ => {}
                    }
                }
                _ => {
                    if let Some((sub, pip_args)) = pip_command(c) {
                        if sub.value == "install"
                            && has_flag(pip_args, &["--no-cache-dir"])
                            && pip_major(model, index, c.range.start).is_some_and(|m| m < 6)
                        {
                            add("flag `pip --no-cache-dir` before pip 6".into());
                        }
                    }
                }
            }
        }
    }
    out
}

/// Whether stage `stage` or a stage it is built on provides `program` (makes it, or
/// installs a package with it). Answers are kept per stage, so each stage of a chain is
/// asked once per program.
fn lineage_provides<'m>(
    stages: &[Stage],
    models: &[StageModel],
    stage: &Stage,
    program: &'m str,
    known: &mut HashMap<(u32, &'m str), bool>,
) -> bool {
    let mut walked: Vec<u32> = Vec::new();
    let mut found = false;
    for s in lineage(stages, stage) {
        if let Some(&answer) = known.get(&(s.index, program)) {
            found = answer;
            break;
        }
        walked.push(s.index);
        if models
            .get(s.index as usize)
            .is_some_and(|m| m.provides_before(program, usize::MAX, None))
        {
            found = true;
            break;
        }
    }
    for s in walked {
        known.insert((s, program), found);
    }
    found
}

/// The defects `after` has that `before` did not (a count that grew).
pub(crate) fn new_defects(before: &Defects, after: &Defects) -> Vec<String> {
    after
        .iter()
        .filter(|(k, n)| before.get(*k).copied().unwrap_or(0) < **n)
        .map(|(k, _)| k.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse;

    fn d(src: &str) -> Vec<String> {
        defects(&parse(src)).into_keys().collect()
    }

    #[test]
    fn finds_each_kind() {
        assert_eq!(
            d("FROM python:3.11-slim\nRUN curl -fsS x\n"),
            ["program `curl` missing on `python`"]
        );
        assert!(d("FROM python:3.11\nRUN curl -fsS x\n").is_empty());
        assert!(d(
            "FROM python:3.11-slim\nRUN apt-get update && apt-get install -y curl && curl x\n"
        )
        .is_empty());
        assert_eq!(
            d("FROM golang:1.22 AS build\nENV APP=/srv/app\nRUN go build -o $APP/bin/x\nFROM alpine:3.19\nCOPY --from=build $APP/bin/x /x\n"),
            ["variable `APP` undefined"]
        );
        assert_eq!(
            d("FROM golang:1.22 AS build\nWORKDIR /src\nRUN go build -o x && mv x /usr/bin/x\nFROM alpine:3.19\nCOPY --from=build /src/x /x\n"),
            ["source `/src/x` not made by its stage"]
        );
        assert_eq!(
            d("FROM alpine:3.2\nRUN apk add --no-cache curl\n"),
            ["flag `apk add --no-cache` before Alpine 3.3"]
        );
        assert_eq!(
            d("FROM node:12\nRUN npm ci --omit=dev\n"),
            ["flag `npm --omit` before npm 7"]
        );
        assert!(d("FROM node:18\nRUN npm ci --omit=dev\n").is_empty());
    }

    #[test]
    fn new_defects_are_increases() {
        let before = defects(&parse("FROM python:3.11\nRUN curl x\n"));
        let after = defects(&parse("FROM python:3.11-slim\nRUN curl x\n"));
        assert_eq!(
            new_defects(&before, &after),
            ["program `curl` missing on `python`"]
        );
        assert!(new_defects(&after, &before).is_empty());
    }
}
