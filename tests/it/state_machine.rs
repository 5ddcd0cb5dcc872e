//! The scoring screen against a model. Random sequences of what an inspector does (answers
//! typed as keys, valid or not, N/A, clears, notes and findings in Vietnamese, undo and redo,
//! moving around, search, finalize, reopen, leaving the visit and coming back, quitting
//! mid-note) run through the real TUI: keys resolved by `keymap::resolve` and dispatched to
//! the real `App` (no terminal), whose effects write to a real store in a temp dir. After
//! every step the TUI's visit, the store, the store's history replayed from the visit's
//! creation, the list summary and a plain model (item → answer, item → note, findings,
//! status, cursor) must agree. At the end, undoing everything gives the state right after the
//! last finalize or reopen (undo never crosses those), or the start; redoing everything gives
//! it back. Every step is also drawn (on a terminal of random size, down to 10×3), so no
//! screen may panic.
//!
//! `PROPTEST_CASES` sets the number of cases (default 64, up to 60 steps each).

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crossterm::event::{KeyCode, KeyEvent};
use onsite::config::Config;
use onsite::domain::answer::Answer;
use onsite::domain::history::{self, Change, ChangeKind, Edit, EditError, Request};
use onsite::domain::rubric::{ItemKind, Lang, Rubric};
use onsite::domain::visit::{FindingField, Status, Unit, UnitKind, VisitState, VisitSummary};
use onsite::service::{self, Actor, NewVisit, VisitError};
use onsite::store::Store;
use onsite::strings::texts;
use onsite::tui::action::Action;
use onsite::tui::app::App;
use onsite::tui::keymap;
use onsite::tui::state::{Confirm, Message, Overlay, Screen, State};
use onsite::tui::view::{self, Theme};
use proptest::prelude::*;
use proptest::test_runner::{Config as ProptestConfig, FileFailurePersistence, TestRunner};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use rust_decimal::Decimal;
use unicode_normalization::UnicodeNormalization;

use crate::support::sim;
use crate::support::sim::{CO_QUAN, INSPECTOR, alt_enter, ch, ctrl, key};
use crate::support::store_lock;

const LANG: Lang = Lang::Vi;
const UNIT: &str = "Trung tâm Văn hóa tỉnh Hà Tĩnh";

/// Seven items with every kind of answer: half points, a 0–10 score that needs Enter after
/// `1`, pass/fail, levels, N/A where allowed, critical items; three sections.
const SMALL_RUBRIC: &str = r#"format: onsite-rubric/1
id: kiem-thu-nho
version: "1"
title: "Bộ tiêu chí kiểm thử"
pass:
  min_score: 15
bands:
  - { min_score: 20, label: "Tốt" }
  - { min_score: 0, label: "Chưa đạt" }
sections:
  - id: "1"
    title: "Hoàn thành nhiệm vụ"
    items:
      - id: "1.1"
        text: "Hoàn thành kế hoạch công tác năm"
        max: 5
        step: 0.5
      - id: "1.2"
        text: "Điểm đánh giá của đoàn"
        max: 10
      - id: "1.3"
        text: "Có hòm thư góp ý"
        kind: check
        max: 2
        na: true
  - id: "2"
    title: "Nếp sống văn minh"
    items:
      - id: "2.1"
        text: "Tỷ lệ cán bộ được bồi dưỡng"
        kind: levels
        na: true
        levels:
          - { label: "Từ 80% trở lên", points: 3 }
          - { label: "Từ 60% đến dưới 80%", points: 1.5 }
          - { label: "Dưới 60%", points: 0 }
      - id: "2.2"
        text: "Không có cán bộ vi phạm pháp luật"
        kind: check
        max: 3
        critical: true
      - id: "2.3"
        text: "Đeo thẻ công chức"
        max: 2
        critical: true
        na: true
  - id: "3"
    title: "Công sở"
    items:
      - id: "3.1"
        text: "Phòng làm việc gọn gàng"
        max: 3
        step: 0.5
        na: true
"#;

/// Notes and findings as inspectors write them.
const PHRASES: [&str; 10] = [
    "Hòm thư góp ý đặt tại bộ phận một cửa",
    "Thiếu biển tên phòng",
    "Cán bộ đeo thẻ đầy đủ",
    "Phòng họp gọn gàng, sạch sẽ",
    "Chưa niêm yết thủ tục hành chính",
    "ổn",
    "ĐẠT YÊU CẦU",
    " ",
    "Nguyễn Văn Ất; Trần Thị Ửng",
    "1.2: 7đ",
];

/// What an inspector searches for: ids, words of item texts (any case), nothing found.
const QUERIES: [&str; 7] = ["1.", "2.3", "phòng", "THẺ", "Đeo", "công", "không có gì"];

/// Reasons to reopen; a blank one is refused.
const REASONS: [&str; 6] = [
    "Bổ sung minh chứng của đơn vị",
    "Sửa điểm mục 1.2 theo ý kiến đoàn",
    "Đơn vị gửi thêm hồ sơ",
    "Thư ký nhập nhầm",
    "",
    "   ",
];

