//! Writes that fail: a full disk, a read-only folder, a file-size limit. Each gives a message
//! saying what failed, where and what to do; no half-written file is left behind; the TUI
//! keeps running, shows the change as not saved, retries it until the store takes it, and
//! loses nothing that it had shown as saved.
//!
//! How the failures are made: `prlimit --pid` lowers the running TUI's file-size limit
//! (`RLIMIT_FSIZE`: a write past it fails with EFBIG, as on a full disk; the TUI handles
//! SIGXFSZ) and raises it again, like freeing disk space; a shell lowers it (and ignores
//! SIGXFSZ) for a command; a 64 KiB tmpfs (root only) is a really full disk, a read-only
//! one a really read-only folder. Tests needing what this machine lacks say so and skip.
//!
//! What sled 0.34 does on a failed write (see docs/reliability.md, "When a write fails"): the
//! error is global and sticky, every later write of the same `Db` fails even once the disk has
//! room again, and the refused change stays visible to reads as though written. Only opening
//! the store again clears both, which is what the TUI does;
//! `a_refused_change_is_saved_once_the_disk_has_room` fails without it.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use crate::support::files::{ignores_permissions, names};
use crate::support::sandbox::{CONG_SO, GOOD_VISIT, Sandbox};
use crate::support::terminal::{CTRL_C, Tui};

/// The TUI's texts these tests look for (`src/strings/vi_ui.rs`).
const NOT_SAVED: &str = "CHƯA LƯU ĐƯỢC";
const NOW_SAVED: &str = "Đã lưu được các thay đổi còn chờ";
const QUIT_ANYWAY: &str = "Vẫn thoát?";
const SCORING_FOOTER: &str = "e ghi chú";

/// `prlimit`, to change a running process's file-size limit; `None` (and why) without it.
fn prlimit_available() -> bool {
    let found = Command::new("prlimit")
        .arg("--version")
        .output()
        .is_ok_and(|output| output.status.success());
    if !found {
        eprintln!("skipped: no `prlimit` (util-linux) to change the TUI's file-size limit");
    }
    found
}

/// Sets the soft file-size limit of process `pid` (`None`: unlimited).
fn limit_file_size(pid: u32, bytes: Option<u64>) {
    let soft = bytes.map_or_else(|| "unlimited".to_owned(), |b| b.to_string());
    let status = Command::new("prlimit")
        .args([
            "--pid",
            &pid.to_string(),
            &format!("--fsize={soft}:unlimited"),
        ])
        .status()
        .expect("run prlimit");
    assert!(status.success(), "prlimit --fsize={soft}: {status}");
}

/// The size of the biggest file in the store: a limit at it makes the next append fail.
fn store_size(data: &Path) -> u64 {
    let mut biggest = 0;
    let mut pending = vec![data.join("store")];
    while let Some(dir) = pending.pop() {
        for entry in fs::read_dir(&dir).expect("read the store").flatten() {
            let meta = entry.metadata().expect("stat");
            if meta.is_dir() {
                pending.push(entry.path());
            } else {
                biggest = biggest.max(meta.len());
            }
        }
    }
    biggest
}

fn tui(sandbox: &Sandbox) -> Tui {
    sandbox.tui_as(Some("Trần Văn Kiểm"))
}

/// A visit open on the scoring screen, item 1.1 answered and saved; its id and the TUI.
fn scoring_with_one_saved_answer(sandbox: &Sandbox) -> (String, Tui) {
    let id = sandbox.new_visit(CONG_SO, "Sở Văn hóa", &[]);
    let mut tui = tui(sandbox);
    tui.wait_for("Sở Văn hóa");
    tui.send("\r");
    tui.wait_for(SCORING_FOOTER);
    tui.send("1");
    tui.wait_for("tiêu chí 2/25 · 4%");
    (id, tui)
}

/// The items answered, oldest change first, as `history` lists them
/// (`criterion 1.2: — → pass`).
fn answered_in_order(sandbox: &Sandbox, id: &str) -> Vec<String> {
    let history = sandbox.ok(&["history", id]);
    history
        .lines()
        .filter_map(|line| {
            let at = line.find("criterion ")?;
            let rest = &line[at + "criterion ".len()..];
            let item: String = rest.chars().take_while(|c| *c != ':').collect();
            (line.contains("pass") || line.contains("fail") || line.contains("note"))
                .then_some(item)
        })
        .collect()
}

