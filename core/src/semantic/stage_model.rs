//! What each stage does, as far as the Dockerfile shows it: the directory and user each
//! instruction runs in, the variables in scope, the programs it runs, the packages it
//! installs, and the paths it creates, moves and deletes — `COPY`/`ADD` destinations,
//! `WORKDIR`s, and what `RUN` commands write (`mkdir`, downloads, `cp`/`mv`, and the outputs
//! of `go build -o`, `cargo build`, `mvn package`, `gradle build`, `npm run build`, `pip
//! install` into a virtual environment...). Commands whose effects the model cannot place
//! are recorded as such, so that a rewrite can refuse rather than guess.
//!
//! Rewrites check themselves against this model: a slim base must still have every program
//! a stage runs, a runtime stage must find every file it copies from the builder.

use super::commands::{basename, invocation, operands, subcommand};
use super::quoting::unquote;
use super::variables::expand;
use super::Semantic;
use crate::knowledge::base_images::{base_image, BaseImage};
use crate::knowledge::PackageManagerId;
use crate::syntax::shell::{parse_script, Command, Script, Word};
use crate::syntax::shell_view::exec_shell_script_file;
use crate::syntax::{Args, Instruction, InstructionKind, Stage, Str};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

/// What a stage is built on.
#[derive(Debug, Clone)]
pub(crate) enum BaseOf {
    /// An official image the knowledge table describes.
    Known(Box<BaseImage>),
    /// An image the table does not know (or a name with build-time variables).
    Unknown,
    /// An earlier stage, by index.
    Stage(u32),
    Scratch,
}

/// Where an instruction meets a program.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum UseSite {
    Run,
    /// `CMD`/`ENTRYPOINT`: runs in the container.
    Command,
    Healthcheck,
}

/// A program an instruction runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ProgramUse {
    /// As written (`curl`, `/usr/local/bin/app`, `./run.sh`).
    pub word: String,
    /// The base name: what `PATH` lookup finds.
    pub name: String,
    pub index: usize,
    /// The position of its command in the instruction's script (0 outside `RUN` scripts):
    /// what an earlier command of the same `RUN` installed is there, a later one's is not.
    pub command: usize,
    pub site: UseSite,
    /// The use only runs when another command fails or a check found the program
    /// (`a || curl ...`, `command -v curl && curl`): the image may do without it.
    pub optional: bool,
}

/// OS packages an instruction installs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PackageInstall {
    pub manager: PackageManagerId,
    pub packages: Vec<String>,
    pub index: usize,
    /// The position of the installing command in the instruction's script.
    pub command: usize,
    /// `--no-install-recommends` (apt) was given.
    pub no_recommends: bool,
    /// The same `RUN` removes them again (`apk del .build-deps`, `apt-get purge`).
    pub removed_later: bool,
    /// For each package, where in the script a later command removes it.
    pub removed_at: Vec<Option<usize>>,
    /// Some package is named by a variable (`apt-get install -y $EXTRA`): not in
    /// `packages`, as its name is known only when the image is built.
    pub named_by_variable: bool,
}

/// The OS packages a package manager's install command names (`apt-get install -y curl`,
/// `apk add --virtual .deps gcc`), with apk's virtual package name.
pub(crate) struct OsInstall {
    pub manager: PackageManagerId,
    pub packages: Vec<String>,
    pub virtual_name: Option<String>,
    /// A package word holds a variable (left out of `packages`).
    pub named_by_variable: bool,
}

/// The install of `program args`, when it is one (`apt-get`, `apt`, `aptitude`, `apk`,
/// `yum`, `dnf`, `microdnf`, `zypper`).
pub(crate) fn os_install(program: &str, args: &[Word]) -> Option<OsInstall> {
    let manager = match program {
        "apk" => PackageManagerId::Apk,
        "yum" => PackageManagerId::Yum,
        "dnf" | "microdnf" => PackageManagerId::Dnf,
        "zypper" => PackageManagerId::Zypper,
        "apt-get" | "apt" | "aptitude" => PackageManagerId::AptGet,
        _ => return None,
    };
    let takes = [
        "-o",
        "-c",
        "-t",
        "--virtual",
        "-X",
        "--repository",
        "--option",
        "--target-release",
        "--setopt",
        "--enablerepo",
        "--disablerepo",
    ];
    let (sub_at, sub) = subcommand(args, &takes)?;
    let verb = sub.value.as_str();
    let installing = matches!(
        (manager, verb),
        (PackageManagerId::Apk, "add")
            | (
                PackageManagerId::AptGet | PackageManagerId::Yum | PackageManagerId::Dnf,
                "install"
            )
            | (PackageManagerId::Zypper, "install" | "in")
    );
    if !installing {
        return None;
    }
    let mut packages = Vec::new();
    let mut skip = false;
    let mut virtual_name = None;
    let mut named_by_variable = false;
    for (i, w) in args.iter().enumerate().skip(sub_at + 1) {
        if skip {
            skip = false;
            if i > 0 && matches!(args[i - 1].value.as_str(), "--virtual" | "-t") {
                virtual_name = Some(w.value.to_string());
            }
            continue;
        }
        if w.value.starts_with('-') {
            skip = takes.contains(&w.value.as_str());
            continue;
        }
        if w.dynamic {
            named_by_variable = true;
            continue;
        }
        packages.push(w.value.to_string());
    }
    // apk's `--virtual NAME` before the verb.
    if virtual_name.is_none() {
        virtual_name = args
            .iter()
            .position(|w| w.value == "--virtual" || w.value == "-t")
            .and_then(|i| args.get(i + 1))
            .map(|w| w.value.to_string());
    }
    Some(OsInstall {
        manager,
        packages,
        virtual_name,
        named_by_variable,
    })
}

/// What made a path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Made {
    /// `COPY`/`ADD` from the build context.
    Context,
    /// `COPY --from` another stage or image.
    OtherStage,
    Workdir,
    /// `mkdir`, `touch`, a redirect, `cp`, `ln`, an archive unpacked...
    File,
    Download,
    /// A build tool's output (`go build -o`, `cargo build`, `mvn package`...).
    Build,
    /// A Python virtual environment.
    Venv,
    /// Packages installed into it (`pip install --target`, `npm install -g`).
    Install,
}

/// One thing an instruction does to the file system or the users.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Effect {
    Writes {
        path: String,
        made: Made,
    },
    Deletes(String),
    Moves {
        from: String,
        to: String,
    },
    /// `ln -s TARGET LINK`: the link (also a `Writes` of it, just before) and its target as
    /// written. A `COPY` would follow the link, so a stage that needs it makes it again.
    Symlink {
        link: String,
        target: String,
    },
    /// `useradd`, `adduser`, `groupadd`, `addgroup`: the user made (when a user), and the
    /// command as written.
    CreatesUser {
        name: Option<String>,
        command: String,
    },
    /// A global tool install that puts programs on the `PATH` (`npm install -g x`,
    /// `gem install x`, `go install`, `cargo install`); the program names when known, and
    /// the command as written.
    Tool {
        programs: Vec<String>,
        path: Option<String>,
        command: String,
    },
    /// A command whose writes the model cannot place (`make install`, `sh setup.sh`,
    /// `curl ... | sh`, `dpkg -i`): it may change anything.
    Unknown(String),
}

impl Effect {
    /// The bytes of paths the effect holds, what [`PathRoom`] counts.
    fn path_len(&self) -> usize {
        match self {
            Effect::Writes { path, .. } | Effect::Deletes(path) => path.len(),
            Effect::Moves { from, to } => from.len() + to.len(),
            Effect::Symlink { link, target } => link.len() + target.len(),
            Effect::Tool { path, .. } => path.as_ref().map_or(0, String::len),
            Effect::CreatesUser { .. } | Effect::Unknown(_) => 0,
        }
    }
}

/// How many bytes of paths one stage model may hold in its effects and working
/// directories. Real stages hold a few KiB. A path can be 4 KiB long after a few
/// instructions, and each later one can record another copy of it, so without a bound a
/// generated file of a few MB would hold GBs; past it, effects are [`Effect::Unknown`].
const PATH_ROOM: usize = 4 << 20;

/// The room left under [`PATH_ROOM`] while a model is built.
struct PathRoom {
    left: usize,
    /// The effects of the current step already counted.
    counted: usize,
}

impl PathRoom {
    fn new() -> PathRoom {
        PathRoom {
            left: PATH_ROOM,
            counted: 0,
        }
    }

    /// Takes `bytes` if they fit; else the room is used up.
    fn reserve(&mut self, bytes: usize) -> bool {
        let fits = bytes <= self.left;
        self.left = if fits { self.left - bytes } else { 0 };
        fits
    }

    /// Takes room for the effects `step` recorded since the last call (or since the step
    /// began). When they do not fit they are replaced by one unknown effect, `what`: the
    /// model cannot say what was written, so readers stay as careful as for `make install`.
    fn take(&mut self, step: &mut Step, what: impl FnOnce() -> String) -> bool {
        let new: usize = step.effects[self.counted.min(step.effects.len())..]
            .iter()
            .map(Effect::path_len)
            .sum();
        let fits = self.reserve(new);
        if !fits {
            step.effects.truncate(self.counted);
            step.effects.push(Effect::Unknown(what()));
        }
        self.counted = step.effects.len();
        fits
    }
}

/// The facts of one instruction.
#[derive(Debug, Clone)]
pub(crate) struct Step {
    pub index: usize,
    /// The working directory the instruction starts in (absolute), shared by the steps
    /// that start in the same one.
    pub workdir: Arc<str>,
    pub uses: Vec<ProgramUse>,
    pub installs: Vec<PackageInstall>,
    pub effects: Vec<Effect>,
    /// For each effect, the position of the command of the script that had it (empty
    /// outside `RUN` scripts: every effect at 0).
    pub effect_commands: Vec<usize>,
}

/// The model of one stage.
#[derive(Debug, Clone)]
pub(crate) struct StageModel {
    pub stage: u32,
    pub base: BaseOf,
    /// One step per instruction of the stage, `FROM` first.
    pub steps: Vec<Step>,
    /// `ENV`/`ARG` values in force at the end of the stage (`None`: only known at build
    /// time), in the order they were set.
    pub variables: Vec<(String, Option<String>)>,
    /// The working directory and `USER` after the last instruction.
    pub end_workdir: Arc<str>,
    pub end_user: Option<String>,
    /// The files written into a `bin` directory, by name: how the last write of each was
    /// made. Worked out at the first look-up ([`StageModel::program_file`]).
    bin_files: OnceLock<HashMap<String, Made>>,
    providers: ProvidersCache,
}

/// How one step provides a program: from which of its commands on for good, and between
/// which commands for a while (a package the same `RUN` installs, then removes).
#[derive(Debug, Default)]
struct Provision {
    from: Option<usize>,
    /// `(installed by, removed by)`: there for the commands strictly between.
    until_removed: Vec<(usize, usize)>,
}

impl Provision {
    fn of(s: &Step, program: &str) -> Provision {
        let mut provision = Provision::default();
        let mut keep = |command: usize| {
            provision.from = Some(provision.from.map_or(command, |f| f.min(command)));
        };
        let mut until_removed = Vec::new();
        for i in &s.installs {
            for (p, removed) in i.packages.iter().zip(&i.removed_at) {
                if package_provides(i.manager, p, program) {
                    match removed {
                        None => keep(i.command),
                        Some(removed) => until_removed.push((i.command, *removed)),
                    }
                }
            }
        }
        for (k, e) in s.effects.iter().enumerate() {
            let provides = match e {
                Effect::Tool { programs, .. } => programs.iter().any(|p| p == program),
                Effect::Writes { path, .. } => basename(path) == program && in_bin_dir(path),
                Effect::Moves { to, .. } => basename(to) == program && in_bin_dir(to),
                _ => false,
            };
            if provides {
                keep(s.effect_commands.get(k).copied().unwrap_or(0));
            }
        }
        provision.until_removed = until_removed;
        provision
    }

