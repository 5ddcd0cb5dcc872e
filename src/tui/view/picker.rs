//! The evidence picker, over the scoring screen's body: the inbox folder, its files newest
//! first (chosen ones numbered in the order chosen, those attached already marked), and at
//! the bottom the path or caption being typed.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, List, ListItem, ListState, Paragraph, Wrap};

use super::{EVIDENCE_MARK, Theme, fit_width};
use crate::strings::{Texts, Ui, inert};
use crate::tui::editor::{self, Editor};
use crate::tui::inbox::{InboxFile, Listing};
use crate::tui::state::{OpenVisit, Picker, PickerStep, State};

pub fn render(frame: &mut Frame, area: Rect, state: &State, t: &dyn Texts, theme: Theme) {
    let Some(open) = &state.open else { return };
    let Some(picker) = &open.picker else { return };
    frame.render_widget(Clear, area);
    let title = format!(" {} ", t.picker_title(&picker.item));
    let block = Block::bordered().title(Span::styled(title, theme.title()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let bottom_height = match &picker.step {
        PickerStep::Files => 2,
        PickerStep::Path(_) => 2,
        PickerStep::Caption { .. } => 3,
    };
    let [head, body, bottom] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(bottom_height),
    ])
    .areas(inner);
    let home = state.home.as_deref();
    let dir = picker
        .inbox
        .as_ref()
        .map_or_else(String::new, |inbox| crate::paths::tilde(&inbox.dir, home));
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(format!("{}: ", t.ui(Ui::InboxFolder)), theme.dim()),
            Span::raw(inert(&dir)),
        ])),
        head,
    );
    match picker.inbox.as_ref().map(|inbox| &inbox.listing) {
        None => frame.render_widget(
            Paragraph::new(Span::styled(t.ui(Ui::InboxReading), theme.dim())),
            body,
        ),
        Some(Listing::Files(files)) if !files.is_empty() => {
            render_files(frame, body, open, picker, files, t, theme);
        }
        Some(listing) => frame.render_widget(
            Paragraph::new(inert(&t.inbox_empty(&dir, listing))).wrap(Wrap { trim: true }),
            body,
        ),
    }
    match &picker.step {
        PickerStep::Files => {
            let [first, second] = Layout::vertical([Constraint::Length(1); 2]).areas(bottom);
            // What is chosen, or (the footer being cut on a narrow terminal) the two keys
            // that are not Enter; then what `◫1.3` means, when a file has it.
            let chosen = if picker.chosen.is_empty() {
                t.ui(Ui::PickerHint).to_owned()
            } else {
                t.files_chosen(picker.chosen.len())
            };
            let marked = picker
                .files()
                .iter()
                .any(|file| !open.attached_as(&file.name, file.bytes).is_empty());
            let legend = if marked { t.ui(Ui::AttachedLegend) } else { "" };
            dim_line(frame, first, &chosen, theme);
            dim_line(frame, second, legend, theme);
        }
        PickerStep::Path(editor) => {
            let [input, hint] = Layout::vertical([Constraint::Length(1); 2]).areas(bottom);
            render_input(frame, input, t.ui(Ui::PathLabel), editor, theme);
            dim_line(frame, hint, t.ui(Ui::PathHint), theme);
        }
        PickerStep::Caption { paths, editor, .. } => {
            let [files, input, hint] = Layout::vertical([Constraint::Length(1); 3]).areas(bottom);
            let names: Vec<String> = paths
                .iter()
                .map(|path| {
                    path.file_name().map_or_else(
                        || path.display().to_string(),
                        |name| name.to_string_lossy().into_owned(),
                    )
                })
                .collect();
            let attaching = fit_width(&inert(&t.attaching(&names)), usize::from(files.width));
            frame.render_widget(Paragraph::new(attaching), files);
            render_input(frame, input, t.ui(Ui::CaptionLabel), editor, theme);
            dim_line(frame, hint, t.ui(Ui::CaptionHint), theme);
        }
    }
}

