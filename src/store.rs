//! The visits on this laptop, in an embedded sled database. The only module that names sled.
//!
//! Durability: a write returns only once it is on stable storage. sled 0.34's `flush()` ends
//! in `sync_file_range`, which does not flush the disk's cache (sled#1452), and sled writes
//! values too big for a segment as separate blob files it never fsyncs. So every change is
//! written, then `flush()`, then on Linux `sync_data()` on the data file (kept open; other
//! systems' sled calls `sync_all` itself: [`crate::platform::EngineSync`]) and, everywhere, an
//! fsync of any new blob file and of the blob folder. See docs/design.md, the store.
//!
//! Layout: see [`layout`] (schema 3); older stores are upgraded on open ([`migrate`]).

mod doctor;
mod engine;
mod evidence;
mod layout;
mod migrate;
mod plans;
mod records;
mod spare;

pub use doctor::{Checkup, Recovery, Restored};
pub use engine::EngineRepair;
pub use evidence::Cleaned;
pub use spare::SpareError;

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::ffi::OsString;
use std::fs::File;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::domain::rubric::Rubric;
use layout::{decode, encode, rubric_key};

/// The schema this build writes. Bump it with a migration in [`migrate`] and a fixture store
/// of the old version under `tests/fixtures/`.
pub const SCHEMA: u32 = 3;

const SCHEMA_KEY: &[u8] = b"meta/schema";
/// The visit the TUI has open; still set on the next start means the last run did not end
/// normally (crash, power loss, killed).
const SESSION_KEY: &[u8] = b"meta/session";
/// Beside the lock file: the pid of the process holding the lock, for the "already open"
/// message.
const PID_FILE: &str = "onsite.pid";

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("onsite is already open on {dir} (pid {pid})")]
    Locked { dir: PathBuf, pid: String },
    #[error("the lock file {path} is a symbolic link; refused")]
    LockIsLink { path: PathBuf },
    #[error(
        "the store in {dir} is damaged ({detail}) and there is no spare copy to rebuild it from"
    )]
    Damaged { dir: PathBuf, detail: String },
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
    /// A stop signal arrived (see [`crate::interrupt`]); this change was not started.
    #[error("interrupted before this change was saved")]
    Interrupted,
}

type Result<T> = std::result::Result<T, StoreError>;

pub struct Store {
    db: sled::Db,
    /// Notes and findings ([`layout::TEXTS_TREE`]).
    texts: sled::Tree,
    dir: PathBuf,
    /// What makes sled's flush durable on this system (Linux: its data file, kept open).
    engine_sync: crate::platform::EngineSync,
    /// Held for the life of the store: a second process gets [`StoreError::Locked`].
    _lock: File,
    synced_blobs: RefCell<HashSet<OsString>>,
    /// Rubrics already decoded, by digest: their content never changes, and decoding one
    /// costs more than the rest of loading a visit.
    rubrics: RefCell<HashMap<String, Rubric>>,
    last: RefCell<Option<records::Cached>>,
    /// Visits this process has changed (see [`visits`]: their `dirty/` marks).
    dirty: RefCell<HashSet<String>>,
    /// The copy of every visit outside sled.
    spare: spare::Spare,
    /// What opening repaired or rebuilt, for the user to read.
    opened: Vec<Opened>,
}

/// Something [`Store::open`] had to repair; each is reported once to the user.
#[derive(Debug)]
pub enum Opened {
    Engine(EngineRepair),
    /// sled refused the store: it was moved aside and rebuilt from the spare copy.
    Rebuilt(Recovery),
    /// Visits checked against the spare copy after a replay or a killed process, when one
    /// was brought back or lost.
    Checked(Checkup),
}

