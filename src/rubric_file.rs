//! Reading one rubric file: size limit, UTF-8, YAML, shape, then the rubric rules. Every
//! problem found comes back with its position, so `onsite rubric check` can print
//! `file:line:col: message` for each.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use crate::domain::rubric::Rubric;
use crate::domain::rubric_check::{self, Problem};
use crate::yaml::{self, Position, YamlError};

/// Larger than any real rubric (the shipped ones are ~30 KB); refused before parsing.
pub const MAX_RUBRIC_BYTES: u64 = 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DiagnosticKind {
    Unreadable {
        reason: String,
    },
    TooLarge {
        size: u64,
        limit: u64,
    },
    NotUtf8,
    Empty,
    /// YAML that is not a mapping at all (plain text, a list).
    NotARubric,
    /// `within` is the library's path of the mapping, e.g. `sections[0].items[1]`.
    UnknownKey {
        within: Option<String>,
        key: String,
        expected: String,
    },
    MissingKey {
        within: Option<String>,
        key: String,
    },
    /// Too many alias expansions: a "billion laughs" file.
    AliasBomb,
    /// Any other YAML or type error, in the library's words.
    Yaml {
        message: String,
    },
    Rule(Problem),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub position: Option<Position>,
    pub kind: DiagnosticKind,
}

impl Diagnostic {
    fn bare(kind: DiagnosticKind) -> Self {
        Diagnostic {
            position: None,
            kind,
        }
    }
}

/// Reads and checks the rubric at `path`.
pub fn read(path: &Path) -> Result<Rubric, Vec<Diagnostic>> {
    let unreadable = |error: std::io::Error| {
        vec![Diagnostic::bare(DiagnosticKind::Unreadable {
            reason: error.to_string(),
        })]
    };
    let file = File::open(path).map_err(unreadable)?;
    let size = file.metadata().map_err(unreadable)?.len();
    if size > MAX_RUBRIC_BYTES {
        let kind = DiagnosticKind::TooLarge {
            size,
            limit: MAX_RUBRIC_BYTES,
        };
        return Err(vec![Diagnostic::bare(kind)]);
    }
    let mut bytes = Vec::new();
    // `take` guards against a file that grows between the size check and the read.
    file.take(MAX_RUBRIC_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    let text =
        String::from_utf8(bytes).map_err(|_| vec![Diagnostic::bare(DiagnosticKind::NotUtf8)])?;
    parse(&text)
}

/// Parses and checks a rubric from its text.
pub fn parse(text: &str) -> Result<Rubric, Vec<Diagnostic>> {
    let size = text.len() as u64;
    if size > MAX_RUBRIC_BYTES {
        let kind = DiagnosticKind::TooLarge {
            size,
            limit: MAX_RUBRIC_BYTES,
        };
        return Err(vec![Diagnostic::bare(kind)]);
    }
    if text.trim().is_empty() {
        return Err(vec![Diagnostic::bare(DiagnosticKind::Empty)]);
    }
    let rubric: Rubric = yaml::from_str(text).map_err(|error| vec![classify(error)])?;
    let problems = rubric_check::check(&rubric);
    if problems.is_empty() {
        return Ok(rubric);
    }
    let locations = yaml::locate(text);
    Err(problems
        .into_iter()
        .map(|problem| Diagnostic {
            position: locations.find(&problem.path),
            kind: DiagnosticKind::Rule(problem),
        })
        .collect())
}

/// Turns the library's message into a kind the UI can explain in the user's language.
/// The library prefixes nested errors with their path (`sections[0].items[1]: …`).
fn classify(error: YamlError) -> Diagnostic {
    let message = error.message;
    let (within, rest) = match message.split_once(": ") {
        Some((path, rest)) if !path.contains(' ') => (Some(path.to_owned()), rest),
        _ => (None, message.as_str()),
    };
    let quoted = |text: &str| text.split('`').nth(1).unwrap_or_default().to_owned();
    let kind = if let Some(tail) = rest.strip_prefix("unknown field ") {
        let expected = tail
            .split_once("expected ")
            .map_or("", |(_, e)| e)
            .replace('`', "");
        DiagnosticKind::UnknownKey {
            within,
            key: quoted(tail),
            expected,
        }
    } else if let Some(tail) = rest.strip_prefix("missing field ") {
        DiagnosticKind::MissingKey {
            within,
            key: quoted(tail),
        }
    } else if rest.contains("repetition limit exceeded") {
        DiagnosticKind::AliasBomb
    } else if rest.starts_with("EOF while parsing") {
        DiagnosticKind::Empty
    } else if within.is_none() && rest.contains("expected struct Rubric") {
        DiagnosticKind::NotARubric
    } else {
        DiagnosticKind::Yaml { message }
    };
    Diagnostic {
        position: error.position,
        kind,
    }
}
