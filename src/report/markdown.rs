//! The minutes as Markdown, for pasting into e-mail or chat; evidence links to the files an
//! export of the visit writes beside it ([`evidence`]).

mod evidence;

use std::fmt::Write as _;

use super::Minutes;
use crate::strings::{ReportLabel as L, inert};

/// Keeps a cell on one line and a `|` from ending it.
fn cell(text: &str) -> String {
    inert(text).replace('\n', " ").replace('|', "\\|")
}

fn action_table(minutes: &Minutes, rows: &[super::ActionRow]) -> Vec<String> {
    let mut lines = vec![
        format!(
            "| {} | {} | {} | {} | {} | {} |",
            minutes.label(L::ColItem),
            minutes.label(L::ColText),
            minutes.label(L::Actions),
            minutes.label(L::ColOwner),
            minutes.label(L::ColDue),
            minutes.label(L::ColStatus)
        ),
        "|---:|---|---|---|---|---|".to_owned(),
    ];
    for (index, row) in rows.iter().enumerate() {
        lines.push(format!(
            "| {} | {} | {} | {} | {} | {} |",
            index + 1,
            cell(&row.item),
            cell(&row.text),
            cell(&row.owner),
            cell(&row.due),
            cell(&row.status)
        ));
    }
    lines.push(String::new());
    lines
}

/// The follow-up's comparison and the earlier visit's actions; the visit's own actions.
fn cycle(minutes: &Minutes) -> Vec<String> {
    let mut lines = Vec::new();
    if let Some(previous) = &minutes.previous {
        lines.push(format!(
            "## {} ({})",
            minutes.label(L::Previous),
            cell(&previous.date)
        ));
        lines.push(format!(
            "| {} | {} | {} | {} | {} |",
            minutes.label(L::ColItem),
            minutes.label(L::ColStandard),
            minutes.label(L::ColThen),
            minutes.label(L::ColNow),
            minutes.label(L::ColChange)
        ));
        lines.push("|---|---|---:|---:|---:|".to_owned());
        for row in &previous.rows {
            lines.push(format!(
                "| {} | {} | {} | {} | {} |",
                cell(&row.id),
                cell(&row.title),
                row.then,
                row.now,
                row.change
            ));
        }
        lines.push(String::new());
        if !previous.actions.is_empty() {
            lines.push(format!("## {}", minutes.label(L::PreviousActions)));
            lines.extend(action_table(minutes, &previous.actions));
        }
    }
    if !minutes.actions.is_empty() {
        lines.push(format!("## {}", minutes.label(L::Actions)));
        lines.extend(action_table(minutes, &minutes.actions));
    }
    lines
}

