//! The rules a rubric must follow beyond its shape: unique ids, sane maxima, steps, levels,
//! bands and pass scores. Returns every problem, each with the path of the key at fault.

use std::collections::{HashMap, HashSet};

use rust_decimal::Decimal;

use super::rubric::{FORMAT, Item, ItemKind, Rubric};
use super::unit::UnitKind;

/// What a problem is about, named as the user wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject {
    Rubric,
    Section(String),
    Item(String),
    Band(usize),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProblemKind {
    WrongFormat {
        found: String,
    },
    BadId {
        found: String,
    },
    Empty {
        key: &'static str,
    },
    /// An id or version written without quotes that YAML readers take as a number.
    NotQuoted {
        key: &'static str,
        value: String,
    },
    NoSections,
    NoItems,
    DuplicateSectionId,
    DuplicateItemId {
        first_section: String,
    },
    MaxMissing,
    MaxNotPositive {
        max: Decimal,
    },
    MaxOnLevels,
    StepNotPositive {
        step: Decimal,
    },
    StepNotHalf {
        step: Decimal,
    },
    StepNotDividing {
        step: Decimal,
        max: Decimal,
    },
    StepOnlyForPoints,
    LevelsOnlyForLevels,
    NoLevels,
    DuplicateLevel {
        label: String,
    },
    NegativeLevelPoints {
        label: String,
    },
    NegativeScore {
        score: Decimal,
    },
    ScoreAboveTotal {
        score: Decimal,
        total: Decimal,
    },
    BandsNotDescending {
        previous: Decimal,
        this: Decimal,
    },
    PercentOutOfRange {
        percent: Decimal,
    },
    /// A word of `unit_kinds` that names no unit kind.
    UnknownUnitKind {
        found: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Dotted path of the key at fault, e.g. `sections.1.items.0.max` (0-based indexes).
    pub path: String,
    pub subject: Subject,
    pub kind: ProblemKind,
}

fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

struct Checker {
    problems: Vec<Problem>,
}

impl Checker {
    fn push(&mut self, path: String, subject: &Subject, kind: ProblemKind) {
        self.problems.push(Problem {
            path,
            subject: subject.clone(),
            kind,
        });
    }
}

pub fn check(rubric: &Rubric) -> Vec<Problem> {
    let mut c = Checker {
        problems: Vec::new(),
    };
    let top = Subject::Rubric;
    if rubric.format != FORMAT {
        let found = rubric.format.clone();
        c.push("format".into(), &top, ProblemKind::WrongFormat { found });
    }
    if !is_valid_id(&rubric.id) {
        c.push(
            "id".into(),
            &top,
            ProblemKind::BadId {
                found: rubric.id.clone(),
            },
        );
    }
    for (key, value) in [("version", &rubric.version), ("title", &rubric.title)] {
        if value.trim().is_empty() {
            c.push(key.into(), &top, ProblemKind::Empty { key });
        }
    }
    for (k, word) in rubric.unit_kinds.iter().enumerate() {
        if UnitKind::named(word).is_none() {
            let found = word.clone();
            c.push(
                format!("unit_kinds.{k}"),
                &top,
                ProblemKind::UnknownUnitKind { found },
            );
        }
    }
    if rubric.sections.is_empty() {
        c.push("sections".into(), &top, ProblemKind::NoSections);
    }
    let mut section_ids = HashSet::new();
    let mut item_sections: HashMap<&str, &str> = HashMap::new();
    for (s, section) in rubric.sections.iter().enumerate() {
        let subject = Subject::Section(section.id.clone());
        let path = format!("sections.{s}");
        if section.id.trim().is_empty() {
            c.push(
                format!("{path}.id"),
                &subject,
                ProblemKind::Empty { key: "id" },
            );
        } else if !section_ids.insert(section.id.as_str()) {
            c.push(
                format!("{path}.id"),
                &subject,
                ProblemKind::DuplicateSectionId,
            );
        }
        if section.title.trim().is_empty() {
            c.push(
                format!("{path}.title"),
                &subject,
                ProblemKind::Empty { key: "title" },
            );
        }
        if section.items.is_empty() {
            c.push(format!("{path}.items"), &subject, ProblemKind::NoItems);
        }
        for (i, item) in section.items.iter().enumerate() {
            let path = format!("{path}.items.{i}");
            if let Some(first) = item_sections.get(item.id.as_str()) {
                let kind = ProblemKind::DuplicateItemId {
                    first_section: (*first).to_owned(),
                };
                c.push(format!("{path}.id"), &Subject::Item(item.id.clone()), kind);
            } else {
                item_sections.insert(&item.id, &section.id);
            }
            check_item(&mut c, &path, item);
        }
    }
    check_scores(&mut c, rubric);
    c.problems
}

fn check_item(c: &mut Checker, path: &str, item: &Item) {
    let subject = Subject::Item(item.id.clone());
    for (key, value) in [("id", &item.id), ("text", &item.text)] {
        if value.trim().is_empty() {
            c.push(
                format!("{path}.{key}"),
                &subject,
                ProblemKind::Empty { key },
            );
        }
    }
    if item.kind != ItemKind::Levels && !item.levels.is_empty() {
        c.push(
            format!("{path}.levels"),
            &subject,
            ProblemKind::LevelsOnlyForLevels,
        );
    }
    if item.kind != ItemKind::Points && item.step.is_some() {
        c.push(
            format!("{path}.step"),
            &subject,
            ProblemKind::StepOnlyForPoints,
        );
    }
    match item.kind {
        ItemKind::Points | ItemKind::Check => match item.max {
            None => c.push(path.to_owned(), &subject, ProblemKind::MaxMissing),
            Some(max) if max <= Decimal::ZERO => {
                c.push(
                    format!("{path}.max"),
                    &subject,
                    ProblemKind::MaxNotPositive { max },
                );
            }
            Some(max) if item.kind == ItemKind::Points => check_step(c, path, &subject, item, max),
            Some(_) => {}
        },
        ItemKind::Levels => check_levels(c, path, &subject, item),
    }
}

fn check_step(c: &mut Checker, path: &str, subject: &Subject, item: &Item, max: Decimal) {
    let step = item.step();
    let half = Decimal::new(5, 1);
    let kind = if step <= Decimal::ZERO {
        ProblemKind::StepNotPositive { step }
    } else if !(step % half).is_zero() {
        ProblemKind::StepNotHalf { step }
    } else if !(max % step).is_zero() {
        ProblemKind::StepNotDividing { step, max }
    } else {
        return;
    };
    let key = if item.step.is_some() { "step" } else { "max" };
    c.push(format!("{path}.{key}"), subject, kind);
}

fn check_levels(c: &mut Checker, path: &str, subject: &Subject, item: &Item) {
    if item.max.is_some() {
        c.push(format!("{path}.max"), subject, ProblemKind::MaxOnLevels);
    }
    if item.levels.is_empty() {
        c.push(path.to_owned(), subject, ProblemKind::NoLevels);
    }
    let mut labels = HashSet::new();
    for (l, level) in item.levels.iter().enumerate() {
        let path = format!("{path}.levels.{l}");
        let label = level.label.clone();
        if level.label.trim().is_empty() {
            c.push(
                format!("{path}.label"),
                subject,
                ProblemKind::Empty { key: "label" },
            );
        } else if !labels.insert(level.label.trim()) {
            c.push(
                format!("{path}.label"),
                subject,
                ProblemKind::DuplicateLevel { label },
            );
        } else if level.points < Decimal::ZERO {
            c.push(
                format!("{path}.points"),
                subject,
                ProblemKind::NegativeLevelPoints { label },
            );
        }
    }
}

fn check_scores(c: &mut Checker, rubric: &Rubric) {
    let total = rubric.nominal_total();
    let check_score = |c: &mut Checker, path: String, subject: &Subject, score: Decimal| {
        if score < Decimal::ZERO {
            c.push(path, subject, ProblemKind::NegativeScore { score });
        } else if score > total {
            c.push(path, subject, ProblemKind::ScoreAboveTotal { score, total });
        }
    };
    check_score(
        c,
        "pass.min_score".into(),
        &Subject::Rubric,
        rubric.pass.min_score,
    );
    if let Some(percent) = rubric.pass.min_section_percent
        && (percent < Decimal::ZERO || percent > Decimal::ONE_HUNDRED)
    {
        let path = "pass.min_section_percent".into();
        c.push(
            path,
            &Subject::Rubric,
            ProblemKind::PercentOutOfRange { percent },
        );
    }
    for (b, band) in rubric.bands.iter().enumerate() {
        let subject = Subject::Band(b + 1);
        let path = format!("bands.{b}");
        if band.label.trim().is_empty() {
            c.push(
                format!("{path}.label"),
                &subject,
                ProblemKind::Empty { key: "label" },
            );
        }
        check_score(c, format!("{path}.min_score"), &subject, band.min_score);
        if let Some(previous) = b.checked_sub(1).map(|p| rubric.bands[p].min_score)
            && band.min_score >= previous
        {
            let kind = ProblemKind::BandsNotDescending {
                previous,
                this: band.min_score,
            };
            c.push(format!("{path}.min_score"), &subject, kind);
        }
    }
}
