//! Drawing: `render(frame, &State)` lays out the current screen, the status line, the footer
//! hints (from the keymap table) and any overlay. Views only borrow the state.

mod action_form;
mod form;
mod list;
mod minutes;
mod overlay;
mod picker;
mod scoring;
mod stats;
mod summary;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use super::keymap::{self, Key};
use super::state::{Message, Screen, State};
use crate::strings::{Texts, Ui, inert, texts};

/// Marks evidence: an item's count of attachments (`1.9 ◫2`), a file of the inbox attached
/// already (`◫1.3`). U+25EB is narrow in every width table (not East Asian "ambiguous", so
/// a CJK locale does not widen it), drawn by the usual terminal fonts, and unlike 📎 it is
/// not an emoji, which terminals draw two columns wide.
pub const EVIDENCE_MARK: &str = "◫";

/// Cuts `text` to `width` columns (ending in "…" when cut) and pads it to them.
fn fit_width(text: &str, width: usize) -> String {
    let mut kept = String::new();
    let mut used = 0;
    if text.width() <= width {
        kept.push_str(text);
        used = text.width();
    } else {
        for c in text.chars() {
            let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            if used + w + 1 > width {
                break;
            }
            kept.push(c);
            used += w;
        }
        if width > 0 {
            kept.push('…');
            used += 1;
        }
    }
    kept + &" ".repeat(width.saturating_sub(used))
}

/// Styles, plain when `NO_COLOR` is set. Meaning never rests on colour alone: every mark
/// also has a glyph or a word.
#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    pub fn from_env() -> Theme {
        Theme {
            color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        }
    }

    fn fg(self, color: Color) -> Style {
        if self.color {
            Style::new().fg(color)
        } else {
            Style::new()
        }
    }

    pub fn good(self) -> Style {
        self.fg(Color::Green)
    }

    pub fn bad(self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    pub fn dim(self) -> Style {
        if self.color {
            Style::new().add_modifier(Modifier::DIM)
        } else {
            Style::new()
        }
    }

    pub fn title(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn selected(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    pub fn key(self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }
}

pub fn render(frame: &mut Frame, state: &State, theme: Theme) {
    let t = texts(state.lang);
    let warning = unsaved_warning(state, t, theme);
    let warning_height = warning.as_ref().map_or(0, |paragraph| {
        let lines = paragraph.line_count(frame.area().width);
        u16::try_from(lines).unwrap_or(u16::MAX).min(4)
    });
    let status_height = status_lines(state, frame.area().width);
    let [body, warning_area, status, footer] = Layout::vertical([
        Constraint::Min(3),
        Constraint::Length(warning_height),
        Constraint::Length(status_height),
        Constraint::Length(1),
    ])
    .areas(frame.area());
    if let Some(paragraph) = warning {
        frame.render_widget(paragraph, warning_area);
    }
    match &state.screen {
        Screen::AskName(editor) => form::ask_name(frame, body, editor, t, theme),
        Screen::List => list::render(frame, body, state, t, theme),
        Screen::NewVisit(form) => form::render(frame, body, form, state, t, theme),
        Screen::Scoring => scoring::render(frame, body, state, t, theme),
        Screen::Summary => summary::render(frame, body, state, t, theme),
        Screen::Minutes => minutes::render(frame, body, state, t, theme),
        Screen::Stats(view) => stats::render(frame, body, view, t, theme),
    }
    if matches!(state.screen, Screen::Scoring | Screen::Summary) {
        action_form::render(frame, state, t, theme);
    }
    if matches!(state.screen, Screen::Scoring) {
        // Over the body only: the status line (Tab's names, errors) and the keys stay.
        picker::render(frame, body, state, t, theme);
    }
    render_status(frame, status, state, t, theme);
    render_footer(frame, footer, state, t, theme);
    overlay::render(frame, state, t, theme);
}

/// While the store refuses changes: how many are waiting, why, and what to do. Stays until
/// they are saved, whatever else the status line says.
fn unsaved_warning(state: &State, t: &dyn Texts, theme: Theme) -> Option<Paragraph<'static>> {
    if state.unsaved.is_empty() {
        return None;
    }
    let error = state.unsaved_error.as_deref().unwrap_or_default();
    let text = t.unsaved_warning(state.unsaved.len(), error);
    let line = Line::from(Span::styled(
        inert(&text),
        theme.bad().add_modifier(Modifier::REVERSED),
    ));
    Some(Paragraph::new(line).wrap(Wrap { trim: true }))
}

/// The most lines a message takes on the status line; longer ones end in "…".
const STATUS_LINES: u16 = 3;

/// A message as the status line shows it: "✗ …" or "✓ …".
fn message_line(message: &Message, theme: Theme) -> Line<'static> {
    match message {
        Message::Error(text) => Line::from(Span::styled(format!("✗ {}", inert(text)), theme.bad())),
        Message::Info(text) => Line::from(Span::raw(format!("✓ {}", inert(text)))),
    }
}

