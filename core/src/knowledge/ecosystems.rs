//! Ecosystems: manifests and lock files, dependency-install and build commands, build outputs,
//! default `.dockerignore` entries, and the runtime image to use after a multi-stage split. Plus
//! the generic secret-file patterns and always-ignore entries.
//!
//! Sources: each tool's documentation (named per row), the `github/gitignore` templates for what
//! each ecosystem generates (snapshot dcc0fc7bc2b5ba480cf117ad1be31bafceeaff46, 2026-05-21; the
//! commit of each template is named where used), Docker's `.dockerignore` documentation, and the
//! image table (`images.rs`, `distroless.rs`) for runtime images. Checked 2026-11-28.

use super::package_managers::{package_manager_for_command, PackageManager, PackageManagerId};
use serde::Serialize;

/// Identifies an ecosystem.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum EcosystemId {
    Node,
    Python,
    Go,
    Rust,
    Ruby,
    Php,
    Java,
    Dotnet,
}

/// What a dependency file is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum FileRole {
    /// Declares dependencies (`package.json`).
    Manifest,
    /// Pins them (`package-lock.json`).
    Lock,
    /// Tool configuration the install reads (`.npmrc`, `.yarnrc.yml`).
    Config,
}

/// A file to COPY before the dependency install.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct DependencyFile {
    /// File name or glob (`package.json`, `*.csproj`, `requirements*.txt`).
    pub pattern: &'static str,
    pub role: FileRole,
    /// Whether the install needs it. Optional files are copied only when present (or with a
    /// glob such as `package-lock.json*` that matches nothing without failing).
    pub required: bool,
    pub note: &'static str,
}

/// A dependency-install command of a tool.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct InstallCommand {
    /// Program as typed (`npm`, `pip`, `./mvnw` matches `mvn`-family through the package manager).
    pub program: &'static str,
    /// Subcommand (`ci`, `mod download`); `""` for a bare `yarn`.
    pub verb: &'static str,
    /// Arguments one of which must be present (`-r` for pip): without them it is not a
    /// manifest install (`pip install flask`, `pip install .`).
    pub needs_any: &'static [&'static str],
    /// Whether extra package names turn it into "add a package" (`npm install express`).
    pub positional_means_add: bool,
    /// Installs exactly the lock file.
    pub uses_lock: bool,
    /// Installs development dependencies unless a production flag is given.
    pub dev_by_default: bool,
    /// Flags (or flag + value pairs written with a space) that skip development dependencies.
    pub production_flags: &'static [&'static str],
    /// Flags that include development dependencies where the default skips them.
    pub dev_flags: &'static [&'static str],
    /// The recommended form for a production image.
    pub recommended: &'static str,
    pub source: &'static str,
}

/// One tool of an ecosystem (npm, yarn, pnpm; pip, poetry, ...).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct Tool {
    pub name: &'static str,
    pub package_manager: Option<PackageManagerId>,
    pub files: &'static [DependencyFile],
    /// Files whose presence in the context means this tool is used.
    pub detect: &'static [&'static str],
    pub install: &'static [InstallCommand],
    pub build: &'static [&'static str],
    /// Options that point the tool at a project elsewhere: another directory, another
    /// manifest, or workspaces (`npm --prefix client`, `mvn -f api/pom.xml`).
    pub project_options: &'static [&'static str],
    pub source: &'static str,
}

/// When a `.dockerignore` entry is safe to add.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum IgnoreWhen {
    /// Never needed in a build context.
    Always,
    /// Build output: only when the Dockerfile builds it itself (not when it COPYs a prebuilt one).
    IfBuiltInImage,
    /// Installed dependencies: only when the Dockerfile installs them itself.
    IfInstalledInImage,
    /// Matches secrets, but may also match ordinary files: confirm against the file list.
    Confirm,
}

/// A `.dockerignore` line and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct IgnoreEntry {
    pub pattern: &'static str,
    pub when: IgnoreWhen,
    pub reason: &'static str,
    pub source: &'static str,
}

/// The image to run on after a multi-stage split.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct RuntimeImage {
    /// `node`, `gcr.io/distroless/static-debian13`...
    pub image: &'static str,
    /// `{version}-slim`; `{version}` is the builder's version (or the pin line).
    pub tag_template: &'static str,
    pub alternatives: &'static [&'static str],
    pub note: &'static str,
    pub source: &'static str,
}

/// An ecosystem and everything the rules need about it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct Ecosystem {
    pub id: EcosystemId,
    pub name: &'static str,
    pub tools: &'static [Tool],
    /// Directories/files a build produces.
    pub build_outputs: &'static [&'static str],
    /// Default `.dockerignore` entries for this ecosystem (on top of `ALWAYS_IGNORE` and `SECRET_PATTERNS`).
    pub dockerignore: &'static [IgnoreEntry],
    /// Builder image (`{version}` as in `RuntimeImage::tag_template`).
    pub builder_image: &'static str,
    pub runtime: RuntimeImage,
    pub note: &'static str,
    pub source: &'static str,
    pub checked: &'static str,
}

/// A recognised dependency-install command.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct InstallMatch {
    pub ecosystem: &'static Ecosystem,
    pub tool: &'static Tool,
    pub command: &'static InstallCommand,
}

/// What points a tool at a project elsewhere: as written (`--prefix client`), and the
/// directory or file it names when it names one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ProjectElsewhere {
    pub written: String,
    pub path: Option<String>,
}

impl Tool {
    /// What in `args` (the words after the program) points the tool at a project elsewhere:
    /// one of its [`Tool::project_options`] (`--prefix`, `--prefix=client`), or for .NET a
    /// project, solution or directory given to the command (`dotnet restore
    /// src/App/App.csproj`).
    pub(crate) fn project_elsewhere(&self, args: &[&str]) -> Option<ProjectElsewhere> {
        let option = args.iter().enumerate().find_map(|(i, a)| {
            self.project_options.iter().find_map(|o| {
                let rest = a.strip_prefix(o)?;
                if let Some(value) = rest.strip_prefix('=') {
                    return Some((a.to_string(), Some(value)));
                }
                // With its value when that is the next word: `--prefix client`.
                rest.is_empty().then(|| match args.get(i + 1) {
                    Some(value) if !value.starts_with('-') => {
                        (format!("{a} {value}"), Some(*value))
                    }
                    _ => (a.to_string(), None),
                })
            })
        });
        if let Some((written, path)) = option {
            return Some(ProjectElsewhere {
                written,
                path: path.map(str::to_string),
            });
        }
        if self.name != "dotnet" {
            return None;
        }
        const PROJECTS: [&str; 6] = [".csproj", ".fsproj", ".vbproj", ".sln", ".slnx", ".proj"];
        args.iter().enumerate().find_map(|(i, a)| {
            let after_option = i > 0 && args[i - 1].starts_with('-') && !args[i - 1].contains('=');
            let project = PROJECTS.iter().any(|x| a.ends_with(x)) || a.contains('/');
            (!a.starts_with('-') && !after_option && project).then(|| ProjectElsewhere {
                written: a.to_string(),
                path: Some(a.to_string()),
            })
        })
    }
}

impl InstallMatch {
    /// Whether this invocation installs development dependencies: `Some(true)` for `npm ci`,
    /// `Some(false)` for `npm ci --omit=dev` or `pip install -r requirements.txt`, `Some(true)`
    /// for `pip install -r requirements-dev.txt`; `None` where the tool has no such notion
    /// (go, cargo, maven). Environment settings (`NODE_ENV=production`, `BUNDLE_WITHOUT`) are
    /// not visible here: callers check `ENV` separately.
    pub(crate) fn installs_dev_dependencies(&self, args: &[&str]) -> Option<bool> {
        let c = self.command;
        if self.tool.name == "pip" || (self.tool.name == "uv" && c.verb != "sync") {
            let files = requirement_files(args);
            return Some(files.iter().any(|f| is_dev_requirements(f)));
        }
        if c.production_flags.is_empty() && c.dev_flags.is_empty() {
            return None;
        }
        if has_flag_or_pair(args, c.dev_flags) {
            return Some(true);
        }
        if has_flag_or_pair(args, c.production_flags) {
            return Some(false);
        }
        Some(c.dev_by_default)
    }
}

fn has_flag_or_pair(args: &[&str], flags: &[&str]) -> bool {
    flags.iter().any(|f| match f.split_once(' ') {
        Some((a, b)) => {
            args.windows(2).any(|w| w[0] == a && w[1] == b)
                || args.iter().any(|w| {
                    w.strip_prefix(a)
                        .and_then(|r| r.strip_prefix('='))
                        .is_some_and(|r| r == b)
                })
        }
        None => PackageManager::has_any_flag(args, &[f]),
    })
}

