use crate::declare_rule;
use crate::edit::Fix;
use crate::knowledge::{package_manager, PackageManagerId};
use crate::rules::fixes::append::{clean_after, like_install};
use crate::rules::shared::cache_cleanup::cleaned_after;
use crate::rules::Checker;
use crate::semantic::commands::npm_command;
use crate::semantic::commands::runs_words;
use crate::semantic::instructions::cache_mounted;
use crate::semantic::variables::env_setting;
use crate::semantic::variables::EnvSetting;
use crate::syntax::shell::Command;
use crate::syntax::shell::Script;

declare_rule! {
    /// ## What it does
    /// Checks for a `RUN` in the final image that runs `npm install` or `npm ci` and leaves
    /// npm's download cache (`~/.npm`) in the layer.
    ///
    /// ## Why is this bad?
    /// npm keeps a copy of every package tarball it downloads in `~/.npm/_cacache`: often as
    /// large as `node_modules` itself. The running application never reads it, but every
    /// pull of the image downloads it. Removed in a later `RUN`, it still ships in the
    /// earlier layer.
    ///
    /// Not reported when the same `RUN` runs `npm cache clean --force` or removes the cache
    /// (`rm -rf ~/.npm`, `/root/.npm`, or the directory `npm_config_cache` points to), when
    /// a cache mount covers it (`--mount=type=cache,target=/root/.npm`), when
    /// `npm_config_cache` is set to a value only known at build time, or in a builder stage
    /// the final image does not inherit.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:24-slim
    /// WORKDIR /app
    /// COPY package.json package-lock.json ./
    /// RUN npm ci --omit=dev
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM node:24-slim
    /// WORKDIR /app
    /// COPY package.json package-lock.json ./
    /// RUN npm ci --omit=dev && npm cache clean --force
    /// ```
    ///
    /// ## Fix safety
    /// Safe: appends `&& npm cache clean --force` to the end of the same `RUN`. The cache
    /// only speeds up later installs, and a later `RUN` that installs again downloads what
    /// it needs.
    ///
    /// ## References
    /// - [npm cache](https://docs.npmjs.com/cli/v11/commands/npm-cache)
    /// - [Docker: use cache mounts](https://docs.docker.com/build/cache/optimize/#use-cache-mounts)
    pub(crate) static RULE = {
        code: "SF103",
        name: "npm-cache-not-cleaned",
        category: Size,
        severity: Info,
        default_enabled: true,
        buildkit: None,
        fix: Sometimes,
        programs: ["npm"],
        check: check,
    }
}

const CACHE_VARS: [&str; 2] = ["npm_config_cache", "NPM_CONFIG_CACHE"];

fn check(checker: &Checker) {
    let npm = package_manager(PackageManagerId::Npm);
    for (index, run, script) in checker.shipped_run_scripts() {
        let Some((install, verb)) = script.commands.iter().find_map(|c| {
            let (sub, _) = npm_command(c)?;
            npm.install_verbs
                .contains(&sub.value.as_str())
                .then_some((c, sub.value.as_str()))
        }) else {
            continue;
        };
        // Where the cache is: `~/.npm`, unless `npm_config_cache` or `--cache` moves it.
        let mut dirs: Vec<String> = Vec::new();
        match env_setting(checker, index, &CACHE_VARS) {
            Some(EnvSetting::Value(v)) => dirs.push(v),
            Some(EnvSetting::Unknown) => continue,
            None => {}
        }
        match inline_cache_dirs(script) {
            Some(found) => dirs.extend(found),
            None => continue,
        }
        let absolute: Vec<&str> = dirs.iter().map(String::as_str).collect();
        let cleans = |c: &Command| {
            runs_words(c, &["npm"], &["cache", "clean"])
                || runs_words(c, &["npm"], &["cache", "clear"])
                || runs_words(c, &["npm"], &["cache", "rm"])
        };
        if cleaned_after(
            checker,
            (index, script),
            install,
            (&[".npm"], &absolute),
            cleans,
        ) || cache_mounted(run, &[".npm"], &absolute)
        {
            continue;
        }
        let clean = like_install(checker, install, "npm", "cache clean --force");
        let fix = clean_after(checker, index, script, install, &clean)
            .map(|edit| Fix::safe(format!("Run `{clean}` in the same `RUN`"), vec![edit]));
        checker
            .report(
                install.range,
                format!("`npm {verb}` leaves the npm cache in the layer"),
            )
            .fix_opt(fix);
    }
}

/// Cache directories the script sets inline (`npm_config_cache=/tmp/npm npm ci`,
/// `export npm_config_cache=...`, `npm ci --cache /tmp/npm`); `None` when one is only known
/// at run time.
fn inline_cache_dirs(script: &Script) -> Option<Vec<String>> {
    let mut out = Vec::new();
    for c in &script.commands {
        for a in &c.assignments {
            if a.name.eq_ignore_ascii_case("npm_config_cache") {
                if a.value.dynamic {
                    return None;
                }
                out.push(a.value.value.to_string());
            }
        }
        let is_npm = npm_command(c).is_some();
        let mut words = c.words.iter().peekable();
        while let Some(w) = words.next() {
            let value = if let Some((name, v)) = w.value.split_once('=') {
                if name.eq_ignore_ascii_case("npm_config_cache") || (is_npm && name == "--cache") {
                    v
                } else {
                    continue;
                }
            } else if is_npm && w.value == "--cache" {
                match words.peek() {
                    Some(next) => next.value.as_str(),
                    None => continue,
                }
            } else {
                continue;
            };
            if w.dynamic || value.contains('$') {
                return None;
            }
            out.push(value.to_string());
        }
    }
    Some(out)
}
