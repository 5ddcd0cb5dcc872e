//! The sheets and columns of the exported tables, named once: `tables::xlsx` lays them out
//! and `strings` gives each its header in the user's language (so `strings` imports this,
//! and the writers above import `strings`, never the other way round).

use crate::domain::visit::FindingField;

/// The workbook's sheets, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sheet {
    Visits,
    Answers,
}

/// A column of either sheet; its header is `strings::ExchangeTexts::column`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Date,
    Unit,
    Kind,
    Rubric,
    Status,
    Score,
    /// The rubric's nominal total, the score's "out of".
    OutOf,
    Band,
    Verdict,
    FailedMandatory,
    Unanswered,
    Finding(FindingField),
    VisitId,
    Section,
    Item,
    Text,
    Max,
    Mandatory,
    Answer,
    Points,
    NotApplicable,
    Note,
    By,
    At,
}
