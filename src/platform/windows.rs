//! Windows: the profile folder's access list instead of modes, no folder fsync, the console's
//! control events instead of signals.
//!
//! Privacy: the store lives under `%LOCALAPPDATA%` (see `paths`), inside the user's profile,
//! whose access list lets in only that user, SYSTEM and the Administrators; every file and
//! folder created there inherits it. So nothing is narrowed here. A `--data-dir` elsewhere
//! (another drive, a shared folder) gets that folder's access list instead: choose one only
//! you can read.

// Each function has the signature of its Unix twin, where it can fail.
#![allow(clippy::unnecessary_wraps)]

mod wait;

pub use wait::Waiter;

use std::fs::{File, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

pub fn private_new_files() {}

pub fn open_lock_file(path: &Path) -> io::Result<File> {
    if std::fs::symlink_metadata(path).is_ok_and(|meta| meta.file_type().is_symlink()) {
        // Told apart by `is_symlink_refusal`, which looks at the path, not this error.
        return Err(io::Error::other("the lock file is a symbolic link"));
    }
    OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
}

pub fn share_as_umask(_file: &File) -> io::Result<()> {
    Ok(())
}

pub fn write_at(file: &File, bytes: &[u8], offset: u64) -> io::Result<()> {
    let mut done = 0;
    while done < bytes.len() {
        let wrote =
            std::os::windows::fs::FileExt::seek_write(file, &bytes[done..], offset + done as u64)?;
        if wrote == 0 {
            return Err(io::ErrorKind::WriteZero.into());
        }
        done += wrote;
    }
    Ok(())
}

pub fn restrict_files(_dir: &Path) {}

pub fn create_private_dir(dir: &Path) -> io::Result<()> {
    std::fs::create_dir_all(dir)
}

pub fn share_dir_as_umask(_dir: &Path) -> io::Result<()> {
    Ok(())
}

/// Access lists are not read here: a rubrics folder is never reported as open to everyone.
pub fn is_world_writable(_dir: &Path) -> bool {
    false
}

pub fn open_to_sync(path: &Path) -> io::Result<File> {
    // `FlushFileBuffers` needs a handle with write access: on a read-only one it fails with
    // "access denied".
    OpenOptions::new().write(true).open(path)
}

/// NTFS journals its folders: a rename is durable once the file system commits it, and
/// Windows has no call to flush a folder (opening one as a file fails).
pub fn sync_dir(_dir: &Path) -> io::Result<()> {
    Ok(())
}

/// sled ends each flush in `sync_all` (`FlushFileBuffers`) here: nothing to add.
pub struct EngineSync;

impl EngineSync {
    pub fn open(_data_file: &Path) -> io::Result<EngineSync> {
        Ok(EngineSync)
    }

    pub fn after_flush(&self) -> io::Result<()> {
        Ok(())
    }
}

/// Windows has no file-size limit signal.
pub fn survive_file_size_limit() {}

/// The flags the console's control handler sets: Ctrl-C, Ctrl-Break, the window closed, the
/// user logging off, the system shutting down. `ctrlc` allows one handler per process, so it
/// is installed once and sets every flag registered here.
fn stop_flags() -> &'static Mutex<Vec<Arc<AtomicBool>>> {
    static FLAGS: OnceLock<Mutex<Vec<Arc<AtomicBool>>>> = OnceLock::new();
    FLAGS.get_or_init(|| {
        // Without a handler the old behaviour stays: Windows ends the process.
        let _ = ctrlc::set_handler(|| {
            if let Ok(flags) = stop_flags().lock() {
                for flag in flags.iter() {
                    flag.store(true, Ordering::SeqCst);
                }
            }
        });
        Mutex::new(Vec::new())
    })
}

pub fn catch_stop_signals(flag: &Arc<AtomicBool>) {
    if let Ok(mut flags) = stop_flags().lock() {
        flags.push(Arc::clone(flag));
    }
}

/// A flag set when the console asks the TUI to stop (the TUI reads Ctrl-C as a key).
fn stop_flag() -> &'static Arc<AtomicBool> {
    static FLAG: OnceLock<Arc<AtomicBool>> = OnceLock::new();
    FLAG.get_or_init(|| {
        let flag = Arc::new(AtomicBool::new(false));
        catch_stop_signals(&flag);
        flag
    })
}

/// `Documents\onsite`: onsite is started from the Start menu or a shortcut, whose working
/// folder may be one the user cannot write to (or `C:\Windows\System32`).
pub fn default_reports_dir() -> Option<PathBuf> {
    directories::UserDirs::new().and_then(|dirs| {
        dirs.document_dir()
            .map(|documents| documents.join("onsite"))
    })
}