#[test]
fn a_refused_change_is_saved_once_the_disk_has_room() {
    if !prlimit_available() {
        return;
    }
    let sandbox = Sandbox::new();
    let (id, mut tui) = scoring_with_one_saved_answer(&sandbox);
    // The disk fills up. (sled extends its file ahead of what it wrote, so a limit at the
    // file's size may still leave room: nothing at all can be written past the first byte.)
    limit_file_size(tui.pid(), Some(1));
    tui.send("1");
    let screen = tui.wait_for(NOT_SAVED);
    assert!(screen.contains("1 thay đổi"), "one change waits:\n{screen}");
    assert!(screen.contains("⚠"), "the item is marked:\n{screen}");
    // The inspector keeps going: the next answer and a note wait behind it, in order.
    assert!(
        screen.contains("tiêu chí 3/25"),
        "moved on to 1.3:\n{screen}"
    );
    tui.send("0");
    tui.wait_for("2 thay đổi");
    tui.send("k");
    tui.send("e");
    tui.wait_for("Esc/Enter xong");
    tui.send("ghi chú khi đĩa đầy");
    tui.esc();
    let screen = tui.wait_for("3 thay đổi");
    // Quitting now would lose them: it asks, and "no" keeps everything.
    tui.send(CTRL_C);
    tui.wait_for(QUIT_ANYWAY);
    tui.send("n");
    tui.wait_until("the question to close", |now| !now.contains(QUIT_ANYWAY));
    assert!(tui.running(), "still running");
    assert!(screen.contains(NOT_SAVED));
    // Room again: the next retry saves all three, and says so.
    limit_file_size(tui.pid(), None);
    let screen = tui.wait_until_for("the retry", Duration::from_secs(30), |now| {
        now.contains(NOW_SAVED)
    });
    assert!(!screen.contains(NOT_SAVED), "{screen}");
    tui.send("q");
    tui.send("q");
    let status = tui.wait_exit();
    assert!(status.success(), "{status:?}");
    let shown = sandbox.ok(&["show", &id]);
    assert!(shown.contains("3/25"), "three answers stored:\n{shown}");
    assert_eq!(
        answered_in_order(&sandbox, &id),
        ["1.1", "1.2", "1.3", "1.3"],
        "in the order they were made (the note last, on 1.3)"
    );
}

#[test]
fn a_store_that_stays_full_loses_nothing_it_had_saved() {
    if !prlimit_available() {
        return;
    }
    let sandbox = Sandbox::new();
    let (id, mut tui) = scoring_with_one_saved_answer(&sandbox);
    tui.send("1");
    tui.wait_for("tiêu chí 3/25 · 8%");
    limit_file_size(tui.pid(), Some(1));
    // A long note too: big values go to their own file in sled.
    tui.send("e");
    tui.wait_for("Esc/Enter xong");
    tui.paste(&"Hòm thư góp ý ".repeat(1400));
    tui.esc();
    tui.send("0");
    tui.wait_for("2 thay đổi");
    // Give the retry a chance to fail again: it must not crash or spin.
    std::thread::sleep(Duration::from_secs(4));
    assert!(tui.running(), "still running after a failed retry");
    tui.wait_for(NOT_SAVED);
    // Quit anyway: asked first, then the unsaved changes are listed on the way out.
    tui.send("q");
    tui.send("q");
    tui.wait_for(QUIT_ANYWAY);
    tui.send("y");
    let status = tui.wait_exit();
    assert!(!status.success(), "exit 1 with changes lost: {status:?}");
    let printed = String::from_utf8_lossy(&tui.raw()).into_owned();
    assert!(printed.contains("CHƯA LƯU ĐƯỢC vào"), "{printed}");
    assert!(
        printed.contains(&format!("{id}: kết quả chấm tiêu chí 1.3")),
        "{printed}"
    );
    // Opened again with room: what was shown as saved is there, the store is sound.
    let shown = sandbox.ok(&["show", &id]);
    assert!(shown.contains("2/25"), "the two saved answers:\n{shown}");
    assert_eq!(answered_in_order(&sandbox, &id), ["1.1", "1.2"]);
    sandbox.ok(&["score", &id, "1.3", "fail"]);
}

