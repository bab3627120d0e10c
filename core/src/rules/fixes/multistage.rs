//! Splitting a single-stage build into a builder stage and a slim runtime stage, for the
//! ecosystems whose build output the stage model finds: Node, Go, Python, Java and Rust.
//!
//! The builder keeps every instruction that builds (RUN, COPY, ADD, ARG, ENV, WORKDIR, in
//! their order, with their comments). The runtime stage starts from a smaller image with
//! the same C library, and gets what the image needs to run as it did:
//! - every `ARG` and `ENV` of the stage, in their order (the variables stay defined);
//! - the OS packages the build installed that are not build tools, and — found in the
//!   builder the way the official images find their own — the packages whose shared
//!   libraries the copied files load (`-dev` packages built against, libraries of the full
//!   image);
//! - the users the build created;
//! - the application directory and the build output, plus every file the build wrote
//!   elsewhere (`COPY entrypoint.sh /usr/local/bin/`, `wget -O /usr/local/bin/x`);
//! - what describes the running container (`CMD`, `ENTRYPOINT`, `EXPOSE`, `USER`, `LABEL`,
//!   `HEALTHCHECK`, `VOLUME`, `STOPSIGNAL`), unchanged, and the last `WORKDIR`.
//!
//! When the stage model cannot show the runtime stage is complete (a command that may write
//! anywhere, a program the runtime image lacks, a library a distroless image cannot
//! install), there is no split: the reason is returned for the advice.

use crate::context::Context;
use crate::edit::Edit;
use crate::knowledge::base_images::{base_image, BaseImage, OsFamily};
use crate::knowledge::distroless::distroless_runtime;
use crate::knowledge::images::TEMURIN_MAJORS;
use crate::knowledge::package_managers::{os_package_name, COMPILER_PACKAGES};
use crate::knowledge::{slimmer_variant, Flavor, PackageManagerId};
use crate::semantic::commands::{
    basename, package_source_change, program_with_args, PROCESS_MANAGERS,
};
use crate::semantic::stage_model::{covers, resolve, Effect, Made, StageModel, UseSite};
use crate::semantic::Semantic;
use crate::syntax::{Args, InstructionKind, ItemKind, TextRange};

/// The new stages, as one edit replacing the old stage, and what they rest on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Split {
    pub edits: Vec<Edit>,
    pub runtime_image: String,
}

/// What a split of the file comes to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum SplitOutcome {
    Split(Split),
    /// A split would leave the runtime stage incomplete: what is missing.
    Refused(String),
    /// Not a build the split knows (several stages, an unknown ecosystem, no build step).
    NotApplicable,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Ecosystem {
    Node,
    Go,
    Python,
    Java,
    Rust,
}

/// The programs that run a Node package's scripts (`npm test`, `yarn start`), or install
/// the package managers themselves.
const NODE_PACKAGE_MANAGERS: [&str; 7] =
    ["npm", "npx", "yarn", "yarnpkg", "pnpm", "pnpx", "corepack"];

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

/// Paths where build tools keep their caches and package lists: what is written there is
/// the tools' own, and nothing at run time reads it.
///
/// `/tmp` and `/var/tmp` are not among them: a file the build leaves there is in the
/// original image, and a program may read it (a build stamp, `/tmp/version.txt`), so what
/// the stage model shows is still there at the end is copied like any other file. Files
/// removed before the end (`wget -O /tmp/x.tgz ... && rm /tmp/x.tgz`) are not copied, nor
/// is anything the model does not see written (a tool's own scratch files).
const BUILD_ONLY: &[&str] = &[
    "/root/.cache",
    "/root/.npm",
    "/root/.m2",
    "/root/.gradle",
    "/root/.cargo/registry",
    "/root/.cargo/git",
    "/usr/local/cargo/registry",
    "/usr/local/cargo/git",
    "/go/pkg",
    "/root/go/pkg",
    "/var/lib/apt",
    "/var/cache",
    "/etc/apt",
    "/root/.yarn",
    "/usr/local/share/.cache",
    "/root/.pip",
    "/root/.config",
    "/root/.node-gyp",
    "/root/.local/share/pnpm",
];

/// The top directories of a Linux image (FHS, and what the official images add).
const STANDARD_TOP: &[&str] = &[
    "bin", "boot", "etc", "home", "lib", "lib32", "lib64", "libx32", "media", "mnt", "opt", "root",
    "run", "sbin", "srv", "usr", "var",
];

/// Directories too broad to copy from the builder: they hold the builder's own system.
const TOO_BROAD: &[&str] = &[
    "/",
    "/usr",
    "/usr/local",
    "/usr/local/bin",
    "/usr/local/lib",
    "/usr/bin",
    "/usr/lib",
    "/usr/share",
    "/bin",
    "/lib",
    "/etc",
    "/opt",
    "/var",
    "/home",
    "/root",
    "/srv",
    "/sbin",
    "/usr/sbin",
    "/usr/local/share",
    "/go",
    "/usr/local/go",
];

/// OS packages that only build: compilers, build systems, headers, fetchers.
fn build_only_package(name: &str) -> bool {
    toolchain_package(name)
        || matches!(
            os_package_name(name),
            "git"
                | "python3"
                | "python"
                | "python2"
                | "python3-minimal"
                | "python-minimal"
                | "file"
                | "patch"
                | "unzip"
                | "xz-utils"
                | "xz"
                | "bzip2"
                | "gnupg"
                | "gnupg2"
                | "dirmngr"
                | "curl"
                | "wget"
                | "gettext"
                | "rsync"
                | "zip"
                | "subversion"
                | "mercurial"
                | "openssh-client"
                | "software-properties-common"
                | "apt-transport-https"
                | "lsb-release"
        )
}

/// The packages of a toolchain: compilers, build systems and headers, which nothing but a
/// build uses (the fetchers and archivers of [`build_only_package`] a program may run).
fn toolchain_package(name: &str) -> bool {
    let name = os_package_name(name);
    (name.ends_with("-dev") || name.ends_with("-devel") || name.ends_with("-headers"))
        || COMPILER_PACKAGES.contains(&name)
        || matches!(
            name,
            "pkg-config"
                | "pkgconf"
                | "pkgconfig"
                | "musl-dev"
                | "libc-dev"
                | "linux-headers"
                | "dpkg-dev"
                | "nasm"
                | "yasm"
                | "bison"
                | "flex"
                | "swig"
                | "ninja-build"
                | "meson"
                | "binutils"
                | "g++-multilib"
                | "gcc-multilib"
                | "node-gyp"
        )
        || name.starts_with("gcc-")
        || name.starts_with("g++-")
        || name.starts_with("gfortran-")
        || name.starts_with("python3-dev")
}

/// Whether every file of the build context that the build copies is source or build
/// configuration of the ecosystem (the program is built from them; nothing else there for
/// it to read at run time). `false` when the context is not known.
fn context_is_source_only(context: Option<&Context>, ecosystem: Ecosystem) -> bool {
    let Some(context) = context else {
        return false;
    };
    let Some(files) = context.files() else {
        return false;
    };
    let ignore = context.ignore_rules();
    files
        .iter()
        .filter(|f| !ignore.is_some_and(|i| i.is_ignored(&f.path)))
        .all(|f| source_file(ecosystem, &f.path))
}

/// Files that build a program and that it does not read when it runs.
fn source_file(ecosystem: Ecosystem, path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    let top = path.split('/').next().unwrap_or(path);
    let common = matches!(
        top,
        ".git" | ".github" | ".gitlab" | ".circleci" | "docs" | ".vscode" | ".idea"
    ) || name.starts_with("Dockerfile")
        || name.ends_with(".dockerignore")
        || name.ends_with(".md")
        || name.starts_with("LICENSE")
        || matches!(
            name,
            ".gitignore" | ".gitattributes" | ".editorconfig" | "Makefile"
        );
    common
        || match ecosystem {
            Ecosystem::Go => {
                name.ends_with(".go")
                    || matches!(name, "go.mod" | "go.sum" | "go.work" | "go.work.sum")
                    || top == "vendor"
            }
            Ecosystem::Rust => {
                name.ends_with(".rs")
                    || matches!(
                        name,
                        "Cargo.toml" | "Cargo.lock" | "rust-toolchain" | "rust-toolchain.toml"
                    )
            }
            Ecosystem::Java => {
                name.ends_with(".java")
                    || name.ends_with(".kt")
                    || name.ends_with(".gradle")
                    || name.ends_with(".gradle.kts")
                    || matches!(
                        name,
                        "pom.xml"
                            | "mvnw"
                            | "mvnw.cmd"
                            | "gradlew"
                            | "gradlew.bat"
                            | "gradle.properties"
                    )
                    || matches!(top, ".mvn" | "gradle")
            }
            Ecosystem::Node | Ecosystem::Python => false,
        }
}

