//! Edits to a visit and their append-only history. An edit is checked against the visit and
//! its rubric first (bad input changes nothing), then recorded as a [`Change`] with the old and
//! the new value, which is what undo, redo and the audit trail read. Nothing here is rewritten.

use serde::{Deserialize, Serialize};

use super::action::{Action, ActionStatus, NewAction, parse_date};
use super::answer::{Answer, AnswerError};
use super::evidence::{self, Attachment, NewAttachment};
use super::minutes::{self, MinutesError};
use super::rubric::Rubric;
use super::visit::{FindingField, Response, Stamp, Status, VisitState};

/// The longest note or finding accepted, in characters: pages of text, far below what would
/// make a stored value large (see docs/design.md, the store and sled).
pub const MAX_TEXT_CHARS: usize = 20_000;

/// What the user asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    /// Set or clear (`None`) an item's answer.
    Answer {
        item: String,
        answer: Option<Answer>,
    },
    Note {
        item: String,
        text: String,
    },
    Finding {
        field: FindingField,
        text: String,
    },
    Finalize,
    Reopen {
        reason: String,
    },
    Trash,
    Restore,
    /// Add a corrective action (its id made by the caller, a ULID).
    ActionAdd(NewAction),
    /// Change an action's text, owner or due date (`""` clears the owner or the date).
    ActionSet {
        id: String,
        field: ActionField,
        text: String,
    },
    ActionDone {
        id: String,
        note: String,
    },
    ActionReopen {
        id: String,
        reason: String,
    },
    /// Attach evidence to an item (its file already in the store).
    Attach(NewAttachment),
    Detach {
        id: String,
    },
}

/// What of an action can be changed after it is added.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionField {
    Text,
    Owner,
    Due,
}

impl ActionField {
    pub const ALL: [ActionField; 3] = [ActionField::Text, ActionField::Owner, ActionField::Due];

    /// The field's value in `action` as text (the due date as `yyyy-mm-dd`, or empty).
    pub fn get(self, action: &Action) -> String {
        match self {
            ActionField::Text => action.added.text.clone(),
            ActionField::Owner => action.added.owner.clone(),
            ActionField::Due => action.added.due.map(|d| d.to_string()).unwrap_or_default(),
        }
    }
}

/// One recorded edit, with the values before and after.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "edit", rename_all = "snake_case")]
pub enum Edit {
    Created,
    Answer {
        item: String,
        from: Option<Answer>,
        to: Option<Answer>,
    },
    Note {
        item: String,
        from: String,
        to: String,
    },
    Finding {
        field: FindingField,
        from: String,
        to: String,
    },
    Status {
        from: Status,
        to: Status,
        reason: Option<String>,
    },
    Trash {
        to: bool,
    },
    ActionAdd {
        action: NewAction,
    },
    /// Undoes an [`Edit::ActionAdd`]: the action as added, so a redo adds it back.
    ActionRemove {
        action: NewAction,
    },
    ActionSet {
        id: String,
        field: ActionField,
        from: String,
        to: String,
    },
    /// Done or reopened; `note` is the done note or the reason for reopening.
    ActionStatus {
        id: String,
        from: ActionStatus,
        to: ActionStatus,
        note: String,
    },
    Attach {
        attachment: NewAttachment,
    },
    /// The attachment as it was, so an undo attaches it again.
    Detach {
        attachment: NewAttachment,
    },
}

impl Edit {
    /// The same edit the other way round; for undo.
    fn inverse(&self) -> Option<Edit> {
        Some(match self {
            Edit::Answer { item, from, to } => Edit::Answer {
                item: item.clone(),
                from: to.clone(),
                to: from.clone(),
            },
            Edit::Note { item, from, to } => Edit::Note {
                item: item.clone(),
                from: to.clone(),
                to: from.clone(),
            },
            Edit::Finding { field, from, to } => Edit::Finding {
                field: *field,
                from: to.clone(),
                to: from.clone(),
            },
            Edit::ActionAdd { action } => Edit::ActionRemove {
                action: action.clone(),
            },
            Edit::ActionRemove { action } => Edit::ActionAdd {
                action: action.clone(),
            },
            Edit::Attach { attachment } => Edit::Detach {
                attachment: attachment.clone(),
            },
            Edit::Detach { attachment } => Edit::Attach {
                attachment: attachment.clone(),
            },
            Edit::ActionSet {
                id,
                field,
                from,
                to,
            } => Edit::ActionSet {
                id: id.clone(),
                field: *field,
                from: to.clone(),
                to: from.clone(),
            },
            // Done and reopen undo each other, with a note or reason: no undo of their own.
            Edit::Created
            | Edit::Status { .. }
            | Edit::Trash { .. }
            | Edit::ActionStatus { .. } => {
                return None;
            }
        })
    }

