use crate::declare_rule;
use crate::edit::Fix;
use crate::rules::Checker;
use crate::semantic::credentials::CredentialKind;
use crate::syntax::InstructionKind;

declare_rule! {
    /// ## What it does
    /// Checks for a credential written into any instruction: a token in its issuer's
    /// format (GitHub, GitLab, AWS, Google, Slack, Stripe, npm, PyPI, Docker Hub, Hugging
    /// Face, OpenAI, Anthropic, SendGrid, DigitalOcean, Shopify; Azure storage account
    /// keys in connection strings, shared access keys, SAS tokens and AD client secrets;
    /// GCP service-account keys), a private key block, the password of a URL (`git clone https://user:pass@host/...`), or a literal value
    /// assigned to a variable, option or property whose name says it is a secret
    /// (`DB_PASSWORD=hunter2 ./migrate`, `export AWS_SECRET_ACCESS_KEY=...`,
    /// `--http-passwd=...`, `-Dspring.datasource.password=...`). `RUN` heredocs,
    /// `LABEL`s, `ADD` URLs, `CMD`, `ENTRYPOINT` and `HEALTHCHECK` are read too.
    ///
    /// ## Why is this bad?
    /// The Dockerfile is in version control, and what a `RUN` runs is in the image's
    /// history (`docker history --no-trunc`), a `LABEL` in its configuration: anyone who
    /// can read the repository or pull the image has the credential. Revoke it, then pass
    /// it at build time with a secret mount, which keeps it out of every layer.
    ///
    /// References to a secret are not reported: `$TOKEN`, `${TOKEN}`, `$(cat
    /// /run/secrets/token)`, `*_FILE` variables, `/run/secrets/...`; nor values that only
    /// fill a secret's place: placeholders (`changeme`, `<token>`, `your_token_here`,
    /// `xxxx`, values containing `password` or `secret`), a password equal to the URL's
    /// user or to a word of the variable's name (`drupal:drupal@`,
    /// `POSTGRES_PASSWORD=postgres`), option words (`password=ask`, configure's
    /// `--enable-passwd=mod`), paths and key file names, code (`PASSWORD('root')`),
    /// values shorter than 4 characters, and the examples issuers publish (AWS's
    /// `...EXAMPLE` keys, the Azurite emulator's key, GitHub's `x-oauth-basic`). Tokens in `ARG` and
    /// `ENV` values are `secret-in-arg-or-env-value` (SF405)'s, their names
    /// `secret-in-arg-or-env` (DL3064)'s. slimfile's reports never print the value: it is
    /// masked in code frames, messages and fixes of every output format.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.22
    /// RUN git clone https://deploy:hunter2@git.example.com/acme/app.git
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.22
    /// RUN --mount=type=secret,id=git_token,env=GIT_TOKEN \
    ///     git clone "https://deploy:${GIT_TOKEN}@git.example.com/acme/app.git"
    /// ```
    ///
    /// ## References
    /// - [Docker docs: build secrets](https://docs.docker.com/build/building/secrets/)
    /// - [gitleaks rules](https://github.com/gitleaks/gitleaks/blob/master/config/gitleaks.toml)
    /// - [trufflehog detectors](https://github.com/trufflesecurity/trufflehog/tree/main/pkg/detectors)
    pub(crate) static RULE = {
        code: "SF406",
        name: "credential-in-instruction",
        category: Security,
        severity: Error,
        default_enabled: true,
        buildkit: None,
        fix: None,
        check: check,
    }
}

fn check(checker: &Checker) {
    let credentials = checker.credentials();
    if credentials.is_empty() {
        return;
    }
    let instructions = checker.instructions();
    for credential in credentials {
        let at = credential.whole.start as u32;
        // Instructions are in source order: the last one starting at or before `at`.
        let next = instructions.partition_point(|i| i.range.start <= at);
        let Some(inst) = next
            .checked_sub(1)
            .map(|i| &instructions[i])
            .filter(|i| at < i.range.end)
        else {
            continue; // a comment: not in any layer
        };
        let kind = match inner_kind(inst) {
            InstructionKind::Env | InstructionKind::Arg => {
                // SF405 (by shape) and DL3064 (by name) own ARG and ENV values; URL
                // passwords and tokens are only this rule's.
                if !matches!(
                    credential.kind,
                    CredentialKind::UrlPassword | CredentialKind::UrlToken
                ) {
                    continue;
                }
                inst.kind
            }
            k => k,
        };
        let (advice, fix) = advice(kind);
        let range = crate::syntax::TextRange::new(
            credential.whole.start as u32,
            credential.whole.end as u32,
        );
        // An instruction BuildKit does not know (the build fails on it) is still text in
        // the repository.
        let place = match kind.as_str() {
            "" => "the Dockerfile".to_string(),
            keyword => format!("`{keyword}`"),
        };
        checker
            .report(
                range,
                format!("{} in {place}: {advice}", credential.kind.describe()),
            )
            .fix(Fix::display_only(fix));
    }
}

/// What to do instead, by where the credential is: a build step reads it from a secret
/// mount; the container's command at run time; metadata should not hold it at all.
fn advice(kind: InstructionKind) -> (&'static str, &'static str) {
    match kind {
        InstructionKind::Cmd | InstructionKind::Entrypoint | InstructionKind::Healthcheck => (
            "pass it when the container starts",
            "Read it at run time from a secret file (`/run/secrets/...`) or the environment the container is started with",
        ),
        InstructionKind::Label | InstructionKind::Maintainer => (
            "keep it out of the image's metadata",
            "Remove it: labels are readable by anyone who can pull the image",
        ),
        _ => (
            "pass it with a secret mount",
            "Pass it with `RUN --mount=type=secret` instead of writing it in the Dockerfile",
        ),
    }
}

/// The kind of the instruction an `ONBUILD` wraps, or the instruction's own.
fn inner_kind(inst: &crate::syntax::Instruction) -> InstructionKind {
    match crate::semantic::instructions::run_of(inst) {
        Some(run) if inst.kind == InstructionKind::Onbuild => run.kind,
        _ => inst.kind,
    }
}
