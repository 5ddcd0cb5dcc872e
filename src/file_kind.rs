//! What a file given to `onsite import` is, judged from its first bytes, before the visit
//! document reader sees it: a workbook, a Word file, a PDF or a CSV table is named as such
//! instead of being answered with a YAML parser's complaint.
//!
//! Only files that are plainly something else are told apart here. Anything that could be a
//! visit document (a top-level `format: onsite-visit/…`, an empty file, a flow mapping, a
//! pipe) goes on to the reader, whose messages say where a real document is broken.

use std::io::Read;
use std::path::Path;

/// How much of a file is read to judge it: magic numbers, the ZIP entries' names and the
/// top-level keys of a YAML file all sit near the start.
const SNIFF_BYTES: u64 = 64 * 1024;

/// A file that is not a visit document, as far as can be told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Foreign {
    /// An Excel workbook (`.xlsx`, `.xlsm`), such as `onsite export --format xlsx` writes.
    Workbook,
    /// A Word document (`.docx`), such as `onsite report --format docx` writes.
    WordDocument,
    /// A LibreOffice/OpenDocument file (`.ods`, `.odt`).
    OpenDocument,
    /// Another ZIP archive.
    Zip,
    /// An Office 97–2003 file (`.xls`, `.doc`).
    OldOffice,
    Pdf,
    /// A CSV table, such as `onsite export --format csv` writes.
    Csv,
    /// An onsite rubric (`format: onsite-rubric/1`).
    Rubric,
    /// A YAML file with another `format:`.
    OtherFormat(String),
    /// A YAML mapping with no `format:` key.
    NoFormat,
    /// Text that is neither a YAML mapping nor a table.
    Text,
    /// Bytes that are not text (compressed data, an image, a program).
    Binary,
}

/// Whether `path` should go to the visit document reader, or is plainly something else.
/// Anything that cannot be read here (a missing file, a pipe, a link) goes to the reader,
/// which says why it cannot be read, as it always has.
pub fn foreign(path: &Path) -> Option<Foreign> {
    let meta = std::fs::symlink_metadata(path).ok()?;
    if !meta.is_file() {
        return None;
    }
    let mut head = Vec::new();
    std::fs::File::open(path)
        .and_then(|file| file.take(SNIFF_BYTES).read_to_end(&mut head))
        .ok()?;
    judge(&head, extension(path).as_deref())
}

fn extension(path: &Path) -> Option<String> {
    path.extension()
        .map(|ext| ext.to_string_lossy().to_ascii_lowercase())
}

/// [`foreign`] on the first bytes of a file and its lowercase extension.
pub fn judge(head: &[u8], extension: Option<&str>) -> Option<Foreign> {
    if let Some(kind) = by_magic(head, extension) {
        return Some(kind);
    }
    let text = match std::str::from_utf8(head) {
        Ok(text) => text,
        // Cut in the middle of a character by the sniffing window: still text.
        Err(error) if error.error_len().is_none() => {
            std::str::from_utf8(&head[..error.valid_up_to()]).unwrap_or_default()
        }
        // A visit document saved in another encoding: the reader says "not UTF-8 text".
        Err(_) if contains(head, b"onsite-visit/") => return None,
        Err(_) => return Some(Foreign::Binary),
    };
    if text.contains('\0') {
        return Some(Foreign::Binary);
    }
    judge_text(text.strip_prefix('\u{feff}').unwrap_or(text), extension)
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle)
}

fn by_magic(head: &[u8], extension: Option<&str>) -> Option<Foreign> {
    if head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06") {
        // The entries' names are stored uncompressed in their headers, near the start.
        return Some(if contains(head, b"xl/") {
            Foreign::Workbook
        } else if contains(head, b"word/") {
            Foreign::WordDocument
        } else if contains(head, b"application/vnd.oasis.opendocument") {
            Foreign::OpenDocument
        } else {
            match extension {
                Some("xlsx" | "xlsm") => Foreign::Workbook,
                Some("docx") => Foreign::WordDocument,
                Some("ods" | "odt") => Foreign::OpenDocument,
                _ => Foreign::Zip,
            }
        });
    }
    if head.starts_with(b"%PDF-") {
        return Some(Foreign::Pdf);
    }
    if head.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        return Some(Foreign::OldOffice);
    }
    None
}

