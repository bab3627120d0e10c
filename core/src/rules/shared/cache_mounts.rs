//! The body of the cache-mount rules (`DL3068`–`DL3077`): a tool's download cache kept
//! out of the layer and across builds by `RUN --mount=type=cache`.

use crate::edit::Edit;
use crate::edit::Fix;
use crate::rules::Checker;
use crate::semantic::images::official_base;
use crate::semantic::instructions::has_cache_mount_with;
use crate::semantic::variables::env_sets;
use crate::semantic::variables::runs_as_root;
use crate::syntax::shell::Command;
use crate::syntax::Instruction;
/// The cache-mount advice for one tool (`DL3068`–`DL3077`).
pub(crate) struct CacheTool {
    /// Which commands use the tool's download cache.
    pub matches: fn(&Command) -> Option<String>,
    /// A cache or tmpfs mount whose target contains one of these keeps the rule quiet.
    pub accepts: &'static [&'static str],
    /// Environment variables that move the cache: with one set, no fix is offered.
    pub relocating_env: &'static [&'static str],
    /// Mount targets for the fix, by official base image (`None`: any other base). Empty:
    /// no fix.
    pub targets: &'static [(Option<&'static str>, &'static [&'static str])],
}

/// Reports each `RUN` that uses the tool without a cache mount for its cache, with an
/// unsafe fix that adds the mounts when their targets are known (root user, cache not
/// moved by `ENV`).
pub(crate) fn check_cache_tool(checker: &Checker, tool: &CacheTool) {
    for (index, run, script) in checker.run_scripts() {
        if has_cache_mount_with(run, tool.accepts) {
            continue;
        }
        let Some((command, what)) = script
            .commands
            .iter()
            .find_map(|c| (tool.matches)(c).map(|w| (c, w)))
        else {
            continue;
        };
        let fix = cache_fix(checker, index, run, tool);
        checker
            .report(command.range, format!("`{what}` without a cache mount"))
            .fix_opt(fix);
    }
}

fn cache_fix(checker: &Checker, index: usize, run: &Instruction, tool: &CacheTool) -> Option<Fix> {
    if tool.targets.is_empty()
        || !runs_as_root(checker, index)
        || env_sets(checker, index, tool.relocating_env)
    {
        return None;
    }
    let base = official_base(checker, index).map(|(name, _)| name);
    let targets = tool
        .targets
        .iter()
        .find(|(image, _)| image.is_some() && *image == base)
        .or_else(|| tool.targets.iter().find(|(image, _)| image.is_none()))?
        .1;
    let flags: String = targets
        .iter()
        .map(|t| format!(" --mount=type=cache,target={t}"))
        .collect();
    let title = match targets {
        [one] => format!("Add `--mount=type=cache,target={one}`"),
        _ => {
            let list: Vec<String> = targets.iter().map(|t| format!("`{t}`")).collect();
            format!("Add cache mounts for {}", list.join(" and "))
        }
    };
    Some(Fix::unsafe_(
        title,
        vec![Edit::insert(run.keyword.range.end, flags)],
    ))
}
