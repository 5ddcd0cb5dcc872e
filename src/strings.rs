//! Every user-facing sentence, one file per language ([`vi`], [`en`]). Both implement
//! [`Texts`], so a message added to one language and forgotten in the other does not compile.

mod en;
mod vi;

use rust_decimal::Decimal;

use crate::catalog::{FileProblem, FindError};
use crate::domain::rubric::{ItemKind, Lang};
use crate::domain::rubric_check::{ProblemKind, Subject};
use crate::domain::scoring::{Reason, Verdict};
use crate::rubric_file::DiagnosticKind;

/// Short labels used in listings and outlines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    Id,
    Version,
    Title,
    Items,
    /// After a count: "41 items".
    ItemsUnit,
    Total,
    Source,
    Basis,
    Notice,
    PassRule,
    Bands,
    Critical,
    NaAllowed,
    Guide,
    Points,
    Step,
    NoRubrics,
}

pub trait Texts: Sync {
    /// What `onsite` prints when run without a command, until the TUI lands.
    fn intro(&self) -> String;
    fn label(&self, label: Label) -> &'static str;
    fn item_kind(&self, kind: ItemKind) -> &'static str;
    fn verdict(&self, verdict: Verdict) -> &'static str;
    fn reason(&self, reason: &Reason) -> String;
    fn subject(&self, subject: &Subject) -> String;
    fn problem(&self, problem: &ProblemKind) -> String;
    fn diagnostic(&self, kind: &DiagnosticKind) -> String;
    fn file_problem_head(&self, problem: &FileProblem) -> String;
    fn find_error(&self, error: &FindError) -> String;
    /// `ok: ID VERSION (N items, total T)`.
    fn check_ok(&self, id: &str, version: &str, items: usize, total: Decimal) -> String;
    /// "pass at ≥ S points, each section ≥ P%".
    fn pass_rule(&self, min_score: Decimal, min_section_percent: Option<Decimal>) -> String;
}

pub fn texts(lang: Lang) -> &'static dyn Texts {
    match lang {
        Lang::Vi => &vi::Vi,
        Lang::En => &en::En,
    }
}

/// A number as people write it: `10`, `7.5`, never `10.0`.
pub fn num(value: Decimal) -> String {
    value.normalize().to_string()
}

/// Makes text from a file safe to print: control characters (ESC, CR, ...) are shown as
/// `\u{1b}` escapes instead of reaching the terminal. Newlines and tabs stay.
pub fn inert(text: &str) -> String {
    let mut safe = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() && c != '\n' && c != '\t' {
            safe.extend(c.escape_unicode());
        } else {
            safe.push(c);
        }
    }
    safe
}
