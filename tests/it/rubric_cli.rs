//! Black-box tests of `onsite rubric check|list|show`: the built binary runs on the fixtures of
//! `tests/fixtures/bad-rubrics/` (one per error class, see its README) and on the shipped
//! rubrics, and each test asserts the exit code and the exact lines printed.
//!
//! Every run gets its own [`Sandbox`]: the user's rubrics, data folder and config file all in a
//! temp dir, so no test reads the real ones or depends on the caller's environment.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use assert_cmd::Command;
use rstest::rstest;

use crate::support::sandbox::Sandbox;

const BAD: &str = "tests/fixtures/bad-rubrics";

/// The valid rubric every fixture breaks in one place: 3 criteria, total 10.
const SMALL: &str = r#"format: onsite-rubric/1
id: small-test
version: "1"
title: "Small test"
pass:
  min_score: 5
bands:
  - { min_score: 6, label: "Good" }
  - { min_score: 0, label: "Not yet" }
sections:
  - id: "1"
    title: "Section one"
    items:
      - id: "1.1"
        text: "Points item"
        max: 4
        step: 0.5
      - id: "1.2"
        text: "Check item"
        kind: check
        max: 2
      - id: "1.3"
        text: "Levels item"
        kind: levels
        levels:
          - { label: "Good", points: 4 }
          - { label: "Poor", points: 0 }
"#;

const CO_QUAN_OK: &str = "ok: co-quan-dat-chuan-van-hoa 2026.1 (45 criteria, total 100)";
const VAN_HOA_OK: &str = "ok: van-hoa-cong-so 2026.1 (25 criteria, total 50)";
const DOANH_NGHIEP_OK: &str = "ok: doanh-nghiep-dat-chuan-van-hoa 2026.1 (29 criteria, total 100)";
const CO_QUAN_2025_OK: &str = "ok: co-quan-dat-chuan-van-hoa 2025.1 (41 criteria, total 100)";
const VAN_HOA_2025_OK: &str = "ok: van-hoa-cong-so 2025.1 (25 criteria, total 50)";

/// A sandbox for one test: an empty rubrics folder, no data folder or config file, and
/// neither the caller's language nor an inspector name. `onsite` runs from the crate root
/// (the fixtures' paths are relative to it), in the language of the test's `--lang`, or the
/// default (Vietnamese).
fn sandbox() -> Sandbox {
    Sandbox::new().running_from_crate_root().acting_as(None)
}

#[derive(Debug)]
struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn run(command: &mut Command) -> Run {
    let output = command.output().expect("run onsite");
    Run {
        code: output.status.code(),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    }
}

/// `onsite --lang en rubric check FILES…` with an empty user folder.
fn check_en(files: &[&str]) -> Run {
    run(sandbox()
        .onsite_in_default_lang()
        .args(["--lang", "en", "rubric", "check"])
        .args(files))
}

/// A path inside the crate, for reading shipped files directly.
fn in_crate(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn fixture(name: &str) -> String {
    format!("{BAD}/{name}.yaml")
}

fn write(dir: &Path, name: &str, text: &[u8]) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, text).expect("write a test file");
    path
}

/// The small valid rubric under another id, so it does not clash with anything shipped.
fn small_rubric(id: &str) -> String {
    SMALL.replace("id: small-test", &format!("id: {id}"))
}

/// The item ids of a shipped rubric, read as text: items are the `- id:` lines six spaces in.
fn item_ids(path: &str) -> Vec<String> {
    let text = fs::read_to_string(in_crate(path)).expect("read a shipped rubric");
    text.lines()
        .filter_map(|line| line.strip_prefix("      - id: \""))
        .map(|rest| rest.trim_end().trim_end_matches('"').to_owned())
        .collect()
}

// ---------------------------------------------------------------------------------- check

