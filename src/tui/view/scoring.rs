//! The scoring screen: sections and items on the left, the current item on the right, and
//! the status line "Tiêu chuẩn 2/3 · tiêu chí 17/41 · 41% · điểm 62.5/100 (tạm tính)".

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, List, ListItem, ListState, Paragraph, Wrap};

use super::{EVIDENCE_MARK, Theme};
use crate::domain::answer::Answer;
use crate::domain::rubric::{Item, ItemKind, Lang};
use crate::strings::{Texts, Ui, clip, inert, num};
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
            // Evidence goes after the id ("1.9 ◫2"): a row without any keeps its columns.
            let evidence = open.state.visit.evidence_of(&item.id).count();
            let id = if evidence == 0 {
                item.id.clone()
            } else {
                format!("{} {EVIDENCE_MARK}{evidence}", item.id)
            };
            let line = Line::from(vec![
                mark(open, item, theme),
                Span::raw(" "),
                Span::styled(note, note_style),
                Span::raw(format!("{id:<5} ")),
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
        // The keys of `entry::level_keys`: the points where they fit one key, else a rank
        // where a higher key is never worse.
        ItemKind::Levels => crate::tui::entry::level_keys(item)
            .into_iter()
            .filter_map(|(key, index)| {
                let level = item.levels.get(index)?;
                Some(format!(
                    "{key} {} ({})",
                    inert(level.label_in(lang)),
                    num(level.points)
                ))
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
    // What the inspector acts on: the keys, the answer, last time's, the actions, the note.
    // It keeps its room on a small terminal; the item's text above gives way (cut, with a
    // mark) instead.
    let editing = open.note.is_some();
    let below = acting_lines(state, open, item, t, theme);
    let above = Paragraph::new(lines).wrap(Wrap { trim: false });
    let below = Paragraph::new(below).wrap(Wrap { trim: false });
    let evidence =
        Paragraph::new(evidence_lines(open, &item.id, t, theme)).wrap(Wrap { trim: false });
    let height = |p: &Paragraph| u16::try_from(p.line_count(inner.width)).unwrap_or(u16::MAX);
    let (above_height, below_height) = (height(&above), height(&below));
    // The note editor, when open, takes what the text and the answer leave (at least 3 rows).
    let editor_height = if editing { 3 } else { 0 };
    // The item's text keeps at least its first line.
    let room = inner.height.saturating_sub(editor_height);
    let below_height = below_height.min(room.saturating_sub(1));
    let left = room.saturating_sub(below_height);
    // The evidence whole where the text leaves room for it; else in one line, which the
    // text gives up while it keeps a line of its own.
    let evidence_height = height(&evidence);
    let (evidence, evidence_room) = if evidence_height == 0 {
        (evidence, 0)
    } else if above_height.saturating_add(evidence_height) <= left {
        (evidence, evidence_height)
    } else if left >= 2 {
        let summary = evidence_summary(open, &item.id, t, theme, inner.width);
        (Paragraph::new(summary), 1)
    } else {
        (evidence, 0)
    };
    let above_room = left.saturating_sub(evidence_room).min(above_height).max(1);
    let [top, bottom, evidence_area, editor_area] = Layout::vertical([
        Constraint::Length(above_room),
        Constraint::Length(below_height),
        Constraint::Length(evidence_room),
        Constraint::Min(editor_height),
    ])
    .areas(inner);
    // PgDn/PgUp scroll a text that does not fit, at most to its last row.
    let scroll = match open.text_scroll {
        (cursor, rows) if cursor == open.cursor => {
            rows.min(above_height.saturating_sub(top.height))
        }
        _ => 0,
    };
    frame.render_widget(above.scroll((scroll, 0)), top);
    if above_height > top.height + scroll && top.height > 0 {
        // Cut: say so on its last row rather than end mid-sentence without a sign.
        let last = Rect {
            y: top.y + top.height - 1,
            height: 1,
            ..top
        };
        frame.render_widget(ratatui::widgets::Clear, last);
        frame.render_widget(
            Paragraph::new(Span::styled(
                format!("… {}", t.ui(Ui::TextCut)),
                theme.dim(),
            )),
            last,
        );
    }
    frame.render_widget(below, bottom);
    frame.render_widget(evidence, evidence_area);
    if let Some(note) = &open.note {
        let saved = note_status(state, note.dirty, t);
        let mut editor = note.editor.clone();
        editor.set_block(Block::bordered().title(format!(" {} · {saved} ", t.ui(Ui::NoteEditing))));
        editor.set_cursor_line_style(Style::new());
        frame.render_widget(&editor, editor_area);
    }
}

/// What the inspector acts on: the keys, the answer (and what is being typed), last time's
/// answer, the item's corrective actions, and the note unless its editor is open.
fn acting_lines(
    state: &State,
    open: &OpenVisit,
    item: &Item,
    t: &dyn Texts,
    theme: Theme,
) -> Vec<Line<'static>> {
    let lang = state.lang;
    let mut below = vec![Line::from(vec![
        Span::styled(format!("{}: ", t.ui(Ui::Keys)), theme.dim()),
        Span::styled(answer_keys(item, lang, t), theme.key()),
    ])];
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
    below.push(Line::from(answer_line));
    below.extend(previous_line(open, &item.id, t, theme));
    below.extend(action_lines(open, &item.id, t, theme));
    let note_title = format!("{}: ", t.ui(Ui::Note));
    if open.note.is_none() {
        let note = open.state.note(&item.id);
        let text = if note.is_empty() {
            t.ui(Ui::NoNote).to_owned()
        } else {
            inert(note)
        };
        below.push(Line::from(Span::styled(note_title, theme.dim())));
        below.extend(text.lines().map(|line| Line::from(line.to_owned())));
    }
    below
}

/// "Minh chứng (2): hom-thu.jpg, so-mo.pdf", in one line of `width` (a small terminal).
fn evidence_summary(
    open: &OpenVisit,
    item: &str,
    t: &dyn Texts,
    theme: Theme,
    width: u16,
) -> Line<'static> {
    let files: Vec<_> = open.state.visit.evidence_of(item).collect();
    let names: Vec<&str> = files.iter().map(|file| file.added.name.as_str()).collect();
    let missing = files
        .iter()
        .any(|file| open.missing_files.contains(&file.added.sha256));
    let heading = format!("{} ({}): ", t.ui(Ui::Evidence), files.len());
    let mark = if missing { " ⚠" } else { "" };
    let room = usize::from(width)
        .saturating_sub(unicode_width::UnicodeWidthStr::width(heading.as_str()))
        .saturating_sub(unicode_width::UnicodeWidthStr::width(mark));
    let names = super::fit_width(&inert(&names.join(", ")), room);
    Line::from(vec![
        Span::styled(heading, theme.dim()),
        Span::raw(names.trim_end().to_owned()),
        Span::styled(mark, theme.bad()),
    ])
}

/// The most attachments the item pane lists; `onsite attachments` lists them all.
const EVIDENCE_SHOWN: usize = 4;

/// "Minh chứng (2):", then each file: name, size, caption, and a mark when the file is not
/// on this laptop. Below the note, in what the criterion's text leaves: on a small terminal
/// it gives way first (the list's `◫2` still counts the files).
fn evidence_lines(open: &OpenVisit, item: &str, t: &dyn Texts, theme: Theme) -> Vec<Line<'static>> {
    let files: Vec<_> = open.state.visit.evidence_of(item).collect();
    if files.is_empty() {
        return Vec::new();
    }
    let heading = format!("{} ({}):", t.ui(Ui::Evidence), files.len());
    let mut lines = vec![Line::from(Span::styled(heading, theme.dim()))];
    for file in files.iter().take(EVIDENCE_SHOWN) {
        let added = &file.added;
        let mut text = format!(
            "{EVIDENCE_MARK} {} · {}",
            clip(&added.name, 48),
            crate::strings::size(added.bytes)
        );
        if !added.caption.is_empty() {
            text += &format!(" — {}", clip(&added.caption, 80));
        }
        let mut spans = vec![Span::raw(inert(&text))];
        if open.missing_files.contains(&added.sha256) {
            spans.push(Span::styled(
                format!(" ⚠ {}", t.evidence_missing_mark()),
                theme.bad(),
            ));
        }
        lines.push(Line::from(spans));
    }
    if files.len() > EVIDENCE_SHOWN {
        let more = t.evidence_more(files.len() - EVIDENCE_SHOWN);
        lines.push(Line::from(Span::styled(more, theme.dim())));
    }
    lines
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
        format!("{position} · {score}"),
    ];
    // Just after an answer, what was recorded with its points ("1.3 → Dưới 60% (0 điểm)")
    // goes at the end: it outranks the percentage and the words, never the score.
    let echo = answer_echo(open, t).map(|echo| format!(" · {echo}"));
    let fits = |line: &str| line.chars().count() <= usize::from(width);
    for echo in [echo.as_deref(), None].into_iter().flatten().chain([""]) {
        if let Some(line) = candidates
            .iter()
            .map(|line| format!("{line}{search}{echo}"))
            .find(|line| fits(line))
        {
            return Line::from(line);
        }
    }
    Line::from(format!("{}{search}", candidates[3]))
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

/// "1.3 → Dưới 60% (0 điểm)": the answer just recorded, while no other key was pressed.
fn answer_echo(open: &OpenVisit, t: &dyn Texts) -> Option<String> {
    let item_id = open.echo.as_deref()?;
    let answer = open.state.answer(item_id)?;
    let item = open.rubric.item(item_id)?;
    let words = t.answer(Some(answer), &open.rubric, item_id);
    let points = item.points_for(answer).map(num);
    Some(t.answer_echo(item_id, &words, points.as_deref()))
}
