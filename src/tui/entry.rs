//! Typing a score with digits: what the keys typed so far mean for the current item.
//!
//! A digit commits at once when no longer number is possible (on a max-5 item, `4` is the
//! answer); otherwise digits build the number and Enter commits (`1`, `0` on a max-10 item).
//! `.` (or `,`, the Vietnamese decimal mark) starts half points. On a levels criterion a digit
//! means what it means on a points one wherever it can: see [`level_keys`]. Pure, so every
//! case is a table test.

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

/// The key of each level of a levels item, as (key, index into `item.levels`), in the
/// rubric's order. One digit means one thing on every kind of criterion: when the levels'
/// points are distinct whole numbers from 0 to 9, the key is the points awarded (`3` gives
/// the 3-point level, as on a points criterion). Otherwise the levels are numbered from 1 up
/// in order of their points, so a higher key is never a worse result than a lower one (levels
/// 3 / 1.5 / 0 get keys 3 / 2 / 1).
pub fn level_keys(item: &Item) -> Vec<(String, usize)> {
    let points: Vec<Decimal> = item.levels.iter().map(|level| level.points).collect();
    let whole_digits = points
        .iter()
        .all(|p| p.fract().is_zero() && *p >= Decimal::ZERO && *p <= Decimal::from(9));
    let distinct = points
        .iter()
        .enumerate()
        .all(|(i, p)| !points[..i].contains(p));
    if whole_digits && distinct {
        return points
            .iter()
            .enumerate()
            .map(|(index, p)| (p.normalize().to_string(), index))
            .collect();
    }
    let mut by_points: Vec<usize> = (0..points.len()).collect();
    // Stable: levels of equal points keep the rubric's order among themselves, reversed so
    // the first listed (the better, by convention) gets the higher key.
    by_points.reverse();
    by_points.sort_by(|a, b| points[*a].cmp(&points[*b]));
    let mut keys: Vec<(String, usize)> = by_points
        .iter()
        .enumerate()
        .map(|(rank, index)| ((rank + 1).to_string(), *index))
        .collect();
    keys.sort_by_key(|(_, index)| *index);
    keys
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
        ItemKind::Levels => {
            let keys = level_keys(item);
            let exact = keys.iter().find(|(key, _)| key == typed);
            let longer = keys
                .iter()
                .any(|(key, _)| key.len() > typed.len() && key.starts_with(typed));
            match (exact, longer) {
                (Some((_, index)), false) => Entry::Commit(Answer::Level(*index)),
                (_, true) => Entry::Pending,
                (None, false) => Entry::Invalid,
            }
        }
    }
}

/// What Enter does with `typed`: the answer if it is a complete one.
pub fn on_enter(item: &Item, typed: &str) -> Option<Answer> {
    match item.kind {
        ItemKind::Points => scores(item)
            .iter()
            .any(|score| score == typed)
            .then(|| Answer::Points(typed.parse().unwrap_or_default())),
        ItemKind::Levels => level_keys(item)
            .into_iter()
            .find(|(key, _)| key == typed)
            .map(|(_, index)| Answer::Level(index)),
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
        // Equal points: numbered, the first listed highest.
        assert_eq!(interpret(&levels, "3"), Entry::Commit(Answer::Level(0)));
        assert_eq!(interpret(&levels, "2"), Entry::Commit(Answer::Level(1)));
        assert_eq!(interpret(&levels, "4"), Entry::Invalid);
    }

    fn levels(points: &[&str]) -> Item {
        let mut item = points_item_for_levels();
        item.levels = points
            .iter()
            .map(|p| Level {
                label: format!("{p} điểm"),
                label_en: None,
                points: p.parse().unwrap(),
            })
            .collect();
        item
    }

    fn points_item_for_levels() -> Item {
        let mut item = points(0, None);
        item.kind = ItemKind::Levels;
        item.max = None;
        item
    }

    /// One digit, one meaning: the points where they are distinct whole digits, else a rank
    /// where a higher key is never worse.
    #[rstest]
    #[case::whole_points(&["3", "1", "0"], "3", Entry::Commit(Answer::Level(0)))]
    #[case::whole_points_zero(&["3", "1", "0"], "0", Entry::Commit(Answer::Level(2)))]
    #[case::whole_points_gap(&["3", "1", "0"], "2", Entry::Invalid)]
    #[case::half_points_best(&["3", "1.5", "0"], "3", Entry::Commit(Answer::Level(0)))]
    #[case::half_points_middle(&["3", "1.5", "0"], "2", Entry::Commit(Answer::Level(1)))]
    #[case::half_points_worst(&["3", "1.5", "0"], "1", Entry::Commit(Answer::Level(2)))]
    #[case::half_points_no_zero_key(&["3", "1.5", "0"], "0", Entry::Invalid)]
    #[case::ascending_listing(&["0", "2", "4"], "4", Entry::Commit(Answer::Level(2)))]
    #[case::over_nine(&["10", "5", "0"], "3", Entry::Commit(Answer::Level(0)))]
    fn a_levels_digit_means_points_or_a_rank(
        #[case] points: &[&str],
        #[case] typed: &str,
        #[case] expected: Entry,
    ) {
        assert_eq!(interpret(&levels(points), typed), expected);
    }
}
