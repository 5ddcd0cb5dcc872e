//! The summary screen: a gauge per section, total, band, verdict with every reason, failed
//! critical items, then the four findings and the unanswered items as selectable rows.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, LineGauge, List, ListItem, ListState, Paragraph, Wrap};

use super::Theme;
use crate::domain::action::ActionStatus;
use crate::domain::history::Request;
use crate::domain::rubric::Lang;
use crate::domain::scoring::{Verdict, round1};
use crate::domain::visit::FindingField;
use crate::strings::{Texts, Ui, clip, inert, num};
use crate::tui::state::{OpenVisit, State, SummaryRow};

pub fn render(frame: &mut Frame, area: Rect, state: &State, t: &dyn Texts, theme: Theme) {
    let Some(open) = &state.open else { return };
    let lang = state.lang;
    let card = &open.card;
    let title = format!(
        " {} · {} ",
        t.ui(Ui::SummaryTitle),
        inert(&open.state.visit.unit.name)
    );
    let block = Block::bordered().title(Span::styled(title, theme.title()));
    let inner = block.inner(area);
    frame.render_widget(block, area);

    let sections = u16::try_from(open.rubric.sections.len()).unwrap_or(u16::MAX);
    let reasons = u16::try_from(card.reasons.len() + usize::from(open.previous.is_some()))
        .unwrap_or(u16::MAX);
    let [gauges, verdict, rows] = Layout::vertical([
        Constraint::Length(sections),
        Constraint::Length(reasons.saturating_add(1).min(6)),
        Constraint::Min(3),
    ])
    .areas(inner);
    render_gauges(frame, gauges, open, lang, t, theme);
    frame.render_widget(
        Paragraph::new(verdict_lines(open, lang, t, theme)).wrap(Wrap { trim: false }),
        verdict,
    );
    render_rows(frame, rows, state, open, t, theme);
}

fn render_gauges(
    frame: &mut Frame,
    gauges: Rect,
    open: &OpenVisit,
    lang: Lang,
    t: &dyn Texts,
    theme: Theme,
) {
    let card = &open.card;
    let sections = open.rubric.sections.len();
    let gauge_rows = Layout::vertical(vec![Constraint::Length(1); sections]).split(gauges);
    for ((section, score), row) in open
        .rubric
        .sections
        .iter()
        .zip(&card.sections)
        .zip(gauge_rows.iter())
    {
        let ratio = score.percent.map_or(0.0, |p| {
            f64::try_from(p / rust_decimal::Decimal::ONE_HUNDRED).unwrap_or(0.0)
        });
        let percent = score
            .percent
            .map_or_else(|| "—".to_owned(), |p| format!("{}%", num(round1(p))));
        let mut label = format!(
            "{} {} {}/{} {percent}",
            section.id,
            clip(&inert(section.title_in(lang)), 28),
            num(score.earned),
            num(score.applicable_max)
        );
        // A follow-up: the points earned then → now, standards matched by id.
        if let Some(then) = open.previous.as_ref().and_then(|previous| {
            let index = previous
                .rubric
                .sections
                .iter()
                .position(|s| s.id == section.id)?;
            previous.card.sections.get(index)
        }) {
            label += &format!(" ({})", t.then_now(&num(then.earned), &num(score.earned)));
        }
        let gauge = LineGauge::default()
            .label(label)
            .ratio(ratio.clamp(0.0, 1.0))
            .filled_style(theme.good())
            .filled_symbol("█")
            .unfilled_symbol("░");
        frame.render_widget(gauge, *row);
    }
}

fn verdict_lines(open: &OpenVisit, lang: Lang, t: &dyn Texts, theme: Theme) -> Vec<Line<'static>> {
    let card = &open.card;
    let verdict_style = match card.verdict {
        Verdict::Pass => theme.good(),
        Verdict::Fail => theme.bad(),
        Verdict::Incomplete => theme.dim(),
    };
    let band = card
        .band
        .and_then(|b| open.rubric.bands.get(b))
        // A provisional band would read like a verdict ("Không đạt"); show it once final.
        .filter(|_| !card.is_provisional())
        .map(|band| format!(" · {}", band.label_in(lang)))
        .unwrap_or_default();
    let provisional = if card.is_provisional() {
        format!(" ({})", t.ui(Ui::Provisional))
    } else {
        String::new()
    };
    let mut lines = vec![Line::from(vec![
        Span::styled(
            format!(
                "{} {}/{}{provisional}{band} · ",
                t.ui(Ui::ScoreWord),
                num(card.score_rounded()),
                num(card.nominal_total)
            ),
            theme.title(),
        ),
        Span::styled(t.verdict(card.verdict).to_uppercase(), verdict_style),
    ])];
    if let Some(previous) = &open.previous {
        let date = previous.state.visit.date;
        let date = t.report_short_date(date.year(), date.month(), date.day());
        let change = card.score_rounded() - previous.card.score_rounded();
        let sign = if change.is_zero() {
            ""
        } else if change.is_sign_positive() {
            "+"
        } else {
            "−"
        };
        lines.push(Line::from(Span::styled(
            format!(
                "  {}: {} ({sign}{})",
                t.follow_up_of(&date),
                t.then_now(
                    &num(previous.card.score_rounded()),
                    &num(card.score_rounded())
                ),
                num(change.abs())
            ),
            theme.dim(),
        )));
    }
    for reason in &card.reasons {
        lines.push(Line::from(format!("  – {}", t.reason(reason))));
    }
    lines
}

