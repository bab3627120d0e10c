//! What the official images contain, so that a rewrite can tell what a stage loses when its
//! base changes: the programs on the `PATH`, the package manager, the C library, the default
//! `WORKDIR`, `USER` and `ENV`, and the versions of the tools whose flags changed over time
//! (npm by Node major, pip in the `python` images, apk-tools by Alpine release).
//!
//! Every image is a stack of layers, as its Dockerfile builds it: the OS, then what the
//! language image adds. Each layer names the Dockerfile (or package list) it was read from.
//! The snapshots read (2026-09):
//! - docker-library/buildpack-deps @8330ca1d2319b779c8b7a8aa64bb40dbe568e1e2 (2025-11-13):
//!   `debian/<suite>/{curl,scm,}/Dockerfile` — the full language images are built on these.
//! - docker-library/python @4f07059567fa61c80397126e8063dbbde011b794 (2026-06-23).
//! - nodejs/docker-node @f27d936f7d7ccdeec25cd2de33584c1a841f561d (2026-08-19).
//! - docker-library/golang @7c8c182bfc19ee3169d0596ae63917d2c7166f94 (2026-08-19).
//! - docker-library/ruby @d55e25ae709885250a4e9718c27a09f1e963ca79 (2026-04-21).
//! - docker-library/php @445bf414f1d5866f7aef715f1203eae043710070 (2026-07-30).
//! - rust-lang/docker-rust @7668ee290612ac3ac42dbfcbdfae75120263d2c9 (2026-04-03).
//! - adoptium/containers @d8d18d67a32e2cbc765de68c30ea0998009df325 (2026-08-05).
//! - docker-library/repo-info `repos/debian/local/13-slim.md` @029a6a73 (the dpkg package
//!   list of `debian:trixie-slim`) and `repos/alpine/local/latest.md` (alpine's packages).
//!
//! Images this table does not know are unknown: callers must not guess what they contain.

use super::images::{classify_tag, official_image, Libc, Variant};
use super::package_managers::PackageManagerId;
use serde::Serialize;

/// The distribution under an image.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum OsFamily {
    Debian,
    Ubuntu,
    Alpine,
    /// `gcr.io/distroless/*`: no shell, no package manager.
    Distroless,
}

/// What one Dockerfile step of an image puts on the `PATH`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct Layer {
    pub name: &'static str,
    /// The packages it installs (for the record; programs are what rules ask about).
    pub packages: &'static [&'static str],
    /// The programs it adds to the `PATH`.
    pub programs: &'static [&'static str],
    pub source: &'static str,
}

/// `debian:<suite>` and `debian:<suite>-slim` (the same programs: `-slim` drops documentation
/// and locales). Debian's `Priority: required` set plus apt.
pub(crate) static DEBIAN_BASE: Layer = Layer {
    name: "debian",
    packages: &[
        "apt", "base-files", "base-passwd", "bash", "bsdutils", "coreutils", "dash", "debconf",
        "debianutils", "diffutils", "dpkg", "findutils", "gpgv", "grep", "gzip", "hostname",
        "init-system-helpers", "login", "mawk", "mount", "ncurses-bin", "passwd", "perl-base",
        "sed", "sysvinit-utils", "tar", "util-linux",
    ],
    programs: &[
        "sh", "dash", "bash", "rbash", "cat", "cp", "mv", "rm", "ln", "ls", "mkdir", "rmdir",
        "chmod", "chown", "chgrp", "touch", "echo", "printf", "test", "[", "true", "false",
        "sleep", "env", "id", "whoami", "groups", "uname", "date", "head", "tail", "cut",
        "sort", "uniq", "wc", "tr", "tee", "dirname", "basename", "readlink", "realpath",
        "mktemp", "install", "sha1sum", "sha256sum", "sha512sum", "md5sum", "base64", "stat",
        "du", "df", "nproc", "seq", "yes", "expr", "nohup", "timeout", "chroot", "sync", "dd",
        "od", "paste", "join", "split", "tac", "nl", "fold", "fmt", "pwd", "hostname", "xargs",
        "find", "grep", "egrep", "fgrep", "sed", "awk", "mawk", "gzip", "gunzip", "zcat", "tar",
        "diff", "cmp", "perl", "apt-get", "apt", "apt-cache", "apt-config", "apt-mark", "dpkg",
        "dpkg-query", "dpkg-deb", "dpkg-divert", "update-alternatives", "useradd", "usermod",
        "userdel", "groupadd", "groupmod", "groupdel", "chpasswd", "passwd", "su", "login",
        "mount", "umount", "getent", "ldd", "ldconfig", "locale", "iconv", "gpgv", "run-parts",
        "tempfile", "which", "savelog", "kill", "more", "setsid", "flock", "getopt", "logger",
        "rev", "script", "taskset", "tput", "clear", "reset", "tic", "infocmp", "debconf-set-selections",
    ],
    source: "docker-library/repo-info repos/debian/local/13-slim.md @029a6a7362cedcc060abd73f6f43fda5c5728880 (dpkg package list)",
};

/// `ubuntu:<release>`: the same essential set (no curl, wget, git or ca-certificates).
pub(crate) static UBUNTU_BASE: Layer = Layer {
    name: "ubuntu",
    packages: &[],
    programs: DEBIAN_BASE.programs,
    source: "docker-library/repo-info repos/ubuntu/local/24.04.md (dpkg package list: Priority required + apt)",
};

