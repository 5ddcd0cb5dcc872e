//! The pure item-by-item merge of two copies of a visit (`onsite::sync::merge`) and the union of
//! their histories (`onsite::sync::merge_history`), case by case.
//!
//! Every record is built in memory from one "created" visit to the shipped all-check rubric
//! `van-hoa-cong-so`, then edited through the same `history::prepare` / `history::apply` the
//! store uses, so state and history always agree. Lan edits the local copy, Bình the remote
//! one; each edit gets its own second so the histories have a defined time order.

use std::collections::BTreeMap;
use std::path::Path;

use jiff::Timestamp;
use onsite::document::{VisitRecord, finding_key};
use onsite::domain::answer::Answer;
use onsite::domain::history::{self, Change, ChangeKind, Edit, Request};
use onsite::domain::rubric::{ItemKind, Rubric};
use onsite::domain::visit::{
    FindingField, Findings, RubricRef, Stamp, Status, Unit, UnitKind, Visit, VisitState,
};
use onsite::sync::{Conflict, Merged, fields, merge, merge_history};
use rstest::rstest;

/// The laptop whose store is merged into.
const LAN: &str = "Nguyễn Thị Lan";
/// The other laptop.
const BINH: &str = "Trần Văn Bình";

const VISIT_ID: &str = "01JDX3Q4Z5N6M7P8R9S0T1V2W3";

/// First second of each side's edits: the shared past, then Lan, then Bình.
const BASE_AT: i64 = 1;
const LOCAL_AT: i64 = 600;
const REMOTE_AT: i64 = 1200;

/// Edits as a table writes them: `("1.1", "pass" | "fail" | "")` answers or clears an item,
/// `("1.1#note", text)` sets its note, `("strengths", text)` a finding, `("*", "best")` answers
/// every item, `("status", "finalized" | "draft")` finalizes or reopens, `("trash", "true" |
/// "false")` trashes or restores, `("undo", "")` / `("redo", "")` undo or redo.
type Edits = &'static [(&'static str, &'static str)];

/// An expected conflict: field, mine, theirs (answers as `pass`/`fail`, clear as "").
type Conflicts = &'static [(&'static str, &'static str, &'static str)];

fn rubric() -> Rubric {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("rubrics/van-hoa-cong-so.yaml");
    onsite::rubric_file::read(&path)
        .unwrap_or_else(|problems| panic!("the shipped rubric reads: {problems:?}"))
}

/// 2026-11-28 09:00:00 +07:00 plus `second` seconds.
fn stamp(second: i64) -> Stamp {
    Stamp {
        instant: Timestamp::from_second(1_795_831_200 + second).expect("a valid instant"),
        offset: jiff::tz::offset(7),
    }
}

/// A new visit with only its "created" entry, as both laptops first saw it.
fn created(rubric: &Rubric) -> VisitRecord {
    let at = stamp(0);
    let visit = Visit {
        id: VISIT_ID.to_owned(),
        unit: Unit {
            name: "Cục Quản lý thị trường tỉnh Hà Tĩnh".to_owned(),
            kind: UnitKind::CoQuan,
            address: String::new(),
        },
        date: jiff::civil::date(2026, 11, 28),
        team: Vec::new(),
        status: Status::Draft,
        created_at: at,
        updated_at: at,
        finalized_at: None,
        findings: Findings::default(),
        rubric: RubricRef {
            id: rubric.id.clone(),
            version: rubric.version.clone(),
            digest: onsite::service::digest(rubric),
        },
        deleted_at: None,
        follow_up_of: None,
        actions: Vec::new(),
        attachments: Vec::new(),
    };
    VisitRecord {
        state: VisitState {
            visit,
            responses: BTreeMap::new(),
        },
        rubric: rubric.clone(),
        history: vec![Change {
            seq: 1,
            at,
            by: LAN.to_owned(),
            kind: ChangeKind::Do,
            edit: Edit::Created,
        }],
    }
}

fn finding_field(key: &str) -> Option<FindingField> {
    FindingField::all().find(|field| finding_key(*field) == key)
}