    /// A change undo never reaches back across: creation, finalize, reopen, trash.
    fn is_barrier(&self) -> bool {
        matches!(
            self,
            Edit::Created | Edit::Status { .. } | Edit::Trash { .. }
        )
    }

    /// Whether this edit leaves the score alone and may be made on a finalized visit: the
    /// minutes' details, corrective actions and evidence.
    pub fn after_finalize(&self) -> bool {
        match self {
            Edit::Finding { field, .. } => field.is_minutes(),
            Edit::ActionAdd { .. }
            | Edit::ActionRemove { .. }
            | Edit::ActionSet { .. }
            | Edit::ActionStatus { .. }
            | Edit::Attach { .. }
            | Edit::Detach { .. } => true,
            _ => false,
        }
    }

    /// The action this edit touches, if any.
    pub fn action(&self) -> Option<&str> {
        match self {
            Edit::ActionAdd { action } | Edit::ActionRemove { action } => Some(&action.id),
            Edit::ActionSet { id, .. } | Edit::ActionStatus { id, .. } => Some(id),
            _ => None,
        }
    }

    /// The attachment this edit touches, if any.
    pub fn attachment(&self) -> Option<&NewAttachment> {
        match self {
            Edit::Attach { attachment } | Edit::Detach { attachment } => Some(attachment),
            _ => None,
        }
    }

    /// The item this edit touches, if any.
    pub fn item(&self) -> Option<&str> {
        match self {
            Edit::Answer { item, .. } | Edit::Note { item, .. } => Some(item),
            _ => None,
        }
    }
}

/// Whether a change is a fresh edit or an undo/redo of an earlier one (by sequence number).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    #[default]
    Do,
    Undo {
        of: u64,
    },
    Redo {
        of: u64,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    /// 1, 2, 3, ... within the visit.
    pub seq: u64,
    pub at: Stamp,
    pub by: String,
    #[serde(default)]
    pub kind: ChangeKind,
    #[serde(flatten)]
    pub edit: Edit,
}

/// Why an edit was refused. Nothing was changed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    #[error("the visit is finalized")]
    Finalized,
    #[error("the visit is in the trash")]
    InTrash,
    #[error("the visit is not in the trash")]
    NotInTrash,
    #[error("no item {0} in this rubric")]
    UnknownItem(String),
    #[error("item {item}: {error}")]
    Answer { item: String, error: AnswerError },
    #[error("text of {chars} characters is over the limit of {MAX_TEXT_CHARS}")]
    TooLong { chars: usize },
    #[error("{unanswered} items are unanswered")]
    Unanswered { unanswered: usize },
    #[error("the visit is not finalized")]
    NotFinalized,
    #[error("a reason is required")]
    ReasonRequired,
    #[error("nothing to undo")]
    NothingToUndo,
    #[error("nothing to redo")]
    NothingToRedo,
    #[error("{0}")]
    Minutes(#[from] MinutesError),
    #[error("no action {0} in this visit")]
    UnknownAction(String),
    #[error("action {0} is already done")]
    ActionDone(String),
    #[error("action {0} is not done")]
    ActionOpen(String),
    #[error("an action needs a text")]
    ActionTextRequired,
    #[error("an action {0} exists already")]
    ActionExists(String),
    #[error("\"{0}\" is not a date")]
    BadDate(String),
    #[error("no attachment {0} in this visit")]
    UnknownAttachment(String),
    #[error("an attachment {0} exists already")]
    AttachmentExists(String),
    #[error(
        "a file of {bytes} bytes is over the limit of {} bytes",
        evidence::MAX_FILE_BYTES
    )]
    FileTooLarge { bytes: u64 },
    #[error(
        "the visit's evidence would reach {bytes} bytes, over the limit of {} bytes",
        evidence::MAX_VISIT_BYTES
    )]
    VisitEvidenceFull { bytes: u64 },
    #[error("\"{0}\" is not a SHA-256")]
    BadHash(String),
}

/// Refuses a note, finding or reason over [`MAX_TEXT_CHARS`].
pub fn check_text(text: &str) -> Result<(), EditError> {
    let chars = text.chars().count();
    if chars > MAX_TEXT_CHARS {
        Err(EditError::TooLong { chars })
    } else {
        Ok(())
    }
}