/// `alpine:<release>`: musl, busybox (whose applets include `wget`, `unzip`, `ps`, `nc`),
/// apk-tools, ssl_client, scanelf and the CA bundle. No bash, curl, git or compilers.
pub(crate) static ALPINE_BASE: Layer = Layer {
    name: "alpine",
    packages: &[
        "alpine-baselayout",
        "alpine-keys",
        "apk-tools",
        "busybox",
        "busybox-binsh",
        "ca-certificates-bundle",
        "libcrypto3",
        "libssl3",
        "musl",
        "musl-utils",
        "scanelf",
        "ssl_client",
        "zlib",
    ],
    programs: &[
        "sh",
        "ash",
        "busybox",
        "cat",
        "cp",
        "mv",
        "rm",
        "ln",
        "ls",
        "mkdir",
        "rmdir",
        "chmod",
        "chown",
        "chgrp",
        "touch",
        "echo",
        "printf",
        "test",
        "[",
        "true",
        "false",
        "sleep",
        "env",
        "id",
        "whoami",
        "uname",
        "date",
        "head",
        "tail",
        "cut",
        "sort",
        "uniq",
        "wc",
        "tr",
        "tee",
        "dirname",
        "basename",
        "readlink",
        "realpath",
        "mktemp",
        "install",
        "sha1sum",
        "sha256sum",
        "sha512sum",
        "md5sum",
        "base64",
        "stat",
        "du",
        "df",
        "nproc",
        "seq",
        "yes",
        "expr",
        "nohup",
        "timeout",
        "chroot",
        "sync",
        "dd",
        "od",
        "paste",
        "split",
        "tac",
        "fold",
        "pwd",
        "hostname",
        "xargs",
        "find",
        "grep",
        "egrep",
        "fgrep",
        "sed",
        "awk",
        "gzip",
        "gunzip",
        "zcat",
        "bzip2",
        "bunzip2",
        "unxz",
        "xzcat",
        "tar",
        "unzip",
        "diff",
        "cmp",
        "patch",
        "wget",
        "nc",
        "ps",
        "top",
        "kill",
        "killall",
        "pkill",
        "pgrep",
        "free",
        "watch",
        "vi",
        "less",
        "more",
        "ping",
        "nslookup",
        "ip",
        "ifconfig",
        "netstat",
        "su",
        "login",
        "adduser",
        "addgroup",
        "deluser",
        "delgroup",
        "passwd",
        "chpasswd",
        "mount",
        "umount",
        "getent",
        "ldd",
        "ldconfig",
        "iconv",
        "getconf",
        "scanelf",
        "apk",
        "ssl_client",
        "which",
        "dos2unix",
        "crond",
        "crontab",
        "setsid",
        "flock",
        "getopt",
        "logger",
        "rev",
        "hexdump",
        "xxd",
        "strings",
        "time",
        "env",
    ],
    source:
        "docker-library/repo-info repos/alpine/local/latest.md (apk package list; busybox applets)",
};

/// buildpack-deps `<suite>-curl`.
pub(crate) static BPD_CURL: Layer = Layer {
    name: "buildpack-deps curl",
    packages: &["ca-certificates", "curl", "gnupg", "netbase", "sq", "wget"],
    programs: &[
        "curl",
        "wget",
        "gpg",
        "gpg-agent",
        "gpgconf",
        "dirmngr",
        "sq",
    ],
    source: concat!(
        "docker-library/buildpack-deps @8330ca1d",
        " debian/trixie/curl/Dockerfile"
    ),
};

/// buildpack-deps `<suite>-scm`.
pub(crate) static BPD_SCM: Layer = Layer {
    name: "buildpack-deps scm",
    packages: &["git", "mercurial", "openssh-client", "subversion", "procps"],
    programs: &[
        "git",
        "hg",
        "ssh",
        "scp",
        "sftp",
        "ssh-keygen",
        "ssh-keyscan",
        "ssh-agent",
        "ssh-add",
        "svn",
        "ps",
        "top",
        "free",
        "pkill",
        "pgrep",
        "pidof",
        "watch",
        "uptime",
        "vmstat",
        "python3",
    ],
    source: concat!(
        "docker-library/buildpack-deps @8330ca1d",
        " debian/trixie/scm/Dockerfile"
    ),
};

/// buildpack-deps `<suite>` (full): compilers, make, and the `-dev` libraries.
pub(crate) static BPD_FULL: Layer = Layer {
    name: "buildpack-deps",
    packages: &[
        "autoconf",
        "automake",
        "bzip2",
        "default-libmysqlclient-dev",
        "dpkg-dev",
        "file",
        "g++",
        "gcc",
        "imagemagick",
        "libbz2-dev",
        "libc6-dev",
        "libcurl4-openssl-dev",
        "libdb-dev",
        "libevent-dev",
        "libffi-dev",
        "libgdbm-dev",
        "libglib2.0-dev",
        "libgmp-dev",
        "libjpeg-dev",
        "libkrb5-dev",
        "liblzma-dev",
        "libmagickcore-dev",
        "libmagickwand-dev",
        "libmaxminddb-dev",
        "libncurses5-dev",
        "libncursesw5-dev",
        "libpng-dev",
        "libpq-dev",
        "libreadline-dev",
        "libsqlite3-dev",
        "libssl-dev",
        "libtool",
        "libwebp-dev",
        "libxml2-dev",
        "libxslt-dev",
        "libyaml-dev",
        "make",
        "patch",
        "unzip",
        "xz-utils",
        "zlib1g-dev",
    ],
    programs: &[
        "autoconf",
        "autoreconf",
        "autoheader",
        "automake",
        "aclocal",
        "libtool",
        "libtoolize",
        "bzip2",
        "bunzip2",
        "dpkg-architecture",
        "dpkg-buildflags",
        "dpkg-source",
        "file",
        "g++",
        "c++",
        "gcc",
        "cc",
        "cpp",
        "ld",
        "as",
        "ar",
        "nm",
        "objdump",
        "objcopy",
        "strip",
        "ranlib",
        "readelf",
        "strings",
        "convert",
        "identify",
        "mogrify",
        "magick",
        "make",
        "patch",
        "unzip",
        "xz",
        "unxz",
        "xzcat",
        "pkg-config",
        "mysql_config",
        "pg_config",
        "curl-config",
        "xml2-config",
        "xslt-config",
    ],
    source: concat!(
        "docker-library/buildpack-deps @8330ca1d",
        " debian/trixie/Dockerfile"
    ),
};

