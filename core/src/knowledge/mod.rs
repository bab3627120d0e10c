//! Knowledge tables the rules and fixes read: official images, package managers and ecosystems.
//!
//! Everything here is data about the outside world, so every row carries a `source` and the
//! date of the fact (`observed` / `checked`). Nothing here does I/O; the tables are `static`s.

pub mod distroless;
pub mod ecosystems;
pub mod image_sizes;
pub mod images;
pub mod package_managers;

pub use distroless::{DistrolessImage, DistrolessStatus};
pub use ecosystems::{
    ecosystem, ecosystem_for_install_command, ecosystem_for_manifest, ecosystems, Ecosystem,
    EcosystemId,
};
pub use image_sizes::ImageSize;
pub use images::{
    classify_tag, official_image, pinned_tag, slimmer_variant, Flavor, ImageFamily, Libc,
    PinnedTag, TagInfo, Variant, VariantSwap,
};
pub use package_managers::{
    package_manager, package_manager_for_command, package_managers, PackageManager,
    PackageManagerId,
};

#[cfg(test)]
mod tests {
    use super::*;

    fn serializable<T: serde::Serialize + std::fmt::Debug + Clone + PartialEq>() {}

    #[test]
    fn public_types_are_serializable() {
        serializable::<Libc>();
        serializable::<images::Flavor>();
        serializable::<Variant>();
        serializable::<TagInfo>();
        serializable::<VariantSwap>();
        serializable::<PinnedTag>();
        serializable::<ImageFamily>();
        serializable::<images::ImageReplacement>();
        serializable::<ImageSize>();
        serializable::<DistrolessImage>();
        serializable::<DistrolessStatus>();
        serializable::<PackageManager>();
        serializable::<PackageManagerId>();
        serializable::<package_managers::Setting>();
        serializable::<package_managers::CacheMount>();
        serializable::<package_managers::FlagChange>();
        serializable::<Ecosystem>();
        serializable::<EcosystemId>();
        serializable::<ecosystems::InstallMatch>();
        serializable::<ecosystems::IgnoreEntry>();
        serializable::<ecosystems::RuntimeImage>();
    }
}
