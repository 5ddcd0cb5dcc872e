//! What the fuzz targets check, one function per target. Shared by the targets
//! (`fuzz/fuzz_targets/*.rs`, nightly, coverage-guided) and by `tests/it/fuzz_corpus.rs`, which
//! replays the committed corpus on stable so every regression input stays covered by
//! `cargo test`. Each function takes the raw fuzz input and panics only when onsite
//! misbehaves: a panic of its own, or a broken promise (an export it cannot read back).

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::OnceLock;

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use onsite::catalog::Catalog;
use onsite::document::emit::Node;
use onsite::document::{self, VisitRecord};
use onsite::domain::answer::Answer;
use onsite::domain::evidence::{NewAttachment, sha256_hex};
use onsite::domain::history::{self, Change, ChangeKind, Edit, EditError, Request};
use onsite::domain::rubric::{ItemKind, Lang, Rubric};
use onsite::domain::visit::{
    Findings, Member, Role, RubricRef, Stamp, Status, Unit, UnitKind, Visit, VisitState,
    VisitSummary,
};
use onsite::report::{self, Format};
use onsite::rubric_file;
use onsite::service::{Edited, VisitError, digest};
use onsite::store::StoreError;
use onsite::strings::{inert, texts};
use onsite::tui::action::{Action, AttachedFiles, Effect};
use onsite::tui::inbox::{FolderEntry, Inbox, InboxFile, Listing};
use onsite::tui::keymap;
use onsite::tui::state::State;
use onsite::tui::update::update;
use onsite::tui::view::{Theme, render};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const LANGS: [Lang; 2] = [Lang::Vi, Lang::En];

/// Where a problem is reported must be a place in the text: line 1 up to one past the last,
/// counting lines as YAML does (a lone CR ends a line too, as in most editors).
fn assert_inside(text: &str, line: usize, column: usize) {
    let lines = text.replace("\r\n", "\n").matches(['\n', '\r']).count() + 1;
    assert!(
        line >= 1 && line <= lines + 1 && column >= 1,
        "position {line}:{column} is outside a text of {lines} lines"
    );
}

// ---------------------------------------------------------------------------------------
// rubric: `rubric_file::parse`, its diagnostics, and what a rubric it accepts goes through

/// A rubric file's text: accepted, or refused with messages that print in both languages.
/// An accepted rubric must score, survive a visit document round trip and make minutes.
pub fn rubric(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match rubric_file::parse(text) {
        Ok(rubric) => accepted_rubric(&rubric),
        Err(diagnostics) => {
            assert!(!diagnostics.is_empty(), "a refused rubric says why");
            for diagnostic in &diagnostics {
                for lang in LANGS {
                    let message = inert(&texts(lang).diagnostic(&diagnostic.kind));
                    assert!(!message.trim().is_empty(), "{diagnostic:?} has no message");
                }
                if let Some(at) = diagnostic.position {
                    // `parse` drops a leading byte-order mark before reading.
                    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
                    assert_inside(text, at.line, at.column);
                }
            }
        }
    }
}

/// The best answer of an item: full points, pass, the best level.
fn best(item: &onsite::domain::rubric::Item) -> Answer {
    match item.kind {
        ItemKind::Points => Answer::Points(item.max_points()),
        ItemKind::Check => Answer::Pass,
        ItemKind::Levels => {
            let top = item
                .levels
                .iter()
                .enumerate()
                .max_by_key(|(_, level)| level.points)
                .map_or(0, |(index, _)| index);
            Answer::Level(top)
        }
    }
}

fn accepted_rubric(rubric: &Rubric) {
    for lang in LANGS {
        let t = texts(lang);
        let _ = t.check_ok(
            &rubric.id,
            &rubric.version,
            rubric.item_count(),
            rubric.nominal_total(),
        );
        let _ = (rubric.title_in(lang), rubric.notice_in(lang));
        let _ = t.pass_rule(rubric.pass.min_score, rubric.pass.min_section_percent);
    }
    // A visit answered at its best, item by item, as the history records it.
    let mut state = fresh_visit(VISIT_IDS[0], "Sở Nội vụ", rubric, &digest(rubric));
    let mut history = vec![created(state.visit.created_at)];
    let _ = state.score(rubric);
    for item in rubric.items() {
        let request = Request::Answer {
            item: item.id.clone(),
            answer: Some(best(item)),
        };
        let edit = history::prepare(&state, rubric, request)
            .unwrap_or_else(|error| panic!("item {} refuses its best answer: {error}", item.id));
        if let Some(edit) = edit {
            let change = change(next_seq(&history), edit, ChangeKind::Do);
            history::apply(&mut state, &change);
            history.push(change);
        }
    }
    let card = state.score(rubric);
    assert!(card.unanswered.is_empty(), "every item was answered");
    let _ = state.summary(rubric);
    let record = VisitRecord {
        state,
        rubric: rubric.clone(),
        history,
    };
    if !rubric.items().any(|item| too_long_for_a_yaml_key(&item.id)) {
        round_trip(&record);
    }
    minutes(&record);
}

