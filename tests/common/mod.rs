//! What the test files share: the bundled seed issue and the repository's root. (Each test
//! file uses part of it.)
#![allow(dead_code)]

use std::path::PathBuf;

/// The bundled 第18期, as JSON.
pub const SEED: &str = include_str!("../../www/issues/lianluo-dongtai-2024-18.json");

/// The text of the printed 第18期 that `SEED` is converted from.
pub const SEED_TEXT: &str = include_str!("../fixtures/seed/lianluo-dongtai-2024-18.txt");

/// The repository's root (where Cargo.toml is).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}
