//! Vietnamese words of the Excel export and of import's refusal of other files.

use super::exchange::ExchangeTexts;
use super::vi::Vi;
use crate::domain::visit::FindingField;
use crate::export::columns::{Column, Sheet};
use crate::file_kind::Foreign;

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

    fn not_a_visit(&self, file: &str, found: &Foreign) -> String {
        let what = match found {
            Foreign::Workbook => "một bảng tính Excel (.xlsx)".to_owned(),
            Foreign::WordDocument => "một văn bản Word (.docx)".to_owned(),
            Foreign::OpenDocument => "một tệp LibreOffice (.ods, .odt)".to_owned(),
            Foreign::Zip => "một tệp nén ZIP".to_owned(),
            Foreign::OldOffice => "một tệp Office cũ (.xls, .doc)".to_owned(),
            Foreign::Pdf => "một tệp PDF".to_owned(),
            Foreign::Csv => "một bảng CSV".to_owned(),
            Foreign::Rubric => {
                "một bộ tiêu chí (onsite-rubric/1): hãy chép nó vào thư mục bộ tiêu chí \
                 (xem `onsite paths`) thay vì nhập"
                    .to_owned()
            }
            Foreign::OtherFormat(format) => format!("một tệp YAML có format «{format}»"),
            Foreign::NoFormat => "một tệp YAML không có dòng `format: onsite-visit/1`".to_owned(),
            Foreign::Text => "một tệp văn bản khác".to_owned(),
            Foreign::Binary => "dữ liệu nhị phân, không phải văn bản".to_owned(),
        };
        format!(
            "{file}: không phải tệp lần kiểm tra của onsite (onsite-visit/1) mà là {what}; \
             hãy nhập tệp .yaml do `onsite export` hoặc `onsite sync` tạo ra"
        )
    }
}
