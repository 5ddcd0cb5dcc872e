//! End-to-end tests of the terminal UI: the built `onsite` binary runs in a pseudo-terminal
//! (portable-pty, 100×30) and a reader thread feeds everything it prints into a `vt100`
//! parser; the tests press keys as the bytes a terminal would send and assert on the emulated
//! screen, then check what was stored with the read commands (`list`, `show`, `history`).
//!
//! Every test gets its own [`Sandbox`] (data folder, config file, rubrics folder in a temp
//! dir), `TERM=xterm-256color`, and no `ONSITE_LANG` from the caller, so the UI is in
//! Vietnamese. Timeouts only stop a broken test from hanging; they never assert timing.
//!
//! Ways out that are not `q`: SIGKILL (the next start shows the recovery banner), SIGTERM,
//! and the terminal going away ([`Tui::hang_up`] closes every descriptor of the pty's master
//! side, which is what closing the window or losing the SSH link does to the program).

use std::fs;
use std::path::PathBuf;
use std::thread;
use std::time::Duration;

use crate::support::sandbox::Sandbox;
use crate::support::terminal::{CTRL_S, ENTER, ESC, RIGHT, TAB, Tui};

const INSPECTOR: &str = "Trần Văn Kiểm";
const UNIT: &str = "Đội Quản lý thị trường số 1";
/// As much of [`UNIT`] as the list's column shows at 100 columns.
const UNIT_SHOWN: &str = "Đội Quản lý thị trường";
const NOTE: &str = "Hòm thư góp ý đặt tại bộ phận một cửa";
/// 25 items, 2 points each; 3.5 and 3.8 are points items (0–2), the rest pass/fail.
const RUBRIC: &str = "van-hoa-cong-so";

// Screen texts (src/strings/vi_ui.rs, vi.rs).
const NO_VISITS: &str = "Chưa có lần kiểm tra nào";
const VISITS_TITLE: &str = "Các lần kiểm tra";
const NEW_VISIT_TITLE: &str = "Lần kiểm tra mới";
const NOTICE_TITLE: &str = "Lưu ý về bộ tiêu chí";
const ASK_NAME_TITLE: &str = "Chào mừng đến với onsite";
/// In the scoring footer (`e ghi chú`), not shown while an overlay or the note editor is open.
const SCORING_FOOTER: &str = "e ghi chú";
/// The note editor's footer.
const NOTE_FOOTER: &str = "Esc/Enter xong";
const NOTE_SAVED: &str = "Ghi chú · đã lưu";
/// The start of the banner after a run that did not end normally (`recovered()`).
const RECOVERED: &str = "Đã khôi phục bản dự thảo";

/// A sandbox acting as [`INSPECTOR`].
fn sandbox() -> Sandbox {
    Sandbox::new().acting_as(Some(INSPECTOR))
}

/// `onsite ARGS…` (not the TUI, in Vietnamese unless `ARGS` say otherwise); expects success
/// and gives stdout.
fn cli(sandbox: &Sandbox, args: &[&str]) -> String {
    let run = sandbox.run_in_default_lang(args);
    assert!(
        run.status.success(),
        "onsite {args:?} failed ({}):\n{}\n{}",
        run.status,
        run.stdout,
        run.stderr
    );
    run.stdout
}

/// A new visit of [`RUBRIC`] made with the CLI; its id.
fn new_visit(sandbox: &Sandbox, unit: &str) -> String {
    cli(sandbox, &["new", "--rubric", RUBRIC, "--unit", unit])
        .trim()
        .to_owned()
}

/// The notes of `item` in `onsite history ID --item ITEM`, oldest first, as shown there
/// (`tiêu chí 5.3: ghi chú «…»`).
fn note_history(sandbox: &Sandbox, id: &str, item: &str) -> Vec<String> {
    let marker = format!("tiêu chí {item}: ghi chú «");
    cli(sandbox, &["history", id, "--item", item])
        .lines()
        .filter_map(|line| {
            let start = line.find(&marker)? + marker.len();
            line[start..].strip_suffix('»').map(str::to_owned)
        })
        .collect()
}

