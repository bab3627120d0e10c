//! Switching a stage to a smaller variant of its base image, checked against what the stage
//! does: every program the stage (and the stages built on it) runs must still be there —
//! on the new image, or installed from its package manager by the fix — or the switch is
//! advice that names what is missing.

use crate::edit::Edit;
use crate::knowledge::base_images::{package_for_program, BaseImage, OsFamily, BUILD_TOOLS};
use crate::knowledge::ecosystems::{ecosystem_for_install_command, requirement_files, EcosystemId};
use crate::knowledge::package_managers::{
    os_package_name, python_project_name, SourceOnlyPackage, MAN_PAGE_LINKING_PACKAGES,
    SOURCE_ONLY_PYTHON_PACKAGES,
};
use crate::knowledge::PackageManagerId;
use crate::rules::size::apt_lists_not_deleted::{first_list_reader, Reader};
use crate::semantic::commands::{
    basename, git_may_use_ssh, interpreter_name, invocation, is_python, npm_command, operands,
    pip_command, INTERPRETERS, PIP_INSTALL_PATH_OPTIONS,
};
use crate::semantic::stage_model::{resolve, Effect, Made, StageModel, UseSite};
use crate::semantic::Semantic;
use crate::syntax::shell::{Command, Connector, Word};
use crate::syntax::shell_view::POSIX_SHELLS;
use crate::syntax::{Args, InstructionKind, ItemKind, Stage};

/// What switching the base takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum SwitchPlan {
    /// The switch keeps the build working; `install` adds the programs the new image lacks.
    Ready {
        install: Option<Edit>,
        packages: Vec<String>,
    },
    /// The switch would break the build or change what the image does: why.
    Refused(String),
}

