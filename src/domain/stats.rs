//! The summary of many visits scored against one rubric (`onsite stats`, issue 19). Pure.
//!
//! Visits of different rubrics are never mixed: [`summarize`] takes the visits of one rubric
//! id, in any of its versions. Items and sections are matched by id across versions; an item
//! absent from a visit's version counts as not applicable there. The order (and the text, the
//! max, whether critical) is the newest version's, then items only older versions have.

use std::cmp::Ordering;

use jiff::civil::Date;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::rubric::{Item, Rubric};
use super::scoring::{self, Answers, Verdict, round1};
use super::unit::UnitKind;
use super::visit::{Status, Visit};

/// One visit to count: its header, its answers and the exact rubric version it was scored on.
pub struct Counted<'a> {
    pub visit: &'a Visit,
    pub answers: &'a Answers,
    pub rubric: &'a Rubric,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stats {
    pub rubric_id: String,
    /// The newest version's title.
    pub title: String,
    /// Oldest first (see [`version_order`]).
    pub versions: Vec<String>,
    /// The newest version's nominal total (what a score is out of) and pass score, for the
    /// page's distribution of scores.
    pub out_of: Decimal,
    pub pass_score: Decimal,
    pub total: usize,
    pub pass: usize,
    pub fail: usize,
    pub incomplete: usize,
    /// Of the visits' scores, each rounded as shown; `None` without visits.
    pub score: Option<Spread>,
    pub sections: Vec<SectionStats>,
    pub items: Vec<ItemStats>,
    /// Up to [`WEAKEST`] item ids, lowest mean percent first, ties by rubric order.
    pub weakest: Vec<String>,
    /// Newest first.
    pub units: Vec<UnitRow>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spread {
    pub mean: Decimal,
    pub median: Decimal,
    pub min: Decimal,
    pub max: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionStats {
    pub id: String,
    pub title: String,
    /// The mean of the visits' section percents (visits where all of it was N/A left out).
    pub mean_percent: Option<Decimal>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemStats {
    pub id: String,
    pub text: String,
    /// Answered and applicable.
    pub answered: usize,
    /// Answered N/A, or absent from the visit's rubric version.
    pub na: usize,
    pub mean_points: Option<Decimal>,
    pub max: Decimal,
    /// `mean_points / max × 100`; with versions of different maxima, the mean of each answer's
    /// share of its own version's max.
    pub mean_percent: Option<Decimal>,
    /// Answers earning 0 points (a failed check included).
    pub zero: usize,
    pub critical: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitRow {
    pub visit: String,
    pub date: Date,
    pub unit: String,
    pub kind: UnitKind,
    pub status: Status,
    /// Rounded as shown.
    pub score: Decimal,
    pub verdict: Verdict,
    /// Critical items (điểm liệt) answered with 0 points, in rubric order.
    pub failed_mandatory: Vec<String>,
}

/// How many items `weakest` names at most.
pub const WEAKEST: usize = 5;

/// Which visits a summary counts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub rubric: Option<String>,
    pub from: Option<Date>,
    pub to: Option<Date>,
    pub kind: Option<UnitKind>,
    /// Drafts too (otherwise finalized visits only).
    pub drafts: bool,
}

impl Filter {
    /// Whether a (not deleted) visit is counted.
    pub fn keeps(&self, rubric_id: &str, date: Date, kind: UnitKind, status: Status) -> bool {
        self.rubric.as_deref().is_none_or(|id| id == rubric_id)
            && self.from.is_none_or(|from| date >= from)
            && self.to.is_none_or(|to| date <= to)
            && self.kind.is_none_or(|k| k == kind)
            && (self.drafts || status == Status::Finalized)
    }
}

/// Versions in the order they were made: digit runs compare as numbers (`2024.2` before
/// `2024.10`), the rest as text.
pub fn version_order(a: &str, b: &str) -> Ordering {
    fn parts(text: &str) -> Vec<(bool, &str)> {
        let mut parts = Vec::new();
        let mut start = 0;
        let bytes = text.as_bytes();
        for i in 1..=bytes.len() {
            if i == bytes.len() || bytes[i].is_ascii_digit() != bytes[start].is_ascii_digit() {
                parts.push((bytes[start].is_ascii_digit(), &text[start..i]));
                start = i;
            }
        }
        parts
    }
    let (pa, pb) = (parts(a), parts(b));
    for ((da, xa), (db, xb)) in pa.iter().zip(&pb) {
        let order = if *da && *db {
            let (ta, tb) = (xa.trim_start_matches('0'), xb.trim_start_matches('0'));
            ta.len().cmp(&tb.len()).then_with(|| ta.cmp(tb))
        } else {
            xa.cmp(xb)
        };
        if order != Ordering::Equal {
            return order;
        }
    }
    pa.len().cmp(&pb.len()).then_with(|| a.cmp(b))
}

/// The summary of `visits`, all of one rubric id (the caller groups them; see [`Filter`]).
/// `None` when there are none.
pub fn summarize(visits: &[Counted<'_>]) -> Option<Stats> {
    let first = visits.first()?;
    let mut rubrics: Vec<&Rubric> = Vec::new();
    for counted in visits {
        if !rubrics.iter().any(|r| r.version == counted.rubric.version) {
            rubrics.push(counted.rubric);
        }
    }
    rubrics.sort_by(|a, b| version_order(&a.version, &b.version));
    let (items, sections) = layout(&rubrics);
    let newest = rubrics.last().copied().unwrap_or(first.rubric);

    let mut stats = Stats {
        rubric_id: first.rubric.id.clone(),
        title: newest.title.clone(),
        versions: rubrics.iter().map(|r| r.version.clone()).collect(),
        out_of: newest.nominal_total(),
        pass_score: newest.pass.min_score,
        total: visits.len(),
        pass: 0,
        fail: 0,
        incomplete: 0,
        score: None,
        sections: Vec::new(),
        items: Vec::new(),
        weakest: Vec::new(),
        units: Vec::new(),
    };
    let mut tallies: Vec<Tally> = items.iter().map(|_| Tally::default()).collect();
    let mut section_percents: Vec<Vec<Decimal>> = sections.iter().map(|_| Vec::new()).collect();
    let mut scores = Vec::with_capacity(visits.len());
    for counted in visits {
        let card = scoring::score(counted.rubric, counted.answers);
        match card.verdict {
            Verdict::Pass => stats.pass += 1,
            Verdict::Fail => stats.fail += 1,
            Verdict::Incomplete => stats.incomplete += 1,
        }
        for (index, (id, _)) in items.iter().enumerate() {
            tallies[index].add(counted.rubric.item(id), counted.answers.get(id.as_str()));
        }
        for (index, (id, _)) in sections.iter().enumerate() {
            let percent = card
                .sections
                .iter()
                .find(|s| s.id == *id)
                .and_then(|s| s.percent);
            section_percents[index].extend(percent);
        }
        let score = card.score_rounded();
        scores.push(score);
        stats.units.push(UnitRow {
            visit: counted.visit.id.clone(),
            date: counted.visit.date,
            unit: counted.visit.unit.name.clone(),
            kind: counted.visit.unit.kind,
            status: counted.visit.status,
            score,
            verdict: card.verdict,
            failed_mandatory: card.failed_critical,
        });
    }
    stats.score = spread(&mut scores);
    stats.sections = sections
        .iter()
        .zip(&section_percents)
        .map(|((id, title), percents)| SectionStats {
            id: id.clone(),
            title: title.clone(),
            mean_percent: mean(percents).map(round1),
        })
        .collect();
    stats.items = items
        .iter()
        .zip(&tallies)
        .map(|((_, item), tally)| tally.finish(item))
        .collect();
    let mut ranked: Vec<(usize, Decimal)> = stats
        .items
        .iter()
        .enumerate()
        .filter(|(_, item)| item.answered > 0)
        .filter_map(|(index, item)| Some((index, item.mean_percent?)))
        .collect();
    ranked.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
    stats.weakest = ranked
        .iter()
        .take(WEAKEST)
        .map(|(index, _)| stats.items[*index].id.clone())
        .collect();
    // Newest first: by date, then by id (ULIDs sort by creation time).
    stats
        .units
        .sort_by(|a, b| b.date.cmp(&a.date).then_with(|| b.visit.cmp(&a.visit)));
    Some(stats)
}

/// One bar of the distribution of scores: visits scoring from `from` up to (not including)
/// `to`; the last bar includes its `to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bin {
    pub from: Decimal,
    pub to: Decimal,
    pub visits: usize,
}

/// The visits' scores in `bins` equal bands from 0 to the newest version's nominal total
/// (a score outside lands in the nearest band).
pub fn distribution(stats: &Stats, bins: usize) -> Vec<Bin> {
    if bins == 0 || stats.out_of <= Decimal::ZERO {
        return Vec::new();
    }
    let width = stats.out_of / Decimal::from(bins);
    let mut out: Vec<Bin> = (0..bins)
        .map(|n| Bin {
            from: width * Decimal::from(n),
            to: width * Decimal::from(n + 1),
            visits: 0,
        })
        .collect();
    for unit in &stats.units {
        let index = (unit.score / width)
            .floor()
            .max(Decimal::ZERO)
            .to_usize()
            .unwrap_or(0)
            .min(bins - 1);
        out[index].visits += 1;
    }
    out
}

/// Items (id, the newest version's item) and sections (id, title) of every version.
type Layout<'r> = (Vec<(String, &'r Item)>, Vec<(String, String)>);

