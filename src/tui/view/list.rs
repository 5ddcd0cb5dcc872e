//! The visit list: newest first, with progress, score and verdict.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table, TableState};

use super::Theme;
use crate::domain::scoring::Verdict;
use crate::strings::{Texts, Ui, inert, num};
use crate::tui::state::State;

pub fn render(frame: &mut Frame, area: Rect, state: &State, t: &dyn Texts, theme: Theme) {
    let banner_height = if state.banner.is_some() { 2 } else { 0 };
    let filter_height = u16::from(state.list.filtering || !state.list.filter.is_empty());
    let [banner, filter, table] = Layout::vertical([
        Constraint::Length(banner_height),
        Constraint::Length(filter_height),
        Constraint::Min(1),
    ])
    .areas(area);
    if let Some(text) = &state.banner {
        frame.render_widget(
            Paragraph::new(Span::styled(inert(text), theme.bad()))
                .wrap(ratatui::widgets::Wrap { trim: true }),
            banner,
        );
    }
    if filter_height > 0 {
        let cursor = if state.list.filtering { "▏" } else { "" };
        let line = Line::from(vec![
            Span::styled(format!("{} ", t.ui(Ui::FilterPrompt)), theme.key()),
            Span::raw(format!("{}{cursor}", inert(&state.list.filter))),
        ]);
        frame.render_widget(Paragraph::new(line), filter);
    }
    let title = if state.list.trash {
        Ui::TrashTitle
    } else {
        Ui::VisitsTitle
    };
    let block = Block::bordered().title(Span::styled(format!(" {} ", t.ui(title)), theme.title()));
    let shown = state.shown_visits();
    if shown.is_empty() {
        let empty = if state.list.trash && state.list.filter.is_empty() {
            Ui::TrashEmpty
        } else if state.visits.iter().any(|v| v.deleted == state.list.trash) {
            Ui::NoMatchingVisits
        } else {
            Ui::NoVisits
        };
        frame.render_widget(Paragraph::new(t.ui(empty)).block(block), table);
        return;
    }
    render_table(frame, table, block, &shown, state, t, theme);
}

/// The visits as a table: the page holding the selection.
fn render_table(
    frame: &mut Frame,
    table: Rect,
    block: Block,
    shown: &[&crate::domain::visit::VisitSummary],
    state: &State,
    t: &dyn Texts,
    theme: Theme,
) {
    // Narrow terminals drop columns so the unit's name stays readable: below 100 columns the
    // rubric and progress, below 72 the verdict too (the score then wears its colour). The
    // date, unit, status and score stay at every width.
    let width = table.width;
    let keep = |column: usize| match column {
        2 | 4 => width >= 100,
        6 => width >= 72,
        _ => true,
    };
    let header = Row::new(
        [
            t.ui(Ui::ColDate),
            t.ui(Ui::ColUnit),
            t.ui(Ui::ColRubric),
            t.ui(Ui::ColStatus),
            t.ui(Ui::ColProgress),
            t.ui(Ui::ColScore),
            t.ui(Ui::ColVerdict),
        ]
        .into_iter()
        .enumerate()
        .filter(|(column, _)| keep(*column))
        .map(|(_, title)| Cell::from(title)),
    )
    .style(theme.title());
    // Only the page holding the selection becomes rows: with 10,000 visits, building every
    // row on every frame cost 18 ms (see docs/benchmarks.md).
    let visible = usize::from(table.height.saturating_sub(3)).max(1);
    let offset = state.list.selected / visible * visible;
    let page = &shown[offset.min(shown.len())..(offset + visible).min(shown.len())];
    let rows = page.iter().map(|visit| {
        let verdict_style = match visit.verdict {
            Verdict::Pass => theme.good(),
            Verdict::Fail => theme.bad(),
            Verdict::Incomplete => theme.dim(),
        };
        let cells = [
            Cell::from(t.short_date(visit.date)),
            Cell::from(inert(&visit.unit)),
            Cell::from(inert(&visit.rubric_id)),
            Cell::from(t.status(visit.status)),
            Cell::from(format!("{}/{}", visit.answered, visit.item_count)),
            Cell::from(format!("{}/{}", num(visit.score), num(visit.nominal_total))).style(
                if keep(6) {
                    ratatui::style::Style::default()
                } else {
                    verdict_style
                },
            ),
            Cell::from(t.verdict(visit.verdict)).style(verdict_style),
        ];
        Row::new(
            cells
                .into_iter()
                .enumerate()
                .filter(|(c, _)| keep(*c))
                .map(|(_, cell)| cell),
        )
    });
    let widths: Vec<Constraint> = [
        Constraint::Length(10),
        Constraint::Fill(3),
        Constraint::Fill(2),
        Constraint::Length(11),
        Constraint::Length(8),
        Constraint::Length(9),
        Constraint::Length(14),
    ]
    .into_iter()
    .enumerate()
    .filter(|(column, _)| keep(*column))
    .map(|(_, width)| width)
    .collect();
    let table_widget = Table::new(rows, widths)
        .header(header)
        .block(block)
        .row_highlight_style(theme.selected())
        .highlight_symbol("▶ ");
    let mut selection = TableState::default().with_selected(Some(state.list.selected - offset));
    frame.render_stateful_widget(table_widget, table, &mut selection);
}
