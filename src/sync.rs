//! Merging two copies of a visit. Pure: [`merge`] decides, the callers (`sync/folder.rs`,
//! `sync/git.rs`, `onsite import`) read and write.
//!
//! The history decides, not the fields a file says: the merged visit is the union of both
//! copies' changes (each change known by who, when, what, and which occurrence of that),
//! in time order, replayed from the visit as created ([`crate::domain::replay`]). So a stale
//! or duplicated copy can only bring changes already known and takes nothing away; a status
//! is what its finalize and reopen events make it; and every laptop that has seen the same
//! changes holds the same visit. Two changes to one field made without seeing each other:
//! the later wins everywhere, and the field is listed as a [`Conflict`] where the value it
//! replaced was this laptop's, until the inspector picks one. An edit made on another
//! laptop after the visit was finalized here is not applied (listed the same way).
//!
//! Refused, never merged ([`Refusal`]): a copy whose own fields disagree with its own
//! history (edited by hand), or with another rubric or another header under the same id.

pub mod evidence;
pub mod folder;
pub mod git;
pub mod plans;

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::document::{
    DocumentError, VisitRecord, action_field_word, action_status_word, finding_key,
};
use crate::domain::history::{ActionField, Change, ChangeKind, Edit};
use crate::domain::replay;
use crate::domain::visit::{FindingField, Status, VisitState};
use crate::store::StoreError;

/// The folder for each laptop's own copies.
pub const OWN_COPIES: &str = ".onsite";