// ------------------------------------------------------------------------------ operations

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ScoreKey {
    Digit(char),
    Dot,
    Enter,
    Backspace,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum NoteKey {
    /// Typed letter by letter.
    Type(String),
    /// Pasted at once, decomposed (NFD) as text from Word or the web often is.
    Paste(String),
    Backspace(u8),
    Newline,
    /// The note-save debounce runs out.
    Tick,
}

/// How the note editor is left.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NoteEnd {
    Esc,
    Enter,
    /// Ctrl-c: the app saves and quits; it is started again on the same data folder.
    Quit,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Op {
    Down(u8),
    Up(u8),
    NextSection,
    PrevSection,
    NextUnanswered,
    /// A valid answer of the current item, typed as its keys (chosen by index).
    Answer(usize),
    /// Raw answer keys, valid or not.
    Keys(Vec<ScoreKey>),
    NotApplicable,
    Clear,
    Note {
        keys: Vec<NoteKey>,
        end: NoteEnd,
    },
    Finding {
        row: usize,
        keys: Vec<NoteKey>,
        end: NoteEnd,
    },
    Undo,
    Redo,
    Finalize {
        from_summary: bool,
        confirm: bool,
    },
    /// `g` and a valid answer until nothing is unanswered.
    FillAll(usize),
    /// Back to the list, quit, `onsite reopen` with this reason, start again and open.
    Reopen(String),
    /// Back to the list and open the visit again.
    LeaveAndOpen,
    /// `?`, then any key.
    Help,
    /// `/`, a query, Enter (or Esc to cancel), then `n` (true) or `N` (false) presses.
    Search {
        query: String,
        cancel: bool,
        then: Vec<bool>,
    },
}

fn score_key() -> impl Strategy<Value = ScoreKey> {
    prop_oneof![
        6 => prop::char::range('0', '9').prop_map(ScoreKey::Digit),
        2 => Just(ScoreKey::Dot),
        2 => Just(ScoreKey::Enter),
        1 => Just(ScoreKey::Backspace),
    ]
}

fn note_key() -> impl Strategy<Value = NoteKey> + Clone {
    let phrase = prop::sample::select(PHRASES.to_vec());
    prop_oneof![
        4 => phrase.clone().prop_map(|p| NoteKey::Type(p.to_owned())),
        2 => phrase.prop_map(|p| NoteKey::Paste(p.nfd().collect())),
        2 => (1u8..12).prop_map(NoteKey::Backspace),
        1 => Just(NoteKey::Newline),
        2 => Just(NoteKey::Tick),
    ]
}

fn note_end() -> impl Strategy<Value = NoteEnd> + Clone {
    prop_oneof![
        4 => Just(NoteEnd::Esc),
        2 => Just(NoteEnd::Enter),
        1 => Just(NoteEnd::Quit),
    ]
}

fn op() -> impl Strategy<Value = Op> {
    let keys = prop::collection::vec(note_key(), 1..5);
    prop_oneof![
        3 => (1u8..4).prop_map(Op::Down),
        2 => (1u8..4).prop_map(Op::Up),
        1 => Just(Op::NextSection),
        1 => Just(Op::PrevSection),
        1 => Just(Op::NextUnanswered),
        6 => any::<usize>().prop_map(Op::Answer),
        2 => prop::collection::vec(score_key(), 1..4).prop_map(Op::Keys),
        1 => Just(Op::NotApplicable),
        2 => Just(Op::Clear),
        3 => (keys.clone(), note_end()).prop_map(|(keys, end)| Op::Note { keys, end }),
        1 => (0usize..4, keys, note_end()).prop_map(|(row, keys, end)| Op::Finding {
            row,
            keys,
            end
        }),
        4 => Just(Op::Undo),
        2 => Just(Op::Redo),
        3 => (any::<bool>(), prop::bool::weighted(0.8)).prop_map(|(from_summary, confirm)| {
            Op::Finalize {
                from_summary,
                confirm,
            }
        }),
        2 => any::<usize>().prop_map(Op::FillAll),
        3 => prop::sample::select(REASONS.to_vec()).prop_map(|r| Op::Reopen(r.to_owned())),
        1 => Just(Op::LeaveAndOpen),
        1 => Just(Op::Help),
        2 => (
            prop::sample::select(QUERIES.to_vec()),
            prop::bool::weighted(0.2),
            prop::collection::vec(any::<bool>(), 0..3)
        )
            .prop_map(|(query, cancel, then)| Op::Search {
                query: query.to_owned(),
                cancel,
                then
            }),
    ]
}

// ----------------------------------------------------------------------------------- model

/// What the inspector has entered, as the model sees it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct Data {
    answers: BTreeMap<String, Answer>,
    notes: BTreeMap<String, String>,
    /// The four findings of the summary screen, in `FindingField::FINDINGS` order.
    findings: [String; 4],
    finalized: bool,
}

impl Data {
    fn of(state: &VisitState) -> Data {
        Data {
            answers: state
                .responses
                .iter()
                .filter_map(|(item, r)| Some((item.clone(), r.answer.clone()?)))
                .collect(),
            notes: state
                .responses
                .iter()
                .filter(|(_, r)| !r.note.is_empty())
                .map(|(item, r)| (item.clone(), r.note.clone()))
                .collect(),
            findings: FindingField::FINDINGS.map(|f| state.visit.findings.get(f).to_owned()),
            finalized: state.visit.status == Status::Finalized,
        }
    }
}

/// What the answer keys typed so far mean (docs/user-guide.md, "Keys").
enum Typed {
    Commit(Answer),
    Pending,
    Invalid,
}

/// The model: plain rules from the docs (docs/user-guide.md "Keys", docs/design.md "History"),
/// written without the TUI's code. Where the docs say nothing, the rule is stated where it is
/// modelled (re-typing an item's answer records nothing but moves on, like any answer).
/// The model's own statement of the levels' keys (docs/user-guide.md, "one digit, one
/// meaning"): the points when every level's points are distinct whole numbers 0–9; otherwise
/// ranks 1, 2, … from the fewest points up (of equal points, the one listed later ranks lower).
fn level_digits(item: &onsite::domain::rubric::Item) -> Vec<(String, usize)> {
    let points: Vec<rust_decimal::Decimal> = item.levels.iter().map(|l| l.points).collect();
    let mut seen = std::collections::BTreeSet::new();
    let digits = points
        .iter()
        .all(|p| p.fract().is_zero() && *p >= 0.into() && *p <= 9.into() && seen.insert(*p));
    if digits {
        return points
            .iter()
            .enumerate()
            .map(|(level, p)| (p.normalize().to_string(), level))
            .collect();
    }
    (0..points.len())
        .map(|level| {
            let below = (0..points.len())
                .filter(|other| {
                    points[*other] < points[level]
                        || (points[*other] == points[level] && *other > level)
                })
                .count();
            ((below + 1).to_string(), level)
        })
        .collect()
}

