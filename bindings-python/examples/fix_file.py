"""Fix a Dockerfile in place (safe fixes; `--unsafe` for all) and report what changed."""

from __future__ import annotations

import argparse
from pathlib import Path

import slimfile


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("dockerfile", type=Path)
    parser.add_argument("--unsafe", action="store_true")
    args = parser.parse_args()
    path: Path = args.dockerfile
    text = path.read_text(encoding="utf-8")
    result = slimfile.fix(text, context=slimfile.Context.from_dir(path.parent), unsafe=args.unsafe)
    if result.text != text:
        path.write_text(result.text, encoding="utf-8")
    if result.dockerignore is not None:
        (path.parent / ".dockerignore").write_text(result.dockerignore, encoding="utf-8")
    for applied in result.applied:
        print(f"fixed {applied.code}: {applied.title}")
    for d in result.remaining:
        print(f"left  {d.range.start.line}:{d.range.start.column} {d.code} {d.message}")
    return 1 if result.remaining else 0


if __name__ == "__main__":
    raise SystemExit(main())
