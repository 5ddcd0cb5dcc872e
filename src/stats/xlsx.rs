//! `onsite stats --format xlsx`: the summary's tables as sheets of one workbook — the
//! counts and scores (one row per rubric), the section means, every criterion's figures
//! (with its rank among the weakest) and every unit's row. Each row names its rubric, so a
//! workbook of several rubrics filters by it and never mixes them. Cells are written by the
//! export workbook's helpers: numbers as numbers, dates as dates, text never a formula.

use rust_decimal::Decimal;
use rust_xlsxwriter::{Workbook, XlsxError};

use super::html::Page;
use crate::domain::stats::Stats;
use crate::strings::{StatsLabel as L, Texts, texts};
use crate::tables::xlsx::{Formats, Rows};

/// The workbook of `summaries`, as bytes, in `page.lang`.
pub fn workbook(summaries: &[Stats], page: &Page<'_>) -> Result<Vec<u8>, XlsxError> {
    let t = texts(page.lang);
    let formats = Formats::new(page.lang);
    let mut workbook = Workbook::new();
    let sheets: [(L, &[L]); 4] = [
        (L::Summary, &SUMMARY),
        (L::Sections, &SECTIONS),
        (L::Items, &ITEMS),
        (L::Units, &UNITS),
    ];
    for (index, (name, columns)) in sheets.iter().enumerate() {
        let sheet = workbook.add_worksheet();
        sheet.set_name(t.stats_label(*name))?;
        for (col, column) in (0u16..).zip(columns.iter()) {
            sheet.write_string_with_format(0, col, t.stats_label(*column), &formats.header)?;
            sheet.set_column_width(col, width(*column))?;
        }
        sheet.set_freeze_panes(1, 0)?;
        let mut rows = Rows {
            sheet: workbook.worksheet_from_index(index)?,
            formats: &formats,
            row: 0,
            col: 0,
        };
        for stats in summaries {
            match name {
                L::Summary => summary_row(&mut rows, stats, page)?,
                L::Sections => section_rows(&mut rows, stats)?,
                L::Items => item_rows(&mut rows, stats, t)?,
                _ => unit_rows(&mut rows, stats, t)?,
            }
        }
        let last_row = rows.row;
        let last_col = u16::try_from(columns.len().saturating_sub(1)).unwrap_or_default();
        rows.sheet.autofilter(0, 0, last_row, last_col)?;
    }
    workbook.save_to_buffer()
}

const SUMMARY: [L; 12] = [
    L::Rubric,
    L::Versions,
    L::Period,
    L::Visits,
    L::Pass,
    L::Fail,
    L::Incomplete,
    L::Mean,
    L::Median,
    L::Min,
    L::Max,
    L::OutOf,
];

const SECTIONS: [L; 4] = [L::Rubric, L::Item, L::Section, L::MeanPercent];

const ITEMS: [L; 11] = [
    L::Rubric,
    L::Item,
    L::Text,
    L::Critical,
    L::Answered,
    L::NotApplicable,
    L::MeanPoints,
    L::Max,
    L::MeanPercent,
    L::Zero,
    L::Weakest,
];

const UNITS: [L; 9] = [
    L::Rubric,
    L::Date,
    L::Unit,
    L::Kind,
    L::Score,
    L::Verdict,
    L::FailedMandatory,
    L::Status,
    L::Visit,
];

fn width(column: L) -> f64 {
    match column {
        L::Text | L::Unit | L::Section => 44.0,
        L::Rubric | L::Visit | L::Period | L::FailedMandatory => 28.0,
        L::Versions | L::Date | L::Kind | L::Verdict | L::Status => 14.0,
        _ => 11.0,
    }
}

fn summary_row(rows: &mut Rows<'_>, stats: &Stats, page: &Page<'_>) -> Result<(), XlsxError> {
    let t = texts(page.lang);
    rows.next_row();
    rows.text(&stats.rubric_id)?;
    rows.text(&stats.versions.join(", "))?;
    rows.text(&super::html::period(t, page.filter))?;
    for count in [stats.total, stats.pass, stats.fail, stats.incomplete] {
        rows.count(count)?;
    }
    let score = rows.formats.score.clone();
    let spread = stats.score;
    for value in [
        spread.map(|s| s.mean),
        spread.map(|s| s.median),
        spread.map(|s| s.min),
        spread.map(|s| s.max),
    ] {
        rows.number(value, Some(&score))?;
    }
    rows.number(Some(stats.out_of), None)
}

fn section_rows(rows: &mut Rows<'_>, stats: &Stats) -> Result<(), XlsxError> {
    for section in &stats.sections {
        rows.next_row();
        rows.text(&stats.rubric_id)?;
        rows.text(&section.id)?;
        rows.text(&section.title)?;
        let score = rows.formats.score.clone();
        rows.number(section.mean_percent, Some(&score))?;
    }
    Ok(())
}

fn item_rows(rows: &mut Rows<'_>, stats: &Stats, t: &dyn Texts) -> Result<(), XlsxError> {
    for item in &stats.items {
        rows.next_row();
        rows.text(&stats.rubric_id)?;
        rows.text(&item.id)?;
        rows.text(&item.text)?;
        rows.text(if item.critical { t.yes() } else { "" })?;
        rows.count(item.answered)?;
        rows.count(item.na)?;
        let score = rows.formats.score.clone();
        rows.number(item.mean_points, Some(&score))?;
        rows.number(Some(item.max), None)?;
        rows.number(item.mean_percent, Some(&score))?;
        rows.count(item.zero)?;
        let rank = stats.weakest.iter().position(|id| *id == item.id);
        rows.number(rank.map(|r| Decimal::from(r + 1)), None)?;
    }
    Ok(())
}

fn unit_rows(rows: &mut Rows<'_>, stats: &Stats, t: &dyn Texts) -> Result<(), XlsxError> {
    for unit in &stats.units {
        rows.next_row();
        rows.text(&stats.rubric_id)?;
        rows.date(unit.date)?;
        rows.text(&unit.unit)?;
        rows.text(t.unit_kind(unit.kind))?;
        let score = rows.formats.score.clone();
        rows.number(Some(unit.score), Some(&score))?;
        rows.text(t.verdict(unit.verdict))?;
        rows.text(&unit.failed_mandatory.join(", "))?;
        rows.text(t.status(unit.status))?;
        rows.text(&unit.visit)?;
    }
    Ok(())
}
