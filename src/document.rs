//! The visit document (`format: onsite-visit/1`): one YAML file per visit that any tool can
//! read, and that imports back into a store unchanged. The only module that knows its keys.
//! Key order is fixed and output is deterministic, so exporting twice gives the same bytes.

pub mod digest;
pub mod emit;
pub mod plan;
mod read;
mod tree;
pub mod words;

use rust_decimal::Decimal;

pub use read::{DocumentError, DocumentProblem, MAX_DOCUMENT_BYTES, is_ulid as is_visit_id, parse};

use crate::domain::action::{Action, NewAction};
use crate::domain::answer::Answer;
use crate::domain::evidence::{Attachment, NewAttachment};
use crate::domain::history::{Change, ChangeKind, Edit};
use crate::domain::rubric::{Item, ItemKind, Rubric};
use crate::domain::scoring::round1;
use crate::domain::visit::{FindingField, VisitState};
use emit::Node;
use words::{FAIL, NOT_APPLICABLE, PASS, change as change_word};
pub use words::{
    action_field_word, action_status_word, finding_key, kind_word, role_word, status_word,
};

pub const FORMAT: &str = "onsite-visit/1";

/// A visit as stored: everything a document holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisitRecord {
    pub state: VisitState,
    pub rubric: Rubric,
    pub history: Vec<Change>,
}

fn number(value: Decimal) -> Node {
    Node::plain(value.normalize())
}

/// The minutes' details of the first `onsite-visit/1` documents, always written.
const FIRST_MINUTES: [FindingField; 7] = [
    FindingField::Body,
    FindingField::Number,
    FindingField::Basis,
    FindingField::Place,
    FindingField::Started,
    FindingField::Ended,
    FindingField::Representatives,
];

/// An answer as the document writes it in history: a number, `pass`/`fail`, the level's
/// label, or `n/a`.
fn answer_value(item: Option<&Item>, answer: Option<&Answer>) -> Node {
    match answer {
        None => Node::Null,
        Some(Answer::Points(score)) => number(*score),
        Some(Answer::Pass) => Node::plain(PASS),
        Some(Answer::Fail) => Node::plain(FAIL),
        Some(Answer::NotApplicable) => Node::text(NOT_APPLICABLE),
        Some(Answer::Level(index)) => {
            let label = item
                .and_then(|item| item.levels.get(*index))
                .map(|l| l.label.clone());
            Node::text(label.unwrap_or_else(|| format!("#{}", index + 1)))
        }
    }
}

/// The response entry of one item: text, then answer/score or N/A, note, who, when.
fn response(item: &Item, state: &VisitState) -> Option<Node> {
    let response = state.responses.get(&item.id)?;
    let mut entries = vec![("text", Node::text(&item.text))];
    match &response.answer {
        None => {}
        Some(Answer::NotApplicable) => entries.push(("na", Node::plain("true"))),
        Some(answer) => {
            if item.kind != ItemKind::Points {
                entries.push(("answer", answer_value(Some(item), Some(answer))));
            }
            if let Some(points) = item.points_for(answer) {
                entries.push(("score", number(points)));
            }
        }
    }
    if !response.note.is_empty() {
        entries.push(("note", Node::text(&response.note)));
    }
    entries.push(("by", Node::text(&response.by)));
    entries.push(("at", Node::plain(response.at)));
    Some(Node::map(entries))
}

fn summary(record: &VisitRecord) -> Node {
    let card = record.state.score(&record.rubric);
    let band = card
        .band
        .and_then(|b| record.rubric.bands.get(b))
        .map(|b| b.label.clone());
    let sections = card
        .sections
        .iter()
        .map(|section| {
            let score = section.percent.map_or(Node::Null, |p| {
                number(round1(p * section.nominal_max / Decimal::ONE_HUNDRED))
            });
            Node::map([
                ("id", Node::text(&section.id)),
                ("earned", number(section.earned)),
                ("max", number(section.applicable_max)),
                ("score", score),
            ])
        })
        .collect();
    let reasons = card
        .reasons
        .iter()
        .map(|reason| Node::text(words::reason(reason)))
        .collect();
    Node::map([
        ("score", number(card.score_rounded())),
        ("nominal_total", number(card.nominal_total)),
        ("verdict", Node::plain(words::verdict_word(card.verdict))),
        ("band", band.map_or(Node::Null, Node::text)),
        ("sections", Node::Seq(sections)),
        ("reasons", Node::Seq(reasons)),
    ])
}

