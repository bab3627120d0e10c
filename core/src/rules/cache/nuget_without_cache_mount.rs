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
    /// Checks for a `RUN` that restores NuGet packages (`dotnet restore`, `build`, `publish`,
    /// `test`, `nuget restore`) without a BuildKit cache mount for the NuGet package folder.
    ///
    /// ## Why is this bad?
    /// Each time the layer is rebuilt, every NuGet package is downloaded again. A cache mount
    /// for `/root/.nuget/packages` keeps them between builds and out of the image.
    ///
    /// Any cache or tmpfs mount whose target mentions `nuget` counts.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM mcr.microsoft.com/dotnet/sdk:8.0
    /// WORKDIR /src
    /// COPY . .
    /// RUN dotnet publish -c Release -o /out
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM mcr.microsoft.com/dotnet/sdk:8.0
    /// WORKDIR /src
    /// COPY . .
    /// RUN --mount=type=cache,target=/root/.nuget/packages dotnet publish -c Release -o /out
    /// ```
    ///
    /// ## Fix safety
    /// Unsafe: cache mounts need BuildKit, and the packages no longer stay in the image: a
    /// later `RUN` that needs them (`dotnet run`, a tool) must mount the same cache. Offered
    /// only when the build runs as root and no `ENV` moves the folder (`NUGET_PACKAGES`).
    /// Advice instead where a `RUN` built on the stage builds with `--no-restore` (a cached
    /// restore layer over an empty cache would break it: restore in that `RUN`) or the image
    /// runs `dotnet run`, `build` or `test` when a container starts.
    /// Advice where the `RUN` removes the cache directory or one above it (`rm -rf`): `rm`
    /// fails on a mount point, and inside one it empties the cache on every build.
    ///
    /// ## References
    /// - [hadolint pull request #1249, which proposed it as `DL3074`](https://github.com/hadolint/hadolint/pull/1249)
    /// - [Docker: use cache mounts](https://docs.docker.com/build/cache/optimize/#use-cache-mounts)
    pub(crate) static RULE = {
        code: "SF216",
        name: "nuget-without-cache-mount",
        category: Cache,
        severity: Info,
        default_enabled: false,
        buildkit: None,
        fix: Sometimes,
        programs: ["dotnet", "nuget", "nuget.exe"],
        check: check,
    }
}

fn check(checker: &Checker) {
    check_cache_tool(checker, &TOOL);
}

static TOOL: CacheTool = CacheTool {
    matches,
    accepts: &["nuget"],
    relocating_env: &["NUGET_PACKAGES"],
    cleans: &[],
    targets: &[(None, &["/root/.nuget/packages"])],
    store: Some(Store {
        // A published app (`dotnet app.dll`) carries its assemblies; these build first.
        read_at_run_time: |program, args| {
            program == "dotnet"
                && args.first().is_some_and(|sub| {
                    matches!(
                        *sub,
                        "run" | "watch" | "test" | "build" | "publish" | "restore"
                    )
                })
        },
        offline: |command| runs_with_flag(command, &["dotnet"], &["--no-restore"]),
    }),
};

fn matches(command: &Command) -> Option<String> {
    sub_of(
        command,
        &["dotnet"],
        &["restore", "build", "publish", "test"],
        &[],
    )
    .or_else(|| sub_of(command, &["nuget", "nuget.exe"], &["restore"], &[]))
}
