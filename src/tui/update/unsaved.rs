//! Changes the store did not take (a full disk, a read-only folder, a store that failed).
//! Nothing typed is dropped: each such change is kept in order, shown as if saved but marked
//! "chưa lưu" / "not saved", and tried again every few seconds until the store takes it.
//! Later changes wait behind it, so they reach the store in the order they were made, and
//! quitting while any is left asks first.

use crate::domain::history::{self, Change, ChangeKind, Request};
use crate::strings::texts;
use crate::tui::action::Effect;
use crate::tui::state::{Confirm, Message, Overlay, State, Unsaved};

/// The store refused `request` (or it waited behind earlier unsaved changes).
pub fn not_saved(
    state: &mut State,
    visit: String,
    request: Request,
    error: Option<String>,
) -> Vec<Effect> {
    if let Some(error) = error {
        state.unsaved_error = Some(error);
    }
    // An earlier change of the same retry was saved and said "all saved": not so.
    let all_saved = texts(state.lang).unsaved_now_saved();
    if matches!(&state.message, Some(Message::Info(text)) if text == all_saved) {
        state.message = None;
    }
    show(state, &visit, &request);
    // A note being typed is saved every few hundred milliseconds: while the store refuses,
    // only its latest text is worth keeping, so it replaces the one waiting just before it.
    match state.unsaved.last_mut() {
        Some(last) if last.visit == visit && same_text(&last.request, &request) => {
            last.request = request;
        }
        _ => state.unsaved.push(Unsaved { visit, request }),
    }
    if let Some(Overlay::Confirm(Confirm::QuitUnsaved { count })) = &mut state.overlay {
        *count = state.unsaved.len();
    }
    if state.quitting && !state.terminating {
        // The last save before quitting failed: ask, instead of losing it.
        state.quitting = false;
        state.overlay = Some(Overlay::Confirm(Confirm::QuitUnsaved {
            count: state.unsaved.len(),
        }));
    }
    Vec::new()
}

/// Every unsaved change, oldest first, for another try. Those the store refuses again come
/// back as [`not_saved`], in the same order.
pub fn retry(state: &mut State) -> Vec<Effect> {
    std::mem::take(&mut state.unsaved)
        .into_iter()
        .map(|Unsaved { visit, request }| Effect::Save { visit, request })
        .collect()
}

/// After a retry saved a change: once nothing is left, say so.
pub fn saved(state: &mut State) {
    if state.unsaved.is_empty() && state.unsaved_error.take().is_some() {
        let t = texts(state.lang);
        state.message = Some(Message::Info(t.unsaved_now_saved().to_owned()));
    }
}

/// The open visit as saved plus the changes still waiting: what the screen shows.
pub fn reapply(state: &mut State) {
    let Some(open) = &state.open else {
        return;
    };
    let id = open.state.visit.id.clone();
    let waiting: Vec<Request> = state.unsaved_of(&id).cloned().collect();
    for request in waiting {
        show(state, &id, &request);
    }
}

/// Shows `request` on the open visit (if it is the visit changed) as though saved.
fn show(state: &mut State, visit: &str, request: &Request) {
    let by = state.inspector.clone().unwrap_or_default();
    let Some(open) = state.open.as_mut() else {
        return;
    };
    if open.state.visit.id != visit {
        return;
    }
    if let Ok(Some(edit)) = history::prepare(&open.state, &open.rubric, request.clone()) {
        let change = Change {
            seq: 0,
            at: open.state.visit.updated_at,
            by,
            kind: ChangeKind::Do,
            edit,
        };
        history::apply(&mut open.state, &change);
        open.rescore();
    }
    // An answer moves on as a saved one would: the inspector keeps scoring.
    let advance = std::mem::take(&mut open.advance_on_save);
    if let Request::Answer { item, .. } = request
        && advance
        && open.item().is_some_and(|current| &current.id == item)
        && open.cursor + 1 < open.items().count()
    {
        open.cursor += 1;
    }
}

/// Two saves of the same note or finding.
fn same_text(earlier: &Request, later: &Request) -> bool {
    match (earlier, later) {
        (Request::Note { item: a, .. }, Request::Note { item: b, .. }) => a == b,
        (Request::Finding { field: a, .. }, Request::Finding { field: b, .. }) => a == b,
        _ => false,
    }
}
