use crate::declare_rule;
use crate::rules::Checker;
use crate::syntax::remote::{is_git_url, is_http_url};
use crate::syntax::{Args, InstructionKind, Str};

declare_rule! {
    /// ## What it does
    /// Checks for `ADD` of an `http://` or `https://` URL without `--checksum`. Git
    /// repositories (`https://.../repo.git`, `git@...`) are not files and are not
    /// reported.
    ///
    /// ## Why is this bad?
    /// The build takes whatever the server returns at build time: a moved release, a
    /// tampered mirror or a man in the middle (plain `http://`) changes the image without
    /// any change to the Dockerfile. `--checksum=sha256:...` makes the build fail instead.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.22
    /// ADD https://github.com/krallin/tini/releases/download/v0.19.0/tini-static /tini
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.22
    /// ADD --checksum=sha256:<sha256-of-the-file> \
    ///     https://github.com/krallin/tini/releases/download/v0.19.0/tini-static /tini
    /// ```
    ///
    /// ## References
    /// - [Dockerfile reference: ADD --checksum](https://docs.docker.com/reference/dockerfile/#add---checksum)
    /// - [Docker best practices: ADD or COPY](https://docs.docker.com/build/building/best-practices/#add-or-copy)
    pub(crate) static RULE = {
        code: "SF403",
        name: "add-remote-without-checksum",
        category: Security,
        severity: Warning,
        default_enabled: true,
        buildkit: None,
        fix: None,
        check: check,
    }
}

fn check(checker: &Checker) {
    for inst in checker.instructions() {
        if inst.kind != InstructionKind::Add || inst.flag("checksum").is_some() {
            continue;
        }
        let words: &[Str] = match &inst.args {
            Args::List(w) => w,
            Args::Exec { items, .. } => items,
            _ => continue,
        };
        let Some((_, sources)) = words.split_last() else {
            continue;
        };
        for src in sources {
            if is_http_url(&src.value) && !is_git_url(&src.value) {
                checker.report(src.range, "`ADD` of a remote URL without `--checksum`");
            }
        }
    }
}
