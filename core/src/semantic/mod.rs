//! The semantic model of one Dockerfile, worked out once and asked by every rule: the stage
//! graph and what ships in the image built by default, the variables in scope, the shell
//! script each instruction runs, and the commands in them. Rules never recompute these
//! facts; the model computes each at most once, when first asked.

pub(crate) mod commands;
pub(crate) mod comments;
pub(crate) mod credentials;
pub(crate) mod definitions;
pub(crate) mod images;
pub(crate) mod instructions;
pub(crate) mod quoting;
pub(crate) mod sorted;
pub(crate) mod stage_model;
pub(crate) mod stages;
pub(crate) mod tool_versions;
pub(crate) mod variables;

use std::cell::OnceCell;

use crate::knowledge::base_images::BaseImage;
use crate::syntax::shell::Script;
use crate::syntax::shell_view::{instruction_script, posix_shell_map};
use crate::syntax::stage::{stage_name_map, STAGE_NAME_SCAN_LIMIT};
use crate::syntax::{Args, InstructionKind};
use crate::syntax::{Dockerfile, Instruction, Parsed, Stage, TextRange};
use stage_model::StageModel;
use variables::GlobalArgs;

pub(crate) struct Semantic<'a> {
    pub parsed: &'a Parsed,
    pub df: &'a Dockerfile,
    scripts: Vec<OnceCell<Option<Script>>>,
    posix: Vec<bool>,
    global_args: OnceCell<GlobalArgs>,
    /// The stage of a file without `FROM` (a snippet, as pasted into an issue or written
    /// in hadolint's tests): all its instructions, taken as one image. `None` otherwise.
    implicit: Option<Stage>,
    /// For each instruction, the index of its stage (`None` before the first `FROM`).
    stage_of: Vec<Option<u32>>,
    /// The stages whose layers make up the image built by default, last stage first.
    final_chain: Vec<u32>,
    /// For each stage, whether it is in [`Self::final_chain`] (asked for each instruction:
    /// a search of a chain of thousands of stages each time cost their square).
    in_final_chain: Vec<bool>,
    /// For each stage, the first stage of its chain: the one built on an image.
    roots: Vec<u32>,
    final_image: OnceCell<Vec<usize>>,
    sets_command: OnceCell<bool>,
    credentials: OnceCell<Vec<credentials::Credential>>,
    stage_models: OnceCell<Vec<StageModel>>,
    stage_bases: OnceCell<Vec<Option<BaseImage>>>,
    definitions: OnceCell<definitions::Definitions>,
    tool_events: OnceCell<tool_versions::ToolEvents>,
    stage_names: OnceCell<std::collections::HashMap<String, u32>>,
    /// For each stage, the stages built directly on it.
    built_on: OnceCell<Vec<Vec<u32>>>,
}

impl std::fmt::Debug for Semantic<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Semantic")
            .field("instructions", &self.df.instructions().len())
            .finish()
    }
}