/// Items (id and the newest version's item) and sections (id, title) of every version: the
/// newest version's order, then what only older ones have, newest of them first.
fn layout<'r>(rubrics: &[&'r Rubric]) -> Layout<'r> {
    let mut items: Vec<(String, &Item)> = Vec::new();
    let mut sections: Vec<(String, String)> = Vec::new();
    for rubric in rubrics.iter().rev() {
        for section in &rubric.sections {
            if !sections.iter().any(|(id, _)| *id == section.id) {
                sections.push((section.id.clone(), section.title.clone()));
            }
            for item in &section.items {
                if !items.iter().any(|(id, _)| *id == item.id) {
                    items.push((item.id.clone(), item));
                }
            }
        }
    }
    (items, sections)
}

#[derive(Default)]
struct Tally {
    answered: usize,
    na: usize,
    zero: usize,
    points: Decimal,
    /// Each answer's share of its version's max, summed (for `mean_percent`).
    shares: Decimal,
    /// Answers whose version gave the item no points to earn (max 0): no share.
    shareless: usize,
}

impl Tally {
    fn add(&mut self, item: Option<&Item>, answer: Option<&super::answer::Answer>) {
        let Some(item) = item else {
            self.na += 1;
            return;
        };
        let Some(answer) = answer else { return };
        if *answer == super::answer::Answer::NotApplicable && item.na {
            self.na += 1;
            return;
        }
        let Some(points) = item.points_for(answer) else {
            return;
        };
        self.answered += 1;
        self.points += points;
        if points.is_zero() {
            self.zero += 1;
        }
        let max = item.max_points();
        if max.is_zero() {
            self.shareless += 1;
        } else {
            self.shares += points / max;
        }
    }

