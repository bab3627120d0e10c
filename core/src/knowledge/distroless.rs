//! Which `gcr.io/distroless/...` images are maintained, as data.
//!
//! Evidence, newest first (read 2026-11-28 from a snapshot of GoogleContainerTools/distroless
//! whose HEAD is cd080764af3103b2f49fb5eb23297c72c945e77a, 2026-08-21):
//! - `README.md` last changed by 0a6bcd73eee43d24342cc2ad5266ddff17e7e674 (2026-08-06). It lists
//!   Debian 13 as the main set: static, base, base-nossl, cc, java-base, java17, java21, java25,
//!   nodejs22, nodejs24, nodejs26, python3 (no longer a "preview"); and under Debian 12 only
//!   static, base, base-nossl, cc. "Any other tags are considered deprecated and are no longer
//!   updated." Unsuffixed names "currently select `-debian13`". The smallest image,
//!   `static-debian13`, "is around 2 MiB". Tags: latest, nonroot, debug, debug-nonroot, and
//!   architecture-suffixed forms such as `latest-amd64`.
//! - `SUPPORT_POLICY.md` last changed by 400e0721bf4e7e7a57d543c6ca505111dc0159fc (2026-05-01):
//!   Debian 12 end of life is Sept 2026 for static/base/base-nossl/cc, Jan 2026 for java* and
//!   node*, April 2026 for python*.
//! - The older README 878fdafe5787e325ebf624a04f4084900fc6cdfe (2025-10-08), the source of the
//!   distroless rows of `shared/data/images.tsv`, listed Debian 12 language images as current and
//!   Debian 13 as a preview. It is superseded by the two files above; its rows are kept here with
//!   the status the newer evidence gives them.
//!
//! Decision: rewrite targets are Debian 13 images only. Debian 12 images are past their announced
//! end of life (Sept 2026) as of this table's date (2026-11-28); Debian 12 language images and
//! all Debian 11 images are no longer updated. Never suggest them.

use super::images::Libc;
use serde::Serialize;

/// Maintenance status of one distroless image, per the newest evidence above.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum DistrolessStatus {
    /// Listed in the newest README and not past an announced end of life.
    Maintained,
    /// Still listed, but its announced end of life (`eol`) has passed by this table's date.
    PastEndOfLife,
    /// No longer listed: "considered deprecated and no longer updated".
    NoLongerUpdated,
}

/// One distroless image (one name; the tags are listed in `tags`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct DistrolessImage {
    /// Full repository, e.g. `gcr.io/distroless/static-debian13`.
    pub repository: &'static str,
    /// `static`, `base`, `base-nossl`, `cc`, `java-base`, `java`, `nodejs`, `python3`.
    pub runtime: &'static str,
    /// Major version of the language runtime for java/nodejs (`"25"`, `"26"`); `None` otherwise.
    pub language_version: Option<&'static str>,
    pub debian: u8,
    /// `None` for `static` (no libc at all), glibc for the rest.
    pub libc: Libc,
    pub status: DistrolessStatus,
    /// Announced end of life, as the support policy words it.
    pub eol: Option<&'static str>,
    pub tags: &'static [&'static str],
    /// Only where the README states a size ("around 2 MiB" for static). Uncompressed-vs-compressed
    /// is not stated; treat as an order of magnitude.
    pub approx_bytes: Option<u64>,
    pub source: &'static str,
    /// Date of the evidence (commit date of the README that lists it).
    pub observed: &'static str,
}

const TAGS: &[&str] = &["latest", "nonroot", "debug", "debug-nonroot"];
const TWO_MIB: u64 = 2 * 1024 * 1024;

const SRC_NEW: &str = "GoogleContainerTools/distroless README.md @0a6bcd73eee43d24342cc2ad5266ddff17e7e674 (2026-08-06)";
const SRC_NEW_EOL: &str = "GoogleContainerTools/distroless README.md @0a6bcd73eee43d24342cc2ad5266ddff17e7e674 (2026-08-06); SUPPORT_POLICY.md @400e0721bf4e7e7a57d543c6ca505111dc0159fc (2026-05-01): Debian 12 EOL";
const SRC_OLD: &str = "GoogleContainerTools/distroless README.md @878fdafe5787e325ebf624a04f4084900fc6cdfe (2025-10-08), superseded: not in README @0a6bcd73 (2026-08-06)";
const SRC_D11: &str = "GoogleContainerTools/distroless README.md @00121b687b7663d006341f499294294f4edf6ece (Debian 11 era), superseded: not in README @878fdafe nor @0a6bcd73";