    /// Whether the program is there for command `command` of the step.
    fn before(&self, command: usize) -> bool {
        self.from.is_some_and(|f| f < command)
            || self
                .until_removed
                .iter()
                .any(|&(installed, removed)| installed < command && command < removed)
    }
}

/// The cache behind a lock (models are shared between threads), empty again in a copy.
#[derive(Debug, Default)]
struct ProvidersCache(Mutex<Providers>);

impl ProvidersCache {
    fn lock(&self) -> std::sync::LockResult<std::sync::MutexGuard<'_, Providers>> {
        self.0.lock()
    }
}

impl Clone for ProvidersCache {
    fn clone(&self) -> Self {
        ProvidersCache::default()
    }
}

/// [`StageModel::first_provider`]'s and [`StageModel::provides_in_step`]'s answers so
/// far. A copy of the model starts without them (they are only a shortcut).
#[derive(Debug, Default)]
struct Providers {
    first: HashMap<String, Option<usize>>,
    /// By program, then by instruction.
    in_step: HashMap<String, HashMap<usize, Provision>>,
}

const SHELL_BUILTINS: &[&str] = &[
    "cd",
    "export",
    "set",
    "unset",
    "source",
    ".",
    "exit",
    "return",
    "eval",
    "exec",
    "shift",
    "read",
    "wait",
    "trap",
    "umask",
    "ulimit",
    "alias",
    "unalias",
    "type",
    "hash",
    "command",
    "local",
    "getopts",
    "times",
    "break",
    "continue",
    ":",
    "echo",
    "printf",
    "test",
    "[",
    "[[",
    "true",
    "false",
    "if",
    "then",
    "else",
    "elif",
    "fi",
    "for",
    "while",
    "until",
    "do",
    "done",
    "case",
    "esac",
    "in",
    "function",
    "{",
    "}",
    "!",
    "declare",
    "typeset",
    "readonly",
    "let",
    "shopt",
    "pushd",
    "popd",
    "dirs",
    "builtin",
    "enable",
    "kill",
    "jobs",
    "fg",
    "bg",
    "disown",
    "suspend",
    "logout",
    "history",
    "fc",
    "compgen",
    "complete",
    "mapfile",
    "readarray",
    "caller",
    "bind",
    "help",
    "coproc",
    "select",
    "time",
];

/// The extensions of scripts: files a build step reads, and does not make.
const SCRIPT_EXTENSIONS: [&str; 8] = ["sh", "bash", "py", "js", "mjs", "rb", "pl", "php"];

/// Whether a program name is a shell builtin or keyword (never looked up on `PATH`).
pub(crate) fn is_builtin(program: &str) -> bool {
    SHELL_BUILTINS.contains(&program)
}

impl StageModel {
    /// The step of instruction `index`.
    pub(crate) fn step(&self, index: usize) -> Option<&Step> {
        // One step per instruction of the stage, in order.
        let at = self.steps.binary_search_by_key(&index, |s| s.index).ok()?;
        self.steps.get(at)
    }

    /// The working directory after the stage's last instruction.
    pub(crate) fn final_workdir(&self) -> &str {
        &self.end_workdir
    }

    /// The value of a variable at the end of the stage, when known.
    pub(crate) fn variable(&self, name: &str) -> Option<&str> {
        self.variables
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .and_then(|(_, v)| v.as_deref())
    }

    /// Every program use, in order.
    pub(crate) fn uses(&self) -> impl Iterator<Item = &ProgramUse> {
        self.steps.iter().flat_map(|s| s.uses.iter())
    }

    /// Every package install, in order.
    pub(crate) fn installs(&self) -> impl Iterator<Item = &PackageInstall> {
        self.steps.iter().flat_map(|s| s.installs.iter())
    }

    /// Every effect with the index of its instruction, in order.
    pub(crate) fn effects(&self) -> impl Iterator<Item = (usize, &Effect)> {
        self.steps
            .iter()
            .flat_map(|s| s.effects.iter().map(move |e| (s.index, e)))
    }

    /// Whether the stage provides `program` itself before instruction `before` (exclusive):
    /// an OS package that ships it, a global tool install, a file copied or linked into a
    /// `bin` directory. `same_step_before: Some(c)` also counts what the commands before
    /// command `c` of that very instruction installed (`apt-get install curl && curl ...`);
    /// a later command's install is not there yet (`curl ... && apt-get install curl`).
    pub(crate) fn provides_before(
        &self,
        program: &str,
        before: usize,
        same_step_before: Option<usize>,
    ) -> bool {
        self.first_provider(program)
            .is_some_and(|first| first < before)
            || same_step_before
                .is_some_and(|command| self.provides_in_step(program, before, command))
    }

    /// The first instruction after which the stage has `program` for good (a package the
    /// same `RUN` removes again does not count). Asked for every use of every program,
    /// a walk over the steps each time was quadratic: the answer is kept per program.
    fn first_provider(&self, program: &str) -> Option<usize> {
        let cached = self
            .providers
            .lock()
            .ok()
            .and_then(|c| c.first.get(program).copied());
        if let Some(found) = cached {
            return found;
        }
        let found = self
            .steps
            .iter()
            .find(|s| Provision::of(s, program).from.is_some())
            .map(|s| s.index);
        if let Ok(mut cache) = self.providers.lock() {
            cache.first.insert(program.to_string(), found);
        }
        found
    }

    /// Whether the commands of instruction `index` before command `command` provide
    /// `program`. A `RUN` of thousands of commands is asked once per command that runs
    /// a program: what it provides is worked out once per program.
    fn provides_in_step(&self, program: &str, index: usize, command: usize) -> bool {
        let Ok(mut cache) = self.providers.lock() else {
            return self
                .step(index)
                .is_some_and(|s| Provision::of(s, program).before(command));
        };
        // Looked up by `&str` first: a hit allocates nothing.
        if let Some(provision) = cache.in_step.get(program).and_then(|by| by.get(&index)) {
            return provision.before(command);
        }
        let provision = self
            .step(index)
            .map(|s| Provision::of(s, program))
            .unwrap_or_default();
        let answer = provision.before(command);
        cache
            .in_step
            .entry(program.to_string())
            .or_default()
            .insert(index, provision);
        answer
    }

    /// Whether the stage provides the program of `u` before it runs: in an earlier
    /// instruction, or in an earlier command of the same `RUN`.
    pub(crate) fn provides_for(&self, u: &ProgramUse) -> bool {
        let same_step = (u.site == UseSite::Run).then_some(u.command);
        self.provides_before(&u.name, u.index, same_step)
    }

    /// Whether `path` lies in a directory a tool install of the stage puts programs in
    /// (`go install` into `/go/bin`, `npm install -g`): the program names are not always
    /// known, the directory is.
    pub(crate) fn in_tool_directory(&self, path: &str) -> bool {
        self.effects()
            .any(|(_, e)| matches!(e, Effect::Tool { path: Some(p), .. } if covers(p, path)))
    }

    /// Whether `path` came from the build context by the instructions before instruction
    /// `index`: copied (itself, or a directory above it), and not deleted, moved or
    /// written as that very path since. A step that writes into a copied directory
    /// (`npm install`, `go build`, `wget` in `/app`) adds files there: a script
    /// (`docker-entrypoint.sh`, `setup.py`) is taken for the copied one, where
    /// [`Self::made`] answers with the directory's last writer; a name without a script's
    /// extension may be what the step made (`./server` from `go build`), and what an
    /// install put in `node_modules` is the install's.
    pub(crate) fn copied_from_context_before(&self, index: usize, path: &str) -> bool {
        let path = normalize(path);
        let (mut copied, mut built_over) = (false, false);
        for (_, e) in self.effects().take_while(|(i, _)| *i < index) {
            match e {
                Effect::Writes {
                    path: p,
                    made: Made::Context,
                } if covers(p, &path) => (copied, built_over) = (true, false),
                Effect::Writes { path: p, .. } if *p == path => copied = false,
                Effect::Writes { path: p, made } if covers(p, &path) && *made != Made::Workdir => {
                    built_over = true
                }
                Effect::Deletes(p) if covers(p, &path) || pattern_covers(p, &path) => {
                    copied = false
                }
                Effect::Moves { from, to }
                    if covers(from, &path) || pattern_covers(from, &path) || covers(to, &path) =>
                {
                    copied = false
                }
                _ => {}
            }
        }
        let script = crate::semantic::commands::basename(&path)
            .rsplit_once('.')
            .is_some_and(|(_, ext)| SCRIPT_EXTENSIONS.contains(&ext));
        copied && (!built_over || script && !path.contains("/node_modules/"))
    }

    /// [`Self::copied_from_context_before`] the end of the stage.
    pub(crate) fn copied_from_context(&self, path: &str) -> bool {
        self.copied_from_context_before(usize::MAX, path)
    }

    /// The file of the build context that an exec-form shell command of instruction
    /// `index` runs as its script (`CMD ["bash", "start.sh"]`, read from the step's
    /// working directory): the exec form has no script of its own to read.
    pub(crate) fn context_script_given_to_shell<'a>(
        &self,
        index: usize,
        items: &'a [Str],
    ) -> Option<&'a Str> {
        let workdir = self.step(index).map_or("/", |s| &s.workdir);
        exec_shell_script_file(items)
            .filter(|file| self.copied_from_context(&resolve(workdir, &file.value)))
    }

    /// Whether a program word names a file from the build context: a path (relative ones
    /// from the final `WORKDIR`, as [`Self::program_file`] reads them), or a name on the
    /// `PATH` the stage copied into a `bin` directory.
    pub(crate) fn program_from_context(&self, word: &str) -> bool {
        if word.contains('/') {
            self.copied_from_context(&resolve(self.final_workdir(), word))
        } else {
            self.program_file(word) == Some(Made::Context)
        }
    }

    /// Whether a path was made by the stage (itself, or a directory above it), and how.
    pub(crate) fn made(&self, path: &str) -> Option<Made> {
        let path = normalize(path);
        let mut found = None;
        for (_, e) in self.effects() {
            match e {
                // A `WORKDIR` makes its directory when missing and leaves what is in it.
                Effect::Writes {
                    path: p,
                    made: Made::Workdir,
                } if covers(p, &path) => found = found.or(Some(Made::Workdir)),
                Effect::Writes { path: p, made } if covers(p, &path) => found = Some(*made),
                // A directory exists once something was made inside it.
                Effect::Writes { path: p, .. } if covers(&path, p) && found.is_none() => {
                    found = Some(Made::File)
                }
                Effect::Moves { to, .. } if covers(to, &path) || covers(&path, to) => {
                    found = found.or(Some(Made::File))
                }
                Effect::Deletes(p) if covers(p, &path) || pattern_covers(p, &path) => found = None,
                Effect::Moves { from, .. }
                    if covers(from, &path) || pattern_covers(from, &path) =>
                {
                    found = None
                }
                _ => {}
            }
        }
        found
    }

    /// How the file a program word runs was made by the stage: the word as a path (`./start.sh`,
    /// `/docker-entrypoint.sh`, relative ones from the final `WORKDIR`), or a bare name found on
    /// the `PATH` that the stage wrote into a `bin` directory.
    pub(crate) fn program_file(&self, word: &str) -> Option<Made> {
        if word.contains('/') {
            return self.made(&resolve(self.final_workdir(), word));
        }
        // A map, not a walk over the effects for each word: a file of thousands of `RUN`s
        // asks for a program in each.
        let bin_files = self.bin_files.get_or_init(|| {
            let mut files = HashMap::new();
            for (_, e) in self.effects() {
                if let Effect::Writes { path, made } = e {
                    if path.contains("/bin/") {
                        // The last write wins: a later copy replaces the file.
                        files.insert(crate::semantic::commands::basename(path).to_string(), *made);
                    }
                }
            }
            files
        });
        bin_files.get(word).copied()
    }

    /// The commands with effects the model cannot place, with their instruction index.
    pub(crate) fn unknown_effects(&self) -> impl Iterator<Item = (usize, &str)> {
        self.effects().filter_map(|(i, e)| match e {
            Effect::Unknown(text) => Some((i, text.as_str())),
            _ => None,
        })
    }

    /// The users the stage creates.
    pub(crate) fn created_users(&self) -> impl Iterator<Item = &str> {
        self.effects().filter_map(|(_, e)| match e {
            Effect::CreatesUser { name: Some(u), .. } => Some(u.as_str()),
            _ => None,
        })
    }

    /// The official image the stage is built on, when the table knows it.
    pub(crate) fn known_base(&self) -> Option<&BaseImage> {
        match &self.base {
            BaseOf::Known(b) => Some(b),
            _ => None,
        }
    }
}

