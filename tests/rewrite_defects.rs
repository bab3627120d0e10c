//! The rewrite over the sample, every fix on, read the way a reviewer reads it: each class
//! of defect a rewrite must never introduce is counted on the rewritten files, and every
//! count must be 0.
//!
//! The counter is written here, on the parser's public view only, independently of the
//! models the rewrite checks itself with: a defect the models miss still shows here.
//! - **slim switches with missing programs**: a stage whose base became a `-slim`,
//!   `-alpine` or `-jre` variant runs `curl`, `wget`, `git`, `make`, `gcc`... that the
//!   variant lacks and that the stage does not install;
//! - **splits with undefined variables or missing sources**: a runtime stage a split added
//!   uses a variable it does not define, or copies from the builder a path the builder never
//!   makes;
//! - **flags the image's tool version lacks**, added by the rewrite: `apk add --no-cache`
//!   before Alpine 3.3, npm `--omit` before npm 7 (Node < 15), pip `--no-cache-dir` on a
//!   distribution's pip 1.x, Poetry `--only` with a pinned Poetry before 1.2;
//! - **Windows merges**: fewer `RUN`s after the rewrite in a Windows image;
//! - **shell syntax errors**: the shell-form `RUN` scripts of the original all pass
//!   `sh -n` (the shell BuildKit runs them with reads them without running them) and the
//!   rewritten ones do not (a merge that leaves `echo hi; && next`);
//! - **commands after `exit`**: more `exit ... &&` or `exec ... &&` at the top of a
//!   rewritten script than in the original (a merge that never runs what follows);
//! - **root's work as another user**: more package-manager runs or removals of their
//!   caches without `sudo`, in `RUN`s that use `sudo` after a `USER` that is not root (a
//!   cleanup appended without the `sudo` the install had, an `apt-get update` moved past
//!   `USER app`);
//! - **commands under a replaced shell**: more commands in the same `RUN` after one that
//!   puts another shell at `/bin/sh` (they run under the old shell, where they ran under
//!   the new one in the next `RUN`), leaving out removals and cache cleans, which any
//!   shell runs alike.
//!
//! `SLIMFILE_DEFECTS_DEV=<dir>` also runs it over the dev corpus (`dev/` unpacked), and
//! `SLIMFILE_DEFECTS_PAIRS=<originals>:<rewritten>` counts pairs another build wrote
//! (`<rewritten>/<path>.out`), for before/after numbers.

#![allow(clippy::disallowed_methods, clippy::print_stdout)] // reads the corpus, prints the tally

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use slimfile::syntax::{Args, Instruction, InstructionKind};
use slimfile::{Context, FixOptions, Linter, Settings};
use slimfile_tests::{corpus_dir, files_below};

/// The classes counted.
const CLASSES: [&str; 10] = [
    "slim switch with missing programs",
    "split with undefined variables",
    "split with missing sources",
    "flag the tool version lacks",
    "Windows merge",
    "shell syntax error",
    "command after exit",
    "fixing again changes the file",
    "root's work as another user",
    "command under a replaced shell",
];

#[derive(Default, Debug)]
struct Tally {
    files: usize,
    slim_switches: usize,
    splits: usize,
    counts: BTreeMap<&'static str, usize>,
    examples: BTreeMap<&'static str, Vec<String>>,
}

impl Tally {
    fn add(&mut self, class: &'static str, file: &str, what: String) {
        *self.counts.entry(class).or_default() += 1;
        let list = self.examples.entry(class).or_default();
        if list.len() < 30 {
            list.push(format!("{file}: {what}"));
        }
    }

    fn print(&self, title: &str) {
        println!(
            "{title}: {} files, {} with a slim switch, {} with a stage split",
            self.files, self.slim_switches, self.splits
        );
        for class in CLASSES {
            println!(
                "  {class}: {}",
                self.counts.get(class).copied().unwrap_or(0)
            );
            for e in self.examples.get(class).into_iter().flatten() {
                println!("    {e}");
            }
        }
    }

    fn total(&self) -> usize {
        self.counts.values().sum()
    }
}

struct Stage<'a> {
    image: String,
    name: Option<String>,
    insts: Vec<&'a Instruction>,
}

fn stages<'a>(df: &'a slimfile::syntax::Dockerfile) -> Vec<Stage<'a>> {
    let mut out: Vec<Stage> = Vec::new();
    for inst in df.instructions() {
        if inst.kind == InstructionKind::From {
            let words: Vec<&str> = match &inst.args {
                Args::List(w) => w.iter().map(|s| s.value.as_str()).collect(),
                _ => Vec::new(),
            };
            out.push(Stage {
                image: words
                    .first()
                    .map(|s| s.to_ascii_lowercase())
                    .unwrap_or_default(),
                name: (words.len() >= 3 && words[1].eq_ignore_ascii_case("as"))
                    .then(|| words[2].to_ascii_lowercase()),
                insts: vec![inst],
            });
        } else if let Some(s) = out.last_mut() {
            s.insts.push(inst);
        }
    }
    out
}

