//! Two laptops exchanging visits through the real binary: `onsite sync DIR` with one shared
//! folder (a USB stick, a shared drive), and `onsite sync CLONE --git` with two clones of one
//! bare repository, then `onsite conflicts`, `onsite resolve` and `onsite export`.
//!
//! Each laptop is a [`Sandbox::laptop`]: a temp home of its own (data folder, config file, rubrics folder and a
//! `HOME` with a `.gitconfig`), so no test touches the real visits, the caller's git identity or
//! the caller's `ONSITE_*` settings. Visits use the shipped all-check rubric `van-hoa-cong-so`.
//! A "round" is one sync by each laptop, the other one first (B, then A).

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use rstest::rstest;
use tempfile::TempDir;

use crate::support::sandbox::{LAN, Sandbox};
use crate::support::team::{BINH, git, git_available};

const RUBRIC: &str = "van-hoa-cong-so";
const UNIT: &str = "Cục Quản lý thị trường tỉnh Hà Tĩnh";

/// The summary line of a sync that found nothing to do for `unchanged` visits.
fn quiet(unchanged: usize) -> String {
    format!("0 new, 0 merged, 0 written, {unchanged} unchanged, 0 conflicts, 0 rejected")
}

/// What these tests do with a laptop besides the team's commands.
trait SyncCli {
    fn as_sandbox(&self) -> &Sandbox;

    /// A new visit to [`RUBRIC`] (dated today); its id.
    fn new_visit_to(&self, unit: &str) -> String {
        self.as_sandbox()
            .ok_quiet(&["new", "--unit", unit, "--rubric", RUBRIC])
            .trim_end()
            .to_owned()
    }

    /// Sets `field`: an item's answer, or its note (`ITEM#note`).
    fn set(&self, visit: &str, field: &str, value: &str) {
        let sandbox = self.as_sandbox();
        match field.split_once('#') {
            Some((item, "note")) => sandbox.ok_quiet(&["note", visit, item, value]),
            _ => sandbox.ok_quiet(&["score", visit, field, value]),
        };
    }

    /// `onsite sync DIR [--git]`, expected to succeed quietly; its lines.
    fn sync_lines(&self, dir: &Path, git: bool) -> Vec<String> {
        let dir = dir.to_str().expect("a UTF-8 path");
        let mut args = vec!["sync", dir];
        if git {
            args.push("--git");
        }
        self.as_sandbox()
            .ok_quiet(&args)
            .lines()
            .map(str::to_owned)
            .collect()
    }

    /// Every file `onsite export` writes, by name.
    fn export(&self) -> BTreeMap<String, Vec<u8>> {
        let out = tempfile::tempdir().expect("create a temp dir");
        self.as_sandbox()
            .ok_quiet(&["export", "--out", out.path().to_str().expect("UTF-8")]);
        fs::read_dir(out.path())
            .expect("read the export folder")
            .map(|entry| {
                let entry = entry.expect("a folder entry");
                let name = entry.file_name().to_string_lossy().into_owned();
                (name, fs::read(entry.path()).expect("read an exported file"))
            })
            .collect()
    }

    /// `field` of `visit` as its document shows it.
    fn shows(&self, visit: &str, field: &str) -> String {
        let yaml = self
            .as_sandbox()
            .ok_quiet(&["show", visit, "--format", "yaml"]);
        response_value(&yaml, field)
    }
}

impl SyncCli for Sandbox {
    fn as_sandbox(&self) -> &Sandbox {
        self
    }
}

fn response_value(yaml: &str, field: &str) -> String {
    let (item, key) = match field.split_once('#') {
        Some((item, key)) => (item, key),
        None => (field, "answer"),
    };
    let Some(start) = yaml.find(&format!("\n  \"{item}\":\n")) else {
        return String::new();
    };
    yaml[start + 1..]
        .lines()
        .skip(1)
        .take_while(|line| line.starts_with("    "))
        .find_map(|line| line.trim_start().strip_prefix(&format!("{key}: ")))
        .map(|value| value.trim_matches('"').to_owned())
        .unwrap_or_default()
}

