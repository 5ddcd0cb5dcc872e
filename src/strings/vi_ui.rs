//! Vietnamese words of the terminal UI.

use super::clip;
use super::compose::ui::{self as compose, UiWords, UnsavedWords};
use super::ui::{Ui, UiTexts};
use super::vi::Vi;
use crate::domain::history::Request;
use crate::domain::minutes::{MAX_COPIES, RECOGNITION_FIRST, RECOGNITION_RENEWAL};
use crate::domain::visit::FindingField;
use crate::ui::Confirm;
use crate::ui::Help;

pub(super) const UI_WORDS: UiWords = UiWords {
    confirm_delete: "Xóa lần kiểm tra “{unit}” ngày {date}? Lần kiểm tra được chuyển vào \
                     thùng rác; nhấn u ngay sau đó, hoặc t rồi Enter, để lấy lại.",
    confirm_finalize: "Hoàn tất lần kiểm tra “{unit}”? Sau khi hoàn tất chỉ xem được; muốn \
                       sửa phải mở lại và ghi lý do.",
    still_empty: "\n⚠ Còn trống: {names}.",
    no_minutes_details: "\n⚠ Chưa nhập thông tin biên bản (cơ quan kiểm tra, số, căn cứ, \
                         địa điểm…: phím b).",
    finalize_anyway: "Vẫn hoàn tất “{unit}” khi còn phần để trống? Biên bản sẽ in các phần \
                      đó trống.",
    discard_form: "Bỏ các thông tin vừa nhập?",
    discard_action: "Bỏ yêu cầu khắc phục vừa nhập?",
    quit_unsaved: "Còn {count} thay đổi CHƯA LƯU ĐƯỢC (onsite vẫn đang thử lại). Thoát bây \
                   giờ thì mất các thay đổi này. Vẫn thoát?",
    last_item_done: "Tiêu chí cuối cùng. Đã chấm hết: s để xem tổng hợp, f để hoàn tất.",
    last_item_one: "Tiêu chí cuối cùng. Còn {count} tiêu chí chưa chấm: g để đến tiêu chí \
                    chưa chấm.",
    last_item: "Tiêu chí cuối cùng. Còn {count} tiêu chí chưa chấm: g để đến tiêu chí chưa \
                chấm.",
    unsaved: UnsavedWords {
        answer: "kết quả chấm tiêu chí {item}",
        note: "ghi chú tiêu chí {item}",
        finding: "nhận xét “{field}”",
        finalize: "hoàn tất",
        reopen: "mở lại",
        trash: "chuyển vào thùng rác",
        restore: "lấy lại từ thùng rác",
        action: "yêu cầu khắc phục",
        evidence: "minh chứng",
    },
    inbox_files: "Thư mục {dir} chưa có tệp nào.",
    inbox_missing: "Chưa có thư mục {dir}.",
    inbox_not_folder: "{dir} là một tệp, không phải thư mục.",
    inbox_unreadable: "Không đọc được thư mục {dir} ({reason}).",
    inbox_what_to_do: "Chép ảnh, tài liệu cần đính kèm vào thư mục đó, hoặc chọn thư mục \
                       khác bằng dòng `inbox:` trong tệp cài đặt (`onsite paths` cho biết \
                       tệp cài đặt ở đâu). Cũng có thể gõ đường dẫn của tệp ngay dưới đây.",
    previous_answer: "Lần trước ({date}): {answer}",
    points: "điểm",
    file: ["tệp", "tệp"],
    files_chosen: "Đã chọn {count} {files}; Enter để đính kèm theo thứ tự đã chọn",
    attaching: "Đính kèm {count} {files}: {names}",
    attached: "Đã đính kèm {count} {files} vào tiêu chí {item}",
    attached_already: "{count} tệp đã được đính kèm vào tiêu chí {item} từ trước; không \
                       đính kèm lại",
    attached_some: "Đã đính kèm {count} {files} vào tiêu chí {item}; {already} tệp đã có từ \
                    trước nên không đính kèm lại: {names}",
    completions: "{count} tên có thể: {names}",
};

