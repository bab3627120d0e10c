//! Image references (`registry/path:tag@digest`), split the way Docker's reference
//! grammar splits them.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
/// An image reference split like the Docker reference grammar: `registry/name:tag@digest`.
pub struct ImageRef {
    /// `ghcr.io`, `localhost:5000`; `None` for Docker Hub written without a registry.
    pub registry: Option<String>,
    /// The repository path as written after the registry: `node`, `library/node`, `org/app`.
    pub path: String,
    /// The tag, when one is written.
    pub tag: Option<String>,
    /// `sha256:...`.
    pub digest: Option<String>,
}

impl ImageRef {
    /// Splits a reference; never fails (an odd reference keeps its text in `name`).
    pub fn parse(reference: &str) -> ImageRef {
        let (rest, digest) = match reference.split_once('@') {
            Some((r, d)) => (r, Some(d.to_string())),
            None => (reference, None),
        };
        let last_slash = rest.rfind('/').map_or(0, |i| i + 1);
        let (name, tag) = match rest[last_slash..].rfind(':') {
            Some(i) => (
                &rest[..last_slash + i],
                Some(rest[last_slash + i + 1..].to_string()),
            ),
            None => (rest, None),
        };
        let (registry, path) = match name.split_once('/') {
            Some((first, path))
                if first.contains(['.', ':'])
                    || first == "localhost"
                    || first.chars().any(|c| c.is_ascii_uppercase()) =>
            {
                (Some(first.to_string()), path.to_string())
            }
            _ => (None, name.to_string()),
        };
        ImageRef {
            registry,
            path,
            tag,
            digest,
        }
    }

    /// Whether the image lives on Docker Hub.
    pub fn is_docker_hub(&self) -> bool {
        matches!(
            self.registry.as_deref(),
            None | Some("docker.io" | "index.docker.io" | "registry-1.docker.io")
        )
    }

    /// The official image's short name (`node` for `node`, `library/node` or
    /// `docker.io/library/node`), if this is one.
    pub fn official_name(&self) -> Option<&str> {
        if !self.is_docker_hub() {
            return None;
        }
        match self.path.strip_prefix("library/") {
            Some(name) if !name.contains('/') => Some(name),
            None if !self.path.contains('/') => Some(&self.path),
            _ => None,
        }
    }

    /// The repository without tag or digest, as written: `ghcr.io/org/app`.
    pub fn repository(&self) -> String {
        match &self.registry {
            Some(r) => format!("{r}/{}", self.path),
            None => self.path.clone(),
        }
    }

    /// `scratch`, the empty image.
    pub fn is_scratch(&self) -> bool {
        self.registry.is_none() && self.path == "scratch"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_registry_path_tag_and_digest() {
        let r = ImageRef::parse("localhost:5000/org/app:1.2@sha256:abc");
        assert_eq!(r.registry.as_deref(), Some("localhost:5000"));
        assert_eq!(r.path, "org/app");
        assert_eq!(r.tag.as_deref(), Some("1.2"));
        assert_eq!(r.digest.as_deref(), Some("sha256:abc"));

        let r = ImageRef::parse("node:20-slim");
        assert_eq!(
            (r.registry, r.path.as_str(), r.tag.as_deref()),
            (None, "node", Some("20-slim"))
        );
        assert_eq!(
            ImageRef::parse("docker.io/library/node").official_name(),
            Some("node")
        );
        assert_eq!(ImageRef::parse("bitnami/node").official_name(), None);
        assert_eq!(ImageRef::parse("ghcr.io/node").official_name(), None);
    }
}
