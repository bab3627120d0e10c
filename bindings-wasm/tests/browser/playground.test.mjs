// The playground in a real headless Chromium (Debian's, driven by playwright-core), used
// as a person would: typing, hovering, quick fixes, Fix all, share links, settings, a
// build context folder, the rule browser, the parse view, themes, the keyboard, and a
// panic. What it shows is compared with the CLI's answers. Any console error fails the
// run; so does any request to another host. Screenshots of each step go to
// test-output/screenshots/.
//
//   node --test tests/browser/     (after `make playground`; SLIMFILE_BIN, CHROMIUM)

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";

import { chromium } from "playwright-core";

import { serve } from "../../playground/serve.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "..", "..");
const repo = resolve(root, "..");
const DIST = join(root, "playground", "dist");
const SHOTS = join(root, "test-output", "screenshots");
const SLIMFILE = process.env.SLIMFILE_BIN ?? join(repo, "target", "release", "slimfile");
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const MOD = process.platform === "darwin" ? "Meta" : "Control";

/** The flags TOOLCHAIN.md gives for Debian's chromium on this kind of machine. */
const FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

function cli(args, input) {
    const run = spawnSync(SLIMFILE, args, { input, encoding: "utf8", maxBuffer: 1 << 28 });
    if (run.error) throw run.error;
    return run;
}

