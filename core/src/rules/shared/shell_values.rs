//! What a shell word holds when its `RUN` runs, as far as the file tells: the values the
//! stage gives variables (`ENV`, `ARG` defaults) and the assignments earlier in the script.

use std::borrow::Cow;

use crate::rules::Checker;
use crate::semantic::definitions::Setting;
use crate::semantic::quoting::unquote;
use crate::semantic::variables::{for_each_var, may_come_from_base_image, variable_set_before};
use crate::syntax::shell::{Script, Word};
use crate::syntax::{Args, InstructionKind};

/// The value the script's last assignment of `name` before offset `before` gives it, and
/// whether that value holds an expansion: `NAME=value` alone, or after `export`,
/// `readonly`, `declare`, `typeset` or `local` (`export GNUPGHOME="$(mktemp -d)"`).
pub(crate) fn script_assignment<'s>(
    script: &'s Script,
    before: u32,
    name: &str,
) -> Option<(&'s str, bool)> {
    let mut found = None;
    for c in script.commands.iter().filter(|c| c.range.end <= before) {
        if c.words.is_empty() {
            if let Some(a) = c.assignments.iter().rfind(|a| a.name == name) {
                found = Some((a.value.value.as_str(), a.value.dynamic));
            }
            continue;
        }
        if !matches!(
            c.program(),
            Some("export" | "readonly" | "declare" | "typeset" | "local")
        ) {
            continue;
        }
        for w in c.args() {
            if let Some((n, value)) = w.value.split_once('=') {
                if n == name {
                    found = Some((value, w.dynamic));
                }
            }
        }
    }
    found
}

/// Whether a word with an expansion in it may hold a path `covers` accepts when it runs:
/// a variable the script sets earlier is read through that assignment (`export
/// GNUPGHOME="$(mktemp -d)"` holds a temporary folder), the others through the values the
/// stage gives them; a value only the build knows may hold anything.
pub(crate) fn may_hold(
    checker: &Checker,
    index: usize,
    script: &Script,
    word: &Word,
    covers: impl Fn(&str) -> bool,
) -> bool {
    let text = word.value.as_str();
    let (mut set_in_script, mut holds) = (false, false);
    for_each_var(text, '\\', |var| {
        if let Some((value, _)) = script_assignment(script, word.range.start, var.name(text)) {
            set_in_script = true;
            holds |= covers(value);
        }
    });
    if set_in_script {
        return holds;
    }
    expand_in_scope(checker, index, text).is_none_or(|value| covers(&value))
}

/// `text` with its variables replaced by what the stage has set them to (`ENV`, or `ARG`
/// with a default, of the stage or the stages it is built on), and those nothing sets by
/// nothing, as the shell expands them: `git-core-${version}` in a stage that never sets
/// `version` is `git-core-`. A value that names other variables (`ENV
/// SOLR=solr-$SOLR_VERSION`) is expanded as BuildKit does, where its `ENV` or `ARG` sets
/// it. `None` when a value is only known at build time: an `ARG` without default, a name
/// the base image may set, a `${NAME:-default}` or another modifier, or a substitution.
pub(crate) fn expand_in_scope(checker: &Checker, index: usize, text: &str) -> Option<String> {
    let mut budget = NESTED_VALUES;
    expand_at(checker, index, text, &mut budget)
}

/// How many values [`expand_in_scope`] follows that name other variables (`ENV
/// SOLR=solr-$SOLR_VERSION`), in all; past it, the value is unknown. Generated files
/// can nest values that each name a variable many times.
const NESTED_VALUES: usize = 16;

/// The longest expansion worked out; longer ones are unknown.
const LONGEST_VALUE: usize = 4096;

fn expand_at(checker: &Checker, index: usize, text: &str, budget: &mut usize) -> Option<String> {
    if text.contains("$(") || text.contains('`') {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    let mut known = true;
    for_each_var(text, '\\', |var| {
        let name = var.name(text);
        let end = if text[var.end..].starts_with('}') {
            var.end + 1
        } else {
            var.end
        };
        out.push_str(&text[last..var.dollar]);
        last = end;
        // `${NAME:+alt}`, `${NAME#prefix}`...: the value is not the variable's own.
        if var.start > var.dollar + 1 && end == var.end {
            known = false;
            return;
        }
        let setting = match variable_set_before(checker, index, name) {
            Some((at, Setting::Valued(written))) => Some((at, written, unquote(written))),
            Some((_, Setting::Bare)) => Some((index, "", "")),
            None => None,
        };
        match setting {
            Some((_, _, "")) => known = false,
            Some((_, _, value)) if !value.contains('$') => out.push_str(value),
            // BuildKit expanded the value where the `ENV` or `ARG` set it; a single-quoted
            // or escaped `$` stays as written, which this does not follow.
            Some((at, written, value))
                if *budget > 0 && !written.starts_with('\'') && !value.contains('\\') =>
            {
                *budget -= 1;
                match expand_at(checker, at, value, budget) {
                    Some(expanded) => out.push_str(&expanded),
                    None => known = false,
                }
            }
            Some(_) => known = false,
            None if var.has_default || may_come_from_base_image(name, checker.stage_of(index)) => {
                known = false
            }
            None => {}
        }
    });
    out.push_str(&text[last..]);
    (known && out.len() <= LONGEST_VALUE).then_some(out)
}

/// `text` as the stage reads it at `index`: itself when it holds no variable, else its
/// expansion ([`expand_in_scope`]); `None` when a value only the build knows is in it.
pub(crate) fn value_in_scope<'t>(
    checker: &Checker,
    index: usize,
    text: &'t str,
) -> Option<Cow<'t, str>> {
    if text.contains('$') {
        expand_in_scope(checker, index, text).map(Cow::Owned)
    } else {
        Some(Cow::Borrowed(text))
    }
}

/// Whether a variable in `text` is one an `ARG` before `index` declares (in any stage, or
/// before the first `FROM`).
pub(crate) fn names_build_argument(checker: &Checker, index: usize, text: &str) -> bool {
    let mut found = false;
    for_each_var(text, '\\', |var| {
        let name = var.name(text);
        found |= checker.instructions()[..index].iter().any(|inst| {
            inst.kind == InstructionKind::Arg
                && matches!(&inst.args, Args::Words(words) if words.iter().any(|w| {
                    w.value.split_once('=').map_or(w.value.as_str(), |(n, _)| n) == name
                }))
        });
    });
    found
}
