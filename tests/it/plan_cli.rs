//! Issue 19, the campaign plan: `onsite plan import | list | start` through the `onsite`
//! binary, each in a sandbox of its own (`ONSITE_DATA_DIR` in a temp dir), and the plan
//! carried between two laptops by `onsite sync DIR`.

use std::fs;
use std::path::Path;

use crate::support::files::names;
use crate::support::sandbox::{CO_QUAN, CONG_SO, Sandbox};
use yaml_serde::Value;

/// A plan written by a Vietnamese team in Excel with Vietnamese settings: `;` between cells,
/// a byte-order mark, headers with diacritics, a numbering column onsite does not read, a
/// blank row, a cell holding `;` quoted as Excel quotes it.
fn vietnamese_csv() -> String {
    format!(
        "\u{feff}STT;Đơn vị;Loại;Địa chỉ;Ngày;Trưởng đoàn;Thành viên;Bộ tiêu chí\n\
         1;Phường Thạch Linh;đơn vị;Hà Tĩnh;01/12/2026;Lê Văn An;\"Trần Bình; Hà Chi:thư ký\";{CO_QUAN}\n\
         ;;;;;;;\n\
         2;UBND xã Thạch Hạ;cơ quan;;2026-12-03;;;{CONG_SO}\n"
    )
}

fn write(sandbox: &Sandbox, name: &str, text: &str) -> String {
    let path = sandbox.path(name);
    fs::write(&path, text).expect("write the plan");
    path.to_str().expect("a UTF-8 path").to_owned()
}

/// The entries of `plan list --format yaml`.
fn entries(sandbox: &Sandbox) -> Vec<Value> {
    let text = sandbox.ok_quiet(&["plan", "list", "--format", "yaml"]);
    let listed: Value = yaml_serde::from_str(&text).expect("the list is YAML");
    listed.as_sequence().expect("a list").clone()
}

fn text<'a>(value: &'a Value, path: &[&str]) -> &'a str {
    let mut at = value;
    for key in path {
        at = match key.parse::<usize>() {
            Ok(index) => &at[index],
            Err(_) => &at[*key],
        };
    }
    at.as_str()
        .unwrap_or_else(|| panic!("{path:?} in {value:?}"))
}

fn id_of<'a>(entries: &'a [Value], unit: &str) -> &'a str {
    let entry = entries
        .iter()
        .find(|entry| text(entry, &["unit", "name"]) == unit)
        .expect("the entry of the unit");
    text(entry, &["id"])
}

#[test]
fn a_csv_with_vietnamese_headers_is_imported_and_listed() {
    let sandbox = Sandbox::new().running_from_crate_root();
    let file = write(&sandbox, "ke-hoach.csv", &vietnamese_csv());
    let out = sandbox.ok_quiet(&["plan", "import", &file]);
    assert!(out.contains("imported 2 plan entries"), "{out}");

    let listed = entries(&sandbox);
    assert_eq!(listed.len(), 2);
    let first = &listed[0];
    assert_eq!(text(first, &["unit", "name"]), "Phường Thạch Linh");
    assert_eq!(text(first, &["unit", "kind"]), "đơn vị");
    assert_eq!(text(first, &["unit", "address"]), "Hà Tĩnh");
    assert_eq!(first["date"].as_str(), Some("2026-12-01"));
    assert_eq!(text(first, &["rubric"]), CO_QUAN);
    assert!(first["visit"].is_null());
    let team: Vec<(&str, &str)> = first["team"]
        .as_sequence()
        .expect("a team")
        .iter()
        .map(|m| (text(m, &["name"]), text(m, &["role"])))
        .collect();
    assert_eq!(
        team,
        [
            ("Lê Văn An", "trưởng đoàn"),
            ("Trần Bình", "thành viên"),
            ("Hà Chi", "thư ký"),
        ]
    );
    assert_eq!(text(&listed[1], &["unit", "kind"]), "cơ quan");
    assert_eq!(listed[1]["team"].as_sequence().map(Vec::len), Some(0));

    let table = sandbox.ok_quiet(&["plan", "list"]);
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines.len(), 2, "{table}");
    assert!(lines[0].contains("2026-12-01") && lines[0].contains("Phường Thạch Linh"));
    assert!(lines[0].contains("Lê Văn An") && lines[0].ends_with("planned"));
    assert!(lines[1].contains("UBND xã Thạch Hạ") && lines[1].contains(CONG_SO));

    // The same file again adds nothing.
    let again = sandbox.ok_quiet(&["plan", "import", &file]);
    assert!(again.contains("imported 0 plan entries"), "{again}");
    assert!(again.contains("2 rows already in the plan"), "{again}");
    assert_eq!(entries(&sandbox).len(), 2);
}