/// Checks `request` against the visit and rubric and turns it into an [`Edit`].
/// `Ok(None)` means the request changes nothing (same value) and needs no record.
pub fn prepare(
    state: &VisitState,
    rubric: &Rubric,
    request: Request,
) -> Result<Option<Edit>, EditError> {
    let visit = &state.visit;
    let in_trash = visit.deleted_at.is_some();
    match &request {
        Request::Restore if !in_trash => return Err(EditError::NotInTrash),
        Request::Restore => {}
        _ if in_trash => return Err(EditError::InTrash),
        Request::Reopen { .. } | Request::Trash => {}
        // The minutes' details and the corrective actions do not change the score: they stay
        // editable after finalize.
        Request::Finding { field, .. } if field.is_minutes() => {}
        Request::ActionAdd(_)
        | Request::ActionSet { .. }
        | Request::ActionDone { .. }
        | Request::ActionReopen { .. }
        | Request::Attach(_)
        | Request::Detach { .. } => {}
        _ if visit.status == Status::Finalized => return Err(EditError::Finalized),
        _ => {}
    }
    let edit = match request {
        Request::Answer { item, answer } => {
            let rubric_item = rubric
                .item(&item)
                .ok_or_else(|| EditError::UnknownItem(item.clone()))?;
            if let Some(answer) = &answer {
                rubric_item
                    .accepts(answer)
                    .map_err(|error| EditError::Answer {
                        item: item.clone(),
                        error,
                    })?;
            }
            let from = state.answer(&item).cloned();
            Edit::Answer {
                item,
                from,
                to: answer,
            }
        }
        Request::Note { item, text } => {
            if rubric.item(&item).is_none() {
                return Err(EditError::UnknownItem(item));
            }
            check_text(&text)?;
            let from = state.note(&item).to_owned();
            Edit::Note {
                item,
                from,
                to: text,
            }
        }
        Request::Finding { field, text } => {
            check_text(&text)?;
            let text = minutes::normalize(field, &text, &visit.findings)?;
            let from = visit.findings.get(field).to_owned();
            Edit::Finding {
                field,
                from,
                to: text,
            }
        }
        Request::Finalize => {
            let unanswered = state.score(rubric).unanswered.len();
            if unanswered > 0 {
                return Err(EditError::Unanswered { unanswered });
            }
            Edit::Status {
                from: visit.status,
                to: Status::Finalized,
                reason: None,
            }
        }
        Request::Reopen { reason } => {
            if visit.status != Status::Finalized {
                return Err(EditError::NotFinalized);
            }
            if reason.trim().is_empty() {
                return Err(EditError::ReasonRequired);
            }
            check_text(&reason)?;
            Edit::Status {
                from: visit.status,
                to: Status::Draft,
                reason: Some(reason),
            }
        }
        Request::Trash => Edit::Trash { to: true },
        Request::Restore => Edit::Trash { to: false },
        Request::ActionAdd(action) => prepare_action(state, rubric, action)?,
        request @ (Request::ActionSet { .. }
        | Request::ActionDone { .. }
        | Request::ActionReopen { .. }) => change_action(visit, request)?,
        Request::Attach(attachment) => prepare_attach(state, rubric, attachment)?,
        Request::Detach { id } => prepare_detach(visit, id)?,
    };
    Ok((!unchanged(&edit)).then_some(edit))
}

/// Whether an edit sets a value to what it already is.
fn unchanged(edit: &Edit) -> bool {
    match edit {
        Edit::Answer { from, to, .. } => from == to,
        Edit::Note { from, to, .. }
        | Edit::Finding { from, to, .. }
        | Edit::ActionSet { from, to, .. } => from == to,
        _ => false,
    }
}

/// The edit for a change to an existing action: set a field, mark done, reopen.
fn change_action(visit: &super::visit::Visit, request: Request) -> Result<Edit, EditError> {
    Ok(match request {
        Request::ActionSet { id, field, text } => {
            let action = visit
                .action(&id)
                .ok_or_else(|| EditError::UnknownAction(id.clone()))?;
            check_text(&text)?;
            let to = match field {
                ActionField::Due if text.trim().is_empty() => String::new(),
                ActionField::Due => parse_date(&text)
                    .ok_or_else(|| EditError::BadDate(text.trim().to_owned()))?
                    .to_string(),
                ActionField::Text if text.trim().is_empty() => {
                    return Err(EditError::ActionTextRequired);
                }
                ActionField::Text | ActionField::Owner => text.trim().to_owned(),
            };
            Edit::ActionSet {
                from: field.get(action),
                id,
                field,
                to,
            }
        }
        Request::ActionDone { id, note } => {
            let action = visit
                .action(&id)
                .ok_or_else(|| EditError::UnknownAction(id.clone()))?;
            if action.status == ActionStatus::Done {
                return Err(EditError::ActionDone(id));
            }
            check_text(&note)?;
            Edit::ActionStatus {
                id,
                from: ActionStatus::Open,
                to: ActionStatus::Done,
                note: note.trim().to_owned(),
            }
        }
        Request::ActionReopen { id, reason } => {
            let action = visit
                .action(&id)
                .ok_or_else(|| EditError::UnknownAction(id.clone()))?;
            if action.status == ActionStatus::Open {
                return Err(EditError::ActionOpen(id));
            }
            if reason.trim().is_empty() {
                return Err(EditError::ReasonRequired);
            }
            check_text(&reason)?;
            Edit::ActionStatus {
                id,
                from: ActionStatus::Done,
                to: ActionStatus::Open,
                note: reason.trim().to_owned(),
            }
        }
        _ => unreachable!("only action changes come here"),
    })
}