/// `-r file`, `-rfile`, `--requirement file`, `--requirement=file`.
pub(crate) fn requirement_files<'a>(args: &[&'a str]) -> Vec<&'a str> {
    option_values(args, "-r", "--requirement")
}

/// `-c file` and its spellings: the constraint files pip reads beside the requirements.
pub(crate) fn constraint_files<'a>(args: &[&'a str]) -> Vec<&'a str> {
    option_values(args, "-c", "--constraint")
}

/// The values of a pip option that names a file: `-r file`, `-rfile`, `--requirement file`,
/// `--requirement=file`.
fn option_values<'a>(args: &[&'a str], short: &str, long: &str) -> Vec<&'a str> {
    let mut out = Vec::new();
    let mut it = args.iter();
    while let Some(&a) = it.next() {
        if a == short || a == long {
            out.extend(it.next().copied());
        } else if let Some(f) = a.strip_prefix(long).and_then(|r| r.strip_prefix('=')) {
            out.push(f);
        } else if let Some(f) = a
            .strip_prefix(short)
            .filter(|f| !f.is_empty() && !a.starts_with("--"))
        {
            out.push(f);
        }
    }
    out
}

/// Requirement files that hold development dependencies (`requirements-dev.txt`,
/// `requirements/dev.txt`, `dev-requirements.txt`, `requirements_test.txt`...).
pub(crate) fn is_dev_requirements(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    let name = lower.rsplit('/').next().unwrap_or(&lower);
    let stem = name
        .strip_suffix(".txt")
        .or_else(|| name.strip_suffix(".in"))
        .unwrap_or(name);
    let in_req_dir = lower.contains("requirements/");
    const DEV_WORDS: &[&str] = &["dev", "test", "tests", "testing", "lint", "docs", "ci"];
    stem.split(['-', '_', '.']).any(|w| {
        DEV_WORDS.contains(&w)
            && (stem.contains("requirements") || in_req_dir || stem.starts_with("dev"))
    }) || (in_req_dir && DEV_WORDS.contains(&stem))
}

// ---------------------------------------------------------------------------------------------
// Generic entries
// ---------------------------------------------------------------------------------------------

const DOCKERIGNORE_DOC: &str = "https://docs.docker.com/build/concepts/context/#dockerignore-files";
const SECRETS_DOC: &str = "https://docs.docker.com/build/building/secrets/";
const KUBECONFIG_DOC: &str =
    "https://kubernetes.io/docs/concepts/configuration/organize-cluster-access-kubeconfig/";
const GCLOUD_ADC_DOC: &str =
    "https://cloud.google.com/docs/authentication/application-default-credentials#personal";
const GI_NODE: &str =
    "github/gitignore Node.gitignore @23d3287511a23108a74de0f1d30dd6e2499bfd3a (2026-04-17)";
const GI_PYTHON: &str =
    "github/gitignore Python.gitignore @576334520435382d6522f349b9d270eda1e79a25 (2026-04-24)";
const GI_GO: &str =
    "github/gitignore Go.gitignore @1d7e3275a461a673b531d14a390c5238f04503a7 (2025-01-12)";
const GI_RUST: &str =
    "github/gitignore Rust.gitignore @ccf8d89c54f13410f797cb08ac1f39f674d8106e (2026-04-23)";
const GI_RUBY: &str =
    "github/gitignore Ruby.gitignore @baf13553d070d1d85d6c873235eb529077c35aaf (2019-10-04)";
const GI_COMPOSER: &str =
    "github/gitignore Composer.gitignore @ca57c447a31517199695aa7c0177047f43751a47 (2017-10-27)";
const GI_MAVEN: &str =
    "github/gitignore Maven.gitignore @3d21cef3591e207c11f40a8600be37344e62231d (2026-04-04)";
const GI_GRADLE: &str =
    "github/gitignore Gradle.gitignore @0befa5a8fd321195553c7978f576febcf0e5ca1e (2025-09-14)";
const GI_JAVA: &str =
    "github/gitignore Java.gitignore @e111f1c746c268ced3d202c2a0192cf0c9d39b01 (2021-11-14)";
const GI_VS: &str = "github/gitignore VisualStudio.gitignore @61268c1e435c8f5b1c523fcb1545c6948f00933a (2026-04-17)";
const GI_MACOS: &str = "github/gitignore Global/macOS.gitignore @d958809c972620b94404be477168c178a5fa3fcc (2026-04-17)";
const GI_JETBRAINS: &str = "github/gitignore Global/JetBrains.gitignore @14d5eadc1537286962e6cc20006f9670f339fb90 (2026-04-23)";
const GI_VSCODE: &str = "github/gitignore Global/VisualStudioCode.gitignore @33ce59b5983a27c5277996ede8c2bba926df3890 (2025-09-07)";

macro_rules! ig {
    ($pattern:literal, $when:ident, $reason:literal, $source:expr) => {
        IgnoreEntry {
            pattern: $pattern,
            when: IgnoreWhen::$when,
            reason: $reason,
            source: $source,
        }
    };
}

/// Entries every `.dockerignore` should have.
pub(crate) static ALWAYS_IGNORE: &[IgnoreEntry] = &[
    ig!(
        ".git",
        Always,
        "history and objects: large, and leaks what the image should not hold",
        DOCKERIGNORE_DOC
    ),
    ig!(".DS_Store", Always, "macOS Finder metadata", GI_MACOS),
    ig!("Thumbs.db", Always, "Windows Explorer metadata", GI_VS),
    ig!(".idea", Always, "JetBrains project settings", GI_JETBRAINS),
    ig!(".vscode", Always, "VS Code settings", GI_VSCODE),
    ig!("*.swp", Always, "Vim swap files", DOCKERIGNORE_DOC),
    ig!(
        "*.log",
        Always,
        "logs change on every run and bust the COPY cache",
        GI_NODE
    ),
    ig!("logs", Always, "log directory", GI_NODE),
    ig!(
        ".dockerignore",
        Always,
        "still sent to the builder, never needed in the image",
        DOCKERIGNORE_DOC
    ),
    ig!(
        "Dockerfile*",
        Always,
        "still sent to the builder, never needed in the image",
        DOCKERIGNORE_DOC
    ),
];

