//! The npm package `slimfile`: core's API for JavaScript, positions in UTF-16 code units
//! (JavaScript string indices). Conversion and error mapping only; every export catches
//! panics. Results are core's serde shapes (the CLI's JSON). `check`, `parse` and
//! `checkFiles`, where the volume is, send them as a [`Tape`] that `index.js` turns into
//! objects (5.6 ms of CPU for the sample corpus's 32,000 findings, where `JSON.parse` of
//! the same results takes 50.7 ms); the rest send serde's JSON through `JSON.parse`.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use napi::bindgen_prelude::*;
use napi::{JsGlobal, JsStringUtf8, Task, ValueType};
use napi_derive::napi;
use serde::Serialize;
use slimfile::{FixOptions, Linter, PositionEncoding, RuleSelector};
use slimfile_cli::files;
use tape::Tape;

mod tape;

// Analysis allocates many small strings: mimalloc, as the `slimfile` command ships (the
// root README's criterion numbers: +12% on `check`). It serves this module's Rust code
// only, not Node's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Settings keys spelled in camelCase in JavaScript, and their `slimfile.toml` names.
const CAMEL_CASE_KEYS: [(&str, &str); 5] = [
    ("extendSelect", "extend-select"),
    ("trustedRegistries", "trusted-registries"),
    ("failLevel", "fail-level"),
    ("labelSchema", "label-schema"),
    ("strictLabels", "strict-labels"),
];

fn linter(settings: slimfile::Settings) -> Arc<Linter> {
    Arc::new(Linter::new(settings).with_encoding(PositionEncoding::Utf16))
}

/// The empty build context, shared (a context caches what rules derive from it).
fn no_context() -> slimfile::Context {
    static EMPTY: OnceLock<slimfile::Context> = OnceLock::new();
    EMPTY.get_or_init(slimfile::Context::default).clone()
}

fn default_linter() -> Arc<Linter> {
    static DEFAULT: OnceLock<Arc<Linter>> = OnceLock::new();
    Arc::clone(DEFAULT.get_or_init(|| linter(slimfile::Settings::default())))
}

/// Throws a JavaScript `Error`, `TypeError` or `RangeError` with a `code`.
fn throw(env: &Env, kind: &str, code: &str, message: &str) -> Error {
    let thrown = match kind {
        "TypeError" => env.throw_type_error(message, Some(code)),
        "RangeError" => env.throw_range_error(message, Some(code)),
        _ => env.throw_error(message, Some(code)),
    };
    match thrown {
        Ok(()) => Error::new(Status::PendingException, message.to_owned()),
        Err(e) => e,
    }
}

fn type_error(env: &Env, message: &str) -> Error {
    throw(env, "TypeError", "ERR_INVALID_ARG_TYPE", message)
}

fn range_error(env: &Env, message: &str) -> Error {
    throw(env, "RangeError", "ERR_OUT_OF_RANGE", message)
}

/// Core's errors: text that is no Dockerfile, unusable settings, unknown rules.
fn core_error(env: &Env, error: slimfile::Error) -> Error {
    let message = error.to_string();
    match error {
        slimfile::Error::Input(_) => throw(env, "RangeError", "ERR_SLIMFILE_INPUT", &message),
        slimfile::Error::UnknownRule(_) => {
            throw(env, "Error", "ERR_SLIMFILE_UNKNOWN_RULE", &message)
        }
        _ => throw(env, "Error", "ERR_SLIMFILE_CONFIG", &message),
    }
}

/// `value` as JavaScript: serde's JSON through `JSON.parse`.
fn to_js<'e, T: Serialize>(env: &Env, value: &T) -> Result<Unknown<'e>> {
    let json = serde_json::to_string(value).map_err(|e| Error::from_reason(e.to_string()))?;
    json_parse(env, json)
}

fn json_parse<'e>(env: &Env, json: String) -> Result<Unknown<'e>> {
    let global: JsGlobal = env.get_global()?;
    let parse: Function<String, Unknown<'e>> = global
        .get_named_property_unchecked::<Object>("JSON")?
        .get_named_property_unchecked("parse")?;
    parse.call(json)
}

