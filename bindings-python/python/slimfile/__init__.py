"""slimfile: parse, check and fix Dockerfiles, so the images they build are smaller, faster
to rebuild and reproducible.

The same Rust core as the ``slimfile`` command, with the same answers::

    import slimfile

    text = open("Dockerfile", encoding="utf-8").read()
    for d in slimfile.check(text, context=slimfile.Context.from_dir(".")):
        print(d.range.start.line, d.code, d.message, repr(text[d.start:d.end]))
    fixed = slimfile.fix(text).text

Positions (``start``, ``end``, columns) count ``str`` characters, so ``text[d.start:d.end]``
is the flagged text. Results are frozen, comparable, and convert with ``to_dict()`` to the
keys and values of ``slimfile check --format json``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, Iterable, Iterator, Optional, Union

from slimfile import _slimfile
from slimfile._errors import ConfigError, FileError, InputError, SlimfileError, UnknownRuleError
from slimfile._slimfile import (
    AppliedFix,
    Context,
    Diagnostic,
    Edit,
    Fix,
    FixResult,
    Instruction,
    Item,
    ParseProblem,
    ParseResult,
    Position,
    Range,
    RejectedFix,
    Rule,
    Settings,
    __version__,
    check,
    fix,
    parse,
    rule,
    rules,
)

__all__ = [
    "AppliedFix",
    "ConfigError",
    "Context",
    "Diagnostic",
    "Edit",
    "FileError",
    "FileResult",
    "Fix",
    "FixResult",
    "InputError",
    "Instruction",
    "Item",
    "ParseProblem",
    "ParseResult",
    "Position",
    "Range",
    "RejectedFix",
    "Rule",
    "Settings",
    "SlimfileError",
    "UnknownRuleError",
    "__version__",
    "check",
    "check_paths",
    "fix",
    "parse",
    "rule",
    "rules",
]


@dataclass(frozen=True)
class FileResult:
    """What :func:`check_paths` found in one file: its diagnostics, or why it could not be
    checked (``error``; the other files are still checked)."""

    path: str
    """The path as given (``str`` of it)."""
    diagnostics: tuple[Diagnostic, ...]
    """The findings, ordered by position; empty when ``error`` is set."""
    error: Optional[SlimfileError] = None
    """Why the file could not be checked: a :class:`FileError`, or a
    :class:`SlimfileError` for a bug in slimfile."""

    @property
    def ok(self) -> bool:
        """Whether the file was checked (it may still have diagnostics)."""
        return self.error is None

    def to_dict(self) -> dict[str, Any]:
        """``{"path", "diagnostics", "error"}``: the diagnostics as ``to_dict()`` gives them,
        the error as its message (or ``None``)."""
        return {
            "path": self.path,
            "diagnostics": [d.to_dict() for d in self.diagnostics],
            "error": None if self.error is None else str(self.error),
        }


def check_paths(
    paths: Iterable[Union[str, os.PathLike[str]]],
    *,
    workers: Optional[int] = None,
    settings: Optional[Settings] = None,
    context: Optional[Context] = None,
) -> Iterator[FileResult]:
    """Checks many Dockerfiles on a pool of ``workers`` threads (default: the cores, at most
    8) without holding the GIL, and yields a :class:`FileResult` per path, in input order.

    Each file is read as ``slimfile check`` reads it, and checked with ``settings`` (default
    rules when ``None``) and its own directory as build context (its ``.dockerignore`` and
    files, read once per directory), unless ``context`` is given for every file. A file that
    cannot be read becomes a result with an ``error``; the rest go on. ``paths`` is read
    lazily, a few paths ahead of the results, so it may be a generator.
    """
    batch = _slimfile.check_paths(paths, workers=workers, settings=settings, context=context)
    return (FileResult(path, tuple(found or ()), error) for path, found, error in batch)
