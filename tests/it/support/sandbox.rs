//! The one sandbox every test that runs the `onsite` binary uses: a temp home holding the
//! data folder (`data/`, absent until a command creates it), the config file (`config.yaml`,
//! absent unless written) and an empty rubrics folder, with `onsite` run as one inspector and
//! nothing from the caller's environment (`ONSITE_LANG`, `NO_COLOR`, git's identity and
//! config), so no test touches real visits or depends on who runs it.
//!
//! Commands run from the sandbox's home, or from the package root for tests that name
//! fixtures by relative path ([`Sandbox::running_from_crate_root`]). Their output is kept as bytes
//! and as text; a command still running after [`HANG`] is killed. Time limits only turn a
//! hang into a failure; nothing asserts how fast anything is.
//!
//! Every test runs in one process, so nothing here sets the environment, the working folder or
//! a signal handler of the test process: all of it goes on the child's `Command`. One thing is
//! shared anyway: `Store::open` in a test sets this process's umask to 077 (as onsite does for
//! itself), and children inherit it. No test relies on the caller's umask: those about file
//! modes either set one ([`Sandbox::command_with_umask`]) or check the store's private modes.

use std::ffi::OsStr;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::CommandBuilder;
use tempfile::TempDir;

use super::terminal::{COLS, ROWS, Tui};

/// The binary under test: this crate's `onsite`, or `ONSITE_TEST_BIN` (to run the tests
/// against another build, e.g. the last release, without rebuilding them).
pub fn bin() -> PathBuf {
    std::env::var_os("ONSITE_TEST_BIN")
        .filter(|path| !path.is_empty())
        .map_or_else(
            || PathBuf::from(env!("CARGO_BIN_EXE_onsite")),
            PathBuf::from,
        )
}

/// A command that takes longer than this is taken to hang.
pub const HANG: Duration = Duration::from_secs(60);

/// The inspector every sandbox acts as unless it is told otherwise.
pub const LAN: &str = "Nguyễn Thị Lan";

/// The shipped rubric of 45 items (points with half steps, check, levels, N/A, critical).
pub const CO_QUAN: &str = "co-quan-dat-chuan-van-hoa";
/// The shipped checklist of 25 items (2 points each), some allowing N/A.
pub const CONG_SO: &str = "van-hoa-cong-so";

/// The committed export of a visit (see tests/fixtures/README.md), by absolute path.
pub const GOOD_VISIT: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/good-visit.yaml"
);

pub struct Sandbox {
    home: TempDir,
    /// `ONSITE_INSPECTOR`; `None`: unset.
    inspector: Option<&'static str>,
    /// Where commands run from; `None`: the home.
    cwd: Option<PathBuf>,
}

/// What a finished command left behind.
pub struct Run {
    pub status: ExitStatus,
    /// `None` when it was killed (a hang past its time limit, or a signal).
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
    pub raw_stdout: Vec<u8>,
    pub raw_stderr: Vec<u8>,
    pub took: Duration,
    /// Peak resident memory in KiB, when it was measured ([`Sandbox::run_measured`]).
    pub peak_kib: Option<u64>,
}

impl std::fmt::Debug for Run {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Run")
            .field("code", &self.code)
            .field("status", &self.status)
            .field("stdout", &self.stdout)
            .field("stderr", &self.stderr)
            .field("took", &self.took)
            .finish_non_exhaustive()
    }
}

impl Run {
    /// What a command that ended with `status` after `took` wrote.
    pub fn new(
        status: ExitStatus,
        raw_stdout: Vec<u8>,
        raw_stderr: Vec<u8>,
        took: Duration,
    ) -> Run {
        Run {
            code: status.code(),
            status,
            stdout: String::from_utf8_lossy(&raw_stdout).into_owned(),
            stderr: String::from_utf8_lossy(&raw_stderr).into_owned(),
            raw_stdout,
            raw_stderr,
            took,
            peak_kib: None,
        }
    }

    /// stdout and stderr together, for "is it mentioned anywhere".
    pub fn all(&self) -> String {
        format!("{}{}", self.stdout, self.stderr)
    }
}

impl Sandbox {
    /// An empty `rubrics/`, no config file, no data folder yet; acting as [`LAN`].
    pub fn new() -> Sandbox {
        let home = tempfile::tempdir().expect("create a temp dir");
        fs::create_dir(home.path().join("rubrics")).expect("create the rubrics folder");
        Sandbox {
            home,
            inspector: Some(LAN),
            cwd: None,
        }
    }

