//! The commands a shell script runs: which program really runs (past `sudo`, `env`,
//! `xargs`...), its subcommand and operands, whether a flag is given, and the package
//! managers' and interpreters' own conventions.

use crate::ascii::contains_any_ignoring_case;
use crate::semantic::variables::lone_variable;
use crate::syntax::shell::Connector;
use crate::syntax::shell::Script;
use crate::syntax::shell::{Command, Word};
use crate::syntax::shell_view::POSIX_SHELLS;

/// Wrappers that run the command that follows them.
const WRAPPERS: [&str; 8] = [
    "sudo",
    "env",
    "nice",
    "nohup",
    "time",
    "command",
    "exec",
    "eatmydata",
];

/// The program a command runs and its arguments, past wrappers and their options:
/// `sudo -E env DEBIAN_FRONTEND=noninteractive apt-get install x` → (`apt-get`, [install, x]).
/// Every rule asks this of every command, so the answer is found once per command
/// ([`locate_program`], run when the analyzer builds a script) and read here.
pub(crate) fn invocation(command: &Command) -> Option<(&str, &[Word])> {
    let (word, offset) = command.program_at.or_else(|| locate_program(command))?;
    let (word, offset) = (word as usize, offset as usize);
    let program = command.words.get(word)?.value.get(offset..)?;
    Some((program, &command.words[word + 1..]))
}

/// Where the program of `command` is: (word index, start of its base name).
pub(crate) fn locate_program(command: &Command) -> Option<(u32, u32)> {
    // Words that expand to nothing before the program: the comment idiom of continued
    // `RUN` lines (`` `# install tools` apt-get install ...``).
    let mut at = command
        .words
        .iter()
        .take_while(|w| expands_to_nothing(w))
        .count();
    loop {
        let first = command.words.get(at)?;
        let program = basename(&first.value);
        if !WRAPPERS.contains(&program) {
            return Some((at as u32, (first.value.len() - program.len()) as u32));
        }
        // Skip the wrapper's own options and `VAR=value` settings.
        at += 1;
        while command
            .words
            .get(at)
            .is_some_and(|w| w.value.starts_with('-') || is_assignment(&w.value))
        {
            at += 1;
        }
    }
}

/// An unquoted word that is only a command substitution running nothing (`` `# note` ``,
/// `` `` ``, `$()`): it expands to the empty string, and field splitting drops an unquoted
/// empty expansion (POSIX 2.6.5, 2.6.7), so the word after it is the command name.
/// (`$(# note)` is not one: the comment runs over the `)`.)
pub(crate) fn expands_to_nothing(word: &Word) -> bool {
    if word.quoted {
        return false;
    }
    let v = word.value.as_str();
    let body = if let Some(b) = v.strip_prefix('`').and_then(|b| b.strip_suffix('`')) {
        if b.contains('`') {
            return false;
        }
        b.trim()
    } else if let Some(b) = v.strip_prefix("$(").and_then(|b| b.strip_suffix(')')) {
        if !b.trim().is_empty() {
            return false;
        }
        ""
    } else {
        return false;
    };
    v.len() >= 2 && (body.is_empty() || (body.starts_with('#') && !body.contains('\n')))
}

/// `NAME=value`, as `env` and `sudo` take before the command.
fn is_assignment(word: &str) -> bool {
    word.split_once('=').is_some_and(|(name, _)| {
        !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
    })
}

pub(crate) fn basename(path: &str) -> &str {
    // A plain loop: words are short, and this runs for every command of every rule.
    let bytes = path.as_bytes();
    let mut at = bytes.len();
    while at > 0 {
        if bytes[at - 1] == b'/' {
            return &path[at..];
        }
        at -= 1;
    }
    path
}

/// The first argument that is not an option, skipping the values of the options listed in
/// `takes_value` (`-o Dpkg::Options=x install` → `install`), and a variable alone before a
/// written word, which holds options (`yum ${YUM_FLAGS} install x` → `install`).
pub(crate) fn subcommand<'w>(args: &'w [Word], takes_value: &[&str]) -> Option<(usize, &'w Word)> {
    let mut i = 0;
    while i < args.len() {
        let w = &args[i].value;
        if w == "--" {
            return args.get(i + 1).map(|w| (i + 1, w));
        }
        if options_variable(&args[i]).is_some() && args.get(i + 1).is_some_and(|next| !next.dynamic)
        {
            i += 1;
            continue;
        }
        if w.starts_with('-') && w.len() > 1 {
            i += if takes_value.contains(&w.as_str()) {
                2
            } else {
                1
            };
            continue;
        }
        return Some((i, &args[i]));
    }
    None
}