/// What the golang image adds on buildpack-deps scm for cgo.
pub(crate) static GOLANG_CGO: Layer = Layer {
    name: "golang cgo",
    packages: &["g++", "gcc", "libc6-dev", "make", "pkg-config"],
    programs: &[
        "g++",
        "c++",
        "gcc",
        "cc",
        "cpp",
        "ld",
        "as",
        "ar",
        "nm",
        "strip",
        "make",
        "pkg-config",
    ],
    source: "docker-library/golang @7c8c182b 1.27/trixie/Dockerfile",
};

pub(crate) static GO: Layer = Layer {
    name: "go",
    packages: &[],
    programs: &["go", "gofmt"],
    source: "docker-library/golang @7c8c182b 1.27/{trixie,alpine3.24}/Dockerfile",
};

pub(crate) static NODE: Layer = Layer {
    name: "node",
    packages: &[],
    programs: &["node", "nodejs", "npm", "npx", "corepack"],
    source: "nodejs/docker-node @f27d936f 24/{trixie,trixie-slim,alpine3.24}/Dockerfile",
};

/// Yarn 1 ships in the node images up to Node 24; the Node 26 Dockerfiles have no
/// `YARN_VERSION`.
pub(crate) static YARN: Layer = Layer {
    name: "yarn",
    packages: &[],
    programs: &["yarn", "yarnpkg"],
    source: "nodejs/docker-node @f27d936f 24/trixie-slim/Dockerfile (ENV YARN_VERSION=1.22.22; none in 26/)",
};

/// node alpine keeps libstdc++ only.
pub(crate) static NODE_ALPINE: Layer = Layer {
    name: "node alpine",
    packages: &["libstdc++"],
    programs: &[],
    source: "nodejs/docker-node @f27d936f 24/alpine3.24/Dockerfile",
};

pub(crate) static PYTHON: Layer = Layer {
    name: "python",
    packages: &[],
    programs: &[
        "python",
        "python3",
        "pip",
        "pip3",
        "pydoc",
        "pydoc3",
        "idle",
        "idle3",
        "python-config",
        "python3-config",
    ],
    source: "docker-library/python @4f070595 3.14/{trixie,slim-trixie,alpine3.24}/Dockerfile",
};

/// python `-slim` keeps these three packages; the rest of the build deps are purged.
pub(crate) static PYTHON_SLIM: Layer = Layer {
    name: "python slim",
    packages: &["ca-certificates", "netbase", "tzdata"],
    programs: &[],
    source: "docker-library/python @4f070595 3.14/slim-trixie/Dockerfile",
};

pub(crate) static RUBY: Layer = Layer {
    name: "ruby",
    packages: &[],
    programs: &[
        "ruby", "gem", "bundle", "bundler", "irb", "erb", "rake", "rdoc", "ri",
    ],
    source: "docker-library/ruby @d55e25ae 4.0/{trixie,slim-trixie}/Dockerfile",
};

pub(crate) static RUBY_SLIM: Layer = Layer {
    name: "ruby slim",
    packages: &["ca-certificates"],
    programs: &[],
    source: "docker-library/ruby @d55e25ae 4.0/slim-trixie/Dockerfile",
};

pub(crate) static RUST: Layer = Layer {
    name: "rust",
    packages: &[],
    programs: &[
        "rustc",
        "cargo",
        "rustup",
        "rustdoc",
        "rustfmt",
        "cargo-fmt",
        "cargo-clippy",
        "clippy-driver",
    ],
    source: "rust-lang/docker-rust @7668ee29 stable/trixie/{,slim/}Dockerfile",
};

/// rust `-slim` keeps the C toolchain rustc links with; `wget`, installed to fetch
/// `rustup-init`, is removed again in the same `RUN` (`apt-get remove -y --auto-remove wget`).
pub(crate) static RUST_SLIM: Layer = Layer {
    name: "rust slim",
    packages: &["ca-certificates", "gcc", "libc6-dev"],
    programs: &["gcc", "cc", "cpp", "ld", "as", "ar"],
    source: "rust-lang/docker-rust @7668ee29 stable/trixie/slim/Dockerfile",
};

/// php (Debian variants) keeps `$PHPIZE_DEPS` installed for `docker-php-ext-install`.
pub(crate) static PHP_DEBIAN: Layer = Layer {
    name: "php debian",
    packages: &[
        "autoconf",
        "dpkg-dev",
        "file",
        "g++",
        "gcc",
        "libc-dev",
        "make",
        "pkg-config",
        "re2c",
        "ca-certificates",
        "curl",
        "xz-utils",
    ],
    programs: &[
        "autoconf",
        "autoreconf",
        "dpkg-architecture",
        "file",
        "g++",
        "c++",
        "gcc",
        "cc",
        "cpp",
        "ld",
        "as",
        "ar",
        "strip",
        "make",
        "pkg-config",
        "re2c",
        "curl",
        "xz",
        "unxz",
    ],
    source: "docker-library/php @445bf414 8.6-rc/trixie/cli/Dockerfile (PHPIZE_DEPS)",
};

/// php alpine variants delete `$PHPIZE_DEPS` after the build.
pub(crate) static PHP_ALPINE: Layer = Layer {
    name: "php alpine",
    packages: &["ca-certificates", "curl", "openssl", "tar", "xz"],
    programs: &["curl", "openssl", "xz"],
    source: "docker-library/php @445bf414 8.6-rc/alpine3.24/cli/Dockerfile",
};

pub(crate) static PHP: Layer = Layer {
    name: "php",
    packages: &[],
    programs: &[
        "php",
        "pecl",
        "pear",
        "phpize",
        "php-config",
        "docker-php-ext-install",
        "docker-php-ext-enable",
        "docker-php-ext-configure",
        "docker-php-source",
        "docker-php-entrypoint",
    ],
    source: "docker-library/php @445bf414 8.6-rc/trixie/cli/Dockerfile",
};

/// eclipse-temurin on Ubuntu: the packages both jdk and jre install.
pub(crate) static TEMURIN_UBUNTU: Layer = Layer {
    name: "temurin ubuntu",
    packages: &[
        "curl",
        "wget",
        "gnupg",
        "fontconfig",
        "ca-certificates",
        "p11-kit",
        "tzdata",
        "locales",
    ],
    programs: &["curl", "wget", "gpg", "fc-cache", "fc-list", "locale-gen"],
    source: "adoptium/containers @d8d18d67 21/{jdk,jre}/ubuntu/noble/Dockerfile",
};