/// A string argument, or a `TypeError` naming it.
fn string<'a>(env: &Env, value: &'a Unknown, name: &str) -> Result<JsStringUtf8<'a>> {
    if value.get_type()? != ValueType::String {
        return Err(type_error(env, &format!("`{name}` must be a string")));
    }
    value.coerce_to_string()?.into_utf8()
}

/// An object argument (`undefined` and `null`: none), or a `TypeError` naming it.
fn object<'e>(env: &Env, value: Option<Unknown<'e>>, name: &str) -> Result<Option<Object<'e>>> {
    match value
        .map(|v| Ok::<_, Error>((v.get_type()?, v)))
        .transpose()?
    {
        None | Some((ValueType::Undefined | ValueType::Null, _)) => Ok(None),
        Some((ValueType::Object, v)) if !v.coerce_to_object()?.is_array()? => {
            Ok(Some(v.coerce_to_object()?))
        }
        Some(_) => Err(type_error(env, &format!("{name} must be an object"))),
    }
}

/// An option's value as `T` (`undefined` and `null`: none), or a `TypeError` naming it.
fn option<T: serde::de::DeserializeOwned>(
    env: &Env,
    value: Option<Unknown>,
    key: &str,
    what: &str,
) -> Result<Option<T>> {
    match value
        .map(|v| Ok::<_, Error>((v.get_type()?, v)))
        .transpose()?
    {
        None | Some((ValueType::Undefined | ValueType::Null, _)) => Ok(None),
        Some((_, v)) => env
            .from_js_value(v)
            .map(Some)
            .map_err(|_| type_error(env, &format!("`{key}` must be {what}"))),
    }
}

/// The linter of `options.settings`: a `Settings`, a settings object, or the default.
fn linter_of(
    env: &Env,
    settings: Option<Either<ClassInstance<'_, Settings>, Unknown<'_>>>,
) -> Result<Arc<Linter>> {
    match settings {
        None => Ok(default_linter()),
        Some(Either::A(settings)) => Ok(Arc::clone(&settings.linter)),
        Some(Either::B(value)) => Settings::new(env, Some(value)).map(|s| s.linter),
    }
}

/// The build context of `options.context`: a `Context`, a context object, or none.
fn context_of(
    env: &Env,
    context: Option<Either<ClassInstance<'_, Context>, Unknown<'_>>>,
) -> Result<Option<slimfile::Context>> {
    match context {
        None => Ok(None),
        Some(Either::A(context)) => Ok(Some(context.inner.clone())),
        Some(Either::B(value)) => Context::new(env, Some(value)).map(|c| Some(c.inner)),
    }
}

/// A JavaScript object through serde; the error says where in it the problem is.
fn deserialize<T: serde::de::DeserializeOwned>(object: &Object) -> std::result::Result<T, String> {
    serde_path_to_error::deserialize(&mut napi::De::new(object)).map_err(|e| {
        let path = e.path().to_string();
        let reason = e.into_inner().reason;
        if path == "." {
            reason
        } else {
            format!("`{path}`: {reason}")
        }
    })
}

/// A positive integer option, or a `RangeError`.
fn count(env: &Env, value: Option<Unknown>, key: &str) -> Result<Option<u32>> {
    match option::<f64>(env, value, key, "a number")? {
        Some(n) if n >= 1.0 && n <= f64::from(u32::MAX) && n.fract() == 0.0 => Ok(Some(n as u32)),
        Some(_) => Err(range_error(
            env,
            &format!("`{key}` must be a positive integer"),
        )),
        None => Ok(None),
    }
}

/// Which rules run and how, as `slimfile.toml` says it. Make it once and pass it to every
/// call: the rule selection is worked out when it is made.
#[napi]
#[derive(Debug)]
pub struct Settings {
    linter: Arc<Linter>,
}

