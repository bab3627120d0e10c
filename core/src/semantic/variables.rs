//! Variables: `$VAR` references and their expansion as BuildKit expands them, the `ARG`s
//! before the first `FROM`, and the `ENV`/`ARG` values and `USER` in force at an
//! instruction (its stage and the stages it is built on).

use std::collections::{HashMap, HashSet};

use super::definitions::Setting;
use super::Semantic;
use crate::semantic::quoting::unquote;
use crate::syntax::Args;
use crate::syntax::InstructionKind;
use crate::syntax::Stage;
use crate::syntax::TextRange;

/// One `$NAME` or `${NAME...}` in a word: the name's byte range in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct VarRef {
    pub start: usize,
    pub end: usize,
    /// Where the `$` is.
    pub dollar: usize,
    /// `${NAME:-default}` or `${NAME-default}`: the author expected it may be unset.
    pub has_default: bool,
}

impl VarRef {
    pub(crate) fn name<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }
}

fn is_name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// The name of the variable a word is made of alone (`$PKGS`, `${PKGS}`).
pub(crate) fn lone_variable(value: &str) -> Option<&str> {
    let rest = value.strip_prefix('$')?;
    let name = match rest.strip_prefix('{') {
        Some(braced) => braced.strip_suffix('}')?,
        None => rest,
    };
    (!name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_'))
        .then_some(name)
}

/// Calls `f` for every variable BuildKit's lexer would look up in `text`: outside single
/// quotes, not escaped with `escape`. Positional (`$1`) and special (`$@`) parameters are
/// left out. The default word of `${A:-$B}` is scanned too, as BuildKit looks `B` up.
pub(crate) fn for_each_var(text: &str, escape: char, mut f: impl FnMut(VarRef)) {
    let bytes = text.as_bytes();
    // Most text has no `$` at all: one fast search instead of a byte-by-byte scan.
    if !text.contains('$') {
        return;
    }
    let esc = if escape.is_ascii() {
        escape as u8
    } else {
        b'\\'
    };
    let (mut single, mut double) = (false, false);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if single {
            single = b != b'\'';
            i += 1;
            continue;
        }
        match b {
            _ if b == esc => {
                i += 2;
                continue;
            }
            b'\'' if !double => single = true,
            b'"' => double = !double,
            b'$' => {
                let braced = bytes.get(i + 1) == Some(&b'{');
                let start = i + 1 + usize::from(braced);
                let first = bytes.get(start).copied().unwrap_or(0);
                if first.is_ascii_alphabetic() || first == b'_' {
                    let len = bytes[start..]
                        .iter()
                        .take_while(|b| is_name_byte(**b))
                        .count();
                    let after = &bytes[start + len..];
                    f(VarRef {
                        start,
                        end: start + len,
                        dollar: i,
                        has_default: braced
                            && (after.starts_with(b":-") || after.starts_with(b"-")),
                    });
                    i = start + len;
                    continue;
                }
            }
            _ => {}
        }
        i += 1;
    }
}

pub(crate) fn has_vars(text: &str, escape: char) -> bool {
    let mut any = false;
    if text.contains('$') {
        for_each_var(text, escape, |_| any = true);
    }
    any
}

/// Expands a word the way BuildKit's `ProcessWord` does: quotes removed, escapes resolved,
/// `$N`, `${N}`, `${N:-w}`, `${N-w}`, `${N:+w}`, `${N+w}` replaced using `lookup`
/// (`None`: not set). Returns `None` for anything else (`${N%w}`, `${N/a/b}`, `${N?}`,
/// an unclosed `${`), where the caller should not guess, and for a result longer than
/// [`MAX_EXPANDED_LEN`].
pub(crate) fn expand(
    text: &str,
    escape: char,
    lookup: &dyn Fn(&str) -> Option<String>,
) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut pos = 0;
    let out = expand_until(&chars, &mut pos, escape, lookup, None)?;
    (pos == chars.len()).then_some(out)
}

/// The longest expansion worked out (64 KiB): values that refer to each other twice
/// (`ARG A1=$A0$A0`, `ARG A2=$A1$A1`...) double with each line, and no value a rule reads
/// (an image, a path, a user, a list of packages) comes near this.
const MAX_EXPANDED_LEN: usize = 64 << 10;

