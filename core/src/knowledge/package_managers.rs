//! Package managers: install/update verbs, non-interactive and no-cache flags and their
//! config/env equivalents, cache locations, clean commands, and BuildKit cache-mount targets that
//! make cleaning unnecessary.
//!
//! Each row names the documentation it was checked against (`source`) and the date of that check
//! (`checked`, 2026-11-28). Where a finer fact has its own page (a cache mount, a setting), it
//! carries its own `source`. The BuildKit cache-mount targets come from Docker's "Optimize cache
//! usage in builds" page (docker/docs `content/manuals/build/cache/optimize.md` @0082ac81), unless
//! stated otherwise.

use serde::Serialize;

/// Identifies a package manager.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum PackageManagerId {
    AptGet,
    Apt,
    Apk,
    Yum,
    Dnf,
    Microdnf,
    Zypper,
    Pip,
    Uv,
    Poetry,
    Npm,
    YarnClassic,
    YarnBerry,
    Pnpm,
    Gem,
    Bundler,
    Composer,
    Go,
    Cargo,
    Conda,
    Mamba,
    Maven,
    Gradle,
    Dotnet,
}

/// System (OS packages) or language (project dependencies).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Scope {
    System,
    Language,
}

/// How a setting is expressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum SettingKind {
    /// An environment variable (`ENV`/`ARG` in a Dockerfile).
    Env,
    /// A line in a config file (`file` says which).
    ConfigFile,
    /// A command-line option equivalent to a config key.
    Option,
}

/// A config/env equivalent of a flag, e.g. `PIP_NO_CACHE_DIR=1` for `--no-cache-dir`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct Setting {
    pub kind: SettingKind,
    /// The text as written: `PIP_NO_CACHE_DIR=1`, `APT::Install-Recommends "false";`.
    pub text: &'static str,
    /// For config files: the path it goes in.
    pub file: Option<&'static str>,
    /// What it is equivalent to / does.
    pub effect: &'static str,
    pub source: &'static str,
}

/// A BuildKit `RUN --mount=type=cache,target=...` that keeps the cache out of the layer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct CacheMount {
    pub target: &'static str,
    /// `sharing=locked` where the tool needs exclusive access (apt).
    pub sharing: Option<&'static str>,
    /// Prerequisites and caveats.
    pub note: &'static str,
    pub source: &'static str,
}

/// A flag the current tool deprecates or rejects, and its current spelling.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct FlagChange {
    pub old: &'static str,
    pub new: &'static str,
    pub note: &'static str,
    pub source: &'static str,
}

/// Everything the rules need to know about one package manager.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct PackageManager {
    pub id: PackageManagerId,
    pub name: &'static str,
    /// Program names (basename); `pip` also matches `pip3`, `pip3.12` and `python -m pip`.
    pub programs: &'static [&'static str],
    pub scope: Scope,
    /// Subcommands that install packages (may be several words: `mod download`).
    pub install_verbs: &'static [&'static str],
    /// Subcommands that refresh the package index (`apt-get update`).
    pub update_verbs: &'static [&'static str],
    pub remove_verbs: &'static [&'static str],
    /// Whether the install verb asks for confirmation unless told not to.
    pub prompts_by_default: bool,
    /// Flags that answer prompts / disable interaction (any one suffices).
    pub non_interactive_flags: &'static [&'static str],
    /// Flags that keep the download cache out of the image.
    pub no_cache_flags: &'static [&'static str],
    /// Flags that skip recommended / weak dependencies.
    pub no_recommends_flags: &'static [&'static str],
    /// Flags that skip development dependencies.
    pub production_flags: &'static [&'static str],
    /// Env / config equivalents of the flags above.
    pub settings: &'static [Setting],
    /// Where the tool keeps caches and indexes, as root in the official images.
    pub cache_dirs: &'static [&'static str],
    /// Commands that remove those caches (any one suffices), in the same RUN as the install.
    pub clean_commands: &'static [&'static str],
    /// Cache mounts that make cleaning unnecessary.
    pub cache_mounts: &'static [CacheMount],
    pub deprecated_flags: &'static [FlagChange],
    /// hadolint rules about this tool (for cross-reference).
    pub hadolint_rules: &'static [&'static str],
    pub note: &'static str,
    pub source: &'static str,
    pub checked: &'static str,
}

impl PackageManager {
    /// Whether any of `args` is one of `flags` (`--flag` and `--flag=value` both count; short
    /// flags also count inside a cluster such as `-yq`).
    pub(crate) fn has_any_flag(args: &[&str], flags: &[&str]) -> bool {
        args.iter().any(|a| {
            flags.iter().any(|f| {
                *a == *f
                    || (f.starts_with("--")
                        && a.strip_prefix(f).is_some_and(|rest| rest.starts_with('=')))
                    || (f.len() == 2
                        && f.starts_with('-')
                        && !f.starts_with("--")
                        && a.starts_with('-')
                        && !a.starts_with("--")
                        && a[1..].contains(&f[1..]))
            })
        })
    }
}

const CHECKED: &str = "2026-11-28";
const DOCKER_CACHE: &str = "https://docs.docker.com/build/cache/optimize/#use-cache-mounts (docker/docs content/manuals/build/cache/optimize.md @0082ac8198245e827d98ee91ae9222f8ea13a324)";
const DOCKER_APT_CACHE: &str =
    "https://docs.docker.com/reference/dockerfile/#example-cache-apt-packages";
const APT_GET_MAN: &str = "apt-get(8): https://manpages.debian.org/trixie/apt/apt-get.8.en.html";
const APT_CONF_MAN: &str = "apt.conf(5): https://manpages.debian.org/trixie/apt/apt.conf.5.en.html";

const APT_SETTINGS: &[Setting] = &[
    Setting {
        kind: SettingKind::ConfigFile,
        text: "APT::Install-Recommends \"false\";",
        file: Some("/etc/apt/apt.conf.d/"),
        effect: "same as --no-install-recommends for every install",
        source: APT_CONF_MAN,
    },
    Setting {
        kind: SettingKind::Option,
        text: "-o APT::Install-Recommends=false",
        file: None,
        effect: "same as --no-install-recommends",
        source: APT_GET_MAN,
    },
    Setting {
        kind: SettingKind::Env,
        text: "DEBIAN_FRONTEND=noninteractive",
        file: None,
        effect: "debconf asks no questions (package configuration prompts); set it per RUN or as ARG, not ENV, so it does not leak into the image",
        source: "debconf(7): https://manpages.debian.org/trixie/debconf-doc/debconf.7.en.html",
    },
    Setting {
        kind: SettingKind::ConfigFile,
        text: "APT::Get::Assume-Yes \"true\";",
        file: Some("/etc/apt/apt.conf.d/"),
        effect: "same as -y",
        source: APT_GET_MAN,
    },
];

const APT_CACHE_MOUNTS: &[CacheMount] = &[
    CacheMount {
        target: "/var/cache/apt",
        sharing: Some("locked"),
        note: "Debian/Ubuntu images delete downloaded .debs via /etc/apt/apt.conf.d/docker-clean: remove it and set Binary::apt::APT::Keep-Downloaded-Packages \"true\"; for the mount to fill.",
        source: DOCKER_APT_CACHE,
    },
    CacheMount {
        target: "/var/lib/apt",
        sharing: Some("locked"),
        note: "Holds the package lists: with this mount `rm -rf /var/lib/apt/lists/*` is not needed.",
        source: DOCKER_APT_CACHE,
    },
];

