//! Table tests for the scoring rules (docs/user-guide.md, "Scoring").

use onsite::domain::answer::{Answer, AnswerError};
use onsite::domain::rubric::Rubric;
use onsite::domain::scoring::{Answers, Reason, Verdict, round1, score};
use rstest::rstest;
use rust_decimal::Decimal;

/// Nominal total 20: section A = 10 (a1 points 6 step 0.5, a2 check 4 critical, N/A allowed),
/// section B = 10 (b1 levels 8/6/4/0, b2 points 2, N/A allowed).
const RUBRIC: &str = r#"
format: onsite-rubric/1
id: t
version: "1"
title: T
pass: { min_score: 15, min_section_percent: 50 }
bands:
  - { min_score: 18, label: "Tiêu biểu" }
  - { min_score: 15, label: "Đạt" }
  - { min_score: 0, label: "Không đạt" }
sections:
  - id: A
    title: A
    items:
      - { id: a1, text: a1, max: 6, step: 0.5 }
      - { id: a2, text: a2, kind: check, max: 4, critical: true, na: true }
  - id: B
    title: B
    items:
      - id: b1
        text: b1
        kind: levels
        levels:
          - { label: Tốt, points: 8 }
          - { label: Khá, points: 6 }
          - { label: Trung bình, points: 4 }
          - { label: Kém, points: 0 }
      - { id: b2, text: b2, max: 2, na: true }
"#;

fn rubric() -> Rubric {
    onsite::rubric_file::parse(RUBRIC).expect("the test rubric is valid")
}

fn d(text: &str) -> Decimal {
    text.parse().expect("a decimal literal")
}

fn pts(text: &str) -> Answer {
    Answer::Points(d(text))
}

fn answers(list: &[(&str, Answer)]) -> Answers {
    list.iter()
        .map(|(id, a)| ((*id).to_owned(), a.clone()))
        .collect()
}

#[rstest]
// everything perfect
#[case(&[("a1", pts("6")), ("a2", Answer::Pass), ("b1", Answer::Level(0)), ("b2", pts("2"))],
       "20", Verdict::Pass, Some(0))]
// half points: 5.5 + 4 + 6 + 2 = 17.5
#[case(&[("a1", pts("5.5")), ("a2", Answer::Pass), ("b1", Answer::Level(1)), ("b2", pts("2"))],
       "17.5", Verdict::Pass, Some(1))]
// N/A rescales: a2 and b2 N/A, earned 6+8 of 14 → 20
#[case(&[("a1", pts("6")), ("a2", Answer::NotApplicable), ("b1", Answer::Level(0)),
         ("b2", Answer::NotApplicable)], "20", Verdict::Pass, Some(0))]
// N/A rescales: b2 N/A, earned 4.5+4+6 = 14.5 of 18 → 16.111…
#[case(&[("a1", pts("4.5")), ("a2", Answer::Pass), ("b1", Answer::Level(1)),
         ("b2", Answer::NotApplicable)], "16.1", Verdict::Pass, Some(1))]
// below the pass mark: 3 + 4 + 4 + 2 = 13 — a failed visit has no band (issue 14)
#[case(&[("a1", pts("3")), ("a2", Answer::Pass), ("b1", Answer::Level(2)), ("b2", pts("2"))],
       "13", Verdict::Fail, None)]
// a failed critical item at 18.5 of 20 ("Tiêu biểu" by points): fail, and no band praises it
#[case(&[("a1", pts("6")), ("a2", Answer::Fail), ("b1", Answer::Level(0)), ("b2", pts("2"))],
       "16", Verdict::Fail, None)]
// incomplete: the band is as provisional as the score (shown marked so)
#[case(&[("a1", pts("6")), ("a2", Answer::Pass), ("b1", Answer::Level(0))],
       "18", Verdict::Incomplete, Some(0))]
fn scores_and_verdicts(
    #[case] given: &[(&str, Answer)],
    #[case] expected_score: &str,
    #[case] verdict: Verdict,
    #[case] band: Option<usize>,
) {
    let card = score(&rubric(), &answers(given));
    assert_eq!(card.score_rounded(), d(expected_score));
    assert_eq!(card.verdict, verdict);
    assert_eq!(card.band, band);
    assert_eq!(card.nominal_total, d("20"));
}

