//! Vietnamese texts (the default UI language).

use rust_decimal::Decimal;

use super::{Label, Texts, num};
use crate::catalog::{FileProblem, FindError};
use crate::domain::rubric::{FORMAT, ItemKind};
use crate::domain::rubric_check::{ProblemKind, Subject};
use crate::domain::scoring::{Reason, Verdict, round1};
use crate::rubric_file::DiagnosticKind;

pub struct Vi;

impl Texts for Vi {
    fn intro(&self) -> String {
        format!(
            "onsite {}: chấm điểm kiểm tra văn hóa công sở.\n\
             Màn hình chấm điểm chưa có trong bản này. Hiện dùng được:\n\
             \x20 onsite rubric list          các bộ tiêu chí có thể dùng\n\
             \x20 onsite rubric show MÃ       xem một bộ tiêu chí dạng đề cương\n\
             \x20 onsite rubric check TỆP     kiểm tra tệp bộ tiêu chí tự soạn\n\
             Thêm --lang en để dùng tiếng Anh; onsite --help để xem tất cả.",
            env!("CARGO_PKG_VERSION")
        )
    }

    fn label(&self, label: Label) -> &'static str {
        match label {
            Label::Id => "mã",
            Label::Version => "phiên bản",
            Label::Title => "tên",
            Label::Items => "số mục",
            Label::ItemsUnit => "mục",
            Label::Total => "tổng điểm",
            Label::Source => "nguồn",
            Label::Basis => "căn cứ",
            Label::Notice => "lưu ý",
            Label::PassRule => "đạt khi",
            Label::Bands => "xếp loại",
            Label::Critical => "điểm liệt",
            Label::NaAllowed => "cho phép không áp dụng",
            Label::Guide => "hướng dẫn",
            Label::Points => "điểm",
            Label::Step => "bước",
            Label::NoRubrics => "chưa có bộ tiêu chí nào",
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
            Reason::Unanswered { count } => format!("còn {count} mục chưa chấm"),
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
            Reason::CriticalFailed { item } => format!("vi phạm điểm liệt ở mục {item}"),
            Reason::NothingApplicable => "mọi mục đều không áp dụng: không có gì để chấm".into(),
        }
    }

    fn subject(&self, subject: &Subject) -> String {
        match subject {
            Subject::Rubric => String::new(),
            Subject::Section(id) => format!("tiêu chuẩn \"{id}\": "),
            Subject::Item(id) => format!("mục \"{id}\": "),
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
            ProblemKind::NoSections => "chưa có tiêu chuẩn nào (sections); thêm ít nhất một".into(),
            ProblemKind::NoItems => "tiêu chuẩn chưa có mục nào (items); thêm ít nhất một".into(),
            ProblemKind::DuplicateSectionId => {
                "mã tiêu chuẩn bị trùng; mỗi tiêu chuẩn cần một mã riêng".into()
            }
            ProblemKind::DuplicateItemId { first_section } => format!(
                "mã mục đã dùng ở tiêu chuẩn \"{first_section}\"; mã mục phải khác nhau trong \
                 cả bộ tiêu chí"
            ),
            ProblemKind::MaxMissing => "thiếu max; ghi số điểm tối đa của mục".into(),
            ProblemKind::MaxNotPositive { max } => {
                format!("max phải lớn hơn 0 (đang là {})", num(*max))
            }
            ProblemKind::MaxOnLevels => {
                "mục theo mức lấy điểm tối đa từ mức cao nhất; hãy bỏ max".into()
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
            ProblemKind::StepOnlyForPoints => "step chỉ dùng cho mục chấm điểm; hãy bỏ đi".into(),
            ProblemKind::LevelsOnlyForLevels => {
                "levels chỉ dùng cho mục `kind: levels`; đặt kind hoặc bỏ levels".into()
            }
            ProblemKind::NoLevels => "mục theo mức cần danh sách các mức (levels)".into(),
            ProblemKind::DuplicateLevel { label } => format!("mức \"{label}\" bị lặp lại"),
            ProblemKind::NegativeLevelPoints { label } => {
                format!("mức \"{label}\" có điểm âm")
            }
            ProblemKind::NegativeScore { score } => format!("min_score {} là số âm", num(*score)),
            ProblemKind::ScoreAboveTotal { score, total } => format!(
                "min_score {} cao hơn tổng điểm {} của bộ tiêu chí (tổng max các mục); không \
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
            DiagnosticKind::AliasBomb => {
                "tệp dùng alias YAML lặp lại quá nhiều lần; bị từ chối (hãy viết thẳng giá trị)"
                    .into()
            }
            DiagnosticKind::Yaml { message } if message.contains("expected a string") => format!(
                "{message} (đặt mã và phiên bản trong dấu ngoặc kép, ví dụ version: \"2025.1\")"
            ),
            DiagnosticKind::Yaml { message } => format!("lỗi cú pháp YAML: {message}"),
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
        format!("ok: {id} {version} ({items} mục, tổng {} điểm)", num(total))
    }

    fn pass_rule(&self, min_score: Decimal, min_section_percent: Option<Decimal>) -> String {
        let mut rule = format!("tổng điểm ≥ {}", num(min_score));
        if let Some(percent) = min_section_percent {
            rule.push_str(&format!(", mỗi tiêu chuẩn ≥ {}%", num(percent)));
        }
        rule.push_str(", không vi phạm điểm liệt");
        rule
    }
}
