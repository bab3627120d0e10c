use crate::declare_rule;
use crate::edit::Fix;
use crate::knowledge::ecosystems::{
    constraint_files, requirement_files, FileRole, ProjectElsewhere, Tool,
};
use crate::knowledge::{ecosystem, ecosystem_for_install_command, EcosystemId};
use crate::paths::context_relative;
use crate::paths::is_whole_context;
use crate::paths::source_matches;
use crate::rules::fixes::structural::{copy_manifests_first, insert_dependency_step};
use crate::rules::{Checker, ContextFile};
use crate::semantic::commands::invocation;
use crate::semantic::commands::subcommand;
use crate::semantic::images::base_version;
use crate::semantic::instructions::context_sources;
use crate::semantic::stage_model::resolve;
use crate::syntax::shell::Command;
use crate::syntax::{Args, Instruction, InstructionKind};

declare_rule! {
    /// ## What it does
    /// Checks for a `COPY` (or `ADD`) of the whole build context that comes before the
    /// command installing dependencies from a manifest: `npm ci`/`install`, `yarn`,
    /// `pnpm install`, `pip install -r`, `poetry install`, `uv sync`, `pipenv install`,
    /// `go mod download`, `cargo fetch`/`build`, `bundle install`, `composer install`,
    /// `mvn dependency:go-offline`, `gradle dependencies`, `dotnet restore`.
    ///
    /// ## Why is this bad?
    /// A `COPY . .` layer changes with every edit of any source file, and every layer after
    /// it is rebuilt: each build downloads and installs all dependencies again. Copying the
    /// manifest and lock file first, installing, and copying the rest afterwards lets the
    /// install layer come from the cache until the dependencies change.
    ///
    /// Not reported when an earlier `COPY` of the stage already brings the manifest (the
    /// install then runs after the split on purpose), when the install's `RUN` uses a
    /// cache or bind mount, or for a `go build` on a `golang` image before 1.11 (no
    /// modules: GOPATH or vendored code, nothing to download).
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:24-slim
    /// WORKDIR /app
    /// COPY . .
    /// RUN npm ci --omit=dev
    /// CMD ["node", "server.js"]
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM node:24-slim
    /// WORKDIR /app
    /// COPY package.json package-lock.json ./
    /// RUN npm ci --omit=dev
    /// COPY . .
    /// CMD ["node", "server.js"]
    /// ```
    ///
    /// ## Fix safety
    /// Unsafe: the fix inserts a `COPY` of the manifests before the install and moves the
    /// whole-context `COPY` after it. It names the manifests, and the tool's configuration
    /// files at the root (`.npmrc`, `.yarnrc.yml`), that the context holds and
    /// `.dockerignore` keeps when the context is known, else the ecosystem's usual ones
    /// with a `*` on the lock file so a project without one still builds (Gradle's are
    /// not guessed: `build.gradle` or `build.gradle.kts`, and subprojects). A step between
    /// the two that reads the source (a `postinstall` script, a `setup.py` install) would
    /// now run before the source is there; no fix is offered when a `WORKDIR`, `USER`,
    /// `ARG` or `ENV` lies between them. For pip, the constraint files (`-c`) are copied too,
    /// and so are the requirement and constraint files beside the `-r` file, which it may
    /// include: at the root by name, below it as its whole folder (`COPY requirements/
    /// /app/requirements/`, with its own `COPY`), and a `requirements/` folder of the
    /// context with a root `-r` file. The fix is advice when the install is pointed at another
    /// project (`npm ci --prefix client`, `mvn -f api/pom.xml`, `dotnet restore
    /// src/App/App.csproj`), for an install that builds the project itself (`poetry
    /// install` without `--no-root`, `uv sync` without `--no-install-project`, `pdm
    /// install` without `--no-self`, `composer install` without `--no-scripts
    /// --no-autoloader`), for a multi-module build (Maven modules, Gradle subprojects,
    /// the projects of a .NET solution, Cargo and Go workspaces), for workspaces (a `package.json` below
    /// the root, `pnpm-workspace.yaml`), whose manifests the install reads too, patches the
    /// install applies (patch-package's `patches/`: run before they are copied, it would
    /// find none), a Python project that packages itself (`setup.py`, `setup.cfg`: its
    /// requirements often hold `-e .`), Yarn 2+ kept in the project (`.yarn/releases`,
    /// which `.yarnrc.yml` names), a `.gemspec` at the root (a Gemfile's `gemspec` line
    /// loads it, and it reads `lib/`), and a context that holds what the install makes
    /// (`node_modules`, `vendor`, `.venv`) without `.dockerignore` leaving it out: copied
    /// after the install, the host's copy would replace the installed one.
    ///
    /// ## References
    /// - [Docker: optimize cache usage, order your layers](https://docs.docker.com/build/cache/optimize/#order-your-layers)
    /// - [Docker best practices: leverage build cache](https://docs.docker.com/build/building/best-practices/#leverage-build-cache)
    pub(crate) static RULE = {
        code: "SF201",
        name: "source-copied-before-dependencies",
        category: Cache,
        severity: Warning,
        default_enabled: true,
        buildkit: None,
        fix: Always,
        check: check,
    }
}

