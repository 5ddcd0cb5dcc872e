//! Issue 19: `onsite stats`, the summary of many visits, through the `onsite` binary. A set
//! of visits with known answers (N/A, a failed critical item, two versions of one rubric, a
//! draft, a second rubric) and every figure of `onsite-stats/1` compared.

use std::fs;

use crate::support::sandbox::{LAN, Sandbox};
use crate::support::team::{RUBRIC, UNIT};
use yaml_serde::Value;

const V1: &str = r#"format: onsite-rubric/1
id: stats-test
version: "1"
title: "Stats test"
pass:
  min_score: 8
sections:
  - id: "1"
    title: "One"
    items:
      - { id: "1.1", text: "Points", max: 10 }
      - { id: "1.2", text: "Mandatory", kind: check, max: 2, critical: true }
  - id: "2"
    title: "Two"
    items:
      - { id: "2.1", text: "Maybe", max: 4, na: true }
"#;

/// Version 2 adds 2.2.
fn v2() -> String {
    V1.replace("version: \"1\"", "version: \"2\"")
        + "      - { id: \"2.2\", text: \"New\", kind: check, max: 2 }\n"
}

struct Known {
    laptop: Sandbox,
    a: String,
    b: String,
    c: String,
    d: String,
}

fn visit(
    laptop: &Sandbox,
    version: &str,
    date: &str,
    unit: &str,
    answers: &[(&str, &str)],
) -> String {
    let rubric = format!("stats-test@{version}");
    let id = laptop
        .ok(&["new", "--rubric", &rubric, "--unit", unit, "--date", date])
        .trim()
        .to_owned();
    for (item, value) in answers {
        laptop.score(&id, item, value);
    }
    id
}

/// A: v1, 13.3, pass, 2.1 N/A. B: v1, 12, fail on the critical 1.2. C: v2, 11, pass, 2.2
/// failed. D: v2, a draft with one answer. All finalized but D.
fn known() -> Known {
    let laptop = Sandbox::laptop(LAN);
    fs::write(laptop.path("rubrics/stats-1.yaml"), V1).expect("write v1");
    fs::write(laptop.path("rubrics/stats-2.yaml"), v2()).expect("write v2");
    let a = visit(
        &laptop,
        "1",
        "2026-11-01",
        "Đơn vị A",
        &[("1.1", "8"), ("1.2", "pass"), ("2.1", "na")],
    );
    let b = visit(
        &laptop,
        "1",
        "2026-11-02",
        "Đơn vị B",
        &[("1.1", "10"), ("1.2", "fail"), ("2.1", "2")],
    );
    let c = visit(
        &laptop,
        "2",
        "2026-11-03",
        "Đơn vị C",
        &[("1.1", "5"), ("1.2", "pass"), ("2.1", "4"), ("2.2", "fail")],
    );
    let d = visit(&laptop, "2", "2026-11-04", "Đơn vị D", &[("1.1", "0")]);
    for id in [&a, &b, &c] {
        laptop.ok(&["finalize", id]);
    }
    Known { laptop, a, b, c, d }
}

fn documents(text: &str) -> Vec<Value> {
    use serde::Deserialize;
    yaml_serde::Deserializer::from_str(text)
        .map(|document| Value::deserialize(document).expect("onsite stats prints YAML"))
        .collect()
}

fn parsed(text: &str) -> Value {
    yaml_serde::from_str(text).expect("the expected YAML parses")
}

