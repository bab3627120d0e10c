//! Credential formats: the shapes their issuers give their tokens and keys, as secret
//! scanners encode them. The facts come from each issuer's documentation and from the rule
//! sets of gitleaks (`config/gitleaks.toml`, rule ids named below) and trufflehog
//! (`pkg/detectors/<name>`); the matching code is ours (`semantic::credentials`).
//!
//! A format here is a literal prefix, then a body of one character class and a length
//! range; the token must start a word and end where the class ends. Formats without a
//! prefix (an AWS secret access key is 40 base64 characters) are found by the name they
//! are assigned to instead (`SECRET_NAME_SUFFIXES`).

/// The characters a token body is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Charset {
    /// `A-Z0-9`
    UpperDigit,
    /// `A-Za-z0-9`
    Alnum,
    /// `A-Za-z0-9_`
    AlnumUnderscore,
    /// `A-Za-z0-9_-`
    AlnumDashUnderscore,
}

impl Charset {
    pub(crate) fn contains(self, b: u8) -> bool {
        match self {
            Charset::UpperDigit => b.is_ascii_uppercase() || b.is_ascii_digit(),
            Charset::Alnum => b.is_ascii_alphanumeric(),
            Charset::AlnumUnderscore => b.is_ascii_alphanumeric() || b == b'_',
            Charset::AlnumDashUnderscore => b.is_ascii_alphanumeric() || b == b'_' || b == b'-',
        }
    }
}

/// One token format.
#[derive(Debug)]
pub(crate) struct TokenFormat {
    /// What it is, for messages: "GitHub token".
    pub kind: &'static str,
    /// The literal prefix the issuer puts on every token (kept visible when redacted).
    pub prefix: &'static str,
    pub body: Charset,
    /// The body's length range (after the prefix).
    pub min: usize,
    pub max: usize,
    /// Where the fact comes from (read by the tests, kept with the fact).
    #[cfg_attr(not(test), allow(dead_code))]
    pub source: &'static str,
}

const fn token(
    kind: &'static str,
    prefix: &'static str,
    body: Charset,
    min: usize,
    max: usize,
    source: &'static str,
) -> TokenFormat {
    TokenFormat {
        kind,
        prefix,
        body,
        min,
        max,
        source,
    }
}

use Charset::*;

const GITHUB: &str = "https://github.blog/engineering/platform-security/behind-githubs-new-authentication-token-formats/; gitleaks github-pat, github-oauth, github-app-token, github-refresh-token, github-fine-grained-pat";
const GITLAB: &str = "https://docs.gitlab.com/security/tokens/#token-prefixes; gitleaks gitlab-pat, gitlab-ptt, gitlab-rrt, gitlab-deploy-token, gitlab-runner-authentication-token";
const AWS: &str = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids; gitleaks aws-access-token";
const SLACK: &str = "https://api.slack.com/authentication/token-types; gitleaks slack-bot-token, slack-user-token, slack-app-token, slack-legacy-workspace-token";
const STRIPE: &str = "https://docs.stripe.com/keys; gitleaks stripe-access-token";

