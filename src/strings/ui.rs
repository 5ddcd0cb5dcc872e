//! Words of the terminal UI: labels ([`Ui`]), key descriptions, and the few sentences with
//! parameters. Kept apart from the command-line texts so each file reads in one sitting.

use super::compose::ui::{self as compose, UiWords};
use crate::domain::history::Request;
use crate::domain::visit::FindingField;
use crate::ui::Confirm;
use crate::ui::Help;
use crate::ui::Listing;

/// A fixed label or phrase of the TUI.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ui {
    VisitsTitle,
    NoVisits,
    NoMatchingVisits,
    /// The list showing the trash.
    TrashTitle,
    TrashEmpty,
    /// `u` on the list with no delete of this session to undo.
    NothingToRestore,
    ColDate,
    ColUnit,
    ColRubric,
    ColStatus,
    ColProgress,
    ColScore,
    ColVerdict,
    FilterPrompt,
    NewVisitTitle,
    FieldUnit,
    FieldKind,
    FieldAddress,
    FieldDate,
    FieldLeader,
    FieldSecretary,
    FieldMembers,
    FieldRubric,
    MembersHint,
    /// The chosen rubric's `unit_kinds` leave out the chosen kind of unit.
    RubricNotForKind,
    AskNameTitle,
    AskNamePrompt,
    /// A note or finding with nothing written.
    Empty,
    /// The item's text cut short on a small terminal.
    TextCut,
    /// Enter on an empty name.
    AskNameMissing,
    Guide,
    Basis,
    Keys,
    Answer,
    Typing,
    Note,
    NoNote,
    NoteEditing,
    Saved,
    Unsaved,
    /// The store refused the change: kept and retried (stronger than [`Ui::Unsaved`], which
    /// is a note waiting for its save a moment later).
    NotSaved,
    Critical,
    ReadOnly,
    Step,
    TypeScore,
    Pass,
    Fail,
    NotApplicable,
    Section,
    ItemWord,
    ScoreWord,
    Provisional,
    SummaryTitle,
    Unanswered,
    HelpTitle,
    ConfirmTitle,
    NoticeTitle,
    YesNo,
    AnyKey,
    KeyText,
    KeyAny,
    /// The title of the minutes' details.
    MinutesTitle,
    /// On a finalized visit: the details stay editable, and every change is in the history.
    MinutesFinalized,
    /// The new-visit form's field naming the visit checked again.
    FieldPrevious,
    /// Its value when none is chosen.
    FirstVisit,
    ActionNewTitle,
    ActionEditTitle,
    ActionFieldText,
    ActionFieldOwner,
    ActionFieldDue,
    /// The due date's hint: the forms it takes.
    ActionDueHint,
    /// The summary's heading of this visit's actions.
    ActionsHeading,
    /// The summary's heading of the previous visit's actions.
    PreviousActionsHeading,
    /// Marks an item with an open corrective action (in the help and the item pane).
    OpenAction,
    /// Marks an item that earns fewer points than last time.
    GotWorse,
    /// The space bar, in key hints.
    KeySpace,
    /// The evidence picker: before the inbox folder's path.
    InboxFolder,
    /// The evidence picker before the app has read the folder.
    InboxReading,
    /// Before the path being typed.
    PathLabel,
    /// Under it: how Tab and `~` work.
    PathHint,
    /// Before the caption being typed.
    CaptionLabel,
    /// Under it: optional, Enter attaches.
    CaptionHint,
    /// The picker's keys besides Enter, for when the footer is cut.
    PickerHint,
    /// What the `◫ 1.3` beside an inbox file means.
    AttachedLegend,
    /// The item pane's heading of the item's evidence.
    Evidence,
}

