//! `slimfile._slimfile`: the native module behind the Python package. It converts between
//! Python and the `slimfile` core API and maps errors; the typed façade is
//! `python/slimfile/__init__.py`. Positions count Python `str` characters (code points).
//! No panic crosses into Python: each one becomes `slimfile.SlimfileError`.

use std::collections::VecDeque;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::{Arc, Mutex, OnceLock};

use pyo3::call::PyCallArgs;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{IntoPyDict, PyBytes, PyDict, PyIterator, PyMapping, PyString, PyTuple};
use pyo3::IntoPyObjectExt;
use slimfile::{Error, FixOptions, Linter, PositionEncoding, RuleSelector};
use slimfile_cli::files;

// Analysis makes many small allocations; the `slimfile` binary uses mimalloc too.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// An instance of an exception class of `slimfile._errors`, as a `PyErr`.
fn raise<'py>(py: Python<'py>, class: &str, args: impl PyCallArgs<'py>) -> PyErr {
    let made = py
        .import("slimfile._errors")
        .and_then(|m| m.getattr(class)?.call1(args)?.into_py_any(py));
    match made {
        Ok(instance) => PyErr::from_value(instance.into_bound(py)),
        Err(e) => e,
    }
}

fn core_error(py: Python<'_>, e: Error) -> PyErr {
    match e {
        Error::Config(c) => raise(
            py,
            "ConfigError",
            (c.to_string(), &c.file, c.line, c.column, &c.message),
        ),
        Error::Input(i) => raise(py, "InputError", (i.to_string(),)),
        Error::UnknownRule(r) => raise(py, "UnknownRuleError", (e_text(&r), r)),
        other => raise(py, "SlimfileError", (other.to_string(),)),
    }
}

fn e_text(selector: &str) -> String {
    Error::UnknownRule(selector.to_string()).to_string()
}

/// Runs `f` without the GIL; a panic becomes `SlimfileError`, never pyo3's
/// `PanicException` (a `BaseException` that `except Exception` would miss).
fn detached<T: Send>(py: Python<'_>, f: impl FnOnce() -> Result<T, Error> + Send) -> PyResult<T> {
    match py.detach(|| catch_unwind(AssertUnwindSafe(f))) {
        Ok(done) => done.map_err(|e| core_error(py, e)),
        Err(panic) => Err(raise(py, "SlimfileError", (panic_text(&*panic),))),
    }
}

fn panic_text(panic: &(dyn std::any::Any + Send)) -> String {
    let what = panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_default();
    format!("internal error in slimfile (please report it): {what}")
}

/// The text of a `str` (code points) or of `bytes` (decoded as the CLI decodes files).
fn source<'a>(text: &'a Bound<'_, PyAny>) -> PyResult<std::borrow::Cow<'a, str>> {
    let py = text.py();
    if let Ok(bytes) = text.cast::<PyBytes>() {
        let decoded = slimfile::decode(bytes.as_bytes());
        return decoded.map(Into::into).map_err(|e| core_error(py, e));
    }
    let string = text.cast::<PyString>()?;
    string.to_cow().map_err(|e| {
        let why = format!("input is not valid Unicode: {e}");
        let err = raise(py, "InputError", (why,));
        err.set_cause(py, Some(e));
        err
    })
}

fn tuple<'py, T: IntoPyObject<'py>>(
    py: Python<'py>,
    items: impl IntoIterator<Item = T, IntoIter: ExactSizeIterator>,
) -> PyResult<Bound<'py, PyTuple>> {
    PyTuple::new(py, items)
}

