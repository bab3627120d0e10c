use crate::declare_rule;
use crate::rules::Checker;
use crate::syntax::{Args, InstructionKind, Str};

declare_rule! {
    /// ## What it does
    /// Checks for `ARG` defaults and `ENV` values that hold a credential, recognised by
    /// its shape rather than by the variable's name: AWS access key IDs (`AKIA...`),
    /// GitHub tokens (`ghp_...`, `github_pat_...`), GitLab (`glpat-...`), Slack
    /// (`xoxb-...`), Stripe live keys (`sk_live_...`), Google API keys (`AIza...`), npm
    /// (`npm_...`) and PyPI (`pypi-...`) tokens, and private keys
    /// (`-----BEGIN ... PRIVATE KEY-----`). AWS's documentation keys (`...EXAMPLE`) are
    /// not reported.
    ///
    /// ## Why is this bad?
    /// The secret is in the Dockerfile (so in version control) and in the image's config
    /// or history, readable by anyone who can pull it. Revoke it, then pass it at build
    /// time with a secret mount. Unlike `secret-name-in-arg-or-env`, this finds secrets
    /// under any name (`ENV GH=ghp_...`) and only reports values that are there.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.22
    /// ENV GH=ghp_R4nd0mL00k1ngT0k3nV4lu3F0rT3st1ng007
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.22
    /// RUN --mount=type=secret,id=gh,env=GH_TOKEN gh release download v1.0
    /// ```
    ///
    /// ## References
    /// - [Trivy secret scanning rules](https://trivy.dev/latest/docs/scanner/secret/)
    /// - [Docker docs: build secrets](https://docs.docker.com/build/building/secrets/)
    pub(crate) static RULE = {
        code: "SF405",
        name: "secret-in-arg-or-env-value",
        category: Security,
        severity: Error,
        default_enabled: true,
        buildkit: None,
        fix: None,
        check: check,
    }
}

fn check(checker: &Checker) {
    for inst in checker.instructions() {
        match (&inst.kind, &inst.args) {
            (InstructionKind::Env, Args::KeyValues(pairs)) => {
                for kv in pairs {
                    report(checker, &kv.value, &kv.value.value, "ENV", &kv.key.value);
                }
            }
            (InstructionKind::Arg, Args::Words(words)) => {
                for word in words {
                    if let Some((name, value)) = word.value.split_once('=') {
                        report(checker, word, value, "ARG", name);
                    }
                }
            }
            _ => {}
        }
    }
}

fn report(checker: &Checker, at: &Str, value: &str, keyword: &str, name: &str) {
    if let Some(kind) = find_secret(value) {
        checker.report(
            at.range,
            format!("{kind} in `{keyword} {name}`: pass it with a secret mount"),
        );
    }
}

/// A token prefix, what it is, the characters of its body and the body's length range.
struct TokenShape {
    prefix: &'static str,
    kind: &'static str,
    body: fn(u8) -> bool,
    min: usize,
    max: usize,
}

fn upper_digit(b: u8) -> bool {
    b.is_ascii_uppercase() || b.is_ascii_digit()
}
fn alnum(b: u8) -> bool {
    b.is_ascii_alphanumeric()
}
fn alnum_under(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}
fn alnum_dash_under(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'-'
}

