//! Black-box tests of the visit commands (`new`, `list`, `score`, `note`, `findings`, `show`,
//! `history`, `undo`, `redo`, `finalize`, `reopen`, `delete`, `trash`, `restore`, `paths`): the
//! built binary runs against the shipped rubric `co-quan-dat-chuan-van-hoa@2025.1` (41 items,
//! total 100; the superseded version, still built in, so these tests also show an earlier
//! version keeps working) in a temp data folder, and each test asserts the exit code, the exact
//! lines printed and, for every refused command, that nothing changed.
//!
//! Every test gets its own [`Sandbox`]: data folder, config file and rubrics folder all in a
//! temp dir, with `ONSITE_LANG` and `ONSITE_INSPECTOR` removed, so no test touches the real
//! visits or depends on the caller's environment.

use std::fs;

use assert_cmd::Command;
use rstest::rstest;

use crate::support::sandbox::{LAN, Sandbox};

/// Pinned to the version the tables below were written for.
const RUBRIC: &str = "co-quan-dat-chuan-van-hoa@2025.1";

/// The id of [`RUBRIC`], as a visit records it.
const RUBRIC_ID: &str = "co-quan-dat-chuan-van-hoa";

/// Every item of [`RUBRIC`] in order, with its best and its worst answer as typed.
/// Full marks everywhere total 100; `items_table_matches_the_shipped_rubric` keeps this in step
/// with the rubric file.
const ITEMS: [(&str, &str, &str); 41] = [
    ("1.1", "5", "0"),
    ("1.2", "3", "0"),
    ("1.3", "1", "3"),
    ("1.4", "2", "0"),
    ("1.5", "2", "0"),
    ("1.6", "2", "0"),
    ("1.7", "3", "0"),
    ("1.8", "3", "0"),
    ("1.9", "pass", "fail"),
    ("1.10", "pass", "fail"),
    ("1.11", "3", "0"),
    ("2.1", "1", "3"),
    ("2.2", "3", "0"),
    ("2.3", "pass", "fail"),
    ("2.4", "pass", "fail"),
    ("2.5", "pass", "fail"),
    ("2.6", "1", "4"),
    ("2.7", "3", "0"),
    ("2.8", "pass", "fail"),
    ("2.9", "pass", "fail"),
    ("2.10", "pass", "fail"),
    ("2.11", "pass", "fail"),
    ("2.12", "pass", "fail"),
    ("2.13", "2", "0"),
    ("2.14", "pass", "fail"),
    ("2.15", "pass", "fail"),
    ("2.16", "pass", "fail"),
    ("2.17", "pass", "fail"),
    ("2.18", "pass", "fail"),
    ("2.19", "pass", "fail"),
    ("2.20", "2", "0"),
    ("3.1", "3", "0"),
    ("3.2", "1", "4"),
    ("3.3", "3", "0"),
    ("3.4", "pass", "fail"),
    ("3.5", "pass", "fail"),
    ("3.6", "pass", "fail"),
    ("3.7", "2", "0"),
    ("3.8", "pass", "fail"),
    ("3.9", "2", "0"),
    ("3.10", "2", "0"),
];

/// A sandbox for one test, `onsite` run from the crate root with no language or inspector
/// from the caller; the commands below add `--lang` and act as [`LAN`].
fn sandbox() -> Sandbox {
    Sandbox::new().running_from_crate_root().acting_as(None)
}

#[derive(Debug)]
struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

/// What these tests do with a sandbox.
trait VisitCli {
    fn as_sandbox(&self) -> &Sandbox;

    /// `onsite --lang LANG ARGS…` as [`LAN`].
    fn run_in(&self, lang: &str, args: &[&str]) -> Run {
        run(self
            .as_sandbox()
            .onsite_in_default_lang()
            .env("ONSITE_INSPECTOR", LAN)
            .args(["--lang", lang])
            .args(args))
    }

    /// `onsite --lang en ARGS…` as [`LAN`].
    fn en(&self, args: &[&str]) -> Run {
        self.run_in("en", args)
    }

    /// Runs in English, expects success with nothing on stderr, and gives stdout.
    fn ok_en(&self, args: &[&str]) -> String {
        let run = self.en(args);
        assert_eq!(run.code, Some(0), "{args:?}: {run:?}");
        assert_eq!(run.stderr, "", "{args:?}: {run:?}");
        run.stdout
    }

    /// Runs in `lang`, expects exit 1 with one line on stderr and nothing on stdout, and gives
    /// that line.
    fn refused_in(&self, lang: &str, args: &[&str]) -> String {
        let run = self.run_in(lang, args);
        assert_eq!(run.code, Some(1), "{args:?}: {run:?}");
        assert_eq!(run.stdout, "", "{args:?}: {run:?}");
        assert_eq!(run.stderr.lines().count(), 1, "{args:?}: {run:?}");
        run.stderr.trim_end_matches('\n').to_owned()
    }

    fn refused(&self, args: &[&str]) -> String {
        self.refused_in("en", args)
    }

    /// A new visit to [`RUBRIC`]; its id.
    fn new_visit_to(&self, unit: &str) -> String {
        let out = self.ok_en(&["new", "--unit", unit, "--rubric", RUBRIC]);
        out.trim_end().to_owned()
    }

    /// Everything a command could change, as the read commands print it.
    fn snapshot_of(&self, id: &str) -> String {
        [
            self.ok_en(&["show", id]),
            self.ok_en(&["history", id]),
            self.ok_en(&["list", "--format", "yaml"]),
            self.ok_en(&["trash"]),
        ]
        .concat()
    }

    /// Answers every item: `overrides` where given, else full marks.
    fn answer_all_but(&self, id: &str, overrides: &[(&str, &str)]) {
        for (item, best, _) in ITEMS {
            let value = overrides
                .iter()
                .find(|(over, _)| *over == item)
                .map_or(best, |(_, value)| value);
            self.ok_en(&["score", id, item, value]);
        }
    }

    fn show(&self, id: &str) -> String {
        self.ok_en(&["show", id])
    }

    fn history(&self, id: &str) -> Vec<Change> {
        self.ok_en(&["history", id])
            .lines()
            .map(Change::parse)
            .collect()
    }

    /// The lines of `onsite list` (English table).
    fn list(&self, extra: &[&str]) -> Vec<String> {
        let mut args = vec!["list"];
        args.extend(extra);
        self.ok_en(&args).lines().map(str::to_owned).collect()
    }
}

impl VisitCli for Sandbox {
    fn as_sandbox(&self) -> &Sandbox {
        self
    }
}

fn run(command: &mut Command) -> Run {
    let output = command.output().expect("run onsite");
    Run {
        code: output.status.code(),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    }
}

/// One line of `onsite history`: `#SEQ  TIME  WHO  WHAT`.
#[derive(Debug, PartialEq, Eq)]
struct Change {
    seq: u64,
    by: String,
    what: String,
}

impl Change {
    fn parse(line: &str) -> Change {
        let rest = line
            .strip_prefix('#')
            .expect("a history line starts with #");
        let (seq, rest) = rest.split_once(' ').expect("a number, then a space");
        let (_time, rest) = rest
            .trim_start()
            .split_once("  ")
            .expect("a time, then two spaces");
        let (by, what) = rest.split_once("  ").expect("a name, then two spaces");
        Change {
            seq: seq.parse().expect("a sequence number"),
            by: by.to_owned(),
            what: what.to_owned(),
        }
    }
}

fn change(seq: u64, by: &str, what: &str) -> Change {
    Change {
        seq,
        by: by.to_owned(),
        what: what.to_owned(),
    }
}

/// The `saved: …` line of an edit in English.
fn saved(what: &str, answered: usize, score: &str) -> String {
    format!("saved: {what} · {answered}/41 · score {score}\n")
}

/// Lines of `text` that are exactly `line`.
fn has_line(text: &str, line: &str) -> bool {
    text.lines().any(|l| l == line)
}

fn is_ulid(id: &str) -> bool {
    const CROCKFORD: &str = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    id.len() == 26 && id.chars().all(|c| CROCKFORD.contains(c)) && id < "8"
}

// ------------------------------------------------------------------------------------ new