/// Plans the switch of `root` (the stage whose `FROM` changes, and `chain`, the stages built
/// on it that ship, root last) from `old` to `new`.
pub(crate) fn plan_switch(
    model: &Semantic,
    chain: &[&Stage],
    old: &BaseImage,
    new: &BaseImage,
    new_reference: &str,
) -> SwitchPlan {
    let target = format!("`{new_reference}`");
    let models: Vec<&StageModel> = chain
        .iter()
        .filter_map(|s| model.stage_model(s.index))
        .collect();
    if models.len() != chain.len() {
        return SwitchPlan::Refused("the stages could not be read".into());
    }
    let Some(root) = chain.last() else {
        return SwitchPlan::Refused("no stage".into());
    };
    // The package manager the stage drives must exist on the new image.
    let managers: Vec<PackageManagerId> = models
        .iter()
        .flat_map(|m| m.installs())
        .map(|i| i.manager)
        .collect();
    let uses_apt = models
        .iter()
        .flat_map(|m| m.uses())
        .any(|u| matches!(u.name.as_str(), "apt-get" | "apt" | "dpkg" | "apt-key"))
        || managers.contains(&PackageManagerId::AptGet);
    let uses_apk = models
        .iter()
        .flat_map(|m| m.uses())
        .any(|u| u.name == "apk");
    if (uses_apt && new.package_manager != Some(PackageManagerId::AptGet))
        || (uses_apk && new.package_manager != Some(PackageManagerId::Apk))
    {
        let pm = if uses_apt { "apt-get" } else { "apk" };
        return SwitchPlan::Refused(format!("{target} has no `{pm}`, which this image runs"));
    }
    // An `apt-get install` before any `apt-get update` worked on the old image only
    // because the packages were already there: the new image has no package lists.
    let installs_without_lists = chain.iter().rev().any(|s| {
        matches!(
            first_list_reader(model, s.instruction_range()),
            Reader::Reads(_)
        )
    });
    if uses_apt && installs_without_lists {
        return SwitchPlan::Refused(format!(
            "{target} has no package lists, and this image runs `apt-get install` before `apt-get update`"
        ));
    }
    // `ONBUILD RUN` steps run in the builds based on this image, on files from their own
    // contexts: what they need of the old image is not seen here.
    let insts = model.instructions();
    let onbuild_run = chain.iter().flat_map(|s| s.instruction_range()).any(|i| {
        insts[i].kind == InstructionKind::Onbuild
            && insts[i]
                .trigger
                .as_ref()
                .is_some_and(|t| t.kind == InstructionKind::Run)
    });
    if onbuild_run {
        return SwitchPlan::Refused(format!(
            "its `ONBUILD RUN` steps run in the images built on it, and what they need of `{}` is not known",
            old_name(old)
        ));
    }
    // With no `CMD` or `ENTRYPOINT` of its own, the container runs a command given
    // elsewhere (Compose, `docker run`, an image built on this one, a CI job using it as
    // its build environment): what that command needs is not seen here. The chain is the
    // image built by default.
    if !model.sets_command() {
        return SwitchPlan::Refused(format!(
            "the image sets no `CMD` or `ENTRYPOINT`, so the command it is started with (Compose, `docker run`, an image or a CI job built on it) is not seen, and it may run what only `{}` has",
            old_name(old)
        ));
    }
    // The programs the stages run that only the old image had.
    let mut missing: Vec<String> = Vec::new();
    for m in &models {
        for u in m.uses() {
            // Also uses behind a lookup or a fallback (`command -v wget && wget`): on the
            // full image they ran, and the image should keep doing what it did.
            if missing.contains(&u.name) {
                continue;
            }
            if !old.has_program(&u.name) || new.has_program(&u.name) {
                continue;
            }
            // Installed or made by the stage before its use, or by a stage below it.
            let provided = models.iter().any(|other| {
                if other.stage == m.stage {
                    other.provides_for(u)
                } else {
                    other.stage < m.stage && other.provides_before(&u.name, usize::MAX, None)
                }
            });
            if !provided {
                missing.push(u.name.clone());
            }
        }
    }
    let build_tools: Vec<&String> = missing
        .iter()
        .filter(|p| BUILD_TOOLS.contains(&p.as_str()))
        .collect();
    if !build_tools.is_empty() {
        return SwitchPlan::Refused(format!(
            "{target} lacks {} that this image runs to build native code: build in a builder stage",
            code_list(&build_tools)
        ));
    }
    // Native builds the old image made possible without naming a compiler: `-dev` packages
    // installed for them, or gems with C extensions.
    // Whether a stage of the chain installs or makes `program` itself.
    let provided = |program: &str| {
        models
            .iter()
            .any(|m| m.provides_before(program, usize::MAX, None))
    };
    let compilers_installed = provided("gcc") || provided("make");
    if old.has_program("gcc") && !new.has_program("gcc") && !compilers_installed {
        let dev: Vec<String> = models
            .iter()
            .flat_map(|m| m.installs())
            .filter(|i| !i.removed_later)
            .flat_map(|i| i.packages.iter())
            .filter(|p| {
                let name = os_package_name(p);
                (name.ends_with("-dev") || name.ends_with("-devel")) && name.len() > 6
            })
            .cloned()
            .collect();
        if let Some(first) = dev.first() {
            return SwitchPlan::Refused(format!(
                "`{first}` is installed to build native code with the compilers only `{}` has: build in a builder stage",
                old_name(old)
            ));
        }
    }
    // Gems with C extensions compile against the `-dev` libraries of the full image
    // (libpq, libsqlite3, libxml2, libyaml...), which installing compilers does not bring.
    let native_gems = models.iter().flat_map(|m| m.uses()).find(|u| {
        u.site == UseSite::Run && matches!(u.name.as_str(), "bundle" | "bundler" | "gem")
    });
    if let (Some(u), "ruby", true) = (native_gems, old.image, old.has_program("gcc")) {
        let verb = if u.name == "gem" {
            "gem install"
        } else {
            "bundle install"
        };
        let with = if compilers_installed {
            "the `-dev` libraries"
        } else {
            "the compilers and `-dev` libraries"
        };
        return SwitchPlan::Refused(format!(
            "`{verb}` builds gems with C extensions with {with} only `{}` has: build in a builder stage",
            old_name(old)
        ));
    }
    // Crates that link C libraries (`openssl-sys` under reqwest's default TLS, `pq-sys`)
    // build against the full `rust` image's `-dev` libraries, found with its `pkg-config`;
    // the slim image has the compiler and libc only.
    let cargo = models
        .iter()
        .flat_map(|m| m.uses())
        .any(|u| u.site == UseSite::Run && u.name == "cargo");
    if cargo && old.image == "rust" && old.has_program("pkg-config") {
        let installed = |p: &str| {
            models
                .iter()
                .flat_map(|m| m.installs())
                .any(|i| i.packages.iter().any(|x| x == p))
        };
        if !(installed("pkg-config") && installed("libssl-dev")) {
            return SwitchPlan::Refused(format!(
                "`cargo` builds crates that link C libraries (`openssl-sys`...) against the `-dev` libraries and `pkg-config` only `{}` has: build in a builder stage",
                old_name(old)
            ));
        }
    }
    // Native addons built on purpose (`node-gyp rebuild`, `npm rebuild`,
    // `--build-from-source`) run node-gyp, which calls python3, make and g++ itself: the
    // full image has them, the slim one does not, and they are never named in the script.
    let node_gyp_tools = ["python3", "make", "g++"]
        .iter()
        .all(|p| new.has_program(p) || provided(p));
    if old.has_program("make") && !node_gyp_tools {
        if let Some(how) = native_addon_build(model, chain) {
            return SwitchPlan::Refused(format!(
                "`{how}` builds native addons with node-gyp, which needs the python3, make and g++ only `{}` has: build in a builder stage",
                old_name(old)
            ));
        }
    }
    // An installer fetched at build time and run: what it needs is not known, and the full
    // image may be what made it work (`install.sh` calling curl, gpg or make).
    if let Some(script) = fetched_script_run(model, chain) {
        return SwitchPlan::Refused(format!(
            "the build runs a script fetched at build time (`{script}`): what it needs of `{}` is not known",
            old_name(old)
        ));
    }
    // Debian's `-slim` images drop `/usr/share/man` whole, directories too, and the
    // post-install scripts of Java and PostgreSQL packages link man pages there: on the
    // slim image the install fails.
    let to_slim = new.os == OsFamily::Debian
        && new_reference.contains("slim")
        && !old_name(old).contains("slim");
    if to_slim {
        let package = models
            .iter()
            .flat_map(|m| m.installs())
            .flat_map(|i| i.packages.iter())
            .find(|p| MAN_PAGE_LINKING_PACKAGES.contains(p));
        // The usual workaround, already there: `mkdir -p /usr/share/man/man1`.
        let makes_man_dirs = || {
            chain_commands(model, chain).any(|c| {
                invocation(c).is_some_and(|(program, args)| {
                    program == "mkdir"
                        && args
                            .iter()
                            .any(|w| w.value.starts_with("/usr/share/man/man"))
                })
            })
        };
        if let Some(package) = package.filter(|_| !makes_man_dirs()) {
            return SwitchPlan::Refused(format!(
                "`{package}` links man pages into `/usr/share/man` when it installs, and {target} has no such directory (the install fails there unless a `RUN mkdir -p /usr/share/man/man1` comes first)"
            ));
        }
    }
    // A script from the build context that the image runs: what it runs in turn is not
    // seen (`docker-entrypoint.sh` calling curl or git, which the smaller image lacks).
    if let Some(script) = context_script_run(model, chain) {
        return SwitchPlan::Refused(format!(
            "the image runs `{script}` from the build context: what it needs of `{}` is not known",
            old_name(old)
        ));
    }
    // Python packages PyPI has as source only build with the full image's compiler and
    // headers (`psycopg2` against libpq): on the slim image `pip install` fails.
    if old.image == "python" && old.has_program("gcc") && !new.has_program("gcc") {
        if let Some(package) = source_only_python_package(model, chain, compilers_installed) {
            let instead = package
                .with_wheels
                .map(|w| format!(", or install `{w}`, which has wheels"))
                .unwrap_or_default();
            return SwitchPlan::Refused(format!(
                "`pip install {}` builds from source with the compiler and headers only `{}` has: build in a builder stage{instead}",
                package.name,
                old_name(old)
            ));
        }
        // A local project (`pip install -e /src`, `pip install .`, `setup.py install`) is
        // always built here, from its source: with C extensions, by the full image's gcc.
        if let Some(project) = local_project_build(model, chain).filter(|_| !compilers_installed) {
            return SwitchPlan::Refused(format!(
                "`{project}` builds a project from its source, with the compiler only `{}` has if it holds C extensions",
                old_name(old)
            ));
        }
        // A requirements file or a lock file names packages this file does not show:
        // `uwsgi`, `psycopg2` and `mysqlclient` are source only on PyPI and common in them,
        // and build against headers (`libpq-dev`) only the full image has.
        if let Some(install) = unseen_requirements(model, chain).filter(|_| !compilers_installed) {
            return SwitchPlan::Refused(format!(
                "`{install}` installs packages not named here, and those PyPI has as source only (`uwsgi`, `psycopg2`, `mysqlclient`) build with the compiler and headers only `{}` has: build in a builder stage",
                old_name(old)
            ));
        }
    }
    if let Some(command) = context_program_built_with(model, chain) {
        return SwitchPlan::Refused(format!(
            "the build runs `{command}` from the build context: what it needs of `{}` is not known",
            old_name(old)
        ));
    }
    let Some(manager) = new.package_manager else {
        if missing.is_empty() {
            return SwitchPlan::Ready {
                install: None,
                packages: Vec::new(),
            };
        }
        return SwitchPlan::Refused(format!(
            "{target} lacks {}",
            code_list(&missing.iter().collect::<Vec<_>>())
        ));
    };
    let mut packages: Vec<String> = Vec::new();
    let mut unknown: Vec<&String> = Vec::new();
    for p in &missing {
        match package_for_program(manager, p) {
            Some(pkg) => {
                if !packages.iter().any(|x| x == pkg) {
                    packages.push(pkg.to_string());
                }
            }
            None => unknown.push(p),
        }
    }
    if !unknown.is_empty() {
        return SwitchPlan::Refused(format!("{target} lacks {}", code_list(&unknown)));
    }
    if packages.is_empty() {
        return SwitchPlan::Ready {
            install: None,
            packages,
        };
    }
    // TLS for the downloads curl, wget and git make: the old image had the CA bundle.
    let fetches = packages.iter().any(|p| {
        matches!(
            p.as_str(),
            "curl" | "wget" | "git" | "subversion" | "mercurial"
        )
    });
    if fetches
        && new.os != OsFamily::Alpine
        && !new.has_package("ca-certificates")
        && old.has_package("ca-certificates")
    {
        packages.insert(0, "ca-certificates".into());
    }
    // git runs ssh for SSH remotes, from the ssh client the full image has: its own, or
    // those pip and npm clone with it (`git+ssh://`).
    let ssh_remote = |c: &Command| {
        git_may_use_ssh(c)
            || c.words.iter().any(|w| {
                let v = w.value.as_str();
                v.contains("ssh://") || v.starts_with("git@") || v.contains("+git@")
            })
    };
    if packages.iter().any(|p| p == "git")
        && !new.has_program("ssh")
        && old.has_program("ssh")
        && chain_commands(model, chain).any(ssh_remote)
    {
        packages.push("openssh-client".into());
    }
    // The install the switch adds needs the package lists; an archived Debian release has
    // none at the addresses its image's sources name.
    if manager == PackageManagerId::AptGet && new.on_archived_debian() {
        return SwitchPlan::Refused(format!(
            "{target} lacks {}, and its Debian release has left the Debian mirrors (archive.debian.org), so `apt-get install` fails there",
            code_list(&missing.iter().collect::<Vec<_>>())
        ));
    }
    let Some(at) = insertion_point(model, root) else {
        return SwitchPlan::Refused(format!(
            "{target} lacks {}",
            code_list(&missing.iter().collect::<Vec<_>>())
        ));
    };
    let esc = model.df.escape();
    let run = match manager {
        PackageManagerId::Apk => format!("RUN apk add --no-cache {}\n", packages.join(" ")),
        _ => format!(
            "RUN apt-get update {esc}\n    && apt-get install -y --no-install-recommends {} {esc}\n    && rm -rf /var/lib/apt/lists/*\n",
            packages.join(" ")
        ),
    };
    SwitchPlan::Ready {
        install: Some(Edit::insert(at, run)),
        packages,
    }
}