/// Programs the model reads by their name as the system's tools: called by a path outside
/// a `bin` directory, the file is something else.
const SYSTEM_TOOLS: [&str; 25] = [
    "mkdir", "touch", "rm", "cp", "ln", "install", "mv", "rsync", "curl", "wget", "tar", "unzip",
    "git", "useradd", "adduser", "groupadd", "addgroup", "apt-get", "apt", "aptitude", "apk",
    "yum", "dnf", "microdnf", "zypper",
];

fn in_bin_dir(path: &str) -> bool {
    let dir = path.rsplit_once('/').map_or("", |(d, _)| d);
    dir.ends_with("/bin") || dir.ends_with("/sbin")
}

/// Whether installing `package` with `manager` puts `program` on the `PATH`.
pub(crate) fn package_provides(manager: PackageManagerId, package: &str, program: &str) -> bool {
    let name = package
        .split(['=', '>', '<', '~'])
        .next()
        .unwrap_or(package);
    let name = name.split(':').next().unwrap_or(name);
    if name == program {
        return true;
    }
    if crate::knowledge::base_images::package_for_program(manager, program) == Some(name) {
        return true;
    }
    let compilers = [
        "gcc", "g++", "cc", "c++", "cpp", "make", "ld", "as", "ar", "strip",
    ];
    match name {
        "build-essential" | "build-base" | "alpine-sdk" => compilers.contains(&program),
        "gcc-c++" | "clang" => matches!(program, "c++" | "g++" | "cc" | "clang" | "clang++"),
        "binutils" => matches!(
            program,
            "ld" | "as"
                | "ar"
                | "strip"
                | "nm"
                | "objdump"
                | "objcopy"
                | "ranlib"
                | "readelf"
                | "strings"
        ),
        "procps" | "procps-ng" => matches!(
            program,
            "ps" | "top" | "free" | "pkill" | "pgrep" | "pidof" | "watch"
        ),
        "openssh-client" | "openssh" | "openssh-clients" => {
            program.starts_with("ssh") || matches!(program, "scp" | "sftp")
        }
        "gnupg" | "gnupg2" | "gpg" => program.starts_with("gpg"),
        "xz-utils" | "xz" => matches!(program, "xz" | "unxz" | "xzcat"),
        "python3" | "python3-minimal" | "python" | "python2" | "python-minimal" => {
            program.starts_with("python")
        }
        "python3-pip" | "python-pip" | "py-pip" | "py3-pip" => program.starts_with("pip"),
        "nodejs" | "npm" => matches!(program, "node" | "nodejs" | "npm" | "npx"),
        "imagemagick" | "imagemagick6" => matches!(
            program,
            "convert" | "identify" | "mogrify" | "magick" | "composite"
        ),
        "mercurial" => program == "hg",
        "gettext" | "gettext-base" => matches!(program, "envsubst" | "gettext" | "ngettext"),
        "subversion" => program == "svn",
        "default-jre"
        | "default-jre-headless"
        | "default-jdk"
        | "openjdk-17-jre"
        | "openjdk-17-jdk" => program == "java",
        "netcat" | "netcat-openbsd" | "netcat-traditional" | "ncat" => program == "nc",
        "dnsutils" | "bind-tools" | "bind9-dnsutils" => {
            matches!(program, "dig" | "nslookup" | "host")
        }
        "iputils-ping" | "iputils" => program == "ping",
        "postgresql-client" => program.starts_with("pg_") || program == "psql",
        "default-mysql-client" | "mysql-client" | "mariadb-client" => {
            program.starts_with("mysql") || program.starts_with("mariadb")
        }
        "ruby" | "ruby-full" => matches!(program, "ruby" | "gem" | "irb" | "erb"),
        "golang" | "golang-go" | "go" => matches!(program, "go" | "gofmt"),
        "coreutils" | "busybox" => true,
        _ => false,
    }
}

/// `a/./b/../c/` → `a/c`; keeps a leading `/`.
pub(crate) fn normalize(path: &str) -> String {
    if is_normal(path) {
        return path.to_string();
    }
    normalize_by_parts(path)
}

/// [`normalize`] the long way: split into parts, drop `.`, take `..` back, join.
fn normalize_by_parts(path: &str) -> String {
    let absolute = path.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    let joined = parts.join("/");
    if absolute {
        format!("/{joined}")
    } else {
        joined
    }
}

/// Whether [`normalize`] would give `path` back unchanged: no empty, `.` or `..`
/// component and no trailing `/` (but `/` itself). Checking is a scan, where normalizing
/// splits and joins, which a long working directory pays on every step.
fn is_normal(path: &str) -> bool {
    let relative = path.strip_prefix('/').unwrap_or(path).as_bytes();
    let bad = |part: &[u8]| matches!(part, b"" | b"." | b"..");
    if relative.len() <= 64 {
        return relative.is_empty() || !relative.split(|b| *b == b'/').any(bad);
    }
    // A long path is searched, a few bytes at a time, for what a bad part between two
    // others shows as: `//`, `/./` or `/../`.
    static SEARCHES: OnceLock<[memchr::memmem::Finder<'static>; 2]> = OnceLock::new();
    let [double_slash, slash_dot] = SEARCHES.get_or_init(|| {
        [
            memchr::memmem::Finder::new("//"),
            memchr::memmem::Finder::new("/."),
        ]
    });
    let first = &relative[..memchr::memchr(b'/', relative).unwrap_or(relative.len())];
    let last = &relative[memchr::memrchr(b'/', relative).map_or(0, |i| i + 1)..];
    !bad(first)
        && !bad(last)
        && double_slash.find(relative).is_none()
        && slash_dot.find_iter(relative).all(|at| {
            let rest = &relative[at + 2..];
            !(rest.starts_with(b"/") || rest.starts_with(b"./"))
        })
}

/// The longest path Linux resolves (`PATH_MAX`): a `WORKDIR` or `cd` to a longer one fails
/// in the build.
const PATH_MAX: usize = 4096;

/// `path` made absolute against `cwd`. A path longer than [`PATH_MAX`] cannot be entered:
/// the build stops there (`WORKDIR`) or the `cd` fails, so the directory stays `cwd`,
/// which also keeps paths, and the time and memory spent on them, bounded.
pub(crate) fn resolve(cwd: &str, path: &str) -> String {
    enter(cwd, path).unwrap_or_else(|| cwd.to_string())
}

/// `path` made absolute against `cwd`, or `None` when it is longer than [`PATH_MAX`].
fn enter(cwd: &str, path: &str) -> Option<String> {
    if path.starts_with('/') {
        if path.len() > PATH_MAX {
            return None;
        }
        Some(normalize(path))
    } else {
        if cwd.len() + path.len() >= PATH_MAX {
            return None;
        }
        let joined = format!("{}/{path}", cwd.trim_end_matches('/'));
        if is_normal(cwd) && is_normal(path) && !cwd.is_empty() && !path.is_empty() {
            return Some(joined);
        }
        Some(normalize(&joined))
    }
}

/// Whether `outer` is `inner` or a directory above it.
/// `git clone`'s options that take the next word as their value.
const GIT_CLONE_VALUE_OPTIONS: [&str; 20] = [
    "-b",
    "--branch",
    "-o",
    "--origin",
    "-c",
    "--config",
    "--depth",
    "--reference",
    "--reference-if-able",
    "--separate-git-dir",
    "-j",
    "--jobs",
    "--filter",
    "--shallow-since",
    "--shallow-exclude",
    "-u",
    "--upload-pack",
    "--template",
    "--bundle-uri",
    "--server-option",
];

pub(crate) fn covers(outer: &str, inner: &str) -> bool {
    let outer = outer.trim_end_matches('/');
    outer.is_empty()
        || inner == outer
        || inner
            .strip_prefix(outer)
            .is_some_and(|rest| rest.starts_with('/'))
}

/// The variables a stage sees, with their values when known.
struct Scope {
    vars: Vec<(String, Option<String>)>,
    /// Bytes of values kept: past [`SCOPE_VALUE_BUDGET`], values are not kept (unknown), so
    /// that a file of `ENV`s repeating a long value costs memory in its own size.
    kept: usize,
}

/// The bytes of variable values a stage's model keeps.
const SCOPE_VALUE_BUDGET: usize = 8 << 20;

impl Scope {
    fn get(&self, name: &str) -> Option<Option<&str>> {
        self.vars
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_deref())
    }

    fn new(vars: Vec<(String, Option<String>)>) -> Scope {
        Scope { vars, kept: 0 }
    }

    fn set(&mut self, name: &str, value: Option<String>) {
        let value = value.filter(|v| v.len() <= SCOPE_VALUE_BUDGET.saturating_sub(self.kept));
        self.kept += value.as_ref().map_or(0, String::len);
        self.vars.push((name.to_string(), value));
    }

    /// Expands `$X` in a Dockerfile word; `None` when a variable has no known value.
    fn expand(&self, text: &str, escape: char) -> Option<String> {
        let unknown = std::cell::Cell::new(false);
        let out = expand(text, escape, &|name| match self.get(name) {
            Some(Some(v)) => Some(v.to_string()),
            Some(None) => {
                unknown.set(true);
                None
            }
            None => {
                unknown.set(true);
                None
            }
        })?;
        (!unknown.get()).then_some(out)
    }
}