fn conflict_line(visit: &str, field: &str, mine: &str, theirs: &str, by: &str) -> String {
    format!(
        "conflict {visit} {field}: mine {mine} · theirs {theirs} ({by}) — settle with \
         `onsite resolve {visit} {field} --take mine|theirs`"
    )
}

fn assert_same_exports(a: &Sandbox, b: &Sandbox) {
    let (from_a, from_b) = (a.export(), b.export());
    assert_eq!(
        from_a.keys().collect::<Vec<_>>(),
        from_b.keys().collect::<Vec<_>>(),
        "the same files"
    );
    for (name, bytes) in &from_a {
        assert!(
            from_b[name] == *bytes,
            "{name} differs:\n--- {LAN}\n{}\n--- {BINH}\n{}",
            String::from_utf8_lossy(bytes),
            String::from_utf8_lossy(&from_b[name])
        );
    }
}

macro_rules! skip_without_git {
    () => {
        if !git_available() {
            eprintln!("skipped: `git --version` failed, so git sync cannot be tested here");
            return;
        }
    };
}

/// Lan's laptop (A), Bình's (B) and what they sync through: one shared folder, or (git) a
/// bare remote with a clone on each laptop.
struct Pair {
    a: Sandbox,
    b: Sandbox,
    dir_a: PathBuf,
    dir_b: PathBuf,
    git: bool,
    /// The shared folder or the bare remote.
    _between: TempDir,
}

impl Pair {
    fn folder() -> Self {
        let between = tempfile::tempdir().expect("create the shared folder");
        let dir = between.path().to_owned();
        Pair {
            a: Sandbox::laptop(LAN),
            b: Sandbox::laptop(BINH),
            dir_a: dir.clone(),
            dir_b: dir,
            git: false,
            _between: between,
        }
    }