/// A new action: its item in the rubric, a text, every text within the limit, a new id.
fn prepare_action(
    state: &VisitState,
    rubric: &Rubric,
    mut action: NewAction,
) -> Result<Edit, EditError> {
    if let Some(item) = &action.item
        && rubric.item(item).is_none()
    {
        return Err(EditError::UnknownItem(item.clone()));
    }
    action.text = action.text.trim().to_owned();
    action.owner = action.owner.trim().to_owned();
    if action.text.is_empty() {
        return Err(EditError::ActionTextRequired);
    }
    check_text(&action.text)?;
    check_text(&action.owner)?;
    if state.visit.action(&action.id).is_some() {
        return Err(EditError::ActionExists(action.id));
    }
    Ok(Edit::ActionAdd { action })
}

fn prepare_detach(visit: &super::visit::Visit, id: String) -> Result<Edit, EditError> {
    let attachment = visit
        .attachment(&id)
        .ok_or(EditError::UnknownAttachment(id))?;
    Ok(Edit::Detach {
        attachment: attachment.added.clone(),
    })
}

/// New evidence: its item in the rubric, a hash, texts and sizes within the limits, a new id.
fn prepare_attach(
    state: &VisitState,
    rubric: &Rubric,
    mut attachment: NewAttachment,
) -> Result<Edit, EditError> {
    if rubric.item(&attachment.item).is_none() {
        return Err(EditError::UnknownItem(attachment.item));
    }
    if !evidence::is_sha256(&attachment.sha256) {
        return Err(EditError::BadHash(attachment.sha256));
    }
    attachment.caption = attachment.caption.trim().to_owned();
    check_text(&attachment.caption)?;
    check_text(&attachment.name)?;
    check_text(&attachment.media_type)?;
    if attachment.bytes > evidence::MAX_FILE_BYTES {
        return Err(EditError::FileTooLarge {
            bytes: attachment.bytes,
        });
    }
    let visit = &state.visit;
    if visit.attachment(&attachment.id).is_some() {
        return Err(EditError::AttachmentExists(attachment.id));
    }
    let stored = evidence::total_bytes(&visit.attachments);
    let new_file = !visit
        .attachments
        .iter()
        .any(|a| a.added.sha256 == attachment.sha256);
    if new_file && stored + attachment.bytes > evidence::MAX_VISIT_BYTES {
        return Err(EditError::VisitEvidenceFull {
            bytes: stored + attachment.bytes,
        });
    }
    Ok(Edit::Attach { attachment })
}

