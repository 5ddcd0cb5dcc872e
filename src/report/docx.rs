//! The minutes as an editable Word file, Times New Roman 13 pt as Vietnamese offices expect;
//! evidence pictures embedded next to their criterion ([`evidence`]).

mod evidence;

use docx_rs::{
    AlignmentType, BorderType, Docx, Header, PageMargin, PageNum, Paragraph, ParagraphBorder,
    ParagraphBorderPosition, ParagraphBorders, Run, RunFonts, Table, TableCell, TableLayoutType,
    TableRow, WidthType,
};

use super::Minutes;
use crate::strings::{ReportLabel as L, inert};

/// 13 pt, in Word's half-points.
const SIZE: usize = 26;
/// The Quốc hiệu and the bodies' names: 12 pt (NĐ 30 allows 12–13), so the Quốc hiệu stays on
/// one line in its half of the page.
const HEADING_SIZE: usize = 24;

/// A4 in twips (1/20 pt; 1 mm ≈ 56.7 twips).
const PAGE: (i32, i32) = (11_906, 16_838);
/// NĐ 30/2020, Phụ lục I: top and bottom 20 mm, left 30 mm, right 15 mm.
const MARGIN_TOP: i32 = 1_134;
const MARGIN_BOTTOM: i32 = 1_134;
const MARGIN_LEFT: i32 = 1_701;
const MARGIN_RIGHT: i32 = 851;
/// The text block between the margins: every table is exactly this wide.
pub const TEXT_WIDTH: usize = (PAGE.0 - MARGIN_LEFT - MARGIN_RIGHT).unsigned_abs() as usize;

/// A table of `widths` (twips, summing to [`TEXT_WIDTH`]), laid out as given: `LibreOffice`
/// otherwise sizes columns by their content and runs past the margin.
fn fixed(rows: Vec<TableRow>, widths: &[usize]) -> Table {
    debug_assert_eq!(widths.iter().sum::<usize>(), TEXT_WIDTH);
    Table::new(rows)
        .set_grid(widths.to_vec())
        .layout(TableLayoutType::Fixed)
        .width(TEXT_WIDTH, WidthType::Dxa)
}

/// The short rule under a body's name: a bottom border on an empty paragraph, indented so
/// it is about a third of the column wide.
fn rule(column: usize) -> Paragraph {
    let indent = i32::try_from(column / 3).unwrap_or(0);
    Paragraph::new()
        .indent(Some(indent), None, Some(indent), None)
        .set_borders(
            ParagraphBorders::with_empty().set(
                ParagraphBorder::new(ParagraphBorderPosition::Bottom)
                    .val(BorderType::Single)
                    .size(6)
                    .space(1),
            ),
        )
        .size(4)
}

fn run(text: &str) -> Run {
    Run::new().add_text(inert(text))
}

fn para(text: &str) -> Paragraph {
    Paragraph::new().add_run(run(text))
}

fn bold(text: &str) -> Paragraph {
    Paragraph::new().add_run(run(text).bold())
}

fn centered(paragraph: Paragraph) -> Paragraph {
    paragraph.align(AlignmentType::Center)
}

/// "Thời gian: …" — a label of the minutes and its value.
fn labelled(minutes: &Minutes, label: L, value: &str) -> Paragraph {
    para(&format!("{}: {value}", minutes.label(label)))
}

fn cell(text: &str) -> TableCell {
    TableCell::new().add_paragraph(para(text))
}

fn bold_cell(text: &str) -> TableCell {
    TableCell::new().add_paragraph(bold(text))
}

fn heading(text: &str) -> Paragraph {
    centered(Paragraph::new().add_run(run(text).bold().size(HEADING_SIZE)))
}

/// Nơi nhận: italic bold label, then the recipients in 11 pt.
fn recipients(minutes: &Minutes, doc: Docx) -> Docx {
    let mut doc = doc.add_paragraph(
        Paragraph::new().add_run(run(minutes.label(L::Recipients)).bold().italic().size(24)),
    );
    for line in &minutes.recipients {
        doc = doc.add_paragraph(Paragraph::new().add_run(run(line).size(22)));
    }
    doc
}

fn results_table(minutes: &Minutes) -> Table {
    let header = TableRow::new(vec![
        bold_cell(minutes.label(L::ColItem)),
        bold_cell(minutes.label(L::ColText)),
        bold_cell(minutes.label(L::ColAnswer)),
        bold_cell(minutes.label(L::ColPoints)),
        bold_cell(minutes.label(L::ColNote)),
    ]);
    let mut rows = vec![header];
    for section in &minutes.sections {
        let percent = section
            .percent
            .map(|p| format!(" ({}%)", minutes.decimal(p)))
            .unwrap_or_default();
        rows.push(TableRow::new(vec![
            bold_cell(&section.id),
            bold_cell(&section.title),
            cell(""),
            bold_cell(&format!("{}/{}{percent}", section.earned, section.max)),
            cell(""),
        ]));
        for item in &section.items {
            let mark = if item.failed_critical { " ✗" } else { "" };
            let evidence = evidence::item_row(minutes, &item.id);
            // A criterion with evidence stays on the page of its evidence row.
            let cell = |text: &str| match evidence {
                Some(_) => TableCell::new().add_paragraph(para(text).keep_next(true)),
                None => cell(text),
            };
            rows.push(TableRow::new(vec![
                cell(&item.id),
                cell(&item.text),
                cell(&format!("{}{mark}", item.answer)),
                cell(&format!("{}/{}", item.points, item.max)),
                cell(&item.note),
            ]));
            rows.extend(evidence);
        }
    }
    fixed(rows, &[700, 3760, 1650, 1200, 2044])
}

