use std::cell::OnceCell;

use crate::declare_rule;
use crate::edit::Edit;
use crate::edit::Fix;
use crate::knowledge::package_managers::{
    os_package_name, python_project_name, RUNTIME_RECOMMENDS_PACKAGES,
};
use crate::rules::shared::configured::{is_false, written_setting};
use crate::rules::Checker;
use crate::semantic::commands::apt_recommends_off;
use crate::semantic::commands::basename;
use crate::semantic::commands::git_may_use_ssh;
use crate::semantic::commands::invocation;
use crate::semantic::commands::is_python;
use crate::semantic::commands::operands;
use crate::semantic::commands::pip_command;
use crate::semantic::commands::runs;
use crate::semantic::commands::APT_VALUE_OPTIONS;
use crate::semantic::commands::PIP_INSTALL_PATH_OPTIONS;
use crate::semantic::stages::Marked;
use crate::semantic::tool_versions::known_base;
use crate::syntax::shell::{Command, Word};
use crate::syntax::InstructionKind;
use crate::syntax::Stage;
use crate::syntax::TextRange;

/// Packages that reach HTTPS servers and only recommend the CA bundle they need for it,
/// or depend on one that does (`git-core` and `git-all` on git, libcurl's development
/// packages on the library, apt-transport-https on libcurl before apt 1.5, Debian's npm
/// on its nodejs): without recommends, none of them brings it.
const RECOMMEND_CA_BUNDLE: [&str; 13] = [
    "nodejs",
    "npm",
    "apt-transport-https",
    "curl",
    "wget",
    "git",
    "git-core",
    "git-all",
    "libcurl4",
    "libcurl3",
    "libcurl3-gnutls",
    "libcurl4-openssl-dev",
    "libcurl4-gnutls-dev",
];
const CA_BUNDLE: &str = "ca-certificates";

declare_rule! {
    /// ## What it does
    /// Checks for `apt-get install` without `--no-install-recommends`.
    ///
    /// ## Why is this bad?
    /// apt installs every package's "recommended" packages by default: documentation,
    /// optional tools and their libraries, often tens of megabytes the image never uses.
    ///
    /// The rule stays quiet when recommends are turned off another way: with
    /// `-o APT::Install-Recommends=false`, by an earlier `RUN` of the stage writing
    /// `APT::Install-Recommends "false"` (or `0`) into apt's configuration under
    /// `/etc/apt/` (with a redirection, `tee` or a heredoc; not `echo ...; >> file`, whose
    /// `;` ends the `echo` first), or in options kept in a variable (`apt-get $APT_OPTIONS
    /// install curl`).
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:trixie-slim
    /// RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:trixie-slim
    /// RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates curl && rm -rf /var/lib/apt/lists/*
    /// ```
    ///
    /// ## Fix safety
    /// Unsafe: a package may need something it only recommends (a locale, an optional
    /// tool), and the build or the program can fail without it. The one such need every
    /// HTTPS client has is kept: curl, wget, git, libcurl and Debian's nodejs only recommend
    /// `ca-certificates` (and git-core, libcurl's headers, apt-transport-https and npm depend
    /// on one of them), so when the install names one of them and neither the base image
    /// nor an earlier install of the stage provides the CA bundle, the fix adds
    /// `ca-certificates` to the packages.
    /// So for needs a later command of the stage shows: `openssh-client` with git when it
    /// clones over SSH (`git@host:`, `ssh://`) or reaches remotes not named here (`git
    /// submodule update`, `fetch`, `pull`, a clone of `$REPO`), `build-essential`,
    /// `python3-dev` and `python3-setuptools` with python3-pip (or python-pip) when pip
    /// installs anything but its own tools and wheel files, or `setup.py` runs: whether a
    /// package (or a dependency) has a wheel for the image's Python is not known here, and
    /// without one pip builds it from source with them (older releases' pip with the
    /// system's setuptools);
    /// `gcc` and `make` with cmake. gcc only recommends the C library's headers
    /// (`libc6-dev`), without which it compiles no program: they are kept with gcc unless
    /// the install names them or `g++` or `build-essential` (which depend on them), or the
    /// base image has them. Likewise `automake` with autoconf when `autoreconf` (or a
    /// project's `autogen.sh` or `bootstrap`) runs, `xauth` with xvfb always (its
    /// `xvfb-run` needs it, and is mostly run by scripts this file does not show),
    /// `dirmngr` with gnupg for keyserver fetches, `ssl-cert` with apache2 when its
    /// `default-ssl` site (the snakeoil certificate) is enabled, `gcc` and `libc6-dev` with
    /// Debian's Go when `go build` runs with cgo on, `r-base-dev` with r-base when R
    /// packages are installed (CRAN's build from source), `gnupg` and `dirmngr` with
    /// software-properties-common for `add-apt-repository` (which imports the repository's
    /// key with them), `netbase` with perl for `cpan`, and
    /// `openssh-client` with git when the stage puts SSH host keys or settings into the
    /// image (`known_hosts`, `/etc/ssh`, `GIT_SSH`). Packages named by a variable
    /// (`$PACKAGES`) get no fix: what they need of their recommends is not seen. Nor do
    /// packages whose recommends are part of what they do when the image runs
    /// (LibreOffice's and Chromium's fonts, ImageMagick's Ghostscript, TeX Live): the
    /// finding is advice there.
    ///
    /// ## References
    /// - [hadolint DL3015](https://github.com/hadolint/hadolint/wiki/DL3015)
    /// - [Docker best practices: apt-get](https://docs.docker.com/build/building/best-practices/#apt-get)
    pub(crate) static RULE = {
        code: "DL3015",
        name: "apt-install-recommends",
        category: Size,
        severity: Info,
        default_enabled: true,
        buildkit: None,
        fix: Always,
        programs: ["apt-get"],
        check: check,
    }
}

