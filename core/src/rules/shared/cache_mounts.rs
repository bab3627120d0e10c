//! The body of the cache-mount rules (`SF210`–`SF219`): a tool's download cache kept
//! out of the layer and across builds by `RUN --mount=type=cache`.

use std::cell::OnceCell;

use crate::edit::Edit;
use crate::edit::Fix;
use crate::paths::covers_cache;
use crate::rules::Checker;
use crate::semantic::commands::{
    basename, has_flag, is_shell, program_with_args, rm_targets, runs_words,
};
use crate::semantic::images::official_base;
use crate::semantic::instructions::has_cache_mount_with;
use crate::semantic::stages::stage_chain_of;
use crate::semantic::variables::env_sets;
use crate::semantic::variables::runs_as_root;
use crate::syntax::shell::{parse_script, Command, Script};
use crate::syntax::{Args, Instruction, InstructionKind};

/// The cache-mount advice for one tool (`SF210`–`SF219`).
pub(crate) struct CacheTool {
    /// Which commands use the tool's download cache.
    pub matches: fn(&Command) -> Option<String>,
    /// A cache or tmpfs mount whose target contains one of these keeps the rule quiet.
    pub accepts: &'static [&'static str],
    /// Environment variables that move the cache: with one set, no fix is offered.
    pub relocating_env: &'static [&'static str],
    /// The tool's own commands that empty the cache: in a `RUN` that runs one, a mount
    /// would be emptied on every build, so the fix is advice to replace it. (An `rm` of a
    /// mount target, or of a directory above one, counts for every tool.)
    pub cleans: &'static [Cleanup],
    /// Mount targets for the fix, by official base image (`None`: any other base). Empty:
    /// no fix.
    pub targets: &'static [(Option<&'static str>, &'static [&'static str])],
    /// Where the cache is also the store the tool builds from (Go's module cache, Maven's
    /// local repository, NuGet's packages folder), what reads it later.
    pub store: Option<Store>,
}

/// A command that empties a tool's cache: `npm cache clean`, `go clean -modcache`.
pub(crate) struct Cleanup {
    pub programs: &'static [&'static str],
    /// The leading words after the program (options skipped).
    pub words: &'static [&'static str],
    /// One of these options must be there too (none: any).
    pub flags: &'static [&'static str],
}

impl Cleanup {
    fn run_by(&self, command: &Command) -> bool {
        runs_words(command, self.programs, self.words)
            && (self.flags.is_empty() || has_flag(&command.words, self.flags))
    }
}

/// The readers of a tool's store: with a cache mount, what a `RUN` downloads is no longer
/// in the image, and a mount on a later `RUN` hides what an earlier one left there.
pub(crate) struct Store {
    /// Whether the image, running this command (program, then arguments) when a container
    /// starts, reads the store: `go run`, `mvn spring-boot:run`, `dotnet run`.
    pub read_at_run_time: fn(&str, &[&str]) -> bool,
    /// Whether the command builds from the store without downloading what is missing
    /// (`mvn -o`, `dotnet publish --no-restore`, `pnpm install --offline`): with the store
    /// in a cache, a cached layer above a cold cache (a fresh CI runner) breaks it.
    pub offline: fn(&Command) -> bool,
}

/// Reports each `RUN` that uses the tool without a cache mount for its cache, with an
/// unsafe fix that adds the mounts when their targets are known (root user, cache not
/// moved by `ENV`).
pub(crate) fn check_cache_tool(checker: &Checker, tool: &CacheTool) {
    // Found for the first `RUN` whose fix needs them, then shared by the file's others.
    let readers = OnceCell::new();
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
        let fix = cache_fix(checker, (index, run, script), tool, &readers);
        checker
            .report(command.range, format!("`{what}` without a cache mount"))
            .fix_opt(fix);
    }
}

fn cache_fix<'c>(
    checker: &'c Checker,
    (index, run, script): (usize, &Instruction, &Script),
    tool: &CacheTool,
    readers: &OnceCell<StoreReaders<'c>>,
) -> Option<Fix> {
    if tool.targets.is_empty()
        || !runs_as_root(checker, index)
        || env_sets(checker, index, tool.relocating_env)
    {
        return None;
    }

    if let Some(store) = &tool.store {
        let readers = readers.get_or_init(|| StoreReaders::find(checker, tool, store));
        if let Some(help) = store_needed(checker, index, readers) {
            return Some(Fix::display_only(help));
        }
    }
    let base = official_base(checker, index).map(|(name, _)| name);
    let targets = tool
        .targets
        .iter()
        .find(|(image, _)| image.is_some() && *image == base)
        .or_else(|| tool.targets.iter().find(|(image, _)| image.is_none()))?
        .1;
    // A cleanup would empty the mount on every build; an `rm` of the target itself, or of
    // a directory above it, fails on the mount point (`Device or resource busy`).
    let home: Vec<&str> = targets
        .iter()
        .filter_map(|t| t.strip_prefix("/root/"))
        .collect();
    for c in &script.commands {
        let why = if tool.cleans.iter().any(|cleanup| cleanup.run_by(c)) {
            "which would empty it on every build"
        } else if rm_targets(c)
            .is_some_and(|mut paths| paths.any(|p| covers_cache(&p.value, &home, targets)))
        {
            "which would empty it on every build, or fail on the mount point"
        } else {
            continue;
        };
        return Some(Fix::display_only(format!(
            "Add the cache mount in place of `{}`, {why}",
            checker.text(c.range)
        )));
    }
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
    // A cleanup of the cache appended to this `RUN` by another fix of the same pass would
    // empty the mount: it waits, and then sees the mount.
    Some(Fix::unsafe_(title, vec![Edit::insert(run.keyword.range.end, flags)]).claiming(run.range))
}

