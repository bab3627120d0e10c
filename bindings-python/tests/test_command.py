"""The `slimfile` command in the wheel is the Rust CLI: same output, same exit codes; and
the pre-commit hooks run it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent.parent
BAD = "FROM debian\nRUN apt-get update && apt-get install -y curl\n"
CLEAN = "FROM debian:12.5-slim@sha256:" + "a" * 64 + "\nUSER nobody\nCMD [\"true\"]\n"


def installed_command() -> list[str]:
    script = Path(sys.executable).parent / "slimfile"
    assert script.is_file(), "the wheel installs a `slimfile` script next to python"
    return [str(script)]


@pytest.fixture(scope="module")
def binary() -> str:
    found = os.environ.get("SLIMFILE_BIN")
    if not found:
        pytest.skip("SLIMFILE_BIN (the Rust binary to compare with) is not set")
    return found


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    (tmp_path / "Dockerfile").write_text(BAD, encoding="utf-8")
    (tmp_path / "clean.Dockerfile").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "bad.Dockerfile").write_bytes(b"FROM a\n\0")
    return tmp_path


CASES = [
    (["check", "--no-config", "--format", "json", "Dockerfile"], None),
    (["check", "--no-config", "Dockerfile", "clean.Dockerfile"], None),
    (["check", "--no-config", "clean.Dockerfile", "--fail-level", "error"], None),
    (["check", "--no-config", "missing", "bad.Dockerfile", "Dockerfile"], None),
    (["check", "--no-config", "--select", "XX9999", "Dockerfile"], None),
    (["check", "--no-config", "--format", "sarif", "."], None),
    (["fix", "--no-config", "--diff", "Dockerfile"], None),
    (["fix", "--no-config", "-"], BAD),
    (["parse", "--format", "json", "Dockerfile"], None),
    (["rule", "DL3009"], None),
    (["--version"], None),
    (["check", "--bogus"], None),
    ([], None),
]


@pytest.mark.parametrize(("args", "stdin"), CASES)
def test_the_command_behaves_as_the_binary(binary: str, project: Path, args: list[str], stdin: str | None) -> None:
    def run(command: list[str]) -> tuple[int, str, str]:
        done = subprocess.run(
            [*command, *args], cwd=project, input=stdin, capture_output=True, text=True, check=False, env={**os.environ, "NO_COLOR": "1"}
        )
        return done.returncode, done.stdout, done.stderr

    expected = run([binary])
    assert run(installed_command()) == expected
    assert run([sys.executable, "-m", "slimfile"]) == expected


def test_exit_codes(project: Path) -> None:
    def status(*args: str) -> int:
        return subprocess.run([*installed_command(), *args], cwd=project, capture_output=True, check=False).returncode

    assert status("check", "--no-config", "clean.Dockerfile") == 0
    assert status("check", "--no-config", "Dockerfile") == 1
    assert status("check", "--no-config", "missing") == 2
    assert status("check", "--bogus") == 2


@pytest.mark.skipif(shutil.which("git") is None, reason="pre-commit needs git")
def test_pre_commit_hooks_check_and_fix(tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    (work / "Dockerfile").write_text(BAD, encoding="utf-8")
    (work / "README.md").write_text("not a Dockerfile\n", encoding="utf-8")
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "cache"),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid",
    }

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(args, cwd=work, env=env, capture_output=True, text=True, check=False)

    assert run("git", "init", "-q").returncode == 0
    assert run("git", "add", ".").returncode == 0
    pre_commit = [sys.executable, "-m", "pre_commit", "try-repo", str(REPO)]

    checked = run(*pre_commit, "slimfile-check", "--all-files")
    assert checked.returncode == 1, checked.stdout + checked.stderr
    assert "slimfile check" in checked.stdout and "DL3009" in checked.stdout
    assert "README.md" not in checked.stdout

    fixed = run(*pre_commit, "slimfile-fix", "--all-files")
    assert fixed.returncode == 1, fixed.stdout + fixed.stderr
    assert "files were modified by this hook" in fixed.stdout
    assert (work / "Dockerfile").read_text(encoding="utf-8").endswith("&& rm -rf /var/lib/apt/lists/*\n")

    # Fixed once: nothing more to change; what is left (a warning) still fails the hook.
    assert run("git", "add", ".").returncode == 0
    again = run(*pre_commit, "slimfile-fix", "--all-files")
    assert again.returncode == 1 and "files were modified" not in again.stdout
    assert "fixed 0, 2 left" in again.stdout and "DL3006" in again.stdout


@pytest.mark.skipif(shutil.which("git") is None, reason="pre-commit needs git")
def test_a_pre_commit_hook_that_installs_slimfile_itself(tmp_path: Path) -> None:
    # The README's self-installing hook (`language: python`), with the wheel under test in
    # place of `slimfile==<version>` from PyPI.
    wheel = os.environ.get("SLIMFILE_WHEEL")
    if not wheel:
        pytest.skip("SLIMFILE_WHEEL (the wheel to install) is not set")
    work = tmp_path / "work"
    work.mkdir()
    (work / "Dockerfile").write_text(BAD, encoding="utf-8")
    (work / ".pre-commit-config.yaml").write_text(
        f"""repos:
  - repo: local
    hooks:
      - id: slimfile-check
        name: slimfile check
        entry: slimfile check
        language: python
        additional_dependencies: ["{wheel}"]
        files: (^|/)([Dd]ockerfile|[Cc]ontainerfile|[^/]*\\.([Dd]ockerfile|[Cc]ontainerfile)|Dockerfile\\.[^/]+)$
        exclude: \\.dockerignore$
        require_serial: true
""",
        encoding="utf-8",
    )
    # No `slimfile` on PATH: the hook must bring its own.
    path = os.pathsep.join(d for d in os.environ["PATH"].split(os.pathsep) if d and not (Path(d) / "slimfile").exists())
    env = {**os.environ, "PATH": path, "PRE_COMMIT_HOME": str(tmp_path / "cache")}
    assert shutil.which("slimfile", path=path) is None

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(args, cwd=work, env=env, capture_output=True, text=True, check=False)

    assert run("git", "init", "-q").returncode == 0
    assert run("git", "add", ".").returncode == 0
    checked = run(sys.executable, "-m", "pre_commit", "run", "--all-files")
    assert checked.returncode == 1, checked.stdout + checked.stderr
    assert "slimfile check" in checked.stdout and "DL3009" in checked.stdout
