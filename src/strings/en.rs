//! English texts.

use rust_decimal::Decimal;

use super::{Label, Texts, num};
use crate::catalog::{FileProblem, FindError};
use crate::domain::rubric::{FORMAT, ItemKind};
use crate::domain::rubric_check::{ProblemKind, Subject};
use crate::domain::scoring::{Reason, Verdict, round1};
use crate::rubric_file::DiagnosticKind;

pub struct En;

impl Texts for En {
    fn intro(&self) -> String {
        format!(
            "onsite {}: score a workplace-culture inspection.\n\
             The scoring screen is not built yet. Available now:\n\
             \x20 onsite rubric list          the rubrics you can score against\n\
             \x20 onsite rubric show ID       one rubric as an outline\n\
             \x20 onsite rubric check FILE    check a rubric file you wrote\n\
             Add --lang vi for Vietnamese; onsite --help for everything.",
            env!("CARGO_PKG_VERSION")
        )
    }

    fn label(&self, label: Label) -> &'static str {
        match label {
            Label::Id => "id",
            Label::Version => "version",
            Label::Title => "title",
            Label::Items => "items",
            Label::ItemsUnit => "items",
            Label::Total => "total",
            Label::Source => "source",
            Label::Basis => "basis",
            Label::Notice => "notice",
            Label::PassRule => "pass",
            Label::Bands => "bands",
            Label::Critical => "critical",
            Label::NaAllowed => "N/A allowed",
            Label::Guide => "guide",
            Label::Points => "points",
            Label::Step => "step",
            Label::NoRubrics => "no rubrics available",
        }
    }

    fn item_kind(&self, kind: ItemKind) -> &'static str {
        match kind {
            ItemKind::Points => "points",
            ItemKind::Check => "pass/fail",
            ItemKind::Levels => "levels",
        }
    }

    fn verdict(&self, verdict: Verdict) -> &'static str {
        match verdict {
            Verdict::Incomplete => "incomplete",
            Verdict::Pass => "pass",
            Verdict::Fail => "fail",
        }
    }

    fn reason(&self, reason: &Reason) -> String {
        match reason {
            Reason::Unanswered { count } => format!("{count} items not yet answered"),
            Reason::ScoreBelowPass { score, min } => format!(
                "score {} is below the pass mark {}",
                num(round1(*score)),
                num(*min)
            ),
            Reason::SectionBelowMinimum {
                section,
                percent,
                min,
            } => format!(
                "section {section} reached {}%, below the minimum {}%",
                num(round1(*percent)),
                num(*min)
            ),
            Reason::CriticalFailed { item } => format!("critical item {item} failed"),
            Reason::NothingApplicable => "every item is marked N/A: nothing to score".into(),
        }
    }

    fn subject(&self, subject: &Subject) -> String {
        match subject {
            Subject::Rubric => String::new(),
            Subject::Section(id) => format!("section \"{id}\": "),
            Subject::Item(id) => format!("item \"{id}\": "),
            Subject::Band(n) => format!("band {n}: "),
        }
    }

    fn problem(&self, problem: &ProblemKind) -> String {
        match problem {
            ProblemKind::WrongFormat { found } => {
                format!("format is \"{found}\"; this file must start with `format: {FORMAT}`")
            }
            ProblemKind::BadId { found } => format!(
                "id \"{found}\" may use only lowercase letters a-z, digits and '-' \
                 (e.g. co-quan-dat-chuan-van-hoa)"
            ),
            ProblemKind::Empty { key } => format!("{key} is empty; write it out"),
            ProblemKind::NoSections => "there are no sections; add at least one".into(),
            ProblemKind::NoItems => "the section has no items; add at least one".into(),
            ProblemKind::DuplicateSectionId => {
                "this section id is used twice; give each section its own id".into()
            }
            ProblemKind::DuplicateItemId { first_section } => format!(
                "this item id is already used in section \"{first_section}\"; item ids must be \
                 unique in the rubric"
            ),
            ProblemKind::MaxMissing => "max is missing; give the most points it can earn".into(),
            ProblemKind::MaxNotPositive { max } => {
                format!("max must be > 0 (it is {})", num(*max))
            }
            ProblemKind::MaxOnLevels => {
                "a levels item takes its max from its best level; remove max".into()
            }
            ProblemKind::StepNotPositive { step } => {
                format!("step must be > 0 (it is {})", num(*step))
            }
            ProblemKind::StepNotHalf { step } => format!(
                "step {} is not a multiple of 0.5; use 0.5, 1, 2, ...",
                num(*step)
            ),
            ProblemKind::StepNotDividing { step, max } => format!(
                "step {} does not divide max {}; change one so max is a whole number of steps",
                num(*step),
                num(*max)
            ),
            ProblemKind::StepOnlyForPoints => "step applies only to points items; remove it".into(),
            ProblemKind::LevelsOnlyForLevels => {
                "levels apply only to `kind: levels` items; set the kind or remove levels".into()
            }
            ProblemKind::NoLevels => "a levels item needs a list of levels".into(),
            ProblemKind::DuplicateLevel { label } => {
                format!("level \"{label}\" is listed twice")
            }
            ProblemKind::NegativeLevelPoints { label } => {
                format!("level \"{label}\" has negative points")
            }
            ProblemKind::NegativeScore { score } => {
                format!("min_score {} is negative", num(*score))
            }
            ProblemKind::ScoreAboveTotal { score, total } => format!(
                "min_score {} is above the rubric's total {} (the sum of all item max); \
                 no visit could reach it",
                num(*score),
                num(*total)
            ),
            ProblemKind::BandsNotDescending { previous, this } => format!(
                "min_score {} is not below the band above it ({}); list bands from the \
                 highest score down",
                num(*this),
                num(*previous)
            ),
            ProblemKind::PercentOutOfRange { percent } => {
                format!(
                    "min_section_percent {} must be between 0 and 100",
                    num(*percent)
                )
            }
        }
    }

    fn diagnostic(&self, kind: &DiagnosticKind) -> String {
        match kind {
            DiagnosticKind::Unreadable { reason } => format!("cannot read the file: {reason}"),
            DiagnosticKind::TooLarge { size, limit } => format!(
                "the file is {size} bytes, over the {limit}-byte limit for a rubric; is this \
                 the right file?"
            ),
            DiagnosticKind::NotUtf8 => "the file is not UTF-8 text; save it as UTF-8".into(),
            DiagnosticKind::Empty => {
                format!("the file is empty; a rubric starts with `format: {FORMAT}`")
            }
            DiagnosticKind::NotARubric => format!(
                "this is not a rubric: expected keys such as `format: {FORMAT}`, `id:`, \
                 `sections:` (see rubrics/README.md)"
            ),
            DiagnosticKind::UnknownKey {
                within,
                key,
                expected,
            } => format!(
                "{}unknown key \"{key}\"; allowed here: {expected}",
                within
                    .as_ref()
                    .map(|w| format!("{w}: "))
                    .unwrap_or_default()
            ),
            DiagnosticKind::MissingKey { within, key } => format!(
                "{}the required key \"{key}\" is missing",
                within
                    .as_ref()
                    .map(|w| format!("{w}: "))
                    .unwrap_or_default()
            ),
            DiagnosticKind::AliasBomb => {
                "the file expands YAML aliases too many times; refused (write the values out)"
                    .into()
            }
            DiagnosticKind::Yaml { message } if message.contains("expected a string") => {
                format!("{message} (put quotes around ids and versions, e.g. version: \"2025.1\")")
            }
            DiagnosticKind::Yaml { message } => message.clone(),
            DiagnosticKind::Rule(problem) => {
                format!(
                    "{}{}",
                    self.subject(&problem.subject),
                    self.problem(&problem.kind)
                )
            }
        }
    }

    fn file_problem_head(&self, problem: &FileProblem) -> String {
        match problem {
            FileProblem::Invalid { origin, .. } => format!("{origin}: not loaded"),
            FileProblem::Duplicate {
                origin,
                id,
                version,
                first,
            } => format!(
                "{origin}: rubric {id} version {version} is already provided by {first}; \
                 bump the version or change the id"
            ),
            FileProblem::UnreadableFolder { folder, reason } => {
                format!(
                    "{}: cannot read the rubrics folder: {reason}",
                    folder.display()
                )
            }
        }
    }

    fn find_error(&self, error: &FindError) -> String {
        match error {
            FindError::NotFound { query, known } => format!(
                "no rubric \"{query}\"; available: {} (see `onsite rubric list`)",
                known.join(", ")
            ),
            FindError::Ambiguous { query, versions } => format!(
                "rubric \"{query}\" exists in versions {}; name one as {query}@VERSION",
                versions.join(", ")
            ),
        }
    }

    fn check_ok(&self, id: &str, version: &str, items: usize, total: Decimal) -> String {
        format!("ok: {id} {version} ({items} items, total {})", num(total))
    }

    fn pass_rule(&self, min_score: Decimal, min_section_percent: Option<Decimal>) -> String {
        let mut rule = format!("score ≥ {}", num(min_score));
        if let Some(percent) = min_section_percent {
            rule.push_str(&format!(", each section ≥ {}%", num(percent)));
        }
        rule.push_str(", no critical item failed");
        rule
    }
}
