use crate::declare_rule;
use crate::edit::Edit;
use crate::edit::Fix;
use crate::rules::Checker;
use crate::syntax::{Args, InstructionKind, TextRange};

declare_rule! {
    /// ## What it does
    /// Checks for the `MAINTAINER` instruction.
    ///
    /// ## Why is this bad?
    /// `MAINTAINER` is deprecated. The author of an image belongs in the
    /// `org.opencontainers.image.authors` label, which registries and tools read.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:trixie-slim
    /// MAINTAINER Jane Doe <jane@example.com>
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:trixie-slim
    /// LABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"
    /// ```
    ///
    /// ## Fix safety
    /// Safe: replaces the instruction with the label, keeping the keyword's case. The text
    /// is quoted and escaped so that it stays exactly as written. (The image no longer
    /// records the deprecated `Author` field.)
    ///
    /// ## References
    /// - [hadolint DL4000](https://github.com/hadolint/hadolint/wiki/DL4000)
    /// - [BuildKit check MaintainerDeprecated](https://docs.docker.com/reference/build-checks/maintainer-deprecated/)
    pub(crate) static RULE = {
        code: "DL4000",
        name: "maintainer-deprecated",
        category: Style,
        severity: Error,
        default_enabled: true,
        buildkit: Some("MaintainerDeprecated"),
        fix: Sometimes,
        check: check,
    }
}

fn check(checker: &Checker) {
    let escape = checker.df.escape();
    for inst in checker.instructions() {
        if inst.kind != InstructionKind::Maintainer {
            continue;
        }
        let fix = match &inst.args {
            Args::Text(author) if !author.value.trim().is_empty() => {
                let keyword = &inst.keyword.value;
                let label = if keyword.bytes().all(|b| b.is_ascii_lowercase()) {
                    "label"
                } else if keyword.bytes().skip(1).all(|b| b.is_ascii_lowercase()) {
                    "Label"
                } else {
                    "LABEL"
                };
                let mut quoted = String::with_capacity(author.value.len() + 2);
                for c in author.value.trim().chars() {
                    if c == '"' || c == '$' || c == escape {
                        quoted.push(escape);
                    }
                    quoted.push(c);
                }
                let range = TextRange::new(inst.keyword.range.start, author.range.end);
                Some(Fix::safe(
                    "Replace with `LABEL org.opencontainers.image.authors`",
                    vec![Edit::replace(
                        range,
                        format!("{label} org.opencontainers.image.authors=\"{quoted}\""),
                    )],
                ))
            }
            _ => None,
        };
        checker
            .report(inst.keyword.range, "`MAINTAINER` is deprecated")
            .fix_opt(fix);
    }
}
