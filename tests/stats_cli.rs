//! Issue 19: `onsite stats`, the summary of many visits, through the `onsite` binary. A set
//! of visits with known answers (N/A, a failed critical item, two versions of one rubric, a
//! draft, a second rubric) and every figure of `onsite-stats/1` compared.

#[path = "support/team.rs"]
mod team;

use std::fs;

use team::{LAN, Laptop, RUBRIC};
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
    laptop: Laptop,
    a: String,
    b: String,
    c: String,
    d: String,
}

fn visit(
    laptop: &Laptop,
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
    let laptop = Laptop::new(LAN);
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
    let other = k.laptop.new_visit_of(RUBRIC);
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
    let laptop = Laptop::new(LAN);
    for (args, says) in [
        (&["stats", "--from", "tomorrow"][..], "tomorrow"),
        (&["stats", "--kind", "school"][..], "school"),
    ] {
        let run = laptop.run(args);
        assert_eq!(run.code, Some(1), "{args:?}: {run:?}");
        assert!(run.stdout.is_empty(), "{run:?}");
        assert!(run.stderr.contains(says), "{run:?}");
    }
    assert!(!laptop.data_dir().join("db").exists() || laptop.run(&["list"]).code == Some(0));
}
