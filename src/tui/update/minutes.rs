//! The minutes' details (the header of the biên bản: governing body, number, basis, times,
//! representatives, ...): one row per [`FindingField::MINUTES`] field, each edited on its
//! own and saved on Enter once the domain's check takes it. They do not change the score, so
//! they stay editable after finalize, when the findings are locked.

use crate::domain::history::MAX_TEXT_CHARS;
use crate::domain::history::Request;
use crate::domain::minutes;
use crate::domain::visit::FindingField;
use crate::strings::texts;
use crate::tui::action::{Action, Effect};
use crate::tui::editor;
use crate::tui::state::{Message, MinutesEdit, OpenVisit, Screen, State};

/// From the summary: the form, first row selected.
pub fn open(state: &mut State) {
    if let Some(open) = state.open.as_mut() {
        open.minutes_row = 0;
        open.minutes_edit = None;
        state.screen = Screen::Minutes;
    }
}

pub fn update(state: &mut State, action: &Action) -> Vec<Effect> {
    let Some(open) = state.open.as_mut() else {
        return Vec::new();
    };
    if open.minutes_edit.is_some() {
        return edit_key(state, action);
    }
    let rows = FindingField::MINUTES.len();
    match action {
        Action::Down => open.minutes_row = (open.minutes_row + 1).min(rows.saturating_sub(1)),
        Action::Up => open.minutes_row = open.minutes_row.saturating_sub(1),
        Action::Open => {
            let Some(&field) = FindingField::MINUTES.get(open.minutes_row) else {
                return Vec::new();
            };
            let shown = shown_for_editing(state, field);
            if let Some(open) = state.open.as_mut() {
                open.minutes_edit = Some(MinutesEdit {
                    field,
                    editor: editor::editor(&shown),
                });
            }
        }
        Action::Back => state.screen = Screen::Summary,
        _ => {}
    }
    Vec::new()
}

/// The text a field starts its editor with: the recognition in words the check takes back,
/// everything else as stored.
fn shown_for_editing(state: &State, field: FindingField) -> String {
    let Some(open) = &state.open else {
        return String::new();
    };
    let value = open.state.visit.findings.get(field);
    if field == FindingField::Recognition {
        let t = texts(state.lang);
        if let Some(word) = t.recognition_word(value) {
            return word.to_owned();
        }
    }
    value.to_owned()
}

fn edit_key(state: &mut State, action: &Action) -> Vec<Effect> {
    let Some(edit) = state.open.as_mut().and_then(|o| o.minutes_edit.as_mut()) else {
        return Vec::new();
    };
    match action {
        Action::Back => {
            if let Some(open) = state.open.as_mut() {
                open.minutes_edit = None;
            }
            Vec::new()
        }
        Action::Enter => save(state),
        _ => {
            let added = match action {
                Action::Char(_) | Action::Newline => 1,
                Action::Paste(text) => text.chars().count(),
                _ => 0,
            };
            let length = editor::text(&edit.editor).chars().count();
            if added > 0 && length + added > MAX_TEXT_CHARS {
                let t = texts(state.lang);
                state.message = Some(Message::Error(t.note_too_long(MAX_TEXT_CHARS)));
                return Vec::new();
            }
            editor::apply(&mut edit.editor, action, true);
            Vec::new()
        }
    }
}

/// The request that saves what is typed, or why it cannot be saved (said in words). `None`
/// when nothing changed.
fn request(open: &OpenVisit, t: &dyn crate::strings::Texts) -> Result<Option<Request>, String> {
    let Some(edit) = &open.minutes_edit else {
        return Ok(None);
    };
    let typed = editor::text(&edit.editor);
    let findings = &open.state.visit.findings;
    let checked = minutes::normalize(edit.field, &typed, findings)
        .map_err(|error| t.minutes_error(&error))?;
    if checked == findings.get(edit.field) {
        return Ok(None);
    }
    Ok(Some(Request::Finding {
        field: edit.field,
        text: typed,
    }))
}

/// Enter: checked as the CLI checks it; a value refused (a time that is not HH:MM, an end
/// before the start, ...) is said on the status line and changes nothing, the editor stays
/// open with what was typed. A valid one closes the editor and goes to the store.
fn save(state: &mut State) -> Vec<Effect> {
    let t = texts(state.lang);
    let Some(open) = state.open.as_mut() else {
        return Vec::new();
    };
    match request(open, t) {
        Err(message) => {
            state.message = Some(Message::Error(message));
            Vec::new()
        }
        Ok(request) => {
            open.minutes_edit = None;
            request.map(Effect::Edit).into_iter().collect()
        }
    }
}

/// On quitting with a detail being typed: saved if it is valid, else left as it was (there is
/// nobody left to tell why).
pub fn flush(state: &mut State) -> Vec<Effect> {
    let t = texts(state.lang);
    let Some(open) = state.open.as_mut() else {
        return Vec::new();
    };
    let effects = match request(open, t) {
        Ok(Some(request)) => vec![Effect::Edit(request)],
        _ => Vec::new(),
    };
    open.minutes_edit = None;
    effects
}
