//! `onsite export --format xlsx` read back by an independent reader (calamine): sheet names,
//! header rows in the user's language, Vietnamese intact, numbers as numbers, dates as
//! dates, one row per visit and per visit × item; and `--format csv`'s two tables.

use std::fs;
use std::path::Path;

use crate::support::files::names;
use crate::support::sandbox::{CO_QUAN, CONG_SO, LAN, Sandbox};
use calamine::{Data, Reader, Xlsx};

const HA_TINH: &str = "Cục Quản lý thị trường tỉnh Hà Tĩnh";
const DONG_DA: &str = "Ủy ban nhân dân phường Đống Đa";

/// Two visits worth exporting (one with a note, an N/A, a level and findings) and one in
/// the trash, which no export includes; their ids.
fn visits(sandbox: &Sandbox) -> (String, String) {
    let co_quan = sandbox.new_visit(CO_QUAN, HA_TINH, &[]);
    sandbox.ok_quiet(&[
        "score",
        &co_quan,
        "1.1",
        "4.5",
        "--note",
        "Đạt 9/10 chỉ tiêu",
    ]);
    sandbox.ok_quiet(&["score", &co_quan, "1.6", "na"]);
    sandbox.ok_quiet(&["score", &co_quan, "2.6", "Khá"]);
    sandbox.ok_quiet(&["findings", &co_quan, "--strengths", "Đoàn kết, kỷ cương"]);
    let cong_so = sandbox.new_visit(CONG_SO, DONG_DA, &[]);
    sandbox.ok_quiet(&["score", &cong_so, "1.1", "fail", "--note", "Thiếu thẻ"]);
    let trashed = sandbox.new_visit(CONG_SO, "Trong thùng rác", &[]);
    sandbox.ok_quiet(&["delete", &trashed, "--yes"]);
    (co_quan, cong_so)
}

/// Exports the workbook into `out`; its path, as printed.
fn export_xlsx(sandbox: &Sandbox, out: &Path, vietnamese: bool) -> String {
    let out = out.to_str().expect("a UTF-8 path");
    let args = ["export", "--format", "xlsx", "--out", out];
    let printed = if vietnamese {
        let output = sandbox
            .onsite_in_default_lang()
            .args(args)
            .output()
            .expect("run onsite");
        assert!(output.status.success(), "{output:?}");
        assert!(output.stderr.is_empty(), "{output:?}");
        String::from_utf8(output.stdout).expect("UTF-8")
    } else {
        sandbox.ok_quiet(&args)
    };
    printed.trim_end().to_owned()
}

type Sheets = Vec<(String, Vec<Vec<Data>>)>;

fn read_workbook(path: &str) -> Sheets {
    let mut workbook: Xlsx<_> = calamine::open_workbook(path).expect("calamine opens it");
    let sheet_names = workbook.sheet_names();
    sheet_names
        .into_iter()
        .map(|name| {
            let range = workbook.worksheet_range(&name).expect("read the sheet");
            let rows = range.rows().map(<[Data]>::to_vec).collect();
            (name, rows)
        })
        .collect()
}

fn text(cell: &Data) -> String {
    match cell {
        Data::String(text) => text.clone(),
        Data::Empty => String::new(),
        other => panic!("{other:?} is not text"),
    }
}

fn header(rows: &[Vec<Data>]) -> Vec<String> {
    rows[0].iter().map(text).collect()
}

/// The Excel serial number of a day (days since 1899-12-30).
fn excel_day(year: i16, month: i8, day: i8) -> f64 {
    let epoch = jiff::civil::date(1899, 12, 30);
    let days = jiff::civil::date(year, month, day)
        .since((jiff::Unit::Day, epoch))
        .expect("a span")
        .get_days();
    f64::from(days)
}

/// The row whose column `col` reads `value`, and (for answers) whose item is `item`.
fn row<'a>(rows: &'a [Vec<Data>], col: usize, value: &str, item: Option<&str>) -> &'a [Data] {
    rows.iter()
        .skip(1)
        .find(|row| text(&row[col]) == value && item.is_none_or(|item| text(&row[4]) == item))
        .unwrap_or_else(|| panic!("no row with {value:?} {item:?}"))
}

