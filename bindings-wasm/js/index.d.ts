// Types of slimfile's WebAssembly package. Results have the JSON shape of the CLI's
// `--format json` (snake_case keys), except that offsets and columns count UTF-16 code
// units, as JavaScript strings do.

/** How serious a finding is. */
export type Severity = "error" | "warning" | "info" | "style";
/** A rule's family. */
export type Category = "size" | "cache" | "reproducibility" | "security" | "correctness" | "style";
/** `safe` fixes apply by default, `unsafe` ones on request, `display-only` ones never. */
export type Applicability = "safe" | "unsafe" | "display-only";
/** Whether a rule can fix what it finds. */
export type FixKind = "none" | "sometimes" | "always";

/** A 1-based line and column (the column in UTF-16 code units). */
export interface Position {
    line: number;
    column: number;
}

export interface Range {
    start: Position;
    end: Position;
}

/** Replace `source.slice(span[0], span[1])` with `content`. */
export interface TextEdit {
    span: [number, number];
    content: string;
}

export interface SuggestedFix {
    applicability: Applicability;
    /** An imperative: "Add `--no-install-recommends`". */
    title: string;
    /** Non-overlapping, in source order; empty for advice and `.dockerignore`-only fixes. */
    edits: TextEdit[];
}

/** A finding of one rule at one place. */
export interface Diagnostic {
    /** Stable code: `DL3009`, `SF101`. */
    code: string;
    /** The rule's name: `apt-lists-not-deleted`. */
    name: string;
    severity: Severity;
    message: string;
    range: Range;
    /** `[start, end]` offsets into the checked string. */
    span: [number, number];
    fix: SuggestedFix | null;
    /** Estimated bytes the fix takes out of the final image. */
    savings_bytes: number | null;
}

export interface AppliedFix {
    code: string;
    title: string;
    applicability: Applicability;
    /** The pass that applied it, from 1. */
    pass: number;
}

export interface RejectedFix {
    code: string;
    title: string;
    reason: string;
}

export interface FixResult {
    /** The rewritten Dockerfile. */
    text: string;
    /** The whole `.dockerignore` to write (yours first, never removed), or `null` when unchanged. */
    dockerignore: string | null;
    /** The lines the fixes add to the `.dockerignore`. */
    dockerignore_additions: string[];
    applied: AppliedFix[];
    /** Fixes left out because they broke the file. */
    rejected: RejectedFix[];
    /** What is still reported on the rewritten text (positions in it). */
    remaining: Diagnostic[];
    /** Estimated bytes the applied fixes take out of the final image. */
    saved_bytes: number;
    /** False when the passes stopped at the cap, or in a cycle, with fixes still to apply. */
    converged: boolean;
}

export type ItemKind = "directive" | "comment" | "blank" | "instruction" | "error";

export type ParseProblemKind =
    | "duplicate-directive"
    | "invalid-escape-token"
    | "missing-value"
    | "missing-equals"
    | "json-not-strings"
    | "heredoc-lexing"
    | "unterminated-heredoc"
    | "no-instructions"
    | "input-too-large"
    | "unknown-instruction"
    | "unknown-flag"
    | "empty-continuation-line"
    | "chained-onbuild"
    | "missing-arguments"
    | "invalid-flag"
    | "invalid-argument";

/** A top-level piece of the file; items tile the text. */
export interface ParsedItem {
    kind: ItemKind;
    start: number;
    end: number;
}

export interface BuildkitHeredoc {
    name: string;
    file_descriptor: number;
    content: string;
}

/** One instruction, field for field as BuildKit's parser reports it, plus its span. */
export interface BuildkitInstruction {
    /** The keyword, upper case (`null` for the keyword-less line a lone `\` can make). */
    cmd: string | null;
    /** For `ONBUILD`: the wrapped instruction's keyword. */
    sub_cmd: string | null;
    json: boolean;
    original: string;
    start_line: number;
    end_line: number;
    flags: string[];
    value: string[];
    heredocs: BuildkitHeredoc[];
    span: [number, number];
}

export interface ParseProblem {
    kind: ParseProblemKind;
    message: string;
    line: number;
    column: number;
    span: [number, number];
}

/** How BuildKit reads a file: what `slimfile parse --format json` prints. */
export interface ParseView {
    /** The escape character: `\` or `` ` ``. */
    escape: string;
    items: ParsedItem[];
    instructions: BuildkitInstruction[];
    /** What BuildKit's parser rejects: the file cannot be built. */
    errors: ParseProblem[];
    /** What it accepts but its instruction layer or linter flags. */
    warnings: ParseProblem[];
}

/** One rule, as users see it. */
export interface RuleInfo {
    code: string;
    name: string;
    category: Category;
    /** The severity before settings change it. */
    severity: Severity;
    /** Off-by-default rules run only when selected. */
    default_enabled: boolean;
    /** BuildKit's build-check name for the same finding. */
    buildkit: string | null;
    fix: FixKind;
    /** The first sentence of the documentation. */
    summary: string;
    /** Markdown: what it does, why, an example, what to use instead, fix safety, references. */
    documentation: string;
}

