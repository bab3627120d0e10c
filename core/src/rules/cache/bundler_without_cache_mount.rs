use crate::declare_rule;
use crate::rules::shared::cache_mounts::check_cache_tool;
use crate::rules::shared::cache_mounts::CacheTool;
use crate::rules::Checker;
use crate::semantic::commands::sub_of;
use crate::syntax::shell::Command;

declare_rule! {
    /// ## What it does
    /// Checks for a `RUN` that runs `gem install` or `bundle install` (`update`) without a
    /// BuildKit cache mount for the downloaded gems.
    ///
    /// ## Why is this bad?
    /// Each time the layer is rebuilt, every gem is downloaded again. A cache mount for the gem
    /// cache keeps the downloads between builds.
    ///
    /// Any cache or tmpfs mount whose target mentions `gem` or `bundle` counts. No fix is
    /// offered: in the `ruby` image gems are installed under `/usr/local/bundle`, and a cache
    /// mount there would leave them out of the image.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM ruby:3.3
    /// WORKDIR /app
    /// COPY Gemfile Gemfile.lock ./
    /// RUN bundle install
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM ruby:3.3
    /// WORKDIR /app
    /// COPY Gemfile Gemfile.lock ./
    /// RUN --mount=type=cache,target=/usr/local/bundle/cache bundle install
    /// ```
    ///
    /// ## References
    /// - [hadolint pull request #1249, which proposed it as `DL3077`](https://github.com/hadolint/hadolint/pull/1249)
    /// - [Docker: use cache mounts](https://docs.docker.com/build/cache/optimize/#use-cache-mounts)
    pub(crate) static RULE = {
        code: "SF219",
        name: "bundler-without-cache-mount",
        category: Cache,
        severity: Info,
        default_enabled: false,
        buildkit: None,
        fix: None,
        programs: ["gem", "bundle", "bundler"],
        check: check,
    }
}

fn check(checker: &Checker) {
    check_cache_tool(checker, &TOOL);
}

static TOOL: CacheTool = CacheTool {
    matches,
    accepts: &["gem", "bundle"],
    relocating_env: &[],
    cleans: &[],
    targets: &[],
    store: None,
};

fn matches(command: &Command) -> Option<String> {
    sub_of(command, &["gem"], &["install"], &[])
        .or_else(|| sub_of(command, &["bundle", "bundler"], &["install", "update"], &[]))
}
