//! Issue 18, the minutes with evidence: thumbnails next to their criterion in the HTML (an
//! inline JPEG, decoded here), pictures embedded in the Word file (its zip and XML read
//! here), links to the exported files in Markdown (followed on disk), the appendix with
//! every SHA-256, the mark of a file not on this laptop, and `--no-evidence`, which gives
//! exactly the minutes of a visit without evidence.

use std::io::Read;
use std::path::Path;
use std::process::Command;

use base64::Engine as _;
use onsite::catalog::Catalog;
use onsite::document::VisitRecord;
use onsite::domain::answer::Answer;
use onsite::domain::history::Request;
use onsite::domain::rubric::{ItemKind, Lang};
use onsite::domain::visit::{Member, Role, Unit, UnitKind};
use onsite::evidence::FileRead;
use onsite::report::{self, Evidence, Format};
use onsite::service::{self, Actor, NewVisit};
use onsite::store::Store;
use scraper::{ElementRef, Html, Selector};

const NOTICE_BOARD: &str = "Bảng tin nội bộ tại sảnh";
/// A caption and a file name that try to become markup.
const HOSTILE_CAPTION: &str = "<img src=x onerror=alert(1)> “kế hoạch” & [link](http://x)";
const HOSTILE_NAME: &str = "<b>ke-hoach</b>.pdf";

/// A photo as a phone might give it: 800×600 pixels of noise (nothing compresses it much),
/// as PNG.
fn photo(seed: u32) -> Vec<u8> {
    let mut state = seed | 1;
    let mut next = move || {
        state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        (state >> 16).to_le_bytes()[0]
    };
    let pixels = image::RgbImage::from_fn(800, 600, |x, _| {
        let base = u8::try_from(x % 200).unwrap_or(0);
        image::Rgb([base.wrapping_add(next() / 4), next(), 90])
    });
    let mut bytes = std::io::Cursor::new(Vec::new());
    pixels
        .write_to(&mut bytes, image::ImageFormat::Png)
        .expect("encode the test photo");
    bytes.into_inner()
}

fn plan() -> Vec<u8> {
    b"%PDF-1.4\nKe hoach xay dung co quan dat chuan van hoa nam 2026\n%%EOF\n".to_vec()
}

/// Evidence as attached, and what became of it.
struct Attached {
    record: VisitRecord,
    store: Store,
    /// The notice board (2.19), shown.
    board: Vec<u8>,
    board_sha: String,
    /// The plan (2.19, a PDF with a hostile name and caption), listed.
    plan_sha: String,
    /// The hotline sign (1.10), its file removed from the store afterwards.
    missing_sha: String,
}

/// A finalized visit with three files: the notice board photo and the plan on 2.19
/// (attached first), the hotline sign photo on 1.10, whose file is then lost.
fn visit_with_evidence(dir: &Path) -> Attached {
    let store = Store::open(dir).expect("store");
    let rubric = Catalog::load(None)
        .find("co-quan-dat-chuan-van-hoa")
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
        team: vec![Member {
            name: "Nguyễn Văn An".into(),
            role: Role::TruongDoan,
            position: String::new(),
            agency: String::new(),
        }],
    };
    let id = service::create(&store, &rubric, new, &actor)
        .expect("create")
        .visit
        .id;
    for item in rubric.items() {
        let answer = match item.kind {
            ItemKind::Points => Answer::Points(item.max_points()),
            ItemKind::Check => Answer::Pass,
            ItemKind::Levels => Answer::Level(0),
        };
        let request = Request::Answer {
            item: item.id.clone(),
            answer: Some(answer),
        };
        service::edit(&store, &id, request, &actor).expect("answer");
    }
    service::edit(&store, &id, Request::Finalize, &actor).expect("finalize");
    let attach = |item: &str, name: &str, bytes: &[u8], caption: &str| {
        let file = FileRead {
            bytes: bytes.to_vec(),
            name: name.into(),
        };
        onsite::evidence::attach(&store, &id, item, &[file], caption, &actor).expect("attach");
        onsite::domain::evidence::sha256_hex(bytes)
    };
    let board = photo(7);
    let board_sha = attach("2.19", "IMG_0042.png", &board, NOTICE_BOARD);
    let plan_sha = attach("2.19", HOSTILE_NAME, &plan(), HOSTILE_CAPTION);
    let missing_sha = attach("1.10", "IMG_0043.png", &photo(9), "Đường dây nóng");
    let lost = store.evidence_file(&missing_sha).expect("a hash");
    std::fs::remove_file(lost).expect("lose the hotline photo");
    let record = store.record(&id).expect("record");
    Attached {
        record,
        store,
        board,
        board_sha,
        plan_sha,
        missing_sha,
    }
}

