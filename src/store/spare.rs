//! The spare copy: every visit also kept outside sled, in `DATA/spare/`, so that a store the
//! engine refuses can be rebuilt (see [`super::Store::open`] and `onsite doctor`).
//!
//! Per visit: `<ID>.yaml`, its `onsite-visit/1` document (what `onsite export` writes, so it
//! also reads with `onsite import`), and `<ID>.changes`, the changes made since that
//! document was written, one JSON line each, as the store keeps them.
//! - A new or imported visit writes its document at once (temp file, sync, rename).
//! - An answer or a note appends one line to the journal after the store has it: one write,
//!   no wait for the disk, so it costs the answer microseconds. A background thread syncs the
//!   journal right after, and closing the store syncs it again. A killed process loses
//!   nothing (the system has the line); a power cut can lose the line of an answer made in
//!   the last moment before it, which is then still in the store itself.
//! - On close, a journal past [`COMPACT_BYTES`] is folded into a fresh document.
//!
//! Reading replays the journal's lines onto the document with the domain's own `apply`,
//! stopping at the first line that does not follow (a line torn by a power cut).

use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
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
    journals: RefCell<HashMap<String, Arc<File>>>,
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
            syncer: Syncer::start(),
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
        let text = std::fs::read_to_string(self.dir.join(COMPLETE)).ok()?;
        Some(text.trim().to_owned()).filter(|id| !id.is_empty())
    }

    pub fn mark_complete(&self, store_id: &str) -> std::io::Result<()> {
        crate::platform::create_private_dir(&self.dir)?;
        crate::export::write_atomic(&self.dir, COMPLETE, store_id.as_bytes())?;
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
        crate::export::write_file(&self.dir, &format!("{id}.yaml"), text.as_bytes())?;
        crate::export::sync_dir(&self.dir)?;
        // The document holds every change now; a journal left by a kill right here only
        // holds lines the document already has, which reading skips.
        self.journals.borrow_mut().remove(id);
        match std::fs::remove_file(self.journal_path(id)) {
            Err(error) if error.kind() != std::io::ErrorKind::NotFound => Err(error),
            _ => Ok(()),
        }
    }

    /// Appends a change the store has just made durable.
    pub fn append(&self, id: &str, change: &Change) {
        if self.stale.borrow().contains(id) {
            return;
        }
        let mut line = serde_json::to_vec(change).unwrap_or_default();
        line.push(b'\n');
        let written = self.journal(id).and_then(|file| {
            (&*file).write_all(&line)?;
            self.syncer.request(&file);
            Ok(())
        });
        if written.is_err() {
            self.journals.borrow_mut().remove(id);
            self.stale.borrow_mut().insert(id.to_owned());
        }
    }

    fn journal(&self, id: &str) -> std::io::Result<Arc<File>> {
        if let Some(file) = self.journals.borrow().get(id) {
            return Ok(Arc::clone(file));
        }
        crate::platform::create_private_dir(&self.dir)?;
        let file = Arc::new(
            OpenOptions::new()
                .append(true)
                .create(true)
                .open(self.journal_path(id))?,
        );
        self.journals
            .borrow_mut()
            .insert(id.to_owned(), Arc::clone(&file));
        Ok(file)
    }

    /// On close: which visits need a fresh document (written by the store, which has the
    /// record), after syncing every other journal.
    pub fn settle(&self) -> Vec<String> {
        let mut rewrite: BTreeSet<String> = self.stale.borrow().clone();
        for (id, file) in self.journals.borrow().iter() {
            let long = file.metadata().is_ok_and(|meta| meta.len() > COMPACT_BYTES);
            if long || file.sync_data().is_err() {
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

/// Applies the journal's changes that follow the record's last one, in order; stops at the
/// first line that is torn or does not follow.
fn replay(record: &mut VisitRecord, journal: &[u8]) {
    for line in journal.split(|&b| b == b'\n') {
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

/// Syncs journals in the background, so an answer never waits for a second disk flush.
/// Requests arriving while one sync runs are folded into the next.
struct Syncer {
    sender: Option<mpsc::Sender<Arc<File>>>,
    pending: Arc<AtomicBool>,
}

impl Syncer {
    fn start() -> Syncer {
        let (sender, receiver) = mpsc::channel::<Arc<File>>();
        let pending = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&pending);
        let started = std::thread::Builder::new()
            .name("onsite-spare-sync".into())
            .spawn(move || {
                while let Ok(file) = receiver.recv() {
                    flag.store(false, Ordering::SeqCst);
                    let _ = file.sync_data();
                }
            });
        Syncer {
            sender: started.is_ok().then_some(sender),
            pending,
        }
    }

    fn request(&self, file: &Arc<File>) {
        if let Some(sender) = &self.sender
            && !self.pending.swap(true, Ordering::SeqCst)
        {
            let _ = sender.send(Arc::clone(file));
        }
    }
}
