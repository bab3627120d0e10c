use std::cell::OnceCell;

use crate::declare_rule;
use crate::edit::Edit;
use crate::edit::Fix;
use crate::knowledge::ecosystem_for_install_command;
use crate::rules::Checker;
use crate::semantic::commands::basename;
use crate::semantic::commands::build_step;
use crate::semantic::commands::invocation;
use crate::semantic::commands::locate_program;
use crate::semantic::commands::subcommand;
use crate::semantic::commands::PROCESS_MANAGERS;
use crate::semantic::images::named_for_development;
use crate::semantic::stage_model::UseSite;
use crate::semantic::tool_versions::{npm_major, poetry_version, PoetryVersion};
use crate::semantic::variables::variable_before;
use crate::syntax::shell::{Command, Word};
use crate::syntax::shell_view::POSIX_SHELLS;
use crate::syntax::{Args, InstructionKind, ItemKind};

declare_rule! {
    /// ## What it does
    /// Checks for a dependency install in the final image that also installs development
    /// dependencies: `npm ci`/`npm install` without `--omit=dev`, `pnpm install` without
    /// `--prod`, `yarn install` without `--production`, `composer install` without
    /// `--no-dev`, `bundle install` without a `without` setting, `poetry install` without
    /// `--only main`, `uv sync` without `--no-dev`, `pip install -r requirements-dev.txt`.
    ///
    /// ## Why is this bad?
    /// Test runners, linters, type checkers, bundlers and their dependencies are often
    /// larger than what the application needs to run, and they ship in the image.
    ///
    /// Not reported when the development dependencies are needed or dropped later: a build
    /// step in the same image (`npm run build`, `tsc`, `go build`...), tests or dev servers
    /// (`npm test`, `nodemon`, `pytest`...), `npm link`, `pack` or `publish` of the package
    /// itself (they run its `prepare` script, a build), `npm prune --omit=dev`. Not reported
    /// either when `NODE_ENV` is set (`production` makes npm, yarn and pnpm skip dev
    /// dependencies; any other value says the image is meant for development) or
    /// `RAILS_ENV`, `RACK_ENV`,
    /// `APP_ENV` and the like say `development` or `test`, when `BUNDLE_WITHOUT` or
    /// `bundle config set without` is used, `COMPOSER_NO_DEV=1`, `UV_NO_DEV=1`, in builder
    /// stages, or in a final stage named for development or tests (`dev`, `test`, `debug`).
    /// npm's deprecated `--production` and `--only=production` still skip dev dependencies:
    /// their spelling is a matter for SF302.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:26-slim
    /// WORKDIR /app
    /// COPY package.json package-lock.json ./
    /// RUN npm ci
    /// COPY . .
    /// CMD ["node", "server.js"]
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM node:26-slim
    /// WORKDIR /app
    /// COPY package.json package-lock.json ./
    /// RUN npm ci --omit=dev
    /// COPY . .
    /// CMD ["node", "server.js"]
    /// ```
    ///
    /// ## Fix safety
    /// Unsafe: the image may use a development dependency at run time (a `require` of a
    /// package listed under `devDependencies` by mistake). Where the image starts through
    /// what this file does not show — a `package.json` script (`npm start` may run nodemon
    /// or ts-node), a shell script (also one a shell is given in the exec form, `["bash",
    /// "start.sh"]`), a process manager's configuration (supervisord, pm2), a
    /// command given elsewhere (Compose, `docker run`) where the file sets no `CMD` or
    /// `ENTRYPOINT` — the finding is advice; so it is for Node packages in an image that
    /// starts an app of another language (`mix`, `rails`, `gunicorn`, `php-fpm`): they build
    /// its assets, with what are often dev dependencies (webpack, babel); so it is for
    /// Bundler when `RAILS_ENV` and `RACK_ENV` are not set and the image starts anything but
    /// `ruby <file>`, or a command given elsewhere: a Rails or Rack app then runs in
    /// development and requires that group's gems. Advice too, for every tool, when a later
    /// `RUN` of the image runs a script (`./run.sh`, `sh setup.sh`): it may run the tests or
    /// a build.
    /// The fix adds the tool's production flag in the spelling the image's tool version has:
    /// `--omit=dev` for npm 7+ (`--production` where npm is older or its version is not
    /// known), `--prod`, `--production`, `--no-dev`, `--only main` for Poetry 1.2+ (`--no-dev`
    /// where the file pins an older Poetry; advice when it does not say), or adds `ENV
    /// BUNDLE_WITHOUT=development:test` before the install for Bundler, so that the setting
    /// also holds when the application runs.
    /// Yarn 2+ has no such flag for `install`, and pip needs another requirements file: no
    /// fix is offered for them.
    ///
    /// ## References
    /// - [npm ci: --omit](https://docs.npmjs.com/cli/v11/commands/npm-ci#omit)
    /// - [Composer install --no-dev](https://getcomposer.org/doc/03-cli.md#install-i)
    /// - [Bundler: without](https://bundler.io/v2.6/man/bundle-config.1.html)
    /// - [Poetry install --only](https://python-poetry.org/docs/cli/#install)
    pub(crate) static RULE = {
        code: "SF102",
        name: "dev-dependencies-installed",
        category: Size,
        severity: Warning,
        default_enabled: true,
        buildkit: None,
        fix: Sometimes,
        programs: ["npm", "pnpm", "yarn", "yarnpkg", "composer", "composer.phar", "bundle", "bundler", "poetry", "uv", "pip", "pipenv", "python"],
        check: check,
    }
}

