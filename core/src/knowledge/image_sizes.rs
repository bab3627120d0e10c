//! Compressed sizes of official images, one row per tag that was read.
//!
//! Every row was read from `docker-library/repo-info`, file `repos/<image>/remote/<tag>.md`,
//! first platform section (`linux; amd64`): `Total Size` (the compressed transfer size, in the
//! file's own MB of 10^6 bytes, rounded to 0.1 MB), the `ENV *_VERSION` line, and the base layer
//! for the OS. `observed` is the newest build date in that amd64 history.
//!
//! 54 rows were carried over from `shared/data/images.tsv` (built 2026-11-28 by an earlier helper
//! session; its README explains the method). The rows marked `added 2026-11-28` were read by
//! this session the same way. Sizes change with every rebuild: treat them as approximate, within
//! a few MB, and compare rows with close `observed` dates where possible.
//!
//! Distroless sizes live in `distroless.rs`: the distroless README is the only source for them.

use super::images::{Libc, Variant};
use serde::Serialize;

/// One fact: the compressed amd64 size of one official image tag, with its source and date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct ImageSize {
    /// Docker Hub official image name (`node`, `eclipse-temurin`, ...).
    pub image: &'static str,
    /// The tag whose repo-info file was read.
    pub tag: &'static str,
    pub variant: Variant,
    /// Language/app version in the image (`ENV *_VERSION`); the OS release for OS images.
    pub version: Option<&'static str>,
    /// `debian-trixie`, `alpine-3.24`, `ubuntu-26.04`...
    pub os: &'static str,
    pub libc: Libc,
    /// `Total Size` of the linux/amd64 manifest: compressed transfer size, not on-disk size.
    pub compressed_bytes: u64,
    /// Repository, path and commit the text was read at.
    pub source: &'static str,
    /// Newest build date in the amd64 history (YYYY-MM-DD).
    pub observed: &'static str,
}

/// `mb10` is the size in tenths of a MB (10^5 bytes), as printed in repo-info.
macro_rules! row {
    ($image:literal, $tag:literal, $variant:ident, $version:expr, $os:literal, $libc:ident, $mb10:literal, $source:literal, $observed:literal) => {
        ImageSize {
            image: $image,
            tag: $tag,
            variant: Variant::$variant,
            version: $version,
            os: $os,
            libc: Libc::$libc,
            compressed_bytes: $mb10 * 100_000,
            source: $source,
            observed: $observed,
        }
    };
}