/// Whether the arguments may hold one of `flags`: they name it, or a variable named for
/// options holds them (`yum ${YUM_FLAGS} install x`, `apk add ${APK_FLAGS} curl`), which
/// may well hold it. For a rule that reports a missing flag (`-y`, `--no-cache`), not one
/// that reports its use.
pub(crate) fn may_have_flag(args: &[Word], flags: &[&str]) -> bool {
    has_flag(args, flags)
        || args.iter().any(|w| {
            // After the subcommand a variable usually lists packages (`$PACKAGES`): only
            // one named for options counts there.
            options_variable(w).is_some_and(|name| {
                contains_any_ignoring_case(name.as_bytes(), &[b"opt", b"flag", b"args"])
            })
        })
}

/// An unquoted word that is one variable (`$FLAGS`, `${YUM_FLAGS_DEV}`): before the
/// subcommand, the usual way to pass options the Dockerfile sets once.
fn options_variable(word: &Word) -> Option<&str> {
    lone_variable(&word.value).filter(|_| word.dynamic && !word.quoted)
}

/// Whether any argument is one of `flags` (also `--flag=value` forms and, for single-dash
/// letters, combined short options like `-qy`).
pub(crate) fn has_flag(args: &[Word], flags: &[&str]) -> bool {
    // Arguments that do not start with `-` (packages, paths) cannot be a `-` flag.
    let all_dashed = flags.iter().all(|f| f.starts_with('-'));
    args.iter().any(|w| {
        let v = w.value.as_str();
        if all_dashed && !v.starts_with('-') {
            return false;
        }
        let short_cluster = v.starts_with('-') && !v.starts_with("--");
        flags.iter().any(|f| {
            v == *f
                || v.strip_prefix(f).is_some_and(|rest| rest.starts_with('='))
                || (short_cluster
                    && f.len() == 2
                    && f.starts_with('-')
                    && !f.starts_with("--")
                    // `f` is `-` and one ASCII letter: a byte search finds it.
                    && v.as_bytes()[1..].contains(&f.as_bytes()[1]))
        })
    })
}

/// Whether a command is `program` with subcommand `sub` (e.g. `apt-get install`).
pub(crate) fn runs<'c>(
    command: &'c Command,
    programs: &[&str],
    subs: &[&str],
    takes_value: &[&str],
) -> Option<&'c [Word]> {
    let (program, args) = invocation(command)?;
    if !programs.contains(&program) {
        return None;
    }
    let (_, sub) = subcommand(args, takes_value)?;
    subs.contains(&sub.value.as_str()).then_some(args)
}

/// apt-get's options that take a value.
/// Whether an `apt-get install`'s arguments turn recommended packages off:
/// `--no-install-recommends`, or `-o APT::Install-Recommends=false` (`0`, `no`).
pub(crate) fn apt_recommends_off(args: &[Word]) -> bool {
    may_have_flag(args, &["--no-install-recommends"])
        || args.iter().any(|w| {
            w.value
                .strip_prefix("APT::Install-Recommends=")
                .is_some_and(|v| matches!(v, "false" | "0" | "no"))
        })
}

pub(crate) const APT_VALUE_OPTIONS: [&str; 6] = [
    "-o",
    "-c",
    "-t",
    "--option",
    "--config-file",
    "--target-release",
];

/// The index in `command.words` of the program that really runs, past wrappers such as
/// `sudo` or `env`. `None` when there is none, and for `command -v prog`, which only looks
/// the program up.
pub(crate) fn program_index(command: &Command) -> Option<usize> {
    let (_, args) = invocation(command)?;
    let index = command.words.len() - args.len() - 1;
    let before = &command.words[..index];
    let lookup = before.iter().enumerate().any(|(i, w)| {
        basename(&w.value) == "command"
            && before[i + 1..].iter().any(|o| {
                o.value.starts_with('-')
                    && !o.value.starts_with("--")
                    && o.value[1..].contains(['v', 'V'])
            })
    });
    (!lookup).then_some(index)
}

