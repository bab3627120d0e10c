//! What the build context tells the analyzer. Core does no I/O: the CLI and the bindings
//! gather this and hand it over.

pub(crate) mod dockerignore;

use serde::{Deserialize, Serialize};

use dockerignore::DockerIgnore;

/// A file in the build context, relative to its root with `/` separators.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContextFile {
    pub path: String,
    pub size: u64,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Context {
    /// The text of the `.dockerignore` that applies (or `<Dockerfile>.dockerignore`);
    /// `None` when there is none.
    pub dockerignore: Option<String>,
    /// The files of the context, when known. `None` means unknown (rules that need it stay
    /// silent), `Some(empty)` means an empty context.
    pub files: Option<Vec<ContextFile>>,
}

impl Context {
    pub fn with_dockerignore(mut self, text: impl Into<String>) -> Self {
        self.dockerignore = Some(text.into());
        self
    }

    pub fn with_files<I, P>(mut self, files: I) -> Self
    where
        I: IntoIterator<Item = (P, u64)>,
        P: Into<String>,
    {
        self.files = Some(
            files
                .into_iter()
                .map(|(p, size)| ContextFile {
                    path: p.into(),
                    size,
                })
                .collect(),
        );
        self
    }

    pub(crate) fn ignore_rules(&self) -> Option<DockerIgnore> {
        self.dockerignore.as_deref().map(DockerIgnore::parse)
    }
}
