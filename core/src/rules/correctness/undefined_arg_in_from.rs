use crate::declare_rule;
use crate::rules::messages::suggest;
use crate::rules::Checker;
use crate::semantic::instructions::flag_value_range;
use crate::semantic::instructions::platform_flag;
use crate::semantic::instructions::sub_ranges;
use crate::semantic::variables::for_each_var;
use crate::syntax::TextRange;

declare_rule! {
    /// ## What it does
    /// Checks for variables in `FROM` (the image or `--platform`) that no `ARG` before the
    /// first `FROM` declares and that are not one of BuildKit's platform arguments
    /// (`BUILDPLATFORM`, `TARGETARCH`...).
    ///
    /// ## Why is this bad?
    /// `FROM` only sees the `ARG`s declared before the first `FROM`. An undeclared name
    /// expands to an empty string, even when `--build-arg` gives it a value, so the
    /// build pulls another image than meant, or fails. Misspelt platform arguments
    /// (`$TARGETPLATFROM`) are the usual cause.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:22${VARIANT} AS build
    /// RUN node --version
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// ARG VARIANT="-alpine"
    /// FROM node:22${VARIANT} AS build
    /// RUN node --version
    /// ```
    ///
    /// ## References
    /// - [BuildKit check UndefinedArgInFrom](https://docs.docker.com/reference/build-checks/undefined-arg-in-from/)
    /// - [Dockerfile reference: understand how ARG and FROM interact](https://docs.docker.com/reference/dockerfile/#understand-how-arg-and-from-interact)
    pub(crate) static RULE = {
        code: "SF515",
        name: "undefined-arg-in-from",
        category: Correctness,
        severity: Warning,
        default_enabled: true,
        buildkit: Some("UndefinedArgInFrom"),
        fix: None,
        check: check,
    }
}

fn check(checker: &Checker) {
    let stages = checker.df.stages();
    if stages.is_empty() {
        return;
    }
    let globals = checker.global_args();
    let escape = checker.df.escape();
    let source = checker.source();
    for stage in stages {
        let inst = &checker.instructions()[stage.from as usize];
        let mut found: Vec<(&str, TextRange)> = Vec::new();
        if let Some(image) = &stage.image {
            let at = sub_ranges(image, source);
            for_each_var(&image.value, escape, |r| {
                found.push((r.name(&image.value), at(r.dollar, r.end)));
            });
        }
        if let Some(flag) = platform_flag(inst) {
            let value = flag.value().unwrap_or("");
            for_each_var(value, escape, |r| {
                found.push((
                    r.name(value),
                    flag_value_range(flag, source, r.dollar, r.end),
                ));
            });
        }
        let mut reported: Vec<&str> = Vec::new();
        for &(name, range) in &found {
            if globals.is_declared(name) || reported.contains(&name) {
                continue;
            }
            reported.push(name);
            let hint = suggest(name, globals.names())
                .map(|s| format!(" (did you mean `{s}`?)"))
                .unwrap_or_default();
            checker.report(
                range,
                format!("`FROM` uses `{name}`, which no global `ARG` declares{hint}"),
            );
        }
    }
}