/// All package managers.
pub(crate) static PACKAGE_MANAGERS: &[PackageManager] = &[
    PackageManager {
        id: PackageManagerId::AptGet,
        name: "apt-get",
        programs: &["apt-get"],
        scope: Scope::System,
        install_verbs: &["install"],
        update_verbs: &["update"],
        remove_verbs: &["remove", "purge", "autoremove"],
        prompts_by_default: true,
        // "quiet level 2 implies -y" (apt-get(8)).
        non_interactive_flags: &["-y", "--yes", "--assume-yes", "-qq"],
        no_cache_flags: &[],
        no_recommends_flags: &["--no-install-recommends"],
        production_flags: &[],
        settings: APT_SETTINGS,
        cache_dirs: &["/var/lib/apt/lists", "/var/cache/apt/archives"],
        clean_commands: &["rm -rf /var/lib/apt/lists/*", "apt-get clean", "apt-get dist-clean"],
        cache_mounts: APT_CACHE_MOUNTS,
        deprecated_flags: &[],
        hadolint_rules: &["DL3008", "DL3009", "DL3014", "DL3015"],
        note: "Run `apt-get update` and `install` in one RUN, end with `rm -rf /var/lib/apt/lists/*`. Official Debian/Ubuntu images run `apt-get clean` automatically, so the lists are what stays. `apt-get dist-clean` (apt 2.7+) removes both.",
        source: concat!(
            "https://docs.docker.com/build/building/best-practices/#apt-get; ",
            "apt-get(8): https://manpages.debian.org/trixie/apt/apt-get.8.en.html"
        ),
        checked: CHECKED,
    },
    PackageManager {
        id: PackageManagerId::Apt,
        name: "apt",
        programs: &["apt"],
        scope: Scope::System,
        install_verbs: &["install"],
        update_verbs: &["update"],
        remove_verbs: &["remove", "purge", "autoremove"],
        prompts_by_default: true,
        non_interactive_flags: &["-y", "--yes", "--assume-yes"],
        no_cache_flags: &[],
        no_recommends_flags: &["--no-install-recommends"],
        production_flags: &[],
        settings: APT_SETTINGS,
        cache_dirs: &["/var/lib/apt/lists", "/var/cache/apt/archives"],
        clean_commands: &["rm -rf /var/lib/apt/lists/*", "apt clean", "apt-get clean"],
        cache_mounts: APT_CACHE_MOUNTS,
        deprecated_flags: &[],
        hadolint_rules: &["DL3027"],
        note: "`apt` is for interactive use and its CLI is not stable for scripts (\"WARNING: apt does not have a stable CLI interface\"): use apt-get.",
        source: "apt(8): https://manpages.debian.org/trixie/apt/apt.8.en.html",
        checked: CHECKED,
    },
    PackageManager {
        id: PackageManagerId::Apk,
        name: "apk",
        programs: &["apk"],
        scope: Scope::System,
        install_verbs: &["add"],
        update_verbs: &["update"],
        remove_verbs: &["del"],
        prompts_by_default: false,
        non_interactive_flags: &[],
        // `--no-cache` fetches the index on the fly and keeps nothing; `--update`/`-U` is then redundant.
        no_cache_flags: &["--no-cache"],
        no_recommends_flags: &[],
        production_flags: &[],
        settings: &[],
        cache_dirs: &["/var/cache/apk"],
        clean_commands: &["rm -rf /var/cache/apk/*", "apk cache clean"],
        cache_mounts: &[CacheMount {
            target: "/etc/apk/cache",
            sharing: Some("locked"),
            note: "apk keeps a package cache only when /etc/apk/cache exists; with this mount drop --no-cache.",
            source: "https://wiki.alpinelinux.org/wiki/Local_APK_cache",
        }],
        deprecated_flags: &[],
        hadolint_rules: &["DL3018", "DL3019"],
        note: "Build-only packages: `apk add --no-cache --virtual .build-deps gcc musl-dev && ... && apk del .build-deps` in one RUN.",
        source: concat!(
            "https://wiki.alpinelinux.org/wiki/Alpine_Package_Keeper; ",
            "https://github.com/hadolint/hadolint/wiki/DL3019"
        ),
        checked: CHECKED,
    },
    PackageManager {
        id: PackageManagerId::Yum,
        name: "yum",
        programs: &["yum"],
        scope: Scope::System,
        install_verbs: &["install", "groupinstall", "localinstall", "group install"],
        update_verbs: &["makecache"],
        remove_verbs: &["remove", "erase"],
        prompts_by_default: true,
        non_interactive_flags: &["-y", "--assumeyes"],
        no_cache_flags: &[],
        no_recommends_flags: &[],
        production_flags: &[],
        settings: &[Setting {
            kind: SettingKind::Option,
            text: "--setopt=tsflags=nodocs",
            file: None,
            effect: "skip documentation files",
            source: "yum.conf(5): https://man7.org/linux/man-pages/man5/yum.conf.5.html",
        }],
        cache_dirs: &["/var/cache/yum"],
        clean_commands: &["yum clean all", "rm -rf /var/cache/yum"],
        cache_mounts: &[CacheMount {
            target: "/var/cache/yum",
            sharing: Some("locked"),
            note: "Needs keepcache=1 (`--setopt=keepcache=1`) to keep packages.",
            source: "yum.conf(5): https://man7.org/linux/man-pages/man5/yum.conf.5.html",
        }],
        deprecated_flags: &[],
        hadolint_rules: &["DL3030", "DL3032", "DL3033"],
        note: "On current RHEL-family images `yum` is an alias of dnf.",
        source: "yum(8): https://man7.org/linux/man-pages/man8/yum.8.html",
        checked: CHECKED,
    },
    PackageManager {
        id: PackageManagerId::Dnf,
        name: "dnf",
        programs: &["dnf", "dnf5"],
        scope: Scope::System,
        install_verbs: &["install", "groupinstall", "group install"],
        update_verbs: &["makecache"],
        remove_verbs: &["remove", "erase", "autoremove"],
        prompts_by_default: true,
        non_interactive_flags: &["-y", "--assumeyes"],
        no_cache_flags: &[],
        no_recommends_flags: &["--setopt=install_weak_deps=False", "--setopt=install_weak_deps=0"],
        production_flags: &[],
        settings: &[
            Setting {
                kind: SettingKind::ConfigFile,
                text: "install_weak_deps=False",
                file: Some("/etc/dnf/dnf.conf"),
                effect: "never install weak dependencies (Recommends)",
                source: "https://dnf.readthedocs.io/en/latest/conf_ref.html",
            },
            Setting {
                kind: SettingKind::Option,
                text: "--nodocs",
                file: None,
                effect: "skip documentation files",
                source: "https://dnf.readthedocs.io/en/latest/command_ref.html",
            },
        ],
        cache_dirs: &["/var/cache/dnf", "/var/cache/libdnf5"],
        clean_commands: &["dnf clean all", "rm -rf /var/cache/dnf", "rm -rf /var/cache/libdnf5"],
        cache_mounts: &[CacheMount {
            target: "/var/cache/dnf",
            sharing: Some("locked"),
            note: "Needs keepcache=True (`--setopt=keepcache=True`) to keep packages; dnf5 uses /var/cache/libdnf5.",
            source: "https://dnf.readthedocs.io/en/latest/conf_ref.html",
        }],
        deprecated_flags: &[],
        hadolint_rules: &["DL3038", "DL3040", "DL3041"],
        note: "",
        source: "https://dnf.readthedocs.io/en/latest/command_ref.html",
        checked: CHECKED,
    },
    PackageManager {
        id: PackageManagerId::Microdnf,
        name: "microdnf",
        programs: &["microdnf"],
        scope: Scope::System,
        install_verbs: &["install"],
        update_verbs: &["makecache"],
        remove_verbs: &["remove"],
        prompts_by_default: false,
        non_interactive_flags: &["-y", "--assumeyes"],
        no_cache_flags: &[],
        no_recommends_flags: &["--setopt=install_weak_deps=0", "--setopt=install_weak_deps=False"],
        production_flags: &[],
        settings: &[Setting {
            kind: SettingKind::Option,
            text: "--nodocs",
            file: None,
            effect: "skip documentation files",
            source: "https://github.com/rpm-software-management/microdnf",
        }],
        cache_dirs: &[],
        clean_commands: &["microdnf clean all"],
        cache_mounts: &[],
        deprecated_flags: &[],
        hadolint_rules: &[],
        note: "The package manager of UBI minimal images.",
        source: "https://github.com/rpm-software-management/microdnf; https://docs.redhat.com/en/documentation/red_hat_enterprise_linux/9/html/building_running_and_managing_containers/assembly_adding-software-to-a-ubi-container_building-running-and-managing-containers",
        checked: CHECKED,
    },
    PackageManager {
        id: PackageManagerId::Zypper,
        name: "zypper",
        programs: &["zypper"],
        scope: Scope::System,
        install_verbs: &["install", "in"],
        update_verbs: &["refresh", "ref"],
        remove_verbs: &["remove", "rm"],
        prompts_by_default: true,
        // `-n`/`--non-interactive` are global (before the command); `-y`/`--no-confirm` per install.
        non_interactive_flags: &["-n", "--non-interactive", "-y", "--no-confirm"],
        no_cache_flags: &[],
        no_recommends_flags: &["--no-recommends"],
        production_flags: &[],
        settings: &[Setting {
            kind: SettingKind::ConfigFile,
            text: "solver.onlyRequires = true",
            file: Some("/etc/zypp/zypp.conf"),
            effect: "same as --no-recommends for every install",
            source: "https://en.opensuse.org/SDB:Zypper_manual",
        }],
        cache_dirs: &["/var/cache/zypp"],
        clean_commands: &["zypper clean --all", "zypper clean -a", "zypper clean", "zypper cc"],
        cache_mounts: &[],
        deprecated_flags: &[],
        hadolint_rules: &["DL3034", "DL3036", "DL3037"],
        note: "",
        source: "https://en.opensuse.org/SDB:Zypper_manual",
        checked: CHECKED,
    },
    PackageManager {
        id: PackageManagerId::Pip,
        name: "pip",
        programs: &["pip", "pip3"],
        scope: Scope::Language,
        install_verbs: &["install"],
        update_verbs: &[],
        remove_verbs: &["uninstall"],
        prompts_by_default: false,
        non_interactive_flags: &["--no-input"],
        no_cache_flags: &["--no-cache-dir"],
        no_recommends_flags: &[],
        production_flags: &[],
        settings: &[
            Setting {
                kind: SettingKind::Env,
                text: "PIP_NO_CACHE_DIR=1",
                file: None,
                effect: "same as --no-cache-dir (every option has a PIP_<OPTION> variable)",
                source: "https://pip.pypa.io/en/stable/topics/configuration/#environment-variables",
            },
            Setting {
                kind: SettingKind::Env,
                text: "PIP_NO_INPUT=1",
                file: None,
                effect: "same as --no-input",
                source: "https://pip.pypa.io/en/stable/topics/configuration/#environment-variables",
            },
            Setting {
                kind: SettingKind::Env,
                text: "PIP_DISABLE_PIP_VERSION_CHECK=1",
                file: None,
                effect: "no self-version check on every call",
                source: "https://pip.pypa.io/en/stable/cli/pip/#cmdoption-disable-pip-version-check",
            },
        ],
        cache_dirs: &["/root/.cache/pip"],
        clean_commands: &["pip cache purge", "rm -rf /root/.cache/pip", "rm -rf ~/.cache/pip"],
        cache_mounts: &[CacheMount { target: "/root/.cache/pip", sharing: None, note: "", source: DOCKER_CACHE }],
        deprecated_flags: &[],
        hadolint_rules: &["DL3013", "DL3042"],
        note: "Also invoked as `python -m pip`, `python3 -m pip`, `pip3.12`. The cache (HTTP responses and locally built wheels) is on by default.",
        source: "https://pip.pypa.io/en/stable/topics/caching/",
        checked: CHECKED,
    },
    PackageManager {
        id: PackageManagerId::Uv,
        name: "uv",
        programs: &["uv"],
        scope: Scope::Language,
        install_verbs: &["sync", "pip install", "pip sync"],
        update_verbs: &[],
        remove_verbs: &["remove", "pip uninstall"],
        prompts_by_default: false,
        non_interactive_flags: &[],
        no_cache_flags: &["--no-cache", "-n"],
        no_recommends_flags: &[],
        production_flags: &["--no-dev"],
        settings: &[
            Setting {
                kind: SettingKind::Env,
                text: "UV_NO_CACHE=1",
                file: None,
                effect: "same as --no-cache",
                source: "https://docs.astral.sh/uv/reference/environment/",
            },
            Setting {
                kind: SettingKind::Env,
                text: "UV_LINK_MODE=copy",
                file: None,
                effect: "copy instead of hard-linking from the cache: needed when the cache is a mount",
                source: "https://docs.astral.sh/uv/guides/integration/docker/#caching",
            },
            Setting {
                kind: SettingKind::Env,
                text: "UV_COMPILE_BYTECODE=1",
                file: None,
                effect: "compile .pyc at install time (faster start-up)",
                source: "https://docs.astral.sh/uv/guides/integration/docker/#compiling-bytecode",
            },
        ],
        cache_dirs: &["/root/.cache/uv"],
        clean_commands: &["uv cache clean", "uv cache prune --ci", "rm -rf /root/.cache/uv"],
        cache_mounts: &[CacheMount {
            target: "/root/.cache/uv",
            sharing: None,
            note: "With UV_LINK_MODE=copy.",
            source: "https://docs.astral.sh/uv/guides/integration/docker/#caching",
        }],
        deprecated_flags: &[],
        hadolint_rules: &[],
        note: "",
        source: "https://docs.astral.sh/uv/guides/integration/docker/",
        checked: CHECKED,
    },
    PackageManager {
        id: PackageManagerId::Poetry,
        name: "poetry",
        programs: &["poetry"],
        scope: Scope::Language,
        install_verbs: &["install", "sync"],
        update_verbs: &[],
        remove_verbs: &["remove"],
        prompts_by_default: false,
        non_interactive_flags: &["--no-interaction", "-n"],
        no_cache_flags: &["--no-cache"],
        no_recommends_flags: &[],
        production_flags: &["--only main", "--only=main", "--without dev", "--without=dev"],
        settings: &[
            Setting {
                kind: SettingKind::Env,
                text: "POETRY_NO_INTERACTION=1",
                file: None,
                effect: "same as --no-interaction",
                source: "https://python-poetry.org/docs/configuration/",
            },
            Setting {
                kind: SettingKind::Env,
                text: "POETRY_VIRTUALENVS_CREATE=false",
                file: None,
                effect: "install into the image's Python instead of a virtualenv",
                source: "https://python-poetry.org/docs/configuration/#virtualenvscreate",
            },
            Setting {
                kind: SettingKind::Env,
                text: "POETRY_CACHE_DIR=/tmp/poetry_cache",
                file: None,
                effect: "move the cache so it can be removed or mounted",
                source: "https://python-poetry.org/docs/configuration/#cache-dir",
            },
        ],
        cache_dirs: &["/root/.cache/pypoetry"],
        clean_commands: &["rm -rf /root/.cache/pypoetry", "poetry cache clear --all PyPI"],
        cache_mounts: &[CacheMount {
            target: "/root/.cache/pypoetry",
            sharing: None,
            note: "Or POETRY_CACHE_DIR's value.",
            source: "https://python-poetry.org/docs/configuration/#cache-dir",
        }],
        deprecated_flags: &[FlagChange {
            old: "--no-dev",
            new: "--only main",
            note: "deprecated in Poetry 1.2, removed in 2.0",
            source: "https://python-poetry.org/docs/cli/#install",
        }],
        hadolint_rules: &[],
        note: "Use `--no-root` to install dependencies before the project source is copied.",
        source: "https://python-poetry.org/docs/cli/#install",
        checked: CHECKED,
    },
    PackageManager {
        id: PackageManagerId::Npm,
        name: "npm",
        programs: &["npm"],
        scope: Scope::Language,
        install_verbs: &["ci", "clean-install", "install-clean", "ic", "install", "i", "in", "ins", "add", "isntall"],
        update_verbs: &[],
        remove_verbs: &["uninstall", "remove", "rm", "un"],
        prompts_by_default: false,
        non_interactive_flags: &["--yes", "-y"],
        no_cache_flags: &[],
        no_recommends_flags: &[],
        production_flags: &["--omit=dev", "--omit dev"],
        settings: &[
            Setting {
                kind: SettingKind::Env,
                text: "npm_config_cache=/tmp/.npm",
                file: None,
                effect: "moves the cache (any config key can be set as npm_config_<key>)",
                source: "https://docs.npmjs.com/cli/v11/using-npm/config#environment-variables",
            },
            Setting {
                kind: SettingKind::Env,
                text: "NODE_ENV=production",
                file: None,
                effect: "npm then omits devDependencies by default (same as --omit=dev)",
                source: "https://docs.npmjs.com/cli/v11/commands/npm-install#omit",
            },
            Setting {
                kind: SettingKind::Env,
                text: "npm_config_omit=dev",
                file: None,
                effect: "same as --omit=dev",
                source: "https://docs.npmjs.com/cli/v11/using-npm/config#omit",
            },
        ],
        cache_dirs: &["/root/.npm"],
        clean_commands: &["npm cache clean --force", "rm -rf /root/.npm", "rm -rf ~/.npm"],
        cache_mounts: &[CacheMount {
            target: "/root/.npm",
            sharing: None,
            note: "\"the default location for the npm cache\"; /home/node/.npm when running as the node user.",
            source: DOCKER_CACHE,
        }],
        deprecated_flags: &[
            FlagChange {
                old: "--production",
                new: "--omit=dev",
                note: "deprecated since npm 7",
                source: "https://docs.npmjs.com/cli/v11/commands/npm-install#omit",
            },
            FlagChange {
                old: "--only=production",
                new: "--omit=dev",
                note: "deprecated since npm 7",
                source: "https://docs.npmjs.com/cli/v11/commands/npm-install#omit",
            },
            FlagChange {
                old: "--only=prod",
                new: "--omit=dev",
                note: "deprecated since npm 7",
                source: "https://docs.npmjs.com/cli/v11/commands/npm-install#omit",
            },
        ],
        hadolint_rules: &["DL3016"],
        note: "`npm ci` installs exactly the lock file (package-lock.json or npm-shrinkwrap.json required) and removes node_modules first.",
        source: "https://docs.npmjs.com/cli/v11/commands/npm-ci; https://docs.npmjs.com/cli/v11/commands/npm-cache",
        checked: CHECKED,
    },
    PackageManager {
        id: PackageManagerId::YarnClassic,
        name: "yarn (classic, 1.x)",
        programs: &["yarn", "yarnpkg"],
        scope: Scope::Language,
        install_verbs: &["install", "add"],
        update_verbs: &[],
        remove_verbs: &["remove"],
        prompts_by_default: false,
        non_interactive_flags: &["--non-interactive"],
        no_cache_flags: &[],
        no_recommends_flags: &[],
        production_flags: &["--production", "--prod", "--production=true"],
        settings: &[
            Setting {
                kind: SettingKind::Env,
                text: "YARN_CACHE_FOLDER=/tmp/yarn-cache",
                file: None,
                effect: "moves the cache (same as --cache-folder)",
                source: "https://classic.yarnpkg.com/en/docs/cli/cache",
            },
            Setting {
                kind: SettingKind::Env,
                text: "NODE_ENV=production",
                file: None,
                effect: "yarn install then skips devDependencies (same as --production)",
                source: "https://classic.yarnpkg.com/en/docs/cli/install#toc-yarn-install-production-true-false",
            },
        ],
        cache_dirs: &["/usr/local/share/.cache/yarn", "/root/.cache/yarn"],
        clean_commands: &["yarn cache clean", "rm -rf /usr/local/share/.cache/yarn"],
        cache_mounts: &[CacheMount {
            target: "/usr/local/share/.cache/yarn",
            sharing: None,
            note: "Where yarn 1 keeps its cache when run as root in the node images (check with `yarn cache dir`).",
            source: "https://classic.yarnpkg.com/en/docs/cli/cache",
        }],
        deprecated_flags: &[],
        hadolint_rules: &["DL3060"],
        note: "A bare `yarn` (no subcommand) installs. `--frozen-lockfile` fails instead of updating yarn.lock. Yarn 2+ (berry) is a different tool with the same program name: `.yarnrc.yml` or a `packageManager` field of yarn@2+ tells.",
        source: "https://classic.yarnpkg.com/en/docs/cli/install; https://classic.yarnpkg.com/en/docs/cli/cache",
        checked: CHECKED,
    },
    PackageManager {
        id: PackageManagerId::YarnBerry,
        name: "yarn (berry, 2+)",
        programs: &["yarn", "yarnpkg"],
        scope: Scope::Language,
        install_verbs: &["install", "add", "workspaces focus"],
        update_verbs: &[],
        remove_verbs: &["remove"],
        prompts_by_default: false,
        non_interactive_flags: &[],
        no_cache_flags: &[],
        no_recommends_flags: &[],
        // `yarn workspaces focus --all --production` is the berry way to skip devDependencies.
        production_flags: &["--production"],
        settings: &[
            Setting {
                kind: SettingKind::Env,
                text: "YARN_ENABLE_GLOBAL_CACHE=false",
                file: None,
                effect: "keep the cache in the project's .yarn/cache instead of the global folder",
                source: "https://yarnpkg.com/configuration/yarnrc#enableGlobalCache",
            },
            Setting {
                kind: SettingKind::Env,
                text: "YARN_CACHE_FOLDER=/tmp/yarn-cache",
                file: None,
                effect: "moves the cache",
                source: "https://yarnpkg.com/configuration/yarnrc#cacheFolder",
            },
        ],
        cache_dirs: &["/root/.yarn/berry/cache", ".yarn/cache"],
        clean_commands: &["yarn cache clean", "yarn cache clean --all"],
        cache_mounts: &[CacheMount {
            target: "/root/.yarn/berry/cache",
            sharing: None,
            note: "The global cache (enableGlobalCache defaults to true since Yarn 4).",
            source: "https://yarnpkg.com/configuration/yarnrc#enableGlobalCache",
        }],
        deprecated_flags: &[FlagChange {
            old: "--frozen-lockfile",
            new: "--immutable",
            note: "yarn 1 spelling; berry uses --immutable",
            source: "https://yarnpkg.com/cli/install",
        }],
        hadolint_rules: &["DL3060"],
        note: "`yarn install --immutable`; production deps only: `yarn workspaces focus --all --production`.",
        source: "https://yarnpkg.com/cli/install; https://yarnpkg.com/cli/cache/clean; https://yarnpkg.com/cli/workspaces/focus",
        checked: CHECKED,
    },
    PackageManager {
        id: PackageManagerId::Pnpm,
        name: "pnpm",
        programs: &["pnpm"],
        scope: Scope::Language,
        install_verbs: &["install", "i", "add", "fetch"],
        update_verbs: &[],
        remove_verbs: &["remove", "rm", "uninstall"],
        prompts_by_default: false,
        non_interactive_flags: &[],
        no_cache_flags: &[],
        no_recommends_flags: &[],
        production_flags: &["--prod", "-P"],
        settings: &[Setting {
            kind: SettingKind::Env,
            text: "PNPM_HOME=/pnpm",
            file: None,
            effect: "puts the store under /pnpm/store (as in pnpm's Docker guide)",
            source: "https://pnpm.io/docker",
        }],
        cache_dirs: &["/pnpm/store", "/root/.local/share/pnpm/store"],
        clean_commands: &["pnpm store prune"],
        cache_mounts: &[CacheMount {
            target: "/pnpm/store",
            sharing: None,
            note: "With PNPM_HOME=/pnpm and `id=pnpm`; pnpm's guide uses `pnpm install --prod --frozen-lockfile`.",
            source: "https://pnpm.io/docker",
        }],
        deprecated_flags: &[],
        hadolint_rules: &[],
        note: "`pnpm fetch` needs only pnpm-lock.yaml: fetch, then COPY the source, then `pnpm install --offline`.",
        source: "https://pnpm.io/cli/install; https://pnpm.io/cli/fetch; https://pnpm.io/cli/store",
        checked: CHECKED,
    },
    PackageManager {
        id: PackageManagerId::Gem,
        name: "gem",
        programs: &["gem"],
        scope: Scope::Language,
        install_verbs: &["install"],
        update_verbs: &[],
        remove_verbs: &["uninstall"],
        prompts_by_default: false,
        non_interactive_flags: &[],
        // Skips ri/rdoc generation (not a download cache, but the same kind of waste).
        no_cache_flags: &["--no-document", "-N"],
        no_recommends_flags: &[],
        production_flags: &[],
        settings: &[Setting {
            kind: SettingKind::ConfigFile,
            text: "gem: --no-document",
            file: Some("/root/.gemrc"),
            effect: "same as --no-document for every gem install",
            source: "https://guides.rubygems.org/command-reference/#gem-environment",
        }],
        // The official ruby images set GEM_HOME=/usr/local/bundle (repo-info history of ruby tags).
        cache_dirs: &["/usr/local/bundle/cache"],
        clean_commands: &["rm -rf /usr/local/bundle/cache", "gem cleanup"],
        cache_mounts: &[],
        deprecated_flags: &[
            FlagChange {
                old: "--no-ri",
                new: "--no-document",
                note: "removed in RubyGems 3",
                source: "https://guides.rubygems.org/command-reference/#gem-install",
            },
            FlagChange {
                old: "--no-rdoc",
                new: "--no-document",
                note: "removed in RubyGems 3",
                source: "https://guides.rubygems.org/command-reference/#gem-install",
            },
        ],
        hadolint_rules: &["DL3028"],
        note: "",
        source: "https://guides.rubygems.org/command-reference/#gem-install",
        checked: CHECKED,
    },
    PackageManager {
        id: PackageManagerId::Bundler,
        name: "bundler",
        programs: &["bundle", "bundler"],
        scope: Scope::Language,
        install_verbs: &["install"],
        update_verbs: &[],
        remove_verbs: &["remove"],
        prompts_by_default: false,
        non_interactive_flags: &[],
        no_cache_flags: &["--no-cache"],
        no_recommends_flags: &[],
        production_flags: &[],
        settings: &[
            Setting {
                kind: SettingKind::Env,
                text: "BUNDLE_WITHOUT=development:test",
                file: None,
                effect: "skip the development and test groups (config `without`)",
                source: "https://bundler.io/man/bundle-config.1.html",
            },
            Setting {
                kind: SettingKind::Env,
                text: "BUNDLE_DEPLOYMENT=1",
                file: None,
                effect: "frozen Gemfile.lock, gems installed under vendor/bundle",
                source: "https://bundler.io/man/bundle-config.1.html",
            },
            Setting {
                kind: SettingKind::Option,
                text: "bundle config set --local without 'development test'",
                file: None,
                effect: "same as BUNDLE_WITHOUT",
                source: "https://bundler.io/man/bundle-config.1.html",
            },
        ],
        cache_dirs: &["/usr/local/bundle/cache"],
        clean_commands: &["rm -rf /usr/local/bundle/cache", "bundle clean --force"],
        cache_mounts: &[CacheMount {
            target: "/root/.gem",
            sharing: None,
            note: "As Docker's guide gives it; in the official ruby images gems live under GEM_HOME=/usr/local/bundle.",
            source: DOCKER_CACHE,
        }],
        deprecated_flags: &[
            FlagChange {
                old: "--without",
                new: "BUNDLE_WITHOUT / bundle config set --local without",
                note: "remembered CLI flags were deprecated in Bundler 2.1",
                source: "https://bundler.io/man/bundle-install.1.html",
            },
            FlagChange {
                old: "--deployment",
                new: "BUNDLE_DEPLOYMENT=1 / bundle config set --local deployment true",
                note: "deprecated in Bundler 2.1",
                source: "https://bundler.io/man/bundle-install.1.html",
            },
            FlagChange {
                old: "--path",
                new: "BUNDLE_PATH / bundle config set --local path",
                note: "deprecated in Bundler 2.1",
                source: "https://bundler.io/man/bundle-install.1.html",
            },
        ],
        hadolint_rules: &[],
        note: "",
        source: "https://bundler.io/man/bundle-install.1.html",
        checked: CHECKED,
    },
    PackageManager {
        id: PackageManagerId::Composer,
        name: "composer",
        programs: &["composer", "composer.phar"],
        scope: Scope::Language,
        install_verbs: &["install", "require"],
        update_verbs: &[],
        remove_verbs: &["remove"],
        prompts_by_default: true,
        non_interactive_flags: &["--no-interaction", "-n"],
        no_cache_flags: &["--no-cache"],
        no_recommends_flags: &[],
        production_flags: &["--no-dev"],
        settings: &[
            Setting {
                kind: SettingKind::Env,
                text: "COMPOSER_NO_INTERACTION=1",
                file: None,
                effect: "same as --no-interaction",
                source: "https://getcomposer.org/doc/03-cli.md#composer-no-interaction",
            },
            Setting {
                kind: SettingKind::Env,
                text: "COMPOSER_CACHE_DIR=/dev/null",
                file: None,
                effect: "no cache (or point it at a mount)",
                source: "https://getcomposer.org/doc/03-cli.md#composer-cache-dir",
            },
            Setting {
                kind: SettingKind::Env,
                text: "COMPOSER_NO_DEV=1",
                file: None,
                effect: "same as --no-dev",
                source: "https://getcomposer.org/doc/03-cli.md#composer-no-dev",
            },
        ],
        cache_dirs: &["/root/.composer/cache", "/root/.cache/composer", "/tmp/cache"],
        clean_commands: &["composer clear-cache", "composer clearcache", "composer cc"],
        cache_mounts: &[CacheMount {
            target: "/tmp/cache",
            sharing: None,
            note: "In the official composer image (COMPOSER_HOME=/tmp); elsewhere /root/.composer/cache or COMPOSER_CACHE_DIR.",
            source: DOCKER_CACHE,
        }],
        deprecated_flags: &[],
        hadolint_rules: &[],
        note: "Install before copying the source with `--no-scripts --no-autoloader`, then `composer dump-autoload --optimize` after the COPY.",
        source: "https://getcomposer.org/doc/03-cli.md#install-i",
        checked: CHECKED,
    },
    PackageManager {
        id: PackageManagerId::Go,
        name: "go",
        programs: &["go"],
        scope: Scope::Language,
        install_verbs: &["mod download"],
        update_verbs: &[],
        remove_verbs: &[],
        prompts_by_default: false,
        non_interactive_flags: &[],
        no_cache_flags: &[],
        no_recommends_flags: &[],
        production_flags: &[],
        settings: &[
            Setting {
                kind: SettingKind::Env,
                text: "GOMODCACHE=/go/pkg/mod",
                file: None,
                effect: "module cache location (default $GOPATH/pkg/mod; GOPATH=/go in the golang image)",
                source: "https://go.dev/ref/mod#module-cache",
            },
            Setting {
                kind: SettingKind::Env,
                text: "GOCACHE=/root/.cache/go-build",
                file: None,
                effect: "build cache location (default ~/.cache/go-build)",
                source: "https://pkg.go.dev/cmd/go#hdr-Build_and_test_caching",
            },
        ],
        cache_dirs: &["/go/pkg/mod", "/root/.cache/go-build"],
        clean_commands: &["go clean -modcache", "go clean -cache"],
        cache_mounts: &[
            CacheMount { target: "/go/pkg/mod", sharing: None, note: "module cache", source: DOCKER_CACHE },
            CacheMount { target: "/root/.cache/go-build", sharing: None, note: "build cache", source: DOCKER_CACHE },
        ],
        deprecated_flags: &[],
        hadolint_rules: &[],
        note: "In a multi-stage build the caches stay in the builder; a mount only speeds up rebuilds.",
        source: "https://go.dev/ref/mod#go-mod-download",
        checked: CHECKED,
    },
    PackageManager {
        id: PackageManagerId::Cargo,
        name: "cargo",
        programs: &["cargo"],
        scope: Scope::Language,
        install_verbs: &["fetch"],
        update_verbs: &[],
        remove_verbs: &[],
        prompts_by_default: false,
        non_interactive_flags: &[],
        no_cache_flags: &[],
        no_recommends_flags: &[],
        production_flags: &[],
        settings: &[Setting {
            kind: SettingKind::Env,
            text: "CARGO_HOME=/usr/local/cargo",
            file: None,
            effect: "registry and git caches live under $CARGO_HOME (the rust image sets /usr/local/cargo)",
            source: "https://doc.rust-lang.org/cargo/guide/cargo-home.html",
        }],
        cache_dirs: &["/usr/local/cargo/registry", "/usr/local/cargo/git"],
        clean_commands: &["rm -rf /usr/local/cargo/registry /usr/local/cargo/git"],
        cache_mounts: &[
            CacheMount { target: "/usr/local/cargo/registry", sharing: None, note: "", source: DOCKER_CACHE },
            CacheMount { target: "/usr/local/cargo/git/db", sharing: None, note: "", source: DOCKER_CACHE },
            CacheMount {
                target: "/app/target",
                sharing: None,
                note: "The project's target dir (WORKDIR/target): copy the binary out in the same RUN, the mount is not in the layer.",
                source: DOCKER_CACHE,
            },
        ],
        deprecated_flags: &[],
        hadolint_rules: &[],
        note: "`--locked` makes cargo fail instead of updating Cargo.lock.",
        source: "https://doc.rust-lang.org/cargo/commands/cargo-fetch.html",
        checked: CHECKED,
    },
    PackageManager {
        id: PackageManagerId::Conda,
        name: "conda",
        programs: &["conda"],
        scope: Scope::Language,
        install_verbs: &["install", "create", "env create", "env update"],
        update_verbs: &[],
        remove_verbs: &["remove", "uninstall"],
        prompts_by_default: true,
        non_interactive_flags: &["-y", "--yes"],
        no_cache_flags: &[],
        no_recommends_flags: &[],
        production_flags: &[],
        settings: &[Setting {
            kind: SettingKind::Env,
            text: "CONDA_ALWAYS_YES=true",
            file: None,
            effect: "same as --yes (any config key as CONDA_<KEY>)",
            source: "https://docs.conda.io/projects/conda/en/latest/user-guide/configuration/use-condarc.html",
        }],
        cache_dirs: &["/opt/conda/pkgs"],
        clean_commands: &["conda clean --all --yes", "conda clean -afy", "conda clean -ay"],
        cache_mounts: &[],
        deprecated_flags: &[],
        hadolint_rules: &[],
        note: "The package cache is `pkgs_dirs` (under the base prefix; /opt/conda/pkgs in the common images).",
        source: "https://docs.conda.io/projects/conda/en/latest/commands/clean.html",
        checked: CHECKED,
    },
    PackageManager {
        id: PackageManagerId::Mamba,
        name: "mamba",
        programs: &["mamba", "micromamba"],
        scope: Scope::Language,
        install_verbs: &["install", "create", "env create", "env update"],
        update_verbs: &[],
        remove_verbs: &["remove", "uninstall"],
        prompts_by_default: true,
        non_interactive_flags: &["-y", "--yes"],
        no_cache_flags: &[],
        no_recommends_flags: &[],
        production_flags: &[],
        settings: &[],
        cache_dirs: &["/opt/conda/pkgs"],
        clean_commands: &["mamba clean --all --yes", "mamba clean -afy", "micromamba clean --all --yes", "micromamba clean -afy"],
        cache_mounts: &[],
        deprecated_flags: &[],
        hadolint_rules: &[],
        note: "Drop-in for conda's CLI.",
        source: "https://mamba.readthedocs.io/en/latest/user_guide/mamba.html",
        checked: CHECKED,
    },
    PackageManager {
        id: PackageManagerId::Maven,
        name: "maven",
        programs: &["mvn", "mvnw"],
        scope: Scope::Language,
        install_verbs: &["dependency:go-offline", "dependency:resolve", "de.qaware.maven:go-offline-maven-plugin:resolve-dependencies"],
        update_verbs: &[],
        remove_verbs: &[],
        prompts_by_default: false,
        non_interactive_flags: &["-B", "--batch-mode"],
        no_cache_flags: &[],
        no_recommends_flags: &[],
        production_flags: &[],
        settings: &[],
        cache_dirs: &["/root/.m2/repository"],
        clean_commands: &["rm -rf /root/.m2/repository"],
        cache_mounts: &[CacheMount {
            target: "/root/.m2",
            sharing: None,
            note: "The local repository (~/.m2/repository).",
            source: "https://maven.apache.org/guides/mini/guide-configuring-maven.html#configuring-your-local-repository",
        }],
        deprecated_flags: &[],
        hadolint_rules: &[],
        note: "`dependency:go-offline` does not fetch everything (plugins resolved late); still the usual pre-fetch step.",
        source: "https://maven.apache.org/plugins/maven-dependency-plugin/go-offline-mojo.html",
        checked: CHECKED,
    },
    PackageManager {
        id: PackageManagerId::Gradle,
        name: "gradle",
        programs: &["gradle", "gradlew"],
        scope: Scope::Language,
        install_verbs: &["dependencies", "build --dry-run"],
        update_verbs: &[],
        remove_verbs: &[],
        prompts_by_default: false,
        non_interactive_flags: &["--no-daemon", "--console=plain"],
        no_cache_flags: &[],
        no_recommends_flags: &[],
        production_flags: &[],
        settings: &[Setting {
            kind: SettingKind::Env,
            text: "GRADLE_USER_HOME=/root/.gradle",
            file: None,
            effect: "where caches and the wrapper distribution go (default ~/.gradle)",
            source: "https://docs.gradle.org/current/userguide/directory_layout.html",
        }],
        cache_dirs: &["/root/.gradle/caches", "/root/.gradle/wrapper"],
        clean_commands: &["rm -rf /root/.gradle/caches"],
        cache_mounts: &[CacheMount {
            target: "/root/.gradle/caches",
            sharing: None,
            note: "GRADLE_USER_HOME/caches; the gradle image may set another GRADLE_USER_HOME.",
            source: "https://docs.gradle.org/current/userguide/directory_layout.html",
        }],
        deprecated_flags: &[],
        hadolint_rules: &[],
        note: "",
        source: "https://docs.gradle.org/current/userguide/command_line_interface.html",
        checked: CHECKED,
    },
    PackageManager {
        id: PackageManagerId::Dotnet,
        name: "dotnet",
        programs: &["dotnet"],
        scope: Scope::Language,
        install_verbs: &["restore", "add package"],
        update_verbs: &[],
        remove_verbs: &["remove package"],
        prompts_by_default: false,
        non_interactive_flags: &[],
        no_cache_flags: &["--no-http-cache"],
        no_recommends_flags: &[],
        production_flags: &[],
        settings: &[
            Setting {
                kind: SettingKind::Env,
                text: "NUGET_PACKAGES=/root/.nuget/packages",
                file: None,
                effect: "global packages folder",
                source: "https://learn.microsoft.com/en-us/nuget/consume-packages/managing-the-global-packages-and-cache-folders",
            },
            Setting {
                kind: SettingKind::Env,
                text: "DOTNET_CLI_TELEMETRY_OPTOUT=1",
                file: None,
                effect: "no telemetry from the CLI",
                source: "https://learn.microsoft.com/en-us/dotnet/core/tools/telemetry",
            },
        ],
        cache_dirs: &["/root/.nuget/packages"],
        clean_commands: &["dotnet nuget locals all --clear"],
        cache_mounts: &[CacheMount { target: "/root/.nuget/packages", sharing: None, note: "", source: DOCKER_CACHE }],
        deprecated_flags: &[],
        hadolint_rules: &[],
        note: "`--locked-mode` with packages.lock.json makes restore reproducible.",
        source: "https://learn.microsoft.com/en-us/dotnet/core/tools/dotnet-restore",
        checked: CHECKED,
    },
];

