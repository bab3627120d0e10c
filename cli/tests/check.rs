//! `slimfile check`: discovery, options, every output format, colour, exit codes.
//! Snapshots hold the exact stdout, stderr and exit status.

mod common;

use common::{Sandbox, APT, CLEAN, SELECT, WARN};
use insta::assert_snapshot;

fn project() -> Sandbox {
    Sandbox::new(&[
        ("Dockerfile", APT),
        ("web/Containerfile", WARN),
        ("web/api.Dockerfile", CLEAN),
        ("web/Dockerfile.dockerignore", "*.md\n"),
        ("README.md", "# not a Dockerfile\n"),
    ])
}

#[test]
fn text_over_the_current_directory() {
    let run = project().run(&["check", SELECT]);
    assert_snapshot!(run.snapshot());
}

#[test]
fn text_shows_unsafe_fixes_when_asked() {
    let run = project().run(&["check", SELECT, "--unsafe-fixes", "Dockerfile"]);
    assert_snapshot!(run.snapshot());
}

#[test]
fn quiet_drops_the_summary() {
    let run = project().run(&["check", SELECT, "--quiet", "web"]);
    assert_snapshot!(run.snapshot());
}

#[test]
fn clean_files_exit_zero() {
    let run = project().run(&["check", SELECT, "web/api.Dockerfile"]);
    assert_eq!(
        (run.code, run.stdout.as_str(), run.stderr.as_str()),
        (0, "Checked 1 file: no problems.\n", "")
    );
}

#[test]
fn severity_hides_and_fail_level_decides() {
    let sandbox = project();
    // Only errors shown: the SF502 error remains, the info findings are gone.
    let run = sandbox.run(&["check", SELECT, "--severity", "error", "Dockerfile"]);
    assert_snapshot!("severity_error", run.snapshot());
    // A warning fails by default, not with --fail-level error, always with none... never.
    let codes: Vec<i32> = [
        vec!["check", SELECT, "web/Containerfile"],
        vec![
            "check",
            SELECT,
            "--fail-level",
            "error",
            "web/Containerfile",
        ],
        vec!["check", SELECT, "--fail-level", "none", "Dockerfile"],
        vec![
            "check",
            SELECT,
            "--fail-level",
            "info",
            "--select",
            "DL3015",
            "Dockerfile",
        ],
        vec!["check", SELECT, "--severity", "error", "web/Containerfile"],
    ]
    .iter()
    .map(|args| sandbox.run(args).code)
    .collect();
    assert_eq!(codes, [1, 0, 0, 1, 0]);
}

#[test]
fn statistics_count_by_rule() {
    let sandbox = project();
    let run = sandbox.run(&["check", SELECT, "--statistics"]);
    assert_snapshot!("statistics_text", run.snapshot());
    let run = sandbox.run(&["check", SELECT, "--statistics", "--format", "json"]);
    assert_snapshot!("statistics_json", run.snapshot());
    let run = sandbox.run(&["check", SELECT, "--statistics", "--format", "sarif"]);
    assert_eq!(
        (run.code, run.stdout.as_str(), run.stderr.as_str()),
        (
            2,
            "",
            "slimfile: error: --statistics works with --format text or json\n"
        )
    );
}

#[test]
fn json_keeps_its_shape() {
    let run = project().run(&["check", SELECT, "--format", "json"]);
    assert_snapshot!(run.snapshot());
    let run = project().run(&["check", SELECT, "--format", "json", "web/api.Dockerfile"]);
    assert_eq!((run.code, run.stdout.as_str()), (0, "[]\n"));
}

#[test]
fn github_annotations() {
    let run = project().run(&["check", SELECT, "--format", "github"]);
    assert_snapshot!(run.snapshot());
}

#[test]
fn checkstyle_xml() {
    let run = project().run(&["check", SELECT, "--format", "checkstyle"]);
    assert_snapshot!(run.snapshot());
}

#[test]
fn gitlab_code_quality_with_stable_fingerprints() {
    let sandbox = project();
    let run = sandbox.run(&["check", SELECT, "--format", "gitlab"]);
    assert_snapshot!(run.snapshot());
    let fingerprints = |stdout: &str| -> Vec<String> {
        let issues: serde_json::Value = serde_json::from_str(stdout).expect("json");
        issues
            .as_array()
            .expect("array")
            .iter()
            .map(|i| i["fingerprint"].as_str().expect("fingerprint").to_string())
            .collect()
    };
    let before = fingerprints(&run.stdout);
    let mut unique = before.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), before.len(), "fingerprints are unique");
    // Lines added above the findings move them, but their fingerprints stay.
    sandbox.write("Dockerfile", format!("# a comment\n\n{APT}"));
    let after = sandbox.run(&["check", SELECT, "--format", "gitlab"]);
    assert_eq!(fingerprints(&after.stdout), before);
}

