//! Official images: their variants, libc per variant, the version to pin to, and how to swap a
//! full image for a slimmer one.
//!
//! Facts and where they come from:
//! - Which tags and variants exist: the "Supported tags" list of each image's README in
//!   `docker-library/docs` (snapshot c4a9ba41443427b2ec1d5c4cc01879076aa4a1eb, files last changed
//!   2026-08-18 to 2026-08-21); every family row names its file and date.
//! - Versions and compressed sizes: `docker-library/repo-info`, see `image_sizes.rs`.
//! - Distroless: the GoogleContainerTools/distroless README and support policy, see `distroless.rs`.
//!
//! Rules of thumb encoded here:
//! - full → `-slim` keeps glibc and the Debian base: the usual safe-ish swap.
//! - full → `-alpine` changes glibc to musl: `VariantSwap::libc_changes` is set so callers warn.
//! - eclipse-temurin `-jdk` → `-jre` for a runtime stage.
//! - golang, rust, gcc, maven, gradle and buildpack-deps are toolchains (`build_toolchain`):
//!   the bigger win is a multi-stage build. rust has `-slim`; golang has alpine only.
//! - nginx, httpd, postgres and redis have alpine variants only (no `-slim`).
//! - buildpack-deps (full) → `<suite>-curl`; `debian:<suite>-slim` is smaller still.
//! - `openjdk` is deprecated; it maps to `eclipse-temurin`.

use super::distroless::{self, DISTROLESS_PREFIX};
use super::image_sizes::{ImageSize, IMAGE_SIZES};
use serde::Serialize;

/// The C library a variant links against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Libc {
    Glibc,
    Musl,
    /// No libc at all (`gcr.io/distroless/static`).
    None,
}

/// The user's preferred slim flavour (config `prefer = "slim" | "alpine"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Flavor {
    /// The `-slim` variants (Debian, glibc): the same C library as the full images.
    Slim,
    /// The `-alpine` variants (musl): smaller, but binaries built for glibc may not run.
    Alpine,
}

/// A published variant of an official image.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Variant {
    /// The default tag (buildpack-deps based for language images; the plain image otherwise).
    Full,
    Slim,
    Alpine,
    /// nginx `alpine-slim`: alpine without the extra modules.
    AlpineSlim,
    Jdk,
    Jre,
    JdkAlpine,
    JreAlpine,
    /// php default (`php:8.5` = `php:8.5-cli`).
    Cli,
    CliAlpine,
    Fpm,
    FpmAlpine,
    Apache,
    Zts,
    ZtsAlpine,
    /// buildpack-deps `<suite>-curl`.
    Curl,
    /// buildpack-deps `<suite>-scm` (curl + git, mercurial, openssh, subversion, procps).
    Scm,
    /// maven / gradle: a JDK plus the build tool.
    Builder,
    /// nginx `perl` / `otel`: full plus extra modules.
    WithModules,
    Distroless,
}

impl Variant {
    /// Whether the variant is built on Alpine (musl).
    pub(crate) fn is_alpine(self) -> bool {
        matches!(
            self,
            Variant::Alpine
                | Variant::AlpineSlim
                | Variant::JdkAlpine
                | Variant::JreAlpine
                | Variant::CliAlpine
                | Variant::FpmAlpine
                | Variant::ZtsAlpine
        )
    }
}

/// Where `slim` goes relative to a Debian codename in a tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum SlimPlacement {
    /// `node:20-bookworm-slim`, `debian:bookworm-slim`.
    AfterSuite,
    /// `python:3.12-slim-bookworm`, `ruby:4.0-slim-trixie`, `rust:1.98-slim-trixie`.
    BeforeSuite,
}

/// The release line to pin an untagged / `latest` reference to.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct PinLine {
    /// The tag prefix to pin to (`"26"`, `"3.14"`, `"trixie"`).
    pub line: &'static str,
    /// Appended when the user's tag has no token of that kind (gradle `jdk25`, maven `eclipse-temurin-25`).
    pub default_suffix: Option<&'static str>,
    /// The newest exact version seen on that line, for users who pin fully.
    pub exact_version: Option<&'static str>,
    /// Why this line: what a careful maintainer would choose.
    pub reason: &'static str,
    pub source: &'static str,
    pub observed: &'static str,
}

/// One official image and what we know about its variants.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct ImageFamily {
    /// Docker Hub name (`node`), or `gcr.io/distroless` for the distroless images.
    pub name: &'static str,
    /// libc of the non-alpine variants.
    pub libc: Libc,
    /// The variant of the default tag (`latest`, `20`).
    pub default_variant: Variant,
    pub variants: &'static [Variant],
    pub slim_placement: SlimPlacement,
    /// Whether variant tags exist without a version (`slim`, `alpine`, `curl`).
    pub bare_variant_tags: bool,
    /// A toolchain image meant for a build stage: suggest a multi-stage build.
    pub build_toolchain: bool,
    /// Deprecated image and its replacement.
    pub replaced_by: Option<&'static str>,
    pub pin: Option<PinLine>,
    /// Floating tags that name another line: (`"stable"`, `"1.30"`) for nginx.
    pub floating_lines: &'static [(&'static str, &'static str)],
    pub note: &'static str,
    pub source: &'static str,
    pub observed: &'static str,
}

/// What a tag says: `"20-bookworm"` → full, version 20, debian-bookworm, glibc.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct TagInfo {
    pub variant: Variant,
    /// The version in the tag (`"20"`, `"3.12"`, `"1.22"`); the release for OS images
    /// (`debian:bookworm` → `"12"`); `None` for floating tags (`latest`, `lts`, `slim`).
    pub version: Option<String>,
    /// `debian-bookworm`, `ubuntu-24.04`, `alpine-3.19`, `alpine`, `debian-13` (distroless)...;
    /// `None` when the tag does not say.
    pub os: Option<String>,
    pub libc: Libc,
}

/// A suggested swap to a slimmer variant of the same (or the replacing) image.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct VariantSwap {
    /// Target image: the same family, or the replacement (`openjdk` → `eclipse-temurin`).
    pub image: &'static str,
    /// e.g. `"20-slim"`, keeping the user's version.
    pub tag: String,
    pub from_variant: Variant,
    pub to_variant: Variant,
    /// Approximate compressed size of the current variant, from the size table.
    pub from_bytes: Option<u64>,
    /// Approximate compressed size of the target variant, from the size table.
    pub to_bytes: Option<u64>,
    /// glibc → musl: warn, native binaries may break.
    pub libc_changes: bool,
    /// Source of `to_bytes` (or of the variant facts when no size is known).
    pub source: &'static str,
    /// Source of `from_bytes`.
    pub from_source: Option<&'static str>,
    /// Date of the `to_bytes` fact.
    pub observed: Option<&'static str>,
    /// What the swap drops or risks, for the diagnostic.
    pub note: &'static str,
}

impl VariantSwap {
    /// Estimated compressed bytes saved, when both sizes are known.
    pub(crate) fn savings_bytes(&self) -> Option<u64> {
        Some(self.from_bytes?.saturating_sub(self.to_bytes?))
    }
}

/// The tag to pin an untagged / `latest` reference to.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct PinnedTag {
    /// The image to use (the replacement for deprecated images).
    pub image: &'static str,
    /// e.g. `"26"` or `"26-slim"`.
    pub tag: String,
    /// Newest exact version seen on that line (`"26.9.0"`).
    pub exact_version: Option<&'static str>,
    pub reason: &'static str,
    pub source: &'static str,
    pub observed: &'static str,
}

/// A deprecated image and the tag to use instead.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct ImageReplacement {
    pub image: &'static str,
    /// `None` when the replacement does not publish that version.
    pub tag: Option<String>,
    pub reason: &'static str,
    pub source: &'static str,
    pub observed: &'static str,
}

// ---------------------------------------------------------------------------------------------
// The family table
// ---------------------------------------------------------------------------------------------

use Variant as V;

const LANG_VARIANTS: &[Variant] = &[V::Full, V::Slim, V::Alpine];
const FULL_ALPINE: &[Variant] = &[V::Full, V::Alpine];
const FULL_ONLY: &[Variant] = &[V::Full];

/// Temurin majors published (docker-library/docs eclipse-temurin/README.md @c4a9ba41, 2026-08-21:
/// 8, 11, 17, 21, 25 and 26 tags, each with jdk/jre, ubuntu and alpine).
pub(crate) const TEMURIN_MAJORS: &[&str] = &["8", "11", "17", "21", "25", "26"];

macro_rules! docs_src {
    ($image:literal) => {
        concat!(
            "docker-library/docs ",
            $image,
            "/README.md @c4a9ba41443427b2ec1d5c4cc01879076aa4a1eb (Supported tags)"
        )
    };
}