/// Files that look like secrets: never send them into an image (use `RUN --mount=type=secret`).
pub(crate) static SECRET_PATTERNS: &[IgnoreEntry] = &[
    ig!(".env", Always, "dotenv files hold credentials", GI_NODE),
    ig!(".env.*", Always, "dotenv variants (.env.local, .env.production); keep `!.env.example` if the build reads it", GI_NODE),
    ig!("*.pem", Always, "private keys and certificates", SECRETS_DOC),
    ig!("*.key", Confirm, "private keys (can also match other .key files)", SECRETS_DOC),
    ig!("*.p12", Always, "PKCS#12 key stores", SECRETS_DOC),
    ig!("*.pfx", Always, "PKCS#12 key stores", SECRETS_DOC),
    ig!("*.jks", Always, "Java key stores", SECRETS_DOC),
    ig!("id_rsa*", Always, "SSH keys", SECRETS_DOC),
    ig!("id_ed25519*", Always, "SSH keys", SECRETS_DOC),
    ig!("id_ecdsa*", Always, "SSH keys", SECRETS_DOC),
    ig!("id_dsa*", Always, "SSH keys", SECRETS_DOC),
    ig!(".ssh", Always, "SSH keys and known hosts", SECRETS_DOC),
    ig!(".aws", Always, "AWS credentials", SECRETS_DOC),
    ig!(".npmrc", Confirm, "may hold a registry token (`_authToken`); pass it with `--mount=type=secret,id=npmrc,target=/root/.npmrc` instead. Keep it when it only sets a registry URL and the install needs it", SECRETS_DOC),
    ig!(".pypirc", Always, "PyPI upload credentials", SECRETS_DOC),
    ig!(".netrc", Always, "HTTP/FTP credentials", SECRETS_DOC),
    ig!(".git-credentials", Always, "git credential store", SECRETS_DOC),
    ig!(".docker/config.json", Always, "registry credentials", SECRETS_DOC),
    ig!("auth.json", Confirm, "Composer registry credentials (pass as COMPOSER_AUTH via a secret)", SECRETS_DOC),
    ig!("credentials*", Confirm, "credential files (`credentials.json`); can also match source files such as `credentials.py`", SECRETS_DOC),
    ig!("*.tfvars", Confirm, "Terraform variables often hold secrets", SECRETS_DOC),
    ig!("*.ppk", Always, "PuTTY private keys", "https://the.earth.li/~sgtatham/putty/latest/htmldoc/Chapter8.html"),
    ig!("*.keystore", Always, "Java and Android key stores", "https://developer.android.com/studio/publish/app-signing"),
    ig!(".gnupg", Always, "GnuPG private keys", "https://www.gnupg.org/documentation/manuals/gnupg/GPG-Configuration.html"),
    ig!(".kube/config", Always, "Kubernetes cluster credentials", KUBECONFIG_DOC),
    ig!("*.kubeconfig", Always, "Kubernetes cluster credentials", KUBECONFIG_DOC),
    ig!("kubeconfig*", Confirm, "Kubernetes cluster credentials; can also match source files such as `kubeconfig.go`", KUBECONFIG_DOC),
    ig!(".config/gcloud", Always, "gcloud credentials and tokens", GCLOUD_ADC_DOC),
    ig!("application_default_credentials.json", Always, "Google application default credentials", GCLOUD_ADC_DOC),
    ig!(".azure", Always, "Azure CLI token cache", "https://learn.microsoft.com/cli/azure/azure-cli-configuration#cli-configuration-file"),
    ig!(".boto", Always, "gsutil credentials", "https://cloud.google.com/storage/docs/boto-gsutil"),
    ig!(".s3cfg", Always, "s3cmd access keys", "https://s3tools.org/kb/item14.htm"),
    ig!(".pgpass", Always, "PostgreSQL passwords", "https://www.postgresql.org/docs/current/libpq-pgpass.html"),
    ig!(".my.cnf", Confirm, "MySQL client options, often with a password", "https://dev.mysql.com/doc/refman/8.4/en/option-files.html"),
    ig!(".vault-token", Always, "HashiCorp Vault token", "https://developer.hashicorp.com/vault/docs/commands/login"),
    ig!(".dockercfg", Always, "registry credentials (the legacy file)", SECRETS_DOC),
    ig!(".terraformrc", Confirm, "Terraform CLI settings, may hold registry tokens", "https://developer.hashicorp.com/terraform/cli/config/config-file#credentials"),
];

/// Files of `~/.ssh` that are not keys (<https://man.openbsd.org/ssh#FILES>): a file copied
/// into a `.ssh` folder under any other name is taken for a private key.
pub(crate) static SSH_PUBLIC_FILES: &[&str] = &[
    "config",
    "known_hosts",
    "known_hosts2",
    "authorized_keys",
    "authorized_keys2",
    "environment",
    "rc",
];

// ---------------------------------------------------------------------------------------------
// Ecosystems
// ---------------------------------------------------------------------------------------------

const CHECKED: &str = "2026-11-28";

macro_rules! file {
    ($p:literal, $role:ident, $req:literal) => {
        DependencyFile {
            pattern: $p,
            role: FileRole::$role,
            required: $req,
            note: "",
        }
    };
    ($p:literal, $role:ident, $req:literal, $note:literal) => {
        DependencyFile {
            pattern: $p,
            role: FileRole::$role,
            required: $req,
            note: $note,
        }
    };
}

const NPM_SRC: &str = "https://docs.npmjs.com/cli/v11/commands/npm-ci; https://docs.npmjs.com/cli/v11/configuring-npm/package-lock-json";
const NPM_OMIT: &[&str] = &[
    "--omit=dev",
    "--omit dev",
    "--production",
    "--only=production",
    "--only=prod",
];

static NODE_TOOLS: &[Tool] = &[
    Tool {
        name: "npm",
        package_manager: Some(PackageManagerId::Npm),
        files: &[
            file!("package.json", Manifest, true),
            file!("package-lock.json", Lock, false, "required by `npm ci`"),
            file!("npm-shrinkwrap.json", Lock, false),
            file!(".npmrc", Config, false, "registry settings; may hold a token (see SECRET_PATTERNS)"),
        ],
        detect: &["package-lock.json", "npm-shrinkwrap.json"],
        install: &[
            InstallCommand {
                program: "npm",
                verb: "ci",
                needs_any: &[],
                positional_means_add: false,
                uses_lock: true,
                dev_by_default: true,
                production_flags: NPM_OMIT,
                dev_flags: &["--include=dev", "--include dev"],
                recommended: "npm ci --omit=dev",
                source: NPM_SRC,
            },
            InstallCommand {
                program: "npm",
                verb: "clean-install",
                needs_any: &[],
                positional_means_add: false,
                uses_lock: true,
                dev_by_default: true,
                production_flags: NPM_OMIT,
                dev_flags: &["--include=dev", "--include dev"],
                recommended: "npm ci --omit=dev",
                source: NPM_SRC,
            },
            InstallCommand {
                program: "npm",
                verb: "install",
                needs_any: &[],
                positional_means_add: true,
                uses_lock: false,
                dev_by_default: true,
                production_flags: NPM_OMIT,
                dev_flags: &["--include=dev", "--include dev"],
                recommended: "npm ci --omit=dev",
                source: "https://docs.npmjs.com/cli/v11/commands/npm-install",
            },
            InstallCommand {
                program: "npm",
                verb: "i",
                needs_any: &[],
                positional_means_add: true,
                uses_lock: false,
                dev_by_default: true,
                production_flags: NPM_OMIT,
                dev_flags: &["--include=dev", "--include dev"],
                recommended: "npm ci --omit=dev",
                source: "https://docs.npmjs.com/cli/v11/commands/npm-install",
            },
        ],
        build: &["npm run build", "npm run-script build"],
        project_options: &["--prefix", "-C", "--workspace", "-w", "--workspaces", "-ws"],
        source: NPM_SRC,
    },
    Tool {
        name: "yarn",
        package_manager: Some(PackageManagerId::YarnClassic),
        files: &[
            file!("package.json", Manifest, true),
            file!("yarn.lock", Lock, false, "required by --frozen-lockfile / --immutable"),
            file!(".yarnrc", Config, false),
            file!(".yarnrc.yml", Config, false, "yarn 2+: required when present (yarnPath, nodeLinker)"),
            file!(".yarn/releases", Config, false, "yarn 2+: the yarn binary named by yarnPath"),
            file!(".yarn/plugins", Config, false),
            file!(".yarn/patches", Config, false),
        ],
        detect: &["yarn.lock", ".yarnrc.yml"],
        install: &[
            InstallCommand {
                program: "yarn",
                verb: "install",
                needs_any: &[],
                positional_means_add: false,
                uses_lock: false,
                dev_by_default: true,
                production_flags: &["--production", "--prod", "--production=true"],
                dev_flags: &[],
                recommended: "yarn install --frozen-lockfile --production (yarn 1); yarn workspaces focus --all --production (yarn 2+)",
                source: "https://classic.yarnpkg.com/en/docs/cli/install; https://yarnpkg.com/cli/install",
            },
            InstallCommand {
                program: "yarn",
                verb: "",
                needs_any: &[],
                positional_means_add: false,
                uses_lock: false,
                dev_by_default: true,
                production_flags: &["--production", "--prod", "--production=true"],
                dev_flags: &[],
                recommended: "yarn install --frozen-lockfile --production",
                source: "https://classic.yarnpkg.com/en/docs/cli/install",
            },
            InstallCommand {
                program: "yarn",
                verb: "workspaces focus",
                needs_any: &[],
                positional_means_add: false,
                uses_lock: false,
                dev_by_default: true,
                production_flags: &["--production"],
                dev_flags: &[],
                recommended: "yarn workspaces focus --all --production",
                source: "https://yarnpkg.com/cli/workspaces/focus",
            },
        ],
        build: &["yarn build", "yarn run build"],
        project_options: &["--cwd"],
        source: "https://classic.yarnpkg.com/en/docs/cli/install; https://yarnpkg.com/cli/install",
    },
    Tool {
        name: "pnpm",
        package_manager: Some(PackageManagerId::Pnpm),
        files: &[
            file!("package.json", Manifest, true),
            file!("pnpm-lock.yaml", Lock, false, "required by --frozen-lockfile and `pnpm fetch`"),
            file!("pnpm-workspace.yaml", Config, false),
            file!(".npmrc", Config, false),
            file!(".pnpmfile.cjs", Config, false),
            file!("patches", Config, false, "patched packages must be copied before install"),
        ],
        detect: &["pnpm-lock.yaml", "pnpm-workspace.yaml"],
        install: &[
            InstallCommand {
                program: "pnpm",
                verb: "install",
                needs_any: &[],
                positional_means_add: true,
                uses_lock: false,
                dev_by_default: true,
                production_flags: &["--prod", "-P"],
                dev_flags: &["--dev", "-D"],
                recommended: "pnpm install --prod --frozen-lockfile",
                source: "https://pnpm.io/cli/install; https://pnpm.io/docker",
            },
            InstallCommand {
                program: "pnpm",
                verb: "i",
                needs_any: &[],
                positional_means_add: true,
                uses_lock: false,
                dev_by_default: true,
                production_flags: &["--prod", "-P"],
                dev_flags: &["--dev", "-D"],
                recommended: "pnpm install --prod --frozen-lockfile",
                source: "https://pnpm.io/cli/install",
            },
            InstallCommand {
                program: "pnpm",
                verb: "fetch",
                needs_any: &[],
                positional_means_add: false,
                uses_lock: true,
                dev_by_default: true,
                production_flags: &["--prod", "-P"],
                dev_flags: &["--dev", "-D"],
                recommended: "pnpm fetch --prod",
                source: "https://pnpm.io/cli/fetch",
            },
        ],
        build: &["pnpm build", "pnpm run build"],
        project_options: &["--dir", "-C", "--filter", "-F", "--recursive", "-r"],
        source: "https://pnpm.io/cli/install",
    },
];