fn action_table(minutes: &Minutes, rows: &[super::ActionRow]) -> Table {
    let mut table = vec![TableRow::new(vec![
        bold_cell(minutes.label(L::ColItem)),
        bold_cell(minutes.label(L::ColText)),
        bold_cell(minutes.label(L::Actions)),
        bold_cell(minutes.label(L::ColOwner)),
        bold_cell(minutes.label(L::ColDue)),
        bold_cell(minutes.label(L::ColStatus)),
    ])];
    for (index, row) in rows.iter().enumerate() {
        table.push(TableRow::new(vec![
            cell(&(index + 1).to_string()),
            cell(&row.item),
            cell(&row.text),
            cell(&row.owner),
            cell(&row.due),
            cell(&row.status),
        ]));
    }
    fixed(table, &[600, 900, 3254, 2000, 1400, 1200])
}

/// The follow-up's comparison and the earlier visit's actions; the visit's own actions.
fn cycle(minutes: &Minutes, mut doc: Docx) -> Docx {
    if let Some(previous) = &minutes.previous {
        doc = doc.add_paragraph(bold(&format!(
            "{} ({})",
            minutes.label(L::Previous),
            previous.date
        )));
        let mut rows = vec![TableRow::new(vec![
            bold_cell(minutes.label(L::ColItem)),
            bold_cell(minutes.label(L::ColStandard)),
            bold_cell(minutes.label(L::ColThen)),
            bold_cell(minutes.label(L::ColNow)),
            bold_cell(minutes.label(L::ColChange)),
        ])];
        for row in &previous.rows {
            rows.push(TableRow::new(vec![
                cell(&row.id),
                cell(&row.title),
                cell(&row.then),
                cell(&row.now),
                cell(&row.change),
            ]));
        }
        doc = doc.add_table(fixed(rows, &[700, 4054, 1600, 1600, 1400]));
        if !previous.actions.is_empty() {
            doc = doc
                .add_paragraph(bold(minutes.label(L::PreviousActions)))
                .add_table(action_table(minutes, &previous.actions));
        }
    }
    if !minutes.actions.is_empty() {
        doc = doc
            .add_paragraph(bold(minutes.label(L::Actions)))
            .add_table(action_table(minutes, &minutes.actions));
    }
    doc
}

