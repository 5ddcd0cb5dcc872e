//! Table tests of the TUI's pure half: `keymap::resolve` (which key means what, where) and
//! `update` (what each action does to the state and which effects it asks for), driven by
//! key scripts through a stand-in for the app's effect loop.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind};
use onsite::domain::answer::{Answer, AnswerError};
use onsite::domain::history::{EditError, Request};
use onsite::domain::rubric::{Lang, Rubric};
use onsite::domain::visit::{FindingField, Member, Role, Status, Unit, UnitKind};
use onsite::service::NewVisit;
use onsite::strings::{Texts, texts};
use onsite::tui::action::{Action, Effect};
use onsite::tui::keymap::{self, Does, Key, Mode};
use onsite::tui::state::{Confirm, Field, Message, NoteTarget, Overlay, Screen};
use rstest::rstest;

use crate::support::sim;
use crate::support::sim::{
    CO_QUAN, CONG_SO, INSPECTOR, Sim, VISIT_ID, all_answered, answered, ch, ctrl, key, noted,
    points, rubric, script, so_van_hoa, three_visits,
};

fn t(lang: Lang) -> &'static dyn Texts {
    texts(lang)
}

/// Scoring the Sở Văn hóa visit against the 41-item rubric, nothing answered, in Vietnamese.
fn scoring() -> Sim {
    let rubric = rubric(CO_QUAN);
    Sim::scoring(Lang::Vi, so_van_hoa(&rubric), rubric)
}

/// Scoring with every item answered but `skip`.
fn scoring_answered(skip: &[&str]) -> Sim {
    let rubric = rubric(CO_QUAN);
    let visit = all_answered(so_van_hoa(&rubric), &rubric, skip);
    Sim::scoring(Lang::Vi, visit, rubric)
}

fn error(sim: &Sim) -> Option<String> {
    match &sim.state.message {
        Some(Message::Error(text)) => Some(text.clone()),
        _ => None,
    }
}

fn info(sim: &Sim) -> Option<String> {
    match &sim.state.message {
        Some(Message::Info(text)) => Some(text.clone()),
        _ => None,
    }
}

fn form(sim: &Sim) -> &onsite::tui::state::Form {
    match &sim.state.screen {
        Screen::NewVisit(form) => form,
        other => panic!("expected the new-visit form, on {other:?}"),
    }
}

fn is_screen(sim: &Sim, wanted: &str) -> bool {
    let name = match sim.state.screen {
        Screen::AskName(_) => "ask-name",
        Screen::List => "list",
        Screen::NewVisit(_) => "form",
        Screen::Scoring => "scoring",
        Screen::Summary => "summary",
        Screen::Minutes => "minutes",
        Screen::Stats(_) => "stats",
    };
    name == wanted
}

fn note_text(sim: &Sim) -> String {
    let note = sim.open().note.as_ref().expect("the note editor is open");
    onsite::tui::editor::text(&note.editor)
}

// ---------------------------------------------------------------------------------------
// resolve(): which key means what, per context

/// A state in which `keymap::context` is `context`, reached by keys where possible.
fn in_context(context: Mode) -> Sim {
    let mut sim = match context {
        Mode::AskName => Sim::first_run(Lang::Vi),
        Mode::List => Sim::listing(Lang::Vi, three_visits()),
        Mode::Trash => {
            let mut sim = Sim::listing(Lang::Vi, three_visits());
            sim.keys("t");
            sim
        }
        Mode::ListFilter => {
            let mut sim = Sim::listing(Lang::Vi, three_visits());
            sim.keys("/");
            sim
        }
        Mode::FormText => {
            let mut sim = Sim::new(Lang::Vi);
            sim.keys("n");
            sim
        }
        Mode::FormChoice => {
            let mut sim = Sim::new(Lang::Vi);
            sim.keys("n<Tab>");
            sim
        }
        Mode::Scoring => scoring(),
        Mode::Note => {
            let mut sim = scoring();
            sim.keys("e");
            sim
        }
        Mode::Search => {
            let mut sim = scoring();
            sim.keys("/");
            sim
        }
        Mode::Summary => {
            let mut sim = scoring();
            sim.keys("s");
            sim
        }
        Mode::Minutes => {
            let mut sim = scoring();
            sim.keys("sb");
            sim
        }
        Mode::MinutesEdit => {
            let mut sim = scoring();
            sim.keys("sb<Enter>");
            sim
        }
        Mode::ActionForm => {
            let mut sim = scoring();
            sim.keys("a");
            sim
        }
        Mode::Help => {
            let mut sim = scoring();
            sim.keys("?");
            sim
        }
        Mode::Confirm => {
            let mut sim = Sim::listing(Lang::Vi, three_visits());
            sim.keys("d");
            sim
        }
        Mode::Notice => {
            let rubric = rubric(CO_QUAN);
            let mut sim = Sim::new(Lang::Vi);
            sim.run(Action::Created(Box::new((so_van_hoa(&rubric), rubric))));
            sim
        }
        // No inbox read: the picker waits on its files.
        Mode::Picker => {
            let mut sim = scoring();
            sim.keys("p");
            sim
        }
        Mode::PickerPath => {
            let mut sim = scoring();
            sim.keys("po");
            sim
        }
        Mode::Caption => {
            let mut sim = scoring();
            sim.keys("p/tmp/a.jpg<Enter>");
            sim
        }
        Mode::Stats => {
            let mut sim = Sim::listing(Lang::Vi, three_visits());
            sim.run(Action::StatsLoaded(Box::new(Some(sim::campaign_stats()))));
            sim
        }
    };
    assert_eq!(
        keymap::context(&sim.state),
        context,
        "setting up {context:?}"
    );
    sim.state.message = None;
    sim
}

/// A key press that `key` in the table stands for.
fn event_for(key: Key) -> KeyEvent {
    match key {
        Key::Char(c) => ch(c),
        Key::Ctrl(c) => ctrl(c),
        Key::Code(KeyCode::BackTab) => sim::back_tab(),
        Key::Code(code) => sim::key(code),
        Key::AltEnter => sim::alt_enter(),
        Key::Digits => ch('7'),
        Key::Text => ch('ồ'),
        Key::Any => ch('z'),
    }
}

/// The action a binding promises for that key press.
fn promised(does: &Does, event: &KeyEvent) -> Option<Action> {
    match (does, event.code) {
        (Does::Action(action), _) => Some(action.clone()),
        (Does::TypeChar, KeyCode::Char(c)) => Some(Action::Char(c)),
        (Does::Digit, KeyCode::Char(c)) => Some(Action::Digit(c)),
        _ => None,
    }
}

