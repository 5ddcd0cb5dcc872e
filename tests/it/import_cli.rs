//! Black-box tests of `onsite import` and `onsite export`: every file of
//! `tests/fixtures/bad-visits/` is refused with `FILE:LINE:COL: message` (or `FILE: message`
//! when there is no position) and changes nothing; a folder imports its good files and
//! reports its bad ones; importing twice changes nothing; only the folder's own `*.yaml`
//! files are read and a symbolic link is refused; the CSV export opens in Excel with its
//! Vietnamese intact; an export that cannot be written says so and leaves nothing behind; a
//! file that is not a visit document at all (a workbook, a Word file, a CSV, a PDF, a ZIP,
//! random bytes, a YAML mapping of another kind) is named for what it is.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rstest::rstest;

use crate::support::files::{files, ignores_permissions, names};
use crate::support::sandbox::{CO_QUAN, CONG_SO, LAN, Run, Sandbox};

/// The committed export every bad fixture was broken from (see `make-bad-visits.py`), by its
/// path from the package root, where these tests run `onsite`.
const GOOD_VISIT: &str = "tests/fixtures/good-visit.yaml";
const GOOD_VISIT_ID: &str = "01M8H00G09WAWN13KGF42BJPMN";
const BAD_VISITS: &str = "tests/fixtures/bad-visits";

/// A store holding the good fixture visit (so a broken copy of it has something to spoil)
/// and a visit made here.
fn populated() -> Sandbox {
    let sandbox = Sandbox::new().running_from_crate_root();
    let report = sandbox.ok_quiet(&["import", GOOD_VISIT]);
    assert_eq!(
        report,
        "1 new, 0 merged, 0 written, 0 unchanged, 0 conflicts, 0 rejected\n"
    );
    let id = sandbox.new_visit(CONG_SO, "Sở Văn hóa, Thể thao và Du lịch", &[]);
    sandbox.ok_quiet(&["score", &id, "1.1", "pass", "--note", "Đạt"]);
    sandbox
}

fn summary(new: usize, unchanged: usize, rejected: usize) -> String {
    format!(
        "{new} new, 0 merged, 0 written, {unchanged} unchanged, 0 conflicts, {rejected} rejected\n"
    )
}

/// One problem line of a refused file: its position, if any, and its message.
#[derive(Debug)]
struct Problem {
    position: Option<(usize, usize)>,
    message: String,
}

/// Splits `FILE:LINE:COL: message` or `FILE: message`; panics on any other shape.
fn problems(stderr: &str, file: &str) -> Vec<Problem> {
    stderr
        .lines()
        .map(|line| {
            let rest = line
                .strip_prefix(file)
                .unwrap_or_else(|| panic!("{line:?} does not start with {file}"));
            if let Some(message) = rest.strip_prefix(": ") {
                return Problem {
                    position: None,
                    message: message.to_owned(),
                };
            }
            let mut parts = rest.splitn(4, ':');
            let (Some(""), Some(row), Some(column), Some(message)) =
                (parts.next(), parts.next(), parts.next(), parts.next())
            else {
                panic!("{line:?} is neither FILE:LINE:COL: message nor FILE: message");
            };
            let number = |text: &str| {
                text.parse::<usize>()
                    .unwrap_or_else(|_| panic!("{line:?}: {text:?} is not a number"))
            };
            Problem {
                position: Some((number(row), number(column))),
                message: message
                    .strip_prefix(' ')
                    .unwrap_or_else(|| panic!("{line:?}: no space after the position"))
                    .to_owned(),
            }
        })
        .collect()
}

/// The 1-based line of the first line of `path` that contains `marker`.
fn line_of(path: &str, marker: &str) -> usize {
    let text = fs::read_to_string(path).expect("read the fixture");
    let index = text
        .lines()
        .position(|line| line.contains(marker))
        .unwrap_or_else(|| panic!("{marker:?} is not in {path}"));
    index + 1
}

