//! The visit document (`format: onsite-visit/1`) end to end.
//!
//! - Through the CLI: a store holding every kind of answer (half-step points, pass/fail,
//!   levels, N/A, cleared), notes that trip YAML writers, findings, undo/redo, a finalized, a
//!   reopened and a trashed visit is exported, imported into an empty store and exported
//!   again: the files are byte-identical, and `show --format yaml` prints the same bytes.
//! - An independent reader: `PyYAML` (a YAML 1.1 reader, like most spreadsheet plug-ins)
//!   reads every export with its keys in the documented order, every text as the same
//!   string, every score as a number. Skipped, with the reason printed, when `python3` has
//!   no `yaml` module.
//! - In memory: random visits of the shipped rubrics survive `to_yaml` → `parse` unchanged,
//!   and `to_yaml` of the result gives the same bytes.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;
use std::sync::OnceLock;

use onsite::catalog::Catalog;
use onsite::document::{self, VisitRecord};
use onsite::domain::answer::Answer;
use onsite::domain::history::{Change, ChangeKind, Edit};
use onsite::domain::rubric::{Item, ItemKind, Rubric};
use onsite::domain::visit::{
    FindingField, Findings, Member, Response, Role, RubricRef, Stamp, Status, Unit, UnitKind,
    Visit, VisitState,
};
use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::Value;

use crate::support::files::files;
use crate::support::sandbox::{CO_QUAN, CONG_SO, GOOD_VISIT, Sandbox};

/// Notes a YAML 1.1 reader turns into a boolean, null, number, date or worse when they are
/// written without quotes.
const RETYPED: [&str; 29] = [
    "no",
    "yes",
    "on",
    "off",
    "~",
    "null",
    "1.0",
    "2026-11-28",
    "1_000",
    "0x1F",
    ".5",
    "+1",
    "y",
    "Y",
    "NO",
    "True",
    "n",
    "=",
    "<<",
    "12:30",
    "1:20:30",
    ".inf",
    "-.inf",
    ".NaN",
    "0o17",
    "1e3",
    "0b101",
    "010",
    "2026-11-28T09:30:00+07:00",
];

/// Notes that are awkward for any YAML writer: Vietnamese (composed and decomposed), syntax
/// characters, leading and trailing whitespace, several lines, control characters.
const AWKWARD: [&str; 45] = [
    "Cán bộ tiếp dân niềm nở; hồ sơ đầy đủ, sắp xếp khoa học",
    // "Đà Nẵng" with combining accents: must not come back composed.
    "Đa\u{300} Na\u{306}\u{303}ng",
    "Phòng 201: tốt",
    "a # not a comment",
    "#1 không phải ghi chú",
    "- bắt đầu bằng gạch",
    "[a, b]",
    "{a: b}",
    "&anchor",
    "*alias",
    "!tag",
    "%YAML 1.2",
    "@mention",
    "`tick`",
    "| pipe",
    "> fold",
    "'nháy đơn'",
    "Ông nói: \"Đạt\"",
    "đường dẫn C:\\onsite\\ghi chú",
    "---",
    "...",
    "? key",
    "  hai dấu cách đầu dòng",
    "dấu cách cuối ",
    "\ttab đầu dòng",
    "cột\tcột",
    "dòng 1\ndòng 2",
    "dòng 1\ndòng 2\n",
    "kết thúc\n\n\n",
    "\n",
    "\ndòng sau",
    "a\n\tb",
    "windows\r\nline",
    "dòng 1\n  thụt lề\ndòng 3",
    "đoạn 1\n\nđoạn 2",
    "dòng có cách \ndòng sau",
    "- mục 1\n- mục 2: \"x\"\n# hết",
    "\u{1b}[31mđỏ\u{1b}[0m",
    "chuông\u{7}",
    "nel\u{85}x",
    "ls\u{2028}ps\u{2029}",
    "bom\u{feff}",
    "cờ 🇻🇳 ✓",
    " ",
    "Kết luận:\n  - Đạt\n  - \"Tốt\"\n",
];

fn rubric(id: &str) -> Rubric {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    let catalog = CATALOG.get_or_init(|| Catalog::load(None));
    catalog.find(id).expect("a shipped rubric").rubric.clone()
}

fn path_str(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 temp path")
}

// ------------------------------------------------------------------------- the CLI store

/// A store built through the CLI, and the texts each visit's document must hold, by path
/// in the document (`["responses", "1.1", "note"]`).
struct Built {
    sandbox: Sandbox,
    texts: BTreeMap<String, BTreeMap<Vec<String>, String>>,
    finalized: String,
    reopened: String,
    trashed: String,
    draft: String,
    empty: String,
}

impl Built {
    fn ids(&self) -> Vec<String> {
        vec![
            self.draft.clone(),
            self.finalized.clone(),
            self.reopened.clone(),
            self.trashed.clone(),
            self.empty.clone(),
        ]
    }

    fn expect_text(&mut self, id: &str, path: &[&str], text: &str) {
        let path = path.iter().map(|s| (*s).to_owned()).collect();
        let texts = self.texts.entry(id.to_owned()).or_default();
        texts.insert(path, text.to_owned());
    }

    fn forget_text(&mut self, id: &str, path: &[&str]) {
        let path: Vec<String> = path.iter().map(|s| (*s).to_owned()).collect();
        if let Some(texts) = self.texts.get_mut(id) {
            texts.remove(&path);
        }
    }