/// The program a command runs (see [`program_index`]), as its base name.
pub(crate) fn program(command: &Command) -> Option<&str> {
    program_with_args(command).map(|(program, _)| program)
}

/// The program a command runs (see [`program_index`]), as its base name, and its arguments.
pub(crate) fn program_with_args(command: &Command) -> Option<(&str, &[Word])> {
    let index = program_index(command)?;
    Some((
        basename(&command.words[index].value),
        &command.words[index + 1..],
    ))
}

/// The operands of a subcommand: the words after `args[after]` that are not options,
/// skipping the value of each option in `takes_value` written as a separate word. Every
/// word after `--` is an operand.
pub(crate) fn operands<'w>(
    args: &'w [Word],
    after: usize,
    takes_value: &'w [&'w str],
) -> impl Iterator<Item = &'w Word> + 'w {
    positionals(args.get(after + 1..).unwrap_or(&[]), takes_value)
}

/// The arguments that are not options, skipping the separate values of the options in
/// `takes_value` (`--repo x pkg` → `pkg`); everything after `--` is positional.
pub(crate) fn positionals<'w>(
    args: &'w [Word],
    takes_value: &'w [&'w str],
) -> impl Iterator<Item = &'w Word> + 'w {
    let mut skip_next = false;
    let mut after_dashes = false;
    args.iter().filter(move |w| {
        let v = w.value.as_str();
        if after_dashes {
            return true;
        }
        if skip_next {
            skip_next = false;
            return false;
        }
        if v == "--" {
            after_dashes = true;
            return false;
        }
        if v.starts_with('-') && v.len() > 1 {
            skip_next = takes_value.contains(&v);
            return false;
        }
        true
    })
}

/// Whether `command` receives `yes` on its standard input (`yes | apt-get install x`,
/// `sudo yes | zypper install x`).
pub(crate) fn fed_by_yes(script: &Script, command: &Command) -> bool {
    command.connector == Connector::Pipe
        && script
            .commands
            .iter()
            .take_while(|c| c.range.start < command.range.start)
            .filter(|c| c.depth == command.depth)
            .last()
            .and_then(program)
            .is_some_and(|p| p == "yes")
}

/// `program sub` for the message, when the command is one of `programs` with a
/// subcommand in `subs` (first positional argument, `+toolchain` words skipped).
pub(crate) fn sub_of(
    command: &Command,
    programs: &[&str],
    subs: &[&str],
    takes_value: &[&str],
) -> Option<String> {
    let (prog, args) = program_with_args(command)?;
    if !programs.contains(&prog) {
        return None;
    }
    let sub = positionals(args, takes_value).find(|w| !w.value.starts_with('+'))?;
    subs.contains(&sub.value.as_str())
        .then(|| format!("{prog} {}", sub.value))
}

/// `zypper <sub> args...`: the subcommand word and the words after it.
pub(crate) fn zypper_sub(command: &Command) -> Option<(&Word, &[Word])> {
    let (prog, args) = program_with_args(command)?;
    if prog != "zypper" {
        return None;
    }
    let mut i = 0;
    while i < args.len() {
        let v = args[i].value.as_str();
        if v.starts_with('-') && v.len() > 1 {
            i += if ZYPPER_VALUE_OPTIONS.contains(&v) {
                2
            } else {
                1
            };
            continue;
        }
        return Some((&args[i], &args[i + 1..]));
    }
    None
}

/// Options of `zypper` (global, and of `install`) that take a separate value.
pub(crate) const ZYPPER_VALUE_OPTIONS: [&str; 19] = [
    "-R",
    "--root",
    "-D",
    "--reposd-dir",
    "-C",
    "--cache-dir",
    "-c",
    "--config",
    "--raw-cache-dir",
    "--solv-cache-dir",
    "--pkg-cache-dir",
    "--userdata",
    "-t",
    "--type",
    "-r",
    "--repo",
    "--from",
    "--download",
    "--plus-repo",
];