    /// One inspector's laptop, for the team tests: a sandbox acting as `inspector`, whose
    /// git (through `HOME`) has a name of its own (onsite must use the inspector's) and
    /// starts `git init`/`clone` on `main` whatever the machine's default.
    pub fn laptop(inspector: &'static str) -> Sandbox {
        let sandbox = Sandbox::new().acting_as(Some(inspector));
        fs::write(
            sandbox.path(".gitconfig"),
            "[user]\n\tname = Git On This Laptop\n\temail = laptop@example.invalid\n\
             [init]\n\tdefaultBranch = main\n",
        )
        .expect("write .gitconfig");
        sandbox
    }

    /// This sandbox acting as `inspector` (`None`: no `ONSITE_INSPECTOR` at all).
    pub fn acting_as(mut self, inspector: Option<&'static str>) -> Sandbox {
        self.inspector = inspector;
        self
    }

    /// This sandbox running `onsite` from the package root, where the tests' relative
    /// fixture paths (`tests/fixtures/…`) resolve and appear as given in messages.
    pub fn running_from_crate_root(mut self) -> Sandbox {
        self.cwd = Some(PathBuf::from(env!("CARGO_MANIFEST_DIR")));
        self
    }

    /// The inspector's name, for messages.
    pub fn inspector(&self) -> &'static str {
        self.inspector.unwrap_or("(no inspector)")
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

    pub fn config(&self) -> PathBuf {
        self.path("config.yaml")
    }

    pub fn rubrics(&self) -> PathBuf {
        self.path("rubrics")
    }