/// The row for an id.
pub(crate) fn package_manager(id: PackageManagerId) -> &'static PackageManager {
    PACKAGE_MANAGERS
        .iter()
        .find(|p| p.id == id)
        .expect("every PackageManagerId has a row")
}

/// `pip3.12` → `pip3`-like names; `python3.12` → `python`.
fn base_program(program: &str) -> &str {
    let base = program.rsplit('/').next().unwrap_or(program);
    base.strip_suffix(".exe").unwrap_or(base)
}

fn is_python(program: &str) -> bool {
    program
        .strip_prefix("python")
        .is_some_and(|rest| rest.chars().all(|c| c.is_ascii_digit() || c == '.'))
}

/// Berry-only words: `--immutable`, `workspaces focus`, `dlx`, `npm` subcommands.
fn looks_like_berry(args: &[&str]) -> bool {
    args.iter().any(|a| {
        matches!(
            *a,
            "--immutable" | "--immutable-cache" | "--check-cache" | "dlx" | "workspaces" | "--mode"
        )
    })
}

/// `pip`, `pip3`, `pip3.12`, and `pip-3.4`, `pip-3` (the names of Fedora's, CentOS's and
/// Amazon Linux's packages).
pub(crate) fn is_pip(name: &str) -> bool {
    name.strip_prefix("pip").is_some_and(|v| {
        let version = v.strip_prefix('-').filter(|d| !d.is_empty()).unwrap_or(v);
        version.bytes().all(|b| b.is_ascii_digit() || b == b'.')
    })
}

