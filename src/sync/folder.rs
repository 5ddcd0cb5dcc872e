//! Two-way sync with a folder of visit documents (a USB stick, a shared drive, a git work
//! tree), and `onsite import`.
//!
//! Incremental: per visit the store keeps what was last exchanged (file name, size, mtime,
//! the local change count, and the merged field values). A visit whose file and local copy
//! are both unchanged since is skipped without reading or writing anything.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};

use super::{Conflict, Fields, fields, merge};
use crate::document::{self, DocumentError, VisitRecord};
use crate::export;
use crate::store::{Store, StoreError};

/// What was last exchanged for one visit.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncState {
    pub file: String,
    pub len: u64,
    pub mtime_ns: u128,
    /// `updated_at` and history length of the local copy when it was last written out.
    pub local_mark: String,
}

/// Field values both sides last agreed on (the base of the next merge), kept under a key of
/// their own so that checking 1,000 unchanged visits decodes only the small [`SyncState`]s.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
struct SyncBase(Fields);

/// A `sync/` record written before the base had its own key.
#[derive(Deserialize)]
struct OldSyncState {
    base: Option<Fields>,
}

const SYNC: &str = "sync";
const BASE: &str = "syncbase";

fn stored_base(store: &Store, id: &str) -> Result<Option<Fields>, StoreError> {
    if let Some(SyncBase(base)) = store.get_extra(BASE, id)? {
        return Ok(Some(base));
    }
    let old: Option<OldSyncState> = store.get_extra(SYNC, id)?;
    Ok(old.and_then(|old| old.base))
}
const CONFLICTS: &str = "conflict";

#[derive(Debug, Default)]
pub struct Report {
    /// New visits taken in from the folder.
    pub imported: Vec<String>,
    /// Visits that took changes from the folder.
    pub merged: Vec<String>,
    /// Files written out.
    pub written: Vec<PathBuf>,
    pub unchanged: usize,
    pub conflicts: Vec<(String, Conflict)>,
    pub rejected: Vec<(PathBuf, DocumentError)>,
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

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> SyncError + '_ {
    move |source| SyncError::Io {
        path: path.to_owned(),
        source,
    }
}

/// Matches [`Store::change_mark`] for the same visit.
fn local_mark(record: &VisitRecord) -> String {
    let last = record.history.last().map_or(0, |change| change.seq);
    format!("{}#{last}", record.state.visit.updated_at)
}

/// The visit id at the end of an exported file name (`…_01jdx3….yaml`).
fn id_in_name(name: &str) -> Option<String> {
    let stem = name.strip_suffix(".yaml")?;
    let id = stem.rsplit('_').next()?.to_ascii_uppercase();
    (id.len() == 26 && id.parse::<ulid::Ulid>().is_ok()).then_some(id)
}

struct FileInfo {
    path: PathBuf,
    name: String,
    len: u64,
    mtime_ns: u128,
}

fn stat(path: &Path) -> std::io::Result<FileInfo> {
    let meta = std::fs::metadata(path)?;
    let mtime_ns = meta
        .modified()?
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(FileInfo {
        path: path.to_owned(),
        name,
        len: meta.len(),
        mtime_ns,
    })
}

/// Reads and checks one document file.
pub fn read_file(path: &Path) -> Result<VisitRecord, DocumentError> {
    let problem = |message: String| DocumentError {
        problems: vec![document::Problem {
            position: None,
            message,
        }],
    };
    let meta = std::fs::symlink_metadata(path).map_err(|e| problem(format!("cannot read: {e}")))?;
    if meta.file_type().is_symlink() {
        return Err(problem("is a symbolic link; copy the file itself".into()));
    }
    if meta.len() > document::MAX_DOCUMENT_BYTES as u64 {
        return Err(problem(format!(
            "the file is {} bytes, over the {}-byte limit for a visit document",
            meta.len(),
            document::MAX_DOCUMENT_BYTES
        )));
    }
    let bytes = std::fs::read(path).map_err(|e| problem(format!("cannot read: {e}")))?;
    let text = String::from_utf8(bytes).map_err(|_| problem("is not UTF-8 text".into()))?;
    document::parse(&text)
}

/// Merges a document into the store (import or the folder side of a sync). Returns the
/// merged record when the store changed.
pub fn take_in(
    store: &Store,
    remote: &VisitRecord,
    report: &mut Report,
) -> Result<Option<VisitRecord>, SyncError> {
    let id = &remote.state.visit.id;
    take_in_with_base(store, remote, stored_base(store, id)?.as_ref(), report)
}

/// [`take_in`] with an explicit base: the fields both sides last agreed on (git gives it
/// exactly: the file at the merge base).
pub fn take_in_with_base(
    store: &Store,
    remote: &VisitRecord,
    base: Option<&Fields>,
    report: &mut Report,
) -> Result<Option<VisitRecord>, SyncError> {
    let id = &remote.state.visit.id;
    if !store.contains(id)? {
        store.put_record(remote)?;
        report.imported.push(id.clone());
        return Ok(Some(remote.clone()));
    }
    let local = store.record(id)?;
    if local == *remote {
        return Ok(None);
    }
    let merged = merge(&local, remote, base);
    let mut conflicts: Vec<Conflict> = store.get_extra(CONFLICTS, id)?.unwrap_or_default();
    conflicts.retain(|old| !merged.conflicts.iter().any(|new| new.field == old.field));
    conflicts.extend(merged.conflicts.iter().cloned());
    store.set_extra(CONFLICTS, id, (!conflicts.is_empty()).then_some(&conflicts))?;
    report
        .conflicts
        .extend(merged.conflicts.iter().map(|c| (id.clone(), c.clone())));
    if merged.record == local {
        return Ok(None);
    }
    store.put_record(&merged.record)?;
    report.merged.push(id.clone());
    Ok(Some(merged.record))
}

