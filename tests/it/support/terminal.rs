//! The one terminal driver: the real `onsite` TUI in a pseudo-terminal (portable-pty). A
//! reader thread keeps every byte the program writes, raw, and feeds a `vt100` emulator whose
//! callbacks record what a real terminal would have been asked to do besides drawing (window
//! title or icon name, clipboard through OSC 52, bell). A test reads either the live screen
//! ([`Tui::contents`], [`Tui::wait_for`]) or only whole frames ([`Tui::wait_frame`]): the screen as it was each time the program finished drawing one
//! (ratatui ends every frame by hiding the cursor), so it never sees half of an update.
//! Timeouts only turn a hang into a failure; nothing asserts how fast anything is.
//!
//! Start one with [`Sandbox::tui_as`](super::sandbox::Sandbox::tui_as).

use std::io::{Read, Write};
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};

/// The terminal's size unless a test asks for another.
pub const ROWS: u16 = 30;
pub const COLS: u16 = 100;
/// Only so a broken test fails instead of hanging.
pub const TIMEOUT: Duration = Duration::from_secs(30);

/// How ratatui ends every frame it draws: hiding the cursor.
pub const FRAME_END: &[u8] = b"\x1b[?25l";

// Keys as a terminal sends them.
pub const ENTER: &str = "\r";
pub const ESC: &str = "\x1b";
pub const TAB: &str = "\t";
pub const BACKSPACE: &str = "\x7f";
pub const RIGHT: &str = "\x1b[C";
pub const CTRL_C: &str = "\x03";
pub const CTRL_R: &str = "\x12";
pub const CTRL_S: &str = "\x13";
pub const CTRL_U: &str = "\x15";
pub const PASTE_START: &str = "\x1b[200~";
pub const PASTE_END: &str = "\x1b[201~";

/// What the program asked the terminal to do besides drawing.
#[derive(Debug, Default, Clone)]
pub struct Requests {
    pub titles: Vec<Vec<u8>>,
    pub icon_names: Vec<Vec<u8>>,
    pub clipboard: Vec<Vec<u8>>,
    pub bells: usize,
    pub resizes: Vec<(u16, u16)>,
}

impl vt100::Callbacks for Requests {
    fn audible_bell(&mut self, _: &mut vt100::Screen) {
        self.bells += 1;
    }
    fn resize(&mut self, _: &mut vt100::Screen, request: (u16, u16)) {
        self.resizes.push(request);
    }
    fn set_window_icon_name(&mut self, _: &mut vt100::Screen, name: &[u8]) {
        self.icon_names.push(name.to_vec());
    }
    fn set_window_title(&mut self, _: &mut vt100::Screen, title: &[u8]) {
        self.titles.push(title.to_vec());
    }
    fn copy_to_clipboard(&mut self, _: &mut vt100::Screen, _ty: &[u8], data: &[u8]) {
        self.clipboard.push(data.to_vec());
    }
}

/// What the reader thread shares with the test.
struct Shared {
    parser: vt100::Parser<Requests>,
    /// Every byte the program wrote to the terminal.
    raw: Vec<u8>,
    /// The screen when the program last finished a frame.
    last_frame: String,
    /// The reader has stopped: the program closed the terminal (it exited), or
    /// [`Tui::stop_reading`] stopped it.
    closed: bool,
}

/// The running TUI: the pty, the child, and the screen as the emulator sees it.
pub struct Tui {
    shared: Arc<(Mutex<Shared>, Condvar)>,
    /// `None` once the terminal is closed ([`Tui::hang_up`]).
    writer: Option<Box<dyn Write + Send>>,
    child: Box<dyn Child + Send + Sync>,
    /// Kept so the terminal stays open while the program runs; `None` once hung up.
    master: Option<Box<dyn MasterPty + Send>>,
    reader: Option<JoinHandle<()>>,
    /// Asks the reader to stop reading (and close its end of the pty) once the program has
    /// finished drawing a frame.
    close_reader: Arc<AtomicBool>,
    rows: u16,
    cols: u16,
}

/// Where the last `needle` in `haystack` ends.
fn end_of_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .rposition(|window| window == needle)
        .map(|at| at + needle.len())
}

