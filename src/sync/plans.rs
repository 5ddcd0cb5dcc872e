//! The campaign plan through the shared folder (and the git work tree, which is one):
//! `plans/<ID>.yaml`, one `onsite-plan/1` document per entry.
//!
//! An entry's fields never change after its import; only its link to a visit does, once. So
//! merging is simple and decided purely ([`decide`]): an entry this laptop lacks is taken, an
//! entry started elsewhere becomes started here ([`PlanEntry::merged`]), and every entry the
//! store holds is written out when the folder's file differs. Files are only added or
//! rewritten, never deleted; a file that is not an entry is reported and left alone.

use std::io::Read;
use std::path::{Path, PathBuf};

use super::folder::{SyncError, SyncSummary};
use crate::document::plan::{MAX_PLAN_DOCUMENT_BYTES, parse, to_yaml};
use crate::domain::plan::PlanEntry;
use crate::store::Store;

/// The folder of plan entries, under the synced folder.
pub const PLANS_DIR: &str = "plans";

/// What one remote copy changes in the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Take {
    /// An entry this laptop did not have.
    New(PlanEntry),
    /// An entry started on another laptop (or linked to an earlier visit there).
    Linked(PlanEntry),
}

/// Pure: what to store, given this laptop's entries and the copies read from the folder.
pub fn decide(local: &[PlanEntry], remote: &[PlanEntry]) -> Vec<Take> {
    let mut takes: Vec<Take> = Vec::new();
    for theirs in remote {
        let already = takes.iter_mut().find_map(|take| match take {
            Take::New(entry) | Take::Linked(entry) if entry.id == theirs.id => Some(entry),
            _ => None,
        });
        if let Some(entry) = already {
            *entry = entry.merged(theirs);
            continue;
        }
        match local.iter().find(|mine| mine.id == theirs.id) {
            None => takes.push(Take::New(theirs.clone())),
            Some(mine) => {
                let merged = mine.merged(theirs);
                if merged != *mine {
                    takes.push(Take::Linked(merged));
                }
            }
        }
    }
    takes
}

/// Reads `dir/plans/`, takes in what is new, writes out what the folder lacks.
pub fn sync(store: &Store, dir: &Path, report: &mut SyncSummary) -> Result<(), SyncError> {
    let folder = dir.join(PLANS_DIR);
    let remote = read_folder(&folder, report);
    take_in(store, &remote, report)?;
    let all = store.plans()?;
    if all.is_empty() {
        return Ok(());
    }
    crate::platform::create_shared_dir(&folder).map_err(io(&folder))?;
    let mut wrote = false;
    for entry in &all {
        let name = format!("{}.yaml", entry.id);
        let text = to_yaml(entry);
        if std::fs::read(folder.join(&name)).is_ok_and(|bytes| bytes == text.as_bytes()) {
            continue;
        }
        crate::files::write_file(&folder, &name, text.as_bytes()).map_err(io(&folder))?;
        report.plans_written += 1;
        wrote = true;
    }
    if wrote {
        crate::files::sync_dir(&folder).map_err(io(&folder))?;
    }
    Ok(())
}

/// Merges copies of entries read elsewhere (the folder, a git remote) into the store, in one
/// batch, counting what was new and what was started elsewhere.
pub fn take_in(
    store: &Store,
    remote: &[PlanEntry],
    report: &mut SyncSummary,
) -> Result<(), SyncError> {
    let local = store.plans()?;
    let takes = decide(&local, remote);
    let mut changed = Vec::new();
    for take in takes {
        match take {
            Take::New(entry) => {
                report.plans_new += 1;
                changed.push(entry);
            }
            Take::Linked(entry) => {
                report.plans_linked += 1;
                changed.push(entry);
            }
        }
    }
    store.put_plans(&changed)?;
    Ok(())
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> SyncError + '_ {
    move |source| SyncError::Io {
        path: path.to_owned(),
        source,
    }
}

/// Every entry in the folder's regular `*.yaml` files; the others are reported.
fn read_folder(folder: &Path, report: &mut SyncSummary) -> Vec<PlanEntry> {
    let Ok(listing) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut names: Vec<(String, PathBuf)> = listing
        .filter_map(Result::ok)
        .map(|entry| {
            (
                entry.file_name().to_string_lossy().into_owned(),
                entry.path(),
            )
        })
        .filter(|(name, path)| !name.starts_with('.') && super::folder::is_yaml(path))
        .collect();
    names.sort();
    let mut entries = Vec::new();
    for (name, path) in names {
        match read_entry(&path) {
            Ok(entry) if name.eq_ignore_ascii_case(&format!("{}.yaml", entry.id)) => {
                entries.push(entry);
            }
            Ok(entry) => report.rejected.push((
                path,
                super::folder::refused_because(format!(
                    "its name is not its entry's id ({}.yaml); refused",
                    entry.id
                )),
            )),
            Err(why) => report
                .rejected
                .push((path, super::folder::refused_because(why))),
        }
    }
    entries
}

fn read_entry(path: &Path) -> Result<PlanEntry, String> {
    let meta = std::fs::symlink_metadata(path).map_err(|e| format!("cannot read: {e}"))?;
    if !meta.is_file() {
        return Err("is not a regular file; skipped".into());
    }
    if meta.len() > MAX_PLAN_DOCUMENT_BYTES {
        return Err(format!(
            "the file is {} bytes, over the {MAX_PLAN_DOCUMENT_BYTES}-byte limit for a plan entry",
            meta.len()
        ));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|file| {
            file.take(MAX_PLAN_DOCUMENT_BYTES + 1)
                .read_to_end(&mut bytes)
        })
        .map_err(|e| format!("cannot read: {e}"))?;
    let text = String::from_utf8(bytes).map_err(|_| "is not UTF-8 text".to_owned())?;
    parse(&text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::visit::{Stamp, Unit};

    fn entry(id: &str, visit: Option<&str>) -> PlanEntry {
        PlanEntry {
            id: id.into(),
            unit: Unit::default(),
            date: "2026-12-01".parse().expect("a date"),
            team: Vec::new(),
            rubric: "r".into(),
            visit: visit.map(str::to_owned),
            imported_at: Stamp::now(),
            imported_by: "Lan".into(),
        }
    }

    #[test]
    fn new_entries_are_taken_and_started_ones_linked() {
        let local = [entry("A", None), entry("B", Some("V1")), entry("C", None)];
        let remote = [
            entry("A", Some("V2")),
            entry("B", None),
            entry("C", None),
            entry("D", None),
        ];
        assert_eq!(
            decide(&local, &remote),
            [
                Take::Linked(entry("A", Some("V2"))),
                Take::New(entry("D", None)),
            ]
        );
        assert_eq!(decide(&local, &local), []);
    }
}
