use crate::declare_rule;
use crate::rules::Checker;
use crate::semantic::commands::positionals;
use crate::semantic::commands::program_with_args;
use crate::syntax::shell::Word;

declare_rule! {
    /// ## What it does
    /// Checks for `go install`, `go get` and `go run` of a remote package without a
    /// version (`golang.org/x/tools/gopls` rather than `golang.org/x/tools/gopls@v0.16.2`),
    /// or with `@latest`.
    ///
    /// ## Why is this bad?
    /// Without a version, Go fetches whatever the latest release is on the day of the
    /// build: two builds of the same Dockerfile can differ, and a new release can break
    /// the image without any change to the file.
    ///
    /// Local packages (`.`, `./cmd/app`, `main.go`) and packages named through a variable
    /// are not reported. Off by default: pinning every tool is a policy choice.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM golang:1.23
    /// RUN go install golang.org/x/tools/gopls@latest
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM golang:1.23
    /// RUN go install golang.org/x/tools/gopls@v0.16.2
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3062](https://github.com/hadolint/hadolint/wiki/DL3062)
    pub(crate) static RULE = {
        code: "DL3062",
        name: "go-install-unpinned",
        category: Reproducibility,
        severity: Warning,
        default_enabled: false,
        buildkit: None,
        fix: None,
        programs: ["go"],
        check: check,
    }
}

/// Build flags of the go command that take a separate value.
const GO_VALUE_OPTIONS: [&str; 19] = [
    "-C",
    "-p",
    "-o",
    "-tags",
    "-ldflags",
    "-gcflags",
    "-asmflags",
    "-gccgoflags",
    "-buildmode",
    "-compiler",
    "-mod",
    "-modfile",
    "-overlay",
    "-pkgdir",
    "-toolexec",
    "-pgo",
    "-coverpkg",
    "-covermode",
    "-exec",
];

fn check(checker: &Checker) {
    for (_, _, script) in checker.run_scripts() {
        for command in &script.commands {
            let Some(("go", args)) = program_with_args(command) else {
                continue;
            };
            let mut words = positionals(args, &GO_VALUE_OPTIONS);
            let Some(sub) = words.next() else {
                continue;
            };
            let unpinned = match sub.value.as_str() {
                "install" | "get" => words.find(|w| !pinned(w)),
                // Everything after the package is the program's own arguments.
                "run" => words.next().filter(|w| !pinned(w)),
                _ => None,
            };
            if let Some(word) = unpinned {
                checker.report(
                    word.range,
                    format!("`go {} {}` without a fixed version", sub.value, word.value),
                );
            }
        }
    }
}

fn pinned(word: &Word) -> bool {
    let p = word.value.as_str();
    if word.dynamic
        || p.starts_with(['.', '/'])
        || p.ends_with(".go")
        || matches!(p, "all" | "std" | "cmd" | "tool")
    {
        return true;
    }
    match p.rsplit_once('@') {
        Some((_, version)) => !matches!(version, "latest" | "none" | ""),
        None => false,
    }
}
