//! Hostile or oversized input is refused (or handled) with a clear message, without hanging
//! and without eating the laptop's memory: rubric files over 1 MiB (a 100,000-item rubric is
//! one), the largest rubric that fits (about 19,600 items) through every command, visit
//! documents over 4 MiB, deep nesting (100,000 `[`, `{` or `-`), alias bombs, and notes of a
//! megabyte (command line, import, TUI paste).
//!
//! Every command runs as a child process: killed and failed if it takes over a minute (a
//! hang, not a speed test), and its peak resident memory (GNU `time`, when present) must stay
//! under [`MEMORY`].

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use crate::support::sandbox::{CONG_SO, GOOD_VISIT, Run, Sandbox};
use crate::support::terminal::ENTER;

/// The most memory any one command may take, in KiB.
const MEMORY: u64 = 512 * 1024;

const RUBRIC_LIMIT: usize = 1024 * 1024;
const DOCUMENT_LIMIT: usize = 4 * 1024 * 1024;
const GOOD_VISIT_ID: &str = "01M8H00G09WAWN13KGF42BJPMN";

/// Runs `onsite ARGS` measured: within time (else the helper panics) and memory.
fn bounded(sandbox: &Sandbox, args: &[&str]) -> Run {
    bounded_by(sandbox, args, MEMORY)
}

fn bounded_by(sandbox: &Sandbox, args: &[&str], memory: u64) -> Run {
    let done = sandbox.run_measured(args);
    if let Some(peak) = done.peak_kib {
        assert!(
            peak < memory,
            "onsite {:?} peaked at {} MiB",
            &args[..args.len().min(3)],
            peak / 1024
        );
    }
    done
}

/// A rubric of `items` check items in one section, one line each.
fn rubric_with(items: usize) -> String {
    let mut text = String::from(
        "format: onsite-rubric/1\nid: big\nversion: \"1\"\ntitle: \"Big\"\npass:\n  \
         min_score: 1\nbands:\n  - { min_score: 0, label: \"x\" }\nsections:\n  - id: \"1\"\n    \
         title: \"S\"\n    items:\n",
    );
    for item in 1..=items {
        let _ = writeln!(
            text,
            "      - {{id: \"{item}\", text: \"Mục {item}\", kind: check, max: 1}}"
        );
    }
    text
}

/// As many items as fit in the rubric size limit.
fn largest_rubric() -> (usize, String) {
    let (mut low, mut high) = (1_usize, 100_000);
    while low < high {
        let middle = (low + high).div_ceil(2);
        if rubric_with(middle).len() <= RUBRIC_LIMIT {
            low = middle;
        } else {
            high = middle - 1;
        }
    }
    (low, rubric_with(low))
}

fn write(sandbox: &Sandbox, name: &str, text: &str) -> String {
    let path = sandbox.path(name);
    fs::write(&path, text).expect("write a test file");
    path.display().to_string()
}

#[test]
fn a_rubric_over_the_size_limit_is_refused_before_parsing() {
    let sandbox = Sandbox::new();
    let huge = rubric_with(100_000);
    assert!(
        huge.len() > RUBRIC_LIMIT,
        "100,000 items do not fit in 1 MiB"
    );
    let file = write(&sandbox, "huge.yaml", &huge);
    let done = bounded(&sandbox, &["rubric", "check", &file]);
    assert_eq!(done.code, Some(1), "{done:?}");
    let message = done.all();
    assert!(
        message.contains(&huge.len().to_string()),
        "the size: {message}"
    );
    assert!(
        message.contains("1048576-byte limit"),
        "the limit: {message}"
    );
    // In the rubrics folder: left out, said so, the shipped ones still listed.
    fs::copy(&file, sandbox.path("rubrics/huge.yaml")).expect("copy");
    let listed = bounded(&sandbox, &["rubric", "list"]);
    assert_eq!(listed.code, Some(1));
    assert!(
        listed.stderr.contains("1048576-byte limit"),
        "{}",
        listed.stderr
    );
    assert!(
        listed.stdout.contains("van-hoa-cong-so"),
        "{}",
        listed.stdout
    );
}

