//! Every screen of the TUI drawn on a fixed-size `TestBackend`, in Vietnamese and English, at
//! 60×15 (a small window), 80×24 and 120×40, then compared with the snapshots in
//! `tests/it/snapshots/`. Accept changes with `INSTA_UPDATE=always cargo test --test it
//! tui_snapshots::` and read the `.snap` diff before committing it.

use onsite::domain::answer::Answer;
use onsite::domain::history::Request;
use onsite::domain::rubric::Lang;
use onsite::domain::visit::{FindingField, Status, VisitState};
use onsite::store::StoreError;
use onsite::strings::texts;
use onsite::tui::action::Action;
use onsite::tui::editor;
use onsite::tui::inbox::{Inbox, InboxFile, Listing};
use onsite::tui::state::Screen;
use onsite::tui::view::{Theme, render};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use rstest::rstest;
use std::path::PathBuf;

use crate::support::sim;
use crate::support::sim::{
    CO_QUAN, Sim, all_answered, answered, noted, points, rubric, so_van_hoa, three_visits,
};

const NOTE: &str = "Hòm thư góp ý đặt tại bộ phận một cửa; đường dây nóng niêm yết ở cổng";

/// The screen as text, one quoted line per row.
fn draw(sim: &Sim, (width, height): (u16, u16)) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("a test terminal");
    terminal
        .draw(|frame| render(frame, &sim.state, Theme { color: false }))
        .expect("drawing on a test backend");
    terminal.backend().to_string()
}

// ---------------------------------------------------------------------------------------
// The screens, each reached by keys from a fixed state

fn ask_name(lang: Lang) -> Sim {
    let mut sim = Sim::first_run(lang);
    sim.keys("Nguyễn Thị La");
    sim
}

fn list_empty(lang: Lang) -> Sim {
    Sim::new(lang)
}

fn list(lang: Lang) -> Sim {
    let mut sim = Sim::listing(lang, three_visits());
    sim.keys("j");
    sim
}

fn list_filter(lang: Lang) -> Sim {
    let mut sim = Sim::listing(lang, three_visits());
    sim.keys("/hà tĩnh");
    sim
}

fn list_no_match(lang: Lang) -> Sim {
    let mut sim = Sim::listing(lang, three_visits());
    sim.keys("/zzz<Enter>");
    sim
}

fn list_recovered(lang: Lang) -> Sim {
    let mut sim = Sim::listing(lang, three_visits());
    sim.state.banner = Some(texts(lang).recovered(&sim.state.visits[0].unit));
    sim
}

/// Two planned visits above the list, under "Kế hoạch", the cursor moved up onto the nearer
/// (issue 19).
fn list_plan(lang: Lang) -> Sim {
    use onsite::domain::visit::{Member, Role, Stamp, Unit, UnitKind};
    let mut sim = Sim::listing(lang, three_visits());
    let entry = |id: &str, unit: &str, date: &str, leader: &str| onsite::domain::plan::PlanEntry {
        id: id.into(),
        unit: Unit {
            name: unit.into(),
            kind: UnitKind::DonVi,
            address: String::new(),
        },
        date: date.parse().expect("a date"),
        team: vec![Member {
            name: leader.into(),
            role: Role::TruongDoan,
            position: String::new(),
            agency: String::new(),
        }],
        rubric: CO_QUAN.into(),
        visit: None,
        imported_at: Stamp::now(),
        imported_by: "Lan".into(),
    };
    sim.run(onsite::tui::action::Action::PlansLoaded(vec![
        entry(
            "01KBX0J3Y8Q4B9R6W2S5T7V1ZA",
            "Phường Thạch Linh",
            "2026-12-01",
            "Lê Văn An",
        ),
        entry(
            "01KBX0J3Y8Q4B9R6W2S5T7V1ZB",
            "Trường THCS Lê Lợi",
            "2026-12-03",
            "Trần Bình",
        ),
    ]));
    sim.keys("k");
    sim
}

fn delete_confirm(lang: Lang) -> Sim {
    let mut sim = Sim::listing(lang, three_visits());
    sim.keys("d");
    sim
}

/// The new-visit form, partly filled, on the unit-kind choice. The date is set by hand: the
/// form starts on today.
fn form(lang: Lang) -> Sim {
    let mut sim = Sim::new(lang);
    sim.keys("nTrường THPT Phan Đình Phùng<Tab><Right>");
    if let Screen::NewVisit(form) = &mut sim.state.screen {
        form.texts[3] = editor::editor("2026-11-28");
    }
    sim
}

