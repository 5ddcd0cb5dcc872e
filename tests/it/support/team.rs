//! A team of laptops syncing through one shared folder or one bare git remote, driven only
//! through the `onsite` binary (`sync_team.rs`, `actions_cli.rs`, `evidence_cli.rs`, ...).
//!
//! Each laptop is a [`Sandbox::laptop`]: a temp home of its own with a `HOME` holding a
//! `.gitconfig`, acting as its own `ONSITE_INSPECTOR`; no test touches the real data folder,
//! the caller's git identity or the caller's `ONSITE_*` settings. A visit is read back as its document (`onsite show ID --format yaml`), parsed
//! into a [`Doc`]: status, responses, findings and history entries.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant, SystemTime};

use tempfile::TempDir;

use super::sandbox::{CONG_SO, HANG, Run, Sandbox, isolate_git};

/// The shipped all-check rubric: 23 pass/fail items and two points items (3.5, 3.8, max 2).
pub const RUBRIC: &str = CONG_SO;
pub const UNIT: &str = "Cục Quản lý thị trường tỉnh Hà Tĩnh";

pub const BINH: &str = "Trần Văn Bình";
pub const CHAU: &str = "Phạm Minh Châu";

/// The pass/fail items of [`RUBRIC`].
pub const CHECK_ITEMS: [&str; 23] = [
    "1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "3.1", "3.2", "3.3",
    "3.4", "3.6", "3.7", "4.1", "4.2", "4.3", "4.4", "5.1", "5.2", "5.3",
];
/// The points items of [`RUBRIC`], with a valid score.
pub const POINTS_ITEMS: [(&str, &str); 2] = [("3.5", "2"), ("3.8", "1")];

/// What a team's laptop does: score, note, sync, read a visit back.
impl Sandbox {
    /// `onsite score`; whether it recorded a change (exit 0 and `saved: …`; a value the
    /// item already had is acknowledged with `unchanged: …` and records nothing).
    pub fn score(&self, visit: &str, item: &str, value: &str) -> bool {
        let run = self.run(&["score", visit, item, value]);
        assert_eq!(
            run.code,
            Some(0),
            "{} score {visit} {item} {value}: {run:?}",
            self.inspector()
        );
        run.stdout.starts_with("saved")
    }

    /// `onsite note`; whether it recorded a change.
    pub fn note(&self, visit: &str, item: &str, text: &str) -> bool {
        let run = self.run(&["note", visit, item, text]);
        assert_eq!(
            run.code,
            Some(0),
            "{} note {visit} {item}: {run:?}",
            self.inspector()
        );
        run.stdout.starts_with("saved")
    }

    /// Answers every item of a [`RUBRIC`] visit (all pass, points items full).
    pub fn answer_all(&self, visit: &str) {
        for item in CHECK_ITEMS {
            self.score(visit, item, "pass");
        }
        for (item, value) in POINTS_ITEMS {
            self.score(visit, item, value);
        }
    }

    /// `onsite sync DIR [--git]`, whatever it exits with.
    pub fn sync_run(&self, dir: &Path, git: bool) -> Run {
        self.run(&sync_args(dir, git))
    }

    /// `onsite sync DIR [--git]`, expected to exit 0.
    pub fn sync(&self, dir: &Path, git: bool) -> String {
        let run = self.sync_run(dir, git);
        assert_eq!(
            run.code,
            Some(0),
            "{} sync {} (git: {git}): {run:?}",
            self.inspector(),
            dir.display()
        );
        run.stdout
    }

    /// Starts `onsite sync DIR [--git]` without waiting for it.
    pub fn spawn_sync(&self, dir: &Path, git: bool) -> Child {
        let mut command = self.command(&sync_args(dir, git));
        command.stdout(Stdio::piped()).stderr(Stdio::piped());
        command.spawn().expect("start onsite sync")
    }

    /// The visit as its document says (`onsite show ID --format yaml`).
    pub fn doc(&self, visit: &str) -> Doc {
        Doc::parse(&self.ok(&["show", visit, "--format", "yaml"]))
    }

    /// `onsite conflicts`: its lines ("no conflicts" when none).
    pub fn conflicts(&self) -> Vec<String> {
        self.ok(&["conflicts"]).lines().map(str::to_owned).collect()
    }