#[test]
fn a_failed_critical_item_fails_a_high_score() {
    // 6 + 0 + 8 + 2 = 16 ≥ 15, but a2 is critical and failed.
    let given = answers(&[
        ("a1", pts("6")),
        ("a2", Answer::Fail),
        ("b1", Answer::Level(0)),
        ("b2", pts("2")),
    ]);
    let card = score(&rubric(), &given);
    assert_eq!(card.score, d("16"));
    assert_eq!(card.verdict, Verdict::Fail);
    assert_eq!(card.failed_critical, vec!["a2".to_owned()]);
    assert_eq!(
        card.reasons,
        vec![Reason::CriticalFailed { item: "a2".into() }]
    );
}

#[test]
fn a_critical_item_marked_na_never_fails() {
    let given = answers(&[
        ("a1", pts("6")),
        ("a2", Answer::NotApplicable),
        ("b1", Answer::Level(0)),
        ("b2", pts("2")),
    ]);
    let card = score(&rubric(), &given);
    assert!(card.failed_critical.is_empty());
    assert_eq!(card.verdict, Verdict::Pass);
}

#[test]
fn a_section_under_its_minimum_fails_with_that_reason() {
    // A: 1 + 0? no: a2 pass → A = 1 + 4 = 5 of 10 (50%, ok). Make A = 0.5 + 4 = 4.5 (45%).
    // B: 8 + 2 = 10. Total 14.5 < 15 as well: both reasons are listed.
    let given = answers(&[
        ("a1", pts("0.5")),
        ("a2", Answer::Pass),
        ("b1", Answer::Level(0)),
        ("b2", pts("2")),
    ]);
    let card = score(&rubric(), &given);
    assert_eq!(card.verdict, Verdict::Fail);
    assert_eq!(
        card.reasons,
        vec![
            Reason::ScoreBelowPass {
                score: d("14.5"),
                min: d("15")
            },
            Reason::SectionBelowMinimum {
                section: "A".into(),
                percent: d("45"),
                min: d("50")
            },
        ]
    );
}

#[test]
fn a_section_minimum_alone_fails_a_passing_total() {
    // Pass mark lowered to 10: A = 0.5 + 4 = 4.5 (45%) fails the section rule alone.
    let mut rubric = rubric();
    rubric.pass.min_score = d("10");
    let given = answers(&[
        ("a1", pts("0.5")),
        ("a2", Answer::Pass),
        ("b1", Answer::Level(0)),
        ("b2", pts("2")),
    ]);
    let card = score(&rubric, &given);
    assert_eq!(card.verdict, Verdict::Fail);
    assert_eq!(
        card.reasons,
        vec![Reason::SectionBelowMinimum {
            section: "A".into(),
            percent: d("45"),
            min: d("50")
        }]
    );
}

#[test]
fn an_incomplete_visit_is_provisional_and_only_grows() {
    let rubric = rubric();
    let mut given = Answers::new();
    let mut previous = Decimal::ZERO;
    let steps = [
        ("a1", pts("6")),
        ("a2", Answer::Pass),
        ("b1", Answer::Level(1)),
    ];
    for (id, answer) in steps {
        given.insert(id.to_owned(), answer);
        let card = score(&rubric, &given);
        assert_eq!(card.verdict, Verdict::Incomplete);
        assert!(card.is_provisional());
        assert!(card.score >= previous, "{} < {previous}", card.score);
        previous = card.score;
    }
    let card = score(&rubric, &given);
    // 6 + 4 + 6 of 20, b2 unanswered counting 0.
    assert_eq!(card.score, d("16"));
    assert_eq!(card.unanswered, vec!["b2".to_owned()]);
    assert_eq!(card.answered, 3);
    assert_eq!(card.reasons, vec![Reason::Unanswered { count: 1 }]);
}

#[test]
fn an_incomplete_visit_already_lists_a_failed_critical_item() {
    let card = score(&rubric(), &answers(&[("a2", Answer::Fail)]));
    assert_eq!(card.verdict, Verdict::Incomplete);
    assert_eq!(
        card.reasons,
        vec![
            Reason::Unanswered { count: 3 },
            Reason::CriticalFailed { item: "a2".into() }
        ]
    );
}

#[test]
fn section_percent_skips_an_all_na_section() {
    let mut rubric = rubric();
    rubric.sections[1].items.retain(|item| item.id == "b2");
    rubric.pass.min_score = d("10"); // the nominal total is now 12
    let given = answers(&[
        ("a1", pts("6")),
        ("a2", Answer::Pass),
        ("b2", Answer::NotApplicable),
    ]);
    let card = score(&rubric, &given);
    assert_eq!(card.sections[1].percent, None);
    assert_eq!(card.verdict, Verdict::Pass);
    assert_eq!(card.score, d("12"));
}