/// A source-only Python package that a `pip install` of the stages names, unless the stages
/// install a compiler and the headers it needs.
fn source_only_python_package(
    model: &Semantic,
    chain: &[&Stage],
    compilers_installed: bool,
) -> Option<&'static SourceOnlyPackage> {
    let os_packages: Vec<&str> = chain
        .iter()
        .filter_map(|s| model.stage_model(s.index))
        .flat_map(|m| m.installs())
        .flat_map(|i| i.packages.iter().map(String::as_str))
        .collect();
    let named = chain_commands(model, chain)
        .filter_map(pip_command)
        .filter(|(sub, _)| sub.value == "install")
        .flat_map(|(_, args)| args.iter())
        .filter(|w| !w.dynamic && !w.value.starts_with('-'))
        .filter_map(|w| python_project_name(&w.value));
    for name in named {
        let Some(package) = SOURCE_ONLY_PYTHON_PACKAGES.iter().find(|p| p.name == name) else {
            continue;
        };
        let buildable =
            compilers_installed && package.headers.is_none_or(|h| os_packages.contains(&h));
        if !buildable {
            return Some(package);
        }
    }
    None
}

/// A script the stages fetch at build time and run: piped from `curl`/`wget` into a shell,
/// or downloaded (by `ADD <url>`, `curl -o`, `wget -O`) and run by name or by a shell.
pub(crate) fn fetched_script_run(model: &Semantic, chain: &[&Stage]) -> Option<String> {
    let insts = model.instructions();
    let mut fetched: Vec<&str> = Vec::new();
    for stage in chain {
        for i in stage.instruction_range() {
            let inst = &insts[i];
            if inst.kind != InstructionKind::Add {
                continue;
            }
            let Args::List(words) = &inst.args else {
                continue;
            };
            let Some((dest, sources)) = words.split_last() else {
                continue;
            };
            for url in sources.iter().filter(|w| w.value.contains("://")) {
                let target = if dest.value.ends_with('/') {
                    url.value.split(['?', '#']).next().unwrap_or(&url.value)
                } else {
                    &dest.value
                };
                fetched.push(basename(target.trim_end_matches('/')));
            }
        }
        if let Some(m) = model.stage_model(stage.index) {
            for (_, effect) in m.effects() {
                if let Effect::Writes {
                    path,
                    made: Made::Download,
                } = effect
                {
                    fetched.push(basename(path));
                }
            }
        }
    }
    for stage in chain {
        for i in stage.instruction_range() {
            let Some(script) = model.script(i) else {
                continue;
            };
            for (at, command) in script.commands.iter().enumerate() {
                let Some((program, args)) = invocation(command) else {
                    continue;
                };
                let downloader = (command.connector == Connector::Pipe)
                    .then(|| at.checked_sub(1))
                    .flatten()
                    .and_then(|before| script.commands.get(before))
                    .and_then(invocation)
                    .map(|(p, _)| p)
                    .filter(|p| matches!(*p, "curl" | "wget"));
                if let Some(downloader) = downloader {
                    if shell(program) && !args.iter().any(|w| w.value == "-c") {
                        return Some(format!("{downloader} … | {program}"));
                    }
                }
                // A shell given a file, or a shell script run by its path (a downloaded
                // binary, `/usr/local/bin/kubectl`, needs nothing of the image).
                let file = if shell(program) {
                    args.iter().find(|w| !w.value.starts_with('-'))
                } else {
                    command.words.first().filter(|w| {
                        w.value.contains('/')
                            && (w.value.ends_with(".sh") || w.value.ends_with(".bash"))
                    })
                };
                if let Some(file) = file.filter(|w| !w.dynamic) {
                    let name = basename(&file.value);
                    if !name.is_empty() && fetched.contains(&name) {
                        return Some(file.value.to_string());
                    }
                }
            }
        }
    }
    None
}