    fn git() -> Self {
        let between = tempfile::tempdir().expect("create a temp dir");
        let (a, b) = (Sandbox::laptop(LAN), Sandbox::laptop(BINH));
        let bare = between.path().join("visits.git");
        let bare = bare.to_str().expect("UTF-8");
        let init = [
            "-c",
            "init.defaultBranch=main",
            "init",
            "--quiet",
            "--bare",
            bare,
        ];
        git(&a, between.path(), &init);
        let (dir_a, dir_b) = (a.path("visits"), b.path("visits"));
        for (laptop, clone) in [(&a, &dir_a), (&b, &dir_b)] {
            let clone = clone.to_str().expect("UTF-8");
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
        Pair {
            a,
            b,
            dir_a,
            dir_b,
            git: true,
            _between: between,
        }
    }

    fn new(git: bool) -> Self {
        if git { Pair::git() } else { Pair::folder() }
    }

    fn sync_a(&self) -> Vec<String> {
        self.a.sync_lines(&self.dir_a, self.git)
    }

    fn sync_b(&self) -> Vec<String> {
        self.b.sync_lines(&self.dir_b, self.git)
    }

    fn summary_a(&self) -> String {
        self.sync_a().pop().expect("a summary line")
    }

    fn summary_b(&self) -> String {
        self.sync_b().pop().expect("a summary line")
    }

    /// Lan creates the visit and syncs it out; Bình syncs it in.
    fn shared_visit(&self) -> String {
        let visit = self.a.new_visit_to(UNIT);
        assert_eq!(
            self.summary_a(),
            "0 new, 0 merged, 1 written, 0 unchanged, 0 conflicts, 0 rejected"
        );
        // The document reads back exactly as written, so B has nothing to write back.
        let summary = self.summary_b();
        assert!(
            summary.starts_with("1 new, 0 merged, 0 written, "),
            "{summary}"
        );
        visit
    }

    /// Rounds (B syncs, then A) until one round reads and writes nothing on either side; how
    /// many rounds changed something.
    fn settle(&self) -> usize {
        let quiet = |line: &str| {
            line.starts_with("0 new, 0 merged, 0 written, ")
                && line.ends_with(" 0 conflicts, 0 rejected")
        };
        for round in 0..6 {
            let (from_b, from_a) = (self.summary_b(), self.summary_a());
            if quiet(&from_b) && quiet(&from_a) {
                return round;
            }
        }
        panic!("still changing after 6 rounds");
    }
}

/// `author|subject` of every commit in `laptop`'s clone, newest first.
fn git_log(laptop: &Sandbox, clone: &Path) -> Vec<String> {
    git(laptop, clone, &["log", "--format=%an|%s"])
        .lines()
        .map(str::to_owned)
        .collect()
}

// ---------------------------------------------------------------------- different items

#[test]
fn different_items_edited_on_two_laptops_end_up_on_both() {
    let pair = Pair::folder();
    let (a, b) = (&pair.a, &pair.b);
    let visit = pair.shared_visit();

    a.set(&visit, "1.1", "pass");
    b.set(&visit, "1.2", "fail");

    assert_eq!(
        pair.summary_a(),
        "0 new, 0 merged, 1 written, 0 unchanged, 0 conflicts, 0 rejected"
    );
    assert_eq!(
        pair.summary_b(),
        "0 new, 1 merged, 1 written, 0 unchanged, 0 conflicts, 0 rejected"
    );
    // A takes B's 1.2 and finds the folder already holds what it would write.
    assert_eq!(
        pair.summary_a(),
        "0 new, 1 merged, 0 written, 0 unchanged, 0 conflicts, 0 rejected"
    );
    for laptop in [a, b] {
        assert_eq!(
            laptop.shows(&visit, "1.1"),
            "pass",
            "{}",
            laptop.inspector()
        );
        assert_eq!(
            laptop.shows(&visit, "1.2"),
            "fail",
            "{}",
            laptop.inspector()
        );
        assert_eq!(laptop.conflicts(), ["no conflicts"]);
    }
    assert_same_exports(a, b);
    assert_eq!(pair.settle(), 0);
    // Both edits are in the history of both, in time order.
    for laptop in [a, b] {
        let history = laptop.ok_quiet(&["history", &visit]);
        let lines: Vec<&str> = history.lines().collect();
        assert_eq!(lines.len(), 3, "{history}");
        assert!(
            lines[1].contains(LAN) && lines[1].contains("1.1"),
            "{history}"
        );
        assert!(
            lines[2].contains(BINH) && lines[2].contains("1.2"),
            "{history}"
        );
    }
}

#[test]
fn git_sync_merges_different_items_and_names_inspector_and_unit_in_commits() {
    skip_without_git!();
    let pair = Pair::git();
    let (a, b) = (&pair.a, &pair.b);
    let visit = pair.shared_visit();

    a.set(&visit, "1.1", "pass");
    b.set(&visit, "1.2", "fail");
    pair.sync_a();
    pair.sync_b();
    pair.sync_a();

    for laptop in [a, b] {
        assert_eq!(
            laptop.shows(&visit, "1.1"),
            "pass",
            "{}",
            laptop.inspector()
        );
        assert_eq!(
            laptop.shows(&visit, "1.2"),
            "fail",
            "{}",
            laptop.inspector()
        );
        assert_eq!(laptop.conflicts(), ["no conflicts"]);
    }
    assert_eq!(pair.settle(), 0);
    assert_same_exports(a, b);

    // The subject names the inspector; the author is the laptop's own git identity.
    let lan_commit = format!("Git On This Laptop|onsite: {LAN} — 1 visit(s): {UNIT}");
    let binh_commit = format!("Git On This Laptop|onsite: {BINH} — 1 visit(s): {UNIT}");
    for (laptop, clone) in [(a, &pair.dir_a), (b, &pair.dir_b)] {
        let log = git_log(laptop, clone);
        assert!(log.contains(&lan_commit), "{log:#?}");
        assert!(log.contains(&binh_commit), "{log:#?}");
        assert_eq!(git(laptop, clone, &["status", "--porcelain"]), "");
    }
}

/// Once both laptops hold the same visits, a sync has nothing to commit: both clones end on
/// the remote's commit and stay there.
#[test]
fn git_sync_with_nothing_new_makes_no_commit() {
    skip_without_git!();
    let pair = Pair::git();
    let visit = pair.shared_visit();
    pair.a.set(&visit, "1.1", "pass");
    pair.b.set(&visit, "1.2", "fail");
    pair.sync_a();
    pair.sync_b();
    pair.sync_a();
    pair.sync_b();
    let head = |laptop: &Sandbox, clone: &Path| git(laptop, clone, &["rev-parse", "HEAD"]);
    let settled = head(&pair.b, &pair.dir_b);

    for _ in 0..2 {
        pair.sync_a();
        pair.sync_b();
    }

    assert_eq!(head(&pair.a, &pair.dir_a), settled);
    assert_eq!(head(&pair.b, &pair.dir_b), settled);
}

/// onsite passes its own identity to git for its commits; a laptop where git was never set up
/// must sync as well, including when git has to record a merge.
#[test]
fn git_sync_needs_no_git_identity_on_the_laptop() {
    skip_without_git!();
    let pair = Pair::git();
    for laptop in [&pair.a, &pair.b] {
        fs::remove_file(laptop.path(".gitconfig")).expect("remove .gitconfig");
    }
    let visit = pair.shared_visit();
    pair.a.set(&visit, "1.1", "pass");
    pair.b.set(&visit, "1.2", "fail");

    pair.sync_a();
    pair.sync_b();
    pair.sync_a();

    assert_eq!(pair.a.shows(&visit, "1.2"), "fail");
    assert_eq!(pair.b.shows(&visit, "1.1"), "pass");
}

// --------------------------------------------------------------------------- conflicts

/// Lan and Bình set `field` differently; Lan syncs first, then Bình, who meets the conflict.
fn conflicting_edits(pair: &Pair, field: &str, lan_value: &str, binh_value: &str) -> String {
    let visit = pair.shared_visit();
    pair.a.set(&visit, field, lan_value);
    pair.b.set(&visit, field, binh_value);
    pair.sync_a();
    visit
}

/// The same field set differently on both laptops. B, syncing second, finds the conflict,
/// keeps its own value, lists both, and settles it either way. (A, syncing later, takes the
/// value in the folder: the conflict lives on the laptop that met it.)
#[rstest]
#[case::answer_take_theirs("2.1", "pass", "fail", "theirs")]
#[case::answer_take_mine("2.1", "pass", "fail", "mine")]
#[case::note_take_theirs(
    "1.1#note",
    "Đã nhắc nhở, khắc phục tại chỗ",
    "Chưa khắc phục, hẹn kiểm tra lại",
    "theirs"
)]
#[case::note_take_mine(
    "1.1#note",
    "Đã nhắc nhở, khắc phục tại chỗ",
    "Chưa khắc phục, hẹn kiểm tra lại",
    "mine"
)]
fn the_same_item_edited_on_two_laptops_is_a_conflict_settled_either_way(
    #[values(false, true)] git: bool,
    #[case] field: &str,
    #[case] lan_value: &str,
    #[case] binh_value: &str,
    #[case] take: &str,
) {
    if git {
        skip_without_git!();
    }
    let pair = Pair::new(git);
    let visit = conflicting_edits(&pair, field, lan_value, binh_value);

    let printed = pair.sync_b();

    let line = conflict_line(&visit, field, binh_value, lan_value, LAN);
    assert_eq!(printed.len(), 2, "{printed:#?}");
    assert_eq!(printed[0], line);
    // Git exports the merged visit a second time after recording the merge.
    let written = if git { 2 } else { 1 };
    assert_eq!(
        printed[1],
        format!("0 new, 1 merged, {written} written, 0 unchanged, 1 conflicts, 0 rejected")
    );
    assert_eq!(pair.b.conflicts(), std::slice::from_ref(&line));
    assert_eq!(pair.b.ok_quiet(&["conflicts", &visit]), format!("{line}\n"));
    assert_eq!(pair.b.shows(&visit, field), binh_value, "B keeps its value");

    let (kept, side) = if take == "theirs" {
        (lan_value, "the other laptop's value")
    } else {
        (binh_value, "your value")
    };
    assert_eq!(
        pair.b.ok_quiet(&["resolve", &visit, field, "--take", take]),
        format!("settled {field}: kept {side}\n")
    );
    assert_eq!(pair.b.shows(&visit, field), kept);
    assert_eq!(pair.b.conflicts(), ["no conflicts"]);
    let again = pair.b.run(&["resolve", &visit, field, "--take", take]);
    assert_eq!(again.code, Some(1), "{again:?}");
    assert_eq!(
        again.stderr,
        format!("no open conflict on {field}; see `onsite conflicts`\n")
    );
}

