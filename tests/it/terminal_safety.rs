//! Text from someone else's file never drives the terminal. A colleague's rubric file and a
//! visit document they exported carry terminal escapes in every text they can hold: a
//! window-title change (`ESC ] 0 ; … BEL`), a screen clear, a clipboard write (OSC 52), a
//! carriage return and backspace that overwrite what was printed, the 8-bit CSI (U+009B) and
//! the bidi override U+202E. After `onsite import`, every command that prints them (`show`,
//! `list`, `history`, `conflicts`, `rubric …`, error messages) and every report (HTML,
//! Markdown, DOCX) is checked byte by byte, and the TUI is run in a pseudo-terminal with
//! every byte it writes kept: none of the attacker's sequences may appear, the emulated
//! terminal's title and clipboard are never touched, and the texts show, made visible
//! (`\u{1b}]0;pwned…`), where they belong.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::support::files::names;
use crate::support::sandbox::{CONG_SO, Sandbox};
use crate::support::terminal::{ENTER, FORBIDDEN, Tui, assert_inert, find};

/// Everything an attacker could put in a text, as the raw characters.
const EVIL: &str =
    "\u{1b}]0;pwned\u{7}\u{1b}[2J\u{1b}]52;c;cHduZWQ=\u{7}\r\u{8}\u{9b}31m\u{202e}evil";
/// The same, written as YAML double-quoted escapes (for the rubric file).
const EVIL_YAML: &str = r"\e]0;pwned\a\e[2J\e]52;c;cHduZWQ=\a\r\b\x9b31m\u202Eevil";
/// How `inert` shows the start of [`EVIL`]: visible, harmless.
const SHOWN: &str = r"\u{1b}]0;pwned\u{7}";
/// Who made the crafted visit, as recorded in its history.
const MALLORY: &str = "Mallory\u{1b}]0;pwned\u{7}";

/// A colleague's rubrics folder holding a crafted copy of the shipped checklist, and a visit
/// scored against it with every text crafted; the visit exported into `out/`.
struct Colleague {
    sandbox: Sandbox,
    id: String,
}

fn crafted_rubric() -> String {
    let shipped = fs::read_to_string(format!("rubrics/{CONG_SO}.yaml")).expect("the rubric");
    let replace = |text: String, from: &str, to: &str| {
        assert!(text.contains(from), "the shipped rubric has {from:?}");
        text.replacen(from, to, 1)
    };
    let mut text = replace(shipped, "id: van-hoa-cong-so", "id: evil-rubric");
    text = replace(
        text,
        "title: \"Văn hóa công sở\"",
        &format!("title: \"Văn hóa {EVIL_YAML}\""),
    );
    text = replace(
        text,
        "title_en: \"Office culture\"",
        &format!("title_en: \"Office {EVIL_YAML}\""),
    );
    text = replace(
        text,
        "text_en: \"Staff dressed neatly",
        &format!("text_en: \"{EVIL_YAML} Staff dressed neatly"),
    );
    text = replace(
        text,
        "notice: \"Danh mục",
        &format!("notice: \"{EVIL_YAML} Danh mục"),
    );
    text = replace(
        text,
        "title: \"Trang phục\"",
        &format!("title: \"Trang phục {EVIL_YAML}\""),
    );
    text = replace(
        text,
        "text: \"CBCCVC ăn mặc gọn gàng",
        &format!("text: \"{EVIL_YAML} CBCCVC ăn mặc gọn gàng"),
    );
    text = replace(
        text,
        "guide: \"Quan sát CBCCVC",
        &format!("guide: \"{EVIL_YAML} Quan sát CBCCVC"),
    );
    text = replace(
        text,
        "basis: \"QĐ 129/2007/QĐ-TTg (“ăn mặc gọn gàng, lịch sự”) [V]\"",
        &format!("basis: \"QĐ 129 {EVIL_YAML}\""),
    );
    replace(
        text,
        "label: \"Tốt\"",
        &format!("label: \"Tốt {EVIL_YAML}\""),
    )
}

