// Share links: the Dockerfile and the settings, deflated and base64url-encoded into the
// URL's fragment (`#share=...`), which never reaches a server. The build context stays
// on the machine it was read on.

export interface SharedState {
    dockerfile: string;
    settings: string;
}

const PREFIX = "share=";
/** The format of the fragment, in case it ever changes. */
const VERSION = 1;

async function deflate(text: string): Promise<Uint8Array> {
    const stream = new Blob([new TextEncoder().encode(text)]).stream().pipeThrough(new CompressionStream("deflate-raw"));
    return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function inflate(bytes: Uint8Array): Promise<string> {
    const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
    return new TextDecoder().decode(await new Response(stream).arrayBuffer());
}

function toBase64Url(bytes: Uint8Array): string {
    let binary = "";
    for (const b of bytes) binary += String.fromCharCode(b);
    return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): Uint8Array {
    const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
    return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** The link that reproduces `state` on this page. */
export async function shareLink(state: SharedState): Promise<string> {
    const payload = JSON.stringify({ v: VERSION, d: state.dockerfile, s: state.settings });
    const url = new URL(window.location.href);
    url.hash = PREFIX + toBase64Url(await deflate(payload));
    return url.toString();
}

/** The state in a fragment, `null` when it holds none, an Error when it is damaged. */
export async function readShared(hash: string): Promise<SharedState | null | Error> {
    const fragment = hash.replace(/^#/, "");
    if (!fragment.startsWith(PREFIX)) return null;
    try {
        const value = JSON.parse(await inflate(fromBase64Url(fragment.slice(PREFIX.length))));
        if (value.v !== VERSION || typeof value.d !== "string" || typeof value.s !== "string") {
            return new Error("the link was made by another version of the playground");
        }
        return { dockerfile: value.d, settings: value.s };
    } catch {
        return new Error("the link is damaged (cut short when copied?)");
    }
}