#[test]
fn new_prints_only_the_id() {
    let sandbox = sandbox();
    let run = sandbox.en(&["new", "--unit", "Sở Văn hóa", "--rubric", RUBRIC]);
    assert_eq!(run.code, Some(0), "{run:?}");
    assert_eq!(run.stderr, "");
    let id = run.stdout.strip_suffix('\n').unwrap();
    assert!(is_ulid(id), "{run:?}");
    let listed = sandbox.list(&[]);
    assert_eq!(listed.len(), 1, "{listed:?}");
    assert!(listed[0].starts_with(&id[..12]), "{listed:?}");
}

/// The Vietnamese habit, day first, is the same date (issue 16, point 11).
#[rstest]
#[case::day_first("05/03/2026")]
#[case::one_digit_month("5/3/2026")]
#[case::iso("2026-03-05")]
fn new_takes_the_date_day_first_too(#[case] date: &str) {
    let sandbox = sandbox();
    let out = sandbox.ok_en(&[
        "new",
        "--unit",
        "Chi cục QLTT",
        "--rubric",
        RUBRIC,
        "--date",
        date,
    ]);
    let id = out.trim_end();
    assert!(sandbox.show(id).contains("date: 2026-03-05"), "{date}");
}

#[test]
fn new_records_unit_team_date_and_address() {
    let sandbox = sandbox();
    let out = sandbox.ok_en(&[
        "new",
        "--unit",
        "Trung tâm Văn hóa tỉnh",
        "--rubric",
        RUBRIC,
        "--kind",
        "đơn vị",
        "--address",
        "12 Lê Lợi, Huế",
        "--date",
        "2026-03-05",
        "--team",
        "Nguyễn Văn An:trưởng đoàn",
        "--team",
        "Trần Thị Bình:thư ký",
        "--team",
        "Lê Văn Cường:thanh-vien",
        "--team",
        "Phạm Dũng",
    ]);
    let id = out.trim_end();
    assert_eq!(
        sandbox.show(id),
        format!(
            "Trung tâm Văn hóa tỉnh (public unit)\n\
             address: 12 Lê Lợi, Huế\n\
             id: {id} · date: 2026-03-05 · status: draft\n\
             rubric: co-quan-dat-chuan-van-hoa 2025.1 · Culturally standard agency or public \
             service unit\n\
             team: Nguyễn Văn An (team leader), Trần Thị Bình (secretary), Lê Văn Cường (member), \
             Phạm Dũng (member)\n\
             progress: 0/41\n\
             score: 0/100 (provisional)\n  \
             1    Fulfils assigned tasks well                       0/30  0%\n  \
             2    Civilised lifestyle and workplace-culture envir…  0/40  0%\n  \
             3    Sets an example in following the Party's line a…  0/30  0%\n\
             verdict: incomplete\n\
             band: Does not meet the standard (provisional)\n\
             reasons:\n  \
             - 41 criteria not yet answered\n"
        )
    );
    let vi = sandbox.run_in("vi", &["show", id]);
    assert_eq!(vi.code, Some(0), "{vi:?}");
    assert!(
        vi.stdout
            .starts_with("Trung tâm Văn hóa tỉnh (đơn vị)\nđịa chỉ: 12 Lê Lợi, Huế\n"),
        "{vi:?}"
    );
    assert!(
        has_line(
            &vi.stdout,
            "đoàn kiểm tra: Nguyễn Văn An (trưởng đoàn), Trần Thị Bình (thư ký), \
             Lê Văn Cường (thành viên), Phạm Dũng (thành viên)"
        ),
        "{vi:?}"
    );
    assert_eq!(
        sandbox.history(id),
        [change(1, LAN, "visit created")],
        "the creator is recorded"
    );
}

#[rstest]
#[case::vietnamese("cơ quan", "agency")]
#[case::slug("doanh-nghiep", "enterprise")]
#[case::english("Public unit", "public unit")]
#[case::vietnamese_capitals("Doanh Nghiệp", "enterprise")]
fn new_accepts_the_unit_kind_in_either_language(#[case] kind: &str, #[case] shown: &str) {
    let sandbox = sandbox();
    let out = sandbox.ok_en(&["new", "--unit", "X", "--rubric", RUBRIC, "--kind", kind]);
    let show = sandbox.show(out.trim_end());
    assert!(show.starts_with(&format!("X ({shown})\n")), "{show}");
}

/// Issue 14: a rubric's `unit_kinds` names the kinds of unit it is written for. A visit to
/// another kind is still made (exit 0, the id on stdout, the visit in the store), with one
/// warning on stderr, in the CLI's language, that says how to undo it.
#[rstest]
#[case::en(
    "en",
    "warning: rubric co-quan-dat-chuan-van-hoa@2026.1 is written for units of kind agency, \
     public unit, not enterprise; visit {id} was created anyway. If that was a mistake, delete \
     it (`onsite delete {id} --yes`) and create it again with the right --rubric (see `onsite \
     rubric list`)"
)]
#[case::vi(
    "vi",
    "cảnh báo: bộ tiêu chí co-quan-dat-chuan-van-hoa@2026.1 dành cho cơ quan, đơn vị, không \
     dành cho doanh nghiệp; lần kiểm tra {id} vẫn được tạo. Nếu chọn nhầm, hãy xóa (`onsite \
     delete {id} --yes`) rồi tạo lại với --rubric phù hợp (xem `onsite rubric list`)"
)]
fn new_warns_when_the_rubric_is_not_for_the_unit_kind(#[case] lang: &str, #[case] warning: &str) {
    let sandbox = sandbox();
    let args = [
        "new",
        "--unit",
        "Công ty cổ phần Sông Đà",
        "--rubric",
        "co-quan-dat-chuan-van-hoa",
        "--kind",
        "doanh nghiệp",
    ];
    let run = sandbox.run_in(lang, &args);
    assert_eq!(run.code, Some(0), "{run:?}");
    let id = run.stdout.trim_end();
    assert!(is_ulid(id), "{run:?}");
    assert_eq!(run.stderr, format!("{}\n", warning.replace("{id}", id)));
    let show = sandbox.show(id);
    assert!(
        show.starts_with("Công ty cổ phần Sông Đà (enterprise)\n"),
        "{show}"
    );
}

/// No warning where the rubric is for the unit's kind, or names no kinds at all.
#[rstest]
#[case::enterprise("doanh-nghiep-dat-chuan-van-hoa", "doanh nghiệp")]
#[case::enterprise_slug("doanh-nghiep-dat-chuan-van-hoa", "doanh-nghiep")]
#[case::agency("co-quan-dat-chuan-van-hoa", "cơ quan")]
#[case::public_unit("co-quan-dat-chuan-van-hoa", "public unit")]
#[case::checklist_public_unit("van-hoa-cong-so", "đơn vị")]
#[case::any_kind_before_unit_kinds("co-quan-dat-chuan-van-hoa@2025.1", "doanh nghiệp")]
fn new_does_not_warn_when_the_rubric_fits_the_unit_kind(#[case] rubric: &str, #[case] kind: &str) {
    let sandbox = sandbox();
    let out = sandbox.ok_en(&["new", "--unit", "X", "--rubric", rubric, "--kind", kind]);
    assert!(is_ulid(out.trim_end()), "{out}");
}

/// Without `--as`, `ONSITE_INSPECTOR` or `inspector:` in the config, nothing records a name, so
/// `new` refuses and says how to give one.
#[rstest]
#[case::english(
    "en",
    "who is scoring? Every change records a name. Add `inspector: Your Name` to {config}, \
     or pass --as \"Your Name\", or set ONSITE_INSPECTOR"
)]
#[case::vietnamese(
    "vi",
    "ai đang chấm? Mọi thay đổi đều ghi tên người chấm. Thêm dòng `inspector: Họ Tên` vào \
     {config}, hoặc dùng --as \"Họ Tên\", hoặc đặt biến ONSITE_INSPECTOR"
)]
fn new_needs_an_inspector_name(#[case] lang: &str, #[case] message: &str) {
    let sandbox = sandbox();
    let run = run(sandbox
        .onsite_in_default_lang()
        .args(["--lang", lang, "new", "--unit", "X", "--rubric", RUBRIC]));
    assert_eq!(run.code, Some(1), "{run:?}");
    assert_eq!(run.stdout, "");
    let config = sandbox.path("config.yaml");
    let message = message.replace("{config}", &config.display().to_string());
    assert_eq!(run.stderr, format!("{message}\n"));
    assert_eq!(sandbox.ok_en(&["list", "--format", "yaml"]), "[]\n");
}