#[test]
fn every_binding_in_the_table_resolves_to_its_own_action_in_its_context() {
    let mut wrong = Vec::new();
    for binding in keymap::bindings() {
        let sim = in_context(binding.context);
        for &key in &binding.keys {
            let event = event_for(key);
            let got = keymap::resolve(&sim.state, &event);
            let want = promised(&binding.does, &event);
            if want.is_none() || got != want {
                wrong.push(format!(
                    "{:?} {key:?}: want {want:?}, got {got:?}",
                    binding.context
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "shadowed bindings:\n{}", wrong.join("\n"));
}

#[rstest]
#[case::j_in_a_note_is_text(Mode::Note, ch('j'), Some(Action::Char('j')))]
#[case::q_in_a_note_is_text(Mode::Note, ch('q'), Some(Action::Char('q')))]
#[case::digit_in_a_note_is_text(Mode::Note, ch('4'), Some(Action::Char('4')))]
#[case::vietnamese_in_a_note(Mode::Note, ch('ữ'), Some(Action::Char('ữ')))]
#[case::esc_leaves_a_note(Mode::Note, key(KeyCode::Esc), Some(Action::Back))]
#[case::enter_leaves_a_note(Mode::Note, key(KeyCode::Enter), Some(Action::Back))]
#[case::alt_enter_is_a_newline(Mode::Note, sim::alt_enter(), Some(Action::Newline))]
#[case::ctrl_j_is_a_newline(Mode::Note, ctrl('j'), Some(Action::Newline))]
#[case::up_moves_in_a_note(Mode::Note, key(KeyCode::Up), Some(Action::Up))]
#[case::question_mark_in_a_note_is_text(Mode::Note, ch('?'), Some(Action::Char('?')))]
#[case::j_in_scoring_moves(Mode::Scoring, ch('j'), Some(Action::Down))]
#[case::k_in_scoring_moves(Mode::Scoring, ch('k'), Some(Action::Up))]
#[case::digits_in_scoring(Mode::Scoring, ch('0'), Some(Action::Digit('0')))]
#[case::nine_in_scoring(Mode::Scoring, ch('9'), Some(Action::Digit('9')))]
#[case::dot_in_scoring(Mode::Scoring, ch('.'), Some(Action::Dot))]
#[case::capital_n_searches_back(Mode::Scoring, ch('N'), Some(Action::SearchPrev))]
#[case::backspace_clears(Mode::Scoring, key(KeyCode::Backspace), Some(Action::Clear))]
#[case::delete_clears(Mode::Scoring, key(KeyCode::Delete), Some(Action::Clear))]
#[case::ctrl_r_redoes(Mode::Scoring, ctrl('r'), Some(Action::Redo))]
#[case::f1_is_help(Mode::Scoring, key(KeyCode::F(1)), Some(Action::Help))]
#[case::unbound_letter_does_nothing(Mode::Scoring, ch('z'), None)]
#[case::q_in_scoring_goes_back(Mode::Scoring, ch('q'), Some(Action::Back))]
#[case::n_in_search_is_text(Mode::Search, ch('n'), Some(Action::Char('n')))]
#[case::enter_ends_search(Mode::Search, key(KeyCode::Enter), Some(Action::Enter))]
#[case::q_in_filter_is_text(Mode::ListFilter, ch('q'), Some(Action::Char('q')))]
#[case::j_in_the_list_moves(Mode::List, ch('j'), Some(Action::Down))]
#[case::esc_on_the_list_goes_back(Mode::List, key(KeyCode::Esc), Some(Action::Back))]
#[case::digit_on_the_list_does_nothing(Mode::List, ch('4'), None)]
#[case::j_in_a_form_field_is_text(Mode::FormText, ch('j'), Some(Action::Char('j')))]
#[case::down_in_a_form_moves_on(Mode::FormText, key(KeyCode::Down), Some(Action::NextField))]
#[case::shift_tab_goes_back(Mode::FormText, sim::back_tab(), Some(Action::PrevField))]
#[case::left_in_a_text_field(Mode::FormText, key(KeyCode::Left), Some(Action::CursorLeft))]
#[case::left_in_a_choice(Mode::FormChoice, key(KeyCode::Left), Some(Action::ChoiceLeft))]
#[case::right_in_a_choice(Mode::FormChoice, key(KeyCode::Right), Some(Action::ChoiceRight))]
#[case::letter_in_a_choice_is_ignored(Mode::FormChoice, ch('a'), None)]
#[case::ctrl_s_in_a_choice_creates(Mode::FormChoice, ctrl('s'), Some(Action::Submit))]
#[case::enter_in_the_summary_opens(Mode::Summary, key(KeyCode::Enter), Some(Action::Open))]
#[case::s_leaves_the_summary(Mode::Summary, ch('s'), Some(Action::Back))]
#[case::any_key_closes_help(Mode::Help, ch('j'), Some(Action::Back))]
#[case::enter_closes_help(Mode::Help, key(KeyCode::Enter), Some(Action::Back))]
#[case::any_key_closes_the_notice(Mode::Notice, key(KeyCode::Esc), Some(Action::Back))]
#[case::y_confirms(Mode::Confirm, ch('y'), Some(Action::Yes))]
#[case::c_confirms(Mode::Confirm, ch('c'), Some(Action::Yes))]
#[case::n_declines(Mode::Confirm, ch('n'), Some(Action::Back))]
#[case::other_keys_do_nothing_in_a_dialog(Mode::Confirm, ch('d'), None)]
#[case::typing_a_name(Mode::AskName, ch('L'), Some(Action::Char('L')))]
#[case::esc_on_the_name_prompt_quits(Mode::AskName, key(KeyCode::Esc), Some(Action::Quit))]
#[case::p_in_scoring_attaches_evidence(Mode::Scoring, ch('p'), Some(Action::AttachEvidence))]
#[case::p_on_the_list_is_still_a_follow_up(Mode::List, ch('p'), Some(Action::FollowUp))]
#[case::space_in_the_picker_chooses(Mode::Picker, ch(' '), Some(Action::ToggleChoice))]
#[case::q_in_the_picker_closes_it(Mode::Picker, ch('q'), Some(Action::Back))]
#[case::digits_in_the_picker_do_nothing(Mode::Picker, ch('4'), None)]
#[case::tab_completes_a_path(Mode::PickerPath, key(KeyCode::Tab), Some(Action::Complete))]
#[case::q_in_a_path_is_text(Mode::PickerPath, ch('q'), Some(Action::Char('q')))]
#[case::space_in_a_caption_is_text(Mode::Caption, ch(' '), Some(Action::Char(' ')))]
#[case::enter_attaches_from_the_caption(Mode::Caption, key(KeyCode::Enter), Some(Action::Enter))]
fn keys_mean_what_the_context_says(
    #[case] context: Mode,
    #[case] event: KeyEvent,
    #[case] expected: Option<Action>,
) {
    let sim = in_context(context);
    assert_eq!(keymap::resolve(&sim.state, &event), expected);
}

#[rstest]
fn ctrl_c_quits_from_anywhere(
    #[values(
        Mode::AskName,
        Mode::List,
        Mode::ListFilter,
        Mode::FormText,
        Mode::FormChoice,
        Mode::Scoring,
        Mode::Note,
        Mode::Search,
        Mode::Summary,
        Mode::Minutes,
        Mode::MinutesEdit,
        Mode::Help,
        Mode::Confirm,
        Mode::Notice,
        Mode::Picker,
        Mode::PickerPath,
        Mode::Caption
    )]
    context: Mode,
) {
    let sim = in_context(context);
    assert_eq!(keymap::resolve(&sim.state, &ctrl('c')), Some(Action::Quit));
}

#[test]
fn key_releases_are_ignored() {
    let sim = in_context(Mode::Scoring);
    let mut release = ch('j');
    release.kind = KeyEventKind::Release;
    assert_eq!(keymap::resolve(&sim.state, &release), None);
}

#[test]
fn scripts_read_named_keys_and_vietnamese_text() {
    assert_eq!(
        script("/đ<Enter><C-r>"),
        vec![ch('/'), ch('đ'), key(KeyCode::Enter), ctrl('r')]
    );
}

// ---------------------------------------------------------------------------------------
// First run: the name prompt

#[test]
fn first_run_saves_the_typed_name_then_lists() {
    let mut sim = Sim::first_run(Lang::Vi);
    assert!(sim.keys("<Enter>").is_empty(), "an empty name is not saved");
    assert!(is_screen(&sim, "ask-name"));
    let effects = sim.keys("Lê Văn Tám<Enter>");
    assert_eq!(
        effects,
        vec![Effect::SaveInspector("Lê Văn Tám".into()), Effect::LoadList]
    );
    assert_eq!(sim.state.inspector.as_deref(), Some("Lê Văn Tám"));
    assert!(is_screen(&sim, "list"));
}

#[test]
fn esc_on_the_name_prompt_quits() {
    let mut sim = Sim::first_run(Lang::Vi);
    assert_eq!(
        sim.keys("<Esc>"),
        vec![Effect::MarkSession(None), Effect::Quit]
    );
    assert!(sim.state.quitting);
}

// ---------------------------------------------------------------------------------------
// The visit list

#[rstest]
#[case::down("j", 1)]
#[case::down_arrow("<Down>", 1)]
#[case::down_twice("jj", 2)]
#[case::down_stops_at_the_last("jjjjj", 2)]
#[case::up_stops_at_the_first("k", 0)]
#[case::down_then_up("jjk", 1)]
#[case::arrows("<Down><Down><Up>", 1)]
fn list_moves_within_the_visits(#[case] keys: &str, #[case] selected: usize) {
    let mut sim = Sim::listing(Lang::Vi, three_visits());
    assert!(sim.keys(keys).is_empty());
    assert_eq!(sim.state.list.selected, selected);
}

#[test]
fn enter_opens_the_selected_visit() {
    let mut sim = Sim::listing(Lang::Vi, three_visits());
    let second = sim.state.visits[1].id.clone();
    assert_eq!(sim.keys("j<Enter>"), vec![Effect::OpenVisit(second)]);
}

#[test]
fn enter_on_an_empty_list_does_nothing() {
    let mut sim = Sim::new(Lang::Vi);
    assert!(sim.keys("<Enter>jkd").is_empty());
    assert!(sim.state.overlay.is_none());
}

#[test]
fn n_opens_the_new_visit_form_with_the_inspector_as_leader() {
    let mut sim = Sim::listing(Lang::Vi, three_visits());
    assert!(sim.keys("n").is_empty());
    let form = form(&sim);
    assert_eq!(form.field(), Field::Unit);
    assert_eq!(form.text(Field::Leader), INSPECTOR);
    // Today, as Vietnamese write it: dd/mm/yyyy.
    let today = onsite::domain::stamp::parse_date(&form.text(Field::Date)).expect("a date");
    assert_eq!(form.text(Field::Date), t(Lang::Vi).short_date(today));
}

#[test]
fn d_asks_then_y_trashes_and_reloads() {
    let mut sim = Sim::listing(Lang::Vi, three_visits());
    let visits = sim.state.visits.clone();
    assert!(sim.keys("jd").is_empty());
    assert_eq!(
        sim.state.overlay,
        Some(Overlay::Confirm(Confirm::Delete {
            id: visits[1].id.clone(),
            unit: visits[1].unit.clone(),
            date: visits[1].date,
        }))
    );
    assert_eq!(
        sim.keys("y"),
        vec![Effect::Trash(visits[1].id.clone()), Effect::LoadList]
    );
    assert!(sim.state.overlay.is_none());
    assert_eq!(info(&sim), Some(t(Lang::Vi).trashed(&visits[1].unit)));
}

#[rstest]
fn the_delete_dialog_names_the_unit_and_the_date(#[values(Lang::Vi, Lang::En)] lang: Lang) {
    let mut sim = Sim::listing(lang, three_visits());
    let visit = sim.state.visits[1].clone();
    sim.keys("jd");
    let Some(Overlay::Confirm(confirm)) = &sim.state.overlay else {
        panic!("the dialog is open");
    };
    let text = t(lang).confirm(confirm);
    let date = t(lang).short_date(visit.date);
    assert!(text.contains(&visit.unit) && text.contains(&date), "{text}");
}

#[test]
fn u_right_after_a_delete_brings_the_visit_back() {
    let mut sim = Sim::listing(Lang::Vi, three_visits());
    let visit = sim.state.visits[1].clone();
    sim.keys("jdy");
    assert_eq!(
        sim.keys("u"),
        vec![Effect::Restore(visit.id.clone()), Effect::LoadList]
    );
    assert_eq!(
        info(&sim),
        Some(t(Lang::Vi).restored_from_trash(&visit.unit))
    );
    // Only once: a second u has nothing to undo, and says where the trash is.
    assert!(sim.keys("u").is_empty());
    let said = info(&sim).expect("a message");
    assert!(said.contains('t'), "{said}");
}

#[test]
fn u_with_no_delete_to_undo_says_so_and_changes_nothing() {
    let mut sim = Sim::listing(Lang::En, three_visits());
    assert!(sim.keys("u").is_empty());
    assert_eq!(
        info(&sim),
        Some(
            t(Lang::En)
                .ui(onsite::strings::Ui::NothingToRestore)
                .to_owned()
        )
    );
}

/// Three visits, the middle one in the trash.
fn with_one_in_the_trash() -> (Sim, onsite::domain::visit::VisitSummary) {
    let mut visits = three_visits();
    visits[1].deleted = true;
    let trashed = visits[1].clone();
    (Sim::listing(Lang::Vi, visits), trashed)
}

#[test]
fn t_shows_the_trash_and_enter_restores_from_it() {
    let (mut sim, trashed) = with_one_in_the_trash();
    assert_eq!(sim.state.shown_visits().len(), 2, "the list leaves it out");
    sim.keys("t");
    assert_eq!(keymap::context(&sim.state), Mode::Trash);
    let shown: Vec<_> = sim
        .state
        .shown_visits()
        .iter()
        .map(|v| v.id.clone())
        .collect();
    assert_eq!(shown, vec![trashed.id.clone()]);
    // Nothing in the trash is opened, deleted or followed up.
    assert!(sim.keys("dnp").is_empty());
    assert_eq!(
        sim.keys("<Enter>"),
        vec![Effect::Restore(trashed.id.clone()), Effect::LoadList]
    );
    sim.keys("<Esc>");
    assert_eq!(keymap::context(&sim.state), Mode::List);
    assert!(is_screen(&sim, "list"), "Esc leaves the trash, not the app");
}

#[rstest]
fn declining_the_delete_changes_nothing(#[values("n", "<Esc>", "k")] no: &str) {
    let mut sim = Sim::listing(Lang::Vi, three_visits());
    sim.keys("d");
    assert!(sim.keys(no).is_empty());
    assert!(sim.state.overlay.is_none());
    assert!(is_screen(&sim, "list"));
}

#[rstest]
#[case::unit_vietnamese("trường", 1)]
#[case::unit_capitals("HÀ TĨNH", 2)]
#[case::rubric("van-hoa-cong-so", 1)]
#[case::id_prefix("01kab", 1)]
#[case::date("2026-11", 2)]
#[case::nothing("zzz", 0)]
fn typing_a_filter_narrows_the_list(#[case] filter: &str, #[case] shown: usize) {
    let mut sim = Sim::listing(Lang::Vi, three_visits());
    sim.keys("j/");
    assert!(sim.state.list.filtering);
    assert!(sim.keys(filter).is_empty());
    assert_eq!(sim.state.list.filter, filter);
    assert_eq!(sim.state.shown_visits().len(), shown);
    assert_eq!(sim.state.list.selected, 0);
}

#[test]
fn enter_keeps_the_filter_and_esc_while_typing_clears_it() {
    let mut sim = Sim::listing(Lang::Vi, three_visits());
    sim.keys("/trường<Enter>");
    assert!(!sim.state.list.filtering);
    assert_eq!(sim.state.shown_visits().len(), 1);
    assert_eq!(
        sim.keys("<Enter>").len(),
        1,
        "Enter now opens the one shown"
    );
    sim.keys("/<BS><BS>");
    assert_eq!(sim.state.list.filter, "trườ");
    sim.keys("<Esc>");
    assert!(!sim.state.list.filtering);
    assert_eq!(sim.state.list.filter, "");
    assert_eq!(sim.state.shown_visits().len(), 3);
}

#[test]
fn esc_clears_a_kept_filter_before_it_quits() {
    let mut sim = Sim::listing(Lang::Vi, three_visits());
    sim.keys("/zzz<Enter>");
    assert_eq!(sim.state.shown_visits().len(), 0);
    let effects = sim.keys("<Esc>");
    assert!(effects.is_empty(), "Esc quit: {effects:?}");
    assert_eq!(sim.state.list.filter, "");
}

#[rstest]
fn q_and_esc_quit_from_the_list(#[values("q", "<Esc>", "<C-c>")] keys: &str) {
    let mut sim = Sim::listing(Lang::Vi, three_visits());
    assert_eq!(
        sim.keys(keys),
        vec![Effect::MarkSession(None), Effect::Quit]
    );
    assert!(sim.state.quitting);
}

#[test]
fn help_opens_on_the_list_and_any_key_closes_it() {
    let mut sim = Sim::listing(Lang::Vi, three_visits());
    sim.keys("?");
    assert_eq!(sim.state.overlay, Some(Overlay::Help));
    assert!(sim.keys("n").is_empty());
    assert!(sim.state.overlay.is_none());
    assert!(
        is_screen(&sim, "list"),
        "the key that closes help does nothing else"
    );
}

#[test]
fn a_reloaded_shorter_list_keeps_the_selection_in_range() {
    let mut sim = Sim::listing(Lang::Vi, three_visits());
    sim.keys("jj");
    let mut visits = three_visits();
    visits.truncate(1);
    sim.run(Action::ListLoaded(visits));
    assert_eq!(sim.state.list.selected, 0);
}

/// A planned visit for the list's "Kế hoạch", in the shipped office-culture checklist.
fn planned() -> onsite::domain::plan::PlanEntry {
    onsite::domain::plan::PlanEntry {
        id: "01KBX0J3Y8Q4B9R6W2S5T7V1ZA".into(),
        unit: Unit {
            name: "Phường Thạch Linh".into(),
            kind: UnitKind::DonVi,
            address: "Hà Tĩnh".into(),
        },
        date: "2026-12-01".parse().expect("a date"),
        team: vec![
            Member {
                name: "Lê Văn An".into(),
                role: Role::TruongDoan,
                position: String::new(),
                agency: String::new(),
            },
            Member {
                name: "Hà Chi".into(),
                role: Role::ThuKy,
                position: String::new(),
                agency: String::new(),
            },
            Member {
                name: "Trần Bình".into(),
                role: Role::ThanhVien,
                position: String::new(),
                agency: String::new(),
            },
        ],
        rubric: CONG_SO.into(),
        visit: None,
        imported_at: onsite::domain::visit::Stamp::now(),
        imported_by: INSPECTOR.into(),
    }
}

#[test]
fn enter_on_a_planned_entry_opens_the_form_filled_and_links_it() {
    let mut sim = Sim::listing(Lang::Vi, three_visits());
    sim.run(Action::PlansLoaded(vec![planned()]));
    assert_eq!(
        sim.state.list.plan_selected, None,
        "the cursor stays on the visits"
    );
    sim.keys("k");
    assert_eq!(
        sim.state.list.plan_selected,
        Some(0),
        "up from the first visit"
    );
    sim.keys("j");
    assert_eq!(
        (sim.state.list.plan_selected, sim.state.list.selected),
        (None, 0)
    );
    sim.keys("k<Enter>");
    let filled = form(&sim);
    assert_eq!(filled.text(Field::Unit), "Phường Thạch Linh");
    assert_eq!(filled.text(Field::Address), "Hà Tĩnh");
    assert_eq!(filled.text(Field::Date), "01/12/2026");
    assert_eq!(filled.text(Field::Leader), "Lê Văn An");
    assert_eq!(filled.text(Field::Secretary), "Hà Chi");
    assert_eq!(filled.text(Field::Members), "Trần Bình");
    assert_eq!(filled.kind, UnitKind::DonVi);
    assert_eq!(sim.state.rubrics[filled.rubric].id, CONG_SO);
    let effects = sim.keys("<C-s>");
    let [Effect::CreateVisit { new, plan, .. }] = effects.as_slice() else {
        panic!("expected the visit created: {effects:?}");
    };
    assert_eq!(plan.as_deref(), Some("01KBX0J3Y8Q4B9R6W2S5T7V1ZA"));
    assert_eq!(new.unit.name, "Phường Thạch Linh");
    assert_eq!(new.date.to_string(), "2026-12-01");
    assert_eq!(new.team.len(), 3);
}

#[test]
fn the_plan_is_not_shown_in_the_trash_or_while_filtering() {
    let mut sim = Sim::listing(Lang::Vi, three_visits());
    sim.run(Action::PlansLoaded(vec![planned()]));
    assert_eq!(sim.state.shown_plans().len(), 1);
    sim.state.list.filter = "x".into();
    assert!(sim.state.shown_plans().is_empty());
    sim.state.list.filter.clear();
    sim.state.list.trash = true;
    assert!(sim.state.shown_plans().is_empty());
}

#[test]
fn trashed_visits_are_not_listed() {
    let mut visits = three_visits();
    visits[0].deleted = true;
    let sim = Sim::listing(Lang::Vi, visits);
    assert_eq!(sim.state.shown_visits().len(), 2);
}

// ---------------------------------------------------------------------------------------
// The new-visit form

#[rstest]
#[case::tab("<Tab>", Field::Kind)]
#[case::down("<Down>", Field::Kind)]
#[case::tab_twice("<Tab><Tab>", Field::Address)]
#[case::shift_tab("<Tab><Tab><S-Tab>", Field::Kind)]
#[case::up("<Tab><Tab><Up>", Field::Kind)]
#[case::up_stops_at_the_first("<Up>", Field::Unit)]
#[case::tab_stops_at_the_last(
    "<Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab>",
    Field::Previous
)]
#[case::enter_moves_on("<Enter><Enter><Enter>", Field::Date)]
fn form_moves_between_fields(#[case] keys: &str, #[case] field: Field) {
    let mut sim = Sim::new(Lang::Vi);
    sim.keys("n");
    assert!(sim.keys(keys).is_empty());
    assert_eq!(form(&sim).field(), field);
}