/// The serde name of a unit enum (`"error"`, `"display-only"`).
fn label(value: &impl serde::Serialize) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// A frozen class over a core value: getters, `to_dict()` (the value's JSON shape, what the
/// CLI prints), `==`, `hash()` and `repr()`.
macro_rules! record {
    ($(#[doc = $doc:literal])* $name:ident($inner:ty) repr($($shown:ident),*) {
        $($(#[doc = $fdoc:literal])* $field:ident($s:ident, $py:ident) $get:expr;)*
    } $($extra:item)*) => {
        $(#[doc = $doc])*
        #[pyclass(frozen, module = "slimfile")]
        #[derive(Debug)]
        pub struct $name(pub $inner);

        #[pymethods]
        impl $name {
            $($(#[doc = $fdoc])* #[getter]
            fn $field<'py>(&self, $py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                let $s = &self.0;
                $get.into_bound_py_any($py)
            })*

            /// The value as plain data: the keys and values of the CLI's JSON output.
            fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                let json = serde_json::to_string(&self.0)
                    .map_err(|e| PyValueError::new_err(e.to_string()))?;
                py.import("json")?.call_method1("loads", (json,))
            }

            fn __eq__(&self, other: PyRef<'_, Self>) -> bool {
                self.0 == other.0
            }

            fn __hash__(&self) -> u64 {
                let mut h = DefaultHasher::new();
                serde_json::to_string(&self.0).unwrap_or_default().hash(&mut h);
                h.finish()
            }

            fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
                let mut parts = Vec::new();
                for field in [$(stringify!($shown)),*] {
                    parts.push(format!("{field}={}", slf.getattr(field)?.repr()?));
                }
                Ok(format!("{}({})", stringify!($name), parts.join(", ")))
            }

            $($extra)*
        }
    };
}

record! {
    /// A 1-based line and column (columns count characters).
    Position(slimfile::Position) repr(line, column) {
        line(p, py) p.line;
        column(p, py) p.column;
    }
}

record! {
    /// Where something is, from `start` to `end`.
    Range(slimfile::Range) repr(start, end) {
        start(r, py) Position(r.start);
        end(r, py) Position(r.end);
    }
}

record! {
    /// Replace `text[start:end]` with `content` (an empty span inserts).
    Edit(slimfile::TextEdit) repr(start, end, content) {
        start(e, py) e.span[0];
        end(e, py) e.span[1];
        content(e, py) e.content.as_ref();
    }
}

record! {
    /// A fix a rule proposes: `applicability` is `"safe"`, `"unsafe"` or `"display-only"`.
    Fix(slimfile::SuggestedFix) repr(applicability, title, edits) {
        applicability(f, py) f.applicability.as_str();
        title(f, py) f.title.as_ref();
        edits(f, py) tuple(py, f.edits.iter().map(|e| Edit(e.clone())))?;
    }
}

record! {
    /// A finding of one rule: `text[d.start:d.end]` is the flagged text.
    Diagnostic(slimfile::Diagnostic) repr(code, severity, message, start, end) {
        code(d, py) d.code.as_ref();
        name(d, py) d.name.as_ref();
        severity(d, py) d.severity.as_str();
        message(d, py) d.message.as_str();
        range(d, py) Range(d.range);
        start(d, py) d.span[0];
        end(d, py) d.span[1];
        fix(d, py) d.fix.clone().map(Fix);
        savings_bytes(d, py) d.savings_bytes;
    }
}

record! {
    /// A fix that was applied, in pass `pass_` (from 1).
    AppliedFix(slimfile::AppliedFix) repr(code, title) {
        code(f, py) f.code.as_str();
        title(f, py) f.title.as_str();
        applicability(f, py) f.applicability.as_str();
        pass_(f, py) f.pass;
    }
}

record! {
    /// A fix left out because it broke the file, and why.
    RejectedFix(slimfile::RejectedFix) repr(code, title, reason) {
        code(f, py) f.code.as_str();
        title(f, py) f.title.as_str();
        reason(f, py) f.reason.as_str();
    }
}

record! {
    /// What `fix()` made of a text; `remaining` has positions in the new `text`.
    FixResult(slimfile::FixResult) repr(applied, remaining, converged) {
        text(r, py) r.text.as_str();
        dockerignore(r, py) r.dockerignore.as_deref();
        dockerignore_additions(r, py) tuple(py, &r.dockerignore_additions)?;
        applied(r, py) tuple(py, r.applied.iter().map(|a| AppliedFix(a.clone())))?;
        rejected(r, py) tuple(py, r.rejected.iter().map(|a| RejectedFix(a.clone())))?;
        remaining(r, py) tuple(py, r.remaining.iter().map(|d| Diagnostic(d.clone())))?;
        saved_bytes(r, py) r.saved_bytes;
        converged(r, py) r.converged;
    }
}

record! {
    /// A top-level piece of the file (`kind`: directive, comment, blank, instruction, error).
    Item(slimfile::ParsedItem) repr(kind, start, end) {
        kind(i, py) label(&i.kind);
        start(i, py) i.start;
        end(i, py) i.end;
    }
}

record! {
    /// One instruction, field for field as BuildKit's parser reports it.
    Instruction(slimfile::syntax::buildkit::BuildkitInstruction) repr(cmd, value) {
        cmd(i, py) i.cmd.as_deref();
        sub_cmd(i, py) i.sub_cmd.as_deref();
        json(i, py) i.json;
        original(i, py) i.original.as_str();
        start_line(i, py) i.start_line;
        end_line(i, py) i.end_line;
        flags(i, py) tuple(py, &i.flags)?;
        value(i, py) tuple(py, &i.value)?;
        heredocs(i, py) tuple(py, i.heredocs.iter().map(|h| (&h.name, h.file_descriptor, &h.content)))?;
        start(i, py) i.span[0];
        end(i, py) i.span[1];
    }
}

record! {
    /// A parse error or warning, with its place.
    ParseProblem(slimfile::ParseProblem) repr(kind, message, line, column) {
        kind(p, py) label(&p.kind);
        message(p, py) p.message.as_str();
        line(p, py) p.line;
        column(p, py) p.column;
        start(p, py) p.span[0];
        end(p, py) p.span[1];
    }
}

record! {
    /// How BuildKit reads a text: `errors` are what its parser rejects.
    ParseResult(slimfile::ParseView) repr(instructions, errors) {
        escape(v, py) v.escape;
        items(v, py) tuple(py, v.items.iter().map(|i| Item(i.clone())))?;
        instructions(v, py) tuple(py, v.instructions.iter().map(|i| Instruction(i.clone())))?;
        errors(v, py) tuple(py, v.errors.iter().map(|p| ParseProblem(p.clone())))?;
        warnings(v, py) tuple(py, v.warnings.iter().map(|p| ParseProblem(p.clone())))?;
    }
}

record! {
    /// A rule and its documentation (Markdown).
    Rule(slimfile::RuleInfo) repr(code, name, summary) {
        code(r, py) r.code.as_str();
        name(r, py) r.name.as_str();
        category(r, py) r.category.as_str();
        severity(r, py) r.severity.as_str();
        default_enabled(r, py) r.default_enabled;
        buildkit(r, py) r.buildkit.as_deref();
        fix(r, py) label(&r.fix);
        summary(r, py) r.summary.as_str();
        documentation(r, py) r.documentation.as_str();
    }
}

record! {
    /// A build context: the `.dockerignore` that applies and the files with their sizes.
    Context(slimfile::Context) repr(dockerignore, files) {
        dockerignore(c, py) c.dockerignore();
        files(c, py) c.files().map(|f| tuple(py, f.iter().map(|f| (&f.path, f.size)))).transpose()?;
    }

    #[new]
    #[pyo3(signature = (*, dockerignore = None, files = None))]
    fn new(dockerignore: Option<String>, files: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        let mut context = slimfile::Context::default();
        if let Some(files) = files {
            let pairs = match files.cast::<PyMapping>() {
                Ok(mapping) => mapping.items()?.into_any(),
                Err(_) => files.clone(),
            };
            let pairs = pairs.try_iter()?.map(|pair| pair?.extract::<(String, u64)>());
            context = context.with_files(pairs.collect::<PyResult<Vec<_>>>()?);
        }
        if let Some(text) = dockerignore {
            context = context.with_dockerignore(text);
        }
        Ok(Context(context))
    }

    /// The build context rooted at `path`, read as `slimfile check` reads it.
    #[staticmethod]
    fn from_dir(py: Python<'_>, path: PathBuf) -> PyResult<Self> {
        detached(py, || Ok(files::context_from_dir(&path))).map(Context)
    }
}

/// Which rules run and how; build it once and share it (across threads too).
#[pyclass(frozen, module = "slimfile")]
#[derive(Debug)]
pub struct Settings(Linter);

fn linter_for(settings: slimfile::Settings) -> Linter {
    Linter::new(settings).with_encoding(PositionEncoding::CodePoints)
}

fn default_linter() -> &'static Linter {
    static DEFAULT: OnceLock<Linter> = OnceLock::new();
    DEFAULT.get_or_init(|| linter_for(slimfile::Settings::default()))
}

