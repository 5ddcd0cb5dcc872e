//! The visits on this laptop, in an embedded sled database. The only module that names sled.
//!
//! Durability: a write returns only once it is on stable storage. sled 0.34's `flush()` ends
//! in `sync_file_range`, which does not flush the disk's cache (sled#1452), and sled writes
//! values too big for a segment as separate blob files it never fsyncs. So every commit is
//! one atomic batch, then `flush()`, then `sync_data()` on the data file (kept open) and an
//! fsync of any new blob file and of the blob folder. See README, design notes.
//!
//! Layout: see [`layout`] (schema 2); older stores are upgraded on open ([`migrate`]).

mod layout;
mod migrate;

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::ffi::OsString;
use std::fs::{File, OpenOptions};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::document::VisitRecord;
use crate::domain::history::Change;
use crate::domain::rubric::Rubric;
use crate::domain::visit::{VisitState, VisitSummary};
use layout::{decode, encode, log_key, log_prefix, rubric_key, state_key, summary_key};

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
    /// The visit read or written last, with its last change number: the TUI and `score`
    /// edit one visit many times, and this process is the only writer (the lock).
    last: RefCell<Option<(VisitState, u64)>>,
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
            rubrics: RefCell::new(HashMap::new()),
            last: RefCell::new(None),
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

    /// Stores a new visit, its rubric (once per digest) and its `Created` history entry.
    pub fn insert_visit(
        &self,
        state: &VisitState,
        rubric: &Rubric,
        created: &Change,
    ) -> Result<()> {
        let id = &state.visit.id;
        let mut batch = sled::Batch::default();
        self.add_rubric(&mut batch, &state.visit.rubric.digest, rubric)?;
        batch.insert(state_key(id), layout::encode_state(state));
        let summary = VisitSummary {
            last_seq: created.seq,
            ..state.summary(rubric)
        };
        batch.insert(summary_key(id), encode(&summary));
        batch.insert(log_key(id, created.seq), layout::log_line(created));
        self.write(batch, Some((state, created.seq)))
    }

    /// Records one change atomically: the visit with its responses, the history entry and
    /// the list summary. Durable when it returns.
    pub fn commit(
        &self,
        state: &VisitState,
        change: &Change,
        summary: &VisitSummary,
    ) -> Result<()> {
        let id = &state.visit.id;
        let mut batch = sled::Batch::default();
        batch.insert(state_key(id), layout::encode_state(state));
        let summary = VisitSummary {
            last_seq: change.seq,
            ..summary.clone()
        };
        batch.insert(summary_key(id), encode(&summary));
        let line = layout::log_line(change);
        match self.tail_chunk(id)? {
            Some((key, chunk)) if layout::fits(&chunk, &line) => {
                let mut chunk = chunk.to_vec();
                chunk.extend_from_slice(&line);
                batch.insert(key, chunk);
            }
            _ => batch.insert(log_key(id, change.seq), line),
        }
        self.write(batch, Some((state, change.seq)))
    }

    /// Applies `batch`, makes it durable, and remembers `last` as the visit read last (or
    /// forgets it when the write failed: what is stored is then unknown here).
    fn write(&self, batch: sled::Batch, last: Option<(&VisitState, u64)>) -> Result<()> {
        *self.last.borrow_mut() = None;
        self.db.apply_batch(batch).map_err(|e| self.engine(&e))?;
        self.sync()?;
        *self.last.borrow_mut() = last.map(|(state, seq)| (state.clone(), seq));
        Ok(())
    }

    fn add_rubric(&self, batch: &mut sled::Batch, digest: &str, rubric: &Rubric) -> Result<()> {
        let key = rubric_key(digest);
        if !self.db.contains_key(&key).map_err(|e| self.engine(&e))? {
            batch.insert(key, encode(rubric));
        }
        Ok(())
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

    /// The newest visits' summaries that `keep` accepts, at most `limit` of them, and whether
    /// more were left out. Stops reading once the page is full.
    pub fn newest(
        &self,
        limit: Option<usize>,
        keep: impl Fn(&VisitSummary) -> bool,
    ) -> Result<(Vec<VisitSummary>, bool)> {
        let mut page = Vec::new();
        for entry in self.db.scan_prefix(b"sum/").rev() {
            let (key, bytes) = entry.map_err(|e| self.engine(&e))?;
            let summary: VisitSummary = decode(&key, &bytes)?;
            if keep(&summary) {
                if limit.is_some_and(|limit| page.len() == limit) {
                    return Ok((page, true));
                }
                page.push(summary);
            }
        }
        Ok((page, false))
    }

    /// The visit with its responses and the exact rubric it is scored against.
    pub fn load(&self, id: &str) -> Result<(VisitState, Rubric)> {
        let cached = match &*self.last.borrow() {
            Some((state, _)) if state.visit.id == id => Some(state.clone()),
            _ => None,
        };
        let state = if let Some(state) = cached {
            state
        } else {
            let key = state_key(id);
            let bytes = self
                .db
                .get(&key)
                .map_err(|e| self.engine(&e))?
                .ok_or_else(|| StoreError::NoVisit(id.to_owned()))?;
            layout::decode_state(&key, &bytes)?
        };
        let rubric = self.rubric(&state.visit.rubric.digest)?;
        Ok((state, rubric))
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
            .contains_key(state_key(id))
            .map_err(|e| self.engine(&e))
    }

    /// Writes a whole visit (an import, or the result of a merge) in one atomic batch:
    /// responses and history are replaced by the record's.
    pub fn put_record(&self, record: &VisitRecord) -> Result<()> {
        let state = &record.state;
        let id = &state.visit.id;
        let mut batch = sled::Batch::default();
        self.add_rubric(&mut batch, &state.visit.rubric.digest, &record.rubric)?;
        for key in self.db.scan_prefix(log_prefix(id)).keys() {
            batch.remove(key.map_err(|e| self.engine(&e))?);
        }
        let last_seq = record.history.last().map_or(0, |change| change.seq);
        batch.insert(state_key(id), layout::encode_state(state));
        let summary = VisitSummary {
            last_seq,
            ..state.summary(&record.rubric)
        };
        batch.insert(summary_key(id), encode(&summary));
        for (key, chunk) in layout::chunks(id, &record.history) {
            batch.insert(key, chunk);
        }
        self.write(batch, Some((state, last_seq)))
    }

    /// Every visit id, oldest first (trash included).
    pub fn ids(&self) -> Result<Vec<String>> {
        let mut ids = Vec::new();
        for key in self.db.scan_prefix(b"sum/").keys() {
            let key = key.map_err(|e| self.engine(&e))?;
            ids.push(String::from_utf8_lossy(&key[b"sum/".len()..]).into_owned());
        }
        Ok(ids)
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

    /// [`Store::change_mark`] of every visit, by id, read in one scan.
    pub fn change_marks(&self) -> Result<BTreeMap<String, String>> {
        let mut marks = BTreeMap::new();
        for summary in self.summaries()? {
            let mark = if summary.last_seq > 0 {
                format!("{}#{}", summary.updated_at, summary.last_seq)
            } else {
                self.change_mark(&summary.id)?.unwrap_or_default()
            };
            marks.insert(summary.id, mark);
        }
        Ok(marks)
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
        for entry in self.db.scan_prefix(log_prefix(id)) {
            let (key, chunk) = entry.map_err(|e| self.engine(&e))?;
            layout::decode_chunk(&key, &chunk, &mut changes)?;
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

    /// What changes whenever the visit does: its last change's time and number. Cheap (one
    /// small read), so sync can skip unchanged visits without loading them.
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
        if let Some((state, last)) = &*self.last.borrow()
            && state.visit.id == id
        {
            return Ok(last + 1);
        }
        let Some((key, chunk)) = self.tail_chunk(id)? else {
            return Ok(1);
        };
        let line = chunk
            .split(|&b| b == b'\n')
            .rfind(|line| !line.is_empty())
            .unwrap_or_default();
        Ok(decode::<Change>(&key, line)?.seq + 1)
    }

    /// The visit's last history chunk: key and bytes.
    fn tail_chunk(&self, id: &str) -> Result<Option<(sled::IVec, sled::IVec)>> {
        let last = self.db.scan_prefix(log_prefix(id)).next_back();
        last.transpose().map_err(|e| self.engine(&e))
    }
}
