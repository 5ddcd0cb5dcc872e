//! Issue 17: corrective actions (`onsite action add | list | done | reopen`) and follow-up
//! visits (`onsite new --follow-up`), through the `onsite` binary: the contract's output,
//! every bad value refused with exit 1 and nothing changed, actions kept on a finalized
//! visit, the round trip through export and import, and two laptops syncing actions.

use std::fs;

use crate::support::sandbox::{CO_QUAN, LAN, Sandbox};
use crate::support::team::{BINH, RUBRIC, Team, UNIT};

fn is_ulid(text: &str) -> bool {
    text.len() == 26 && text.bytes().all(|b| b.is_ascii_alphanumeric())
}

fn refused(laptop: &Sandbox, args: &[&str]) -> String {
    let run = laptop.run(args);
    assert_eq!(run.code, Some(1), "{args:?}: {run:?}");
    assert!(run.stdout.is_empty(), "{args:?}: {run:?}");
    run.stderr.trim().to_owned()
}

fn add(laptop: &Sandbox, args: &[&str]) -> String {
    let out = laptop.ok(args);
    let id = out.trim().to_owned();
    assert!(is_ulid(&id), "action add prints only the id: {out:?}");
    assert_eq!(out, format!("{id}\n"));
    id
}

#[test]
fn actions_are_added_listed_done_and_reopened() {
    let laptop = Sandbox::laptop(LAN);
    let visit = laptop.new_visit(CO_QUAN, UNIT, &[]);
    let sign = add(
        &laptop,
        &[
            "action",
            "add",
            &visit,
            "--item",
            "2.12",
            "--text",
            "Bổ sung biển tên phòng làm việc của Đội 2",
            "--owner",
            "Văn phòng Cục",
            "--due",
            "31/12/2099",
        ],
    );
    let late = add(
        &laptop,
        &[
            "action",
            "add",
            &visit,
            "--text",
            "Niêm yết đường dây nóng",
            "--due",
            "2020-01-15",
        ],
    );
    let table = laptop.ok(&["action", "list"]);
    assert_eq!(table.lines().count(), 2, "{table}");
    assert!(
        table.contains("Văn phòng Cục") && table.contains("2099-12-31"),
        "{table}"
    );
    let overdue = laptop.ok(&["action", "list", "--overdue"]);
    assert_eq!(overdue.lines().count(), 1, "{overdue}");
    assert!(overdue.contains(&late[..10]), "{overdue}");

    laptop.ok(&["action", "done", &sign[..20], "--note", "Đã gắn biển"]);
    let open = laptop.ok(&["action", "list", &visit, "--open"]);
    assert_eq!(open.lines().count(), 1, "{open}");
    assert!(open.contains(&late[..10]), "{open}");

    let yaml = laptop.ok(&["action", "list", &visit, "--format", "yaml"]);
    let listed: yaml_serde::Value = yaml_serde::from_str(&yaml).expect("yaml");
    let first = &listed[0];
    assert_eq!(first["visit"].as_str(), Some(visit.as_str()));
    assert_eq!(first["id"].as_str(), Some(sign.as_str()));
    assert_eq!(first["item"].as_str(), Some("2.12"));
    assert_eq!(first["owner"].as_str(), Some("Văn phòng Cục"));
    assert_eq!(first["status"].as_str(), Some("done"));
    assert_eq!(first["done_by"].as_str(), Some(LAN));
    assert_eq!(first["done_note"].as_str(), Some("Đã gắn biển"));
    assert!(first["unit"].as_str().is_some());
    assert!(
        listed[1].get("item").is_none(),
        "no item: the key is absent"
    );
    assert!(listed[1]["done_at"].is_null());

    laptop.ok(&["action", "reopen", &sign, "--reason", "Biển chưa đúng mẫu"]);
    let yaml = laptop.ok(&["show", &visit, "--format", "yaml"]);
    assert!(yaml.contains("change: action_status"), "{yaml}");
    assert!(yaml.contains("note: \"Biển chưa đúng mẫu\""), "{yaml}");
    let doc: yaml_serde::Value = yaml_serde::from_str(&yaml).expect("yaml");
    assert_eq!(doc["actions"][0]["status"].as_str(), Some("open"));
    assert!(doc["actions"][0]["done_by"].is_null());
}

