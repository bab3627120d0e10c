//! `slimfile._slimfile`: the native module behind the Python package. It converts between
//! Python and the `slimfile` core API and maps errors; the typed façade (and `check_paths`'
//! thread pool) is `python/slimfile/`. Positions count Python `str` characters (code
//! points). Every call into core runs without the GIL and no panic crosses into Python:
//! each one becomes `slimfile.SlimfileError`.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::ops::Deref;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::{Arc, LazyLock};

use pyo3::call::PyCallArgs;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyMapping, PyString, PyTuple};
use pyo3::IntoPyObjectExt;
use slimfile::{Error, FixOptions, ParseView, PositionEncoding, RuleSelector};
use slimfile_cli::files::{self, FileError};

// Analysis makes many small allocations; the `slimfile` binary uses mimalloc too.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// An instance of an exception class of `slimfile._errors`, as a `PyErr`.
fn raise<'py>(py: Python<'py>, class: &str, args: impl PyCallArgs<'py>) -> PyErr {
    let made = py
        .import("slimfile._errors")
        .and_then(|m| m.getattr(class)?.call1(args));
    made.map_or_else(|e| e, PyErr::from_value)
}

/// What went wrong in core or on disk, mapped to Python's exceptions once the GIL is back.
enum Failure {
    Core(Error),
    /// A Dockerfile that cannot be read, and its path as the message shows it.
    File(FileError, String),
    Panic(String),
}

impl From<Error> for Failure {
    fn from(e: Error) -> Failure {
        Failure::Core(e)
    }
}

impl Failure {
    fn into_py(self, py: Python<'_>) -> PyErr {
        let text = match &self {
            Failure::Core(e) => e.to_string(),
            Failure::File(e, _) => e.to_string(),
            Failure::Panic(what) => {
                format!("internal error in slimfile (please report it): {what}")
            }
        };
        match self {
            Failure::Core(Error::Config(c)) => raise(
                py,
                "ConfigError",
                (text, c.file, c.line, c.column, c.message),
            ),
            Failure::Core(Error::Input(_)) => raise(py, "InputError", (text,)),
            Failure::Core(Error::UnknownRule(selector)) => {
                raise(py, "UnknownRuleError", (text, selector))
            }
            // `InputError`, or an `OSError` of the kind (`FileNotFoundError`...).
            Failure::File(e, path) => {
                let kind = match e {
                    FileError::Io { kind, .. } => format!("{kind:?}"),
                    _ => "InvalidData".into(),
                };
                raise(py, "_file_error", (text, path, kind))
            }
            _ => raise(py, "SlimfileError", (text,)),
        }
    }
}

/// Runs `f` without the GIL, a panic caught (never pyo3's `PanicException`, a
/// `BaseException` that `except Exception` would miss).
fn detached<T: Send, E: Into<Failure> + Send>(
    py: Python<'_>,
    f: impl FnOnce() -> Result<T, E> + Send,
) -> PyResult<T> {
    let done = py.detach(|| catch_unwind(AssertUnwindSafe(f)));
    let failed = match done {
        Ok(Ok(value)) => return Ok(value),
        Ok(Err(e)) => e.into(),
        Err(panic) => {
            let what = (panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .or_else(|| panic.downcast_ref::<String>().cloned());
            Failure::Panic(what.unwrap_or_default())
        }
    };
    Err(failed.into_py(py))
}

/// UTF-8 text held by Python: the encoding of a `str` (made once, as Python keeps code
/// points), or `bytes` that passed the CLI's checks for files.
struct Text<'py>(Bound<'py, PyBytes>);

impl Deref for Text<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        // Valid UTF-8 either way: checked once by `source`, no copy.
        std::str::from_utf8(self.0.as_bytes()).unwrap_or_default()
    }
}

/// The text of a `str` (code points) or of `bytes` (decoded as the CLI decodes files).
fn source<'py>(text: &Bound<'py, PyAny>) -> PyResult<Text<'py>> {
    let py = text.py();
    if let Ok(bytes) = text.cast::<PyBytes>() {
        let decoded = slimfile::decode(bytes.as_bytes()).map_err(|e| Failure::from(e).into_py(py));
        return decoded.map(|_| Text(bytes.clone()));
    }
    let encoded = text.cast::<PyString>()?.encode_utf8().map_err(|e| {
        let err = raise(
            py,
            "InputError",
            (format!("input is not valid Unicode: {e}"),),
        );
        err.set_cause(py, Some(e));
        err
    });
    encoded.map(Text)
}

/// Plain data with the keys and values of the value's JSON (what the CLI prints).
fn plain<'py>(py: Python<'py>, value: &impl serde::Serialize) -> PyResult<Bound<'py, PyAny>> {
    let json = serde_json::to_string(value).map_err(|e| PyValueError::new_err(e.to_string()))?;
    py.import("json")?.call_method1("loads", (json,))
}

