//! The TUI's app loop without a terminal: what `App::start` loads for the first frame, and
//! the effects it runs for keys (evidence from the inbox folder).

use onsite::catalog::Catalog;
use onsite::config::Config;
use onsite::domain::rubric::Lang;
use onsite::domain::visit::{Unit, UnitKind};
use onsite::service::{self, Actor, NewVisit};
use onsite::store::Store;
use onsite::tui::action::Action;
use onsite::tui::app::{App, FIRST_PAGE};
use onsite::tui::state::{Message, State};

use crate::support::sim;

#[test]
fn the_first_frame_needs_only_the_newest_visits_and_the_rest_follows() {
    let home = tempfile::tempdir().expect("a temp dir");
    let data = home.path().join("data");
    let rubric = Catalog::load(None)
        .find("van-hoa-cong-so")
        .expect("the shipped rubric")
        .rubric
        .clone();
    let store = Store::open(&data).expect("the store opens");
    let total = FIRST_PAGE + 5;
    let ids: Vec<String> = (0..total)
        .map(|n| {
            let new = NewVisit {
                unit: Unit {
                    name: format!("Đội Quản lý thị trường số {n}"),
                    kind: UnitKind::CoQuan,
                    address: String::new(),
                },
                date: "2026-11-28".parse().expect("a date"),
                team: Vec::new(),
            };
            let created = service::create(&store, &rubric, new, &Actor::now("Lan"));
            created.expect("created").visit.id
        })
        .collect();
    // The oldest visit was open when the last run died: its banner must still show.
    store.set_session(Some(&ids[0])).expect("session set");

    let state = State::new(Lang::Vi, Some("Lan".into()), vec![rubric]);
    let mut app = App::new(store, state, Config::default(), None);
    app.start();
    assert_eq!(app.state.visits.len(), FIRST_PAGE);
    assert_eq!(app.state.visits[0].id, ids[total - 1], "newest first");
    assert_eq!(app.state.banner, None, "the oldest visit is not loaded yet");

    assert!(app.load_rest());
    assert_eq!(app.state.visits.len(), total);
    assert_eq!(app.state.visits[total - 1].id, ids[0]);
    let banner = app.state.banner.clone().expect("the crash banner");
    assert!(banner.contains("Đội Quản lý thị trường số 0"), "{banner}");
    assert!(!app.load_rest(), "nothing more to load");
    assert_eq!(app.store().expect("open").session().expect("read"), None);
}

/// Presses the keys of `script` (see `sim::script`) on the running app.
fn press(app: &mut App, script: &str) {
    for event in sim::script(script) {
        if let Some(action) = onsite::tui::keymap::resolve(&app.state, &event) {
            app.dispatch(action);
        }
    }
}

fn message(app: &App) -> String {
    match &app.state.message {
        Some(Message::Info(text) | Message::Error(text)) => text.clone(),
        None => String::new(),
    }
}

/// The app on the list of one new visit, with an inbox of two photos in `home`.
fn app_with_inbox(home: &std::path::Path) -> (App, String) {
    let inbox = home.join("anh");
    std::fs::create_dir(&inbox).expect("the inbox");
    std::fs::write(inbox.join("bang-tin.jpg"), "ảnh bảng tin").expect("written");
    std::fs::write(inbox.join("hom-thu.jpg"), "ảnh hòm thư").expect("written");
    let store = Store::open(&home.join("data")).expect("the store opens");
    let rubric = Catalog::load(None)
        .find("van-hoa-cong-so")
        .expect("the shipped rubric")
        .rubric
        .clone();
    let new = NewVisit {
        unit: Unit {
            name: "Cục QLTT Hà Tĩnh".into(),
            kind: UnitKind::CoQuan,
            address: String::new(),
        },
        date: "2026-12-05".parse().expect("a date"),
        team: Vec::new(),
    };
    let created = service::create(&store, &rubric, new, &Actor::now("Lan"));
    let id = created.expect("created").visit.id;
    let config = Config {
        inbox: Some(inbox),
        ..Config::default()
    };
    let state = State::new(Lang::Vi, Some("Lan".into()), vec![rubric]);
    let mut app = App::new(store, state, config, None);
    app.start();
    (app, id)
}