/// The scoring screen's status line after `answered` of 25 answers, cursor on `at` (1-based).
fn status(at: usize, answered: usize) -> String {
    format!(
        "tiêu chí {at}/25 · {}% · điểm {}/50",
        answered * 100 / 25,
        answered * 2
    )
}

/// Opens the only visit in the list (made with `onsite new`, so no notice: the TUI shows the
/// rubric's notice once, to whoever creates the visit in it).
fn open_first_visit(tui: &mut Tui) {
    tui.wait_for(UNIT_SHOWN);
    tui.send(ENTER);
    let screen = tui.wait_for(SCORING_FOOTER);
    assert!(!screen.contains(NOTICE_TITLE), "{screen}");
}

/// A visit open with its note editor on item 1.1; its id.
fn note_editor_open(sandbox: &Sandbox) -> (String, Tui) {
    let id = new_visit(sandbox, UNIT);
    let mut tui = sandbox.tui_as(Some(INSPECTOR));
    open_first_visit(&mut tui);
    tui.send("e");
    tui.wait_for(NOTE_FOOTER);
    (id, tui)
}

/// Starts the TUI again and checks the list shows no recovery banner (the last run ended
/// through quitting, which clears the session marker), then quits.
fn assert_no_recovery_banner(sandbox: &Sandbox) {
    let mut tui = sandbox.tui_as(Some(INSPECTOR));
    let screen = tui.wait_for(UNIT_SHOWN);
    assert!(!screen.contains(RECOVERED), "{screen}");
    tui.send("q");
    let status = tui.wait_exit();
    assert!(status.success(), "onsite exited with {status}");
}

#[test]
fn full_visit_by_keys_alone() {
    let sandbox = sandbox();
    let mut tui = sandbox.tui_as(Some(INSPECTOR));
    tui.wait_for(NO_VISITS);

    // The new-visit form: the unit name, then the rubric (the last field) set to the second
    // shipped one.
    tui.send("n");
    tui.wait_for(NEW_VISIT_TITLE);
    tui.send(UNIT);
    tui.wait_for(UNIT);
    tui.send(&TAB.repeat(7));
    // The focused choice shows ◀ ▶ around it.
    tui.wait_for("◀ co-quan-dat-chuan-van-hoa");
    tui.send(RIGHT);
    tui.wait_for("◀ van-hoa-cong-so");
    tui.send(CTRL_S);
    tui.wait_for(NOTICE_TITLE);
    tui.send("x");
    let screen = tui.wait_for(SCORING_FOOTER);
    assert!(screen.contains(&status(1, 0)), "{screen}");

    // Every item by keys; a note on the last item (5.3, the suggestion box) first.
    for index in 0..25 {
        if index == 24 {
            tui.send("e");
            tui.wait_for(NOTE_FOOTER);
            tui.send(NOTE);
            tui.wait_for(NOTE);
            tui.send(ESC);
            tui.wait_for(SCORING_FOOTER);
        }
        let key = if index == 14 || index == 17 { "2" } else { "1" };
        tui.send(key);
        if index < 24 {
            tui.wait_for(&status(index + 2, index + 1));
        }
    }
    // On the last item the message line takes the status line's place; the item list has
    // scrolled past section 1.
    let screen = tui.wait_for("Tiêu chí cuối cùng. Đã chấm hết");
    for (title, score) in [
        ("Giao tiếp, ứng xử", "12/12"),
        ("Bài trí công sở", "16/16"),
        ("Những việc không được làm", "8/8"),
        ("Nội quy, quy chế", "6/6"),
    ] {
        assert!(
            screen
                .lines()
                .any(|line| line.contains(title) && line.contains(score)),
            "section {title:?} at {score} in\n{screen}"
        );
    }
    assert!(
        screen.contains(NOTE),
        "the note shows on item 5.3:\n{screen}"
    );

    tui.send("q");
    let screen = tui.wait_for(VISITS_TITLE);
    assert!(screen.contains("25/25"), "{screen}");
    tui.send("q");
    let status = tui.wait_exit();
    assert!(status.success(), "onsite exited with {status}");

    let ids = sandbox.ids();
    assert_eq!(ids.len(), 1, "{ids:?}");
    let id = &ids[0];
    let list = cli(&sandbox, &["list", "--format", "yaml"]);
    for line in [
        format!("unit: {UNIT}"),
        "answered: 25".to_owned(),
        "score: 50.0".to_owned(),
        "nominal_total: 50.0".to_owned(),
    ] {
        assert!(
            list.lines().any(|l| l.trim() == line),
            "{line:?} in\n{list}"
        );
    }
    let rubric = format!(": {RUBRIC}");
    assert!(list.lines().any(|l| l.ends_with(&rubric)), "{list}");
    let show = cli(&sandbox, &["show", id]);
    assert!(show.contains("tiến độ: 25/25"), "{show}");
    assert!(show.contains("điểm: 50/50"), "{show}");
    let history = cli(&sandbox, &["history", id]);
    // Created, 25 answers, and at least one note save.
    let answers = history.lines().filter(|l| l.contains(": — → ")).count();
    assert_eq!(answers, 25, "{history}");
    assert_eq!(
        note_history(&sandbox, id, "5.3").last().map(String::as_str),
        Some(NOTE),
        "{history}"
    );
}