#[test]
fn the_workbook_reads_back_in_vietnamese_with_numbers_dates_and_every_row() {
    let sandbox = Sandbox::new().running_from_crate_root();
    let (co_quan, cong_so) = visits(&sandbox);
    let out = sandbox.path("xlsx");
    let path = export_xlsx(&sandbox, &out, true);
    assert_eq!(path, out.join("onsite-visits.xlsx").display().to_string());
    assert_eq!(
        names(&out),
        ["onsite-visits.xlsx"],
        "only the workbook is left"
    );

    let sheets = read_workbook(&path);
    let sheet_names: Vec<&str> = sheets.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(sheet_names, ["Lần kiểm tra", "Chấm điểm"]);
    let (visit_rows, answer_rows) = (&sheets[0].1, &sheets[1].1);
    assert_eq!(
        header(visit_rows),
        [
            "Ngày kiểm tra",
            "Đơn vị được kiểm tra",
            "Loại hình",
            "Bộ tiêu chí",
            "Trạng thái",
            "Tổng điểm",
            "Thang điểm",
            "Xếp loại",
            "Kết quả",
            "Tiêu chí bắt buộc không đạt",
            "Số tiêu chí chưa chấm",
            "Ưu điểm",
            "Tồn tại, hạn chế",
            "Kiến nghị",
            "Kết luận",
            "Mã lần kiểm tra",
        ]
    );
    assert_eq!(
        header(answer_rows),
        [
            "Ngày kiểm tra",
            "Đơn vị được kiểm tra",
            "Mã lần kiểm tra",
            "Tiêu chuẩn",
            "Tiêu chí",
            "Nội dung tiêu chí",
            "Điểm tối đa",
            "Bắt buộc",
            "Đánh giá",
            "Điểm",
            "Không áp dụng",
            "Ghi chú",
            "Người chấm",
            "Thời điểm chấm",
        ]
    );
    assert_eq!(visit_rows.len(), 1 + 2, "a row per visit not in the trash");
    assert_eq!(
        answer_rows.len(),
        1 + 45 + 25,
        "a row per item of each visit"
    );
    let csv_score = visits_csv_score(&sandbox, &co_quan);
    check_visits(visit_rows, &co_quan, &cong_so, csv_score);
    check_answers(answer_rows);
}

/// The visits sheet: the date an Excel date, the score a number, the words Vietnamese.
fn check_visits(visit_rows: &[Vec<Data>], co_quan: &str, cong_so: &str, csv_score: f64) {
    let visit = row(visit_rows, 1, HA_TINH, None);
    match &visit[0] {
        Data::DateTime(date) => {
            assert!(date.is_datetime(), "{date:?}");
            assert!((date.as_f64() - excel_day(2026, 11, 28)).abs() < f64::EPSILON);
        }
        other => panic!("the date is {other:?}, not an Excel date"),
    }
    assert_eq!(text(&visit[2]), "cơ quan");
    assert_eq!(text(&visit[3]), CO_QUAN);
    assert_eq!(text(&visit[4]), "dự thảo");
    assert_eq!(visit[5], Data::Float(csv_score), "the score is a number");
    assert_eq!(visit[6], Data::Float(100.0));
    assert_eq!(text(&visit[8]), "chưa chấm xong");
    assert_eq!(visit[10], Data::Float(42.0), "45 items, 3 answered");
    assert_eq!(text(&visit[11]), "Đoàn kết, kỷ cương");
    assert_eq!(text(&visit[15]), co_quan);
    let other = row(visit_rows, 1, DONG_DA, None);
    assert_eq!(text(&other[15]), cong_so);
}

/// The answers sheet: the item id stays text ("1.1", not 1.1), points and max are numbers,
/// the moment of an answer an Excel date.
fn check_answers(answer_rows: &[Vec<Data>]) {
    let answered = row(answer_rows, 1, HA_TINH, Some("1.1"));
    assert_eq!(answered[4], Data::String("1.1".into()));
    assert_eq!(
        text(&answered[5]),
        "Hoàn thành kế hoạch công tác, chỉ tiêu nhiệm vụ năm"
    );
    assert!(matches!(answered[6], Data::Float(max) if max >= 4.5));
    assert_eq!(text(&answered[8]), "4.5");
    assert_eq!(answered[9], Data::Float(4.5));
    assert_eq!(text(&answered[10]), "");
    assert_eq!(text(&answered[11]), "Đạt 9/10 chỉ tiêu");
    assert_eq!(text(&answered[12]), LAN);
    assert!(
        matches!(&answered[13], Data::DateTime(at) if at.is_datetime() && at.as_f64() > excel_day(2025, 1, 1)),
        "when: {:?}",
        answered[13]
    );
    let not_applicable = row(answer_rows, 1, HA_TINH, Some("1.6"));
    assert_eq!(
        (
            text(&not_applicable[8]),
            &not_applicable[9],
            text(&not_applicable[10])
        ),
        (String::new(), &Data::Empty, "có".to_owned())
    );
    let level = row(answer_rows, 1, HA_TINH, Some("2.6"));
    assert_eq!(
        (text(&level[8]), &level[9]),
        ("Khá".to_owned(), &Data::Float(3.0))
    );
    let unanswered = row(answer_rows, 1, HA_TINH, Some("3.1"));
    assert_eq!(
        (&unanswered[9], &unanswered[13]),
        (&Data::Empty, &Data::Empty)
    );
    let failed = row(answer_rows, 1, DONG_DA, Some("1.1"));
    assert_eq!(
        (text(&failed[8]), &failed[9], text(&failed[11])),
        (
            "không đạt".to_owned(),
            &Data::Float(0.0),
            "Thiếu thẻ".to_owned()
        )
    );
}

