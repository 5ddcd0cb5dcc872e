//! Vietnamese texts (the default UI language).

use rust_decimal::Decimal;

use super::compose::{
    ActionWords, AnswerWords, ChangeWords, CheckupWords, ConfigWords, ConflictWords,
    DiagnosticWords, EditWords, FileProblemWords, FindWords, MinutesWords, OpenedWords,
    PassRuleWords, ProblemWords, ReasonWords, StoreWords, VisitWords, Words,
};
use super::{Label, Texts, num};
use crate::domain::rubric::{ItemKind, Lang};
use crate::domain::rubric_check::Subject;
use crate::domain::scoring::Verdict;
use crate::domain::visit::{FindingField, Role, Status, UnitKind};

pub struct Vi;

pub(super) const WORDS: Words = Words {
    lang: Lang::Vi,
    answer: AnswerWords {
        none: "—",
        pass: "đạt",
        fail: "không đạt",
        na: "không áp dụng",
        wrong_kind: "tiêu chí này chấm theo kiểu {kind}",
        out_of_range: "điểm phải từ 0 đến {max}",
        not_a_step: "điểm phải là bội của {step}",
        na_not_allowed: "tiêu chí này không được đánh không áp dụng",
        no_such_level: "tiêu chí này có các mức từ 1 đến {count}",
        not_an_answer: "tiêu chí {item}: \"{given}\" không phải kết quả chấm hợp lệ; cần \
                        {expected}, na hoặc clear",
        expected_number: "một số như 7 hoặc 7.5",
        expected_pass_fail: "đạt (pass) hoặc không đạt (fail)",
        expected_level: "mức 1 đến {count} hoặc tên mức",
    },
    reason: ReasonWords {
        unanswered_one: "còn {count} tiêu chí chưa chấm",
        unanswered: "còn {count} tiêu chí chưa chấm",
        score_below_pass: "tổng điểm {score} thấp hơn mức đạt {min}",
        section_below_minimum: "tiêu chuẩn {section} chỉ đạt {percent}%, dưới mức tối thiểu {min}%",
        critical_failed: "không đạt tiêu chí bắt buộc {item}",
        nothing_applicable: "mọi tiêu chí đều không áp dụng: không có gì để chấm",
    },
    diagnostic: DiagnosticWords {
        unreadable: "không đọc được tệp: {reason}",
        too_large: "tệp nặng {size} byte, vượt giới hạn {limit} byte của một bộ tiêu chí; có đúng \
                    tệp không?",
        not_utf8: "tệp không phải văn bản UTF-8; hãy lưu lại dạng UTF-8",
        empty: "tệp trống; bộ tiêu chí bắt đầu bằng `format: {format}`",
        not_a_rubric: "đây không phải bộ tiêu chí: cần các khóa như `format: {format}`, `id:`, \
                       `sections:` (xem rubrics/README.md)",
        unknown_key: "khóa \"{key}\" không hợp lệ; các khóa được phép: {expected}",
        missing_key: "thiếu khóa bắt buộc \"{key}\"",
        duplicate_key: "khóa \"{key}\" bị viết hai lần; hãy giữ một",
        alias_bomb: "tệp dùng alias YAML lặp lại quá nhiều lần; bị từ chối (hãy viết thẳng giá trị)",
        quote_hint: " (đặt mã và phiên bản trong dấu ngoặc kép, ví dụ version: \"2025.1\")",
        yaml: "lỗi YAML: {message}",
    },
    find: FindWords {
        not_found: "không có bộ tiêu chí \"{query}\"; hiện có: {known} (xem `onsite rubric list`)",
        ambiguous: "bộ tiêu chí \"{query}\" có các phiên bản {versions}; hãy ghi rõ \
                    {query}@PHIÊN_BẢN",
    },
    pass_rule: PassRuleWords {
        score: "tổng điểm",
        each_section: "mỗi tiêu chuẩn",
        no_critical_failed: "không có tiêu chí bắt buộc nào không đạt",
    },
    change: ChangeWords {
        undo: "hoàn tác",
        redo: "làm lại",
        created: "tạo lần kiểm tra",
        criterion: "tiêu chí",
        note: "ghi chú",
        note_cleared: "xóa ghi chú",
        finalized: "hoàn tất",
        reopened: "mở lại",
        trashed: "chuyển vào thùng rác",
        restored: "khôi phục từ thùng rác",
        action_added: "thêm yêu cầu khắc phục",
        action_removed: "bỏ yêu cầu khắc phục",
        action: "yêu cầu",
        attached: "đính kèm minh chứng",
        detached: "gỡ minh chứng",
    },
    opened: OpenedWords {
        snapshots_set_aside: "không đọc được tệp ảnh chụp của kho dữ liệu; đã chuyển chúng sang \
                              {folder} và đọc kho từ toàn bộ nhật ký",
        rebuilt: "không đọc được kho dữ liệu nên đã chuyển nó sang {folder} (vẫn giữ, không xóa) \
                  và dựng lại từ bản dự phòng: khôi phục {count} lần kiểm tra",
        recovered: "  đã khôi phục {id} {unit}: {changes} thay đổi, mới nhất lúc {last}",
        not_recovered: "  KHÔNG khôi phục được {id}: {reason}",
        spare_incomplete: "  bản dự phòng chưa đầy đủ (kho được dùng lần cuối bởi onsite cũ): hãy \
                           nhập lại các tệp đã xuất hoặc thư mục đồng bộ để lấy phần còn lại",
        plans_recovered: "  đã khôi phục {count} mục của kế hoạch kiểm tra",
        run_doctor: "hãy chạy `onsite doctor` để kiểm tra lại toàn bộ",
    },
    checkup: CheckupWords {
        spare_refreshed: "bản dự phòng của {id} bị thiếu hoặc cũ: đã ghi lại",
        restored: "{id} {unit}: đã lấy lại từ bản dự phòng ({changes} thay đổi, mới nhất lúc \
                   {last})",
        lost: "{id}: không đọc được cả trong kho lẫn bản dự phòng: {reason}",
        sizes: "dung lượng: kho dữ liệu {store} MB, bản dự phòng {spare} MB",
        sound: "đã kiểm tra {visits} lần kiểm tra: kho dữ liệu và bản dự phòng đều tốt",
        unsound: "đã kiểm tra {visits} lần kiểm tra: {lost} lần không khôi phục được; hãy giữ một \
                  bản sao thư mục dữ liệu (onsite paths) để gửi hỗ trợ",
        plans_restored: "đã lấy lại {count} mục của kế hoạch kiểm tra từ bản dự phòng",
        plan_unreadable: "{file}: bản dự phòng của một mục kế hoạch không đọc được, để nguyên: \
                          {reason}",
    },
    config: ConfigWords {
        unreadable: "{path}: không đọc được tệp cài đặt: {source}",
        invalid: "{path}{at}: {message}; tệp cài đặt chỉ nhận inspector, lang (vi|en), \
                  default_rubric và advance (true|false)",
    },
    visit: VisitWords {
        not_found: "không có lần kiểm tra nào khớp \"{prefix}\"; xem mã bằng `onsite list`",
        ambiguous: "\"{prefix}\" khớp {count} lần kiểm tra ({matches}); hãy gõ thêm ký tự của mã",
        action_not_found: "không có yêu cầu khắc phục nào khớp \"{prefix}\"; xem mã bằng `onsite \
                           action list`",
        action_ambiguous: "\"{prefix}\" khớp {count} yêu cầu khắc phục ({matches}); hãy gõ thêm \
                           ký tự của mã",
        attachment_not_found: "không có tệp đính kèm nào khớp \"{prefix}\"; xem mã bằng `onsite \
                               attachments MÃ`",
        attachment_ambiguous: "\"{prefix}\" khớp {count} tệp đính kèm ({matches}); hãy gõ thêm ký \
                               tự của mã",
        evidence_missing: "máy này không có tệp «{name}» (bản sao nhận về không kèm tệp); hãy \
                           đồng bộ hoặc nhập lại từ máy đã đính kèm nó",
        file: "{path}: {what}; chưa đính kèm gì",
        file_missing: "không có tệp này; kiểm tra lại tên và thư mục",
        file_folder: "đây là thư mục; hãy chỉ ra các tệp trong đó",
        file_not_regular: "đây không phải tệp thông thường (ống dẫn hay thiết bị); hãy lưu thành \
                           tệp trước",
        file_empty: "tệp rỗng",
        file_too_large: "tệp nặng {size}, vượt giới hạn {limit} mỗi tệp; hãy đính kèm bản nhỏ hơn",
        file_unreadable: "không đọc được ({error}); kiểm tra quyền truy cập tệp",
        opener: "không mở được {path} ({source}); hãy mở nó từ trình quản lý tệp",
    },
    edit: EditWords {
        finalized: "lần kiểm tra đã hoàn tất, chỉ được xem; dùng `onsite reopen MÃ --reason …` để \
                    sửa",
        in_trash: "lần kiểm tra đang ở thùng rác; dùng `onsite restore MÃ` trước",
        not_in_trash: "lần kiểm tra không ở trong thùng rác",
        unknown_item: "bộ tiêu chí của lần kiểm tra này không có tiêu chí \"{item}\"; xem `onsite \
                       rubric show`",
        too_long: "văn bản dài {chars} ký tự, vượt giới hạn {max}; hãy rút gọn",
        unanswered: "còn {count} tiêu chí chưa chấm; hãy chấm (hoặc đánh na ở tiêu chí cho phép) \
                     trước khi hoàn tất",
        not_finalized: "lần kiểm tra chưa hoàn tất; có thể sửa trực tiếp",
        reason_required: "hãy ghi lý do mở lại: --reason \"…\"",
        nothing_to_undo: "không còn gì để hoàn tác",
        nothing_to_redo: "không còn gì để làm lại",
        unknown_action: "không có yêu cầu khắc phục {id}; xem `onsite action list`",
        action_done: "yêu cầu {id} đã được đánh dấu khắc phục",
        action_open: "yêu cầu {id} đang mở, chưa khắc phục",
        action_text_required: "yêu cầu khắc phục cần có nội dung: --text \"…\"",
        action_exists: "yêu cầu {id} đã có",
        bad_date: "\"{given}\" không phải ngày; viết năm-tháng-ngày (2026-12-31) hoặc \
                   ngày/tháng/năm (31/12/2026)",
        unknown_attachment: "lần kiểm tra này không có tệp đính kèm {id}; xem `onsite attachments \
                             MÃ`",
        attachment_exists: "tệp đính kèm {id} đã có",
        file_too_large: "tệp nặng {size}, vượt giới hạn {limit} mỗi tệp; hãy đính kèm bản nhỏ hơn \
                         (chức năng \"giảm dung lượng\" của điện thoại, hoặc quét ở độ phân giải \
                         thấp hơn)",
        visit_evidence_full: "minh chứng của lần kiểm tra sẽ lên tới {size}, vượt giới hạn {limit} \
                              mỗi lần kiểm tra; gỡ tệp không cần (`onsite detach`) hoặc đính kèm \
                              bản nhỏ hơn",
        bad_hash: "\"{given}\" không phải mã SHA-256 của tệp",
    },
    minutes: MinutesWords {
        bad_time: "\"{given}\" không phải giờ hợp lệ; viết GIỜ:PHÚT theo 24 giờ, ví dụ 08:30 hoặc \
                   14:05",
        bad_year: "\"{given}\" không phải năm; viết bốn chữ số, ví dụ 2024",
        bad_recognition: "\"{given}\" không phải hình thức công nhận; viết \"lần đầu\" hoặc \"lại\"",
        bad_copies: "\"{given}\" không phải số bản; viết một số từ 1 đến {max}, ví dụ 2",
        end_before_start: "giờ kết thúc {end} trước giờ bắt đầu {start}; chưa thay đổi gì",
    },
    conflict: ConflictWords {
        line: "xung đột {visit} {field}: máy này {mine} · máy kia {theirs}{by} — chọn bằng \
               `onsite resolve {visit} {field} --take mine|theirs`",
        counted: [
            "mới",
            "đã gộp",
            "đã ghi",
            "không đổi",
            "xung đột",
            "bị từ chối",
        ],
        resolved: "đã chọn cho {field}: {side}",
        mine: "giá trị của máy này",
        theirs: "giá trị của máy kia",
    },
    action: ActionWords {
        open: "đang mở",
        done: "đã khắc phục",
        saved: "đã lưu: yêu cầu {id}: {status}",
    },
    problem: ProblemWords {
        wrong_format: "format là \"{found}\"; tệp phải bắt đầu bằng `format: {format}`",
        bad_id: "mã \"{found}\" chỉ được dùng chữ thường a-z không dấu, chữ số và dấu '-' \
                 (ví dụ co-quan-dat-chuan-van-hoa)",
        empty: "{key} đang để trống; hãy điền vào",
        not_quoted: "{key} {value} phải đặt trong ngoặc kép (\"{value}\"): các công cụ YAML \
                     khác đọc nó thành số, và 2025.10 hay 1.10 sẽ mất số 0 cuối",
        no_sections: "chưa có tiêu chuẩn nào (sections); thêm ít nhất một",
        no_items: "tiêu chuẩn chưa có tiêu chí nào (items); thêm ít nhất một",
        duplicate_section_id: "mã tiêu chuẩn bị trùng; mỗi tiêu chuẩn cần một mã riêng",
        duplicate_item_id: "mã tiêu chí đã dùng ở tiêu chuẩn \"{first_section}\"; mã tiêu chí \
                            phải khác nhau trong cả bộ tiêu chí",
        max_missing: "thiếu max; ghi số điểm tối đa của tiêu chí",
        max_not_positive: "max phải lớn hơn 0 (đang là {max})",
        max_on_levels: "tiêu chí theo mức lấy điểm tối đa từ mức cao nhất; hãy bỏ max",
        step_not_positive: "step phải lớn hơn 0 (đang là {step})",
        step_not_half: "step {step} không phải bội của 0.5; dùng 0.5, 1, 2, ...",
        step_not_dividing: "step {step} không chia hết max {max}; sửa một trong hai để max là \
                            số bước tròn",
        step_only_for_points: "step chỉ dùng cho tiêu chí chấm điểm; hãy bỏ đi",
        levels_only_for_levels: "levels chỉ dùng cho tiêu chí `kind: levels`; đặt kind hoặc bỏ \
                                 levels",
        no_levels: "tiêu chí theo mức cần danh sách các mức (levels)",
        duplicate_level: "mức \"{label}\" bị lặp lại",
        negative_level_points: "mức \"{label}\" có điểm âm",
        negative_score: "min_score {score} là số âm",
        score_above_total: "min_score {score} cao hơn tổng điểm {total} của bộ tiêu chí (tổng \
                            max các tiêu chí); không đơn vị nào đạt được",
        bands_not_descending: "min_score {this} không thấp hơn mức phía trên ({previous}); xếp \
                               các mức từ điểm cao xuống thấp",
        percent_out_of_range: "min_section_percent {percent} phải từ 0 đến 100",
        unknown_unit_kind: "unit_kinds: \"{found}\" không phải loại đơn vị; dùng \"cơ quan\", \
                            \"đơn vị\" hoặc \"doanh nghiệp\"",
    },
    file_problem: FileProblemWords {
        invalid: "{origin}: không nạp được",
        duplicate: "{origin}: bộ tiêu chí {id} phiên bản {version} đã có ở {first}; hãy tăng \
                    phiên bản hoặc đổi mã",
        world_writable: "{folder}: cảnh báo: mọi người dùng trên máy đều sửa được bộ tiêu chí \
                         trong thư mục này; hãy giới hạn quyền (chmod o-w)",
        unreadable_folder: "{folder}: không đọc được thư mục bộ tiêu chí: {reason}",
    },
    store: StoreWords {
        locked: "onsite đang mở trên {dir} (pid {pid}); hãy đóng cửa sổ đó rồi thử lại",
        newer_schema: "dữ liệu trong {dir} được lưu bởi phiên bản onsite mới hơn (lược đồ \
                       {found}; bản này chỉ đọc đến {known}); chưa đọc hay sửa gì. Hãy cập nhật \
                       onsite để mở",
        not_a_store: "{dir} chứa tệp không phải kho dữ liệu onsite; hãy chỉ --data-dir tới thư \
                      mục trống hoặc thư mục của onsite",
        io: "không dùng được thư mục dữ liệu {dir}: {source}; các thay đổi đã lưu trước đó vẫn \
             còn. Nếu ổ đĩa đầy hoặc thư mục không ghi được, hãy giải phóng dung lượng hoặc sửa \
             quyền ghi rồi thử lại",
        lock_is_link: "{path} là một liên kết tượng trưng, không phải tệp khóa của onsite; chưa \
                       mở gì. Hãy xóa liên kết đó (onsite sẽ tạo tệp khóa mới) rồi thử lại",
        damaged: "kho dữ liệu trong {dir} bị hỏng ({detail}) và không có bản dự phòng để dựng \
                  lại (lần cuối được dùng bởi onsite cũ, chưa có bản dự phòng); chưa sửa hay \
                  xóa gì. Hãy giữ một bản sao thư mục đó để gửi hỗ trợ; các tệp đã xuất và thư \
                  mục đồng bộ vẫn còn các lần kiểm tra: `onsite --data-dir THU_MUC_MOI import \
                  THU_MUC` đọc chúng vào kho mới",
        engine: "kho dữ liệu trong {dir} bị lỗi: {detail}; các thay đổi đã lưu trước đó vẫn \
                 còn. Nếu ổ đĩa đầy hoặc thư mục không ghi được, hãy giải phóng dung lượng hoặc \
                 sửa quyền ghi rồi thử lại; nếu vẫn lỗi, hãy chạy `onsite doctor`",
        corrupt: "không đọc được bản ghi ({key}): {detail}; hãy chạy `onsite doctor` để lấy lại \
                  từ bản dự phòng",
        interrupted: "đã dừng (Ctrl-C) trước khi lưu thay đổi này; mọi thay đổi đã lưu trước đó \
                      vẫn còn",
        no_visit: "không có lần kiểm tra {id}; xem `onsite list`",
    },
    who_are_you: "ai đang chấm? Mọi thay đổi đều ghi tên người chấm. Thêm dòng `inspector: Họ \
                  Tên` vào {file}, hoặc dùng --as \"Họ Tên\", hoặc đặt biến ONSITE_INSPECTOR",
    bad_choice: "{what} \"{given}\" không hợp lệ; chọn một trong: {choices}",
    rubric_not_for_kind: "cảnh báo: bộ tiêu chí {id}@{version} dành cho {kinds}, không dành cho \
                          {kind}; lần kiểm tra {visit} vẫn được tạo. Nếu chọn nhầm, hãy xóa \
                          (`onsite delete {visit} --yes`) rồi tạo lại với --rubric phù hợp (xem \
                          `onsite rubric list`)",
};

