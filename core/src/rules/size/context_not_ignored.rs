use std::collections::HashMap;
use std::sync::Mutex;

use crate::context::dockerignore::DockerIgnore;
use crate::context::Context;
use crate::declare_rule;
use crate::edit::Fix;
use crate::knowledge::ecosystems::{IgnoreEntry, IgnoreWhen, ALWAYS_IGNORE, SECRET_PATTERNS};
use crate::knowledge::{
    ecosystem, ecosystem_for_install_command, ecosystem_for_manifest, ecosystems, EcosystemId,
};
use crate::paths::context_relative;
use crate::paths::entry_match;
use crate::paths::glob_component;
use crate::rules::shared::build_reads::{
    build_reads_git, frontend_build_reads_env, ignores_env_files,
};
use crate::rules::shared::kept_files::KeptFiles;
use crate::rules::{Checker, Savings};
use crate::semantic::commands::build_step;
use crate::semantic::commands::invocation;
use crate::semantic::instructions::copy_excludes;
use crate::semantic::instructions::whole_context_copies;
use crate::syntax::Instruction;

declare_rule! {
    /// ## What it does
    /// Checks for a `COPY .` or `ADD .` that copies the whole build context when there is no
    /// `.dockerignore`, or when the context holds files that should not ship and the
    /// `.dockerignore` does not exclude them: `.git`, a host `node_modules`, `.env` files,
    /// logs, `__pycache__`, `target/`, build output, editor folders.
    ///
    /// ## Why is this bad?
    /// Everything in the context goes into the layer: the repository history, host-built
    /// dependencies (with native addons built for the host), logs, caches and local
    /// settings. The image grows, secrets may leak, and any change to those files busts the
    /// cache of the `COPY` and of every step after it.
    ///
    /// When the context's files are known, only what they show is reported: a host
    /// `node_modules` only when the image installs its dependencies itself, `dist` or
    /// `build` only when the image builds them, and the entries of the ecosystems the
    /// project uses. When they are not known, a missing `.dockerignore` is reported.
    /// `COPY --exclude=` patterns count as ignored.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:26-slim
    /// WORKDIR /app
    /// COPY . .
    /// RUN npm ci --omit=dev
    /// CMD ["node", "server.js"]
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM node:26-slim
    /// WORKDIR /app
    /// COPY package.json package-lock.json ./
    /// RUN npm ci --omit=dev
    /// COPY server.js ./
    /// CMD ["node", "server.js"]
    /// ```
    ///
    /// ## Fix safety
    /// Safe: the fix adds the entries to `.dockerignore` (creating it if needed) and never
    /// removes or reorders a line of the user's. It leaves out `.env` files when the image
    /// runs a front-end build (a bundler inlines `REACT_APP_*`, `VITE_*`, `NEXT_PUBLIC_*`
    /// values from them), leaves out `.git` when the build reads the repository (`git
    /// describe`, `git rev-parse`, or `pip install .` / `python setup.py`, whose version may
    /// come from git), and keeps log directories (`logs/*`, not `logs`) so that an
    /// application writing there still finds them. Appended lines come last and the last
    /// matching line wins: an entry that would leave out a file the user's `.dockerignore`
    /// brings back with a `!` line (`*.log` then `!keep.log`) is not added.
    ///
    /// ## References
    /// - [Docker docs: .dockerignore files](https://docs.docker.com/build/concepts/context/#dockerignore-files)
    /// - [github/gitignore](https://github.com/github/gitignore) (what each ecosystem generates)
    pub(crate) static RULE = {
        code: "SF107",
        name: "context-not-ignored",
        category: Size,
        severity: Warning,
        default_enabled: true,
        buildkit: None,
        fix: Always,
        check: check,
    }
}

/// Ecosystems the project uses, and what the Dockerfile does with them.
#[derive(Default)]
struct Uses {
    ecosystems: Vec<EcosystemId>,
    installed: Vec<EcosystemId>,
    built: Vec<EcosystemId>,
}

