// The WebAssembly package under Node, the same build the browser loads: its results are
// the CLI's JSON (on the whole sample corpus), its errors are classes, and a panic is an
// exception after which the module keeps working.
//
//   node --test tests/node/          (SLIMFILE_BIN: the CLI to compare with)

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";

import * as slimfile from "../../pkg/index.js";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "..", "..", "..");
const SLIMFILE = process.env.SLIMFILE_BIN ?? join(repo, "target", "release", "slimfile");
const SAMPLE = process.env.SLIMFILE_SAMPLE ?? resolve(repo, "..", "shared", "corpus", "sample");

slimfile.initSync(readFileSync(join(here, "..", "..", "pkg", "slimfile_wasm_bg.wasm")));

function filesUnder(dir) {
    const out = [];
    for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) out.push(...filesUnder(path));
        else out.push(path);
    }
    return out.sort();
}

function cli(args, input) {
    const run = spawnSync(SLIMFILE, args, { input, maxBuffer: 1 << 30, encoding: "utf8" });
    if (run.error) throw run.error;
    return run;
}

/**
 * The CLI counts spans in UTF-8 bytes and columns in characters; the package counts both
 * in UTF-16 units. Converts a CLI diagnostic to the package's units for `text`.
 */
function toUtf16(text, value) {
    if (/^[\x00-\x7f]*$/.test(text)) return value;
    const bytes = Buffer.from(text, "utf8");
    const offsets = new Uint32Array(bytes.length + 1);
    let u16 = 0;
    let b = 0;
    for (const ch of text) {
        const n = Buffer.byteLength(ch, "utf8");
        for (let i = 0; i < n; i++) offsets[b + i] = u16;
        b += n;
        u16 += ch.length;
    }
    offsets[b] = u16;
    const lines = text.split("\n");
    const span = ([s, e]) => [offsets[s], offsets[e]];
    const position = ({ line, column }) => ({ line, column: Array.from(lines[line - 1] ?? "").slice(0, column - 1).join("").length + 1 });
    const diagnostic = (d) => ({
        ...d,
        range: { start: position(d.range.start), end: position(d.range.end) },
        span: span(d.span),
        fix: d.fix && { ...d.fix, edits: d.fix.edits.map((e) => ({ ...e, span: span(e.span) })) },
    });
    return diagnostic(value);
}

function withoutPath({ path, ...rest }) {
    void path;
    return rest;
}