    fn score(&self, id: &str, item: &str, value: &str) {
        self.sandbox.ok_quiet(&["score", id, item, "--", value]);
    }

    /// Answers an item and sets its (non-empty) note in one command.
    fn score_with_note(&mut self, id: &str, item: &str, value: &str, note: &str) {
        let note_arg = format!("--note={note}");
        self.sandbox
            .ok_quiet(&["score", id, item, &note_arg, "--", value]);
        self.expect_text(id, &["responses", item, "note"], note);
    }

    /// Sets a note; an empty text clears it (and the response holds no note).
    fn note(&mut self, id: &str, item: &str, text: &str) {
        self.sandbox.ok_quiet(&["note", id, item, "--", text]);
        if text.is_empty() {
            self.forget_text(id, &["responses", item, "note"]);
        } else {
            self.expect_text(id, &["responses", item, "note"], text);
        }
    }

    fn finding(&mut self, id: &str, field: &str, text: &str) {
        self.sandbox
            .ok_quiet(&["findings", id, &format!("--{field}={text}")]);
        self.expect_text(id, &["findings", field], text);
    }

    /// A new visit whose unit, address and team names are expected back as written.
    fn visit(&mut self, rubric: &str, unit: &str, address: &str, team: &[&str]) -> String {
        let mut extra = vec!["--address", address];
        for member in team {
            extra.extend(["--team", member]);
        }
        let id = self.sandbox.new_visit(rubric, unit, &extra);
        self.expect_text(&id, &["unit", "name"], unit);
        self.expect_text(&id, &["unit", "address"], address);
        for (index, member) in team.iter().enumerate() {
            let name = member.split(':').next().expect("NAME:ROLE");
            self.expect_text(&id, &["team", &index.to_string(), "name"], name);
        }
        id
    }
}

/// The typed answer that earns full marks on an item.
fn best(item: &Item) -> String {
    match item.kind {
        ItemKind::Points => item.max_points().normalize().to_string(),
        ItemKind::Check => "pass".to_owned(),
        ItemKind::Levels => "1".to_owned(),
    }
}

fn build() -> Built {
    let sandbox = Sandbox::new().running_from_crate_root();
    let mut built = Built {
        sandbox,
        texts: BTreeMap::new(),
        finalized: String::new(),
        reopened: String::new(),
        trashed: String::new(),
        draft: String::new(),
        empty: String::new(),
    };
    let mut notes = RETYPED.iter().chain(AWKWARD.iter()).copied();
    built.draft = build_draft(&mut built, &mut notes);
    built.finalized = build_finalized(&mut built);
    built.reopened = build_reopened(&mut built, &mut notes);
    built.trashed = build_trashed(&mut built, &mut notes);
    assert_eq!(notes.next(), None, "every awkward note is used somewhere");
    let expected: Vec<&String> = built.texts.values().flat_map(BTreeMap::values).collect();
    for note in RETYPED.iter().chain(AWKWARD.iter()) {
        assert!(
            expected.iter().any(|text| text == note),
            "{note:?} is checked"
        );
    }
    built.empty = built.visit(
        CO_QUAN,
        "Ủy ban nhân dân xã Đông Hà",
        "",
        &["Phạm Quốc Việt:thành viên"],
    );
    built
}

/// A draft with every kind of answer, a note on every item, findings, undo and redo.
fn build_draft<'a>(built: &mut Built, notes: &mut impl Iterator<Item = &'a str>) -> String {
    let id = built.visit(
        CO_QUAN,
        "Trường THCS \"Lê Lợi\" #2",
        "Số 1: đường 3/2, P. Bến Thành",
        &["Trần Văn Hùng:trưởng đoàn", "Lê Thị #1:thư ký"],
    );
    for (item, value) in [
        ("1.1", "4.5"),
        ("1.2", "2.5"),
        ("1.3", "2"),
        ("1.4", "1"),
        ("1.5", "0"),
        ("1.6", "na"),
        ("1.7", "2"),
        ("1.8", "0.5"),
        ("1.9", "pass"),
        ("1.10", "fail"),
        ("1.11", "1.5"),
        ("2.1", "Dưới 80%"),
        ("2.3", "na"),
        ("2.6", "Khá"),
        ("2.16", "fail"),
        ("3.2", "4"),
    ] {
        built.score_with_note(&id, item, value, notes.next().expect("enough notes"));
    }
    // Cleared again.
    built.score(&id, "1.7", "clear");
    // Undone and redone; then one undone for good.
    built.score(&id, "2.13", "2");
    built.sandbox.ok_quiet(&["undo", &id]);
    built.sandbox.ok_quiet(&["redo", &id]);
    built.score(&id, "2.20", "1");
    built.sandbox.ok_quiet(&["undo", &id]);
    for item in rubric(CO_QUAN).items() {
        let path = ["responses", item.id.as_str(), "note"].map(str::to_owned);
        if !built.texts[&id].contains_key(path.as_slice()) {
            built.note(&id, &item.id, notes.next().expect("enough notes"));
        }
    }
    // A note changed, then undone.
    let kept = built.texts[&id][&vec!["responses".to_owned(), "3.9".to_owned(), "note".to_owned()]]
        .clone();
    built.note(&id, "3.9", "bản nháp");
    built.sandbox.ok_quiet(&["undo", &id]);
    built.expect_text(&id, &["responses", "3.9", "note"], &kept);
    built.finding(&id, "strengths", "no");
    built.finding(
        &id,
        "shortcomings",
        "Tồn tại:\n- chưa có sổ theo dõi\n- hòm thư không khóa\n",
    );
    built.finding(&id, "recommendations", "bản nháp");
    built.sandbox.ok_quiet(&["undo", &id]);
    built.sandbox.ok_quiet(&["redo", &id]);
    built.finding(&id, "recommendations", "  ~ ");
    built.finding(&id, "conclusion", "Kết luận: \"Đạt\" # 1\n\n");
    id
}

