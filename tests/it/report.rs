//! The inspection minutes: HTML parsed with a real HTML parser, DOCX opened as a zip with its
//! XML parsed, Markdown read as text, and the CLI that writes them.

use std::io::Read;
use std::path::Path;
use std::process::Command;

use onsite::catalog::Catalog;
use onsite::document::VisitRecord;
use onsite::domain::answer::Answer;
use onsite::domain::history::Request;
use onsite::domain::rubric::{ItemKind, Lang};
use onsite::domain::visit::{FindingField, Member, Role, Unit, UnitKind};
use onsite::report::{self, Format};
use onsite::service::{self, Actor, NewVisit};
use onsite::store::Store;
use scraper::{Html, Selector};

const SCRIPT_NOTE: &str = "<script>alert('x')</script> & \"trích dẫn\"";

/// A visit of `rubric` in a fresh store: every item answered when `complete` (check items
/// pass, except 2.16 of the agency rubric which fails), notes, findings, minutes details.
fn visit(dir: &Path, rubric: &str, complete: bool, finalize: bool) -> VisitRecord {
    let store = Store::open(dir).expect("store");
    let rubric = Catalog::load(None)
        .find(rubric)
        .expect("shipped")
        .rubric
        .clone();
    let actor = Actor::now("Nguyễn Văn An");
    let new = NewVisit {
        unit: Unit {
            name: "Cục Quản lý thị trường tỉnh Hà Tĩnh".into(),
            kind: UnitKind::CoQuan,
            address: "Số 2 Nguyễn Du, TP Hà Tĩnh".into(),
        },
        date: "2026-11-20".parse().expect("date"),
        team: vec![
            Member {
                name: "Nguyễn Văn An".into(),
                role: Role::TruongDoan,
                position: "Phó Chủ tịch LĐLĐ tỉnh".into(),
                agency: "Liên đoàn Lao động tỉnh Hà Tĩnh".into(),
            },
            Member {
                name: "Trần Thị Bình".into(),
                role: Role::ThuKy,
                position: String::new(),
                agency: String::new(),
            },
        ],
    };
    let id = service::create(&store, &rubric, new, &actor)
        .expect("create")
        .visit
        .id;
    let edit = |request: Request| service::edit(&store, &id, request, &actor).expect("edit");
    for item in rubric.items() {
        if !complete && item.id != "1.1" && item.id != "2.16" {
            continue;
        }
        let answer = match item.kind {
            ItemKind::Points => Answer::Points(item.max_points()),
            ItemKind::Check if item.id == "2.16" => Answer::Fail,
            ItemKind::Check => Answer::Pass,
            ItemKind::Levels => Answer::Level(0),
        };
        edit(Request::Answer {
            item: item.id.clone(),
            answer: Some(answer),
        });
    }
    edit(Request::Note {
        item: "1.1".into(),
        text: SCRIPT_NOTE.into(),
    });
    let texts = [
        (
            FindingField::Strengths,
            "Hòm thư góp ý đặt tại bộ phận một cửa",
        ),
        (FindingField::Conclusion, "Đủ điều kiện đề nghị công nhận"),
        (FindingField::Body, "Ban Chỉ đạo phong trào tỉnh Hà Tĩnh"),
        (FindingField::Basis, "Kế hoạch số 45/KH-LĐLĐ"),
        (
            FindingField::Representatives,
            "Lê Văn Cường — Cục trưởng\nHoàng Thị Dung — Chủ tịch Công đoàn",
        ),
    ];
    for (field, text) in texts {
        edit(Request::Finding {
            field,
            text: text.into(),
        });
    }
    if finalize {
        edit(Request::Finalize);
    }
    store.record(&id).expect("record")
}

fn texts_of(html: &Html, selector: &str) -> Vec<String> {
    let selector = Selector::parse(selector).expect("selector");
    html.select(&selector)
        .map(|e| e.text().collect::<String>())
        .collect()
}