const SHAPES: &[TokenShape] = &[
    TokenShape {
        prefix: "AKIA",
        kind: "AWS access key ID",
        body: upper_digit,
        min: 16,
        max: 16,
    },
    TokenShape {
        prefix: "ASIA",
        kind: "AWS access key ID",
        body: upper_digit,
        min: 16,
        max: 16,
    },
    TokenShape {
        prefix: "ghp_",
        kind: "GitHub token",
        body: alnum,
        min: 36,
        max: 36,
    },
    TokenShape {
        prefix: "gho_",
        kind: "GitHub token",
        body: alnum,
        min: 36,
        max: 36,
    },
    TokenShape {
        prefix: "ghu_",
        kind: "GitHub token",
        body: alnum,
        min: 36,
        max: 36,
    },
    TokenShape {
        prefix: "ghs_",
        kind: "GitHub token",
        body: alnum,
        min: 36,
        max: 36,
    },
    TokenShape {
        prefix: "ghr_",
        kind: "GitHub token",
        body: alnum,
        min: 36,
        max: 36,
    },
    TokenShape {
        prefix: "github_pat_",
        kind: "GitHub token",
        body: alnum_under,
        min: 59,
        max: 100,
    },
    TokenShape {
        prefix: "glpat-",
        kind: "GitLab token",
        body: alnum_dash_under,
        min: 20,
        max: 64,
    },
    TokenShape {
        prefix: "xoxb-",
        kind: "Slack token",
        body: alnum_dash_under,
        min: 20,
        max: 200,
    },
    TokenShape {
        prefix: "xoxp-",
        kind: "Slack token",
        body: alnum_dash_under,
        min: 20,
        max: 200,
    },
    TokenShape {
        prefix: "xoxa-",
        kind: "Slack token",
        body: alnum_dash_under,
        min: 20,
        max: 200,
    },
    TokenShape {
        prefix: "sk_live_",
        kind: "Stripe live key",
        body: alnum,
        min: 24,
        max: 200,
    },
    TokenShape {
        prefix: "rk_live_",
        kind: "Stripe live key",
        body: alnum,
        min: 24,
        max: 200,
    },
    TokenShape {
        prefix: "AIza",
        kind: "Google API key",
        body: alnum_dash_under,
        min: 35,
        max: 35,
    },
    TokenShape {
        prefix: "npm_",
        kind: "npm token",
        body: alnum,
        min: 36,
        max: 36,
    },
    TokenShape {
        prefix: "pypi-AgEIcHlwaS5vcmc",
        kind: "PyPI token",
        body: alnum_dash_under,
        min: 50,
        max: 500,
    },
];

/// What kind of secret `value` holds, if it holds one.
pub(crate) fn find_secret(value: &str) -> Option<&'static str> {
    if value.contains("-----BEGIN") && value.contains("PRIVATE KEY") {
        return Some("Private key");
    }
    // Most values (paths, versions, flags) are shorter than any token: skip the search.
    let shortest = SHAPES
        .iter()
        .map(|s| s.prefix.len() + s.min)
        .min()
        .unwrap_or(0);
    if value.len() < shortest {
        return None;
    }
    let bytes = value.as_bytes();
    // A token starts a word; most values have no word starting with any prefix, and this
    // one pass is much cheaper than a substring search per shape.
    let prefix_at = |at: usize| {
        (at == 0 || !alnum(bytes[at - 1]))
            && SHAPES
                .iter()
                .any(|s| bytes[at..].starts_with(s.prefix.as_bytes()))
    };
    if !(0..bytes.len()).any(prefix_at) {
        return None;
    }
    for shape in SHAPES {
        for (at, _) in value.match_indices(shape.prefix) {
            if at > 0 && alnum(bytes[at - 1]) {
                continue;
            }
            let start = at + shape.prefix.len();
            let len = bytes[start..]
                .iter()
                .take_while(|b| (shape.body)(**b))
                .count();
            let next_ok = bytes
                .get(start + len)
                .is_none_or(|b| !alnum(*b) && !(shape.body)(*b));
            if (shape.min..=shape.max).contains(&len)
                && next_ok
                && !value[at..start + len].contains("EXAMPLE")
            {
                return Some(shape.kind);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::find_secret;

    #[test]
    fn shapes() {
        assert_eq!(find_secret("AKIAIOSFODNN7EXAMPLE"), None);
        assert_eq!(
            find_secret("AKIAZZZZZZZZZZZZZZZZ"),
            Some("AWS access key ID")
        );
        assert_eq!(find_secret("xAKIAZZZZZZZZZZZZZZZZ"), None);
        assert_eq!(find_secret("AKIAZZZZZZZZZZZZZZZZZ"), None);
        assert_eq!(
            find_secret("\"ghp_R4nd0mL00k1ngT0k3nV4lu3F0rT3st1ng007\""),
            Some("GitHub token")
        );
        assert_eq!(find_secret("ghp_short"), None);
        assert_eq!(
            find_secret("\"-----BEGIN OPENSSH PRIVATE KEY-----\\nabc\""),
            Some("Private key")
        );
        assert_eq!(find_secret("/usr/share/keyrings/npm_key.gpg"), None);
    }
}
