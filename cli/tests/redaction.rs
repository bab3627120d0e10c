//! A credential written in a Dockerfile is never printed by `check` (in any format,
//! statistics included) or `fix` (diff, report, warnings), and no output offers an edit
//! that would write `*`s into the file. The file holds one credential of each kind the
//! scan knows, and its build context holds credential files. `parse` and `fix -` print
//! the file itself by design (see `slimfile parse --help`), so they are not checked here.

mod common;

use common::{Run, Sandbox};

/// A Go build (so that SF106 proposes a rewrite of the whole file, which would carry the
/// credentials) with a credential in every kind of place.
const DOCKERFILE: &str = r#"FROM golang:1.25
LABEL alerts.webhook="xoxb-263594206564-2343594206574-FGqddMF8t08v8N7Oq4i57vs1"
ENV GOOGLE_CREDENTIALS=ewogICJ0eXBlIjogInNlcnZpY2VfYWNjb3VudCIsCiAgInByb2plY3RfaWQiOiAiYWNtZS1wcm9kIiwKICAicHJpdmF0ZV9rZXlfaWQiOiAiNWQxYzBlN2I5YTNmIiwKICAicHJpdmF0ZV9rZXkiOiAiLS0tLS1CRUdJTiBQUklWQVRFIEtFWS0tLS0tXG5ncmNPN244YVVEbSs4SDdDTkg4R2J0Q1BYY2RSSkVmalFFTUFBbXR1VkZXVW9HVm9YV1RFbUF1NDFGUktoeUdwXG5tZ0d0SVo2MW5QYWhYdmJ4V2gyREM3Zk9DZGE3d0FUbkYxeGtQSDNzc0xXQTdEZThseExkTG1xdXVVdXVqUytmXG5vcHhhS0V5ZTkxSVlLYzhRZWJDQTZkZEtIQkQ4cTJwQ1E5TTJWdDYrVEI3WGxram9WdWo1b3ZXTWxmRE9Tem5CXG5XLyt0WEMzN2k3Z2d0aEdjdW8vNGg1YXVXd1h5Z0thTTdaTzJzb3l3MGJOWTVycXJTRlZsdWZTUUtOVlgxNXFLXG5EbVJSNFZ4d1hCWHhjMVFiUkRpaVhQZGpFdFR1czhJa2FIbS9BTFBQanRFNnZ4S2FNSmV0bHJSQzF0Rzk3MGhRXG4tLS0tLUVORCBQUklWQVRFIEtFWS0tLS0tXG4iLAogICJjbGllbnRfZW1haWwiOiAiY2lAYWNtZS1wcm9kLmlhbS5nc2VydmljZWFjY291bnQuY29tIgp9
ENV DB_PASSWORD=Zq8vN2rLw4Tk DATABASE_URL=postgres://app:Tr0ub4dor3x@db:5432/app
ARG STORAGE="DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=pU3KGCUwux1tEyze1iN7LtkeP3IfyxlxF0SU1kk8nVw0YL4xIB5p/tqg7ui5mX9cfCmZ/a/lkyU81lSvTfrXFA==;EndpointSuffix=core.windows.net"
WORKDIR /src
COPY go.mod go.sum ./
RUN git config --global url."https://ci:Kp7wQ2xR9vLm@git.example.com/".insteadOf "https://git.example.com/" && go mod download
RUN AWS_ACCESS_KEY_ID=AKIAZ7QWERTYUIOPASDF AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMIK7MDENGbPxRfiCYzQWERTYUIOPa aws s3 cp s3://acme/app.tar .
RUN npm config set //registry.npmjs.org/:_authToken=npm_Q8mZ3vK9pL2xW7nR4tY6bH1cF5jD0sG8aE3u
RUN <<EOT
curl -H "Authorization: token ghp_Wq7Zr2Kx9Lm4Np8Tv3Bc6Hd1Fg5Js0Ya2Ue7" https://api.github.com/user
mkdir -p /root/.ssh && cat > /root/.ssh/id_ed25519 <<KEY
-----BEGIN OPENSSH PRIVATE KEY-----
b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW
QyNTUxOQAAACDk8n3Zq2vLw9Xy7aB5cD1eF3gH5iJ7kL9mN1oP3qR5sQAAAJgX9a2bF0Wt
-----END OPENSSH PRIVATE KEY-----
KEY
EOT
ADD "https://acme.blob.core.windows.net/dist/app.tar?sv=2022-11-02&ss=b&srt=o&sp=r&se=2030-01-01T00:00:00Z&sig=J6Cus%2F7pIy%2BK8iEfnuSRxbEL7LVWO%2Fweb5NCfsvI%2Fik%3D" /tmp/app.tar
RUN az login --service-principal -u 7f3c2a10-5b4e-4c1d-9a8f-2e6d0b1c3a57 -p "Zx48Q~Rk2vN9pLm3TqW7yB1cF5hJ8dS0aG4eU6i" --tenant acme.onmicrosoft.com
RUN echo '{"type": "service_account", "private_key": "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\n-----END PRIVATE KEY-----\n"}' > /key.json
RUN git clone https://943088905e8ab81cff9f1a900b63a2a057086cf3:x-oauth-basic@github.com/acme/tools.git /tools
COPY . .
RUN go build -o /app .
CMD ["/app"]
"#;