#[napi]
impl Settings {
    /// Settings from an object with the keys of `slimfile.toml`, in camelCase (`select`,
    /// `extendSelect`, `ignore`, `severity`, `trustedRegistries`, `prefer`, `failLevel`,
    /// `labelSchema`, `strictLabels`);
    /// the kebab-case keys of `slimfile.toml` work too. Throws on an unknown key or rule.
    #[napi(constructor, catch_unwind, ts_args_type = "options?: SettingsOptions")]
    pub fn new(env: &Env, options: Option<Unknown>) -> Result<Settings> {
        let Some(object) = object(env, options, "settings")? else {
            return Ok(Settings {
                linter: default_linter(),
            });
        };
        let mut renamed = Object::new(env)?;
        for key in Object::keys(&object)? {
            let value: Unknown = object.get_named_property(&key)?;
            let name = CAMEL_CASE_KEYS
                .iter()
                .find(|(camel, _)| *camel == key)
                .map_or(key.as_str(), |(_, kebab)| kebab);
            if renamed.has_own_property(name)? {
                return Err(type_error(env, &format!("settings: `{name}` given twice")));
            }
            renamed.set_named_property(name, value)?;
        }
        let settings: slimfile::Settings = deserialize(&renamed).map_err(|e| {
            let mut message = format!("invalid settings: {e}");
            for (camel, kebab) in CAMEL_CASE_KEYS {
                message = message.replace(&format!("`{kebab}"), &format!("`{camel}"));
            }
            throw(env, "Error", "ERR_SLIMFILE_CONFIG", &message)
        })?;
        Ok(Settings {
            linter: linter(settings),
        })
    }

    /// Reads a settings file as `slimfile --config FILE` does: `slimfile.toml`,
    /// `.slimfile.toml`, `pyproject.toml` (`[tool.slimfile]`) or `.hadolint.yaml`.
    #[napi(factory, catch_unwind, ts_args_type = "path: string")]
    pub fn from_file(env: &Env, path: Unknown) -> Result<Settings> {
        let path = string(env, &path, "path")?;
        let settings = files::settings_from_file(Path::new(path.as_str()?))
            .map_err(|e| core_error(env, e.into()))?;
        Ok(Settings {
            linter: linter(settings),
        })
    }

    /// The settings with the keys of `slimfile.toml` (kebab-case), as core serializes them.
    #[napi(js_name = "toJSON", catch_unwind, ts_return_type = "SettingsJSON")]
    pub fn to_json<'e>(&self, env: &'e Env) -> Result<Unknown<'e>> {
        to_js(env, self.linter.settings())
    }
}

/// A build context: the `.dockerignore` that applies and the files with their sizes. Rules
/// about what goes into the image need it; without one they stay silent.
#[napi]
#[derive(Debug)]
pub struct Context {
    inner: slimfile::Context,
}

#[napi]
impl Context {
    /// A context from `{ files: [{ path, size }], dockerignore }`, both optional.
    #[napi(constructor, catch_unwind, ts_args_type = "options?: ContextOptions")]
    pub fn new(env: &Env, options: Option<Unknown>) -> Result<Context> {
        let Some(object) = object(env, options, "context")? else {
            return Ok(Context {
                inner: slimfile::Context::default(),
            });
        };
        if let Some(key) = Object::keys(&object)?
            .into_iter()
            .find(|k| k != "files" && k != "dockerignore")
        {
            let message = format!("unknown option `{key}` (expected files, dockerignore)");
            return Err(type_error(env, &message));
        }
        let inner =
            deserialize(&object).map_err(|e| type_error(env, &format!("invalid context: {e}")))?;
        Ok(Context { inner })
    }

    /// The build context rooted at `dir`, read as `slimfile check` reads it: its
    /// `.dockerignore` and its files with their sizes.
    #[napi(factory, catch_unwind, ts_args_type = "dir: string")]
    pub fn from_dir(env: &Env, dir: Unknown) -> Result<Context> {
        let dir = string(env, &dir, "dir")?;
        let inner = files::context_from_dir(Path::new(dir.as_str()?));
        Ok(Context { inner })
    }

    /// The files with their sizes, or `null` when unknown.
    #[napi(getter, catch_unwind, ts_return_type = "ContextFile[] | null")]
    pub fn files<'e>(&self, env: &'e Env) -> Result<Unknown<'e>> {
        to_js(env, &self.inner.files())
    }

    /// The `.dockerignore` text, or `null` when there is none.
    #[napi(getter, catch_unwind)]
    pub fn dockerignore(&self) -> Option<String> {
        self.inner.dockerignore().map(str::to_owned)
    }

    /// The context as core serializes it: `{ dockerignore, files }`, `null` where unknown.
    #[napi(js_name = "toJSON", catch_unwind, ts_return_type = "ContextJSON")]
    pub fn to_json<'e>(&self, env: &'e Env) -> Result<Unknown<'e>> {
        to_js(env, &self.inner)
    }
}