/// A script the stages copy from the build context and run: by its path (`./start.sh`,
/// `/docker-entrypoint.sh`, a name the copy put on the `PATH`) in a `RUN`, `CMD`,
/// `ENTRYPOINT` or `HEALTHCHECK`, or given to a shell.
pub(crate) fn context_script_run(model: &Semantic, chain: &[&Stage]) -> Option<String> {
    for stage in chain {
        let Some(m) = model.stage_model(stage.index) else {
            continue;
        };
        let from_context = |word: &str| m.program_from_context(word);
        for u in m.uses() {
            if !u.optional && !shell(&u.name) && from_context(&u.word) {
                return Some(u.word.clone());
            }
        }
        for i in stage.instruction_range() {
            // `CMD ["bash", "/app/start.sh"]`: the exec form has no script of its own.
            if let Args::Exec { items, .. } = &model.instructions()[i].args {
                if let Some(file) = m.context_script_given_to_shell(i, items) {
                    return Some(file.value.to_string());
                }
            }
            let Some(script) = model.script(i) else {
                continue;
            };
            for command in &script.commands {
                let Some((program, args)) = invocation(command) else {
                    continue;
                };
                if !shell(program) {
                    continue;
                }
                let file = match args.iter().position(|w| w.value == "-c") {
                    // A command string of one word runs that file (`bash -c ./build.sh`).
                    Some(at) => args
                        .get(at + 1)
                        .filter(|w| !w.value.contains(char::is_whitespace)),
                    None => args.iter().find(|w| !w.value.starts_with('-')),
                };
                if let Some(file) = file.filter(|w| !w.dynamic && from_context(&w.value)) {
                    return Some(file.value.to_string());
                }
            }
        }
    }
    None
}

