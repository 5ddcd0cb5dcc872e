//! Waiting for the next thing to happen: a key, a signal, or a timeout.
//!
//! Why not just `crossterm::event::poll`: when the terminal goes away (the window is closed,
//! tmux dies, an SSH link drops), crossterm 0.29 keeps reading the hung-up tty, gets 0 bytes
//! for ever and never returns — the process spins at full CPU with the store locked and the
//! last note unsaved. So we poll the terminal ourselves (and a self-pipe that every signal we
//! care about writes to), see the hangup, and only hand over to crossterm when there is
//! input to read. Blocking in `poll(2)` also keeps an idle TUI at ~0% CPU.

use std::io::{self, IsTerminal, Read};
use std::os::fd::AsFd;
use std::os::unix::net::UnixStream;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use rustix::event::{PollFd, PollFlags, Timespec, poll};
use signal_hook::consts::{SIGHUP, SIGTERM, SIGWINCH};

/// What woke us.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wake {
    /// The terminal has input for crossterm to read.
    Input,
    /// SIGTERM or SIGHUP: save and quit.
    Terminate,
    /// The terminal was resized (or another signal arrived): redraw.
    Redraw,
    /// The terminal is gone: save and quit without drawing.
    Hangup,
    Timeout,
}

pub struct Waiter {
    signals: UnixStream,
    terminate: Arc<AtomicBool>,
    /// Whether stdin is the terminal crossterm reads (if not, we fall back to crossterm).
    stdin_is_tty: bool,
}

impl Waiter {
    pub fn new() -> io::Result<Waiter> {
        let (signals, writer) = UnixStream::pair()?;
        signals.set_nonblocking(true)?;
        let terminate = Arc::new(AtomicBool::new(false));
        for signal in [SIGTERM, SIGHUP, SIGWINCH] {
            signal_hook::low_level::pipe::register(signal, writer.try_clone()?)?;
        }
        for signal in [SIGTERM, SIGHUP] {
            signal_hook::flag::register(signal, Arc::clone(&terminate))?;
        }
        Ok(Waiter {
            signals,
            terminate,
            stdin_is_tty: io::stdin().is_terminal(),
        })
    }

    /// Blocks until something happens or `timeout` (if any) passes.
    pub fn wait(&mut self, timeout: Option<Duration>) -> io::Result<Wake> {
        if self.terminate.load(Ordering::Relaxed) {
            return Ok(Wake::Terminate);
        }
        if !self.stdin_is_tty {
            let ready = crossterm::event::poll(timeout.unwrap_or(Duration::from_secs(1)))?;
            return Ok(if ready { Wake::Input } else { Wake::Timeout });
        }
        let stdin = io::stdin();
        let input_flags = PollFlags::IN;
        let mut fds = [
            PollFd::new(&stdin, input_flags),
            PollFd::from_borrowed_fd(self.signals.as_fd(), PollFlags::IN),
        ];
        let timespec = timeout.map(|t| {
            Timespec::try_from(t).unwrap_or(Timespec {
                tv_sec: 1,
                tv_nsec: 0,
            })
        });
        match poll(&mut fds, timespec.as_ref()) {
            Ok(_) => {}
            Err(rustix::io::Errno::INTR) => return Ok(self.after_signal()),
            Err(error) => return Err(error.into()),
        }
        let terminal = fds[0].revents();
        let signalled = !fds[1].revents().is_empty();
        if signalled {
            return Ok(self.after_signal());
        }
        if terminal.intersects(PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL) {
            return Ok(Wake::Hangup);
        }
        if terminal.contains(PollFlags::IN) {
            return Ok(Wake::Input);
        }
        Ok(Wake::Timeout)
    }

    fn after_signal(&mut self) -> Wake {
        let mut drain = [0u8; 64];
        while matches!(self.signals.read(&mut drain), Ok(n) if n > 0) {}
        if self.terminate.load(Ordering::Relaxed) {
            Wake::Terminate
        } else {
            Wake::Redraw
        }
    }
}
