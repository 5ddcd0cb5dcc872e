//! Waiting for the next thing to happen: a key, a resize, a request to stop, a closed
//! terminal, or a timeout. Each system waits its own way (`platform`): on Unix in `poll(2)`,
//! because crossterm alone never returns once the terminal hangs up; on Windows in
//! crossterm's own `poll`.

use crossterm::event::Event;

pub use crate::platform::Waiter;

/// What woke us.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Wake {
    /// Events read from the terminal, in order.
    Input(Vec<Event>),
    /// SIGTERM or SIGHUP, or the console window closed: save and quit.
    Terminate,
    /// The terminal was resized (or another signal arrived): redraw.
    Redraw,
    /// The terminal is gone: save and quit without drawing.
    Hangup,
    Timeout,
}