/// All size facts. Order: by image, then as read.
pub(crate) static IMAGE_SIZES: &[ImageSize] = &[
    // --- node (carried from images.tsv) ---
    row!("node", "latest", Full, Some("26.5.0"), "debian-trixie", Glibc, 4424,
        "docker-library/repo-info repos/node/remote/latest.md @0833c0d04a2716e986bbade897206eb15c99b66b", "2026-07-08"),
    row!("node", "24-alpine", Alpine, Some("24.19.0"), "alpine-3.24", Musl, 582,
        "docker-library/repo-info repos/node/remote/24-alpine.md @2534b852156946f241e96816c7024ef2bb5543fd", "2026-08-03"),
    row!("node", "24", Full, Some("24.19.0"), "debian-bookworm", Glibc, 4089,
        "docker-library/repo-info repos/node/remote/24.md @2534b852156946f241e96816c7024ef2bb5543fd", "2026-08-03"),
    row!("node", "24-slim", Slim, Some("24.19.0"), "debian-bookworm", Glibc, 805,
        "docker-library/repo-info repos/node/remote/24-slim.md @2534b852156946f241e96816c7024ef2bb5543fd", "2026-08-03"),
    row!("node", "26-alpine", Alpine, Some("26.5.0"), "alpine-3.24", Musl, 628,
        "docker-library/repo-info repos/node/remote/26-alpine.md @0833c0d04a2716e986bbade897206eb15c99b66b", "2026-07-08"),
    row!("node", "26-slim", Slim, Some("26.5.0"), "debian-trixie", Glibc, 846,
        "docker-library/repo-info repos/node/remote/26-slim.md @0833c0d04a2716e986bbade897206eb15c99b66b", "2026-07-08"),
    row!("node", "22-alpine", Alpine, Some("22.23.3"), "alpine-3.24", Musl, 607,
        "docker-library/repo-info repos/node/remote/22-alpine.md @4211a1635d906d705a873434b7336b27c7678802", "2026-09-23"),
    row!("node", "22-slim", Slim, Some("22.23.2"), "debian-bookworm", Glibc, 799,
        "docker-library/repo-info repos/node/remote/22-slim.md @3179cb4d576b9929bf86873c87f279ac67661c6e", "2026-09-19"),
    row!("node", "24-trixie-slim", Slim, Some("24.20.0"), "debian-trixie", Glibc, 853,
        "docker-library/repo-info repos/node/remote/24-trixie-slim.md @2eade49d93bd3ea5092e8210e288f13f832b298d", "2026-08-27"),
    row!("node", "22", Full, Some("22.23.2"), "debian-bookworm", Glibc, 4085,
        "docker-library/repo-info repos/node/remote/22.md @3179cb4d576b9929bf86873c87f279ac67661c6e", "2026-09-19"),
    // added 2026-11-28: newest stored node 26 build seen. The look-up returned this stored
    // version by id; it did not report the commit.
    row!("node", "trixie-slim", Slim, Some("26.9.0"), "debian-trixie", Glibc, 853,
        "docker-library/repo-info repos/node/remote/trixie-slim.md (read_file id 68898631090; commit not reported)", "2026-09-19"),
    // --- python (carried) ---
    row!("python", "latest", Full, Some("3.14.7"), "debian-trixie", Glibc, 4150,
        "docker-library/repo-info repos/python/remote/latest.md @0c376450b2d177f8478d9fd05ad2b9de6be78fd6", "2026-08-25"),
    row!("python", "3.14-slim", Slim, Some("3.14.7"), "debian-trixie", Glibc, 434,
        "docker-library/repo-info repos/python/remote/3.14-slim.md @34fa04a4e3c62b28b3d13a50a409ef82d6c52f2f", "2026-08-05"),
    row!("python", "3.14-alpine", Alpine, Some("3.14.7"), "alpine-3.24", Musl, 178,
        "docker-library/repo-info repos/python/remote/3.14-alpine.md @27b273677675a1ecbe5671d65986aa5dfe618a4f", "2026-09-17"),
    row!("python", "3.13-slim", Slim, Some("3.13.14"), "debian-trixie", Glibc, 430,
        "docker-library/repo-info repos/python/remote/3.13-slim.md @2986dca3a80cb11b70fc4599941096374ea9e509", "2026-08-05"),
    row!("python", "3.13-alpine", Alpine, Some("3.13.15"), "alpine-3.24", Musl, 169,
        "docker-library/repo-info repos/python/remote/3.13-alpine.md @27b273677675a1ecbe5671d65986aa5dfe618a4f", "2026-09-17"),
    // added 2026-12: python 3.12 (full) on trixie, PYTHON_VERSION=3.12.14.
    row!("python", "3.12", Full, Some("3.12.14"), "debian-trixie", Glibc, 4109,
        "docker-library/repo-info repos/python/remote/3.12.md @0531c602d6fd80edd8094917938c56dff33f491b", "2026-08-13"),
    row!("python", "3.12-slim", Slim, Some("3.12.13"), "debian-trixie", Glibc, 432,
        "docker-library/repo-info repos/python/remote/3.12-slim.md @2986dca3a80cb11b70fc4599941096374ea9e509", "2026-08-05"),
    // --- golang (carried) ---
    row!("golang", "latest", Full, Some("1.26.5"), "debian-trixie", Glibc, 3123,
        "docker-library/repo-info repos/golang/remote/latest.md @01b535c016d07e973eeb58e43ad1e2552018a407", "2026-07-14"),
    row!("golang", "alpine", Alpine, Some("1.27.1"), "alpine-3.24", Musl, 752,
        "docker-library/repo-info repos/golang/remote/alpine.md @274d39a50141ecda8745a0ebaa20760259111041", "2026-09-01"),
    row!("golang", "1.27", Full, Some("1.27.1"), "debian-trixie", Glibc, 3162,
        "docker-library/repo-info repos/golang/remote/1.27.md @274d39a50141ecda8745a0ebaa20760259111041", "2026-09-01"),
    // --- ruby (carried) ---
    row!("ruby", "latest", Full, Some("4.0.6"), "debian-trixie", Glibc, 4289,
        "docker-library/repo-info repos/ruby/remote/latest.md @022ad7fded16e297b44cc48c64ad8e9b8fd8568e", "2026-08-25"),
    row!("ruby", "slim", Slim, Some("4.0.7"), "debian-trixie", Glibc, 808,
        "docker-library/repo-info repos/ruby/remote/slim.md @06a9eb78646351a3a49869d5e3a9581db14cd08f", "2026-09-19"),
    row!("ruby", "alpine", Alpine, Some("4.0.7"), "alpine-3.24", Musl, 525,
        "docker-library/repo-info repos/ruby/remote/alpine.md @1457e322b492254a2dc8a7a36d7016132c19e6b3", "2026-09-17"),
    // --- php (carried) ---
    row!("php", "latest", Cli, Some("8.5.9"), "debian-trixie", Glibc, 1893,
        "docker-library/repo-info repos/php/remote/latest.md @0cb5ca86eead6d7ce957a7f41cc601f4735fcd2b", "2026-08-25"),
    row!("php", "fpm-alpine", FpmAlpine, Some("8.5.10"), "alpine-3.24", Musl, 387,
        "docker-library/repo-info repos/php/remote/fpm-alpine.md @1fb3303d728486f2b2d4e699c2ca98cecc57a8fd", "2026-09-17"),
    row!("php", "apache", Apache, Some("8.5.10"), "debian-trixie", Glibc, 1847,
        "docker-library/repo-info repos/php/remote/apache.md @0ef8f6f6fce7ebf066ef820922dd3719f08cb114", "2026-08-31"),
    row!("php", "alpine", CliAlpine, Some("8.5.10"), "alpine-3.24", Musl, 471,
        "docker-library/repo-info repos/php/remote/alpine.md @14c3bfe82777f616d9aa5f27c65e371319fbb789", "2026-08-31"),
    row!("php", "fpm", Fpm, Some("8.5.10"), "debian-trixie", Glibc, 1896,
        "docker-library/repo-info repos/php/remote/fpm.md @1fb3303d728486f2b2d4e699c2ca98cecc57a8fd", "2026-09-15"),
    // --- eclipse-temurin (carried) ---
    row!("eclipse-temurin", "25-jre-alpine", JreAlpine, Some("25.0.4.1+1"), "alpine-3.24", Musl, 755,
        "docker-library/repo-info repos/eclipse-temurin/remote/25-jre-alpine.md @34e3234d30fbc5dde31ae9a288de69b15463c863", "2026-09-25"),
    row!("eclipse-temurin", "25-jdk", Jdk, Some("25.0.4+7"), "ubuntu-26.04", Glibc, 1567,
        "docker-library/repo-info repos/eclipse-temurin/remote/25-jdk.md @11bfd4f99b512979c1af2554b414258d8476f41f", "2026-09-09"),
    row!("eclipse-temurin", "25-jre", Jre, Some("25.0.4+7"), "ubuntu-26.04", Glibc, 1231,
        "docker-library/repo-info repos/eclipse-temurin/remote/25-jre.md @11bfd4f99b512979c1af2554b414258d8476f41f", "2026-09-09"),
    row!("eclipse-temurin", "21-jre-alpine", JreAlpine, Some("21.0.12.1+1"), "alpine-3.24", Musl, 741,
        "docker-library/repo-info repos/eclipse-temurin/remote/21-jre-alpine.md @34e3234d30fbc5dde31ae9a288de69b15463c863", "2026-09-25"),
    row!("eclipse-temurin", "25-jdk-alpine", JdkAlpine, Some("25.0.4.1+1"), "alpine-3.24", Musl, 1099,
        "docker-library/repo-info repos/eclipse-temurin/remote/25-jdk-alpine.md @34e3234d30fbc5dde31ae9a288de69b15463c863", "2026-09-25"),
    // added 2026-11-28: Temurin 21 on Ubuntu 26.04, same commit as the 25-jdk/25-jre rows.
    row!("eclipse-temurin", "21-jdk", Jdk, Some("21.0.12+8"), "ubuntu-26.04", Glibc, 2301,
        "docker-library/repo-info repos/eclipse-temurin/remote/21-jdk.md @11bfd4f99b512979c1af2554b414258d8476f41f", "2026-09-09"),
    // added 2026-11-28
    row!("eclipse-temurin", "21-jre", Jre, Some("21.0.12+8"), "ubuntu-26.04", Glibc, 1211,
        "docker-library/repo-info repos/eclipse-temurin/remote/21-jre.md @11bfd4f99b512979c1af2554b414258d8476f41f", "2026-09-09"),
    // --- debian (carried) ---
    row!("debian", "bookworm-slim", Slim, Some("12"), "debian-bookworm", Glibc, 282,
        "docker-library/repo-info repos/debian/remote/bookworm-slim.md @05f354f0a08a211fdfed2f21845d1fccd389921d", "2026-08-04"),
    row!("debian", "trixie-slim", Slim, Some("13"), "debian-trixie", Glibc, 298,
        "docker-library/repo-info repos/debian/remote/trixie-slim.md @05f354f0a08a211fdfed2f21845d1fccd389921d", "2026-08-04"),
    row!("debian", "bookworm", Full, Some("12"), "debian-bookworm", Glibc, 485,
        "docker-library/repo-info repos/debian/remote/bookworm.md @05f354f0a08a211fdfed2f21845d1fccd389921d", "2026-08-04"),
    row!("debian", "trixie", Full, Some("13"), "debian-trixie", Glibc, 493,
        "docker-library/repo-info repos/debian/remote/trixie.md @05f354f0a08a211fdfed2f21845d1fccd389921d", "2026-08-04"),
    // --- ubuntu (carried) ---
    row!("ubuntu", "24.04", Full, Some("24.04"), "ubuntu-24.04", Glibc, 298,
        "docker-library/repo-info repos/ubuntu/remote/24.04.md @1c2b9d920fdd20f9cb58fbd6cd771fe434b465d6", "2026-09-11"),
    row!("ubuntu", "22.04", Full, Some("22.04"), "ubuntu-22.04", Glibc, 297,
        "docker-library/repo-info repos/ubuntu/remote/22.04.md @01470af91233e78aee4c06b90ded37a40ddcfaa3", "2026-07-31"),
    row!("ubuntu", "latest", Full, Some("26.04"), "ubuntu-26.04", Glibc, 416,
        "docker-library/repo-info repos/ubuntu/remote/latest.md @01470af91233e78aee4c06b90ded37a40ddcfaa3", "2026-07-24"),
    // --- alpine (carried) ---
    row!("alpine", "latest", Full, Some("3.24.2"), "alpine-3.24", Musl, 38,
        "docker-library/repo-info repos/alpine/remote/latest.md @1746b58749182f00f5d2c26a53fff697cfce2c81", "2026-09-17"),
    // --- nginx (carried; alpine has the njs/acme/xslt/geoip/image-filter modules, alpine-slim not) ---
    row!("nginx", "alpine", Alpine, Some("1.31.6"), "alpine-3.24", Musl, 263,
        "docker-library/repo-info repos/nginx/remote/alpine.md @073c780cc133d5ae32b07228be073797e67908f3", "2026-09-22"),
    row!("nginx", "alpine-slim", AlpineSlim, Some("1.31.3"), "alpine-3.24", Musl, 57,
        "docker-library/repo-info repos/nginx/remote/alpine-slim.md @07d85259206eb942e61621c998f30ba8bd48adb7", "2026-07-15"),
    // added 2026-11-28: the Debian (full) nginx, same commit and version as alpine-slim above.
    row!("nginx", "latest", Full, Some("1.31.3"), "debian-trixie", Glibc, 631,
        "docker-library/repo-info repos/nginx/remote/latest.md @07d85259206eb942e61621c998f30ba8bd48adb7", "2026-07-15"),
    // --- httpd (carried) ---
    row!("httpd", "alpine", Alpine, Some("2.4.68"), "alpine-3.24", Musl, 207,
        "docker-library/repo-info repos/httpd/remote/alpine.md @48ea2422faedd97c942642c760e1ea92a69d7673", "2026-06-16"),
    row!("httpd", "latest", Full, Some("2.4.68"), "debian-trixie", Glibc, 453,
        "docker-library/repo-info repos/httpd/remote/latest.md @157d40004033426c6d74f484d4e78da6a055256f", "2026-09-19"),
    // --- redis (carried; redis:alpine was on alpine 3.23) ---
    row!("redis", "alpine", Alpine, Some("8.10.2"), "alpine-3.23", Musl, 391,
        "docker-library/repo-info repos/redis/remote/alpine.md @0bdd94409df031423d112c6f22cab289fa8fc401", "2026-09-21"),
    row!("redis", "latest", Full, Some("8.10.1"), "debian-trixie", Glibc, 555,
        "docker-library/repo-info repos/redis/remote/latest.md @0ae7309187d6256f5549f0408473cfa4a23383ea", "2026-09-19"),
    // --- postgres ---
    row!("postgres", "alpine", Alpine, Some("18.6"), "alpine-3.24", Musl, 1200,
        "docker-library/repo-info repos/postgres/remote/alpine.md @23406aef4379bd5dff53db7d1f8d16eb49114402", "2026-09-17"),
    // added 2026-11-28: PG_VERSION=18.6-1.pgdg13+2 on trixie.
    row!("postgres", "latest", Full, Some("18.6"), "debian-trixie", Glibc, 1625,
        "docker-library/repo-info repos/postgres/remote/latest.md @0b63eeca29bdd695a0db3d3249137b9929da650d", "2026-09-19"),
    // --- rust (carried) ---
    row!("rust", "alpine", Alpine, Some("1.98.0"), "alpine-3.24", Musl, 3491,
        "docker-library/repo-info repos/rust/remote/alpine.md @0db03f6ce992b3d4c9d4cad41df56a2ffe4908dc", "2026-08-20"),
    row!("rust", "slim", Slim, Some("1.97.1"), "debian-trixie", Glibc, 3231,
        "docker-library/repo-info repos/rust/remote/slim.md @0702c84ff83ebb7ee5db046f306f4cbbc862eebf", "2026-08-05"),
    row!("rust", "latest", Full, Some("1.98.0"), "debian-trixie", Glibc, 5930,
        "docker-library/repo-info repos/rust/remote/latest.md @0586660a66b9371b7f2ee04942223534b0462178", "2026-08-25"),
    // --- buildpack-deps ---
    row!("buildpack-deps", "trixie-curl", Curl, None, "debian-trixie", Glibc, 750,
        "docker-library/repo-info repos/buildpack-deps/remote/trixie-curl.md @0602e03cdbbe7a1db7a7919b4ace2d57c775f94f", "2026-08-25"),
    // added 2026-11-28: rootfs 49.3 + curl 25.6 + scm 67.8 + compilers/-dev 236.3 MB layers.
    row!("buildpack-deps", "trixie", Full, None, "debian-trixie", Glibc, 3790,
        "docker-library/repo-info repos/buildpack-deps/remote/trixie.md @12f71ea34b541fe9c4f2d4f21c371a6c04a03314", "2026-07-14"),
    // --- builders (carried). maven:latest: MAVEN_VERSION is not in the amd64 history; the
    // image carries Temurin JDK 26.0.2+10 on Ubuntu 24.04. gradle:latest: gradle 9.7.0 + JDK 25.0.3+9.
    row!("maven", "latest", Builder, None, "ubuntu-24.04", Glibc, 1758,
        "docker-library/repo-info repos/maven/remote/latest.md @0f6233cdc6cd10c71b8eaf63547850cbcff45ae8", "2026-08-21"),
    row!("gcc", "latest", Full, Some("16.2.0"), "debian-trixie", Glibc, 5612,
        "docker-library/repo-info repos/gcc/remote/latest.md @12d227e272605b69ea9fd48335e9d4af78308396", "2026-08-31"),
    row!("gradle", "latest", Builder, Some("9.7.0"), "ubuntu-26.04", Glibc, 3764,
        "docker-library/repo-info repos/gradle/remote/latest.md @04bf269c7a19f3dbb11d11c3cf84504b25a6fc56", "2026-08-18"),
];
