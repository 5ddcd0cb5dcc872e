//! Evidence on the HTML page: the thumbnails and file names next to each criterion, and the
//! appendix. Pictures are inline (`data:` URIs), so the page stays one file; each keeps its
//! caption under it and is never cut across pages.

use base64::Engine as _;
use maud::{Markup, html};

use super::text;
use crate::report::{EvidenceRow, ItemRow, Minutes, Preview};
use crate::strings::{ReportLabel as L, texts};

/// Added to the page's stylesheet only when there is evidence: the page of a visit without
/// evidence stays as it was.
pub const STYLE: &str = r"
tr.evidence td { border-top: 0; }
.thumbs { display: flex; flex-wrap: wrap; gap: 6px 12px; align-items: flex-start; }
figure.thumb { margin: 2px 0; max-width: calc(50% - 6px); break-inside: avoid; page-break-inside: avoid; }
figure.thumb img { display: block; max-width: 100%; height: auto; border: 1px solid #999; }
figure.thumb figcaption { font-size: 10pt; font-style: italic; }
a.evidence-number { color: inherit; text-decoration: none; }
p.file { margin: 2px 0; font-size: 11pt; }
.missing { color: #a00; font-weight: bold; }
tr.with-evidence { break-after: avoid; page-break-after: avoid; }
table.evidence-list { font-size: 11pt; table-layout: fixed; }
table.evidence-list th:nth-child(1) { width: 6%; }
table.evidence-list th:nth-child(2) { width: 9%; }
table.evidence-list th:nth-child(3) { width: 25%; }
table.evidence-list th:nth-child(4) { width: 27%; }
table.evidence-list th:nth-child(5) { width: 14%; }
table.evidence-list td { overflow-wrap: anywhere; }
table.evidence-list tbody { break-inside: avoid; page-break-inside: avoid; }
tr.sha td { font-family: 'Courier New', Courier, monospace; font-size: 9pt; border-top: 0; }
@media print { section.appendix { break-before: page; } }
";

/// The anchor of a file's row in the appendix.
fn anchor(row: &EvidenceRow) -> String {
    format!("evidence-{}", row.number)
}

/// "[3]", linking to the file's row in the appendix.
fn number(row: &EvidenceRow) -> Markup {
    html! { a.evidence-number href=(format!("#{}", anchor(row))) { "[" (row.number) "]" } }
}

fn missing_mark(minutes: &Minutes) -> &'static str {
    texts(minutes.lang).evidence_missing_mark()
}

/// One file next to its criterion: a thumbnail with its caption under it, or the name and
/// size of a file that has no picture, or the mark of a file not on this laptop.
fn file(minutes: &Minutes, row: &EvidenceRow) -> Markup {
    match &row.preview {
        Preview::Thumbnail(thumbnail) => {
            let data = base64::engine::general_purpose::STANDARD.encode(&thumbnail.jpeg);
            html! {
                figure.thumb {
                    img src=(format!("data:image/jpeg;base64,{data}")) width=(thumbnail.width)
                        height=(thumbnail.height) alt=(text(row.label()));
                    figcaption { (number(row)) " " (text(row.label())) }
                }
            }
        }
        Preview::Listed => html! {
            p.file { (number(row)) " " (text(&row.name)) " (" (row.kind) ", " (row.size) ")"
                @if !row.caption.trim().is_empty() { " — " (text(row.caption.trim())) } }
        },
        Preview::Missing => html! {
            p.file { (number(row)) " " (text(&row.name)) " — "
                span.missing { (missing_mark(minutes)) } }
        },
    }
}

/// The class of criterion `item`'s row in the results table: `critical` when it failed a
/// mandatory criterion (as before evidence), and `with-evidence` when its evidence follows,
/// which keeps the two rows on one page.
pub fn row_class(minutes: &Minutes, item: &ItemRow) -> Option<&'static str> {
    let evidence = minutes.evidence_of(&item.id).next().is_some();
    match (item.failed_critical, evidence) {
        (false, false) => None,
        (true, false) => Some("critical"),
        (false, true) => Some("with-evidence"),
        (true, true) => Some("critical with-evidence"),
    }
}

/// The row under criterion `item` in the results table, when it has evidence.
pub fn item_row(minutes: &Minutes, item: &str) -> Markup {
    let rows: Vec<&EvidenceRow> = minutes.evidence_of(item).collect();
    html! {
        @if !rows.is_empty() {
            tr.evidence {
                td colspan="5" {
                    div.thumbs { @for row in &rows { (file(minutes, row)) } }
                }
            }
        }
    }
}

/// Phụ lục: every file with its criterion, name, caption, type, size, when it was taken,
/// who attached it and when, and its full SHA-256 on a line of its own.
pub fn appendix(minutes: &Minutes) -> Markup {
    html! {
        section.appendix {
            h2 { (minutes.label(L::EvidenceAppendix)) }
            p.hint { (minutes.label(L::EvidenceAppendixNote)) }
            table.evidence-list {
                thead { tr {
                    th { (minutes.label(L::ColItem)) }
                    th { (minutes.label(L::ColText)) }
                    th { (minutes.label(L::ColFile)) }
                    th { (minutes.label(L::ColCaption)) }
                    th { (minutes.label(L::ColTakenAt)) }
                    th { (minutes.label(L::ColAttached)) }
                } }
                @for row in &minutes.evidence {
                    tbody id=(anchor(row)) {
                        tr {
                            td.num { (row.number) }
                            td { (text(&row.item)) }
                            td { (text(&row.name)) br; (row.kind) " · " (row.size)
                                @if row.preview == Preview::Missing {
                                    br; span.missing { (missing_mark(minutes)) } } }
                            td.note { (text(&row.caption)) }
                            td { (text(&row.taken_at)) }
                            td { (text(&row.added)) }
                        }
                        tr.sha { td colspan="6" { (minutes.label(L::Sha256)) ": " code.sha256 { (row.sha256) } } }
                    }
                }
            }
        }
    }
}
