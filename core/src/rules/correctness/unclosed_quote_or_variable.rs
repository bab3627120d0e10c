use crate::declare_rule;
use crate::rules::messages::more_in_instruction;
use crate::rules::Checker;
use crate::semantic::definitions::Setting;
use crate::semantic::variables::variable_set_before;
use crate::syntax::shlex::{expands_cleanly, unsupported_modifiers};
use crate::syntax::{Args, Instruction, InstructionKind, KeyValue, Str};

declare_rule! {
    /// ## What it does
    /// Reports a value that BuildKit's variable expansion cannot read: a quote that is never
    /// closed (`ENV CONFIG "/config`, `LABEL version="1.0`) or a malformed `${...}`
    /// (`WORKDIR ${APP_HOME`, `ENV A=${}`), or a modifier BuildKit does not support (bash's
    /// case change `${NAME^^}`; substring `${VERSION:0:3}` of a variable the file sets: one
    /// that nothing sets is kept as written), in the instructions whose values BuildKit
    /// expands: `ENV`, `LABEL`, `ARG`, `WORKDIR`, `USER`, `EXPOSE`, `VOLUME`, `STOPSIGNAL`,
    /// and the paths of `COPY` and `ADD`.
    ///
    /// ## Why is this bad?
    /// The file parses, so nothing complains until the build reaches the instruction and
    /// stops with "unexpected end of statement while looking for matching double-quote"
    /// (or "missing '}'", "unsupported modifier"). In `COPY` and `ADD`, quotes do not group
    /// words: `COPY "my file" /x` is the two words `"my` and `file"`, and the first one
    /// fails.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.22
    /// ENV CONFIG "/config
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.22
    /// ENV CONFIG="/config"
    /// ```
    ///
    /// ## Fix safety
    /// No fix: where the quote was meant to end is not known.
    ///
    /// ## References
    /// - [Environment replacement](https://docs.docker.com/reference/dockerfile/#environment-replacement)
    pub(crate) static RULE = {
        code: "SF530",
        name: "unclosed-quote-or-variable",
        category: Correctness,
        severity: Error,
        default_enabled: true,
        buildkit: None,
        fix: None,
        check: check,
    }
}

fn check(checker: &Checker) {
    // The lexer knows BuildKit's default escape character only.
    if checker.df.escape() != '\\' {
        return;
    }
    for (index, inst) in checker.instructions().iter().enumerate() {
        let mut failing = expanded_words(inst).filter_map(|(word, text)| {
            // `${V:0:3}` fails only when `V` is set: BuildKit keeps an unset variable's
            // expansion as written. `${V^^}` fails whatever `V` is.
            // `ARG NAME` (or `ARG NAME=`) alone sets nothing unless the build passes a value.
            let rejected = unsupported_modifiers(text).into_iter().find(|variable| {
                let (name, modifier) = name_and_modifier(variable);
                !modifier.starts_with(':')
                    || matches!(
                        variable_set_before(checker, index, name),
                        Some((at, Setting::Valued(value)))
                            if !value.is_empty() || checker.instructions()[at].kind == InstructionKind::Env
                    )
            });
            let why = match rejected {
                Some(variable) => format!(
                    "BuildKit cannot expand `{text}`: it has no `{}` modifier (in `{variable}`), and the build stops here",
                    name_and_modifier(variable).1
                ),
                None if !expands_cleanly(text) => format!(
                    "BuildKit cannot expand `{text}`: a quote or `${{` is not closed, and the build stops here"
                ),
                None => return None,
            };
            Some((word, why))
        });
        let Some((first, why)) = failing.next() else {
            continue;
        };
        let more = more_in_instruction(failing.count());
        checker.report(first.range, format!("{why}{more}"));
    }
}

/// The name and the modifier of a `${NAME` followed by one (`V` and `:0` of `${V:0`).
fn name_and_modifier(variable: &str) -> (&str, &str) {
    let name = variable.get(2..).unwrap_or("");
    name.split_at(
        name.find(|c: char| !c.is_ascii_alphanumeric() && c != '_')
            .unwrap_or(name.len()),
    )
}

/// The words BuildKit expands one by one, as it reads them (continuations joined, quotes
/// kept), with the part of each that it expands: an `ARG`'s default, not its name. An
/// iterator, not a list: every `ENV`, `COPY`... of every file comes here.
fn expanded_words(inst: &Instruction) -> impl Iterator<Item = (&Str, &str)> {
    fn whole(s: &Str) -> (&Str, &str) {
        (s, s.value.as_str())
    }
    use InstructionKind as K;
    let (mut pairs, mut args, mut text, mut list): (&[KeyValue], &[Str], Option<&Str>, &[Str]) =
        (&[], &[], None, &[]);
    match (&inst.kind, &inst.args) {
        (K::Env | K::Label, Args::KeyValues(p)) => pairs = p,
        (K::Arg, Args::Words(w)) => args = w,
        (K::Workdir | K::User | K::Stopsignal, Args::Text(s)) => text = Some(s),
        (K::Expose | K::Volume | K::Copy | K::Add, Args::List(w)) => list = w,
        _ => {}
    }
    pairs
        .iter()
        .flat_map(|pair| [whole(&pair.key), whole(&pair.value)])
        .chain(
            args.iter()
                .filter_map(|w| Some((w, w.value.split_once('=')?.1))),
        )
        .chain(text.map(whole))
        .chain(list.iter().map(whole))
}