/// The parts of DOCKERFILE that must never be printed (a token's issuer prefix, a key's
/// header and a URL's user name may be).
const SECRETS: &[&str] = &[
    "263594206564-2343594206574-FGqddMF8t08v8N7Oq4i57vs1",
    "CiAgInByb2plY3RfaWQiOiAiYWNtZS1wcm9kIiwKICAicHJpdmF0ZV9rZXlf",
    "Zq8vN2rLw4Tk",
    "Tr0ub4dor3x",
    "pU3KGCUwux1tEyze1iN7LtkeP3IfyxlxF0SU1kk8nVw0YL4xIB5p",
    "Kp7wQ2xR9vLm",
    "Z7QWERTYUIOPASDF",
    "wJalrXUtnFEMIK7MDENGbPxRfiCYzQWERTYUIOPa",
    "Q8mZ3vK9pL2xW7nR4tY6bH1cF5jD0sG8aE3u",
    "Wq7Zr2Kx9Lm4Np8Tv3Bc6Hd1Fg5Js0Ya2Ue7",
    "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW",
    "QyNTUxOQAAACDk8n3Zq2vLw9Xy7aB5cD1eF3gH5iJ7kL9mN1oP3qR5sQAAAJgX9a2bF0Wt",
    "J6Cus%2F7pIy%2BK8iEfnuSRxbEL7LVWO%2Fweb5NCfsvI%2Fik%3D",
    "Zx48Q~Rk2vN9pLm3TqW7yB1cF5hJ8dS0aG4eU6i",
    "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7",
    "943088905e8ab81cff9f1a900b63a2a057086cf3",
    // The context's credential files: their names may be printed, never their text.
    "ghp_C0nt3xtF1l3T0k3nV4lu3N3v3rPr1nt3d01",
    "MIIEowIBAAKCAQEAx4VbContextKeyBodyNeverRead",
];

fn project() -> Sandbox {
    Sandbox::new(&[
        ("Dockerfile", DOCKERFILE),
        ("go.mod", "module acme/app\n\ngo 1.25\n"),
        ("go.sum", ""),
        ("main.go", "package main\n\nfunc main() {}\n"),
        (".env", "GITHUB_TOKEN=ghp_C0nt3xtF1l3T0k3nV4lu3N3v3rPr1nt3d01\n"),
        (
            "deploy/id_rsa",
            "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAx4VbContextKeyBodyNeverRead\n-----END RSA PRIVATE KEY-----\n",
        ),
    ])
}

fn assert_nothing_printed(what: &str, run: &Run) {
    for secret in SECRETS {
        assert!(
            !run.stdout.contains(secret) && !run.stderr.contains(secret),
            "{what} prints {secret}:\n{}",
            run.snapshot()
        );
    }
    assert!(run.code != 2, "{what} failed:\n{}", run.snapshot());
}

/// Every fix edit in a JSON report: no `*` run (a masked value) in its new text.
fn assert_no_masked_edits(what: &str, edits: impl Iterator<Item = String>) {
    for content in edits {
        assert!(
            !content.contains("****"),
            "{what} offers an edit that writes a masked value: {content}"
        );
    }
}

