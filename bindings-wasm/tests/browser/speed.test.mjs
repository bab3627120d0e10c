// How fast `check` runs in Chromium against the native single-thread rate, on the texts
// of the sample corpus: the same texts, the default settings, UTF-16 positions, no build
// context, and in the browser the package's public API (plain objects out). The native
// rate comes from `examples/native_rate.rs` (release build, system allocator), run here
// between the browser's rounds.
//
// Two measures: processor time per pass (the renderer's main thread, from the DevTools
// protocol's thread clock; the native process's user + system time), which a loaded
// machine does not distort, and the fastest pass by the wall clock, which it does. The
// target, the browser within 2x, is checked on processor time; both are printed.
//
//   node --test tests/browser/speed.test.mjs   (NATIVE_RATE_BIN, CHROMIUM)

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

import { chromium } from "playwright-core";

import { serve } from "../../playground/serve.mjs";
import * as slimfile from "../../pkg/index.js";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "..", "..");
const repo = resolve(root, "..");
const SAMPLE = process.env.SLIMFILE_SAMPLE ?? resolve(repo, "..", "shared", "corpus", "sample");
const NATIVE = process.env.NATIVE_RATE_BIN ?? join(repo, "target", "release", "examples", "native_rate");
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const ROUNDS = 6;
const PASSES = 3;
const TARGET = 2;

slimfile.initSync(readFileSync(join(root, "pkg", "slimfile_wasm_bg.wasm")));

function filesUnder(dir) {
    const out = [];
    for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) out.push(...filesUnder(path));
        else out.push(path);
    }
    return out;
}

function native() {
    const run = spawnSync(NATIVE, [SAMPLE, String(PASSES)], { encoding: "utf8" });
    if (run.error) throw run.error;
    assert.equal(run.status, 0, run.stderr);
    return JSON.parse(run.stdout);
}

test("check in Chromium runs within 2x of the native single-thread rate", { timeout: 600_000 }, async () => {
    // The texts native_rate reads: every file that reads as a Dockerfile.
    const texts = [];
    for (const path of filesUnder(SAMPLE)) {
        try {
            texts.push(slimfile.decode(readFileSync(path)));
        } catch {
            // Refused by both sides alike.
        }
    }
    const bytes = texts.reduce((sum, t) => sum + Buffer.byteLength(t, "utf8"), 0);

    const { server, port } = await serve(join(root, "playground", "dist"), 0);
    const userData = mkdtempSync(join(tmpdir(), "slimfile-chromium-"));
    const context = await chromium.launchPersistentContext(userData, {
        executablePath: CHROMIUM,
        headless: true,
        args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    try {
        const page = context.pages()[0] ?? (await context.newPage());
        const errors = [];
        page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
        await page.goto(`http://127.0.0.1:${port}/`);
        await page.waitForFunction(() => "slimfile" in window && document.querySelector("#panel-problems li.problem"));
        for (let i = 0; i < texts.length; i += 500) {
            await page.evaluate((chunk) => {
                window.benchTexts = (window.benchTexts ?? []).concat(chunk);
            }, texts.slice(i, i + 500));
        }
        const cdp = await context.newCDPSession(page);
        await cdp.send("Performance.enable", { timeDomain: "threadTicks" });
        const threadTime = async () => (await cdp.send("Performance.getMetrics")).metrics.find((m) => m.name === "ThreadTime").value;
        const run = () => page.evaluate((passes) => {
            const { Linter, Context } = window.slimfile;
            const linter = new Linter();
            const context = new Context();
            let best = Infinity;
            let found = 0;
            for (let pass = 0; pass < passes; pass++) {
                const start = performance.now();
                found = 0;
                for (const text of window.benchTexts) found += linter.check(text, { context }).length;
                best = Math.min(best, performance.now() - start);
            }
            return { files: window.benchTexts.length, best_seconds: best / 1000, diagnostics: found };
        }, PASSES);
        const measure = async () => {
            const before = await threadTime();
            const result = await run();
            return { ...result, cpu_seconds: ((await threadTime()) - before) / PASSES };
        };

        await measure(); // warm up: the browser compiles and optimizes on first use
        const best = { native: Infinity, browser: Infinity, nativeCpu: Infinity, browserCpu: Infinity };
        let browser;
        let nativeRun;
        for (let round = 0; round < ROUNDS; round++) {
            nativeRun = native();
            best.native = Math.min(best.native, nativeRun.best_seconds);
            best.nativeCpu = Math.min(best.nativeCpu, nativeRun.cpu_seconds ?? nativeRun.best_seconds);
            browser = await measure();
            best.browser = Math.min(best.browser, browser.best_seconds);
            best.browserCpu = Math.min(best.browserCpu, browser.cpu_seconds);
        }
        assert.equal(browser.files, nativeRun.files, "the same texts on both sides");
        assert.equal(nativeRun.bytes, bytes, "the same bytes on both sides");
        assert.deepStrictEqual(errors, []);

        const mb = (seconds) => Number((bytes / seconds / 1e6).toFixed(1));
        const ratio = best.browserCpu / best.nativeCpu;
        const wallRatio = best.browser / best.native;
        const report = {
            files: texts.length,
            bytes,
            diagnostics: browser.diagnostics,
            cpu: { native_mb_per_s: mb(best.nativeCpu), chromium_mb_per_s: mb(best.browserCpu), ratio: Number(ratio.toFixed(2)) },
            wall: { native_mb_per_s: mb(best.native), chromium_mb_per_s: mb(best.browser), ratio: Number(wallRatio.toFixed(2)) },
        };
        mkdirSync(join(root, "test-output"), { recursive: true });
        writeFileSync(join(root, "test-output", "speed.json"), `${JSON.stringify(report, null, 2)}\n`);
        console.log(`speed: check of ${texts.length} files (${(bytes / 1e6).toFixed(1)} MB), one thread: `
            + `processor time: native ${mb(best.nativeCpu)} MB/s, Chromium ${mb(best.browserCpu)} MB/s, ${ratio.toFixed(2)}x (target <= ${TARGET}x); `
            + `wall clock: native ${mb(best.native)} MB/s, Chromium ${mb(best.browser)} MB/s, ${wallRatio.toFixed(2)}x`);
        assert.ok(ratio <= TARGET, `Chromium is ${ratio.toFixed(2)}x slower than native`);
    } finally {
        await context.close();
        server.close();
        rmSync(userData, { recursive: true, force: true });
    }
});