pub(crate) fn split_into_stages(model: &Semantic, context: Option<&Context>) -> SplitOutcome {
    use SplitOutcome::{NotApplicable, Refused};
    let df = model.df;
    let [stage] = df.stages() else {
        return NotApplicable;
    };
    let Some(base) = stage.base.as_ref() else {
        return NotApplicable;
    };
    let Some(family) = base.official_name() else {
        return NotApplicable;
    };
    let ecosystem = match family {
        "node" => Ecosystem::Node,
        "golang" => Ecosystem::Go,
        "python" => Ecosystem::Python,
        "maven" | "gradle" | "eclipse-temurin" | "openjdk" => Ecosystem::Java,
        "rust" => Ecosystem::Rust,
        _ => return NotApplicable,
    };
    let insts = df.instructions();
    let from = &insts[stage.from as usize];
    let Some(from_item) = df
        .items()
        .iter()
        .position(|i| i.range.contains_range(from.range))
    else {
        return NotApplicable;
    };
    // Where the file's pieces go, comments travelling with the instruction below them.
    let mut builder = String::new();
    let mut runtime_head = String::new();
    let mut runtime_tail = String::new();
    let mut pending = String::new();
    let mut vars = String::new();
    for item in &df.items()[from_item + 1..] {
        let text = df.text(item.range);
        match item.kind {
            ItemKind::Comment | ItemKind::Blank => pending.push_str(text),
            ItemKind::Directive | ItemKind::Error => return NotApplicable,
            ItemKind::Instruction => {
                // Instructions are in source order: the one in this item is the first
                // that starts at or after it (a scan per item was quadratic).
                let at = insts.partition_point(|i| i.range.start < item.range.start);
                let Some(inst) = insts.get(at).filter(|i| item.range.contains_range(i.range))
                else {
                    return NotApplicable;
                };
                // The image's authorship and labels open the runtime stage, as they opened
                // the file (a `LABEL` that expands a variable waits for its definition).
                let heading = inst.kind == InstructionKind::Maintainer
                    || (inst.kind == InstructionKind::Label && !text.contains('$'));
                let target = if heading {
                    &mut runtime_head
                } else if runtime_side(inst.kind) {
                    &mut runtime_tail
                } else {
                    &mut builder
                };
                target.push_str(&std::mem::take(&mut pending));
                target.push_str(text);
                if !text.ends_with('\n') {
                    target.push('\n');
                }
                if matches!(inst.kind, InstructionKind::Env | InstructionKind::Arg) {
                    vars.push_str(df.text(inst.range).trim_end());
                    vars.push('\n');
                }
            }
        }
    }
    runtime_tail.push_str(&pending);
    if !movable(df, stage.instruction_range()) {
        return NotApplicable;
    }
    let Some(sm) = model.stage_model(stage.index) else {
        return NotApplicable;
    };
    let uses_any = |programs: &[&str]| {
        sm.uses()
            .any(|u| u.site == UseSite::Run && programs.contains(&u.name.as_str()))
    };
    let has_build_step = match ecosystem {
        Ecosystem::Node => uses_any(&["npm", "yarn", "pnpm", "yarnpkg"]),
        Ecosystem::Python => {
            sm.uses()
                .any(|u| u.site == UseSite::Run && crate::semantic::commands::is_pip(&u.name))
                || uses_any(&["poetry", "pipenv", "uv"])
        }
        Ecosystem::Java => uses_any(&["mvn", "mvnw", "gradle", "gradlew"]),
        Ecosystem::Go => uses_any(&["go"]),
        Ecosystem::Rust => uses_any(&["cargo"]),
    };
    // An application build: the source copied in and a command to run. Images that set up
    // tools or environments (no `CMD`, or nothing copied from the context) keep one stage.
    let workdir = sm.final_workdir().to_string();
    let copies_source = stage.instruction_range().any(|i| {
        crate::semantic::instructions::context_sources(&insts[i])
            .is_some_and(|s| s.iter().any(|s| crate::paths::is_whole_context(s)))
    });
    if !has_build_step || !copies_source || !model.sets_command() {
        return NotApplicable;
    }
    if stage.unresolved {
        return Refused("the base image is only known at build time".into());
    }
    // `ONBUILD` steps run in the builds based on this image, with what it has: it is a
    // base for building, and a runtime stage without the toolchain would break them.
    if stage
        .instruction_range()
        .any(|i| insts[i].kind == InstructionKind::Onbuild)
    {
        return Refused(
            "its `ONBUILD` steps run in the images built on it, which need the toolchain".into(),
        );
    }
    // A script the shell cannot read fails the build already, and what the model read of
    // it (and would repeat in the runtime stage) is not what was written.
    if let Some(i) = stage.instruction_range().find(|&i| {
        insts[i].kind == InstructionKind::Run && model.script(i).is_some_and(|s| s.has_errors())
    }) {
        return Refused(format!(
            "the shell cannot read the `RUN` on line {}",
            insts[i].start_line
        ));
    }
    // The runtime stage installs again the packages the build installed for the
    // container; one named by a variable is not known.
    if sm
        .installs()
        .any(|i| i.named_by_variable && !i.removed_later)
    {
        return Refused(
            "a package the build installs is named by a variable, so the runtime stage cannot install it again"
                .into(),
        );
    }
    if let Some((_, command)) = sm.unknown_effects().next() {
        return Refused(format!(
            "`{}` may write anywhere, so what the runtime stage needs is not known",
            short(command)
        ));
    }
    let builder_base = sm.known_base();
    if builder_base.is_none() && has_relative_workdir(model, stage) {
        return Refused(
            "a relative `WORKDIR` on a base image whose own `WORKDIR` is not known".into(),
        );
    }
    let stage_name = stage
        .name
        .as_ref()
        .map_or_else(|| "build".to_string(), |n| n.value.to_string());

    // The runtime image and what it copies. An untagged or `latest` builder is pinned here,
    // with the runtime, from the table the pin fix (DL3006/DL3007) uses: a runtime left on
    // `node:slim` while the builder becomes `node:26` would load native addons built for one
    // major on the next one day. (A builder pinned first gives the runtime its tag below.)
    let written_image = stage
        .image
        .as_ref()
        .filter(|i| !i.value.contains(['@', '$']));
    let pin = match (ecosystem, base.tag.as_deref(), written_image) {
        (Ecosystem::Node | Ecosystem::Python, None | Some("latest"), Some(_)) => {
            crate::knowledge::pinned_tag(family, base.tag.as_deref()).filter(|p| p.image == family)
        }
        _ => None,
    };
    let tag = pin
        .as_ref()
        .map_or(base.tag.as_deref(), |p| Some(p.tag.as_str()));
    let mut builder_prefix = String::new();
    let mut copies: Vec<String> = Vec::new();
    // Files copied to another path: a program found by name in a directory the runtime
    // image does not have on its `PATH` (`/go/bin`) goes to `/usr/local/bin`.
    let mut renamed: Vec<(String, String)> = Vec::new();
    // The directory the program runs in: copied whole, as the program may read files
    // there (templates, configuration), unless the build context is known to hold nothing
    // but what builds the program.
    let source_only = matches!(ecosystem, Ecosystem::Go | Ecosystem::Java | Ecosystem::Rust)
        && context_is_source_only(context, ecosystem);
    let app_dir = (!matches!(workdir.as_str(), "/" | "/go" | "/root") && !source_only)
        .then(|| workdir.clone());
    let runtime_image: String;
    match ecosystem {
        Ecosystem::Node | Ecosystem::Python => {
            let Some(app) = app_dir.clone() else {
                return Refused(
                    "the application is not in a directory of its own (`WORKDIR`)".into(),
                );
            };
            let slim = slimmer_variant(family, tag, Flavor::Slim);
            runtime_image = match &slim {
                Some(s) => format!("{}:{}", s.image, s.tag),
                None => format!("{family}:{}", tag.unwrap_or("latest")),
            };
            if ecosystem == Ecosystem::Python {
                let version = builder_base.and_then(BaseImage::major);
                if version.is_some_and(|v| v < 3) {
                    return Refused("Python 2 has no `venv` module".into());
                }
                if let Some((_, path)) = sm.effects().find_map(|(i, e)| match e {
                    Effect::Writes {
                        path,
                        made: Made::Install,
                    } if path.ends_with("/.local") => Some((i, path)),
                    _ => None,
                }) {
                    return Refused(format!(
                        "`pip install --user` writes to `{path}`, outside a virtual environment"
                    ));
                }
                builder_prefix.push_str(
                    "RUN python -m venv /opt/venv\nENV VIRTUAL_ENV=/opt/venv PATH=\"/opt/venv/bin:$PATH\"\n",
                );
                copies.push("/opt/venv".into());
            }
            copies.push(app);
        }
        Ecosystem::Go => {
            let (binary, by_name) = match program_path(
                sm,
                &workdir,
                &["/go/bin", "/usr/local/bin", "/usr/bin", "/usr/local/go/bin"],
            ) {
                Ok(found) => found,
                Err(why) => return Refused(why),
            };
            let exec_only = stage.instruction_range().all(|i| {
                !matches!(insts[i].kind, InstructionKind::Cmd | InstructionKind::Entrypoint | InstructionKind::Healthcheck)
                    || insts[i].is_exec_form()
                    || matches!(&insts[i].args, Args::Healthcheck { command, .. } if matches!(**command, Args::Empty))
            });
            if !exec_only {
                return Refused(
                    "a distroless runtime has no shell for a shell-form command".into(),
                );
            }
            let cgo_off = sm.variable("CGO_ENABLED") == Some("0")
                || go_build_text(model, stage).is_some_and(|t| t.contains("CGO_ENABLED=0"));
            let alpine = builder_base.is_some_and(|b| b.os == OsFamily::Alpine);
            let compiler = sm.installs().any(|i| {
                !i.removed_later
                    && i.packages.iter().any(|p| {
                        matches!(p.as_str(), "gcc" | "build-base" | "musl-dev" | "alpine-sdk")
                    })
            });
            let go_1_20 = builder_base
                .and_then(BaseImage::major_minor)
                .is_none_or(|v| v >= (1, 20));
            let dev = sm
                .installs()
                .flat_map(|i| i.packages.iter())
                .find(|p| p.ends_with("-dev") || p.ends_with("-devel"));
            if let (false, Some(dev)) = (cgo_off, dev) {
                return Refused(format!("the program may link the library of `{dev}`, which a distroless runtime cannot install"));
            }
            runtime_image = if cgo_off || (alpine && !compiler && go_1_20) {
                let Some(image) = distroless_runtime("static", None) else {
                    return Refused("no maintained distroless image".into());
                };
                format!("{}:latest", image.repository)
            } else if alpine {
                return Refused(
                    "a cgo build on Alpine links musl: the runtime would need Alpine too".into(),
                );
            } else {
                if builder_base
                    .and_then(|b| b.release.as_deref())
                    .is_some_and(|r| matches!(r, "forky" | "sid"))
                {
                    return Refused(
                        "the build runs on a Debian release newer than the runtime images".into(),
                    );
                }
                let Some(image) = distroless_runtime("base", None) else {
                    return Refused("no maintained distroless image".into());
                };
                format!("{}:latest", image.repository)
            };
            if let Some(app) = &app_dir {
                copies.push(app.clone());
            }
            place_binary(&binary, by_name, &mut copies, &mut renamed);
        }
        Ecosystem::Java => {
            let Some(major) = java_major(family, tag) else {
                return Refused("the JDK version of the build image is not in its tag".into());
            };
            if !TEMURIN_MAJORS.contains(&major.to_string().as_str()) {
                return Refused(format!("no maintained `eclipse-temurin:{major}-jre` image"));
            }
            let alpine = tag.is_some_and(|t| t.contains("alpine"));
            runtime_image = format!(
                "eclipse-temurin:{major}-jre{}",
                if alpine { "-alpine" } else { "" }
            );
            let outputs: Vec<String> = sm
                .effects()
                .filter_map(|(_, e)| match e {
                    Effect::Writes {
                        path,
                        made: Made::Build,
                    } => Some(path.clone()),
                    _ => None,
                })
                .collect();
            if let Some(app) = &app_dir {
                copies.push(app.clone());
            }
            // Outputs still there at the end (`cp target/app.jar /app && rm -rf /build/*`
            // leaves only the copy).
            for o in outputs {
                if sm.made(&o).is_some() && !copies.iter().any(|c| covers(c, &o)) {
                    copies.push(o);
                }
            }
        }
        Ecosystem::Rust => {
            let (binary, by_name) = match program_path(
                sm,
                &workdir,
                &["/usr/local/cargo/bin", "/usr/local/bin", "/usr/bin"],
            ) {
                Ok(found) => found,
                Err(why) => return Refused(why),
            };
            if app_dir.is_some() {
                return Refused("the program may read files of its source directory, which holds the whole `target` directory too".into());
            }
            let Some(suite) = builder_base.and_then(|b| b.release.clone()).or_else(|| {
                // Floating tags run the current release.
                builder_base
                    .filter(|_| tag.is_none_or(|t| matches!(t, "latest" | "slim" | "1")))
                    .map(|_| "trixie".to_string())
            }) else {
                return Refused("the Debian release of the build image is not in its tag".into());
            };
            runtime_image = format!("debian:{suite}-slim");
            place_binary(&binary, by_name, &mut copies, &mut renamed);
        }
    }
    let runtime_base = image_facts(&runtime_image);
    // A Debian runtime installs the packages of the libraries the copied files load, with
    // `apt-get update`, which fails on a release that has left the mirrors: the original
    // build, which installed nothing there, would not have failed.
    if runtime_base
        .as_ref()
        .is_some_and(|b| b.os == OsFamily::Debian && b.on_archived_debian())
    {
        return Refused(format!(
            "`{runtime_image}` is on a Debian release that has left the Debian mirrors (archive.debian.org), so the runtime stage's `apt-get install` of the libraries the build's files load would fail"
        ));
    }
    // The split pays off by a smaller image or by the build tools it leaves behind.
    let same_image = Some(runtime_image.as_str()) == stage.resolved_image.as_deref()
        || stage
            .image
            .as_ref()
            .is_some_and(|i| i.value == runtime_image);
    // On the same image, a split that drops only a fetcher (curl) is not worth its stage.
    let drops_tools = sm
        .installs()
        .any(|i| !i.removed_later && i.packages.iter().any(|p| toolchain_package(p)));
    if same_image && !drops_tools {
        return Refused(format!(
            "the runtime stage would start from the same `{runtime_image}`, with no compiler or headers to leave behind"
        ));
    }

    // Symbolic links the build makes (`ln -sf /dev/stdout /var/log/nginx/access.log`) and
    // that still are links at the end: a `COPY` would follow them (to a device the stage
    // has no file for), so the runtime makes them again.
    let mut links: Vec<(String, String)> = Vec::new();
    for (_, effect) in sm.effects() {
        match effect {
            Effect::Symlink { link, target } => {
                links.retain(|(l, _)| l != link);
                links.push((link.clone(), target.clone()));
            }
            Effect::Writes { path, .. } => links.retain(|(l, _)| l != path),
            Effect::Deletes(path) => links.retain(|(l, _)| !covers(path, l)),
            Effect::Moves { from, to } => links.retain(|(l, _)| !covers(from, l) && l != to),
            _ => {}
        }
    }
    let mut relinks: Vec<(String, String)> = Vec::new();

    // Files the build writes outside what is copied.
    let mut extra: Vec<String> = Vec::new();
    for (_, effect) in sm.effects() {
        let path = match effect {
            Effect::Writes { path, made } => match made {
                Made::Workdir => continue,
                Made::Install
                    if ecosystem == Ecosystem::Python
                        && !path.ends_with("/.local")
                        && !path.starts_with(&workdir)
                        && path == "/usr/local/lib" =>
                {
                    continue
                }
                Made::Build if ecosystem == Ecosystem::Go || ecosystem == Ecosystem::Rust => {
                    // Build directories other than the program: their outputs are the program.
                    continue;
                }
                _ => path,
            },
            Effect::Moves { to, .. } => to,
            _ => continue,
        };
        // The build context, when it holds only sources: the program is built from it.
        let is_context = matches!(
            effect,
            Effect::Writes {
                made: Made::Context,
                ..
            }
        );
        if (source_only && is_context)
            || BUILD_ONLY.iter().any(|b| covers(b, path))
            || copies.iter().any(|c| covers(c, path))
            || extra.iter().any(|c| covers(c, path))
            || matches!(
                path.as_str(),
                "/etc/passwd" | "/etc/group" | "/tmp" | "/tmp/" | "/var/tmp" | "/var/tmp/"
            )
            || sm.made(path).is_none()
            || covers(path, &workdir) && path != &workdir
        {
            continue;
        }
        if let Some(link) = links.iter().find(|(l, _)| l == path) {
            if !relinks.contains(link) {
                relinks.push(link.clone());
            }
            continue;
        }
        if TOO_BROAD.contains(&path.trim_end_matches('/')) {
            return Refused(format!(
                "the build writes into `{path}`, which holds the build image's own files"
            ));
        }
        extra.retain(|e| !covers(path, e));
        extra.push(path.clone());
    }

    // What the build deletes of the image it starts from (`rm /etc/nginx/sites-enabled/
    // default`, `mv` away a default configuration): the runtime image, or a package it
    // installs again, may have the same files, so the runtime deletes them too, before its
    // `COPY`s. Not what the build itself wrote before (the runtime never has it), what is
    // there again at the end, the tools' caches, or what is inside the copied directories.
    let mut deletions: Vec<String> = Vec::new();
    let mut written: Vec<&str> = Vec::new();
    let effects_in_order = sm.steps.iter().flat_map(|s| {
        s.effects
            .iter()
            .enumerate()
            .map(move |(k, e)| (s.index, s.effect_commands.get(k).copied().unwrap_or(0), e))
    });
    for (index, command, effect) in effects_in_order {
        let gone = match effect {
            Effect::Writes { path, .. } => {
                written.push(path);
                continue;
            }
            Effect::Moves { from, to } => {
                written.push(to);
                from
            }
            Effect::Deletes(path) => path,
            _ => continue,
        };
        if written
            .iter()
            .any(|w| covers(w, gone) || crate::semantic::stage_model::pattern_covers(gone, w))
            || sm.made(gone).is_some()
            || BUILD_ONLY.iter().any(|b| covers(b, gone))
            || ["/tmp", "/var/tmp"].iter().any(|b| covers(b, gone))
            || copies.iter().any(|c| covers(c, gone))
        {
            continue;
        }
        // An image has files only under the standard top directories: a path elsewhere
        // (a word of a broken line, `rm -rf RUN`) is nothing the runtime image has.
        let top = gone.trim_start_matches('/').split('/').next().unwrap_or("");
        if !STANDARD_TOP.contains(&top) {
            continue;
        }
        // A package installed after it may have put it back in the builder, or not.
        if sm.installs().any(|i| {
            !i.removed_later && (i.index > index || i.index == index && i.command > command)
        }) {
            return Refused(format!(
                "the build deletes `{gone}` before it installs packages that may bring it back"
            ));
        }
        let pattern = crate::semantic::stage_model::has_glob(gone);
        if TOO_BROAD.contains(&gone.trim_end_matches('/'))
            || pattern
                && shell_quote(gone.replace(['*', '?', '[', ']'], "").as_str())
                    != gone.replace(['*', '?', '[', ']'], "")
        {
            return Refused(format!(
                "the build deletes `{gone}`, which the runtime image may have too"
            ));
        }
        let word = if pattern {
            gone.clone()
        } else {
            shell_quote(gone)
        };
        if !deletions.contains(&word) {
            deletions.push(word);
        }
    }

    // `CMD ["bash", "start.sh"]`: a script of the context, given to the shell.
    for i in stage.instruction_range() {
        let Args::Exec { items, .. } = &insts[i].args else {
            continue;
        };
        if insts[i].kind == InstructionKind::Run {
            continue;
        }
        if let Some(file) = sm.context_script_given_to_shell(i, items) {
            return Refused(format!(
                "the container runs `{}` from the build context, and what it runs cannot be checked against `{runtime_image}`",
                file.value
            ));
        }
    }
    // Programs and files the container runs must be in the runtime stage.
    let runtime_programs: Vec<&str> = sm
        .uses()
        .filter(|u| u.site != UseSite::Run && !u.optional)
        .map(|u| u.word.as_str())
        .collect();
    // `npm test`, `yarn start`: package scripts, which may run any global tool the stage
    // installed (`npm install -g tape-run`); what they run is in `package.json`, unseen.
    let runs_package_scripts = runtime_programs
        .iter()
        .any(|w| NODE_PACKAGE_MANAGERS.contains(&basename(w)));
    if runs_package_scripts {
        // The package managers themselves (`npm install -g npm@10`) are run directly, and
        // installed again in the runtime stage below.
        let manager = |p: &String| NODE_PACKAGE_MANAGERS.contains(&p.as_str());
        let global = sm.effects().find_map(|(_, e)| match e {
            Effect::Tool {
                programs, command, ..
            } if programs.is_empty() || !programs.iter().all(manager) => Some(short(command)),
            _ => None,
        });
        if let Some(command) = global {
            return Refused(format!(
                "the container runs package scripts, which may use what `{command}` installed globally; `package.json` is not read"
            ));
        }
    }
    if ecosystem == Ecosystem::Python {
        if let Some(why) = outside_the_venv(sm, &runtime_programs, builder_base) {
            return Refused(why);
        }
        // `sed -i ... /usr/local/lib/python3.8/site-packages/django/...`: the packages are
        // in the environment's own `site-packages` after the split.
        if stage
            .instruction_range()
            .any(|i| model.text(insts[i].range).contains("/usr/local/lib/python"))
        {
            return Refused(
                "the build reads or writes the image's own `site-packages`, where pip no longer installs in a virtual environment".into(),
            );
        }
    }
    let mut replicate: Vec<String> = Vec::new();
    let mut missing_packages: Vec<String> = Vec::new();
    for word in &runtime_programs {
        let name = basename(word);
        let path_like = word.contains('/');
        let resolved = resolve(&workdir, word);
        if path_like {
            // A script or binary from the build context: what it runs cannot be read
            // (a context holds names, not contents), so the runtime cannot be shown complete.
            if sm.copied_from_context(&resolved) {
                return Refused(format!(
                    "the container runs `{word}` from the build context, and what it runs cannot be checked against `{runtime_image}`"
                ));
            }
            if copies.iter().chain(&extra).any(|c| covers(c, &resolved)) {
                continue;
            }
            if runtime_base.as_ref().is_some_and(|b| b.has_program(name)) {
                continue;
            }
            if sm.made(&resolved).is_some() {
                extra.push(resolved);
                continue;
            }
            // Not made by the build: the original had it from elsewhere (a volume) or not.
            continue;
        }
        if runtime_base.as_ref().is_some_and(|b| b.has_program(name)) {
            continue;
        }
        // A global tool install: run it again in the runtime stage.
        if let Some(command) = sm.effects().find_map(|(_, e)| match e {
            Effect::Tool {
                programs, command, ..
            } if programs.iter().any(|p| p == name) => Some(command.clone()),
            _ => None,
        }) {
            if runtime_base.as_ref().is_some_and(|b| b.shell) {
                if !replicate.contains(&command) {
                    replicate.push(command);
                }
                continue;
            }
        }
        // Found on the PATH of the copied directories (`node_modules/.bin` is not on it).
        let copied_bin = sm.effects().any(|(_, e)| match e {
            Effect::Writes { path, .. } => {
                basename(path) == name && (copies.iter().chain(&extra).any(|c| covers(c, path)))
            }
            Effect::Moves { to, .. } => {
                basename(to) == name && copies.iter().chain(&extra).any(|c| covers(c, to))
            }
            _ => false,
        });
        // A link the runtime makes again (`ln -s /usr/share/maven/bin/mvn /usr/bin/mvn`).
        let relinked = relinks.iter().any(|(link, _)| basename(link) == name);
        if copied_bin
            || relinked
            || renamed
                .iter()
                .any(|(_, to)| to.rsplit('/').next() == Some(name))
        {
            continue;
        }
        // An OS package the build installs: installed again below.
        if sm.installs().any(|i| {
            !i.removed_later
                && i.packages
                    .iter()
                    .any(|p| crate::semantic::stage_model::package_provides(i.manager, p, name))
        }) {
            continue;
        }
        // The console scripts of what pip installed: on the `PATH` with the environment.
        if ecosystem == Ecosystem::Python && copies.iter().any(|c| c == "/opt/venv") {
            continue;
        }
        // Global tools whose program names the model does not know (`npm i -g pm2` gives
        // `pm2-runtime` too): installed again, so the runtime has what the image had.
        let tools: Vec<String> = sm
            .effects()
            .filter_map(|(_, e)| match e {
                Effect::Tool { command, .. } => Some(command.clone()),
                _ => None,
            })
            .collect();
        if !tools.is_empty()
            && runtime_base.as_ref().is_some_and(|b| b.shell)
            && ecosystem == Ecosystem::Node
        {
            for t in tools {
                if !replicate.contains(&t) {
                    replicate.push(t);
                }
            }
            continue;
        }
        // A program of the build image's own (curl in a `HEALTHCHECK`): installed from
        // the runtime image's package manager.
        if let (Some(pm), true) = (
            runtime_base.as_ref().and_then(|b| b.package_manager),
            builder_base.is_some_and(|b| b.has_program(name)),
        ) {
            if let Some(package) = crate::knowledge::base_images::package_for_program(pm, name) {
                if !missing_packages.iter().any(|p| p == package) {
                    missing_packages.push(package.to_string());
                }
                continue;
            }
        }
        return Refused(format!(
            "the container runs `{name}`, which `{runtime_image}` may not have"
        ));
    }

    // OS packages to install again, and the users to create again.
    let mut runtime_packages: Vec<(PackageManagerId, Vec<String>, bool)> = Vec::new();
    for install in sm.installs().filter(|i| !i.removed_later) {
        let keep: Vec<String> = install
            .packages
            .iter()
            .filter(|p| {
                !build_only_package(p)
                    || runtime_uses_package(sm, install.manager, p)
                    || installed_for_container(sm, install.manager, p)
            })
            .cloned()
            .collect();
        if keep.is_empty() {
            continue;
        }
        match runtime_packages
            .iter_mut()
            .find(|(m, _, _)| *m == install.manager)
        {
            Some((_, list, no_recommends)) => {
                for p in keep {
                    if !list.contains(&p) {
                        list.push(p);
                    }
                }
                *no_recommends &= install.no_recommends;
            }
            None => runtime_packages.push((install.manager, keep, install.no_recommends)),
        }
    }
    // A fetcher that ran with the full image's CA bundle needs one in the runtime image.
    let needs_ca_bundle = |manager: PackageManagerId, packages: &[String]| {
        manager != PackageManagerId::Apk
            && packages
                .iter()
                .any(|p| matches!(os_package_name(p), "curl" | "wget" | "git"))
            && !packages
                .iter()
                .any(|p| os_package_name(p) == "ca-certificates")
            && runtime_base
                .as_ref()
                .is_some_and(|b| !b.has_package("ca-certificates"))
            && builder_base.is_some_and(|b| b.has_package("ca-certificates"))
    };
    // Installed without recommends, a fetcher does not bring the bundle itself.
    for (manager, list, no_recommends) in &mut runtime_packages {
        if *no_recommends && needs_ca_bundle(*manager, list) {
            list.insert(0, "ca-certificates".into());
        }
    }
    if let (false, Some(pm)) = (
        missing_packages.is_empty(),
        runtime_base.as_ref().and_then(|b| b.package_manager),
    ) {
        if needs_ca_bundle(pm, &missing_packages) {
            missing_packages.insert(0, "ca-certificates".into());
        }
        match runtime_packages.iter_mut().find(|(m, _, _)| *m == pm) {
            Some((_, list, _)) => {
                for p in missing_packages {
                    if !list.contains(&p) {
                        list.push(p);
                    }
                }
            }
            None => runtime_packages.push((pm, missing_packages, true)),
        }
    }
    let users: Vec<String> = sm
        .effects()
        .filter_map(|(_, e)| match e {
            Effect::CreatesUser { command, .. } => Some(command.clone()),
            _ => None,
        })
        .collect();
    let named_user = last_named_user(model, stage);
    let runtime_pm = runtime_base.as_ref().and_then(|b| b.package_manager);
    if !runtime_packages.is_empty() {
        let fits = runtime_packages
            .iter()
            .all(|(m, _, _)| Some(*m) == runtime_pm)
            && ecosystem != Ecosystem::Java;
        if !fits {
            let (_, list, _) = &runtime_packages[0];
            return Refused(format!(
                "`{runtime_image}` cannot install `{}` the way the build does",
                list[0]
            ));
        }
    }
    let distroless = runtime_image.starts_with("gcr.io/distroless/");
    if let Some(why) = top_directory_settings(model, sm, copies.iter().chain(&extra)) {
        return Refused(why);
    }
    // The runtime stage installs packages (and the libraries the build's files load) from
    // the runtime image's own sources: a repository the build added is not there.
    if !distroless {
        if let Some(marker) = stage
            .instruction_range()
            .find_map(|i| package_source_change(model.text(insts[i].range)))
        {
            return Refused(format!(
                "the build may change the package sources (`{marker}`), which the runtime stage's installs would not have"
            ));
        }
    }
    if let Some(user) = &named_user {
        let created = sm.created_users().any(|u| u == user);
        let on_runtime = match &runtime_base {
            Some(b) if b.image == "node" => matches!(user.as_str(), "node" | "root" | "nobody"),
            Some(_) => matches!(user.as_str(), "root" | "nobody" | "daemon" | "www-data"),
            None => matches!(user.as_str(), "root" | "nobody" | "nonroot"),
        };
        if !created && !on_runtime && !user.chars().all(|c| c.is_ascii_digit() || c == ':') {
            return Refused(format!("`USER {user}` may not exist in `{runtime_image}`"));
        }
    }

    // The runtime stage.
    let mut runtime = String::new();
    runtime.push_str(&vars);
    if ecosystem == Ecosystem::Python {
        runtime.push_str("ENV VIRTUAL_ENV=/opt/venv PATH=\"/opt/venv/bin:$PATH\"\n");
    }
    let esc = df.escape();
    if !distroless {
        for (manager, packages, no_recommends) in &runtime_packages {
            runtime.push_str(&install_run(*manager, packages, *no_recommends, esc));
        }
        if !users.is_empty() {
            runtime.push_str(&format!(
                "RUN {}\n",
                users.join(&format!(" {esc}\n    && "))
            ));
        }
        for command in &replicate {
            runtime.push_str(&format!("RUN {command}\n"));
        }
    } else if !users.is_empty() {
        runtime.push_str(&format!(
            "COPY --from={stage_name} /etc/passwd /etc/group /etc/\n"
        ));
    }
    // The libraries the copied files load.
    let scan: Vec<&str> = copies
        .iter()
        .chain(&extra)
        .map(String::as_str)
        .chain(renamed.iter().map(|(from, _)| from.as_str()))
        .collect();
    let mut builder_suffix = String::new();
    // Only what the build image has and the runtime image lacks: a full builder, or OS
    // packages the build installed.
    let needs_libraries = matches!(
        ecosystem,
        Ecosystem::Node | Ecosystem::Python | Ecosystem::Rust
    ) && (builder_base.map(|b| b.variant)
        != runtime_base.as_ref().map(|b| b.variant)
        || builder_base.map(|b| b.image) != runtime_base.as_ref().map(|b| b.image)
        || sm.installs().any(|i| !i.removed_later));
    if needs_libraries {
        // The paths go into a shell command: a `WORKDIR /srv/my app` must stay one word.
        let dirs = shell_words(&scan);
        match builder_base.map(|b| b.os) {
            Some(OsFamily::Debian | OsFamily::Ubuntu) => {
                builder_suffix.push_str(&debian_library_scan(&dirs, esc));
                runtime.push_str(&debian_library_install(&stage_name, esc));
            }
            Some(OsFamily::Alpine) => {
                builder_suffix.push_str(&alpine_library_scan(&dirs, esc));
                runtime.push_str(&alpine_library_install(&stage_name, esc));
            }
            _ => return Refused("the build image's packages are not known".into()),
        }
    }
    if !deletions.is_empty() && !distroless {
        runtime.push_str(&format!("RUN rm -rf {}\n", deletions.join(" ")));
    }
    runtime.push_str(&format!("WORKDIR {workdir}\n"));
    // A path inside another copied one comes with it (the program inside its directory).
    let all: Vec<&String> = copies.iter().chain(&extra).collect();
    for (i, c) in all.iter().enumerate() {
        let inside = all
            .iter()
            .enumerate()
            .any(|(j, d)| j != i && covers(d, c) && (d != c || j < i));
        if !inside {
            runtime.push_str(&format!("COPY --from={stage_name} {c} {c}\n"));
        }
    }
    for (from, to) in &renamed {
        runtime.push_str(&format!("COPY --from={stage_name} {from} {to}\n"));
    }
    if distroless {
        // No shell to make a link: a link to a file the build made is copied as the file
        // (a `COPY` follows it), anything else cannot be made.
        for (link, target) in std::mem::take(&mut relinks) {
            if !target.starts_with('/') || sm.made(&target).is_none() {
                return Refused(format!(
                    "the build makes the symbolic link `{link}`, and a distroless image has no shell to make it again"
                ));
            }
            runtime.push_str(&format!("COPY --from={stage_name} {link} {link}\n"));
        }
    }
    if !relinks.is_empty() {
        let mut dirs: Vec<&str> = Vec::new();
        let mut commands: Vec<String> = Vec::new();
        for (link, target) in &relinks {
            let dir = link.rsplit_once('/').map_or("/", |(d, _)| d);
            let dir = if dir.is_empty() { "/" } else { dir };
            let mkdir = if dirs.contains(&dir) {
                String::new()
            } else {
                dirs.push(dir);
                format!("mkdir -p {} && ", shell_quote(dir))
            };
            commands.push(format!(
                "{mkdir}ln -sf {} {}",
                shell_quote(target),
                shell_quote(link)
            ));
        }
        runtime.push_str(&format!(
            "RUN {}\n",
            commands.join(&format!(" {esc}\n    && "))
        ));
    }

    let mut from_text = df.text(from.range).to_string();
    if let (Some(pin), Some(image)) = (&pin, written_image) {
        let at = (image.range.start - from.range.start) as usize;
        let end = (image.range.end - from.range.start) as usize;
        let name = image.value.strip_suffix(":latest").unwrap_or(&image.value);
        from_text.replace_range(at..end, &format!("{name}:{}", pin.tag));
    }
    let builder_from = if stage.name.is_some() {
        from_text
    } else {
        format!("{from_text} AS {stage_name}")
    };
    let keyword = df.text(from.keyword.range);
    let builder_body = format!("{builder_prefix}{builder}");
    let text = format!(
        "{builder_from}\n{builder_body}{builder_suffix}\n{keyword} {runtime_image}\n{runtime_head}{runtime}{runtime_tail}"
    );
    let start = df.items()[from_item].range.start;
    let end = df.source().len() as u32;
    SplitOutcome::Split(Split {
        edits: vec![Edit::replace(TextRange::new(start, end), text)],
        runtime_image,
    })
}