#[rstest]
#[case::right("<Right>", UnitKind::DonVi)]
#[case::right_twice("<Right><Right>", UnitKind::DoanhNghiep)]
#[case::right_wraps("<Right><Right><Right>", UnitKind::CoQuan)]
#[case::left_wraps("<Left>", UnitKind::DoanhNghiep)]
#[case::left_right("<Left><Right>", UnitKind::CoQuan)]
fn left_right_cycle_the_unit_kind(#[case] keys: &str, #[case] kind: UnitKind) {
    let mut sim = Sim::new(Lang::Vi);
    sim.keys("n<Tab>");
    sim.keys(keys);
    assert_eq!(form(&sim).kind, kind);
}

#[rstest]
// Three rubrics are shipped (their current versions only are offered).
#[case::right("<Right>", 1)]
#[case::right_wraps("<Right><Right><Right>", 0)]
#[case::left_wraps("<Left>", 2)]
fn left_right_cycle_the_rubric(#[case] keys: &str, #[case] rubric: usize) {
    let mut sim = Sim::new(Lang::Vi);
    sim.keys("n<Tab><Tab><Tab><Tab><Tab><Tab><Tab>");
    assert_eq!(form(&sim).field(), Field::Rubric);
    sim.keys(keys);
    assert_eq!(form(&sim).rubric, rubric);
}

#[test]
fn left_right_in_a_text_field_move_the_cursor_only() {
    let mut sim = Sim::new(Lang::Vi);
    sim.keys("nSở<Left>Y<Right>!");
    assert_eq!(form(&sim).text(Field::Unit), "SYở!");
    assert_eq!(form(&sim).kind, UnitKind::CoQuan);
}

/// Fills the form with Vietnamese text (leader kept from settings) and picks the second
/// rubric and kind "đơn vị"; the focus ends on the members field.
const FILLED: &str = "nTrường THPT Phan Đình Phùng<Tab><Right><Tab>\
                      26 Phan Đình Phùng, TP Hà Tĩnh<Tab><C-u>2026-11-28<Tab><Tab>\
                      Trần Văn Bình<Tab>Lê Thị Cúc, Phạm Minh Đức<Tab><Right><S-Tab>";

fn filled_new_visit() -> NewVisit {
    let member = |name: &str, role| Member {
        name: name.to_owned(),
        role,
        position: String::new(),
        agency: String::new(),
    };
    NewVisit {
        unit: Unit {
            name: "Trường THPT Phan Đình Phùng".into(),
            kind: UnitKind::DonVi,
            address: "26 Phan Đình Phùng, TP Hà Tĩnh".into(),
        },
        date: "2026-11-28".parse().expect("a date"),
        team: vec![
            member(INSPECTOR, Role::TruongDoan),
            member("Trần Văn Bình", Role::ThuKy),
            member("Lê Thị Cúc", Role::ThanhVien),
            member("Phạm Minh Đức", Role::ThanhVien),
        ],
    }
}

#[test]
fn ctrl_s_creates_the_visit_from_any_field() {
    let mut sim = Sim::new(Lang::Vi);
    assert!(sim.keys(FILLED).is_empty());
    assert_eq!(form(&sim).field(), Field::Members);
    let effects = sim.keys("<C-s>");
    assert_eq!(
        effects,
        vec![Effect::CreateVisit {
            rubric: Box::new(rubric(CONG_SO)),
            new: filled_new_visit(),
            follow_up: None,
            plan: None,
        }]
    );
}

#[test]
fn enter_on_the_last_field_creates() {
    let mut sim = Sim::new(Lang::Vi);
    sim.keys(FILLED);
    assert!(sim.keys("<Enter>").is_empty(), "members → rubric");
    assert_eq!(form(&sim).field(), Field::Rubric);
    assert!(
        sim.keys("<Enter>").is_empty(),
        "rubric → the visit checked again"
    );
    assert_eq!(form(&sim).field(), Field::Previous);
    assert_eq!(
        sim.keys("<Enter>"),
        vec![Effect::CreateVisit {
            rubric: Box::new(rubric(CONG_SO)),
            new: filled_new_visit(),
            follow_up: None,
            plan: None,
        }]
    );
}

#[rstest]
fn an_empty_unit_is_refused_with_the_focus_back_on_it(#[values(Lang::Vi, Lang::En)] lang: Lang) {
    let mut sim = Sim::new(lang);
    sim.keys("n   <Tab><Tab><Tab><Tab>");
    assert!(sim.keys("<C-s>").is_empty());
    let form = form(&sim);
    assert_eq!(form.field(), Field::Unit);
    assert_eq!(form.error.as_deref(), Some(t(lang).form_unit_missing()));
    assert!(
        sim.keys("S").is_empty(),
        "typing again clears the error and stays on the form"
    );
    assert_eq!(form_error(&sim), None);
}

fn form_error(sim: &Sim) -> Option<String> {
    form(sim).error.clone()
}

#[rstest]
#[case::not_a_date("ngày mai")]
#[case::no_such_month("28/13/2026")]
#[case::no_such_day("2026-02-30")]
#[case::empty("")]
fn an_invalid_date_is_refused_with_the_focus_on_it(#[case] date: &str) {
    let mut sim = Sim::new(Lang::Vi);
    sim.keys(&format!("nSở Nội vụ<Tab><Tab><Tab><C-u>{date}<Tab><Tab>"));
    assert!(sim.keys("<C-s>").is_empty());
    assert_eq!(form(&sim).field(), Field::Date);
    assert_eq!(form_error(&sim), Some(t(Lang::Vi).bad_date(date)));
}

#[test]
fn esc_on_an_untouched_form_leaves_at_once() {
    let mut sim = Sim::new(Lang::Vi);
    sim.keys("n<Tab><Right><Esc>");
    assert!(is_screen(&sim, "list"));
    assert!(sim.state.overlay.is_none());
}

#[test]
fn esc_on_a_touched_form_asks_first() {
    let mut sim = Sim::new(Lang::Vi);
    sim.keys("nSở Nội vụ<Esc>");
    assert_eq!(
        sim.state.overlay,
        Some(Overlay::Confirm(Confirm::DiscardForm))
    );
    sim.keys("n");
    assert!(sim.state.overlay.is_none());
    assert_eq!(form(&sim).text(Field::Unit), "Sở Nội vụ", "kept after 'no'");
    sim.keys("<Esc>y");
    assert!(is_screen(&sim, "list"));
}

#[test]
fn reopening_a_visit_does_not_show_the_notice_again() {
    let mut sim = Sim::new(Lang::Vi);
    let rubric = rubric(CO_QUAN);
    sim.run(Action::Opened(Box::new((so_van_hoa(&rubric), rubric))));
    assert!(is_screen(&sim, "scoring"));
    assert!(sim.state.overlay.is_none());
}

#[test]
fn a_created_visit_opens_with_the_rubric_notice() {
    let mut sim = Sim::new(Lang::Vi);
    let rubric = rubric(CO_QUAN);
    let effects = sim.run(Action::Created(Box::new((
        so_van_hoa(&rubric),
        rubric.clone(),
    ))));
    assert_eq!(effects, vec![Effect::MarkSession(Some(VISIT_ID.into()))]);
    assert!(is_screen(&sim, "scoring"));
    let notice = rubric.notice_in(Lang::Vi).expect("a notice").to_owned();
    assert_eq!(sim.state.overlay, Some(Overlay::Notice(notice)));
    assert!(
        sim.keys("4").is_empty(),
        "any key closes the notice, nothing else"
    );
    assert!(sim.state.overlay.is_none());
    assert_eq!(sim.item(), "1.1");
}

#[test]
fn a_visit_already_started_opens_without_the_notice_on_its_first_unanswered_item() {
    let rubric = rubric(CO_QUAN);
    let visit = answered(
        so_van_hoa(&rubric),
        &[("1.1", points("5")), ("1.2", points("3"))],
    );
    let sim = Sim::opening(Lang::Vi, visit, rubric);
    assert!(sim.state.overlay.is_none());
    assert_eq!(sim.item(), "1.3");
}

// ---------------------------------------------------------------------------------------
// Scoring: moving

#[rstest]
#[case::j("j", "1.2")]
#[case::down("<Down>", "1.2")]
#[case::jj("jj", "1.3")]
#[case::k_stops_at_the_top("k", "1.1")]
#[case::up("jj<Up>", "1.2")]
#[case::jk("jjjk", "1.3")]
#[case::next_section("]", "2.1")]
#[case::next_section_twice("]]", "3.1")]
#[case::next_section_stops_at_the_last("]]]", "3.1")]
#[case::prev_section_from_inside_goes_to_its_start("]jj[", "2.1")]
#[case::prev_section_from_a_start("][", "1.1")]
#[case::prev_section_at_the_top("[", "1.1")]
fn scoring_moves(#[case] keys: &str, #[case] item: &str) {
    let mut sim = scoring();
    assert!(sim.keys(keys).is_empty());
    assert_eq!(sim.item(), item);
}

#[test]
fn j_stops_at_the_last_item() {
    let mut sim = scoring();
    sim.go_to("3.10");
    sim.keys("jj");
    assert_eq!(sim.item(), "3.10");
}

#[rstest]
#[case::from_the_top("1.1", &["1.4", "2.2"], "1.4")]
#[case::skips_answered("1.4", &["1.4", "2.2"], "2.2")]
#[case::wraps_round("2.2", &["1.4", "2.2"], "1.4")]
#[case::wraps_to_an_earlier_one("3.10", &["2.2"], "2.2")]
fn g_goes_to_the_next_unanswered(
    #[case] from: &str,
    #[case] unanswered: &[&str],
    #[case] to: &str,
) {
    let mut sim = scoring_answered(unanswered);
    sim.go_to(from);
    assert!(sim.keys("g").is_empty());
    assert_eq!(sim.item(), to);
    assert_eq!(sim.state.message, None);
}

#[test]
fn g_with_everything_answered_says_so() {
    let mut sim = scoring_answered(&[]);
    sim.go_to("1.5");
    sim.keys("g");
    assert_eq!(sim.item(), "1.5");
    assert_eq!(info(&sim), Some(t(Lang::Vi).all_answered().to_owned()));
}

// ---------------------------------------------------------------------------------------
// Scoring: answering by keys

/// The rubric with item 1.1 turned into a whole-points item out of 10.
fn max_ten() -> Rubric {
    let mut rubric = rubric(CO_QUAN);
    let item = &mut rubric.sections[0].items[0];
    item.max = Some(10.into());
    item.step = None;
    rubric
}