    /// Writes a file in the home (not in the rubrics folder); its path.
    pub fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path(name);
        fs::write(&path, bytes).expect("write a test file");
        path
    }

    pub fn write_config(&self, text: &str) {
        fs::write(self.config(), text).expect("write the config file");
    }

    /// Where commands run from.
    pub fn cwd(&self) -> &Path {
        self.cwd.as_deref().unwrap_or(self.home.path())
    }

    /// The environment every `onsite` of this sandbox gets (CLI or TUI) besides the
    /// inspector.
    pub fn env(&self) -> Vec<(&'static str, PathBuf)> {
        vec![
            ("ONSITE_DATA_DIR", self.data()),
            ("ONSITE_CONFIG", self.config()),
            ("ONSITE_RUBRICS", self.rubrics()),
        ]
    }

    /// `[program PREFIX…] onsite ARGS…` with this sandbox's environment: onsite run through
    /// a wrapper (a shell that lowers a limit first, GNU `time`) when `program` is given.
    pub fn command_of<S: AsRef<OsStr>>(
        &self,
        program: Option<&Path>,
        prefix: &[&str],
        args: &[S],
    ) -> Command {
        let mut command = match program {
            Some(program) => {
                let mut command = Command::new(program);
                command.args(prefix).arg(bin());
                command
            }
            None => Command::new(bin()),
        };
        command
            .args(args)
            .current_dir(self.cwd())
            .env_remove("ONSITE_LANG")
            .env_remove("NO_COLOR")
            .stdin(Stdio::null());
        for (key, value) in self.env() {
            command.env(key, value);
        }
        match self.inspector {
            Some(name) => command.env("ONSITE_INSPECTOR", name),
            None => command.env_remove("ONSITE_INSPECTOR"),
        };
        isolate_git(&mut command, self.home());
        command
    }

    /// `onsite ARGS…` in the default language (Vietnamese) unless `ARGS` say otherwise.
    pub fn command_in_default_lang<S: AsRef<OsStr>>(&self, args: &[S]) -> Command {
        self.command_of(None, &[], args)
    }

    /// `onsite --lang en ARGS…`.
    pub fn command<S: AsRef<OsStr>>(&self, args: &[S]) -> Command {
        self.command_of(None, &[], &english(args))
    }

    /// [`Sandbox::command`] started by a shell that first sets `umask`.
    pub fn command_with_umask<S: AsRef<OsStr>>(&self, umask: u32, args: &[S]) -> Command {
        let script = format!("umask {umask:03o} && exec \"$@\"");
        self.command_of(
            Some(Path::new("sh")),
            &["-c", &script, "sh"],
            &english(args),
        )
    }

    /// `onsite --lang en` as an `assert_cmd` command, for `.assert()` and `.write_stdin()`.
    pub fn onsite(&self) -> assert_cmd::Command {
        let mut command = assert_cmd::Command::from_std(self.command(&[] as &[&str]));
        command.timeout(HANG);
        command
    }

    /// [`Sandbox::onsite`] without `--lang`: in the default language, Vietnamese.
    pub fn onsite_in_default_lang(&self) -> assert_cmd::Command {
        let mut command =
            assert_cmd::Command::from_std(self.command_in_default_lang(&[] as &[&str]));
        command.timeout(HANG);
        command
    }

    /// Runs `onsite --lang en ARGS…`; panics if it hangs.
    pub fn run<S: AsRef<OsStr>>(&self, args: &[S]) -> Run {
        finish(self.command(args))
    }

    /// Runs `onsite ARGS…` (no `--lang`: the default language unless `ARGS` give one);
    /// panics if it hangs.
    pub fn run_in_default_lang<S: AsRef<OsStr>>(&self, args: &[S]) -> Run {
        finish(self.command_in_default_lang(args))
    }

    /// Runs `onsite --lang en ARGS…`, killed after `limit` (then `code` is `None`).
    pub fn run_within<S: AsRef<OsStr>>(&self, args: &[S], limit: Duration) -> Run {
        run_command(self.command(args), limit)
    }

    /// Runs `onsite ARGS` with its peak memory measured (when GNU `time` is there).
    pub fn run_measured<S: AsRef<OsStr>>(&self, args: &[S]) -> Run {
        let Some(time) = gnu_time() else {
            return self.run(args);
        };
        let report = self.path("peak-memory.txt");
        let report_arg = report.display().to_string();
        let command = self.command_of(
            Some(&time),
            &["-f", "%M", "-o", &report_arg],
            &english(args),
        );
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
    pub fn run_file_limited<S: AsRef<OsStr>>(&self, max_bytes: u64, args: &[S]) -> Run {
        self.run_with_file_limit(max_bytes, true, args)
    }

    /// Like [`Sandbox::run_file_limited`], SIGXFSZ left as it is (`ignored: false`): onsite
    /// must survive the limit by itself.
    pub fn run_with_file_limit<S: AsRef<OsStr>>(
        &self,
        max_bytes: u64,
        ignored: bool,
        args: &[S],
    ) -> Run {
        let blocks = (max_bytes / 512).max(1).to_string();
        let trap = if ignored { "trap '' XFSZ && " } else { "" };
        let script = format!("ulimit -S -f {blocks} && {trap}exec \"$0\" \"$@\"");
        let command = self.command_of(Some(Path::new("/bin/sh")), &["-c", &script], &english(args));
        finish(command)
    }

    /// Runs `onsite --lang en ARGS`, expecting exit 0; gives stdout.
    pub fn ok<S: AsRef<OsStr> + std::fmt::Debug>(&self, args: &[S]) -> String {
        let run = self.run(args);
        assert_eq!(run.code, Some(0), "{} {args:?}: {run:?}", self.inspector());
        run.stdout
    }

    /// Like [`Sandbox::ok`], and nothing may be on stderr.
    pub fn ok_quiet<S: AsRef<OsStr> + std::fmt::Debug>(&self, args: &[S]) -> String {
        let run = self.run(args);
        assert_eq!(run.code, Some(0), "{} {args:?}: {run:?}", self.inspector());
        assert_eq!(run.stderr, "", "{} {args:?}: {run:?}", self.inspector());
        run.stdout
    }

    /// A new visit of `rubric` to `unit` dated 2026-11-28 (with `extra` arguments); its id.
    pub fn new_visit(&self, rubric: &str, unit: &str, extra: &[&str]) -> String {
        let mut args = vec![
            "new",
            "--rubric",
            rubric,
            "--unit",
            unit,
            "--date",
            "2026-11-28",
        ];
        args.extend(extra);
        self.ok(&args).trim().to_owned()
    }

    /// Every visit id the store holds, as `list --format yaml` gives them, newest first.
    pub fn ids(&self) -> Vec<String> {
        self.ok(&["list", "--format", "yaml"])
            .lines()
            .filter_map(|line| line.strip_prefix("- id: "))
            .map(|id| id.trim().trim_matches(['"', '\'']).to_owned())
            .collect()
    }

    /// Everything an import could change, as the read commands print it: the list, the
    /// trash, and each visit's history and whole document.
    pub fn snapshot(&self) -> String {
        let mut all = self.ok_quiet(&["list", "--format", "yaml"]);
        all += &self.ok_quiet(&["trash"]);
        for id in self.ids() {
            all += &self.ok_quiet(&["history", id.as_str()]);
            all += &self.ok_quiet(&["show", id.as_str(), "--format", "yaml"]);
        }
        all
    }

    /// The TUI (`onsite`, no arguments) on a 100×30 terminal, in Vietnamese, as `inspector`
    /// (`None`: no `ONSITE_INSPECTOR`).
    pub fn tui_as(&self, inspector: Option<&str>) -> Tui {
        self.tui_sized(inspector, ROWS, COLS)
    }

    /// [`Sandbox::tui_as`] on a terminal of `rows` × `cols`.
    pub fn tui_sized(&self, inspector: Option<&str>, rows: u16, cols: u16) -> Tui {
        let mut command = CommandBuilder::new(bin());
        command.cwd(self.cwd());
        command.env("TERM", "xterm-256color");
        command.env_remove("ONSITE_LANG");
        command.env_remove("NO_COLOR");
        for (key, value) in self.env() {
            command.env(key, value);
        }
        match inspector {
            Some(name) => command.env("ONSITE_INSPECTOR", name),
            None => command.env_remove("ONSITE_INSPECTOR"),
        }
        Tui::spawn(command, rows, cols)
    }
}

