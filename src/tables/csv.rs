//! `onsite export --format csv`: `answers.csv` (one row per visit × item, the file that was
//! `onsite-visits.csv` before, byte for byte) and `visits.csv` (one row per visit: score,
//! band, verdict, findings). UTF-8 with a byte-order mark so Excel reads Vietnamese.
//!
//! Headers are fixed keys, the same in every language, so a script that reads the files
//! keeps working; the words in the cells are Vietnamese, as the documents' are.

use crate::document::{self, VisitRecord};
use crate::domain::rubric::Lang;
use crate::domain::visit::FindingField;
use crate::strings::texts;

pub const ANSWERS_FILE: &str = "answers.csv";
pub const VISITS_FILE: &str = "visits.csv";

/// The answers header, one row per visit × item.
const ANSWERS_HEADER: [&str; 12] = [
    "visit", "date", "unit", "rubric", "version", "status", "item", "text", "answer", "score",
    "note", "by",
];

/// The visits header, one row per visit.
const VISITS_HEADER: [&str; 17] = [
    "visit",
    "date",
    "unit",
    "kind",
    "rubric",
    "version",
    "status",
    "score",
    "nominal_total",
    "band",
    "verdict",
    "failed_critical",
    "unanswered",
    "strengths",
    "shortcomings",
    "recommendations",
    "conclusion",
];

/// Rows of one visit for `answers.csv`: every item of its rubric, answered or not.
pub fn answer_rows(record: &VisitRecord) -> Vec<[String; 12]> {
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

/// The row of one visit for `visits.csv`, scored by the domain's rules.
pub fn visit_row(record: &VisitRecord) -> [String; 17] {
    let t = texts(Lang::Vi);
    let visit = &record.state.visit;
    let card = record.state.score(&record.rubric);
    let band = card
        .band
        .and_then(|index| record.rubric.bands.get(index))
        .map(|band| band.label.clone());
    let finding = |field| visit.findings.get(field).to_owned();
    [
        visit.id.clone(),
        visit.date.to_string(),
        visit.unit.name.clone(),
        document::kind_word(visit.unit.kind).to_owned(),
        visit.rubric.id.clone(),
        visit.rubric.version.clone(),
        document::status_word(visit.status).to_owned(),
        card.score_rounded().to_string(),
        card.nominal_total.normalize().to_string(),
        band.unwrap_or_default(),
        t.verdict(card.verdict).to_owned(),
        card.failed_critical.join(", "),
        card.unanswered.len().to_string(),
        finding(FindingField::Strengths),
        finding(FindingField::Shortcomings),
        finding(FindingField::Recommendations),
        finding(FindingField::Conclusion),
    ]
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

/// A header and rows as CSV text, with a byte-order mark first.
fn table<const N: usize>(
    header: [&str; N],
    rows: impl Iterator<Item = [String; N]>,
) -> Result<Vec<u8>, ::csv::Error> {
    let mut writer = ::csv::Writer::from_writer(vec![0xEF, 0xBB, 0xBF]);
    writer.write_record(header)?;
    for row in rows {
        writer.write_record(row.map(|cell| defuse(&cell)))?;
    }
    writer
        .into_inner()
        .map_err(|error| ::csv::Error::from(error.into_error()))
}

/// `answers.csv` of these visits.
pub fn answers(records: &[VisitRecord]) -> Result<Vec<u8>, ::csv::Error> {
    table(ANSWERS_HEADER, records.iter().flat_map(answer_rows))
}

/// `visits.csv` of these visits.
pub fn visits(records: &[VisitRecord]) -> Result<Vec<u8>, ::csv::Error> {
    table(VISITS_HEADER, records.iter().map(visit_row))
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
}
