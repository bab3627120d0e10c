use crate::declare_rule;
use crate::rules::Checker;
use crate::semantic::credentials::Credential;
use crate::syntax::{Args, InstructionKind, TextRange};

declare_rule! {
    /// ## What it does
    /// Checks for `ARG` defaults and `ENV` values that hold a credential, recognised by
    /// its shape rather than by the variable's name: the token formats their issuers
    /// document (AWS access key IDs `AKIA...`, GitHub `ghp_...`/`github_pat_...`, GitLab
    /// `glpat-...`, Slack `xoxb-...`, Stripe live keys, Google API keys `AIza...`, npm,
    /// PyPI, Docker Hub, Hugging Face, OpenAI, Anthropic, SendGrid, DigitalOcean, Shopify;
    /// Azure storage account keys `AccountKey=...`, shared access keys, SAS signatures and
    /// AD client secrets; base64-encoded GCP service-account key files), private keys
    /// (`-----BEGIN ... PRIVATE KEY-----`, a GCP service-account key's among them).
    /// The same scan as `credential-in-instruction` (SF406), which covers the other
    /// instructions. Issuers' documentation examples (AWS's `...EXAMPLE` keys, the Azurite
    /// emulator's account key) and fillers (`ghp_xxxx...`) are not reported.
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
    let credentials = checker.credentials();
    if !credentials.iter().any(|c| c.kind.by_shape()) {
        return;
    }
    for inst in checker.instructions() {
        match (&inst.kind, &inst.args) {
            (InstructionKind::Env, Args::KeyValues(pairs)) => {
                for kv in pairs {
                    report(
                        checker,
                        kv.value.range,
                        kv.value.range,
                        "ENV",
                        &kv.key.value,
                    );
                }
            }
            (InstructionKind::Arg, Args::Words(words)) => {
                for word in words {
                    if let Some((name, _)) = word.value.split_once('=') {
                        let text = checker.text(word.range);
                        let value_start = text.find('=').map_or(0, |n| n as u32 + 1);
                        let value = TextRange::new(word.range.start + value_start, word.range.end);
                        report(checker, word.range, value, "ARG", name);
                    }
                }
            }
            _ => {}
        }
    }
}

/// Reports at `at` the first credential recognised by its shape inside `value`.
fn report(checker: &Checker, at: TextRange, value: TextRange, keyword: &str, name: &str) {
    let inside = |c: &Credential| {
        c.kind.by_shape()
            && value.start as usize <= c.secret.start
            && c.secret.end <= value.end as usize
    };
    // Sorted by where they start: only those from the value's start on can be inside it.
    let credentials = checker.credentials();
    let from = credentials.partition_point(|c| c.secret.start < value.start as usize);
    let mut candidates = credentials[from..]
        .iter()
        .take_while(|c| c.secret.start < value.end as usize);
    if let Some(credential) = candidates.find(|c| inside(c)) {
        checker.report(
            at,
            format!(
                "{} in `{keyword} {name}`: pass it with a secret mount",
                credential.kind.describe()
            ),
        );
    }
}