/// An enterprise chosen with a rubric for agencies and units: said under the form, not
/// refused (issue 14, `unit_kinds`).
fn form_kind_warning(lang: Lang) -> Sim {
    let mut sim = form(lang);
    sim.keys("<Right>");
    sim
}

fn form_error(lang: Lang) -> Sim {
    let mut sim = Sim::new(lang);
    sim.keys("nSở Nội vụ<Tab><Tab>26 Phan Đình Phùng<Tab><C-u>28/11/2026<C-s>");
    sim
}

fn notice(lang: Lang) -> Sim {
    let rubric = rubric(CO_QUAN);
    let mut sim = Sim::new(lang);
    sim.run(onsite::tui::action::Action::Created(Box::new((
        so_van_hoa(&rubric),
        rubric,
    ))));
    sim
}

/// Standard 1 scored (1.6 N/A, a note on 1.9), standard 2 up to 2.16, a critical item
/// failed.
fn scored(rubric: &onsite::domain::rubric::Rubric) -> VisitState {
    let mut visit = answered(
        so_van_hoa(rubric),
        &[
            ("1.1", points("4.5")),
            ("1.2", points("3")),
            ("1.3", Answer::Level(1)),
            ("1.4", points("2")),
            ("1.5", points("2")),
            ("1.6", Answer::NotApplicable),
            ("1.7", points("2.5")),
            ("1.8", points("3")),
            ("1.9", Answer::Pass),
            ("1.10", Answer::Pass),
            ("1.11", points("1.5")),
        ],
    );
    for item in &rubric.sections[1].items {
        let answer = if item.id == "2.16" {
            Answer::Fail
        } else {
            sim::best(item)
        };
        visit = answered(visit, &[(item.id.as_str(), answer)]);
        if item.id == "2.16" {
            break;
        }
    }
    noted(visit, "1.9", NOTE)
}

fn scoring_at(lang: Lang, item: &str) -> Sim {
    let rubric = rubric(CO_QUAN);
    let mut sim = Sim::scoring(lang, scored(&rubric), rubric);
    sim.go_to(item);
    sim
}

fn scoring(lang: Lang) -> Sim {
    scoring_at(lang, "1.9")
}

fn scoring_failed_critical(lang: Lang) -> Sim {
    scoring_at(lang, "2.16")
}

fn scoring_typing(lang: Lang) -> Sim {
    let mut sim = scoring_at(lang, "1.11");
    sim.keys("<BS>2");
    sim
}

fn scoring_error(lang: Lang) -> Sim {
    let mut sim = scoring_at(lang, "2.17");
    sim.keys("7");
    sim
}

fn note_editor(lang: Lang) -> Sim {
    let mut sim = scoring(lang);
    sim.keys("e<A-Enter>Sổ theo dõi: mở hòm thư hằng tháng");
    sim
}

fn search(lang: Lang) -> Sim {
    let mut sim = scoring_at(lang, "2.17");
    sim.keys("/đường dây");
    sim
}

fn help(lang: Lang) -> Sim {
    let mut sim = scoring(lang);
    sim.keys("?");
    sim
}

fn finalize_confirm(lang: Lang) -> Sim {
    let rubric = rubric(CO_QUAN);
    let visit = all_answered(so_van_hoa(&rubric), &rubric, &[]);
    let mut sim = Sim::scoring(lang, visit, rubric);
    sim.keys("f");
    sim
}

/// A finalized visit's note, opened to read.
fn reading(lang: Lang) -> Sim {
    let mut sim = read_only(lang);
    sim.keys("e");
    sim
}

/// The second question when findings are left empty.
fn finalize_anyway(lang: Lang) -> Sim {
    let mut sim = finalize_confirm(lang);
    sim.keys("y");
    sim
}

fn read_only(lang: Lang) -> Sim {
    let rubric = rubric(CO_QUAN);
    let mut visit = noted(all_answered(so_van_hoa(&rubric), &rubric, &[]), "1.9", NOTE);
    visit.visit.status = Status::Finalized;
    let mut sim = Sim::scoring(lang, visit, rubric);
    sim.go_to("1.9");
    sim.keys("4");
    sim
}

fn summary(lang: Lang) -> Sim {
    let mut sim = scoring(lang);
    sim.keys("s<Enter>Cán bộ niềm nở, hướng dẫn rõ ràng<Esc>jjjj");
    sim
}

fn summary_note(lang: Lang) -> Sim {
    let mut sim = scoring(lang);
    sim.keys("sj<Enter>Thu phí gửi xe của khách");
    sim
}

