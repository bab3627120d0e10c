//! What a build reads from the context beyond its sources, so that a `.dockerignore` line
//! does not take it away: the `.env` files front-end bundlers inline at build time, and the
//! repository that `git describe` or a version taken from git reads.

use crate::rules::Checker;
use crate::semantic::commands::{build_step, invocation, is_python, pip_command, subcommand};

/// Bundlers that read `.env` (and `.env.production`...) at build time and inline the
/// `REACT_APP_*` (Create React App), `VITE_*` (Vite), `NEXT_PUBLIC_*` (Next.js),
/// `VUE_APP_*` (Vue CLI), `NUXT_*`, `GATSBY_*` values into the bundle.
const ENV_INLINING_TOOLS: &[&str] = &[
    "react-scripts",
    "vite",
    "next",
    "vue-cli-service",
    "nuxt",
    "nuxi",
    "gatsby",
    "craco",
    "react-app-rewired",
    "umi",
    "ng",
    "webpack",
    "parcel",
];

/// Whether some stage runs a front-end build that may read `.env` files from the context:
/// a package script named like a build (`npm run build`), or one of the bundlers above.
pub(crate) fn frontend_build_reads_env(checker: &Checker) -> bool {
    (0..checker.instructions().len()).any(|i| {
        checker.script(i).is_some_and(|s| {
            s.commands.iter().any(|c| {
                let Some((program, args)) = invocation(c) else {
                    return false;
                };
                if matches!(
                    build_step(c),
                    Some(
                        "npm run build"
                            | "yarn build"
                            | "yarn run build"
                            | "pnpm build"
                            | "pnpm run build"
                    )
                ) {
                    return true;
                }
                let tool = if program == "npx" {
                    subcommand(args, &[]).map(|(_, w)| w.value.as_str())
                } else {
                    Some(program)
                };
                tool.is_some_and(|t| ENV_INLINING_TOOLS.contains(&t))
            })
        })
    })
}

/// Whether an ignore pattern takes `.env` files (`.env`, `.env.*`, `**/.env`).
pub(crate) fn ignores_env_files(pattern: &str) -> bool {
    let p = pattern.trim_start_matches("**/").trim_end_matches('/');
    p == ".env" || p.starts_with(".env.") || p == ".env*"
}

/// `git` subcommands that do not read the repository they run in.
const GIT_WITHOUT_REPOSITORY: [&str; 6] =
    ["clone", "init", "config", "ls-remote", "version", "help"];

/// Whether some stage reads the context's `.git`: a `git` command on the repository
/// (`git describe --tags`, `git rev-parse HEAD`) that does not follow a `git clone` of its
/// own, or an install of the Python project itself (`pip install .`, `python setup.py`),
/// whose version setuptools-scm, hatch-vcs or versioneer may take from git.
pub(crate) fn build_reads_git(checker: &Checker) -> bool {
    (0..checker.instructions().len()).any(|i| {
        checker.script(i).is_some_and(|s| {
            let mut cloned = false;
            s.commands.iter().any(|c| {
                if let Some((_, args)) = pip_command(c) {
                    return args.iter().any(|w| {
                        matches!(w.value.as_str(), "." | "./") || w.value.starts_with(".[")
                    });
                }
                let Some((program, args)) = invocation(c) else {
                    return false;
                };
                if is_python(program) {
                    return args.first().is_some_and(|w| w.value == "setup.py");
                }
                if program != "git" {
                    return false;
                }
                let verb = subcommand(args, &["-C", "-c", "--git-dir", "--work-tree"]);
                match verb.map(|(_, w)| w.value.as_str()) {
                    Some("clone") => {
                        cloned = true;
                        false
                    }
                    Some(v) => {
                        !cloned && !GIT_WITHOUT_REPOSITORY.contains(&v) && !v.starts_with('-')
                    }
                    None => false,
                }
            })
        })
    })
}
