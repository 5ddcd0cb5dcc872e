//! Words of the campaign plan (`onsite plan`, the TUI's "Kế hoạch"), per language: both
//! languages in this one file.

use super::en::En;
use super::vi::Vi;
use crate::domain::plan::{Column, HeaderProblem};

pub trait PlanTexts {
    /// Before a problem of one row: its number in the file (the header is row 1).
    fn plan_row(&self, file: &str, row: usize, problem: &str) -> String;
    fn plan_header_problem(&self, problem: &HeaderProblem) -> String;
    /// The file could not be read as a table at all.
    fn plan_unreadable(&self, file: &str, why: &str) -> String;
    /// The last line when any row was wrong.
    fn plan_nothing_imported(&self, rows: usize) -> String;
    /// `already`: rows equal to an entry the plan holds, left out (the same file twice).
    fn plan_imported(&self, count: usize, already: usize, file: &str) -> String;
    fn plan_no_entries(&self, file: &str) -> String;
    fn plan_unit_empty(&self) -> &'static str;
    fn plan_date_missing(&self) -> &'static str;
    fn plan_rubric_missing(&self) -> &'static str;
    /// `onsite plan list` with no plan yet.
    fn plan_none(&self) -> &'static str;
    /// The list's mark for an entry not started yet.
    fn plan_planned(&self) -> &'static str;
    fn plan_not_found(&self, prefix: &str) -> String;
    /// Several entries start with the prefix: (id, unit) of each.
    fn plan_ambiguous(&self, prefix: &str, matches: &[(String, String)]) -> String;
    fn plan_already_started(&self, entry: &str, visit: &str) -> String;
    /// The heading above the planned visits in the TUI's list.
    fn plan_heading(&self) -> &'static str;
    /// After a sync that exchanged plan entries.
    fn plan_synced(&self, new: usize, started: usize, written: usize) -> String;
    fn plan_file_refused(&self, file: &str, why: &str) -> String;
}

fn column_vi(column: Column) -> &'static str {
    match column {
        Column::Unit => "Đơn vị",
        Column::Kind => "Loại",
        Column::Address => "Địa chỉ",
        Column::Date => "Ngày",
        Column::Team => "Đoàn",
        Column::Leader => "Trưởng đoàn",
        Column::Members => "Thành viên",
        Column::Rubric => "Bộ tiêu chí",
    }
}

fn column_en(column: Column) -> &'static str {
    match column {
        Column::Unit => "unit",
        Column::Kind => "kind",
        Column::Address => "address",
        Column::Date => "date",
        Column::Team => "team",
        Column::Leader => "leader",
        Column::Members => "members",
        Column::Rubric => "rubric",
    }
}

impl PlanTexts for Vi {
    fn plan_row(&self, file: &str, row: usize, problem: &str) -> String {
        format!("{file}: dòng {row}: {problem}")
    }

    fn plan_header_problem(&self, problem: &HeaderProblem) -> String {
        match problem {
            HeaderProblem::NoUnitColumn => {
                "dòng tiêu đề không có cột \"Đơn vị\" (hoặc \"unit\")".to_owned()
            }
            HeaderProblem::Repeated {
                column,
                first,
                again,
            } => format!(
                "hai cột cùng là \"{}\": \"{first}\" và \"{again}\"; giữ một cột",
                column_vi(*column)
            ),
            HeaderProblem::TeamAndLeader => "có cả cột \"Đoàn\" lẫn cột \"Trưởng đoàn\"/\"Thành \
                 viên\"; dùng một cách: cột \"Đoàn\" (trưởng đoàn; thành viên; …) hoặc hai cột"
                .to_owned(),
        }
    }

    fn plan_unreadable(&self, file: &str, why: &str) -> String {
        format!("{file}: không đọc được bảng kế hoạch ({why}); nhập tệp .csv hoặc .xlsx")
    }

    fn plan_nothing_imported(&self, rows: usize) -> String {
        format!("không nhập gì: {rows} dòng có lỗi; sửa các dòng trên rồi nhập lại cả tệp")
    }

    fn plan_imported(&self, count: usize, already: usize, file: &str) -> String {
        if already == 0 {
            format!("đã nhập {count} mục kế hoạch từ {file}")
        } else {
            format!("đã nhập {count} mục kế hoạch từ {file}; {already} dòng đã có trong kế hoạch")
        }
    }

    fn plan_no_entries(&self, file: &str) -> String {
        format!("{file}: không có dòng nào ngoài dòng tiêu đề; không nhập gì")
    }

