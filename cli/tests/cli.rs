#![allow(clippy::disallowed_methods)] // the CLI tests write temporary files
//! The `slimfile` command as scripts see it: exact stdout, stderr and exit status.

use std::io::Write;
use std::process::{Command, Stdio};

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Starts the command with `stdin` written and closed, its output still to be read.
fn spawn(args: &[&str], stdin: &str) -> std::process::Child {
    let mut child = Command::new(env!("CARGO_BIN_EXE_slimfile"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("slimfile runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("write stdin");
    child
}

fn slimfile(args: &[&str], stdin: &str) -> Run {
    let out = spawn(args, stdin)
        .wait_with_output()
        .expect("slimfile finishes");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

#[test]
fn parse_prints_buildkits_view_and_exits_zero() {
    let run = slimfile(
        &["parse", "-"],
        "FROM alpine AS base\nRUN --mount=type=cache,target=/x \\\n  apk add curl\n",
    );
    assert_eq!(run.code, 0);
    assert_eq!(run.stdout, "1-1 FROM [\"alpine\", \"AS\", \"base\"]\n2-3 RUN [\"--mount=type=cache,target=/x\"] [\"apk add curl\"]\n");
    assert_eq!(run.stderr, "");
}

#[test]
fn parse_json_tiles_the_input_and_reports_errors_with_positions() {
    let src = "# syntax=docker/dockerfile:1\nFROM alpine\nENV x\n";
    let run = slimfile(&["parse", "--format", "json", "-"], src);
    assert_eq!(run.code, 1);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    let items = doc["items"].as_array().expect("items");
    let kinds: Vec<_> = items
        .iter()
        .map(|i| i["kind"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(kinds, ["directive", "instruction", "error"]);
    assert_eq!(
        items.last().map(|i| i["end"].as_u64()),
        Some(Some(src.len() as u64))
    );
    assert_eq!(doc["errors"][0]["message"], "ENV must have two arguments");
    assert_eq!(
        (
            doc["errors"][0]["line"].as_u64(),
            doc["errors"][0]["column"].as_u64()
        ),
        (Some(3), Some(5))
    );
    assert_eq!(doc["instructions"][0]["cmd"], "FROM");
}

/// The JSON is written as it is made (for 4 MB of one-letter lines it is 1.1 GB), and a
/// reader that stops early (`| head`) ends it quietly: no error, the parse's own status.
#[test]
fn parse_json_to_a_reader_that_stops_early_ends_quietly() {
    use std::io::Read;
    let src = "FROM alpine\n".to_string() + &"x\n".repeat(100_000);
    let mut child = spawn(&["parse", "--format", "json", "-"], &src);
    let mut stdout = child.stdout.take().expect("stdout");
    let mut head = [0u8; 64];
    stdout.read_exact(&mut head).expect("the start of the JSON");
    assert!(head.starts_with(b"{\n  \"path\": \"-\""), "{head:?}");
    drop(stdout);
    let out = child.wait_with_output().expect("slimfile finishes");
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn unreadable_input_is_one_line_and_exit_two() {
    let run = slimfile(&["parse", "/nonexistent/Dockerfile"], "");
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "slimfile: error: /nonexistent/Dockerfile: no such file\n"
    );
    let run = slimfile(&["parse", "-"], "FROM a\0b\n");
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "slimfile: error: -: input is binary (a NUL byte at offset 6), not a Dockerfile\n"
    );
}

#[test]
fn usage_errors_exit_two() {
    let run = slimfile(&["parse"], "");
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("Usage: slimfile parse"),
        "{}",
        run.stderr
    );
}

#[test]
fn check_reports_in_json_and_fails_on_warnings() {
    let src = "FROM debian:trixie-slim\nRUN apt-get update && apt-get install -y curl\nRUNN x\n";
    let run = slimfile(&["check", "--format", "json", "-"], src);
    assert_eq!(run.code, 1);
    let diags: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    let codes: Vec<_> = diags
        .as_array()
        .expect("array")
        .iter()
        .map(|d| d["code"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(codes, ["DL3009", "DL3015", "SF502"]);
    assert_eq!(diags[0]["range"]["start"]["line"], 2);
    assert_eq!(diags[1]["fix"]["applicability"], "unsafe");
}

#[test]
fn rule_prints_documentation() {
    let run = slimfile(&["rule", "apt-install-recommends"], "");
    assert_eq!(run.code, 0);
    assert!(
        run.stdout
            .starts_with("# DL3015 `apt-install-recommends`\n"),
        "{}",
        run.stdout
    );
    let run = slimfile(&["rule", "NOPE"], "");
    assert_eq!(
        (run.code, run.stderr.as_str()),
        (
            2,
            "slimfile: error: unknown rule `NOPE`; `slimfile rule --all` lists them\n"
        )
    );
}

#[test]
fn fix_from_stdin_prints_the_fixed_file() {
    let run = slimfile(
        &["fix", "-"],
        "FROM debian:trixie-slim\nRUN apt-get update && apt-get install -y curl\n",
    );
    assert_eq!(run.code, 0);
    assert_eq!(run.stdout, "FROM debian:trixie-slim\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n");
}

#[test]
fn fix_diff_writes_nothing_and_shows_unsafe_fixes_on_request() {
    let dir = std::env::temp_dir().join(format!("cli-fix-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("Dockerfile");
    let src = "FROM debian:trixie-slim\nRUN apt-get update \\\n    && apt-get install -y curl\n";
    std::fs::write(&file, src).expect("write");
    let path = file.to_string_lossy().into_owned();
    let run = slimfile(&["fix", "--diff", "--unsafe-fixes", &path], "");
    assert_eq!(run.code, 0);
    assert_eq!(
        run.stdout,
        format!(
            "--- {path}\n+++ {path}\n@@ -1,3 +1,4 @@\n FROM debian:trixie-slim\n RUN apt-get update \\\n-    && apt-get install -y curl\n+    && apt-get install --no-install-recommends -y ca-certificates curl \\\n+    && rm -rf /var/lib/apt/lists/*\n"
        )
    );
    assert_eq!(
        run.stderr,
        format!("{path}: would fix 2, 0 left\n  fix   DL3015: Add `--no-install-recommends`, keeping `ca-certificates`\n  fix   DL3009: Remove `/var/lib/apt/lists/*` in the same `RUN`\nChecked 1 file: would fix 2 problems, 0 left.\n")
    );
    assert_eq!(std::fs::read_to_string(&file).expect("read"), src);
    let run = slimfile(&["fix", &path], "");
    assert_eq!(run.code, 0);
    assert!(std::fs::read_to_string(&file)
        .expect("read")
        .contains("rm -rf /var/lib/apt/lists/*"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn rule_all_prints_the_table() {
    let run = slimfile(&["rule", "--all"], "");
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    let mut lines = run.stdout.lines();
    assert_eq!(
        lines.next(),
        Some("| code | name | category | severity | default | fix | BuildKit check | summary |")
    );
    assert!(
        run.stdout
            .contains("\n| DL3015 | `apt-install-recommends` | size | info | on | Always |  |"),
        "{}",
        run.stdout
    );
}