/// A dependency install found in a `RUN`.
struct Install<'a> {
    tool: &'static Tool,
    /// The requirement (`-r`) and constraint (`-c`) files of pip (and `uv pip install`), as
    /// written.
    requirements: Vec<&'a str>,
    /// What points the install at a project other than the one in its directory
    /// (`--prefix client`, `-f api/pom.xml`), as written.
    elsewhere: Option<ProjectElsewhere>,
    text: String,
}

fn check(checker: &Checker) {
    compiled_builds(checker);
    for stage in checker.df.stages() {
        let range = stage.instruction_range();
        let Some(whole) = range.clone().find(|&i| {
            context_sources(&checker.instructions()[i])
                .is_some_and(|s| s.iter().any(|s| is_whole_context(s)))
        }) else {
            continue;
        };
        let mut reported: Vec<&str> = Vec::new();
        for index in whole + 1..range.end {
            let inst = &checker.instructions()[index];
            if inst.kind != InstructionKind::Run || has_mount(inst) {
                continue;
            }
            let Some(script) = checker.script(index) else {
                continue;
            };
            for command in &script.commands {
                let Some(install) = dependency_install(command) else {
                    continue;
                };
                if reported.contains(&install.tool.name)
                    || manifest_copied_before(checker, range.start, index, whole, &install)
                {
                    continue;
                }
                reported.push(install.tool.name);
                let copy = &checker.instructions()[whole];
                let fix = install_fix(checker, stage.index, whole, index, &install);
                checker
                    .report(
                        copy.range,
                        format!(
                            "`{}` before `{}` (line {}): every source change re-runs the install",
                            copy_text(checker, copy),
                            install.text,
                            inst.start_line
                        ),
                    )
                    .fix(fix);
            }
        }
    }
}

/// The fix for the install at `index` after the whole-context `COPY` at `whole`: the move,
/// or advice when what to copy first cannot be named.
fn install_fix(
    checker: &Checker,
    stage: u32,
    whole: usize,
    index: usize,
    install: &Install,
) -> Fix {
    let elsewhere = install
        .elsewhere
        .as_ref()
        .filter(|e| !names_the_copy(checker, stage, whole, install, e));
    if let Some(elsewhere) = elsewhere {
        // The manifests are those of another directory, or of workspaces.
        return Fix::display_only(format!(
            "Copy the manifests of the project `{}` points the install at first",
            elsewhere.written
        ));
    }
    let Some(pip) = pip_paths(checker, stage, whole, install) else {
        // A file pip reads that the COPY may not have brought: nothing to name.
        return Fix::display_only("Copy the files `pip install` reads first");
    };
    let names = manifest_names(checker, install, &pip);
    if names.is_empty() {
        // A known context without the manifests: nothing to copy first yet.
        return Fix::display_only(format!(
            "Copy {} first (the build context has none of them at its root)",
            list(&usual_manifests(install))
        ));
    }
    let title = format!("Copy {} first", list(&names));
    move_fix(checker, whole, index, install, &names, &title)
}

