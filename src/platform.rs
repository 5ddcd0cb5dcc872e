//! What differs between operating systems, each system's way side by side (`unix` for Linux
//! and macOS, `windows`); nothing outside this module says `cfg(unix)` or `cfg(windows)`.
//! Every function below exists on both, with the same meaning:
//!
//! | what | Unix | Windows |
//! |---|---|---|
//! | privacy of the store | umask 077, folders 0700, files 0600 | the profile folder's access list (already the user's only) |
//! | files for others | the user's own umask | inherited access list |
//! | durable file | `fsync` (read-only handle) | `FlushFileBuffers` (needs write access) |
//! | durable folder | `fsync` of the folder | nothing to do (NTFS journals folders) |
//! | after sled's flush | Linux: `sync_data` of its file (sled used `sync_file_range`) | sled already called `sync_all` |
//! | stop asked | SIGINT, SIGTERM, SIGHUP | Ctrl-C, Ctrl-Break, console closed, logoff, shutdown |
//! | file-size limit | SIGXFSZ ignored, the write fails | none |
//! | TUI wait | `poll(2)` on the terminal, signals and the input thread | crossterm's `poll` in short slices |
//! | TUI reports | the folder onsite was started from | `Documents\onsite` |

#[cfg(unix)]
mod unix;
#[cfg(unix)]
use unix as os;

#[cfg(windows)]
mod windows;
#[cfg(windows)]
use windows as os;

use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

/// Waits for the TUI's next event, key, resize or stop request (see `tui::wait`).
pub use os::Waiter;

/// What woke the TUI's [`Waiter`]. Defined here, beside the waiting, so `platform` imports
/// nothing above it; `tui::wait` re-exports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Wake {
    /// Events read from the terminal, in order.
    Input(Vec<crossterm::event::Event>),
    /// SIGTERM or SIGHUP, or the console window closed: save and quit.
    Terminate,
    /// The terminal was resized (or another signal arrived): redraw.
    Redraw,
    /// The terminal is gone: save and quit without drawing.
    Hangup,
    Timeout,
}

/// Files this process creates from now on are readable by their owner only: sled creates its
/// snapshot and blob files long after the store opened, with the process's umask. Exports and
/// reports are written through temporary files, which are private already. On Unix the umask
/// the user started onsite with is kept: files written for others (exports, shared folders)
/// follow it ([`share_as_umask`]). On Windows the profile folder is private already.
pub fn private_new_files() {
    os::private_new_files();
}

/// Opens (creating) the store's lock file for reading and writing, never through a symbolic
/// link: a link planted there would have its target truncated.
pub fn open_lock_file(path: &Path) -> io::Result<File> {
    os::open_lock_file(path)
}

/// Whether `error` came from opening a symbolic link that [`open_lock_file`] refused.
pub fn is_symlink_refusal(path: &Path, error: &io::Error) -> bool {
    error.kind() != io::ErrorKind::NotFound
        && std::fs::symlink_metadata(path).is_ok_and(|meta| meta.file_type().is_symlink())
}

/// Gives `file` the permissions a new file gets under the user's own umask (0644 under the
/// usual 022), where onsite's private umask and temporary files would leave it 0600.
pub fn share_as_umask(file: &File) -> io::Result<()> {
    os::share_as_umask(file)
}

/// Writes all of `bytes` at `offset` of `file`, leaving the file position alone.
pub fn write_at(file: &File, bytes: &[u8], offset: u64) -> io::Result<()> {
    os::write_at(file, bytes, offset)
}

/// Makes every file under `dir` readable and writable by the owner only (0600), for stores
/// written before [`private_new_files`]. Best effort: the folder itself is 0700.
pub fn restrict_files(dir: &Path) {
    os::restrict_files(dir);
}

/// Creates `dir` (and parents) readable by the owner only.
pub fn create_private_dir(dir: &Path) -> io::Result<()> {
    os::create_private_dir(dir)
}

/// Creates `dir` (and parents) readable as the user's umask allows, for folders others read
/// (a shared folder, an export folder); onsite's own umask is private, so the folder made
/// is given its mode afterwards. An existing folder is left as it is.
pub fn create_shared_dir(dir: &Path) -> io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    std::fs::create_dir_all(dir)?;
    os::share_dir_as_umask(dir)
}

/// Whether anyone may write into `dir` (a rubrics folder others could plant files in).
pub fn is_world_writable(dir: &Path) -> bool {
    os::is_world_writable(dir)
}

/// Opens the file at `path` (one another library wrote) so that `sync_data` can be called on
/// it.
pub fn open_to_sync(path: &Path) -> io::Result<File> {
    os::open_to_sync(path)
}

/// Makes the renames and new files in `dir` durable.
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    os::sync_dir(dir)
}

/// What the store adds after sled's own flush so that a write is on stable storage.
pub use os::EngineSync;

/// A file-size limit reached mid-write fails the write instead of killing the process.
pub fn survive_file_size_limit() {
    os::survive_file_size_limit();
}

/// The requests to stop a command-line command: Ctrl-C, a closed terminal or console,
/// `kill`. They only set `flag`; the command stops at its next safe point (see
/// `crate::interrupt`).
pub fn catch_stop_signals(flag: &Arc<AtomicBool>) {
    os::catch_stop_signals(flag);
}

/// Where the TUI writes reports when the settings file names no folder; `None` is the folder
/// onsite was started from.
pub fn default_reports_dir() -> Option<PathBuf> {
    os::default_reports_dir()
}