#[test]
fn the_largest_rubric_that_fits_works_through_every_command() {
    let sandbox = Sandbox::new();
    let (items, text) = largest_rubric();
    assert!(items > 10_000, "{items} items fit");
    let file = write(&sandbox, "rubrics/big.yaml", &text);
    let checked = bounded(&sandbox, &["rubric", "check", &file]);
    assert_eq!(checked.code, Some(0), "{checked:?}");
    assert!(
        checked.stdout.contains(&format!("{items} criteria")),
        "{}",
        checked.stdout
    );
    let created = bounded(&sandbox, &["new", "--rubric", "big", "--unit", "Lớn"]);
    assert_eq!(created.code, Some(0), "{created:?}");
    let id = created.stdout.trim().to_owned();
    let last = items.to_string();
    for args in [
        vec!["score", &id, "1", "pass"],
        vec!["score", &id, &last, "fail", "--note", "mục cuối"],
        vec!["show", &id],
        vec!["list"],
        vec!["history", &id],
        vec!["report", &id, "--format", "html", "-o", "minutes.html"],
        vec!["report", &id, "--format", "md", "-o", "minutes.md"],
        vec!["export", "--out", "out"],
    ] {
        let done = bounded(&sandbox, &args);
        assert_eq!(done.code, Some(0), "{args:?}: {done:?}");
    }
    let shown = sandbox.ok(&["show", &id]);
    assert!(shown.contains(&format!("2/{items}")), "{shown}");
    // The export (rubric copy included) imports on another laptop.
    let other = Sandbox::new();
    let exported = fs::read_dir(sandbox.path("out"))
        .expect("the export")
        .next()
        .expect("one file")
        .expect("an entry")
        .path();
    let imported = bounded(&other, &["import", &exported.display().to_string()]);
    assert_eq!(imported.code, Some(0), "{imported:?}");
}

/// The Word minutes of the largest rubric take about 500 MB (the DOCX library holds the
/// whole document as a tree, ~25 KiB per item row): bounded, but above [`MEMORY`]; a real
/// rubric (41 items) takes 40 MB.
const DOCX_MEMORY: u64 = 1024 * 1024;

#[test]
fn the_word_minutes_of_the_largest_rubric_stay_bounded() {
    let sandbox = Sandbox::new();
    let (_, text) = largest_rubric();
    write(&sandbox, "rubrics/big.yaml", &text);
    let id = sandbox
        .ok(&["new", "--rubric", "big", "--unit", "Lớn"])
        .trim()
        .to_owned();
    let args = ["report", &id, "--format", "docx", "-o", "m.docx"];
    let done = bounded_by(&sandbox, &args, DOCX_MEMORY);
    assert_eq!(done.code, Some(0), "{done:?}");
}

/// The three ways to nest 100,000 levels deep.
fn deep(kind: &str) -> String {
    const DEPTH: usize = 100_000;
    match kind {
        "flow-sequence" => "[".repeat(DEPTH),
        "flow-mapping" => "{a: ".repeat(DEPTH),
        "block-sequence" => "- ".repeat(DEPTH) + "x",
        _ => unreachable!("a known kind"),
    }
}

fn assert_refused_deep_rubric(kind: &str) {
    let sandbox = Sandbox::new();
    let text = format!(
        "format: onsite-rubric/1\nid: deep\nversion: \"1\"\ntitle: \"Deep\"\nsections: {}\n",
        deep(kind)
    );
    let file = write(&sandbox, "deep.yaml", &text);
    let done = bounded(&sandbox, &["rubric", "check", &file]);
    assert_eq!(done.code, Some(1), "{kind}: {done:?}");
    let message = done.stdout.clone();
    assert!(
        message.starts_with(&file),
        "{kind}: FILE:LINE:COL: {message}"
    );
}