/// Copy the manifests before the install and move the whole-source `COPY` after it.
/// With the context unknown, the lock file may not exist: it gets a `*` so that the
/// `COPY` still works without it.
fn move_fix(
    checker: &Checker,
    copy: usize,
    install: usize,
    found: &Install,
    names: &[String],
    title: &str,
) -> Fix {
    // Moving the source after the install only works if that RUN needs nothing but the
    // manifests: no build step (`go build`, `cargo build`, `npm run build`) beside it.
    let script = checker.script(install);
    // An install that also reads the project's own source cannot run before it is copied.
    let without_project = script.and_then(|s| {
        s.commands
            .iter()
            .find_map(|c| installs_project(c, &dependency_install(c)?))
    });
    if let Some(option) = without_project {
        return Fix::display_only(format!(
            "{title}, installing with `{option}`: without it the install reads the project's own source, which is not copied yet"
        ));
    }
    let only_installs = script.is_some_and(|s| {
        s.commands.iter().all(|c| {
            dependency_install(c)
                .is_some_and(|i| i.tool.name != "cargo" || i.text.contains("fetch"))
                || matches!(
                    invocation(c).map(|(p, _)| p),
                    Some("rm" | "set" | "true" | "echo")
                )
                || invocation(c).is_some_and(|(p, a)| {
                    matches!(p, "npm" | "yarn" | "pnpm" | "pip" | "pip3")
                        && a.iter().any(|w| w.value == "cache")
                })
        })
    });
    if !only_installs {
        return Fix::display_only(title.to_string());
    }
    let layout = checker.context.derived(Layout::find);
    // A project that packages itself (`setup.py`, `setup.cfg`) is often in its own
    // requirements (`-e .`): installed before the source is copied, there is nothing there.
    let packaged = !found.requirements.is_empty() && layout.as_ref().is_some_and(|l| l.packaged);
    if packaged {
        return Fix::display_only(format!(
            "{title}, unless the requirements install the project itself (`-e .`), whose `setup.py` is not copied yet"
        ));
    }
    // Workspaces (npm, Yarn, pnpm): the install reads every workspace's `package.json`,
    // which the root's `COPY` does not bring.
    let workspaces = matches!(found.tool.name, "npm" | "yarn" | "pnpm")
        && layout.as_ref().is_some_and(|l| l.workspaces);
    if workspaces {
        return Fix::display_only(format!(
            "{title}, with the `package.json` of every workspace"
        ));
    }
    // Patches the install applies to what it installed (patch-package's `postinstall`,
    // pnpm's `patchedDependencies`): run before the source is copied, it finds none.
    let patches = matches!(found.tool.name, "npm" | "yarn" | "pnpm")
        && layout.as_ref().is_some_and(|l| l.patches);
    if patches {
        return Fix::display_only(format!(
            "{title}, with the `patches/` folder the install applies"
        ));
    }
    // A Gemfile's `gemspec` line loads the project's `.gemspec`, which reads its `lib/`
    // (the version file): that is not there before the source is copied.
    if found.tool.name == "bundler" && layout.as_ref().is_some_and(|l| l.gemspec) {
        return Fix::display_only(format!(
            "{title}, with the files the `.gemspec` reads (its `lib/` version file)"
        ));
    }
    // A multi-module build reads the build files below the root too: copied before the
    // source, the root's alone cannot resolve it.
    if layout
        .as_ref()
        .is_some_and(|l| l.multi_module.contains(&found.tool.name))
    {
        return Fix::display_only(format!(
            "{title}, with the build files of every module below the root"
        ));
    }
    // Yarn 2+ kept in the project (`.yarn/releases`, named by `yarnPath`) with its plugins
    // and patches: without them the install runs the image's Yarn 1.
    if found.tool.name == "yarn" && layout.as_ref().is_some_and(|l| l.yarn_folder) {
        return Fix::display_only(format!("{title}, with the project's Yarn in `.yarn/`"));
    }
    // The install's own output in the context (a host's `node_modules`), not ignored:
    // copied after the install, it would replace what the install made.
    if let Some(dir) = shadowed_output(checker, found.tool.name) {
        return Fix::display_only(format!(
            "{title}, once `.dockerignore` lists `{dir}`: the context's copy would replace the installed one"
        ));
    }
    let guessed = checker.context.files().is_none() && found.requirements.is_empty();
    // Gradle's build file is `build.gradle` or `build.gradle.kts` (the default since Gradle
    // 8.2), and a settings file may name subprojects: without the context, not a guess to
    // copy.
    if guessed && found.tool.name == "gradle" {
        return Fix::display_only(
            "Copy the build and settings files (`build.gradle` or `build.gradle.kts`, `settings.gradle`) first",
        );
    }
    let sources: Vec<String> = names
        .iter()
        .enumerate()
        .map(|(i, n)| {
            if guessed && i > 0 && !n.contains('*') {
                format!("{n}*")
            } else {
                n.clone()
            }
        })
        .collect();
    match copy_manifests_first(checker.df, copy, install, &sources) {
        Some(edits) => Fix::unsafe_(title.to_string(), edits),
        None => Fix::display_only(title.to_string()),
    }
}

/// Whether the install also installs the project itself, or runs its code, which needs
/// its source: `poetry install` without `--no-root`, `uv sync` without
/// `--no-install-project`, `pdm install` without `--no-self`, `composer install` without
/// `--no-scripts --no-autoloader`.
/// Returns the option that would leave the project out.
fn installs_project(command: &Command, install: &Install) -> Option<&'static str> {
    let (_, args) = invocation(command)?;
    let has = |flags: &[&str]| args.iter().any(|w| flags.contains(&w.value.as_str()));
    match (install.tool.name, install.text.as_str()) {
        ("poetry", _) => (!has(&["--no-root"])).then_some("--no-root"),
        ("uv", "uv sync") => (!has(&["--no-install-project", "--no-install-workspace"]))
            .then_some("--no-install-project"),
        ("pdm", _) => (!has(&["--no-self"])).then_some("--no-self"),
        // The autoloader scans the project's classes, and its scripts run the project's
        // code (Laravel's `artisan package:discover`).
        ("composer", _) => (!has(&["--no-scripts"]) || !has(&["--no-autoloader"]))
            .then_some("--no-scripts --no-autoloader"),
        _ => None,
    }
}

