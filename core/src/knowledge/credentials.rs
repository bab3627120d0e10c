//! Credential formats: the shapes their issuers give their tokens and keys, as secret
//! scanners encode them, and the values that only look like credentials (placeholders,
//! issuers' documentation examples). The facts come from each issuer's documentation and
//! from the rule sets of gitleaks (`config/gitleaks.toml`, rule ids named below) and
//! trufflehog (`pkg/detectors/<name>`); the matching code is ours (`semantic::credentials`).
//!
//! A format here is a literal prefix, then a body of one character class and a length
//! range; the token must start a word and end where the class ends. Formats without a
//! prefix are found by what surrounds them: an Azure AD client secret by its `Q~` marker
//! (`AZURE_AD_CLIENT_SECRET`), a GCP service-account key by the JSON it sits in
//! (`GCP_SERVICE_ACCOUNT_MARKER`), an AWS secret access key (40 base64 characters) by the
//! name it is assigned to (`SECRET_NAME_SUFFIXES`).

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
    /// `A-Za-z0-9+/=`: standard base64 with its padding.
    Base64,
    /// Base64 as written in a URL query: `A-Za-z0-9+/=` and `%` escapes (`%2B`, `%2F`, `%3D`).
    Base64InUrl,
}

impl Charset {
    pub(crate) fn contains(self, b: u8) -> bool {
        match self {
            Charset::UpperDigit => b.is_ascii_uppercase() || b.is_ascii_digit(),
            Charset::Alnum => b.is_ascii_alphanumeric(),
            Charset::AlnumUnderscore => b.is_ascii_alphanumeric() || b == b'_',
            Charset::AlnumDashUnderscore => b.is_ascii_alphanumeric() || b == b'_' || b == b'-',
            Charset::Base64 => b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'='),
            Charset::Base64InUrl => {
                b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=' | b'%')
            }
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
    /// Text that must also be in the same word (a URL, a connection string) for the match
    /// to count: a SAS token's `sig=` is one only beside its `sv=` (signed version).
    pub beside: &'static str,
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
        beside: "",
        source,
    }
}

use Charset::*;

const GITHUB: &str = "https://github.blog/engineering/platform-security/behind-githubs-new-authentication-token-formats/; gitleaks github-pat, github-oauth, github-app-token, github-refresh-token, github-fine-grained-pat";
const GITLAB: &str = "https://docs.gitlab.com/security/tokens/#token-prefixes; gitleaks gitlab-pat, gitlab-ptt, gitlab-rrt, gitlab-deploy-token, gitlab-runner-authentication-token";
const AWS: &str = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids; gitleaks aws-access-token";
const SLACK: &str = "https://api.slack.com/authentication/token-types; gitleaks slack-bot-token, slack-user-token, slack-app-token, slack-legacy-workspace-token";
const STRIPE: &str = "https://docs.stripe.com/keys; gitleaks stripe-access-token";
const AZURE_STORAGE: &str = "https://learn.microsoft.com/azure/storage/common/storage-configure-connection-string (AccountKey: the account's 512-bit key, base64); trufflehog azurestorage";
const AZURE_SAS: &str = "https://learn.microsoft.com/rest/api/storageservices/create-service-sas#specify-the-signature (sig: base64 HMAC-SHA256, URL-encoded, beside sv)";
const AZURE_SHARED_ACCESS: &str = "https://learn.microsoft.com/azure/service-bus-messaging/service-bus-sas#shared-access-authorization-policies (SharedAccessKey: a 256-bit key, base64; Service Bus, Event Hubs, IoT Hub, Relay)";
const GCP_KEY_FILE: &str = "https://cloud.google.com/iam/docs/keys-create-delete#creating (the JSON key file, here base64-encoded as GOOGLE_CREDENTIALS-style variables hold it); trufflehog gcp";

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
    token("Azure storage account key", "AccountKey=", Base64, 88, 88, AZURE_STORAGE),
    token("Azure shared access key", "SharedAccessKey=", Base64, 44, 44, AZURE_SHARED_ACCESS),
    TokenFormat {
        beside: "sv=",
        ..token("Azure SAS token", "sig=", Base64InUrl, 43, 90, AZURE_SAS)
    },
    // A service-account key file, base64-encoded whole: its first bytes are always
    // `{\n  "type": "service_account",` (as downloaded) or the same JSON compacted.
    token("GCP service-account key", "ewogICJ0eXBlIjogInNlcnZpY2VfYWNjb3VudCIs", Base64, 500, 8000, GCP_KEY_FILE),
    token("GCP service-account key", "eyJ0eXBlIjogInNlcnZpY2VfYWNjb3VudCIs", Base64, 500, 8000, GCP_KEY_FILE),
    token("GCP service-account key", "eyJ0eXBlIjoic2VydmljZV9hY2NvdW50", Base64, 500, 8000, GCP_KEY_FILE),
];