fn answer(word: &str) -> Option<Answer> {
    match word {
        "" => None,
        "pass" => Some(Answer::Pass),
        "fail" => Some(Answer::Fail),
        other => panic!("no answer word {other:?} in this test"),
    }
}

fn answer_word(answer: Option<&Answer>) -> &'static str {
    match answer {
        None => "",
        Some(Answer::Pass) => "pass",
        Some(Answer::Fail) => "fail",
        Some(other) => panic!("unexpected answer {other:?}"),
    }
}

/// Records one change the way the store does: next sequence number, applied to the state.
fn record(copy: &mut VisitRecord, by: &str, at: Stamp, edit: Edit, kind: ChangeKind) {
    let change = Change {
        seq: copy.history.last().map_or(1, |last| last.seq + 1),
        at,
        by: by.to_owned(),
        kind,
        edit,
    };
    history::apply(&mut copy.state, &change);
    copy.history.push(change);
}

fn request(copy: &mut VisitRecord, by: &str, at: Stamp, request: Request) {
    let asked = format!("{request:?}");
    let edit = history::prepare(&copy.state, &copy.rubric, request)
        .unwrap_or_else(|error| panic!("{asked} is accepted: {error}"));
    if let Some(edit) = edit {
        record(copy, by, at, edit, ChangeKind::Do);
    }
}

/// Plays `edits` onto `copy` as `by`, one second apart from `start`.
fn play(copy: &mut VisitRecord, by: &str, start: i64, edits: Edits) {
    let mut second = start;
    let mut next = || {
        second += 1;
        stamp(second)
    };
    for &(field, value) in edits {
        match field {
            "*" => {
                assert_eq!(value, "best", "`*` answers every item with its best answer");
                let best: Vec<(String, Answer)> = copy
                    .rubric
                    .items()
                    .map(|item| match item.kind {
                        ItemKind::Check => (item.id.clone(), Answer::Pass),
                        _ => (item.id.clone(), Answer::Points(item.max_points())),
                    })
                    .collect();
                for (item, answer) in best {
                    let answer = Some(answer);
                    request(copy, by, next(), Request::Answer { item, answer });
                }
            }
            "status" if value == "finalized" => {
                let edit = Edit::Status {
                    from: copy.state.visit.status,
                    to: Status::Finalized,
                    reason: None,
                };
                record(copy, by, next(), edit, ChangeKind::Do);
            }
            "status" => {
                let reason = "Bổ sung biên bản".to_owned();
                request(copy, by, next(), Request::Reopen { reason });
            }
            "trash" if value == "true" => request(copy, by, next(), Request::Trash),
            "trash" => request(copy, by, next(), Request::Restore),
            "undo" => {
                let (edit, kind) =
                    history::undo(&copy.state, &copy.history).expect("something to undo");
                record(copy, by, next(), edit, kind);
            }
            "redo" => {
                let (edit, kind) =
                    history::redo(&copy.state, &copy.history).expect("something to redo");
                record(copy, by, next(), edit, kind);
            }
            _ => {
                let edit = if let Some(item) = field.strip_suffix("#note") {
                    Request::Note {
                        item: item.to_owned(),
                        text: value.to_owned(),
                    }
                } else if let Some(field) = finding_field(field) {
                    Request::Finding {
                        field,
                        text: value.to_owned(),
                    }
                } else {
                    Request::Answer {
                        item: field.to_owned(),
                        answer: answer(value),
                    }
                };
                request(copy, by, next(), edit);
            }
        }
    }
}

/// The shared copy after `base`, then Lan's and Bình's copies after their own edits.
fn three_copies(base: Edits, local: Edits, remote: Edits) -> [VisitRecord; 3] {
    let mut shared = created(&rubric());
    play(&mut shared, LAN, BASE_AT, base);
    let mut mine = shared.clone();
    play(&mut mine, LAN, LOCAL_AT, local);
    let mut theirs = shared.clone();
    play(&mut theirs, BINH, REMOTE_AT, remote);
    [shared, mine, theirs]
}

