//! `onsite export --format xlsx`: one Excel workbook, a sheet of visits (one row each:
//! score, band, verdict, findings) and a sheet of answers (one row per visit × item).
//!
//! A CSV with `,` lands in one column in Excel where Windows' list separator is `;` (as with
//! Vietnamese regional settings); a workbook has no separator to guess. Numbers are written
//! as numbers, dates as Excel dates, text as text (never a formula), headers in the user's
//! language and frozen above the rows.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

use crate::document::VisitRecord;
use crate::domain::rubric::Lang;
use crate::domain::visit::{FindingField, Stamp};
use crate::strings::{Texts, inert, texts};

pub const FILE: &str = "onsite-visits.xlsx";

pub use crate::export::columns::{Column, Sheet};

const VISIT_COLUMNS: [Column; 16] = [
    Column::Date,
    Column::Unit,
    Column::Kind,
    Column::Rubric,
    Column::Status,
    Column::Score,
    Column::OutOf,
    Column::Band,
    Column::Verdict,
    Column::FailedMandatory,
    Column::Unanswered,
    Column::Finding(FindingField::Strengths),
    Column::Finding(FindingField::Shortcomings),
    Column::Finding(FindingField::Recommendations),
    Column::Finding(FindingField::Conclusion),
    Column::VisitId,
];

const ANSWER_COLUMNS: [Column; 14] = [
    Column::Date,
    Column::Unit,
    Column::VisitId,
    Column::Section,
    Column::Item,
    Column::Text,
    Column::Max,
    Column::Mandatory,
    Column::Answer,
    Column::Points,
    Column::NotApplicable,
    Column::Note,
    Column::By,
    Column::At,
];

/// Excel refuses longer text in a cell.
const MAX_CELL_CHARS: usize = 32_767;

/// The cell formats of one workbook (the summary's workbook uses them too).
pub(crate) struct Formats {
    pub(crate) header: Format,
    date: Format,
    moment: Format,
    pub(crate) score: Format,
    text: Format,
}

impl Formats {
    pub(crate) fn new(lang: Lang) -> Formats {
        // Excel shows a date in this pattern whatever the reader's regional settings.
        let (date, moment) = match lang {
            Lang::Vi => ("dd/mm/yyyy", "dd/mm/yyyy hh:mm"),
            Lang::En => ("yyyy-mm-dd", "yyyy-mm-dd hh:mm"),
        };
        Formats {
            header: Format::new().set_bold().set_text_wrap(),
            date: Format::new().set_num_format(date),
            moment: Format::new().set_num_format(moment),
            score: Format::new().set_num_format("0.0"),
            text: Format::new().set_num_format("@"),
        }
    }
}

/// One sheet being filled, row by row.
pub(crate) struct Rows<'a> {
    pub(crate) sheet: &'a mut Worksheet,
    pub(crate) formats: &'a Formats,
    pub(crate) row: u32,
    pub(crate) col: u16,
}

impl Rows<'_> {
    pub(crate) fn next_row(&mut self) {
        self.row += 1;
        self.col = 0;
    }

    pub(crate) fn text(&mut self, text: &str) -> Result<(), XlsxError> {
        let mut text = inert(text);
        if text.chars().count() > MAX_CELL_CHARS {
            text = text.chars().take(MAX_CELL_CHARS - 1).collect::<String>() + "…";
        }
        if !text.is_empty() {
            self.sheet
                .write_string_with_format(self.row, self.col, text, &self.formats.text)?;
        }
        self.col += 1;
        Ok(())
    }

    pub(crate) fn number(
        &mut self,
        value: Option<Decimal>,
        format: Option<&Format>,
    ) -> Result<(), XlsxError> {
        if let Some(number) = value.and_then(|v| v.to_f64()) {
            match format {
                Some(format) => self
                    .sheet
                    .write_number_with_format(self.row, self.col, number, format)?,
                None => self.sheet.write_number(self.row, self.col, number)?,
            };
        }
        self.col += 1;
        Ok(())
    }

    pub(crate) fn count(&mut self, count: usize) -> Result<(), XlsxError> {
        self.number(Some(Decimal::from(count)), None)
    }

    pub(crate) fn date(&mut self, date: jiff::civil::Date) -> Result<(), XlsxError> {
        let cell = excel_date(date)?;
        self.sheet
            .write_datetime_with_format(self.row, self.col, &cell, &self.formats.date)?;
        self.col += 1;
        Ok(())
    }

    /// A moment as the inspector's wall clock showed it (Excel has no time zones).
    fn moment(&mut self, stamp: Option<&Stamp>) -> Result<(), XlsxError> {
        if let Some(stamp) = stamp {
            let local = stamp.offset.to_datetime(stamp.instant);
            let cell = excel_date(local.date())?.and_hms(
                u16::try_from(local.hour()).unwrap_or_default(),
                u8::try_from(local.minute()).unwrap_or_default(),
                u8::try_from(local.second()).unwrap_or_default(),
            )?;
            self.sheet.write_datetime_with_format(
                self.row,
                self.col,
                &cell,
                &self.formats.moment,
            )?;
        }
        self.col += 1;
        Ok(())
    }
}

fn excel_date(date: jiff::civil::Date) -> Result<ExcelDateTime, XlsxError> {
    ExcelDateTime::from_ymd(
        u16::try_from(date.year()).unwrap_or_default(),
        u8::try_from(date.month()).unwrap_or_default(),
        u8::try_from(date.day()).unwrap_or_default(),
    )
}