/// Imports `file` into a populated store and checks the refusal: exit 1, the summary on
/// stdout, a problem whose message contains `message` at a line up to six lines above the
/// line holding `near` (the key of the entry at fault, or the broken line itself), or at
/// no position; and the store as it was.
fn assert_refused(file: &str, message: &str, near: Option<&str>) -> Run {
    let sandbox = populated();
    let before = sandbox.snapshot();
    let started = Instant::now();
    let run = sandbox.run(&["import", file]);
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "{file} took {:?}",
        started.elapsed()
    );
    assert_eq!(run.code, Some(1), "{run:?}");
    assert_eq!(run.stdout, summary(0, 0, 1), "{run:?}");
    let found = problems(&run.stderr, file);
    let problem = found
        .iter()
        .find(|p| p.message.contains(message))
        .unwrap_or_else(|| panic!("no problem says {message:?}: {found:?}"));
    match (near, problem.position) {
        (None, position) => assert_eq!(position, None, "{problem:?}"),
        (Some(_), None) => panic!("{problem:?} has no position"),
        (Some(marker), Some((line, column))) => {
            let broken = line_of(file, marker);
            assert!(
                (broken.saturating_sub(6)..=broken).contains(&line) && column >= 1,
                "{problem:?} should point at or just above line {broken} ({marker:?})"
            );
        }
    }
    assert_eq!(sandbox.snapshot(), before, "{file} changed the store");
    run
}

fn bad(name: &str) -> String {
    format!("{BAD_VISITS}/{name}")
}

#[rstest]
#[case::truncated(
    "truncated.yaml",
    "found unexpected end of stream",
    Some("note: \"Đạt 9/10")
)]
#[case::wrong_format(
    "wrong-format.yaml",
    "format is \"onsite-visit/2\"; expected `onsite-visit/1`",
    Some("format: onsite-visit/2")
)]
#[case::unknown_key(
    "unknown-key.yaml",
    "unknown field `inspector_notes`",
    Some("inspector_notes:")
)]
#[case::unknown_item(
    "unknown-item.yaml",
    "item \"9.9\" is not in the rubric copy",
    Some("\"9.9\":")
)]
#[case::score_out_of_range(
    "score-out-of-range.yaml",
    "item 1.1: the score must be between 0 and 5",
    Some("score: 7")
)]
#[case::score_off_step(
    "score-off-step.yaml",
    "item 1.1: the score must be a multiple of 0.5",
    Some("score: 4.3")
)]
#[case::na_not_allowed(
    "na-not-allowed.yaml",
    "item 1.1: this item may not be marked not applicable",
    Some("na: true")
)]
#[case::unknown_level(
    "unknown-level.yaml",
    "is not an answer to item 1.3",
    Some("answer: \"Xuất sắc\"")
)]
#[case::rubric_copy_edited(
    "rubric-copy-edited.yaml",
    "rubric id, version or digest does not match rubric_copy: the copy was edited",
    Some("digest:")
)]
#[case::alias_bomb("alias-bomb.yaml", "repetition limit exceeded", None)]
#[case::binary_junk(
    "binary-junk.yaml",
    "not an onsite visit file (onsite-visit/1) but binary data, not text",
    None
)]
#[case::empty(
    "empty.yaml",
    "the file is empty; a visit document starts with `format: onsite-visit/1`",
    None
)]
#[case::duplicate_item("duplicate-item.yaml", "1.1", Some("by: \"Mallory\""))]
#[case::duplicate_seq("duplicate-seq.yaml", "seq", Some("change: answer"))]
#[case::history_answer_out_of_range("history-answer-out-of-range.yaml", "1.1", Some("from: 99"))]
fn a_bad_file_is_refused_with_its_position_and_changes_nothing(
    #[case] name: &str,
    #[case] message: &str,
    #[case] near: Option<&str>,
) {
    assert_refused(&bad(name), message, near);
}

/// Every fixture in the folder is covered by a case above, and described in its README.
#[test]
fn every_bad_fixture_is_tested_and_described() {
    let readme = fs::read_to_string(bad("README.md")).expect("read the README");
    let source = fs::read_to_string(file!()).expect("read this file");
    for name in files(Path::new(BAD_VISITS)).keys() {
        if name == "README.md" {
            continue;
        }
        assert!(readme.contains(&format!("`{name}`")), "{name} in README.md");
        assert!(source.contains(&format!("\"{name}\"")), "{name} has a case");
    }
}

