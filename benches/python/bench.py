"""The Python package's numbers: parse against the PyPI peers, check against the Rust API,
check_paths against the CLI, wheel size and import time. Run by run.sh, which builds the
Rust side (check_api.rs, the CLI) for the same run.

Each time is the fastest of several passes, in CPU time (what the work costs; the machine
may be shared, which inflates wall time but much less CPU time) and in wall time. Ratios
use CPU time: of the calling thread for slimfile (its work runs there), of the process for
the peers (a Go runtime has threads of its own), and wall time for the threaded batch
(`check_paths` against the CLI), with CPU time shown too. slimfile's calls and the Rust API
are measured in turns, five times each, so that both see the same machine.

Usage: bench.py SAMPLE_DIR DEV_DIR CLI CHECK_API WHEEL
"""

from __future__ import annotations

import io
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable

import dockerfile
import dockerfile_parse

import slimfile


def best_of(runs: int, work: Callable[[], object], clock: Callable[[], float] = time.thread_time) -> tuple[float, float]:
    """The fastest of `runs` timings, in seconds of `clock` (CPU time) and of wall time."""
    cpu, wall = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), clock()
        work()
        cpu.append(clock() - start_cpu)
        wall.append(time.perf_counter() - start)
    return min(cpu), min(wall)


def us(seconds: float, n: int) -> str:
    return f"{seconds / n * 1e6:.1f} µs"


def main() -> None:
    sample, dev, cli, check_api, wheel = sys.argv[1:6]
    # The texts check_api.rs checks: every sample file that is UTF-8, sorted by path.
    texts = []
    for path in sorted(p for p in Path(sample).rglob("*") if p.is_file()):
        try:
            texts.append(path.read_bytes().decode("utf-8"))
        except UnicodeDecodeError:
            pass
    n = len(texts)
    rows: list[tuple[str, str]] = []
    print(f"sample: {n} UTF-8 files, {sum(len(t.encode()) for t in texts) / 1e6:.2f} MB", flush=True)

    # --- parse, against the peers ----------------------------------------------------------
    def bk(text: str) -> object:
        try:
            return dockerfile.parse_string(text)
        except dockerfile.GoParseError:
            return None

    def dp(text: str) -> object:
        return dockerfile_parse.DockerfileParser(fileobj=io.BytesIO(text.encode())).structure

    def sf_walk(text: str) -> object:
        return [(i.cmd, i.value, i.original) for i in slimfile.parse(text).instructions]

    def each(call: Callable[[str], object]) -> Callable[[], None]:
        def work() -> None:
            for text in texts:
                call(text)

        return work

    # slimfile and the Rust API (check_api.rs: the same texts, default rules) in turns, so
    # that both see the same machine; then the peers.
    rust: dict[str, float] = {}
    ours: dict[str, tuple[float, float]] = {}
    calls = {"slimfile.check": slimfile.check, "slimfile.parse": slimfile.parse, "slimfile.parse + read every instruction": sf_walk}
    for _ in range(5):
        run = subprocess.run([check_api, sample], capture_output=True, text=True, check=True)
        for key, value in json.loads(run.stdout).items():
            rust[key] = min(rust.get(key, float("inf")), value)
        for name, call in calls.items():
            cpu, wall = best_of(3, each(call))
            best = ours.get(name, (cpu, wall))
            ours[name] = (min(cpu, best[0]), min(wall, best[1]))
    peers = {
        "dockerfile.parse_string (BuildKit's Go parser)": best_of(3, each(bk), time.process_time),
        "dockerfile_parse.DockerfileParser(...).structure": best_of(3, each(dp), time.process_time),
    }
    for name, (cpu, wall) in {**ours, **peers}.items():
        print(f"{name:56} {us(cpu, n):>10} CPU {us(wall, n):>10} wall", flush=True)
    print(f"Rust API, µs per file: {rust}", flush=True)
    print(f"check: {sum(len(slimfile.check(t)) for t in texts)} diagnostics", flush=True)

    for mine in ("slimfile.parse", "slimfile.parse + read every instruction"):
        for peer, (peer_cpu, _) in peers.items():
            cpu = ours[mine][0]
            rows.append((f"`{mine}` vs `{peer.split(' (')[0]}`", f"{us(cpu, n)} vs {us(peer_cpu, n)}: {peer_cpu / cpu:.1f}× faster"))
    check_cpu = ours["slimfile.check"][0] / n * 1e6
    for encoding, label in (("code_points", "positions in code points, as Python's"), ("utf8", "UTF-8 positions, the Rust default")):
        rust_cpu = rust[f"{encoding}_cpu_us"]
        rows.append((f"`slimfile.check` vs `Linter::check` ({label})", f"{check_cpu:.1f} µs vs {rust_cpu:.1f} µs: {check_cpu / rust_cpu - 1:+.1%}"))
    parse_cpu = ours["slimfile.parse"][0] / n * 1e6
    view, floor = rust["parse_view_cpu_us"], rust["parse_cpu_us"]
    rows.append(
        (
            f"`slimfile.parse` vs `Linter::parse` (its `ParseView`; core's `parse` alone: {floor:.1f} µs)",
            f"{parse_cpu:.1f} µs vs {view:.1f} µs: {parse_cpu / view - 1:+.1%}",
        )
    )

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

    def children_cpu() -> float:
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        return usage.ru_utime + usage.ru_stime

    command()  # warm the page cache for both
    cli_cpu, cli_wall = best_of(3, command, children_cpu)
    py_cpu, py_wall = best_of(3, batch, time.process_time)
    print(f"check_paths: {len(paths)} files, Python {py_wall:.2f} s ({py_cpu:.2f} s CPU), CLI {cli_wall:.2f} s ({cli_cpu:.2f} s CPU)", flush=True)
    rows.append(
        (
            f"`check_paths` on the dev corpus ({len(paths):,} files) vs `slimfile check`",
            f"{py_wall:.2f} s vs {cli_wall:.2f} s: {py_wall / cli_wall:.2f}× (CPU {py_cpu:.1f} s vs {cli_cpu:.1f} s)",
        )
    )

    # --- wheel size and import time ---------------------------------------------------------
    module = Path(slimfile._slimfile.__file__)
    rows.append(("wheel size (installed module)", f"{os.path.getsize(wheel) / 1e6:.2f} MB ({module.stat().st_size / 1e6:.2f} MB)"))
    probe = "import time; t, c = time.perf_counter(), time.process_time(); import slimfile; print(time.perf_counter() - t, time.process_time() - c)"
    imports = [subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.split() for _ in range(15)]
    wall_ms, cpu_ms = (statistics.median(float(i[k]) for i in imports) * 1e3 for k in (0, 1))
    rows.append(("`import slimfile` (median of 15 fresh processes)", f"{cpu_ms:.1f} ms CPU ({wall_ms:.1f} ms wall)"))

    print()
    print("| measured | result |")
    print("|---|---|")
    for what, result in rows:
        print(f"| {what} | {result} |")
    print(json.dumps({"files": n, "dev_files": len(paths)}))


if __name__ == "__main__":
    main()
