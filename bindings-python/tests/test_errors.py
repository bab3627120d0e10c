"""Every error kind: one base class (a ValueError), its kinds, their messages, and no
panic reaching Python as a BaseException."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

import slimfile

LIMIT = slimfile.MAX_SOURCE_LEN


def test_the_hierarchy() -> None:
    assert issubclass(slimfile.SlimfileError, ValueError)
    for kind in (slimfile.ConfigError, slimfile.InputError, slimfile.UnknownRuleError):
        assert issubclass(kind, slimfile.SlimfileError)
    assert issubclass(slimfile.UnknownRuleError, LookupError)
    assert LIMIT == 32 * 1024 * 1024


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"FROM alpine\n\0", "input is binary (a NUL byte at offset 12), not a Dockerfile"),
        (b"FROM caf\xc3\n", "input is not valid UTF-8 (at byte offset 8)"),
        ("FROM a\n".encode("utf-16"), "input is UTF-16 encoded; save it as UTF-8"),
    ],
)
def test_bytes_that_are_not_a_dockerfile(data: bytes, message: str) -> None:
    for call in (slimfile.check, slimfile.fix, slimfile.parse):
        with pytest.raises(slimfile.InputError) as raised:
            call(data)
        assert str(raised.value) == message


def test_too_large_input() -> None:
    big = "#" * (LIMIT + 1)
    with pytest.raises(slimfile.InputError, match=r"^input is \d+ bytes; the limit is \d+ bytes$"):
        slimfile.check(big)
    with pytest.raises(slimfile.InputError):
        slimfile.fix(big)
    with pytest.raises(slimfile.InputError):
        slimfile.parse(big.encode())


def test_str_with_a_lone_surrogate() -> None:
    with pytest.raises(slimfile.InputError, match="not valid Unicode") as raised:
        slimfile.check("FROM a\n# \ud800\n")
    assert isinstance(raised.value.__cause__, UnicodeEncodeError)


def test_wrong_types_are_type_errors() -> None:
    with pytest.raises(TypeError):
        slimfile.check(42)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        slimfile.Settings(select="DL3008")  # a str is a Sequence[str] to type checkers
    with pytest.raises(TypeError):
        slimfile.Settings(severity=["DL3008"])  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        slimfile.Context(files=[("a", "big")])  # type: ignore[list-item]
    with pytest.raises(TypeError):
        slimfile.check("FROM a\n", settings="strict")  # type: ignore[arg-type]


def test_unknown_rules() -> None:
    for make in (
        lambda: slimfile.Settings(select=["XX9999"]),
        lambda: slimfile.Settings(ignore=["XX9999"]),
        lambda: slimfile.Settings(severity={"XX9999": "error"}),
        lambda: slimfile.fix("FROM a\n", only=["XX9999"]),
        lambda: slimfile.rule("XX9999"),
    ):
        with pytest.raises(slimfile.UnknownRuleError) as raised:
            make()
        assert raised.value.selector == "XX9999"
        assert str(raised.value) == "unknown rule or category `XX9999`"


def test_bad_settings_values_are_config_errors() -> None:
    with pytest.raises(slimfile.ConfigError) as raised:
        slimfile.Settings(prefer="tiny")  # type: ignore[arg-type]
    assert raised.value.file == "Settings" and "tiny" in str(raised.value)
    with pytest.raises(slimfile.ConfigError, match="severity"):
        slimfile.Settings(severity={"DL3008": "loud"})
    with pytest.raises(slimfile.ConfigError):
        slimfile.Settings(fail_level="sometimes")  # type: ignore[arg-type]


def test_config_files_with_mistakes_name_file_line_and_column(tmp_path: Path) -> None:
    bad = tmp_path / "slimfile.toml"
    bad.write_text('select = ["DL3015"]\n  selct = []\n', encoding="utf-8")
    with pytest.raises(slimfile.ConfigError) as raised:
        slimfile.Settings.from_file(bad)
    e = raised.value
    assert (e.line, e.column) == (2, 3) and e.file.endswith("slimfile.toml")
    assert str(e).startswith(f"{e.file}:2:3: ") and e.message in str(e)
    yaml = tmp_path / ".hadolint.yaml"
    yaml.write_text("ignored: [DL3008\n", encoding="utf-8")
    with pytest.raises(slimfile.ConfigError) as raised:
        slimfile.Settings.from_file(yaml)
    assert raised.value.line >= 1
    with pytest.raises(slimfile.ConfigError) as raised:
        slimfile.Settings.from_file(tmp_path / "missing.toml")
    assert (raised.value.line, raised.value.column) == (0, 0)


def test_unreadable_files_in_check_paths_are_error_entries(tmp_path: Path) -> None:
    good = tmp_path / "Dockerfile"
    good.write_text("FROM debian:12\nRUN apt-get install -y curl\n", encoding="utf-8")
    binary = tmp_path / "binary.Dockerfile"
    binary.write_bytes(b"FROM a\n\0\0")
    latin1 = tmp_path / "latin1.Dockerfile"
    latin1.write_bytes(b"FROM a\n# caf\xe9\n")
    huge = tmp_path / "huge.Dockerfile"
    huge.write_bytes(b"#" * (LIMIT + 1))
    locked = tmp_path / "locked.Dockerfile"
    locked.write_text("FROM a\n", encoding="utf-8")
    locked.chmod(0)
    can_lock = os.geteuid() != 0  # root reads it anyway
    paths = [good, tmp_path / "missing", binary, tmp_path, latin1, huge, good, good / "under-a-file", locked]
    results = list(slimfile.check_paths(paths, workers=2))
    assert [r.path for r in results] == [str(p) for p in paths]
    assert [r.ok for r in results] == [True, False, False, False, False, False, True, False, not can_lock]
    assert results[0].diagnostics and results[0] == results[-3]
    assert all(r.diagnostics == () for r in results if not r.ok)

    # What `open()` would raise, with the errno and the file name.
    missing, directory, not_dir = results[1].error, results[3].error, results[7].error
    assert isinstance(missing, FileNotFoundError) and missing.errno == errno.ENOENT
    assert missing.filename == str(tmp_path / "missing") and missing.strerror == "no such file"
    assert isinstance(directory, IsADirectoryError) and directory.filename == str(tmp_path)
    assert isinstance(not_dir, NotADirectoryError) and not_dir.filename == str(good / "under-a-file")
    if can_lock:
        assert isinstance(results[8].error, PermissionError) and results[8].error.strerror == "permission denied"

    # Not a Dockerfile: `InputError`, with the path and the CLI's message.
    inputs = [results[i].error for i in (2, 4, 5)]
    assert [str(e) for e in inputs] == [
        f"{binary}: input is binary (a NUL byte at offset 7), not a Dockerfile",
        f"{latin1}: input is not valid UTF-8 (at byte offset 12)",
        f"{huge}: file is {LIMIT + 1} bytes; the limit is {LIMIT} bytes",
    ]
    assert all(isinstance(e, slimfile.InputError) and e.path == p for e, p in zip(inputs, (str(binary), str(latin1), str(huge))))
    assert results[1].to_dict() == {"path": str(tmp_path / "missing"), "diagnostics": [], "error": str(missing)}


def test_a_broken_settings_file_is_an_error_entry_for_the_files_it_covers(tmp_path: Path) -> None:
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "slimfile.toml").write_text("selct = []\n", encoding="utf-8")
    paths = [tmp_path / "app" / "Dockerfile", tmp_path / "Dockerfile", tmp_path / "app" / "other.Dockerfile"]
    for path in paths:
        path.write_text("FROM debian:12\nRUN apt-get install -y curl\n", encoding="utf-8")
    results = list(slimfile.check_paths(paths))
    assert [r.ok for r in results] == [False, True, False]
    assert isinstance(results[0].error, slimfile.ConfigError) and results[0].error.line == 1
    assert results[0].error is results[2].error  # read once for the directory
    # With settings given, no file is searched for.
    assert all(r.ok for r in slimfile.check_paths(paths, settings=slimfile.Settings()))


def test_bad_check_paths_arguments() -> None:
    with pytest.raises(ValueError):
        slimfile.check_paths(["Dockerfile"], workers=0)
    with pytest.raises(TypeError):
        slimfile.check_paths(42)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        list(slimfile.check_paths([42]))  # type: ignore[list-item]


def test_a_panic_becomes_the_base_exception() -> None:
    from slimfile import _slimfile

    with pytest.raises(slimfile.SlimfileError, match="internal error in slimfile.*boom") as raised:
        _slimfile._panic("boom")
    assert type(raised.value) is slimfile.SlimfileError
    try:
        _slimfile._panic("caught")
    except Exception as e:  # what users write catches it
        assert isinstance(e, ValueError)
