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
    /// Checks for a `RUN` that runs `pnpm install` (`i`, `add`, `fetch`) without a BuildKit
    /// cache mount for pnpm's store.
    ///
    /// ## Why is this bad?
    /// Each time the layer is rebuilt, pnpm downloads every package again. A cache mount for
    /// its store keeps the downloads between builds and out of the image.
    ///
    /// Any cache or tmpfs mount whose target mentions `pnpm` counts.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:22-slim
    /// RUN corepack enable
    /// WORKDIR /app
    /// COPY package.json pnpm-lock.yaml ./
    /// RUN pnpm install --frozen-lockfile
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM node:22-slim
    /// RUN corepack enable
    /// WORKDIR /app
    /// COPY package.json pnpm-lock.yaml ./
    /// RUN --mount=type=cache,target=/root/.local/share/pnpm/store pnpm install --frozen-lockfile
    /// ```
    ///
    /// ## Fix safety
    /// Unsafe: cache mounts need BuildKit, and the target is where the tool keeps its cache
    /// as root: the fix is offered only when the build runs as root and no `ENV` moves the
    /// cache (`PNPM_HOME`, `XDG_DATA_HOME`). Advice instead where a `RUN` built on the
    /// stage installs `--offline` from the store (`pnpm fetch`, then `pnpm install
    /// --offline`): a cached fetch layer over an empty cache would break it.
    /// Advice where the `RUN` removes the cache directory or one above it (`rm -rf`): `rm`
    /// fails on a mount point, and inside one it empties the cache on every build.
    ///
    /// ## References
    /// - [hadolint pull request #1249, which proposed it as `DL3075`](https://github.com/hadolint/hadolint/pull/1249)
    /// - [Docker: use cache mounts](https://docs.docker.com/build/cache/optimize/#use-cache-mounts)
    pub(crate) static RULE = {
        code: "SF217",
        name: "pnpm-without-cache-mount",
        category: Cache,
        severity: Info,
        default_enabled: false,
        buildkit: None,
        fix: Sometimes,
        programs: ["pnpm"],
        check: check,
    }
}

fn check(checker: &Checker) {
    check_cache_tool(checker, &TOOL);
}

static TOOL: CacheTool = CacheTool {
    matches,
    accepts: &["pnpm"],
    relocating_env: &["PNPM_HOME", "XDG_DATA_HOME", "npm_config_store_dir"],
    cleans: &[],
    targets: &[(None, &["/root/.local/share/pnpm/store"])],
    store: Some(Store {
        read_at_run_time: |_, _| false,
        offline: |command| runs_with_flag(command, &["pnpm"], &["--offline"]),
    }),
};

fn matches(command: &Command) -> Option<String> {
    sub_of(
        command,
        &["pnpm"],
        &["install", "i", "add", "fetch"],
        &["--filter", "-F", "-C", "--dir"],
    )
}