fn render_rows(
    frame: &mut Frame,
    rows: Rect,
    state: &State,
    open: &OpenVisit,
    t: &dyn Texts,
    theme: Theme,
) {
    let lang = state.lang;
    let mut items = Vec::new();
    for row in open.summary_rows() {
        items.push(match row {
            SummaryRow::Finding(field) => finding_row(state, open, field, t, theme),
            SummaryRow::Action { id, previous } => {
                let Some(action) = open.action(&id, previous) else {
                    continue;
                };
                action_row(action, previous, t, theme)
            }
            SummaryRow::Unanswered(id) => {
                let text = open.rubric.item(&id).map_or("", |item| item.text_in(lang));
                ListItem::new(format!("· {} {id}  {}", t.ui(Ui::Unanswered), inert(text)))
            }
        });
    }
    let selected = open.summary_row.min(items.len().saturating_sub(1));
    let list = List::new(items)
        .highlight_style(theme.selected())
        .highlight_symbol("▶ ");
    if let Some(note) = &open.note {
        let [list_area, editor_area] =
            Layout::vertical([Constraint::Min(1), Constraint::Length(6)]).areas(rows);
        frame.render_stateful_widget(
            list,
            list_area,
            &mut ListState::default().with_selected(Some(selected)),
        );
        let saved = super::scoring::note_status(state, note.dirty, t);
        let mut editor = note.editor.clone();
        let what = match &note.target {
            crate::tui::state::NoteTarget::Finding(field) => t.finding(*field),
            crate::tui::state::NoteTarget::Item(_) => t.ui(Ui::NoteEditing),
        };
        editor.set_block(Block::bordered().title(format!(" {what} · {saved} ")));
        frame.render_widget(&editor, editor_area);
    } else {
        frame.render_stateful_widget(
            list,
            rows,
            &mut ListState::default().with_selected(Some(selected)),
        );
    }
}

fn finding_row(
    state: &State,
    open: &OpenVisit,
    field: FindingField,
    t: &dyn Texts,
    theme: Theme,
) -> ListItem<'static> {
    let value = open.state.visit.findings.get(field);
    let shown = if value.is_empty() {
        "—".to_owned()
    } else {
        clip(&inert(value), 200)
    };
    let refused = state
        .unsaved_of(&open.state.visit.id)
        .any(|request| matches!(request, Request::Finding { field: f, .. } if *f == field));
    let (mark, style) = if refused {
        (format!("⚠ {} · ", t.ui(Ui::NotSaved)), theme.bad())
    } else {
        ("✎ ".to_owned(), theme.title())
    };
    ListItem::new(Line::from(vec![
        Span::styled(format!("{mark}{}: ", t.finding(field)), style),
        Span::raw(shown),
    ]))
}

/// "⚑ Yêu cầu khắc phục 1.3: Niêm yết thủ tục · Văn phòng · 31/12/2026 · đang mở".
fn action_row(
    action: &crate::domain::action::Action,
    previous: bool,
    t: &dyn Texts,
    theme: Theme,
) -> ListItem<'static> {
    let done = action.status == ActionStatus::Done;
    let (mark, style) = if done {
        ("✓", theme.good())
    } else {
        ("⚑", theme.bad())
    };
    let heading = if previous {
        t.ui(Ui::PreviousActionsHeading)
    } else {
        t.ui(Ui::ActionsHeading)
    };
    let item = action
        .added
        .item
        .as_ref()
        .map_or_else(String::new, |item| format!(" {item}"));
    let mut details = vec![clip(&inert(&action.added.text), 120)];
    if !action.added.owner.is_empty() {
        details.push(inert(&action.added.owner));
    }
    if let Some(due) = action.added.due {
        details.push(t.report_short_date(due.year(), due.month(), due.day()));
    }
    // The status before the text: a long text is cut at the edge, the status never is.
    ListItem::new(Line::from(vec![
        Span::styled(
            format!(
                "{mark} {heading}{item} ({}): ",
                t.action_status(action.status)
            ),
            style,
        ),
        Span::raw(details.join(" · ")),
    ]))
}