/// The visit's score as `visits.csv` gives it, a different writer of the same scorecard.
fn visits_csv_score(sandbox: &Sandbox, id: &str) -> f64 {
    let out = sandbox.path("score-csv");
    sandbox.ok_quiet(&[
        "export",
        id,
        "--format",
        "csv",
        "--out",
        out.to_str().expect("UTF-8"),
    ]);
    let bytes = fs::read(out.join("visits.csv")).expect("read visits.csv");
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let record = reader.records().next().expect("a row").expect("a record");
    record[7].parse().expect("a number")
}

#[test]
fn the_workbook_follows_the_language_setting() {
    let sandbox = Sandbox::new().running_from_crate_root();
    visits(&sandbox);
    let out = sandbox.path("xlsx");
    let path = export_xlsx(&sandbox, &out, false);
    let sheets = read_workbook(&path);
    let sheet_names: Vec<&str> = sheets.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(sheet_names, ["Visits", "Answers"]);
    let visit_header = header(&sheets[0].1);
    assert_eq!(&visit_header[..3], ["Date", "Unit", "Kind"]);
    let answer_header = header(&sheets[1].1);
    assert_eq!(&answer_header[3..6], ["Standard", "Criterion", "Text"]);
    let visit = row(&sheets[0].1, 1, HA_TINH, None);
    assert_eq!(text(&visit[4]), "draft");
    let failed = row(&sheets[1].1, 1, DONG_DA, Some("1.1"));
    assert_eq!(text(&failed[8]), "fail");
}

#[test]
fn an_empty_store_exports_a_workbook_of_headers() {
    let sandbox = Sandbox::new().running_from_crate_root();
    let out = sandbox.path("xlsx");
    let path = export_xlsx(&sandbox, &out, false);
    let sheets = read_workbook(&path);
    assert_eq!(sheets.len(), 2);
    assert!(sheets.iter().all(|(_, rows)| rows.len() == 1), "{sheets:?}");
}

#[test]
fn csv_writes_visits_and_answers() {
    let sandbox = Sandbox::new().running_from_crate_root();
    let (co_quan, cong_so) = visits(&sandbox);
    let out = sandbox.path("csv");
    let printed = sandbox.ok_quiet(&[
        "export",
        "--format",
        "csv",
        "--out",
        out.to_str().expect("UTF-8"),
    ]);
    assert_eq!(
        printed,
        format!(
            "{}\n{}\n",
            out.join("answers.csv").display(),
            out.join("visits.csv").display()
        )
    );
    assert_eq!(names(&out), ["answers.csv", "visits.csv"]);
    let bytes = fs::read(out.join("visits.csv")).expect("read visits.csv");
    let body = bytes
        .strip_prefix(b"\xEF\xBB\xBF".as_slice())
        .expect("a byte-order mark, so Excel reads Vietnamese");
    let mut reader = csv::Reader::from_reader(body);
    let header: Vec<String> = reader
        .headers()
        .expect("a header")
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(
        header,
        [
            "visit",
            "date",
            "unit",
            "kind",
            "rubric",
            "version",
            "status",
            "score",
            "nominal_total",
            "band",
            "verdict",
            "failed_critical",
            "unanswered",
            "strengths",
            "shortcomings",
            "recommendations",
            "conclusion",
        ]
    );
    let rows: Vec<csv::StringRecord> = reader
        .records()
        .collect::<Result<_, _>>()
        .expect("well-formed rows");
    assert_eq!(rows.len(), 2, "one row per visit not in the trash");
    let visit = rows
        .iter()
        .find(|row| &row[0] == co_quan.as_str())
        .expect("the first visit");
    assert_eq!(&visit[2], HA_TINH);
    assert_eq!(&visit[3], "cơ quan");
    assert_eq!(&visit[6], "draft");
    assert_eq!(&visit[8], "100");
    assert_eq!(&visit[10], "chưa chấm xong");
    assert_eq!(&visit[12], "42");
    assert_eq!(&visit[13], "Đoàn kết, kỷ cương");
    let other = rows
        .iter()
        .find(|row| &row[0] == cong_so.as_str())
        .expect("the second visit");
    assert_eq!((&other[2], &other[12]), (DONG_DA, "24"));
}