/// After Bình settles the conflict, one round (B, then A) carries the value everywhere, and
/// the next round is quiet: both laptops hold the same visit, byte for byte.
#[rstest]
#[case::answer_take_theirs("2.1", "pass", "fail", "theirs")]
#[case::answer_take_mine("2.1", "pass", "fail", "mine")]
#[case::note_take_theirs("1.1#note", "Đủ biển tên", "Thiếu biển tên phòng kế toán", "theirs")]
#[case::note_take_mine("1.1#note", "Đủ biển tên", "Thiếu biển tên phòng kế toán", "mine")]
fn after_a_conflict_is_settled_both_laptops_end_with_the_same_visit(
    #[values(false, true)] git: bool,
    #[case] field: &str,
    #[case] lan_value: &str,
    #[case] binh_value: &str,
    #[case] take: &str,
) {
    if git {
        skip_without_git!();
    }
    let pair = Pair::new(git);
    let visit = conflicting_edits(&pair, field, lan_value, binh_value);
    pair.sync_b();
    pair.b.ok_quiet(&["resolve", &visit, field, "--take", take]);

    let rounds = pair.settle();

    assert_eq!(rounds, 1);
    let kept = if take == "theirs" {
        lan_value
    } else {
        binh_value
    };
    for laptop in [&pair.a, &pair.b] {
        assert_eq!(laptop.shows(&visit, field), kept, "{}", laptop.inspector());
        assert_eq!(
            laptop.conflicts(),
            ["no conflicts"],
            "{}",
            laptop.inspector()
        );
    }
    assert_same_exports(&pair.a, &pair.b);
}

