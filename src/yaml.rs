//! The one door to the YAML library. Everything else calls these functions, so the choice of
//! `yaml_serde` (see README, design notes) can change here alone.

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

pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    yaml_serde::from_str(text).map_err(YamlError::from)
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
    fn error_keeps_position_apart() {
        let error = from_str::<Vec<u32>>("[1, 2\n").unwrap_err();
        assert!(error.position.is_some());
        assert!(!error.message.contains(" at line "), "{}", error.message);
    }
}