/// The builder step that lists the Debian packages owning the shared libraries the copied
/// files load (`ldd`), one a line in `/runtime-packages`. Only libraries `ldd` resolves to
/// a path are looked up, and only the packages `dpkg` says own them are listed: a library
/// no package owns (the official images' own `libpython` under `/usr/local/lib`, a wheel's
/// bundled `.libs`) comes with the runtime image of the same family or with the copied
/// files, and is never asked of `apt-get`. Written without pipes, so that it is the same
/// under `set -o pipefail`: `dpkg-query --search` fails when one pattern has no owner,
/// which is expected here.
fn debian_library_scan(dirs: &str, esc: char) -> String {
    format!(
        "# The Debian packages whose shared libraries the copied files load\n\
         RUN find {dirs} -type f \\( -name '*.so*' -o -name '*.node' -o -perm -u+x \\) -exec ldd '{{}}' ';' > /tmp/ldd 2>/dev/null {esc}\n    \
         && awk '$2 == \"=>\" && $3 ~ /^\\// && !seen[$3]++ {{ so = $3; sub(\"^/(usr/)?\", \"\", so); print \"*\" so }}' /tmp/ldd > /tmp/libraries {esc}\n    \
         && {{ xargs -r dpkg-query --search < /tmp/libraries > /tmp/owners 2>/dev/null || true; }} {esc}\n    \
         && awk -F': ' '!/^diversion / {{ n = split($1, p, \", \"); for (i = 1; i <= n; i++) {{ sub(\":.*\", \"\", p[i]); if (!seen[p[i]]++) print p[i] }} }}' /tmp/owners > /runtime-packages {esc}\n    \
         && rm /tmp/ldd /tmp/libraries /tmp/owners\n"
    )
}

