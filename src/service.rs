//! The service every face uses to change visits (the command line and the TUI alike): check
//! with the domain, then commit to the store. Each returns only once the change is durable.

use crate::domain::action::ActionStatus;
use crate::domain::history::{self, Change, ChangeKind, Edit, EditError, Request};
use crate::domain::rubric::Rubric;
use crate::domain::visit::{
    Findings, Member, RubricRef, Stamp, Status, Unit, Visit, VisitState, VisitSummary,
};
use crate::store::{Store, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum VisitError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Edit(#[from] EditError),
    #[error("no visit matches {0}")]
    NotFound(String),
    #[error("{prefix} matches several visits")]
    Ambiguous {
        prefix: String,
        matches: Vec<VisitSummary>,
    },
    #[error("no action matches {0}")]
    ActionNotFound(String),
    /// Several actions start with the prefix: (action id, its text) of each.
    #[error("{prefix} matches several actions")]
    ActionAmbiguous {
        prefix: String,
        matches: Vec<(String, String)>,
    },
    #[error("no attachment matches {0}")]
    AttachmentNotFound(String),
    /// Several attachments start with the prefix: (attachment id, file name) of each.
    #[error("{prefix} matches several attachments")]
    AttachmentAmbiguous {
        prefix: String,
        matches: Vec<(String, String)>,
    },
    /// The evidence file is not on this laptop (a sync or an import came without it), or it
    /// no longer matches its hash.
    #[error("the file of {0} is missing")]
    EvidenceMissing(String),
    /// The file named to attach.
    #[error("{path}: {problem}")]
    File {
        path: std::path::PathBuf,
        problem: crate::domain::evidence::SourceProblem,
    },
    #[error("cannot open {path}: {source}")]
    Opener {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
}

type Result<T> = std::result::Result<T, VisitError>;

pub use crate::document::digest::{digest, digest_matches, legacy_digest};

/// A new ULID. One generator per process keeps ids strictly increasing even when several
/// visits are created in the same millisecond.
fn new_id() -> String {
    static GENERATOR: std::sync::Mutex<ulid::Generator> =
        std::sync::Mutex::new(ulid::Generator::new());
    let mut generator = GENERATOR
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    // Overflow needs 2^80 ids in one millisecond: not reachable, but never worth a panic.
    match generator.generate() {
        Ok(id) => id.to_string(),
        Err(_) => {
            ulid::Ulid::from_parts(u64::MAX >> 16, u128::from(std::process::id())).to_string()
        }
    }
}

/// What a new visit needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewVisit {
    pub unit: Unit,
    pub date: jiff::civil::Date,
    pub team: Vec<Member>,
}

/// Who acts and when; recorded on every change.
#[derive(Debug, Clone)]
pub struct Actor {
    pub name: String,
    pub at: Stamp,
}

impl Actor {
    pub fn now(name: &str) -> Actor {
        Actor {
            name: name.to_owned(),
            at: Stamp::now(),
        }
    }
}

pub fn create(store: &Store, rubric: &Rubric, new: NewVisit, actor: &Actor) -> Result<VisitState> {
    create_follow_up(store, rubric, new, None, actor)
}

/// Like [`create`], for a visit that checks `follow_up_of` again (its id, already resolved).
pub fn create_follow_up(
    store: &Store,
    rubric: &Rubric,
    new: NewVisit,
    follow_up_of: Option<String>,
    actor: &Actor,
) -> Result<VisitState> {
    // The limit of every other text holds for names too (an import checks the same).
    history::check_text(&new.unit.name)?;
    history::check_text(&new.unit.address)?;
    for member in &new.team {
        history::check_text(&member.name)?;
        history::check_text(&member.position)?;
        history::check_text(&member.agency)?;
    }
    history::check_text(&actor.name)?;
    let visit = Visit {
        id: new_id(),
        unit: new.unit,
        date: new.date,
        team: new.team,
        status: Status::Draft,
        created_at: actor.at,
        updated_at: actor.at,
        finalized_at: None,
        findings: Findings::default(),
        rubric: RubricRef {
            id: rubric.id.clone(),
            version: rubric.version.clone(),
            digest: digest(rubric),
        },
        deleted_at: None,
        follow_up_of,
        actions: Vec::new(),
        attachments: Vec::new(),
    };
    let state = VisitState {
        visit,
        responses: std::collections::BTreeMap::new(),
    };
    let created = Change {
        seq: 1,
        at: actor.at,
        by: actor.name.clone(),
        kind: ChangeKind::Do,
        edit: Edit::Created,
    };
    store.insert_visit(&state, rubric, &created)?;
    Ok(state)
}

/// What an id prefix names among some things with ULIDs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pick<T> {
    One(T),
    None,
    /// Several start with the prefix and none is it exactly.
    Many(Vec<T>),
}