/// Fixtures whose message is onsite's own: the whole output is one exact line.
#[rstest]
#[case::alias_bomb(
    "alias-bomb",
    "",
    "the file expands YAML aliases too many times; refused (write the values out)"
)]
#[case::bad_id(
    "bad-id",
    ":3:1",
    "id \"Small_Test\" may use only lowercase letters a-z, digits and '-' \
     (e.g. co-quan-dat-chuan-van-hoa)"
)]
#[case::band_above_total(
    "band-above-total",
    ":9:7",
    "band 1: min_score 12 is above the rubric's total 10 (the sum of every criterion's max); \
     no visit could reach it"
)]
#[case::bands_not_descending(
    "bands-not-descending",
    ":10:7",
    "band 2: min_score 6 is not below the band above it (0); list bands from the highest \
     score down"
)]
#[case::comments_only(
    "comments-only",
    "",
    "the file is empty; a rubric starts with `format: onsite-rubric/1`"
)]
#[case::duplicate_item_id(
    "duplicate-item-id",
    ":32:9",
    "criterion \"1.1\": this criterion's id is already used in standard \"1\"; criterion ids \
     must be unique in the rubric"
)]
#[case::duplicate_level(
    "duplicate-level",
    ":28:15",
    "criterion \"1.3\": level \"Good\" is listed twice"
)]
#[case::duplicate_section_id(
    "duplicate-section-id",
    ":29:5",
    "standard \"1\": this standard's id is used twice; give each standard its own id"
)]
#[case::empty_levels(
    "empty-levels",
    ":23:9",
    "criterion \"1.3\": a levels criterion needs a list of levels"
)]
#[case::empty_title("empty-title", ":5:1", "title is empty; write it out")]
#[case::empty(
    "empty",
    "",
    "the file is empty; a rubric starts with `format: onsite-rubric/1`"
)]
#[case::levels_on_points(
    "levels-on-points",
    ":19:9",
    "criterion \"1.1\": levels apply only to `kind: levels` criteria; set the kind or remove \
     levels"
)]
#[case::max_missing(
    "max-missing",
    ":19:9",
    "criterion \"1.2\": max is missing; give the most points it can earn"
)]
#[case::max_on_levels(
    "max-on-levels",
    ":26:9",
    "criterion \"1.3\": a levels criterion takes its max from its best level; remove max"
)]
#[case::max_zero("max-zero", ":17:9", "criterion \"1.1\": max must be > 0 (it is 0)")]
#[case::missing_key(
    "missing-key",
    ":19:9",
    "sections[0].items[1]: the required key \"text\" is missing"
)]
#[case::negative_level_points(
    "negative-level-points",
    ":28:30",
    "criterion \"1.3\": level \"Poor\" has negative points"
)]
#[case::negative_min_score("negative-min-score", ":7:3", "min_score -1 is negative")]
#[case::no_items(
    "no-items",
    ":31:5",
    "standard \"2\": the standard has no criteria (items); add at least one"
)]
#[case::no_sections(
    "no-sections",
    ":8:1",
    "there are no standards (sections); add at least one"
)]
#[case::pass_above_total(
    "pass-above-total",
    ":7:3",
    "min_score 11 is above the rubric's total 10 (the sum of every criterion's max); no \
     visit could reach it"
)]
#[case::plain_text(
    "plain-text",
    ":1:1",
    "this is not a rubric: expected keys such as `format: onsite-rubric/1`, `id:`, \
     `sections:` (see rubrics/README.md)"
)]
#[case::section_percent_out_of_range(
    "section-percent-out-of-range",
    ":8:3",
    "min_section_percent 150 must be between 0 and 100"
)]
#[case::step_not_dividing(
    "step-not-dividing",
    ":18:9",
    "criterion \"1.1\": step 1.5 does not divide max 4; change one so max is a whole number of steps"
)]
#[case::step_not_half(
    "step-not-half",
    ":18:9",
    "criterion \"1.1\": step 0.3 is not a multiple of 0.5; use 0.5, 1, 2, ..."
)]
#[case::step_on_check(
    "step-on-check",
    ":23:9",
    "criterion \"1.2\": step applies only to points criteria; remove it"
)]
#[case::step_zero("step-zero", ":18:9", "criterion \"1.1\": step must be > 0 (it is 0)")]
#[case::unknown_unit_kind(
    "unknown-unit-kind",
    ":8:5",
    "unit_kinds: \"trường học\" is not a kind of unit; use \"cơ quan\" (agency), \"đơn vị\" \
     (public unit) or \"doanh nghiệp\" (enterprise)"
)]
#[case::wrong_format(
    "wrong-format",
    ":2:1",
    "format is \"onsite-rubric/2\"; this file must start with `format: onsite-rubric/1`"
)]
fn check_prints_the_one_problem_of_each_fixture(
    #[case] name: &str,
    #[case] at: &str,
    #[case] message: &str,
) {
    let file = fixture(name);
    let run = check_en(&[&file]);
    assert_eq!(run.code, Some(1), "{run:?}");
    assert_eq!(run.stdout, format!("{file}{at}: {message}\n"));
    assert_eq!(run.stderr, "");
}