#[test]
fn answers_that_do_not_fit_count_as_unanswered() {
    let given = answers(&[
        ("a1", pts("6.25")),      // not a step of 0.5
        ("a2", pts("4")),         // wrong kind for a check item
        ("b1", Answer::Level(9)), // no such level
        ("b2", pts("3")),         // above max
    ]);
    let card = score(&rubric(), &given);
    assert_eq!(card.answered, 0);
    assert_eq!(card.score, Decimal::ZERO);
}

#[rstest]
#[case("a1", pts("6.5"), Err(AnswerError::OutOfRange { max: d("6") }))]
#[case("a1", pts("-0.5"), Err(AnswerError::OutOfRange { max: d("6") }))]
#[case("a1", pts("2.5"), Ok(()))]
#[case("a1", pts("2.25"), Err(AnswerError::NotAStep { step: d("0.5") }))]
#[case("a1", Answer::NotApplicable, Err(AnswerError::NaNotAllowed))]
#[case("a2", Answer::NotApplicable, Ok(()))]
#[case("b1", Answer::Level(3), Ok(()))]
#[case("b1", Answer::Level(4), Err(AnswerError::NoSuchLevel { count: 4 }))]
fn items_accept_only_fitting_answers(
    #[case] item: &str,
    #[case] answer: Answer,
    #[case] expected: Result<(), AnswerError>,
) {
    let rubric = rubric();
    assert_eq!(
        rubric.item(item).expect("item exists").accepts(&answer),
        expected
    );
}

#[rstest]
#[case("84.95", "85")]
#[case("84.94", "84.9")]
#[case("62.25", "62.3")]
#[case("-0.25", "-0.3")]
#[case("100", "100")]
fn display_rounds_half_away_from_zero(#[case] exact: &str, #[case] shown: &str) {
    assert_eq!(round1(d(exact)), d(shown));
}

#[test]
fn the_pass_mark_compares_the_exact_score_not_the_rounded_one() {
    // 14.96 rounds to 15.0 on screen, but 14.96 < 15 is a fail.
    let mut rubric = rubric();
    rubric.pass.min_score = d("14.96");
    // With a2 N/A the applicable max is 16: earned 6 + 6 + 0 = 12 → 12 × 20 / 16 = 15.
    let given = answers(&[
        ("a1", pts("6")),
        ("a2", Answer::NotApplicable),
        ("b1", Answer::Level(1)),
        ("b2", pts("0")),
    ]);
    let card = score(&rubric, &given);
    assert_eq!(card.score, d("15"));
    assert_eq!(card.verdict, Verdict::Pass);
    rubric.pass.min_score = d("15.01");
    let card = score(&rubric, &given);
    assert_eq!(card.score_rounded(), d("15"));
    assert_eq!(
        card.verdict,
        Verdict::Fail,
        "15 < 15.01 even though both show as 15.0"
    );
}

#[test]
fn shipped_rubrics_have_the_documented_totals() {
    let catalog = onsite::catalog::Catalog::load(None);
    assert!(catalog.problems.is_empty(), "{:?}", catalog.problems);
    let weights = |query: &str| -> Vec<Decimal> {
        let entry = catalog.find(query).expect("shipped");
        assert_eq!(entry.rubric.nominal_total(), d("100"), "{query}");
        assert_eq!(entry.rubric.pass.min_score, d("85"), "{query}");
        assert!(
            entry.rubric.notice.is_some(),
            "{query}: the suggested scale must say so"
        );
        let sections = entry.rubric.sections.iter();
        sections
            .map(onsite::domain::rubric::Section::max_points)
            .collect()
    };
    for co_quan in [
        "co-quan-dat-chuan-van-hoa",
        "co-quan-dat-chuan-van-hoa@2025.1",
    ] {
        assert_eq!(weights(co_quan), vec![d("30"), d("40"), d("30")]);
    }
    let count = |query: &str| catalog.find(query).expect("shipped").rubric.item_count();
    assert_eq!(count("co-quan-dat-chuan-van-hoa"), 45);
    assert_eq!(count("co-quan-dat-chuan-van-hoa@2025.1"), 41);
    // TT 08/2014 Art. 5: four standards for enterprises.
    assert_eq!(
        weights("doanh-nghiep-dat-chuan-van-hoa"),
        vec![d("20"), d("30"), d("30"), d("20")]
    );
    assert_eq!(count("doanh-nghiep-dat-chuan-van-hoa"), 29);
    assert_eq!(count("van-hoa-cong-so"), 25);
}