#[test]
fn an_unknown_level_is_named_plainly() {
    let run = assert_refused(
        &bad("unknown-level.yaml"),
        "is not an answer to item 1.3",
        Some("answer: \"Xuất sắc\""),
    );
    assert!(run.stderr.contains("\"Xuất sắc\""), "{}", run.stderr);
    assert!(!run.stderr.contains("Text("), "{}", run.stderr);
}

#[test]
fn a_file_over_the_size_limit_is_refused_unread() {
    let sandbox = populated();
    let good = fs::read_to_string(GOOD_VISIT).expect("read the good visit");
    let big = sandbox.path("big.yaml");
    // The good visit with ten megabytes of comment after it: valid YAML, far too big.
    let padding = format!("# {}\n", "x".repeat(1024 - 3)).repeat(10 * 1024);
    fs::write(&big, good + &padding).expect("write the big file");
    let file = big.to_str().expect("a UTF-8 path");
    let run = assert_refused(file, "over the 4194304-byte limit", None);
    assert!(run.stderr.contains("the file is 10"), "{}", run.stderr);
}

#[test]
fn importing_the_same_file_twice_changes_nothing_the_second_time() {
    let sandbox = populated();
    let before = sandbox.snapshot();
    assert!(sandbox.ids().contains(&GOOD_VISIT_ID.to_owned()));
    let run = sandbox.run(&["import", GOOD_VISIT]);
    assert_eq!(run.code, Some(0), "{run:?}");
    assert_eq!(run.stdout, summary(0, 1, 0));
    assert_eq!(run.stderr, "");
    assert_eq!(sandbox.snapshot(), before);
}

/// Exports `count` new visits of a fresh store into `dir`; their ids and files, in order.
fn exports(count: usize, dir: &Path) -> Vec<(String, PathBuf)> {
    let source = Sandbox::new().running_from_crate_root();
    let ids: Vec<String> = (0..count)
        .map(|n| source.new_visit(CO_QUAN, &format!("Đơn vị số {n}"), &[]))
        .collect();
    let mut args = vec!["export".to_owned(), "--out".to_owned()];
    args.push(dir.to_str().expect("a UTF-8 path").to_owned());
    args.extend(ids.iter().cloned());
    source.ok_quiet(&args);
    ids.into_iter()
        .map(|id| {
            let suffix = format!("_{}.yaml", id.to_ascii_lowercase());
            let name = files(dir)
                .into_keys()
                .find(|name| name.ends_with(&suffix))
                .expect("the visit's file");
            (id, dir.join(name))
        })
        .collect()
}

/// The fixtures that are refused today.
const REFUSED: [&str; 12] = [
    "truncated.yaml",
    "wrong-format.yaml",
    "unknown-key.yaml",
    "unknown-item.yaml",
    "score-out-of-range.yaml",
    "score-off-step.yaml",
    "na-not-allowed.yaml",
    "unknown-level.yaml",
    "rubric-copy-edited.yaml",
    "alias-bomb.yaml",
    "binary-junk.yaml",
    "empty.yaml",
];

#[test]
fn a_folder_imports_its_good_files_and_reports_its_bad_ones() {
    let sandbox = Sandbox::new().running_from_crate_root();
    let folder = sandbox.path("usb");
    let good = exports(2, &folder);
    fs::copy(GOOD_VISIT, folder.join("good-visit.yaml")).expect("copy the good visit");
    for name in REFUSED {
        fs::copy(bad(name), folder.join(name)).expect("copy a bad fixture");
    }
    let run = sandbox.run(&["import", folder.to_str().expect("a UTF-8 path")]);
    assert_eq!(run.code, Some(1), "{run:?}");
    assert_eq!(run.stdout, summary(3, 0, REFUSED.len()), "{run:?}");
    for name in REFUSED {
        let file = folder.join(name);
        let prefix = format!("{}:", file.display());
        assert!(
            run.stderr.lines().any(|line| line.starts_with(&prefix)),
            "{name} is not reported: {}",
            run.stderr
        );
    }
    let mut expected: Vec<String> = good.into_iter().map(|(id, _)| id).collect();
    expected.push(GOOD_VISIT_ID.to_owned());
    expected.sort();
    let mut ids = sandbox.ids();
    ids.sort();
    assert_eq!(ids, expected);
}

