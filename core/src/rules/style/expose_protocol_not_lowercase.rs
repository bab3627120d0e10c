use crate::declare_rule;
use crate::edit::Edit;
use crate::edit::Fix;
use crate::rules::Checker;
use crate::semantic::instructions::literal_exposed_ports;
use crate::semantic::instructions::sub_ranges;

declare_rule! {
    /// ## What it does
    /// Checks for a protocol written in upper or mixed case in `EXPOSE` (`80/TCP`).
    ///
    /// ## Why is this bad?
    /// BuildKit lower-cases the protocol anyway (the image records `80/tcp`); writing it
    /// as it will be read keeps the file consistent with the image and with other files.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM nginx:1.29
    /// EXPOSE 80/TCP
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM nginx:1.29
    /// EXPOSE 80/tcp
    /// ```
    ///
    /// ## Fix safety
    /// Safe: the image gets the same exposed port.
    ///
    /// ## References
    /// - [BuildKit check ExposeProtoCasing](https://docs.docker.com/reference/build-checks/expose-proto-casing/)
    pub(crate) static RULE = {
        code: "SF518",
        name: "expose-protocol-not-lowercase",
        category: Style,
        severity: Style,
        default_enabled: true,
        buildkit: Some("ExposeProtoCasing"),
        fix: Always,
        check: check,
    }
}

fn check(checker: &Checker) {
    for port in literal_exposed_ports(checker) {
        let value = port.value.as_str();
        let container_start = value.rfind(':').map_or(0, |i| i + 1);
        let Some(slash) = value[container_start..].find('/') else {
            continue;
        };
        let proto_start = container_start + slash + 1;
        let proto = &value[proto_start..];
        let lower = proto.to_ascii_lowercase();
        if lower == proto {
            continue;
        }
        let range = sub_ranges(port, checker.source())(proto_start, value.len());
        let fix = (checker.text(port.range) == value).then(|| {
            Fix::safe(
                format!("Write `{lower}`"),
                vec![Edit::replace(range, lower)],
            )
        });
        checker
            .report(
                port.range,
                format!("Protocol `{proto}` in `EXPOSE` is not lower case"),
            )
            .fix_opt(fix);
    }
}