/// Whether a stage builds a Windows image: its base is one (`mcr.microsoft.com/windows/...`,
/// `*-windowsservercore`, `microsoft/iis`, .NET Framework images), or what it runs only
/// exists on Windows (`cmd /c`, `powershell.exe`, `choco`, `msiexec`, `setx`, a `C:\` path).
fn windows_stage(df: &Dockerfile, stage: &Stage) -> bool {
    use crate::knowledge::base_images::is_windows_image;
    use crate::syntax::{Args, InstructionKind};
    let image = stage
        .resolved_image
        .as_deref()
        .or(stage.image.as_ref().map(|i| i.value.as_str()));
    if image.is_some_and(is_windows_image) {
        return true;
    }
    let drive = |t: &str| {
        let b = t.trim_start_matches(['"', '\'']).as_bytes();
        b.len() >= 3
            && b[0].is_ascii_alphabetic()
            && b[1] == b':'
            && (b[2] == b'\\' || b[2] == b'/')
    };
    df.instructions()[stage.instruction_range()]
        .iter()
        .any(|inst| match (&inst.kind, &inst.args) {
            (InstructionKind::Workdir, Args::Text(w)) => drive(&w.value),
            (InstructionKind::Shell, Args::Exec { items, .. }) => items.first().is_some_and(|p| {
                let p = p.value.to_ascii_lowercase();
                p == "cmd"
                    || p.ends_with("cmd.exe")
                    || p == "powershell"
                    || p.ends_with("powershell.exe")
            }),
            (
                InstructionKind::Run | InstructionKind::Cmd | InstructionKind::Entrypoint,
                Args::Shell(text),
            ) => {
                let first = text
                    .value
                    .split_whitespace()
                    .next()
                    .unwrap_or("")
                    .to_ascii_lowercase();
                first.ends_with(".exe")
                    || matches!(first.as_str(), "choco" | "msiexec" | "setx" | "powershell")
                    || (first == "cmd"
                        && text.value.split_whitespace().nth(1).is_some_and(|a| {
                            a.eq_ignore_ascii_case("/c") || a.eq_ignore_ascii_case("/s")
                        }))
            }
            (InstructionKind::Cmd | InstructionKind::Entrypoint, Args::Exec { items, .. }) => items
                .first()
                .is_some_and(|p| drive(&p.value) || p.value.to_ascii_lowercase().ends_with(".exe")),
            _ => false,
        })
}

impl<'a> Semantic<'a> {
    pub(crate) fn new(parsed: &'a Parsed) -> Self {
        let df = &parsed.dockerfile;
        let n = df.instructions().len();
        let implicit = implicit_stage(df);
        let stages = implicit.as_ref().map_or(df.stages(), std::slice::from_ref);
        let mut stage_of = vec![None; n];
        for stage in stages {
            for i in stage.instruction_range() {
                if let Some(slot) = stage_of.get_mut(i) {
                    *slot = Some(stage.index);
                }
            }
        }
        let roots = stages::along_chains(stages, |stage, parent| parent.unwrap_or(stage.index));
        let final_chain = stages
            .last()
            .map(|last| stages::chain(stages, last))
            .unwrap_or_default();
        let mut in_final_chain = vec![false; stages.len()];
        for &s in &final_chain {
            if let Some(slot) = in_final_chain.get_mut(s as usize) {
                *slot = true;
            }
        }
        // A Windows stage runs `cmd` (or PowerShell), not a POSIX shell, even when its image
        // is not one the syntax layer knows by name; so is a stage built on one.
        let mut posix = posix_shell_map(df);
        let windows_chains = stages::along_chains(df.stages(), |stage, parent| {
            parent.unwrap_or(false) || windows_stage(df, stage)
        });
        for (stage, &windows) in df.stages().iter().zip(&windows_chains) {
            if windows {
                for i in stage.instruction_range() {
                    if let Some(p) = posix.get_mut(i) {
                        *p = false;
                    }
                }
            }
        }
        Semantic {
            parsed,
            df,
            scripts: (0..n).map(|_| OnceCell::new()).collect(),
            posix,
            global_args: OnceCell::new(),
            implicit,
            stage_of,
            in_final_chain,
            final_chain,
            roots,
            final_image: OnceCell::new(),
            sets_command: OnceCell::new(),
            credentials: OnceCell::new(),
            stage_models: OnceCell::new(),
            stage_bases: OnceCell::new(),
            definitions: OnceCell::new(),
            tool_events: OnceCell::new(),
            stage_names: OnceCell::new(),
            built_on: OnceCell::new(),
        }
    }

