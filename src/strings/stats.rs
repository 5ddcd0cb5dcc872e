//! Words of `onsite stats` (the summary of many visits), per language: both languages in
//! this one file, each a few lines.

use super::en::En;
use super::vi::Vi;

/// A heading, a column or a figure's name on the summary page and workbook
/// (`onsite stats --format html|xlsx`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatsLabel {
    Title,
    Rubric,
    Versions,
    Period,
    /// A range end not given.
    Open,
    Kind,
    /// Drafts are counted (`--all`).
    DraftsCounted,
    Visits,
    Pass,
    Fail,
    Incomplete,
    Mean,
    Median,
    Min,
    Max,
    Distribution,
    /// Under the distribution: what a bar's height counts.
    UnitsCount,
    PassLine,
    Items,
    Section,
    Item,
    Text,
    Answered,
    NotApplicable,
    MeanPoints,
    MeanPercent,
    Zero,
    Critical,
    Visit,
    Date,
    Unit,
    Score,
    Verdict,
    FailedMandatory,
    Status,
    /// The sheet of counts and scores, one row per rubric.
    Summary,
    /// Sheet names of the workbook.
    Sections,
    Units,
    /// The nominal total of the newest version: what a score is out of.
    OutOf,
    /// A criterion's place among the weakest (1 = weakest).
    Weakest,
    Made,
}

pub trait StatsTexts {
    /// Above one rubric's summary: its id and the versions counted.
    fn stats_heading(&self, rubric: &str, versions: &str) -> String;
    fn stats_counts(&self, total: usize, pass: usize, fail: usize, incomplete: usize) -> String;
    /// Mean, median, min, max of the scores, already written as numbers.
    fn stats_scores(&self, mean: &str, median: &str, min: &str, max: &str) -> String;
    fn stats_sections(&self) -> &'static str;
    fn stats_weakest(&self) -> &'static str;
    fn stats_units(&self) -> &'static str;
    /// After a draft's row when drafts are counted (`--all`).
    fn stats_draft_mark(&self) -> &'static str;
    /// Nothing to count: what to try next.
    fn stats_none(&self, drafts: bool) -> &'static str;
    fn stats_label(&self, label: StatsLabel) -> &'static str;
    /// `--format html|xlsx` with nothing to count: no file was written.
    fn stats_no_file(&self) -> &'static str;
}

impl StatsTexts for Vi {
    fn stats_heading(&self, rubric: &str, versions: &str) -> String {
        format!("Bộ tiêu chí {rubric} (phiên bản {versions})")
    }

    fn stats_counts(&self, total: usize, pass: usize, fail: usize, incomplete: usize) -> String {
        format!("{total} lần kiểm tra: {pass} đạt, {fail} không đạt, {incomplete} chưa chấm xong")
    }

    fn stats_scores(&self, mean: &str, median: &str, min: &str, max: &str) -> String {
        format!("Điểm: trung bình {mean}, trung vị {median}, thấp nhất {min}, cao nhất {max}")
    }

