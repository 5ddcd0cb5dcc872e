//! The TUI killed with SIGKILL at random moments loses nothing it had shown as saved.
//!
//! Each run starts the real `onsite` in a pseudo-terminal on the same data folder, opens the
//! visit and types a random script by keys (answers of every kind, clears, notes in
//! Vietnamese). A step counts as acknowledged when the screen shows it as saved: an answer's
//! mark in the item list, or a note on the item panel after leaving the editor, with no
//! "CHƯA LƯU ĐƯỢC" (a change the store refused) anywhere; or a note in the editor under
//! "Ghi chú · đã lưu". Then the program is killed: during start-up, while idle, right after
//! an answer's keys, while a note is typed (before or after its save), in a burst of
//! answers, or in a burst of undo and redo. After each kill:
//! - the store opens, and every acknowledged change is in the history, in order;
//! - each item holds its last acknowledged answer and note, or one the killed step was
//!   sending (never anything else);
//! - the history replays from the creation to exactly the stored visit, and the list's
//!   summary matches it;
//! - a run killed with the visit open is reported by the next start ("Đã khôi phục…");
//! - `onsite export` succeeds and its file reads back as the stored visit.
//!
//! `ONSITE_SOAK_RUNS` sets the number of runs (default 20); `ONSITE_SOAK_SEED` replays a
//! run's random choices (the seed is printed). The counts go to stderr
//! (`cargo test --test it kill_soak:: -- --nocapture`). The command line's own crash test is
//! `a_killed_process_loses_no_acknowledged_change` in tests/it/store.rs (`ONSITE_CRASH_RUNS`).

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::thread;
use std::time::{Duration, Instant};

use crate::support::sandbox::Sandbox;
use crate::support::store_lock;
use crate::support::terminal::{BACKSPACE, CTRL_R, CTRL_U, ENTER, ESC, Tui};
use onsite::catalog::Catalog;
use onsite::domain::answer::Answer;
use onsite::domain::history::{self, Change, Edit};
use onsite::domain::rubric::{Item, ItemKind, Rubric};
use onsite::domain::visit::{Findings, Status, VisitState, VisitSummary};
use onsite::store::Store;
use onsite::strings::num;
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};
use rust_decimal::Decimal;

/// Tall enough to show all 41 items of the rubric at once.
const ROWS: u16 = 52;
const COLS: u16 = 120;
/// The item list's width at [`COLS`] (src/tui/view/scoring.rs: 2/5 of the width).
const LEFT: usize = COLS as usize * 2 / 5;
/// Pinned to the version of 41 items that [`ROWS`] fits (issue 14 made 2026.1 the default).
const RUBRIC: &str = "co-quan-dat-chuan-van-hoa@2025.1";
const UNIT: &str = "Trung tâm Văn hóa tỉnh Hà Tĩnh";
const INSPECTOR: &str = "Lê Thị Kiểm";
/// Only so a broken run fails instead of hanging (the machine may be busy).
const TIMEOUT: Duration = Duration::from_secs(30);

// Screen texts (src/strings/vi_ui.rs, vi.rs).
const SCORING_FOOTER: &str = "e ghi chú";
const NOTE_FOOTER: &str = "Esc/Enter xong";
const NOTE_SAVED: &str = "Ghi chú · đã lưu";
const NOTE_LABEL: &str = "Ghi chú:";
const RECOVERED: &str = "Đã khôi phục bản dự thảo";
/// A change the store refused: shown, but not saved (then it is not acknowledged).
const NOT_SAVED: &str = "CHƯA LƯU ĐƯỢC";

const PHRASES: [&str; 8] = [
    "Hòm thư góp ý đặt tại bộ phận một cửa",
    "Thiếu biển tên phòng làm việc",
    "Cán bộ đeo thẻ đầy đủ",
    "Phòng họp gọn gàng, sạch sẽ",
    "Chưa niêm yết thủ tục hành chính",
    "Đạt; có ảnh chụp minh chứng",
    "Ông Nguyễn Văn Ất trình bày",
    "Quỹ phúc lợi công khai ở bảng tin",
];