/// A field of a visit as the tables write it.
fn shown(state: &VisitState, field: &str) -> String {
    if let Some(item) = field.strip_suffix("#note") {
        return state.note(item).to_owned();
    }
    if let Some(finding) = finding_field(field) {
        return state.visit.findings.get(finding).to_owned();
    }
    match field {
        "status" => match state.visit.status {
            Status::Draft => "draft".to_owned(),
            Status::Finalized => "finalized".to_owned(),
        },
        "trash" => state.visit.deleted_at.is_some().to_string(),
        item => answer_word(state.answer(item)).to_owned(),
    }
}

/// A conflict's recorded value as the tables write it (answers are recorded as JSON).
fn plain(field: &str, raw: &str) -> String {
    let is_item = field.starts_with(|c: char| c.is_ascii_digit()) && !field.contains('#');
    if is_item && !raw.is_empty() {
        let answer: Answer = serde_json::from_str(raw).expect("an answer recorded as JSON");
        return answer_word(Some(&answer)).to_owned();
    }
    raw.to_owned()
}

fn conflicts_of(merged: &Merged) -> Vec<(String, String, String)> {
    merged
        .conflicts
        .iter()
        .map(|c| {
            (
                c.field.clone(),
                plain(&c.field, &c.mine),
                plain(&c.field, &c.theirs),
            )
        })
        .collect()
}

fn owned(conflicts: Conflicts) -> Vec<(String, String, String)> {
    conflicts
        .iter()
        .map(|&(f, m, t)| (f.to_owned(), m.to_owned(), t.to_owned()))
        .collect()
}

fn assert_fields(merged: &VisitRecord, expected: Edits) {
    for &(field, value) in expected {
        assert_eq!(
            shown(&merged.state, field),
            value,
            "field {field} of the merged visit"
        );
    }
}