/// The JDK image adds binutils.
pub(crate) static TEMURIN_JDK_TOOLS: Layer = Layer {
    name: "temurin jdk",
    packages: &["binutils"],
    programs: &[
        "ld", "as", "ar", "nm", "objdump", "objcopy", "strip", "readelf", "strings",
    ],
    source: "adoptium/containers @d8d18d67 21/jdk/ubuntu/noble/Dockerfile",
};

pub(crate) static JRE: Layer = Layer {
    name: "jre",
    packages: &[],
    programs: &["java", "keytool", "jfr", "jrunscript", "rmiregistry"],
    source: "adoptium/containers @d8d18d67 21/jre/ubuntu/noble/Dockerfile (JAVA_HOME/bin on PATH)",
};

pub(crate) static JDK: Layer = Layer {
    name: "jdk",
    packages: &[],
    programs: &[
        "java",
        "keytool",
        "jfr",
        "jrunscript",
        "rmiregistry",
        "javac",
        "jar",
        "jarsigner",
        "javadoc",
        "javap",
        "jcmd",
        "jconsole",
        "jdb",
        "jdeprscan",
        "jdeps",
        "jhsdb",
        "jimage",
        "jinfo",
        "jlink",
        "jmap",
        "jmod",
        "jpackage",
        "jps",
        "jshell",
        "jstack",
        "jstat",
        "jstatd",
        "serialver",
    ],
    source: "adoptium/containers @d8d18d67 21/jdk/ubuntu/noble/Dockerfile (JAVA_HOME/bin on PATH)",
};

/// Every layer of the table.
pub(crate) static ALL_LAYERS: &[&Layer] = &[
    &DEBIAN_BASE,
    &UBUNTU_BASE,
    &ALPINE_BASE,
    &BPD_CURL,
    &BPD_SCM,
    &BPD_FULL,
    &GOLANG_CGO,
    &GO,
    &NODE,
    &YARN,
    &NODE_ALPINE,
    &PYTHON,
    &PYTHON_SLIM,
    &RUBY,
    &RUBY_SLIM,
    &RUST,
    &RUST_SLIM,
    &PHP_DEBIAN,
    &PHP_ALPINE,
    &PHP,
    &TEMURIN_UBUNTU,
    &TEMURIN_JDK_TOOLS,
    &JRE,
    &JDK,
];

/// Whether some image of the table has `program`: the programs a base switch can take away.
pub(crate) fn known_program(program: &str) -> bool {
    ALL_LAYERS.iter().any(|l| l.programs.contains(&program))
}

/// The facts about one official image tag, from its layers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct BaseImage {
    /// The official name (`node`) or distroless repository.
    pub image: &'static str,
    pub variant: Variant,
    pub os: OsFamily,
    /// `trixie`, `bookworm`, `3.24`, `24.04`; `None` when the tag does not say.
    pub release: Option<String>,
    pub libc: Libc,
    pub package_manager: Option<PackageManagerId>,
    /// A POSIX shell at `/bin/sh`.
    pub shell: bool,
    pub layers: Vec<&'static Layer>,
    /// The image's own `WORKDIR` (`/` when it sets none).
    pub workdir: &'static str,
    /// The image's own `USER` (`None`: root).
    pub user: Option<&'static str>,
    /// `ENV`s the image sets that a rewrite may rely on.
    pub env: &'static [(&'static str, &'static str)],
    /// The language version the tag names (`"20"`, `"3.12"`), or the pin line for floating
    /// tags.
    pub version: Option<String>,
}

impl BaseImage {
    /// Whether `program` is on the image's `PATH`.
    pub(crate) fn has_program(&self, program: &str) -> bool {
        self.layers.iter().any(|l| l.programs.contains(&program))
    }

    /// Whether the image carries a package (from its layers' lists).
    pub(crate) fn has_package(&self, package: &str) -> bool {
        self.layers.iter().any(|l| l.packages.contains(&package))
    }

    /// The major version of the language the tag names (`"20.11"` → 20).
    pub(crate) fn major(&self) -> Option<u32> {
        let v = self.version.as_deref()?;
        v.split(['.', '-']).next()?.parse().ok()
    }

    /// `major.minor` of the language the tag names.
    pub(crate) fn major_minor(&self) -> Option<(u32, u32)> {
        let v = self.version.as_deref()?;
        let mut it = v.split(['.', '-']);
        let major = it.next()?.parse().ok()?;
        let minor = it.next().and_then(|m| m.parse().ok()).unwrap_or(0);
        Some((major, minor))
    }

    /// Whether the image runs a Debian release whose packages have left the Debian mirrors
    /// for archive.debian.org, so that `apt-get update` with the sources the image carries
    /// fails: the release its tag names, or, for a tag that names none, the release every
    /// last build of its language line was on.
    pub(crate) fn on_archived_debian(&self) -> bool {
        if self.os != OsFamily::Debian {
            return false;
        }
        if let Some(release) = self.release.as_deref() {
            return ARCHIVED_DEBIAN.contains(&release);
        }
        let Some(version) = self.major_minor() else {
            return false;
        };
        LAST_BUILT_ON_ARCHIVED_DEBIAN
            .iter()
            .any(|(image, last)| *image == self.image && version <= *last)
    }

    /// The Alpine release as (major, minor), when the tag names it or the image is
    /// `alpine:<release>`.
    pub(crate) fn alpine_release(&self) -> Option<(u32, u32)> {
        if self.os != OsFamily::Alpine {
            return None;
        }
        let r = self.release.as_deref()?;
        let mut it = r.split('.');
        Some((it.next()?.parse().ok()?, it.next()?.parse().ok()?))
    }
}

