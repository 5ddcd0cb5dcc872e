//! Evidence in the Word minutes: the pictures and file names of each criterion in a row under
//! it in the results table, and the appendix table.
//!
//! docx-rs 0.4.22 stores every picture as `word/media/<id>.png`, declared `image/png`,
//! whatever its bytes are (bokuweb/docx-rs issue 701, open), so the JPEG thumbnail is
//! re-encoded as PNG here: a JPEG under a `.png` name is a package Word may call damaged.
//! Each picture gets an id of its own (`rIdEvidence<n>`): the crate's default comes from a
//! process-wide counter, which differs from one run to the next.

use std::io::Cursor;

use docx_rs::{
    BreakType, Docx, Paragraph, Pic, Run, RunFonts, Table, TableCell, TableLayoutType, TableRow,
    WidthType,
};

use super::{TEXT_WIDTH, bold_cell, fixed, run};
use crate::media::Thumbnail;
use crate::report::{EvidenceRow, Minutes, Preview};
use crate::strings::{ReportLabel as L, texts};

/// 11 pt, in half-points: the evidence rows and the appendix.
const SMALL: usize = 22;
/// 9 pt: the SHA-256 line.
const HASH_SIZE: usize = 18;
/// EMU (English Metric Units) per millimetre.
const EMU_PER_MM: u32 = 36_000;
/// The box a picture is fitted into: two side by side in the text block.
const PICTURE_BOX_MM: (u32, u32) = (75, 56);
/// The appendix's columns, twips, summing to [`TEXT_WIDTH`].
const APPENDIX_WIDTHS: [usize; 6] = [500, 800, 2600, 2400, 1300, 1754];
/// Word's default cell margin, left and right, in twips: a table inside a cell has the
/// text block less two of them.
const CELL_MARGIN: usize = 108;
/// Two pictures side by side under a criterion, inside the row's cell.
const PICTURE_COLUMN: usize = (TEXT_WIDTH - 2 * CELL_MARGIN) / 2;

/// The thumbnail as PNG, the only picture format docx-rs declares correctly.
fn png(thumbnail: &Thumbnail) -> Option<Vec<u8>> {
    let picture =
        image::load_from_memory_with_format(&thumbnail.jpeg, image::ImageFormat::Jpeg).ok()?;
    let mut bytes = Cursor::new(Vec::new());
    picture.write_to(&mut bytes, image::ImageFormat::Png).ok()?;
    Some(bytes.into_inner())
}

/// `width`×`height` pixels fitted into [`PICTURE_BOX_MM`], keeping the shape, in EMU.
fn print_size(width: u32, height: u32) -> (u32, u32) {
    let (box_width, box_height) = (
        u64::from(PICTURE_BOX_MM.0 * EMU_PER_MM),
        u64::from(PICTURE_BOX_MM.1 * EMU_PER_MM),
    );
    let (width, height) = (u64::from(width.max(1)), u64::from(height.max(1)));
    // Whichever side meets the box first sets the scale.
    let (emu_width, emu_height) = if box_width * height <= box_height * width {
        (box_width, box_width * height / width)
    } else {
        (box_height * width / height, box_height)
    };
    (
        u32::try_from(emu_width).unwrap_or(u32::MAX),
        u32::try_from(emu_height).unwrap_or(u32::MAX),
    )
}

fn small(text: &str) -> Run {
    run(text).size(SMALL)
}

fn small_cell(text: &str) -> TableCell {
    TableCell::new().add_paragraph(Paragraph::new().add_run(small(text)))
}

/// "[3] " before a file: its number in the appendix.
fn number(row: &EvidenceRow) -> Run {
    small(&format!("[{}] ", row.number)).bold()
}

fn missing_mark(minutes: &Minutes) -> Run {
    small(texts(minutes.lang).evidence_missing_mark())
        .bold()
        .color("A00000")
}

/// A picture with its caption under it, kept together on a page.
fn picture(row: &EvidenceRow, thumbnail: &Thumbnail) -> Option<TableCell> {
    let (width, height) = print_size(thumbnail.width, thumbnail.height);
    let pic = Pic::new_with_dimensions(png(thumbnail)?, thumbnail.width, thumbnail.height)
        .size(width, height)
        .id(format!("rIdEvidence{}", row.number));
    Some(
        TableCell::new()
            .add_paragraph(
                Paragraph::new()
                    .add_run(Run::new().add_image(pic))
                    .keep_next(true),
            )
            .add_paragraph(
                Paragraph::new()
                    .add_run(number(row))
                    .add_run(small(row.label()).italic()),
            ),
    )
}