impl Store {
    /// Opens (or creates) the store in `dir`, taking the lock and checking the schema. A
    /// store the engine refuses is repaired or rebuilt from the spare copy; see
    /// [`Store::opened`] for what was done.
    pub fn open(dir: &Path) -> Result<Store> {
        let io = |source| StoreError::Io {
            dir: dir.to_owned(),
            source,
        };
        crate::platform::private_new_files();
        crate::platform::create_private_dir(dir).map_err(io)?;
        let lock = Self::lock(dir)?;
        let db_dir = dir.join("store");
        let aside = dir.join("aside");
        let fresh = !db_dir.exists();
        let (db, repairs) = engine::open(&db_dir, &aside);
        let mut opened: Vec<Opened> = repairs.into_iter().map(Opened::Engine).collect();
        let spare = spare::Spare::new(dir.join("spare"));
        let refused = match &db {
            Err(sled::Error::Corruption { .. }) => true,
            Ok(db) => Store::came_up_empty(db, &spare),
            Err(_) => false,
        };
        let (db, rebuilding) = if refused && !spare.ids().is_empty() {
            // Closed before its files move: sled holds them until the handle is gone.
            drop(db);
            let moved = aside.join(format!("store-{}", engine::stamp()));
            crate::platform::create_private_dir(&aside).map_err(io)?;
            std::fs::rename(&db_dir, &moved).map_err(io)?;
            let (db, _) = engine::open(&db_dir, &aside);
            (db.map_err(|e| engine_error(dir, &e))?, Some(moved))
        } else {
            match db {
                Ok(db) => (db, None),
                Err(error @ sled::Error::Corruption { .. }) => {
                    return Err(StoreError::Damaged {
                        dir: dir.to_owned(),
                        detail: error.to_string(),
                    });
                }
                Err(error) => return Err(engine_error(dir, &error)),
            }
        };
        let engine_sync = crate::platform::EngineSync::open(&db_dir.join("db")).map_err(io)?;
        let texts = db
            .open_tree(layout::TEXTS_TREE)
            .map_err(|e| engine_error(dir, &e))?;
        let mut store = Store {
            db,
            texts,
            dir: dir.to_owned(),
            engine_sync,
            _lock: lock,
            synced_blobs: RefCell::new(HashSet::new()),
            rubrics: RefCell::new(HashMap::new()),
            last: RefCell::new(None),
            dirty: RefCell::new(HashSet::new()),
            spare,
            opened: Vec::new(),
        };
        store.check_schema(fresh || rebuilding.is_some())?;
        if let Some(moved) = rebuilding {
            opened.push(Opened::Rebuilt(store.rebuild_from_spare(moved)?));
        }
        let left = store.settle_dirty(false)?;
        store.complete_spare()?;
        // A replay without snapshots, or a process that died mid-change, can leave the store
        // and its spare copy apart: check those visits against each other.
        let replayed = opened
            .iter()
            .any(|repair| matches!(repair, Opened::Engine(EngineRepair::SnapshotsSetAside(_))));
        let checkup = if replayed || store.lost_visits()? {
            Some(store.checkup()?)
        } else if left.is_empty() {
            None
        } else {
            Some(store.check_visits(&left)?)
        };
        if let Some(checkup) = checkup.filter(Checkup::is_news) {
            opened.push(Opened::Checked(checkup));
        }
        // Stores from before the umask was set: their sled files may be 0644. Not the spare
        // copy, whose files were always private (thousands of them: one chmod each).
        crate::platform::restrict_files(&db_dir);
        store.opened = opened;
        Ok(store)
    }

    /// What opening the store repaired or rebuilt (empty when it opened normally).
    pub fn opened(&self) -> &[Opened] {
        &self.opened
    }

