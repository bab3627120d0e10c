#!/usr/bin/env bash
# The Python package's benchmarks, with the Rust numbers they are compared to measured in
# the same run: criterion's `check` over the sample (mimalloc, as the module uses), the CLI
# on the dev corpus. Needs the wheel in target/python-wheels (make python-wheel).
set -euo pipefail
cd "$(dirname "$0")/../.."
CORPUS=${SLIMFILE_CORPUS:-../shared/corpus}
DEV=${SLIMFILE_DEV:-/tmp/slimfile-dev}
VENV=benches/python/.venv

if [ ! -d "$DEV/dev" ]; then
    mkdir -p "$DEV" && tar xzf "$CORPUS/dev.tar.gz" -C "$DEV"
fi
python3 -m venv "$VENV"
"$VENV/bin/pip" install --quiet --disable-pip-version-check -r benches/python/requirements.txt
"$VENV/bin/pip" install --quiet --disable-pip-version-check --force-reinstall --no-deps target/python-wheels/slimfile-*.whl
cargo build --release -p slimfile-cli

# Rust API: criterion's default-rules check of the sample, in ns per pass over all files.
cargo bench -p slimfile-benches --bench analyze_mimalloc -- sample_default_rules
RUST_NS=$("$VENV/bin/python" -c 'import json,sys; print(json.load(open(sys.argv[1]))["mean"]["point_estimate"])' \
    target/criterion/analyze_mimalloc/sample_default_rules/new/estimates.json)

"$VENV/bin/python" benches/python/bench.py "$CORPUS/sample" "$DEV/dev" target/release/slimfile "$RUST_NS" \
    target/python-wheels/slimfile-*.whl
