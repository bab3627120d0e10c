// The slimfile playground: a Dockerfile editor checked as you type by slimfile compiled to
// WebAssembly, in this page, with no server.

import { forEachDiagnostic, setDiagnostics, type Diagnostic as CmDiagnostic } from "@codemirror/lint";
import type { EditorView, KeyBinding } from "@codemirror/view";
import init, * as slimfile from "slimfile-wasm";
import type { Diagnostic, FixResult, ParseView, Severity } from "slimfile-wasm";

import { dockerfileEditor, settingsEditor } from "./editor";
import { DEFAULT_EXAMPLE, DEFAULT_SETTINGS, EXAMPLES, type Example } from "./examples";
import { fileFromDrop, folderFromDrop, folderFromInput, type LoadedFolder } from "./folder";
import { OutputPanels } from "./panels";
import { RuleBrowser } from "./rules";
import { readShared, shareLink } from "./share";
import { formatBytes, h, plural } from "./dom";

declare const WASM_URL: string;

const STORAGE_KEY = "slimfile-playground";
const THEME_KEY = "slimfile-playground-theme";

/** Where the build context came from. */
export interface ContextInfo {
    source: "none" | "example" | "folder";
    name: string;
    fileCount: number;
    totalBytes: number;
    /** Whether the file list is known (a folder of more than 50,000 files is not listed). */
    listed: boolean;
    dockerignore: string | null;
    /** Lines that fixes added to the `.dockerignore` here, in the page. */
    addedLines: string[];
    dockerfile: File | null;
}

const NO_CONTEXT: ContextInfo = {
    source: "none", name: "", fileCount: 0, totalBytes: 0, listed: false, dockerignore: null, addedLines: [], dockerfile: null,
};

const LINT_SEVERITY: Record<Severity, CmDiagnostic["severity"]> = {
    error: "error",
    warning: "warning",
    info: "info",
    style: "hint",
};