#[test]
fn new_refuses_a_blank_inspector_name() {
    let sandbox = sandbox();
    let run = run(sandbox.onsite_in_default_lang().args([
        "--lang", "en", "--as", "  ", "new", "--unit", "X", "--rubric", RUBRIC,
    ]));
    assert_eq!(run.code, Some(1), "{run:?}");
    assert!(run.stderr.starts_with("who is scoring? "), "{run:?}");
}

#[test]
fn inspector_comes_from_flag_then_env_then_config() {
    let sandbox = sandbox();
    sandbox.write_config("inspector: Hoàng Văn Config\n");
    let new = ["--lang", "en", "new", "--unit", "X", "--rubric", RUBRIC];

    let from_config = run(sandbox.onsite_in_default_lang().args(new));
    assert_eq!(from_config.code, Some(0), "{from_config:?}");
    let id = from_config.stdout.trim_end();

    let from_env = run(sandbox
        .onsite_in_default_lang()
        .env("ONSITE_INSPECTOR", "Env Name")
        .args(["--lang", "en", "score", id, "1.1", "1"]));
    assert_eq!(from_env.code, Some(0), "{from_env:?}");
    let from_flag = run(sandbox
        .onsite_in_default_lang()
        .env("ONSITE_INSPECTOR", "Env Name")
        .args(["--lang", "en", "--as", "Flag Name", "score", id, "1.1", "2"]));
    assert_eq!(from_flag.code, Some(0), "{from_flag:?}");

    let by: Vec<String> = sandbox.history(id).into_iter().map(|c| c.by).collect();
    assert_eq!(by, ["Hoàng Văn Config", "Env Name", "Flag Name"]);
}

#[test]
fn new_uses_the_default_rubric_and_language_of_the_config() {
    let sandbox = sandbox();
    sandbox.write_config("inspector: Hà\nlang: en\ndefault_rubric: van-hoa-cong-so\n");
    let created = run(sandbox
        .onsite_in_default_lang()
        .args(["new", "--unit", "Phòng Nội vụ"]));
    assert_eq!(created.code, Some(0), "{created:?}");
    let id = created.stdout.trim_end();
    let show = run(sandbox.onsite_in_default_lang().args(["show", id]));
    assert!(
        has_line(
            &show.stdout,
            "rubric: van-hoa-cong-so 2026.1 · Office culture"
        ),
        "{show:?}"
    );
    assert!(has_line(&show.stdout, "progress: 0/25"), "{show:?}");
    assert_eq!(sandbox.history(id), [change(1, "Hà", "visit created")]);
}

/// Each refused `new` prints one line and creates nothing.
#[rstest]
#[case::impossible_date(
    &["--date", "2026-02-30"],
    "\"2026-02-30\" is not a date; write DD/MM/YYYY or YYYY-MM-DD, e.g. 28/11/2026"
)]
#[case::impossible_day_first_date(
    &["--date", "30/02/2026"],
    "\"30/02/2026\" is not a date; write DD/MM/YYYY or YYYY-MM-DD, e.g. 28/11/2026"
)]
#[case::unknown_role(
    &["--team", "Nguyễn Văn An:sếp"],
    "role \"sếp\" is not known; use one of: team leader, deputy team leader, member, secretary"
)]
fn new_refuses_bad_input_and_creates_nothing(#[case] extra: &[&str], #[case] message: &str) {
    let sandbox = sandbox();
    let mut args = vec!["new", "--unit", "X", "--rubric", RUBRIC];
    args.extend(extra);
    assert_eq!(sandbox.refused(&args), message);
    assert!(
        !sandbox.path("data").exists(),
        "refused before opening the store"
    );
    assert_eq!(sandbox.ok_en(&["list", "--format", "yaml"]), "[]\n");
}

#[test]
fn new_refuses_an_unknown_unit_kind() {
    let sandbox = sandbox();
    let message = sandbox.refused(&["new", "--unit", "X", "--rubric", RUBRIC, "--kind", "xyz"]);
    assert!(
        message.ends_with("\"xyz\" is not known; use one of: agency, public unit, enterprise"),
        "{message}"
    );
    assert_eq!(sandbox.ok_en(&["list", "--format", "yaml"]), "[]\n");
}

#[test]
fn new_refuses_an_unknown_rubric_naming_the_available_ones() {
    let sandbox = sandbox();
    let message = sandbox.refused(&["new", "--unit", "X", "--rubric", "nope"]);
    assert!(
        message.starts_with("no rubric \"nope\"; available: "),
        "{message}"
    );
    assert!(
        message.contains("co-quan-dat-chuan-van-hoa@2025.1"),
        "{message}"
    );
    assert!(message.contains("van-hoa-cong-so@2025.1"), "{message}");
    assert_eq!(sandbox.ok_en(&["list", "--format", "yaml"]), "[]\n");
}

#[test]
fn new_without_rubric_or_default_says_how_to_choose_one() {
    let sandbox = sandbox();
    assert_eq!(
        sandbox.refused(&["new", "--unit", "X"]),
        "which rubric? pass --rubric ID (see `onsite rubric list`) or set default_rubric in the \
         settings file"
    );
    assert_eq!(sandbox.ok_en(&["list", "--format", "yaml"]), "[]\n");
}

#[test]
fn new_refuses_a_blank_unit_name() {
    let sandbox = sandbox();
    sandbox.refused(&["new", "--unit", "  ", "--rubric", RUBRIC]);
    assert_eq!(sandbox.ok_en(&["list", "--format", "yaml"]), "[]\n");
}

#[test]
fn new_says_the_unit_name_is_blank() {
    let sandbox = sandbox();
    let message = sandbox.refused(&["new", "--unit", "  ", "--rubric", RUBRIC]);
    assert!(!message.contains("use one of"), "{message}");
    assert!(message.contains("--unit"), "{message}");
}

// ---------------------------------------------------------------------------------- score

/// One answer on a fresh visit: the `saved:` line, then what `show` and `history` say.
#[rstest]
#[case::points("1.1", "4.5", "4.5", "4.5")]
#[case::points_comma("1.1", "2,5", "2.5", "2.5")]
#[case::points_zero("1.1", "0", "0", "0")]
#[case::points_max("1.1", "5", "5", "5")]
#[case::points_padded("1.1", " 3.50 ", "3.5", "3.5")]
#[case::whole_step("1.4", "2", "2", "2")]
#[case::pass("1.9", "pass", "pass", "2")]
#[case::fail("1.9", "fail", "fail", "0")]
#[case::one_is_pass("1.9", "1", "pass", "2")]
#[case::dat("2.16", "đạt", "pass", "3")]
#[case::dat_capital("2.16", "Đạt", "pass", "3")]
#[case::khong_dat("2.16", "không đạt", "fail", "0")]
#[case::khong_dat_plain("2.16", "khong dat", "fail", "0")]
#[case::level_number("2.6", "2", "Fair", "3.5")]
#[case::level_last("2.6", "4", "Poor", "0")]
#[case::level_english_label("2.6", "fair", "Fair", "3.5")]
#[case::level_vietnamese_label("3.2", "Tốt", "Good", "5")]
#[case::level_long_label("1.3", "60% to under 80%", "60% to under 80%", "1.5")]
#[case::na_check("2.16", "na", "N/A", "0")]
#[case::na_slash("1.10", "N/A", "N/A", "0")]
#[case::na_vietnamese("2.3", "không áp dụng", "N/A", "0")]
#[case::na_points("1.6", "na", "N/A", "0")]
fn score_accepts_every_kind_of_answer(
    #[case] item: &str,
    #[case] typed: &str,
    #[case] shown: &str,
    #[case] score: &str,
) {
    let sandbox = sandbox();
    let id = sandbox.new_visit_to("X");
    let out = sandbox.ok_en(&["score", &id, item, typed]);
    assert_eq!(
        out,
        saved(
            &format!("criterion {item} = {shown}"),
            1,
            &format!("{score}/100 (provisional)")
        )
    );
    let show = sandbox.show(&id);
    assert!(has_line(&show, "progress: 1/41"), "{show}");
    assert!(
        has_line(&show, &format!("score: {score}/100 (provisional)")),
        "{show}"
    );
    assert_eq!(
        sandbox.history(&id)[1..],
        [change(2, LAN, &format!("criterion {item}: — → {shown}"))]
    );
}

