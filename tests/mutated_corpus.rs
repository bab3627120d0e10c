#![allow(clippy::disallowed_methods, clippy::print_stderr)] // reads the corpus; says when it is absent
//! Real Dockerfiles, damaged the way hand edits and bad pastes damage them (lines cut,
//! doubled or swapped, characters dropped, pieces of syntax and non-ASCII text spliced in),
//! then checked and fixed with every rule and unsafe fixes on. No rule or fix may panic on
//! them, the fixed text must parse without new errors, and fixing it again changes nothing.
//! The number of files is bounded so CI time is too; `SLIMFILE_MUTATIONS=N` runs N rounds
//! over the sample for a longer hunt (in release mode), starting at round
//! `SLIMFILE_MUTATIONS_FROM` (0) and over the Dockerfiles below `SLIMFILE_MUTATIONS_CORPUS`
//! instead of the sample when set; `SLIMFILE_MUTATIONS_KEEP=DIR` writes each failing text
//! there, named by its seed.

use slimfile::{Context, FixOptions, LabelType, Linter, RuleSelector, Settings};

/// Pieces spliced into the files: syntax that changes how the rest is read, and text whose
/// byte and character positions differ.
const PIECES: &[&str] = &[
    "\\\n",
    "\"",
    "'",
    "`",
    "$",
    "${",
    "}",
    "\n",
    "\r\n",
    " && ",
    " || ",
    ";",
    "|",
    "&",
    "(",
    ")",
    "<<EOF\n",
    "\nEOF\n",
    "[\"",
    "\"]",
    "--mount=type=cache,target=/x ",
    "#",
    "é",
    "日本",
    "😀",
    "\u{a0}",
    "\t",
    "=",
    ":",
    "/",
    "*",
    "-y ",
    "apt-get install ",
    "RUN ",
    "FROM scratch\n",
    "COPY . .\n",
    "WORKDIR ",
    "USER root\n",
    "cd /tmp && ",
];

/// Findings that say the build fails, which no fix may add.
const BUILD_FAILURES: [&str; 2] = ["SF522", "SF524"];

/// A small deterministic generator (xorshift), so a failure names a seed that repeats it.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn char_boundary_at(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// One to three edits of `text`.
fn mutate(text: &str, rng: &mut Rng) -> String {
    let mut out = text.to_string();
    for _ in 0..=rng.below(3) {
        let lines: Vec<&str> = out.split_inclusive('\n').collect();
        out = match rng.below(6) {
            0 if lines.len() > 1 => {
                let cut = rng.below(lines.len());
                let mut l = lines.clone();
                l.remove(cut);
                l.concat()
            }
            1 if !lines.is_empty() => {
                let at = rng.below(lines.len());
                let mut l = lines.clone();
                l.insert(at, lines[at]);
                l.concat()
            }
            2 if lines.len() > 1 => {
                let (a, b) = (rng.below(lines.len()), rng.below(lines.len()));
                let mut l = lines.clone();
                l.swap(a, b);
                l.concat()
            }
            3 if !out.is_empty() => {
                let start = char_boundary_at(&out, rng.below(out.len()));
                let end = char_boundary_at(&out, start + 1 + rng.below(8));
                format!("{}{}", &out[..start], &out[end..])
            }
            _ => {
                let at = char_boundary_at(&out, rng.below(out.len() + 1));
                let piece = PIECES[rng.below(PIECES.len())];
                format!("{}{piece}{}", &out[..at], &out[at..])
            }
        };
    }
    out
}

/// Files a build context commonly holds, for the rules that read one (manifests,
/// credentials, what `.dockerignore` leaves in).
const CONTEXT_FILES: &[(&str, u64)] = &[
    ("package.json", 900),
    ("package-lock.json", 90_000),
    ("requirements.txt", 200),
    ("go.mod", 300),
    ("go.sum", 9_000),
    ("pom.xml", 4_000),
    ("Gemfile", 500),
    ("Gemfile.lock", 6_000),
    ("src/main.py", 2_000),
    ("src/index.js", 2_000),
    (".env", 120),
    ("id_rsa", 1_700),
    ("config/credentials.json", 300),
    ("node_modules/left-pad/index.js", 400),
    ("logs/app.log", 50_000),
    (".git/HEAD", 23),
    ("docker-entrypoint.sh", 600),
    ("app.tar.gz", 3_000_000),
];

