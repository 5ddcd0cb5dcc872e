//! Reading one rubric file: size limit, UTF-8, YAML, shape, then the rubric rules. Every
//! problem found comes back with its position, so `onsite rubric check` can print
//! `file:line:col: message` for each.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use crate::domain::rubric::Rubric;
use crate::domain::rubric_check::{self, Problem, ProblemKind, Subject};
use crate::yaml::{self, Locations, Position, YamlError};

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
    /// The same key twice in one mapping.
    DuplicateKey {
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
    // Windows Notepad starts UTF-8 files with a byte-order mark; it is not content.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let size = text.len() as u64;
    if size > MAX_RUBRIC_BYTES {
        let kind = DiagnosticKind::TooLarge {
            size,
            limit: MAX_RUBRIC_BYTES,
        };
        return Err(vec![Diagnostic::bare(kind)]);
    }
    if is_blank(text) {
        return Err(vec![Diagnostic::bare(DiagnosticKind::Empty)]);
    }
    let rubric: Rubric = yaml::from_str(text).map_err(|error| vec![classify(error, text)])?;
    let locations = yaml::locate(text);
    let mut problems = unquoted(&rubric, &locations);
    problems.extend(rubric_check::check(&rubric));
    if problems.is_empty() {
        return Ok(rubric);
    }
    Err(problems
        .into_iter()
        .map(|problem| Diagnostic {
            position: locations.find(&problem.path),
            kind: DiagnosticKind::Rule(problem),
        })
        .collect())
}

/// Nothing but blank lines, comments and document markers.
fn is_blank(text: &str) -> bool {
    text.lines()
        .map(str::trim)
        .all(|line| line.is_empty() || line.starts_with('#') || line == "---" || line == "...")
}

/// Values that must be written in quotes: a version or id that other YAML readers would take
/// as a number (`2025.10` → 2025.1, `1.10` → 1.1), and `~`/`null` where text is required.
fn unquoted(rubric: &Rubric, at: &Locations) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut check = |path: String, key: &'static str, subject: Subject, is_id: bool| {
        let Some(value) = at.plain(&path) else { return };
        let kind = if matches!(value, "~" | "null" | "Null" | "NULL" | "") {
            ProblemKind::Empty { key }
        } else if is_id && value.parse::<f64>().is_ok() {
            ProblemKind::NotQuoted {
                key,
                value: value.to_owned(),
            }
        } else {
            return;
        };
        problems.push(Problem {
            path,
            subject,
            kind,
        });
    };
    check("version".into(), "version", Subject::Rubric, true);
    check("title".into(), "title", Subject::Rubric, false);
    for (s, section) in rubric.sections.iter().enumerate() {
        let subject = || Subject::Section(section.id.clone());
        check(format!("sections.{s}.id"), "id", subject(), true);
        check(format!("sections.{s}.title"), "title", subject(), false);
        for (i, item) in section.items.iter().enumerate() {
            let subject = || Subject::Item(item.id.clone());
            check(format!("sections.{s}.items.{i}.id"), "id", subject(), true);
            check(
                format!("sections.{s}.items.{i}.text"),
                "text",
                subject(),
                false,
            );
        }
    }
    problems
}

/// Turns the library's message into a kind the UI can explain in the user's language.
/// The library prefixes nested errors with their path (`sections[0].items[1]: …`).
fn classify(error: YamlError, text: &str) -> Diagnostic {
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
            .trim_start_matches("one of ")
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
    } else if let Some(tail) = rest.strip_prefix("duplicate field ") {
        // The library points at the mapping; the second occurrence is what needs fixing.
        let key = quoted(tail);
        let position = yaml::locate(text).repeated(&key).or(error.position);
        return Diagnostic {
            position,
            kind: DiagnosticKind::DuplicateKey { within, key },
        };
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