#[test]
fn a_killed_session_is_recovered_with_its_note() {
    let sandbox = sandbox();
    let (id, mut tui) = note_editor_open(&sandbox);
    tui.send(NOTE);
    // The whole note on screen and the editor saying it is saved: it is in the store.
    tui.wait_until("the whole note, saved", |screen| {
        screen.contains(NOTE) && screen.contains(NOTE_SAVED)
    });
    tui.signal("-KILL");
    let status = tui.wait_exit();
    assert!(!status.success(), "SIGKILL ends with a failure: {status}");
    drop(tui);

    let mut tui = sandbox.tui_as(Some(INSPECTOR));
    let screen = tui.wait_for(&format!("{RECOVERED} “{UNIT}”"));
    assert!(screen.contains(VISITS_TITLE), "{screen}");
    tui.send("q");
    let status = tui.wait_exit();
    assert!(status.success(), "onsite exited with {status}");

    assert_eq!(
        note_history(&sandbox, &id, "1.1")
            .last()
            .map(String::as_str),
        Some(NOTE)
    );

    // Recovered once: the next start shows no banner.
    assert_no_recovery_banner(&sandbox);
}

#[test]
fn quitting_restores_the_terminal() {
    let sandbox = sandbox();
    new_visit(&sandbox, UNIT);
    let mut tui = sandbox.tui_as(Some(INSPECTOR));
    let before = tui.master().get_termios().expect("the pty's termios");
    open_first_visit(&mut tui);
    let during = tui.master().get_termios().expect("the pty's termios");
    assert_ne!(before, during, "onsite puts the terminal in raw mode");
    tui.send("q");
    tui.wait_for(VISITS_TITLE);
    tui.send("q");
    let status = tui.wait_exit();
    assert!(status.success(), "onsite exited with {status}");

    let raw = tui.raw();
    let text = String::from_utf8_lossy(&raw);
    let entered = text
        .rfind("\x1b[?1049h")
        .expect("the alternate screen was entered");
    let left = text
        .rfind("\x1b[?1049l")
        .expect("the alternate screen was left");
    assert!(entered < left, "left the alternate screen last");
    let tail = &text[left..];
    assert!(
        tail.trim_end_matches("\x1b[?25h") == "\x1b[?1049l",
        "nothing but showing the cursor follows leaving the alternate screen: {tail:?}"
    );
    assert!(
        text.rfind("\x1b[?2004l") > text.rfind("\x1b[?2004h"),
        "bracketed paste is turned off again"
    );
    assert!(!tui.alternate_screen());
    let after = tui.master().get_termios().expect("the pty's termios");
    assert_eq!(before, after, "raw mode is switched off again");
}

#[test]
fn sigterm_saves_the_note_being_typed() {
    let sandbox = sandbox();
    let (id, mut tui) = note_editor_open(&sandbox);
    tui.send(NOTE);
    // Typed (the app has read every key), most likely not saved yet; no wait for the save.
    tui.wait_for(NOTE);
    tui.signal("-TERM");
    let status = tui.wait_exit();
    assert!(
        status.success(),
        "onsite exits normally on SIGTERM: {status}"
    );
    drop(tui);

    assert_eq!(
        note_history(&sandbox, &id, "1.1")
            .last()
            .map(String::as_str),
        Some(NOTE)
    );
    // A clean exit: no recovery banner next time.
    assert_no_recovery_banner(&sandbox);
}

