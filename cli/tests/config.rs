//! Settings files: found upward from each Dockerfile, nearest first; hadolint's config
//! honoured; mistakes reported with file, line and column; the command line wins.

mod common;

use common::{Sandbox, APT, CLEAN, WARN};
use insta::assert_snapshot;

/// `slimfile check --format github`: one line per finding, easy to compare.
fn github(sandbox: &Sandbox, extra: &[&str]) -> common::Run {
    let mut args = vec!["check", "--format", "github"];
    args.extend_from_slice(extra);
    sandbox.run(&args)
}

#[test]
fn slimfile_toml_is_found_upward_and_applies() {
    let sandbox = Sandbox::new(&[
        (
            "slimfile.toml",
            "select = [\"DL3009\", \"DL3015\", \"SF502\"]\nignore = [\"DL3009\"]\nfail-level = \"error\"\n\n[severity]\nDL3015 = \"warning\"\nSF502 = \"off\"\n",
        ),
        ("services/api/Dockerfile", APT),
    ]);
    let run = github(&sandbox, &["services"]);
    // DL3009 ignored, DL3015 raised to warning, SF502 off; a warning does not reach
    // fail-level error.
    assert_snapshot!(run.snapshot());
}

#[test]
fn the_nearest_file_wins_whole() {
    let sandbox = Sandbox::new(&[
        ("slimfile.toml", "select = [\"SF502\", \"SF505\"]\n"),
        ("a/.slimfile.toml", "select = [\"SF505\"]\n"),
        ("a/Dockerfile", APT),
        ("a/b/Dockerfile", WARN),
        ("c/Dockerfile", APT),
    ]);
    let run = github(&sandbox, &[]);
    assert_snapshot!(run.snapshot());
}

#[test]
fn pyproject_tool_table_counts_and_others_are_skipped() {
    let sandbox = Sandbox::new(&[
        (
            "pyproject.toml",
            "[project]\nname = \"demo\"\n\n[tool.slimfile]\nselect = [\"DL3015\"]\n\n[tool.slimfile.severity]\nDL3015 = \"error\"\n",
        ),
        // No [tool.slimfile]: not a slimfile config, so the search goes on upward.
        ("app/pyproject.toml", "[project]\nname = \"app\"\n"),
        ("app/Dockerfile", APT),
    ]);
    let run = github(&sandbox, &[]);
    assert_snapshot!(run.snapshot());
}

#[test]
fn hadolint_yaml_is_honoured() {
    let sandbox = Sandbox::new(&[
        (
            ".hadolint.yaml",
            "# hadolint's own keys\nignored:\n  - DL3009\n  - SC2086   # a ShellCheck code: nothing to ignore here\n  - DL3099   # a code no rule has: skipped\noverride:\n  error:\n    - DL3015\ntrustedRegistries:\n  - docker.io\nfailure-threshold: error\nno-color: true\n",
        ),
        ("Dockerfile", APT),
    ]);
    let run = github(&sandbox, &["--select", "DL3009,DL3015"]);
    assert_snapshot!(run.snapshot());
    let sandbox = Sandbox::new(&[
        (".hadolint.yml", "failure-threshold: none\n"),
        ("Dockerfile", APT),
    ]);
    assert_eq!(github(&sandbox, &[]).code, 0);
}

#[test]
fn a_hadolint_label_schema_drives_the_label_rules() {
    let sandbox = Sandbox::new(&[
        (
            ".hadolint.yaml",
            "label-schema:\n  maintainer: email\n  org.opencontainers.image.source: url\nstrict-labels: true\n",
        ),
        (
            "Dockerfile",
            "FROM debian:trixie-slim\nLABEL maintainer=\"Jane Doe\" build-host=\"ci\"\n",
        ),
    ]);
    // The e-mail is not one, the source label is missing, and `build-host` is outside
    // the schema.
    let run = github(&sandbox, &["--select", "DL3049,DL3050,DL3058"]);
    assert_snapshot!(run.snapshot());
}