/// A file without a picture: its name, type, size and caption; or the mark of a file not
/// on this laptop.
fn listed(minutes: &Minutes, row: &EvidenceRow) -> Paragraph {
    let paragraph = Paragraph::new()
        .add_run(number(row))
        .add_run(small(&row.name));
    if row.preview == Preview::Missing {
        return paragraph
            .add_run(small(" — "))
            .add_run(missing_mark(minutes));
    }
    let paragraph = paragraph.add_run(small(&format!(" ({}, {})", row.kind, row.size)));
    match row.caption.trim() {
        "" => paragraph,
        caption => paragraph.add_run(small(&format!(" — {caption}"))),
    }
}

/// The row under criterion `item` in the results table, spanning its five columns, when
/// the criterion has evidence: pictures two by two, then the other files one per line.
pub fn item_row(minutes: &Minutes, item: &str) -> Option<TableRow> {
    let rows: Vec<&EvidenceRow> = minutes.evidence_of(item).collect();
    if rows.is_empty() {
        return None;
    }
    let mut pictures = Vec::new();
    let mut others = Vec::new();
    for row in rows {
        let shown = match &row.preview {
            Preview::Thumbnail(thumbnail) => picture(row, thumbnail),
            Preview::Listed | Preview::Missing => None,
        };
        match shown {
            Some(cell) => pictures.push(cell),
            None => others.push(listed(minutes, row)),
        }
    }
    let mut cell = TableCell::new().grid_span(5);
    if !pictures.is_empty() {
        let mut pairs = Vec::new();
        let mut cells = pictures.into_iter().peekable();
        while cells.peek().is_some() {
            let mut pair: Vec<TableCell> = cells.by_ref().take(2).collect();
            if pair.len() < 2 {
                pair.push(TableCell::new().add_paragraph(Paragraph::new()));
            }
            pairs.push(TableRow::new(pair).cant_split());
        }
        let pictures = Table::new(pairs)
            .set_grid(vec![PICTURE_COLUMN; 2])
            .layout(TableLayoutType::Fixed)
            .width(2 * PICTURE_COLUMN, WidthType::Dxa)
            .clear_all_border();
        cell = cell.add_table(pictures);
    }
    for paragraph in others {
        cell = cell.add_paragraph(paragraph);
    }
    // A cell must end with a paragraph, also after a table: Word calls the file damaged
    // otherwise.
    cell = cell.add_paragraph(Paragraph::new().size(4));
    Some(TableRow::new(vec![cell]))
}

/// Phụ lục, from a new page: every file with its criterion, name, type and size, caption,
/// when it was taken, who attached it and when, and its full SHA-256 on a line of its own
/// in a fixed-width font.
pub fn appendix(minutes: &Minutes, doc: Docx) -> Docx {
    let hash_font = RunFonts::new()
        .ascii("Courier New")
        .hi_ansi("Courier New")
        .cs("Courier New");
    let mut rows = vec![TableRow::new(vec![
        bold_cell(minutes.label(L::ColItem)),
        bold_cell(minutes.label(L::ColText)),
        bold_cell(minutes.label(L::ColFile)),
        bold_cell(minutes.label(L::ColCaption)),
        bold_cell(minutes.label(L::ColTakenAt)),
        bold_cell(minutes.label(L::ColAttached)),
    ])];
    for row in &minutes.evidence {
        let mut file = Paragraph::new()
            .add_run(small(&row.name))
            .add_run(Run::new().add_break(BreakType::TextWrapping))
            .add_run(small(&format!("{} · {}", row.kind, row.size)));
        if row.preview == Preview::Missing {
            file = file
                .add_run(Run::new().add_break(BreakType::TextWrapping))
                .add_run(missing_mark(minutes));
        }
        rows.push(
            TableRow::new(vec![
                small_cell(&row.number.to_string()),
                small_cell(&row.item),
                TableCell::new().add_paragraph(file.keep_next(true)),
                small_cell(&row.caption),
                small_cell(&row.taken_at),
                small_cell(&row.added),
            ])
            .cant_split(),
        );
        let hash = Paragraph::new()
            .add_run(small(&format!("{}: ", minutes.label(L::Sha256))))
            .add_run(run(&row.sha256).size(HASH_SIZE).fonts(hash_font.clone()));
        rows.push(
            TableRow::new(vec![TableCell::new().grid_span(6).add_paragraph(hash)]).cant_split(),
        );
    }
    doc.add_paragraph(
        Paragraph::new()
            .add_run(run(minutes.label(L::EvidenceAppendix)).bold())
            .page_break_before(true),
    )
    .add_paragraph(Paragraph::new().add_run(small(minutes.label(L::EvidenceAppendixNote)).italic()))
    .add_table(fixed(rows, &APPENDIX_WIDTHS))
}
