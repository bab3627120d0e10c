use crate::declare_rule;
use crate::rules::shared::cache_mounts::check_cache_tool;
use crate::rules::shared::cache_mounts::runs_with_flag;
use crate::rules::shared::cache_mounts::CacheTool;
use crate::rules::shared::cache_mounts::Store;
use crate::rules::Checker;
use crate::semantic::commands::positionals;
use crate::semantic::commands::program_with_args;
use crate::syntax::shell::Command;

declare_rule! {
    /// ## What it does
    /// Checks for a `RUN` that runs Gradle (`gradle` or the wrapper `./gradlew`) without a
    /// BuildKit cache mount for Gradle's caches.
    ///
    /// ## Why is this bad?
    /// Each time the layer is rebuilt, Gradle downloads its distribution, plugins and every
    /// dependency again. A cache mount for the Gradle user home's `caches` keeps them between
    /// builds and out of the image.
    ///
    /// Any cache or tmpfs mount whose target mentions `gradle` counts.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM eclipse-temurin:21-jdk
    /// WORKDIR /src
    /// COPY . .
    /// RUN ./gradlew build --no-daemon
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM eclipse-temurin:21-jdk
    /// WORKDIR /src
    /// COPY . .
    /// RUN --mount=type=cache,target=/root/.gradle/caches ./gradlew build --no-daemon
    /// ```
    ///
    /// ## Fix safety
    /// Unsafe: cache mounts need BuildKit, and the target is where the tool keeps its cache
    /// as root: the fix is offered only when the build runs as root and no `ENV` moves the
    /// cache (`GRADLE_USER_HOME`).
    /// The `gradle` image keeps the Gradle user home in `/home/gradle/.gradle`. Advice
    /// instead where a `RUN` built on the stage runs Gradle `--offline` (a cached download
    /// layer over an empty cache would break it) or the image runs Gradle when a container
    /// starts: the caches hold the dependencies it builds from.
    /// Advice where the `RUN` removes the cache directory or one above it (`rm -rf`): `rm`
    /// fails on a mount point, and inside one it empties the cache on every build.
    ///
    /// ## References
    /// - [hadolint pull request #1249, which proposed it as `DL3072`](https://github.com/hadolint/hadolint/pull/1249)
    /// - [Docker: use cache mounts](https://docs.docker.com/build/cache/optimize/#use-cache-mounts)
    pub(crate) static RULE = {
        code: "SF214",
        name: "gradle-without-cache-mount",
        category: Cache,
        severity: Info,
        default_enabled: false,
        buildkit: None,
        fix: Sometimes,
        programs: ["gradle", "gradlew"],
        check: check,
    }
}

fn check(checker: &Checker) {
    check_cache_tool(checker, &TOOL);
}

static TOOL: CacheTool = CacheTool {
    matches,
    accepts: &["gradle"],
    relocating_env: &["GRADLE_USER_HOME"],
    cleans: &[],
    targets: &[
        (Some("gradle"), &["/home/gradle/.gradle/caches"]),
        (None, &["/root/.gradle/caches"]),
    ],
    store: Some(Store {
        read_at_run_time: |program, _| matches!(program, "gradle" | "gradlew"),
        offline: |command| runs_with_flag(command, &["gradle", "gradlew"], &["--offline"]),
    }),
};

fn matches(command: &Command) -> Option<String> {
    let (prog, args) = program_with_args(command)?;
    if !matches!(prog, "gradle" | "gradlew") {
        return None;
    }
    match positionals(args, &[]).next() {
        Some(task) => Some(format!("{prog} {}", task.value)),
        // `gradle --version` downloads nothing (the wrapper fetches its distribution).
        None if prog == "gradle" => None,
        None => Some(prog.to_string()),
    }
}