#[rstest]
#[case::word("clear")]
#[case::dash("-")]
#[case::vietnamese("xóa")]
fn score_clear_takes_the_answer_back(#[case] word: &str) {
    let sandbox = sandbox();
    let id = sandbox.new_visit_to("X");
    sandbox.ok_en(&["score", &id, "1.1", "4"]);
    let out = sandbox.ok_en(&["score", &id, "1.1", "--", word]);
    assert_eq!(out, saved("criterion 1.1 = —", 0, "0/100 (provisional)"));
    assert!(has_line(&sandbox.show(&id), "progress: 0/41"));
    assert_eq!(
        sandbox.history(&id)[2..],
        [change(3, LAN, "criterion 1.1: 4 → —")]
    );
}

#[test]
fn score_with_the_same_answer_changes_nothing() {
    let sandbox = sandbox();
    let id = sandbox.new_visit_to("X");
    sandbox.ok_en(&["score", &id, "2.6", "Good"]);
    let before = sandbox.snapshot_of(&id);
    assert_eq!(
        sandbox.ok_en(&["score", &id, "2.6", "1"]),
        "unchanged: it already had that value\n"
    );
    assert_eq!(sandbox.snapshot_of(&id), before);
}

/// A refused answer prints one line, exits 1 and leaves the visit as it was.
#[rstest]
#[case::above_max("1.1", "7", "criterion 1.1: the score must be between 0 and 5")]
#[case::negative("1.1", "-1", "criterion 1.1: the score must be between 0 and 5")]
#[case::off_half_step("1.1", "1.3", "criterion 1.1: the score must be a multiple of 0.5")]
#[case::off_whole_step("1.4", "1.5", "criterion 1.4: the score must be a multiple of 1")]
#[case::na_on_points("1.1", "na", "criterion 1.1: this criterion may not be marked N/A")]
#[case::na_on_critical("3.4", "n/a", "criterion 3.4: this criterion may not be marked N/A")]
#[case::level_above(
    "2.6",
    "5",
    "criterion 2.6: \"5\" is not an answer here; expected a level 1 to 4 or a level's name, na or clear"
)]
#[case::level_zero(
    "2.6",
    "0",
    "criterion 2.6: \"0\" is not an answer here; expected a level 1 to 4 or a level's name, na or clear"
)]
#[case::level_unknown_name(
    "1.3",
    "Excellent",
    "criterion 1.3: \"Excellent\" is not an answer here; expected a level 1 to 3 or a level's name, \
     na or clear"
)]
#[case::text_on_points(
    "1.1",
    "abc",
    "criterion 1.1: \"abc\" is not an answer here; expected a number such as 7 or 7.5, na or clear"
)]
#[case::pass_on_points(
    "1.1",
    "pass",
    "criterion 1.1: \"pass\" is not an answer here; expected a number such as 7 or 7.5, na or clear"
)]
#[case::text_on_check(
    "2.16",
    "maybe",
    "criterion 2.16: \"maybe\" is not an answer here; expected pass or fail, na or clear"
)]
#[case::number_on_check(
    "2.16",
    "3",
    "criterion 2.16: \"3\" is not an answer here; expected pass or fail, na or clear"
)]
#[case::empty(
    "1.1",
    "",
    "criterion 1.1: \"\" is not an answer here; expected a number such as 7 or 7.5, na or clear"
)]
#[case::unknown_item(
    "9.9",
    "1",
    "no criterion \"9.9\" in this visit's rubric; see `onsite rubric show`"
)]
#[case::section_id(
    "1",
    "1",
    "no criterion \"1\" in this visit's rubric; see `onsite rubric show`"
)]
fn score_refuses_a_bad_answer_and_changes_nothing(
    #[case] item: &str,
    #[case] value: &str,
    #[case] message: &str,
) {
    let sandbox = sandbox();
    let id = sandbox.new_visit_to("X");
    sandbox.ok_en(&["score", &id, "1.1", "3", "--note", "có báo cáo"]);
    sandbox.ok_en(&["score", &id, "2.6", "Good"]);
    let before = sandbox.snapshot_of(&id);
    assert_eq!(sandbox.refused(&["score", &id, "--", item, value]), message);
    assert_eq!(sandbox.snapshot_of(&id), before);
}

#[rstest]
#[case::out_of_range("1.1", "7", "tiêu chí 1.1: điểm phải từ 0 đến 5")]
#[case::na_not_allowed(
    "1.1",
    "na",
    "tiêu chí 1.1: tiêu chí này không được đánh không áp dụng"
)]
#[case::not_pass_fail(
    "2.16",
    "có lẽ",
    "tiêu chí 2.16: \"có lẽ\" không phải kết quả chấm hợp lệ; cần đạt (pass) hoặc không đạt (fail), \
     na hoặc clear"
)]
#[case::unknown_item(
    "9.9",
    "1",
    "bộ tiêu chí của lần kiểm tra này không có tiêu chí \"9.9\"; xem `onsite rubric show`"
)]
fn score_refuses_in_vietnamese(#[case] item: &str, #[case] value: &str, #[case] message: &str) {
    let sandbox = sandbox();
    let id = sandbox.new_visit_to("X");
    let before = sandbox.snapshot_of(&id);
    assert_eq!(
        sandbox.refused_in("vi", &["score", &id, item, value]),
        message
    );
    assert_eq!(sandbox.snapshot_of(&id), before);
}

#[test]
fn score_speaks_vietnamese_by_default() {
    let sandbox = sandbox();
    let id = sandbox.new_visit_to("X");
    let run = run(sandbox
        .onsite_in_default_lang()
        .env("ONSITE_INSPECTOR", LAN)
        .args(["score", &id, "2.6", "khá"]));
    assert_eq!(run.code, Some(0), "{run:?}");
    assert_eq!(
        run.stdout,
        "đã lưu: tiêu chí 2.6 = Khá · 1/41 · điểm 3.5/100 (tạm tính)\n"
    );
}

/// Text typed with combining accents (NFD: some Vietnamese keyboards and macOS) reads the same
/// as precomposed text (NFC).
#[rstest]
#[case::khong_dat("2.16", "kho\u{302}ng đa\u{323}t", "fail")]
#[case::level_label("2.6", "Kha\u{301}", "Fair")]
fn score_reads_decomposed_vietnamese(#[case] item: &str, #[case] typed: &str, #[case] shown: &str) {
    let sandbox = sandbox();
    let id = sandbox.new_visit_to("X");
    let out = sandbox.ok_en(&["score", &id, item, typed]);
    assert!(
        out.starts_with(&format!("saved: criterion {item} = {shown} ·")),
        "{out}"
    );
}

#[test]
fn score_refuses_an_unknown_visit() {
    let sandbox = sandbox();
    let id = sandbox.new_visit_to("X");
    let before = sandbox.snapshot_of(&id);
    assert_eq!(
        sandbox.refused(&["score", "ZZZ", "1.1", "1"]),
        "no visit matches \"ZZZ\"; see `onsite list` for ids"
    );
    assert_eq!(sandbox.snapshot_of(&id), before);
}

#[test]
fn score_refuses_an_ambiguous_prefix() {
    let sandbox = sandbox();
    let first = sandbox.new_visit_to("Sở Nội vụ");
    let second = sandbox.new_visit_to("Sở Y tế");
    let before = [sandbox.snapshot_of(&first), sandbox.snapshot_of(&second)];
    let message = sandbox.refused(&["score", "0", "1.1", "1"]);
    assert!(message.starts_with("\"0\" matches 2 visits ("), "{message}");
    assert!(message.contains(&format!("{first} Sở Nội vụ")), "{message}");
    assert!(message.contains(&format!("{second} Sở Y tế")), "{message}");
    assert!(message.ends_with("); type more of the id"), "{message}");
    assert_eq!(
        [sandbox.snapshot_of(&first), sandbox.snapshot_of(&second)],
        before
    );
}

#[test]
fn visits_are_named_by_a_unique_prefix_in_any_case() {
    let sandbox = sandbox();
    let first = sandbox.new_visit_to("A");
    let second = sandbox.new_visit_to("B");
    let common = first
        .chars()
        .zip(second.chars())
        .take_while(|(a, b)| a == b)
        .count();
    let prefix = first[..=common].to_lowercase();
    sandbox.ok_en(&["score", &prefix, "1.1", "4"]);
    assert!(has_line(
        &sandbox.show(&first.to_lowercase()),
        "progress: 1/41"
    ));
    assert!(has_line(&sandbox.show(&second), "progress: 0/41"));
}

// ------------------------------------------------------------------- note and findings