#[test]
fn an_xlsx_with_english_headers_and_one_team_column_is_imported() {
    let sandbox = Sandbox::new().running_from_crate_root();
    let path = sandbox.path("plan.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let rows: [[&str; 5]; 3] = [
        ["Unit", "Kind", "Date", "Team", "Rubric"],
        [
            "Cục Quản lý thị trường",
            "agency",
            "",
            "Nguyễn Văn Hùng; Lê Thị Mai",
            CO_QUAN,
        ],
        ["Trường THCS Lê Lợi", "don-vi", "05/12/2026", "", CONG_SO],
    ];
    for (r, row) in (0u32..).zip(rows) {
        for (c, cell) in (0u16..).zip(row) {
            if !cell.is_empty() {
                sheet.write_string(r, c, cell).expect("write a cell");
            }
        }
    }
    // A real Excel date cell, as a team types a date into the sheet.
    let date = rust_xlsxwriter::ExcelDateTime::from_ymd(2026, 12, 4).expect("a date");
    let format = rust_xlsxwriter::Format::new().set_num_format("dd/mm/yyyy");
    sheet
        .write_datetime_with_format(1, 2, &date, &format)
        .expect("write the date");
    book.save(&path).expect("save the workbook");

    let out = sandbox.ok_quiet(&["plan", "import", path.to_str().expect("UTF-8")]);
    assert!(out.contains("imported 2 plan entries"), "{out}");
    let listed = entries(&sandbox);
    assert_eq!(listed.len(), 2);
    assert_eq!(
        text(&listed[0], &["unit", "name"]),
        "Cục Quản lý thị trường"
    );
    assert_eq!(listed[0]["date"].as_str(), Some("2026-12-04"));
    assert_eq!(text(&listed[0], &["team", "0", "name"]), "Nguyễn Văn Hùng");
    assert_eq!(text(&listed[0], &["team", "0", "role"]), "trưởng đoàn");
    assert_eq!(text(&listed[0], &["team", "1", "role"]), "thành viên");
    assert_eq!(text(&listed[1], &["unit", "kind"]), "đơn vị");
    assert_eq!(listed[1]["date"].as_str(), Some("2026-12-05"));
}

#[test]
fn bad_rows_are_named_by_their_row_number_and_nothing_is_imported() {
    let sandbox = Sandbox::new().running_from_crate_root();
    let csv = format!(
        "unit,kind,date,rubric,leader\n\
         Good one,cơ quan,2026-12-01,{CO_QUAN},An\n\
         ,cơ quan,2026-12-01,{CO_QUAN},\n\
         Bad date,cơ quan,31/02/2026,{CO_QUAN},\n\
         \n\
         Bad kind,bệnh viện,2026-12-01,{CO_QUAN},\n\
         Bad rubric,cơ quan,2026-12-01,no-such-rubric,\n\
         Bad role,cơ quan,2026-12-01,{CO_QUAN},An:giám đốc\n"
    );
    let file = write(&sandbox, "bad.csv", &csv);
    let run = sandbox.run(&["plan", "import", &file]);
    assert_eq!(run.code, Some(1), "{run:?}");
    let lines: Vec<&str> = run.stderr.lines().collect();
    let row = |n: usize, says: &str| {
        let prefix = format!("{file}: row {n}: ");
        assert!(
            lines
                .iter()
                .any(|line| line.starts_with(&prefix) && line.contains(says)),
            "row {n} should say {says:?}: {lines:#?}"
        );
    };
    row(3, "unit name is empty");
    row(4, "\"31/02/2026\" is not a date");
    row(6, "\"bệnh viện\"");
    row(7, "no-such-rubric");
    row(8, "giám đốc");
    assert!(
        !lines.iter().any(|line| line.contains(": row 2:")),
        "{lines:#?}"
    );
    assert_eq!(
        lines.last(),
        Some(&"nothing imported: 5 rows have problems; fix them and import the whole file")
    );
    assert_eq!(run.stdout, "");
    assert_eq!(entries(&sandbox).len(), 0);
    assert_eq!(
        sandbox.ok_quiet(&["plan", "list"]).trim_end(),
        "no plan yet; import one with `onsite plan import FILE`"
    );

    // A header without a unit column: row 1.
    let file = write(&sandbox, "no-unit.csv", "Ngày,Loại\n2026-12-01,cơ quan\n");
    let run = sandbox.run(&["plan", "import", &file]);
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr
            .starts_with(&format!("{file}: row 1: the header row has no \"unit\"")),
        "{run:?}"
    );
    assert_eq!(entries(&sandbox).len(), 0);
}

