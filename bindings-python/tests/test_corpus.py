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


def same_but_masked(ours: object, printed: object) -> bool:
    """Equal, but where the CLI masked a credential, character for character, with `*` (it
    never prints one; the API, as core's, gives the text as it is)."""
    if isinstance(ours, str) and isinstance(printed, str):
        return len(ours) == len(printed) and all(a == b or b == "*" for a, b in zip(ours, printed))
    if isinstance(ours, dict) and isinstance(printed, dict):
        return ours.keys() == printed.keys() and all(same_but_masked(ours[k], printed[k]) for k in ours)
    if isinstance(ours, list) and isinstance(printed, list):
        return len(ours) == len(printed) and all(map(same_but_masked, ours, printed))
    return ours == printed


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
    compared = refused = non_ascii = masked = 0
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
        ours, printed = [d.to_dict() for d in found], [in_code_points(e, data) for e in elements]
        if ours != printed:
            assert same_but_masked(ours, printed), path
            masked += 1
        # `text[d.start:d.end]` is what the CLI's byte span covers.
        text = data.decode("utf-8")
        for d, e in zip(found, elements):
            assert text[d.start : d.end] == data[e["span"][0] : e["span"][1]].decode("utf-8")
        compared += 1
        non_ascii += not text.isascii()
    assert compared > 3900 and non_ascii > 10 and masked < 40, (compared, refused, non_ascii, masked)


def test_check_paths_equals_the_cli_json_on_every_sample_file(
    sample: list[Path], cli_json: dict[str, list[dict[str, Any]]]
) -> None:
    results = list(slimfile.check_paths(sample, settings=slimfile.Settings()))
    assert [r.path for r in results] == [str(p) for p in sample]
    for path, result in zip(sample, results):
        if result.error is not None:
            assert isinstance(result.error, slimfile.InputError) and result.error.path == str(path)
            assert str(path) not in cli_json
            continue
        data = path.read_bytes()
        expected = [in_code_points(e, data) for e in cli_json.get(str(path), [])]
        assert same_but_masked([d.to_dict() for d in result.diagnostics], expected), path


NODE_APP = 'FROM node:22\nWORKDIR /app\nCOPY . .\nRUN npm install\nCMD ["node", "server.js"]\n'
APT = "FROM debian:12\nRUN apt-get update && apt-get install -y curl\n"


@pytest.fixture()
def project(tmp_path: Path) -> list[Path]:
    """Dockerfiles under settings files of each kind, with contexts and `.dockerignore`s."""
    files = {
        "slimfile.toml": 'ignore = ["DL3009"]\n',
        "Dockerfile": APT,
        "node/Dockerfile": NODE_APP,
        "node/ignoring.Dockerfile": NODE_APP,
        "node/ignoring.Dockerfile.dockerignore": "node_modules\n",
        "node/package.json": "{}\n",
        "node/package-lock.json": "{}\n" * 100,
        "node/node_modules/x/index.js": "x\n" * 1000,
        "node/server.js": "x\n",
        "py/pyproject.toml": '[tool.slimfile]\nselect = ["DL3015", "DL3009"]\n',
        "py/Dockerfile": APT,
        "py/deeper/Dockerfile": APT,
        "hadolint/.hadolint.yaml": "ignored: [DL3015]\n",
        "hadolint/Dockerfile": APT,
        "plain-pyproject/pyproject.toml": '[project]\nname = "x"\n',
        "plain-pyproject/Dockerfile": APT,
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return sorted(p for p in tmp_path.rglob("*") if p.name.endswith("Dockerfile"))


def test_check_paths_finds_settings_and_contexts_as_the_cli_does(cli: str, project: list[Path]) -> None:
    run = subprocess.run([cli, "check", "--format", "json", *map(str, project)], capture_output=True, check=False)
    assert run.returncode in (0, 1), run.stderr.decode()
    expected: dict[str, list[dict[str, Any]]] = {str(p): [] for p in project}
    for element in json.loads(run.stdout):
        expected[element.pop("path")].append(element)
    found = {r.path: [d.to_dict() for d in r.diagnostics] for r in slimfile.check_paths(project)}
    assert found == expected
    codes = {Path(path).relative_to(project[0].parent).as_posix(): {e["code"] for e in elements} for path, elements in found.items()}
    # The settings of each directory, and each Dockerfile's own context, made a difference.
    assert "DL3009" not in codes["Dockerfile"] and "DL3015" in codes["Dockerfile"]
    assert codes["py/Dockerfile"] == codes["py/deeper/Dockerfile"] == {"DL3009", "DL3015"}
    assert "DL3015" not in codes["hadolint/Dockerfile"] and "DL3009" in codes["hadolint/Dockerfile"]
    assert "DL3009" not in codes["plain-pyproject/Dockerfile"]  # no [tool.slimfile]: the root's file
    assert "SF107" in codes["node/Dockerfile"] and "SF107" not in codes["node/ignoring.Dockerfile"]
    # The same answers one file at a time, with what the CLI would use for each.
    for path in project:
        settings, context = slimfile.Settings.for_dockerfile(path), slimfile.Context.for_dockerfile(path)
        assert [d.to_dict() for d in slimfile.check(path.read_text(encoding="utf-8"), settings=settings, context=context)] == found[str(path)]


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
