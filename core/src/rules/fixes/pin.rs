//! Pinning a base image to the tag the image table chooses.

use crate::edit::Edit;
use crate::edit::Fix;
use crate::rules::fixes::verify::{defects, model_defects, new_defects};
use crate::rules::Checker;
use crate::semantic::images::editable_image;
use crate::syntax::parse;
use crate::syntax::Stage;
use crate::syntax::Str;
/// The unsafe fix that pins the official base image `name` of a stage (written with `tag`,
/// or none) to the tag a pin chooses: `retag` edits the written image when the pin keeps its
/// name, otherwise the whole image is replaced.
pub(crate) fn pin_fix(
    checker: &Checker,
    stage: &Stage,
    name: &str,
    tag: Option<&str>,
    retag: impl FnOnce(&Str, &str) -> Option<Edit>,
) -> Option<Fix> {
    let pin = crate::knowledge::pinned_tag(name, tag)?;
    let word = editable_image(checker, stage)?;
    let title = format!("Pin `{}:{}`", pin.image, pin.tag);
    let edit = if pin.image == name {
        retag(word, &pin.tag)?
    } else {
        // Another image (`openjdk` to `eclipse-temurin`): the fix engine's self-check
        // would turn it down if the new image lacks what the stages run; say so here.
        let edit = Edit::replace(word.range, format!("{}:{}", pin.image, pin.tag));
        let added = replacement_defects(checker, &edit);
        if !added.is_empty() {
            return Some(Fix::display_only(format!(
                "{title}: the rewrite would add {}",
                added.join(", ")
            )));
        }
        edit
    };
    Some(Fix::unsafe_(title, vec![edit]))
}

/// What the self-check of a rewrite finds wrong with the file once `edit` is made, and not
/// before (`program `unzip` missing on `eclipse-temurin``).
fn replacement_defects(checker: &Checker, edit: &Edit) -> Vec<String> {
    let source = checker.source();
    let range = edit.range;
    let rewritten = [
        &source[..range.start as usize],
        edit.content.as_ref(),
        &source[range.end as usize..],
    ]
    .concat();
    // The file as it is: the analysis' own model, not a second one.
    new_defects(&model_defects(checker), &defects(&parse(&rewritten)))
}