#[test]
fn a_command_that_cannot_write_the_store_says_what_to_do_and_changes_nothing() {
    let sandbox = Sandbox::new();
    let id = sandbox.new_visit(CONG_SO, "Sở Văn hóa", &[]);
    sandbox.ok(&["score", &id, "1.1", "pass"]);
    let before = sandbox.ok(&["show", &id, "--format", "yaml"]);
    let limit = store_size(&sandbox.data());
    let note = "Ghi chú dài ".repeat(1500);
    let done = sandbox.run_file_limited(limit, &["score", &id, "1.2", "fail", "--note", &note]);
    assert_eq!(done.code, Some(1), "{done:?}");
    let message = done.stderr.clone();
    assert!(
        message.contains(&sandbox.data().display().to_string()),
        "where: {message}"
    );
    assert!(message.contains("File too large"), "what: {message}");
    assert!(message.contains("free space"), "what to do: {message}");
    assert_eq!(sandbox.ok(&["show", &id, "--format", "yaml"]), before);
    sandbox.ok(&["score", &id, "1.2", "fail"]);
}

#[test]
fn a_visit_too_big_for_one_log_record_that_cannot_be_saved_does_not_hang() {
    // Over 128 KiB a value is written to a file of its own by sled (a "blob"); a failed blob
    // write is the case where a bare sled 0.34 `Db` was seen to block in `flush` and `drop`.
    if !prlimit_available() {
        return;
    }
    let sandbox = Sandbox::new();
    let id = sandbox.new_visit(CONG_SO, "Sở Văn hóa", &[]);
    // Three findings of 19,000 three-byte letters: a visit of about 170 KB.
    let long = "ệ".repeat(19_000);
    sandbox.ok(&[
        "findings",
        &id,
        "--strengths",
        &long,
        "--shortcomings",
        &long,
        "--recommendations",
        &long,
    ]);
    // Until store schema 3 the visit's value held its findings and went to a blob file of its
    // own; now they live in a tree of their own (docs/reliability.md, "Growth") and the answers
    // below write only the small state. What stays tested: refused answers on a visit with
    // long texts are kept, retried and saved in order, and nothing hangs.
    let mut tui = tui(&sandbox);
    tui.wait_for("Sở Văn hóa");
    tui.send("\r");
    tui.wait_for(SCORING_FOOTER);
    limit_file_size(tui.pid(), Some(1));
    tui.send("1");
    tui.wait_for(NOT_SAVED);
    tui.send("0");
    tui.wait_for("2 thay đổi");
    limit_file_size(tui.pid(), None);
    tui.wait_until_for("the retry", Duration::from_secs(30), |now| {
        now.contains(NOW_SAVED)
    });
    tui.send("q");
    tui.send("q");
    assert!(tui.wait_exit().success());
    assert_eq!(answered_in_order(&sandbox, &id), ["1.1", "1.2"]);
}

/// Every entry left in `dir` that is not one of `expected`.
fn leftovers(dir: &Path, expected: &[String]) -> Vec<String> {
    names(dir)
        .into_iter()
        .filter(|name| !expected.contains(name))
        .collect()
}

/// A rubric of `items` check items: its visits export to about 80 bytes per item.
fn rubric_with(items: usize) -> String {
    let mut text = String::from(
        "format: onsite-rubric/1\nid: big\nversion: \"1\"\ntitle: \"Big\"\npass:\n  \
         min_score: 1\nbands:\n  - { min_score: 0, label: \"x\" }\nsections:\n  - id: \"1\"\n    \
         title: \"S\"\n    items:\n",
    );
    for item in 1..=items {
        text += &format!("      - {{id: \"{item}\", text: \"Mục {item}\", kind: check, max: 1}}\n");
    }
    text
}

