//! Everything the TUI shows, as plain data. Views borrow it; only `update` changes it.

use std::collections::BTreeSet;
use std::path::PathBuf;

use crate::domain::history::Request;
use crate::domain::rubric::{Item, Lang, Rubric, Section};
use crate::domain::scoring::Scorecard;
use crate::domain::visit::{FindingField, UnitKind, VisitState, VisitSummary};

use super::editor::{self, Editor};
use super::inbox::Inbox;
pub use crate::ui::Confirm;

#[derive(Debug, Clone)]
pub struct State {
    pub lang: Lang,
    pub inspector: Option<String>,
    /// The rubrics a new visit can use.
    pub rubrics: Vec<Rubric>,
    pub screen: Screen,
    pub visits: Vec<VisitSummary>,
    /// The plan's entries not started yet, from today on, soonest first: shown above the
    /// visits under "Kế hoạch".
    pub plans: Vec<crate::domain::plan::PlanEntry>,
    pub list: ListView,
    pub open: Option<OpenVisit>,
    pub overlay: Option<Overlay>,
    pub message: Option<Message>,
    /// Shown on the list after a crash: "Đã khôi phục bản dự thảo …".
    pub banner: Option<String>,
    /// After an answer, move to the next item.
    pub advance: bool,
    /// Set once the app should stop (after saving).
    pub quitting: bool,
    /// Changes the store did not take, oldest first: shown as not saved, retried until they
    /// are saved (see `update::unsaved`).
    pub unsaved: Vec<Unsaved>,
    /// Why the store refused the last of them, for the warning line.
    pub unsaved_error: Option<String>,
    /// A signal or a lost terminal asked us to stop: quit even with unsaved changes.
    pub terminating: bool,
    /// The user's home folder: `~` in a typed path, and shown as `~` (set by the app).
    pub home: Option<PathBuf>,
}

/// A change waiting to be saved, for the visit it belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unsaved {
    pub visit: String,
    pub request: Request,
}

#[derive(Debug, Clone)]
pub enum Screen {
    /// First run: who is scoring?
    AskName(Box<Editor>),
    List,
    NewVisit(Box<Form>),
    Scoring,
    Summary,
    /// The minutes' details ([`FindingField::MINUTES`]), reached from the summary.
    Minutes,
    /// The summary of the finalized visits of one rubric (`s` on the list): what
    /// `onsite stats` prints, scrolled.
    Stats(Box<StatsView>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatsView {
    pub stats: crate::domain::stats::Stats,
    /// Lines scrolled off the top.
    pub scroll: u16,
}

#[derive(Debug, Clone, Default)]
pub struct ListView {
    pub selected: usize,
    pub filter: String,
    pub filtering: bool,
    /// Showing the visits in the trash (to restore one) instead of the others.
    pub trash: bool,
    /// The visit this session moved to the trash last: `u` on the list brings it back.
    pub last_trashed: Option<String>,
    /// The cursor is on this planned entry (above the visits) rather than on a visit.
    pub plan_selected: Option<usize>,
}

/// The new-visit form's fields, in Tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Unit,
    Kind,
    Address,
    Date,
    Leader,
    Secretary,
    Members,
    Rubric,
    /// The visit this one checks again (kiểm tra lại / phúc tra), among the unit's visits.
    Previous,
}

impl Field {
    pub const ALL: [Field; 9] = [
        Field::Unit,
        Field::Kind,
        Field::Address,
        Field::Date,
        Field::Leader,
        Field::Secretary,
        Field::Members,
        Field::Rubric,
        Field::Previous,
    ];

    pub fn is_choice(self) -> bool {
        matches!(self, Field::Kind | Field::Rubric | Field::Previous)
    }
}

#[derive(Debug, Clone)]
pub struct Form {
    pub focus: usize,
    /// One editor per text field, indexed like [`Field::ALL`] (choice fields' stay empty).
    pub texts: Vec<Editor>,
    pub kind: UnitKind,
    pub rubric: usize,
    /// The visit this one checks again (its id), or `None` for a first visit.
    pub follow_up: Option<String>,
    /// The plan entry this visit starts (its id): linked to the visit once created.
    pub plan: Option<String>,
    pub error: Option<String>,
}

impl Form {
    pub fn new(today: &str, leader: Option<&str>) -> Form {
        let texts = Field::ALL
            .iter()
            .map(|field| match field {
                Field::Date => editor::editor(today),
                Field::Leader => editor::editor(leader.unwrap_or("")),
                _ => editor::editor(""),
            })
            .collect();
        Form {
            focus: 0,
            texts,
            kind: UnitKind::CoQuan,
            rubric: 0,
            follow_up: None,
            plan: None,
            error: None,
        }
    }