/** The CLI's findings in `text` read from standard input, with these `slimfile.toml` settings. */
function cliCheck(text, settings = null) {
    if (settings === null) {
        return JSON.parse(cli(["check", "--no-config", "--format", "json", "--fail-level", "none", "-"], text).stdout);
    }
    const dir = mkdtempSync(join(tmpdir(), "slimfile-settings-"));
    try {
        writeFileSync(join(dir, "slimfile.toml"), settings);
        return JSON.parse(cli(["check", "--config", join(dir, "slimfile.toml"), "--format", "json", "--fail-level", "none", "-"], text).stdout);
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
}

/** Writes `files` ({path: size | text}) under a new temporary folder. */
function makeFolder(name, files) {
    const dir = join(mkdtempSync(join(tmpdir(), "slimfile-browser-")), name);
    for (const [path, content] of Object.entries(files)) {
        mkdirSync(dirname(join(dir, path)), { recursive: true });
        writeFileSync(join(dir, path), typeof content === "number" ? Buffer.alloc(content, 0x20) : content);
    }
    return dir;
}

describe("the playground in headless Chromium", () => {
    let server;
    let base;
    let context;
    let page;
    let userData;
    const consoleErrors = [];
    const foreignRequests = [];
    let step = 0;

    async function shot(name) {
        step += 1;
        await page.screenshot({ path: join(SHOTS, `${String(step).padStart(2, "0")}-${name}.png`) });
    }

    function watch(p) {
        p.on("console", (m) => {
            if (m.type() === "error") consoleErrors.push(`${m.text()} (${m.location().url})`);
        });
        p.on("pageerror", (e) => consoleErrors.push(`uncaught: ${e.message}`));
        p.on("request", (r) => {
            const url = new URL(r.url());
            if (!["data:", "blob:"].includes(url.protocol) && url.host !== `127.0.0.1:${server.address().port}`) {
                foreignRequests.push(r.url());
            }
        });
    }

    const editor = () => page.locator("#panel-dockerfile .cm-content");
    const editorText = () => page.evaluate(() => Array.from(document.querySelectorAll("#panel-dockerfile .cm-line")).map((l) => l.textContent).join("\n"));
    const settingsText = () => page.evaluate(() => Array.from(document.querySelectorAll("#panel-settings .cm-line")).map((l) => l.textContent).join("\n"));
    const listedCodes = () => page.locator("#panel-problems li.problem").evaluateAll((rows) => rows.map((r) => r.dataset.code));

    /** Replaces the editor's text as a paste would. */
    async function paste(text, where = "#panel-dockerfile") {
        await page.locator(`${where} .cm-content`).click();
        await page.keyboard.press(`${MOD}+A`);
        await page.keyboard.press("Delete");
        await page.keyboard.insertText(text);
    }

    /** The CLI's codes for `text`, with the settings the page has now. */
    async function cliCodes(text) {
        const settings = await page.evaluate(() => {
            const tab = document.getElementById("panel-settings");
            const hidden = tab.hidden;
            tab.hidden = false; // lines are laid out only when shown
            const lines = Array.from(tab.querySelectorAll(".cm-line")).map((l) => l.textContent).join("\n");
            tab.hidden = hidden;
            return lines;
        });
        return cliCheck(text, settings).map((d) => d.code);
    }

    /** Waits until the problem list shows `codes`, in order. */
    async function expectCodes(codes) {
        await page.waitForFunction(
            (want) => JSON.stringify(Array.from(document.querySelectorAll("#panel-problems li.problem")).map((r) => r.dataset.code)) === JSON.stringify(want),
            codes,
            { timeout: 5_000 },
        ).catch(async () => assert.deepStrictEqual(await listedCodes(), codes));
    }

    async function showTab(name) {
        await page.click(`#tab-${name}`);
        await page.waitForSelector(`#panel-${name}:not([hidden])`);
    }

    before(async () => {
        rmSync(SHOTS, { recursive: true, force: true });
        mkdirSync(SHOTS, { recursive: true });
        const served = await serve(DIST, 0);
        server = served.server;
        base = `http://127.0.0.1:${served.port}/`;
        userData = mkdtempSync(join(tmpdir(), "slimfile-chromium-"));
        context = await chromium.launchPersistentContext(userData, {
            executablePath: CHROMIUM,
            args: FLAGS,
            headless: true,
            viewport: { width: 1440, height: 900 },
        });
        await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: base });
        page = context.pages()[0] ?? (await context.newPage());
        watch(page);
    });

    after(async () => {
        await context?.close();
        server?.close();
        rmSync(userData, { recursive: true, force: true });
    });

    test("loads with the default example and its diagnostics, from this server only", async () => {
        await page.goto(base);
        await page.waitForSelector("#panel-problems li.problem");
        assert.ok((await page.locator(".cm-lintRange").count()) > 0, "underlines");
        assert.ok((await page.locator(".cm-lint-marker").count()) > 0, "gutter markers");
        assert.match(await page.locator("#version").innerText(), /^slimfile \d+\.\d+\.\d+/);
        await shot("loaded");
    });

    test("works offline once loaded: typing shows the CLI's diagnostics as you type", async () => {
        await context.setOffline(true);
        await showTab("context");
        await page.click("#panel-context button:has-text('Clear')");
        await showTab("problems");
        await editor().click();
        await page.keyboard.press(`${MOD}+A`);
        await page.keyboard.press("Delete");
        const typed = "FROM debian:latest\nRUN apt-get update && apt-get install -y curl\nCOPY . /app\n";
        for (const line of typed.split("\n").slice(0, -1)) {
            await page.keyboard.type(line, { delay: 5 });
            await page.keyboard.press("Escape"); // close a completion list, if any
            await page.keyboard.press("Enter");
        }
        assert.equal(await editorText(), typed);
        const expected = cliCheck(typed);
        await expectCodes(expected.map((d) => d.code));
        // The list shows the CLI's messages and places too.
        const rows = await page.locator("#panel-problems li.problem .problem-main").allInnerTexts();
        expected.forEach((d, i) => {
            assert.ok(rows[i].includes(`${d.range.start.line}:${d.range.start.column}`), rows[i]);
            assert.ok(rows[i].startsWith(d.message.replace(/`/g, "")), `${rows[i]} vs ${d.message}`);
        });
        assert.equal(await page.locator("#panel-dockerfile .cm-lintRange").count(), new Set(expected.map((d) => d.span.join())).size);
        assert.match(await page.locator("#status").innerText(), /warning/);
        await shot("typed");
    });

    test("a hover shows the message, the rule code and a link to its docs", async () => {
        const range = page.locator("#panel-dockerfile .cm-lintRange-info").first();
        await range.hover();
        const tooltip = page.locator(".cm-tooltip-lint");
        await tooltip.waitFor();
        const text = await tooltip.innerText();
        assert.match(text, /apt-get install/);
        assert.ok(await tooltip.locator("a.rule-link[href='#rule=DL3009']").count(), text);
        assert.match(text, /DL3009/);
        assert.ok(await tooltip.locator("button.cm-diagnosticAction").count() > 0, "a fix button");
        await shot("hover");
    });

    test("one quick fix applies with one click, as the CLI's fix of that rule", async () => {
        const before = await editorText();
        const tooltip = page.locator(".cm-tooltip-lint");
        await tooltip.locator("button.cm-diagnosticAction", { hasText: "/var/lib/apt/lists" }).click();
        await page.waitForFunction(() => document.querySelector("#panel-dockerfile .cm-content")?.textContent?.includes("rm -rf /var/lib/apt/lists/*"));
        const after = await editorText();
        assert.equal(after, cli(["fix", "--no-config", "--select", "DL3009", "--fail-level", "none", "-"], before).stdout);
        await expectCodes(cliCheck(after).map((d) => d.code));
        assert.ok(!(await listedCodes()).includes("DL3009"));
        await page.mouse.move(1200, 850);
        await shot("quick-fix");
    });

    test("the rule browser shows a rule's documentation, from a link", async () => {
        await page.click("#panel-problems a.rule-link[href='#rule=DL3015']");
        await page.waitForSelector("#panel-rules:not([hidden]) .rule-head h2");
        assert.match(await page.locator(".rule-head h2").innerText(), /DL3015\s+apt-install-recommends/);
        const doc = await page.locator(".rule-doc").innerText();
        for (const heading of ["What it does", "Why is this bad?", "Example", "Fix safety", "References"]) {
            assert.ok(doc.includes(heading), heading);
        }
        assert.ok(await page.locator(".rule-doc pre .tok-keyword, .rule-doc pre span[class]").count() > 0, "highlighted example");
        // Search, then open an example in the editor.
        await page.fill(".rule-search", "context ignored");
        await page.waitForSelector(".rule-item[data-code='SF107']");
        await page.click(".rule-item[data-code='SF107']");
        await page.waitForFunction(() => /SF107/.test(document.querySelector(".rule-head h2")?.textContent ?? ""));
        await shot("rules");
        const example = await page.locator(".rule-doc pre.code-block code").first().innerText();
        await page.locator(".rule-doc .code-head button").first().click();
        assert.equal((await editorText()).trimEnd(), example.trimEnd());
        await page.fill(".rule-search", "");
    });

    test("Fix all previews the rewrite as a diff, with the size saved and the .dockerignore lines, as the CLI writes them", async () => {
        await page.selectOption("#examples", "node");
        await page.waitForFunction(() => document.querySelector("#panel-dockerfile .cm-content")?.textContent?.includes("npm install"));
        await page.click("#fix-all");
        await page.waitForSelector("#panel-fixall:not([hidden]) .fix-summary");
        await page.click(".segmented [data-unsafe='true']");
        await page.waitForSelector(".segmented [data-unsafe='true'][aria-checked='true']");
        // The same Dockerfile in a folder with the example's files and sizes.
        const original = await editorText();
        const folder = makeFolder("node-example", {
            "package.json": 612, "package-lock.json": 52_311, "server.js": 948, "src/routes.js": 2_310,
            "node_modules/express/index.js": 224, "node_modules/express/package.json": 1_204,
            ".git/HEAD": 23, ".git/config": 310, ".env": 96, "logs/app.log": 48_213, Dockerfile: original,
        });
        try {
            const run = cli(["fix", "--no-config", "--unsafe-fixes", "--fail-level", "none", join(folder, "Dockerfile")]);
            const fixed = readFileSync(join(folder, "Dockerfile"), "utf8");
            const saved = /about (\S+ \S+) saved/.exec(run.stderr)?.[1];
            assert.ok(saved, run.stderr);
            assert.equal(await page.locator("#fix-saved strong").innerText(), `≈ ${saved}`);
            const ignoreLines = readFileSync(join(folder, ".dockerignore"), "utf8").split("\n").filter((l) => l && !l.startsWith("#"));
            const shown = (await page.locator("#fix-dockerignore .added-line").allInnerTexts()).map((l) => l.replace(/^\+ /, ""));
            assert.deepStrictEqual([...shown].sort(), [...ignoreLines].sort());
            // The diff: the rewritten text, with the removed lines shown as deletions.
            const inserted = await page.locator("#fix-diff .cm-changedLine, #fix-diff .cm-insertedLine").allInnerTexts();
            assert.ok(inserted.some((l) => l.includes("npm ci --omit=dev")), inserted.join("|"));
            assert.ok(await page.locator("#fix-diff .cm-deletedChunk").count() > 0, "deleted lines");
            assert.ok(inserted.length > 0);
            await shot("fix-all");
            await page.click("#fix-apply");
            await page.waitForFunction(() => document.querySelector("#panel-dockerfile .cm-content")?.textContent?.includes("--omit=dev"));
            assert.equal(await editorText(), fixed);
            await expectCodes([]);
            await showTab("context");
            const ignore = await page.locator("#context-dockerignore").innerText();
            for (const line of ignoreLines) assert.ok(ignore.includes(line), line);
            await shot("fix-applied");
        } finally {
            rmSync(dirname(folder), { recursive: true, force: true });
        }
    });

    test("the parse view is the JSON of `slimfile parse`", async () => {
        const text = "# syntax=docker/dockerfile:1\nFROM alpine:3.20 AS base\nRUN <<EOF\necho hi\nEOF\nCMD [\"sh\"]\n";
        await paste(text);
        await showTab("parse");
        await page.waitForSelector("#parse-json .cm-content");
        assert.match(await page.locator("#parse-json .cm-content").innerText(), /"instructions": \[/);
        // The view shows what is on screen; its Copy button gives the whole document.
        await page.click("#parse-copy");
        const shown = await page.evaluate(() => navigator.clipboard.readText());
        const { path, ...expected } = JSON.parse(cli(["parse", "--format", "json", "-"], text).stdout);
        void path;
        assert.deepStrictEqual(JSON.parse(shown), expected);
        await shot("parse");
    });

    test("settings are slimfile.toml text; a mistake is marked at its line", async () => {
        await context.setOffline(false);
        await paste("FROM debian:latest\nRUN apt-get update && apt-get install -y curl\n");
        await showTab("problems");
        await page.click("#tab-settings");
        await paste('ignore = ["DL3015"]\nprefer = "slim"\n', "#panel-settings");
        await expectCodes(cliCheck("FROM debian:latest\nRUN apt-get update && apt-get install -y curl\n").map((d) => d.code).filter((c) => c !== "DL3015"));
        // A mistake on line 3: marked there, and the last good settings stay in use.
        await page.keyboard.press(`${MOD}+End`);
        await page.keyboard.type("selct = []");
        await page.waitForSelector("#tab-settings.has-error");
        const mark = page.locator("#panel-settings .cm-lintRange-error");
        await mark.waitFor();
        assert.equal(await mark.innerText(), "selct");
        const line = await page.locator("#panel-settings .cm-line").filter({ has: page.locator(".cm-lintRange-error") }).innerText();
        assert.equal(line, "selct = []");
        assert.match(await page.locator("#status").innerText(), /line 3: unknown key `selct`/);
        await mark.hover();
        await page.locator(".cm-tooltip-lint").waitFor();
        await shot("settings-error");
        for (let i = 0; i < "selct = []".length; i++) await page.keyboard.press("Backspace");
        await page.waitForSelector("#tab-settings:not(.has-error)");
    });

    test("a share link reproduces the Dockerfile, the settings and the diagnostics", async () => {
        await page.click("#tab-dockerfile");
        const dockerfile = await editorText();
        const settings = await settingsText();
        const codes = await listedCodes();
        await page.click("#share");
        await page.waitForSelector("#share-dialog[open]");
        const link = await page.inputValue("#share-link");
        assert.match(link, /#share=[\w-]+$/);
        assert.match(await page.locator("#share-status").innerText(), /Copied|copy/);
        await shot("share");
        await page.click("#share-close");
        // A fresh page with nothing saved: only the link carries the state.
        await page.evaluate(() => localStorage.clear());
        const other = await context.newPage();
        watch(other);
        await other.goto(link);
        await other.waitForSelector("#panel-problems li.problem");
        const otherText = await other.evaluate(() => Array.from(document.querySelectorAll("#panel-dockerfile .cm-line")).map((l) => l.textContent).join("\n"));
        assert.equal(otherText, dockerfile);
        await other.click("#tab-settings");
        const otherSettings = await other.evaluate(() => Array.from(document.querySelectorAll("#panel-settings .cm-line")).map((l) => l.textContent).join("\n"));
        assert.equal(otherSettings, settings);
        assert.deepStrictEqual(await other.locator("#panel-problems li.problem").evaluateAll((rows) => rows.map((r) => r.dataset.code)), codes);
        assert.equal(new URL(other.url()).hash, "", "the fragment is dropped once read");
        await other.screenshot({ path: join(SHOTS, `${String(++step).padStart(2, "0")}-shared-link.png`) });
        await other.close();
    });

    test("a build context folder feeds the context rules", async () => {
        const folder = makeFolder("shop-api", {
            "package.json": "{\"name\": \"shop\"}\n",
            "package-lock.json": 4_000,
            "index.js": "console.log('shop')\n",
            "node_modules/left-pad/index.js": 800,
            ".git/HEAD": "ref: refs/heads/main\n",
            ".env": "TOKEN=x\n",
            Dockerfile: "FROM node:22-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD [\"node\", \"index.js\"]\n",
            "short.Dockerfile": "FROM node:22-slim\nWORKDIR /app\nCOPY . .\n",
        });
        try {
            await showTab("context");
            await page.click("#panel-context button:has-text('Clear')");
            await showTab("problems");
            const text = "FROM node:22-slim\nWORKDIR /app\nCOPY . .\n";
            await paste(text);
            // Without a context, as the CLI reads standard input: nothing is known of the
            // files, so the secret file rule is silent.
            await expectCodes(cliCheck(text).map((d) => d.code));
            assert.ok(!(await listedCodes()).includes("SF108"));
            await page.setInputFiles("#folder-input", folder);
            await page.waitForSelector("#panel-context:not([hidden]) #context-summary");
            assert.match(await page.locator("#panel-context .context-head h3").innerText(), /^shop-api\/$/);
            assert.match(await page.locator("#context-summary").innerText(), /^8 files · /);
            await showTab("problems");
            await page.waitForSelector("#panel-problems li.problem[data-code='SF107']");
            await page.waitForSelector("#panel-problems li.problem[data-code='SF108']");
            assert.match(await page.locator("#panel-problems li.problem[data-code='SF107']").innerText(), /\.env/);
            const inFolder = JSON.parse(cli(["check", "--no-config", "--format", "json", "--fail-level", "none", join(folder, "short.Dockerfile")]).stdout);
            await expectCodes(inFolder.map((d) => d.code));
            await shot("context-folder");
            // Its Dockerfile opens in the editor; the CLI, run in the folder, agrees.
            await showTab("context");
            await page.click("#panel-context button:has-text('Open its Dockerfile')");
            await page.waitForFunction(() => document.querySelector("#panel-dockerfile .cm-content")?.textContent?.includes("npm ci"));
            const expected = JSON.parse(cli(["check", "--no-config", "--format", "json", "--fail-level", "none", join(folder, "Dockerfile")]).stdout);
            await showTab("problems");
            await expectCodes(expected.map((d) => d.code));
        } finally {
            rmSync(dirname(folder), { recursive: true, force: true });
        }
    });

    test("a Dockerfile dropped on the page opens in the editor", async () => {
        const text = "FROM alpine:3.20\nRUN apk add curl\n";
        await page.evaluate((content) => {
            const transfer = new DataTransfer();
            transfer.items.add(new File([content], "Dockerfile", { type: "text/plain" }));
            document.body.dispatchEvent(new DragEvent("dragenter", { dataTransfer: transfer, bubbles: true }));
            document.body.dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, bubbles: true, cancelable: true }));
        }, text);
        await page.waitForFunction(() => document.querySelector("#panel-dockerfile .cm-content")?.textContent?.includes("apk add"));
        assert.equal(await editorText(), text);
        assert.ok(await page.locator("#drop-overlay").isHidden());
        await expectCodes(await cliCodes(text));
    });

    test("light and dark themes; the choice is kept", async () => {
        await page.click("#theme");
        assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), "dark");
        await shot("dark");
        await page.reload();
        await page.waitForSelector("#app:not([aria-busy])");
        assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), "dark");
        await page.click("#theme");
        assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), "light");
    });

    test("usable by keyboard: next problem, quick fix, tabs, leaving the editor", async () => {
        await paste("FROM debian:12\nRUN apt-get update && apt-get install -y curl\n");
        await expectCodes(await cliCodes("FROM debian:12\nRUN apt-get update && apt-get install -y curl\n"));
        const before = await editorText();
        await page.keyboard.press(`${MOD}+Home`);
        await page.keyboard.press("F8");
        await page.keyboard.press(`${MOD}+.`);
        await page.waitForFunction(
            (text) => Array.from(document.querySelectorAll("#panel-dockerfile .cm-line")).map((l) => l.textContent).join("\n") !== text,
            before,
        );
        // Tab leaves the editor (it does not insert a tab).
        await page.keyboard.press("Tab");
        assert.equal(await page.evaluate(() => !!document.activeElement?.closest(".cm-editor")), false);
        // The view tabs follow the arrow keys.
        await page.focus("#tab-problems");
        await page.keyboard.press("ArrowRight");
        assert.equal(await page.getAttribute("#tab-fixall", "aria-selected"), "true");
        await page.keyboard.press("End");
        assert.equal(await page.getAttribute("#tab-rules", "aria-selected"), "true");
        // `?` lists the shortcuts.
        await page.keyboard.press("?");
        await page.waitForSelector("#shortcuts[open]");
        await shot("keyboard");
        await page.keyboard.press("Escape");
        await showTab("problems");
    });

    test("a panic is an exception with its message, and the page recovers", async () => {
        const caught = await page.evaluate(() => {
            try {
                window.slimfile.__panicForTesting("boom from the browser test");
                return null;
            } catch (e) {
                return { name: e.name, message: e.message };
            }
        });
        assert.equal(caught?.name, "PanicError");
        assert.match(caught.message, /panicked at .*: boom from the browser test$/);
        // The page's own linter and context were made before the panic: they still work.
        const text = "FROM ubuntu:latest\nRUN apt-get update && apt-get install -y git\n";
        await paste(text);
        await expectCodes(await cliCodes(text));
        await shot("after-panic");
    });

    test("no console errors, no request to another host", () => {
        assert.deepStrictEqual(consoleErrors, []);
        assert.deepStrictEqual(foreignRequests, []);
    });
});
