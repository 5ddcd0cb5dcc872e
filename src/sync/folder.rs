//! Two-way sync with a shared folder (a USB stick, a shared drive, a git work tree), and
//! `onsite import`.
//!
//! The folder holds, per visit:
//! - `<date>_<unit>_<id>.yaml`: the visit for people and other tools (`onsite-visit/1`),
//!   written by whichever laptop synced last;
//! - `.onsite/<ID>.<DEVICE>.yaml`: the visit as laptop `DEVICE` knows it (its store's id).
//!   Only that laptop ever writes that file, so two laptops syncing at the same moment never
//!   write the same file, and what one wrote is never lost to the other's rename.
//!
//! Every copy found, whatever its name, is merged into the store by [`super::merge`]: the
//! union of histories, replayed. A stale copy put back, a duplicate under another name, or
//! a teammate's file from an older sync can only bring changes already known. A copy that
//! contradicts its own history, or holds another rubric or header under the same id, is
//! refused and reported; nothing of it is merged. onsite never deletes a file it finds.
//! Only regular files are read: a FIFO, device, socket or symbolic link is skipped with a
//! warning (a FIFO would block the read for ever, with the store locked). Sizes are
//! checked before reading.
//!
//! Incremental: per visit the store keeps the size and time of every file of that visit it
//! last read or wrote and the local change mark; a visit whose files and local copy are
//! unchanged since is skipped without reading or writing anything.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};

use super::{Conflict, Refusal, check, evidence, merge};
pub use super::{OWN_COPIES, SyncError, SyncSummary};
use crate::document::{self, DocumentError, VisitRecord};
use crate::export;
use crate::store::{Store, StoreError};

/// What was last exchanged for one visit: every file of it (name under the folder →
/// size and modification time) and the local change mark.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncState {
    #[serde(default)]
    pub files: BTreeMap<String, (u64, u128)>,
    /// `updated_at` and history length of the local copy when it was last written out.
    #[serde(default)]
    pub local_mark: String,
    /// Some of the visit's evidence files were not in the folder or the store: looked for
    /// again on every sync, even when nothing else changed.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub missing_evidence: bool,
}

const SYNC: &str = "sync";
const CONFLICTS: &str = "conflict";

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> SyncError + '_ {
    move |source| SyncError::Io {
        path: path.to_owned(),
        source,
    }
}

/// One problem, no position: a document refused as a whole.
pub(crate) fn refused_because(message: String) -> DocumentError {
    refused(message)
}

fn refused(message: String) -> DocumentError {
    DocumentError {
        problems: vec![document::DocumentProblem {
            position: None,
            message,
        }],
    }
}

/// Matches [`Store::change_mark`] for the same visit.
fn local_mark(record: &VisitRecord) -> String {
    let last = record.history.last().map_or(0, |change| change.seq);
    format!("{}#{last}", record.state.visit.updated_at)
}

/// The visit id a file name carries: `…_<id>.yaml` (exported) or `<ID>.<DEVICE>.yaml`
/// (a laptop's own copy); any case.
fn id_in_name(name: &str) -> Option<String> {
    let stem = name.strip_suffix(".yaml")?;
    let exported = stem.rsplit('_').next();
    let own = stem.split('.').next();
    [exported, own]
        .into_iter()
        .flatten()
        .map(str::to_ascii_uppercase)
        .find(|id| document::is_visit_id(id))
}

/// This laptop's own copy of a visit, relative to the folder.
fn own_copy(id: &str, device: &str) -> String {
    format!("{OWN_COPIES}/{id}.{device}.yaml")
}

#[derive(Debug, Clone)]
struct FileInfo {
    path: PathBuf,
    /// Relative to the synced folder (`name.yaml` or `.onsite/name.yaml`).
    name: String,
    len: u64,
    mtime_ns: u128,
}

