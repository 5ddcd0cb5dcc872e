//! Every user-facing sentence, one file per language ([`vi`], [`en`]). Both implement
//! [`Texts`], so a message added to one language and forgotten in the other does not compile.

mod compose;
mod en;
mod en_exchange;
mod en_git;
mod en_report;
mod en_ui;
mod evidence;
mod exchange;
mod git;
mod plan;
mod report;
mod stats;
mod ui;
mod vi;
mod vi_exchange;
mod vi_git;
mod vi_report;
mod vi_ui;

pub use compose::Words;
pub use compose::ui::{UiWords, UnsavedWords};
pub use evidence::EvidenceTexts;
pub use exchange::ExchangeTexts;
pub use git::GitTexts;
pub use plan::PlanTexts;
pub use report::{ReportLabel, ReportTexts};
pub use stats::{StatsLabel, StatsTexts};
pub use ui::{Ui, UiTexts};

use rust_decimal::Decimal;

use std::path::Path;

use crate::catalog::{FileProblem, FindError};
use crate::config::ConfigError;
use crate::domain::answer::{Answer, AnswerError, ParseAnswerError};
use crate::domain::history::{Change, EditError};
use crate::domain::rubric::{ItemKind, Lang, Rubric};
use crate::domain::rubric_check::{ProblemKind, Subject};
use crate::domain::scoring::{Reason, Verdict};
use crate::domain::visit::{FindingField, Role, Status, UnitKind};
use crate::rubric_file::DiagnosticKind;
use crate::service::VisitError;
use crate::store::StoreError;

/// Short labels used in listings and outlines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    Id,
    Version,
    Items,
    /// Before an item id: "item 1.1".
    Item,
    /// After a count: "41 items".
    ItemsUnit,
    Total,
    Basis,
    Notice,
    PassRule,
    Bands,
    Critical,
    NaAllowed,
    Points,
    Step,
    NoRubrics,
    Date,
    Unit,
    Rubric,
    Status,
    Progress,
    Score,
    Verdict,
    Band,
    Reasons,
    FailedCritical,
    Team,
    /// A member's role in the team.
    Role,
    Provisional,
    TrashEmpty,
    NoVisits,
    NoMatchingVisits,
    NoActions,
    /// "lần trước": a follow-up's earlier value.
    Then,
    Kind,
    Findings,
    Minutes,
    Address,
}

