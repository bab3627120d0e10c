use crate::context::dockerignore::DockerIgnore;
use crate::declare_rule;
use crate::edit::Fix;
use crate::knowledge::ecosystems::{IgnoreWhen, SECRET_PATTERNS, SSH_PUBLIC_FILES};
use crate::paths::entry_match;
use crate::paths::{context_relative, source_sends};
use crate::rules::shared::build_reads::{frontend_build_reads_env, ignores_env_files};
use crate::rules::shared::kept_files::KeptFiles;
use crate::rules::{Checker, ContextFile};
use crate::semantic::commands::{basename, rm_targets};
use crate::semantic::instructions::copy_excludes;
use crate::semantic::instructions::copy_parts;
use crate::semantic::instructions::reads_context;

declare_rule! {
    /// ## What it does
    /// Checks for a `COPY` or `ADD` that puts a key or a credential file into a layer:
    /// a source or a destination that names one (`id_rsa` and other SSH keys, anything
    /// copied into a `.ssh` folder but its `config`, `known_hosts` and public keys, `*.pem`
    /// private keys, `*.p12`, `*.ppk`, `.env`, `.pypirc`, `.netrc`, `.git-credentials`,
    /// `.docker/config.json`, kube configs, cloud CLI credentials such as `.aws/`,
    /// `.azure/`, `.config/gcloud/`, `application_default_credentials.json`, `.boto`,
    /// `.s3cfg`, `.pgpass`, `.vault-token`, `credentials.json`...) in any stage; and, in
    /// the image built by default, a whole-context or folder copy that sweeps one in (a
    /// `.env` or a key in the context and not in `.dockerignore`).
    ///
    /// ## Why is this bad?
    /// Anything copied into a layer can be read by whoever pulls the image, even if a later
    /// `RUN` deletes it. Build-time secrets belong in `RUN --mount=type=secret` (SSH keys:
    /// `RUN --mount=type=ssh`, which forwards the agent), run-time ones in the environment
    /// the container is started with.
    ///
    /// A builder stage's layers are not part of the final image, but a key copied there is
    /// still in a layer: in the build cache of whoever builds (shared CI runners), in a
    /// cache exported with `--cache-to ...,mode=max`, in the image `docker build --target`
    /// makes of that stage, and in the final image when a `COPY --from` takes the folder it
    /// was copied to. So a key or credential file named by a `COPY` is reported in every
    /// stage. What a folder or the whole context sweeps into a builder stage is not (such
    /// a stage often needs the whole context; the `.dockerignore` fix is for the image).
    ///
    /// Files that are often harmless are reported only when the Dockerfile shows they are
    /// not: a `.npmrc` (usually just a registry address), `.my.cnf`, `.terraformrc`,
    /// Composer's `auth.json` away from a `composer.json`, `*.key` files whose name or
    /// folder (source or destination) does not say private, TLS or SSH, count when a later
    /// `RUN` of the stage removes the copied file, which does not take it out of the
    /// `COPY`'s layer. Without the context's file list, only sources and destinations that
    /// name a secret are reported. Templates (`.env.example`), public material
    /// (`id_rsa.pub`, `ca.pem`, `cert.pem`, `dhparam.pem`, `repo.gpg.key`), the insecure
    /// keys vendors publish on purpose (`insecure_id_rsa`, Vagrant's), files under test or
    /// example folders, and large `*.key` files, are not reported.
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
    /// names the secret itself, the advice (shown only) is to mount it for the `RUN` that
    /// reads it, `RUN --mount=type=secret,id=...,target=<where it was copied>`, or for an
    /// SSH key to forward the agent with `RUN --mount=type=ssh`: the build steps that used
    /// the copied file have to change with it. When the image runs a front-end build, which
    /// reads `.env` files and inlines their `REACT_APP_*`/`VITE_*`/`NEXT_PUBLIC_*` values
    /// into the bundle, ignoring `.env` would change the bundle: the advice is to pass those
    /// values as build arguments first. When another `COPY` or `ADD` of the file names a
    /// source the new lines would hide (`COPY . .` and `COPY .env /app/.env`), that copy
    /// would fail: the lines are advice until it no longer does. So they are when the
    /// user's `.dockerignore` brings the file back with a `!` line, which an appended line
    /// would undo.
    ///
    /// ## References
    /// - [Docker docs: build secrets](https://docs.docker.com/build/building/secrets/)
    /// - [Docker docs: SSH mounts](https://docs.docker.com/build/building/secrets/#ssh-mounts)
    /// - [Docker docs: cache export, `mode=max`](https://docs.docker.com/build/cache/backends/#cache-mode)
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

/// One secret a `COPY` or `ADD` puts into a layer.
struct Found {
    /// What to name: the context path, or where it lands.
    name: String,
    /// The `.dockerignore` pattern that would leave it out.
    pattern: String,
    /// Named by the instruction (a source, or the destination), not swept in with a folder.
    named: bool,
    /// An SSH key (the advice is the agent, not a secret).
    ssh: bool,
    /// Where it lands in the image, when known (for the secret mount's `target`).
    target: Option<String>,
}

fn check(checker: &Checker) {
    let files = checker.context.files();
    let secrets = files.map(|_| {
        checker
            .context
            .derived(SecretFiles::find)
            .unwrap_or_default()
    });
    let instructions = checker.instructions();
    for (index, inst) in instructions.iter().enumerate() {
        if !reads_context(inst) {
            continue;
        }
        let Some((sources, dest)) = copy_parts(inst) else {
            continue;
        };
        let ships = checker.ships(index);
        let dest = (!dest.value.contains('$')).then_some(dest.value.as_str());
        let literal: Vec<&str> = sources
            .iter()
            .filter(|s| !s.value.contains('$') && !s.value.contains("://"))
            .map(|s| context_relative(&s.value))
            .collect();
        let excludes = copy_excludes(inst);
        let mut found: Vec<Found> = Vec::new();
        match (files, &secrets) {
            (Some(files), Some(secrets)) => {
                for secret in &secrets.0 {
                    if checker.context.file_ignored(secret.file) {
                        continue;
                    }
                    let f = &files[secret.file];
                    let Some(src) = literal.iter().find(|s| source_sends(s, &f.path)) else {
                        continue;
                    };
                    // `COPY --exclude=.env . .` leaves it out (patterns are read below the
                    // source's folder).
                    let below_source = f
                        .path
                        .strip_prefix(*src)
                        .and_then(|rest| rest.strip_prefix('/'))
                        .unwrap_or(&f.path);
                    if excludes
                        .as_ref()
                        .is_some_and(|e| e.is_ignored(below_source) || e.is_ignored(&f.path))
                    {
                        continue;
                    }
                    let named =
                        !src.is_empty() && *src != "*" && !f.path.starts_with(&format!("{src}/"));
                    // A builder stage's layers do not ship: what a folder or the whole
                    // context sweeps in there is left to `.dockerignore` advice elsewhere.
                    if !(named || ships) {
                        continue;
                    }
                    // Where this file lands: a folder source keeps its tree, a file or a
                    // glob lands by its name.
                    let target = if named { landing(dest, &f.path) } else { None };
                    let confirmed = secret.confirmed
                        || (named
                            && secret.removal_confirms
                            && removed_later(checker, index, target.as_deref()));
                    if !confirmed {
                        continue;
                    }
                    found.push(Found {
                        name: f.path.clone(),
                        pattern: secret.pattern.clone(),
                        named,
                        ssh: secret.ssh,
                        target,
                    });
                }
            }
            _ => {
                for src in &literal {
                    if src.contains(['*', '?', '[']) {
                        continue;
                    }
                    let Some(secret) = secret(src, None, &[]) else {
                        continue;
                    };
                    let target = landing(dest, src);
                    if secret.confirmed
                        || (secret.removal_confirms
                            && removed_later(checker, index, target.as_deref()))
                    {
                        found.push(Found {
                            name: src.to_string(),
                            pattern: secret.pattern,
                            named: true,
                            ssh: secret.ssh,
                            target,
                        });
                    }
                }
            }
        }
        // The destination can say what the file is (`COPY deploy-key /root/.ssh/id_rsa`,
        // `COPY npmrc /root/.npmrc`), whatever the source is called.
        if found.is_empty() {
            // Downloads are public material; a public key, a vendor's published key, a
            // template or a test file keeps its nature under any name.
            for src in sources
                .iter()
                .filter(|s| !s.value.contains('$') && !s.value.contains("://"))
            {
                let name = s_name(&src.value).to_ascii_lowercase();
                // The destination first: it rules out nearly every COPY.
                let Some(target) = landing(dest, &name) else {
                    continue;
                };
                let Some(secret) = destination_secret(&target) else {
                    continue;
                };
                if excluded_path(&context_relative(&src.value).to_ascii_lowercase())
                    || SSH_PUBLIC_FILES.contains(&name.as_str())
                {
                    continue;
                }
                let sends = files.is_none_or(|files| {
                    let src = context_relative(&src.value);
                    files.iter().any(|f| source_sends(src, &f.path))
                });
                if !sends {
                    continue;
                }
                if secret.confirmed
                    || (secret.removal_confirms && removed_later(checker, index, Some(&target)))
                {
                    found.push(Found {
                        name: target.clone(),
                        pattern: secret.pattern,
                        named: true,
                        ssh: secret.ssh,
                        target: Some(target),
                    });
                }
            }
        }
        if found.is_empty() {
            continue;
        }
        report(checker, index, &found, ships);
    }
}

/// The last path component of a source (a URL's too).
fn s_name(source: &str) -> &str {
    let path = match source.bytes().position(|b| b == b'?' || b == b'#') {
        Some(end) => &source[..end],
        None => source,
    };
    let path = path.trim_end_matches('/');
    path.rsplit_once('/').map_or(path, |(_, name)| name)
}

/// Where a source lands: the destination itself when it names a file, else the
/// destination folder and the source's name (relative to `WORKDIR` when the destination
/// is).
fn landing(dest: Option<&str>, source: &str) -> Option<String> {
    let dest = dest?;
    let name = s_name(source);
    if !(dest.ends_with('/') || dest == "." || dest.ends_with("/.")) {
        return Some(dest.to_string());
    }
    if name.is_empty() || name == "." || name.contains(['*', '?', '[']) {
        return None;
    }
    let dir = dest.strip_suffix('.').unwrap_or(dest).trim_end_matches('/');
    Some(match dir {
        "" if dest.starts_with('/') => format!("/{name}"),
        "" | "." => name.to_string(),
        dir => format!("{dir}/{name}"),
    })
}

/// Whether a `RUN` after instruction `index`, in the same stage, removes `target` (by its
/// path or its name): the Dockerfile treats the file as a secret, and the `rm` does not
/// take it out of the `COPY`'s layer.
fn removed_later(checker: &Checker, index: usize, target: Option<&str>) -> bool {
    let Some(target) = target else {
        return false;
    };
    let name = basename(target);
    let Some(stage) = checker.stage_of(index) else {
        return false;
    };
    (index + 1..stage.end as usize).any(|i| {
        checker.script(i).is_some_and(|script| {
            script.commands.iter().any(|c| {
                rm_targets(c).is_some_and(|mut words| {
                    words.any(|w| w.value == target || basename(&w.value) == name)
                })
            })
        })
    })
}

fn report(checker: &Checker, index: usize, found: &[Found], ships: bool) {
    let inst = &checker.instructions()[index];
    let total = found.len();
    let mut names: Vec<String> = found
        .iter()
        .take(3)
        .map(|f| format!("`{}`", f.name))
        .collect();
    if total > 3 {
        names.push(format!("{} more", total - 3));
    }
    let keyword = inst.kind.as_str();
    let place = if ships {
        "the image".to_string()
    } else {
        let stage = checker
            .stage_of(index)
            .and_then(|s| s.name.as_ref().map(|n| format!("`{}`", n.value)))
            .unwrap_or_else(|| "a builder stage".to_string());
        format!("a layer of {stage} (not shipped, but kept in the build cache)")
    };
    let removed = found
        .iter()
        .any(|f| removed_later(checker, index, f.target.as_deref()));
    let mut message = format!(
        "`{keyword}` puts what looks like a secret into {place}: {}",
        names.join(", ")
    );
    if removed {
        message.push_str("; a later `rm` does not take it out of the layer");
    }
    let reads_env =
        || frontend_build_reads_env(checker) && found.iter().any(|f| ignores_env_files(&f.pattern));
    let fix = if reads_env() {
        // The bundler reads `.env` at build time: ignoring it changes the bundle.
        Fix::display_only(
            "Pass the values the front-end build reads from `.env` as build arguments, then ignore `.env`",
        )
    } else if found.iter().all(|f| f.named) {
        Fix::display_only(mount_advice(found))
    } else {
        let mut patterns: Vec<&str> = Vec::new();
        for f in found {
            if !patterns.contains(&f.pattern.as_str()) {
                patterns.push(&f.pattern);
            }
        }
        let list: Vec<String> = patterns.iter().map(|p| format!("`{p}`")).collect();
        let kept = KeptFiles::of(checker);
        let overridden = patterns.iter().find_map(|p| kept.hidden_by(p));
        match (named_source_hidden(checker, &patterns), overridden) {
            // `COPY .env /app/.env` elsewhere would no longer find its file.
            (Some((line, source)), _) => Fix::display_only(format!(
                "Add {} to `.dockerignore` once no `COPY` names it: `{source}` (line {line}) would no longer find it",
                list.join(", ")
            )),
            // The user's `!` line brings it back on purpose: an appended line would undo it.
            (None, Some(file)) => Fix::display_only(format!(
                "`.dockerignore` brings `{file}` back with a `!` line: drop it (pass the file as a secret instead) to keep {} out",
                list.join(", ")
            )),
            (None, None) => Fix::ignore_entries(
                format!("Add {} to `.dockerignore`", list.join(", ")),
                patterns.iter().map(|p| p.to_string()).collect(),
            ),
        }
    };
    checker.report(inst.range, message).fix(fix);
}

/// The first source a `COPY` or `ADD` of the file names (a file, a folder or a glob, not
/// the whole context) that `patterns` in the `.dockerignore` would hide, with its line: the
/// build would fail there.
fn named_source_hidden(checker: &Checker, patterns: &[&str]) -> Option<(u32, String)> {
    let ignore = DockerIgnore::parse(&patterns.join("\n"));
    checker.instructions().iter().find_map(|inst| {
        if !reads_context(inst) {
            return None;
        }
        let (sources, _) = copy_parts(inst)?;
        sources.iter().find_map(|source| {
            let path = context_relative(&source.value);
            (!path.is_empty() && !source.value.contains("://") && ignore.is_ignored(path))
                .then(|| (inst.start_line, source.value.to_string()))
        })
    })
}

/// What to do instead of copying: forward the SSH agent for SSH keys, mount the file as a
/// secret where it was copied to for the others.
fn mount_advice(found: &[Found]) -> String {
    if found.iter().all(|f| f.ssh) {
        return "Forward the SSH agent to the `RUN` that needs the key (`RUN --mount=type=ssh`, `docker build --ssh default`) instead of copying it".to_string();
    }
    let f = found.iter().find(|f| !f.ssh).unwrap_or(&found[0]);
    let path = f.target.as_deref().unwrap_or(&f.name);
    let name = basename(path).trim_start_matches('.');
    // A generic name takes its folder's: `/root/.kube/config` is `kube_config`.
    let id = match path.rsplit('/').nth(1) {
        Some(dir) if matches!(name, "config" | "credentials") && !dir.is_empty() => {
            format!("{}_{name}", dir.trim_start_matches('.'))
        }
        _ => name.to_string(),
    };
    let id: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    match &f.target {
        Some(target) if target.starts_with('/') => format!(
            "Mount it for the `RUN` that reads it (`RUN --mount=type=secret,id={id},target={target}`), or give it to the container when it starts, instead of copying it"
        ),
        _ => format!(
            "Mount it for the `RUN` that reads it (`RUN --mount=type=secret,id={id}`), or give it to the container when it starts, instead of copying it"
        ),
    }
}

/// The context files that look like secrets, worked out once per context.
#[derive(Default)]
struct SecretFiles(Vec<ContextSecret>);

struct ContextSecret {
    file: usize,
    pattern: String,
    /// A secret by its name alone; otherwise only when the Dockerfile confirms it.
    confirmed: bool,
    removal_confirms: bool,
    ssh: bool,
}

impl SecretFiles {
    fn find(files: &[ContextFile]) -> SecretFiles {
        SecretFiles(
            files
                .iter()
                .enumerate()
                .filter_map(|(i, f)| {
                    let s = secret(&f.path, Some(f.size), files)?;
                    Some(ContextSecret {
                        file: i,
                        pattern: s.pattern,
                        confirmed: s.confirmed,
                        removal_confirms: s.removal_confirms,
                        ssh: s.ssh,
                    })
                })
                .collect(),
        )
    }
}

/// A path that looks like a secret.
struct Secret {
    /// The `.dockerignore` pattern for it.
    pattern: String,
    /// Its name is enough (`id_rsa`, `.pypirc`); otherwise it may be an ordinary file
    /// (`.npmrc` with a registry address, `credentials.py`), a secret only when the
    /// Dockerfile treats it as one.
    confirmed: bool,
    /// A configuration file that may hold a token (`.npmrc`): a later `rm` of it shows the
    /// Dockerfile treats it as a secret. (Not for `*.key`: public keys are removed after
    /// import too.)
    removal_confirms: bool,
    ssh: bool,
}

/// A cheap test that lets most context files skip the pattern matching: some component
/// has the literal shape of a secret pattern's first component (`*.pem` → ends with
/// `.pem`, `id_rsa*` → starts with `id_rsa`, `.npmrc` → is `.npmrc`). Every file a pattern
/// matches passes it; this runs for every context file of every Dockerfile.
fn could_be_secret(path: &str) -> bool {
    /// The literal shape of each pattern's first component, worked out once.
    #[derive(Clone, Copy)]
    enum Shape {
        Suffix(&'static str),
        Prefix(&'static str),
        Exact(&'static str),
    }
    impl Shape {
        fn text(&self) -> &'static str {
            match self {
                Shape::Suffix(t) | Shape::Prefix(t) | Shape::Exact(t) => t,
            }
        }

        fn fits(&self, component: &str) -> bool {
            match self {
                Shape::Suffix(s) => component.ends_with(s),
                Shape::Prefix(p) => component.starts_with(p),
                Shape::Exact(e) => component == *e,
            }
        }
    }
    /// The shapes by the byte a component must end with (suffixes and exact names) or
    /// start with (prefixes): a component is compared with the few that can fit it.
    struct Shapes {
        by_last: Vec<Vec<Shape>>,
        by_first: Vec<Vec<Shape>>,
    }
    static SHAPES: std::sync::OnceLock<Shapes> = std::sync::OnceLock::new();
    let shapes = SHAPES.get_or_init(|| {
        let mut shapes = Shapes {
            by_last: vec![Vec::new(); 256],
            by_first: vec![Vec::new(); 256],
        };
        for e in SECRET_PATTERNS {
            let first = e.pattern.split('/').next().unwrap_or("");
            let shape = match (first.strip_prefix('*'), first.strip_suffix('*')) {
                (Some(suffix), _) => Shape::Suffix(suffix),
                (_, Some(prefix)) => Shape::Prefix(prefix),
                _ => Shape::Exact(first),
            };
            let text = shape.text().as_bytes();
            match shape {
                Shape::Prefix(_) => match text.first() {
                    Some(&b) => shapes.by_first[usize::from(b)].push(shape),
                    None => continue,
                },
                _ => match text.last() {
                    Some(&b) => shapes.by_last[usize::from(b)].push(shape),
                    None => continue,
                },
            }
        }
        shapes
    });
    path.split('/').any(|component| {
        let bytes = component.as_bytes();
        let (Some(&first), Some(&last)) = (bytes.first(), bytes.last()) else {
            return false;
        };
        shapes.by_last[usize::from(last)]
            .iter()
            .chain(&shapes.by_first[usize::from(first)])
            .any(|shape| shape.fits(component))
    })
}

/// Whether a context path looks like a secret, and how sure its name makes it.
fn secret(path: &str, size: Option<u64>, files: &[ContextFile]) -> Option<Secret> {
    if !could_be_secret(path) {
        return None;
    }
    let lower = path.to_ascii_lowercase();
    let name = lower.rsplit('/').next().unwrap_or(&lower);
    if excluded_path(&lower) {
        return None;
    }
    let (entry, end) = SECRET_PATTERNS
        .iter()
        .find_map(|e| entry_match(e.pattern, path).map(|end| (e, end)))?;
    let pattern = entry.pattern;
    let ssh = SSH_PATTERNS.contains(&pattern) || pattern == "*.ppk";
    let confirmed = match (entry.when, pattern) {
        (_, "*.pem") => {
            if public_material(name) {
                return None;
            }
            true
        }
        (IgnoreWhen::Always, _) => true,
        // `.key` is also used for public GPG keys (`nodesource.gpg.key`): only names or
        // folders that say private, TLS or SSH count.
        (_, "*.key") => {
            if size.is_some_and(|s| s > MAX_KEY_BYTES) || public_material(name) {
                return None;
            }
            KEY_WORDS.iter().any(|w| lower.contains(w))
        }
        (_, "credentials*" | "kubeconfig*") => {
            let ext = name.rsplit_once('.').map_or("", |(_, e)| e);
            if !matches!(
                ext,
                "" | "json" | "yml" | "yaml" | "ini" | "csv" | "xml" | "txt" | "toml" | "conf"
            ) {
                return None;
            }
            true
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
    Some(Secret {
        pattern: if nested {
            format!("**/{pattern}")
        } else {
            pattern.to_string()
        },
        confirmed,
        removal_confirms: entry.when == IgnoreWhen::Confirm && pattern != "*.key",
        ssh,
    })
}

/// Paths that are no secret whatever their name (lower-case): under test, example or
/// documentation folders, templates (`.env.example`, `credentials.json.dummy`,
/// `example.env`), public keys, and the insecure keys vendors publish on purpose
/// (phusion's `insecure_id_rsa`, Vagrant's `insecure_private_key`).
fn excluded_path(lower: &str) -> bool {
    let name = lower.rsplit('/').next().unwrap_or(lower);
    let in_folder = lower.split('/').any(|c| {
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
    });
    let template = [
        ".example",
        ".sample",
        ".template",
        ".dist",
        ".defaults",
        ".tpl",
        ".dummy",
    ]
    .iter()
    .any(|s| name.ends_with(s))
        || ["example", "sample", "template", "dummy"]
            .iter()
            .any(|w| name.contains(w));
    in_folder || template || name.ends_with(".pub") || name.contains("insecure")
}

/// What a path in the image says about the file copied there: the file's own name
/// (`/root/.npmrc`, `/root/.kube/config`, `/app/credentials.json`), or a folder that holds
/// keys only (`/root/.ssh/deploy` is a private key; `config` and `known_hosts` are not).
fn destination_secret(target: &str) -> Option<Secret> {
    let path = target.trim_start_matches('/').trim_start_matches("~/");
    let (dir, name) = path.rsplit_once('/').unwrap_or(("", path));
    if name.is_empty() {
        return None;
    }
    let parent = dir.rsplit('/').next().unwrap_or(dir);
    if parent == ".ssh" {
        // Keys have no extension (`id_rsa`, `deploy`) or a key's (`.pem`, `.key`).
        let ext = name.rsplit_once('.').map(|(_, e)| e);
        let key_like = ext.is_none_or(|e| matches!(e, "pem" | "key"));
        return (key_like && !SSH_PUBLIC_FILES.contains(&name) && !excluded_path(name)).then(
            || Secret {
                pattern: "**/.ssh".to_string(),
                confirmed: true,
                removal_confirms: false,
                ssh: true,
            },
        );
    }
    // The file itself must be named: a folder pattern (`.aws`, `.azure`) says nothing of
    // `config` in it.
    let found = secret(path, None, &[])?;
    let base = found.pattern.trim_start_matches("**/");
    let names_file = entry_match(base, path).is_some_and(|end| end == path.len());
    // A `.key` landing in a private, TLS or SSH folder is a private key.
    let confirmed = found.confirmed
        || (base == "*.key"
            && KEY_WORDS
                .iter()
                .any(|w| dir.to_ascii_lowercase().contains(w)));
    names_file.then_some(Secret { confirmed, ..found })
}

/// Words in a `.key` file's path that say it is a private key (a TLS or SSH key, a JWT
/// signing key) rather than a public GPG key (`nodesource.gpg.key`, `nginx_signing.key`).
const KEY_WORDS: [&str; 8] = [
    "priv", "secret", "server", "client", "tls", "ssl", "ssh", "jwt",
];

/// The patterns of SSH private keys.
const SSH_PATTERNS: [&str; 5] = ["id_rsa*", "id_ed25519*", "id_ecdsa*", "id_dsa*", ".ssh"];

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