/// The commands of a shell text: each as its words, split at `&&`, `||`, `;`, `|`, newlines.
fn commands(text: &str) -> Vec<Vec<String>> {
    let joined = text.replace("\\\n", " ");
    // Comments (`#` after white space, outside quotes) end the line; an escaped backtick is
    // a character, not a command substitution.
    let mut clean = String::new();
    for line in joined.lines() {
        let (mut single, mut double, mut prev) = (false, false, ' ');
        for c in line.chars() {
            match c {
                '\'' if !double => single = !single,
                '"' if !single && prev != '\\' => double = !double,
                '#' if !single && !double && prev.is_whitespace() => break,
                '`' if prev == '\\' => {
                    clean.pop();
                    clean.push(' ');
                    prev = ' ';
                    continue;
                }
                _ => {}
            }
            clean.push(c);
            prev = c;
        }
        clean.push('\n');
    }
    let mut out = Vec::new();
    for part in clean.split(['\n', ';', '|', '&', '(', ')', '{', '}', '`']) {
        let words: Vec<String> = part
            .split_whitespace()
            .map(|w| w.trim_matches(['"', '\'']).to_string())
            .collect();
        let mut at = 0;
        while at < words.len()
            && (matches!(
                words[at].as_str(),
                "sudo" | "env" | "exec" | "then" | "else" | "do" | "if" | "!" | "time" | "nohup"
            ) || (words[at].contains('=') && !words[at].starts_with('-')))
        {
            at += 1;
        }
        if at < words.len() {
            out.push(words[at..].to_vec());
        }
    }
    out
}

fn run_text(df: &slimfile::syntax::Dockerfile, inst: &Instruction) -> String {
    let mut text = match &inst.args {
        Args::Shell(s) => s.value.to_string(),
        // The exec form runs its items as one command; a shell given `-c` runs the next one.
        Args::Exec { items, .. } => match items.as_slice() {
            [shell, c, script, ..] if c.value == "-c" && shell.value.ends_with("sh") => {
                script.value.to_string()
            }
            items => items
                .iter()
                .map(|i| i.value.as_str())
                .collect::<Vec<_>>()
                .join(" "),
        },
        Args::Healthcheck { command, .. } => match &**command {
            Args::Shell(s) => s.value.to_string(),
            Args::Exec { items, .. } => items
                .iter()
                .skip_while(|i| i.value == "CMD" || i.value == "CMD-SHELL")
                .map(|s| s.value.as_str())
                .collect::<Vec<_>>()
                .join(" "),
            _ => String::new(),
        },
        _ => String::new(),
    };
    for h in &inst.heredocs {
        text.push('\n');
        text.push_str(df.text(h.body));
    }
    text
}

/// What a slim variant lacks that the full image has, by the variant's kind.
fn lacks(image: &str) -> Option<&'static [&'static str]> {
    const DEBIAN_SLIM: &[&str] = &[
        "curl",
        "wget",
        "git",
        "make",
        "gcc",
        "g++",
        "cc",
        "ssh",
        "scp",
        "unzip",
        "gpg",
        "bzip2",
        "xz",
        "file",
        "patch",
        "svn",
        "hg",
        "ps",
        "pkill",
        "convert",
        "identify",
        "autoconf",
        "automake",
        "libtool",
        "pkg-config",
    ];
    const ALPINE: &[&str] = &[
        "curl",
        "git",
        "make",
        "gcc",
        "g++",
        "cc",
        "ssh",
        "scp",
        "gpg",
        "bash",
        "file",
        "svn",
        "hg",
        "convert",
        "identify",
        "autoconf",
        "automake",
        "libtool",
        "pkg-config",
    ];
    const JRE: &[&str] = &[
        "javac", "jar", "jlink", "jshell", "jdeps", "objcopy", "strip",
    ];
    let (name, tag) = image.rsplit_once(':').unwrap_or((image, ""));
    // `debian:<suite>-slim` drops documentation and locales, not programs.
    if matches!(name, "debian" | "ubuntu") {
        return None;
    }
    if tag.contains("alpine") {
        Some(ALPINE)
    } else if tag.contains("slim") {
        Some(DEBIAN_SLIM)
    } else if tag.contains("jre") {
        Some(JRE)
    } else {
        None
    }
}

/// The package names that provide a program.
fn packages_of(program: &str) -> &'static [&'static str] {
    match program {
        "ssh" | "scp" => &["openssh-client", "openssh", "openssh-clients"],
        "gpg" => &["gnupg", "gnupg2", "gpg"],
        "xz" => &["xz-utils", "xz"],
        "ps" | "pkill" => &["procps", "procps-ng"],
        "convert" | "identify" => &["imagemagick"],
        "svn" => &["subversion"],
        "hg" => &["mercurial"],
        "gcc" | "g++" | "cc" | "make" => &["build-essential", "build-base", "alpine-sdk"],
        "javac" | "jar" => &["openjdk"],
        _ => &[],
    }
}

fn installs(words: &[String]) -> Option<&[String]> {
    let pm = words.first()?.rsplit('/').next()?;
    let verb_at = words
        .iter()
        .position(|w| matches!(w.as_str(), "install" | "add"))?;
    matches!(pm, "apt-get" | "apt" | "apk" | "yum" | "dnf" | "microdnf")
        .then(|| &words[verb_at + 1..])
}