static PYTHON_TOOLS: &[Tool] = &[
    Tool {
        name: "pip",
        package_manager: Some(PackageManagerId::Pip),
        files: &[
            file!("requirements.txt", Manifest, true),
            file!(
                "requirements*.txt",
                Manifest,
                false,
                "other requirement files a -r line or `-r` inside the file names"
            ),
            file!("constraints.txt", Lock, false, "used with -c"),
        ],
        detect: &["requirements.txt"],
        install: &[InstallCommand {
            program: "pip",
            verb: "install",
            needs_any: &["-r", "--requirement"],
            positional_means_add: false,
            uses_lock: false,
            dev_by_default: false,
            production_flags: &[],
            dev_flags: &[],
            recommended: "pip install --no-cache-dir -r requirements.txt",
            source: "https://pip.pypa.io/en/stable/reference/requirements-file-format/",
        }],
        build: &["pip wheel", "python -m build", "python setup.py"],
        project_options: &[],
        source: "https://pip.pypa.io/en/stable/cli/pip_install/",
    },
    Tool {
        name: "poetry",
        package_manager: Some(PackageManagerId::Poetry),
        files: &[
            file!("pyproject.toml", Manifest, true),
            file!(
                "poetry.lock",
                Lock,
                false,
                "without it poetry resolves at build time"
            ),
            file!("poetry.toml", Config, false),
        ],
        detect: &["poetry.lock"],
        install: &[
            InstallCommand {
                program: "poetry",
                verb: "install",
                needs_any: &[],
                positional_means_add: false,
                uses_lock: true,
                dev_by_default: true,
                production_flags: &[
                    "--only main",
                    "--only=main",
                    "--without dev",
                    "--without=dev",
                    "--no-dev",
                ],
                dev_flags: &["--with dev", "--with=dev"],
                recommended: "poetry install --only main --no-root --no-interaction",
                source: "https://python-poetry.org/docs/cli/#install",
            },
            InstallCommand {
                program: "poetry",
                verb: "sync",
                needs_any: &[],
                positional_means_add: false,
                uses_lock: true,
                dev_by_default: true,
                production_flags: &[
                    "--only main",
                    "--only=main",
                    "--without dev",
                    "--without=dev",
                ],
                dev_flags: &["--with dev", "--with=dev"],
                recommended: "poetry sync --only main --no-root --no-interaction",
                source: "https://python-poetry.org/docs/cli/#sync",
            },
        ],
        build: &["poetry build"],
        project_options: &["--directory", "-C", "--project", "-P"],
        source: "https://python-poetry.org/docs/basic-usage/",
    },
    Tool {
        name: "pipenv",
        package_manager: None,
        files: &[
            file!("Pipfile", Manifest, true),
            file!(
                "Pipfile.lock",
                Lock,
                false,
                "required by --deploy and `pipenv sync`"
            ),
        ],
        detect: &["Pipfile", "Pipfile.lock"],
        install: &[
            InstallCommand {
                program: "pipenv",
                verb: "install",
                needs_any: &[],
                positional_means_add: true,
                uses_lock: false,
                dev_by_default: false,
                production_flags: &[],
                dev_flags: &["--dev", "-d"],
                recommended: "pipenv install --deploy --system",
                source: "https://pipenv.pypa.io/en/latest/commands.html#install",
            },
            InstallCommand {
                program: "pipenv",
                verb: "sync",
                needs_any: &[],
                positional_means_add: false,
                uses_lock: true,
                dev_by_default: false,
                production_flags: &[],
                dev_flags: &["--dev", "-d"],
                recommended: "pipenv sync --system",
                source: "https://pipenv.pypa.io/en/latest/commands.html#sync",
            },
        ],
        build: &[],
        project_options: &[],
        source: "https://pipenv.pypa.io/en/latest/",
    },
    Tool {
        name: "uv",
        package_manager: Some(PackageManagerId::Uv),
        files: &[
            file!("pyproject.toml", Manifest, true),
            file!("uv.lock", Lock, false, "required by --locked/--frozen"),
            file!(".python-version", Config, false),
        ],
        detect: &["uv.lock"],
        install: &[
            InstallCommand {
                program: "uv",
                verb: "sync",
                needs_any: &[],
                positional_means_add: false,
                uses_lock: true,
                dev_by_default: true,
                production_flags: &["--no-dev", "--only-group main"],
                dev_flags: &["--dev", "--all-groups"],
                recommended: "uv sync --locked --no-install-project --no-dev",
                source: "https://docs.astral.sh/uv/guides/integration/docker/#intermediate-layers",
            },
            InstallCommand {
                program: "uv",
                verb: "pip install",
                needs_any: &["-r", "--requirement"],
                positional_means_add: false,
                uses_lock: false,
                dev_by_default: false,
                production_flags: &[],
                dev_flags: &[],
                recommended: "uv pip install --no-cache -r requirements.txt",
                source: "https://docs.astral.sh/uv/pip/packages/",
            },
        ],
        build: &["uv build"],
        project_options: &["--directory", "--project", "--package"],
        source: "https://docs.astral.sh/uv/concepts/projects/sync/",
    },
    Tool {
        name: "pdm",
        package_manager: None,
        files: &[
            file!("pyproject.toml", Manifest, true),
            file!("pdm.lock", Lock, false),
        ],
        detect: &["pdm.lock"],
        install: &[
            InstallCommand {
                program: "pdm",
                verb: "install",
                needs_any: &[],
                positional_means_add: false,
                uses_lock: true,
                dev_by_default: true,
                production_flags: &["--prod", "--production"],
                dev_flags: &["--dev", "-d"],
                recommended: "pdm install --prod --frozen-lockfile --no-self",
                source: "https://pdm-project.org/latest/reference/cli/#install",
            },
            InstallCommand {
                program: "pdm",
                verb: "sync",
                needs_any: &[],
                positional_means_add: false,
                uses_lock: true,
                dev_by_default: true,
                production_flags: &["--prod", "--production"],
                dev_flags: &["--dev", "-d"],
                recommended: "pdm sync --prod --no-self",
                source: "https://pdm-project.org/latest/reference/cli/#sync",
            },
        ],
        build: &["pdm build"],
        project_options: &["--project", "-p"],
        source:
            "https://pdm-project.org/latest/usage/advanced/#use-pdm-in-a-multi-stage-dockerfile",
    },
];

static GO_TOOLS: &[Tool] = &[Tool {
    name: "go",
    package_manager: Some(PackageManagerId::Go),
    files: &[
        file!("go.mod", Manifest, true),
        file!(
            "go.sum",
            Lock,
            false,
            "absent when the module has no dependencies"
        ),
        file!("go.work", Config, false),
        file!("go.work.sum", Lock, false),
    ],
    detect: &["go.mod"],
    install: &[InstallCommand {
        program: "go",
        verb: "mod download",
        needs_any: &[],
        positional_means_add: false,
        uses_lock: true,
        dev_by_default: false,
        production_flags: &[],
        dev_flags: &[],
        recommended: "go mod download",
        source: "https://go.dev/ref/mod#go-mod-download",
    }],
    build: &[
        "go build",
        "CGO_ENABLED=0 go build -trimpath -ldflags=\"-s -w\" -o /out/app .",
    ],
    project_options: &["-C", "-modfile"],
    source: "https://go.dev/ref/mod",
}];

