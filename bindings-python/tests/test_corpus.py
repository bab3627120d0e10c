"""The package gives the CLI's answers on every file of the real-world sample: `to_dict()`
equals `slimfile check --format json` (without `path`), and `fix()` gives the text of
`slimfile fix -`."""

from __future__ import annotations

import json
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

import slimfile


def in_code_points(element: dict[str, Any], data: bytes) -> dict[str, Any]:
    """The CLI's element with its UTF-8 byte spans turned into `str` indices."""

    def at(offset: int) -> int:
        return len(data[:offset].decode("utf-8"))

    out = dict(element)
    out["span"] = [at(o) for o in element["span"]]
    if element["fix"] is not None:
        edits = [{**e, "span": [at(o) for o in e["span"]]} for e in element["fix"]["edits"]]
        out["fix"] = {**element["fix"], "edits": edits}
    return out


@pytest.fixture(scope="session")
def cli_json(cli: str, sample: list[Path]) -> dict[str, list[dict[str, Any]]]:
    """`slimfile check --format json` over the whole sample, grouped by file."""
    run = subprocess.run(
        [cli, "check", "--no-config", "--format", "json", *map(str, sample)],
        capture_output=True,
        check=False,
    )
    assert run.returncode in (0, 1, 2), run.stderr.decode()
    grouped: dict[str, list[dict[str, Any]]] = {}
    for element in json.loads(run.stdout):
        grouped.setdefault(element.pop("path"), []).append(element)
    return grouped


def test_check_equals_the_cli_json_on_every_sample_file(
    sample: list[Path], cli_json: dict[str, list[dict[str, Any]]]
) -> None:
    contexts: dict[Path, slimfile.Context] = {}
    compared = refused = non_ascii = 0
    for path in sample:
        data = path.read_bytes()
        context = contexts.setdefault(path.parent, slimfile.Context.from_dir(path.parent))
        try:
            found = slimfile.check(data, context=context)
        except slimfile.InputError:
            refused += 1
            assert str(path) not in cli_json
            continue
        elements = cli_json.get(str(path), [])
        assert [d.to_dict() for d in found] == [in_code_points(e, data) for e in elements], path
        # `text[d.start:d.end]` is what the CLI's byte span covers.
        text = data.decode("utf-8")
        for d, e in zip(found, elements):
            assert text[d.start : d.end] == data[e["span"][0] : e["span"][1]].decode("utf-8")
        compared += 1
        non_ascii += not text.isascii()
    assert compared > 3900 and non_ascii > 10, (compared, refused, non_ascii)


def test_check_paths_equals_the_cli_json_on_every_sample_file(
    sample: list[Path], cli_json: dict[str, list[dict[str, Any]]]
) -> None:
    results = list(slimfile.check_paths(sample))
    assert [r.path for r in results] == [str(p) for p in sample]
    for path, result in zip(sample, results):
        if result.error is not None:
            assert isinstance(result.error, slimfile.FileError)
            assert str(path) not in cli_json
            continue
        data = path.read_bytes()
        expected = [in_code_points(e, data) for e in cli_json.get(str(path), [])]
        assert [d.to_dict() for d in result.diagnostics] == expected, path


def test_fix_gives_the_text_of_cli_fix_stdin(cli: str, sample: list[Path]) -> None:
    def compare(path: Path) -> bool:
        data = path.read_bytes()
        run = subprocess.run([cli, "fix", "--no-config", "-"], input=data, capture_output=True, check=False)
        try:
            fixed = slimfile.fix(data)
        except slimfile.InputError:
            assert run.returncode == 2, path
            return False
        assert run.stdout.decode("utf-8") == fixed.text, path
        return fixed.text != data.decode("utf-8")

    with ThreadPoolExecutor(max_workers=4) as pool:
        changed = sum(pool.map(compare, sample))
    assert changed > 1000