/// Both laptops touch one item without contradicting each other (the same answer, or one
/// answers and the other writes the note): no conflict, and one round later both hold the
/// same record.
#[rstest]
#[case::same_answer(("1.1", "pass"), ("1.1", "pass"))]
#[case::answer_here_note_there(("1.1", "pass"), ("1.1#note", "Có đồng phục, thiếu phù hiệu"))]
fn one_item_touched_on_both_laptops_without_conflict_settles(
    #[case] lan: (&str, &str),
    #[case] binh: (&str, &str),
) {
    let pair = Pair::folder();
    let visit = pair.shared_visit();
    pair.a.set(&visit, lan.0, lan.1);
    pair.b.set(&visit, binh.0, binh.1);

    pair.sync_a();
    let rounds = pair.settle();

    assert_eq!(rounds, 1);
    assert_same_exports(&pair.a, &pair.b);
}

// ------------------------------------------------------------------------- incremental

fn mtimes(dir: &Path) -> BTreeMap<String, SystemTime> {
    fs::read_dir(dir)
        .expect("read the folder")
        .map(|entry| {
            let entry = entry.expect("a folder entry");
            let modified = entry
                .metadata()
                .and_then(|m| m.modified())
                .expect("an mtime");
            (entry.file_name().to_string_lossy().into_owned(), modified)
        })
        // The documents people read; each laptop's own copies live under `.onsite/`.
        .filter(|(name, _)| !name.starts_with('.'))
        .collect()
}