pub trait UiTexts {
    /// The words of the sentences composed in `compose/ui.rs`, in this language.
    fn ui_words(&self) -> &'static UiWords;
    fn ui(&self, ui: Ui) -> &'static str;
    fn key_help(&self, help: Help) -> &'static str;
    fn confirm(&self, confirm: &Confirm) -> String;
    /// The banner after a session that did not end normally.
    fn recovered(&self, unit: &str) -> String;
    fn not_an_entry(&self, typed: &str) -> String;
    fn all_answered(&self) -> &'static str;
    /// On the last item after answering it: what is left.
    fn last_item(&self, unanswered: usize) -> String {
        compose::last_item(self.ui_words(), unanswered)
    }
    fn no_match(&self, query: &str) -> String;
    fn form_unit_missing(&self) -> &'static str;
    fn config_not_saved(&self, file: &str, reason: &str) -> String;
    fn open_conflicts(&self, fields: &[&str]) -> String;
    fn report_written(&self, path: &str) -> String;
    /// Rubric files of the user's folder that were left out.
    fn rubrics_skipped(&self, count: usize) -> String;
    /// The warning line while the store refuses changes: how many, why, what to do.
    fn unsaved_warning(&self, count: usize, error: &str) -> String;
    /// Once a retry saved every change that had been refused.
    fn unsaved_now_saved(&self) -> &'static str;
    fn undo_waits_for_save(&self) -> &'static str;
    fn paste_too_long(&self, chars: usize, limit: usize) -> String;
    fn note_too_long(&self, limit: usize) -> String;
    /// One change that was never saved, for the list printed on leaving.
    fn unsaved_what(&self, visit: &str, request: &Request) -> String;
    /// Printed after the TUI closed with changes the store never took.
    fn unsaved_lost(&self, count: usize, data_dir: &str) -> String;
    /// How a detail of the minutes is written, where it is checked or has a form (a time as
    /// HH:MM, representatives one per line, ...); `None` for plain text.
    fn minutes_hint(&self, field: FindingField) -> Option<String>;
    /// The stored recognition word ([`crate::domain::minutes::RECOGNITION_FIRST`], ...) as
    /// shown and edited: a word the minutes' check accepts back. `None` for an unknown one.
    fn recognition_word(&self, stored: &str) -> Option<&'static str>;
    /// The action form's content left empty.
    fn action_text_missing(&self) -> &'static str;
    /// `d` on a row that is not an action.
    fn action_done_where(&self) -> &'static str;
    /// `d` on an action already done: how to reopen it.
    fn action_already_done(&self, id: &str) -> String;
    /// The previous visit's answer to the current item: "Lần trước (12/03/2025): 6/10 — note".
    fn previous_answer(&self, date: &str, answer: &str, note: &str) -> String {
        compose::previous_answer(self.ui_words(), date, answer, note)
    }
    /// A standard's or the total's points then → now on the summary of a follow-up.
    fn then_now(&self, then: &str, now: &str) -> String;
    /// The follow-up's heading line on the summary: which visit it checks again.
    fn follow_up_of(&self, date: &str) -> String;
    /// A number typed but not a whole answer, when the inspector tries to move away.
    fn typed_unfinished(&self, typed: &str) -> String;
    /// Backspace cleared an answer.
    fn answer_cleared(&self, item: &str, answer: &str) -> String;
    /// The answer just recorded: "1.3 → Dưới 60% (0 điểm)" (`points` absent for N/A).
    fn answer_echo(&self, item: &str, answer: &str, points: Option<&str>) -> String {
        compose::answer_echo(self.ui_words(), item, answer, points)
    }
    /// A visit moved to the trash from the list.
    fn trashed(&self, unit: &str) -> String;
    /// A visit brought back from the trash.
    fn restored_from_trash(&self, unit: &str) -> String;
    /// The evidence picker's title.
    fn picker_title(&self, item: &str) -> String;
    /// An inbox folder with no file to offer (missing, empty, unreadable): where onsite
    /// looked, how to choose another folder, and that a path can be typed.
    fn inbox_empty(&self, dir: &str, listing: &Listing) -> String {
        compose::inbox_empty(self.ui_words(), dir, listing)
    }
    /// How many files are chosen in the picker.
    fn files_chosen(&self, count: usize) -> String {
        compose::files_chosen(self.ui_words(), count)
    }
    /// Above the caption: the files about to be attached.
    fn attaching(&self, names: &[String]) -> String {
        compose::attaching(self.ui_words(), names)
    }
    /// The status line after attaching: how many, to which item, and those the item had
    /// already.
    fn attached(&self, item: &str, added: usize, already: &[String]) -> String;
    /// `p` while changes wait to be saved.
    fn attach_waits_for_save(&self) -> &'static str;
    /// Enter on an empty path.
    fn path_missing(&self) -> &'static str;
    /// Tab found nothing starting with what was typed.
    fn no_completion(&self, start: &str, folder: &str) -> String;
    /// Tab found several names: them (folders end in a separator).
    fn completions(&self, names: &[String]) -> String {
        compose::completions(self.ui_words(), names)
    }
    /// The item pane lists a few attachments: how many more there are.
    fn evidence_more(&self, count: usize) -> String;
}

/// The most names listed in one message; the rest are counted.
pub(super) const LISTED_NAMES: usize = 12;

/// `names` joined for a message, at most [`LISTED_NAMES`] of them, then "…".
pub(super) fn some_names(names: &[String]) -> String {
    let mut shown: Vec<String> = names
        .iter()
        .take(LISTED_NAMES)
        .map(|name| super::clip(name, 40))
        .collect();
    if names.len() > LISTED_NAMES {
        shown.push("…".to_owned());
    }
    shown.join(", ")
}
