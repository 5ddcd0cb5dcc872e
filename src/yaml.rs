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
            message: strip_position(&error.to_string()).to_owned(),
        }
    }
}

/// Drops the " at line L column C" the library appends, since the position is kept apart.
fn strip_position(message: &str) -> &str {
    let Some((head, tail)) = message.rsplit_once(" at line ") else {
        return message;
    };
    let is_position = tail.split_once(" column ").is_some_and(|(line, column)| {
        line.parse::<usize>().is_ok() && column.parse::<usize>().is_ok()
    });
    if is_position { head } else { message }
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
    }

    #[test]
    fn error_keeps_position_apart() {
        let error = from_str::<Vec<u32>>("[1, 2\n").unwrap_err();
        assert!(error.position.is_some());
        assert!(!error.message.contains(" at line "), "{}", error.message);
    }
}