fn count_file(name: &str, before: &str, after: &str, tally: &mut Tally) {
    tally.files += 1;
    let (b, a) = (slimfile::parse(before), slimfile::parse(after));
    let (bs, as_) = (stages(&b.dockerfile), stages(&a.dockerfile));
    let bdf = &b.dockerfile;
    let adf = &a.dockerfile;

    // Slim switches: a stage whose image became a smaller variant of the same image.
    let variant = |image: &str| {
        let tag = image.rsplit_once(':').map_or("", |(_, t)| t);
        tag.contains("slim")
            || tag.contains("alpine")
            || tag.contains("jre")
            || tag.contains("curl")
    };
    if as_.len() == bs.len()
        && as_.iter().zip(&bs).any(|(x, y)| {
            x.image != y.image
                && variant(&x.image)
                && !variant(&y.image)
                && x.image.split(':').next() == y.image.split(':').next()
        })
    {
        tally.slim_switches += 1;
    }
    for (i, stage) in as_.iter().enumerate() {
        let Some(lack) = lacks(&stage.image) else {
            continue;
        };
        // The same stage on another variant of the same image, or the runtime stage of a split.
        let same_count = as_.len() == bs.len();
        let new_here = if same_count {
            bs.get(i).is_some_and(|w| {
                w.image != stage.image
                    && lacks(&w.image).is_none()
                    && w.image.split(':').next() == stage.image.split(':').next()
            })
        } else {
            i + 1 == as_.len()
        };
        if !new_here {
            continue;
        }
        // This stage and the stages built on it.
        let stage_name = stage.name.clone();
        let mut family: Vec<&Stage> = vec![stage];
        for s in &as_[i + 1..] {
            if stage_name.as_deref().is_some_and(|n| s.image == n) {
                family.push(s);
            }
        }
        let mut installed: Vec<String> = Vec::new();
        for s in family {
            for inst in &s.insts {
                if !matches!(
                    inst.kind,
                    InstructionKind::Run
                        | InstructionKind::Cmd
                        | InstructionKind::Entrypoint
                        | InstructionKind::Healthcheck
                ) {
                    continue;
                }
                for words in commands(&run_text(adf, inst)) {
                    if let Some(pkgs) = installs(&words) {
                        installed.extend(pkgs.iter().cloned());
                        continue;
                    }
                    let program = words[0].rsplit('/').next().unwrap_or("").to_string();
                    if !lack.contains(&program.as_str()) || words[0].starts_with('.') {
                        continue;
                    }
                    let have = installed.iter().any(|p| {
                        let p = p.split(['=', ':']).next().unwrap_or(p);
                        p == program || packages_of(&program).contains(&p)
                    });
                    if !have {
                        tally.add(
                            CLASSES[0],
                            name,
                            format!("`{program}` on `{}`", stage.image),
                        );
                    }
                }
            }
        }
    }

    // Splits: the stages the rewrite added.
    if as_.len() > bs.len() {
        tally.splits += 1;
        let runtime = &as_[as_.len() - 1];
        let base_env = [
            "PATH",
            "HOME",
            "HOSTNAME",
            "NODE_VERSION",
            "YARN_VERSION",
            "PYTHON_VERSION",
            "LANG",
            "JAVA_HOME",
            "GOPATH",
            "GEM_HOME",
            "BUNDLE_APP_CONFIG",
            "RUBY_VERSION",
            "PHP_VERSION",
            "JAVA_VERSION",
            "GOLANG_VERSION",
            "RUSTUP_HOME",
            "CARGO_HOME",
            "PYTHON_PIP_VERSION",
            "TARGETPLATFORM",
            "TARGETOS",
            "TARGETARCH",
            "BUILDPLATFORM",
        ];
        let mut defined: Vec<String> = Vec::new();
        for inst in &runtime.insts {
            let texts = expanded_texts(inst);
            // The same instruction in the original (same kind, same values: `ENV X $X` and
            // `ENV X=$X` alike), when the runtime stage repeats one.
            let original_at = bdf
                .instructions()
                .iter()
                .position(|o| o.kind == inst.kind && expanded_texts(o) == texts);
            for t in &texts {
                for var in vars_in(t) {
                    // Undefined in the original file too: not the split's doing. Where the
                    // runtime stage repeats an instruction of the original, only what the
                    // original defined before that instruction counts: Docker expands an
                    // undefined variable to the empty string, so `ENV P=/x:$P` with no `P`
                    // before it gives `/x:` in both files.
                    let earlier = &bdf.instructions()[..original_at
                        .unwrap_or(usize::MAX)
                        .min(bdf.instructions().len())];
                    let defined_before = earlier.iter().any(|i| match (&i.kind, &i.args) {
                        (InstructionKind::Env, Args::KeyValues(kv)) => {
                            kv.iter().any(|k| k.key.value == var)
                        }
                        (InstructionKind::Arg, Args::Words(w)) => w
                            .iter()
                            .any(|s| s.value.split('=').next() == Some(var.as_str())),
                        _ => false,
                    });
                    if !defined.contains(&var)
                        && !base_env.contains(&var.as_str())
                        && defined_before
                    {
                        tally.add(CLASSES[1], name, format!("`${var}`"));
                    }
                }
            }
            match (&inst.kind, &inst.args) {
                (InstructionKind::Env, Args::KeyValues(kv)) => {
                    defined.extend(kv.iter().map(|k| k.key.value.to_string()))
                }
                (InstructionKind::Arg, Args::Words(w)) => defined.extend(
                    w.iter()
                        .map(|s| s.value.split('=').next().unwrap_or("").to_string()),
                ),
                _ => {}
            }
        }
        // Sources copied from the builder must be made there.
        let builder = &as_[as_.len() - 2];
        let mut made: Vec<String> = Vec::new();
        let mut workdir = String::from("/");
        let mut run_texts = String::new();
        let mut values: Vec<(String, String)> = Vec::new();
        // What the official golang image sets.
        if builder.image.starts_with("golang") {
            values.push(("GOPATH".into(), "/go".into()));
        }
        let subst = |text: &str, values: &[(String, String)]| -> String {
            let mut out = text.to_string();
            for (k, v) in values.iter().rev() {
                out = out
                    .replace(&format!("${{{k}}}"), v)
                    .replace(&format!("${k}"), v);
            }
            out
        };
        for inst in &builder.insts {
            match (&inst.kind, &inst.args) {
                (InstructionKind::Env, Args::KeyValues(kv)) => {
                    for k in kv {
                        let v = subst(k.value.value.trim_matches('"'), &values);
                        values.push((k.key.value.to_string(), v));
                    }
                }
                (InstructionKind::Workdir, Args::Text(t)) => {
                    let t = subst(&t.value, &values);
                    workdir = if t.starts_with('/') {
                        t
                    } else {
                        format!("{}/{}", workdir.trim_end_matches('/'), t)
                    };
                    made.push(workdir.clone());
                }
                (InstructionKind::Copy | InstructionKind::Add, Args::List(w)) => {
                    if let Some(dest) = w.last() {
                        let dest = subst(&dest.value, &values);
                        let d = if dest.starts_with('/') {
                            dest
                        } else {
                            format!(
                                "{}/{}",
                                workdir.trim_end_matches('/'),
                                dest.trim_start_matches("./")
                            )
                        };
                        made.push(d.trim_end_matches(['/', '.']).to_string());
                    }
                }
                (InstructionKind::Run, _) => {
                    // With the `ENV` values in force: `mkdir -p ${DIST}` names the path.
                    run_texts.push_str(&subst(&run_text(adf, inst), &values));
                    run_texts.push('\n');
                }
                _ => {}
            }
        }
        let builder_name = builder.name.clone().unwrap_or_default();
        for inst in &runtime.insts {
            if inst.kind != InstructionKind::Copy
                || inst
                    .flag("from")
                    .and_then(|f| f.value())
                    .map(str::to_ascii_lowercase)
                    != Some(builder_name.clone())
            {
                continue;
            }
            let Args::List(words) = &inst.args else {
                continue;
            };
            for src in &words[..words.len().saturating_sub(1)] {
                let src = src.value.as_str();
                let abs = if src.starts_with('/') {
                    src.to_string()
                } else {
                    format!("{}/{src}", workdir.trim_end_matches('/'))
                };
                // Every distribution's base files have the user and group databases;
                // only an empty (`scratch`) builder lacks them.
                let os_file = matches!(abs.as_str(), "/etc/passwd" | "/etc/group")
                    && root_image(&as_, as_.len() - 2) != "scratch";
                let under_made = os_file
                    || made.iter().any(|m| {
                        abs == *m
                            || abs.starts_with(&format!("{}/", m.trim_end_matches('/')))
                            || m.is_empty()
                    });
                let named_in_run = run_texts.contains(&abs)
                    || run_texts.split_whitespace().any(|w| {
                        !w.is_empty()
                            && w.len() > 1
                            && abs.ends_with(&format!("/{}", w.trim_start_matches("./")))
                            && run_texts.contains(" -o ")
                    })
                    || (abs.starts_with("/go/bin/") && run_texts.contains("go install"))
                    || (abs.starts_with("/usr/local/cargo/bin/")
                        && run_texts.contains("cargo install"));
                if !under_made && !named_in_run {
                    tally.add(CLASSES[2], name, format!("`{abs}`"));
                }
            }
        }
    }

    // Flags added where the tool's version lacks them, judged by the image of the stage
    // that runs the command (a stage built on another stage has that stage's image): the
    // first `FROM` says nothing about the RUNs of a later stage on another image.
    let count_in = |df: &slimfile::syntax::Dockerfile,
                    stages: &[Stage],
                    image: &str,
                    needle: &str,
                    program: &str|
     -> usize {
        stages
            .iter()
            .enumerate()
            .filter(|(i, _)| root_image(stages, *i) == image)
            .flat_map(|(_, s)| s.insts.iter())
            .filter(|i| i.kind == InstructionKind::Run)
            .flat_map(|i| commands(&run_text(df, i)))
            .filter(|w| {
                w.first().map(|p| p.rsplit('/').next().unwrap_or("")) == Some(program)
                    || (program == "pip" && w.first().is_some_and(|p| p.starts_with("pip")))
            })
            .filter(|w| {
                w.iter()
                    .any(|x| x == needle || x.starts_with(&format!("{needle}=")))
            })
            .count()
    };
    let mut images: Vec<String> = (0..as_.len()).map(|i| root_image(&as_, i)).collect();
    images.sort();
    images.dedup();
    let old_poetry = [
        "poetry==1.0",
        "poetry==1.1",
        "POETRY_VERSION=1.0",
        "POETRY_VERSION=1.1",
        "POETRY_VERSION 1.1",
        "POETRY_VERSION 1.0",
    ]
    .iter()
    .any(|p| before.contains(p));
    let pip_upgraded = before.contains("get-pip")
        || before.contains("easy_install pip")
        || before.contains("conda install")
        || b.dockerfile
            .instructions()
            .iter()
            .filter(|i| i.kind == InstructionKind::Run)
            .flat_map(|i| commands(&run_text(bdf, i)))
            .any(|w| {
                w.first().is_some_and(|p| p.starts_with("pip"))
                    && w.iter().any(|x| x == "install")
                    && w.iter().any(|x| x == "pip" || x.starts_with("pip=="))
            });
    for image in &images {
        let (img, tag) = image.split_once(':').unwrap_or((image.as_str(), "latest"));
        let numbers: Vec<u32> = tag
            .split(|c: char| !c.is_ascii_digit())
            .filter(|s| !s.is_empty())
            .take(2)
            .filter_map(|s| s.parse().ok())
            .collect();
        let old_alpine = img == "alpine" && matches!(numbers.as_slice(), [2, ..] | [3, 0..=2]);
        let old_node = img == "node"
            && (tag.starts_with("0.") || numbers.first().is_some_and(|m| *m < 15))
            && !tag.starts_with("lts")
            && !tag.starts_with("latest");
        let old_pip = matches!(
            (img, tag),
            ("ubuntu", "14.04" | "trusty" | "12.04" | "precise")
                | ("debian", "jessie" | "8" | "wheezy" | "7")
        ) && !pip_upgraded;
        let mut flag = |cond: bool, needle: &str, program: &str, what: &str| {
            if cond
                && count_in(adf, &as_, image, needle, program)
                    > count_in(bdf, &bs, image, needle, program)
            {
                tally.add(CLASSES[3], name, what.to_string());
            }
        };
        flag(
            old_alpine,
            "--no-cache",
            "apk",
            "`apk add --no-cache` before Alpine 3.3",
        );
        flag(old_node, "--omit", "npm", "npm `--omit` before npm 7");
        flag(
            old_pip,
            "--no-cache-dir",
            "pip",
            "pip `--no-cache-dir` on pip 1.x",
        );
        flag(
            old_poetry,
            "--only",
            "poetry",
            "`poetry install --only` before Poetry 1.2",
        );
    }

    // Shell syntax: checked only where the rewrite changed a script.
    if run_scripts(adf) != run_scripts(bdf)
        && !bdf
            .instructions()
            .iter()
            .any(|i| i.kind == InstructionKind::Shell)
        && shell_accepts(bdf) == Some(true)
        && shell_accepts(adf) == Some(false)
    {
        tally.add(CLASSES[5], name, "a RUN script `sh -n` rejects".to_string());
    }

    // Commands joined after an `exit` or `exec` of the same shell never run.
    let ended = |df: &slimfile::syntax::Dockerfile| {
        run_scripts(df)
            .iter()
            .map(|s| ends_shell_then_continues(s))
            .sum::<usize>()
    };
    if ended(adf) > ended(bdf) {
        tally.add(
            CLASSES[6],
            name,
            "a command after `exit` or `exec`".to_string(),
        );
    }

    if root_work_as_user(adf) > root_work_as_user(bdf) {
        tally.add(
            CLASSES[8],
            name,
            "a package manager or cache removal without sudo after USER".to_string(),
        );
    }
    if after_shell_replacement(adf) > after_shell_replacement(bdf) {
        tally.add(
            CLASSES[9],
            name,
            "a command after /bin/sh is replaced in the same RUN".to_string(),
        );
    }

    // Windows merges.
    let windows = bs.iter().any(|s| {
        let i = &s.image;
        i.contains("windowsservercore")
            || i.starts_with("mcr.microsoft.com/windows")
            || i.starts_with("microsoft/windows")
            || i.contains("nanoserver")
            || i.contains("servercore")
            || i.contains("microsoft/iis")
            || i.contains("dotnet-framework")
            || i.contains("dotnet/framework")
    }) || before.contains("powershell.exe")
        || before.lines().any(|l| {
            l.trim_start()
                .to_ascii_uppercase()
                .starts_with("WORKDIR C:")
                || l.trim_start().starts_with("RUN choco ")
        });
    if windows {
        let runs = |df: &slimfile::syntax::Dockerfile| {
            df.instructions()
                .iter()
                .filter(|i| i.kind == InstructionKind::Run)
                .count()
        };
        if runs(adf) < runs(bdf) {
            tally.add(
                CLASSES[4],
                name,
                format!("{} RUNs → {}", runs(bdf), runs(adf)),
            );
        }
    }
}