fn check(checker: &Checker) {
    let copies: Vec<(usize, &Instruction)> = whole_context_copies(checker).collect();
    let Some(&(index, copy)) = copies
        .iter()
        .find(|(i, _)| checker.ships(*i))
        .or(copies.first())
    else {
        return;
    };
    let in_final = checker.ships(index);
    let uses = uses(checker);
    let keyword = copy.kind.as_str();
    let ignore = checker.dockerignore();
    if checker.context.files().is_none() {
        if ignore.is_some() {
            return;
        }
        // Files unknown: the entries most projects need.
        let mut names: Vec<&str> = vec![".git"];
        for id in &uses.installed {
            names.extend(
                ecosystem(*id)
                    .dockerignore
                    .iter()
                    .filter(|e| e.when == IgnoreWhen::IfInstalledInImage)
                    .map(|e| e.pattern),
            );
        }
        names.extend([".env", "*.log"]);
        names.dedup();
        // A front-end build reads `.env` from the context: ignoring it changes the bundle.
        if frontend_build_reads_env(checker) {
            names.retain(|n| !ignores_env_files(n));
        }
        // `git describe` or a version from git needs the repository.
        if names.contains(&".git") && build_reads_git(checker) {
            names.retain(|n| *n != ".git");
        }
        // What the Dockerfile copies by name is wanted in the image (`COPY .git .`).
        let named = named_sources(checker);
        names.retain(|n| !hides_named(checker, n, &named));
        names.truncate(5);
        if names.is_empty() {
            return;
        }
        checker
            .report(
                copy.range,
                format!(
                    "`{keyword} .` copies the whole build context and there is no `.dockerignore`"
                ),
            )
            .fix(Fix::ignore_entries(
                format!("Add {} to `.dockerignore`", quoted(&names)),
                names.iter().map(|n| n.to_string()).collect(),
            ));
        return;
    }
    let entries = entries(&uses);
    let Some(mut hits) = (match copy_excludes(copy) {
        Some(excludes) => Some(scan(checker.context, &entries, Some(&excludes))),
        None => checker
            .context
            .derived_with_ignore(|_| ScanMemo::default())
            .map(|memo| memo.scan(checker.context, &entries)),
    }) else {
        return;
    };
    let named = named_sources(checker);
    hits.retain(|(p, _, _)| !hides_named(checker, p, &named));
    // A file the user's `.dockerignore` brings back with `!` stays in.
    let kept = KeptFiles::of(checker);
    hits.retain(|(p, _, _)| kept.hidden_by(p).is_none());
    // A front-end build reads `.env` from the context: ignoring it changes the bundle.
    if frontend_build_reads_env(checker) {
        hits.retain(|(p, _, _)| !ignores_env_files(p));
    }
    // `git describe` or a version from git needs the repository.
    let is_git = |p: &str| p.trim_start_matches("**/") == ".git";
    if hits.iter().any(|(p, _, _)| is_git(p)) && build_reads_git(checker) {
        hits.retain(|(p, _, _)| !is_git(p));
    }
    // A log directory the application writes to must still exist in the image: its
    // contents go, the directory stays (`logs/*`, not `logs`).
    for (p, _, _) in &mut hits {
        let bare = p.trim_start_matches("**/");
        if matches!(bare, "logs" | "log" | "tmp") {
            p.push_str("/*");
        }
    }
    if hits.is_empty() {
        return;
    }
    let names: Vec<&str> = hits.iter().map(|(p, _, _)| p.as_str()).collect();
    let list = quoted(&names);
    let message = match ignore {
        None => {
            format!("`{keyword} .` sends {list} into the image and there is no `.dockerignore`")
        }
        Some(_) => format!(
            "`{keyword} .` sends {list} into the image: `.dockerignore` does not exclude {}",
            if hits.len() == 1 { "it" } else { "them" }
        ),
    };
    let (count, bytes) = hits.iter().fold((0, 0), |(c, b), (_, n, s)| (c + n, b + s));
    let savings = (in_final && bytes > 0).then(|| Savings {
        bytes,
        basis: format!(
            "{count} {} under {list} in the build context (context file sizes)",
            if count == 1 { "file" } else { "files" }
        ),
    });
    checker
        .report(copy.range, message)
        .fix(Fix::ignore_entries(
            format!("Add {list} to `.dockerignore`"),
            names.iter().map(|n| n.to_string()).collect(),
        ))
        .savings(savings);
}