/// A sheet named and headed in `t`'s language, its header row frozen and filterable.
fn sheet(
    workbook: &mut Workbook,
    t: &dyn Texts,
    which: Sheet,
    columns: &[Column],
    formats: &Formats,
) -> Result<(), XlsxError> {
    let sheet = workbook.add_worksheet();
    sheet.set_name(t.sheet_name(which))?;
    for (col, column) in (0u16..).zip(columns) {
        sheet.write_string_with_format(0, col, t.column(*column), &formats.header)?;
        sheet.set_column_width(col, width(*column))?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

/// A column's width in characters: long texts wide, numbers narrow.
fn width(column: Column) -> f64 {
    match column {
        Column::Unit | Column::Section => 36.0,
        Column::Text | Column::Note | Column::Finding(_) => 48.0,
        Column::Rubric | Column::VisitId | Column::FailedMandatory => 28.0,
        Column::Date | Column::Status | Column::Kind | Column::Verdict | Column::Band => 14.0,
        Column::At | Column::By | Column::Answer => 18.0,
        _ => 10.0,
    }
}

/// The workbook of these visits, as bytes, headers and words in `lang`.
pub fn workbook(records: &[VisitRecord], lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let t = texts(lang);
    let formats = Formats::new(lang);
    let mut workbook = Workbook::new();
    sheet(&mut workbook, t, Sheet::Visits, &VISIT_COLUMNS, &formats)?;
    sheet(&mut workbook, t, Sheet::Answers, &ANSWER_COLUMNS, &formats)?;
    fill(&mut workbook, 0, &VISIT_COLUMNS, &formats, |rows| {
        for record in records {
            rows.next_row();
            visit_row(rows, record, t, lang)?;
        }
        Ok(())
    })?;
    fill(&mut workbook, 1, &ANSWER_COLUMNS, &formats, |rows| {
        for record in records {
            answer_rows(rows, record, t, lang)?;
        }
        Ok(())
    })?;
    workbook.save_to_buffer()
}

/// Writes sheet `index`'s rows below its header with `write`, then sets the filter over
/// them.
fn fill(
    workbook: &mut Workbook,
    index: usize,
    columns: &[Column],
    formats: &Formats,
    write: impl FnOnce(&mut Rows<'_>) -> Result<(), XlsxError>,
) -> Result<(), XlsxError> {
    let mut rows = Rows {
        sheet: workbook.worksheet_from_index(index)?,
        formats,
        row: 0,
        col: 0,
    };
    write(&mut rows)?;
    let last_col = u16::try_from(columns.len().saturating_sub(1)).unwrap_or_default();
    let last_row = rows.row;
    rows.sheet.autofilter(0, 0, last_row, last_col)?;
    Ok(())
}

/// One visit's row, in [`VISIT_COLUMNS`] order, scored by the domain's rules.
fn visit_row(
    rows: &mut Rows<'_>,
    record: &VisitRecord,
    t: &dyn Texts,
    lang: Lang,
) -> Result<(), XlsxError> {
    let visit = &record.state.visit;
    let card = record.state.score(&record.rubric);
    let band = card
        .band
        .and_then(|index| record.rubric.bands.get(index))
        .map_or("", |band| band.label_in(lang));
    rows.date(visit.date)?;
    rows.text(&visit.unit.name)?;
    rows.text(t.unit_kind(visit.unit.kind))?;
    rows.text(&visit.rubric.id)?;
    rows.text(t.status(visit.status))?;
    let score = rows.formats.score.clone();
    rows.number(Some(card.score_rounded()), Some(&score))?;
    rows.number(Some(card.nominal_total), None)?;
    rows.text(band)?;
    rows.text(t.verdict(card.verdict))?;
    rows.text(&card.failed_critical.join(", "))?;
    rows.count(card.unanswered.len())?;
    for field in [
        FindingField::Strengths,
        FindingField::Shortcomings,
        FindingField::Recommendations,
        FindingField::Conclusion,
    ] {
        rows.text(visit.findings.get(field))?;
    }
    rows.text(&visit.id)
}

/// One row per item of the visit's rubric, answered or not, in [`ANSWER_COLUMNS`] order.
fn answer_rows(
    rows: &mut Rows<'_>,
    record: &VisitRecord,
    t: &dyn Texts,
    lang: Lang,
) -> Result<(), XlsxError> {
    let visit = &record.state.visit;
    for section in &record.rubric.sections {
        let section_name = format!("{}. {}", section.id, section.title_in(lang));
        for item in &section.items {
            let response = record.state.responses.get(&item.id);
            let answer = response.and_then(|r| r.answer.as_ref());
            let not_applicable =
                matches!(answer, Some(crate::domain::answer::Answer::NotApplicable));
            rows.next_row();
            rows.date(visit.date)?;
            rows.text(&visit.unit.name)?;
            rows.text(&visit.id)?;
            rows.text(&section_name)?;
            rows.text(&item.id)?;
            rows.text(item.text_in(lang))?;
            rows.number(Some(item.max_points()), None)?;
            rows.text(if item.critical { t.yes() } else { "" })?;
            let said = if answer.is_some() && !not_applicable {
                t.answer(answer, &record.rubric, &item.id)
            } else {
                String::new()
            };
            rows.text(&said)?;
            rows.number(answer.and_then(|a| item.points_for(a)), None)?;
            rows.text(if not_applicable { t.yes() } else { "" })?;
            rows.text(response.map_or("", |r| r.note.as_str()))?;
            rows.text(response.map_or("", |r| r.by.as_str()))?;
            rows.moment(response.map(|r| &r.at))?;
        }
    }
    Ok(())
}