/// The `.docx` bytes.
#[allow(clippy::too_many_lines)] // the page top to bottom; split up it would be harder to follow
pub fn to_docx(minutes: &Minutes) -> Result<Vec<u8>, String> {
    let t = crate::strings::texts(minutes.lang);
    let fonts = RunFonts::new()
        .ascii("Times New Roman")
        .hi_ansi("Times New Roman")
        .cs("Times New Roman");
    // Page numbers centred at the top from the second page (the first page's header is
    // empty), as NĐ 30 asks.
    let page_number =
        Header::new().add_paragraph(centered(Paragraph::new().add_page_num(PageNum::new())));
    let mut doc = Docx::new()
        .default_fonts(fonts)
        .default_size(SIZE)
        .page_size(PAGE.0.unsigned_abs(), PAGE.1.unsigned_abs())
        .page_margin(
            PageMargin::new()
                .top(MARGIN_TOP)
                .bottom(MARGIN_BOTTOM)
                .left(MARGIN_LEFT)
                .right(MARGIN_RIGHT)
                .header(567)
                .footer(567),
        )
        .header(page_number)
        .first_header(Header::new());
    if minutes.draft {
        let note = format!(
            "{} — {}",
            minutes.label(L::Draft),
            t.report_draft_note(minutes.unanswered)
        );
        doc = doc.add_paragraph(centered(
            Paragraph::new().add_run(run(&note).bold().color("C00000")),
        ));
    }
    let widths = [3600, TEXT_WIDTH - 3600];
    let mut issuer = TableCell::new();
    if !minutes.governing_body.is_empty() {
        issuer = issuer.add_paragraph(centered(
            Paragraph::new().add_run(run(&minutes.governing_body).size(HEADING_SIZE)),
        ));
    }
    let issuer = issuer
        .add_paragraph(heading(&minutes.body))
        .add_paragraph(rule(widths[0]))
        .add_paragraph(centered(para(&format!(
            "{}: {}",
            minutes.label(L::Number),
            minutes.number
        ))));
    let nation = TableCell::new()
        .add_paragraph(heading(minutes.label(L::Nation)))
        .add_paragraph(centered(
            Paragraph::new().add_run(run(minutes.label(L::Motto)).bold().size(SIZE)),
        ))
        .add_paragraph(rule(widths[1]));
    let header = fixed(vec![TableRow::new(vec![issuer, nation])], &widths).clear_all_border();
    doc = doc
        .add_table(header)
        .add_paragraph(
            Paragraph::new()
                .add_run(run(&minutes.place_date).italic())
                .align(AlignmentType::Right),
        )
        .add_paragraph(centered(
            Paragraph::new().add_run(run(minutes.label(L::Title)).bold().size(30)),
        ))
        .add_paragraph(centered(bold(&format!(
            "{} “{}”",
            minutes.label(L::Subtitle),
            minutes.rubric_title
        ))))
        .add_paragraph(labelled(minutes, L::Time, &minutes.time))
        .add_paragraph(labelled(minutes, L::Place, &minutes.place))
        .add_paragraph(labelled(minutes, L::Basis, &minutes.basis));
    if !minutes.recognition.is_empty() {
        doc = doc.add_paragraph(labelled(minutes, L::Recognition, &minutes.recognition));
    }
    doc = doc.add_paragraph(labelled(minutes, L::Rubric, &minutes.rubric));
    if !minutes.scale_notice.is_empty() {
        doc = doc.add_paragraph(labelled(minutes, L::ScaleNotice, &minutes.scale_notice));
    }
    doc = doc.add_paragraph(bold(minutes.label(L::Team)));
    for (name, role) in &minutes.team {
        doc = doc.add_paragraph(para(&format!("- {name} — {role}")));
    }
    doc = doc.add_paragraph(bold(minutes.label(L::Representatives)));
    for name in &minutes.representatives {
        doc = doc.add_paragraph(para(&format!("- {name}")));
    }
    doc = doc
        .add_paragraph(bold(minutes.label(L::Unit)))
        .add_paragraph(para(&format!(
            "{}: {} ({}) · {}: {}",
            minutes.label(L::UnitName),
            minutes.unit_name,
            minutes.unit_kind,
            minutes.label(L::UnitAddress),
            minutes.unit_address
        )))
        .add_paragraph(bold(minutes.label(L::Results)))
        .add_table(results_table(minutes))
        .add_paragraph(bold(&format!(
            "{}: {}/{}",
            minutes.label(L::Total),
            minutes.total,
            minutes.nominal_total
        )));
    if !minutes.band.is_empty() {
        doc = doc.add_paragraph(para(&format!(
            "{}: {}",
            minutes.label(L::Band),
            minutes.band
        )));
    }
    doc = doc.add_paragraph(bold(&format!(
        "{}: {}",
        minutes.label(L::Verdict),
        minutes.verdict.to_uppercase()
    )));
    if !minutes.recommendation.is_empty() {
        doc = doc.add_paragraph(labelled(
            minutes,
            L::Recommendation,
            &minutes.recommendation,
        ));
    }
    for reason in &minutes.reasons {
        doc = doc.add_paragraph(para(&format!("- {reason}")));
    }
    if !minutes.failed_critical.is_empty() {
        doc = doc.add_paragraph(para(&format!("{}:", minutes.label(L::FailedCritical))));
        for item in &minutes.failed_critical {
            doc = doc.add_paragraph(para(&format!("- {item}")));
        }
    }
    doc = doc.add_paragraph(bold(minutes.label(L::Findings)));
    for (label, value) in &minutes.findings {
        doc = doc.add_paragraph(bold(&format!("{label}:")));
        for line in value.lines() {
            doc = doc.add_paragraph(para(line));
        }
    }
    doc = cycle(minutes, doc);
    doc = doc.add_paragraph(bold(minutes.label(L::UnitComments)));
    for line in minutes.unit_comments.lines() {
        doc = doc.add_paragraph(para(line));
    }
    doc = doc
        .add_paragraph(Paragraph::new().add_run(run(minutes.label(L::Closing)).italic()))
        .add_paragraph(para(&minutes.closing));
    let signatures = minutes
        .signatures
        .iter()
        .map(|(role, name)| {
            TableCell::new()
                .add_paragraph(centered(bold(role)))
                .add_paragraph(centered(
                    Paragraph::new().add_run(run(minutes.label(L::SignHint)).italic()),
                ))
                .add_paragraph(para(""))
                .add_paragraph(para(""))
                .add_paragraph(para(""))
                .add_paragraph(centered(bold(name)))
        })
        .collect();
    let third = TEXT_WIDTH / 3;
    doc = doc.add_table(
        fixed(
            vec![TableRow::new(signatures)],
            &[third, third, TEXT_WIDTH - 2 * third],
        )
        .clear_all_border(),
    );
    doc = recipients(minutes, doc);
    if !minutes.evidence.is_empty() {
        doc = evidence::appendix(minutes, doc);
    }
    let mut bytes = std::io::Cursor::new(Vec::new());
    doc.build()
        .pack(&mut bytes)
        .map_err(|error| error.to_string())?;
    Ok(bytes.into_inner())
}