/// The folder the install of `tool` writes in the project (`node_modules`, `vendor`,
/// `.venv`), when the known context holds it and `.dockerignore` does not leave it out.
fn shadowed_output(checker: &Checker, tool: &str) -> Option<&'static str> {
    let dir = match tool {
        "npm" | "yarn" | "pnpm" => "node_modules",
        "composer" => "vendor",
        "bundle" | "bundler" => "vendor/bundle",
        "poetry" | "uv" | "pipenv" => ".venv",
        _ => return None,
    };
    checker
        .context
        .files_under(dir)
        .any(|(i, _)| !checker.context.file_ignored(i))
        .then_some(dir)
}

/// What the context's layout says about the manifests an install reads besides the named
/// ones, worked out once per context.
struct Layout {
    /// Node.js workspaces: a `package.json` below the root, or `pnpm-workspace.yaml`.
    workspaces: bool,
    /// Patches the Node.js install applies: patch-package's `patches/` at the root.
    patches: bool,
    /// A Python project that packages itself: `setup.py` or `setup.cfg` at the root.
    packaged: bool,
    /// Yarn 2+ kept in the project: `.yarn/releases`, `.yarn/plugins` or `.yarn/patches`.
    yarn_folder: bool,
    /// A Ruby project that packages itself: a `.gemspec` at the root.
    gemspec: bool,
    /// The tools whose build files lie below the root too (Maven modules, Gradle
    /// subprojects, the projects of a .NET solution, Cargo and Go workspaces).
    multi_module: Vec<&'static str>,
}

/// The build files each tool reads below the root of a multi-module project.
const MODULE_FILES: [(&str, &[&str]); 5] = [
    ("maven", &["/pom.xml"]),
    ("gradle", &["/build.gradle", "/build.gradle.kts"]),
    ("dotnet", &[".csproj", ".fsproj", ".vbproj"]),
    ("cargo", &["/Cargo.toml"]),
    ("go", &["/go.mod"]),
];

impl Layout {
    fn find(files: &[ContextFile]) -> Layout {
        Layout {
            workspaces: files.iter().any(|f| {
                f.path == "pnpm-workspace.yaml"
                    || (f.path.ends_with("/package.json") && !f.path.contains("node_modules/"))
            }),
            patches: files
                .iter()
                .any(|f| f.path.starts_with("patches/") && f.path.ends_with(".patch")),
            packaged: files
                .iter()
                .any(|f| matches!(f.path.as_str(), "setup.py" | "setup.cfg")),
            multi_module: MODULE_FILES
                .iter()
                .filter(|(_, endings)| {
                    files.iter().any(|f| {
                        f.path.contains('/')
                            && !f.path.split('/').any(|part| {
                                matches!(part, "node_modules" | "vendor" | "target" | ".git")
                            })
                            && endings.iter().any(|e| f.path.ends_with(e))
                    })
                })
                .map(|(tool, _)| *tool)
                .collect(),
            gemspec: files
                .iter()
                .any(|f| !f.path.contains('/') && f.path.ends_with(".gemspec")),
            yarn_folder: files.iter().any(|f| {
                ["releases/", "plugins/", "patches/"].iter().any(|d| {
                    f.path
                        .strip_prefix(".yarn/")
                        .is_some_and(|p| p.starts_with(d))
                })
            }),
        }
    }
}

/// `--mount=type=cache` or `type=bind` on the install: the user manages caching already.
fn has_mount(inst: &Instruction) -> bool {
    inst.flags_named("mount").any(|f| {
        f.value()
            .is_some_and(|v| v.split(',').any(|p| p == "type=cache" || p == "type=bind"))
    })
}

fn dependency_install(command: &Command) -> Option<Install<'_>> {
    let (program, args) = invocation(command)?;
    // `cargo build` downloads and builds every dependency: the same cache problem.
    if program == "cargo"
        && subcommand(args, &[]).is_some_and(|(_, s)| s.value == "build" || s.value == "fetch")
    {
        let tool = ecosystem(EcosystemId::Rust).tools.first()?;
        let sub = subcommand(args, &[]).map_or("", |(_, s)| s.value.as_str());
        let words: Vec<&str> = args.iter().map(|w| w.value.as_str()).collect();
        return Some(Install {
            tool,
            requirements: Vec::new(),
            elsewhere: tool.project_elsewhere(&words),
            text: format!("cargo {sub}"),
        });
    }
    let words: Vec<&str> = args.iter().map(|w| w.value.as_str()).collect();
    let found = ecosystem_for_install_command(program, &words)?;
    // pip's files; `-r` means something else to other tools (`dotnet restore -r linux-x64`).
    let pip = found.tool.name == "pip" || found.tool.name == "uv" && found.command.verb != "sync";
    let mut requirements = Vec::new();
    if pip {
        requirements = requirement_files(&words);
        requirements.extend(constraint_files(&words));
    }
    let verb = found.command.verb;
    let text = if verb.is_empty() {
        program.to_string()
    } else {
        format!("{program} {verb}")
    };
    Some(Install {
        tool: found.tool,
        requirements,
        elsewhere: found.tool.project_elsewhere(&words),
        text,
    })
}

