// The output side of the page: problems, the Fix all preview, the build context, the
// parse view and the rule browser, plus the status bar and the hover card.

import { EditorView } from "@codemirror/view";
import type { Diagnostic, FixResult } from "slimfile-wasm";

import { formatBytes, h, plural, replace, richText } from "./dom";
import { diffState, jsonViewer, setJson } from "./editor";
import type { Playground } from "./main";

export type PanelName = "problems" | "fixall" | "context" | "parse" | "rules";
const PANELS: PanelName[] = ["problems", "fixall", "context", "parse", "rules"];

const SEVERITY_LABEL = { error: "error", warning: "warning", info: "info", style: "style" } as const;

function ruleLink(code: string, name?: string): HTMLAnchorElement {
    return h("a", { class: "rule-link", href: `#rule=${code}`, title: name ? `${name}: read the rule's documentation` : "Read the rule's documentation" }, code);
}

export class OutputPanels {
    #app: Playground;
    #current: PanelName = "problems";
    #fixUnsafe = false;
    #fixResult: FixResult | null = null;
    #fixStale = true;
    #parseStale = true;
    #diffView: EditorView | null = null;
    #jsonView: EditorView | null = null;
    #parseJson = "";

    constructor(app: Playground) {
        this.#app = app;
        for (const name of PANELS) {
            document.getElementById(`tab-${name}`)?.addEventListener("click", () => this.show(name));
        }
    }

    show(name: PanelName): void {
        this.#current = name;
        for (const panel of PANELS) {
            const selected = panel === name;
            const tab = document.getElementById(`tab-${panel}`) as HTMLElement;
            tab.setAttribute("aria-selected", String(selected));
            tab.tabIndex = selected ? 0 : -1;
            (document.getElementById(`panel-${panel}`) as HTMLElement).hidden = !selected;
        }
        this.#refresh();
    }

    /** Opens the Fix all preview. */
    showFixAll(): void {
        this.show("fixall");
        document.getElementById("fix-apply")?.focus();
    }

    /** After each check. */
    checked(): void {
        this.#fixStale = true;
        this.#parseStale = true;
        this.#renderProblems();
        this.#renderStatus();
        this.#refresh();
    }

    settingsChanged(): void {
        this.#renderStatus();
    }

    contextChanged(): void {
        this.#renderContext();
        this.#renderStatus();
    }