/// Programs that may run a dependency install this rule knows.
fn candidate(program: &str) -> bool {
    matches!(
        program,
        "npm"
            | "pnpm"
            | "yarn"
            | "yarnpkg"
            | "composer"
            | "composer.phar"
            | "bundle"
            | "bundler"
            | "poetry"
            | "uv"
    ) || program.starts_with("pip")
        || program.starts_with("python")
}

fn check(checker: &Checker) {
    let Some(last) = checker.final_stage() else {
        return;
    };
    if last
        .name
        .as_ref()
        .is_some_and(|n| named_for_development(&n.value))
    {
        return;
    }
    let instructions = checker.final_image_instructions();
    // The installs that would pull dev dependencies; most images have none, and then
    // nothing else needs to be looked at.
    let mut installs = Vec::new();
    for &i in instructions {
        if checker.instructions()[i].kind != InstructionKind::Run || !checker.runs_rule_programs(i)
        {
            continue;
        }
        let Some(script) = checker.script(i) else {
            continue;
        };
        for (ci, command) in script.commands.iter().enumerate() {
            let Some((program, args)) = invocation(command) else {
                continue;
            };
            if !candidate(program) || args.iter().any(|w| w.dynamic) {
                continue;
            }
            let argv: Vec<&str> = args.iter().map(|w| w.value.as_str()).collect();
            let Some(install) = ecosystem_for_install_command(program, &argv) else {
                continue;
            };
            if install.installs_dev_dependencies(&argv) == Some(true) {
                installs.push((i, script, ci, program, args, install, argv));
            }
        }
    }
    if installs.is_empty() {
        return;
    }
    // The last place the image needs dev dependencies (or drops them): an install before
    // it is needed.
    let mut dev_needed_last: Option<u32> = None;
    for &i in instructions {
        let inst = &checker.instructions()[i];
        if matches!(
            inst.kind,
            InstructionKind::Cmd | InstructionKind::Entrypoint
        ) {
            if let Args::Exec { items, .. } = &inst.args {
                let words: Vec<&str> = items.iter().map(|w| w.value.as_str()).collect();
                if let Some((program, args)) = words.split_first() {
                    if may_need_dev(program) && needs_dev(program, args) {
                        dev_needed_last = dev_needed_last.max(Some(inst.range.start));
                    }
                }
            }
        }
        if let Some(script) = checker.script(i) {
            for c in &script.commands {
                if build_step(c).is_some() || needs_dev_dependencies(c) {
                    dev_needed_last = dev_needed_last.max(Some(c.range.start));
                }
            }
        }
    }
    // What the final image runs at start, found for the first install that asks.
    let starts = OnceCell::new();
    // The scripts the final image's `RUN`s run, where they run (in file order).
    let scripts = OnceCell::new();
    let bundle_config = OnceCell::new();
    for (i, script, ci, program, args, install, argv) in installs {
        let command = &script.commands[ci];
        let set = |name: &str| {
            variable_before(checker, i, name).is_some()
                || script.commands[..=ci]
                    .iter()
                    .any(|c| sets_variable(c, name))
        };
        // `RUN BUNDLE_WITHOUT=... bundle install` (or an `ARG`): the install skips the groups,
        // but the image does not keep the setting, so `bundle exec` at run time requires
        // them. Reported even where the image runs `bundle exec`: that is where it fails.
        if install.tool.name == "bundler"
            && set("BUNDLE_WITHOUT")
            && !env_persists(checker, i, "BUNDLE_WITHOUT")
            && !bundle_without_configured(checker, command, &bundle_config)
        {
            checker
                .report(
                    command.range,
                    "`BUNDLE_WITHOUT` is set for `bundle install` only: at run time Bundler requires the gems it skipped",
                )
                .fix_opt(bundler_fix(checker, i));
            continue;
        }
        if dev_needed_last.is_some_and(|at| at > command.range.start) {
            continue;
        }
        if DEV_ENVIRONMENT_VARIABLES.iter().any(|name| {
            variable_before(checker, i, name).is_some_and(|v| {
                matches!(
                    v.to_ascii_lowercase().as_str(),
                    "dev" | "development" | "test" | "testing" | "local"
                )
            })
        }) {
            continue;
        }
        let (verb, suggestion) = match install.tool.name {
            "npm" | "pnpm" | "yarn" => {
                if set("NODE_ENV")
                    || set("NPM_CONFIG_PRODUCTION")
                    || set("npm_config_production")
                    || set("NPM_CONFIG_OMIT")
                    || set("npm_config_omit")
                {
                    continue;
                }
                match (install.tool.name, install.command.verb) {
                    // npm 7 (Node 15) spells it `--omit=dev`; npm 6 ignores that flag and
                    // needs `--production`, which every npm version accepts.
                    ("npm", _) => {
                        let modern =
                            npm_major(checker, i, command.range.start).is_some_and(|m| m >= 7);
                        (
                            Some(install.command.verb),
                            Some(if modern { "--omit=dev" } else { "--production" }),
                        )
                    }
                    ("pnpm", _) => (Some(install.command.verb), Some("--prod")),
                    // Yarn 2+ has no `--production`: `yarn workspaces focus --production`.
                    ("yarn", _) if yarn_berry(checker, &argv) => (None, None),
                    ("yarn", "") => (Some(""), Some("--production")),
                    ("yarn", verb) => (Some(verb), Some("--production")),
                    _ => (None, None),
                }
            }
            "composer" => {
                if set("COMPOSER_NO_DEV") {
                    continue;
                }
                (Some(install.command.verb), Some("--no-dev"))
            }
            "bundler" => {
                if env_persists(checker, i, "BUNDLE_WITHOUT")
                    || bundle_without_configured(checker, command, &bundle_config)
                {
                    continue;
                }
                (None, None)
            }
            // `--only main` arrived in Poetry 1.2; `--no-dev` left in 2.0.
            "poetry" => match poetry_version(checker, i, command.range.start) {
                PoetryVersion::Pinned(major, minor) if (major, minor) < (1, 2) => {
                    (Some(install.command.verb), Some("--no-dev"))
                }
                PoetryVersion::Legacy => (Some(install.command.verb), Some("--no-dev")),
                PoetryVersion::Pinned(..) | PoetryVersion::Latest => {
                    (Some(install.command.verb), Some("--only main"))
                }
                PoetryVersion::Unknown => (None, None),
            },
            "uv" if install.command.verb == "sync" => {
                if set("UV_NO_DEV") {
                    continue;
                }
                (Some("sync"), Some("--no-dev"))
            }
            "pip" | "uv" => (None, None),
            _ => continue,
        };
        let label = command_label(program, args, install.command.verb);
        let unseen = unseen_start(checker, install.tool.name, i, &starts)
            .or_else(|| script_after(checker, command.range.start, &scripts))
            .or_else(|| started_shell(&starts));
        let fix = match (verb, suggestion, unseen) {
            (Some(_), Some(flag), Some(why)) => {
                Some(Fix::display_only(format!("Add `{flag}` if {why}")))
            }
            (_, _, Some(why)) if install.tool.name == "bundler" => Some(Fix::display_only(
                format!("Set `ENV BUNDLE_WITHOUT=development:test` if {why}"),
            )),
            (Some(verb), Some(flag), _) => insert_after_verb(command, args, verb).map(|at| {
                Fix::unsafe_(
                    format!("Add `{flag}`"),
                    vec![Edit::insert(at, format!(" {flag}"))],
                )
            }),
            _ if install.tool.name == "bundler" => bundler_fix(checker, i),
            _ if install.tool.name == "poetry" => Some(Fix::display_only(
                "Add `--only main` (Poetry 1.2+) or `--no-dev` (before 1.2): the file does not say which Poetry runs",
            )),
            _ if install.tool.name == "pip" || install.tool.name == "uv" => Some(
                Fix::display_only("Install only the runtime requirements in the final image"),
            ),
            _ => Some(Fix::display_only(
                "Use `yarn workspaces focus --all --production`",
            )),
        };
        checker
            .report(
                command.range,
                format!("`{label}` installs dev dependencies into the final image"),
            )
            .fix_opt(fix);
    }
}

