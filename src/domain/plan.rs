//! The campaign plan (kế hoạch kiểm tra): the visits a team means to make, one entry per
//! unit and date, imported from a table and, once started, linked to the visit it became.
//! Pure: which column a header names, what a row holds, how two copies of an entry merge.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::search::fold;
use super::visit::{Member, Stamp, Unit};

/// One planned visit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanEntry {
    /// A ULID, like a visit's.
    pub id: String,
    pub unit: Unit,
    pub date: Date,
    #[serde(default)]
    pub team: Vec<Member>,
    /// The rubric as the plan names it (an id, or `id@version`), found at start the way
    /// `onsite new --rubric` finds it.
    pub rubric: String,
    /// The visit started from this entry; `None` while it is still only planned.
    #[serde(default)]
    pub visit: Option<String>,
    pub imported_at: Stamp,
    pub imported_by: String,
}

impl PlanEntry {
    pub fn is_started(&self) -> bool {
        self.visit.is_some()
    }

    /// Merges two copies of one entry (this laptop's and another's). The fields come from the
    /// import and never change; only the link to a visit does, once. Started on either side
    /// means started; started on both sides with different visits (two laptops started it
    /// before syncing), the earlier visit (the smaller ULID) is linked on every laptop, the
    /// other visit stays as it is.
    #[must_use]
    pub fn merged(&self, other: &PlanEntry) -> PlanEntry {
        let visit = match (&self.visit, &other.visit) {
            (Some(mine), Some(theirs)) => Some(mine.min(theirs).clone()),
            (Some(one), None) | (None, Some(one)) => Some(one.clone()),
            (None, None) => None,
        };
        PlanEntry {
            visit,
            ..self.clone()
        }
    }
}

/// The entries still to start from `today` on, soonest first (the TUI's "Kế hoạch").
pub fn upcoming(entries: &[PlanEntry], today: Date) -> Vec<&PlanEntry> {
    let mut shown: Vec<&PlanEntry> = entries
        .iter()
        .filter(|entry| !entry.is_started() && entry.date >= today)
        .collect();
    shown.sort_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
    shown
}

/// A column of a plan table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Column {
    Unit,
    Kind,
    Address,
    Date,
    /// The whole team in one cell: the leader first, then the members, `;` between.
    Team,
    Leader,
    /// The members other than the leader, `;` between.
    Members,
    Rubric,
}

/// Every header each column is known by, folded (lower case, no diacritics, `đ` → `d`,
/// single spaces): Vietnamese as the team writes it and English.
const HEADERS: [(Column, &[&str]); 8] = [
    (
        Column::Unit,
        &[
            "don vi",
            "ten don vi",
            "don vi duoc kiem tra",
            "co quan, don vi",
            "unit",
            "unit name",
        ],
    ),
    (
        Column::Kind,
        &[
            "loai",
            "loai hinh",
            "loai don vi",
            "kind",
            "unit kind",
            "type",
        ],
    ),
    (Column::Address, &["dia chi", "address"]),
    (
        Column::Date,
        &["ngay", "ngay kiem tra", "thoi gian", "date", "visit date"],
    ),
    (
        Column::Team,
        &["doan", "doan kiem tra", "thanh phan doan", "team"],
    ),
    (Column::Leader, &["truong doan", "leader", "team leader"]),
    (
        Column::Members,
        &["thanh vien", "thanh vien doan", "members", "member"],
    ),
    (
        Column::Rubric,
        &["bo tieu chi", "tieu chi", "rubric", "rubric id"],
    ),
];

impl Column {
    /// The column a header names, in either language, any case, with or without diacritics
    /// (`Đơn vị`, `DON VI`, `don_vi`, `Unit`); `None` for any other header (left unread).
    pub fn from_header(header: &str) -> Option<Column> {
        let folded = fold(header);
        let words: Vec<&str> = folded
            .split(|c: char| c.is_whitespace() || c == '_' || c == '-')
            .filter(|word| !word.is_empty())
            .collect();
        let wanted = words.join(" ");
        let wanted = wanted.trim_end_matches([':', '*']).trim_end();
        HEADERS
            .iter()
            .find(|(_, names)| names.contains(&wanted))
            .map(|(column, _)| *column)
    }
}

/// What is wrong with a header row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HeaderProblem {
    /// No column names the unit.
    NoUnitColumn,
    /// Two headers name the same column: both as written.
    Repeated {
        column: Column,
        first: String,
        again: String,
    },
    /// A `team` column beside a `leader` or `members` one: which cell would win is unclear.
    TeamAndLeader,
}

