use crate::declare_rule;
use crate::rules::Checker;
use crate::semantic::commands::program;

declare_rule! {
    /// ## What it does
    /// Checks for a `RUN` that runs a command that makes no sense while building an
    /// image: `ssh`, `vim`, `shutdown`, `service`, `ps`, `free`, `top`, `kill`, `mount`.
    ///
    /// ## Why is this bad?
    /// A build step has no terminal, no init system and no long-running processes: an
    /// editor waits for input that never comes, `service` and `shutdown` act on a system
    /// that is not running, `ps`, `top` and `free` describe the build container rather
    /// than the image, and what `mount` or `ssh` reach is not part of the image. These
    /// commands usually come from an interactive session pasted into a Dockerfile.
    ///
    /// `command -v ssh` and `which ssh` only look a program up and are not reported, nor
    /// is `vim` run as a batch job that quits by itself (`vim +PlugInstall +qall`,
    /// `vim -es`), which is how vim plugins get installed.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:trixie-slim
    /// RUN service nginx start
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM nginx:1.29
    /// CMD ["nginx", "-g", "daemon off;"]
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3001](https://github.com/hadolint/hadolint/wiki/DL3001)
    pub(crate) static RULE = {
        code: "DL3001",
        name: "meaningless-command-in-run",
        category: Correctness,
        severity: Info,
        default_enabled: true,
        buildkit: None,
        fix: None,
        programs: ["free", "kill", "mount", "ps", "service", "shutdown", "ssh", "top", "vim"],
        check: check,
    }
}

const COMMANDS: [&str; 9] = [
    "free", "kill", "mount", "ps", "service", "shutdown", "ssh", "top", "vim",
];

fn check(checker: &Checker) {
    for (_index, _, script) in checker.run_scripts() {
        for command in &script.commands {
            let Some(name) = program(command).filter(|p| COMMANDS.contains(p)) else {
                continue;
            };
            if name == "vim" && vim_batch(command.args()) {
                continue;
            }
            checker.report(command.range, format!("`{name}` makes no sense in a `RUN`"));
        }
    }
}

/// `vim` that quits by itself: a `+q...`/`-c q...` command, Ex mode, or `--headless`.
fn vim_batch(args: &[crate::syntax::shell::Word]) -> bool {
    let quits = |cmd: &str| {
        let cmd = cmd.trim_start_matches([':', ' ']);
        cmd.starts_with('q') || cmd.starts_with("wq") || cmd.starts_with('x')
    };
    args.iter().enumerate().any(|(i, w)| {
        let v = w.value.as_str();
        v.strip_prefix('+').is_some_and(quits)
            || (v == "-c" && args.get(i + 1).is_some_and(|n| quits(&n.value)))
            || matches!(v, "-e" | "-E" | "-es" | "-Es" | "-s" | "--headless")
    })
}