/// Works out the model of `stage`, given the models of the stages before it.
pub(crate) fn stage_model(model: &Semantic, stage: &Stage, earlier: &[StageModel]) -> StageModel {
    let insts = model.instructions();
    let escape = model.df.escape();
    let (base, mut workdir, mut user, mut scope) = match (stage.base_stage, &stage.base) {
        // The models come in stage order: a stage's is at its index.
        (Some(parent), _) => match earlier.get(parent as usize).filter(|m| m.stage == parent) {
            Some(p) => (
                BaseOf::Stage(parent),
                Arc::clone(&p.end_workdir),
                p.end_user.clone(),
                Scope::new(p.variables.clone()),
            ),
            None => (
                BaseOf::Unknown,
                Arc::from("/"),
                None,
                Scope::new(Vec::new()),
            ),
        },
        (None, Some(b)) if b.is_scratch() => (
            BaseOf::Scratch,
            Arc::from("/"),
            None,
            Scope::new(Vec::new()),
        ),
        (None, Some(_)) => match official_base(stage) {
            Some(k) => {
                let vars = k
                    .env
                    .iter()
                    .map(|(n, v)| (n.to_string(), Some(v.to_string())))
                    .collect();
                let wd: Arc<str> = Arc::from(k.workdir);
                (BaseOf::Known(Box::new(k)), wd, None, Scope::new(vars))
            }
            None => (
                BaseOf::Unknown,
                Arc::from("/"),
                None,
                Scope::new(Vec::new()),
            ),
        },
        (None, None) => (
            BaseOf::Unknown,
            Arc::from("/"),
            None,
            Scope::new(Vec::new()),
        ),
    };
    // Global ARGs are only in scope when the stage declares them again; their defaults
    // carry over.
    let globals = model.global_args();
    let mut steps = Vec::new();
    let mut room = PathRoom::new();
    for index in stage.instruction_range() {
        let inst = &insts[index];
        room.counted = 0;
        let mut step = Step {
            index,
            workdir: Arc::clone(&workdir),
            uses: Vec::new(),
            installs: Vec::new(),
            effects: Vec::new(),
            effect_commands: Vec::new(),
        };
        match (inst.kind, &inst.args) {
            (InstructionKind::Workdir, Args::Text(w)) => {
                // A directory the model cannot follow (a variable known only at build
                // time, a path longer than the kernel takes, no room left) stays
                // unknown, and the working directory is left as it was.
                let unknown = || format!("WORKDIR {}", w.value);
                let entered = scope
                    .expand(&w.value, escape)
                    .and_then(|v| enter(&workdir, unquote(&v)))
                    // The room for the working directory's own copy of the path.
                    .filter(|path| room.reserve(path.len()));
                if let Some(path) = entered {
                    let entered = Arc::from(path.as_str());
                    step.effects.push(Effect::Writes {
                        path,
                        made: Made::Workdir,
                    });
                    if room.take(&mut step, unknown) {
                        workdir = entered;
                    }
                } else {
                    step.effects.push(Effect::Unknown(unknown()));
                }
            }
            (InstructionKind::User, Args::Text(u)) => {
                user = Some(
                    scope
                        .expand(&u.value, escape)
                        .unwrap_or_else(|| u.value.to_string()),
                );
            }
            (InstructionKind::Env, Args::KeyValues(pairs)) => {
                for kv in pairs {
                    let value = scope.expand(&kv.value.value, escape);
                    scope.set(&kv.key.value, value);
                }
            }
            (InstructionKind::Arg, Args::Words(words)) => {
                for w in words {
                    let (name, default) = match w.value.split_once('=') {
                        Some((n, d)) => (n, Some(d)),
                        None => (w.value.as_str(), None),
                    };
                    let value = match default {
                        Some(d) => scope.expand(d, escape),
                        None => globals.value(name).map(str::to_string),
                    };
                    scope.set(name, value);
                }
            }
            (InstructionKind::Copy | InstructionKind::Add, _) => {
                copy_effects(inst, &scope, escape, &workdir, &mut step, &mut room);
            }
            (InstructionKind::Run, _) => {
                if let Some(script) = model.script(index) {
                    run_effects(
                        script,
                        model.source(),
                        &scope,
                        &workdir,
                        index,
                        &mut step,
                        &mut room,
                    );
                } else if model.posix_shell(index) {
                    if let Args::Exec { items, .. } = &inst.args {
                        if let Some(first) = items.first() {
                            push_use(&mut step, &first.value, (index, 0), UseSite::Run, false);
                        }
                    }
                }
            }
            (InstructionKind::Cmd | InstructionKind::Entrypoint, args) => {
                command_uses(model, index, args, &mut step, UseSite::Command);
            }
            (InstructionKind::Healthcheck, Args::Healthcheck { command, .. }) => {
                command_uses(model, index, command, &mut step, UseSite::Healthcheck);
            }
            _ => {}
        }
        steps.push(step);
    }
    // With an `ENTRYPOINT`, the `CMD` holds its arguments: what it names may be a program
    // the entrypoint runs (`exec "$@"`), or not one at all.
    let has_entrypoint = stage
        .instruction_range()
        .any(|i| insts[i].kind == InstructionKind::Entrypoint);
    if has_entrypoint {
        for step in &mut steps {
            if insts[step.index].kind == InstructionKind::Cmd {
                for u in &mut step.uses {
                    u.optional = true;
                }
            }
        }
    }
    StageModel {
        stage: stage.index,
        base,
        steps,
        variables: scope.vars,
        end_workdir: workdir,
        end_user: user,
        bin_files: OnceLock::new(),
        providers: ProvidersCache::default(),
    }
}

fn push_use(
    step: &mut Step,
    word: &str,
    (index, command): (usize, usize),
    site: UseSite,
    optional: bool,
) {
    let name = basename(word);
    if name.is_empty() || is_builtin(name) || word.contains('$') {
        return;
    }
    step.uses.push(ProgramUse {
        word: word.to_string(),
        name: name.to_string(),
        index,
        command,
        site,
        optional,
    });
}

/// Whether an npm, Yarn or pnpm install puts a tool on the image that runs git itself
/// ([`NPM_TOOLS_THAT_RUN_GIT`]: `npm install -g bower`, `yarn global add lerna`).
fn installs_git_tool(program: &str, args: &[Word]) -> bool {
    use crate::knowledge::package_managers::{npm_package_name, NPM_TOOLS_THAT_RUN_GIT};
    node_package_install(program, args)
        && args
            .iter()
            .any(|w| !w.dynamic && NPM_TOOLS_THAT_RUN_GIT.contains(&npm_package_name(&w.value)))
}

/// Whether npm, Yarn or pnpm installs packages: `install`, `i`, `add`, `global add`.
fn node_package_install(program: &str, args: &[Word]) -> bool {
    matches!(program, "npm" | "yarn" | "yarnpkg" | "pnpm")
        && args
            .iter()
            .find(|w| !w.value.starts_with('-'))
            .is_some_and(|verb| matches!(verb.value.as_str(), "install" | "i" | "add" | "global"))
}

/// Whether a package install fetches a package with git: pip's `git+https://...` (also in
/// `name @ git+...`), npm's, Yarn's and pnpm's `git+...`, `git://`, `git@host:...`,
/// `github:`/`gitlab:`/`bitbucket:` and `*.git` specs.
fn installs_from_git(command: &Command, program: &str, args: &[Word]) -> bool {
    let vcs = |w: &Word| {
        let v = w.value.as_str();
        v.contains("git+")
            || v.starts_with("git://")
            || v.starts_with("git@")
            || ["github:", "gitlab:", "bitbucket:"]
                .iter()
                .any(|p| v.starts_with(p))
            || v.ends_with(".git")
            || v.contains(".git#")
    };
    use crate::semantic::commands::{is_pip, is_python, pip_command};
    if is_pip(program) || is_python(program) {
        return pip_command(command)
            .is_some_and(|(sub, pip_args)| sub.value == "install" && pip_args.iter().any(vcs));
    }
    node_package_install(program, args) && args.iter().any(vcs)
}

/// The program GNU tar runs to (de)compress: `xz` for `-J`, `--xz`, `--lzma` or a
/// `.tar.xz`/`.txz` archive, `bzip2` for `-j`, `--bzip2` or a `.tar.bz2`/`.tbz2` one.
fn tar_decompressor(args: &[Word]) -> Option<&'static str> {
    let by_name = |v: &str| {
        if v.ends_with(".xz") || v.ends_with(".txz") || v.ends_with(".lzma") {
            Some("xz")
        } else if v.ends_with(".bz2") || v.ends_with(".tbz2") || v.ends_with(".tbz") {
            Some("bzip2")
        } else {
            None
        }
    };
    let by_flags = |flags: &str| {
        if flags.contains('J') {
            Some("xz")
        } else if flags.contains('j') {
            Some("bzip2")
        } else {
            None
        }
    };
    args.iter().enumerate().find_map(|(i, w)| {
        let v = w.value.as_str();
        match v {
            "--xz" | "--lzma" => Some("xz"),
            "--bzip2" => Some("bzip2"),
            _ if v.starts_with("--") => None,
            _ if v.starts_with('-') => by_flags(v),
            // The old style: the first argument is the bundled flags (`tar xJf a.tar.xz`).
            _ if i == 0 && v.bytes().all(|b| b.is_ascii_alphabetic()) => by_flags(v),
            _ => by_name(v),
        }
    })
}

/// The programs of a `CMD`, `ENTRYPOINT` or `HEALTHCHECK CMD`.
fn command_uses(model: &Semantic, index: usize, args: &Args, step: &mut Step, site: UseSite) {
    match args {
        Args::Exec { items, .. } => {
            if let Some(first) = items.first() {
                push_use(step, &first.value, (index, 0), site, false);
                // `sh -c "curl ..."`: the script too.
                if matches!(basename(&first.value), "sh" | "bash" | "ash" | "dash")
                    && items.get(1).is_some_and(|w| w.value == "-c")
                {
                    if let Some(script) = items.get(2) {
                        let parsed = parse_script(&script.value);
                        script_uses(&parsed, index, site, step);
                    }
                }
            }
        }
        Args::Shell(text) => {
            // `CMD`/`ENTRYPOINT` scripts are parsed by the model; `HEALTHCHECK`'s here.
            match model.script(index).filter(|_| site != UseSite::Healthcheck) {
                Some(script) => script_uses(script, index, site, step),
                None if model.posix_shell(index) => {
                    let parsed = parse_script(&text.value);
                    script_uses(&parsed, index, site, step);
                }
                None => {}
            }
        }
        _ => {}
    }
}

fn script_uses(script: &Script, index: usize, site: UseSite, step: &mut Step) {
    let optional = OptionalUses::of(script);
    for (at, command) in script.commands.iter().enumerate() {
        let Some(i) = crate::semantic::commands::program_index(command) else {
            continue;
        };
        let word = command.words[i].value.to_string();
        push_use(step, &word, (index, at), site, optional.at(script, at));
    }
}

/// The programs a script looks up (`command -v x`, `which x`, `type x`, `hash x`), with the
/// index of the command that does, in order: worked out once per script, so that asking
/// about every command stays linear.
fn looked_up(script: &Script) -> Vec<(usize, &str)> {
    script
        .commands
        .iter()
        .enumerate()
        .filter_map(|(at, c)| {
            let words: Vec<&str> = c.words.iter().take(3).map(|w| w.value.as_str()).collect();
            match words.as_slice() {
                ["command", "-v", p, ..] | ["which", p, ..] | ["type", p, ..] | ["hash", p, ..] => {
                    Some((at, *p))
                }
                _ => None,
            }
        })
        .collect()
}

/// Which commands of a script run only when an earlier one failed (`a || b`), whose
/// program was looked up first (`command -v x && x`, `which x && x`; `lookups` from
/// [`looked_up`]), or that sit in a group an `||` follows: worked out once per script.
struct OptionalUses<'s> {
    lookups: Vec<(usize, &'s str)>,
    /// Per command: a later command at its depth, before the script leaves that depth, is
    /// joined by `||`.
    or_later: Vec<bool>,
}

impl<'s> OptionalUses<'s> {
    fn of(script: &'s Script) -> Self {
        use crate::syntax::shell::Connector;
        // Backwards: `seen[d]` says whether the commands after this point, up to the
        // first one shallower than `d`, hold one at depth `d` joined by `||`. A command
        // ends that run for every deeper `d`, and starts or extends it at its own depth.
        let mut or_later = vec![false; script.commands.len()];
        let mut seen: Vec<bool> = Vec::new();
        for (at, c) in script.commands.iter().enumerate().rev() {
            let depth = c.depth as usize;
            or_later[at] = seen.get(depth).copied().unwrap_or(false);
            // Deeper runs end here (dropped), a new depth starts empty.
            seen.resize(depth + 1, false);
            if c.connector == Connector::Or {
                seen[depth] = true;
            }
        }
        OptionalUses {
            lookups: looked_up(script),
            or_later,
        }
    }

    fn at(&self, script: &Script, at: usize) -> bool {
        let command = &script.commands[at];
        if command.connector == crate::syntax::shell::Connector::Or {
            return true;
        }
        let Some(name) = invocation(command).map(|(p, _)| p) else {
            return false;
        };
        self.lookups
            .iter()
            .take_while(|(i, _)| *i < at)
            .any(|(_, p)| *p == name)
            || command.depth > 0 && self.or_later[at]
    }
}