/// The commands of a script as their words, `sudo` kept (unlike [`commands`]), after
/// `VAR=value` prefixes.
fn commands_as_written(text: &str) -> Vec<Vec<String>> {
    text.replace("\\\n", " ")
        .split(['\n', ';', '|', '&', '(', ')', '{', '}', '`'])
        .map(|part| {
            part.split_whitespace()
                .map(|w| w.trim_matches(['"', '\'']).to_string())
                .skip_while(|w| w.contains('=') && !w.starts_with('-'))
                .collect::<Vec<_>>()
        })
        .filter(|words| !words.is_empty())
        .collect()
}

/// Package-manager runs and removals of their caches, without `sudo`, in the `RUN`s after
/// a `USER` other than root in the same stage.
fn root_work_as_user(df: &slimfile::syntax::Dockerfile) -> usize {
    const MANAGERS: [&str; 7] = ["apt-get", "apt", "yum", "dnf", "microdnf", "zypper", "apk"];
    let mut count = 0;
    for stage in stages(df) {
        let mut user = String::new();
        for inst in &stage.insts {
            match inst.kind {
                InstructionKind::User => {
                    user = match &inst.args {
                        Args::Text(t) => t.value.trim().trim_matches(['"', '\'']).to_string(),
                        _ => String::new(),
                    };
                }
                InstructionKind::Run => {
                    let name = user.split(':').next().unwrap_or("");
                    // A user from a variable is not known; a `RUN` without `sudo` that runs a
                    // package manager as the user fails before and after the rewrite alike.
                    let commands = commands_as_written(&run_text(df, inst));
                    if matches!(name, "" | "root" | "0")
                        || name.contains('$')
                        || !commands.iter().any(|w| w[0] == "sudo")
                    {
                        continue;
                    }
                    for words in commands {
                        let program = words[0].rsplit('/').next().unwrap_or("");
                        let root_work = MANAGERS.contains(&program)
                            || (program == "rm"
                                && words.iter().any(|w| {
                                    w.starts_with("/var/lib/apt") || w.starts_with("/var/cache/")
                                }));
                        count += usize::from(root_work);
                    }
                }
                _ => {}
            }
        }
    }
    count
}

