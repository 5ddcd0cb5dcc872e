//! Evidence on a visit, shared by the command line and the TUI: read a file the inspector
//! names (safely: not a folder, a FIFO or a device, within the size limit), keep it in the
//! store, record the attachment; find attachments by id; hand a copy to the system viewer;
//! resolve the files for the minutes.

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::domain::evidence::{self, Attachment, MAX_FILE_BYTES, NewAttachment};
use crate::domain::history::{self, Request};
use crate::service::{self, Actor, Edited, VisitError};
use crate::store::Store;

type Result<T> = std::result::Result<T, VisitError>;

pub use crate::domain::evidence::SourceProblem;

/// A file read for attaching.
pub struct FileRead {
    pub bytes: Vec<u8>,
    /// Its name as the inspector knows it (the last part of the path).
    pub name: String,
}

/// Reads the file at `path`: a regular file (links followed), not empty, within
/// [`MAX_FILE_BYTES`] also if it grows while being read.
pub fn read_file(path: &Path) -> std::result::Result<FileRead, SourceProblem> {
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return Err(SourceProblem::Missing);
        }
        Err(error) => return Err(SourceProblem::Unreadable(error)),
    };
    if meta.is_dir() {
        return Err(SourceProblem::Folder);
    }
    // Checked before opening: opening a FIFO for reading waits for a writer.
    if !meta.is_file() {
        return Err(SourceProblem::NotRegular);
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(SourceProblem::TooLarge { bytes: meta.len() });
    }
    let file = std::fs::File::open(path).map_err(SourceProblem::Unreadable)?;
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(SourceProblem::Unreadable)?;
    let read = bytes.len() as u64;
    if read > MAX_FILE_BYTES {
        return Err(SourceProblem::TooLarge { bytes: read });
    }
    if bytes.is_empty() {
        return Err(SourceProblem::Empty);
    }
    let name = path
        .file_name()
        .map_or_else(String::new, |name| name.to_string_lossy().into_owned());
    Ok(FileRead { bytes, name })
}

/// What [`attach`] did with one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attached {
    pub id: String,
    /// The same file was already attached to this item: nothing was recorded for it.
    pub already: bool,
}

/// Attaches `files` to `item` of visit `id`, in order. Everything is checked before anything
/// is kept (the item, each file's size, the visit's total), so bad input changes nothing;
/// then each file is kept durably before its attachment is recorded. Bytes already
/// attached to the item are not attached twice: their attachment is returned.
pub fn attach(
    store: &Store,
    id: &str,
    item: &str,
    files: &[FileRead],
    caption: &str,
    actor: &Actor,
) -> Result<(Vec<Attached>, Option<Edited>)> {
    let (mut state, rubric) = store.load(id)?;
    let item = item.trim();
    // Checked on a copy, one after the other, as they will be recorded.
    let mut planned = Vec::new();
    let mut check = state.clone();
    for file in files {
        let sha256 = evidence::sha256_hex(&file.bytes);
        let same = |a: &&Attachment| a.added.sha256 == sha256;
        if let Some(existing) = check.visit.evidence_of(item).find(same) {
            planned.push((file, existing.id().to_owned(), None));
            continue;
        }
        let sniffed = crate::media::sniff(&file.bytes, &file.name);
        let attachment = NewAttachment {
            id: service::new_action_id(),
            item: item.to_owned(),
            sha256,
            name: file.name.clone(),
            bytes: file.bytes.len() as u64,
            media_type: sniffed.media_type,
            caption: caption.to_owned(),
            taken_at: crate::media::taken_at(&file.bytes),
        };
        let new_id = attachment.id.clone();
        let Some(edit) = history::prepare(&check, &rubric, Request::Attach(attachment))? else {
            continue;
        };
        history::apply(&mut check, &service::draft_change(&edit, actor));
        planned.push((file, new_id, Some(edit)));
    }
    let mut attached = Vec::new();
    let mut outcome = None;
    for (file, new_id, edit) in planned {
        let Some(edit) = edit else {
            attached.push(Attached {
                id: new_id,
                already: true,
            });
            continue;
        };
        store.put_evidence(&file.bytes)?;
        let recorded = service::record_edit(store, state, rubric.clone(), edit, actor)?;
        state = recorded.state.clone();
        outcome = Some(recorded);
        attached.push(Attached {
            id: new_id,
            already: false,
        });
    }
    Ok((attached, outcome))
}

/// Finds an attachment of visit `id` by its id or a unique prefix (case-insensitive).
pub fn resolve(store: &Store, id: &str, prefix: &str) -> Result<Attachment> {
    let (state, _) = store.load(id)?;
    let wanted = prefix.trim().to_ascii_uppercase();
    let matches: Vec<&Attachment> = state
        .visit
        .attachments
        .iter()
        .filter(|a| !wanted.is_empty() && a.id().starts_with(&wanted))
        .collect();
    if let Some(exact) = matches.iter().find(|a| a.id() == wanted) {
        return Ok((*exact).clone());
    }
    match matches.as_slice() {
        [] => Err(VisitError::AttachmentNotFound(prefix.to_owned())),
        [one] => Ok((*one).clone()),
        _ => Err(VisitError::AttachmentAmbiguous {
            prefix: prefix.to_owned(),
            matches: matches
                .iter()
                .map(|a| (a.id().to_owned(), a.added.name.clone()))
                .collect(),
        }),
    }
}

/// Opens a copy of the attachment's file with the system viewer (or the program in
/// `ONSITE_OPENER`, which tests use). A copy, read-only, in the temporary folder: the
/// viewer gets a name with the right extension, and an editor that saves cannot change
/// the kept file, whose name is its hash. Returns the copy's path.
pub fn open(store: &Store, attachment: &Attachment) -> Result<PathBuf> {
    let sha256 = &attachment.added.sha256;
    let bytes = store
        .read_evidence(sha256)
        .ok_or_else(|| VisitError::EvidenceMissing(attachment.added.name.clone()))?;
    // A folder of its own each time, private (mode 0700 on Unix) and kept after onsite ends
    // (the viewer opens the copy later, detached): nothing another user of the machine can
    // plant a link in or read, and no older copy, still open in a viewer, in the way.
    let dir = tempfile::Builder::new()
        .prefix("onsite-open-")
        .tempdir()
        .map_err(|source| VisitError::Opener {
            path: std::env::temp_dir(),
            source,
        })?
        .keep();
    let io = |source| VisitError::Opener {
        path: dir.clone(),
        source,
    };
    let stem = crate::export::slug(
        attachment
            .added
            .name
            .rsplit_once('.')
            .map_or(attachment.added.name.as_str(), |(stem, _)| stem),
    );
    let short = crate::domain::visit::short_id(attachment.id());
    let extension = evidence::extension(&attachment.added);
    let path = dir.join(format!("{short}-{stem}.{extension}"));
    std::fs::write(&path, &bytes).map_err(io)?;
    if let Ok(meta) = std::fs::metadata(&path) {
        let mut permissions = meta.permissions();
        permissions.set_readonly(true);
        let _ = std::fs::set_permissions(&path, permissions);
    }
    let launched = match std::env::var_os("ONSITE_OPENER") {
        Some(program) => std::process::Command::new(program)
            .arg(&path)
            .status()
            .and_then(|status| {
                if status.success() {
                    Ok(())
                } else {
                    Err(std::io::Error::other(format!(
                        "the viewer ended with {status}"
                    )))
                }
            }),
        None => open::that_detached(&path),
    };
    launched.map_err(|source| VisitError::Opener {
        path: path.clone(),
        source,
    })?;
    Ok(path)
}
