//! Ctrl-C (and SIGTERM, a closed terminal) on the command line. A command never dies in the
//! middle of a store write or while the store closes: the signal only sets a flag; the store
//! refuses to start a new change once it is set ([`crate::store::StoreError::Interrupted`]),
//! loops over many visits stop at the next one, and `main` exits with 130 after the store has
//! closed. The TUI reads Ctrl-C as a key and does not use this.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};

static FLAG: OnceLock<Arc<AtomicBool>> = OnceLock::new();

/// From now on, a stop signal sets the flag instead of killing the process.
pub fn catch() {
    let flag = FLAG.get_or_init(|| Arc::new(AtomicBool::new(false)));
    crate::platform::catch_stop_signals(flag);
}

/// Whether a stop signal arrived since [`catch`].
pub fn requested() -> bool {
    FLAG.get().is_some_and(|flag| flag.load(Ordering::SeqCst))
}

/// The exit code of an interrupted command, as shells give one killed by SIGINT.
pub const EXIT_CODE: u8 = 130;