#[test]
fn html_has_every_part_and_escapes_visit_text() {
    let temp = tempfile::tempdir().unwrap();
    let record = visit(temp.path(), "co-quan-dat-chuan-van-hoa", true, false);
    let page = String::from_utf8(report::render(&record, Lang::Vi, Format::Html).unwrap()).unwrap();
    let html = Html::parse_document(&page);
    let all = html.root_element().text().collect::<String>();
    for part in [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "BIÊN BẢN KIỂM TRA",
        "BAN CHỈ ĐẠO PHONG TRÀO TỈNH HÀ TĨNH",
        "ngày 20 tháng 11 năm 2026",
        "Kế hoạch số 45/KH-LĐLĐ",
        "Nguyễn Văn An",
        "Trần Thị Bình",
        "Lê Văn Cường — Cục trưởng",
        "Cục Quản lý thị trường tỉnh Hà Tĩnh",
        "Số 2 Nguyễn Du, TP Hà Tĩnh",
        "Hòm thư góp ý đặt tại bộ phận một cửa",
        "TRƯỞNG ĐOÀN",
        "THƯ KÝ",
        "ĐẠI DIỆN ĐƠN VỊ",
        "không đạt tiêu chí bắt buộc 2.16",
        "Không đạt tiêu chí bắt buộc",
    ] {
        assert!(all.contains(part), "missing {part:?}");
    }
    // Every item appears in the results table.
    let cells = texts_of(&html, "table tbody td");
    for item in record.rubric.items() {
        assert!(cells.contains(&item.id), "item {} missing", item.id);
    }
    // The score, out of the nominal total, and the verdict.
    let card = record.state.score(&record.rubric);
    assert!(
        all.contains(&format!("{}/100", card.score_rounded().normalize())),
        "{all}"
    );
    assert_eq!(texts_of(&html, ".verdict"), vec!["KHÔNG ĐẠT".to_owned()]);
    // The note with markup is text, not markup.
    assert!(
        texts_of(&html, "script").is_empty(),
        "a <script> element reached the page"
    );
    assert!(
        cells.iter().any(|c| c == SCRIPT_NOTE),
        "the note should show as text"
    );
    // Self-contained: no external resources, a chart with one bar per section and the pass line.
    for selector in ["link", "img", "script[src]", "iframe"] {
        assert!(texts_of(&html, selector).is_empty(), "{selector} found");
    }
    assert_eq!(
        texts_of(&html, "svg rect").len(),
        record.rubric.sections.len() * 2
    );
    assert_eq!(texts_of(&html, "svg line").len(), 1);
    assert!(page.contains("@page") && page.contains("@media print"));
    // A draft says so, with the count of unanswered items.
    assert_eq!(texts_of(&html, ".draft-mark"), vec!["DỰ THẢO".to_owned()]);
}

#[test]
fn a_draft_report_counts_what_is_unanswered_and_a_final_one_has_no_watermark() {
    let temp = tempfile::tempdir().unwrap();
    let draft = visit(&temp.path().join("a"), "van-hoa-cong-so", false, false);
    let page = String::from_utf8(report::render(&draft, Lang::Vi, Format::Html).unwrap()).unwrap();
    let unanswered = draft.state.score(&draft.rubric).unanswered.len();
    assert!(
        page.contains(&format!("còn {unanswered} tiêu chí chưa chấm")),
        "{page}"
    );

    let done = visit(&temp.path().join("b"), "van-hoa-cong-so", true, true);
    let page = String::from_utf8(report::render(&done, Lang::En, Format::Html).unwrap()).unwrap();
    let html = Html::parse_document(&page);
    assert!(texts_of(&html, ".draft-mark").is_empty());
    assert!(page.contains("INSPECTION MINUTES"));
    assert_eq!(texts_of(&html, ".verdict"), vec!["PASS".to_owned()]);
}

/// Every `w:t` text of `word/document.xml`, joined.
fn docx_text(bytes: &[u8]) -> (String, String) {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .expect("document.xml")
        .read_to_string(&mut xml)
        .expect("readable");
    let mut styles = String::new();
    zip.by_name("word/styles.xml")
        .expect("styles.xml")
        .read_to_string(&mut styles)
        .expect("readable");
    let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let text = doc
        .descendants()
        .filter(|n| n.tag_name().name() == "t")
        .filter_map(|n| n.text())
        .collect::<Vec<_>>()
        .join("\u{1}");
    (text, styles)
}