/// Applies a recorded change to the visit. The change must come from [`prepare`], [`undo`]
/// or [`redo`] on this same state.
pub fn apply(state: &mut VisitState, change: &Change) {
    let at = change.at;
    match &change.edit {
        Edit::Created => {}
        Edit::Answer { item, to, .. } => {
            let response = response_mut(state, item, &change.by, at);
            response.answer.clone_from(to);
            drop_if_empty(state, item);
        }
        Edit::Note { item, to, .. } => {
            let response = response_mut(state, item, &change.by, at);
            response.note.clone_from(to);
            drop_if_empty(state, item);
        }
        Edit::Finding { field, to, .. } => state.visit.findings.get_mut(*field).clone_from(to),
        Edit::Status { to, .. } => {
            state.visit.status = *to;
            state.visit.finalized_at = (*to == Status::Finalized).then_some(at);
        }
        Edit::Trash { to } => state.visit.deleted_at = to.then_some(at),
        Edit::ActionAdd { action } => {
            if state.visit.action(&action.id).is_none() {
                let added = Action::new(action.clone(), at, &change.by);
                state.visit.actions.push(added);
            }
        }
        Edit::ActionRemove { action } => state.visit.actions.retain(|a| a.id() != action.id),
        Edit::ActionSet { id, field, to, .. } => {
            if let Some(action) = state.visit.action_mut(id) {
                match field {
                    ActionField::Text => action.added.text.clone_from(to),
                    ActionField::Owner => action.added.owner.clone_from(to),
                    ActionField::Due => action.added.due = to.parse().ok(),
                }
            }
        }
        Edit::ActionStatus { id, to, note, .. } => {
            if let Some(action) = state.visit.action_mut(id) {
                action.status = *to;
                let done = *to == ActionStatus::Done;
                action.done_at = done.then_some(at);
                action.done_by = done.then(|| change.by.clone());
                action.done_note = if done { note.clone() } else { String::new() };
            }
        }
        Edit::Attach { attachment } => {
            if state.visit.attachment(&attachment.id).is_none() {
                state.visit.attachments.push(Attachment {
                    added: attachment.clone(),
                    by: change.by.clone(),
                    at,
                });
            }
        }
        Edit::Detach { attachment } => {
            state.visit.attachments.retain(|a| a.id() != attachment.id);
        }
    }
    state.visit.updated_at = at;
}

fn response_mut<'s>(
    state: &'s mut VisitState,
    item: &str,
    by: &str,
    at: Stamp,
) -> &'s mut Response {
    let response = state
        .responses
        .entry(item.to_owned())
        .or_insert_with(|| Response {
            answer: None,
            note: String::new(),
            by: by.to_owned(),
            at,
        });
    by.clone_into(&mut response.by);
    response.at = at;
    response
}

fn drop_if_empty(state: &mut VisitState, item: &str) {
    if state.responses.get(item).is_some_and(Response::is_empty) {
        state.responses.remove(item);
    }
}

/// The changes undo and redo would act on next, replayed from the history. A status or
/// trash change is a barrier: undo never reaches back across a finalize or a reopen.
fn stacks(history: &[Change]) -> (Vec<&Change>, Vec<&Change>) {
    let mut done: Vec<&Change> = Vec::new();
    let mut undone: Vec<&Change> = Vec::new();
    let by_seq = |seq: u64| history.iter().find(|c| c.seq == seq);
    for change in history {
        match change.kind {
            ChangeKind::Do if change.edit.inverse().is_some() => {
                done.push(change);
                undone.clear();
            }
            ChangeKind::Do if change.edit.is_barrier() => {
                done.clear();
                undone.clear();
            }
            ChangeKind::Do => {}
            ChangeKind::Undo { of } => {
                done.pop();
                undone.extend(by_seq(of));
            }
            ChangeKind::Redo { of } => {
                undone.pop();
                done.extend(by_seq(of));
            }
        }
    }
    (done, undone)
}

/// The edit that undoes the latest undoable change, and that change's sequence number.
/// On a finalized visit only a change to the minutes' details (made after the finalize: the
/// finalize is a barrier) can be undone.
pub fn undo(state: &VisitState, history: &[Change]) -> Result<(Edit, ChangeKind), EditError> {
    editable(state)?;
    let (done, _) = stacks(history);
    let last = done
        .last()
        .ok_or(nothing(state, EditError::NothingToUndo))?;
    let edit = last.edit.inverse().ok_or(EditError::NothingToUndo)?;
    allowed_when_finalized(state, &edit)?;
    Ok((edit, ChangeKind::Undo { of: last.seq }))
}

/// The edit that redoes the latest undone change.
pub fn redo(state: &VisitState, history: &[Change]) -> Result<(Edit, ChangeKind), EditError> {
    editable(state)?;
    let (_, undone) = stacks(history);
    let last = undone
        .last()
        .ok_or(nothing(state, EditError::NothingToRedo))?;
    allowed_when_finalized(state, &last.edit)?;
    Ok((last.edit.clone(), ChangeKind::Redo { of: last.seq }))
}

fn editable(state: &VisitState) -> Result<(), EditError> {
    if state.visit.deleted_at.is_some() {
        Err(EditError::InTrash)
    } else {
        Ok(())
    }
}

/// On a finalized visit, "nothing to undo" says why: it is finalized.
fn nothing(state: &VisitState, error: EditError) -> EditError {
    if state.visit.status == Status::Finalized {
        EditError::Finalized
    } else {
        error
    }
}

fn allowed_when_finalized(state: &VisitState, edit: &Edit) -> Result<(), EditError> {
    if state.visit.status == Status::Finalized && !edit.after_finalize() {
        Err(EditError::Finalized)
    } else {
        Ok(())
    }
}