#[test]
fn score_with_a_note_saves_both() {
    let sandbox = sandbox();
    let id = sandbox.new_visit_to("X");
    let out = sandbox.ok_en(&[
        "score",
        &id,
        "2.16",
        "fail",
        "--note",
        "thu phí gửi xe 5.000đ",
    ]);
    assert_eq!(
        out,
        saved("criterion 2.16 = fail", 1, "0/100 (provisional)")
    );
    assert_eq!(
        sandbox.history(&id)[1..],
        [
            change(2, LAN, "criterion 2.16: — → fail"),
            change(3, LAN, "criterion 2.16: note «thu phí gửi xe 5.000đ»"),
        ]
    );
}

#[test]
fn score_with_a_note_refuses_a_bad_answer_before_the_note() {
    let sandbox = sandbox();
    let id = sandbox.new_visit_to("X");
    let before = sandbox.snapshot_of(&id);
    sandbox.refused(&["score", &id, "1.1", "9", "--note", "ghi chú"]);
    assert_eq!(sandbox.snapshot_of(&id), before);
}

#[test]
fn note_sets_and_clears_an_items_note() {
    let sandbox = sandbox();
    let id = sandbox.new_visit_to("X");
    assert_eq!(
        sandbox.ok_en(&["note", &id, "1.2", "2 người chưa đạt LĐTT"]),
        saved("criterion 1.2", 0, "0/100 (provisional)")
    );
    assert_eq!(
        sandbox.ok_en(&["note", &id, "1.2", "2 người chưa đạt LĐTT"]),
        "unchanged: it already had that value\n"
    );
    sandbox.ok_en(&["note", &id, "1.2", ""]);
    assert_eq!(
        sandbox.history(&id)[1..],
        [
            change(2, LAN, "criterion 1.2: note «2 người chưa đạt LĐTT»"),
            change(3, LAN, "criterion 1.2: note cleared"),
        ]
    );
    let before = sandbox.snapshot_of(&id);
    assert_eq!(
        sandbox.refused(&["note", &id, "9.9", "x"]),
        "no criterion \"9.9\" in this visit's rubric; see `onsite rubric show`"
    );
    assert_eq!(sandbox.snapshot_of(&id), before);
}

#[test]
fn findings_sets_each_of_the_four_texts() {
    let sandbox = sandbox();
    let id = sandbox.new_visit_to("X");
    let out = sandbox.ok_en(&[
        "findings",
        &id,
        "--strengths",
        "Cơ quan sạch đẹp",
        "--shortcomings",
        "Thiếu biển tên phòng",
        "--recommendations",
        "Bổ sung biển tên",
        "--conclusion",
        "Đề nghị công nhận",
    ]);
    assert_eq!(out, saved("findings", 0, "0/100 (provisional)"));
    sandbox.ok_en(&["findings", &id, "--conclusion", "Chưa đề nghị công nhận"]);
    assert_eq!(
        sandbox.history(&id)[1..],
        [
            change(2, LAN, "strengths: «Cơ quan sạch đẹp»"),
            change(3, LAN, "shortcomings: «Thiếu biển tên phòng»"),
            change(4, LAN, "recommendations: «Bổ sung biển tên»"),
            change(5, LAN, "conclusion: «Đề nghị công nhận»"),
            change(6, LAN, "conclusion: «Chưa đề nghị công nhận»"),
        ]
    );
    assert_eq!(
        sandbox.ok_en(&["findings", &id, "--strengths", "Cơ quan sạch đẹp"]),
        "unchanged: it already had that value\n"
    );
}

#[test]
fn findings_without_a_flag_is_refused() {
    let sandbox = sandbox();
    let id = sandbox.new_visit_to("X");
    let before = sandbox.snapshot_of(&id);
    assert_eq!(
        sandbox.refused(&["findings", &id]),
        "nothing to set: give at least one of the options (see --help)"
    );
    assert_eq!(sandbox.snapshot_of(&id), before);
}

// ----------------------------------------------------------------------------------- show

#[test]
fn show_lists_a_failed_critical_item_before_the_visit_is_complete() {
    let sandbox = sandbox();
    let id = sandbox.new_visit_to("X");
    sandbox.ok_en(&["score", &id, "1.1", "4"]);
    sandbox.ok_en(&["score", &id, "2.16", "fail"]);
    let show = sandbox.show(&id);
    let tail: Vec<&str> = show
        .lines()
        .skip_while(|l| !l.starts_with("progress"))
        .collect();
    assert_eq!(
        tail,
        [
            "progress: 2/41",
            "score: 4/100 (provisional)",
            "  1    Fulfils assigned tasks well                       4/30  13.3%",
            "  2    Civilised lifestyle and workplace-culture envir…  0/40  0%",
            "  3    Sets an example in following the Party's line a…  0/30  0%",
            "verdict: incomplete",
            "band: Does not meet the standard (provisional)",
            "reasons:",
            "  - 39 criteria not yet answered",
            "  - mandatory criterion 2.16 failed",
            "mandatory criteria failed:",
            "  2.16  No parking fee charged to visitors",
        ]
    );
    let vi = sandbox.run_in("vi", &["show", &id]);
    for line in [
        "tiến độ: 2/41",
        "kết quả: chưa chấm xong",
        "tiêu chí bắt buộc không đạt:",
        "  2.16  Không thu phí gửi xe của người đến giao dịch, làm việc",
    ] {
        assert!(has_line(&vi.stdout, line), "{line}: {vi:?}");
    }
}

#[test]
fn show_passes_a_visit_with_full_marks() {
    let sandbox = sandbox();
    let id = sandbox.new_visit_to("X");
    sandbox.answer_all_but(&id, &[]);
    let show = sandbox.show(&id);
    let tail: Vec<&str> = show
        .lines()
        .skip_while(|l| !l.starts_with("progress"))
        .collect();
    assert_eq!(
        tail,
        [
            "progress: 41/41",
            "score: 100/100",
            "  1    Fulfils assigned tasks well                       30/30  100%",
            "  2    Civilised lifestyle and workplace-culture envir…  40/40  100%",
            "  3    Sets an example in following the Party's line a…  30/30  100%",
            "verdict: pass",
            "band: Exemplary",
        ]
    );
}

#[test]
fn show_fails_a_complete_visit_on_a_critical_item_despite_its_score() {
    let sandbox = sandbox();
    let id = sandbox.new_visit_to("X");
    sandbox.answer_all_but(&id, &[("2.16", "fail")]);
    let show = sandbox.show(&id);
    let tail: Vec<&str> = show
        .lines()
        .skip_while(|l| !l.starts_with("progress"))
        .collect();
    assert_eq!(
        tail,
        [
            "progress: 41/41",
            "score: 97/100",
            "  1    Fulfils assigned tasks well                       30/30  100%",
            "  2    Civilised lifestyle and workplace-culture envir…  37/40  92.5%",
            "  3    Sets an example in following the Party's line a…  30/30  100%",
            "verdict: fail",
            // No band: "Exemplary" beside "fail" was the bug of issue 14.
            "reasons:",
            "  - mandatory criterion 2.16 failed",
            "mandatory criteria failed:",
            "  2.16  No parking fee charged to visitors",
        ]
    );
}

#[test]
fn show_gives_every_reason_a_complete_visit_fails() {
    let sandbox = sandbox();
    let id = sandbox.new_visit_to("X");
    let section_one_worst: Vec<(&str, &str)> = ITEMS
        .iter()
        .filter(|(item, _, _)| item.starts_with("1."))
        .map(|(item, _, worst)| (*item, *worst))
        .collect();
    sandbox.answer_all_but(&id, &section_one_worst);
    let show = sandbox.show(&id);
    let tail: Vec<&str> = show
        .lines()
        .skip_while(|l| !l.starts_with("progress"))
        .collect();
    assert_eq!(
        tail,
        [
            "progress: 41/41",
            "score: 70/100",
            "  1    Fulfils assigned tasks well                       0/30  0%",
            "  2    Civilised lifestyle and workplace-culture envir…  40/40  100%",
            "  3    Sets an example in following the Party's line a…  30/30  100%",
            "verdict: fail",
            "reasons:",
            "  - score 70 is below the pass mark 85",
            "  - standard 1 reached 0%, below the minimum 50%",
        ]
    );
}

