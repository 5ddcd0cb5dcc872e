//! Shared by the hardening tests (`terminal_safety.rs`, `write_failures.rs`, `limits.rs`,
//! `concurrency.rs`): a sandboxed `onsite` (data folder, config file and rubrics folder in a
//! temp dir, no `ONSITE_LANG` from the caller), run as a child process whose output is kept
//! as raw bytes, stopped if it hangs, and whose peak memory is measured.
//!
//! Time limits here only turn a hang into a failure; nothing asserts how fast anything is.
// Each test binary uses only part of this file.
#![allow(dead_code)]

use std::ffi::OsStr;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use tempfile::TempDir;

pub const BIN: &str = env!("CARGO_BIN_EXE_onsite");

/// A command that takes longer than this is taken to hang.
pub const HANG: Duration = Duration::from_secs(60);

/// The inspector every command acts as.
pub const INSPECTOR: &str = "Nguyễn Thị Lan";

/// The shipped checklist of 25 check items (2 points each).
pub const CONG_SO: &str = "van-hoa-cong-so";

/// The committed export of a visit (see tests/fixtures/README.md).
pub const GOOD_VISIT: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/good-visit.yaml"
);

pub struct Sandbox {
    home: TempDir,
}

/// What a finished command left behind.
#[derive(Debug)]
pub struct Finished {
    pub status: ExitStatus,
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
    /// Peak resident memory in KiB, when it could be measured (GNU `time`).
    pub peak_kib: Option<u64>,
}

impl Finished {
    pub fn code(&self) -> Option<i32> {
        self.status.code()
    }

    pub fn out(&self) -> String {
        String::from_utf8_lossy(&self.stdout).into_owned()
    }

    pub fn err(&self) -> String {
        String::from_utf8_lossy(&self.stderr).into_owned()
    }
}

impl Sandbox {
    /// An empty `rubrics/`, no config file, no data folder yet.
    pub fn new() -> Sandbox {
        let home = tempfile::tempdir().expect("create a temp dir");
        fs::create_dir(home.path().join("rubrics")).expect("create the rubrics folder");
        Sandbox { home }
    }

    pub fn home(&self) -> &Path {
        self.home.path()
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.home.path().join(name)
    }

    pub fn data(&self) -> PathBuf {
        self.path("data")
    }

    /// The environment every `onsite` of this sandbox gets (CLI or TUI).
    pub fn env(&self) -> Vec<(&'static str, PathBuf)> {
        vec![
            ("ONSITE_DATA_DIR", self.data()),
            ("ONSITE_CONFIG", self.path("config.yaml")),
            ("ONSITE_RUBRICS", self.path("rubrics")),
        ]
    }

    /// `onsite --lang en ARGS` in this sandbox, as [`INSPECTOR`], from the sandbox's folder.
    pub fn command<S: AsRef<OsStr>>(&self, args: &[S]) -> Command {
        self.command_of(Path::new(BIN), &[] as &[&str], args)
    }

    /// `program PREFIX… onsite --lang en ARGS…`: onsite run through a wrapper (a shell that
    /// lowers a limit first, GNU `time`).
    fn command_of<S: AsRef<OsStr>>(&self, program: &Path, prefix: &[&str], args: &[S]) -> Command {
        let mut command = Command::new(program);
        command.args(prefix);
        if program != Path::new(BIN) {
            command.arg(BIN);
        }
        command
            .args(["--lang", "en"])
            .args(args)
            .current_dir(self.home())
            .env("ONSITE_INSPECTOR", INSPECTOR)
            .env_remove("ONSITE_LANG")
            .env_remove("NO_COLOR");
        for (key, value) in self.env() {
            command.env(key, value);
        }
        command
    }

    /// Runs `onsite ARGS`; panics if it hangs.
    pub fn run<S: AsRef<OsStr>>(&self, args: &[S]) -> Finished {
        finish(self.command(args))
    }

    /// Runs `onsite ARGS` with its peak memory measured (when GNU `time` is there).
    pub fn run_measured<S: AsRef<OsStr>>(&self, args: &[S]) -> Finished {
        let Some(time) = gnu_time() else {
            return self.run(args);
        };
        let report = self.path("peak-memory.txt");
        let report_arg = report.display().to_string();
        let command = self.command_of(&time, &["-f", "%M", "-o", &report_arg], args);
        let mut finished = finish(command);
        finished.peak_kib = fs::read_to_string(&report)
            .ok()
            .and_then(|text| text.lines().last().and_then(|l| l.trim().parse().ok()));
        finished
    }