/// Every item at full marks, then finalized.
fn build_finalized(built: &mut Built) -> String {
    let id = built.visit(
        CO_QUAN,
        "Cục Quản lý thị trường tỉnh Hà Tĩnh",
        "Số 3 đường Phan Đình Phùng",
        &["Nguyễn Thị Lan:trưởng đoàn"],
    );
    for item in rubric(CO_QUAN).items() {
        built.score(&id, &item.id, &best(item));
    }
    built.note(&id, "3.4", "Không có quyết định kỷ luật nào trong kỳ");
    // A note cleared: the response keeps its answer and has no note.
    built.note(&id, "3.5", "tạm");
    built.note(&id, "3.5", "");
    built.sandbox.ok_quiet(&["finalize", &id]);
    id
}

/// A checklist answered, finalized, reopened with a reason and changed again.
fn build_reopened<'a>(built: &mut Built, notes: &mut impl Iterator<Item = &'a str>) -> String {
    let id = built.visit(CONG_SO, "yes", "~", &["off:thư ký"]);
    let checklist = rubric(CONG_SO);
    let mut na_given = false;
    for item in checklist.items() {
        let value = if item.na && !na_given {
            na_given = true;
            "na".to_owned()
        } else {
            best(item)
        };
        built.score_with_note(&id, &item.id, &value, notes.next().expect("enough notes"));
    }
    built.sandbox.ok_quiet(&["finalize", &id]);
    built.sandbox.ok_quiet(&[
        "reopen",
        &id,
        "--reason",
        "Sai sót ở mục \"1.1\": ghi nhầm\nCần chấm lại",
    ]);
    let first = checklist.items().next().expect("an item");
    assert_eq!(first.kind, ItemKind::Check);
    built.score(&id, &first.id, "fail");
    id
}

/// A few answers and notes, then moved to the trash.
fn build_trashed<'a>(built: &mut Built, notes: &mut impl Iterator<Item = &'a str>) -> String {
    let id = built.visit(
        CONG_SO,
        "Sở Văn hóa, Thể thao và Du lịch",
        "null",
        &["1.0:thành viên"],
    );
    let checklist = rubric(CONG_SO);
    for (index, item) in checklist.items().enumerate() {
        let Some(note) = notes.next() else { break };
        let value = match item.kind {
            ItemKind::Check if index % 2 == 1 => "fail".to_owned(),
            _ => best(item),
        };
        built.score_with_note(&id, &item.id, &value, note);
    }
    built.sandbox.ok_quiet(&["delete", &id, "--yes"]);
    id
}

/// Exports every visit of `built` into `dir`: first the default export (trash excluded),
/// then the trashed visit by name.
fn export_all(built: &Built, dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let sandbox = &built.sandbox;
    sandbox.ok_quiet(&["export", "--out", path_str(dir)]);
    let default = files(dir);
    assert_eq!(default.len(), 4, "{:?}", default.keys());
    let trashed = built.trashed.to_ascii_lowercase();
    assert!(
        !default.keys().any(|name| name.contains(&trashed)),
        "the default export leaves the trash out"
    );
    sandbox.ok_quiet(&["export", &built.trashed, "--out", path_str(dir)]);
    let all = files(dir);
    assert_eq!(all.len(), 5, "{:?}", all.keys());
    all
}

/// The exported file of visit `id`.
fn file_of<'a>(files: &'a BTreeMap<String, Vec<u8>>, id: &str) -> &'a [u8] {
    let suffix = format!("_{}.yaml", id.to_ascii_lowercase());
    files
        .iter()
        .find(|(name, _)| name.ends_with(&suffix))
        .map_or_else(
            || panic!("no file for {id} in {:?}", files.keys()),
            |(_, bytes)| bytes.as_slice(),
        )
}

/// The first line where two texts differ, for a readable failure.
fn first_difference(a: &[u8], b: &[u8]) -> String {
    let a = String::from_utf8_lossy(a);
    let b = String::from_utf8_lossy(b);
    for (number, (left, right)) in a.lines().zip(b.lines()).enumerate() {
        if left != right {
            return format!("line {}: {left:?} vs {right:?}", number + 1);
        }
    }
    format!("{} vs {} lines", a.lines().count(), b.lines().count())
}

/// One store built through the CLI (a few hundred commands, so built once) and checked three
/// ways: `show --format yaml` prints each exported file; export → import into an empty store
/// → export gives the same bytes and the same store; `PyYAML` reads every text back.
#[test]
fn every_kind_of_visit_exports_imports_and_reads_back_unchanged() {
    let built = build();
    let first = built.sandbox.path("A");
    let exported = export_all(&built, &first);
    show_yaml_prints_the_export(&built, &exported);
    import_then_export_gives_the_same_bytes(&built, &first, &exported);
    match pyyaml_missing() {
        Some(reason) => eprintln!("PyYAML check skipped: python3 cannot import yaml: {reason}"),
        None => pyyaml_reads_texts_as_written_and_scores_as_numbers(&built, &first, &exported),
    }
}

