//! Base images: the official image a stage is built on and its version, and image
//! references as BuildKit validates them.

use super::Semantic;
use crate::knowledge::classify_tag;
use crate::syntax::Stage;
use crate::syntax::Str;

/// The official image a stage (or the stage it is built `FROM`) starts from, with its tag:
/// `("node", Some("20-slim"))`. `None` when the image is not an official one or depends on a
/// build-time variable or is pinned by digest alone.
pub(crate) fn official_base<'s>(
    model: &'s Semantic<'_>,
    index: usize,
) -> Option<(&'s str, Option<&'s str>)> {
    let stage = *super::stages::stage_chain_of(model, index).last()?;
    if stage.unresolved {
        return None;
    }
    let base = stage.base.as_ref()?;
    if base.tag.is_none() && base.digest.is_some() {
        // Pinned by digest alone: which release that is, the text does not say.
        return None;
    }
    Some((base.official_name()?, base.tag.as_deref()))
}

/// The version an official image's tag names, as numbers: `node:20.11-slim` → `[20, 11]`.
/// `Some(empty)` for floating tags (`latest`, `lts`, `slim`, none), which follow the current
/// release; `None` when the tag cannot be read.
pub(crate) fn base_version(model: &Semantic, index: usize, image: &str) -> Option<Vec<u32>> {
    let (name, tag) = official_base(model, index)?;
    if name != image {
        return None;
    }
    let Some(tag) = tag else {
        return Some(Vec::new());
    };
    match classify_tag(name, tag) {
        Some(info) => Some(info.version.as_deref().map_or_else(Vec::new, numbers)),
        None => {
            // Unknown words in the tag: read the leading version only.
            let lead: &str = tag
                .split(|c: char| !(c.is_ascii_digit() || c == '.'))
                .next()
                .unwrap_or("");
            (!lead.is_empty()).then(|| numbers(lead))
        }
    }
}

fn numbers(version: &str) -> Vec<u32> {
    version
        .split('.')
        .map_while(|p| p.parse::<u32>().ok())
        .collect()
}

/// The image word of a stage's `FROM` when a fix can edit it in place: written without
/// variables, quotes or line continuations.
pub(crate) fn editable_image<'a>(model: &Semantic<'a>, stage: &'a Stage) -> Option<&'a Str> {
    let image = stage.image.as_ref()?;
    (!image.value.contains('$') && model.text(image.range) == image.value).then_some(image)
}

/// Whether a resolved image reference is plain text a registry accepts: no template
/// markers (`{{ }}`), no variable left unexpanded.
pub(crate) fn plain_reference(image: &str) -> bool {
    !image.is_empty()
        && image
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"._-/:@".contains(&b))
}

/// A stage name that says the image is for development or tests: `dev`, `test`, `debug`...
pub(crate) fn named_for_development(name: &str) -> bool {
    name.split(['-', '_', '.']).any(|w| {
        matches!(
            w.to_ascii_lowercase().as_str(),
            "dev"
                | "develop"
                | "development"
                | "test"
                | "tests"
                | "testing"
                | "debug"
                | "ci"
                | "lint"
                | "e2e"
        )
    })
}

/// Why Docker's reference parser (`ParseNormalizedNamed`, which `FROM` and `COPY --from`
/// go through) rejects an image reference, as its error says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ReferenceProblem {
    Empty,
    /// It would be valid in lower case.
    Uppercase,
    Format,
    /// A digest of a known algorithm with the wrong length, or of an unknown algorithm.
    Digest,
    /// A bare 64-character hex string, which Docker reads as an image ID.
    HexIdentifier,
}

impl ReferenceProblem {
    pub(crate) fn message(self) -> &'static str {
        match self {
            Self::Empty => "an empty image name",
            Self::Uppercase => "repository name must be lowercase",
            Self::Format => "invalid reference format",
            Self::Digest => "invalid digest: sha256 takes 64 hex digits, sha384 96, sha512 128",
            Self::HexIdentifier => {
                "a 64-character hex string is an image ID, not a repository name"
            }
        }
    }
}

/// Whether Docker's reference parser (`ParseNormalizedNamed`) accepts `text`.
pub(crate) fn is_valid_image_reference(text: &str) -> bool {
    image_reference_problem(text).is_none()
}