/// All known official image families.
pub(crate) static FAMILIES: &[ImageFamily] = &[
    ImageFamily {
        name: "node",
        libc: Libc::Glibc,
        default_variant: V::Full,
        variants: LANG_VARIANTS,
        slim_placement: SlimPlacement::AfterSuite,
        bare_variant_tags: true,
        build_toolchain: false,
        replaced_by: None,
        pin: Some(PinLine {
            line: "26",
            default_suffix: None,
            exact_version: Some("26.9.0"),
            reason: "Node 26 is the Active LTS line: nodejs/Release README gives 24 'Maintenance start 2026-10-20' and the v26 release plan (nodejs/Release#1152) an 'LTS transition 2026-10-28'; `latest` was already 26 (26.5.0, 2026-07-08). Pin the major: LTS updates within it are compatible and keep security fixes; 24 would be maintenance-only.",
            source: "nodejs/Release README.md and issue #1152; docker-library/repo-info repos/node/remote/trixie-slim.md (26.9.0, read_file id 68898631090)",
            observed: "2026-09-19",
        }),
        floating_lines: &[("lts", "26"), ("current", "26")],
        note: "`node:<v>` is buildpack-deps based (~410-440 MB); `-slim` is ~80-85 MB. Default tags of 22/24 were on bookworm, 26 on trixie.",
        source: docs_src!("node"),
        observed: "2026-08-18",
    },
    ImageFamily {
        name: "python",
        libc: Libc::Glibc,
        default_variant: V::Full,
        variants: LANG_VARIANTS,
        slim_placement: SlimPlacement::BeforeSuite,
        bare_variant_tags: true,
        build_toolchain: false,
        replaced_by: None,
        pin: Some(PinLine {
            line: "3.14",
            default_suffix: None,
            exact_version: Some("3.14.7"),
            reason: "3.14 is the newest stable minor (3.15 is rc). A Python minor is its feature release; patch updates within 3.14 are compatible.",
            source: "docker-library/repo-info repos/python/remote/latest.md @0c376450b2d177f8478d9fd05ad2b9de6be78fd6; docker-library/docs python/README.md @c4a9ba41",
            observed: "2026-08-25",
        }),
        floating_lines: &[],
        note: "`python:<v>` is buildpack-deps based (~415 MB); `-slim` ~43 MB; `-alpine` ~18 MB (musl: many wheels are manylinux/glibc).",
        source: docs_src!("python"),
        observed: "2026-08-18",
    },
    ImageFamily {
        name: "golang",
        libc: Libc::Glibc,
        default_variant: V::Full,
        variants: FULL_ALPINE,
        slim_placement: SlimPlacement::AfterSuite,
        bare_variant_tags: true,
        build_toolchain: true,
        replaced_by: None,
        pin: Some(PinLine {
            line: "1.27",
            default_suffix: None,
            exact_version: Some("1.27.1"),
            reason: "Go minor releases (1.27) are the feature releases; 1.27.x are fixes. Newest stable seen.",
            source: "docker-library/repo-info repos/golang/remote/1.27.md @274d39a50141ecda8745a0ebaa20760259111041",
            observed: "2026-09-01",
        }),
        floating_lines: &[],
        note: "A builder image: build with CGO_ENABLED=0 and copy the binary onto distroless static or scratch. No `-slim` variant; alpine only.",
        source: docs_src!("golang"),
        observed: "2026-08-19",
    },
    ImageFamily {
        name: "rust",
        libc: Libc::Glibc,
        default_variant: V::Full,
        variants: LANG_VARIANTS,
        slim_placement: SlimPlacement::BeforeSuite,
        bare_variant_tags: true,
        build_toolchain: true,
        replaced_by: None,
        pin: Some(PinLine {
            line: "1.98",
            default_suffix: None,
            exact_version: Some("1.98.0"),
            reason: "Every 1.x is backward compatible, so `1` floats like `latest`; pin the minor so new lints and toolchain changes arrive on purpose.",
            source: "docker-library/repo-info repos/rust/remote/latest.md @0586660a66b9371b7f2ee04942223534b0462178; docker-library/docs rust/README.md @c4a9ba41",
            observed: "2026-08-25",
        }),
        floating_lines: &[],
        note: "A builder image (~590 MB; `-slim` ~320 MB): build in it, run on debian:<suite>-slim or distroless cc.",
        source: docs_src!("rust"),
        observed: "2026-08-20",
    },
    ImageFamily {
        name: "ruby",
        libc: Libc::Glibc,
        default_variant: V::Full,
        variants: LANG_VARIANTS,
        slim_placement: SlimPlacement::BeforeSuite,
        bare_variant_tags: true,
        build_toolchain: false,
        replaced_by: None,
        pin: Some(PinLine {
            line: "4.0",
            default_suffix: None,
            exact_version: Some("4.0.7"),
            reason: "Ruby minors (4.0) are the feature releases; newest stable seen.",
            source: "docker-library/repo-info repos/ruby/remote/slim.md @06a9eb78646351a3a49869d5e3a9581db14cd08f",
            observed: "2026-09-19",
        }),
        floating_lines: &[],
        note: "`ruby:<v>` is buildpack-deps based (~430 MB); `-slim` ~81 MB. Gems with C extensions need build-essential in a builder stage.",
        source: docs_src!("ruby"),
        observed: "2026-08-18",
    },
    ImageFamily {
        name: "php",
        libc: Libc::Glibc,
        default_variant: V::Cli,
        variants: &[V::Cli, V::Fpm, V::Apache, V::Zts, V::CliAlpine, V::FpmAlpine, V::ZtsAlpine],
        slim_placement: SlimPlacement::AfterSuite,
        bare_variant_tags: true,
        build_toolchain: false,
        replaced_by: None,
        pin: Some(PinLine {
            line: "8.5",
            default_suffix: None,
            exact_version: Some("8.5.10"),
            reason: "PHP minors (8.5) are the feature releases; 8.6 is still beta.",
            source: "docker-library/repo-info repos/php/remote/fpm.md @1fb3303d728486f2b2d4e699c2ca98cecc57a8fd",
            observed: "2026-09-15",
        }),
        floating_lines: &[],
        note: "No `-slim`: cli/fpm/zts have alpine variants (musl), apache has none.",
        source: docs_src!("php"),
        observed: "2026-08-18",
    },
    ImageFamily {
        name: "eclipse-temurin",
        libc: Libc::Glibc,
        default_variant: V::Jdk,
        variants: &[V::Jdk, V::Jre, V::JdkAlpine, V::JreAlpine],
        slim_placement: SlimPlacement::AfterSuite,
        bare_variant_tags: false,
        build_toolchain: false,
        replaced_by: None,
        pin: Some(PinLine {
            line: "25",
            default_suffix: None,
            exact_version: Some("25.0.4+7"),
            reason: "25 is the current LTS and what `latest` points to (26 is a short-lived feature release).",
            source: "docker-library/docs eclipse-temurin/README.md @c4a9ba41 (`25.0.4_7-jdk`, `25-jdk`, `25`, `latest`)",
            observed: "2026-08-21",
        }),
        floating_lines: &[],
        note: "Ubuntu based (26.04 for 21/25). Use `-jre` to run: e.g. 21-jdk ~230 MB vs 21-jre ~121 MB.",
        source: docs_src!("eclipse-temurin"),
        observed: "2026-08-21",
    },
    ImageFamily {
        name: "openjdk",
        libc: Libc::Glibc,
        default_variant: V::Jdk,
        variants: &[V::Jdk, V::Jre, V::JdkAlpine, V::JreAlpine],
        slim_placement: SlimPlacement::BeforeSuite,
        bare_variant_tags: false,
        build_toolchain: false,
        replaced_by: Some("eclipse-temurin"),
        pin: None,
        floating_lines: &[],
        note: "\"This image is officially deprecated\"; only early-access tags were updated after July 2022.",
        source: "docker-library/docs openjdk/deprecated.md @326814f7a (2022-06-15) and openjdk/README.md @c4a9ba41 (DEPRECATION NOTICE)",
        observed: "2026-08-21",
    },
    ImageFamily {
        name: "nginx",
        libc: Libc::Glibc,
        default_variant: V::Full,
        variants: &[V::Full, V::Alpine, V::AlpineSlim, V::WithModules],
        slim_placement: SlimPlacement::AfterSuite,
        bare_variant_tags: true,
        build_toolchain: false,
        replaced_by: None,
        pin: Some(PinLine {
            line: "1.31",
            default_suffix: None,
            exact_version: Some("1.31.6"),
            reason: "`latest` is the mainline line (1.31); pin the line `latest` already follows. `stable` maps to 1.30.",
            source: "docker-library/docs nginx/README.md @c4a9ba41 (`1.31.4`, `mainline`, `1`, `1.31`, `latest`); docker-library/repo-info repos/nginx/remote/alpine.md @073c780cc133d5ae32b07228be073797e67908f3 (1.31.6)",
            observed: "2026-09-22",
        }),
        floating_lines: &[("mainline", "1.31"), ("stable", "1.30")],
        note: "No `-slim`: `alpine` keeps the njs/acme/xslt/geoip/image-filter modules of the Debian image; `alpine-slim` drops them.",
        source: docs_src!("nginx"),
        observed: "2026-08-19",
    },
    ImageFamily {
        name: "httpd",
        libc: Libc::Glibc,
        default_variant: V::Full,
        variants: FULL_ALPINE,
        slim_placement: SlimPlacement::AfterSuite,
        bare_variant_tags: true,
        build_toolchain: false,
        replaced_by: None,
        pin: Some(PinLine {
            line: "2.4",
            default_suffix: None,
            exact_version: Some("2.4.68"),
            reason: "2.4 is the only maintained line.",
            source: "docker-library/repo-info repos/httpd/remote/latest.md @157d40004033426c6d74f484d4e78da6a055256f",
            observed: "2026-09-19",
        }),
        floating_lines: &[],
        note: "No `-slim`; alpine only.",
        source: docs_src!("httpd"),
        observed: "2026-08-18",
    },
    ImageFamily {
        name: "postgres",
        libc: Libc::Glibc,
        default_variant: V::Full,
        variants: FULL_ALPINE,
        slim_placement: SlimPlacement::AfterSuite,
        bare_variant_tags: true,
        build_toolchain: false,
        replaced_by: None,
        pin: Some(PinLine {
            line: "18",
            default_suffix: None,
            exact_version: Some("18.6"),
            reason: "A PostgreSQL major changes the data directory format (upgrade needs pg_upgrade/dump); minors are fixes. Never let `latest` move a major.",
            source: "docker-library/repo-info repos/postgres/remote/latest.md @0b63eeca29bdd695a0db3d3249137b9929da650d",
            observed: "2026-09-19",
        }),
        floating_lines: &[],
        note: "No `-slim`; alpine only. Alpine builds use musl collation: indexes on text may need reindexing when switching.",
        source: docs_src!("postgres"),
        observed: "2026-08-18",
    },
    ImageFamily {
        name: "redis",
        libc: Libc::Glibc,
        default_variant: V::Full,
        variants: FULL_ALPINE,
        slim_placement: SlimPlacement::AfterSuite,
        bare_variant_tags: true,
        build_toolchain: false,
        replaced_by: None,
        pin: Some(PinLine {
            line: "8.10",
            default_suffix: None,
            exact_version: Some("8.10.2"),
            reason: "Redis ships features in each 8.x minor (8.2 ... 8.10, each with its own tags); pin the minor so upgrades are deliberate.",
            source: "docker-library/repo-info repos/redis/remote/alpine.md @0bdd94409df031423d112c6f22cab289fa8fc401",
            observed: "2026-09-21",
        }),
        floating_lines: &[],
        note: "No `-slim`; alpine only.",
        source: docs_src!("redis"),
        observed: "2026-08-18",
    },
    ImageFamily {
        name: "debian",
        libc: Libc::Glibc,
        default_variant: V::Full,
        variants: &[V::Full, V::Slim],
        slim_placement: SlimPlacement::AfterSuite,
        bare_variant_tags: false,
        build_toolchain: false,
        replaced_by: None,
        pin: Some(PinLine {
            line: "trixie",
            default_suffix: None,
            exact_version: Some("13.6"),
            reason: "The codename of the current stable release (13); it never moves to 14, unlike `latest`/`stable`.",
            source: "docker-library/docs debian/README.md @c4a9ba41 (`trixie`, `13.6`, `13`)",
            observed: "2026-08-18",
        }),
        floating_lines: &[("stable", "trixie"), ("oldstable", "bookworm"), ("oldoldstable", "bullseye")],
        note: "`-slim` drops man pages, docs and locales (~30 MB vs ~49 MB).",
        source: docs_src!("debian"),
        observed: "2026-08-18",
    },
    ImageFamily {
        name: "ubuntu",
        libc: Libc::Glibc,
        default_variant: V::Full,
        variants: FULL_ONLY,
        slim_placement: SlimPlacement::AfterSuite,
        bare_variant_tags: false,
        build_toolchain: false,
        replaced_by: None,
        pin: Some(PinLine {
            line: "26.04",
            default_suffix: None,
            exact_version: None,
            reason: "26.04 (resolute) is the LTS release `latest` points to.",
            source: "docker-library/docs ubuntu/README.md @c4a9ba41 (`26.04`, `resolute`, `latest`, `rolling`)",
            observed: "2026-08-18",
        }),
        floating_lines: &[("rolling", "26.04")],
        note: "No slim variant; the image is already minimal (~30-42 MB).",
        source: docs_src!("ubuntu"),
        observed: "2026-08-18",
    },
    ImageFamily {
        name: "alpine",
        libc: Libc::Musl,
        default_variant: V::Full,
        variants: FULL_ONLY,
        slim_placement: SlimPlacement::AfterSuite,
        bare_variant_tags: false,
        build_toolchain: false,
        replaced_by: None,
        pin: Some(PinLine {
            line: "3.24",
            default_suffix: None,
            exact_version: Some("3.24.2"),
            reason: "Alpine releases are minor versions (3.24); patch tags are fixes.",
            source: "docker-library/repo-info repos/alpine/remote/latest.md @1746b58749182f00f5d2c26a53fff697cfce2c81",
            observed: "2026-09-17",
        }),
        floating_lines: &[],
        note: "musl based, ~4 MB.",
        source: docs_src!("alpine"),
        observed: "2026-08-18",
    },
    ImageFamily {
        name: "buildpack-deps",
        libc: Libc::Glibc,
        default_variant: V::Full,
        variants: &[V::Full, V::Scm, V::Curl],
        slim_placement: SlimPlacement::AfterSuite,
        bare_variant_tags: true,
        build_toolchain: true,
        replaced_by: None,
        pin: Some(PinLine {
            line: "trixie",
            default_suffix: None,
            exact_version: None,
            reason: "Tags are Debian/Ubuntu suites; `latest`/`stable` = trixie, which never moves.",
            source: "docker-library/docs buildpack-deps/README.md @c4a9ba41 (`trixie`, `stable`, `latest`)",
            observed: "2026-08-18",
        }),
        floating_lines: &[("stable", "trixie"), ("oldstable", "bookworm"), ("oldoldstable", "bullseye")],
        note: "Layers: rootfs → curl (ca-certificates, curl, gnupg, wget) → scm (git, mercurial, openssh-client, subversion, procps) → full (compilers, -dev libraries). trixie 379 MB, trixie-curl 75 MB.",
        source: docs_src!("buildpack-deps"),
        observed: "2026-08-18",
    },
    ImageFamily {
        name: "gcc",
        libc: Libc::Glibc,
        default_variant: V::Full,
        variants: FULL_ONLY,
        slim_placement: SlimPlacement::AfterSuite,
        bare_variant_tags: false,
        build_toolchain: true,
        replaced_by: None,
        pin: Some(PinLine {
            line: "16",
            default_suffix: None,
            exact_version: Some("16.2.0"),
            reason: "GCC majors are the feature releases; 16.x are fixes.",
            source: "docker-library/repo-info repos/gcc/remote/latest.md @12d227e272605b69ea9fd48335e9d4af78308396",
            observed: "2026-08-31",
        }),
        floating_lines: &[],
        note: "A builder image (~560 MB): run the output on debian:<suite>-slim.",
        source: docs_src!("gcc"),
        observed: "2026-08-18",
    },
    ImageFamily {
        name: "maven",
        libc: Libc::Glibc,
        default_variant: V::Builder,
        variants: &[V::Builder],
        slim_placement: SlimPlacement::AfterSuite,
        bare_variant_tags: false,
        build_toolchain: true,
        replaced_by: None,
        pin: Some(PinLine {
            line: "3.9",
            default_suffix: Some("eclipse-temurin-25"),
            exact_version: Some("3.9.16"),
            reason: "Maven 3.9 with the LTS JDK: `latest` is 3.9.16 on Temurin 26, a non-LTS JDK whose tags stop updating soon; 4.0 is rc.",
            source: "docker-library/docs maven/README.md @c4a9ba41 (`3.9.16-eclipse-temurin-26-noble`, ..., `latest`; `3.9-eclipse-temurin-25`)",
            observed: "2026-08-18",
        }),
        floating_lines: &[],
        note: "A builder image: package in it, run the jar on eclipse-temurin:<v>-jre.",
        source: docs_src!("maven"),
        observed: "2026-08-18",
    },
    ImageFamily {
        name: "gradle",
        libc: Libc::Glibc,
        default_variant: V::Builder,
        variants: &[V::Builder],
        slim_placement: SlimPlacement::AfterSuite,
        bare_variant_tags: false,
        build_toolchain: true,
        replaced_by: None,
        pin: Some(PinLine {
            line: "9.7",
            default_suffix: Some("jdk25"),
            exact_version: Some("9.7.1"),
            reason: "Gradle minors add features; `latest` = 9.7.1-jdk25 (LTS JDK).",
            source: "docker-library/docs gradle/README.md @c4a9ba41 (`9.7.1-jdk25`, `9.7-jdk25`, ..., `latest`)",
            observed: "2026-08-19",
        }),
        floating_lines: &[],
        note: "A builder image: build in it, run the jar on eclipse-temurin:<v>-jre.",
        source: docs_src!("gradle"),
        observed: "2026-08-19",
    },
    ImageFamily {
        name: "gcr.io/distroless",
        libc: Libc::Glibc,
        default_variant: V::Distroless,
        variants: &[V::Distroless],
        slim_placement: SlimPlacement::AfterSuite,
        bare_variant_tags: false,
        build_toolchain: false,
        replaced_by: None,
        pin: None,
        floating_lines: &[],
        note: "Runtime-only images without shell or package manager; see `distroless.rs` for which are maintained.",
        source: "GoogleContainerTools/distroless README.md @0a6bcd73eee43d24342cc2ad5266ddff17e7e674",
        observed: "2026-08-06",
    },
];