struct Model {
    rubric: Rubric,
    ids: Vec<String>,
    section_starts: Vec<usize>,
    data: Data,
    /// Undoable edits as (before, after); a finalize or reopen empties both stacks.
    undo: Vec<(Data, Data)>,
    redo: Vec<(Data, Data)>,
    /// The state undo leads back to: the start, or right after the last finalize/reopen.
    baseline: Data,
    cursor: usize,
    typed: String,
    /// The last search (kept for `n` and `N`).
    query: String,
}

impl Model {
    fn new(rubric: &Rubric) -> Model {
        let mut section_starts = Vec::new();
        let mut start = 0;
        for section in &rubric.sections {
            section_starts.push(start);
            start += section.items.len();
        }
        let mut model = Model {
            rubric: rubric.clone(),
            ids: rubric.items().map(|item| item.id.clone()).collect(),
            section_starts,
            data: Data::default(),
            undo: Vec::new(),
            redo: Vec::new(),
            baseline: Data::default(),
            cursor: 0,
            typed: String::new(),
            query: String::new(),
        };
        model.opened();
        model
    }

    fn item(&self) -> &onsite::domain::rubric::Item {
        self.rubric
            .item(&self.ids[self.cursor])
            .expect("the cursor is on an item")
    }

    fn id(&self) -> String {
        self.ids[self.cursor].clone()
    }

    fn unanswered(&self) -> Vec<usize> {
        (0..self.ids.len())
            .filter(|i| !self.data.answers.contains_key(&self.ids[*i]))
            .collect()
    }

    /// A visit opens on its first unanswered item (the first item if none is left).
    fn opened(&mut self) {
        self.cursor = self.unanswered().first().copied().unwrap_or(0);
        self.typed.clear();
        self.query.clear();
    }

    /// Records an undoable edit, if it changes anything.
    fn record(&mut self, new: Data) -> bool {
        if new == self.data {
            return false;
        }
        let old = std::mem::replace(&mut self.data, new.clone());
        self.undo.push((old, new));
        self.redo.clear();
        true
    }

    /// A finalize or reopen: undo starts over from here.
    fn barrier(&mut self, finalized: bool) {
        self.data.finalized = finalized;
        self.undo.clear();
        self.redo.clear();
        self.baseline = self.data.clone();
    }

    fn undo(&mut self) -> bool {
        if self.data.finalized {
            return false;
        }
        let Some((before, after)) = self.undo.pop() else {
            return false;
        };
        assert_eq!(self.data, after, "model: undo of a change not on top");
        self.data = before.clone();
        self.redo.push((before, after));
        true
    }

    fn redo(&mut self) -> bool {
        if self.data.finalized {
            return false;
        }
        let Some((before, after)) = self.redo.pop() else {
            return false;
        };
        self.data = after.clone();
        self.undo.push((before, after));
        true
    }

    /// An answer committed on the current item; the cursor moves on (re-typing the answer
    /// already there records nothing, and moves on too).
    fn commit(&mut self, answer: Answer) {
        let mut new = self.data.clone();
        new.answers.insert(self.id(), answer);
        self.record(new);
        if self.cursor + 1 < self.ids.len() {
            self.cursor += 1;
        }
    }

    /// Every score a points item takes, as typed: `0`, `0.5`, …, `10`.
    fn scores(&self) -> Vec<String> {
        let item = self.item();
        let step = item.step();
        let mut all = Vec::new();
        let mut score = Decimal::ZERO;
        while score <= item.max_points() {
            all.push(score.normalize().to_string());
            score += step;
        }
        all
    }

    fn interpret(&self, typed: &str) -> Typed {
        let item = self.item();
        match item.kind {
            ItemKind::Points => {
                let scores = self.scores();
                let longer = scores
                    .iter()
                    .any(|s| s.len() > typed.len() && s.starts_with(typed));
                if longer {
                    Typed::Pending
                } else if scores.iter().any(|s| s == typed) {
                    Typed::Commit(Answer::Points(typed.parse().expect("a score")))
                } else {
                    Typed::Invalid
                }
            }
            ItemKind::Check => match typed {
                "1" => Typed::Commit(Answer::Pass),
                "0" => Typed::Commit(Answer::Fail),
                _ => Typed::Invalid,
            },
            ItemKind::Levels => {
                assert!(
                    item.levels.len() < 10,
                    "the model types one digit per level"
                );
                match level_digits(item).into_iter().find(|(key, _)| key == typed) {
                    Some((_, level)) => Typed::Commit(Answer::Level(level)),
                    None => Typed::Invalid,
                }
            }
        }
    }

    /// The keys of a valid answer of the current item: its score, `1`/`0`, a level's number
    /// or `x`; a score that starts a longer one needs Enter.
    fn answer_keys(&self, choice: usize) -> Vec<ScoreKey> {
        let item = self.item();
        let mut options: Vec<String> = match item.kind {
            ItemKind::Points => self.scores(),
            ItemKind::Check => vec!["1".into(), "0".into()],
            ItemKind::Levels => level_digits(item).into_iter().map(|(key, _)| key).collect(),
        };
        if item.na {
            options.push("x".into());
        }
        let chosen = &options[choice % options.len()];
        if chosen == "x" {
            return Vec::new();
        }
        let mut keys: Vec<ScoreKey> = chosen
            .chars()
            .map(|c| {
                if c == '.' {
                    ScoreKey::Dot
                } else {
                    ScoreKey::Digit(c)
                }
            })
            .collect();
        if matches!(self.interpret(chosen), Typed::Pending) {
            keys.push(ScoreKey::Enter);
        }
        keys
    }