/// How many lines the status line needs: a message longer than the terminal is wide wraps
/// (up to [`STATUS_LINES`]) instead of running off the edge.
fn status_lines(state: &State, width: u16) -> u16 {
    let Some(message) = &state.message else {
        return 1;
    };
    let lines = Paragraph::new(message_line(message, Theme { color: false }))
        .wrap(Wrap { trim: true })
        .line_count(width);
    u16::try_from(lines)
        .unwrap_or(u16::MAX)
        .clamp(1, STATUS_LINES)
}

/// Cuts `line` to what fits in `lines` rows of `width`, ending in "…" when anything is cut.
fn fit(line: Line<'static>, width: u16, lines: u16) -> Line<'static> {
    let room = usize::from(width) * usize::from(lines);
    let text: String = line
        .spans
        .iter()
        .map(|span| span.content.as_ref())
        .collect();
    if Paragraph::new(text.clone())
        .wrap(Wrap { trim: true })
        .line_count(width)
        <= usize::from(lines)
    {
        return line;
    }
    // Wrapping breaks at words, so leave a line's worth of slack before the ellipsis.
    let mut kept = String::new();
    let mut used = 0;
    let budget = room.saturating_sub(usize::from(width) / 2 + 1);
    for c in text.chars() {
        used += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used > budget {
            break;
        }
        kept.push(c);
    }
    kept.push('…');
    let style = line
        .spans
        .first()
        .map(|span| span.style)
        .unwrap_or_default();
    Line::from(Span::styled(kept, style))
}

fn render_status(frame: &mut Frame, area: Rect, state: &State, t: &dyn Texts, theme: Theme) {
    let line = match &state.message {
        Some(message) => fit(message_line(message, theme), area.width, area.height),
        None => match (&state.screen, &state.open) {
            (Screen::Scoring | Screen::Summary | Screen::Minutes, Some(open)) => {
                scoring::status_line(open, t, area.width)
            }
            _ => Line::default(),
        },
    };
    frame.render_widget(Paragraph::new(line).wrap(Wrap { trim: true }), area);
}

/// How a key is written in hints and help.
pub fn key_label(key: Key, t: &dyn Texts) -> String {
    use crossterm::event::KeyCode;
    match key {
        Key::Char(' ') => t.ui(Ui::KeySpace).into(),
        Key::Char(c) => c.to_string(),
        Key::Ctrl(c) => format!("Ctrl-{c}"),
        Key::AltEnter => "Alt-Enter".into(),
        Key::Digits => "0–9".into(),
        Key::Text => t.ui(Ui::KeyText).into(),
        Key::Any => t.ui(Ui::KeyAny).into(),
        Key::Code(code) => match code {
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::Backspace => "Backspace".into(),
            KeyCode::Delete => "Del".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::F(n) => format!("F{n}"),
            other => format!("{other:?}"),
        },
    }
}

/// Where a hint goes in the footer: help first, then what saves or leaves (`s`, `Esc/q`),
/// then the rest in the keymap's order; a narrow terminal cuts from the end, so those
/// three are never the hints cut off (`?` lists every key).
fn footer_rank(help: keymap::Help) -> u8 {
    use keymap::Help as H;
    match help {
        H::Help => 0,
        H::Summary | H::Save | H::Create | H::SaveName | H::Done | H::Yes | H::AttachChosen => 1,
        H::Back | H::Quit | H::Cancel | H::No => 2,
        _ => 3,
    }
}

/// Keys that change a visit's answers, notes or findings: a finalized visit's footer leaves
/// them out (they would only say it is finalized). Notes and findings still open, to read.
fn changes_the_visit(help: keymap::Help) -> bool {
    use keymap::Help as H;
    matches!(
        help,
        H::Answer | H::Na | H::Clear | H::Undo | H::Redo | H::Finalize
    )
}

/// The footer: the current context's bindings marked for it, as `key desc` pairs, as many
/// whole pairs as fit on the line.
fn render_footer(frame: &mut Frame, area: Rect, state: &State, t: &dyn Texts, theme: Theme) {
    let mut spans = Vec::new();
    let read_only = state
        .open
        .as_ref()
        .is_some_and(super::state::OpenVisit::is_read_only);
    let mut hints: Vec<_> = keymap::grouped(keymap::context(state))
        .into_iter()
        .filter(|(_, _, footer)| *footer)
        .filter(|(_, help, _)| !(read_only && changes_the_visit(*help)))
        .collect();
    hints.sort_by_key(|(_, help, _)| footer_rank(*help));
    let mut used = 0;
    for (keys, help, _) in hints {
        let keys: Vec<String> = keys.iter().take(2).map(|k| key_label(*k, t)).collect();
        let keys = keys.join("/");
        let words = format!(" {}", t.key_help(help));
        let gap = if spans.is_empty() { 0 } else { 3 };
        let width = gap + keys.width() + words.width();
        if used + width > usize::from(area.width) && !spans.is_empty() {
            break;
        }
        used += width;
        if gap > 0 {
            spans.push(Span::styled(" · ", theme.dim()));
        }
        spans.push(Span::styled(keys, theme.key()));
        spans.push(Span::raw(words));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
