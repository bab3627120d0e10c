use crate::declare_rule;
use crate::edit::Edit;
use crate::edit::Fix;
use crate::rules::Checker;
use crate::semantic::instructions::literal_exposed_ports;

declare_rule! {
    /// ## What it does
    /// Checks for `EXPOSE` with a host IP address or a host port (`EXPOSE 8080:80`,
    /// `EXPOSE 127.0.0.1:80:80`).
    ///
    /// ## Why is this bad?
    /// `EXPOSE` only documents the ports the container listens on; which host port or
    /// address to publish on is chosen by `docker run -p`. BuildKit throws the host part
    /// away (the image records the container port only) and says this will become an
    /// error.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM nginx:1.29
    /// EXPOSE 8080:80
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM nginx:1.29
    /// EXPOSE 80
    /// ```
    ///
    /// ## Fix safety
    /// Safe: keeps the container port (and protocol), which is all the image records.
    ///
    /// ## References
    /// - [BuildKit check ExposeInvalidFormat](https://docs.docker.com/reference/build-checks/expose-invalid-format/)
    pub(crate) static RULE = {
        code: "SF519",
        name: "expose-host-mapping",
        category: Correctness,
        severity: Warning,
        default_enabled: true,
        buildkit: Some("ExposeInvalidFormat"),
        fix: Always,
        check: check,
    }
}

fn check(checker: &Checker) {
    for port in literal_exposed_ports(checker) {
        let value = port.value.as_str();
        let Some(colon) = value.rfind(':') else {
            continue;
        };
        let container = &value[colon + 1..];
        let fix = (checker.text(port.range) == value && !container.is_empty()).then(|| {
            Fix::safe(
                format!("Keep the container port `{container}`"),
                vec![Edit::replace(port.range, container.to_string())],
            )
        });
        checker
            .report(
                port.range,
                format!("`EXPOSE {value}` maps a host address or port"),
            )
            .fix_opt(fix);
    }
}
