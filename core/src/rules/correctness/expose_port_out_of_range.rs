use crate::declare_rule;
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
    /// Ports given by a variable (`EXPOSE $PORT`) are not reported.
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
    for inst in checker.instructions() {
        if inst.kind != InstructionKind::Expose {
            continue;
        }
        let Args::List(words) = &inst.args else {
            continue;
        };
        for word in words {
            let spec = unquote(&word.value);
            let ports = spec.split_once('/').map_or(spec, |(ports, _)| ports);
            let out_of_range = ports.split([':', '-']).any(|p| {
                !p.is_empty()
                    && p.bytes().all(|b| b.is_ascii_digit())
                    && p.parse::<u32>().map_or(true, |n| n > 65535)
            });
            if out_of_range {
                checker.report(
                    word.range,
                    format!("Port `{spec}` is out of range: ports go from 0 to 65535"),
                );
            }
        }
    }
}