#[test]
fn first_run_asks_for_the_inspectors_name() {
    let sandbox = sandbox();
    fs::write(sandbox.config(), "").unwrap();
    let mut tui = sandbox.tui_as(None);
    tui.wait_for(ASK_NAME_TITLE);
    tui.send("Nguyễn Thị Lan");
    tui.wait_for("Nguyễn Thị Lan");
    tui.send(ENTER);
    tui.wait_for(NO_VISITS);
    tui.send("q");
    let status = tui.wait_exit();
    assert!(status.success(), "onsite exited with {status}");

    let config = fs::read_to_string(sandbox.config()).unwrap();
    assert!(
        config
            .lines()
            .any(|line| line == "inspector: Nguyễn Thị Lan"),
        "{config}"
    );
    // The name is remembered: no prompt next time.
    let mut tui = sandbox.tui_as(None);
    tui.wait_for(NO_VISITS);
    assert!(!tui.contents().contains(ASK_NAME_TITLE));
    tui.send("q");
    assert!(tui.wait_exit().success());
}

#[test]
fn closing_the_terminal_saves_the_note_and_exits() {
    let sandbox = sandbox();
    let (id, mut tui) = note_editor_open(&sandbox);
    tui.send(NOTE);
    tui.wait_for(NOTE);
    // Onsite is idle (waiting for a key) when the terminal goes.
    tui.stop_reading();
    tui.hang_up();
    // How it ends is `closing_the_terminal_is_not_a_crash`; that it ends (releasing the
    // store) and kept the note is what matters here.
    tui.wait_exit();
    drop(tui);
    assert_eq!(
        note_history(&sandbox, &id, "1.1")
            .last()
            .map(String::as_str),
        Some(NOTE)
    );
    // It went through quitting: no recovery banner next time.
    assert_no_recovery_banner(&sandbox);
}

#[test]
fn closing_a_stalled_terminal_saves_the_note() {
    let sandbox = sandbox();
    let (id, mut tui) = note_editor_open(&sandbox);
    tui.send(NOTE);
    tui.wait_for(NOTE);
    // A stalled link: nobody reads the terminal any more, so after a few (big) frames
    // onsite's writes block; then the link drops. Meant to happen within the note-save
    // debounce, so the note is still unsaved when the write fails; if onsite saved it
    // first, this test passes without proving much.
    tui.stop_reading();
    for round in 0..12 {
        let (rows, cols) = if round % 2 == 0 {
            (80, 250)
        } else {
            (120, 400)
        };
        tui.resize(rows, cols);
        thread::sleep(Duration::from_millis(5));
    }
    tui.hang_up();
    tui.wait_exit();
    drop(tui);
    assert_eq!(
        note_history(&sandbox, &id, "1.1")
            .last()
            .map(String::as_str),
        Some(NOTE),
        "the note typed before the terminal went"
    );
    assert_no_recovery_banner(&sandbox);
}

#[test]
fn closing_the_terminal_is_not_a_crash() {
    let sandbox = sandbox();
    let (_, mut tui) = note_editor_open(&sandbox);
    tui.stop_reading();
    tui.hang_up();
    let status = tui.wait_exit();
    assert_eq!(status.signal(), None, "onsite ended with {status}");
}

#[test]
fn closing_the_terminal_while_keys_are_handled() {
    let sandbox = sandbox();
    new_visit(&sandbox, UNIT);
    let mut tui = sandbox.tui_as(Some(INSPECTOR));
    open_first_visit(&mut tui);
    tui.stop_reading();
    // A burst of keys onsite reads at once and then works through, each one a change saved
    // to disk (an answer, then undo and redo, again and again); the link drops meanwhile.
    // (Should onsite not have read them yet, it sees the hangup first and this test passes
    // without proving much.)
    tui.send(&format!("1{}", "u\x12".repeat(100)));
    thread::sleep(Duration::from_millis(10));
    tui.hang_up();
    tui.wait_exit();
    drop(tui);
    assert_no_recovery_banner(&sandbox);
}

