#![allow(clippy::disallowed_methods, clippy::print_stderr)] // tests make files, time a run, say why they skip
//! Bad input: each bad file is one line on stderr naming it, the exit status is 2, and the
//! other files are still checked (or fixed).

mod common;

use std::process::Command;
use std::time::{Duration, Instant};

use common::{Sandbox, APT, CLEAN, SELECT};
use insta::assert_snapshot;

/// A directory with one good Dockerfile and every kind of bad input but permissions.
fn bad_inputs() -> Sandbox {
    let sandbox = Sandbox::new(&[
        ("good/Dockerfile", APT),
        ("empty/README.md", "no Dockerfile here\n"),
        ("clean/Dockerfile", CLEAN),
    ]);
    sandbox.write(
        "latin1.Dockerfile",
        b"FROM alpine\nLABEL author=\"Jos\xe9\"\n",
    );
    sandbox.write("binary.Dockerfile", b"FROM alpine\n\x00\x01\x02");
    sandbox.write("utf16.Dockerfile", b"\xff\xfeF\x00R\x00O\x00M\x00");
    sandbox
}

#[test]
fn every_bad_input_is_one_line_and_the_rest_is_checked() {
    let sandbox = bad_inputs();
    let run = sandbox.run(&[
        "check",
        SELECT,
        "missing/Dockerfile",
        "empty",
        "latin1.Dockerfile",
        "good",
        "binary.Dockerfile",
        "utf16.Dockerfile",
        "clean",
    ]);
    assert_snapshot!(run.snapshot());
}

#[test]
fn json_stays_valid_when_files_fail() {
    let sandbox = bad_inputs();
    let run = sandbox.run(&[
        "check",
        SELECT,
        "--format",
        "json",
        "missing/Dockerfile",
        "good",
    ]);
    assert_eq!(run.code, 2);
    let diags: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    assert_eq!(diags.as_array().map(Vec::len), Some(3));
    assert_eq!(
        run.stderr,
        "slimfile: error: missing/Dockerfile: no such file\n"
    );
}

#[test]
fn fix_skips_bad_files_and_fixes_the_others() {
    let sandbox = bad_inputs();
    let run = sandbox.run(&[
        "fix",
        SELECT,
        "missing/Dockerfile",
        "binary.Dockerfile",
        "good",
    ]);
    assert_snapshot!(run.snapshot());
    assert!(sandbox
        .read("good/Dockerfile")
        .contains("rm -rf /var/lib/apt/lists/*"));
}

#[test]
fn a_100_mb_file_is_refused_quickly() {
    let sandbox = Sandbox::new(&[("ok/Dockerfile", CLEAN)]);
    let big = sandbox.join("big/Dockerfile");
    std::fs::create_dir_all(big.parent().expect("parent")).expect("mkdir");
    // Sparse: 100 MB long without writing 100 MB.
    std::fs::File::create(&big)
        .and_then(|f| f.set_len(100 * 1024 * 1024))
        .expect("big file");
    let started = Instant::now();
    let run = sandbox.run(&["check", SELECT, "big", "ok"]);
    let took = started.elapsed();
    std::fs::remove_file(&big).expect("remove the big file");
    assert!(took < Duration::from_secs(5), "took {took:?}");
    assert_snapshot!(run.snapshot());
}

/// Runs `slimfile ARGS` unable to bypass file permissions. As root (CI, containers) that
/// means dropping the capabilities that let root read anything, with `setpriv`.
fn run_without_privilege(sandbox: &Sandbox, args: &[&str]) -> Option<common::Run> {
    use std::os::unix::fs::MetadataExt;
    let root = std::fs::metadata(sandbox.path())
        .map(|m| m.uid() == 0)
        .unwrap_or(false);
    if !root {
        return Some(sandbox.run(args));
    }
    let has_setpriv = Command::new("setpriv")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_setpriv {
        eprintln!("skipped: running as root without setpriv to drop privileges");
        return None;
    }
    let mut command = Command::new("setpriv");
    command
        .args(["--bounding-set=-dac_override,-dac_read_search", "--"])
        .arg(env!("CARGO_BIN_EXE_slimfile"))
        .args(args);
    Some(sandbox.run_program(&mut command, "", &[]))
}

#[test]
fn permission_errors_name_the_file_or_directory() {
    use std::os::unix::fs::PermissionsExt;
    let sandbox = Sandbox::new(&[
        ("app/Dockerfile", APT),
        ("app/secret.Dockerfile", CLEAN),
        ("app/locked/Dockerfile", CLEAN),
    ]);
    let set = |rel: &str, mode: u32| {
        std::fs::set_permissions(sandbox.join(rel), std::fs::Permissions::from_mode(mode))
            .expect("chmod");
    };
    set("app/secret.Dockerfile", 0o000);
    set("app/locked", 0o000);
    let run = run_without_privilege(&sandbox, &["check", SELECT, "app"]);
    set("app/locked", 0o755);
    set("app/secret.Dockerfile", 0o644);
    let Some(run) = run else { return };
    assert_snapshot!(run.snapshot());
}

#[test]
fn fix_reports_a_file_it_cannot_write() {
    use std::os::unix::fs::PermissionsExt;
    let sandbox = Sandbox::new(&[("ro/Dockerfile", APT), ("rw/Dockerfile", APT)]);
    let ro = sandbox.join("ro/Dockerfile");
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o444)).expect("chmod");
    let run = run_without_privilege(&sandbox, &["fix", SELECT, "-q", "ro", "rw"]);
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    let Some(run) = run else { return };
    assert_eq!(
        (run.code, run.stdout.as_str(), run.stderr.as_str()),
        (
            2,
            "",
            "slimfile: error: ro/Dockerfile: cannot write: permission denied\n"
        )
    );
    assert_eq!(sandbox.read("ro/Dockerfile"), APT);
    assert_ne!(sandbox.read("rw/Dockerfile"), APT);
}