    /// Runs `onsite ARGS` with files limited to `max_bytes` (`ulimit -f`) and SIGXFSZ
    /// ignored, so a write past the limit fails with EFBIG as on a full disk instead of
    /// killing the process. The crate forbids `unsafe`, so no `pre_exec` + `setrlimit`: a
    /// shell sets both and then becomes onsite.
    pub fn run_file_limited<S: AsRef<OsStr>>(&self, max_bytes: u64, args: &[S]) -> Finished {
        self.run_with_file_limit(max_bytes, true, args)
    }

    /// Like [`Sandbox::run_file_limited`], SIGXFSZ left as it is (`ignored: false`): onsite
    /// must survive the limit by itself.
    pub fn run_with_file_limit<S: AsRef<OsStr>>(
        &self,
        max_bytes: u64,
        ignored: bool,
        args: &[S],
    ) -> Finished {
        let blocks = (max_bytes / 512).max(1).to_string();
        let trap = if ignored { "trap '' XFSZ && " } else { "" };
        let script = format!("ulimit -S -f {blocks} && {trap}exec \"$0\" \"$@\"");
        let command = self.command_of(Path::new("/bin/sh"), &["-c", &script], args);
        finish(command)
    }

    /// Runs `onsite ARGS`, expecting exit 0; gives stdout.
    pub fn ok<S: AsRef<OsStr> + std::fmt::Debug>(&self, args: &[S]) -> String {
        let done = self.run(args);
        assert_eq!(
            done.code(),
            Some(0),
            "onsite {args:?}: {done:?}\n{}",
            done.err()
        );
        done.out()
    }

    /// A new visit of [`CONG_SO`] (unless another rubric is given); its id.
    pub fn new_visit(&self, unit: &str, extra: &[&str]) -> String {
        let mut args = vec![
            "new",
            "--rubric",
            CONG_SO,
            "--unit",
            unit,
            "--date",
            "2026-11-28",
        ];
        args.extend(extra);
        self.ok(&args).trim().to_owned()
    }

    /// Every visit id, newest first.
    pub fn ids(&self) -> Vec<String> {
        self.ok(&["list", "--format", "yaml"])
            .lines()
            .filter_map(|line| line.strip_prefix("- id: "))
            .map(|id| id.trim().to_owned())
            .collect()
    }
}

/// Runs `command` with its output captured as bytes; kills it and panics if it is still
/// running after [`HANG`].
pub fn finish(mut command: Command) -> Finished {
    let description = format!("{command:?}");
    command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command.spawn().expect("start onsite");
    let stdout = drain(child.stdout.take().expect("piped stdout"));
    let stderr = drain(child.stderr.take().expect("piped stderr"));
    let status = wait_or_kill(&mut child, &description);
    Finished {
        status,
        stdout: stdout.join().expect("the stdout reader"),
        stderr: stderr.join().expect("the stderr reader"),
        peak_kib: None,
    }
}

fn drain(mut pipe: impl Read + Send + 'static) -> thread::JoinHandle<Vec<u8>> {
    thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = pipe.read_to_end(&mut bytes);
        bytes
    })
}

/// Waits for `child`; a child still running after [`HANG`] is killed and the test fails.
pub fn wait_or_kill(child: &mut Child, what: &str) -> ExitStatus {
    let deadline = Instant::now() + HANG;
    loop {
        if let Some(status) = child.try_wait().expect("poll the child") {
            return status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{what} still ran after {HANG:?}: it hangs");
        }
        thread::sleep(Duration::from_millis(20));
    }
}

/// GNU `time`, which reports a child's peak resident memory (`%M`, KiB).
fn gnu_time() -> Option<PathBuf> {
    let time = PathBuf::from("/usr/bin/time");
    let probe = Command::new(&time)
        .args(["-f", "%M", "true"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&probe.stderr);
    let is_gnu = probe.status.success() && text.trim().parse::<u64>().is_ok();
    is_gnu.then_some(time)
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

/// Where `needle` occurs in `haystack`.
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

/// Whether this process ignores file permissions (root does).
pub fn ignores_permissions() -> bool {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("create a temp dir");
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o555)).expect("chmod");
    let wrote = fs::write(dir.path().join("probe"), b"x").is_ok();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).expect("chmod back");
    wrote
}

/// The names of every entry directly in `dir`, sorted.
pub fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("read the folder")
        .map(|entry| {
            let entry = entry.expect("a folder entry");
            entry.file_name().to_string_lossy().into_owned()
        })
        .collect();
    names.sort();
    names
}
