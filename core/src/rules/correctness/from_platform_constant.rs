use crate::declare_rule;
use crate::rules::Checker;
use crate::semantic::instructions::platform_flag;
use crate::semantic::variables::expand;
use crate::semantic::variables::has_vars;

declare_rule! {
    /// ## What it does
    /// Checks for `FROM --platform=` with a constant platform (`linux/amd64`) in a stage
    /// whose name does not mention that platform's OS or architecture.
    ///
    /// ## Why is this bad?
    /// A constant platform makes the stage build for one platform whatever the build asks
    /// for, so the file cannot build a multi-platform image, and on another machine it
    /// runs under emulation. Leave the platform to `docker build --platform`, or use
    /// `$BUILDPLATFORM` for stages that only produce files for later stages. Stages meant
    /// for one platform say so in their name (`FROM --platform=linux/arm64 ... AS
    /// build-arm64`) and are not reported.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM --platform=linux/amd64 alpine:3.22 AS base
    /// RUN apk add --no-cache git
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM --platform=$BUILDPLATFORM alpine:3.22 AS base
    /// RUN apk add --no-cache git
    /// ```
    ///
    /// ## References
    /// - [BuildKit check FromPlatformFlagConstDisallowed](https://docs.docker.com/reference/build-checks/from-platform-flag-const-disallowed/)
    pub(crate) static RULE = {
        code: "SF521",
        name: "from-platform-constant",
        category: Correctness,
        severity: Warning,
        default_enabled: true,
        buildkit: Some("FromPlatformFlagConstDisallowed"),
        fix: None,
        check: check,
    }
}

fn check(checker: &Checker) {
    let escape = checker.df.escape();
    for stage in checker.df.stages() {
        let inst = &checker.instructions()[stage.from as usize];
        let Some(flag) = platform_flag(inst) else {
            continue;
        };
        let raw = flag.value().unwrap_or("");
        if has_vars(raw, escape) {
            continue;
        }
        let Some(value) = expand(raw, escape, &|_| None) else {
            continue;
        };
        let Some((os, arch)) = parse_platform(&value) else {
            continue;
        };
        let name = stage.name_lower().unwrap_or_default();
        if name.contains(os.as_str()) || name.contains(arch.as_str()) {
            continue;
        }
        checker.report(
            flag.range,
            format!("`FROM --platform={value}` pins the stage to one platform"),
        );
    }
}

/// containerd's `platforms.Parse`, normalised: `(os, architecture)`.
fn parse_platform(text: &str) -> Option<(String, String)> {
    let parts: Vec<&str> = text.split('/').collect();
    if parts.is_empty() || parts.len() > 3 {
        return None;
    }
    let valid = |p: &str| {
        !p.is_empty()
            && p.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"_.-".contains(&b))
    };
    let os_part = parts[0].split('(').next().unwrap_or("");
    if !valid(os_part) || !parts[1..].iter().all(|p| valid(p)) {
        return None;
    }
    let os = normalize_os(os_part);
    if parts.len() == 1 {
        const KNOWN_OS: [&str; 12] = [
            "aix",
            "android",
            "darwin",
            "dragonfly",
            "freebsd",
            "illumos",
            "ios",
            "js",
            "linux",
            "netbsd",
            "openbsd",
            "windows",
        ];
        return Some(if KNOWN_OS.contains(&os.as_str()) {
            (os, "amd64".to_string())
        } else {
            ("linux".to_string(), normalize_arch(os_part))
        });
    }
    Some((os, normalize_arch(parts[1])))
}

fn normalize_os(os: &str) -> String {
    let os = os.to_ascii_lowercase();
    if os == "macos" {
        "darwin".to_string()
    } else {
        os
    }
}

fn normalize_arch(arch: &str) -> String {
    let arch = arch.to_ascii_lowercase();
    match arch.as_str() {
        "i386" | "i486" | "i586" | "i686" | "386" => "386",
        "x86_64" | "x86-64" | "amd64" => "amd64",
        "aarch64" | "arm64" => "arm64",
        "armhf" | "armel" | "arm" => "arm",
        _ => return arch,
    }
    .to_string()
}