/// The runtime step that installs the packages of `/runtime-packages` the runtime image
/// does not have yet (none: no `apt-get` at all).
fn debian_library_install(stage_name: &str, esc: char) -> String {
    format!(
        "COPY --from={stage_name} /runtime-packages /runtime-packages\n\
         RUN dpkg-query --show --showformat='${{Package}}\\n' > /tmp/installed {esc}\n    \
         && awk 'NR == FNR {{ installed[$0]; next }} !($0 in installed)' /tmp/installed /runtime-packages > /tmp/missing {esc}\n    \
         && if [ -s /tmp/missing ]; then apt-get update && xargs apt-get install -y --no-install-recommends < /tmp/missing && rm -rf /var/lib/apt/lists/*; fi {esc}\n    \
         && rm /runtime-packages /tmp/installed /tmp/missing\n"
    )
}

/// The builder step that lists the sonames the copied files need (`scanelf`, as the
/// official images do) that an Alpine package of the build image provides: the file is in
/// `/lib` or `/usr/lib`, where `apk` puts libraries. A library found elsewhere (the
/// official images' own `libpython` under `/usr/local/lib`, one bundled with the copied
/// files) has no `so:` package, and `apk add` would stop on it.
fn alpine_library_scan(dirs: &str, esc: char) -> String {
    format!(
        "# The Alpine libraries the copied files load\n\
         RUN scanelf --needed --nobanner --format '%n#p' --recursive {dirs} > /tmp/needed {esc}\n    \
         && awk -F, '{{ for (i = 1; i <= NF; i++) if ($i != \"\" && !seen[$i]++ && system(\"[ -e /lib/\" $i \" ] || [ -e /usr/lib/\" $i \" ]\") == 0) print $i }}' /tmp/needed > /runtime-libraries {esc}\n    \
         && rm /tmp/needed\n"
    )
}