/// Fixtures whose message comes from the YAML library: one line, asserted up to where the
/// library's own wording starts to vary.
#[rstest]
#[case::duplicate_key("duplicate-key", ":6:1: the key \"title\" is written twice; keep one")]
#[case::not_yaml("not-yaml", ":13:25: mapping values are not allowed in this context")]
#[case::tab_indent("tab-indent", ":22:1: found a tab character that violates indentation")]
#[case::unknown_key(
    "unknown-key",
    ":23:9: sections[0].items[1]: unknown key \"critcal\"; allowed here: "
)]
#[case::unknown_kind(
    "unknown-kind",
    ":21:15: sections[0].items[1].kind: unknown variant `tick`, expected one of `points`, \
     `check`, `levels`"
)]
#[case::version_not_string(
    "version-not-string",
    ":4:1: version 2025.1 must be in quotes (\"2025.1\")"
)]
fn check_prints_the_yaml_problem_of_each_fixture(#[case] name: &str, #[case] start: &str) {
    let file = fixture(name);
    let run = check_en(&[&file]);
    assert_eq!(run.code, Some(1), "{run:?}");
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 1, "{run:?}");
    assert!(lines[0].starts_with(&format!("{file}{start}")), "{run:?}");
    assert_eq!(run.stderr, "");
}

#[test]
fn check_prints_a_syntax_error_position_once() {
    let run = check_en(&[&fixture("tab-indent")]);
    assert!(!run.stdout.contains(" at line "), "{run:?}");
}

/// Without `--lang` or `ONSITE_LANG` the messages are Vietnamese.
#[rstest]
#[case::empty(
    "empty",
    "",
    "tệp trống; bộ tiêu chí bắt đầu bằng `format: onsite-rubric/1`"
)]
#[case::max_zero(
    "max-zero",
    ":17:9",
    "tiêu chí \"1.1\": max phải lớn hơn 0 (đang là 0)"
)]
#[case::missing_key(
    "missing-key",
    ":19:9",
    "sections[0].items[1]: thiếu khóa bắt buộc \"text\""
)]
#[case::not_yaml(
    "not-yaml",
    ":13:25",
    "lỗi YAML: mapping values are not allowed in this context"
)]
#[case::plain_text(
    "plain-text",
    ":1:1",
    "đây không phải bộ tiêu chí: cần các khóa như `format: onsite-rubric/1`, `id:`, \
     `sections:` (xem rubrics/README.md)"
)]
#[case::unknown_key(
    "unknown-key",
    ":23:9",
    "sections[0].items[1]: khóa \"critcal\" không hợp lệ; các khóa được phép: id, text, \
     text_en, guide, guide_en, basis, basis_en, kind, max, step, levels, critical, na"
)]
#[case::unknown_unit_kind(
    "unknown-unit-kind",
    ":8:5",
    "unit_kinds: \"trường học\" không phải loại đơn vị; dùng \"cơ quan\", \"đơn vị\" hoặc \
     \"doanh nghiệp\""
)]
fn check_speaks_vietnamese_by_default(#[case] name: &str, #[case] at: &str, #[case] message: &str) {
    let file = fixture(name);
    let run = run(sandbox()
        .onsite_in_default_lang()
        .args(["rubric", "check", &file]));
    assert_eq!(run.code, Some(1), "{run:?}");
    assert_eq!(run.stdout, format!("{file}{at}: {message}\n"));
}

#[test]
fn check_takes_the_language_from_onsite_lang() {
    let file = fixture("max-zero");
    let run = run(sandbox()
        .onsite_in_default_lang()
        .env("ONSITE_LANG", "en")
        .args(["rubric", "check", &file]));
    assert_eq!(run.code, Some(1), "{run:?}");
    assert_eq!(
        run.stdout,
        format!("{file}:17:9: criterion \"1.1\": max must be > 0 (it is 0)\n")
    );
}

#[rstest]
#[case::co_quan("rubrics/co-quan-dat-chuan-van-hoa.yaml", CO_QUAN_OK)]
#[case::van_hoa("rubrics/van-hoa-cong-so.yaml", VAN_HOA_OK)]
#[case::doanh_nghiep("rubrics/doanh-nghiep-dat-chuan-van-hoa.yaml", DOANH_NGHIEP_OK)]
#[case::co_quan_2025(
    "rubrics/superseded/co-quan-dat-chuan-van-hoa-2025.1.yaml",
    CO_QUAN_2025_OK
)]
#[case::van_hoa_2025("rubrics/superseded/van-hoa-cong-so-2025.1.yaml", VAN_HOA_2025_OK)]
fn check_passes_a_shipped_rubric(#[case] file: &str, #[case] ok: &str) {
    let run = check_en(&[file]);
    assert_eq!(run.code, Some(0), "{run:?}");
    assert_eq!(run.stdout, format!("{ok}\n"));
    assert_eq!(run.stderr, "");
}