#[test]
fn a_folder_import_reads_only_its_own_yaml_files_and_refuses_links() {
    let sandbox = Sandbox::new().running_from_crate_root();
    let made = exports(5, &sandbox.path("made"));
    let folder = sandbox.path("usb");
    fs::create_dir_all(folder.join("sub")).expect("create the folders");
    let place = |index: usize, name: &str| {
        fs::copy(&made[index].1, folder.join(name)).expect("copy an export");
    };
    place(0, "a.yaml");
    place(1, "sub/b.yaml");
    place(2, ".hidden.yaml");
    place(3, "c.yml");
    // A link named like a visit file, pointing outside the folder.
    std::os::unix::fs::symlink(&made[4].1, folder.join("x.yaml")).expect("make a symlink");

    // In a folder the link is skipped with a warning (issue 13: never blocks, not a failure).
    let run = sandbox.run(&["import", folder.to_str().expect("a UTF-8 path")]);
    assert_eq!(run.code, Some(0), "{run:?}");
    assert_eq!(run.stdout, summary(1, 0, 0), "{run:?}");
    let link = folder.join("x.yaml");
    assert_eq!(
        run.stderr,
        format!(
            "warning: {}: is a symbolic link; skipped (copy the file itself)\n",
            link.display()
        )
    );
    assert_eq!(sandbox.ids(), vec![made[0].0.clone()]);

    // Named on its own, the link is refused too.
    let before = sandbox.snapshot();
    let file = link.to_str().expect("a UTF-8 path");
    let run = assert_refused_in(&sandbox, file);
    assert!(run.stderr.contains("is a symbolic link"), "{run:?}");
    assert_eq!(sandbox.snapshot(), before);
}

/// `import FILE` refused in `sandbox`: exit 1, the summary, each line naming the file.
fn assert_refused_in(sandbox: &Sandbox, file: &str) -> Run {
    let run = sandbox.run(&["import", file]);
    assert_eq!(run.code, Some(1), "{run:?}");
    assert_eq!(run.stdout, summary(0, 0, 1), "{run:?}");
    assert!(!problems(&run.stderr, file).is_empty());
    run
}

#[test]
/// Windows Notepad and Excel start a UTF-8 file with a byte-order mark; YAML allows one.
fn a_document_saved_with_a_byte_order_mark_imports() {
    let sandbox = Sandbox::new().running_from_crate_root();
    let bom = sandbox.path("notepad.yaml");
    let good = fs::read(GOOD_VISIT).expect("read the good visit");
    fs::write(&bom, [b"\xEF\xBB\xBF".as_slice(), &good].concat()).expect("write");
    let run = sandbox.run(&["import", bom.to_str().expect("a UTF-8 path")]);
    assert_eq!(run.code, Some(0), "{run:?}");
    assert_eq!(run.stdout, summary(1, 0, 0), "{run:?}");
    assert_eq!(sandbox.ids(), vec![GOOD_VISIT_ID.to_owned()]);
}

// ------------------------------------------------------ files that are not visit documents