macro_rules! d {
    ($repo:literal, $rt:literal, $lv:expr, $deb:literal, $libc:ident, $status:ident, $eol:expr, $size:expr, $src:expr, $obs:literal) => {
        DistrolessImage {
            repository: $repo,
            runtime: $rt,
            language_version: $lv,
            debian: $deb,
            libc: Libc::$libc,
            status: DistrolessStatus::$status,
            eol: $eol,
            tags: TAGS,
            approx_bytes: $size,
            source: $src,
            observed: $obs,
        }
    };
}

/// All known distroless images. Maintained ones first, newest Debian first.
pub(crate) static DISTROLESS_IMAGES: &[DistrolessImage] = &[
    // Debian 13: the maintained set.
    d!(
        "gcr.io/distroless/static-debian13",
        "static",
        None,
        13,
        None,
        Maintained,
        None,
        Some(TWO_MIB),
        SRC_NEW,
        "2026-08-06"
    ),
    d!(
        "gcr.io/distroless/base-debian13",
        "base",
        None,
        13,
        Glibc,
        Maintained,
        None,
        None,
        SRC_NEW,
        "2026-08-06"
    ),
    d!(
        "gcr.io/distroless/base-nossl-debian13",
        "base-nossl",
        None,
        13,
        Glibc,
        Maintained,
        None,
        None,
        SRC_NEW,
        "2026-08-06"
    ),
    d!(
        "gcr.io/distroless/cc-debian13",
        "cc",
        None,
        13,
        Glibc,
        Maintained,
        None,
        None,
        SRC_NEW,
        "2026-08-06"
    ),
    d!(
        "gcr.io/distroless/java-base-debian13",
        "java-base",
        None,
        13,
        Glibc,
        Maintained,
        None,
        None,
        SRC_NEW,
        "2026-08-06"
    ),
    d!(
        "gcr.io/distroless/java17-debian13",
        "java",
        Some("17"),
        13,
        Glibc,
        Maintained,
        None,
        None,
        SRC_NEW,
        "2026-08-06"
    ),
    d!(
        "gcr.io/distroless/java21-debian13",
        "java",
        Some("21"),
        13,
        Glibc,
        Maintained,
        None,
        None,
        SRC_NEW,
        "2026-08-06"
    ),
    d!(
        "gcr.io/distroless/java25-debian13",
        "java",
        Some("25"),
        13,
        Glibc,
        Maintained,
        None,
        None,
        SRC_NEW,
        "2026-08-06"
    ),
    d!(
        "gcr.io/distroless/nodejs22-debian13",
        "nodejs",
        Some("22"),
        13,
        Glibc,
        Maintained,
        None,
        None,
        SRC_NEW,
        "2026-08-06"
    ),
    d!(
        "gcr.io/distroless/nodejs24-debian13",
        "nodejs",
        Some("24"),
        13,
        Glibc,
        Maintained,
        None,
        None,
        SRC_NEW,
        "2026-08-06"
    ),
    d!(
        "gcr.io/distroless/nodejs26-debian13",
        "nodejs",
        Some("26"),
        13,
        Glibc,
        Maintained,
        None,
        None,
        SRC_NEW,
        "2026-08-06"
    ),
    d!(
        "gcr.io/distroless/python3-debian13",
        "python3",
        None,
        13,
        Glibc,
        Maintained,
        None,
        None,
        SRC_NEW,
        "2026-08-06"
    ),
    // Debian 12: still listed, end of life Sept 2026 (past as of 2026-11-28).
    d!(
        "gcr.io/distroless/static-debian12",
        "static",
        None,
        12,
        None,
        PastEndOfLife,
        Some("Sept 2026"),
        Some(TWO_MIB),
        SRC_NEW_EOL,
        "2026-08-06"
    ),
    d!(
        "gcr.io/distroless/base-debian12",
        "base",
        None,
        12,
        Glibc,
        PastEndOfLife,
        Some("Sept 2026"),
        None,
        SRC_NEW_EOL,
        "2026-08-06"
    ),
    d!(
        "gcr.io/distroless/base-nossl-debian12",
        "base-nossl",
        None,
        12,
        Glibc,
        PastEndOfLife,
        Some("Sept 2026"),
        None,
        SRC_NEW_EOL,
        "2026-08-06"
    ),
    d!(
        "gcr.io/distroless/cc-debian12",
        "cc",
        None,
        12,
        Glibc,
        PastEndOfLife,
        Some("Sept 2026"),
        None,
        SRC_NEW_EOL,
        "2026-08-06"
    ),
    // Debian 12 language images (carried from images.tsv): dropped from the README.
    d!(
        "gcr.io/distroless/python3-debian12",
        "python3",
        None,
        12,
        Glibc,
        NoLongerUpdated,
        Some("April 2026"),
        None,
        SRC_OLD,
        "2025-10-08"
    ),
    d!(
        "gcr.io/distroless/java-base-debian12",
        "java-base",
        None,
        12,
        Glibc,
        NoLongerUpdated,
        Some("Jan 2026"),
        None,
        SRC_OLD,
        "2025-10-08"
    ),
    d!(
        "gcr.io/distroless/java17-debian12",
        "java",
        Some("17"),
        12,
        Glibc,
        NoLongerUpdated,
        Some("Jan 2026"),
        None,
        SRC_OLD,
        "2025-10-08"
    ),
    d!(
        "gcr.io/distroless/java21-debian12",
        "java",
        Some("21"),
        12,
        Glibc,
        NoLongerUpdated,
        Some("Jan 2026"),
        None,
        SRC_OLD,
        "2025-10-08"
    ),
    d!(
        "gcr.io/distroless/nodejs20-debian12",
        "nodejs",
        Some("20"),
        12,
        Glibc,
        NoLongerUpdated,
        Some("Jan 2026"),
        None,
        SRC_OLD,
        "2025-10-08"
    ),
    d!(
        "gcr.io/distroless/nodejs22-debian12",
        "nodejs",
        Some("22"),
        12,
        Glibc,
        NoLongerUpdated,
        Some("Jan 2026"),
        None,
        SRC_OLD,
        "2025-10-08"
    ),
    d!(
        "gcr.io/distroless/nodejs24-debian12",
        "nodejs",
        Some("24"),
        12,
        Glibc,
        NoLongerUpdated,
        Some("Jan 2026"),
        None,
        SRC_OLD,
        "2025-10-08"
    ),
    // Debian 11: all no longer updated.
    d!(
        "gcr.io/distroless/static-debian11",
        "static",
        None,
        11,
        None,
        NoLongerUpdated,
        None,
        None,
        SRC_D11,
        "2025-10-08"
    ),
    d!(
        "gcr.io/distroless/base-debian11",
        "base",
        None,
        11,
        Glibc,
        NoLongerUpdated,
        None,
        None,
        SRC_D11,
        "2025-10-08"
    ),
    d!(
        "gcr.io/distroless/base-nossl-debian11",
        "base-nossl",
        None,
        11,
        Glibc,
        NoLongerUpdated,
        None,
        None,
        SRC_D11,
        "2025-10-08"
    ),
    d!(
        "gcr.io/distroless/cc-debian11",
        "cc",
        None,
        11,
        Glibc,
        NoLongerUpdated,
        None,
        None,
        SRC_D11,
        "2025-10-08"
    ),
    d!(
        "gcr.io/distroless/python3-debian11",
        "python3",
        None,
        11,
        Glibc,
        NoLongerUpdated,
        None,
        None,
        SRC_D11,
        "2025-10-08"
    ),
    d!(
        "gcr.io/distroless/java-base-debian11",
        "java-base",
        None,
        11,
        Glibc,
        NoLongerUpdated,
        None,
        None,
        SRC_D11,
        "2025-10-08"
    ),
    d!(
        "gcr.io/distroless/java11-debian11",
        "java",
        Some("11"),
        11,
        Glibc,
        NoLongerUpdated,
        None,
        None,
        SRC_D11,
        "2025-10-08"
    ),
    d!(
        "gcr.io/distroless/java17-debian11",
        "java",
        Some("17"),
        11,
        Glibc,
        NoLongerUpdated,
        None,
        None,
        SRC_D11,
        "2025-10-08"
    ),
    d!(
        "gcr.io/distroless/nodejs14-debian11",
        "nodejs",
        Some("14"),
        11,
        Glibc,
        NoLongerUpdated,
        None,
        None,
        SRC_D11,
        "2025-10-08"
    ),
    d!(
        "gcr.io/distroless/nodejs16-debian11",
        "nodejs",
        Some("16"),
        11,
        Glibc,
        NoLongerUpdated,
        None,
        None,
        SRC_D11,
        "2025-10-08"
    ),
    d!(
        "gcr.io/distroless/nodejs18-debian11",
        "nodejs",
        Some("18"),
        11,
        Glibc,
        NoLongerUpdated,
        None,
        None,
        SRC_D11,
        "2025-10-08"
    ),
];

