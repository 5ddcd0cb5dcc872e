//! The TUI's app loop without a terminal: what `App::start` loads for the first frame.

use onsite::catalog::Catalog;
use onsite::config::Config;
use onsite::domain::rubric::Lang;
use onsite::domain::visit::{Unit, UnitKind};
use onsite::store::Store;
use onsite::tui::app::{App, FIRST_PAGE};
use onsite::tui::state::State;
use onsite::visits::{self, Actor, NewVisit};

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
            let created = visits::create(&store, &rubric, new, &Actor::now("Lan"));
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