/// The rubric files of `folder` (under the crate), as `folder/NAME`, sorted.
fn rubric_files(folder: &str) -> Vec<String> {
    let mut files: Vec<String> = fs::read_dir(in_crate(folder))
        .expect("a rubrics folder")
        .map(|entry| PathBuf::from(entry.expect("a folder entry").file_name()))
        .filter(|name| {
            name.extension()
                .is_some_and(|ext| ext == "yaml" || ext == "yml")
        })
        .map(|name| format!("{folder}/{}", name.display()))
        .collect();
    files.sort();
    files
}

/// Every file of `rubrics/` and `rubrics/superseded/` is built in, and nothing else is.
#[test]
fn every_rubric_file_is_built_in() {
    let mut built_in: Vec<String> = onsite::catalog::SHIPPED
        .iter()
        .chain(onsite::catalog::SUPERSEDED)
        .map(|(name, _)| format!("rubrics/{name}"))
        .collect();
    built_in.sort();
    let mut files = rubric_files("rubrics");
    files.extend(rubric_files("rubrics/superseded"));
    files.sort();
    assert_eq!(built_in, files);
}

/// Also covers a rubric added to `rubrics/` later, without a case of its own.
#[test]
fn check_passes_every_shipped_rubric_in_one_call() {
    let mut files = rubric_files("rubrics");
    files.extend(rubric_files("rubrics/superseded"));
    assert!(files.len() >= 5, "{files:?}");
    let args: Vec<&str> = files.iter().map(String::as_str).collect();
    let run = check_en(&args);
    assert_eq!(run.code, Some(0), "{run:?}");
    assert_eq!(run.stdout.lines().count(), files.len(), "{run:?}");
    assert!(
        run.stdout.lines().all(|line| line.starts_with("ok: ")),
        "{run:?}"
    );
}

#[test]
fn check_passes_the_small_base_of_the_fixtures() {
    let sandbox = sandbox();
    let file = sandbox.write("small.yaml", SMALL.as_bytes());
    let run = check_en(&[file.to_str().unwrap()]);
    assert_eq!(run.code, Some(0), "{run:?}");
    assert_eq!(run.stdout, "ok: small-test 1 (3 criteria, total 10)\n");
}

#[test]
fn check_reports_every_file_of_one_call_in_order() {
    let bad = fixture("max-zero");
    let broken = fixture("not-yaml");
    let run = check_en(&[
        "rubrics/co-quan-dat-chuan-van-hoa.yaml",
        &bad,
        &broken,
        "rubrics/van-hoa-cong-so.yaml",
    ]);
    assert_eq!(run.code, Some(1), "{run:?}");
    assert_eq!(
        run.stdout,
        format!(
            "{CO_QUAN_OK}\n\
             {bad}:17:9: criterion \"1.1\": max must be > 0 (it is 0)\n\
             {broken}:13:25: mapping values are not allowed in this context\n\
             {VAN_HOA_OK}\n"
        )
    );
}

#[rstest]
#[case::missing_file("tests/fixtures/bad-rubrics/does-not-exist.yaml")]
#[case::folder("rubrics")]
fn check_says_when_it_cannot_read_a_file(#[case] file: &str) {
    let run = check_en(&[file, "rubrics/van-hoa-cong-so.yaml"]);
    assert_eq!(run.code, Some(1), "{run:?}");
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{run:?}");
    assert!(
        lines[0].starts_with(&format!("{file}: cannot read the file: ")),
        "{run:?}"
    );
    assert_eq!(lines[1], VAN_HOA_OK);
}

#[test]
fn check_refuses_a_10_mb_file_before_reading_it() {
    let sandbox = sandbox();
    let mut text = SMALL.to_owned();
    let padding = "# padding padding padding padding padding padding padding padding\n";
    while text.len() < 10 * 1024 * 1024 {
        text.push_str(padding);
    }
    text.truncate(10 * 1024 * 1024);
    let file = sandbox.write("huge.yaml", text.as_bytes());
    let file = file.to_str().unwrap();
    let started = Instant::now();
    let run = check_en(&[file]);
    let took = started.elapsed();
    assert_eq!(run.code, Some(1), "{run:?}");
    assert_eq!(
        run.stdout,
        format!(
            "{file}: the file is 10485760 bytes, over the 1048576-byte limit for a rubric; \
             is this the right file?\n"
        )
    );
    assert!(took < Duration::from_secs(5), "took {took:?}");
}

