"""Differential comparison of `slimfile parse --format json` with BuildKit's parser.

BuildKit's parser is reached through the PyPI package `dockerfile`, which wraps BuildKit
v0.12.5's `parser.Parse`. Where current BuildKit (the reference slimfile follows) reads a
file differently from v0.12.5, the difference is normalised below with its reason; every
other difference is a bug in slimfile.
"""

from __future__ import annotations

import json
import os
import subprocess
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import dockerfile

# Each accepted difference: a name, and why slimfile is right to differ.
ACCEPTED = {
    "env-label-separator": (
        "current BuildKit appends a separator node ('=' or '' for the legacy form) after "
        "every ENV/LABEL key and value (parser/line_parsers.go, newKeyValueNode); v0.12.5 "
        "did not. slimfile follows current BuildKit; the comparison drops the separators."
    ),
    "json-trailing-text": (
        "v0.12.5 decoded exec form with json.Decoder, which ignores text after the closing "
        "bracket (`CMD [\"a\"] # note`); current BuildKit uses json.Unmarshal, which rejects "
        "it, so the line falls back to shell form. slimfile follows current BuildKit."
    ),
    "onbuild-heredocs": (
        "BuildKit attaches the heredocs of `ONBUILD RUN <<EOF` to the ONBUILD node itself "
        "(parser.go, `child.Heredocs`); the package reads heredocs and builds `original` "
        "from the wrapped node, so it shows none. slimfile reports BuildKit's node."
    ),
    "heredoc-whitespace": (
        "current BuildKit reads `<< \"WORD\"` (white space between `<<` and the delimiter) as "
        "a heredoc (commit 0b77373ab, 'dockerfile: allow whitespace in heredocs'); v0.12.5 "
        "did not. A file whose body then never ends is rejected by current BuildKit with "
        "'unterminated heredoc', and by slimfile."
    ),
    "not-utf8": (
        "slimfile takes text: bytes that are not UTF-8 (a Latin-1 comment, say) are refused "
        "at the API edge with the offset of the first bad byte, where Go reads bytes."
    ),
    "cmd-case": (
        "slimfile reports `cmd` and `sub_cmd` upper case (the instruction, not its "
        "spelling); the package keeps the spelling. Compared case-insensitively."
    ),
}


def buildkit_view(path: Path):
    """The package's instructions, or the error message when it rejects the file."""
    try:
        commands = dockerfile.parse_file(str(path))
    except dockerfile.GoParseError as exc:
        return None, str(exc)
    except (dockerfile.GoIOError, UnicodeDecodeError, ValueError) as exc:
        return None, f"unreadable: {exc}"
    return [c._asdict() for c in commands], None


def slimfile_view(binary: str, path: Path):
    proc = subprocess.run(
        [binary, "parse", "--format", "json", str(path)],
        capture_output=True,
        check=False,
    )
    if proc.returncode == 2:
        return None, proc.stderr.decode("utf-8", "replace").strip()
    return json.loads(proc.stdout), None


def _drop_separators(values):
    return [v for i, v in enumerate(values) if i % 3 != 2]


def _heredoc_after_space(path: Path, error: dict) -> bool:
    """Whether an unterminated-heredoc error comes from `<<` followed by white space."""
    if error["kind"] != "unterminated-heredoc":
        return False
    start, end = error["span"]
    marker = path.read_bytes()[start:end].decode("utf-8", "replace")
    return marker.lstrip("0123456789").lstrip("<-")[:1] in (" ", "\t")


def _json_then_text(original: str) -> bool:
    """Whether the arguments are a JSON array followed by more text."""
    start = original.find("[")
    if start < 0:
        return False
    try:
        _, end = json.JSONDecoder().raw_decode(original[start:])
    except json.JSONDecodeError:
        return False
    return bool(original[start + end :].strip())


