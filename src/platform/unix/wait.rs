//! The TUI's wait on Unix: a key, a signal, a closed terminal, or a timeout.
//!
//! Why not just `crossterm::event::poll` on the main thread: when the terminal goes away
//! (the window is closed, tmux dies, an SSH link drops), crossterm 0.29 keeps reading the
//! hung-up tty, gets 0 bytes for ever and never returns (crossterm#793) — the process would
//! spin at full CPU with the store locked and the last note unsaved. So crossterm reads on
//! its own thread and hands events over a channel, and the main thread blocks in `poll(2)`
//! on three things it can always trust: the reader's wake-up pipe, a pipe every signal we
//! care about writes to, and the terminal itself, only to see it hang up. Whatever crossterm
//! does after a hangup, the main thread saves and exits. Blocking in `poll(2)` also keeps an
//! idle TUI at ~0% CPU.

use std::io::{self, IsTerminal, Read, Write};
use std::os::fd::AsFd;
use std::os::unix::net::UnixStream;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::time::Duration;

use crossterm::event::Event;
use rustix::event::{PollFd, PollFlags, Timespec, poll};
use signal_hook::consts::{SIGHUP, SIGTERM, SIGWINCH};

use crate::platform::Wake;

pub struct Waiter {
    signals: UnixStream,
    terminate: Arc<AtomicBool>,
    events: Receiver<io::Result<Event>>,
    /// Written to by the reader thread after each event it sends.
    wake: UnixStream,
    /// Whether to watch the terminal for a hangup: a terminal on stdin that `poll(2)` can
    /// watch (macOS answers POLLNVAL for terminal devices; the SIGHUP still tells us).
    watch_terminal: bool,
}

/// Reads terminal events for ever, handing each to the main thread.
fn read_events(sender: &mpsc::Sender<io::Result<Event>>, mut wake: UnixStream) {
    loop {
        let event = crossterm::event::read();
        let failed = event.is_err();
        if sender.send(event).is_err() || wake.write_all(b"e").is_err() || failed {
            return;
        }
    }
}

impl Waiter {
    pub fn new() -> io::Result<Waiter> {
        let (signals, signal_writer) = UnixStream::pair()?;
        signals.set_nonblocking(true)?;
        let terminate = Arc::new(AtomicBool::new(false));
        // Flags first: signal-hook runs actions in order, so the flag is set by the time
        // the pipe wakes the main thread.
        for signal in [SIGTERM, SIGHUP] {
            signal_hook::flag::register(signal, Arc::clone(&terminate))?;
        }
        for signal in [SIGTERM, SIGHUP, SIGWINCH] {
            signal_hook::low_level::pipe::register(signal, signal_writer.try_clone()?)?;
        }
        // A file-size limit reached while saving must not kill us and lose what is unsaved.
        super::survive_file_size_limit();
        let (wake, wake_writer) = UnixStream::pair()?;
        wake.set_nonblocking(true)?;
        let (sender, events) = mpsc::channel();
        std::thread::Builder::new()
            .name("terminal-input".into())
            .spawn(move || read_events(&sender, wake_writer))?;
        Ok(Waiter {
            signals,
            terminate,
            events,
            wake,
            watch_terminal: io::stdin().is_terminal(),
        })
    }

    /// Every event the reader has handed over so far.
    fn take_events(&mut self) -> io::Result<Vec<Event>> {
        let mut drain = [0u8; 256];
        while matches!(self.wake.read(&mut drain), Ok(n) if n > 0) {}
        let mut events = Vec::new();
        loop {
            match self.events.try_recv() {
                Ok(Ok(event)) => events.push(event),
                Ok(Err(error)) => return Err(error),
                Err(TryRecvError::Empty) => return Ok(events),
                Err(TryRecvError::Disconnected) => {
                    return Err(io::Error::other("the terminal input stopped"));
                }
            }
        }
    }

    /// Blocks until something happens or `timeout` (if any) passes.
    pub fn wait(&mut self, timeout: Option<Duration>) -> io::Result<Wake> {
        if self.terminate.load(Ordering::Relaxed) {
            return Ok(Wake::Terminate);
        }
        let pending = self.take_events()?;
        if !pending.is_empty() {
            return Ok(Wake::Input(pending));
        }
        let stdin = io::stdin();
        // No events asked of the terminal: poll reports its hangup or error regardless.
        let terminal_flags = PollFlags::empty();
        let mut fds = vec![
            PollFd::from_borrowed_fd(self.signals.as_fd(), PollFlags::IN),
            PollFd::from_borrowed_fd(self.wake.as_fd(), PollFlags::IN),
        ];
        if self.watch_terminal {
            fds.push(PollFd::new(&stdin, terminal_flags));
        }
        let timespec = timeout.map(|t| {
            Timespec::try_from(t).unwrap_or(Timespec {
                tv_sec: 1,
                tv_nsec: 0,
            })
        });
        match poll(&mut fds, timespec.as_ref()) {
            Ok(_) | Err(rustix::io::Errno::INTR) => {}
            Err(error) => return Err(error.into()),
        }
        let signalled = !fds[0].revents().is_empty();
        let terminal = fds.get(2).map_or(PollFlags::empty(), PollFd::revents);
        let hung_up = terminal.intersects(PollFlags::HUP | PollFlags::ERR);
        drop(fds);
        if terminal.contains(PollFlags::NVAL) && !hung_up {
            // Not a hangup: this system cannot poll the terminal (macOS and /dev/tty). Stop
            // asking, or every wait would return at once and spin.
            self.watch_terminal = false;
        }
        if signalled {
            return Ok(self.after_signal());
        }
        if hung_up {
            return Ok(Wake::Hangup);
        }
        let events = self.take_events()?;
        Ok(if events.is_empty() {
            Wake::Timeout
        } else {
            Wake::Input(events)
        })
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
