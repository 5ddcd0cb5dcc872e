//! Shared by the TUI tests: visits with fixed dates, a stand-in for the app's effect loop
//! (no store; folders it reads through the app's own `tui::inbox`), and key scripts such as
//! `"/đường<Enter>n"`.

use std::collections::{BTreeMap, VecDeque};
use std::path::PathBuf;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use onsite::catalog::Catalog;
use onsite::domain::action::NewAction;
use onsite::domain::answer::Answer;
use onsite::domain::evidence::{Attachment, NewAttachment};
use onsite::domain::history::{self, Change, ChangeKind, Edit, Request};
use onsite::domain::rubric::{ItemKind, Lang, Rubric};
use onsite::domain::visit::{
    Findings, Member, Response, Role, RubricRef, Stamp, Status, Unit, UnitKind, Visit, VisitState,
    VisitSummary,
};
use onsite::service::Edited;
use onsite::strings::texts;
use onsite::tui::action::{Action, Effect};
use onsite::tui::keymap;
use onsite::tui::state::{OpenVisit, Overlay, State};
use onsite::tui::update::update;

/// The shipped rubric of 41 items (points, check and levels items, critical ones, N/A), in
/// its superseded version 2025.1: the screens and the tests' answers are pinned to it.
pub const CO_QUAN: &str = "co-quan-dat-chuan-van-hoa@2025.1";
/// The shipped checklist of 25 check items.
pub const CONG_SO: &str = "van-hoa-cong-so";

pub const INSPECTOR: &str = "Nguyễn Thị Lan";
pub const VISIT_ID: &str = "01KB2Y7G5M8Q3W4E5R6T7Y8U9A";

/// A shipped rubric by id.
pub fn rubric(id: &str) -> Rubric {
    Catalog::load(None)
        .find(id)
        .expect("the rubric is shipped")
        .rubric
        .clone()
}

/// Every shipped rubric, in catalog order (what the app offers on the new-visit form).
pub fn rubrics() -> Vec<Rubric> {
    Catalog::load(None)
        .entries
        .into_iter()
        .map(|entry| entry.rubric)
        .collect()
}

pub fn stamp(text: &str) -> Stamp {
    text.parse().expect("a valid RFC 3339 stamp")
}

/// When every change in these tests happens.
pub fn now() -> Stamp {
    stamp("2026-11-28T09:30:00+07:00")
}

/// A fresh draft visit of `unit` against `rubric`, with nothing answered.
pub fn visit(id: &str, unit: &str, kind: UnitKind, date: &str, rubric: &Rubric) -> VisitState {
    let created = stamp("2026-11-28T09:00:00+07:00");
    VisitState {
        visit: Visit {
            id: id.to_owned(),
            unit: Unit {
                name: unit.to_owned(),
                kind,
                address: "26 Phan Đình Phùng, TP Hà Tĩnh".to_owned(),
            },
            date: date.parse().expect("a valid date"),
            team: vec![
                Member {
                    name: INSPECTOR.to_owned(),
                    role: Role::TruongDoan,
                    position: String::new(),
                    agency: String::new(),
                },
                Member {
                    name: "Trần Văn Bình".to_owned(),
                    role: Role::ThuKy,
                    position: String::new(),
                    agency: String::new(),
                },
            ],
            status: Status::Draft,
            created_at: created,
            updated_at: created,
            finalized_at: None,
            findings: Findings::default(),
            rubric: RubricRef {
                id: rubric.id.clone(),
                version: rubric.version.clone(),
                digest: "sha256:test".to_owned(),
            },
            deleted_at: None,
            follow_up_of: None,
            actions: Vec::new(),
            attachments: Vec::new(),
        },
        responses: BTreeMap::new(),
    }
}

/// The main visit of these tests: Sở Văn hóa, scored against the 41-item rubric.
pub fn so_van_hoa(rubric: &Rubric) -> VisitState {
    visit(
        VISIT_ID,
        "Sở Văn hóa, Thể thao và Du lịch Hà Tĩnh",
        UnitKind::CoQuan,
        "2026-11-28",
        rubric,
    )
}

fn response<'s>(state: &'s mut VisitState, item: &str) -> &'s mut Response {
    state
        .responses
        .entry(item.to_owned())
        .or_insert_with(|| Response {
            answer: None,
            note: String::new(),
            by: INSPECTOR.to_owned(),
            at: now(),
        })
}

