use crate::declare_rule;
use crate::edit::Fix;
use crate::knowledge::package_managers::COMPILER_PACKAGES;
use crate::rules::messages::code_list_of;
use crate::rules::Checker;
use crate::semantic::commands::apt_recommends_off;
use crate::semantic::commands::build_step;
use crate::semantic::commands::invocation;
use crate::semantic::commands::subcommand;
use crate::semantic::images::named_for_development;
use crate::semantic::instructions::copy_parts;
use crate::semantic::instructions::reads_context;
use crate::syntax::shell::{Command, Script, Word};
use crate::syntax::{InstructionKind, TextRange};

declare_rule! {
    /// ## What it does
    /// Checks for a final image that keeps compilers or build steps: packages such as
    /// `build-essential`, `gcc`, `g++`, `make` or `-dev`/`-devel` headers installed to build
    /// the application (also `build-essential` brought by apt as a recommendation of
    /// `python3-pip`), or build commands (`npm run build`, `go build`, `cargo build`,
    /// `mvn package`, `gradle build`, `dotnet publish`, `pip wheel`, `make`...) run in the
    /// stage that ships.
    ///
    /// ## Why is this bad?
    /// A toolchain is often larger than the program it builds, and it stays in the image
    /// with the sources, the build caches and the dev dependencies. A multi-stage build
    /// compiles in a builder stage and copies only the result into a small runtime stage.
    ///
    /// Not reported when the `RUN` that installs or uses the tools also removes packages
    /// (`apt-get purge`, `apk del .build-deps`): it cleans up after itself. Compilers and
    /// headers alone are reported only when the image also copies files from the context
    /// and installs or builds the project (a toolchain or CI image is their product). Builder stages and a final stage named for
    /// development or tests (`dev`, `test`, `ci`) are not reported.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM golang:1.27
    /// WORKDIR /src
    /// COPY . .
    /// RUN go build -o /usr/local/bin/app .
    /// CMD ["app"]
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM golang:1.27 AS build
    /// WORKDIR /src
    /// COPY . .
    /// RUN CGO_ENABLED=0 go build -o /out/app .
    ///
    /// FROM gcr.io/distroless/static-debian13
    /// COPY --from=build /out/app /app
    /// CMD ["/app"]
    /// ```
    ///
    /// ## Fix safety
    /// Unsafe: for Node, Go, Python, Java and Rust images the fix splits the file into a
    /// builder stage (every build step, unchanged) and a runtime stage on a smaller image
    /// with the same C library, which gets what the stage model shows the image needs to run
    /// as before: every `ARG` and `ENV`; the OS packages the build installed that are not
    /// build tools; the packages whose shared libraries the copied files load and the
    /// runtime image lacks (found in the builder with `ldd` and `dpkg-query`, or `scanelf`
    /// on Alpine, as the official images find their own; a library no package provides,
    /// like the official image's own `libpython`, is never asked of the package manager);
    /// the users the build created; the application directory, the build output and every
    /// file written elsewhere (an entrypoint script, a downloaded binary, a file left in
    /// `/tmp`); the symbolic links the build made, made again; the deletions the build made
    /// of the image's own files (a default site), made again before the copies; and the
    /// `CMD`, `ENTRYPOINT`, `EXPOSE`, `USER`, `HEALTHCHECK` and labels unchanged. An
    /// untagged or `latest` builder is pinned with its runtime (`node:26` and
    /// `node:26-slim`), from the table the pin fix uses. Go
    /// runs on distroless `static` only when cgo is off, else on distroless `base`. The user
    /// is not changed and no setting (`NODE_ENV`, `CGO_ENABLED`) is added. When the model
    /// cannot show the runtime stage is complete — a command that may write anywhere (`make
    /// install`, a script, also one named like a system tool: `./awscli-bundle/install`), a
    /// package named by a variable (`apt-get install -y $EXTRA`), a `RUN` the shell cannot
    /// read, a program the runtime image lacks, a user it may not have,
    /// a runtime on a Debian release that left the mirrors (its `apt-get update` fails),
    /// Python 2 without `venv`, a path into `/usr/local/bin` (pip's programs move into the
    /// virtual environment, and the image's own Python does not see its packages), a
    /// process manager whose configuration is not read (supervisord), `ONBUILD` steps that
    /// the images built on this one run with its toolchain — the split is advice that says
    /// what is missing.
    ///
    /// ## References
    /// - [Docker docs: multi-stage builds](https://docs.docker.com/build/building/multi-stage/)
    /// - [Docker best practices: use multi-stage builds](https://docs.docker.com/build/building/best-practices/#use-multi-stage-builds)
    pub(crate) static RULE = {
        code: "SF106",
        name: "build-tools-in-final-image",
        category: Size,
        severity: Warning,
        default_enabled: true,
        buildkit: None,
        fix: Always,
        programs: ["npm", "pnpm", "yarn", "yarnpkg", "tsc", "go", "cargo", "mvn", "mvnw", "gradle", "gradlew", "dotnet", "pip", "python", "make", "gmake", "cmake", "gcc", "g++", "cc", "c++", "clang", "clang++", "javac", "rustc", "configure", "poetry", "uv", "pipenv", "pdm", "gem", "bundle", "bundler", "composer", "cpanm", "conda", "mamba"],
        check: check,
    }
}