static RUST_TOOLS: &[Tool] = &[Tool {
    name: "cargo",
    package_manager: Some(PackageManagerId::Cargo),
    files: &[
        file!("Cargo.toml", Manifest, true),
        file!(
            "Cargo.lock",
            Lock,
            false,
            "committed for binaries; --locked needs it"
        ),
        file!("rust-toolchain.toml", Config, false),
        file!(".cargo/config.toml", Config, false),
    ],
    detect: &["Cargo.toml"],
    install: &[InstallCommand {
        program: "cargo",
        verb: "fetch",
        needs_any: &[],
        positional_means_add: false,
        uses_lock: true,
        dev_by_default: false,
        production_flags: &[],
        dev_flags: &[],
        recommended: "cargo fetch --locked",
        source: "https://doc.rust-lang.org/cargo/commands/cargo-fetch.html",
    }],
    build: &[
        "cargo build --release --locked",
        "cargo install --path . --locked",
    ],
    project_options: &["--manifest-path"],
    source: "https://doc.rust-lang.org/cargo/guide/cargo-toml-vs-cargo-lock.html",
}];

static RUBY_TOOLS: &[Tool] = &[Tool {
    name: "bundler",
    package_manager: Some(PackageManagerId::Bundler),
    files: &[
        file!("Gemfile", Manifest, true),
        file!("Gemfile.lock", Lock, false),
        file!(".ruby-version", Config, false),
        file!("*.gemspec", Manifest, false, "when the Gemfile has `gemspec`"),
    ],
    detect: &["Gemfile", "Gemfile.lock"],
    install: &[InstallCommand {
        program: "bundle",
        verb: "install",
        needs_any: &[],
        positional_means_add: false,
        uses_lock: false,
        dev_by_default: true,
        // Any `--without <groups>` (deprecated spelling of BUNDLE_WITHOUT) counts as intent.
        production_flags: &["--without"],
        dev_flags: &[],
        recommended: "BUNDLE_WITHOUT=development:test BUNDLE_DEPLOYMENT=1 bundle install",
        source: "https://bundler.io/man/bundle-install.1.html; https://bundler.io/man/bundle-config.1.html",
    }],
    build: &["bundle exec rake assets:precompile", "bundle exec rails assets:precompile"],
    project_options: &["--gemfile"],
    source: "https://bundler.io/guides/gemfile.html",
}];

static PHP_TOOLS: &[Tool] = &[Tool {
    name: "composer",
    package_manager: Some(PackageManagerId::Composer),
    files: &[
        file!("composer.json", Manifest, true),
        file!("composer.lock", Lock, false),
        file!(
            "auth.json",
            Config,
            false,
            "credentials: pass as a secret instead (see SECRET_PATTERNS)"
        ),
    ],
    detect: &["composer.json"],
    install: &[InstallCommand {
        program: "composer",
        verb: "install",
        needs_any: &[],
        positional_means_add: false,
        uses_lock: true,
        dev_by_default: true,
        production_flags: &["--no-dev"],
        dev_flags: &[],
        recommended:
            "composer install --no-dev --no-interaction --no-scripts --no-autoloader --prefer-dist",
        source: "https://getcomposer.org/doc/03-cli.md#install-i",
    }],
    build: &["composer dump-autoload --optimize --classmap-authoritative"],
    project_options: &["--working-dir", "-d"],
    source: "https://getcomposer.org/doc/01-basic-usage.md",
}];

static JAVA_TOOLS: &[Tool] = &[
    Tool {
        name: "maven",
        package_manager: Some(PackageManagerId::Maven),
        files: &[
            file!("pom.xml", Manifest, true),
            file!(
                ".mvn",
                Config,
                false,
                "wrapper and extension config: needed by ./mvnw"
            ),
            file!("mvnw", Config, false),
        ],
        detect: &["pom.xml"],
        install: &[InstallCommand {
            program: "mvn",
            verb: "dependency:go-offline",
            needs_any: &[],
            positional_means_add: false,
            uses_lock: false,
            dev_by_default: false,
            production_flags: &[],
            dev_flags: &[],
            recommended: "mvn -B dependency:go-offline",
            source: "https://maven.apache.org/plugins/maven-dependency-plugin/go-offline-mojo.html",
        }],
        build: &[
            "mvn package",
            "mvn -B package -DskipTests",
            "mvn install",
            "mvn verify",
        ],
        project_options: &["--file", "-f"],
        source: "https://maven.apache.org/guides/introduction/introduction-to-the-pom.html",
    },
    Tool {
        name: "gradle",
        package_manager: Some(PackageManagerId::Gradle),
        files: &[
            file!(
                "build.gradle",
                Manifest,
                false,
                "one of build.gradle / build.gradle.kts"
            ),
            file!("build.gradle.kts", Manifest, false),
            file!("settings.gradle", Config, false),
            file!("settings.gradle.kts", Config, false),
            file!("gradle.properties", Config, false),
            file!(
                "gradle",
                Config,
                false,
                "wrapper and version catalog (gradle/libs.versions.toml)"
            ),
            file!("gradlew", Config, false),
            file!("gradle.lockfile", Lock, false),
        ],
        detect: &[
            "build.gradle",
            "build.gradle.kts",
            "settings.gradle",
            "settings.gradle.kts",
        ],
        install: &[InstallCommand {
            program: "gradle",
            verb: "dependencies",
            needs_any: &[],
            positional_means_add: false,
            uses_lock: false,
            dev_by_default: false,
            production_flags: &[],
            dev_flags: &[],
            recommended: "gradle dependencies --no-daemon",
            source: "https://docs.gradle.org/current/userguide/viewing_debugging_dependencies.html",
        }],
        build: &[
            "gradle build",
            "gradle bootJar",
            "gradle assemble",
            "gradle installDist",
        ],
        project_options: &[
            "--project-dir",
            "-p",
            "--build-file",
            "-b",
            "--settings-file",
            "-c",
        ],
        source: "https://docs.gradle.org/current/userguide/directory_layout.html",
    },
];

static DOTNET_TOOLS: &[Tool] = &[Tool {
    name: "dotnet",
    package_manager: Some(PackageManagerId::Dotnet),
    files: &[
        file!(
            "*.csproj",
            Manifest,
            false,
            "one project file (or *.fsproj/*.vbproj) per project"
        ),
        file!("*.fsproj", Manifest, false),
        file!("*.vbproj", Manifest, false),
        file!("*.sln", Manifest, false),
        file!("*.slnx", Manifest, false),
        file!("Directory.Build.props", Config, false),
        file!("Directory.Packages.props", Config, false),
        file!("NuGet.config", Config, false),
        file!("global.json", Config, false),
        file!("packages.lock.json", Lock, false, "with --locked-mode"),
    ],
    detect: &["*.csproj", "*.fsproj", "*.sln"],
    install: &[InstallCommand {
        program: "dotnet",
        verb: "restore",
        needs_any: &[],
        positional_means_add: false,
        uses_lock: false,
        dev_by_default: false,
        production_flags: &[],
        dev_flags: &[],
        recommended: "dotnet restore",
        source: "https://learn.microsoft.com/en-us/dotnet/core/tools/dotnet-restore",
    }],
    build: &[
        "dotnet publish -c Release -o /app/publish --no-restore",
        "dotnet build",
    ],
    project_options: &[],
    source: "https://learn.microsoft.com/en-us/dotnet/core/docker/build-container",
}];