#[test]
fn bad_action_values_are_refused_and_change_nothing() {
    let laptop = Sandbox::laptop(LAN);
    let visit = laptop.new_visit(CO_QUAN, UNIT, &[]);
    let one = add(&laptop, &["action", "add", &visit, "--text", "Một"]);
    let before = laptop.ok(&["history", &visit]);
    let en = |args: &[&str]| refused(&laptop, args);
    assert!(en(&["action", "add", "ZZZZ", "--text", "x"]).contains("no visit matches"));
    assert!(en(&["action", "add", &visit, "--item", "9.9", "--text", "x"]).contains("\"9.9\""));
    for bad in ["31/02/2026", "2026/12/31", "mai"] {
        let line = en(&["action", "add", &visit, "--text", "x", "--due", bad]);
        assert!(line.contains("is not a date"), "{bad}: {line}");
    }
    assert!(en(&["action", "add", &visit, "--text", "  "]).contains("needs a text"));
    assert!(en(&["action", "done", "ZZZZ"]).contains("no corrective action matches"));
    assert!(en(&["action", "reopen", &one, "--reason", "x"]).contains("is open"));
    laptop.ok(&["action", "done", &one]);
    let after_done = laptop.ok(&["history", &visit]);
    assert!(en(&["action", "done", &one]).contains("already marked done"));
    assert!(en(&["action", "reopen", &one, "--reason", " "]).contains("say why"));
    assert_eq!(laptop.ok(&["history", &visit]), after_done);
    assert_eq!(
        after_done.lines().count(),
        before.lines().count() + 1,
        "only the done was recorded"
    );
    // Two actions made in the same millisecond range share a prefix: a short one is refused.
    let two = add(&laptop, &["action", "add", &visit, "--text", "Hai"]);
    let common = one
        .chars()
        .zip(two.chars())
        .take_while(|(a, b)| a == b)
        .count();
    if common > 0 {
        let line = en(&["action", "done", &one[..common]]);
        assert!(line.contains("matches 2 actions"), "{line}");
    }
}

#[test]
fn actions_are_kept_after_finalize_and_undo_takes_back_an_added_one() {
    let laptop = Sandbox::laptop(LAN);
    let visit = laptop.new_visit(RUBRIC, UNIT, &[]);
    laptop.answer_all(&visit);
    laptop.ok(&["finalize", &visit]);
    let action = add(
        &laptop,
        &["action", "add", &visit, "--text", "Sau kiểm tra"],
    );
    laptop.ok(&["action", "done", &action]);
    laptop.ok(&["action", "reopen", &action, "--reason", "Chưa xong"]);
    let doc: yaml_serde::Value =
        yaml_serde::from_str(&laptop.ok(&["show", &visit, "--format", "yaml"])).expect("yaml");
    assert_eq!(doc["status"].as_str(), Some("finalized"));
    assert_eq!(doc["actions"][0]["status"].as_str(), Some("open"));
    // Done and reopen undo each other; undo reaches the added action past them.
    laptop.ok(&["undo", &visit]);
    let doc: yaml_serde::Value =
        yaml_serde::from_str(&laptop.ok(&["show", &visit, "--format", "yaml"])).expect("yaml");
    assert!(doc.get("actions").is_none(), "the action is taken back");
    assert_eq!(doc["status"].as_str(), Some("finalized"));
    laptop.ok(&["redo", &visit]);
    assert!(
        laptop
            .ok(&["show", &visit, "--format", "yaml"])
            .contains("Sau kiểm tra")
    );
}