#[test]
fn every_figure_of_finalized_visits_is_computed() {
    let k = known();
    let out = k.laptop.ok(&["stats", "--format", "yaml"]);
    let expected = parsed(&format!(
        r#"
format: onsite-stats/1
rubric: {{id: stats-test, versions: ["1", "2"]}}
range: {{from: null, to: null}}
visits: {{total: 3, pass: 2, fail: 1, incomplete: 0}}
score: {{mean: 12.1, median: 12.0, min: 11.0, max: 13.3}}
sections:
  - {{id: "1", title: One, mean_percent: 75.0}}
  - {{id: "2", title: Two, mean_percent: 58.3}}
items:
  - {{id: "1.1", text: Points, answered: 3, na: 0, mean_points: 7.7, max: 10.0, mean_percent: 76.7, zero: 0, critical: false}}
  - {{id: "1.2", text: Mandatory, answered: 3, na: 0, mean_points: 1.3, max: 2.0, mean_percent: 66.7, zero: 1, critical: true}}
  - {{id: "2.1", text: Maybe, answered: 2, na: 1, mean_points: 3.0, max: 4.0, mean_percent: 75.0, zero: 0, critical: false}}
  - {{id: "2.2", text: New, answered: 1, na: 2, mean_points: 0.0, max: 2.0, mean_percent: 0.0, zero: 1, critical: false}}
weakest: ["2.2", "1.2", "2.1", "1.1"]
units:
  - {{visit: {c}, date: "2026-11-03", unit: Đơn vị C, kind: cơ quan, score: 11.0, verdict: pass, failed_mandatory: []}}
  - {{visit: {b}, date: "2026-11-02", unit: Đơn vị B, kind: cơ quan, score: 12.0, verdict: fail, failed_mandatory: ["1.2"]}}
  - {{visit: {a}, date: "2026-11-01", unit: Đơn vị A, kind: cơ quan, score: 13.3, verdict: pass, failed_mandatory: []}}
"#,
        a = k.a,
        b = k.b,
        c = k.c
    ));
    assert_eq!(documents(&out), vec![expected], "{out}");
}

#[test]
fn all_counts_drafts_and_marks_them() {
    let k = known();
    let out = k.laptop.ok(&["stats", "--all", "--format", "yaml"]);
    let doc = &documents(&out)[0];
    assert_eq!(
        doc["visits"],
        parsed("{total: 4, pass: 2, fail: 1, incomplete: 1}")
    );
    let item = &doc["items"][0];
    assert_eq!(
        (item["answered"].as_u64(), item["zero"].as_u64()),
        (Some(4), Some(1))
    );
    assert_eq!(item["mean_points"].as_f64(), Some(5.8));
    let units = doc["units"].as_sequence().expect("units");
    assert_eq!(units[0]["visit"].as_str(), Some(k.d.as_str()));
    assert_eq!(units[0]["status"].as_str(), Some("draft"));
    assert_eq!(units[0]["verdict"].as_str(), Some("incomplete"));
    assert_eq!(units[1]["status"].as_str(), Some("finalized"));
    let table = k.laptop.ok(&["stats", "--all"]);
    assert!(table.contains("(draft)"), "{table}");
    assert!(
        table.contains("4 visits: 2 pass, 1 fail, 1 incomplete"),
        "{table}"
    );
}

#[test]
fn a_date_range_and_a_kind_narrow_the_visits() {
    let k = known();
    let out = k.laptop.ok(&[
        "stats",
        "--from",
        "2026-11-02",
        "--to",
        "03/11/2026",
        "--format",
        "yaml",
    ]);
    let doc = &documents(&out)[0];
    assert_eq!(
        doc["range"],
        parsed("{from: '2026-11-02', to: '2026-11-03'}")
    );
    assert_eq!(doc["visits"]["total"].as_u64(), Some(2));
    let units: Vec<&str> = doc["units"]
        .as_sequence()
        .expect("units")
        .iter()
        .filter_map(|u| u["visit"].as_str())
        .collect();
    assert_eq!(units, [k.c.as_str(), k.b.as_str()]);
    let none = k.laptop.ok(&["stats", "--kind", "doanh nghiệp"]);
    assert_eq!(
        none.trim(),
        "no finalized visits in this range (`--all` counts drafts too)"
    );
}

