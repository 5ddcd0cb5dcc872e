//! Vietnamese words of the minutes.

use super::report::{ReportLabel as L, ReportTexts};
use super::vi::Vi;

fn or_dots(text: &str) -> &str {
    if text.is_empty() { "……" } else { text }
}

impl ReportTexts for Vi {
    fn report_label(&self, label: L) -> &'static str {
        match label {
            L::Nation => "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            L::Motto => "Độc lập - Tự do - Hạnh phúc",
            L::Title => "BIÊN BẢN KIỂM TRA",
            L::Subtitle => "Kết quả kiểm tra, đánh giá theo bộ tiêu chí",
            L::Number => "Số",
            L::Draft => "DỰ THẢO",
            L::Time => "Thời gian",
            L::Place => "Địa điểm",
            L::Basis => "Căn cứ",
            L::Rubric => "Bộ tiêu chí áp dụng",
            L::ScaleNotice => "Lưu ý về thang điểm",
            L::Team => "Thành phần đoàn kiểm tra",
            L::Representatives => "Đại diện đơn vị được kiểm tra",
            L::Unit => "Đơn vị được kiểm tra",
            L::UnitName => "Tên đơn vị",
            L::UnitKind => "Loại hình",
            L::UnitAddress => "Địa chỉ",
            L::Results => "Kết quả kiểm tra",
            L::ColItem => "TT",
            L::ColText => "Tiêu chí",
            L::ColAnswer => "Kết quả",
            L::ColPoints => "Điểm",
            L::ColNote => "Ghi chú",
            L::Subtotal => "Cộng",
            L::Total => "Tổng điểm",
            L::Band => "Xếp loại",
            L::Verdict => "Kết quả",
            L::Recommendation => "Đề nghị của đoàn",
            L::Reasons => "Lý do",
            L::FailedCritical => "Không đạt tiêu chí bắt buộc",
            L::Findings => "Nhận xét, kết luận",
            L::Chart => "Tỷ lệ điểm đạt của từng tiêu chuẩn",
            L::PassLine => "mức tối thiểu",
            L::NotApplicable => "không áp dụng",
            L::SignLeader => "TRƯỞNG ĐOÀN",
            L::SignSecretary => "THƯ KÝ",
            L::SignUnit => "ĐẠI DIỆN ĐƠN VỊ",
            L::SignHint => "(Ký, ghi rõ họ tên)",
            L::Closing => {
                "Biên bản được đọc lại cho các thành phần tham dự cùng nghe, thống nhất nội dung \
                 và ký tên."
            }
            L::Recognition => "Đề nghị xét",
            L::UnitComments => "Ý kiến của đơn vị được kiểm tra",
            L::Recipients => "Nơi nhận:",
            L::DefaultRecipient => "Đơn vị được kiểm tra;",
            L::Archive => "Lưu: VT, HS.",
            L::Actions => "Yêu cầu khắc phục",
            L::ColOwner => "Người/đơn vị thực hiện",
            L::ColDue => "Thời hạn",
            L::ColStatus => "Tình trạng",
            L::Previous => "So với lần kiểm tra trước",
            L::ColThen => "Lần trước",
            L::ColNow => "Lần này",
            L::ColChange => "Thay đổi",
            L::ColStandard => "Tiêu chuẩn",
            L::PreviousActions => "Tình trạng yêu cầu khắc phục của lần kiểm tra trước",
            L::Evidence => "Minh chứng",
            L::EvidenceAppendix => "Phụ lục: Danh mục minh chứng",
            L::EvidenceAppendixNote => {
                "Mỗi tệp minh chứng được nhận biết bằng mã SHA-256 của nội dung tệp. Khi xuất lần \
                 kiểm tra, tệp được lưu trong thư mục .files bên cạnh tài liệu, tên tệp là mã \
                 SHA-256 kèm đuôi tệp; tính lại mã SHA-256 của tệp để đối chiếu với bản in."
            }
            L::ColFile => "Tệp",
            L::ColCaption => "Chú thích",
            L::ColTakenAt => "Thời điểm chụp",
            L::ColAttached => "Người đính kèm, thời điểm",
            L::Sha256 => "SHA-256",
        }
    }

    /// NĐ 30/2020, Phụ lục I: a leading zero only for days below 10 and for months 1 and 2
    /// ("ngày 05 tháng 3", "ngày 20 tháng 02").
    fn report_place_date(&self, place: &str, year: i16, month: i8, day: i8) -> String {
        format!(
            "{}, ngày {day:02} tháng {} năm {year}",
            or_dots(place),
            month_words(month)
        )
    }

    /// "08 giờ 30 phút", as the minutes write times.
    fn report_time(&self, start: &str, end: &str) -> String {
        format!(
            "Bắt đầu lúc {}, kết thúc lúc {}",
            or_dots(&clock_words(start)),
            or_dots(&clock_words(end))
        )
    }

    fn report_draft_note(&self, unanswered: usize) -> String {
        if unanswered == 0 {
            "Bản dự thảo: lần kiểm tra chưa hoàn tất.".into()
        } else {
            format!("Bản dự thảo: còn {unanswered} mục chưa chấm; điểm là tạm tính.")
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
            format!("; căn cứ: {basis}")
        };
        format!("“{title}” (mã {id}, phiên bản {version}, sha256 {digest}){basis}")
    }
    fn report_recommendation(&self, eligible: bool, recognition: &str, period: &str) -> String {
        let what = match recognition_words(recognition) {
            "" => "công nhận".to_owned(),
            kind => kind.to_owned(),
        };
        let period = if period.trim().is_empty() {
            String::new()
        } else {
            format!(" giai đoạn {}", period.trim())
        };
        if eligible {
            format!(
                "Đủ điều kiện đề nghị {what}{period}; việc công nhận do cấp có thẩm quyền quyết định."
            )
        } else {
            format!("Chưa đủ điều kiện đề nghị {what}{period}.")
        }
    }

    fn report_recognition(&self, recognition: &str, registered: &str, period: &str) -> String {
        let mut parts = Vec::new();
        let kind = recognition_words(recognition);
        if !kind.is_empty() {
            parts.push(kind.to_owned());
        }
        if !registered.trim().is_empty() {
            parts.push(format!("năm đăng ký xây dựng: {}", registered.trim()));
        }
        if !period.trim().is_empty() {
            parts.push(format!("giai đoạn: {}", period.trim()));
        }
        parts.join("; ")
    }

    fn report_closing(&self, end: &str, (year, month, day): (i16, i8, i8), copies: u32) -> String {
        let time = match crate::domain::visit::parse_clock(end) {
            Some(_) => clock_words(end),
            None => "…… giờ …… phút".to_owned(),
        };
        format!(
            "Biên bản kết thúc vào {time}, ngày {day:02} tháng {} năm {year}, được lập thành \
             {copies:02} bản có giá trị như nhau./.",
            month_words(month)
        )
    }

    fn report_number(&self, text: String) -> String {
        text.replace('.', ",")
    }

    fn report_short_date(&self, year: i16, month: i8, day: i8) -> String {
        format!("{day:02}/{month:02}/{year}")
    }
}