#[test]
fn docx_holds_the_unit_score_verdict_and_every_item() {
    let temp = tempfile::tempdir().unwrap();
    let record = visit(temp.path(), "co-quan-dat-chuan-van-hoa", true, false);
    let bytes = report::render(&record, Lang::Vi, Format::Docx).unwrap();
    let (text, styles) = docx_text(&bytes);
    let pieces: Vec<&str> = text.split('\u{1}').collect();
    assert!(text.contains("Cục Quản lý thị trường tỉnh Hà Tĩnh"));
    let card = record.state.score(&record.rubric);
    assert!(text.contains(&format!("{}/100", card.score_rounded().normalize())));
    assert!(text.contains("KHÔNG ĐẠT"));
    assert!(text.contains(SCRIPT_NOTE), "the note survives as text");
    for item in record.rubric.items() {
        assert!(
            pieces.contains(&item.id.as_str()),
            "item {} missing",
            item.id
        );
    }
    assert!(
        styles.contains("Times New Roman"),
        "Times New Roman by default"
    );
    assert!(styles.contains("w:val=\"26\""), "13 pt by default");
}

#[test]
fn markdown_has_the_same_content() {
    let temp = tempfile::tempdir().unwrap();
    let record = visit(temp.path(), "van-hoa-cong-so", true, true);
    let text =
        String::from_utf8(report::render(&record, Lang::Vi, Format::Markdown).unwrap()).unwrap();
    assert!(text.starts_with("**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**"));
    assert!(text.contains("# BIÊN BẢN KIỂM TRA"));
    for item in record.rubric.items() {
        assert!(
            text.contains(&format!("| {} |", item.id)),
            "item {}",
            item.id
        );
    }
    assert!(!text.contains("DỰ THẢO"));
}

fn onsite(data: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_onsite"));
    command
        .env("ONSITE_DATA_DIR", data)
        .env("ONSITE_CONFIG", data.join("none.yaml"))
        .env("ONSITE_RUBRICS", data.join("none"))
        .env("ONSITE_INSPECTOR", "Tester")
        .env_remove("ONSITE_LANG");
    command
}

#[test]
fn the_cli_writes_each_format_where_asked() {
    let temp = tempfile::tempdir().unwrap();
    let data = temp.path().join("data");
    let record = visit(&data, "van-hoa-cong-so", false, false);
    let id = &record.state.visit.id;
    for (format, extension) in [("html", "html"), ("docx", "docx"), ("md", "md")] {
        let out = temp.path().join(format!("minutes.{extension}"));
        let output = onsite(&data)
            .args(["report", id, "--format", format, "-o"])
            .arg(&out)
            .output()
            .unwrap();
        assert!(output.status.success(), "{output:?}");
        assert!(out.metadata().unwrap().len() > 500, "{format} too small");
    }
    // The default name follows the export's, in the current folder.
    let output = onsite(&data)
        .current_dir(temp.path())
        .args(["report", id])
        .output()
        .unwrap();
    let path = String::from_utf8(output.stdout).unwrap();
    assert!(
        path.trim().ends_with(&report::file_name(&record, "html")),
        "{path}"
    );
    // `-o -` prints it.
    let output = onsite(&data)
        .args(["report", id, "--format", "md", "-o", "-"])
        .output()
        .unwrap();
    assert!(
        String::from_utf8(output.stdout)
            .unwrap()
            .contains("BIÊN BẢN KIỂM TRA")
    );
}

