//! Corrective actions (yêu cầu khắc phục): what the unit must put right, by whom and by when.
//! An action belongs to a visit but does not change its score, so it can be added, marked
//! done and reopened after the visit is finalized. Each change is an edit in the visit's
//! history, merged by sync like an answer.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::stamp::Stamp;

/// Whether an action still has to be done.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionStatus {
    #[default]
    Open,
    Done,
}

/// What an action is when it is added.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewAction {
    /// A ULID: any unique prefix names it.
    pub id: String,
    /// The rubric item it is about, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
    pub text: String,
    /// Who does it: a person or a department of the unit; empty if not named.
    #[serde(default)]
    pub owner: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<Date>,
}

/// An action as it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Action {
    #[serde(flatten)]
    pub added: NewAction,
    pub status: ActionStatus,
    pub created_at: Stamp,
    pub created_by: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub done_at: Option<Stamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub done_by: Option<String>,
    #[serde(default)]
    pub done_note: String,
}

impl Action {
    /// A new, open action added at `at` by `by`.
    pub fn new(added: NewAction, at: Stamp, by: &str) -> Action {
        Action {
            added,
            status: ActionStatus::Open,
            created_at: at,
            created_by: by.to_owned(),
            done_at: None,
            done_by: None,
            done_note: String::new(),
        }
    }

    pub fn id(&self) -> &str {
        &self.added.id
    }

    /// Open with a due date before `today`.
    pub fn is_overdue(&self, today: Date) -> bool {
        self.status == ActionStatus::Open && self.added.due.is_some_and(|due| due < today)
    }
}

pub use super::stamp::parse_date;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_read_in_both_forms_and_nothing_else() {
        let date = Date::constant(2026, 12, 31);
        for text in ["2026-12-31", "31/12/2026", " 31-12-2026 ", "31.12.2026"] {
            assert_eq!(parse_date(text), Some(date), "{text}");
        }
        assert_eq!(parse_date("5/3/2026"), Some(Date::constant(2026, 3, 5)));
        for bad in [
            "31/02/2026",
            "2026/12/31",
            "12/2026",
            "",
            "31/12/26",
            "٣١/١٢/٢٠٢٦",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }
}
