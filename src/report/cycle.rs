//! The inspection cycle in the minutes: the visit's corrective actions, and for a follow-up
//! visit how each standard and the total compare with the visit it checks again, and where
//! that visit's actions stand.

use rust_decimal::Decimal;

use crate::document::VisitRecord;
use crate::domain::action::{Action, ActionStatus};
use crate::domain::rubric::Lang;
use crate::domain::scoring::round1;
use crate::strings::{Texts, num, texts};

/// One corrective action as the minutes' table lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionRow {
    /// The criterion it is about, or empty.
    pub item: String,
    pub text: String,
    pub owner: String,
    pub due: String,
    pub status: String,
    pub done: bool,
}

/// One standard (or the total) then and now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompareRow {
    pub id: String,
    pub title: String,
    pub then: String,
    pub now: String,
    /// Signed: "+1,5", "−2", "0"; empty when one side has nothing to compare.
    pub change: String,
}

/// A follow-up visit against the visit it checks again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comparison {
    /// The earlier visit's date, as the minutes write dates.
    pub date: String,
    pub rows: Vec<CompareRow>,
    /// The earlier visit's actions, as they stand now.
    pub actions: Vec<ActionRow>,
}

fn number(lang: Lang, value: Decimal) -> String {
    texts(lang).report_number(num(round1(value)))
}

fn signed(lang: Lang, value: Decimal) -> String {
    let value = round1(value);
    if value.is_sign_positive() && !value.is_zero() {
        format!("+{}", number(lang, value))
    } else if value.is_sign_negative() {
        format!("−{}", number(lang, -value))
    } else {
        "0".to_owned()
    }
}

pub fn action_rows(t: &dyn Texts, actions: &[Action]) -> Vec<ActionRow> {
    actions
        .iter()
        .map(|action| ActionRow {
            item: action.added.item.clone().unwrap_or_default(),
            text: action.added.text.clone(),
            owner: action.added.owner.clone(),
            due: action.added.due.map_or_else(String::new, |d| {
                t.report_short_date(d.year(), d.month(), d.day())
            }),
            status: t.action_status(action.status),
            done: action.status == ActionStatus::Done,
        })
        .collect()
}

/// `record` (the follow-up) against `previous`: standards matched by id, the total.
pub fn compare(record: &VisitRecord, previous: &VisitRecord, lang: Lang) -> Comparison {
    let t = texts(lang);
    let (now, then) = (
        record.state.score(&record.rubric),
        previous.state.score(&previous.rubric),
    );
    let points =
        |earned: Decimal, max: Decimal| format!("{}/{}", number(lang, earned), number(lang, max));
    let mut rows: Vec<CompareRow> = record
        .rubric
        .sections
        .iter()
        .zip(&now.sections)
        .map(|(section, score)| {
            let before = previous
                .rubric
                .sections
                .iter()
                .position(|s| s.id == section.id)
                .and_then(|index| then.sections.get(index));
            CompareRow {
                id: section.id.clone(),
                title: section.title_in(lang).to_owned(),
                then: before.map_or_else(|| "—".to_owned(), |b| points(b.earned, b.applicable_max)),
                now: points(score.earned, score.applicable_max),
                change: before.map_or_else(String::new, |b| signed(lang, score.earned - b.earned)),
            }
        })
        .collect();
    rows.push(CompareRow {
        id: String::new(),
        title: t
            .report_label(crate::strings::ReportLabel::Total)
            .to_owned(),
        then: points(then.score_rounded(), then.nominal_total),
        now: points(now.score_rounded(), now.nominal_total),
        change: signed(lang, now.score_rounded() - then.score_rounded()),
    });
    let date = previous.state.visit.date;
    Comparison {
        date: t.report_short_date(date.year(), date.month(), date.day()),
        rows,
        actions: action_rows(t, &previous.state.visit.actions),
    }
}
