//! The visits on this laptop, in an embedded sled database. The only module that names sled.
//!
//! Durability: a write returns only once it is on stable storage. sled 0.34's `flush()` ends
//! in `sync_file_range`, which does not flush the disk's cache (sled#1452), and sled writes
//! values too big for a segment as separate blob files it never fsyncs. So every commit is
//! one atomic batch, then `flush()`, then `sync_data()` on the data file (kept open) and an
//! fsync of any new blob file and of the blob folder. See README, design notes.
//!
//! Layout, one tree, keys by prefix (values are JSON, so old records stay readable):
//! `meta/schema` → schema version · `visit/{id}` → [`Visit`] · `sum/{id}` → [`VisitSummary`] ·
//! `resp/{id}/{item}` → [`Response`] · `hist/{id}/{seq:be64}` → [`Change`] ·
//! `rubric/{digest}` → the exact [`Rubric`] visits were scored against (shared by digest) ·
//! `{kind}/{id}` → small per-visit records of other modules (`sync/`, `conflict/`).

use std::cell::RefCell;
use std::collections::{BTreeMap, HashSet};
use std::ffi::OsString;
use std::fs::{File, OpenOptions};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::document::VisitRecord;
use crate::domain::history::Change;
use crate::domain::rubric::Rubric;
use crate::domain::visit::{Response, Visit, VisitState, VisitSummary};

/// The schema this build writes. Bump it with a migration in [`migrate`] and a fixture store
/// of the old version under `tests/fixtures/`.
pub const SCHEMA: u32 = 1;

const SCHEMA_KEY: &[u8] = b"meta/schema";
/// The visit the TUI has open; still set on the next start means the last run did not end
/// normally (crash, power loss, killed).
const SESSION_KEY: &[u8] = b"meta/session";

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("onsite is already open on {dir} (pid {pid})")]
    Locked { dir: PathBuf, pid: String },
    #[error(
        "the store in {dir} was written by a newer onsite (schema {found}, this one knows {known})"
    )]
    NewerSchema {
        dir: PathBuf,
        found: u32,
        known: u32,
    },
    #[error("{dir} holds something that is not an onsite store")]
    NotAStore { dir: PathBuf },
    #[error("cannot use the data folder {dir}: {source}")]
    Io {
        dir: PathBuf,
        source: std::io::Error,
    },
    #[error("the store in {dir} failed: {detail}")]
    Engine { dir: PathBuf, detail: String },
    #[error("a stored record ({key}) cannot be read: {detail}")]
    Corrupt { key: String, detail: String },
    #[error("no visit {0}")]
    NoVisit(String),
}

type Result<T> = std::result::Result<T, StoreError>;

pub struct Store {
    db: sled::Db,
    dir: PathBuf,
    /// sled's data file, kept open to `sync_data` after each flush.
    data_file: File,
    /// Held for the life of the store: a second process gets [`StoreError::Locked`].
    _lock: File,
    synced_blobs: RefCell<HashSet<OsString>>,
    /// Rubrics already decoded, by digest: their content never changes, and decoding one
    /// costs more than the rest of loading a visit.
    rubrics: RefCell<std::collections::HashMap<String, Rubric>>,
}

fn visit_key(id: &str) -> Vec<u8> {
    format!("visit/{id}").into_bytes()
}
fn summary_key(id: &str) -> Vec<u8> {
    format!("sum/{id}").into_bytes()
}
fn response_prefix(id: &str) -> Vec<u8> {
    format!("resp/{id}/").into_bytes()
}
fn response_key(id: &str, item: &str) -> Vec<u8> {
    format!("resp/{id}/{item}").into_bytes()
}
fn history_prefix(id: &str) -> Vec<u8> {
    format!("hist/{id}/").into_bytes()
}
fn history_key(id: &str, seq: u64) -> Vec<u8> {
    let mut key = history_prefix(id);
    key.extend_from_slice(&seq.to_be_bytes());
    key
}
fn rubric_key(digest: &str) -> Vec<u8> {
    format!("rubric/{digest}").into_bytes()
}

fn encode<T: Serialize>(value: &T) -> Vec<u8> {
    // Our own plain structs with string keys: serializing them to JSON cannot fail.
    serde_json::to_vec(value).unwrap_or_default()
}

fn decode<T: DeserializeOwned>(key: &[u8], bytes: &[u8]) -> Result<T> {
    serde_json::from_slice(bytes).map_err(|error| StoreError::Corrupt {
        key: String::from_utf8_lossy(key).into_owned(),
        detail: error.to_string(),
    })
}

