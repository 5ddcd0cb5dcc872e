//! The TUI's wait on Windows: a key, a resize, a closed console window, or a timeout.
//!
//! The console has no hangup like a Unix terminal (crossterm reads console input records,
//! not a tty that can go away), so crossterm's own `poll` is trusted here, in short slices
//! so that the stop flag set by the console's close, logoff and shutdown events (the
//! `ctrlc` crate's termination feature, see [`super::stop_flag`]) is seen within
//! [`SLICE`]. A resize arrives as an [`Event::Resize`] among the input and is drawn as any
//! other input. Windows ends a closing console's process as soon as the handler returns,
//! which `ctrlc`'s does at once: the stop is seen only where Windows leaves the time (Ctrl-C
//! and Ctrl-Break on the command line). Every answer is saved when it is entered, a note
//! 0.3 s after its last key, so a closed window loses at most those last 0.3 s of typing.

use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crossterm::event::Event;

use crate::platform::Wake;

/// How often the stop flag is looked at while no input comes.
const SLICE: Duration = Duration::from_millis(100);

pub struct Waiter {
    terminate: Arc<AtomicBool>,
}

impl Waiter {
    pub fn new() -> io::Result<Waiter> {
        Ok(Waiter {
            terminate: Arc::clone(super::stop_flag()),
        })
    }

    /// Blocks until something happens or `timeout` (if any) passes.
    pub fn wait(&mut self, timeout: Option<Duration>) -> io::Result<Wake> {
        let deadline = timeout.map(|timeout| Instant::now() + timeout);
        loop {
            if self.terminate.load(Ordering::SeqCst) {
                return Ok(Wake::Terminate);
            }
            let left = deadline.map(|deadline| deadline.saturating_duration_since(Instant::now()));
            if crossterm::event::poll(left.map_or(SLICE, |left| left.min(SLICE)))? {
                let mut events: Vec<Event> = vec![crossterm::event::read()?];
                while crossterm::event::poll(Duration::ZERO)? {
                    events.push(crossterm::event::read()?);
                }
                return Ok(Wake::Input(events));
            }
            if left.is_some_and(|left| left <= SLICE) {
                return Ok(Wake::Timeout);
            }
        }
    }
}