impl Colleague {
    fn new() -> Colleague {
        let sandbox = Sandbox::new();
        fs::write(sandbox.path("rubrics/evil.yaml"), crafted_rubric()).expect("write");
        let evil_unit = format!("Đơn vị {EVIL}");
        let team = format!("Trưởng {EVIL}:trưởng đoàn");
        let id = sandbox
            .ok(&[
                "--as",
                MALLORY,
                "new",
                "--rubric",
                "evil-rubric",
                "--unit",
                &evil_unit,
                "--address",
                &format!("Số 1 {EVIL}"),
                "--team",
                &team,
                "--date",
                "2026-11-28",
            ])
            .trim()
            .to_owned();
        let note = format!("Ghi chú {EVIL}\ndòng hai {EVIL}");
        sandbox.ok(&[
            "--as", MALLORY, "score", &id, "1.1", "pass", "--note", &note,
        ]);
        sandbox.ok(&["--as", MALLORY, "score", &id, "1.2", "fail"]);
        sandbox.ok(&[
            "--as",
            MALLORY,
            "findings",
            &id,
            "--strengths",
            &format!("Ưu {EVIL}"),
            "--conclusion",
            &format!("Kết luận {EVIL}"),
        ]);
        sandbox.ok(&[
            "--as",
            MALLORY,
            "minutes",
            &id,
            "--body",
            &format!("Đoàn {EVIL}"),
            "--place",
            &format!("Nơi {EVIL}"),
            "--representative",
            &format!("Đại diện {EVIL} — thủ trưởng"),
        ]);
        let colleague = Colleague { sandbox, id };
        colleague.export();
        colleague
    }

    /// Exports the visit into `out/` (replacing an earlier export); the file.
    fn export(&self) -> PathBuf {
        let out = self.sandbox.path("out");
        self.sandbox
            .ok(&["export", &self.id, "--out", &out.display().to_string()]);
        let name = names(&out)
            .into_iter()
            .find(|name| Path::new(name).extension().is_some_and(|e| e == "yaml"))
            .expect("the exported document");
        out.join(name)
    }
}

/// My laptop, after importing the colleague's document.
fn imported(colleague: &Colleague) -> Sandbox {
    let mine = Sandbox::new();
    let document = colleague.export();
    let report = mine.ok(&["import", &document.display().to_string()]);
    assert!(report.starts_with("1 new"), "{report}");
    mine
}

/// Runs `onsite ARGS` in `sandbox` and checks both its streams.
fn assert_command_inert(sandbox: &Sandbox, args: &[&str]) -> String {
    let done = sandbox.run(args);
    assert_inert(&format!("stdout of onsite {args:?}"), &done.raw_stdout);
    assert_inert(&format!("stderr of onsite {args:?}"), &done.raw_stderr);
    done.all()
}

#[test]
fn the_crafted_document_really_carries_the_escapes() {
    // Otherwise every other test here would pass for the wrong reason.
    let colleague = Colleague::new();
    let document = fs::read_to_string(colleague.export()).expect("read the export");
    let record = onsite::document::parse(&document).expect("the export reads back");
    assert!(record.state.visit.unit.name.contains(EVIL));
    assert!(record.state.note("1.1").contains(EVIL));
    assert!(record.rubric.title.contains(EVIL));
    assert!(record.history.iter().any(|change| change.by == MALLORY));
}

#[test]
fn read_commands_print_an_imported_visit_inert() {
    let colleague = Colleague::new();
    let mine = imported(&colleague);
    let id = colleague.id.as_str();
    for args in [
        vec!["show", id],
        vec!["list"],
        vec!["list", "--format", "yaml"],
        vec!["history", id],
        vec!["history", id, "--item", "1.1"],
        vec!["conflicts"],
    ] {
        let printed = assert_command_inert(&mine, &args);
        if args[0] != "conflicts" {
            assert!(
                printed.contains("pwned"),
                "{args:?} shows the text:\n{printed}"
            );
        }
    }
    // The visit document itself: YAML escapes (`\e`), never the raw bytes.
    let yaml = mine.run(&["show", id, "--format", "yaml"]);
    assert_eq!(yaml.code, Some(0), "{}", yaml.stderr);
    for (name, needle) in &FORBIDDEN {
        assert_eq!(
            find(&yaml.raw_stdout, needle),
            None,
            "a raw {name} in the YAML"
        );
    }
}

#[test]
fn conflicts_show_both_crafted_values_inert() {
    let colleague = Colleague::new();
    let mine = imported(&colleague);
    let id = colleague.id.as_str();
    mine.ok(&["note", id, "1.1", "ghi chú của tôi"]);
    colleague
        .sandbox
        .ok(&["--as", MALLORY, "note", id, "1.1", &format!("sửa {EVIL}")]);
    let document = colleague.export();
    let merged = mine.run(&["import", &document.display().to_string()]);
    assert_inert("the import's report", &merged.raw_stdout);
    assert_inert("the import's report", &merged.raw_stderr);
    let listed = assert_command_inert(&mine, &["conflicts"]);
    assert!(
        listed.contains("1.1#note"),
        "a conflict is listed:\n{listed}"
    );
    assert!(listed.contains("pwned"), "with their value:\n{listed}");
}

