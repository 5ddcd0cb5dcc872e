//! Words of the Excel export (sheet names, column headers), per language.

use crate::export::xlsx::{Column, Sheet};

pub trait ExchangeTexts {
    fn sheet_name(&self, sheet: Sheet) -> &'static str;
    /// A column's header in the workbook.
    fn column(&self, column: Column) -> &'static str;
    /// A ticked cell of the workbook (a mandatory criterion, an item marked N/A).
    fn yes(&self) -> &'static str;
}