    pub fn field(&self) -> Field {
        Field::ALL[self.focus]
    }

    pub fn text(&self, field: Field) -> String {
        let index = Field::ALL.iter().position(|f| *f == field).unwrap_or(0);
        editor::text(&self.texts[index])
    }

    /// The visits this one can check again: the typed unit's visits outside the trash
    /// (names compared without case), newest first, and the one chosen even if the name
    /// was changed since.
    pub fn previous_choices<'a>(&self, visits: &'a [VisitSummary]) -> Vec<&'a VisitSummary> {
        let unit = self.text(Field::Unit).trim().to_lowercase();
        let mut choices: Vec<&VisitSummary> = visits
            .iter()
            .filter(|visit| !visit.deleted)
            .filter(|visit| {
                (!unit.is_empty() && visit.unit.trim().to_lowercase() == unit)
                    || self.follow_up.as_deref() == Some(visit.id.as_str())
            })
            .collect();
        choices.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| b.id.cmp(&a.id)));
        choices
    }

    /// Whether the user typed anything beyond the defaults (then Esc asks first).
    pub fn is_touched(&self) -> bool {
        [
            Field::Unit,
            Field::Address,
            Field::Secretary,
            Field::Members,
        ]
        .iter()
        .any(|field| !self.text(*field).trim().is_empty())
    }
}

/// One detail of the minutes being edited. Saved on Enter, only once it is valid (a time
/// as HH:MM, ...): unlike a note it is not saved while typing, so a half-typed time is never
/// sent to the store.
#[derive(Debug, Clone)]
pub struct MinutesEdit {
    pub field: FindingField,
    pub editor: Editor,
}

/// What the note editor is editing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoteTarget {
    Item(String),
    Finding(FindingField),
}

#[derive(Debug, Clone)]
pub struct NoteEdit {
    pub target: NoteTarget,
    pub editor: Editor,
    /// Typed since the last save.
    pub dirty: bool,
}

#[derive(Debug, Clone, Default)]
pub struct Search {
    pub query: String,
    pub typing: bool,
}

/// The visit being scored, with its rubric and current score.
#[derive(Debug, Clone)]
pub struct OpenVisit {
    pub state: VisitState,
    pub rubric: Rubric,
    pub card: Scorecard,
    /// Index into the rubric's items, in order.
    pub cursor: usize,
    /// Digits typed so far for a points item.
    pub typed: String,
    pub note: Option<NoteEdit>,
    pub search: Search,
    /// Selected row of the summary screen (the four findings, then the unanswered items).
    pub summary_row: usize,
    /// Move on once the pending answer is saved.
    pub advance_on_save: bool,
    /// The item whose answer was just recorded, echoed on the status line until the next key.
    pub echo: Option<String>,
    /// How far a criterion's text is scrolled (PgDn/PgUp) when it does not fit a small
    /// terminal: (the cursor it was scrolled at, rows). Any other criterion shows its top.
    pub text_scroll: (usize, u16),
    /// Selected row of the minutes' details (an index into [`FindingField::MINUTES`]).
    pub minutes_row: usize,
    pub minutes_edit: Option<MinutesEdit>,
    /// The visit this one checks again, once loaded (a follow-up only).
    pub previous: Option<Previous>,
    /// The corrective-action form, open over the scoring or summary screen.
    pub action_form: Option<ActionForm>,
    /// Choosing files to attach to an item, over the scoring screen.
    pub picker: Option<Picker>,
    /// The SHA-256 of attachments whose files are not on this laptop (a visit synced or
    /// imported without them), as the app found when the visit opened.
    pub missing_files: BTreeSet<String>,
}

