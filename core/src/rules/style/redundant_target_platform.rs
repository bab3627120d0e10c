use crate::declare_rule;
use crate::rules::queries_bk::{expand, for_each_var, platform_flag};
use crate::rules::{Checker, Edit, Fix};
use crate::syntax::TextRange;

declare_rule! {
    /// ## What it does
    /// Checks for `FROM --platform=$TARGETPLATFORM`.
    ///
    /// ## Why is this bad?
    /// A stage is built for the target platform by default: the flag says nothing and
    /// makes readers wonder why it is there (next to stages that do need
    /// `--platform=$BUILDPLATFORM`).
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM --platform=$TARGETPLATFORM alpine:3.22 AS builder
    /// RUN apk add --no-cache git
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.22 AS builder
    /// RUN apk add --no-cache git
    /// ```
    ///
    /// ## Fix safety
    /// Safe: removes the flag; the stage is built for the same platform.
    ///
    /// ## References
    /// - [BuildKit check RedundantTargetPlatform](https://docs.docker.com/reference/build-checks/redundant-target-platform/)
    pub(crate) static RULE = {
        code: "SF520",
        name: "redundant-target-platform",
        category: Style,
        severity: Info,
        default_enabled: true,
        buildkit: Some("RedundantTargetPlatform"),
        fix: Always,
        check: check,
    }
}

const MARK: &str = "\u{1}";

fn check(checker: &Checker) {
    let escape = checker.df.escape();
    let source = checker.source();
    for stage in checker.df.stages() {
        let inst = &checker.instructions()[stage.from as usize];
        let Some(flag) = platform_flag(inst) else {
            continue;
        };
        let value = flag.value().unwrap_or("");
        let mut names = Vec::new();
        for_each_var(value, escape, |r| names.push(r.name(value)));
        if names != ["TARGETPLATFORM"] {
            continue;
        }
        let expanded = expand(value, escape, &|n| {
            (n == "TARGETPLATFORM").then(|| MARK.into())
        });
        if expanded.as_deref() != Some(MARK) {
            continue;
        }
        // The flag and the blanks after it.
        let after = source[flag.range.end as usize..]
            .bytes()
            .take_while(|b| *b == b' ' || *b == b'\t')
            .count();
        let range = TextRange::new(flag.range.start, flag.range.end + after as u32);
        checker
            .report(
                flag.range,
                "`--platform=$TARGETPLATFORM` is the default".to_string(),
            )
            .fix(Fix::safe("Remove the flag", vec![Edit::delete(range)]));
    }
}
