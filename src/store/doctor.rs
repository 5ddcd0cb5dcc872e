//! Keeping the spare copy in step with the store, rebuilding the store from it, and the
//! checkup behind `onsite doctor`.

use std::path::PathBuf;

use super::spare::Spare;
use super::{Result, Store, StoreError};
use crate::document::VisitRecord;
use crate::domain::visit::Stamp;

/// The store's id; the spare copy's `complete` file names it.
const STORE_ID_KEY: &[u8] = b"meta/store_id";
/// The number of visits in the store; the spare copy's `complete` file repeats it.
pub(super) const VISITS_KEY: &[u8] = b"meta/visits";

/// A store rebuilt from the spare copy.
#[derive(Debug, Clone)]
pub struct Recovery {
    /// Where the refused store was moved (kept, never deleted).
    pub moved_to: PathBuf,
    /// Every visit rebuilt, with the time of its newest change.
    pub restored: Vec<Restored>,
    /// Spare copies that could not be read: the file and why.
    pub unreadable: Vec<(String, String)>,
    /// Whether the spare copy was known to hold every visit (false only for a store made
    /// before spare copies existed that broke before its first open by this version).
    pub complete: bool,
    /// Entries of the campaign plan rebuilt.
    pub plans: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restored {
    pub id: String,
    pub unit: String,
    pub last_change: Stamp,
    pub changes: usize,
}

impl Restored {
    fn of(record: &VisitRecord) -> Restored {
        Restored {
            id: record.state.visit.id.clone(),
            unit: record.state.visit.unit.name.clone(),
            last_change: record
                .history
                .last()
                .map_or(record.state.visit.updated_at, |change| change.at),
            changes: record.history.len(),
        }
    }
}

/// What `onsite doctor` found and did.
#[derive(Debug, Clone, Default)]
pub struct Checkup {
    /// Visits checked in the store.
    pub visits: usize,
    /// Visits whose spare copy was missing or behind, and was rewritten from the store.
    pub spare_refreshed: Vec<String>,
    /// Visits unreadable in the store (or missing from it) brought back from the spare copy.
    pub restored: Vec<Restored>,
    /// Visits neither the store nor the spare copy could give: id and why.
    pub lost: Vec<(String, String)>,
    /// Entries of the campaign plan brought back from the spare copy (missing from the
    /// store, or there without the link to the visit started from them).
    pub plans_restored: usize,
    /// Spare copies of plan entries that could not be read: the file and why.
    pub plans_unreadable: Vec<(String, String)>,
    /// Bytes on disk of the store and of the spare copy (sled never gives space back).
    pub store_bytes: u64,
    pub spare_bytes: u64,
}

impl Checkup {
    /// Whether the user needs to hear about it (a visit brought back or lost).
    pub fn is_news(&self) -> bool {
        !self.restored.is_empty() || !self.lost.is_empty() || self.plans_restored > 0
    }
}

/// The size of every file under `dir`.
fn folder_bytes(dir: &std::path::Path) -> u64 {
    let Ok(listing) = std::fs::read_dir(dir) else {
        return 0;
    };
    listing
        .flatten()
        .map(|entry| match entry.file_type() {
            Ok(kind) if kind.is_dir() => folder_bytes(&entry.path()),
            _ => entry.metadata().map_or(0, |meta| meta.len()),
        })
        .sum()
}

impl Store {
    /// Writes the store's record of `id` to the spare copy.
    pub(super) fn refresh_spare(&self, id: &str) -> Result<()> {
        let record = self.record(id)?;
        self.spare.put(&record);
        Ok(())
    }

    /// On close: syncs the journals and rewrites the documents that need it.
    pub(super) fn settle_spare(&self) {
        for id in self.spare.settle() {
            let _ = self.refresh_spare(&id);
        }
    }

    /// Gives every visit a spare copy, once (a store made before spare copies existed, or
    /// a spare folder of another store).
    pub(super) fn complete_spare(&self) -> Result<()> {
        let store_id = self.store_id()?;
        let complete = self.spare.complete_for().as_deref() == Some(store_id.as_str());
        if complete && self.visit_count()?.is_some() {
            return Ok(());
        }
        let ids = self.visit_ids()?;
        if !complete {
            for id in &ids {
                self.refresh_spare(id)?;
            }
        }
        self.set_visit_count(ids.len() as u64)?;
        self.count_in_spare(&store_id)
    }

    /// Records the store's number of visits beside its spare copy (after a new visit).
    pub(super) fn count_in_spare(&self, store_id: &str) -> Result<()> {
        let count = self.visit_count()?.unwrap_or(0);
        self.spare
            .mark_complete(store_id, count)
            .map_err(|source| StoreError::Io {
                dir: self.dir.clone(),
                source,
            })
    }

    /// The number of visits, as kept under `meta/visits` (absent in stores from before it).
    pub(super) fn visit_count(&self) -> Result<Option<u64>> {
        let value = self.db.get(VISITS_KEY).map_err(|e| self.engine(&e))?;
        Ok(value.and_then(|bytes| std::str::from_utf8(&bytes).ok()?.parse().ok()))
    }

