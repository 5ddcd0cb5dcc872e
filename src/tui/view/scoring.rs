//! The scoring screen: sections and items on the left, the current item on the right, and
//! the status line "Tiêu chuẩn 2/3 · tiêu chí 17/41 · 41% · điểm 62.5/100 (tạm tính)".

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, List, ListItem, ListState, Paragraph, Wrap};

use super::Theme;
use crate::domain::answer::Answer;
use crate::domain::rubric::{Item, ItemKind, Lang};
use crate::strings::{Texts, Ui, inert, num};
use crate::tui::state::{OpenVisit, State};

pub fn render(frame: &mut Frame, area: Rect, state: &State, t: &dyn Texts, theme: Theme) {
    let Some(open) = &state.open else { return };
    let left_width = (area.width * 2 / 5).clamp(28.min(area.width), 56);
    let [left, right] =
        Layout::horizontal([Constraint::Length(left_width), Constraint::Min(20)]).areas(area);
    render_items(frame, left, state, open, theme);
    render_item(frame, right, state, open, t, theme);
}

/// A short mark for an item's answer: `·` unanswered, the points, ✓/✗, `n/a`; a failed
/// critical item gets `✗!` so it stands out without colour.
fn mark(open: &OpenVisit, item: &Item, theme: Theme) -> Span<'static> {
    let answer = open.state.answer(&item.id);
    let failed_critical = open.card.failed_critical.contains(&item.id);
    let (text, style) = match answer {
        None => ("·".to_owned(), theme.dim()),
        Some(Answer::NotApplicable) => ("n/a".to_owned(), theme.dim()),
        Some(Answer::Pass) => ("✓".to_owned(), theme.good()),
        Some(Answer::Fail) if failed_critical => ("✗!".to_owned(), theme.bad()),
        Some(Answer::Fail) => ("✗".to_owned(), theme.bad()),
        Some(answer) => {
            let points = item.points_for(answer).map_or_else(String::new, num);
            let style = if failed_critical {
                theme.bad()
            } else {
                Style::new()
            };
            (
                if failed_critical {
                    format!("{points}!")
                } else {
                    points
                },
                style,
            )
        }
    };
    // A follow-up: fewer points than last time.
    if open.got_worse(&item.id) {
        return Span::styled(format!("{:>4}", format!("{text}↓")), theme.bad());
    }
    Span::styled(format!("{text:>4}"), style)
}

fn render_items(frame: &mut Frame, area: Rect, state: &State, open: &OpenVisit, theme: Theme) {
    let lang = state.lang;
    let mut rows = Vec::new();
    let mut selected = 0;
    let mut index = 0;
    for (section, score) in open.rubric.sections.iter().zip(&open.card.sections) {
        // The score first: a long title is cut at the panel's edge, the score never is.
        let header = format!(
            "{} {}/{} {}",
            section.id,
            num(score.earned),
            num(score.nominal_max),
            inert(section.title_in(lang))
        );
        rows.push(ListItem::new(Line::from(Span::styled(
            header,
            theme.title(),
        ))));
        for item in &section.items {
            if index == open.cursor {
                selected = rows.len();
            }
            // A change the store has not taken yet outranks the note mark.
            let (note, note_style) = if state.item_unsaved(&item.id) {
                ("⚠", theme.bad())
            } else if open.has_open_action(&item.id) {
                ("⚑", theme.bad())
            } else if open.state.note(&item.id).is_empty() {
                (" ", Style::new())
            } else {
                ("✎", Style::new())
            };
            let line = Line::from(vec![
                mark(open, item, theme),
                Span::raw(" "),
                Span::styled(note, note_style),
                Span::raw(format!("{:<5} ", item.id)),
                Span::raw(inert(item.text_in(lang))),
            ]);
            rows.push(ListItem::new(line));
            index += 1;
        }
    }
    let list = List::new(rows)
        .block(Block::bordered())
        .highlight_style(theme.selected())
        .highlight_symbol("▶");
    let mut list_state = ListState::default().with_selected(Some(selected));
    frame.render_stateful_widget(list, area, &mut list_state);
}

