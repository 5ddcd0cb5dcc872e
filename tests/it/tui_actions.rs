//! The inspection cycle in the TUI: corrective actions added with `a`, edited with Enter and
//! marked done with `d` on the summary; follow-up visits started from the list (`p`) or the
//! new-visit form, and scored beside the visit they check again.

use onsite::domain::action::ActionStatus;
use onsite::domain::history::{ActionField, Request};
use onsite::domain::rubric::Lang;
use onsite::domain::visit::{Status, UnitKind};
use onsite::strings::texts;
use onsite::tui::action::{Action, Effect};
use onsite::tui::keymap::{self, Mode};
use onsite::tui::state::{Confirm, Field, Message, Overlay, Screen, SummaryRow};
use rstest::rstest;

use crate::support::sim::{
    CO_QUAN, PREVIOUS_ID, Sim, VISIT_ID, all_answered, ch, last_year, rubric, so_van_hoa,
    three_visits,
};

fn scoring_at(item: &str) -> Sim {
    let rubric = rubric(CO_QUAN);
    let mut sim = Sim::scoring(Lang::Vi, so_van_hoa(&rubric), rubric);
    sim.go_to(item);
    sim
}

fn message(sim: &Sim) -> String {
    match &sim.state.message {
        Some(Message::Info(text) | Message::Error(text)) => text.clone(),
        None => String::new(),
    }
}

fn form_error(sim: &Sim) -> Option<String> {
    sim.open().action_form.as_ref()?.error.clone()
}

/// Puts the summary's selection on `row`.
fn select(sim: &mut Sim, row: &SummaryRow) {
    let index = sim.open().summary_rows().iter().position(|r| r == row);
    sim.open_mut().summary_row = index.expect("the row is on the summary");
}

#[test]
fn a_adds_an_action_for_the_current_item() {
    let mut sim = scoring_at("1.2");
    assert!(sim.keys("a").is_empty());
    assert_eq!(keymap::context(&sim.state), Mode::ActionForm);
    let form = sim.open().action_form.as_ref().expect("the form is open");
    assert_eq!(form.item.as_deref(), Some("1.2"));
    let effects = sim.keys("Niêm yết thủ tục<Tab>Văn phòng<Tab>31/12/2026<Enter>");
    assert_eq!(
        effects,
        vec![Effect::AddAction {
            visit: VISIT_ID.to_owned(),
            item: Some("1.2".to_owned()),
            text: "Niêm yết thủ tục".to_owned(),
            owner: "Văn phòng".to_owned(),
            due: Some("2026-12-31".parse().expect("a date")),
        }]
    );
    let open = sim.open();
    assert!(open.action_form.is_none(), "saved: the form closes");
    let [action] = open.state.visit.actions.as_slice() else {
        panic!("one action: {:?}", open.state.visit.actions);
    };
    assert_eq!(action.added.item.as_deref(), Some("1.2"));
    assert!(open.has_open_action("1.2"));
    assert!(!open.has_open_action("1.1"));
    assert!(
        message(&sim).contains("Niêm yết thủ tục"),
        "{}",
        message(&sim)
    );
}

#[test]
fn an_action_needs_its_content_and_a_real_date() {
    let mut sim = scoring_at("1.2");
    assert!(sim.keys("a<Enter><Enter><Enter>").is_empty());
    let t = texts(Lang::Vi);
    assert_eq!(form_error(&sim).as_deref(), Some(t.action_text_missing()));
    assert_eq!(sim.open().action_form.as_ref().map(|f| f.focus), Some(0));
    assert!(
        sim.keys("Bổ sung biển tên<Tab><Tab>32/12/2026<C-s>")
            .is_empty()
    );
    let error = form_error(&sim).expect("the date is refused");
    assert!(error.contains("32/12/2026"), "{error}");
    assert_eq!(sim.open().action_form.as_ref().map(|f| f.focus), Some(2));
    assert!(sim.open().state.visit.actions.is_empty(), "nothing saved");
    // Mended, it saves.
    sim.keys("<C-u>2026-12-31<C-s>");
    assert_eq!(sim.open().state.visit.actions.len(), 1);
}