    pub(crate) fn source(&self) -> &'a str {
        self.df.source()
    }

    pub(crate) fn instructions(&self) -> &'a [Instruction] {
        self.df.instructions()
    }

    pub(crate) fn text(&self, range: TextRange) -> &'a str {
        range.slice(self.df.source())
    }

    /// The build stages: the file's, or for a file without `FROM` one implicit stage
    /// holding all its instructions (whose `from` is its first instruction, not a `FROM`,
    /// and whose image is unknown). Rules about instructions ask this; rules about `FROM`
    /// lines ask the file's own [`Dockerfile::stages`].
    pub(crate) fn stages(&self) -> &[Stage] {
        self.implicit
            .as_ref()
            .map_or(self.df.stages(), std::slice::from_ref)
    }

    /// The stages built directly on stage `stage` (`FROM <its name>`), in order: found
    /// once for the file, where a scan of the stages for each question cost a file of
    /// thousands of stages their square.
    pub(crate) fn stages_built_on(&self, stage: u32) -> impl Iterator<Item = &Stage> {
        let stages = self.stages();
        let built_on = self.built_on.get_or_init(|| {
            let mut built_on = vec![Vec::new(); stages.len()];
            for s in stages {
                if let Some(list) = s.base_stage.and_then(|b| built_on.get_mut(b as usize)) {
                    list.push(s.index);
                }
            }
            built_on
        });
        (built_on.get(stage as usize).into_iter().flatten())
            .filter_map(move |&i| stages.get(i as usize))
    }

    /// The first stage of the chain of stage `stage` (itself when it is built on an image).
    pub(crate) fn root_stage(&self, stage: u32) -> u32 {
        self.roots.get(stage as usize).copied().unwrap_or(stage)
    }

    /// The first stage named `name`, compared as BuildKit compares stage names (ASCII case
    /// ignored).
    pub(crate) fn first_stage_named(&self, name: &str) -> Option<u32> {
        let stages = self.stages();
        if stages.len() <= STAGE_NAME_SCAN_LIMIT {
            return stages
                .iter()
                .find(|s| {
                    s.name
                        .as_ref()
                        .is_some_and(|n| n.value.eq_ignore_ascii_case(name))
                })
                .map(|s| s.index);
        }
        self.stage_names
            .get_or_init(|| stage_name_map(stages, false))
            .get(&name.to_ascii_lowercase())
            .copied()
    }

    /// The stage built by default: the last one.
    pub(crate) fn final_stage(&self) -> Option<&Stage> {
        self.stages().last()
    }

    /// The stage an instruction belongs to (`None` for ARGs before the first FROM).
    pub(crate) fn stage_of(&self, index: usize) -> Option<&Stage> {
        let stage = (*self.stage_of.get(index)?)?;
        self.stages().get(stage as usize)
    }

    /// Whether what instruction `index` does ends up in the image built by default: its
    /// stage is the final stage or one the final stage is built `FROM` (whose layers the
    /// final image carries). `ONBUILD` triggers run in images built from this one, so
    /// they ship too. The one answer to "does this ship?".
    pub(crate) fn ships(&self, index: usize) -> bool {
        if self
            .instructions()
            .get(index)
            .is_some_and(|i| i.kind == crate::syntax::InstructionKind::Onbuild)
        {
            return true;
        }
        self.stage_of
            .get(index)
            .copied()
            .flatten()
            .is_some_and(|s| {
                self.in_final_chain
                    .get(s as usize)
                    .copied()
                    .unwrap_or(false)
            })
    }

    /// The stages whose layers make up the image built by default, last stage first.
    pub(crate) fn final_stages(&self) -> impl Iterator<Item = &Stage> + '_ {
        let stages = self.stages();
        self.final_chain
            .iter()
            .filter_map(move |&i| stages.get(i as usize))
    }

    /// The instructions of the image built by default, in build order (the stages it is
    /// built on first).
    pub(crate) fn final_image_instructions(&self) -> &[usize] {
        self.final_image.get_or_init(|| {
            let mut chain: Vec<&Stage> = self.final_stages().collect();
            chain.reverse();
            chain.iter().flat_map(|s| s.instruction_range()).collect()
        })
    }

    /// Whether the image built by default sets its own `CMD` or `ENTRYPOINT`: without one,
    /// the container runs a command given elsewhere (Compose, `docker run`), not seen here.
    pub(crate) fn sets_command(&self) -> bool {
        *self.sets_command.get_or_init(|| {
            self.final_image_instructions().iter().any(|&i| {
                matches!(
                    self.instructions()[i].kind,
                    InstructionKind::Cmd | InstructionKind::Entrypoint
                )
            })
        })
    }

    /// Whether a POSIX shell runs the instruction's shell form (not `pwsh` or `cmd`).
    pub(crate) fn posix_shell(&self, index: usize) -> bool {
        self.posix.get(index).copied().unwrap_or(true)
    }

    /// The shell script a `RUN` (or a shell-form `CMD`/`ENTRYPOINT`) runs, with source
    /// ranges: its command line, plus the bodies of heredocs a shell reads. `None` for the
    /// exec form and under a non-POSIX `SHELL`.
    pub(crate) fn script(&self, index: usize) -> Option<&Script> {
        self.scripts
            .get(index)?
            .get_or_init(|| {
                let mut script = instruction_script(self.df, index, self.posix_shell(index))?;
                for command in &mut script.commands {
                    command.program_at = commands::locate_program(command);
                }
                Some(script)
            })
            .as_ref()
    }

    /// The credentials written in the file's text (see [`credentials::find_credentials`]),
    /// in order of position.
    pub(crate) fn credentials(&self) -> &[credentials::Credential] {
        self.credentials.get_or_init(|| {
            // The legacy `ENV name value` pairs, from the parse (`ONBUILD ENV` too).
            let legacy = self
                .df
                .instructions()
                .iter()
                .map(|inst| inst.trigger.as_deref().unwrap_or(inst))
                .filter(|inst| inst.kind == InstructionKind::Env)
                .flat_map(|inst| match &inst.args {
                    Args::KeyValues(pairs) => pairs.as_slice(),
                    _ => &[],
                })
                .filter(|kv| kv.legacy)
                .map(|kv| kv.key.range.start as usize);
            credentials::find_credentials_in(self.source(), legacy)
        })
    }

    /// What each stage does (see [`stage_model`]), worked out once, in stage order.
    pub(crate) fn stage_models(&self) -> &[StageModel] {
        self.stage_models.get_or_init(|| {
            let mut out: Vec<StageModel> = Vec::new();
            for stage in self.stages() {
                let m = stage_model::stage_model(self, stage, &out);
                out.push(m);
            }
            out
        })
    }

    /// The official image each stage is built `FROM`, when the knowledge table describes it:
    /// what the stage model's `known_base` says, without working out the rest of the model.
    pub(crate) fn stage_base(&self, index: u32) -> Option<&BaseImage> {
        self.stage_bases
            .get_or_init(|| {
                self.stages()
                    .iter()
                    .map(stage_model::official_base)
                    .collect()
            })
            .get(index as usize)?
            .as_ref()
    }

    /// The model of stage `index`.
    pub(crate) fn stage_model(&self, index: u32) -> Option<&StageModel> {
        self.stage_models().get(index as usize)
    }

    /// The `ARG`s before the first `FROM`.
    pub(crate) fn global_args(&self) -> &GlobalArgs {
        self.global_args.get_or_init(|| GlobalArgs::read(self))
    }

    /// The commands that decide the npm and pip versions, found once.
    pub(crate) fn tool_events(&self) -> &tool_versions::ToolEvents {
        self.tool_events
            .get_or_init(|| tool_versions::ToolEvents::read(self))
    }

    /// Where each variable is set, worked out once.
    pub(crate) fn definitions(&self) -> &definitions::Definitions {
        self.definitions
            .get_or_init(|| definitions::Definitions::read(self))
    }
}

/// The implicit stage of a file that has instructions but no `FROM` (see
/// [`Semantic::stages`]).
fn implicit_stage(df: &Dockerfile) -> Option<Stage> {
    if !df.stages().is_empty() || df.instructions().is_empty() {
        return None;
    }
    Some(Stage {
        index: 0,
        name: None,
        from: 0,
        end: df.instructions().len() as u32,
        image: None,
        resolved_image: None,
        unresolved: false,
        base: None,
        base_stage: None,
        platform: None,
    })
}
