// The editors: the Dockerfile (highlighting, diagnostics as underlines and gutter markers,
// hovers, quick fixes), slimfile.toml, and read-only views (the parse view's JSON, the fix
// preview's diff).

import { autocompletion, completionKeymap, type CompletionContext, type CompletionResult } from "@codemirror/autocomplete";
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { json } from "@codemirror/lang-json";
import { bracketMatching, foldGutter, foldKeymap, syntaxHighlighting } from "@codemirror/language";
import { lintGutter, lintKeymap, linter } from "@codemirror/lint";
import { unifiedMergeView } from "@codemirror/merge";
import { highlightSelectionMatches, searchKeymap } from "@codemirror/search";
import { EditorState, type Extension } from "@codemirror/state";
import {
    drawSelection,
    EditorView,
    highlightActiveLine,
    highlightActiveLineGutter,
    highlightSpecialChars,
    keymap,
    type KeyBinding,
    lineNumbers,
    placeholder,
    type ViewUpdate,
} from "@codemirror/view";

import { dockerfileLanguage, highlightStyle, INSTRUCTIONS, tomlLanguage } from "./languages";

/** The look of every editor: colours come from the page's CSS variables. */
const theme = EditorView.theme({
    "&": { height: "100%", fontSize: "13.5px", backgroundColor: "var(--editor-bg)", color: "var(--text)" },
    ".cm-scroller": { fontFamily: "var(--mono)", lineHeight: "1.55" },
    ".cm-content": { caretColor: "var(--accent)", padding: "8px 0" },
    ".cm-cursor, .cm-dropCursor": { borderLeftColor: "var(--accent)", borderLeftWidth: "2px" },
    "&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection": { backgroundColor: "var(--selection) !important" },
    ".cm-gutters": { backgroundColor: "var(--editor-bg)", color: "var(--muted)", border: "none" },
    ".cm-activeLine": { backgroundColor: "var(--active-line)" },
    ".cm-activeLineGutter": { backgroundColor: "var(--active-line)", color: "var(--text)" },
    ".cm-lineNumbers .cm-gutterElement": { padding: "0 8px 0 12px" },
    ".cm-tooltip": { backgroundColor: "var(--panel)", color: "var(--text)", border: "1px solid var(--border)", borderRadius: "8px", boxShadow: "var(--shadow)" },
    ".cm-tooltip-autocomplete > ul > li[aria-selected]": { backgroundColor: "var(--accent-soft)", color: "var(--text)" },
    ".cm-panels": { backgroundColor: "var(--panel)", color: "var(--text)" },
    ".cm-searchMatch": { backgroundColor: "var(--search-match)" },
    ".cm-foldPlaceholder": { backgroundColor: "var(--accent-soft)", border: "none", color: "var(--text)" },
    "&.cm-focused": { outline: "none" },
});

const common: Extension[] = [
    theme,
    syntaxHighlighting(highlightStyle),
    highlightSpecialChars(),
    drawSelection(),
    EditorState.allowMultipleSelections.of(true),
    EditorView.contentAttributes.of({ spellcheck: "false", autocapitalize: "off", autocorrect: "off" }),
];

function instructionCompletions(context: CompletionContext): CompletionResult | null {
    const line = context.state.doc.lineAt(context.pos);
    const before = line.text.slice(0, context.pos - line.from);
    const word = /^\s*([A-Za-z]*)$/.exec(before);
    if (!word || (word[1].length === 0 && !context.explicit)) return null;
    return {
        from: context.pos - word[1].length,
        options: INSTRUCTIONS.map((label) => ({ label, type: "keyword", apply: `${label} ` })),
        validFor: /^[A-Za-z]*$/,
    };
}

export interface DockerfileEditorOptions {
    doc: string;
    parent: HTMLElement;
    onChange(update: ViewUpdate): void;
    /** Extra key bindings: quick fix, share... */
    keys: KeyBinding[];
}

