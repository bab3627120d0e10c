//! The fix builders: every edit a rule proposes that is more than a word — a command
//! appended in the `RUN`'s style, a pinned tag, merged `RUN`s, manifests copied first, a
//! stage split — is built here, so that every fix keeps the user's style the same way.

pub(crate) mod append;
pub(crate) mod base_switch;
pub(crate) mod multistage;
pub(crate) mod pin;
pub(crate) mod structural;
pub(crate) mod verify;
