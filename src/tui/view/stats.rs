//! The summary of one rubric's finalized visits: the figures `onsite stats` prints, with
//! each standard's mean share as a bar, scrolled with ↑↓ and PgDn/PgUp.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::Theme;
use crate::domain::scoring::Verdict;
use crate::domain::stats::Stats;
use crate::strings::{Texts, inert, num};
use crate::tui::state::StatsView;

/// How many cells a standard's bar takes.
const BAR: usize = 20;

pub fn render(frame: &mut Frame, area: Rect, view: &StatsView, t: &dyn Texts, theme: Theme) {
    let lines = lines(&view.stats, t, theme);
    let block = Block::bordered().title(Span::styled(
        format!(" {} ", inert(&view.stats.title)),
        theme.title(),
    ));
    let room = usize::from(block.inner(area).height);
    let most = lines.len().saturating_sub(room);
    let scroll = usize::from(view.scroll).min(most);
    let paragraph = Paragraph::new(lines)
        .block(block)
        .scroll((u16::try_from(scroll).unwrap_or(u16::MAX), 0));
    frame.render_widget(paragraph, area);
}

fn bar(percent: Option<Decimal>) -> String {
    let filled = percent
        .map(|p| {
            (p.clamp(Decimal::ZERO, Decimal::ONE_HUNDRED) * Decimal::from(BAR))
                / Decimal::ONE_HUNDRED
        })
        .and_then(|cells| cells.round().to_usize())
        .unwrap_or(0);
    format!("{}{}", "█".repeat(filled), "░".repeat(BAR - filled))
}

fn percent(value: Option<Decimal>) -> String {
    value.map_or_else(|| "—".to_owned(), |p| format!("{}%", num(p)))
}

/// Every line of the screen; as many as `update::stats::lines` counts.
fn lines(stats: &Stats, t: &dyn Texts, theme: Theme) -> Vec<Line<'static>> {
    let mut lines = vec![
        Line::from(Span::styled(
            inert(&t.stats_heading(&stats.rubric_id, &stats.versions.join(", "))),
            theme.title(),
        )),
        Line::from(t.stats_counts(stats.total, stats.pass, stats.fail, stats.incomplete)),
    ];
    lines.push(Line::from(stats.score.map_or_else(String::new, |s| {
        t.stats_scores(&num(s.mean), &num(s.median), &num(s.min), &num(s.max))
    })));
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(t.stats_sections(), theme.title())));
    for section in &stats.sections {
        lines.push(Line::from(vec![
            Span::raw(format!("  {:<4} ", inert(&section.id))),
            Span::styled(bar(section.mean_percent), theme.good()),
            Span::raw(format!(
                " {:>6}  {}",
                percent(section.mean_percent),
                inert(&section.title)
            )),
        ]));
    }
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(t.stats_weakest(), theme.title())));
    for id in &stats.weakest {
        let Some(item) = stats.items.iter().find(|i| i.id == *id) else {
            lines.push(Line::default());
            continue;
        };
        lines.push(Line::from(format!(
            "  {:<6} {:>6}  {}",
            inert(&item.id),
            percent(item.mean_percent),
            inert(&item.text)
        )));
    }
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(t.stats_units(), theme.title())));
    for unit in &stats.units {
        let verdict = t.verdict(unit.verdict);
        let style = if unit.verdict == Verdict::Fail {
            theme.bad()
        } else {
            ratatui::style::Style::new()
        };
        // The failed mandatory criteria before the name, so a narrow terminal keeps them.
        let failed = if unit.failed_mandatory.is_empty() {
            String::new()
        } else {
            format!(" ✗ {}", inert(&unit.failed_mandatory.join(", ")))
        };
        lines.push(Line::from(vec![
            Span::raw(format!(
                "  {}  {:>5}  ",
                t.short_date(unit.date),
                num(unit.score)
            )),
            Span::styled(format!("{:<10}", format!("{verdict}{failed}")), style),
            Span::raw(format!("  {}", inert(&unit.unit))),
        ]));
    }
    lines
}