/// `state` with these answers recorded.
pub fn answered(mut state: VisitState, answers: &[(&str, Answer)]) -> VisitState {
    for (item, answer) in answers {
        response(&mut state, item).answer = Some(answer.clone());
    }
    state
}

/// `state` with a note on `item`.
pub fn noted(mut state: VisitState, item: &str, note: &str) -> VisitState {
    note.clone_into(&mut response(&mut state, item).note);
    state
}

/// The best answer of every item: full points, pass, first level.
pub fn best(item: &onsite::domain::rubric::Item) -> Answer {
    match item.kind {
        ItemKind::Points => Answer::Points(item.max_points()),
        ItemKind::Check => Answer::Pass,
        ItemKind::Levels => Answer::Level(0),
    }
}

/// `state` with every item of `rubric` answered at its best, except `skip`.
pub fn all_answered(state: VisitState, rubric: &Rubric, skip: &[&str]) -> VisitState {
    let answers: Vec<(String, Answer)> = rubric
        .items()
        .filter(|item| !skip.contains(&item.id.as_str()))
        .map(|item| (item.id.clone(), best(item)))
        .collect();
    let pairs: Vec<(&str, Answer)> = answers
        .iter()
        .map(|(id, answer)| (id.as_str(), answer.clone()))
        .collect();
    answered(state, &pairs)
}

/// `state` with a file `name` of `bytes` bytes attached to `item` as evidence, its hash made
/// of the hex digit `digit`.
pub fn with_evidence(
    mut state: VisitState,
    item: &str,
    (name, bytes, caption): (&str, u64, &str),
    digit: char,
) -> VisitState {
    let n = state.visit.attachments.len() + 1;
    state.visit.attachments.push(Attachment {
        added: NewAttachment {
            id: format!("01KB2Y7G5M8Q3W4E5R6T7Y8E{n:02}"),
            item: item.to_owned(),
            sha256: digit.to_string().repeat(64),
            name: name.to_owned(),
            bytes,
            media_type: "image/jpeg".to_owned(),
            caption: caption.to_owned(),
            taken_at: None,
        },
        by: INSPECTOR.to_owned(),
        at: now(),
    });
    state
}

pub fn points(text: &str) -> Answer {
    Answer::Points(text.parse().expect("a decimal literal"))
}

/// Three visits for the list, newest first: one in progress, one finalized and passed, one
/// complete and failed on a critical item.
pub fn three_visits() -> Vec<VisitSummary> {
    let co_quan = rubric(CO_QUAN);
    let cong_so = rubric(CONG_SO);
    let so = answered(
        so_van_hoa(&co_quan),
        &[
            ("1.1", points("4.5")),
            ("1.2", points("3")),
            ("1.3", Answer::Level(0)),
        ],
    );
    let mut truong = all_answered(
        visit(
            "01KAZ4M2P7Q9R1S3T5V7W9X1Y3",
            "Trường THPT Phan Đình Phùng",
            UnitKind::DonVi,
            "2026-11-20",
            &cong_so,
        ),
        &cong_so,
        &[],
    );
    truong.visit.status = Status::Finalized;
    truong.visit.finalized_at = Some(stamp("2026-11-20T16:00:00+07:00"));
    let mut benh_vien = all_answered(
        visit(
            "01KAB8C2D4E6F8G0H2J4K6M8N0",
            "Bệnh viện Đa khoa tỉnh Hà Tĩnh",
            UnitKind::DonVi,
            "2026-10-15",
            &co_quan,
        ),
        &co_quan,
        &[],
    );
    benh_vien = answered(benh_vien, &[("3.4", Answer::Fail)]);
    vec![
        so.summary(&co_quan),
        truong.summary(&cong_so),
        benh_vien.summary(&co_quan),
    ]
}

pub fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

/// A typed character; capitals come with Shift, as terminals send them.
pub fn ch(c: char) -> KeyEvent {
    let shift = if c.is_uppercase() {
        KeyModifiers::SHIFT
    } else {
        KeyModifiers::NONE
    };
    KeyEvent::new(KeyCode::Char(c), shift)
}

pub fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

pub fn alt_enter() -> KeyEvent {
    KeyEvent::new(KeyCode::Enter, KeyModifiers::ALT)
}

pub fn back_tab() -> KeyEvent {
    KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT)
}

