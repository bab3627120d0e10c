"""Checks that the installed native module (from `pip install ./bindings-python`) is the
wheel's, byte for byte: the from-source install and the released wheel are one build.

Usage: python same_module.py WHEEL (with the venv's python that has the package)
"""

from __future__ import annotations

import hashlib
import sys
import zipfile
from pathlib import Path

import slimfile._slimfile


def main() -> int:
    installed = Path(slimfile._slimfile.__file__)
    with zipfile.ZipFile(sys.argv[1]) as wheel:
        member = f"slimfile/{installed.name}"
        built = hashlib.sha256(wheel.read(member)).hexdigest()
    here = hashlib.sha256(installed.read_bytes()).hexdigest()
    if built != here:
        print(f"{installed} ({here}) is not the wheel's {member} ({built})", file=sys.stderr)
        return 1
    print(f"same native module from source and in the wheel: {member} {here[:12]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