// ---------------------------------------------------------------------------------------------
// Lookups
// ---------------------------------------------------------------------------------------------

const REGISTRY_PREFIXES: &[&str] = &[
    "docker.io/",
    "index.docker.io/",
    "registry-1.docker.io/",
    "registry.hub.docker.com/",
];

/// Strips the Docker Hub registry and `library/` prefixes: `docker.io/library/node` → `node`.
fn normalize_name(name: &str) -> &str {
    let mut n = name.trim();
    for p in REGISTRY_PREFIXES {
        // Bytes, not `str`: the name may have a multi-byte character where the prefix ends.
        if n.as_bytes()
            .get(..p.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(p.as_bytes()))
        {
            n = &n[p.len()..];
            break;
        }
    }
    n.strip_prefix("library/").unwrap_or(n)
}

/// The official image family for a name: accepts `node`, `library/node`, `docker.io/library/node`,
/// `index.docker.io/library/node`, and any `gcr.io/distroless/...` name.
pub(crate) fn official_image(name: &str) -> Option<&'static ImageFamily> {
    let n = normalize_name(name);
    if n.len() > DISTROLESS_PREFIX.len() && n.starts_with(DISTROLESS_PREFIX) {
        return FAMILIES.iter().find(|f| f.name == "gcr.io/distroless");
    }
    FAMILIES
        .iter()
        .find(|f| f.name != "gcr.io/distroless" && f.name.eq_ignore_ascii_case(n))
}