/// The allowed answers and their keys, e.g. `1 đạt · 0 không đạt · x không áp dụng`.
fn answer_keys(item: &Item, lang: Lang, t: &dyn Texts) -> String {
    let mut keys = match item.kind {
        ItemKind::Points => {
            let step = if item.step() == rust_decimal::Decimal::ONE {
                String::new()
            } else {
                format!(" ({} {})", t.ui(Ui::Step), num(item.step()))
            };
            format!(
                "0–{}{step}: {}",
                num(item.max_points()),
                t.ui(Ui::TypeScore)
            )
        }
        ItemKind::Check => format!("1 {} · 0 {}", t.ui(Ui::Pass), t.ui(Ui::Fail)),
        ItemKind::Levels => item
            .levels
            .iter()
            .enumerate()
            .map(|(i, level)| {
                format!(
                    "{} {} ({})",
                    i + 1,
                    inert(level.label_in(lang)),
                    num(level.points)
                )
            })
            .collect::<Vec<_>>()
            .join(" · "),
    };
    if item.na {
        keys += &format!(" · x {}", t.ui(Ui::NotApplicable));
    }
    keys
}

fn render_item(
    frame: &mut Frame,
    area: Rect,
    state: &State,
    open: &OpenVisit,
    t: &dyn Texts,
    theme: Theme,
) {
    let lang = state.lang;
    let Some(item) = open.item() else { return };
    let mut title = format!(" {} ", item.id);
    if open.is_read_only() {
        title += &format!("· {} ", t.ui(Ui::ReadOnly));
    }
    let block = Block::bordered().title(Span::styled(title, theme.title()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let mut lines = vec![Line::from(Span::styled(
        inert(item.text_in(lang)),
        theme.title(),
    ))];
    if item.critical {
        lines.push(Line::from(Span::styled(
            format!("⚠ {}", t.ui(Ui::Critical)),
            theme.bad(),
        )));
    }
    if let Some(guide) = item.guide_in(lang) {
        lines.push(Line::from(vec![
            Span::styled(format!("{}: ", t.ui(Ui::Guide)), theme.dim()),
            Span::raw(inert(guide)),
        ]));
    }
    if let Some(basis) = item.basis_in(lang) {
        lines.push(Line::from(vec![
            Span::styled(format!("{}: ", t.ui(Ui::Basis)), theme.dim()),
            Span::raw(inert(basis)),
        ]));
    }
    lines.push(Line::default());
    lines.push(Line::from(vec![
        Span::styled(format!("{}: ", t.ui(Ui::Keys)), theme.dim()),
        Span::styled(answer_keys(item, lang, t), theme.key()),
    ]));
    let answer = t.answer(open.state.answer(&item.id), &open.rubric, &item.id);
    let mut answer_line = vec![
        Span::styled(format!("{}: ", t.ui(Ui::Answer)), theme.dim()),
        Span::styled(answer, theme.title()),
    ];
    if state.answer_unsaved(&item.id) {
        answer_line.push(Span::styled(
            format!(" ⚠ {}", t.ui(Ui::NotSaved)),
            theme.bad(),
        ));
    }
    if !open.typed.is_empty() {
        answer_line.push(Span::styled(
            format!("   {}: {}▏", t.ui(Ui::Typing), open.typed),
            theme.key(),
        ));
    }
    lines.push(Line::from(answer_line));
    lines.extend(previous_line(open, &item.id, t, theme));
    lines.extend(action_lines(open, &item.id, t, theme));
    let note_title = format!("{}: ", t.ui(Ui::Note));
    let editing = open.note.is_some();
    if !editing {
        let note = open.state.note(&item.id);
        let text = if note.is_empty() {
            t.ui(Ui::NoNote).to_owned()
        } else {
            inert(note)
        };
        lines.push(Line::from(Span::styled(note_title, theme.dim())));
        lines.extend(text.lines().map(|line| Line::from(line.to_owned())));
    }
    let paragraph = Paragraph::new(lines).wrap(Wrap { trim: false });
    let text_height = u16::try_from(paragraph.line_count(inner.width)).unwrap_or(u16::MAX);
    if let Some(note) = &open.note {
        let [top, editor_area] = Layout::vertical([
            Constraint::Length(text_height.min(inner.height / 2)),
            Constraint::Min(3),
        ])
        .areas(inner);
        frame.render_widget(paragraph, top);
        let saved = note_status(state, note.dirty, t);
        let mut editor = note.editor.clone();
        editor.set_block(Block::bordered().title(format!(" {} · {saved} ", t.ui(Ui::NoteEditing))));
        editor.set_cursor_line_style(Style::new());
        frame.render_widget(&editor, editor_area);
    } else {
        frame.render_widget(paragraph, inner);
    }
}

/// The note editor's title: saved, waiting for its save, or refused by the store.
pub fn note_status(state: &State, dirty: bool, t: &dyn Texts) -> &'static str {
    if state.note_unsaved() {
        t.ui(Ui::NotSaved)
    } else if dirty {
        t.ui(Ui::Unsaved)
    } else {
        t.ui(Ui::Saved)
    }
}

/// "Tiêu chuẩn 2/3 · tiêu chí 17/41 · 41% · điểm 62.5/100 (tạm tính)". Where that is wider
/// than `width`, the percentage goes first, then the word "tiêu chí": the score and whether
/// it is provisional are never cut.
pub fn status_line(open: &OpenVisit, t: &dyn Texts, width: u16) -> Line<'static> {
    let section = open.section().map_or(0, |(index, _)| index + 1);
    let card = &open.card;
    let percent = (card.answered * 100)
        .checked_div(card.item_count)
        .unwrap_or(0);
    let sections = format!(
        "{} {section}/{}",
        t.ui(Ui::Section),
        open.rubric.sections.len()
    );
    let position = format!("{}/{}", open.cursor + 1, card.item_count);
    let mut score = format!(
        "{} {}/{}",
        t.ui(Ui::ScoreWord),
        num(card.score_rounded()),
        num(card.nominal_total),
    );
    if card.is_provisional() {
        score += &format!(" ({})", t.ui(Ui::Provisional));
    } else {
        score += &format!(" · {}", t.verdict(card.verdict));
    }
    let search = if open.search.typing || !open.search.query.is_empty() {
        format!(" · /{}", inert(&open.search.query))
    } else {
        String::new()
    };
    let item = format!("{} {position}", t.ui(Ui::ItemWord));
    let candidates = [
        format!("{sections} · {item} · {percent}% · {score}"),
        format!("{sections} · {item} · {score}"),
        format!("{sections} · {position} · {score}"),
    ];
    let fits = |line: &String| line.chars().count() + search.chars().count() <= usize::from(width);
    let line = candidates
        .iter()
        .find(|line| fits(line))
        .unwrap_or(&candidates[2]);
    Line::from(format!("{line}{search}"))
}

