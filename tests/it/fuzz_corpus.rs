//! Replays the committed fuzz corpus (`fuzz/corpus/<target>/`: seeds and every input a fuzz
//! run found a bug with) through the same checks as the fuzz targets, on stable, so
//! `cargo test` keeps those bugs fixed without nightly or cargo-fuzz. See `scripts/fuzz.sh`.

#[path = "../../fuzz/checks.rs"]
mod checks;

use std::path::PathBuf;

/// Every file of one target's corpus, sorted; the corpus must not be empty.
fn corpus(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|error| panic!("{}: {error}", dir.display()))
        .map(|entry| entry.expect("a readable corpus folder").path())
        .filter(|path| path.is_file())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "{} is empty", dir.display());
    files
        .into_iter()
        .map(|path| {
            let data = std::fs::read(&path).expect("a readable corpus file");
            (path, data)
        })
        .collect()
}

/// Runs `check` on every input of `target`, naming the input that fails.
fn replay(target: &str, check: fn(&[u8])) {
    for (path, data) in corpus(target) {
        let outcome = std::panic::catch_unwind(|| check(&data));
        assert!(
            outcome.is_ok(),
            "fuzz/corpus/{target}/{} fails; rerun it with \
             `cargo +nightly fuzz run {target} {}`",
            path.file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default(),
            path.display()
        );
    }
}

#[test]
fn rubric_corpus() {
    replay("rubric", checks::rubric);
}

#[test]
fn document_corpus() {
    replay("document", checks::document);
}

#[test]
fn keys_corpus() {
    replay("keys", checks::keys);
}