/// The one of `all` whose id (`id_of`) is `prefix` or starts with it, ignoring case, like
/// git: how visits, and plan entries, are named on the command line.
pub fn pick_by_prefix<T>(prefix: &str, all: Vec<T>, id_of: impl Fn(&T) -> &str) -> Pick<T> {
    let wanted = prefix.trim().to_ascii_uppercase();
    if wanted.is_empty() {
        return Pick::None;
    }
    let mut matches: Vec<T> = all
        .into_iter()
        .filter(|item| id_of(item).starts_with(&wanted))
        .collect();
    if let Some(exact) = matches.iter().position(|item| id_of(item) == wanted) {
        return Pick::One(matches.swap_remove(exact));
    }
    match matches.len() {
        0 => Pick::None,
        1 => Pick::One(matches.remove(0)),
        _ => Pick::Many(matches),
    }
}

/// Finds a visit by its id or a unique prefix of it (case-insensitive, like git).
pub fn resolve(store: &Store, prefix: &str) -> Result<String> {
    match pick_by_prefix(prefix, store.summaries()?, |summary| &summary.id) {
        Pick::One(summary) => Ok(summary.id),
        Pick::None => Err(VisitError::NotFound(prefix.to_owned())),
        Pick::Many(matches) => Err(VisitError::Ambiguous {
            prefix: prefix.to_owned(),
            matches,
        }),
    }
}

/// A new plan entry's id: a ULID, like a visit's.
pub fn new_plan_id() -> String {
    new_id()
}

/// The visit a follow-up checks again, when this store holds it (in the trash or not).
pub fn previous(store: &Store, state: &VisitState) -> Option<crate::document::VisitRecord> {
    let id = state.visit.follow_up_of.as_deref()?;
    store.record(id).ok()
}

/// A new action's id: a ULID, like a visit's.
pub fn new_action_id() -> String {
    new_id()
}

/// Every visit's actions (the trash left out), or one visit's: (the visit, its rubric).
pub fn with_actions(store: &Store, visit: Option<&str>) -> Result<Vec<VisitState>> {
    let ids: Vec<String> = match visit {
        Some(prefix) => vec![resolve(store, prefix)?],
        None => store
            .summaries()?
            .into_iter()
            .filter(|summary| !summary.deleted)
            .map(|summary| summary.id)
            .collect(),
    };
    let mut states = Vec::new();
    for id in ids {
        let (state, _) = store.load(&id)?;
        if !state.visit.actions.is_empty() || visit.is_some() {
            states.push(state);
        }
    }
    Ok(states)
}

/// Finds an action by its id or a unique prefix of it (case-insensitive), in any visit
/// outside the trash: (the visit's id, the action's id).
pub fn resolve_action(store: &Store, prefix: &str) -> Result<(String, String)> {
    let wanted = prefix.trim().to_ascii_uppercase();
    if wanted.is_empty() {
        return Err(VisitError::ActionNotFound(prefix.to_owned()));
    }
    let mut matches = Vec::new();
    for state in with_actions(store, None)? {
        for action in &state.visit.actions {
            if action.id() == wanted {
                return Ok((state.visit.id.clone(), action.id().to_owned()));
            }
            if action.id().starts_with(&wanted) {
                matches.push((state.visit.id.clone(), action.clone()));
            }
        }
    }
    match matches.len() {
        0 => Err(VisitError::ActionNotFound(prefix.to_owned())),
        1 => Ok((matches[0].0.clone(), matches[0].1.id().to_owned())),
        _ => Err(VisitError::ActionAmbiguous {
            prefix: prefix.to_owned(),
            matches: matches
                .into_iter()
                .map(|(_, action)| (action.id().to_owned(), action.added.text))
                .collect(),
        }),
    }
}

/// The outcome of an edit: the visit as it now is, and the change recorded (none when the
/// request changed nothing).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edited {
    pub state: VisitState,
    pub rubric: Rubric,
    pub change: Option<Change>,
}

/// Checks `request` and, if it changes anything, records it durably.
pub fn edit(store: &Store, id: &str, request: Request, actor: &Actor) -> Result<Edited> {
    let (state, rubric) = store.load(id)?;
    let edit = history::prepare(&state, &rubric, request)?;
    match edit {
        None => Ok(Edited {
            state,
            rubric,
            change: None,
        }),
        Some(edit) => record(store, state, rubric, edit, ChangeKind::Do, actor),
    }
}

