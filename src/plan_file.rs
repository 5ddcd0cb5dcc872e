//! Reading a campaign plan table: a CSV file (`,` or `;` between cells, as Excel writes it
//! with Vietnamese regional settings, a byte-order mark or not) or an Excel workbook's first
//! sheet. Gives the cells as text with each row's number in the file (the header is row 1);
//! what the cells mean is [`crate::domain::plan`]'s business.

use std::path::Path;

/// A plan table is a few hundred rows; anything past this is not one.
pub const MAX_PLAN_BYTES: u64 = 16 * 1024 * 1024;

/// The rows of a table, blank rows included, each with its row number in the file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    pub rows: Vec<(usize, Vec<String>)>,
}

#[derive(Debug, thiserror::Error)]
pub enum TableError {
    #[error("cannot read it: {0}")]
    Io(#[from] std::io::Error),
    #[error("it is {0} bytes, over the limit for a plan table")]
    TooBig(u64),
    #[error("it is not a CSV table: {0}")]
    Csv(String),
    #[error("it is not a readable Excel workbook: {0}")]
    Xlsx(String),
    #[error("it has no rows")]
    Empty,
}

/// Reads `path`: a workbook when it is one (a ZIP file, whatever its name), else CSV.
pub fn read(path: &Path) -> Result<Table, TableError> {
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        return Err(std::io::Error::other("not a regular file").into());
    }
    if meta.len() > MAX_PLAN_BYTES {
        return Err(TableError::TooBig(meta.len()));
    }
    let bytes = std::fs::read(path)?;
    let table = if bytes.starts_with(b"PK\x03\x04") {
        read_xlsx(bytes)?
    } else {
        read_csv(&bytes)?
    };
    if table.rows.is_empty() {
        return Err(TableError::Empty);
    }
    Ok(table)
}

fn read_csv(bytes: &[u8]) -> Result<Table, TableError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes)
        .map_err(|_| TableError::Csv("not UTF-8 text (save it as \"CSV UTF-8\")".into()))?;
    // The header row says which separator: Excel with Vietnamese settings writes `;`.
    let header = text.lines().next().unwrap_or_default();
    let separator = if header.matches(';').count() > header.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(separator)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|error| TableError::Csv(error.to_string()))?;
        // Counted from the byte offset, past the blank lines the reader skipped before the
        // record (its own line count leaves them out).
        let line = record.position().map_or(rows.len() + 1, |p| {
            let bytes = text.as_bytes();
            let mut start = usize::try_from(p.byte())
                .unwrap_or(bytes.len())
                .min(bytes.len());
            while bytes.get(start).is_some_and(|b| matches!(b, b'\n' | b'\r')) {
                start += 1;
            }
            1 + text
                .get(..start)
                .map_or(0, |before| before.matches('\n').count())
        });
        rows.push((line, record.iter().map(str::to_owned).collect()));
    }
    Ok(Table { rows })
}

fn read_xlsx(bytes: Vec<u8>) -> Result<Table, TableError> {
    use calamine::{Reader, Xlsx};
    let error = |e: calamine::XlsxError| TableError::Xlsx(e.to_string());
    let mut workbook = Xlsx::new(std::io::Cursor::new(bytes)).map_err(error)?;
    let Some(range) = workbook.worksheet_range_at(0) else {
        return Err(TableError::Empty);
    };
    let range = range.map_err(error)?;
    let first = range.start().map_or(0, |(row, _)| row as usize);
    let rows = range
        .rows()
        .enumerate()
        .map(|(index, cells)| (first + index + 1, cells.iter().map(cell_text).collect()))
        .collect();
    Ok(Table { rows })
}

/// A cell as the text a CSV would hold: a date cell as `yyyy-mm-dd`, a whole number without
/// `.0`.
fn cell_text(cell: &calamine::Data) -> String {
    use calamine::Data;
    match cell {
        Data::Empty => String::new(),
        Data::String(text) | Data::DateTimeIso(text) | Data::DurationIso(text) => text.clone(),
        Data::Int(number) => number.to_string(),
        Data::Float(number) if number.fract() == 0.0 && number.abs() < 1e15 => {
            format!("{number:.0}")
        }
        Data::Float(number) => number.to_string(),
        Data::Bool(value) => value.to_string(),
        Data::DateTime(moment) => {
            let (year, month, day, ..) = moment.to_ymd_hms_milli();
            format!("{year:04}-{month:02}-{day:02}")
        }
        Data::Error(error) => format!("#{error}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_takes_either_separator_and_numbers_rows_by_line() {
        let table =
            read_csv("\u{feff}Đơn vị;Ngày\n\"A; B\";01/12/2026\n\nC;2026-12-02\n".as_bytes())
                .expect("a table");
        assert_eq!(
            table.rows,
            [
                (1, vec!["Đơn vị".to_owned(), "Ngày".to_owned()]),
                (2, vec!["A; B".to_owned(), "01/12/2026".to_owned()]),
                (4, vec!["C".to_owned(), "2026-12-02".to_owned()]),
            ]
        );
        let table = read_csv(b"unit,date\nA,2026-12-01\n").expect("a table");
        assert_eq!(table.rows[1].1, ["A", "2026-12-01"]);
    }
}
