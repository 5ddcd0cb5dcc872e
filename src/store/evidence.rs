//! Evidence files in `DATA/evidence/`, one per content, named by the SHA-256 of its bytes
//! (no extension: the name is the hash, nothing a file's own name could steer). Private like
//! the store. A file is written durably (temporary file, sync, rename, folder sync) before
//! the attachment that names it is recorded, so an acknowledged attachment always has its
//! file; a process killed in between leaves a file no visit names, which `onsite doctor`
//! removes ([`Store::clean_evidence`]). Detaching keeps the file (undo attaches it again)
//! until the doctor finds no visit that still lists it.

use std::collections::BTreeSet;
use std::path::PathBuf;

use super::{Result, Store, StoreError};
use crate::domain::evidence::{is_sha256, sha256_hex};

/// The folder of evidence files, under the data folder.
const EVIDENCE_DIR: &str = "evidence";

/// What [`Store::clean_evidence`] removed.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Cleaned {
    /// Files no visit lists (left by a killed attach, or detached everywhere).
    pub unused: Vec<String>,
    /// Temporary files of writes that never finished.
    pub unfinished: usize,
}

impl Store {
    fn evidence_dir(&self) -> PathBuf {
        self.dir.join(EVIDENCE_DIR)
    }

    fn evidence_io(&self, source: std::io::Error) -> StoreError {
        StoreError::Io {
            dir: self.evidence_dir(),
            source,
        }
    }

    /// Keeps `bytes` as an evidence file and returns their SHA-256; durable on return. The
    /// same bytes kept before are not written again.
    pub fn put_evidence(&self, bytes: &[u8]) -> Result<String> {
        let sha256 = sha256_hex(bytes);
        if self.has_evidence(&sha256, bytes.len() as u64) {
            return Ok(sha256);
        }
        if crate::interrupt::requested() {
            return Err(StoreError::Interrupted);
        }
        let dir = self.evidence_dir();
        crate::platform::create_private_dir(&dir).map_err(|e| self.evidence_io(e))?;
        crate::files::write_private(&dir, &sha256, bytes).map_err(|e| self.evidence_io(e))?;
        Ok(sha256)
    }

    /// Whether the file with this hash is kept, with the size it should have.
    fn has_evidence(&self, sha256: &str, bytes: u64) -> bool {
        self.evidence_file(sha256)
            .and_then(|path| std::fs::metadata(path).ok())
            .is_some_and(|meta| meta.is_file() && meta.len() == bytes)
    }

    /// Where the file with this hash would be (it may be missing: a visit synced or imported
    /// without it). `None` for anything that is not a hash.
    pub fn evidence_file(&self, sha256: &str) -> Option<PathBuf> {
        is_sha256(sha256).then(|| self.evidence_dir().join(sha256))
    }

    /// The bytes of the file with this hash, checked against it; `None` when it is missing
    /// or does not match (a damaged disk), so nothing wrong is ever shown or exported.
    pub fn read_evidence(&self, sha256: &str) -> Option<Vec<u8>> {
        let bytes = std::fs::read(self.evidence_file(sha256)?).ok()?;
        (sha256_hex(&bytes) == sha256).then_some(bytes)
    }

    /// The hashes of the evidence every visit lists (the trash included).
    pub fn evidence_in_use(&self) -> Result<BTreeSet<String>> {
        let mut used = BTreeSet::new();
        for summary in self.summaries()? {
            let (state, _) = self.load(&summary.id)?;
            used.extend(state.visit.attachments.into_iter().map(|a| a.added.sha256));
        }
        Ok(used)
    }

    /// Removes the evidence files no visit lists and the temporary files of unfinished
    /// writes. Run by `onsite doctor`; nothing else deletes evidence.
    pub fn clean_evidence(&self) -> Result<Cleaned> {
        let mut cleaned = Cleaned::default();
        let dir = self.evidence_dir();
        let Ok(listing) = std::fs::read_dir(&dir) else {
            return Ok(cleaned);
        };
        let used = self.evidence_in_use()?;
        for entry in listing {
            let entry = entry.map_err(|e| self.evidence_io(e))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            // The temporary files of `files::write_private`: `.onsite-*.tmp`, as written.
            let unfinished = name.starts_with(".onsite-")
                && std::path::Path::new(&name)
                    .extension()
                    .is_some_and(|ext| ext == "tmp");
            let unused = is_sha256(&name) && !used.contains(&name);
            if unfinished || unused {
                std::fs::remove_file(entry.path()).map_err(|e| self.evidence_io(e))?;
                if unfinished {
                    cleaned.unfinished += 1;
                } else {
                    cleaned.unused.push(name);
                }
            }
        }
        if cleaned != Cleaned::default() {
            crate::files::sync_dir(&dir).map_err(|e| self.evidence_io(e))?;
        }
        cleaned.unused.sort();
        Ok(cleaned)
    }
}