/// Debian releases moved from the mirrors to archive.debian.org: wheezy, jessie and stretch
/// years ago, buster in July 2025 after its LTS ended (the many projects' pull requests that
/// moved their Docker builds to the archive then).
const ARCHIVED_DEBIAN: &[&str] = &["wheezy", "jessie", "stretch", "buster"];

/// Language lines (up to this `major.minor`) whose official images were last built when
/// buster or an older release was the newest their image offered, so that whichever
/// variant an untagged-suite tag resolved to, its release is archived: Node up to 11
/// (EOL 2019-06), Python up to 3.5 (EOL 2020-09), Ruby up to 2.5 (EOL 2021-03), Go up to
/// 1.14 (EOL 2021-02), PHP up to 7.2 (EOL 2020-11); the official images moved to bullseye
/// after its release in 2021-08, after all of them.
const LAST_BUILT_ON_ARCHIVED_DEBIAN: &[(&str, (u32, u32))] = &[
    ("node", (11, u32::MAX)),
    ("python", (3, 5)),
    ("ruby", (2, 5)),
    ("golang", (1, 14)),
    ("php", (7, 2)),
];

/// npm's major version in the last release of each Node major, as the release notes give it:
/// nodejs/node `doc/changelogs/CHANGELOG_V<major>.md` ("deps: upgrade npm to ..."). Node 15 was
/// the first to ship npm 7 (CHANGELOG_V15.md, 15.0.0, 2020-10-20).
const NPM_BY_NODE: &[(u32, u32)] = &[
    (0, 2),
    (4, 2),
    (5, 3),
    (6, 3),
    (7, 4),
    (8, 6),
    (9, 5),
    (10, 6),
    (11, 6),
    (12, 6),
    (13, 6),
    (14, 6),
    (15, 7),
    (16, 8),
    (17, 8),
    (18, 10),
    (19, 9),
    (20, 10),
    (21, 10),
    (22, 10),
    (23, 11),
    (24, 11),
    (25, 11),
    (26, 11),
];

/// The npm major a Node major ships with; newer Node majors than the table ship npm 11 or
/// later.
pub(crate) fn npm_major_for_node(node_major: u32) -> Option<u32> {
    if let Some((_, npm)) = NPM_BY_NODE.iter().find(|(n, _)| *n == node_major) {
        return Some(*npm);
    }
    let newest = NPM_BY_NODE.last()?;
    (node_major > newest.0).then_some(newest.1)
}

/// Node releases within a major that still shipped an older npm major than the major's last
/// release: (Node major, first minor with the newer npm, the npm major before it). Node 8.0.0
/// to 8.11.x shipped npm 5 (5.0.0 to 5.6.0, without `npm ci`, which npm 5.7 added); 8.12.0
/// upgraded to npm 6.4.1 (nodejs/node CHANGELOG_V8.md, 8.12.0, 2018-09-11).
const NPM_CHANGED_WITHIN: &[(u32, u32, u32)] = &[(8, 12, 5)];

/// The npm major a Node image's tag ships: by its release when the tag pins a minor that
/// predates an npm upgrade of its line (`8.11.3`), else by its major.
pub(crate) fn npm_major_for_node_tag(node_major: u32, node_minor: Option<u32>) -> Option<u32> {
    let older = NPM_CHANGED_WITHIN
        .iter()
        .find(|(major, since, _)| *major == node_major && node_minor.is_some_and(|m| m < *since));
    match older {
        Some((_, _, npm)) => Some(*npm),
        None => npm_major_for_node(node_major),
    }
}

/// pip gained its cache and `--no-cache-dir` in 6.0 (pypa/pip NEWS.rst "6.0 (2014-12-22)";
/// commit 52ca0260 "Use CacheControl instead of custom cache code"). Older pip keeps no cache.
pub(crate) const PIP_NO_CACHE_DIR_SINCE: u32 = 6;

/// The `python` images install pip >= 6.1.1 since docker-library/python 12105a2a (2015-05-19,
/// "Install explicit version of pip"); the Python releases superseded before then never got a
/// rebuild with it: 2.7.0-2.7.9, 3.3.0-3.3.6, 3.4.0-3.4.3 (their exact tags).
pub(crate) fn python_image_pip_major(python_version: &str) -> Option<u32> {
    let parts: Vec<u32> = python_version
        .split('.')
        .map_while(|p| p.parse().ok())
        .collect();
    match parts.as_slice() {
        [2, 7, patch] if *patch <= 9 => Some(1),
        [3, 3, patch] if *patch <= 6 => Some(1),
        [3, 4, patch] if *patch <= 3 => Some(1),
        [2 | 3, ..] => Some(PIP_NO_CACHE_DIR_SINCE),
        _ => None,
    }
}

/// pip from the distribution's own package (`apt-get install python-pip`), by release, where
/// it predates pip 6: Ubuntu 12.04 (1.0), 14.04 (1.5.4); Debian 7 (1.1), 8 (1.5.6). Later
/// releases ship pip 8 or newer. Source: the python-pip package of each release
/// (packages.ubuntu.com/trusty/python-pip 1.5.4-1ubuntu4; packages.debian.org/jessie/python-pip
/// 1.5.6-5).
pub(crate) fn distro_pip_major(os: OsFamily, release: &str) -> Option<u32> {
    match (os, release) {
        (OsFamily::Ubuntu, "12.04" | "precise") => Some(1),
        (OsFamily::Ubuntu, "14.04" | "trusty") => Some(1),
        (OsFamily::Debian, "7" | "wheezy") => Some(1),
        (OsFamily::Debian, "8" | "jessie") => Some(1),
        (OsFamily::Ubuntu, _) | (OsFamily::Debian, _) => {
            let known_new = [
                "16.04", "xenial", "18.04", "bionic", "20.04", "focal", "22.04", "jammy", "24.04",
                "noble", "26.04", "resolute", "9", "stretch", "10", "buster", "11", "bullseye",
                "12", "bookworm", "13", "trixie",
            ];
            known_new.contains(&release).then_some(8)
        }
        _ => None,
    }
}

