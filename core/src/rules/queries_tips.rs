//! Queries the image-size tips share: which instructions end up in the final image, what a
//! `COPY` takes from the build context, variables set by `ENV`/`ARG`, build steps, and
//! matching context paths against `.dockerignore`-style entries.

use super::checker::Checker;
use crate::syntax::{Stage, Str};

/// The image word of a stage's `FROM` when a fix can edit it in place: written without
/// variables, quotes or line continuations.
pub(crate) fn editable_image<'a>(checker: &Checker<'a>, stage: &'a Stage) -> Option<&'a Str> {
    let image = stage.image.as_ref()?;
    (!image.value.contains('$') && checker.text(image.range) == image.value).then_some(image)
}

/// Whether a resolved image reference is plain text a registry accepts: no template
/// markers (`{{ }}`), no variable left unexpanded.
pub(crate) fn plain_reference(image: &str) -> bool {
    !image.is_empty()
        && image
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"._-/:@".contains(&b))
}