pub trait Texts:
    UiTexts + ReportTexts + GitTexts + ExchangeTexts + EvidenceTexts + StatsTexts + PlanTexts + Sync
{
    /// The words of the messages whose shape is the same in every language (`compose.rs`).
    fn words(&self) -> &'static Words;
    fn label(&self, label: Label) -> &'static str;
    fn item_kind(&self, kind: ItemKind) -> &'static str;
    fn verdict(&self, verdict: Verdict) -> &'static str;
    fn reason(&self, reason: &Reason) -> String {
        compose::reason(self.words(), reason)
    }
    fn subject(&self, subject: &Subject) -> String;
    fn problem(&self, problem: &ProblemKind) -> String {
        compose::problem(self.words(), problem)
    }
    fn diagnostic(&self, kind: &DiagnosticKind) -> String {
        compose::diagnostic(self, kind)
    }
    fn file_problem_head(&self, problem: &FileProblem) -> String {
        compose::file_problem_head(self.words(), problem)
    }
    fn find_error(&self, error: &FindError) -> String {
        compose::find_error(self.words(), error)
    }
    /// `ok: ID VERSION (N items, total T)`.
    fn check_ok(&self, id: &str, version: &str, items: usize, total: Decimal) -> String;
    /// "pass at ≥ S points, each section ≥ P%".
    fn pass_rule(&self, min_score: Decimal, min_section_percent: Option<Decimal>) -> String {
        compose::pass_rule(self.words(), min_score, min_section_percent)
    }

    fn unit_kind(&self, kind: UnitKind) -> &'static str;
    fn role(&self, role: Role) -> &'static str;
    fn status(&self, status: Status) -> &'static str;
    fn finding(&self, field: FindingField) -> &'static str;
    /// An answer as a reader says it: `7.5`, `đạt`, the level's label, `không áp dụng`.
    fn answer(&self, answer: Option<&Answer>, rubric: &Rubric, item: &str) -> String {
        compose::answer(self, answer, rubric, item)
    }
    /// One history line's description (after its number, time and author).
    fn change(&self, change: &Change, rubric: &Rubric) -> String {
        compose::change(self, change, rubric)
    }

    fn no_data_dir(&self) -> &'static str;
    /// A command stopped by Ctrl-C: what was kept.
    fn interrupted(&self) -> &'static str;
    /// A file of a synced or imported folder that was not read (a pipe, a link).
    fn file_skipped(&self, path: &str, why: &str) -> String;
    /// What opening the store repaired, one line each (empty when nothing worth saying).
    fn store_opened(&self, opened: &crate::store::Opened) -> Vec<String> {
        compose::store_opened(self, opened)
    }
    /// What `onsite doctor` found and did.
    fn checkup(&self, checkup: &crate::store::Checkup) -> Vec<String> {
        compose::checkup(self.words(), checkup)
    }
    fn who_are_you(&self, config_file: Option<&Path>) -> String {
        compose::who_are_you(self.words(), config_file)
    }
    fn config_error(&self, error: &ConfigError) -> String {
        compose::config_error(self.words(), error)
    }
    fn store_error(&self, error: &StoreError) -> String {
        compose::store_error(self.words(), error)
    }
    fn visit_error(&self, error: &VisitError) -> String {
        compose::visit_error(self, error)
    }
    fn edit_error(&self, error: &EditError) -> String {
        compose::edit_error(self, error)
    }
    fn answer_error(&self, error: &AnswerError) -> String {
        compose::answer_error(self, error)
    }
    fn parse_answer_error(&self, error: &ParseAnswerError, item: &str, given: &str) -> String {
        compose::parse_answer_error(self.words(), error, item, given)
    }
    fn bad_choice(&self, what: Label, given: &str, choices: &[&str]) -> String {
        compose::bad_choice(self, what, given, choices)
    }
    fn bad_date(&self, given: &str) -> String;
    /// Why a detail of the minutes was refused, and how to write it.
    fn minutes_error(&self, error: &crate::domain::minutes::MinutesError) -> String {
        compose::minutes_error(self.words(), error)
    }
    /// A start or end time of the minutes that is not HH:MM.
    fn bad_time(&self, given: &str) -> String {
        self.minutes_error(&crate::domain::minutes::MinutesError::BadTime(
            given.to_owned(),
        ))
    }
    /// The minutes' end before their start.
    fn end_before_start(&self, start: &str, end: &str) -> String {
        self.minutes_error(&crate::domain::minutes::MinutesError::EndBeforeStart {
            start: start.to_owned(),
            end: end.to_owned(),
        })
    }
    /// A team member given with no name (`--team ":thu-ky"`).
    fn member_unnamed(&self) -> &'static str;
    /// "So với lần kiểm tra 01JD… ngày 2025-03-12:", above a follow-up's standards.
    fn compared_with(&self, visit: &str, date: &str) -> String;
    /// A corrective action's status as a word ("đang mở", "đã khắc phục").
    fn action_status(&self, status: crate::domain::action::ActionStatus) -> String {
        compose::action_status(self.words(), status)
    }
    /// "yêu cầu 01JD…: đã khắc phục", after `onsite action done | reopen`.
    fn action_saved(&self, id: &str, status: crate::domain::action::ActionStatus) -> String {
        compose::action_saved(self.words(), id, status)
    }
    fn no_rubric_given(&self) -> String;
    fn delete_needs_yes(&self, id: &str) -> String;
    fn nothing_to_set(&self) -> &'static str;
    fn unit_empty(&self) -> &'static str;
    fn export_failed(&self, file: &str, reason: &str) -> String;
    /// `VISIT 1.1: mine 3 · theirs 4 (Lê Thị Bình) — onsite resolve VISIT 1.1 --take …`.
    fn conflict_line(&self, visit: &str, conflict: &crate::sync::Conflict) -> String {
        compose::conflict_line(self.words(), visit, conflict)
    }
    fn exchange_summary(&self, counts: &ExchangeCounts) -> String {
        compose::exchange_summary(self.words(), counts)
    }
    fn no_conflicts(&self) -> &'static str;
    fn no_such_conflict(&self, field: &str) -> String;
    fn resolved(&self, field: &str, theirs: bool) -> String {
        compose::resolved(self.words(), field, theirs)
    }
    /// After an edit: `saved: item 1.1 = 8 · 27/41 · score 62.5/100 (provisional)`.
    fn saved(&self, what: &str, answered: usize, items: usize, score: &str) -> String;
    fn unchanged(&self) -> &'static str;
    fn moved_to_trash(&self, id: &str) -> String;
    /// After `onsite list` printed only the newest `shown` visits.
    fn list_cut(&self, shown: usize) -> String;

    // Rubrics for some kinds of unit only (`unit_kinds`).
    /// `onsite new` made `visit` with a rubric whose `unit_kinds` leave out the unit's kind.
    fn rubric_not_for_kind(&self, rubric: &Rubric, kind: UnitKind, visit: &str) -> String {
        compose::rubric_not_for_kind(self, rubric, kind, visit)
    }
}

