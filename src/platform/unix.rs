//! Linux, macOS and the BSDs: POSIX permissions and umask, `fsync` of folders, signals.

mod wait;

pub use wait::Waiter;

use std::fs::{File, OpenOptions};
use std::io;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

pub fn private_new_files() {
    let before = rustix::process::umask(rustix::fs::Mode::from_bits_truncate(0o077));
    // `mode_t` is 16 bits on macOS, 32 on Linux.
    #[allow(clippy::useless_conversion)]
    let _ = USER_UMASK.set(before.bits().into());
}

static USER_UMASK: std::sync::OnceLock<u32> = std::sync::OnceLock::new();

/// The user's own umask, as it was before [`private_new_files`] (0o022 if it never ran).
fn user_umask() -> u32 {
    USER_UMASK.get().copied().unwrap_or(0o022)
}

pub fn open_lock_file(path: &Path) -> io::Result<File> {
    OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .custom_flags(rustix::fs::OFlags::NOFOLLOW.bits().cast_signed())
        .mode(0o600)
        .open(path)
}

pub fn share_as_umask(file: &File) -> io::Result<()> {
    file.set_permissions(std::fs::Permissions::from_mode(0o666 & !user_umask()))
}

pub fn write_at(file: &File, bytes: &[u8], offset: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::write_all_at(file, bytes, offset)
}

pub fn restrict_files(dir: &Path) {
    let mut pending = vec![dir.to_owned()];
    while let Some(folder) = pending.pop() {
        let Ok(listing) = std::fs::read_dir(&folder) else {
            continue;
        };
        for entry in listing.flatten() {
            let path = entry.path();
            match entry.file_type() {
                Ok(kind) if kind.is_dir() => pending.push(path),
                Ok(kind) if kind.is_file() => {
                    let _ = std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600));
                }
                _ => {}
            }
        }
    }
}

pub fn create_private_dir(dir: &Path) -> io::Result<()> {
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
}

pub fn share_dir_as_umask(dir: &Path) -> io::Result<()> {
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o777 & !user_umask()))
}

pub fn is_world_writable(dir: &Path) -> bool {
    std::fs::metadata(dir).is_ok_and(|meta| meta.permissions().mode() & 0o002 != 0)
}

pub fn open_to_sync(path: &Path) -> io::Result<File> {
    // Read-only is enough for fsync.
    File::open(path)
}

pub fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

/// sled 0.34 on Linux ends a flush with `sync_file_range`, which leaves the data in the disk's
/// cache (sled#1452): the data file is kept open and `sync_data`ed after each flush. On the
/// other Unix systems sled calls `sync_all` itself.
pub struct EngineSync {
    #[cfg(target_os = "linux")]
    data_file: File,
}

impl EngineSync {
    pub fn open(data_file: &Path) -> io::Result<EngineSync> {
        #[cfg(target_os = "linux")]
        {
            Ok(EngineSync {
                data_file: File::open(data_file)?,
            })
        }
        #[cfg(not(target_os = "linux"))]
        {
            let _ = data_file;
            Ok(EngineSync {})
        }
    }

    pub fn after_flush(&self) -> io::Result<()> {
        #[cfg(target_os = "linux")]
        {
            self.data_file.sync_data()
        }
        #[cfg(not(target_os = "linux"))]
        {
            Ok(())
        }
    }
}

pub fn survive_file_size_limit() {
    let ignored = Arc::new(AtomicBool::new(false));
    // Without it the old behaviour stays: nothing worse than before.
    let _ = signal_hook::flag::register(signal_hook::consts::SIGXFSZ, ignored);
}

pub fn catch_stop_signals(flag: &Arc<AtomicBool>) {
    for signal in [
        signal_hook::consts::SIGINT,
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
    ] {
        let _ = signal_hook::flag::register(signal, Arc::clone(flag));
    }
}

/// Reports go to the folder onsite was started from: a terminal user chose it (`cd`), and
/// there is no folder every Linux desktop agrees on.
pub fn default_reports_dir() -> Option<PathBuf> {
    None
}