fn check(checker: &Checker) {
    let Some(last) = checker.final_stage() else {
        return;
    };
    if last
        .name
        .as_ref()
        .is_some_and(|n| named_for_development(&n.value))
    {
        return;
    }
    let mut steps: Vec<(TextRange, &str)> = Vec::new();
    let mut packages: Vec<(TextRange, &str)> = Vec::new();
    let mut builds_project = false;
    for &i in checker.final_image_instructions() {
        if checker.instructions()[i].kind != InstructionKind::Run {
            continue;
        }
        let Some(script) = checker.script(i) else {
            continue;
        };
        if removes_packages(script) {
            continue;
        }
        for command in &script.commands {
            if let Some(label) = build_step(command) {
                steps.push((command.range, label));
                builds_project = true;
                continue;
            }
            builds_project |= installs_dependencies(command);
            if let Some(args) = package_install(command) {
                for name in args.iter().filter_map(build_package) {
                    packages.push((command.range, name));
                }
                // apt installs what pip recommends, the compilers among it, unless told not
                // to: named or not, they stay in the image.
                if recommends_compilers(command, args) {
                    packages.push((command.range, "build-essential"));
                }
            }
        }
    }
    if !builds_project || !copies_from_context(checker) {
        packages.clear();
    }
    let mut found: Vec<(TextRange, &str)> = steps.into_iter().chain(packages).collect();
    if found.is_empty() {
        return;
    }
    found.sort_by_key(|(r, _)| r.start);
    let range = found[0].0;
    let mut labels: Vec<&str> = Vec::new();
    for &(_, label) in &found {
        if !labels.contains(&label) {
            labels.push(label);
        }
    }
    let list = code_list_of(&labels, 4);
    checker
        .report(range, format!("The final image keeps build tools: {list}"))
        .fix(split_fix(checker));
}

/// The `RUN` removes packages (a build-deps cleanup): what it installs does not stay.
fn removes_packages(script: &Script) -> bool {
    script.commands.iter().any(|c| {
        let Some((program, args)) = invocation(c) else {
            return false;
        };
        let removing: &[&str] = match program {
            "apt-get" | "apt" | "aptitude" => &["purge", "remove", "autoremove"],
            "apk" => &["del"],
            "yum" | "dnf" | "microdnf" | "zypper" => &["remove", "erase", "autoremove", "rm"],
            "dpkg" => {
                return args
                    .iter()
                    .any(|w| matches!(w.value.as_str(), "--purge" | "-P" | "-r" | "--remove"))
            }
            _ => return false,
        };
        subcommand(args, &["-o", "-c", "-t"])
            .is_some_and(|(_, w)| removing.contains(&w.value.as_str()))
    })
}

/// An apt install, with recommended packages, of pip (`python3-pip`, `python-pip`), which
/// recommends `build-essential`.
fn recommends_compilers(command: &Command, args: &[Word]) -> bool {
    matches!(
        invocation(command).map(|(p, _)| p),
        Some("apt-get" | "apt" | "aptitude")
    ) && !apt_recommends_off(args)
        && args
            .iter()
            .any(|w| matches!(w.value.as_str(), "python3-pip" | "python-pip"))
}