describe("check equals the CLI's `check --format json` on the sample corpus", () => {
    let files;
    let emptyDir;
    before(() => {
        files = filesUnder(SAMPLE);
        emptyDir = mkdtempSync(join(tmpdir(), "slimfile-empty-context-"));
    });
    after(() => rmSync(emptyDir, { recursive: true, force: true }));

    test("every file, with an empty build context", () => {
        assert.ok(files.length > 1000, `the sample corpus at ${SAMPLE}`);
        // One CLI run over every file; the build context of each is an empty directory,
        // which is what an empty file list means to core.
        const run = cli(["check", "--no-config", "--format", "json", "--context", emptyDir, "--fail-level", "none", ...files]);
        assert.equal(run.status, run.stderr.trim() ? 2 : 0, run.stderr);
        const byPath = new Map();
        for (const d of JSON.parse(run.stdout)) {
            if (!byPath.has(d.path)) byPath.set(d.path, []);
            byPath.get(d.path).push(withoutPath(d));
        }
        const unreadable = new Set(run.stderr.split("\n").filter(Boolean));
        const context = new slimfile.Context({ files: [] });
        const linter = new slimfile.Linter();
        let compared = 0;
        let diagnostics = 0;
        let nonAscii = 0;
        let refused = 0;
        for (const path of files) {
            let text;
            try {
                text = slimfile.decode(readFileSync(path));
            } catch (e) {
                assert.ok(e instanceof slimfile.InputError, `${path}: ${e}`);
                assert.ok([...unreadable].some((line) => line.includes(path)), `${path}: refused here but not by the CLI: ${e.message}`);
                refused++;
                continue;
            }
            const expected = (byPath.get(path) ?? []).map((d) => toUtf16(text, d));
            const actual = linter.check(text, { context });
            assert.deepStrictEqual(actual, expected, `${relative(SAMPLE, path)}`);
            compared++;
            diagnostics += actual.length;
            if (!/^[\x00-\x7f]*$/.test(text)) nonAscii++;
        }
        assert.equal(compared + refused, files.length);
        assert.equal(refused, unreadable.size, "the CLI refused the same files");
        assert.ok(nonAscii > 10, "non-ASCII files were compared");
        console.log(`check: ${compared} files (${nonAscii} non-ASCII) and ${diagnostics} diagnostics equal to the CLI's; ${refused} refused by both`);
    });

    test("files without a build context (standard input), a sample", () => {
        const linter = new slimfile.Linter();
        const picked = files.filter((_, i) => i % 100 === 0);
        for (const path of picked) {
            const bytes = readFileSync(path);
            let text;
            try {
                text = slimfile.decode(bytes);
            } catch {
                continue;
            }
            const run = cli(["check", "--no-config", "--format", "json", "--fail-level", "none", "-"], bytes);
            const expected = JSON.parse(run.stdout).map((d) => toUtf16(text, withoutPath(d)));
            assert.deepStrictEqual(linter.check(text), expected, relative(SAMPLE, path));
        }
    });

    test("fix (safe, and with unsafe fixes) gives the CLI's text, a sample", () => {
        const linter = new slimfile.Linter();
        const picked = files.filter((_, i) => i % 80 === 7);
        let changed = 0;
        for (const path of picked) {
            const bytes = readFileSync(path);
            let text;
            try {
                text = slimfile.decode(bytes);
            } catch {
                continue;
            }
            for (const unsafeFixes of [false, true]) {
                const args = ["fix", "--no-config", "--fail-level", "none", ...(unsafeFixes ? ["--unsafe-fixes"] : []), "-"];
                const run = cli(args, bytes);
                const fixed = linter.fix(text, { unsafeFixes });
                assert.equal(fixed.text, run.stdout, `${relative(SAMPLE, path)} unsafe=${unsafeFixes}`);
                if (fixed.text !== text) changed++;
            }
        }
        assert.ok(changed > 20, `fixes changed ${changed} texts`);
    });

    test("parse equals `slimfile parse --format json`, a sample", () => {
        const picked = files.filter((p, i) => i % 150 === 3 || /[^\x00-\x7f]/.test(readFileSync(p, "latin1").slice(0, 4000)) && i % 10 === 0);
        for (const path of picked) {
            let text;
            try {
                text = slimfile.decode(readFileSync(path));
            } catch {
                continue;
            }
            const run = cli(["parse", "--format", "json", path]);
            const expected = withoutPath(JSON.parse(run.stdout));
            const actual = slimfile.parse(text);
            if (/^[\x00-\x7f]*$/.test(text)) {
                assert.deepStrictEqual(actual, expected, relative(SAMPLE, path));
            } else {
                // Offsets differ in unit; the structure and the strings do not.
                assert.deepStrictEqual(actual.instructions.map((i) => ({ ...i, span: null })), expected.instructions.map((i) => ({ ...i, span: null })));
                assert.equal(actual.items.length, expected.items.length);
                assert.equal(actual.items.at(-1)?.end ?? 0, text.length, "items tile the UTF-16 text");
            }
        }
    });
});