#[test]
fn sarif_is_valid_and_carries_rules_and_fixes() {
    let run = project().run(&["check", SELECT, "--format", "sarif", "--unsafe-fixes"]);
    assert_eq!(run.code, 1);
    let log: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");

    let schema: serde_json::Value =
        serde_json::from_str(include_str!("data/sarif-schema-2.1.0.json")).expect("schema");
    let validator = jsonschema::draft4::new(&schema).expect("schema compiles");
    let problems: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(problems.is_empty(), "{problems:#?}");
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]["level"] = serde_json::json!("loud");
    assert!(!validator.is_valid(&broken), "the schema check can fail");

    // The rule docs belong to the rules' authors: checked here, left out of the snapshot.
    let mut log = log;
    for rule in log["runs"][0]["tool"]["driver"]["rules"]
        .as_array_mut()
        .expect("rules")
    {
        let help = rule["help"]["markdown"].as_str().expect("help");
        assert!(help.starts_with("## What it does"), "{help}");
        assert!(!rule["fullDescription"]["text"]
            .as_str()
            .expect("full")
            .is_empty());
        rule["help"] = serde_json::json!("[rule documentation]");
        rule["fullDescription"] = serde_json::json!("[rule documentation]");
        rule["shortDescription"] = serde_json::json!("[rule summary]");
    }
    log["runs"][0]["tool"]["driver"]["version"] = serde_json::json!("[version]");
    assert_snapshot!(serde_json::to_string_pretty(&log).expect("json"));
}

