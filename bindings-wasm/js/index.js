// slimfile in the browser: the public API over the wasm-bindgen exports.
//
// What this layer adds to the raw exports (./slimfile_wasm.js):
// - errors as classes: ConfigError (with line and column), InputError, UnknownRuleError,
//   TypeError for arguments of the wrong shape;
// - panics: the Rust panic hook throws an Error carrying the panic message; here it
//   becomes a PanicError, the WebAssembly instance (which cannot unwind and is no longer
//   trustworthy) is replaced by a fresh one, and Linter and Context objects rebuild their
//   handle in it on their next call, so a panic costs one call, never the page;
// - plain objects out: every result is the JSON shape of the CLI's `--format json`, read
//   from the flat tape the module writes (src/tape.rs): words read in place in its memory
//   and one string per result, where field-by-field conversion would cross into
//   JavaScript for every value; texts go in as UTF-8 bytes.
//
// Positions are UTF-16 code units: spans index JavaScript strings directly.

import initWasm, {
    initSync as initWasmSync,
    Linter as RawLinter,
    Context as RawContext,
    rules as rawRules,
    rule as rawRule,
    decode as rawDecode,
    version as rawVersion,
    tapeWords,
    tapeLength,
    instanceMemory,
    __wbg_reset_state as resetInstance,
    __panicForTesting as rawPanic,
} from "./slimfile_wasm.js";

// The tape (src/tape.rs): values and keys.
const NULL = 0;
const FALSE = 1;
const TRUE = 2;
const FLOAT = 3;
const STRING = 4;
const ARRAY = 5;
const OBJECT = 6;
const INTEGER = 16;
const NEW_FIELD = 0xffffffff;
const STRING_KEY = 0xfffffffe;
const floatBits = new DataView(new ArrayBuffer(8));

/** The memory of the current instance, and the generation it belongs to. */
let memory = null;
let memoryGeneration = -1;

/**
 * The value on the tape whose text a raw call returned. Its words are read in place, in
 * the module's memory, before any other call into it.
 */
function untape(text) {
    if (memoryGeneration !== generation) {
        memory = instanceMemory();
        memoryGeneration = generation;
    }
    return new Reader(new Uint32Array(memory.buffer, tapeWords(), tapeLength()), text).value();
}

class Reader {
    constructor(words, text) {
        this.words = words;
        this.text = text;
        this.i = 0;
        this.at = 0;
        // Struct field names, each made once per result.
        this.fields = [];
    }

    string(units) {
        const start = this.at;
        this.at += units;
        return this.text.slice(start, this.at);
    }

    key() {
        const word = this.words[this.i++];
        if (word === NEW_FIELD) {
            const name = this.string(this.words[this.i++]);
            this.fields.push(name);
            return name;
        }
        return word === STRING_KEY ? this.string(this.words[this.i++]) : this.fields[word];
    }

    value() {
        const words = this.words;
        const word = words[this.i++];
        if (word >= INTEGER) return word - INTEGER;
        switch (word) {
            case STRING:
                return this.string(words[this.i++]);
            case OBJECT: {
                const object = {};
                for (let n = words[this.i++]; n > 0; n--) {
                    const name = this.key();
                    if (name === "__proto__") {
                        Object.defineProperty(object, name, { value: this.value(), enumerable: true, writable: true, configurable: true });
                    } else {
                        object[name] = this.value();
                    }
                }
                return object;
            }
            case ARRAY: {
                const n = words[this.i++];
                // Spans, the most frequent arrays, as literals.
                if (n === 2) return [this.value(), this.value()];
                const array = [];
                for (let k = 0; k < n; k++) array.push(this.value());
                return array;
            }
            case NULL:
                return null;
            case FALSE:
                return false;
            case TRUE:
                return true;
            case FLOAT:
                floatBits.setUint32(0, words[this.i++]);
                floatBits.setUint32(4, words[this.i++]);
                return floatBits.getFloat64(0);
            default:
                throw new Error(`slimfile: unreadable result (word ${word} at ${this.i - 1})`);
        }
    }
}

/**
 * Texts go to the module as UTF-8 bytes, encoded into one reused buffer: a native copy,
 * where passing a string copies character by character in JavaScript.
 */
