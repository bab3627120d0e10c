"""Check a Dockerfile given as text, and show each finding with the text it flags."""

from __future__ import annotations

import slimfile

TEXT = """\
FROM python:3.12
# Ünïcödé is fine: positions count characters 😀
COPY . /app
RUN pip install -r /app/requirements.txt
CMD python /app/main.py
"""

context = slimfile.Context(files={"requirements.txt": 120, "main.py": 900, ".venv/lib/site.py": 40_000})
for d in slimfile.check(TEXT, context=context):
    where = f"{d.range.start.line}:{d.range.start.column}"
    print(f"{where:>6} {d.code} [{d.severity}] {d.message}")
    print(f"       flags {TEXT[d.start:d.end]!r}")
