use crate::declare_rule;
use crate::rules::shared::cache_mounts::check_cache_tool;
use crate::rules::shared::cache_mounts::CacheTool;
use crate::rules::shared::cache_mounts::Cleanup;
use crate::rules::shared::cache_mounts::Store;
use crate::rules::Checker;
use crate::semantic::commands::positionals;
use crate::semantic::commands::program_with_args;
use crate::semantic::commands::sub_of;
use crate::syntax::shell::Command;

declare_rule! {
    /// ## What it does
    /// Checks for a `RUN` that runs the go command (`go build`, `get`, `install`, `test`,
    /// `mod download`) without a BuildKit cache mount for Go's build or module cache.
    ///
    /// ## Why is this bad?
    /// Each time the layer is rebuilt, Go downloads every module and compiles every package
    /// again. Cache mounts for the build cache (`/root/.cache/go-build`) and the module cache
    /// (`/go/pkg/mod` in the `golang` image) keep both between builds and out of the image.
    ///
    /// Any cache or tmpfs mount whose target mentions `go-build` or `pkg/mod` counts.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM golang:1.23
    /// WORKDIR /src
    /// COPY . .
    /// RUN go build -o /out/app .
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM golang:1.23
    /// WORKDIR /src
    /// COPY . .
    /// RUN --mount=type=cache,target=/root/.cache/go-build \
    ///     --mount=type=cache,target=/go/pkg/mod \
    ///     go build -o /out/app .
    /// ```
    ///
    /// ## Fix safety
    /// Unsafe: cache mounts need BuildKit, and the target is where the tool keeps its cache
    /// as root: the fix is offered only when the build runs as root and no `ENV` moves the
    /// cache (`GOPATH`, `GOCACHE`, `GOMODCACHE`).
    /// The module cache is `/go/pkg/mod` in the `golang` image and `/root/go/pkg/mod`
    /// elsewhere. It is also what Go builds from, and with the mount it leaves the image:
    /// where the image runs `go` when a container starts (`CMD ["go", "run", "."]`), the
    /// finding is advice.
    /// Advice where the `RUN` removes the cache directory or one above it (`rm -rf`): `rm`
    /// fails on a mount point, and inside one it empties the cache on every build.
    ///
    /// ## References
    /// - [hadolint pull request #1249, which proposed it as `DL3070`](https://github.com/hadolint/hadolint/pull/1249)
    /// - [Docker: use cache mounts](https://docs.docker.com/build/cache/optimize/#use-cache-mounts)
    pub(crate) static RULE = {
        code: "SF212",
        name: "go-without-cache-mount",
        category: Cache,
        severity: Info,
        default_enabled: false,
        buildkit: None,
        fix: Sometimes,
        programs: ["go"],
        check: check,
    }
}

fn check(checker: &Checker) {
    check_cache_tool(checker, &TOOL);
}

static TOOL: CacheTool = CacheTool {
    matches,
    accepts: &["go-build", "pkg/mod"],
    relocating_env: &["GOPATH", "GOCACHE", "GOMODCACHE"],
    cleans: &[Cleanup {
        programs: &["go"],
        words: &["clean"],
        flags: &["-modcache", "-cache"],
    }],
    targets: &[
        (Some("golang"), &["/root/.cache/go-build", "/go/pkg/mod"]),
        (None, &["/root/.cache/go-build", "/root/go/pkg/mod"]),
    ],
    store: Some(Store {
        read_at_run_time: |program, _| program == "go",
        offline: |_| false,
    }),
};

fn matches(command: &Command) -> Option<String> {
    sub_of(
        command,
        &["go"],
        &["build", "get", "install", "test"],
        &["-C"],
    )
    .or_else(|| {
        let mod_sub = sub_of(command, &["go"], &["mod"], &[])?;
        let (_, args) = program_with_args(command)?;
        let verb = positionals(args, &[]).nth(1)?;
        matches!(
            verb.value.as_str(),
            "download" | "tidy" | "vendor" | "verify"
        )
        .then(|| format!("{mod_sub} {}", verb.value))
    })
}
