//! Merging two copies of a visit, item by item. Pure: [`merge`] decides, the callers
//! (`sync/folder.rs`, `sync/git.rs`, `onsite import`) read and write.
//!
//! Each field (an item's answer, an item's note, each finding, the status, the trash flag)
//! is merged on its own against the base: the value both sides had at their last exchange.
//! Changed on one side only → that side wins. Changed on both to different values → a
//! [`Conflict`]: the local value stays, both are listed until the inspector picks one.
//! Nothing is silently dropped. Histories are merged as a union.

pub mod folder;
pub mod git;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::document::{VisitRecord, finding_key};
use crate::domain::history::{Change, ChangeKind};
use crate::domain::visit::{FindingField, Response, Status, VisitState};

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
    pub conflicts: Vec<Conflict>,
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
    fields
}

/// Copies field `key` from `from` into `into` (value, who and when).
fn take(into: &mut VisitState, from: &VisitState, key: &str) {
    if let Some(field) = FindingField::all().find(|f| finding_key(*f) == key) {
        from.visit
            .findings
            .get(field)
            .clone_into(into.visit.findings.get_mut(field));
        return;
    }
    match key {
        "status" => {
            into.visit.status = from.visit.status;
            into.visit.finalized_at = from.visit.finalized_at;
        }
        "trash" => into.visit.deleted_at = from.visit.deleted_at,
        _ => {
            let (item, note) = match key.strip_suffix("#note") {
                Some(item) => (item, true),
                None => (key, false),
            };
            let theirs = from.responses.get(item);
            // Start from this side's response (or an empty one): only the field taken moves,
            // so a note or answer cleared here does not come back with the other.
            let mut response = into.responses.get(item).cloned().or_else(|| {
                theirs.map(|t| Response {
                    answer: None,
                    note: String::new(),
                    by: t.by.clone(),
                    at: t.at,
                })
            });
            if let (Some(response), theirs) = (response.as_mut(), theirs) {
                if note {
                    response.note = theirs.map(|r| r.note.clone()).unwrap_or_default();
                } else {
                    response.answer = theirs.and_then(|r| r.answer.clone());
                }
                if let Some(theirs) = theirs {
                    response.by.clone_from(&theirs.by);
                    response.at = theirs.at;
                }
            }
            match response.filter(|r| !r.is_empty()) {
                Some(response) => into.responses.insert(item.to_owned(), response),
                None => into.responses.remove(item),
            };
        }
    }
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

/// The union of two histories, in time order, numbered 1, 2, 3 … again; undo and redo
/// keep pointing at the same entries.
pub fn merge_history(local: &[Change], remote: &[Change]) -> Vec<Change> {
    let mut seen = std::collections::HashSet::new();
    // (origin list, change) in local order, then the remote's new ones in remote order.
    let mut all: Vec<(&[Change], &Change)> = Vec::new();
    for (list, change) in local
        .iter()
        .map(|c| (local, c))
        .chain(remote.iter().map(|c| (remote, c)))
    {
        if seen.insert(identity(change)) {
            all.push((list, change));
        }
    }
    // Stable: entries of the same second and author keep their order.
    all.sort_by(|(_, a), (_, b)| (a.at.instant, &a.by).cmp(&(b.at.instant, &b.by)));
    let new_seq: BTreeMap<String, u64> = all
        .iter()
        .zip(1u64..)
        .map(|((_, change), seq)| (identity(change), seq))
        .collect();
    let renumber = |list: &[Change], of: u64| {
        list.iter()
            .find(|c| c.seq == of)
            .and_then(|target| new_seq.get(&identity(target)).copied())
            .unwrap_or(of)
    };
    all.iter()
        .zip(1u64..)
        .map(|((list, change), seq)| {
            let mut change = (*change).clone();
            change.seq = seq;
            change.kind = match change.kind {
                ChangeKind::Do => ChangeKind::Do,
                ChangeKind::Undo { of } => ChangeKind::Undo {
                    of: renumber(list, of),
                },
                ChangeKind::Redo { of } => ChangeKind::Redo {
                    of: renumber(list, of),
                },
            };
            change
        })
        .collect()
}

/// Merges `remote` into `local`. `base` is the fields at the last exchange (none when the
/// two copies meet for the first time: then a value present on one side only is taken,
/// and two different values are a conflict).
pub fn merge(local: &VisitRecord, remote: &VisitRecord, base: Option<&Fields>) -> Merged {
    let mine = fields(&local.state);
    let theirs = fields(&remote.state);
    let mut state = local.state.clone();
    let mut conflicts = Vec::new();
    let local_final = local.state.visit.status == Status::Finalized;
    let remote_final = remote.state.visit.status == Status::Finalized;
    let keys: std::collections::BTreeSet<&String> = mine.keys().chain(theirs.keys()).collect();
    let mut keep_status = false;
    for key in keys {
        let l = mine.get(key);
        let r = theirs.get(key);
        if l == r {
            continue;
        }
        let b = base.map(|base| base.get(key));
        let take_theirs = match b {
            Some(b) if l == b => true,
            Some(b) if r == b => false,
            Some(_) => {
                conflicts.push(conflict(key, l, r, remote));
                false
            }
            None if l.is_none() => true,
            None if r.is_none() => false,
            None => {
                conflicts.push(conflict(key, l, r, remote));
                false
            }
        };
        let guarded = key != "status" && key != "trash";
        // A finalized visit is not changed under the inspector's feet by the other side,
        // and local edits are not slipped into a visit the other side finalized.
        let blocked = guarded
            && ((take_theirs && local_final) || (!take_theirs && remote_final && !local_final));
        if blocked && !take_theirs {
            // Local edits the other side's finalize would bury: stay a draft here until the
            // inspector settles them.
            keep_status = true;
        }
        if blocked && !conflicts.iter().any(|c| &c.field == key) {
            conflicts.push(conflict(key, l, r, remote));
        } else if take_theirs && !blocked && !(key == "status" && keep_status) {
            take(&mut state, &remote.state, key);
        }
    }
    if keep_status {
        state.visit.status = local.state.visit.status;
        state.visit.finalized_at = local.state.visit.finalized_at;
    }
    settle_equal(&mut state, &remote.state);
    state.visit.updated_at = local
        .state
        .visit
        .updated_at
        .max_by_instant(remote.state.visit.updated_at);
    let history = merge_history(&local.history, &remote.history);
    Merged {
        record: VisitRecord {
            state,
            rubric: local.rubric.clone(),
            history,
        },
        conflicts,
    }
}

/// Where both sides hold the same value but recorded it at different moments (both gave
/// the same answer, or one took the other's), both keep the later record, so the two copies
/// end up identical instead of rewriting each other's file for ever.
fn settle_equal(state: &mut VisitState, remote: &VisitState) {
    let later = |a: (&crate::domain::visit::Stamp, &String),
                 b: (&crate::domain::visit::Stamp, &String)| {
        (a.0.instant, a.1) < (b.0.instant, b.1)
    };
    for (item, theirs) in &remote.responses {
        if let Some(mine) = state.responses.get_mut(item) {
            let same = mine.answer == theirs.answer && mine.note == theirs.note;
            if same && later((&mine.at, &mine.by), (&theirs.at, &theirs.by)) {
                mine.at = theirs.at;
                mine.by.clone_from(&theirs.by);
            }
        }
    }
    let visit = &mut state.visit;
    if visit.status == remote.visit.status {
        visit.finalized_at = max_stamp(visit.finalized_at, remote.visit.finalized_at);
    }
    if visit.deleted_at.is_some() == remote.visit.deleted_at.is_some() {
        visit.deleted_at = max_stamp(visit.deleted_at, remote.visit.deleted_at);
    }
}

fn max_stamp(
    a: Option<crate::domain::visit::Stamp>,
    b: Option<crate::domain::visit::Stamp>,
) -> Option<crate::domain::visit::Stamp> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.max_by_instant(b)),
        (a, b) => a.or(b),
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
