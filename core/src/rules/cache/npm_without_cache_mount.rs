use crate::declare_rule;
use crate::rules::shared::cache_mounts::check_cache_tool;
use crate::rules::shared::cache_mounts::runs_with_flag;
use crate::rules::shared::cache_mounts::CacheTool;
use crate::rules::shared::cache_mounts::Cleanup;
use crate::rules::shared::cache_mounts::Store;
use crate::rules::Checker;
use crate::semantic::commands::sub_of;
use crate::syntax::shell::Command;

declare_rule! {
    /// ## What it does
    /// Checks for a `RUN` that installs npm packages (`npm install`, `npm ci`) without a
    /// BuildKit cache mount for npm's download cache.
    ///
    /// ## Why is this bad?
    /// Each time the layer is rebuilt, npm downloads every package again. A cache mount
    /// (`--mount=type=cache,target=/root/.npm`) keeps the downloads between builds and out of
    /// the image.
    ///
    /// Any cache or tmpfs mount whose target mentions `npm` counts.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:22-slim
    /// WORKDIR /app
    /// COPY package.json package-lock.json ./
    /// RUN npm ci --omit=dev
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM node:22-slim
    /// WORKDIR /app
    /// COPY package.json package-lock.json ./
    /// RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev
    /// ```
    ///
    /// ## Fix safety
    /// Unsafe: cache mounts need BuildKit, and the target is where the tool keeps its cache
    /// as root: the fix is offered only when the build runs as root and no `ENV` moves the
    /// cache (`npm_config_cache`). Advice instead where a `RUN` built on the stage installs
    /// `--offline` from the cache: a cached layer over an empty cache would break it. Advice
    /// too where the `RUN` empties the cache (`npm cache clean --force`): it would empty the
    /// mount on every build, so the mount takes its place, which the fix cannot decide
    /// alone. With `SF103` also on, the mount is added first and `SF103`, seeing the cache
    /// out of the layer, adds no cleanup.
    /// Advice where the `RUN` removes the cache directory or one above it (`rm -rf`): `rm`
    /// fails on a mount point, and inside one it empties the cache on every build.
    ///
    /// ## References
    /// - [hadolint pull request #1249, which proposed it as `DL3068`](https://github.com/hadolint/hadolint/pull/1249)
    /// - [Docker: use cache mounts](https://docs.docker.com/build/cache/optimize/#use-cache-mounts)
    pub(crate) static RULE = {
        code: "SF210",
        name: "npm-without-cache-mount",
        category: Cache,
        severity: Info,
        default_enabled: false,
        buildkit: None,
        fix: Sometimes,
        programs: ["npm"],
        check: check,
    }
}

fn check(checker: &Checker) {
    check_cache_tool(checker, &TOOL);
}

static TOOL: CacheTool = CacheTool {
    matches,
    accepts: &["npm"],
    relocating_env: &["npm_config_cache", "NPM_CONFIG_CACHE"],
    cleans: &[
        Cleanup {
            programs: &["npm"],
            words: &["cache", "clean"],
            flags: &[],
        },
        Cleanup {
            programs: &["npm"],
            words: &["cache", "clear"],
            flags: &[],
        },
        Cleanup {
            programs: &["npm"],
            words: &["cache", "rm"],
            flags: &[],
        },
    ],
    targets: &[(None, &["/root/.npm"])],
    store: Some(Store {
        read_at_run_time: |_, _| false,
        offline: |command| runs_with_flag(command, &["npm"], &["--offline"]),
    }),
};

fn matches(command: &Command) -> Option<String> {
    sub_of(
        command,
        &["npm"],
        &[
            "install",
            "i",
            "add",
            "ci",
            "clean-install",
            "ic",
            "install-clean",
            "install-ci-test",
            "cit",
            "it",
            "install-test",
        ],
        &["--prefix", "-C", "-w", "--workspace"],
    )
}