#[test]
fn export_and_import_keep_actions_and_the_follow_up_link_byte_for_byte() {
    let a = Sandbox::laptop(LAN);
    let first = a.new_visit(CO_QUAN, UNIT, &[]);
    let action = add(
        &a,
        &[
            "action",
            "add",
            &first,
            "--item",
            "1.1",
            "--text",
            "Lập kế hoạch",
            "--owner",
            "Phòng Tổ chức",
            "--due",
            "2099-06-30",
        ],
    );
    a.ok(&["action", "done", &action, "--note", "Xong"]);
    let again = a.ok(&["new", "--follow-up", &first[..12], "--date", "2099-11-20"]);
    let again = again.trim();
    assert!(is_ulid(again), "{again}");
    let out = a.path("out");
    a.ok(&["export", "--out", out.to_str().expect("utf-8")]);
    let b = Sandbox::laptop(BINH);
    b.ok(&["import", out.to_str().expect("utf-8")]);
    let out_b = b.path("out");
    b.ok(&["export", "--out", out_b.to_str().expect("utf-8")]);
    let mut names: Vec<_> = fs::read_dir(&out)
        .expect("out")
        .map(|e| e.expect("entry").file_name())
        .collect();
    names.sort();
    assert_eq!(names.len(), 2);
    for name in names {
        let (left, right) = (
            fs::read(out.join(&name)).expect("a"),
            fs::read(out_b.join(&name)).expect("b"),
        );
        assert!(left == right, "{name:?} differs after the round trip");
    }
    let doc = b.ok(&["show", again, "--format", "yaml"]);
    assert!(doc.contains(&format!("follow_up_of: {first}\n")), "{doc}");
    assert!(
        doc.contains("name: \"Cục Quản lý thị trường tỉnh Hà Tĩnh\""),
        "{doc}"
    );
    let first_doc = b.ok(&["show", &first, "--format", "yaml"]);
    assert!(first_doc.contains("done_note: \"Xong\""), "{first_doc}");
}

#[test]
fn a_follow_up_needs_a_known_visit_and_takes_no_unit_of_its_own() {
    let laptop = Sandbox::laptop(LAN);
    let visit = laptop.new_visit(CO_QUAN, UNIT, &[]);
    let before = laptop.ids();
    let line = refused(&laptop, &["new", "--follow-up", "ZZZZ"]);
    assert!(line.contains("no visit matches"), "{line}");
    let run = laptop.run(&["new", "--follow-up", &visit, "--unit", "Khác"]);
    assert_eq!(run.code, Some(2), "a usage error: {run:?}");
    assert_eq!(laptop.ids(), before, "nothing was created");
}

/// A adds an action while B marks another done; after both sync, both laptops hold both
/// changes.
#[test]
fn two_laptops_change_actions_and_converge() {
    let team = Team::folder(&[LAN, BINH]);
    let (a, b) = (&team.laptops[0], &team.laptops[1]);
    let visit = a.new_visit(CO_QUAN, UNIT, &[]);
    let first = add(a, &["action", "add", &visit, "--text", "Thứ nhất"]);
    team.round();
    let second = add(
        a,
        &[
            "action",
            "add",
            &visit,
            "--text",
            "Thứ hai",
            "--owner",
            "Lan",
        ],
    );
    b.ok(&["action", "done", &first, "--note", "B đã kiểm tra"]);
    team.round();
    team.round();
    for laptop in [a, b] {
        let yaml = laptop.ok(&["action", "list", &visit, "--format", "yaml"]);
        let listed: yaml_serde::Value = yaml_serde::from_str(&yaml).expect("yaml");
        let status = |id: &str| {
            listed
                .as_sequence()
                .expect("a list")
                .iter()
                .find(|a| a["id"].as_str() == Some(id))
                .and_then(|a| a["status"].as_str())
                .map(str::to_owned)
        };
        assert_eq!(
            status(&first).as_deref(),
            Some("done"),
            "{}",
            laptop.inspector()
        );
        assert_eq!(
            status(&second).as_deref(),
            Some("open"),
            "{}",
            laptop.inspector()
        );
    }
    let (doc_a, doc_b) = (
        a.ok(&["show", &visit, "--format", "yaml"]),
        b.ok(&["show", &visit, "--format", "yaml"]),
    );
    let actions = |doc: &str| doc[doc.find("\nactions:").expect("actions")..].to_owned();
    let cut = |text: String| text[..text.find("\nsummary:").expect("summary")].to_owned();
    assert_eq!(cut(actions(&doc_a)), cut(actions(&doc_b)));
}