/// One element of a list of a shared [`ParseView`], read in place: never copied.
#[derive(Debug)]
pub struct Part<T: 'static> {
    view: Arc<ParseView>,
    list: fn(&ParseView) -> &Vec<T>,
    at: usize,
}

impl<T> Deref for Part<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &(self.list)(&self.view)[self.at]
    }
}

fn parts<'py, T, C: IntoPyObject<'py>>(
    py: Python<'py>,
    view: &Arc<ParseView>,
    list: fn(&ParseView) -> &Vec<T>,
    class: fn(Part<T>) -> C,
) -> PyResult<Bound<'py, PyTuple>> {
    let part = |at| {
        class(Part {
            view: Arc::clone(view),
            list,
            at,
        })
    };
    PyTuple::new(py, (0..list(view).len()).map(part))
}

/// A frozen class over a core value (`value` picks it out of the inner type): getters,
/// `to_dict()` (the value's JSON shape), `==`, `hash()` and, over the fields in
/// `repr(...)`, `repr()`.
macro_rules! record {
    ($(#[doc = $doc:literal])* $name:ident($inner:ty) $([$($opt:ident),*])?
        $(value($vv:ident) $value:expr;)?
        $(repr($($shown:ident),*))? {
        $($(#[doc = $fdoc:literal])* $field:ident($v:ident, $py:ident) $get:expr;)*
    } $($extra:item)*) => {
        $(#[doc = $doc])*
        #[pyclass(frozen, module = "slimfile" $($(, $opt)*)?)]
        #[derive(Debug)]
        pub struct $name(pub $inner);

        #[pymethods]
        impl $name {
            $($(#[doc = $fdoc])* #[getter]
            fn $field<'py>(&self, $py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                let $v = &self.0;
                $get.into_bound_py_any($py)
            })*

            /// The value as plain data: the keys and values of the CLI's JSON output.
            fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                let inner = &self.0;
                plain(py, value!(inner $(, $vv, $value)?))
            }

            fn __eq__(&self, other: PyRef<'_, Self>) -> bool {
                let (a, b) = (&self.0, &other.0);
                value!(a $(, $vv, $value)?) == value!(b $(, $vv, $value)?)
            }

            fn __hash__(&self) -> u64 {
                let inner = &self.0;
                let mut h = DefaultHasher::new();
                format!("{:?}", value!(inner $(, $vv, $value)?)).hash(&mut h);
                h.finish()
            }

            $(fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
                let fields: PyResult<Vec<String>> = [$(stringify!($shown)),*].iter()
                    .map(|f| Ok(format!("{f}={}", slf.getattr(*f)?.repr()?))).collect();
                Ok(format!("{}({})", stringify!($name), fields?.join(", ")))
            })?

            $($extra)*
        }
    };
}

macro_rules! value {
    ($inner:ident) => {
        $inner
    };
    ($inner:ident, $vv:ident, $value:expr) => {{
        let $vv = $inner;
        $value
    }};
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
        edits(f, py) PyTuple::new(py, f.edits.iter().map(|e| Edit(e.clone())))?;
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
    /// A top-level piece of the file (`kind`: directive, comment, blank, instruction, error).
    Item(Part<slimfile::ParsedItem>) value(i) &**i; repr(kind, start, end) {
        kind(i, py) i.kind.as_str();
        start(i, py) i.start;
        end(i, py) i.end;
    }
}

record! {
    /// One instruction, field for field as BuildKit's parser reports it.
    Instruction(Part<slimfile::syntax::buildkit::BuildkitInstruction>) value(i) &**i; repr(cmd, value) {
        cmd(i, py) i.cmd.as_deref();
        sub_cmd(i, py) i.sub_cmd.as_deref();
        json(i, py) i.json;
        original(i, py) i.original.as_str();
        start_line(i, py) i.start_line;
        end_line(i, py) i.end_line;
        flags(i, py) PyTuple::new(py, &i.flags)?;
        value(i, py) PyTuple::new(py, &i.value)?;
        heredocs(i, py) PyTuple::new(py, i.heredocs.iter().map(|h| (&h.name, h.file_descriptor, &h.content)))?;
        start(i, py) i.span[0];
        end(i, py) i.span[1];
    }
}

record! {
    /// A parse error or warning, with its place.
    ParseProblem(Part<slimfile::ParseProblem>) value(p) &**p; repr(kind, message, line, column) {
        kind(p, py) p.kind.as_str();
        message(p, py) p.message.as_str();
        line(p, py) p.line;
        column(p, py) p.column;
        start(p, py) p.span[0];
        end(p, py) p.span[1];
    }
}

record! {
    /// How BuildKit reads a text: `errors` are what its parser rejects. Nothing is converted
    /// to Python objects before it is read.
    ParseResult(Arc<ParseView>) value(v) &**v; repr(instructions, errors) {
        escape(v, py) v.escape;
        items(v, py) parts(py, v, |v| &v.items, Item)?;
        instructions(v, py) parts(py, v, |v| &v.instructions, Instruction)?;
        errors(v, py) parts(py, v, |v| &v.errors, ParseProblem)?;
        warnings(v, py) parts(py, v, |v| &v.warnings, ParseProblem)?;
    }
}

record! {
    /// A build context: the `.dockerignore` that applies and the files with their sizes.
    Context(slimfile::Context) repr(dockerignore, files) {
        dockerignore(c, py) c.dockerignore();
        files(c, py) c.files().map(|f| PyTuple::new(py, f.iter().map(|f| (&f.path, f.size)))).transpose()?;
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
        Ok(Context(match dockerignore {
            Some(text) => context.with_dockerignore(text),
            None => context,
        }))
    }

    /// The build context rooted at `path`, read as `slimfile check --context` reads it.
    #[staticmethod]
    fn from_dir(py: Python<'_>, path: PathBuf) -> PyResult<Self> {
        detached(py, || Ok::<_, Error>(Context(files::context_from_dir(&path))))
    }

    /// The build context `slimfile check` gives the Dockerfile at `path`: its directory,
    /// with `<Dockerfile>.dockerignore` preferred over the directory's `.dockerignore`.
    #[staticmethod]
    fn for_dockerfile(py: Python<'_>, path: PathBuf) -> PyResult<Self> {
        detached(py, || Ok::<_, Error>(Context(files::context_for_dockerfile(&path))))
    }
}

fn linter_for(settings: slimfile::Settings) -> Linter {
    Linter(slimfile::Linter::new(settings).with_encoding(PositionEncoding::CodePoints))
}

static DEFAULT: LazyLock<Linter> = LazyLock::new(|| linter_for(Default::default()));
static EMPTY: LazyLock<slimfile::Context> = LazyLock::new(Default::default);

record! {
    /// The rule set of some settings: the base class of `slimfile.Settings`, made from
    /// values in the shape of `slimfile.toml` (`{"select": [...], "fail-level": ...}`).
    Linter(slimfile::Linter) [subclass] value(l) l.settings(); {}

    #[new]
    fn new(py: Python<'_>, values: &Bound<'_, PyDict>) -> PyResult<Self> {
        for key in ["select", "extend-select", "ignore", "severity"] {
            for selector in values.get_item(key)?.iter().flat_map(|v| v.try_iter()).flatten() {
                let selector = selector?.extract::<String>()?;
                RuleSelector::parse(&selector).map_err(|e| Failure::from(e).into_py(py))?;
            }
        }
        // Everything else as core reads `slimfile.toml`.
        let settings = pythonize::depythonize(values).map_err(|e| {
            let what = format!("Settings: {e}");
            raise(py, "ConfigError", (what, "Settings", 0, 0, e.to_string()))
        })?;
        Ok(linter_for(settings))
    }
}

/// The values of a settings file read as `slimfile --config FILE` reads it, or (`upward`)
/// those `slimfile check` uses for the Dockerfile at `path`: from the nearest settings file
/// searched upward from its directory, else the defaults.
#[pyfunction]
fn read_settings<'py>(py: Python<'py>, path: PathBuf, upward: bool) -> PyResult<Bound<'py, PyAny>> {
    let settings = detached(py, || {
        match upward {
            true => files::settings_for_dockerfile(&path).map(Option::unwrap_or_default),
            false => files::settings_from_file(&path),
        }
        .map_err(Error::Config)
    })?;
    plain(py, &settings)
}