/// Checks `text` as a Dockerfile: the findings, ordered by position.
#[napi(
    catch_unwind,
    ts_args_type = "text: string, options?: CheckOptions",
    ts_return_type = "Diagnostic[]"
)]
pub fn check(
    env: &Env,
    text: Unknown,
    settings: Option<Either<ClassInstance<'_, Settings>, Unknown<'_>>>,
    context: Option<Either<ClassInstance<'_, Context>, Unknown<'_>>>,
) -> Result<(Utf16String, Vec<String>)> {
    let text = string(env, &text, "text")?;
    let linter = linter_of(env, settings)?;
    let context = context_of(env, context)?.unwrap_or_else(no_context);
    let found = linter
        .check(text.as_str()?, &context)
        .map_err(|e| core_error(env, e))?;
    let mut tape = Tape::default();
    tape.diagnostics(&found);
    Ok(tape.into_js())
}

/// Applies the fixes the options allow (the safe ones, unless `unsafe: true`) until nothing
/// more changes: the new text, what was applied, and what is still reported.
#[napi(
    catch_unwind,
    ts_args_type = "text: string, options?: FixOptions",
    ts_return_type = "FixResult"
)]
pub fn fix<'e>(
    env: &'e Env,
    text: Unknown,
    settings: Option<Either<ClassInstance<'_, Settings>, Unknown<'_>>>,
    context: Option<Either<ClassInstance<'_, Context>, Unknown<'_>>>,
    unsafe_fixes: Option<Unknown>,
    only: Option<Unknown>,
    max_passes: Option<Unknown>,
) -> Result<Unknown<'e>> {
    let text = string(env, &text, "text")?;
    let linter = linter_of(env, settings)?;
    let context = context_of(env, context)?.unwrap_or_else(no_context);
    let only: Option<Vec<String>> = option(env, only, "only", "an array of strings")?;
    let fix = FixOptions {
        unsafe_fixes: option(env, unsafe_fixes, "unsafe", "a boolean")?.unwrap_or(false),
        only: (only.unwrap_or_default().iter())
            .map(|selector| RuleSelector::parse(selector).map_err(|e| core_error(env, e)))
            .collect::<Result<_>>()?,
        max_passes: count(env, max_passes, "maxPasses")?
            .unwrap_or(FixOptions::default().max_passes),
    };
    let result = linter
        .fix(text.as_str()?, &context, &fix)
        .map_err(|e| core_error(env, e))?;
    to_js(env, &result)
}

/// How BuildKit reads `text`: its items, instructions, errors and warnings.
#[napi(
    catch_unwind,
    ts_args_type = "text: string",
    ts_return_type = "ParseView"
)]
pub fn parse(env: &Env, text: Unknown) -> Result<(Utf16String, Vec<String>)> {
    let text = string(env, &text, "text")?;
    let view = default_linter()
        .parse(text.as_str()?)
        .map_err(|e| core_error(env, e))?;
    let mut tape = Tape::default();
    tape.parse_view(&view);
    Ok(tape.into_js())
}

/// Every rule, ordered by code.
#[napi(catch_unwind, ts_return_type = "RuleInfo[]")]
pub fn rules(env: &Env) -> Result<Unknown<'_>> {
    to_js(env, &slimfile::rules())
}

/// A rule by code (`DL3015`), name (`apt-install-recommends`) or BuildKit check name
/// (`JSONArgsRecommended`); `null` when there is none.
#[napi(
    catch_unwind,
    ts_args_type = "codeOrName: string",
    ts_return_type = "RuleInfo | null"
)]
pub fn rule<'e>(env: &'e Env, code_or_name: Unknown) -> Result<Unknown<'e>> {
    let code_or_name = string(env, &code_or_name, "codeOrName")?;
    to_js(env, &slimfile::rule(code_or_name.as_str()?))
}

/// The most threads one `checkFiles` call uses.
const MAX_THREADS: usize = 64;

