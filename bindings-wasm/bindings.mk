# slimfile in the browser: the WebAssembly package (bindings-wasm/pkg/) and the playground
# (bindings-wasm/playground/dist/). Included by the root Makefile.
#
#   make wasm-pkg           build the package: cargo (wasm32) → wasm-bindgen → wasm-opt
#   make playground         build the playground into bindings-wasm/playground/dist/
#   make serve-playground   build it and serve it on a local port (PORT=8000 by default)
#   make wasm-test          install what is missing, build, run the Node and browser tests

WASM_DIR := bindings-wasm
WASM_PKG := $(WASM_DIR)/pkg
WASM_DIST := $(WASM_DIR)/playground/dist
# wasm-bindgen-cli must match the wasm-bindgen crate exactly (Cargo.lock; TOOLCHAIN.md).
WASM_BINDGEN_VERSION := 0.2.130
WASM_TOOLS := $(HOME)/.cache/slimfile-tools/wasm-bindgen-$(WASM_BINDGEN_VERSION)
WASM_BINDGEN := $(WASM_TOOLS)/bin/wasm-bindgen
WASM_STAMP_NPM := $(WASM_DIR)/node_modules/.installed
WASM_TARGET_WASM := target/wasm32-unknown-unknown/release/slimfile_wasm.wasm
# The features rustc's wasm32-unknown-unknown target enables (and SIMD, .cargo/config.toml), which wasm-opt must accept
# (npm binaryen: Debian's wasm-opt writes modules that fail to load, TOOLCHAIN.md).
WASM_OPT_FLAGS := -O3 --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
	--enable-mutable-globals --enable-reference-types --enable-multivalue --enable-simd
CHROMIUM ?= /usr/bin/chromium

.PHONY: wasm-pkg wasm-tools wasm-npm wasm-chromium playground serve-playground wasm-test wasm-clean

BINDING_TESTS += wasm-test

# Tools, each installed only when missing.
wasm-tools: $(WASM_BINDGEN)

$(WASM_BINDGEN):
	@grep -A1 '^name = "wasm-bindgen"$$' Cargo.lock | grep -q 'version = "$(WASM_BINDGEN_VERSION)"' \
		|| { echo "Cargo.lock's wasm-bindgen is not $(WASM_BINDGEN_VERSION): update WASM_BINDGEN_VERSION"; exit 1; }
	@echo "Building wasm-bindgen-cli $(WASM_BINDGEN_VERSION) into $(WASM_TOOLS) (a few minutes, once)"
	# No --locked: its lockfile pins a webpki-roots the registry does not serve (TOOLCHAIN.md).
	$(CARGO) install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION) --root $(WASM_TOOLS)

wasm-npm: $(WASM_STAMP_NPM)

$(WASM_STAMP_NPM): $(WASM_DIR)/package.json $(WASM_DIR)/package-lock.json
	cd $(WASM_DIR) && npm ci --no-audit --no-fund --loglevel=error
	touch $@

wasm-chromium:
	@test -x $(CHROMIUM) || { \
		echo "Installing Debian's chromium for the browser test"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# The package: ES module + hand-written types over the wasm-bindgen output.
wasm-pkg: $(WASM_BINDGEN) $(WASM_STAMP_NPM)
	rustup target add wasm32-unknown-unknown >/dev/null 2>&1 || true
	$(CARGO) build --release -p slimfile-wasm --target wasm32-unknown-unknown
	rm -rf $(WASM_PKG)
	$(WASM_BINDGEN) --target web --experimental-reset-state-function --out-dir $(WASM_PKG) $(WASM_TARGET_WASM)
	$(WASM_DIR)/node_modules/.bin/wasm-opt $(WASM_OPT_FLAGS) $(WASM_PKG)/slimfile_wasm_bg.wasm -o $(WASM_PKG)/slimfile_wasm_bg.wasm
	cp $(WASM_DIR)/js/index.js $(WASM_DIR)/js/index.d.ts $(WASM_DIR)/js/package.json $(WASM_PKG)/
	@printf 'slimfile_wasm_bg.wasm after wasm-opt: %s bytes raw, %s bytes gzipped (-9)\n' \
		"$$(wc -c < $(WASM_PKG)/slimfile_wasm_bg.wasm)" "$$(gzip -9c $(WASM_PKG)/slimfile_wasm_bg.wasm | wc -c)"

playground: wasm-pkg
	cd $(WASM_DIR) && npx tsc -p playground/tsconfig.json
	cd $(WASM_DIR) && node playground/build.mjs

serve-playground: playground
	cd $(WASM_DIR) && node playground/serve.mjs $(WASM_DIST) $${PORT:-8000}

wasm-test: wasm-chromium $(SLIMFILE) playground
	cd $(WASM_DIR) && SLIMFILE_BIN=$(abspath $(SLIMFILE)) node --test tests/node/
	$(CARGO) build --release -p slimfile-wasm --example native_rate
	cd $(WASM_DIR) && SLIMFILE_BIN=$(abspath $(SLIMFILE)) CHROMIUM=$(CHROMIUM) \
		NATIVE_RATE_BIN=$(abspath target/release/examples/native_rate) node --test --test-concurrency=1 tests/browser/

wasm-clean:
	rm -rf $(WASM_PKG) $(WASM_DIST) $(WASM_DIR)/node_modules $(WASM_DIR)/test-output