/// The minutes list the visit's actions, and a follow-up's minutes compare each standard and
/// the total with the earlier visit and say where its actions stand — text escaped.
/// A visit of 2025 with an action (done since) and its follow-up of 2026 with one more; the
/// ids of the first visit and of the follow-up.
fn visit_and_follow_up(laptop: &Sandbox) -> (String, String) {
    let first = laptop.ok(&[
        "new",
        "--unit",
        "Chi cục <QLTT>",
        "--rubric",
        RUBRIC,
        "--date",
        "2025-03-12",
    ]);
    let first = first.trim().to_owned();
    for item in ["1.1", "1.2", "2.1"] {
        assert!(laptop.score(&first, item, "pass"));
    }
    assert!(laptop.score(&first, "3.5", "1"));
    let action = add(
        laptop,
        &[
            "action",
            "add",
            &first,
            "--item",
            "2.1",
            "--text",
            "Niêm yết <script>thủ tục</script>",
            "--owner",
            "Văn phòng",
            "--due",
            "30/06/2025",
        ],
    );
    let again = laptop.ok(&["new", "--follow-up", &first, "--date", "2026-03-12"]);
    let again = again.trim().to_owned();
    for item in ["1.1", "1.2", "2.1"] {
        assert!(laptop.score(&again, item, "pass"));
    }
    assert!(laptop.score(&again, "3.5", "2"));
    laptop.ok(&["action", "done", &action]);
    add(
        laptop,
        &[
            "action",
            "add",
            &again,
            "--text",
            "Việc mới",
            "--due",
            "2026-06-30",
        ],
    );

    (first, again)
}

#[test]
fn the_minutes_show_actions_and_the_comparison_with_last_time() {
    let laptop = Sandbox::laptop(LAN);
    let (first, again) = visit_and_follow_up(&laptop);
    let (first, again) = (first.as_str(), again.as_str());
    let page = laptop.ok(&["report", again, "-o", "-"]);
    let html = scraper::Html::parse_document(&page);
    let cells = |selector: &str| -> Vec<String> {
        let selector = scraper::Selector::parse(selector).expect("selector");
        html.select(&selector)
            .map(|e| e.text().collect::<String>().trim().to_owned())
            .collect()
    };
    let compare = cells("table.compare tbody td");
    assert!(compare.len() >= 5 * 6, "{compare:?}");
    let total = &compare[compare.len() - 5..];
    assert_eq!(total[2..], ["7/50", "8/50", "+1"], "{compare:?}");
    let actions = cells("table.actions tbody td");
    assert!(
        actions.contains(&"Niêm yết <script>thủ tục</script>".to_owned()),
        "{actions:?}"
    );
    assert!(actions.contains(&"2025-06-30".to_owned()), "{actions:?}");
    assert!(actions.contains(&"Việc mới".to_owned()), "{actions:?}");
    assert!(!page.contains("<script>thủ"), "escaped in the HTML");
    assert!(
        page.contains("Compared with the previous visit (2025-03-12)"),
        "{page}"
    );

    let markdown = laptop.ok(&["report", again, "--format", "md", "-o", "-"]);
    assert!(
        markdown.contains("|  | Total score | 7/50 | 8/50 | +1 |"),
        "{markdown}"
    );
    assert!(markdown.contains("## Corrective actions"), "{markdown}");

    let docx = laptop.path("m.docx");
    laptop.ok(&[
        "report",
        again,
        "--format",
        "docx",
        "-o",
        docx.to_str().expect("utf-8"),
    ]);
    let bytes = fs::read(&docx).expect("docx");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    let mut xml = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("word/document.xml").expect("xml"),
        &mut xml,
    )
    .expect("read");
    for part in [
        "The previous visit&apos;s corrective actions",
        "done",
        "Việc mới",
    ] {
        assert!(xml.contains(part), "{part}");
    }
    assert!(
        xml.contains("Niêm yết &lt;script&gt;"),
        "escaped in the DOCX"
    );
    // `onsite show` puts the earlier share beside each standard.
    let show = laptop.ok(&["show", again]);
    assert!(show.contains(first), "{show}");
    assert!(show.contains("(then 6.3%, +6.2)"), "{show}");
}