fn expand_until(
    chars: &[char],
    pos: &mut usize,
    escape: char,
    lookup: &dyn Fn(&str) -> Option<String>,
    stop: Option<char>,
) -> Option<String> {
    let mut out = String::new();
    let mut double = false;
    while *pos < chars.len() {
        let c = chars[*pos];
        if Some(c) == stop && !double {
            return Some(out);
        }
        *pos += 1;
        match c {
            _ if c == escape => {
                let next = *chars.get(*pos)?;
                *pos += 1;
                // Inside double quotes only `"`, `$` and the escape itself are escaped.
                if double && !matches!(next, '"' | '$') && next != escape {
                    out.push(c);
                }
                out.push(next);
            }
            '\'' if !double => {
                let close = chars[*pos..].iter().position(|&c| c == '\'')?;
                out.extend(&chars[*pos..*pos + close]);
                *pos += close + 1;
            }
            '"' => double = !double,
            '$' => {
                out.push_str(&expand_dollar(chars, pos, escape, lookup)?);
                if out.len() > MAX_EXPANDED_LEN {
                    return None;
                }
            }
            _ => out.push(c),
        }
    }
    (stop.is_none() && !double).then_some(out)
}

fn expand_dollar(
    chars: &[char],
    pos: &mut usize,
    escape: char,
    lookup: &dyn Fn(&str) -> Option<String>,
) -> Option<String> {
    let braced = chars.get(*pos) == Some(&'{');
    if braced {
        *pos += 1;
    }
    let start = *pos;
    while chars
        .get(*pos)
        .is_some_and(|c| c.is_ascii_alphanumeric() || *c == '_')
    {
        *pos += 1;
    }
    let name: String = chars[start..*pos].iter().collect();
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        if braced || !name.is_empty() {
            return None;
        }
        return Some("$".to_string());
    }
    let value = lookup(&name);
    if !braced {
        return Some(value.unwrap_or_default());
    }
    let null_is_unset = chars.get(*pos) == Some(&':');
    if null_is_unset {
        *pos += 1;
    }
    let op = *chars.get(*pos)?;
    *pos += 1;
    if op == '}' && !null_is_unset {
        return Some(value.unwrap_or_default());
    }
    if !matches!(op, '-' | '+') {
        return None;
    }
    let word = expand_until(chars, pos, escape, lookup, Some('}'))?;
    if chars.get(*pos) != Some(&'}') {
        return None;
    }
    *pos += 1;
    let set = value
        .as_ref()
        .is_some_and(|v| !(null_is_unset && v.is_empty()));
    Some(match (op, set) {
        ('-', true) => value.unwrap_or_default(),
        ('-', false) => word,
        ('+', true) => word,
        _ => String::new(),
    })
}

/// The build arguments BuildKit defines before the first `FROM` (`docker buildx build`
/// on linux/amd64), usable in `FROM` without being declared.
pub(crate) const PREDEFINED_PLATFORM_ARGS: [(&str, &str); 11] = [
    ("BUILDPLATFORM", "linux/amd64"),
    ("BUILDOS", "linux"),
    ("BUILDOSVERSION", ""),
    ("BUILDARCH", "amd64"),
    ("BUILDVARIANT", ""),
    ("TARGETPLATFORM", "linux/amd64"),
    ("TARGETOS", "linux"),
    ("TARGETOSVERSION", ""),
    ("TARGETARCH", "amd64"),
    ("TARGETVARIANT", ""),
    ("TARGETSTAGE", "default"),
];

/// The `ARG`s before the first `FROM`: the names declared, and the values they have
/// when no `--build-arg` is given (each default expanded with the values before it, then
/// BuildKit's platform arguments).
#[derive(Debug, Default)]
pub(crate) struct GlobalArgs {
    /// `(name, range of the ARG word)`, in file order.
    pub declared: Vec<(String, TextRange)>,
    /// The names of `declared`, for look-ups.
    names: HashSet<String>,
    /// The value of each default declared (of the last one, for a name declared twice).
    values: HashMap<String, String>,
}

impl GlobalArgs {
    pub(crate) fn read(model: &Semantic) -> GlobalArgs {
        let escape = model.df.escape();
        let mut out = GlobalArgs::default();
        // Values past this many bytes in all are not kept (unknown): a file of `ARG`s
        // repeating a long value then costs memory in its own size.
        let mut budget: usize = 8 << 20;
        let end = model.df.stages().first().map_or(0, |s| s.from as usize);
        for inst in &model.instructions()[..end] {
            let Args::Words(words) = &inst.args else {
                continue;
            };
            if inst.kind != InstructionKind::Arg {
                continue;
            }
            for word in words {
                let (name, default) = match word.value.split_once('=') {
                    Some((n, d)) => (n, Some(d)),
                    None => (word.value.as_str(), None),
                };
                out.declared.push((name.to_string(), word.range));
                out.names.insert(name.to_string());
                if let Some(d) = default {
                    let value = expand(d, escape, &|n| out.value(n).map(str::to_string))
                        .unwrap_or_default();
                    if value.len() <= budget {
                        budget -= value.len();
                        out.values.insert(name.to_string(), value);
                    }
                }
            }
        }
        out
    }