#[test]
fn p_attaches_inbox_files_through_the_store_and_leaves_them_in_the_inbox() {
    let home = tempfile::tempdir().expect("a temp dir");
    let inbox = home.path().join("anh");
    let (mut app, id) = app_with_inbox(home.path());
    press(&mut app, "<Enter>");
    let item = app
        .state
        .open
        .as_ref()
        .expect("open")
        .item()
        .expect("an item")
        .id
        .clone();
    let attached = |app: &App| {
        let (state, _) = app.store().expect("the store").load(&id).expect("loaded");
        state.visit.evidence_of(&item).cloned().collect::<Vec<_>>()
    };

    press(&mut app, "p<Space><Space><Enter>Bảng tin và hòm thư<Enter>");
    assert_eq!(
        message(&app),
        format!("Đã đính kèm 2 tệp vào tiêu chí {item}")
    );
    let files = attached(&app);
    assert_eq!(files.len(), 2);
    assert!(
        files
            .iter()
            .all(|f| f.added.caption == "Bảng tin và hòm thư")
    );
    assert_eq!(
        app.state
            .open
            .as_ref()
            .expect("open")
            .state
            .visit
            .attachments
            .len(),
        2,
        "the screen shows what the store holds"
    );
    assert!(inbox.join("bang-tin.jpg").is_file() && inbox.join("hom-thu.jpg").is_file());

    // Again: marked in the picker, and not attached twice.
    press(&mut app, "p");
    let open = app.state.open.as_ref().expect("open");
    let picker = open.picker.as_ref().expect("the picker");
    for file in picker.files() {
        assert_eq!(open.attached_as(&file.name, file.bytes), [item.as_str()]);
    }
    press(&mut app, "<Space><Space><Enter><Enter>");
    assert_eq!(
        message(&app),
        format!("2 tệp đã được đính kèm vào tiêu chí {item} từ trước; không đính kèm lại")
    );
    assert_eq!(attached(&app).len(), 2);

    // u takes the last one back off.
    press(&mut app, "u");
    assert_eq!(attached(&app).len(), 1);

    // A typed path to nothing: said, nothing attached.
    press(&mut app, "po");
    app.dispatch(Action::Paste("khong-co.jpg".into()));
    press(&mut app, "<Enter><Enter>");
    assert!(message(&app).contains("khong-co.jpg"), "{}", message(&app));
    assert!(
        message(&app).contains("chưa đính kèm gì"),
        "{}",
        message(&app)
    );
    assert_eq!(attached(&app).len(), 1);

    // A file gone from this laptop's store is marked when the visit opens.
    let kept = &attached(&app)[0].added.sha256;
    let path = app
        .store()
        .expect("the store")
        .evidence_file(kept)
        .expect("a path");
    std::fs::remove_file(path).expect("removed");
    press(&mut app, "<Esc><Enter>");
    let open = app.state.open.as_ref().expect("open again");
    assert!(open.missing_files.contains(kept));
}

/// Issue 19: an entry of the plan shows above the list; Enter on it opens the new-visit form
/// filled from it, and the visit created through the app's own effect runner is linked to it.
#[test]
fn a_planned_entry_starts_its_visit_and_is_linked() {
    use onsite::domain::plan::PlanEntry;
    use onsite::domain::visit::{Member, Role, Stamp};
    let home = tempfile::tempdir().expect("a temp dir");
    let rubric = Catalog::load(None)
        .find("van-hoa-cong-so")
        .expect("the shipped rubric")
        .rubric
        .clone();
    let store = Store::open(&home.path().join("data")).expect("the store opens");
    let today = Stamp::now().date();
    let entry = |id: &str, date: jiff::civil::Date| PlanEntry {
        id: id.into(),
        unit: Unit {
            name: "Phường Thạch Linh".into(),
            kind: UnitKind::DonVi,
            address: "Hà Tĩnh".into(),
        },
        date,
        team: vec![Member {
            name: "Lê Văn An".into(),
            role: Role::TruongDoan,
            position: String::new(),
            agency: String::new(),
        }],
        rubric: "van-hoa-cong-so".into(),
        visit: None,
        imported_at: Stamp::now(),
        imported_by: "Lan".into(),
    };
    let yesterday = today.yesterday().expect("a date");
    store
        .put_plans(&[
            entry("01KBX0J3Y8Q4B9R6W2S5T7V1ZA", today),
            // Past entries are not offered.
            entry("01KBX0J3Y8Q4B9R6W2S5T7V1ZB", yesterday),
        ])
        .expect("the plan is stored");

    let state = State::new(Lang::Vi, Some("Lan".into()), vec![rubric]);
    let mut app = App::new(store, state, Config::default(), None);
    app.start();
    assert_eq!(app.state.plans.len(), 1, "today's entry, not yesterday's");
    assert_eq!(
        app.state.list.plan_selected,
        Some(0),
        "no visit: on the plan"
    );
    press(&mut app, "<Enter><C-s>");
    let visit = app
        .state
        .open
        .as_ref()
        .map(|open| open.state.visit.clone())
        .expect("the visit is open");
    assert_eq!(visit.unit.name, "Phường Thạch Linh");
    assert_eq!(visit.unit.kind, UnitKind::DonVi);
    assert_eq!(visit.date, today);
    assert_eq!(visit.team[0].name, "Lê Văn An");
    assert!(app.state.plans.is_empty(), "started: no longer planned");
    let plans = app.store().expect("open").plans().expect("read");
    let linked = plans
        .iter()
        .find(|e| e.id == "01KBX0J3Y8Q4B9R6W2S5T7V1ZA")
        .expect("the entry");
    assert_eq!(linked.visit.as_deref(), Some(visit.id.as_str()));
}