/// `--lang en ARGS…`.
fn english<S: AsRef<OsStr>>(args: &[S]) -> Vec<&OsStr> {
    let mut all: Vec<&OsStr> = vec![OsStr::new("--lang"), OsStr::new("en")];
    all.extend(args.iter().map(AsRef::as_ref));
    all
}

/// Keeps git in a command to `home`: its own `HOME` (and so `.gitconfig`), no system config,
/// no repository above the temp dir, no identity from the caller's environment.
pub fn isolate_git(command: &mut Command, home: &Path) {
    command
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env(
            "GIT_CEILING_DIRECTORIES",
            home.parent().expect("the temp dir has a parent"),
        );
    for name in [
        "GIT_CONFIG_GLOBAL",
        "GIT_DIR",
        "GIT_WORK_TREE",
        "GIT_INDEX_FILE",
        "GIT_AUTHOR_NAME",
        "GIT_AUTHOR_EMAIL",
        "GIT_COMMITTER_NAME",
        "GIT_COMMITTER_EMAIL",
        "EMAIL",
    ] {
        command.env_remove(name);
    }
}

/// Runs `command` with its output captured; kills it and panics if it is still running
/// after [`HANG`].
pub fn finish(command: Command) -> Run {
    let description = format!("{command:?}");
    let run = run_command(command, HANG);
    assert!(
        run.code.is_some() || run.took < HANG,
        "{description} still ran after {HANG:?}: it hangs"
    );
    run
}

/// Runs `command` with its output captured; a command still running after `limit` is
/// killed (then `code` is `None`).
pub fn run_command(mut command: Command, limit: Duration) -> Run {
    let started = Instant::now();
    command.stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = command.spawn().expect("start onsite");
    let stdout = drain(child.stdout.take().expect("piped stdout"));
    let stderr = drain(child.stderr.take().expect("piped stderr"));
    let status = wait_within(&mut child, limit);
    let raw_stdout = stdout.join().expect("the stdout reader");
    let raw_stderr = stderr.join().expect("the stderr reader");
    Run::new(status, raw_stdout, raw_stderr, started.elapsed())
}

fn drain(mut pipe: impl Read + Send + 'static) -> thread::JoinHandle<Vec<u8>> {
    thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = pipe.read_to_end(&mut bytes);
        bytes
    })
}

/// Waits for `child`, killing it after `limit`.
fn wait_within(child: &mut Child, limit: Duration) -> ExitStatus {
    let deadline = Instant::now() + limit;
    loop {
        if let Some(status) = child.try_wait().expect("poll the child") {
            return status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            return child.wait().expect("wait for the killed child");
        }
        thread::sleep(Duration::from_millis(10));
    }
}

/// Waits for `child`; a child still running after [`HANG`] is killed and the test fails.
pub fn wait_or_kill(child: &mut Child, what: &str) -> ExitStatus {
    let started = Instant::now();
    let status = wait_within(child, HANG);
    assert!(
        status.code().is_some() || started.elapsed() < HANG,
        "{what} still ran after {HANG:?}: it hangs"
    );
    status
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
