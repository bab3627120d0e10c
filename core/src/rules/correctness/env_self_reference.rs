use crate::declare_rule;
use crate::rules::Checker;
use crate::syntax::{Args, InstructionKind};

declare_rule! {
    /// ## What it does
    /// Checks for an `ENV` whose value refers to a variable that the same `ENV` sets, and
    /// that no earlier `ENV` or `ARG` defines.
    ///
    /// ## Why is this bad?
    /// All the values of one `ENV` are expanded before any of its variables is set, so
    /// `ENV JAVA_HOME=/opt/java PATH=$JAVA_HOME/bin:$PATH` puts `/bin` on the `PATH`, not
    /// `/opt/java/bin`. A variable referring to itself (`PATH=$PATH:/x`) is fine.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:trixie-slim
    /// ENV APP_HOME=/opt/app APP_BIN=$APP_HOME/bin
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:trixie-slim
    /// ENV APP_HOME=/opt/app
    /// ENV APP_BIN=$APP_HOME/bin
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3044](https://github.com/hadolint/hadolint/wiki/DL3044)
    /// - [Dockerfile reference: ENV](https://docs.docker.com/reference/dockerfile/#env)
    pub(crate) static RULE = {
        code: "DL3044",
        name: "env-self-reference",
        category: Correctness,
        severity: Error,
        default_enabled: true,
        buildkit: None,
        fix: None,
        check: check,
    }
}

fn check(checker: &Checker) {
    let escape = checker.df.escape();
    let mut defined: Vec<&str> = Vec::new();
    for inst in checker.instructions() {
        match (&inst.kind, &inst.args) {
            (InstructionKind::Arg, Args::Words(words)) => {
                defined.extend(
                    words
                        .iter()
                        .map(|w| w.value.split_once('=').map_or(w.value.as_str(), |(n, _)| n)),
                );
            }
            (InstructionKind::Env, Args::KeyValues(pairs)) => {
                for (j, pair) in pairs.iter().enumerate() {
                    let culprit = references(&pair.value.value, escape).find(|name| {
                        !defined.contains(name)
                            && pairs
                                .iter()
                                .enumerate()
                                .any(|(i, other)| i != j && other.key.value == *name)
                    });
                    if let Some(name) = culprit {
                        checker.report(
                            pair.range,
                            format!("`${name}` refers to a variable set in the same `ENV`"),
                        );
                    }
                }
                defined.extend(pairs.iter().map(|p| p.key.value.as_str()));
            }
            _ => {}
        }
    }
}

/// The names of the variables a value expands (`$NAME`, `${NAME}`, `${NAME:-x}`...),
/// outside single quotes and not escaped.
fn references(value: &str, escape: char) -> impl Iterator<Item = &str> {
    let bytes = value.as_bytes();
    let escape = escape as u8;
    let mut i = 0;
    let mut single = false;
    let mut double = false;
    std::iter::from_fn(move || {
        while i < bytes.len() {
            let b = bytes[i];
            i += 1;
            if single {
                single = b != b'\'';
                continue;
            }
            match b {
                _ if b == escape => i += 1,
                b'"' => double = !double,
                b'\'' if !double => single = true,
                b'$' => {
                    let braced = bytes.get(i) == Some(&b'{');
                    let start = i + usize::from(braced);
                    let len = bytes[start.min(bytes.len())..]
                        .iter()
                        .take_while(|c| c.is_ascii_alphanumeric() || **c == b'_')
                        .count();
                    if len > 0 {
                        i = start + len;
                        return Some(&value[start..start + len]);
                    }
                }
                _ => {}
            }
        }
        None
    })
}

#[cfg(test)]
mod tests {
    use super::references;

    #[test]
    fn finds_references_outside_single_quotes() {
        let found: Vec<_> = references(r#"$A:${B}:${C:-x}:'$D':\$E:"$F's $G""#, '\\').collect();
        assert_eq!(found, ["A", "B", "C", "F", "G"]);
    }
}