/// Every other file gets a context (its own COPY/ADD sources among the common files) and,
/// every fourth, a `.dockerignore`.
fn context_for(text: &str, n: usize) -> Context {
    if n % 2 == 0 {
        return Context::default();
    }
    let mut files: Vec<(String, u64)> = CONTEXT_FILES
        .iter()
        .map(|(p, size)| (p.to_string(), *size))
        .collect();
    for line in text.lines() {
        let mut words = line.split_whitespace();
        let keyword = words.next().unwrap_or("").to_ascii_uppercase();
        if keyword == "COPY" || keyword == "ADD" {
            let sources: Vec<&str> = words.filter(|w| !w.starts_with("--")).collect();
            for source in sources.iter().take(sources.len().saturating_sub(1)) {
                let path = source.trim_start_matches("./").trim_end_matches('/');
                if !path.is_empty() && !path.contains(['*', '$', ':']) {
                    files.push((path.to_string(), 1_000));
                }
            }
        }
    }
    let context = Context::default().with_files(files);
    if n % 4 == 1 {
        context.with_dockerignore("node_modules\n*.log\n!.env\n")
    } else {
        context
    }
}

#[test]
fn damaged_real_files_are_checked_and_fixed_without_panics() {
    let files = match std::env::var_os("SLIMFILE_MUTATIONS_CORPUS") {
        Some(dir) => slimfile_tests::files_below(std::path::Path::new(&dir))
            .into_iter()
            .filter_map(|p| std::fs::read(&p).ok().map(|b| (p, b)))
            .collect(),
        None => slimfile_tests::sample_files(),
    };
    if files.is_empty() {
        eprintln!("no corpus: skipped");
        return;
    }
    let mut settings = Settings::default();
    settings.select = vec![RuleSelector::All];
    // A label schema of every type, so that the label rules read the damaged labels too.
    settings.label_schema = [
        ("maintainer", LabelType::Email),
        ("org.opencontainers.image.source", LabelType::Url),
        ("org.opencontainers.image.created", LabelType::Rfc3339),
        ("org.opencontainers.image.licenses", LabelType::Spdx),
        ("org.opencontainers.image.revision", LabelType::Hash),
        ("org.opencontainers.image.version", LabelType::Semver),
        ("description", LabelType::Text),
    ]
    .into_iter()
    .map(|(name, kind)| (name.to_string(), kind))
    .collect();
    settings.strict_labels = true;
    let linter = Linter::new(settings);
    let options = FixOptions {
        unsafe_fixes: true,
        ..FixOptions::default()
    };
    let rounds: usize = std::env::var("SLIMFILE_MUTATIONS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    let first: usize = std::env::var("SLIMFILE_MUTATIONS_FROM")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    // Without the variable: every 8th file once, about 500 files.
    let (step, rounds) = if rounds == 0 { (8, 1) } else { (1, rounds) };
    let mut failures = Vec::new();
    for round in first..first + rounds {
        for (n, (path, bytes)) in files.iter().enumerate().step_by(step) {
            let Ok(text) = std::str::from_utf8(bytes) else {
                continue;
            };
            let seed = (round * files.len() + n) as u64 * 0x9E37_79B9 + 1;
            let damaged = mutate(text, &mut Rng(seed));
            let context = context_for(&damaged, n + round);
            let outcome = std::panic::catch_unwind(|| {
                let found = linter
                    .check(&damaged, &context)
                    .map_err(|e| e.to_string())?;
                let fixed = linter
                    .fix(&damaged, &context, &options)
                    .map_err(|e| e.to_string())?;
                let before = slimfile::parse(&damaged).errors.len();
                let after = slimfile::parse(&fixed.text).errors.len();
                if after > before {
                    return Err(format!("the fix added parse errors ({before} -> {after})"));
                }
                // What makes the build fail, checked on the rewritten file with the
                // `.dockerignore` the fixes wrote: a source a COPY no longer finds
                // (SF522), a script the shell cannot read (SF524).
                for code in BUILD_FAILURES {
                    let count =
                        |d: &[slimfile::Diagnostic]| d.iter().filter(|d| d.code == code).count();
                    let (was, is) = (count(&found), count(&fixed.remaining));
                    if is > was {
                        let what: Vec<&str> = fixed
                            .remaining
                            .iter()
                            .filter(|d| d.code == code)
                            .map(|d| d.message.as_str())
                            .collect();
                        return Err(format!("the fix added {code} ({was} -> {is}): {what:?}"));
                    }
                }
                let again = linter
                    .fix(&fixed.text, &context, &options)
                    .map_err(|e| e.to_string())?;
                if fixed.converged && again.text != fixed.text {
                    return Err("fixing the fixed text changed it".to_string());
                }
                Ok(())
            });
            let problem = match outcome {
                Ok(Ok(())) => continue,
                Ok(Err(problem)) => problem,
                Err(_) => "panicked".to_string(),
            };
            failures.push(format!("{} (seed {seed}): {problem}", path.display()));
            if let Some(dir) = std::env::var_os("SLIMFILE_MUTATIONS_KEEP") {
                let kept = std::path::Path::new(&dir).join(format!("{seed}.Dockerfile"));
                std::fs::write(&kept, &damaged).expect("the directory to keep failures in");
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