fn linter<'a>(settings: &'a Option<PyRef<'_, Linter>>) -> &'a slimfile::Linter {
    &settings.as_deref().unwrap_or(&DEFAULT).0
}

/// Problems in `text` (a `str`, or `bytes` decoded as the CLI decodes files), in order.
#[pyfunction]
#[pyo3(signature = (text, *, context=None, settings=None))]
fn check(
    py: Python<'_>,
    text: &Bound<'_, PyAny>,
    context: Option<PyRef<'_, Context>>,
    settings: Option<PyRef<'_, Linter>>,
) -> PyResult<Vec<Diagnostic>> {
    let (text, linter, context) = (source(text)?, linter(&settings), context.as_deref());
    let text: &str = &text;
    let found = detached(py, || linter.check(text, context.map_or(&*EMPTY, |c| &c.0)))?;
    Ok(found.into_iter().map(Diagnostic).collect())
}

/// `text` with the fixes applied, as plain data, and the diagnostics that remain.
#[pyfunction]
#[pyo3(signature = (text, *, context=None, settings=None, r#unsafe=false, only=None))]
fn fix<'py>(
    py: Python<'py>,
    text: &Bound<'_, PyAny>,
    context: Option<PyRef<'_, Context>>,
    settings: Option<PyRef<'_, Linter>>,
    r#unsafe: bool,
    only: Option<Vec<String>>,
) -> PyResult<(Bound<'py, PyAny>, Vec<Diagnostic>)> {
    let (text, linter, context) = (source(text)?, linter(&settings), context.as_deref());
    let text: &str = &text;
    let mut fixed = detached(py, || {
        let only = only.iter().flatten().map(|s| RuleSelector::parse(s));
        let options = FixOptions {
            unsafe_fixes: r#unsafe,
            only: only.collect::<Result<_, _>>()?,
            ..FixOptions::default()
        };
        linter.fix(text, context.map_or(&*EMPTY, |c| &c.0), &options)
    })?;
    let remaining = std::mem::take(&mut fixed.remaining);
    Ok((
        plain(py, &fixed)?,
        remaining.into_iter().map(Diagnostic).collect(),
    ))
}

