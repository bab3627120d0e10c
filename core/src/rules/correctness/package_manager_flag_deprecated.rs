use crate::declare_rule;
use crate::edit::Edit;
use crate::edit::Fix;
use crate::knowledge::{classify_tag, package_manager, Libc, PackageManagerId};
use crate::rules::shared::yarn::{berry_setups, yarn_is_berry};
use crate::rules::Checker;
use crate::semantic::commands::invocation;
use crate::semantic::commands::npm_command;
use crate::semantic::commands::pip_command;
use crate::semantic::commands::subcommand;
use crate::semantic::images::base_version;
use crate::semantic::images::official_base;
use crate::semantic::stages::Marked;
use crate::semantic::tool_versions::{npm_major, poetry_version, PoetryVersion};
use crate::syntax::shell::{Command, Script};
use crate::syntax::TextRange;

declare_rule! {
    /// ## What it does
    /// Checks for package-manager flags that the current tool deprecates, ignores or
    /// rejects, and for `apt-key`:
    ///
    /// - npm: `--production`, `--only=production`, `--only=prod` (npm 7+: `--omit=dev`);
    /// - pip: options removed over the years (`--process-dependency-links`, `--egg`,
    ///   `--no-use-wheel`, `--allow-external`, `--download`, `--install-option`,
    ///   `--global-option`, `--build-option`, `--no-use-pep517`,
    ///   `--use-feature=2020-resolver`...);
    /// - RubyGems: `--no-ri`, `--no-rdoc` (`--no-document`), also in a `.gemrc` written by
    ///   `echo`;
    /// - Bundler 2.1+: `--without`, `--deployment`, `--path` (use `bundle config`);
    /// - Poetry 1.2+: `--no-dev` (`--only main`);
    /// - Yarn 2+: `--frozen-lockfile` (`--immutable`);
    /// - `apt-key`, deprecated since Debian 11 and Ubuntu 22.04 and gone from Debian 13.
    ///
    /// ## Why is this bad?
    /// A removed flag fails the build as soon as the image ships a newer tool; a deprecated
    /// one prints warnings and is the next to go. The current spelling works on every
    /// version the image can have.
    ///
    /// The rule stays quiet where the old spelling is still the right one: npm flags on
    /// `node` images older than 15 (npm 6) or on images whose npm version is unknown, pip
    /// options removed since 2022 unless the image is an official `python` image new enough
    /// to run that pip (options removed before 2020 are reported everywhere),
    /// Bundler flags on `ruby` images older than 2.7 (Bundler 1), `--no-ri`/`--no-rdoc` where
    /// the ruby predates 2.0 (`ruby:1.9`, or the distribution's own on Ubuntu 14.04, Debian 7
    /// or CentOS 6, whose RubyGems has no `--no-document`), `--no-dev` where the file
    /// pins a Poetry older than 1.2, `--frozen-lockfile` unless the stage uses Yarn 2+, and
    /// `apt-key` unless the base image is Debian 11+ or Ubuntu 22.04+.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:24-slim
    /// COPY package.json package-lock.json ./
    /// RUN npm ci --production
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM node:24-slim
    /// COPY package.json package-lock.json ./
    /// RUN npm ci --omit=dev
    /// ```
    ///
    /// ## Fix safety
    /// Safe where the new spelling means the same on every version the image can have:
    /// npm `--omit=dev`, pip `--no-binary=:all:` for `--no-use-wheel`, removing pip options
    /// that had become no-ops (`--use-wheel`, `--allow-external`, `--download-cache`),
    /// `--no-document`, Yarn `--immutable`, Poetry `--only main` when the file pins Poetry
    /// 1.2 or later. Unsafe where the old flag still had an effect on old versions
    /// (`--process-dependency-links`, `--use-feature=2020-resolver`, Poetry `--no-dev` where
    /// the file installs Poetry without a version). Display-only where the file does not say
    /// which Poetry runs, and where the replacement is not a flag (`bundle config`,
    /// `--config-settings`, `pip download`, a keyring with `signed-by`).
    ///
    /// ## References
    /// - [npm install: omit](https://docs.npmjs.com/cli/v11/commands/npm-install#omit)
    /// - [pip release notes](https://pip.pypa.io/en/stable/news/)
    /// - [gem install](https://guides.rubygems.org/command-reference/#gem-install)
    /// - [bundle install](https://bundler.io/man/bundle-install.1.html)
    /// - [poetry install](https://python-poetry.org/docs/cli/#install)
    /// - [yarn install](https://yarnpkg.com/cli/install)
    /// - [apt-key(8)](https://manpages.debian.org/bookworm/apt/apt-key.8.en.html)
    pub(crate) static RULE = {
        code: "SF302",
        name: "package-manager-flag-deprecated",
        category: Correctness,
        severity: Warning,
        default_enabled: true,
        buildkit: None,
        fix: Always,
        programs: ["npm", "pip", "python", "gem", "echo", "printf", "bundle", "bundler", "poetry", "yarn", "yarnpkg", "apt-key"],
        check: check,
    }
}