fn copy_effects(
    inst: &Instruction,
    scope: &Scope,
    escape: char,
    workdir: &str,
    step: &mut Step,
    room: &mut PathRoom,
) {
    let words: Vec<&str> = match &inst.args {
        Args::List(w) => w.iter().map(|s| s.value.as_str()).collect(),
        Args::Exec { items, .. } => items.iter().map(|s| s.value.as_str()).collect(),
        _ => return,
    };
    let Some((dest, sources)) = words.split_last() else {
        return;
    };
    let made = if inst.flag("from").is_some() {
        Made::OtherStage
    } else {
        Made::Context
    };
    let unplaced = || format!("{} to {}", inst.kind.as_str(), dest);
    let Some(dest) = scope.expand(dest, escape) else {
        step.effects.push(Effect::Unknown(unplaced()));
        return;
    };
    let dest_dir = dest.ends_with('/') || sources.len() > 1 || dest == "." || dest == "./";
    let dest_abs = resolve(workdir, &dest);
    for source in sources.iter().filter(|s| !s.starts_with("<<")) {
        let source = scope
            .expand(source, escape)
            .unwrap_or_else(|| source.to_string());
        let base = basename(source.trim_end_matches('/'));
        let whole = matches!(source.trim_end_matches('/'), "." | "" | "/");
        let path = if dest_dir && !whole && !source.contains(['*', '?', '[']) {
            // A file or directory lands inside the destination directory; a directory's
            // contents land in it directly (COPY dir/ dest/ copies the contents).
            if source.ends_with('/') || !base.contains('.') && made == Made::Context {
                // Could be a directory whose contents are copied: the destination itself.
                dest_abs.clone()
            } else {
                resolve(&dest_abs, base)
            }
        } else {
            dest_abs.clone()
        };
        step.effects.push(Effect::Writes { path, made });
        if !room.take(step, unplaced) {
            return;
        }
    }
    for heredoc in &inst.heredocs {
        let path = if dest_dir {
            resolve(&dest_abs, &heredoc.name)
        } else {
            dest_abs.clone()
        };
        step.effects.push(Effect::Writes {
            path,
            made: Made::File,
        });
        if !room.take(step, unplaced) {
            return;
        }
    }
}

/// Options that take a value, per tool, for finding operands.
const CP_OPTS: &[&str] = &["-t", "--target-directory", "-S", "--suffix"];

/// The package manager a command removes packages with (`apk del`, `apt-get purge`,
/// `remove` or `autoremove`, `yum`/`dnf` `remove` or `erase`; `dnf` counted as `yum`), and
/// the command's arguments.
pub(crate) fn package_removal(c: &Command) -> Option<(PackageManagerId, &[Word])> {
    let (program, args) = invocation(c)?;
    let manager = match program {
        "apk" => subcommand(args, &[])
            .is_some_and(|(_, s)| s.value == "del")
            .then_some(PackageManagerId::Apk),
        "apt-get" | "apt" => subcommand(args, &["-o"])
            .is_some_and(|(_, s)| matches!(s.value.as_str(), "purge" | "remove" | "autoremove"))
            .then_some(PackageManagerId::AptGet),
        "yum" | "dnf" => subcommand(args, &[])
            .is_some_and(|(_, s)| matches!(s.value.as_str(), "remove" | "erase"))
            .then_some(PackageManagerId::Yum),
        _ => None,
    }?;
    Some((manager, args))
}

