// Makes the README's screenshots of the built playground (headless Chromium):
// docs/playground.png (the Node example, a hover with its fix) and
// docs/playground-fix-all.png (Fix all with unsafe fixes, dark theme).
//
//   node playground/screenshot.mjs        (after `make playground`; CHROMIUM)

import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import { chromium } from "playwright-core";

import { serve } from "./serve.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const docs = join(here, "..", "docs");
mkdirSync(docs, { recursive: true });

const { server, port } = await serve(join(here, "dist"), 0);
const userData = mkdtempSync(join(tmpdir(), "slimfile-chromium-"));
const context = await chromium.launchPersistentContext(userData, {
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
    viewport: { width: 1280, height: 720 },
    colorScheme: "light",
});
try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.waitForSelector("#panel-problems li.problem");
    await page.locator("#panel-dockerfile .cm-lintRange-warning").first().hover();
    await page.locator(".cm-tooltip-lint").waitFor();
    await page.screenshot({ path: join(docs, "playground.png") });

    await page.mouse.move(10, 700);
    await page.click("#theme");
    await page.click("#fix-all");
    await page.click(".segmented [data-unsafe='true']");
    await page.waitForSelector("#fix-diff .cm-editor");
    await page.screenshot({ path: join(docs, "playground-fix-all.png") });
    await page.click("#theme");
    console.log(`screenshots written to ${docs}`);
} finally {
    await context.close();
    server.close();
    rmSync(userData, { recursive: true, force: true });
}