/// Which package manager a command runs: `("apt-get", ["install", ...])`, `("python3", ["-m",
/// "pip", ...])`, `("/usr/local/bin/npm", ...)`, `("./mvnw", ...)`. `yarn` is yarn classic unless
/// the arguments use berry-only words (`--immutable`, `workspaces focus`); callers that see a
/// `.yarnrc.yml` or `packageManager: yarn@4` should prefer `YarnBerry`.
pub(crate) fn package_manager_for_command(
    program: &str,
    args: &[&str],
) -> Option<&'static PackageManager> {
    let base = base_program(program);
    if is_python(base) {
        let module = match args {
            ["-m", m, ..] => *m,
            _ => return None,
        };
        return match module {
            m if m == "pip" || m.starts_with("pip3") => {
                Some(package_manager(PackageManagerId::Pip))
            }
            "uv" => Some(package_manager(PackageManagerId::Uv)),
            "poetry" => Some(package_manager(PackageManagerId::Poetry)),
            _ => None,
        };
    }
    if is_pip(base) {
        return Some(package_manager(PackageManagerId::Pip));
    }
    if base == "yarn" || base == "yarnpkg" {
        let id = if looks_like_berry(args) {
            PackageManagerId::YarnBerry
        } else {
            PackageManagerId::YarnClassic
        };
        return Some(package_manager(id));
    }
    PACKAGE_MANAGERS.iter().find(|p| p.programs.contains(&base))
}