/// A system package manager's subcommand with its documented aliases resolved: `dnf in`
/// is `dnf install`, `zypper dup` is `zypper dist-upgrade`. Other words come back as
/// they are.
///
/// Sources: dnf's command reference (<https://dnf.readthedocs.io/en/latest/command_ref.html>:
/// `in`, `rei`, `up`/`update`, `up-min`/`update-minimal`, `rm`/`erase`, `mc`), dnf5's
/// compatibility aliases (`/usr/share/dnf5/aliases.d/compatibility.conf`), yum being dnf
/// on every current RHEL-family image, microdnf's commands (it takes the same `install`,
/// `reinstall`, `upgrade` words), and zypper(8) (`in`, `rm`, `up`, `dup`, `ref`, `cc`,
/// `rei`). apt-get, apt and apk have no such aliases.
pub(crate) fn package_verb<'w>(program: &str, word: &'w str) -> &'w str {
    match program {
        "dnf" | "dnf5" | "yum" | "microdnf" => match word {
            "in" => "install",
            "rei" => "reinstall",
            "up" | "update" => "upgrade",
            "up-min" | "update-minimal" => "upgrade-minimal",
            "rm" | "erase" => "remove",
            "mc" => "makecache",
            _ => word,
        },
        "zypper" => match word {
            "in" => "install",
            "rei" => "reinstall",
            "rm" => "remove",
            "up" => "update",
            "dup" => "dist-upgrade",
            "ref" => "refresh",
            "cc" => "clean",
            _ => word,
        },
        _ => word,
    }
}

/// Whether `word` is, through [`package_verb`]'s aliases, one of `verbs` of `program`.
pub(crate) fn is_package_verb(program: &str, word: &str, verbs: &[&str]) -> bool {
    verbs.contains(&package_verb(program, word))
}

/// Options of `yum` and `dnf` that take a separate value.
pub(crate) const RPM_VALUE_OPTIONS: [&str; 16] = [
    "-c",
    "--config",
    "--installroot",
    "--releasever",
    "--setopt",
    "--enablerepo",
    "--disablerepo",
    "--repo",
    "--repoid",
    "-x",
    "--exclude",
    "--forcearch",
    "-d",
    "--debuglevel",
    "-e",
    "--errorlevel",
];

/// The paths an `rm` command removes (its non-option words).
pub(crate) fn rm_targets(command: &Command) -> Option<impl Iterator<Item = &Word>> {
    match invocation(command) {
        Some(("rm", args)) => Some(
            args.iter()
                .filter(|w| !w.value.starts_with('-') || w.value.contains('/')),
        ),
        _ => None,
    }
}

/// Whether a word, as written (`raw`), has its glob characters (`*`, `?`, `[`) only inside
/// quotes or after a backslash, so that the shell does not expand it:
/// `rm -rf "/var/lib/apt/lists/*"` removes a file named `*`, not the lists. An exec-form
/// `RUN`'s words, JSON strings, are quoted whole and never expanded.
pub(crate) fn glob_is_literal(raw: &str) -> bool {
    let (mut quoted_glob, mut single, mut double, mut escaped) = (false, false, false, false);
    for b in raw.bytes() {
        if escaped {
            escaped = false;
            quoted_glob |= matches!(b, b'*' | b'?' | b'[');
            continue;
        }
        match b {
            b'\\' if !single => escaped = true,
            b'\'' if !double => single = !single,
            b'"' if !single => double = !double,
            b'*' | b'?' | b'[' if single || double => quoted_glob = true,
            b'*' | b'?' | b'[' => return false,
            _ => {}
        }
    }
    quoted_glob
}

/// npm's options that take a value before the subcommand (`npm --prefix dir ci`).
pub(crate) const NPM_VALUE_OPTIONS: [&str; 8] = [
    "--prefix",
    "-C",
    "--cache",
    "--registry",
    "--userconfig",
    "--loglevel",
    "-w",
    "--workspace",
];

/// An `npm` command: its subcommand word and its arguments.
pub(crate) fn npm_command(command: &Command) -> Option<(&Word, &[Word])> {
    let (program, args) = invocation(command)?;
    if program != "npm" {
        return None;
    }
    let (_, sub) = subcommand(args, &NPM_VALUE_OPTIONS)?;
    Some((sub, args))
}

/// Whether a command is `<program> <sub> <sub2>` (`npm cache clean`, `yum clean all`),
/// options anywhere.
pub(crate) fn runs_words(command: &Command, programs: &[&str], words: &[&str]) -> bool {
    let Some((program, args)) = invocation(command) else {
        return false;
    };
    if !programs.contains(&program) {
        return false;
    }
    let mut positional = args.iter().filter(|w| !w.value.starts_with('-'));
    words
        .iter()
        .all(|want| positional.next().is_some_and(|w| w.value == *want))
}