fn rendered(attached: &Attached, evidence: &Evidence, lang: Lang, format: Format) -> Vec<u8> {
    report::render_follow_up(&attached.record, None, evidence, lang, format).expect("rendered")
}

fn gathered(attached: &Attached) -> Evidence {
    onsite::report::evidence_of(&attached.store, &attached.record.state.visit.attachments)
}

fn select<'h>(html: &'h Html, selector: &str) -> Vec<ElementRef<'h>> {
    let selector = Selector::parse(selector).expect("selector");
    html.select(&selector).collect()
}

fn text(element: &ElementRef<'_>) -> String {
    element.text().collect()
}

#[test]
fn the_html_shows_a_thumbnail_next_to_its_criterion_and_lists_every_file() {
    let temp = tempfile::tempdir().expect("temp dir");
    let attached = visit_with_evidence(temp.path());
    let bytes = rendered(&attached, &gathered(&attached), Lang::Vi, Format::Html);
    let page = String::from_utf8(bytes).expect("UTF-8");
    let html = Html::parse_document(&page);

    // One picture: the notice board. The lost photo has none, the PDF is listed by name.
    let images = select(&html, "img");
    assert_eq!(images.len(), 1, "{page}");
    let img = images[0].value();
    let src = img.attr("src").expect("src");
    let data = src
        .strip_prefix("data:image/jpeg;base64,")
        .expect("an inline JPEG");
    let jpeg = base64::engine::general_purpose::STANDARD
        .decode(data)
        .expect("base64");
    let decoded =
        image::load_from_memory_with_format(&jpeg, image::ImageFormat::Jpeg).expect("a valid JPEG");
    assert!(
        jpeg.len() < attached.board.len() / 10,
        "a thumbnail, not the photo"
    );
    assert_eq!(
        (decoded.width(), decoded.height()),
        (320, 240),
        "at most 320 px, the photo's shape kept"
    );
    assert_eq!(img.attr("width"), Some("320"));
    assert_eq!(img.attr("height"), Some("240"));
    assert_eq!(img.attr("alt"), Some(NOTICE_BOARD));

    // Next to its criterion: the row right after 2.19's, with the caption under the picture.
    let rows = select(&html, "section.results tr");
    let at = rows
        .iter()
        .position(|row| select_in(row, "td").first().map(text).as_deref() == Some("2.19"))
        .expect("the row of 2.19");
    let evidence_row = &rows[at + 1];
    assert_eq!(evidence_row.value().attr("class"), Some("evidence"));
    let captions: Vec<String> = select_in(evidence_row, "figcaption")
        .iter()
        .map(text)
        .collect();
    assert_eq!(captions, vec![format!("[2] {NOTICE_BOARD}")]);
    // The PDF by name, type and size; its name and caption as text, never markup.
    let listed = text(&select_in(evidence_row, "p.file")[0]);
    assert!(
        listed.contains(HOSTILE_NAME) && listed.contains("PDF"),
        "{listed}"
    );
    assert!(listed.contains(HOSTILE_CAPTION), "{listed}");
    assert!(select(&html, "b").iter().all(|b| text(b) != "ke-hoach"));

    // The lost photo, under 1.10: its name and the mark, no picture.
    let lost = select(&html, "tr.evidence p.file")
        .iter()
        .map(text)
        .find(|line| line.contains("IMG_0043.png"))
        .expect("the lost photo is listed");
    assert!(lost.contains("thiếu tệp trên máy này"), "{lost}");

    // The appendix: every file, numbered down the rubric (1.10 before 2.19), its full hash.
    let appendix = select(&html, "section.appendix");
    assert_eq!(appendix.len(), 1);
    let heading = text(&select_in(&appendix[0], "h2")[0]);
    assert_eq!(heading, "Phụ lục: Danh mục minh chứng");
    let hashes: Vec<String> = select_in(&appendix[0], "code.sha256")
        .iter()
        .map(text)
        .collect();
    assert_eq!(
        hashes,
        vec![
            attached.missing_sha.clone(),
            attached.board_sha.clone(),
            attached.plan_sha.clone()
        ]
    );
    let first = text(&select_in(&appendix[0], "tbody")[0]);
    for part in [
        "1.10",
        "IMG_0043.png",
        "PNG",
        "thiếu tệp trên máy này",
        "Nguyễn Văn An",
    ] {
        assert!(first.contains(part), "{part} missing from {first}");
    }
    // Still one self-contained page: the picture is inline, nothing is fetched.
    for selector in ["link", "script", "iframe", "img:not([src^='data:'])"] {
        assert!(select(&html, selector).is_empty(), "{selector} found");
    }
    assert!(page.contains("break-inside: avoid"));
}

