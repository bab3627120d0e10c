use crate::declare_rule;
use crate::rules::shared::cache_mounts::check_cache_tool;
use crate::rules::shared::cache_mounts::CacheTool;
use crate::rules::Checker;
use crate::semantic::commands::sub_of;
use crate::syntax::shell::Command;

declare_rule! {
    /// ## What it does
    /// Checks for a `RUN` that runs `mix deps.get`, `deps.compile` or `compile` without a
    /// BuildKit cache mount for Hex's or Mix's caches.
    ///
    /// ## Why is this bad?
    /// Each time the layer is rebuilt, Mix downloads every dependency again. A cache mount for
    /// Hex's cache (`/root/.hex`) keeps the downloads between builds and out of the image.
    ///
    /// Any cache or tmpfs mount whose target mentions `hex` or `mix` counts. No fix is offered:
    /// `mix local.hex` installs Hex itself under these directories.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM elixir:1.17
    /// WORKDIR /app
    /// COPY mix.exs mix.lock ./
    /// RUN mix deps.get --only prod
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM elixir:1.17
    /// WORKDIR /app
    /// COPY mix.exs mix.lock ./
    /// RUN --mount=type=cache,target=/root/.hex/packages mix deps.get --only prod
    /// ```
    ///
    /// ## References
    /// - [hadolint pull request #1249, which proposed it as `DL3076`](https://github.com/hadolint/hadolint/pull/1249)
    /// - [Docker: use cache mounts](https://docs.docker.com/build/cache/optimize/#use-cache-mounts)
    pub(crate) static RULE = {
        code: "SF218",
        name: "mix-without-cache-mount",
        category: Cache,
        severity: Info,
        default_enabled: false,
        buildkit: None,
        fix: None,
        programs: ["mix"],
        check: check,
    }
}

fn check(checker: &Checker) {
    check_cache_tool(checker, &TOOL);
}

static TOOL: CacheTool = CacheTool {
    matches,
    accepts: &["hex", "mix"],
    relocating_env: &[],
    cleans: &[],
    targets: &[],
    store: None,
};

fn matches(command: &Command) -> Option<String> {
    sub_of(
        command,
        &["mix"],
        &["deps.get", "deps.compile", "compile"],
        &[],
    )
}
