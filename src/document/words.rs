//! The words of the visit document (`format: onsite-visit/1`): the word it writes for each
//! kind of unit, role, status, finding, change and answer, and reading each back. They are
//! constants of the format, written and read from here alone, and none comes from a
//! translation table: rewording the interface (`strings`) never changes a file, and
//! `tests/it/document.rs` pins every word, so changing one here is a format change on purpose.

use rust_decimal::Decimal;
use unicode_normalization::UnicodeNormalization;

use crate::domain::action::ActionStatus;
use crate::domain::history::ActionField;
use crate::domain::scoring::{Reason, Verdict, round1};
use crate::domain::visit::{FindingField, Role, Status, UnitKind};

/// An answer of a check item: passed.
pub const PASS: &str = "pass";
/// An answer of a check item: failed.
pub const FAIL: &str = "fail";
/// The answer "not applicable", in history (`from`/`to`).
pub const NOT_APPLICABLE: &str = "n/a";

/// The `change:` of each kind of history entry.
pub mod change {
    pub const CREATED: &str = "created";
    pub const ANSWER: &str = "answer";
    pub const NOTE: &str = "note";
    pub const FINDING: &str = "finding";
    pub const STATUS: &str = "status";
    pub const TRASH: &str = "trash";
    pub const ACTION_ADD: &str = "action_add";
    pub const ACTION_REMOVE: &str = "action_remove";
    pub const ACTION_SET: &str = "action_set";
    pub const ACTION_STATUS: &str = "action_status";
    pub const ATTACH: &str = "attach";
    pub const DETACH: &str = "detach";
}

/// `unit.kind`. The word is shared with the rubric format's `unit_kinds`, so it lives in the
/// one table of unit-kind spellings, beside the type ([`crate::domain::unit::SPELLINGS`]).
pub fn kind_word(kind: UnitKind) -> &'static str {
    kind.word()
}

/// `team[].role`.
pub fn role_word(role: Role) -> &'static str {
    match role {
        Role::TruongDoan => "trưởng đoàn",
        Role::PhoTruongDoan => "phó trưởng đoàn",
        Role::ThanhVien => "thành viên",
        Role::ThuKy => "thư ký",
    }
}

/// `status`, and the `from`/`to` of a status change.
pub fn status_word(status: Status) -> &'static str {
    match status {
        Status::Draft => "draft",
        Status::Finalized => "finalized",
    }
}

/// The key of a finding or a minutes' detail (`findings:`, `minutes:`, a finding change's
/// `field`).
pub fn finding_key(field: FindingField) -> &'static str {
    match field {
        FindingField::Strengths => "strengths",
        FindingField::Shortcomings => "shortcomings",
        FindingField::Recommendations => "recommendations",
        FindingField::Conclusion => "conclusion",
        FindingField::Body => "body",
        FindingField::Number => "number",
        FindingField::Basis => "basis",
        FindingField::Place => "place",
        FindingField::Started => "started",
        FindingField::Ended => "ended",
        FindingField::Representatives => "representatives",
        FindingField::GoverningBody => "governing_body",
        FindingField::Locality => "locality",
        FindingField::UnitComments => "unit_comments",
        FindingField::Recipients => "recipients",
        FindingField::Copies => "copies",
        FindingField::Recognition => "recognition",
        FindingField::Registered => "registered",
        FindingField::Period => "period",
    }
}

/// An action's `status`, and the `from`/`to` of an `action_status` change.
pub fn action_status_word(status: ActionStatus) -> &'static str {
    match status {
        ActionStatus::Open => "open",
        ActionStatus::Done => "done",
    }
}

/// The `field` of an `action_set` change.
pub fn action_field_word(field: ActionField) -> &'static str {
    match field {
        ActionField::Text => "text",
        ActionField::Owner => "owner",
        ActionField::Due => "due",
    }
}

/// `summary.verdict`.
pub fn verdict_word(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Incomplete => "incomplete",
        Verdict::Pass => PASS,
        Verdict::Fail => FAIL,
    }
}

/// A line of `summary.reasons`: derived (import recomputes it), in Vietnamese as the first
/// release wrote it. The document's own wording, not the interface's, which may change.
pub fn reason(reason: &Reason) -> String {
    let num = |value: Decimal| value.normalize().to_string();
    match reason {
        Reason::Unanswered { count } => format!("còn {count} tiêu chí chưa chấm"),
        Reason::ScoreBelowPass { score, min } => format!(
            "tổng điểm {} thấp hơn mức đạt {}",
            num(round1(*score)),
            num(*min)
        ),
        Reason::SectionBelowMinimum {
            section,
            percent,
            min,
        } => format!(
            "tiêu chuẩn {section} chỉ đạt {}%, dưới mức tối thiểu {}%",
            num(round1(*percent)),
            num(*min)
        ),
        Reason::CriticalFailed { item } => format!("không đạt tiêu chí bắt buộc {item}"),
        Reason::NothingApplicable => "mọi tiêu chí đều không áp dụng: không có gì để chấm".into(),
    }
}

/// The value of `all` whose word is `word`. Words with Vietnamese letters are compared after
/// NFC, so a file an editor saved decomposed reads the same.
fn from_word<T: Copy>(
    all: impl IntoIterator<Item = T>,
    word_of: impl Fn(T) -> &'static str,
    word: &str,
) -> Option<T> {
    let composed: String;
    let word = if word.is_ascii() {
        word
    } else {
        composed = word.nfc().collect();
        &composed
    };
    all.into_iter().find(|value| word_of(*value) == word)
}

pub fn kind_from_word(word: &str) -> Option<UnitKind> {
    from_word(UnitKind::ALL, kind_word, word)
}

pub fn role_from_word(word: &str) -> Option<Role> {
    from_word(Role::ALL, role_word, word)
}

pub fn status_from_word(word: &str) -> Option<Status> {
    from_word([Status::Draft, Status::Finalized], status_word, word)
}

pub fn finding_from_key(key: &str) -> Option<FindingField> {
    from_word(FindingField::all(), finding_key, key)
}

pub fn action_status_from_word(word: &str) -> Option<ActionStatus> {
    from_word(
        [ActionStatus::Open, ActionStatus::Done],
        action_status_word,
        word,
    )
}

pub fn action_field_from_word(word: &str) -> Option<ActionField> {
    from_word(ActionField::ALL, action_field_word, word)
}
