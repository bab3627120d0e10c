use crate::declare_rule;
use crate::rules::Checker;
use crate::syntax::SyntaxErrorKind;

declare_rule! {
    /// ## What it does
    /// Reports an argument BuildKit's instruction layer rejects: a blank `ENV`, `LABEL` or
    /// `ARG` name (`ENV =value`), an empty `VOLUME` path (`VOLUME [""]`), a stage name that
    /// does not start with a letter or holds other symbols than `-`, `_` and `.`
    /// (`FROM node AS 1st`), `HEALTHCHECK NONE` with arguments, `HEALTHCHECK CMD` without a
    /// command, a `HEALTHCHECK` type other than `CMD` or `NONE`, `SHELL` not in JSON form,
    /// a `STOPSIGNAL` that is no signal (`SIGFOO`, `0`; one from a variable is known
    /// only at build time), a URL or Git repository as a `COPY` source (only `ADD` fetches),
    /// and an `ADD --checksum` of several sources or of a local one.
    ///
    /// ## Why is this bad?
    /// The build stops at the instruction with "dockerfile parse error" before running
    /// anything.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:24-slim AS 1st
    /// ENV =production
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM node:24-slim AS first
    /// ENV NODE_ENV=production
    /// ```
    ///
    /// ## References
    /// - [Dockerfile reference: FROM](https://docs.docker.com/reference/dockerfile/#from)
    /// - [Dockerfile reference: ENV](https://docs.docker.com/reference/dockerfile/#env)
    pub(crate) static RULE = {
        code: "SF526",
        name: "invalid-argument",
        category: Correctness,
        severity: Error,
        default_enabled: true,
        buildkit: None,
        fix: None,
        check: check,
    }
}

fn check(checker: &Checker) {
    super::report_parse_warnings(checker, SyntaxErrorKind::InvalidArgument);
}
