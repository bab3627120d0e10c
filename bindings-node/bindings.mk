# The npm package `slimfile` (bindings-node/): napi-rs build, the committed generated
# types checked, the TypeScript example compiled with --strict, `node --test` (API, errors,
# UTF-16 positions, the event loop, concurrency, the CLI's JSON on every sample file, the
# `npm pack` tarball in a fresh project). Node.js >= 18 with npm comes with the machine.

NODE_DIR := bindings-node
# npm ci writes this; it is redone only when the lockfile changes.
NODE_DEPS := $(NODE_DIR)/node_modules/.package-lock.json

.PHONY: node-test node-build node-bench

$(NODE_DEPS): $(NODE_DIR)/package-lock.json
	@command -v node >/dev/null && command -v npm >/dev/null || { echo "node-test needs Node.js >= 18 and npm"; exit 1; }
	cd $(NODE_DIR) && npm ci --no-audit --no-fund
	touch $@

# Release build (fat LTO, stripped); fails when index.d.ts or binding.js were stale.
node-build: $(NODE_DEPS)
	cd $(NODE_DIR) && npm run --silent build:checked

node-test: node-build $(SLIMFILE)
	cd $(NODE_DIR) && npm run --silent typecheck
	cd $(NODE_DIR) && SLIMFILE_BIN=$(abspath $(SLIMFILE)) node --test test/

# The numbers in bindings-node/README.md (several minutes: it unpacks and checks the dev corpus).
node-bench: node-build $(SLIMFILE)
	$(CARGO) build --release -p slimfile-node --example rust_api
	cd benches/peers && npm ci --no-audit --no-fund --silent
	node benches/node/bench.js

BINDING_TESTS += node-test
