//! Running the `slimfile` binary in a throw-away directory, the way scripts and CI do:
//! stdout and stderr are pipes, the environment is clean of colour switches, and `HOME`
//! points into the sandbox so no user-wide ignore file changes what is found.

#![allow(dead_code, clippy::disallowed_methods)] // each test binary uses some helpers

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Only these rules, so that rules added to core later do not change the snapshots.
pub const SELECT: &str = "--select=DL3009,DL3015,SF502,SF505";

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Exit status, stdout and stderr in one text, for snapshots.
    pub fn snapshot(&self) -> String {
        format!(
            "exit: {}\n----- stdout -----\n{}----- stderr -----\n{}",
            self.code, self.stdout, self.stderr
        )
    }
}

pub struct Sandbox {
    dir: tempfile::TempDir,
}

impl Sandbox {
    /// A new directory under the system temp dir holding `files` (path, content).
    pub fn new(files: &[(&str, &str)]) -> Sandbox {
        let dir = tempfile::Builder::new()
            .prefix("cli-")
            .tempdir()
            .expect("temp dir");
        let sandbox = Sandbox { dir };
        for (path, content) in files {
            sandbox.write(path, content);
        }
        sandbox
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn join(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn write(&self, rel: &str, content: impl AsRef<[u8]>) {
        let path = self.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(path, content).expect("write");
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.join(rel)).expect("read")
    }

    pub fn run(&self, args: &[&str]) -> Run {
        self.run_with(args, "", &[])
    }

    pub fn run_stdin(&self, args: &[&str], stdin: &str) -> Run {
        self.run_with(args, stdin, &[])
    }

    /// Runs `slimfile ARGS` in the sandbox with `stdin` and extra environment variables.
    pub fn run_with(&self, args: &[&str], stdin: &str, env: &[(&str, &str)]) -> Run {
        self.run_program(
            Command::new(env!("CARGO_BIN_EXE_slimfile")).args(args),
            stdin,
            env,
        )
    }

    /// Runs a prepared command (a wrapper around the binary) the same way.
    pub fn run_program(&self, command: &mut Command, stdin: &str, env: &[(&str, &str)]) -> Run {
        command
            .current_dir(self.path())
            .env_remove("NO_COLOR")
            .env_remove("CLICOLOR")
            .env_remove("CLICOLOR_FORCE")
            .env("HOME", self.path())
            .env("XDG_CONFIG_HOME", self.path())
            .envs(env.iter().copied())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = command.spawn().expect("slimfile runs");
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(stdin.as_bytes())
            .expect("write stdin");
        let out = child.wait_with_output().expect("slimfile finishes");
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }
}

/// A Dockerfile with a safe fix (DL3009), an unsafe one (DL3015) and an error (SF502).
pub const APT: &str = "FROM debian:trixie-slim\nRUN apt-get update \\\n    && apt-get install -y curl\nRUNN echo hi\n";

/// A Dockerfile the selected rules find nothing in.
pub const CLEAN: &str = "FROM alpine:3.20\nCMD [\"true\"]\n";

/// A Dockerfile with only a warning (SF505: an empty line inside a continuation).
pub const WARN: &str = "FROM alpine:3.20\nRUN echo a \\\n\n    && echo b\n";
