//! The files a user's `.dockerignore` keeps on purpose: those an exception line
//! (`!keep.log`) brings back. Lines a fix appends come last, and the last matching line
//! wins, so an added `**/*.log` would take `keep.log` out again: such a line is not added.

use std::sync::Arc;

use crate::context::dockerignore::DockerIgnore;
use crate::context::Context;
use crate::rules::Checker;

/// The context's files that an exception line of its `.dockerignore` keeps in, worked out
/// once per context (a directory of Dockerfiles shares one).
#[derive(Default)]
pub(crate) struct KeptFiles {
    paths: Vec<String>,
}

impl KeptFiles {
    pub(crate) fn of(checker: &Checker) -> Arc<KeptFiles> {
        checker
            .context
            .derived_with_ignore(KeptFiles::find)
            .unwrap_or_default()
    }

    fn find(context: &Context) -> KeptFiles {
        let (Some(ignore), Some(files)) = (context.ignore_rules(), context.files()) else {
            return KeptFiles::default();
        };
        let exceptions: Vec<DockerIgnore> = ignore
            .patterns()
            .iter()
            .filter(|p| p.exclusion)
            .map(|p| DockerIgnore::parse(&p.cleaned))
            .collect();
        if exceptions.is_empty() {
            return KeptFiles::default();
        }
        let paths = files
            .iter()
            .enumerate()
            .filter(|&(i, f)| {
                !context.file_ignored(i) && exceptions.iter().any(|e| e.is_ignored(&f.path))
            })
            .map(|(_, f)| f.path.clone())
            .collect();
        KeptFiles { paths }
    }

    /// The first kept file that `entry`, appended to the `.dockerignore`, would leave out.
    pub(crate) fn hidden_by(&self, entry: &str) -> Option<&str> {
        if self.paths.is_empty() {
            return None;
        }
        let added = DockerIgnore::parse(entry);
        self.paths
            .iter()
            .find(|p| added.is_ignored(p))
            .map(String::as_str)
    }
}