#[rstest]
#[case::changed_locally_only(
    &[("1.1", "pass")], &[("1.1", "fail")], &[], &[("1.1", "fail")], &[]
)]
#[case::changed_remotely_only(
    &[("1.1", "pass")], &[], &[("1.1", "fail")], &[("1.1", "fail")], &[]
)]
#[case::added_locally_only(&[], &[("1.2", "pass")], &[], &[("1.2", "pass")], &[])]
#[case::added_remotely_only(&[], &[], &[("1.2", "fail")], &[("1.2", "fail")], &[])]
#[case::cleared_locally_only(&[("1.1", "pass")], &[("1.1", "")], &[], &[("1.1", "")], &[])]
#[case::cleared_remotely_only(&[("1.1", "pass")], &[], &[("1.1", "")], &[("1.1", "")], &[])]
#[case::different_items(
    &[],
    &[("1.1", "pass")],
    &[("1.2", "fail")],
    &[("1.1", "pass"), ("1.2", "fail")],
    &[]
)]
#[case::both_to_the_same_value(
    &[("1.1", "pass")], &[("1.1", "fail")], &[("1.1", "fail")], &[("1.1", "fail")], &[]
)]
#[case::both_to_different_values(
    &[],
    &[("2.1", "pass")],
    &[("2.1", "fail")],
    &[("2.1", "fail")],
    &[("2.1", "pass", "fail")]
)]
#[case::changed_here_cleared_there(
    &[("2.1", "pass")],
    &[("2.1", "fail")],
    &[("2.1", "")],
    &[("2.1", "")],
    &[("2.1", "fail", "")]
)]
#[case::answer_here_note_there(
    &[],
    &[("1.1", "pass")],
    &[("1.1#note", "Thiếu bảng tên ở phòng 2")],
    &[("1.1", "pass"), ("1.1#note", "Thiếu bảng tên ở phòng 2")],
    &[]
)]
#[case::note_here_answer_there(
    &[("1.1", "pass")],
    &[("1.1#note", "Đã nhắc nhở")],
    &[("1.1", "fail")],
    &[("1.1", "fail"), ("1.1#note", "Đã nhắc nhở")],
    &[]
)]
#[case::notes_to_different_texts(
    &[("1.1#note", "Ghi chú cũ")],
    &[("1.1#note", "Đã khắc phục tại chỗ")],
    &[("1.1#note", "Chưa khắc phục, hẹn tuần sau")],
    &[("1.1#note", "Chưa khắc phục, hẹn tuần sau")],
    &[("1.1#note", "Đã khắc phục tại chỗ", "Chưa khắc phục, hẹn tuần sau")]
)]
#[case::notes_to_the_same_text(
    &[],
    &[("1.1#note", "Đồng phục đúng quy định")],
    &[("1.1#note", "Đồng phục đúng quy định")],
    &[("1.1#note", "Đồng phục đúng quy định")],
    &[]
)]
#[case::answer_conflict_leaves_the_note_alone(
    &[("1.1#note", "Ghi chú")],
    &[("1.1", "pass")],
    &[("1.1", "fail"), ("1.1#note", "Ghi chú của Bình")],
    &[("1.1", "fail"), ("1.1#note", "Ghi chú của Bình")],
    &[("1.1", "pass", "fail")]
)]
#[case::findings_merge_per_field(
    &[("strengths", "Trụ sở sạch sẽ")],
    &[("strengths", "Trụ sở sạch sẽ, có cây xanh")],
    &[("conclusion", "Đạt chuẩn")],
    &[("strengths", "Trụ sở sạch sẽ, có cây xanh"), ("conclusion", "Đạt chuẩn")],
    &[]
)]
#[case::finding_changed_remotely_only(
    &[("shortcomings", "Chưa niêm yết")],
    &[],
    &[("shortcomings", "Đã niêm yết bổ sung")],
    &[("shortcomings", "Đã niêm yết bổ sung")],
    &[]
)]
#[case::finding_to_different_texts(
    &[],
    &[("recommendations", "Bổ sung nội quy")],
    &[("recommendations", "Treo lại biển tên")],
    &[("recommendations", "Treo lại biển tên")],
    &[("recommendations", "Bổ sung nội quy", "Treo lại biển tên")]
)]
fn merges_each_field_against_the_base(
    #[case] base: Edits,
    #[case] local: Edits,
    #[case] remote: Edits,
    #[case] expected: Edits,
    #[case] conflicts: Conflicts,
) {
    let [_, mine, theirs] = three_copies(base, local, remote);

    let merged = merge(&mine, &theirs).expect("the copies merge");

    assert_fields(&merged.record, expected);
    assert_eq!(conflicts_of(&merged), owned(conflicts));
    for conflict in &merged.conflicts {
        // Who made the other value, when there is a response to say so.
        let item = conflict
            .field
            .strip_suffix("#note")
            .unwrap_or(&conflict.field);
        if theirs.state.responses.contains_key(item) {
            assert_eq!(conflict.theirs_by, BINH, "{conflict:?}");
        }
    }
    assert_eq!(
        merged.record.history,
        merge_history(&mine.history, &theirs.history)
    );
    if conflicts.is_empty() {
        // With nothing to settle, both laptops end with the same values.
        let other_way = merge(&theirs, &mine).expect("the copies merge");
        assert_eq!(
            fields(&other_way.record.state),
            fields(&merged.record.state)
        );
        assert!(other_way.conflicts.is_empty(), "{:?}", other_way.conflicts);
    }
}

/// Taking one part of an item (answer or note) from the other side must not bring back the
/// other part that this side cleared.
#[rstest]
#[case::note_taken_answer_cleared_here(
    &[("1.1", "pass")],
    &[("1.1", "")],
    &[("1.1#note", "Ghi chú mới của Bình")],
    &[("1.1", ""), ("1.1#note", "Ghi chú mới của Bình")]
)]
#[case::answer_taken_note_cleared_here(
    &[("1.1#note", "Ghi chú cũ")],
    &[("1.1#note", "")],
    &[("1.1", "fail")],
    &[("1.1", "fail"), ("1.1#note", "")]
)]
fn taking_one_part_of_an_item_keeps_the_other_part_cleared(
    #[case] base: Edits,
    #[case] local: Edits,
    #[case] remote: Edits,
    #[case] expected: Edits,
) {
    let [_, mine, theirs] = three_copies(base, local, remote);

    let merged = merge(&mine, &theirs).expect("the copies merge");

    assert_fields(&merged.record, expected);
    assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
}

