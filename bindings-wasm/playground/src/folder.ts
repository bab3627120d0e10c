// Reading a build context from a folder the user picks or drops: the file list with sizes
// and the `.dockerignore` text, read by the browser on this machine. Nothing is uploaded:
// file contents are never read, except the `.dockerignore` and, on request, a Dockerfile.

import type { ContextFile } from "slimfile-wasm";

/** As the CLI: past this many files the list is treated as unknown. */
export const MAX_FILES = 50_000;

export interface LoadedFolder {
    /** The folder's name. */
    name: string;
    /** `null` when there were more than MAX_FILES. */
    files: ContextFile[] | null;
    fileCount: number;
    totalBytes: number;
    dockerignore: string | null;
    /** The Dockerfile at the root, when there is one. */
    dockerfile: File | null;
}

interface Found {
    path: string;
    file: File;
}

async function summarize(name: string, found: Found[]): Promise<LoadedFolder> {
    found.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const byPath = new Map(found.map((f) => [f.path, f.file]));
    const ignoreFile = byPath.get(".dockerignore");
    const dockerfile = byPath.get("Dockerfile") ?? byPath.get("Containerfile") ?? null;
    const totalBytes = found.reduce((sum, f) => sum + f.file.size, 0);
    return {
        name,
        files: found.length > MAX_FILES ? null : found.map((f) => ({ path: f.path, size: f.file.size })),
        fileCount: found.length,
        totalBytes,
        dockerignore: ignoreFile ? await ignoreFile.text() : null,
        dockerfile,
    };
}

/** The folder chosen with `<input type="file" webkitdirectory>`. */
export async function folderFromInput(list: FileList): Promise<LoadedFolder | null> {
    const files = Array.from(list);
    if (files.length === 0) return null;
    const root = files[0].webkitRelativePath.split("/")[0];
    const found = files.map((file) => ({
        // `root/dir/file` → `dir/file`: paths relative to the context root.
        path: file.webkitRelativePath.split("/").slice(1).join("/"),
        file,
    }));
    return summarize(root, found);
}

function readEntries(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
    return new Promise((resolve, reject) => reader.readEntries(resolve, reject));
}

function fileOf(entry: FileSystemFileEntry): Promise<File> {
    return new Promise((resolve, reject) => entry.file(resolve, reject));
}

/** The folder dropped on the page, or `null` when what was dropped is not one. */
export async function folderFromDrop(transfer: DataTransfer): Promise<LoadedFolder | null> {
    const item = Array.from(transfer.items).find((i) => i.kind === "file");
    const entry = item?.webkitGetAsEntry();
    if (!entry || !entry.isDirectory) return null;
    const found: Found[] = [];
    const pending: [FileSystemDirectoryEntry, string][] = [[entry as FileSystemDirectoryEntry, ""]];
    while (pending.length > 0 && found.length <= MAX_FILES) {
        const [dir, prefix] = pending.pop()!;
        const reader = dir.createReader();
        // readEntries answers in batches until it answers with none.
        for (let batch = await readEntries(reader); batch.length > 0; batch = await readEntries(reader)) {
            const files = await Promise.all(
                batch.filter((e) => e.isFile).map(async (e) => ({ path: prefix + e.name, file: await fileOf(e as FileSystemFileEntry) })),
            );
            found.push(...files);
            for (const e of batch) {
                if (e.isDirectory) pending.push([e as FileSystemDirectoryEntry, `${prefix}${e.name}/`]);
            }
        }
    }
    return summarize(entry.name, found);
}

/** A single file dropped on the page (a Dockerfile to open), or `null`. */
export function fileFromDrop(transfer: DataTransfer): File | null {
    const item = Array.from(transfer.items).find((i) => i.kind === "file");
    const entry = item?.webkitGetAsEntry();
    if (!item || (entry && entry.isDirectory)) return null;
    return item.getAsFile();
}
