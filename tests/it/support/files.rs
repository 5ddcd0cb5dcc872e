//! What a test reads of a folder: its entries' names, its files' bytes, and whether this
//! process can be kept out of it by permissions at all.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

/// Every file directly in `dir`, by name.
pub fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fs::read_dir(dir)
        .expect("read the folder")
        .map(|entry| {
            let entry = entry.expect("a folder entry");
            let name = entry.file_name().to_string_lossy().into_owned();
            (name, fs::read(entry.path()).expect("read a file"))
        })
        .collect()
}

/// The names of every entry directly in `dir` (files, folders, links), sorted.
pub fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("read the folder")
        .map(|entry| {
            let entry = entry.expect("a folder entry");
            entry.file_name().to_string_lossy().into_owned()
        })
        .collect();
    names.sort();
    names
}

/// Whether this process ignores file permissions (root does), found by trying to write
/// into a folder made read-only.
pub fn ignores_permissions() -> bool {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("create a temp dir");
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o555)).expect("chmod");
    let wrote = fs::write(dir.path().join("probe"), b"x").is_ok();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).expect("chmod back");
    wrote
}
