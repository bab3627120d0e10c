//! `slimfile fix`: in place over files and directories, `--diff`, `--unsafe-fixes`, stdin,
//! settings files, and the report of what was fixed and what is left.

mod common;

use common::{Sandbox, APT, CLEAN, SELECT, WARN};
use insta::assert_snapshot;

const FIXED_SAFE: &str = "FROM debian:trixie-slim\nRUN apt-get update \\\n    && apt-get install -y curl \\\n    && rm -rf /var/lib/apt/lists/*\nRUNN echo hi\n";

fn project() -> Sandbox {
    Sandbox::new(&[
        ("Dockerfile", APT),
        ("web/Containerfile", WARN),
        ("web/api.Dockerfile", CLEAN),
    ])
}

#[test]
fn fixes_in_place_and_reports() {
    let sandbox = project();
    let run = sandbox.run(&["fix", SELECT]);
    assert_snapshot!(run.snapshot());
    assert_eq!(sandbox.read("Dockerfile"), FIXED_SAFE);
    // The blank line inside the continued RUN goes; the RUN reads the same.
    assert_eq!(
        sandbox.read("web/Containerfile"),
        WARN.replacen("\\\n\n", "\\\n", 1)
    );
    // Fixing again changes nothing.
    let again = sandbox.run(&["fix", SELECT, "Dockerfile"]);
    assert_eq!(sandbox.read("Dockerfile"), FIXED_SAFE);
    assert!(
        again.stderr.starts_with("Dockerfile: fixed 0, 2 left\n"),
        "{}",
        again.stderr
    );
}

#[test]
fn unsafe_fixes_on_request() {
    let sandbox = project();
    let run = sandbox.run(&["fix", SELECT, "--unsafe-fixes", "Dockerfile"]);
    assert_snapshot!(run.snapshot());
    assert_eq!(
        sandbox.read("Dockerfile"),
        "FROM debian:trixie-slim\nRUN apt-get update \\\n    && apt-get install --no-install-recommends -y ca-certificates curl \\\n    && rm -rf /var/lib/apt/lists/*\nRUNN echo hi\n"
    );
}

#[test]
fn diff_writes_nothing() {
    let sandbox = project();
    let run = sandbox.run(&["fix", SELECT, "--diff", "--unsafe-fixes"]);
    assert_snapshot!(run.snapshot());
    assert_eq!(sandbox.read("Dockerfile"), APT);
}

#[test]
fn stdin_prints_the_fixed_file() {
    let sandbox = Sandbox::new(&[]);
    let run = sandbox.run_stdin(&["fix", SELECT, "-"], APT);
    assert_snapshot!(run.snapshot());
    assert_eq!(run.stdout, FIXED_SAFE);
    let run = sandbox.run_stdin(
        &["fix", SELECT, "--quiet", "--fail-level", "none", "-"],
        APT,
    );
    assert_eq!(
        (run.code, run.stdout.as_str(), run.stderr.as_str()),
        (0, FIXED_SAFE, "")
    );
}

#[test]
fn settings_files_choose_the_fixes() {
    let sandbox = project();
    sandbox.write("slimfile.toml", "ignore = [\"DL3009\"]\n");
    let run = sandbox.run(&["fix", SELECT, "--unsafe-fixes", "Dockerfile"]);
    assert_snapshot!(run.snapshot());
    assert_eq!(
        sandbox.read("Dockerfile"),
        "FROM debian:trixie-slim\nRUN apt-get update \\\n    && apt-get install --no-install-recommends -y ca-certificates curl\nRUNN echo hi\n"
    );
}

#[test]
fn nothing_to_fix() {
    let run = project().run(&["fix", SELECT, "web/api.Dockerfile"]);
    assert_eq!(
        (run.code, run.stdout.as_str(), run.stderr.as_str()),
        (0, "", "Checked 1 file: fixed 0 problems, 0 left.\n")
    );
}
