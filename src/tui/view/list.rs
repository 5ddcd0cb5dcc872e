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
    let plans = state.shown_plans();
    // At most a third of the screen: the visits stay the list's main part.
    let plan_rows = plans
        .len()
        .min(usize::from(area.height / 3).saturating_sub(2));
    let plan_height = if plans.is_empty() || plan_rows == 0 {
        0
    } else {
        u16::try_from(plan_rows + 2).unwrap_or(u16::MAX)
    };
    let [banner, filter, planned, table] = Layout::vertical([
        Constraint::Length(banner_height),
        Constraint::Length(filter_height),
        Constraint::Length(plan_height),
        Constraint::Min(1),
    ])
    .areas(area);
    if plan_height > 0 {
        render_plans(frame, planned, plan_rows, state, t, theme);
    }
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

/// The plan's entries still to start, soonest first, under "Kế hoạch": date, unit, kind,
/// leader, rubric. Enter on one opens the new-visit form filled from it.
fn render_plans(
    frame: &mut Frame,
    area: Rect,
    rows: usize,
    state: &State,
    t: &dyn Texts,
    theme: Theme,
) {
    let plans = state.shown_plans();
    let selected = state.list.plan_selected;
    let offset = selected.map_or(0, |index| index / rows * rows);
    let page = &plans[offset.min(plans.len())..(offset + rows).min(plans.len())];
    let lines = page.iter().map(|entry| {
        let leader = entry
            .team
            .iter()
            .find(|member| member.role == crate::domain::visit::Role::TruongDoan)
            .map_or(String::new(), |member| format!(" · {}", member.name));
        Row::new([
            Cell::from(t.short_date(entry.date)),
            Cell::from(inert(&entry.unit.name)),
            Cell::from(format!(
                "{}{}",
                t.unit_kind(entry.unit.kind),
                inert(&leader)
            )),
            Cell::from(inert(&entry.rubric)),
        ])
    });
    let widths = [
        Constraint::Length(10),
        Constraint::Fill(3),
        Constraint::Fill(2),
        Constraint::Fill(2),
    ];
    let block = Block::bordered().title(Span::styled(
        format!(" {} ", t.plan_heading()),
        theme.title(),
    ));
    let widget = Table::new(lines, widths)
        .block(block)
        .row_highlight_style(theme.selected())
        .highlight_symbol("▶ ")
        .highlight_spacing(ratatui::widgets::HighlightSpacing::Always);
    let mut selection = TableState::default().with_selected(selected.map(|index| index - offset));
    frame.render_stateful_widget(widget, area, &mut selection);
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
        .highlight_symbol("▶ ")
        // The columns stay put while the cursor is on the plan above.
        .highlight_spacing(ratatui::widgets::HighlightSpacing::Always);
    let on_visits = state.list.plan_selected.is_none();
    let mut selection =
        TableState::default().with_selected(on_visits.then(|| state.list.selected - offset));
    frame.render_stateful_widget(table_widget, table, &mut selection);
}
