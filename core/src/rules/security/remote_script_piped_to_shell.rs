use crate::declare_rule;
use crate::rules::Checker;
use crate::semantic::commands::interpreter_name;
use crate::semantic::commands::invocation;
use crate::semantic::commands::is_shell;
use crate::semantic::commands::reads_program_from_stdin;
use crate::semantic::commands::INTERPRETERS;
use crate::syntax::shell::{Command, Connector, Script, Word};
use crate::syntax::InstructionKind;

declare_rule! {
    /// ## What it does
    /// Checks for `RUN` steps that download a script and run it in the same breath:
    /// `curl ... | sh`, `wget -qO- ... | bash`, `curl ... | sudo -E bash -`,
    /// `curl ... | python3 -`, `sh -c "$(curl ...)"`, `bash <(curl ...)` and
    /// `eval "$(curl ...)"`.
    ///
    /// ## Why is this bad?
    /// Whatever the server (or anyone between it and the builder) sends runs with the
    /// build's privileges, and nothing checks that it is the script that was reviewed. A
    /// changed script also changes the image without any change to the Dockerfile.
    /// Download to a file, check its checksum (or pin a release and verify its
    /// signature), then run it.
    ///
    /// An interpreter given an inline program (`python3 -c '...'`) or a script file only
    /// reads the download as data and is not reported.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:trixie-slim
    /// RUN curl -fsSL https://example.com/install.sh | sh
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:trixie-slim
    /// RUN curl -fsSLo /tmp/install.sh https://example.com/install.sh \
    ///     && echo "<sha256>  /tmp/install.sh" | sha256sum -c - \
    ///     && sh /tmp/install.sh
    /// ```
    ///
    /// ## References
    /// - [Docker docs: ADD --checksum](https://docs.docker.com/reference/dockerfile/#add---checksum)
    /// - [Docker docs: build best practices](https://docs.docker.com/build/building/best-practices/)
    pub(crate) static RULE = {
        code: "SF401",
        name: "remote-script-piped-to-shell",
        category: Security,
        severity: Error,
        default_enabled: true,
        buildkit: None,
        fix: None,
        programs: ["curl", "wget"],
        check: check,
    }
}

fn check(checker: &Checker) {
    for (index, script) in checker.scripts_running_programs() {
        let inst = &checker.instructions()[index];
        if inst.kind != InstructionKind::Run {
            continue;
        }
        for (k, command) in script.commands.iter().enumerate() {
            if command.connector == Connector::Pipe {
                if let Some((runner, fetcher)) = piped(&script.commands, k) {
                    checker.report(
                        fetcher.range.cover(command.range),
                        format!(
                            "Script downloaded with `{}` is piped to `{runner}`",
                            fetcher_name(fetcher)
                        ),
                    );
                }
            }
            if command.in_substitution && downloads_to_stdout(command) {
                if let Some((runner, outer)) = run_substitution(script, command) {
                    checker.report(
                        outer.range,
                        format!(
                            "Script downloaded with `{}` is run by `{runner}`",
                            fetcher_name(command)
                        ),
                    );
                }
            }
        }
    }
}

fn fetcher_name(command: &Command) -> &str {
    invocation(command).map_or("curl", |(p, _)| p)
}

/// The shell or interpreter that `commands[k]` is, when it reads its program from a pipe
/// fed by a download, and that download.
fn piped(commands: &[Command], k: usize) -> Option<(&str, &Command)> {
    let runner = runner(&commands[k])?;
    let depth = commands[k].depth;
    let mut element = k;
    // Walk back through the elements of the pipeline (`curl | tee x | sh`).
    while commands[element].connector == Connector::Pipe {
        let prev = (0..element).rev().find(|&j| commands[j].depth <= depth)?;
        if commands[prev].depth != depth {
            return None;
        }
        if downloads_to_stdout(&commands[prev]) {
            return Some((runner, &commands[prev]));
        }
        element = prev;
    }
    None
}

/// A shell or interpreter that runs what it reads on standard input.
fn runner(command: &Command) -> Option<&str> {
    let (program, args) = invocation(command)?;
    let name = interpreter_name(program);
    let known = is_shell(name) || INTERPRETERS.contains(&name);
    (known && reads_program_from_stdin(name, args)).then_some(program)
}

/// `curl` without an output file, or `wget -O -`.
fn downloads_to_stdout(command: &Command) -> bool {
    match invocation(command) {
        Some(("curl", args)) => curl_to_stdout(args),
        Some(("wget", args)) => wget_to_stdout(args),
        _ => false,
    }
}

fn is_stdout(path: &str) -> bool {
    path == "-" || path == "/dev/stdout"
}

/// `curl` writes to standard output unless `-o file`, `-O` or `--output file` says
/// otherwise (`-o -` and `-o-` still mean standard output).
fn curl_to_stdout(args: &[Word]) -> bool {
    let mut words = args.iter().map(|w| w.value.as_str());
    let mut to_stdout = true;
    while let Some(w) = words.next() {
        if let Some(v) = w.strip_prefix("--output=") {
            to_stdout = is_stdout(v);
        } else if w == "--output" {
            to_stdout = words.next().is_some_and(is_stdout);
        } else if matches!(w, "--remote-name" | "--remote-name-all" | "--output-dir") {
            to_stdout = false;
        } else if w.starts_with('-') && !w.starts_with("--") {
            if w.contains('O') {
                to_stdout = false;
            } else if let Some(at) = w.find('o') {
                let rest = &w[at + 1..];
                to_stdout = if rest.is_empty() {
                    words.next().is_some_and(is_stdout)
                } else {
                    is_stdout(rest)
                };
            }
        }
    }
    to_stdout
}

fn wget_to_stdout(args: &[Word]) -> bool {
    let mut words = args.iter().map(|w| w.value.as_str());
    while let Some(w) = words.next() {
        if let Some(v) = w.strip_prefix("--output-document=") {
            return is_stdout(v);
        }
        if w == "--output-document" {
            return words.next().is_some_and(is_stdout);
        }
        if w.starts_with('-') && !w.starts_with("--") {
            if let Some(at) = w.find('O') {
                let rest = &w[at + 1..];
                return if rest.is_empty() {
                    words.next().is_some_and(is_stdout)
                } else {
                    is_stdout(rest)
                };
            }
        }
    }
    false
}

/// For a download inside `$( )` or `<( )`: the command that runs its output as a
/// program (`sh -c "$(curl ..)"`, `bash <(curl ..)`, `eval "$(curl ..)"`).
fn run_substitution<'s>(script: &'s Script, download: &Command) -> Option<(&'s str, &'s Command)> {
    let outer = script.commands.iter().rev().find(|c| {
        c.depth < download.depth
            && c.words
                .iter()
                .any(|w| w.range.contains_range(download.range))
    })?;
    let (program, args) = invocation(outer)?;
    let position = args
        .iter()
        .position(|w| w.range.contains_range(download.range))?;
    let word = &args[position];
    let process_substitution = word.value.starts_with("<(");
    let name = interpreter_name(program);
    let runs = match name {
        "eval" => true,
        "source" | "." => process_substitution,
        _ if is_shell(name) || INTERPRETERS.contains(&name) => {
            process_substitution
                || position.checked_sub(1).is_some_and(|p| {
                    let prev = args[p].value.as_str();
                    prev.starts_with('-') && !prev.starts_with("--") && prev.contains('c')
                })
        }
        _ => false,
    };
    runs.then_some((program, outer))
}