/// All ecosystems.
pub(crate) static ECOSYSTEMS: &[Ecosystem] = &[
    Ecosystem {
        id: EcosystemId::Node,
        name: "Node.js",
        tools: NODE_TOOLS,
        build_outputs: &["dist", "build", ".next", "out", ".nuxt", ".output"],
        dockerignore: &[
            ig!("node_modules", IfInstalledInImage, "installed in the image; a host copy has host-built native addons", GI_NODE),
            ig!("npm-debug.log*", Always, "npm logs", GI_NODE),
            ig!("yarn-debug.log*", Always, "yarn logs", GI_NODE),
            ig!("yarn-error.log*", Always, "yarn logs", GI_NODE),
            ig!(".npm", Always, "npm cache", GI_NODE),
            ig!("coverage", Always, "test coverage output", GI_NODE),
            ig!(".nyc_output", Always, "test coverage output", GI_NODE),
            ig!(".eslintcache", Always, "linter cache", GI_NODE),
            ig!(".cache", Always, "tool caches", GI_NODE),
            ig!(".parcel-cache", Always, "bundler cache", GI_NODE),
            ig!(".next", IfBuiltInImage, "Next.js build output", GI_NODE),
            ig!("dist", IfBuiltInImage, "build output", GI_NODE),
            ig!("build", IfBuiltInImage, "build output", GI_NODE),
            ig!("*.tsbuildinfo", Always, "TypeScript incremental state", GI_NODE),
        ],
        builder_image: "node:{version}",
        runtime: RuntimeImage {
            image: "node",
            tag_template: "{version}-slim",
            alternatives: &["gcr.io/distroless/nodejs26-debian13:nonroot", "node:{version}-alpine"],
            note: "Runtime stage installs production deps only (`npm ci --omit=dev`) and copies the build output.",
            source: "images.rs (node family); distroless.rs (nodejs26-debian13)",
        },
        note: "",
        source: NPM_SRC,
        checked: CHECKED,
    },
    Ecosystem {
        id: EcosystemId::Python,
        name: "Python",
        tools: PYTHON_TOOLS,
        build_outputs: &["dist", "build", "*.egg-info", "wheels"],
        dockerignore: &[
            ig!("__pycache__", Always, "bytecode caches", GI_PYTHON),
            ig!("*.pyc", Always, "bytecode", GI_PYTHON),
            ig!("*.pyo", Always, "bytecode", GI_PYTHON),
            ig!(".venv", Always, "a host virtualenv: wrong paths and platform in the image", GI_PYTHON),
            ig!("venv", Always, "a host virtualenv", GI_PYTHON),
            ig!(".pytest_cache", Always, "test cache", GI_PYTHON),
            ig!(".mypy_cache", Always, "type checker cache", GI_PYTHON),
            ig!(".ruff_cache", Always, "linter cache", GI_PYTHON),
            ig!(".tox", Always, "test environments", GI_PYTHON),
            ig!(".nox", Always, "test environments", GI_PYTHON),
            ig!(".coverage", Always, "coverage data", GI_PYTHON),
            ig!("htmlcov", Always, "coverage report", GI_PYTHON),
            ig!("*.egg-info", Always, "build metadata", GI_PYTHON),
            ig!("dist", IfBuiltInImage, "built wheels/sdists", GI_PYTHON),
            ig!("build", IfBuiltInImage, "build output", GI_PYTHON),
        ],
        builder_image: "python:{version}",
        runtime: RuntimeImage {
            image: "python",
            tag_template: "{version}-slim",
            alternatives: &["gcr.io/distroless/python3-debian13:nonroot"],
            note: "Build wheels or a venv in the builder (with compilers), copy the venv to the same Python version on -slim. Distroless python3 ships Debian's Python (not the builder's version).",
            source: "images.rs (python family); distroless.rs (python3-debian13)",
        },
        note: "",
        source: "https://pip.pypa.io/en/stable/; https://packaging.python.org/",
        checked: CHECKED,
    },
    Ecosystem {
        id: EcosystemId::Go,
        name: "Go",
        tools: GO_TOOLS,
        build_outputs: &["bin"],
        dockerignore: &[
            ig!("*.test", Always, "test binaries", GI_GO),
            ig!("*.out", Always, "profiles / outputs", GI_GO),
            ig!("coverage.*", Always, "coverage output", GI_GO),
            ig!("bin", IfBuiltInImage, "build output", GI_GO),
            // Not `vendor`: Go projects may commit their dependencies there (`go mod vendor`).
        ],
        builder_image: "golang:{version}",
        runtime: RuntimeImage {
            image: "gcr.io/distroless/static-debian13",
            tag_template: "nonroot",
            alternatives: &["scratch", "alpine:3.24"],
            note: "Needs a static binary (CGO_ENABLED=0). distroless static has CA certificates, tzdata and a nonroot user; scratch has none of them. Debian 12 distroless is past end of life (Sept 2026).",
            source: "distroless.rs (static-debian13, README @0a6bcd73)",
        },
        note: "Never ignore `vendor/` for Go: it may hold committed dependencies used with -mod=vendor.",
        source: "https://go.dev/ref/mod",
        checked: CHECKED,
    },
    Ecosystem {
        id: EcosystemId::Rust,
        name: "Rust",
        tools: RUST_TOOLS,
        build_outputs: &["target"],
        dockerignore: &[
            ig!("target", Always, "build artefacts: large, and platform-specific", GI_RUST),
            ig!("**/*.rs.bk", Always, "rustfmt backups", GI_RUST),
        ],
        builder_image: "rust:{version}",
        runtime: RuntimeImage {
            image: "debian",
            tag_template: "trixie-slim",
            alternatives: &["gcr.io/distroless/cc-debian13:nonroot", "gcr.io/distroless/static-debian13:nonroot"],
            note: "Match the builder's Debian release (rust:<v> is trixie, so trixie-slim / cc-debian13) so glibc agrees; static (musl) builds can use distroless static or scratch.",
            source: "images.rs (rust rows: debian-trixie); distroless.rs",
        },
        note: "",
        source: "https://doc.rust-lang.org/cargo/",
        checked: CHECKED,
    },
    Ecosystem {
        id: EcosystemId::Ruby,
        name: "Ruby",
        tools: RUBY_TOOLS,
        build_outputs: &["public/assets", "public/packs"],
        dockerignore: &[
            ig!(".bundle", Always, "local bundler config (may point to host paths)", GI_RUBY),
            ig!("vendor/bundle", IfInstalledInImage, "host-installed gems", GI_RUBY),
            ig!("log", Always, "logs", GI_RUBY),
            ig!("tmp", Always, "temporary files", GI_RUBY),
            ig!("coverage", Always, "coverage output", GI_RUBY),
            ig!("node_modules", IfInstalledInImage, "JS dependencies of Rails apps", GI_NODE),
        ],
        builder_image: "ruby:{version}",
        runtime: RuntimeImage {
            image: "ruby",
            tag_template: "{version}-slim",
            alternatives: &["ruby:{version}-alpine"],
            note: "Compile gems with native extensions in the builder; copy /usr/local/bundle to -slim.",
            source: "images.rs (ruby family)",
        },
        note: "",
        source: "https://bundler.io/",
        checked: CHECKED,
    },
    Ecosystem {
        id: EcosystemId::Php,
        name: "PHP",
        tools: PHP_TOOLS,
        build_outputs: &["vendor"],
        dockerignore: &[
            ig!("vendor", IfInstalledInImage, "Composer-installed dependencies (ignore only when `composer install` runs in the image)", GI_COMPOSER),
            ig!("node_modules", IfInstalledInImage, "front-end dependencies", GI_NODE),
            ig!(".phpunit.result.cache", Always, "test cache", DOCKERIGNORE_DOC),
        ],
        builder_image: "composer:2",
        runtime: RuntimeImage {
            image: "php",
            tag_template: "{version}-fpm",
            alternatives: &["php:{version}-fpm-alpine", "php:{version}-apache", "php:{version}-cli"],
            note: "Keep the user's php variant (fpm/apache/cli); run composer in a build stage and copy vendor/.",
            source: "images.rs (php family)",
        },
        note: "",
        source: "https://getcomposer.org/doc/",
        checked: CHECKED,
    },
    Ecosystem {
        id: EcosystemId::Java,
        name: "Java",
        tools: JAVA_TOOLS,
        build_outputs: &["target", "build", "build/libs", "target/*.jar"],
        dockerignore: &[
            ig!("target", IfBuiltInImage, "Maven build output", GI_MAVEN),
            ig!(".gradle", Always, "Gradle project cache", GI_GRADLE),
            ig!("build", IfBuiltInImage, "Gradle build output", GI_GRADLE),
            ig!("*.class", Always, "compiled classes", GI_JAVA),
            ig!("hs_err_pid*", Always, "JVM crash logs", GI_JAVA),
        ],
        builder_image: "maven:3.9-eclipse-temurin-{version}",
        runtime: RuntimeImage {
            image: "eclipse-temurin",
            tag_template: "{version}-jre",
            alternatives: &["eclipse-temurin:{version}-jre-alpine", "gcr.io/distroless/java25-debian13:nonroot"],
            note: "Same Java major as the builder's JDK. Keep `gradle/wrapper/gradle-wrapper.jar` and `.mvn/wrapper` in the context: the wrappers need them.",
            source: "images.rs (eclipse-temurin family); distroless.rs (java25-debian13)",
        },
        note: "",
        source: "https://maven.apache.org/; https://docs.gradle.org/",
        checked: CHECKED,
    },
    Ecosystem {
        id: EcosystemId::Dotnet,
        name: ".NET",
        tools: DOTNET_TOOLS,
        build_outputs: &["bin", "obj", "publish"],
        dockerignore: &[
            ig!("bin", Always, "build output", GI_VS),
            ig!("obj", Always, "intermediate build output (host-specific project.assets.json)", GI_VS),
            ig!(".vs", Always, "Visual Studio state", GI_VS),
            ig!("*.user", Always, "user-specific project settings", GI_VS),
            ig!("TestResults", Always, "test output", GI_VS),
        ],
        builder_image: "mcr.microsoft.com/dotnet/sdk:{version}",
        runtime: RuntimeImage {
            image: "mcr.microsoft.com/dotnet/aspnet",
            tag_template: "{version}",
            alternatives: &["mcr.microsoft.com/dotnet/runtime:{version}", "mcr.microsoft.com/dotnet/runtime-deps:{version}"],
            note: "aspnet for web apps, runtime for console apps, runtime-deps for self-contained publishes.",
            source: "https://learn.microsoft.com/en-us/dotnet/core/docker/build-container",
        },
        note: "",
        source: "https://learn.microsoft.com/en-us/dotnet/core/docker/build-container",
        checked: CHECKED,
    },
];