#[test]
fn sarif_without_unsafe_fixes_has_only_safe_fixes() {
    let run = project().run(&["check", SELECT, "--format", "sarif", "Dockerfile"]);
    let log: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    let with_fixes: Vec<&str> = log["runs"][0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .filter(|r| r.get("fixes").is_some())
        .map(|r| r["ruleId"].as_str().expect("id"))
        .collect();
    assert_eq!(with_fixes, ["DL3009"]);
}

#[test]
fn stdin_is_named_dash() {
    let run = Sandbox::new(&[]).run_stdin(&["check", SELECT, "-"], WARN);
    assert_snapshot!(run.snapshot());
}

#[test]
fn directories_are_searched_respecting_gitignore() {
    let sandbox = Sandbox::new(&[
        (".gitignore", "build/\n*.generated.Dockerfile\n"),
        ("a/Dockerfile", CLEAN),
        ("a/b/Dockerfile.prod", CLEAN),
        ("a/b/c/x.containerfile", CLEAN),
        ("a/Dockerfile.dockerignore", "x\n"),
        ("a/notes.txt", "FROM x\n"),
        ("build/Dockerfile", APT),
        ("a/one.generated.Dockerfile", APT),
        (".devcontainer/Dockerfile", CLEAN),
        (".git/Dockerfile", APT),
        ("z.Dockerfile", CLEAN),
    ]);
    let run = sandbox.run(&["check", SELECT, "--format", "checkstyle"]);
    assert_snapshot!(run.snapshot());
    // Explicit files are checked whatever their name, and each file once.
    let run = sandbox.run(&["check", SELECT, "-q", "a/notes.txt", "a", "a/Dockerfile"]);
    assert_eq!(run.code, 0);
    let run = sandbox.run(&[
        "check",
        SELECT,
        "--format",
        "checkstyle",
        "a/notes.txt",
        "a",
        "a/Dockerfile",
    ]);
    let files: Vec<&str> = run
        .stdout
        .lines()
        .filter_map(|l| l.trim().strip_prefix("<file name=\""))
        .collect();
    assert_eq!(
        files,
        [
            "a/notes.txt\">",
            "a/Dockerfile\">",
            "a/b/Dockerfile.prod\">",
            "a/b/c/x.containerfile\">"
        ]
    );
}

#[test]
fn colour_only_on_request_or_terminal() {
    let sandbox = project();
    let plain = sandbox.run(&["check", SELECT, "Dockerfile"]);
    assert!(!plain.stdout.contains('\u{1b}'), "piped: no colour");
    let forced = sandbox.run_with(
        &["check", SELECT, "Dockerfile"],
        "",
        &[("CLICOLOR_FORCE", "1")],
    );
    assert!(
        forced.stdout.contains("\u{1b}[1m\u{1b}[31mSF502\u{1b}[0m"),
        "{}",
        forced.stdout
    );
    let no_color = sandbox.run_with(
        &["check", SELECT, "Dockerfile"],
        "",
        &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")],
    );
    assert_eq!(no_color.stdout, plain.stdout);
    // Machine formats never carry colour.
    let json = sandbox.run_with(
        &["check", SELECT, "--format", "json", "Dockerfile"],
        "",
        &[("CLICOLOR_FORCE", "1")],
    );
    assert!(!json.stdout.contains('\u{1b}'));
}

#[test]
fn usage_errors_exit_two() {
    let sandbox = project();
    let run = sandbox.run(&["check", "--select", "DL3015,NOPE"]);
    assert_eq!(
        (run.code, run.stdout.as_str(), run.stderr.as_str()),
        (
            2,
            "",
            "slimfile: error: --select: unknown rule or category `NOPE`\n"
        )
    );
    let run = sandbox.run(&["check", "--ignore", "bogus"]);
    assert_eq!(
        run.stderr,
        "slimfile: error: --ignore: unknown rule or category `bogus`\n"
    );
    let run = sandbox.run(&["check", "--context", "nowhere"]);
    assert_eq!(
        (run.code, run.stderr.as_str()),
        (2, "slimfile: error: --context nowhere: not a directory\n")
    );
    let run = sandbox.run(&["check", "--format", "yaml"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("invalid value 'yaml' for '--format <FORMAT>'"),
        "{}",
        run.stderr
    );
    let run = sandbox.run(&["check", "--config", "x.toml", "--no-config"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("cannot be used with"), "{}", run.stderr);
}

#[test]
fn context_option_names_the_build_context() {
    let sandbox = project();
    let run = sandbox.run(&[
        "check",
        SELECT,
        "--context",
        "web",
        "-q",
        "web/Containerfile",
    ]);
    assert_eq!(run.code, 1);
    assert_eq!(run.stderr, "");
}

#[test]
fn help_teaches_the_command() {
    let sandbox = Sandbox::new(&[]);
    assert_snapshot!("check_help", sandbox.run(&["check", "--help"]).stdout);
    assert_snapshot!("fix_help", sandbox.run(&["fix", "--help"]).stdout);
}

#[test]
fn symlinked_dockerfiles_count_and_symlinked_directories_are_not_followed() {
    let sandbox = Sandbox::new(&[("docker/base", CLEAN)]);
    std::os::unix::fs::symlink("docker/base", sandbox.join("Dockerfile")).expect("symlink");
    std::os::unix::fs::symlink("..", sandbox.join("docker/loop")).expect("symlink");
    let run = sandbox.run(&["check", SELECT, "--format", "checkstyle"]);
    assert_eq!(
        (run.code, run.stdout.as_str(), run.stderr.as_str()),
        (
            0,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n  <file name=\"Dockerfile\">\n  </file>\n</checkstyle>\n",
            ""
        )
    );
}

/// Under a real terminal (a pseudo-terminal from util-linux `script`), colour is on unless
/// `NO_COLOR` is set. Skipped where `script` is missing.
#[test]
fn colour_on_a_terminal() {
    let sandbox = project();
    let has_script = std::process::Command::new("script")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_script {
        return;
    }
    let command = format!(
        "{} check {SELECT} Dockerfile",
        env!("CARGO_BIN_EXE_slimfile")
    );
    let on_tty = |env: &[(&str, &str)]| {
        let mut script = std::process::Command::new("script");
        script.args(["-qec", &command, "/dev/null"]);
        sandbox.run_program(&mut script, "", env).stdout
    };
    let coloured = on_tty(&[("TERM", "xterm")]);
    assert!(
        coloured.contains("\u{1b}[1m\u{1b}[31mSF502\u{1b}[0m"),
        "{coloured}"
    );
    let plain = on_tty(&[("TERM", "xterm"), ("NO_COLOR", "1")]);
    assert!(plain.contains("SF502 [error]"), "{plain}");
    assert!(!plain.contains('\u{1b}'), "{plain}");
}