const utf8 = new TextEncoder();
let scratch = new Uint8Array(1 << 16);
function encode(text) {
    // A big text gets its own buffer rather than growing the kept one.
    if (text.length > 1 << 20) return utf8.encode(text);
    if (scratch.length < text.length * 3) scratch = new Uint8Array(text.length * 3);
    return scratch.subarray(0, utf8.encodeInto(text, scratch).written);
}

let ready = false;
/** Bumped whenever the instance is replaced: handles made before are stale. */
let generation = 0;

/**
 * Loads the WebAssembly module; call (and await) once before anything else.
 * @param {RequestInfo | URL | Response | BufferSource | WebAssembly.Module} [input]
 *   where to get the module; by default `slimfile_wasm_bg.wasm` next to this file.
 */
export default async function init(input) {
    await initWasm(input === undefined ? undefined : { module_or_path: input });
    ready = true;
}

/**
 * Loads the WebAssembly module synchronously (Node, workers, tests).
 * @param {BufferSource | WebAssembly.Module} module
 */
export function initSync(module) {
    initWasmSync({ module });
    ready = true;
}

/** An error slimfile reports about its input: settings, bytes, rule names. */
export class SlimfileError extends Error {
    constructor(message, options) {
        super(message, options);
        this.name = "SlimfileError";
    }
}

/** Settings that cannot be used; `line` and `column` are 1-based, 0 when unknown. */
export class ConfigError extends SlimfileError {
    constructor(message, file, line, column) {
        super(line > 0 ? `${file}:${line}:${column}: ${message}` : `${file}: ${message}`);
        this.name = "ConfigError";
        this.file = file;
        this.line = line;
        this.column = column;
        this.reason = message;
    }
}

/** Bytes or text that are not a Dockerfile (binary, not UTF-8, too large). */
export class InputError extends SlimfileError {
    constructor(message) {
        super(message);
        this.name = "InputError";
    }
}

/** A rule, category or prefix that does not exist. */
export class UnknownRuleError extends SlimfileError {
    constructor(message) {
        super(message);
        this.name = "UnknownRuleError";
    }
}

/** slimfile itself failed (a bug): the message says where. The next call works. */
export class PanicError extends Error {
    constructor(message, options) {
        super(message, options);
        this.name = "PanicError";
    }
}

function toError(value) {
    switch (value.kind) {
        case "config":
            return new ConfigError(value.message, value.file ?? "settings", value.line ?? 0, value.column ?? 0);
        case "input":
            return new InputError(value.message);
        case "unknown-rule":
            return new UnknownRuleError(value.message);
        case "argument":
            return new TypeError(value.message);
        default:
            return new SlimfileError(value.message);
    }
}

/**
 * Runs one call of a raw export (and nothing else: errors thrown by this file's own checks
 * must not be taken for panics). Errors become classes; a panic or a trap replaces the
 * instance.
 */
function call(f) {
    if (!ready) {
        throw new Error("slimfile: the WebAssembly module is not loaded; call and await init() first");
    }
    try {
        return f();
    } catch (e) {
        if (e !== null && typeof e === "object" && !(e instanceof Error) && typeof e.kind === "string") {
            throw toError(e);
        }
        // A panic (the hook threw its message) or a trap (stack overflow, out of memory):
        // nothing unwound, so the instance's memory cannot be trusted. Replace it.
        generation += 1;
        resetInstance();
        const message = e instanceof Error ? e.message : String(e);
        throw new PanicError(message, { cause: e });
    }
}

function requireString(value, what) {
    if (typeof value !== "string") {
        throw new TypeError(`${what} must be a string, not ${value === null ? "null" : typeof value}`);
    }
}

/**
 * A build context: the files it holds (paths relative to its root, `/`-separated, with
 * sizes in bytes) and its `.dockerignore` text. Either may be left out: rules that need
 * it then stay silent. Make one per context and pass it to every check: what rules
 * derive from it is worked out once.
 */
export class Context {
    #init;
    #raw = null;
    #generation = -1;

    /** @param {{files?: {path: string, size: number}[] | null, dockerignore?: string | null}} [init] */
    constructor(init = {}) {
        if (init === null || typeof init !== "object") {
            throw new TypeError("a context is an object: {files, dockerignore}");
        }
        const { files = null, dockerignore = null, ...rest } = init;
        const unknown = Object.keys(rest);
        if (unknown.length > 0) {
            throw new TypeError(`unknown context key \`${unknown[0]}\`: expected \`files\` or \`dockerignore\``);
        }
        if (dockerignore !== null) requireString(dockerignore, "dockerignore");
        if (files !== null && !Array.isArray(files)) {
            throw new TypeError("files must be an array of {path, size}");
        }
        this.#init = { files, dockerignore };
        this.#raw = call(() => new RawContext(this.#init));
        this.#generation = generation;
    }

