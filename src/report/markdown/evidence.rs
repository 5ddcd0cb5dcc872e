//! Evidence in the Markdown minutes: each criterion's files under the results, linked where
//! an export of the visit puts them (`<document stem>.files/<sha256>.<extension>`, beside
//! the exported document), and the appendix table with each file's SHA-256.

use super::cell;
use crate::report::{EvidenceRow, Minutes, Preview};
use crate::strings::{ReportLabel as L, texts};

/// Text from a file (a name, a caption) as Markdown shows it: a cell's text with the marks
/// that would make it a link, an image or HTML escaped, so it can neither end the link it
/// sits in nor become one.
fn plain(text: &str) -> String {
    let mut escaped = String::new();
    for c in text.chars() {
        if matches!(c, '\\' | '[' | ']' | '<' | '>' | '!' | '`') {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    cell(&escaped)
}

/// The file as a link (a picture shown inline), or its name and the mark of a file not on
/// this laptop (an export leaves it out too, so there is nothing to link to).
fn file(minutes: &Minutes, row: &EvidenceRow) -> String {
    let details = format!("({}, {})", row.kind, row.size);
    match row.preview {
        Preview::Thumbnail(_) => {
            format!("![{}]({}) {details}", plain(row.label()), row.exported)
        }
        Preview::Listed => format!("[{}]({}) {details}", plain(&row.name), row.exported),
        Preview::Missing => format!(
            "{} — *{}*",
            plain(&row.name),
            texts(minutes.lang).evidence_missing_mark()
        ),
    }
}

/// Under the results table: each criterion that has evidence, its files one per line.
pub fn by_item(minutes: &Minutes) -> Vec<String> {
    let mut lines = vec![format!("### {}", minutes.label(L::Evidence)), String::new()];
    let mut item: Option<&str> = None;
    for row in &minutes.evidence {
        if item != Some(row.item.as_str()) {
            if item.is_some() {
                lines.push(String::new());
            }
            item = Some(&row.item);
            lines.push(format!("**{}**", plain(&row.item)));
            lines.push(String::new());
        }
        let caption = if row.caption.trim().is_empty() {
            String::new()
        } else {
            format!(" — {}", plain(row.caption.trim()))
        };
        lines.push(format!(
            "- [{}] {}{caption}",
            row.number,
            file(minutes, row)
        ));
    }
    lines.push(String::new());
    lines
}

/// Phụ lục: every file with its criterion, name, caption, type, size, when it was taken,
/// who attached it and when, and its full SHA-256.
pub fn appendix(minutes: &Minutes) -> Vec<String> {
    let mut lines = vec![
        format!("## {}", minutes.label(L::EvidenceAppendix)),
        String::new(),
        minutes.label(L::EvidenceAppendixNote).to_owned(),
        String::new(),
        format!(
            "| {} | {} | {} | {} | {} | {} | {} |",
            minutes.label(L::ColItem),
            minutes.label(L::ColText),
            minutes.label(L::ColFile),
            minutes.label(L::ColCaption),
            minutes.label(L::ColTakenAt),
            minutes.label(L::ColAttached),
            minutes.label(L::Sha256),
        ),
        "|---:|---|---|---|---|---|---|".to_owned(),
    ];
    for row in &minutes.evidence {
        let name = if row.preview == Preview::Missing {
            file(minutes, row)
        } else {
            format!(
                "[{}]({}) ({}, {})",
                plain(&row.name),
                row.exported,
                row.kind,
                row.size
            )
        };
        lines.push(format!(
            "| {} | {} | {name} | {} | {} | {} | `{}` |",
            row.number,
            plain(&row.item),
            plain(&row.caption),
            cell(&row.taken_at),
            cell(&row.added),
            row.sha256,
        ));
    }
    lines.push(String::new());
    lines
}
