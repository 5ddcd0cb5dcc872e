//! Fuzz target `keys`: see `fuzz/checks.rs` for what it checks.
#![no_main]

// The checks of all three targets live in one file, shared with tests/it/fuzz_corpus.rs.
#[allow(dead_code)]
#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::keys(data));
