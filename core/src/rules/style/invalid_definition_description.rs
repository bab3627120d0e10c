use crate::declare_rule;
use crate::rules::Checker;
use crate::semantic::comments::prev_comments;
use crate::syntax::{Args, InstructionKind};

declare_rule! {
    /// ## What it does
    /// Checks the comment right above a named `FROM ... AS name` or an `ARG`: BuildKit
    /// takes it as the description of the stage or argument, and it should start with
    /// that name (`# VERSION the release to build` above `ARG VERSION`). BuildKit's
    /// experimental check InvalidDefinitionDescription, off by default here too; as in
    /// BuildKit, a file's `# check=experimental=InvalidDefinitionDescription` (or
    /// `experimental=all`) directive turns it on, unless the settings ignore it or list the
    /// rules to run (`select`).
    ///
    /// ## Why is this bad?
    /// `docker buildx build --call=outline` and `--call=targets` print these comments as
    /// the descriptions of build arguments and targets. A comment that does not start with
    /// the name is either a description with a typo or a note that is not meant as one.
    ///
    /// As BuildKit reads them, the comments of an instruction are all the comment lines
    /// since the previous instruction and the last one is the description; a blank line
    /// does not end them (BuildKit's documentation says it does, its parser does not), an
    /// empty `#` line does. Stage names are compared in lower case, as BuildKit stores
    /// them; argument names as written.
    ///
    /// ## Example
    /// ```dockerfile
    /// # the toolchain to build with
    /// ARG GO_VERSION=1.25
    /// FROM golang:${GO_VERSION} AS build
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// # GO_VERSION the toolchain to build with
    /// ARG GO_VERSION=1.25
    /// # build compiles the server
    /// FROM golang:${GO_VERSION} AS build
    /// ```
    ///
    /// ## Fix safety
    /// No automatic fix: whether the comment is a description with a typo or a note is
    /// for the author to say. To keep a note, end the comments with an empty `#` line.
    ///
    /// ## References
    /// - [BuildKit check InvalidDefinitionDescription](https://docs.docker.com/reference/build-checks/invalid-definition-description/)
    pub(crate) static RULE = {
        code: "SF523",
        name: "invalid-definition-description",
        category: Style,
        severity: Warning,
        default_enabled: false,
        buildkit: Some("InvalidDefinitionDescription"),
        fix: None,
        check: check,
    }
}

fn check(checker: &Checker) {
    for inst in checker.instructions() {
        let (keyword, names): (&str, Vec<String>) = match (&inst.kind, &inst.args) {
            (InstructionKind::From, Args::List(words)) => match words.as_slice() {
                [_, as_kw, name] if as_kw.value.eq_ignore_ascii_case("as") => {
                    ("FROM", vec![name.value.as_str().to_ascii_lowercase()])
                }
                _ => continue,
            },
            (InstructionKind::Arg, Args::Words(words)) if !words.is_empty() => {
                let keys = words.iter().map(|w| {
                    let v = w.value.as_str();
                    v.split_once('=').map_or(v, |(key, _)| key).to_string()
                });
                ("ARG", keys.collect())
            }
            _ => continue,
        };
        let Some(description) = prev_comments(checker.df, inst.range.start).next_back() else {
            continue;
        };
        let first = description.split(' ').next().unwrap_or("");
        if names.iter().any(|n| n == first) {
            continue;
        }
        let example = match names.as_slice() {
            [one] => one.as_str(),
            _ => "<arg_key>",
        };
        checker.report(
            inst.range,
            format!("Comment for {keyword} should follow the format: `# {example} <description>`"),
        );
    }
}