fn select_in<'h>(element: &ElementRef<'h>, selector: &str) -> Vec<ElementRef<'h>> {
    let selector = Selector::parse(selector).expect("selector");
    element.select(&selector).collect()
}

#[test]
fn english_minutes_say_the_same_in_english() {
    let temp = tempfile::tempdir().expect("temp dir");
    let attached = visit_with_evidence(temp.path());
    for format in [Format::Html, Format::Markdown, Format::Docx] {
        let bytes = rendered(&attached, &gathered(&attached), Lang::En, format);
        let text = if format == Format::Docx {
            docx_part(&bytes, "word/document.xml")
        } else {
            String::from_utf8(bytes).expect("UTF-8")
        };
        for words in ["Appendix: list of evidence", "file not on this laptop"] {
            assert!(text.contains(words), "{format:?} lacks {words}");
        }
        assert!(!text.contains("Danh mục minh chứng"), "{format:?}");
    }
}

/// `--no-evidence` (and [`Evidence::left_out`]) gives, byte for byte, the minutes of the
/// same visit without attachments: nothing of the evidence, not even a style.
#[test]
fn the_short_minutes_leave_evidence_out_entirely() {
    let temp = tempfile::tempdir().expect("temp dir");
    let attached = visit_with_evidence(temp.path());
    let mut bare = attached.record.clone();
    bare.state.visit.attachments.clear();
    for format in [Format::Html, Format::Markdown, Format::Docx] {
        let short = rendered(&attached, &Evidence::left_out(), Lang::Vi, format);
        let without = report::render(&bare, Lang::Vi, format).expect("rendered");
        assert!(
            short == without,
            "{format:?} differs from a visit without evidence"
        );
        let full = rendered(&attached, &gathered(&attached), Lang::Vi, format);
        assert!(
            full != short,
            "{format:?}: the evidence is missing from the full minutes"
        );
    }
    let page = String::from_utf8(rendered(
        &attached,
        &Evidence::left_out(),
        Lang::Vi,
        Format::Html,
    ))
    .expect("UTF-8");
    for absent in [
        &attached.board_sha,
        &attached.plan_sha,
        "Danh mục minh chứng",
        "<img",
    ] {
        assert!(!page.contains(absent), "{absent} in the short minutes");
    }
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
fn the_cli_writes_evidence_unless_told_not_to() {
    let temp = tempfile::tempdir().expect("temp dir");
    let data = temp.path().join("data");
    let attached = visit_with_evidence(&data);
    let id = attached.record.state.visit.id.clone();
    drop(attached.store);
    for (format, needle) in [
        ("html", "data:image/jpeg;base64,"),
        ("md", attached.board_sha.as_str()),
    ] {
        let run = |extra: &[&str]| {
            let output = onsite(&data)
                .args(["report", &id, "--format", format, "-o", "-"])
                .args(extra)
                .output()
                .expect("run onsite");
            assert!(output.status.success(), "{output:?}");
            String::from_utf8(output.stdout).expect("UTF-8")
        };
        let full = run(&[]);
        assert!(full.contains(needle), "{format}: no evidence");
        assert!(
            full.contains(&attached.missing_sha),
            "{format}: no appendix"
        );
        let short = run(&["--no-evidence"]);
        assert!(
            !short.contains(needle),
            "{format}: evidence despite --no-evidence"
        );
        assert!(
            !short.contains(&attached.missing_sha),
            "{format}: an appendix"
        );
    }
}

fn docx_part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut text = String::new();
    zip.by_name(name)
        .expect(name)
        .read_to_string(&mut text)
        .expect("readable");
    text
}