    /// `u`, `Ctrl-r` and `x` drop what was typed: they replace or take back answers.
    fn other_key(&mut self) {
        self.typed.clear();
    }

    /// What `typed` answers once the inspector is done typing (Enter, or moving away): a
    /// committed answer, or a number that is a score itself (`1` of 0–10).
    fn complete(&self, typed: &str) -> Option<Answer> {
        match self.interpret(typed) {
            Typed::Commit(answer) => Some(answer),
            Typed::Pending if self.item().kind == ItemKind::Points => self
                .scores()
                .iter()
                .any(|score| score == typed)
                .then(|| Answer::Points(typed.parse().expect("a score"))),
            _ => None,
        }
    }

    /// Any other key on the scoring screen (moving, `e`, `s`, `/`, `f`, `q`): a whole number
    /// still typed is recorded first, the cursor staying where it is. The harness never
    /// leaves an unfinished one (`4.`) before such a key (see `Case::run`).
    fn flush(&mut self) {
        let typed = std::mem::take(&mut self.typed);
        if typed.is_empty() {
            return;
        }
        let answer = self
            .complete(&typed)
            .expect("only a whole number is left typed");
        let mut new = self.data.clone();
        new.answers.insert(self.id(), answer);
        self.record(new);
    }

    fn score_key(&mut self, key: ScoreKey) {
        if self.data.finalized {
            return;
        }
        match key {
            ScoreKey::Digit(_) | ScoreKey::Dot => {
                let c = match key {
                    ScoreKey::Digit(c) => c,
                    _ => '.',
                };
                let attempt = format!("{}{c}", self.typed);
                match self.interpret(&attempt) {
                    Typed::Commit(answer) => {
                        self.typed.clear();
                        self.commit(answer);
                    }
                    Typed::Pending => self.typed = attempt,
                    Typed::Invalid => self.typed.clear(),
                }
            }
            ScoreKey::Enter => {
                let typed = std::mem::take(&mut self.typed);
                if typed.is_empty() {
                    return;
                }
                if let Some(answer) = self.complete(&typed) {
                    self.commit(answer);
                }
            }
            ScoreKey::Backspace => {
                if self.typed.pop().is_none() {
                    let mut new = self.data.clone();
                    new.answers.remove(&self.id());
                    self.record(new);
                }
            }
        }
    }

    fn not_applicable(&mut self) {
        self.other_key();
        if !self.data.finalized && self.item().na {
            self.commit(Answer::NotApplicable);
        }
    }

    fn down(&mut self) {
        self.flush();
        self.cursor = (self.cursor + 1).min(self.ids.len() - 1);
    }

    fn up(&mut self) {
        self.flush();
        self.cursor = self.cursor.saturating_sub(1);
    }

    fn section(&self) -> usize {
        self.section_starts
            .iter()
            .rposition(|start| *start <= self.cursor)
            .expect("the first section starts at 0")
    }

    /// `]`: the first item of the next section (none after the last).
    fn next_section(&mut self) {
        self.flush();
        if let Some(start) = self.section_starts.get(self.section() + 1) {
            self.cursor = *start;
        }
    }

    /// `[`: the first item of this section, or of the previous one when already there.
    fn prev_section(&mut self) {
        self.flush();
        let index = self.section();
        let own = self.section_starts[index];
        self.cursor = if self.cursor > own {
            own
        } else {
            self.section_starts[index.saturating_sub(1)]
        };
    }

    /// `g`: the next unanswered item after the cursor, round the end.
    fn next_unanswered(&mut self) {
        self.flush();
        let count = self.ids.len();
        if let Some(next) = (1..=count)
            .map(|step| (self.cursor + step) % count)
            .find(|i| !self.data.answers.contains_key(&self.ids[*i]))
        {
            self.cursor = next;
        }
    }

    /// Enter after a query, `n`, `N`: the next (previous) item, round the end, whose id or
    /// text contains the query, ignoring case and diacritics; the cursor stays when none does.
    fn search(&mut self, forward: bool, first: bool) {
        use onsite::domain::search::{Hit, Query};
        if self.query.trim().is_empty() {
            return;
        }
        let count = self.ids.len();
        let hit = |index: usize| {
            let item = self
                .rubric
                .item(&self.ids[index])
                .expect("an item of the rubric");
            Query::new(&self.query).find_any([item.id.as_str(), item.text.as_str()])
        };
        let order: Vec<usize> = (1..=count)
            .map(|step| {
                if forward {
                    (self.cursor + step) % count
                } else {
                    (self.cursor + count - step) % count
                }
            })
            .collect();
        // Enter prefers a match with the diacritics typed; n and N take any.
        let exact = order.iter().find(|i| first && hit(**i) == Some(Hit::Exact));
        let found = exact.or_else(|| order.iter().find(|i| hit(**i).is_some()));
        if let Some(index) = found {
            self.cursor = *index;
        }
    }

    /// A note or finding saved with this text (nothing recorded if it is the same).
    fn save_text(&mut self, target: Option<usize>, text: &str) {
        let mut new = self.data.clone();
        match target {
            Some(row) => text.clone_into(&mut new.findings[row]),
            None if text.is_empty() => {
                new.notes.remove(&self.id());
            }
            None => {
                new.notes.insert(self.id(), text.to_owned());
            }
        }
        self.record(new);
    }

