use crate::declare_rule;
use crate::edit::Fix;
use crate::knowledge::ecosystems::{IgnoreWhen, SECRET_PATTERNS};
use crate::paths::entry_match;
use crate::paths::{context_relative, source_sends};
use crate::rules::shared::build_reads::{frontend_build_reads_env, ignores_env_files};
use crate::rules::{Checker, ContextFile};
use crate::semantic::instructions::copy_parts;
use crate::semantic::instructions::reads_context;

declare_rule! {
    /// ## What it does
    /// Checks for files that look like secrets (`.env`, `*.pem`, `*.key`, `id_rsa`,
    /// `.pypirc`, `.netrc`, `.aws/`, `credentials.json`...) that a `COPY` or `ADD` of the
    /// final image sends into it: a whole-context `COPY .` with the file in the context and
    /// not in `.dockerignore`, or a source that names or matches the file.
    ///
    /// ## Why is this bad?
    /// Anything copied into a layer can be read by whoever pulls the image, even if a later
    /// `RUN` deletes it. Build-time secrets belong in `RUN --mount=type=secret`, run-time
    /// ones in the environment the container is started with.
    ///
    /// Without the context's file list, only sources that name a secret are reported.
    /// Templates (`.env.example`), public material (`id_rsa.pub`, `ca.pem`, `cert.pem`,
    /// `dhparam.pem`, `repo.gpg.key`), files under test or example folders, `.npmrc`
    /// (usually just a registry address), `*.key` files whose name or folder does not say
    /// private, TLS or SSH, and large ones, are not reported, nor what a builder stage copies.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:26-slim
    /// WORKDIR /app
    /// COPY .env ./
    /// CMD ["node", "server.js"]
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM node:26-slim
    /// WORKDIR /app
    /// COPY server.js ./
    /// CMD ["node", "--env-file-if-exists=/run/secrets/env", "server.js"]
    /// ```
    ///
    /// ## Fix safety
    /// Safe for a whole-context copy: the fix adds the files to `.dockerignore`, which keeps
    /// them out of the image (the point) and never removes a user's line. When a `COPY`
    /// names the secret itself, the advice is to pass it as a build secret instead, which
    /// is shown only. When the image runs a front-end build, which reads `.env` files and
    /// inlines their `REACT_APP_*`/`VITE_*`/`NEXT_PUBLIC_*` values into the bundle, ignoring
    /// `.env` would change the bundle: the advice is to pass those values as build
    /// arguments first.
    ///
    /// ## References
    /// - [Docker docs: build secrets](https://docs.docker.com/build/building/secrets/)
    /// - [Docker docs: .dockerignore files](https://docs.docker.com/build/concepts/context/#dockerignore-files)
    pub(crate) static RULE = {
        code: "SF108",
        name: "secret-in-context",
        category: Security,
        severity: Error,
        default_enabled: true,
        buildkit: None,
        fix: Always,
        check: check,
    }
}

/// Largest `*.key` file taken for a private key (PEM keys are a few KB).
const MAX_KEY_BYTES: u64 = 20_000;

fn check(checker: &Checker) {
    let files = checker.context.files();
    for &index in checker.final_image_instructions() {
        let inst = &checker.instructions()[index];
        if !reads_context(inst) {
            continue;
        }
        let Some((sources, _)) = copy_parts(inst) else {
            continue;
        };
        let sources: Vec<&str> = sources
            .iter()
            .filter(|s| !s.value.contains('$') && !s.value.contains("://"))
            .map(|s| context_relative(&s.value))
            .collect();
        // (what to name, pattern for `.dockerignore`, named by the source itself)
        let mut found: Vec<(String, String, bool)> = Vec::new();
        match files {
            Some(files) => {
                let secrets = checker
                    .context
                    .derived(SecretFiles::find)
                    .unwrap_or_default();
                for (file, pattern) in &secrets.0 {
                    if checker.context.file_ignored(*file) {
                        continue;
                    }
                    let f = &files[*file];
                    let pattern = pattern.clone();
                    let Some(src) = sources.iter().find(|s| source_sends(s, &f.path)) else {
                        continue;
                    };
                    let named =
                        !src.is_empty() && *src != "*" && !f.path.starts_with(&format!("{src}/"));
                    found.push((f.path.clone(), pattern, named));
                }
            }
            None => {
                for src in &sources {
                    if src.contains(['*', '?', '[']) {
                        continue;
                    }
                    if let Some(pattern) = secret(src, None, &[]) {
                        found.push((src.to_string(), pattern, true));
                    }
                }
            }
        }
        if found.is_empty() {
            continue;
        }
        let total = found.len();
        let mut names: Vec<String> = found
            .iter()
            .take(3)
            .map(|(p, _, _)| format!("`{p}`"))
            .collect();
        if total > 3 {
            names.push(format!("{} more", total - 3));
        }
        let keyword = inst.kind.as_str();
        let message = format!(
            "`{keyword}` puts what looks like a secret into the image: {}",
            names.join(", ")
        );
        let build_reads_env = frontend_build_reads_env(checker);
        let fix = if build_reads_env && found.iter().any(|(_, p, _)| ignores_env_files(p)) {
            // The bundler reads `.env` at build time: ignoring it changes the bundle.
            Fix::display_only(
                "Pass the values the front-end build reads from `.env` as build arguments, then ignore `.env`",
            )
        } else if found.iter().all(|(_, _, named)| *named) {
            Fix::display_only("Pass it as a build secret (`RUN --mount=type=secret`) instead")
        } else {
            let mut patterns: Vec<&str> = Vec::new();
            for (_, p, _) in &found {
                if !patterns.contains(&p.as_str()) {
                    patterns.push(p);
                }
            }
            let list: Vec<String> = patterns.iter().map(|p| format!("`{p}`")).collect();
            Fix::ignore_entries(
                format!("Add {} to `.dockerignore`", list.join(", ")),
                patterns.iter().map(|p| p.to_string()).collect(),
            )
        };
        checker.report(inst.range, message).fix(fix);
    }
}