/// What a `RUN` script does, command by command, following `cd`.
fn run_effects(
    script: &Script,
    source: &str,
    scope: &Scope,
    workdir: &str,
    index: usize,
    step: &mut Step,
    room: &mut PathRoom,
) {
    let site = UseSite::Run;
    let mut cwd_by_depth: Vec<(u32, String)> = vec![(0, workdir.to_string())];
    let mut local: Vec<(String, Option<String>)> = Vec::new();
    // The commands that remove packages, found once: asking for every install whether a
    // later command removes it then costs the removals, not the whole script.
    let removals: Vec<(usize, PackageManagerId, &[Word])> = script
        .commands
        .iter()
        .enumerate()
        .filter_map(|(at, c)| {
            let (manager, args) = package_removal(c)?;
            Some((at, manager, args))
        })
        .collect();
    let removes_later =
        |at: usize, manager: PackageManagerId, packages: &[String], virtual_name: Option<&str>| {
            let manager = match manager {
                PackageManagerId::Dnf => PackageManagerId::Yum,
                m => m,
            };
            // Per package: the first later command that removes it (by name, by the
            // virtual package it was installed under, or with `autoremove`).
            packages
                .iter()
                .map(|p| {
                    removals
                        .iter()
                        .filter(|(i, m, _)| *i > at && *m == manager)
                        .find(|(_, _, args)| {
                            args.iter().any(|w| {
                                *p == w.value
                                    || virtual_name.is_some_and(|v| v == w.value)
                                    || w.value == "--auto-remove"
                                        && args.iter().any(|x| x.value == "autoremove")
                            })
                        })
                        .map(|(i, _, _)| *i)
                })
                .collect::<Vec<Option<usize>>>()
        };
    let optional = OptionalUses::of(script);
    let command_text = |at: usize| {
        script
            .commands
            .get(at)
            .and_then(|c| source.get(c.range.start as usize..c.range.end as usize))
            .unwrap_or("")
            .to_string()
    };
    for (at, command) in script.commands.iter().enumerate() {
        // The effects so far belong to the commands before this one.
        let last = at.saturating_sub(1);
        room.take(step, || command_text(last));
        step.effect_commands.resize(step.effects.len(), last);
        // The directory for this depth: inner groups start from their parent's.
        while cwd_by_depth.len() > 1 && cwd_by_depth.last().is_some_and(|(d, _)| *d > command.depth)
        {
            cwd_by_depth.pop();
        }
        let cwd = cwd_by_depth.last().map_or(workdir, |(_, c)| c.as_str());
        let lookup = |name: &str| -> Option<String> {
            if let Some((_, v)) = local.iter().rev().find(|(n, _)| n == name) {
                return v.clone();
            }
            scope.get(name).flatten().map(str::to_string)
        };
        let word_value = |w: &Word| -> Option<String> {
            if !w.dynamic {
                return Some(w.value.to_string());
            }
            expand(&w.value, '\\', &|n| lookup(n)).filter(|v| !v.contains('$'))
        };
        let mut pending: Vec<(String, Option<String>)> = Vec::new();
        for a in &command.assignments {
            if command.words.is_empty() {
                pending.push((a.name.to_string(), word_value(&a.value)));
            }
        }
        let Some((program, args)) = invocation(command) else {
            local.extend(pending);
            continue;
        };
        let text = source
            .get(command.range.start as usize..command.range.end as usize)
            .unwrap_or("");
        let word_at = command.words.len() - args.len() - 1;
        let program_word = command.words[word_at].value.as_str();
        // `command -v x` only looks `x` up; a command substitution runs its command.
        if crate::semantic::commands::program_index(command).is_some() {
            push_use(
                step,
                program_word,
                (index, at),
                site,
                optional.at(script, at),
            );
        }
        // `pip install git+https://...`, `npm install github:user/repo`: the installer runs
        // git; `npm install -g bower`: the tool it installs does.
        if installs_from_git(command, program, args) || installs_git_tool(program, args) {
            push_use(step, "git", (index, at), site, false);
        }
        // GNU tar runs `xz` or `bzip2` for such archives (busybox tar has its own).
        if program == "tar" {
            if let Some(decompressor) = tar_decompressor(args) {
                push_use(step, decompressor, (index, at), site, false);
            }
        }
        // The operands' values, worked out only for the programs that read them.
        let positional = || -> Vec<Option<String>> {
            args.iter()
                .filter(|w| !w.value.starts_with('-') || w.value == "-")
                .map(&word_value)
                .collect()
        };
        let abs = |p: &str| resolve(cwd, p);
        // Redirects that write files.
        for r in &command.redirects {
            use crate::syntax::shell::RedirectOp as R;
            if matches!(
                r.op,
                R::Write | R::Append | R::Clobber | R::WriteAll | R::AppendAll
            ) && r.fd.is_none_or(|fd| fd == 1)
            {
                if let Some(target) = r.target.as_ref().and_then(&word_value) {
                    if !target.starts_with("/dev/") {
                        step.effects.push(Effect::Writes {
                            path: abs(&target),
                            made: Made::File,
                        });
                    }
                }
            }
        }
        // A file of the project named like a system tool (the AWS CLI bundle's
        // `./awscli-bundle/install`, not `install(1)`) is a script: what it writes is not
        // known.
        if SYSTEM_TOOLS.contains(&program)
            && program_word.contains('/')
            && !in_bin_dir(program_word)
        {
            step.effects.push(Effect::Unknown(program_word.to_string()));
            local.extend(pending);
            continue;
        }
        match program {
            "cd" => {
                let target = positional()
                    .first()
                    .cloned()
                    .flatten()
                    .unwrap_or_else(|| "/root".to_string());
                let next = abs(&target);
                match cwd_by_depth.last_mut() {
                    Some((d, c)) if *d == command.depth => *c = next,
                    _ => cwd_by_depth.push((command.depth, next)),
                }
            }
            "export" => {
                for w in args {
                    if let Some((n, v)) = w.value.split_once('=') {
                        let value = if w.dynamic {
                            expand(v, '\\', &|x| lookup(x))
                        } else {
                            Some(v.to_string())
                        };
                        pending.push((n.to_string(), value));
                    }
                }
            }
            "mkdir" | "touch" => {
                for p in positional().iter().flatten() {
                    step.effects.push(Effect::Writes {
                        path: abs(p),
                        made: Made::File,
                    });
                }
            }
            "rm" => {
                for p in positional().iter().flatten() {
                    step.effects.push(Effect::Deletes(abs(p)));
                }
            }
            "cp" | "ln" | "install" | "mv" | "rsync" => {
                let explicit = args
                    .iter()
                    .position(|w| w.value == "-t" || w.value == "--target-directory")
                    .and_then(|i| args.get(i + 1))
                    .and_then(&word_value)
                    .or_else(|| {
                        args.iter().find_map(|w| {
                            w.value
                                .strip_prefix("--target-directory=")
                                .map(str::to_string)
                        })
                    });
                let operands: Vec<Option<String>> = args
                    .iter()
                    .enumerate()
                    .filter(|(i, w)| {
                        !(w.value.starts_with('-')
                            || *i > 0 && CP_OPTS.contains(&args[i - 1].value.as_str()))
                    })
                    .map(|(_, w)| word_value(w))
                    .collect();
                let (dest, sources) = match (&explicit, operands.split_last()) {
                    (Some(t), _) => (Some(t.clone()), operands.as_slice()),
                    (None, Some((d, s))) => (d.clone(), s),
                    (None, None) => (None, &[][..]),
                };
                let Some(dest) = dest else {
                    step.effects
                        .push(Effect::Unknown(format!("{program} to a variable path")));
                    continue;
                };
                let dest_abs = abs(&dest);
                let into_dir = sources.len() > 1 || dest.ends_with('/') || explicit.is_some();
                let symbolic = program == "ln"
                    && args.iter().any(|w| {
                        w.value == "--symbolic"
                            || w.value.starts_with('-')
                                && !w.value.starts_with("--")
                                && w.value.contains('s')
                    });
                for s in sources {
                    // A pattern (`dist/*`) names the files the shell finds: what is written
                    // is known only as the directory they go to.
                    let pattern = s.as_deref().is_some_and(has_glob);
                    let target = match (into_dir, s) {
                        (_, Some(_)) if pattern => dest_abs.clone(),
                        (true, Some(s)) => resolve(&dest_abs, basename(s.trim_end_matches('/'))),
                        _ => dest_abs.clone(),
                    };
                    if program == "mv" {
                        if let Some(s) = s {
                            step.effects.push(Effect::Moves {
                                from: abs(s),
                                to: target,
                            });
                            continue;
                        }
                    }
                    step.effects.push(Effect::Writes {
                        path: target.clone(),
                        made: Made::File,
                    });
                    if let (true, false, [Some(link_to)]) = (symbolic, pattern, sources) {
                        step.effects.push(Effect::Symlink {
                            link: target,
                            target: link_to.clone(),
                        });
                    }
                }
                if sources.is_empty() && program == "install" {
                    step.effects.push(Effect::Writes {
                        path: dest_abs,
                        made: Made::File,
                    });
                }
            }
            "curl" | "wget" => {
                let out = output_option(
                    args,
                    if program == "curl" {
                        &["-o", "--output"]
                    } else {
                        &["-O", "--output-document"]
                    },
                    &word_value,
                );
                match out {
                    Some(Some(o)) if o != "-" => step.effects.push(Effect::Writes {
                        path: abs(&o),
                        made: Made::Download,
                    }),
                    Some(None) => step
                        .effects
                        .push(Effect::Unknown(format!("{program} to a variable path"))),
                    _ => {
                        if program == "wget"
                            || args.iter().any(|w| {
                                w.value == "-O"
                                    || w.value == "--remote-name"
                                    || w.value.starts_with("-")
                                        && !w.value.starts_with("--")
                                        && w.value.contains('O')
                            })
                        {
                            // Saves into the current directory.
                            step.effects.push(Effect::Writes {
                                path: cwd.to_string(),
                                made: Made::Download,
                            });
                        }
                    }
                }
            }
            "tar" | "unzip" => {
                let dir = if program == "tar" {
                    output_option(args, &["-C", "--directory"], &word_value)
                } else {
                    output_option(args, &["-d"], &word_value)
                };
                match dir {
                    Some(Some(d)) => step.effects.push(Effect::Writes {
                        path: abs(&d),
                        made: Made::File,
                    }),
                    Some(None) => step
                        .effects
                        .push(Effect::Unknown(format!("{program} into a variable path"))),
                    None => step.effects.push(Effect::Writes {
                        path: cwd.to_string(),
                        made: Made::File,
                    }),
                }
            }
            "git" if subcommand(args, &["-C", "-c"]).is_some_and(|(_, s)| s.value == "clone") => {
                // The repository and the directory, past the options and their values
                // (`-b v1.4 --depth 1 <url> <dir>`).
                let clone = subcommand(args, &["-C", "-c"]).map_or(0, |(i, _)| i);
                let ops: Vec<Option<String>> = operands(args, clone, &GIT_CLONE_VALUE_OPTIONS)
                    .map(&word_value)
                    .collect();
                let target = match ops.as_slice() {
                    [_, Some(dir), ..] => abs(dir),
                    [Some(url)] => {
                        abs(basename(url.trim_end_matches('/').trim_end_matches(".git")))
                    }
                    _ => cwd.to_string(),
                };
                step.effects.push(Effect::Writes {
                    path: target,
                    made: Made::Download,
                });
            }
            "useradd" | "adduser" | "groupadd" | "addgroup" => {
                let name = matches!(program, "useradd" | "adduser")
                    .then(|| positional().last().cloned().flatten())
                    .flatten();
                step.effects.push(Effect::CreatesUser {
                    name,
                    command: text.to_string(),
                });
                step.effects.push(Effect::Writes {
                    path: "/etc/passwd".into(),
                    made: Made::File,
                });
                step.effects.push(Effect::Writes {
                    path: "/etc/group".into(),
                    made: Made::File,
                });
            }
            "apt-get" | "apt" | "aptitude" | "apk" | "yum" | "dnf" | "microdnf" | "zypper" => {
                let Some(OsInstall {
                    manager,
                    packages,
                    virtual_name,
                    named_by_variable,
                }) = os_install(program, args)
                else {
                    continue;
                };
                let removed_at = removes_later(at, manager, &packages, virtual_name.as_deref());
                step.installs.push(PackageInstall {
                    manager,
                    no_recommends: args.iter().any(|w| w.value == "--no-install-recommends"),
                    packages,
                    index,
                    command: at,
                    removed_later: removed_at.iter().any(Option::is_some),
                    removed_at,
                    named_by_variable,
                });
            }
            "conda" | "mamba" | "micromamba" | "cpan" | "cpanm" | "luarocks" | "R" | "Rscript"
            | "rustup" | "nvm" | "n" | "pyenv" | "sdk" | "snap" | "easy_install" | "rpm"
            | "alternatives" => {
                step.effects.push(Effect::Unknown(text.to_string()));
            }
            "dpkg"
                if args
                    .iter()
                    .any(|w| w.value == "-i" || w.value == "--install") =>
            {
                step.effects.push(Effect::Unknown("dpkg -i".into()));
            }
            "npm" | "yarn" | "pnpm" => {
                let global = args
                    .iter()
                    .any(|w| matches!(w.value.as_str(), "-g" | "--global"))
                    || args.first().is_some_and(|w| w.value == "global");
                let sub = subcommand(args, &[])
                    .map(|(_, s)| s.value.to_string())
                    .unwrap_or_default();
                if global && matches!(sub.as_str(), "install" | "i" | "add" | "global") {
                    let programs = positional()
                        .iter()
                        .skip(1)
                        .flatten()
                        .filter(|p| p.as_str() != "add")
                        .map(|p| package_program(p))
                        .collect();
                    step.effects.push(Effect::Tool {
                        programs,
                        path: Some("/usr/local/lib/node_modules".into()),
                        command: text.to_string(),
                    });
                } else {
                    // Local installs and scripts work in the project directory, or where
                    // `--prefix`/`--modules-folder`/`--dir` say.
                    match output_option(
                        args,
                        &["--modules-folder", "--prefix", "-C", "--dir"],
                        &word_value,
                    ) {
                        Some(Some(dir)) => step.effects.push(Effect::Writes {
                            path: abs(&dir),
                            made: Made::Install,
                        }),
                        Some(None) => step
                            .effects
                            .push(Effect::Unknown(format!("{program} into a variable path"))),
                        None => {}
                    }
                    step.effects.push(Effect::Writes {
                        path: cwd.to_string(),
                        made: Made::Build,
                    });
                }
            }
            "gem" if subcommand(args, &[]).is_some_and(|(_, s)| s.value == "install") => {
                let programs = positional()
                    .iter()
                    .skip(1)
                    .flatten()
                    .map(|p| package_program(p))
                    .collect();
                step.effects.push(Effect::Tool {
                    programs,
                    path: lookup("GEM_HOME"),
                    command: text.to_string(),
                });
            }
            "bundle" | "bundler" => {
                step.effects.push(Effect::Tool {
                    programs: Vec::new(),
                    path: lookup("GEM_HOME").or(Some("/usr/local/bundle".into())),
                    command: text.to_string(),
                });
                step.effects.push(Effect::Writes {
                    path: cwd.to_string(),
                    made: Made::Install,
                });
            }
            "go" => {
                let sub = subcommand(args, &[])
                    .map(|(_, s)| s.value.to_string())
                    .unwrap_or_default();
                match sub.as_str() {
                    "build" => match output_option(args, &["-o"], &word_value) {
                        Some(Some(o)) => step.effects.push(Effect::Writes {
                            path: abs(&o),
                            made: Made::Build,
                        }),
                        Some(None) => step
                            .effects
                            .push(Effect::Unknown("go build -o to a variable path".into())),
                        None => step.effects.push(Effect::Writes {
                            path: cwd.to_string(),
                            made: Made::Build,
                        }),
                    },
                    "install" => {
                        let gopath = lookup("GOPATH").unwrap_or_else(|| "/root/go".into());
                        let bin = lookup("GOBIN").unwrap_or_else(|| format!("{gopath}/bin"));
                        step.effects.push(Effect::Tool {
                            programs: Vec::new(),
                            path: Some(bin),
                            command: text.to_string(),
                        });
                    }
                    _ => {}
                }
            }
            "cargo" => {
                let sub = subcommand(args, &[])
                    .map(|(_, s)| s.value.to_string())
                    .unwrap_or_default();
                match sub.as_str() {
                    "build" | "b" => {
                        let target = output_option(args, &["--target-dir"], &word_value)
                            .flatten()
                            .or_else(|| lookup("CARGO_TARGET_DIR"))
                            .map(|t| abs(&t))
                            .unwrap_or_else(|| abs("target"));
                        step.effects.push(Effect::Writes {
                            path: target,
                            made: Made::Build,
                        });
                    }
                    "install" => {
                        let root = output_option(args, &["--root"], &word_value)
                            .flatten()
                            .or_else(|| lookup("CARGO_INSTALL_ROOT"))
                            .or_else(|| lookup("CARGO_HOME"))
                            .unwrap_or_else(|| "/root/.cargo".into());
                        step.effects.push(Effect::Tool {
                            programs: Vec::new(),
                            path: Some(format!("{}/bin", abs(&root))),
                            command: text.to_string(),
                        });
                    }
                    _ => {}
                }
            }
            "mvn" | "mvnw" => {
                let dir = output_option(args, &["-f", "--file"], &word_value)
                    .flatten()
                    .map(|f| {
                        let f = abs(&f);
                        if f.ends_with(".xml") {
                            f.rsplit_once('/').map_or(f.clone(), |(d, _)| d.to_string())
                        } else {
                            f
                        }
                    })
                    .unwrap_or_else(|| cwd.to_string());
                match maven_output(args) {
                    MavenOutput::Target => step.effects.push(Effect::Writes {
                        path: resolve(&dir, "target"),
                        made: Made::Build,
                    }),
                    MavenOutput::Cleans => {
                        step.effects.push(Effect::Deletes(resolve(&dir, "target")))
                    }
                    MavenOutput::Nothing => {}
                }
            }
            "gradle" | "gradlew" => {
                let dir = output_option(args, &["-p", "--project-dir"], &word_value)
                    .flatten()
                    .map(|d| abs(&d))
                    .unwrap_or_else(|| cwd.to_string());
                step.effects.push(Effect::Writes {
                    path: resolve(&dir, "build"),
                    made: Made::Build,
                });
            }
            "dotnet" => {
                if let Some(o) = output_option(args, &["-o", "--output"], &word_value) {
                    match o {
                        Some(o) => step.effects.push(Effect::Writes {
                            path: abs(&o),
                            made: Made::Build,
                        }),
                        None => step
                            .effects
                            .push(Effect::Unknown("dotnet to a variable path".into())),
                    }
                } else {
                    step.effects.push(Effect::Writes {
                        path: cwd.to_string(),
                        made: Made::Build,
                    });
                }
            }
            "virtualenv" => {
                if let Some(Some(dir)) = positional().last() {
                    step.effects.push(Effect::Writes {
                        path: abs(dir),
                        made: Made::Venv,
                    });
                }
            }
            "make" | "gmake" => {
                if args
                    .iter()
                    .any(|w| w.value == "install" || w.value.starts_with("install-"))
                {
                    step.effects.push(Effect::Unknown("make install".into()));
                } else {
                    step.effects.push(Effect::Writes {
                        path: cwd.to_string(),
                        made: Made::Build,
                    });
                }
            }
            "sh" | "bash" | "ash" | "dash" | "zsh" | "source" | "."
                if !args.is_empty()
                    || command.connector == crate::syntax::shell::Connector::Pipe =>
            {
                step.effects.push(Effect::Unknown(format!(
                    "{program} {}",
                    args.first().map_or("", |w| w.value.as_str())
                )));
            }
            p if crate::semantic::commands::is_pip(p)
                || (crate::semantic::commands::is_python(p)
                    && args.first().is_some_and(|w| w.value == "-m")) =>
            {
                pip_effects(p, args, &lookup, &abs, step);
            }
            p if crate::semantic::commands::is_python(p) => {
                // `python setup.py install`, scripts: they work in the project, but a setup
                // script installs into site-packages.
                let first = positional().first().cloned().flatten().unwrap_or_default();
                if first.ends_with("setup.py")
                    && args
                        .iter()
                        .any(|w| w.value == "install" || w.value == "develop")
                {
                    step.effects.push(Effect::Writes {
                        path: site_packages(&lookup),
                        made: Made::Install,
                    });
                }
                step.effects.push(Effect::Writes {
                    path: cwd.to_string(),
                    made: Made::Build,
                });
            }
            p if program_word.starts_with("./")
                || program_word.starts_with('/')
                    && !in_bin_dir(program_word)
                    && !program_word.starts_with("/usr/")
                    && !program_word.starts_with("/bin/") =>
            {
                // A script of the project (`./configure`, `./install.sh`).
                let _ = p;
                step.effects.push(Effect::Unknown(program_word.to_string()));
            }
            _ => {}
        }
        local.extend(pending);
    }
    let last = script.commands.len().saturating_sub(1);
    room.take(step, || command_text(last));
    step.effect_commands.resize(step.effects.len(), last);
}

/// What a Maven command does to the project's `target` directory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MavenOutput {
    Target,
    Cleans,
    Nothing,
}