#[test]
fn the_minutes_go_to_the_reports_folder_of_the_settings_and_its_path_is_shown() {
    let sandbox = sandbox();
    let reports = sandbox.path("Tài liệu").join("onsite");
    fs::write(
        sandbox.config(),
        format!("reports_dir: {:?}\n", reports.display().to_string()),
    )
    .expect("write the settings file");
    let id = new_visit(&sandbox, UNIT);
    // A photo attached (issue 18): the minutes the TUI writes show it, as `onsite report` does.
    let photo = sandbox.path("bang-tin.png");
    image::RgbImage::from_fn(64, 48, |x, y| {
        image::Rgb([200, x.to_le_bytes()[0], y.to_le_bytes()[0]])
    })
    .save(&photo)
    .expect("write a photo");
    let photo = photo.to_str().expect("a UTF-8 path");
    cli(
        &sandbox,
        &["attach", &id, "1.1", photo, "--caption", "Bảng tin nội bộ"],
    );
    let mut tui = sandbox.tui_as(Some(INSPECTOR));
    open_first_visit(&mut tui);
    tui.send("s");
    tui.wait_for("Tổng hợp ·");
    tui.send("r");
    // Made when missing; the path is shown (a long status message wraps, at a space of
    // the path too, and may be cut at its end).
    let screen = tui.wait_for("Đã ghi biên bản:");
    let words = screen.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words.contains("Tài liệu"), "{screen}");
    let is_html = |path: &PathBuf| path.extension().is_some_and(|ext| ext == "html");
    let written: Vec<PathBuf> = fs::read_dir(&reports)
        .expect("the reports folder was made")
        .flatten()
        .map(|entry| entry.path())
        .collect();
    assert!(written.len() == 1 && is_html(&written[0]), "{written:?}");
    let page = fs::read_to_string(&written[0]).expect("the minutes");
    assert!(
        page.contains("src=\"data:image/jpeg;base64,"),
        "no thumbnail"
    );
    assert!(page.contains("Bảng tin nội bộ"), "no caption");
    // Nothing in the folder onsite was started from.
    assert!(
        !fs::read_dir(sandbox.path(""))
            .expect("the sandbox")
            .flatten()
            .any(|entry| is_html(&entry.path()))
    );
    tui.send("q");
    tui.wait_for(SCORING_FOOTER);
    tui.send("q");
    tui.wait_for(VISITS_TITLE);
    tui.send("q");
    assert!(tui.wait_exit().success());
}

/// The row of `field` in the TUI's minutes details (`b` on the summary).
fn minutes_row(field: onsite::domain::visit::FindingField) -> usize {
    onsite::domain::visit::FindingField::MINUTES
        .iter()
        .position(|f| *f == field)
        .expect("a detail of the minutes")
}

