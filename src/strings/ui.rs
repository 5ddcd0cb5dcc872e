//! Words of the terminal UI: labels ([`Ui`]), key descriptions, and the few sentences with
//! parameters. Kept apart from the command-line texts so each file reads in one sitting.

use crate::tui::keymap::Help;
use crate::tui::state::Confirm;

/// A fixed label or phrase of the TUI.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ui {
    VisitsTitle,
    NoVisits,
    NoMatchingVisits,
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
    AskNameTitle,
    AskNamePrompt,
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
}

pub trait UiTexts {
    fn ui(&self, ui: Ui) -> &'static str;
    fn key_help(&self, help: Help) -> &'static str;
    fn confirm(&self, confirm: &Confirm) -> String;
    /// The banner after a session that did not end normally.
    fn recovered(&self, unit: &str) -> String;
    fn not_an_entry(&self, typed: &str) -> String;
    fn all_answered(&self) -> &'static str;
    /// On the last item after answering it: what is left.
    fn last_item(&self, unanswered: usize) -> String;
    fn no_match(&self, query: &str) -> String;
    fn form_unit_missing(&self) -> &'static str;
    fn config_not_saved(&self, file: &str, reason: &str) -> String;
    fn open_conflicts(&self, fields: &[&str]) -> String;
    fn report_written(&self, path: &str) -> String;
    /// Rubric files of the user's folder that were left out.
    fn rubrics_skipped(&self, count: usize) -> String;
}