/// A build step that runs a program of the context with an interpreter (`RUN node
/// fetch.js`, `RUN python setup_env.py`): setup scripts shell out to git, unzip or curl,
/// which the full images have. Returns the command, short.
fn context_program_built_with(model: &Semantic, chain: &[&Stage]) -> Option<String> {
    for stage in chain {
        let Some(m) = model.stage_model(stage.index) else {
            continue;
        };
        for i in stage.instruction_range() {
            if model.instructions()[i].kind != InstructionKind::Run {
                continue;
            }
            let Some(script) = model.script(i) else {
                continue;
            };
            let workdir = m.step(i).map_or("/", |s| &s.workdir);
            for command in &script.commands {
                let Some((program, args)) = invocation(command) else {
                    continue;
                };
                // After a `cd` the directory is no longer the step's.
                if matches!(program, "cd" | "pushd") {
                    break;
                }
                if !INTERPRETERS.contains(&interpreter_name(program)) {
                    continue;
                }
                let from_context =
                    |w: &&Word| m.copied_from_context_before(i, &resolve(workdir, &w.value));
                if let Some(file) = interpreter_script(args).filter(from_context) {
                    return Some(format!("{program} {}", file.value));
                }
            }
        }
    }
    None
}

/// The script file an interpreter runs: its first operand, unless an option gives the
/// program instead (`python -c`, `python -m venv`, `node -e`, `perl -e`, `ruby -e`).
fn interpreter_script(args: &[Word]) -> Option<&Word> {
    let first = args.iter().find(|w| {
        !w.value.starts_with('-')
            || matches!(
                w.value.as_str(),
                "-c" | "-m" | "-e" | "-E" | "-p" | "-r" | "--eval"
            )
    })?;
    (!first.value.starts_with('-') && !first.dynamic).then_some(first)
}