impl Tui {
    /// Starts `command` on a new terminal of `rows` × `cols`.
    pub fn spawn(command: CommandBuilder, rows: u16, cols: u16) -> Tui {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        // Dropping portable-pty's writer types a newline and the EOF character (Ctrl-J and
        // Ctrl-D to a raw-mode program) unless the terminal has no EOF character. A closing
        // window types nothing, so the terminal gets none (before anyone writes to it, or
        // `stty` would wait for the output to drain).
        let tty = pair.master.tty_name().expect("the pty's device");
        let status = Command::new("stty")
            .arg("-F")
            .arg(&tty)
            .args(["eof", "undef"])
            .status()
            .expect("run stty");
        assert!(
            status.success(),
            "stty -F {} eof undef: {status}",
            tty.display()
        );
        let child = pair.slave.spawn_command(command).expect("start onsite");
        // Only the child holds the slave now: its exit ends the reader.
        drop(pair.slave);
        let shared = Arc::new((
            Mutex::new(Shared {
                parser: vt100::Parser::new_with_callbacks(rows, cols, 0, Requests::default()),
                raw: Vec::new(),
                last_frame: String::new(),
                closed: false,
            }),
            Condvar::new(),
        ));
        let close_reader = Arc::new(AtomicBool::new(false));
        let source = pair.master.try_clone_reader().expect("read the pty");
        let reader = {
            let shared = Arc::clone(&shared);
            let close_reader = Arc::clone(&close_reader);
            thread::spawn(move || read_terminal(source, &shared, &close_reader))
        };
        let writer = pair.master.take_writer().expect("write to the pty");
        Tui {
            shared,
            writer: Some(writer),
            child,
            master: Some(pair.master),
            reader: Some(reader),
            close_reader,
            rows,
            cols,
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Shared> {
        self.shared.0.lock().expect("screen lock")
    }

    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("the child's pid")
    }

    /// Sends `keys` as a terminal would (UTF-8 text, control bytes, escape sequences). A
    /// program that has died leaves the write to fail; that is not the test's concern.
    pub fn send(&mut self, keys: &str) {
        self.send_bytes(keys.as_bytes());
    }

    pub fn send_bytes(&mut self, bytes: &[u8]) {
        let writer = self.writer.as_mut().expect("the terminal is open");
        // Large pastes go in pieces, as a terminal would send them.
        for chunk in bytes.chunks(4096) {
            let _ = writer.write_all(chunk);
        }
        let _ = writer.flush();
    }

    /// Pastes `text` as a terminal with bracketed paste does.
    pub fn paste(&mut self, text: &str) {
        self.send(&format!("{PASTE_START}{text}{PASTE_END}"));
    }

    /// Sends Esc and waits for the screen to change and then to stay still: an Esc followed
    /// at once by another key arrives as one Alt-key, and a loaded machine draws one frame
    /// in several writes, so a change alone may be the end of the frame before.
    pub fn esc(&mut self) {
        let before = self.contents();
        self.send(ESC);
        self.wait_until("the screen to change after Esc", |now| now != before);
        self.settle();
    }

    /// Waits until the screen has not changed for 150 ms (a frame fully drawn).
    pub fn settle(&self) {
        let mut last = self.contents();
        let mut still_since = Instant::now();
        let deadline = Instant::now() + TIMEOUT;
        while still_since.elapsed() < Duration::from_millis(150) && Instant::now() < deadline {
            thread::sleep(Duration::from_millis(10));
            let now = self.contents();
            if now != last {
                last = now;
                still_since = Instant::now();
            }
        }
    }

    /// The screen now, whether or not the program has finished drawing it.
    pub fn contents(&self) -> String {
        self.lock().parser.screen().contents()
    }

    /// Whether the program has switched the terminal to its alternate screen.
    pub fn alternate_screen(&self) -> bool {
        self.lock().parser.screen().alternate_screen()
    }

    pub fn requests(&self) -> Requests {
        self.lock().parser.callbacks().clone()
    }

    /// Every byte the program wrote to the terminal so far.
    pub fn raw(&self) -> Vec<u8> {
        self.lock().raw.clone()
    }

    /// Polls the screen until `done` holds; gives the screen then. Panics with the screen
    /// after `timeout`.
    pub fn wait_until_for(
        &self,
        what: &str,
        timeout: Duration,
        done: impl Fn(&str) -> bool,
    ) -> String {
        let deadline = Instant::now() + timeout;
        loop {
            let now = self.contents();
            if done(&now) {
                return now;
            }
            assert!(
                Instant::now() < deadline,
                "waited {timeout:?} for {what}; the screen shows:\n{now}"
            );
            thread::sleep(Duration::from_millis(10));
        }
    }

    /// [`Tui::wait_until_for`] with [`TIMEOUT`].
    pub fn wait_until(&self, what: &str, done: impl Fn(&str) -> bool) -> String {
        self.wait_until_for(what, TIMEOUT, done)
    }

    /// Waits for the screen to show `text`; gives the screen then.
    pub fn wait_for(&self, text: &str) -> String {
        self.wait_until(&format!("{text:?}"), |now| now.contains(text))
    }

    /// Waits for a whole frame for which `done` holds; gives it. Panics with the last frame
    /// after `timeout`, or if the program ends first.
    pub fn wait_frame(&self, what: &str, timeout: Duration, done: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + timeout;
        let (lock, ready) = &*self.shared;
        let mut shared = lock.lock().expect("screen lock");
        loop {
            if done(&shared.last_frame) {
                return shared.last_frame.clone();
            }
            let now = Instant::now();
            assert!(
                now < deadline && !shared.closed,
                "waited for {what}; the last frame shows:\n{}",
                shared.last_frame
            );
            shared = ready
                .wait_timeout(shared, deadline - now)
                .expect("screen lock")
                .0;
        }
    }

    /// Whether the program is still running.
    pub fn running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
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
    pub fn wait_exit(&mut self) -> ExitStatus {
        self.wait_exit_within(TIMEOUT)
    }

    /// [`Tui::wait_exit`], failing after `timeout`.
    pub fn wait_exit_within(&mut self, timeout: Duration) -> ExitStatus {
        let deadline = Instant::now() + timeout;
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("poll the child") {
                break status;
            }
            assert!(
                Instant::now() < deadline,
                "onsite did not exit within {timeout:?}; the screen shows:\n{}",
                self.contents()
            );
            thread::sleep(Duration::from_millis(5));
        };
        if let Some(reader) = self.reader.take() {
            reader.join().expect("the reader thread");
        }
        status
    }

