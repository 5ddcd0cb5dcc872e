//! Evidence files beside visit documents. An export writes a visit's files to
//! `<document stem>.files/`; a synced folder keeps every visit's files once, in
//! `.onsite/files/` (the folder of each laptop's own copies, which onsite's `.gitattributes`
//! already stores byte for byte, so no laptop's onsite refuses the team repository for it).
//! Files are named `<sha256>.<extension>`; reading one checks its bytes against the hash, and
//! a file that does not match is refused and never reaches the store.

use std::io::Read;
use std::path::{Path, PathBuf};

use super::{OWN_COPIES, SyncError, SyncSummary};
use crate::document::{DocumentError, DocumentProblem, VisitRecord};
use crate::domain::evidence::{Attachment, MAX_FILE_BYTES, sha256_hex};
use crate::store::Store;

/// The synced folder's evidence, under [`OWN_COPIES`].
pub const FILES_DIR: &str = "files";

/// `<stem>.files` beside the document at `path`: where an export puts its evidence.
pub fn export_folder(document: &Path) -> PathBuf {
    let stem = document
        .file_stem()
        .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
    document.with_file_name(format!("{stem}.files"))
}

/// The synced folder's evidence folder, `DIR/.onsite/files`.
pub fn shared_folder(dir: &Path) -> PathBuf {
    dir.join(OWN_COPIES).join(FILES_DIR)
}

/// Where the files of the document at `path` may be: beside it (an export), and the synced
/// folder's evidence, whether the document is at the top of that folder or one of the
/// laptops' own copies in `.onsite/`.
pub fn folders_for(document: &Path) -> Vec<PathBuf> {
    let mut folders = vec![export_folder(document)];
    if let Some(dir) = document.parent() {
        let in_own_copies = dir
            .file_name()
            .is_some_and(|name| name.eq_ignore_ascii_case(OWN_COPIES));
        folders.push(if in_own_copies {
            dir.join(FILES_DIR)
        } else {
            shared_folder(dir)
        });
    }
    folders
}

/// The path of `attachment`'s file in `folder`, if there is a regular file for its hash:
/// `<sha256>.<extension>` first, else any `<sha256>.*` (another release may have chosen
/// another extension).
fn find(folder: &Path, attachment: &Attachment) -> Option<PathBuf> {
    let regular = |path: &Path| std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file());
    let named = folder.join(attachment.file_name());
    if regular(&named) {
        return Some(named);
    }
    let prefix = format!("{}.", attachment.added.sha256);
    std::fs::read_dir(folder)
        .ok()?
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .find(|path| {
            path.file_name()
                .is_some_and(|name| name.to_string_lossy().starts_with(&prefix))
                && regular(path)
        })
}

/// The file's bytes, at most [`MAX_FILE_BYTES`]; `None` when it cannot be read or is larger.
fn read_limited(path: &Path) -> Option<Vec<u8>> {
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .ok()?
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .ok()?;
    (bytes.len() as u64 <= MAX_FILE_BYTES).then_some(bytes)
}

fn refusal(message: String) -> DocumentError {
    DocumentError {
        problems: vec![DocumentProblem {
            position: None,
            message,
        }],
    }
}

/// Brings into the store the files of `record`'s attachments it lacks, found in `folders`.
/// A file whose bytes do not match its hash is refused (in `report.rejected`); one not found
/// is reported (in `report.skipped`) and its attachment kept. Returns whether every file of
/// the record is in the store now.
pub fn take_files(
    store: &Store,
    record: &VisitRecord,
    folders: &[PathBuf],
    report: &mut SyncSummary,
) -> Result<bool, SyncError> {
    let mut complete = true;
    for attachment in &record.state.visit.attachments {
        let sha256 = &attachment.added.sha256;
        if store.read_evidence(sha256).is_some() {
            continue;
        }
        let found = folders.iter().find_map(|folder| find(folder, attachment));
        let Some(path) = found else {
            complete = false;
            let folder = folders.first().cloned().unwrap_or_default();
            report.skipped.push((
                folder.join(attachment.file_name()),
                format!(
                    "the file of «{}» (criterion {}, attachment {}) is not there; the attachment \
                     is kept, and the file is taken when a sync brings it",
                    attachment.added.name,
                    attachment.added.item,
                    attachment.id()
                ),
            ));
            continue;
        };
        let bytes = read_limited(&path);
        if bytes.as_deref().map(sha256_hex).as_ref() != Some(sha256) {
            complete = false;
            report.rejected.push((
                path,
                refusal(format!(
                    "this evidence file does not match its SHA-256 ({sha256}): it was changed \
                     after it was attached; refused. The laptop that attached «{}» still has \
                     the right file: sync it again from there",
                    attachment.added.name
                )),
            ));
            continue;
        }
        if let Some(bytes) = bytes {
            store.put_evidence(&bytes)?;
        }
    }
    Ok(complete)
}

/// Writes into `folder` the files of `record`'s attachments that are not there with the right
/// bytes (a file changed in the folder is written again from the store). A file this
/// laptop does not have is left out. Returns the paths written.
pub fn give_files(
    store: &Store,
    record: &VisitRecord,
    folder: &Path,
) -> Result<Vec<PathBuf>, SyncError> {
    let mut written = Vec::new();
    for attachment in &record.state.visit.attachments {
        let name = attachment.file_name();
        let path = folder.join(&name);
        let sha256 = &attachment.added.sha256;
        if read_limited(&path).is_some_and(|bytes| sha256_hex(&bytes) == *sha256) {
            continue;
        }
        let Some(bytes) = store.read_evidence(sha256) else {
            continue;
        };
        let io = |source| SyncError::Io {
            path: folder.to_owned(),
            source,
        };
        crate::platform::create_shared_dir(folder).map_err(io)?;
        written.push(crate::export::write_file(folder, &name, &bytes).map_err(io)?);
    }
    if !written.is_empty() {
        crate::files::sync_dir(folder).map_err(|source| SyncError::Io {
            path: folder.to_owned(),
            source,
        })?;
    }
    Ok(written)
}