/// Why the image may need its development dependencies after the install `at`, where this
/// file does not show it: a later `RUN` runs a script (`./run.sh`, `sh setup.sh`), which may
/// run the tests or a build (the end of a sentence beginning "Add `--no-dev` if").
fn script_after<'c>(
    checker: &'c Checker,
    at: u32,
    scripts: &OnceCell<Vec<(u32, &'c str)>>,
) -> Option<String> {
    let scripts = scripts.get_or_init(|| {
        (checker.final_image_instructions().iter())
            .filter_map(|&i| checker.script(i))
            .flat_map(|s| s.commands.iter())
            .filter_map(|c| script_run(c).map(|path| (c.range.start, path)))
            .collect()
    });
    // In file order: the first after the install by binary search.
    let (_, path) = scripts.get(scripts.partition_point(|(start, _)| *start <= at))?;
    Some(format!(
        "nothing `{path}` (run after the install, not seen here) needs a dev dependency"
    ))
}

/// The script file a command runs, by its path (`./run.sh`, `/app/setup.sh`) or through a
/// shell (`bash build.sh`).
fn script_run(command: &Command) -> Option<&str> {
    let (at, _) = command.program_at.or_else(|| locate_program(command))?;
    let at = at as usize;
    let word = command.words.get(at).filter(|w| !w.dynamic)?;
    let path = word.value.as_str();
    let program = basename(path);
    if POSIX_SHELLS.contains(&program) {
        // The first operand, past the options (`-o pipefail` takes a value); none with
        // `-c` (a command string) or `-s` (the script comes on standard input).
        let mut args = command.words.get(at + 1..)?.iter();
        while let Some(w) = args.next() {
            match w.value.as_str() {
                "-c" | "-s" => return None,
                "-o" | "+o" => {
                    args.next();
                }
                v if v.starts_with(['-', '+']) => {}
                _ => return (!w.dynamic).then_some(w.value.as_str()),
            }
        }
        return None;
    }
    (program.ends_with(".sh") || path.starts_with("./") || path.starts_with("../")).then_some(path)
}