/// What one sync did (a folder or a git repository).
#[derive(Debug, Default)]
pub struct SyncSummary {
    /// New visits taken in from the folder.
    pub imported: Vec<String>,
    /// Visits that took changes from the folder.
    pub merged: Vec<String>,
    /// Files written out.
    pub written: Vec<PathBuf>,
    pub unchanged: usize,
    pub conflicts: Vec<(String, Conflict)>,
    pub rejected: Vec<(PathBuf, DocumentError)>,
    /// Files not read at all (not regular files), with why: warnings, not failures.
    pub skipped: Vec<(PathBuf, String)>,
    /// Plan entries taken in new from the folder ([`plans`]).
    pub plans_new: usize,
    /// Plan entries started on another laptop, now linked here too.
    pub plans_linked: usize,
    /// Plan entry files written out.
    pub plans_written: usize,
}
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Values of every field of a visit, as comparable text, by field name (`1.1`, `1.1#note`,
/// `strengths`, `status`, `trash`).
pub type Fields = BTreeMap<String, String>;

/// An item whose answer or note was changed on both sides.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conflict {
    /// The field: an item id (`1.1`), an item's note (`1.1#note`) or a finding.
    pub field: String,
    pub mine: String,
    pub theirs: String,
    pub theirs_by: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merged {
    pub record: VisitRecord,
    /// Fields this merge found changed on both sides, unsettled.
    pub conflicts: Vec<Conflict>,
    /// Every field of the merged history with a clash not settled yet: a conflict listed
    /// earlier for any other field is over. `None` when nothing new came in.
    pub unsettled: Option<BTreeSet<String>>,
}

fn note_key(item: &str) -> String {
    format!("{item}#note")
}

/// The comparable value of every field.
pub fn fields(state: &VisitState) -> Fields {
    let mut fields = Fields::new();
    for (item, response) in &state.responses {
        if let Some(answer) = &response.answer {
            fields.insert(
                item.clone(),
                serde_json::to_string(answer).unwrap_or_default(),
            );
        }
        if !response.note.is_empty() {
            fields.insert(note_key(item), response.note.clone());
        }
    }
    for field in FindingField::all() {
        let text = state.visit.findings.get(field);
        if !text.is_empty() {
            fields.insert(finding_key(field).to_owned(), text.to_owned());
        }
    }
    let status = if state.visit.status == Status::Finalized {
        "finalized"
    } else {
        "draft"
    };
    fields.insert("status".into(), status.into());
    fields.insert("trash".into(), state.visit.deleted_at.is_some().to_string());
    for action in &state.visit.actions {
        let id = action.id();
        fields.insert(action_key(id, None), action.added.text.clone());
        for field in ActionField::ALL {
            let key = action_key(id, Some(action_field_word(field)));
            fields.insert(key, field.get(action));
        }
        let status = action_status_word(action.status).to_owned();
        fields.insert(action_key(id, Some("status")), status);
    }
    for attachment in &state.visit.attachments {
        let added = &attachment.added;
        let value = format!("{} {} {}", added.item, added.sha256, added.caption);
        fields.insert(attachment_key(attachment.id()), value);
    }
    fields
}

/// What identifies a history entry on every laptop: when, who, what (not its number,
/// which differs between laptops).
fn identity(change: &Change) -> String {
    let kind = match change.kind {
        ChangeKind::Do => "do",
        ChangeKind::Undo { .. } => "undo",
        ChangeKind::Redo { .. } => "redo",
    };
    format!(
        "{}|{}|{kind}|{}",
        change.at,
        change.by,
        serde_json::to_string(&change.edit).unwrap_or_default()
    )
}

/// Each change's identity, with the occurrence number of that identity in its list, so the
/// same edit made twice in one second (a value set, changed and set back) stays two changes.
fn identities(list: &[Change]) -> Vec<String> {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    list.iter()
        .map(|change| {
            let id = identity(change);
            let n = seen.entry(id.clone()).or_insert(0);
            *n += 1;
            format!("{id}#{n}")
        })
        .collect()
}

/// The union of two histories, in time order, numbered 1, 2, 3 … again; undo and redo
/// keep pointing at the same entries.
pub fn merge_history(local: &[Change], remote: &[Change]) -> Vec<Change> {
    let (local_ids, remote_ids) = (identities(local), identities(remote));
    // Each list's change numbers → identities, to point undo and redo at the same entry.
    let by_seq = |list: &[Change], ids: &[String]| -> BTreeMap<u64, String> {
        list.iter()
            .map(|c| c.seq)
            .zip(ids.iter().cloned())
            .collect()
    };
    let (local_seqs, remote_seqs) = (by_seq(local, &local_ids), by_seq(remote, &remote_ids));
    let mut seen = std::collections::HashSet::new();
    // (change, its identity, its list's numbers) in local order, then the remote's new ones.
    let mut all: Vec<(&Change, &String, &BTreeMap<u64, String>)> = Vec::new();
    let tagged = local
        .iter()
        .zip(&local_ids)
        .map(|(change, id)| (change, id, &local_seqs))
        .chain(
            remote
                .iter()
                .zip(&remote_ids)
                .map(|(change, id)| (change, id, &remote_seqs)),
        );
    for (change, id, seqs) in tagged {
        if seen.insert(id.clone()) {
            all.push((change, id, seqs));
        }
    }
    // Stable: entries of the same second and author keep their order.
    all.sort_by(|(a, ..), (b, ..)| (a.at.instant, &a.by).cmp(&(b.at.instant, &b.by)));
    seen_first(&mut all);
    let new_seq: BTreeMap<&String, u64> = all
        .iter()
        .zip(1u64..)
        .map(|((_, id, _), seq)| (*id, seq))
        .collect();
    all.iter()
        .zip(1u64..)
        .map(|((change, _, seqs), seq)| {
            let renumber = |of: u64| {
                seqs.get(&of)
                    .and_then(|id| new_seq.get(id).copied())
                    .unwrap_or(of)
            };
            let mut change = (*change).clone();
            change.seq = seq;
            change.kind = match change.kind {
                ChangeKind::Do => ChangeKind::Do,
                ChangeKind::Undo { of } => ChangeKind::Undo { of: renumber(of) },
                ChangeKind::Redo { of } => ChangeKind::Redo { of: renumber(of) },
            };
            change
        })
        .collect()
}

/// Within one second (times are kept to the second) the author's name orders changes; but a
/// change made after seeing another on the same field — its old value is the other's new one —
/// goes after it, whatever the names. Deterministic: every laptop reorders the same way.
fn seen_first<A, B>(all: &mut [(&Change, A, B)]) {
    let mut moved = true;
    let mut rounds = 0;
    while moved && rounds < all.len() {
        moved = false;
        rounds += 1;
        for i in 1..all.len() {
            let (earlier, later) = (all[i - 1].0, all[i].0);
            if earlier.at.instant == later.at.instant
                && earlier.by != later.by
                && follows(earlier, later)
                && !follows(later, earlier)
            {
                all.swap(i - 1, i);
                moved = true;
            }
        }
    }
}

/// Whether `a` was made after seeing `b`: the same field, `a`'s old value `b`'s new one.
fn follows(a: &Change, b: &Change) -> bool {
    match (&a.edit, &b.edit) {
        (
            Edit::Answer { item, from, .. },
            Edit::Answer {
                item: other, to, ..
            },
        ) => item == other && from == to,
        (
            Edit::Note { item, from, .. },
            Edit::Note {
                item: other, to, ..
            },
        ) => item == other && from == to,
        (
            Edit::Finding { field, from, .. },
            Edit::Finding {
                field: other, to, ..
            },
        ) => field == other && from == to,
        _ => false,
    }
}

/// Why a copy of a visit was not merged.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// The copy's own fields are not what its history makes them.
    #[error(
        "its {field} disagrees with its own history (was the file edited by hand?); refused, nothing merged. Make the change in onsite (a reopen needs a reason), not in the file; a sync writes the file again from the visit"
    )]
    Inconsistent { field: String },
    /// Another rubric under the same visit id.
    #[error(
        "it holds visit {id} scored against another rubric ({theirs}, not {mine}); refused, nothing merged. Remove this file, or ask whoever made it which rubric their copy used"
    )]
    OtherRubric {
        id: String,
        mine: String,
        theirs: String,
    },
    /// Another unit, date, team or creation time under the same visit id.
    #[error(
        "it holds visit {id} with another {what}; refused, nothing merged. Remove this file if it is an edited copy: the visit itself is unchanged"
    )]
    OtherHeader { id: String, what: String },
}

