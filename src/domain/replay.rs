//! A visit rebuilt from its history alone. Team sync merges the union of every copy's
//! changes and replays them (see `crate::sync`): the history, not a status field or an
//! answer written in a file, decides what a visit is.

use super::history::{Change, Edit, apply};
use super::visit::{Findings, Status, VisitState};

/// A change of a merged history that was made without seeing an earlier one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clash {
    /// Its `from` is not the value before it: another laptop changed the same field
    /// meanwhile. It is applied (the later change wins, on every laptop alike).
    Concurrent,
    /// It edits a visit that was finalized before it, on another laptop: not applied. The
    /// finalize stands until someone reopens the visit.
    AfterFinalize,
}

/// The visit as it was created: its header, a draft, nothing answered.
pub fn as_created(state: &VisitState) -> VisitState {
    let mut visit = state.visit.clone();
    visit.status = Status::Draft;
    visit.finalized_at = None;
    visit.deleted_at = None;
    visit.findings = Findings::default();
    visit.actions = Vec::new();
    visit.attachments = Vec::new();
    visit.updated_at = visit.created_at;
    VisitState {
        visit,
        responses: std::collections::BTreeMap::new(),
    }
}

/// Replays `history` (in order) onto `start`; returns the state and, by index into
/// `history`, the changes that clashed.
pub fn replay(start: VisitState, history: &[Change]) -> (VisitState, Vec<(usize, Clash)>) {
    let mut state = start;
    let mut clashes = Vec::new();
    for (index, change) in history.iter().enumerate() {
        // The minutes' details and actions stay editable after finalize; the rest is content.
        let edits_content = match &change.edit {
            Edit::Answer { .. } | Edit::Note { .. } | Edit::Finding { .. } => {
                !change.edit.after_finalize()
            }
            _ => false,
        };
        if edits_content && state.visit.status == Status::Finalized {
            clashes.push((index, Clash::AfterFinalize));
            continue;
        }
        if !follows(&state, &change.edit) {
            clashes.push((index, Clash::Concurrent));
        }
        apply(&mut state, change);
    }
    (state, clashes)
}

/// Whether the edit's old value is the state's current one.
fn follows(state: &VisitState, edit: &Edit) -> bool {
    match edit {
        Edit::Answer { item, from, .. } => state.answer(item) == from.as_ref(),
        Edit::Note { item, from, .. } => state.note(item) == from,
        Edit::Finding { field, from, .. } => state.visit.findings.get(*field) == from,
        Edit::ActionAdd { action } => state.visit.action(&action.id).is_none(),
        Edit::ActionRemove { action } => state.visit.action(&action.id).is_some(),
        Edit::ActionSet {
            id, field, from, ..
        } => state
            .visit
            .action(id)
            .is_some_and(|action| field.get(action) == *from),
        Edit::ActionStatus { id, from, .. } => state
            .visit
            .action(id)
            .is_some_and(|action| action.status == *from),
        Edit::Attach { attachment } => state.visit.attachment(&attachment.id).is_none(),
        Edit::Detach { attachment } => state.visit.attachment(&attachment.id).is_some(),
        Edit::Created | Edit::Status { .. } | Edit::Trash { .. } => true,
    }
}

/// Whether `state` holds what its own history says, value by value (who and when aside):
/// a document edited by hand, or a status changed without its finalize or reopen, does not.
/// Returns the first field that differs. A field with a clash in the history is not held to
/// its replayed value: a copy written before merges replayed histories kept its own value
/// there, as that release's conflict rule said.
pub fn disagreement(state: &VisitState, history: &[Change]) -> Option<String> {
    let (replayed, clashes) = replay(as_created(state), history);
    if replayed.visit.status != state.visit.status {
        return Some("status".into());
    }
    if replayed.visit.deleted_at.is_some() != state.visit.deleted_at.is_some() {
        return Some("trash".into());
    }
    let clashing_edits: Vec<&Edit> = clashes
        .iter()
        .map(|(index, _)| &history[*index].edit)
        .collect();
    let findings_clash = clashing_edits
        .iter()
        .any(|edit| matches!(edit, Edit::Finding { .. }));
    if !findings_clash && replayed.visit.findings != state.visit.findings {
        return Some("findings".into());
    }
    let actions_clash = clashing_edits.iter().any(|edit| edit.action().is_some());
    if !actions_clash && replayed.visit.actions != state.visit.actions {
        return Some("actions".into());
    }
    let attachments_clash = clashing_edits
        .iter()
        .any(|edit| edit.attachment().is_some());
    if !attachments_clash && replayed.visit.attachments != state.visit.attachments {
        return Some("attachments".into());
    }
    let clashed_item = |wanted: &str| {
        clashing_edits.iter().any(|edit| {
            matches!(edit, Edit::Answer { item, .. } | Edit::Note { item, .. } if item == wanted)
        })
    };
    let items: std::collections::BTreeSet<&String> = replayed
        .responses
        .keys()
        .chain(state.responses.keys())
        .collect();
    items.into_iter().find_map(|item| {
        let same =
            replayed.answer(item) == state.answer(item) && replayed.note(item) == state.note(item);
        (!same && !clashed_item(item)).then(|| item.clone())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::answer::Answer;

    fn good() -> crate::document::VisitRecord {
        crate::document::parse(include_str!("../../tests/fixtures/good-visit.yaml"))
            .expect("the good visit parses")
    }

    #[test]
    fn a_document_agrees_with_its_own_history() {
        let record = good();
        assert_eq!(disagreement(&record.state, &record.history), None);
        let (replayed, clashes) = replay(as_created(&record.state), &record.history);
        assert!(clashes.is_empty());
        assert_eq!(replayed.responses.len(), record.state.responses.len());
    }

    #[test]
    fn a_status_or_an_answer_edited_by_hand_disagrees() {
        let mut record = good();
        record.state.visit.status = Status::Finalized;
        assert_eq!(
            disagreement(&record.state, &record.history).as_deref(),
            Some("status")
        );
        let mut record = good();
        let (item, response) = record
            .state
            .responses
            .iter_mut()
            .find(|(_, response)| response.answer.is_some())
            .expect("an answered item");
        response.answer = Some(Answer::NotApplicable);
        let item = item.clone();
        assert_eq!(disagreement(&record.state, &record.history), Some(item));
    }
}