    fn plan_unit_empty(&self) -> &'static str {
        "tên đơn vị để trống"
    }

    fn plan_date_missing(&self) -> &'static str {
        "chưa ghi ngày kiểm tra (DD/MM/YYYY hoặc YYYY-MM-DD)"
    }

    fn plan_rubric_missing(&self) -> &'static str {
        "chưa ghi bộ tiêu chí, và tệp cấu hình không có default_rubric (xem `onsite rubric list`)"
    }

    fn plan_none(&self) -> &'static str {
        "chưa có kế hoạch nào; nhập bằng `onsite plan import TỆP`"
    }

    fn plan_planned(&self) -> &'static str {
        "chưa bắt đầu"
    }

    fn plan_not_found(&self, prefix: &str) -> String {
        format!("không có mục kế hoạch nào khớp \"{prefix}\"; xem mã ở `onsite plan list`")
    }

    fn plan_ambiguous(&self, prefix: &str, matches: &[(String, String)]) -> String {
        let listed: Vec<String> = matches
            .iter()
            .map(|(id, unit)| format!("{id} {unit}"))
            .collect();
        format!(
            "\"{prefix}\" khớp nhiều mục kế hoạch: {}; gõ thêm ký tự của mã",
            listed.join(", ")
        )
    }

    fn plan_already_started(&self, entry: &str, visit: &str) -> String {
        format!(
            "mục kế hoạch {entry} đã được bắt đầu: lần kiểm tra {visit} (`onsite show {visit}`)"
        )
    }

    fn plan_heading(&self) -> &'static str {
        "Kế hoạch"
    }

    fn plan_synced(&self, new: usize, started: usize, written: usize) -> String {
        format!("kế hoạch: {new} mục mới, {started} mục đã bắt đầu ở máy khác, ghi {written} tệp")
    }

    fn plan_file_refused(&self, file: &str, why: &str) -> String {
        format!("{file}: bỏ qua tệp kế hoạch ({why})")
    }
}

impl PlanTexts for En {
    fn plan_row(&self, file: &str, row: usize, problem: &str) -> String {
        format!("{file}: row {row}: {problem}")
    }

    fn plan_header_problem(&self, problem: &HeaderProblem) -> String {
        match problem {
            HeaderProblem::NoUnitColumn => {
                "the header row has no \"unit\" (or \"Đơn vị\") column".to_owned()
            }
            HeaderProblem::Repeated {
                column,
                first,
                again,
            } => format!(
                "two columns are both \"{}\": \"{first}\" and \"{again}\"; keep one",
                column_en(*column)
            ),
            HeaderProblem::TeamAndLeader => "there is a \"team\" column and a \"leader\" or \
                 \"members\" one; use one way: \"team\" (leader; member; …) or the two columns"
                .to_owned(),
        }
    }

    fn plan_unreadable(&self, file: &str, why: &str) -> String {
        format!("{file}: cannot read the plan table ({why}); import a .csv or .xlsx file")
    }

    fn plan_nothing_imported(&self, rows: usize) -> String {
        let rows = if rows == 1 {
            "1 row has problems".to_owned()
        } else {
            format!("{rows} rows have problems")
        };
        format!("nothing imported: {rows}; fix them and import the whole file")
    }

    fn plan_imported(&self, count: usize, already: usize, file: &str) -> String {
        if already == 0 {
            format!("imported {count} plan entries from {file}")
        } else {
            format!("imported {count} plan entries from {file}; {already} rows already in the plan")
        }
    }

    fn plan_no_entries(&self, file: &str) -> String {
        format!("{file}: no rows besides the header; nothing imported")
    }

    fn plan_unit_empty(&self) -> &'static str {
        "the unit name is empty"
    }

    fn plan_date_missing(&self) -> &'static str {
        "no date (DD/MM/YYYY or YYYY-MM-DD)"
    }

    fn plan_rubric_missing(&self) -> &'static str {
        "no rubric, and the settings file has no default_rubric (see `onsite rubric list`)"
    }

    fn plan_none(&self) -> &'static str {
        "no plan yet; import one with `onsite plan import FILE`"
    }

    fn plan_planned(&self) -> &'static str {
        "planned"
    }

    fn plan_not_found(&self, prefix: &str) -> String {
        format!("no plan entry matches \"{prefix}\"; see `onsite plan list` for ids")
    }

    fn plan_ambiguous(&self, prefix: &str, matches: &[(String, String)]) -> String {
        let listed: Vec<String> = matches
            .iter()
            .map(|(id, unit)| format!("{id} {unit}"))
            .collect();
        format!(
            "\"{prefix}\" matches several plan entries: {}; type more of the id",
            listed.join(", ")
        )
    }

    fn plan_already_started(&self, entry: &str, visit: &str) -> String {
        format!("plan entry {entry} is already started: visit {visit} (`onsite show {visit}`)")
    }

    fn plan_heading(&self) -> &'static str {
        "Plan"
    }

    fn plan_synced(&self, new: usize, started: usize, written: usize) -> String {
        format!(
            "plan: {new} new entries, {started} started on another laptop, {written} files written"
        )
    }

    fn plan_file_refused(&self, file: &str, why: &str) -> String {
        format!("{file}: plan file skipped ({why})")
    }
}