/// A named key of a script: `Enter`, `Esc`, `Tab`, `S-Tab`, `Up`, `Down`, `Left`, `Right`,
/// `BS`, `Del`, `F1`, `A-Enter`, `Space`, `C-x`.
pub fn named(name: &str) -> KeyEvent {
    match name {
        "Enter" => key(KeyCode::Enter),
        "Esc" => key(KeyCode::Esc),
        "Tab" => key(KeyCode::Tab),
        "S-Tab" => back_tab(),
        "Up" => key(KeyCode::Up),
        "Down" => key(KeyCode::Down),
        "Left" => key(KeyCode::Left),
        "Right" => key(KeyCode::Right),
        "BS" => key(KeyCode::Backspace),
        "Del" => key(KeyCode::Delete),
        "Home" => key(KeyCode::Home),
        "End" => key(KeyCode::End),
        "F1" => key(KeyCode::F(1)),
        "PgDn" => key(KeyCode::PageDown),
        "PgUp" => key(KeyCode::PageUp),
        "A-Enter" => alt_enter(),
        "Space" => ch(' '),
        _ => match name
            .strip_prefix("C-")
            .map(|rest| rest.chars().collect::<Vec<_>>())
        {
            Some(letter) if letter.len() == 1 => ctrl(letter[0]),
            _ => panic!("unknown key <{name}> in a test script"),
        },
    }
}

/// The key presses of a script: characters as typed, `<Name>` for a named key.
pub fn script(keys: &str) -> Vec<KeyEvent> {
    let mut events = Vec::new();
    let mut rest = keys;
    while let Some(c) = rest.chars().next() {
        if c == '<'
            && let Some(end) = rest.find('>')
            && end > 1
        {
            events.push(named(&rest[1..end]));
            rest = &rest[end + 1..];
        } else {
            events.push(ch(c));
            rest = &rest[c.len_utf8()..];
        }
    }
    events
}

/// The TUI's state with the app's effect loop played by hand: edits, undo and redo are
/// checked and applied like the store would, and come back as `Saved`.
pub struct Sim {
    pub state: State,
    /// The open visit's history, as the store would keep it.
    pub history: Vec<Change>,
    /// Corrective actions added so far (their ids are made from it).
    pub actions_added: usize,
    /// The inbox folder `p` lists (a temporary folder; `None`: the effect is not run).
    pub inbox: Option<PathBuf>,
}

/// The time zone the tests show file times in (Vietnam's, fixed).
pub fn vietnam() -> jiff::tz::TimeZone {
    jiff::tz::TimeZone::fixed(jiff::tz::offset(7))
}

impl Sim {
    /// On the visit list (the inspector's name is known), with the shipped rubrics.
    pub fn new(lang: Lang) -> Sim {
        Sim {
            state: State::new(lang, Some(INSPECTOR.to_owned()), rubrics()),
            history: Vec::new(),
            actions_added: 0,
            inbox: None,
        }
    }

    /// First run: no name yet.
    pub fn first_run(lang: Lang) -> Sim {
        Sim {
            state: State::new(lang, None, rubrics()),
            history: Vec::new(),
            actions_added: 0,
            inbox: None,
        }
    }

    /// On the list, showing `visits`.
    pub fn listing(lang: Lang, visits: Vec<VisitSummary>) -> Sim {
        let mut sim = Sim::new(lang);
        sim.run(Action::ListLoaded(visits));
        sim
    }

    /// Scoring `visit`, with the rubric's notice (if the visit is fresh) still showing.
    pub fn opening(lang: Lang, visit: VisitState, rubric: Rubric) -> Sim {
        let mut sim = Sim::new(lang);
        sim.history.push(Change {
            seq: 1,
            at: visit.visit.created_at,
            by: INSPECTOR.to_owned(),
            kind: ChangeKind::Do,
            edit: Edit::Created,
        });
        sim.run(Action::Opened(Box::new((visit, rubric))));
        sim
    }

    /// Scoring `visit`, past the notice.
    pub fn scoring(lang: Lang, visit: VisitState, rubric: Rubric) -> Sim {
        let mut sim = Sim::opening(lang, visit, rubric);
        if matches!(sim.state.overlay, Some(Overlay::Notice(_))) {
            sim.run(Action::Back);
        }
        sim
    }

    /// Runs `action` and everything it leads to; returns every effect asked for, in order.
    pub fn run(&mut self, action: Action) -> Vec<Effect> {
        let mut all = Vec::new();
        let mut queue = VecDeque::from([action]);
        while let Some(action) = queue.pop_front() {
            for effect in update(&mut self.state, action) {
                if let Some(result) = self.result_of(&effect) {
                    queue.push_back(result);
                }
                all.push(effect);
            }
        }
        all
    }