#[rstest]
// 1.1: points, max 5, step 0.5.
#[case::half_points("1.1", "4.5", points("4.5"))]
#[case::full_marks_at_once("1.1", "5", points("5"))]
#[case::half_from_zero("1.1", "0.5", points("0.5"))]
#[case::whole_after_enter("1.1", "4<Enter>", points("4"))]
#[case::zero_after_enter("1.1", "0<Enter>", points("0"))]
// 1.3: levels 3 / 1.5 / 0 points: not all whole, so ranked, a higher key never worse.
#[case::best_level("1.3", "3", Answer::Level(0))]
#[case::middle_level("1.3", "2", Answer::Level(1))]
#[case::worst_level("1.3", "1", Answer::Level(2))]
// 1.9: check.
#[case::pass("1.9", "1", Answer::Pass)]
#[case::fail("1.9", "0", Answer::Fail)]
// 1.4: points, max 2, step 1.
#[case::whole_points("1.4", "2", points("2"))]
#[case::zero("1.4", "0", points("0"))]
// 1.6: N/A allowed.
#[case::not_applicable("1.6", "x", Answer::NotApplicable)]
fn keys_answer_the_item_and_move_on(
    #[case] item: &str,
    #[case] keys: &str,
    #[case] answer: Answer,
) {
    let mut sim = scoring();
    sim.go_to(item);
    let effects = sim.keys(keys);
    assert_eq!(
        effects,
        vec![Effect::Edit(Request::Answer {
            item: item.into(),
            answer: Some(answer.clone()),
        })]
    );
    assert_eq!(sim.answer(item), Some(answer));
    assert_ne!(sim.item(), item, "moved on after the save");
    assert_eq!(sim.state.message, None);
}

#[rstest]
#[case::single_key("1.1", "5")]
#[case::half_points("1.1", "4.5")]
#[case::check("1.9", "1")]
#[case::levels("1.3", "2")]
fn a_committed_answer_leaves_nothing_typed(#[case] item: &str, #[case] keys: &str) {
    let mut sim = scoring();
    sim.go_to(item);
    sim.keys(keys);
    assert_eq!(sim.open().typed, "");
}

#[rstest]
#[case::whole_points("4<Enter>")]
#[case::zero("0<Enter>")]
fn enter_commits_and_forgets_the_typed_digits(#[case] keys: &str) {
    let mut sim = scoring();
    sim.keys(keys);
    assert_eq!(sim.item(), "1.2");
    assert_eq!(sim.open().typed, "", "shown as 'đang gõ' on the next item");
    // 1.2 is out of 3 in half points: "3" must be its answer, not "43" or "03".
    sim.keys("3");
    assert_eq!(sim.state.message, None);
    assert_eq!(sim.answer("1.2"), Some(points("3")));
}

#[test]
fn on_a_half_point_item_four_waits_and_four_point_five_commits() {
    let mut sim = scoring();
    assert!(sim.keys("4").is_empty());
    assert_eq!(sim.open().typed, "4");
    assert_eq!(sim.answer("1.1"), None);
    assert!(sim.keys(".").is_empty());
    assert_eq!(sim.open().typed, "4.");
    let effects = sim.keys("5");
    assert_eq!(
        effects,
        vec![Effect::Edit(Request::Answer {
            item: "1.1".into(),
            answer: Some(points("4.5")),
        })]
    );
    assert_eq!(sim.answer("1.1"), Some(points("4.5")));
    assert_eq!(sim.item(), "1.2");
}

#[test]
fn re_typing_the_answer_an_item_already_has_moves_on_too() {
    let mut sim = scoring();
    sim.keys("5");
    assert_eq!(sim.item(), "1.2");
    sim.press(key(KeyCode::Up));
    assert_eq!(sim.item(), "1.1");
    sim.keys("5");
    assert_eq!(sim.answer("1.1"), Some(points("5")));
    assert_eq!(sim.item(), "1.2", "the same answer again still moves on");
}

#[test]
fn with_advance_off_an_answer_stays_on_its_item() {
    let mut sim = scoring();
    sim.state.advance = false;
    sim.keys("5");
    assert_eq!(sim.answer("1.1"), Some(points("5")));
    assert_eq!(sim.item(), "1.1");
}

#[test]
fn the_cursor_moves_on_only_once_the_answer_is_saved() {
    let mut sim = scoring();
    let effects = update_only(&mut sim, Action::Digit('5'));
    assert_eq!(effects.len(), 1);
    assert_eq!(sim.item(), "1.1", "not before the save");
    sim.run(Action::Failed("đĩa đầy".into()));
    assert_eq!(sim.item(), "1.1", "not after a failed save");
    assert_eq!(error(&sim).as_deref(), Some("đĩa đầy"));
}

/// Runs `update` alone, without playing the effects.
fn update_only(sim: &mut Sim, action: Action) -> Vec<Effect> {
    onsite::tui::update::update(&mut sim.state, action)
}

#[test]
fn on_a_max_ten_item_a_one_waits_for_enter() {
    let rubric = max_ten();
    let mut sim = Sim::scoring(Lang::Vi, so_van_hoa(&rubric), rubric);
    assert!(sim.keys("1").is_empty());
    assert_eq!(sim.keys("<Enter>").len(), 1);
    assert_eq!(sim.answer("1.1"), Some(points("1")));
    assert_eq!(sim.item(), "1.2");
}

#[rstest]
#[case::one_waits("1", None, "1")]
#[case::ten("10", Some("10"), "")]
#[case::two_at_once("2", Some("2"), "")]
#[case::zero_at_once("0", Some("0"), "")]
fn on_a_max_ten_item_digits_may_need_enter(
    #[case] keys: &str,
    #[case] saved: Option<&str>,
    #[case] typed: &str,
) {
    let rubric = max_ten();
    let mut sim = Sim::scoring(Lang::Vi, so_van_hoa(&rubric), rubric);
    let effects = sim.keys(keys);
    assert_eq!(sim.answer("1.1"), saved.map(points));
    assert_eq!(effects.len(), usize::from(saved.is_some()));
    assert_eq!(sim.open().typed, typed);
}

#[rstest]
#[case::above_the_max("1.1", "6", "6")]
#[case::not_a_half("1.1", "4.3", "4.3")]
#[case::two_dots("1.1", "4..", "4..")]
#[case::check_two("1.9", "2", "2")]
#[case::check_dot("1.9", ".", ".")]
#[case::level_zero("1.3", "0", "0")]
#[case::level_four("1.3", "4", "4")]
#[case::above_two("1.4", "3", "3")]
fn an_invalid_entry_says_so_and_saves_nothing(
    #[case] item: &str,
    #[case] keys: &str,
    #[case] shown: &str,
) {
    let mut sim = scoring();
    sim.go_to(item);
    assert!(sim.keys(keys).is_empty());
    assert_eq!(error(&sim), Some(t(Lang::Vi).not_an_entry(shown)));
    assert_eq!(sim.answer(item), None);
    assert_eq!(sim.item(), item);
    assert_eq!(sim.open().typed, "");
}

#[test]
fn enter_on_an_incomplete_number_says_so() {
    let mut sim = scoring();
    assert!(sim.keys("4.<Enter>").is_empty());
    assert_eq!(error(&sim), Some(t(Lang::Vi).not_an_entry("4.")));
    assert_eq!(sim.answer("1.1"), None);
}

#[test]
fn enter_with_nothing_typed_does_nothing() {
    let mut sim = scoring();
    assert!(sim.keys("<Enter>").is_empty());
    assert_eq!(sim.state.message, None);
    assert_eq!(sim.item(), "1.1");
}

#[test]
fn moving_drops_the_digits_typed_so_far() {
    let mut sim = scoring();
    sim.keys("4jk");
    assert_eq!(sim.open().typed, "");
    sim.keys("5");
    assert_eq!(sim.answer("1.1"), Some(points("5")));
}

#[rstest]
#[case::na_allowed("1.6", true)]
#[case::na_allowed_check("1.10", true)]
#[case::na_allowed_critical("2.16", true)]
#[case::na_not_allowed("1.1", false)]
#[case::na_not_allowed_check("1.9", false)]
#[case::na_not_allowed_levels("1.3", false)]
fn x_marks_not_applicable_where_allowed(#[case] item: &str, #[case] allowed: bool) {
    let mut sim = scoring();
    sim.go_to(item);
    let effects = sim.keys("x");
    if allowed {
        assert_eq!(sim.answer(item), Some(Answer::NotApplicable));
        assert_eq!(effects.len(), 1);
        assert_eq!(sim.state.message, None);
    } else {
        assert!(effects.is_empty());
        assert_eq!(sim.answer(item), None);
        assert_eq!(
            error(&sim),
            Some(t(Lang::Vi).answer_error(&AnswerError::NaNotAllowed))
        );
    }
}

#[test]
fn backspace_drops_typed_digits_first_then_clears_the_answer() {
    let rubric = rubric(CO_QUAN);
    let visit = answered(so_van_hoa(&rubric), &[("1.1", points("3"))]);
    let mut sim = Sim::scoring(Lang::Vi, visit, rubric);
    sim.go_to("1.1");
    sim.keys("4.");
    assert!(sim.keys("<BS>").is_empty());
    assert_eq!(sim.open().typed, "4");
    assert!(sim.keys("<BS>").is_empty());
    assert_eq!(sim.open().typed, "");
    assert_eq!(sim.answer("1.1"), Some(points("3")), "still answered");
    let effects = sim.keys("<BS>");
    assert_eq!(
        effects,
        vec![Effect::Edit(Request::Answer {
            item: "1.1".into(),
            answer: None,
        })]
    );
    assert_eq!(sim.answer("1.1"), None);
    assert_eq!(sim.item(), "1.1", "clearing does not move on");
    assert!(
        sim.keys("<Del>").is_empty(),
        "nothing to clear on an unanswered item"
    );
}

#[test]
fn answering_the_last_item_says_what_is_left() {
    let mut sim = scoring_answered(&["1.1", "3.10"]);
    sim.go_to("3.10");
    sim.keys("2");
    assert_eq!(sim.item(), "3.10");
    assert_eq!(info(&sim), Some(t(Lang::Vi).last_item(1)));
    sim.keys("g5");
    assert_eq!(info(&sim), None);
    assert_eq!(sim.open().card.unanswered.len(), 0);
}

#[test]
fn a_failed_critical_item_fails_the_visit() {
    let mut sim = scoring_answered(&["3.4"]);
    sim.go_to("3.4");
    sim.keys("0");
    let card = &sim.open().card;
    assert_eq!(card.failed_critical, vec!["3.4".to_owned()]);
    assert_eq!(card.verdict, onsite::domain::scoring::Verdict::Fail);
}

// ---------------------------------------------------------------------------------------
// Scoring: undo, redo

#[test]
fn u_undoes_and_ctrl_r_redoes() {
    let mut sim = scoring();
    sim.keys("5");
    assert_eq!(sim.answer("1.1"), Some(points("5")));
    assert_eq!(sim.keys("u"), vec![Effect::Undo]);
    assert_eq!(sim.answer("1.1"), None);
    assert!(info(&sim).is_some(), "says what was undone");
    assert_eq!(sim.keys("<C-r>"), vec![Effect::Redo]);
    assert_eq!(sim.answer("1.1"), Some(points("5")));
}

#[test]
fn nothing_to_undo_is_an_error_message() {
    let mut sim = scoring();
    assert_eq!(sim.keys("u"), vec![Effect::Undo]);
    assert_eq!(
        error(&sim),
        Some(t(Lang::Vi).edit_error(&EditError::NothingToUndo))
    );
}

// ---------------------------------------------------------------------------------------
// Scoring: notes

const NOTE: &str = "Hòm thư góp ý đặt tại bộ phận một cửa; đường dây nóng niêm yết ở cổng";

#[test]
fn e_opens_the_note_editor_on_the_item_with_its_note() {
    let rubric = rubric(CO_QUAN);
    let visit = noted(so_van_hoa(&rubric), "1.9", "có hòm thư");
    let mut sim = Sim::scoring(Lang::Vi, visit, rubric);
    sim.go_to("1.9");
    assert!(sim.keys("e").is_empty());
    let note = sim.open().note.as_ref().expect("editing");
    assert_eq!(note.target, NoteTarget::Item("1.9".into()));
    assert!(!note.dirty);
    assert_eq!(note_text(&sim), "có hòm thư");
}

#[test]
fn typing_a_note_marks_it_unsaved_and_a_tick_saves_it() {
    let mut sim = scoring();
    sim.go_to("1.9");
    assert!(sim.keys(&format!("e{NOTE}")).is_empty());
    assert!(sim.state.has_unsaved_note());
    assert_eq!(note_text(&sim), NOTE);
    let effects = sim.run(Action::Tick);
    assert_eq!(
        effects,
        vec![Effect::Edit(Request::Note {
            item: "1.9".into(),
            text: NOTE.into(),
        })]
    );
    assert!(!sim.state.has_unsaved_note());
    assert_eq!(sim.open().state.note("1.9"), NOTE);
    assert!(sim.open().note.is_some(), "the editor stays open");
    assert!(sim.run(Action::Tick).is_empty(), "nothing new to save");
}