/// The store refused two changes (the disk is full): both shown, marked, and the warning.
fn scoring_unsaved(lang: Lang) -> Sim {
    let mut sim = scoring(lang);
    let error = texts(lang).store_error(&StoreError::Engine {
        dir: "/home/lan/.local/share/onsite".into(),
        detail: "IO error: No space left on device (os error 28)".into(),
    });
    let requests = [
        Request::Answer {
            item: "1.9".into(),
            answer: Some(Answer::Fail),
        },
        Request::Note {
            item: "1.9".into(),
            text: "Hòm thư bị khóa, không mở được".into(),
        },
    ];
    for request in requests {
        sim.run(Action::NotSaved {
            visit: sim::VISIT_ID.into(),
            request,
            error: Some(error.clone()),
        });
    }
    sim
}

fn quit_unsaved(lang: Lang) -> Sim {
    let mut sim = scoring_unsaved(lang);
    sim.run(Action::Quit);
    sim
}

/// The minutes' details with some filled in (by keys, as an inspector would), the start
/// time selected.
fn minutes(lang: Lang) -> Sim {
    let mut sim = scoring(lang);
    sim.keys("sb");
    let details = [
        (FindingField::GoverningBody, "LĐLĐ tỉnh Hà Tĩnh"),
        (FindingField::Body, "Ban chỉ đạo phong trào tỉnh"),
        (FindingField::Number, "12/BB-BCĐ"),
        (FindingField::Started, "8:30"),
        (
            FindingField::Representatives,
            "Lê Văn Cường — Giám đốc<A-Enter>Phạm Thị Dung — Chủ tịch CĐCS",
        ),
    ];
    for (field, text) in details {
        let row = FindingField::MINUTES.iter().position(|f| *f == field);
        sim.open_mut().minutes_row = row.expect("a detail of the minutes");
        sim.keys(&format!("<Enter>{text}<Enter>"));
    }
    let started = FindingField::MINUTES
        .iter()
        .position(|f| *f == FindingField::Started);
    sim.open_mut().minutes_row = started.expect("the start time");
    sim.state.message = None;
    sim
}

/// A finalized visit's details: a start time refused while it is typed.
fn minutes_refused(lang: Lang) -> Sim {
    let rubric = rubric(CO_QUAN);
    let mut visit = all_answered(so_van_hoa(&rubric), &rubric, &[]);
    visit.visit.status = Status::Finalized;
    let mut sim = Sim::scoring(lang, visit, rubric);
    sim.keys("sb");
    let started = FindingField::MINUTES
        .iter()
        .position(|f| *f == FindingField::Started);
    sim.open_mut().minutes_row = started.expect("the start time");
    sim.keys("<Enter>25:00<Enter>");
    sim
}

/// The corrective-action form over the scoring screen, the due date being typed.
fn action_form(lang: Lang) -> Sim {
    let mut sim = scoring_at(lang, "1.2");
    sim.keys("aNiêm yết thủ tục hành chính tại bộ phận một cửa<Tab>Văn phòng Sở<Tab>31/12/20");
    sim
}

/// A follow-up on 1.2: last year's answer and its open action beside this year's, which is
/// worse.
fn follow_up_scoring(lang: Lang) -> Sim {
    let mut sim = Sim::following_up(lang);
    sim.go_to("1.2");
    sim
}

/// A follow-up's summary: standards then → now, the total's change, this visit's action and
/// last year's.
fn follow_up_summary(lang: Lang) -> Sim {
    let mut sim = Sim::following_up(lang);
    sim.go_to("1.3");
    sim.keys("aLập kế hoạch bồi dưỡng<Tab>Phòng Tổ chức<Tab>2027-03-31<C-s>s");
    sim.state.message = None;
    sim
}

fn trash(lang: Lang) -> Sim {
    let mut visits = three_visits();
    visits[1].deleted = true;
    let mut sim = Sim::listing(lang, visits);
    sim.keys("t");
    sim
}

/// Just after a levels answer: the status line echoes it with its points.
fn scoring_echo(lang: Lang) -> Sim {
    let mut sim = scoring_at(lang, "1.3");
    sim.keys("1");
    sim.go_to("1.3");
    sim
}

/// A number left unfinished, then a move: the message is longer than a narrow line.
fn scoring_unfinished(lang: Lang) -> Sim {
    let mut sim = scoring_at(lang, "1.11");
    sim.keys("<BS>1.j");
    sim
}

