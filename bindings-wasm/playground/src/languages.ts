// Syntax highlighting for the editors: a Dockerfile tokenizer (instructions, flags,
// variables, strings, heredocs, parser directives, continuation lines, shell operators),
// TOML for slimfile.toml, and one highlight style whose colours come from CSS variables,
// so the light and dark themes share it.

import { HighlightStyle, StreamLanguage, type StreamParser, type StringStream } from "@codemirror/language";
import { toml } from "@codemirror/legacy-modes/mode/toml";
import { tags as t } from "@lezer/highlight";

export const INSTRUCTIONS = [
    "ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE", "FROM", "HEALTHCHECK", "LABEL",
    "MAINTAINER", "ONBUILD", "RUN", "SHELL", "STOPSIGNAL", "USER", "VOLUME", "WORKDIR",
];
const KNOWN = new Set(INSTRUCTIONS);
/** Instructions whose shell form is a shell script. */
const SHELL_FORMS = new Set(["RUN", "CMD", "ENTRYPOINT"]);
const DIRECTIVES = /^#\s*(syntax|escape|check)\s*=.*$/i;

interface State {
    /** Parser directives are only read before the first instruction or comment. */
    directivesAllowed: boolean;
    escape: string;
    /** The instruction of the current logical line, or null at its start. */
    instruction: string | null;
    /** Words seen after the keyword (FROM image, AS, stage name). */
    word: number;
    /** The line ended with the escape character: the next one continues it. */
    continued: boolean;
    /** Heredoc terminators opened on the current logical line, in order. */
    pendingHeredocs: { name: string; strip: boolean }[];
    /** The heredoc whose body is being read. */
    heredoc: { name: string; strip: boolean } | null;
    /** Inside a JSON array (exec form). */
    json: boolean;
}

function startInstruction(state: State): void {
    state.instruction = null;
    state.word = 0;
    state.json = false;
}

const dockerfileParser: StreamParser<State> = {
    name: "dockerfile",
    startState: () => ({
        directivesAllowed: true,
        escape: "\\",
        instruction: null,
        word: 0,
        continued: false,
        pendingHeredocs: [],
        heredoc: null,
        json: false,
    }),
    copyState: (s) => ({ ...s, pendingHeredocs: [...s.pendingHeredocs], heredoc: s.heredoc && { ...s.heredoc } }),
    blankLine(state) {
        if (state.heredoc === null && !state.continued) startInstruction(state);
    },
    token(stream: StringStream, state: State): string | null {
        const style = lineToken(stream, state);
        // A logical line that opened heredocs ends: their bodies follow, in order.
        if (stream.eol() && !state.continued && state.heredoc === null && state.pendingHeredocs.length > 0) {
            state.heredoc = state.pendingHeredocs.shift() ?? null;
        }
        return style;
    },
    languageData: { commentTokens: { line: "#" } },
};