/// The Debian release that unsuffixed names (`gcr.io/distroless/static`) select: "Specifying an
/// image without the distribution will currently select `-debian13` images" (README @0a6bcd73).
pub(crate) const DISTROLESS_DEFAULT_DEBIAN: u8 = 13;

/// The registry prefix of distroless images.
pub(crate) const DISTROLESS_PREFIX: &str = "gcr.io/distroless/";

/// Looks up `gcr.io/distroless/<name>` (without tag or digest). An unsuffixed name such as
/// `gcr.io/distroless/static` resolves to the Debian release it currently selects (13).
pub(crate) fn distroless_image(repository: &str) -> Option<&'static DistrolessImage> {
    let name = repository.strip_prefix(DISTROLESS_PREFIX)?;
    if let Some(found) = DISTROLESS_IMAGES
        .iter()
        .find(|d| d.repository == repository)
    {
        return Some(found);
    }
    // Unsuffixed: `static`, `nodejs24`, `java21`...
    if name.contains("-debian") {
        return None;
    }
    DISTROLESS_IMAGES.iter().find(|d| {
        d.debian == DISTROLESS_DEFAULT_DEBIAN
            && d.repository[DISTROLESS_PREFIX.len()..].strip_suffix("-debian13") == Some(name)
    })
}