    /// The pty's master side, for what a test asks the terminal itself (its termios).
    pub fn master(&self) -> &dyn MasterPty {
        self.master.as_deref().expect("the terminal is open")
    }

    /// Resizes the terminal, as dragging the window's corner does.
    pub fn resize(&self, rows: u16, cols: u16) {
        self.master()
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize the pty");
    }

    /// Stops reading the terminal once the program has drawn a whole frame (a resize makes
    /// it draw one), and closes the reader's descriptor of the pty. From then on the
    /// program's output piles up in the pty, until its writes block.
    pub fn stop_reading(&mut self) {
        self.close_reader.store(true, Ordering::SeqCst);
        self.resize(self.rows, self.cols - 1);
        let reader = self.reader.take().expect("the reader thread");
        let deadline = Instant::now() + TIMEOUT;
        while !reader.is_finished() {
            assert!(
                Instant::now() < deadline,
                "onsite did not redraw after a resize; the screen shows:\n{}",
                self.contents()
            );
            thread::sleep(Duration::from_millis(10));
        }
        reader.join().expect("the reader thread");
    }

    /// Closes the terminal, as closing the window or losing the SSH connection does: the
    /// last descriptors of the pty's master side are closed, so the kernel hangs up the
    /// program's terminal (SIGHUP; reads give end-of-file, writes fail). Call
    /// [`Tui::stop_reading`] first.
    pub fn hang_up(&mut self) {
        assert!(self.reader.is_none(), "the reader still holds the pty");
        self.writer = None;
        self.master = None;
    }
}

/// The reader thread: everything the program writes goes to the emulator and the raw log;
/// each time a frame ends, the screen is kept as the last whole frame.
fn read_terminal(
    mut source: Box<dyn Read + Send>,
    shared: &(Mutex<Shared>, Condvar),
    close_reader: &AtomicBool,
) {
    let (lock, ready) = shared;
    let mut buf = [0u8; 16384];
    // The last bytes already processed, so a frame end split across two reads is found.
    let mut tail: Vec<u8> = Vec::new();
    // Whether a frame ended since `close_reader` was set.
    let mut since_close: Vec<u8> = Vec::new();
    loop {
        let n = match source.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        let chunk = &buf[..n];
        let mut window = std::mem::take(&mut tail);
        window.extend_from_slice(chunk);
        // `tail` is shorter than FRAME_END, so a frame end found ends inside `chunk`.
        let frame_end = end_of_last(&window, FRAME_END).map(|end| end - (window.len() - n));
        {
            let mut shared = lock.lock().expect("screen lock");
            shared.raw.extend_from_slice(chunk);
            match frame_end {
                Some(end) => {
                    shared.parser.process(&chunk[..end]);
                    shared.last_frame = shared.parser.screen().contents();
                    shared.parser.process(&chunk[end..]);
                }
                None => shared.parser.process(chunk),
            }
            ready.notify_all();
        }
        let keep = window.len().min(FRAME_END.len() - 1);
        tail = window.split_off(window.len() - keep);
        if close_reader.load(Ordering::SeqCst) {
            since_close.extend_from_slice(chunk);
            if end_of_last(&since_close, FRAME_END).is_some() {
                break;
            }
        }
    }
    lock.lock().expect("screen lock").closed = true;
    ready.notify_all();
}

impl Drop for Tui {
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

/// The attacker's bytes that must never reach a terminal: ESC, BEL, the 8-bit CSI (C1, in
/// UTF-8), a raw CR or backspace, and the bidi override that reverses what follows.
pub const FORBIDDEN: [(&str, &[u8]); 6] = [
    ("ESC", b"\x1b"),
    ("BEL", b"\x07"),
    ("C1 CSI (U+009B)", "\u{9b}".as_bytes()),
    ("backspace", b"\x08"),
    ("carriage return", b"\r"),
    ("bidi override (U+202E)", "\u{202e}".as_bytes()),
];

/// Where `needle` first occurs in `haystack`.
pub fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

/// Panics, showing the surroundings, if any forbidden byte is in `bytes`.
pub fn assert_inert(what: &str, bytes: &[u8]) {
    for (name, needle) in FORBIDDEN {
        if let Some(at) = find(bytes, needle) {
            let start = at.saturating_sub(60);
            let end = (at + 60).min(bytes.len());
            panic!(
                "{what}: a raw {name} at byte {at}: …{}…",
                String::from_utf8_lossy(&bytes[start..end]).escape_debug()
            );
        }
    }
}