#[test]
fn items_table_matches_the_shipped_rubric() {
    let sandbox = sandbox();
    let outline = sandbox.ok_en(&["rubric", "show", RUBRIC]);
    let ids: Vec<&str> = outline
        .lines()
        .filter_map(|line| line.strip_prefix("  "))
        .filter_map(|line| line.split_whitespace().next())
        .collect();
    let table: Vec<&str> = ITEMS.iter().map(|(id, _, _)| *id).collect();
    assert_eq!(ids, table);
}

// -------------------------------------------------------------------------------- history

#[test]
fn history_lists_every_change_in_order_with_its_author() {
    let sandbox = sandbox();
    let id = sandbox.new_visit_to("X");
    let binh = "Trần Văn Bình";
    let as_binh = |args: &[&str]| {
        let run = sandbox.en(&[&["--as", binh][..], args].concat());
        assert_eq!(run.code, Some(0), "{run:?}");
    };
    as_binh(&["score", &id, "1.1", "4"]);
    sandbox.ok_en(&["score", &id, "2.16", "fail", "--note", "thu phí"]);
    sandbox.ok_en(&["findings", &id, "--conclusion", "Chưa đạt"]);
    as_binh(&["score", &id, "1.1", "4.5"]);
    sandbox.ok_en(&["score", &id, "2.6", "Fair"]);
    sandbox.ok_en(&["undo", &id]);

    assert_eq!(
        sandbox.history(&id),
        [
            change(1, LAN, "visit created"),
            change(2, binh, "criterion 1.1: — → 4"),
            change(3, LAN, "criterion 2.16: — → fail"),
            change(4, LAN, "criterion 2.16: note «thu phí»"),
            change(5, LAN, "conclusion: «Chưa đạt»"),
            change(6, binh, "criterion 1.1: 4 → 4.5"),
            change(7, LAN, "criterion 2.6: — → Fair"),
            change(8, LAN, "undo #7: criterion 2.6: Fair → —"),
        ]
    );
    let only = |item: &str| -> Vec<u64> {
        sandbox
            .ok(&["history", &id, "--item", item])
            .lines()
            .map(|line| Change::parse(line).seq)
            .collect()
    };
    assert_eq!(only("1.1"), [2, 6]);
    assert_eq!(only("2.16"), [3, 4]);
    assert_eq!(only("2.6"), [7, 8]);
    assert_eq!(only("3.1"), [] as [u64; 0]);

    let vi = sandbox.run_in("vi", &["history", &id, "--item", "2.16"]);
    let what: Vec<String> = vi.stdout.lines().map(|l| Change::parse(l).what).collect();
    assert_eq!(what[0], "tiêu chí 2.16: — → không đạt", "{vi:?}");
}

// ------------------------------------------------------------------------------ undo, redo

#[test]
fn undo_and_redo_walk_answers_and_notes_back_and_forth() {
    let sandbox = sandbox();
    let id = sandbox.new_visit_to("X");
    assert_eq!(sandbox.refused(&["undo", &id]), "nothing to undo");
    assert_eq!(sandbox.refused(&["redo", &id]), "nothing to redo");

    sandbox.ok_en(&["score", &id, "1.1", "3", "--note", "n1"]); // #2 answer, #3 note
    sandbox.ok_en(&["score", &id, "1.1", "4"]); // #4
    sandbox.ok_en(&["note", &id, "1.1", "n2"]); // #5
    let provisional = |score: &str| format!("{score}/100 (provisional)");

    assert_eq!(
        sandbox.ok_en(&["undo", &id]),
        saved("undo #5: criterion 1.1: note «n1»", 1, &provisional("4"))
    );
    assert_eq!(
        sandbox.ok_en(&["undo", &id]),
        saved("undo #4: criterion 1.1: 4 → 3", 1, &provisional("3"))
    );
    assert_eq!(
        sandbox.ok_en(&["redo", &id]),
        saved("redo #4: criterion 1.1: 3 → 4", 1, &provisional("4"))
    );
    assert_eq!(
        sandbox.ok_en(&["redo", &id]),
        saved("redo #5: criterion 1.1: note «n2»", 1, &provisional("4"))
    );
    let before = sandbox.snapshot_of(&id);
    assert_eq!(sandbox.refused(&["redo", &id]), "nothing to redo");
    assert_eq!(sandbox.snapshot_of(&id), before);

    for _ in 0..4 {
        sandbox.ok_en(&["undo", &id]);
    }
    assert!(has_line(&sandbox.show(&id), "progress: 0/41"));
    let before = sandbox.snapshot_of(&id);
    assert_eq!(sandbox.refused(&["undo", &id]), "nothing to undo");
    assert_eq!(sandbox.snapshot_of(&id), before);

    // A fresh edit after an undo drops what could have been redone.
    sandbox.ok_en(&["redo", &id]);
    sandbox.ok_en(&["score", &id, "1.1", "1"]);
    assert_eq!(sandbox.refused(&["redo", &id]), "nothing to redo");
    assert_eq!(
        sandbox.ok_en(&["undo", &id]),
        saved("undo #15: criterion 1.1: 1 → 3", 1, &provisional("3"))
    );
}

#[test]
fn undo_takes_back_a_findings_change() {
    let sandbox = sandbox();
    let id = sandbox.new_visit_to("X");
    sandbox.ok_en(&["findings", &id, "--strengths", "a"]);
    sandbox.ok_en(&["findings", &id, "--strengths", "b"]);
    sandbox.ok_en(&["undo", &id]);
    let last = sandbox.history(&id).pop().unwrap();
    assert_eq!(last, change(4, LAN, "undo #3: strengths: «a»"));
}

#[test]
fn undo_in_vietnamese() {
    let sandbox = sandbox();
    let id = sandbox.new_visit_to("X");
    assert_eq!(
        sandbox.refused_in("vi", &["undo", &id]),
        "không còn gì để hoàn tác"
    );
    assert_eq!(
        sandbox.refused_in("vi", &["redo", &id]),
        "không còn gì để làm lại"
    );
}

// ------------------------------------------------------------------- finalize and reopen

#[test]
fn finalize_refuses_while_items_are_unanswered() {
    let sandbox = sandbox();
    let id = sandbox.new_visit_to("X");
    sandbox.ok_en(&["score", &id, "1.1", "5"]);
    let before = sandbox.snapshot_of(&id);
    assert_eq!(
        sandbox.refused(&["finalize", &id]),
        "40 criteria are still unanswered; answer them (or mark them na where allowed) before \
         finalizing"
    );
    assert_eq!(
        sandbox.refused_in("vi", &["finalize", &id]),
        "còn 40 tiêu chí chưa chấm; hãy chấm (hoặc đánh na ở tiêu chí cho phép) trước khi hoàn tất"
    );
    assert_eq!(sandbox.snapshot_of(&id), before);
}

#[test]
fn finalize_locks_the_visit_until_reopened_with_a_reason() {
    let sandbox = sandbox();
    let id = sandbox.new_visit_to("X");
    sandbox.answer_all_but(&id, &[("2.16", "na"), ("1.10", "na")]);
    assert_eq!(
        sandbox.ok_en(&["finalize", &id]),
        saved("finalized", 41, "100/100")
    );
    let show = sandbox.show(&id);
    assert!(show.contains(" · status: finalized\n"), "{show}");

    let before = sandbox.snapshot_of(&id);
    let locked = "the visit is finalized and read-only; `onsite reopen VISIT --reason …` to \
                  change it";
    for args in [
        &["score", &id, "1.1", "1"][..],
        &["score", &id, "1.1", "1", "--note", "x"],
        &["note", &id, "1.1", "x"],
        &["findings", &id, "--conclusion", "x"],
        &["undo", &id],
        &["redo", &id],
        &["finalize", &id],
    ] {
        assert_eq!(sandbox.refused(args), locked, "{args:?}");
    }
    assert_eq!(sandbox.snapshot_of(&id), before);

    // --reason is required by the parser (a usage error) …
    let missing = sandbox.en(&["reopen", &id]);
    assert_eq!(missing.code, Some(2), "{missing:?}");
    assert!(missing.stderr.contains("--reason"), "{missing:?}");
    // … and must say something.
    for blank in ["", "   "] {
        assert_eq!(
            sandbox.refused(&["reopen", &id, "--reason", blank]),
            "say why the visit is reopened: --reason \"…\""
        );
    }
    assert_eq!(sandbox.snapshot_of(&id), before);

    assert_eq!(
        sandbox.ok_en(&["reopen", &id, "--reason", "chấm lại mục 1.1"]),
        saved("reopened: chấm lại mục 1.1", 41, "100/100")
    );
    let history = sandbox.history(&id);
    assert_eq!(
        history[history.len() - 2..],
        [
            change(43, LAN, "finalized"),
            change(44, LAN, "reopened: chấm lại mục 1.1"),
        ]
    );
    // Undo does not reach back across the reopen.
    assert_eq!(sandbox.refused(&["undo", &id]), "nothing to undo");
    assert_eq!(
        sandbox.refused(&["reopen", &id, "--reason", "again"]),
        "the visit is not finalized; it can be edited as it is"
    );
    assert_eq!(
        sandbox.ok_en(&["score", &id, "1.1", "4"]),
        saved("criterion 1.1 = 4", 41, "98.9/100")
    );
}