fn judge_text(text: &str, extension: Option<&str>) -> Option<Foreign> {
    let mut lines = text
        .lines()
        .filter(|line| {
            let line = line.trim();
            !line.is_empty() && !line.starts_with('#') && !line.starts_with('%')
        })
        .filter(|line| *line != "---")
        .peekable();
    // Empty, or a flow mapping (`{format: …}`, JSON): the reader judges it.
    let first = lines.peek()?;
    if first.trim_start().starts_with('{') {
        return None;
    }
    if let Some(value) = text.lines().find_map(top_level_format) {
        return if value.starts_with("onsite-visit/") {
            None
        } else if value == crate::domain::rubric::FORMAT {
            Some(Foreign::Rubric)
        } else {
            Some(Foreign::OtherFormat(value))
        };
    }
    if matches!(extension, Some("csv" | "tsv")) || looks_like_table(text) {
        return Some(Foreign::Csv);
    }
    if text.lines().any(is_top_level_key) {
        Some(Foreign::NoFormat)
    } else {
        Some(Foreign::Text)
    }
}

/// The value of a `format:` key at the top level (no indentation), quotes removed.
fn top_level_format(line: &str) -> Option<String> {
    let rest = ["format:", "\"format\":", "'format':"]
        .into_iter()
        .find_map(|key| line.strip_prefix(key))?;
    let value = rest.split(" #").next().unwrap_or_default().trim();
    Some(value.trim_matches(['"', '\'']).to_owned())
}

/// `key:` or `key: value` at the start of a line: a YAML mapping's entry.
fn is_top_level_key(line: &str) -> bool {
    if line.starts_with([' ', '\t', '#', '-']) {
        return false;
    }
    line.split_once(':')
        .is_some_and(|(key, rest)| !key.is_empty() && (rest.is_empty() || rest.starts_with(' ')))
}

/// A first line that is not a YAML key and is cut into three or more cells by `,`, `;` or a
/// tab (outside quotes), or into two when the second line is cut the same way: a table.
fn looks_like_table(text: &str) -> bool {
    let mut lines = text.lines().filter(|line| !line.trim().is_empty());
    let (Some(first), second) = (lines.next(), lines.next()) else {
        return false;
    };
    if is_top_level_key(first) {
        return false;
    }
    [',', ';', '\t'].into_iter().any(|separator| {
        let cells = separators(first, separator);
        cells >= 2 || (cells == 1 && second.is_some_and(|line| separators(line, separator) == 1))
    })
}

/// How many times `separator` occurs outside double quotes.
fn separators(line: &str, separator: char) -> usize {
    let mut quoted = false;
    line.chars()
        .filter(|c| {
            if *c == '"' {
                quoted = !quoted;
            }
            *c == separator && !quoted
        })
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_kinds_are_told_apart() {
        let cases: [(&[u8], Option<&str>, Option<Foreign>); 15] = [
            (
                b"PK\x03\x04....[Content_Types].xml..xl/workbook.xml",
                None,
                Some(Foreign::Workbook),
            ),
            (
                b"PK\x03\x04....word/document.xml",
                Some("zip"),
                Some(Foreign::WordDocument),
            ),
            (b"PK\x03\x04....", Some("docx"), Some(Foreign::WordDocument)),
            (b"PK\x03\x04....", None, Some(Foreign::Zip)),
            (b"%PDF-1.7\n", None, Some(Foreign::Pdf)),
            (b"\x1f\x8b\x08\x00\xff\xfe", None, Some(Foreign::Binary)),
            (b"visit,date,unit\n1,2,3\n", None, Some(Foreign::Csv)),
            (b"a;b\n", Some("csv"), Some(Foreign::Csv)),
            (b"a,\"b,c\"\n1,2\n", None, Some(Foreign::Csv)),
            (
                b"format: onsite-rubric/1\nid: x\n",
                None,
                Some(Foreign::Rubric),
            ),
            (
                b"format: \"csv\" # no\n",
                None,
                Some(Foreign::OtherFormat("csv".into())),
            ),
            (
                b"id: 01M8\nunit:\n  name: x\n",
                None,
                Some(Foreign::NoFormat),
            ),
            (b"Just some words.\n", None, Some(Foreign::Text)),
            (b"\xef\xbb\xbfformat: onsite-visit/2\n", None, None),
            (b"# c\n\n{\"format\": 1}", None, None),
        ];
        for (head, extension, expected) in cases {
            assert_eq!(
                judge(head, extension),
                expected,
                "{}",
                String::from_utf8_lossy(head)
            );
        }
    }

    #[test]
    fn what_the_reader_should_judge_goes_to_it() {
        assert_eq!(judge(b"", None), None);
        assert_eq!(judge(b"  \n\n", Some("yaml")), None);
        assert_eq!(judge(b"format: onsite-visit/1\nid: [", None), None);
        // Latin-1 bytes in a visit document: the reader says it is not UTF-8.
        assert_eq!(judge(b"format: onsite-visit/1\nnote: \xe9\n", None), None);
        // A character cut by the sniffing window is still text.
        assert_eq!(
            judge(
                "format: onsite-visit/1\nn: Đ".as_bytes()[..27].as_ref(),
                None
            ),
            None
        );
    }
}