fn history_entry(change: &Change, rubric: &Rubric) -> Node {
    let mut entries = vec![
        ("seq", Node::plain(change.seq)),
        ("at", Node::plain(change.at)),
        ("by", Node::text(&change.by)),
    ];
    match change.kind {
        ChangeKind::Do => {}
        ChangeKind::Undo { of } => entries.push(("undo_of", Node::plain(of))),
        ChangeKind::Redo { of } => entries.push(("redo_of", Node::plain(of))),
    }
    let text_or_null = |text: &str| {
        if text.is_empty() {
            Node::Null
        } else {
            Node::text(text)
        }
    };
    match &change.edit {
        Edit::Created => entries.push(("change", Node::plain(change_word::CREATED))),
        Edit::Answer { item, from, to } => {
            let rubric_item = rubric.item(item);
            entries.push(("change", Node::plain(change_word::ANSWER)));
            entries.push(("item", Node::text(item)));
            entries.push(("from", answer_value(rubric_item, from.as_ref())));
            entries.push(("to", answer_value(rubric_item, to.as_ref())));
        }
        Edit::Note { item, from, to } => {
            entries.push(("change", Node::plain(change_word::NOTE)));
            entries.push(("item", Node::text(item)));
            entries.push(("from", text_or_null(from)));
            entries.push(("to", text_or_null(to)));
        }
        Edit::Finding { field, from, to } => {
            entries.push(("change", Node::plain(change_word::FINDING)));
            entries.push(("field", Node::plain(finding_key(*field))));
            entries.push(("from", text_or_null(from)));
            entries.push(("to", text_or_null(to)));
        }
        Edit::Status { from, to, reason } => {
            entries.push(("change", Node::plain(change_word::STATUS)));
            entries.push(("from", Node::plain(status_word(*from))));
            entries.push(("to", Node::plain(status_word(*to))));
            if let Some(reason) = reason {
                entries.push(("reason", Node::text(reason)));
            }
        }
        Edit::Trash { to } => {
            entries.push(("change", Node::plain(change_word::TRASH)));
            entries.push(("to", Node::plain(to)));
        }
        Edit::ActionAdd { action } | Edit::ActionRemove { action } => {
            let word = if matches!(change.edit, Edit::ActionAdd { .. }) {
                change_word::ACTION_ADD
            } else {
                change_word::ACTION_REMOVE
            };
            entries.push(("change", Node::plain(word)));
            entries.extend(new_action(action));
        }
        Edit::ActionSet {
            id,
            field,
            from,
            to,
        } => {
            entries.push(("change", Node::plain(change_word::ACTION_SET)));
            entries.push(("action", Node::plain(id)));
            entries.push(("field", Node::plain(action_field_word(*field))));
            entries.push(("from", text_or_null(from)));
            entries.push(("to", text_or_null(to)));
        }
        Edit::ActionStatus { id, from, to, note } => {
            entries.push(("change", Node::plain(change_word::ACTION_STATUS)));
            entries.push(("action", Node::plain(id)));
            entries.push(("from", Node::plain(action_status_word(*from))));
            entries.push(("to", Node::plain(action_status_word(*to))));
            if !note.is_empty() {
                entries.push(("note", Node::text(note)));
            }
        }
        Edit::Attach { attachment } | Edit::Detach { attachment } => {
            let word = if matches!(change.edit, Edit::Attach { .. }) {
                change_word::ATTACH
            } else {
                change_word::DETACH
            };
            entries.push(("change", Node::plain(word)));
            entries.push(("attachment", Node::plain(&attachment.id)));
            entries.extend(new_attachment(attachment));
        }
    }
    Node::map(entries)
}

/// An action as added: `action` (its id), then `item` if any, `text`, `owner`, `due`.
fn new_action(action: &NewAction) -> Vec<(&'static str, Node)> {
    let mut entries = vec![("action", Node::plain(&action.id))];
    if let Some(item) = &action.item {
        entries.push(("item", Node::text(item)));
    }
    entries.push(("text", Node::text(&action.text)));
    entries.push(("owner", Node::text(&action.owner)));
    entries.push(("due", action.due.map_or(Node::Null, Node::plain)));
    entries
}