fn check(checker: &Checker) {
    let mut ca_installs: Option<Marked> = None;
    let mut needs: Option<StageNeeds> = None;
    let mut configured_off = false;
    for (index, inst) in checker.instructions().iter().enumerate() {
        if inst.kind == InstructionKind::From {
            configured_off = false;
        }
        let Some(script) = checker.script(index) else {
            continue;
        };
        if checker.text(inst.range).contains("APT::Install-Recommends") {
            configured_off |= written_setting(
                checker,
                inst,
                script,
                "APT::Install-Recommends",
                &["/etc/apt/"],
            )
            .is_some_and(|value| is_false(&value));
        }
        if configured_off || !checker.runs_rule_programs(index) {
            continue;
        }
        for command in &script.commands {
            let Some(args) = runs(command, &["apt-get"], &["install"], &APT_VALUE_OPTIONS) else {
                continue;
            };
            if apt_recommends_off(args) {
                continue;
            }
            let install = args
                .iter()
                .find(|w| w.value == "install")
                .map(|w| w.range.end);
            let packages = package_words(args);
            // Packages named by a variable: what they need of their recommends is not seen.
            let install = install.filter(|_| !packages.iter().any(|w| w.dynamic));
            let runtime = packages
                .iter()
                .find(|w| RUNTIME_RECOMMENDS_PACKAGES.contains(&w.value));
            let fix = install.map(|at| {
                if let Some(package) = runtime {
                    return Fix::display_only(format!(
                        "Add `--no-install-recommends` and name the recommended packages `{}` needs when it runs (its fonts, helpers)",
                        os_package_name(&package.value)
                    ));
                }
                let mut kept: Vec<&str> = Vec::new();
                if needs_ca_bundle(checker, index, &packages, &mut ca_installs) {
                    kept.push(CA_BUNDLE);
                }
                kept.extend(needed_recommends(
                    checker,
                    index,
                    command.range.end,
                    &packages,
                    &mut needs,
                ));
                if needs_libc_dev(checker, index, &packages, &kept) {
                    kept.push(LIBC_DEV);
                }
                if kept.is_empty() {
                    return Fix::unsafe_(
                        "Add `--no-install-recommends`",
                        vec![Edit::insert(at, " --no-install-recommends")],
                    );
                }
                let before = packages.first().map_or(at, |w| w.range.start);
                let list = kept
                    .iter()
                    .map(|p| format!("`{p}`"))
                    .collect::<Vec<_>>()
                    .join(", ");
                Fix::unsafe_(
                    format!("Add `--no-install-recommends`, keeping {list}"),
                    vec![
                        Edit::insert(at, " --no-install-recommends"),
                        Edit::insert(before, format!("{} ", kept.join(" "))),
                    ],
                )
            });
            checker
                .report(
                    command.range,
                    "`apt-get install` without `--no-install-recommends`",
                )
                .fix_opt(fix);
        }
    }
}

