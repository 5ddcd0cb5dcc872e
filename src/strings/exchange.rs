//! Words of the Excel export (sheet names, column headers) and of `onsite import`'s refusal
//! of a file that is not a visit document, per language.

use crate::export::columns::{Column, Sheet};
use crate::file_kind::Foreign;

pub trait ExchangeTexts {
    fn sheet_name(&self, sheet: Sheet) -> &'static str;
    /// A column's header in the workbook.
    fn column(&self, column: Column) -> &'static str;
    /// A ticked cell of the workbook (a mandatory criterion, an item marked N/A).
    fn yes(&self) -> &'static str;
    /// `FILE: not an onsite visit file …: it is an Excel workbook; import a .yaml file …`.
    fn not_a_visit(&self, file: &str, found: &Foreign) -> String;
}