#[test]
fn keys_in_a_note_are_text_not_commands() {
    let mut sim = scoring();
    sim.keys("ejkq5xgsu?/");
    assert_eq!(note_text(&sim), "jkq5xgsu?/");
    assert_eq!(sim.item(), "1.1");
    assert_eq!(sim.answer("1.1"), None);
    assert!(is_screen(&sim, "scoring"));
    assert!(sim.state.overlay.is_none());
}

#[rstest]
fn leaving_the_note_saves_it(#[values("<Esc>", "<Enter>")] leave: &str) {
    let mut sim = scoring();
    sim.keys("eđã kiểm tra");
    let effects = sim.keys(leave);
    assert_eq!(
        effects,
        vec![Effect::Edit(Request::Note {
            item: "1.1".into(),
            text: "đã kiểm tra".into(),
        })]
    );
    assert!(sim.open().note.is_none());
    assert_eq!(sim.open().state.note("1.1"), "đã kiểm tra");
    assert!(
        sim.keys("e<Esc>").is_empty(),
        "an unchanged note is not saved again"
    );
}

#[rstest]
fn newline_keys_break_the_note(#[values("<A-Enter>", "<C-j>")] newline: &str) {
    let mut sim = scoring();
    sim.keys(&format!("edòng một{newline}dòng hai"));
    assert_eq!(note_text(&sim), "dòng một\ndòng hai");
    assert!(sim.open().note.is_some(), "still editing");
}

#[test]
fn line_editing_keys_work_in_a_note() {
    let mut sim = scoring();
    sim.keys("ehòm thư góp ý<C-w>");
    assert_eq!(note_text(&sim), "hòm thư góp ");
    sim.keys("<BS><BS><BS><BS><BS><Home>X<End>!");
    assert_eq!(note_text(&sim), "Xhòm thư!");
    sim.keys("<C-a><C-k>");
    assert_eq!(note_text(&sim), "");
}

#[test]
fn a_pasted_note_keeps_its_lines() {
    let mut sim = scoring();
    sim.keys("e");
    sim.run(Action::Paste("dòng một\r\ndòng hai".into()));
    assert_eq!(note_text(&sim), "dòng một\ndòng hai");
}

#[test]
fn a_failed_note_save_stays_unsaved_for_the_next_tick() {
    let mut sim = scoring();
    sim.keys("eabc");
    let effects = update_only(&mut sim, Action::Tick);
    assert_eq!(effects.len(), 1);
    sim.run(Action::Failed("lỗi ghi".into()));
    assert!(sim.state.has_unsaved_note());
    assert_eq!(sim.run(Action::Tick).len(), 1);
    assert!(!sim.state.has_unsaved_note());
}

#[test]
fn ctrl_c_in_a_note_saves_it_then_quits() {
    let mut sim = scoring();
    sim.keys(&format!("e{NOTE}"));
    let effects = sim.keys("<C-c>");
    assert_eq!(
        effects,
        vec![
            Effect::Edit(Request::Note {
                item: "1.1".into(),
                text: NOTE.into(),
            }),
            Effect::MarkSession(None),
            Effect::Quit,
        ]
    );
    assert!(sim.state.quitting);
}

#[test]
fn terminate_saves_the_note_then_quits() {
    let mut sim = scoring();
    sim.keys("eabc");
    let effects = sim.run(Action::Terminate);
    assert_eq!(effects.len(), 3);
    assert!(matches!(effects[0], Effect::Edit(Request::Note { .. })));
    assert!(sim.state.quitting);
}

// ---------------------------------------------------------------------------------------
// Scoring: search

#[rstest]
#[case::vietnamese("đường dây nóng", "1.10")]
#[case::capitals("HÒM THƯ", "1.9")]
#[case::item_id("2.16", "2.16")]
fn search_jumps_to_the_first_match_after_the_cursor(#[case] query: &str, #[case] item: &str) {
    let mut sim = scoring();
    sim.keys("/");
    assert!(sim.open().search.typing);
    assert!(sim.keys(query).is_empty());
    assert_eq!(sim.item(), "1.1", "not before Enter");
    sim.keys("<Enter>");
    assert!(!sim.open().search.typing);
    assert_eq!(sim.item(), item);
}

#[test]
fn n_and_capital_n_step_through_matches_and_wrap() {
    let mut sim = scoring();
    // "trang phục" is in 2.2 and 2.3.
    sim.keys("/trang phục<Enter>");
    assert_eq!(sim.item(), "2.2");
    sim.keys("n");
    assert_eq!(sim.item(), "2.3");
    sim.keys("n");
    assert_eq!(sim.item(), "2.2", "wraps round");
    sim.keys("N");
    assert_eq!(sim.item(), "2.3", "back, wrapping");
}

#[test]
fn search_with_no_match_says_so_and_stays() {
    let mut sim = scoring();
    sim.keys("/xyzzy<Enter>");
    assert_eq!(sim.item(), "1.1");
    assert_eq!(error(&sim), Some(t(Lang::Vi).no_match("xyzzy")));
}

#[test]
fn esc_while_searching_drops_the_query() {
    let mut sim = scoring();
    sim.keys("/hòm<BS><Esc>");
    assert!(!sim.open().search.typing);
    assert_eq!(sim.open().search.query, "");
    assert!(
        is_screen(&sim, "scoring"),
        "Esc ends the search, not the visit"
    );
    assert!(sim.keys("n").is_empty());
    assert_eq!(sim.item(), "1.1");
}

#[test]
fn search_uses_the_english_text_in_the_english_ui() {
    let rubric = rubric(CO_QUAN);
    let mut sim = Sim::scoring(Lang::En, so_van_hoa(&rubric), rubric);
    sim.keys("/hotline<Enter>");
    assert_eq!(sim.item(), "1.10");
}

// ---------------------------------------------------------------------------------------
// Scoring: summary, finalize, help, leaving

#[test]
fn s_opens_the_summary_on_its_first_row() {
    let mut sim = scoring();
    assert!(sim.keys("s").is_empty());
    assert!(is_screen(&sim, "summary"));
    assert_eq!(sim.open().summary_row, 0);
}

#[rstest]
fn f_is_refused_while_items_are_unanswered(
    #[values(&["1.4"][..], &["1.4", "2.2", "3.1"][..])] left: &[&str],
) {
    let mut sim = scoring_answered(left);
    assert!(sim.keys("f").is_empty());
    assert!(sim.state.overlay.is_none());
    assert_eq!(
        error(&sim),
        Some(t(Lang::Vi).edit_error(&EditError::Unanswered {
            unanswered: left.len()
        }))
    );
}

/// Everything answered, the four findings written and a minutes' detail given.
fn ready_to_finalize() -> Sim {
    let rubric = rubric(CO_QUAN);
    let mut visit = all_answered(so_van_hoa(&rubric), &rubric, &[]);
    for field in FindingField::FINDINGS {
        *visit.visit.findings.get_mut(field) = "Đã ghi".into();
    }
    *visit.visit.findings.get_mut(FindingField::Place) = "Trụ sở Cục QLTT".into();
    Sim::scoring(Lang::Vi, visit, rubric)
}

#[test]
fn f_with_everything_answered_asks_then_finalizes() {
    let mut sim = ready_to_finalize();
    assert!(sim.keys("f").is_empty());
    assert_eq!(
        sim.state.overlay,
        Some(Overlay::Confirm(Confirm::Finalize {
            unit: "Sở Văn hóa, Thể thao và Du lịch Hà Tĩnh".into(),
            empty: Vec::new(),
            no_minutes_details: false,
        }))
    );
    assert_eq!(sim.keys("y"), vec![Effect::Edit(Request::Finalize)]);
    assert!(sim.state.overlay.is_none());
    assert_eq!(sim.open().state.visit.status, Status::Finalized);
    assert!(sim.open().is_read_only());
    assert!(info(&sim).is_some(), "says it is finalized");
}

#[rstest]
fn finalize_warns_of_empty_findings_and_details_and_asks_twice(
    #[values(Lang::Vi, Lang::En)] lang: Lang,
) {
    let rubric = rubric(CO_QUAN);
    let mut visit = all_answered(so_van_hoa(&rubric), &rubric, &[]);
    *visit.visit.findings.get_mut(FindingField::Strengths) = "Hòm thư góp ý".into();
    let mut sim = Sim::scoring(lang, visit, rubric);
    sim.keys("f");
    let Some(Overlay::Confirm(confirm)) = sim.state.overlay.clone() else {
        panic!("asks");
    };
    assert_eq!(
        confirm,
        Confirm::Finalize {
            unit: "Sở Văn hóa, Thể thao và Du lịch Hà Tĩnh".into(),
            empty: vec![
                FindingField::Shortcomings,
                FindingField::Recommendations,
                FindingField::Conclusion
            ],
            no_minutes_details: true,
        }
    );
    let text = t(lang).confirm(&confirm);
    assert!(
        text.contains(t(lang).finding(FindingField::Conclusion)),
        "{text}"
    );
    assert!(
        !text.contains(t(lang).finding(FindingField::Strengths)),
        "{text}"
    );
    // The first yes only asks again; the second finalizes.
    assert!(sim.keys("y").is_empty());
    assert!(matches!(
        sim.state.overlay,
        Some(Overlay::Confirm(Confirm::FinalizeAnyway { .. }))
    ));
    assert_eq!(sim.keys("y"), vec![Effect::Edit(Request::Finalize)]);
    assert_eq!(sim.open().state.visit.status, Status::Finalized);
}

#[test]
fn no_to_the_second_question_changes_nothing() {
    let mut sim = scoring_answered(&[]);
    assert!(sim.keys("fyn").is_empty());
    assert!(sim.state.overlay.is_none());
    assert_eq!(sim.open().state.visit.status, Status::Draft);
}

#[test]
fn u_on_the_summary_undoes_the_last_change_and_says_what() {
    let mut sim = scoring();
    sim.keys("s");
    sim.keys("e");
    sim.keys("Có hòm thư góp ý<Esc>");
    let strengths = |sim: &Sim| {
        sim.open()
            .state
            .visit
            .findings
            .get(FindingField::Strengths)
            .to_owned()
    };
    assert_eq!(strengths(&sim), "Có hòm thư góp ý");
    let effects = sim.keys("u");
    assert_eq!(effects, vec![Effect::Undo]);
    assert_eq!(strengths(&sim), "");
    assert!(is_screen(&sim, "summary"));
    assert!(info(&sim).is_some(), "says what was undone");
}

#[test]
fn u_on_the_summary_with_nothing_to_undo_says_so() {
    let mut sim = scoring();
    sim.keys("s");
    sim.keys("u");
    assert_eq!(
        error(&sim),
        Some(t(Lang::Vi).edit_error(&EditError::NothingToUndo))
    );
}

#[test]
fn declining_to_finalize_changes_nothing() {
    let mut sim = scoring_answered(&[]);
    assert!(sim.keys("f<Esc>").is_empty());
    assert!(sim.state.overlay.is_none());
    assert_eq!(sim.open().state.visit.status, Status::Draft);
    assert!(is_screen(&sim, "scoring"), "Esc closed the dialog only");
}

fn finalized() -> Sim {
    let rubric = rubric(CO_QUAN);
    let mut visit = all_answered(so_van_hoa(&rubric), &rubric, &[]);
    visit.visit.status = Status::Finalized;
    Sim::scoring(Lang::Vi, visit, rubric)
}

#[rstest]
#[case::digit("3")]
#[case::dot(".")]
#[case::na("x")]
#[case::clear("<BS>")]
#[case::finalize_again("f")]
fn a_finalized_visit_is_read_only(#[case] keys: &str) {
    let mut sim = finalized();
    sim.go_to("1.6");
    let before = sim.open().state.clone();
    assert!(sim.keys(keys).is_empty());
    assert_eq!(
        error(&sim),
        Some(t(Lang::Vi).edit_error(&EditError::Finalized))
    );
    assert_eq!(sim.open().state, before);
    assert!(sim.open().note.is_none());
    assert!(sim.state.overlay.is_none());
}

#[test]
fn a_finalized_visits_note_opens_whole_to_read_and_any_key_closes_it() {
    let rubric = rubric(CO_QUAN);
    let mut visit = all_answered(so_van_hoa(&rubric), &rubric, &[]);
    visit = noted(visit, "1.9", "Hòm thư đặt ở bộ phận một cửa");
    visit.visit.status = Status::Finalized;
    let mut sim = Sim::scoring(Lang::Vi, visit, rubric);
    sim.go_to("1.9");
    let before = sim.open().state.clone();
    assert!(sim.keys("e").is_empty());
    assert_eq!(
        sim.state.overlay,
        Some(Overlay::Reading(NoteTarget::Item("1.9".into())))
    );
    assert!(sim.open().note.is_none(), "no editor");
    assert!(sim.keys("x").is_empty(), "the closing key changes nothing");
    assert!(sim.state.overlay.is_none());
    assert_eq!(sim.open().state, before);
    // A finding, from the summary.
    sim.keys("s<Enter>");
    assert_eq!(
        sim.state.overlay,
        Some(Overlay::Reading(NoteTarget::Finding(
            FindingField::Strengths
        )))
    );
}

#[test]
fn a_finalized_visit_can_still_be_browsed() {
    let mut sim = finalized();
    assert!(sim.keys("jj]/hòm<Enter>s<Esc>").is_empty());
    assert_eq!(sim.state.message, None);
    assert_eq!(sim.item(), "1.9");
}