/// The runtime step that installs, by soname, the libraries of `/runtime-libraries` the
/// runtime image lacks (none: no `apk add` at all).
fn alpine_library_install(stage_name: &str, esc: char) -> String {
    format!(
        "COPY --from={stage_name} /runtime-libraries /runtime-libraries\n\
         RUN awk 'system(\"[ -e /lib/\" $1 \" ] || [ -e /usr/lib/\" $1 \" ] || [ -e /usr/local/lib/\" $1 \" ]\") != 0 {{ print \"so:\" $1 }}' /runtime-libraries > /tmp/missing {esc}\n    \
         && xargs -r apk add --no-cache < /tmp/missing {esc}\n    \
         && rm /runtime-libraries /tmp/missing\n"
    )
}

/// Why pip's move into a virtual environment (`/opt/venv`) may lose a program or its
/// packages: a command names one of pip's console scripts by its path in the build image
/// (`/usr/local/bin/gunicorn`) or the image's own Python by its path (which does not see
/// the environment's packages), or the container starts a process manager whose
/// configuration, not read here, may do so.
fn outside_the_venv(
    sm: &StageModel,
    runtime_programs: &[&str],
    builder_base: Option<&BaseImage>,
) -> Option<String> {
    if let Some(manager) = runtime_programs
        .iter()
        .find(|w| PROCESS_MANAGERS.contains(&basename(w)))
    {
        return Some(format!(
            "the container starts `{manager}`, whose configuration (not read here) may name pip's programs by their paths outside the virtual environment"
        ));
    }
    sm.uses().find_map(|u| {
        let name = basename(&u.word);
        if u.word.strip_prefix("/usr/local/bin/") != Some(name) {
            return None;
        }
        if name.starts_with("python") || name.starts_with("pip") {
            return Some(format!(
                "`{}` is the image's own Python, which does not see the packages of the virtual environment",
                u.word
            ));
        }
        (!builder_base.is_some_and(|b| b.has_program(name))).then(|| {
            format!(
                "`{}` names a program by its path, which pip installs into the virtual environment (`/opt/venv/bin`) instead",
                u.word
            )
        })
    })
}

/// Why the owner or mode of a copied directory itself would change: `COPY --from` keeps
/// those of the files inside but makes the directory it copies into as root, 0755 (moby/
/// buildkit#1941), so a `chown`/`chmod` of the build that reaches the directory (`chown -R
/// node /app`, `chmod g=u /app`), or a `COPY --chown` into it, is lost and the program, as
/// that user, may no longer write there.
fn top_directory_settings<'a>(
    model: &Semantic,
    sm: &StageModel,
    copied: impl Iterator<Item = &'a String>,
) -> Option<String> {
    // A copied file keeps its owner and mode: only directories matter, those a `WORKDIR`,
    // a `mkdir` or a `COPY` into `dir/` shows to be one.
    let mut dirs: Vec<String> = sm.steps.iter().map(|s| s.workdir.to_string()).collect();
    for step in &sm.steps {
        let inst = &model.instructions()[step.index];
        if let Some((_, dest)) = crate::semantic::instructions::copy_parts(inst) {
            if dest.value.ends_with('/') || dest.value == "." {
                dirs.push(resolve(&step.workdir, &dest.value));
            }
        }
        let Some(script) = model.script(step.index) else {
            continue;
        };
        for command in &script.commands {
            if let Some(("mkdir", args)) = program_with_args(command) {
                dirs.extend(
                    args.iter()
                        .filter(|w| !w.value.starts_with('-'))
                        .map(|w| resolve(&step.workdir, &w.value)),
                );
            }
        }
    }
    let copied: Vec<&String> = copied
        .filter(|c| dirs.iter().any(|d| covers(c, d)))
        .collect();
    for (at, step) in sm.steps.iter().enumerate() {
        let inst = &model.instructions()[step.index];
        if matches!(inst.kind, InstructionKind::Copy | InstructionKind::Add)
            && inst
                .flags
                .iter()
                .any(|f| matches!(f.name(), "chown" | "chmod"))
        {
            let dest = crate::semantic::instructions::copy_parts(inst).map(|(_, d)| d);
            if let Some(dest) = dest.map(|d| resolve(&step.workdir, &d.value)) {
                // Into a directory a `WORKDIR` made already (root's, as the runtime's is),
                // the copy changes nothing of the directory itself.
                let existed = sm.steps[..=at].iter().any(|s| covers(&dest, &s.workdir));
                if let Some(dir) = copied
                    .iter()
                    .find(|c| covers(&dest, c))
                    .filter(|_| !existed)
                {
                    return Some(format!(
                        "`{}` sets the owner or mode of `{dir}`, which `COPY --from` does not carry over to the directory itself",
                        short(model.text(inst.range))
                    ));
                }
            }
            continue;
        }
        let Some(script) = model.script(step.index) else {
            continue;
        };
        for command in &script.commands {
            let Some((program @ ("chown" | "chmod"), args)) = program_with_args(command) else {
                continue;
            };
            for w in args.iter().filter(|w| !w.value.starts_with('-')) {
                let path = resolve(&step.workdir, &w.value);
                if let Some(dir) = copied.iter().find(|c| covers(&path, c)) {
                    return Some(format!(
                        "`{program}` sets the owner or mode of `{dir}` itself, which `COPY --from` does not carry over (only those of the files inside)"
                    ));
                }
            }
        }
    }
    None
}

/// The facts of an image reference (`node:22-slim`, `gcr.io/distroless/base-debian13:latest`).
fn image_facts(reference: &str) -> Option<BaseImage> {
    let r = crate::syntax::ImageRef::parse(reference);
    match r.official_name() {
        Some(name) => base_image(name, r.tag.as_deref()),
        None => base_image(&r.repository(), r.tag.as_deref()),
    }
}

/// Tools of [`build_only_package`] that a build runs only by name, in a `RUN`: no
/// compiler or package manager calls them behind the scenes (as npm and Go call `git`, or
/// node-gyp `python3`).
const NAMED_BUILD_TOOLS: [&str; 6] = [
    "curl",
    "wget",
    "rsync",
    "openssh-client",
    "gettext",
    "gettext-base",
];

/// Whether a build-tool package was installed for the container: one of
/// [`NAMED_BUILD_TOOLS`] that no `RUN` of the stage runs, so the application (or whoever
/// runs `docker exec`) is what it is there for.
fn installed_for_container(sm: &StageModel, manager: PackageManagerId, package: &str) -> bool {
    NAMED_BUILD_TOOLS.contains(&os_package_name(package))
        && !sm.uses().any(|u| {
            u.site == UseSite::Run
                && crate::semantic::stage_model::package_provides(manager, package, &u.name)
        })
}

/// Whether a build-tool package is what the container runs (`curl` in a `HEALTHCHECK`).
fn runtime_uses_package(sm: &StageModel, manager: PackageManagerId, package: &str) -> bool {
    sm.uses().any(|u| {
        u.site != UseSite::Run
            && crate::semantic::stage_model::package_provides(manager, package, &u.name)
    })
}

fn install_run(
    manager: PackageManagerId,
    packages: &[String],
    no_recommends: bool,
    esc: char,
) -> String {
    // Names as the shell reads them (quotes and escapes gone): written back as words.
    let packages = shell_words(packages);
    match manager {
        PackageManagerId::Apk => format!("RUN apk add --no-cache {packages}\n"),
        PackageManagerId::Yum | PackageManagerId::Dnf => {
            format!("RUN yum install -y {packages} && yum clean all\n")
        }
        _ => format!(
            "RUN apt-get update {esc}\n    && apt-get install -y{} {packages} {esc}\n    && rm -rf /var/lib/apt/lists/*\n",
            if no_recommends { " --no-install-recommends" } else { "" },
        ),
    }
}

/// The last `USER` of the stage by name (not a number).
fn last_named_user(model: &Semantic, stage: &crate::syntax::Stage) -> Option<String> {
    let insts = model.instructions();
    let user = stage
        .instruction_range()
        .rev()
        .find(|&i| insts[i].kind == InstructionKind::User)?;
    match &insts[user].args {
        Args::Text(u) => Some(u.value.split(':').next().unwrap_or("").to_string()),
        _ => None,
    }
}

fn has_relative_workdir(model: &Semantic, stage: &crate::syntax::Stage) -> bool {
    stage.instruction_range().any(|i| {
        let inst = &model.instructions()[i];
        matches!((&inst.kind, &inst.args), (InstructionKind::Workdir, Args::Text(w)) if !w.value.starts_with('/') && !w.value.starts_with('$'))
    })
}

/// The text of the `RUN`s that run `go build`.
fn go_build_text<'a>(model: &Semantic<'a>, stage: &crate::syntax::Stage) -> Option<&'a str> {
    stage.instruction_range().find_map(|i| {
        let inst = &model.instructions()[i];
        let text = model.text(inst.range);
        (inst.kind == InstructionKind::Run && text.contains("go build")).then_some(text)
    })
}

