//! The real `onsite` binary in a pseudo-terminal (portable-pty), its output fed to a `vt100`
//! emulator by a reader thread. Tests read whole frames only: the screen is captured each
//! time the program finishes drawing one (ratatui ends every frame by hiding the cursor), so
//! a test never sees half of an update. Timeouts only stop a broken test from hanging.
// Each test binary uses only part of this file.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::process::Command;
use std::sync::{Arc, Condvar, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};

/// How ratatui ends every frame it draws: hiding the cursor.
pub const FRAME_END: &[u8] = b"\x1b[?25l";

// Keys as a terminal sends them.
pub const ENTER: &str = "\r";
pub const ESC: &str = "\x1b";
pub const BACKSPACE: &str = "\x7f";
pub const CTRL_R: &str = "\x12";
pub const CTRL_U: &str = "\x15";

/// The last whole frame the program drew, and how many it has drawn.
#[derive(Default)]
struct Frames {
    count: u64,
    last: String,
    /// The reader has stopped: the program closed the terminal (it exited).
    closed: bool,
}

pub struct Pty {
    frames: Arc<(Mutex<Frames>, Condvar)>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    /// Kept so the terminal stays open while the program runs.
    _master: Box<dyn MasterPty + Send>,
    reader: Option<JoinHandle<()>>,
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .rposition(|window| window == needle)
}

impl Pty {
    /// Starts `command` on a new terminal of `rows` × `cols`.
    pub fn spawn(command: CommandBuilder, rows: u16, cols: u16) -> Pty {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let child = pair.slave.spawn_command(command).expect("start onsite");
        // Only the child holds the slave now: its exit ends the reader.
        drop(pair.slave);
        let frames = Arc::new((Mutex::new(Frames::default()), Condvar::new()));
        let mut source = pair.master.try_clone_reader().expect("read the pty");
        let reader = {
            let frames = Arc::clone(&frames);
            thread::spawn(move || {
                let mut parser = vt100::Parser::new(rows, cols, 0);
                let mut buf = [0u8; 16384];
                // Bytes of a frame not finished yet.
                let mut pending: Vec<u8> = Vec::new();
                loop {
                    let n = match source.read(&mut buf) {
                        Ok(0) | Err(_) => break,
                        Ok(n) => n,
                    };
                    pending.extend_from_slice(&buf[..n]);
                    let Some(at) = find(&pending, FRAME_END) else {
                        continue;
                    };
                    let end = at + FRAME_END.len();
                    parser.process(&pending[..end]);
                    pending.drain(..end);
                    let (lock, ready) = &*frames;
                    let mut shared = lock.lock().expect("frames lock");
                    shared.count += 1;
                    shared.last = parser.screen().contents();
                    ready.notify_all();
                }
                let (lock, ready) = &*frames;
                lock.lock().expect("frames lock").closed = true;
                ready.notify_all();
            })
        };
        let writer = pair.master.take_writer().expect("write to the pty");
        Pty {
            frames,
            writer,
            child,
            _master: pair.master,
            reader: Some(reader),
        }
    }

    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("the child's pid")
    }

    /// Sends `keys` as a terminal would (UTF-8 text, control bytes, escape sequences).
    /// A program that has died leaves the write to fail; that is not the test's concern.
    pub fn send(&mut self, keys: &str) {
        let _ = self.writer.write_all(keys.as_bytes());
        let _ = self.writer.flush();
    }

    /// The last whole frame.
    pub fn frame(&self) -> String {
        self.frames.0.lock().expect("frames lock").last.clone()
    }

    /// Waits for a whole frame for which `done` holds; gives it. Panics with the last frame
    /// after `timeout`, or if the program ends first.
    pub fn wait_frame(&self, what: &str, timeout: Duration, done: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + timeout;
        let (lock, ready) = &*self.frames;
        let mut shared = lock.lock().expect("frames lock");
        loop {
            if done(&shared.last) {
                return shared.last.clone();
            }
            let now = Instant::now();
            assert!(
                now < deadline && !shared.closed,
                "waited for {what}; the last frame shows:\n{}",
                shared.last
            );
            shared = ready
                .wait_timeout(shared, deadline - now)
                .expect("frames lock")
                .0;
        }
    }

    /// Waits for a whole frame containing `text`.
    pub fn wait_for(&self, text: &str, timeout: Duration) -> String {
        self.wait_frame(&format!("{text:?}"), timeout, |frame| frame.contains(text))
    }

    /// Sends a signal with `kill(1)` (the crate forbids `unsafe`, so no `libc::kill`).
    pub fn signal(&self, signal: &str) {
        let status = Command::new("kill")
            .args([signal, &self.pid().to_string()])
            .status()
            .expect("run kill");
        assert!(status.success(), "kill {signal} failed: {status}");
    }

    /// Waits for the program to end, then for the reader to see its last output.
    pub fn wait_exit(&mut self, timeout: Duration) -> ExitStatus {
        let deadline = Instant::now() + timeout;
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("poll the child") {
                break status;
            }
            assert!(
                Instant::now() < deadline,
                "onsite did not exit within {timeout:?}; the last frame shows:\n{}",
                self.frame()
            );
            thread::sleep(Duration::from_millis(5));
        };
        if let Some(reader) = self.reader.take() {
            reader.join().expect("the reader thread");
        }
        status
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        // A failed test must not leave onsite running (holding the store's lock).
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = Command::new("kill")
                .args(["-KILL", &self.pid().to_string()])
                .status();
            let _ = self.child.wait();
        }
    }
}