#[rstest]
#[case::value_only_here(&[("1.1", "pass")], &[], &[("1.1", "pass")], &[])]
#[case::value_only_there(&[], &[("1.1", "fail")], &[("1.1", "fail")], &[])]
#[case::same_value(&[("1.1", "pass")], &[("1.1", "pass")], &[("1.1", "pass")], &[])]
#[case::different_values(
    &[("2.1", "pass")], &[("2.1", "fail")], &[("2.1", "fail")], &[("2.1", "pass", "fail")]
)]
#[case::note_only_there(
    &[("1.1", "pass")],
    &[("1.1#note", "Có biển tên")],
    &[("1.1", "pass"), ("1.1#note", "Có biển tên")],
    &[]
)]
#[case::different_notes(
    &[("1.1#note", "Lan ghi")],
    &[("1.1#note", "Bình ghi")],
    &[("1.1#note", "Bình ghi")],
    &[("1.1#note", "Lan ghi", "Bình ghi")]
)]
#[case::finding_only_there(&[], &[("conclusion", "Đạt")], &[("conclusion", "Đạt")], &[])]
fn merges_without_a_base_when_two_copies_first_meet(
    #[case] local: Edits,
    #[case] remote: Edits,
    #[case] expected: Edits,
    #[case] conflicts: Conflicts,
) {
    let [_, mine, theirs] = three_copies(&[], local, remote);

    let merged = merge(&mine, &theirs).expect("the copies merge");

    assert_fields(&merged.record, expected);
    assert_eq!(conflicts_of(&merged), owned(conflicts));
}

#[rstest]
#[case::answer(&[("1.1", "fail")], "1.1", "pass")]
#[case::note(&[("1.1#note", "Bình sửa sau khi chốt")], "1.1#note", "")]
#[case::finding(&[("conclusion", "Chưa đạt")], "conclusion", "")]
fn a_remote_edit_to_a_locally_finalized_visit_is_a_conflict_not_an_overwrite(
    #[case] remote: Edits,
    #[case] field: &str,
    #[case] kept: &str,
) {
    let [_, mine, theirs] = three_copies(&[("*", "best")], &[("status", "finalized")], remote);

    let merged = merge(&mine, &theirs).expect("the copies merge");

    assert_eq!(shown(&merged.record.state, field), kept);
    assert_eq!(shown(&merged.record.state, "status"), "finalized");
    assert_eq!(
        merged.record.state.visit.finalized_at,
        mine.state.visit.finalized_at
    );
    assert_eq!(
        conflicts_of(&merged),
        vec![(field.to_owned(), kept.to_owned(), remote[0].1.to_owned())]
    );
}

/// Lan edits while Bình finalizes: the finalize stands (the visit never quietly becomes a
/// draft again), Lan's earlier edit is in it, and it is listed for the inspector to check.
#[test]
fn an_edit_the_finalize_never_saw_is_listed_and_the_visit_stays_finalized() {
    let [_, mine, theirs] = three_copies(
        &[("*", "best")],
        &[("1.1", "fail")],
        &[("status", "finalized")],
    );

    let merged = merge(&mine, &theirs).expect("the copies merge");

    assert_eq!(conflicts_of(&merged), owned(&[("1.1", "fail", "pass")]));
    let state = &merged.record.state;
    assert_eq!(state.visit.status, Status::Finalized);
    assert_eq!(state.answer("1.1"), Some(&Answer::Fail));
    // The same on the other laptop.
    let there = merge(&theirs, &mine).expect("the copies merge");
    assert_eq!(there.record.state, merged.record.state);
}

