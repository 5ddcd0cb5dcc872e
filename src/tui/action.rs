//! What can happen in the TUI ([`Action`]) and what the app must do about it ([`Effect`]).
//! Keys become actions through the keymap; results of effects come back as actions too.

use std::collections::BTreeSet;
use std::path::PathBuf;

use super::inbox::{FolderEntry, Inbox};
use crate::domain::history::Request;
use crate::domain::rubric::Rubric;
use crate::domain::visit::{VisitState, VisitSummary};
use crate::service::{Edited, NewVisit};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    // Moving around.
    Up,
    Down,
    NextSection,
    PrevSection,
    NextUnanswered,
    /// Back: leave a dialog, editor or screen.
    Back,
    Quit,
    Help,
    // Visit list.
    Open,
    NewVisit,
    Delete,
    StartFilter,
    // Typing into the focused text (filter, search, form field, note, name).
    Char(char),
    Paste(String),
    Backspace,
    DeleteForward,
    CursorLeft,
    CursorRight,
    LineStart,
    LineEnd,
    DeleteWordBack,
    DeleteToStart,
    DeleteToEnd,
    Newline,
    /// Enter: confirm, commit, or move on.
    Enter,
    // Form.
    NextField,
    PrevField,
    ChoiceLeft,
    ChoiceRight,
    Submit,
    // Scoring.
    Digit(char),
    Dot,
    NotApplicable,
    Clear,
    EditNote,
    Undo,
    Redo,
    StartSearch,
    SearchNext,
    SearchPrev,
    Summary,
    Finalize,
    /// Write the minutes (HTML) of the open visit.
    Report,
    /// Open the form of the minutes' details (the header of the biên bản: body, number,
    /// basis, times, representatives, ...), editable also after finalize.
    Minutes,
    /// Add a corrective action (for the current item on the scoring screen).
    AddAction,
    /// Mark the selected corrective action done.
    ActionDone,
    /// From the list: a new visit that checks the selected one again (kiểm tra lại / phúc tra).
    FollowUp,
    /// The list: show the trash instead of the visits, or back.
    ToggleTrash,
    /// Scroll the current criterion's text (a small terminal).
    ScrollText {
        down: bool,
    },
    /// Attach evidence to the current item: open the picker over the inbox folder.
    AttachEvidence,
    /// The picker: choose the highlighted file, or leave it out again.
    ToggleChoice,
    /// The picker: type the path of a file instead.
    TypePath,
    /// Complete the typed path (Tab).
    Complete,
    /// From the list: the summary of the selected visit's rubric.
    Stats,
    /// Scroll a page (the summary).
    PageDown,
    PageUp,
    /// A dialog's "yes".
    Yes,
    /// The note-save debounce ran out, or a periodic wake-up.
    Tick,
    // Results of effects.
    ListLoaded(Vec<VisitSummary>),
    /// The plan's entries still to start, from today on, soonest first.
    PlansLoaded(Vec<crate::domain::plan::PlanEntry>),
    Opened(Box<(VisitState, Rubric)>),
    /// A visit just created: opened, with the rubric's notice shown once.
    Created(Box<(VisitState, Rubric)>),
    /// The visit a follow-up checks again, loaded after the follow-up opened.
    PreviousLoaded(Box<(VisitState, Rubric)>),
    /// The visit to check again, loaded: the new-visit form opens filled from it.
    FollowUpReady(Box<VisitState>),
    Saved(Box<Edited>),
    Failed(String),
    /// The store did not take a change (disk full, a read-only folder, ...): it is kept,
    /// shown as not saved and tried again. `error` is `None` when the change only waited its
    /// turn behind earlier unsaved ones, so the order of changes is kept.
    NotSaved {
        visit: String,
        request: Request,
        error: Option<String>,
    },
    /// Time to try the unsaved changes again.
    Retry,
    /// The inbox folder, read for the picker.
    InboxListed(Box<Inbox>),
    /// A folder's entries, read to complete a typed path.
    FolderListed {
        dir: PathBuf,
        entries: Vec<FolderEntry>,
    },
    /// What attaching files did.
    Attached(Box<AttachedFiles>),
    /// The evidence of `visit` whose files are not on this laptop (by SHA-256): a visit
    /// synced or imported without them.
    FilesMissing {
        visit: String,
        files: BTreeSet<String>,
    },
    /// The summary of one rubric's finalized visits (`None`: there are none).
    StatsLoaded(Box<Option<crate::domain::stats::Stats>>),
    /// Something worth a line on the status bar (e.g. open conflicts).
    Info(String),
    /// The terminal asked us to go (SIGTERM, SIGHUP): save and quit.
    Terminate,
}

/// What [`Effect::Attach`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttachedFiles {
    pub visit: String,
    pub item: String,
    /// The attachments made now, in order.
    pub added: Vec<String>,
    /// The names of the files whose content the item had already: not attached again.
    pub already: Vec<String>,
    /// The visit after the last attachment made; `None` when none was.
    pub outcome: Option<Edited>,
}

/// Work for the app: everything that touches the store, the disk or the process.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    LoadList,
    OpenVisit(String),
    CreateVisit {
        rubric: Box<Rubric>,
        new: NewVisit,
        /// The visit it checks again (a follow-up), if any.
        follow_up: Option<String>,
        /// The plan entry it starts, linked to the visit once created.
        plan: Option<String>,
    },
    /// Load a visit to fill the new-visit form of its follow-up.
    PrepareFollowUp(String),
    /// Add a corrective action to `visit` (the app gives it its id).
    AddAction {
        visit: String,
        item: Option<String>,
        text: String,
        owner: String,
        due: Option<jiff::civil::Date>,
    },
    /// Move a visit to the trash (confirmed by the user).
    Trash(String),
    /// Bring a visit back from the trash.
    Restore(String),
    /// A change to the open visit.
    Edit(Request),
    /// A change to a named visit: another try at a change the store did not take (its visit
    /// may no longer be open), or a change to the previous visit's actions from a follow-up.
    Save {
        visit: String,
        request: Request,
    },
    Undo,
    Redo,
    /// Remember the inspector's name in the settings file.
    SaveInspector(String),
    /// Write the open visit's minutes as HTML in the current folder.
    WriteReport,
    /// Read the inbox folder (the settings file's `inbox`, or its default) for the picker.
    ListInbox,
    /// Read a folder's entries, to complete a typed path.
    ListFolder(PathBuf),
    /// Read the files at `paths` and attach them, in order, to `item` of `visit`.
    Attach {
        visit: String,
        item: String,
        paths: Vec<PathBuf>,
        caption: String,
    },
    /// Summarize the finalized visits of rubric `rubric` (its id).
    LoadStats {
        rubric: String,
    },
    /// Record which visit is open, so a crash can be noticed on the next start.
    MarkSession(Option<String>),
    Quit,
}
