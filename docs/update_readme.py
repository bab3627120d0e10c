"""Writes the rule table (`slimfile rule --all`) into README.md between its markers.

    python3 docs/update_readme.py SLIMFILE_BIN [--check]

With --check it only says whether the README is up to date (exit 1 when it is not), so
CI can fail on a stale table.
"""

import subprocess
import sys
from pathlib import Path

START, END = "<!-- rules:start -->", "<!-- rules:end -->"


def main() -> int:
    binary, check = sys.argv[1], "--check" in sys.argv[2:]
    readme = Path(__file__).resolve().parents[1] / "README.md"
    text = readme.read_text()
    table = subprocess.run([binary, "rule", "--all"], capture_output=True, text=True, check=True).stdout
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    updated = f"{head}{START}\n{table}{END}{tail}"
    if check:
        if updated != text:
            print("README.md rule table is stale: run `make docs`", file=sys.stderr)
            return 1
        return 0
    readme.write_text(updated)
    return 0


if __name__ == "__main__":
    sys.exit(main())