// ---------------------------------------------------------------------------------------------
// Tag parsing
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Version,
    /// `rc`, `beta` after a version; temurin `b07` build numbers.
    VersionPart,
    Floating,
    /// Debian/Ubuntu codename, UBI, Oracle Linux.
    Suite,
    /// Snapshot date or `backports` after a suite.
    SuiteExtra,
    Alpine,
    /// temurin `alpine-3.24`: the `3.24`.
    AlpineVersion,
    Slim,
    Jdk,
    Jre,
    Php,
    Curl,
    Scm,
    Modules,
    /// maven/gradle JDK vendor tokens, distroless tag words, arch suffixes.
    Extra,
}

#[derive(Debug, Clone)]
struct Token<'a> {
    text: &'a str,
    kind: Kind,
}

#[derive(Debug, Clone)]
struct Parsed<'a> {
    tokens: Vec<Token<'a>>,
    /// Version alias (node codename → major).
    alias: Option<&'static str>,
}

impl Parsed<'_> {
    fn has(&self, k: Kind) -> bool {
        self.tokens.iter().any(|t| t.kind == k)
    }
    fn text_of(&self, k: Kind) -> Option<&str> {
        self.tokens.iter().find(|t| t.kind == k).map(|t| t.text)
    }
}

const DEBIAN_SUITES: &[(&str, Option<&str>)] = &[
    ("wheezy", Some("7")),
    ("jessie", Some("8")),
    ("stretch", Some("9")),
    ("buster", Some("10")),
    ("bullseye", Some("11")),
    ("bookworm", Some("12")),
    ("trixie", Some("13")),
    ("forky", Some("14")),
    ("sid", None),
];
const UBUNTU_SUITES: &[(&str, &str)] = &[
    ("precise", "12.04"),
    ("trusty", "14.04"),
    ("xenial", "16.04"),
    ("bionic", "18.04"),
    ("focal", "20.04"),
    ("jammy", "22.04"),
    ("noble", "24.04"),
    ("resolute", "26.04"),
];
/// Node LTS codenames (nodejs/Release README; docker-library/docs node/README.md `krypton` = 24).
const NODE_CODENAMES: &[(&str, &str)] = &[
    ("hydrogen", "18"),
    ("iron", "20"),
    ("jod", "22"),
    ("krypton", "24"),
];
const FLOATING: &[&str] = &[
    "latest",
    "lts",
    "current",
    "stable",
    "mainline",
    "edge",
    "rolling",
    "devel",
    "oldstable",
    "oldoldstable",
    "testing",
    "unstable",
];
const WINDOWS: &[&str] = &[
    "windowsservercore",
    "nanoserver",
    "ltsc2016",
    "ltsc2019",
    "ltsc2022",
    "ltsc2025",
    "1809",
];

fn is_version(t: &str) -> bool {
    t.starts_with(|c: char| c.is_ascii_digit())
        && t.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '+'))
}

/// `rc`/`beta` after a version (`3.15-rc`), temurin build numbers (`8u502-b07`).
fn is_version_part(t: &str) -> bool {
    t == "rc"
        || t == "beta"
        || (t.len() > 1 && t.starts_with('b') && t[1..].chars().all(|c| c.is_ascii_digit()))
}

fn is_suite(t: &str) -> bool {
    DEBIAN_SUITES.iter().any(|(s, _)| *s == t) || UBUNTU_SUITES.iter().any(|(s, _)| *s == t)
}

/// UBI and Oracle Linux bases of the Java images (`21-jre-ubi9-minimal`, `17-oraclelinux8`).
fn is_java_os(t: &str) -> bool {
    t.starts_with("ubi") || t == "minimal" || t.starts_with("oracle")
}

fn is_snapshot(t: &str) -> bool {
    t.len() >= 8 && t.starts_with("20") && t.chars().all(|c| c.is_ascii_digit() || c == '.')
}

fn is_family(f: &ImageFamily, names: &[&str]) -> bool {
    names.contains(&f.name)
}

fn parse_tag<'a>(fam: &ImageFamily, tag: &'a str) -> Option<Parsed<'a>> {
    let builder = is_family(fam, &["maven", "gradle"]);
    let distroless = fam.name == "gcr.io/distroless";
    let java = is_family(fam, &["eclipse-temurin", "openjdk"]);
    let mut tokens: Vec<Token<'a>> = Vec::new();
    let mut alias = None;
    if tag.is_empty() {
        return None;
    }
    for (i, text) in tag.split('-').enumerate() {
        if text.is_empty() {
            return None;
        }
        let t = text.to_ascii_lowercase();
        let prev = tokens.last().map(|p| p.kind);
        let kind = if WINDOWS.contains(&t.as_str()) {
            return None; // Windows images: out of scope.
        } else if distroless {
            if ["latest", "nonroot", "debug"].contains(&t.as_str())
                || distroless::ARCH_SUFFIXES.contains(&t.as_str())
            {
                Kind::Extra
            } else {
                return None;
            }
        } else if i == 0 && is_version(&t) {
            Kind::Version
        } else if prev == Some(Kind::Version) && is_version_part(&t) {
            Kind::VersionPart
        } else if prev == Some(Kind::Alpine) && java && is_version(&t) {
            Kind::AlpineVersion
        } else if matches!(prev, Some(Kind::Suite) | Some(Kind::SuiteExtra))
            && (is_snapshot(&t) || t == "backports")
        {
            Kind::SuiteExtra
        } else if t == "alpine" || (t.starts_with("alpine") && is_version(&t["alpine".len()..])) {
            Kind::Alpine
        } else if t == "slim" {
            Kind::Slim
        } else if is_suite(&t) || (java && is_java_os(&t)) {
            Kind::Suite
        } else if FLOATING.contains(&t.as_str()) {
            Kind::Floating
        } else if builder {
            Kind::Extra
        } else if java && t == "jdk" {
            Kind::Jdk
        } else if java && t == "jre" {
            Kind::Jre
        } else if fam.name == "php" && ["cli", "fpm", "apache", "zts"].contains(&t.as_str()) {
            Kind::Php
        } else if fam.name == "buildpack-deps" && t == "curl" {
            Kind::Curl
        } else if fam.name == "buildpack-deps" && t == "scm" {
            Kind::Scm
        } else if fam.name == "nginx" && (t == "perl" || t == "otel") {
            Kind::Modules
        } else if let (true, Some((_, major))) = (
            fam.name == "node",
            NODE_CODENAMES.iter().find(|(c, _)| *c == t),
        ) {
            alias = Some(*major);
            Kind::Version
        } else {
            return None;
        };
        tokens.push(Token { text, kind });
    }
    Some(Parsed { tokens, alias })
}

fn resolve_variant(fam: &ImageFamily, p: &Parsed) -> Option<Variant> {
    let alpine = p.has(Kind::Alpine);
    let v = match fam.name {
        "eclipse-temurin" | "openjdk" => match (p.has(Kind::Jre), alpine) {
            (true, true) => V::JreAlpine,
            (true, false) => V::Jre,
            (false, true) => V::JdkAlpine,
            (false, false) => V::Jdk,
        },
        "php" => {
            let kind = p.text_of(Kind::Php).map(|s| s.to_ascii_lowercase());
            match (kind.as_deref(), alpine) {
                (None | Some("cli"), false) => V::Cli,
                (None | Some("cli"), true) => V::CliAlpine,
                (Some("fpm"), false) => V::Fpm,
                (Some("fpm"), true) => V::FpmAlpine,
                (Some("zts"), false) => V::Zts,
                (Some("zts"), true) => V::ZtsAlpine,
                (Some("apache"), false) => V::Apache,
                _ => return None,
            }
        }
        "nginx" => match (alpine, p.has(Kind::Slim), p.has(Kind::Modules)) {
            (true, true, false) => V::AlpineSlim,
            (_, false, true) => V::WithModules,
            (true, false, false) => V::Alpine,
            (false, false, false) => V::Full,
            _ => return None,
        },
        "buildpack-deps" => match (p.has(Kind::Curl), p.has(Kind::Scm)) {
            (true, false) => V::Curl,
            (false, true) => V::Scm,
            (false, false) => V::Full,
            _ => return None,
        },
        _ if alpine && p.has(Kind::Slim) => return None,
        _ if alpine && fam.variants.contains(&V::Alpine) => V::Alpine,
        _ if p.has(Kind::Slim) => V::Slim,
        _ => fam.default_variant,
    };
    if alpine && !v.is_alpine() && !is_family(fam, &["maven", "gradle"]) {
        return None;
    }
    fam.variants.contains(&v).then_some(v)
}

fn suite_version(fam: &ImageFamily, suite: &str) -> Option<&'static str> {
    let s = suite.to_ascii_lowercase();
    if let Some((_, v)) = DEBIAN_SUITES.iter().find(|(n, _)| *n == s) {
        return *v;
    }
    if let Some((_, v)) = UBUNTU_SUITES.iter().find(|(n, _)| *n == s) {
        // Ubuntu-based images (temurin) are versioned by their own release, not the OS.
        return is_family(fam, &["ubuntu"]).then_some(*v);
    }
    None
}

fn os_of(p: &Parsed) -> Option<String> {
    if let Some(a) = p.text_of(Kind::Alpine) {
        let ver = a[6..].trim_start_matches('.');
        let ver = if ver.is_empty() {
            p.text_of(Kind::AlpineVersion).unwrap_or("")
        } else {
            ver
        };
        return Some(if ver.is_empty() {
            "alpine".to_string()
        } else {
            format!("alpine-{ver}")
        });
    }
    let s = p.text_of(Kind::Suite)?.to_ascii_lowercase();
    if DEBIAN_SUITES.iter().any(|(n, _)| *n == s) {
        return Some(format!("debian-{s}"));
    }
    if let Some((_, v)) = UBUNTU_SUITES.iter().find(|(n, _)| *n == s) {
        return Some(format!("ubuntu-{v}"));
    }
    Some(s)
}