/// Whether a `COPY` of the stage before the install (other than the whole-context one)
/// brings one of the tool's manifests or lock files, or a `-r` file.
fn manifest_copied_before(
    checker: &Checker,
    start: usize,
    install: usize,
    whole: usize,
    found: &Install,
) -> bool {
    (start..install).filter(|&i| i != whole).any(|i| {
        let Some(sources) = context_sources(&checker.instructions()[i]) else {
            return false;
        };
        sources.iter().any(|source| {
            let source = context_relative(source);
            let base = source.rsplit('/').next().unwrap_or(source);
            found.tool.files.iter().any(|f| {
                matches!(f.role, FileRole::Manifest | FileRole::Lock)
                    && (source_matches(base, f.pattern)
                        || source_matches(f.pattern, base)
                        || source_matches(source, f.pattern))
            }) || found.requirements.iter().any(|r| {
                let r = context_relative(r);
                source_matches(source, r)
                    || source_matches(base, r.rsplit('/').next().unwrap_or(r))
                    || r.split('/').any(|part| part == base)
            })
        })
    })
}

/// The manifests to copy first: those of the context when it is known (none when it has
/// none), else the tool's usual manifest and lock file (or pip's files, `pip` being where
/// they are in the context: [`pip_paths`]).
fn manifest_names(checker: &Checker, found: &Install, pip: &[String]) -> Vec<String> {
    // The tool's configuration at the root too (`.npmrc` with `legacy-peer-deps`, a
    // private registry, `.yarnrc.yml`): the install reads it. Not the wrapper scripts,
    // which need their folders (`.mvn/`, `gradle/`), nor configuration in folders.
    let wanted = |f: &&crate::knowledge::ecosystems::DependencyFile| match f.role {
        FileRole::Manifest | FileRole::Lock => true,
        FileRole::Config => !f.pattern.contains('/') && !matches!(f.pattern, "mvnw" | "gradlew"),
    };
    let Some(files) = checker.context.files() else {
        return if pip.is_empty() {
            usual_manifests(found)
        } else {
            guessed_pip_sources(pip)
        };
    };
    // Plain names are looked up; only glob patterns (`*.csproj`) scan the root.
    let (globs, names): (Vec<&str>, Vec<&str>) = found
        .tool
        .files
        .iter()
        .filter(wanted)
        .map(|f| f.pattern)
        .partition(|p| p.contains(['*', '?', '[']));
    let kept = |i: &usize| !checker.context.file_ignored(*i);
    let mut indices: Vec<usize> = names
        .iter()
        .map(|n| n.to_string())
        .chain(pip.iter().filter(|p| !p.contains('/')).cloned())
        .filter_map(|p| checker.context.file_index(&p))
        .filter(kept)
        .collect();
    for glob in &globs {
        indices.extend(checker.context.root_files_matching(glob).iter());
    }
    // The requirement and constraint files beside a pip file, which it may include
    // (`-r requirements-base.txt`, `-c constraints.txt`).
    let mut folders: Vec<String> = Vec::new();
    for path in pip {
        let Some((dir, _)) = path.rsplit_once('/') else {
            for glob in ["requirements*.txt", "constraints*.txt"] {
                indices.extend(checker.context.root_files_matching(glob).iter());
            }
            continue;
        };
        let under: Vec<(usize, &ContextFile)> = checker
            .context
            .files_under(dir)
            .filter(|(i, _)| kept(i))
            .collect();
        if !under.iter().any(|(_, f)| f.path == *path) {
            continue;
        }
        // A folder of requirement files goes whole; from any other folder, the files beside
        // it that it may include: those of a `requirements/` folder, the requirement and
        // constraint files of another.
        if under.iter().all(|(_, f)| is_requirements_file(&f.path)) {
            folders.push(format!("{dir}/"));
            continue;
        }
        let includable = |name: &str| {
            if is_requirements_folder(dir) {
                is_requirements_file(name)
            } else {
                is_pip_companion(name)
            }
        };
        indices.extend(under.iter().filter_map(|&(i, f)| {
            let (parent, name) = f.path.rsplit_once('/')?;
            (parent == dir && (f.path == *path || includable(name))).then_some(i)
        }));
    }
    // A `requirements/` folder, which a `-r` file at the root may include
    // (`-r requirements/base.txt`).
    if pip.iter().any(|p| !p.contains('/')) {
        for dir in ["requirements", "requirements.d"] {
            if checker.context.files_under(dir).any(|(i, _)| kept(&i)) {
                folders.push(format!("{dir}/"));
            }
        }
    }
    indices.sort_unstable();
    indices.dedup();
    let mut present: Vec<String> = indices.iter().map(|&i| files[i].path.clone()).collect();
    for folder in folders {
        if !present.contains(&folder) {
            present.push(folder);
        }
    }
    // Manifests before lock files, as people write them.
    let is_lock = |p: &str| {
        found
            .tool
            .files
            .iter()
            .any(|f| f.role == FileRole::Lock && source_matches(f.pattern, p))
    };
    present.sort_by_key(|p| is_lock(p));
    present
}

