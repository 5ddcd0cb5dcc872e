//! Drawing: `render(frame, &State)` lays out the current screen, the status line, the footer
//! hints (from the keymap table) and any overlay. Views only borrow the state.

mod action_form;
mod form;
mod list;
mod minutes;
mod overlay;
mod scoring;
mod summary;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::keymap::{self, Key};
use super::state::{Message, Screen, State};
use crate::strings::{Texts, Ui, inert, texts};

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
    let [body, warning_area, status, footer] = Layout::vertical([
        Constraint::Min(3),
        Constraint::Length(warning_height),
        Constraint::Length(1),
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
    }
    if matches!(state.screen, Screen::Scoring | Screen::Summary) {
        action_form::render(frame, state, t, theme);
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

fn render_status(frame: &mut Frame, area: Rect, state: &State, t: &dyn Texts, theme: Theme) {
    let line = match &state.message {
        Some(Message::Error(text)) => {
            Line::from(Span::styled(format!("✗ {}", inert(text)), theme.bad()))
        }
        Some(Message::Info(text)) => Line::from(Span::raw(format!("✓ {}", inert(text)))),
        None => match (&state.screen, &state.open) {
            (Screen::Scoring | Screen::Summary | Screen::Minutes, Some(open)) => {
                scoring::status_line(open, t, area.width)
            }
            _ => Line::default(),
        },
    };
    frame.render_widget(Paragraph::new(line), area);
}

/// How a key is written in hints and help.
pub fn key_label(key: Key, t: &dyn Texts) -> String {
    use crossterm::event::KeyCode;
    match key {
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

/// The footer: the current context's bindings marked for it, as `key desc` pairs.
fn render_footer(frame: &mut Frame, area: Rect, state: &State, t: &dyn Texts, theme: Theme) {
    let mut spans = Vec::new();
    let mut hints: Vec<_> = keymap::grouped(keymap::context(state))
        .into_iter()
        .filter(|(_, _, footer)| *footer)
        .collect();
    // Help first, so it is never the hint cut off by a narrow terminal.
    hints.sort_by_key(|(_, help, _)| *help != keymap::Help::Help);
    for (keys, help, _) in hints {
        if !spans.is_empty() {
            spans.push(Span::styled(" · ", theme.dim()));
        }
        let keys: Vec<String> = keys.iter().take(2).map(|k| key_label(*k, t)).collect();
        spans.push(Span::styled(keys.join("/"), theme.key()));
        spans.push(Span::raw(format!(" {}", t.key_help(help))));
    }
    frame.render_widget(
        Paragraph::new(Line::from(spans)).wrap(Wrap { trim: true }),
        area,
    );
}