/// Choosing evidence for an item (`p`): the inbox folder's files, or a typed path; then a
/// caption.
#[derive(Debug, Clone)]
pub struct Picker {
    /// The item the files are evidence for.
    pub item: String,
    /// The inbox folder as read, newest file first; `None` until the app has read it.
    pub inbox: Option<Inbox>,
    /// The highlighted file.
    pub cursor: usize,
    /// The files chosen with Space (indexes into the inbox's files), in the order chosen:
    /// the order they are attached in.
    pub chosen: Vec<usize>,
    pub step: PickerStep,
}

#[derive(Debug, Clone)]
pub enum PickerStep {
    /// Choosing among the inbox's files.
    Files,
    /// Typing the path of a file.
    Path(Editor),
    /// The caption of `paths`, about to be attached. `typed` is the path typed, when the
    /// file came from there (Esc goes back to it).
    Caption {
        paths: Vec<PathBuf>,
        editor: Editor,
        typed: Option<String>,
    },
}

impl Picker {
    /// The inbox's files (none until it is read, or when it cannot be).
    pub fn files(&self) -> &[super::inbox::InboxFile] {
        match self.inbox.as_ref().map(|inbox| &inbox.listing) {
            Some(super::inbox::Listing::Files(files)) => files,
            _ => &[],
        }
    }
}

/// The visit a follow-up checks again, scored with its own rubric: items and standards are
/// compared by id.
#[derive(Debug, Clone)]
pub struct Previous {
    pub state: VisitState,
    pub rubric: Rubric,
    pub card: Scorecard,
}

impl Previous {
    pub fn new(state: VisitState, rubric: Rubric) -> Previous {
        let card = state.score(&rubric);
        Previous {
            state,
            rubric,
            card,
        }
    }

    /// Points earned then on `item` (`None`: unanswered, not applicable, or not in that
    /// version of the rubric).
    pub fn points(&self, item: &str) -> Option<rust_decimal::Decimal> {
        let answer = self.state.answer(item)?;
        self.rubric.item(item)?.points_for(answer)
    }
}

/// One field of the corrective-action form, in Tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActionFormField {
    Text,
    Owner,
    Due,
}

impl ActionFormField {
    pub const ALL: [ActionFormField; 3] = [
        ActionFormField::Text,
        ActionFormField::Owner,
        ActionFormField::Due,
    ];
}

/// Adding a corrective action, or editing one (of this visit, or of the visit a follow-up
/// checks again).
#[derive(Debug, Clone)]
pub struct ActionForm {
    /// The visit the action belongs to.
    pub visit: String,
    /// The action edited; `None` for a new one.
    pub editing: Option<String>,
    /// The criterion it is about, if any.
    pub item: Option<String>,
    pub focus: usize,
    /// One editor per [`ActionFormField::ALL`].
    pub texts: Vec<Editor>,
    pub error: Option<String>,
}

impl ActionForm {
    pub fn field(&self) -> ActionFormField {
        ActionFormField::ALL[self.focus.min(ActionFormField::ALL.len() - 1)]
    }

    pub fn text(&self, field: ActionFormField) -> String {
        let index = ActionFormField::ALL
            .iter()
            .position(|f| *f == field)
            .unwrap_or(0);
        editor::text(&self.texts[index])
    }
}

/// A selectable row of the summary screen, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SummaryRow {
    Finding(FindingField),
    /// A corrective action: of this visit, or (`previous`) of the visit it checks again.
    Action {
        id: String,
        previous: bool,
    },
    Unanswered(String),
}

impl OpenVisit {
    pub fn new(state: VisitState, rubric: Rubric) -> OpenVisit {
        let card = state.score(&rubric);
        let cursor = first_unanswered(&rubric, &card).unwrap_or(0);
        OpenVisit {
            state,
            rubric,
            card,
            cursor,
            typed: String::new(),
            note: None,
            search: Search::default(),
            summary_row: 0,
            advance_on_save: false,
            echo: None,
            text_scroll: (0, 0),
            minutes_row: 0,
            minutes_edit: None,
            previous: None,
            action_form: None,
            picker: None,
            missing_files: BTreeSet::new(),
        }
    }