/// Variables whose value `development` or `test` says the image is meant for development.
const DEV_ENVIRONMENT_VARIABLES: &[&str] = &[
    "RAILS_ENV",
    "RACK_ENV",
    "APP_ENV",
    "FLASK_ENV",
    "MIX_ENV",
    "ENVIRONMENT",
];

/// Programs that only make sense with development dependencies installed.
const DEV_TOOLS: &[&str] = &[
    "nodemon", "ts-node", "tsx", "jest", "mocha", "vitest", "karma", "webpack", "vite", "ng",
    "nest", "eslint", "prettier", "gulp", "grunt", "pytest", "tox", "nox", "flake8", "mypy",
    "ruff", "pylint", "black", "coverage", "rspec", "rubocop", "phpunit", "phpstan", "psalm",
    "behat",
];

/// A program run with these arguments needs development dependencies, or drops them:
/// tests, linters, dev servers, `npm run <script>` other than start, `npx`, `npm prune`.
fn needs_dev(program: &str, args: &[&str]) -> bool {
    if program.contains("node_modules/") {
        return true;
    }
    let program = program.rsplit('/').next().unwrap_or(program);
    if DEV_TOOLS.contains(&program) || program == "npx" {
        return true;
    }
    let sub = args
        .iter()
        .position(|a| !a.starts_with('-'))
        .map(|i| (i, args[i]));
    match (program, sub) {
        ("npm" | "pnpm" | "yarn" | "yarnpkg", Some((i, sub))) => match sub {
            "prune" | "test" | "t" | "exec" | "dlx" | "x" => true,
            // Linking, packing or publishing the package itself runs its `prepare` script,
            // which builds with development dependencies (`npm link <name>` links another).
            "pack" | "publish" => true,
            "link" | "ln" => !args[i + 1..].iter().any(|a| !a.starts_with('-')),
            "run" | "run-script" => args[i + 1..]
                .iter()
                .find(|a| !a.starts_with('-'))
                .is_none_or(|a| !is_start_script(a)),
            // `yarn <script>` runs a package script.
            s if program.starts_with("yarn") => {
                !matches!(
                    s,
                    "install"
                        | "add"
                        | "global"
                        | "cache"
                        | "config"
                        | "set"
                        | "workspaces"
                        | "policies"
                        | "remove"
                        | "upgrade"
                        | "info"
                        | "bin"
                        | "why"
                        | "node"
                        | "plugin"
                        | "version"
                ) && !is_start_script(s)
            }
            _ => false,
        },
        // A build script run by node (`node gulpfile.js`, `node scripts/build.js`): it
        // requires the build tools, which are development dependencies.
        ("node" | "nodejs", Some((_, script))) => {
            let name = script.rsplit('/').next().unwrap_or(script);
            NODE_BUILD_SCRIPTS.iter().any(|p| {
                name.get(..p.len())
                    .is_some_and(|start| start.eq_ignore_ascii_case(p))
            })
        }
        ("bundle" | "bundler", Some((_, "exec"))) => true,
        ("composer" | "composer.phar", Some((_, "test" | "run-script"))) => true,
        ("rm", _) => args
            .iter()
            .any(|a| a.trim_end_matches('/').ends_with("node_modules")),
        (p, Some((_, "-m"))) if p.starts_with("python") => {
            args.get(1).is_some_and(|m| DEV_TOOLS.contains(m))
        }
        _ => false,
    }
}