fn show_yaml_prints_the_export(built: &Built, exported: &BTreeMap<String, Vec<u8>>) {
    for id in built.ids() {
        let shown = built.sandbox.ok_quiet(&["show", &id, "--format", "yaml"]);
        let file = file_of(exported, &id);
        assert!(
            shown.as_bytes() == file,
            "show --format yaml of {id} differs from its export: {}",
            first_difference(shown.as_bytes(), file)
        );
    }
}

fn import_then_export_gives_the_same_bytes(
    built: &Built,
    first: &Path,
    exported: &BTreeMap<String, Vec<u8>>,
) {
    let other = Sandbox::new().running_from_crate_root();
    let report = other.ok_quiet(&["import", path_str(first)]);
    assert_eq!(
        report,
        "5 new, 0 merged, 0 written, 0 unchanged, 0 conflicts, 0 rejected\n"
    );
    let second = other.path("B");
    let mut args = vec!["export".to_owned(), "--out".to_owned()];
    args.push(path_str(&second).to_owned());
    args.extend(built.ids());
    other.ok_quiet(&args);
    let again = files(&second);
    assert_eq!(
        exported.keys().collect::<Vec<_>>(),
        again.keys().collect::<Vec<_>>()
    );
    for (name, bytes) in exported {
        assert!(
            *bytes == again[name],
            "{name} changed on its way through import: {}",
            first_difference(bytes, &again[name])
        );
    }
    assert_eq!(other.snapshot(), built.sandbox.snapshot());
}

// ------------------------------------------------------------------------------- PyYAML

/// Prints, as JSON, each file's top-level keys in order and its content as `PyYAML` reads
/// it; dates and times become `{"$type": ..., "value": ...}` so they cannot pass for text.
const PYYAML_DUMP: &str = r#"
import datetime, json, sys, yaml

def typed(value):
    if isinstance(value, (datetime.date, datetime.datetime)):
        return {"$type": type(value).__name__, "value": value.isoformat()}
    raise TypeError(repr(value))

out = []
for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as f:
        doc = yaml.safe_load(f)
    out.append({"file": path, "keys": list(doc), "doc": doc})
json.dump(out, sys.stdout, ensure_ascii=False, default=typed)
"#;

fn pyyaml_missing() -> Option<String> {
    match Command::new("python3").args(["-c", "import yaml"]).output() {
        Ok(output) if output.status.success() => None,
        Ok(output) => Some(String::from_utf8_lossy(&output.stderr).trim().to_owned()),
        Err(error) => Some(format!("python3: {error}")),
    }
}

fn at<'a>(doc: &'a Value, path: &[String]) -> &'a Value {
    path.iter().fold(doc, |value, key| match value {
        Value::Array(items) => &items[key.parse::<usize>().expect("an index")],
        other => &other[key.as_str()],
    })
}

fn assert_number(value: &Value, what: &str) {
    assert!(value.is_number(), "{what} is {value}, not a number");
}