/// An Azure AD (Entra ID) client secret, as generated since 2021: three characters, a
/// digit, the marker `Q~`, then 31 to 34 characters, all of `A-Za-z0-9_~.-`, standing
/// alone (gitleaks `azure-ad-client-secret`, trufflehog `azure_entra/serviceprincipal/v2`;
/// Microsoft documents the secret, not its shape:
/// <https://learn.microsoft.com/entra/identity-platform/how-to-add-credentials>).
pub(crate) struct MarkedSecret {
    pub kind: &'static str,
    pub marker: &'static str,
    /// Characters before the marker (the last of them a digit).
    pub before: usize,
    pub after_min: usize,
    pub after_max: usize,
    #[cfg_attr(not(test), allow(dead_code))]
    pub source: &'static str,
}

pub(crate) const AZURE_AD_CLIENT_SECRET: MarkedSecret = MarkedSecret {
    kind: "Azure AD client secret",
    marker: "Q~",
    before: 4,
    after_min: 31,
    after_max: 34,
    source: "https://learn.microsoft.com/entra/identity-platform/how-to-add-credentials; gitleaks azure-ad-client-secret; trufflehog azure_entra/serviceprincipal/v2",
};

/// The characters of an Azure AD client secret.
pub(crate) fn azure_ad_secret_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'~' | b'.' | b'-')
}

/// What makes a private key a GCP service-account key: the JSON key file it sits in says
/// `"type": "service_account"` (<https://cloud.google.com/iam/docs/keys-create-delete>;
/// trufflehog `gcp` reads the same file), and the key is its `private_key` field.
pub(crate) const GCP_SERVICE_ACCOUNT_MARKER: &str = "service_account";
pub(crate) const GCP_PRIVATE_KEY_FIELD: &str = "private_key";

/// Values their issuers publish in documentation, which open nothing: the Azurite
/// storage emulator's well-known account key, AWS's example secret key (its key IDs end
/// in `EXAMPLE`, left out by every token format), and the password GitHub documents
/// for a token sent as a URL's user name.
pub(crate) const DOCUMENTED_EXAMPLES: [(&str, &str); 3] = [
    (
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==",
        "https://learn.microsoft.com/azure/storage/common/storage-use-azurite#well-known-storage-account-and-key",
    ),
    (
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/security-creds.html#sec-access-keys-and-secret-access-keys",
    ),
    (
        "x-oauth-basic",
        "https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps (token as user name, x-oauth-basic as password)",
    ),
];

/// The header and footer of a PEM private key (RFC 7468: `RSA`, `EC`, `DSA`, `OPENSSH`,
/// `ENCRYPTED`, PKCS#8 without a word), as gitleaks' `private-key` rule reads them.
pub(crate) const PRIVATE_KEY_BEGIN: &str = "-----BEGIN ";
pub(crate) const PRIVATE_KEY_LABEL_END: &str = "PRIVATE KEY-----";
pub(crate) const PRIVATE_KEY_END: &str = "-----END ";

/// Endings of variable and option names that say the value is a credential
/// (`DB_PASSWORD`, `GITHUB_TOKEN`, `AWS_SECRET_ACCESS_KEY`, npm's `_authToken`,
/// `--http-passwd`, `spring.datasource.password`): a literal value assigned to one is
/// reported and redacted. Matched without case, `_`, `-` and `.` alike. Names ending in
/// `_FILE`, `_PATH`, `_URL`, `_ID` hold where a secret is, not the secret. Rails'
/// `SECRET_KEY_BASE` (the key its sessions and cookies are signed with) is one too.
pub(crate) const SECRET_NAME_SUFFIXES: [&str; 13] = [
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
    "ACCOUNT_KEY",
    "SECRET_KEY_BASE",
];

/// First words of names that turn a feature on or off rather than hold a value:
/// `NO_PASSWORD=1`, configure's `--enable-passwd=mod`, `--with-secret=...`.
pub(crate) const FLAG_NAME_PREFIXES: [&str; 11] = [
    "NO", "HAS", "USE", "SKIP", "REQUIRE", "ENABLE", "DISABLE", "WITH", "WITHOUT", "ALLOW", "SHOW",
];