/// A sandbox acting as [`INSPECTOR`].
fn sandbox() -> Sandbox {
    Sandbox::new().acting_as(Some(INSPECTOR))
}

/// The TUI, in Vietnamese, on a terminal of [`ROWS`] × [`COLS`].
fn tui(sandbox: &Sandbox) -> Tui {
    sandbox.tui_sized(Some(INSPECTOR), ROWS, COLS)
}

/// The item list's rows: item id → (answer mark, note mark), as drawn (`  4.5 ✎1.1   text`;
/// the note mark is `✎` for a note, `⚠` for a change not saved yet).
fn rows(frame: &str) -> BTreeMap<String, (String, char)> {
    let mut rows = BTreeMap::new();
    for line in frame.lines() {
        let chars: Vec<char> = line.chars().take(LEFT).collect();
        // `│`, the cursor mark, 4 columns of answer mark, a space, the note mark, the id.
        if chars.len() < 13 || chars[0] != '│' || chars[6] != ' ' {
            continue;
        }
        let id: String = chars[8..13].iter().collect::<String>().trim().to_owned();
        if id.is_empty() || !id.chars().all(|c| c.is_ascii_digit() || c == '.') {
            continue;
        }
        let mark: String = chars[2..6].iter().collect::<String>().trim().to_owned();
        rows.insert(id, (mark, chars[7]));
    }
    rows
}

/// The mark the item list shows for an answer (a failed critical item adds `!`, ignored).
fn mark(item: &Item, answer: Option<&Answer>) -> String {
    match answer {
        None => "·".to_owned(),
        Some(Answer::NotApplicable) => "n/a".to_owned(),
        Some(Answer::Pass) => "✓".to_owned(),
        Some(Answer::Fail) => "✗".to_owned(),
        Some(Answer::Points(points)) => num(*points),
        Some(Answer::Level(level)) => num(item.levels[*level].points),
    }
}

/// The item list shows `answer` on `item`, saved.
fn shows(frame: &str, item: &Item, answer: Option<&Answer>) -> bool {
    !frame.contains(NOT_SAVED)
        && rows(frame).get(&item.id).is_some_and(|(shown, note)| {
            shown.trim_end_matches('!') == mark(item, answer) && *note != '⚠'
        })
}