#[test]
fn an_export_past_the_file_size_limit_leaves_the_old_file_whole() {
    // A visit whose document (~1.5 MB) is bigger than the limit, and a store whose own
    // writes stay below it: the export, not the store, hits the limit.
    let sandbox = Sandbox::new();
    fs::write(sandbox.path("rubrics/big.yaml"), rubric_with(15_000)).expect("write");
    let id = sandbox
        .ok(&["new", "--rubric", "big", "--unit", "Lớn"])
        .trim()
        .to_owned();
    let out = sandbox.path("out");
    let out_arg = out.display().to_string();
    for format in ["yaml", "csv"] {
        sandbox.ok(&["export", "--out", &out_arg, "--format", format]);
    }
    let before: Vec<(String, Vec<u8>)> = names(&out)
        .into_iter()
        .map(|name| (name.clone(), fs::read(out.join(&name)).expect("read")))
        .collect();
    sandbox.ok(&["score", &id, "1", "pass"]);
    // With SIGXFSZ ignored by the caller, and left to onsite to handle.
    for (format, ignored) in [
        ("yaml", true),
        ("csv", true),
        ("yaml", false),
        ("csv", false),
    ] {
        let args = ["export", "--out", &out_arg, "--format", format];
        let done = sandbox.run_with_file_limit(600_000, ignored, &args);
        assert_eq!(done.code, Some(1), "{format}: {done:?}");
        let message = done.stderr.clone();
        assert!(message.contains(&out_arg), "where ({format}): {message}");
        assert!(
            message.contains("File too large"),
            "what ({format}): {message}"
        );
        assert!(
            !message.contains(".onsite-"),
            "no temporary name ({format}): {message}"
        );
        assert!(message.contains("nothing half-written"), "{message}");
        assert!(
            message.contains("free space"),
            "what to do ({format}): {message}"
        );
    }
    // The earlier exports are still there, whole; nothing else is.
    let after: Vec<(String, Vec<u8>)> = names(&out)
        .into_iter()
        .map(|name| (name.clone(), fs::read(out.join(&name)).expect("read")))
        .collect();
    assert_eq!(after, before);
}

#[test]
fn an_export_whose_store_cannot_open_under_the_limit_writes_nothing() {
    let sandbox = Sandbox::new();
    sandbox.ok(&["import", GOOD_VISIT]);
    let out = sandbox.path("out");
    let out_arg = out.display().to_string();
    let done = sandbox.run_file_limited(512, &["export", "--out", &out_arg]);
    assert_eq!(done.code, Some(1), "{done:?}");
    let message = done.stderr.clone();
    assert!(message.contains("File too large"), "what: {message}");
    assert!(message.contains("free space"), "what to do: {message}");
    assert!(!out.exists() || names(&out).is_empty(), "{:?}", names(&out));
}

/// A tmpfs mounted for one test, unmounted when dropped.
struct Mount {
    dir: tempfile::TempDir,
}

impl Mount {
    /// A `size` tmpfs (`ro`: read-only); `None`, saying why, when mounting is not allowed.
    fn tmpfs(options: &str) -> Option<Mount> {
        let dir = tempfile::tempdir().expect("create a temp dir");
        let mounted = Command::new("mount")
            .args(["-t", "tmpfs", "-o", options, "tmpfs"])
            .arg(dir.path())
            .output();
        match mounted {
            Ok(output) if output.status.success() => Some(Mount { dir }),
            Ok(output) => {
                eprintln!(
                    "skipped: cannot mount a tmpfs ({options}): {}",
                    String::from_utf8_lossy(&output.stderr).trim()
                );
                None
            }
            Err(error) => {
                eprintln!("skipped: no mount command: {error}");
                None
            }
        }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.dir.path()).status();
    }
}

#[test]
fn an_export_to_a_full_disk_leaves_no_partial_file() {
    let Some(disk) = Mount::tmpfs("size=64k") else {
        return;
    };
    let sandbox = Sandbox::new();
    sandbox.ok(&["import", GOOD_VISIT]);
    // Fill the disk but for a few KiB: less than the 42 KB document.
    let filler = disk.path().join("filler");
    let mut size = 64 * 1024;
    while size > 0 && fs::write(&filler, vec![0u8; size]).is_err() {
        size -= 4096;
    }
    fs::write(&filler, vec![0u8; size.saturating_sub(8192)]).expect("fill the disk");
    let out = disk.path().display().to_string();
    let done = sandbox.run(&["export", "--out", &out]);
    assert_eq!(done.code, Some(1), "{done:?}");
    let message = done.stderr.clone();
    assert!(message.contains(&out), "where: {message}");
    assert!(
        message.contains("No space left on device"),
        "what: {message}"
    );
    assert!(message.contains("free space"), "what to do: {message}");
    assert_eq!(
        leftovers(disk.path(), &["filler".to_owned()]),
        Vec::<String>::new()
    );
}

