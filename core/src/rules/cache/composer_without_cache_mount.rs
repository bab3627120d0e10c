use crate::declare_rule;
use crate::rules::shared::cache_mounts::check_cache_tool;
use crate::rules::shared::cache_mounts::CacheTool;
use crate::rules::shared::cache_mounts::Cleanup;
use crate::rules::Checker;
use crate::semantic::commands::sub_of;
use crate::syntax::shell::Command;

declare_rule! {
    /// ## What it does
    /// Checks for a `RUN` that runs `composer install`, `update` or `require` without a
    /// BuildKit cache mount for Composer's cache.
    ///
    /// ## Why is this bad?
    /// Each time the layer is rebuilt, Composer downloads every package again. A cache mount
    /// for its cache directory (`/root/.composer/cache`; `/tmp/cache` in the `composer` image)
    /// keeps the downloads between builds and out of the image.
    ///
    /// Any cache or tmpfs mount whose target mentions `composer` counts.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM php:8.3-cli
    /// COPY --from=composer:2 /usr/bin/composer /usr/bin/composer
    /// WORKDIR /app
    /// COPY composer.json composer.lock ./
    /// RUN composer install --no-dev
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM php:8.3-cli
    /// COPY --from=composer:2 /usr/bin/composer /usr/bin/composer
    /// WORKDIR /app
    /// COPY composer.json composer.lock ./
    /// RUN --mount=type=cache,target=/root/.composer/cache composer install --no-dev
    /// ```
    ///
    /// ## Fix safety
    /// Unsafe: cache mounts need BuildKit, and the target is where the tool keeps its cache
    /// as root: the fix is offered only when the build runs as root and no `ENV` moves the
    /// cache (`COMPOSER_HOME`, `COMPOSER_CACHE_DIR`). Advice where the `RUN` empties the
    /// cache (`composer clear-cache`): it would empty the mount on every build, so the mount
    /// takes its place, which the fix cannot decide alone.
    /// Advice where the `RUN` removes the cache directory or one above it (`rm -rf`): `rm`
    /// fails on a mount point, and inside one it empties the cache on every build.
    ///
    /// ## References
    /// - [hadolint pull request #1249, which proposed it as `DL3073`](https://github.com/hadolint/hadolint/pull/1249)
    /// - [Docker: use cache mounts](https://docs.docker.com/build/cache/optimize/#use-cache-mounts)
    pub(crate) static RULE = {
        code: "SF215",
        name: "composer-without-cache-mount",
        category: Cache,
        severity: Info,
        default_enabled: false,
        buildkit: None,
        fix: Sometimes,
        programs: ["composer", "composer.phar"],
        check: check,
    }
}

fn check(checker: &Checker) {
    check_cache_tool(checker, &TOOL);
}

static TOOL: CacheTool = CacheTool {
    matches,
    accepts: &["composer", "/tmp/cache"],
    relocating_env: &["COMPOSER_HOME", "COMPOSER_CACHE_DIR"],
    cleans: &[
        Cleanup {
            programs: &["composer"],
            words: &["clear-cache"],
            flags: &[],
        },
        Cleanup {
            programs: &["composer"],
            words: &["clearcache"],
            flags: &[],
        },
        Cleanup {
            programs: &["composer"],
            words: &["cc"],
            flags: &[],
        },
    ],
    targets: &[
        (Some("composer"), &["/tmp/cache"]),
        (None, &["/root/.composer/cache"]),
    ],
    store: None,
};

fn matches(command: &Command) -> Option<String> {
    sub_of(
        command,
        &["composer", "composer.phar"],
        &["install", "i", "update", "u", "upgrade", "require"],
        &["-d", "--working-dir"],
    )
}