/** A rule code, name, BuildKit check name, category, code prefix (`DL30`) or `ALL`. */
export type RuleSelector = string;

/** Settings in the `slimfile.toml` shape. */
export interface Settings {
    select?: RuleSelector[];
    "extend-select"?: RuleSelector[];
    ignore?: RuleSelector[];
    /** `selector = level`, in order (the last match wins); `off` turns rules off. */
    severity?: Record<RuleSelector, Severity | "off">;
    "trusted-registries"?: string[];
    prefer?: "slim" | "alpine";
    "fail-level"?: Severity | "none";
    /** Label name → the type of its value (hadolint's `label-schema`). */
    "label-schema"?: Record<string, LabelType>;
    /** Report labels outside the label schema (hadolint's `strict-labels`). */
    "strict-labels"?: boolean;
}

/** The type of a label's value in a label schema, as hadolint names them. */
export type LabelType = "text" | "url" | "semver" | "hash" | "rfc3339" | "spdx" | "email";

/** Settings as a linter holds them: every key present. */
export type ResolvedSettings = Required<Settings>;

export interface ContextFile {
    /** Relative to the context root, `/`-separated. */
    path: string;
    /** In bytes. */
    size: number;
}

export interface ContextInit {
    /** The files of the context; `null` or absent: unknown (context rules stay silent). */
    files?: ContextFile[] | null;
    /** The `.dockerignore` text; `null` or absent: there is none. */
    dockerignore?: string | null;
}

export interface FixOptions {
    /** Also apply fixes that may change the build's behaviour. */
    unsafeFixes?: boolean;
    /** Only fixes of these rules. */
    only?: RuleSelector[];
    /** The most passes before giving up on a rewrite that keeps changing (default 16). */
    maxPasses?: number;
}

export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

/** Loads the WebAssembly module; await it once before anything else. */
export default function init(input?: InitInput | Promise<InitInput>): Promise<void>;
/** Loads the WebAssembly module synchronously (Node, workers, tests). */
export function initSync(module: BufferSource | WebAssembly.Module): void;

/** A build context: its files and `.dockerignore`. Make one per context and reuse it. */
export class Context {
    constructor(init?: ContextInit);
    readonly files: ContextFile[] | null;
    readonly dockerignore: string | null;
    toJSON(): { files: ContextFile[] | null; dockerignore: string | null };
    /** Frees the WebAssembly side now rather than when garbage-collected. */
    free(): void;
    [Symbol.dispose](): void;
}

/** Checks and fixes Dockerfiles with one set of settings. */
export class Linter {
    /** @throws {ConfigError} for settings that cannot be used. */
    constructor(settings?: Settings);
    /** @throws {ConfigError} with the line and column of the mistake. */
    static fromToml(text: string): Linter;
    readonly settings: ResolvedSettings;
    /** The findings in `source`, ordered by position. */
    check(source: string, options?: { context?: Context | ContextInit }): Diagnostic[];
    /** Applies fixes to a fixpoint. */
    fix(source: string, options?: FixOptions & { context?: Context | ContextInit }): FixResult;
    /** How BuildKit reads `source`. */
    parse(source: string): ParseView;
    free(): void;
    [Symbol.dispose](): void;
}

export interface CallOptions {
    /** Settings as an object, or the text of a `slimfile.toml`. */
    settings?: Settings | string;
    context?: Context | ContextInit;
}

export function check(source: string, options?: CallOptions): Diagnostic[];
export function fix(source: string, options?: CallOptions & FixOptions): FixResult;
export function parse(source: string): ParseView;
export function rules(): RuleInfo[];
export function rule(codeOrName: string): RuleInfo | undefined;
/** @throws {ConfigError} */
export function settingsFromToml(text: string): ResolvedSettings;
/** @throws {InputError} for bytes that are not a Dockerfile. */
export function decode(bytes: Uint8Array): string;
export function version(): string;

/** An error slimfile reports about its input. */
export class SlimfileError extends Error {}
/** Settings that cannot be used. */
export class ConfigError extends SlimfileError {
    /** `slimfile.toml`, or `settings` for an object. */
    readonly file: string;
    /** 1-based; 0 when the mistake has no place. */
    readonly line: number;
    /** 1-based, in characters; 0 when unknown. */
    readonly column: number;
    /** The message without the place. */
    readonly reason: string;
}
/** Bytes or text that are not a Dockerfile. */
export class InputError extends SlimfileError {}
/** A rule, category or prefix that does not exist. */
export class UnknownRuleError extends SlimfileError {}
/** slimfile itself failed; the next call runs on a fresh instance. */
export class PanicError extends Error {}

/** @internal For tests: panics inside the module. */
export function __panicForTesting(message: string): void;
