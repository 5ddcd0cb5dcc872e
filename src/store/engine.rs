//! Opening sled so that a kill, a Ctrl-C or a full disk never leaves the store unopenable.
//!
//! sled 0.34 writes a snapshot of its page table as `snap.<lsn>.generating`, fsyncs it and
//! renames it to `snap.<lsn>`; it writes one while opening, whenever the log moved on since
//! the last one — so as nearly every command starts. But when it opens, it reads the
//! highest-named `snap.*` file, a leftover `.generating` included: a process killed
//! mid-snapshot, or a disk that filled during one, leaves a partial or empty file, and from
//! then on every open fails with `Read corrupted data at file offset None` (sled#1527, #1533;
//! no fix on the 0.34 line).
//! A snapshot is only a shortcut: without one, sled replays its log from the start, and the
//! log holds every flushed write. So, under our lock, before sled opens:
//! 1. leftover `snap.*.generating` files are removed (never complete: the rename is the
//!    last step of writing one);
//! 2. if sled still reports corruption (or panics, as some of its recovery checks do), the
//!    data file and blobs are copied aside, every `snap.*` file is moved aside (all kept, in
//!    `aside/`), and sled opens again, replaying its whole log (which rewrites the file);
//! 3. if it still refuses, the caller rebuilds the store from the spare copy ([`super::spare`]).
//!
//! docs/sled-checklist.md goes through sled's other recovery paths.

use std::path::{Path, PathBuf};

/// What opening had to do to the engine's files; reported to the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EngineRepair {
    /// Unfinished snapshot files removed (how many).
    PartialSnapshots(usize),
    /// sled's settings file was torn (a kill or power cut while a new store was made); it
    /// was moved here and sled wrote it again from onsite's settings, which never change.
    TornSettings(PathBuf),
    /// The snapshots were unreadable and were moved into this folder; sled replayed its log.
    SnapshotsSetAside(PathBuf),
}

/// Opens sled's database in `db_dir`, repairing what a killed snapshot left. `aside` is
/// where files are moved rather than deleted.
pub fn open(db_dir: &Path, aside: &Path) -> (sled::Result<sled::Db>, Vec<EngineRepair>) {
    let mut repairs = Vec::new();
    let removed = remove_partial_snapshots(db_dir);
    if removed > 0 {
        repairs.push(EngineRepair::PartialSnapshots(removed));
    }
    let settings = db_dir.join("conf");
    if settings_torn(&settings) {
        let folder = aside.join(format!("settings-{}", stamp()));
        let moved = crate::platform::create_private_dir(&folder)
            .and_then(|()| std::fs::rename(&settings, folder.join("conf")));
        if moved.is_ok() {
            repairs.push(EngineRepair::TornSettings(folder));
        }
    }
    let first = open_waiting(db_dir);
    if !matches!(first, Err(sled::Error::Corruption { .. })) {
        return (first, repairs);
    }
    let folder = aside.join(format!("snapshots-{}", stamp()));
    let kept = copy_data_files(db_dir, &folder.join("copy"));
    match kept.and_then(|()| set_snapshots_aside(db_dir, &folder)) {
        Ok(0) | Err(_) => (first, repairs),
        Ok(_) => {
            repairs.push(EngineRepair::SnapshotsSetAside(folder));
            (open_waiting(db_dir), repairs)
        }
    }
}

/// Copies sled's data file and blobs into `folder` (a replay rewrites them in place).
fn copy_data_files(db_dir: &Path, folder: &Path) -> std::io::Result<()> {
    crate::platform::create_private_dir(&folder.join("blobs"))?;
    for name in ["db", "conf"] {
        if db_dir.join(name).exists() {
            std::fs::copy(db_dir.join(name), folder.join(name))?;
        }
    }
    if let Ok(listing) = std::fs::read_dir(db_dir.join("blobs")) {
        for entry in listing.flatten() {
            std::fs::copy(entry.path(), folder.join("blobs").join(entry.file_name()))?;
        }
    }
    Ok(())
}

/// A time for folder names, `YYYYMMDD-HHMMSS`, local.
pub fn stamp() -> String {
    jiff::ZonedDateTime::now()
        .strftime("%Y%m%d-%H%M%S")
        .to_string()
}

fn snapshot_files(db_dir: &Path) -> Vec<PathBuf> {
    let Ok(listing) = std::fs::read_dir(db_dir) else {
        return Vec::new();
    };
    listing
        .flatten()
        .filter(|entry| entry.file_name().to_string_lossy().starts_with("snap."))
        .map(|entry| entry.path())
        .collect()
}

/// Removes `snap.*.generating` files; how many there were.
fn remove_partial_snapshots(db_dir: &Path) -> usize {
    let partial = snapshot_files(db_dir).into_iter().filter(|path| {
        path.extension()
            .is_some_and(|extension| extension == "generating")
    });
    partial
        .filter(|path| std::fs::remove_file(path).is_ok())
        .count()
}