#[test]
fn esc_asks_before_losing_a_typed_action() {
    let mut sim = scoring_at("1.2");
    sim.keys("a<Esc>");
    assert!(
        sim.open().action_form.is_none(),
        "nothing typed: closes at once"
    );
    sim.keys("aBổ sung<Esc>");
    assert_eq!(
        sim.state.overlay,
        Some(Overlay::Confirm(Confirm::DiscardAction))
    );
    sim.keys("n");
    assert!(sim.open().action_form.is_some(), "kept");
    sim.keys("<Esc>y");
    assert!(sim.open().action_form.is_none());
    assert!(sim.open().state.visit.actions.is_empty());
}

#[test]
fn actions_are_added_on_a_finalized_visit() {
    let rubric = rubric(CO_QUAN);
    let mut visit = all_answered(so_van_hoa(&rubric), &rubric, &[]);
    visit.visit.status = Status::Finalized;
    let mut sim = Sim::scoring(Lang::Vi, visit, rubric);
    sim.keys("sa");
    let form = sim.open().action_form.as_ref().expect("the form opens");
    assert_eq!(form.item, None, "from the summary: about the whole visit");
    sim.keys("Gửi báo cáo khắc phục<C-s>");
    assert_eq!(sim.open().state.visit.actions.len(), 1);
    assert_eq!(sim.open().state.visit.status, Status::Finalized);
}

#[test]
fn enter_on_an_action_edits_only_what_changed() {
    let mut sim = scoring_at("1.2");
    sim.keys("aNiêm yết thủ tục<Tab>Văn phòng<C-s>s");
    let id = sim.open().state.visit.actions[0].id().to_owned();
    select(
        &mut sim,
        &SummaryRow::Action {
            id: id.clone(),
            previous: false,
        },
    );
    sim.keys("<Enter>");
    let form = sim.open().action_form.as_ref().expect("the edit form");
    assert_eq!(form.editing.as_deref(), Some(id.as_str()));
    assert_eq!(
        form.text(onsite::tui::state::ActionFormField::Owner),
        "Văn phòng"
    );
    let effects = sim.keys("<Tab><C-u>Đội 2<C-s>");
    assert_eq!(
        effects,
        vec![Effect::Save {
            visit: VISIT_ID.to_owned(),
            request: Request::ActionSet {
                id,
                field: ActionField::Owner,
                text: "Đội 2".to_owned(),
            },
        }]
    );
    assert_eq!(sim.open().state.visit.actions[0].added.owner, "Đội 2");
}

#[test]
fn d_marks_an_action_done_once() {
    let mut sim = scoring_at("1.2");
    sim.keys("aNiêm yết thủ tục<C-s>s");
    let id = sim.open().state.visit.actions[0].id().to_owned();
    // On a finding, `d` says where to press it.
    let effects = sim.keys("d");
    assert!(effects.is_empty());
    assert_eq!(message(&sim), texts(Lang::Vi).action_done_where());
    select(
        &mut sim,
        &SummaryRow::Action {
            id: id.clone(),
            previous: false,
        },
    );
    let effects = sim.keys("d");
    assert_eq!(
        effects,
        vec![Effect::Save {
            visit: VISIT_ID.to_owned(),
            request: Request::ActionDone {
                id: id.clone(),
                note: String::new(),
            },
        }]
    );
    assert_eq!(sim.open().state.visit.actions[0].status, ActionStatus::Done);
    assert!(!sim.open().has_open_action("1.2"));
    // Again: nothing recorded, and the way to reopen is said.
    assert!(sim.keys("d").is_empty());
    assert!(
        message(&sim).contains("onsite action reopen"),
        "{}",
        message(&sim)
    );
}

#[test]
fn a_follow_up_shows_last_time_and_marks_what_got_worse() {
    let sim = Sim::following_up(Lang::Vi);
    let open = sim.open();
    let previous = open.previous.as_ref().expect("last year's visit is loaded");
    assert_eq!(previous.state.visit.id, PREVIOUS_ID);
    assert!(open.got_worse("1.2"), "3 then, 1 now");
    assert!(!open.got_worse("1.1"), "3 then, 4.5 now");
    assert!(!open.got_worse("1.3"), "unanswered now");
    assert!(
        open.has_open_action("1.2"),
        "last year's action is still open"
    );
}

#[test]
fn a_previous_visit_that_is_not_the_one_checked_again_is_ignored() {
    let rubric = rubric(CO_QUAN);
    let mut sim = Sim::scoring(Lang::Vi, so_van_hoa(&rubric), rubric.clone());
    sim.run(Action::PreviousLoaded(Box::new((
        last_year(&rubric),
        rubric,
    ))));
    assert!(sim.open().previous.is_none());
}