/// The maintained image for a runtime (`"static"`, `"cc"`, `"nodejs"` + `Some("26")`...), on the
/// newest Debian release that has it. `None` when no maintained image fits (e.g. nodejs 20).
pub(crate) fn distroless_runtime(
    runtime: &str,
    language_version: Option<&str>,
) -> Option<&'static DistrolessImage> {
    DISTROLESS_IMAGES.iter().find(|d| {
        d.status == DistrolessStatus::Maintained
            && d.runtime == runtime
            && (language_version.is_none() || d.language_version == language_version)
    })
}

/// Architecture suffixes the README lists for distroless tags.
pub(crate) const ARCH_SUFFIXES: &[&str] = &["amd64", "arm64", "arm", "s390x", "ppc64le", "riscv64"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debian13_is_the_maintained_set() {
        let static13 = distroless_runtime("static", None).unwrap();
        assert_eq!(static13.repository, "gcr.io/distroless/static-debian13");
        assert_eq!(static13.libc, Libc::None);
        assert_eq!(
            distroless_runtime("nodejs", Some("26")).unwrap().repository,
            "gcr.io/distroless/nodejs26-debian13"
        );
        assert_eq!(
            distroless_runtime("java", Some("25")).unwrap().repository,
            "gcr.io/distroless/java25-debian13"
        );
        assert!(distroless_runtime("nodejs", Some("20")).is_none());
    }

    #[test]
    fn unsuffixed_names_select_debian13() {
        assert_eq!(
            distroless_image("gcr.io/distroless/static").unwrap().debian,
            13
        );
        assert_eq!(
            distroless_image("gcr.io/distroless/cc-debian12")
                .unwrap()
                .debian,
            12
        );
        assert!(distroless_image("gcr.io/distroless/nodejs20").is_none());
        assert!(distroless_image("docker.io/library/node").is_none());
    }

    #[test]
    fn rows_have_sources_and_dates() {
        for d in DISTROLESS_IMAGES {
            assert!(
                !d.source.is_empty() && d.observed.len() == 10,
                "{}",
                d.repository
            );
            assert!(d.repository.starts_with(DISTROLESS_PREFIX));
            assert!(d.repository.ends_with(&format!("-debian{}", d.debian)));
            assert_eq!(d.libc == Libc::None, d.runtime == "static");
        }
    }
}
