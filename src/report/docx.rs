//! The minutes as an editable Word file, Times New Roman 13 pt as Vietnamese offices expect.

use docx_rs::{
    AlignmentType, Docx, Paragraph, Run, RunFonts, Table, TableCell, TableRow, WidthType,
};

use super::Minutes;
use crate::strings::{ReportLabel as L, inert};

/// 13 pt, in Word's half-points.
const SIZE: usize = 26;

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
            .map(|p| format!(" ({}%)", p.normalize()))
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
            rows.push(TableRow::new(vec![
                cell(&item.id),
                cell(&item.text),
                cell(&format!("{}{mark}", item.answer)),
                cell(&format!("{}/{}", item.points, item.max)),
                cell(&item.note),
            ]));
        }
    }
    Table::new(rows)
        .set_grid(vec![700, 4300, 1500, 1000, 2200])
        .width(9700, WidthType::Dxa)
}

/// The `.docx` bytes.
#[allow(clippy::too_many_lines)] // the page top to bottom; split up it would be harder to follow
pub fn to_docx(minutes: &Minutes) -> Result<Vec<u8>, String> {
    let t = crate::strings::texts(minutes.lang);
    let fonts = RunFonts::new()
        .ascii("Times New Roman")
        .hi_ansi("Times New Roman")
        .cs("Times New Roman");
    let mut doc = Docx::new().default_fonts(fonts).default_size(SIZE);
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
    let header = Table::new(vec![TableRow::new(vec![
        TableCell::new()
            .add_paragraph(centered(bold(&minutes.body)))
            .add_paragraph(centered(para(&format!(
                "{}: {}",
                minutes.label(L::Number),
                minutes.number
            )))),
        TableCell::new()
            .add_paragraph(centered(bold(minutes.label(L::Nation))))
            .add_paragraph(centered(
                Paragraph::new().add_run(run(minutes.label(L::Motto)).bold().underline("single")),
            )),
    ])])
    .set_grid(vec![4300, 5400])
    .clear_all_border();
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
        .add_paragraph(labelled(minutes, L::Basis, &minutes.basis))
        .add_paragraph(labelled(minutes, L::Rubric, &minutes.rubric));
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
    doc = doc.add_paragraph(Paragraph::new().add_run(run(minutes.label(L::Closing)).italic()));
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
    doc = doc.add_table(
        Table::new(vec![TableRow::new(signatures)])
            .set_grid(vec![3200, 3200, 3300])
            .clear_all_border(),
    );
    let mut bytes = std::io::Cursor::new(Vec::new());
    doc.build()
        .pack(&mut bytes)
        .map_err(|error| error.to_string())?;
    Ok(bytes.into_inner())
}
