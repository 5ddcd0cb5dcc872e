//! Scoring a set of answers against a rubric: points, sections, verdict, band. Pure.
//!
//! Rules (docs/user-guide.md, "Scoring"): N/A items drop out of both earned and max, and the
//! score is rescaled to the rubric's nominal total, so N/A never penalises. Unanswered items
//! count 0, so a provisional score only grows as answers come in. Comparisons use exact
//! decimals; only display rounds (one decimal, half away from zero).

use std::collections::BTreeMap;

use rust_decimal::{Decimal, RoundingStrategy};

use super::answer::Answer;
use super::rubric::{Item, Rubric};

/// Answers of one visit, by item id.
pub type Answers = BTreeMap<String, Answer>;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Some items are still unanswered; the score is provisional.
    Incomplete,
    Pass,
    Fail,
}

/// One reason behind a verdict that is not a plain pass.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    Unanswered {
        count: usize,
    },
    ScoreBelowPass {
        score: Decimal,
        min: Decimal,
    },
    SectionBelowMinimum {
        section: String,
        percent: Decimal,
        min: Decimal,
    },
    CriticalFailed {
        item: String,
    },
    NothingApplicable,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionScore {
    pub id: String,
    pub earned: Decimal,
    /// The max of the items that are not N/A (unanswered ones included).
    pub applicable_max: Decimal,
    /// The section's max on paper, N/A items included.
    pub nominal_max: Decimal,
    /// earned / applicable max × 100; `None` when every item is N/A.
    pub percent: Option<Decimal>,
    pub answered: usize,
    pub item_count: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scorecard {
    pub sections: Vec<SectionScore>,
    pub earned: Decimal,
    pub applicable_max: Decimal,
    pub nominal_total: Decimal,
    /// earned / applicable max × nominal total, exact (round only to display).
    pub score: Decimal,
    pub answered: usize,
    pub item_count: usize,
    /// Unanswered item ids, in rubric order.
    pub unanswered: Vec<String>,
    /// Critical items answered with 0 points, in rubric order.
    pub failed_critical: Vec<String>,
    pub verdict: Verdict,
    pub reasons: Vec<Reason>,
    /// Index into the rubric's bands of the first band the score reaches; always `None`
    /// when the verdict is [`Verdict::Fail`] (provisional while [`Verdict::Incomplete`]).
    pub band: Option<usize>,
}

impl Scorecard {
    /// The score as shown and exported: one decimal, half away from zero.
    pub fn score_rounded(&self) -> Decimal {
        round1(self.score)
    }

    pub fn is_provisional(&self) -> bool {
        self.verdict == Verdict::Incomplete
    }
}

/// Rounds to one decimal, half away from zero.
pub fn round1(value: Decimal) -> Decimal {
    value
        .round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero)
        .normalize()
}

/// `part / whole × scale`, or `None` when nothing is applicable.
fn share(part: Decimal, whole: Decimal, scale: Decimal) -> Option<Decimal> {
    (!whole.is_zero()).then(|| part * scale / whole)
}

enum Outcome {
    Unanswered,
    NotApplicable,
    Earned(Decimal),
}

fn outcome(item: &Item, answers: &Answers) -> Outcome {
    match answers.get(&item.id) {
        None => Outcome::Unanswered,
        Some(Answer::NotApplicable) if item.na => Outcome::NotApplicable,
        Some(answer) => item
            .points_for(answer)
            .map_or(Outcome::Unanswered, Outcome::Earned),
    }
}

pub fn score(rubric: &Rubric, answers: &Answers) -> Scorecard {
    let mut card = Scorecard {
        sections: Vec::with_capacity(rubric.sections.len()),
        earned: Decimal::ZERO,
        applicable_max: Decimal::ZERO,
        nominal_total: rubric.nominal_total(),
        score: Decimal::ZERO,
        answered: 0,
        item_count: rubric.item_count(),
        unanswered: Vec::new(),
        failed_critical: Vec::new(),
        verdict: Verdict::Incomplete,
        reasons: Vec::new(),
        band: None,
    };
    for section in &rubric.sections {
        let mut sec = SectionScore {
            id: section.id.clone(),
            earned: Decimal::ZERO,
            applicable_max: Decimal::ZERO,
            nominal_max: section.max_points(),
            percent: None,
            answered: 0,
            item_count: section.items.len(),
        };
        for item in &section.items {
            match outcome(item, answers) {
                Outcome::Unanswered => {
                    sec.applicable_max += item.max_points();
                    card.unanswered.push(item.id.clone());
                }
                Outcome::NotApplicable => sec.answered += 1,
                Outcome::Earned(points) => {
                    sec.answered += 1;
                    sec.earned += points;
                    sec.applicable_max += item.max_points();
                    if item.critical && points.is_zero() {
                        card.failed_critical.push(item.id.clone());
                    }
                }
            }
        }
        sec.percent = share(sec.earned, sec.applicable_max, Decimal::ONE_HUNDRED);
        card.earned += sec.earned;
        card.applicable_max += sec.applicable_max;
        card.answered += sec.answered;
        card.sections.push(sec);
    }
    card.score = share(card.earned, card.applicable_max, card.nominal_total).unwrap_or_default();
    card.band = rubric
        .bands
        .iter()
        .position(|band| band.min_score <= card.score);
    card.reasons = reasons(rubric, &card);
    card.verdict = if !card.unanswered.is_empty() {
        Verdict::Incomplete
    } else if card.reasons.is_empty() {
        Verdict::Pass
    } else {
        Verdict::Fail
    };
    // A band must never praise a visit that fails ("Đạt chuẩn · KHÔNG ĐẠT"): a failed visit
    // has none, wherever it is shown. While incomplete the band is provisional, as the score.
    if card.verdict == Verdict::Fail {
        card.band = None;
    }
    card
}

/// Every reason the visit does not (yet) pass. While items are unanswered only the
/// definite ones are given: the count left and critical items already failed.
fn reasons(rubric: &Rubric, card: &Scorecard) -> Vec<Reason> {
    let mut reasons = Vec::new();
    let complete = card.unanswered.is_empty();
    if !complete {
        reasons.push(Reason::Unanswered {
            count: card.unanswered.len(),
        });
    } else if card.applicable_max.is_zero() {
        reasons.push(Reason::NothingApplicable);
    } else {
        if card.score < rubric.pass.min_score {
            reasons.push(Reason::ScoreBelowPass {
                score: card.score,
                min: rubric.pass.min_score,
            });
        }
        if let Some(min) = rubric.pass.min_section_percent {
            for section in &card.sections {
                if let Some(percent) = section.percent.filter(|percent| *percent < min) {
                    reasons.push(Reason::SectionBelowMinimum {
                        section: section.id.clone(),
                        percent,
                        min,
                    });
                }
            }
        }
    }
    reasons.extend(
        card.failed_critical
            .iter()
            .map(|item| Reason::CriticalFailed { item: item.clone() }),
    );
    reasons
}
