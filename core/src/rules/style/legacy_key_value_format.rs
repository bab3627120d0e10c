use crate::declare_rule;
use crate::edit::Edit;
use crate::edit::Fix;
use crate::rules::Checker;
use crate::syntax::{Args, InstructionKind, KeyValue};

declare_rule! {
    /// ## What it does
    /// Checks for `ENV` and `LABEL` written in the legacy `key value` form, with a space
    /// instead of `=` between the key and its value.
    ///
    /// ## Why is this bad?
    /// The legacy form is deprecated. It sets one variable per instruction and takes the
    /// whole rest of the line as the value, spaces included, which surprises readers who
    /// expect `ENV A 1 B 2` to set two variables.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.22
    /// ENV APP_HOME /srv/app
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.22
    /// ENV APP_HOME=/srv/app
    /// ```
    ///
    /// ## Fix safety
    /// Safe: the value stays the same. A value of one word gets `=`; a value of several
    /// words without quotes or escapes is also wrapped in double quotes (`ENV A="x y"`).
    /// Other values (several words mixing quotes) are left for a person to rewrite.
    ///
    /// ## References
    /// - [BuildKit check LegacyKeyValueFormat](https://docs.docker.com/reference/build-checks/legacy-key-value-format/)
    pub(crate) static RULE = {
        code: "SF517",
        name: "legacy-key-value-format",
        category: Style,
        severity: Warning,
        default_enabled: true,
        buildkit: Some("LegacyKeyValueFormat"),
        fix: Sometimes,
        check: check,
    }
}

fn check(checker: &Checker) {
    for inst in checker.instructions() {
        if !matches!(inst.kind, InstructionKind::Env | InstructionKind::Label) {
            continue;
        }
        let Args::KeyValues(pairs) = &inst.args else {
            continue;
        };
        let keyword = inst.kind.as_str();
        for kv in pairs.iter().filter(|kv| kv.legacy) {
            let fix = fix(checker, kv).map(|edits| Fix::safe("Use `key=value`", edits));
            checker
                .report(
                    kv.range,
                    format!("Legacy `{keyword} key value` format: use `{keyword} key=value`"),
                )
                .fix_opt(fix);
        }
    }
}

fn fix(checker: &Checker, kv: &KeyValue) -> Option<Vec<Edit>> {
    if kv.value.value.is_empty() || kv.key.range.end >= kv.value.range.start {
        return None;
    }
    let separator = crate::syntax::TextRange::new(kv.key.range.end, kv.value.range.start);
    // Comment lines between the key and its value would go with the separator.
    if checker
        .text(separator)
        .lines()
        .any(|l| l.trim_start().starts_with('#'))
    {
        return None;
    }
    let escape = checker.df.escape();
    let value = kv.value.value.as_str();
    if is_one_word(value, escape) {
        return Some(vec![Edit::replace(separator, "=")]);
    }
    if value.contains(['"', '\'', '\\', escape]) {
        return None;
    }
    Some(vec![
        Edit::replace(separator, "=\""),
        Edit::insert(kv.value.range.end, "\""),
    ])
}

/// Whether the `key=value` parser would read `value` as one word: no white space outside
/// quotes.
fn is_one_word(value: &str, escape: char) -> bool {
    let mut quote = None;
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        match (quote, c) {
            (Some('\''), '\'') => quote = None,
            (Some('\''), _) => {}
            (_, c) if c == escape => {
                chars.next();
            }
            (Some('"'), '"') => quote = None,
            (None, '"' | '\'') => quote = Some(c),
            (None, c) if c.is_whitespace() => return false,
            _ => {}
        }
    }
    quote.is_none()
}
