//! English words of the minutes.

use super::en::En;
use super::report::{ReportLabel as L, ReportTexts};

fn or_dots(text: &str) -> &str {
    if text.is_empty() { "……" } else { text }
}

impl ReportTexts for En {
    fn report_label(&self, label: L) -> &'static str {
        match label {
            L::Nation => "SOCIALIST REPUBLIC OF VIETNAM",
            L::Motto => "Independence - Freedom - Happiness",
            L::Title => "INSPECTION MINUTES",
            L::Subtitle => "Results of the inspection against the rubric",
            L::Number => "No.",
            L::Draft => "DRAFT",
            L::Time => "Time",
            L::Place => "Place",
            L::Basis => "Basis",
            L::Rubric => "Rubric applied",
            L::ScaleNotice => "Note on the scale",
            L::Team => "Inspection team",
            L::Representatives => "Representatives of the unit",
            L::Unit => "Unit inspected",
            L::UnitName => "Name",
            L::UnitKind => "Kind",
            L::UnitAddress => "Address",
            L::Results => "Results",
            L::ColItem => "No.",
            L::ColText => "Criterion",
            L::ColAnswer => "Answer",
            L::ColPoints => "Points",
            L::ColNote => "Note",
            L::Subtotal => "Subtotal",
            L::Total => "Total score",
            L::Band => "Band",
            L::Verdict => "Verdict",
            L::Recommendation => "The team recommends",
            L::Reasons => "Reasons",
            L::FailedCritical => "Mandatory criteria not met",
            L::Findings => "Findings and conclusion",
            L::Chart => "Share of each standard's maximum",
            L::PassLine => "minimum",
            L::NotApplicable => "not applicable",
            L::SignLeader => "TEAM LEADER",
            L::SignSecretary => "SECRETARY",
            L::SignUnit => "FOR THE UNIT",
            L::SignHint => "(signature and full name)",
            L::Closing => "These minutes were read aloud to all present, agreed and signed.",
            L::Recognition => "Proposed for",
            L::UnitComments => "Comments of the unit inspected",
            L::Recipients => "Recipients:",
            L::DefaultRecipient => "The unit inspected;",
            L::Archive => "Filed: records, case file.",
            L::Actions => "Corrective actions",
            L::ColOwner => "Who",
            L::ColDue => "Due",
            L::ColStatus => "Status",
            L::Previous => "Compared with the previous visit",
            L::ColThen => "Then",
            L::ColNow => "Now",
            L::ColChange => "Change",
            L::ColStandard => "Standard",
            L::PreviousActions => "The previous visit's corrective actions",
            L::Evidence => "Evidence",
            L::EvidenceAppendix => "Appendix: list of evidence",
            L::EvidenceAppendixNote => {
                "Each evidence file is known by the SHA-256 of its content. An export of the \
                 visit stores it in the .files folder beside the document, named by its SHA-256 \
                 and extension; compute the file's SHA-256 to check it against this page."
            }
            L::ColFile => "File",
            L::ColCaption => "Caption",
            L::ColTakenAt => "Taken",
            L::ColAttached => "Attached by, when",
            L::Sha256 => "SHA-256",
        }
    }

    fn report_place_date(&self, place: &str, year: i16, month: i8, day: i8) -> String {
        format!("{}, {year}-{month:02}-{day:02}", or_dots(place))
    }

    fn report_time(&self, start: &str, end: &str) -> String {
        format!("From {} to {}", or_dots(start), or_dots(end))
    }

    fn report_draft_note(&self, unanswered: usize) -> String {
        if unanswered == 0 {
            "Draft: the visit is not finalized.".into()
        } else {
            format!("Draft: {unanswered} items are still unanswered; the score is provisional.")
        }
    }
    fn report_rubric(
        &self,
        title: &str,
        id: &str,
        version: &str,
        digest: &str,
        basis: &str,
    ) -> String {
        let basis = if basis.is_empty() {
            String::new()
        } else {
            format!("; basis: {basis}")
        };
        format!("“{title}” (id {id}, version {version}, sha256 {digest}){basis}")
    }
    fn report_recommendation(&self, eligible: bool, recognition: &str, period: &str) -> String {
        let what = match recognition_words(recognition) {
            "" => "recognition".to_owned(),
            kind => kind.to_owned(),
        };
        let period = if period.trim().is_empty() {
            String::new()
        } else {
            format!(" for {}", period.trim())
        };
        if eligible {
            format!(
                "Eligible to be proposed for {what}{period}; recognition is decided by the \
                 competent body."
            )
        } else {
            format!("Not yet eligible to be proposed for {what}{period}.")
        }
    }

    fn report_recognition(&self, recognition: &str, registered: &str, period: &str) -> String {
        let mut parts = Vec::new();
        let kind = recognition_words(recognition);
        if !kind.is_empty() {
            parts.push(kind.to_owned());
        }
        if !registered.trim().is_empty() {
            parts.push(format!("registered in {}", registered.trim()));
        }
        if !period.trim().is_empty() {
            parts.push(format!("period {}", period.trim()));
        }
        parts.join("; ")
    }

    fn report_closing(&self, end: &str, (year, month, day): (i16, i8, i8), copies: u32) -> String {
        format!(
            "The meeting closed at {} on {year}-{month:02}-{day:02}; these minutes are made in \
             {copies} copies of equal value.",
            or_dots(end.trim())
        )
    }

    fn report_number(&self, text: String) -> String {
        text
    }

    fn report_short_date(&self, year: i16, month: i8, day: i8) -> String {
        format!("{year}-{month:02}-{day:02}")
    }
}

fn recognition_words(recognition: &str) -> &'static str {
    match recognition {
        crate::domain::minutes::RECOGNITION_FIRST => "first recognition",
        crate::domain::minutes::RECOGNITION_RENEWAL => "re-recognition",
        _ => "",
    }
}