#[test]
fn the_word_minutes_embed_the_picture_and_list_every_file() {
    let temp = tempfile::tempdir().expect("temp dir");
    let attached = visit_with_evidence(temp.path());
    let bytes = rendered(&attached, &gathered(&attached), Lang::Vi, Format::Docx);
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).expect("a zip");
    let media: Vec<String> = zip
        .file_names()
        .map(|name| name.expect("an entry's name").into_owned())
        .filter(|name| name.starts_with("word/media/") && !name.ends_with('/'))
        .collect();
    assert_eq!(media.len(), 1, "{media:?}");
    // docx-rs declares every picture image/png: the part holds a PNG indeed.
    let mut picture = Vec::new();
    zip.by_name(&media[0])
        .expect("the picture")
        .read_to_end(&mut picture)
        .expect("readable");
    let decoded = image::load_from_memory_with_format(&picture, image::ImageFormat::Png)
        .expect("a valid PNG");
    assert_eq!((decoded.width(), decoded.height()), (320, 240));

    // document.xml shows it through a relationship that names that part.
    let xml = docx_part(&bytes, "word/document.xml");
    let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let embeds: Vec<&str> = doc
        .descendants()
        .filter(|n| n.tag_name().name() == "blip")
        .filter_map(|n| {
            n.attributes()
                .find(|a| a.name() == "embed")
                .map(|a| a.value())
        })
        .collect();
    assert_eq!(embeds.len(), 1);
    let rels = docx_part(&bytes, "word/_rels/document.xml.rels");
    let rels = roxmltree::Document::parse(&rels).expect("well-formed XML");
    let target = rels
        .descendants()
        .find(|n| n.attribute("Id") == Some(embeds[0]))
        .and_then(|n| n.attribute("Target"))
        .expect("the relationship");
    assert_eq!(format!("word/{target}"), media[0]);

    // The caption under the picture, and the appendix with every hash and the mark.
    let text: String = doc
        .descendants()
        .filter(|n| n.tag_name().name() == "t")
        .filter_map(|n| n.text())
        .collect();
    for part in [
        NOTICE_BOARD,
        "Phụ lục: Danh mục minh chứng",
        attached.board_sha.as_str(),
        attached.plan_sha.as_str(),
        attached.missing_sha.as_str(),
        "thiếu tệp trên máy này",
        HOSTILE_NAME,
        HOSTILE_CAPTION,
    ] {
        assert!(text.contains(part), "the Word minutes lack {part}");
    }
}

#[test]
fn markdown_links_the_files_an_export_writes_beside_it() {
    let temp = tempfile::tempdir().expect("temp dir");
    let data = temp.path().join("data");
    let attached = visit_with_evidence(&data);
    let text = String::from_utf8(rendered(
        &attached,
        &gathered(&attached),
        Lang::Vi,
        Format::Markdown,
    ))
    .expect("UTF-8");
    let yaml = onsite::export::file_name(&attached.record);
    let folder = format!("{}.files", yaml.trim_end_matches(".yaml"));
    let board = format!("{folder}/{}.png", attached.board_sha);
    let plan_link = format!("{folder}/{}.pdf", attached.plan_sha);
    assert!(
        text.contains(&format!("![{NOTICE_BOARD}]({board})")),
        "{text}"
    );
    assert!(text.contains(&format!("({plan_link})")), "{text}");
    // A hostile name or caption is text: no markup, no link of its own.
    assert!(text.contains("[\\<b\\>ke-hoach\\</b\\>.pdf]("), "{text}");
    assert!(text.contains("\\<img src=x onerror=alert(1)\\>"), "{text}");
    assert!(text.contains("\\[link\\](http://x)"), "{text}");
    // The lost file: named and marked, not linked (an export has no copy of it either).
    assert!(!text.contains(&format!("{}.png)", attached.missing_sha)));
    assert!(
        text.contains("IMG_0043.png — *thiếu tệp trên máy này*"),
        "{text}"
    );
    assert!(text.contains(&format!("`{}`", attached.missing_sha)));

    // The links resolve in an export of the visit written where the Markdown is.
    let id = attached.record.state.visit.id.clone();
    drop(attached.store);
    let out = temp.path().join("out");
    let output = onsite(&data)
        .args(["export", &id, "--out"])
        .arg(&out)
        .output()
        .expect("run onsite");
    assert!(output.status.success(), "{output:?}");
    for (link, bytes) in [(&board, attached.board.clone()), (&plan_link, plan())] {
        assert_eq!(std::fs::read(out.join(link)).expect(link), bytes);
    }
}