    fn finish(&self, item: &Item) -> ItemStats {
        let count = Decimal::from(self.answered);
        let with_share = Decimal::from(self.answered - self.shareless);
        ItemStats {
            id: item.id.clone(),
            text: item.text.clone(),
            answered: self.answered,
            na: self.na,
            mean_points: (self.answered > 0).then(|| round1(self.points / count)),
            max: item.max_points(),
            mean_percent: (!with_share.is_zero())
                .then(|| round1(self.shares * Decimal::ONE_HUNDRED / with_share)),
            zero: self.zero,
            critical: item.critical,
        }
    }
}

fn mean(values: &[Decimal]) -> Option<Decimal> {
    (!values.is_empty()).then(|| values.iter().sum::<Decimal>() / Decimal::from(values.len()))
}

/// Mean, median, min and max, each rounded to one decimal.
fn spread(values: &mut [Decimal]) -> Option<Spread> {
    values.sort();
    let n = values.len();
    let median = match n {
        0 => return None,
        _ if n % 2 == 1 => values[n / 2],
        _ => (values[n / 2 - 1] + values[n / 2]) / Decimal::TWO,
    };
    Some(Spread {
        mean: round1(mean(values)?),
        median: round1(median),
        min: values[0],
        max: values[n - 1],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_sort_as_numbers() {
        let mut versions = vec!["2024.10", "2024.2", "2023", "2024.2a"];
        versions.sort_by(|a, b| version_order(a, b));
        assert_eq!(versions, ["2023", "2024.2", "2024.2a", "2024.10"]);
    }

    #[test]
    fn scores_fall_in_equal_bands_the_top_one_closed() {
        let unit = |score: i64| UnitRow {
            visit: String::new(),
            date: jiff::civil::date(2026, 1, 1),
            unit: String::new(),
            kind: UnitKind::CoQuan,
            status: Status::Finalized,
            score: Decimal::from(score),
            verdict: Verdict::Pass,
            failed_mandatory: Vec::new(),
        };
        let stats = Stats {
            rubric_id: "r".into(),
            title: String::new(),
            versions: Vec::new(),
            out_of: Decimal::from(100),
            pass_score: Decimal::from(50),
            total: 4,
            pass: 4,
            fail: 0,
            incomplete: 0,
            score: None,
            sections: Vec::new(),
            items: Vec::new(),
            weakest: Vec::new(),
            units: vec![unit(0), unit(9), unit(10), unit(100)],
        };
        let bins = distribution(&stats, 10);
        let counts: Vec<usize> = bins.iter().map(|b| b.visits).collect();
        assert_eq!(counts, [2, 1, 0, 0, 0, 0, 0, 0, 0, 1]);
        assert_eq!(
            (bins[9].from, bins[9].to),
            (Decimal::from(90), Decimal::from(100))
        );
        assert!(distribution(&stats, 0).is_empty());
    }

    #[test]
    fn an_even_count_takes_the_middle_two() {
        let mut values = [
            Decimal::from(90),
            Decimal::from(70),
            Decimal::from(80),
            Decimal::from(71),
        ];
        let spread = spread(&mut values).expect("four values");
        assert_eq!(spread.median, Decimal::new(755, 1));
        assert_eq!(spread.mean, Decimal::new(778, 1));
        assert_eq!(
            (spread.min, spread.max),
            (Decimal::from(70), Decimal::from(90))
        );
        assert!(super::spread(&mut []).is_none());
    }
}
