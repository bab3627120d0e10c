#!/usr/bin/env bash
# The Python package's benchmarks, with the Rust numbers they are compared to measured in
# the same run: `Linter::check` over the sample (check_api.rs: mimalloc, as the module uses;
# CPU time), the CLI on the dev corpus. Needs the wheel in target/python-wheels (make
# python-wheel).
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

# Rust API: Linter::check over the sample (bench.py runs it in turns with Python's check).
# maturin's pyo3 configuration, when present, keeps the wheel's build cache valid (the bench
# target links the same pyo3).
MATURIN_PYO3=$(ls "$PWD"/target/maturin/pyo3-config-*.txt 2>/dev/null | head -1 || true)
CHECK_API=$(env PYO3_BUILD_EXTENSION_MODULE=1 ${MATURIN_PYO3:+PYO3_CONFIG_FILE=$MATURIN_PYO3} \
    cargo bench --quiet -p slimfile-python --bench check_api --no-run --message-format=json |
    python3 -c 'import json, sys; print([m["executable"] for m in map(json.loads, sys.stdin) if m.get("executable")][-1])')

"$VENV/bin/python" benches/python/bench.py "$CORPUS/sample" "$DEV/dev" target/release/slimfile "$CHECK_API" \
    target/python-wheels/slimfile-*.whl