describe("build contexts", () => {
    test("a context from a file list and a .dockerignore equals the CLI's reading of the folder", () => {
        const dir = mkdtempSync(join(tmpdir(), "slimfile-context-"));
        try {
            const layout = {
                "package.json": "{}\n",
                "package-lock.json": "{\"lockfileVersion\": 3}\n",
                "server.js": "console.log('hi')\n",
                "node_modules/express/index.js": "module.exports = {}\n",
                ".git/HEAD": "ref: refs/heads/main\n",
                ".env": "SECRET=1\n",
                // One finding left to report: the order of several would follow the
                // folder's listing order, which differs between Node and the CLI.
                ".dockerignore": ".git\n.env\n",
            };
            for (const [path, content] of Object.entries(layout)) {
                mkdirSync(dirname(join(dir, path)), { recursive: true });
                writeFileSync(join(dir, path), content);
            }
            const dockerfile = "FROM node:22\nWORKDIR /app\nCOPY . .\nRUN npm install\nCMD [\"node\", \"server.js\"]\n";
            writeFileSync(join(dir, "Dockerfile"), dockerfile);
            const run = cli(["check", "--no-config", "--format", "json", "--fail-level", "none", join(dir, "Dockerfile")]);
            const expected = JSON.parse(run.stdout).map(withoutPath);
            const files = [...Object.keys(layout), "Dockerfile"].map((path) => ({ path, size: statSync(join(dir, path)).size }));
            const context = new slimfile.Context({ files, dockerignore: layout[".dockerignore"] });
            const actual = slimfile.check(dockerfile, { context });
            assert.deepStrictEqual(actual, expected);
            assert.ok(actual.some((d) => d.code === "SF107"), "a context rule fired");
            // A plain object works as well as a Context.
            assert.deepStrictEqual(slimfile.check(dockerfile, { context: { files, dockerignore: layout[".dockerignore"] } }), expected);
            // Fix all: the CLI rewrites the folder, the package returns what it would write.
            const fixed = slimfile.fix(dockerfile, { context, unsafeFixes: true });
            cli(["fix", "--no-config", "--unsafe-fixes", "--fail-level", "none", join(dir, "Dockerfile")]);
            assert.equal(fixed.text, readFileSync(join(dir, "Dockerfile"), "utf8"));
            assert.equal(fixed.dockerignore, readFileSync(join(dir, ".dockerignore"), "utf8"));
            assert.deepStrictEqual(fixed.dockerignore_additions, ["node_modules"]);
            assert.ok(fixed.text.includes("COPY package.json package-lock.json ./"), fixed.text);
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });

    test("a Context reports what it holds, and rejects a wrong shape", () => {
        const context = new slimfile.Context({ files: [{ path: "a.txt", size: 3 }], dockerignore: "*.log\n" });
        assert.deepStrictEqual(context.files, [{ path: "a.txt", size: 3 }]);
        assert.equal(context.dockerignore, "*.log\n");
        assert.deepStrictEqual(JSON.parse(JSON.stringify(context)), { dockerignore: "*.log\n", files: [{ path: "a.txt", size: 3 }] });
        assert.throws(() => new slimfile.Context({ file: [] }), TypeError);
        assert.throws(() => new slimfile.Context({ files: [{ path: 3 }] }), TypeError);
        assert.throws(() => new slimfile.Context({ dockerignore: 1 }), TypeError);
        context.free();
    });
});

describe("positions are UTF-16 code units", () => {
    test("spans slice the JavaScript string and columns count UTF-16 units", () => {
        const text = "# 😀 é\nFROM debian:12\nRUN echo 'ü😀' && apt-get update && apt-get install -y curl\n";
        const found = slimfile.check(text);
        const d = found.find((x) => x.code === "DL3009");
        assert.ok(d, JSON.stringify(found));
        assert.equal(text.slice(d.span[0], d.span[1]), "apt-get install -y curl");
        const line = text.split("\n")[2];
        assert.equal(d.range.start.line, 3);
        assert.equal(line.slice(d.range.start.column - 1).startsWith("apt-get install"), true);
        const fixed = slimfile.fix(text);
        let applied = text;
        for (const e of [...d.fix.edits].reverse()) applied = applied.slice(0, e.span[0]) + e.content + applied.slice(e.span[1]);
        assert.ok(applied.includes("curl && rm -rf /var/lib/apt/lists/*"));
        assert.ok(fixed.text.includes("curl && rm -rf /var/lib/apt/lists/*"));
    });
});

describe("settings", () => {
    test("from slimfile.toml text, errors at their line and column", () => {
        const linter = slimfile.Linter.fromToml('select = ["DL3009"]\n');
        assert.deepStrictEqual(linter.check("FROM debian:latest\nRUN apt-get update && apt-get install -y curl\n").map((d) => d.code), ["DL3009"]);
        assert.deepStrictEqual(linter.settings.select, ["DL3009"]);
        assert.throws(() => slimfile.Linter.fromToml('select = ["DL3015"]\n  selct = []\n'), (e) => {
            assert.ok(e instanceof slimfile.ConfigError && e instanceof slimfile.SlimfileError);
            assert.equal(e.name, "ConfigError");
            assert.deepStrictEqual([e.file, e.line, e.column], ["slimfile.toml", 2, 3]);
            assert.match(e.message, /^slimfile\.toml:2:3: unknown key `selct`/);
            assert.match(e.reason, /^unknown key `selct`/);
            return true;
        });
        assert.throws(() => slimfile.settingsFromToml('select = ["XX9999"]\n'), (e) => e instanceof slimfile.ConfigError && e.line === 1);
    });

    test("as an object in the slimfile.toml shape, the same as the text", () => {
        const fromText = slimfile.settingsFromToml('ignore = ["DL3015"]\nprefer = "alpine"\n[severity]\nDL3009 = "error"\nsize = "off"\n');
        const fromObject = new slimfile.Linter({ ignore: ["DL3015"], prefer: "alpine", severity: { DL3009: "error", size: "off" } }).settings;
        assert.deepStrictEqual(fromObject, fromText);
        assert.deepStrictEqual(Object.keys(fromText), ["select", "extend-select", "ignore", "severity", "trusted-registries", "prefer", "fail-level", "label-schema", "strict-labels"]);
        // A label schema, as hadolint's `label-schema`, drives the label rules.
        const labelled = new slimfile.Linter({ "label-schema": { maintainer: "email" }, "strict-labels": true });
        assert.deepStrictEqual(labelled.settings["label-schema"], { maintainer: "email" });
        const labels = 'FROM debian:12\nLABEL maintainer="Jane Doe" build-host="ci"\n';
        assert.deepStrictEqual(labelled.check(labels).map((d) => d.code).filter((c) => ["DL3050", "DL3058"].includes(c)), ["DL3058", "DL3050"]);
        assert.throws(() => new slimfile.Linter({ "label-schema": { maintainer: "name" } }), slimfile.ConfigError);
        assert.throws(() => new slimfile.Linter({ selct: [] }), (e) => e instanceof slimfile.ConfigError && /unknown key `selct`/.test(e.message));
        assert.throws(() => new slimfile.Linter({ select: ["NOPE1"] }), slimfile.ConfigError);
        assert.throws(() => new slimfile.Linter("select = []"), TypeError);
        // The one-call functions take either.
        const text = "FROM debian:latest\nRUN apt-get update && apt-get install -y curl\n";
        assert.deepStrictEqual(slimfile.check(text, { settings: 'select = ["DL3015"]' }).map((d) => d.code), ["DL3015"]);
        assert.deepStrictEqual(slimfile.check(text, { settings: { select: ["DL3015"] } }).map((d) => d.code), ["DL3015"]);
    });

    test("fix options", () => {
        const text = "FROM debian:latest\nRUN apt-get update && apt-get install -y curl\n";
        const only = slimfile.fix(text, { only: ["DL3009"], unsafeFixes: true });
        assert.deepStrictEqual(only.applied.map((a) => a.code), ["DL3009"]);
        assert.throws(() => slimfile.fix(text, { only: ["nope-rule"] }), slimfile.UnknownRuleError);
        assert.throws(() => new slimfile.Linter().fix(text, { unsafe: true }), TypeError);
        assert.throws(() => new slimfile.Linter().fix(text, { maxPasses: "x" }), TypeError);
    });
});

describe("the rule catalogue", () => {
    test("rules and rule are the CLI's", () => {
        const rules = slimfile.rules();
        const table = cli(["rule", "--all"]).stdout.split("\n").filter((l) => /^\| [A-Z]{2}\d/.test(l)).map((l) => l.split("|")[1].trim());
        assert.deepStrictEqual(rules.map((r) => r.code), table);
        for (const code of ["DL3009", "SF101", "DL3025"]) {
            const info = slimfile.rule(code);
            assert.ok(cli(["rule", code]).stdout.trimEnd().endsWith(info.documentation.trimEnd()), code);
        }
        assert.equal(slimfile.rule("JSONArgsRecommended").code, "DL3025");
        assert.equal(slimfile.rule("apt-lists-not-deleted").code, "DL3009");
        assert.equal(slimfile.rule("DL9999"), undefined);
        assert.deepStrictEqual(Object.keys(rules[0]), ["code", "name", "category", "severity", "default_enabled", "buildkit", "fix", "summary", "documentation"]);
    });
});

describe("input errors", () => {
    test("decode refuses what is not a Dockerfile, as the CLI does", () => {
        assert.equal(slimfile.decode(new TextEncoder().encode("\uFEFFFROM a\n")), "\uFEFFFROM a\n");
        assert.throws(() => slimfile.decode(new Uint8Array([0x46, 0x52, 0, 0x4d])), (e) => e instanceof slimfile.InputError && /binary/.test(e.message));
        assert.throws(() => slimfile.decode(new Uint8Array([0xff, 0xfe, 0x46, 0])), slimfile.InputError);
        assert.throws(() => slimfile.decode("FROM a"), TypeError);
    });

    test("text over the size limit is an InputError; wrong types are TypeErrors", () => {
        assert.throws(() => slimfile.check("#".repeat(32 * 1024 * 1024 + 1)), slimfile.InputError);
        assert.throws(() => slimfile.check(42), TypeError);
        assert.throws(() => slimfile.parse(null), TypeError);
        assert.throws(() => slimfile.rule(1), TypeError);
    });
});

describe("panics", () => {
    test("a panic is a PanicError with its message, and the module goes on working", () => {
        const linter = slimfile.Linter.fromToml('select = ["DL3009"]\n');
        const context = new slimfile.Context({ files: [{ path: "a", size: 1 }] });
        const text = "FROM debian:12\nRUN apt-get update && apt-get install -y curl\n";
        const before = linter.check(text, { context });
        assert.throws(() => slimfile.__panicForTesting("boom at the test"), (e) => {
            assert.ok(e instanceof slimfile.PanicError);
            assert.equal(e.name, "PanicError");
            assert.match(e.message, /^slimfile panicked at .*lib\.rs:\d+:\d+: boom at the test$/);
            return true;
        });
        // A fresh instance: the objects made before rebuild themselves in it.
        assert.deepStrictEqual(linter.check(text, { context }), before);
        assert.deepStrictEqual(linter.settings.select, ["DL3009"]);
        assert.equal(slimfile.rules().length, slimfile.rules().length);
        // Again, twice in a row.
        assert.throws(() => slimfile.__panicForTesting("again"), slimfile.PanicError);
        assert.throws(() => slimfile.__panicForTesting("and again"), /and again/);
        assert.deepStrictEqual(slimfile.check(text, { context, settings: { select: ["DL3009"] } }), before);
    });
});
