use crate::declare_rule;
use crate::rules::shared::labels::labels;
use crate::rules::Checker;

declare_rule! {
    /// ## What it does
    /// Checks `LABEL` keys against Docker's guidelines for label keys: lower-case letters,
    /// digits, `.`, `-` (and `_`, `/`); starting with a letter and ending with a letter or
    /// digit; no `..` or `--`; and not in the namespaces Docker reserves for itself
    /// (`com.docker.*`, `io.docker.*`, `org.dockerproject.*`).
    ///
    /// ## Why is this bad?
    /// Tools that read labels (registries, orchestrators, `docker inspect --format`
    /// templates) expect keys in that shape, and Docker's own tooling may set and overwrite
    /// the reserved namespaces. Reverse-DNS keys (`org.opencontainers.image.source`) keep
    /// labels of different tools apart.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:trixie-slim
    /// LABEL Version="1.2.0"
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:trixie-slim
    /// LABEL org.opencontainers.image.version="1.2.0"
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3048](https://github.com/hadolint/hadolint/wiki/DL3048)
    /// - [Docker object labels: key format recommendations](https://docs.docker.com/engine/manage-resources/labels/#key-format-recommendations)
    pub(crate) static RULE = {
        code: "DL3048",
        name: "label-key-invalid",
        category: Style,
        severity: Style,
        default_enabled: true,
        buildkit: None,
        fix: None,
        check: check,
    }
}

/// Namespaces Docker keeps for its own labels.
const RESERVED_NAMESPACES: [&str; 3] = ["com.docker.", "io.docker.", "org.dockerproject."];

fn check(checker: &Checker) {
    for label in labels(checker) {
        if let Some(problem) = key_problem(label.key) {
            checker.report(
                label.pair.key.range,
                format!("Invalid label key `{}`: {problem}", label.key),
            );
        }
    }
}

/// What is wrong with a label key, if anything.
fn key_problem(key: &str) -> Option<&'static str> {
    let bytes = key.as_bytes();
    if !bytes.first().is_some_and(u8::is_ascii_lowercase) {
        return Some("it must start with a lower-case letter");
    }
    if !bytes
        .last()
        .is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    {
        return Some("it must end with a lower-case letter or a digit");
    }
    if !bytes.iter().all(|b| {
        b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'_' | b'/')
    }) {
        return Some("only lower-case letters, digits, `.`, `-`, `_` and `/` are allowed");
    }
    if key.contains("..") || key.contains("--") {
        return Some("`..` and `--` are not allowed");
    }
    if RESERVED_NAMESPACES.iter().any(|ns| key.starts_with(ns)) {
        return Some("the namespace is reserved for Docker");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::key_problem;

    #[test]
    fn keys_as_docker_recommends() {
        for good in [
            "maintainer",
            "org.opencontainers.image.source",
            "com.example.v2",
            "a_b/c-d",
        ] {
            assert_eq!(key_problem(good), None, "{good}");
        }
        for bad in [
            "Version",
            "1invalid",
            ".invalid",
            "-invalid",
            "invalid-",
            "invalid$character",
            "invalid..character",
            "invalid--character",
            "com.docker.label",
            "io.docker.label",
            "org.dockerproject.label",
            "",
        ] {
            assert!(key_problem(bad).is_some(), "{bad}");
        }
    }
}
