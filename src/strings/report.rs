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
    /// The recognition the visit serves (kind, year registered, period).
    Recognition,
    /// Ý kiến của đơn vị được kiểm tra.
    UnitComments,
    /// "Nơi nhận:".
    Recipients,
    /// The recipient when none is given: the unit inspected.
    DefaultRecipient,
    /// "Lưu: VT, HS.": always the last recipient.
    Archive,
    /// Yêu cầu khắc phục: the actions table's heading.
    Actions,
    ColOwner,
    ColDue,
    ColStatus,
    /// "So với lần kiểm tra trước": the comparison's heading (a date follows).
    Previous,
    ColThen,
    ColNow,
    ColChange,
    /// The comparison's first column: a standard.
    ColStandard,
    /// Where the earlier visit's actions stand.
    PreviousActions,
    /// Minh chứng: the files attached to the criteria (a heading in Markdown).
    Evidence,
    /// "Phụ lục: Danh mục minh chứng": the appendix listing every file.
    EvidenceAppendix,
    /// Under the appendix's heading: how a file is named and checked.
    EvidenceAppendixNote,
    ColFile,
    ColCaption,
    /// When a photo was taken (camera time).
    ColTakenAt,
    /// Who attached a file, and when.
    ColAttached,
    /// The hash that names a file and proves it unchanged.
    Sha256,
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
    /// `recognition` is the stored word ([`crate::domain::minutes::RECOGNITION_FIRST`], …) or
    /// empty, `period` as written.
    fn report_recommendation(&self, eligible: bool, recognition: &str, period: &str) -> String;
    /// "công nhận lần đầu; năm đăng ký: 2024; giai đoạn: 2024–2025" (empty if none is given).
    fn report_recognition(&self, recognition: &str, registered: &str, period: &str) -> String;
    /// "Biên bản kết thúc vào 11 giờ 00 phút, ngày …, được lập thành 02 bản …/.".
    fn report_closing(&self, end: &str, date: (i16, i8, i8), copies: u32) -> String;
    /// A number as the minutes write it (Vietnamese: a decimal comma, "93,5").
    fn report_number(&self, text: String) -> String;
    /// A date in a table: "31/12/2026" (Vietnamese), "2026-12-31" (English).
    fn report_short_date(&self, year: i16, month: i8, day: i8) -> String;
    /// A date as the screens show it and the form fills it in: [`Self::report_short_date`].
    fn short_date(&self, date: jiff::civil::Date) -> String {
        self.report_short_date(date.year(), date.month(), date.day())
    }
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