#[test]
fn last_years_action_is_marked_done_from_the_follow_up() {
    let mut sim = Sim::following_up(Lang::Vi);
    sim.keys("s");
    let id = "01JDA0B1C2D3E4F5G6H7J8K9A1".to_owned();
    select(
        &mut sim,
        &SummaryRow::Action {
            id: id.clone(),
            previous: true,
        },
    );
    let effects = sim.keys("d");
    assert_eq!(
        effects,
        vec![Effect::Save {
            visit: PREVIOUS_ID.to_owned(),
            request: Request::ActionDone {
                id: id.clone(),
                note: String::new(),
            },
        }]
    );
    let open = sim.open();
    let previous = open.previous.as_ref().expect("still loaded");
    assert_eq!(
        previous.state.visit.action(&id).map(|a| a.status),
        Some(ActionStatus::Done),
        "the action keeps its id and its visit"
    );
    assert!(open.state.visit.actions.is_empty(), "nothing added here");
    assert!(!open.has_open_action("1.2"));
}

#[test]
fn p_on_the_list_starts_a_follow_up_filled_from_the_visit() {
    let rubric = rubric(CO_QUAN);
    let mut sim = Sim::listing(Lang::Vi, three_visits());
    let selected = sim.state.shown_visits()[0].id.clone();
    assert_eq!(
        sim.keys("p"),
        vec![Effect::PrepareFollowUp(selected.clone())]
    );
    let mut previous = so_van_hoa(&rubric);
    previous.visit.id.clone_from(&selected);
    sim.run(Action::FollowUpReady(Box::new(previous)));
    let Screen::NewVisit(form) = &sim.state.screen else {
        panic!("the new-visit form opens");
    };
    assert_eq!(
        form.text(Field::Unit),
        "Sở Văn hóa, Thể thao và Du lịch Hà Tĩnh"
    );
    assert_eq!(form.text(Field::Address), "26 Phan Đình Phùng, TP Hà Tĩnh");
    assert_eq!(form.follow_up.as_deref(), Some(selected.as_str()));
    assert_eq!(
        form.field(),
        Field::Date,
        "the date is what usually changes"
    );
    let effects = sim.keys("<C-s>");
    let [Effect::CreateVisit { follow_up, new, .. }] = effects.as_slice() else {
        panic!("creates: {effects:?}");
    };
    assert_eq!(follow_up.as_deref(), Some(selected.as_str()));
    assert_eq!(new.unit.kind, UnitKind::CoQuan);
}

#[test]
fn the_form_offers_the_units_earlier_visits() {
    let mut sim = Sim::listing(Lang::Vi, three_visits());
    sim.keys("ntrường thpt phan đình phùng");
    let last = Field::ALL.len() - 1;
    for _ in 0..last {
        sim.keys("<Tab>");
    }
    let Screen::NewVisit(form) = &sim.state.screen else {
        panic!("on the form");
    };
    assert_eq!(form.field(), Field::Previous);
    assert_eq!(form.follow_up, None, "a first visit unless chosen");
    sim.keys("<Right>");
    let Screen::NewVisit(form) = &sim.state.screen else {
        panic!("on the form");
    };
    assert_eq!(
        form.follow_up.as_deref(),
        Some("01KAZ4M2P7Q9R1S3T5V7W9X1Y3")
    );
    assert_eq!(form.kind, UnitKind::DonVi, "the kind comes with it");
    sim.keys("<Right>");
    let Screen::NewVisit(form) = &sim.state.screen else {
        panic!("on the form");
    };
    assert_eq!(form.follow_up, None, "one earlier visit: back to none");
}

#[rstest]
#[case::scoring_a(Mode::Scoring, 'a', Action::AddAction)]
#[case::summary_a(Mode::Summary, 'a', Action::AddAction)]
#[case::summary_d(Mode::Summary, 'd', Action::ActionDone)]
#[case::list_p(Mode::List, 'p', Action::FollowUp)]
fn cycle_keys(#[case] context: Mode, #[case] key: char, #[case] action: Action) {
    let mut sim = match context {
        Mode::List => Sim::listing(Lang::Vi, three_visits()),
        _ => scoring_at("1.1"),
    };
    if context == Mode::Summary {
        sim.keys("s");
    }
    assert_eq!(keymap::context(&sim.state), context);
    assert_eq!(keymap::resolve(&sim.state, &ch(key)), Some(action));
}
