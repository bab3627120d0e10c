//! Questions the BuildKit-check and security rules share: variable references and their
//! expansion the way BuildKit's word lexer does it, the stages the default image is made
//! of, remote sources, and which shells and interpreters run a script.

use super::checker::Checker;
use crate::syntax::shell::Word;
use crate::syntax::{
    Args, Dockerfile, Flag, Instruction, InstructionKind, ItemKind, Stage, Str, TextRange,
};

/// One `$NAME` or `${NAME...}` in a word: the name's byte range in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct VarRef {
    pub start: usize,
    pub end: usize,
    /// Where the `$` is.
    pub dollar: usize,
    /// `${NAME:-default}` or `${NAME-default}`: the author expected it may be unset.
    pub has_default: bool,
}

impl VarRef {
    pub fn name<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }
}

fn is_name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Calls `f` for every variable BuildKit's lexer would look up in `text`: outside single
/// quotes, not escaped with `escape`. Positional (`$1`) and special (`$@`) parameters are
/// left out. The default word of `${A:-$B}` is scanned too, as BuildKit looks `B` up.
pub fn for_each_var(text: &str, escape: char, mut f: impl FnMut(VarRef)) {
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

/// Whether `text` refers to any variable.
/// The ports of every `EXPOSE` written without variables, as written (`8080/tcp`,
/// `80:8080`): what the EXPOSE format checks look at.
pub fn literal_exposed_ports<'a>(checker: &Checker<'a>) -> impl Iterator<Item = &'a Str> + 'a {
    let escape = checker.df.escape();
    checker
        .instructions()
        .iter()
        .filter(|inst| inst.kind == InstructionKind::Expose)
        .filter_map(|inst| match &inst.args {
            Args::List(ports) => Some(ports.iter()),
            _ => None,
        })
        .flatten()
        .filter(move |port| !has_vars(&port.value, escape))
}

pub fn has_vars(text: &str, escape: char) -> bool {
    let mut any = false;
    if text.contains('$') {
        for_each_var(text, escape, |_| any = true);
    }
    any
}

/// Expands a word the way BuildKit's `ProcessWord` does: quotes removed, escapes resolved,
/// `$N`, `${N}`, `${N:-w}`, `${N-w}`, `${N:+w}`, `${N+w}` replaced using `lookup`
/// (`None`: not set). Returns `None` for anything else (`${N%w}`, `${N/a/b}`, `${N?}`,
/// an unclosed `${`), where the caller should not guess.
pub fn expand(text: &str, escape: char, lookup: &dyn Fn(&str) -> Option<String>) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut pos = 0;
    let out = expand_until(&chars, &mut pos, escape, lookup, None)?;
    (pos == chars.len()).then_some(out)
}

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
            '$' => out.push_str(&expand_dollar(chars, pos, escape, lookup)?),
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
pub const PREDEFINED_PLATFORM_ARGS: [(&str, &str); 11] = [
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

/// The source range of the bytes `start..end` of a `Str`'s value, when the value is the
/// source text as is (no continuation lines, quotes or escapes in between); else the
/// whole `Str`.
pub fn sub_range(s: &Str, source: &str, start: usize, end: usize) -> TextRange {
    if s.range.slice(source) == s.value.as_str() {
        TextRange::new(s.range.start + start as u32, s.range.start + end as u32)
    } else {
        s.range
    }
}

/// Edit distance counting a swap of two neighbours as one edit (`PAHT` → `PATH`), for
/// "did you mean" suggestions; any distance above `cap` is reported as `cap + 1`.
pub fn edit_distance(a: &str, b: &str, cap: usize) -> usize {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len().abs_diff(b.len()) > cap {
        return cap + 1;
    }
    let width = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * width];
    for (j, cell) in d.iter_mut().take(width).enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        d[i * width] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[(i - 1) * width + j - 1] + cost)
                .min(d[(i - 1) * width + j] + 1)
                .min(d[i * width + j - 1] + 1);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[(i - 2) * width + j - 2] + 1);
            }
            d[i * width + j] = v;
        }
    }
    d[a.len() * width + b.len()].min(cap + 1)
}

/// A name in `options` that `name` is likely a typo of: one edit away (a swap of two
/// neighbours counts as one), at least 4 characters, and neither name the end of the
/// other (`CPATH` is not a typo of `PATH`, while `DIR_ASSET` is one of `DIR_ASSETS`).
/// BuildKit suggests up to two edits; one keeps the suggestion trustworthy enough to
/// report on.
pub fn suggest<'o>(name: &str, options: impl IntoIterator<Item = &'o str>) -> Option<&'o str> {
    if name.len() < 4 {
        return None;
    }
    let mut best = None;
    for opt in options {
        if opt == name {
            return None;
        }
        if best.is_none()
            && opt.len() >= 4
            && !opt.ends_with(name)
            && !name.ends_with(opt)
            && edit_distance(name, opt, 1) <= 1
        {
            best = Some(opt);
        }
    }
    best
}

