"""The Python package's numbers: parse against the PyPI peers, check against the Rust API,
check_paths against the CLI, wheel size and import time. Run by run.sh, which gives the
Rust side's numbers (criterion, the CLI) measured in the same run.

Usage: bench.py SAMPLE_DIR DEV_DIR CLI RUST_CHECK_NS WHEEL
"""

from __future__ import annotations

import io
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable

import dockerfile
import dockerfile_parse

import slimfile


def best_of(runs: int, work: Callable[[], object]) -> float:
    """The fastest of `runs` timings, in seconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    sample, dev, cli, rust_check_ns, wheel = sys.argv[1:6]
    # The texts criterion checks: every sample file that is UTF-8.
    texts = []
    for path in sorted(p for p in Path(sample).rglob("*") if p.is_file()):
        try:
            texts.append(path.read_bytes().decode("utf-8"))
        except UnicodeDecodeError:
            pass
    n = len(texts)
    rows: list[tuple[str, str]] = []
    print(f"sample: {n} UTF-8 files, {sum(len(t.encode()) for t in texts) / 1e6:.2f} MB", flush=True)

    # --- parse, against the peers, on the texts all three accept -------------------------
    def bk(text: str) -> object:
        try:
            return dockerfile.parse_string(text)
        except dockerfile.GoParseError:
            return None

    def dp(text: str) -> object:
        return dockerfile_parse.DockerfileParser(fileobj=io.BytesIO(text.encode())).structure

    def sf_walk(text: str) -> object:
        return [(i.cmd, i.value, i.original) for i in slimfile.parse(text).instructions]

    timings = {
        "slimfile.parse": best_of(5, lambda: [slimfile.parse(t) for t in texts]),
        "slimfile.parse + read every instruction": best_of(5, lambda: [sf_walk(t) for t in texts]),
        "dockerfile.parse_string (BuildKit, Go)": best_of(3, lambda: [bk(t) for t in texts]),
        "dockerfile_parse.DockerfileParser(...).structure": best_of(1, lambda: [dp(t) for t in texts]),
    }
    for name, seconds in timings.items():
        print(f"parse {name:50} {seconds / n * 1e6:9.1f} µs/file", flush=True)
    walk = timings["slimfile.parse + read every instruction"]
    for peer in ("dockerfile.parse_string (BuildKit, Go)", "dockerfile_parse.DockerfileParser(...).structure"):
        ratio = timings[peer] / walk
        rows.append((f"parse + read instructions vs {peer.split('(')[0].strip()}", f"{ratio:.0f}× faster"))

    # --- check, against the Rust API (criterion, same texts, default rules) --------------
    python_check = best_of(7, lambda: [slimfile.check(t) for t in texts])
    found = sum(len(slimfile.check(t)) for t in texts)
    rust = float(rust_check_ns) / 1e9
    overhead = python_check / rust - 1
    print(f"check: Python {python_check / n * 1e6:.1f} µs/file, Rust API {rust / n * 1e6:.1f} µs/file, {found} diagnostics", flush=True)
    rows.append(("check per file: Python vs Rust API (criterion)", f"{python_check / n * 1e6:.1f} µs vs {rust / n * 1e6:.1f} µs: {overhead:+.1%}"))

    # --- check_paths on the dev corpus, against the CLI -----------------------------------
    paths = sorted(str(p) for p in Path(dev).rglob("*") if p.is_file())
    settings = slimfile.Settings()

    def batch() -> int:
        return sum(len(r.diagnostics) for r in slimfile.check_paths(paths, settings=settings))

    def command() -> None:
        # The file list in chunks (argv has a size limit); output as JSON, not kept.
        xargs = ["xargs", "-0", "-n", "8000", cli, "check", "--no-config", "--format", "json"]
        run = subprocess.run(xargs, input="\0".join(paths).encode(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        assert run.returncode in (0, 123), run.returncode  # 123: some chunk exited 1 or 2

    command()  # warm the page cache for both
    cli_time = best_of(3, command)
    py_time = best_of(3, batch)
    print(f"check_paths: {len(paths)} files, Python {py_time:.2f} s, CLI {cli_time:.2f} s", flush=True)
    rows.append((f"check_paths on the dev corpus ({len(paths):,} files) vs the CLI", f"{py_time:.2f} s vs {cli_time:.2f} s: {py_time / cli_time:.2f}×"))

    # --- wheel size and import time ---------------------------------------------------------
    module = Path(slimfile._slimfile.__file__)
    rows.append(("wheel size (installed module)", f"{os.path.getsize(wheel) / 1e6:.2f} MB ({module.stat().st_size / 1e6:.2f} MB)"))
    probe = "import time; t = time.perf_counter(); import slimfile; print(time.perf_counter() - t)"
    imports = [float(subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout) for _ in range(15)]
    rows.append(("`import slimfile` (median of 15 fresh processes)", f"{statistics.median(imports) * 1e3:.1f} ms"))

    print()
    print("| measured | result |")
    print("|---|---|")
    for what, result in rows:
        print(f"| {what} | {result} |")
    print(json.dumps({"files": n, "dev_files": len(paths)}))


if __name__ == "__main__":
    main()
