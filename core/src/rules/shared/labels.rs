//! `LABEL` pairs as the label rules read them: every pair of every `LABEL`, those that
//! `ONBUILD` registers included (hadolint checks both), with the value without its quotes.
//! The label-schema rules (DL3049–DL3058) check the labels the user's settings name.

use crate::rules::Checker;
use crate::semantic::quoting::unquote;
use crate::settings::LabelType;
use crate::syntax::{Args, Instruction, InstructionKind, KeyValue};

/// One `key=value` of a `LABEL`.
pub(crate) struct LabelPair<'a> {
    pub pair: &'a KeyValue,
    pub key: &'a str,
    /// The value without one pair of surrounding quotes.
    pub value: &'a str,
}

impl LabelPair<'_> {
    /// Whether the value is only known when the image is built (`$BUILD_DATE`): a
    /// format check on the text as written would judge the variable's name.
    pub(crate) fn is_dynamic(&self) -> bool {
        self.value.contains('$')
    }
}

/// The pairs of a `LABEL`, or of the `LABEL` an `ONBUILD` registers.
pub(crate) fn label_pairs(inst: &Instruction) -> &[KeyValue] {
    let label = match (inst.kind, &inst.trigger) {
        (InstructionKind::Label, _) => inst,
        (InstructionKind::Onbuild, Some(t)) if t.kind == InstructionKind::Label => t,
        _ => return &[],
    };
    match &label.args {
        Args::KeyValues(pairs) => pairs,
        _ => &[],
    }
}

/// Every label pair of the file, in order.
pub(crate) fn labels<'a>(checker: &Checker<'a>) -> impl Iterator<Item = LabelPair<'a>> + 'a {
    let instructions = checker.instructions();
    instructions.iter().flat_map(|inst| {
        label_pairs(inst).iter().map(move |pair| LabelPair {
            pair,
            key: unquote(pair.key.value.as_str()),
            value: unquote(pair.value.value.as_str()),
        })
    })
}

/// Reports every label the schema gives `kind` whose written value `valid` rejects:
/// the body of the format rules (URL, date, SPDX, hash, version, e-mail).
pub(crate) fn check_format(
    checker: &Checker,
    kind: LabelType,
    what: &str,
    valid: impl Fn(&str) -> bool,
) {
    let schema = &checker.options.label_schema;
    if !schema.values().any(|k| *k == kind) {
        return;
    }
    for label in labels(checker) {
        if schema.get(label.key) != Some(&kind) || label.is_dynamic() || valid(label.value) {
            continue;
        }
        checker.report(
            label.pair.value.range,
            format!("Label `{}` is not {what}", label.key),
        );
    }
}
