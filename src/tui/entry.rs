//! Typing a score with digits: what the keys typed so far mean for the current item.
//!
//! A digit commits at once when no longer number is possible (on a max-5 item, `4` is the
//! answer); otherwise digits build the number and Enter commits (`1`, `0` on a max-10 item).
//! `.` starts half points. Pure, so every case is a table test.

use rust_decimal::Decimal;

use crate::domain::answer::Answer;
use crate::domain::rubric::{Item, ItemKind};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    /// Commit this answer now.
    Commit(Answer),
    /// Keep the typed text and wait for more (or Enter).
    Pending,
    /// No answer of this item starts like this.
    Invalid,
}

/// Every score a points item accepts, as the user would type it (`0`, `0.5`, ..., `10`).
fn scores(item: &Item) -> Vec<String> {
    let step = item.step();
    let max = item.max_points();
    if step <= Decimal::ZERO {
        return Vec::new();
    }
    let mut all = Vec::new();
    let mut score = Decimal::ZERO;
    while score <= max {
        all.push(score.normalize().to_string());
        score += step;
    }
    all
}

/// What `typed` (digits and at most one `.`) means for `item`.
pub fn interpret(item: &Item, typed: &str) -> Entry {
    match item.kind {
        ItemKind::Points => {
            let all = scores(item);
            let exact = all.iter().any(|score| score == typed);
            let longer = all
                .iter()
                .any(|score| score.len() > typed.len() && score.starts_with(typed));
            match (exact, longer) {
                (true, false) => Entry::Commit(Answer::Points(typed.parse().unwrap_or_default())),
                (_, true) => Entry::Pending,
                (false, false) => Entry::Invalid,
            }
        }
        ItemKind::Check => match typed {
            "1" => Entry::Commit(Answer::Pass),
            "0" => Entry::Commit(Answer::Fail),
            _ => Entry::Invalid,
        },
        ItemKind::Levels => match typed.parse::<usize>() {
            Ok(n) if (1..=item.levels.len()).contains(&n) => {
                if item.levels.len() >= 10 && n * 10 <= item.levels.len() {
                    Entry::Pending
                } else {
                    Entry::Commit(Answer::Level(n - 1))
                }
            }
            _ => Entry::Invalid,
        },
    }
}

/// What Enter does with `typed`: the answer if it is a complete one.
pub fn on_enter(item: &Item, typed: &str) -> Option<Answer> {
    match item.kind {
        ItemKind::Points => scores(item)
            .iter()
            .any(|score| score == typed)
            .then(|| Answer::Points(typed.parse().unwrap_or_default())),
        ItemKind::Levels => match typed.parse::<usize>() {
            Ok(n) if (1..=item.levels.len()).contains(&n) => Some(Answer::Level(n - 1)),
            _ => None,
        },
        ItemKind::Check => match interpret(item, typed) {
            Entry::Commit(answer) => Some(answer),
            _ => None,
        },
    }
}

#[cfg(test)]
mod tests {
    use rstest::rstest;

    use super::*;
    use crate::domain::rubric::Level;

    fn points(max: i64, step: Option<&str>) -> Item {
        Item {
            id: "1".into(),
            text: "t".into(),
            text_en: None,
            guide: None,
            guide_en: None,
            basis: None,
            basis_en: None,
            kind: ItemKind::Points,
            max: Some(Decimal::from(max)),
            step: step.map(|s| s.parse().unwrap()),
            levels: Vec::new(),
            critical: false,
            na: false,
        }
    }

    fn pts(text: &str) -> Entry {
        Entry::Commit(Answer::Points(text.parse().unwrap()))
    }

    #[rstest]
    #[case(points(5, None), "4", pts("4"))]
    #[case(points(5, None), "5", pts("5"))]
    #[case(points(5, None), "6", Entry::Invalid)]
    #[case(points(10, None), "1", Entry::Pending)]
    #[case(points(10, None), "10", pts("10"))]
    #[case(points(10, None), "2", pts("2"))]
    #[case(points(10, None), "11", Entry::Invalid)]
    #[case(points(5, Some("0.5")), "4", Entry::Pending)]
    #[case(points(5, Some("0.5")), "4.", Entry::Pending)]
    #[case(points(5, Some("0.5")), "4.5", pts("4.5"))]
    #[case(points(5, Some("0.5")), "5", pts("5"))]
    #[case(points(5, Some("0.5")), "4.3", Entry::Invalid)]
    fn digits_commit_as_soon_as_nothing_longer_fits(
        #[case] item: Item,
        #[case] typed: &str,
        #[case] expected: Entry,
    ) {
        assert_eq!(interpret(&item, typed), expected);
    }

    #[test]
    fn enter_commits_a_pending_number() {
        assert_eq!(
            on_enter(&points(10, None), "1"),
            Some(Answer::Points(Decimal::ONE))
        );
        assert_eq!(on_enter(&points(5, Some("0.5")), "4."), None);
    }

    #[test]
    fn check_and_levels_take_one_key() {
        let mut check = points(2, None);
        check.kind = ItemKind::Check;
        assert_eq!(interpret(&check, "1"), Entry::Commit(Answer::Pass));
        assert_eq!(interpret(&check, "0"), Entry::Commit(Answer::Fail));
        assert_eq!(interpret(&check, "2"), Entry::Invalid);
        let mut levels = points(0, None);
        levels.kind = ItemKind::Levels;
        levels.max = None;
        levels.levels = ["Tốt", "Khá", "Kém"]
            .iter()
            .map(|label| Level {
                label: (*label).into(),
                label_en: None,
                points: Decimal::ONE,
            })
            .collect();
        assert_eq!(interpret(&levels, "2"), Entry::Commit(Answer::Level(1)));
        assert_eq!(interpret(&levels, "4"), Entry::Invalid);
    }
}