/// Every entry [`entries`] may want, once each: the generic ones, the secrets, and every
/// ecosystem's.
fn catalogue() -> &'static [&'static IgnoreEntry] {
    static CATALOGUE: std::sync::OnceLock<Vec<&'static IgnoreEntry>> = std::sync::OnceLock::new();
    CATALOGUE.get_or_init(|| {
        let mut all: Vec<&'static IgnoreEntry> = Vec::new();
        let every = ALWAYS_IGNORE
            .iter()
            .chain(SECRET_PATTERNS)
            .chain(ecosystems().iter().flat_map(|e| e.dockerignore));
        for e in every {
            if !all.iter().any(|a| a.pattern == e.pattern) {
                all.push(e);
            }
        }
        all
    })
}

/// What the context sends that an entry would leave out: (pattern to add, files, bytes).
type Hits = Vec<(String, usize, u64)>;

/// The context files that `entries` would leave out and that neither the `.dockerignore`
/// nor the `COPY`'s own `--exclude` patterns already do, by the entry that matches highest
/// up in each file's path.
fn scan(context: &Context, entries: &[&IgnoreEntry], excludes: Option<&DockerIgnore>) -> Hits {
    let Some(catalogue_hits) = context.derived(EntryHits::find) else {
        return Vec::new();
    };
    // Each wanted entry's rank: the first of equal matches wins, as listed by `entries`.
    let rank: Vec<Option<usize>> = catalogue()
        .iter()
        .map(|c| entries.iter().position(|e| e.pattern == c.pattern))
        .collect();
    let mut hits: Hits = Vec::new();
    let files = context.files().unwrap_or_default();
    for file_hits in catalogue_hits.0.chunk_by(|a, b| a.file == b.file) {
        let file = file_hits[0].file as usize;
        let f = &files[file];
        if context.file_ignored(file) || excludes.is_some_and(|ex| ex.is_ignored(&f.path)) {
            continue;
        }
        // The entry that matches highest up (`logs`, not `*.log`, for `logs/app.log`).
        let Some((at, wanted)) = file_hits
            .iter()
            .filter_map(|h| Some((h.at as usize, rank[h.entry as usize]?)))
            .filter(|&(_, r)| !is_env_template(entries[r], &f.path))
            .min()
        else {
            continue;
        };
        let entry = entries[wanted];
        // A match below the root needs `**/` in `.dockerignore`.
        let nested = f.path[..at].contains('/');
        let pattern = if nested {
            format!("**/{}", entry.pattern)
        } else {
            entry.pattern.to_string()
        };
        match hits.iter_mut().find(|(p, _, _)| *p == pattern) {
            Some(hit) => {
                hit.1 += 1;
                hit.2 += f.size;
            }
            None => hits.push((pattern, 1, f.size)),
        }
    }
    hits
}

