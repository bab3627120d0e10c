use crate::declare_rule;
use crate::rules::Checker;
use crate::semantic::variables::has_vars;
use crate::syntax::remote::{is_git_url, is_http_url};
use crate::syntax::{Args, InstructionKind, Str};

declare_rule! {
    /// ## What it does
    /// Checks for `COPY` and `ADD` sources from the build context that the context's
    /// `.dockerignore` excludes. Runs only when the `.dockerignore` is known and has no
    /// `!` exceptions (as BuildKit does: exceptions make the answer uncertain); sources
    /// with variables, `COPY --from`, URLs and heredocs are not checked.
    ///
    /// ## Why is this bad?
    /// Excluded files are not sent to the builder: the `COPY` fails with "not found", or a
    /// wildcard silently copies less than it seems to.
    ///
    /// ## Example
    /// ```dockerfile
    /// # dockerignore: tmp
    /// FROM scratch
    /// COPY ./tmp/helloworld.txt /helloworld.txt
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// # dockerignore: tmp
    /// FROM scratch
    /// COPY ./forever/helloworld.txt /helloworld.txt
    /// ```
    ///
    /// (The `# dockerignore:` line stands for the context's `.dockerignore`.)
    ///
    /// ## References
    /// - [BuildKit check CopyIgnoredFile](https://docs.docker.com/reference/build-checks/copy-ignored-file/)
    /// - [Dockerfile reference: .dockerignore](https://docs.docker.com/build/concepts/context/#dockerignore-files)
    pub(crate) static RULE = {
        code: "SF522",
        name: "copy-ignored-file",
        category: Correctness,
        severity: Warning,
        default_enabled: true,
        buildkit: Some("CopyIgnoredFile"),
        fix: None,
        check: check,
    }
}

fn check(checker: &Checker) {
    let Some(ignore) = checker.dockerignore() else {
        return;
    };
    if ignore.is_empty() || ignore.has_exclusions() {
        return;
    }
    let root_ignored = ignore
        .patterns()
        .iter()
        .any(|p| !p.exclusion && matches!(p.cleaned.as_str(), "*" | "**" | "**/*"));
    let escape = checker.df.escape();
    for inst in checker.instructions() {
        let keyword = match inst.kind {
            InstructionKind::Copy if inst.flag("from").is_none() => "COPY",
            InstructionKind::Add => "ADD",
            _ => continue,
        };
        let words: &[Str] = match &inst.args {
            Args::List(w) => w,
            Args::Exec { items, .. } => items,
            _ => continue,
        };
        let Some((_, sources)) = words.split_last() else {
            continue;
        };
        for src in sources {
            let path = src.value.as_str();
            if path.starts_with("<<")
                || has_vars(path, escape)
                || is_http_url(path)
                || is_git_url(path)
            {
                continue;
            }
            let trimmed = path.trim_start_matches("./").trim_matches('/');
            let is_root = trimmed.is_empty() || trimmed == ".";
            let ignored = if is_root {
                root_ignored
            } else {
                ignore.matches_or_parent_matches(path)
            };
            if ignored {
                checker.report(
                    src.range,
                    format!("`{keyword}` source `{path}` is excluded by `.dockerignore`"),
                );
            }
        }
    }
}