#[test]
fn an_export_to_a_read_only_folder_is_refused_with_its_reason() {
    let sandbox = Sandbox::new();
    sandbox.ok(&["import", GOOD_VISIT]);
    let (folder, _mount): (PathBuf, Option<Mount>) = if ignores_permissions() {
        // Root writes into a 0555 folder anyway: a read-only mount is really read-only.
        let Some(mount) = Mount::tmpfs("size=64k,ro") else {
            return;
        };
        (mount.path().to_owned(), Some(mount))
    } else {
        use std::os::unix::fs::PermissionsExt;
        let folder = sandbox.path("read-only");
        fs::create_dir(&folder).expect("mkdir");
        fs::set_permissions(&folder, fs::Permissions::from_mode(0o555)).expect("chmod");
        (folder, None)
    };
    let out = folder.display().to_string();
    let done = sandbox.run(&["export", "--out", &out]);
    assert_eq!(done.code, Some(1), "{done:?}");
    let message = done.stderr.clone();
    assert!(message.contains(&out), "where: {message}");
    assert!(
        message.contains("Read-only file system") || message.contains("Permission denied"),
        "what: {message}"
    );
    assert!(message.contains("another folder"), "what to do: {message}");
    assert!(names(&folder).is_empty(), "{:?}", names(&folder));
}

/// The app's half of the rule, with a real store: while a change waits, a later one waits
/// behind it (it would otherwise reach the store first), and a retry saves both in order.
#[test]
fn changes_reach_the_store_in_the_order_they_were_made() {
    use onsite::catalog::Catalog;
    use onsite::config::Config;
    use onsite::domain::answer::Answer;
    use onsite::domain::history::{Edit, Request};
    use onsite::domain::rubric::Lang;
    use onsite::domain::visit::{Unit, UnitKind};
    use onsite::service::{self, Actor, NewVisit};
    use onsite::store::Store;
    use onsite::tui::action::Action;
    use onsite::tui::app::App;
    use onsite::tui::state::State;

    let home = tempfile::tempdir().expect("a temp dir");
    let data = home.path().join("data");
    let rubric = Catalog::load(None)
        .find(CONG_SO)
        .expect("the shipped rubric")
        .rubric
        .clone();
    let store = Store::open(&data).expect("the store opens");
    let new = NewVisit {
        unit: Unit {
            name: "Sở Văn hóa".into(),
            kind: UnitKind::CoQuan,
            address: String::new(),
        },
        date: "2026-11-28".parse().expect("a date"),
        team: Vec::new(),
    };
    let id = service::create(&store, &rubric, new, &Actor::now("Lan"))
        .expect("created")
        .visit
        .id;
    let state = State::new(Lang::Vi, Some("Lan".into()), vec![rubric.clone()]);
    let mut app = App::new(store, state, Config::default(), None);
    app.start();
    app.dispatch(Action::Open);
    // The store refused 1.1 a moment ago: shown answered, marked, kept.
    let first = Request::Answer {
        item: "1.1".into(),
        answer: Some(Answer::Pass),
    };
    app.dispatch(Action::NotSaved {
        visit: id.clone(),
        request: first,
        error: Some("đĩa đầy".into()),
    });
    assert!(app.state.item_unsaved("1.1"));
    let open = app.state.open.as_ref().expect("open");
    assert_eq!(open.state.answer("1.1"), Some(&Answer::Pass));
    // The next answer, on 1.2, waits behind it instead of being written first.
    app.dispatch(Action::Down);
    app.dispatch(Action::Digit('0'));
    assert_eq!(app.state.unsaved.len(), 2, "{:?}", app.state.unsaved);
    let stored = app.store().expect("open").history(&id).expect("history");
    assert_eq!(stored.len(), 1, "nothing written yet: {stored:?}");
    // Undo would act on the stored history, without them: it waits too.
    app.dispatch(Action::Undo);
    assert_eq!(
        app.store()
            .expect("open")
            .history(&id)
            .expect("history")
            .len(),
        1
    );
    // The retry writes both, oldest first, and clears the marks.
    app.dispatch(Action::Retry);
    assert!(app.state.unsaved.is_empty(), "{:?}", app.state.unsaved);
    assert!(!app.state.item_unsaved("1.1"));
    let items: Vec<String> = app
        .store()
        .expect("open")
        .history(&id)
        .expect("history")
        .into_iter()
        .filter_map(|change| match change.edit {
            Edit::Answer { item, .. } => Some(item),
            _ => None,
        })
        .collect();
    assert_eq!(items, ["1.1", "1.2"]);
}

// -------------------------------------------------------------------------------------
// The same rules in `update`, pure (no store, no terminal).

mod rules {
    use onsite::domain::answer::Answer;
    use onsite::domain::history::{MAX_TEXT_CHARS, Request};
    use onsite::domain::rubric::Lang;
    use onsite::tui::action::{Action, Effect};
    use onsite::tui::state::{Confirm, Message, Overlay};

    use crate::support::sim::{CONG_SO, Sim, VISIT_ID, rubric, visit};