fn assert_refused_deep_document(kind: &str) {
    let sandbox = Sandbox::new();
    let text = format!(
        "format: onsite-visit/1\nid: {GOOD_VISIT_ID}\nresponses: {}\n",
        deep(kind)
    );
    let file = write(&sandbox, "deep.yaml", &text);
    let done = bounded(&sandbox, &["import", &file]);
    assert_eq!(done.code, Some(1), "{kind}: {done:?}");
    assert!(done.stderr.starts_with(&file), "{kind}: {}", done.stderr);
    assert!(
        done.stdout.contains("1 rejected"),
        "{kind}: {}",
        done.stdout
    );
}

#[test]
fn a_deeply_nested_block_rubric_is_refused() {
    assert_refused_deep_rubric("block-sequence");
}

#[test]
fn a_deeply_nested_flow_sequence_rubric_is_refused() {
    assert_refused_deep_rubric("flow-sequence");
}

#[test]
fn a_deeply_nested_flow_mapping_rubric_is_refused() {
    assert_refused_deep_rubric("flow-mapping");
}

#[test]
fn a_deeply_nested_block_document_is_refused() {
    assert_refused_deep_document("block-sequence");
}

#[test]
fn a_deeply_nested_flow_sequence_document_is_refused() {
    assert_refused_deep_document("flow-sequence");
}

#[test]
fn a_deeply_nested_flow_mapping_document_is_refused() {
    assert_refused_deep_document("flow-mapping");
}

#[test]
fn alias_bombs_are_refused_within_bounds() {
    let sandbox = Sandbox::new();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let rubric = fixtures.join("bad-rubrics/alias-bomb.yaml");
    let done = bounded(
        &sandbox,
        &["rubric", "check", &rubric.display().to_string()],
    );
    assert_eq!(done.code, Some(1), "{done:?}");
    assert!(done.stdout.contains("alias"), "{}", done.stdout);
    let document = fixtures.join("bad-visits/alias-bomb.yaml");
    let done = bounded(&sandbox, &["import", &document.display().to_string()]);
    assert_eq!(done.code, Some(1), "{done:?}");
    assert!(done.stderr.contains("aliases"), "{}", done.stderr);
}

#[test]
fn a_document_over_the_size_limit_is_refused_before_reading() {
    let sandbox = Sandbox::new();
    let good = fs::read_to_string(GOOD_VISIT).expect("the fixture");
    // Padding in a comment: the size alone must refuse it.
    let mut big = good.clone();
    big.push('#');
    big.push_str(&"x".repeat(DOCUMENT_LIMIT));
    big.push('\n');
    let file = write(&sandbox, "big.yaml", &big);
    let done = bounded(&sandbox, &["import", &file]);
    assert_eq!(done.code, Some(1), "{done:?}");
    assert!(
        done.stderr.contains("4194304-byte limit"),
        "{}",
        done.stderr
    );
}

#[test]
fn a_megabyte_note_in_an_imported_document_is_refused() {
    let sandbox = Sandbox::new();
    let good = fs::read_to_string(GOOD_VISIT).expect("the fixture");
    let note = "Hòm thư góp ý. ".repeat(1024 * 1024 / 16);
    let crafted = good.replacen(
        "note: \"Đạt 9/10 chỉ tiêu; chỉ tiêu thu ngân sách chưa đạt\"",
        &format!("note: \"{note}\""),
        1,
    );
    assert!(crafted.len() > 1024 * 1024, "a megabyte note");
    let file = write(&sandbox, "long-note.yaml", &crafted);
    let done = bounded(&sandbox, &["import", &file]);
    assert_eq!(done.code, Some(1), "{done:?}");
    assert!(
        done.stderr.contains("over the limit of 20000"),
        "{}",
        done.stderr
    );
    assert!(sandbox.ids().is_empty(), "nothing imported");
}