/// How the build scripts of Node projects are named: the task runners' and bundlers'
/// configuration files, and `build*.js`.
const NODE_BUILD_SCRIPTS: [&str; 7] = [
    "gulpfile",
    "gruntfile",
    "webpack",
    "rollup",
    "vite.config",
    "esbuild",
    "build",
];

/// Whether `needs_dev` may answer yes for this program, before collecting arguments.
fn may_need_dev(program: &str) -> bool {
    if program.contains("node_modules/") {
        return true;
    }
    let program = program.rsplit('/').next().unwrap_or(program);
    DEV_TOOLS.contains(&program)
        || matches!(
            program,
            "npx"
                | "node"
                | "nodejs"
                | "npm"
                | "pnpm"
                | "yarn"
                | "yarnpkg"
                | "bundle"
                | "bundler"
                | "composer"
                | "composer.phar"
                | "rm"
        )
        || program.starts_with("python")
}

fn needs_dev_dependencies(command: &Command) -> bool {
    if command
        .program()
        .is_some_and(|p| p.contains("node_modules/"))
    {
        return true;
    }
    let Some((program, args)) = invocation(command) else {
        return false;
    };
    if !may_need_dev(program) {
        return false;
    }
    let args: Vec<&str> = args.iter().map(|w| w.value.as_str()).collect();
    needs_dev(program, &args)
}

fn is_start_script(name: &str) -> bool {
    name.starts_with("start") || name.starts_with("prod") || name.starts_with("serve")
}

/// `NAME=value cmd`, `export NAME=value`, `ENV`-like settings inside the script.
fn sets_variable(command: &Command, name: &str) -> bool {
    let named = |w: &str| w.split_once('=').is_some_and(|(k, _)| k == name);
    command.assignments.iter().any(|a| a.name == name)
        || (matches!(command.program(), Some("export" | "env"))
            && command.args().iter().any(|w| named(&w.value)))
}

/// Whether an `ENV` of the image (before `index`) sets `name`: what the running container
/// sees too, unlike an `ARG` or a command prefix.
fn env_persists(checker: &Checker, index: usize, name: &str) -> bool {
    checker.definitions().env_sets(checker, index, name)
}