/// OS packages that are compilers or build systems, by the names Debian, Alpine and Fedora
/// give them: what a stage installs only to build native code.
pub(crate) const COMPILER_PACKAGES: [&str; 14] = [
    "build-essential",
    "build-base",
    "alpine-sdk",
    "gcc",
    "g++",
    "gcc-c++",
    "gfortran",
    "gcc-gfortran",
    "clang",
    "make",
    "cmake",
    "autoconf",
    "automake",
    "libtool",
];

/// npm packages whose command runs git to do its work: Bower fetches every package from a
/// git repository, Lerna and semantic-release version and tag with git, Gatsby's CLI
/// clones its starters, jspm's GitHub registry looks versions up with `git ls-remote`.
/// An image that installs one globally runs git when it is used.
pub(crate) const NPM_TOOLS_THAT_RUN_GIT: [&str; 5] =
    ["bower", "lerna", "semantic-release", "gatsby-cli", "jspm"];

/// The package an npm spec names: `bower@1.8.14` names `bower`, `@scope/cli@2` names
/// `@scope/cli`.
pub(crate) fn npm_package_name(spec: &str) -> &str {
    let from = usize::from(spec.starts_with('@'));
    match spec[from..].find('@') {
        Some(at) => &spec[..from + at],
        None => spec,
    }
}