#[test]
fn the_minutes_header_is_filled_in_from_the_tui_after_finalize() {
    use onsite::domain::visit::FindingField;
    let sandbox = sandbox();
    let id = new_visit(&sandbox, UNIT);
    // Every item answered and the visit finalized from the command line: 3.5 and 3.8 are
    // points items (0–2), the rest pass/fail.
    let items = [
        "1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "3.1", "3.2", "3.3",
        "3.4", "3.5", "3.6", "3.7", "3.8", "4.1", "4.2", "4.3", "4.4", "5.1", "5.2", "5.3",
    ];
    for item in items {
        let answer = if item == "3.5" || item == "3.8" {
            "2"
        } else {
            "pass"
        };
        cli(&sandbox, &["score", &id, item, answer]);
    }
    cli(&sandbox, &["finalize", &id]);

    let mut tui = sandbox.tui_as(Some(INSPECTOR));
    open_first_visit(&mut tui);
    tui.send("s");
    tui.wait_for("b thông tin biên bản");
    tui.send("b");
    tui.wait_for("Thông tin biên bản");
    let number = minutes_row(FindingField::Number);
    tui.send(&"j".repeat(number));
    tui.send(ENTER);
    tui.wait_for("Enter lưu");
    tui.send("12/BB-BCĐ");
    tui.wait_for("12/BB-BCĐ");
    tui.send(ENTER);
    tui.wait_for("số biên bản: «12/BB-BCĐ»");

    // A time that is not HH:MM is refused and changes nothing; then a good one.
    tui.send(&"j".repeat(minutes_row(FindingField::Started) - number));
    tui.send(ENTER);
    tui.wait_for("Enter lưu");
    tui.send("25:00");
    tui.wait_for("25:00");
    tui.send(ENTER);
    tui.wait_for("không phải giờ hợp lệ");
    tui.send("\x15"); // Ctrl-u: clear the line
    tui.send("8:30");
    tui.wait_for("8:30");
    tui.send(ENTER);
    tui.wait_for("giờ bắt đầu: «08:30»");
    tui.send("\x03"); // Ctrl-c
    assert!(tui.wait_exit().success());

    let shown = cli(&sandbox, &["show", &id, "--format", "yaml"]);
    assert!(shown.contains("status: finalized"), "{shown}");
    assert!(shown.contains("number: \"12/BB-BCĐ\""), "{shown}");
    assert!(shown.contains("started: \"08:30\""), "{shown}");
    let history = cli(&sandbox, &["history", &id]);
    let last: Vec<&str> = history.lines().rev().take(2).collect();
    assert!(last[1].ends_with("số biên bản: «12/BB-BCĐ»"), "{history}");
    assert!(last[0].ends_with("giờ bắt đầu: «08:30»"), "{history}");
    assert!(!history.contains("25:00"), "{history}");
}

/// Issue 16, points 1 and 2, through a real terminal: on a levels criterion the digit the
/// screen shows for the best level gives the best level (levels 3 / 1.5 / 0: `3`, never the
/// third, "Dưới 60%"), echoed with its points; a half-typed `2` is saved when the cursor moves
/// on, and an unfinished `2.` keeps the cursor and says why.
#[test]
fn levels_digits_and_half_typed_numbers_never_give_a_wrong_score() {
    let sandbox = sandbox();
    let id = cli(
        &sandbox,
        &[
            "new",
            "--rubric",
            "co-quan-dat-chuan-van-hoa",
            "--unit",
            UNIT,
        ],
    )
    .trim()
    .to_owned();
    let mut tui = sandbox.tui_as(Some(INSPECTOR));
    tui.wait_for(UNIT_SHOWN);
    tui.send(ENTER);
    tui.wait_for("tiêu chí 1/");
    // 1.1 → 1.2 (0–3, half points): "2" waits for a possible ".5"; j saves it and moves.
    tui.send("j");
    tui.wait_for("tiêu chí 2/");
    tui.send("2");
    tui.wait_for("đang gõ: 2");
    tui.send("j");
    tui.wait_for("tiêu chí 3/");
    // 1.3, levels 3 / 1.5 / 0: the keys shown, then "3" for the best.
    tui.wait_for("3 Từ 80% trở lên (3)");
    tui.send("3");
    tui.wait_for("1.3 → Từ 80% trở lên (3 điểm)");
    // Back to 1.2: "1." is no answer yet, so j waits and says why; "5" finishes it.
    tui.send("kk");
    tui.wait_for("tiêu chí 2/");
    tui.send("1.");
    tui.wait_for("đang gõ: 1.");
    tui.send("j");
    let screen = tui.wait_for("chưa phải kết quả đủ");
    assert!(
        screen.contains("┌ 1.2 ─") && screen.contains("đang gõ: 1."),
        "{screen}"
    );
    tui.send("5");
    tui.wait_for("tiêu chí 3/");
    tui.send("q");
    tui.wait_for(VISITS_TITLE);
    tui.send("q");
    tui.wait_exit();
    let yaml = cli(&sandbox, &["show", &id, "--format", "yaml"]);
    let answer = |item: &str| {
        let start = yaml.find(&format!("  \"{item}\":")).expect("answered");
        let block = &yaml[start..];
        let line = block.lines().find(|l| l.trim_start().starts_with("score:"));
        line.expect("a score").trim().to_owned()
    };
    assert_eq!(answer("1.2"), "score: 1.5", "{yaml}");
    assert_eq!(answer("1.3"), "score: 3", "{yaml}");
}