/// Commands in the same `RUN` after one that replaces `/bin/sh`, but removals and cache
/// cleans.
fn after_shell_replacement(df: &slimfile::syntax::Dockerfile) -> usize {
    const REPLACERS: [&str; 5] = ["ln", "mv", "cp", "rm", "update-alternatives"];
    let mut count = 0;
    for inst in df.instructions() {
        if inst.kind != InstructionKind::Run {
            continue;
        }
        let mut replaced = false;
        for words in commands(&run_text(df, inst)) {
            if replaced && words[0] != "rm" && !words.iter().any(|w| w == "clean") {
                count += 1;
            }
            replaced |= REPLACERS.contains(&words[0].as_str())
                && words.iter().any(|w| w == "/bin/sh" || w == "/usr/bin/sh");
        }
    }
    count
}

/// The shell-form `RUN` scripts without heredocs, as BuildKit hands them to the shell.
fn run_scripts(df: &slimfile::syntax::Dockerfile) -> Vec<&str> {
    df.instructions()
        .iter()
        .filter(|i| i.kind == InstructionKind::Run && i.heredocs.is_empty())
        .filter_map(|i| match &i.args {
            Args::Shell(s) => Some(s.value.as_str()),
            _ => None,
        })
        .collect()
}

/// How many times a script runs `exit` or `exec` at its top level (not inside `( )`) and
/// then joins another command with `&&`.
fn ends_shell_then_continues(script: &str) -> usize {
    // Quoted text (`bash -c "...; exit 0"`) is another shell's, or no command at all.
    let mut unquoted = String::with_capacity(script.len());
    let mut quote: Option<char> = None;
    for c in script.chars() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '"' || c == '\'' => {
                quote = Some(c);
                unquoted.push('Q');
            }
            None => unquoted.push(c),
        }
    }
    let words: Vec<&str> = unquoted.split_whitespace().collect();
    let mut depth = 0i32;
    let mut count = 0;
    for (i, w) in words.iter().enumerate() {
        let at_command_start =
            i == 0 || matches!(words[i - 1], "&&" | ";" | "|") || words[i - 1].ends_with(';');
        if depth == 0 && at_command_start && matches!(*w, "exit" | "exec") {
            let next_op = words[i + 1..]
                .iter()
                .take_while(|x| !x.contains(['(', ')']))
                .find(|x| matches!(**x, "&&" | ";" | "||") || x.ends_with(';'));
            if next_op.is_some_and(|op| *op == "&&") {
                count += 1;
            }
        }
        depth += w.matches('(').count() as i32 - w.matches(')').count() as i32;
    }
    count
}

