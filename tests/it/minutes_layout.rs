//! Issue 14, point 5: the minutes laid out after Nghị định 30/2020/NĐ-CP — the governing
//! body above the issuing body (upper case, a short rule under it), the recognition the visit
//! serves, the unit's comments, the closing line with the number of copies, "Nơi nhận" with
//! "Lưu: VT, HS.", the decimal comma; in the DOCX the margins, the page number from page 2
//! and tables no wider than the text block. Checked in HTML (parsed), DOCX (its XML) and
//! Markdown. How `LibreOffice` lays the DOCX out is checked by `scripts/check-office.py`.

use std::io::Read;
use std::path::Path;

use onsite::catalog::Catalog;
use onsite::document::VisitRecord;
use onsite::domain::answer::Answer;
use onsite::domain::history::Request;
use onsite::domain::rubric::{ItemKind, Lang};
use onsite::domain::visit::{FindingField, Member, Role, Unit, UnitKind};
use onsite::report::{self, Format};
use onsite::service::{self, Actor, NewVisit};
use onsite::store::Store;
use rust_decimal::Decimal;
use scraper::{Html, Selector};

/// A finalized visit, every item at full marks except one points item at half a point less
/// (so the total has a decimal), with every detail of the minutes filled in.
fn visit(dir: &Path, details: &[(FindingField, &str)]) -> VisitRecord {
    let store = Store::open(dir).expect("store");
    let rubric = Catalog::load(None)
        .find("co-quan-dat-chuan-van-hoa")
        .expect("shipped")
        .rubric
        .clone();
    let actor = Actor::now("Nguyễn Văn An");
    let member = |name: &str, role, position: &str, agency: &str| Member {
        name: name.into(),
        role,
        position: position.into(),
        agency: agency.into(),
    };
    let new = NewVisit {
        unit: Unit {
            name: "Cục Quản lý thị trường tỉnh Hà Tĩnh".into(),
            kind: UnitKind::CoQuan,
            address: "Số 2 Nguyễn Du, TP Hà Tĩnh".into(),
        },
        date: "2026-03-05".parse().expect("date"),
        team: vec![
            member(
                "Nguyễn Văn An",
                Role::TruongDoan,
                "Phó Chủ tịch",
                "LĐLĐ tỉnh Hà Tĩnh",
            ),
            member("Hồ Thị Lan", Role::PhoTruongDoan, "Trưởng ban", ""),
            member("Trần Thị Bình", Role::ThuKy, "", ""),
        ],
    };
    let id = service::create(&store, &rubric, new, &actor)
        .expect("create")
        .visit
        .id;
    let edit = |request: Request| service::edit(&store, &id, request, &actor).expect("edit");
    let mut halved = false;
    for item in rubric.items() {
        let answer = match item.kind {
            ItemKind::Points if !halved && item.accepts(&half_less(item.max_points())).is_ok() => {
                halved = true;
                half_less(item.max_points())
            }
            ItemKind::Points => Answer::Points(item.max_points()),
            ItemKind::Check => Answer::Pass,
            ItemKind::Levels => Answer::Level(0),
        };
        edit(Request::Answer {
            item: item.id.clone(),
            answer: Some(answer),
        });
    }
    assert!(halved, "the rubric has a points item that takes halves");
    for (field, text) in details {
        edit(Request::Finding {
            field: *field,
            text: (*text).into(),
        });
    }
    edit(Request::Finalize);
    store.record(&id).expect("record")
}

fn half_less(max: Decimal) -> Answer {
    Answer::Points(max - Decimal::new(5, 1))
}

const DETAILS: &[(FindingField, &str)] = &[
    (
        FindingField::GoverningBody,
        "Liên đoàn Lao động tỉnh Hà Tĩnh",
    ),
    (FindingField::Body, "Ban Chỉ đạo phong trào tỉnh Hà Tĩnh"),
    (FindingField::Number, "12/BB-BCĐ"),
    (FindingField::Locality, "Hà Tĩnh"),
    (FindingField::Place, "Trụ sở Cục, số 2 Nguyễn Du"),
    (FindingField::Recognition, "lần đầu"),
    (FindingField::Registered, "2024"),
    (FindingField::Period, "2024–2025"),
    (FindingField::Started, "08:30"),
    (FindingField::Ended, "11:15"),
    (
        FindingField::UnitComments,
        "Đơn vị thống nhất với nội dung biên bản.",
    ),
    (
        FindingField::Recipients,
        "Ban Thường vụ LĐLĐ tỉnh;\nCục QLTT tỉnh Hà Tĩnh;",
    ),
    (FindingField::Copies, "3"),
];

