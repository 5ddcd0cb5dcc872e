//! What the screens ask and list, as data: the keymap's help topics, the questions the TUI
//! asks before something it cannot undo, an inbox folder as listed. `tui` holds and shows
//! them, `strings` words them; living here, below both, neither imports the other for them
//! (so `strings` never imports `tui`: tests/it/layering.rs).

use std::path::PathBuf;

use jiff::ZonedDateTime;

use crate::domain::visit::FindingField;

/// What a binding does, in words (see `strings::ui`); the keymap binds keys to them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Help {
    Move,
    NextPrevSection,
    Answer,
    Na,
    Clear,
    EditNote,
    NextUnanswered,
    Undo,
    Redo,
    Search,
    SearchNextPrev,
    Summary,
    Finalize,
    Help,
    Back,
    Quit,
    QuitNow,
    Open,
    New,
    Delete,
    Filter,
    Type,
    Done,
    NewLine,
    LineEdit,
    NextField,
    PrevField,
    Choose,
    Create,
    Cancel,
    Yes,
    No,
    Continue,
    SaveName,
    EditFinding,
    Report,
    /// Open the minutes' details.
    Minutes,
    /// Edit the selected detail.
    Edit,
    /// Save what was typed.
    Save,
    /// Add a corrective action.
    AddAction,
    /// Mark the selected corrective action done.
    ActionDone,
    /// A follow-up of the selected visit.
    FollowUp,
    /// Show the trash (or leave it).
    Trash,
    /// Bring the selected visit back from the trash.
    Restore,
    /// Undo the last delete on the list.
    UndoDelete,
    /// Scroll the criterion's text.
    ScrollText,
    /// Attach evidence to the criterion (opens the picker).
    Attach,
    /// Choose a file in the picker, or leave it out again.
    ChooseFile,
    /// Attach what was chosen.
    AttachChosen,
    /// Type a path instead of choosing from the inbox.
    TypePath,
    /// Type a path, starting with the key pressed (`/`, `~`).
    TypePathFrom,
    /// Complete the name typed.
    Complete,
    /// The summary of the selected visit's rubric.
    Stats,
    /// Scroll by a page.
    Page,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Confirm {
    /// Move a visit to the trash; the dialog names its unit and date.
    Delete {
        id: String,
        unit: String,
        date: jiff::civil::Date,
    },
    /// Finalize: `empty` names the findings left empty and whether the minutes' details
    /// (`b`) are all empty; when something is, a yes asks once more
    /// ([`Confirm::FinalizeAnyway`]).
    Finalize {
        unit: String,
        empty: Vec<FindingField>,
        no_minutes_details: bool,
    },
    /// The second question after a finalize warned about empty findings or details.
    FinalizeAnyway {
        unit: String,
    },
    DiscardForm,
    /// Esc on the corrective-action form with something typed.
    DiscardAction,
    /// Quit although `count` changes are still not saved (they would be lost).
    QuitUnsaved {
        count: usize,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Listing {
    /// Its files (maybe none), in the order the system listed them.
    Files(Vec<InboxFile>),
    /// There is no such folder.
    Missing,
    /// The path names a file, not a folder.
    NotFolder,
    /// It could not be read: the system's reason.
    Unreadable(String),
}

/// One file waiting in the inbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InboxFile {
    /// Its name (a name that is not UTF-8 shown with replacement characters).
    pub name: String,
    pub path: PathBuf,
    pub bytes: u64,
    /// When it was last written (for a photo copied off a phone, usually when it was taken),
    /// in this laptop's time zone.
    pub modified: Option<ZonedDateTime>,
}
