//! What differs between operating systems, each system's way side by side. The store's file
//! permissions, its lock file and the command line's interrupt handling go through here.

use std::fs::{File, OpenOptions};
use std::io;
use std::path::Path;

/// Files this process creates from now on are readable by their owner only: sled creates its
/// snapshot and blob files long after the store opened, with the process's umask. Exports and
/// reports are written through temporary files, which are private already.
/// The umask the user started onsite with is kept: files written for others (exports,
/// shared folders) should follow it, not the store's privacy ([`user_umask`]).
pub fn private_new_files() {
    #[cfg(unix)]
    {
        let before = rustix::process::umask(rustix::fs::Mode::from_bits_truncate(0o077));
        let _ = USER_UMASK.set(before.bits());
    }
}

static USER_UMASK: std::sync::OnceLock<u32> = std::sync::OnceLock::new();

/// The user's own umask, as it was before [`private_new_files`] (0o022 if it never ran).
pub fn user_umask() -> u32 {
    USER_UMASK.get().copied().unwrap_or(0o022)
}

/// Opens (creating) the store's lock file for reading and writing, never through a symbolic
/// link: a link planted there would have its target truncated.
pub fn open_lock_file(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(rustix::fs::OFlags::NOFOLLOW.bits().cast_signed());
        options.mode(0o600);
    }
    #[cfg(not(unix))]
    if std::fs::symlink_metadata(path).is_ok_and(|meta| meta.file_type().is_symlink()) {
        // Told apart by `is_symlink_refusal`, which looks at the path, not this error.
        return Err(io::Error::other("the lock file is a symbolic link"));
    }
    options.open(path)
}

/// Whether `error` came from opening a symbolic link that [`open_lock_file`] refused.
pub fn is_symlink_refusal(path: &Path, error: &io::Error) -> bool {
    error.kind() != io::ErrorKind::NotFound
        && std::fs::symlink_metadata(path).is_ok_and(|meta| meta.file_type().is_symlink())
}

/// Gives `file` the permissions a new file gets under the user's own umask (0644 under the
/// usual 022), where onsite's private umask and temporary files would leave it 0600.
pub fn share_as_umask(file: &File) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(std::fs::Permissions::from_mode(0o666 & !user_umask()))
    }
    #[cfg(not(unix))]
    {
        let _ = file;
        Ok(())
    }
}

/// Writes all of `bytes` at `offset` of `file`, leaving the file position alone.
pub fn write_at(file: &File, bytes: &[u8], offset: u64) -> io::Result<()> {
    #[cfg(unix)]
    {
        std::os::unix::fs::FileExt::write_all_at(file, bytes, offset)
    }
    #[cfg(windows)]
    {
        let mut done = 0;
        while done < bytes.len() {
            let wrote = std::os::windows::fs::FileExt::seek_write(
                file,
                &bytes[done..],
                offset + done as u64,
            )?;
            if wrote == 0 {
                return Err(io::ErrorKind::WriteZero.into());
            }
            done += wrote;
        }
        Ok(())
    }
}

/// Makes every file under `dir` readable and writable by the owner only (0600), for stores
/// written before [`private_new_files`]. Best effort: the folder itself is 0700.
pub fn restrict_files(dir: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
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
                        let _ =
                            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600));
                    }
                    _ => {}
                }
            }
        }
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// Creates `dir` (and parents) readable by the owner only.
pub fn create_private_dir(dir: &Path) -> io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// Creates `dir` (and parents) readable as the user's umask allows, for folders others read
/// (a shared folder, an export folder); onsite's own umask is private, so the folder made
/// is given its mode afterwards. An existing folder is left as it is.
pub fn create_shared_dir(dir: &Path) -> io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    std::fs::create_dir_all(dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o777 & !user_umask()))?;
    }
    Ok(())
}

/// The signals that ask a command-line command to stop: Ctrl-C, a closed terminal, `kill`.
/// They only set `flag`; the command stops at its next safe point (see `cli::interrupt`).
pub fn catch_stop_signals(flag: &std::sync::Arc<std::sync::atomic::AtomicBool>) {
    #[cfg(unix)]
    for signal in [
        signal_hook::consts::SIGINT,
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
    ] {
        let _ = signal_hook::flag::register(signal, std::sync::Arc::clone(flag));
    }
    #[cfg(not(unix))]
    let _ = signal_hook::flag::register(signal_hook::consts::SIGINT, std::sync::Arc::clone(flag));
}
