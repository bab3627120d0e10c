use crate::declare_rule;
use crate::rules::Checker;
use crate::syntax::{ItemKind, TextRange};

declare_rule! {
    /// ## What it does
    /// Reports inline ignore comments, `# hadolint ignore=DL3008` and
    /// `# slimfile: ignore=DL3008`, on the lines above an instruction. Off by default:
    /// for teams that want every exception in the configuration file.
    ///
    /// ## Why is this bad?
    /// Inline ignores spread the project's exceptions across Dockerfiles, where nobody
    /// reviews them together, and they outlive the reason they were added for.
    ///
    /// File-wide `global ignore` comments are not reported.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:trixie-slim
    /// # hadolint ignore=DL3008
    /// RUN apt-get update && apt-get install -y --no-install-recommends curl
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:trixie-slim
    /// RUN apt-get update && apt-get install -y --no-install-recommends curl
    /// ```
    ///
    /// ## References
    /// - [hadolint DL1001](https://github.com/hadolint/hadolint/wiki/DL1001)
    pub(crate) static RULE = {
        code: "DL1001",
        name: "inline-ignore-pragma",
        category: Style,
        severity: Info,
        default_enabled: false,
        buildkit: None,
        fix: None,
        check: check,
    }
}

fn check(checker: &Checker) {
    for item in checker.df.items() {
        if item.kind != ItemKind::Comment {
            continue;
        }
        let text = checker.text(item.range);
        if let Some(tool) = inline_ignore(text) {
            let start = item.range.start + (text.len() - text.trim_start().len()) as u32;
            let range = TextRange::new(start, item.range.start + text.trim_end().len() as u32);
            checker.report(
                range,
                format!(
                    "Inline `# {tool} ignore=` comment: move the exception to the configuration"
                ),
            );
        }
    }
}

/// `hadolint` or `slimfile:` when the comment is an inline (not global) ignore.
fn inline_ignore(line: &str) -> Option<&'static str> {
    let body = line.trim().strip_prefix('#')?.trim_start();
    let (tool, rest) = [
        ("slimfile:", "slimfile:"),
        ("slimfile", "slimfile:"),
        ("hadolint", "hadolint"),
    ]
    .iter()
    .find_map(|(p, tool)| body.strip_prefix(p).map(|r| (*tool, r)))?;
    let rest = rest.trim_start().strip_prefix("ignore")?.trim_start();
    rest.starts_with('=').then_some(tool)
}
