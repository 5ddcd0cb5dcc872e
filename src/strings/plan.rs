//! Words of the campaign plan (`onsite plan`, the TUI's "Kế hoạch"), per language: both
//! languages in this one file, as [`PlanWords`]; each message is put together once, in the
//! trait's methods.

use super::compose::fill;
use super::en::En;
use super::vi::Vi;
use crate::domain::plan::{Column, HeaderProblem};

pub trait PlanTexts {
    /// The words of the plan's messages in this language.
    fn plan_words(&self) -> &'static PlanWords;

    /// Before a problem of one row: its number in the file (the header is row 1).
    fn plan_row(&self, file: &str, row: usize, problem: &str) -> String {
        fill(
            self.plan_words().row,
            &[
                ("file", file),
                ("row", &row.to_string()),
                ("problem", problem),
            ],
        )
    }

    fn plan_header_problem(&self, problem: &HeaderProblem) -> String {
        let w = self.plan_words();
        match problem {
            HeaderProblem::NoUnitColumn => w.no_unit_column.to_owned(),
            HeaderProblem::Repeated {
                column,
                first,
                again,
            } => fill(
                w.repeated,
                &[
                    ("column", (w.column)(*column)),
                    ("first", first),
                    ("again", again),
                ],
            ),
            HeaderProblem::TeamAndLeader => w.team_and_leader.to_owned(),
        }
    }

    /// The file could not be read as a table at all.
    fn plan_unreadable(&self, file: &str, why: &str) -> String {
        fill(
            self.plan_words().unreadable,
            &[("file", file), ("why", why)],
        )
    }

    /// The last line when any row was wrong.
    fn plan_nothing_imported(&self, rows: usize) -> String {
        let w = self.plan_words();
        let template = if rows == 1 {
            w.nothing_imported_one
        } else {
            w.nothing_imported
        };
        fill(template, &[("rows", &rows.to_string())])
    }

    /// `already`: rows equal to an entry the plan holds, left out (the same file twice).
    fn plan_imported(&self, count: usize, already: usize, file: &str) -> String {
        let w = self.plan_words();
        let template = if already == 0 {
            w.imported
        } else {
            w.imported_some_already
        };
        fill(
            template,
            &[
                ("count", &count.to_string()),
                ("already", &already.to_string()),
                ("file", file),
            ],
        )
    }

    fn plan_no_entries(&self, file: &str) -> String {
        fill(self.plan_words().no_entries, &[("file", file)])
    }

    fn plan_unit_empty(&self) -> &'static str {
        self.plan_words().unit_empty
    }

    fn plan_date_missing(&self) -> &'static str {
        self.plan_words().date_missing
    }

    fn plan_rubric_missing(&self) -> &'static str {
        self.plan_words().rubric_missing
    }

    /// `onsite plan list` with no plan yet.
    fn plan_none(&self) -> &'static str {
        self.plan_words().none
    }

    /// The list's mark for an entry not started yet.
    fn plan_planned(&self) -> &'static str {
        self.plan_words().planned
    }

    fn plan_not_found(&self, prefix: &str) -> String {
        fill(self.plan_words().not_found, &[("prefix", prefix)])
    }

    /// Several entries start with the prefix: (id, unit) of each.
    fn plan_ambiguous(&self, prefix: &str, matches: &[(String, String)]) -> String {
        let listed: Vec<String> = matches
            .iter()
            .map(|(id, unit)| format!("{id} {unit}"))
            .collect();
        fill(
            self.plan_words().ambiguous,
            &[("prefix", prefix), ("matches", &listed.join(", "))],
        )
    }

    fn plan_already_started(&self, entry: &str, visit: &str) -> String {
        fill(
            self.plan_words().already_started,
            &[("entry", entry), ("visit", visit)],
        )
    }

    /// The heading above the planned visits in the TUI's list.
    fn plan_heading(&self) -> &'static str {
        self.plan_words().heading
    }

    /// After a sync that exchanged plan entries.
    fn plan_synced(&self, new: usize, started: usize, written: usize) -> String {
        fill(
            self.plan_words().synced,
            &[
                ("new", &new.to_string()),
                ("started", &started.to_string()),
                ("written", &written.to_string()),
            ],
        )
    }

    fn plan_file_refused(&self, file: &str, why: &str) -> String {
        fill(
            self.plan_words().file_refused,
            &[("file", file), ("why", why)],
        )
    }
}