    /// Whether an `ARG` before the first `FROM` declares `name`.
    pub(crate) fn declares(&self, name: &str) -> bool {
        self.names.contains(name)
    }

    /// Whether `name` may be used in `FROM`: declared, or one of BuildKit's own.
    pub(crate) fn is_declared(&self, name: &str) -> bool {
        self.declares(name) || PREDEFINED_PLATFORM_ARGS.iter().any(|(n, _)| *n == name)
    }

    /// The value with no `--build-arg` given: the last default declared, else BuildKit's.
    pub(crate) fn value(&self, name: &str) -> Option<&str> {
        self.values.get(name).map(String::as_str).or_else(|| {
            PREDEFINED_PLATFORM_ARGS
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| *v)
        })
    }

    /// Every name usable in `FROM`, for suggestions.
    pub(crate) fn names(&self) -> impl Iterator<Item = &str> {
        self.declared
            .iter()
            .map(|(n, _)| n.as_str())
            .chain(PREDEFINED_PLATFORM_ARGS.iter().map(|(n, _)| *n))
    }
}

/// Names that official and common base images set with `ENV`, so that using them
/// without a declaration in the Dockerfile is normal. Taken from the Dockerfiles of the
/// docker-library images (node, python, golang, ruby, php, httpd, nginx, postgres, redis,
/// mysql, mongo, openjdk/eclipse-temurin, maven, gradle, rust, dotnet, tomcat) and the
/// variables every Linux image has.
pub(crate) const BASE_IMAGE_ENV: &[&str] = &[
    "PATH",
    "HOME",
    "HOSTNAME",
    "USER",
    "SHELL",
    "TERM",
    "PWD",
    "LANG",
    "LANGUAGE",
    "LC_ALL",
    "TZ",
    "DEBIAN_FRONTEND",
    "LD_LIBRARY_PATH",
    "NODE_VERSION",
    "YARN_VERSION",
    "PYTHON_VERSION",
    "PYTHON_SHA256",
    "PYTHON_PIP_VERSION",
    "PYTHON_SETUPTOOLS_VERSION",
    "PYTHON_GET_PIP_URL",
    "PYTHON_GET_PIP_SHA256",
    "GPG_KEY",
    "GOLANG_VERSION",
    "GOPATH",
    "GOROOT",
    "GOTOOLCHAIN",
    "RUBY_VERSION",
    "RUBY_MAJOR",
    "RUBY_DOWNLOAD_SHA256",
    "GEM_HOME",
    "BUNDLE_APP_CONFIG",
    "BUNDLE_SILENCE_ROOT_WARNING",
    "PHP_VERSION",
    "PHP_INI_DIR",
    "PHPIZE_DEPS",
    "PHP_URL",
    "PHP_ASC_URL",
    "PHP_SHA256",
    "PHP_CFLAGS",
    "PHP_CPPFLAGS",
    "PHP_LDFLAGS",
    "APACHE_CONFDIR",
    "APACHE_ENVVARS",
    "HTTPD_PREFIX",
    "HTTPD_VERSION",
    "NGINX_VERSION",
    "NJS_VERSION",
    "PKG_RELEASE",
    "PG_MAJOR",
    "PG_VERSION",
    "PGDATA",
    "REDIS_VERSION",
    "MYSQL_MAJOR",
    "MYSQL_VERSION",
    "MONGO_VERSION",
    "MONGO_MAJOR",
    "JAVA_HOME",
    "JAVA_VERSION",
    "JDK_VERSION",
    "MAVEN_HOME",
    "MAVEN_CONFIG",
    "GRADLE_HOME",
    "GRADLE_VERSION",
    "RUSTUP_HOME",
    "CARGO_HOME",
    "RUST_VERSION",
    "DOTNET_VERSION",
    "ASPNET_VERSION",
    "ASPNETCORE_URLS",
    "APP_UID",
    "CATALINA_HOME",
    "TOMCAT_VERSION",
    "TOMCAT_MAJOR",
    "CONDA_DIR",
    "CUDA_VERSION",
];