/// What to copy for pip's files when the context is unknown: a file at the root itself; one
/// below it with its whole folder when that is a folder of requirement files
/// (`requirements/prod.txt`, which may include `-r base.txt` beside it), else itself
/// (`docker/requirements.txt`).
fn guessed_pip_sources(pip: &[String]) -> Vec<String> {
    let mut sources: Vec<String> = Vec::new();
    for path in pip {
        let source = match path.rsplit_once('/') {
            Some((dir, name)) if is_requirements_folder(dir) || !is_pip_companion(name) => {
                format!("{dir}/")
            }
            _ => path.clone(),
        };
        if !sources.contains(&source) {
            sources.push(source);
        }
    }
    sources
}

/// `requirements-dev.txt`, `constraints.txt`: a name that says what the file is.
fn is_pip_companion(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    (name.starts_with("requirements") || name.starts_with("constraints"))
        && (name.ends_with(".txt") || name.ends_with(".in"))
}

/// A file as a folder of requirement files holds them: `prod.txt`, `base.in`.
fn is_requirements_file(path: &str) -> bool {
    path.ends_with(".txt") || path.ends_with(".in")
}

/// `requirements/`, `requirements.d/`, `reqs/`, `deps/`: named for requirement files.
fn is_requirements_folder(dir: &str) -> bool {
    let name = dir.rsplit('/').next().unwrap_or(dir).to_ascii_lowercase();
    matches!(
        name.as_str(),
        "requirements" | "requirements.d" | "reqs" | "deps" | "dependencies" | "pip"
    )
}

/// Whether what points the install elsewhere names the copied project itself after all:
/// `npm install --prefix /app` after `COPY . /app`, `bundle install --gemfile=/app/Gemfile`,
/// `dotnet restore App.csproj` beside it. A solution names projects in their folders.
fn names_the_copy(
    checker: &Checker,
    stage: u32,
    copy: usize,
    found: &Install,
    elsewhere: &ProjectElsewhere,
) -> bool {
    let Some(path) = elsewhere.path.as_deref() else {
        return false;
    };
    if path.ends_with(".sln") || path.ends_with(".slnx") {
        return false;
    }
    let workdir = copy_workdir(checker, stage, copy);
    let Some(landed) = copy_landed(checker, copy, &workdir) else {
        return false;
    };
    let target = resolve(&workdir, path);
    let target = target.trim_end_matches('/');
    let landed = landed.trim_end_matches('/');
    if target == landed {
        return true;
    }
    target.rsplit_once('/').is_some_and(|(dir, name)| {
        dir == landed
            && found
                .tool
                .files
                .iter()
                .any(|f| f.role == FileRole::Manifest && source_matches(f.pattern, name))
    })
}

/// The working directory the `COPY` at `copy` runs in.
fn copy_workdir(checker: &Checker, stage: u32, copy: usize) -> String {
    checker
        .stage_model(stage)
        .and_then(|m| m.step(copy))
        .map_or_else(|| "/".to_string(), |s| s.workdir.to_string())
}

/// Where the whole-context `COPY` at `copy`, run in `workdir`, puts the context, absolute;
/// `None` when a variable hides it.
fn copy_landed(checker: &Checker, copy: usize, workdir: &str) -> Option<String> {
    let dest = copy_destination(&checker.instructions()[copy])?;
    if dest.contains('$') {
        return None;
    }
    Some(resolve(workdir, dest))
}

