// Builds the playground into dist/: one JavaScript bundle (CodeMirror, marked and the
// slimfile package), one stylesheet, the WebAssembly module and index.html, with content
// hashes in the names so a new build is never mixed with a cached old one. Nothing is
// loaded from another host at run time.
//
//   node playground/build.mjs        (from bindings-wasm/, after the package is built)

import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

import * as esbuild from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));
const pkg = join(here, "..", "pkg");
const dist = join(here, "dist");

const wasmSource = join(pkg, "slimfile_wasm_bg.wasm");
try {
    statSync(wasmSource);
} catch {
    console.error("bindings-wasm/pkg/ is missing: run `make wasm-pkg` first");
    process.exit(1);
}

function hashOf(bytes) {
    return createHash("sha256").update(bytes).digest("hex").slice(0, 10);
}

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

const wasm = readFileSync(wasmSource);
const wasmName = `slimfile-${hashOf(wasm)}.wasm`;
copyFileSync(wasmSource, join(dist, wasmName));

const result = await esbuild.build({
    entryPoints: { main: join(here, "src", "main.ts"), style: join(here, "src", "style.css") },
    bundle: true,
    format: "esm",
    target: ["chrome111", "firefox114", "safari16.4"],
    minify: true,
    sourcemap: "linked",
    legalComments: "linked",
    outdir: dist,
    entryNames: "[name]-[hash]",
    metafile: true,
    alias: { "slimfile-wasm": join(pkg, "index.js") },
    define: { WASM_URL: JSON.stringify(`./${wasmName}`) },
    logLevel: "warning",
});

const outputs = Object.entries(result.metafile.outputs);
const find = (entry) => {
    const found = outputs.find(([, o]) => o.entryPoint && o.entryPoint.endsWith(entry) && !o.entryPoint.endsWith(".map"));
    if (!found) throw new Error(`no output for ${entry}`);
    return found[0].split("/").pop();
};
const script = find("src/main.ts");
const style = outputs.find(([name]) => name.endsWith(".css"))[0].split("/").pop();

const html = readFileSync(join(here, "index.html"), "utf8").replace("%SCRIPT%", `./${script}`).replace("%STYLE%", `./${style}`);
writeFileSync(join(dist, "index.html"), html);

const size = (name) => {
    const bytes = readFileSync(join(dist, name));
    return `${(bytes.length / 1024).toFixed(0)} KiB (${(gzipSync(bytes, { level: 9 }).length / 1024).toFixed(0)} KiB gzipped)`;
};
console.log(`playground built in ${dist}`);
console.log(`  ${script}: ${size(script)}`);
console.log(`  ${style}: ${size(style)}`);
console.log(`  ${wasmName}: ${size(wasmName)}`);