/// A file of `kind` that is not a visit document, made by onsite itself where it can be
/// (in `source`, a store of one visit); its path.
fn foreign_file(source: &Sandbox, kind: &str) -> String {
    let out = source.path("files");
    let out_arg = out.to_str().expect("a UTF-8 path").to_owned();
    fs::create_dir_all(&out).expect("create the folder");
    let visit = source.new_visit(CO_QUAN, "Cục Quản lý thị trường tỉnh Hà Tĩnh", &[]);
    let path = match kind {
        "xlsx" => {
            source.ok_quiet(&["export", "--format", "xlsx", "--out", &out_arg]);
            out.join("onsite-visits.xlsx")
        }
        "docx" => {
            let path = out.join("bien-ban.docx");
            let path_arg = path.to_str().expect("a UTF-8 path");
            source.ok_quiet(&["report", &visit, "--format", "docx", "-o", path_arg]);
            path
        }
        "csv" => {
            source.ok_quiet(&["export", "--format", "csv", "--out", &out_arg]);
            out.join("visits.csv")
        }
        "csv-named-yaml" => {
            source.ok_quiet(&["export", "--format", "csv", "--out", &out_arg]);
            let path = out.join("answers.yaml");
            fs::rename(out.join("answers.csv"), &path).expect("rename");
            path
        }
        "zip" => {
            // An empty archive: its end-of-directory record alone.
            let path = out.join("backup.zip");
            let mut bytes = b"PK\x05\x06".to_vec();
            bytes.resize(22, 0);
            fs::write(&path, bytes).expect("write");
            path
        }
        "pdf" => {
            let path = out.join("bien-ban.pdf");
            fs::write(
                &path,
                b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n",
            )
            .expect("write");
            path
        }
        "random" => {
            // Fixed pseudo-random bytes (a linear congruential generator), named like a visit.
            let path = out.join("random.yaml");
            let mut state: u32 = 2_463_534_242;
            let bytes: Vec<u8> = (0..4096)
                .map(|_| {
                    state = state.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
                    state.to_be_bytes()[0]
                })
                .collect();
            fs::write(&path, bytes).expect("write");
            path
        }
        "no-format" => {
            let path = out.join("visit.yaml");
            let text = format!("id: {GOOD_VISIT_ID}\nunit:\n  name: \"Sở Nội vụ\"\n");
            fs::write(&path, text).expect("write");
            path
        }
        "rubric" => {
            let path = out.join("van-hoa-cong-so.yaml");
            fs::copy("rubrics/van-hoa-cong-so.yaml", &path).expect("copy the rubric");
            path
        }
        other => panic!("no file of kind {other}"),
    };
    path.to_str().expect("a UTF-8 path").to_owned()
}

#[rstest]
#[case::xlsx("xlsx", "an Excel workbook (.xlsx)")]
#[case::docx("docx", "a Word document (.docx)")]
#[case::csv("csv", "a CSV table")]
#[case::csv_named_yaml("csv-named-yaml", "a CSV table")]
#[case::zip("zip", "a ZIP archive")]
#[case::pdf("pdf", "a PDF file")]
#[case::random("random", "binary data, not text")]
#[case::no_format("no-format", "a YAML file without `format: onsite-visit/1`")]
#[case::rubric(
    "rubric",
    "a rubric (onsite-rubric/1): copy it into your rubrics folder"
)]
fn a_file_that_is_not_a_visit_document_is_named_for_what_it_is(
    #[case] kind: &str,
    #[case] what: &str,
) {
    let source = Sandbox::new().running_from_crate_root();
    let file = foreign_file(&source, kind);
    let run = assert_refused(
        &file,
        &format!("not an onsite visit file (onsite-visit/1) but {what}"),
        None,
    );
    assert_eq!(run.stderr.lines().count(), 1, "{run:?}");
    assert!(
        run.stderr
            .contains("import a .yaml file written by `onsite export` or `onsite sync`"),
        "what to do: {run:?}"
    );
    for serde_words in ["unknown field", "missing field", "invalid type", "expected"] {
        assert!(!run.stderr.contains(serde_words), "{run:?}");
    }
}

#[test]
fn a_workbook_is_refused_in_vietnamese_by_default() {
    let source = Sandbox::new().running_from_crate_root();
    let file = foreign_file(&source, "xlsx");
    let sandbox = populated();
    let before = sandbox.snapshot();
    let output = sandbox
        .onsite_in_default_lang()
        .args(["import", &file])
        .output()
        .expect("run onsite");
    let stderr = String::from_utf8(output.stderr).expect("UTF-8");
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert_eq!(
        stderr,
        format!(
            "{file}: không phải tệp lần kiểm tra của onsite (onsite-visit/1) mà là một bảng \
             tính Excel (.xlsx); hãy nhập tệp .yaml do `onsite export` hoặc `onsite sync` tạo \
             ra\n"
        )
    );
    assert_eq!(
        String::from_utf8(output.stdout).expect("UTF-8"),
        "0 mới, 0 đã gộp, 0 đã ghi, 0 không đổi, 0 xung đột, 1 bị từ chối\n"
    );
    assert_eq!(sandbox.snapshot(), before);
}