/// What a package only recommends that a later command of the stage needs, and how to tell
/// that it does: the recommended packages are kept by name when the fix turns
/// recommendations off.
struct NeededRecommend {
    /// The packages (any one of them) that recommend it.
    packages: &'static [&'static str],
    recommends: &'static [&'static str],
    needed_by: fn(&Command) -> bool,
    /// Text that, anywhere in the stage after the install, says the image uses the
    /// recommended package when it runs, where no build command does.
    used_when_written: &'static [&'static str],
}

/// autoconf recommends `automake`, which `autoreconf` (and the `autogen.sh` or `bootstrap`
/// scripts of autotools projects, which run it) needs; gnupg recommends `dirmngr` on older
/// releases (Debian stretch), which fetches keys from a keyserver (`gpg --recv-keys`,
/// `apt-key adv --keyserver`); perl recommends `netbase`, whose `/etc/protocols` the
/// sockets of `cpan` and `cpanm` look `tcp` up in ("Bad protocol 'tcp'" without it);
/// git recommends `ssh-client` (`openssh-client`), which `git clone git@host:repo` and
/// `ssh://` remotes run; python3-pip recommends `build-essential` and `python3-dev` (and,
/// on older releases, setuptools), which `pip install` builds a package without a wheel
/// for the image's Python with; cmake recommends `gcc`
/// and `make`, which its default generator (Unix Makefiles) needs to configure and which
/// `cmake --build` runs without naming it.
const NEEDED_RECOMMENDS: [NeededRecommend; 12] = [
    NeededRecommend {
        packages: &["perl"],
        recommends: &["netbase"],
        needed_by: |c| matches!(invocation(c), Some(("cpan" | "cpanm" | "cpanp", _))),
        used_when_written: &[],
    },
    NeededRecommend {
        packages: &["autoconf"],
        recommends: &["automake"],
        needed_by: runs_autoreconf,
        used_when_written: &[],
    },
    NeededRecommend {
        packages: &["gnupg", "gnupg2"],
        recommends: &["dirmngr"],
        needed_by: fetches_keys,
        used_when_written: &[],
    },
    // apache2 recommends ssl-cert, whose snakeoil certificate the `default-ssl` site
    // names: with the site enabled and no ssl-cert, Apache does not start.
    NeededRecommend {
        packages: &["apache2"],
        recommends: &["ssl-cert"],
        needed_by: |c| {
            matches!(invocation(c), Some(("a2ensite", args))
                if args.iter().any(|w| w.value.trim_end_matches(".conf") == "default-ssl"))
        },
        used_when_written: &["ssl-cert-snakeoil"],
    },
    // Debian's Go recommends gcc and the C headers, which cgo calls for any program that
    // imports `net` or `os/user` unless CGO_ENABLED=0 (Go before 1.20, which Debian 12,
    // Ubuntu 22.04 and older ship, does not turn cgo off by itself when gcc is missing).
    NeededRecommend {
        packages: &["golang", "golang-go"],
        recommends: &["gcc", "libc6-dev"],
        needed_by: go_builds_with_cgo,
        used_when_written: &[],
    },
    // R packages from CRAN build from source with what r-base-dev brings (the compilers,
    // R's headers); r-base-core alone also only recommends the recommended packages
    // (MASS, Matrix, lattice...), which `r-base` depends on.
    NeededRecommend {
        packages: &["r-base", "r-base-core"],
        recommends: &["r-base-dev"],
        needed_by: installs_r_packages,
        used_when_written: &[],
    },
    NeededRecommend {
        packages: &["r-base-core"],
        recommends: &["r-recommended"],
        needed_by: |c| matches!(invocation(c), Some(("R" | "Rscript" | "r", _))),
        used_when_written: &[],
    },
    NeededRecommend {
        packages: &["software-properties-common", "python-software-properties"],
        recommends: &["gnupg", "dirmngr"],
        needed_by: adds_apt_repository,
        used_when_written: &[],
    },
    NeededRecommend {
        packages: &["git", "git-core", "git-all"],
        recommends: &["openssh-client"],
        needed_by: |c| match invocation(c) {
            Some(("ssh" | "scp", _)) => true,
            _ => git_may_use_ssh(c),
        },
        // SSH's host keys or client settings put in the image, or git told how to run
        // ssh: the image's git reaches its remotes over SSH when it runs (Argo CD's
        // `COPY ssh_known_hosts /etc/ssh/ssh_known_hosts`).
        used_when_written: &[
            "known_hosts",
            "/etc/ssh",
            "/.ssh",
            "GIT_SSH",
            "ssh-keyscan",
            "ssh://",
        ],
    },
    NeededRecommend {
        packages: &["cmake"],
        recommends: &["gcc", "make"],
        needed_by: |c| match invocation(c) {
            // Another generator (`-G Ninja`), or no build (`--version`, `-E copy`, `-P`).
            Some(("cmake", args)) => !args.iter().any(|w| {
                let v = w.value.as_str();
                v.starts_with("-G") || matches!(v, "--version" | "-E" | "-P" | "--help")
            }),
            _ => false,
        },
        used_when_written: &[],
    },
    // pip builds what it installs from source with what it only recommends: the compilers
    // and Python's headers, and, on older releases, setuptools (their pip builds every
    // source distribution with it).
    NeededRecommend {
        packages: &["python3-pip"],
        recommends: &["build-essential", "python3-dev", "python3-setuptools"],
        needed_by: pip_may_build_from_source,
        used_when_written: &[],
    },
    NeededRecommend {
        packages: &["python-pip"],
        recommends: &["build-essential", "python-dev", "python-setuptools"],
        needed_by: pip_may_build_from_source,
        used_when_written: &[],
    },
];

