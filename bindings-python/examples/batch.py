"""Check every Dockerfile under a directory on all cores and count findings per rule."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import slimfile

root = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
paths = (p for p in root.rglob("*") if p.is_file() and "Dockerfile" in p.name)
settings = slimfile.Settings(ignore=["DL3008"], severity={"DL3009": "warning"})

counts: Counter[str] = Counter()
for result in slimfile.check_paths(paths, settings=settings):
    if result.error is not None:
        print(f"skipped: {result.error}", file=sys.stderr)
        continue
    counts.update(d.code for d in result.diagnostics)
for code, n in counts.most_common(10):
    print(f"{n:6} {code} {slimfile.rule(code).summary[:70]}")