/// Makes every file under `dir` readable and writable by the owner only (0600): sled
/// creates its files with the default umask. Best effort: the folder itself is 0700.
fn restrict_files(dir: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mut pending = vec![dir.to_owned()];
        while let Some(folder) = pending.pop() {
            let Ok(listing) = std::fs::read_dir(&folder) else {
                continue;
            };
            for entry in listing.flatten() {
                let path = entry.path();
                match entry.file_type() {
                    Ok(kind) if kind.is_dir() => pending.push(path),
                    Ok(kind) if kind.is_file() => {
                        let _ =
                            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600));
                    }
                    _ => {}
                }
            }
        }
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// Creates `dir` (and parents) readable by the owner only.
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

impl Store {
    /// Opens (or creates) the store in `dir`, taking the lock and checking the schema.
    pub fn open(dir: &Path) -> Result<Store> {
        let io = |source| StoreError::Io {
            dir: dir.to_owned(),
            source,
        };
        create_private_dir(dir).map_err(io)?;
        let lock = Self::lock(dir)?;
        let db_dir = dir.join("store");
        let engine = |error: sled::Error| StoreError::Engine {
            dir: dir.to_owned(),
            detail: error.to_string(),
        };
        let fresh = !db_dir.exists();
        let db = sled::Config::new().path(&db_dir).open().map_err(engine)?;
        let data_file = File::open(db_dir.join("db")).map_err(io)?;
        let store = Store {
            db,
            dir: dir.to_owned(),
            data_file,
            _lock: lock,
            synced_blobs: RefCell::new(HashSet::new()),
            rubrics: RefCell::new(std::collections::HashMap::new()),
        };
        store.check_schema(fresh)?;
        restrict_files(dir);
        Ok(store)
    }

    fn lock(dir: &Path) -> Result<File> {
        let io = |source| StoreError::Io {
            dir: dir.to_owned(),
            source,
        };
        let path = dir.join("onsite.lock");
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(io)?;
        if file.try_lock().is_err() {
            let mut pid = String::new();
            let _ = file.read_to_string(&mut pid);
            let pid = if pid.trim().is_empty() {
                "?".to_owned()
            } else {
                pid.trim().to_owned()
            };
            return Err(StoreError::Locked {
                dir: dir.to_owned(),
                pid,
            });
        }
        file.set_len(0).map_err(io)?;
        write!(file, "{}", std::process::id()).map_err(io)?;
        Ok(file)
    }