/// Key order, texts as the same strings (not booleans, nulls, numbers or dates), scores as
/// numbers, a known verdict.
fn pyyaml_reads_texts_as_written_and_scores_as_numbers(
    built: &Built,
    dir: &Path,
    exported: &BTreeMap<String, Vec<u8>>,
) {
    let mut command = Command::new("python3");
    command.args(["-c", PYYAML_DUMP]);
    for name in exported.keys() {
        command.arg(dir.join(name));
    }
    let output = command.output().expect("run python3");
    assert!(
        output.status.success(),
        "PyYAML refused an export: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let read: Vec<Value> = serde_json::from_slice(&output.stdout).expect("JSON from python3");
    assert_eq!(read.len(), 5);
    for entry in &read {
        let doc = &entry["doc"];
        let id = doc["id"].as_str().expect("id is text");
        let keys: Vec<&str> = entry["keys"]
            .as_array()
            .expect("keys")
            .iter()
            .map(|k| k.as_str().expect("a text key"))
            .collect();
        let mut expected = vec![
            "format",
            "id",
            "rubric",
            "unit",
            "date",
            "team",
            "status",
            "created_at",
            "updated_at",
        ];
        if id == built.finalized {
            expected.push("finalized_at");
        }
        if id == built.trashed {
            expected.push("deleted_at");
        }
        expected.extend(["responses", "findings"]);
        // The minutes' details, where this build writes them.
        if keys.contains(&"minutes") {
            expected.push("minutes");
        }
        expected.extend(["summary", "history", "rubric_copy"]);
        assert_eq!(keys, expected, "{}", entry["file"]);
        assert_eq!(doc["format"], "onsite-visit/1");
        assert_eq!(doc["date"]["$type"], "date", "{id}: date");
        assert_eq!(doc["created_at"]["$type"], "datetime", "{id}: created_at");

        for (path, text) in &built.texts[id] {
            let value = at(doc, path);
            assert!(
                value.as_str() == Some(text.as_str()),
                "{id} {path:?}: PyYAML read {value}, expected {text:?}"
            );
        }
        for (item, response) in doc["responses"].as_object().expect("responses") {
            if let Some(score) = response.get("score") {
                assert_number(score, &format!("{id} responses.{item}.score"));
            }
            if let Some(note) = response.get("note") {
                assert!(note.is_string(), "{id} {item}: note {note}");
            }
        }
        let summary = &doc["summary"];
        assert_number(&summary["score"], "summary.score");
        assert_number(&summary["nominal_total"], "summary.nominal_total");
        for section in summary["sections"].as_array().expect("sections") {
            assert_number(&section["earned"], "section earned");
            assert_number(&section["max"], "section max");
            assert!(section["score"].is_number() || section["score"].is_null());
        }
        let verdict = summary["verdict"].as_str().expect("verdict is text");
        assert!(
            ["pass", "fail", "incomplete"].contains(&verdict),
            "{verdict}"
        );
        if id == built.finalized {
            assert_eq!(verdict, "pass");
            assert_eq!(summary["score"], 100);
        }
        if id == built.draft {
            assert_eq!(verdict, "incomplete");
        }
    }
}

// ---------------------------------------------------------------------- random visits

/// Pieces of text: Vietnamese words (one decomposed), the YAML 1.1 words, ASCII
/// punctuation, quotes, backslashes, line ends, tabs and control characters.
const PIECES: [&str; 44] = [
    "Cục",
    "Quản lý",
    "thị trường",
    "Hà Tĩnh",
    "Đạt",
    "không đạt",
    "Ủy ban",
    "người",
    "ưu điểm",
    "Nguye\u{302}\u{303}n",
    "no",
    "yes",
    "on",
    "off",
    "~",
    "null",
    "1.0",
    "2026-11-28",
    "1_000",
    "0x1F",
    ".5",
    "+1",
    "y",
    "\"",
    "'",
    "\\",
    "\n",
    "\t",
    "\r",
    "\u{1b}",
    "\u{0}",
    "\u{7f}",
    "\u{85}",
    "\u{2028}",
    "\u{feff}",
    ": ",
    " #",
    "- ",
    "? ",
    "&a *a !t |>",
    "%@`",
    "[{,}]",
    " ",
    "🇻🇳",
];

/// A random text of a few pieces.
fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => prop::sample::select(&PIECES[..]).prop_map(str::to_owned),
        1 => "[a-zA-Z0-9 .,;:/()-]{1,8}",
    ];
    prop::collection::vec(piece, 0..7).prop_map(|pieces| pieces.concat())
}

/// Random values read in turn to build a visit; shrinking them shrinks the visit.
#[derive(Debug, Clone)]
struct Tape {
    texts: Vec<String>,
    numbers: Vec<u32>,
}

struct Reader<'t> {
    tape: &'t Tape,
    next_text: usize,
    next_number: usize,
}

impl Reader<'_> {
    fn text(&mut self) -> String {
        let text = self.tape.texts[self.next_text % self.tape.texts.len()].clone();
        self.next_text += 1;
        text
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.bits()).expect("u32 fits usize") % n
    }

    fn bits(&mut self) -> u32 {
        let number = self.tape.numbers[self.next_number % self.tape.numbers.len()];
        self.next_number += 1;
        number
    }

    fn coin(&mut self) -> bool {
        self.below(2) == 1
    }

    fn pick<T: Clone>(&mut self, choices: &[T]) -> T {
        choices[self.below(choices.len())].clone()
    }

    /// A moment between 2023 and 2030, to the second, in one of a few offsets.
    fn stamp(&mut self) -> Stamp {
        let second = 1_700_000_000 + i64::try_from(self.below(200_000_000)).expect("small");
        let offset = self.pick(&[7 * 3600, 0, -(5 * 3600 + 1800), 5 * 3600 + 2700]);
        Stamp {
            instant: jiff::Timestamp::from_second(second).expect("a valid time"),
            offset: jiff::tz::Offset::from_seconds(offset).expect("a valid offset"),
        }
    }
}

/// Every answer an item accepts, and no answer.
fn answers(item: &Item) -> Vec<Option<Answer>> {
    let mut all = vec![None];
    match item.kind {
        ItemKind::Points => {
            let steps = (item.max_points() / item.step())
                .trunc()
                .to_string()
                .parse::<u32>()
                .expect("a whole number of steps");
            for k in 0..=steps {
                all.push(Some(Answer::Points(
                    (item.step() * Decimal::from(k)).normalize(),
                )));
            }
        }
        ItemKind::Check => all.extend([Some(Answer::Pass), Some(Answer::Fail)]),
        ItemKind::Levels => all.extend((0..item.levels.len()).map(|i| Some(Answer::Level(i)))),
    }
    if item.na {
        all.push(Some(Answer::NotApplicable));
    }
    for answer in all.iter().flatten() {
        assert_eq!(item.accepts(answer), Ok(()), "{} {answer:?}", item.id);
    }
    all
}

