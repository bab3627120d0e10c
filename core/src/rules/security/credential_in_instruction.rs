use crate::declare_rule;
use crate::edit::Fix;
use crate::rules::Checker;
use crate::semantic::credentials::CredentialKind;
use crate::syntax::InstructionKind;

declare_rule! {
    /// ## What it does
    /// Checks for a credential written into any instruction: a token in its issuer's
    /// format (GitHub, GitLab, AWS, Google, Slack, Stripe, npm, PyPI, Docker Hub, Hugging
    /// Face, OpenAI, Anthropic, SendGrid, DigitalOcean, Shopify), a private key block, the
    /// password of a URL (`git clone https://user:pass@host/...`), or a literal value a
    /// `RUN` assigns to a variable whose name says it is a secret (`DB_PASSWORD=hunter2
    /// ./migrate`, `export AWS_SECRET_ACCESS_KEY=...`). `RUN` heredocs, `LABEL`s, `ADD`
    /// URLs and `CMD`s are read too.
    ///
    /// ## Why is this bad?
    /// The Dockerfile is in version control, and what a `RUN` runs is in the image's
    /// history (`docker history --no-trunc`), a `LABEL` in its configuration: anyone who
    /// can read the repository or pull the image has the credential. Revoke it, then pass
    /// it at build time with a secret mount, which keeps it out of every layer.
    ///
    /// References to a secret are not reported: `$TOKEN`, `${TOKEN}`, `$(cat
    /// /run/secrets/token)`, `*_FILE` variables, `/run/secrets/...`. Tokens in `ARG` and
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
        let Some(inst) = instructions
            .iter()
            .find(|i| i.range.start <= at && at < i.range.end)
        else {
            continue; // a comment: not in any layer
        };
        let kind = match inner_kind(inst) {
            InstructionKind::Env | InstructionKind::Arg => {
                // SF405 and DL3064 own ARG and ENV; URL passwords are only this rule's.
                if credential.kind != CredentialKind::UrlPassword {
                    continue;
                }
                inst.kind
            }
            k => k,
        };
        if credential.kind == CredentialKind::NamedSecret && kind != InstructionKind::Run {
            continue;
        }
        let range = crate::syntax::TextRange::new(
            credential.whole.start as u32,
            credential.whole.end as u32,
        );
        checker
            .report(
                range,
                format!(
                    "{} in `{}`: pass it with a secret mount",
                    credential.kind.describe(),
                    kind.as_str()
                ),
            )
            .fix(Fix::display_only(
                "Pass it with `RUN --mount=type=secret` instead of writing it in the Dockerfile",
            ));
    }
}

/// The kind of the instruction an `ONBUILD` wraps, or the instruction's own.
fn inner_kind(inst: &crate::syntax::Instruction) -> InstructionKind {
    match crate::semantic::instructions::run_of(inst) {
        Some(run) if inst.kind == InstructionKind::Onbuild => run.kind,
        _ => inst.kind,
    }
}