/// `autoreconf`, `aclocal` or `automake`, or a project's `autogen.sh` or `bootstrap`
/// script, which run them.
fn runs_autoreconf(c: &Command) -> bool {
    match invocation(c) {
        Some(("autoreconf" | "aclocal" | "automake", _)) => true,
        Some((program, args)) => {
            let script = match program {
                "sh" | "bash" => args.first().map_or("", |w| basename(&w.value)),
                _ => program,
            };
            matches!(
                script,
                "autogen.sh" | "bootstrap" | "bootstrap.sh" | "autogen"
            )
        }
        None => false,
    }
}

/// `go build`, `go install`, `go get`, `go test` or `go run` without `CGO_ENABLED=0` on
/// the command.
fn go_builds_with_cgo(c: &Command) -> bool {
    let cgo_off = c
        .assignments
        .iter()
        .any(|a| a.name == "CGO_ENABLED" && a.value.value == "0");
    !cgo_off
        && matches!(invocation(c), Some(("go", [verb, ..]))
            if matches!(verb.value.as_str(), "build" | "install" | "get" | "test" | "run"))
}

/// R packages installed from source: `install.packages(...)` (or `remotes::`,
/// `devtools::`, `BiocManager::` installs) run by `R -e`/`Rscript -e`, `R CMD INSTALL`, or
/// littler's `install2.r`/`installGithub.r`.
fn installs_r_packages(c: &Command) -> bool {
    match invocation(c) {
        Some(("install2.r" | "installGithub.r" | "installBioc.r", _)) => true,
        Some(("R" | "Rscript" | "r", args)) => {
            matches!(args, [cmd, verb, ..] if cmd.value == "CMD" && verb.value == "INSTALL")
                || args.iter().any(|w| w.value.contains("install"))
        }
        _ => false,
    }
}