/// Where each column is in a table: its index, for the columns present.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Layout {
    columns: Vec<(Column, usize)>,
}

impl Layout {
    /// Reads the header row. Headers of no known column are left out (a "STT" or "Ghi chú"
    /// column of the team's own).
    pub fn from_headers<S: AsRef<str>>(headers: &[S]) -> Result<Layout, Vec<HeaderProblem>> {
        let mut columns: Vec<(Column, usize)> = Vec::new();
        let mut problems = Vec::new();
        for (index, header) in headers.iter().enumerate() {
            let Some(column) = Column::from_header(header.as_ref()) else {
                continue;
            };
            if let Some((_, first)) = columns.iter().find(|(c, _)| *c == column) {
                problems.push(HeaderProblem::Repeated {
                    column,
                    first: headers[*first].as_ref().trim().to_owned(),
                    again: header.as_ref().trim().to_owned(),
                });
                continue;
            }
            columns.push((column, index));
        }
        let has = |wanted: Column| columns.iter().any(|(c, _)| *c == wanted);
        if !has(Column::Unit) {
            problems.push(HeaderProblem::NoUnitColumn);
        }
        if has(Column::Team) && (has(Column::Leader) || has(Column::Members)) {
            problems.push(HeaderProblem::TeamAndLeader);
        }
        if problems.is_empty() {
            Ok(Layout { columns })
        } else {
            Err(problems)
        }
    }

    /// The cell of `column` in a row (empty when the column or the cell is missing), trimmed.
    fn cell<'a, S: AsRef<str>>(&self, cells: &'a [S], column: Column) -> &'a str {
        self.columns
            .iter()
            .find(|(c, _)| *c == column)
            .and_then(|(_, index)| cells.get(*index))
            .map_or("", |cell| cell.as_ref().trim())
    }

    /// A data row's cells by meaning; `None` for a row with nothing in any known column
    /// (spreadsheets keep blank rows).
    pub fn row<'a, S: AsRef<str>>(&self, cells: &'a [S]) -> Option<Row<'a>> {
        let cell = |column| self.cell(cells, column);
        let mut team: Vec<TeamCell> = Vec::new();
        team.extend(names(cell(Column::Leader)).map(|text| TeamCell { text, leader: true }));
        for (index, text) in names(cell(Column::Team)).enumerate() {
            team.push(TeamCell {
                text,
                leader: index == 0,
            });
        }
        team.extend(names(cell(Column::Members)).map(|text| TeamCell {
            text,
            leader: false,
        }));
        let row = Row {
            unit: cell(Column::Unit),
            kind: cell(Column::Kind),
            address: cell(Column::Address),
            date: cell(Column::Date),
            team,
            rubric: cell(Column::Rubric),
        };
        let blank = row.unit.is_empty()
            && row.kind.is_empty()
            && row.address.is_empty()
            && row.date.is_empty()
            && row.team.is_empty()
            && row.rubric.is_empty();
        (!blank).then_some(row)
    }
}

/// The names in a team cell: `;` or a line break between them, blanks left out.
fn names(cell: &str) -> impl Iterator<Item = &str> {
    cell.split([';', '\n'])
        .map(str::trim)
        .filter(|name| !name.is_empty())
}

/// One data row, cells as written (trimmed): checked by whoever turns it into an entry, with
/// the same rules as `onsite new`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row<'a> {
    pub unit: &'a str,
    pub kind: &'a str,
    pub address: &'a str,
    pub date: &'a str,
    pub team: Vec<TeamCell<'a>>,
    pub rubric: &'a str,
}