/// The context files that look like secrets, with the `.dockerignore` pattern for each,
/// worked out once per context.
#[derive(Default)]
struct SecretFiles(Vec<(usize, String)>);

impl SecretFiles {
    fn find(files: &[ContextFile]) -> SecretFiles {
        SecretFiles(
            files
                .iter()
                .enumerate()
                .filter_map(|(i, f)| Some((i, secret(&f.path, Some(f.size), files)?)))
                .collect(),
        )
    }
}

/// A cheap test that lets most context files skip the pattern matching: some component
/// has the literal shape of a secret pattern's first component (`*.pem` → ends with
/// `.pem`, `id_rsa*` → starts with `id_rsa`, `.npmrc` → is `.npmrc`). Every file a pattern
/// matches passes it; this runs for every context file of every Dockerfile.
fn could_be_secret(path: &str) -> bool {
    /// The literal shape of each pattern's first component, worked out once.
    enum Shape {
        Suffix(&'static str),
        Prefix(&'static str),
        Exact(&'static str),
    }
    static SHAPES: std::sync::OnceLock<Vec<Shape>> = std::sync::OnceLock::new();
    let shapes = SHAPES.get_or_init(|| {
        SECRET_PATTERNS
            .iter()
            .map(|e| {
                let first = e.pattern.split('/').next().unwrap_or("");
                match (first.strip_prefix('*'), first.strip_suffix('*')) {
                    (Some(suffix), _) => Shape::Suffix(suffix),
                    (_, Some(prefix)) => Shape::Prefix(prefix),
                    _ => Shape::Exact(first),
                }
            })
            .collect()
    });
    path.split('/').any(|component| {
        shapes.iter().any(|shape| match shape {
            Shape::Suffix(s) => component.ends_with(s),
            Shape::Prefix(p) => component.starts_with(p),
            Shape::Exact(e) => component == *e,
        })
    })
}

/// The `.dockerignore` pattern for a context path that looks like a secret.
fn secret(path: &str, size: Option<u64>, files: &[ContextFile]) -> Option<String> {
    if !could_be_secret(path) {
        return None;
    }
    let lower = path.to_ascii_lowercase();
    let name = lower.rsplit('/').next().unwrap_or(&lower);
    if lower.split('/').any(|c| {
        matches!(
            c,
            "test"
                | "tests"
                | "testdata"
                | "fixtures"
                | "__tests__"
                | "spec"
                | "example"
                | "examples"
                | "docs"
        )
    }) {
        return None;
    }
    if name.ends_with(".pub")
        || [
            ".example",
            ".sample",
            ".template",
            ".dist",
            ".defaults",
            ".tpl",
        ]
        .iter()
        .any(|s| name.ends_with(s))
    {
        return None;
    }
    let (entry, end) = SECRET_PATTERNS
        .iter()
        .find_map(|e| entry_match(e.pattern, path).map(|end| (e, end)))?;
    let pattern = entry.pattern;
    let confirmed = match (entry.when, pattern) {
        (_, "*.pem") => !public_material(name),
        (IgnoreWhen::Always, _) => true,
        // `.key` is also used for public GPG keys (`nodesource.gpg.key`): only names or
        // folders that say private, TLS or SSH count.
        (_, "*.key") => {
            size.is_none_or(|s| s <= MAX_KEY_BYTES)
                && !public_material(name)
                && [
                    "priv", "secret", "server", "client", "tls", "ssl", "ssh", "jwt", "signing",
                ]
                .iter()
                .any(|w| lower.contains(w))
        }
        (_, "credentials*") => {
            let ext = name.rsplit_once('.').map_or("", |(_, e)| e);
            matches!(
                ext,
                "" | "json" | "yml" | "yaml" | "ini" | "csv" | "xml" | "txt" | "toml"
            )
        }
        // Composer's credentials, next to its manifest.
        (_, "auth.json") => {
            let dir = path.rsplit_once('/').map_or("", |(d, _)| d);
            let manifest = if dir.is_empty() {
                "composer.json".to_string()
            } else {
                format!("{dir}/composer.json")
            };
            files.iter().any(|f| f.path == manifest)
        }
        _ => false,
    };
    // Below the root, `.dockerignore` needs `**/` to match.
    let nested = path[..end].contains('/');
    confirmed.then(|| {
        if nested {
            format!("**/{pattern}")
        } else {
            pattern.to_string()
        }
    })
}

/// Names of public material that shares a secret's extension: CA bundles, certificates,
/// chains, public and GPG keys, Diffie-Hellman parameters.
fn public_material(name: &str) -> bool {
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    [
        "cert", "chain", "bundle", "pub", "root", "trust", "dhparam", "gpg", "pgp", "apt",
    ]
    .iter()
    .any(|w| name.contains(w))
        || stem == "ca"
        || stem.starts_with("ca-")
        || stem.starts_with("ca_")
        || stem.ends_with("-ca")
        || stem.ends_with("_ca")
        || stem.contains("_ca_")
        || stem.contains("-ca-")
}