/// KNOWN BUG, open (the fix belongs in `src/document/emit.rs` or in a rubric rule): a rubric
/// may have an item id longer than the 1024 bytes YAML allows for a key written inline, and a
/// visit's export writes item ids as the keys of `responses:`, so it cannot be read back
/// (`fuzz/corpus/rubric/open-long-item-id.yaml`). Until then the round trip skips such
/// rubrics; delete this and its use once the bug is fixed.
fn too_long_for_a_yaml_key(key: &str) -> bool {
    let entry = document::emit::to_yaml(&Node::Map(vec![(key.to_owned(), Node::Null)]));
    entry.len() > 1000
}

/// The minutes (biên bản) of a visit, as a page and as Markdown, in both languages. Word is
/// left out: zipping it costs more than the rest of a run.
fn minutes(record: &VisitRecord) {
    for lang in LANGS {
        for format in [Format::Html, Format::Markdown] {
            if let Err(message) = report::render(record, lang, format) {
                panic!("the minutes of a visit fail: {message}");
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// document: `document::parse`, what `onsite import` reads

/// A visit document: refused with positioned messages, or read into a record that
/// `to_yaml` writes back to a document reading as the same record, byte-stable, and whose
/// minutes render.
pub fn document(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match document::parse(text) {
        Ok(record) => {
            round_trip(&record);
            let _ = record.state.summary(&record.rubric);
            minutes(&record);
        }
        Err(error) => {
            assert!(!error.problems.is_empty(), "a refused document says why");
            let _ = inert(&error.to_string());
            let text = text.strip_prefix('\u{feff}').unwrap_or(text);
            for problem in &error.problems {
                assert!(!problem.message.is_empty(), "{problem:?} has no message");
                if let Some(at) = problem.position {
                    assert_inside(text, at.line, at.column);
                }
            }
        }
    }
}

/// `to_yaml` → `parse` gives the record back, and writing it again gives the same bytes.
fn round_trip(record: &VisitRecord) {
    let yaml = document::to_yaml(record);
    let back = document::parse(&yaml)
        .unwrap_or_else(|error| panic!("onsite cannot read its own export: {error}\n{yaml}"));
    assert!(
        back == *record,
        "the export reads back as a different record\n{yaml}"
    );
    assert_eq!(document::to_yaml(&back), yaml, "the export is not stable");
}

// ---------------------------------------------------------------------------------------
// keys: key events → keymap::resolve → update, effects run in memory, every state drawn

/// When every change in memory happens.
fn now() -> Stamp {
    "2026-11-28T09:30:00+07:00"
        .parse()
        .expect("a valid RFC 3339 stamp")
}

fn created(at: Stamp) -> Change {
    Change {
        seq: 1,
        at,
        by: INSPECTOR.to_owned(),
        kind: ChangeKind::Do,
        edit: Edit::Created,
    }
}

fn change(seq: u64, edit: Edit, kind: ChangeKind) -> Change {
    Change {
        seq,
        at: now(),
        by: INSPECTOR.to_owned(),
        kind,
        edit,
    }
}

fn next_seq(history: &[Change]) -> u64 {
    history.last().map_or(1, |last| last.seq + 1)
}

const INSPECTOR: &str = "Nguyễn Thị Lan";

/// Ids of the visits a run starts with, oldest first (ULIDs sort by creation).
const VISIT_IDS: [&str; 3] = [
    "01KAB8C2D4E6F8G0H2J4K6M8N0",
    "01KAZ4M2P7Q9R1S3T5V7W9X1Y3",
    "01KB2Y7G5M8Q3W4E5R6T7Y8U9A",
];

/// The shipped rubrics, read once: the 41-item agency rubric first.
fn shipped() -> &'static [Rubric] {
    static RUBRICS: OnceLock<Vec<Rubric>> = OnceLock::new();
    RUBRICS.get_or_init(|| {
        let mut rubrics: Vec<Rubric> = Catalog::load(None)
            .entries
            .into_iter()
            .map(|entry| entry.rubric)
            .collect();
        rubrics.sort_by_key(|r| r.id != "co-quan-dat-chuan-van-hoa");
        assert!(rubrics.len() >= 2, "the shipped rubrics load");
        rubrics
    })
}

fn fresh_visit(id: &str, unit: &str, rubric: &Rubric, digest: &str) -> VisitState {
    let at: Stamp = "2026-11-28T09:00:00+07:00"
        .parse()
        .expect("a valid RFC 3339 stamp");
    VisitState {
        visit: Visit {
            id: id.to_owned(),
            unit: Unit {
                name: unit.to_owned(),
                kind: UnitKind::CoQuan,
                address: "26 Phan Đình Phùng, TP Hà Tĩnh".to_owned(),
            },
            date: "2026-11-28".parse().expect("a valid date"),
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
            created_at: at,
            updated_at: at,
            finalized_at: None,
            findings: Findings::default(),
            rubric: RubricRef {
                id: rubric.id.clone(),
                version: rubric.version.clone(),
                digest: digest.to_owned(),
            },
            deleted_at: None,
            follow_up_of: None,
            actions: Vec::new(),
            attachments: Vec::new(),
        },
        responses: BTreeMap::new(),
    }
}

/// The store, in memory: each visit with its rubric and history.
#[derive(Clone)]
struct Kept {
    state: VisitState,
    rubric: Rubric,
    history: Vec<Change>,
}

impl Kept {
    fn new(state: VisitState, rubric: &Rubric) -> Kept {
        let history = vec![created(state.visit.created_at)];
        Kept {
            state,
            rubric: rubric.clone(),
            history,
        }
    }

    /// `answers` recorded as changes, the way the app would have made them.
    fn answer(mut self, answers: impl IntoIterator<Item = (String, Answer)>) -> Kept {
        for (item, answer) in answers {
            let request = Request::Answer {
                item,
                answer: Some(answer),
            };
            if let Ok(Some(edit)) = history::prepare(&self.state, &self.rubric, request) {
                self.record(edit, ChangeKind::Do);
            }
        }
        self
    }

    fn record(&mut self, edit: Edit, kind: ChangeKind) -> Edited {
        let change = change(next_seq(&self.history), edit, kind);
        history::apply(&mut self.state, &change);
        self.history.push(change.clone());
        Edited {
            state: self.state.clone(),
            rubric: self.rubric.clone(),
            change: Some(change),
        }
    }
}

/// The TUI's state and the in-memory store the effects act on, as `tui::app::App` runs them
/// against the real store (`service::create`, `edit`, `undo`, `redo`). The store can be
/// made to refuse writes, as a full disk does, to drive the TUI's unsaved changes.
#[derive(Clone)]
struct Session {
    state: State,
    store: Vec<Kept>,
    created: usize,
    disk_full: bool,
}

impl Session {
    fn kept(&mut self, id: &str) -> Option<&mut Kept> {
        self.store.iter_mut().find(|kept| kept.state.visit.id == id)
    }

    fn summaries(&self) -> Vec<VisitSummary> {
        let mut list: Vec<VisitSummary> = self
            .store
            .iter()
            .map(|kept| kept.state.summary(&kept.rubric))
            .collect();
        list.reverse();
        list
    }

    fn open_id(&self) -> Option<String> {
        let open = self.state.open.as_ref()?;
        Some(open.state.visit.id.clone())
    }

    fn visit_failed(&self, error: &VisitError) -> Action {
        Action::Failed(texts(self.state.lang).visit_error(error))
    }

    fn not_found(&self, id: &str) -> Action {
        self.visit_failed(&VisitError::NotFound(id.to_owned()))
    }

    fn edit_failed(&self, error: EditError) -> Action {
        self.visit_failed(&VisitError::Edit(error))
    }

    /// What the store says when the disk is full.
    fn full(&self) -> String {
        let error = StoreError::Io {
            dir: "/home/lan/.local/share/onsite/store".into(),
            source: std::io::Error::from_raw_os_error(28),
        };
        texts(self.state.lang).store_error(&error)
    }

    /// Opens a visit as Enter on the list does.
    fn open(&mut self, id: &str) {
        if let Some(opened) = self.run(Effect::OpenVisit(id.to_owned())) {
            self.dispatch(opened);
        }
    }

    /// Runs `action` and everything it leads to, like `App::dispatch`: each effect's result
    /// is settled before the next effect runs.
    fn dispatch(&mut self, action: Action) {
        for effect in update(&mut self.state, action) {
            if let Some(result) = self.run(effect) {
                self.dispatch(result);
            }
        }
    }

    /// A change to `visit`, like `App::save`: it waits behind changes not yet saved, and a
    /// full disk keeps it unsaved.
    fn save(&mut self, visit: String, request: Request) -> Action {
        if !self.state.unsaved.is_empty() || self.disk_full {
            let error = self.disk_full.then(|| self.full());
            return Action::NotSaved {
                visit,
                request,
                error,
            };
        }
        let Some(kept) = self.kept(&visit) else {
            return self.not_found(&visit);
        };
        match history::prepare(&kept.state, &kept.rubric, request) {
            Ok(Some(edit)) => Action::Saved(Box::new(kept.record(edit, ChangeKind::Do))),
            Ok(None) => Action::Saved(Box::new(Edited {
                state: kept.state.clone(),
                rubric: kept.rubric.clone(),
                change: None,
            })),
            Err(error) => self.edit_failed(error),
        }
    }

    /// The minutes of the open visit, rendered as `App::write_report` does (not written).
    fn write_report(&mut self) -> Option<Action> {
        let id = self.open_id()?;
        let lang = self.state.lang;
        let disk_full = self.disk_full;
        let Some(kept) = self.kept(&id) else {
            return Some(self.not_found(&id));
        };
        let record = VisitRecord {
            state: kept.state.clone(),
            rubric: kept.rubric.clone(),
            history: kept.history.clone(),
        };
        let t = texts(lang);
        let name = report::file_name(&record, Format::Html.extension());
        Some(match report::render(&record, lang, Format::Html) {
            Ok(_) if disk_full => Action::Failed(t.export_failed(&name, "No space left on device")),
            Ok(_) => Action::Info(t.report_written(&name)),
            Err(message) => Action::Failed(message),
        })
    }

    /// Attaches `paths` like `App::attach`: a file outside the fake inbox does not exist, a
    /// file's content is its path, the same content is not attached to an item twice.
    fn attach(&mut self, effect: Effect) -> Option<Action> {
        let Effect::Attach {
            visit,
            item,
            paths,
            caption,
        } = effect
        else {
            return None;
        };
        if let Some(path) = paths.iter().find(|path| !path.starts_with(FAKE_INBOX)) {
            let problem = onsite::evidence::SourceProblem::Missing;
            return Some(self.visit_failed(&VisitError::File {
                path: path.clone(),
                problem,
            }));
        }
        if self.disk_full {
            return Some(Action::Failed(self.full()));
        }
        let ids: Vec<String> = paths.iter().map(|_| self.action_id()).collect();
        let Some(kept) = self.kept(&visit) else {
            return Some(self.not_found(&visit));
        };
        let (mut added, mut already, mut outcome) = (Vec::new(), Vec::new(), None);
        for (path, id) in paths.iter().zip(ids) {
            let name = path
                .file_name()
                .map_or_else(String::new, |name| name.to_string_lossy().into_owned());
            let sha256 = sha256_hex(path.to_string_lossy().as_bytes());
            if kept
                .state
                .visit
                .evidence_of(&item)
                .any(|a| a.added.sha256 == sha256)
            {
                already.push(name);
                continue;
            }
            let new = NewAttachment {
                id: id.clone(),
                item: item.clone(),
                sha256,
                name,
                bytes: 1_000,
                media_type: "image/jpeg".to_owned(),
                caption: caption.clone(),
                taken_at: None,
            };
            match history::prepare(&kept.state, &kept.rubric, Request::Attach(new)) {
                Ok(Some(edit)) => {
                    outcome = Some(kept.record(edit, ChangeKind::Do));
                    added.push(id);
                }
                Ok(None) => {}
                Err(error) => return Some(self.edit_failed(error)),
            }
        }
        Some(Action::Attached(Box::new(AttachedFiles {
            visit,
            item,
            added,
            already,
            outcome,
        })))
    }

    /// A new corrective action's id, the model's own.
    fn action_id(&mut self) -> String {
        self.created += 1;
        format!("01KD{:022}", self.created)
    }

    /// The visit a follow-up starts from.
    fn follow_up_ready(&mut self, id: &str) -> Action {
        match self.kept(id) {
            Some(kept) => Action::FollowUpReady(Box::new(kept.state.clone())),
            None => self.not_found(id),
        }
    }

    /// The summary of `rubric`'s finalized visits outside the trash, like `App::load_stats`.
    fn stats(&self, rubric: &str) -> Action {
        use onsite::domain::stats::{Counted, summarize};
        let kept: Vec<&Kept> = self
            .store
            .iter()
            .filter(|k| k.rubric.id == rubric && k.state.visit.deleted_at.is_none())
            .filter(|k| k.state.visit.status == onsite::domain::visit::Status::Finalized)
            .collect();
        let answers: Vec<_> = kept.iter().map(|k| k.state.answers()).collect();
        let counted: Vec<Counted<'_>> = kept
            .iter()
            .zip(&answers)
            .map(|(k, answers)| Counted {
                visit: &k.state.visit,
                answers,
                rubric: &k.rubric,
            })
            .collect();
        Action::StatsLoaded(Box::new(summarize(&counted)))
    }

    /// A corrective action added, its id made here as the app makes it.
    fn add_action(&mut self, effect: Effect) -> Option<Action> {
        let Effect::AddAction {
            visit,
            item,
            text,
            owner,
            due,
        } = effect
        else {
            return None;
        };
        let id = self.action_id();
        let added = onsite::domain::action::NewAction {
            id,
            item,
            text,
            owner,
            due,
        };
        Some(self.save(visit, Request::ActionAdd(added)))
    }

    /// One effect, like `App::run`; its result comes back as an action.
    // One arm per effect, as in `App::run`: splitting it would only hide that mirror.
    #[allow(clippy::too_many_lines)]
    fn run(&mut self, effect: Effect) -> Option<Action> {
        let writes = matches!(
            effect,
            Effect::CreateVisit { .. }
                | Effect::Undo
                | Effect::Redo
                | Effect::Trash(_)
                | Effect::Restore(_)
        );
        if writes && self.disk_full {
            return Some(Action::Failed(self.full()));
        }
        let restore = matches!(effect, Effect::Restore(_));
        match effect {
            Effect::LoadList => Some(Action::ListLoaded(self.summaries())),
            Effect::OpenVisit(id) => match self.kept(&id) {
                Some(kept) => Some(Action::Opened(Box::new((
                    kept.state.clone(),
                    kept.rubric.clone(),
                )))),
                None => Some(self.not_found(&id)),
            },
            Effect::CreateVisit {
                rubric,
                new,
                follow_up,
                ..
            } => {
                self.created += 1;
                let id = format!("01KC{:022}", self.created);
                let mut state = fresh_visit(&id, &new.unit.name, &rubric, &digest(&rubric));
                state.visit.unit = new.unit;
                state.visit.date = new.date;
                state.visit.team = new.team;
                state.visit.follow_up_of = follow_up;
                self.store.push(Kept::new(state.clone(), &rubric));
                Some(Action::Created(Box::new((state, *rubric))))
            }
            Effect::Edit(request) => {
                let id = self.open_id()?;
                Some(self.save(id, request))
            }
            Effect::Save { visit, request } => Some(self.save(visit, request)),
            Effect::PrepareFollowUp(id) => Some(self.follow_up_ready(&id)),
            Effect::LoadStats { rubric } => Some(self.stats(&rubric)),
            add @ Effect::AddAction { .. } => self.add_action(add),
            Effect::Undo | Effect::Redo => {
                let id = self.open_id()?;
                let Some(kept) = self.kept(&id) else {
                    return Some(self.not_found(&id));
                };
                let done = if effect == Effect::Undo {
                    history::undo(&kept.state, &kept.history)
                } else {
                    history::redo(&kept.state, &kept.history)
                };
                match done {
                    Ok((edit, kind)) => Some(Action::Saved(Box::new(kept.record(edit, kind)))),
                    Err(error) => Some(self.edit_failed(error)),
                }
            }
            Effect::Trash(id) | Effect::Restore(id) => {
                let request = if restore {
                    Request::Restore
                } else {
                    Request::Trash
                };
                let Some(kept) = self.kept(&id) else {
                    return Some(self.not_found(&id));
                };
                match history::prepare(&kept.state, &kept.rubric, request) {
                    Ok(Some(edit)) => {
                        kept.record(edit, ChangeKind::Do);
                        None
                    }
                    Ok(None) => None,
                    Err(error) => Some(self.edit_failed(error)),
                }
            }
            Effect::WriteReport => self.write_report(),
            // The inbox and the folders a path is completed in: fixed, in memory (a fuzzer
            // never reads the disk).
            Effect::ListInbox => Some(Action::InboxListed(Box::new(fake_inbox()))),
            Effect::ListFolder(dir) => Some(fake_folder(dir)),
            attach @ Effect::Attach { .. } => self.attach(attach),
            // A quit called off because a change could not be saved keeps the visit marked
            // open (as the app does).
            Effect::MarkSession(None) if !self.state.quitting && self.state.open.is_some() => None,
            Effect::MarkSession(_) if self.disk_full => Some(Action::Failed(self.full())),
            Effect::SaveInspector(_) | Effect::MarkSession(_) | Effect::Quit => None,
        }
    }
}

/// The inbox folder of the model.
const FAKE_INBOX: &str = "/home/lan/Pictures/onsite";

/// Three files in the model's inbox, one of them without a time.
fn fake_inbox() -> Inbox {
    let when = |minute: i8| {
        jiff::civil::date(2026, 12, 5)
            .at(9, minute, 0, 0)
            .to_zoned_datetime(jiff::tz::TimeZone::fixed(jiff::tz::offset(7)))
            .ok()
    };
    let file = |name: &str, bytes: u64, modified| InboxFile {
        name: name.to_owned(),
        path: PathBuf::from(FAKE_INBOX).join(name),
        bytes,
        modified,
    };
    Inbox {
        dir: PathBuf::from(FAKE_INBOX),
        listing: Listing::Files(vec![
            file("IMG_0001.jpg", 2_411_724, when(14)),
            file("bien-ten-cong.jpg", 524_288, when(2)),
            file("Kế hoạch 2026.pdf", 348_160, None),
        ]),
    }
}

/// Any folder of the model, for Tab: names sharing starts, a folder, a hidden file.
fn fake_folder(dir: PathBuf) -> Action {
    let entries = [
        ("IMG_0001.jpg", false),
        ("IMG_0002.jpg", false),
        ("DCIM", true),
        (".thumbs", false),
    ]
    .into_iter()
    .map(|(name, folder)| FolderEntry {
        name: name.to_owned(),
        folder,
    })
    .collect();
    Action::FolderListed { dir, entries }
}

/// Where a run starts, chosen by the input's first byte; built once per choice, then cloned
/// (building it costs more than most runs).
fn start(choice: u8) -> Session {
    thread_local! {
        static STARTS: std::cell::RefCell<BTreeMap<u8, Session>> = const {
            std::cell::RefCell::new(BTreeMap::new())
        };
    }
    STARTS.with(|starts| {
        starts
            .borrow_mut()
            .entry(choice)
            .or_insert_with(|| build_start(choice))
            .clone()
    })
}

fn build_start(choice: u8) -> Session {
    let rubrics = shipped();
    let co_quan = &rubrics[0];
    let cong_so = &rubrics[1];
    let lang = if choice & 0x80 == 0 {
        Lang::Vi
    } else {
        Lang::En
    };
    let inspector = (choice & 0x0f != 4).then(|| INSPECTOR.to_owned());
    let mut state = State::new(lang, inspector, rubrics.to_vec());
    state.advance = choice & 0x40 == 0;
    let some_answers = co_quan
        .items()
        .take(3)
        .map(|item| (item.id.clone(), best(item)))
        .collect::<Vec<_>>();
    let all_answers = |rubric: &Rubric, skip: usize| {
        rubric
            .items()
            .skip(skip)
            .map(|item| (item.id.clone(), best(item)))
            .collect::<Vec<_>>()
    };
    let mut failed = Kept::new(
        fresh_visit(VISIT_IDS[0], "Bệnh viện Đa khoa tỉnh", co_quan, "sha256:a"),
        co_quan,
    )
    .answer(all_answers(co_quan, 0));
    if let Some(critical) = co_quan.items().find(|item| item.critical) {
        failed = failed.answer([(critical.id.clone(), Answer::Points(0.into()))]);
        failed = failed.answer([(critical.id.clone(), Answer::Fail)]);
    }
    let mut finalized = Kept::new(
        fresh_visit(
            VISIT_IDS[1],
            "Trường THPT Phan Đình Phùng",
            cong_so,
            "sha256:b",
        ),
        cong_so,
    )
    .answer(all_answers(cong_so, 0));
    if let Ok(Some(edit)) = history::prepare(&finalized.state, cong_so, Request::Finalize) {
        finalized.record(edit, ChangeKind::Do);
    }
    let in_progress = Kept::new(
        fresh_visit(
            VISIT_IDS[2],
            "Sở Văn hóa, Thể thao và Du lịch",
            co_quan,
            "sha256:c",
        ),
        co_quan,
    )
    .answer(some_answers);
    let mut session = Session {
        state,
        store: vec![failed, finalized, in_progress],
        created: 0,
        disk_full: false,
    };
    session.dispatch(Action::ListLoaded(session.summaries()));
    match choice & 0x0f {
        // The scoring screen of the 41-item rubric, a few items answered.
        1 => session.open(VISIT_IDS[2]),
        // A visit just created: the rubric's notice shows first.
        5 => {
            let fresh = fresh_visit("01KC0000000000000000000000", "Công an xã", co_quan, "x");
            session.store.push(Kept::new(fresh.clone(), co_quan));
            session.dispatch(Action::Created(Box::new((fresh, co_quan.clone()))));
        }
        // Nearly done: every item answered but the last two.
        2 => {
            let nearly = Kept::new(
                fresh_visit(
                    "01KB9Z0000000000000000000A",
                    "UBND phường",
                    co_quan,
                    "sha256:d",
                ),
                co_quan,
            )
            .answer(
                all_answers(co_quan, 0)
                    .into_iter()
                    .take(co_quan.item_count() - 2),
            );
            session.store.push(nearly);
            session.open("01KB9Z0000000000000000000A");
        }
        // Read-only: the finalized visit.
        3 => session.open(VISIT_IDS[1]),
        // 4: the first run, asking the inspector's name.
        // The new-visit form.
        6 | 7 => session.dispatch(Action::NewVisit),
        _ => {}
    }
    session
}

/// Typed characters: the scoring keys, digits, Vietnamese letters precomposed and as base
/// plus combining accent, wide and zero-width characters, and control characters an odd
/// keyboard or IME may send.
const CHARS: [char; 64] = [
    '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '.', ' ', 'j', 'k', '[', ']', 'x', 'e', 'g',
    'u', '/', 'n', 'N', 's', 'f', '?', 'q', 'd', 'y', 'r', 'a', 'w', 'ă', 'â', 'đ', 'ê', 'ô', 'ơ',
    'ư', 'à', 'ả', 'ã', 'ạ', 'ế', 'ệ', 'ữ', 'Đ', 'Ư', 'Ấ', '\u{301}', '\u{323}', '\u{303}', '中',
    '😀', '\u{200b}', '\u{200d}', '\u{202e}', '\u{1b}', '\t', '\n', '\r', '\u{7f}', ',', ':',
];

/// Keys without a character.
const NAMED: [(KeyCode, KeyModifiers); 32] = [
    (KeyCode::Enter, KeyModifiers::NONE),
    (KeyCode::Esc, KeyModifiers::NONE),
    (KeyCode::Tab, KeyModifiers::NONE),
    (KeyCode::BackTab, KeyModifiers::SHIFT),
    (KeyCode::Up, KeyModifiers::NONE),
    (KeyCode::Down, KeyModifiers::NONE),
    (KeyCode::Left, KeyModifiers::NONE),
    (KeyCode::Right, KeyModifiers::NONE),
    (KeyCode::Backspace, KeyModifiers::NONE),
    (KeyCode::Delete, KeyModifiers::NONE),
    (KeyCode::Home, KeyModifiers::NONE),
    (KeyCode::End, KeyModifiers::NONE),
    (KeyCode::PageUp, KeyModifiers::NONE),
    (KeyCode::PageDown, KeyModifiers::NONE),
    (KeyCode::Insert, KeyModifiers::NONE),
    (KeyCode::F(1), KeyModifiers::NONE),
    (KeyCode::F(2), KeyModifiers::NONE),
    (KeyCode::F(5), KeyModifiers::NONE),
    (KeyCode::F(12), KeyModifiers::NONE),
    (KeyCode::Enter, KeyModifiers::ALT),
    (KeyCode::Enter, KeyModifiers::SHIFT),
    (KeyCode::Enter, KeyModifiers::CONTROL),
    (KeyCode::Tab, KeyModifiers::SHIFT),
    (KeyCode::Up, KeyModifiers::SHIFT),
    (KeyCode::Down, KeyModifiers::CONTROL),
    (KeyCode::Left, KeyModifiers::ALT),
    (KeyCode::Right, KeyModifiers::CONTROL),
    (KeyCode::Backspace, KeyModifiers::ALT),
    (KeyCode::Backspace, KeyModifiers::CONTROL),
    (KeyCode::Esc, KeyModifiers::ALT),
    (KeyCode::Null, KeyModifiers::NONE),
    (KeyCode::CapsLock, KeyModifiers::NONE),
];

/// What the terminal can deliver, besides the clock.
enum Input {
    Key(KeyEvent),
    Paste(String),
    /// The note-save debounce ran out.
    Tick,
    /// Time to try the changes the store refused again.
    Retry,
    /// SIGTERM or a hang-up.
    Terminate,
    /// From now on the store refuses (`true`) or takes (`false`) every write.
    DiskFull(bool),
}

/// Takes the next input off the fuzz data: one opcode byte, sometimes with operands.
fn next_input(data: &mut &[u8]) -> Option<Input> {
    let (&op, rest) = data.split_first()?;
    *data = rest;
    let mut operand = || {
        let (&byte, rest) = data.split_first().unwrap_or((&0, &[]));
        *data = rest;
        byte
    };
    let typed = |c: char, modifiers: KeyModifiers| {
        let shift = if c.is_uppercase() {
            KeyModifiers::SHIFT
        } else {
            KeyModifiers::NONE
        };
        KeyEvent::new(KeyCode::Char(c), modifiers | shift)
    };
    let index = usize::from(op);
    Some(match op {
        0x00..=0x7f => Input::Key(typed(CHARS[index % CHARS.len()], KeyModifiers::NONE)),
        0x80..=0x9f => {
            let (code, modifiers) = NAMED[index - 0x80];
            Input::Key(KeyEvent::new(code, modifiers))
        }
        // Ctrl with a letter (Ctrl-c quits from anywhere).
        0xa0..=0xbf => {
            let letter = char::from(b'a' + (op - 0xa0) % 26);
            Input::Key(KeyEvent::new(KeyCode::Char(letter), KeyModifiers::CONTROL))
        }
        0xc0..=0xcf => {
            let c = CHARS[usize::from(operand()) % CHARS.len()];
            Input::Key(typed(c, KeyModifiers::ALT))
        }
        // Any Unicode scalar value.
        0xd0..=0xdf => {
            let code = u32::from_le_bytes([operand(), operand(), operand() & 0x1f, 0]);
            Input::Key(typed(char::from_u32(code)?, KeyModifiers::NONE))
        }
        // A bracketed paste of up to 255 bytes.
        0xe0..=0xef => {
            let len = usize::from(operand()).min(data.len());
            let (pasted, rest) = data.split_at(len);
            *data = rest;
            Input::Paste(String::from_utf8_lossy(pasted).into_owned())
        }
        0xf0..=0xf5 => Input::Tick,
        0xf6..=0xf7 => Input::Retry,
        // A key released or repeated: terminals with the kitty protocol send both.
        0xf8..=0xfb => {
            let mut event = typed(
                CHARS[usize::from(operand()) % CHARS.len()],
                KeyModifiers::NONE,
            );
            event.kind = if op & 1 == 0 {
                KeyEventKind::Release
            } else {
                KeyEventKind::Repeat
            };
            Input::Key(event)
        }
        0xfc => Input::Terminate,
        0xfd => Input::DiskFull(true),
        0xfe => Input::DiskFull(false),
        // A paste near or over the length limit of a note (20 000 characters). Rare: every
        // later frame has to measure it.
        0xff => {
            let chars = 19_990 + usize::from(operand() % 32);
            Input::Paste("ệ".repeat(chars))
        }
    })
}

/// A terminal of `width`×`height` that only remembers what was drawn.
fn terminal(width: u16, height: u16) -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(width, height)).expect("a test terminal")
}

/// Draws the screen as the app does: `render` on the terminal, which then writes the cells
/// that changed since its last frame.
fn draw(terminal: &mut Terminal<TestBackend>, state: &State, color: bool) {
    terminal
        .draw(|frame| render(frame, state, Theme { color }))
        .expect("drawing on a test backend");
}

/// A key script: byte 0 picks where to start (visit list, scoring screen, nearly finished
/// visit, finalized visit, first run, new visit and its notice, new-visit form; Vietnamese or
/// English; advance on or off), byte 1 the size of a small terminal; the rest are inputs
/// (see [`next_input`]). Every input goes through `keymap::resolve` and `update` like the
/// app's event loop, and effects run against an in-memory store, which the input can fill
/// up (writes refused) and empty again. Each state an input leads
/// to is drawn, at the small size and at 80×24 in turn (drawing costs more than the rest of a
/// step), and the last one at both. Nothing may panic.
pub fn keys(data: &[u8]) {
    let [choice, size, rest @ ..] = data else {
        return;
    };
    let mut session = start(*choice);
    let mut small = terminal(1 + u16::from(size % 64), 1 + u16::from(size / 64) * 6);
    let mut normal = terminal(80, 24);
    let mut data = rest;
    let mut steps = 0;
    let mut last_step = 2_000;
    while let Some(input) = next_input(&mut data) {
        // One paste at the length limit per run, and a few steps after it: every later frame
        // measures the whole text, and what matters is the limit, not a slow fuzzer.
        if let Input::Paste(text) = &input
            && text.len() > 1_000
        {
            if last_step < 2_000 {
                continue;
            }
            last_step = steps + 32;
        }
        let action = match input {
            Input::Key(event) => keymap::resolve(&session.state, &event),
            Input::Paste(text) => Some(Action::Paste(text)),
            Input::Tick => Some(Action::Tick),
            Input::Retry => Some(Action::Retry),
            Input::Terminate => Some(Action::Terminate),
            Input::DiskFull(full) => {
                session.disk_full = full;
                None
            }
        };
        // A key bound to nothing changes nothing: no redraw, as in the app.
        let Some(action) = action else { continue };
        session.dispatch(action);
        let _ = keymap::grouped(keymap::context(&session.state));
        steps += 1;
        if steps % 2 == 0 {
            draw(&mut small, &session.state, false);
        } else {
            draw(&mut normal, &session.state, true);
        }
        if session.state.quitting || steps > last_step {
            break;
        }
    }
    draw(&mut small, &session.state, true);
    draw(&mut normal, &session.state, false);
}