/// A command of the stages that builds a Python project from its source: `pip install` of
/// a directory or an archive (`.`, `-e /src`, `/tmp/x.tar.gz`; not a wheel), or `python
/// setup.py install|develop|build|build_ext`. Returns the command, short.
fn local_project_build(model: &Semantic, chain: &[&Stage]) -> Option<String> {
    let commands = chain_commands(model, chain);
    for command in commands {
        if let Some((sub, args)) = pip_command(command) {
            if sub.value != "install" {
                continue;
            }
            let local = |v: &str| {
                (v == "." || v.starts_with("./") || v.starts_with("../") || v.starts_with('/'))
                    && !v.ends_with(".whl")
            };
            // `-e <dir>` names the project; the values of the other options that take a
            // path (`-r requirements.txt`, `--target /x`) are not projects.
            let Some(at) = args.iter().position(|w| std::ptr::eq(w, sub)) else {
                continue;
            };
            if let Some(w) = operands(args, at, &PIP_INSTALL_PATH_OPTIONS)
                .find(|w| !w.dynamic && local(&w.value))
            {
                return Some(format!("pip install {}", w.value));
            }
            continue;
        }
        let Some((program, args)) = invocation(command) else {
            continue;
        };
        let setup = matches!(args, [script, verb, ..]
            if basename(&script.value) == "setup.py"
                && matches!(verb.value.as_str(), "install" | "develop" | "build" | "build_ext"));
        if is_python(program) && setup {
            return Some(format!("{program} setup.py {}", args[1].value));
        }
    }
    None
}