    /// The items of this visit a file named `name` of `bytes` bytes is attached to. Compared
    /// by name and size, not by content: hashing every file of the inbox (phone photos of a
    /// few MB each) each time the picker opens would read hundreds of megabytes to draw a
    /// list. A file renamed or edited since is then not marked, which is harmless: attaching
    /// compares contents, and never attaches the same content to an item twice.
    pub fn attached_as(&self, name: &str, bytes: u64) -> Vec<&str> {
        let mut items: Vec<&str> = Vec::new();
        for attachment in &self.state.visit.attachments {
            let added = &attachment.added;
            if added.name == name && added.bytes == bytes && !items.contains(&added.item.as_str()) {
                items.push(&added.item);
            }
        }
        items
    }

    /// The summary's rows: the four findings, this visit's actions, the previous visit's
    /// open actions (and those marked done since), then the unanswered items.
    pub fn summary_rows(&self) -> Vec<SummaryRow> {
        let mut rows: Vec<SummaryRow> = FindingField::FINDINGS
            .iter()
            .map(|field| SummaryRow::Finding(*field))
            .collect();
        rows.extend(
            self.state
                .visit
                .actions
                .iter()
                .map(|action| SummaryRow::Action {
                    id: action.id().to_owned(),
                    previous: false,
                }),
        );
        if let Some(previous) = &self.previous {
            rows.extend(
                previous
                    .state
                    .visit
                    .actions
                    .iter()
                    .map(|action| SummaryRow::Action {
                        id: action.id().to_owned(),
                        previous: true,
                    }),
            );
        }
        rows.extend(
            self.card
                .unanswered
                .iter()
                .cloned()
                .map(SummaryRow::Unanswered),
        );
        rows
    }

    /// An action of this visit, or (`previous`) of the visit it checks again.
    pub fn action(&self, id: &str, previous: bool) -> Option<&crate::domain::action::Action> {
        if previous {
            self.previous.as_ref()?.state.visit.action(id)
        } else {
            self.state.visit.action(id)
        }
    }

    /// Whether `item` has an open corrective action (here or on the previous visit).
    pub fn has_open_action(&self, item: &str) -> bool {
        let open = |actions: &[crate::domain::action::Action]| {
            actions.iter().any(|action| {
                action.status == crate::domain::action::ActionStatus::Open
                    && action.added.item.as_deref() == Some(item)
            })
        };
        open(&self.state.visit.actions)
            || self
                .previous
                .as_ref()
                .is_some_and(|previous| open(&previous.state.visit.actions))
    }

    /// Whether `item` earns fewer points now than on the previous visit.
    pub fn got_worse(&self, item: &str) -> bool {
        let Some(previous) = &self.previous else {
            return false;
        };
        let now = self
            .state
            .answer(item)
            .and_then(|answer| self.rubric.item(item)?.points_for(answer));
        matches!((previous.points(item), now), (Some(then), Some(now)) if now < then)
    }

    pub fn items(&self) -> impl Iterator<Item = &Item> {
        self.rubric.items()
    }

    pub fn item(&self) -> Option<&Item> {
        self.items().nth(self.cursor)
    }

    /// The section of the current item and its index.
    pub fn section(&self) -> Option<(usize, &Section)> {
        let mut seen = 0;
        for (index, section) in self.rubric.sections.iter().enumerate() {
            seen += section.items.len();
            if self.cursor < seen {
                return Some((index, section));
            }
        }
        None
    }

    pub fn is_read_only(&self) -> bool {
        self.state.visit.status == crate::domain::visit::Status::Finalized
            || self.state.visit.deleted_at.is_some()
    }

    pub fn rescore(&mut self) {
        self.card = self.state.score(&self.rubric);
    }
}

/// Index of the first unanswered item.
pub fn first_unanswered(rubric: &Rubric, card: &Scorecard) -> Option<usize> {
    let first = card.unanswered.first()?;
    rubric.items().position(|item| &item.id == first)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    Help,
    Confirm(Confirm),
    /// The rubric's notice, shown once when a visit starts.
    Notice(String),
    /// A note or finding of a finalized visit, shown whole to read (nothing can change it).
    Reading(NoteTarget),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    Info(String),
    Error(String),
}

