// A static file server for the built playground (any static server works; this one knows
// the `.wasm` MIME type and needs nothing installed).
//
//   node playground/serve.mjs [DIR] [PORT]    serves DIR (default playground/dist) on
//                                             127.0.0.1:PORT, the next free port if taken

import { createReadStream, statSync } from "node:fs";
import { createServer } from "node:http";
import { dirname, extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".wasm": "application/wasm",
    ".json": "application/json; charset=utf-8",
    ".map": "application/json; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
};

/**
 * Serves `root` on 127.0.0.1 from `port` (or the next free one, up to 20 tries; 0 for any).
 * Resolves to the server and the port it listens on.
 */
export function serve(root, port = 0) {
    const base = resolve(root);
    const server = createServer((req, res) => {
        const path = decodeURIComponent(new URL(req.url ?? "/", "http://localhost").pathname);
        let file = normalize(join(base, path));
        if (file !== base && !file.startsWith(base + sep)) {
            res.writeHead(403).end();
            return;
        }
        try {
            if (statSync(file).isDirectory()) file = join(file, "index.html");
            const size = statSync(file).size;
            res.writeHead(200, {
                "Content-Type": TYPES[extname(file)] ?? "application/octet-stream",
                "Content-Length": size,
                "Cache-Control": "no-cache",
            });
            if (req.method === "HEAD") res.end();
            else createReadStream(file).pipe(res);
        } catch {
            res.writeHead(404, { "Content-Type": "text/plain" }).end("not found");
        }
    });
    return new Promise((resolvePromise, reject) => {
        let tries = 0;
        const listen = (p) => {
            server.once("error", (e) => {
                if (e.code === "EADDRINUSE" && port !== 0 && tries++ < 20) listen(p + 1);
                else reject(e);
            });
            server.listen(p, "127.0.0.1", () => resolvePromise({ server, port: server.address().port }));
        };
        listen(port);
    });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
    const root = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), "dist");
    const wanted = Number(process.argv[3] ?? process.env.PORT ?? 8000);
    const { port } = await serve(root, wanted);
    console.log(`slimfile playground: http://127.0.0.1:${port}/  (serving ${root}; Ctrl-C to stop)`);
}