    fn text(&self, target: Option<usize>) -> String {
        match target {
            Some(row) => self.data.findings[row].clone(),
            None => self.data.notes.get(&self.id()).cloned().unwrap_or_default(),
        }
    }
}

// ---------------------------------------------------------------------------------- driver

/// One case: a data folder, the running app on it, the visit and the model.
struct Case {
    _home: tempfile::TempDir,
    data: PathBuf,
    app: Option<App>,
    rubric: Rubric,
    id: String,
    /// The visit as created: the start of every replay.
    created: VisitState,
    model: Model,
    terminal: Terminal<TestBackend>,
}

/// A temp folder, in memory where the system has one: this test is about what is stored,
/// not about surviving power loss (`tests/it/kill_soak.rs` and `tests/it/store.rs` are), and fsync on
/// a disk would make it several times slower.
fn temp_home() -> tempfile::TempDir {
    let shm = Path::new("/dev/shm");
    if shm.is_dir()
        && let Ok(home) = tempfile::tempdir_in(shm)
    {
        return home;
    }
    tempfile::tempdir().expect("a temp dir")
}

/// Opens the store in `data`, as a new process would: after the last one let go of it.
fn open_store(data: &Path) -> Store {
    store_lock::wait_until_released(data);
    Store::open(data).expect("the store opens")
}

fn start_app(data: &Path, rubric: &Rubric) -> App {
    let store = open_store(data);
    let state = State::new(LANG, Some(INSPECTOR.to_owned()), vec![rubric.clone()]);
    let mut app = App::new(store, state, Config::default(), None);
    app.start();
    app
}

/// The status line after an edit the store refused.
fn failed(error: EditError) -> Message {
    Message::Error(texts(LANG).visit_error(&VisitError::Edit(error)))
}

impl Case {
    fn new(rubric: &Rubric, (width, height): (u16, u16)) -> Case {
        let home = temp_home();
        let data = home.path().join("data");
        let created = {
            let store = open_store(&data);
            let new = NewVisit {
                unit: Unit {
                    name: UNIT.to_owned(),
                    kind: UnitKind::DonVi,
                    address: "Số 1 Phan Đình Phùng".to_owned(),
                },
                date: "2026-11-28".parse().expect("a date"),
                team: Vec::new(),
            };
            service::create(&store, rubric, new, &Actor::now(INSPECTOR)).expect("created")
        };
        let mut case = Case {
            _home: home,
            app: Some(start_app(&data, rubric)),
            data,
            rubric: rubric.clone(),
            id: created.visit.id.clone(),
            created,
            model: Model::new(rubric),
            terminal: Terminal::new(TestBackend::new(width, height)).expect("a test terminal"),
        };
        case.open_from_list();
        case
    }

    fn app(&mut self) -> &mut App {
        self.app.as_mut().expect("the app runs")
    }

    fn press(&mut self, event: KeyEvent) {
        let app = self.app();
        if let Some(action) = keymap::resolve(&app.state, &event) {
            app.dispatch(action);
        }
    }

    fn score_key(&mut self, score_key: ScoreKey) {
        self.press(match score_key {
            ScoreKey::Digit(c) => ch(c),
            ScoreKey::Dot => ch('.'),
            ScoreKey::Enter => key(KeyCode::Enter),
            ScoreKey::Backspace => key(KeyCode::Backspace),
        });
        self.model.score_key(score_key);
    }

    /// On the list: Enter opens the (only) visit.
    fn open_from_list(&mut self) {
        assert!(matches!(self.app().state.screen, Screen::List));
        self.press(key(KeyCode::Enter));
        self.model.opened();
    }

    /// Quits (the app saves what is pending), then starts again on the same folder.
    fn restart(&mut self) {
        assert!(self.app().state.quitting, "the app was asked to quit");
        drop(self.app.take());
        self.app = Some(start_app(&self.data, &self.rubric));
        assert_eq!(self.app().state.banner, None, "a quit is not a crash");
    }

    /// The note editor's keys, then leaving it; the model saves at the same moments the app
    /// must: on a debounce tick, on leaving, on quitting.
    fn edit_text(&mut self, target: Option<usize>, keys: &[NoteKey], end: NoteEnd) {
        let mut text = self.model.text(target);
        for note_key in keys {
            match note_key {
                NoteKey::Type(phrase) => {
                    for c in phrase.chars() {
                        self.press(ch(c));
                    }
                    text.push_str(phrase);
                }
                NoteKey::Paste(phrase) => {
                    self.app().dispatch(Action::Paste(phrase.clone()));
                    text.extend(phrase.nfc());
                }
                NoteKey::Backspace(count) => {
                    for _ in 0..*count {
                        self.press(key(KeyCode::Backspace));
                        text.pop();
                    }
                }
                NoteKey::Newline => {
                    self.press(alt_enter());
                    text.push('\n');
                }
                NoteKey::Tick => {
                    self.app().dispatch(Action::Tick);
                    self.model.save_text(target, &text);
                }
            }
        }
        match end {
            NoteEnd::Esc => self.press(key(KeyCode::Esc)),
            NoteEnd::Enter => self.press(key(KeyCode::Enter)),
            NoteEnd::Quit => self.press(ctrl('c')),
        }
        self.model.save_text(target, &text);
    }

    fn note_open(&mut self) -> bool {
        self.app()
            .state
            .open
            .as_ref()
            .is_some_and(|open| open.note.is_some())
    }

    fn finalize_asked(&mut self) -> bool {
        matches!(
            self.app().state.overlay,
            Some(Overlay::Confirm(Confirm::Finalize { .. }))
        )
    }

