//! Vietnamese texts (the default UI language).

use rust_decimal::Decimal;

use std::path::Path;

use super::{Label, Texts, answer_words, clip, num, short_id};
use crate::catalog::{FileProblem, FindError};
use crate::config::ConfigError;
use crate::domain::action::ActionStatus;
use crate::domain::answer::{Answer, AnswerError, ParseAnswerError};
use crate::domain::evidence::SourceProblem;
use crate::domain::history::{Change, ChangeKind, Edit, EditError, MAX_TEXT_CHARS};
use crate::domain::minutes::{MAX_COPIES, MinutesError};
use crate::domain::rubric::{FORMAT, ItemKind, Lang, Rubric};
use crate::domain::rubric_check::{ProblemKind, Subject};
use crate::domain::scoring::{Reason, Verdict, round1};
use crate::domain::visit::{FindingField, Role, Status, UnitKind};
use crate::rubric_file::DiagnosticKind;
use crate::store::StoreError;
use crate::visits::VisitError;

pub struct Vi;

impl Texts for Vi {
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

    fn reason(&self, reason: &Reason) -> String {
        match reason {
            Reason::Unanswered { count } => format!("còn {count} tiêu chí chưa chấm"),
            Reason::ScoreBelowPass { score, min } => format!(
                "tổng điểm {} thấp hơn mức đạt {}",
                num(round1(*score)),
                num(*min)
            ),
            Reason::SectionBelowMinimum {
                section,
                percent,
                min,
            } => format!(
                "tiêu chuẩn {section} chỉ đạt {}%, dưới mức tối thiểu {}%",
                num(round1(*percent)),
                num(*min)
            ),
            Reason::CriticalFailed { item } => format!("không đạt tiêu chí bắt buộc {item}"),
            Reason::NothingApplicable => {
                "mọi tiêu chí đều không áp dụng: không có gì để chấm".into()
            }
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

    fn problem(&self, problem: &ProblemKind) -> String {
        match problem {
            ProblemKind::WrongFormat { found } => {
                format!("format là \"{found}\"; tệp phải bắt đầu bằng `format: {FORMAT}`")
            }
            ProblemKind::BadId { found } => format!(
                "mã \"{found}\" chỉ được dùng chữ thường a-z không dấu, chữ số và dấu '-' \
                 (ví dụ co-quan-dat-chuan-van-hoa)"
            ),
            ProblemKind::Empty { key } => format!("{key} đang để trống; hãy điền vào"),
            ProblemKind::NotQuoted { key, value } => format!(
                "{key} {value} phải đặt trong ngoặc kép (\"{value}\"): các công cụ YAML khác đọc \
                 nó thành số, và 2025.10 hay 1.10 sẽ mất số 0 cuối"
            ),
            ProblemKind::NoSections => "chưa có tiêu chuẩn nào (sections); thêm ít nhất một".into(),
            ProblemKind::NoItems => {
                "tiêu chuẩn chưa có tiêu chí nào (items); thêm ít nhất một".into()
            }
            ProblemKind::DuplicateSectionId => {
                "mã tiêu chuẩn bị trùng; mỗi tiêu chuẩn cần một mã riêng".into()
            }
            ProblemKind::DuplicateItemId { first_section } => format!(
                "mã tiêu chí đã dùng ở tiêu chuẩn \"{first_section}\"; mã tiêu chí phải khác \
                 nhau trong cả bộ tiêu chí"
            ),
            ProblemKind::MaxMissing => "thiếu max; ghi số điểm tối đa của tiêu chí".into(),
            ProblemKind::MaxNotPositive { max } => {
                format!("max phải lớn hơn 0 (đang là {})", num(*max))
            }
            ProblemKind::MaxOnLevels => {
                "tiêu chí theo mức lấy điểm tối đa từ mức cao nhất; hãy bỏ max".into()
            }
            ProblemKind::StepNotPositive { step } => {
                format!("step phải lớn hơn 0 (đang là {})", num(*step))
            }
            ProblemKind::StepNotHalf { step } => format!(
                "step {} không phải bội của 0.5; dùng 0.5, 1, 2, ...",
                num(*step)
            ),
            ProblemKind::StepNotDividing { step, max } => format!(
                "step {} không chia hết max {}; sửa một trong hai để max là số bước tròn",
                num(*step),
                num(*max)
            ),
            ProblemKind::StepOnlyForPoints => {
                "step chỉ dùng cho tiêu chí chấm điểm; hãy bỏ đi".into()
            }
            ProblemKind::LevelsOnlyForLevels => {
                "levels chỉ dùng cho tiêu chí `kind: levels`; đặt kind hoặc bỏ levels".into()
            }
            ProblemKind::NoLevels => "tiêu chí theo mức cần danh sách các mức (levels)".into(),
            ProblemKind::DuplicateLevel { label } => format!("mức \"{label}\" bị lặp lại"),
            ProblemKind::NegativeLevelPoints { label } => {
                format!("mức \"{label}\" có điểm âm")
            }
            ProblemKind::NegativeScore { score } => format!("min_score {} là số âm", num(*score)),
            ProblemKind::ScoreAboveTotal { score, total } => format!(
                "min_score {} cao hơn tổng điểm {} của bộ tiêu chí (tổng max các tiêu chí); không \
                 đơn vị nào đạt được",
                num(*score),
                num(*total)
            ),
            ProblemKind::BandsNotDescending { previous, this } => format!(
                "min_score {} không thấp hơn mức phía trên ({}); xếp các mức từ điểm cao \
                 xuống thấp",
                num(*this),
                num(*previous)
            ),
            ProblemKind::PercentOutOfRange { percent } => {
                format!("min_section_percent {} phải từ 0 đến 100", num(*percent))
            }
            ProblemKind::UnknownUnitKind { found } => format!(
                "unit_kinds: \"{found}\" không phải loại đơn vị; dùng \"cơ quan\", \"đơn vị\" \
                 hoặc \"doanh nghiệp\""
            ),
        }
    }

    fn diagnostic(&self, kind: &DiagnosticKind) -> String {
        match kind {
            DiagnosticKind::Unreadable { reason } => format!("không đọc được tệp: {reason}"),
            DiagnosticKind::TooLarge { size, limit } => format!(
                "tệp nặng {size} byte, vượt giới hạn {limit} byte của một bộ tiêu chí; có đúng \
                 tệp không?"
            ),
            DiagnosticKind::NotUtf8 => {
                "tệp không phải văn bản UTF-8; hãy lưu lại dạng UTF-8".into()
            }
            DiagnosticKind::Empty => {
                format!("tệp trống; bộ tiêu chí bắt đầu bằng `format: {FORMAT}`")
            }
            DiagnosticKind::NotARubric => format!(
                "đây không phải bộ tiêu chí: cần các khóa như `format: {FORMAT}`, `id:`, \
                 `sections:` (xem rubrics/README.md)"
            ),
            DiagnosticKind::UnknownKey {
                within,
                key,
                expected,
            } => format!(
                "{}khóa \"{key}\" không hợp lệ; các khóa được phép: {expected}",
                within
                    .as_ref()
                    .map(|w| format!("{w}: "))
                    .unwrap_or_default()
            ),
            DiagnosticKind::MissingKey { within, key } => format!(
                "{}thiếu khóa bắt buộc \"{key}\"",
                within
                    .as_ref()
                    .map(|w| format!("{w}: "))
                    .unwrap_or_default()
            ),
            DiagnosticKind::DuplicateKey { within, key } => format!(
                "{}khóa \"{key}\" bị viết hai lần; hãy giữ một",
                within
                    .as_ref()
                    .map(|w| format!("{w}: "))
                    .unwrap_or_default()
            ),
            DiagnosticKind::AliasBomb => {
                "tệp dùng alias YAML lặp lại quá nhiều lần; bị từ chối (hãy viết thẳng giá trị)"
                    .into()
            }
            DiagnosticKind::Yaml { message } if message.contains("expected a string") => format!(
                "{message} (đặt mã và phiên bản trong dấu ngoặc kép, ví dụ version: \"2025.1\")"
            ),
            DiagnosticKind::Yaml { message } => format!("lỗi YAML: {message}"),
            DiagnosticKind::Rule(problem) => {
                format!(
                    "{}{}",
                    self.subject(&problem.subject),
                    self.problem(&problem.kind)
                )
            }
        }
    }

    fn file_problem_head(&self, problem: &FileProblem) -> String {
        match problem {
            FileProblem::Invalid { origin, .. } => format!("{origin}: không nạp được"),
            FileProblem::Duplicate {
                origin,
                id,
                version,
                first,
            } => format!(
                "{origin}: bộ tiêu chí {id} phiên bản {version} đã có ở {first}; hãy tăng \
                 phiên bản hoặc đổi mã"
            ),
            FileProblem::WorldWritable { folder } => format!(
                "{}: cảnh báo: mọi người dùng trên máy đều sửa được bộ tiêu chí trong thư mục \
                 này; hãy giới hạn quyền (chmod o-w)",
                folder.display()
            ),
            FileProblem::UnreadableFolder { folder, reason } => {
                format!(
                    "{}: không đọc được thư mục bộ tiêu chí: {reason}",
                    folder.display()
                )
            }
        }
    }

    fn find_error(&self, error: &FindError) -> String {
        match error {
            FindError::NotFound { query, known } => format!(
                "không có bộ tiêu chí \"{query}\"; hiện có: {} (xem `onsite rubric list`)",
                known.join(", ")
            ),
            FindError::Ambiguous { query, versions } => format!(
                "bộ tiêu chí \"{query}\" có các phiên bản {}; hãy ghi rõ {query}@PHIÊN_BẢN",
                versions.join(", ")
            ),
        }
    }

    fn check_ok(&self, id: &str, version: &str, items: usize, total: Decimal) -> String {
        format!(
            "ok: {id} {version} ({items} tiêu chí, tổng {} điểm)",
            num(total)
        )
    }

    fn pass_rule(&self, min_score: Decimal, min_section_percent: Option<Decimal>) -> String {
        let mut rule = format!("tổng điểm ≥ {}", num(min_score));
        if let Some(percent) = min_section_percent {
            rule.push_str(&format!(", mỗi tiêu chuẩn ≥ {}%", num(percent)));
        }
        rule.push_str(", không có tiêu chí bắt buộc nào không đạt");
        rule
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

    fn answer(&self, answer: Option<&Answer>, rubric: &Rubric, item: &str) -> String {
        answer_words(
            answer,
            rubric,
            item,
            ["—", "đạt", "không đạt", "không áp dụng"],
            Lang::Vi,
        )
    }

    fn change(&self, change: &Change, rubric: &Rubric) -> String {
        let prefix = match change.kind {
            ChangeKind::Do => String::new(),
            ChangeKind::Undo { of } => format!("hoàn tác #{of}: "),
            ChangeKind::Redo { of } => format!("làm lại #{of}: "),
        };
        let what = match &change.edit {
            Edit::Created => "tạo lần kiểm tra".to_owned(),
            Edit::Answer { item, from, to } => format!(
                "tiêu chí {item}: {} → {}",
                self.answer(from.as_ref(), rubric, item),
                self.answer(to.as_ref(), rubric, item)
            ),
            Edit::Note { item, to, .. } if to.is_empty() => format!("tiêu chí {item}: xóa ghi chú"),
            Edit::Note { item, to, .. } => format!("tiêu chí {item}: ghi chú «{}»", clip(to, 60)),
            Edit::Finding { field, to, .. } => {
                format!("{}: «{}»", self.finding(*field), clip(to, 60))
            }
            Edit::Status {
                to: Status::Finalized,
                ..
            } => "hoàn tất".to_owned(),
            Edit::Status { reason, .. } => {
                format!("mở lại: {}", clip(reason.as_deref().unwrap_or(""), 60))
            }
            Edit::Trash { to: true } => "chuyển vào thùng rác".to_owned(),
            Edit::Trash { to: false } => "khôi phục từ thùng rác".to_owned(),
            Edit::ActionAdd { action } => {
                format!("thêm yêu cầu khắc phục «{}»", clip(&action.text, 60))
            }
            Edit::ActionRemove { action } => {
                format!("bỏ yêu cầu khắc phục «{}»", clip(&action.text, 60))
            }
            Edit::ActionSet { id, to, .. } => {
                format!("yêu cầu {}: «{}»", short_id(id), clip(to, 60))
            }
            Edit::ActionStatus {
                id,
                to: ActionStatus::Done,
                ..
            } => format!("yêu cầu {}: đã khắc phục", short_id(id)),
            Edit::ActionStatus { id, note, .. } => {
                format!("yêu cầu {}: mở lại: {}", short_id(id), clip(note, 60))
            }
            Edit::Attach { attachment } => format!(
                "tiêu chí {}: đính kèm minh chứng «{}»",
                attachment.item,
                clip(&attachment.name, 60)
            ),
            Edit::Detach { attachment } => format!(
                "tiêu chí {}: gỡ minh chứng «{}»",
                attachment.item,
                clip(&attachment.name, 60)
            ),
        };
        prefix + &what
    }

    fn store_opened(&self, opened: &crate::store::Opened) -> Vec<String> {
        use crate::store::{EngineRepair, Opened};
        match opened {
            Opened::Engine(EngineRepair::PartialSnapshots(_) | EngineRepair::TornSettings(_)) => {
                Vec::new()
            }
            Opened::Engine(EngineRepair::SnapshotsSetAside(folder)) => vec![format!(
                "không đọc được tệp ảnh chụp của kho dữ liệu; đã chuyển chúng sang {} và đọc kho \
                 từ toàn bộ nhật ký",
                folder.display()
            )],
            Opened::Checked(checkup) => self.checkup(checkup),
            Opened::Rebuilt(recovery) => {
                let mut lines = vec![format!(
                    "không đọc được kho dữ liệu nên đã chuyển nó sang {} (vẫn giữ, không xóa) và \
                     dựng lại từ bản dự phòng: khôi phục {} lần kiểm tra",
                    recovery.moved_to.display(),
                    recovery.restored.len()
                )];
                for visit in &recovery.restored {
                    lines.push(format!(
                        "  đã khôi phục {} {}: {} thay đổi, mới nhất lúc {}",
                        visit.id, visit.unit, visit.changes, visit.last_change
                    ));
                }
                for (id, reason) in &recovery.unreadable {
                    lines.push(format!("  KHÔNG khôi phục được {id}: {reason}"));
                }
                if !recovery.complete {
                    lines.push(
                        "  bản dự phòng chưa đầy đủ (kho được dùng lần cuối bởi onsite cũ): hãy \
                         nhập lại các tệp đã xuất hoặc thư mục đồng bộ để lấy phần còn lại"
                            .to_owned(),
                    );
                }
                lines.push("hãy chạy `onsite doctor` để kiểm tra lại toàn bộ".to_owned());
                lines
            }
        }
    }

    fn checkup(&self, checkup: &crate::store::Checkup) -> Vec<String> {
        let mut lines = Vec::new();
        for id in &checkup.spare_refreshed {
            lines.push(format!(
                "bản dự phòng của {id} bị thiếu hoặc cũ: đã ghi lại"
            ));
        }
        for visit in &checkup.restored {
            lines.push(format!(
                "{} {}: đã lấy lại từ bản dự phòng ({} thay đổi, mới nhất lúc {})",
                visit.id, visit.unit, visit.changes, visit.last_change
            ));
        }
        for (id, reason) in &checkup.lost {
            lines.push(format!(
                "{id}: không đọc được cả trong kho lẫn bản dự phòng: {reason}"
            ));
        }
        lines.push(format!(
            "dung lượng: kho dữ liệu {:.1} MB, bản dự phòng {:.1} MB",
            mb(checkup.store_bytes),
            mb(checkup.spare_bytes)
        ));
        lines.push(if checkup.lost.is_empty() {
            format!(
                "đã kiểm tra {} lần kiểm tra: kho dữ liệu và bản dự phòng đều tốt",
                checkup.visits
            )
        } else {
            format!(
                "đã kiểm tra {} lần kiểm tra: {} lần không khôi phục được; hãy giữ một bản sao \
                 thư mục dữ liệu (onsite paths) để gửi hỗ trợ",
                checkup.visits,
                checkup.lost.len()
            )
        });
        lines
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

    fn who_are_you(&self, config_file: Option<&Path>) -> String {
        let file =
            config_file.map_or_else(|| "config.yaml".to_owned(), |p| p.display().to_string());
        format!(
            "ai đang chấm? Mọi thay đổi đều ghi tên người chấm. Thêm dòng `inspector: Họ Tên` \
             vào {file}, hoặc dùng --as \"Họ Tên\", hoặc đặt biến ONSITE_INSPECTOR"
        )
    }

    fn config_error(&self, error: &ConfigError) -> String {
        match error {
            ConfigError::Unreadable { path, source } => {
                format!("{path}: không đọc được tệp cài đặt: {source}")
            }
            ConfigError::Invalid { path, error } => {
                let at = error
                    .position
                    .map(|p| format!(":{}:{}", p.line, p.column))
                    .unwrap_or_default();
                format!(
                    "{path}{at}: {}; tệp cài đặt chỉ nhận inspector, lang (vi|en), \
                     default_rubric và advance (true|false)",
                    error.message
                )
            }
        }
    }

    fn store_error(&self, error: &StoreError) -> String {
        match error {
            StoreError::Locked { dir, pid } => format!(
                "onsite đang mở trên {} (pid {pid}); hãy đóng cửa sổ đó rồi thử lại",
                dir.display()
            ),
            StoreError::NewerSchema { dir, found, known } => format!(
                "dữ liệu trong {} được lưu bởi phiên bản onsite mới hơn (lược đồ {found}; bản \
                 này chỉ đọc đến {known}); chưa đọc hay sửa gì. Hãy cập nhật onsite để mở",
                dir.display()
            ),
            StoreError::NotAStore { dir } => format!(
                "{} chứa tệp không phải kho dữ liệu onsite; hãy chỉ --data-dir tới thư mục \
                 trống hoặc thư mục của onsite",
                dir.display()
            ),
            StoreError::Io { dir, source } => format!(
                "không dùng được thư mục dữ liệu {}: {source}; các thay đổi đã lưu trước đó vẫn \
                 còn. Nếu ổ đĩa đầy hoặc thư mục không ghi được, hãy giải phóng dung lượng hoặc \
                 sửa quyền ghi rồi thử lại",
                dir.display()
            ),
            StoreError::LockIsLink { path } => format!(
                "{} là một liên kết tượng trưng, không phải tệp khóa của onsite; chưa mở gì. Hãy \
                 xóa liên kết đó (onsite sẽ tạo tệp khóa mới) rồi thử lại",
                path.display()
            ),
            StoreError::Damaged { dir, detail } => format!(
                "kho dữ liệu trong {} bị hỏng ({detail}) và không có bản dự phòng để dựng lại (lần \
                 cuối được dùng bởi onsite cũ, chưa có bản dự phòng); chưa sửa hay xóa gì. Hãy giữ \
                 một bản sao thư mục đó để gửi hỗ trợ; các tệp đã xuất và thư mục đồng bộ vẫn còn \
                 các lần kiểm tra: `onsite --data-dir THU_MUC_MOI import THU_MUC` đọc chúng vào \
                 kho mới",
                dir.display()
            ),
            StoreError::Engine { dir, detail } => format!(
                "kho dữ liệu trong {} bị lỗi: {detail}; các thay đổi đã lưu trước đó vẫn còn. \
                 Nếu ổ đĩa đầy hoặc thư mục không ghi được, hãy giải phóng dung lượng hoặc sửa \
                 quyền ghi rồi thử lại; nếu vẫn lỗi, hãy chạy `onsite doctor`",
                dir.display()
            ),
            StoreError::Corrupt { key, detail } => format!(
                "không đọc được bản ghi ({key}): {detail}; hãy chạy `onsite doctor` để lấy lại \
                 từ bản dự phòng"
            ),
            StoreError::Interrupted => {
                "đã dừng (Ctrl-C) trước khi lưu thay đổi này; mọi thay đổi đã lưu trước đó vẫn còn"
                    .to_owned()
            }
            StoreError::NoVisit(id) => format!("không có lần kiểm tra {id}; xem `onsite list`"),
        }
    }

    fn visit_error(&self, error: &VisitError) -> String {
        match error {
            VisitError::Store(error) => self.store_error(error),
            VisitError::Edit(error) => self.edit_error(error),
            VisitError::NotFound(prefix) => {
                format!("không có lần kiểm tra nào khớp \"{prefix}\"; xem mã bằng `onsite list`")
            }
            VisitError::Ambiguous { prefix, matches } => format!(
                "\"{prefix}\" khớp {} lần kiểm tra ({}); hãy gõ thêm ký tự của mã",
                matches.len(),
                matches
                    .iter()
                    .map(|m| format!("{} {}", m.id, m.unit))
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
            VisitError::ActionNotFound(prefix) => format!(
                "không có yêu cầu khắc phục nào khớp \"{prefix}\"; xem mã bằng `onsite action list`"
            ),
            VisitError::ActionAmbiguous { prefix, matches } => format!(
                "\"{prefix}\" khớp {} yêu cầu khắc phục ({}); hãy gõ thêm ký tự của mã",
                matches.len(),
                matches
                    .iter()
                    .map(|(id, text)| format!("{id} {}", clip(text, 30)))
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
            VisitError::AttachmentNotFound(prefix) => format!(
                "không có tệp đính kèm nào khớp \"{prefix}\"; xem mã bằng `onsite attachments MÃ`"
            ),
            VisitError::AttachmentAmbiguous { prefix, matches } => format!(
                "\"{prefix}\" khớp {} tệp đính kèm ({}); hãy gõ thêm ký tự của mã",
                matches.len(),
                matches
                    .iter()
                    .map(|(id, name)| format!("{id} {}", clip(name, 30)))
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
            VisitError::EvidenceMissing(name) => format!(
                "máy này không có tệp «{}» (bản sao nhận về không kèm tệp); hãy đồng bộ hoặc \
                 nhập lại từ máy đã đính kèm nó",
                clip(name, 60)
            ),
            VisitError::File { path, problem } => {
                let what = match problem {
                    SourceProblem::Missing => "không có tệp này; kiểm tra lại tên và thư mục".to_owned(),
                    SourceProblem::Folder => "đây là thư mục; hãy chỉ ra các tệp trong đó".to_owned(),
                    SourceProblem::NotRegular => {
                        "đây không phải tệp thông thường (ống dẫn hay thiết bị); hãy lưu thành tệp trước".to_owned()
                    }
                    SourceProblem::Empty => "tệp rỗng".to_owned(),
                    SourceProblem::TooLarge { bytes } => format!(
                        "tệp nặng {}, vượt giới hạn {} mỗi tệp; hãy đính kèm bản nhỏ hơn",
                        super::size(*bytes),
                        super::size(crate::domain::evidence::MAX_FILE_BYTES)
                    ),
                    SourceProblem::Unreadable(error) => {
                        format!("không đọc được ({error}); kiểm tra quyền truy cập tệp")
                    }
                };
                format!("{}: {what}; chưa đính kèm gì", path.display())
            }
            VisitError::Opener { path, source } => format!(
                "không mở được {} ({source}); hãy mở nó từ trình quản lý tệp",
                path.display()
            ),
        }
    }

    fn edit_error(&self, error: &EditError) -> String {
        match error {
            EditError::Finalized => {
                "lần kiểm tra đã hoàn tất, chỉ được xem; dùng `onsite reopen MÃ --reason …` để sửa"
                    .into()
            }
            EditError::InTrash => {
                "lần kiểm tra đang ở thùng rác; dùng `onsite restore MÃ` trước".into()
            }
            EditError::NotInTrash => "lần kiểm tra không ở trong thùng rác".into(),
            EditError::UnknownItem(item) => format!(
                "bộ tiêu chí của lần kiểm tra này không có tiêu chí \"{item}\"; xem `onsite rubric \
                 show`"
            ),
            EditError::Answer { item, error } => {
                format!("tiêu chí {item}: {}", self.answer_error(error))
            }
            EditError::TooLong { chars } => {
                format!("văn bản dài {chars} ký tự, vượt giới hạn {MAX_TEXT_CHARS}; hãy rút gọn")
            }
            EditError::Unanswered { unanswered } => format!(
                "còn {unanswered} tiêu chí chưa chấm; hãy chấm (hoặc đánh na ở tiêu chí cho phép) \
                 trước khi hoàn tất"
            ),
            EditError::NotFinalized => "lần kiểm tra chưa hoàn tất; có thể sửa trực tiếp".into(),
            EditError::ReasonRequired => "hãy ghi lý do mở lại: --reason \"…\"".into(),
            EditError::NothingToUndo => "không còn gì để hoàn tác".into(),
            EditError::NothingToRedo => "không còn gì để làm lại".into(),
            EditError::Minutes(error) => self.minutes_error(error),
            EditError::UnknownAction(id) => {
                format!("không có yêu cầu khắc phục {id}; xem `onsite action list`")
            }
            EditError::ActionDone(id) => format!("yêu cầu {id} đã được đánh dấu khắc phục"),
            EditError::ActionOpen(id) => format!("yêu cầu {id} đang mở, chưa khắc phục"),
            EditError::ActionTextRequired => {
                "yêu cầu khắc phục cần có nội dung: --text \"…\"".into()
            }
            EditError::ActionExists(id) => format!("yêu cầu {id} đã có"),
            EditError::BadDate(given) => format!(
                "\"{given}\" không phải ngày; viết năm-tháng-ngày (2026-12-31) hoặc \
                 ngày/tháng/năm (31/12/2026)"
            ),
            EditError::UnknownAttachment(id) => {
                format!("lần kiểm tra này không có tệp đính kèm {id}; xem `onsite attachments MÃ`")
            }
            EditError::AttachmentExists(id) => format!("tệp đính kèm {id} đã có"),
            EditError::FileTooLarge { bytes } => format!(
                "tệp nặng {}, vượt giới hạn {} mỗi tệp; hãy đính kèm bản nhỏ hơn (chức năng \
                 \"giảm dung lượng\" của điện thoại, hoặc quét ở độ phân giải thấp hơn)",
                super::size(*bytes),
                super::size(crate::domain::evidence::MAX_FILE_BYTES)
            ),
            EditError::VisitEvidenceFull { bytes } => format!(
                "minh chứng của lần kiểm tra sẽ lên tới {}, vượt giới hạn {} mỗi lần kiểm tra; \
                 gỡ tệp không cần (`onsite detach`) hoặc đính kèm bản nhỏ hơn",
                super::size(*bytes),
                super::size(crate::domain::evidence::MAX_VISIT_BYTES)
            ),
            EditError::BadHash(given) => format!("\"{given}\" không phải mã SHA-256 của tệp"),
        }
    }

    fn answer_error(&self, error: &AnswerError) -> String {
        match error {
            AnswerError::WrongKind { expected } => {
                format!("tiêu chí này chấm theo kiểu {}", self.item_kind(*expected))
            }
            AnswerError::OutOfRange { max } => format!("điểm phải từ 0 đến {}", num(*max)),
            AnswerError::NotAStep { step } => format!("điểm phải là bội của {}", num(*step)),
            AnswerError::NaNotAllowed => "tiêu chí này không được đánh không áp dụng".into(),
            AnswerError::NoSuchLevel { count } => {
                format!("tiêu chí này có các mức từ 1 đến {count}")
            }
        }
    }

    fn parse_answer_error(&self, error: &ParseAnswerError, item: &str, given: &str) -> String {
        let expected = match error {
            ParseAnswerError::NotANumber => "một số như 7 hoặc 7.5".to_owned(),
            ParseAnswerError::NotPassFail => "đạt (pass) hoặc không đạt (fail)".to_owned(),
            ParseAnswerError::NotALevel { count } => format!("mức 1 đến {count} hoặc tên mức"),
        };
        format!(
            "tiêu chí {item}: \"{given}\" không phải kết quả chấm hợp lệ; cần {expected}, na \
             hoặc clear"
        )
    }

    fn bad_choice(&self, what: Label, given: &str, choices: &[&str]) -> String {
        format!(
            "{} \"{given}\" không hợp lệ; chọn một trong: {}",
            self.label(what),
            choices.join(", ")
        )
    }

    fn minutes_error(&self, error: &MinutesError) -> String {
        match error {
            MinutesError::BadTime(given) => self.bad_time(given),
            MinutesError::EndBeforeStart { start, end } => self.end_before_start(start, end),
            MinutesError::BadYear(given) => {
                format!("\"{given}\" không phải năm; viết bốn chữ số, ví dụ 2024")
            }
            MinutesError::BadRecognition(given) => {
                format!("\"{given}\" không phải hình thức công nhận; viết \"lần đầu\" hoặc \"lại\"")
            }
            MinutesError::BadCopies(given) => {
                format!("\"{given}\" không phải số bản; viết một số từ 1 đến {MAX_COPIES}, ví dụ 2")
            }
        }
    }

    fn bad_time(&self, given: &str) -> String {
        format!(
            "\"{given}\" không phải giờ hợp lệ; viết GIỜ:PHÚT theo 24 giờ, ví dụ 08:30 hoặc 14:05"
        )
    }

    fn end_before_start(&self, start: &str, end: &str) -> String {
        format!("giờ kết thúc {end} trước giờ bắt đầu {start}; chưa thay đổi gì")
    }

    fn compared_with(&self, visit: &str, date: &str) -> String {
        format!("kiểm tra lại lần kiểm tra {visit} ngày {date}:")
    }

    fn action_status(&self, status: ActionStatus) -> String {
        match status {
            ActionStatus::Open => "đang mở".into(),
            ActionStatus::Done => "đã khắc phục".into(),
        }
    }

    fn action_saved(&self, id: &str, status: ActionStatus) -> String {
        format!("đã lưu: yêu cầu {id}: {}", self.action_status(status))
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

    // Rubrics for some kinds of unit only (`unit_kinds`).
    fn rubric_not_for_kind(&self, rubric: &Rubric, kind: UnitKind, visit: &str) -> String {
        let kinds: Vec<&str> = rubric
            .unit_kinds
            .iter()
            .filter_map(|word| UnitKind::named(word))
            .map(|kind| self.unit_kind(kind))
            .collect();
        format!(
            "cảnh báo: bộ tiêu chí {}@{} dành cho {}, không dành cho {}; lần kiểm tra {visit} \
             vẫn được tạo. Nếu chọn nhầm, hãy xóa (`onsite delete {visit} --yes`) rồi tạo lại \
             với --rubric phù hợp (xem `onsite rubric list`)",
            rubric.id,
            rubric.version,
            kinds.join(", "),
            self.unit_kind(kind),
        )
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

    fn conflict_line(&self, visit: &str, conflict: &crate::sync::Conflict) -> String {
        let field = &conflict.field;
        let (mine, theirs, by) = super::conflict_values(conflict);
        format!(
            "xung đột {visit} {field}: máy này {mine} · máy kia {theirs}{by} — chọn bằng `onsite resolve {visit} {field} --take mine|theirs`",
        )
    }

    fn exchange_summary(&self, counts: &super::ExchangeCounts) -> String {
        let super::ExchangeCounts {
            imported,
            merged,
            written,
            unchanged,
            conflicts,
            rejected,
        } = *counts;
        format!(
            "{imported} mới, {merged} đã gộp, {written} đã ghi, {unchanged} không đổi, \
             {conflicts} xung đột, {rejected} bị từ chối"
        )
    }

    fn no_conflicts(&self) -> &'static str {
        "không có xung đột"
    }

    fn no_such_conflict(&self, field: &str) -> String {
        format!("không có xung đột nào ở {field}; xem `onsite conflicts`")
    }

    fn resolved(&self, field: &str, theirs: bool) -> String {
        let side = if theirs {
            "giá trị của máy kia"
        } else {
            "giá trị của máy này"
        };
        format!("đã chọn cho {field}: {side}")
    }
}

/// Bytes as megabytes (10^6), for sizes on disk.
#[allow(clippy::cast_precision_loss)] // a size shown to one decimal
fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1e6
}
