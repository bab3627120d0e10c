//! slimfile for the browser: the core's `Linter`, `Context`, rule catalogue and `decode`,
//! exported through wasm-bindgen with positions in UTF-16 code units (JavaScript string
//! indices).
//!
//! This crate only converts: JavaScript values in (serde-wasm-bindgen), serde-serialized
//! results out as a flat tape that `js/index.js` turns into plain objects (the shape of
//! the CLI's `--format json`; see `tape.rs`), and core's errors as plain
//! `{kind, message, ...}` objects that it turns into `SlimfileError` classes. The
//! JavaScript wrapper is the public API; the raw exports here are its implementation.
//!
//! A panic cannot unwind on `wasm32-unknown-unknown` (panic=abort), so the panic hook
//! schedules a fresh instance for the next call and throws a JavaScript `Error` carrying the
//! panic message out of the call that panicked.

mod tape;

use serde::{Deserialize, Serialize};
use slimfile::{FixOptions, PositionEncoding, RuleSelector, Settings};
use wasm_bindgen::prelude::*;

use tape::Tape;

/// Talc instead of Rust's default dlmalloc: `check` allocates for every instruction and
/// script, and dlmalloc's `malloc`/`free` took about 6% of the module's time in a V8
/// profile. With talc (and the credential scan's DFA), checking the sample twice in Node
/// executes 14.0 G instructions instead of 18.0 G (callgrind).
#[cfg(all(not(target_feature = "atomics"), target_family = "wasm"))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[wasm_bindgen(start)]
fn start() {
    std::panic::set_hook(Box::new(throw_panic));
}

/// The panic hook: the instance is poisoned (nothing unwinds), so ask wasm-bindgen's glue
/// for a fresh instance before the next call, then leave through a JavaScript exception
/// that carries the message instead of trapping with a bare `unreachable`.
fn throw_panic(info: &std::panic::PanicHookInfo<'_>) {
    wasm_bindgen::handler::schedule_reinit();
    let payload = info.payload();
    let what = payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("(no message)");
    let message = match info.location() {
        Some(at) => format!("slimfile panicked at {at}: {what}"),
        None => format!("slimfile panicked: {what}"),
    };
    wasm_bindgen::throw_val(JsError::new(&message).into());
}

/// Panics with `message`: lets the tests check that a panic becomes an exception and that
/// the next call runs on a fresh instance. Not part of the API.
#[doc(hidden)]
#[wasm_bindgen(js_name = "__panicForTesting")]
pub fn panic_for_testing(message: &str) {
    panic!("{message}");
}

/// An error as the JavaScript wrapper receives it (`kind` picks the class it throws).
#[derive(Serialize)]
struct ErrorValue<'a> {
    kind: &'a str,
    message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    file: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<u32>,
}

fn error_value(value: ErrorValue<'_>) -> JsValue {
    // A struct of strings and numbers always converts.
    serde_wasm_bindgen::to_value(&value).unwrap_or_else(JsValue::from)
}

fn core_error(error: slimfile::Error) -> JsValue {
    let (kind, config) = match &error {
        slimfile::Error::Config(e) => ("config", Some(e)),
        slimfile::Error::Input(_) => ("input", None),
        slimfile::Error::UnknownRule(_) => ("unknown-rule", None),
        _ => ("other", None),
    };
    error_value(ErrorValue {
        kind,
        message: match config {
            Some(e) => e.message.clone(),
            None => error.to_string(),
        },
        file: config.map(|e| e.file.as_str()),
        line: config.map(|e| e.line),
        column: config.map(|e| e.column),
    })
}

/// A value of the wrong shape: `kind` is `config` for settings, else `argument`
/// (`TypeError` in JavaScript).
fn shape_error(kind: &str, what: &str, error: serde_wasm_bindgen::Error) -> JsValue {
    error_value(ErrorValue {
        kind,
        message: format!("{what}: {error}"),
        file: None,
        line: None,
        column: None,
    })
}

/// A result on a tape (`tape.rs`): its text is returned; its words stay here, where the
/// JavaScript wrapper reads them in place ([`tape_words`], [`tape_length`], [`instance_memory`])
/// before its next call. Copying them out, or returning a JavaScript array, costs more.
fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<String, JsValue> {
    let tape = Tape::of(value).map_err(|e| {
        error_value(ErrorValue {
            kind: "other",
            message: format!("a result could not be converted: {e}"),
            file: None,
            line: None,
            column: None,
        })
    })?;
    WORDS.with(|words| *words.borrow_mut() = tape.words);
    Ok(tape.text)
}