/// pip's global options that take a value (they may come before the subcommand).
pub(crate) const PIP_VALUE_OPTIONS: [&str; 11] = [
    "--proxy",
    "--log",
    "--cache-dir",
    "--timeout",
    "--retries",
    "--exists-action",
    "--trusted-host",
    "--cert",
    "--client-cert",
    "--python",
    "--use-feature",
];

/// pip install's options whose value is a path or a URL but not a project to build.
pub(crate) const PIP_INSTALL_PATH_OPTIONS: [&str; 16] = [
    "-r",
    "--requirement",
    "-c",
    "--constraint",
    "-t",
    "--target",
    "--prefix",
    "--root",
    "-f",
    "--find-links",
    "-i",
    "--index-url",
    "--extra-index-url",
    "--src",
    "--cache-dir",
    "--log",
];

/// A pip command (`pip`, `pip3`, `pip3.12`, `python -m pip`): its subcommand word and the
/// arguments after `pip`.
pub(crate) fn pip_command(command: &Command) -> Option<(&Word, &[Word])> {
    let (program, args) = invocation(command)?;
    let args = if is_pip(program) {
        args
    } else if is_python(program) {
        match args {
            [m, module, rest @ ..] if m.value == "-m" && is_pip(&module.value) => rest,
            _ => return None,
        }
    } else {
        return None;
    };
    let (_, sub) = subcommand(args, &PIP_VALUE_OPTIONS)?;
    Some((sub, args))
}

pub(crate) use crate::knowledge::package_managers::is_pip;

/// `python`, `python3`, `python3.12`.
pub(crate) fn is_python(name: &str) -> bool {
    name.strip_prefix("python")
        .is_some_and(|v| v.bytes().all(|b| b.is_ascii_digit() || b == b'.'))
}

/// Interpreters that run a program they read on standard input (with no argument or `-`).
/// A POSIX shell, or busybox (whose `sh` it runs).
pub(crate) fn is_shell(program: &str) -> bool {
    POSIX_SHELLS.contains(&program) || program == "busybox"
}

/// What marks an instruction that may change the package sources: repository tools, the
/// managers' source folders, and install scripts piped into a shell (`curl ... | bash -`
/// adds NodeSource's repository).
const SOURCE_CHANGES: [&str; 13] = [
    "/etc/apt",
    "add-apt-repository",
    "apt-add-repository",
    "apt-key",
    "--add-architecture",
    "/etc/apk",
    "yum.repos.d",
    "config-manager",
    "zypper ar",
    "zypper addrepo",
    "/etc/zypp",
    "| bash",
    "| sh",
];

/// What in an instruction's text may change the package sources its stage installs from:
/// `add-apt-repository`, `/etc/apt`, `| bash`...
pub(crate) fn package_source_change(text: &str) -> Option<&'static str> {
    SOURCE_CHANGES
        .into_iter()
        .find(|marker| text.contains(marker))
}

/// Whether a git command may run ssh: a remote written `git@host:` or `ssh://`, or one this
/// file does not name, which may be an SSH one: the remotes of `.gitmodules` or of the
/// repository's configuration (`submodule update`, `fetch`, `pull`), or a URL given by a
/// variable (`git clone $REPO`).
pub(crate) fn git_may_use_ssh(command: &Command) -> bool {
    let Some(("git", args)) = invocation(command) else {
        return false;
    };
    if args
        .iter()
        .any(|w| w.value.starts_with("git@") || w.value.starts_with("ssh://"))
    {
        return true;
    }
    // Global options with a value: `git -C /src submodule update`.
    let Some((at, sub)) = subcommand(args, &["-C", "-c"]) else {
        return false;
    };
    match sub.value.as_str() {
        "submodule" | "fetch" | "pull" => true,
        "clone" => args[at + 1..]
            .iter()
            .any(|w| w.dynamic && !w.value.starts_with('-')),
        _ => false,
    }
}