/// How BuildKit reads `text`: items, instructions, errors and warnings.
#[pyfunction]
fn parse(py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<ParseResult> {
    let text = source(text)?;
    let text: &str = &text;
    detached(py, || {
        DEFAULT.0.parse(text).map(|v| ParseResult(Arc::new(v)))
    })
}

/// Every rule, ordered by code, as plain data.
#[pyfunction]
fn rules(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    plain(py, &slimfile::rules())
}

/// A rule by code (any case), name or BuildKit check name, as plain data.
#[pyfunction]
fn rule<'py>(py: Python<'py>, code_or_name: &str) -> PyResult<Bound<'py, PyAny>> {
    let unknown = || Failure::from(Error::UnknownRule(code_or_name.into())).into_py(py);
    plain(py, slimfile::rule(code_or_name).ok_or_else(unknown)?)
}

/// The build contexts of many Dockerfiles (for `check_paths`' workers): `context` for every
/// file, or each one's as `slimfile check` reads it, a directory listed once and shared.
#[pyclass(frozen, module = "slimfile._slimfile")]
#[derive(Debug)]
struct Contexts(Option<slimfile::Context>, files::Contexts);

#[pymethods]
impl Contexts {
    #[new]
    #[pyo3(signature = (context=None))]
    fn new(context: Option<PyRef<'_, Context>>) -> Self {
        Contexts(context.map(|c| c.0.clone()), files::Contexts::default())
    }
}

/// The Dockerfile at `path`, read as `slimfile check` reads it, checked (for `check_paths`).
#[pyfunction]
fn check_file(
    py: Python<'_>,
    path: PathBuf,
    contexts: PyRef<'_, Contexts>,
    settings: PyRef<'_, Linter>,
) -> PyResult<Vec<Diagnostic>> {
    let (linter, contexts) = (&settings.0, &*contexts);
    let found = detached(py, || -> Result<_, Failure> {
        let shown = || path.display().to_string();
        let text = files::read_dockerfile(&path).map_err(|e| Failure::File(e, shown()))?;
        let context = (contexts.0.clone()).unwrap_or_else(|| contexts.1.for_dockerfile(&path));
        Ok(linter.check(&text, &context)?)
    })?;
    Ok(found.into_iter().map(Diagnostic).collect())
}

/// Runs the `slimfile` command with `argv` (program name first); returns its exit status.
#[pyfunction]
fn main(py: Python<'_>, argv: Vec<std::ffi::OsString>) -> u8 {
    // 101 as the binary exits when it panics (the message is already on stderr).
    py.detach(|| catch_unwind(|| slimfile_cli::run(argv)).unwrap_or(101))
}

/// For the tests: a panic inside the module must arrive as `SlimfileError`.
#[pyfunction]
fn _panic(py: Python<'_>, message: String) -> PyResult<()> {
    detached(py, || -> Result<(), Error> { panic!("{message}") })
}

#[pymodule]
fn _slimfile(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("MAX_SOURCE_LEN", slimfile::MAX_SOURCE_LEN)?;
    macro_rules! add {
        ($($class:ty),*; $($function:ident),*) => {
            $(m.add_class::<$class>()?;)*
            $(m.add_function(wrap_pyfunction!($function, m)?)?;)*
        };
    }
    add!(Position, Range, Edit, Fix, Diagnostic, Item, Instruction, ParseProblem, ParseResult,
        Context, Linter, Contexts; check, fix, parse, rules, rule, read_settings, check_file, main, _panic);
    Ok(())
}
