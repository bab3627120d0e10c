use crate::declare_rule;
use crate::edit::Fix;
use crate::paths::covers_cache;
use crate::rules::fixes::append::{clean_after, like_install};
use crate::rules::shared::cache_cleanup::cleaned_after;
use crate::rules::shared::yarn::{berry_setups, yarn_is_berry};
use crate::rules::Checker;
use crate::semantic::commands::invocation;
use crate::semantic::commands::runs_words;
use crate::semantic::commands::subcommand;
use crate::semantic::instructions::cache_mount_targets;
use crate::semantic::variables::env_setting;
use crate::semantic::variables::EnvSetting;
use crate::syntax::shell::{Command, Script};

declare_rule! {
    /// ## What it does
    /// Checks for `yarn install` (or a bare `yarn`) in a `RUN` of the final image that is
    /// not followed by `yarn cache clean` in the same `RUN`.
    ///
    /// ## Why is this bad?
    /// Yarn 1 keeps a copy of every package it downloads in its global cache
    /// (`/usr/local/share/.cache/yarn` as root in the node images): often as large as
    /// `node_modules` itself, and never read by the running application.
    ///
    /// Not reported when the same `RUN` runs `yarn cache clean` or removes the cache folder
    /// (also one set by `YARN_CACHE_FOLDER` or `--cache-folder`), when a cache mount covers
    /// it, when the cache folder is only known at build time, in a builder stage the final
    /// image does not inherit, and for Yarn 2+ (a `.yarnrc.yml`, `yarn set version`,
    /// `--immutable`): with Plug'n'Play its cache *is* the install.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:24-slim
    /// COPY package.json yarn.lock ./
    /// RUN yarn install --frozen-lockfile --production
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM node:24-slim
    /// COPY package.json yarn.lock ./
    /// RUN yarn install --frozen-lockfile --production && yarn cache clean
    /// ```
    ///
    /// ## Fix safety
    /// Safe: appends `&& yarn cache clean` to the end of the same `RUN`. With Yarn 1 the
    /// cache only speeds up later installs.
    ///
    /// ## References
    /// - [hadolint DL3060](https://github.com/hadolint/hadolint/wiki/DL3060)
    /// - [yarn cache](https://classic.yarnpkg.com/en/docs/cli/cache)
    pub(crate) static RULE = {
        code: "DL3060",
        name: "yarn-cache-not-cleaned",
        category: Size,
        severity: Info,
        default_enabled: true,
        buildkit: None,
        fix: Sometimes,
        programs: ["yarn", "yarnpkg"],
        check: check,
    }
}

const HOME_CACHE: [&str; 3] = [".cache/yarn", ".yarn-cache", ".yarn/berry/cache"];
const CACHE: [&str; 1] = ["/usr/local/share/.cache/yarn"];

/// yarn's options that take a value.
const YARN_VALUE_OPTIONS: [&str; 5] = [
    "--cwd",
    "--cache-folder",
    "--modules-folder",
    "--network-timeout",
    "--registry",
];

/// `yarn install`, or a bare `yarn` (which installs).
fn yarn_install(command: &Command) -> bool {
    let Some(("yarn" | "yarnpkg", args)) = invocation(command) else {
        return false;
    };
    match subcommand(args, &YARN_VALUE_OPTIONS) {
        Some((_, sub)) => sub.value == "install",
        None => !args
            .iter()
            .any(|w| matches!(w.value.as_str(), "-v" | "--version" | "-h" | "--help")),
    }
}

fn check(checker: &Checker) {
    let mut setups = None;
    for (index, run, script) in checker.shipped_run_scripts() {
        let Some(install) = script.commands.iter().find(|c| yarn_install(c)) else {
            continue;
        };
        let setups = setups.get_or_insert_with(|| berry_setups(checker));
        if yarn_is_berry(checker, index, Some(script), setups) {
            continue;
        }
        let mut dirs: Vec<String> = CACHE.iter().map(|d| (*d).to_string()).collect();
        match env_setting(checker, index, &["YARN_CACHE_FOLDER"]) {
            Some(EnvSetting::Value(v)) => dirs.push(v),
            Some(EnvSetting::Unknown) => continue,
            None => {}
        }
        match inline_cache_folders(script) {
            Some(found) => dirs.extend(found),
            None => continue,
        }
        let dirs: Vec<&str> = dirs.iter().map(String::as_str).collect();
        let mounted = cache_mount_targets(run)
            .any(|t| t.contains("yarn") || covers_cache(t, &HOME_CACHE, &dirs));
        let cleans = |c: &Command| runs_words(c, &["yarn", "yarnpkg"], &["cache", "clean"]);
        if mounted
            || cleaned_after(
                checker,
                (index, script),
                install,
                (&HOME_CACHE, &dirs),
                cleans,
            )
        {
            continue;
        }
        let clean = like_install(checker, install, "yarn", "cache clean");
        let fix = clean_after(checker, index, script, install, &clean)
            .map(|edit| Fix::safe(format!("Run `{clean}` in the same `RUN`"), vec![edit]));
        checker
            .report(install.range, "`yarn install` without `yarn cache clean`")
            .fix_opt(fix);
    }
}

/// Cache folders set in the script (`YARN_CACHE_FOLDER=... yarn`, `--cache-folder dir`);
/// `None` when one is only known at run time.
fn inline_cache_folders(script: &Script) -> Option<Vec<String>> {
    let mut out = Vec::new();
    for c in &script.commands {
        for a in &c.assignments {
            if a.name == "YARN_CACHE_FOLDER" {
                if a.value.dynamic {
                    return None;
                }
                out.push(a.value.value.to_string());
            }
        }
        let mut words = c.words.iter();
        while let Some(w) = words.next() {
            let value = match w.value.split_once('=') {
                Some(("YARN_CACHE_FOLDER" | "--cache-folder", v)) => v.to_string(),
                _ if w.value == "--cache-folder" => match words.next() {
                    Some(next) => next.value.to_string(),
                    None => continue,
                },
                _ => continue,
            };
            if value.contains('$') {
                return None;
            }
            out.push(value);
        }
    }
    Some(out)
}