/// The row for an id.
pub(crate) fn ecosystem(id: EcosystemId) -> &'static Ecosystem {
    ECOSYSTEMS
        .iter()
        .find(|e| e.id == id)
        .expect("every EcosystemId has a row")
}

/// All ecosystems.
pub(crate) fn ecosystems() -> &'static [Ecosystem] {
    ECOSYSTEMS
}

/// Matches a file name against a pattern with at most one `*` (`*.csproj`, `requirements*.txt`).
fn glob_match(pattern: &str, name: &str) -> bool {
    match pattern.split_once('*') {
        None => pattern == name,
        Some((pre, post)) => {
            name.len() >= pre.len() + post.len() && name.starts_with(pre) && name.ends_with(post)
        }
    }
}

/// The ecosystem a dependency file belongs to: `package.json` → Node, `go.sum` → Go,
/// `App.csproj` → .NET, `requirements-dev.txt` → Python. Takes a file name or a path (the last
/// component is used). `None` for files that no tool reads or that several ecosystems share
/// ambiguously (`.npmrc` is Node's).
pub(crate) fn ecosystem_for_manifest(file_name: &str) -> Option<&'static Ecosystem> {
    let name = file_name
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or(file_name);
    let claims = |e: &Ecosystem, roles: &[FileRole]| {
        e.tools.iter().any(|t| {
            t.detect.iter().any(|d| glob_match(d, name))
                || t.files
                    .iter()
                    .any(|f| roles.contains(&f.role) && glob_match(f.pattern, name))
        })
    };
    // Manifests and lock files first; then tool config files with tool-specific names
    // (`.npmrc`, `.yarnrc.yml`, `.python-version`), never generic ones (`auth.json`, `patches`).
    ECOSYSTEMS
        .iter()
        .find(|e| claims(e, &[FileRole::Manifest, FileRole::Lock]))
        .or_else(|| {
            ECOSYSTEMS
                .iter()
                .find(|e| name.starts_with('.') && claims(e, &[FileRole::Config]))
        })
}

fn program_base(program: &str) -> &str {
    program.rsplit('/').next().unwrap_or(program)
}

fn verb_matches(verb: &str, words: &[&str]) -> bool {
    let mut words = words.iter();
    verb.split(' ').all(|v| words.next() == Some(&v))
}

/// Recognises a dependency-install command: `npm ci`, `pip install -r requirements.txt`,
/// `python -m pip install -r ...`, `poetry install`, `uv sync`, `go mod download`,
/// `bundle install`, `composer install`, `mvn dependency:go-offline`, `cargo fetch`,
/// `dotnet restore`, a bare `yarn`. Not: `npm install express` (adds a package), `pip install .`
/// (needs the source), `pip install flask`.
pub(crate) fn ecosystem_for_install_command(program: &str, args: &[&str]) -> Option<InstallMatch> {
    let base = program_base(program);
    let pm = package_manager_for_command(program, args);
    // Skip `-m pip` and leading options.
    let mut rest = args;
    if matches!(rest, ["-m", ..]) && rest.len() >= 2 {
        rest = &rest[2..];
    }
    let words: Vec<&str> = rest
        .iter()
        .copied()
        .filter(|a| !a.starts_with('-'))
        .collect();
    for e in ECOSYSTEMS {
        for t in e.tools {
            let tool_matches = match (t.package_manager, pm) {
                (Some(id), Some(p)) => {
                    id == p.id
                        || (id == PackageManagerId::YarnClassic
                            && p.id == PackageManagerId::YarnBerry)
                }
                (None, _) => base == t.name,
                (Some(_), None) => false,
            };
            if !tool_matches {
                continue;
            }
            let anywhere = matches!(
                t.package_manager,
                Some(PackageManagerId::Maven | PackageManagerId::Gradle)
            );
            for c in t.install {
                let verb_ok = if c.verb.is_empty() {
                    // A bare `yarn` installs; `yarn --version` (a smoke test) does not.
                    words.is_empty()
                        && !rest
                            .iter()
                            .any(|a| matches!(*a, "-v" | "--version" | "-h" | "--help"))
                } else if anywhere {
                    words.contains(&c.verb)
                } else {
                    verb_matches(c.verb, &words)
                };
                if !verb_ok {
                    continue;
                }
                if !c.needs_any.is_empty()
                    && !c.needs_any.iter().any(|n| {
                        rest.iter().any(|a| {
                            a == n
                                || a.strip_prefix(n).is_some_and(|r| r.starts_with('='))
                                || (n.len() == 2
                                    && a.starts_with(n)
                                    && a.len() > 2
                                    && !a.starts_with("--"))
                        })
                    })
                {
                    continue;
                }
                let verb_len = c.verb.split(' ').filter(|w| !w.is_empty()).count();
                if c.positional_means_add
                    && words.len() > verb_len
                    && !positional_are_option_values(rest, &words[verb_len..])
                {
                    continue;
                }
                return Some(InstallMatch {
                    ecosystem: e,
                    tool: t,
                    command: c,
                });
            }
        }
    }
    None
}