/// The default lifecycle's phases that write `target` (from `generate-sources` on: sources,
/// resources and classes go there), and the plugin goals that need no project or write only
/// the local repository (`~/.m2`) or the console. Maven runs only what the command names: a
/// goal alone (`install:install-file`) runs that goal, no lifecycle. Source: Maven's
/// "Introduction to the Build Lifecycle" (Lifecycle Reference) and the install, deploy,
/// dependency and help plugins' goal pages.
const MAVEN_WRITING_PHASES: &[&str] = &[
    "generate-sources",
    "process-sources",
    "generate-resources",
    "process-resources",
    "compile",
    "process-classes",
    "generate-test-sources",
    "process-test-sources",
    "generate-test-resources",
    "process-test-resources",
    "test-compile",
    "process-test-classes",
    "test",
    "prepare-package",
    "package",
    "pre-integration-test",
    "integration-test",
    "post-integration-test",
    "verify",
    "install",
    "deploy",
    "site",
];
const MAVEN_PHASES_WITHOUT_OUTPUT: &[&str] = &["validate", "initialize", "pre-clean", "post-clean"];
const MAVEN_GOALS_WITHOUT_OUTPUT: &[&str] = &[
    "install:install-file",
    "deploy:deploy-file",
    "dependency:go-offline",
    "dependency:resolve",
    "dependency:resolve-plugins",
    "dependency:resolve-sources",
    "dependency:tree",
    "dependency:list",
    "dependency:get",
    "help:effective-pom",
    "help:evaluate",
    "help:describe",
    "help:active-profiles",
    "help:effective-settings",
    "help:system",
];

/// Whether a shell pattern (`rm -rf /tmp/*`) matches `path` or a directory above it: each
/// component of the pattern matches the component of the path at its place (`*` and `?`
/// not matching a leading `.`, as the shell's do; a bracket matches any one character).
pub(crate) fn pattern_covers(pattern: &str, path: &str) -> bool {
    if !has_glob(pattern) {
        return false;
    }
    let pattern: Vec<&str> = pattern.trim_end_matches('/').split('/').collect();
    let path: Vec<&str> = path.trim_end_matches('/').split('/').collect();
    path.len() >= pattern.len()
        && pattern
            .iter()
            .zip(&path)
            .all(|(p, c)| component_matches(p.as_bytes(), c.as_bytes(), true))
}

fn component_matches(pattern: &[u8], name: &[u8], at_start: bool) -> bool {
    match pattern.first() {
        None => name.is_empty(),
        Some(b'*') => {
            if at_start && name.first() == Some(&b'.') {
                return false;
            }
            (0..=name.len()).any(|k| component_matches(&pattern[1..], &name[k..], false))
        }
        Some(b'?') => match name.first() {
            None => false,
            Some(b'.') if at_start => false,
            Some(_) => component_matches(&pattern[1..], &name[1..], false),
        },
        Some(b'[') => match pattern.iter().position(|&b| b == b']') {
            Some(end) if end > 1 => {
                !name.is_empty() && component_matches(&pattern[end + 1..], &name[1..], false)
            }
            _ => name.first() == Some(&b'[') && component_matches(&pattern[1..], &name[1..], false),
        },
        Some(&b) => name.first() == Some(&b) && component_matches(&pattern[1..], &name[1..], false),
    }
}

/// Whether a path holds a shell pattern (`*`, `?`, `[`).
pub(crate) fn has_glob(path: &str) -> bool {
    path.contains(['*', '?', '['])
}

/// What `mvn <args>` does to `target`: written when a phase that writes it runs, or a goal
/// this table does not know (it may); deleted by `clean` alone; untouched when every goal
/// and phase named is one that writes no `target` (or only flags are given, `-v`).
fn maven_output(args: &[Word]) -> MavenOutput {
    // Flags that take a value as the next word.
    const TAKES: &[&str] = &[
        "-f",
        "--file",
        "-s",
        "--settings",
        "-gs",
        "--global-settings",
        "-P",
        "--activate-profiles",
        "-pl",
        "--projects",
        "-rf",
        "--resume-from",
        "-T",
        "--threads",
        "-l",
        "--log-file",
        "-t",
        "--toolchains",
        "-gt",
        "--global-toolchains",
        "-b",
        "--builder",
        "-D",
        "--define",
    ];
    let mut named: Vec<&str> = Vec::new();
    let mut skip = false;
    for w in args {
        let v = w.value.as_str();
        if skip {
            skip = false;
            continue;
        }
        if v.starts_with('-') {
            skip = TAKES.contains(&v);
            continue;
        }
        if w.dynamic {
            return MavenOutput::Target;
        }
        named.push(v);
    }
    let writes = |n: &&str| {
        MAVEN_WRITING_PHASES.contains(n)
            || !(MAVEN_PHASES_WITHOUT_OUTPUT.contains(n)
                || *n == "clean"
                || MAVEN_GOALS_WITHOUT_OUTPUT.contains(n)
                || n.starts_with("help:"))
    };
    if named.is_empty() {
        // The project's `<defaultGoal>`, or a flag alone (`-v`, `--help`).
        let only_info = args
            .iter()
            .any(|w| matches!(w.value.as_str(), "-v" | "--version" | "-h" | "--help"));
        return if only_info {
            MavenOutput::Nothing
        } else {
            MavenOutput::Target
        };
    }
    if named.iter().any(writes) {
        MavenOutput::Target
    } else if named.contains(&"clean") {
        MavenOutput::Cleans
    } else {
        MavenOutput::Nothing
    }
}

/// The program a global package install puts on the `PATH`, by its name (`@vue/cli` →
/// `vue` is not knowable; the package name without scope and version is the best guess).
fn package_program(package: &str) -> String {
    let name = package.rsplit('/').next().unwrap_or(package);
    let name = name.split('@').next().unwrap_or(name);
    name.split(['=', '<', '>', '~', '['])
        .next()
        .unwrap_or(name)
        .to_string()
}

/// The value of the first of `names` (`-o x`, `-ox`, `--output=x`): `Some(None)` when it
/// is a variable the model cannot expand.
fn output_option(
    args: &[Word],
    names: &[&str],
    value: &dyn Fn(&Word) -> Option<String>,
) -> Option<Option<String>> {
    for (i, w) in args.iter().enumerate() {
        let v = w.value.as_str();
        for n in names {
            if v == *n {
                let next = args.get(i + 1)?;
                return Some(value(next));
            }
            if let Some(rest) = v.strip_prefix(n) {
                let rest = rest.strip_prefix('=').unwrap_or(rest);
                if !rest.is_empty() && (n.len() == 2 || v.starts_with(&format!("{n}="))) {
                    return Some((!w.dynamic).then(|| rest.to_string()));
                }
            }
        }
    }
    None
}

/// Where a system `pip install` puts packages: the virtual environment first on `PATH`, else
/// the interpreter's site-packages.
fn site_packages(lookup: &dyn Fn(&str) -> Option<String>) -> String {
    if let Some(venv) = lookup("VIRTUAL_ENV") {
        return venv;
    }
    if let Some(path) = lookup("PATH") {
        if let Some(first) = path.split(':').next() {
            if let Some(venv) = first.strip_suffix("/bin") {
                if !matches!(
                    venv,
                    "/usr/local"
                        | "/usr"
                        | ""
                        | "/usr/local/cargo"
                        | "/go"
                        | "/usr/local/go"
                        | "/opt/java/openjdk"
                        | "/usr/local/bundle"
                ) {
                    return venv.to_string();
                }
            }
        }
    }
    "/usr/local/lib".to_string()
}

fn pip_effects(
    program: &str,
    args: &[Word],
    lookup: &dyn Fn(&str) -> Option<String>,
    abs: &dyn Fn(&str) -> String,
    step: &mut Step,
) {
    let args = if crate::semantic::commands::is_python(program) {
        match args {
            [_, module, rest @ ..] if crate::semantic::commands::is_pip(&module.value) => rest,
            [_, module, rest @ ..] if module.value == "venv" || module.value == "virtualenv" => {
                if let Some(dir) = rest.iter().rev().find(|w| !w.value.starts_with('-')) {
                    if !dir.dynamic {
                        step.effects.push(Effect::Writes {
                            path: abs(&dir.value),
                            made: Made::Venv,
                        });
                    } else if let Some(v) = expand(&dir.value, '\\', lookup) {
                        step.effects.push(Effect::Writes {
                            path: abs(&v),
                            made: Made::Venv,
                        });
                    }
                }
                return;
            }
            _ => return,
        }
    } else {
        args
    };
    if subcommand(args, &crate::semantic::commands::PIP_VALUE_OPTIONS)
        .is_none_or(|(_, s)| s.value != "install")
    {
        return;
    }
    let value = |w: &Word| -> Option<String> {
        if !w.dynamic {
            return Some(w.value.to_string());
        }
        expand(&w.value, '\\', lookup).filter(|v| !v.contains('$'))
    };
    if let Some(t) = output_option(args, &["-t", "--target", "--prefix", "--root"], &value) {
        match t {
            Some(t) => step.effects.push(Effect::Writes {
                path: abs(&t),
                made: Made::Install,
            }),
            None => step
                .effects
                .push(Effect::Unknown("pip install into a variable path".into())),
        }
        return;
    }
    if args.iter().any(|w| w.value == "--user") {
        step.effects.push(Effect::Writes {
            path: "/root/.local".into(),
            made: Made::Install,
        });
        return;
    }
    step.effects.push(Effect::Writes {
        path: site_packages(lookup),
        made: Made::Install,
    });
}