/// Issue 14: 97 points with a failed critical item printed "Xếp loại: Tiêu biểu / Kết quả:
/// KHÔNG ĐẠT". A visit that fails has no band, in any format or language.
#[test]
fn a_failed_visit_shows_no_band_in_any_minutes() {
    let temp = tempfile::tempdir().unwrap();
    // 2025.1, whose top band "Tiêu biểu" appears nowhere else (2026.1's "Tốt" is also a level).
    let record = visit(temp.path(), "co-quan-dat-chuan-van-hoa@2025.1", true, false);
    let card = record.state.score(&record.rubric);
    assert!(card.score_rounded() >= 95.into(), "a band-worthy score");
    assert_eq!(card.verdict, onsite::domain::scoring::Verdict::Fail);
    for (lang, band) in [(Lang::Vi, "Tiêu biểu"), (Lang::En, "Exemplary")] {
        for format in [Format::Html, Format::Markdown, Format::Docx] {
            let bytes = report::render(&record, lang, format).unwrap();
            let text = if format == Format::Docx {
                docx_text(&bytes).0
            } else {
                String::from_utf8(bytes).unwrap()
            };
            assert!(
                !text.contains(band),
                "{format:?} {lang:?} names the band {band}"
            );
        }
    }
}

/// Issue 14, point 3: every minutes document states the rubric (title, id, version, digest
/// prefix) and its basis, and carries the rubric's notice that its scale is a suggestion.
#[test]
fn the_minutes_state_the_rubric_and_that_its_scale_is_a_suggestion() {
    let temp = tempfile::tempdir().unwrap();
    let record = visit(temp.path(), "co-quan-dat-chuan-van-hoa", true, false);
    let digest: String = record
        .state
        .visit
        .rubric
        .digest
        .trim_start_matches("sha256:")
        .chars()
        .take(8)
        .collect();
    let version = record.rubric.version.clone();
    for (lang, words) in [
        (
            Lang::Vi,
            [
                "mã co-quan-dat-chuan-van-hoa",
                "Thông tư 08/2014",
                "THANG ĐIỂM ĐỀ XUẤT",
            ],
        ),
        (
            Lang::En,
            [
                "id co-quan-dat-chuan-van-hoa",
                "Circular 08/2014",
                "SUGGESTED scale",
            ],
        ),
    ] {
        for format in [Format::Html, Format::Markdown, Format::Docx] {
            let bytes = report::render(&record, lang, format).unwrap();
            let text = if format == Format::Docx {
                docx_text(&bytes).0
            } else {
                String::from_utf8(bytes).unwrap()
            };
            for word in words.iter().chain([&version.as_str(), &digest.as_str()]) {
                assert!(text.contains(word), "{format:?} {lang:?} lacks {word}");
            }
        }
    }
}

/// Issue 14, point 2: the team recommends; the competent body recognises. A failed visit
/// reads "chưa đủ điều kiện đề nghị công nhận", a passed one "đủ điều kiện …", a draft
/// neither.
#[test]
fn the_conclusion_reads_as_a_recommendation() {
    let temp = tempfile::tempdir().unwrap();
    let failed = visit(
        &temp.path().join("a"),
        "co-quan-dat-chuan-van-hoa",
        true,
        false,
    );
    let passed = visit(&temp.path().join("b"), "van-hoa-cong-so", true, false);
    let draft = visit(
        &temp.path().join("c"),
        "co-quan-dat-chuan-van-hoa",
        false,
        false,
    );
    assert_eq!(
        passed.state.score(&passed.rubric).verdict,
        onsite::domain::scoring::Verdict::Pass
    );
    for format in [Format::Html, Format::Markdown, Format::Docx] {
        let text = |record: &VisitRecord| {
            let bytes = report::render(record, Lang::Vi, format).unwrap();
            if format == Format::Docx {
                docx_text(&bytes).0
            } else {
                String::from_utf8(bytes).unwrap()
            }
        };
        assert!(
            text(&failed).contains("Chưa đủ điều kiện đề nghị công nhận"),
            "{format:?}"
        );
        let eligible = text(&passed);
        assert!(
            eligible.contains("Đủ điều kiện đề nghị công nhận"),
            "{format:?}"
        );
        assert!(
            eligible.contains("cấp có thẩm quyền quyết định"),
            "{format:?}"
        );
        assert!(!text(&draft).contains("Đề nghị của đoàn"), "{format:?}");
    }
}