#[test]
fn a_note_over_the_limit_on_the_command_line_is_refused() {
    let sandbox = Sandbox::new();
    let id = sandbox.new_visit(CONG_SO, "Sở Văn hóa", &[]);
    // Linux refuses one argument over 128 KiB before onsite runs (E2BIG), so a megabyte note
    // cannot even be passed; the longest one that can is refused by onsite.
    let note = "ộ".repeat(40_000);
    let done = bounded(&sandbox, &["score", &id, "1.1", "pass", "--note", &note]);
    assert_eq!(done.code, Some(1), "{done:?}");
    assert!(done.stderr.contains("20000"), "{}", done.stderr);
    let shown = sandbox.ok(&["show", &id]);
    assert!(
        shown.contains("0/25"),
        "the answer was not taken either:\n{shown}"
    );
    let megabyte = "ộ".repeat(1024 * 1024 / 3);
    let refused = sandbox
        .command(&["note", &id, "1.1", &megabyte])
        .output()
        .map(|output| output.status.success());
    assert!(
        !matches!(refused, Ok(true)),
        "a megabyte argument is refused somewhere"
    );
}

#[test]
fn a_megabyte_paste_into_the_tui_is_refused_and_the_tui_stays_usable() {
    let sandbox = Sandbox::new();
    let id = sandbox.new_visit(CONG_SO, "Sở Văn hóa", &[]);
    let mut tui = sandbox.tui_as(Some("Trần Văn Kiểm"));
    tui.wait_for("Sở Văn hóa");
    tui.send(ENTER);
    tui.wait_for("e ghi chú");
    tui.send("e");
    tui.wait_for("Esc/Enter xong");
    tui.paste(&"Hòm thư góp ý. ".repeat(1024 * 1024 / 16));
    tui.wait_until_for(
        "the refusal",
        std::time::Duration::from_secs(60),
        |screen| screen.contains("Không dán"),
    );
    // A paste that fits is taken, right after.
    tui.paste("vừa đủ");
    tui.wait_for("vừa đủ");
    let peak = vm_hwm_kib(tui.pid());
    tui.esc();
    tui.wait_for("e ghi chú");
    tui.esc();
    tui.send("q");
    assert!(tui.wait_exit().success());
    if let Some(peak) = peak {
        assert!(peak < MEMORY, "the TUI peaked at {} MiB", peak / 1024);
    }
    let history = sandbox.ok(&["history", &id, "--item", "1.1"]);
    assert!(history.contains("vừa đủ"), "{history}");
}

/// The peak resident memory of a running process, in KiB.
fn vm_hwm_kib(pid: u32) -> Option<u64> {
    let status = fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

#[test]
fn the_tui_scores_a_visit_of_the_largest_rubric() {
    let sandbox = Sandbox::new();
    let (items, text) = largest_rubric();
    write(&sandbox, "rubrics/big.yaml", &text);
    let id = sandbox
        .ok(&["new", "--rubric", "big", "--unit", "Lớn"])
        .trim()
        .to_owned();
    let mut tui = sandbox.tui_as(Some("Trần Văn Kiểm"));
    let long = std::time::Duration::from_secs(60);
    tui.wait_until_for("the list", long, |screen| screen.contains("Lớn"));
    tui.send(ENTER);
    tui.wait_until_for("the scoring screen", long, |screen| {
        screen.contains("e ghi chú")
    });
    tui.send("1");
    let moved = format!("tiêu chí 2/{items}");
    tui.wait_until_for("the answer", long, |screen| screen.contains(&moved));
    tui.send("s");
    tui.wait_until_for("the summary", long, |screen| screen.contains("ưu điểm"));
    let peak = vm_hwm_kib(tui.pid());
    tui.esc();
    tui.esc();
    tui.send("q");
    assert!(tui.wait_exit().success());
    if let Some(peak) = peak {
        assert!(peak < MEMORY, "the TUI peaked at {} MiB", peak / 1024);
    }
    let shown = sandbox.ok(&["show", &id]);
    assert!(shown.contains(&format!("1/{items}")), "{shown}");
}