/// What the TUI does on Enter over an action (the CLI has no command for it): sets one
/// field, on `laptop`'s own store.
fn set_owner(laptop: &Sandbox, visit: &str, action: &str, owner: &str) {
    use onsite::domain::history::{ActionField, Request};
    let store = onsite::store::Store::open(&laptop.data()).expect("the laptop's store");
    let request = Request::ActionSet {
        id: action.to_owned(),
        field: ActionField::Owner,
        text: owner.to_owned(),
    };
    let actor = onsite::service::Actor::now(laptop.inspector());
    onsite::service::edit(&store, visit, request, &actor).expect("the owner is set");
}

/// Two laptops give one action different owners before syncing: Bình's sync keeps the
/// conflict and lists it; `onsite resolve` settles it like an answer's, and one more round
/// carries the choice to Lan.
#[test]
fn an_action_changed_on_two_laptops_is_a_conflict_settled_by_resolve() {
    let team = Team::folder(&[LAN, BINH]);
    let (a, b) = (&team.laptops[0], &team.laptops[1]);
    let visit = a.new_visit(CO_QUAN, UNIT, &[]);
    let action = add(
        a,
        &[
            "action",
            "add",
            &visit,
            "--text",
            "Biển tên",
            "--owner",
            "Văn phòng",
        ],
    );
    team.round();
    set_owner(a, &visit, &action, "Đội 1");
    set_owner(b, &visit, &action, "Đội 2");
    team.round();
    let field = format!("action:{action}:owner");
    let conflicts = b.ok(&["conflicts", &visit]);
    assert!(conflicts.contains(&field), "{conflicts}");
    assert!(
        conflicts.contains("Đội 1") && conflicts.contains("Đội 2"),
        "{conflicts}"
    );
    b.ok(&["resolve", &visit, &field, "--take", "theirs"]);
    assert_eq!(b.ok(&["conflicts", &visit]).trim(), "no conflicts");
    team.round();
    team.round();
    for laptop in [a, b] {
        let yaml = laptop.ok(&["action", "list", &visit, "--format", "yaml"]);
        assert!(
            yaml.contains("owner: \"Đội 1\""),
            "{}: {yaml}",
            laptop.inspector()
        );
        assert_eq!(
            laptop.ok(&["conflicts"]).trim(),
            "no conflicts",
            "{}",
            laptop.inspector()
        );
    }
}

/// `resolve` names an action's field only when a sync left a conflict there.
#[test]
fn resolving_an_action_field_that_is_not_in_conflict_is_refused() {
    let laptop = Sandbox::laptop(LAN);
    let visit = laptop.new_visit(CO_QUAN, UNIT, &[]);
    let action = add(&laptop, &["action", "add", &visit, "--text", "Biển tên"]);
    let field = format!("action:{action}:status");
    let error = refused(&laptop, &["resolve", &visit, &field, "--take", "mine"]);
    assert!(error.contains(&field), "{error}");
}