/// Whether `sh -n` accepts every script of [`run_scripts`], each in its own `{ }` group;
/// `None` when there is no `sh` to ask.
fn shell_accepts(df: &slimfile::syntax::Dockerfile) -> Option<bool> {
    use std::io::Write;
    let mut text = String::new();
    for script in run_scripts(df) {
        text.push_str("{\n");
        text.push_str(script);
        text.push_str("\n}\n");
    }
    let mut child = std::process::Command::new("sh")
        .arg("-n")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .ok()?;
    child.stdin.take()?.write_all(text.as_bytes()).ok()?;
    Some(child.wait().ok()?.success())
}

/// The texts of an instruction that the builder expands variables in.
fn expanded_texts(inst: &Instruction) -> Vec<String> {
    match (&inst.kind, &inst.args) {
        (
            InstructionKind::Copy
            | InstructionKind::Add
            | InstructionKind::Expose
            | InstructionKind::Volume,
            Args::List(w),
        ) => w.iter().map(|s| s.value.to_string()).collect(),
        (InstructionKind::Workdir | InstructionKind::User, Args::Text(t)) => {
            vec![t.value.to_string()]
        }
        // The key too, so that `ENV A=$X` is not taken for `ENV B=$X`.
        (InstructionKind::Env | InstructionKind::Label, Args::KeyValues(kv)) => kv
            .iter()
            .map(|k| format!("{}={}", k.key.value, k.value.value))
            .collect(),
        _ => Vec::new(),
    }
}

/// The image a stage is built on, through the stages it names.
fn root_image(stages: &[Stage], mut i: usize) -> String {
    for _ in 0..stages.len() {
        let image = &stages[i].image;
        match stages[..i]
            .iter()
            .rposition(|s| s.name.as_deref() == Some(image.as_str()))
        {
            Some(parent) => i = parent,
            None => return image.clone(),
        }
    }
    stages[i].image.clone()
}

