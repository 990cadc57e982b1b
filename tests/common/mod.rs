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

/// Compares `actual` with the golden file at `path` (relative to the repository's root);
/// `UPDATE_GOLDEN=1` rewrites the file instead (review the diff before committing it).
pub fn check_golden(path: &str, actual: &str) {
    let file = root().join(path);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&file, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&file)
        .unwrap_or_else(|e| panic!("{path}: {e} (run with UPDATE_GOLDEN=1 to create)"));
    assert!(
        expected == actual,
        "{path} differs from the output:\n--- expected\n{expected}\n--- actual\n{actual}"
    );
}