#[test]
fn an_entry_starts_a_visit_once_and_is_linked_to_it() {
    let sandbox = Sandbox::new().running_from_crate_root();
    let file = write(&sandbox, "ke-hoach.csv", &vietnamese_csv());
    sandbox.ok_quiet(&["plan", "import", &file]);
    let listed = entries(&sandbox);
    let id = id_of(&listed, "Phường Thạch Linh").to_owned();

    // One import's entries share their first 12 characters; the end tells them apart.
    let ambiguous = sandbox.run(&["plan", "start", &id[..10]]);
    assert_eq!(ambiguous.code, Some(1), "{ambiguous:?}");
    assert!(ambiguous.stderr.contains("matches several plan entries"));
    let unknown = sandbox.run(&["plan", "start", "7ZZZ"]);
    assert_eq!(unknown.code, Some(1));
    assert!(unknown.stderr.contains("no plan entry matches \"7ZZZ\""));

    // Any case, like a visit id.
    let started = sandbox.ok_quiet(&["plan", "start", &id.to_lowercase()]);
    let visit = started.trim_end().to_owned();
    assert_eq!(started, format!("{visit}\n"), "only the visit id");
    assert_eq!(visit.len(), 26);

    let document: Value =
        yaml_serde::from_str(&sandbox.ok_quiet(&["show", &visit, "--format", "yaml"]))
            .expect("YAML");
    assert_eq!(text(&document, &["unit", "name"]), "Phường Thạch Linh");
    assert_eq!(text(&document, &["unit", "kind"]), "đơn vị");
    assert_eq!(text(&document, &["unit", "address"]), "Hà Tĩnh");
    assert_eq!(document["date"].as_str(), Some("2026-12-01"));
    assert_eq!(text(&document, &["rubric", "id"]), CO_QUAN);
    assert_eq!(text(&document, &["team", "0", "name"]), "Lê Văn An");
    assert_eq!(text(&document, &["team", "0", "role"]), "trưởng đoàn");
    assert_eq!(text(&document, &["team", "2", "role"]), "thư ký");

    let linked = entries(&sandbox);
    let entry = linked
        .iter()
        .find(|e| text(e, &["id"]) == id)
        .expect("the entry");
    assert_eq!(entry["visit"].as_str(), Some(visit.as_str()));
    let table = sandbox.ok_quiet(&["plan", "list"]);
    assert!(
        table
            .lines()
            .any(|l| l.starts_with(&id) && l.ends_with(&visit)),
        "{table}"
    );

    let twice = sandbox.run(&["plan", "start", &id]);
    assert_eq!(twice.code, Some(1), "{twice:?}");
    assert_eq!(twice.stdout, "");
    assert!(
        twice.stderr.contains(&format!(
            "plan entry {id} is already started: visit {visit}"
        )),
        "{twice:?}"
    );
    assert_eq!(
        sandbox.ids(),
        std::slice::from_ref(&visit),
        "no second visit"
    );
}

