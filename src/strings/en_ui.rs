//! English words of the terminal UI.

use super::clip;
use super::compose::ui::{self as compose, UiWords, UnsavedWords};
use super::en::En;
use super::ui::{Ui, UiTexts};
use crate::domain::history::Request;
use crate::domain::minutes::{MAX_COPIES, RECOGNITION_FIRST, RECOGNITION_RENEWAL};
use crate::domain::visit::FindingField;
use crate::ui::Confirm;
use crate::ui::Help;

pub(super) const UI_WORDS: UiWords = UiWords {
    confirm_delete: "Delete the visit “{unit}” of {date}? It goes to the trash; u right \
                     after, or t then Enter, brings it back.",
    confirm_finalize: "Finalize the visit “{unit}”? It becomes read-only; changing it later \
                       needs a reopen with a reason.",
    still_empty: "\n⚠ Still empty: {names}.",
    no_minutes_details: "\n⚠ The minutes' details are not filled in (inspecting body, \
                         number, basis, place…: key b).",
    finalize_anyway: "Finalize “{unit}” with parts left empty? The minutes will print them \
                      empty.",
    discard_form: "Discard what you typed?",
    discard_action: "Discard the corrective action you typed?",
    quit_unsaved: "{count} changes are NOT SAVED (onsite keeps retrying). Quitting now loses \
                   them. Quit anyway?",
    last_item_done: "Last criterion. All answered: s for the summary, f to finalize.",
    last_item_one: "Last criterion. {count} criterion still unanswered: g goes to the next \
                    one.",
    last_item: "Last criterion. {count} criteria still unanswered: g goes to the next one.",
    unsaved: UnsavedWords {
        answer: "answer to criterion {item}",
        note: "note on criterion {item}",
        finding: "finding “{field}”",
        finalize: "finalize",
        reopen: "reopen",
        trash: "move to the trash",
        restore: "restore from the trash",
        action: "corrective action",
        evidence: "evidence",
    },
    inbox_files: "The folder {dir} has no files yet.",
    inbox_missing: "There is no folder {dir}.",
    inbox_not_folder: "{dir} is a file, not a folder.",
    inbox_unreadable: "The folder {dir} cannot be read ({reason}).",
    inbox_what_to_do: "Copy the photos and documents to attach there, or choose another \
                       folder with an `inbox:` line in the settings file (`onsite paths` \
                       shows where it is). Or type the file's path just below.",
    previous_answer: "Last time ({date}): {answer}",
    points: "points",
    file: ["file", "files"],
    files_chosen: "{count} {files} chosen; Enter attaches them in the order chosen",
    attaching: "Attaching {count} {files}: {names}",
    attached: "Attached {count} {files} to criterion {item}",
    attached_already: "{count} files are attached to criterion {item} already; not \
                       attached again",
    attached_some: "Attached {count} {files} to criterion {item}; {already} attached \
                    already, not again: {names}",
    completions: "{count} possible names: {names}",
};