#[test]
fn list_filters_by_status() {
    let sandbox = sandbox();
    let done = sandbox.new_visit_to("Sở Tư pháp");
    let draft = sandbox.new_visit_to("Sở Y tế");
    sandbox.answer_all_but(&done, &[]);
    sandbox.ok_en(&["finalize", &done]);

    let all = sandbox.list(&[]);
    assert_eq!(all.len(), 2, "{all:?}");
    assert!(all[0].starts_with(&draft[..12]), "newest first: {all:?}");
    assert!(all[1].starts_with(&done[..12]), "{all:?}");

    let finalized = sandbox.list(&["--status", "finalized"]);
    assert_eq!(finalized.len(), 1, "{finalized:?}");
    assert!(finalized[0].starts_with(&done[..12]), "{finalized:?}");
    for part in ["Sở Tư pháp", "finalized", "41/41", "100/100", "pass"] {
        assert!(finalized[0].contains(part), "{part}: {finalized:?}");
    }

    let drafts = sandbox.list(&["--status", "draft"]);
    assert_eq!(drafts.len(), 1, "{drafts:?}");
    assert!(drafts[0].starts_with(&draft[..12]), "{drafts:?}");
    for part in ["Sở Y tế", "draft", "0/41", "0/100", "incomplete"] {
        assert!(drafts[0].contains(part), "{part}: {drafts:?}");
    }
}

#[test]
fn list_with_a_status_that_matches_nothing_does_not_claim_there_are_no_visits() {
    let sandbox = sandbox();
    sandbox.new_visit_to("X");
    let out = sandbox.ok_en(&["list", "--status", "finalized"]);
    assert!(!out.starts_with("no visits yet"), "{out}");
}

// ---------------------------------------------------------------------- delete and restore

#[test]
fn delete_needs_yes() {
    let sandbox = sandbox();
    let id = sandbox.new_visit_to("X");
    let before = sandbox.snapshot_of(&id);
    assert_eq!(
        sandbox.refused(&["delete", &id]),
        format!("deleting moves visit {id} to the trash; add --yes to confirm")
    );
    assert_eq!(sandbox.snapshot_of(&id), before);
}

#[test]
fn delete_moves_to_the_trash_and_restore_brings_back() {
    let sandbox = sandbox();
    let id = sandbox.new_visit_to("Sở Xây dựng");
    let other = sandbox.new_visit_to("Sở Công thương");
    sandbox.ok_en(&["score", &id, "1.1", "4"]);
    assert_eq!(sandbox.ok_en(&["trash"]), "the trash is empty\n");

    assert_eq!(
        sandbox.ok_en(&["delete", &id, "--yes"]),
        format!("visit {id} is in the trash; `onsite restore {id}` brings it back\n")
    );
    let listed = sandbox.list(&[]);
    assert_eq!(listed.len(), 1, "{listed:?}");
    assert!(listed[0].starts_with(&other[..12]), "{listed:?}");
    let trash = sandbox.ok_en(&["trash"]);
    assert_eq!(trash.lines().count(), 1, "{trash}");
    assert!(trash.starts_with(&id[..12]), "{trash}");
    assert!(trash.contains("Sở Xây dựng"), "{trash}");

    let before = sandbox.snapshot_of(&id);
    let in_trash = "the visit is in the trash; `onsite restore VISIT` first";
    for args in [
        &["score", &id, "1.1", "1"][..],
        &["note", &id, "1.1", "x"],
        &["findings", &id, "--strengths", "x"],
        &["undo", &id],
        &["finalize", &id],
        &["delete", &id, "--yes"],
    ] {
        assert_eq!(sandbox.refused(args), in_trash, "{args:?}");
    }
    assert_eq!(sandbox.snapshot_of(&id), before);

    assert_eq!(
        sandbox.ok_en(&["restore", &id]),
        saved("restored from the trash", 1, "4/100 (provisional)")
    );
    assert_eq!(sandbox.list(&[]).len(), 2);
    assert_eq!(sandbox.ok_en(&["trash"]), "the trash is empty\n");
    assert_eq!(
        sandbox.refused(&["restore", &id]),
        "the visit is not in the trash"
    );
    let history = sandbox.history(&id);
    assert_eq!(
        history[2..],
        [
            change(3, LAN, "moved to the trash"),
            change(4, LAN, "restored from the trash"),
        ]
    );
    sandbox.ok_en(&["score", &id, "1.1", "5"]);
}

// ----------------------------------------------------------------------------- list, paths

#[test]
fn list_prints_yaml_that_parses() {
    let sandbox = sandbox();
    let first = sandbox.new_visit_to("Sở \"Văn hóa\": Thể thao");
    let second = sandbox.new_visit_to("Sở Y tế");
    sandbox.ok_en(&["score", &first, "1.1", "4.5"]);
    let text = sandbox.ok_en(&["list", "--format", "yaml"]);
    let value: yaml_serde::Value = yaml_serde::from_str(&text).unwrap();
    let visits = value.as_sequence().unwrap();
    assert_eq!(visits.len(), 2, "{text}");
    let field = |n: usize, key: &str| visits[n][key].clone();
    assert_eq!(field(0, "id").as_str(), Some(second.as_str()));
    assert_eq!(field(1, "id").as_str(), Some(first.as_str()));
    assert_eq!(field(1, "unit").as_str(), Some("Sở \"Văn hóa\": Thể thao"));
    assert_eq!(field(1, "rubric_id").as_str(), Some(RUBRIC_ID));
    assert_eq!(field(1, "status").as_str(), Some("draft"));
    assert_eq!(field(1, "answered").as_u64(), Some(1));
    assert_eq!(field(1, "item_count").as_u64(), Some(41));
    assert_eq!(field(1, "deleted").as_bool(), Some(false));
    let score = field(1, "score");
    let score = score
        .as_str()
        .map(str::to_owned)
        .or_else(|| score.as_f64().map(|f| f.to_string()));
    assert_eq!(score.as_deref(), Some("4.5"), "{text}");
}

#[test]
fn list_is_empty_at_first() {
    let sandbox = sandbox();
    assert_eq!(
        sandbox.ok_en(&["list"]),
        "no visits yet; start one with `onsite new --unit NAME --rubric ID`\n"
    );
    assert_eq!(sandbox.ok_en(&["list", "--format", "yaml"]), "[]\n");
    let vi = sandbox.run_in("vi", &["trash"]);
    assert_eq!(vi.stdout, "thùng rác trống\n");
}

#[test]
fn paths_prints_the_sandbox_paths() {
    let sandbox = sandbox();
    let shown = |name: &str| sandbox.path(name).display().to_string();
    let printed = sandbox.ok_en(&["paths"]);
    assert!(
        printed.starts_with(&format!(
            "config   {}\ndata     {}\nstore    {}\nrubrics  {}\nreports  {}\nevidence {}\ninbox    ",
            shown("config.yaml"),
            shown("data"),
            sandbox.path("data").join("store").display(),
            shown("rubrics"),
            // The folder onsite was started from (Linux), unless the settings file says.
            env!("CARGO_MANIFEST_DIR"),
            sandbox.path("data").join("evidence").display(),
        )),
        "{printed}"
    );
    // The default inbox: `onsite` in the Pictures folder.
    assert!(printed.trim_end().ends_with("onsite"), "{printed}");
    let reports = sandbox.path("my reports");
    let inbox = sandbox.path("anh");
    fs::write(
        sandbox.path("config.yaml"),
        format!(
            "reports_dir: {:?}\ninbox: {:?}\n",
            reports.display().to_string(),
            inbox.display().to_string()
        ),
    )
    .unwrap();
    let printed = sandbox.ok_en(&["paths"]);
    assert!(
        printed.contains(&format!("reports  {}\n", reports.display())),
        "{printed}"
    );
    assert!(
        printed.ends_with(&format!("inbox    {}\n", inbox.display())),
        "{printed}"
    );
}