/// One member as written in a team cell: `Name` or `Name:Role:Position:Agency`, the syntax
/// of `onsite new --team`. A leader's role, when not written, is trưởng đoàn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamCell<'a> {
    pub text: &'a str,
    pub leader: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case("Đơn vị", Some(Column::Unit))]
    #[case("ĐƠN VỊ", Some(Column::Unit))]
    #[case("don vi", Some(Column::Unit))]
    #[case("  Tên đơn vị ", Some(Column::Unit))]
    #[case("Unit", Some(Column::Unit))]
    #[case("Loại", Some(Column::Kind))]
    #[case("loai hinh", Some(Column::Kind))]
    #[case("KIND", Some(Column::Kind))]
    #[case("Địa chỉ", Some(Column::Address))]
    #[case("Dia_chi", Some(Column::Address))]
    #[case("address", Some(Column::Address))]
    #[case("Ngày", Some(Column::Date))]
    #[case("Ngày kiểm tra:", Some(Column::Date))]
    #[case("date", Some(Column::Date))]
    #[case("Đoàn", Some(Column::Team))]
    #[case("team", Some(Column::Team))]
    #[case("Trưởng đoàn", Some(Column::Leader))]
    #[case("truong doan", Some(Column::Leader))]
    #[case("Leader", Some(Column::Leader))]
    #[case("Thành viên", Some(Column::Members))]
    #[case("members", Some(Column::Members))]
    #[case("Bộ tiêu chí", Some(Column::Rubric))]
    #[case("bo-tieu-chi", Some(Column::Rubric))]
    #[case("Rubric", Some(Column::Rubric))]
    #[case("STT", None)]
    #[case("Ghi chú", None)]
    #[case("", None)]
    // Decomposed (NFD) text, as some Mac spreadsheets write it.
    #[case("\u{110}o\u{31b}n vi\u{323}", Some(Column::Unit))]
    fn headers_are_matched_in_both_languages(#[case] header: &str, #[case] want: Option<Column>) {
        assert_eq!(Column::from_header(header), want, "{header:?}");
    }

    #[test]
    fn a_header_row_needs_a_unit_and_no_column_twice() {
        assert_eq!(
            Layout::from_headers(&["Ngày", "Loại"]),
            Err(vec![HeaderProblem::NoUnitColumn])
        );
        assert_eq!(
            Layout::from_headers(&["Đơn vị", "unit"]),
            Err(vec![HeaderProblem::Repeated {
                column: Column::Unit,
                first: "Đơn vị".into(),
                again: "unit".into(),
            }])
        );
        assert_eq!(
            Layout::from_headers(&["unit", "team", "leader"]),
            Err(vec![HeaderProblem::TeamAndLeader])
        );
        assert!(Layout::from_headers(&["STT", "Đơn vị", "Ghi chú"]).is_ok());
    }

    #[test]
    fn a_row_reads_the_team_either_way() {
        let layout = Layout::from_headers(&["Đơn vị", "Đoàn"]).expect("a layout");
        let cells = ["Phường A", "Lê Văn An; Trần Bình ;; Hà Chi"];
        let row = layout.row(&cells).expect("a row");
        assert_eq!(row.unit, "Phường A");
        let team: Vec<(&str, bool)> = row.team.iter().map(|t| (t.text, t.leader)).collect();
        assert_eq!(
            team,
            [("Lê Văn An", true), ("Trần Bình", false), ("Hà Chi", false)]
        );
        let layout = Layout::from_headers(&["unit", "members", "leader"]).expect("a layout");
        let row = layout
            .row(&["B", "X; Y", "Z"])
            .expect("a row with a leader column");
        let team: Vec<(&str, bool)> = row.team.iter().map(|t| (t.text, t.leader)).collect();
        assert_eq!(team, [("Z", true), ("X", false), ("Y", false)]);
        assert_eq!(layout.row(&["", " ", ""]), None);
        assert!(layout.row(&["only a unit"]).is_some());
    }

    fn entry(id: &str, date: &str, visit: Option<&str>) -> PlanEntry {
        PlanEntry {
            id: id.into(),
            unit: Unit::default(),
            date: date.parse().expect("a date"),
            team: Vec::new(),
            rubric: "r".into(),
            visit: visit.map(str::to_owned),
            imported_at: Stamp::now(),
            imported_by: "Lan".into(),
        }
    }

    #[rstest]
    #[case(None, None, None)]
    #[case(Some("V1"), None, Some("V1"))]
    #[case(None, Some("V2"), Some("V2"))]
    #[case(Some("V2"), Some("V1"), Some("V1"))]
    #[case(Some("V1"), Some("V2"), Some("V1"))]
    fn started_anywhere_is_started_everywhere(
        #[case] mine: Option<&str>,
        #[case] theirs: Option<&str>,
        #[case] want: Option<&str>,
    ) {
        let merged = entry("E", "2026-12-01", mine).merged(&entry("E", "2026-12-01", theirs));
        assert_eq!(merged.visit.as_deref(), want);
        let other_way = entry("E", "2026-12-01", theirs).merged(&entry("E", "2026-12-01", mine));
        assert_eq!(other_way.visit, merged.visit);
    }

    #[test]
    fn upcoming_leaves_out_the_past_and_the_started() {
        let entries = [
            entry("A", "2026-12-03", None),
            entry("B", "2026-11-30", None),
            entry("C", "2026-12-01", None),
            entry("D", "2026-12-02", Some("V")),
        ];
        let today: Date = "2026-12-01".parse().expect("a date");
        let shown: Vec<&str> = upcoming(&entries, today)
            .iter()
            .map(|e| e.id.as_str())
            .collect();
        assert_eq!(shown, ["C", "A"]);
    }
}
