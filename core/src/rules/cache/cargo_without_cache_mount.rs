use crate::declare_rule;
use crate::rules::shared::cache_mounts::check_cache_tool;
use crate::rules::shared::cache_mounts::runs_with_flag;
use crate::rules::shared::cache_mounts::CacheTool;
use crate::rules::shared::cache_mounts::Store;
use crate::rules::Checker;
use crate::semantic::commands::sub_of;
use crate::syntax::shell::Command;

declare_rule! {
    /// ## What it does
    /// Checks for a `RUN` that runs cargo (`cargo build`, `install`, `fetch`, `test`, `check`,
    /// `clippy`) without a BuildKit cache mount for cargo's registry.
    ///
    /// ## Why is this bad?
    /// Each time the layer is rebuilt, cargo downloads the crate index and every crate again.
    /// Cache mounts for `$CARGO_HOME/registry` and `$CARGO_HOME/git` keep them between builds
    /// and out of the image.
    ///
    /// Any cache or tmpfs mount whose target mentions `cargo` counts.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM rust:1.82
    /// WORKDIR /src
    /// COPY . .
    /// RUN cargo build --release
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM rust:1.82
    /// WORKDIR /src
    /// COPY . .
    /// RUN --mount=type=cache,target=/usr/local/cargo/registry \
    ///     --mount=type=cache,target=/usr/local/cargo/git \
    ///     cargo build --release
    /// ```
    ///
    /// ## Fix safety
    /// Unsafe: cache mounts need BuildKit, and the target is where the tool keeps its cache
    /// as root: the fix is offered only when the build runs as root and no `ENV` moves the
    /// cache (`CARGO_HOME`).
    /// The `rust` image keeps cargo's home in `/usr/local/cargo`; other images in
    /// `/root/.cargo`. Advice instead where a `RUN` built on the stage runs cargo
    /// `--offline` or `--frozen` (a cached download layer over an empty cache would break
    /// it) or the image runs cargo when a container starts: the registry holds the crates it
    /// builds from.
    /// Advice where the `RUN` removes the cache directory or one above it (`rm -rf`): `rm`
    /// fails on a mount point, and inside one it empties the cache on every build.
    ///
    /// ## References
    /// - [hadolint pull request #1249, which proposed it as `DL3069`](https://github.com/hadolint/hadolint/pull/1249)
    /// - [Docker: use cache mounts](https://docs.docker.com/build/cache/optimize/#use-cache-mounts)
    pub(crate) static RULE = {
        code: "SF211",
        name: "cargo-without-cache-mount",
        category: Cache,
        severity: Info,
        default_enabled: false,
        buildkit: None,
        fix: Sometimes,
        programs: ["cargo"],
        check: check,
    }
}

fn check(checker: &Checker) {
    check_cache_tool(checker, &TOOL);
}

static TOOL: CacheTool = CacheTool {
    matches,
    accepts: &["cargo"],
    relocating_env: &["CARGO_HOME"],
    cleans: &[],
    targets: &[
        (
            Some("rust"),
            &["/usr/local/cargo/registry", "/usr/local/cargo/git"],
        ),
        (None, &["/root/.cargo/registry", "/root/.cargo/git"]),
    ],
    store: Some(Store {
        read_at_run_time: |program, _| program == "cargo",
        offline: |command| runs_with_flag(command, &["cargo"], &["--offline", "--frozen"]),
    }),
};

fn matches(command: &Command) -> Option<String> {
    sub_of(
        command,
        &["cargo"],
        &[
            "build", "b", "install", "fetch", "test", "t", "check", "c", "clippy",
        ],
        &["--manifest-path", "-Z", "--config", "-C"],
    )
}