/// Values that fill a credential's place without being one, compared without case on
/// their letters (digits and punctuation dropped: `Admin123!` is `admin`): booleans and
/// option words (`password=ask` asks), the words people write where a secret will go,
/// and the defaults every tutorial uses. From gitleaks' global allowlist (`true`,
/// `false`, `null`), its `generic-api-key` stopwords, and the list.
pub(crate) const PLACEHOLDER_WORDS: [&str; 54] = [
    "true",
    "false",
    "yes",
    "no",
    "on",
    "off",
    "none",
    "null",
    "nil",
    "undefined",
    "empty",
    "required",
    "optional",
    "prompt",
    "ask",
    "auto",
    "default",
    "disabled",
    "enabled",
    "password",
    "passwd",
    "pass",
    "pwd",
    "secret",
    "token",
    "key",
    "apikey",
    "changeme",
    "changeit",
    "admin",
    "administrator",
    "root",
    "toor",
    "test",
    "testing",
    "guest",
    "user",
    "username",
    "demo",
    "foo",
    "bar",
    "baz",
    "foobar",
    "qwerty",
    "letmein",
    "welcome",
    "secure",
    "hidden",
    "masked",
    "abc",
    "qwe",
    "asd",
    "asdf",
    "zxc",
];

/// Pieces that mark a whole value as a placeholder wherever they appear in it, compared
/// without case on its letters: `your_token_here`, `changethis`, `precompile_placeholder`,
/// `dummytoken`, `mysecretpassword`, `notsecret`, `xxxxxxxx`, `django-insecure-...`
/// (Django's own label for a key not to deploy).
pub(crate) const PLACEHOLDER_MARKERS: [&str; 13] = [
    "change",
    "placeholder",
    "example",
    "dummy",
    "sample",
    "secure",
    "redacted",
    "replace",
    "your",
    "xxxx",
    "password",
    "passwd",
    "secret",
];

/// Hosts whose URLs carry a public key as the user name: a Sentry DSN's key only lets a
/// client submit events and is meant to ship in applications.
pub(crate) const PUBLIC_KEY_URL_HOSTS: [(&str, &str); 1] = [(
    "sentry.io",
    "https://docs.sentry.io/concepts/key-terms/dsn-explainer/",
)];

/// Prefixes of password hashes, which are made to be stored where others can read them:
/// Jupyter's `passwd()` (`sha1:salt:hash`, `argon2:...`,
/// <https://jupyter-server.readthedocs.io/en/latest/operators/public-server.html>), LDAP's
/// `slappasswd` schemes (`{SSHA}...`, <https://www.openldap.org/doc/admin26/security.html>),
/// Django's hashers (`pbkdf2_sha256$...`, <https://docs.djangoproject.com/en/stable/topics/auth/passwords/>).
pub(crate) const HASH_PREFIXES: [&str; 12] = [
    "sha1:",
    "sha256:",
    "sha512:",
    "argon2:",
    "pbkdf2",
    "bcrypt",
    "{SSHA}",
    "{SHA}",
    "{SSHA256}",
    "{SSHA512}",
    "{CRYPT}",
    "{MD5}",
];

/// Where a value is a path rather than a secret: the top-level directories of the
/// Filesystem Hierarchy Standard and the ones images use for applications and mounted
/// secrets (gitleaks' global allowlist has `/(bin|etc|home|opt|tmp|usr|var)/...`).
pub(crate) const PATH_ROOTS: [&str; 17] = [
    "/bin/",
    "/etc/",
    "/home/",
    "/opt/",
    "/tmp/",
    "/usr/",
    "/var/",
    "/run/",
    "/root/",
    "/srv/",
    "/mnt/",
    "/app/",
    "/data/",
    "/secrets/",
    "/keys/",
    "/certs/",
    "/config/",
];

/// Extensions of files that hold keys or configuration: `PRIVATE_KEY=server.key` names a
/// file, it is not the key.
pub(crate) const FILE_EXTENSIONS: [&str; 17] = [
    "pem", "key", "crt", "cer", "der", "p12", "pfx", "jks", "pub", "gpg", "asc", "json", "yaml",
    "yml", "txt", "env", "conf",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_format_has_a_source_and_a_sane_shape() {
        for f in TOKEN_FORMATS {
            assert!(f.source.contains("https://"), "{}", f.prefix);
            assert!(f.min > 0 && f.min <= f.max, "{}", f.prefix);
            assert!(f.prefix.len() >= 3, "{}", f.prefix);
            // The scan finds one format a place: no prefix may start another.
            for g in TOKEN_FORMATS {
                assert!(
                    std::ptr::eq(f, g) || !g.prefix.starts_with(f.prefix),
                    "{} starts {}",
                    f.prefix,
                    g.prefix
                );
            }
        }
        assert!(AZURE_AD_CLIENT_SECRET.source.contains("https://"));
        for (value, source) in DOCUMENTED_EXAMPLES {
            assert!(source.contains("https://"), "{value}");
        }
    }

    #[test]
    fn documented_examples_have_their_formats_shape() {
        // The Azurite key is a storage account key by shape: only the list keeps it out.
        let azurite = DOCUMENTED_EXAMPLES[0].0;
        let f = TOKEN_FORMATS
            .iter()
            .find(|f| f.kind == "Azure storage account key")
            .unwrap();
        assert!((f.min..=f.max).contains(&azurite.len()));
        assert!(azurite.bytes().all(|b| f.body.contains(b)));
    }
}
