//! English words of the Excel export.

use super::en::En;
use super::exchange::ExchangeTexts;
use crate::domain::visit::FindingField;
use crate::export::xlsx::{Column, Sheet};

impl ExchangeTexts for En {
    fn sheet_name(&self, sheet: Sheet) -> &'static str {
        match sheet {
            Sheet::Visits => "Visits",
            Sheet::Answers => "Answers",
        }
    }

    fn column(&self, column: Column) -> &'static str {
        match column {
            Column::Date => "Date",
            Column::Unit => "Unit",
            Column::Kind => "Kind",
            Column::Rubric => "Rubric",
            Column::Status => "Status",
            Column::Score => "Score",
            Column::OutOf => "Out of",
            Column::Band => "Band",
            Column::Verdict => "Verdict",
            Column::FailedMandatory => "Mandatory criteria failed",
            Column::Unanswered => "Unanswered",
            Column::Finding(FindingField::Strengths) => "Strengths",
            Column::Finding(FindingField::Shortcomings) => "Shortcomings",
            Column::Finding(FindingField::Recommendations) => "Recommendations",
            Column::Finding(_) => "Conclusion",
            Column::VisitId => "Visit id",
            Column::Section => "Standard",
            Column::Item => "Criterion",
            Column::Text => "Text",
            Column::Max => "Max",
            Column::Mandatory => "Mandatory",
            Column::Answer => "Answer",
            Column::Points => "Points",
            Column::NotApplicable => "N/A",
            Column::Note => "Note",
            Column::By => "By",
            Column::At => "When",
        }
    }

    fn yes(&self) -> &'static str {
        "yes"
    }
}
