//! sled lets go of its database's file lock a moment after a `Db` is dropped, once its own
//! background threads are done with the file. A test that drops a `Store` and then opens
//! the same folder again (in this process, or in a child `onsite`) waits here first, or the
//! open may fail with sled's "could not acquire lock".

use std::fs::{File, TryLockError};
use std::path::Path;
use std::thread;
use std::time::{Duration, Instant};

/// Only so a broken test fails instead of hanging.
const TIMEOUT: Duration = Duration::from_secs(30);

/// Waits until nothing in this process holds the lock of the store in `data`.
pub fn wait_until_released(data: &Path) {
    let db = data.join("store").join("db");
    let deadline = Instant::now() + TIMEOUT;
    loop {
        let Ok(file) = File::open(&db) else {
            // No store yet.
            return;
        };
        match file.try_lock() {
            // Dropping `file` unlocks it again.
            Ok(()) => return,
            Err(TryLockError::WouldBlock) => {}
            Err(TryLockError::Error(error)) => panic!("lock {}: {error}", db.display()),
        }
        assert!(
            Instant::now() < deadline,
            "{} is still locked {TIMEOUT:?} after its store was dropped",
            db.display()
        );
        thread::sleep(Duration::from_millis(5));
    }
}