/// Whether sled's `conf` is not the three `key: value` lines and checksum sled writes
/// (`write_config` neither syncs nor renames it). sled ignores a file of 8 bytes or less,
/// and refuses any other it cannot parse; one with other values is left for sled to refuse.
fn settings_torn(path: &Path) -> bool {
    let Ok(bytes) = std::fs::read(path) else {
        return false;
    };
    if bytes.len() <= 8 {
        return false;
    }
    let Ok(text) = std::str::from_utf8(&bytes[..bytes.len() - 4]) else {
        return true;
    };
    let keys: Vec<&str> = text
        .lines()
        .filter_map(|line| line.split_once(": ").map(|(key, _)| key))
        .collect();
    keys != ["segment_size", "use_compression", "version"]
        || text.lines().count() != 3
        || !text.ends_with('\n')
}

/// Moves every `snap.*` file into `folder`; how many.
fn set_snapshots_aside(db_dir: &Path, folder: &Path) -> std::io::Result<usize> {
    let files = snapshot_files(db_dir);
    if files.is_empty() {
        return Ok(0);
    }
    crate::platform::create_private_dir(folder)?;
    for file in &files {
        if let Some(name) = file.file_name() {
            std::fs::rename(file, folder.join(name))?;
        }
    }
    crate::files::sync_dir(db_dir)?;
    Ok(files.len())
}

/// Opens sled. Our own lock is already held, so a locked sled file can only be this
/// process's previous `Store`, just dropped: sled 0.34 lets its background threads release
/// the file a moment after the drop. Wait for that (up to about a second).
///
/// Some of sled's recovery checks panic instead of returning an error (docs/sled-checklist.md,
/// F4): a panic while opening is taken as corruption, so the fallbacks above still run.
fn open_waiting(db_dir: &Path) -> sled::Result<sled::Db> {
    let mut tries = 0;
    loop {
        let opened = std::panic::catch_unwind(|| sled::Config::new().path(db_dir).open())
            .unwrap_or(Err(sled::Error::Corruption { at: None, bt: () }));
        match opened {
            Err(sled::Error::Io(error))
                if error.to_string().contains("could not acquire lock") && tries < 200 =>
            {
                tries += 1;
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
            result => return result,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written_store(dir: &Path) {
        let db = sled::Config::new()
            .path(dir)
            .open()
            .expect("open a new sled");
        db.insert(b"k", b"v".as_slice()).expect("insert");
        db.flush().expect("flush");
    }

    fn value(db: &sled::Db) -> Option<Vec<u8>> {
        db.get(b"k").expect("get").map(|v| v.to_vec())
    }

    #[test]
    fn a_partial_or_empty_unfinished_snapshot_is_removed_and_the_data_kept() {
        for content in [&b""[..], &[7u8; 40][..]] {
            let temp = tempfile::tempdir().expect("temp dir");
            let db_dir = temp.path().join("store");
            written_store(&db_dir);
            std::fs::write(db_dir.join("snap.FFFFFFFFFFFFFFFF.generating"), content)
                .expect("plant");
            // sled alone refuses it: the trap is real. (Waiting: the writer's threads may
            // still hold the file a moment after its drop.)
            assert!(matches!(
                open_waiting(&db_dir),
                Err(sled::Error::Corruption { .. })
            ));
            let (db, repairs) = open(&db_dir, &temp.path().join("aside"));
            let db = db.expect("opens");
            assert_eq!(value(&db), Some(b"v".to_vec()));
            assert_eq!(repairs, vec![EngineRepair::PartialSnapshots(1)]);
        }
    }

    #[test]
    fn a_torn_settings_file_is_set_aside_and_written_again() {
        let temp = tempfile::tempdir().expect("temp dir");
        let db_dir = temp.path().join("store");
        written_store(&db_dir);
        let whole = std::fs::read(db_dir.join("conf")).expect("conf");
        assert!(!settings_torn(&db_dir.join("conf")));
        std::fs::write(db_dir.join("conf"), &whole[..30]).expect("tear");
        let (db, repairs) = open(&db_dir, &temp.path().join("aside"));
        assert_eq!(value(&db.expect("opens")), Some(b"v".to_vec()));
        assert!(matches!(
            repairs.as_slice(),
            [EngineRepair::TornSettings(_)]
        ));
        assert_eq!(std::fs::read(db_dir.join("conf")).expect("conf"), whole);
    }

    #[test]
    fn a_broken_finished_snapshot_is_set_aside_and_the_log_replayed() {
        let temp = tempfile::tempdir().expect("temp dir");
        let db_dir = temp.path().join("store");
        written_store(&db_dir);
        std::fs::write(db_dir.join("snap.FFFFFFFFFFFFFFFF"), [1u8; 64]).expect("plant");
        let (db, repairs) = open(&db_dir, &temp.path().join("aside"));
        let db = db.expect("opens");
        assert_eq!(value(&db), Some(b"v".to_vec()));
        let [EngineRepair::SnapshotsSetAside(folder)] = repairs.as_slice() else {
            panic!("{repairs:?}");
        };
        // Kept, never deleted.
        assert!(folder.join("snap.FFFFFFFFFFFFFFFF").exists());
    }
}
