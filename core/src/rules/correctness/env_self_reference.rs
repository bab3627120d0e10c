use std::collections::HashMap;

use crate::declare_rule;
use crate::rules::shared::name_set::NameSet;
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
    // Sets, not lists: a file of thousands of `ENV`s (or one `ENV` of thousands of pairs)
    // must not cost their square.
    let mut defined = NameSet::default();
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
                // How many pairs set each key, counted only for an `ENV` of many pairs.
                let keys: Option<HashMap<&str, usize>> = (pairs.len() > 32).then(|| {
                    let mut keys = HashMap::new();
                    for p in pairs {
                        *keys.entry(p.key.value.as_str()).or_default() += 1;
                    }
                    keys
                });
                for (j, pair) in pairs.iter().enumerate() {
                    // Another pair of this `ENV` sets `name` (this one may set it too).
                    let set_by_another = |name: &str| match &keys {
                        Some(keys) => {
                            keys.get(name).copied().unwrap_or(0)
                                > usize::from(pair.key.value == name)
                        }
                        None => pairs
                            .iter()
                            .enumerate()
                            .any(|(i, other)| i != j && other.key.value == name),
                    };
                    let culprit = references(&pair.value.value, escape)
                        .find(|name| !defined.contains(name) && set_by_another(name));
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