/// Where the files pip reads (`-r`, `-c`) are in the build context, given that `COPY` at
/// `copy` brought the whole context: a path relative to the install's directory is taken as
/// one in the copy (`WORKDIR` or `cd` there, the usual case), an absolute one must lie under
/// the copy's destination. `None` when one lies elsewhere or a variable hides where.
fn pip_paths(checker: &Checker, stage: u32, copy: usize, found: &Install) -> Option<Vec<String>> {
    if found.requirements.is_empty() {
        return Some(Vec::new());
    }
    let dest = copy_destination(&checker.instructions()[copy])?.trim_end_matches('/');
    // Where the copy landed, absolute, once an absolute file asks.
    let landed = std::cell::OnceCell::new();
    let landed =
        || landed.get_or_init(|| copy_landed(checker, copy, &copy_workdir(checker, stage, copy)));
    found
        .requirements
        .iter()
        .map(|r| {
            // Written with the destination's own text: `$APP/requirements.txt` after
            // `COPY . $APP`.
            if !matches!(dest, "" | ".") {
                if let Some(rest) = r.strip_prefix(dest).and_then(|x| x.strip_prefix('/')) {
                    return Some(context_relative(rest).to_string());
                }
            }
            if r.contains('$') {
                return None;
            }
            if !r.starts_with('/') {
                return Some(context_relative(r).to_string());
            }
            let landed = landed().as_deref()?.trim_end_matches('/');
            let rest = r.strip_prefix(landed)?.strip_prefix('/')?;
            Some(context_relative(rest).to_string())
        })
        .collect()
}

/// The tool's usual manifest and lock file.
fn usual_manifests(found: &Install) -> Vec<String> {
    let first = |role: FileRole| {
        found
            .tool
            .files
            .iter()
            .find(|f| f.role == role)
            .map(|f| f.pattern.to_string())
    };
    first(FileRole::Manifest)
        .into_iter()
        .chain(first(FileRole::Lock))
        .collect()
}

/// Where a `COPY`/`ADD` puts things: its last argument.
fn copy_destination(copy: &Instruction) -> Option<&str> {
    match &copy.args {
        Args::List(words) => words.last().map(|w| w.value.as_str()),
        Args::Exec { items, .. } => items.last().map(|w| w.value.as_str()),
        _ => None,
    }
}