/// The program the container starts (the first word of the `ENTRYPOINT`, else of the
/// `CMD`, past init wrappers), as the path the build writes it to, and whether the
/// container finds it by name on the `PATH`. `Err` with the reason when it is a script
/// (which needs a shell) or not something the build writes.
/// Programs that build rather than run an application: an image whose command is one of
/// them needs its toolchain at run time.
const BUILD_TOOLCHAIN: [&str; 18] = [
    "go", "gofmt", "cargo", "rustc", "rustup", "mvn", "mvnw", "gradle", "gradlew", "javac", "ant",
    "sbt", "lein", "make", "gcc", "g++", "cc", "clang",
];

fn program_path(
    sm: &StageModel,
    workdir: &str,
    path_dirs: &[&str],
) -> Result<(String, bool), String> {
    // `go run main.go`, `mvn spring-boot:run`, or a `CMD ["make", "test"]` after an
    // `ENTRYPOINT`: the image runs the toolchain itself, which a runtime stage would not
    // have (and `/go/bin` holds what `go install` built, not `go`).
    if let Some(tool) = sm
        .uses()
        .filter(|u| u.site == UseSite::Command)
        .find(|u| BUILD_TOOLCHAIN.contains(&u.name.as_str()))
    {
        return Err(format!(
            "the image runs `{}`, a build tool, itself",
            tool.word
        ));
    }
    let entry = sm
        .uses()
        .filter(|u| u.site == UseSite::Command && !u.optional)
        .find(|u| !matches!(u.name.as_str(), "dumb-init" | "tini" | "exec"))
        .ok_or_else(|| "the image names no program to run".to_string())?;
    if matches!(entry.name.as_str(), "sh" | "bash" | "ash" | "dash") || entry.name.ends_with(".sh")
    {
        return Err(format!(
            "`{}` runs a shell script, and a distroless image has no shell",
            entry.word
        ));
    }
    let by_name = !entry.word.contains('/');
    let candidates: Vec<String> = if by_name {
        path_dirs
            .iter()
            .map(|d| format!("{d}/{}", entry.word))
            .collect()
    } else {
        vec![resolve(workdir, &entry.word)]
    };
    // A file the build is seen writing comes before a directory a tool installs into
    // without naming its files: `go install` fills `/go/bin`, but the program run by name
    // may be the one an `ADD` put into `/usr/bin`.
    for c in &candidates {
        match sm.made(c) {
            Some(Made::Context | Made::OtherStage) => {
                return Err(format!(
                    "`{}` is copied in, not built: it may be a script, and a distroless image has no shell",
                    entry.word
                ))
            }
            Some(Made::Build | Made::File | Made::Download | Made::Install) => {
                return Ok((c.clone(), by_name))
            }
            _ => {}
        }
    }
    candidates
        .into_iter()
        .find(|c| sm.in_tool_directory(c))
        .map(|c| (c, by_name))
        .ok_or_else(|| "the program the image runs is not a file the build writes".to_string())
}

/// Copies the program to where the runtime finds it: the same path, or, when it is run by
/// name from a directory off the runtime's `PATH`, `/usr/local/bin`.
fn place_binary(
    binary: &str,
    by_name: bool,
    copies: &mut Vec<String>,
    renamed: &mut Vec<(String, String)>,
) {
    let dir = binary.rsplit_once('/').map_or("/", |(d, _)| d);
    if by_name && !SYSTEM_PATH.contains(&dir) {
        let name = binary.rsplit('/').next().unwrap_or(binary);
        renamed.push((binary.to_string(), format!("/usr/local/bin/{name}")));
    } else if !copies.iter().any(|c| covers(c, binary)) {
        copies.push(binary.to_string());
    }
}

/// Directories on the `PATH` of the distroless and Debian images.
const SYSTEM_PATH: &[&str] = &[
    "/usr/local/sbin",
    "/usr/local/bin",
    "/usr/sbin",
    "/usr/bin",
    "/sbin",
    "/bin",
];

/// A word for a POSIX shell: as it is when it has nothing the shell would read, else in
/// single quotes.
fn shell_quote(word: &str) -> String {
    if !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "/._-+:@%=,".contains(c))
    {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}

/// Words as one shell command line reads them back: each quoted as it needs.
fn shell_words<S: AsRef<str>>(words: &[S]) -> String {
    words
        .iter()
        .map(|w| shell_quote(w.as_ref()))
        .collect::<Vec<_>>()
        .join(" ")
}

fn short(command: &str) -> String {
    let one_line: String = command.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() > 40 {
        let cut: String = one_line.chars().take(37).collect();
        format!("{cut}...")
    } else {
        one_line
    }
}