const CLOSING: &str = "Biên bản kết thúc vào 11 giờ 15 phút, ngày 05 tháng 3 năm 2026, được lập \
                       thành 03 bản có giá trị như nhau./.";

fn rendered(format: Format, lang: Lang) -> (VisitRecord, Vec<u8>) {
    let temp = tempfile::tempdir().expect("temp");
    let record = visit(temp.path(), DETAILS);
    let bytes = report::render(&record, lang, format).expect("rendered");
    (record, bytes)
}

fn total_with_comma(record: &VisitRecord) -> String {
    let card = record.state.score(&record.rubric);
    let total = card.score_rounded().normalize().to_string();
    assert!(
        total.contains('.'),
        "the sample total has a decimal: {total}"
    );
    total.replace('.', ",")
}

#[test]
fn the_html_minutes_have_every_part_nd_30_asks_for() {
    let (record, bytes) = rendered(Format::Html, Lang::Vi);
    let page = String::from_utf8(bytes).expect("utf-8");
    let html = Html::parse_document(&page);
    let text = |selector: &str| -> Vec<String> {
        let selector = Selector::parse(selector).expect("selector");
        html.select(&selector)
            .map(|e| e.text().collect::<String>().trim().to_owned())
            .collect()
    };
    assert_eq!(text(".governing"), ["LIÊN ĐOÀN LAO ĐỘNG TỈNH HÀ TĨNH"]);
    assert_eq!(text(".body"), ["BAN CHỈ ĐẠO PHONG TRÀO TỈNH HÀ TĨNH"]);
    assert_eq!(
        text("hr.rule").len(),
        1,
        "a short rule under the issuing body"
    );
    assert_eq!(text(".place-date"), ["Hà Tĩnh, ngày 05 tháng 3 năm 2026"]);
    let recognition = text(".recognition").join("");
    assert!(
        recognition.contains("công nhận lần đầu; năm đăng ký xây dựng: 2024; giai đoạn: 2024–2025"),
        "{recognition}"
    );
    assert_eq!(text(".closing"), [CLOSING]);
    assert_eq!(
        text(".unit-comments"),
        ["Đơn vị thống nhất với nội dung biên bản."]
    );
    let recipients = text(".recipients p");
    assert_eq!(
        recipients,
        [
            "- Ban Thường vụ LĐLĐ tỉnh;",
            "- Cục QLTT tỉnh Hà Tĩnh;",
            "- Lưu: VT, HS."
        ]
    );
    let recommendation = text(".recommendation").join("");
    assert!(
        recommendation.contains("Đủ điều kiện đề nghị công nhận lần đầu giai đoạn 2024–2025"),
        "{recommendation}"
    );
    let all = html.root_element().text().collect::<String>();
    assert!(
        all.contains("Nguyễn Văn An, Phó Chủ tịch, LĐLĐ tỉnh Hà Tĩnh"),
        "{all}"
    );
    assert!(all.contains("phó trưởng đoàn"), "{all}");
    assert!(all.contains(&total_with_comma(&record)), "decimal comma");
    assert!(
        page.contains("margin: 20mm 15mm 20mm 30mm"),
        "NĐ 30 margins"
    );
    assert!(page.contains("@top-center { content: counter(page)"));
    assert!(page.contains("@page :first { @top-center { content: none; } }"));
}

#[test]
fn the_markdown_minutes_have_the_same_parts() {
    let (record, bytes) = rendered(Format::Markdown, Lang::Vi);
    let text = String::from_utf8(bytes).expect("utf-8");
    for part in [
        "LIÊN ĐOÀN LAO ĐỘNG TỈNH HÀ TĨNH",
        "**BAN CHỈ ĐẠO PHONG TRÀO TỈNH HÀ TĨNH**",
        "công nhận lần đầu; năm đăng ký xây dựng: 2024",
        "## Ý kiến của đơn vị được kiểm tra",
        CLOSING,
        "**Nơi nhận:**",
        "- Lưu: VT, HS.",
        &total_with_comma(&record),
    ] {
        assert!(text.contains(part), "{part}\n{text}");
    }
}

