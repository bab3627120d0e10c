"""The exceptions of slimfile: one base class, a ``ValueError``, and its kinds."""

from __future__ import annotations


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
    """Input that is not a Dockerfile: too large, binary, UTF-16, not UTF-8 (``bytes``) or
    not valid Unicode (a ``str`` with lone surrogates)."""


class UnknownRuleError(SlimfileError, LookupError):
    """A rule code, rule name, category or prefix that does not exist."""

    selector: str

    def __init__(self, text: str, selector: str) -> None:
        super().__init__(text, selector)
        self.selector = selector

    def __str__(self) -> str:
        return str(self.args[0])


class FileError(SlimfileError):
    """A file that cannot be checked (missing, a directory, unreadable, binary, not UTF-8,
    too large); the message names the file."""

    path: str

    def __init__(self, text: str, path: str) -> None:
        super().__init__(text, path)
        self.path = path

    def __str__(self) -> str:
        return str(self.args[0])