/// [`scan`]'s results for a context, by the entries asked about: Dockerfiles of one
/// ecosystem sharing a context ask the same question.
#[derive(Default)]
struct ScanMemo(Mutex<HashMap<Vec<&'static str>, Hits>>);

impl ScanMemo {
    fn scan(&self, context: &Context, entries: &[&'static IgnoreEntry]) -> Hits {
        let key: Vec<&'static str> = entries.iter().map(|e| e.pattern).collect();
        let lock = || {
            self.0
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
        };
        if let Some(hits) = lock().get(&key) {
            return hits.clone();
        }
        let hits = scan(context, entries, None);
        lock().insert(key, hits.clone());
        hits
    }
}

/// The ecosystems whose manifests sit at the root of the context, in file order, worked
/// out once per context.
struct ManifestEcosystems(Vec<EcosystemId>);

impl ManifestEcosystems {
    fn find(files: &[crate::context::ContextFile]) -> ManifestEcosystems {
        let mut ids = Vec::new();
        for f in files.iter().filter(|f| !f.path.contains('/')) {
            if let Some(e) = ecosystem_for_manifest(&f.path) {
                if !ids.contains(&e.id) {
                    ids.push(e.id);
                }
            }
        }
        ManifestEcosystems(ids)
    }
}

/// Where each catalogue entry matches each context file, worked out once per context.
struct EntryHits(Vec<EntryHit>);

struct EntryHit {
    file: u32,
    entry: u16,
    /// The end of the matched prefix of the path.
    at: u32,
}

impl EntryHits {
    fn find(files: &[crate::context::ContextFile]) -> EntryHits {
        let catalogue = catalogue();
        // Most entries are one plain component (`node_modules`): looked up by name. One-
        // component globs (`*.log`) are tried on each component; longer entries on the path.
        let bare = |e: &str| -> String {
            let mut e = e;
            while let Some(rest) = e.strip_prefix("**/") {
                e = rest;
            }
            e.strip_suffix('/').unwrap_or(e).to_string()
        };
        let mut plain: HashMap<String, Vec<u16>> = HashMap::new();
        let mut component_globs: Vec<(u16, String)> = Vec::new();
        let mut longer: Vec<u16> = Vec::new();
        for (i, e) in catalogue.iter().enumerate() {
            let entry = bare(e.pattern);
            if entry.contains('/') {
                longer.push(i as u16);
            } else if entry.contains(['*', '?', '[', '\\']) {
                component_globs.push((i as u16, entry));
            } else {
                plain.entry(entry).or_default().push(i as u16);
            }
        }
        let mut hits = Vec::new();
        let mut found: Vec<(u16, u32)> = Vec::new();
        for (file, f) in files.iter().enumerate() {
            found.clear();
            let mut start = 0usize;
            for component in f.path.split('/') {
                let end = (start + component.len()) as u32;
                let named = plain.get(component).into_iter().flatten().copied();
                let globbed = component_globs
                    .iter()
                    .filter(|(_, g)| !component.is_empty() && glob_component(g, component))
                    .map(|(i, _)| *i);
                for entry in named.chain(globbed) {
                    // The first (highest) match of an entry counts.
                    if !found.iter().any(|(e, _)| *e == entry) {
                        found.push((entry, end));
                    }
                }
                start += component.len() + 1;
            }
            for &entry in &longer {
                if let Some(at) = entry_match(catalogue[entry as usize].pattern, &f.path) {
                    found.push((entry, at as u32));
                }
            }
            found.sort_unstable();
            hits.extend(found.iter().map(|&(entry, at)| EntryHit {
                file: file as u32,
                entry,
                at,
            }));
        }
        EntryHits(hits)
    }
}

/// `a`, `b` and `c` as "`a`, `b`, `c`".
fn quoted(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `.env.example`, `.env.sample`...: templates meant to be shared, not secrets.
fn is_env_template(entry: &IgnoreEntry, path: &str) -> bool {
    entry.pattern.starts_with(".env")
        && [
            ".example",
            ".sample",
            ".template",
            ".dist",
            ".defaults",
            ".tpl",
        ]
        .iter()
        .any(|s| path.ends_with(s))
}

/// What should not ship, for this project: the generic entries (not the Dockerfile
/// itself, which is small and harmless), `.env` files, and the project's ecosystems'.
fn entries(uses: &Uses) -> Vec<&'static IgnoreEntry> {
    let mut out: Vec<&'static IgnoreEntry> = ALWAYS_IGNORE
        .iter()
        .filter(|e| !matches!(e.pattern, "Dockerfile*" | ".dockerignore"))
        .collect();
    out.extend(
        SECRET_PATTERNS
            .iter()
            .filter(|e| e.pattern.starts_with(".env")),
    );
    for id in &uses.ecosystems {
        for e in ecosystem(*id).dockerignore {
            let wanted = match e.when {
                IgnoreWhen::Always => true,
                IgnoreWhen::IfInstalledInImage => uses.installed.contains(id),
                IgnoreWhen::IfBuiltInImage => uses.built.contains(id),
                IgnoreWhen::Confirm => false,
            };
            if wanted && !out.iter().any(|o| o.pattern == e.pattern) {
                out.push(e);
            }
        }
    }
    out
}

fn uses(checker: &Checker) -> Uses {
    let mut uses = Uses::default();
    let add = |list: &mut Vec<EcosystemId>, id: EcosystemId| {
        if !list.contains(&id) {
            list.push(id);
        }
    };
    let manifests = checker.context.derived(ManifestEcosystems::find);
    for &id in manifests.iter().flat_map(|m| &m.0) {
        add(&mut uses.ecosystems, id);
    }
    for index in 0..checker.instructions().len() {
        let Some(script) = checker.script(index) else {
            continue;
        };
        for command in &script.commands {
            if let Some(label) = build_step(command) {
                if let Some(id) = built_ecosystem(label) {
                    add(&mut uses.built, id);
                    add(&mut uses.ecosystems, id);
                }
                continue;
            }
            let Some((program, args)) = invocation(command) else {
                continue;
            };
            if !installer(program) {
                continue;
            }
            let argv: Vec<&str> = args.iter().map(|w| w.value.as_str()).collect();
            if let Some(m) = ecosystem_for_install_command(program, &argv) {
                add(&mut uses.installed, m.ecosystem.id);
                add(&mut uses.ecosystems, m.ecosystem.id);
            }
        }
    }
    uses
}

/// Programs that may install a project's dependencies.
fn installer(program: &str) -> bool {
    matches!(
        program,
        "npm"
            | "pnpm"
            | "yarn"
            | "yarnpkg"
            | "poetry"
            | "uv"
            | "pipenv"
            | "pdm"
            | "go"
            | "cargo"
            | "bundle"
            | "bundler"
            | "composer"
            | "composer.phar"
            | "mvn"
            | "mvnw"
            | "gradle"
            | "gradlew"
            | "dotnet"
    ) || program.starts_with("pip")
        || program.starts_with("python")
}

fn built_ecosystem(label: &str) -> Option<EcosystemId> {
    let tool = label.split(' ').next().unwrap_or(label);
    Some(match tool {
        "npm" | "pnpm" | "yarn" | "tsc" => EcosystemId::Node,
        "go" => EcosystemId::Go,
        "cargo" => EcosystemId::Rust,
        "mvn" | "gradle" | "javac" => EcosystemId::Java,
        "dotnet" => EcosystemId::Dotnet,
        "pip" => EcosystemId::Python,
        _ => return None,
    })
}

/// The context paths `COPY`/`ADD` name explicitly (not `.`, not from a stage or URL).
fn named_sources<'a>(checker: &Checker<'a>) -> Vec<&'a str> {
    let mut out = Vec::new();
    for inst in checker.instructions() {
        if !matches!(
            inst.kind,
            crate::syntax::InstructionKind::Copy | crate::syntax::InstructionKind::Add
        ) || inst.flag("from").is_some()
        {
            continue;
        }
        let words: &[crate::syntax::Str] = match &inst.args {
            crate::syntax::Args::List(w) | crate::syntax::Args::Exec { items: w, .. } => w,
            _ => continue,
        };
        let Some((_, sources)) = words.split_last() else {
            continue;
        };
        for s in sources {
            let path = context_relative(&s.value);
            if !path.is_empty() && !path.contains("://") {
                out.push(path);
            }
        }
    }
    out
}