/// The `ARG`s before the first `FROM`: the names declared, and the values they have
/// when no `--build-arg` is given (each default expanded with the values before it, then
/// BuildKit's platform arguments).
#[derive(Debug, Default)]
pub struct GlobalArgs {
    /// `(name, range of the ARG word)`, in file order.
    pub declared: Vec<(String, TextRange)>,
    /// `(name, value)` of the defaults declared; a later entry replaces an earlier one.
    pub values: Vec<(String, String)>,
}

impl GlobalArgs {
    pub fn read(checker: &Checker) -> GlobalArgs {
        let escape = checker.df.escape();
        let mut out = GlobalArgs {
            declared: Vec::new(),
            values: Vec::new(),
        };
        let end = checker.df.stages().first().map_or(0, |s| s.from as usize);
        for inst in &checker.instructions()[..end] {
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
                if let Some(d) = default {
                    let value = expand(d, escape, &|n| out.value(n).map(str::to_string))
                        .unwrap_or_default();
                    out.values.push((name.to_string(), value));
                }
            }
        }
        out
    }

    /// Whether `name` may be used in `FROM`: declared, or one of BuildKit's own.
    pub fn is_declared(&self, name: &str) -> bool {
        self.declared.iter().any(|(n, _)| n == name)
            || PREDEFINED_PLATFORM_ARGS.iter().any(|(n, _)| *n == name)
    }

    /// The value with no `--build-arg` given: the last default declared, else BuildKit's.
    pub fn value(&self, name: &str) -> Option<&str> {
        self.values
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
            .or_else(|| {
                PREDEFINED_PLATFORM_ARGS
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| *v)
            })
    }

    /// Every name usable in `FROM`, for suggestions.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.declared
            .iter()
            .map(|(n, _)| n.as_str())
            .chain(PREDEFINED_PLATFORM_ARGS.iter().map(|(n, _)| *n))
    }
}

/// The `--platform` flag of a `FROM`.
pub fn platform_flag(inst: &Instruction) -> Option<&Flag> {
    inst.flags.iter().find(|f| f.name() == "platform")
}

/// The source range of bytes `start..end` of a flag's value (after `--name=`), when the
/// flag is written without quotes or continuations; else the whole flag.
pub fn flag_value_range(flag: &Flag, source: &str, start: usize, end: usize) -> TextRange {
    let value_at = flag.text.len() - flag.value().map_or(0, str::len);
    if flag.range.slice(source) == flag.text.as_str() {
        let base = flag.range.start as usize + value_at;
        TextRange::new((base + start) as u32, (base + end) as u32)
    } else {
        flag.range
    }
}

/// Whether Docker's reference parser (`ParseNormalizedNamed`) accepts `text`:
/// `[host[:port]/]path[:tag][@digest]` with lower-case path components.
pub fn is_valid_image_reference(text: &str) -> bool {
    if text.is_empty() || text.len() > 255 + 130 {
        return false;
    }
    let (rest, digest) = match text.split_once('@') {
        Some((r, d)) => (r, Some(d)),
        None => (text, None),
    };
    if let Some(d) = digest {
        let Some((algo, hex)) = d.split_once(':') else {
            return false;
        };
        if algo.is_empty()
            || !algo
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-_+.".contains(&b))
            || hex.len() < 32
            || !hex.bytes().all(|b| b.is_ascii_hexdigit())
        {
            return false;
        }
    }
    let last_slash = rest.rfind('/').map_or(0, |i| i + 1);
    let (name, tag) = match rest[last_slash..].rfind(':') {
        Some(i) => (&rest[..last_slash + i], Some(&rest[last_slash + i + 1..])),
        None => (rest, None),
    };
    if let Some(tag) = tag {
        let ok = !tag.is_empty()
            && tag.len() <= 128
            && tag
                .bytes()
                .next()
                .is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_')
            && tag
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"_.-".contains(&b));
        if !ok {
            return false;
        }
    }
    let mut components = name.split('/');
    let first = components.next().unwrap_or("");
    let has_domain = name.contains('/')
        && (first.contains(['.', ':'])
            || first == "localhost"
            || first.bytes().any(|b| b.is_ascii_uppercase()));
    if has_domain {
        let (host, port) = match first.rsplit_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (first, None),
        };
        let host_ok = !host.is_empty()
            && host.split('.').all(|part| {
                !part.is_empty()
                    && part.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                    && !part.starts_with('-')
                    && !part.ends_with('-')
            });
        let ipv6 = host.starts_with('[') && host.ends_with(']');
        let port_ok = port.is_none_or(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
        if !(host_ok || ipv6) || !port_ok {
            return false;
        }
    } else if !path_component_ok(first) {
        return false;
    }
    components.all(path_component_ok)
}