    fn stats_sections(&self) -> &'static str {
        "Tỷ lệ điểm trung bình theo tiêu chuẩn"
    }

    fn stats_weakest(&self) -> &'static str {
        "Tiêu chí yếu nhất"
    }

    fn stats_units(&self) -> &'static str {
        "Các đơn vị"
    }

    fn stats_draft_mark(&self) -> &'static str {
        "(nháp)"
    }

    fn stats_none(&self, drafts: bool) -> &'static str {
        if drafts {
            "không có lần kiểm tra nào trong phạm vi này"
        } else {
            "không có lần kiểm tra đã hoàn tất nào trong phạm vi này (`--all` để tính cả bản nháp)"
        }
    }
    fn stats_label(&self, label: StatsLabel) -> &'static str {
        use StatsLabel as L;
        match label {
            L::Title => "Báo cáo tổng hợp kết quả kiểm tra",
            L::Rubric => "Bộ tiêu chí",
            L::Versions => "Phiên bản",
            L::Period => "Thời gian",
            L::Open => "không giới hạn",
            L::Kind => "Loại đơn vị",
            L::DraftsCounted => "Tính cả các bản nháp (chưa hoàn tất)",
            L::Visits => "Số lần kiểm tra",
            L::Pass => "Đạt",
            L::Fail => "Không đạt",
            L::Incomplete => "Chưa chấm xong",
            L::Mean => "Trung bình",
            L::Median => "Trung vị",
            L::Min => "Thấp nhất",
            L::Max => "Cao nhất",
            L::Distribution => "Phân bố điểm",
            L::UnitsCount => "số lần kiểm tra theo khoảng điểm",
            L::PassLine => "Ngưỡng đạt",
            L::Items => "Kết quả từng tiêu chí",
            L::Section => "Tiêu chuẩn",
            L::Item => "Mục",
            L::Text => "Tiêu chí",
            L::Answered => "Số lần chấm",
            L::NotApplicable => "Không áp dụng",
            L::MeanPoints => "Điểm trung bình",
            L::MeanPercent => "Tỷ lệ trung bình (%)",
            L::Zero => "Số lần 0 điểm",
            L::Critical => "Điểm liệt",
            L::Visit => "Mã lần kiểm tra",
            L::Date => "Ngày",
            L::Unit => "Đơn vị",
            L::Score => "Điểm",
            L::Verdict => "Kết quả",
            L::FailedMandatory => "Tiêu chí liệt không đạt",
            L::Status => "Trạng thái",
            L::Summary => "Tổng hợp",
            L::Sections => "Các tiêu chuẩn",
            L::Units => "Các đơn vị",
            L::OutOf => "Thang điểm",
            L::Weakest => "Thứ tự yếu nhất",
            L::Made => "Lập bằng onsite ngày",
        }
    }

    fn stats_no_file(&self) -> &'static str {
        "không có gì để tổng hợp nên không ghi tệp nào"
    }
}

impl StatsTexts for En {
    fn stats_heading(&self, rubric: &str, versions: &str) -> String {
        format!("Rubric {rubric} (version {versions})")
    }

    fn stats_counts(&self, total: usize, pass: usize, fail: usize, incomplete: usize) -> String {
        format!("{total} visits: {pass} pass, {fail} fail, {incomplete} incomplete")
    }

    fn stats_scores(&self, mean: &str, median: &str, min: &str, max: &str) -> String {
        format!("Score: mean {mean}, median {median}, min {min}, max {max}")
    }

    fn stats_sections(&self) -> &'static str {
        "Mean share of points by standard"
    }

    fn stats_weakest(&self) -> &'static str {
        "Weakest criteria"
    }

    fn stats_units(&self) -> &'static str {
        "Units"
    }

    fn stats_draft_mark(&self) -> &'static str {
        "(draft)"
    }

    fn stats_none(&self, drafts: bool) -> &'static str {
        if drafts {
            "no visits in this range"
        } else {
            "no finalized visits in this range (`--all` counts drafts too)"
        }
    }

    fn stats_label(&self, label: StatsLabel) -> &'static str {
        use StatsLabel as L;
        match label {
            L::Title => "Summary of inspections",
            L::Rubric => "Rubric",
            L::Versions => "Versions",
            L::Period => "Period",
            L::Open => "open",
            L::Kind => "Kind of unit",
            L::DraftsCounted => "Drafts (not finalized) are counted",
            L::Visits => "Visits",
            L::Pass => "Pass",
            L::Fail => "Fail",
            L::Incomplete => "Incomplete",
            L::Mean => "Mean",
            L::Median => "Median",
            L::Min => "Min",
            L::Max => "Max",
            L::Distribution => "Distribution of scores",
            L::UnitsCount => "visits per band of scores",
            L::PassLine => "Pass line",
            L::Items => "Every criterion",
            L::Section => "Standard",
            L::Item => "Item",
            L::Text => "Criterion",
            L::Answered => "Answered",
            L::NotApplicable => "Not applicable",
            L::MeanPoints => "Mean points",
            L::MeanPercent => "Mean share (%)",
            L::Zero => "Zero points",
            L::Critical => "Critical",
            L::Visit => "Visit id",
            L::Date => "Date",
            L::Unit => "Unit",
            L::Score => "Score",
            L::Verdict => "Verdict",
            L::FailedMandatory => "Failed critical criteria",
            L::Status => "Status",
            L::Summary => "Summary",
            L::Sections => "Standards",
            L::Units => "Units",
            L::OutOf => "Out of",
            L::Weakest => "Weakest rank",
            L::Made => "Made with onsite on",
        }
    }

    fn stats_no_file(&self) -> &'static str {
        "nothing to summarize, so no file was written"
    }
}