/// The package arguments of an OS package install.
fn package_install(command: &Command) -> Option<&[Word]> {
    let (program, args) = invocation(command)?;
    let installing: &[&str] = match program {
        "apt-get" | "apt" | "aptitude" | "yum" | "dnf" | "microdnf" | "tdnf" => &["install"],
        "apk" => &["add"],
        "zypper" => &["install", "in"],
        _ => return None,
    };
    let (i, sub) = subcommand(args, &["-o", "-c", "-t", "--virtual", "-X", "--repository"])?;
    installing
        .contains(&sub.value.as_str())
        .then(|| &args[i + 1..])
}

/// A package that only builds code: compilers, `make`, headers.
fn build_package(word: &Word) -> Option<&str> {
    let v = word.value.as_str();
    if v.starts_with('-') || word.dynamic {
        return None;
    }
    let name = v.split(['=', '>', '<', '~']).next().unwrap_or(v);
    let compiler = COMPILER_PACKAGES.contains(&name)
        || name
            .strip_prefix("gcc-")
            .or_else(|| name.strip_prefix("g++-"))
            .is_some_and(|v| !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()));
    let headers = (name.ends_with("-dev") || name.ends_with("-devel")) && name.len() > 6;
    (compiler || headers).then_some(name)
}

/// Whether the final image copies files from the build context (a project to build),
/// not only from URLs or other stages.
fn copies_from_context(checker: &Checker) -> bool {
    checker.final_image_instructions().iter().any(|&i| {
        let inst = &checker.instructions()[i];
        reads_context(inst)
            && copy_parts(inst)
                .is_some_and(|(sources, _)| sources.iter().any(|s| !s.value.contains("://")))
    })
}

/// A language dependency install or a source build: what compilers in the image are for.
/// Global tool installs (`npm install -g`) do not count.
fn installs_dependencies(command: &Command) -> bool {
    let Some((program, args)) = invocation(command) else {
        return false;
    };
    let global = || {
        args.iter()
            .any(|w| matches!(w.value.as_str(), "-g" | "--global"))
    };
    // The program first: most commands install nothing, and need no look at their words.
    let installing: &[&str] = match program {
        "configure" => return !global(),
        python if python.starts_with("python") => {
            return !global()
                && args.first().is_some_and(|w| w.value == "-m")
                && args.get(1).is_some_and(|w| w.value.starts_with("pip"));
        }
        "npm" | "pnpm" | "yarn" | "yarnpkg" => &["install", "ci", "i", "add"],
        "pip" | "pip3" | "poetry" | "uv" | "pipenv" | "pdm" | "gem" | "bundle" | "bundler"
        | "composer" | "cpanm" | "conda" | "mamba" => &["install", "sync", "add"],
        "go" => &["get", "mod"],
        "cargo" => &["fetch"],
        "dotnet" => &["restore"],
        _ => return false,
    };
    if global() {
        return false;
    }
    match subcommand(args, &[]) {
        Some((_, sub)) => installing.contains(&sub.value.as_str()),
        // A bare `npm`/`yarn` installs too.
        None => matches!(program, "npm" | "pnpm" | "yarn" | "yarnpkg"),
    }
}

/// The multi-stage split, where we know the ecosystem's build output; advice elsewhere.
fn split_fix(checker: &Checker) -> Fix {
    use crate::rules::fixes::multistage::{split_into_stages, SplitOutcome};
    match split_into_stages(checker, Some(checker.context)) {
        SplitOutcome::Split(split) => Fix::unsafe_(
            format!(
                "Split into a builder stage and a `{}` runtime stage",
                split.runtime_image
            ),
            split.edits,
        ),
        SplitOutcome::Refused(why) => Fix::display_only(format!(
            "Split into a builder stage and a runtime stage ({why})"
        )),
        SplitOutcome::NotApplicable => {
            Fix::display_only("Split into a builder stage and a runtime stage")
        }
    }
}