/// `[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*`
fn path_component_ok(part: &str) -> bool {
    let b = part.as_bytes();
    if b.is_empty() || !is_alnum_lower(b[0]) || !is_alnum_lower(b[b.len() - 1]) {
        return false;
    }
    let mut i = 0;
    while i < b.len() {
        if is_alnum_lower(b[i]) {
            i += 1;
            continue;
        }
        let sep_len = b[i..].iter().take_while(|c| !is_alnum_lower(**c)).count();
        let sep = &part[i..i + sep_len];
        if !(sep == "." || sep == "_" || sep == "__" || sep.bytes().all(|c| c == b'-')) {
            return false;
        }
        i += sep_len;
    }
    true
}

fn is_alnum_lower(b: u8) -> bool {
    b.is_ascii_lowercase() || b.is_ascii_digit()
}

/// The stages whose instructions make up the image built by default: the last stage,
/// then the stage it is built `FROM`, and so on.
pub fn final_image_stages<'a>(checker: &Checker<'a>) -> Vec<&'a Stage> {
    let stages = checker.df.stages();
    let mut out = Vec::new();
    let mut next = stages.last();
    while let Some(stage) = next {
        if out.len() > stages.len() {
            break;
        }
        out.push(stage);
        next = stage.base_stage.and_then(|i| stages.get(i as usize));
    }
    out
}

/// `http://` or `https://` (any case).
pub fn is_http_url(text: &str) -> bool {
    let lower = text.get(..8).unwrap_or(text).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// What BuildKit reads as a Git repository rather than a file: `git://`, `git@`,
/// `ssh://`, or an http(s) URL whose path ends in `.git` (before a `#ref`).
pub fn is_git_url(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    if lower.starts_with("git://") || lower.starts_with("git@") || lower.starts_with("ssh://") {
        return true;
    }
    let no_fragment = lower.split('#').next().unwrap_or(&lower);
    let no_query = no_fragment.split('?').next().unwrap_or(no_fragment);
    is_http_url(&lower) && no_query.trim_end_matches('/').ends_with(".git")
}

/// Shells that run a script they read on standard input.
pub const SHELLS: [&str; 8] = ["sh", "bash", "ash", "dash", "zsh", "ksh", "mksh", "busybox"];

/// Interpreters that run a program they read on standard input (with no argument or `-`).
pub const INTERPRETERS: [&str; 7] = [
    "python", "python2", "python3", "perl", "ruby", "node", "php",
];

/// `python3.12` → `python3`.
pub fn interpreter_name(program: &str) -> &str {
    if let Some(rest) = program.strip_prefix("python") {
        if rest.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
            return match rest.as_bytes().first() {
                Some(b'2') => "python2",
                Some(b'3') => "python3",
                _ => "python",
            };
        }
    }
    program
}

/// Whether a shell or interpreter invoked with `args` runs what it reads on standard input:
/// no `-c` inline script, no script file argument (except `-`), or `-s`.
pub fn reads_program_from_stdin(program: &str, args: &[Word]) -> bool {
    let shell = SHELLS.contains(&program);
    let mut args = args.iter().map(|w| w.value.as_str());
    if program == "busybox" {
        // `busybox sh`
        match args.next() {
            Some("sh" | "ash") => {}
            _ => return false,
        }
    }
    for arg in args {
        if arg == "-" || arg == "/dev/stdin" {
            return true;
        }
        if arg == "--" {
            return !shell;
        }
        if let Some(opts) = arg.strip_prefix('-') {
            if opts.starts_with('-') {
                // Long options: `--norc`, `--login`; none of them takes a script.
                continue;
            }
            if shell && opts.contains('s') {
                return true;
            }
            if opts.contains('c') || (!shell && (opts.contains('m') || opts.contains('e'))) {
                return false;
            }
            if shell && opts.starts_with('o') {
                // `-o pipefail`: the next word is the option's value.
                continue;
            }
            continue;
        }
        if arg.starts_with('+') {
            continue;
        }
        // A script file (or the value of `-o`): standard input is data.
        if matches!(arg, "pipefail" | "errexit" | "nounset" | "xtrace") {
            continue;
        }
        return false;
    }
    true
}