#[test]
fn check_refuses_the_alias_bomb_quickly() {
    let started = Instant::now();
    let run = check_en(&[&fixture("alias-bomb")]);
    let took = started.elapsed();
    assert_eq!(run.code, Some(1), "{run:?}");
    assert!(run.stdout.contains("aliases too many times"), "{run:?}");
    assert!(took < Duration::from_secs(10), "took {took:?}");
}

#[test]
fn check_refuses_a_file_that_is_not_utf8() {
    let sandbox = sandbox();
    // The title "Phòng hành chính" saved as Windows-1252 instead of UTF-8.
    let (head, tail) = SMALL.split_once("Small test").unwrap();
    let bytes = [
        head.as_bytes(),
        b"Ph\xF2ng h\xE0nh ch\xEDnh",
        tail.as_bytes(),
    ]
    .concat();
    let file = sandbox.write("latin1.yaml", &bytes);
    let file = file.to_str().unwrap();
    let run = check_en(&[file]);
    assert_eq!(run.code, Some(1), "{run:?}");
    assert_eq!(
        run.stdout,
        format!("{file}: the file is not UTF-8 text; save it as UTF-8\n")
    );
}

// ----------------------------------------------------------------------------------- list

/// The line of `rubric list` for `id`, if any.
fn listed<'a>(run: &'a Run, id: &str) -> Option<&'a str> {
    run.stdout
        .lines()
        .find(|line| line.split_whitespace().next() == Some(id))
}

fn list_en(command: &mut Command) -> Run {
    run(command.args(["--lang", "en", "rubric", "list"]))
}

#[rstest]
#[case::empty_folder(false)]
#[case::missing_folder(true)]
fn list_shows_the_shipped_rubrics(#[case] missing: bool) {
    let sandbox = sandbox();
    let mut command = sandbox.onsite_in_default_lang();
    if missing {
        command.env("ONSITE_RUBRICS", sandbox.rubrics().join("not-there"));
    }
    let run = list_en(&mut command);
    assert_eq!(run.code, Some(0), "{run:?}");
    assert_eq!(run.stderr, "");
    assert_eq!(run.stdout.lines().count(), 5, "{run:?}");
    let co_quan = listed(&run, "co-quan-dat-chuan-van-hoa").unwrap();
    assert!(co_quan.contains("Culturally standard agency"), "{co_quan}");
    assert!(
        co_quan.contains(" 2026.1 "),
        "the current version first: {co_quan}"
    );
    assert!(
        !co_quan.contains('['),
        "a current shipped one has no path: {co_quan}"
    );
    assert!(listed(&run, "van-hoa-cong-so").is_some(), "{run:?}");
    assert!(
        listed(&run, "doanh-nghiep-dat-chuan-van-hoa").is_some(),
        "{run:?}"
    );
    // The earlier versions last, each with where it lives.
    let earlier: Vec<&str> = run.stdout.lines().skip(3).collect();
    assert!(
        earlier[0].starts_with("co-quan-dat-chuan-van-hoa  ")
            && earlier[0].contains(" 2025.1 ")
            && earlier[0].ends_with("[rubrics/superseded/co-quan-dat-chuan-van-hoa-2025.1.yaml]"),
        "{run:?}"
    );
    assert!(
        earlier[1].ends_with("[rubrics/superseded/van-hoa-cong-so-2025.1.yaml]"),
        "{run:?}"
    );
}

#[test]
fn list_shows_a_user_rubric_with_its_path() {
    let sandbox = sandbox();
    let rubrics = sandbox.rubrics();
    let mine = write(&rubrics, "mine.yaml", small_rubric("my-office").as_bytes());
    write(&rubrics, "notes.txt", b"not a rubric, and not read");
    let run = list_en(&mut sandbox.onsite_in_default_lang());
    assert_eq!(run.code, Some(0), "{run:?}");
    assert_eq!(run.stderr, "");
    let line = listed(&run, "my-office").unwrap();
    assert!(line.contains("Small test"), "{line}");
    assert!(line.ends_with(&format!("[{}]", mine.display())), "{line}");
    assert!(
        listed(&run, "co-quan-dat-chuan-van-hoa").is_some(),
        "{run:?}"
    );
    assert!(listed(&run, "van-hoa-cong-so").is_some(), "{run:?}");
}

