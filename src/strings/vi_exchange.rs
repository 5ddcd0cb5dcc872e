//! Vietnamese words of the Excel export.

use super::exchange::ExchangeTexts;
use super::vi::Vi;
use crate::domain::visit::FindingField;
use crate::export::xlsx::{Column, Sheet};

impl ExchangeTexts for Vi {
    fn sheet_name(&self, sheet: Sheet) -> &'static str {
        match sheet {
            Sheet::Visits => "Lần kiểm tra",
            Sheet::Answers => "Chấm điểm",
        }
    }

    fn column(&self, column: Column) -> &'static str {
        match column {
            Column::Date => "Ngày kiểm tra",
            Column::Unit => "Đơn vị được kiểm tra",
            Column::Kind => "Loại hình",
            Column::Rubric => "Bộ tiêu chí",
            Column::Status => "Trạng thái",
            Column::Score => "Tổng điểm",
            Column::OutOf => "Thang điểm",
            Column::Band => "Xếp loại",
            Column::Verdict => "Kết quả",
            Column::FailedMandatory => "Tiêu chí bắt buộc không đạt",
            Column::Unanswered => "Số tiêu chí chưa chấm",
            Column::Finding(FindingField::Strengths) => "Ưu điểm",
            Column::Finding(FindingField::Shortcomings) => "Tồn tại, hạn chế",
            Column::Finding(FindingField::Recommendations) => "Kiến nghị",
            Column::Finding(_) => "Kết luận",
            Column::VisitId => "Mã lần kiểm tra",
            Column::Section => "Tiêu chuẩn",
            Column::Item => "Tiêu chí",
            Column::Text => "Nội dung tiêu chí",
            Column::Max => "Điểm tối đa",
            Column::Mandatory => "Bắt buộc",
            Column::Answer => "Đánh giá",
            Column::Points => "Điểm",
            Column::NotApplicable => "Không áp dụng",
            Column::Note => "Ghi chú",
            Column::By => "Người chấm",
            Column::At => "Thời điểm chấm",
        }
    }

    fn yes(&self) -> &'static str {
        "có"
    }
}