/// The work of `checkFiles`, done on worker threads.
#[derive(Debug)]
pub struct CheckFiles {
    paths: Vec<String>,
    linter: Arc<Linter>,
    context: Option<slimfile::Context>,
    threads: usize,
}

impl CheckFiles {
    /// One file, with the given context or else its directory's, as `slimfile check` does.
    fn check(
        &self,
        path: &str,
        contexts: &files::Contexts,
    ) -> std::result::Result<Vec<slimfile::Diagnostic>, String> {
        let path = Path::new(path);
        let text = files::read_dockerfile(path).map_err(|e| e.to_string())?;
        let context = match &self.context {
            Some(context) => context.clone(),
            None => contexts.for_dockerfile(path),
        };
        self.linter
            .check(&text, &context)
            .map_err(|e| e.to_string())
    }

    /// Every file, shared out to `threads` threads; the reports in order.
    fn check_all(&self) -> Tape {
        let next = AtomicUsize::new(0);
        let contexts = files::Contexts::default();
        let found = Mutex::new(vec![Ok(Vec::new()); self.paths.len()]);
        std::thread::scope(|scope| {
            for _ in 0..self.threads.min(self.paths.len()) {
                scope.spawn(|| loop {
                    let at = next.fetch_add(1, Ordering::Relaxed);
                    let Some(path) = self.paths.get(at) else {
                        break;
                    };
                    let result = catch_unwind(AssertUnwindSafe(|| self.check(path, &contexts)))
                        .unwrap_or_else(|panic| Err(panic_to_error(panic).reason));
                    found.lock().unwrap_or_else(|e| e.into_inner())[at] = result;
                });
            }
        });
        let mut tape = Tape::default();
        tape.num(self.paths.len() as u64);
        let found = found.into_inner().unwrap_or_else(|e| e.into_inner());
        for (path, result) in self.paths.iter().zip(found) {
            tape.str(path);
            match result {
                Ok(diagnostics) => {
                    tape.opt_str(None);
                    tape.diagnostics(&diagnostics);
                }
                Err(error) => tape.str(&error),
            }
        }
        tape
    }
}

impl Task for CheckFiles {
    type Output = Tape;
    type JsValue = (Utf16String, Vec<String>);

    /// Runs on a libuv worker thread; a panic there rejects the promise.
    fn compute(&mut self) -> Result<Tape> {
        catch_unwind(AssertUnwindSafe(|| self.check_all())).map_err(panic_to_error)
    }

    fn resolve(&mut self, _: Env, tape: Tape) -> Result<Self::JsValue> {
        Ok(tape.into_js())
    }
}

/// Checks files on worker threads, each with its own directory as build context unless
/// `options.context` gives one (as `slimfile check FILE` does): one report per path, in
/// order. A file that cannot be read gets a report with an `error`; the others go on.
#[napi(
    catch_unwind,
    ts_args_type = "paths: string[], options?: CheckFilesOptions",
    ts_return_type = "Promise<FileReport[]>"
)]
pub fn check_files(
    env: &Env,
    paths: Unknown,
    settings: Option<Either<ClassInstance<'_, Settings>, Unknown<'_>>>,
    context: Option<Either<ClassInstance<'_, Context>, Unknown<'_>>>,
    concurrency: Option<Unknown>,
) -> Result<AsyncTask<CheckFiles>> {
    let paths: Vec<String> = match paths.get_type()? {
        ValueType::Object => env.from_js_value(paths).ok(),
        _ => None,
    }
    .ok_or_else(|| type_error(env, "`paths` must be an array of strings"))?;
    let linter = linter_of(env, settings)?;
    let context = context_of(env, context)?;
    let threads = match count(env, concurrency, "concurrency")? {
        Some(n) => (n as usize).min(MAX_THREADS),
        None => std::thread::available_parallelism().map_or(1, |n| n.get().min(MAX_THREADS)),
    };
    Ok(AsyncTask::new(CheckFiles {
        paths,
        linter,
        context,
        threads,
    }))
}

/// Panics with `message`, for the tests of the boundary (a panic is a JavaScript `Error`).
/// Not part of the API: `index.js` does not export it.
#[napi(js_name = "__panic", catch_unwind, skip_typescript)]
pub fn panic_for_tests(message: String) {
    panic!("{message}");
}
