use crate::declare_rule;
use crate::rules::Checker;
use crate::syntax::{Args, Instruction, InstructionKind, Str};

declare_rule! {
    /// ## What it does
    /// Checks for `ARG` and `ENV` variables whose name says they hold a secret: a password,
    /// a token, a secret, a private or API key, a service's user name (`NPM_TOKEN`,
    /// `DB_PASSWORD`, `AWS_SECRET_ACCESS_KEY`, `DOCKER_USERNAME`...).
    ///
    /// ## Why is this bad?
    /// `ENV` values are stored in the image's configuration and `ARG` values in its build
    /// history: anyone who can pull the image can read them. Pass secrets with a secret
    /// mount (`RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN ...`) instead.
    ///
    /// A name ending in `KEY`, `AUTH`, `CREDENTIAL(S)` or `PWORD` counts too, as in BuildKit's
    /// check (`LICENSE_KEY`, `COMPOSER_AUTH`), but not with those words in the middle
    /// (`APT_KEY_DONT_WARN_ON_DANGEROUS_USAGE`, `SSH_AUTH_SOCK`), nor an OpenPGP key's
    /// fingerprint (`GPG_KEY`, which the official images set): see
    /// docs/buildkit-differences.md.
    ///
    /// Names that point at a secret rather than hold one are not reported: those with a
    /// `FILE`, `PATH`, `DIR` or `URL` part after the word that names the secret
    /// (`POSTGRES_PASSWORD_FILE`; `FILE_IMPORT_PASSWORD` is reported), those with a
    /// `PUBLIC` (`PUB`) or `VERSION` part, and a bare `USERNAME`, the usual name of the
    /// container's own user.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:22-slim
    /// ARG NPM_TOKEN
    /// RUN npm ci
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM node:22-slim
    /// RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3064](https://github.com/hadolint/hadolint/wiki/DL3064)
    /// - [BuildKit check SecretsUsedInArgOrEnv](https://docs.docker.com/reference/build-checks/secrets-used-in-arg-or-env/)
    /// - [Build secrets](https://docs.docker.com/build/building/secrets/)
    pub(crate) static RULE = {
        code: "DL3064",
        name: "secret-in-arg-or-env",
        category: Security,
        severity: Warning,
        default_enabled: true,
        buildkit: Some("SecretsUsedInArgOrEnv"),
        fix: None,
        check: check,
    }
}

/// Credentials whose names the word rules below miss.
const KNOWN: [&str; 5] = [
    "APPLICATION_KEY",
    "AWS_ACCESS_KEY_ID",
    "CI_DEPLOY_USER",
    "HEROKU_API_USER",
    "OKTA_OAUTH2_CLIENTID",
];

/// A name part ending with one of these holds a secret (`DB_PASSWORD`, `AUTHTOKEN`).
const SECRET_WORDS: [&str; 10] = [
    "password",
    "passwords",
    "passwd",
    "secret",
    "secrets",
    "token",
    "tokens",
    "private",
    "apikey",
    "clientkey",
];

/// Words that name a secret when they end the name (`LICENSE_KEY`, `COMPOSER_AUTH`,
/// `AUTH`), as BuildKit's check reads them, but not in the middle of one, where they
/// mostly qualify something else (`APT_KEY_DONT_WARN_ON_DANGEROUS_USAGE`,
/// `ANSIBLE_HOST_KEY_CHECKING`, `SSH_AUTH_SOCK`, `AUTH_SERVER`).
const SECRET_LAST_WORDS: [&str; 5] = ["key", "auth", "credential", "credentials", "pword"];

/// Parts of a key's name saying it is an OpenPGP key's fingerprint, which is public
/// (`GPG_KEY` in the official images, `TINI_GPG_KEY`).
const FINGERPRINT_PARTS: [&str; 3] = ["gpg", "pgp", "gnupg"];

/// Name parts that, after the word that names the secret, say the variable points at it
/// (`POSTGRES_PASSWORD_FILE`, `SSL_KEY_PATH`); `PUBLIC` (`PUB`) or `VERSION` anywhere says
/// it is no secret (`SSH_PUB_KEY`, `AUTH_MODULE_VERSION`, `SPARK_VERSION_KEY`).
const REFERENCE_PARTS: [&str; 6] = ["file", "files", "path", "dir", "url", "uri"];