/// For OS images the version token names the OS: `alpine:3.19.1` → `alpine-3.19`,
/// `ubuntu:24.04` → `ubuntu-24.04`, `debian:12-slim` → `debian-bookworm`.
fn os_of_os_image(fam: &ImageFamily, p: &Parsed) -> Option<String> {
    let v = p.text_of(Kind::Version)?;
    match fam.name {
        "alpine" => Some(format!(
            "alpine-{}",
            v.split('.').take(2).collect::<Vec<_>>().join(".")
        )),
        "ubuntu" => Some(format!("ubuntu-{v}")),
        "debian" => {
            let major = v.split('.').next().unwrap_or(v);
            DEBIAN_SUITES
                .iter()
                .find(|(_, n)| *n == Some(major))
                .map(|(s, _)| format!("debian-{s}"))
        }
        _ => None,
    }
}

fn version_of(fam: &ImageFamily, p: &Parsed) -> Option<String> {
    if let Some(a) = p.alias {
        return Some(a.to_string());
    }
    let mut parts = p
        .tokens
        .iter()
        .filter(|t| matches!(t.kind, Kind::Version | Kind::VersionPart));
    if let Some(first) = parts.next() {
        let mut v = first.text.to_string();
        for rest in parts {
            v.push('-');
            v.push_str(rest.text);
        }
        return Some(v);
    }
    if is_family(fam, &["debian", "ubuntu", "buildpack-deps"]) {
        return p
            .text_of(Kind::Suite)
            .and_then(|s| suite_version(fam, s))
            .map(str::to_string)
            .or_else(|| {
                // buildpack-deps on Ubuntu suites: the suite is the version.
                p.text_of(Kind::Suite)
                    .and_then(|s| {
                        UBUNTU_SUITES
                            .iter()
                            .find(|(n, _)| n.eq_ignore_ascii_case(s))
                    })
                    .map(|(_, v)| v.to_string())
            });
    }
    None
}

/// Classifies a tag of an official image: `("node", "20-bookworm")` → full, version `20`,
/// `debian-bookworm`, glibc; `("python", "3.12-slim-bookworm")` → slim; `("golang",
/// "1.22-alpine3.19")` → alpine, musl; `("node", "latest")` → full. `None` for unknown images,
/// Windows tags, and tags with words we do not know (so no rule acts on a guess).
pub(crate) fn classify_tag(image: &str, tag: &str) -> Option<TagInfo> {
    let fam = official_image(image)?;
    if fam.name == "gcr.io/distroless" {
        let d = distroless::distroless_image(normalize_name(image))?;
        parse_tag(fam, tag)?;
        let version = d
            .language_version
            .map(str::to_string)
            .or_else(|| (d.runtime == "python3").then(|| "3".to_string()));
        return Some(TagInfo {
            variant: V::Distroless,
            version,
            os: Some(format!("debian-{}", d.debian)),
            libc: d.libc,
        });
    }
    let p = parse_tag(fam, tag)?;
    let variant = resolve_variant(fam, &p)?;
    let libc = if p.has(Kind::Alpine) {
        Libc::Musl
    } else {
        fam.libc
    };
    let os = os_of(&p).or_else(|| os_of_os_image(fam, &p));
    Some(TagInfo {
        variant,
        version: version_of(fam, &p),
        os,
        libc,
    })
}

// ---------------------------------------------------------------------------------------------
// Swaps
// ---------------------------------------------------------------------------------------------

fn variant_libc(fam: &ImageFamily, v: Variant) -> Libc {
    if v.is_alpine() {
        Libc::Musl
    } else {
        fam.libc
    }
}

/// Rebuilds the user's tag for another variant, keeping version, floating words and OS where the
/// target variant has them.
fn rewrite_tag(fam: &ImageFamily, p: &Parsed, to: Variant) -> String {
    let mut out: Vec<(String, Kind)> = p
        .tokens
        .iter()
        .filter(|t| !(t.kind == Kind::Floating && t.text.eq_ignore_ascii_case("latest")))
        .map(|t| (t.text.to_string(), t.kind))
        .collect();
    let after_version = |out: &Vec<(String, Kind)>| {
        out.iter()
            .rposition(|(_, k)| matches!(k, Kind::Version | Kind::VersionPart | Kind::Floating))
            .map_or(0, |i| i + 1)
    };
    let to_jre = matches!(to, V::Jre | V::JreAlpine);
    if to_jre {
        if let Some(i) = out.iter().position(|(_, k)| *k == Kind::Jdk) {
            out[i] = ("jre".to_string(), Kind::Jre);
        } else if !out.iter().any(|(_, k)| *k == Kind::Jre) {
            let at = after_version(&out);
            out.insert(at, ("jre".to_string(), Kind::Jre));
        }
    }
    match to {
        V::Slim => {
            let suite_end = out
                .iter()
                .rposition(|(_, k)| matches!(k, Kind::Suite | Kind::SuiteExtra));
            let suite_start = out.iter().position(|(_, k)| *k == Kind::Suite);
            match (fam.slim_placement, suite_start, suite_end) {
                (SlimPlacement::BeforeSuite, Some(s), _) => {
                    out.insert(s, ("slim".into(), Kind::Slim))
                }
                (SlimPlacement::AfterSuite, _, Some(e)) => {
                    out.insert(e + 1, ("slim".into(), Kind::Slim))
                }
                _ => out.push(("slim".into(), Kind::Slim)),
            }
        }
        V::Curl => {
            let at = out
                .iter()
                .rposition(|(_, k)| matches!(k, Kind::Suite | Kind::SuiteExtra | Kind::Floating))
                .map_or(out.len(), |i| i + 1);
            out.insert(at, ("curl".into(), Kind::Curl));
        }
        v if v.is_alpine() => {
            out.retain(|(_, k)| !matches!(k, Kind::Suite | Kind::SuiteExtra | Kind::Slim));
            if !out.iter().any(|(_, k)| *k == Kind::Alpine) {
                out.push(("alpine".into(), Kind::Alpine));
            }
        }
        _ => {}
    }
    let has_line = out
        .iter()
        .any(|(_, k)| matches!(k, Kind::Version | Kind::Suite | Kind::Floating));
    if !has_line && !fam.bare_variant_tags {
        if let Some(pin) = &fam.pin {
            out.insert(0, (pin.line.to_string(), Kind::Version));
        }
    }
    out.into_iter()
        .map(|(s, _)| s)
        .collect::<Vec<_>>()
        .join("-")
}

/// Days since an arbitrary epoch, monotonic for YYYY-MM-DD (good enough for differences).
fn day_number(date: &str) -> i64 {
    let mut it = date.split('-').map(|s| s.parse::<i64>().unwrap_or(0));
    let (y, m, d) = (
        it.next().unwrap_or(0),
        it.next().unwrap_or(0),
        it.next().unwrap_or(0),
    );
    y * 372 + m * 31 + d
}

fn version_line_matches(user: &str, row: &str) -> bool {
    row.strip_prefix(user)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '+']))
}

fn common_components(a: &str, b: &str) -> usize {
    a.split('.')
        .zip(b.split('.'))
        .take_while(|(x, y)| x == y)
        .count()
}