fn stat(dir: &Path, name: &str) -> std::io::Result<FileInfo> {
    let path = dir.join(name);
    let meta = std::fs::symlink_metadata(&path)?;
    let mtime_ns = meta
        .modified()?
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    Ok(FileInfo {
        path,
        name: name.to_owned(),
        len: meta.len(),
        mtime_ns,
    })
}

/// Reads and checks one document file: a regular file, within the size limit, UTF-8.
pub fn read_file(path: &Path) -> Result<VisitRecord, DocumentError> {
    let problem = |message: String| refused(message);
    let meta = std::fs::symlink_metadata(path).map_err(|e| problem(format!("cannot read: {e}")))?;
    if meta.file_type().is_symlink() {
        return Err(problem("is a symbolic link; copy the file itself".into()));
    }
    if !meta.is_file() {
        return Err(problem(
            "is not a regular file (a pipe, device or socket); skipped".into(),
        ));
    }
    let limit = document::MAX_DOCUMENT_BYTES as u64;
    let too_big = |len: u64| {
        problem(format!(
            "the file is {len} bytes, over the {limit}-byte limit for a visit document"
        ))
    };
    if meta.len() > limit {
        return Err(too_big(meta.len()));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|file| file.take(limit + 1).read_to_end(&mut bytes))
        .map_err(|e| problem(format!("cannot read: {e}")))?;
    if bytes.len() as u64 > limit {
        return Err(too_big(bytes.len() as u64));
    }
    let text = String::from_utf8(bytes).map_err(|_| problem("is not UTF-8 text".into()))?;
    document::parse(&text)
}