#[test]
fn several_rubrics_give_one_summary_each_and_are_never_mixed() {
    let k = known();
    let other = k.laptop.new_visit(RUBRIC, UNIT, &[]);
    k.laptop.answer_all(&other);
    k.laptop.ok(&["finalize", &other]);
    let docs = documents(&k.laptop.ok(&["stats", "--format", "yaml"]));
    let rubrics: Vec<&str> = docs
        .iter()
        .filter_map(|d| d["rubric"]["id"].as_str())
        .collect();
    assert_eq!(rubrics, ["stats-test", RUBRIC]);
    assert_eq!(docs[0]["visits"]["total"].as_u64(), Some(3));
    assert_eq!(
        docs[1]["visits"],
        parsed("{total: 1, pass: 1, fail: 0, incomplete: 0}")
    );
    let one = documents(
        &k.laptop
            .ok(&["stats", "--rubric", RUBRIC, "--format", "yaml"]),
    );
    assert_eq!(one.len(), 1);
    assert_eq!(one[0], docs[1]);
}

#[test]
fn a_deleted_visit_is_not_counted() {
    let k = known();
    k.laptop.ok(&["delete", &k.a, "--yes"]);
    let doc = &documents(&k.laptop.ok(&["stats", "--format", "yaml"]))[0];
    assert_eq!(doc["visits"]["total"].as_u64(), Some(2));
}

#[test]
fn bad_arguments_are_refused_with_what_to_type() {
    let laptop = Sandbox::laptop(LAN);
    for (args, says) in [
        (&["stats", "--from", "tomorrow"][..], "tomorrow"),
        (&["stats", "--kind", "school"][..], "school"),
    ] {
        let run = laptop.run(args);
        assert_eq!(run.code, Some(1), "{args:?}: {run:?}");
        assert!(run.stdout.is_empty(), "{run:?}");
        assert!(run.stderr.contains(says), "{run:?}");
    }
    assert!(!laptop.data().join("db").exists() || laptop.run(&["list"]).code == Some(0));
}

fn select<'h>(page: &'h scraper::Html, css: &str) -> Vec<scraper::ElementRef<'h>> {
    let selector = scraper::Selector::parse(css).expect("selector");
    page.select(&selector).collect()
}

fn words(element: &scraper::ElementRef<'_>) -> String {
    element.text().collect::<String>().trim().to_owned()
}

#[test]
fn the_page_holds_the_figures_the_tables_and_both_charts() {
    let k = known();
    let file = k.laptop.path("summary.html");
    let file_arg = file.to_string_lossy().into_owned();
    let said = k.laptop.ok(&["stats", "--format", "html", "-o", &file_arg]);
    assert_eq!(said.trim(), file_arg, "prints the path written");
    let text = fs::read_to_string(&file).expect("the page was written");
    assert!(
        !text.contains("<script") && !text.contains("src=\"http"),
        "self-contained"
    );
    assert!(text.contains("@page { size: A4;"), "a print stylesheet");
    let page = scraper::Html::parse_document(&text);
    assert_eq!(select(&page, "section.rubric").len(), 1);
    let figures: Vec<String> = select(&page, "table.figures tbody td")
        .iter()
        .map(words)
        .collect();
    assert_eq!(figures, ["3", "2", "1", "0", "12.1", "12", "11", "13.3"]);
    let units: Vec<Vec<String>> = select(&page, "table.units tbody tr")
        .iter()
        .map(|row| {
            row.children()
                .filter_map(scraper::ElementRef::wrap)
                .map(|c| words(&c))
                .collect()
        })
        .collect();
    assert_eq!(units.len(), 3);
    assert_eq!(units[0][1], "Đơn vị C");
    assert_eq!(units[1][1..6], ["Đơn vị B", "agency", "12", "fail", "1.2"]);
    assert_eq!(select(&page, "table.units tr.fail").len(), 1);
    // The bar chart of section means: 75% and 58.3% of a 330 px bar.
    let bars: Vec<&str> = select(&page, "figure.sections rect.bar")
        .iter()
        .filter_map(|bar| bar.value().attr("width"))
        .collect();
    assert_eq!(bars, ["248", "192"]);
    // Scores 11, 12 and 13.3 of the newest version's 18 points, in bands of 1.8: two in the
    // seventh band (10.8–12.6), one in the eighth.
    let columns: Vec<&str> = select(&page, "figure.distribution rect.bar")
        .iter()
        .filter_map(|bar| bar.value().attr("height"))
        .collect();
    assert_eq!(
        columns,
        ["0", "0", "0", "0", "0", "0", "140", "70", "0", "0"]
    );
    let weakest: Vec<String> = select(&page, "table.items")[0]
        .select(&scraper::Selector::parse("tbody tr td:first-child").expect("selector"))
        .map(|cell| words(&cell))
        .collect();
    assert_eq!(weakest, ["2.2", "1.2 (Critical)", "2.1", "1.1"]);
    assert_eq!(
        select(&page, "table.items")[1]
            .select(&scraper::Selector::parse("tbody tr").expect("selector"))
            .count(),
        4
    );
    let printed = k.laptop.ok(&["stats", "--format", "html", "-o", "-"]);
    assert!(printed.starts_with("<!DOCTYPE html>"), "{printed}");
}