    /** The files, or `null` when unknown. */
    get files() {
        return this.#init.files;
    }

    /** The `.dockerignore` text, or `null` when there is none. */
    get dockerignore() {
        return this.#init.dockerignore;
    }

    toJSON() {
        return { dockerignore: this.#init.dockerignore, files: this.#init.files };
    }

    /** Frees the WebAssembly side now rather than when garbage-collected. */
    free() {
        if (this.#raw !== null && this.#generation === generation) this.#raw.free();
        this.#raw = null;
    }

    /** @internal The handle in the current instance. */
    _handle() {
        if (this.#raw === null || this.#generation !== generation) {
            this.#raw = call(() => new RawContext(this.#init));
            this.#generation = generation;
        }
        return this.#raw;
    }
}
if (Symbol.dispose) Context.prototype[Symbol.dispose] = Context.prototype.free;

const EMPTY_CONTEXT = {};

function contextHandle(context) {
    if (context === undefined || context === null) {
        return contextFor(EMPTY_CONTEXT);
    }
    if (context instanceof Context) return context._handle();
    return contextFor(context);
}

/** Plain context objects get a Context once (kept while the object lives). */
const contexts = new WeakMap();
function contextFor(init) {
    let context = contexts.get(init);
    if (context === undefined) {
        context = new Context(init === EMPTY_CONTEXT ? {} : init);
        contexts.set(init, context);
    }
    return context._handle();
}

const ADOPT = Symbol("adopt");

/** The keys of `slimfile.toml`, as the module serializes its default settings. */
let settingsKeys = null;

// The module's deserializer reads the keys it knows and skips the others, so a misspelt
// key would pass unnoticed: it is caught here, as `slimfile.toml` catches it.
function checkSettingsKeys(settings) {
    if (typeof settings !== "object" || Array.isArray(settings)) {
        throw new TypeError("settings must be an object in the slimfile.toml shape");
    }
    settingsKeys ??= Object.keys(new Linter().settings);
    const unknown = Object.keys(settings).find((key) => !settingsKeys.includes(key));
    if (unknown !== undefined) {
        const known = settingsKeys.map((key) => `\`${key}\``).join(", ");
        throw new ConfigError(`unknown key \`${unknown}\`; the keys are ${known}`, "settings", 0, 0);
    }
}

const FIX_OPTION_KEYS = ["unsafeFixes", "only", "maxPasses"];

function checkFixOptions(options) {
    const unknown = Object.keys(options).find((key) => !FIX_OPTION_KEYS.includes(key));
    if (unknown !== undefined) {
        throw new TypeError(`unknown fix option \`${unknown}\`: expected ${FIX_OPTION_KEYS.join(", ")} or context`);
    }
}

/**
 * Checks and fixes Dockerfiles with one set of settings. Make one and reuse it.
 */
export class Linter {
    #settings;
    #raw = null;
    #generation = -1;

    /**
     * @param {object} [settings] settings in the `slimfile.toml` shape (kebab-case keys:
     *   `select`, `extend-select`, `ignore`, `severity`, `trusted-registries`, `prefer`,
     *   `fail-level`, `label-schema`, `strict-labels`); the defaults when left out.
     */
    constructor(settings, adopt) {
        if (adopt === ADOPT) {
            this.#adopt(settings);
            return;
        }
        if (settings !== undefined && settings !== null) checkSettingsKeys(settings);
        this.#adopt(call(() => new RawLinter(settings ?? undefined)));
    }

    /**
     * A linter with the settings of a `slimfile.toml` text.
     * @param {string} text
     * @throws {ConfigError} with the line and column of the mistake
     */
    static fromToml(text) {
        requireString(text, "the settings text");
        return new Linter(call(() => RawLinter.fromToml(text)), ADOPT);
    }

    #adopt(raw) {
        this.#raw = raw;
        this.#generation = generation;
        this.#settings = untape(call(() => raw.settings()));
    }

    #handle() {
        if (this.#raw === null || this.#generation !== generation) {
            this.#raw = call(() => new RawLinter(this.#settings));
            this.#generation = generation;
        }
        return this.#raw;
    }