/// `add-apt-repository`, which imports the repository's signing key with gpg (fetched by
/// dirmngr from the keyserver on older releases): apt only recommends gnupg since 1.6
/// (Ubuntu 18.04), and gnupg only recommends dirmngr, so neither comes without recommends
/// ("gpg: failed to start the dirmngr").
fn adds_apt_repository(c: &Command) -> bool {
    matches!(invocation(c), Some(("add-apt-repository", _)))
}

/// A key fetched from a keyserver by `gpg` or `apt-key adv`: dirmngr does the fetching.
fn fetches_keys(c: &Command) -> bool {
    match invocation(c) {
        Some(("gpg" | "gpg2" | "apt-key", args)) => args.iter().any(|w| {
            let v = w.value.as_str();
            matches!(
                v,
                "--recv-keys" | "--recv-key" | "--keyserver" | "--search-keys" | "--refresh-keys"
            ) || v.starts_with("--keyserver=")
                || v.starts_with("--recv-keys=")
        }),
        _ => false,
    }
}

/// `setup.py`, or a `pip install` of anything but pip's own tools and wheel files: what it
/// installs, or one of their dependencies, may have no wheel for the image's Python, and
/// pip then builds it from source, with a compiler and Python's headers for native code and
/// (a pip older than 23.1) the system's setuptools. Which packages have wheels is not known
/// here, so any install by name, from a requirements file or of a local project counts.
fn pip_may_build_from_source(c: &Command) -> bool {
    runs_setup_py(c)
        || pip_command(c).is_some_and(|(sub, args)| {
            let Some(at) = args.iter().position(|w| std::ptr::eq(w, sub)) else {
                return false;
            };
            let requirements = |v: &str| {
                matches!(v, "-r" | "--requirement")
                    || v.starts_with("--requirement=")
                    || (v.starts_with("-r") && !v.starts_with("--"))
            };
            sub.value == "install"
                && (args.iter().any(|w| requirements(&w.value))
                    || operands(args, at, &PIP_INSTALL_PATH_OPTIONS).any(|w| {
                        let v = w.value.as_str();
                        w.dynamic
                            || !(v.ends_with(".whl")
                                || python_project_name(v).is_some_and(|n| {
                                    matches!(n.as_str(), "pip" | "setuptools" | "wheel")
                                }))
                    }))
        })
}

/// `python setup.py ...` (any Python) or `easy_install`.
fn runs_setup_py(c: &Command) -> bool {
    match invocation(c) {
        Some(("easy_install" | "easy_install3", _)) => true,
        Some((program, args)) if is_python(program) => args
            .first()
            .is_some_and(|w| w.value.rsplit('/').next() == Some("setup.py")),
        _ => false,
    }
}

/// gcc only recommends the C library's headers and start files, without which it compiles
/// no program that includes `<stdio.h>` or links with libc: a gcc is installed to compile,
/// so they are kept, unless the install names them or a package that depends on them, or
/// the base image has them.
const LIBC_DEV: &str = "libc6-dev";
/// What `build-essential` depends on: named with it, they need not be kept.
const BUILD_ESSENTIAL: [&str; 5] = ["gcc", "g++", "make", "libc6-dev", "dpkg-dev"];
const BRINGS_LIBC_DEV: [&str; 4] = ["libc6-dev", "libc-dev", "build-essential", "g++"];