pub fn texts(lang: Lang) -> &'static dyn Texts {
    match lang {
        Lang::Vi => &vi::Vi,
        Lang::En => &en::En,
    }
}

/// A number as people write it: `10`, `7.5`, never `10.0`.
pub fn num(value: Decimal) -> String {
    value.normalize().to_string()
}

/// Makes text from a file safe to print: control characters (ESC, CR, the 8-bit C1 ones,
/// ...) and the invisible marks that reorder text (bidi overrides such as U+202E, which can
/// make "không đạt" read as something else) are shown as `\u{1b}`-style escapes instead of
/// reaching the terminal, the report or the reader. Newlines and tabs stay.
pub fn inert(text: &str) -> String {
    let mut safe = String::with_capacity(text.len());
    for c in text.chars() {
        if (c.is_control() && c != '\n' && c != '\t') || is_bidi_control(c) {
            safe.extend(c.escape_unicode());
        } else {
            safe.push(c);
        }
    }
    safe
}

/// The Unicode bidi controls: marks, embeddings, overrides and isolates. Vietnamese text
/// never needs them; a file that has them wants to hide something.
fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
    )
}

/// A text on one line, at most `max` characters, for history and tables.
pub fn clip(text: &str, max: usize) -> String {
    let one_line = text.replace(['\n', '\r'], " ⏎ ");
    if one_line.chars().count() <= max {
        one_line
    } else {
        let mut clipped: String = one_line.chars().take(max.saturating_sub(1)).collect();
        clipped.push('…');
        clipped
    }
}

/// The level label, number or word for an answer, given the words for pass/fail/N/A.
fn answer_words(
    answer: Option<&Answer>,
    rubric: &Rubric,
    item: &str,
    words: [&str; 4],
    lang: Lang,
) -> String {
    let [none, pass, fail, na] = words;
    match answer {
        None => none.to_owned(),
        Some(Answer::Points(score)) => num(*score),
        Some(Answer::Pass) => pass.to_owned(),
        Some(Answer::Fail) => fail.to_owned(),
        Some(Answer::NotApplicable) => na.to_owned(),
        Some(Answer::Level(index)) => rubric
            .item(item)
            .and_then(|item| item.levels.get(*index))
            .map_or_else(
                || format!("#{}", index + 1),
                |level| level.label_in(lang).to_owned(),
            ),
    }
}

/// What one import or sync did, for its closing line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ExchangeCounts {
    pub imported: usize,
    pub merged: usize,
    pub written: usize,
    pub unchanged: usize,
    pub conflicts: usize,
    pub rejected: usize,
}

/// A conflict's two values as a reader says them, and ` (who)` for the other side.
fn conflict_values(conflict: &crate::sync::Conflict) -> (String, String, String) {
    let field = &conflict.field;
    let by = if conflict.theirs_by.is_empty() {
        String::new()
    } else {
        format!(" ({})", conflict.theirs_by)
    };
    (
        conflict_value(field, &conflict.mine),
        conflict_value(field, &conflict.theirs),
        by,
    )
}

/// A conflict's recorded value as a reader says it (answers are stored as JSON).
pub fn conflict_value(field: &str, raw: &str) -> String {
    if raw.is_empty() {
        return "—".to_owned();
    }
    if field.contains('#') || !field.contains(|c: char| c.is_ascii_digit()) {
        return clip(raw, 40);
    }
    match serde_json::from_str::<Answer>(raw) {
        Ok(Answer::Points(score)) => num(score),
        Ok(Answer::Pass) => "pass".to_owned(),
        Ok(Answer::Fail) => "fail".to_owned(),
        Ok(Answer::NotApplicable) => "n/a".to_owned(),
        Ok(Answer::Level(index)) => format!("#{}", index + 1),
        Err(_) => clip(raw, 40),
    }
}

/// A file size as people read it: `820 B`, `64 KB`, `3.4 MB` (1 KB = 1024 bytes).
pub fn size(bytes: u64) -> String {
    const KB: u64 = 1024;
    const MB: u64 = 1024 * KB;
    if bytes < KB {
        format!("{bytes} B")
    } else if bytes < MB {
        format!("{} KB", bytes.div_ceil(KB))
    } else {
        let tenths = (bytes * 10).div_ceil(MB);
        format!("{}.{} MB", tenths / 10, tenths % 10)
    }
}

pub use crate::domain::visit::short_id;