fn check(checker: &Checker) {
    let mut berry = None;
    for (index, _, script) in checker.run_scripts() {
        for command in &script.commands {
            npm(checker, index, command);
            pip(checker, index, command);
            gem(checker, index, command);
            gemrc(checker, index, command);
            bundler(checker, index, command);
            poetry(checker, index, command);
            yarn(checker, index, script, command, &mut berry);
            apt_key(checker, index, command);
        }
    }
}

// --- npm ----------------------------------------------------------------------------------

/// npm 7 (node 15) replaced `--production` / `--only=prod[uction]` with `--omit=dev`.
fn npm(checker: &Checker, index: usize, command: &Command) {
    let Some((_, args)) = npm_command(command) else {
        return;
    };
    // Only where the npm is known to be 7 or later: official node images 15+ or floating,
    // or an `npm install -g npm@7+` before.
    if npm_major(checker, index, command.range.start).is_none_or(|major| major < 7) {
        return;
    }
    let npm = package_manager(PackageManagerId::Npm);
    let mut words = args.iter().peekable();
    while let Some(w) = words.next() {
        let range = if npm.deprecated_flags.iter().any(|f| f.old == w.value)
            || w.value == "--production=true"
        {
            w.range
        } else if w.value == "--only"
            && words
                .peek()
                .is_some_and(|next| matches!(next.value.as_str(), "production" | "prod"))
        {
            let value = words.next().map_or(w.range, |next| next.range);
            w.range.cover(value)
        } else {
            continue;
        };
        let old = checker.text(range);
        checker
            .report(
                range,
                format!("`{old}` is deprecated since npm 7: use `--omit=dev`"),
            )
            .fix(Fix::safe(
                format!("Replace `{old}` with `--omit=dev`"),
                vec![Edit::replace(range, "--omit=dev")],
            ));
    }
}

// --- pip ----------------------------------------------------------------------------------