/// `PgDn` on a criterion whose text does not fit: it scrolls, the answer stays.
fn scoring_scrolled(lang: Lang) -> Sim {
    let mut sim = scoring(lang);
    sim.keys("<PgDn>");
    sim
}

/// A photo of the sign at the gate, attached to 1.3 already.
const GATE: (&str, u64, &str) = ("bien-ten-cong.jpg", 524_288, "Biển tên tại cổng");

/// A file of the inbox, written at `time` (Vietnam's) on `day` of December 2026.
fn inbox_file(name: &str, bytes: u64, day: i8, time: (i8, i8)) -> InboxFile {
    let when = jiff::civil::date(2026, 12, day).at(time.0, time.1, 0, 0);
    InboxFile {
        name: name.to_owned(),
        path: PathBuf::from("/home/lan/Pictures/onsite").join(name),
        bytes,
        modified: Some(
            when.to_zoned_datetime(sim::vietnam())
                .expect("a time in Vietnam"),
        ),
    }
}

/// Scoring 1.3 (which has the photo of the gate), the picker open, the inbox not read yet.
fn picker_open(lang: Lang) -> Sim {
    let rubric = rubric(CO_QUAN);
    let visit = sim::with_evidence(scored(&rubric), "1.3", GATE, 'c');
    let mut sim = Sim::scoring(lang, visit, rubric);
    sim.state.home = Some(PathBuf::from("/home/lan"));
    sim.go_to("1.3");
    sim.keys("p");
    sim
}

/// The inbox (listed out of order, shown newest first), two files chosen, the gate's photo
/// marked as attached already.
fn picker(lang: Lang) -> Sim {
    let mut sim = picker_open(lang);
    let files = vec![
        inbox_file("ke-hoach-2026.pdf", 348_160, 4, (16, 20)),
        inbox_file("IMG_20261205_090233.jpg", 1_887_436, 5, (9, 2)),
        inbox_file(GATE.0, GATE.1, 5, (8, 47)),
        inbox_file("IMG_20261205_091412.jpg", 2_411_724, 5, (9, 14)),
        inbox_file(
            "Biên bản họp chi bộ tháng 11 - bản scan có chữ ký.pdf",
            4_299_161,
            1,
            (10, 5),
        ),
    ];
    sim.run(Action::InboxListed(Box::new(Inbox {
        dir: PathBuf::from("/home/lan/Pictures/onsite"),
        listing: Listing::Files(files),
    })));
    sim.keys("j<Space>kk<Space>");
    sim
}

/// The caption asked for the two files chosen.
fn picker_caption(lang: Lang) -> Sim {
    let mut sim = picker(lang);
    sim.keys("<Enter>Bảng tin và hòm thư góp ý");
    sim
}

/// No inbox folder: where onsite looked, how to choose another, and a path to type.
fn picker_missing(lang: Lang) -> Sim {
    let mut sim = picker_open(lang);
    sim.run(Action::InboxListed(Box::new(Inbox {
        dir: PathBuf::from("/home/lan/Pictures/onsite"),
        listing: Listing::Missing,
    })));
    sim.keys("Downloads/ke");
    sim
}

/// 1.9 with two files (one captioned, one not on this laptop) and 1.3 with one: the marks
/// in the list, the files in the item pane.
fn evidence(lang: Lang) -> Sim {
    let rubric = rubric(CO_QUAN);
    let mut visit = sim::with_evidence(scored(&rubric), "1.3", GATE, 'c');
    visit = sim::with_evidence(
        visit,
        "1.9",
        (
            "hom-thu-gop-y.jpg",
            2_411_724,
            "Hòm thư góp ý cạnh bộ phận một cửa",
        ),
        'd',
    );
    visit = sim::with_evidence(visit, "1.9", ("so-mo-hom-thu.pdf", 348_160, ""), 'e');
    let mut sim = Sim::scoring(lang, visit, rubric);
    sim.run(Action::FilesMissing {
        visit: sim::VISIT_ID.into(),
        files: ["e".repeat(64)].into_iter().collect(),
    });
    sim.go_to("1.9");
    sim
}

/// `s` on the list: the summary of the selected visit's rubric, as the app loads it.
fn stats(lang: Lang) -> Sim {
    let mut sim = Sim::listing(lang, three_visits());
    sim.run(Action::StatsLoaded(Box::new(Some(sim::campaign_stats()))));
    sim
}

fn help_on_list(lang: Lang) -> Sim {
    let mut sim = Sim::listing(lang, three_visits());
    sim.run(Action::Help);
    sim
}

// ---------------------------------------------------------------------------------------

