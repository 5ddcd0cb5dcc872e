//! The visits as tables: two CSV files for scripts ([`csv`]) and an Excel workbook
//! ([`xlsx`]), headers and words in the user's language. Above `strings`, beside `report`.

pub mod csv;
pub mod xlsx;