#[test]
fn mistakes_name_file_line_and_column() {
    let cases: &[(&str, &str)] = &[
        (
            "slimfile.toml",
            "select = [\"DL3015\"]\nselct = [\"DL3009\"]\n",
        ),
        (
            "slimfile.toml",
            "ignore = [\n  \"DL3015\",\n  \"XX9999\",\n]\n",
        ),
        ("slimfile.toml", "[severity]\nDL3015 = \"loud\"\n"),
        ("slimfile.toml", "prefer = \"tiny\"\n"),
        ("slimfile.toml", "select = [\"DL3015\"\n"),
        (".slimfile.toml", "fail-level = 3\n"),
        (
            "pyproject.toml",
            "[tool.slimfile]\nselect = [\"DL3015\"]\nextend_select = []\n",
        ),
        (
            ".hadolint.yaml",
            "ignored:\n  - DL3015\nignore:\n  - DL3009\n",
        ),
        (
            ".hadolint.yaml",
            "override:\n  error:\n    - DL3015\n    - not-a-rule\n",
        ),
        (".hadolint.yaml", "ignored: [DL3015\n"),
        (".hadolint.yml", "failure-threshold: loud\n"),
    ];
    let mut out = String::new();
    for (name, text) in cases {
        let sandbox = Sandbox::new(&[(name, text), ("Dockerfile", CLEAN)]);
        let run = sandbox.run(&["check", "-q"]);
        out.push_str(&format!(
            "{name}:\n{text}=> exit {}: {}\n",
            run.code, run.stderr
        ));
    }
    assert_snapshot!(out);
}

#[test]
fn a_broken_config_skips_its_files_only() {
    let sandbox = Sandbox::new(&[
        ("bad/slimfile.toml", "colour = \"red\"\n"),
        ("bad/Dockerfile", APT),
        ("bad/sub/Dockerfile", APT),
        ("good/Dockerfile", WARN),
    ]);
    // The broken file is reported once, though two Dockerfiles sit under it.
    let run = github(&sandbox, &["--select", "SF505"]);
    assert_snapshot!(run.snapshot());
}

#[test]
fn explicit_config_and_no_config() {
    let sandbox = Sandbox::new(&[
        ("slimfile.toml", "select = [\"SF502\"]\n"),
        (
            "ci/strict.toml",
            "select = [\"DL3015\"]\n[severity]\nDL3015 = \"error\"\n",
        ),
        ("ci/hadolint.yaml", "ignored: [DL3015]\n"),
        ("ci/pyproject.toml", "[project]\nname = \"x\"\n"),
        ("Dockerfile", APT),
    ]);
    let found = github(&sandbox, &[]);
    let explicit = github(&sandbox, &["--config", "ci/strict.toml"]);
    let explicit_yaml = github(
        &sandbox,
        &["--config", "ci/hadolint.yaml", "--select", "DL3015,SF502"],
    );
    let none = github(&sandbox, &["--no-config", "--select", "DL3015,SF502"]);
    let missing = github(&sandbox, &["--config", "nope.toml"]);
    let no_table = github(&sandbox, &["--config", "ci/pyproject.toml"]);
    let mut out = String::new();
    for (label, run) in [
        ("found", found),
        ("--config ci/strict.toml", explicit),
        ("--config ci/hadolint.yaml", explicit_yaml),
        ("--no-config", none),
        ("--config nope.toml", missing),
        ("--config ci/pyproject.toml", no_table),
    ] {
        out.push_str(&format!("## {label}\n{}\n", run.snapshot()));
    }
    assert_snapshot!(out);
}

#[test]
fn the_command_line_wins_over_the_file() {
    let sandbox = Sandbox::new(&[
        (
            "slimfile.toml",
            "select = [\"SF502\"]\nignore = [\"DL3009\"]\nfail-level = \"none\"\n",
        ),
        ("Dockerfile", APT),
    ]);
    // --select replaces the file's select; the file's ignore still holds; --ignore adds;
    // --fail-level replaces the file's.
    let run = github(
        &sandbox,
        &[
            "--select",
            "DL3009,DL3015,SF502",
            "--ignore",
            "SF502",
            "--fail-level",
            "info",
        ],
    );
    assert_snapshot!(run.snapshot());
}

#[test]
fn stdin_uses_the_working_directory_config() {
    let sandbox = Sandbox::new(&[("slimfile.toml", "select = [\"SF502\"]\n")]);
    let run = sandbox.run_stdin(&["check", "--format", "github", "-"], APT);
    assert_eq!(
        run.stdout,
        "::error file=-,line=4,col=1,endLine=4,endColumn=5,title=SF502::unknown instruction: RUNN (did you mean RUN?)\n"
    );
}

#[test]
fn the_readme_example_config_is_valid() {
    let readme = include_str!("../../README.md");
    let start = readme
        .find("```toml\n# slimfile.toml")
        .expect("README has the example")
        + "```toml\n".len();
    let example = &readme[start..];
    let example = &example[..example.find("```").expect("end of block")];
    let sandbox = Sandbox::new(&[("slimfile.toml", example), ("Dockerfile", CLEAN)]);
    let run = sandbox.run(&["check"]);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""), "{example}");
}
