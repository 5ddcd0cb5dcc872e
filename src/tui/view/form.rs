//! The new-visit form and the first-run name prompt.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::Theme;
use crate::strings::{Texts, Ui, inert};
use crate::tui::editor::{self, Editor};
use crate::tui::state::{Field, Form, State};

fn label(field: Field) -> Ui {
    match field {
        Field::Unit => Ui::FieldUnit,
        Field::Kind => Ui::FieldKind,
        Field::Address => Ui::FieldAddress,
        Field::Date => Ui::FieldDate,
        Field::Leader => Ui::FieldLeader,
        Field::Secretary => Ui::FieldSecretary,
        Field::Members => Ui::FieldMembers,
        Field::Rubric => Ui::FieldRubric,
        Field::Previous => Ui::FieldPrevious,
    }
}

pub fn render(
    frame: &mut Frame,
    area: Rect,
    form: &Form,
    state: &State,
    t: &dyn Texts,
    theme: Theme,
) {
    let block = Block::bordered().title(Span::styled(
        format!(" {} ", t.ui(Ui::NewVisitTitle)),
        theme.title(),
    ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let mut constraints = vec![Constraint::Length(1); Field::ALL.len()];
    constraints.push(Constraint::Min(1));
    let rows = Layout::vertical(constraints).split(inner);
    let label_width = 16u16;
    for (index, field) in Field::ALL.iter().enumerate() {
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
        let text = match field {
            Field::Kind => choice(t.unit_kind(form.kind), focused),
            Field::Rubric => {
                let title = state.rubrics.get(form.rubric).map_or_else(
                    || t.label(crate::strings::Label::NoRubrics).to_owned(),
                    |r| format!("{} {} · {}", r.id, r.version, r.title_in(state.lang)),
                );
                choice(&title, focused)
            }
            Field::Previous => {
                let shown = form
                    .follow_up
                    .as_ref()
                    .and_then(|id| state.visits.iter().find(|v| &v.id == id))
                    .map_or_else(
                        || t.ui(Ui::FirstVisit).to_owned(),
                        |visit| {
                            let date = t.report_short_date(
                                visit.date.year(),
                                visit.date.month(),
                                visit.date.day(),
                            );
                            format!("{date} · {} · {}", visit.unit, visit.rubric_id)
                        },
                    );
                choice(&shown, focused)
            }
            _ => {
                let value_text = editor::text(&form.texts[index]);
                if focused {
                    place_cursor(frame, value, &form.texts[index]);
                }
                if *field == Field::Members && value_text.is_empty() && !focused {
                    t.ui(Ui::MembersHint).to_owned()
                } else {
                    inert(&value_text)
                }
            }
        };
        frame.render_widget(Paragraph::new(text), value);
    }
    if let Some(error) = &form.error {
        let message = Paragraph::new(Span::styled(format!("✗ {error}"), theme.bad()))
            .wrap(Wrap { trim: true });
        frame.render_widget(message, rows[Field::ALL.len()]);
    } else if state
        .rubrics
        .get(form.rubric)
        .is_some_and(|rubric| !rubric.fits(form.kind))
    {
        // Said, not refused: the team may know better (a unit of two kinds, a trial run).
        let warning = Paragraph::new(Span::styled(t.ui(Ui::RubricNotForKind), theme.bad()))
            .wrap(Wrap { trim: true });
        frame.render_widget(warning, rows[Field::ALL.len()]);
    }
}

/// Puts the terminal's own cursor where the editor's is, so IMEs draw their preedit there.
pub(super) fn place_cursor(frame: &mut Frame, area: Rect, editor: &Editor) {
    use unicode_width::UnicodeWidthStr;
    let ratatui_textarea::DataCursor(row, col) = editor.cursor();
    let line = editor.lines().get(row).map_or("", String::as_str);
    let before: String = line.chars().take(col).collect();
    let x = area
        .x
        .saturating_add(u16::try_from(before.width()).unwrap_or(u16::MAX));
    frame.set_cursor_position((x.min(area.right().saturating_sub(1)), area.y));
}

fn choice(text: &str, focused: bool) -> String {
    if focused {
        format!("◀ {} ▶", inert(text))
    } else {
        inert(text)
    }
}

pub fn ask_name(frame: &mut Frame, area: Rect, name: &Editor, t: &dyn Texts, theme: Theme) {
    let block = Block::bordered().title(Span::styled(
        format!(" {} ", t.ui(Ui::AskNameTitle)),
        theme.title(),
    ));
    let text = vec![
        Line::from(t.ui(Ui::AskNamePrompt)),
        Line::default(),
        Line::from(vec![
            Span::styled("> ", theme.key()),
            Span::raw(inert(&editor::text(name))),
        ]),
    ];
    let input = Rect {
        x: area.x + 3,
        y: area.y + 3,
        width: area.width.saturating_sub(4),
        height: 1,
    };
    frame.render_widget(
        Paragraph::new(text).block(block).wrap(Wrap { trim: false }),
        area,
    );
    place_cursor(frame, input, name);
}