/// Checks a copy on its own: its fields must be what its history makes them.
pub fn check(record: &VisitRecord) -> Result<(), Refusal> {
    match crate::domain::replay::disagreement(&record.state, &record.history) {
        Some(field) => Err(Refusal::Inconsistent { field }),
        None => Ok(()),
    }
}

/// Merges `remote` into `local` (both [`check`]ed): the union of their histories, replayed.
pub fn merge(local: &VisitRecord, remote: &VisitRecord) -> Result<Merged, Refusal> {
    let (mine, theirs) = (&local.state.visit, &remote.state.visit);
    if mine.rubric.digest != theirs.rubric.digest {
        return Err(Refusal::OtherRubric {
            id: mine.id.clone(),
            mine: mine.rubric.digest_prefix().to_owned(),
            theirs: theirs.rubric.digest_prefix().to_owned(),
        });
    }
    let header = [
        ("unit", mine.unit != theirs.unit),
        ("date", mine.date != theirs.date),
        ("team", mine.team != theirs.team),
        (
            "creation time",
            mine.created_at.instant != theirs.created_at.instant,
        ),
    ];
    if let Some((what, _)) = header.iter().find(|(_, differs)| *differs) {
        return Err(Refusal::OtherHeader {
            id: mine.id.clone(),
            what: (*what).to_owned(),
        });
    }
    let history = merge_history(&local.history, &remote.history);
    if history.len() == local.history.len() {
        // Nothing new: the local copy stands as it is.
        return Ok(Merged {
            record: local.clone(),
            conflicts: Vec::new(),
            unsettled: None,
        });
    }
    let (state, clashes) = replay::replay(replay::as_created(&local.state), &history);
    let (mine_fields, theirs_fields) = (fields(&local.state), fields(&remote.state));
    let mut conflicts: Vec<Conflict> = Vec::new();
    let flagged: BTreeSet<usize> = clashes
        .into_iter()
        .map(|(index, _)| index)
        .chain(unseen_by_finalize(local, remote, &history))
        .collect();
    let unsettled = unsettled(&history, &flagged);
    for &index in &flagged {
        let Some(key) = field_of(&history[index].edit) else {
            continue;
        };
        if !unsettled.contains(&key) {
            continue;
        }
        let (l, r) = (mine_fields.get(&key), theirs_fields.get(&key));
        if l != r && !conflicts.iter().any(|c| c.field == key) {
            conflicts.push(conflict(&key, l, r, remote));
        }
    }
    Ok(Merged {
        record: VisitRecord {
            state,
            rubric: local.rubric.clone(),
            history,
        },
        conflicts,
        unsettled: Some(unsettled),
    })
}