fn vars_in(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' {
            i += 2;
            continue;
        }
        if b[i] == b'$' {
            let braced = b.get(i + 1) == Some(&b'{');
            let start = i + 1 + usize::from(braced);
            let len = b[start.min(b.len())..]
                .iter()
                .take_while(|c| c.is_ascii_alphanumeric() || **c == b'_')
                .count();
            if len > 0 && !b[start].is_ascii_digit() {
                let rest = &text[start + len..];
                // `${X:-default}`: the author expected it may be unset.
                if !(braced && (rest.starts_with(":-") || rest.starts_with('-'))) {
                    out.push(text[start..start + len].to_string());
                }
            }
            i = start + len;
            continue;
        }
        i += 1;
    }
    out
}

fn rewrite_and_count(files: &[(String, String)], tally: &mut Tally) {
    let linter = Linter::new(Settings::default());
    let options = FixOptions {
        unsafe_fixes: true,
        ..FixOptions::default()
    };
    for (name, text) in files {
        let fixed = linter
            .fix(text, &Context::default(), &options)
            .expect("fixed");
        count_file(name, text, &fixed.text, tally);
        // A fixed file is fixed: a second run, which starts without the first run's record
        // of refused fixes, applies nothing.
        if fixed.text != *text {
            let again = linter
                .fix(&fixed.text, &Context::default(), &options)
                .expect("fixed");
            if again.text != fixed.text {
                let codes: Vec<&str> = again.applied.iter().map(|a| a.code.as_str()).collect();
                tally.add("fixing again changes the file", name, codes.join(", "));
            }
        }
    }
}

fn read_dir(dir: &Path) -> Vec<(String, String)> {
    files_below(dir)
        .into_iter()
        .filter_map(|p| {
            let text = String::from_utf8(std::fs::read(&p).ok()?).ok()?;
            Some((
                p.strip_prefix(dir).unwrap_or(&p).display().to_string(),
                text,
            ))
        })
        .collect()
}

#[test]
fn rewrites_of_the_sample_have_none_of_the_defect_classes() {
    let Some(corpus) = corpus_dir() else {
        return;
    };
    let mut tally = Tally::default();
    rewrite_and_count(&read_dir(&corpus.join("sample")), &mut tally);
    tally.print("sample");
    assert!(
        tally.slim_switches > 100,
        "slim switches: {}",
        tally.slim_switches
    );
    assert_eq!(
        tally.total(),
        0,
        "defects in rewritten files: {:#?}",
        tally.examples
    );
}

#[test]
fn rewrites_of_the_dev_corpus_have_none_of_the_defect_classes() {
    let Some(dir) = std::env::var_os("SLIMFILE_DEFECTS_DEV").map(PathBuf::from) else {
        return;
    };
    let mut tally = Tally::default();
    rewrite_and_count(&read_dir(&dir), &mut tally);
    tally.print("dev");
    assert_eq!(
        tally.total(),
        0,
        "defects in rewritten files: {:#?}",
        tally.examples
    );
}

/// Counts pairs another build wrote: `SLIMFILE_DEFECTS_PAIRS=<originals>:<rewritten>`, the
/// rewritten text of `<originals>/<path>` in `<rewritten>/<path>.out`. No assertion: for
/// before/after numbers.
#[test]
fn count_pairs_written_elsewhere() {
    let Some(spec) = std::env::var("SLIMFILE_DEFECTS_PAIRS").ok() else {
        return;
    };
    let Some((originals, rewritten)) = spec.split_once(':') else {
        return;
    };
    let mut tally = Tally::default();
    for (name, text) in read_dir(Path::new(originals)) {
        let out = Path::new(rewritten).join(format!("{name}.out"));
        let Ok(after) = std::fs::read_to_string(&out) else {
            continue;
        };
        if after.is_empty() {
            continue;
        }
        count_file(&name, &text, &after, &mut tally);
    }
    tally.print(&spec);
}