/// Options whose value is a separate word (`--omit dev`, `--prefix dir`): their values are not
/// package names.
fn positional_are_option_values(args: &[&str], positional: &[&str]) -> bool {
    const WITH_VALUE: &[&str] = &[
        "--omit",
        "--include",
        "--prefix",
        "--registry",
        "--cache",
        "--loglevel",
        "--workspace",
        "-w",
        "--filter",
        "--dir",
        "-C",
    ];
    positional.iter().all(|p| {
        args.windows(2)
            .any(|w| WITH_VALUE.contains(&w[0]) && w[1] == *p)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn install(program: &str, args: &[&str]) -> Option<(EcosystemId, &'static str, &'static str)> {
        ecosystem_for_install_command(program, args)
            .map(|m| (m.ecosystem.id, m.tool.name, m.command.verb))
    }

    #[test]
    fn install_commands() {
        assert_eq!(
            install("npm", &["ci"]),
            Some((EcosystemId::Node, "npm", "ci"))
        );
        assert_eq!(
            install("npm", &["install"]),
            Some((EcosystemId::Node, "npm", "install"))
        );
        assert_eq!(
            install("npm", &["install", "--omit", "dev"]),
            Some((EcosystemId::Node, "npm", "install"))
        );
        assert_eq!(install("npm", &["install", "express"]), None);
        assert_eq!(install("yarn", &[]), Some((EcosystemId::Node, "yarn", "")));
        assert_eq!(
            install("yarn", &["--frozen-lockfile"]),
            Some((EcosystemId::Node, "yarn", ""))
        );
        assert_eq!(
            install("yarn", &["install", "--immutable"]),
            Some((EcosystemId::Node, "yarn", "install"))
        );
        assert_eq!(install("yarn", &["build"]), None);
        assert_eq!(install("yarn", &["--version"]), None);
        assert_eq!(install("yarn", &["-v"]), None);
        assert_eq!(
            install("pnpm", &["install", "--frozen-lockfile"]),
            Some((EcosystemId::Node, "pnpm", "install"))
        );
        assert_eq!(
            install("pip", &["install", "-r", "requirements.txt"]),
            Some((EcosystemId::Python, "pip", "install"))
        );
        assert_eq!(
            install("pip", &["install", "--no-cache-dir", "-rrequirements.txt"]),
            Some((EcosystemId::Python, "pip", "install"))
        );
        assert_eq!(
            install(
                "python",
                &["-m", "pip", "install", "-r", "requirements.txt"]
            ),
            Some((EcosystemId::Python, "pip", "install"))
        );
        assert_eq!(install("pip", &["install", "."]), None);
        assert_eq!(install("pip", &["install", "flask"]), None);
        assert_eq!(
            install("poetry", &["install", "--no-root"]),
            Some((EcosystemId::Python, "poetry", "install"))
        );
        assert_eq!(
            install("uv", &["sync", "--locked"]),
            Some((EcosystemId::Python, "uv", "sync"))
        );
        assert_eq!(
            install("pipenv", &["install", "--deploy"]),
            Some((EcosystemId::Python, "pipenv", "install"))
        );
        assert_eq!(
            install("go", &["mod", "download"]),
            Some((EcosystemId::Go, "go", "mod download"))
        );
        assert_eq!(install("go", &["build", "."]), None);
        assert_eq!(
            install("cargo", &["fetch"]),
            Some((EcosystemId::Rust, "cargo", "fetch"))
        );
        assert_eq!(
            install("bundle", &["install", "--jobs", "4"]),
            Some((EcosystemId::Ruby, "bundler", "install"))
        );
        assert_eq!(
            install("composer", &["install", "--no-dev"]),
            Some((EcosystemId::Php, "composer", "install"))
        );
        assert_eq!(
            install("mvn", &["-B", "-f", "pom.xml", "dependency:go-offline"]),
            Some((EcosystemId::Java, "maven", "dependency:go-offline"))
        );
        assert_eq!(
            install("./mvnw", &["dependency:go-offline"]),
            Some((EcosystemId::Java, "maven", "dependency:go-offline"))
        );
        assert_eq!(
            install("dotnet", &["restore"]),
            Some((EcosystemId::Dotnet, "dotnet", "restore"))
        );
        assert_eq!(install("make", &["install"]), None);
    }

    #[test]
    fn dev_dependency_detection() {
        let dev = |program: &str, args: &[&str]| {
            ecosystem_for_install_command(program, args)
                .unwrap()
                .installs_dev_dependencies(args)
        };
        assert_eq!(dev("npm", &["ci"]), Some(true));
        assert_eq!(dev("npm", &["ci", "--omit=dev"]), Some(false));
        assert_eq!(dev("npm", &["install", "--omit", "dev"]), Some(false));
        assert_eq!(
            dev("npm", &["ci", "--only=production"]),
            Some(false),
            "deprecated but effective (SF302 rewrites it)"
        );
        assert_eq!(dev("yarn", &["install", "--production"]), Some(false));
        assert_eq!(dev("composer", &["install"]), Some(true));
        assert_eq!(dev("composer", &["install", "--no-dev"]), Some(false));
        assert_eq!(dev("poetry", &["install", "--only", "main"]), Some(false));
        assert_eq!(dev("poetry", &["install"]), Some(true));
        assert_eq!(dev("pipenv", &["install", "--deploy"]), Some(false));
        assert_eq!(dev("pipenv", &["install", "--dev"]), Some(true));
        assert_eq!(dev("uv", &["sync", "--no-dev"]), Some(false));
        assert_eq!(
            dev("pip", &["install", "-r", "requirements.txt"]),
            Some(false)
        );
        assert_eq!(
            dev("pip", &["install", "-r", "requirements-dev.txt"]),
            Some(true)
        );
        assert_eq!(
            dev("pip", &["install", "-r", "requirements/test.txt"]),
            Some(true)
        );
        assert_eq!(dev("go", &["mod", "download"]), None);
        assert_eq!(dev("bundle", &["install"]), Some(true));
    }

    #[test]
    fn dev_requirement_names() {
        for f in [
            "requirements-dev.txt",
            "dev-requirements.txt",
            "requirements_test.txt",
            "requirements/dev.txt",
            "requirements.dev.txt",
        ] {
            assert!(is_dev_requirements(f), "{f}");
        }
        for f in [
            "requirements.txt",
            "requirements/base.txt",
            "requirements-prod.txt",
            "devices.txt",
        ] {
            assert!(!is_dev_requirements(f), "{f}");
        }
    }

    #[test]
    fn dockerignore_defaults() {
        let has = |list: &[IgnoreEntry], p: &str| list.iter().any(|e| e.pattern == p);
        assert!(
            has(ALWAYS_IGNORE, ".git")
                && has(ALWAYS_IGNORE, ".DS_Store")
                && has(ALWAYS_IGNORE, ".idea")
        );
        assert!(
            has(ALWAYS_IGNORE, ".vscode")
                && has(ALWAYS_IGNORE, "*.log")
                && has(ALWAYS_IGNORE, "logs")
        );
        for p in [
            ".env",
            ".env.*",
            "*.pem",
            "*.key",
            "id_rsa*",
            ".npmrc",
            ".pypirc",
            "credentials*",
            ".aws",
            ".ssh",
        ] {
            assert!(has(SECRET_PATTERNS, p), "{p}");
        }
        let node = ecosystem(EcosystemId::Node);
        assert!(has(node.dockerignore, "node_modules"));
        let py = ecosystem(EcosystemId::Python);
        assert!(
            has(py.dockerignore, "__pycache__")
                && has(py.dockerignore, "*.pyc")
                && has(py.dockerignore, ".venv")
        );
        assert!(has(ecosystem(EcosystemId::Rust).dockerignore, "target"));
        assert!(has(ecosystem(EcosystemId::Java).dockerignore, ".gradle"));
        assert!(has(ecosystem(EcosystemId::Php).dockerignore, "vendor"));
        assert!(
            !has(ecosystem(EcosystemId::Go).dockerignore, "vendor"),
            "Go vendor/ may be committed deps"
        );
    }

    #[test]
    fn runtime_images() {
        assert_eq!(
            ecosystem(EcosystemId::Go).runtime.image,
            "gcr.io/distroless/static-debian13"
        );
        assert_eq!(ecosystem(EcosystemId::Go).runtime.tag_template, "nonroot");
        assert_eq!(
            ecosystem(EcosystemId::Java).runtime.tag_template,
            "{version}-jre"
        );
        assert_eq!(
            ecosystem(EcosystemId::Node).runtime.tag_template,
            "{version}-slim"
        );
        assert_eq!(
            ecosystem(EcosystemId::Python).runtime.tag_template,
            "{version}-slim"
        );
        // Every distroless image named as a runtime is maintained.
        for e in ECOSYSTEMS {
            let r = &e.runtime;
            for image in std::iter::once(r.image)
                .chain(r.alternatives.iter().map(|a| a.split(':').next().unwrap()))
            {
                if image.starts_with(super::super::distroless::DISTROLESS_PREFIX) {
                    let d = super::super::distroless::distroless_image(image)
                        .unwrap_or_else(|| panic!("{image}"));
                    assert_eq!(
                        d.status,
                        super::super::distroless::DistrolessStatus::Maintained,
                        "{image}"
                    );
                }
            }
        }
    }

    #[test]
    fn every_row_has_sources() {
        for e in ECOSYSTEMS {
            assert!(!e.source.is_empty() && e.checked.len() == 10, "{}", e.name);
            assert!(!e.runtime.source.is_empty());
            for t in e.tools {
                assert!(
                    !t.source.is_empty() && !t.install.is_empty() && !t.files.is_empty(),
                    "{}",
                    t.name
                );
                assert!(
                    t.files.iter().any(|f| f.role == FileRole::Manifest),
                    "{}",
                    t.name
                );
                for c in t.install {
                    assert!(
                        !c.source.is_empty() && !c.recommended.is_empty(),
                        "{} {}",
                        t.name,
                        c.verb
                    );
                }
            }
            for i in e.dockerignore {
                assert!(!i.source.is_empty(), "{}", i.pattern);
            }
        }
        for i in ALWAYS_IGNORE.iter().chain(SECRET_PATTERNS) {
            assert!(
                !i.source.is_empty() && !i.reason.is_empty(),
                "{}",
                i.pattern
            );
        }
        for (i, a) in ECOSYSTEMS.iter().enumerate() {
            assert!(ECOSYSTEMS[i + 1..].iter().all(|b| b.id != a.id));
        }
    }
}
