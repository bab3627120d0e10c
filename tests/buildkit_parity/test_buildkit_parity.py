"""`slimfile parse` agrees with BuildKit's parser on the real-world sample.

Run by `make test` (see the README). Needs the PyPI package `dockerfile` (BuildKit
v0.12.5's parser) and a built `slimfile` binary (`SLIMFILE_BIN`, else target/release or
target/debug).
"""

from __future__ import annotations

import os
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import dockerfile
import pytest

from compare import ACCEPTED, run

ROOT = Path(__file__).resolve().parents[2]


def _binary() -> str:
    if os.environ.get("SLIMFILE_BIN"):
        return os.environ["SLIMFILE_BIN"]
    for profile in ("release", "debug"):
        candidate = ROOT / "target" / profile / "slimfile"
        if candidate.exists():
            return str(candidate)
    pytest.fail("no slimfile binary: run `cargo build --release -p slimfile-cli` first")


def _corpus() -> Path:
    for ancestor in ROOT.parents:
        candidate = ancestor / "shared" / "corpus"
        if candidate.is_dir():
            return candidate
    pytest.fail("shared/corpus not found next to the checkout")


@pytest.fixture(scope="module")
def sample_report():
    files = sorted(p for p in (_corpus() / "sample").rglob("*") if p.is_file())
    assert len(files) > 4000
    return run(_binary(), files)


def test_instructions_identical_on_every_file_buildkit_accepts(sample_report):
    rep = sample_report
    agreeing = rep.identical + rep.identical_after_accepted
    rate = agreeing / rep.accepted_by_buildkit
    print(
        f"\nagreement: {agreeing}/{rep.accepted_by_buildkit} files ({rate:.2%}); "
        f"{rep.identical} identical as is, {rep.identical_after_accepted} after the accepted "
        f"differences {rep.reasons_used}; {rep.refused_as_accepted_difference} refused for an "
        f"accepted difference"
    )
    assert rep.differences == []
    assert rate == 1.0


def test_never_rejects_what_buildkit_accepts(sample_report):
    assert sample_report.we_reject_buildkit_accepts == []


def test_rejects_what_buildkit_rejects(sample_report):
    assert sample_report.rejected_by_both >= 1
    assert sample_report.we_accept_buildkit_rejects == []


def test_every_accepted_difference_is_explained_and_used(sample_report):
    for name, reason in ACCEPTED.items():
        assert len(reason) > 80, name
    assert set(sample_report.reasons_used) <= set(ACCEPTED)


def _rewrite(binary: str, path: Path) -> str | None:
    proc = subprocess.run(
        [binary, "fix", "--unsafe-fixes", "--no-config", "-"],
        stdin=path.open("rb"),
        capture_output=True,
        check=False,
    )
    return proc.stdout.decode("utf-8") if proc.returncode in (0, 1) else None


def test_buildkit_accepts_every_rewritten_file_it_accepted_before():
    binary = _binary()
    files = sorted(p for p in (_corpus() / "sample").rglob("*") if p.is_file())
    rewritten, refused = 0, []
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        outputs = list(pool.map(lambda p: (p, _rewrite(binary, p)), files))
    for path, out in outputs:
        if out is None:
            continue
        try:
            dockerfile.parse_file(str(path))
        except (dockerfile.GoParseError, dockerfile.GoIOError, UnicodeDecodeError, ValueError):
            continue  # BuildKit rejected the input already
        rewritten += 1
        try:
            dockerfile.parse_string(out)
        except dockerfile.GoParseError as exc:
            refused.append(f"{path}: {exc}")
    print(f"\nBuildKit parses {rewritten - len(refused)}/{rewritten} rewritten files")
    assert rewritten > 4000
    assert refused == []