#[rstest]
fn help_opens_and_any_key_closes_it(#[values("?", "<F1>")] help: &str) {
    let mut sim = scoring();
    assert!(sim.keys(help).is_empty());
    assert_eq!(sim.state.overlay, Some(Overlay::Help));
    assert!(sim.keys("5").is_empty(), "the closing key is not an answer");
    assert!(sim.state.overlay.is_none());
    assert_eq!(sim.answer("1.1"), None);
}

#[test]
fn help_keeps_the_message_on_screen() {
    let mut sim = scoring();
    sim.keys("9");
    let message = sim.state.message.clone();
    assert!(message.is_some());
    sim.keys("?");
    assert_eq!(sim.state.message, message);
}

#[rstest]
fn esc_and_q_go_back_to_the_list(#[values("<Esc>", "q")] back: &str) {
    let mut sim = scoring();
    sim.keys("5");
    let effects = sim.keys(back);
    assert_eq!(effects, vec![Effect::MarkSession(None), Effect::LoadList]);
    assert!(is_screen(&sim, "list"));
    assert!(sim.state.open.is_none());
}

#[test]
fn ctrl_c_while_scoring_quits() {
    let mut sim = scoring();
    assert_eq!(
        sim.keys("<C-c>"),
        vec![Effect::MarkSession(None), Effect::Quit]
    );
    assert!(sim.state.quitting);
}

#[test]
fn a_save_for_another_visit_is_ignored() {
    let mut sim = scoring();
    let rubric = rubric(CO_QUAN);
    let mut other = answered(so_van_hoa(&rubric), &[("1.1", points("5"))]);
    other.visit.id = "01KAOTHER0000000000000000".into();
    sim.run(Action::Saved(Box::new(onsite::service::Edited {
        state: other,
        rubric,
        change: None,
    })));
    assert_eq!(sim.answer("1.1"), None);
}

// ---------------------------------------------------------------------------------------
// The summary screen

/// On the summary with `left` unanswered.
fn summary(left: &[&str]) -> Sim {
    let mut sim = scoring_answered(left);
    sim.keys("s");
    sim
}

#[rstest]
#[case::down("j", 1)]
#[case::to_the_last_finding("jjj", 3)]
#[case::to_the_first_unanswered("jjjj", 4)]
#[case::stops_at_the_last_row("jjjjjjjjjj", 5)]
#[case::up_stops_at_the_top("<Up>", 0)]
#[case::arrows("<Down><Down><Up>", 1)]
fn summary_rows_are_four_findings_then_the_unanswered(#[case] keys: &str, #[case] row: usize) {
    let mut sim = summary(&["1.4", "2.2"]);
    assert!(sim.keys(keys).is_empty());
    assert_eq!(sim.open().summary_row, row);
}

#[rstest]
#[case::strengths(0, FindingField::Strengths)]
#[case::shortcomings(1, FindingField::Shortcomings)]
#[case::recommendations(2, FindingField::Recommendations)]
#[case::conclusion(3, FindingField::Conclusion)]
fn enter_on_a_finding_edits_it_and_esc_saves_it(#[case] row: usize, #[case] field: FindingField) {
    let mut sim = summary(&["1.4"]);
    sim.keys(&"j".repeat(row));
    assert!(sim.keys("<Enter>").is_empty());
    let note = sim.open().note.as_ref().expect("editing");
    assert_eq!(note.target, NoteTarget::Finding(field));
    let effects = sim.keys("Cơ quan thực hiện tốt<Esc>");
    assert_eq!(
        effects,
        vec![Effect::Edit(Request::Finding {
            field,
            text: "Cơ quan thực hiện tốt".into(),
        })]
    );
    assert_eq!(
        sim.open().state.visit.findings.get(field),
        "Cơ quan thực hiện tốt"
    );
    assert!(sim.open().note.is_none());
    assert!(is_screen(&sim, "summary"));
}

#[test]
fn e_on_a_finding_edits_it_too() {
    let mut sim = summary(&[]);
    sim.keys("je");
    assert_eq!(
        sim.open().note.as_ref().map(|note| note.target.clone()),
        Some(NoteTarget::Finding(FindingField::Shortcomings))
    );
}

#[rstest]
#[case::first(4, "1.4")]
#[case::second(5, "2.2")]
fn enter_on_an_unanswered_item_jumps_to_it(#[case] row: usize, #[case] item: &str) {
    let mut sim = summary(&["1.4", "2.2"]);
    sim.keys(&"j".repeat(row));
    assert!(sim.keys("<Enter>").is_empty());
    assert!(is_screen(&sim, "scoring"));
    assert_eq!(sim.item(), item);
}

#[test]
fn f_on_the_summary_finalizes_like_on_scoring() {
    let mut sim = summary(&["1.4"]);
    sim.keys("f");
    assert!(error(&sim).is_some());
    let mut sim = summary(&[]);
    sim.keys("f");
    assert!(matches!(
        sim.state.overlay,
        Some(Overlay::Confirm(Confirm::Finalize { .. }))
    ));
    // The findings are empty: the first yes asks once more.
    assert!(sim.keys("y").is_empty());
    assert_eq!(sim.keys("y"), vec![Effect::Edit(Request::Finalize)]);
}

#[rstest]
fn back_from_the_summary_to_scoring(#[values("<Esc>", "q", "s")] back: &str) {
    let mut sim = summary(&["1.4"]);
    assert!(sim.keys(back).is_empty());
    assert!(is_screen(&sim, "scoring"));
    assert!(sim.state.open.is_some());
}

#[test]
fn ctrl_c_on_the_summary_saves_a_finding_then_quits() {
    let mut sim = summary(&[]);
    sim.keys("<Enter>tốt<C-c>");
    assert!(sim.state.quitting);
    assert_eq!(
        sim.open().state.visit.findings.get(FindingField::Strengths),
        "tốt"
    );
}

// ---------------------------------------------------------------------------------------
// The minutes' details (b on the summary)

/// The row of `field` in the minutes' details.
fn minutes_row(field: FindingField) -> usize {
    FindingField::MINUTES
        .iter()
        .position(|f| *f == field)
        .expect("a detail of the minutes")
}

/// On the minutes' details of `sim`'s visit (from scoring, the summary or the details
/// themselves), `field` being edited.
fn edit_minutes(sim: &mut Sim, field: FindingField) {
    if is_screen(sim, "scoring") {
        sim.keys("s");
    }
    if is_screen(sim, "summary") {
        sim.keys("b");
    }
    assert!(is_screen(sim, "minutes"));
    sim.keys(&"k".repeat(FindingField::MINUTES.len()));
    sim.keys(&"j".repeat(minutes_row(field)));
    assert!(sim.keys("<Enter>").is_empty());
    let edit = sim.open().minutes_edit.as_ref().expect("editing");
    assert_eq!(edit.field, field);
}

#[test]
fn b_on_the_summary_lists_every_detail_of_the_minutes_and_esc_goes_back() {
    let mut sim = scoring();
    sim.keys("sb");
    assert!(is_screen(&sim, "minutes"));
    assert_eq!(sim.open().minutes_row, 0);
    let rows = FindingField::MINUTES.len();
    sim.keys(&"j".repeat(rows + 3));
    assert_eq!(sim.open().minutes_row, rows - 1, "stops at the last detail");
    sim.keys("<Esc>");
    assert!(is_screen(&sim, "summary"));
}

#[rstest]
#[case::number(FindingField::Number, "12/BB-ĐKT", "12/BB-ĐKT")]
#[case::start(FindingField::Started, "8:30", "08:30")]
#[case::copies(FindingField::Copies, "03", "3")]
#[case::recognition(FindingField::Recognition, "lần đầu", "first")]
fn enter_saves_a_detail_of_the_minutes_as_the_cli_records_it(
    #[case] field: FindingField,
    #[case] typed: &str,
    #[case] recorded: &str,
) {
    let mut sim = scoring();
    edit_minutes(&mut sim, field);
    let effects = sim.keys(&format!("{typed}<Enter>"));
    assert_eq!(
        effects,
        vec![Effect::Edit(Request::Finding {
            field,
            text: typed.into()
        })]
    );
    assert_eq!(sim.open().state.visit.findings.get(field), recorded);
    assert!(sim.open().minutes_edit.is_none());
    assert!(
        info(&sim).is_some_and(|text| text.contains(recorded)),
        "{:?}",
        sim.state.message
    );
    assert!(is_screen(&sim, "minutes"));
}

#[rstest]
#[case::hour_25(FindingField::Started, "25:00")]
#[case::one_digit_minutes(FindingField::Started, "9:5")]
#[case::other_digits(FindingField::Ended, "\u{661}\u{662}:00")]
#[case::year(FindingField::Registered, "24")]
#[case::copies(FindingField::Copies, "hai")]
#[case::recognition(FindingField::Recognition, "lần ba")]
fn a_bad_detail_is_refused_with_why_and_changes_nothing(
    #[case] field: FindingField,
    #[case] typed: &str,
) {
    let mut sim = scoring();
    edit_minutes(&mut sim, field);
    let before = sim.open().state.clone();
    assert!(sim.keys(&format!("{typed}<Enter>")).is_empty());
    let why = error(&sim).expect("an error message");
    assert!(why.contains(typed), "{why}");
    assert_eq!(sim.open().state, before);
    let edit = sim.open().minutes_edit.as_ref().expect("still editing");
    assert_eq!(
        onsite::tui::editor::text(&edit.editor),
        typed,
        "what was typed stays"
    );
    // Esc leaves the detail as it was.
    assert!(sim.keys("<Esc>").is_empty());
    assert!(sim.open().minutes_edit.is_none());
    assert_eq!(sim.open().state, before);
}

#[test]
fn an_end_before_the_start_is_refused() {
    let mut sim = scoring();
    edit_minutes(&mut sim, FindingField::Started);
    sim.keys("09:00<Enter><Esc>");
    edit_minutes(&mut sim, FindingField::Ended);
    assert!(sim.keys("08:45<Enter>").is_empty());
    assert_eq!(
        error(&sim),
        Some(t(Lang::Vi).end_before_start("09:00", "08:45"))
    );
    assert_eq!(sim.open().state.visit.findings.ended, "");
}

#[test]
fn an_unchanged_detail_saves_nothing() {
    let mut sim = scoring();
    edit_minutes(&mut sim, FindingField::Started);
    sim.keys("8:30<Enter><Esc>");
    edit_minutes(&mut sim, FindingField::Started);
    assert!(
        sim.keys("<C-u>8:30<Enter>").is_empty(),
        "08:30 is already recorded"
    );
    assert!(sim.open().minutes_edit.is_none());
}

#[test]
fn the_recognition_is_edited_in_words_the_check_takes_back() {
    let mut sim = scoring();
    edit_minutes(&mut sim, FindingField::Recognition);
    sim.keys("lại<Enter><Esc>");
    assert_eq!(sim.open().state.visit.findings.recognition, "renewal");
    edit_minutes(&mut sim, FindingField::Recognition);
    let edit = sim.open().minutes_edit.as_ref().expect("editing");
    assert_eq!(onsite::tui::editor::text(&edit.editor), "công nhận lại");
    assert!(sim.keys("<Enter>").is_empty(), "unchanged");
}

#[test]
fn a_finalized_visit_keeps_its_findings_locked_but_its_minutes_editable() {
    let mut sim = finalized();
    let before = sim.open().state.clone();
    sim.keys("s<Enter>");
    // The findings stay locked: Enter shows the finding to read, no editor.
    assert!(matches!(sim.state.overlay, Some(Overlay::Reading(_))));
    assert!(sim.open().note.is_none());
    sim.keys("<Esc>");
    assert_eq!(sim.open().state, before);
    edit_minutes(&mut sim, FindingField::Number);
    sim.keys("12/BB-ĐKT<Enter><Esc>");
    edit_minutes(&mut sim, FindingField::Started);
    let effects = sim.keys("8:30<Enter>");
    assert_eq!(
        effects,
        vec![Effect::Edit(Request::Finding {
            field: FindingField::Started,
            text: "8:30".into()
        })]
    );
    assert_eq!(error(&sim), None);
    let findings = &sim.open().state.visit.findings;
    assert_eq!(findings.number, "12/BB-ĐKT");
    assert_eq!(findings.started, "08:30");
    assert_eq!(sim.open().state.visit.status, Status::Finalized);
    // Both are in the history, as any change.
    let recorded: Vec<_> = sim
        .history
        .iter()
        .filter(|change| matches!(change.edit, onsite::domain::history::Edit::Finding { .. }))
        .collect();
    assert_eq!(recorded.len(), 2);
}

#[test]
fn quitting_while_a_valid_detail_is_typed_saves_it() {
    let mut sim = scoring();
    edit_minutes(&mut sim, FindingField::Number);
    sim.keys("7/BB<C-c>");
    assert!(sim.state.quitting);
    assert_eq!(sim.open().state.visit.findings.number, "7/BB");
}

// Issue 16, points 1–4: one meaning per digit, nothing typed vanishes, the decimal comma.

