use std::borrow::Cow;

use crate::declare_rule;
use crate::rules::shared::shell_values::value_in_scope;
use crate::rules::Checker;
use crate::semantic::quoting::unquote;
use crate::syntax::{Args, InstructionKind};

declare_rule! {
    /// ## What it does
    /// Checks for an `EXPOSE` of a port, or a port range, above 65535.
    ///
    /// ## Why is this bad?
    /// TCP and UDP ports are 16-bit numbers, from 0 to 65535. A larger number is a typo
    /// (`80800` for `8080`), and the build or the container's start fails on it.
    ///
    /// A port given by a variable is judged by what the stage sets it to (`ENV PORT=99999`
    /// then `EXPOSE $PORT`); one only the build knows is not reported.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM nginx:1.29
    /// EXPOSE 80800
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM nginx:1.29
    /// EXPOSE 8080
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3011](https://github.com/hadolint/hadolint/wiki/DL3011)
    /// - [Dockerfile reference: EXPOSE](https://docs.docker.com/reference/dockerfile/#expose)
    pub(crate) static RULE = {
        code: "DL3011",
        name: "expose-port-out-of-range",
        category: Correctness,
        severity: Error,
        default_enabled: true,
        buildkit: None,
        fix: None,
        check: check,
    }
}

fn check(checker: &Checker) {
    for (index, inst) in checker.instructions().iter().enumerate() {
        if inst.kind != InstructionKind::Expose {
            continue;
        }
        let Args::List(words) = &inst.args else {
            continue;
        };
        for word in words {
            // A port given by a variable is judged by what the stage sets it to.
            let Some(value) = value_in_scope(checker, index, &word.value) else {
                continue;
            };
            let spec = unquote(&value);
            let ports = spec.split_once('/').map_or(spec, |(ports, _)| ports);
            let out_of_range = ports.split([':', '-']).any(|p| {
                !p.is_empty()
                    && p.bytes().all(|b| b.is_ascii_digit())
                    && p.parse::<u32>().map_or(true, |n| n > 65535)
            });
            if out_of_range {
                let shown = match value {
                    Cow::Owned(_) => format!("{}` (`{spec}`)", word.value),
                    Cow::Borrowed(_) => format!("{spec}`"),
                };
                checker.report(
                    word.range,
                    format!("Port `{shown} is out of range: ports go from 0 to 65535"),
                );
            }
        }
    }
}