    fn check_schema(&self, fresh: bool) -> Result<()> {
        let found = self.db.get(SCHEMA_KEY).map_err(|e| self.engine(&e))?;
        match found {
            None if fresh || self.db.is_empty() => {
                self.db
                    .insert(SCHEMA_KEY, SCHEMA.to_string().as_bytes())
                    .map_err(|e| self.engine(&e))?;
                self.sync()
            }
            None => Err(StoreError::NotAStore {
                dir: self.dir.clone(),
            }),
            Some(bytes) => {
                let found: u32 = std::str::from_utf8(&bytes)
                    .ok()
                    .and_then(|text| text.parse().ok())
                    .ok_or_else(|| StoreError::NotAStore {
                        dir: self.dir.clone(),
                    })?;
                if found > SCHEMA {
                    Err(StoreError::NewerSchema {
                        dir: self.dir.clone(),
                        found,
                        known: SCHEMA,
                    })
                } else {
                    // Schema 1 is the first: nothing to migrate yet. A schema 2 adds its
                    // migration here, tested against tests/fixtures/store-v1.
                    Ok(())
                }
            }
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn engine(&self, error: &sled::Error) -> StoreError {
        StoreError::Engine {
            dir: self.dir.clone(),
            detail: error.to_string(),
        }
    }

    /// Makes everything written so far durable (see the module comment for why each step).
    fn sync(&self) -> Result<()> {
        let io = |source| StoreError::Io {
            dir: self.dir.clone(),
            source,
        };
        self.db.flush().map_err(|e| self.engine(&e))?;
        self.data_file.sync_data().map_err(io)?;
        self.sync_new_blobs().map_err(io)
    }

    /// fsyncs blob files sled wrote since the last sync, then their folder.
    fn sync_new_blobs(&self) -> std::io::Result<()> {
        let blobs = self.dir.join("store").join("blobs");
        let Ok(listing) = std::fs::read_dir(&blobs) else {
            return Ok(());
        };
        let mut synced = self.synced_blobs.borrow_mut();
        let mut any = false;
        for entry in listing {
            let entry = entry?;
            if synced.insert(entry.file_name()) {
                // A blob sled has already deleted again needs no sync.
                if let Ok(file) = File::open(entry.path()) {
                    file.sync_data()?;
                }
                any = true;
            }
        }
        if any {
            File::open(&blobs)?.sync_all()?;
        }
        Ok(())
    }

    fn get<T: DeserializeOwned>(&self, key: &[u8]) -> Result<Option<T>> {
        match self.db.get(key).map_err(|e| self.engine(&e))? {
            Some(bytes) => decode(key, &bytes).map(Some),
            None => Ok(None),
        }
    }

    /// Stores a new visit, its rubric (once per digest) and its `Created` history entry.
    pub fn insert_visit(
        &self,
        state: &VisitState,
        rubric: &Rubric,
        created: &Change,
    ) -> Result<()> {
        let visit = &state.visit;
        let mut batch = sled::Batch::default();
        let rubric_key = rubric_key(&visit.rubric.digest);
        if !self
            .db
            .contains_key(&rubric_key)
            .map_err(|e| self.engine(&e))?
        {
            batch.insert(rubric_key, encode(rubric));
        }
        batch.insert(visit_key(&visit.id), encode(visit));
        let summary = VisitSummary {
            last_seq: created.seq,
            ..state.summary(rubric)
        };
        batch.insert(summary_key(&visit.id), encode(&summary));
        batch.insert(history_key(&visit.id, created.seq), encode(created));
        self.db.apply_batch(batch).map_err(|e| self.engine(&e))?;
        self.sync()
    }

    /// Records one change atomically: the visit, the touched response, the history entry and
    /// the list summary. Durable when it returns.
    pub fn commit(
        &self,
        state: &VisitState,
        change: &Change,
        summary: &VisitSummary,
    ) -> Result<()> {
        let id = &state.visit.id;
        let mut batch = sled::Batch::default();
        batch.insert(visit_key(id), encode(&state.visit));
        let summary = VisitSummary {
            last_seq: change.seq,
            ..summary.clone()
        };
        batch.insert(summary_key(id), encode(&summary));
        if let Some(item) = change.edit.item() {
            match state.responses.get(item) {
                Some(response) => batch.insert(response_key(id, item), encode(response)),
                None => batch.remove(response_key(id, item)),
            }
        }
        batch.insert(history_key(id, change.seq), encode(change));
        self.db.apply_batch(batch).map_err(|e| self.engine(&e))?;
        self.sync()
    }

    /// Every visit's summary (trash included; see [`VisitSummary::deleted`]), newest first.
    pub fn summaries(&self) -> Result<Vec<VisitSummary>> {
        let mut list = Vec::new();
        for entry in self.db.scan_prefix(b"sum/") {
            let (key, bytes) = entry.map_err(|e| self.engine(&e))?;
            list.push(decode::<VisitSummary>(&key, &bytes)?);
        }
        // ULIDs sort by creation time.
        list.reverse();
        Ok(list)
    }

    /// The visit with its responses and the exact rubric it is scored against.
    pub fn load(&self, id: &str) -> Result<(VisitState, Rubric)> {
        let visit: Visit = self
            .get(&visit_key(id))?
            .ok_or_else(|| StoreError::NoVisit(id.to_owned()))?;
        let rubric = self.rubric(&visit.rubric.digest)?;
        let prefix = response_prefix(id);
        let mut responses = BTreeMap::new();
        for entry in self.db.scan_prefix(&prefix) {
            let (key, bytes) = entry.map_err(|e| self.engine(&e))?;
            let item = String::from_utf8_lossy(&key[prefix.len()..]).into_owned();
            responses.insert(item, decode::<Response>(&key, &bytes)?);
        }
        Ok((VisitState { visit, responses }, rubric))
    }

    /// Everything stored about a visit: state, exact rubric, history.
    pub fn record(&self, id: &str) -> Result<VisitRecord> {
        let (state, rubric) = self.load(id)?;
        let history = self.history(id)?;
        Ok(VisitRecord {
            state,
            rubric,
            history,
        })
    }

    pub fn contains(&self, id: &str) -> Result<bool> {
        self.db
            .contains_key(visit_key(id))
            .map_err(|e| self.engine(&e))
    }

    /// Writes a whole visit (an import, or the result of a merge) in one atomic batch:
    /// responses and history are replaced by the record's.
    pub fn put_record(&self, record: &VisitRecord) -> Result<()> {
        let id = &record.state.visit.id;
        let mut batch = sled::Batch::default();
        let rubric_key = rubric_key(&record.state.visit.rubric.digest);
        if !self
            .db
            .contains_key(&rubric_key)
            .map_err(|e| self.engine(&e))?
        {
            batch.insert(rubric_key, encode(&record.rubric));
        }
        for prefix in [response_prefix(id), history_prefix(id)] {
            for key in self.db.scan_prefix(prefix).keys() {
                batch.remove(key.map_err(|e| self.engine(&e))?);
            }
        }
        batch.insert(visit_key(id), encode(&record.state.visit));
        batch.insert(
            summary_key(id),
            encode(&record.state.summary(&record.rubric)),
        );
        for (item, response) in &record.state.responses {
            batch.insert(response_key(id, item), encode(response));
        }
        for change in &record.history {
            batch.insert(history_key(id, change.seq), encode(change));
        }
        self.db.apply_batch(batch).map_err(|e| self.engine(&e))?;
        self.sync()
    }

    /// Every visit id, oldest first (trash included).
    pub fn ids(&self) -> Result<Vec<String>> {
        let mut ids = Vec::new();
        for key in self.db.scan_prefix(b"visit/").keys() {
            let key = key.map_err(|e| self.engine(&e))?;
            ids.push(String::from_utf8_lossy(&key[b"visit/".len()..]).into_owned());
        }
        Ok(ids)
    }

    /// A small JSON value kept per visit by other modules (sync state, conflicts).
    pub fn get_extra<T: DeserializeOwned>(&self, kind: &str, id: &str) -> Result<Option<T>> {
        self.get(format!("{kind}/{id}").as_bytes())
    }

    pub fn set_extra<T: Serialize>(&self, kind: &str, id: &str, value: Option<&T>) -> Result<()> {
        let key = format!("{kind}/{id}");
        match value {
            Some(value) => self.db.insert(key, encode(value)).map(drop),
            None => self.db.remove(key).map(drop),
        }
        .map_err(|e| self.engine(&e))?;
        self.sync()
    }

    /// The exact rubric with this digest (cached once decoded).
    fn rubric(&self, digest: &str) -> Result<Rubric> {
        if let Some(rubric) = self.rubrics.borrow().get(digest) {
            return Ok(rubric.clone());
        }
        let key = rubric_key(digest);
        let rubric: Rubric = self.get(&key)?.ok_or_else(|| StoreError::Corrupt {
            key: String::from_utf8_lossy(&key).into_owned(),
            detail: "the visit's rubric is missing".into(),
        })?;
        self.rubrics
            .borrow_mut()
            .insert(digest.to_owned(), rubric.clone());
        Ok(rubric)
    }

    /// The visit's history, oldest first.
    pub fn history(&self, id: &str) -> Result<Vec<Change>> {
        let mut changes = Vec::new();
        for entry in self.db.scan_prefix(history_prefix(id)) {
            let (key, bytes) = entry.map_err(|e| self.engine(&e))?;
            changes.push(decode::<Change>(&key, &bytes)?);
        }
        Ok(changes)
    }

    /// Records which visit the TUI has open (`None` when it closes normally).
    pub fn set_session(&self, visit: Option<&str>) -> Result<()> {
        match visit {
            Some(id) => self.db.insert(SESSION_KEY, id.as_bytes()).map(drop),
            None => self.db.remove(SESSION_KEY).map(drop),
        }
        .map_err(|e| self.engine(&e))?;
        self.sync()
    }

    /// The visit that was open when the last TUI session ended without closing.
    pub fn session(&self) -> Result<Option<String>> {
        let value = self.db.get(SESSION_KEY).map_err(|e| self.engine(&e))?;
        Ok(value.map(|bytes| String::from_utf8_lossy(&bytes).into_owned()))
    }

    /// What changes whenever the visit does: its last change's time and number. Cheap (two
    /// key reads), so sync can skip unchanged visits without loading them.
    pub fn change_mark(&self, id: &str) -> Result<Option<String>> {
        let Some(summary) = self.get::<VisitSummary>(&summary_key(id))? else {
            return Ok(None);
        };
        let last = if summary.last_seq > 0 {
            summary.last_seq
        } else {
            self.next_seq(id)? - 1
        };
        Ok(Some(format!("{}#{last}", summary.updated_at)))
    }

    /// The sequence number the next change of this visit gets.
    pub fn next_seq(&self, id: &str) -> Result<u64> {
        let last = self.db.scan_prefix(history_prefix(id)).next_back();
        match last {
            None => Ok(1),
            Some(entry) => {
                let (key, bytes) = entry.map_err(|e| self.engine(&e))?;
                Ok(decode::<Change>(&key, &bytes)?.seq + 1)
            }
        }
    }
}