#[test]
fn the_file_holds_what_the_test_says() {
    // The scan finds every credential above: otherwise the test proves nothing.
    let run = project().run(&[
        "check",
        "--select",
        "SF405,SF406,SF108,DL3064",
        "--format",
        "json",
    ]);
    let found: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    let messages: Vec<&str> = found
        .as_array()
        .expect("array")
        .iter()
        .map(|d| d["message"].as_str().unwrap_or(""))
        .collect();
    for kind in [
        "Slack token in `LABEL`",
        "GCP service-account key in `ENV GOOGLE_CREDENTIALS`",
        "Password in a URL in `ENV`",
        "Azure storage account key in `ARG STORAGE`",
        "Password in a URL in `RUN`",
        "AWS access key ID in `RUN`",
        "Secret value in `RUN`",
        "npm token in `RUN`",
        "GitHub token in `RUN`",
        "Private key in `RUN`",
        "Azure SAS token in `ADD`",
        "Azure AD client secret in `RUN`",
        "GCP service-account key in `RUN`",
        "Token in a URL in `RUN`",
        "puts what looks like a secret into the image: `.env`, `deploy/id_rsa`",
    ] {
        assert!(
            messages.iter().any(|m| m.contains(kind)),
            "not found: {kind} in {messages:#?}"
        );
    }
}

#[test]
fn check_prints_no_credential_in_any_format() {
    let sandbox = project();
    for format in ["text", "json", "sarif", "github", "gitlab", "checkstyle"] {
        for unsafe_fixes in [false, true] {
            let mut args = vec!["check", "--select", "ALL", "--format", format];
            if unsafe_fixes {
                args.push("--unsafe-fixes");
            }
            let run = sandbox.run(&args);
            assert_nothing_printed(&format!("check --format {format}"), &run);
        }
    }
    for format in ["text", "json"] {
        let run = sandbox.run(&[
            "check",
            "--select",
            "ALL",
            "--statistics",
            "--format",
            format,
        ]);
        assert_nothing_printed(&format!("check --statistics --format {format}"), &run);
    }
}

#[test]
fn a_fix_that_would_write_a_credential_is_advice_that_says_why() {
    let sandbox = project();
    let run = sandbox.run(&[
        "check",
        "--select",
        "ALL",
        "--format",
        "json",
        "--unsafe-fixes",
    ]);
    let found: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    let found = found.as_array().expect("array");
    assert_no_masked_edits(
        "json",
        found
            .iter()
            .filter_map(|d| d["fix"]["edits"].as_array())
            .flatten()
            .map(|e| e["content"].as_str().unwrap_or("").to_string()),
    );
    // SF106's rewrite of the whole file would carry every credential: withheld, with why.
    let sf106 = found.iter().find(|d| d["code"] == "SF106").expect("SF106");
    assert_eq!(sf106["fix"]["applicability"], "display-only");
    assert_eq!(sf106["fix"]["edits"], serde_json::json!([]));
    let title = sf106["fix"]["title"].as_str().unwrap_or("");
    assert!(
        title.contains("the edit is not shown: it would print a credential"),
        "{title}"
    );

    let run = sandbox.run(&[
        "check",
        "--select",
        "ALL",
        "--format",
        "sarif",
        "--unsafe-fixes",
    ]);
    let sarif: serde_json::Value = serde_json::from_str(&run.stdout).expect("sarif");
    let mut inserted = Vec::new();
    for result in sarif["runs"][0]["results"].as_array().expect("results") {
        for fix in result["fixes"].as_array().into_iter().flatten() {
            for change in fix["artifactChanges"].as_array().into_iter().flatten() {
                for r in change["replacements"].as_array().into_iter().flatten() {
                    inserted.push(
                        r["insertedContent"]["text"]
                            .as_str()
                            .unwrap_or("")
                            .to_string(),
                    );
                }
            }
        }
    }
    assert_no_masked_edits("sarif", inserted.into_iter());
}

#[test]
fn fix_prints_no_credential_and_still_fixes_the_file() {
    let sandbox = project();
    let run = sandbox.run(&["fix", "--diff", "--unsafe-fixes", "Dockerfile"]);
    assert_nothing_printed("fix --diff", &run);
    assert!(
        !run.stdout.contains("****"),
        "a masked diff:\n{}",
        run.stdout
    );
    assert!(
        run.stderr
            .contains("is not shown: it would print a credential"),
        "{}",
        run.stderr
    );
    assert_eq!(
        sandbox.read("Dockerfile"),
        DOCKERFILE,
        "--diff writes nothing"
    );

    let run = sandbox.run(&["fix", "--unsafe-fixes", "Dockerfile"]);
    assert_nothing_printed("fix", &run);
    // The file is fixed, credentials kept as they were: nothing masked was written.
    let fixed = sandbox.read("Dockerfile");
    assert_ne!(fixed, DOCKERFILE);
    assert!(
        fixed.contains("AS build") && !fixed.contains("****"),
        "{fixed}"
    );
    for secret in &SECRETS[..16] {
        assert!(fixed.contains(secret), "the fix lost {secret}");
    }
}
