//! Words of the inspection minutes (biên bản), per language.

/// A fixed label of the minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportLabel {
    Nation,
    Motto,
    Title,
    Subtitle,
    Number,
    Draft,
    Time,
    Place,
    Basis,
    /// The rubric the visit was scored against.
    Rubric,
    /// The rubric's own notice (e.g. that its scale is a suggestion, not law).
    ScaleNotice,
    Team,
    Representatives,
    Unit,
    UnitName,
    UnitKind,
    UnitAddress,
    Results,
    ColItem,
    ColText,
    ColAnswer,
    ColPoints,
    ColNote,
    Subtotal,
    Total,
    Band,
    Verdict,
    /// What the team recommends to the body that decides recognition.
    Recommendation,
    Reasons,
    FailedCritical,
    Findings,
    Chart,
    PassLine,
    NotApplicable,
    SignLeader,
    SignSecretary,
    SignUnit,
    SignHint,
    Closing,
}

pub trait ReportTexts {
    fn report_label(&self, label: ReportLabel) -> &'static str;
    /// "Hà Tĩnh, ngày 20 tháng 11 năm 2026" (the place left dotted when unknown).
    fn report_place_date(&self, place: &str, year: i16, month: i8, day: i8) -> String;
    /// "from 08:30 to 11:00" (dotted where unknown).
    fn report_time(&self, start: &str, end: &str) -> String;
    /// What a draft's watermark note says: how many items are still unanswered.
    fn report_draft_note(&self, unanswered: usize) -> String;
    /// The team's conclusion as a recommendation: recognition is decided by the competent
    /// body (HD 58/HD-TLĐ), not by the team.
    fn report_recommendation(&self, eligible: bool) -> &'static str;
    /// "“Title” (mã ID, phiên bản V, sha256 1a2b3c4d); căn cứ: …".
    fn report_rubric(
        &self,
        title: &str,
        id: &str,
        version: &str,
        digest: &str,
        basis: &str,
    ) -> String;
}