thread_local! {
    static WORDS: std::cell::RefCell<Vec<u32>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Where the words of the last result's tape are, in [`instance_memory`].
#[wasm_bindgen(js_name = tapeWords)]
pub fn tape_words() -> *const u32 {
    WORDS.with(|words| words.borrow().as_ptr())
}

/// How many words the last result's tape has.
#[wasm_bindgen(js_name = tapeLength)]
pub fn tape_length() -> usize {
    WORDS.with(|words| words.borrow().len())
}

/// The instance's memory (`WebAssembly.Memory`).
#[wasm_bindgen(js_name = instanceMemory)]
pub fn instance_memory() -> JsValue {
    wasm_bindgen::memory()
}

fn from_js<T: for<'de> Deserialize<'de>>(what: &str, value: JsValue) -> Result<T, JsValue> {
    let kind = if what == "settings" {
        "config"
    } else {
        "argument"
    };
    serde_wasm_bindgen::from_value(value).map_err(|e| shape_error(kind, what, e))
}

/// The Dockerfile text the wrapper encoded with `TextEncoder` (always UTF-8: lone
/// surrogates become U+FFFD). Texts come in as bytes because wasm-bindgen's string
/// passing copies them character by character in JavaScript; this is a native copy.
fn text(bytes: &[u8]) -> Result<&str, JsValue> {
    std::str::from_utf8(bytes).map_err(|e| {
        error_value(ErrorValue {
            kind: "argument",
            message: format!("the Dockerfile text is not UTF-8: {e}"),
            file: None,
            line: None,
            column: None,
        })
    })
}

/// A linter with one set of settings; positions in UTF-16 code units.
#[wasm_bindgen]
#[derive(Debug)]
pub struct Linter(slimfile::Linter);

#[wasm_bindgen]
impl Linter {
    /// Settings as an object in the `slimfile.toml` shape (kebab-case keys), or
    /// `undefined` for the defaults.
    #[wasm_bindgen(constructor)]
    pub fn new(settings: JsValue) -> Result<Linter, JsValue> {
        let settings = if settings.is_undefined() || settings.is_null() {
            Settings::default()
        } else {
            from_js("settings", settings)?
        };
        Ok(Linter::with_settings(settings))
    }

    /// Settings from the text of a `slimfile.toml`.
    #[wasm_bindgen(js_name = fromToml)]
    pub fn from_toml(text: &str) -> Result<Linter, JsValue> {
        Settings::from_toml(text)
            .map(Linter::with_settings)
            .map_err(core_error)
    }

    fn with_settings(settings: Settings) -> Linter {
        Linter(slimfile::Linter::new(settings).with_encoding(PositionEncoding::Utf16))
    }

    /// The settings in use, in the `slimfile.toml` shape.
    pub fn settings(&self) -> Result<String, JsValue> {
        to_js(self.0.settings())
    }

    /// Findings in `source`, ordered by position.
    pub fn check(&self, source: &[u8], context: &Context) -> Result<String, JsValue> {
        let found = self
            .0
            .check(text(source)?, &context.0)
            .map_err(core_error)?;
        to_js(&found)
    }

    /// The rewrite the fixes allowed by `options` (`{unsafeFixes, only, maxPasses}`) make.
    pub fn fix(
        &self,
        source: &[u8],
        context: &Context,
        options: JsValue,
    ) -> Result<String, JsValue> {
        let options = fix_options(options)?;
        let source = text(source)?;
        let fixed = self
            .0
            .fix(source, &context.0, &options)
            .map_err(core_error)?;
        to_js(&fixed)
    }

    /// How BuildKit reads `source` (what `slimfile parse --format json` prints).
    pub fn parse(&self, source: &[u8]) -> Result<String, JsValue> {
        let view = self.0.parse(text(source)?).map_err(core_error)?;
        to_js(&view)
    }
}

/// Fix options as JavaScript spells them.
#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
struct FixOptionsValue {
    unsafe_fixes: bool,
    only: Vec<String>,
    max_passes: Option<u32>,
}

fn fix_options(value: JsValue) -> Result<FixOptions, JsValue> {
    let value: FixOptionsValue = if value.is_undefined() || value.is_null() {
        FixOptionsValue::default()
    } else {
        from_js("fix options", value)?
    };
    let only = value
        .only
        .iter()
        .map(|s| RuleSelector::parse(s))
        .collect::<Result<_, _>>()
        .map_err(core_error)?;
    Ok(FixOptions {
        unsafe_fixes: value.unsafe_fixes,
        only,
        max_passes: value
            .max_passes
            .unwrap_or_else(|| FixOptions::default().max_passes),
    })
}

/// A build context: `{files: [{path, size}], dockerignore: string}`, both optional
/// (`new Context()`: nothing known about the context).
/// Rules derive facts from it once and reuse them for every check that passes it.
#[wasm_bindgen]
#[derive(Debug, Clone)]
pub struct Context(slimfile::Context);

#[wasm_bindgen]
impl Context {
    #[wasm_bindgen(constructor)]
    pub fn new(value: JsValue) -> Result<Context, JsValue> {
        if value.is_undefined() || value.is_null() {
            return Ok(Context(slimfile::Context::default()));
        }
        from_js("context", value).map(Context)
    }
}

/// The version of slimfile.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// Every rule, ordered by code.
#[wasm_bindgen]
pub fn rules() -> Result<String, JsValue> {
    to_js(slimfile::rules())
}

/// A rule by code, name or BuildKit check name; `undefined` when there is none.
#[wasm_bindgen]
pub fn rule(code_or_name: &str) -> Result<Option<String>, JsValue> {
    slimfile::rule(code_or_name).map(to_js).transpose()
}

/// Bytes as a Dockerfile: the text, or why it is not one (binary, UTF-16, not UTF-8, too
/// large). A UTF-8 byte-order mark is kept.
#[wasm_bindgen]
pub fn decode(bytes: &[u8]) -> Result<String, JsValue> {
    slimfile::decode(bytes)
        .map(str::to_owned)
        .map_err(core_error)
}