/// What Docker's reference parser (`ParseNormalizedNamed`) finds wrong with `text`.
pub(crate) fn image_reference_problem(text: &str) -> Option<ReferenceProblem> {
    if text.is_empty() {
        return Some(ReferenceProblem::Empty);
    }
    if text.len() == 64 && text.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
        return Some(ReferenceProblem::HexIdentifier);
    }
    if !matches_reference_grammar(text) {
        let lower = text.to_ascii_lowercase();
        return Some(if matches_reference_grammar(&lower) {
            ReferenceProblem::Uppercase
        } else {
            ReferenceProblem::Format
        });
    }
    let digest_ok = text.split_once('@').is_none_or(|(_, digest)| {
        let (algorithm, hex) = digest.split_once(':').unwrap_or((digest, ""));
        let want = match algorithm {
            "sha256" => 64,
            "sha384" => 96,
            "sha512" => 128,
            _ => return false,
        };
        hex.len() == want && hex.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
    });
    (!digest_ok).then_some(ReferenceProblem::Digest)
}

/// Whether `text` matches the reference grammar: `[host[:port]/]path[:tag][@digest]`
/// with lower-case path components.
fn matches_reference_grammar(text: &str) -> bool {
    if text.is_empty() || text.len() > 255 + 130 {
        return false;
    }
    let (rest, digest) = match text.split_once('@') {
        Some((r, d)) => (r, Some(d)),
        None => (text, None),
    };
    if let Some(d) = digest {
        let Some((algo, hex)) = d.split_once(':') else {
            return false;
        };
        if algo.is_empty()
            || !algo
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-_+.".contains(&b))
            || hex.len() < 32
            || !hex.bytes().all(|b| b.is_ascii_hexdigit())
        {
            return false;
        }
    }
    let last_slash = rest.rfind('/').map_or(0, |i| i + 1);
    let (name, tag) = match rest[last_slash..].rfind(':') {
        Some(i) => (&rest[..last_slash + i], Some(&rest[last_slash + i + 1..])),
        None => (rest, None),
    };
    if let Some(tag) = tag {
        let ok = !tag.is_empty()
            && tag.len() <= 128
            && tag
                .bytes()
                .next()
                .is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_')
            && tag
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"_.-".contains(&b));
        if !ok {
            return false;
        }
    }
    let mut components = name.split('/');
    let first = components.next().unwrap_or("");
    let has_domain = name.contains('/')
        && (first.contains(['.', ':'])
            || first == "localhost"
            || first.bytes().any(|b| b.is_ascii_uppercase()));
    if has_domain {
        let (host, port) = match first.rsplit_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (first, None),
        };
        let host_ok = !host.is_empty()
            && host.split('.').all(|part| {
                !part.is_empty()
                    && part.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                    && !part.starts_with('-')
                    && !part.ends_with('-')
            });
        let ipv6 = host.starts_with('[') && host.ends_with(']');
        let port_ok = port.is_none_or(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
        if !(host_ok || ipv6) || !port_ok {
            return false;
        }
    } else if !path_component_ok(first) {
        return false;
    }
    components.all(path_component_ok)
}

/// `[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*`
fn path_component_ok(part: &str) -> bool {
    let b = part.as_bytes();
    if b.is_empty() || !is_alnum_lower(b[0]) || !is_alnum_lower(b[b.len() - 1]) {
        return false;
    }
    let mut i = 0;
    while i < b.len() {
        if is_alnum_lower(b[i]) {
            i += 1;
            continue;
        }
        let sep_len = b[i..].iter().take_while(|c| !is_alnum_lower(**c)).count();
        let sep = &part[i..i + sep_len];
        if !(sep == "." || sep == "_" || sep == "__" || sep.bytes().all(|c| c == b'-')) {
            return false;
        }
        i += sep_len;
    }
    true
}

fn is_alnum_lower(b: u8) -> bool {
    b.is_ascii_lowercase() || b.is_ascii_digit()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn image_references() {
        for ok in [
            "alpine",
            "alpine:3.22",
            "docker.io/library/node:22-slim",
            "localhost:5000/a/b_c__d.e-f:1",
            "ghcr.io/org/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "MyRegistry/app",
        ] {
            assert!(is_valid_image_reference(ok), "{ok}");
        }
        for bad in [
            "",
            "alpine:",
            "Alpine",
            "node:-x",
            "a//b",
            "/a",
            "a/",
            "org/App:1",
            ":1",
            "php:%%PHP_VERSION%%-alpine",
            "ubuntu@sha256:abc",
            "ubuntu@md5:0123456789abcdef0123456789abcdef",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        ] {
            assert!(!is_valid_image_reference(bad), "{bad}");
        }
        assert_eq!(
            image_reference_problem("Ubuntu:20.04"),
            Some(ReferenceProblem::Uppercase)
        );
        assert_eq!(
            image_reference_problem("ubuntu:20.04@sha256:0123456789abcdef0123456789abcdef"),
            Some(ReferenceProblem::Digest)
        );
        assert_eq!(
            image_reference_problem("phusion/passenger-ruby21:"),
            Some(ReferenceProblem::Format)
        );
    }
}