/// Programs that start what their configuration (not seen in the Dockerfile) names.
pub(crate) const PROCESS_MANAGERS: [&str; 8] = [
    "supervisord",
    "s6-svscan",
    "runsvdir",
    "foreman",
    "honcho",
    "pm2",
    "pm2-runtime",
    "pm2-docker",
];

pub(crate) const INTERPRETERS: [&str; 7] = [
    "python", "python2", "python3", "perl", "ruby", "node", "php",
];

/// `python3.12` → `python3`.
pub(crate) fn interpreter_name(program: &str) -> &str {
    if let Some(rest) = program.strip_prefix("python") {
        if rest.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
            return match rest.as_bytes().first() {
                Some(b'2') => "python2",
                Some(b'3') => "python3",
                _ => "python",
            };
        }
    }
    program
}

/// Whether a shell or interpreter invoked with `args` runs what it reads on standard input:
/// no `-c` inline script, no script file argument (except `-`), or `-s`.
pub(crate) fn reads_program_from_stdin(program: &str, args: &[Word]) -> bool {
    let shell = is_shell(program);
    let mut args = args.iter().map(|w| w.value.as_str());
    if program == "busybox" {
        // `busybox sh`
        match args.next() {
            Some("sh" | "ash") => {}
            _ => return false,
        }
    }
    for arg in args {
        if arg == "-" || arg == "/dev/stdin" {
            return true;
        }
        if arg == "--" {
            return !shell;
        }
        if let Some(opts) = arg.strip_prefix('-') {
            if opts.starts_with('-') {
                // Long options: `--norc`, `--login`; none of them takes a script.
                continue;
            }
            if shell && opts.contains('s') {
                return true;
            }
            if opts.contains('c') || (!shell && (opts.contains('m') || opts.contains('e'))) {
                return false;
            }
            if shell && opts.starts_with('o') {
                // `-o pipefail`: the next word is the option's value.
                continue;
            }
            continue;
        }
        if arg.starts_with('+') {
            continue;
        }
        // A script file (or the value of `-o`): standard input is data.
        if matches!(arg, "pipefail" | "errexit" | "nounset" | "xtrace") {
            continue;
        }
        return false;
    }
    true
}

/// A command that builds the project (and so needs compilers or dev dependencies), with a
/// short label for messages: `npm run build`, `go build`, `cargo build`, `mvn package`...
pub(crate) fn build_step(command: &Command) -> Option<&'static str> {
    let (program, args) = invocation(command)?;
    // The subcommand is only looked for once the program is one that has them: most
    // commands are none of these.
    let sub = || subcommand(args, &[]).map_or((args.len(), ""), |(i, w)| (i, w.value.as_str()));
    let builds = |name: &str| {
        !name.is_empty() && (name.contains("build") || matches!(name, "compile" | "dist"))
    };
    // `run` followed by a build script (`npm run build:prod`).
    let runs_build_script = |(at, sub): (usize, &str)| {
        matches!(sub, "run" | "run-script")
            && args
                .get(at + 1..)
                .unwrap_or(&[])
                .iter()
                .find(|w| !w.value.starts_with('-'))
                .is_some_and(|w| builds(&w.value))
    };
    let any_arg = |names: &[&str]| args.iter().any(|w| names.contains(&w.value.as_str()));
    let label = match program {
        "npm" if runs_build_script(sub()) => "npm run build",
        "pnpm" | "yarn" => {
            let (at, s) = sub();
            match (program, s) {
                ("pnpm", "run") if runs_build_script((at, s)) => "pnpm run build",
                ("yarn", "run") if runs_build_script((at, s)) => "yarn run build",
                ("pnpm", s) if builds(s) => "pnpm build",
                ("yarn", s) if builds(s) => "yarn build",
                _ => return None,
            }
        }
        "tsc" => "tsc",
        "go" | "cargo" | "dotnet" => match (program, sub().1) {
            ("go", "build") => "go build",
            ("go", "install") => "go install",
            ("cargo", "build") => "cargo build",
            ("cargo", "install") => "cargo install",
            ("dotnet", "publish") => "dotnet publish",
            ("dotnet", "build") => "dotnet build",
            _ => return None,
        },
        "mvn" | "mvnw" if any_arg(&["package", "install", "verify"]) => "mvn package",
        "gradle" | "gradlew"
            if any_arg(&[
                "build",
                "assemble",
                "bootJar",
                "installDist",
                "shadowJar",
                "jar",
            ]) =>
        {
            "gradle build"
        }
        "pip" | "pip3" if sub().1 == "wheel" => "pip wheel",
        _ => return compiler(program),
    };
    Some(label)
}