/// Names that official and common base images set with `ENV`, so that using them
/// without a declaration in the Dockerfile is normal. Taken from the Dockerfiles of the
/// docker-library images (node, python, golang, ruby, php, httpd, nginx, postgres, redis,
/// mysql, mongo, openjdk/eclipse-temurin, maven, gradle, rust, dotnet, tomcat) and the
/// variables every Linux image has.
pub const BASE_IMAGE_ENV: &[&str] = &[
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
pub fn may_come_from_base_image(name: &str, stage: Option<&Stage>) -> bool {
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

/// The comments BuildKit's parser keeps for the instruction starting at `at` (its
/// `PrevComment`), in order: the comment lines since the previous instruction, each less
/// its first byte and trimmed (so an indented `# x` stays `# x`); an empty `#` starts
/// them over; blank lines and parser directives do not count.
pub fn prev_comments(df: &Dockerfile, at: u32) -> impl DoubleEndedIterator<Item = &str> {
    let items = df.items();
    let here = items.partition_point(|i| i.range.start < at);
    // Back to the previous instruction, or to an empty `#` that starts the comments over.
    let mut from = here;
    while let Some(item) = from.checked_sub(1).map(|i| &items[i]) {
        let starts_over = || buildkit_comment(df.text(item.range), item.range.start) == Some("");
        match item.kind {
            ItemKind::Instruction | ItemKind::Error => break,
            ItemKind::Comment if starts_over() => break,
            _ => from -= 1,
        }
    }
    items[from..here]
        .iter()
        .filter(|i| i.kind == ItemKind::Comment)
        .filter_map(|i| buildkit_comment(df.text(i.range), i.range.start))
}

/// A comment line as BuildKit's parser keeps it: less its first byte, trimmed. `None`
/// when the line is no comment for BuildKit.
pub(crate) fn buildkit_comment(line: &str, at: u32) -> Option<&str> {
    let line = match at {
        0 => line.strip_prefix('\u{feff}').unwrap_or(line),
        _ => line,
    };
    let line = line.trim_end_matches(['\r', '\n']);
    line.trim_start().starts_with('#').then_some(())?;
    line.get(1..).map(str::trim)
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
    fn image_references() {
        for ok in [
            "alpine",
            "alpine:3.22",
            "docker.io/library/node:22-slim",
            "localhost:5000/a/b_c__d.e-f:1",
            "ghcr.io/org/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "MyRegistry/app",
        ] {
            assert!(is_valid_image_reference(ok), "{ok}");
        }
        for bad in [
            "",
            "alpine:",
            "Alpine",
            "node:-x",
            "a//b",
            "/a",
            "a/",
            "org/App:1",
            ":1",
        ] {
            assert!(!is_valid_image_reference(bad), "{bad}");
        }
    }

    #[test]
    fn suggestions() {
        assert_eq!(suggest("PAHT", ["PATH", "HOME"]), Some("PATH"));
        assert_eq!(suggest("APP_DIRR", ["APP_DIR", "HOME"]), Some("APP_DIR"));
        assert_eq!(suggest("APP_DRI", ["APP_DIR", "HOME"]), Some("APP_DIR"));
        assert_eq!(suggest("HOME", ["NODE"]), None);
        assert_eq!(suggest("HOEM", ["HOME"]), Some("HOME"));
        assert_eq!(suggest("CPATH", ["PATH"]), None);
        assert_eq!(suggest("CAFFE_ROOT", ["PYCAFFE_ROOT"]), None);
        assert_eq!(suggest("DIR_ASSET", ["DIR_ASSETS"]), Some("DIR_ASSETS"));
        assert_eq!(
            suggest("BULIDPLATFORM", ["BUILDPLATFORM"]),
            Some("BUILDPLATFORM")
        );
    }

    #[test]
    fn stdin_readers() {
        let words = |s: &str| -> Vec<Word> {
            s.split_whitespace()
                .map(|w| Word {
                    range: TextRange::default(),
                    value: w.into(),
                    quoted: false,
                    dynamic: false,
                })
                .collect()
        };
        assert!(reads_program_from_stdin("sh", &words("")));
        assert!(reads_program_from_stdin("bash", &words("-s -- --yes")));
        assert!(reads_program_from_stdin("bash", &words("-e -o pipefail")));
        assert!(!reads_program_from_stdin("bash", &words("-c true")));
        assert!(!reads_program_from_stdin("sh", &words("script.sh")));
        assert!(reads_program_from_stdin("python3", &words("-")));
        assert!(!reads_program_from_stdin("python3", &words("-c print()")));
        assert!(!reads_program_from_stdin("python3", &words("-m json.tool")));
    }
}