fn random_edit(read: &mut Reader<'_>, rubric: &Rubric, seq: u64) -> Edit {
    let items: Vec<&Item> = rubric.items().collect();
    let item = items[read.below(items.len())];
    let statuses = [Status::Draft, Status::Finalized];
    match read.below(6) {
        0 if seq == 1 => Edit::Created,
        0 | 1 => {
            let choices = answers(item);
            Edit::Answer {
                item: item.id.clone(),
                from: read.pick(&choices),
                to: read.pick(&choices),
            }
        }
        2 => Edit::Note {
            item: item.id.clone(),
            from: read.text(),
            to: read.text(),
        },
        3 => Edit::Finding {
            field: read.pick(&FindingField::all().collect::<Vec<_>>()),
            from: read.text(),
            to: read.text(),
        },
        4 => Edit::Status {
            from: read.pick(&statuses),
            to: read.pick(&statuses),
            reason: read.coin().then(|| read.text()),
        },
        _ => Edit::Trash { to: read.coin() },
    }
}

/// The sequence number of a change before `seq`.
fn earlier(read: &mut Reader<'_>, seq: u64) -> u64 {
    let before = usize::try_from(seq - 1).expect("small");
    1 + u64::try_from(read.below(before)).expect("small")
}

fn random_record(tape: &Tape, rubrics: &[Rubric]) -> VisitRecord {
    let mut read = Reader {
        tape,
        next_text: 0,
        next_number: 0,
    };
    let rubric = read.pick(rubrics);
    let mut responses = BTreeMap::new();
    for item in rubric.items() {
        let response = Response {
            answer: read.pick(&answers(item)),
            note: if read.coin() {
                read.text()
            } else {
                String::new()
            },
            by: read.text(),
            at: read.stamp(),
        };
        // A response with neither answer nor note is not stored, nor written.
        if !response.is_empty() {
            responses.insert(item.id.clone(), response);
        }
    }
    let mut findings = Findings::default();
    for field in FindingField::all() {
        *findings.get_mut(field) = read.text();
    }
    let team = (0..read.below(4))
        .map(|_| Member {
            name: read.text(),
            role: read.pick(&Role::ALL),
            position: read.text(),
            agency: read.text(),
        })
        .collect();
    let id_bits = (0..4).fold(0u128, |bits, _| (bits << 32) | u128::from(read.bits()));
    let date = jiff::civil::Date::new(
        2000 + i16::try_from(read.below(100)).expect("small"),
        1 + i8::try_from(read.below(12)).expect("small"),
        1 + i8::try_from(read.below(28)).expect("small"),
    )
    .expect("a valid date");
    let visit = Visit {
        id: ulid::Ulid::from(id_bits).to_string(),
        unit: Unit {
            name: read.text(),
            kind: read.pick(&UnitKind::ALL),
            address: read.text(),
        },
        date,
        team,
        status: read.pick(&[Status::Draft, Status::Finalized]),
        created_at: read.stamp(),
        updated_at: read.stamp(),
        finalized_at: read.coin().then(|| read.stamp()),
        findings,
        rubric: RubricRef {
            id: rubric.id.clone(),
            version: rubric.version.clone(),
            digest: onsite::service::digest(&rubric),
        },
        deleted_at: read.coin().then(|| read.stamp()),
        follow_up_of: None,
        actions: Vec::new(),
        attachments: Vec::new(),
    };
    let count = u64::try_from(read.below(12)).expect("small");
    let history = (1..=count)
        .map(|seq| Change {
            seq,
            at: read.stamp(),
            by: read.text(),
            kind: match read.below(3) {
                0 if seq > 1 => ChangeKind::Undo {
                    of: earlier(&mut read, seq),
                },
                1 if seq > 1 => ChangeKind::Redo {
                    of: earlier(&mut read, seq),
                },
                _ => ChangeKind::Do,
            },
            edit: random_edit(&mut read, &rubric, seq),
        })
        .collect();
    VisitRecord {
        state: VisitState { visit, responses },
        rubric,
        history,
    }
}

fn tape() -> impl Strategy<Value = Tape> {
    (
        prop::collection::vec(text(), 1..48),
        prop::collection::vec(any::<u32>(), 1..256),
    )
        .prop_map(|(texts, numbers)| Tape { texts, numbers })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn random_visits_survive_to_yaml_and_parse(tape in tape()) {
        let rubrics = [rubric(CO_QUAN), rubric(CONG_SO)];
        let record = random_record(&tape, &rubrics);
        let yaml = document::to_yaml(&record);
        let back = match document::parse(&yaml) {
            Ok(back) => back,
            Err(error) => {
                let lines: Vec<&str> = yaml.lines().collect();
                let problems: Vec<String> = error
                    .problems
                    .iter()
                    .map(|p| {
                        let line = p
                            .position
                            .and_then(|at| lines.get(at.line.saturating_sub(1)))
                            .copied()
                            .unwrap_or_default();
                        format!("{:?}: {} [{line:?}]", p.position, p.message)
                    })
                    .collect();
                return Err(TestCaseError::fail(format!("refused its own document: {problems:?}")));
            }
        };
        prop_assert_eq!(&back, &record);
        prop_assert_eq!(document::to_yaml(&back), yaml);
    }
}

// ---------------------------------------------------------------------- known src bugs

/// YAML allows neither U+FFFE nor U+FFFF anywhere in a stream, quoted or not; a note typed
/// or pasted with one must still export to a file every reader (onsite's own included) reads.
#[test]
fn a_note_with_a_noncharacter_survives_the_document() {
    let text = std::fs::read_to_string(GOOD_VISIT).expect("read the good visit");
    let mut record = document::parse(&text).expect("the good visit parses");
    for (item, note) in [("1.1", "a\u{fffe}b"), ("1.3", "c\u{ffff}d")] {
        let response = record
            .state
            .responses
            .get_mut(item)
            .expect("an answered item");
        note.clone_into(&mut response.note);
    }
    let yaml = document::to_yaml(&record);
    let back = document::parse(&yaml).expect("onsite reads its own export");
    assert_eq!(back, record);
}

