"""``python -m slimfile`` and the ``slimfile`` command: the Rust CLI, run in-process."""

from __future__ import annotations

import signal
import sys

from slimfile._slimfile import main as _run


def main() -> int:
    """Runs ``slimfile`` with the command line's arguments; returns its exit status."""
    # Ctrl-C stops the command at once, as it stops the binary.
    try:
        signal.signal(signal.SIGINT, signal.SIG_DFL)
    except ValueError:  # not the main thread: leave Python's handler
        pass
    return _run(["slimfile", *sys.argv[1:]])


if __name__ == "__main__":
    sys.exit(main())