/// The cursor's item (0-based) from the status line, `… · tiêu chí 7/41 · …`.
fn cursor(frame: &str) -> Option<usize> {
    let start = frame.find(" · tiêu chí ")? + " · tiêu chí ".len();
    let digits: String = frame[start..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse::<usize>().ok()?.checked_sub(1)
}

/// The right panel's lines, without borders.
fn right_lines(frame: &str) -> Vec<String> {
    frame
        .lines()
        .map(|line| {
            line.chars()
                .skip(LEFT)
                .collect::<String>()
                .trim_matches(|c| c == '│' || c == ' ')
                .to_owned()
        })
        .collect()
}

/// The note editor, open, saved, holding exactly `text` (one line).
fn editor_saved_with(frame: &str, text: &str) -> bool {
    let lines = right_lines(frame);
    lines
        .iter()
        .position(|line| line.starts_with(&format!("┌ {NOTE_SAVED} ")))
        .and_then(|title| lines.get(title + 1))
        .is_some_and(|first| first == text)
}

/// The item panel (editor closed) showing `text` as the note.
fn panel_shows_note(frame: &str, text: &str) -> bool {
    let lines = right_lines(frame);
    frame.contains(SCORING_FOOTER)
        && !frame.contains(NOT_SAVED)
        && lines
            .iter()
            .position(|line| line == NOTE_LABEL)
            .and_then(|label| lines.get(label + 1))
            .is_some_and(|first| first == text)
}

/// The keys that answer `item` with `answer` (a score that starts a longer one needs
/// Enter: `4` on a 0–5 item with half points).
fn keys(item: &Item, answer: &Answer) -> String {
    match answer {
        Answer::NotApplicable => "x".to_owned(),
        Answer::Pass => "1".to_owned(),
        Answer::Fail => "0".to_owned(),
        // The key the screen shows for the level (docs/user-guide.md, Keys: one digit, one
        // meaning).
        Answer::Level(level) => onsite::tui::entry::level_keys(item)
            .into_iter()
            .find(|(_, index)| index == level)
            .map(|(key, _)| key)
            .expect("every level has a key"),
        Answer::Points(points) => {
            let typed = num(*points);
            let longer = scores(item)
                .iter()
                .any(|s| s.len() > typed.len() && s.starts_with(&typed));
            if longer { typed + ENTER } else { typed }
        }
    }
}

fn scores(item: &Item) -> Vec<String> {
    let mut all = Vec::new();
    let mut score = Decimal::ZERO;
    while score <= item.max_points() {
        all.push(num(score));
        score += item.step();
    }
    all
}

/// Every answer `item` takes.
fn answers(item: &Item) -> Vec<Answer> {
    let mut all: Vec<Answer> = match item.kind {
        ItemKind::Points => scores(item)
            .iter()
            .map(|s| Answer::Points(s.parse().expect("a score")))
            .collect(),
        ItemKind::Check => vec![Answer::Pass, Answer::Fail],
        ItemKind::Levels => (0..item.levels.len()).map(Answer::Level).collect(),
    };
    if item.na {
        all.push(Answer::NotApplicable);
    }
    all
}

/// What a run acknowledged, in order.
#[derive(Debug, Clone)]
enum Ack {
    Answer { item: String, to: Option<Answer> },
    Note { item: String, text: String },
}

/// How a run ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kill {
    /// At a random moment of start-up, before anything is typed.
    StartUp,
    /// After the last acknowledged step, with nothing in flight.
    Idle,
    /// Right after an answer's keys.
    MidAnswer,
    /// While a note is typed: before or after its save (0.3 s after the first key).
    MidNote,
    /// In a burst of answers to one item.
    AnswerBurst,
    /// In a burst of undo and redo of the last answer.
    UndoBurst,
}

/// The stored visit as the test knows it: the last acknowledged answer and note of each
/// item, and what the killed step may also have left.
#[derive(Default)]
struct Known {
    answers: BTreeMap<String, Answer>,
    notes: BTreeMap<String, String>,
    /// Answers the killed step was sending, per item.
    in_flight: BTreeMap<String, Vec<Option<Answer>>>,
    /// A note the killed step was typing: any beginning of it may have been saved.
    note_in_flight: Option<(String, String)>,
}

#[derive(Debug, Default)]
struct Counts {
    runs: usize,
    answers: usize,
    notes: usize,
    lost: usize,
    /// Changes in flight at the kill, found saved / not saved.
    in_flight_saved: usize,
    in_flight_not_saved: usize,
    kills: BTreeMap<String, usize>,
}

/// One run: start, open, type, kill.
struct Run<'a> {
    rubric: &'a Rubric,
    rng: &'a mut StdRng,
    known: &'a mut Known,
    label: String,
    tui: Tui,
    cursor: usize,
    acks: Vec<Ack>,
    /// The last step: an acknowledged answer (item, before, after); for an undo burst.
    last_answer: Option<(String, Option<Answer>, Answer)>,
}