/// `bundle config set without ...` (or `bundle config without`) earlier in the image.
fn bundle_without_configured(
    checker: &Checker,
    install: &Command,
    first_config: &OnceCell<Option<u32>>,
) -> bool {
    // Where the image's first such setting starts, worked out once (looked for from each
    // install, a file of thousands of installs cost their square).
    let first = first_config.get_or_init(|| {
        (checker.final_image_instructions().iter())
            .filter_map(|&i| checker.script(i))
            .flat_map(|s| s.commands.iter())
            .filter(|c| {
                matches!(invocation(c), Some(("bundle" | "bundler", args))
                    if args.first().is_some_and(|w| w.value == "config")
                        && args.iter().any(|w| w.value == "without"))
            })
            .map(|c| c.range.start)
            .min()
    });
    first.is_some_and(|at| at < install.range.start)
}

/// Yarn 2+: berry-only words, or a `.yarnrc.yml` in the context.
fn yarn_berry(checker: &Checker, args: &[&str]) -> bool {
    args.iter()
        .any(|a| matches!(*a, "--immutable" | "--immutable-cache" | "--check-cache"))
        || checker.context.has_file(".yarnrc.yml") == Some(true)
}

/// `npm ci`, `yarn`, `pip install -r requirements-dev.txt`, for the message.
fn command_label(program: &str, args: &[Word], verb: &str) -> String {
    if program.starts_with("pip") || program.starts_with("python") || program == "uv" {
        let mut out = String::from(program);
        for w in args {
            out.push(' ');
            out.push_str(&w.value);
        }
        return out;
    }
    if verb.is_empty() {
        program.to_string()
    } else {
        format!("{program} {verb}")
    }
}

/// Where the production flag goes: after the verb (`npm ci`), or after the program for a
/// bare `yarn`.
fn insert_after_verb(command: &Command, args: &[Word], verb: &str) -> Option<u32> {
    if verb.is_empty() {
        let program = command.words.len().checked_sub(args.len() + 1)?;
        return Some(command.words[program].range.end);
    }
    let last_verb_word = verb.rsplit(' ').next()?;
    let (i, _) = subcommand(args, &[])?;
    args[i..]
        .iter()
        .find(|w| w.value == last_verb_word)
        .map(|w| w.range.end)
}

/// Why the image may need its development dependencies when it starts, where this file
/// does not show it (the end of a sentence beginning "Add `--omit=dev` if"): it starts
/// through a `package.json` script (`npm start` may run nodemon or ts-node) or a shell
/// script, or it is not a Node app at all (its JavaScript packages build another app's
/// assets); or, for Bundler, a Rails or Rack server without `RAILS_ENV`/`RACK_ENV`, which
/// then runs in development and requires that group's gems. An image that sets no `CMD`
/// or `ENTRYPOINT` of its own is started by a command given elsewhere (Compose, a `docker
/// run` argument), which is not seen either.
fn unseen_start<'c>(
    checker: &'c Checker,
    tool: &str,
    index: usize,
    starts: &OnceCell<Vec<(&'c str, &'c str)>>,
) -> Option<String> {
    if !matches!(tool, "npm" | "pnpm" | "yarn" | "bundler") {
        return None;
    }
    let sets_start = checker.sets_command();
    let mut starts = starts
        .get_or_init(|| {
            checker
                .final_stages()
                .filter_map(|s| checker.stage_model(s.index))
                .flat_map(|m| m.uses())
                .filter(|u| u.site == UseSite::Command)
                // `CMD ["sh", "-c", "node server.js"]`: the command string's own programs
                // are among the uses; the shell adds nothing unseen.
                .filter(|u| {
                    !(POSIX_SHELLS.contains(&u.name.as_str())
                        && runs_command_string(checker, u.index))
                })
                .map(|u| (u.name.as_str(), u.word.as_str()))
                .collect()
        })
        .iter()
        .copied();
    if tool == "bundler" {
        if ["RAILS_ENV", "RACK_ENV"]
            .iter()
            .any(|v| env_persists(checker, index, v))
        {
            return None;
        }
        if !sets_start {
            return Some(
                "`RAILS_ENV` or `RACK_ENV` is set too: the file sets no command, and a Rails or Rack app that the container is started with runs in development without them, which requires that group's gems".to_string(),
            );
        }
        // A plain `ruby app.rb` loads what its code requires; anything else (a Rails or
        // Rack server, a script, a process manager) may be an app that Rails or Rack starts
        // in development.
        let (_, word) =
            starts.find(|(name, _)| !matches!(*name, "ruby" | "tini" | "dumb-init" | "exec"))?;
        return Some(format!(
            "`RAILS_ENV` or `RACK_ENV` is set too: without them a Rails or Rack app that `{word}` starts runs in development, which requires that group's gems"
        ));
    }
    if !sets_start {
        return Some(
            "the command the container is started with (the file sets none: Compose or `docker run` gives it) needs no dev dependency".to_string(),
        );
    }
    starts.find_map(|(name, word)| match name {
        _ if OTHER_RUNTIMES.contains(&name) => Some(format!(
            "what `{word}` starts (not a Node app: these packages may build its assets, with webpack or babel, often dev dependencies) needs no dev dependency"
        )),
        "npm" | "pnpm" | "yarn" | "yarnpkg" => Some(format!(
            "the `package.json` script the image starts with `{word}` (not seen here) needs no dev dependency (nodemon, ts-node)"
        )),
        _ if name.ends_with(".sh") || PROCESS_MANAGERS.contains(&name) => Some(format!(
            "nothing `{word}` (which the image starts) runs needs a dev dependency"
        )),
        _ => None,
    })
}

