//! Settings a fixture case or a documentation example gives in comment lines, so that a
//! rule that depends on them is shown and tested with them:
//!
//! ```dockerfile
//! # trusted-registries: docker.io, ghcr.io
//! # label-schema: maintainer=email, org.opencontainers.image.source=url
//! # strict-labels: true
//! ```

use crate::settings::LabelType;
use crate::Settings;

/// `base` with the settings the comment lines of `src` give.
pub(crate) fn settings_from_comments(src: &str, base: &Settings) -> Settings {
    let mut settings = base.clone();
    for line in src.lines() {
        if let Some(list) = line.strip_prefix("# trusted-registries:") {
            settings
                .trusted_registries
                .extend(list.split(',').map(|r| r.trim().to_string()));
        } else if let Some(list) = line.strip_prefix("# label-schema:") {
            for entry in list.split(',') {
                let (name, kind) = entry.trim().split_once('=').expect("name=type");
                let kind = LabelType::parse(kind.trim()).expect("a label type");
                settings.label_schema.insert(name.trim().to_string(), kind);
            }
        } else if let Some(value) = line.strip_prefix("# strict-labels:") {
            settings.strict_labels = value.trim() == "true";
        }
    }
    settings
}