/// NĐ 30/2020, Phụ lục I: months 1 and 2 with a leading zero, the others without.
fn month_words(month: i8) -> String {
    if month <= 2 {
        format!("{month:02}")
    } else {
        month.to_string()
    }
}

fn recognition_words(recognition: &str) -> &'static str {
    match recognition {
        crate::domain::minutes::RECOGNITION_FIRST => "công nhận lần đầu",
        crate::domain::minutes::RECOGNITION_RENEWAL => "công nhận lại",
        _ => "",
    }
}

/// `08:30` → `08 giờ 30 phút`; anything else (a recorded free text) as it is.
fn clock_words(text: &str) -> String {
    match crate::domain::visit::parse_clock(text) {
        Some((hours, minutes)) => format!("{hours:02} giờ {minutes:02} phút"),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_times_are_written_as_nd_30_asks() {
        let t = Vi;
        assert_eq!(
            t.report_place_date("Hà Tĩnh", 2026, 3, 5),
            "Hà Tĩnh, ngày 05 tháng 3 năm 2026"
        );
        assert_eq!(
            t.report_place_date("Hà Tĩnh", 2026, 2, 20),
            "Hà Tĩnh, ngày 20 tháng 02 năm 2026"
        );
        assert_eq!(
            t.report_place_date("Hà Tĩnh", 2026, 11, 20),
            "Hà Tĩnh, ngày 20 tháng 11 năm 2026"
        );
        assert_eq!(
            t.report_time("8:30", "11:05"),
            "Bắt đầu lúc 08 giờ 30 phút, kết thúc lúc 11 giờ 05 phút"
        );
        assert_eq!(
            t.report_closing("11:05", (2026, 1, 5), 2),
            "Biên bản kết thúc vào 11 giờ 05 phút, ngày 05 tháng 01 năm 2026, được lập thành \
             02 bản có giá trị như nhau./."
        );
        assert_eq!(t.report_number("93.5".into()), "93,5");
        assert_eq!(
            t.report_recommendation(true, "first", "2024–2025"),
            "Đủ điều kiện đề nghị công nhận lần đầu giai đoạn 2024–2025; việc công nhận do cấp \
             có thẩm quyền quyết định."
        );
        assert_eq!(
            t.report_recommendation(false, "", ""),
            "Chưa đủ điều kiện đề nghị công nhận."
        );
    }
}