    /// Whether `onsite conflicts` lists `item` of `visit`.
    pub fn lists_conflict(&self, visit: &str, item: &str) -> bool {
        self.conflicts()
            .iter()
            .any(|line| line.contains(visit) && line.contains(&format!(" {item}")))
    }
}

fn sync_args(dir: &Path, git: bool) -> Vec<String> {
    let mut args = vec!["sync".to_owned(), dir.display().to_string()];
    if git {
        args.push("--git".to_owned());
    }
    args
}

/// Waits for a child started by [`Sandbox::spawn_sync`], killing it (and failing) after
/// [`HANG`]; its exit status, stdout and stderr.
pub fn finish_sync(mut child: Child, what: &str) -> (ExitStatus, String, String) {
    let deadline = Instant::now() + HANG;
    loop {
        if child.try_wait().expect("poll the child").is_some() {
            break;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{what} still ran after {HANG:?}: it hangs");
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let output = child.wait_with_output().expect("collect the output");
    (
        output.status,
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

pub fn git_available() -> bool {
    Command::new("git")
        .arg("--version")
        .output()
        .is_ok_and(|output| output.status.success())
}

/// `git ARGS…` in `dir` with `laptop`'s isolated settings; stdout.
pub fn git(laptop: &Sandbox, dir: &Path, args: &[&str]) -> String {
    let mut command = Command::new("git");
    command.current_dir(dir).args(args);
    isolate_git(&mut command, laptop.home());
    let output = command.output().expect("run git");
    assert!(output.status.success(), "git {args:?}: {output:?}");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Laptops and what they sync through: one shared folder, or a bare git remote with a
/// clone on each laptop.
pub struct Team {
    pub laptops: Vec<Sandbox>,
    /// Each laptop's sync folder: the shared folder itself, or its clone.
    pub dirs: Vec<PathBuf>,
    pub git: bool,
    /// The shared folder, or the folder holding the bare remote (removed with the team).
    _between: TempDir,
}

impl Team {
    /// `inspectors` sharing one folder (`shared/`, mode 0755, as a shared drive would be).
    pub fn folder(inspectors: &[&'static str]) -> Self {
        let between = tempfile::tempdir().expect("create a temp dir");
        let shared = between.path().join("shared");
        fs::create_dir(&shared).expect("create the shared folder");
        set_mode(&shared, 0o755);
        Team {
            laptops: inspectors
                .iter()
                .map(|&name| Sandbox::laptop(name))
                .collect(),
            dirs: vec![shared; inspectors.len()],
            git: false,
            _between: between,
        }
    }

    /// `inspectors` each with a clone of one (empty) bare repository.
    pub fn git(inspectors: &[&'static str]) -> Self {
        let between = tempfile::tempdir().expect("create a temp dir");
        let laptops: Vec<Sandbox> = inspectors
            .iter()
            .map(|&name| Sandbox::laptop(name))
            .collect();
        let bare = between.path().join("visits.git");
        let bare = bare.to_str().expect("a UTF-8 path");
        let init = [
            "-c",
            "init.defaultBranch=main",
            "init",
            "--quiet",
            "--bare",
            bare,
        ];
        git(&laptops[0], between.path(), &init);
        let dirs: Vec<PathBuf> = laptops.iter().map(|l| l.path("visits")).collect();
        for (laptop, clone) in laptops.iter().zip(&dirs) {
            let clone = clone.to_str().expect("a UTF-8 path");
            let args = [
                "-c",
                "init.defaultBranch=main",
                "clone",
                "--quiet",
                bare,
                clone,
            ];
            git(laptop, laptop.home(), &args);
        }
        Team {
            laptops,
            dirs,
            git: true,
            _between: between,
        }
    }

    /// The shared folder (folder teams only).
    pub fn shared(&self) -> &Path {
        assert!(!self.git, "a git team has no single shared folder");
        &self.dirs[0]
    }

    pub fn sync(&self, who: usize) -> String {
        self.laptops[who].sync(&self.dirs[who], self.git)
    }

    pub fn sync_run(&self, who: usize) -> Run {
        self.laptops[who].sync_run(&self.dirs[who], self.git)
    }

    /// Every laptop syncs once, in order.
    pub fn round(&self) {
        for who in 0..self.laptops.len() {
            self.sync(who);
        }
    }

    /// The first laptop creates a visit and syncs it out; every other one syncs it in.
    pub fn shared_visit(&self) -> String {
        let visit = self.laptops[0].new_visit(RUBRIC, UNIT, &[]);
        self.round();
        for laptop in &self.laptops[1..] {
            assert!(
                laptop
                    .ids()
                    .iter()
                    .any(|id| id.eq_ignore_ascii_case(&visit)),
                "{} has the visit after one round",
                laptop.inspector()
            );
        }
        visit
    }

    /// Asserts every laptop holds the same visit: status, responses, findings and history
    /// (the same entries, in any order).
    pub fn assert_converged(&self, visit: &str, context: &str) -> Doc {
        let docs: Vec<Doc> = self.laptops.iter().map(|l| l.doc(visit)).collect();
        for (laptop, doc) in self.laptops.iter().zip(&docs) {
            doc.assert_replays(&format!("{context}: {}", laptop.inspector()));
        }
        for (laptop, doc) in self.laptops.iter().zip(&docs).skip(1) {
            docs[0].assert_same(
                doc,
                &format!(
                    "{context}: {} vs {}",
                    self.laptops[0].inspector(),
                    laptop.inspector()
                ),
            );
        }
        docs.into_iter().next().expect("one laptop at least")
    }
}

/// A history entry of a visit document: every key but `seq` (which may be per laptop), as
/// text (`null` as "").
pub type Entry = BTreeMap<String, String>;

/// A visit document, read back.
#[derive(Debug, Clone)]
pub struct Doc {
    pub id: String,
    pub status: String,
    pub rubric_digest: String,
    /// Item → key → value (`answer`, `score`, `na`, `note`, `by`, `at`, `text`).
    pub responses: BTreeMap<String, BTreeMap<String, String>>,
    pub findings: BTreeMap<String, String>,
    pub history: Vec<Entry>,
    pub text: String,
}

fn text_of(value: &yaml_serde::Value) -> String {
    match value {
        yaml_serde::Value::Null => String::new(),
        yaml_serde::Value::Bool(b) => b.to_string(),
        yaml_serde::Value::Number(n) => n.to_string(),
        yaml_serde::Value::String(s) => s.clone(),
        other => yaml_serde::to_string(other).expect("YAML out"),
    }
}

fn map_of(value: Option<&yaml_serde::Value>) -> BTreeMap<String, String> {
    value
        .and_then(yaml_serde::Value::as_mapping)
        .map(|mapping| {
            mapping
                .iter()
                .map(|(k, v)| (text_of(k), text_of(v)))
                .collect()
        })
        .unwrap_or_default()
}

impl Doc {
    pub fn parse(text: &str) -> Self {
        let value: yaml_serde::Value = yaml_serde::from_str(text)
            .unwrap_or_else(|error| panic!("a visit document: {error}\n{text}"));
        let responses = value
            .get("responses")
            .and_then(yaml_serde::Value::as_mapping)
            .map(|mapping| {
                mapping
                    .iter()
                    .map(|(item, fields)| (text_of(item), map_of(Some(fields))))
                    .collect()
            })
            .unwrap_or_default();
        let history = value
            .get("history")
            .and_then(yaml_serde::Value::as_sequence)
            .map(|entries| {
                entries
                    .iter()
                    .map(|entry| {
                        let mut entry = map_of(Some(entry));
                        entry.remove("seq");
                        entry
                    })
                    .collect()
            })
            .unwrap_or_default();
        Doc {
            id: value.get("id").map(text_of).unwrap_or_default(),
            status: value.get("status").map(text_of).unwrap_or_default(),
            rubric_digest: map_of(value.get("rubric"))
                .remove("digest")
                .unwrap_or_default(),
            responses,
            findings: map_of(value.get("findings")),
            history,
            text: text.to_owned(),
        }
    }

    /// An item's answer as the document writes it (`pass`, `fail`, a level, or the score of
    /// a points item); "" when unanswered.
    pub fn answer(&self, item: &str) -> String {
        let Some(fields) = self.responses.get(item) else {
            return String::new();
        };
        if fields.get("na").is_some_and(|na| na == "true") {
            return "na".to_owned();
        }
        fields
            .get("answer")
            .or_else(|| fields.get("score"))
            .cloned()
            .unwrap_or_default()
    }

    pub fn note(&self, item: &str) -> String {
        self.responses
            .get(item)
            .and_then(|fields| fields.get("note"))
            .cloned()
            .unwrap_or_default()
    }

    /// How many history entries record `change` (`answer`, `note`, `status`…) by `by` on
    /// `item` (or field) to `to`.
    pub fn count(&self, by: &str, change: &str, item: &str, to: &str) -> usize {
        self.history
            .iter()
            .filter(|e| {
                e.get("by").is_some_and(|v| v == by)
                    && e.get("change").is_some_and(|v| v == change)
                    && (item.is_empty()
                        || e.get("item")
                            .or_else(|| e.get("field"))
                            .is_some_and(|v| v == item))
                    && e.get("to").is_some_and(|v| v == to)
            })
            .count()
    }

    pub fn has(&self, by: &str, change: &str, item: &str, to: &str) -> bool {
        self.count(by, change, item, to) > 0
    }

    /// Asserts the visit is what its own history replays to: each item's answer and note,
    /// each finding and the status are the `to` of the last history entry changing them
    /// (unanswered, empty, draft when there is none), except that an edit coming after a
    /// finalize and before any reopen is not applied. The document's history is taken to be
    /// in the order it replays in.
    pub fn assert_replays(&self, context: &str) {
        let mut answers: BTreeMap<String, String> = BTreeMap::new();
        let mut notes: BTreeMap<String, String> = BTreeMap::new();
        let mut findings: BTreeMap<String, String> = BTreeMap::new();
        let mut status = "draft".to_owned();
        for entry in &self.history {
            let target = entry.get("item").or_else(|| entry.get("field")).cloned();
            let to = entry.get("to").cloned().unwrap_or_default();
            let change = entry.get("change").map(String::as_str);
            if status == "finalized" && matches!(change, Some("answer" | "note" | "finding")) {
                continue; // a finalized visit takes no edit until it is reopened
            }
            match (change, target) {
                (Some("answer"), Some(item)) => {
                    answers.insert(item, to);
                }
                (Some("note"), Some(item)) => {
                    notes.insert(item, to);
                }
                (Some("finding"), Some(field)) => {
                    findings.insert(field, to);
                }
                (Some("status"), _) => status = to,
                _ => {}
            }
        }
        let mut wrong = Vec::new();
        if self.status != status {
            wrong.push(format!("status {} (history: {status})", self.status));
        }
        let items: std::collections::BTreeSet<&String> = self
            .responses
            .keys()
            .chain(answers.keys())
            .chain(notes.keys())
            .collect();
        for item in items {
            let replayed = answers.get(item).map_or("", String::as_str);
            if self.answer(item) != replayed {
                wrong.push(format!(
                    "{item}: {:?} (history: {replayed:?})",
                    self.answer(item)
                ));
            }
            let replayed = notes.get(item).map_or("", String::as_str);
            if self.note(item) != replayed {
                wrong.push(format!(
                    "{item} note: {:?} (history: {replayed:?})",
                    self.note(item)
                ));
            }
        }
        for (field, replayed) in &findings {
            let now = self.findings.get(field).map_or("", String::as_str);
            if now != replayed {
                wrong.push(format!("{field}: {now:?} (history: {replayed:?})"));
            }
        }
        assert!(
            wrong.is_empty(),
            "{context}: the visit is not what its history replays to:\n{}\n{}",
            wrong.join("\n"),
            self.text
        );
    }

    /// The history entries sorted, so two laptops' histories compare as sets.
    pub fn sorted_history(&self) -> Vec<Entry> {
        let mut all = self.history.clone();
        all.sort();
        all
    }

    pub fn assert_same(&self, other: &Doc, context: &str) {
        assert!(
            self.id.eq_ignore_ascii_case(&other.id),
            "{context}: ids {} / {}",
            self.id,
            other.id
        );
        assert_eq!(self.status, other.status, "{context}: status");
        let differing: Vec<String> = self
            .responses
            .keys()
            .chain(other.responses.keys())
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .filter(|item| self.responses.get(*item) != other.responses.get(*item))
            .map(|item| {
                format!(
                    "{item}: {:?} / {:?}",
                    self.responses.get(item),
                    other.responses.get(item)
                )
            })
            .collect();
        assert!(
            differing.is_empty(),
            "{context}: responses differ:\n{}",
            differing.join("\n")
        );
        assert_eq!(self.findings, other.findings, "{context}: findings");
        assert_eq!(
            self.history.len(),
            other.history.len(),
            "{context}: history lengths\n{}\n---\n{}",
            self.text,
            other.text
        );
        assert_eq!(
            self.sorted_history(),
            other.sorted_history(),
            "{context}: history entries"
        );
    }
}

pub fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).expect("chmod");
}

pub fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    fs::symlink_metadata(path)
        .expect("stat")
        .permissions()
        .mode()
        & 0o7777
}

/// The visit documents people read: regular `*.yaml` files directly in `dir`, not hidden.
pub fn readable_docs(dir: &Path) -> Vec<PathBuf> {
    let mut all: Vec<PathBuf> = fs::read_dir(dir)
        .expect("read the folder")
        .map(|entry| entry.expect("a folder entry").path())
        .filter(|path| {
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
            let name = name.unwrap_or_default();
            !name.starts_with('.')
                && name.to_ascii_lowercase().ends_with(".yaml")
                && fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_file())
        })
        .collect();
    all.sort();
    all
}

/// The document of `visit` under the name onsite gives it (`…_<id in lower case>.yaml`).
pub fn doc_file(dir: &Path, visit: &str) -> Option<PathBuf> {
    let suffix = format!("_{}.yaml", visit.to_ascii_lowercase());
    readable_docs(dir).into_iter().find(|path| {
        let name = path.file_name().expect("a name").to_string_lossy();
        name.to_ascii_lowercase().ends_with(&suffix) && !name.starts_with("zz-")
    })
}

/// Every regular file and folder under `dir` (relative path → contents and mtime; folders
/// with empty contents).
pub fn tree(dir: &Path) -> BTreeMap<PathBuf, (Vec<u8>, SystemTime, u32)> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, (Vec<u8>, SystemTime, u32)>) {
        for entry in fs::read_dir(dir).expect("read a folder") {
            let path = entry.expect("a folder entry").path();
            let meta = fs::symlink_metadata(&path).expect("stat");
            let relative = path.strip_prefix(root).expect("under the root").to_owned();
            let mtime = meta.modified().expect("an mtime");
            if meta.is_dir() {
                out.insert(relative, (Vec::new(), mtime, mode(&path)));
                walk(root, &path, out);
            } else if meta.is_file() {
                let bytes = fs::read(&path).expect("read a file");
                out.insert(relative, (bytes, mtime, mode(&path)));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// Copies every regular file and folder under `from` into `to` (overwriting, keeping what
/// `to` has besides), as a backup restore or a file-sync tool would.
pub fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("create the target folder");
    for entry in fs::read_dir(from).expect("read a folder") {
        let path = entry.expect("a folder entry").path();
        let target = to.join(path.file_name().expect("a name"));
        let meta = fs::symlink_metadata(&path).expect("stat");
        if meta.is_dir() {
            copy_tree(&path, &target);
        } else if meta.is_file() {
            if fs::symlink_metadata(&target).is_ok_and(|m| m.is_dir()) {
                fs::remove_dir_all(&target).expect("remove a folder in the way");
            }
            fs::copy(&path, &target).expect("copy a file");
        }
    }
}

/// Removes everything inside `dir`, keeping `dir`.
pub fn empty_folder(dir: &Path) {
    for entry in fs::read_dir(dir).expect("read a folder") {
        let path = entry.expect("a folder entry").path();
        if fs::symlink_metadata(&path).is_ok_and(|m| m.is_dir()) {
            fs::remove_dir_all(&path).expect("remove a folder");
        } else {
            fs::remove_file(&path).expect("remove a file");
        }
    }
}

/// The opposite answer of a pass/fail item ("pass" when unanswered).
pub fn flip(answer: &str) -> &'static str {
    if answer == "pass" { "fail" } else { "pass" }
}