/// "`a`", "`a` and `b`", "`a`, `b` and `c`".
fn list(names: &[String]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    match quoted.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

/// The COPY as the user wrote it, when it fits on a line: `COPY . .`.
fn copy_text(checker: &Checker, copy: &Instruction) -> String {
    let text = copy.logical(checker.source()).trim();
    if text.len() <= 40 && !text.contains('\n') {
        text.to_string()
    } else {
        format!("{} .", copy.kind.as_str())
    }
}

/// A compiled ecosystem whose build downloads its dependencies itself: the manifests, the
/// command that downloads them, and the cache directory a mount would keep.
struct Compiled {
    build: &'static str,
    manifests: Vec<String>,
    download: String,
    cache: &'static str,
}

/// `COPY . .` then `go build` (or `mvn package`, `gradle build`, `dotnet publish`) with no
/// download step of its own: every source change downloads the dependencies again. The
/// fix copies the manifests and downloads the dependencies before the source, as experts
/// write it, and keeps the build `RUN` as it is. It needs the build context to know the
/// manifests are there (an old GOPATH project has no `go.mod`); without it, advice.
fn compiled_builds(checker: &Checker) {
    for stage in checker.df.stages() {
        let range = stage.instruction_range();
        let Some(whole) = range.clone().find(|&i| {
            context_sources(&checker.instructions()[i])
                .is_some_and(|s| s.iter().any(|s| is_whole_context(s)))
        }) else {
            continue;
        };
        // The stage model is worked out only for a stage that builds compiled code.
        let builds = (whole + 1..range.end).any(|i| {
            checker.script(i).is_some_and(|s| {
                s.commands
                    .iter()
                    .any(|c| compiled_build(checker, i, c).is_some())
            })
        });
        if !builds {
            continue;
        }
        let Some(model) = checker.stage_model(stage.index) else {
            continue;
        };
        let copy = &checker.instructions()[whole];
        let Some(dest) = copy_destination(copy) else {
            continue;
        };
        let Some(copy_step) = model.step(whole) else {
            continue;
        };
        let dest_dir = crate::semantic::stage_model::resolve(&copy_step.workdir, dest);
        for index in whole + 1..range.end {
            let inst = &checker.instructions()[index];
            if inst.kind != InstructionKind::Run {
                continue;
            }
            let Some(script) = checker.script(index) else {
                continue;
            };
            // A download step already there (or a `cd` elsewhere): the other checks apply.
            if script.commands.iter().any(|c| {
                dependency_install(c).is_some() || invocation(c).is_some_and(|(p, _)| p == "cd")
            }) {
                break;
            }
            let Some(step) = model.step(index) else {
                continue;
            };
            let Some((command, found)) = script
                .commands
                .iter()
                .find_map(|c| Some((c, compiled_build(checker, index, c)?)))
            else {
                continue;
            };
            if *step.workdir != *dest_dir
                || manifest_copied_before_any(checker, range.start, whole, &found)
            {
                break;
            }
            let title = format!(
                "Copy {} first and run `{}`",
                list(&found.manifests),
                found.download
            );
            let fix = if checker.context.files().is_none() {
                Fix::display_only(title)
            } else {
                let mounts: Vec<String> = inst
                    .flags
                    .iter()
                    .filter(|f| {
                        f.name() == "mount"
                            && f.value().is_some_and(|v| {
                                v.contains("type=cache") && v.contains(found.cache)
                            })
                    })
                    .map(|f| checker.text(f.range).to_string())
                    .collect();
                match insert_dependency_step(
                    checker.df,
                    whole,
                    &found.manifests,
                    &found.download,
                    &mounts,
                ) {
                    Some(edits) => Fix::unsafe_(title, edits),
                    None => Fix::display_only(title),
                }
            };
            checker
                .report(
                    copy.range,
                    format!(
                        "`{}` before `{}` (line {}): every source change downloads the dependencies again",
                        copy_text(checker, copy),
                        found.build,
                        inst.start_line
                    ),
                )
                .fix(fix);
            let _ = command;
            break;
        }
    }
}

/// A build of a compiled ecosystem run in the copied directory, with what a download step
/// before it needs, from the context when it is known. `index` is the `RUN`'s.
fn compiled_build(checker: &Checker, index: usize, command: &Command) -> Option<Compiled> {
    let (program, args) = invocation(command)?;
    let sub = subcommand(args, &[]).map(|(_, w)| w.value.as_str());
    let has = |p: &str| checker.context.has_file(p);
    let nested = |name: &str| {
        checker
            .context
            .files_named(name)
            .any(|(_, f)| f.path.contains('/'))
    };
    let known = checker.context.files().is_some();
    let elsewhere = |flags: &[&str]| {
        args.iter().any(|w| {
            flags
                .iter()
                .any(|f| w.value == *f || w.value.starts_with(&format!("{f}=")))
        })
    };
    match program {
        "go" if matches!(sub, Some("build" | "install" | "test")) => {
            // Before Go 1.11 there are no modules to download: GOPATH or vendored code.
            let before_modules = base_version(checker, index, "golang")
                .is_some_and(|v| matches!(v.as_slice(), [1, minor, ..] if *minor < 11));
            if before_modules {
                return None;
            }
            // Vendored modules need no download; other modules in the tree may be
            // `replace`d by path, which the download would not find.
            if known
                && (has("go.mod") != Some(true)
                    || nested("go.mod")
                    || checker
                        .context
                        .files_under("vendor")
                        .any(|(_, f)| f.path.len() > "vendor".len()))
            {
                return None;
            }
            let mut manifests = vec!["go.mod".to_string()];
            if has("go.sum") != Some(false) {
                manifests.push("go.sum".to_string());
            }
            Some(Compiled {
                build: "go build",
                manifests,
                download: "go mod download".into(),
                cache: "/go/pkg/mod",
            })
        }
        "mvn" | "mvnw"
            if args
                .iter()
                .any(|w| matches!(w.value.as_str(), "package" | "install" | "verify")) =>
        {
            if elsewhere(&["-f", "--file", "-pl", "--projects"])
                || (known && (has("pom.xml") != Some(true) || nested("pom.xml")))
            {
                return None;
            }
            let wrapper = program == "mvnw";
            let mut manifests = vec!["pom.xml".to_string()];
            if wrapper {
                manifests.push("mvnw".to_string());
                if !known
                    || checker
                        .context
                        .files_under(".mvn")
                        .any(|(_, f)| f.path.len() > ".mvn".len())
                {
                    manifests.push(".mvn/".to_string());
                }
            }
            let runner = if wrapper { "./mvnw" } else { "mvn" };
            Some(Compiled {
                build: "mvn package",
                manifests,
                download: format!("{runner} -B dependency:go-offline"),
                cache: "/root/.m2",
            })
        }
        "dotnet" if matches!(sub, Some("build" | "publish" | "test")) => {
            let files = checker.context.files()?;
            let projects: Vec<&str> = files
                .iter()
                .map(|f| f.path.as_str())
                .filter(|p| {
                    p.ends_with(".csproj") || p.ends_with(".fsproj") || p.ends_with(".vbproj")
                })
                .collect();
            let [project] = projects.as_slice() else {
                return None;
            };
            if project.contains('/') {
                return None;
            }
            Some(Compiled {
                build: "dotnet publish",
                manifests: vec![project.to_string()],
                download: "dotnet restore".into(),
                cache: "/root/.nuget/packages",
            })
        }
        _ => None,
    }
}

/// Whether a `COPY` of the stage before `whole` already brings one of the manifests.
fn manifest_copied_before_any(
    checker: &Checker,
    start: usize,
    whole: usize,
    found: &Compiled,
) -> bool {
    (start..whole).any(|i| {
        context_sources(&checker.instructions()[i]).is_some_and(|sources| {
            sources.iter().any(|s| {
                let base = s.trim_end_matches('/').rsplit('/').next().unwrap_or(s);
                found
                    .manifests
                    .iter()
                    .any(|m| m.trim_end_matches('/') == base)
            })
        })
    })
}
