"""Thread safety, the GIL released during work, and check_paths' order and bounds."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Callable, Iterator

import slimfile

TEXTS = [
    "FROM debian:12\nRUN apt-get update && apt-get install -y curl\n",
    'FROM node:22\nWORKDIR /app\nCOPY . .\nRUN npm install\nCMD ["node", "server.js"]\n',
    "FROM python:3.12\nCOPY . /app\nRUN pip install -r /app/requirements.txt\n",
    "FROM alpine\nRUN apk add curl\nUSER root\n# é 😀\nRUN echo 😀 | wc -c\n",
]


def big_dockerfile(lines: int) -> str:
    body = "".join(f"RUN apt-get install -y pkg{i} && echo {i} | wc -c\n" for i in range(lines))
    return "FROM debian:12\n" + body


def test_many_threads_share_one_settings_and_context() -> None:
    settings = slimfile.Settings(select=["ALL"], severity={"DL3009": "error"})
    context = slimfile.Context(files={"package.json": 600, "requirements.txt": 30}, dockerignore=".git\n")
    expected = [slimfile.check(t, settings=settings, context=context) for t in TEXTS]
    expected_fixed = [slimfile.fix(t, settings=settings, context=context, unsafe=True) for t in TEXTS]

    def work(i: int) -> bool:
        t = i % len(TEXTS)
        same = slimfile.check(TEXTS[t], settings=settings, context=context) == expected[t]
        return same and slimfile.fix(TEXTS[t], settings=settings, context=context, unsafe=True) == expected_fixed[t]

    with ThreadPoolExecutor(max_workers=16) as pool:
        assert all(pool.map(work, range(400)))


def progress_during(call: Callable[[], object]) -> int:
    """How often another Python thread counted while `call` ran, once."""
    count = 0
    started = threading.Event()
    stop = threading.Event()

    def counter() -> None:
        nonlocal count
        started.set()
        while not stop.is_set():
            count += 1

    thread = threading.Thread(target=counter)
    thread.start()
    started.wait()
    time.sleep(0.01)
    before = count
    call()
    after = count
    stop.set()
    thread.join()
    return after - before


def test_the_gil_is_released_while_checking() -> None:
    text = big_dockerfile(40_000)
    assert progress_during(lambda: slimfile.check(text)) > 1000
    assert progress_during(lambda: slimfile.parse(text)) > 1000


def test_the_gil_is_released_while_check_paths_works(tmp_path: Path) -> None:
    big = tmp_path / "big.Dockerfile"
    big.write_text(big_dockerfile(40_000), encoding="utf-8")
    batch = slimfile.check_paths([big], workers=1)
    # One call to next() waits for the whole file; the other thread runs meanwhile.
    assert progress_during(lambda: next(batch)) > 1000


def test_check_paths_keeps_order_and_reads_paths_lazily(tmp_path: Path) -> None:
    paths = []
    for i in range(200):
        p = tmp_path / f"{i}.Dockerfile"
        p.write_text(TEXTS[i % len(TEXTS)] + "#" * (i * 50) + "\n", encoding="utf-8")
        paths.append(p)
    pulled = 0

    def feed() -> Iterator[Path]:
        nonlocal pulled
        for p in paths:
            pulled += 1
            yield p

    batch = slimfile.check_paths(feed(), workers=3)
    first = next(batch)
    assert first.path == str(paths[0]) and pulled <= 3 * 4 + 1
    rest = list(batch)
    assert [r.path for r in rest] == [str(p) for p in paths[1:]]
    context = slimfile.Context.from_dir(tmp_path)
    for r, p in zip([first, *rest], paths):
        assert r.diagnostics == tuple(slimfile.check(p.read_text(encoding="utf-8"), context=context))


def test_a_batch_left_early_stops_cleanly(tmp_path: Path) -> None:
    paths = []
    for i in range(100):
        p = tmp_path / f"{i}.Dockerfile"
        p.write_text(TEXTS[0], encoding="utf-8")
        paths.append(p)
    for result in slimfile.check_paths(paths * 10, workers=2):
        assert result.ok
        break
    assert len(list(slimfile.check_paths(paths[:5]))) == 5
