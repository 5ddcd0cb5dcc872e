//! Words of `onsite stats` (the summary of many visits), per language: both languages in
//! this one file, each a few lines.

use super::en::En;
use super::vi::Vi;

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
}
