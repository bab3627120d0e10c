// Small DOM helpers: elements from a tag, attributes and children; rule messages with
// their `code spans`; sizes for people.

type Child = Node | string | null | undefined | false;
type Attrs = Record<string, string | number | boolean | EventListener | undefined | null>;

/** An element: `h("button", {class: "x", onclick: f}, "text")`. */
export function h<K extends keyof HTMLElementTagNameMap>(
    tag: K,
    attrs: Attrs = {},
    ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
    const el = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs)) {
        if (value === undefined || value === null || value === false) continue;
        if (key.startsWith("on") && typeof value === "function") {
            el.addEventListener(key.slice(2), value);
        } else if (value === true) {
            el.setAttribute(key, "");
        } else {
            el.setAttribute(key, String(value));
        }
    }
    append(el, children);
    return el;
}

function append(el: Element, children: (Child | Child[])[]): void {
    for (const child of children) {
        if (Array.isArray(child)) append(el, child);
        else if (child instanceof Node) el.append(child);
        else if (typeof child === "string") el.append(child);
    }
}

/** Replaces the children of `el`. */
export function replace(el: Element, ...children: (Child | Child[])[]): void {
    el.replaceChildren();
    append(el, children);
}

/** A message whose `backticked` parts are code: "`apt-get install` without ...". */
export function richText(text: string): DocumentFragment {
    const out = document.createDocumentFragment();
    const parts = text.split(/(`[^`]+`)/);
    for (const part of parts) {
        if (part.length > 2 && part.startsWith("`") && part.endsWith("`")) {
            out.append(h("code", {}, part.slice(1, -1)));
        } else if (part) {
            out.append(part);
        }
    }
    return out;
}

/** `357.8 MB`: decimal units, as registries give image sizes (and as the CLI prints them). */
export function formatBytes(bytes: number): string {
    if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(1)} GB`;
    if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
    if (bytes >= 1e3) return `${(bytes / 1e3).toFixed(1)} kB`;
    return bytes === 1 ? "1 byte" : `${bytes} bytes`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
    return `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
}
