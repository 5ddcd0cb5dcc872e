//! The minutes' details: one row per [`FindingField::MINUTES`] field (label, value), and the
//! editor of the selected one with how it is written.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, List, ListItem, ListState, Paragraph, Wrap};

use super::Theme;
use crate::domain::history::Request;
use crate::domain::visit::FindingField;
use crate::strings::{Texts, Ui, clip, inert};
use crate::tui::state::{OpenVisit, State};

pub fn render(frame: &mut Frame, area: Rect, state: &State, t: &dyn Texts, theme: Theme) {
    let Some(open) = &state.open else { return };
    let mut title = format!(
        " {} · {} ",
        t.ui(Ui::MinutesTitle),
        inert(&open.state.visit.unit.name)
    );
    if open.is_read_only() {
        title += &format!("· {} ", t.status(open.state.visit.status));
    }
    let block = Block::bordered().title(Span::styled(title, theme.title()));
    let inner = block.inner(area);
    frame.render_widget(block, area);

    let notice = open
        .is_read_only()
        .then(|| Paragraph::new(t.ui(Ui::MinutesFinalized)).wrap(Wrap { trim: true }));
    let notice_height = notice.as_ref().map_or(0, |p| {
        u16::try_from(p.line_count(inner.width)).unwrap_or(u16::MAX)
    });
    let editor_height = if open.minutes_edit.is_some() {
        // At least three rows stay for the list above it.
        inner.height.saturating_sub(notice_height + 3).clamp(3, 7)
    } else {
        0
    };
    let [notice_area, rows_area, editor_area] = Layout::vertical([
        Constraint::Length(notice_height),
        Constraint::Min(1),
        Constraint::Length(editor_height),
    ])
    .areas(inner);
    if let Some(notice) = notice {
        frame.render_widget(notice.style(theme.dim()), notice_area);
    }
    render_rows(frame, rows_area, state, open, t, theme);
    render_editor(frame, editor_area, open, t);
}

/// A field's name as a form's label: "Số biên bản".
fn label(field: FindingField, t: &dyn Texts) -> String {
    let name = t.finding(field);
    let mut chars = name.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// A detail as the row shows it: the recognition in words, every text on one line.
fn shown(open: &OpenVisit, field: FindingField, t: &dyn Texts) -> String {
    let value = open.state.visit.findings.get(field);
    if value.is_empty() {
        return "—".to_owned();
    }
    if field == FindingField::Recognition
        && let Some(word) = t.recognition_word(value)
    {
        return word.to_owned();
    }
    clip(&inert(value), 200)
}

fn render_rows(
    frame: &mut Frame,
    area: Rect,
    state: &State,
    open: &OpenVisit,
    t: &dyn Texts,
    theme: Theme,
) {
    let width = FindingField::MINUTES
        .iter()
        .map(|field| label(*field, t).chars().count())
        .max()
        .unwrap_or(0);
    let items: Vec<ListItem> = FindingField::MINUTES
        .iter()
        .map(|&field| {
            let refused = state
                .unsaved_of(&open.state.visit.id)
                .any(|request| matches!(request, Request::Finding { field: f, .. } if *f == field));
            let label = format!("{:<width$}  ", label(field, t));
            let mut spans = vec![Span::styled(label, theme.title())];
            if refused {
                spans.push(Span::styled(
                    format!("⚠ {} · ", t.ui(Ui::NotSaved)),
                    theme.bad(),
                ));
            }
            spans.push(Span::raw(shown(open, field, t)));
            ListItem::new(Line::from(spans))
        })
        .collect();
    let selected = open.minutes_row.min(items.len().saturating_sub(1));
    let list = List::new(items)
        .highlight_style(theme.selected())
        .highlight_symbol("▶ ");
    frame.render_stateful_widget(
        list,
        area,
        &mut ListState::default().with_selected(Some(selected)),
    );
}

fn render_editor(frame: &mut Frame, area: Rect, open: &OpenVisit, t: &dyn Texts) {
    let Some(edit) = &open.minutes_edit else {
        return;
    };
    let title = match t.minutes_hint(edit.field) {
        Some(hint) => format!(" {} — {hint} ", label(edit.field, t)),
        None => format!(" {} ", label(edit.field, t)),
    };
    let mut editor = edit.editor.clone();
    editor.set_block(Block::bordered().title(title));
    editor.set_cursor_line_style(Style::new());
    frame.render_widget(&editor, area);
}