#[allow(clippy::too_many_lines)] // the page top to bottom; split up it would be harder to follow
pub fn to_markdown(minutes: &Minutes) -> String {
    let t = crate::strings::texts(minutes.lang);
    let mut out = String::new();
    let mut line = |text: String| {
        out.push_str(&text);
        out.push('\n');
    };
    line(format!("**{}**  ", minutes.label(L::Nation)));
    line(format!("**{}**", minutes.label(L::Motto)));
    line(String::new());
    if !minutes.governing_body.is_empty() {
        line(format!("{}  ", inert(&minutes.governing_body)));
    }
    line(format!("**{}**  ", inert(&minutes.body)));
    if !minutes.number.is_empty() {
        line(format!(
            "{}: {}  ",
            minutes.label(L::Number),
            inert(&minutes.number)
        ));
    }
    line(format!("*{}*", inert(&minutes.place_date)));
    line(String::new());
    line(format!("# {}", minutes.label(L::Title)));
    line(format!(
        "{} “{}”",
        minutes.label(L::Subtitle),
        inert(&minutes.rubric_title)
    ));
    line(String::new());
    if minutes.draft {
        line(format!(
            "> **{}** — {}",
            minutes.label(L::Draft),
            t.report_draft_note(minutes.unanswered)
        ));
        line(String::new());
    }
    line(format!(
        "- **{}:** {}",
        minutes.label(L::Time),
        inert(&minutes.time)
    ));
    line(format!(
        "- **{}:** {}",
        minutes.label(L::Place),
        inert(&minutes.place)
    ));
    line(format!(
        "- **{}:** {}",
        minutes.label(L::Basis),
        inert(&minutes.basis)
    ));
    if !minutes.recognition.is_empty() {
        line(format!(
            "- **{}:** {}",
            minutes.label(L::Recognition),
            inert(&minutes.recognition)
        ));
    }
    line(format!(
        "- **{}:** {}",
        minutes.label(L::Rubric),
        inert(&minutes.rubric)
    ));
    if !minutes.scale_notice.is_empty() {
        line(format!(
            "- **{}:** {}",
            minutes.label(L::ScaleNotice),
            inert(&minutes.scale_notice)
        ));
    }
    line(String::new());
    line(format!("## {}", minutes.label(L::Team)));
    for (name, role) in &minutes.team {
        line(format!("- {} — {role}", inert(name)));
    }
    line(String::new());
    line(format!("## {}", minutes.label(L::Representatives)));
    for name in &minutes.representatives {
        line(format!("- {}", inert(name)));
    }
    line(String::new());
    line(format!("## {}", minutes.label(L::Unit)));
    line(format!(
        "{} ({}), {}",
        inert(&minutes.unit_name),
        minutes.unit_kind,
        inert(&minutes.unit_address)
    ));
    line(String::new());
    line(format!("## {}", minutes.label(L::Results)));
    line(format!(
        "| {} | {} | {} | {} | {} |",
        minutes.label(L::ColItem),
        minutes.label(L::ColText),
        minutes.label(L::ColAnswer),
        minutes.label(L::ColPoints),
        minutes.label(L::ColNote)
    ));
    line("|---|---|---|---:|---|".to_owned());
    for section in &minutes.sections {
        let percent = section
            .percent
            .map(|p| format!(" ({}%)", minutes.decimal(p)))
            .unwrap_or_default();
        line(format!(
            "| **{}** | **{}** | | **{}/{}**{percent} | |",
            cell(&section.id),
            cell(&section.title),
            section.earned,
            section.max
        ));
        for item in &section.items {
            let mark = if item.failed_critical { " ✗" } else { "" };
            line(format!(
                "| {} | {} | {}{mark} | {}/{} | {} |",
                cell(&item.id),
                cell(&item.text),
                cell(&item.answer),
                item.points,
                item.max,
                cell(&item.note)
            ));
        }
    }
    line(String::new());
    if !minutes.evidence.is_empty() {
        evidence::by_item(minutes).into_iter().for_each(&mut line);
    }
    line(format!(
        "**{}: {}/{}**",
        minutes.label(L::Total),
        minutes.total,
        minutes.nominal_total
    ));
    if !minutes.band.is_empty() {
        line(format!(
            "{}: **{}**  ",
            minutes.label(L::Band),
            inert(&minutes.band)
        ));
    }
    line(format!(
        "{}: **{}**",
        minutes.label(L::Verdict),
        minutes.verdict.to_uppercase()
    ));
    if !minutes.recommendation.is_empty() {
        line(format!(
            "**{}:** {}",
            minutes.label(L::Recommendation),
            minutes.recommendation
        ));
    }
    for reason in &minutes.reasons {
        line(format!("- {}", inert(reason)));
    }
    if !minutes.failed_critical.is_empty() {
        line(format!("{}:", minutes.label(L::FailedCritical)));
        for item in &minutes.failed_critical {
            line(format!("- {}", inert(item)));
        }
    }
    line(String::new());
    line(format!("## {}", minutes.label(L::Findings)));
    for (label, value) in &minutes.findings {
        line(format!(
            "**{label}:** {}",
            inert(value).replace('\n', "  \n")
        ));
        line(String::new());
    }
    for part in cycle(minutes) {
        line(part);
    }
    line(format!("## {}", minutes.label(L::UnitComments)));
    line(inert(&minutes.unit_comments).replace('\n', "  \n"));
    line(String::new());
    line(format!("*{}*", minutes.label(L::Closing)));
    line(String::new());
    line(inert(&minutes.closing));
    line(String::new());
    let mut signatures = String::new();
    for (role, name) in &minutes.signatures {
        let _ = write!(signatures, "| {role} ");
        let _ = name;
    }
    line(format!("{signatures}|"));
    line(format!("{}|", "|---".repeat(minutes.signatures.len())));
    let mut names = String::new();
    for (_, name) in &minutes.signatures {
        let _ = write!(names, "| {} ", cell(name));
    }
    line(format!("{names}|"));
    line(String::new());
    line(format!("**{}**  ", minutes.label(L::Recipients)));
    for recipient in &minutes.recipients {
        line(format!("{}  ", inert(recipient)));
    }
    if !minutes.evidence.is_empty() {
        line(String::new());
        evidence::appendix(minutes).into_iter().for_each(&mut line);
    }
    out
}