    fn run(&mut self, op: &Op) {
        // A key that leaves the number being typed waits while it is unfinished (`4.`, with a
        // message; tested in tui_update): the inspector takes the mark back first.
        let typing = matches!(
            op,
            Op::Keys(_) | Op::Answer(_) | Op::Clear | Op::Undo | Op::Redo | Op::NotApplicable
        );
        if !typing && self.model.typed.ends_with('.') {
            self.press(key(KeyCode::Backspace));
            self.model.typed.pop();
        }
        match op {
            Op::Down(n) => {
                for i in 0..*n {
                    let down = if i % 2 == 0 {
                        ch('j')
                    } else {
                        key(KeyCode::Down)
                    };
                    self.press(down);
                    self.model.down();
                }
            }
            Op::Up(n) => {
                for i in 0..*n {
                    let up = if i % 2 == 0 {
                        ch('k')
                    } else {
                        key(KeyCode::Up)
                    };
                    self.press(up);
                    self.model.up();
                }
            }
            Op::NextSection => {
                self.press(ch(']'));
                self.model.next_section();
            }
            Op::PrevSection => {
                self.press(ch('['));
                self.model.prev_section();
            }
            Op::NextUnanswered => {
                self.press(ch('g'));
                self.model.next_unanswered();
            }
            Op::Answer(choice) => self.answer(*choice),
            Op::Keys(keys) => {
                for key in keys {
                    self.score_key(*key);
                }
            }
            Op::NotApplicable => {
                self.press(ch('x'));
                self.model.not_applicable();
            }
            Op::Clear => self.score_key(ScoreKey::Backspace),
            Op::Note { keys, end } => self.note(keys, *end),
            Op::Finding { row, keys, end } => self.finding(*row, keys, *end),
            Op::Undo => {
                self.press(ch('u'));
                self.model.other_key();
                self.model.undo();
            }
            Op::Redo => {
                self.press(ctrl('r'));
                self.model.other_key();
                self.model.redo();
            }
            Op::Finalize {
                from_summary,
                confirm,
            } => self.finalize(*from_summary, *confirm),
            Op::FillAll(seed) => self.fill_all(*seed),
            Op::Reopen(reason) => self.reopen(reason),
            Op::LeaveAndOpen => {
                self.press(ch('q'));
                self.model.flush();
                self.open_from_list();
            }
            Op::Search {
                query,
                cancel,
                then,
            } => self.search(query, *cancel, then),
            Op::Help => {
                self.press(ch('?'));
                assert_eq!(self.app().state.overlay, Some(Overlay::Help));
                self.press(ch('j'));
            }
        }
    }

    /// `e` on the current item: the note editor, unless the visit is finalized.
    fn note(&mut self, keys: &[NoteKey], end: NoteEnd) {
        self.press(ch('e'));
        self.model.flush();
        let editing = !self.model.data.finalized;
        assert_eq!(
            self.note_open(),
            editing,
            "the note editor opens on a draft"
        );
        if editing {
            self.edit_text(None, keys, end);
            self.after_editor(end);
        } else {
            assert!(matches!(
                self.app().state.overlay,
                Some(Overlay::Reading(_))
            ));
            self.press(key(KeyCode::Esc));
        }
    }

    /// A finding: `s`, down to its row, `e`, the editor, and back (`q`).
    fn finding(&mut self, row: usize, keys: &[NoteKey], end: NoteEnd) {
        self.press(ch('s'));
        self.model.flush();
        assert!(matches!(self.app().state.screen, Screen::Summary));
        for _ in 0..row {
            self.press(ch('j'));
        }
        self.press(ch('e'));
        let editing = !self.model.data.finalized;
        assert_eq!(self.note_open(), editing, "a finding opens on a draft");
        if editing {
            self.edit_text(Some(row), keys, end);
            if end == NoteEnd::Quit {
                self.after_editor(end);
                return;
            }
        } else {
            // Finalized: the finding opens to read; any key closes it.
            assert!(matches!(
                self.app().state.overlay,
                Some(Overlay::Reading(_))
            ));
            self.press(key(KeyCode::Esc));
        }
        self.press(ch('q'));
    }

    /// `g` and a valid answer, until nothing is left unanswered.
    fn fill_all(&mut self, seed: usize) {
        for round in 0..=self.model.ids.len() {
            if self.model.data.finalized || self.model.unanswered().is_empty() {
                break;
            }
            self.press(ch('g'));
            self.model.next_unanswered();
            self.answer(seed.wrapping_add(round * 7));
        }
    }

    fn search(&mut self, query: &str, cancel: bool, then: &[bool]) {
        self.press(ch('/'));
        self.model.flush();
        for c in query.chars() {
            self.press(ch(c));
        }
        if cancel {
            self.press(key(KeyCode::Esc));
            self.model.query.clear();
        } else {
            self.press(key(KeyCode::Enter));
            query.clone_into(&mut self.model.query);
            self.model.search(true, true);
        }
        for forward in then {
            self.press(ch(if *forward { 'n' } else { 'N' }));
            self.model.flush();
            self.model.search(*forward, false);
        }
    }

    fn answer(&mut self, choice: usize) {
        let keys = self.model.answer_keys(choice);
        if keys.is_empty() {
            self.press(ch('x'));
            self.model.not_applicable();
        }
        for key in keys {
            self.score_key(key);
        }
    }

    /// After the editor: Ctrl-c quit the app, so start it again and open the visit.
    fn after_editor(&mut self, end: NoteEnd) {
        if end == NoteEnd::Quit {
            self.restart();
            self.open_from_list();
        }
    }