    fn set_visit_count(&self, count: u64) -> Result<()> {
        self.db
            .insert(VISITS_KEY, count.to_string().as_bytes())
            .map_err(|e| self.engine(&e))?;
        self.sync()
    }

    /// Whether the spare copy knows of more visits than the store has: sled takes damage
    /// inside its log for the log's end and opens with what came before, without an error.
    pub(super) fn lost_visits(&self) -> Result<bool> {
        let spare = self.spare.visit_count();
        let stored = self.visit_count()?.unwrap_or(0);
        Ok(spare.is_some_and(|spare| stored < spare))
    }

    /// This laptop's id in a shared folder: the store's id.
    pub fn device_id(&self) -> Result<String> {
        self.store_id()
    }

    /// This store's id, made on first use.
    pub(super) fn store_id(&self) -> Result<String> {
        if let Some(id) = self.db.get(STORE_ID_KEY).map_err(|e| self.engine(&e))? {
            return Ok(String::from_utf8_lossy(&id).into_owned());
        }
        let id = ulid::Ulid::generate().to_string();
        self.db
            .insert(STORE_ID_KEY, id.as_bytes())
            .map_err(|e| self.engine(&e))?;
        self.sync()?;
        Ok(id)
    }

    /// Whether sled opened with nothing although the spare copy belongs to a store that had
    /// a history: sled 0.34 opens a data file it cannot make sense of as an empty database.
    pub(super) fn came_up_empty(db: &sled::Db, spare: &Spare) -> bool {
        // Cheapest first: this runs on every open, and listing the spare folder does not.
        db.get(STORE_ID_KEY).ok().flatten().is_none()
            && spare.complete_for().is_some()
            && !spare.ids().is_empty()
    }

    fn visit_ids(&self) -> Result<Vec<String>> {
        self.db
            .scan_prefix(b"state/")
            .keys()
            .map(|key| {
                let key = key.map_err(|e| self.engine(&e))?;
                Ok(String::from_utf8_lossy(&key[b"state/".len()..]).into_owned())
            })
            .collect()
    }

    /// Fills a new, empty store from the spare copy.
    pub(super) fn rebuild_from_spare(&self, moved_to: PathBuf) -> Result<Recovery> {
        let complete = self.spare.complete_for().is_some();
        if let Some(id) = self.spare.complete_for() {
            // The rebuilt store is the same store: its spare copy stays complete.
            self.db
                .insert(STORE_ID_KEY, id.as_bytes())
                .map_err(|e| self.engine(&e))?;
        }
        let mut recovery = Recovery {
            moved_to,
            restored: Vec::new(),
            unreadable: Vec::new(),
            complete,
            plans: self.restore_plans()?,
        };
        for id in self.spare.ids() {
            match self.spare.read(&id) {
                Ok(record) => {
                    self.put_record(&record)?;
                    recovery.restored.push(Restored::of(&record));
                }
                Err(error) => recovery.unreadable.push((id, error.to_string())),
            }
        }
        Ok(recovery)
    }

    /// Checks every visit in the store against its spare copy: a spare copy that is missing
    /// or behind is rewritten; a visit the store cannot read, or does not have, is brought
    /// back from its spare copy.
    pub fn checkup(&self) -> Result<Checkup> {
        let mut ids = self.visit_ids()?;
        for id in self.spare.ids() {
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        let mut checkup = self.check_visits(&ids)?;
        (checkup.plans_restored, checkup.plans_unreadable) = self.check_plans()?;
        Ok(checkup)
    }

    /// [`Store::checkup`] of some visits only (those a killed process was changing).
    pub(super) fn check_visits(&self, ids: &[String]) -> Result<Checkup> {
        let mut checkup = Checkup::default();
        for id in ids {
            checkup.visits += 1;
            let spare = self.spare.read(id);
            match (self.record(id), spare) {
                (Ok(stored), Ok(spare)) if stored == spare => {}
                // The store lost changes its spare copy has (never seen; the engine's bug).
                (Ok(stored), Ok(spare))
                    if spare.history.len() > stored.history.len()
                        && spare.history.starts_with(&stored.history) =>
                {
                    self.put_record(&spare)?;
                    checkup.restored.push(Restored::of(&spare));
                }
                (Ok(stored), _) => {
                    self.spare.put(&stored);
                    checkup.spare_refreshed.push(id.clone());
                }
                (Err(_), Ok(spare)) => {
                    self.put_record(&spare)?;
                    checkup.restored.push(Restored::of(&spare));
                }
                (Err(error), Err(spare_error)) => {
                    checkup
                        .lost
                        .push((id.clone(), format!("{error}; spare copy: {spare_error}")));
                }
            }
        }
        checkup.store_bytes = folder_bytes(&self.dir.join("store"));
        checkup.spare_bytes = folder_bytes(self.spare.dir());
        Ok(checkup)
    }

    /// The spare copy's folder.
    pub fn spare_dir(&self) -> &std::path::Path {
        self.spare.dir()
    }
}