/// The open conflicts of a visit.
pub fn conflicts(store: &Store, id: &str) -> Result<Vec<Conflict>, StoreError> {
    Ok(store.get_extra(CONFLICTS, id)?.unwrap_or_default())
}

/// Drops a conflict once the inspector has picked a value.
pub fn forget_conflict(store: &Store, id: &str, field: &str) -> Result<bool, StoreError> {
    let mut all = conflicts(store, id)?;
    let before = all.len();
    all.retain(|c| c.field != field);
    store.set_extra(CONFLICTS, id, (!all.is_empty()).then_some(&all))?;
    Ok(all.len() < before)
}

/// Imports files and folders of documents. Bad files are reported and change nothing.
pub fn import(store: &Store, paths: &[PathBuf]) -> Result<Report, SyncError> {
    let mut report = Report::default();
    for path in paths {
        let files = if path.is_dir() {
            yaml_files(path)?
        } else {
            vec![path.clone()]
        };
        for file in files {
            match read_file(&file) {
                Ok(record) => {
                    if take_in(store, &record, &mut report)?.is_none() {
                        report.unchanged += 1;
                    }
                }
                Err(error) => report.rejected.push((file, error)),
            }
        }
    }
    Ok(report)
}

/// Whether a path names a `.yaml` file (any case).
pub fn is_yaml(path: &Path) -> bool {
    path.extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case("yaml"))
}

/// `*.yaml` files directly in `dir` (no hidden files, no sub-folders), sorted.
fn yaml_files(dir: &Path) -> Result<Vec<PathBuf>, SyncError> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(io(dir))?
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            !name.starts_with('.') && is_yaml(path)
        })
        .collect();
    files.sort();
    Ok(files)
}

/// Two-way sync of the whole store with `dir`.
pub fn sync(store: &Store, dir: &Path) -> Result<Report, SyncError> {
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    let mut report = Report::default();
    // Folder files by visit id (from the name; a file not named by onsite is read).
    let mut files: BTreeMap<String, FileInfo> = BTreeMap::new();
    for path in yaml_files(dir)? {
        let info = stat(&path).map_err(io(&path))?;
        let id = match id_in_name(&info.name) {
            Some(id) => id,
            None => match read_file(&path) {
                Ok(record) => record.state.visit.id,
                Err(error) => {
                    report.rejected.push((path, error));
                    continue;
                }
            },
        };
        files.insert(id, info);
    }
    let known = Known {
        states: store.extras(SYNC)?,
        marks: store.change_marks()?,
    };
    let ids: BTreeSet<String> = known.marks.keys().chain(files.keys()).cloned().collect();
    for id in ids {
        sync_one(store, dir, &id, files.get(&id), &known, &mut report)?;
    }
    Ok(report)
}

/// What the store knew before the sync started, read in two scans rather than per visit.
struct Known {
    states: BTreeMap<String, SyncState>,
    marks: BTreeMap<String, String>,
}

fn sync_one(
    store: &Store,
    dir: &Path,
    id: &str,
    file: Option<&FileInfo>,
    known: &Known,
    report: &mut Report,
) -> Result<(), SyncError> {
    let state = known.states.get(id);
    let mark = known.marks.get(id);
    let file_unchanged = match (state, file) {
        (Some(s), Some(f)) => s.file == f.name && s.len == f.len && s.mtime_ns == f.mtime_ns,
        (_, None) => true,
        (None, Some(_)) => false,
    };
    let local_unchanged = match (state, mark) {
        (Some(s), Some(mark)) => &s.local_mark == mark,
        (_, None) => true,
        (None, Some(_)) => false,
    };
    if file_unchanged && local_unchanged && file.is_some() {
        report.unchanged += 1;
        return Ok(());
    }
    let mut merged = if mark.is_some() {
        Some(store.record(id)?)
    } else {
        None
    };
    if let (Some(file), false) = (file, file_unchanged) {
        match read_file(&file.path) {
            Ok(remote) => {
                if let Some(record) = take_in(store, &remote, report)? {
                    merged = Some(record);
                }
            }
            Err(error) => {
                report.rejected.push((file.path.clone(), error));
                return Ok(());
            }
        }
    }
    let Some(record) = merged else { return Ok(()) };
    let text = document::to_yaml(&record);
    let name = export::file_name(&record);
    let existing = file.and_then(|f| std::fs::read(&f.path).ok());
    if existing.as_deref() != Some(text.as_bytes()) || file.is_some_and(|f| f.name != name) {
        let written = export::write_atomic(dir, &name, text.as_bytes()).map_err(io(dir))?;
        if let Some(old) = file.filter(|f| f.name != name) {
            std::fs::remove_file(&old.path).map_err(io(&old.path))?;
        }
        report.written.push(written);
    }
    let info = stat(&dir.join(&name)).map_err(io(dir))?;
    let state = SyncState {
        file: name,
        len: info.len,
        mtime_ns: info.mtime_ns,
        local_mark: local_mark(&record),
    };
    store.set_extra(BASE, id, Some(&SyncBase(fields(&record.state))))?;
    store.set_extra(SYNC, id, Some(&state))?;
    Ok(())
}
