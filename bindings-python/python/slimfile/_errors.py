"""The exceptions of slimfile: one base class, a ``ValueError``, and its kinds."""

from __future__ import annotations

import errno
from typing import Optional


class SlimfileError(ValueError):
    """Base class of every error slimfile raises.

    Problems in a Dockerfile are never errors: they are diagnostics. Errors are for input
    that cannot be read as a Dockerfile, settings that cannot be used, and (reported as
    this base class, with a message) bugs in slimfile itself.
    """


class ConfigError(SlimfileError):
    """Settings that cannot be used: a mistake in a settings file (at ``line`` and
    ``column``, 1-based; both 0 when it has no place, such as an unreadable file) or in
    the arguments of :class:`slimfile.Settings` (``file`` is then ``"Settings"``)."""

    file: str
    line: int
    column: int
    message: str

    def __init__(self, text: str, file: str, line: int, column: int, message: str) -> None:
        super().__init__(text, file, line, column, message)
        self.file = file
        self.line = line
        self.column = column
        self.message = message

    def __str__(self) -> str:
        return str(self.args[0])


class InputError(SlimfileError):
    """Input that is not a Dockerfile: too large, binary, UTF-16, not UTF-8 (``bytes``, or
    a file) or not valid Unicode (a ``str`` with lone surrogates). ``path`` is the file's
    path when the input was a file (in :func:`slimfile.check_paths`), else ``None``."""

    path: Optional[str]

    def __init__(self, text: str, path: Optional[str] = None) -> None:
        super().__init__(text)
        self.path = path


class UnknownRuleError(SlimfileError, LookupError):
    """A rule code, rule name, category or prefix that does not exist."""

    selector: str

    def __init__(self, text: str, selector: str) -> None:
        super().__init__(text, selector)
        self.selector = selector

    def __str__(self) -> str:
        return str(self.args[0])


# The kinds of Rust's `std::io::ErrorKind` that have an errno, so that `OSError` becomes the
# subclass Python raises for them.
_ERRNO = {
    "NotFound": errno.ENOENT,
    "PermissionDenied": errno.EACCES,
    "NotADirectory": errno.ENOTDIR,
    "IsADirectory": errno.EISDIR,
}


def _file_error(text: str, path: str, kind: str) -> Exception:
    """Why the Dockerfile at ``path`` cannot be checked (``text``, the CLI's message;
    ``kind``, Rust's ``io::ErrorKind``): an :class:`InputError` when its contents are not a
    Dockerfile (binary, UTF-16, not UTF-8, too large), else the ``OSError`` that ``open()``
    would raise (``FileNotFoundError``, ``IsADirectoryError``, ``PermissionError``...)."""
    if kind in ("InvalidData", "FileTooLarge"):
        return InputError(text, path)
    reason = text[len(path) + 2 :] if text.startswith(f"{path}: ") else text
    code = _ERRNO.get(kind)
    if code is None:
        unknown = OSError(text)
        unknown.filename = path
        return unknown
    return OSError(code, reason, path)
