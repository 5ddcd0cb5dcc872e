//! The corrective-action form, drawn over the scoring or summary screen: the criterion it is
//! about, then content, owner and due date, one row each, and what is wrong when it is.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::Theme;
use crate::strings::{Texts, Ui, inert};
use crate::tui::editor;
use crate::tui::state::{ActionFormField, State};

fn label(field: ActionFormField) -> Ui {
    match field {
        ActionFormField::Text => Ui::ActionFieldText,
        ActionFormField::Owner => Ui::ActionFieldOwner,
        ActionFormField::Due => Ui::ActionFieldDue,
    }
}

pub fn render(frame: &mut Frame, state: &State, t: &dyn Texts, theme: Theme) {
    let Some(open) = &state.open else { return };
    let Some(form) = &open.action_form else {
        return;
    };
    let area = super::overlay::centered(frame.area(), 76, 9);
    frame.render_widget(Clear, area);
    let title = if form.editing.is_some() {
        t.ui(Ui::ActionEditTitle)
    } else {
        t.ui(Ui::ActionNewTitle)
    };
    let about = form.item.as_ref().map_or_else(String::new, |item| {
        let text = open.rubric.item(item).map_or("", |i| i.text_in(state.lang));
        format!("{item} {}", inert(text))
    });
    let block = Block::bordered().title(Span::styled(format!(" {title} "), theme.title()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [about_row, rows, hint_row, error_row] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(3),
        Constraint::Length(1),
        Constraint::Min(1),
    ])
    .areas(inner);
    frame.render_widget(Paragraph::new(Span::styled(about, theme.dim())), about_row);
    let rows = Layout::vertical([Constraint::Length(1); 3]).split(rows);
    let width = ActionFormField::ALL
        .iter()
        .map(|field| t.ui(label(*field)).chars().count())
        .max()
        .unwrap_or(0);
    let label_width = u16::try_from(width + 3).unwrap_or(20);
    for (index, field) in ActionFormField::ALL.iter().enumerate() {
        let [name, value] =
            Layout::horizontal([Constraint::Length(label_width), Constraint::Min(1)])
                .areas(rows[index]);
        let focused = index == form.focus;
        let style = if focused { theme.key() } else { theme.title() };
        let marker = if focused { "▶ " } else { "  " };
        frame.render_widget(
            Paragraph::new(Span::styled(
                format!("{marker}{}", t.ui(label(*field))),
                style,
            )),
            name,
        );
        let text = editor::text(&form.texts[index]);
        // The end of a long text stays in view while typing.
        let room = usize::from(value.width.saturating_sub(1));
        let count = text.chars().count();
        let shown: String = if focused && count > room {
            text.chars().skip(count - room).collect()
        } else {
            text
        };
        frame.render_widget(Paragraph::new(inert(&shown)), value);
        if focused {
            super::form::place_cursor(frame, value, &form.texts[index]);
        }
    }
    let hint = if form.field() == ActionFormField::Due {
        t.ui(Ui::ActionDueHint)
    } else {
        ""
    };
    frame.render_widget(Paragraph::new(Span::styled(hint, theme.dim())), hint_row);
    if let Some(error) = &form.error {
        frame.render_widget(
            Paragraph::new(Line::from(Span::styled(format!("✗ {error}"), theme.bad())))
                .wrap(Wrap { trim: true }),
            error_row,
        );
    }
}