fn linter<'a>(settings: &'a Option<PyRef<'_, Settings>>) -> &'a Linter {
    match settings {
        Some(s) => &s.0,
        None => default_linter(),
    }
}

fn selectors(list: &[RuleSelector]) -> Vec<&str> {
    list.iter().map(RuleSelector::as_str).collect()
}

#[pymethods]
impl Settings {
    #[new]
    #[pyo3(signature = (*, select=None, extend_select=None, ignore=None, severity=None, trusted_registries=None, prefer=None, fail_level=None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        select: Option<Vec<String>>,
        extend_select: Option<Vec<String>>,
        ignore: Option<Vec<String>>,
        severity: Option<&Bound<'_, PyMapping>>,
        trusted_registries: Option<Vec<String>>,
        prefer: Option<String>,
        fail_level: Option<String>,
    ) -> PyResult<Self> {
        // The keys and shape of `slimfile.toml`, read by core's own deserializer.
        let shape = PyDict::new(py);
        let severity = severity.map(|m| m.items()?.extract::<Vec<(String, String)>>());
        let severity = severity
            .transpose()?
            .map(|pairs| pairs.into_py_dict(py))
            .transpose()?;
        for (key, value) in [
            ("select", select.into_bound_py_any(py)?),
            ("extend-select", extend_select.into_bound_py_any(py)?),
            ("ignore", ignore.into_bound_py_any(py)?),
            ("severity", severity.into_bound_py_any(py)?),
            (
                "trusted-registries",
                trusted_registries.into_bound_py_any(py)?,
            ),
            ("prefer", prefer.into_bound_py_any(py)?),
            ("fail-level", fail_level.into_bound_py_any(py)?),
        ] {
            if !value.is_none() {
                shape.set_item(key, value)?;
            }
        }
        let settings: slimfile::Settings = pythonize::depythonize(&shape).map_err(|e| {
            let e = e.to_string();
            match e.strip_prefix("unknown rule or category `") {
                Some(rest) => core_error(py, Error::UnknownRule(rest.trim_end_matches('`').into())),
                None => raise(
                    py,
                    "ConfigError",
                    (format!("Settings: {e}"), "Settings", 0, 0, e),
                ),
            }
        })?;
        Ok(Settings(linter_for(settings)))
    }

    /// Reads `slimfile.toml`, `.slimfile.toml`, `pyproject.toml` (`[tool.slimfile]`) or
    /// `.hadolint.yaml`, the kind chosen by the file name, as `slimfile --config` does.
    #[staticmethod]
    fn from_file(py: Python<'_>, path: PathBuf) -> PyResult<Self> {
        let read = detached(py, || {
            files::settings_from_file(&path).map_err(Error::Config)
        });
        read.map(|settings| Settings(linter_for(settings)))
    }

    #[getter]
    fn select(&self) -> Vec<&str> {
        selectors(&self.0.settings().select)
    }
    #[getter]
    fn extend_select(&self) -> Vec<&str> {
        selectors(&self.0.settings().extend_select)
    }
    #[getter]
    fn ignore(&self) -> Vec<&str> {
        selectors(&self.0.settings().ignore)
    }
    /// Severity per selector in order (the last match wins); `"off"` turns rules off.
    #[getter]
    fn severity<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let overrides = self.0.settings().severity.iter();
        let pairs = overrides.map(|o| {
            (
                o.selector.as_str(),
                o.severity.map_or("off", |s| s.as_str()),
            )
        });
        pairs.collect::<Vec<_>>().into_py_dict(py)
    }
    #[getter]
    fn trusted_registries(&self) -> Vec<String> {
        self.0.settings().trusted_registries.clone()
    }
    #[getter]
    fn prefer(&self) -> String {
        label(&self.0.settings().prefer)
    }
    #[getter]
    fn fail_level(&self) -> String {
        label(&self.0.settings().fail_level)
    }

    /// The settings in the shape (and with the keys) of `slimfile.toml`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(pythonize::pythonize(py, self.0.settings())?)
    }

    fn __eq__(&self, other: PyRef<'_, Self>) -> bool {
        self.0.settings() == other.0.settings()
    }

    fn __hash__(&self) -> u64 {
        let mut h = DefaultHasher::new();
        serde_json::to_string(self.0.settings())
            .unwrap_or_default()
            .hash(&mut h);
        h.finish()
    }

    /// `Settings(...)` with the values that differ from the defaults.
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let default = pythonize::pythonize(py, default_linter().settings())?;
        let mut parts = Vec::new();
        for (key, value) in self.to_dict(py)?.cast::<PyDict>()?.iter() {
            if !default.get_item(&key)?.eq(&value)? {
                parts.push(format!(
                    "{}={}",
                    key.to_string().replace('-', "_"),
                    value.repr()?
                ));
            }
        }
        Ok(format!("Settings({})", parts.join(", ")))
    }
}