#[test]
fn list_reports_a_copy_of_a_shipped_rubric_as_a_duplicate() {
    let sandbox = sandbox();
    let copy = sandbox.rubrics().join("van-hoa-cong-so.yaml");
    fs::copy(in_crate("rubrics/van-hoa-cong-so.yaml"), &copy).unwrap();
    let run = list_en(&mut sandbox.onsite_in_default_lang());
    assert_eq!(run.code, Some(1), "{run:?}");
    assert_eq!(
        run.stderr,
        format!(
            "{}: rubric van-hoa-cong-so version 2026.1 is already provided by \
             rubrics/van-hoa-cong-so.yaml; bump the version or change the id\n",
            copy.display()
        )
    );
    let shipped = listed(&run, "van-hoa-cong-so").unwrap();
    assert!(
        !shipped.contains('['),
        "the shipped one has no path: {shipped}"
    );
    assert_eq!(run.stdout.lines().count(), 5, "{run:?}");
}

/// A user's copy of an earlier shipped version is a duplicate too, so `ID@2025.1` names one.
#[test]
fn list_reports_a_copy_of_a_superseded_rubric_as_a_duplicate() {
    let sandbox = sandbox();
    let copy = sandbox.rubrics().join("co-quan.yaml");
    let old = "rubrics/superseded/co-quan-dat-chuan-van-hoa-2025.1.yaml";
    fs::copy(in_crate(old), &copy).unwrap();
    let run = list_en(&mut sandbox.onsite_in_default_lang());
    assert_eq!(run.code, Some(1), "{run:?}");
    assert_eq!(
        run.stderr,
        format!(
            "{}: rubric co-quan-dat-chuan-van-hoa version 2025.1 is already provided by \
             {old}; bump the version or change the id\n",
            copy.display()
        )
    );
    assert_eq!(run.stdout.lines().count(), 5, "{run:?}");
}

#[test]
fn list_reports_a_broken_file_and_lists_the_others() {
    let sandbox = sandbox();
    let rubrics = sandbox.rubrics();
    write(
        &rubrics,
        "a-mine.yaml",
        small_rubric("my-office").as_bytes(),
    );
    let broken = rubrics.join("b-broken.yaml");
    fs::copy(in_crate(&fixture("max-zero")), &broken).unwrap();
    let run = list_en(&mut sandbox.onsite_in_default_lang());
    assert_eq!(run.code, Some(1), "{run:?}");
    let broken = broken.display();
    assert_eq!(
        run.stderr,
        format!(
            "{broken}: not loaded\n\
             {broken}:17:9: criterion \"1.1\": max must be > 0 (it is 0)\n"
        )
    );
    assert!(listed(&run, "my-office").is_some(), "{run:?}");
    assert!(
        listed(&run, "co-quan-dat-chuan-van-hoa").is_some(),
        "{run:?}"
    );
    assert!(listed(&run, "van-hoa-cong-so").is_some(), "{run:?}");
    assert!(listed(&run, "small-test").is_none(), "{run:?}");
}

// ----------------------------------------------------------------------------------- show

fn show(sandbox: &Sandbox, lang: &str, query: impl AsRef<std::ffi::OsStr>) -> Run {
    run(sandbox
        .onsite_in_default_lang()
        .args(["--lang", lang, "rubric", "show"])
        .arg(query))
}

#[rstest]
#[case::co_quan_en(
    "co-quan-dat-chuan-van-hoa",
    "rubrics/co-quan-dat-chuan-van-hoa.yaml",
    "en",
    "Culturally standard agency or public service unit"
)]
#[case::co_quan_vi(
    "co-quan-dat-chuan-van-hoa",
    "rubrics/co-quan-dat-chuan-van-hoa.yaml",
    "vi",
    "Cơ quan, đơn vị đạt chuẩn văn hóa"
)]
#[case::van_hoa_en(
    "van-hoa-cong-so",
    "rubrics/van-hoa-cong-so.yaml",
    "en",
    "Office culture"
)]
fn show_prints_the_title_and_every_item(
    #[case] id: &str,
    #[case] file: &str,
    #[case] lang: &str,
    #[case] title: &str,
) {
    let run = show(&sandbox(), lang, id);
    assert_eq!(run.code, Some(0), "{run:?}");
    assert_eq!(run.stderr, "");
    assert_eq!(run.stdout.lines().next(), Some(title), "{run:?}");
    let ids = item_ids(file);
    assert!(ids.len() > 20, "{ids:?}");
    // Item lines are the only indented ones, each starting with the item's id.
    let shown: Vec<&str> = run
        .stdout
        .lines()
        .filter_map(|line| line.strip_prefix("  "))
        .filter_map(|line| line.split_whitespace().next())
        .collect();
    assert_eq!(shown, ids, "every item id, in file order");
}