/** A fix title without its Markdown backticks, for buttons. */
function plainTitle(title: string): string {
    return title.replace(/`/g, "");
}

function $(id: string): HTMLElement {
    const el = document.getElementById(id);
    if (!el) throw new Error(`#${id} is missing from the page`);
    return el;
}

const isMac = /Mac|iPhone|iPad/.test(navigator.platform);
export const MOD = isMac ? "⌘" : "Ctrl";

class Playground {
    editor!: EditorView;
    settingsView!: EditorView;
    // Made once the module is loaded (start).
    linter!: slimfile.Linter;
    settingsError: slimfile.ConfigError | null = null;
    context!: slimfile.Context;
    contextInfo: ContextInfo = NO_CONTEXT;
    /** What the last check found, and on which text. */
    diagnostics: Diagnostic[] = [];
    checkedText = "";
    checkMs = 0;
    panels!: OutputPanels;
    rules!: RuleBrowser;
    #checkTimer = 0;
    #settingsTimer = 0;
    #saveTimer = 0;
    #toastTimer = 0;

    async start(): Promise<void> {
        await init(new URL(WASM_URL, import.meta.url));
        this.linter = new slimfile.Linter();
        this.context = new slimfile.Context();
        // The browser compiles WebAssembly functions on first use: do that now, so the
        // first check shown takes as long as the next ones.
        this.linter.check(DEFAULT_EXAMPLE.dockerfile);
        this.#applyTheme(localStorage.getItem(THEME_KEY) ?? (matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light"));
        $("version").textContent = `slimfile ${slimfile.version()}`;

        const saved = this.#restore();
        const shared = await readShared(window.location.hash);
        let dockerfile = saved?.dockerfile ?? DEFAULT_EXAMPLE.dockerfile;
        let settings = saved?.settings ?? DEFAULT_SETTINGS;
        let exampleContext: Example | undefined = EXAMPLES.find((e) => e.id === (saved ? saved.contextExample : DEFAULT_EXAMPLE.id));
        if (shared instanceof Error) {
            this.toast(`This share link could not be read: ${shared.message}.`, "error");
        } else if (shared !== null) {
            dockerfile = shared.dockerfile;
            settings = shared.settings;
            exampleContext = undefined;
            this.toast("Opened a shared Dockerfile and its settings.");
        }
        if (shared !== null) history.replaceState(null, "", window.location.pathname + window.location.search);

        const rules = slimfile.rules();
        this.rules = new RuleBrowser(rules, { openExample: (text) => this.setDockerfile(text) });
        this.panels = new OutputPanels(this);
        $("panel-rules").append(this.rules.element);

        const keys: KeyBinding[] = [
            { key: "Mod-.", run: () => this.fixAtCursor(), preventDefault: true },
            { key: "Mod-s", run: () => (void this.share(), true), preventDefault: true },
            { key: "Mod-Shift-f", run: () => (this.panels.showFixAll(), true), preventDefault: true },
        ];
        this.editor = dockerfileEditor({
            doc: dockerfile,
            parent: $("panel-dockerfile"),
            keys,
            onChange: () => {
                this.scheduleCheck();
                this.scheduleSave();
            },
        });
        const settingsKeys = Object.keys(this.linter.settings);
        const ruleWords = [...rules.flatMap((r) => [r.code, r.name]), "ALL", "size", "cache", "reproducibility", "security", "correctness", "style"];
        this.settingsView = settingsEditor({
            doc: settings,
            parent: $("panel-settings"),
            keys: settingsKeys,
            ruleWords,
            extraKeys: keys.filter((k) => k.key !== "Mod-."),
            onChange: () => {
                window.clearTimeout(this.#settingsTimer);
                this.#settingsTimer = window.setTimeout(() => this.applySettings(), 120);
                this.scheduleSave();
            },
        });
        if (exampleContext) this.useExampleContext(exampleContext, false);

        this.#wireHeader();
        this.#wireTabs();
        this.#wireSplitter();
        this.#wireDrop();
        window.addEventListener("hashchange", () => this.#route());
        this.applySettings(false);
        this.check();
        this.#route();
        document.body.classList.remove("loading");
        $("app").removeAttribute("aria-busy");
        // The console is part of the playground for tool authors: `slimfile.check(...)`.
        Object.assign(window, { slimfile });
    }

    // ---- checking -------------------------------------------------------------------

    scheduleCheck(): void {
        window.clearTimeout(this.#checkTimer);
        // Small files are checked at once (well under a millisecond); big pastes wait for
        // a pause in typing.
        const delay = this.editor.state.doc.length > 200_000 ? 250 : 40;
        this.#checkTimer = window.setTimeout(() => this.check(), delay);
    }

    /** Runs a call into slimfile; a panic is shown, and the page goes on. */
    guard<T>(what: string, f: () => T): T | null {
        try {
            return f();
        } catch (e) {
            if (e instanceof slimfile.PanicError) {
                this.toast(`slimfile failed while ${what} and was restarted: ${e.message}. Please report this input.`, "error", 12_000);
                return null;
            }
            if (e instanceof slimfile.InputError) {
                this.toast(e.message, "error");
                return null;
            }
            throw e;
        }
    }

    check(): void {
        window.clearTimeout(this.#checkTimer);
        const text = this.editor.state.doc.toString();
        const start = performance.now();
        const found = this.guard("checking", () => this.linter.check(text, { context: this.context }));
        this.checkMs = performance.now() - start;
        this.diagnostics = found ?? [];
        this.checkedText = text;
        this.editor.dispatch(setDiagnostics(this.editor.state, this.diagnostics.map((d) => this.#toLint(d))));
        this.panels.checked();
    }

    #toLint(d: Diagnostic): CmDiagnostic {
        const length = this.editor.state.doc.length;
        const fix = d.fix;
        const actions = fix && fix.applicability !== "display-only"
            ? [{ name: plainTitle(fix.title) + (fix.applicability === "unsafe" ? " (unsafe)" : ""), apply: () => this.applyFix(d) }]
            : [];
        return {
            from: Math.min(d.span[0], length),
            to: Math.min(d.span[1], length),
            severity: LINT_SEVERITY[d.severity],
            message: d.message,
            renderMessage: () => this.panels.hoverCard(d),
            actions,
        };
    }

    /** Applies the fix of one diagnostic of the last check. */
    applyFix(d: Diagnostic): void {
        const fix = d.fix;
        if (!fix || fix.applicability === "display-only") return;
        if (this.editor.state.doc.toString() !== this.checkedText) this.check();
        const current = this.diagnostics.find((x) => x.code === d.code && x.message === d.message && x.fix?.title === fix.title) ?? d;
        const edits = current.fix?.edits ?? [];
        if (edits.length > 0) {
            this.editor.dispatch({
                changes: edits.map((e) => ({ from: e.span[0], to: e.span[1], insert: e.content })),
                userEvent: "input.fix",
                scrollIntoView: true,
            });
            this.check();
            this.toast(`Applied: ${plainTitle(fix.title)}`);
            return;
        }
        // A fix that only adds `.dockerignore` lines: apply it to the context held here.
        const result = this.guard("fixing", () =>
            this.linter.fix(this.checkedText, { context: this.context, only: [d.code], unsafeFixes: fix.applicability === "unsafe" }));
        if (result?.dockerignore != null && result.dockerignore_additions.length > 0) {
            this.setDockerignore(result.dockerignore, result.dockerignore_additions);
            this.toast(`Added to the .dockerignore: ${result.dockerignore_additions.join(", ")}`);
        }
    }

    /** Applies the first fix at the cursor (Mod-.). */
    fixAtCursor(): boolean {
        const pos = this.editor.state.selection.main.head;
        let target: CmDiagnostic | null = null;
        forEachDiagnostic(this.editor.state, (d, from, to) => {
            if (target === null && from <= pos && pos <= to && d.actions && d.actions.length > 0) target = d;
        });
        const found = target as CmDiagnostic | null;
        if (found?.actions?.[0]) {
            found.actions[0].apply(this.editor, found.from, found.to);
        } else {
            this.toast("No fix here. F8 goes to the next problem.");
        }
        return true;
    }

    fix(unsafeFixes: boolean): FixResult | null {
        const text = this.editor.state.doc.toString();
        return this.guard("fixing", () => this.linter.fix(text, { context: this.context, unsafeFixes }));
    }

    parse(): ParseView | null {
        const text = this.editor.state.doc.toString();
        return this.guard("parsing", () => this.linter.parse(text));
    }

    /** Replaces the Dockerfile with `fixed` (undoable), and the `.dockerignore` when the fixes changed it. */
    applyRewrite(result: FixResult): void {
        this.editor.dispatch({
            changes: { from: 0, to: this.editor.state.doc.length, insert: result.text },
            userEvent: "input.fix",
        });
        if (result.dockerignore !== null && result.dockerignore_additions.length > 0) {
            this.setDockerignore(result.dockerignore, result.dockerignore_additions);
        }
        this.check();
        this.toast(`Applied ${plural(result.applied.length, "fix", "fixes")}.`);
        this.editor.focus();
    }

    setDockerfile(text: string): void {
        this.editor.dispatch({ changes: { from: 0, to: this.editor.state.doc.length, insert: text } });
        this.#showInputTab("dockerfile");
        this.check();
        this.editor.focus();
    }

    // ---- settings -------------------------------------------------------------------

    applySettings(recheck = true): void {
        const text = this.settingsView.state.doc.toString();
        let error: slimfile.ConfigError | null = null;
        try {
            const next = slimfile.Linter.fromToml(text);
            this.linter.free();
            this.linter = next;
        } catch (e) {
            if (!(e instanceof slimfile.ConfigError)) throw e;
            error = e;
        }
        this.settingsError = error;
        const doc = this.settingsView.state.doc;
        const marks: CmDiagnostic[] = [];
        if (error) {
            let from = 0;
            let to = doc.length;
            if (error.line >= 1 && error.line <= doc.lines) {
                const line = doc.line(error.line);
                // The column counts characters; the editor counts UTF-16 units.
                const chars = Array.from(line.text).slice(0, Math.max(0, error.column - 1)).join("");
                from = Math.min(line.from + chars.length, line.to);
                const word = /^[^\s=,\]]+/.exec(line.text.slice(from - line.from));
                to = Math.max(from, from + (word ? word[0].length : 0), from === line.to ? from : from + 1);
                to = Math.min(to, line.to);
            }
            marks.push({ from, to, severity: "error", message: error.reason, source: "slimfile.toml" });
        }
        this.settingsView.dispatch(setDiagnostics(this.settingsView.state, marks));
        const tab = $("tab-settings");
        tab.classList.toggle("has-error", error !== null);
        tab.title = error ? `Settings error: ${error.message}` : "";
        if (recheck) this.check();
        this.panels.settingsChanged();
    }

    // ---- context ---------------------------------------------------------------------

    setContext(info: ContextInfo, files: slimfile.ContextFile[] | null): void {
        this.context.free();
        this.context = new slimfile.Context({ files, dockerignore: info.dockerignore });
        this.contextInfo = info;
        this.panels.contextChanged();
        this.check();
    }

    useExampleContext(example: Example, recheck = true): void {
        const info: ContextInfo = {
            source: "example",
            name: `${example.title} example`,
            fileCount: example.files.length,
            totalBytes: example.files.reduce((s, f) => s + f.size, 0),
            listed: true,
            dockerignore: example.dockerignore,
            addedLines: [],
            dockerfile: null,
        };
        if (recheck) {
            this.setContext(info, example.files);
        } else {
            this.context.free();
            this.context = new slimfile.Context({ files: example.files, dockerignore: example.dockerignore });
            this.contextInfo = info;
            this.panels.contextChanged();
        }
        this.scheduleSave();
    }

    useFolder(folder: LoadedFolder): void {
        this.setContext({
            source: "folder",
            name: folder.name,
            fileCount: folder.fileCount,
            totalBytes: folder.totalBytes,
            listed: folder.files !== null,
            dockerignore: folder.dockerignore,
            addedLines: [],
            dockerfile: folder.dockerfile,
        }, folder.files);
        this.panels.show("context");
        const listed = folder.files === null ? "too many files to list: only its .dockerignore is used" : plural(folder.fileCount, "file");
        this.toast(`Build context: ${folder.name}/ (${listed}), read on this machine.`);
        this.scheduleSave();
    }

    clearContext(): void {
        this.setContext(NO_CONTEXT, null);
        this.scheduleSave();
    }

    setDockerignore(text: string, added: string[]): void {
        const info = { ...this.contextInfo, dockerignore: text, addedLines: [...this.contextInfo.addedLines, ...added] };
        const files = this.context.files;
        this.setContext(info.source === "none" ? { ...info, source: "example", name: "Fixes" } : info, files);
    }

    async openFolderDockerfile(): Promise<void> {
        const file = this.contextInfo.dockerfile;
        if (!file) return;
        await this.openFile(file);
    }

    async openFile(file: File): Promise<void> {
        const bytes = new Uint8Array(await file.arrayBuffer());
        const text = this.guard("reading the file", () => slimfile.decode(bytes));
        if (text !== null) {
            this.setDockerfile(text);
            this.toast(`Opened ${file.name}.`);
        }
    }

    // ---- sharing and saving -------------------------------------------------------------

    async share(): Promise<void> {
        const link = await shareLink({ dockerfile: this.editor.state.doc.toString(), settings: this.settingsView.state.doc.toString() });
        const input = $("share-link") as HTMLInputElement;
        input.value = link;
        const dialog = $("share-dialog") as HTMLDialogElement;
        if (!dialog.open) dialog.showModal();
        input.select();
        let copied = false;
        try {
            await navigator.clipboard.writeText(link);
            copied = true;
        } catch {
            // No clipboard permission: the link is selected in the dialog.
        }
        $("share-status").textContent = copied ? "Copied to the clipboard." : "Select and copy the link.";
        $("share-note").textContent = this.contextInfo.source === "folder"
            ? "The link holds the Dockerfile and the settings; the build context stays on this machine."
            : "The link holds the Dockerfile and the settings.";
    }

    scheduleSave(): void {
        window.clearTimeout(this.#saveTimer);
        this.#saveTimer = window.setTimeout(() => {
            try {
                localStorage.setItem(STORAGE_KEY, JSON.stringify({
                    dockerfile: this.editor.state.doc.toString(),
                    settings: this.settingsView.state.doc.toString(),
                    contextExample: this.contextInfo.source === "example"
                        ? EXAMPLES.find((e) => `${e.title} example` === this.contextInfo.name)?.id ?? null
                        : null,
                }));
            } catch {
                // Storage full or disabled: the page works without it.
            }
        }, 300);
    }

    #restore(): { dockerfile: string; settings: string; contextExample: string | null } | null {
        try {
            const value = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? "null");
            if (value && typeof value.dockerfile === "string" && typeof value.settings === "string") return value;
        } catch {
            // Unreadable: start afresh.
        }
        return null;
    }

    // ---- page ------------------------------------------------------------------------

    toast(message: string, kind: "info" | "error" = "info", ms = 4_000): void {
        const el = $("toast");
        el.textContent = message;
        el.className = `toast show ${kind}`;
        window.clearTimeout(this.#toastTimer);
        this.#toastTimer = window.setTimeout(() => el.classList.remove("show"), ms);
    }

    #applyTheme(theme: string): void {
        const dark = theme === "dark";
        document.documentElement.dataset.theme = dark ? "dark" : "light";
        const button = $("theme");
        button.setAttribute("aria-pressed", String(dark));
        button.title = dark ? "Switch to the light theme" : "Switch to the dark theme";
    }

    #wireHeader(): void {
        const examples = $("examples") as HTMLSelectElement;
        examples.append(...EXAMPLES.map((e) => h("option", { value: e.id }, e.title)));
        examples.value = "";
        examples.addEventListener("change", () => {
            const example = EXAMPLES.find((e) => e.id === examples.value);
            examples.value = "";
            if (!example) return;
            this.setDockerfile(example.dockerfile);
            this.useExampleContext(example);
            this.toast(`${example.title} example, with its build context (${plural(example.files.length, "file")}).`);
        });
        $("fix-all").addEventListener("click", () => this.panels.showFixAll());
        $("share").addEventListener("click", () => void this.share());
        $("share-close").addEventListener("click", () => ($("share-dialog") as HTMLDialogElement).close());
        $("theme").addEventListener("click", () => {
            const next = document.documentElement.dataset.theme === "dark" ? "light" : "dark";
            localStorage.setItem(THEME_KEY, next);
            this.#applyTheme(next);
        });
        const folderInput = $("folder-input") as HTMLInputElement;
        $("load-folder").addEventListener("click", () => folderInput.click());
        folderInput.addEventListener("change", async () => {
            if (!folderInput.files) return;
            const folder = await folderFromInput(folderInput.files);
            folderInput.value = "";
            if (folder) this.useFolder(folder);
        });
        $("help").addEventListener("click", () => ($("shortcuts") as HTMLDialogElement).showModal());
        $("shortcuts-close").addEventListener("click", () => ($("shortcuts") as HTMLDialogElement).close());
        for (const el of Array.from(document.querySelectorAll("[data-mod]"))) el.textContent = MOD;
        for (const el of Array.from(document.querySelectorAll<HTMLElement>("[title*='Mod-']"))) el.title = el.title.replace("Mod-", `${MOD}-`);
        document.addEventListener("keydown", (e) => {
            const target = e.target as HTMLElement;
            const typing = target.closest(".cm-editor, input, textarea, select");
            if (e.key === "?" && !typing) {
                e.preventDefault();
                ($("shortcuts") as HTMLDialogElement).showModal();
            }
            if ((e.metaKey || e.ctrlKey) && e.key === "s" && !typing) {
                e.preventDefault();
                void this.share();
            }
        });
    }

    #showInputTab(name: "dockerfile" | "settings"): void {
        for (const tab of ["dockerfile", "settings"]) {
            const selected = tab === name;
            $(`tab-${tab}`).setAttribute("aria-selected", String(selected));
            $(`tab-${tab}`).tabIndex = selected ? 0 : -1;
            $(`panel-${tab}`).hidden = !selected;
        }
    }

    #wireTabs(): void {
        for (const name of ["dockerfile", "settings"] as const) {
            $(`tab-${name}`).addEventListener("click", () => {
                this.#showInputTab(name);
                (name === "dockerfile" ? this.editor : this.settingsView).focus();
            });
        }
        // Arrow keys move between the tabs of a tab list (WAI-ARIA tabs pattern).
        for (const list of Array.from(document.querySelectorAll<HTMLElement>("[role=tablist]"))) {
            list.addEventListener("keydown", (e) => {
                const tabs = Array.from(list.querySelectorAll<HTMLElement>("[role=tab]"));
                const at = tabs.indexOf(document.activeElement as HTMLElement);
                if (at < 0) return;
                const next = e.key === "ArrowRight" ? at + 1 : e.key === "ArrowLeft" ? at - 1 : e.key === "Home" ? 0 : e.key === "End" ? tabs.length - 1 : null;
                if (next === null) return;
                e.preventDefault();
                const tab = tabs[(next + tabs.length) % tabs.length];
                tab.focus();
                tab.click();
            });
        }
    }

    #wireSplitter(): void {
        const splitter = $("splitter");
        const main = $("app");
        const set = (fraction: number) => {
            const f = Math.min(0.8, Math.max(0.2, fraction));
            main.style.setProperty("--left", `${(f * 100).toFixed(1)}%`);
            splitter.setAttribute("aria-valuenow", String(Math.round(f * 100)));
        };
        splitter.addEventListener("pointerdown", (e) => {
            splitter.setPointerCapture(e.pointerId);
            const move = (ev: PointerEvent) => {
                const rect = main.getBoundingClientRect();
                set((ev.clientX - rect.left) / rect.width);
            };
            splitter.addEventListener("pointermove", move);
            splitter.addEventListener("pointerup", () => splitter.removeEventListener("pointermove", move), { once: true });
        });
        splitter.addEventListener("keydown", (e) => {
            const now = Number(splitter.getAttribute("aria-valuenow") ?? "50") / 100;
            if (e.key === "ArrowLeft") set(now - 0.05);
            else if (e.key === "ArrowRight") set(now + 0.05);
            else return;
            e.preventDefault();
        });
    }

    #wireDrop(): void {
        const overlay = $("drop-overlay");
        let depth = 0;
        document.addEventListener("dragenter", (e) => {
            if (!e.dataTransfer?.types.includes("Files")) return;
            depth++;
            overlay.hidden = false;
        });
        document.addEventListener("dragleave", () => {
            depth = Math.max(0, depth - 1);
            if (depth === 0) overlay.hidden = true;
        });
        document.addEventListener("dragover", (e) => {
            if (e.dataTransfer?.types.includes("Files")) e.preventDefault();
        });
        document.addEventListener("drop", async (e) => {
            depth = 0;
            overlay.hidden = true;
            if (!e.dataTransfer) return;
            e.preventDefault();
            const single = fileFromDrop(e.dataTransfer);
            const folder = single === null ? await folderFromDrop(e.dataTransfer) : null;
            if (folder) this.useFolder(folder);
            else if (single) await this.openFile(single);
        });
    }

    /** `#rule=DL3009` opens the rule browser at a rule. */
    #route(): void {
        const m = /^#rule=([\w-]+)$/.exec(window.location.hash);
        if (!m) return;
        if (this.rules.show(m[1])) {
            this.panels.show("rules");
            this.rules.focusDoc();
        }
    }

    hasUnsafeFixes(): boolean {
        return this.diagnostics.some((d) => d.fix?.applicability === "unsafe");
    }

    counts(): Record<Severity, number> {
        const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, style: 0 };
        for (const d of this.diagnostics) counts[d.severity]++;
        return counts;
    }

    /** "shop-api · 8 files · 5.0 kB" (without the name when `named` is false). */
    describeContext(named = true): string {
        const c = this.contextInfo;
        if (c.source === "none") return "no build context";
        const files = c.listed ? plural(c.fileCount, "file") : "files not listed";
        return [named ? c.name : null, files, formatBytes(c.totalBytes)].filter(Boolean).join(" · ");
    }
}

export type { Playground };

const app = new Playground();
app.start().catch((e: unknown) => {
    const message = e instanceof Error ? e.message : String(e);
    const el = document.getElementById("fatal");
    if (el) {
        el.hidden = false;
        el.textContent = `The playground could not start: ${message}`;
    }
    throw e;
});