    #refresh(): void {
        if (this.#current === "fixall" && this.#fixStale) this.#renderFixAll();
        if (this.#current === "parse" && this.#parseStale) this.#renderParse();
    }

    // ---- hover ---------------------------------------------------------------------

    /** What a hover over a flagged range shows (the fix buttons follow it). */
    hoverCard(d: Diagnostic): HTMLElement {
        return h("div", { class: "hover-card" },
            h("div", { class: "hover-message" }, richText(d.message)),
            h("div", { class: "hover-meta" },
                h("span", { class: `sev sev-${d.severity}` }, SEVERITY_LABEL[d.severity]),
                ruleLink(d.code, d.name),
                h("span", { class: "muted" }, d.name),
                d.savings_bytes ? h("span", { class: "savings" }, `≈ ${formatBytes(d.savings_bytes)} smaller`) : null),
            d.fix?.applicability === "display-only" ? h("div", { class: "advice" }, "Advice: ", richText(d.fix.title)) : null);
    }

    // ---- problems -----------------------------------------------------------------

    #renderProblems(): void {
        const app = this.#app;
        const list = document.getElementById("panel-problems") as HTMLElement;
        const diagnostics = app.diagnostics;
        const count = document.getElementById("problem-count") as HTMLElement;
        count.textContent = String(diagnostics.length);
        count.dataset.worst = diagnostics.some((d) => d.severity === "error") ? "error" : diagnostics.length ? "warning" : "none";
        if (diagnostics.length === 0) {
            replace(list, h("div", { class: "empty" },
                h("p", { class: "ok" }, "No problems found."),
                h("p", { class: "muted" }, app.contextInfo.source === "none"
                    ? "Context rules (what COPY sends, .dockerignore) need a build context: load a folder or pick an example."
                    : "")));
            return;
        }
        const fixable = diagnostics.filter((d) => d.fix && d.fix.applicability !== "display-only");
        replace(list,
            h("div", { class: "list-head" },
                h("span", {}, plural(diagnostics.length, "problem")),
                fixable.length ? h("span", { class: "muted" }, ` · ${fixable.length} fixable`) : null,
                h("span", { class: "spacer" }),
                fixable.length ? h("button", { type: "button", class: "small", onclick: () => this.showFixAll() }, "Fix all…") : null),
            h("ul", { class: "problems", "aria-label": "Problems" },
                diagnostics.map((d) => this.#problemRow(d))));
    }

    #problemRow(d: Diagnostic): HTMLLIElement {
        const app = this.#app;
        const fix = d.fix;
        const jump = () => {
            const length = app.editor.state.doc.length;
            app.editor.dispatch({
                selection: { anchor: Math.min(d.span[0], length), head: Math.min(d.span[1], length) },
                scrollIntoView: true,
            });
            app.editor.focus();
        };
        return h("li", { class: `problem sev-${d.severity}`, "data-code": d.code },
            h("span", { class: `sev-icon sev-${d.severity}`, title: d.severity, "aria-label": d.severity }),
            h("button", { type: "button", class: "problem-main", onclick: jump, title: "Show in the editor" },
                h("span", { class: "message" }, richText(d.message), " ", h("span", { class: "where" }, `${d.range.start.line}:${d.range.start.column}`)),
                fix ? h("span", { class: "fix-title" }, fix.applicability === "display-only" ? "Advice: " : "Fix: ", richText(fix.title)) : null),
            h("span", { class: "problem-meta" },
                ruleLink(d.code, d.name),
                d.savings_bytes ? h("span", { class: "savings", title: "Estimated size the fix saves" }, `≈ ${formatBytes(d.savings_bytes)}`) : null,
                fix && fix.applicability !== "display-only"
                    ? h("button", {
                        type: "button",
                        class: `small fix-button ${fix.applicability}`,
                        title: fix.applicability === "unsafe" ? `${fix.title} (unsafe: may change behaviour)` : fix.title,
                        "aria-label": `${fix.applicability === "unsafe" ? "Unsafe fix" : "Fix"}: ${fix.title.replace(/`/g, "")}`,
                        onclick: () => app.applyFix(d),
                    }, fix.applicability === "unsafe" ? "Fix (unsafe)" : "Fix")
                    : null));
    }

    // ---- fix all -------------------------------------------------------------------

    #renderFixAll(): void {
        const app = this.#app;
        this.#fixStale = false;
        const panel = document.getElementById("panel-fixall") as HTMLElement;
        const result = app.fix(this.#fixUnsafe);
        this.#fixResult = result;
        const original = app.editor.state.doc.toString();
        const mode = h("div", { class: "segmented", role: "radiogroup", "aria-label": "Which fixes" },
            this.#modeButton("Safe fixes", false),
            this.#modeButton("Safe + unsafe", true));
        if (result === null) {
            replace(panel, mode, h("p", { class: "muted" }, "The fixes could not be computed."));
            return;
        }
        const changed = result.text !== original;
        const unsafeHint = !this.#fixUnsafe && app.hasUnsafeFixes()
            ? h("p", { class: "hint" }, "More fixes are unsafe (they may change what the image does): choose ", h("strong", {}, "Safe + unsafe"), " to preview them.")
            : null;
        const summary = h("div", { class: "fix-summary", id: "fix-summary" },
            h("div", { class: "stat" }, h("strong", {}, String(result.applied.length)), h("span", {}, result.applied.length === 1 ? "fix applied" : "fixes applied")),
            h("div", { class: "stat", id: "fix-saved" },
                h("strong", {}, result.saved_bytes > 0 ? `≈ ${formatBytes(result.saved_bytes)}` : "—"),
                h("span", {}, result.saved_bytes > 0 ? "smaller image (estimate)" : "no size estimate")),
            h("div", { class: "stat" }, h("strong", {}, String(result.remaining.length)), h("span", {}, result.remaining.length === 1 ? "problem left" : "problems left")));
        const ignore = result.dockerignore_additions.length > 0
            ? h("section", { class: "dockerignore-add", id: "fix-dockerignore" },
                h("h3", {}, ".dockerignore ", h("span", { class: "muted" }, app.contextInfo.dockerignore === null ? "(new file)" : "(lines added)")),
                h("pre", { class: "code-block" }, result.dockerignore_additions.map((line) => h("div", { class: "added-line" }, `+ ${line}`))),
                h("button", { type: "button", class: "small", onclick: () => this.#copy(result.dockerignore ?? "", ".dockerignore copied.") }, "Copy .dockerignore"))
            : null;
        const applied = result.applied.length > 0
            ? h("details", { class: "applied" },
                h("summary", {}, "What changed"),
                h("ol", {}, result.applied.map((a) => h("li", {}, ruleLink(a.code), " ", richText(a.title),
                    a.applicability === "unsafe" ? h("span", { class: "badge unsafe" }, "unsafe") : null,
                    h("span", { class: "muted" }, ` · pass ${a.pass}`)))))
            : null;
        const rejected = result.rejected.length > 0
            ? h("div", { class: "rejected" }, h("h3", {}, "Left out"), h("ul", {}, result.rejected.map((r) => h("li", {}, ruleLink(r.code), " ", richText(r.title), ": ", r.reason))))
            : null;
        const diffHost = h("div", { class: "diff", id: "fix-diff" });
        replace(panel,
            h("div", { class: "fix-toolbar" },
                mode,
                h("span", { class: "spacer" }),
                h("button", {
                    type: "button",
                    id: "fix-apply",
                    class: "primary",
                    disabled: !changed && result.dockerignore_additions.length === 0,
                    onclick: () => {
                        if (this.#fixResult) app.applyRewrite(this.#fixResult);
                    },
                }, "Apply to editor")),
            unsafeHint,
            summary,
            result.converged ? null : h("p", { class: "hint" }, "The fixes did not settle within the pass limit; what is shown is the last pass."),
            ignore,
            changed ? diffHost : h("p", { class: "muted" }, "No change to the Dockerfile."),
            applied,
            rejected);
        if (changed) {
            this.#diffView?.destroy();
            this.#diffView = new EditorView({ parent: diffHost, state: diffState(original, result.text) });
        }
    }

    #modeButton(label: string, unsafe: boolean): HTMLButtonElement {
        return h("button", {
            type: "button",
            role: "radio",
            "aria-checked": String(this.#fixUnsafe === unsafe),
            "data-unsafe": String(unsafe),
            onclick: () => {
                this.#fixUnsafe = unsafe;
                this.#renderFixAll();
                (document.querySelector(`.segmented [data-unsafe="${unsafe}"]`) as HTMLElement | null)?.focus();
            },
        }, label);
    }

    async #copy(text: string, done: string): Promise<void> {
        try {
            await navigator.clipboard.writeText(text);
            this.#app.toast(done);
        } catch {
            this.#app.toast("The clipboard is not available here.", "error");
        }
    }

    // ---- context -------------------------------------------------------------------

    #renderContext(): void {
        const app = this.#app;
        const c = app.contextInfo;
        const panel = document.getElementById("panel-context") as HTMLElement;
        const badge = document.getElementById("context-badge") as HTMLElement;
        badge.hidden = c.source === "none";
        const pick = h("button", { type: "button", class: "primary", onclick: () => document.getElementById("folder-input")?.click() }, "Choose a folder…");
        const explain = h("p", { class: "muted" },
            "The build context is the folder docker build sends. slimfile reads its file list (names and sizes) and its ",
            h("code", {}, ".dockerignore"),
            " in this browser tab, to see what COPY sends into the image. Nothing leaves your machine: file contents are not read.");
        if (c.source === "none") {
            replace(panel, h("div", { class: "dropzone" },
                h("p", { class: "big" }, "Drop a folder here, or"),
                pick,
                explain));
            return;
        }
        replace(panel,
            h("div", { class: "context-head" },
                h("div", {},
                    h("h3", {}, c.source === "folder" ? `${c.name}/` : c.name),
                    h("p", { class: "muted", id: "context-summary" }, app.describeContext(false))),
                h("span", { class: "spacer" }),
                c.dockerfile ? h("button", { type: "button", class: "small", onclick: () => void app.openFolderDockerfile() }, `Open its ${c.dockerfile.name}`) : null,
                h("button", { type: "button", class: "small", onclick: () => document.getElementById("folder-input")?.click() }, "Another folder…"),
                h("button", { type: "button", class: "small", onclick: () => app.clearContext() }, "Clear")),
            c.listed ? null : h("p", { class: "hint" }, "More than 50,000 files: as the CLI does, the list is not used; the .dockerignore is."),
            h("section", {},
                h("h3", {}, ".dockerignore ", c.addedLines.length ? h("span", { class: "badge fix" }, `+${c.addedLines.length} from fixes`) : null),
                c.dockerignore === null
                    ? h("p", { class: "muted" }, "None: everything in the context is sent.")
                    : h("pre", { class: "code-block", id: "context-dockerignore" }, c.dockerignore.split("\n").filter((l, i, all) => i < all.length - 1 || l).map((line) =>
                        h("div", { class: c.addedLines.includes(line) ? "added-line" : "" }, line || " "))),
                c.addedLines.length && c.dockerignore !== null
                    ? h("button", { type: "button", class: "small", onclick: () => void this.#copy(c.dockerignore ?? "", ".dockerignore copied.") }, "Copy .dockerignore")
                    : null),
            this.#fileList(),
            explain);
    }

    #fileList(): HTMLElement | null {
        const files = this.#app.context.files;
        if (!files || files.length === 0) return null;
        const shown = files.slice(0, 200);
        return h("details", { class: "files" },
            h("summary", {}, `Files (${plural(files.length, "file")})`),
            h("ul", {}, shown.map((f) => h("li", {}, h("span", {}, f.path), h("span", { class: "muted" }, formatBytes(f.size))))),
            files.length > shown.length ? h("p", { class: "muted" }, `and ${plural(files.length - shown.length, "more file")}`) : null);
    }

    // ---- parse view ----------------------------------------------------------------

    #renderParse(): void {
        this.#parseStale = false;
        const panel = document.getElementById("panel-parse") as HTMLElement;
        if (this.#jsonView === null) {
            const host = h("div", { class: "json", id: "parse-json" });
            replace(panel,
                h("div", { class: "parse-head" },
                    h("p", { class: "muted" }, "What ", h("code", {}, "slimfile parse --format json"), " prints: every item of the file, each instruction as BuildKit's parser reports it (offsets in UTF-16 units), and the parse errors and warnings."),
                    h("button", { type: "button", class: "small", id: "parse-copy", onclick: () => void this.#copy(this.#parseJson, "Parse view copied as JSON.") }, "Copy JSON")),
                host);
            this.#jsonView = jsonViewer(host);
        }
        const view = this.#app.parse();
        this.#parseJson = view === null ? "null" : JSON.stringify(view, null, 2);
        setJson(this.#jsonView, this.#parseJson);
    }

    // ---- status bar ----------------------------------------------------------------

    #renderStatus(): void {
        const app = this.#app;
        const counts = app.counts();
        const parts = (["error", "warning", "info", "style"] as const)
            .filter((s) => counts[s] > 0)
            .map((s) => h("span", { class: `count sev-${s}` }, s === "info" || s === "style" ? `${counts[s]} ${s}` : plural(counts[s], s)));
        const status = document.getElementById("status") as HTMLElement;
        replace(status,
            h("span", { class: "status-problems" }, parts.length ? parts : h("span", { class: "ok" }, "No problems")),
            h("span", { class: "status-item", title: "Time of the last check, in this tab" }, `checked in ${app.checkMs.toFixed(app.checkMs < 10 ? 2 : 0)} ms`),
            h("button", { type: "button", class: "status-item link", onclick: () => this.show("context") }, app.describeContext()),
            app.settingsError
                ? h("button", {
                    type: "button",
                    class: "status-item error",
                    title: `${app.settingsError.message}. The last valid settings are in use.`,
                    onclick: () => document.getElementById("tab-settings")?.click(),
                }, `slimfile.toml: ${app.settingsError.line > 0 ? `line ${app.settingsError.line}: ` : ""}${app.settingsError.reason.split(";")[0]} (last valid settings in use)`)
                : h("span", { class: "status-item" }, "slimfile.toml ok"));
    }
}