impl Run<'_> {
    fn item(&self, index: usize) -> &Item {
        self.rubric.items().nth(index).expect("an item")
    }

    fn wait(&self, what: &str, done: impl Fn(&str) -> bool) -> String {
        let what = format!("{}: {what}", self.label);
        self.tui.wait_frame(&what, TIMEOUT, done)
    }

    /// Moves the cursor to item `index` (0-based) and waits to see it there.
    fn go_to(&mut self, index: usize) {
        if index == self.cursor {
            return;
        }
        let keys = if index > self.cursor {
            "j".repeat(index - self.cursor)
        } else {
            "k".repeat(self.cursor - index)
        };
        self.tui.send(&keys);
        let status = format!(" · tiêu chí {}/", index + 1);
        self.wait(&status, |frame| frame.contains(&status));
        self.cursor = index;
    }

    fn random_item(&mut self) -> usize {
        self.rng.random_range(0..self.rubric.item_count())
    }

    /// A random answer of `item` that the item list tells apart from each of `not`.
    fn other_answer(&mut self, item: &Item, not: &[Option<&Answer>]) -> Answer {
        let options: Vec<Answer> = answers(item)
            .into_iter()
            .filter(|a| not.iter().all(|n| mark(item, *n) != mark(item, Some(a))))
            .collect();
        options[self.rng.random_range(0..options.len())].clone()
    }

    /// Answers a random item and waits for its mark.
    fn answer(&mut self) {
        let index = self.random_item();
        let item = self.item(index).clone();
        let before = self.known.answers.get(&item.id).cloned();
        let answer = self.other_answer(&item, &[before.as_ref()]);
        self.go_to(index);
        self.tui.send(&keys(&item, &answer));
        self.wait(&format!("{} shown as {answer:?}", item.id), |frame| {
            shows(frame, &item, Some(&answer))
        });
        self.known.answers.insert(item.id.clone(), answer.clone());
        self.acks.push(Ack::Answer {
            item: item.id.clone(),
            to: Some(answer.clone()),
        });
        // The cursor moves on after an answer that changed something, except on the last.
        if index + 1 < self.rubric.item_count() {
            self.cursor = index + 1;
        }
        self.last_answer = Some((item.id, before, answer));
    }

    /// Clears a random answered item and waits for its mark to go.
    fn clear(&mut self) {
        let answered: Vec<usize> = self
            .rubric
            .items()
            .enumerate()
            .filter(|(_, item)| self.known.answers.contains_key(&item.id))
            .map(|(index, _)| index)
            .collect();
        if answered.is_empty() {
            return self.answer();
        }
        let index = answered[self.rng.random_range(0..answered.len())];
        let item = self.item(index).clone();
        self.go_to(index);
        self.tui.send(BACKSPACE);
        self.wait(&format!("{} cleared", item.id), |frame| {
            shows(frame, &item, None)
        });
        self.known.answers.remove(&item.id);
        self.acks.push(Ack::Answer {
            item: item.id.clone(),
            to: None,
        });
        self.last_answer = None;
    }

    /// Opens the note editor on a random item, replaces its note with a new one (typed as
    /// one burst of keys); gives the item and the text.
    fn type_note(&mut self, tag: &str) -> (String, String) {
        let index = self.random_item();
        let item = self.item(index).id.clone();
        let phrase = PHRASES[self.rng.random_range(0..PHRASES.len())];
        let text = format!("{phrase} #{}.{tag}", self.label);
        self.go_to(index);
        self.tui.send("e");
        self.wait("the note editor", |frame| {
            frame.contains(NOTE_FOOTER) && frame.contains(NOTE_SAVED)
        });
        self.tui.send(&format!("{CTRL_U}{text}"));
        (item, text)
    }

    /// Writes a note; acknowledged when the editor says it is saved (after the 0.3 s
    /// debounce) or, leaving at once, when the item panel shows it.
    fn note(&mut self, step: usize) {
        let (item, text) = self.type_note(&step.to_string());
        if self.rng.random_bool(0.5) {
            self.wait("the note saved in the editor", |frame| {
                editor_saved_with(frame, &text)
            });
            self.tui.send(ESC);
            self.wait("the scoring screen", |frame| frame.contains(SCORING_FOOTER));
        } else {
            self.tui.send(ESC);
            self.wait("the note on the item panel", |frame| {
                panel_shows_note(frame, &text)
            });
        }
        self.known.notes.insert(item.clone(), text.clone());
        self.acks.push(Ack::Note { item, text });
        self.last_answer = None;
    }

    /// Starts the TUI's work for the kill: sends what is in flight and says what it is.
    fn in_flight(&mut self, kill: Kill) {
        match kill {
            Kill::StartUp | Kill::Idle => {}
            Kill::MidAnswer => {
                let index = self.random_item();
                let item = self.item(index).clone();
                let before = self.known.answers.get(&item.id).cloned();
                let answer = self.other_answer(&item, &[before.as_ref()]);
                self.go_to(index);
                self.known
                    .in_flight
                    .insert(item.id.clone(), vec![Some(answer.clone())]);
                self.tui.send(&keys(&item, &answer));
            }
            Kill::MidNote => {
                let (item, text) = self.type_note("kill");
                self.known.note_in_flight = Some((item, text));
            }
            Kill::AnswerBurst => {
                // Not the last item: the cursor must move on after each answer, and `k`
                // brings it back.
                let index = self.rng.random_range(0..self.rubric.item_count() - 1);
                let item = self.item(index).clone();
                let before = self.known.answers.get(&item.id).cloned();
                let first = self.other_answer(&item, &[before.as_ref()]);
                let second = self.other_answer(&item, &[Some(&first)]);
                self.go_to(index);
                self.known.in_flight.insert(
                    item.id.clone(),
                    vec![Some(first.clone()), Some(second.clone())],
                );
                let round = format!("{}k{}k", keys(&item, &first), keys(&item, &second));
                let rounds = self.rng.random_range(3..15);
                self.tui.send(&round.repeat(rounds));
            }
            Kill::UndoBurst => {
                let (item, before, _) = self
                    .last_answer
                    .clone()
                    .expect("an undo burst follows an answer");
                self.known.in_flight.insert(item, vec![before]);
                let rounds = self.rng.random_range(3..15);
                self.tui.send(&format!("u{CTRL_R}").repeat(rounds));
            }
        }
    }
}