impl UiTexts for En {
    fn ui_words(&self) -> &'static UiWords {
        &UI_WORDS
    }

    #[allow(clippy::too_many_lines)] // one arm per label
    fn ui(&self, ui: Ui) -> &'static str {
        match ui {
            Ui::VisitsTitle => "Visits",
            Ui::NoVisits => "No visits yet. Press n to start one.",
            Ui::TrashTitle => "Trash — Enter brings a visit back",
            Ui::TrashEmpty => "The trash is empty. Esc goes back to the list.",
            Ui::NothingToRestore => {
                "No delete to undo; press t to see the trash and restore from it"
            }
            Ui::NoMatchingVisits => "No visit matches the filter. Esc clears it.",
            Ui::ColDate => "Date",
            Ui::ColUnit => "Unit",
            Ui::ColRubric => "Rubric",
            Ui::ColStatus => "Status",
            Ui::ColProgress => "Progress",
            Ui::ColScore => "Score",
            Ui::ColVerdict => "Verdict",
            Ui::FilterPrompt => "Filter:",
            Ui::NewVisitTitle => "New visit",
            Ui::FieldUnit => "Unit name",
            Ui::FieldKind => "Kind",
            Ui::FieldAddress => "Address",
            Ui::FieldDate => "Date",
            Ui::FieldLeader => "Team leader",
            Ui::FieldSecretary => "Secretary",
            Ui::FieldMembers => "Members",
            Ui::FieldRubric => "Rubric",
            Ui::MembersHint => "(names separated by commas)",
            Ui::RubricNotForKind => {
                "⚠ This rubric is not written for the kind of unit chosen; the visit can still be \
                 created."
            }
            Ui::AskNameTitle => "Welcome to onsite",
            Ui::AskNameMissing => {
                "No name yet: type your full name (e.g. Nguyen Van An), then Enter; Esc quits"
            }
            Ui::TextCut => "(more: PgDn/PgUp scrolls)",
            Ui::Empty => "(empty)",
            Ui::AskNamePrompt => {
                "What is your name (the inspector)? It is recorded on every change and saved in \
                 the settings file. Type it and press Enter."
            }
            Ui::Guide => "How to check",
            Ui::Basis => "Basis",
            Ui::Keys => "Keys",
            Ui::Answer => "Answer",
            Ui::Typing => "typing",
            Ui::Note => "Note",
            Ui::NoNote => "(none — press e to write one)",
            Ui::NoteEditing => "Note",
            Ui::Saved => "saved",
            Ui::Unsaved => "not yet saved…",
            Ui::NotSaved => "NOT SAVED",
            Ui::Critical => "Mandatory criterion: failing it fails the whole visit",
            Ui::ReadOnly => "FINALIZED · read-only",
            Ui::Step => "step",
            Ui::TypeScore => "type the score",
            Ui::Pass => "pass",
            Ui::Fail => "fail",
            Ui::NotApplicable => "not applicable",
            Ui::Section => "Standard",
            Ui::ItemWord => "criterion",
            Ui::ScoreWord => "score",
            Ui::Provisional => "provisional",
            Ui::SummaryTitle => "Summary",
            Ui::Unanswered => "unanswered",
            Ui::HelpTitle => "Keys",
            Ui::ConfirmTitle => "Please confirm",
            Ui::NoticeTitle => "About this rubric",
            Ui::YesNo => "y: yes · n/Esc: no",
            Ui::AnyKey => "Press any key to continue",
            Ui::KeyText => "text",
            Ui::KeyAny => "any key",
            Ui::MinutesTitle => "Minutes details",
            Ui::MinutesFinalized => {
                "The visit is finalized: the score is locked, the minutes' details can still be \
                 changed; every change is kept in the history."
            }
            Ui::FieldPrevious => "Checks again",
            Ui::FirstVisit => "— (none: a first visit)",
            Ui::ActionNewTitle => "New corrective action",
            Ui::ActionEditTitle => "Edit corrective action",
            Ui::ActionFieldText => "What to do",
            Ui::ActionFieldOwner => "Owner",
            Ui::ActionFieldDue => "Due",
            Ui::ActionDueHint => "(2026-12-31 or 31/12/2026; empty if none)",
            Ui::ActionsHeading => "Corrective actions",
            Ui::PreviousActionsHeading => "Last visit's actions",
            Ui::OpenAction => "has an open corrective action",
            Ui::GotWorse => "worse than last time",
            Ui::KeySpace => "Space",
            Ui::InboxFolder => "Folder",
            Ui::InboxReading => "Reading the folder…",
            Ui::PathLabel => "Path",
            Ui::PathHint => "Tab completes the name; Tab again lists the names · ~ is home",
            Ui::PickerHint => "Space: choose several files · o: type the path of a file elsewhere",
            Ui::CaptionLabel => "Caption",
            Ui::CaptionHint => "optional: Enter attaches · Esc goes back",
            Ui::AttachedLegend => {
                "◫ criterion: a file of that name and size is attached to it already"
            }
            Ui::Evidence => "Evidence",
        }
    }

    fn key_help(&self, help: Help) -> &'static str {
        match help {
            Help::Move => "up/down",
            Help::NextPrevSection => "next/previous standard",
            Help::Answer => "answer",
            Help::Na => "not applicable",
            Help::Clear => "clear the answer",
            Help::EditNote => "note",
            Help::NextUnanswered => "next unanswered",
            Help::Undo => "undo",
            Help::Redo => "redo",
            Help::Search => "search",
            Help::SearchNextPrev => "next/previous match",
            Help::Summary => "summary",
            Help::Finalize => "finalize",
            Help::Help => "help",
            Help::Back => "back",
            Help::Quit => "quit",
            Help::QuitNow => "quit now (all saved)",
            Help::Open => "open",
            Help::New => "new",
            Help::Delete => "delete",
            Help::Filter => "filter",
            Help::Type => "type",
            Help::Done => "done",
            Help::NewLine => "new line",
            Help::LineEdit => "edit the line (Ctrl-a/e/w/u/k)",
            Help::NextField => "next field",
            Help::PrevField => "previous field",
            Help::Choose => "choose",
            Help::Create => "create",
            Help::Cancel => "cancel",
            Help::Yes => "yes",
            Help::No => "no",
            Help::Continue => "continue",
            Help::SaveName => "save the name",
            Help::Report => "minutes (HTML)",
            Help::EditFinding => "edit the finding",
            Help::Minutes => "minutes details",
            Help::Edit => "edit",
            Help::Save => "save",
            Help::AddAction => "add a corrective action",
            Help::ActionDone => "mark the action done",
            Help::FollowUp => "follow-up visit",
            Help::Trash => "trash",
            Help::Stats => "summary of the rubric",
            Help::Page => "page down/up",
            Help::Restore => "restore",
            Help::UndoDelete => "undo delete",
            Help::ScrollText => "scroll the criterion's text (small window)",
            Help::Attach => "attach evidence",
            Help::ChooseFile => "choose",
            Help::AttachChosen => "attach",
            Help::TypePath => "type a path",
            Help::TypePathFrom => "type a path starting with / or ~",
            Help::Complete => "complete the name",
        }
    }

    fn confirm(&self, confirm: &Confirm) -> String {
        compose::confirm(self, confirm)
    }

    fn recovered(&self, unit: &str) -> String {
        format!(
            "Recovered the draft “{unit}”: onsite did not close normally last time; every saved \
             change is intact."
        )
    }

    fn not_an_entry(&self, typed: &str) -> String {
        format!("“{typed}” is not an answer to this criterion; see the Keys line")
    }

    fn all_answered(&self) -> &'static str {
        "Every criterion is answered. s: summary · f: finalize"
    }

    fn no_match(&self, query: &str) -> String {
        format!("No criterion matches “{query}”")
    }

    fn form_unit_missing(&self) -> &'static str {
        "Type the name of the unit visited"
    }

    fn config_not_saved(&self, file: &str, reason: &str) -> String {
        format!("Could not save your name in {file}: {reason}. It is still used for this session.")
    }

    fn open_conflicts(&self, fields: &[&str]) -> String {
        format!(
            "Changed on another laptop too: {}. See `onsite conflicts`, settle with `onsite resolve`.",
            fields.join(", ")
        )
    }

    fn report_written(&self, path: &str) -> String {
        format!("Minutes written: {path} (open it in a browser to print)")
    }

    fn rubrics_skipped(&self, count: usize) -> String {
        format!(
            "{count} rubric file(s) in your rubrics folder could not be loaded and are left out; \
             `onsite rubric list` says what is wrong and where."
        )
    }

    fn unsaved_warning(&self, count: usize, error: &str) -> String {
        format!(
            "⚠ {count} changes NOT SAVED; onsite retries every few seconds, do not quit \
             until this line is gone. Why: {error}"
        )
    }

    fn unsaved_now_saved(&self) -> &'static str {
        "The waiting changes are saved now."
    }

    fn undo_waits_for_save(&self) -> &'static str {
        "Undo and redo wait until the unsaved changes are saved; try again then."
    }

    fn paste_too_long(&self, chars: usize, limit: usize) -> String {
        format!("Not pasted: the text is {chars} characters, over the limit of {limit}.")
    }

    fn note_too_long(&self, limit: usize) -> String {
        format!("The note has reached the limit of {limit} characters; nothing more can be added.")
    }

    fn unsaved_what(&self, visit: &str, request: &Request) -> String {
        compose::unsaved_what(self, visit, request)
    }

    fn unsaved_lost(&self, count: usize, data_dir: &str) -> String {
        format!(
            "onsite closed with {count} changes NOT SAVED to {data_dir} (below); enter them \
             again once the data folder can be written to (disk space, permissions):"
        )
    }

    fn minutes_hint(&self, field: FindingField) -> Option<String> {
        Some(match field {
            FindingField::Started | FindingField::Ended => {
                "hours:minutes, 24-hour clock, e.g. 08:30 or 14:00".into()
            }
            FindingField::Registered => "a year, four digits, e.g. 2024".into(),
            FindingField::Recognition => "“first” or “renewal”".into(),
            FindingField::Copies => format!("1 to {MAX_COPIES} copies; 2 when empty"),
            FindingField::Representatives => {
                "one per line: Name — position (Alt-Enter for a new line)".into()
            }
            FindingField::Recipients => {
                "one per line (Alt-Enter for a new line); “Lưu: VT, HS.” is always added".into()
            }
            FindingField::Locality => "the place name before the date, e.g. Hà Tĩnh".into(),
            FindingField::Period => "e.g. 2024–2025".into(),
            _ => return None,
        })
    }

    fn recognition_word(&self, stored: &str) -> Option<&'static str> {
        match stored {
            RECOGNITION_FIRST => Some("first"),
            RECOGNITION_RENEWAL => Some("renewal"),
            _ => None,
        }
    }

    fn action_text_missing(&self) -> &'static str {
        "Write what the unit must put right, then press Enter."
    }

    fn action_done_where(&self) -> &'static str {
        "Select a corrective action in the list (↑↓), then press d."
    }

    fn action_already_done(&self, id: &str) -> String {
        format!(
            "This action is done. To reopen it, give the reason: onsite action reopen {id} \
             --reason \"…\""
        )
    }

    fn then_now(&self, then: &str, now: &str) -> String {
        format!("{then} → {now}")
    }

    fn typed_unfinished(&self, typed: &str) -> String {
        format!(
            "“{typed}” is not a whole answer yet: finish it and press Enter, or Backspace to \
             erase it, before moving on"
        )
    }

    fn answer_cleared(&self, item: &str, answer: &str) -> String {
        format!("Cleared the answer of {item} ({answer}); press u to bring it back")
    }

    fn trashed(&self, unit: &str) -> String {
        format!("Moved “{unit}” to the trash; press u to bring it back, t to see the trash")
    }

    fn restored_from_trash(&self, unit: &str) -> String {
        format!("Brought “{unit}” back from the trash")
    }

    fn follow_up_of(&self, date: &str) -> String {
        format!("Follow-up, compared with the visit of {date}")
    }

    fn picker_title(&self, item: &str) -> String {
        format!("Attach evidence · criterion {item}")
    }

    fn attached(&self, item: &str, added: usize, already: &[String]) -> String {
        compose::attached(self, item, added, already)
    }

    fn attach_waits_for_save(&self) -> &'static str {
        "Cannot attach while changes wait to be saved; try again once they are."
    }

    fn path_missing(&self) -> &'static str {
        "Type the path of the file to attach (Tab completes names), or Esc to go back"
    }

    fn no_completion(&self, start: &str, folder: &str) -> String {
        format!("Nothing in {folder} starts with «{}»", clip(start, 40))
    }

    fn evidence_more(&self, count: usize) -> String {
        format!("… and {count} more (all of them: onsite attachments)")
    }
}
