//! Writing visits out: file names, atomic writes, YAML documents and CSV.
//!
//! Every file is written to a temporary file in the same folder, fsynced, then renamed over
//! the target and the folder fsynced: a crash or a full disk leaves either the old file or
//! the new one, never half of one.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::document::{self, VisitRecord};
use crate::domain::rubric::Lang;
use crate::strings::texts;

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

/// The CSV header, one row per visit × item.
const CSV_HEADER: [&str; 12] = [
    "visit", "date", "unit", "rubric", "version", "status", "item", "text", "answer", "score",
    "note", "by",
];

/// Rows of one visit for the CSV export: every item of its rubric, answered or not.
pub fn csv_rows(record: &VisitRecord) -> Vec<[String; 12]> {
    let t = texts(Lang::Vi);
    let visit = &record.state.visit;
    record
        .rubric
        .items()
        .map(|item| {
            let response = record.state.responses.get(&item.id);
            let answer = response.and_then(|r| r.answer.as_ref());
            let score = answer
                .and_then(|a| item.points_for(a))
                .map(|p| p.normalize().to_string());
            [
                visit.id.clone(),
                visit.date.to_string(),
                visit.unit.name.clone(),
                visit.rubric.id.clone(),
                visit.rubric.version.clone(),
                document::status_word(visit.status).to_owned(),
                item.id.clone(),
                item.text.clone(),
                if answer.is_some() {
                    t.answer(answer, &record.rubric, &item.id)
                } else {
                    String::new()
                },
                score.unwrap_or_default(),
                response.map(|r| r.note.clone()).unwrap_or_default(),
                response.map(|r| r.by.clone()).unwrap_or_default(),
            ]
        })
        .collect()
}

/// A cell Excel would run as a formula (`=`, `+`, `-`, `@` first) gets a leading `'`, so a
/// note from a visit is shown as text, never executed (CSV injection).
fn defuse(cell: &str) -> String {
    // Control characters (an ESC in a unit name) are written as visible escapes, as on screen.
    let cell = crate::strings::inert(cell);
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell
    }
}

/// All visits as one CSV text, UTF-8 with a byte-order mark so Excel reads Vietnamese right.
pub fn csv(records: &[VisitRecord]) -> Result<Vec<u8>, csv::Error> {
    let mut writer = csv::Writer::from_writer(vec![0xEF, 0xBB, 0xBF]);
    writer.write_record(CSV_HEADER)?;
    for record in records {
        for row in csv_rows(record) {
            writer.write_record(row.map(|cell| defuse(&cell)))?;
        }
    }
    writer
        .into_inner()
        .map_err(|error| csv::Error::from(error.into_error()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_carry_no_raw_control_characters() {
        assert_eq!(defuse("Cục\u{1b}]0;x\u{7}"), "Cục\\u{1b}]0;x\\u{7}");
        assert_eq!(defuse("=1+1"), "'=1+1");
        assert_eq!(defuse("dòng 1\ndòng 2"), "dòng 1\ndòng 2");
    }

    #[test]
    fn slugs_are_ascii_and_safe() {
        assert_eq!(slug("Cục Quản lý thị trường"), "cuc-quan-ly-thi-truong");
        assert_eq!(slug("Đội QLTT số 1 / ../Hà Tĩnh"), "doi-qltt-so-1-ha-tinh");
        assert_eq!(slug("../.."), "visit");
        assert!(slug(&"Ừ".repeat(100)).len() <= 40);
    }
}