/// Whether the runtime instructions can leave the build: a `USER` followed by build steps
/// would change who runs them, and a `SHELL` would change how a moved shell-form `CMD`
/// runs.
fn movable(df: &crate::syntax::Dockerfile, range: std::ops::Range<usize>) -> bool {
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
        "maven" => digits_after("temurin-")
            .or_else(|| digits_after("jdk-"))
            .or_else(|| digits_after("openjdk-")),
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

    fn outcome(src: &str) -> SplitOutcome {
        let p = parse(src);
        let model = Semantic::new(&p);
        split_into_stages(&model, None)
    }

    fn split(src: &str) -> Option<String> {
        match outcome(src) {
            SplitOutcome::Split(s) => {
                let e = &s.edits[0];
                Some(format!(
                    "{}{}{}",
                    &src[..e.range.start as usize],
                    e.content,
                    &src[e.range.end as usize..]
                ))
            }
            _ => None,
        }
    }

    fn refusal(src: &str) -> String {
        match outcome(src) {
            SplitOutcome::Refused(why) => why,
            other => panic!("not refused: {other:?}"),
        }
    }

    /// The split is refused, for a reason that says `why`.
    fn assert_refused(src: &str, why: &str) {
        let refusal = refusal(src);
        assert!(refusal.contains(why), "{refusal}");
    }

    #[test]
    fn maven_goals_alone_leave_no_target_to_copy() {
        // `install:install-file` runs in `/` but builds nothing there: the runtime copies
        // what `mvn package` made in `/src`, not a `/target` that never exists.
        let src = "FROM maven:3.9-eclipse-temurin-21\nCOPY . /src\nRUN mvn install:install-file -Dfile=/src/lib/a.jar -DgroupId=a -DartifactId=a -Dversion=1 -Dpackaging=jar\nRUN cd /src && mvn -B package\nCMD [\"java\", \"-jar\", \"/src/target/app.jar\"]\n";
        let out = split(src).expect("split");
        assert!(!out.contains("COPY --from=build /target"), "{out}");
        // `/src/target` comes with `/src`, which the copied context wrote.
        assert!(out.contains("COPY --from=build /src /src\n"), "{out}");
        assert!(!out.contains("COPY --from=build /src/target"), "{out}");
    }

    #[test]
    fn authorship_and_labels_open_the_runtime_stage() {
        // A `LABEL` that expands a variable stays after the definitions it needs.
        let src = "FROM node:24\nMAINTAINER Ada <ada@example.com>\nLABEL org.opencontainers.image.title=shop\nARG VERSION=1\nLABEL version=$VERSION\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\nCMD [\"node\", \"dist/server.js\"]\n";
        let out = split(src).expect("split");
        assert!(
            out.contains("\nFROM node:24-slim\nMAINTAINER Ada <ada@example.com>\nLABEL org.opencontainers.image.title=shop\n"),
            "{out}"
        );
        let runtime = &out[out.find("FROM node:24-slim").expect("runtime stage")..];
        assert!(
            runtime.find("ARG VERSION").expect("redeclared")
                < runtime.find("LABEL version=$VERSION").expect("label"),
            "{out}"
        );
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
            out.contains("# compile\nRUN npm run build\n# The Debian packages"),
            "{out}"
        );
        assert!(out.contains("\nFROM node:24-slim\n"), "{out}");
        assert!(out.ends_with("WORKDIR /app\nCOPY --from=build /app /app\nEXPOSE 3000\nCMD [\"node\", \"dist/server.js\"]\n"), "{out}");
        assert!(
            !out.contains("USER 1000") && !out.contains("NODE_ENV") && !out.contains("prune"),
            "{out}"
        );
        let reparsed = parse(&out);
        assert!(reparsed.errors.is_empty());
        assert_eq!(reparsed.dockerfile.stages().len(), 2);
    }

    /// The library scan is a shell command: a directory with shell syntax in its name is
    /// one quoted word there.
    #[test]
    fn the_library_scan_quotes_the_directories() {
        let src = "FROM node:20\nWORKDIR /srv/app(1)\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\nCMD [\"npm\", \"start\"]\n";
        let out = split(src).expect("split");
        assert!(out.contains("RUN find '/srv/app(1)' -type f"), "{out}");
    }

    #[test]
    fn a_package_named_by_a_variable_keeps_the_image_whole() {
        assert_refused(
            "FROM python:3.12\nARG EXTRA=libjpeg62-turbo\nWORKDIR /app\nRUN apt-get update && apt-get install -y libpq5 ${EXTRA} gcc\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\nCMD [\"python\", \"app.py\"]\n",
            "named by a variable",
        );
    }

    #[test]
    fn a_script_the_shell_cannot_read_is_not_split() {
        assert_refused(
            "FROM node:20\nWORKDIR /app\nRUN npm install -g serv\"e\nCOPY . .\nRUN npm run build\nCMD [\"serve\", \"build\"]\n",
            "the shell cannot read the `RUN` on line 3",
        );
    }

    #[test]
    fn go_binary_moves_to_distroless() {
        let src = "FROM golang:1.27\nWORKDIR /src\nCOPY . .\nRUN go build -o app ./cmd/server\nENTRYPOINT [\"/src/app\"]\n";
        let out = split(src).expect("split");
        assert!(
            out.contains("FROM golang:1.27 AS build\nWORKDIR /src\n"),
            "{out}"
        );
        assert!(!out.contains("CGO_ENABLED"), "{out}");
        assert!(out.ends_with("FROM gcr.io/distroless/base-debian13:latest\nWORKDIR /src\nCOPY --from=build /src /src\nENTRYPOINT [\"/src/app\"]\n"), "{out}");
        let src = "FROM golang:1.27\nENV CGO_ENABLED=0\nWORKDIR /src\nCOPY . .\nRUN go build -o /usr/local/bin/app .\nENTRYPOINT [\"app\"]\n";
        let out = split(src).expect("split");
        assert!(out.contains("FROM gcr.io/distroless/static-debian13:latest\nENV CGO_ENABLED=0\nWORKDIR /src\nCOPY --from=build /src /src\nCOPY --from=build /usr/local/bin/app /usr/local/bin/app\n"), "{out}");
    }

    #[test]
    fn go_output_moved_by_mv_is_found() {
        let src = "FROM golang:1.22\nWORKDIR /go/src/x\nCOPY . .\nRUN go build -o x && mv x /usr/bin/x\nCMD [\"x\"]\n";
        let out = split(src).expect("split");
        assert!(
            out.contains("COPY --from=build /usr/bin/x /usr/bin/x\n"),
            "{out}"
        );
    }

    #[test]
    fn go_install_output_found_by_name_goes_on_the_runtime_path() {
        let src = "FROM golang:1.22\nENV CGO_ENABLED=0\nWORKDIR /go/src/app\nCOPY . .\nRUN go install ./...\nENTRYPOINT [\"app\"]\n";
        let out = split(src).expect("split");
        assert!(out.contains("COPY --from=build /go/src/app /go/src/app\nCOPY --from=build /go/bin/app /usr/local/bin/app\nENTRYPOINT"), "{out}");
    }

    #[test]
    fn a_program_added_by_name_is_judged_where_it_was_put_not_in_go_bin() {
        // `go install` fills `/go/bin`, but the `watchdog` the image runs is the one `ADD`
        // put into `/usr/bin`: fetched, maybe a script, so no distroless runtime.
        let src = "FROM golang:1.22\nWORKDIR /go/src/app\nCOPY . .\nRUN go install ./...\nADD --chmod=755 https://example.com/watchdog /usr/bin/\nCMD [\"watchdog\"]\n";
        assert_refused(src, "`watchdog` is copied in");
    }

    #[test]
    fn a_build_tool_in_the_cmd_after_an_entrypoint_keeps_the_toolchain() {
        let src = "FROM golang:1.22\nRUN curl -fsSL https://example.com/entry.sh -o /entry && chmod +x /entry\nCOPY . /src\nWORKDIR /src\nRUN go get -d ./...\nRUN make binaries\nENTRYPOINT [\"/entry\"]\nCMD [\"make\", \"test\"]\n";
        assert_refused(src, "`make`, a build tool");
    }

    #[test]
    fn an_image_with_onbuild_triggers_is_a_build_base_and_stays_whole() {
        let src = "FROM node:22\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\nONBUILD COPY plugins plugins\nONBUILD RUN npm run build\nCMD [\"node\", \".\"]\n";
        assert_refused(src, "ONBUILD");
    }

    #[test]
    fn a_script_entrypoint_needs_a_shell_distroless_lacks() {
        let src = "FROM golang:1.22\nWORKDIR /go/src/app\nCOPY . .\nRUN go install ./...\nCOPY docker-entrypoint.sh /docker-entrypoint.sh\nENTRYPOINT [\"/docker-entrypoint.sh\"]\nCMD [\"app\"]\n";
        assert_refused(src, "shell script");
    }

    #[test]
    fn go_with_a_shell_form_entrypoint_is_advice() {
        assert!(refusal(
            "FROM golang:1.27\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\nCMD /app --serve\n"
        )
        .contains("shell"));
    }

    #[test]
    fn python_gets_a_venv_copied_into_slim() {
        let src = "FROM python:3.14\nWORKDIR /app\nRUN apt-get update && apt-get install -y gcc libpq-dev postgresql-client\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\nCMD [\"python\", \"app.py\"]\n";
        let out = split(src).expect("split");
        assert!(out.contains("FROM python:3.14 AS build\nRUN python -m venv /opt/venv\nENV VIRTUAL_ENV=/opt/venv PATH=\"/opt/venv/bin:$PATH\"\n"), "{out}");
        assert!(out.contains("FROM python:3.14-slim\nENV VIRTUAL_ENV=/opt/venv PATH=\"/opt/venv/bin:$PATH\"\nRUN apt-get update \\\n    && apt-get install -y postgresql-client \\\n"), "{out}");
        assert!(out.contains("RUN find /opt/venv /app -type f"), "{out}");
        assert!(out.ends_with("WORKDIR /app\nCOPY --from=build /opt/venv /opt/venv\nCOPY --from=build /app /app\nCMD [\"python\", \"app.py\"]\n"), "{out}");
    }

    #[test]
    fn variables_and_files_outside_the_app_follow() {
        let src = "FROM python:3.12\nARG VERSION=1\nENV APP_HOME=/srv/app APP_VERSION=$VERSION\nWORKDIR $APP_HOME\nCOPY docker-entrypoint.sh /usr/local/bin/\nCOPY . .\nRUN pip install -r requirements.txt\nRUN useradd -m app\nUSER app\nENTRYPOINT [\"docker-entrypoint.sh\"]\n";
        let out = split(src).expect("split");
        assert!(out.contains("FROM python:3.12-slim\nARG VERSION=1\nENV APP_HOME=/srv/app APP_VERSION=$VERSION\nENV VIRTUAL_ENV=/opt/venv PATH=\"/opt/venv/bin:$PATH\"\nRUN useradd -m app\n"), "{out}");
        assert!(out.contains("COPY --from=build /usr/local/bin/docker-entrypoint.sh /usr/local/bin/docker-entrypoint.sh\n"), "{out}");
        assert!(
            out.ends_with("USER app\nENTRYPOINT [\"docker-entrypoint.sh\"]\n"),
            "{out}"
        );
    }

    #[test]
    fn java_runs_on_the_matching_jre() {
        let src = "FROM maven:3.9-eclipse-temurin-21\nWORKDIR /app\nCOPY . .\nRUN mvn -B package\nCMD [\"java\", \"-jar\", \"target/app.jar\"]\n";
        let out = split(src).expect("split");
        assert!(
            out.contains(
                "FROM eclipse-temurin:21-jre\nWORKDIR /app\nCOPY --from=build /app /app\n"
            ),
            "{out}"
        );
        let src = "FROM gradle:8.5-jdk17\nWORKDIR /home/gradle/src\nCOPY . .\nRUN gradle build\nWORKDIR /srv\nCMD [\"java\", \"-jar\", \"/home/gradle/src/build/libs/app.jar\"]\n";
        let out = split(src).expect("split");
        // The build output comes with the source directory it lies in, copied once.
        assert!(
            out.contains("COPY --from=build /srv /srv\nCOPY --from=build /home/gradle/src /home/gradle/src\nCMD"),
            "{out}"
        );
    }

    #[test]
    fn java_outputs_removed_by_a_pattern_are_not_copied() {
        let src = "FROM maven:3.9-eclipse-temurin-21\nWORKDIR /app\nCOPY . /build\nRUN cd /build && mvn -B package && cp target/app.jar /app/ && rm -rf /build/*\nCMD [\"java\", \"-jar\", \"/app/app.jar\"]\n";
        let out = split(src).expect("split");
        assert!(!out.contains("/build/target"), "{out}");
        assert!(out.contains("COPY --from=build /app /app\n"), "{out}");
    }

    #[test]
    fn rust_binary_named_by_the_command() {
        let src = "FROM rust:1.98-bookworm\nCOPY . /src\nRUN cd /src && cargo build --release && cp target/release/server /usr/local/bin/\nCMD [\"server\"]\n";
        let out = split(src).expect("split");
        assert!(out.contains("FROM debian:bookworm-slim\n"), "{out}");
        assert!(
            out.contains("COPY --from=build /usr/local/bin/server /usr/local/bin/server\n"),
            "{out}"
        );
    }

    #[test]
    fn alpine_libraries_only_what_a_package_provides_and_the_runtime_lacks() {
        // The official image's `libpython` is under `/usr/local/lib`: no `so:` package has
        // it, and the runtime of the same family has it anyway.
        let src = "FROM python:3.9-alpine\nWORKDIR /srv\nRUN apk add --no-cache gcc musl-dev postgresql-dev\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\nCMD [\"python\", \"main.py\"]\n";
        let out = split(src).expect("split");
        assert!(out.contains("RUN scanelf --needed --nobanner --format '%n#p' --recursive /opt/venv /srv > /tmp/needed \\\n"), "{out}");
        assert!(
            out.contains(
                "system(\"[ -e /lib/\" $i \" ] || [ -e /usr/lib/\" $i \" ]\") == 0) print $i"
            ),
            "{out}"
        );
        assert!(out.contains("[ -e /usr/local/lib/\" $1 \" ]\") != 0 { print \"so:\" $1 }' /runtime-libraries > /tmp/missing \\\n    && xargs -r apk add --no-cache < /tmp/missing"), "{out}");
        assert!(
            !out.contains("sed 's/^/so:/'") && !out.contains(" | "),
            "{out}"
        );
    }

    #[test]
    fn debian_libraries_only_what_a_package_owns_and_no_pipes() {
        let src = "FROM python:3.9\nWORKDIR /srv\nCOPY . .\nRUN pip install -r requirements.txt\nCMD [\"python\", \"main.py\"]\n";
        let out = split(src).expect("split");
        // Resolved paths only (`not found` is no pattern), an owner missing is no error,
        // several owners and arch qualifiers are split off, and no pipe hides a failure.
        assert!(out.contains("awk '$2 == \"=>\" && $3 ~ /^\\// "), "{out}");
        assert!(
            out.contains("{ xargs -r dpkg-query --search < /tmp/libraries > /tmp/owners 2>/dev/null || true; }"),
            "{out}"
        );
        assert!(out.contains("split($1, p, \", \")"), "{out}");
        assert!(!out.contains(" | "), "{out}");
    }

    #[test]
    fn links_are_made_again_and_patterns_copy_their_directory() {
        let src = "FROM node:20\nRUN apt-get update && apt-get install -y nginx\nWORKDIR /site\nCOPY . .\nRUN npm ci && npm run build && cp -r build/* /usr/share/nginx/html/\nRUN ln -sf /dev/stderr /var/log/nginx/error.log\nCMD [\"nginx\", \"-g\", \"daemon off;\"]\n";
        let out = split(src).expect("split");
        assert!(
            out.contains("COPY --from=build /usr/share/nginx/html /usr/share/nginx/html\n"),
            "{out}"
        );
        assert!(
            out.contains(
                "RUN mkdir -p /var/log/nginx && ln -sf /dev/stderr /var/log/nginx/error.log\nCMD"
            ),
            "{out}"
        );
        assert!(
            !out.contains("COPY --from=build /var/log") && !out.contains("html/*"),
            "{out}"
        );
        // A link inside a copied directory travels with it.
        let src = "FROM node:20\nWORKDIR /site\nCOPY . .\nRUN npm ci && ln -s /site/bin/cli.js /site/cli\nCMD [\"node\", \"cli\"]\n";
        let out = split(src).expect("split");
        assert!(!out.contains("ln -sf"), "{out}");
    }

    #[test]
    fn a_link_to_a_built_file_on_distroless_is_copied_as_the_file() {
        let src = "FROM golang:1.22\nENV CGO_ENABLED=0\nWORKDIR /src\nCOPY . .\nRUN go build -o /usr/local/bin/app . && cp conf.yaml /etc/app.yaml\nRUN ln -s /etc/app.yaml /etc/app.yml\nENTRYPOINT [\"app\"]\n";
        let out = split(src).expect("split");
        assert!(
            out.contains("COPY --from=build /etc/app.yml /etc/app.yml\n"),
            "{out}"
        );
    }

    #[test]
    fn a_program_linked_onto_the_path_is_linked_again() {
        let src = "FROM maven:3.9-eclipse-temurin-21\nRUN mkdir -p /opt/tool && curl -fsSL -o /tmp/t.tgz https://example.com/t.tgz && tar -xzf /tmp/t.tgz -C /opt/tool && rm /tmp/t.tgz && ln -s /opt/tool/bin/tool /usr/bin/tool\nWORKDIR /app\nCOPY . .\nRUN mvn -B package\nCMD [\"tool\", \"run\", \"target/app.jar\"]\n";
        let out = split(src).expect("split");
        assert!(
            out.contains("COPY --from=build /opt/tool /opt/tool\nRUN mkdir -p /usr/bin && ln -sf /opt/tool/bin/tool /usr/bin/tool\n"),
            "{out}"
        );
    }

    #[test]
    fn a_link_on_a_distroless_runtime_is_refused() {
        let src = "FROM golang:1.22\nENV CGO_ENABLED=0\nWORKDIR /src\nCOPY . .\nRUN go build -o /usr/local/bin/app .\nRUN ln -sf /dev/stdout /var/log/app.log\nENTRYPOINT [\"app\"]\n";
        assert_refused(src, "symbolic link `/var/log/app.log`");
    }

    #[test]
    fn files_left_in_tmp_are_copied_and_scratch_removed_is_not() {
        let src = "FROM python:3.11\nWORKDIR /srv\nCOPY . .\nRUN pip install -r requirements.txt\nRUN mkdir /tmp/stamp && date > /tmp/stamp/built\nRUN curl -o /tmp/data.zip https://example.com/d.zip && rm /tmp/data.zip\nCMD [\"python\", \"main.py\"]\n";
        let out = split(src).expect("split");
        assert!(
            out.contains("COPY --from=build /tmp/stamp /tmp/stamp\n"),
            "{out}"
        );
        assert!(!out.contains("data.zip /tmp"), "{out}");
        // A pattern deletes what it matches.
        let src = "FROM python:3.11\nWORKDIR /srv\nCOPY . .\nRUN pip install -r requirements.txt\nRUN date > /tmp/stamp && rm -rf /tmp/*\nCMD [\"python\", \"main.py\"]\n";
        let out = split(src).expect("split");
        assert!(!out.contains("COPY --from=build /tmp"), "{out}");
    }

    #[test]
    fn deletions_of_the_base_are_made_again_before_the_copies() {
        let src = "FROM node:20\nRUN apt-get update && apt-get install -y nginx\nWORKDIR /site\nCOPY . .\nRUN npm ci && npm run build && rm -rf /site/.cache\nRUN rm /etc/nginx/sites-enabled/default && rm -rf /etc/nginx/conf.d/*\nCOPY site.conf /etc/nginx/conf.d/\nCMD [\"nginx\", \"-g\", \"daemon off;\"]\n";
        let out = split(src).expect("split");
        assert!(out.contains("RUN rm -rf /etc/nginx/sites-enabled/default /etc/nginx/conf.d/*\nWORKDIR /site\nCOPY --from=build /site /site\nCOPY --from=build /etc/nginx/conf.d/site.conf /etc/nginx/conf.d/site.conf\n"), "{out}");
        assert!(!out.contains("default /etc/nginx/conf.d/* /site"), "{out}");
    }

    #[test]
    fn a_deletion_before_an_install_is_refused() {
        let src = "FROM node:20\nRUN rm -rf /usr/share/doc/* && apt-get update && apt-get install -y nginx\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD [\"node\", \"a.js\"]\n";
        assert_refused(src, "deletes `/usr/share/doc/*` before it installs");
        // After the install, it is made again in the runtime.
        let src = "FROM node:20\nRUN apt-get update && apt-get install -y nginx && rm -rf /usr/share/doc/*\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD [\"node\", \"a.js\"]\n";
        assert!(split(src)
            .expect("split")
            .contains("RUN rm -rf /usr/share/doc/*\n"));
    }

    #[test]
    fn a_fetcher_no_build_step_runs_stays_for_the_container() {
        // Nothing in the build runs curl or envsubst: the application may.
        let src = "FROM node:20\nWORKDIR /app\nRUN apt-get update && apt-get install -y --no-install-recommends curl gettext-base && rm -rf /var/lib/apt/lists/*\nCOPY . .\nRUN npm ci && npm run build\nCMD [\"node\", \"dist/server.js\"]\n";
        let out = split(src).expect("split");
        assert!(
            out.contains("FROM node:20-slim\nRUN apt-get update \\\n    && apt-get install -y --no-install-recommends ca-certificates curl gettext-base \\\n"),
            "{out}"
        );
        // A download step of the build is what curl was for: the runtime goes without it.
        let src = "FROM node:20\nWORKDIR /app\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\nRUN curl -fsSL -o /tmp/a.tgz https://example.com/a.tgz && tar -xzf /tmp/a.tgz -C /app && rm /tmp/a.tgz\nCOPY . .\nRUN npm ci && npm run build\nCMD [\"node\", \"dist/server.js\"]\n";
        let out = split(src).expect("split");
        assert!(
            !out.split("FROM node:20-slim")
                .nth(1)
                .unwrap_or("")
                .contains("curl"),
            "{out}"
        );
    }

    #[test]
    fn a_deletion_too_broad_to_repeat_is_refused() {
        let src = "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci && rm -rf /srv\nCMD [\"node\", \"a.js\"]\n";
        assert_refused(src, "deletes `/srv`");
    }

    #[test]
    fn an_unpinned_builder_is_pinned_with_its_runtime() {
        let pin = crate::knowledge::pinned_tag("node", None).expect("node has a pin line");
        for from in ["node", "node:latest"] {
            let src = format!("FROM {from}\nRUN apt-get update && apt-get install -y libsodium-dev\nWORKDIR /srv\nCOPY . .\nRUN npm install\nCMD [\"node\", \"server.js\"]\n");
            let out = split(&src).expect("split");
            assert!(
                out.starts_with(&format!("FROM node:{} AS build\n", pin.tag)),
                "{out}"
            );
            assert!(
                out.contains(&format!("\nFROM node:{}-slim\n", pin.tag)),
                "{out}"
            );
        }
        // A builder with a version keeps it, and the runtime follows it.
        let src = "FROM node:18.20\nWORKDIR /srv\nCOPY . .\nRUN npm install\nCMD [\"node\", \"server.js\"]\n";
        let out = split(src).expect("split");
        assert!(out.starts_with("FROM node:18.20 AS build\n"), "{out}");
        assert!(out.contains("\nFROM node:18.20-slim\n"), "{out}");
    }

    #[test]
    fn programs_of_the_full_image_are_installed_in_the_runtime() {
        let src = "FROM node:22\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\nHEALTHCHECK CMD curl -f http://localhost:3000/ || exit 1\nCMD [\"node\", \"dist/server.js\"]\n";
        let out = split(src).expect("split");
        assert!(out.contains("FROM node:22-slim\nRUN apt-get update \\\n    && apt-get install -y --no-install-recommends ca-certificates curl \\\n"), "{out}");
    }

    #[test]
    fn refusals_say_what_is_missing() {
        assert!(refusal("FROM python:3.12\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\nENTRYPOINT [\"./run.sh\"]\n").contains("`./run.sh` from the build context"));
        assert!(refusal("FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci && ./build.sh\nCMD [\"node\", \"a.js\"]\n").contains("./build.sh"));
        assert!(refusal("FROM python:2.7\nWORKDIR /app\nCOPY . .\nRUN pip install -r r.txt\nCMD [\"python\", \"a.py\"]\n").contains("Python 2"));
        assert!(refusal("FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci\nRUN apt-get update && apt-get install -y imagemagick\nUSER appuser\nCMD [\"node\", \"a.js\"]\n").contains("appuser"));
        assert!(refusal("FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci && tar -xzf x.tgz -C /usr/local\nCMD [\"node\", \"a.js\"]\n").contains("/usr/local"));
        // `COPY --from` makes the directory itself as root: the chown of /app would be lost.
        assert!(refusal("FROM node:20\nWORKDIR /app\nCOPY . .\nRUN apt-get update && apt-get install -y build-essential\nRUN npm ci && npm run build\nRUN chown -R node:node /app\nUSER node\nCMD [\"node\", \"a.js\"]\n").contains("`chown` sets the owner or mode of `/app` itself"));
        // node:20-alpine again, only to leave curl behind: not worth a stage.
        assert!(refusal("FROM node:20-alpine\nWORKDIR /app\nRUN apk add --no-cache curl\nCOPY . .\nRUN npm ci && npm run build\nCMD [\"node\", \"dist/a.js\"]\n").contains("no compiler or headers"));
        // A repository the build added: the runtime's `apt-get install` would not find its packages.
        assert!(refusal("FROM python:3.12\nWORKDIR /app\nRUN echo 'deb https://example.com/debian bookworm main' > /etc/apt/sources.list.d/ex.list && apt-get update && apt-get install -y gcc extool\nCOPY . .\nRUN pip install -r r.txt\nCMD [\"python\", \"a.py\"]\n").contains("package sources (`/etc/apt`)"));
    }

    #[test]
    fn a_runtime_on_an_archived_debian_release_cannot_install_libraries() {
        let src = "FROM node:8.7\nWORKDIR /app\nCOPY . .\nRUN yarn install && yarn build\nCMD [\"node\", \"dist/a.js\"]\n";
        assert_refused(src, "left the Debian mirrors");
    }

    #[test]
    fn pip_programs_named_by_their_old_path_keep_the_image_whole() {
        // The split installs into /opt/venv: /usr/local/bin/gunicorn would not exist.
        let by_path = "FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN apt-get update && apt-get install -y gcc libpq-dev\nRUN pip install -r requirements.txt\nCMD [\"/usr/local/bin/gunicorn\", \"app:app\"]\n";
        assert!(refusal(by_path).contains("`/usr/local/bin/gunicorn` names a program by its path"));
        // Nor can what supervisord's configuration names be read.
        let managed = "FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN apt-get update && apt-get install -y gcc supervisor\nRUN pip install -r requirements.txt\nCMD [\"supervisord\", \"-n\"]\n";
        assert!(refusal(managed).contains("`supervisord`"));
        // The image's own interpreter by its path is there, but without the packages.
        let interpreter = "FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN apt-get update && apt-get install -y gcc libpq-dev\nRUN pip install -r requirements.txt\nCMD [\"/usr/local/bin/python\", \"app.py\"]\n";
        assert!(refusal(interpreter).contains("does not see the packages"));
        let by_name = interpreter.replace("/usr/local/bin/python", "python");
        assert!(split(&by_name).is_some());
        // A package patched in place: not where the split installs it.
        let patched = by_name.replace("CMD", "RUN sed -i s/a/b/ /usr/local/lib/python3.12/site-packages/django/conf/global_settings.py\nCMD");
        assert!(refusal(&patched).contains("`site-packages`"));
    }

    #[test]
    fn an_app_without_workdir_is_not_copied_from_the_root() {
        assert!(refusal("FROM python:3.14\nCOPY . .\nRUN pip install -r requirements.txt\nCMD [\"python\", \"app.py\"]\n").contains("WORKDIR"));
    }

    #[test]
    fn a_user_in_the_middle_of_the_build_stays_and_blocks_the_split() {
        let src = "FROM node:24\nWORKDIR /app\nCOPY . .\nUSER node\nRUN npm ci && npm run build\nCMD [\"node\", \"a.js\"]\n";
        assert_eq!(outcome(src), SplitOutcome::NotApplicable);
    }

    #[test]
    fn java_without_a_build_tool_is_not_split() {
        assert_eq!(
            outcome("FROM openjdk:8-jdk\nWORKDIR /x\nRUN apt-get install -y make\nCMD [\"sh\"]\n"),
            SplitOutcome::NotApplicable
        );
    }

    #[test]
    fn multi_stage_and_unknown_images_are_not_split() {
        assert_eq!(
            outcome("FROM node:24 AS a\nRUN x\nFROM node:24-slim\n"),
            SplitOutcome::NotApplicable
        );
        assert_eq!(
            outcome("FROM ubuntu:24.04\nRUN make\n"),
            SplitOutcome::NotApplicable
        );
    }
}