/// One language's words for the plan: phrases, and templates with named `{placeholders}`.
pub struct PlanWords {
    /// A column's name in the plan table.
    column: fn(Column) -> &'static str,
    /// `{file} {row} {problem}`.
    row: &'static str,
    no_unit_column: &'static str,
    /// `{column} {first} {again}`.
    repeated: &'static str,
    team_and_leader: &'static str,
    /// `{file} {why}`.
    unreadable: &'static str,
    /// `{rows}` is 1.
    nothing_imported_one: &'static str,
    /// `{rows}`.
    nothing_imported: &'static str,
    /// `{count} {file}`.
    imported: &'static str,
    /// `{count} {file} {already}`.
    imported_some_already: &'static str,
    /// `{file}`.
    no_entries: &'static str,
    unit_empty: &'static str,
    date_missing: &'static str,
    rubric_missing: &'static str,
    none: &'static str,
    planned: &'static str,
    /// `{prefix}`.
    not_found: &'static str,
    /// `{prefix} {matches}`.
    ambiguous: &'static str,
    /// `{entry} {visit}`.
    already_started: &'static str,
    heading: &'static str,
    /// `{new} {started} {written}`.
    synced: &'static str,
    /// `{file} {why}`.
    file_refused: &'static str,
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

const VI: PlanWords = PlanWords {
    column: column_vi,
    row: "{file}: dòng {row}: {problem}",
    no_unit_column: "dòng tiêu đề không có cột \"Đơn vị\" (hoặc \"unit\")",
    repeated: "hai cột cùng là \"{column}\": \"{first}\" và \"{again}\"; giữ một cột",
    team_and_leader: "có cả cột \"Đoàn\" lẫn cột \"Trưởng đoàn\"/\"Thành \
                 viên\"; dùng một cách: cột \"Đoàn\" (trưởng đoàn; thành viên; …) hoặc hai cột",
    unreadable: "{file}: không đọc được bảng kế hoạch ({why}); nhập tệp .csv hoặc .xlsx",
    nothing_imported_one: "không nhập gì: {rows} dòng có lỗi; sửa các dòng trên rồi nhập lại cả tệp",
    nothing_imported: "không nhập gì: {rows} dòng có lỗi; sửa các dòng trên rồi nhập lại cả tệp",
    imported: "đã nhập {count} mục kế hoạch từ {file}",
    imported_some_already: "đã nhập {count} mục kế hoạch từ {file}; {already} dòng đã có trong \
                            kế hoạch",
    no_entries: "{file}: không có dòng nào ngoài dòng tiêu đề; không nhập gì",
    unit_empty: "tên đơn vị để trống",
    date_missing: "chưa ghi ngày kiểm tra (DD/MM/YYYY hoặc YYYY-MM-DD)",
    rubric_missing: "chưa ghi bộ tiêu chí, và tệp cấu hình không có default_rubric (xem `onsite \
                     rubric list`)",
    none: "chưa có kế hoạch nào; nhập bằng `onsite plan import TỆP`",
    planned: "chưa bắt đầu",
    not_found: "không có mục kế hoạch nào khớp \"{prefix}\"; xem mã ở `onsite plan list`",
    ambiguous: "\"{prefix}\" khớp nhiều mục kế hoạch: {matches}; gõ thêm ký tự của mã",
    already_started: "mục kế hoạch {entry} đã được bắt đầu: lần kiểm tra {visit} (`onsite show \
                      {visit}`)",
    heading: "Kế hoạch",
    synced: "kế hoạch: {new} mục mới, {started} mục đã bắt đầu ở máy khác, ghi {written} tệp",
    file_refused: "{file}: bỏ qua tệp kế hoạch ({why})",
};

const EN: PlanWords = PlanWords {
    column: column_en,
    row: "{file}: row {row}: {problem}",
    no_unit_column: "the header row has no \"unit\" (or \"Đơn vị\") column",
    repeated: "two columns are both \"{column}\": \"{first}\" and \"{again}\"; keep one",
    team_and_leader: "there is a \"team\" column and a \"leader\" or \
                 \"members\" one; use one way: \"team\" (leader; member; …) or the two columns",
    unreadable: "{file}: cannot read the plan table ({why}); import a .csv or .xlsx file",
    nothing_imported_one: "nothing imported: 1 row has problems; fix them and import the whole \
                           file",
    nothing_imported: "nothing imported: {rows} rows have problems; fix them and import the whole \
                       file",
    imported: "imported {count} plan entries from {file}",
    imported_some_already: "imported {count} plan entries from {file}; {already} rows already in \
                            the plan",
    no_entries: "{file}: no rows besides the header; nothing imported",
    unit_empty: "the unit name is empty",
    date_missing: "no date (DD/MM/YYYY or YYYY-MM-DD)",
    rubric_missing: "no rubric, and the settings file has no default_rubric (see `onsite rubric \
                     list`)",
    none: "no plan yet; import one with `onsite plan import FILE`",
    planned: "planned",
    not_found: "no plan entry matches \"{prefix}\"; see `onsite plan list` for ids",
    ambiguous: "\"{prefix}\" matches several plan entries: {matches}; type more of the id",
    already_started: "plan entry {entry} is already started: visit {visit} (`onsite show \
                      {visit}`)",
    heading: "Plan",
    synced: "plan: {new} new entries, {started} started on another laptop, {written} files \
             written",
    file_refused: "{file}: plan file skipped ({why})",
};

impl PlanTexts for Vi {
    fn plan_words(&self) -> &'static PlanWords {
        &VI
    }
}

impl PlanTexts for En {
    fn plan_words(&self) -> &'static PlanWords {
        &EN
    }
}