/// The package an OS package spec names: `curl=8.14.1-2` and `libc6:amd64` name `curl`
/// and `libc6`.
pub(crate) fn os_package_name(spec: &str) -> &str {
    match spec.bytes().position(|b| b == b'=' || b == b':') {
        Some(end) => &spec[..end],
        None => spec,
    }
}

/// Debian packages whose post-install scripts link man pages into `/usr/share/man/man*`
/// with update-alternatives (the Java runtimes and what depends on them, PostgreSQL), by
/// name prefix, suffix or whole name. Debian's `-slim` images remove `/usr/share/man`, and
/// their install fails there: debuerreotype/docker-debian-artifacts#24, #25, #42, #89.
pub(crate) const MAN_PAGE_LINKING_PACKAGES: PackageNames = PackageNames {
    prefixes: &["openjdk-", "default-jre", "default-jdk", "postgresql"],
    suffixes: &["-jre-headless", "-jdk-headless"],
    names: &["maven", "ant", "ca-certificates-java"],
};

/// Debian packages whose recommends are part of what they do when the image runs, not
/// extras: the fonts LibreOffice, TeX Live and Chromium lay documents and pages out with
/// (`fonts-liberation`, `fonts-dejavu`; other fonts change the output), the Java bridge
/// LibreOffice's converters drive it by, ImageMagick's Ghostscript (PDF and PostScript
/// input, recommended by its library too: the PHP, Ruby and Python bindings and the
/// `-dev` packages they build against bring it), a desktop's session pieces. Turning their
/// recommends off changes what the image produces, so `DL3015` only advises there.
pub(crate) const RUNTIME_RECOMMENDS_PACKAGES: PackageNames = PackageNames {
    prefixes: &[
        "libreoffice",
        "texlive",
        "chromium",
        "firefox",
        "imagemagick",
        "libmagickcore",
        "libmagickwand",
        "libmagick++",
        "graphicsmagick",
        "inkscape",
        "xfce4",
        "lxde",
        "kde-",
        "gnome",
    ],
    suffixes: &["-desktop", "-imagick"],
    names: &[
        "unoconv",
        "wkhtmltopdf",
        "pandoc",
        "ruby-rmagick",
        "python3-wand",
        "python-wand",
    ],
};

