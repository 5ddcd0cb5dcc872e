//! The visits on this laptop, in an embedded sled database. The only module that names sled.
//!
//! Durability: a write returns only once it is on stable storage. sled 0.34's `flush()` ends
//! in `sync_file_range`, which does not flush the disk's cache (sled#1452), and sled writes
//! values too big for a segment as separate blob files it never fsyncs. So every change is
//! written, then `flush()`, then `sync_data()` on the data file (kept open) and an fsync of
//! any new blob file and of the blob folder. See README, design notes.
//!
//! Layout: see [`layout`] (schema 2); older stores are upgraded on open ([`migrate`]).

mod layout;
mod migrate;
mod visits;

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::ffi::OsString;
use std::fs::{File, OpenOptions};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::domain::rubric::Rubric;
use layout::{decode, encode, rubric_key};

/// The schema this build writes. Bump it with a migration in [`migrate`] and a fixture store
/// of the old version under `tests/fixtures/`.
pub const SCHEMA: u32 = 2;

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
    rubrics: RefCell<HashMap<String, Rubric>>,
    last: RefCell<Option<visits::Cached>>,
    /// Visits this process has changed (see [`visits`]: their `dirty/` marks).
    dirty: RefCell<HashSet<String>>,
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

/// Opens sled's database. Our own lock is already held, so a locked sled file can only be
/// this process's previous `Store`, just dropped: sled 0.34 lets its background threads
/// release the file a moment after the drop. Wait for that (up to about a second).
fn open_sled(db_dir: &Path) -> sled::Result<sled::Db> {
    let mut tries = 0;
    loop {
        match sled::Config::new().path(db_dir).open() {
            Err(sled::Error::Io(error))
                if error.to_string().contains("could not acquire lock") && tries < 200 =>
            {
                tries += 1;
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
            result => return result,
        }
    }
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
        let db = open_sled(&db_dir).map_err(engine)?;
        let data_file = File::open(db_dir.join("db")).map_err(io)?;
        let store = Store {
            db,
            dir: dir.to_owned(),
            data_file,
            _lock: lock,
            synced_blobs: RefCell::new(HashSet::new()),
            rubrics: RefCell::new(HashMap::new()),
            last: RefCell::new(None),
            dirty: RefCell::new(HashSet::new()),
        };
        store.check_schema(fresh)?;
        store.settle_dirty(false)?;
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
                } else if found == 1 {
                    self.migrate_from_1()
                } else {
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

impl Drop for Store {
    /// Clears this process's `dirty/` marks: every change it acknowledged wrote its summary.
    fn drop(&mut self) {
        let _ = self.settle_dirty(true);
    }
}