/// Whether a base image may well set `name` (see [`BASE_IMAGE_ENV`]); also
/// `<IMAGE>_VERSION`-style names of the stage's own base image (`NODE_*` on `node`).
pub(crate) fn may_come_from_base_image(name: &str, stage: Option<&Stage>) -> bool {
    if BASE_IMAGE_ENV.contains(&name) || name.starts_with("NVIDIA_") {
        return true;
    }
    let Some(image) = stage.and_then(|s| s.base.as_ref()) else {
        return false;
    };
    let short = image.path.rsplit('/').next().unwrap_or(&image.path);
    let prefix: String = short
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    !prefix.is_empty()
        && name
            .strip_prefix(prefix.as_str())
            .is_some_and(|rest| rest.starts_with('_'))
}

/// What an `ENV` or `ARG` sets a variable to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum EnvSetting {
    Value(String),
    /// Declared, but its value is only known at build time (`ARG X`, `ENV X=$Y`).
    Unknown,
}

/// The latest `ENV`/`ARG` setting of any of `names` in effect for instruction `index`
/// (inherited through `FROM <stage>` too).
pub(crate) fn env_setting(model: &Semantic, index: usize, names: &[&str]) -> Option<EnvSetting> {
    Some(match model.definitions().latest_of(model, index, names)? {
        Setting::Valued(value) => setting(unquote(value)),
        Setting::Bare => EnvSetting::Unknown,
    })
}

fn setting(value: &str) -> EnvSetting {
    if value.contains('$') {
        EnvSetting::Unknown
    } else {
        EnvSetting::Value(value.to_string())
    }
}

/// The value of an `ENV` key or `ARG` default set before `index` in the image being built by
/// the stage of `index` (its `FROM <stage>` ancestors included), quotes removed. `Some("")`
/// for an `ARG` without default. A later command prefix (`NODE_ENV=x npm ci`) is the caller's.
pub(crate) fn variable_before<'a>(
    model: &Semantic<'a>,
    index: usize,
    name: &str,
) -> Option<&'a str> {
    Some(match variable_set_before(model, index, name)?.1 {
        Setting::Valued(value) => unquote(value),
        Setting::Bare => "",
    })
}

/// How `name` is set before `index` (the value as written), with the index of the `ENV` or
/// `ARG` that sets it: BuildKit expands the variables of that value there, before the
/// instruction.
pub(crate) fn variable_set_before<'a>(
    model: &Semantic<'a>,
    index: usize,
    name: &str,
) -> Option<(usize, Setting<'a>)> {
    model.definitions().setting_at(model, index, name)
}

/// Whether an `ENV` in force at `index` (or an `ARG` of the stage) sets one of `names`.
pub(crate) fn env_sets(model: &Semantic, index: usize, names: &[&str]) -> bool {
    model
        .definitions()
        .sets_any_ignoring_case(model, index, names)
}

/// Whether the build runs as root at `index`: no `USER` in force, or `USER root`/`0`.
pub(crate) fn runs_as_root(model: &Semantic, index: usize) -> bool {
    let last_user = model.definitions().user_at(model, index);
    match last_user.map(|i| &model.instructions()[i].args) {
        None => true,
        Some(Args::Text(user)) => {
            let name = user.value.split(':').next().unwrap_or("");
            name == "root" || name == "0"
        }
        Some(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        for_each_var(text, '\\', |r| out.push(r.name(text)));
        out
    }

    #[test]
    fn finds_variables_like_buildkit() {
        assert_eq!(
            names("a$B${C}-${D:-$E}'$F'\\$G\"$H\"$1$@"),
            ["B", "C", "D", "E", "H"]
        );
    }

    #[test]
    fn expands_like_buildkit() {
        let lookup = |n: &str| match n {
            "TAG" => Some("1.2".to_string()),
            "EMPTY" => Some(String::new()),
            _ => None,
        };
        let e = |t: &str| expand(t, '\\', &lookup);
        assert_eq!(e("node:${TAG}").as_deref(), Some("node:1.2"));
        assert_eq!(e("node:$NOPE").as_deref(), Some("node:"));
        assert_eq!(e("a:${EMPTY:-x}").as_deref(), Some("a:x"));
        assert_eq!(e("a:${EMPTY-x}").as_deref(), Some("a:"));
        assert_eq!(e("a${TAG:+-slim}").as_deref(), Some("a-slim"));
        assert_eq!(e("\"a b\"'$TAG'").as_deref(), Some("a b$TAG"));
        assert_eq!(e("${TAG%.2}"), None);
    }

    #[test]
    fn the_nearest_stage_sets_the_value_in_force() {
        let parsed = crate::syntax::parse(
            "FROM debian:12 AS base\nENV X=base\nFROM base\nENV X=derived\nRUN echo $X\n",
        );
        let model = Semantic::new(&parsed);
        assert_eq!(variable_before(&model, 4, "X"), Some("derived"));
        assert_eq!(variable_before(&model, 3, "X"), Some("base"));
    }
}
