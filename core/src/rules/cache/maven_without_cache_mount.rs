use crate::declare_rule;
use crate::rules::shared::cache_mounts::check_cache_tool;
use crate::rules::shared::cache_mounts::runs_with_flag;
use crate::rules::shared::cache_mounts::CacheTool;
use crate::rules::shared::cache_mounts::Store;
use crate::rules::Checker;
use crate::semantic::commands::program_with_args;
use crate::syntax::shell::Command;

declare_rule! {
    /// ## What it does
    /// Checks for a `RUN` that runs Maven (`mvn package`, `install`, `verify`,
    /// `dependency:go-offline`...) without a BuildKit cache mount for Maven's local repository.
    ///
    /// ## Why is this bad?
    /// Each time the layer is rebuilt, Maven downloads every plugin and dependency again. A
    /// cache mount for `/root/.m2/repository` keeps them between builds and out of the image.
    ///
    /// Any cache or tmpfs mount whose target mentions `.m2` or `maven` counts. The Maven
    /// wrapper (`./mvnw`) counts as Maven.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM maven:3.9-eclipse-temurin-21
    /// WORKDIR /src
    /// COPY . .
    /// RUN mvn -B package -DskipTests
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM maven:3.9-eclipse-temurin-21
    /// WORKDIR /src
    /// COPY . .
    /// RUN --mount=type=cache,target=/root/.m2/repository mvn -B package -DskipTests
    /// ```
    ///
    /// ## Fix safety
    /// Unsafe: cache mounts need BuildKit, and what Maven downloads no longer stays in the
    /// image: a later `RUN` that runs Maven offline needs the same mount. The fix mounts the
    /// local repository only (`/root/.m2/repository`), so a `settings.xml` copied into
    /// `/root/.m2` stays visible; it is offered only when the build runs as root and no `ENV`
    /// sets `MAVEN_OPTS`. Advice instead where a `RUN` built on the stage runs Maven offline
    /// (`mvn -o`): a cached download layer over an empty cache (a fresh CI runner) would
    /// break it; or where the image runs Maven when a container starts.
    /// Advice where the `RUN` removes the cache directory or one above it (`rm -rf`): `rm`
    /// fails on a mount point, and inside one it empties the cache on every build.
    ///
    /// ## References
    /// - [hadolint pull request #1249, which proposed it as `DL3071`](https://github.com/hadolint/hadolint/pull/1249)
    /// - [Docker: use cache mounts](https://docs.docker.com/build/cache/optimize/#use-cache-mounts)
    pub(crate) static RULE = {
        code: "SF213",
        name: "maven-without-cache-mount",
        category: Cache,
        severity: Info,
        default_enabled: false,
        buildkit: None,
        fix: Sometimes,
        programs: ["mvn", "mvnw"],
        check: check,
    }
}

fn check(checker: &Checker) {
    check_cache_tool(checker, &TOOL);
}

static TOOL: CacheTool = CacheTool {
    matches,
    accepts: &[".m2", "maven"],
    relocating_env: &["MAVEN_OPTS"],
    cleans: &[],
    targets: &[(None, &["/root/.m2/repository"])],
    store: Some(Store {
        read_at_run_time: |program, _| matches!(program, "mvn" | "mvnw"),
        offline: |command| runs_with_flag(command, &["mvn", "mvnw"], &["-o", "--offline"]),
    }),
};

fn matches(command: &Command) -> Option<String> {
    const GOALS: [&str; 9] = [
        "install",
        "compile",
        "package",
        "test",
        "verify",
        "deploy",
        "dependency:resolve",
        "dependency:go-offline",
        "dependency:copy-dependencies",
    ];
    let (prog, args) = program_with_args(command)?;
    if !matches!(prog, "mvn" | "mvnw") {
        return None;
    }
    let goal = args.iter().find(|w| GOALS.contains(&w.value.as_str()))?;
    Some(format!("{prog} {}", goal.value))
}