#[test]
fn the_counter_sees_each_class() {
    let mut tally = Tally::default();
    count_file(
        "a",
        "FROM python:3.11\nRUN wget -q x\n",
        "FROM python:3.11-slim\nRUN wget -q x\n",
        &mut tally,
    );
    count_file(
        "b",
        "FROM python:3.11\nRUN wget -q x\n",
        "FROM python:3.11-slim\nRUN apt-get update && apt-get install -y wget\nRUN wget -q x\n",
        &mut tally,
    );
    count_file(
        "c",
        "FROM golang:1.22\nENV APP=/srv\nWORKDIR /src\nCOPY . .\nRUN go build -o x && mv x /usr/bin/x\nCMD [\"x\"]\n",
        "FROM golang:1.22 AS build\nENV APP=/srv\nWORKDIR /src\nCOPY . .\nRUN go build -o x && mv x /usr/bin/x\nFROM gcr.io/distroless/base-debian13\nCOPY --from=build $APP/x /x\nCOPY --from=build /opt/x /x\nCMD [\"x\"]\n",
        &mut tally,
    );
    count_file(
        "d",
        "FROM node:12\nRUN npm ci\n",
        "FROM node:12\nRUN npm ci --omit=dev\n",
        &mut tally,
    );
    count_file(
        "e",
        "FROM alpine:3.2\nRUN apk add curl\n",
        "FROM alpine:3.2\nRUN apk add --no-cache curl\n",
        &mut tally,
    );
    count_file(
        "f",
        "FROM microsoft/iis\nRUN a\nRUN b\n",
        "FROM microsoft/iis\nRUN a && b\n",
        &mut tally,
    );
    // An `ENV` that extends a variable nothing defined before it, repeated in the runtime
    // stage: empty in both files. Extending one the builder defined earlier is counted.
    count_file(
        "g",
        "FROM python:3.12\nENV P=/a:$P\nWORKDIR /app\nRUN pip install .\nCMD [\"app\"]\n",
        "FROM python:3.12 AS build\nENV P=/a:$P\nWORKDIR /app\nRUN pip install .\nFROM python:3.12-slim\nENV P=/a:$P\nCOPY --from=build /app /app\nCMD [\"app\"]\n",
        &mut tally,
    );
    count_file(
        "h",
        "FROM python:3.12\nENV R=/r\nENV P=$R/lib\nWORKDIR /app\nRUN pip install .\nCMD [\"app\"]\n",
        "FROM python:3.12 AS build\nENV R=/r\nENV P=$R/lib\nWORKDIR /app\nRUN pip install .\nFROM python:3.12-slim\nENV P=$R/lib\nCOPY --from=build /app /app\nCMD [\"app\"]\n",
        &mut tally,
    );
    // A directory a RUN makes through a variable, and the user database of an OS image.
    count_file(
        "i",
        "FROM golang:1.22\nENV OUT=/opt/out\nRUN mkdir -p ${OUT} && adduser app\nCMD [\"x\"]\n",
        "FROM golang:1.22 AS build\nENV OUT=/opt/out\nRUN mkdir -p ${OUT} && adduser app\nFROM gcr.io/distroless/static-debian13\nCOPY --from=build /opt/out /opt/out\nCOPY --from=build /etc/passwd /etc/group /etc/\nCMD [\"x\"]\n",
        &mut tally,
    );
    // A flag judged by the image of the stage that runs it, not the first `FROM`'s.
    count_file(
        "j",
        "FROM alpine:3.2\nFROM alpine:3.19\nRUN apk add curl\n",
        "FROM alpine:3.2\nFROM alpine:3.19\nRUN apk add --no-cache curl\n",
        &mut tally,
    );
    count_file(
        "k",
        "FROM alpine:3.2 AS base\nFROM base\nRUN apk add curl\n",
        "FROM alpine:3.2 AS base\nFROM base\nRUN apk add --no-cache curl\n",
        &mut tally,
    );
    assert_eq!(tally.counts.get(CLASSES[0]), Some(&1), "{tally:#?}");
    assert_eq!(tally.counts.get(CLASSES[1]), Some(&2), "{tally:#?}");
    assert_eq!(tally.counts.get(CLASSES[2]), Some(&1), "{tally:#?}");
    assert_eq!(tally.counts.get(CLASSES[3]), Some(&3), "{tally:#?}");
    assert_eq!(tally.counts.get(CLASSES[4]), Some(&1), "{tally:#?}");
    count_file(
        "l",
        "FROM alpine:3.19\nRUN echo hi;\nRUN echo two\n",
        "FROM alpine:3.19\nRUN echo hi; \\\n    && echo two\n",
        &mut tally,
    );
    // `sh -n` rejects `echo hi; && echo two`, where there is a shell to ask.
    if std::process::Command::new("sh")
        .arg("-c")
        .arg(":")
        .status()
        .is_ok()
    {
        assert_eq!(tally.counts.get(CLASSES[5]), Some(&1), "{tally:#?}");
    }
    count_file(
        "m",
        "FROM node:20\nRUN npm install; exit 0\nRUN npm run build; exit 0\n",
        "FROM node:20\nRUN npm install; exit 0 \\\n    && (npm run build; exit 0)\n",
        &mut tally,
    );
    assert_eq!(tally.counts.get(CLASSES[6]), Some(&1), "{tally:#?}");
    count_file(
        "n",
        "FROM ubuntu:24.04\nUSER app\nRUN sudo apt-get update && sudo apt-get install -y git\nUSER root\nRUN rm -rf /var/lib/apt/lists/*\n",
        "FROM ubuntu:24.04\nUSER app\nRUN sudo apt-get update && sudo apt-get install -y git && rm -rf /var/lib/apt/lists/*\nUSER root\n",
        &mut tally,
    );
    count_file(
        "o",
        "FROM ubuntu:24.04\nUSER app\nRUN sudo apt-get update && sudo apt-get install -y git\n",
        "FROM ubuntu:24.04\nUSER app\nRUN sudo apt-get update && sudo apt-get install -y git && sudo rm -rf /var/lib/apt/lists/*\n",
        &mut tally,
    );
    assert_eq!(tally.counts.get(CLASSES[8]), Some(&1), "{tally:#?}");
    count_file(
        "p",
        "FROM debian:12\nRUN ln -sf /bin/bash /bin/sh\nRUN source /etc/profile\n",
        "FROM debian:12\nRUN ln -sf /bin/bash /bin/sh \\\n    && source /etc/profile\n",
        &mut tally,
    );
    assert_eq!(tally.counts.get(CLASSES[9]), Some(&1), "{tally:#?}");
    assert_eq!(ends_shell_then_continues("(a; exit 0) && b"), 0);
    assert_eq!(ends_shell_then_continues("a || exit 1 && b"), 0);
    assert_eq!(ends_shell_then_continues("bash -c \"a; exit 0\" && b"), 0);
    assert_eq!(ends_shell_then_continues("a ; exit 0 && b"), 1);
}