    fn lock(dir: &Path) -> Result<File> {
        let io = |source| StoreError::Io {
            dir: dir.to_owned(),
            source,
        };
        let path = dir.join("onsite.lock");
        let mut file = crate::platform::open_lock_file(&path).map_err(|source| {
            if crate::platform::is_symlink_refusal(&path, &source) {
                StoreError::LockIsLink { path: path.clone() }
            } else {
                io(source)
            }
        })?;
        let pid_path = dir.join(PID_FILE);
        if file.try_lock().is_err() {
            // The pid file first: Windows lets no other process read a locked file. The lock
            // file still holds it for onsite versions before the pid file.
            let mut pid = std::fs::read_to_string(&pid_path).unwrap_or_default();
            if pid.trim().is_empty() {
                let _ = file.read_to_string(&mut pid);
            }
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
        // Only a hint for the message above: not synced, and a failure is no reason to stop.
        // Removed and created anew, never written through a link planted in its place.
        let _ = std::fs::remove_file(&pid_path);
        if let Ok(mut pid_file) = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&pid_path)
        {
            let _ = write!(pid_file, "{}", std::process::id());
        }
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
                    if found == 1 {
                        self.migrate_from_1()?;
                    }
                    if found <= 2 {
                        self.migrate_from_2()?;
                    }
                    Ok(())
                }
            }
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn engine(&self, error: &sled::Error) -> StoreError {
        engine_error(&self.dir, error)
    }

    /// Makes everything written so far durable (see the module comment for why each step).
    fn sync(&self) -> Result<()> {
        let io = |source| StoreError::Io {
            dir: self.dir.clone(),
            source,
        };
        self.db.flush().map_err(|e| self.engine(&e))?;
        self.engine_sync.after_flush().map_err(io)?;
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
                if let Ok(file) = crate::platform::open_to_sync(&entry.path()) {
                    file.sync_data()?;
                }
                any = true;
            }
        }
        if any {
            crate::platform::sync_dir(&blobs)?;
        }
        Ok(())
    }

    /// Applies `main` to the main tree and `texts` (if any) to the texts tree, atomically,
    /// then syncs. Without texts it is a plain batch: a transaction costs more.
    fn write_both(&self, main: sled::Batch, texts: Option<sled::Batch>) -> Result<()> {
        use sled::Transactional;
        let Some(texts) = texts else {
            return self.write_batch(main);
        };
        if crate::interrupt::requested() {
            return Err(StoreError::Interrupted);
        }
        let (main, texts) = (&main, &texts);
        (&*self.db, &self.texts)
            .transaction(|(main_tree, text_tree)| {
                main_tree.apply_batch(main)?;
                text_tree.apply_batch(texts)?;
                Ok(())
            })
            .map_err(
                |error: sled::transaction::TransactionError<()>| match error {
                    sled::transaction::TransactionError::Storage(error) => self.engine(&error),
                    sled::transaction::TransactionError::Abort(()) => StoreError::Engine {
                        dir: self.dir.clone(),
                        detail: "a transaction was aborted".into(),
                    },
                },
            )?;
        self.sync()
    }

    fn get<T: DeserializeOwned>(&self, key: &[u8]) -> Result<Option<T>> {
        match self.db.get(key).map_err(|e| self.engine(&e))? {
            Some(bytes) => decode(key, &bytes).map(Some),
            None => Ok(None),
        }
    }

    /// Every visit's `kind` record by visit id, read in one scan (sync reads them all).
    pub fn extras<T: DeserializeOwned>(&self, kind: &str) -> Result<BTreeMap<String, T>> {
        let prefix = format!("{kind}/");
        let mut all = BTreeMap::new();
        for entry in self.db.scan_prefix(prefix.as_bytes()) {
            let (key, bytes) = entry.map_err(|e| self.engine(&e))?;
            let id = String::from_utf8_lossy(&key[prefix.len()..]).into_owned();
            all.insert(id, decode(&key, &bytes)?);
        }
        Ok(all)
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

    /// The exact rubric a visit was scored against, by its digest (cached).
    pub fn rubric(&self, digest: &str) -> Result<Rubric> {
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
}

fn engine_error(dir: &Path, error: &sled::Error) -> StoreError {
    StoreError::Engine {
        dir: dir.to_owned(),
        detail: error.to_string(),
    }
}

impl Drop for Store {
    /// Clears this process's `dirty/` marks (every change it acknowledged wrote its summary)
    /// and brings the spare copies of the visits it changed to disk.
    fn drop(&mut self) {
        let _ = self.settle_dirty(true);
        self.settle_spare();
        // sled's background cleaning writes blob files nobody syncs (docs/sled-checklist.md).
        let _ = self.sync_new_blobs();
    }
}