/// A command of the stages that installs Python packages listed in a file this Dockerfile
/// does not show: `pip install -r requirements.txt`, or a project manager installing from
/// its lock file (`pipenv install`, `poetry install`, `uv sync`, `pdm install`). Returns the
/// command, short.
fn unseen_requirements(model: &Semantic, chain: &[&Stage]) -> Option<String> {
    chain_commands(model, chain).find_map(|command| {
        let (program, args) = invocation(command)?;
        let words: Vec<&str> = args.iter().map(|w| w.value.as_str()).collect();
        let found = ecosystem_for_install_command(program, &words)
            .filter(|f| f.ecosystem.id == EcosystemId::Python)?;
        let short = format!("{} {}", found.tool.name, found.command.verb);
        Some(match requirement_files(&words).first() {
            Some(file) => format!("{short} -r {file}"),
            None => short,
        })
    })
}

/// The commands of the `RUN`s of `chain`'s stages, in order.
fn chain_commands<'m>(
    model: &'m Semantic,
    chain: &'m [&Stage],
) -> impl Iterator<Item = &'m Command> + 'm {
    chain
        .iter()
        .flat_map(|s| s.instruction_range())
        .filter_map(|i| model.script(i))
        .flat_map(|s| s.commands.iter())
}

/// A POSIX shell, by path or name (`/bin/sh`, `bash`).
fn shell(program: &str) -> bool {
    POSIX_SHELLS.contains(&basename(program))
}

/// A command of the stages that builds Node native addons from source: `node-gyp` run
/// directly or installed, `npm rebuild`, or an install with `--build-from-source`.
fn native_addon_build(model: &Semantic, chain: &[&Stage]) -> Option<&'static str> {
    let commands = chain_commands(model, chain);
    for command in commands {
        let Some((program, args)) = invocation(command) else {
            continue;
        };
        if program == "node-gyp" {
            return Some("node-gyp");
        }
        if !matches!(program, "npm" | "yarn" | "pnpm") {
            continue;
        }
        if npm_command(command).is_some_and(|(sub, _)| sub.value == "rebuild") {
            return Some("npm rebuild");
        }
        if args
            .iter()
            .any(|w| w.value.starts_with("--build-from-source"))
        {
            return Some("--build-from-source");
        }
        // Installed as a tool (`npm install -g node-gyp`): the image is meant to build them.
        if args
            .iter()
            .any(|w| w.value == "node-gyp" || w.value.starts_with("node-gyp@"))
        {
            return Some("node-gyp");
        }
    }
    None
}

/// Where the install goes: before the first instruction of the stage that runs something or
/// changes the user (and before the comments above it), else at the end of the stage.
fn insertion_point(model: &Semantic, stage: &Stage) -> Option<u32> {
    let insts = model.instructions();
    let items = model.df.items();
    let first = stage.instruction_range().skip(1).find(|&i| {
        matches!(
            insts[i].kind,
            InstructionKind::Run
                | InstructionKind::User
                | InstructionKind::Cmd
                | InstructionKind::Entrypoint
                | InstructionKind::Healthcheck
                | InstructionKind::Onbuild
                | InstructionKind::Shell
        )
    });
    let target = match first {
        Some(i) => insts[i].range,
        None => {
            // After the last instruction of the stage.
            let last = &insts[stage.instruction_range().end.checked_sub(1)?];
            let item = items
                .iter()
                .find(|it| it.range.contains_range(last.range))?;
            let end = item.range.end;
            return model.source()[..end as usize]
                .ends_with('\n')
                .then_some(end);
        }
    };
    let at = items
        .iter()
        .position(|it| it.kind == ItemKind::Instruction && it.range.contains_range(target))?;
    let mut start = at;
    while start > 0 && items[start - 1].kind == ItemKind::Comment {
        start -= 1;
    }
    let pos = items[start].range.start;
    // The line above must end: an insert at the start of a line.
    (pos == 0 || model.source()[..pos as usize].ends_with('\n')).then_some(pos)
}

fn old_name(b: &BaseImage) -> String {
    match &b.version {
        Some(v) => format!("{}:{v}", b.image),
        None => b.image.to_string(),
    }
}

fn code_list(items: &[&String]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| format!("`{s}`")).collect();
    match quoted.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}
