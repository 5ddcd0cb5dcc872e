//! Waiting for the next thing to happen: a key, a resize, a request to stop, a closed
//! terminal, or a timeout. Each system waits its own way (`platform`): on Unix in `poll(2)`,
//! because crossterm alone never returns once the terminal hangs up; on Windows in
//! crossterm's own `poll`.

pub use crate::platform::{Waiter, Wake};
