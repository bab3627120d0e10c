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
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any, Literal, Optional, Union, cast

from slimfile import _slimfile
from slimfile._errors import ConfigError, InputError, SlimfileError, UnknownRuleError
from slimfile._slimfile import (
    MAX_SOURCE_LEN,
    Context,
    Diagnostic,
    Edit,
    Fix,
    Instruction,
    Item,
    ParseProblem,
    ParseResult,
    Position,
    Range,
    __version__,
    check,
    parse,
)

if TYPE_CHECKING:
    from concurrent.futures import Future

    from typing_extensions import TypeAlias

    # The type of a label's value in a label schema, as hadolint names them.
    _LabelType: TypeAlias = Literal["text", "url", "semver", "hash", "rfc3339", "spdx", "email"]

__all__ = [
    "MAX_SOURCE_LEN",
    "AppliedFix",
    "ConfigError",
    "Context",
    "Diagnostic",
    "Edit",
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

_Path = Union[str, "os.PathLike[str]"]


class Settings(_slimfile.Linter):
    """Which rules run and how: the keys of ``slimfile.toml``, with ``_`` for ``-``.

    Build it once and share it, across threads too: it works out its rule set when made.
    Frozen, comparable and hashable; ``to_dict()`` gives the values with the keys of
    ``slimfile.toml``. A rule, category or prefix that does not exist raises
    :class:`UnknownRuleError`, another wrong value :class:`ConfigError`.
    """

    __slots__ = ()

    def __new__(
        cls,
        *,
        select: Optional[Sequence[str]] = None,
        extend_select: Optional[Sequence[str]] = None,
        ignore: Optional[Sequence[str]] = None,
        severity: Optional[Mapping[str, str]] = None,
        trusted_registries: Optional[Sequence[str]] = None,
        prefer: Optional[Literal["slim", "alpine"]] = None,
        fail_level: Optional[Literal["error", "warning", "info", "style", "none"]] = None,
        label_schema: Optional[Mapping[str, _LabelType]] = None,
        strict_labels: Optional[bool] = None,
    ) -> Settings:
        values: dict[str, object] = {}
        lists = [("select", select), ("extend-select", extend_select), ("ignore", ignore)]
        for key, given in [*lists, ("trusted-registries", trusted_registries)]:
            if given is not None:
                if isinstance(given, (str, bytes)) or not all(isinstance(s, str) for s in given):
                    raise TypeError(f"{key.replace('-', '_')}: expected a sequence of str")
                values[key] = list(given)
        if severity is not None:
            if not isinstance(severity, Mapping):
                raise TypeError(f"severity: expected a mapping, not {type(severity).__name__}")
            values["severity"] = dict(severity)
        for key, word in (("prefer", prefer), ("fail-level", fail_level)):
            if word is not None:
                if not isinstance(word, str):
                    raise TypeError(f"{key.replace('-', '_')}: expected a str")
                values[key] = word
        if label_schema is not None:
            if not isinstance(label_schema, Mapping):
                raise TypeError(f"label_schema: expected a mapping, not {type(label_schema).__name__}")
            values["label-schema"] = dict(label_schema)
        if strict_labels is not None:
            if not isinstance(strict_labels, bool):
                raise TypeError("strict_labels: expected a bool")
            values["strict-labels"] = strict_labels
        return super().__new__(cls, values)

    @classmethod
    def from_file(cls, path: _Path) -> Settings:
        """Reads ``slimfile.toml``, ``.slimfile.toml``, ``pyproject.toml`` (its
        ``[tool.slimfile]`` table) or ``.hadolint.yaml``, the kind chosen by the file name,
        exactly as ``slimfile --config FILE`` reads it."""
        return _slimfile.Linter.__new__(cls, _slimfile.read_settings(path, False))

    @classmethod
    def for_dockerfile(cls, path: _Path) -> Settings:
        """The settings ``slimfile check`` uses for the Dockerfile at ``path``: those of the
        nearest settings file searched upward from its directory, else the defaults."""
        return _slimfile.Linter.__new__(cls, _slimfile.read_settings(path, True))

    @property
    def select(self) -> list[str]:
        """When not empty, only these rules run (codes, names, categories, prefixes, ``ALL``)."""
        return cast("list[str]", self.to_dict()["select"])

    @property
    def extend_select(self) -> list[str]:
        """Rules added to the default (or selected) ones."""
        return cast("list[str]", self.to_dict()["extend-select"])

    @property
    def ignore(self) -> list[str]:
        """Rules that never run."""
        return cast("list[str]", self.to_dict()["ignore"])

    @property
    def severity(self) -> dict[str, str]:
        """Severity per selector, in order (the last match wins); ``"off"`` turns rules off."""
        return cast("dict[str, str]", self.to_dict()["severity"])

    @property
    def trusted_registries(self) -> list[str]:
        """Registries base images may come from (empty: any)."""
        return cast("list[str]", self.to_dict()["trusted-registries"])

    @property
    def prefer(self) -> Literal["slim", "alpine"]:
        """The smaller variant suggested for a full base image."""
        return cast('Literal["slim", "alpine"]', self.to_dict()["prefer"])

    @property
    def fail_level(self) -> Literal["error", "warning", "info", "style", "none"]:
        """The least severe finding that fails a run of the ``slimfile`` command."""
        return cast('Literal["error", "warning", "info", "style", "none"]', self.to_dict()["fail-level"])

    @property
    def label_schema(self) -> dict[str, _LabelType]:
        """Labels every image must carry, with the type of each value (hadolint's
        ``label-schema``: text, url, semver, hash, rfc3339, spdx or email); the label rules
        DL3049–DL3058 check them."""
        return cast("dict[str, _LabelType]", self.to_dict()["label-schema"])

    @property
    def strict_labels(self) -> bool:
        """Whether labels outside the label schema are reported (DL3050)."""
        return cast(bool, self.to_dict()["strict-labels"])

    def __repr__(self) -> str:
        """``Settings(...)`` with the values that differ from the defaults."""
        default = _slimfile.Linter({}).to_dict()
        values = self.to_dict().items()
        shown = [f"{key.replace('-', '_')}={value!r}" for key, value in values if value != default[key]]
        return f"Settings({', '.join(shown)})"


def _plain(value: object) -> object:
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    to_dict = getattr(value, "to_dict", None)
    return value if to_dict is None else to_dict()


class _Record:
    """``to_dict()`` for the frozen dataclasses below: their fields under the JSON's keys
    (``pass_`` is ``pass``)."""

    def to_dict(self) -> dict[str, Any]:
        """The value as plain data: the keys and values of the CLI's JSON output."""
        return {f.name.rstrip("_"): _plain(getattr(self, f.name)) for f in fields(cast(Any, self))}


@dataclass(frozen=True)
class AppliedFix(_Record):
    """A fix that was applied, in pass ``pass_`` (from 1)."""

    code: str
    title: str
    applicability: Literal["safe", "unsafe", "display-only"]
    pass_: int


@dataclass(frozen=True)
class RejectedFix(_Record):
    """A fix left out because it broke the file, and why."""

    code: str
    title: str
    reason: str


@dataclass(frozen=True)
class FixResult(_Record):
    """What :func:`fix` made of a text: ``text`` is what ``slimfile fix -`` prints."""

    text: str = field(repr=False)
    """The rewritten Dockerfile."""
    dockerignore: Optional[str] = field(repr=False)
    """The whole ``.dockerignore`` to write (the context's own lines first), or ``None``
    when it needs no change."""
    dockerignore_additions: tuple[str, ...] = field(repr=False)
    """The lines the fixes added to the ``.dockerignore``."""
    applied: tuple[AppliedFix, ...]
    """The fixes applied, in the order of the passes."""
    rejected: tuple[RejectedFix, ...]
    """Fixes left out because they broke the file."""
    remaining: tuple[Diagnostic, ...]
    """What is still reported on the new ``text`` (positions in it)."""
    saved_bytes: int
    """Estimated bytes the applied fixes take out of the final image."""
    converged: bool
    """False when the passes stopped at their cap, or in a cycle, with fixes still to apply."""


@dataclass(frozen=True)
class Rule(_Record):
    """A rule and its documentation (``documentation``, Markdown)."""

    code: str
    name: str
    category: Literal["size", "cache", "reproducibility", "security", "correctness", "style"]
    severity: Literal["error", "warning", "info", "style"]
    default_enabled: bool
    buildkit: Optional[str]
    """The BuildKit check it also reports, if any."""
    fix: Literal["none", "sometimes", "always"]
    summary: str
    documentation: str = field(repr=False)
    """What it finds, why it matters and how to fix it, in Markdown."""


def fix(
    text: Union[str, bytes],
    *,
    context: Optional[Context] = None,
    settings: Optional[Settings] = None,
    unsafe: bool = False,
    only: Optional[Sequence[str]] = None,
) -> FixResult:
    """``text`` (a ``str``, or ``bytes`` decoded as the CLI decodes files) with the fixes
    applied: the safe ones, also the unsafe ones with ``unsafe=True``, only those of the
    rules ``only`` names when given; re-checked after each pass until nothing changes."""
    data, remaining = _slimfile.fix(text, context=context, settings=settings, unsafe=unsafe, only=only)
    return FixResult(
        text=data["text"],
        dockerignore=data["dockerignore"],
        dockerignore_additions=tuple(data["dockerignore_additions"]),
        applied=tuple(AppliedFix(a["code"], a["title"], a["applicability"], a["pass"]) for a in data["applied"]),
        rejected=tuple(RejectedFix(**r) for r in data["rejected"]),
        remaining=tuple(remaining),
        saved_bytes=data["saved_bytes"],
        converged=data["converged"],
    )


def rules() -> list[Rule]:
    """Every rule, ordered by code."""
    return [Rule(**r) for r in _slimfile.rules()]


def rule(code_or_name: str) -> Rule:
    """A rule by code (any case), name or BuildKit check name; :class:`UnknownRuleError`
    when there is none."""
    return Rule(**_slimfile.rule(code_or_name))


@dataclass(frozen=True)
class FileResult(_Record):
    """What :func:`check_paths` found in one file: its diagnostics, or why it could not be
    checked (``error``; the other files are still checked)."""

    path: str
    """The path as given (``str`` of it)."""
    diagnostics: tuple[Diagnostic, ...]
    """The findings, ordered by position; empty when ``error`` is set."""
    error: Union[OSError, SlimfileError, None] = None
    """Why the file could not be checked: the ``OSError`` ``open()`` would raise
    (``FileNotFoundError``, ``IsADirectoryError``...), :class:`InputError` (not a
    Dockerfile: binary, not UTF-8, too large), :class:`ConfigError` (its settings file is
    broken), or :class:`SlimfileError` for a bug in slimfile."""

    @property
    def ok(self) -> bool:
        """Whether the file was checked (it may still have diagnostics)."""
        return self.error is None

    def to_dict(self) -> dict[str, Any]:
        """``{"path", "diagnostics", "error"}``: the diagnostics as ``to_dict()`` gives them,
        the error as its message (or ``None``)."""
        return {**super().to_dict(), "error": None if self.error is None else str(self.error)}


def check_paths(
    paths: Iterable[_Path],
    *,
    workers: Optional[int] = None,
    settings: Optional[Settings] = None,
    context: Optional[Context] = None,
) -> Iterator[FileResult]:
    """Checks many Dockerfiles on a pool of ``workers`` threads (default: the cores, at most
    8) without holding the GIL, and yields a :class:`FileResult` per path, in input order.

    Each file is read and checked as ``slimfile check`` does it: with the settings of the
    nearest settings file found upward from its directory (or ``settings`` for every file)
    and its directory as build context, ``<Dockerfile>.dockerignore`` first (or ``context``
    for every file). Settings and contexts are read once per directory. A file that cannot
    be checked becomes a result with an ``error``; the rest go on. ``paths`` is read lazily,
    a few paths ahead of the results, so it may be a generator.
    """
    if workers is None:
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
        workers = min(cores or 1, 8)
    elif workers < 1:
        raise ValueError("workers must be at least 1")
    return _checked(iter(paths), workers, settings, context)


def _checked(
    paths: Iterator[_Path], workers: int, settings: Optional[Settings], context: Optional[Context]
) -> Iterator[FileResult]:
    from collections import deque
    from concurrent.futures import ThreadPoolExecutor

    # The settings `slimfile check` finds for each directory, found here in order (each
    # directory once; equal settings share one rule set) while the workers check; the
    # workers read each file's context as the CLI does, each directory listed once.
    settings_in: dict[str, Union[Settings, ConfigError]] = {}
    same: dict[Settings, Settings] = {}
    contexts = _slimfile.Contexts(context)

    def settings_for(path: str) -> Settings:
        if settings is not None:
            return settings
        directory = os.path.dirname(path)
        found = settings_in.get(directory)
        if found is None:
            try:
                found = Settings.for_dockerfile(path)
                found = same.setdefault(found, found)
            except ConfigError as e:
                found = e
            settings_in[directory] = found
        if isinstance(found, ConfigError):
            raise found
        return found

    def one(path: str, shown: str, linter: Settings) -> FileResult:
        try:
            return FileResult(shown, tuple(_slimfile.check_file(path, contexts, linter)))
        except (OSError, SlimfileError) as e:
            return FileResult(shown, (), e)

    pool = ThreadPoolExecutor(workers, thread_name_prefix="slimfile")
    pending: deque[Union[Future[FileResult], FileResult]] = deque()
    try:
        for given in paths:
            path = os.fspath(given)
            if not isinstance(path, str):
                raise TypeError(f"expected a str or os.PathLike path, not {type(given).__name__}")
            try:
                pending.append(pool.submit(one, path, str(given), settings_for(path)))
            except ConfigError as e:
                pending.append(FileResult(str(given), (), e))
            while len(pending) >= workers * 4:
                yield _result(pending.popleft())
        while pending:
            yield _result(pending.popleft())
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


def _result(done: Union[Future[FileResult], FileResult]) -> FileResult:
    return done if isinstance(done, FileResult) else done.result()