#[test]
fn the_workbook_has_the_same_tables_as_sheets() {
    use calamine::{Data, Reader, Xlsx};
    let k = known();
    let file = k.laptop.path("summary.xlsx");
    k.laptop.ok(&[
        "stats",
        "--all",
        "--format",
        "xlsx",
        "-o",
        &file.to_string_lossy(),
    ]);
    let mut workbook: Xlsx<_> = calamine::open_workbook(&file).expect("calamine opens it");
    assert_eq!(
        workbook.sheet_names(),
        ["Summary", "Standards", "Every criterion", "Units"]
    );
    let rows = |workbook: &mut Xlsx<_>, name: &str| -> Vec<Vec<Data>> {
        let range = workbook.worksheet_range(name).expect("the sheet");
        range.rows().map(<[Data]>::to_vec).collect()
    };
    let summary = rows(&mut workbook, "Summary");
    assert_eq!(summary.len(), 2, "a header and one rubric");
    assert_eq!(summary[1][0], Data::String("stats-test".into()));
    assert_eq!(summary[1][1], Data::String("1, 2".into()));
    let numbers: Vec<f64> = summary[1][3..]
        .iter()
        .map(|cell| match cell {
            Data::Float(x) => *x,
            other => panic!("a number, not {other:?}"),
        })
        .collect();
    assert_eq!(numbers, [4.0, 2.0, 1.0, 1.0, 9.1, 11.5, 0.0, 13.3, 18.0]);
    let units = rows(&mut workbook, "Units");
    assert_eq!(units.len(), 5);
    assert_eq!(units[1][2], Data::String("Đơn vị D".into()));
    assert!(
        matches!(units[1][1], Data::DateTime(_)),
        "a date cell: {:?}",
        units[1][1]
    );
    assert_eq!(units[1][7], Data::String("draft".into()));
    let items = rows(&mut workbook, "Every criterion");
    let weakest: Vec<(&Data, &Data)> = items[1..].iter().map(|row| (&row[1], &row[10])).collect();
    assert_eq!(weakest[3], (&Data::String("2.2".into()), &Data::Float(1.0)));
    assert_eq!(rows(&mut workbook, "Standards").len(), 3);
}

#[test]
fn a_file_format_with_nothing_to_count_writes_no_file() {
    let laptop = Sandbox::laptop(LAN);
    let file = laptop.path("summary.html");
    let run = laptop.run(&["stats", "--format", "html", "-o", &file.to_string_lossy()]);
    assert_eq!(run.code, Some(1), "{run:?}");
    assert!(run.stderr.contains("no file was written"), "{run:?}");
    assert!(!file.exists());
    let k = known();
    let table = k.laptop.ok(&["stats"]);
    let copy = k.laptop.path("summary.txt");
    let said = k.laptop.ok(&["stats", "-o", &copy.to_string_lossy()]);
    assert_eq!(said.trim(), copy.to_string_lossy());
    assert_eq!(fs::read_to_string(&copy).expect("written"), table);
}
