use crate::declare_rule;
use crate::edit::{Edit, Fix};
use crate::rules::Checker;
use crate::syntax::{Args, Instruction, InstructionKind, TextRange};

declare_rule! {
    /// ## What it does
    /// Reports arguments written as a JSON array with single quotes:
    /// `CMD ['node', 'app.js']`, `VOLUME ['/data']`, `COPY ['a', 'b', '/app/']`.
    ///
    /// ## Why is this bad?
    /// JSON strings take double quotes. BuildKit does not read the array as JSON, so the
    /// instruction gets its other form: `CMD` and `RUN` run `['node', 'app.js']` through
    /// `/bin/sh -c`, which fails (`[node,: not found`), `VOLUME` declares a volume named
    /// `['/data']`, `COPY` looks for a source named `['a',`.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:24-slim
    /// CMD ['node', 'app.js']
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM node:24-slim
    /// CMD ["node", "app.js"]
    /// ```
    ///
    /// ## Fix safety
    /// Unsafe: double quotes make it the array it was meant to be, so the instruction then
    /// does something else than it does now (what it does now is almost surely broken).
    /// Only arrays whose strings hold no quote or backslash are fixed, and not when the
    /// program to run is empty or holds a space (`CMD ['npm start']` was meant for a shell).
    ///
    /// ## References
    /// - [Shell and exec form](https://docs.docker.com/reference/dockerfile/#shell-and-exec-form)
    ///   (the exec form is JSON, with double-quoted strings)
    /// - dockerfile-utils' validator, which reports it too
    pub(crate) static RULE = {
        code: "SF529",
        name: "json-array-single-quotes",
        category: Correctness,
        severity: Error,
        default_enabled: true,
        buildkit: None,
        fix: Sometimes,
        check: check,
    }
}

fn check(checker: &Checker) {
    for inst in checker.instructions() {
        let target: &Instruction = inst.trigger.as_deref().unwrap_or(inst);
        let Some(range) = array_text_range(target) else {
            continue;
        };
        let text = range.slice(checker.source());
        let Some(quotes) = single_quoted_array(text) else {
            continue;
        };
        let keyword = target.kind.as_str();
        let report = checker.report(
            range,
            format!(
                "`{keyword}` written as a JSON array with single quotes: JSON takes double quotes, so BuildKit reads `{text}` as plain text"
            ),
        );
        // `CMD ['npm start']` was meant for a shell: as JSON it names a program that does
        // not exist either.
        let program = quotes.get(..2).map_or("", |q| &text[q[0] + 1..q[1]]);
        let runs_program = !matches!(
            target.kind,
            InstructionKind::Copy | InstructionKind::Add | InstructionKind::Volume
        );
        if runs_program && (program.is_empty() || program.contains([' ', '\t'])) {
            continue;
        }
        let edits = quotes
            .into_iter()
            .map(|at| {
                let at = range.start + at as u32;
                Edit::replace(TextRange::new(at, at + 1), "\"")
            })
            .collect();
        report.fix(Fix::unsafe_("Use double quotes, as JSON does", edits));
    }
}

/// Where the arguments that could have been a JSON array lie, when they are on one line.
fn array_text_range(inst: &Instruction) -> Option<TextRange> {
    let range = match (&inst.kind, &inst.args) {
        (_, Args::Shell(s)) => s.range,
        (_, Args::Healthcheck { command, .. }) => match command.as_ref() {
            Args::Shell(s) => s.range,
            _ => return None,
        },
        (InstructionKind::Copy | InstructionKind::Add | InstructionKind::Volume, Args::List(w)) => {
            w.first()?.range.cover(w.last()?.range)
        }
        _ => return None,
    };
    (inst.joined.is_none()).then_some(range)
}

/// `['a', 'b']`: the offsets of its quote characters, when every string is single-quoted
/// and holds no quote or backslash.
fn single_quoted_array(text: &str) -> Option<Vec<usize>> {
    let bytes = text.as_bytes();
    let blank = |i: &mut usize| {
        while bytes.get(*i).is_some_and(|b| matches!(b, b' ' | b'\t')) {
            *i += 1;
        }
    };
    let mut i = 0;
    blank(&mut i);
    if bytes.get(i) != Some(&b'[') {
        return None;
    }
    i += 1;
    let mut quotes = Vec::new();
    loop {
        blank(&mut i);
        if bytes.get(i) != Some(&b'\'') {
            return None;
        }
        let open = i;
        let len = bytes[open + 1..].iter().position(|&b| b == b'\'')?;
        let close = open + 1 + len;
        if bytes[open + 1..close]
            .iter()
            .any(|b| matches!(b, b'"' | b'\\'))
        {
            return None;
        }
        quotes.extend([open, close]);
        i = close + 1;
        blank(&mut i);
        match bytes.get(i) {
            Some(b',') => i += 1,
            Some(b']') => break,
            _ => return None,
        }
    }
    i += 1;
    blank(&mut i);
    (i == bytes.len()).then_some(quotes)
}

#[cfg(test)]
mod tests {
    use super::single_quoted_array;

    #[test]
    fn arrays_of_single_quoted_strings_only() {
        assert_eq!(single_quoted_array("['a', 'b c']"), Some(vec![1, 3, 6, 10]));
        assert_eq!(single_quoted_array("[ 'x' ] "), Some(vec![2, 4]));
        for not in [
            "[]",
            "['a', \"b\"]",
            "['it\\'s']",
            "['a' 'b']",
            "['a'] && true",
            "'a'",
        ] {
            assert_eq!(single_quoted_array(not), None, "{not}");
        }
    }
}