fn needs_libc_dev(checker: &Checker, index: usize, packages: &[&Word], kept: &[&str]) -> bool {
    let names = || {
        packages
            .iter()
            .map(|w| os_package_name(&w.value))
            .chain(kept.iter().copied())
    };
    let gcc = |p: &str| {
        p == "gcc"
            || p.strip_prefix("gcc-")
                .is_some_and(|v| v.bytes().all(|b| b.is_ascii_digit()))
    };
    let brings = |p: &str| {
        BRINGS_LIBC_DEV.contains(&p)
            || p.strip_prefix("g++-")
                .is_some_and(|v| v.bytes().all(|b| b.is_ascii_digit()))
    };
    names().any(gcc)
        && !names().any(brings)
        && !known_base(checker, index)
            .is_some_and(|b| BRINGS_LIBC_DEV.iter().any(|p| b.has_package(p)))
}

/// Recommends a package's own programs need, wherever they are run: xvfb's `xvfb-run`
/// stops without `xauth` ("xauth command not found"), and images with xvfb run it from
/// scripts this file does not show (an entrypoint, a test runner).
const ALWAYS_NEEDED: [(&str, &str); 1] = [("xvfb", "xauth")];

/// The recommended packages that the install's packages bring and that a later command of
/// the stage (after `after` in this `RUN`, or in a later `RUN`) needs, unless named already,
/// and those of [`ALWAYS_NEEDED`].
fn needed_recommends(
    checker: &Checker,
    index: usize,
    after: u32,
    packages: &[&Word],
    needs: &mut Option<StageNeeds>,
) -> Vec<&'static str> {
    let names: Vec<&str> = packages.iter().map(|w| os_package_name(&w.value)).collect();
    let essential = names.contains(&"build-essential");
    let named = |p: &str| names.contains(&p) || (essential && BUILD_ESSENTIAL.contains(&p));
    let always = ALWAYS_NEEDED
        .iter()
        .filter(|(package, recommend)| named(package) && !named(recommend))
        .map(|&(_, recommend)| recommend);
    let mut kept: Vec<&'static str> = always.collect();
    let wanted: Vec<(usize, &NeededRecommend)> = (NEEDED_RECOMMENDS.iter().enumerate())
        .filter(|(_, n)| {
            n.packages.iter().any(|p| named(p)) && !n.recommends.iter().all(|r| named(r))
        })
        .collect();
    if wanted.is_empty() {
        return kept;
    }
    let Some(stage) = checker.stage_of(index) else {
        return kept;
    };
    let needs = match needs {
        Some(n) if n.stage == stage.index => n,
        _ => needs.insert(StageNeeds::of(checker, stage)),
    };
    let mut keep = |n: &NeededRecommend| {
        for r in n.recommends {
            if !named(r) && !kept.contains(r) {
                kept.push(r);
            }
        }
    };
    // In the order the later commands need them, then what the text after the install
    // says the image uses.
    let mut by_command: Vec<(u32, usize)> = (wanted.iter())
        .filter_map(|&(at, _)| {
            needs
                .first_command_from(checker, at, after)
                .map(|pos| (pos, at))
        })
        .collect();
    by_command.sort_unstable();
    for &(_, at) in &by_command {
        keep(&NEEDED_RECOMMENDS[at]);
    }
    for &(at, n) in &wanted {
        if needs.last_written(checker, at).is_some_and(|l| l >= after) {
            keep(n);
        }
    }
    kept
}

/// For each of [`NEEDED_RECOMMENDS`], where in one stage the commands that need it start,
/// and where the last text that says the image uses it is: worked out once per stage (for
/// the entries an install asks about), so that each install asks with a binary search
/// (walking the rest of the stage for each install cost a file of thousands their square).
struct StageNeeds {
    stage: u32,
    /// The instructions of the stage.
    instructions: std::ops::Range<usize>,
    /// The stage's text, up to the end of its last instruction.
    text: TextRange,
    /// Source offsets, in order.
    commands: [OnceCell<Vec<u32>>; NEEDED_RECOMMENDS.len()],
    last_written: [OnceCell<Option<u32>>; NEEDED_RECOMMENDS.len()],
}