/// `apk add --no-cache` exists since Alpine 3.3 (apk-tools 2.6): docker-library/golang
/// 5fc9acac (2015-12-30) "Update to Alpine 3.3 (especially for "--no-cache")"; the
/// gliderlabs/docker-alpine usage notes: "As of Alpine Linux 3.3 there exists a new
/// --no-cache option for apk".
pub(crate) const APK_NO_CACHE_SINCE: (u32, u32) = (3, 3);

/// The language images' `-alpine` tags were all rebuilt on Alpine 3.3 or later (golang
/// moved its alpine variants to 3.3 on 2015-12-30; python's first alpine variant followed on
/// 2015-12-18 from `alpine:edge`; node's first, 2016-04-25, was on 3.4).
pub(crate) const LANGUAGE_ALPINE_AT_LEAST: (u32, u32) = (3, 3);

const DEBIAN_SUITES: &[(&str, &str)] = &[
    ("wheezy", "7"),
    ("jessie", "8"),
    ("stretch", "9"),
    ("buster", "10"),
    ("bullseye", "11"),
    ("bookworm", "12"),
    ("trixie", "13"),
    ("forky", "14"),
];

fn debian_suite_of(release: &str) -> Option<&'static str> {
    DEBIAN_SUITES
        .iter()
        .find(|(s, n)| *s == release || *n == release)
        .map(|(s, _)| *s)
}

const GOLANG_ENV: &[(&str, &str)] = &[
    ("GOPATH", "/go"),
    (
        "PATH",
        "/go/bin:/usr/local/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
    ),
    ("GOTOOLCHAIN", "local"),
];
const RUBY_ENV: &[(&str, &str)] = &[
    ("GEM_HOME", "/usr/local/bundle"),
    ("BUNDLE_SILENCE_ROOT_WARNING", "1"),
    ("BUNDLE_APP_CONFIG", "/usr/local/bundle"),
    ("LANG", "C.UTF-8"),
];
const PYTHON_ENV: &[(&str, &str)] = &[("LANG", "C.UTF-8")];
const RUST_ENV: &[(&str, &str)] = &[
    ("RUSTUP_HOME", "/usr/local/rustup"),
    ("CARGO_HOME", "/usr/local/cargo"),
];
const PHP_ENV: &[(&str, &str)] = &[("PHP_INI_DIR", "/usr/local/etc/php")];
const JAVA_ENV: &[(&str, &str)] = &[("JAVA_HOME", "/opt/java/openjdk")];

/// The facts about `image:tag` (an official name such as `node`, `library/node`), or `None`
/// for images and tags this table does not know.
pub(crate) fn base_image(image: &str, tag: Option<&str>) -> Option<BaseImage> {
    let family = official_image(image)?;
    if family.name == "gcr.io/distroless" {
        let info = classify_tag(image, tag.unwrap_or("latest"))?;
        return Some(BaseImage {
            image: family.name,
            variant: Variant::Distroless,
            os: OsFamily::Distroless,
            release: info
                .os
                .and_then(|o| o.strip_prefix("debian-").map(str::to_string)),
            libc: info.libc,
            package_manager: None,
            shell: tag.is_some_and(|t| t.starts_with("debug")),
            layers: Vec::new(),
            workdir: "/",
            user: tag.filter(|t| t.contains("nonroot")).map(|_| "65532"),
            env: &[],
            version: info.version,
        });
    }
    let info = classify_tag(family.name, tag.unwrap_or("latest"))?;
    let version = info
        .version
        .clone()
        .or_else(|| family.pin.as_ref().map(|p| p.line.to_string()));
    let alpine = info.libc == Libc::Musl;
    let os_word = info.os.clone();
    let (os, release) = match (&os_word, alpine) {
        (_, true) => {
            let release = os_word
                .as_deref()
                .and_then(|o| o.strip_prefix("alpine-"))
                .map(str::to_string);
            (OsFamily::Alpine, release)
        }
        (Some(o), false) if o.starts_with("ubuntu-") => {
            (OsFamily::Ubuntu, Some(o["ubuntu-".len()..].to_string()))
        }
        (Some(o), false) if o.starts_with("debian-") => (
            OsFamily::Debian,
            debian_suite_of(&o["debian-".len()..]).map(str::to_string),
        ),
        (_, false) if family.name == "eclipse-temurin" || family.name == "ubuntu" => {
            (OsFamily::Ubuntu, None)
        }
        (_, false) => (OsFamily::Debian, None),
    };
    let base: &'static Layer = match os {
        OsFamily::Alpine => &ALPINE_BASE,
        OsFamily::Ubuntu => &UBUNTU_BASE,
        _ => &DEBIAN_BASE,
    };
    let mut layers: Vec<&'static Layer> = vec![base];
    let full_bpd: [&'static Layer; 3] = [&BPD_CURL, &BPD_SCM, &BPD_FULL];
    let v = info.variant;
    let mut workdir = "/";
    // No official image here switches USER (node creates `node`, uid 1000, and stays root).
    let user = None;
    let mut env: &'static [(&'static str, &'static str)] = &[];
    match family.name {
        "node" => {
            if v == Variant::Full {
                layers.extend(full_bpd);
            }
            if alpine {
                layers.push(&NODE_ALPINE);
            }
            layers.push(&NODE);
            let major = version
                .as_deref()
                .and_then(|v| v.split('.').next())
                .and_then(|m| m.parse::<u32>().ok());
            if major.is_none_or(|m| m <= 24) {
                layers.push(&YARN);
            }
        }
        "python" => {
            match v {
                Variant::Full => layers.extend(full_bpd),
                Variant::Slim => layers.push(&PYTHON_SLIM),
                _ => {}
            }
            layers.push(&PYTHON);
            env = PYTHON_ENV;
        }
        "golang" => {
            if v == Variant::Full {
                layers.extend([&BPD_CURL, &BPD_SCM, &GOLANG_CGO]);
            }
            layers.push(&GO);
            workdir = "/go";
            env = GOLANG_ENV;
        }
        "ruby" => {
            match v {
                Variant::Full => layers.extend(full_bpd),
                Variant::Slim => layers.push(&RUBY_SLIM),
                _ => {}
            }
            layers.push(&RUBY);
            env = RUBY_ENV;
        }
        "rust" => {
            match v {
                Variant::Full => layers.extend(full_bpd),
                Variant::Slim => layers.push(&RUST_SLIM),
                _ => {}
            }
            layers.push(&RUST);
            env = RUST_ENV;
        }
        "php" => {
            layers.push(if alpine { &PHP_ALPINE } else { &PHP_DEBIAN });
            layers.push(&PHP);
            env = PHP_ENV;
            if matches!(
                v,
                Variant::Fpm
                    | Variant::FpmAlpine
                    | Variant::Apache
                    | Variant::Zts
                    | Variant::ZtsAlpine
            ) {
                workdir = "/var/www/html";
            }
        }
        "eclipse-temurin" => {
            if !alpine {
                layers.push(&TEMURIN_UBUNTU);
            }
            match v {
                Variant::Jdk | Variant::JdkAlpine => {
                    if !alpine {
                        layers.push(&TEMURIN_JDK_TOOLS);
                    }
                    layers.push(&JDK);
                }
                _ => layers.push(&JRE),
            }
            env = JAVA_ENV;
        }
        "buildpack-deps" => match v {
            Variant::Curl => layers.push(&BPD_CURL),
            Variant::Scm => layers.extend([&BPD_CURL, &BPD_SCM]),
            _ => layers.extend(full_bpd),
        },
        "debian" | "ubuntu" | "alpine" => {}
        // Images whose contents beyond their OS this table does not list.
        _ => return None,
    }
    let release = release.or_else(|| match family.name {
        "alpine" => version
            .as_deref()
            .map(|v| v.split('.').take(2).collect::<Vec<_>>().join(".")),
        "ubuntu" => version.clone(),
        "debian" => version
            .as_deref()
            .and_then(|v| debian_suite_of(v.split('.').next().unwrap_or(v)))
            .map(str::to_string),
        _ => None,
    });
    Some(BaseImage {
        image: family.name,
        variant: v,
        os,
        release,
        libc: info.libc,
        package_manager: Some(if alpine {
            PackageManagerId::Apk
        } else {
            PackageManagerId::AptGet
        }),
        shell: true,
        layers,
        workdir,
        user,
        env,
        version,
    })
}

