//! Knowledge tables the rules and fixes read: official images, package managers and ecosystems.
//!
//! Everything here is data about the outside world, so every row carries a `source` and the
//! date of the fact (`observed` / `checked`). Nothing here does I/O; the tables are `static`s.

pub(crate) mod base_images;
pub(crate) mod credentials;
pub(crate) mod distroless;
pub(crate) mod ecosystems;
pub(crate) mod entrypoints;
pub(crate) mod image_sizes;
pub(crate) mod images;
pub(crate) mod label_formats;
pub(crate) mod package_managers;

pub(crate) use ecosystems::{
    ecosystem, ecosystem_for_install_command, ecosystem_for_manifest, ecosystems, EcosystemId,
};
pub use images::Flavor;
pub(crate) use images::{classify_tag, pinned_tag, slimmer_variant, Libc, Variant};
pub(crate) use package_managers::{package_manager, PackageManagerId};

#[cfg(test)]
mod tests {
    use super::*;

    fn serializable<T: serde::Serialize + std::fmt::Debug + Clone + PartialEq>() {}

    #[test]
    fn public_types_are_serializable() {
        serializable::<Libc>();
        serializable::<images::Flavor>();
        serializable::<Variant>();
        serializable::<images::TagInfo>();
        serializable::<images::VariantSwap>();
        serializable::<images::PinnedTag>();
        serializable::<images::ImageFamily>();
        serializable::<images::ImageReplacement>();
        serializable::<image_sizes::ImageSize>();
        serializable::<distroless::DistrolessImage>();
        serializable::<distroless::DistrolessStatus>();
        serializable::<package_managers::PackageManager>();
        serializable::<PackageManagerId>();
        serializable::<package_managers::Setting>();
        serializable::<package_managers::CacheMount>();
        serializable::<package_managers::FlagChange>();
        serializable::<ecosystems::Ecosystem>();
        serializable::<EcosystemId>();
        serializable::<ecosystems::InstallMatch>();
        serializable::<ecosystems::IgnoreEntry>();
        serializable::<ecosystems::RuntimeImage>();
    }
}