#[test]
fn a_workbook_beside_a_good_visit_leaves_the_good_one_imported() {
    let source = Sandbox::new().running_from_crate_root();
    let file = foreign_file(&source, "xlsx");
    let sandbox = Sandbox::new().running_from_crate_root();
    let run = sandbox.run(&["import", GOOD_VISIT, &file]);
    assert_eq!(run.code, Some(1), "{run:?}");
    assert_eq!(run.stdout, summary(1, 0, 1), "{run:?}");
    assert!(
        run.stderr
            .starts_with(&format!("{file}: not an onsite visit file"))
    );
    assert_eq!(sandbox.ids(), vec![GOOD_VISIT_ID.to_owned()]);
}

// ---------------------------------------------------------------------------------- CSV

const CSV_HEADER: [&str; 12] = [
    "visit", "date", "unit", "rubric", "version", "status", "item", "text", "answer", "score",
    "note", "by",
];

#[test]
fn csv_export_has_a_bom_a_header_and_one_row_per_visit_and_item() {
    let sandbox = Sandbox::new().running_from_crate_root();
    let co_quan = sandbox.new_visit(CO_QUAN, "Cục Quản lý thị trường tỉnh Hà Tĩnh", &[]);
    sandbox.ok_quiet(&[
        "score",
        &co_quan,
        "1.1",
        "4.5",
        "--note",
        "Đạt 9/10 chỉ tiêu, \"tốt\"\ndòng 2",
    ]);
    sandbox.ok_quiet(&["score", &co_quan, "2.6", "Khá"]);
    sandbox.ok_quiet(&["score", &co_quan, "1.6", "na"]);
    let cong_so = sandbox.new_visit(CONG_SO, "Ủy ban nhân dân phường Đống Đa", &[]);
    sandbox.ok_quiet(&["score", &cong_so, "1.1", "fail", "--note", "Thiếu thẻ"]);
    let trashed = sandbox.new_visit(CONG_SO, "Trong thùng rác", &[]);
    sandbox.ok_quiet(&["delete", &trashed, "--yes"]);

    let out = sandbox.path("csv");
    let printed = sandbox.ok_quiet(&[
        "export",
        "--format",
        "csv",
        "--out",
        out.to_str().expect("utf-8"),
    ]);
    // The answers table is what `onsite-visits.csv` was before `visits.csv` came beside it.
    let file = out.join("answers.csv");
    let visits = out.join("visits.csv");
    assert_eq!(
        printed,
        format!("{}\n{}\n", file.display(), visits.display())
    );
    assert_eq!(
        names(&out),
        ["answers.csv", "visits.csv"],
        "only the CSV files are left"
    );
    let bytes = fs::read(&file).expect("read the CSV");
    let body = bytes
        .strip_prefix(b"\xEF\xBB\xBF".as_slice())
        .expect("a UTF-8 byte-order mark first, so Excel reads Vietnamese");
    let mut reader = csv::Reader::from_reader(body);
    let header: Vec<String> = reader
        .headers()
        .expect("a header row")
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(header, CSV_HEADER);
    let rows: Vec<csv::StringRecord> = reader
        .records()
        .collect::<Result<_, _>>()
        .expect("well-formed rows");
    assert_eq!(
        rows.len(),
        45 + 25,
        "one row per item of each visit not in the trash"
    );
    assert!(rows.iter().all(|row| row.len() == CSV_HEADER.len()));
    assert!(rows.iter().all(|row| &row[0] != trashed.as_str()));
    let row = |visit: &str, item: &str| {
        rows.iter()
            .find(|row| &row[0] == visit && &row[6] == item)
            .unwrap_or_else(|| panic!("no row for {visit} {item}"))
            .clone()
    };
    let answered = row(&co_quan, "1.1");
    assert_eq!(&answered[2], "Cục Quản lý thị trường tỉnh Hà Tĩnh");
    assert_eq!(&answered[3], CO_QUAN);
    assert_eq!(
        &answered[7],
        "Hoàn thành kế hoạch công tác, chỉ tiêu nhiệm vụ năm"
    );
    assert_eq!(&answered[9], "4.5");
    assert_eq!(&answered[10], "Đạt 9/10 chỉ tiêu, \"tốt\"\ndòng 2");
    assert_eq!(&answered[11], LAN);
    assert_eq!(&row(&co_quan, "2.6")[9], "3");
    assert_eq!(&row(&co_quan, "1.6")[9], "", "N/A earns no score");
    let unanswered = row(&co_quan, "3.1");
    assert_eq!(
        (&unanswered[8], &unanswered[9], &unanswered[10]),
        ("", "", "")
    );
    let failed = row(&cong_so, "1.1");
    assert_eq!(&failed[2], "Ủy ban nhân dân phường Đống Đa");
    assert_eq!((&failed[9], &failed[10]), ("0", "Thiếu thẻ"));
}

