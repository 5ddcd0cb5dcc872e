//! Shared by the visit-document tests (`document.rs`, `import_cli.rs`): a sandboxed `onsite`
//! whose data folder, config file and rubrics folder all live in a temp dir, with
//! `ONSITE_LANG` removed and the inspector set, so no test touches real visits or depends on
//! the caller's environment.
// Each test binary uses only part of this file.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use assert_cmd::Command;
use tempfile::TempDir;

/// The shipped rubric of 41 items (points with half steps, check, levels, N/A, critical).
pub const CO_QUAN: &str = "co-quan-dat-chuan-van-hoa";
/// The shipped checklist of 25 check items, some allowing N/A.
pub const CONG_SO: &str = "van-hoa-cong-so";

/// The inspector every command acts as.
pub const LAN: &str = "Nguyễn Thị Lan";

/// The committed export every bad fixture was broken from (see `make-bad-visits.py`).
pub const GOOD_VISIT: &str = "tests/fixtures/good-visit.yaml";
pub const GOOD_VISIT_ID: &str = "01M8H00G09WAWN13KGF42BJPMN";
pub const BAD_VISITS: &str = "tests/fixtures/bad-visits";

pub struct Sandbox {
    home: TempDir,
}

#[derive(Debug)]
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Sandbox {
    /// `data/` (absent until a command creates it), no config file, an empty `rubrics/`.
    pub fn new() -> Self {
        let home = tempfile::tempdir().expect("create a temp dir");
        fs::create_dir(home.path().join("rubrics")).expect("create the rubrics folder");
        Sandbox { home }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.home.path().join(name)
    }

    /// `onsite --lang en` with every path in the sandbox, acting as [`LAN`].
    pub fn onsite(&self) -> Command {
        let mut command = self.onsite_in_default_lang();
        command.args(["--lang", "en"]);
        command
    }

    /// [`Sandbox::onsite`] without `--lang`: in the default language, Vietnamese.
    pub fn onsite_in_default_lang(&self) -> Command {
        let mut command = assert_cmd::cargo::cargo_bin_cmd!("onsite");
        command
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env("ONSITE_RUBRICS", self.path("rubrics"))
            .env("ONSITE_DATA_DIR", self.path("data"))
            .env("ONSITE_CONFIG", self.path("config.yaml"))
            .env("ONSITE_INSPECTOR", LAN)
            .env_remove("ONSITE_LANG")
            .timeout(Duration::from_secs(60));
        command
    }

    pub fn run<S: AsRef<std::ffi::OsStr>>(&self, args: &[S]) -> Run {
        let output = self.onsite().args(args).output().expect("run onsite");
        Run {
            code: output.status.code(),
            stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
        }
    }

    /// Runs, expects exit 0 with nothing on stderr, and gives stdout.
    pub fn ok<S: AsRef<std::ffi::OsStr> + std::fmt::Debug>(&self, args: &[S]) -> String {
        let run = self.run(args);
        assert_eq!(run.code, Some(0), "{args:?}: {run:?}");
        assert_eq!(run.stderr, "", "{args:?}: {run:?}");
        run.stdout
    }

    /// A new visit; its id.
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
        self.ok(&args).trim_end().to_owned()
    }

    /// Every visit id the store holds, trash included, as `list --format yaml` gives them.
    pub fn ids(&self) -> Vec<String> {
        self.ok(&["list", "--format", "yaml"])
            .lines()
            .filter_map(|line| line.strip_prefix("- id: "))
            .map(str::to_owned)
            .collect()
    }

    /// Everything an import could change, as the read commands print it: the list, the
    /// trash, and each visit's history and whole document.
    pub fn snapshot(&self) -> String {
        let mut all = self.ok(&["list", "--format", "yaml"]);
        all += &self.ok(&["trash"]);
        for id in self.ids() {
            all += &self.ok(&["history", id.as_str()]);
            all += &self.ok(&["show", id.as_str(), "--format", "yaml"]);
        }
        all
    }
}

/// Every file directly in `dir`, by name.
pub fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fs::read_dir(dir)
        .expect("read the folder")
        .map(|entry| {
            let entry = entry.expect("a folder entry");
            let name = entry.file_name().to_string_lossy().into_owned();
            (name, fs::read(entry.path()).expect("read a file"))
        })
        .collect()
}

/// The names of every entry directly in `dir` (files, folders, links), sorted.
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

/// Whether this process ignores file permissions (root does), found by trying to write
/// into a folder made read-only.
pub fn ignores_permissions() -> bool {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("create a temp dir");
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o555)).expect("chmod");
    let wrote = fs::write(dir.path().join("probe"), b"x").is_ok();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).expect("chmod back");
    wrote
}