fn check(checker: &Checker) {
    for inst in checker.instructions() {
        let inst: &Instruction = match &inst.trigger {
            Some(trigger) => trigger,
            None => inst,
        };
        match (&inst.kind, &inst.args) {
            (InstructionKind::Arg, Args::Words(words)) => {
                for word in words {
                    let name = word
                        .value
                        .split_once('=')
                        .map_or(word.value.as_str(), |(n, _)| n);
                    report(checker, "ARG", name, word);
                }
            }
            (InstructionKind::Env, Args::KeyValues(pairs)) => {
                for pair in pairs {
                    report(checker, "ENV", &pair.key.value, &pair.key);
                }
            }
            _ => {}
        }
    }
}

fn report(checker: &Checker, keyword: &str, name: &str, at: &Str) {
    if is_sensitive(name) {
        checker.report(at.range, format!("`{keyword} {name}` may hold a secret"));
    }
}

fn is_sensitive(name: &str) -> bool {
    if KNOWN.iter().any(|k| k.eq_ignore_ascii_case(name)) {
        return true;
    }
    // Every ARG and ENV name comes here: lower-case short names without allocating.
    let mut buffer = [0u8; 64];
    let owned;
    let lower = match buffer.get_mut(..name.len()) {
        Some(bytes) => {
            bytes.copy_from_slice(name.as_bytes());
            bytes.make_ascii_lowercase();
            std::str::from_utf8(bytes).unwrap_or(name)
        }
        None => {
            owned = name.to_ascii_lowercase();
            owned.as_str()
        }
    };
    let (mut parts, mut allowed, mut username, mut secret) = (0, false, false, false);
    let (mut last, mut fingerprint) = ("", false);
    for part in lower.split(['_', '-', '.']).filter(|p| !p.is_empty()) {
        parts += 1;
        // `POSTGRES_PASSWORD_FILE` points at the password; `FILE_IMPORT_PASSWORD` is one.
        allowed |= matches!(part, "public" | "pub" | "version")
            || (REFERENCE_PARTS.contains(&part)
                && (secret || username || SECRET_LAST_WORDS.contains(&last)));
        username |= part.ends_with("username");
        secret |= SECRET_WORDS.iter().any(|w| part.ends_with(w));
        fingerprint |= FINGERPRINT_PARTS.contains(&part);
        last = part;
    }
    !allowed
        && ((parts > 1 && username)
            || secret
            || (SECRET_LAST_WORDS.contains(&last) && !fingerprint)
            || lower.contains("api_key")
            || lower.contains("client_key"))
}

#[cfg(test)]
mod tests {
    use super::is_sensitive;

    #[test]
    fn names() {
        for yes in [
            "NPM_TOKEN",
            "db_password",
            "AWS_SECRET_ACCESS_KEY",
            "OPENAI_API_KEY",
            "DOCKER_USERNAME",
            "githubToken",
            "AWS_ACCESS_KEY_ID",
            "PRIVATE_KEY",
            "NEW_RELIC_LICENSE_KEY",
            "COMPOSER_AUTH",
            "auth",
            "git_key",
            "GOOGLE_APPLICATION_CREDENTIALS",
            "FILE_IMPORT_PASSWORD",
            "DIR_SERVICE_TOKEN",
            "ssh_prv_key",
        ] {
            assert!(is_sensitive(yes), "{yes}");
        }
        for no in [
            "USERNAME",
            "TOKENIZERS_PARALLELISM",
            "POSTGRES_PASSWORD_FILE",
            "NODE_VERSION",
            "PUBLIC_KEY_PATH",
            "GPG_KEY",
            "PATH",
            "TINI_GPG_KEY",
            "APT_KEY_DONT_WARN_ON_DANGEROUS_USAGE",
            "SSH_AUTH_SOCK",
            "AUTH_MODULE_VERSION",
            "keyboard",
            "SSL_KEY_PATH",
            "SECRETS_DIR",
            "DB_USERNAME_FILE",
            "SPARK_VERSION_KEY",
            "ssh_pub_key",
        ] {
            assert!(!is_sensitive(no), "{no}");
        }
    }
}