/// Whether `entry`, added to the `.dockerignore`, would hide one of the `named` sources, or
/// something inside one, from the build: that `COPY` would fail or copy less. Matched as
/// Docker matches (`**/dist` hides `sub/dist`; `*.log` only the root's logs); inside a
/// folder, against the context's files when they are known.
fn hides_named(checker: &Checker, entry: &str, named: &[&str]) -> bool {
    if named.is_empty() {
        return false;
    }
    let ignore = DockerIgnore::parse(entry);
    let known = checker.context.files().is_some();
    named.iter().any(|source| {
        ignore.is_ignored(source)
            || if known {
                checker
                    .context
                    .files_under(source)
                    .any(|(_, f)| ignore.is_ignored(&f.path))
            } else {
                // Without the file list: an entry for something inside the folder.
                entry
                    .trim_start_matches("**/")
                    .strip_prefix(*source)
                    .is_some_and(|rest| rest.starts_with('/'))
            }
    })
}

#[cfg(test)]
mod tests {
    use crate::rules::{analyze, Context};
    use crate::Settings;

    /// RULES.md §1: the worked example, with its build context, gets every tip.
    #[test]
    fn worked_example_gets_every_tip() {
        let src = "FROM node:latest\nWORKDIR /app\nCOPY . .\nRUN npm install\nCMD [\"node\", \"server.js\"]\n";
        let context = Context::default().with_files([
            ("package.json", 600),
            ("package-lock.json", 52_000),
            ("server.js", 1_200),
            ("node_modules/express/index.js", 224),
            (".git/HEAD", 23),
            (".env", 180),
            ("logs/app.log", 250_000),
        ]);
        let found = analyze(&crate::parse(src), &context, &Settings::default());
        let codes: Vec<&str> = found.iter().map(|d| d.code).collect();
        for code in ["SF101", "DL3007", "SF102", "SF107", "SF108"] {
            assert!(codes.contains(&code), "{code} missing: {codes:?}");
        }
        let sf107 = found.iter().find(|d| d.code == "SF107").unwrap();
        for entry in ["`node_modules`", "`.git`", "`.env`", "`logs/*`"] {
            assert!(sf107.message.contains(entry), "{}", sf107.message);
        }
    }
}
