use crate::declare_rule;
use crate::rules::Checker;
use crate::semantic::images::is_valid_image_reference;
use crate::semantic::variables::expand;
use crate::semantic::variables::for_each_var;

declare_rule! {
    /// ## What it does
    /// Checks for a `FROM` whose image, built from global `ARG`s, is empty or not a valid
    /// image name when no `--build-arg` is given (`ARG TAG` then `FROM alpine:${TAG}`).
    ///
    /// ## Why is this bad?
    /// The file only builds when the caller knows which build arguments to pass; a plain
    /// `docker build .` fails with "invalid reference format". A default for the `ARG`
    /// (or `${TAG:-3.22}`) makes the file build on its own.
    ///
    /// Variables that no global `ARG` declares are left to `undefined-arg-in-from`.
    ///
    /// ## Example
    /// ```dockerfile
    /// ARG TAG
    /// FROM alpine:${TAG}
    /// RUN echo hello
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// ARG TAG=3.22
    /// FROM alpine:${TAG}
    /// RUN echo hello
    /// ```
    ///
    /// ## References
    /// - [BuildKit check InvalidDefaultArgInFrom](https://docs.docker.com/reference/build-checks/invalid-default-arg-in-from/)
    pub(crate) static RULE = {
        code: "SF516",
        name: "invalid-default-arg-in-from",
        category: Correctness,
        severity: Warning,
        default_enabled: true,
        buildkit: Some("InvalidDefaultArgInFrom"),
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
    for stage in stages {
        let Some(image) = &stage.image else {
            continue;
        };
        let mut vars = 0;
        let mut undeclared = false;
        for_each_var(&image.value, escape, |r| {
            vars += 1;
            undeclared |= !globals.is_declared(r.name(&image.value));
        });
        if vars == 0 || undeclared {
            continue;
        }
        let Some(result) = expand(&image.value, escape, &|n| {
            globals.value(n).map(str::to_string)
        }) else {
            continue;
        };
        if is_valid_image_reference(&result) {
            continue;
        }
        let what = if result.is_empty() {
            "an empty image name".to_string()
        } else {
            format!("`{result}`, not a valid image name")
        };
        checker.report(
            image.range,
            format!(
                "With the `ARG` defaults, `FROM {}` gives {what}",
                image.value
            ),
        );
    }
}