#[rstest]
#[case::ask_name("ask-name", ask_name)]
#[case::list_empty("list-empty", list_empty)]
#[case::list("list", list)]
#[case::list_filter("list-filter", list_filter)]
#[case::list_no_match("list-no-match", list_no_match)]
#[case::list_recovered("list-recovered", list_recovered)]
#[case::delete_confirm("delete-confirm", delete_confirm)]
#[case::help_on_list("help-list", help_on_list)]
#[case::form("form", form)]
#[case::form_error("form-error", form_error)]
#[case::form_kind_warning("form-kind-warning", form_kind_warning)]
#[case::notice("notice", notice)]
#[case::scoring("scoring", scoring)]
#[case::scoring_failed_critical("scoring-failed-critical", scoring_failed_critical)]
#[case::scoring_typing("scoring-typing", scoring_typing)]
#[case::scoring_error("scoring-error", scoring_error)]
#[case::note_editor("note-editor", note_editor)]
#[case::search("search", search)]
#[case::help("help", help)]
#[case::finalize_confirm("finalize-confirm", finalize_confirm)]
#[case::read_only("read-only", read_only)]
#[case::summary("summary", summary)]
#[case::summary_note("summary-note", summary_note)]
#[case::minutes("minutes", minutes)]
#[case::minutes_refused("minutes-refused", minutes_refused)]
#[case::scoring_unsaved("scoring-unsaved", scoring_unsaved)]
#[case::quit_unsaved("quit-unsaved", quit_unsaved)]
#[case::action_form("action-form", action_form)]
#[case::follow_up_scoring("follow-up-scoring", follow_up_scoring)]
#[case::follow_up_summary("follow-up-summary", follow_up_summary)]
#[case::trash("trash", trash)]
#[case::list_plan("list-plan", list_plan)]
#[case::scoring_scrolled("scoring-scrolled", scoring_scrolled)]
#[case::reading("reading", reading)]
#[case::finalize_anyway("finalize-anyway", finalize_anyway)]
#[case::scoring_echo("scoring-echo", scoring_echo)]
#[case::scoring_unfinished("scoring-unfinished", scoring_unfinished)]
#[case::picker("picker", picker)]
#[case::picker_caption("picker-caption", picker_caption)]
#[case::picker_missing("picker-missing", picker_missing)]
#[case::evidence("evidence", evidence)]
#[case::stats("stats", stats)]
fn screen(
    #[case] name: &str,
    #[case] setup: fn(Lang) -> Sim,
    #[values(Lang::Vi, Lang::En)] lang: Lang,
    #[values((60, 15), (80, 24), (120, 40))] size: (u16, u16),
) {
    let sim = setup(lang);
    let lang_name = match lang {
        Lang::Vi => "vi",
        Lang::En => "en",
    };
    let snapshot = format!("{name}-{lang_name}-{}x{}", size.0, size.1);
    insta::assert_snapshot!(snapshot, draw(&sim, size));
}

/// On a small terminal the scoring screen keeps what the inspector acts on: the keys, the
/// answer and the note (the criterion's text gives way), and the footer keeps `s` and
/// `Esc/q`.
#[rstest]
fn a_small_terminal_keeps_the_keys_the_answer_the_note_and_the_way_out(
    #[values(Lang::Vi, Lang::En)] lang: Lang,
    #[values("1.3", "1.9", "1.11", "2.17")] item: &str,
) {
    use onsite::strings::Ui;
    let sim = scoring_at(lang, item);
    let screen = draw(&sim, (60, 15));
    let t = texts(lang);
    for ui in [Ui::Keys, Ui::Answer, Ui::Note] {
        let word = format!("{}:", t.ui(ui));
        assert!(screen.contains(&word), "{word} missing at 60×15:\n{screen}");
    }
    let footer = screen.lines().last().expect("a footer");
    assert!(
        footer.contains(" s ") && footer.contains("Esc/q"),
        "{footer}"
    );
}

/// A status message longer than the line wraps; beyond three lines it ends in "…".
#[rstest]
fn a_long_message_wraps_and_is_never_cut_mid_line(#[values(Lang::Vi, Lang::En)] lang: Lang) {
    let sim = scoring_unfinished(lang);
    let screen = draw(&sim, (60, 15));
    let message = texts(lang).typed_unfinished("1.");
    let tail: String = message.split_whitespace().last().expect("words").into();
    assert!(screen.contains(&tail) || screen.contains('…'), "{screen}");
    assert!(screen.contains("✗"), "{screen}");
}