impl StageNeeds {
    fn of(checker: &Checker, stage: &Stage) -> StageNeeds {
        let instructions = stage.instruction_range();
        let text = match (instructions.clone().next(), instructions.clone().last()) {
            (Some(first), Some(last)) => TextRange::new(
                checker.instructions()[first].range.start,
                checker.instructions()[last].range.end,
            ),
            _ => TextRange::new(0, 0),
        };
        StageNeeds {
            stage: stage.index,
            instructions,
            text,
            commands: Default::default(),
            last_written: Default::default(),
        }
    }

    fn commands(&self, checker: &Checker, at: usize) -> &[u32] {
        self.commands[at].get_or_init(|| {
            (self.instructions.clone())
                .filter_map(|i| checker.script(i))
                .flat_map(|s| s.commands.iter())
                .filter(|c| (NEEDED_RECOMMENDS[at].needed_by)(c))
                .map(|c| c.range.start)
                .collect()
        })
    }

    fn last_written(&self, checker: &Checker, at: usize) -> Option<u32> {
        *self.last_written[at].get_or_init(|| {
            let text = checker.text(self.text);
            (NEEDED_RECOMMENDS[at].used_when_written.iter())
                // The forward search is the fast one.
                .filter_map(|m| text.match_indices(m).last().map(|(at, _)| at))
                .max()
                .map(|found| self.text.start + found as u32)
        })
    }

    /// Where the first command at or after `from` that needs recommendation `at` starts.
    fn first_command_from(&self, checker: &Checker, at: usize, from: u32) -> Option<u32> {
        let starts = self.commands(checker, at);
        starts.get(starts.partition_point(|&s| s < from)).copied()
    }
}

/// Whether the install names an HTTPS client that only recommends the CA bundle, and the
/// CA bundle is neither named, nor in the stage's known base image, nor installed by an
/// earlier instruction of the stage.
fn needs_ca_bundle(
    checker: &Checker,
    index: usize,
    packages: &[&Word],
    ca_installs: &mut Option<Marked>,
) -> bool {
    let names = || packages.iter().map(|w| os_package_name(&w.value));
    let wanted = names().any(|p| RECOMMEND_CA_BUNDLE.contains(&p));
    if !wanted || names().any(|p| p == CA_BUNDLE) {
        return false;
    }
    if known_base(checker, index).is_some_and(|b| b.has_package(CA_BUNDLE)) {
        return false;
    }
    let installs = ca_installs.get_or_insert_with(|| ca_bundle_installs(checker));
    !installs.before(checker, index)
}

/// The `RUN`s that install the CA bundle with apt, in order: found once, as each HTTPS
/// client installed without it asks whether an earlier instruction did. An install of an
/// HTTPS client with its recommends counts too: they bring the bundle, and where this
/// rule's fix drops them it names the bundle instead.
fn ca_bundle_installs(checker: &Checker) -> Marked {
    let found = (0..checker.instructions().len())
        .filter(|&i| {
            checker.script(i).is_some_and(|s| {
                s.commands.iter().any(|c| {
                    runs(c, &["apt-get", "apt"], &["install"], &APT_VALUE_OPTIONS).is_some_and(
                        |args| {
                            let packages = package_words(args);
                            packages.iter().any(|w| w.value == CA_BUNDLE)
                                || (!apt_recommends_off(args)
                                    && packages.iter().any(|w| {
                                        RECOMMEND_CA_BUNDLE.contains(&os_package_name(&w.value))
                                    }))
                        },
                    )
                })
            })
        })
        .collect();
    Marked::new(checker, found)
}

/// The package names of an `apt-get install`: the words after `install` that are neither
/// options nor an option's value.
fn package_words(args: &[Word]) -> Vec<&Word> {
    let mut out = Vec::new();
    let mut after_install = false;
    let mut takes_value = false;
    for w in args {
        if std::mem::take(&mut takes_value) {
            continue;
        }
        if w.value.starts_with('-') {
            takes_value = APT_VALUE_OPTIONS.contains(&w.value.as_str());
        } else if after_install {
            out.push(w);
        } else {
            after_install = w.value == "install";
        }
    }
    out
}
