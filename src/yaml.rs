//! The one door to the YAML library. Everything else calls these functions, so the choice of
//! `yaml_serde` (see docs/design.md) can change here alone.

mod locate;

use serde::Serialize;
use serde::de::DeserializeOwned;

pub use locate::Locations;

/// A 1-based line and column in a YAML text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// A YAML error: the library's message without its trailing "at line L column C", and the
/// position apart, so callers can print `file:line:col: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    pub position: Option<Position>,
    pub message: String,
}

impl From<yaml_serde::Error> for YamlError {
    fn from(error: yaml_serde::Error) -> Self {
        let position = error.location().map(|location| Position {
            line: location.line(),
            column: location.column(),
        });
        YamlError {
            position,
            message: strip_position(&error.to_string()),
        }
    }
}

/// Drops every " at line L column C" the library writes into its message, since the
/// position is kept apart (syntax errors carry it mid-sentence: "…, while scanning …").
fn strip_position(message: &str) -> String {
    let mut rest = message;
    let mut kept = String::with_capacity(message.len());
    while let Some(start) = rest.find(" at line ") {
        let after = &rest[start + " at line ".len()..];
        let digits =
            |text: &str| text.len() - text.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let line_len = digits(after);
        let column = after[line_len..].strip_prefix(" column ");
        match column {
            Some(column) if line_len > 0 && digits(column) > 0 => {
                kept.push_str(&rest[..start]);
                rest = &column[digits(column)..];
            }
            _ => {
                kept.push_str(&rest[..start + " at line ".len()]);
                rest = after;
            }
        }
    }
    kept.push_str(rest);
    kept
}

/// Deeper than any rubric or visit document needs (they nest about 6 levels). The YAML
/// library has its own limit (128) but applies it only after it has read the whole text,
/// and reading nested flow collections (`[[[[…`, `{a: {a: …`) costs it time quadratic in
/// their depth: 100,000 levels took minutes. So the depth is checked first, by a parser that
/// hands over one event at a time and is stopped at the first level too deep.
pub const MAX_NESTING: usize = 64;

pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    check_nesting(text)?;
    yaml_serde::from_str(text).map_err(|error| {
        let at = error
            .location()
            .and_then(|location| editor_position(text, location.index()));
        let mut error = YamlError::from(error);
        error.position = at.or(error.position);
        error
    })
}

/// The line and column of byte `index` of `text` as an editor shows them: lines end at LF,
/// CR LF or a lone CR. The YAML library counts as YAML 1.1 does, where U+0085, U+2028 and
/// U+2029 end a line too, so a file holding one (a "…" saved in an old Windows code page
/// reads back as U+0085) had every later problem reported lines too far down.
fn editor_position(text: &str, index: usize) -> Option<Position> {
    let mut before = text.get(..index)?;
    if text[index..].starts_with('\n') {
        // At the LF of a CR LF: still the line the CR ends.
        before = before.strip_suffix('\r').unwrap_or(before);
    }
    let line = 1 + before.matches('\n').count() + before.matches('\r').count()
        - before.matches("\r\n").count();
    let line_start = before.rfind(['\n', '\r']).map_or(0, |at| at + 1);
    let column = before[line_start..]
        .trim_start_matches('\u{feff}')
        .chars()
        .count()
        + 1;
    Some(Position { line, column })
}

/// Refuses a text nested deeper than [`MAX_NESTING`]. Only flow collections are costly, so a
/// text with fewer brackets than that (every document onsite writes) is not even parsed.
fn check_nesting(text: &str) -> Result<(), YamlError> {
    use yaml_rust2::parser::{Event, Parser};
    let brackets = text.bytes().filter(|b| matches!(b, b'[' | b'{')).count();
    if brackets <= MAX_NESTING {
        return Ok(());
    }
    let too_deep = |mark: yaml_rust2::scanner::Marker| YamlError {
        position: Some(Position {
            line: mark.line(),
            column: mark.col() + 1,
        }),
        message: format!("lists and mappings nested more than {MAX_NESTING} levels deep; refused"),
    };
    let mut parser = Parser::new_from_str(text);
    let mut depth = 0_usize;
    loop {
        match parser.next_token() {
            Ok((Event::SequenceStart(..) | Event::MappingStart(..), mark)) => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Err(too_deep(mark));
                }
            }
            Ok((Event::SequenceEnd | Event::MappingEnd, _)) => depth = depth.saturating_sub(1),
            Ok((Event::StreamEnd, _)) => return Ok(()),
            Ok(_) => {}
            // This parser's scanner has a nesting limit of its own (it looks ahead).
            Err(error) if error.info().contains("recursion limit") => {
                return Err(too_deep(*error.marker()));
            }
            // Any other syntax error is the YAML library's to report, in its own words.
            Err(_) => return Ok(()),
        }
    }
}

pub fn to_string<T: Serialize>(value: &T) -> Result<String, YamlError> {
    yaml_serde::to_string(value).map_err(YamlError::from)
}

/// Positions of every key and list element of a YAML text, by dotted path.
pub fn locate(text: &str) -> Locations {
    Locations::of(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_only_a_trailing_position() {
        assert_eq!(
            strip_position("missing field `id` at line 3 column 1"),
            "missing field `id`"
        );
        assert_eq!(strip_position("found it at line 3"), "found it at line 3");
        assert_eq!(strip_position("plain"), "plain");
        assert_eq!(
            strip_position("found a tab at line 22 column 1, while scanning at line 21 column 3"),
            "found a tab, while scanning"
        );
    }

    #[test]
    fn deep_nesting_is_refused_before_the_library_reads_it() {
        for deep in ["[".repeat(100_000), "{a: ".repeat(100_000)] {
            let error = from_str::<serde::de::IgnoredAny>(&deep).unwrap_err();
            assert!(
                error.message.contains("nested more than 64"),
                "{}",
                error.message
            );
            assert_eq!(error.position.map(|p| p.line), Some(1));
        }
        let fine = format!("{}1{}", "[".repeat(60), "]".repeat(60));
        assert!(from_str::<serde::de::IgnoredAny>(&fine).is_ok());
    }

    /// Found by the `rubric` fuzz target: U+0085 in a text moved the reported line.
    #[test]
    fn positions_count_lines_as_editors_do() {
        // The unclosed list is found at the end, line 4; the library says line 7.
        let text = "a: \"x\u{85}y\u{2028}z\u{2029}\"\r\nb: [1,\rc: 2\n";
        let error = from_str::<serde::de::IgnoredAny>(text).unwrap_err();
        assert_eq!(error.position.map(|p| p.line), Some(4), "{error:?}");
        assert_eq!(
            editor_position("ab\r\ncd", 3),
            Some(Position { line: 1, column: 3 })
        );
        assert_eq!(
            editor_position("\u{feff}ab\ncd", 5),
            Some(Position { line: 1, column: 3 })
        );
        assert_eq!(
            editor_position("ab\ncd", 5),
            Some(Position { line: 2, column: 3 })
        );
        assert_eq!(editor_position("ệ", 1), None);
    }

    #[test]
    fn error_keeps_position_apart() {
        let error = from_str::<Vec<u32>>("[1, 2\n").unwrap_err();
        assert!(error.position.is_some());
        assert!(!error.message.contains(" at line "), "{}", error.message);
    }
}