    fn scoring() -> Sim {
        let rubric = rubric(CONG_SO);
        let state = visit(
            VISIT_ID,
            "Sở Văn hóa",
            onsite::domain::visit::UnitKind::CoQuan,
            "2026-11-28",
            &rubric,
        );
        Sim::scoring(Lang::Vi, state, rubric)
    }

    fn refused(sim: &mut Sim, item: &str) {
        sim.run(Action::NotSaved {
            visit: VISIT_ID.into(),
            request: Request::Answer {
                item: item.into(),
                answer: Some(Answer::Pass),
            },
            error: Some("đĩa đầy".into()),
        });
    }

    #[test]
    fn quitting_with_unsaved_changes_asks_and_no_keeps_them() {
        let mut sim = scoring();
        refused(&mut sim, "1.1");
        let effects = sim.keys("<C-c>");
        assert!(effects.is_empty(), "nothing run: {effects:?}");
        assert_eq!(
            sim.state.overlay,
            Some(Overlay::Confirm(Confirm::QuitUnsaved { count: 1 }))
        );
        sim.keys("n");
        assert_eq!(sim.state.overlay, None);
        assert!(!sim.state.quitting);
        assert_eq!(sim.state.unsaved.len(), 1, "kept");
        // Back to the list (the change still waits), and quitting from there asks too.
        sim.keys("q");
        assert!(!sim.state.quitting);
        assert!(sim.keys("q").is_empty());
        assert!(matches!(sim.state.overlay, Some(Overlay::Confirm(_))));
        assert_eq!(sim.keys("y"), vec![Effect::MarkSession(None), Effect::Quit]);
        assert!(sim.state.quitting);
    }

    #[test]
    fn a_save_refused_on_the_way_out_calls_the_quit_off() {
        let mut sim = scoring();
        sim.keys("eghi chú");
        sim.keys("<C-c>");
        assert!(
            sim.state.quitting,
            "asked to quit, the note saved on the way"
        );
        sim.run(Action::NotSaved {
            visit: VISIT_ID.into(),
            request: Request::Note {
                item: "1.1".into(),
                text: "ghi chú".into(),
            },
            error: Some("đĩa đầy".into()),
        });
        assert!(!sim.state.quitting, "not with the note unsaved");
        assert_eq!(
            sim.state.overlay,
            Some(Overlay::Confirm(Confirm::QuitUnsaved { count: 1 }))
        );
    }

    #[test]
    fn a_signal_quits_after_one_last_try() {
        let mut sim = scoring();
        refused(&mut sim, "1.1");
        let effects = sim.run(Action::Terminate);
        assert!(sim.state.quitting);
        assert!(
            matches!(&effects[0], Effect::Save { visit, .. } if visit == VISIT_ID),
            "{effects:?}"
        );
        assert!(effects.contains(&Effect::Quit), "{effects:?}");
    }

    #[test]
    fn a_later_note_replaces_the_waiting_one() {
        let mut sim = scoring();
        for text in ["ghi", "ghi chú", "ghi chú dài"] {
            sim.run(Action::NotSaved {
                visit: VISIT_ID.into(),
                request: Request::Note {
                    item: "1.1".into(),
                    text: text.into(),
                },
                error: None,
            });
        }
        assert_eq!(sim.state.unsaved.len(), 1);
        assert_eq!(sim.open().state.note("1.1"), "ghi chú dài");
    }

    fn error(sim: &Sim) -> String {
        match &sim.state.message {
            Some(Message::Error(text)) => text.clone(),
            other => panic!("no error message: {other:?}"),
        }
    }

    #[test]
    fn a_paste_over_the_limit_is_refused_at_once() {
        let mut sim = scoring();
        sim.keys("e");
        sim.run(Action::Paste("ộ".repeat(MAX_TEXT_CHARS + 1)));
        assert!(error(&sim).contains("Không dán"), "{}", error(&sim));
        assert_eq!(sim.open().note.as_ref().map(|n| n.dirty), Some(false));
        // Filling the note to the limit works; one more character does not.
        sim.run(Action::Paste("a".repeat(MAX_TEXT_CHARS)));
        sim.keys("b");
        assert!(error(&sim).contains("giới hạn"), "{}", error(&sim));
        let text = onsite::tui::editor::text(&sim.open().note.as_ref().expect("open").editor);
        assert_eq!(text.chars().count(), MAX_TEXT_CHARS);
    }
}
