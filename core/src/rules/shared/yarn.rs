//! Yarn 1 and Yarn 2+ ("berry") are different tools under one name: which one a stage
//! runs.

use crate::paths::context_relative;
use crate::rules::Checker;
use crate::semantic::commands::invocation;
use crate::semantic::instructions::context_sources;
use crate::semantic::instructions::run_of;
use crate::semantic::stages::Marked;
use crate::syntax::shell::Command;
use crate::syntax::shell::Script;
use crate::syntax::Instruction;

/// Whether the yarn a stage runs is Yarn 2+ ("berry"), a different tool with the same
/// name: a `.yarnrc.yml` copied in (or in the context of a whole-context COPY), `yarn set
/// version` / `corepack prepare yarn@2+` earlier (`setups`, from [`berry_setups`]), or
/// berry-only words in a yarn command of the script (`--immutable`, `workspaces focus`,
/// `dlx`).
pub(crate) fn yarn_is_berry(
    checker: &Checker,
    index: usize,
    script: Option<&Script>,
    setups: &Marked,
) -> bool {
    let berry_words = |c: &Command| {
        matches!(invocation(c), Some(("yarn" | "yarnpkg", args)) if args.iter().any(|w| {
            matches!(
                w.value.as_str(),
                "--immutable" | "--immutable-cache" | "--check-cache" | "dlx" | "workspaces"
            )
        }))
    };
    script.is_some_and(|s| s.commands.iter().any(berry_words)) || setups.before(checker, index)
}

/// The instructions that make the yarn of the stages built on them Yarn 2+, worked out once
/// per file: asked for each yarn command by walking the stage back, a file of thousands of
/// them cost their square.
pub(crate) fn berry_setups(checker: &Checker) -> Marked {
    let has_yarnrc = checker.context.has_file(".yarnrc.yml") == Some(true);
    let sets_up = |inst: &Instruction| {
        if let Some(sources) = context_sources(inst) {
            return sources.iter().any(|s| {
                let s = context_relative(s);
                s == ".yarnrc.yml" || s == ".yarn" || s.starts_with(".yarn/")
            }) || (has_yarnrc && checker.sends_file(&sources, ".yarnrc.yml"));
        }
        if run_of(inst).is_none() {
            return false;
        }
        let text = checker.text(inst.range);
        text.contains("yarn set version")
            || text.contains("yarn policies set-version berry")
            || (text.contains("corepack")
                && [
                    "yarn@2",
                    "yarn@3",
                    "yarn@4",
                    "yarn@5",
                    "yarn@stable",
                    "yarn@berry",
                ]
                .iter()
                .any(|v| text.contains(v)))
    };
    Marked::matching(checker, sets_up)
}