    /** The settings in use, normalized, in the `slimfile.toml` shape. */
    get settings() {
        return structuredClone(this.#settings);
    }

    /**
     * The findings in `source`, ordered by position.
     * @param {string} source
     * @param {{context?: Context | object}} [options]
     */
    check(source, options = {}) {
        requireString(source, "the Dockerfile text");
        const context = contextHandle(options.context);
        const linter = this.#handle();
        const bytes = encode(source);
        return untape(call(() => linter.check(bytes, context)));
    }

    /**
     * Applies fixes to a fixpoint: the safe ones, or also the unsafe ones.
     * @param {string} source
     * @param {{context?: Context | object, unsafeFixes?: boolean, only?: string[], maxPasses?: number}} [options]
     */
    fix(source, options = {}) {
        requireString(source, "the Dockerfile text");
        const { context, ...fixOptions } = options;
        checkFixOptions(fixOptions);
        const handle = contextHandle(context);
        const linter = this.#handle();
        const bytes = encode(source);
        return untape(call(() => linter.fix(bytes, handle, fixOptions)));
    }

    /**
     * How BuildKit reads `source`: what `slimfile parse --format json` prints.
     * @param {string} source
     */
    parse(source) {
        requireString(source, "the Dockerfile text");
        const linter = this.#handle();
        const bytes = encode(source);
        return untape(call(() => linter.parse(bytes)));
    }

    /** Frees the WebAssembly side now rather than when garbage-collected. */
    free() {
        if (this.#raw !== null && this.#generation === generation) this.#raw.free();
        this.#raw = null;
    }
}
if (Symbol.dispose) Linter.prototype[Symbol.dispose] = Linter.prototype.free;

/** Linters by settings object, for the one-call functions below. */
const linters = new WeakMap();
let defaultLinter = null;
function linterFor(settings) {
    if (settings === undefined || settings === null) {
        defaultLinter ??= new Linter();
        return defaultLinter;
    }
    if (typeof settings === "string") return Linter.fromToml(settings);
    let linter = linters.get(settings);
    if (linter === undefined) {
        linter = new Linter(settings);
        linters.set(settings, linter);
    }
    return linter;
}

/**
 * Checks `source` in one call.
 * @param {string} source
 * @param {{settings?: object | string, context?: Context | object}} [options]
 *   `settings` is an object in the `slimfile.toml` shape or the text of one
 */
export function check(source, options = {}) {
    const { settings, context } = options;
    return linterFor(settings).check(source, { context });
}

/**
 * Fixes `source` in one call.
 * @param {string} source
 * @param {{settings?: object | string, context?: Context | object, unsafeFixes?: boolean, only?: string[], maxPasses?: number}} [options]
 */
export function fix(source, options = {}) {
    const { settings, ...rest } = options;
    return linterFor(settings).fix(source, rest);
}

/**
 * How BuildKit reads `source`.
 * @param {string} source
 */
export function parse(source) {
    return linterFor(undefined).parse(source);
}

/** Every rule, ordered by code. */
export function rules() {
    return untape(call(() => rawRules()));
}

/**
 * A rule by code (`DL3015`), name (`apt-install-recommends`) or BuildKit check name;
 * `undefined` when there is none.
 * @param {string} codeOrName
 */
export function rule(codeOrName) {
    requireString(codeOrName, "the rule code or name");
    const found = call(() => rawRule(codeOrName));
    return found === undefined ? undefined : untape(found);
}

/**
 * The settings of a `slimfile.toml` text, normalized.
 * @param {string} text
 * @throws {ConfigError}
 */
export function settingsFromToml(text) {
    const linter = Linter.fromToml(text);
    linter.free();
    return linter.settings;
}

/**
 * Bytes read from a file as Dockerfile text, or an InputError saying why they are not
 * one (binary, UTF-16, not UTF-8, too large). A UTF-8 byte-order mark is kept.
 * @param {Uint8Array} bytes
 */
export function decode(bytes) {
    if (!(bytes instanceof Uint8Array)) {
        throw new TypeError("decode takes a Uint8Array");
    }
    return call(() => rawDecode(bytes));
}

/** The version of slimfile. */
export function version() {
    return call(() => rawVersion());
}

/**
 * @internal Panics inside the module, to test that a panic becomes a PanicError and that
 * the next call works. Not part of the API.
 */
export function __panicForTesting(message) {
    return call(() => rawPanic(String(message)));
}