/// Every `name` element's `attribute` (w: namespace) in `xml`.
fn attributes<'a>(doc: &'a roxmltree::Document, name: &str, attribute: &str) -> Vec<&'a str> {
    doc.descendants()
        .filter(|n| n.tag_name().name() == name)
        .filter_map(|n| {
            n.attributes()
                .find(|a| a.name() == attribute)
                .map(|a| a.value())
        })
        .collect()
}

fn part(bytes: &[u8], name: &str) -> Option<String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut xml = String::new();
    zip.by_name(name).ok()?.read_to_string(&mut xml).ok()?;
    Some(xml)
}

#[test]
fn the_word_minutes_keep_nd_30_margins_page_numbers_and_widths() {
    let (record, bytes) = rendered(Format::Docx, Lang::Vi);
    let xml = part(&bytes, "word/document.xml").expect("document.xml");
    let doc = roxmltree::Document::parse(&xml).expect("well-formed");
    // Margins: top and bottom 20 mm, left 30 mm, right 15 mm (in twips).
    let margin = |side: &str| attributes(&doc, "pgMar", side);
    assert_eq!(margin("top"), ["1134"]);
    assert_eq!(margin("bottom"), ["1134"]);
    assert_eq!(margin("left"), ["1701"]);
    assert_eq!(margin("right"), ["851"]);
    assert_eq!(attributes(&doc, "pgSz", "w"), ["11906"], "A4");
    // Page numbers from page 2: a different (empty) first-page header, and a PAGE field.
    assert!(
        doc.descendants().any(|n| n.tag_name().name() == "titlePg"),
        "a different first page"
    );
    let headers: Vec<String> = (1..=4)
        .filter_map(|n| part(&bytes, &format!("word/header{n}.xml")))
        .collect();
    assert!(
        headers.iter().any(|h| h.contains("PAGE")),
        "a page-number field in a header: {headers:?}"
    );
    // Every table fits the text block: 210 − 30 − 15 mm = 9354 twips.
    let text_width = 11_906 - 1_701 - 851;
    for table in doc.descendants().filter(|n| n.tag_name().name() == "tbl") {
        let grid: u32 = table
            .descendants()
            .filter(|n| n.tag_name().name() == "gridCol")
            .filter_map(|n| n.attributes().find(|a| a.name() == "w"))
            .map(|a| a.value().parse::<u32>().expect("a width"))
            .sum();
        assert!(grid <= text_width, "a table {grid} twips wide");
    }
    let words: String = doc
        .descendants()
        .filter(|n| n.tag_name().name() == "t")
        .filter_map(|n| n.text())
        .collect::<Vec<_>>()
        .join("\u{1}");
    for part in [
        "LIÊN ĐOÀN LAO ĐỘNG TỈNH HÀ TĨNH",
        "BAN CHỈ ĐẠO PHONG TRÀO TỈNH HÀ TĨNH",
        "Ý kiến của đơn vị được kiểm tra",
        CLOSING,
        "Nơi nhận:",
        "- Lưu: VT, HS.",
        "Hà Tĩnh, ngày 05 tháng 3 năm 2026",
    ] {
        assert!(words.contains(part), "{part}");
    }
    assert!(words.contains(&total_with_comma(&record)), "decimal comma");
    // The short rule under the issuing body is a bottom border.
    assert!(xml.contains("<w:pBdr>"), "a rule under the body's name");
}

#[test]
fn english_minutes_keep_the_decimal_point() {
    let (record, bytes) = rendered(Format::Markdown, Lang::En);
    let text = String::from_utf8(bytes).expect("utf-8");
    let card = record.state.score(&record.rubric);
    let total = card.score_rounded().normalize().to_string();
    assert!(text.contains(&format!("{total}/")), "{text}");
    assert!(text.contains("**Recipients:**"), "{text}");
}