/// Problems in `text` (a `str`, or `bytes` decoded as the CLI decodes files), in order.
#[pyfunction]
#[pyo3(signature = (text, *, context=None, settings=None))]
fn check(
    py: Python<'_>,
    text: &Bound<'_, PyAny>,
    context: Option<PyRef<'_, Context>>,
    settings: Option<PyRef<'_, Settings>>,
) -> PyResult<Vec<Diagnostic>> {
    let (text, linter) = (source(text)?, linter(&settings));
    let context = context.as_ref().map(|c| &c.0);
    let found = detached(py, || linter.check(&text, context.unwrap_or(&EMPTY)))?;
    Ok(found.into_iter().map(Diagnostic).collect())
}

static EMPTY: std::sync::LazyLock<slimfile::Context> = std::sync::LazyLock::new(Default::default);

/// `text` with the fixes applied: the safe ones, also the unsafe ones with `unsafe=True`,
/// only those of the rules `only` names when given.
#[pyfunction]
#[pyo3(signature = (text, *, context=None, settings=None, r#unsafe=false, only=None))]
fn fix(
    py: Python<'_>,
    text: &Bound<'_, PyAny>,
    context: Option<PyRef<'_, Context>>,
    settings: Option<PyRef<'_, Settings>>,
    r#unsafe: bool,
    only: Option<Vec<String>>,
) -> PyResult<FixResult> {
    let (text, linter) = (source(text)?, linter(&settings));
    let only: Result<Vec<_>, _> = only
        .unwrap_or_default()
        .iter()
        .map(|s| RuleSelector::parse(s))
        .collect();
    let only = only.map_err(|e| core_error(py, e))?;
    let options = FixOptions {
        unsafe_fixes: r#unsafe,
        only,
        ..FixOptions::default()
    };
    let context = context.as_ref().map(|c| &c.0);
    detached(py, || {
        linter.fix(&text, context.unwrap_or(&EMPTY), &options)
    })
    .map(FixResult)
}

