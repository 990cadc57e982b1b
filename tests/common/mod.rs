//! What the test files share: the bundled seed issue and where its files are, the
//! repository's root, running the `bulletin` command, and the golden-file check. (Each test
//! file uses part of it.)
#![allow(dead_code)]

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The seed's name, which its files are named by.
macro_rules! seed_name {
    () => {
        "lianluo-dongtai-2024-18"
    };
}

/// The seed's name: its JSON is `SEED_NAME.json`, its page in an archive `SEED_NAME.html`.
pub const SEED_NAME: &str = seed_name!();

/// The bundled 第18期's file name.
pub const SEED_FILE: &str = concat!(seed_name!(), ".json");

/// The bundled 第18期, from the repository's root.
pub const SEED_JSON: &str = concat!("www/issues/", seed_name!(), ".json");

/// The text of the printed 第18期, from the repository's root.
pub const SEED_TXT: &str = concat!("tests/fixtures/seed/", seed_name!(), ".txt");

/// The 第18期 as a Word file, from the repository's root (made by
/// `scripts/make-import-fixtures`).
pub const SEED_DOCX: &str = concat!("tests/fixtures/import/seed/", seed_name!(), ".docx");

/// The 第18期 as LibreOffice's PDF of the Word file, from the repository's root.
pub const SEED_PDF: &str = concat!("tests/fixtures/import/seed/", seed_name!(), ".pdf");

/// The bundled 第18期, as JSON.
pub const SEED: &str = include_str!(concat!("../../www/issues/", seed_name!(), ".json"));

/// The text of the printed 第18期 that `SEED` is converted from.
pub const SEED_TEXT: &str = include_str!(concat!("../fixtures/seed/", seed_name!(), ".txt"));

/// The repository's root (where Cargo.toml is).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The `bulletin` command with `args`, run from the repository's root: a test may give it
/// another folder, its environment or streams before running it. (Built for the tests that
/// need the feature `cli`; the others never call it.)
pub fn bulletin_command<S: AsRef<OsStr>>(args: impl IntoIterator<Item = S>) -> Command {
    let Some(exe) = option_env!("CARGO_BIN_EXE_bulletin") else {
        panic!("the bulletin command is built with the feature cli");
    };
    let mut command = Command::new(exe);
    command.args(args).current_dir(root());
    command
}

/// Runs the `bulletin` command with `args` from the repository's root: what it wrote, and
/// how it ended.
pub fn bulletin(args: &[&str]) -> Output {
    bulletin_command(args).output().unwrap()
}

/// What a command wrote on standard error.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Compares `actual` with the golden file at `path` (relative to the repository's root, or
/// absolute); `UPDATE_GOLDEN=1` rewrites the file instead (review the diff before committing
/// it).
pub fn check_golden(path: impl AsRef<Path>, actual: &str) {
    let file = root().join(path);
    let path = file.display();
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