#[test]
fn reports_of_an_imported_visit_are_inert() {
    let colleague = Colleague::new();
    let mine = imported(&colleague);
    let id = colleague.id.as_str();
    let markdown = mine.run(&["report", id, "--format", "md", "-o", "-"]);
    assert_eq!(markdown.code, Some(0), "{}", markdown.stderr);
    assert_inert("the Markdown minutes", &markdown.raw_stdout);
    assert!(markdown.stdout.contains("pwned"));
    for format in ["html", "md", "docx"] {
        let file = mine.path(&format!("minutes.{format}"));
        let path = file.display().to_string();
        let done = mine.run(&["report", id, "--format", format, "-o", &path]);
        assert_eq!(done.code, Some(0), "{format}: {}", done.stderr);
        assert_inert(
            &format!("onsite report --format {format}"),
            &done.raw_stdout,
        );
        let bytes = fs::read(&file).expect("read the report");
        if format == "docx" {
            for (name, xml) in docx_parts(&file) {
                assert_inert(&format!("{name} of the DOCX"), &xml);
            }
        } else {
            assert_inert(&format!("the {format} minutes"), &bytes);
        }
    }
}

/// Every XML part of a DOCX.
fn docx_parts(file: &Path) -> Vec<(String, Vec<u8>)> {
    let mut archive =
        zip::ZipArchive::new(fs::File::open(file).expect("open the DOCX")).expect("a zip");
    let mut parts = Vec::new();
    for index in 0..archive.len() {
        let mut part = archive.by_index(index).expect("a part");
        let mut bytes = Vec::new();
        part.read_to_end(&mut bytes).expect("read a part");
        let name = part.name().map(|n| n.to_string()).unwrap_or_default();
        parts.push((name, bytes));
    }
    parts
}

#[test]
fn rubric_commands_print_a_crafted_rubric_inert() {
    let colleague = Colleague::new();
    let file = colleague.sandbox.path("rubrics/evil.yaml");
    let file = file.display().to_string();
    for args in [
        vec!["rubric", "check", &file],
        vec!["rubric", "list"],
        vec!["rubric", "show", "evil-rubric"],
        vec!["rubric", "show", &file],
    ] {
        assert_command_inert(&colleague.sandbox, &args);
    }
    let shown = colleague.sandbox.ok(&["rubric", "show", "evil-rubric"]);
    assert!(shown.contains(SHOWN), "{shown}");
}

#[test]
fn refusals_quote_crafted_input_inert() {
    let colleague = Colleague::new();
    let mine = imported(&colleague);
    // A document with a crafted key: the message names the key.
    let document = fs::read_to_string(colleague.export()).expect("read");
    let bad = document.replacen(
        "status: draft",
        &format!("\"{EVIL_YAML}\": 1\nstatus: draft"),
        1,
    );
    let bad_file = mine.path("bad.yaml");
    fs::write(&bad_file, bad).expect("write");
    let refused = assert_command_inert(&mine, &["import", &bad_file.display().to_string()]);
    assert!(refused.contains("pwned"), "{refused}");
    // Crafted arguments: an item, an answer, a visit.
    assert_command_inert(&mine, &["score", &colleague.id, EVIL, "pass"]);
    assert_command_inert(&mine, &["score", &colleague.id, "1.3", EVIL]);
    assert_command_inert(&mine, &["show", EVIL]);
    // A broken rubric file whose error quotes crafted text.
    let broken = format!("format: onsite-rubric/1\n\"{EVIL_YAML}\": 1\n");
    fs::write(mine.path("rubrics/broken.yaml"), broken).expect("write");
    assert_command_inert(&mine, &["rubric", "list"]);
    assert_command_inert(&mine, &["rubric", "check", "rubrics/broken.yaml"]);
}

/// What the attacker wanted a terminal to do; none of it may be in the TUI's output. The TUI
/// itself never sends an OSC (`ESC ]`: titles, clipboard) nor a bell.
const SEQUENCES: [&str; 5] = ["\u{1b}]", "\u{7}", "\u{9b}", "\u{202e}", "\u{8}"];