function lineToken(stream: StringStream, state: State): string | null {
    if (stream.sol()) {
        if (state.heredoc !== null) {
            const line = stream.string;
            const body = state.heredoc.strip ? line.replace(/^\t+/, "") : line;
            stream.skipToEnd();
            if (body === state.heredoc.name) {
                state.heredoc = state.pendingHeredocs.shift() ?? null;
                if (state.heredoc === null) startInstruction(state);
                return "keyword";
            }
            return "string";
        }
        if (!state.continued) startInstruction(state);
        if (stream.match(/^\s*#/, false)) {
            // A comment line (inside a continuation too: BuildKit drops those).
            const line = stream.string.trim();
            stream.skipToEnd();
            if (state.directivesAllowed && !state.continued && DIRECTIVES.test(line)) {
                const escape = /^#\s*escape\s*=\s*(\S)/i.exec(line);
                if (escape) state.escape = escape[1];
                return "meta";
            }
            state.directivesAllowed = false;
            return "comment";
        }
        state.continued = false;
    }
    if (stream.eatSpace()) return null;
    const escape = state.escape;
    // The escape character at the end of a line: the instruction goes on.
    if (stream.peek() === escape && /^.\s*$/.test(stream.string.slice(stream.pos))) {
        stream.skipToEnd();
        state.continued = true;
        return "escape";
    }
    if (state.instruction === null) {
        state.directivesAllowed = false;
        if (stream.match(/^[A-Za-z]+/)) {
            const word = stream.current().toUpperCase();
            state.instruction = word;
            if (word === "ONBUILD") {
                state.instruction = null;
                return "keyword";
            }
            return KNOWN.has(word) ? "keyword" : "invalid";
        }
        stream.next();
        return null;
    }
    return argumentToken(stream, state);
}

function argumentToken(stream: StringStream, state: State): string | null {
    const ins = state.instruction ?? "";
    if (state.word === 0 && stream.match(/^\[(?=.*\]\s*$)/)) {
        state.json = true;
        state.word++;
        return "bracket";
    }
    if (state.json) {
        if (stream.match(/^"(?:[^"\\]|\\.)*"/)) return "string";
        if (stream.match(/^[[\],]/)) return "bracket";
        stream.next();
        return null;
    }
    if (stream.match(/^--[A-Za-z][\w-]*/)) {
        return "attributeName";
    }
    if (stream.match(/^<<-?(["']?)([A-Za-z_][\w.-]*)\1/)) {
        const m = /^<<(-?)["']?([A-Za-z_][\w.-]*)/.exec(stream.current());
        if (m && (ins === "RUN" || ins === "COPY" || ins === "ADD")) {
            state.pendingHeredocs.push({ name: m[2], strip: m[1] === "-" });
        }
        return "keyword";
    }
    if (stream.match(/^\$(\{[^}]*\}?|[A-Za-z_]\w*|[0-9@*#?$!-])/)) return "variableName";
    if (stream.match(/^"(?:[^"\\$]|\\.)*"?/) || stream.match(/^'[^']*'?/)) return "string";
    if (SHELL_FORMS.has(ins)) {
        if (stream.match(/^(&&|\|\||[|;&]|[<>]+)/)) return "operator";
        if (stream.match(/^#.*/) && /\s/.test(stream.string.charAt(stream.start - 1) || " ")) {
            return "comment";
        }
    }
    if (ins === "FROM") {
        if (stream.match(/^as\b/i) && state.word === 1) {
            state.word++;
            return "keyword";
        }
        if (stream.match(/^[^\s$]+/)) {
            state.word++;
            return state.word === 1 ? "typeName" : "labelName";
        }
    }
    if (ins === "EXPOSE" && stream.match(/^\d+(-\d+)?(\/(tcp|udp))?/)) return "number";
    if ((ins === "ENV" || ins === "ARG" || ins === "LABEL") && stream.match(/^[A-Za-z_][\w.-]*(?==)/)) {
        return "propertyName";
    }
    if (stream.match(/^[^\s"'$\\&|;<>#]+/)) {
        state.word++;
        return null;
    }
    stream.next();
    return null;
}

export const dockerfileLanguage = StreamLanguage.define(dockerfileParser);

export const tomlLanguage = StreamLanguage.define(toml);

export const highlightStyle = HighlightStyle.define([
    { tag: t.keyword, color: "var(--hl-keyword)", fontWeight: "600" },
    { tag: t.comment, color: "var(--hl-comment)", fontStyle: "italic" },
    { tag: t.meta, color: "var(--hl-meta)" },
    { tag: [t.string, t.special(t.string)], color: "var(--hl-string)" },
    { tag: t.variableName, color: "var(--hl-variable)" },
    { tag: [t.attributeName, t.propertyName], color: "var(--hl-attribute)" },
    { tag: t.typeName, color: "var(--hl-type)" },
    { tag: t.labelName, color: "var(--hl-label)" },
    { tag: [t.number, t.bool, t.atom], color: "var(--hl-number)" },
    { tag: t.operator, color: "var(--hl-operator)" },
    { tag: t.escape, color: "var(--hl-operator)" },
    { tag: [t.bracket, t.punctuation], color: "var(--hl-punctuation)" },
    { tag: t.invalid, color: "var(--hl-invalid)", textDecoration: "underline wavy" },
    { tag: t.heading, color: "var(--hl-keyword)", fontWeight: "600" },
]);