/// What reads a tool's store in one file.
struct StoreReaders<'c> {
    /// The `RUN`s that build from the store offline.
    offline: Vec<OfflineBuild<'c>>,
    /// The first command the image runs when a container starts that reads the store.
    at_start: Option<String>,
}

/// A `RUN` that builds from the store without downloading.
struct OfflineBuild<'c> {
    index: usize,
    /// The stages its own is built on, itself included.
    stages: Vec<u32>,
    command: &'c Command,
    /// A download runs before it in the same `RUN` (`dotnet restore && dotnet build
    /// --no-restore`): one layer, so one mount serves both.
    downloads_first: bool,
}

impl<'c> StoreReaders<'c> {
    fn find(checker: &'c Checker, tool: &CacheTool, store: &Store) -> Self {
        let offline = checker
            .run_scripts()
            .filter_map(|(index, _, script)| {
                let at = script.commands.iter().position(|c| (store.offline)(c))?;
                Some(OfflineBuild {
                    index,
                    stages: stage_chain_of(checker, index)
                        .iter()
                        .map(|s| s.index)
                        .collect(),
                    command: &script.commands[at],
                    downloads_first: script.commands[..at]
                        .iter()
                        .any(|c| (tool.matches)(c).is_some()),
                })
            })
            .collect();
        let at_start = run_time_commands(checker)
            .into_iter()
            .find(|argv| {
                argv.split_first().is_some_and(|(program, args)| {
                    let args: Vec<&str> = args.iter().map(String::as_str).collect();
                    (store.read_at_run_time)(basename(program), &args)
                })
            })
            .map(|argv| argv.join(" "));
        StoreReaders { offline, at_start }
    }
}

/// Advice where the store a `RUN` fills must stay in the image: a command built on its stage
/// reads it offline, or the image reads it when a container starts.
fn store_needed(checker: &Checker, index: usize, readers: &StoreReaders) -> Option<String> {
    let stage = checker.stage_of(index)?.index;
    let offline = readers
        .offline
        .iter()
        .find(|b| !(b.index == index && b.downloads_first) && b.stages.contains(&stage));
    if let Some(build) = offline {
        return Some(format!(
            "Download in the `RUN` of `{}`, which builds offline, then add the cache mount: across layers the packages must stay in the image (a cached layer may sit over an empty cache)",
            checker.text(build.command.range)
        ));
    }
    if !checker.ships(index) {
        return None;
    }
    readers.at_start.as_ref().map(|command| {
        format!("Keep the download in the image: it runs `{command}`, which reads it")
    })
}

/// The commands the image built by default runs in a container (`ENTRYPOINT`, `CMD`,
/// `HEALTHCHECK`), each as its words, with the scripts of the shell form and of `sh -c`.
fn run_time_commands(checker: &Checker) -> Vec<Vec<String>> {
    let words = |command: &Command| -> Option<Vec<String>> {
        let (program, args) = program_with_args(command)?;
        Some(
            std::iter::once(program.to_string())
                .chain(args.iter().map(|w| w.value.to_string()))
                .collect(),
        )
    };
    let mut commands = Vec::new();
    for &i in checker.final_image_instructions() {
        let inst = &checker.instructions()[i];
        let args = match (&inst.kind, &inst.args) {
            (InstructionKind::Healthcheck, Args::Healthcheck { command, .. }) => command.as_ref(),
            (InstructionKind::Cmd | InstructionKind::Entrypoint, args) => args,
            _ => continue,
        };
        match args {
            Args::Exec { items, .. } => {
                let argv: Vec<String> = items.iter().map(|w| w.value.to_string()).collect();
                if let [shell, flag, script, ..] = argv.as_slice() {
                    if is_shell(basename(shell)) && flag == "-c" {
                        commands.extend(parse_script(script).commands.iter().filter_map(words));
                    }
                }
                commands.push(argv);
            }
            // The model parses `CMD` and `ENTRYPOINT` scripts, not `HEALTHCHECK`'s.
            Args::Shell(text) => match checker
                .script(i)
                .filter(|_| inst.kind != InstructionKind::Healthcheck)
            {
                Some(script) => commands.extend(script.commands.iter().filter_map(words)),
                None if checker.posix_shell(i) => {
                    commands.extend(parse_script(&text.value).commands.iter().filter_map(words));
                }
                None => {}
            },
            _ => {}
        }
    }
    commands
}

/// Whether the command runs one of `programs` (by base name) with one of `flags`, written
/// out: Maven's `-o` is not a letter of a cluster (`-Pprod`, `-DoutputDirectory=...`).
pub(crate) fn runs_with_flag(command: &Command, programs: &[&str], flags: &[&str]) -> bool {
    program_with_args(command).is_some_and(|(program, args)| {
        programs.contains(&basename(program))
            && args.iter().any(|w| flags.contains(&w.value.as_str()))
    })
}