/// A shell the image starts with a script file or none (`ENTRYPOINT ["/bin/bash",
/// "/app/start.sh"]`, `CMD ["bash"]`): what it runs is not seen. After [`unseen_start`],
/// whose reasons say more, has found none.
fn started_shell(starts: &OnceCell<Vec<(&str, &str)>>) -> Option<String> {
    let (_, word) = starts
        .get()?
        .iter()
        .find(|(name, _)| POSIX_SHELLS.contains(name))?;
    Some(format!(
        "nothing the shell the image starts (`{word}`) runs needs a dev dependency"
    ))
}

/// Whether an exec-form `CMD` or `ENTRYPOINT` hands its shell a command string (`["sh",
/// "-c", "..."]`), whose programs the stage model reads.
fn runs_command_string(checker: &Checker, index: usize) -> bool {
    matches!(&checker.instructions()[index].args, Args::Exec { items, .. }
        if items.get(1).is_some_and(|w| w.value == "-c"))
}

/// Programs that start an app of another language than JavaScript: a Node package install
/// in their image serves something else (a Phoenix, Rails or Django app's assets, built with
/// what are often dev dependencies), not a Node app that could do without them.
const OTHER_RUNTIMES: &[&str] = &[
    "mix",
    "elixir",
    "iex",
    "rails",
    "bundle",
    "rake",
    "puma",
    "unicorn",
    "ruby",
    "python",
    "python3",
    "gunicorn",
    "uwsgi",
    "uvicorn",
    "daphne",
    "php",
    "php-fpm",
    "apache2-foreground",
    "dotnet",
    "java",
];

/// `ENV BUNDLE_WITHOUT=development:test` before the `RUN`: Bundler reads it at install time
/// and again when the application runs (`bundle exec`, `Bundler.setup`), so the groups it
/// skipped are not required. A variable set on the command line only would not persist:
/// at run time Bundler would look for the gems it did not install.
fn bundler_fix(checker: &Checker, index: usize) -> Option<Fix> {
    let at = line_start_above_comments(checker, index)?;
    Some(Fix::unsafe_(
        "Set `ENV BUNDLE_WITHOUT=development:test`",
        vec![Edit::insert(at, "ENV BUNDLE_WITHOUT=development:test\n")],
    ))
}

/// Where a new instruction above instruction `index` goes: before the comment lines right
/// above it, at the start of a line.
fn line_start_above_comments(checker: &Checker, index: usize) -> Option<u32> {
    let inst = &checker.instructions()[index];
    let items = checker.df.items();
    let at = items
        .iter()
        .position(|it| it.kind == ItemKind::Instruction && it.range.contains_range(inst.range))?;
    let mut start = at;
    while start > 0 && items[start - 1].kind == ItemKind::Comment {
        start -= 1;
    }
    let pos = items[start].range.start;
    (pos == 0 || checker.source()[..pos as usize].ends_with('\n')).then_some(pos)
}