/// Like [`edit`], but records the value even when it is already there: settling a sync
/// conflict in favour of the value shown must still reach the other laptops, so their
/// merge sees the field decided after both changes.
pub fn settle(store: &Store, id: &str, request: Request, actor: &Actor) -> Result<Edited> {
    let (state, rubric) = store.load(id)?;
    let kept = kept_edit(&state, &request);
    // A status already there is no error here: the choice is recorded all the same.
    if let Some(edit @ Edit::ActionStatus { .. }) = kept {
        return record(store, state, rubric, edit, ChangeKind::Do, actor);
    }
    match history::prepare(&state, &rubric, request)? {
        Some(edit) => record(store, state, rubric, edit, ChangeKind::Do, actor),
        None => match kept {
            Some(edit) => record(store, state, rubric, edit, ChangeKind::Do, actor),
            None => Ok(Edited {
                state,
                rubric,
                change: None,
            }),
        },
    }
}

/// The edit that records `request`'s value as chosen although it is already there (for
/// [`settle`]); for an action's status, only when the action already has it.
fn kept_edit(state: &VisitState, request: &Request) -> Option<Edit> {
    Some(match request {
        Request::Answer { item, answer } => Edit::Answer {
            item: item.clone(),
            from: answer.clone(),
            to: answer.clone(),
        },
        Request::Note { item, text } => Edit::Note {
            item: item.clone(),
            from: text.clone(),
            to: text.clone(),
        },
        Request::Finding { field, text } => Edit::Finding {
            field: *field,
            from: text.clone(),
            to: text.clone(),
        },
        Request::ActionSet { id, field, text } => Edit::ActionSet {
            id: id.clone(),
            field: *field,
            from: text.clone(),
            to: text.clone(),
        },
        Request::ActionDone { id, note } | Request::ActionReopen { id, reason: note } => {
            let to = if matches!(request, Request::ActionDone { .. }) {
                ActionStatus::Done
            } else {
                ActionStatus::Open
            };
            let action = state.visit.action(id)?;
            if action.status != to {
                return None;
            }
            Edit::ActionStatus {
                id: id.clone(),
                from: to,
                to,
                note: note.clone(),
            }
        }
        _ => return None,
    })
}

pub fn undo(store: &Store, id: &str, actor: &Actor) -> Result<Edited> {
    let (state, rubric) = store.load(id)?;
    let (edit, kind) = history::undo(&state, &store.history(id)?)?;
    file_kept(store, &edit)?;
    record(store, state, rubric, edit, kind, actor)
}

pub fn redo(store: &Store, id: &str, actor: &Actor) -> Result<Edited> {
    let (state, rubric) = store.load(id)?;
    let (edit, kind) = history::redo(&state, &store.history(id)?)?;
    file_kept(store, &edit)?;
    record(store, state, rubric, edit, kind, actor)
}

/// An undo or redo that attaches again needs the file still kept (`onsite doctor` removes
/// files no visit lists).
fn file_kept(store: &Store, edit: &Edit) -> Result<()> {
    match edit {
        Edit::Attach { attachment } if store.read_evidence(&attachment.sha256).is_none() => {
            Err(VisitError::EvidenceMissing(attachment.name.clone()))
        }
        _ => Ok(()),
    }
}

/// The change `edit` would be, for checking what follows it before anything is recorded
/// (its number is not the store's).
pub fn draft_change(edit: &Edit, actor: &Actor) -> Change {
    Change {
        seq: 0,
        at: actor.at,
        by: actor.name.clone(),
        kind: ChangeKind::Do,
        edit: edit.clone(),
    }
}

/// Records an edit already checked with [`history::prepare`] on this `state` (for callers
/// with something to do in between: evidence keeps its file first).
pub fn record_edit(
    store: &Store,
    state: VisitState,
    rubric: Rubric,
    edit: Edit,
    actor: &Actor,
) -> Result<Edited> {
    record(store, state, rubric, edit, ChangeKind::Do, actor)
}

fn record(
    store: &Store,
    mut state: VisitState,
    rubric: Rubric,
    edit: Edit,
    kind: ChangeKind,
    actor: &Actor,
) -> Result<Edited> {
    history::check_text(&actor.name)?;
    let change = Change {
        seq: store.next_seq(&state.visit.id)?,
        at: actor.at,
        by: actor.name.clone(),
        kind,
        edit,
    };
    history::apply(&mut state, &change);
    store.commit(&state, &change, &state.summary(&rubric))?;
    Ok(Edited {
        state,
        rubric,
        change: Some(change),
    })
}