/// Checks everything the TUI wrote, and what it asked the emulated terminal to do.
fn assert_tui_inert(tui: &Tui) {
    let raw = tui.raw();
    for sequence in SEQUENCES {
        if let Some(at) = find(&raw, sequence.as_bytes()) {
            let start = at.saturating_sub(80);
            let end = (at + 80).min(raw.len());
            panic!(
                "the TUI wrote {sequence:?} at byte {at}: …{}…",
                String::from_utf8_lossy(&raw[start..end]).escape_debug()
            );
        }
    }
    let requests = tui.requests();
    assert!(requests.titles.is_empty(), "title set: {requests:?}");
    assert!(
        requests.icon_names.is_empty(),
        "icon name set: {requests:?}"
    );
    assert!(
        requests.clipboard.is_empty(),
        "clipboard written: {requests:?}"
    );
    assert_eq!(requests.bells, 0, "the bell rang");
}

fn tui(sandbox: &Sandbox) -> Tui {
    sandbox.tui_as(Some("Trần Văn Kiểm"))
}

#[test]
fn the_tui_shows_an_imported_visit_inert() {
    let colleague = Colleague::new();
    let mine = imported(&colleague);
    let mut tui = tui(&mine);
    tui.wait_for("pwned");
    assert_tui_inert(&tui);
    // Open it: the cursor lands on the first unanswered item (1.3); go up to 1.1.
    tui.send(ENTER);
    tui.wait_for("e ghi chú");
    tui.send("kk");
    let screen = tui.wait_for("Ghi chú ");
    assert!(
        screen.contains("pwned"),
        "the note and the item show:\n{screen}"
    );
    // The note editor holds the crafted note; typing and leaving saves it.
    tui.send("e");
    tui.wait_for("Esc/Enter xong");
    tui.send(" thêm");
    tui.esc();
    tui.wait_for("e ghi chú");
    // The summary: findings and section titles; the help.
    tui.send("s");
    tui.wait_for("ưu điểm");
    tui.send("?");
    tui.wait_for("Phím tắt");
    tui.esc();
    tui.wait_until("the help to close", |now| !now.contains("Phím tắt"));
    tui.esc();
    tui.wait_for("e ghi chú");
    tui.settle();
    tui.send("q");
    tui.wait_for("Các lần kiểm tra");
    tui.send("q");
    tui.wait_exit();
    assert_tui_inert(&tui);
    // The note came back with its escapes shown, not run; the text typed was added.
    let document = mine.ok(&["show", &colleague.id, "--format", "yaml"]);
    assert!(document.contains("dòng hai"), "{document}");
    assert!(document.contains(" thêm"), "{document}");
}

#[test]
fn the_tui_shows_a_crafted_rubric_inert() {
    let colleague = Colleague::new();
    let mut tui = tui(&colleague.sandbox);
    tui.wait_for("pwned");
    // A new visit against the crafted rubric: its title on the form, its notice after.
    tui.send("n");
    tui.wait_for("Lần kiểm tra mới");
    tui.send("Đơn vị mới");
    // Tab to the rubric field, then right until the crafted one shows.
    tui.send(&"\t".repeat(7));
    for _ in 0..4 {
        if tui.contents().contains("evil-rubric") {
            break;
        }
        tui.send("\u{1b}[C");
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    tui.wait_for("evil-rubric");
    tui.send("\u{13}");
    let notice = tui.wait_for("Lưu ý về bộ tiêu chí");
    assert!(notice.contains("pwned"), "{notice}");
    tui.send(ENTER);
    tui.wait_for("e ghi chú");
    tui.esc();
    tui.send("q");
    tui.wait_exit();
    assert_tui_inert(&tui);
}

#[test]
fn escapes_pasted_into_a_note_stay_inert() {
    let mine = Sandbox::new();
    let id = mine.new_visit(CONG_SO, "Sở Văn hóa", &[]);
    let mut tui = tui(&mine);
    tui.wait_for("Sở Văn hóa");
    tui.send(ENTER);
    tui.wait_for("e ghi chú");
    tui.send("e");
    tui.wait_for("Esc/Enter xong");
    tui.paste(EVIL);
    tui.wait_for("pwned");
    tui.esc();
    tui.wait_for("e ghi chú");
    tui.esc();
    tui.send("q");
    tui.wait_exit();
    assert_tui_inert(&tui);
    let shown = mine.ok(&["show", &id]);
    assert_inert("show after a pasted note", shown.as_bytes());
}
