//! The real `onsite` TUI in a pseudo-terminal (portable-pty), for the hardening tests. A
//! reader thread keeps every byte the program writes to the terminal, raw, and feeds a
//! `vt100` emulator whose callbacks record what a real terminal would have been asked to do
//! besides drawing: set the window title or icon name, write the clipboard (OSC 52), ring
//! the bell. Timeouts only turn a hang into a failure.
// Each test binary uses only part of this file.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::path::Path;
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};

pub const ROWS: u16 = 30;
pub const COLS: u16 = 100;
/// Only so a broken test fails instead of hanging.
pub const TIMEOUT: Duration = Duration::from_secs(30);

// Keys as a terminal sends them.
pub const ENTER: &str = "\r";
pub const ESC: &str = "\x1b";
pub const CTRL_C: &str = "\x03";
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

type Screen = Arc<Mutex<vt100::Parser<Requests>>>;

pub struct Tui {
    screen: Screen,
    raw: Arc<Mutex<Vec<u8>>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    _master: Box<dyn MasterPty + Send>,
    reader: Option<JoinHandle<()>>,
}

impl Tui {
    /// `onsite` (no arguments: the TUI) with `env`, from `cwd`, in Vietnamese.
    pub fn start(cwd: &Path, env: &[(&str, &Path)], inspector: &str) -> Tui {
        let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_onsite"));
        command.cwd(cwd);
        command.env("TERM", "xterm-256color");
        command.env("ONSITE_INSPECTOR", inspector);
        command.env_remove("ONSITE_LANG");
        command.env_remove("NO_COLOR");
        for (key, value) in env {
            command.env(key, value);
        }
        Tui::spawn(command)
    }

    fn spawn(command: CommandBuilder) -> Tui {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        // portable-pty's writer types a newline and EOF (Ctrl-J, Ctrl-D) when dropped,
        // unless the terminal has no EOF character (see tests/tui_e2e.rs).
        let tty = pair.master.tty_name().expect("the pty's device");
        let status = Command::new("stty")
            .arg("-F")
            .arg(&tty)
            .args(["eof", "undef"])
            .status()
            .expect("run stty");
        assert!(status.success(), "stty -F {}: {status}", tty.display());
        let child = pair.slave.spawn_command(command).expect("start onsite");
        drop(pair.slave);
        let screen: Screen = Arc::new(Mutex::new(vt100::Parser::new_with_callbacks(
            ROWS,
            COLS,
            0,
            Requests::default(),
        )));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let mut source = pair.master.try_clone_reader().expect("read the pty");
        let reader = {
            let screen = Arc::clone(&screen);
            let raw = Arc::clone(&raw);
            thread::spawn(move || {
                let mut buf = [0u8; 16384];
                loop {
                    let n = match source.read(&mut buf) {
                        Ok(0) | Err(_) => break,
                        Ok(n) => n,
                    };
                    raw.lock().expect("raw lock").extend_from_slice(&buf[..n]);
                    screen.lock().expect("screen lock").process(&buf[..n]);
                }
            })
        };
        let writer = pair.master.take_writer().expect("write to the pty");
        Tui {
            screen,
            raw,
            writer,
            child,
            _master: pair.master,
            reader: Some(reader),
        }
    }

    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("the child's pid")
    }

    /// Sends `keys` as a terminal would (text, control bytes, escape sequences).
    pub fn send(&mut self, keys: &str) {
        self.send_bytes(keys.as_bytes());
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

    pub fn send_bytes(&mut self, bytes: &[u8]) {
        // Large pastes go in pieces, as a terminal would send them.
        for chunk in bytes.chunks(4096) {
            self.writer.write_all(chunk).expect("write to the pty");
        }
        self.writer.flush().expect("flush the pty");
    }

    /// Pastes `text` as a terminal with bracketed paste does.
    pub fn paste(&mut self, text: &str) {
        self.send(&format!("{PASTE_START}{text}{PASTE_END}"));
    }

    pub fn contents(&self) -> String {
        self.screen.lock().expect("screen lock").screen().contents()
    }

    pub fn requests(&self) -> Requests {
        self.screen.lock().expect("screen lock").callbacks().clone()
    }

    /// Every byte the program wrote to the terminal so far.
    pub fn raw(&self) -> Vec<u8> {
        self.raw.lock().expect("raw lock").clone()
    }

    /// Polls the screen until `done` holds; gives the screen then. Panics after
    /// [`TIMEOUT`] (or `timeout`) with the screen.
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

    pub fn wait_until(&self, what: &str, done: impl Fn(&str) -> bool) -> String {
        self.wait_until_for(what, TIMEOUT, done)
    }

    pub fn wait_for(&self, text: &str) -> String {
        self.wait_until(&format!("{text:?}"), |now| now.contains(text))
    }

    /// Whether the program is still running.
    pub fn running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    /// Waits for the program to end, then for the reader to see its last output.
    pub fn wait_exit(&mut self) -> ExitStatus {
        let deadline = Instant::now() + TIMEOUT;
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("poll the child") {
                break status;
            }
            assert!(
                Instant::now() < deadline,
                "onsite did not exit within {TIMEOUT:?}; screen:\n{}",
                self.contents()
            );
            thread::sleep(Duration::from_millis(20));
        };
        if let Some(reader) = self.reader.take() {
            reader.join().expect("the reader thread");
        }
        status
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        // A failed test must not leave onsite running (holding the store's lock).
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = Command::new("kill")
                .args(["-9", &self.pid().to_string()])
                .status();
            let _ = self.child.wait();
        }
    }
}