/// The package that provides `program` through `manager`, for the programs the full images
/// have and the slim ones lack. `None` for programs without a package of their own here.
pub(crate) fn package_for_program(
    manager: PackageManagerId,
    program: &str,
) -> Option<&'static str> {
    let debian: &[(&str, &str)] = &[
        ("curl", "curl"),
        ("wget", "wget"),
        ("git", "git"),
        ("hg", "mercurial"),
        ("svn", "subversion"),
        ("ssh", "openssh-client"),
        ("scp", "openssh-client"),
        ("sftp", "openssh-client"),
        ("ssh-keygen", "openssh-client"),
        ("ssh-keyscan", "openssh-client"),
        ("ssh-agent", "openssh-client"),
        ("ssh-add", "openssh-client"),
        ("gpg", "gnupg"),
        ("gpg-agent", "gnupg"),
        ("gpgconf", "gnupg"),
        ("dirmngr", "dirmngr"),
        ("unzip", "unzip"),
        ("bzip2", "bzip2"),
        ("bunzip2", "bzip2"),
        ("xz", "xz-utils"),
        ("unxz", "xz-utils"),
        ("xzcat", "xz-utils"),
        ("file", "file"),
        ("patch", "patch"),
        ("ps", "procps"),
        ("top", "procps"),
        ("free", "procps"),
        ("pkill", "procps"),
        ("pgrep", "procps"),
        ("pidof", "procps"),
        ("watch", "procps"),
        ("uptime", "procps"),
        ("vmstat", "procps"),
        ("convert", "imagemagick"),
        ("identify", "imagemagick"),
        ("mogrify", "imagemagick"),
        ("python3", "python3"),
        ("sq", "sq"),
    ];
    let alpine: &[(&str, &str)] = &[
        ("curl", "curl"),
        ("git", "git"),
        ("hg", "mercurial"),
        ("svn", "subversion"),
        ("ssh", "openssh-client"),
        ("scp", "openssh-client"),
        ("sftp", "openssh-client"),
        ("ssh-keygen", "openssh-keygen"),
        ("ssh-keyscan", "openssh-client"),
        ("ssh-agent", "openssh-client"),
        ("ssh-add", "openssh-client"),
        ("gpg", "gnupg"),
        ("gpg-agent", "gnupg"),
        ("gpgconf", "gnupg"),
        ("bash", "bash"),
        ("xz", "xz"),
        ("file", "file"),
        ("convert", "imagemagick"),
        ("identify", "imagemagick"),
        ("mogrify", "imagemagick"),
        ("python3", "python3"),
        ("openssl", "openssl"),
        ("dirmngr", "gnupg-dirmngr"),
    ];
    let table = match manager {
        PackageManagerId::AptGet | PackageManagerId::Apt => debian,
        PackageManagerId::Apk => alpine,
        _ => return None,
    };
    table
        .iter()
        .find(|(p, _)| *p == program)
        .map(|(_, pkg)| *pkg)
}

/// Programs that compile or build native code: a stage that runs them on a full image needs
/// them and, often, the `-dev` libraries the full image carries too.
pub(crate) const BUILD_TOOLS: &[&str] = &[
    "gcc",
    "g++",
    "cc",
    "c++",
    "cpp",
    "make",
    "cmake",
    "autoconf",
    "autoreconf",
    "automake",
    "aclocal",
    "libtool",
    "libtoolize",
    "pkg-config",
    "ld",
    "as",
    "ar",
    "ranlib",
    "strip",
    "configure",
    "dpkg-architecture",
    "mysql_config",
    "pg_config",
    "curl-config",
    "xml2-config",
    "xslt-config",
];

