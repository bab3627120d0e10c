//! Pinning a base image to the tag the image table chooses.

use crate::edit::Edit;
use crate::edit::Fix;
use crate::rules::Checker;
use crate::semantic::images::editable_image;
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
    let edit = if pin.image == name {
        retag(word, &pin.tag)?
    } else {
        Edit::replace(word.range, format!("{}:{}", pin.image, pin.tag))
    };
    Some(Fix::unsafe_(
        format!("Pin `{}:{}`", pin.image, pin.tag),
        vec![edit],
    ))
}