#[test]
fn a_plan_and_its_start_sync_through_a_folder() {
    let (lan, binh) = (
        Sandbox::new().running_from_crate_root(),
        Sandbox::new().running_from_crate_root(),
    );
    let shared = tempfile::tempdir().expect("a shared folder");
    let dir = shared.path().to_str().expect("UTF-8");
    let file = write(&lan, "ke-hoach.csv", &vietnamese_csv());
    lan.ok_quiet(&["plan", "import", &file]);

    let out = lan.ok_quiet(&["sync", dir]);
    assert!(
        out.contains("plan: 0 new entries, 0 started on another laptop, 2 files written"),
        "{out}"
    );
    let plans = shared.path().join("plans");
    let names = names(&plans);
    assert_eq!(names.len(), 2, "{names:?}");
    let one = fs::read_to_string(plans.join(&names[0])).expect("an entry file");
    assert!(one.starts_with("format: onsite-plan/1\nid: "), "{one}");

    let out = binh.ok_quiet(&["sync", dir]);
    assert!(out.contains("plan: 2 new entries"), "{out}");
    assert_eq!(entries(&binh), entries(&lan));

    // Bình starts one; after both sync, Lan sees it started, with Bình's visit.
    let id = id_of(&entries(&binh), "Phường Thạch Linh").to_owned();
    let visit = binh.ok_quiet(&["plan", "start", &id]).trim_end().to_owned();
    binh.ok_quiet(&["sync", dir]);
    let out = lan.ok_quiet(&["sync", dir]);
    assert!(out.contains("1 started on another laptop"), "{out}");
    let on_lan = entries(&lan);
    let entry = on_lan
        .iter()
        .find(|e| text(e, &["id"]) == id)
        .expect("the entry");
    assert_eq!(entry["visit"].as_str(), Some(visit.as_str()));
    assert!(lan.ids().contains(&visit), "the visit came along");
    let again = lan.run(&["plan", "start", &id]);
    assert_eq!(again.code, Some(1));
    assert!(again.stderr.contains(&visit), "{again:?}");

    // A stale copy put back cannot undo the start.
    let stale = fs::read_to_string(plans.join(format!("{id}.yaml"))).expect("the file");
    fs::write(
        plans.join(format!("{id}.yaml")),
        stale.replace(&format!("visit: {visit}"), "visit: null"),
    )
    .expect("put a stale copy back");
    lan.ok_quiet(&["sync", dir]);
    let entry = entries(&lan)
        .into_iter()
        .find(|e| text(e, &["id"]) == id)
        .expect("the entry");
    assert_eq!(entry["visit"].as_str(), Some(visit.as_str()));
    assert!(
        fs::read_to_string(plans.join(format!("{id}.yaml")))
            .expect("the file")
            .contains(&visit),
        "written again, started"
    );
}

#[test]
fn a_broken_plan_file_in_the_folder_is_reported_and_left_alone() {
    let lan = Sandbox::new().running_from_crate_root();
    let shared = tempfile::tempdir().expect("a shared folder");
    let plans = shared.path().join("plans");
    fs::create_dir(&plans).expect("create plans/");
    let broken = plans.join("01KBX0J3Y8Q4B9R6W2S5T7V1ZA.yaml");
    fs::write(&broken, "format: onsite-plan/9\n").expect("write a broken entry");
    let run = lan.run(&["sync", shared.path().to_str().expect("UTF-8")]);
    assert_eq!(run.code, Some(1), "{run:?}");
    assert!(
        run.stderr.contains("01KBX0J3Y8Q4B9R6W2S5T7V1ZA.yaml"),
        "{run:?}"
    );
    assert_eq!(
        fs::read_to_string(&broken).expect("still there"),
        "format: onsite-plan/9\n"
    );
    assert!(Path::new(&broken).exists());
    assert_eq!(entries(&lan).len(), 0);
}

#[test]
fn a_unique_prefix_names_an_entry() {
    let sandbox = Sandbox::new().running_from_crate_root();
    let file = write(
        &sandbox,
        "one.csv",
        &format!("Đơn vị,Ngày,Bộ tiêu chí\nPhường Bắc Hà,2026-12-07,{CONG_SO}\n"),
    );
    sandbox.ok_quiet(&["plan", "import", &file]);
    let id = id_of(&entries(&sandbox), "Phường Bắc Hà").to_owned();
    let visit = sandbox
        .ok_quiet(&["plan", "start", &id[..6]])
        .trim_end()
        .to_owned();
    let shown = sandbox.ok_quiet(&["show", &visit]);
    assert!(shown.starts_with("Phường Bắc Hà (agency)"), "{shown}");
    assert!(shown.contains("2026-12-07"), "{shown}");
}