export function dockerfileEditor(options: DockerfileEditorOptions): EditorView {
    return new EditorView({
        parent: options.parent,
        state: EditorState.create({
            doc: options.doc,
            extensions: [
                common,
                lineNumbers(),
                highlightActiveLineGutter(),
                lintGutter({ hoverTime: 150 }),
                foldGutter(),
                history(),
                bracketMatching(),
                highlightActiveLine(),
                highlightSelectionMatches(),
                // Diagnostics are set by the page after each check; this configures hovers.
                linter(null, { delay: 0 }),
                autocompletion({ override: [instructionCompletions], activateOnTyping: true }),
                dockerfileLanguage,
                placeholder("Type or paste a Dockerfile, or drop one here"),
                keymap.of([...options.keys, ...completionKeymap, ...lintKeymap, ...searchKeymap, ...historyKeymap, ...foldKeymap, ...defaultKeymap]),
                EditorView.updateListener.of((update) => {
                    if (update.docChanged) options.onChange(update);
                }),
                EditorView.contentAttributes.of({ "aria-label": "Dockerfile" }),
            ],
        }),
    });
}

function settingsCompletions(keys: string[], ruleWords: string[]) {
    return (context: CompletionContext): CompletionResult | null => {
        const line = context.state.doc.lineAt(context.pos);
        const before = line.text.slice(0, context.pos - line.from);
        const key = /^\s*([a-z-]*)$/.exec(before);
        if (key && (key[1].length > 0 || context.explicit)) {
            return { from: context.pos - key[1].length, options: keys.map((label) => ({ label, type: "property", apply: `${label} = ` })) };
        }
        // Inside a string of a rule list: codes, names, categories.
        const word = /"([A-Za-z0-9-]*)$/.exec(before);
        if (word) {
            return { from: context.pos - word[1].length, options: ruleWords.map((label) => ({ label, type: "constant" })), validFor: /^[A-Za-z0-9-]*$/ };
        }
        return null;
    };
}

export interface SettingsEditorOptions {
    doc: string;
    parent: HTMLElement;
    keys: string[];
    ruleWords: string[];
    onChange(): void;
    extraKeys: KeyBinding[];
}

export function settingsEditor(options: SettingsEditorOptions): EditorView {
    return new EditorView({
        parent: options.parent,
        state: EditorState.create({
            doc: options.doc,
            extensions: [
                common,
                lineNumbers(),
                highlightActiveLineGutter(),
                lintGutter(),
                history(),
                highlightActiveLine(),
                linter(null, { delay: 0 }),
                autocompletion({ override: [settingsCompletions(options.keys, options.ruleWords)] }),
                tomlLanguage,
                keymap.of([...options.extraKeys, ...completionKeymap, ...lintKeymap, ...searchKeymap, ...historyKeymap, ...defaultKeymap]),
                EditorView.updateListener.of((update) => {
                    if (update.docChanged) options.onChange();
                }),
                EditorView.contentAttributes.of({ "aria-label": "slimfile.toml settings" }),
            ],
        }),
    });
}

const readOnly: Extension[] = [common, EditorState.readOnly.of(true), EditorView.editable.of(false)];

/** A read-only view of JSON (the parse view). */
export function jsonViewer(parent: HTMLElement): EditorView {
    return new EditorView({
        parent,
        state: EditorState.create({ extensions: [readOnly, lineNumbers(), foldGutter(), json(), keymap.of(foldKeymap)] }),
    });
}

export function setJson(view: EditorView, text: string): void {
    view.setState(EditorState.create({ doc: text, extensions: [readOnly, lineNumbers(), foldGutter(), json(), keymap.of(foldKeymap)] }));
}

/** Shows `fixed` as a unified diff against `original`. */
export function diffState(original: string, fixed: string): EditorState {
    return EditorState.create({
        doc: fixed,
        extensions: [
            readOnly,
            lineNumbers(),
            dockerfileLanguage,
            unifiedMergeView({
                original,
                mergeControls: false,
                gutter: true,
                highlightChanges: true,
                syntaxHighlightDeletions: true,
                collapseUnchanged: { margin: 3, minSize: 6 },
            }),
            EditorView.contentAttributes.of({ "aria-label": "The rewritten Dockerfile, as a diff" }),
        ],
    });
}