/// How BuildKit reads `text`: items, instructions, errors and warnings.
#[pyfunction]
fn parse(py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<ParseResult> {
    let text = source(text)?;
    detached(py, || default_linter().parse(&text)).map(ParseResult)
}

/// Every rule, ordered by code.
#[pyfunction]
fn rules() -> Vec<Rule> {
    slimfile::rules().iter().cloned().map(Rule).collect()
}

/// A rule by code (any case), name or BuildKit check name.
#[pyfunction]
fn rule(py: Python<'_>, code_or_name: &str) -> PyResult<Rule> {
    let found = slimfile::rule(code_or_name).cloned().map(Rule);
    found.ok_or_else(|| core_error(py, Error::UnknownRule(code_or_name.to_string())))
}

/// Runs the `slimfile` command with `argv` (program name first); returns its exit status.
#[pyfunction]
fn main(py: Python<'_>, argv: Vec<std::ffi::OsString>) -> u8 {
    let status = py.detach(|| catch_unwind(|| slimfile_cli::run(argv)));
    // As the binary does when it panics (the panic message is already on stderr).
    status.unwrap_or(101)
}

/// What became of one path in `check_paths`.
enum Outcome {
    Checked(Vec<slimfile::Diagnostic>),
    Unreadable(String),
    Failed(Error),
    Panicked(String),
}

struct Job {
    path: PathBuf,
    reply: Sender<Outcome>,
}

/// Contexts by directory, shared by the workers of a batch: each directory is read once
/// (the last few are kept, as the CLI keeps them).
#[derive(Default)]
struct Contexts(Mutex<VecDeque<(PathBuf, Arc<OnceLock<slimfile::Context>>)>>);

impl Contexts {
    const KEEP: usize = 32;

    fn of(&self, file: &Path) -> slimfile::Context {
        let dir = file
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let slot = {
            let mut kept = self
                .0
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            match kept.iter().find(|(d, _)| d == dir) {
                Some((_, slot)) => Arc::clone(slot),
                None => {
                    if kept.len() >= Self::KEEP {
                        kept.pop_front();
                    }
                    let slot = Arc::new(OnceLock::new());
                    kept.push_back((dir.to_path_buf(), Arc::clone(&slot)));
                    slot
                }
            }
        };
        slot.get_or_init(|| files::context_from_dir(dir)).clone()
    }
}

fn work(
    job: &Job,
    linter: &Linter,
    context: Option<&slimfile::Context>,
    contexts: &Contexts,
) -> Outcome {
    let run = || match files::read_dockerfile(&job.path) {
        Err(e) => Outcome::Unreadable(e.to_string()),
        Ok(text) => {
            let context = context.cloned().unwrap_or_else(|| contexts.of(&job.path));
            linter
                .check(&text, &context)
                .map_or_else(Outcome::Failed, Outcome::Checked)
        }
    };
    catch_unwind(AssertUnwindSafe(run)).unwrap_or_else(|p| Outcome::Panicked(panic_text(&*p)))
}

/// `(path, diagnostics, None)` or `(path, None, error)`.
type Entry = (String, Option<Vec<Diagnostic>>, Option<PyErr>);

/// The results of `check_paths`, in input order, while worker threads check what follows.
#[pyclass(module = "slimfile._slimfile")]
#[derive(Debug)]
struct CheckPaths {
    paths: Py<PyIterator>,
    jobs: Option<Sender<Job>>,
    /// Paths sent to the workers and where their outcomes arrive, oldest first (a mutex
    /// only to make the class `Sync`; `&mut self` already excludes other callers).
    pending: Mutex<VecDeque<(String, Receiver<Outcome>)>>,
    window: usize,
    cancel: Arc<AtomicBool>,
}

#[pymethods]
impl CheckPaths {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    /// `(path, diagnostics, None)` or `(path, None, error)`.
    fn __next__(&mut self, py: Python<'_>) -> PyResult<Option<Entry>> {
        let pending = self
            .pending
            .get_mut()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        while pending.len() < self.window {
            let Some(jobs) = &self.jobs else { break };
            let Some(item) = self.paths.bind(py).clone().next() else {
                self.jobs = None; // the workers finish the queue, then stop
                break;
            };
            let path: PathBuf = item?.extract()?;
            let (reply, outcome) = channel();
            pending.push_back((path.display().to_string(), outcome));
            jobs.send(Job { path, reply })
                .map_err(|_| raise(py, "SlimfileError", ("the workers stopped",)))?;
        }
        let Some((path, outcome)) = pending.pop_front() else {
            return Ok(None);
        };
        let outcome = py.detach(move || outcome.recv());
        let file_error = |message: String| raise(py, "FileError", (message, path.clone()));
        Ok(Some(match outcome {
            Ok(Outcome::Checked(found)) => (
                path,
                Some(found.into_iter().map(Diagnostic).collect()),
                None,
            ),
            Ok(Outcome::Unreadable(message)) => (path.clone(), None, Some(file_error(message))),
            Ok(Outcome::Failed(e)) => {
                (path.clone(), None, Some(file_error(format!("{path}: {e}"))))
            }
            Ok(Outcome::Panicked(message)) => {
                (path, None, Some(raise(py, "SlimfileError", (message,))))
            }
            Err(_) => (
                path,
                None,
                Some(raise(py, "SlimfileError", ("a worker stopped",))),
            ),
        }))
    }
}

impl Drop for CheckPaths {
    fn drop(&mut self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
}

/// Checks the files at `paths` on `workers` threads, without the GIL.
#[pyfunction]
#[pyo3(signature = (paths, *, workers=None, settings=None, context=None))]
fn check_paths(
    paths: &Bound<'_, PyAny>,
    workers: Option<usize>,
    settings: Option<PyRef<'_, Settings>>,
    context: Option<PyRef<'_, Context>>,
) -> PyResult<CheckPaths> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let workers = workers.unwrap_or(cores.min(8));
    if workers == 0 {
        return Err(PyValueError::new_err("workers must be at least 1"));
    }
    let linter = Arc::new(linter(&settings).clone());
    let context = context.map(|c| c.0.clone());
    let contexts = Arc::new(Contexts::default());
    let cancel = Arc::new(AtomicBool::new(false));
    let (jobs, queue) = channel::<Job>();
    let queue = Arc::new(Mutex::new(queue));
    #[allow(clippy::disallowed_methods)] // threads belong in the bindings, not in core
    for _ in 0..workers {
        let (queue, linter, context) = (Arc::clone(&queue), Arc::clone(&linter), context.clone());
        let (contexts, cancel) = (Arc::clone(&contexts), Arc::clone(&cancel));
        std::thread::spawn(move || loop {
            let next = queue
                .lock()
                .map_err(drop)
                .and_then(|q| q.recv().map_err(drop));
            let Ok(job) = next else { break };
            if !cancel.load(Ordering::Relaxed) {
                let _ = job
                    .reply
                    .send(work(&job, &linter, context.as_ref(), &contexts));
            }
        });
    }
    Ok(CheckPaths {
        paths: PyIterator::from_object(paths)?.unbind(),
        jobs: Some(jobs),
        pending: Mutex::default(),
        window: workers * 4,
        cancel,
    })
}

/// For the tests: a panic inside the module must arrive as `SlimfileError`.
#[pyfunction]
fn _panic(py: Python<'_>, message: String) -> PyResult<()> {
    detached(py, || -> Result<(), Error> { panic!("{message}") })
}

#[pymodule]
fn _slimfile(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_class::<Position>()?;
    m.add_class::<Range>()?;
    m.add_class::<Edit>()?;
    m.add_class::<Fix>()?;
    m.add_class::<Diagnostic>()?;
    m.add_class::<AppliedFix>()?;
    m.add_class::<RejectedFix>()?;
    m.add_class::<FixResult>()?;
    m.add_class::<Item>()?;
    m.add_class::<Instruction>()?;
    m.add_class::<ParseProblem>()?;
    m.add_class::<ParseResult>()?;
    m.add_class::<Rule>()?;
    m.add_class::<Context>()?;
    m.add_class::<Settings>()?;
    m.add_class::<CheckPaths>()?;
    m.add_function(wrap_pyfunction!(check, m)?)?;
    m.add_function(wrap_pyfunction!(fix, m)?)?;
    m.add_function(wrap_pyfunction!(parse, m)?)?;
    m.add_function(wrap_pyfunction!(rules, m)?)?;
    m.add_function(wrap_pyfunction!(rule, m)?)?;
    m.add_function(wrap_pyfunction!(check_paths, m)?)?;
    m.add_function(wrap_pyfunction!(main, m)?)?;
    m.add_function(wrap_pyfunction!(_panic, m)?)?;
    Ok(())
}