/// Programs that compile native code.
fn compiler(program: &str) -> Option<&'static str> {
    Some(match program {
        "make" | "gmake" => "make",
        "cmake" => "cmake",
        "gcc" | "g++" | "cc" | "c++" | "clang" | "clang++" => "a C compiler",
        "javac" => "javac",
        "rustc" => "rustc",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::glob_is_literal;

    #[test]
    fn a_glob_in_quotes_or_after_a_backslash_is_literal() {
        for literal in [
            r#""/var/lib/apt/lists/*""#,
            "'/tmp/*'",
            r"/tmp/\*",
            r#""$HOME/.cache/*""#,
        ] {
            assert!(glob_is_literal(literal), "{literal}");
        }
        for glob in [
            "/var/lib/apt/lists/*",
            r#""/var/lib/apt/lists"/*"#,
            r#"'a'*"#,
            "/tmp/x",
        ] {
            assert!(!glob_is_literal(glob), "{glob}");
        }
    }

    use super::*;
    use crate::syntax::shell::parse_script;
    use crate::syntax::TextRange;

    #[test]
    fn a_comment_substitution_before_the_program_is_skipped() {
        let programs = |src: &str| -> Vec<String> {
            parse_script(src)
                .commands
                .iter()
                .filter(|c| !c.in_substitution)
                .filter_map(|c| invocation(c).map(|(p, _)| p.to_string()))
                .collect()
        };
        assert_eq!(
            programs("apt-get update && `# fetch the key` wget -q -O- https://example.org/k"),
            ["apt-get", "wget"]
        );
        assert_eq!(programs("$() curl -fsS x"), ["curl"]);
        // Quoted, it is an empty command name; a substitution that prints is the program.
        assert_eq!(programs("\"`# x`\" wget y"), ["`# x`"]);
        assert_eq!(programs("`which wget` -q y"), ["`which wget`"]);
    }

    #[test]
    fn stdin_readers() {
        let words = |s: &str| -> Vec<Word> {
            s.split_whitespace()
                .map(|w| Word {
                    range: TextRange::default(),
                    value: w.into(),
                    quoted: false,
                    dynamic: false,
                })
                .collect()
        };
        assert!(reads_program_from_stdin("sh", &words("")));
        assert!(reads_program_from_stdin("bash", &words("-s -- --yes")));
        assert!(reads_program_from_stdin("bash", &words("-e -o pipefail")));
        assert!(!reads_program_from_stdin("bash", &words("-c true")));
        assert!(!reads_program_from_stdin("sh", &words("script.sh")));
        assert!(reads_program_from_stdin("python3", &words("-")));
        assert!(!reads_program_from_stdin("python3", &words("-c print()")));
        assert!(!reads_program_from_stdin("python3", &words("-m json.tool")));
    }

    #[test]
    fn program_skips_wrappers_and_lookups() {
        let s = parse_script("sudo -E apt-get install x; command -v ssh; yes | apt-get install y");
        assert_eq!(program(&s.commands[0]), Some("apt-get"));
        assert_eq!(program(&s.commands[1]), None);
        assert!(fed_by_yes(&s, &s.commands[3]));
        assert!(!fed_by_yes(&s, &s.commands[0]));
    }

    #[test]
    fn package_manager_aliases() {
        assert_eq!(package_verb("dnf", "in"), "install");
        assert_eq!(package_verb("microdnf", "up-min"), "upgrade-minimal");
        assert_eq!(package_verb("yum", "rei"), "reinstall");
        assert_eq!(package_verb("zypper", "dup"), "dist-upgrade");
        assert_eq!(package_verb("apt-get", "in"), "in");
        assert!(is_package_verb("dnf5", "up", &["upgrade"]));
    }

    #[test]
    fn operands_skip_options_and_their_values() {
        let s = parse_script("apk add -t .deps --no-cache gcc -- -weird");
        let args = s.commands[0].args();
        let ops: Vec<_> = operands(args, 0, &["-t"])
            .map(|w| w.value.as_str())
            .collect();
        assert_eq!(ops, ["gcc", "-weird"]);
    }
}