/// The request of every save among `effects`, whichever way it was asked.
fn saved_requests(effects: &[Effect]) -> Vec<Request> {
    effects
        .iter()
        .filter_map(|effect| match effect {
            Effect::Edit(request) | Effect::Save { request, .. } => Some(request.clone()),
            _ => None,
        })
        .collect()
}

#[rstest]
#[case::down("j")]
#[case::up("k")]
#[case::next_unanswered("g")]
fn moving_away_saves_a_whole_pending_number(#[case] away: &str) {
    let mut sim = scoring();
    sim.go_to("1.2");
    // 1.2 is out of 3 in half points: "2" waits for a possible ".5".
    assert!(sim.keys("2").is_empty());
    let effects = sim.keys(away);
    assert_eq!(
        saved_requests(&effects),
        vec![Request::Answer {
            item: "1.2".into(),
            answer: Some(points("2")),
        }]
    );
    assert_eq!(sim.answer("1.2"), Some(points("2")));
    assert_eq!(sim.open().typed, "");
    assert_ne!(sim.item(), "1.2", "and the move happened");
}

#[rstest]
fn moving_away_from_an_unfinished_number_stays_and_says_why(
    #[values(Lang::Vi, Lang::En)] lang: Lang,
) {
    let rubric = rubric(CO_QUAN);
    let mut sim = Sim::scoring(lang, so_van_hoa(&rubric), rubric);
    sim.go_to("1.2");
    sim.keys("2.");
    assert!(saved_requests(&sim.keys("j")).is_empty());
    assert_eq!(sim.item(), "1.2", "the cursor waits");
    assert_eq!(sim.open().typed, "2.", "nothing typed is lost");
    assert_eq!(error(&sim), Some(t(lang).typed_unfinished("2.")));
    assert_eq!(sim.answer("1.2"), None);
    // Finishing the number goes on as usual.
    sim.keys("5");
    assert_eq!(sim.answer("1.2"), Some(points("2.5")));
}

#[test]
fn quitting_the_visit_saves_a_whole_pending_number() {
    let mut sim = scoring();
    sim.go_to("1.2");
    sim.keys("2");
    let effects = sim.keys("<Esc>");
    assert_eq!(
        saved_requests(&effects),
        vec![Request::Answer {
            item: "1.2".into(),
            answer: Some(points("2")),
        }]
    );
}

#[test]
fn undo_drops_the_digits_typed_instead_of_saving_them() {
    let mut sim = scoring();
    sim.keys("4");
    assert_eq!(sim.open().typed, "4");
    let effects = sim.keys("u");
    assert!(saved_requests(&effects).is_empty(), "{effects:?}");
    assert_eq!(sim.open().typed, "");
    assert_eq!(sim.answer("1.1"), None);
}

#[rstest]
#[case::slashes("12/03/2026")]
#[case::iso("2026-03-12")]
#[case::one_digit_day("12/3/2026")]
fn the_form_takes_a_date_either_way(#[case] date: &str) {
    let mut sim = Sim::new(Lang::Vi);
    sim.keys(&format!("nSở Nội vụ<Tab><Tab><Tab><C-u>{date}<C-s>"));
    let created = sim.state.message.clone();
    assert_eq!(form_error_or_none(&sim), None, "{created:?}");
}

fn form_error_or_none(sim: &Sim) -> Option<String> {
    match &sim.state.screen {
        Screen::NewVisit(form) => form.error.clone(),
        _ => None,
    }
}

#[rstest]
fn enter_on_an_empty_name_says_what_is_needed(#[values(Lang::Vi, Lang::En)] lang: Lang) {
    let mut sim = Sim::first_run(lang);
    assert!(sim.keys("<Enter>").is_empty());
    assert_eq!(
        error(&sim),
        Some(t(lang).ui(onsite::strings::Ui::AskNameMissing).to_owned())
    );
    assert!(is_screen(&sim, "ask-name"));
}

#[rstest]
#[case::without_marks("bien ten", "Biển tên")]
#[case::d_for_dj("duong day nong", "Đường dây nóng")]
#[case::capitals("HOM THU", "hòm thư")]
fn search_ignores_diacritics_and_case(#[case] query: &str, #[case] found: &str) {
    use onsite::domain::search::fold;
    let mut sim = scoring();
    sim.keys(&format!("/{query}<Enter>"));
    assert_eq!(sim.state.message, None, "found");
    let item = sim.open().item().expect("an item").clone();
    assert!(fold(&item.text).contains(&fold(found)), "{}", item.text);
}

#[test]
fn the_list_filter_ignores_diacritics_and_ranks_exact_matches_first() {
    let mut sim = Sim::listing(Lang::Vi, three_visits());
    sim.keys("/ha tinh");
    assert_eq!(sim.state.shown_visits().len(), 2);
    // One unit typed without marks, one with: "thạch" finds both, the exact one first.
    let mut visits = three_visits();
    visits[0].unit = "UBND huyen Thach Ha".into();
    visits[2].unit = "UBND huyện Thạch Hà".into();
    let mut sim = Sim::listing(Lang::Vi, visits);
    sim.keys("/thạch");
    let shown: Vec<String> = sim
        .state
        .shown_visits()
        .iter()
        .map(|v| v.unit.clone())
        .collect();
    assert_eq!(shown, vec!["UBND huyện Thạch Hà", "UBND huyen Thach Ha"]);
    let mut sim = Sim::listing(Lang::Vi, three_visits());
    sim.keys("/thach");
    assert!(sim.state.shown_visits().is_empty(), "no Thạch in the three");
}

#[test]
fn the_list_filter_finds_a_date_written_the_vietnamese_way() {
    let mut sim = Sim::listing(Lang::Vi, three_visits());
    let date = sim.state.visits[0].date;
    sim.keys(&format!("/{}", t(Lang::Vi).short_date(date)));
    assert_eq!(sim.state.shown_visits().len(), 1);
}

#[test]
fn the_list_is_newest_first_then_created_last_first() {
    let mut visits = three_visits();
    // Two on one day: the one created later (a greater ULID) comes first.
    visits[2].date = visits[0].date;
    let mut sim = Sim::new(Lang::Vi);
    sim.run(Action::ListLoaded(visits.clone()));
    let shown: Vec<(jiff::civil::Date, String)> = sim
        .state
        .shown_visits()
        .iter()
        .map(|v| (v.date, v.id.clone()))
        .collect();
    let mut expected: Vec<_> = visits.iter().map(|v| (v.date, v.id.clone())).collect();
    expected.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| b.1.cmp(&a.1)));
    assert_eq!(shown, expected);
}

#[rstest]
#[case::comma("4,5", "4.5")]
#[case::dot("4.5", "4.5")]
#[case::comma_half_from_zero("0,5", "0.5")]
fn the_decimal_comma_is_a_decimal_mark(#[case] keys: &str, #[case] want: &str) {
    let mut sim = scoring();
    sim.keys(keys);
    assert_eq!(sim.answer("1.1"), Some(points(want)));
    assert_eq!(sim.state.message, None);
}

#[test]
fn eight_comma_five_on_an_item_out_of_ten_is_eight_and_a_half_not_eighty_five() {
    let mut rubric = max_ten();
    rubric.sections[0].items[0].step = Some("0.5".parse().expect("a step"));
    let mut sim = Sim::scoring(Lang::Vi, so_van_hoa(&rubric), rubric);
    sim.keys("8,5<Enter>");
    assert_eq!(sim.answer("1.1"), Some(points("8.5")));
}

#[rstest]
fn backspace_clearing_an_answer_says_what_and_how_to_get_it_back(
    #[values(Lang::Vi, Lang::En)] lang: Lang,
) {
    let rubric = rubric(CO_QUAN);
    let mut sim = Sim::scoring(lang, so_van_hoa(&rubric), rubric);
    sim.keys("5");
    sim.go_to("1.1");
    sim.keys("<BS>");
    assert_eq!(sim.answer("1.1"), None);
    let said = info(&sim).expect("a message");
    assert!(said.contains("1.1") && said.contains(" u "), "{said}");
    sim.keys("u");
    assert_eq!(sim.answer("1.1"), Some(points("5")));
}

#[test]
fn the_answer_just_recorded_is_echoed_until_the_next_key() {
    let mut sim = scoring();
    sim.go_to("1.3");
    sim.keys("1");
    assert_eq!(sim.open().echo.as_deref(), Some("1.3"));
    sim.keys("j");
    assert_eq!(sim.open().echo, None);
}

#[test]
fn page_down_scrolls_the_criterions_text_and_a_move_starts_the_next_at_its_top() {
    let mut sim = scoring();
    sim.go_to("1.9");
    sim.keys("4");
    assert!(
        sim.keys("<PgDn><PgDn>").is_empty(),
        "no save: scrolling is not moving"
    );
    assert_eq!(sim.open().typed, "", "1.9 is a check item: 4 was refused");
    let cursor = sim.open().cursor;
    assert_eq!(sim.open().text_scroll, (cursor, 6));
    sim.keys("<PgUp>");
    assert_eq!(sim.open().text_scroll, (cursor, 3));
    sim.keys("j<PgDn>");
    assert_eq!(
        sim.open().text_scroll,
        (cursor + 1, 3),
        "the next one from its top"
    );
}

#[test]
fn page_down_keeps_a_number_being_typed() {
    let mut sim = scoring();
    sim.keys("4<PgDn>");
    assert_eq!(sim.open().typed, "4");
    assert_eq!(sim.answer("1.1"), None);
}

// ---------------------------------------------------------------------------------------
// Evidence: `p` opens the picker over the inbox folder; a typed path; the caption

/// When the inbox's files were written: minutes after 05/12/2026 08:00 in Vietnam.
fn written_at(minutes: u64) -> std::time::SystemTime {
    let start: jiff::Timestamp = "2026-12-05T01:00:00Z".parse().expect("a timestamp");
    let seconds = u64::try_from(start.as_second()).expect("after 1970");
    std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(seconds + minutes * 60)
}

