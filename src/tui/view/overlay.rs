//! Boxes drawn over the screen: help (from the keymap table), confirmations, the rubric's
//! notice.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::{Theme, key_label};
use crate::strings::{Texts, Ui, inert};
use crate::tui::keymap::{self, Key};
use crate::tui::state::{NoteTarget, Overlay, State};

pub(super) fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let [row] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [cell] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(Flex::Center)
        .areas(row);
    cell
}

pub fn render(frame: &mut Frame, state: &State, t: &dyn Texts, theme: Theme) {
    let Some(overlay) = &state.overlay else {
        return;
    };
    let area = frame.area();
    let (title, lines, width) = match overlay {
        Overlay::Help => (
            t.ui(Ui::HelpTitle).to_owned(),
            help_lines(state, t, theme),
            72,
        ),
        Overlay::Confirm(confirm) => {
            let mut lines: Vec<Line> = inert(&t.confirm(confirm))
                .lines()
                .map(|line| Line::from(line.to_owned()))
                .collect();
            lines.push(Line::default());
            lines.push(Line::from(Span::styled(t.ui(Ui::YesNo), theme.key())));
            (t.ui(Ui::ConfirmTitle).to_owned(), lines, 60)
        }
        Overlay::Reading(target) => {
            let Some(open) = &state.open else { return };
            let (title, text) = match target {
                NoteTarget::Item(item) => (
                    format!("{} {item}", t.ui(Ui::Note)),
                    open.state.note(item).to_owned(),
                ),
                NoteTarget::Finding(field) => (
                    t.finding(*field).to_owned(),
                    open.state.visit.findings.get(*field).to_owned(),
                ),
            };
            let text = if text.trim().is_empty() {
                t.ui(Ui::Empty).to_owned()
            } else {
                inert(&text)
            };
            let mut lines: Vec<Line> = text.lines().map(|l| Line::from(l.to_owned())).collect();
            lines.push(Line::default());
            lines.push(Line::from(Span::styled(t.ui(Ui::AnyKey), theme.key())));
            (format!("{title} · {}", t.ui(Ui::ReadOnly)), lines, 76)
        }
        Overlay::Notice(notice) => {
            let mut lines: Vec<Line> = inert(notice)
                .lines()
                .map(|l| Line::from(l.to_owned()))
                .collect();
            lines.push(Line::default());
            lines.push(Line::from(Span::styled(t.ui(Ui::AnyKey), theme.key())));
            (t.ui(Ui::NoticeTitle).to_owned(), lines, 70)
        }
    };
    let inner_width = width.min(area.width).saturating_sub(2).max(1);
    let paragraph = Paragraph::new(lines).wrap(Wrap { trim: false });
    let height = u16::try_from(paragraph.line_count(inner_width))
        .unwrap_or(u16::MAX)
        .saturating_add(2);
    let boxed = centered(area, width, height);
    frame.render_widget(Clear, boxed);
    let block = Block::bordered().title(Span::styled(format!(" {title} "), theme.title()));
    frame.render_widget(paragraph.block(block), boxed);
}

/// Every binding of the screen under the help box, one line each, from the keymap table.
fn help_lines(state: &State, t: &dyn Texts, theme: Theme) -> Vec<Line<'static>> {
    let mut beneath = state.clone();
    beneath.overlay = None;
    let context = keymap::context(&beneath);
    let mut lines: Vec<Line> = Vec::new();
    for (keys, help, _) in keymap::grouped(context) {
        if keys.contains(&Key::Text) {
            continue;
        }
        let keys: Vec<String> = keys.iter().map(|k| key_label(*k, t)).collect();
        lines.push(Line::from(vec![
            Span::styled(format!("{:<18} ", keys.join(" ")), theme.key()),
            Span::raw(t.key_help(help)),
        ]));
    }
    lines.push(Line::from(vec![
        Span::styled(format!("{:<18} ", "Ctrl-c"), theme.key()),
        Span::raw(t.key_help(keymap::Help::QuitNow)),
    ]));
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(t.ui(Ui::AnyKey), theme.dim())));
    lines
}