/// A follow-up: what the visit checked again said on this criterion ("Lần trước
/// (12/03/2025): 6/10 — Chưa niêm yết thủ tục"); nothing when that version had no such item.
fn previous_line(
    open: &OpenVisit,
    item: &str,
    t: &dyn Texts,
    theme: Theme,
) -> Option<Line<'static>> {
    let previous = open.previous.as_ref()?;
    previous.rubric.item(item)?;
    let date = previous.state.visit.date;
    let date = t.report_short_date(date.year(), date.month(), date.day());
    let answer = t.answer(previous.state.answer(item), &previous.rubric, item);
    let note = previous
        .state
        .note(item)
        .lines()
        .next()
        .unwrap_or("")
        .to_owned();
    let style = if open.got_worse(item) {
        theme.bad()
    } else {
        theme.dim()
    };
    Some(Line::from(Span::styled(
        inert(&t.previous_answer(&date, &answer, &note)),
        style,
    )))
}

/// The corrective actions about this criterion still open (here or from the visit checked
/// again).
fn action_lines(open: &OpenVisit, item: &str, t: &dyn Texts, theme: Theme) -> Vec<Line<'static>> {
    let own = open.state.visit.actions.iter();
    let earlier = open
        .previous
        .iter()
        .flat_map(|previous| previous.state.visit.actions.iter());
    own.chain(earlier)
        .filter(|action| {
            action.status == crate::domain::action::ActionStatus::Open
                && action.added.item.as_deref() == Some(item)
        })
        .map(|action| {
            let mut text = format!("⚑ {}: {}", t.ui(Ui::ActionsHeading), action.added.text);
            if !action.added.owner.is_empty() {
                text += &format!(" · {}", action.added.owner);
            }
            if let Some(due) = action.added.due {
                text += &format!(
                    " · {}",
                    t.report_short_date(due.year(), due.month(), due.day())
                );
            }
            Line::from(Span::styled(inert(&text), theme.bad()))
        })
        .collect()
}