    fn finalize(&mut self, from_summary: bool, confirm: bool) {
        if from_summary {
            self.press(ch('s'));
        }
        self.press(ch('f'));
        self.model.flush();
        let asks = !self.model.data.finalized && self.model.unanswered().is_empty();
        assert_eq!(
            self.finalize_asked(),
            asks,
            "finalize asks iff all is answered"
        );
        if asks {
            if confirm {
                self.press(ch('y'));
                // The model never fills the minutes' details: finalize always warns, and
                // asks once more.
                assert!(
                    matches!(
                        self.app().state.overlay,
                        Some(Overlay::Confirm(Confirm::FinalizeAnyway { .. }))
                    ),
                    "a second question"
                );
                self.press(ch('y'));
                self.model.barrier(true);
            } else {
                self.press(ch('n'));
            }
        }
        if from_summary {
            self.press(ch('q'));
        }
    }

    /// As an inspector would: the TUI has no reopen, and the CLI cannot open the store
    /// while the TUI holds it. So: leave, quit, `onsite reopen` (what it runs), start again.
    fn reopen(&mut self, reason: &str) {
        self.press(ch('q'));
        self.model.flush();
        self.press(ch('q'));
        assert!(self.app().state.quitting);
        drop(self.app.take());
        {
            let store = open_store(&self.data);
            let request = Request::Reopen {
                reason: reason.to_owned(),
            };
            let result = service::edit(&store, &self.id, request, &Actor::now(INSPECTOR));
            let expected = if !self.model.data.finalized {
                Some(EditError::NotFinalized)
            } else if reason.trim().is_empty() {
                Some(EditError::ReasonRequired)
            } else {
                None
            };
            match (result, expected) {
                (Ok(outcome), None) => {
                    assert!(outcome.change.is_some());
                    self.model.barrier(false);
                }
                (Err(VisitError::Edit(error)), Some(expected)) => assert_eq!(error, expected),
                (result, expected) => panic!("reopen gave {result:?}, expected {expected:?}"),
            }
        }
        self.app = Some(start_app(&self.data, &self.rubric));
        self.open_from_list();
    }

    /// Everything agrees: TUI, store, history, list summary, model.
    fn check(&mut self, step: &str) {
        let frame_state = self.app().state.clone();
        self.terminal
            .draw(|frame| view::render(frame, &frame_state, Theme { color: false }))
            .expect("drawn");
        let id = self.id.clone();
        let rubric = self.rubric.clone();
        let created = self.created.clone();
        let app = self.app.as_ref().expect("the app runs");
        assert!(
            matches!(app.state.screen, Screen::Scoring),
            "{step}: screen"
        );
        assert_eq!(app.state.overlay, None, "{step}: overlay");
        let open = app.state.open.as_ref().expect("the visit is open");
        assert!(open.note.is_none(), "{step}: the editor is closed");
        let store = app.store().expect("the store is open");
        let (stored, stored_rubric) = store.load(&id).expect("the visit loads");
        assert_eq!(stored_rubric, rubric, "{step}: the stored rubric");
        assert_eq!(open.state, stored, "{step}: the TUI shows what is stored");
        assert_eq!(Data::of(&stored), self.model.data, "{step}: store vs model");
        assert_eq!(open.cursor, self.model.cursor, "{step}: cursor");
        assert_eq!(open.typed, self.model.typed, "{step}: typed digits");

        let changes = store.history(&id).expect("the history loads");
        assert_eq!(replay(&created, &changes), stored, "{step}: replay");
        let summaries = store.summaries().expect("the list loads");
        let expected = VisitSummary {
            last_seq: changes.len() as u64,
            ..stored.summary(&rubric)
        };
        assert_eq!(summaries, vec![expected], "{step}: the list's summary");
    }

    /// Undo until there is nothing to undo, then redo until there is nothing to redo.
    fn undo_and_redo_everything(&mut self) {
        let before = self.model.data.clone();
        // Redoing everything goes as far as the first change undone so far, if any.
        let furthest = self
            .model
            .redo
            .first()
            .map_or_else(|| before.clone(), |(_, after)| after.clone());
        let pending_redo = self.model.redo.len();
        let (stop_undo, stop_redo) = if before.finalized {
            (EditError::Finalized, EditError::Finalized)
        } else {
            (EditError::NothingToUndo, EditError::NothingToRedo)
        };
        let undoable = self.model.undo.len();
        let mut undone = 0;
        loop {
            self.press(ch('u'));
            self.model.other_key();
            if self.app().state.message == Some(failed(stop_undo.clone())) {
                break;
            }
            assert!(
                self.model.undo(),
                "undo #{undone} worked; the model had no more"
            );
            undone += 1;
            self.check(&format!("undo #{undone}"));
        }
        assert_eq!(undone, undoable, "every undoable change was undone");
        assert_eq!(self.model.data, self.model.baseline);
        self.check("all undone");
        let redoable = self.model.redo.len();
        assert_eq!(redoable, undone + pending_redo, "the redo stack holds both");
        let mut redone = 0;
        loop {
            self.press(ctrl('r'));
            self.model.other_key();
            if self.app().state.message == Some(failed(stop_redo.clone())) {
                break;
            }
            assert!(
                self.model.redo(),
                "redo #{redone} worked; the model had no more"
            );
            redone += 1;
            self.check(&format!("redo #{redone}"));
        }
        assert_eq!(redone, redoable, "every undone change was redone");
        assert_eq!(self.model.data, furthest);
        self.check("all redone");
    }
}

