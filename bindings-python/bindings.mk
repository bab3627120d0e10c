# The Python package (bindings-python/): build the abi3 wheel with maturin, install it in a
# fresh venv, and run pytest, mypy --strict, stubtest and the pre-commit hook test against
# the installed package. Included by the root Makefile.

PY_DIR := bindings-python
PY_BUILD_VENV := $(PY_DIR)/.venv
PY_TEST_VENV := $(PY_DIR)/.venv-test
PY_WHEELS := target/python-wheels

.PHONY: python-wheel python-test python-bench

$(PY_BUILD_VENV)/installed: $(PY_DIR)/requirements-dev.txt $(PY_DIR)/requirements-test.txt
	rm -rf $(PY_BUILD_VENV)
	$(PYTHON) -m venv $(PY_BUILD_VENV)
	cd $(PY_DIR) && .venv/bin/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

# One abi3 manylinux wheel in target/python-wheels/.
python-wheel: $(PY_BUILD_VENV)/installed
	rm -rf $(PY_WHEELS)
	cd $(PY_DIR) && .venv/bin/maturin build --release --quiet --out ../$(PY_WHEELS)

python-test: python-wheel $(SLIMFILE)
	rm -rf $(PY_TEST_VENV)
	$(PYTHON) -m venv $(PY_TEST_VENV)
	$(PY_TEST_VENV)/bin/pip install --quiet --disable-pip-version-check \
		-r $(PY_DIR)/requirements-test.txt $(PY_WHEELS)/slimfile-*.whl
	cd $(PY_DIR) && SLIMFILE_BIN=$(CURDIR)/$(SLIMFILE) .venv-test/bin/python -m pytest -q tests
	cd $(PY_DIR) && .venv-test/bin/python -m mypy --strict tests examples
	cd $(PY_DIR) && .venv-test/bin/python -m mypy.stubtest slimfile

# The numbers of bindings-python/README.md (Performance): see benches/python/run.sh.
python-bench: python-wheel
	bash benches/python/run.sh

BINDING_TESTS += python-test