/// The visit as its history replays from the creation (only answers and notes change here).
fn replay(stored: &VisitState, changes: &[Change]) -> VisitState {
    let mut state = stored.clone();
    state.responses.clear();
    state.visit.findings = Findings::default();
    state.visit.status = Status::Draft;
    state.visit.finalized_at = None;
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

/// The acknowledged changes the history after `from_seq` lacks (it must hold all of them,
/// in order).
fn missing_acks(changes: &[Change], from_seq: u64, acks: &[Ack]) -> Vec<Ack> {
    let later: Vec<&Change> = changes.iter().filter(|c| c.seq > from_seq).collect();
    let is = |change: &Change, ack: &Ack| match (&change.edit, ack) {
        (
            Edit::Answer { item, to, .. },
            Ack::Answer {
                item: acked,
                to: acked_to,
            },
        ) => item == acked && to == acked_to,
        (Edit::Note { item, to, .. }, Ack::Note { item: acked, text }) => {
            item == acked && to == text
        }
        _ => false,
    };
    let mut at = 0;
    let mut missing = Vec::new();
    for ack in acks {
        match later[at..].iter().position(|change| is(change, ack)) {
            Some(offset) => at += offset + 1,
            None => missing.push(ack.clone()),
        }
    }
    missing
}

/// How a run that got as far as the visit ends.
fn pick_kill(rng: &mut StdRng, can_undo: bool) -> Kill {
    let kill = match rng.random_range(0..10) {
        0 | 1 => Kill::Idle,
        2 | 3 => Kill::MidAnswer,
        4 | 5 => Kill::MidNote,
        6 | 7 => Kill::AnswerBurst,
        _ => Kill::UndoBurst,
    };
    if kill == Kill::UndoBurst && !can_undo {
        Kill::MidAnswer
    } else {
        kill
    }
}

fn env_number(name: &str) -> Option<u64> {
    std::env::var(name)
        .ok()
        .and_then(|value| value.parse().ok())
}

/// Checks the store after a kill against what was acknowledged; counts what was lost.
fn check_store(
    sandbox: &Sandbox,
    id: &str,
    run: usize,
    from_seq: u64,
    acks: &[Ack],
    known: &mut Known,
    counts: &mut Counts,
) -> (VisitState, Vec<Change>) {
    let store = Store::open(&sandbox.data())
        .unwrap_or_else(|error| panic!("run {run}: the store does not open: {error}"));
    let (stored, rubric) = store.load(id).expect("the visit loads");
    let changes = store.history(id).expect("the history loads");

    let missing = missing_acks(&changes, from_seq, acks);
    if !missing.is_empty() {
        eprintln!("run {run}: acknowledged but not in the history: {missing:?}");
    }
    counts.lost += missing.len();

    for item in rubric.items() {
        let now = stored.answer(&item.id);
        let acked = known.answers.get(&item.id);
        if now != acked {
            let possible = known.in_flight.get(&item.id);
            if possible.is_some_and(|values| values.iter().any(|v| v.as_ref() == now)) {
                counts.in_flight_saved += 1;
            } else {
                eprintln!(
                    "run {run}: item {} holds {now:?}, acknowledged {acked:?}",
                    item.id
                );
                counts.lost += 1;
            }
        } else if known.in_flight.contains_key(&item.id) {
            counts.in_flight_not_saved += 1;
        }
        let note = stored.note(&item.id);
        let acked_note = known.notes.get(&item.id).map_or("", String::as_str);
        if note != acked_note {
            match &known.note_in_flight {
                Some((typing, text)) if *typing == item.id && text.starts_with(note) => {
                    counts.in_flight_saved += 1;
                }
                _ => {
                    eprintln!(
                        "run {run}: item {} has the note {note:?}, acknowledged {acked_note:?}",
                        item.id
                    );
                    counts.lost += 1;
                }
            }
        } else if known
            .note_in_flight
            .as_ref()
            .is_some_and(|(typing, _)| *typing == item.id)
        {
            counts.in_flight_not_saved += 1;
        }
    }

    assert_eq!(
        replay(&stored, &changes),
        stored,
        "run {run}: the history replays to the stored visit"
    );
    let summaries = store.summaries().expect("the list loads");
    let summary = VisitSummary {
        last_seq: changes.len() as u64,
        ..stored.summary(&rubric)
    };
    assert_eq!(summaries, vec![summary], "run {run}: the list's summary");

    // From now on the test knows the store exactly.
    known.answers = stored
        .responses
        .iter()
        .filter_map(|(item, r)| Some((item.clone(), r.answer.clone()?)))
        .collect();
    known.notes = stored
        .responses
        .iter()
        .filter(|(_, r)| !r.note.is_empty())
        .map(|(item, r)| (item.clone(), r.note.clone()))
        .collect();
    known.in_flight.clear();
    known.note_in_flight = None;
    drop(store);
    // The next `onsite` must find the store free.
    store_lock::wait_until_released(&sandbox.data());
    (stored, changes)
}

/// `onsite export` succeeds and its file reads back as the stored visit.
fn check_export(sandbox: &Sandbox, run: usize, stored: &VisitState, changes: &[Change]) {
    let out = sandbox.path(&format!("export-{run}"));
    let output = sandbox.run_in_default_lang(&["export", "--out", &out.display().to_string()]);
    assert!(
        output.status.success(),
        "run {run}: onsite export: {}",
        output.stderr
    );
    let files: Vec<PathBuf> = std::fs::read_dir(&out)
        .expect("the export folder")
        .map(|entry| entry.expect("an entry").path())
        .collect();
    assert_eq!(files.len(), 1, "run {run}: one visit, one file: {files:?}");
    let text = std::fs::read_to_string(&files[0]).expect("the exported file");
    let record = onsite::document::parse(&text)
        .unwrap_or_else(|error| panic!("run {run}: the export does not read back: {error:?}"));
    assert_eq!(&record.state, stored, "run {run}: the exported visit");
    assert_eq!(record.history, changes, "run {run}: the exported history");
    std::fs::remove_dir_all(&out).expect("remove the export");
}

fn new_visit(sandbox: &Sandbox) -> String {
    let output = sandbox.run_in_default_lang(&["new", "--rubric", RUBRIC, "--unit", UNIT]);
    assert!(output.status.success(), "{output:?}");
    output.stdout.trim().to_owned()
}

/// Opens the visit, types a random script, then kills the TUI with something in flight;
/// gives what was acknowledged and how the run was killed.
fn script_and_kill(
    mut tui: Tui,
    run: usize,
    rubric: &Rubric,
    rng: &mut StdRng,
    known: &mut Known,
    recovered: bool,
) -> (Vec<Ack>, Kill) {
    let list = tui.wait_frame(&format!("run {run}: the list"), TIMEOUT, |frame| {
        frame.contains("Trung tâm Văn hóa")
    });
    if recovered {
        assert!(
            list.contains(RECOVERED),
            "run {run}: the last run was killed with the visit open, yet no banner:\n{list}"
        );
    }
    tui.send(ENTER);
    let scoring = tui.wait_frame(&format!("run {run}: the visit"), TIMEOUT, |frame| {
        frame.contains(SCORING_FOOTER) && cursor(frame).is_some()
    });
    let mut session = Run {
        rubric,
        rng,
        known,
        label: format!("r{run}"),
        cursor: cursor(&scoring).expect("the status line"),
        tui,
        acks: Vec::new(),
        last_answer: None,
    };
    for step in 0..session.rng.random_range(0..12) {
        match session.rng.random_range(0..10) {
            0..=5 => session.answer(),
            6 | 7 => session.note(step),
            _ => session.clear(),
        }
    }
    let can_undo = session.last_answer.is_some();
    let kill = pick_kill(session.rng, can_undo);
    session.in_flight(kill);
    let delay = match kill {
        // Around the note-save debounce (0.3 s).
        Kill::MidNote => session.rng.random_range(0..700),
        Kill::Idle => 0,
        _ => session.rng.random_range(0..30),
    };
    thread::sleep(Duration::from_millis(delay));
    session.tui.signal("-KILL");
    let status = session.tui.wait_exit_within(TIMEOUT);
    assert!(!status.success(), "run {run}: SIGKILL ends with a failure");
    (session.acks, kill)
}

#[test]
fn killing_the_tui_loses_no_acknowledged_answer_or_note() {
    let runs = env_number("ONSITE_SOAK_RUNS").map_or(20, |n| usize::try_from(n).unwrap_or(20));
    let seed = env_number("ONSITE_SOAK_SEED").unwrap_or_else(rand::random);
    eprintln!("kill soak: {runs} runs, ONSITE_SOAK_SEED={seed}");
    let mut rng = StdRng::seed_from_u64(seed);
    let rubric = Catalog::load(None)
        .find(RUBRIC)
        .expect("the rubric is shipped")
        .rubric
        .clone();
    let sandbox = sandbox();
    let id = new_visit(&sandbox);
    let mut known = Known::default();
    let mut counts = Counts::default();
    let mut from_seq = 1;
    // The last run was killed with the visit open: the next start must say so.
    let mut recovered = false;
    let started = Instant::now();

    for run in 0..runs {
        let mut tui = tui(&sandbox);
        let (acks, kill) = if rng.random_range(0..10) == 0 {
            thread::sleep(Duration::from_millis(rng.random_range(0..250)));
            tui.signal("-KILL");
            tui.wait_exit_within(TIMEOUT);
            // Killed before or after start-up cleared an earlier run's marker: either way.
            recovered = false;
            (Vec::new(), Kill::StartUp)
        } else {
            let ran = script_and_kill(tui, run, &rubric, &mut rng, &mut known, recovered);
            recovered = true;
            ran
        };
        *counts.kills.entry(format!("{kill:?}")).or_default() += 1;
        for ack in &acks {
            match ack {
                Ack::Answer { .. } => counts.answers += 1,
                Ack::Note { .. } => counts.notes += 1,
            }
        }
        let (stored, changes) =
            check_store(&sandbox, &id, run, from_seq, &acks, &mut known, &mut counts);
        check_export(&sandbox, run, &stored, &changes);
        from_seq = changes.len() as u64;
        counts.runs += 1;
    }

    eprintln!(
        "kill soak: {} runs in {:.1?}, {} acknowledged answers, {} acknowledged notes, \
         {} lost; in flight at the kill: {} saved, {} not saved; kills: {:?}",
        counts.runs,
        started.elapsed(),
        counts.answers,
        counts.notes,
        counts.lost,
        counts.in_flight_saved,
        counts.in_flight_not_saved,
        counts.kills
    );
    assert_eq!(counts.lost, 0, "acknowledged changes were lost (see above)");
}
