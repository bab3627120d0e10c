// The rule browser: every rule with its documentation (the same Markdown `slimfile rule`
// prints), searchable, with highlighted examples that open in the editor.

import { highlightCode } from "@lezer/highlight";
import { Marked } from "marked";
import type { RuleInfo } from "slimfile-wasm";

import { h, replace } from "./dom";
import { dockerfileLanguage, highlightStyle, tomlLanguage } from "./languages";

const markdown = new Marked({ gfm: true, async: false });

const CATEGORY_ORDER = ["size", "cache", "reproducibility", "security", "correctness", "style"];

export interface RuleBrowserOptions {
    /** Opens a documentation example in the editor. */
    openExample(text: string): void;
}

/** Highlights the code blocks of rendered documentation in place. */
function highlightBlocks(root: HTMLElement, options: RuleBrowserOptions): void {
    for (const code of Array.from(root.querySelectorAll("pre > code"))) {
        const lang = /language-(\w+)/.exec(code.className)?.[1] ?? "";
        const language = lang === "dockerfile" ? dockerfileLanguage : lang === "toml" ? tomlLanguage : null;
        const pre = code.parentElement as HTMLElement;
        pre.classList.add("code-block");
        if (language === null) continue;
        const text = code.textContent ?? "";
        const out = document.createDocumentFragment();
        highlightCode(
            text,
            language.parser.parse(text),
            highlightStyle,
            (piece, classes) => out.append(classes ? h("span", { class: classes }, piece) : piece),
            () => out.append("\n"),
        );
        code.replaceChildren(out);
        if (lang === "dockerfile") {
            pre.before(
                h("div", { class: "code-head" },
                    h("span", {}, "Dockerfile"),
                    h("button", {
                        class: "small",
                        type: "button",
                        title: "Replace the editor's text with this example",
                        onclick: () => options.openExample(text),
                    }, "Open in editor")),
            );
        }
    }
    for (const a of Array.from(root.querySelectorAll("a[href^='http']"))) {
        a.setAttribute("target", "_blank");
        a.setAttribute("rel", "noopener noreferrer");
    }
}

export class RuleBrowser {
    readonly element: HTMLElement;
    #rules: RuleInfo[];
    #list: HTMLElement;
    #doc: HTMLElement;
    #search: HTMLInputElement;
    #selected: string | null = null;
    #options: RuleBrowserOptions;

    constructor(rules: RuleInfo[], options: RuleBrowserOptions) {
        this.#rules = rules;
        this.#options = options;
        this.#search = h("input", {
            type: "search",
            class: "rule-search",
            placeholder: `Search ${rules.length} rules: code, name, words`,
            "aria-label": "Search rules",
            oninput: () => this.#renderList(),
            onkeydown: (e: Event) => {
                if ((e as KeyboardEvent).key === "Enter") {
                    const first = this.#list.querySelector<HTMLButtonElement>("button.rule-item");
                    first?.click();
                }
            },
        });
        this.#list = h("nav", { class: "rule-list", "aria-label": "Rules" });
        this.#doc = h("article", { class: "rule-doc", tabindex: "-1", "aria-live": "polite" });
        this.element = h("div", { class: "rules" }, h("div", { class: "rule-index" }, this.#search, this.#list), this.#doc);
        this.#renderList();
        this.#renderDoc(null);
    }

    /** Shows the documentation of `code` (any spelling `rule()` accepts). */
    show(code: string): boolean {
        const rule = this.#rules.find((r) => r.code.toLowerCase() === code.toLowerCase() || r.name === code);
        if (!rule) return false;
        this.#selected = rule.code;
        this.#renderList();
        this.#renderDoc(rule);
        this.#doc.scrollTop = 0;
        return true;
    }

    focusDoc(): void {
        this.#doc.focus();
    }

    #renderList(): void {
        const query = this.#search.value.trim().toLowerCase();
        const words = query.split(/\s+/).filter(Boolean);
        const matches = this.#rules.filter((r) => {
            const hay = `${r.code} ${r.name} ${r.category} ${r.buildkit ?? ""} ${r.summary}`.toLowerCase();
            return words.every((w) => hay.includes(w));
        });
        const groups = CATEGORY_ORDER.map((category) => ({ category, rules: matches.filter((r) => r.category === category) }))
            .filter((g) => g.rules.length > 0);
        replace(
            this.#list,
            groups.length === 0 ? h("p", { class: "muted" }, "No rule matches.") : null,
            groups.map((g) =>
                h("section", {},
                    h("h3", {}, g.category, h("span", { class: "count" }, String(g.rules.length))),
                    g.rules.map((r) =>
                        h("button", {
                            type: "button",
                            class: "rule-item",
                            "aria-current": r.code === this.#selected ? "true" : undefined,
                            "data-code": r.code,
                            title: r.summary,
                            onclick: () => {
                                window.location.hash = `rule=${r.code}`;
                            },
                        },
                        h("span", { class: "code" }, r.code),
                        h("span", { class: "name" }, r.name),
                        h("span", { class: "marks" },
                            r.fix !== "none" ? h("span", { class: "mark fix", title: `Fixable (${r.fix})`, "aria-label": "fixable" }, "fix") : null,
                            r.default_enabled ? null : h("span", { class: "mark off", title: "Off by default: runs when selected", "aria-label": "off by default" }, "off"))),
                    ),
                ),
            ),
        );
    }

    #renderDoc(rule: RuleInfo | null): void {
        if (rule === null) {
            replace(this.#doc,
                h("h2", {}, "Rules"),
                h("p", {}, `slimfile has ${this.#rules.length} rules: hadolint's DL rules, BuildKit's build checks, and its own size, cache, reproducibility and security rules. Pick one to read why it matters and how its fix works.`),
                h("p", { class: "muted" }, "Codes in the problem list and in hovers link here."));
            return;
        }
        const body = h("div", { class: "markdown" });
        body.innerHTML = markdown.parse(rule.documentation) as string;
        highlightBlocks(body, this.#options);
        replace(this.#doc,
            h("header", { class: "rule-head" },
                h("h2", {}, h("span", { class: "code" }, rule.code), " ", rule.name),
                h("dl", { class: "facts" },
                    h("dt", {}, "Category"), h("dd", {}, rule.category),
                    h("dt", {}, "Severity"), h("dd", {}, h("span", { class: `sev sev-${rule.severity}` }, rule.severity)),
                    h("dt", {}, "Default"), h("dd", {}, rule.default_enabled ? "on" : "off (select it to run it)"),
                    h("dt", {}, "Fix"), h("dd", {}, rule.fix === "none" ? "none" : rule.fix),
                    rule.buildkit ? [h("dt", {}, "BuildKit check"), h("dd", {}, h("code", {}, rule.buildkit))] : null)),
            body);
    }
}