// ---------------------------------------------------------------------- the format's words

/// Issue 20, point 1: every word the document writes, byte for byte. These are the format:
/// a change here breaks every file written so far, so it must be a deliberate format change,
/// never a side effect of rewording the interface.
#[test]
fn the_format_words_are_pinned() {
    use document::words;
    use onsite::domain::action::ActionStatus;
    use onsite::domain::history::ActionField;
    let kinds = [
        (UnitKind::CoQuan, "cơ quan"),
        (UnitKind::DonVi, "đơn vị"),
        (UnitKind::DoanhNghiep, "doanh nghiệp"),
    ];
    for (kind, word) in kinds {
        assert_eq!(words::kind_word(kind), word);
        assert_eq!(words::kind_from_word(word), Some(kind));
    }
    let roles = [
        (Role::TruongDoan, "trưởng đoàn"),
        (Role::PhoTruongDoan, "phó trưởng đoàn"),
        (Role::ThanhVien, "thành viên"),
        (Role::ThuKy, "thư ký"),
    ];
    assert_eq!(roles.len(), Role::ALL.len());
    for (role, word) in roles {
        assert_eq!(words::role_word(role), word);
        assert_eq!(words::role_from_word(word), Some(role));
    }
    for (status, word) in [(Status::Draft, "draft"), (Status::Finalized, "finalized")] {
        assert_eq!(words::status_word(status), word);
        assert_eq!(words::status_from_word(word), Some(status));
    }
    for (status, word) in [(ActionStatus::Open, "open"), (ActionStatus::Done, "done")] {
        assert_eq!(words::action_status_word(status), word);
        assert_eq!(words::action_status_from_word(word), Some(status));
    }
    let fields = [
        (ActionField::Text, "text"),
        (ActionField::Owner, "owner"),
        (ActionField::Due, "due"),
    ];
    for (field, word) in fields {
        assert_eq!(words::action_field_word(field), word);
        assert_eq!(words::action_field_from_word(word), Some(field));
    }
    let keys = [
        (FindingField::Strengths, "strengths"),
        (FindingField::Shortcomings, "shortcomings"),
        (FindingField::Recommendations, "recommendations"),
        (FindingField::Conclusion, "conclusion"),
        (FindingField::Body, "body"),
        (FindingField::Number, "number"),
        (FindingField::Basis, "basis"),
        (FindingField::Place, "place"),
        (FindingField::Started, "started"),
        (FindingField::Ended, "ended"),
        (FindingField::Representatives, "representatives"),
        (FindingField::GoverningBody, "governing_body"),
        (FindingField::Locality, "locality"),
        (FindingField::UnitComments, "unit_comments"),
        (FindingField::Recipients, "recipients"),
        (FindingField::Copies, "copies"),
        (FindingField::Recognition, "recognition"),
        (FindingField::Registered, "registered"),
        (FindingField::Period, "period"),
    ];
    assert_eq!(keys.len(), FindingField::all().count());
    for (field, key) in keys {
        assert_eq!(words::finding_key(field), key);
        assert_eq!(words::finding_from_key(key), Some(field));
    }
}

/// Issue 20, point 1, continued: the verdicts, answers and history changes.
#[test]
fn the_format_words_of_answers_verdicts_and_changes_are_pinned() {
    use document::words::{self, change};
    use onsite::domain::scoring::Verdict;
    let verdicts = [
        (Verdict::Incomplete, "incomplete"),
        (Verdict::Pass, "pass"),
        (Verdict::Fail, "fail"),
    ];
    for (verdict, word) in verdicts {
        assert_eq!(words::verdict_word(verdict), word);
    }
    assert_eq!(
        [words::PASS, words::FAIL, words::NOT_APPLICABLE],
        ["pass", "fail", "n/a"]
    );
    assert_eq!(
        [
            change::CREATED,
            change::ANSWER,
            change::NOTE,
            change::FINDING,
            change::STATUS,
            change::TRASH,
            change::ACTION_ADD,
            change::ACTION_REMOVE,
            change::ACTION_SET,
            change::ACTION_STATUS,
        ],
        [
            "created",
            "answer",
            "note",
            "finding",
            "status",
            "trash",
            "action_add",
            "action_remove",
            "action_set",
            "action_status",
        ]
    );
    // A file saved decomposed (NFD) by an editor reads as the same word; nothing else does.
    assert_eq!(
        words::kind_from_word("co\u{31b} quan"),
        Some(UnitKind::CoQuan)
    );
    assert_eq!(words::kind_from_word("agency"), None);
    assert_eq!(words::role_from_word("team leader"), None);
}