/// Whether an image reference names a Windows image: Microsoft's Windows base images, the
/// Windows variants of official images (`*windowsservercore*`, `*nanoserver*`), and .NET
/// Framework / IIS images, which exist for Windows only.
pub(crate) fn is_windows_image(reference: &str) -> bool {
    // The Windows base images the syntax layer knows, and the .NET Framework and IIS
    // images, which exist for Windows only.
    if crate::syntax::shell_view::is_windows_image(reference) {
        return true;
    }
    let lower = reference.to_ascii_lowercase();
    lower.starts_with("microsoft/windows")
        || lower.contains("dotnet-framework")
        || lower.contains("dotnet/framework")
        || lower.starts_with("microsoft/iis")
        || lower.starts_with("mcr.microsoft.com/iis")
        || is_repository(&lower, "microsoft/aspnet")
}

/// Whether `reference` (lower case) names `repository` itself, with or without a tag or a
/// digest: `microsoft/aspnet:4.8` is `microsoft/aspnet`, `microsoft/aspnetcore` is not.
fn is_repository(reference: &str, repository: &str) -> bool {
    reference
        .strip_prefix(repository)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with([':', '@']))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn img(image: &str, tag: &str) -> BaseImage {
        base_image(image, Some(tag)).unwrap_or_else(|| panic!("{image}:{tag}"))
    }

    #[test]
    fn full_images_have_the_build_tools_slim_ones_lack() {
        let full = img("python", "3.11");
        let slim = img("python", "3.11-slim");
        for p in ["curl", "wget", "git", "make", "gcc", "ssh", "unzip", "gpg"] {
            assert!(full.has_program(p), "{p}");
            assert!(!slim.has_program(p), "{p}");
        }
        assert!(slim.has_package("ca-certificates"));
        assert!(slim.has_program("python3") && slim.has_program("pip"));
        let node = img("node", "22-slim");
        assert!(!node.has_program("curl") && !node.has_package("ca-certificates"));
        assert!(node.has_program("yarn"));
        assert!(!img("node", "26-slim").has_program("yarn"));
    }

    #[test]
    fn alpine_has_busybox_wget_but_no_bash_or_curl() {
        let a = img("node", "20-alpine");
        assert_eq!(a.os, OsFamily::Alpine);
        assert!(a.has_program("wget") && a.has_program("unzip"));
        assert!(!a.has_program("bash") && !a.has_program("curl"));
        assert_eq!(a.package_manager, Some(PackageManagerId::Apk));
        assert_eq!(img("alpine", "3.2").alpine_release(), Some((3, 2)));
        assert_eq!(img("alpine", "3.19.1").alpine_release(), Some((3, 19)));
        assert_eq!(
            img("golang", "1.22-alpine3.19").alpine_release(),
            Some((3, 19))
        );
        assert_eq!(img("golang", "1.22-alpine").alpine_release(), None);
    }

    #[test]
    fn golang_defaults() {
        let g = img("golang", "1.22");
        assert_eq!(g.workdir, "/go");
        assert!(g.has_program("gcc") && g.has_program("git") && !g.has_program("unzip"));
        let a = img("golang", "1.22-alpine");
        assert!(!a.has_program("gcc") && !a.has_program("git"));
    }

    #[test]
    fn npm_by_node_major() {
        let npm = |tag: Option<&str>| npm_major_for_node(base_image("node", tag).unwrap().major()?);
        assert_eq!(npm(Some("14")), Some(6));
        assert_eq!(npm(Some("0.10")), Some(2));
        assert_eq!(npm(Some("16-alpine")), Some(8));
        assert_eq!(npm(None), Some(11));
        assert_eq!(npm_major_for_node(30), Some(11));
        // A tag that pins a release before its line's npm upgrade has the older npm.
        assert_eq!(npm_major_for_node_tag(8, Some(11)), Some(5));
        assert_eq!(npm_major_for_node_tag(8, Some(12)), Some(6));
        assert_eq!(npm_major_for_node_tag(8, None), Some(6));
    }

    #[test]
    fn pip_versions() {
        assert_eq!(python_image_pip_major("3.4.1"), Some(1));
        assert_eq!(python_image_pip_major("3.4"), Some(6));
        assert_eq!(python_image_pip_major("2.7.14"), Some(6));
        assert_eq!(distro_pip_major(OsFamily::Ubuntu, "14.04"), Some(1));
        assert_eq!(distro_pip_major(OsFamily::Ubuntu, "18.04"), Some(8));
        assert_eq!(distro_pip_major(OsFamily::Ubuntu, "13.10"), None);
    }

    #[test]
    fn unknown_images_are_unknown() {
        assert!(base_image("myorg/node", Some("20")).is_none());
        assert!(base_image("nginx", Some("1.27")).is_none());
        assert!(base_image("node", Some("20-windowsservercore")).is_none());
    }

    #[test]
    fn windows_images() {
        for w in [
            "mcr.microsoft.com/windows/servercore:ltsc2022",
            "python:3.13-windowsservercore",
            "microsoft/dotnet-framework:4.7.2-sdk",
            "mcr.microsoft.com/dotnet/framework/sdk:4.8",
            "microsoft/iis",
            "stefanscherer/node-windows:8.6.0-build-tools",
            "microsoft/aspnet:4.7.2",
            "microsoft/aspnet",
            "microsoft/aspnetcore:2.0-nanoserver",
        ] {
            assert!(is_windows_image(w), "{w}");
        }
        assert!(!is_windows_image("mcr.microsoft.com/dotnet/sdk:8.0"));
        // ASP.NET Core images are Linux ones unless their tag says otherwise.
        assert!(!is_windows_image("microsoft/aspnetcore-build"));
        assert!(!is_windows_image("microsoft/aspnetcore:2.0"));
        assert!(!is_windows_image("acme/windowsill:1"));
        assert!(!is_windows_image("acme/app:windows-compat"));
    }

    #[test]
    fn layers_name_their_sources() {
        for tag in ["3.11", "3.11-slim", "3.11-alpine"] {
            for s in img("python", tag).layers.iter().map(|l| l.source) {
                assert!(s.contains('@') || s.contains("repo-info"), "{s}");
            }
        }
    }
}