/// The fields whose last clash no later change settled: a change to the same field made
/// after seeing both (`onsite resolve` records one, even to keep a value) settles it.
fn unsettled(history: &[Change], flagged: &BTreeSet<usize>) -> BTreeSet<String> {
    let mut open = BTreeSet::new();
    for (index, change) in history.iter().enumerate() {
        let Some(key) = field_of(&change.edit) else {
            continue;
        };
        if flagged.contains(&index) {
            open.insert(key);
        } else {
            open.remove(&key);
        }
    }
    open
}

/// Changes one copy made that a finalize on the other copy, later in time, never saw: the
/// visit stays finalized with them in it, and they are listed for the inspector to check.
fn unseen_by_finalize(local: &VisitRecord, remote: &VisitRecord, merged: &[Change]) -> Vec<usize> {
    use std::collections::HashSet;
    let (local_ids, remote_ids) = (identities(&local.history), identities(&remote.history));
    let (in_local, in_remote): (HashSet<&String>, HashSet<&String>) =
        (local_ids.iter().collect(), remote_ids.iter().collect());
    // Which side alone made a change: `Some(true)` this laptop, `Some(false)` the other.
    let side = |id: &String| match (in_local.contains(id), in_remote.contains(id)) {
        (true, false) => Some(true),
        (false, true) => Some(false),
        _ => None,
    };
    let merged_ids = identities(merged);
    let mut flagged = Vec::new();
    // Walking back, the next status change after each entry: (is a finalize, made by one side).
    let mut next_status: Option<(bool, Option<bool>)> = None;
    for (index, (change, id)) in merged.iter().zip(&merged_ids).enumerate().rev() {
        if let Edit::Status { to, .. } = &change.edit {
            next_status = Some((*to == Status::Finalized, side(id)));
            continue;
        }
        if field_of(&change.edit).is_none() {
            continue;
        }
        if let (Some(mine), Some((true, Some(finalizer)))) = (side(id), next_status)
            && mine != finalizer
        {
            flagged.push(index);
        }
    }
    flagged.reverse();
    flagged
}

/// The [`fields`] key an edit changes.
fn field_of(edit: &Edit) -> Option<String> {
    match edit {
        Edit::Answer { item, .. } => Some(item.clone()),
        Edit::Note { item, .. } => Some(note_key(item)),
        Edit::Finding { field, .. } => Some(finding_key(*field).to_owned()),
        Edit::ActionAdd { action } | Edit::ActionRemove { action } => {
            Some(action_key(&action.id, None))
        }
        Edit::ActionSet { id, field, .. } => Some(action_key(id, Some(action_field_word(*field)))),
        Edit::ActionStatus { id, .. } => Some(action_key(id, Some("status"))),
        Edit::Attach { attachment } | Edit::Detach { attachment } => {
            Some(attachment_key(&attachment.id))
        }
        Edit::Created | Edit::Status { .. } | Edit::Trash { .. } => None,
    }
}

/// `attachment:01JD…`: whether the attachment is there.
fn attachment_key(id: &str) -> String {
    format!("attachment:{id}")
}

/// `action:01JD…` (the action itself) or `action:01JD…:owner` (one of its fields).
fn action_key(id: &str, field: Option<&str>) -> String {
    match field {
        Some(field) => format!("action:{id}:{field}"),
        None => format!("action:{id}"),
    }
}

fn conflict(
    key: &str,
    mine: Option<&String>,
    theirs: Option<&String>,
    remote: &VisitRecord,
) -> Conflict {
    let item = key.strip_suffix("#note").unwrap_or(key);
    Conflict {
        field: key.to_owned(),
        mine: mine.cloned().unwrap_or_default(),
        theirs: theirs.cloned().unwrap_or_default(),
        // Who set it there; when they cleared it, who last touched it in their history.
        theirs_by: remote.state.responses.get(item).map_or_else(
            || {
                let last = remote
                    .history
                    .iter()
                    .rev()
                    .find(|c| c.edit.item() == Some(item));
                last.map(|c| c.by.clone()).unwrap_or_default()
            },
            |r| r.by.clone(),
        ),
    }
}
