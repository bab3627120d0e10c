use crate::declare_rule;
use crate::rules::Checker;
use crate::syntax::SyntaxErrorKind;

declare_rule! {
    /// ## What it does
    /// Reports a flag BuildKit's instruction layer rejects although the instruction takes
    /// it: given twice (`COPY --from=a --from=b`), without its value (`COPY --chown src
    /// dst`), or with a value it does not take (`COPY --link=maybe`, `RUN --network=bridge`,
    /// `RUN --security=privileged`, a numeric `--chmod` that is not an octal mode up to
    /// `7777` such as `--chmod=999`, a `HEALTHCHECK` duration without a unit such as
    /// `--interval=30`, an interval under 1ms, a negative or non-numeric `--retries`), and a
    /// `RUN --mount` BuildKit cannot use: an unknown type (`type=cahce`) or key, a key the
    /// type does not take (`size` outside `tmpfs`, `uid` on a `bind` mount), a bad
    /// `sharing`, `mode`, `uid`, `gid`, `size` or boolean, a secret mount with neither `id`
    /// nor `target`, and a variable in `COPY --from` or a mount's `from` (BuildKit does not
    /// expand them: an `ARG` naming the image goes in a `FROM ${IMAGE} AS name` stage).
    ///
    /// ## Why is this bad?
    /// The build stops at the instruction with "dockerfile parse error" before running
    /// anything (a `--mount` error, when the step is about to run). `--exclude` and
    /// `--mount` may be repeated; other flags may not.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine
    /// HEALTHCHECK --interval=30 --retries=-1 CMD wget -qO- http://localhost/ || exit 1
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine
    /// HEALTHCHECK --interval=30s --retries=3 CMD wget -qO- http://localhost/ || exit 1
    /// ```
    ///
    /// ## References
    /// - [Dockerfile reference: HEALTHCHECK](https://docs.docker.com/reference/dockerfile/#healthcheck)
    /// - [Dockerfile reference: RUN --network](https://docs.docker.com/reference/dockerfile/#run---network)
    pub(crate) static RULE = {
        code: "SF525",
        name: "invalid-flag",
        category: Correctness,
        severity: Error,
        default_enabled: true,
        buildkit: None,
        fix: None,
        check: check,
    }
}

fn check(checker: &Checker) {
    super::report_parse_warnings(checker, SyntaxErrorKind::InvalidFlag);
}