impl UiTexts for Vi {
    fn ui_words(&self) -> &'static UiWords {
        &UI_WORDS
    }

    #[allow(clippy::too_many_lines)] // one arm per label
    fn ui(&self, ui: Ui) -> &'static str {
        match ui {
            Ui::VisitsTitle => "Các lần kiểm tra",
            Ui::NoVisits => "Chưa có lần kiểm tra nào. Nhấn n để tạo mới.",
            Ui::TrashTitle => "Thùng rác — Enter để lấy lại lần kiểm tra",
            Ui::TrashEmpty => "Thùng rác trống. Esc để quay lại danh sách.",
            Ui::NothingToRestore => {
                "Không có lần xóa nào để hoàn tác; nhấn t để xem thùng rác và lấy lại từ đó"
            }
            Ui::NoMatchingVisits => "Không có lần kiểm tra nào khớp bộ lọc. Esc để bỏ lọc.",
            Ui::ColDate => "Ngày",
            Ui::ColUnit => "Đơn vị",
            Ui::ColRubric => "Bộ tiêu chí",
            Ui::ColStatus => "Trạng thái",
            Ui::ColProgress => "Tiến độ",
            Ui::ColScore => "Điểm",
            Ui::ColVerdict => "Kết quả",
            Ui::FilterPrompt => "Lọc:",
            Ui::NewVisitTitle => "Lần kiểm tra mới",
            Ui::FieldUnit => "Tên đơn vị",
            Ui::FieldKind => "Loại hình",
            Ui::FieldAddress => "Địa chỉ",
            Ui::FieldDate => "Ngày kiểm tra",
            Ui::FieldLeader => "Trưởng đoàn",
            Ui::FieldSecretary => "Thư ký",
            Ui::FieldMembers => "Thành viên",
            Ui::FieldRubric => "Bộ tiêu chí",
            Ui::MembersHint => "(các tên cách nhau bằng dấu phẩy)",
            Ui::RubricNotForKind => {
                "⚠ Bộ tiêu chí này không dành cho loại hình đã chọn; vẫn tạo được nếu đoàn thấy \
                 phù hợp."
            }
            Ui::AskNameTitle => "Chào mừng đến với onsite",
            Ui::AskNameMissing => {
                "Chưa có tên: gõ họ tên của bạn (ví dụ Nguyễn Văn An) rồi nhấn Enter; Esc để thoát"
            }
            Ui::TextCut => "(còn nữa: PgDn/PgUp để cuộn)",
            Ui::Empty => "(trống)",
            Ui::AskNamePrompt => {
                "Họ tên của bạn (người chấm) là gì? Tên này được ghi vào mọi thay đổi và lưu vào \
                 tệp cài đặt. Gõ tên rồi nhấn Enter."
            }
            Ui::Guide => "Cách kiểm tra",
            Ui::Basis => "Căn cứ",
            Ui::Keys => "Phím",
            Ui::Answer => "Kết quả chấm",
            Ui::Typing => "đang gõ",
            Ui::Note => "Ghi chú",
            Ui::NoNote => "(chưa có — nhấn e để ghi)",
            Ui::NoteEditing => "Ghi chú",
            Ui::Saved => "đã lưu",
            Ui::Unsaved => "chưa lưu…",
            Ui::NotSaved => "CHƯA LƯU ĐƯỢC",
            Ui::Critical => {
                "Tiêu chí bắt buộc: không đạt tiêu chí này thì cả lần kiểm tra không đạt"
            }
            Ui::ReadOnly => "ĐÃ HOÀN TẤT · chỉ xem",
            Ui::Step => "bước",
            Ui::TypeScore => "gõ số điểm",
            Ui::Pass => "đạt",
            Ui::Fail => "không đạt",
            Ui::NotApplicable => "không áp dụng",
            Ui::Section => "Tiêu chuẩn",
            Ui::ItemWord => "tiêu chí",
            Ui::ScoreWord => "điểm",
            Ui::Provisional => "tạm tính",
            Ui::SummaryTitle => "Tổng hợp",
            Ui::Unanswered => "chưa chấm",
            Ui::HelpTitle => "Phím tắt",
            Ui::ConfirmTitle => "Xác nhận",
            Ui::NoticeTitle => "Lưu ý về bộ tiêu chí",
            Ui::YesNo => "y: đồng ý · n/Esc: thôi",
            Ui::AnyKey => "Nhấn phím bất kỳ để tiếp tục",
            Ui::KeyText => "chữ",
            Ui::KeyAny => "phím bất kỳ",
            Ui::MinutesTitle => "Thông tin biên bản",
            Ui::MinutesFinalized => {
                "Lần kiểm tra đã hoàn tất: điểm đã khóa, thông tin biên bản vẫn sửa được; mọi \
                 thay đổi được ghi vào lịch sử."
            }
            Ui::FieldPrevious => "Lần trước",
            Ui::FirstVisit => "— (không: lần kiểm tra đầu)",
            Ui::ActionNewTitle => "Yêu cầu khắc phục mới",
            Ui::ActionEditTitle => "Sửa yêu cầu khắc phục",
            Ui::ActionFieldText => "Nội dung",
            Ui::ActionFieldOwner => "Người thực hiện",
            Ui::ActionFieldDue => "Thời hạn",
            Ui::ActionDueHint => "(31/12/2026 hoặc 2026-12-31; để trống nếu không có)",
            Ui::ActionsHeading => "Yêu cầu khắc phục",
            Ui::PreviousActionsHeading => "Yêu cầu của lần trước",
            Ui::OpenAction => "còn yêu cầu khắc phục chưa xong",
            Ui::GotWorse => "kém hơn lần trước",
            Ui::KeySpace => "Space",
            Ui::InboxFolder => "Thư mục",
            Ui::InboxReading => "Đang đọc thư mục…",
            Ui::PathLabel => "Đường dẫn",
            Ui::PathHint => "Tab: hoàn thành tên; Tab lần nữa: xem các tên · ~: thư mục nhà",
            Ui::PickerHint => "Space: chọn nhiều tệp · o: gõ đường dẫn tệp ở nơi khác",
            Ui::CaptionLabel => "Chú thích",
            Ui::CaptionHint => "không bắt buộc: Enter để đính kèm luôn · Esc để quay lại",
            Ui::AttachedLegend => "◫ tiêu chí: tệp cùng tên, cùng cỡ đã đính kèm vào tiêu chí đó",
            Ui::Evidence => "Minh chứng",
        }
    }

    fn key_help(&self, help: Help) -> &'static str {
        match help {
            Help::Move => "lên/xuống",
            Help::NextPrevSection => "tiêu chuẩn sau/trước",
            Help::Answer => "chấm",
            Help::Na => "không áp dụng",
            Help::Clear => "xóa kết quả",
            Help::EditNote => "ghi chú",
            Help::NextUnanswered => "tiêu chí chưa chấm",
            Help::Undo => "hoàn tác",
            Help::Redo => "làm lại",
            Help::Search => "tìm",
            Help::SearchNextPrev => "kết quả tìm sau/trước",
            Help::Summary => "tổng hợp",
            Help::Finalize => "hoàn tất",
            Help::Help => "trợ giúp",
            Help::Back => "quay lại",
            Help::Quit => "thoát",
            Help::QuitNow => "thoát ngay (đã lưu)",
            Help::Open => "mở",
            Help::New => "tạo mới",
            Help::Delete => "xóa",
            Help::Filter => "lọc",
            Help::Type => "gõ chữ",
            Help::Done => "xong",
            Help::NewLine => "xuống dòng",
            Help::LineEdit => "sửa dòng (Ctrl-a/e/w/u/k)",
            Help::NextField => "ô sau",
            Help::PrevField => "ô trước",
            Help::Choose => "chọn",
            Help::Create => "tạo",
            Help::Cancel => "hủy",
            Help::Yes => "đồng ý",
            Help::No => "thôi",
            Help::Continue => "tiếp tục",
            Help::SaveName => "lưu tên",
            Help::Report => "biên bản (HTML)",
            Help::EditFinding => "sửa nhận xét",
            Help::Minutes => "thông tin biên bản",
            Help::Edit => "sửa",
            Help::Save => "lưu",
            Help::AddAction => "thêm yêu cầu khắc phục",
            Help::ActionDone => "đánh dấu đã khắc phục",
            Help::FollowUp => "kiểm tra lại / phúc tra",
            Help::Trash => "thùng rác",
            Help::Stats => "tổng hợp bộ tiêu chí",
            Help::Page => "trang sau/trước",
            Help::Restore => "lấy lại",
            Help::UndoDelete => "hoàn tác xóa",
            Help::ScrollText => "cuộn nội dung tiêu chí (cửa sổ nhỏ)",
            Help::Attach => "đính kèm minh chứng",
            Help::ChooseFile => "chọn",
            Help::AttachChosen => "đính kèm",
            Help::TypePath => "gõ đường dẫn",
            Help::TypePathFrom => "gõ đường dẫn bắt đầu bằng / hoặc ~",
            Help::Complete => "hoàn thành tên",
        }
    }

    fn confirm(&self, confirm: &Confirm) -> String {
        compose::confirm(self, confirm)
    }

    fn recovered(&self, unit: &str) -> String {
        format!(
            "Đã khôi phục bản dự thảo “{unit}”: lần trước onsite không được đóng bình thường; mọi \
             thay đổi đã lưu vẫn còn nguyên."
        )
    }

    fn not_an_entry(&self, typed: &str) -> String {
        format!("“{typed}” không phải kết quả hợp lệ cho tiêu chí này; xem dòng Phím")
    }

    fn all_answered(&self) -> &'static str {
        "Đã chấm hết các tiêu chí. s: tổng hợp · f: hoàn tất"
    }

    fn no_match(&self, query: &str) -> String {
        format!("Không tìm thấy “{query}”")
    }

    fn form_unit_missing(&self) -> &'static str {
        "Hãy nhập tên đơn vị được kiểm tra"
    }

    fn config_not_saved(&self, file: &str, reason: &str) -> String {
        format!("Chưa lưu được tên vào {file}: {reason}. Tên vẫn được dùng trong lần chạy này.")
    }

    fn open_conflicts(&self, fields: &[&str]) -> String {
        format!(
            "Xung đột với máy khác ở: {}. Xem `onsite conflicts`, chọn bằng `onsite resolve`.",
            fields.join(", ")
        )
    }

    fn report_written(&self, path: &str) -> String {
        format!("Đã ghi biên bản: {path} (mở bằng trình duyệt để in)")
    }

    fn rubrics_skipped(&self, count: usize) -> String {
        format!(
            "Có {count} tệp bộ tiêu chí trong thư mục của bạn bị lỗi nên không được nạp; \
             `onsite rubric list` cho biết lỗi gì, ở đâu."
        )
    }

    fn unsaved_warning(&self, count: usize, error: &str) -> String {
        format!(
            "⚠ {count} thay đổi CHƯA LƯU ĐƯỢC; onsite tự thử lại vài giây một lần, đừng \
             thoát cho đến khi dòng này biến mất. Lý do: {error}"
        )
    }

    fn unsaved_now_saved(&self) -> &'static str {
        "Đã lưu được các thay đổi còn chờ."
    }

    fn undo_waits_for_save(&self) -> &'static str {
        "Chưa hoàn tác/làm lại được khi còn thay đổi chưa lưu; chờ lưu xong rồi thử lại."
    }

    fn paste_too_long(&self, chars: usize, limit: usize) -> String {
        format!("Không dán: đoạn dán dài {chars} ký tự, quá giới hạn {limit} ký tự.")
    }

    fn note_too_long(&self, limit: usize) -> String {
        format!("Ghi chú đã đến giới hạn {limit} ký tự; không thêm được nữa.")
    }

    fn unsaved_what(&self, visit: &str, request: &Request) -> String {
        compose::unsaved_what(self, visit, request)
    }

    fn unsaved_lost(&self, count: usize, data_dir: &str) -> String {
        format!(
            "onsite đã đóng với {count} thay đổi CHƯA LƯU ĐƯỢC vào {data_dir} (dưới đây); hãy \
             nhập lại sau khi khắc phục chỗ lưu (dung lượng đĩa, quyền ghi):"
        )
    }

    fn minutes_hint(&self, field: FindingField) -> Option<String> {
        Some(match field {
            FindingField::Started | FindingField::Ended => {
                "giờ:phút theo 24 giờ, ví dụ 08:30 hoặc 14:00".into()
            }
            FindingField::Registered => "năm, bốn chữ số, ví dụ 2024".into(),
            FindingField::Recognition => "“lần đầu” hoặc “lại”".into(),
            FindingField::Copies => format!("số bản, từ 1 đến {MAX_COPIES}; để trống là 2"),
            FindingField::Representatives => {
                "mỗi người một dòng: Họ tên — chức vụ (Alt-Enter xuống dòng)".into()
            }
            FindingField::Recipients => {
                "mỗi nơi một dòng (Alt-Enter xuống dòng); “Lưu: VT, HS.” luôn được thêm".into()
            }
            FindingField::Locality => "địa danh ghi trước ngày tháng, ví dụ Hà Tĩnh".into(),
            FindingField::Period => "ví dụ 2024–2025".into(),
            _ => return None,
        })
    }

    fn recognition_word(&self, stored: &str) -> Option<&'static str> {
        match stored {
            RECOGNITION_FIRST => Some("công nhận lần đầu"),
            RECOGNITION_RENEWAL => Some("công nhận lại"),
            _ => None,
        }
    }

    fn action_text_missing(&self) -> &'static str {
        "Ghi nội dung yêu cầu khắc phục (đơn vị cần làm gì), rồi nhấn Enter."
    }

    fn action_done_where(&self) -> &'static str {
        "Chọn một yêu cầu khắc phục trong danh sách (↑↓) rồi nhấn d."
    }

    fn action_already_done(&self, id: &str) -> String {
        format!(
            "Yêu cầu này đã khắc phục. Muốn mở lại, ghi lý do: onsite action reopen {id} \
             --reason \"…\""
        )
    }

    fn then_now(&self, then: &str, now: &str) -> String {
        format!("{then} → {now}")
    }

    fn typed_unfinished(&self, typed: &str) -> String {
        format!(
            "“{typed}” chưa phải kết quả đủ: gõ tiếp rồi Enter, hoặc Backspace để xóa, rồi mới \
             chuyển tiêu chí"
        )
    }

    fn answer_cleared(&self, item: &str, answer: &str) -> String {
        format!("Đã xóa kết quả tiêu chí {item} ({answer}); nhấn u để lấy lại")
    }

    fn trashed(&self, unit: &str) -> String {
        format!("Đã chuyển “{unit}” vào thùng rác; nhấn u để lấy lại, t để xem thùng rác")
    }

    fn restored_from_trash(&self, unit: &str) -> String {
        format!("Đã lấy lại “{unit}” từ thùng rác")
    }

    fn follow_up_of(&self, date: &str) -> String {
        format!("Kiểm tra lại, so với lần kiểm tra ngày {date}")
    }

    fn picker_title(&self, item: &str) -> String {
        format!("Đính kèm minh chứng · tiêu chí {item}")
    }

    fn attached(&self, item: &str, added: usize, already: &[String]) -> String {
        compose::attached(self, item, added, already)
    }

    fn attach_waits_for_save(&self) -> &'static str {
        "Chưa đính kèm được khi còn thay đổi chưa lưu; chờ lưu xong rồi thử lại."
    }

    fn path_missing(&self) -> &'static str {
        "Gõ đường dẫn của tệp cần đính kèm (Tab để hoàn thành tên), hoặc Esc để quay lại"
    }

    fn no_completion(&self, start: &str, folder: &str) -> String {
        format!(
            "Trong {folder} không có tệp hay thư mục nào bắt đầu bằng «{}»",
            clip(start, 40)
        )
    }

    fn evidence_more(&self, count: usize) -> String {
        format!("… và {count} tệp nữa (xem hết: onsite attachments)")
    }
}