impl Texts for Vi {
    fn words(&self) -> &'static Words {
        &WORDS
    }

    fn label(&self, label: Label) -> &'static str {
        match label {
            Label::Id => "mã",
            Label::Version => "phiên bản",
            Label::Items => "số tiêu chí",
            Label::Item => "tiêu chí",
            Label::ItemsUnit => "tiêu chí",
            Label::Total => "tổng điểm",
            Label::Basis => "căn cứ",
            Label::Notice => "lưu ý",
            Label::PassRule => "đạt khi",
            Label::Bands => "xếp loại",
            Label::Critical => "bắt buộc",
            Label::NaAllowed => "cho phép không áp dụng",
            Label::Points => "điểm",
            Label::Step => "bước",
            Label::NoRubrics => "chưa có bộ tiêu chí nào",
            Label::Date => "ngày",
            Label::Unit => "đơn vị được kiểm tra",
            Label::Rubric => "bộ tiêu chí",
            Label::Status => "trạng thái",
            Label::Progress => "tiến độ",
            Label::Score => "điểm",
            Label::Verdict => "kết quả",
            Label::Band => "xếp loại",
            Label::Reasons => "lý do",
            Label::FailedCritical => "tiêu chí bắt buộc không đạt",
            Label::Team => "đoàn kiểm tra",
            Label::Role => "vai trò",
            Label::Provisional => "tạm tính",
            Label::TrashEmpty => "thùng rác trống",
            Label::NoVisits => {
                "chưa có lần kiểm tra nào; tạo mới bằng `onsite new --unit TÊN --rubric MÃ`"
            }
            Label::NoMatchingVisits => "không có lần kiểm tra nào khớp",
            Label::NoActions => "chưa có yêu cầu khắc phục nào",
            Label::Then => "lần trước",
            Label::Kind => "loại hình",
            Label::Minutes => "thông tin biên bản",
            Label::Findings => "nhận xét",
            Label::Address => "địa chỉ",
        }
    }

    fn item_kind(&self, kind: ItemKind) -> &'static str {
        match kind {
            ItemKind::Points => "chấm điểm",
            ItemKind::Check => "đạt/không đạt",
            ItemKind::Levels => "theo mức",
        }
    }

    fn verdict(&self, verdict: Verdict) -> &'static str {
        match verdict {
            Verdict::Incomplete => "chưa chấm xong",
            Verdict::Pass => "đạt",
            Verdict::Fail => "không đạt",
        }
    }

    fn subject(&self, subject: &Subject) -> String {
        match subject {
            Subject::Rubric => String::new(),
            Subject::Section(id) => format!("tiêu chuẩn \"{id}\": "),
            Subject::Item(id) => format!("tiêu chí \"{id}\": "),
            Subject::Band(n) => format!("mức xếp loại {n}: "),
        }
    }

    fn check_ok(&self, id: &str, version: &str, items: usize, total: Decimal) -> String {
        format!(
            "ok: {id} {version} ({items} tiêu chí, tổng {} điểm)",
            num(total)
        )
    }

    fn unit_kind(&self, kind: UnitKind) -> &'static str {
        match kind {
            UnitKind::CoQuan => "cơ quan",
            UnitKind::DonVi => "đơn vị",
            UnitKind::DoanhNghiep => "doanh nghiệp",
        }
    }

    fn role(&self, role: Role) -> &'static str {
        match role {
            Role::TruongDoan => "trưởng đoàn",
            Role::PhoTruongDoan => "phó trưởng đoàn",
            Role::ThanhVien => "thành viên",
            Role::ThuKy => "thư ký",
        }
    }

    fn status(&self, status: Status) -> &'static str {
        match status {
            Status::Draft => "dự thảo",
            Status::Finalized => "đã hoàn tất",
        }
    }

    fn finding(&self, field: FindingField) -> &'static str {
        match field {
            FindingField::Strengths => "ưu điểm",
            FindingField::Shortcomings => "tồn tại, hạn chế",
            FindingField::Recommendations => "kiến nghị",
            FindingField::Conclusion => "kết luận",
            FindingField::Body => "đoàn kiểm tra",
            FindingField::Number => "số biên bản",
            FindingField::Basis => "căn cứ",
            FindingField::Place => "địa điểm",
            FindingField::Started => "giờ bắt đầu",
            FindingField::Ended => "giờ kết thúc",
            FindingField::Representatives => "đại diện đơn vị",
            FindingField::GoverningBody => "cơ quan chủ quản",
            FindingField::Locality => "địa danh",
            FindingField::UnitComments => "ý kiến của đơn vị",
            FindingField::Recipients => "nơi nhận",
            FindingField::Copies => "số bản",
            FindingField::Recognition => "hình thức công nhận",
            FindingField::Registered => "năm đăng ký",
            FindingField::Period => "giai đoạn đề nghị công nhận",
        }
    }

    fn file_skipped(&self, path: &str, why: &str) -> String {
        format!("cảnh báo: {path}: {why}")
    }

    fn interrupted(&self) -> &'static str {
        "đã dừng (Ctrl-C); mọi thay đổi đã lưu trước đó vẫn còn, thay đổi đang làm đã xong hoặc chưa bắt đầu"
    }

    fn no_data_dir(&self) -> &'static str {
        "không xác định được thư mục dữ liệu (hệ thống không có thư mục home); dùng --data-dir \
         THƯ_MỤC hoặc biến ONSITE_DATA_DIR"
    }

    fn compared_with(&self, visit: &str, date: &str) -> String {
        format!("kiểm tra lại lần kiểm tra {visit} ngày {date}:")
    }

    fn member_unnamed(&self) -> &'static str {
        "thành viên đoàn cần có tên: --team \"Họ tên:vai trò\", ví dụ --team \"Trần Thị Bình:thư ký\""
    }

    fn bad_date(&self, given: &str) -> String {
        format!(
            "\"{given}\" không phải ngày hợp lệ; viết dạng NGÀY/THÁNG/NĂM hoặc NĂM-THÁNG-NGÀY, ví \
             dụ 28/11/2026 hoặc 2026-11-28"
        )
    }

    fn no_rubric_given(&self) -> String {
        "dùng bộ tiêu chí nào? thêm --rubric MÃ (xem `onsite rubric list`) hoặc đặt \
         default_rubric trong tệp cài đặt"
            .into()
    }

    fn delete_needs_yes(&self, id: &str) -> String {
        format!("xóa sẽ chuyển lần kiểm tra {id} vào thùng rác; thêm --yes để xác nhận")
    }

    fn unit_empty(&self) -> &'static str {
        "tên đơn vị đang trống; ghi --unit TÊN"
    }

    fn nothing_to_set(&self) -> &'static str {
        "chưa có gì để ghi: cần ít nhất một tùy chọn (xem --help)"
    }

    fn saved(&self, what: &str, answered: usize, items: usize, score: &str) -> String {
        format!("đã lưu: {what} · {answered}/{items} · điểm {score}")
    }

    fn unchanged(&self) -> &'static str {
        "không đổi: giá trị đã như vậy"
    }

    fn list_cut(&self, shown: usize) -> String {
        format!("… chỉ hiện {shown} lần kiểm tra mới nhất; `onsite list --all` để xem tất cả")
    }

    fn moved_to_trash(&self, id: &str) -> String {
        format!("đã chuyển lần kiểm tra {id} vào thùng rác; `onsite restore {id}` để lấy lại")
    }

    fn export_failed(&self, file: &str, reason: &str) -> String {
        format!(
            "không ghi được {file}: {reason}; không để lại tệp ghi dở. Hãy giải phóng dung \
             lượng ổ đĩa hoặc ghi vào thư mục khác rồi thử lại"
        )
    }

    fn no_conflicts(&self) -> &'static str {
        "không có xung đột"
    }

    fn no_such_conflict(&self, field: &str) -> String {
        format!("không có xung đột nào ở {field}; xem `onsite conflicts`")
    }
}