/// Every token format, by prefix. Test keys (`sk_test_`) and AWS's documentation keys
/// (ending in `EXAMPLE`) are left out: they open nothing.
pub(crate) static TOKEN_FORMATS: &[TokenFormat] = &[
    token("GitHub token", "ghp_", Alnum, 36, 36, GITHUB),
    token("GitHub token", "gho_", Alnum, 36, 36, GITHUB),
    token("GitHub token", "ghu_", Alnum, 36, 36, GITHUB),
    token("GitHub token", "ghs_", Alnum, 36, 36, GITHUB),
    token("GitHub token", "ghr_", Alnum, 36, 76, GITHUB),
    token("GitHub token", "github_pat_", AlnumUnderscore, 82, 82, GITHUB),
    token("GitLab token", "glpat-", AlnumDashUnderscore, 20, 64, GITLAB),
    token("GitLab token", "gldt-", AlnumDashUnderscore, 20, 64, GITLAB),
    token("GitLab token", "glptt-", AlnumDashUnderscore, 20, 64, GITLAB),
    token("GitLab token", "glrt-", AlnumDashUnderscore, 20, 64, GITLAB),
    token("GitLab token", "GR1348941", AlnumDashUnderscore, 20, 64, GITLAB),
    token("AWS access key ID", "AKIA", UpperDigit, 16, 16, AWS),
    token("AWS access key ID", "ASIA", UpperDigit, 16, 16, AWS),
    token(
        "Google API key",
        "AIza",
        AlnumDashUnderscore,
        35,
        35,
        "https://cloud.google.com/docs/authentication/api-keys; gitleaks gcp-api-key",
    ),
    token("Slack token", "xoxb-", AlnumDashUnderscore, 20, 200, SLACK),
    token("Slack token", "xoxp-", AlnumDashUnderscore, 20, 200, SLACK),
    token("Slack token", "xoxa-", AlnumDashUnderscore, 20, 200, SLACK),
    token("Slack token", "xoxe-", AlnumDashUnderscore, 20, 200, SLACK),
    token("Slack token", "xapp-", AlnumDashUnderscore, 20, 200, SLACK),
    token("Stripe live key", "sk_live_", Alnum, 24, 247, STRIPE),
    token("Stripe live key", "rk_live_", Alnum, 24, 247, STRIPE),
    token(
        "npm token",
        "npm_",
        Alnum,
        36,
        36,
        "https://github.blog/changelog/2021-09-23-npm-has-a-new-access-token-format/; gitleaks npm-access-token",
    ),
    token(
        "PyPI token",
        "pypi-AgEIcHlwaS5vcmc",
        AlnumDashUnderscore,
        50,
        500,
        "https://pypi.org/help/#apitoken (macaroon for pypi.org); gitleaks pypi-upload-token",
    ),
    token(
        "Docker Hub token",
        "dckr_pat_",
        AlnumDashUnderscore,
        27,
        27,
        "https://docs.docker.com/security/for-developers/access-tokens/; trufflehog dockerhub",
    ),
    token(
        "Hugging Face token",
        "hf_",
        Alnum,
        34,
        34,
        "https://huggingface.co/docs/hub/security-tokens; gitleaks huggingface-access-token",
    ),
    token(
        "OpenAI key",
        "sk-proj-",
        AlnumDashUnderscore,
        40,
        200,
        "https://platform.openai.com/docs/api-reference/authentication; gitleaks openai-api-key",
    ),
    token(
        "Anthropic key",
        "sk-ant-api03-",
        AlnumDashUnderscore,
        80,
        120,
        "https://docs.anthropic.com/en/api/overview; gitleaks anthropic-api-key",
    ),
    token(
        "SendGrid key",
        "SG.",
        AlnumDashUnderscore,
        66,
        66,
        "https://www.twilio.com/docs/sendgrid/ui/account-and-settings/api-keys; gitleaks sendgrid-api-token",
    ),
    token(
        "DigitalOcean token",
        "dop_v1_",
        Alnum,
        64,
        64,
        "https://docs.digitalocean.com/reference/api/create-personal-access-token/; gitleaks digitalocean-pat",
    ),
    token(
        "Shopify token",
        "shpat_",
        Alnum,
        32,
        32,
        "https://shopify.dev/docs/apps/build/authentication-authorization/access-tokens; gitleaks shopify-access-token",
    ),
];

/// The header and footer of a PEM private key (RFC 7468: `RSA`, `EC`, `DSA`, `OPENSSH`,
/// `ENCRYPTED`, PKCS#8 without a word), as gitleaks' `private-key` rule reads them.
pub(crate) const PRIVATE_KEY_BEGIN: &str = "-----BEGIN ";
pub(crate) const PRIVATE_KEY_LABEL_END: &str = "PRIVATE KEY-----";
pub(crate) const PRIVATE_KEY_END: &str = "-----END ";

/// Endings of variable names that say the value is a credential (`DB_PASSWORD`,
/// `GITHUB_TOKEN`, `AWS_SECRET_ACCESS_KEY`, npm's `_authToken`): a literal value assigned
/// to one, in a `RUN`, is reported and redacted. Matched without case. Names ending in
/// `_FILE`, `_PATH`, `_URL`, `_ID` hold where a secret is, not the secret.
pub(crate) const SECRET_NAME_SUFFIXES: [&str; 11] = [
    "PASSWORD",
    "PASSWD",
    "_PWD",
    "SECRET",
    "SECRET_KEY",
    "SECRET_ACCESS_KEY",
    "TOKEN",
    "AUTHTOKEN",
    "API_KEY",
    "APIKEY",
    "PRIVATE_KEY",
];

#[cfg(test)]
mod tests {
    use super::TOKEN_FORMATS;

    #[test]
    fn every_format_has_a_source_and_a_sane_shape() {
        for f in TOKEN_FORMATS {
            assert!(f.source.contains("https://"), "{}", f.prefix);
            assert!(f.min > 0 && f.min <= f.max, "{}", f.prefix);
            assert!(f.prefix.len() >= 3, "{}", f.prefix);
        }
    }
}