    /// Presses one key: resolved by the keymap, then run.
    pub fn press(&mut self, event: KeyEvent) -> Vec<Effect> {
        match keymap::resolve(&self.state, &event) {
            Some(action) => self.run(action),
            None => Vec::new(),
        }
    }

    /// Presses every key of a script (see [`script`]).
    pub fn keys(&mut self, keys: &str) -> Vec<Effect> {
        script(keys)
            .into_iter()
            .flat_map(|event| self.press(event))
            .collect()
    }

    pub fn open(&self) -> &OpenVisit {
        self.state.open.as_ref().expect("a visit is open")
    }

    pub fn open_mut(&mut self) -> &mut OpenVisit {
        self.state.open.as_mut().expect("a visit is open")
    }

    /// The id of the item under the cursor.
    pub fn item(&self) -> String {
        self.open().item().expect("an item is selected").id.clone()
    }

    /// Puts the cursor on `item`.
    pub fn go_to(&mut self, item: &str) {
        let index = self
            .open()
            .items()
            .position(|candidate| candidate.id == item)
            .expect("the item is in the rubric");
        self.open_mut().cursor = index;
    }

    pub fn answer(&self, item: &str) -> Option<Answer> {
        self.open().state.answer(item).cloned()
    }

    fn result_of(&mut self, effect: &Effect) -> Option<Action> {
        match effect {
            Effect::ListInbox => {
                let inbox = onsite::tui::inbox::read(self.inbox.as_ref()?, &vietnam());
                return Some(Action::InboxListed(Box::new(inbox)));
            }
            Effect::ListFolder(dir) => {
                return Some(Action::FolderListed {
                    dir: dir.clone(),
                    entries: onsite::tui::inbox::folder_entries(dir),
                });
            }
            _ => {}
        }
        let open = self.state.open.as_ref()?;
        let open_id = open.state.visit.id.clone();
        let previous_id = open.previous.as_ref().map(|p| p.state.visit.id.clone());
        match effect {
            Effect::AddAction {
                visit,
                item,
                text,
                owner,
                due,
            } => {
                self.actions_added += 1;
                let request = Request::ActionAdd(NewAction {
                    id: format!("01KB2Y7G5M8Q3W4E5R6T7Y8A{:02}", self.actions_added),
                    item: item.clone(),
                    text: text.clone(),
                    owner: owner.clone(),
                    due: *due,
                });
                let effect = Effect::Save {
                    visit: visit.clone(),
                    request,
                };
                return self.result_of(&effect);
            }
            Effect::Save { visit, request } if Some(visit) == previous_id.as_ref() => {
                let previous = open.previous.as_ref()?;
                return Some(self.settle_elsewhere(&previous.state, &previous.rubric, request));
            }
            Effect::Save { visit, request } if *visit == open_id => {
                return self.result_of(&Effect::Edit(request.clone()));
            }
            _ => {}
        }
        let t = texts(self.state.lang);
        let (edit, kind) = match effect {
            Effect::Edit(request) => {
                match history::prepare(&open.state, &open.rubric, request.clone()) {
                    Ok(Some(edit)) => (edit, ChangeKind::Do),
                    Ok(None) => {
                        return Some(Action::Saved(Box::new(Edited {
                            state: open.state.clone(),
                            rubric: open.rubric.clone(),
                            change: None,
                        })));
                    }
                    Err(error) => return Some(Action::Failed(t.edit_error(&error))),
                }
            }
            Effect::Undo => match history::undo(&open.state, &self.history) {
                Ok(done) => done,
                Err(error) => return Some(Action::Failed(t.edit_error(&error))),
            },
            Effect::Redo => match history::redo(&open.state, &self.history) {
                Ok(done) => done,
                Err(error) => return Some(Action::Failed(t.edit_error(&error))),
            },
            _ => return None,
        };
        let change = Change {
            seq: u64::try_from(self.history.len() + 1).expect("a small history"),
            at: now(),
            by: INSPECTOR.to_owned(),
            kind,
            edit,
        };
        let mut state = open.state.clone();
        history::apply(&mut state, &change);
        self.history.push(change.clone());
        Some(Action::Saved(Box::new(Edited {
            state,
            rubric: open.rubric.clone(),
            change: Some(change),
        })))
    }

