//! The kinds of unit an inspection visits.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    /// Cơ quan: a state body.
    #[default]
    CoQuan,
    /// Đơn vị: a public service unit (school, hospital, BHXH, ...).
    DonVi,
    /// Doanh nghiệp: an enterprise.
    DoanhNghiep,
}

impl UnitKind {
    pub const ALL: [UnitKind; 3] = [UnitKind::CoQuan, UnitKind::DonVi, UnitKind::DoanhNghiep];
}
