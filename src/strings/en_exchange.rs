//! English words of the Excel export and of import's refusal of other files.

use super::en::En;
use super::exchange::ExchangeTexts;
use crate::domain::visit::FindingField;
use crate::export::columns::{Column, Sheet};
use crate::file_kind::Foreign;

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

    fn not_a_visit(&self, file: &str, found: &Foreign) -> String {
        let what = match found {
            Foreign::Workbook => "an Excel workbook (.xlsx)".to_owned(),
            Foreign::WordDocument => "a Word document (.docx)".to_owned(),
            Foreign::OpenDocument => "a LibreOffice file (.ods, .odt)".to_owned(),
            Foreign::Zip => "a ZIP archive".to_owned(),
            Foreign::OldOffice => "an old Office file (.xls, .doc)".to_owned(),
            Foreign::Pdf => "a PDF file".to_owned(),
            Foreign::Csv => "a CSV table".to_owned(),
            Foreign::Rubric => {
                "a rubric (onsite-rubric/1): copy it into your rubrics folder (see `onsite \
                 paths`) instead"
                    .to_owned()
            }
            Foreign::OtherFormat(format) => format!("a YAML file of format \"{format}\""),
            Foreign::NoFormat => "a YAML file without `format: onsite-visit/1`".to_owned(),
            Foreign::Text => "some other text".to_owned(),
            Foreign::Binary => "binary data, not text".to_owned(),
        };
        format!(
            "{file}: not an onsite visit file (onsite-visit/1) but {what}; import a .yaml file \
             written by `onsite export` or `onsite sync`"
        )
    }
}
