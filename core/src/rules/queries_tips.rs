//! Queries the image-size tips share: which instructions end up in the final image, what a
//! `COPY` takes from the build context, variables set by `ENV`/`ARG`, build steps, and
//! matching context paths against `.dockerignore`-style entries.

use super::checker::Checker;
use crate::edit::{Edit, Fix};
use crate::paths::is_whole_context;
use crate::semantic::commands::{invocation, subcommand};
use crate::semantic::images::editable_image;
use crate::semantic::stages::stage_chain;
use crate::syntax::shell::Command;
use crate::syntax::{Args, Instruction, InstructionKind, Stage, Str};

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