/// Picks the (from, to) size rows to compare: rows on the user's version line first, then rows
/// on the same version as each other, then rows read close together, then the newest.
fn size_pair(
    from_image: &str,
    from: Variant,
    to_image: &str,
    to: Variant,
    user_version: Option<&str>,
) -> (Option<&'static ImageSize>, Option<&'static ImageSize>) {
    // Each row with its observation day, parsed once.
    let rows = |image: &str, variant: Variant| -> Vec<(&'static ImageSize, i64)> {
        IMAGE_SIZES
            .iter()
            .filter(|r| r.image == image && r.variant == variant)
            .map(|r| (r, day_number(r.observed)))
            .collect()
    };
    let on_line = |r: &ImageSize| match (user_version, r.version) {
        (Some(u), Some(v)) => version_line_matches(u, v),
        _ => false,
    };
    // Sizes differ by release line (`node:0.10` on jessie is not `node:22`): when the user's
    // line is known, only rows measured on it count.
    let (mut froms, mut tos) = (rows(from_image, from), rows(to_image, to));
    if user_version.is_some() {
        froms.retain(|&(r, _)| r.version.is_none() || on_line(r));
        tos.retain(|&(r, _)| r.version.is_none() || on_line(r));
    }
    let single = |rows: &[(&'static ImageSize, i64)]| {
        rows.iter()
            .max_by_key(|&&(r, day)| (on_line(r), day))
            .map(|&(r, _)| r)
    };
    if froms.is_empty() || tos.is_empty() {
        return (single(&froms), single(&tos));
    }
    type Key = (u8, usize, i64, i64);
    let mut best: Option<(Key, (&ImageSize, &ImageSize))> = None;
    for &(f, f_day) in &froms {
        for &(t, t_day) in &tos {
            let both = u8::from(on_line(f)) + u8::from(on_line(t));
            let common = match (f.version, t.version) {
                (Some(a), Some(b)) => common_components(a, b),
                _ => 0,
            };
            let key = (both, common, -(f_day - t_day).abs(), f_day.min(t_day));
            if best.as_ref().is_none_or(|(k, _)| key > *k) {
                best = Some((key, (f, t)));
            }
        }
    }
    let (_, (f, t)) = best.expect("both sides non-empty");
    (Some(f), Some(t))
}

macro_rules! slim_text {
    () => {
        "`-slim` keeps glibc and the Debian base but drops compilers, git and -dev headers: anything that compiles native code at install time needs a builder stage."
    };
}
macro_rules! alpine_text {
    () => {
        "Alpine uses musl, not glibc: prebuilt native binaries (manylinux wheels, Node addons, JNI libraries) may fail or rebuild from source; DNS and locale behaviour differ. Test before switching."
    };
}
macro_rules! toolchain_text {
    () => {
        " This is a build toolchain image: a multi-stage build with a small runtime image saves more."
    };
}
const NOTE_SLIM: &str = slim_text!();
const NOTE_SLIM_TOOLCHAIN: &str = concat!(slim_text!(), toolchain_text!());
const NOTE_ALPINE: &str = alpine_text!();
const NOTE_ALPINE_TOOLCHAIN: &str = concat!(alpine_text!(), toolchain_text!());
const NOTE_JRE: &str = "The JRE has no javac/jlink/jshell: build in a JDK stage and only run here.";
const NOTE_CURL: &str = "`<suite>-curl` keeps ca-certificates, curl, wget and gnupg but drops git/ssh/svn (scm) and the compilers; `debian:<suite>-slim` is smaller still.";
const NOTE_OPENJDK: &str = "`openjdk` is deprecated and unmaintained; eclipse-temurin is a maintained build of the same OpenJDK.";

/// A slimmer variant of the user's image, keeping the user's version.
///
/// - full → `-slim` when `prefer` is `Slim` (same libc); `None` if the image has no slim variant
///   (golang, nginx, httpd, postgres, redis, php): the swap would change libc.
/// - full → `-alpine` when `prefer` is `Alpine` (falls back to `-slim` where there is no alpine);
///   `libc_changes` is set.
/// - eclipse-temurin jdk → jre (`-jre-alpine` with `Alpine`); `openjdk` → eclipse-temurin jre.
/// - php cli/fpm/zts → their alpine variant with `Alpine` only.
/// - buildpack-deps (full) → `<suite>-curl`.
/// - Already slim/alpine/jre/distroless variants, toolchains without a slimmer variant (gcc,
///   maven, gradle) and OS images without one (ubuntu, alpine) → `None`.
pub(crate) fn slimmer_variant(
    image: &str,
    tag: Option<&str>,
    prefer: Flavor,
) -> Option<VariantSwap> {
    let fam = official_image(image)?;
    let p = parse_tag(fam, tag.unwrap_or("latest"))?;
    let from = resolve_variant(fam, &p)?;
    if let Some(repl) = fam.replaced_by {
        return openjdk_swap(fam, repl, &p, from, prefer);
    }
    let has = |v: Variant| fam.variants.contains(&v);
    let to = match (from, prefer) {
        (V::Full, _) if fam.name == "buildpack-deps" => V::Curl,
        (V::Full, Flavor::Slim) if has(V::Slim) => V::Slim,
        (V::Full, Flavor::Alpine) if has(V::Alpine) => V::Alpine,
        (V::Full, Flavor::Alpine) if has(V::Slim) => V::Slim,
        (V::Jdk, Flavor::Slim) => V::Jre,
        (V::Jdk, Flavor::Alpine) | (V::JdkAlpine, _) => V::JreAlpine,
        (V::Cli, Flavor::Alpine) => V::CliAlpine,
        (V::Fpm, Flavor::Alpine) => V::FpmAlpine,
        (V::Zts, Flavor::Alpine) => V::ZtsAlpine,
        _ => return None,
    };
    let libc_changes = variant_libc(fam, from) != variant_libc(fam, to);
    // An untagged/`latest` reference runs the pin line today: compare sizes on that line.
    let user_version = version_of(fam, &p).or_else(|| fam.pin.as_ref().map(|l| l.line.to_string()));
    let (f, t) = size_pair(fam.name, from, fam.name, to, user_version.as_deref());
    let note = match to {
        V::Slim if fam.build_toolchain => NOTE_SLIM_TOOLCHAIN,
        V::Slim => NOTE_SLIM,
        V::Curl => NOTE_CURL,
        V::Jre => NOTE_JRE,
        _ if libc_changes && fam.build_toolchain => NOTE_ALPINE_TOOLCHAIN,
        _ if libc_changes => NOTE_ALPINE,
        _ => NOTE_JRE,
    };
    Some(VariantSwap {
        image: fam.name,
        tag: rewrite_tag(fam, &p, to),
        from_variant: from,
        to_variant: to,
        from_bytes: f.map(|r| r.compressed_bytes),
        to_bytes: t.map(|r| r.compressed_bytes),
        libc_changes,
        source: t.map_or(fam.source, |r| r.source),
        from_source: f.map(|r| r.source),
        observed: t.map(|r| r.observed),
        note,
    })
}

fn major_of(version: &str) -> &str {
    let end = version
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(version.len());
    &version[..end]
}

fn openjdk_swap(
    fam: &ImageFamily,
    repl: &'static str,
    p: &Parsed,
    from: Variant,
    prefer: Flavor,
) -> Option<VariantSwap> {
    let target = official_image(repl)?;
    let major = match version_of(fam, p) {
        Some(v) => major_of(&v).to_string(),
        None => target.pin.as_ref()?.line.to_string(),
    };
    if !TEMURIN_MAJORS.contains(&major.as_str()) {
        return None;
    }
    let to = if from.is_alpine() || prefer == Flavor::Alpine {
        V::JreAlpine
    } else {
        V::Jre
    };
    let (_, t) = size_pair(repl, V::Jre, repl, to, Some(&major));
    let tag = if to == V::JreAlpine {
        format!("{major}-jre-alpine")
    } else {
        format!("{major}-jre")
    };
    Some(VariantSwap {
        image: target.name,
        tag,
        from_variant: from,
        to_variant: to,
        from_bytes: None,
        to_bytes: t.map(|r| r.compressed_bytes),
        libc_changes: variant_libc(fam, from) != variant_libc(target, to),
        source: t.map_or(fam.source, |r| r.source),
        from_source: None,
        observed: t.map(|r| r.observed),
        note: NOTE_OPENJDK,
    })
}

/// The maintained replacement for a deprecated image (`openjdk:17-jdk-slim` →
/// `eclipse-temurin:17-jdk`), keeping jdk/jre and alpine. `None` for images that are not
/// deprecated; `tag: None` when the replacement does not publish that version.
pub(crate) fn deprecated_replacement(image: &str, tag: Option<&str>) -> Option<ImageReplacement> {
    let fam = official_image(image)?;
    let repl = fam.replaced_by?;
    let target = official_image(repl)?;
    let p = parse_tag(fam, tag.unwrap_or("latest"));
    let new_tag = p.as_ref().and_then(|p| {
        let major = match version_of(fam, p) {
            Some(v) => major_of(&v).to_string(),
            None => target.pin.as_ref()?.line.to_string(),
        };
        if !TEMURIN_MAJORS.contains(&major.as_str()) {
            return None;
        }
        let kind = if p.has(Kind::Jre) { "jre" } else { "jdk" };
        let alpine = if p.has(Kind::Alpine) { "-alpine" } else { "" };
        Some(format!("{major}-{kind}{alpine}"))
    });
    Some(ImageReplacement {
        image: target.name,
        tag: new_tag,
        reason: NOTE_OPENJDK,
        source: fam.source,
        observed: fam.observed,
    })
}

/// The tag to pin an untagged, `latest` or otherwise floating reference to (DL3006/DL3007),
/// keeping the user's variant: `node` → `26`, `node:slim` → `26-slim`, `python:slim-bookworm` →
/// `3.14-slim-bookworm`, `debian:stable-slim` → `trixie-slim`, `nginx:stable-alpine` →
/// `1.30-alpine`. `None` when the tag already names a version or release, for images without a
/// pin line (distroless: the version is in the name), and for moving targets that have no
/// stable equivalent (`alpine:edge`, `ubuntu:devel`, `debian:sid`).
///
/// Choice: the newest release line whose updates are fixes only, or compatible by the project's
/// policy (node LTS major, Python/Ruby/PHP/Go minor, PostgreSQL major, Debian codename). Each
/// family's `PinLine::reason` says why; `exact_version` gives the full version for those who pin
/// further (with a digest).
pub(crate) fn pinned_tag(image: &str, tag: Option<&str>) -> Option<PinnedTag> {
    let fam = official_image(image)?;
    if fam.replaced_by.is_some() {
        let r = deprecated_replacement(image, tag)?;
        let target = official_image(r.image)?;
        let pin = target.pin.as_ref()?;
        return Some(PinnedTag {
            image: r.image,
            tag: r.tag?,
            exact_version: None,
            reason: NOTE_OPENJDK,
            source: pin.source,
            observed: pin.observed,
        });
    }
    let pin = fam.pin.as_ref()?;
    let p = parse_tag(fam, tag.unwrap_or("latest"))?;
    resolve_variant(fam, &p)?;
    let os_image = is_family(fam, &["debian", "ubuntu", "buildpack-deps"]);
    if version_of(fam, &p).is_some() || (os_image && p.has(Kind::Suite)) {
        return None;
    }
    let mut line = pin.line;
    let mut exact = pin.exact_version;
    for t in p.tokens.iter().filter(|t| t.kind == Kind::Floating) {
        let word = t.text.to_ascii_lowercase();
        if word == "latest" {
            continue;
        }
        let (_, l) = fam.floating_lines.iter().find(|(w, _)| *w == word)?;
        if *l != pin.line {
            exact = None;
        }
        line = l;
    }
    let mut parts: Vec<&str> = vec![line];
    let has_extra = p.has(Kind::Extra);
    if let (Some(suffix), false) = (pin.default_suffix, has_extra) {
        parts.push(suffix);
    }
    parts.extend(
        p.tokens
            .iter()
            .filter(|t| t.kind != Kind::Floating)
            .map(|t| t.text),
    );
    Some(PinnedTag {
        image: fam.name,
        tag: parts.join("-"),
        exact_version: exact,
        reason: pin.reason,
        source: pin.source,
        observed: pin.observed,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info(image: &str, tag: &str) -> TagInfo {
        classify_tag(image, tag).unwrap_or_else(|| panic!("{image}:{tag} should classify"))
    }

    #[test]
    fn official_image_accepts_hub_prefixes() {
        for n in [
            "node",
            "library/node",
            "docker.io/library/node",
            "index.docker.io/library/node",
            "docker.io/node",
        ] {
            assert_eq!(official_image(n).map(|f| f.name), Some("node"), "{n}");
        }
        assert_eq!(
            official_image("gcr.io/distroless/static-debian13").map(|f| f.name),
            Some("gcr.io/distroless")
        );
        assert!(official_image("bitnami/node").is_none());
        assert!(official_image("ghcr.io/library/node").is_none());
        assert!(official_image("gcr.io/distroless").is_none());
        // A multi-byte character where a registry prefix would end is just another name.
        for n in ["ubunt日本u", "pytho😀n", "docker.i\u{a0}o/node"] {
            assert!(official_image(n).is_none(), "{n}");
        }
    }

    #[test]
    fn classify_tag_examples() {
        let t = info("node", "20-bookworm");
        assert_eq!(
            (t.variant, t.version.as_deref(), t.os.as_deref(), t.libc),
            (V::Full, Some("20"), Some("debian-bookworm"), Libc::Glibc)
        );
        let t = info("python", "3.12-slim-bookworm");
        assert_eq!((t.variant, t.version.as_deref()), (V::Slim, Some("3.12")));
        let t = info("golang", "1.22-alpine3.19");
        assert_eq!(
            (t.variant, t.version.as_deref(), t.os.as_deref(), t.libc),
            (V::Alpine, Some("1.22"), Some("alpine-3.19"), Libc::Musl)
        );
        let t = info("node", "latest");
        assert_eq!((t.variant, t.version, t.os), (V::Full, None, None));
        assert_eq!(info("node", "krypton-slim").version.as_deref(), Some("24"));
        assert_eq!(
            info("debian", "bookworm-20260803-slim").version.as_deref(),
            Some("12")
        );
        assert_eq!(info("ubuntu", "jammy").version.as_deref(), Some("22.04"));
        assert_eq!(info("alpine", "3.19.1").os.as_deref(), Some("alpine-3.19"));
        assert_eq!(info("ubuntu", "24.04").os.as_deref(), Some("ubuntu-24.04"));
        assert_eq!(
            info("debian", "12.15-slim").os.as_deref(),
            Some("debian-bookworm")
        );
        assert_eq!(
            info("eclipse-temurin", "21-jdk-alpine-3.24").os.as_deref(),
            Some("alpine-3.24")
        );
        assert_eq!(
            info("eclipse-temurin", "21-jre-ubi9-minimal").variant,
            V::Jre
        );
        assert_eq!(
            info("node", "20-alpine3.19").os.as_deref(),
            Some("alpine-3.19")
        );
        assert_eq!(
            info("eclipse-temurin", "21-jre-alpine-3.24").variant,
            V::JreAlpine
        );
        assert_eq!(info("eclipse-temurin", "21").variant, V::Jdk);
        assert_eq!(
            info("eclipse-temurin", "8u502-b07-jdk-noble")
                .version
                .as_deref(),
            Some("8u502-b07")
        );
        assert_eq!(info("php", "8.5-fpm-alpine").variant, V::FpmAlpine);
        assert_eq!(info("php", "8.5").variant, V::Cli);
        assert_eq!(info("nginx", "alpine-slim").variant, V::AlpineSlim);
        assert_eq!(info("nginx", "1.31-perl").variant, V::WithModules);
        assert_eq!(
            info("python", "3.15-rc-slim").version.as_deref(),
            Some("3.15-rc")
        );
        assert_eq!(
            info("maven", "3.9-eclipse-temurin-21-alpine").libc,
            Libc::Musl
        );
        assert_eq!(info("gradle", "jdk21").variant, V::Builder);
        let d = info("gcr.io/distroless/static-debian13", "nonroot");
        assert_eq!(
            (d.variant, d.libc, d.os.as_deref()),
            (V::Distroless, Libc::None, Some("debian-13"))
        );
        assert_eq!(
            info("gcr.io/distroless/nodejs26-debian13", "latest")
                .version
                .as_deref(),
            Some("26")
        );
    }

    #[test]
    fn classify_tag_refuses_guesses() {
        assert!(
            classify_tag("golang", "1.22-slim").is_none(),
            "golang has no slim"
        );
        assert!(classify_tag("python", "3.13-windowsservercore").is_none());
        assert!(classify_tag("node", "20-mybuild").is_none());
        assert!(classify_tag("php", "8.5-apache-alpine").is_none());
        assert!(classify_tag("nginx", "slim").is_none());
        assert!(classify_tag("redis", "").is_none());
        assert!(classify_tag("example/app", "latest").is_none());
    }

    #[test]
    fn node_20_to_slim_keeps_version_and_libc() {
        let s = slimmer_variant("node", Some("20"), Flavor::Slim).unwrap();
        assert_eq!(s.tag, "20-slim");
        assert!(!s.libc_changes);
        assert_eq!((s.from_variant, s.to_variant), (V::Full, V::Slim));
        // No row measured on the 20 line: no estimate from another line's sizes.
        assert_eq!(s.savings_bytes(), None, "{s:?}");
        let s = slimmer_variant("node", Some("22"), Flavor::Slim).unwrap();
        assert!(s.savings_bytes().unwrap() > 300_000_000, "{s:?}");
        assert!(s.source.starts_with("docker-library/repo-info"));
        assert_eq!(
            slimmer_variant("node", Some("0.10"), Flavor::Slim)
                .unwrap()
                .savings_bytes(),
            None
        );
        // `node` (latest = 26) compares the 26 rows read the same day: 442.4 MB → 84.6 MB.
        let s = slimmer_variant("node", None, Flavor::Slim).unwrap();
        assert_eq!(
            (s.tag.as_str(), s.from_bytes, s.to_bytes),
            ("slim", Some(442_400_000), Some(84_600_000))
        );
    }

    #[test]
    fn slim_keeps_codename_in_the_right_place() {
        assert_eq!(
            slimmer_variant("node", Some("20-bookworm"), Flavor::Slim)
                .unwrap()
                .tag,
            "20-bookworm-slim"
        );
        assert_eq!(
            slimmer_variant("python", Some("3.12-bookworm"), Flavor::Slim)
                .unwrap()
                .tag,
            "3.12-slim-bookworm"
        );
        assert_eq!(
            slimmer_variant("ruby", Some("4.0-trixie"), Flavor::Slim)
                .unwrap()
                .tag,
            "4.0-slim-trixie"
        );
        assert_eq!(
            slimmer_variant("debian", Some("bookworm-20260803"), Flavor::Slim)
                .unwrap()
                .tag,
            "bookworm-20260803-slim"
        );
        assert_eq!(
            slimmer_variant("node", None, Flavor::Slim).unwrap().tag,
            "slim"
        );
        assert_eq!(
            slimmer_variant("node", Some("lts"), Flavor::Slim)
                .unwrap()
                .tag,
            "lts-slim"
        );
        assert_eq!(
            slimmer_variant("debian", Some("latest"), Flavor::Slim)
                .unwrap()
                .tag,
            "trixie-slim"
        );
    }

    #[test]
    fn already_slim_images_have_no_slimmer_variant() {
        assert!(slimmer_variant("python", Some("3.12-alpine"), Flavor::Slim).is_none());
        assert!(slimmer_variant("python", Some("3.12-alpine"), Flavor::Alpine).is_none());
        assert!(slimmer_variant("python", Some("3.12-slim"), Flavor::Alpine).is_none());
        assert!(slimmer_variant("eclipse-temurin", Some("21-jre"), Flavor::Slim).is_none());
        assert!(slimmer_variant("ubuntu", Some("24.04"), Flavor::Slim).is_none());
        assert!(slimmer_variant(
            "gcr.io/distroless/static-debian13",
            Some("nonroot"),
            Flavor::Slim
        )
        .is_none());
    }

    #[test]
    fn alpine_preference_changes_libc() {
        let s = slimmer_variant("node", Some("20-bookworm"), Flavor::Alpine).unwrap();
        assert_eq!(s.tag, "20-alpine");
        assert!(s.libc_changes);
        assert_eq!(s.note, NOTE_ALPINE);
        // debian has no alpine: fall back to slim.
        let s = slimmer_variant("debian", Some("12"), Flavor::Alpine).unwrap();
        assert_eq!((s.tag.as_str(), s.libc_changes), ("12-slim", false));
    }

    #[test]
    fn alpine_only_images_need_the_alpine_preference() {
        for image in ["nginx", "httpd", "postgres", "redis", "golang"] {
            assert!(
                slimmer_variant(image, None, Flavor::Slim).is_none(),
                "{image}"
            );
            let s = slimmer_variant(image, None, Flavor::Alpine).unwrap();
            assert_eq!(
                (s.tag.as_str(), s.libc_changes),
                ("alpine", true),
                "{image}"
            );
            assert!(s.to_bytes < s.from_bytes, "{image}");
        }
        assert_eq!(
            slimmer_variant("postgres", Some("16-bookworm"), Flavor::Alpine)
                .unwrap()
                .tag,
            "16-alpine"
        );
        assert_eq!(
            slimmer_variant("nginx", Some("stable"), Flavor::Alpine)
                .unwrap()
                .tag,
            "stable-alpine"
        );
        assert_eq!(
            slimmer_variant("golang", Some("1.22"), Flavor::Alpine)
                .unwrap()
                .note,
            NOTE_ALPINE_TOOLCHAIN
        );
    }

    #[test]
    fn toolchains() {
        let s = slimmer_variant("rust", Some("1.98"), Flavor::Slim).unwrap();
        assert_eq!(s.tag, "1.98-slim");
        assert!(s.note.contains("multi-stage"));
        assert!(slimmer_variant("gcc", None, Flavor::Slim).is_none());
        assert!(slimmer_variant("maven", None, Flavor::Slim).is_none());
        assert!(official_image("golang").unwrap().build_toolchain);
        let s = slimmer_variant("buildpack-deps", Some("bookworm"), Flavor::Slim).unwrap();
        assert_eq!(s.tag, "bookworm-curl");
        assert_eq!(
            slimmer_variant("buildpack-deps", None, Flavor::Slim)
                .unwrap()
                .tag,
            "curl"
        );
        assert!(slimmer_variant("buildpack-deps", Some("trixie-scm"), Flavor::Slim).is_none());
    }

    #[test]
    fn temurin_jdk_to_jre() {
        let s = slimmer_variant("eclipse-temurin", Some("21-jdk-noble"), Flavor::Slim).unwrap();
        assert_eq!((s.tag.as_str(), s.libc_changes), ("21-jre-noble", false));
        assert_eq!(
            (s.from_bytes, s.to_bytes),
            (Some(230_100_000), Some(121_100_000))
        );
        assert_eq!(
            slimmer_variant("eclipse-temurin", Some("21"), Flavor::Slim)
                .unwrap()
                .tag,
            "21-jre"
        );
        assert_eq!(
            slimmer_variant("eclipse-temurin", Some("21-alpine"), Flavor::Slim)
                .unwrap()
                .tag,
            "21-jre-alpine"
        );
        assert_eq!(
            slimmer_variant("eclipse-temurin", Some("latest"), Flavor::Slim)
                .unwrap()
                .tag,
            "25-jre"
        );
        let s = slimmer_variant("eclipse-temurin", Some("25-jdk"), Flavor::Alpine).unwrap();
        assert_eq!((s.tag.as_str(), s.libc_changes), ("25-jre-alpine", true));
        let s = slimmer_variant("eclipse-temurin", Some("25-jdk-alpine"), Flavor::Slim).unwrap();
        assert_eq!((s.tag.as_str(), s.libc_changes), ("25-jre-alpine", false));
    }

    #[test]
    fn openjdk_maps_to_temurin() {
        let s = slimmer_variant("openjdk", Some("17-jdk-slim"), Flavor::Slim).unwrap();
        assert_eq!((s.image, s.tag.as_str()), ("eclipse-temurin", "17-jre"));
        assert!(slimmer_variant("openjdk", Some("18"), Flavor::Slim).is_none());
        let r = deprecated_replacement("openjdk", Some("11-jre-slim")).unwrap();
        assert_eq!(
            (r.image, r.tag.as_deref()),
            ("eclipse-temurin", Some("11-jre"))
        );
        assert_eq!(
            deprecated_replacement("openjdk", Some("18")).unwrap().tag,
            None
        );
        assert!(deprecated_replacement("node", Some("20")).is_none());
        let p = pinned_tag("openjdk", None).unwrap();
        assert_eq!((p.image, p.tag.as_str()), ("eclipse-temurin", "25-jdk"));
    }

    #[test]
    fn php_variants() {
        assert!(slimmer_variant("php", Some("8.5-fpm"), Flavor::Slim).is_none());
        assert_eq!(
            slimmer_variant("php", Some("8.5-fpm-bookworm"), Flavor::Alpine)
                .unwrap()
                .tag,
            "8.5-fpm-alpine"
        );
        assert_eq!(
            slimmer_variant("php", Some("8.5"), Flavor::Alpine)
                .unwrap()
                .tag,
            "8.5-alpine"
        );
        assert!(slimmer_variant("php", Some("8.5-apache"), Flavor::Alpine).is_none());
    }

    #[test]
    fn pinned_tag_examples() {
        let p = pinned_tag("node", None).unwrap();
        assert_eq!(
            (p.image, p.tag.as_str(), p.exact_version),
            ("node", "26", Some("26.9.0"))
        );
        assert_eq!(pinned_tag("node", Some("latest")).unwrap().tag, "26");
        assert_eq!(pinned_tag("node", Some("slim")).unwrap().tag, "26-slim");
        assert_eq!(
            pinned_tag("node", Some("lts-alpine")).unwrap().tag,
            "26-alpine"
        );
        assert_eq!(
            pinned_tag("node", Some("bookworm-slim")).unwrap().tag,
            "26-bookworm-slim"
        );
        assert!(pinned_tag("node", Some("20")).is_none());
        assert!(pinned_tag("node", Some("krypton")).is_none());
        assert_eq!(pinned_tag("python", Some("slim")).unwrap().tag, "3.14-slim");
        assert_eq!(pinned_tag("debian", None).unwrap().tag, "trixie");
        assert_eq!(
            pinned_tag("debian", Some("stable-slim")).unwrap().tag,
            "trixie-slim"
        );
        assert_eq!(
            pinned_tag("nginx", Some("stable-alpine")).unwrap().tag,
            "1.30-alpine"
        );
        assert_eq!(
            pinned_tag("nginx", Some("stable-alpine"))
                .unwrap()
                .exact_version,
            None
        );
        assert_eq!(
            pinned_tag("buildpack-deps", Some("curl")).unwrap().tag,
            "trixie-curl"
        );
        assert_eq!(
            pinned_tag("maven", None).unwrap().tag,
            "3.9-eclipse-temurin-25"
        );
        assert_eq!(
            pinned_tag("maven", Some("eclipse-temurin-21-alpine"))
                .unwrap()
                .tag,
            "3.9-eclipse-temurin-21-alpine"
        );
        assert_eq!(
            pinned_tag("gradle", Some("alpine")).unwrap().tag,
            "9.7-jdk25-alpine"
        );
        assert_eq!(pinned_tag("ubuntu", Some("rolling")).unwrap().tag, "26.04");
        assert_eq!(
            pinned_tag("postgres", Some("alpine")).unwrap().tag,
            "18-alpine"
        );
        assert!(pinned_tag("alpine", Some("edge")).is_none());
        assert!(pinned_tag("ubuntu", Some("devel")).is_none());
        assert!(pinned_tag("debian", Some("sid")).is_none());
        assert!(pinned_tag("gcr.io/distroless/static-debian13", None).is_none());
    }

    #[test]
    fn every_size_row_classifies_to_its_variant_and_libc() {
        for r in IMAGE_SIZES {
            let t = classify_tag(r.image, r.tag)
                .unwrap_or_else(|| panic!("{}:{} does not classify", r.image, r.tag));
            assert_eq!(t.variant, r.variant, "{}:{}", r.image, r.tag);
            assert_eq!(t.libc, r.libc, "{}:{}", r.image, r.tag);
            assert!(
                r.source.starts_with("docker-library/repo-info repos/"),
                "{}:{}",
                r.image,
                r.tag
            );
            assert!(
                r.source
                    .contains(&format!("repos/{}/remote/{}.md", r.image, r.tag)),
                "{}:{}",
                r.image,
                r.tag
            );
            assert_eq!(r.observed.len(), 10);
            assert!(day_number(r.observed) > day_number("2026-01-01"));
            assert!(r.compressed_bytes > 1_000_000);
        }
    }

    #[test]
    fn sizes_are_consistent() {
        // Within an image: slim/alpine/jre variants are smaller than every full/jdk row.
        let bigger_than = |small: Variant, big: Variant| {
            for s in IMAGE_SIZES.iter().filter(|r| r.variant == small) {
                for b in IMAGE_SIZES
                    .iter()
                    .filter(|r| r.image == s.image && r.variant == big)
                {
                    assert!(
                        s.compressed_bytes < b.compressed_bytes,
                        "{}:{} !< {}:{}",
                        s.image,
                        s.tag,
                        b.image,
                        b.tag
                    );
                }
            }
        };
        bigger_than(V::Slim, V::Full);
        bigger_than(V::Alpine, V::Full);
        bigger_than(V::Jre, V::Jdk);
        bigger_than(V::JreAlpine, V::JdkAlpine);
        bigger_than(V::AlpineSlim, V::Alpine);
        bigger_than(V::Curl, V::Full);
        bigger_than(V::FpmAlpine, V::Fpm);
        bigger_than(V::CliAlpine, V::Cli);
    }

    #[test]
    fn families_are_well_formed() {
        for f in FAMILIES {
            assert!(!f.source.is_empty() && f.observed.len() == 10, "{}", f.name);
            assert!(f.variants.contains(&f.default_variant), "{}", f.name);
            if let Some(pin) = &f.pin {
                assert!(
                    !pin.reason.is_empty() && !pin.source.is_empty() && pin.observed.len() == 10,
                    "{}",
                    f.name
                );
                let tag = match pin.default_suffix {
                    Some(s) => format!("{}-{s}", pin.line),
                    None => pin.line.to_string(),
                };
                let t = classify_tag(f.name, &tag).unwrap_or_else(|| panic!("{}:{tag}", f.name));
                assert!(t.version.is_some(), "{}:{tag} must be a pinned tag", f.name);
            }
            for (_, line) in f.floating_lines {
                assert!(
                    classify_tag(f.name, line).and_then(|t| t.version).is_some(),
                    "{}:{line}",
                    f.name
                );
            }
            assert_eq!(
                f.replaced_by.is_some(),
                f.pin.is_none() && f.name != "gcr.io/distroless"
            );
        }
        for m in TEMURIN_MAJORS {
            assert!(classify_tag("eclipse-temurin", &format!("{m}-jre")).is_some());
        }
    }
}