// ------------------------------------------------------------------- unwritable exports

/// Exports into a folder made read-only: one clear line, exit 1, nothing left behind.
#[rstest]
#[case::yaml("yaml")]
#[case::csv("csv")]
fn export_into_a_read_only_folder_fails_cleanly(#[case] format: &str) {
    use std::os::unix::fs::PermissionsExt;
    if ignores_permissions() {
        eprintln!("skipped: this process ignores file permissions (running as root)");
        return;
    }
    let sandbox = Sandbox::new().running_from_crate_root();
    let id = sandbox.new_visit(CO_QUAN, "Sở Nội vụ", &[]);
    let out = sandbox.path("locked");
    fs::create_dir(&out).expect("create the folder");
    fs::set_permissions(&out, fs::Permissions::from_mode(0o555)).expect("chmod 0555");
    let run = sandbox.run(&[
        "export",
        &id,
        "--format",
        format,
        "--out",
        out.to_str().expect("utf-8"),
    ]);
    fs::set_permissions(&out, fs::Permissions::from_mode(0o755)).expect("chmod back");
    assert_eq!(run.code, Some(1), "{run:?}");
    assert_eq!(run.stdout, "", "{run:?}");
    assert_eq!(run.stderr.lines().count(), 1, "{run:?}");
    let prefix = format!("could not write {}/", out.display());
    assert!(run.stderr.starts_with(&prefix), "{run:?}");
    assert!(run.stderr.contains("ermission denied"), "{run:?}");
    assert_eq!(names(&out), Vec::<String>::new());
}

/// The same promise where root cannot bypass it: the target name is taken by a folder, so
/// the final rename fails after the temporary file was written.
#[rstest]
#[case::yaml("yaml")]
#[case::csv("csv")]
fn export_that_cannot_replace_its_target_leaves_no_temporary_file(#[case] format: &str) {
    let sandbox = Sandbox::new().running_from_crate_root();
    let id = sandbox.new_visit(CO_QUAN, "Sở Nội vụ", &[]);
    let probe = sandbox.path("probe");
    sandbox.ok_quiet(&[
        "export",
        &id,
        "--format",
        format,
        "--out",
        probe.to_str().expect("utf-8"),
    ]);
    let name = files(&probe).into_keys().next().expect("the exported file");
    let out = sandbox.path("out");
    fs::create_dir_all(out.join(&name)).expect("a folder named like the file");
    let run = sandbox.run(&[
        "export",
        &id,
        "--format",
        format,
        "--out",
        out.to_str().expect("utf-8"),
    ]);
    assert_eq!(run.code, Some(1), "{run:?}");
    assert_eq!(run.stdout, "", "{run:?}");
    assert_eq!(run.stderr.lines().count(), 1, "{run:?}");
    let prefix = format!("could not write {}: ", out.join(&name).display());
    assert!(run.stderr.starts_with(&prefix), "{run:?}");
    assert!(
        run.stderr
            .contains("nothing half-written was left behind; free space on that disk"),
        "{run:?}"
    );
    // Only the folder in the way: no `.onsite-*.tmp` left behind.
    assert_eq!(names(&out), vec![name.clone()]);
    assert!(out.join(&name).is_dir());
}
