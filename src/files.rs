//! Writing files so that a crash, a full disk or a file-size limit never leaves half of one:
//! a temporary file in the target folder, synced, renamed over the target, the folder synced.
//! Below the store and the exports alike (both write through here).

use std::io::Write;
use std::path::{Path, PathBuf};

/// Writes `bytes` to `dir/name` atomically and durably, readable by others as the user's
/// umask allows (an export, a report, a shared folder's file).
pub fn write_atomic(dir: &Path, name: &str, bytes: &[u8]) -> std::io::Result<PathBuf> {
    let target = write_file(dir, name, bytes)?;
    sync_dir(dir)?;
    Ok(target)
}

/// Writes `bytes` to a temporary file in `dir`, fsyncs it and renames it to `name`. The
/// rename is durable once the folder is synced: call [`sync_dir`] after a batch of files.
/// The file is made readable by others as the user's umask allows: teammates under other
/// accounts read a shared folder (a temporary file starts private).
pub fn write_file(dir: &Path, name: &str, bytes: &[u8]) -> std::io::Result<PathBuf> {
    write_with(dir, name, bytes, Sharing::AsUmask)
}

/// [`write_atomic`] for a file only its owner may read (the store's spare copy).
pub fn write_private(dir: &Path, name: &str, bytes: &[u8]) -> std::io::Result<PathBuf> {
    let target = write_with(dir, name, bytes, Sharing::Private)?;
    sync_dir(dir)?;
    Ok(target)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Sharing {
    AsUmask,
    Private,
}

fn write_with(dir: &Path, name: &str, bytes: &[u8], sharing: Sharing) -> std::io::Result<PathBuf> {
    survive_file_size_limit();
    let mut file = tempfile::Builder::new()
        .prefix(".onsite-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    // Through the plain file: its errors do not name the temporary file, which is removed
    // when `file` is dropped on the way out and would only mislead.
    file.as_file_mut().write_all(bytes)?;
    if sharing == Sharing::AsUmask {
        crate::platform::share_as_umask(file.as_file())?;
    }
    file.as_file().sync_data()?;
    let target = dir.join(name);
    file.persist(&target).map_err(|error| error.error)?;
    Ok(target)
}

/// A file-size limit (`ulimit -f`) reached mid-file kills the process by default (SIGXFSZ)
/// and leaves the temporary file behind, or loses what the TUI had not saved. With the signal
/// handled, the write fails with EFBIG like on a full disk: the temporary file is removed, a
/// store write reports its error and the TUI keeps the change to retry. `main` calls this
/// first thing; the export functions call it too, for other users of the library. (Unix
/// only: Windows has no such signal.)
pub fn survive_file_size_limit() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(crate::platform::survive_file_size_limit);
}

/// Makes the renames in `dir` durable (nothing to do on Windows, see `platform`).
pub fn sync_dir(dir: &Path) -> std::io::Result<()> {
    crate::platform::sync_dir(dir)
}
