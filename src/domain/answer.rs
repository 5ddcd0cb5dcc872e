//! An inspector's answer to one rubric item, and whether it fits that item.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

use super::rubric::{Item, ItemKind};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    /// A points item's score.
    Points(Decimal),
    /// A check item met (đạt).
    Pass,
    /// A check item not met (không đạt).
    Fail,
    /// A levels item's level, by its position in the rubric (0 = the first listed).
    Level(usize),
    /// Not applicable here; counts in neither points nor max.
    NotApplicable,
}

/// Why an answer does not fit an item. The answer is refused and nothing changes.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AnswerError {
    #[error("this item is answered as {expected:?}")]
    WrongKind { expected: ItemKind },
    #[error("the score must be between 0 and {max}")]
    OutOfRange { max: Decimal },
    #[error("the score must be a multiple of {step}")]
    NotAStep { step: Decimal },
    #[error("this item may not be marked not applicable")]
    NaNotAllowed,
    #[error("this item has only {count} levels")]
    NoSuchLevel { count: usize },
}

impl Item {
    /// Checks that `answer` is one this item accepts.
    pub fn accepts(&self, answer: &Answer) -> Result<(), AnswerError> {
        let wrong_kind = Err(AnswerError::WrongKind {
            expected: self.kind,
        });
        match (self.kind, answer) {
            (_, Answer::NotApplicable) if self.na => Ok(()),
            (_, Answer::NotApplicable) => Err(AnswerError::NaNotAllowed),
            (ItemKind::Points, Answer::Points(score)) => {
                let max = self.max_points();
                if *score < Decimal::ZERO || *score > max {
                    Err(AnswerError::OutOfRange { max })
                } else if !(*score % self.step()).is_zero() {
                    Err(AnswerError::NotAStep { step: self.step() })
                } else {
                    Ok(())
                }
            }
            (ItemKind::Check, Answer::Pass | Answer::Fail) => Ok(()),
            (ItemKind::Levels, Answer::Level(index)) if *index < self.levels.len() => Ok(()),
            (ItemKind::Levels, Answer::Level(_)) => Err(AnswerError::NoSuchLevel {
                count: self.levels.len(),
            }),
            _ => wrong_kind,
        }
    }

    /// Points earned by an answer this item accepts; `None` for N/A or an answer that does
    /// not fit (which scoring then treats as unanswered rather than guessing).
    pub fn points_for(&self, answer: &Answer) -> Option<Decimal> {
        if self.accepts(answer).is_err() {
            return None;
        }
        match answer {
            Answer::Points(score) => Some(*score),
            Answer::Pass => Some(self.max_points()),
            Answer::Fail => Some(Decimal::ZERO),
            Answer::Level(index) => self.levels.get(*index).map(|level| level.points),
            Answer::NotApplicable => None,
        }
    }
}

/// Why a typed value is not an answer to an item.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseAnswerError {
    #[error("expected a number such as 7 or 7.5")]
    NotANumber,
    #[error("expected pass or fail")]
    NotPassFail,
    #[error("expected a level number 1..{count} or a level's name")]
    NotALevel { count: usize },
}

/// What the user typed for an item: an answer, or a request to clear it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Typed {
    Answer(Answer),
    Clear,
}

fn is_one_of(text: &str, words: &[&str]) -> bool {
    words.contains(&text)
}

impl Item {
    /// Reads a value as typed on the command line: a number (`7.5` or `7,5`), `pass`/`fail`
    /// (also `đạt`/`không đạt`), a level number `1..k` or name, `na`, or `clear`.
    /// Whether the answer fits the item's range is [`Item::accepts`]'s job.
    pub fn parse_answer(&self, text: &str) -> Result<Typed, ParseAnswerError> {
        // NFC first: keyboards and pasted text may spell `đạt` with combining accents.
        let text: String = text.trim().to_lowercase().nfc().collect();
        if is_one_of(
            &text,
            &["na", "n/a", "không áp dụng", "khong ap dung", "kad"],
        ) {
            return Ok(Typed::Answer(Answer::NotApplicable));
        }
        if is_one_of(&text, &["clear", "-", "xóa", "xoá", "xoa"]) {
            return Ok(Typed::Clear);
        }
        let answer = match self.kind {
            ItemKind::Points => {
                let number = text.replace(',', ".");
                // Plain decimals only: `1e1` is not a score anyone types on purpose.
                let digits = number.strip_prefix('-').unwrap_or(&number);
                if !digits.chars().all(|c| c.is_ascii_digit() || c == '.') {
                    return Err(ParseAnswerError::NotANumber);
                }
                let score = number
                    .parse::<Decimal>()
                    .map_err(|_| ParseAnswerError::NotANumber)?;
                Answer::Points(score.normalize())
            }
            ItemKind::Check => {
                if is_one_of(&text, &["pass", "đạt", "dat", "1", "yes", "có", "co"]) {
                    Answer::Pass
                } else if is_one_of(
                    &text,
                    &["fail", "không đạt", "khong dat", "0", "no", "không"],
                ) {
                    Answer::Fail
                } else {
                    return Err(ParseAnswerError::NotPassFail);
                }
            }
            ItemKind::Levels => {
                let count = self.levels.len();
                let by_number = text
                    .parse::<usize>()
                    .ok()
                    .filter(|n| (1..=count).contains(n));
                let by_label = || {
                    self.levels.iter().position(|level| {
                        level.label.to_lowercase() == text
                            || level
                                .label_en
                                .as_ref()
                                .is_some_and(|en| en.to_lowercase() == text)
                    })
                };
                match by_number.map(|n| n - 1).or_else(by_label) {
                    Some(index) => Answer::Level(index),
                    None => return Err(ParseAnswerError::NotALevel { count }),
                }
            }
        };
        Ok(Typed::Answer(answer))
    }
}