/// A temporary inbox holding `files` (name, content, written so many minutes after 08:00),
/// beside a hidden file and a sub-folder, which are never offered.
fn inbox(files: &[(&str, &str, u64)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temp dir");
    for (name, content, minutes) in files {
        let path = dir.path().join(name);
        std::fs::write(&path, content).expect("written");
        let file = std::fs::File::options().write(true).open(&path);
        file.and_then(|file| file.set_modified(written_at(*minutes)))
            .expect("its time set");
    }
    std::fs::write(dir.path().join(".thumbs.db"), "hidden").expect("written");
    std::fs::create_dir(dir.path().join("cu")).expect("a sub-folder");
    std::fs::write(dir.path().join("cu").join("IMG_0001.jpg"), "old").expect("written");
    dir
}

/// Three photos of the notice board and the plan, written 08:00, 08:30 and 08:10.
fn three_files() -> tempfile::TempDir {
    inbox(&[
        ("bang-tin.jpg", "bảng tin", 0),
        ("bien-ten.jpg", "biển tên", 30),
        ("ke-hoach.pdf", "%PDF kế hoạch", 10),
    ])
}

/// Scoring, on 1.3, with `dir` as the inbox.
fn scoring_with_inbox(dir: &std::path::Path) -> Sim {
    let mut sim = scoring();
    sim.go_to("1.3");
    sim.inbox = Some(dir.to_owned());
    sim
}

fn picker(sim: &Sim) -> &onsite::tui::state::Picker {
    sim.open().picker.as_ref().expect("the picker is open")
}

fn listed_names(sim: &Sim) -> Vec<String> {
    picker(sim).files().iter().map(|f| f.name.clone()).collect()
}

fn path_text(sim: &Sim) -> String {
    match &picker(sim).step {
        onsite::tui::state::PickerStep::Path(editor) => onsite::tui::editor::text(editor),
        other => panic!("expected a path being typed, on {other:?}"),
    }
}

fn attach(paths: Vec<std::path::PathBuf>, caption: &str) -> Effect {
    Effect::Attach {
        visit: VISIT_ID.into(),
        item: "1.3".into(),
        paths,
        caption: caption.into(),
    }
}

#[test]
fn p_opens_the_picker_on_the_current_item_and_asks_for_the_inbox() {
    let mut sim = scoring();
    sim.go_to("1.3");
    assert_eq!(sim.keys("p"), vec![Effect::ListInbox]);
    assert_eq!(picker(&sim).item, "1.3");
    assert_eq!(keymap::context(&sim.state), Mode::Picker);
}

#[test]
fn the_inbox_lists_its_files_newest_first_without_hidden_files_or_folders() {
    let dir = three_files();
    let mut sim = scoring_with_inbox(dir.path());
    sim.keys("p");
    assert_eq!(
        listed_names(&sim),
        ["bien-ten.jpg", "ke-hoach.pdf", "bang-tin.jpg"]
    );
    let newest = &picker(&sim).files()[0];
    let when = newest.modified.as_ref().expect("a time");
    assert_eq!(
        (when.hour(), when.minute()),
        (8, 30),
        "shown in Vietnam's time"
    );
    assert_eq!(newest.bytes, "biển tên".len() as u64);
}

#[test]
fn space_chooses_several_and_enter_enter_attaches_them_in_the_order_chosen() {
    let dir = three_files();
    let mut sim = scoring_with_inbox(dir.path());
    sim.keys("p<Down><Space>");
    assert_eq!(picker(&sim).cursor, 2, "Space moves on to the next file");
    sim.keys("kk<Space>");
    assert_eq!(picker(&sim).chosen, [1, 0]);
    assert!(sim.keys("<Enter>").is_empty(), "a caption is asked first");
    assert_eq!(keymap::context(&sim.state), Mode::Caption);
    let effects = sim.keys("Biển tên ở cổng<Enter>");
    let path = |name: &str| dir.path().join(name);
    assert_eq!(
        effects,
        vec![attach(
            vec![path("ke-hoach.pdf"), path("bien-ten.jpg")],
            "Biển tên ở cổng"
        )]
    );
    assert!(sim.open().picker.is_none());
    assert!(
        dir.path().join("bien-ten.jpg").is_file(),
        "nothing leaves the inbox"
    );
}

#[test]
fn enter_with_nothing_chosen_attaches_the_highlighted_file_without_a_caption() {
    let dir = three_files();
    let mut sim = scoring_with_inbox(dir.path());
    let effects = sim.keys("pj<Enter><Enter>");
    assert_eq!(
        effects,
        vec![
            Effect::ListInbox,
            attach(vec![dir.path().join("ke-hoach.pdf")], "")
        ]
    );
}

#[test]
fn space_again_leaves_a_file_out() {
    let dir = three_files();
    let mut sim = scoring_with_inbox(dir.path());
    sim.keys("p<Space><Space>k<Space>");
    assert_eq!(picker(&sim).chosen, [0]);
    sim.keys("kk<Space>");
    assert!(picker(&sim).chosen.is_empty());
}

#[test]
fn esc_closes_the_picker_and_changes_nothing() {
    let dir = three_files();
    let mut sim = scoring_with_inbox(dir.path());
    let before = sim.open().state.clone();
    // Esc on the caption goes back to the files, the choice kept; Esc there closes.
    let effects = sim.keys("p<Space><Enter>Biển<Esc>");
    assert_eq!(effects, vec![Effect::ListInbox]);
    assert_eq!(keymap::context(&sim.state), Mode::Picker);
    assert_eq!(picker(&sim).chosen, [0]);
    assert!(sim.keys("<Esc>").is_empty());
    assert!(sim.open().picker.is_none());
    assert_eq!(sim.open().state, before);
    assert!(is_screen(&sim, "scoring"));
    assert_eq!(sim.item(), "1.3");
}

#[test]
fn tab_completes_the_common_start_and_a_second_tab_lists_the_names() {
    let dir = inbox(&[
        ("bien-ten-cong.jpg", "cổng", 0),
        ("bien-ten-phong.jpg", "phòng", 1),
        ("ke-hoach.pdf", "kế hoạch", 2),
    ]);
    let mut sim = scoring_with_inbox(dir.path());
    sim.keys("p");
    let folder = format!("{}{}", dir.path().display(), std::path::MAIN_SEPARATOR);
    assert_eq!(sim.keys("o"), Vec::new());
    assert_eq!(path_text(&sim), folder, "typing starts in the inbox folder");
    sim.keys("bi");
    let effects = sim.keys("<Tab>");
    assert_eq!(effects, vec![Effect::ListFolder(dir.path().to_owned())]);
    assert_eq!(path_text(&sim), format!("{folder}bien-ten-"));
    assert_eq!(sim.state.message, None);
    sim.keys("<Tab>");
    let listed = info(&sim).expect("the names listed");
    assert!(
        listed.contains("bien-ten-cong.jpg, bien-ten-phong.jpg"),
        "{listed}"
    );
    assert_eq!(path_text(&sim), format!("{folder}bien-ten-"), "unchanged");
    sim.keys("p<Tab>");
    assert_eq!(path_text(&sim), format!("{folder}bien-ten-phong.jpg"));
    // A folder completes with its separator, to go on inside it.
    sim.keys("<C-u>");
    sim.run(Action::Paste(format!("{folder}c")));
    sim.keys("<Tab>");
    let inside = format!("{folder}cu{}", std::path::MAIN_SEPARATOR);
    assert_eq!(path_text(&sim), inside);
    sim.keys("<Tab>");
    assert_eq!(path_text(&sim), format!("{inside}IMG_0001.jpg"));
    let effects = sim.keys("<Enter><Enter>");
    let chosen = dir.path().join("cu").join("IMG_0001.jpg");
    assert_eq!(effects, vec![attach(vec![chosen], "")]);
}

#[test]
fn tab_with_nothing_matching_says_so_and_hidden_names_need_a_dot() {
    let dir = three_files();
    let mut sim = scoring_with_inbox(dir.path());
    sim.keys("po");
    let folder = path_text(&sim);
    sim.keys("zz<Tab>");
    let said = error(&sim).expect("nothing starts with zz");
    assert!(said.contains("«zz»"), "{said}");
    sim.keys("<BS><BS>.<Tab>");
    assert_eq!(path_text(&sim), format!("{folder}.thumbs.db"));
}

#[test]
fn a_tilde_is_the_home_folder() {
    let home = three_files();
    let mut sim = scoring();
    sim.go_to("1.3");
    sim.state.home = Some(home.path().to_owned());
    // No inbox read: `~` starts a path at once.
    sim.keys("p~");
    assert_eq!(path_text(&sim), "~");
    sim.keys("<Tab>");
    let sep = std::path::MAIN_SEPARATOR;
    assert_eq!(path_text(&sim), format!("~{sep}"));
    sim.keys("ke<Tab>");
    assert_eq!(path_text(&sim), format!("~{sep}ke-hoach.pdf"));
    let effects = sim.keys("<Enter>Kế hoạch 2026<Enter>");
    assert_eq!(
        effects,
        vec![attach(
            vec![home.path().join("ke-hoach.pdf")],
            "Kế hoạch 2026"
        )]
    );
}

#[rstest]
fn an_inbox_with_nothing_to_offer_goes_straight_to_a_typed_path(
    #[values("chua-co", "")] sub: &str,
) {
    let dir = tempfile::tempdir().expect("a temp dir");
    let mut sim = scoring_with_inbox(&dir.path().join(sub));
    sim.state.home = Some(dir.path().to_owned());
    sim.keys("p");
    assert_eq!(keymap::context(&sim.state), Mode::PickerPath);
    let sep = std::path::MAIN_SEPARATOR;
    assert_eq!(path_text(&sim), format!("~{sep}"));
    sim.keys("<Esc>");
    assert!(sim.open().picker.is_none(), "nothing to go back to");
}

#[test]
fn esc_on_a_typed_path_goes_back_to_the_files_and_from_the_caption_to_the_path() {
    let dir = three_files();
    let mut sim = scoring_with_inbox(dir.path());
    sim.keys("p/tmp/x.jpg<Enter>");
    assert_eq!(keymap::context(&sim.state), Mode::Caption);
    sim.keys("<Esc>");
    assert_eq!(path_text(&sim), "/tmp/x.jpg");
    sim.keys("<Esc>");
    assert_eq!(keymap::context(&sim.state), Mode::Picker);
    assert_eq!(listed_names(&sim).len(), 3);
}

#[test]
fn enter_on_an_empty_path_says_what_to_type() {
    let mut sim = scoring();
    sim.keys("p/<BS><Enter>");
    assert_eq!(error(&sim).as_deref(), Some(t(Lang::Vi).path_missing()));
    assert_eq!(keymap::context(&sim.state), Mode::PickerPath);
}

#[test]
fn p_waits_while_changes_are_not_saved() {
    let mut sim = scoring();
    sim.run(Action::NotSaved {
        visit: VISIT_ID.into(),
        request: Request::Note {
            item: "1.1".into(),
            text: "Sổ theo dõi".into(),
        },
        error: Some("disk full".into()),
    });
    assert!(sim.keys("p").is_empty());
    assert!(sim.open().picker.is_none());
    assert_eq!(
        error(&sim).as_deref(),
        Some(t(Lang::Vi).attach_waits_for_save())
    );
}

#[test]
fn a_finalized_visit_still_takes_evidence() {
    let mut sim = finalized();
    assert_eq!(sim.keys("p"), vec![Effect::ListInbox]);
}

#[rstest]
#[case::two_new(2, &[], "Đã đính kèm 2 tệp vào tiêu chí 1.3")]
#[case::one_already(0, &["bien-ten.jpg"], "«bien-ten.jpg» đã được đính kèm vào tiêu chí 1.3; không đính kèm lại")]
#[case::both(1, &["bien-ten.jpg"], "Đã đính kèm 1 tệp vào tiêu chí 1.3; 1 tệp đã có từ trước nên không đính kèm lại: bien-ten.jpg")]
fn the_status_line_says_what_was_attached(
    #[case] added: usize,
    #[case] already: &[&str],
    #[case] said: &str,
) {
    let rubric = rubric(CO_QUAN);
    let mut sim = scoring();
    let mut visit = so_van_hoa(&rubric);
    for n in 0..added {
        visit = sim::with_evidence(visit, "1.3", (&format!("anh-{n}.jpg"), 1000, ""), 'a');
    }
    let ids = visit.visit.attachments.iter().map(|a| a.id().to_owned());
    let done = onsite::tui::action::AttachedFiles {
        visit: VISIT_ID.into(),
        item: "1.3".into(),
        added: ids.collect(),
        already: already.iter().map(|name| (*name).to_owned()).collect(),
        outcome: (added > 0).then_some(onsite::service::Edited {
            state: visit,
            rubric,
            change: None,
        }),
    };
    sim.run(Action::Attached(Box::new(done)));
    assert_eq!(info(&sim).as_deref(), Some(said));
    assert_eq!(sim.open().state.visit.evidence_of("1.3").count(), added);
}

#[test]
fn inbox_files_attached_already_are_known_by_name_and_size() {
    let rubric = rubric(CO_QUAN);
    let visit = sim::with_evidence(so_van_hoa(&rubric), "1.3", ("bien-ten.jpg", 11, ""), 'b');
    let visit = sim::with_evidence(visit, "2.1", ("bien-ten.jpg", 11, "lần 2"), 'b');
    let sim = Sim::scoring(Lang::Vi, visit, rubric);
    assert_eq!(sim.open().attached_as("bien-ten.jpg", 11), ["1.3", "2.1"]);
    assert!(sim.open().attached_as("bien-ten.jpg", 12).is_empty());
    assert!(sim.open().attached_as("bang-tin.jpg", 11).is_empty());
}

// ---------------------------------------------------------------------------------------
// The summary of a rubric (`s` on the list)

#[test]
fn s_on_the_list_asks_for_the_summary_of_the_selected_visits_rubric() {
    let mut sim = Sim::listing(Lang::Vi, three_visits());
    let selected = sim.state.shown_visits()[1].rubric_id.clone();
    sim.keys("j");
    assert_eq!(sim.keys("s"), vec![Effect::LoadStats { rubric: selected }]);
    assert!(
        is_screen(&sim, "list"),
        "the list stays until it is counted"
    );
}

#[test]
fn a_rubric_without_finalized_visits_says_so_on_the_list() {
    let mut sim = Sim::listing(Lang::Vi, three_visits());
    sim.keys("s");
    sim.run(Action::StatsLoaded(Box::new(None)));
    assert!(is_screen(&sim, "list"));
    let said = info(&sim).expect("a message");
    assert!(said.contains("không có lần kiểm tra đã hoàn tất"), "{said}");
}

#[test]
fn the_summary_scrolls_and_esc_goes_back_to_the_list() {
    let mut sim = Sim::listing(Lang::Vi, three_visits());
    sim.run(Action::StatsLoaded(Box::new(Some(sim::campaign_stats()))));
    assert!(is_screen(&sim, "stats"));
    let scroll = |sim: &Sim| match &sim.state.screen {
        Screen::Stats(view) => view.scroll,
        other => panic!("expected the summary, on {other:?}"),
    };
    sim.keys("jj");
    assert_eq!(scroll(&sim), 2);
    sim.keys("k<PgDn>");
    assert_eq!(scroll(&sim), 11);
    for _ in 0..20 {
        sim.keys("<PgDn>");
    }
    let most = u16::try_from(9 + 3 + 5 + 3).expect("small");
    assert_eq!(scroll(&sim), most, "no further than the last line");
    sim.keys("<Esc>");
    assert!(is_screen(&sim, "list"));
    assert!(
        sim.keys("q").contains(&Effect::Quit),
        "q on the list still quits"
    );
}

#[test]
fn f_right_after_typing_the_last_answer_asks_to_finalize() {
    // 1.1 is the one criterion left; `2` could still become 2.5, so it waits as typed.
    let mut sim = scoring_answered(&["1.1"]);
    sim.go_to("1.1");
    sim.keys("2");
    assert_eq!(sim.open().typed, "2", "the number waits for more");
    let effects = sim.keys("f");
    assert!(
        effects.iter().any(|effect| matches!(
            effect,
            Effect::Save {
                request: Request::Answer { item, answer: Some(_) },
                ..
            } if item == "1.1"
        )),
        "the typed answer is saved first: {effects:?}"
    );
    assert!(
        matches!(
            sim.state.overlay,
            Some(Overlay::Confirm(Confirm::Finalize { .. }))
        ),
        "finalize asks, as with nothing typed: {:?} {:?}",
        sim.state.overlay,
        sim.state.message
    );
}