/// `git` with `args` in `dir`, on a laptop whose git settings are its own (`home`).
fn git(home: &Path, dir: &Path, args: &[&str]) -> bool {
    std::process::Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("HOME", home)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .is_ok_and(|output| output.status.success())
}

/// `onsite sync CLONE --git` on a laptop; what it printed.
fn git_sync(sandbox: &Sandbox, clone: &Path) -> String {
    let output = sandbox
        .onsite()
        .env("HOME", sandbox.path(""))
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .args(["sync", clone.to_str().expect("UTF-8"), "--git"])
        .output()
        .expect("run onsite");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
}

/// Two laptops, each with a clone (`team`) of one bare repository; `None` (and a note) when
/// git cannot run here. Keep the temp dir alive as long as the clones are used.
fn two_clones() -> Option<(Sandbox, Sandbox, tempfile::TempDir)> {
    let (lan, binh) = (
        Sandbox::new().running_from_crate_root(),
        Sandbox::new().running_from_crate_root(),
    );
    let between = tempfile::tempdir().expect("a temp dir");
    let bare = between.path().join("team.git");
    let bare = bare.to_str().expect("UTF-8");
    if !git(between.path(), between.path(), &["--version"]) {
        eprintln!("skipped: `git --version` failed, so git sync cannot be tested here");
        return None;
    }
    let init = [
        "-c",
        "init.defaultBranch=main",
        "init",
        "--quiet",
        "--bare",
        bare,
    ];
    assert!(git(between.path(), between.path(), &init));
    for laptop in [&lan, &binh] {
        let clone = [
            "-c",
            "init.defaultBranch=main",
            "clone",
            "--quiet",
            bare,
            "team",
        ];
        assert!(git(&laptop.path(""), &laptop.path(""), &clone));
    }
    Some((lan, binh, between))
}

#[test]
fn a_plan_and_its_start_sync_through_git() {
    let Some((lan, binh, _between)) = two_clones() else {
        return;
    };
    let file = write(&lan, "ke-hoach.csv", &vietnamese_csv());
    lan.ok_quiet(&["plan", "import", &file]);
    let out = git_sync(&lan, &lan.path("team"));
    assert!(out.contains("2 files written"), "{out}");

    let out = git_sync(&binh, &binh.path("team"));
    assert!(out.contains("plan: 2 new entries"), "{out}");
    assert_eq!(entries(&binh), entries(&lan));

    let id = id_of(&entries(&binh), "UBND xã Thạch Hạ").to_owned();
    let visit = binh.ok_quiet(&["plan", "start", &id]).trim_end().to_owned();
    git_sync(&binh, &binh.path("team"));
    let out = git_sync(&lan, &lan.path("team"));
    assert!(out.contains("1 started on another laptop"), "{out}");
    let entry = entries(&lan)
        .into_iter()
        .find(|e| text(e, &["id"]) == id)
        .expect("the entry");
    assert_eq!(entry["visit"].as_str(), Some(visit.as_str()));
    assert!(lan.ids().contains(&visit), "the visit came along");
}

#[test]
fn an_entry_started_on_two_laptops_between_git_syncs_links_the_earlier_visit() {
    let Some((lan, binh, _between)) = two_clones() else {
        return;
    };
    let file = write(&lan, "ke-hoach.csv", &vietnamese_csv());
    lan.ok_quiet(&["plan", "import", &file]);
    git_sync(&lan, &lan.path("team"));
    git_sync(&binh, &binh.path("team"));
    let id = id_of(&entries(&lan), "Phường Thạch Linh").to_owned();
    // Both start it before either syncs again: its file changes on both sides.
    let first = lan.ok_quiet(&["plan", "start", &id]).trim_end().to_owned();
    let second = binh.ok_quiet(&["plan", "start", &id]).trim_end().to_owned();
    assert!(first < second, "ULIDs grow with time");
    git_sync(&lan, &lan.path("team"));
    git_sync(&binh, &binh.path("team"));
    git_sync(&lan, &lan.path("team"));
    for laptop in [&lan, &binh] {
        let entry = entries(laptop)
            .into_iter()
            .find(|e| text(e, &["id"]) == id)
            .expect("the entry");
        assert_eq!(entry["visit"].as_str(), Some(first.as_str()));
        let ids = laptop.ids();
        assert!(ids.contains(&first) && ids.contains(&second), "{ids:?}");
    }
}
