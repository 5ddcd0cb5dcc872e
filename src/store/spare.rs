//! The spare copy: every visit also kept outside sled, in `DATA/spare/`, so that a store the
//! engine refuses can be rebuilt (see [`super::Store::open`] and `onsite doctor`).
//!
//! Per visit: `<ID>.yaml`, its `onsite-visit/1` document (what `onsite export` writes, so it
//! also reads with `onsite import`), and `<ID>.changes`, the changes made since that
//! document was written, one JSON line each, as the store keeps them.
//! - A new or imported visit writes its document at once (temp file, sync, rename).
//! - An answer or a note appends one line to the journal after the store has it: one write,
//!   no wait for the disk, so it costs the answer microseconds. A background thread syncs the
//!   journal within about a second, and closing the store syncs it again. A killed process
//!   loses nothing (the system has the line); a power cut can lose the lines of the last
//!   second's answers from the spare copy, which are then still in the store itself.
//! - On close, a journal past [`COMPACT_BYTES`] is folded into a fresh document.
//!
//! Reading replays the journal's lines onto the document with the domain's own `apply`,
//! stopping at the first line that does not follow (a line torn by a power cut).

mod plans;

use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};
use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc;

use crate::document::{self, VisitRecord};
use crate::domain::history::{self, Change};

/// A journal longer than this is folded into the document when the store closes.
pub const COMPACT_BYTES: u64 = 256 * 1024;
/// Written once every visit of the store has a spare copy (new stores, or after the
/// first open of a store made before spare copies existed); it holds the store's id
/// (`meta/store_id`), so a store that sled opens empty is told from a new one.
const COMPLETE: &str = "complete";

/// Why a spare copy could not be read.
#[derive(Debug, thiserror::Error)]
pub enum SpareError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: {detail}")]
    Document { path: PathBuf, detail: String },
}

pub struct Spare {
    dir: PathBuf,
    /// Open journals, by visit id.
    journals: RefCell<HashMap<String, Journal>>,
    /// Visits whose journal or document could not be written: rewritten on close.
    stale: RefCell<BTreeSet<String>>,
    syncer: Syncer,
}