#[test]
fn a_second_sync_of_unchanged_visits_reads_and_writes_nothing() {
    const COUNT: usize = 30;
    let pair = Pair::folder();
    let folder = &pair.dir_a;
    let visits: Vec<String> = (1..=COUNT)
        .map(|n| {
            pair.a
                .new_visit_to(&format!("Đội Quản lý thị trường số {n}"))
        })
        .collect();

    assert_eq!(
        pair.summary_a(),
        format!("0 new, 0 merged, {COUNT} written, 0 unchanged, 0 conflicts, 0 rejected")
    );
    let written = mtimes(folder);
    assert_eq!(written.len(), COUNT, "one file per visit: {written:?}");
    assert_eq!(pair.summary_a(), quiet(COUNT));
    assert_eq!(mtimes(folder), written, "no file rewritten");

    // The other laptop takes them all in, writes nothing, then skips them all.
    assert_eq!(
        pair.summary_b(),
        format!("{COUNT} new, 0 merged, 0 written, 0 unchanged, 0 conflicts, 0 rejected")
    );
    assert_eq!(pair.summary_b(), quiet(COUNT));
    assert_eq!(pair.summary_a(), quiet(COUNT));
    assert_eq!(mtimes(folder), written, "no file rewritten");

    // One visit changes: only its file is written.
    pair.a.set(&visits[7], "1.1", "pass");
    assert_eq!(
        pair.summary_a(),
        format!(
            "0 new, 0 merged, 1 written, {} unchanged, 0 conflicts, 0 rejected",
            COUNT - 1
        )
    );
    let after = mtimes(folder);
    let rewritten: Vec<&String> = after
        .iter()
        .filter(|(name, at)| written.get(*name) != Some(at))
        .map(|(name, _)| name)
        .collect();
    assert_eq!(rewritten.len(), 1, "{rewritten:?}");
    assert!(
        rewritten[0].ends_with(&format!("_{}.yaml", visits[7].to_ascii_lowercase())),
        "{rewritten:?}"
    );
}

// ----------------------------------------------------------------- not a clone

#[rstest]
#[case::plain_folder(true, false)]
#[case::missing_folder(false, false)]
#[case::folder_inside_another_repository(true, true)]
fn git_sync_outside_a_clone_says_to_clone_the_teams_repository(
    #[case] exists: bool,
    #[case] inside_a_repository: bool,
) {
    skip_without_git!();
    let laptop = Sandbox::laptop(LAN);
    let dir = laptop.path("visits");
    if inside_a_repository {
        // e.g. a dotfiles repository in the home folder: onsite must not commit into it.
        let status = std::process::Command::new("git")
            .args(["init", "--quiet"])
            .arg(laptop.path(""))
            .status()
            .expect("git init");
        assert!(status.success());
    }
    if exists {
        fs::create_dir(&dir).expect("create the folder");
    }
    laptop.new_visit_to(UNIT);
    let dir_text = dir.to_str().expect("UTF-8");

    let run = laptop.run(&["sync", dir_text, "--git"]);

    assert_eq!(run.code, Some(1), "{run:?}");
    assert_eq!(run.stdout, "");
    let top = laptop.path("");
    let top = top.to_str().expect("UTF-8").trim_end_matches('/');
    let expected = if inside_a_repository {
        format!(
            "{dir_text} is inside the git repository {top}, not a repository of its own: onsite \
             would commit your visits into {top}. Clone the team's repository into a folder of \
             its own (git clone URL FOLDER) and sync that\n"
        )
    } else {
        format!(
            "{dir_text} is not a git work tree; clone the team's repository there first \
             (git clone URL {dir_text})\n"
        )
    };
    assert_eq!(run.stderr, expected);
    // Nothing was written there.
    let left: Vec<_> = fs::read_dir(&dir).map_or_else(|_| Vec::new(), Iterator::collect);
    assert!(left.is_empty(), "{left:?}");
}