/// An action as the visit document lists it (issue 17's contract).
pub fn action_node(action: &Action) -> Vec<(&'static str, Node)> {
    let added = &action.added;
    let mut entries = vec![("id", Node::plain(&added.id))];
    if let Some(item) = &added.item {
        entries.push(("item", Node::text(item)));
    }
    entries.extend([
        ("text", Node::text(&added.text)),
        ("owner", Node::text(&added.owner)),
        ("due", added.due.map_or(Node::Null, Node::plain)),
        ("status", Node::plain(action_status_word(action.status))),
        ("created_at", Node::plain(action.created_at)),
        ("created_by", Node::text(&action.created_by)),
        ("done_at", action.done_at.map_or(Node::Null, Node::plain)),
        (
            "done_by",
            action.done_by.as_ref().map_or(Node::Null, Node::text),
        ),
        ("done_note", Node::text(&action.done_note)),
    ]);
    entries
}

/// What an attachment is, after its id: `item`, `sha256`, `name`, `bytes`, `media_type`,
/// `caption`, `taken_at` (the same in `attachments:` and in an `attach`/`detach` change).
fn new_attachment(attachment: &NewAttachment) -> Vec<(&'static str, Node)> {
    vec![
        ("item", Node::text(&attachment.item)),
        ("sha256", Node::text(&attachment.sha256)),
        ("name", Node::text(&attachment.name)),
        ("bytes", Node::plain(attachment.bytes)),
        ("media_type", Node::text(&attachment.media_type)),
        ("caption", Node::text(&attachment.caption)),
        (
            "taken_at",
            attachment.taken_at.as_ref().map_or(Node::Null, Node::text),
        ),
    ]
}

/// An attachment as the visit document lists it (issue 18's contract).
pub fn attachment_node(attachment: &Attachment) -> Vec<(&'static str, Node)> {
    let mut entries = vec![("id", Node::plain(attachment.id()))];
    entries.extend(new_attachment(&attachment.added));
    entries.extend([
        ("by", Node::text(&attachment.by)),
        ("at", Node::plain(attachment.at)),
    ]);
    entries
}

/// The rubric copy as written under `rubric_copy:`: the rubric key for key as in its file
/// (its own `Serialize`, see [`tree`]), so the document imports where it was never seen.
/// Written once per digest: every visit of a
/// rubric carries the same 37 KB, and writing it was half the cost of an export.
fn rubric_copy_written(digest: &str, rubric: &Rubric) -> Node {
    let text = WRITTEN_COPIES.with(|cache| {
        let mut cache = cache.borrow_mut();
        // A store uses a few rubrics; a process writing documents of ever new ones (the fuzz
        // targets write millions) must not keep every copy it ever wrote.
        if cache.len() >= KEPT_RUBRIC_COPIES && !cache.contains_key(digest) {
            cache.clear();
        }
        cache
            .entry(digest.to_owned())
            .or_insert_with(|| match tree::node_of(rubric, RUBRIC_NUMBERS) {
                Some(Node::Map(entries)) => emit::mapping_at(&entries, 1),
                _ => String::new(),
            })
            .clone()
    });
    Node::Written(text)
}

/// How many written rubric copies [`rubric_copy_written`] keeps.
const KEPT_RUBRIC_COPIES: usize = 16;

thread_local! {
    /// Rubric copies as written, by digest (see [`rubric_copy_written`]).
    static WRITTEN_COPIES: std::cell::RefCell<std::collections::HashMap<String, String>> =
        std::cell::RefCell::default();
}

/// The keys of a rubric whose values are numbers (see [`tree`]).
const RUBRIC_NUMBERS: &[&str] = &["min_score", "min_section_percent", "max", "step", "points"];