// ------------------------------------------------------------------------------- isolation

#[test]
fn a_second_visit_does_not_leak_into_the_first() {
    let sandbox = sandbox();
    let first = sandbox.new_visit_to("A");
    sandbox.ok_en(&["score", &first, "1.1", "3"]);
    let before = sandbox.ok_en(&["show", &first]) + &sandbox.ok_en(&["history", &first]);

    let second = sandbox.new_visit_to("B");
    sandbox.ok_en(&["score", &second, "1.1", "5", "--note", "tốt"]);
    sandbox.ok_en(&["score", &second, "2.16", "fail"]);
    sandbox.ok_en(&["findings", &second, "--conclusion", "Không đạt"]);
    sandbox.ok_en(&["undo", &second]);

    assert_eq!(
        sandbox.ok_en(&["show", &first]) + &sandbox.ok_en(&["history", &first]),
        before
    );
    // Undo in the first visit takes back its own latest change, not the second's.
    assert_eq!(
        sandbox.ok_en(&["undo", &first]),
        saved("undo #2: criterion 1.1: 3 → —", 0, "0/100 (provisional)")
    );
    let second_show = sandbox.show(&second);
    assert!(has_line(&second_show, "progress: 2/41"), "{second_show}");
    assert!(has_line(
        &second_show,
        "  2.16  No parking fee charged to visitors"
    ));
}

#[test]
fn list_shows_the_newest_fifty_and_says_how_to_see_all() {
    let sandbox = sandbox();
    let ids: Vec<String> = (1..=52)
        .map(|n| sandbox.new_visit_to(&format!("Đội QLTT số {n}")))
        .collect();
    let page = sandbox.list(&[]);
    assert_eq!(page.len(), 51, "{page:?}");
    assert!(
        page[0].starts_with(&ids[51][..12]),
        "newest first: {page:?}"
    );
    assert!(page[49].starts_with(&ids[2][..12]));
    assert_eq!(
        page[50],
        "… only the newest 50 visits are shown; `onsite list --all` lists them all"
    );
    let all = sandbox.list(&["--all"]);
    assert_eq!(all.len(), 52);
    assert!(all[51].starts_with(&ids[0][..12]));
    let yaml = sandbox.ok_en(&["list", "--format", "yaml"]);
    let value: yaml_serde::Value = yaml_serde::from_str(&yaml).unwrap();
    assert_eq!(value.as_sequence().unwrap().len(), 52, "{yaml}");
    assert_eq!(
        sandbox.list(&["--status", "finalized"]),
        vec!["no visit matches".to_owned()]
    );
}

/// Issue 14, point 6: times that are not HH:MM, an end before the start and a team member
/// without a name are refused with exit 1, and nothing changes.
#[test]
fn bad_minutes_values_are_refused_and_change_nothing() {
    let sandbox = sandbox();
    let id = sandbox.new_visit_to("Cục QLTT Hà Tĩnh");
    sandbox.ok_en(&["minutes", &id, "--start", "08:30", "--end", "11:00"]);
    let before = sandbox.ok_en(&["history", &id]);
    for bad in ["25:00", "9:5", "\u{661}\u{662}:00", "8h30"] {
        let line = sandbox.refused(&["minutes", &id, "--start", bad]);
        assert!(line.contains("is not a time"), "{bad}: {line}");
    }
    let line = sandbox.refused(&["minutes", &id, "--end", "07:00"]);
    assert_eq!(
        line,
        "the end 07:00 is before the start 08:30; nothing was changed"
    );
    let line = sandbox.refused(&["minutes", &id, "--start", "12:00", "--end", "11:59"]);
    assert!(line.contains("before the start"), "{line}");
    assert_eq!(
        sandbox.ok_en(&["history", &id]),
        before,
        "nothing was recorded"
    );
    // One bad value refuses the whole command: the good number beside it is not recorded.
    for (flag, bad, says) in [
        ("--registered", "24", "is not a year"),
        ("--recognition", "lần ba", "is not a kind of recognition"),
        ("--copies", "0", "is not a number of copies"),
        ("--start", "11:30", "before the start"),
    ] {
        let mut args = vec!["minutes", &id, "--number", "12/BB-ĐKT", flag, bad];
        if flag == "--start" {
            args.extend(["--end", "10:00"]);
        }
        let line = sandbox.refused(&args);
        assert!(line.contains(says), "{flag} {bad}: {line}");
    }
    assert_eq!(
        sandbox.ok_en(&["history", &id]),
        before,
        "nothing was recorded"
    );
    let line = sandbox.refused(&[
        "new", "--unit", "X", "--rubric", RUBRIC, "--team", ":thu-ky",
    ]);
    assert!(line.contains("needs a name"), "{line}");
    let line = sandbox.refused(&[
        "new",
        "--unit",
        "X",
        "--rubric",
        RUBRIC,
        "--team",
        "Y:bí thư",
    ]);
    assert!(line.starts_with("role \"bí thư\" is not"), "{line}");
}

/// Issue 14, point 5: a deputy leader, and each member's position and agency, as the minutes
/// list them; the recognition details are recorded in one form.
#[test]
fn team_positions_and_recognition_details_are_recorded() {
    let sandbox = sandbox();
    let id = sandbox.ok_en(&[
        "new",
        "--unit",
        "X",
        "--rubric",
        RUBRIC,
        "--team",
        "Lê Văn An:trưởng đoàn:Phó Chủ tịch:LĐLĐ tỉnh Hà Tĩnh",
        "--team",
        "Hồ Thị Bé:phó trưởng đoàn",
    ]);
    let id = id.trim();
    sandbox.ok_en(&[
        "minutes",
        id,
        "--recognition",
        "Công nhận lại",
        "--registered",
        "2021",
        "--period",
        "2021–2025",
        "--copies",
        "03",
        "--start",
        "8:30",
    ]);
    let yaml = sandbox.ok_en(&["show", id, "--format", "yaml"]);
    for line in [
        "    position: \"Phó Chủ tịch\"\n    agency: \"LĐLĐ tỉnh Hà Tĩnh\"\n",
        "    role: \"phó trưởng đoàn\"\n",
        "  recognition: \"renewal\"\n  registered: \"2021\"\n  period: \"2021–2025\"\n",
        "  started: \"08:30\"\n",
        "  copies: \"3\"\n",
    ] {
        assert!(yaml.contains(line), "{line}\n{yaml}");
    }
    // The second member has no position: none is written.
    assert_eq!(yaml.matches("position:").count(), 1, "{yaml}");
}

/// Issue 14, point 7: the minutes' details belong to the minutes, not the score: they can be
/// set after finalize (recorded in history, undoable), while everything scored stays locked.
#[test]
fn the_minutes_details_stay_editable_after_finalize() {
    let sandbox = sandbox();
    let id = sandbox.new_visit_to("X");
    sandbox.answer_all_but(&id, &[("2.16", "na"), ("1.10", "na")]);
    sandbox.ok_en(&["finalize", &id]);
    let out = sandbox.ok_en(&["minutes", &id, "--number", "12/BB-ĐKT", "--start", "08:30"]);
    assert!(out.starts_with("saved: minutes details"), "{out}");
    let yaml = sandbox.ok_en(&["show", &id, "--format", "yaml"]);
    assert!(yaml.contains("  number: \"12/BB-ĐKT\"\n"), "{yaml}");
    assert!(yaml.contains("status: finalized\n"), "{yaml}");
    let history = sandbox.history(&id);
    assert_eq!(history.len(), 41 + 1 + 2 + 1, "{history:?}");
    sandbox.ok_en(&["undo", &id]);
    let yaml = sandbox.ok_en(&["show", &id, "--format", "yaml"]);
    assert!(yaml.contains("  started: \"\"\n"), "{yaml}");
    assert!(yaml.contains("  number: \"12/BB-ĐKT\"\n"), "{yaml}");
    sandbox.ok_en(&["undo", &id]);
    let locked = "the visit is finalized and read-only; `onsite reopen VISIT --reason …` to \
                  change it";
    assert_eq!(sandbox.refused(&["undo", &id]), locked);
    assert_eq!(
        sandbox.refused(&["findings", &id, "--conclusion", "x"]),
        locked
    );
}