impl State {
    pub fn new(lang: Lang, inspector: Option<String>, rubrics: Vec<Rubric>) -> State {
        let screen = match inspector {
            Some(_) => Screen::List,
            None => Screen::AskName(Box::new(editor::editor(""))),
        };
        State {
            lang,
            inspector,
            rubrics,
            screen,
            visits: Vec::new(),
            plans: Vec::new(),
            list: ListView::default(),
            open: None,
            overlay: None,
            message: None,
            banner: None,
            advance: true,
            quitting: false,
            unsaved: Vec::new(),
            unsaved_error: None,
            terminating: false,
            home: None,
        }
    }

    /// The planned entries the list shows above the visits: none in the trash or while
    /// filtering.
    pub fn shown_plans(&self) -> &[crate::domain::plan::PlanEntry] {
        if self.list.trash || !self.list.filter.trim().is_empty() {
            &[]
        } else {
            &self.plans
        }
    }

    /// The visits the list shows: the filter matches unit, rubric, id or date, ignoring case
    /// and diacritics (`thach` finds "Thạch Hà"); visits matching with the diacritics typed
    /// come first, each group in the list's order.
    pub fn shown_visits(&self) -> Vec<&VisitSummary> {
        use crate::domain::search::{Hit, Query};
        let filter = self.list.filter.trim();
        let in_view = self
            .visits
            .iter()
            .filter(|visit| visit.deleted == self.list.trash);
        if filter.is_empty() {
            return in_view.collect();
        }
        let query = Query::new(filter);
        let vi = crate::strings::texts(crate::domain::rubric::Lang::Vi);
        let mut shown: Vec<(Hit, &VisitSummary)> = in_view
            .filter_map(|visit| {
                // A date typed either way: 2026-03-12 or 12/03/2026.
                let date = visit.date.to_string();
                let shown_date = vi.short_date(visit.date);
                let id_hit = query.starts(&visit.id).then_some(Hit::Exact);
                let texts = [&visit.unit, &visit.rubric_id, &date, &shown_date];
                let hit = query.find_any(texts.map(String::as_str));
                id_hit.into_iter().chain(hit).min().map(|hit| (hit, visit))
            })
            .collect();
        // A stable sort: the list's own order is kept within each group.
        shown.sort_by_key(|(hit, _)| *hit);
        shown.into_iter().map(|(_, visit)| visit).collect()
    }

    /// The changes of visit `id` still waiting to be saved, oldest first.
    pub fn unsaved_of<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a Request> + 'a {
        self.unsaved
            .iter()
            .filter(move |unsaved| unsaved.visit == id)
            .map(|unsaved| &unsaved.request)
    }

    /// Whether a change to `item` of the open visit (its answer or its note) is not saved.
    pub fn item_unsaved(&self, item: &str) -> bool {
        let Some(open) = &self.open else {
            return false;
        };
        self.unsaved_of(&open.state.visit.id)
            .any(|request| match request {
                Request::Answer { item: id, .. } | Request::Note { item: id, .. } => id == item,
                _ => false,
            })
    }

    /// Whether the open visit's answer to `item` is not saved yet.
    pub fn answer_unsaved(&self, item: &str) -> bool {
        let Some(open) = &self.open else {
            return false;
        };
        self.unsaved_of(&open.state.visit.id)
            .any(|request| matches!(request, Request::Answer { item: id, .. } if id == item))
    }

    /// Whether the text the note editor edits has a change the store refused.
    pub fn note_unsaved(&self) -> bool {
        let Some(open) = &self.open else {
            return false;
        };
        let Some(note) = &open.note else {
            return false;
        };
        self.unsaved_of(&open.state.visit.id)
            .any(|request| match (request, &note.target) {
                (Request::Note { item, .. }, NoteTarget::Item(target)) => item == target,
                (Request::Finding { field, .. }, NoteTarget::Finding(target)) => field == target,
                _ => false,
            })
    }

    /// Whether a note has been typed but not yet saved.
    pub fn has_unsaved_note(&self) -> bool {
        self.open
            .as_ref()
            .and_then(|open| open.note.as_ref())
            .is_some_and(|note| note.dirty)
    }
}
