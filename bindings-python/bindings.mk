# The Python package (bindings-python/): `pip install ./bindings-python` from source and the
# abi3 wheel from `maturin build --release` (one cargo build: the second reuses the first),
# then pytest, mypy --strict, stubtest and the pre-commit hooks against the installed wheel
# in a fresh venv. Included by the root Makefile.

PY_DIR := bindings-python
PY_BUILD_VENV := $(PY_DIR)/.venv
PY_TEST_VENV := $(PY_DIR)/.venv-test
PY_WHEELS := target/python-wheels
PY_PIP := --quiet --disable-pip-version-check
# Both builds name this interpreter (PYO3_PYTHON): then cargo sees the same build twice.
PY_TARGET_PYTHON := $(CURDIR)/$(PY_TEST_VENV)/bin/python

.PHONY: python-wheel python-source python-test python-bench

$(PY_BUILD_VENV)/installed: $(PY_DIR)/requirements-build.txt
	rm -rf $(PY_BUILD_VENV)
	$(PYTHON) -m venv $(PY_BUILD_VENV)
	$(PY_BUILD_VENV)/bin/pip install $(PY_PIP) -r $(PY_DIR)/requirements-build.txt
	touch $@

# `pip install ./bindings-python` (maturin as the PEP 517 backend) into a fresh venv, which
# must then import and run.
python-source:
	rm -rf $(PY_TEST_VENV)
	$(PYTHON) -m venv $(PY_TEST_VENV)
	PIP_CONSTRAINT=$(CURDIR)/$(PY_DIR)/requirements-build.txt \
		$(PY_TEST_VENV)/bin/pip install $(PY_PIP) ./$(PY_DIR)
	$(PY_TEST_VENV)/bin/python -c 'import slimfile; assert slimfile.check("FROM debian\n")'
	$(PY_TEST_VENV)/bin/slimfile --version

# One abi3 manylinux wheel in target/python-wheels/.
python-wheel: $(PY_BUILD_VENV)/installed
	rm -rf $(PY_WHEELS)
	test -x $(PY_TARGET_PYTHON) || $(PYTHON) -m venv $(PY_TEST_VENV)
	cd $(PY_DIR) && .venv/bin/maturin build --release --quiet -i $(PY_TARGET_PYTHON) --out ../$(PY_WHEELS)

python-test: $(SLIMFILE)
	$(MAKE) --no-print-directory python-source
	$(MAKE) --no-print-directory python-wheel
	@# The module pip built from source is the wheel's, byte for byte.
	$(PY_TEST_VENV)/bin/python $(PY_DIR)/tests/same_module.py $(PY_WHEELS)/slimfile-*.whl
	rm -rf $(PY_TEST_VENV)
	$(PYTHON) -m venv $(PY_TEST_VENV)
	$(PY_TEST_VENV)/bin/pip install $(PY_PIP) -r $(PY_DIR)/requirements-test.txt $(PY_WHEELS)/slimfile-*.whl
	cd $(PY_DIR) && SLIMFILE_BIN=$(CURDIR)/$(SLIMFILE) SLIMFILE_WHEEL=$$(ls $(CURDIR)/$(PY_WHEELS)/slimfile-*.whl) \
		.venv-test/bin/python -m pytest -q tests
	cd $(PY_DIR) && .venv-test/bin/python -m mypy --strict python/slimfile tests examples
	cd $(PY_DIR) && .venv-test/bin/python -m mypy.stubtest slimfile

# The numbers of bindings-python/README.md (Performance): see benches/python/run.sh.
python-bench: python-wheel
	bash benches/python/run.sh

BINDING_TESTS += python-test