/// Package names by prefix, suffix or whole name (the tables above).
pub(crate) struct PackageNames {
    prefixes: &'static [&'static str],
    suffixes: &'static [&'static str],
    names: &'static [&'static str],
}

impl PackageNames {
    /// Whether the package named by `spec` (`openjdk-17-jre-headless=17.0.9-1`) is one.
    pub(crate) fn contains(&self, spec: &str) -> bool {
        let name = os_package_name(spec);
        self.prefixes.iter().any(|p| name.starts_with(p))
            || self.suffixes.iter().any(|s| name.ends_with(s))
            || self.names.contains(&name)
    }
}

/// Python packages that PyPI publishes for Linux as source only (no manylinux wheels, as
/// their PyPI file lists show): the name, the Debian package of the headers or tools their
/// build needs besides a C compiler (`None`: the compiler and Python's own headers
/// suffice), and a project with wheels that stands in for it, if any. On an image without a
/// compiler, `pip install` of one of them fails.
pub(crate) const SOURCE_ONLY_PYTHON_PACKAGES: [SourceOnlyPackage; 8] = [
    SourceOnlyPackage {
        name: "psycopg2",
        headers: Some("libpq-dev"),
        with_wheels: Some("psycopg2-binary"),
    },
    SourceOnlyPackage {
        name: "mysqlclient",
        headers: Some("default-libmysqlclient-dev"),
        with_wheels: None,
    },
    SourceOnlyPackage {
        name: "uwsgi",
        headers: None,
        with_wheels: None,
    },
    SourceOnlyPackage {
        name: "python-ldap",
        headers: Some("libldap2-dev"),
        with_wheels: None,
    },
    SourceOnlyPackage {
        name: "mod-wsgi",
        headers: Some("apache2-dev"),
        with_wheels: None,
    },
    SourceOnlyPackage {
        name: "pygraphviz",
        headers: Some("libgraphviz-dev"),
        with_wheels: None,
    },
    SourceOnlyPackage {
        name: "dbus-python",
        headers: Some("libdbus-1-dev"),
        with_wheels: None,
    },
    SourceOnlyPackage {
        name: "pycairo",
        headers: Some("libcairo2-dev"),
        with_wheels: None,
    },
];