enum Action {
    /// The same meaning under another spelling: safe.
    Replace(&'static str),
    /// A no-op for years: removing it is safe.
    Drop,
    /// Had an effect on old pip: removing it is unsafe.
    DropUnsafe,
    /// No flag replaces it: advice only.
    Advice(&'static str),
}

struct PipFlag {
    old: &'static str,
    /// The option takes a value (`--allow-external PROJECT`).
    takes_value: bool,
    /// For `--use-feature`: only this value is gone.
    value: Option<&'static str>,
    /// The pip release that removed it.
    removed_in: &'static str,
    /// The oldest Python that release runs on: older `python` images keep an older pip.
    min_python: Option<[u32; 2]>,
    action: Action,
}

/// pip's removed options, from pip's release notes (NEWS.rst, pypa/pip @6d30920, 2026-08-20).
const PIP_FLAGS: &[PipFlag] = &[
    PipFlag {
        old: "--process-dependency-links",
        takes_value: false,
        value: None,
        removed_in: "19.0",
        min_python: None,
        action: Action::DropUnsafe,
    },
    PipFlag {
        old: "--egg",
        takes_value: false,
        value: None,
        removed_in: "10.0",
        min_python: None,
        action: Action::Advice("Remove `--egg`: pip installs wheels"),
    },
    PipFlag {
        old: "--no-use-wheel",
        takes_value: false,
        value: None,
        removed_in: "10.0",
        min_python: None,
        action: Action::Replace("--no-binary=:all:"),
    },
    PipFlag {
        old: "--use-wheel",
        takes_value: false,
        value: None,
        removed_in: "10.0",
        min_python: None,
        action: Action::Drop,
    },
    PipFlag {
        old: "--allow-external",
        takes_value: true,
        value: None,
        removed_in: "10.0",
        min_python: None,
        action: Action::Drop,
    },
    PipFlag {
        old: "--allow-unverified",
        takes_value: true,
        value: None,
        removed_in: "10.0",
        min_python: None,
        action: Action::Drop,
    },
    PipFlag {
        old: "--allow-all-external",
        takes_value: false,
        value: None,
        removed_in: "10.0",
        min_python: None,
        action: Action::Drop,
    },
    PipFlag {
        old: "--download",
        takes_value: true,
        value: None,
        removed_in: "10.0",
        min_python: None,
        action: Action::Advice("Use `pip download -d <dir>`"),
    },
    PipFlag {
        old: "--download-cache",
        takes_value: true,
        value: None,
        removed_in: "8.0",
        min_python: None,
        action: Action::Drop,
    },
    PipFlag {
        old: "--use-feature",
        takes_value: true,
        value: Some("2020-resolver"),
        removed_in: "22.3",
        min_python: Some([3, 7]),
        action: Action::DropUnsafe,
    },
    PipFlag {
        old: "--install-option",
        takes_value: true,
        value: None,
        removed_in: "23.1",
        min_python: Some([3, 7]),
        action: Action::Advice("Pass build options with `--config-settings`"),
    },
    PipFlag {
        old: "--global-option",
        takes_value: true,
        value: None,
        removed_in: "25.3",
        min_python: Some([3, 9]),
        action: Action::Advice("Pass build options with `--config-settings`"),
    },
    PipFlag {
        old: "--build-option",
        takes_value: true,
        value: None,
        removed_in: "25.3",
        min_python: Some([3, 9]),
        action: Action::Advice("Pass build options with `--config-settings`"),
    },
    PipFlag {
        old: "--no-use-pep517",
        takes_value: false,
        value: None,
        removed_in: "25.3",
        min_python: Some([3, 9]),
        action: Action::Advice("Remove `--no-use-pep517`: every build goes through PEP 517"),
    },
];

fn pip(checker: &Checker, index: usize, command: &Command) {
    if pip_command(command).is_none() {
        return;
    }
    let python = base_version(checker, index, "python");
    let words = &command.words;
    for (i, w) in words.iter().enumerate() {
        let Some(flag) = PIP_FLAGS.iter().find(|f| {
            let inline = w
                .value
                .strip_prefix(f.old)
                .and_then(|rest| rest.strip_prefix('='));
            match (f.value, inline) {
                (Some(v), Some(inline)) => inline == v,
                (Some(v), None) => {
                    w.value == f.old && words.get(i + 1).is_some_and(|n| n.value == v)
                }
                (None, Some(_)) => true,
                (None, None) => w.value == f.old,
            }
        }) else {
            continue;
        };
        // Recent removals only where the pip is known to be recent: an official `python`
        // image new enough to run that pip (or on a floating tag).
        let too_old = |min: [u32; 2]| match &python {
            None => true,
            Some(v) if v.is_empty() => false,
            Some(v) => v.len() < 2 || [v[0], v[1]] < min,
        };
        if flag.min_python.is_some_and(too_old) {
            continue;
        }
        let last = if flag.takes_value && !w.value.contains('=') {
            (i + 1).min(words.len() - 1)
        } else {
            i
        };
        let range = w.range.cover(words[last].range);
        let old = checker.text(range);
        let removed = format!("`{old}` was removed in pip {}", flag.removed_in);
        let (message, fix) = match flag.action {
            Action::Replace(new) => (
                format!("{removed}: use `{new}`"),
                Fix::safe(
                    format!("Replace `{old}` with `{new}`"),
                    vec![Edit::replace(range, new)],
                ),
            ),
            Action::Drop => (
                format!("{removed} (it did nothing for years)"),
                Fix::safe(
                    format!("Remove `{old}`"),
                    vec![remove_words(checker, command, i, last)],
                ),
            ),
            Action::DropUnsafe => (
                removed,
                Fix::unsafe_(
                    format!("Remove `{old}`"),
                    vec![remove_words(checker, command, i, last)],
                ),
            ),
            Action::Advice(advice) => (removed, Fix::display_only(advice)),
        };
        checker.report(range, message).fix(fix);
    }
}

/// Deletes `command.words[first..=last]` with what separates them from the word before
/// (blanks, a line continuation); when a comment line comes between, only the words and
/// the blanks after them, so that the comment stays.
fn remove_words(checker: &Checker, command: &Command, first: usize, last: usize) -> Edit {
    let words = &command.words;
    let end = words[last].range.end;
    let before = first
        .checked_sub(1)
        .map_or(words[first].range.start, |p| words[p].range.end);
    let gap = checker.text(TextRange::new(before, words[first].range.start));
    if !gap.contains('#') {
        return Edit::delete(TextRange::new(before, end));
    }
    let after = checker.source()[end as usize..]
        .bytes()
        .take_while(|b| *b == b' ' || *b == b'\t')
        .count() as u32;
    Edit::delete(TextRange::new(words[first].range.start, end + after))
}

// --- RubyGems -----------------------------------------------------------------------------

const GEM_OLD: [&str; 2] = ["--no-ri", "--no-rdoc"];

/// Whether the stage's RubyGems may predate `--no-document` (RubyGems 2.0, ruby 2.0): a
/// `ruby` image before 2.0, or a distribution whose own ruby is older (Ubuntu 14.04's
/// 1.9.3, Debian 7's 1.9.3, CentOS 6's 1.8.7).
fn ancient_ruby(checker: &Checker, index: usize) -> bool {
    let Some((name, tag)) = official_base(checker, index) else {
        return false;
    };
    // The first release with ruby 2.0 or later, and the older ones' codenames.
    let (first_modern, old_codenames): (u32, &[&str]) = match name {
        "ruby" => (2, &[]),
        "ubuntu" => (16, &["lucid", "precise", "trusty"]),
        "debian" => (8, &["squeeze", "wheezy"]),
        "centos" => (7, &["centos5", "centos6"]),
        _ => return false,
    };
    let tag = tag.unwrap_or("");
    old_codenames.iter().any(|c| tag.starts_with(c))
        || base_version(checker, index, name)
            .is_some_and(|v| v.first().is_some_and(|m| *m < first_modern))
}

fn gem(checker: &Checker, index: usize, command: &Command) {
    let Some(("gem", args)) = invocation(command) else {
        return;
    };
    if !matches!(subcommand(args, &[]), Some((_, sub)) if sub.value == "install" || sub.value == "update")
        || ancient_ruby(checker, index)
    {
        return;
    }
    let words = &command.words;
    let old: Vec<usize> = (0..words.len())
        .filter(|i| GEM_OLD.contains(&words[*i].value.as_str()))
        .collect();
    let Some(&first) = old.first() else {
        return;
    };
    let has_new = words
        .iter()
        .any(|w| w.value == "--no-document" || w.value == "-N");
    let mut edits = Vec::new();
    for (n, &i) in old.iter().enumerate() {
        if n == 0 && !has_new {
            edits.push(Edit::replace(words[i].range, "--no-document"));
        } else {
            edits.push(remove_words(checker, command, i, i));
        }
    }
    let names: Vec<String> = old
        .iter()
        .map(|i| format!("`{}`", words[*i].value))
        .collect();
    let (names, verb) = if names.len() == 1 {
        (names[0].clone(), "was")
    } else {
        (names.join(" and "), "were")
    };
    checker
        .report(
            words[first].range,
            format!("{names} {verb} removed in RubyGems 3.0: use `--no-document`"),
        )
        .fix(Fix::safe("Use `--no-document`", edits));
}

/// `echo "gem: --no-ri --no-rdoc" > ~/.gemrc`: every later `gem install` fails on RubyGems 3.
fn gemrc(checker: &Checker, index: usize, command: &Command) {
    if !matches!(command.program(), Some("echo" | "printf"))
        || !command.redirects.iter().any(|r| {
            r.target
                .as_ref()
                .is_some_and(|t| t.value.ends_with("gemrc"))
        })
        || ancient_ruby(checker, index)
    {
        return;
    }
    for w in command.args() {
        if !GEM_OLD.iter().any(|o| w.value.contains(o)) {
            continue;
        }
        let text = checker.text(w.range);
        let new = if text.contains("--no-document") {
            text.replace(" --no-ri", "").replace(" --no-rdoc", "")
        } else {
            let single = if text.contains("--no-ri --no-rdoc") {
                text.replacen("--no-ri --no-rdoc", "--no-document", 1)
            } else if text.contains("--no-rdoc --no-ri") {
                text.replacen("--no-rdoc --no-ri", "--no-document", 1)
            } else {
                text.replacen("--no-ri", "--no-document", 1).replacen(
                    "--no-rdoc",
                    "--no-document",
                    1,
                )
            };
            single.replace(" --no-ri", "").replace(" --no-rdoc", "")
        };
        checker
            .report(
                w.range,
                "`.gemrc` sets `--no-ri`/`--no-rdoc`, removed in RubyGems 3.0: use `--no-document`",
            )
            .fix(Fix::safe(
                "Use `--no-document`",
                vec![Edit::replace(w.range, new)],
            ));
    }
}

// --- Bundler ------------------------------------------------------------------------------

fn bundler(checker: &Checker, index: usize, command: &Command) {
    let Some(("bundle" | "bundler", args)) = invocation(command) else {
        return;
    };
    if !matches!(subcommand(args, &[]), Some((_, sub)) if sub.value == "install") {
        return;
    }
    // Bundler 2.1 shipped with ruby 2.7: older ruby images have Bundler 1.
    let Some(version) = base_version(checker, index, "ruby") else {
        return;
    };
    if (version.len() >= 2 && [version[0], version[1]] < [2, 7])
        || (version.len() == 1 && version[0] < 3)
    {
        return;
    }
    let bundle = package_manager(PackageManagerId::Bundler);
    for w in args {
        let Some(change) = bundle.deprecated_flags.iter().find(|f| {
            w.value == f.old
                || w.value
                    .strip_prefix(f.old)
                    .is_some_and(|r| r.starts_with('='))
        }) else {
            continue;
        };
        checker
            .report(
                w.range,
                format!(
                    "`{}` is deprecated since Bundler 2.1: use {}",
                    change.old,
                    spell(change.new)
                ),
            )
            .fix(Fix::display_only(format!("Use {}", spell(change.new))));
    }
}

/// `BUNDLE_WITHOUT / bundle config set --local without` → "`BUNDLE_WITHOUT` or `bundle
/// config set --local without`".
fn spell(new: &str) -> String {
    new.split(" / ")
        .map(|p| format!("`{p}`"))
        .collect::<Vec<_>>()
        .join(" or ")
}

// --- Poetry -------------------------------------------------------------------------------

fn poetry(checker: &Checker, index: usize, command: &Command) {
    let Some(("poetry", args)) = invocation(command) else {
        return;
    };
    if !matches!(subcommand(args, &[]), Some((_, sub)) if sub.value == "install") {
        return;
    }
    let Some(no_dev) = args.iter().find(|w| w.value == "--no-dev") else {
        return;
    };
    let edits = vec![Edit::replace(no_dev.range, "--only main")];
    let title = "Replace `--no-dev` with `--only main`";
    let fix = match poetry_version(checker, index, command.range.start) {
        // Before 1.2 `--no-dev` is the spelling.
        PoetryVersion::Pinned(major, minor) if (major, minor) < (1, 2) => return,
        PoetryVersion::Legacy => return,
        PoetryVersion::Pinned(..) => Fix::safe(title, edits),
        // The newest Poetry at build time: 2.0 or later, which removed `--no-dev`.
        PoetryVersion::Latest => Fix::unsafe_(title, edits),
        // Which Poetry runs the file does not say: `--only` needs 1.2.
        PoetryVersion::Unknown => Fix::display_only(format!(
            "{title} (Poetry 1.2+; the file does not say which Poetry runs)"
        )),
    };
    checker
        .report(
            no_dev.range,
            "`--no-dev` is deprecated since Poetry 1.2 and removed in 2.0: use `--only main`",
        )
        .fix(fix);
}

// --- Yarn ---------------------------------------------------------------------------------

fn yarn(
    checker: &Checker,
    index: usize,
    script: &Script,
    command: &Command,
    berry: &mut Option<Marked>,
) {
    let Some(("yarn" | "yarnpkg", args)) = invocation(command) else {
        return;
    };
    let Some(frozen) = args.iter().find(|w| w.value == "--frozen-lockfile") else {
        return;
    };
    let setups = berry.get_or_insert_with(|| berry_setups(checker));
    if !yarn_is_berry(checker, index, Some(script), setups) {
        return;
    }
    checker
        .report(
            frozen.range,
            "`--frozen-lockfile` is deprecated in Yarn 2+: use `--immutable`",
        )
        .fix(Fix::safe(
            "Replace `--frozen-lockfile` with `--immutable`",
            vec![Edit::replace(frozen.range, "--immutable")],
        ));
}

// --- apt-key ------------------------------------------------------------------------------

fn apt_key(checker: &Checker, index: usize, command: &Command) {
    if !matches!(invocation(command), Some(("apt-key", _))) || !apt_key_deprecated(checker, index) {
        return;
    }
    checker
        .report(
            command.range,
            "`apt-key` is deprecated since Debian 11 and Ubuntu 22.04, and removed in Debian 13",
        )
        .fix(Fix::display_only(
            "Store the key in `/etc/apt/keyrings/` and name it with `signed-by` in the source list",
        ));
}

/// Whether the stage's base image has an apt that deprecates `apt-key`: Debian 11+,
/// Ubuntu 22.04+, or an official Debian-based image on a floating tag (current release).
fn apt_key_deprecated(checker: &Checker, index: usize) -> bool {
    let Some((name, tag)) = official_base(checker, index) else {
        return false;
    };
    let Some(info) = classify_tag(name, tag.unwrap_or("latest")) else {
        return false;
    };
    let number = |v: &str| -> Vec<u32> { v.split('.').map_while(|p| p.parse().ok()).collect() };
    if let Some(os) = info.os.as_deref() {
        if let Some(suite) = os.strip_prefix("debian-") {
            return matches!(suite, "bullseye" | "bookworm" | "trixie" | "forky" | "sid")
                || number(suite).first().is_some_and(|n| *n >= 11);
        }
        if let Some(v) = os.strip_prefix("ubuntu-") {
            return number(v) >= vec![22, 4];
        }
        return false;
    }
    match name {
        "debian" => info
            .version
            .as_deref()
            .is_none_or(|v| number(v).first().is_some_and(|n| *n >= 11)),
        "ubuntu" => info
            .version
            .as_deref()
            .is_none_or(|v| number(v) >= vec![22, 4]),
        // Language images on a floating tag follow the current Debian release.
        _ => info.version.is_none() && info.libc == Libc::Glibc && !info.variant.is_alpine(),
    }
}