impl Spare {
    pub fn new(dir: PathBuf) -> Spare {
        Spare {
            dir,
            journals: RefCell::new(HashMap::new()),
            stale: RefCell::new(BTreeSet::new()),
            syncer: Syncer::new(),
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn document_path(&self, id: &str) -> PathBuf {
        self.dir.join(format!("{id}.yaml"))
    }

    fn journal_path(&self, id: &str) -> PathBuf {
        self.dir.join(format!("{id}.changes"))
    }

    /// The id of the store whose every visit has a spare copy here, if any.
    pub fn complete_for(&self) -> Option<String> {
        self.completion().map(|(id, _)| id)
    }

    /// How many visits the store had when the spare copy was last completed or grew.
    pub fn visit_count(&self) -> Option<u64> {
        self.completion().and_then(|(_, count)| count)
    }

    /// `complete` holds the store's id and its number of visits.
    fn completion(&self) -> Option<(String, Option<u64>)> {
        let text = std::fs::read_to_string(self.dir.join(COMPLETE)).ok()?;
        let mut words = text.split_whitespace();
        let id = words.next()?.to_owned();
        Some((id, words.next().and_then(|count| count.parse().ok())))
    }

    pub fn mark_complete(&self, store_id: &str, visits: u64) -> std::io::Result<()> {
        crate::platform::create_private_dir(&self.dir)?;
        let text = format!("{store_id} {visits}\n");
        crate::files::write_private(&self.dir, COMPLETE, text.as_bytes())?;
        Ok(())
    }

    /// Writes the visit's document and drops its journal. A failure leaves the visit marked,
    /// to be written again on close; the store has the data.
    pub fn put(&self, record: &VisitRecord) {
        let id = record.state.visit.id.clone();
        if self.write_document(record).is_ok() {
            self.stale.borrow_mut().remove(&id);
        } else {
            self.stale.borrow_mut().insert(id);
        }
    }

    fn write_document(&self, record: &VisitRecord) -> std::io::Result<()> {
        let id = &record.state.visit.id;
        crate::platform::create_private_dir(&self.dir)?;
        let text = document::to_yaml(record);
        crate::files::write_private(&self.dir, &format!("{id}.yaml"), text.as_bytes())?;
        // The document holds every change now; a journal left by a kill right here only
        // holds lines the document already has, which reading skips.
        self.journals.borrow_mut().remove(id);
        match std::fs::remove_file(self.journal_path(id)) {
            Err(error) if error.kind() != std::io::ErrorKind::NotFound => Err(error),
            _ => Ok(()),
        }
    }

    /// Appends a change the store has just made durable, as the store wrote it: one JSON
    /// line (`layout::log_line`), newline included.
    pub fn append(&self, id: &str, line: &[u8]) {
        if self.stale.borrow().contains(id) {
            return;
        }
        let written = self.with_journal(id, |journal| {
            journal.append(line)?;
            self.syncer.request(&journal.file);
            Ok(())
        });
        if written.is_err() {
            self.journals.borrow_mut().remove(id);
            self.stale.borrow_mut().insert(id.to_owned());
        }
    }

    fn with_journal(
        &self,
        id: &str,
        act: impl FnOnce(&mut Journal) -> std::io::Result<()>,
    ) -> std::io::Result<()> {
        let mut journals = self.journals.borrow_mut();
        if !journals.contains_key(id) {
            crate::platform::create_private_dir(&self.dir)?;
            journals.insert(id.to_owned(), Journal::open(&self.journal_path(id))?);
        }
        match journals.get_mut(id) {
            Some(journal) => act(journal),
            None => Ok(()),
        }
    }

    /// On close: which visits need a fresh document (written by the store, which has the
    /// record), after syncing every other journal.
    pub fn settle(&self) -> Vec<String> {
        let mut rewrite: BTreeSet<String> = self.stale.borrow().clone();
        for (id, journal) in self.journals.borrow().iter() {
            if journal.used > COMPACT_BYTES || journal.file.sync_data().is_err() {
                rewrite.insert(id.clone());
            }
        }
        rewrite.into_iter().collect()
    }

    /// The visit ids that have a spare document.
    pub fn ids(&self) -> Vec<String> {
        let Ok(listing) = std::fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let mut ids: Vec<String> = listing
            .flatten()
            .filter_map(|entry| {
                let name = entry.file_name().into_string().ok()?;
                let id = name.strip_suffix(".yaml")?;
                crate::document::is_visit_id(id).then(|| id.to_owned())
            })
            .collect();
        ids.sort();
        ids
    }

    /// The visit as its spare copy has it: the document, then the journal's changes.
    pub fn read(&self, id: &str) -> Result<VisitRecord, SpareError> {
        let path = self.document_path(id);
        let text = std::fs::read_to_string(&path).map_err(|source| SpareError::Io {
            path: path.clone(),
            source,
        })?;
        let mut record = document::parse(&text).map_err(|error| SpareError::Document {
            path: path.clone(),
            detail: error.to_string(),
        })?;
        let journal = match std::fs::read(self.journal_path(id)) {
            Ok(bytes) => bytes,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Vec::new(),
            Err(source) => {
                return Err(SpareError::Io {
                    path: self.journal_path(id),
                    source,
                });
            }
        };
        replay(&mut record, &journal);
        Ok(record)
    }
}

/// A journal file. Its space is written with zeros ahead of use, [`ROOM`] at a time, and
/// lines overwrite them: with ext4's ordered mode an append that grows a file (or fills a
/// hole) makes the store's next `fdatasync` write this file's data and metadata too, which
/// cost every answer about 0.1 ms; overwriting written blocks changes no metadata. A NUL byte
/// (never in a JSON line) marks the end.
struct Journal {
    file: Arc<File>,
    /// Bytes of lines.
    used: u64,
    /// Bytes written (lines and zeros).
    room: u64,
}

/// How much zeroed space a journal gains at a time.
const ROOM: u64 = 64 * 1024;

impl Journal {
    fn open(path: &Path) -> std::io::Result<Journal> {
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(path)?;
        let bytes = std::fs::read(path)?;
        let used = bytes.iter().position(|&b| b == 0).unwrap_or(bytes.len()) as u64;
        Ok(Journal {
            file: Arc::new(file),
            used,
            room: bytes.len() as u64,
        })
    }

    fn append(&mut self, line: &[u8]) -> std::io::Result<()> {
        let end = self.used + line.len() as u64;
        if end > self.room {
            let grow = (end - self.room).div_ceil(ROOM) * ROOM;
            let zeros = vec![0u8; usize::try_from(grow).unwrap_or(usize::MAX)];
            crate::platform::write_at(&self.file, &zeros, self.room)?;
            self.room += grow;
        }
        crate::platform::write_at(&self.file, line, self.used)?;
        self.used = end;
        Ok(())
    }
}

/// Applies the journal's changes that follow the record's last one, in order; stops at the
/// first line that is torn or does not follow, and at the zeros after the last line.
fn replay(record: &mut VisitRecord, journal: &[u8]) {
    let end = journal
        .iter()
        .position(|&b| b == 0)
        .unwrap_or(journal.len());
    for line in journal[..end].split(|&b| b == b'\n') {
        let Ok(change) = serde_json::from_slice::<Change>(line) else {
            break;
        };
        let last = record.history.last().map_or(0, |change| change.seq);
        if change.seq <= last {
            continue;
        }
        if change.seq != last + 1 {
            break;
        }
        history::apply(&mut record.state, &change);
        record.history.push(change);
    }
}

/// Syncs journals in the background, so an answer never waits for a second disk flush: the
/// first request after a quiet spell starts a one-second window, then every journal asked
/// for in it is synced once. A sync per answer would queue behind the store's own and
/// slow every answer down.
struct Syncer {
    /// Started with the first request: a command that only reads never starts a thread.
    sender: std::cell::OnceCell<Option<mpsc::Sender<Arc<File>>>>,
}

/// How long requests are gathered before one sync.
const SYNC_WINDOW: std::time::Duration = std::time::Duration::from_secs(1);

impl Syncer {
    fn new() -> Syncer {
        Syncer {
            sender: std::cell::OnceCell::new(),
        }
    }

    fn start() -> Option<mpsc::Sender<Arc<File>>> {
        let (sender, receiver) = mpsc::channel::<Arc<File>>();
        let started = std::thread::Builder::new()
            .name("onsite-spare-sync".into())
            .spawn(move || {
                while let Ok(first) = receiver.recv() {
                    std::thread::sleep(SYNC_WINDOW);
                    let mut files = vec![first];
                    files.extend(receiver.try_iter());
                    files.sort_by_key(Arc::as_ptr);
                    files.dedup_by(|a, b| Arc::ptr_eq(a, b));
                    for file in files {
                        let _ = file.sync_data();
                    }
                }
            });
        started.is_ok().then_some(sender)
    }

    fn request(&self, file: &Arc<File>) {
        if let Some(sender) = self.sender.get_or_init(Syncer::start) {
            let _ = sender.send(Arc::clone(file));
        }
    }
}
