//! Writing visits out: file names, atomic writes, YAML documents, and the names of the
//! tables' columns ([`columns`]; the CSV and Excel writers are in `tables`).
//!
//! Every file is written to a temporary file in the same folder, fsynced, then renamed over
//! the target and the folder fsynced: a crash or a full disk leaves either the old file or
//! the new one, never half of one.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

pub mod columns;

use crate::document::VisitRecord;

/// ASCII for a file name: "Cục Quản lý thị trường" → `cuc-quan-ly-thi-truong`. No path
/// separators, no dots, at most 40 characters.
pub fn slug(text: &str) -> String {
    let mut slug = String::new();
    for c in text.nfd().filter(|c| !is_combining_mark(*c)) {
        let c = match c {
            'đ' | 'Đ' => 'd',
            c => c.to_ascii_lowercase(),
        };
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let short: String = slug.trim_end_matches('-').chars().take(40).collect();
    let short = short.trim_end_matches('-');
    if short.is_empty() {
        "visit".to_owned()
    } else {
        short.to_owned()
    }
}

/// `YYYY-MM-DD_<unit-slug>_<id>.yaml`.
pub fn file_name(record: &VisitRecord) -> String {
    let visit = &record.state.visit;
    format!(
        "{}_{}_{}.yaml",
        visit.date,
        slug(&visit.unit.name),
        visit.id.to_ascii_lowercase()
    )
}

pub use crate::files::{survive_file_size_limit, sync_dir, write_atomic, write_file};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_ascii_and_safe() {
        assert_eq!(slug("Cục Quản lý thị trường"), "cuc-quan-ly-thi-truong");
        assert_eq!(slug("Đội QLTT số 1 / ../Hà Tĩnh"), "doi-qltt-so-1-ha-tinh");
        assert_eq!(slug("../.."), "visit");
        assert!(slug(&"Ừ".repeat(100)).len() <= 40);
    }
}