/// A row of [`SOURCE_ONLY_PYTHON_PACKAGES`].
#[derive(Debug)]
pub(crate) struct SourceOnlyPackage {
    pub name: &'static str,
    pub headers: Option<&'static str>,
    pub with_wheels: Option<&'static str>,
}

/// A requirement's project name as PyPI compares them (PEP 503): `Flask_SQLAlchemy[async]>=3`
/// → `flask-sqlalchemy`. `None` for paths, URLs and archives.
pub(crate) fn python_project_name(requirement: &str) -> Option<String> {
    if requirement.contains(['/', ':']) || requirement.starts_with('.') {
        return None;
    }
    let end = requirement
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
        .unwrap_or(requirement.len());
    let name = &requirement[..end];
    if name.is_empty() || name.ends_with(".whl") || name.ends_with(".tar.gz") {
        return None;
    }
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        match c {
            '-' | '_' | '.' if out.ends_with('-') => {}
            '-' | '_' | '.' => out.push('-'),
            c => out.push(c.to_ascii_lowercase()),
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn npm_specs_name_their_package() {
        assert_eq!(npm_package_name("bower"), "bower");
        assert_eq!(npm_package_name("bower@1.8.14"), "bower");
        assert_eq!(npm_package_name("@angular/cli@17"), "@angular/cli");
        assert_eq!(npm_package_name("@angular/cli"), "@angular/cli");
    }

    #[test]
    fn python_project_names_are_normalised() {
        assert_eq!(
            python_project_name("Flask_SQLAlchemy[async]>=3").as_deref(),
            Some("flask-sqlalchemy")
        );
        assert_eq!(
            python_project_name("psycopg2==2.9.9").as_deref(),
            Some("psycopg2")
        );
        assert_eq!(python_project_name("mod_wsgi").as_deref(), Some("mod-wsgi"));
        assert_eq!(python_project_name("./pkg"), None);
        assert_eq!(python_project_name("git+https://example.com/x.git"), None);
    }

    fn pm(program: &str, args: &[&str]) -> PackageManagerId {
        package_manager_for_command(program, args)
            .unwrap_or_else(|| panic!("{program} {args:?}"))
            .id
    }

    #[test]
    fn programs_resolve() {
        assert_eq!(
            pm("apt-get", &["install", "-y", "curl"]),
            PackageManagerId::AptGet
        );
        assert_eq!(
            pm("/usr/bin/apt-get", &["update"]),
            PackageManagerId::AptGet
        );
        assert_eq!(
            pm(
                "python3",
                &["-m", "pip", "install", "-r", "requirements.txt"]
            ),
            PackageManagerId::Pip
        );
        assert_eq!(
            pm("python3.12", &["-m", "pip", "install", "x"]),
            PackageManagerId::Pip
        );
        assert_eq!(pm("pip3.12", &["install", "x"]), PackageManagerId::Pip);
        assert_eq!(
            pm("yarn", &["install", "--frozen-lockfile"]),
            PackageManagerId::YarnClassic
        );
        assert_eq!(
            pm("yarn", &["install", "--immutable"]),
            PackageManagerId::YarnBerry
        );
        assert_eq!(
            pm("./mvnw", &["-B", "dependency:go-offline"]),
            PackageManagerId::Maven
        );
        assert_eq!(
            pm("micromamba", &["install", "-y", "x"]),
            PackageManagerId::Mamba
        );
        assert_eq!(pm("dnf5", &["install", "-y", "x"]), PackageManagerId::Dnf);
        assert!(package_manager_for_command("python3", &["app.py"]).is_none());
        assert!(package_manager_for_command("make", &["install"]).is_none());
    }

    #[test]
    fn flags() {
        assert!(PackageManager::has_any_flag(
            &["install", "-yq", "curl"],
            &["-y"]
        ));
        assert!(PackageManager::has_any_flag(
            &["install", "-qq", "curl"],
            package_manager(PackageManagerId::AptGet).non_interactive_flags
        ));
        assert!(!PackageManager::has_any_flag(
            &["install", "curl"],
            &["-y", "--yes"]
        ));
        assert!(PackageManager::has_any_flag(
            &["ci", "--omit=dev"],
            &["--omit=dev"]
        ));
        assert!(PackageManager::has_any_flag(
            &["install", "--no-cache-dir=1"],
            &["--no-cache-dir"]
        ));
        assert!(!PackageManager::has_any_flag(
            &["--no-cache-directory"],
            &["--no-cache-dir"]
        ));
    }

    #[test]
    fn rule_facts() {
        let apt = package_manager(PackageManagerId::AptGet);
        assert!(apt.clean_commands.contains(&"rm -rf /var/lib/apt/lists/*"));
        assert!(apt.no_recommends_flags.contains(&"--no-install-recommends"));
        assert!(apt
            .cache_mounts
            .iter()
            .any(|m| m.target == "/var/cache/apt" && m.sharing == Some("locked")));
        assert!(apt
            .settings
            .iter()
            .any(|s| s.text.contains("APT::Install-Recommends")));
        assert_eq!(
            package_manager(PackageManagerId::Apk).no_cache_flags,
            &["--no-cache"]
        );
        assert!(package_manager(PackageManagerId::Yum)
            .clean_commands
            .contains(&"yum clean all"));
        assert!(package_manager(PackageManagerId::Dnf)
            .clean_commands
            .contains(&"dnf clean all"));
        assert!(package_manager(PackageManagerId::Zypper)
            .clean_commands
            .contains(&"zypper clean"));
        let npm = package_manager(PackageManagerId::Npm);
        assert!(npm.clean_commands.contains(&"npm cache clean --force"));
        assert!(npm.cache_mounts.iter().any(|m| m.target == "/root/.npm"));
        assert!(npm
            .settings
            .iter()
            .any(|s| s.text.starts_with("npm_config_cache")));
        assert!(npm
            .deprecated_flags
            .iter()
            .any(|f| f.old == "--only=production" && f.new == "--omit=dev"));
        assert!(package_manager(PackageManagerId::YarnClassic)
            .clean_commands
            .contains(&"yarn cache clean"));
        let pip = package_manager(PackageManagerId::Pip);
        assert!(pip.clean_commands.contains(&"pip cache purge"));
        assert!(pip.settings.iter().any(|s| s.text == "PIP_NO_CACHE_DIR=1"));
        assert!(pip
            .cache_mounts
            .iter()
            .any(|m| m.target == "/root/.cache/pip"));
    }

    #[test]
    fn every_row_has_sources() {
        for p in PACKAGE_MANAGERS {
            assert!(!p.source.is_empty() && p.checked.len() == 10, "{}", p.name);
            assert!(
                !p.programs.is_empty() && !p.install_verbs.is_empty(),
                "{}",
                p.name
            );
            for s in p.settings {
                assert!(!s.source.is_empty(), "{}: {}", p.name, s.text);
            }
            for m in p.cache_mounts {
                assert!(
                    !m.source.is_empty() && m.target.starts_with(['/', '.']),
                    "{}: {}",
                    p.name,
                    m.target
                );
            }
            for f in p.deprecated_flags {
                assert!(!f.source.is_empty(), "{}: {}", p.name, f.old);
            }
            assert!(
                p.prompts_by_default <= !p.non_interactive_flags.is_empty(),
                "{}",
                p.name
            );
        }
        // One row per id.
        for (i, a) in PACKAGE_MANAGERS.iter().enumerate() {
            assert!(
                PACKAGE_MANAGERS[i + 1..].iter().all(|b| b.id != a.id),
                "{:?}",
                a.id
            );
        }
    }
}
