"""Shared fixtures: the installed package (never the source tree), the `slimfile` command
to compare with, and the real-world sample corpus."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import slimfile

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent


def pytest_configure(config: pytest.Config) -> None:
    # The tests are about the wheel as users install it.
    source_tree = HERE.parent / "python"
    location = Path(slimfile.__file__).resolve()
    if source_tree in location.parents:
        raise pytest.UsageError(f"slimfile is imported from the source tree ({location}); install the wheel")


@pytest.fixture(scope="session")
def cli() -> str:
    """The Rust `slimfile` binary (SLIMFILE_BIN), else the installed command."""
    found = os.environ.get("SLIMFILE_BIN") or shutil.which("slimfile")
    if not found:
        pytest.fail("no slimfile command: set SLIMFILE_BIN to target/release/slimfile")
    return str(Path(found).resolve())


@pytest.fixture(scope="session")
def sample() -> list[Path]:
    """Every file of ../shared/corpus/sample (SLIMFILE_CORPUS overrides the corpus root)."""
    root = Path(os.environ.get("SLIMFILE_CORPUS", REPO.parent / "shared" / "corpus")) / "sample"
    files = sorted(p for p in root.rglob("*") if p.is_file())
    if len(files) < 1000:
        pytest.fail(f"the sample corpus is missing or incomplete at {root}")
    return files