/// The official image stage `stage` is built `FROM`, when the knowledge table describes it
/// (none for a stage built on another stage, on `scratch` or on an unresolved reference).
pub(crate) fn official_base(stage: &Stage) -> Option<BaseImage> {
    let b = stage
        .base
        .as_ref()
        .filter(|_| stage.base_stage.is_none() && !stage.unresolved)?;
    if b.is_scratch() {
        return None;
    }
    b.official_name()
        .and_then(|n| base_image(n, b.tag.as_deref()))
        .or_else(|| {
            let repo = b.repository();
            repo.starts_with("gcr.io/distroless/")
                .then(|| base_image(&repo, b.tag.as_deref()))
                .flatten()
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse;

    fn models(src: &str) -> Vec<StageModel> {
        let parsed = parse(src);
        let model = Semantic::new(&parsed);
        let mut out: Vec<StageModel> = Vec::new();
        for stage in parsed.dockerfile.stages() {
            let m = stage_model(&model, stage, &out);
            out.push(m);
        }
        out
    }

    /// For scripts of groups and `&&`/`||`/`;` chains, the backward pass marks the same
    /// commands as the plain look ahead: a later command at the same depth, before a
    /// shallower one, joined by `||`.
    #[test]
    fn a_later_or_at_the_same_depth_is_found_in_one_pass() {
        use crate::syntax::shell::parse_script;
        let joins = [" && ", " || ", "; "];
        let pieces = [
            "a",
            "(b && c)",
            "(d || e)",
            "{ f; }",
            "{ g || h; }",
            "(i; (j || k) && l)",
        ];
        let mut checked = 0;
        for seed in 0u32..3_000 {
            let mut text = String::new();
            let mut x = seed.wrapping_mul(2_654_435_761);
            for k in 0..6 {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                if k > 0 {
                    text.push_str(joins[(x % 3) as usize]);
                }
                text.push_str(pieces[((x >> 8) % 6) as usize]);
            }
            let script = parse_script(&text);
            if script.has_errors() {
                continue;
            }
            checked += 1;
            let cs = &script.commands;
            let by_looking_ahead: Vec<bool> = (0..cs.len())
                .map(|at| {
                    cs[at + 1..]
                        .iter()
                        .take_while(|c| c.depth >= cs[at].depth)
                        .any(|c| {
                            c.connector == crate::syntax::shell::Connector::Or
                                && c.depth == cs[at].depth
                        })
                })
                .collect();
            assert_eq!(
                OptionalUses::of(&script).or_later,
                by_looking_ahead,
                "{text}"
            );
        }
        assert!(checked > 2_500, "only {checked} scripts parsed");
    }

    /// Every path of up to four parts from a small alphabet (hidden names and names with
    /// dots among them), with and without a leading `/`, normalizes as splitting and
    /// joining it would, and joins onto a working directory as normalizing the joined text
    /// would: the shortcut for paths that are already normal changes no answer.
    #[test]
    fn already_normal_paths_take_the_shortcut_to_the_same_answer() {
        let alphabet = ["", ".", "..", "a", "bc", ".d", "e.", "..f"];
        let mut paths = vec![String::new()];
        for _ in 0..4 {
            let longer: Vec<String> = paths
                .iter()
                .flat_map(|p| alphabet.iter().map(move |a| format!("{p}/{a}")))
                .collect();
            paths.extend(longer);
        }
        // And each of them inside a path too long for the short way of checking, at its
        // start and at its end.
        let long = "abcdefgh/".repeat(8);
        let paths: Vec<String> = paths
            .iter()
            .flat_map(|p| [p.clone(), p.trim_start_matches('/').to_string()])
            .flat_map(|p| [format!("/{long}{p}"), format!("{p}/{long}"), p])
            .collect();
        for path in &paths {
            assert_eq!(
                normalize(path),
                normalize_by_parts(path),
                "normalize({path:?})"
            );
        }
        for cwd in ["/", "/a", "/a/bc", "a", "/a/"] {
            for path in paths.iter().filter(|p| !p.starts_with('/')) {
                let joined = format!("{}/{path}", cwd.trim_end_matches('/'));
                assert_eq!(
                    resolve(cwd, path),
                    normalize_by_parts(&joined),
                    "resolve({cwd:?}, {path:?})"
                );
            }
        }
    }

    #[test]
    fn patterns_links_and_what_they_delete() {
        let m = models("FROM node:22\nWORKDIR /app\nRUN cp -r dist/* /var/www/html/ && ln -sf /dev/stdout /var/log/app.log\nRUN date > /tmp/a && touch /tmp/.keep && rm -rf /tmp/*\n");
        assert_eq!(m[0].made("/var/www/html"), Some(Made::File));
        assert_eq!(m[0].made("/var/www/html/*"), Some(Made::File));
        assert!(m[0].effects().any(|(_, e)| matches!(e, Effect::Symlink { link, target } if link == "/var/log/app.log" && target == "/dev/stdout")));
        assert_eq!(m[0].made("/tmp/a"), None);
        assert_eq!(m[0].made("/tmp/.keep"), Some(Made::File));
        assert!(pattern_covers(
            "/etc/nginx/conf.d/*.conf",
            "/etc/nginx/conf.d/default.conf"
        ));
        assert!(!pattern_covers(
            "/etc/nginx/conf.d/*.conf",
            "/etc/nginx/conf.d/x.bak"
        ));
        assert!(pattern_covers("/a/?/[bc]", "/a/x/y/z"));
    }

    #[test]
    fn workdir_starts_at_the_base_images_own() {
        let m = models("FROM golang:1.22\nWORKDIR src/app\nRUN go build -o app .\n");
        assert_eq!(m[0].final_workdir(), "/go/src/app");
        assert_eq!(m[0].made("/go/src/app/app"), Some(Made::Build));
        let m = models("FROM node:22\nWORKDIR app\n");
        assert_eq!(m[0].final_workdir(), "/app");
    }

    #[test]
    fn a_workdir_keeps_what_was_put_in_its_directory() {
        let m = models("FROM php:8\nRUN mkdir /app\nCOPY start.sh /app/\nWORKDIR /app\n");
        assert_eq!(m[0].made("/app/start.sh"), Some(Made::Context));
        assert_eq!(m[0].made("/app"), Some(Made::File));
        let m = models("FROM php:8\nWORKDIR /srv\n");
        assert_eq!(m[0].made("/srv/x"), Some(Made::Workdir));
    }

    #[test]
    fn git_clone_writes_its_directory_past_option_values() {
        let m = models("FROM golang:1.4\nRUN git clone -b $V --depth 1 https://example.com/a.git $GOPATH/src/a\nRUN git clone --depth=1 https://example.com/b.git\n");
        assert_eq!(m[0].made("/go/src/a"), Some(Made::Download));
        assert_eq!(m[0].made("/go/1"), None, "`1` is --depth's value");
        assert_eq!(m[0].made("/go/b"), Some(Made::Download));
    }

    #[test]
    fn outputs_follow_cd_and_mv() {
        let m = models(
            "FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN cd cmd/server && go build -o x && mv x /usr/local/bin/x\n",
        );
        assert_eq!(m[0].made("/usr/local/bin/x"), Some(Made::File));
        assert_eq!(m[0].made("/src/cmd/server/x"), None, "moved away");
        assert!(m[0].provides_before("x", 99, Some(0)));
    }

    #[test]
    fn variables_and_programs() {
        let m = models(
            "FROM python:3.11\nENV APP_HOME /srv/app\nWORKDIR $APP_HOME\nRUN apt-get update && apt-get install -y curl && curl -fsS x\nHEALTHCHECK CMD wget -q -O- localhost || exit 1\nCMD [\"gunicorn\", \"app\"]\n",
        );
        assert_eq!(m[0].final_workdir(), "/srv/app");
        assert_eq!(m[0].variable("APP_HOME"), Some("/srv/app"));
        let uses: Vec<&str> = m[0].uses().map(|u| u.name.as_str()).collect();
        assert_eq!(uses, ["apt-get", "apt-get", "curl", "wget", "gunicorn"]);
        let curl = m[0].uses().find(|u| u.name == "curl").unwrap();
        assert!(m[0].provides_for(curl));
        assert!(!m[0].provides_before("wget", 99, Some(0)));
    }

    #[test]
    fn a_later_command_of_the_same_run_does_not_provide_a_program() {
        let m = models("FROM debian:12\nRUN curl -fsS x | sh && apt-get update && apt-get install -y curl && curl -fsS y\nRUN curl z\n");
        let curls: Vec<&ProgramUse> = m[0].uses().filter(|u| u.name == "curl").collect();
        assert_eq!(curls.len(), 3);
        assert!(
            !m[0].provides_for(curls[0]),
            "installed after its first use"
        );
        assert!(m[0].provides_for(curls[1]));
        assert!(m[0].provides_for(curls[2]), "installed by an earlier RUN");
        // Effects are ordered the same way: a program written into a `bin` directory.
        let m = models(
            "FROM debian:12\nRUN tool --version && cp /opt/tool /usr/local/bin/tool && tool run\n",
        );
        let tools: Vec<&ProgramUse> = m[0].uses().filter(|u| u.name == "tool").collect();
        assert!(!m[0].provides_for(tools[0]));
        assert!(m[0].provides_for(tools[1]));
    }

    #[test]
    fn build_outputs() {
        let m = models("FROM maven:3.9-eclipse-temurin-21\nWORKDIR /app\nCOPY . .\nRUN mvn -f server/pom.xml package\n");
        assert_eq!(m[0].made("/app/server/target/app.jar"), Some(Made::Build));
        let m = models("FROM gradle:8-jdk21\nWORKDIR /home/gradle\nCOPY . src\nRUN cd src && gradle build\nWORKDIR /x\n");
        assert_eq!(
            m[0].made("/home/gradle/src/build/libs/a.jar"),
            Some(Made::Build)
        );
        assert_eq!(m[0].made("/x/build/libs/a.jar"), Some(Made::Workdir));
        let m = models("FROM python:3.12\nRUN python -m venv /opt/venv\nENV PATH=/opt/venv/bin:$PATH\nRUN pip install flask\n");
        assert_eq!(m[0].made("/opt/venv/lib"), Some(Made::Venv));
    }

    #[test]
    fn maven_goals_alone_build_nothing() {
        // `install:install-file` puts a jar in `~/.m2`: no project, no `target`.
        let m = models("FROM maven:3.9-eclipse-temurin-21\nCOPY lib.jar /lib.jar\nRUN mvn install:install-file -Dfile=/lib.jar -DgroupId=a -DartifactId=b -Dversion=1 -Dpackaging=jar\nRUN mvn -B dependency:go-offline\n");
        assert_eq!(m[0].made("/target"), None);
        // A phase builds the project, wherever `cd` took the command.
        let m = models("FROM maven:3.9-eclipse-temurin-21\nCOPY . /src\nRUN mvn install:install-file -Dfile=/src/a.jar && cd /src && mvn clean package -DskipTests\n");
        assert_eq!(m[0].made("/target"), None);
        assert_eq!(m[0].made("/src/target/app.jar"), Some(Made::Build));
        // A goal the table does not know may write `target`; `clean` alone deletes it.
        let m = models("FROM maven:3.9-eclipse-temurin-21\nWORKDIR /app\nCOPY . .\nRUN mvn spring-boot:repackage\n");
        assert_eq!(m[0].made("/app/target/app.jar"), Some(Made::Build));
        let m = models("FROM maven:3.9-eclipse-temurin-21\nWORKDIR /app\nCOPY . .\nRUN mvn package && mvn clean\n");
        assert_eq!(m[0].made("/app/target/app.jar"), None);
        assert_eq!(m[0].made("/app/src"), Some(Made::Context));
    }

    #[test]
    fn package_installs_and_removals() {
        let m = models("FROM alpine:3.19\nRUN apk add --no-cache --virtual .build-deps gcc musl-dev && make && apk del .build-deps\nRUN apk add curl\n");
        let installs: Vec<&PackageInstall> = m[0].installs().collect();
        assert!(installs[0].removed_later);
        assert!(!installs[1].removed_later);
        assert!(m[0].provides_before("curl", 99, None));
        assert!(!m[0].provides_before("gcc", 99, None));
    }

    #[test]
    fn unknown_effects_are_recorded() {
        let m = models("FROM node:20\nRUN ./configure && make install\nRUN curl -sL x | bash -\n");
        let unknown: Vec<&str> = m[0].unknown_effects().map(|(_, t)| t).collect();
        assert_eq!(unknown, ["./configure", "make install", "bash -"]);
    }

    /// A project file named like a system tool is the project's script, not the tool.
    #[test]
    fn a_script_named_like_a_system_tool_is_unknown() {
        let m = models("FROM node:20\nRUN cd /tmp && ./awscli-bundle/install -i /usr/local/aws -b /usr/local/bin/aws\nRUN /usr/bin/install -m 755 a /usr/local/bin/a\n");
        let unknown: Vec<&str> = m[0].unknown_effects().map(|(_, t)| t).collect();
        assert_eq!(unknown, ["./awscli-bundle/install"]);
    }

    /// Hundreds of nested `WORKDIR`s, then a thousand moves between two directories
    /// 3 KiB deep: each move records a new 3 KiB path, and the model stops at its room.
    /// What came after is unknown, not forgotten: a write it cannot place is an unknown
    /// effect, so a fix that must know what the stage made refuses.
    #[test]
    fn paths_past_the_models_room_are_unknown_effects() {
        let text = format!(
            "FROM alpine\n{}{}RUN mkdir x\nCOPY a b\n",
            "WORKDIR abcdefgh\n".repeat(350),
            "WORKDIR ..\nWORKDIR abcdefgh\n".repeat(1000),
        );
        let m = models(&text);
        let held: usize = m[0]
            .steps
            .iter()
            .flat_map(|s| &s.effects)
            .map(Effect::path_len)
            .sum();
        assert!(held <= PATH_ROOM, "{held} bytes of paths");
        let unknown: Vec<&str> = m[0].unknown_effects().map(|(_, t)| t).collect();
        assert_eq!(unknown.last(), Some(&"COPY to b"));
        assert!(
            unknown.contains(&"mkdir x"),
            "{:?}",
            &unknown[unknown.len() - 3..]
        );
        assert!(unknown.contains(&"WORKDIR .."));
        // The first moves fitted.
        assert_eq!(m[0].steps[352].effects.len(), 1);
        assert!(matches!(m[0].steps[352].effects[0], Effect::Writes { .. }));
    }

    #[test]
    fn users() {
        let m = models("FROM node:20\nRUN useradd -m app\nUSER app\n");
        assert_eq!(m[0].created_users().collect::<Vec<_>>(), ["app"]);
        assert_eq!(m[0].end_user.as_deref(), Some("app"));
    }
}