/// The visit as its history replays from creation.
fn replay(created: &VisitState, changes: &[Change]) -> VisitState {
    assert!(
        matches!(
            changes.first(),
            Some(Change {
                seq: 1,
                kind: ChangeKind::Do,
                edit: Edit::Created,
                ..
            })
        ),
        "the history starts with the creation"
    );
    let mut state = created.clone();
    for (index, change) in changes.iter().enumerate() {
        assert_eq!(
            change.seq,
            index as u64 + 1,
            "sequence numbers are contiguous"
        );
        history::apply(&mut state, change);
    }
    state
}

fn small_rubric() -> Rubric {
    onsite::rubric_file::parse(SMALL_RUBRIC).expect("the test rubric is valid")
}

/// What the random sessions did, summed over the cases (printed, so a generator that stops
/// reaching finalize or reopen is noticed).
#[derive(Debug, Default)]
struct Tally {
    cases: usize,
    steps: usize,
    edits: usize,
    undos: usize,
    redos: usize,
    finalized: usize,
    reopened: usize,
}

impl Tally {
    fn add(&mut self, steps: usize, changes: &[Change]) {
        self.cases += 1;
        self.steps += steps;
        for change in changes {
            match (&change.kind, &change.edit) {
                (ChangeKind::Undo { .. }, _) => self.undos += 1,
                (ChangeKind::Redo { .. }, _) => self.redos += 1,
                (
                    _,
                    Edit::Status {
                        to: Status::Finalized,
                        ..
                    },
                ) => self.finalized += 1,
                (_, Edit::Status { .. }) => self.reopened += 1,
                (_, Edit::Created) => {}
                _ => self.edits += 1,
            }
        }
    }
}

/// Runs one session, drawing every step on a terminal of `size`; gives its history.
fn run_case(rubric: &Rubric, size: (u16, u16), ops: &[Op]) -> Vec<Change> {
    let mut case = Case::new(rubric, size);
    case.check("opened");
    for (index, op) in ops.iter().enumerate() {
        case.run(op);
        case.check(&format!("step {index}: {op:?}"));
    }
    case.undo_and_redo_everything();
    let id = case.id.clone();
    case.app()
        .store()
        .expect("the store is open")
        .history(&id)
        .expect("the history loads")
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(64)
}

#[test]
fn random_sessions_keep_tui_store_history_and_model_in_step() {
    let small = small_rubric();
    let shipped = sim::rubric(CO_QUAN);
    let mut config = ProptestConfig::with_cases(cases());
    config.failure_persistence = Some(Box::new(FileFailurePersistence::Direct(
        "tests/it/state_machine.proptest-regressions",
    )));
    let mut runner = TestRunner::new(config);
    // Mostly the small rubric (finalize comes within reach), sometimes the shipped one.
    // Any terminal from tiny to wide: drawing must never panic either.
    let strategy = (
        prop::bool::weighted(0.25),
        (10u16..=160, 3u16..=60),
        prop::collection::vec(op(), 1..=60),
    );
    let tally = RefCell::new(Tally::default());
    let result = runner.run(&strategy, |(use_shipped, size, ops)| {
        let rubric = if use_shipped { &shipped } else { &small };
        let changes = run_case(rubric, size, &ops);
        tally.borrow_mut().add(ops.len(), &changes);
        Ok(())
    });
    if let Err(error) = result {
        panic!("{error}");
    }
    let tally = tally.into_inner();
    eprintln!(
        "state machine: {} cases, {} steps, {} edits, {} undone, {} redone, {} finalized, \
         {} reopened",
        tally.cases,
        tally.steps,
        tally.edits,
        tally.undos,
        tally.redos,
        tally.finalized,
        tally.reopened
    );
}

/// A fixed session through every kind of step, so a plain `cargo test` always covers a
/// finalize, a refused and an accepted reopen, and undo stopping at the reopen.
#[test]
fn a_scripted_session_through_finalize_and_reopen() {
    let nfd = |text: &str| text.nfd().collect::<String>();
    let ops = vec![
        Op::Answer(3),
        Op::Keys(vec![ScoreKey::Digit('1'), ScoreKey::Enter]),
        Op::Keys(vec![ScoreKey::Digit('7')]),
        Op::Note {
            keys: vec![
                NoteKey::Type("Hòm thư góp ý".into()),
                NoteKey::Tick,
                NoteKey::Paste(nfd(" đặt tại bộ phận một cửa")),
            ],
            end: NoteEnd::Esc,
        },
        Op::Reopen("Chưa chốt".into()),
        Op::Finalize {
            from_summary: false,
            confirm: true,
        },
        Op::FillAll(1),
        Op::Finalize {
            from_summary: true,
            confirm: false,
        },
        Op::Finding {
            row: 3,
            keys: vec![NoteKey::Type("Đạt chuẩn văn hóa".into())],
            end: NoteEnd::Quit,
        },
        Op::Finalize {
            from_summary: true,
            confirm: true,
        },
        Op::Answer(0),
        Op::Undo,
        Op::Reopen(String::new()),
        Op::Reopen("Bổ sung minh chứng".into()),
        Op::Clear,
        Op::NotApplicable,
        Op::Undo,
        Op::Undo,
        Op::Redo,
        Op::Note {
            keys: vec![NoteKey::Type("Ghi chú mới".into()), NoteKey::Backspace(3)],
            end: NoteEnd::Quit,
        },
        Op::LeaveAndOpen,
        Op::Help,
        Op::Search {
            query: "THẺ".into(),
            cancel: false,
            then: vec![true, false],
        },
        Op::PrevSection,
        Op::NextSection,
        Op::NextUnanswered,
    ];
    let changes = run_case(&small_rubric(), (100, 30), &ops);
    let mut tally = Tally::default();
    tally.add(ops.len(), &changes);
    assert_eq!((tally.finalized, tally.reopened), (1, 1), "{changes:#?}");
    assert!(tally.undos >= 2 && tally.redos >= 1, "{tally:?}");
}
