use crate::declare_rule;
use crate::rules::Checker;
use crate::syntax::{Args, InstructionKind};

declare_rule! {
    /// ## What it does
    /// Checks for `EXPOSE 22` (also `22/tcp`) in the image built by default.
    ///
    /// ## Why is this bad?
    /// Port 22 means an SSH server runs in the container: one more service with its own
    /// credentials to attack and keep patched. `docker exec` (or `kubectl exec`) gives a
    /// shell without it.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:trixie-slim
    /// EXPOSE 22 8080
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:trixie-slim
    /// EXPOSE 8080
    /// ```
    ///
    /// ## References
    /// - [Checkov CKV_DOCKER_1: port 22 exposed](https://www.checkov.io/5.Policy%20Index/dockerfile.html)
    pub(crate) static RULE = {
        code: "SF404",
        name: "ssh-port-exposed",
        category: Security,
        severity: Warning,
        default_enabled: true,
        buildkit: None,
        fix: None,
        check: check,
    }
}

fn check(checker: &Checker) {
    for stage in checker.final_stages() {
        for inst in &checker.instructions()[stage.instruction_range()] {
            if inst.kind != InstructionKind::Expose {
                continue;
            }
            let Args::List(ports) = &inst.args else {
                continue;
            };
            for port in ports {
                let container = port.value.rsplit(':').next().unwrap_or("");
                let (number, proto) = container.split_once('/').unwrap_or((container, "tcp"));
                if number == "22" && proto.eq_ignore_ascii_case("tcp") {
                    checker.report(port.range, "Port 22 (SSH) is exposed");
                }
            }
        }
    }
}