/// Merges a document into the store (import or the folder side of a sync). Returns the
/// merged record when the store changed; a refused document is reported under `path`.
pub fn take_in(
    store: &Store,
    remote: &VisitRecord,
    path: &Path,
    report: &mut SyncSummary,
) -> Result<Option<VisitRecord>, SyncError> {
    let id = &remote.state.visit.id;
    let refuse = |report: &mut SyncSummary, refusal: Refusal| {
        report
            .rejected
            .push((path.to_owned(), refused(refusal.to_string())));
    };
    if let Err(refusal) = check(remote) {
        refuse(report, refusal);
        return Ok(None);
    }
    if !store.contains(id)? {
        store.put_record(remote)?;
        report.imported.push(id.clone());
        return Ok(Some(remote.clone()));
    }
    let local = store.record(id)?;
    if local == *remote {
        return Ok(None);
    }
    let merged = match merge(&local, remote) {
        Ok(merged) => merged,
        Err(refusal) => {
            refuse(report, refusal);
            return Ok(None);
        }
    };
    let before: Vec<Conflict> = store.get_extra(CONFLICTS, id)?.unwrap_or_default();
    let mut conflicts = before.clone();
    // A conflict stays listed while its field is unsettled in the merged history.
    conflicts.retain(|old| {
        merged
            .unsettled
            .as_ref()
            .is_none_or(|open| open.contains(&old.field))
            && !merged.conflicts.iter().any(|new| new.field == old.field)
    });
    conflicts.extend(merged.conflicts.iter().cloned());
    if conflicts != before {
        store.set_extra(CONFLICTS, id, (!conflicts.is_empty()).then_some(&conflicts))?;
    }
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

/// [`take_in`] for git, which used to pass the copy at the merge base; the union of
/// histories needs none.
pub fn take_in_with_base(
    store: &Store,
    remote: &VisitRecord,
    _base: Option<&super::Fields>,
    report: &mut SyncSummary,
) -> Result<Option<VisitRecord>, SyncError> {
    let name = PathBuf::from(format!("{}.yaml", remote.state.visit.id));
    take_in(store, remote, &name, report)
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
pub fn import(store: &Store, paths: &[PathBuf]) -> Result<SyncSummary, SyncError> {
    let mut report = SyncSummary::default();
    for path in paths {
        let files = if path.is_dir() {
            let mut skipped = Vec::new();
            let names = yaml_files(path, &mut skipped)?;
            report.skipped.extend(skipped);
            names.iter().map(|name| path.join(name)).collect()
        } else {
            vec![path.clone()]
        };
        for file in files {
            if crate::interrupt::requested() {
                return Ok(report);
            }
            match read_file(&file) {
                Ok(record) => {
                    let refused = report.rejected.len();
                    if take_in(store, &record, &file, &mut report)?.is_none() {
                        report.unchanged += 1;
                    }
                    if report.rejected.len() == refused {
                        let folders = evidence::folders_for(&file);
                        evidence::take_files(store, &record, &folders, &mut report)?;
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

/// Names of the regular `*.yaml` files directly in `dir` (no hidden files, no sub-folders),
/// sorted; other `*.yaml` entries (pipes, links, devices) go to `skipped`.
fn yaml_files(dir: &Path, skipped: &mut Vec<(PathBuf, String)>) -> Result<Vec<String>, SyncError> {
    let mut names = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(io(dir))?.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') || !is_yaml(Path::new(&name)) {
            continue;
        }
        match entry.file_type() {
            Ok(kind) if kind.is_file() => names.push(name),
            Ok(kind) => {
                let why = if kind.is_symlink() {
                    "is a symbolic link; skipped (copy the file itself)"
                } else {
                    "is not a regular file (a pipe, device or socket); skipped"
                };
                skipped.push((entry.path(), why.to_owned()));
            }
            Err(error) => skipped.push((entry.path(), format!("cannot read: {error}"))),
        }
    }
    names.sort();
    Ok(names)
}

/// Two-way sync of the whole store with `dir`.
pub fn sync(store: &Store, dir: &Path) -> Result<SyncSummary, SyncError> {
    let own_dir = dir.join(OWN_COPIES);
    crate::platform::create_shared_dir(dir).map_err(io(dir))?;
    crate::platform::create_shared_dir(&own_dir).map_err(io(&own_dir))?;
    let device = store.device_id()?;
    let mut report = SyncSummary::default();
    let mut files: BTreeMap<String, Vec<FileInfo>> = BTreeMap::new();
    let mut listed = yaml_files(dir, &mut report.skipped)?;
    let own: Vec<String> = yaml_files(&own_dir, &mut report.skipped)?
        .into_iter()
        .map(|name| format!("{OWN_COPIES}/{name}"))
        .collect();
    listed.extend(own);
    for name in listed {
        let info = stat(dir, &name).map_err(io(&dir.join(&name)))?;
        let file_name = name.rsplit('/').next().unwrap_or(&name);
        let id = match id_in_name(file_name) {
            Some(id) => id,
            // A file not named by onsite: its content says which visit it is.
            None => match read_file(&info.path) {
                Ok(record) => record.state.visit.id,
                Err(error) => {
                    report.rejected.push((info.path.clone(), error));
                    continue;
                }
            },
        };
        files.entry(id).or_default().push(info);
    }
    let known = Known {
        states: store.extras(SYNC)?,
        marks: store.change_marks()?,
    };
    let ids: BTreeSet<String> = known.marks.keys().chain(files.keys()).cloned().collect();
    for id in ids {
        if crate::interrupt::requested() {
            break;
        }
        let found = files.get(&id).map_or(&[][..], Vec::as_slice);
        sync_one(store, dir, &device, &id, found, &known, &mut report)?;
    }
    super::plans::sync(store, dir, &mut report)?;
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
    device: &str,
    id: &str,
    files: &[FileInfo],
    known: &Known,
    report: &mut SyncSummary,
) -> Result<(), SyncError> {
    let state = known.states.get(id);
    let mark = known.marks.get(id);
    let seen = |file: &FileInfo| {
        state.and_then(|s| s.files.get(&file.name)) == Some(&(file.len, file.mtime_ns))
    };
    let changed: Vec<&FileInfo> = files.iter().filter(|file| !seen(file)).collect();
    let local_unchanged = match (state, mark) {
        (Some(s), Some(mark)) => &s.local_mark == mark,
        (_, None) => true,
        (None, Some(_)) => false,
    };
    let own = own_copy(id, device);
    let has_own = files.iter().any(|file| file.name == own);
    let evidence_missing = state.is_some_and(|s| s.missing_evidence);
    if changed.is_empty() && local_unchanged && has_own && !evidence_missing {
        report.unchanged += 1;
        return Ok(());
    }
    let counts = |report: &SyncSummary| {
        (
            report.imported.len(),
            report.merged.len(),
            report.written.len(),
            report.rejected.len(),
        )
    };
    let before = counts(report);
    let mut refused_files = BTreeSet::new();
    for file in changed {
        let rejected_before = report.rejected.len();
        match read_file(&file.path) {
            Ok(remote) if remote.state.visit.id == id => {
                take_in(store, &remote, &file.path, report)?;
            }
            Ok(remote) => report.rejected.push((
                file.path.clone(),
                refused(format!(
                    "its name says visit {id} but it holds visit {}; refused",
                    remote.state.visit.id
                )),
            )),
            Err(error) => report.rejected.push((file.path.clone(), error)),
        }
        if report.rejected.len() > rejected_before {
            refused_files.insert(file.name.clone());
        }
    }
    if !store.contains(id)? {
        return Ok(());
    }
    let record = store.record(id)?;
    // Evidence first: a teammate who reads the document finds its files already there.
    let readable = export::file_name(&record);
    let shared = evidence::shared_folder(dir);
    let folders = [
        shared.clone(),
        evidence::export_folder(&dir.join(&readable)),
    ];
    let complete = evidence::take_files(store, &record, &folders, report)?;
    evidence::give_files(store, &record, &shared)?;
    let text = document::to_yaml(&record);
    // What was seen of each file when the folder was listed, before reading it: a file a
    // teammate rewrites while this sync runs then differs next time and is read again.
    // A refused file is not remembered: every sync says so again until it is fixed.
    let mut seen_files: BTreeMap<String, (u64, u128)> = files
        .iter()
        .filter(|file| !refused_files.contains(&file.name))
        .map(|file| (file.name.clone(), (file.len, file.mtime_ns)))
        .collect();
    for name in [own, readable.clone()] {
        let path = dir.join(&name);
        if !holds(&path, &text, &record) {
            let (folder, file) = match name.rsplit_once('/') {
                Some((folder, file)) => (dir.join(folder), file.to_owned()),
                None => (dir.to_owned(), name.clone()),
            };
            let written = export::write_atomic(&folder, &file, text.as_bytes()).map_err(io(dir))?;
            // Counted: the file people read (a laptop's own copy is bookkeeping).
            if name == readable {
                report.written.push(written);
            }
            if let Ok(info) = stat(dir, &name) {
                seen_files.insert(name, (info.len, info.mtime_ns));
            }
        }
    }
    if counts(report) == before {
        // Read (a teammate wrote their own copy) but nothing new: unchanged all the same.
        report.unchanged += 1;
    }
    let state = SyncState {
        files: seen_files,
        local_mark: local_mark(&record),
        missing_evidence: !complete,
    };
    store.set_extra(SYNC, id, Some(&state))?;
    Ok(())
}

/// Whether the file at `path` already holds `record`: the same bytes as `text`, or the same
/// visit and history with only the derived summary worded otherwise (a document another
/// release wrote). Such a file is left alone: rewriting it for wording would touch every
/// teammate's folder after each upgrade.
fn holds(path: &Path, text: &str, record: &VisitRecord) -> bool {
    let Ok(bytes) = std::fs::read(path) else {
        return false;
    };
    if bytes == text.as_bytes() {
        return true;
    }
    let Ok(written) = std::str::from_utf8(&bytes) else {
        return false;
    };
    document::parse(written).is_ok_and(|old| {
        old.state == record.state && old.history == record.history && old.rubric == record.rubric
    })
}
