use crate::declare_rule;
use crate::rules::Checker;
use crate::syntax::{Args, InstructionKind};

declare_rule! {
    /// ## What it does
    /// Checks for `ARG` and `ENV` whose name says they hold a secret: a `_`-separated part
    /// of the name is `apikey`, `auth`, `credential(s)`, `key`, `password`, `pword`,
    /// `passwd`, `secret` or `token` (any case), and no part is `public`, `file` or
    /// `version`. This is BuildKit's heuristic, word for word; `ARG`s before the first
    /// `FROM` are not checked, as in BuildKit.
    ///
    /// To spare the false alarms BuildKit is known for, names are also let through when a
    /// part says the value is not the secret itself: a location or a name (`url`, `path`,
    /// `dir`, `name`, `sock`, `socket`), a setting (`type`, `backend`,
    /// `checking`, `empty`, `random`, `dont`), or a public
    /// signing key (`gpg`, `pgp`, when the secret-like part is only `key`:
    /// `ENV GPG_KEY`, `TINI_GPG_KEY`, `RABBITMQ_PGP_KEY_ID`).
    ///
    /// ## Why is this bad?
    /// `ENV` values are stored in the image config and `ARG` values in its build history:
    /// anyone who can pull the image can read them. Secrets belong in secret mounts
    /// (`RUN --mount=type=secret,id=token,env=TOKEN`), which leave nothing behind.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM amazon/aws-cli:2.27.0
    /// ARG AWS_SECRET_ACCESS_KEY
    /// RUN aws s3 cp s3://my-bucket/file .
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM amazon/aws-cli:2.27.0
    /// RUN --mount=type=secret,id=aws_secret_key,env=AWS_SECRET_ACCESS_KEY \
    ///     aws s3 cp s3://my-bucket/file .
    /// ```
    ///
    /// ## References
    /// - [BuildKit check SecretsUsedInArgOrEnv](https://docs.docker.com/reference/build-checks/secrets-used-in-arg-or-env/)
    /// - [Docker docs: build secrets](https://docs.docker.com/build/building/secrets/)
    pub(crate) static RULE = {
        code: "SF406",
        name: "secret-name-in-arg-or-env",
        category: Security,
        severity: Warning,
        default_enabled: true,
        buildkit: Some("SecretsUsedInArgOrEnv"),
        fix: None,
        check: check,
    }
}

const SECRET_PARTS: [&str; 10] = [
    "apikey",
    "auth",
    "credential",
    "credentials",
    "key",
    "password",
    "pword",
    "passwd",
    "secret",
    "token",
];

/// BuildKit's allow list.
const ALLOWED_PARTS: [&str; 3] = ["public", "file", "version"];

/// Ours: parts that say the value is not the secret itself.
const NOT_THE_SECRET_PARTS: [&str; 11] = [
    "url", "path", "dir", "name", "sock", "socket", "type", "backend", "empty", "random", "dont",
];

/// BuildKit's `(?i)(?:_|^)(?:tokens)(?:_|$)`, with its allow list and ours.
pub(crate) fn looks_secret(name: &str) -> bool {
    let has = |list: &[&str]| {
        name.split('_')
            .any(|part| list.iter().any(|t| part.eq_ignore_ascii_case(t)))
    };
    if !has(&SECRET_PARTS) || has(&ALLOWED_PARTS) || has(&NOT_THE_SECRET_PARTS) {
        return false;
    }
    // A public signing key: `GPG_KEY`, `PGP_KEY_ID`.
    let only_key = name.split('_').all(|part| {
        part.eq_ignore_ascii_case("key")
            || !SECRET_PARTS.iter().any(|t| part.eq_ignore_ascii_case(t))
    });
    !(only_key && has(&["gpg", "pgp"]))
}

fn check(checker: &Checker) {
    let Some(first) = checker.df.stages().first() else {
        return;
    };
    for inst in &checker.instructions()[first.from as usize..] {
        match (&inst.kind, &inst.args) {
            (InstructionKind::Arg, Args::Words(words)) => {
                for word in words {
                    let name = word.value.split('=').next().unwrap_or("");
                    if looks_secret(name) {
                        checker.report(
                            word.range,
                            format!("`ARG {name}` looks like a secret: use a secret mount"),
                        );
                    }
                }
            }
            (InstructionKind::Env, Args::KeyValues(pairs)) => {
                for kv in pairs {
                    if looks_secret(&kv.key.value) {
                        checker.report(
                            kv.key.range,
                            format!(
                                "`ENV {}` looks like a secret: use a secret mount",
                                kv.key.value
                            ),
                        );
                    }
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::looks_secret;

    #[test]
    fn buildkit_heuristic_and_ours() {
        for secret in [
            "AWS_SECRET_ACCESS_KEY",
            "api_key",
            "GITHUB_TOKEN",
            "AUTH",
            "db_Password",
        ] {
            assert!(looks_secret(secret), "{secret}");
        }
        for plain in [
            "KEYCLOAK_URL",
            "PASSWORD_FILE",
            "PUBLIC_KEY",
            "TOKEN_VERSION",
            "GPG_KEY",
            "TINI_GPG_KEY",
            "SSH_AUTH_SOCK",
            "MYSQL_ALLOW_EMPTY_PASSWORD",
            "TOKEN_URL",
        ] {
            assert!(!looks_secret(plain), "{plain}");
        }
        assert!(looks_secret("GPG_SECRET_KEY"));
    }
}
