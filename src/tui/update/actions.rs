//! Corrective actions in the TUI: the small form (content, owner, due date) opened by `a` on
//! the scoring screen (for the current criterion) or the summary (for the visit), Enter on an
//! action of the summary to edit it, `d` to mark it done. Actions do not change the score, so
//! all of this works on a finalized visit too.

use crate::domain::action::{ActionStatus, parse_date};
use crate::domain::history::{ActionField, EditError, MAX_TEXT_CHARS, Request};
use crate::strings::texts;
use crate::tui::action::{Action, Effect};
use crate::tui::editor;
use crate::tui::state::{
    ActionForm, ActionFormField, Confirm, Message, OpenVisit, Overlay, State, SummaryRow,
};

/// Opens the form for a new action of the open visit, about `item` if given.
pub fn start(state: &mut State, item: Option<String>) -> Vec<Effect> {
    let t = texts(state.lang);
    let Some(open) = state.open.as_mut() else {
        return Vec::new();
    };
    if open.state.visit.deleted_at.is_some() {
        state.message = Some(Message::Error(t.edit_error(&EditError::InTrash)));
        return Vec::new();
    }
    open.action_form = Some(ActionForm {
        visit: open.state.visit.id.clone(),
        editing: None,
        item,
        focus: 0,
        texts: ActionFormField::ALL
            .iter()
            .map(|_| editor::editor(""))
            .collect(),
        error: None,
    });
    Vec::new()
}

/// Opens the form on an existing action, filled with what it says now.
pub fn start_edit(state: &mut State, id: &str, previous: bool) -> Vec<Effect> {
    let Some(open) = state.open.as_mut() else {
        return Vec::new();
    };
    let visit = if previous {
        open.previous.as_ref().map(|p| p.state.visit.id.clone())
    } else {
        Some(open.state.visit.id.clone())
    };
    let (Some(visit), Some(action)) = (visit, open.action(id, previous)) else {
        return Vec::new();
    };
    let texts = [ActionField::Text, ActionField::Owner, ActionField::Due]
        .iter()
        .map(|field| editor::editor(&field.get(action)))
        .collect();
    open.action_form = Some(ActionForm {
        visit,
        editing: Some(id.to_owned()),
        item: action.added.item.clone(),
        focus: 0,
        texts,
        error: None,
    });
    Vec::new()
}

/// A key while the form is open.
pub fn key(state: &mut State, action: &Action) -> Vec<Effect> {
    let touched = state.open.as_ref().is_some_and(is_touched);
    let Some(form) = state.open.as_mut().and_then(|o| o.action_form.as_mut()) else {
        return Vec::new();
    };
    let last = ActionFormField::ALL.len() - 1;
    match action {
        Action::NextField => form.focus = (form.focus + 1).min(last),
        Action::PrevField => form.focus = form.focus.saturating_sub(1),
        Action::Enter if form.focus < last => form.focus += 1,
        Action::Enter | Action::Submit => return save(state),
        Action::Back if touched => {
            state.overlay = Some(Overlay::Confirm(Confirm::DiscardAction));
        }
        Action::Back => close(state),
        other => {
            let added = match other {
                Action::Char(_) => 1,
                Action::Paste(text) => text.chars().count(),
                _ => 0,
            };
            let index = form.focus;
            let length = editor::text(&form.texts[index]).chars().count();
            if added > 0 && length + added > MAX_TEXT_CHARS {
                let t = texts(state.lang);
                state.message = Some(Message::Error(t.note_too_long(MAX_TEXT_CHARS)));
                return Vec::new();
            }
            editor::apply(&mut form.texts[index], other, false);
            form.error = None;
        }
    }
    Vec::new()
}

/// Whether Esc would lose something typed: a new action with any text, or an edit that
/// changed a field.
fn is_touched(open: &OpenVisit) -> bool {
    let Some(form) = &open.action_form else {
        return false;
    };
    let previous = open
        .previous
        .as_ref()
        .is_some_and(|p| p.state.visit.id == form.visit);
    let now = |field: ActionFormField| form.text(field).trim().to_owned();
    match form
        .editing
        .as_deref()
        .and_then(|id| open.action(id, previous))
    {
        Some(action) => [
            (ActionField::Text, ActionFormField::Text),
            (ActionField::Owner, ActionFormField::Owner),
            (ActionField::Due, ActionFormField::Due),
        ]
        .iter()
        .any(|(stored, shown)| stored.get(action) != now(*shown)),
        None => ActionFormField::ALL
            .iter()
            .any(|field| !now(*field).is_empty()),
    }
}

pub fn close(state: &mut State) {
    if let Some(open) = state.open.as_mut() {
        open.action_form = None;
    }
}

/// Checks the form (content given, a date the CLI also takes) and sends the change; a
/// problem stays on the form with the focus on the field to fix.
fn save(state: &mut State) -> Vec<Effect> {
    let t = texts(state.lang);
    let Some(open) = state.open.as_mut() else {
        return Vec::new();
    };
    let Some(form) = open.action_form.as_mut() else {
        return Vec::new();
    };
    let text = form.text(ActionFormField::Text).trim().to_owned();
    let owner = form.text(ActionFormField::Owner).trim().to_owned();
    let due_text = form.text(ActionFormField::Due).trim().to_owned();
    if text.is_empty() {
        form.focus = 0;
        form.error = Some(t.action_text_missing().to_owned());
        return Vec::new();
    }
    let due = if due_text.is_empty() {
        None
    } else if let Some(date) = parse_date(&due_text) {
        Some(date)
    } else {
        form.focus = 2;
        form.error = Some(t.edit_error(&EditError::BadDate(due_text)));
        return Vec::new();
    };
    let form = open.action_form.take();
    let Some(form) = form else {
        return Vec::new();
    };
    let Some(id) = form.editing else {
        return vec![Effect::AddAction {
            visit: form.visit,
            item: form.item,
            text,
            owner,
            due,
        }];
    };
    let previous = open
        .previous
        .as_ref()
        .is_some_and(|p| p.state.visit.id == form.visit);
    let Some(action) = open.action(&id, previous) else {
        return Vec::new();
    };
    let due = due.map(|d| d.to_string()).unwrap_or_default();
    [
        (ActionField::Text, text),
        (ActionField::Owner, owner),
        (ActionField::Due, due),
    ]
    .into_iter()
    .filter(|(field, value)| field.get(action) != *value)
    .map(|(field, value)| Effect::Save {
        visit: form.visit.clone(),
        request: Request::ActionSet {
            id: id.clone(),
            field,
            text: value,
        },
    })
    .collect()
}

/// `d` on an action of the summary: marks it done (recorded with who and when). A done one
/// is not reopened by a key: the CLI asks for the reason.
pub fn mark_done(state: &mut State, row: Option<SummaryRow>) -> Vec<Effect> {
    let t = texts(state.lang);
    let Some(open) = state.open.as_ref() else {
        return Vec::new();
    };
    let Some(SummaryRow::Action { id, previous }) = row else {
        state.message = Some(Message::Info(t.action_done_where().to_owned()));
        return Vec::new();
    };
    let visit = if previous {
        open.previous.as_ref().map(|p| p.state.visit.id.clone())
    } else {
        Some(open.state.visit.id.clone())
    };
    let (Some(visit), Some(action)) = (visit, open.action(&id, previous)) else {
        return Vec::new();
    };
    if action.status == ActionStatus::Done {
        state.message = Some(Message::Info(t.action_already_done(&id)));
        return Vec::new();
    }
    vec![Effect::Save {
        visit,
        request: Request::ActionDone {
            id,
            note: String::new(),
        },
    }]
}