#[rstest]
#[case::trashed_here(&[], &[("trash", "true")], &[], "draft", "true", LOCAL_AT)]
#[case::trashed_there(&[], &[], &[("trash", "true")], "draft", "true", REMOTE_AT)]
#[case::restored_there(&[("trash", "true")], &[], &[("trash", "false")], "draft", "false", 0)]
#[case::restored_here(&[("trash", "true")], &[("trash", "false")], &[], "draft", "false", 0)]
#[case::finalized_there(&[("*", "best")], &[], &[("status", "finalized")], "finalized", "false", REMOTE_AT)]
#[case::finalized_here(&[("*", "best")], &[("status", "finalized")], &[], "finalized", "false", LOCAL_AT)]
#[case::reopened_there(
    &[("*", "best"), ("status", "finalized")],
    &[],
    &[("status", "draft")],
    "draft",
    "false",
    0
)]
#[case::trashed_here_answered_there(
    &[], &[("trash", "true")], &[("1.1", "pass")], "draft", "true", LOCAL_AT
)]
fn merges_status_and_trash(
    #[case] base: Edits,
    #[case] local: Edits,
    #[case] remote: Edits,
    #[case] status: &str,
    #[case] trash: &str,
    // The side whose moment is kept (finalized_at or deleted_at), 0 for none.
    #[case] moment_from: i64,
) {
    let [_, mine, theirs] = three_copies(base, local, remote);

    let merged = merge(&mine, &theirs).expect("the copies merge");

    assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
    let visit = &merged.record.state.visit;
    assert_eq!(shown(&merged.record.state, "status"), status);
    assert_eq!(shown(&merged.record.state, "trash"), trash);
    let moment = visit.finalized_at.or(visit.deleted_at);
    let expected = match moment_from {
        LOCAL_AT => mine
            .state
            .visit
            .finalized_at
            .or(mine.state.visit.deleted_at),
        REMOTE_AT => theirs
            .state
            .visit
            .finalized_at
            .or(theirs.state.visit.deleted_at),
        _ => None,
    };
    assert!(expected.is_some() || moment_from == 0);
    assert_eq!(moment, expected);
}

/// Both laptops make the same change at different moments: neither side is a conflict, and
/// both must end with the very same record, or their documents differ forever and every sync
/// rewrites the file.
#[rstest]
#[case::same_answer(&[("1.1", "fail")], &[("1.1", "fail")])]
#[case::same_note(&[("1.1#note", "Đúng quy định")], &[("1.1#note", "Đúng quy định")])]
#[case::both_finalized(&[("status", "finalized")], &[("status", "finalized")])]
#[case::both_trashed(&[("trash", "true")], &[("trash", "true")])]
fn the_same_change_on_both_sides_merges_to_the_same_record(
    #[case] local: Edits,
    #[case] remote: Edits,
) {
    let [_, mine, theirs] = three_copies(&[("*", "best")], local, remote);

    let here = merge(&mine, &theirs).expect("the copies merge");
    let there = merge(&theirs, &mine).expect("the copies merge");

    assert!(here.conflicts.is_empty() && there.conflicts.is_empty());
    assert_eq!(here.record.state, there.record.state);
}

/// Lan answers 1.1, undoes and redoes it; Bình writes notes; `lan`/`binh` give the seconds.
fn undo_redo_histories(lan: [i64; 3], binh: [i64; 2]) -> (Vec<Change>, Vec<Change>) {
    let mut shared = created(&rubric());
    play(&mut shared, LAN, BASE_AT, &[("1.2", "pass")]);
    let mut mine = shared.clone();
    play(&mut mine, LAN, lan[0] - 1, &[("1.1", "pass")]);
    play(&mut mine, LAN, lan[1] - 1, &[("undo", "")]);
    play(&mut mine, LAN, lan[2] - 1, &[("redo", "")]);
    let mut theirs = shared;
    play(
        &mut theirs,
        BINH,
        binh[0] - 1,
        &[("1.3#note", "Bình ghi lần 1")],
    );
    play(
        &mut theirs,
        BINH,
        binh[1] - 1,
        &[("1.3#note", "Bình ghi lần 2")],
    );
    (mine.history, theirs.history)
}

/// What an entry is on every laptop, whatever its number.
fn identity(change: &Change) -> (Stamp, String, Edit) {
    (change.at, change.by.clone(), change.edit.clone())
}