#[test]
fn show_names_the_available_rubrics_when_the_id_is_unknown() {
    let run = show(&sandbox(), "en", "nope");
    assert_eq!(run.code, Some(1), "{run:?}");
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr.starts_with("no rubric \"nope\"; available: "),
        "{run:?}"
    );
    assert!(run.stderr.contains("co-quan-dat-chuan-van-hoa@"), "{run:?}");
    assert!(run.stderr.contains("van-hoa-cong-so@"), "{run:?}");
}

#[test]
fn show_reads_a_file_by_path() {
    let sandbox = sandbox();
    let file = sandbox.write("mine.yaml", small_rubric("my-office").as_bytes());
    let run = show(&sandbox, "en", &file);
    assert_eq!(run.code, Some(0), "{run:?}");
    assert_eq!(run.stderr, "");
    let mut lines = run.stdout.lines();
    assert_eq!(lines.next(), Some("Small test"));
    assert_eq!(
        lines.next(),
        Some("id: my-office · version: 1 · criteria: 3 · total: 10")
    );
    for item in ["1.1", "1.2", "1.3"] {
        assert!(
            run.stdout.contains(&format!("\n  {item}  ")),
            "{item}: {run:?}"
        );
    }
}

#[test]
fn show_prints_the_problems_of_a_bad_file() {
    let file = fixture("max-zero");
    let run = show(&sandbox(), "en", &file);
    assert_eq!(run.code, Some(1), "{run:?}");
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        format!("{file}:17:9: criterion \"1.1\": max must be > 0 (it is 0)\n")
    );
}

#[test]
fn show_asks_for_a_version_when_an_id_has_several() {
    let sandbox = sandbox();
    let shipped = fs::read_to_string(in_crate("rubrics/van-hoa-cong-so.yaml")).unwrap();
    let bumped = shipped.replacen("version: \"2026.1\"", "version: \"2026.2\"", 1);
    assert_ne!(bumped, shipped);
    write(
        &sandbox.rubrics(),
        "van-hoa-cong-so.yaml",
        bumped.as_bytes(),
    );

    let ambiguous = show(&sandbox, "en", "van-hoa-cong-so");
    assert_eq!(ambiguous.code, Some(1), "{ambiguous:?}");
    assert_eq!(
        ambiguous.stderr,
        "rubric \"van-hoa-cong-so\" exists in versions 2026.1, 2026.2; name one as \
         van-hoa-cong-so@VERSION\n"
    );

    let chosen = show(&sandbox, "en", "van-hoa-cong-so@2026.2");
    assert_eq!(chosen.code, Some(0), "{chosen:?}");
    assert!(
        chosen
            .stdout
            .contains("id: van-hoa-cong-so · version: 2026.2 ·"),
        "{chosen:?}"
    );
}

/// A bare id picks the current shipped version; `ID@VERSION` still finds the earlier one.
#[rstest]
#[case::current("co-quan-dat-chuan-van-hoa", "2026.1", 45)]
#[case::pinned_current("co-quan-dat-chuan-van-hoa@2026.1", "2026.1", 45)]
#[case::superseded("co-quan-dat-chuan-van-hoa@2025.1", "2025.1", 41)]
#[case::superseded_checklist("van-hoa-cong-so@2025.1", "2025.1", 25)]
fn show_finds_a_superseded_version_only_by_its_version(
    #[case] query: &str,
    #[case] version: &str,
    #[case] items: usize,
) {
    let run = show(&sandbox(), "en", query);
    assert_eq!(run.code, Some(0), "{run:?}");
    let id = query.split('@').next().unwrap();
    assert_eq!(
        run.stdout.lines().nth(1).unwrap(),
        format!(
            "id: {id} · version: {version} · criteria: {items} · total: {}",
            if id.starts_with("van-hoa") { 50 } else { 100 }
        ),
        "{run:?}"
    );
}

// ------------------------------------------------------------------- shipped rubric content

/// The certainty tags of `rubrics/README.md` ("Citing the basis honestly").
const CERTAINTY: [&str; 4] = ["[V]", "[P]", "[R]", "[S]"];

/// The parts of a basis separated by `;` outside brackets and quotes: one citation each.
fn citations(basis: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut depth = 0_i32;
    let mut start = 0;
    for (at, c) in basis.char_indices() {
        match c {
            '(' | '“' => depth += 1,
            ')' | '”' => depth -= 1,
            ';' if depth == 0 => {
                parts.push(&basis[start..at]);
                start = at + 1;
            }
            _ => {}
        }
    }
    parts.push(&basis[start..]);
    parts
}