    /// A change to a visit other than the open one (the visit a follow-up checks again).
    fn settle_elsewhere(&self, state: &VisitState, rubric: &Rubric, request: &Request) -> Action {
        let t = texts(self.state.lang);
        match history::prepare(state, rubric, request.clone()) {
            Ok(edit) => {
                let mut state = state.clone();
                let change = edit.map(|edit| Change {
                    seq: 1,
                    at: now(),
                    by: INSPECTOR.to_owned(),
                    kind: ChangeKind::Do,
                    edit,
                });
                if let Some(change) = &change {
                    history::apply(&mut state, change);
                }
                Action::Saved(Box::new(Edited {
                    state,
                    rubric: rubric.clone(),
                    change,
                }))
            }
            Err(error) => Action::Failed(t.edit_error(&error)),
        }
    }
}

/// The id of [`last_year`], the visit [`follow_up`] checks again.
pub const PREVIOUS_ID: &str = "01JDA0B1C2D3E4F5G6H7J8K9M0";

/// Last year's visit of the Sở Văn hóa: 1.1 = 3 with a note, 1.2 = 3, and an open corrective
/// action on 1.2.
pub fn last_year(rubric: &Rubric) -> VisitState {
    let mut state = visit(
        PREVIOUS_ID,
        "Sở Văn hóa, Thể thao và Du lịch Hà Tĩnh",
        UnitKind::CoQuan,
        "2025-11-20",
        rubric,
    );
    state = answered(state, &[("1.1", points("3")), ("1.2", points("3"))]);
    state = noted(state, "1.1", "Kế hoạch chưa có số liệu từng phòng");
    state
        .visit
        .actions
        .push(onsite::domain::action::Action::new(
            NewAction {
                id: "01JDA0B1C2D3E4F5G6H7J8K9A1".to_owned(),
                item: Some("1.2".to_owned()),
                text: "Niêm yết thủ tục hành chính tại bộ phận một cửa".to_owned(),
                owner: "Văn phòng Sở".to_owned(),
                due: Some("2025-12-31".parse().expect("a date")),
            },
            stamp("2025-11-20T15:00:00+07:00"),
            INSPECTOR,
        ));
    state
}

/// This year's visit checking [`last_year`] again: 1.1 better (4.5), 1.2 worse (1).
pub fn follow_up(rubric: &Rubric) -> VisitState {
    let mut state = so_van_hoa(rubric);
    state.visit.follow_up_of = Some(PREVIOUS_ID.to_owned());
    answered(state, &[("1.1", points("4.5")), ("1.2", points("1"))])
}

impl Sim {
    /// Scoring [`follow_up`], with [`last_year`] loaded beside it.
    pub fn following_up(lang: Lang) -> Sim {
        let rubric = rubric(CO_QUAN);
        let mut sim = Sim::scoring(lang, follow_up(&rubric), rubric.clone());
        sim.run(Action::PreviousLoaded(Box::new((
            last_year(&rubric),
            rubric,
        ))));
        sim
    }
}

/// The summary of three visits of the agency rubric: Sở Văn hóa at its best, Đội QLTT số 2
/// without a suggestion box or an initiative, and a school that failed the mandatory 2.16 (a parking fee).
pub fn campaign_stats() -> onsite::domain::stats::Stats {
    use onsite::domain::stats::{Counted, summarize};
    let rubric = rubric(CO_QUAN);
    let best = all_answered(so_van_hoa(&rubric), &rubric, &[]);
    let doi = visit(
        "01JDQLTT2000000000000000002",
        "Đội Quản lý thị trường số 2",
        UnitKind::DonVi,
        "2026-11-22",
        &rubric,
    );
    let doi = answered(
        all_answered(doi, &rubric, &[]),
        &[("1.9", Answer::Fail), ("1.11", points("0"))],
    );
    let school = visit(
        "01JTHPT00000000000000000003",
        "Trường THPT Phan Đình Phùng",
        UnitKind::DonVi,
        "2026-11-26",
        &rubric,
    );
    let school = answered(
        all_answered(school, &rubric, &[]),
        &[("2.16", Answer::Fail), ("1.11", points("1"))],
    );
    let visits = [best, doi, school];
    let answers: Vec<_> = visits.iter().map(VisitState::answers).collect();
    let counted: Vec<Counted<'_>> = visits
        .iter()
        .zip(&answers)
        .map(|(state, answers)| Counted {
            visit: &state.visit,
            answers,
            rubric: &rubric,
        })
        .collect();
    summarize(&counted).expect("three visits")
}