#[rstest]
#[case::lan_first([600, 601, 602], [1200, 1201])]
#[case::binh_first([1200, 1201, 1202], [600, 601])]
#[case::interleaved([600, 900, 1500], [700, 1400])]
#[case::same_seconds_different_authors([600, 601, 602], [600, 602])]
fn merge_history_is_a_renumbered_union_in_time_order(
    #[case] lan: [i64; 3],
    #[case] binh: [i64; 2],
) {
    let (mine, theirs) = undo_redo_histories(lan, binh);

    let merged = merge_history(&mine, &theirs);

    // Union without duplicates: the shared two entries once, then 3 of Lan's and 2 of Bình's.
    assert_eq!(merged.len(), 2 + 3 + 2);
    for change in mine.iter().chain(&theirs) {
        let copies = merged
            .iter()
            .filter(|m| identity(m) == identity(change))
            .count();
        assert_eq!(copies, 1, "{change:?}");
    }
    assert!(
        merged
            .windows(2)
            .all(|w| w[0].at.instant <= w[1].at.instant),
        "time order: {merged:#?}"
    );
    let seqs: Vec<u64> = merged.iter().map(|c| c.seq).collect();
    assert_eq!(seqs, (1..=7).collect::<Vec<u64>>());
    // Undo and redo still name Lan's answer to 1.1, whatever its new number.
    let target = |of: u64| {
        let entry = merged
            .iter()
            .find(|c| c.seq == of)
            .expect("of names an entry");
        identity(entry)
    };
    let answered = identity(&mine[2]);
    let undone = merged
        .iter()
        .find_map(|c| match c.kind {
            ChangeKind::Undo { of } => Some(of),
            _ => None,
        })
        .expect("the undo is kept");
    let redone = merged
        .iter()
        .find_map(|c| match c.kind {
            ChangeKind::Redo { of } => Some(of),
            _ => None,
        })
        .expect("the redo is kept");
    assert_eq!(target(undone), answered);
    assert_eq!(target(redone), answered);
    // Merging is symmetric, and merging again changes nothing.
    assert_eq!(merge_history(&theirs, &mine), merged);
    assert_eq!(merge_history(&merged, &theirs), merged);
    assert_eq!(merge_history(&mine, &merged), merged);
    assert_eq!(merge_history(&merged, &merged), merged);
}

#[test]
fn merge_history_of_a_history_with_itself_is_that_history() {
    let (mine, _) = undo_redo_histories([600, 601, 602], [0, 0]);

    assert_eq!(merge_history(&mine, &mine), mine);
    assert_eq!(merge_history(&mine, &[]), mine);
    assert_eq!(merge_history(&[], &mine), mine);
}

#[test]
fn merging_keeps_the_later_updated_at_and_the_local_rubric() {
    let [_, mine, theirs] = three_copies(&[], &[("1.1", "pass")], &[("1.2", "pass")]);

    let here = merge(&mine, &theirs).expect("the copies merge");
    let there = merge(&theirs, &mine).expect("the copies merge");

    assert_eq!(
        here.record.state.visit.updated_at,
        theirs.state.visit.updated_at
    );
    assert_eq!(here.record.state, there.record.state);
    assert_eq!(here.record.rubric, mine.rubric);
    assert_eq!(
        here.conflicts,
        Vec::<Conflict>::new(),
        "different items never conflict"
    );
}

/// Within one second, a change made after seeing the other goes after it whatever the names:
/// Lan ("N…") answers 1.1 after seeing Bình's ("T…") answer of the same second.
#[test]
fn within_one_second_a_change_made_after_seeing_another_goes_after_it() {
    let [_, mut mine, mut theirs] = three_copies(&[], &[], &[]);
    let at = stamp(REMOTE_AT);
    let edit = |from: Option<Answer>, to: Option<Answer>| Edit::Answer {
        item: "1.1".to_owned(),
        from,
        to,
    };
    record(
        &mut theirs,
        BINH,
        at,
        edit(None, Some(Answer::Fail)),
        ChangeKind::Do,
    );
    // Lan took Bình's copy in, then changed it in the same second.
    mine = merge(&mine, &theirs).expect("merges").record;
    record(
        &mut mine,
        LAN,
        at,
        edit(Some(Answer::Fail), Some(Answer::Pass)),
        ChangeKind::Do,
    );

    for (here, there) in [(&theirs, &mine), (&mine, &theirs)] {
        let merged = merge(here, there).expect("merges");
        assert_eq!(merged.record.state.answer("1.1"), Some(&Answer::Pass));
        assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
    }
}