def normalise(ours: dict, theirs: dict) -> tuple[dict, dict, set[str]]:
    """Brings one pair of instructions to a comparable form; returns the reasons used."""
    used: set[str] = set()
    a = {k: ours[k] for k in ("cmd", "sub_cmd", "json", "original", "start_line", "end_line")}
    a["flags"] = list(ours["flags"])
    a["value"] = list(ours["value"])
    a["heredocs"] = [(h["name"], h["file_descriptor"], h["content"]) for h in ours["heredocs"]]
    b = {k: theirs[k] for k in ("cmd", "sub_cmd", "json", "original", "start_line", "end_line")}
    b["flags"] = list(theirs["flags"])
    b["value"] = list(theirs["value"])
    b["heredocs"] = [(h.name, h.file_descriptor, h.content) for h in theirs["heredocs"]]

    for key in ("cmd", "sub_cmd"):
        if b[key] is not None and a[key] is not None and b[key] != a[key] and b[key].upper() == a[key]:
            b[key] = a[key]
            used.add("cmd-case")
    if b["original"] is None:
        b["original"] = ""  # the package turns empty strings into None
    if a["sub_cmd"] and a["heredocs"] and not b["heredocs"]:
        a["heredocs"], a["original"] = [], ours["original"].split("\n", 1)[0]
        used.add("onbuild-heredocs")
    effective = (a["sub_cmd"] or a["cmd"] or "").upper()
    if effective in ("ENV", "LABEL") and len(a["value"]) % 3 == 0 and a["value"]:
        a["value"] = _drop_separators(a["value"])
        used.add("env-label-separator")
    if b["json"] and not a["json"] and _json_then_text(a["original"]):
        a["json"], a["value"] = b["json"], b["value"]
        used.add("json-trailing-text")
    return a, b, used


@dataclass
class Report:
    files: int = 0
    accepted_by_buildkit: int = 0
    identical: int = 0
    identical_after_accepted: int = 0
    rejected_by_both: int = 0
    refused_as_accepted_difference: int = 0
    differences: list[str] = field(default_factory=list)
    we_reject_buildkit_accepts: list[str] = field(default_factory=list)
    we_accept_buildkit_rejects: list[str] = field(default_factory=list)
    reasons_used: dict[str, int] = field(default_factory=dict)


def compare_file(binary: str, path: Path) -> tuple[str, str | None, set[str]]:
    theirs, their_error = buildkit_view(path)
    ours, our_error = slimfile_view(binary, path)
    if theirs is None:
        if ours is None or ours["errors"]:
            return "rejected-by-both", None, set()
        return "we-accept", f"{path}: BuildKit says {their_error!r}", set()
    if ours is None:
        if "not valid UTF-8" in our_error:
            return "accepted-refusal", None, {"not-utf8"}
        return "we-reject", f"{path}: slimfile cannot read it: {our_error}", set()
    if ours["errors"]:
        if all(_heredoc_after_space(path, e) for e in ours["errors"]):
            return "accepted-refusal", None, {"heredoc-whitespace"}
        return "we-reject", f"{path}: {ours['errors'][0]}", set()
    mine, other = ours["instructions"], theirs
    if len(mine) != len(other):
        return "differs", f"{path}: {len(mine)} instructions, BuildKit has {len(other)}", set()
    reasons: set[str] = set()
    for x, y in zip(mine, other):
        a, b, used = normalise(x, y)
        reasons |= used
        if a != b:
            detail = {k: (a[k], b[k]) for k in a if a[k] != b[k]}
            return "differs", f"{path}:{x['start_line']}: {detail}", reasons
    return ("identical-after-accepted" if reasons - {"cmd-case"} else "identical"), None, reasons


def run(binary: str, files: list[Path]) -> Report:
    report = Report(files=len(files))
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        results = list(pool.map(lambda p: compare_file(binary, p), files))
    for outcome, detail, reasons in results:
        for r in reasons:
            report.reasons_used[r] = report.reasons_used.get(r, 0) + 1
        if outcome == "accepted-refusal":
            report.refused_as_accepted_difference += 1
            continue
        if outcome == "rejected-by-both":
            report.rejected_by_both += 1
            continue
        if outcome == "we-accept":
            report.we_accept_buildkit_rejects.append(detail)
            continue
        report.accepted_by_buildkit += 1
        if outcome == "identical":
            report.identical += 1
        elif outcome == "identical-after-accepted":
            report.identical_after_accepted += 1
        elif outcome == "we-reject":
            report.we_reject_buildkit_accepts.append(detail)
        else:
            report.differences.append(detail)
    return report


if __name__ == "__main__":
    import sys

    binary, root = sys.argv[1], Path(sys.argv[2])
    files = sorted(p for p in root.rglob("*") if p.is_file())
    rep = run(binary, files)
    print(json.dumps({k: v if not isinstance(v, list) else len(v) for k, v in rep.__dict__.items()}, indent=1))
    for name in ("differences", "we_reject_buildkit_accepts", "we_accept_buildkit_rejects"):
        for line in getattr(rep, name)[:40]:
            print(name, line)