/// Issue 14: an inspector must tell a checked rule from a recollection or a suggestion, so
/// every citation of every current shipped rubric (the rubric's, each standard's, each
/// criterion's, in both languages) carries a certainty tag, and every criterion has a basis.
/// The superseded 2025.1 files are left as they were shipped (old visits hold their digest).
#[test]
fn every_basis_of_the_shipped_rubrics_states_its_certainty() {
    let mut missing = Vec::new();
    // A standard may have no basis of its own; where one is written it is held to the rule.
    let mut check = |place: String, basis: Option<&String>, required: bool| match basis {
        None if required => missing.push(format!("{place}: no basis")),
        None => {}
        Some(basis) => {
            for citation in citations(basis) {
                if !CERTAINTY.iter().any(|tag| citation.contains(tag)) {
                    missing.push(format!("{place}: {citation:?} has no certainty tag"));
                }
            }
        }
    };
    for (name, text) in onsite::catalog::SHIPPED {
        let rubric = onsite::rubric_file::parse(text).expect("a shipped rubric is valid");
        check((*name).to_owned(), rubric.basis.as_ref(), true);
        check(format!("{name} (en)"), rubric.basis_en.as_ref(), true);
        for section in &rubric.sections {
            let place = format!("{name} standard {}", section.id);
            let written = section.basis.is_some() || section.basis_en.is_some();
            check(place.clone(), section.basis.as_ref(), written);
            check(format!("{place} (en)"), section.basis_en.as_ref(), written);
            for item in &section.items {
                check(format!("{name} {}", item.id), item.basis.as_ref(), true);
                let place = format!("{name} {} (en)", item.id);
                check(place, item.basis_en.as_ref(), true);
            }
        }
    }
    assert!(missing.is_empty(), "{missing:#?}");
}

/// A rubric's `unit_kinds` accepts the words the visit document and `onsite new --kind` use
/// for each kind: the document's Vietnamese word, the English label, the slug.
#[test]
fn unit_kinds_accept_the_spellings_of_the_document_and_the_command_line() {
    use onsite::domain::rubric::Lang;
    use onsite::domain::visit::UnitKind;
    let unit_kind_named = UnitKind::named;
    let slugs = ["co-quan", "don-vi", "doanh-nghiep"];
    for (kind, slug) in UnitKind::ALL.into_iter().zip(slugs) {
        let document = onsite::document::kind_word(kind);
        // The CLI lists the interface's labels as the choices: each must be a spelling.
        let english = onsite::strings::texts(Lang::En).unit_kind(kind);
        let vietnamese = onsite::strings::texts(Lang::Vi).unit_kind(kind);
        for word in [document, english, vietnamese, slug] {
            assert_eq!(unit_kind_named(word), Some(kind), "{word}");
        }
        let decomposed: String = document.chars().flat_map(decompose).collect();
        assert_eq!(unit_kind_named(&decomposed.to_uppercase()), Some(kind));
    }
    assert_eq!(unit_kind_named("trường học"), None);
    assert_eq!(unit_kind_named(""), None);
}

/// NFD of the Vietnamese letters in the unit-kind words, without a normalization crate here.
fn decompose(c: char) -> Vec<char> {
    match c {
        'ơ' => vec!['o', '\u{31b}'],
        'đ' => vec!['đ'],
        'ị' => vec!['i', '\u{323}'],
        'ệ' => vec!['e', '\u{302}', '\u{323}'],
        other => vec![other],
    }
}

#[rstest]
#[case::co_quan("co-quan-dat-chuan-van-hoa", &["cơ quan", "đơn vị"])]
#[case::van_hoa("van-hoa-cong-so", &["cơ quan", "đơn vị"])]
#[case::doanh_nghiep("doanh-nghiep-dat-chuan-van-hoa", &["doanh nghiệp"])]
#[case::co_quan_2025("co-quan-dat-chuan-van-hoa@2025.1", &[])]
fn shipped_rubrics_name_the_kinds_of_unit_they_are_for(
    #[case] query: &str,
    #[case] kinds: &[&str],
) {
    use onsite::domain::visit::UnitKind;
    let catalog = onsite::catalog::Catalog::load(None);
    let rubric = &catalog.find(query).expect("shipped").rubric;
    assert_eq!(rubric.unit_kinds, kinds);
    for kind in UnitKind::ALL {
        let word = onsite::document::kind_word(kind);
        assert_eq!(
            rubric.fits(kind),
            kinds.is_empty() || kinds.contains(&word),
            "{query} for {word}"
        );
    }
}