/// The document tree of a visit.
pub fn build(record: &VisitRecord) -> Node {
    let state = &record.state;
    let visit = &state.visit;
    let rubric = &record.rubric;
    let mut top = vec![
        ("format", Node::plain(FORMAT)),
        ("id", Node::plain(&visit.id)),
        (
            "rubric",
            Node::map([
                ("id", Node::text(&visit.rubric.id)),
                ("version", Node::text(&visit.rubric.version)),
                ("digest", Node::text(&visit.rubric.digest)),
            ]),
        ),
        (
            "unit",
            Node::map([
                ("name", Node::text(&visit.unit.name)),
                ("kind", Node::text(kind_word(visit.unit.kind))),
                ("address", Node::text(&visit.unit.address)),
            ]),
        ),
        ("date", Node::plain(visit.date)),
        (
            "team",
            Node::Seq(
                visit
                    .team
                    .iter()
                    .map(|m| {
                        let mut member = vec![
                            ("name", Node::text(&m.name)),
                            ("role", Node::text(role_word(m.role))),
                        ];
                        // Written only when given, so documents of earlier releases and
                        // the readers of those releases see exactly what they did.
                        for (key, text) in [("position", &m.position), ("agency", &m.agency)] {
                            if !text.is_empty() {
                                member.push((key, Node::text(text)));
                            }
                        }
                        Node::map(member)
                    })
                    .collect(),
            ),
        ),
        ("status", Node::plain(status_word(visit.status))),
    ];
    // Written only when set, so every document without it reads as it always did.
    if let Some(previous) = &visit.follow_up_of {
        top.push(("follow_up_of", Node::plain(previous)));
    }
    top.extend([
        ("created_at", Node::plain(visit.created_at)),
        ("updated_at", Node::plain(visit.updated_at)),
    ]);
    if let Some(at) = visit.finalized_at {
        top.push(("finalized_at", Node::plain(at)));
    }
    if let Some(at) = visit.deleted_at {
        top.push(("deleted_at", Node::plain(at)));
    }
    let responses = rubric
        .items()
        .filter_map(|item| Some((item.id.clone(), response(item, state)?)))
        .collect();
    top.push(("responses", Node::Map(responses)));
    let findings = FindingField::FINDINGS
        .iter()
        .map(|field| (finding_key(*field), Node::text(visit.findings.get(*field))));
    top.push(("findings", Node::map(findings)));
    // The details added after the first release are written only when given: a visit that
    // does not use them reads, and is written, exactly as before.
    let minutes = FindingField::MINUTES
        .iter()
        .filter(|field| FIRST_MINUTES.contains(field) || !visit.findings.get(**field).is_empty())
        .map(|field| (finding_key(*field), Node::text(visit.findings.get(*field))));
    top.push(("minutes", Node::map(minutes)));
    if !visit.actions.is_empty() {
        let actions = visit.actions.iter().map(|a| Node::map(action_node(a)));
        top.push(("actions", Node::Seq(actions.collect())));
    }
    // Like actions: written only when there is evidence, so other documents do not change.
    if !visit.attachments.is_empty() {
        let attachments = visit
            .attachments
            .iter()
            .map(|a| Node::map(attachment_node(a)));
        top.push(("attachments", Node::Seq(attachments.collect())));
    }
    top.push(("summary", summary(record)));
    top.push((
        "history",
        Node::Seq(
            record
                .history
                .iter()
                .map(|c| history_entry(c, rubric))
                .collect(),
        ),
    ));
    top.push((
        "rubric_copy",
        rubric_copy_written(&visit.rubric.digest, rubric),
    ));
    Node::map(top)
}

/// The visit as a YAML document.
pub fn to_yaml(record: &VisitRecord) -> String {
    emit::to_yaml(&build(record))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 3 MB unit name was once imported, and every answer after it rewrote it.
    #[test]
    fn every_text_limit_holds_for_an_imported_document() {
        let good = include_str!("../tests/fixtures/good-visit.yaml");
        let long = "ạ".repeat(crate::domain::history::MAX_TEXT_CHARS + 1);
        let record = parse(good).expect("the good visit parses");
        let name = &record.state.visit.unit.name;
        let by = &record.history[0].by;
        for (what, text) in [
            ("unit.name", good.replacen(name.as_str(), &long, 1)),
            (
                "by",
                good.replacen(&format!("by: \"{by}\""), &format!("by: \"{long}\""), 1),
            ),
        ] {
            assert_ne!(text, good, "{what}: the fixture changed");
            let error = parse(&text).expect_err(what);
            assert!(
                error.to_string().contains("over the limit"),
                "{what}: {error}"
            );
        }
    }

    /// Found by the `rubric` fuzz target: every rubric ever written stayed cached (1.2 GB
    /// after ten minutes). Copies written after the cache was emptied are still right.
    #[test]
    fn written_rubric_copies_are_bounded() {
        let mut record = parse(include_str!("../tests/fixtures/good-visit.yaml"))
            .expect("the good visit parses");
        for n in 0..3 * KEPT_RUBRIC_COPIES {
            record.rubric.title = format!("Bộ tiêu chí {n}");
            record.state.visit.rubric.digest = digest::digest(&record.rubric);
            let back = parse(&to_yaml(&record)).expect("onsite reads its own export");
            assert_eq!(back, record);
            let kept = WRITTEN_COPIES.with(|cache| cache.borrow().len());
            assert!(kept <= KEPT_RUBRIC_COPIES, "{kept} copies kept");
        }
    }
}
