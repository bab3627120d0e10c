"""The API round trips: check, fix, parse, settings, contexts, rules, and positions in
`str` characters."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest

import slimfile

APT = "FROM debian:12\nRUN apt-get update && apt-get install -y curl\n"


def test_check_finds_and_positions_a_problem() -> None:
    found = slimfile.check(APT)
    dl3009 = next(d for d in found if d.code == "DL3009")
    assert dl3009.name == "apt-lists-not-deleted"
    assert dl3009.severity == "info"
    assert (dl3009.range.start.line, dl3009.range.start.column) == (2, 23)
    assert APT[dl3009.start : dl3009.end] == "apt-get install -y curl"
    assert dl3009.fix is not None and dl3009.fix.applicability == "safe"
    edit = dl3009.fix.edits[0]
    assert APT[: edit.start] + edit.content + APT[edit.end :] == slimfile.fix(APT).text
    assert [d.start for d in found] == sorted(d.start for d in found)


def test_results_are_frozen_comparable_hashable_values() -> None:
    first, second = slimfile.check(APT), slimfile.check(APT)
    assert first == second and first[0] is not second[0]
    assert hash(first[0]) == hash(second[0])
    assert len({*first, *second}) == len(first)
    assert first[0] != first[1]
    assert first[0] != "DL3009"
    with pytest.raises(AttributeError):
        first[0].code = "X"  # type: ignore[misc]
    assert repr(first[0]).startswith("Diagnostic(code='DL3009', severity='info', message=")
    assert json.loads(json.dumps(first[0].to_dict()))["range"]["end"] == {"line": 2, "column": 46}


def test_non_ascii_and_non_bmp_positions_count_characters() -> None:
    text = "# é 😀 ü 中文\nFROM debian:12\nLABEL x=\"😀😀\"\nRUN echo 😀 && apt-get update && apt-get install -y curl\n"
    found = slimfile.check(text)
    dl3009 = next(d for d in found if d.code == "DL3009")
    assert text[dl3009.start : dl3009.end] == "apt-get install -y curl"
    line = text.splitlines()[dl3009.range.start.line - 1]
    assert line[dl3009.range.start.column - 1 :].startswith("apt-get install")
    for d in found:
        assert 0 <= d.start <= d.end <= len(text)
        for e in d.fix.edits if d.fix else ():
            assert 0 <= e.start <= e.end <= len(text)
    fixed = slimfile.fix(text)
    assert fixed.text.endswith("&& rm -rf /var/lib/apt/lists/*\n")
    assert fixed.text.startswith("# é 😀 ü 中文\n")
    for d in fixed.remaining:
        assert 0 <= d.start <= d.end <= len(fixed.text)
    problem = slimfile.parse("# 😀\nFROM a\nFOO 😀 bar\n")
    view = problem.instructions[1]
    assert "# 😀\nFROM a\nFOO 😀 bar\n"[view.start : view.end].startswith("FOO 😀 bar")


def test_bytes_are_decoded_as_the_cli_decodes_files() -> None:
    assert slimfile.check(APT.encode()) == slimfile.check(APT)
    assert slimfile.parse(b"\xef\xbb\xbfFROM a\n").instructions[0].cmd == "FROM"


def test_fix_applies_safe_fixes_unsafe_on_request_and_only_what_is_named() -> None:
    safe = slimfile.fix(APT)
    assert [a.code for a in safe.applied] == ["DL3009"]
    assert safe.applied[0].pass_ == 1 and safe.applied[0].applicability == "safe"
    assert [d.code for d in safe.remaining] == ["DL3015"]
    assert safe.converged and safe.rejected == ()
    both = slimfile.fix(APT, unsafe=True)
    assert "--no-install-recommends" in both.text and "rm -rf /var/lib/apt/lists" in both.text
    only = slimfile.fix(APT, unsafe=True, only=["DL3015"])
    assert [a.code for a in only.applied] == ["DL3015"]
    assert slimfile.fix(APT, only=["apt-install-recommends"]).text == APT
    assert slimfile.fix(safe.text).applied == ()
    assert safe.to_dict()["applied"][0]["pass"] == 1


def test_fix_with_a_context_adds_dockerignore_lines() -> None:
    text = 'FROM node:22\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD ["node", "server.js"]\n'
    context = slimfile.Context(files={"package.json": 600, "package-lock.json": 52_000, "node_modules/x/index.js": 2000, "server.js": 900})
    result = slimfile.fix(text, context=context, unsafe=True)
    assert result.dockerignore is not None and "node_modules" in result.dockerignore
    assert result.dockerignore_additions and all(line in result.dockerignore for line in result.dockerignore_additions)


def test_parse_reports_instructions_items_and_errors() -> None:
    text = "# syntax=docker/dockerfile:1\nFROM alpine AS base\nRUN <<EOF\necho hi\nEOF\nCOPY --link a b\n"
    view = slimfile.parse(text)
    assert [i.cmd for i in view.instructions] == ["FROM", "RUN", "COPY"]
    assert view.instructions[0].value == ("alpine", "AS", "base")
    assert view.instructions[1].heredocs == (("EOF", 0, "echo hi\n"),)
    assert view.instructions[2].flags == ("--link",)
    assert view.items[0].kind == "directive" and view.items[0].start == 0
    assert view.items[-1].end == len(text)
    assert all(a.end == b.start for a, b in zip(view.items, view.items[1:]))
    assert view.errors == () and view.escape == "\\"
    broken = slimfile.parse("FROM a\nRUN <<EOF\necho\n")
    assert [e.kind for e in broken.errors] == ["unterminated-heredoc"]
    assert broken.errors[0].line == 2
    assert slimfile.parse("").errors[0].kind == "no-instructions"
    assert view.to_dict()["instructions"][1]["cmd"] == "RUN"


def test_settings_select_ignore_and_severity() -> None:
    only_size = slimfile.Settings(select=["size"])
    assert {d.code for d in slimfile.check(APT, settings=only_size)} == {"DL3009", "DL3015"} - {"DL3015"} | {
        d.code for d in slimfile.check(APT, settings=only_size)
    }
    assert all(slimfile.rule(d.code).category == "size" for d in slimfile.check(APT, settings=only_size))
    ignoring = slimfile.Settings(ignore=["DL3009"])
    assert "DL3009" not in {d.code for d in slimfile.check(APT, settings=ignoring)}
    louder = slimfile.Settings(severity={"DL3009": "error", "DL3015": "off"})
    found = {d.code: d.severity for d in slimfile.check(APT, settings=louder)}
    assert found["DL3009"] == "error" and "DL3015" not in found
    assert louder.severity == {"DL3009": "error", "DL3015": "off"}
    # Order is kept: the last matching entry wins.
    last_wins = slimfile.Settings(severity={"DL3009": "error", "size": "style"})
    assert {d.code: d.severity for d in slimfile.check(APT, settings=last_wins)}["DL3009"] == "style"


def test_settings_values_dict_repr_and_equality() -> None:
    settings = slimfile.Settings(
        select=["size", "apt-install-recommends"],
        extend_select=["SF1"],
        ignore=["DL3015"],
        trusted_registries=["docker.io"],
        prefer="alpine",
        fail_level="error",
        label_schema={"maintainer": "email"},
        strict_labels=True,
    )
    assert settings.select == ["size", "DL3015"]
    assert settings.extend_select == ["SF1"]
    assert (settings.prefer, settings.fail_level) == ("alpine", "error")
    assert settings.trusted_registries == ["docker.io"]
    assert (settings.label_schema, settings.strict_labels) == ({"maintainer": "email"}, True)
    assert settings.to_dict() == {
        "select": ["size", "DL3015"],
        "extend-select": ["SF1"],
        "ignore": ["DL3015"],
        "severity": {},
        "trusted-registries": ["docker.io"],
        "prefer": "alpine",
        "fail-level": "error",
        "label-schema": {"maintainer": "email"},
        "strict-labels": True,
    }
    assert repr(slimfile.Settings()) == "Settings()"
    assert repr(slimfile.Settings(ignore=["DL3008"], prefer="alpine")) == "Settings(ignore=['DL3008'], prefer='alpine')"
    assert slimfile.Settings(ignore=["dl3008"]) == slimfile.Settings(ignore=["DL3008"])
    assert hash(slimfile.Settings(ignore=["dl3008"])) == hash(slimfile.Settings(ignore=["DL3008"]))
    assert slimfile.Settings() != settings
    with pytest.raises(AttributeError):
        settings.select = []  # type: ignore[misc]
    with pytest.raises(AttributeError):
        settings.anything = 1  # type: ignore[attr-defined]


def test_a_label_schema_drives_the_label_rules() -> None:
    text = 'FROM debian:trixie-slim\nLABEL maintainer="Jane Doe" build-host="ci"\n'
    codes = [d.code for d in slimfile.check(text, settings=slimfile.Settings(label_schema={"maintainer": "email"}, strict_labels=True))]
    assert codes == ["DL3058", "DL3050"]
    assert not [d for d in slimfile.check(text) if d.code in ("DL3058", "DL3050")]
    with pytest.raises(slimfile.ConfigError):
        slimfile.Settings(label_schema={"maintainer": "name"})  # type: ignore[dict-item]


def test_fix_results_and_rules_are_frozen_values() -> None:
    first, second = slimfile.fix(APT), slimfile.fix(APT)
    assert first == second and hash(first) == hash(second) and first is not second
    with pytest.raises(AttributeError):
        first.text = ""  # type: ignore[misc]
    assert repr(first).startswith("FixResult(applied=(AppliedFix(code='DL3009'")
    assert first.to_dict()["remaining"] == [d.to_dict() for d in first.remaining]
    assert list(first.to_dict()) == ["text", "dockerignore", "dockerignore_additions", "applied", "rejected", "remaining", "saved_bytes", "converged"]
    rule = slimfile.rule("DL3009")
    assert rule == slimfile.rules()[[r.code for r in slimfile.rules()].index("DL3009")] and hash(rule) == hash(slimfile.rule("DL3009"))
    assert "documentation" not in repr(rule) and rule.documentation in rule.to_dict()["documentation"]


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("slimfile.toml", 'ignore = ["DL3009"]\n[severity]\nDL3015 = "error"\n'),
        (".slimfile.toml", 'ignore = ["DL3009"]\n[severity]\nDL3015 = "error"\n'),
        ("pyproject.toml", '[project]\nname = "x"\n[tool.slimfile]\nignore = ["DL3009"]\nseverity = { DL3015 = "error" }\n'),
        (".hadolint.yaml", "ignored: [DL3009]\noverride:\n  error: [DL3015]\n"),
    ],
)
def test_settings_from_each_config_format(tmp_path: Path, name: str, text: str) -> None:
    (tmp_path / name).write_text(text, encoding="utf-8")
    settings = slimfile.Settings.from_file(tmp_path / name)
    assert type(settings) is slimfile.Settings and settings.ignore == ["DL3009"]
    found = {d.code: d.severity for d in slimfile.check(APT, settings=settings)}
    assert "DL3009" not in found and found["DL3015"] == "error"
    # The keyword arguments say the same as the file.
    again = slimfile.Settings(**{key.replace("-", "_"): value for key, value in settings.to_dict().items()})
    assert again == settings and hash(again) == hash(settings) and repr(again) == repr(settings)
    # The file found upward from a Dockerfile, as `slimfile check` finds it.
    (tmp_path / "app" / "deeper").mkdir(parents=True)
    assert slimfile.Settings.for_dockerfile(tmp_path / "app" / "deeper" / "Dockerfile") == settings


def test_context_from_dir_reads_dockerignore_and_files(tmp_path: Path) -> None:
    (tmp_path / ".dockerignore").write_text("node_modules\n", encoding="utf-8")
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "app.py").write_text("print('hi')\n", encoding="utf-8")
    context = slimfile.Context.from_dir(str(tmp_path))
    assert context.dockerignore == "node_modules\n"
    assert context.files == ((".dockerignore", 13), ("src/app.py", 12))
    assert context == slimfile.Context(dockerignore="node_modules\n", files=[(".dockerignore", 13), ("src/app.py", 12)])
    assert context.to_dict() == {"dockerignore": "node_modules\n", "files": [{"path": ".dockerignore", "size": 13}, {"path": "src/app.py", "size": 12}]}
    assert slimfile.Context().files is None and slimfile.Context(files=[]).files == ()
    assert "Context(dockerignore='node_modules\\n'" in repr(context)


def test_context_changes_what_is_found() -> None:
    text = 'FROM node:22\nWORKDIR /app\nCOPY . .\nRUN npm install\nCMD ["node", "server.js"]\n'
    files = {"package.json": 600, "package-lock.json": 52_000, "node_modules/x/index.js": 2000, "server.js": 900}
    found = {d.code for d in slimfile.check(text)}
    listed = {d.code for d in slimfile.check(text, context=slimfile.Context(files=files))}
    ignored = {d.code for d in slimfile.check(text, context=slimfile.Context(files=files, dockerignore="node_modules\n"))}
    assert "SF301" in listed - found  # needs the file list
    assert "SF107" in listed - ignored  # the .dockerignore leaves node_modules out


def test_rules_and_rule_lookup() -> None:
    every = slimfile.rules()
    assert len(every) > 100 and [r.code for r in every] == sorted(r.code for r in every)
    rule = slimfile.rule("JSONArgsRecommended")
    assert rule.code == "DL3025" and rule.buildkit == "JSONArgsRecommended"
    assert slimfile.rule("dl3025") == rule == slimfile.rule(rule.name)
    assert "## Why is this bad?" in rule.documentation and rule.summary
    assert rule.category in {"size", "cache", "reproducibility", "security", "correctness", "style"}
    assert rule.fix in {"none", "sometimes", "always"}
    assert rule.to_dict()["default_enabled"] is rule.default_enabled


def test_version_is_the_crate_version() -> None:
    assert slimfile.__version__ == "0.1.0"


def test_results_pickle_is_refused_clearly() -> None:
    # Frozen native objects are values to read, not to pickle: their dicts are.
    d = slimfile.check(APT)[0]
    with pytest.raises(TypeError):
        pickle.dumps(d)
    assert pickle.loads(pickle.dumps(d.to_dict())) == d.to_dict()