/// A dim line, cut with "…" where it does not fit.
fn dim_line(frame: &mut Frame, area: Rect, text: &str, theme: Theme) {
    let text = fit_width(text, usize::from(area.width));
    frame.render_widget(Paragraph::new(Span::styled(text, theme.dim())), area);
}

/// One row per file: `[2]` when chosen (second), the name, when it was written, its size,
/// and `◫1.3` when a file of that name and size is attached to the visit already.
fn render_files(
    frame: &mut Frame,
    area: Rect,
    open: &OpenVisit,
    picker: &Picker,
    files: &[InboxFile],
    t: &dyn Texts,
    theme: Theme,
) {
    let marks: Vec<String> = files
        .iter()
        .map(|file| {
            let items = open.attached_as(&file.name, file.bytes);
            if items.is_empty() {
                String::new()
            } else {
                format!("{EVIDENCE_MARK}{}", items.join(","))
            }
        })
        .collect();
    let mark_width = marks
        .iter()
        .map(|mark| unicode_width::UnicodeWidthStr::width(mark.as_str()))
        .max()
        .unwrap_or(0);
    // The highlight symbol takes a column; the time goes first when there is no room.
    let width = usize::from(area.width).saturating_sub(1);
    let with_time = width >= 50;
    let fixed =
        4 + if with_time { 17 } else { 0 } + 8 + if mark_width > 0 { mark_width + 1 } else { 0 };
    let name_width = width.saturating_sub(fixed).max(8);
    let rows: Vec<ListItem> = files
        .iter()
        .zip(&marks)
        .enumerate()
        .map(|(index, (file, mark))| {
            let check = match picker.chosen.iter().position(|chosen| *chosen == index) {
                Some(order) => format!("[{}]", order + 1),
                None => "[ ]".to_owned(),
            };
            let mut spans = vec![
                Span::styled(format!("{check:<3} "), theme.key()),
                Span::raw(fit_width(&inert(&file.name), name_width)),
            ];
            if with_time {
                let time = file.modified.as_ref().map_or_else(String::new, |when| {
                    format!(
                        "{} {:02}:{:02}",
                        t.short_date(when.date()),
                        when.hour(),
                        when.minute()
                    )
                });
                spans.push(Span::styled(format!(" {time:<16}"), theme.dim()));
            }
            spans.push(Span::raw(format!(
                " {:>7}",
                crate::strings::size(file.bytes)
            )));
            if !mark.is_empty() {
                spans.push(Span::raw(format!(" {mark}")));
            }
            ListItem::new(Line::from(spans))
        })
        .collect();
    let highlight = if matches!(picker.step, PickerStep::Files) {
        theme.selected()
    } else {
        ratatui::style::Style::new()
    };
    let list = List::new(rows)
        .highlight_style(highlight)
        .highlight_symbol("▶");
    let mut list_state = ListState::default().with_selected(Some(picker.cursor));
    frame.render_stateful_widget(list, area, &mut list_state);
}

/// `label: text▏` on one line, the end of a long text kept in view, the terminal's cursor
/// where the editor's is (for IMEs).
fn render_input(frame: &mut Frame, area: Rect, label: &str, editor: &Editor, theme: Theme) {
    let label = format!("{label}: ");
    let label_width = u16::try_from(unicode_width::UnicodeWidthStr::width(label.as_str()))
        .unwrap_or(u16::MAX)
        .min(area.width);
    let [name, value] =
        Layout::horizontal([Constraint::Length(label_width), Constraint::Min(1)]).areas(area);
    frame.render_widget(Paragraph::new(Span::styled(label, theme.key())), name);
    let text = editor::text(editor);
    let room = usize::from(value.width.saturating_sub(1));
    let count = text.chars().count();
    let shown: String = if count > room {
        text.chars().skip(count - room).collect()
    } else {
        text
    };
    frame.render_widget(Paragraph::new(inert(&shown)), value);
    super::form::place_cursor(frame, value, editor);
}