/// The summary's reasons are derived (import ignores them) but still bytes of the file: the
/// document words them itself, as the first release did.
#[test]
fn the_summary_reasons_are_worded_by_the_format() {
    use onsite::domain::scoring::Reason;
    let reasons = [
        (Reason::Unanswered { count: 3 }, "còn 3 tiêu chí chưa chấm"),
        (
            Reason::ScoreBelowPass {
                score: Decimal::new(4_125, 2),
                min: Decimal::new(500, 1),
            },
            "tổng điểm 41.3 thấp hơn mức đạt 50",
        ),
        (
            Reason::SectionBelowMinimum {
                section: "II".into(),
                percent: Decimal::new(4_449, 2),
                min: Decimal::from(50),
            },
            "tiêu chuẩn II chỉ đạt 44.5%, dưới mức tối thiểu 50%",
        ),
        (
            Reason::CriticalFailed {
                item: "2.16".into(),
            },
            "không đạt tiêu chí bắt buộc 2.16",
        ),
        (
            Reason::NothingApplicable,
            "mọi tiêu chí đều không áp dụng: không có gì để chấm",
        ),
    ];
    for (reason, text) in reasons {
        assert_eq!(document::words::reason(&reason), text);
    }
}

/// Issue 20, point 1: the document takes no word from the translation tables. Proved on the
/// source: no file of the document module names `strings`, so rewording the interface
/// cannot reach a file; and the interface's words do differ from the format's where they
/// may (English), so the two are not one table by accident.
#[test]
fn the_format_words_do_not_come_from_the_translation_tables() {
    let mut sources = vec![Path::new("src/document.rs").to_path_buf()];
    let mut folders = vec![Path::new("src/document").to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).expect("src/document") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                folders.push(path);
            } else {
                sources.push(path);
            }
        }
    }
    for source in &sources {
        let text = std::fs::read_to_string(source).expect("read the source");
        for line in text.lines() {
            let code = line.split("//").next().unwrap_or_default();
            assert!(
                !code.contains("strings::") && !code.contains("texts(Lang"),
                "{}: the document takes a word from the interface: {line}",
                source.display()
            );
        }
    }
    let english = onsite::strings::texts(onsite::domain::rubric::Lang::En);
    for kind in UnitKind::ALL {
        assert_ne!(english.unit_kind(kind), document::kind_word(kind));
    }
    for role in Role::ALL {
        assert_ne!(english.role(role), document::role_word(role));
    }
}

// ------------------------------------------------------------------- the rubric's digest

/// The committed documents written before the canonical digest: their (legacy) digest, the
/// one the file says.
fn committed_documents() -> Vec<(String, VisitRecord, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut paths = vec![dir.join("good-visit.yaml")];
    let mut exports: Vec<_> = std::fs::read_dir(dir.join("store-v2-export"))
        .expect("the store-v2 export fixtures")
        .map(|entry| entry.expect("a fixture").path())
        .collect();
    exports.sort();
    paths.extend(exports);
    paths
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).expect("a fixture reads");
            let record = document::parse(&text).expect("a committed document reads");
            let digest = record.state.visit.rubric.digest.clone();
            (path.display().to_string(), record, digest)
        })
        .collect()
}

/// Issue 20, point 2: documents written before the canonical digest keep reading. Their
/// digest is the YAML library's output hashed; this pins it, so an upgrade of that library
/// that would change it (and so refuse every such file) fails here first.
#[test]
fn the_committed_documents_legacy_digests_still_match() {
    for (path, record, digest) in committed_documents() {
        assert_eq!(
            onsite::service::legacy_digest(&record.rubric),
            digest,
            "{path}: the YAML library's output changed; freeze the legacy digest before \
             upgrading it"
        );
        assert!(
            onsite::service::digest_matches(&digest, &record.rubric),
            "{path}"
        );
        assert_ne!(onsite::service::digest(&record.rubric), digest, "{path}");
    }
}

/// The canonical digest: RFC 8785 JSON of the typed rubric, pinned for the fixture's rubric
/// (a change here changes every new document's digest: a format change, on purpose only).
#[test]
fn the_canonical_digest_is_pinned() {
    let (_, record, _) = committed_documents().remove(0);
    let canonical = serde_json_canonicalizer::to_string(&record.rubric).expect("JSON");
    assert!(canonical.starts_with('{') && !canonical.contains('\n'));
    assert_eq!(
        onsite::service::digest(&record.rubric),
        PINNED_CANONICAL_DIGEST
    );
}

const PINNED_CANONICAL_DIGEST: &str =
    "sha256:0fedfab4053f1358d41d46794c624aa1a07a28c0dad91c05831a51dc3787a23f";

/// A document carrying the canonical digest reads; an edited copy is refused whichever digest
/// it carries; a reworded YAML (key order, quoting, comments) has the same canonical digest.
#[test]
fn either_digest_is_accepted_and_an_edited_copy_is_refused_either_way() {
    let (_, record, legacy) = committed_documents().remove(0);
    let mut current = record.clone();
    current.state.visit.rubric.digest = onsite::service::digest(&record.rubric);
    let yaml = document::to_yaml(&current);
    let back = document::parse(&yaml).expect("a canonical digest reads");
    assert_eq!(back, current);
    for digest in [legacy, onsite::service::digest(&record.rubric)] {
        let mut carrying = record.clone();
        carrying.state.visit.rubric.digest = digest;
        let yaml = document::to_yaml(&carrying);
        // The copy's title, edited in the file.
        let copy = yaml.find("rubric_copy:").expect("a rubric copy");
        let title = copy + yaml[copy..].find("title: \"").expect("its title") + 8;
        let edited = format!("{}(sửa) {}", &yaml[..title], &yaml[title..]);
        let error = document::parse(&edited).expect_err("refused");
        assert!(error.to_string().contains("the copy was edited"), "{error}");
    }
}
