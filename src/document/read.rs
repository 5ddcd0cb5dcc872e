//! Reading a visit document back: size limit, YAML, shape, then every rule (known items,
//! scores in range, a rubric copy that matches its digest). A bad file is rejected whole,
//! with the line and column of each problem found.

mod evidence;

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::Deserialize;
use unicode_normalization::UnicodeNormalization;

use super::words::{
    self, FAIL, NOT_APPLICABLE, PASS, action_status_from_word as action_status,
    change as change_word, finding_from_key as finding, role_from_word as role,
    status_from_word as status,
};
use super::{FORMAT, VisitRecord};
use crate::domain::action::{Action, NewAction};
use crate::domain::answer::Answer;
use crate::domain::history::{Change, ChangeKind, Edit, MAX_TEXT_CHARS};
use crate::domain::rubric::{Item, ItemKind, Rubric};
use crate::domain::visit::{
    FindingField, Findings, Member, Response, RubricRef, Stamp, Status, Unit, UnitKind, Visit,
    VisitState,
};
use crate::yaml::{self, Position};

/// Larger than any real visit (the biggest rubric copy plus years of history).
pub const MAX_DOCUMENT_BYTES: usize = 4 * 1024 * 1024;

/// One problem in a document: where, and what (in English; the CLI prints it as is).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentProblem {
    pub position: Option<Position>,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", .problems.iter().map(|p| p.message.clone()).collect::<Vec<_>>().join("; "))]
pub struct DocumentError {
    pub problems: Vec<DocumentProblem>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Doc {
    format: String,
    id: String,
    rubric: RefDoc,
    unit: UnitDoc,
    date: String,
    #[serde(default)]
    team: Vec<MemberDoc>,
    status: String,
    /// The visit this one checks again; absent in documents without one.
    #[serde(default)]
    follow_up_of: Option<String>,
    created_at: String,
    updated_at: String,
    #[serde(default)]
    finalized_at: Option<String>,
    #[serde(default)]
    deleted_at: Option<String>,
    #[serde(default)]
    responses: BTreeMap<String, ResponseDoc>,
    #[serde(default)]
    findings: BTreeMap<String, Option<String>>,
    /// The biên bản's details; same handling as findings.
    #[serde(default)]
    minutes: BTreeMap<String, Option<String>>,
    /// Corrective actions; absent in documents without any.
    #[serde(default)]
    actions: Vec<ActionDoc>,
    /// Evidence; absent in documents without any.
    #[serde(default)]
    attachments: Vec<evidence::AttachmentDoc>,
    /// Derived; recomputed on import, never trusted.
    #[serde(default)]
    #[allow(dead_code)]
    summary: serde::de::IgnoredAny,
    #[serde(default)]
    history: Vec<HistoryDoc>,
    rubric_copy: Rubric,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ActionDoc {
    id: String,
    #[serde(default)]
    item: Option<String>,
    text: String,
    #[serde(default)]
    owner: String,
    #[serde(default)]
    due: Option<String>,
    status: String,
    created_at: String,
    created_by: String,
    #[serde(default)]
    done_at: Option<String>,
    #[serde(default)]
    done_by: Option<String>,
    #[serde(default)]
    done_note: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RefDoc {
    id: String,
    version: String,
    digest: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UnitDoc {
    name: String,
    kind: String,
    #[serde(default)]
    address: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MemberDoc {
    name: String,
    role: String,
    #[serde(default)]
    position: String,
    #[serde(default)]
    agency: String,
}

/// A scalar whose type depends on the item: a number, `pass`/`fail`, a label, `n/a`.
#[derive(Deserialize, Debug, Clone)]
#[serde(untagged)]
enum Scalar {
    Bool(bool),
    Int(i64),
    Float(f64),
    Text(String),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ResponseDoc {
    /// The item's text, for human readers; ignored.
    #[serde(default)]
    #[allow(dead_code)]
    text: Option<String>,
    #[serde(default)]
    answer: Option<Scalar>,
    #[serde(default)]
    score: Option<Scalar>,
    #[serde(default)]
    na: Option<bool>,
    #[serde(default)]
    note: Option<String>,
    by: String,
    at: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HistoryDoc {
    seq: u64,
    at: String,
    by: String,
    #[serde(default)]
    undo_of: Option<u64>,
    #[serde(default)]
    redo_of: Option<u64>,
    change: String,
    #[serde(default)]
    item: Option<String>,
    #[serde(default)]
    field: Option<String>,
    #[serde(default)]
    from: Option<Scalar>,
    #[serde(default)]
    to: Option<Scalar>,
    #[serde(default)]
    reason: Option<String>,
    /// The action an action change is about (its id).
    #[serde(default)]
    action: Option<String>,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    owner: Option<String>,
    #[serde(default)]
    due: Option<String>,
    #[serde(default)]
    note: Option<String>,
    /// The attachment an `attach`/`detach` change is about (its id), and what it is.
    #[serde(default)]
    attachment: Option<String>,
    #[serde(default)]
    sha256: Option<String>,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    bytes: Option<Scalar>,
    #[serde(default)]
    media_type: Option<String>,
    #[serde(default)]
    caption: Option<String>,
    #[serde(default)]
    taken_at: Option<String>,
}

/// Collects problems with the path of the key at fault; positions are looked up at the end.
struct Checker {
    problems: Vec<(String, String)>,
}

impl Checker {
    fn fail(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.problems.push((path.into(), message.into()));
    }
}

fn nfc(text: &str) -> String {
    text.nfc().collect()
}

fn decimal(value: &Scalar) -> Option<Decimal> {
    match value {
        Scalar::Int(n) => Some(Decimal::from(*n)),
        Scalar::Float(f) => Decimal::try_from(*f).ok().map(|d| d.normalize()),
        Scalar::Bool(_) | Scalar::Text(_) => None,
    }
}

/// An answer written as in history (`from`/`to`): number, pass/fail, level label, `n/a`.
fn answer_of(item: &Item, value: &Scalar) -> Option<Answer> {
    if let Scalar::Text(text) = value {
        if let Some(index) = item
            .levels
            .iter()
            .position(|level| nfc(&level.label) == nfc(text))
        {
            return Some(Answer::Level(index));
        }
        match text.as_str() {
            NOT_APPLICABLE => return Some(Answer::NotApplicable),
            PASS if item.kind == ItemKind::Check => return Some(Answer::Pass),
            FAIL if item.kind == ItemKind::Check => return Some(Answer::Fail),
            _ => return None,
        }
    }
    match item.kind {
        ItemKind::Points => decimal(value).map(Answer::Points),
        _ => None,
    }
}

fn stamp(c: &mut Checker, path: &str, text: &str) -> Stamp {
    text.parse().unwrap_or_else(|_| {
        c.fail(
            path,
            format!("\"{text}\" is not a time like 2026-11-28T09:30:00+07:00"),
        );
        Stamp {
            instant: jiff::Timestamp::UNIX_EPOCH,
            offset: jiff::tz::Offset::UTC,
        }
    })
}

fn check_text(c: &mut Checker, path: &str, text: &str) {
    let chars = text.chars().count();
    if chars > MAX_TEXT_CHARS {
        c.fail(
            path,
            format!("text of {chars} characters is over the limit of {MAX_TEXT_CHARS}"),
        );
    }
}

/// Whether `id` is a visit id: a ULID, in either case (onsite writes capitals; a copy's
/// id is read in capitals, so `01jdx…` and `01JDX…` are one visit).
pub fn is_ulid(id: &str) -> bool {
    id.len() == 26 && id.parse::<ulid::Ulid>().is_ok()
}

/// Reads a visit document. Nothing is trusted that can be recomputed: the summary is
/// ignored, scores of check and levels items come from the rubric copy.
pub fn parse(text: &str) -> Result<VisitRecord, DocumentError> {
    let bare = |message: String| DocumentError {
        problems: vec![DocumentProblem {
            position: None,
            message,
        }],
    };
    if text.len() > MAX_DOCUMENT_BYTES {
        return Err(bare(format!(
            "the file is {} bytes, over the {MAX_DOCUMENT_BYTES}-byte limit for a visit document",
            text.len()
        )));
    }
    // Windows Notepad starts UTF-8 files with a byte-order mark; it is not content.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(bare(format!(
            "the file is empty; a visit document starts with `format: {FORMAT}`"
        )));
    }
    let doc: Doc = yaml::from_str(text).map_err(|error| {
        let message = if error.message.contains("repetition limit exceeded") {
            "the file expands YAML aliases too many times (repetition limit exceeded); refused"
                .to_owned()
        } else {
            error.message
        };
        DocumentError {
            problems: vec![DocumentProblem {
                position: error.position,
                message,
            }],
        }
    })?;
    // Serde keeps the last of two equal keys without a word; a visit file never has one.
    let at = yaml::locate(text);
    if let Some((path, position)) = at.repeats().first() {
        let key = path.rsplit_once('.').map_or(path.as_str(), |(_, key)| key);
        let within = path.rsplit_once('.').map_or("", |(parent, _)| parent);
        let key = if within == "responses" || within.starts_with("responses.") {
            path.strip_prefix("responses.").unwrap_or(key)
        } else {
            key
        };
        return Err(DocumentError {
            problems: vec![DocumentProblem {
                position: Some(*position),
                message: format!("\"{key}\" is written twice; keep one"),
            }],
        });
    }
    let mut c = Checker {
        problems: Vec::new(),
    };
    if let Some(record) = convert(&mut c, doc)
        && c.problems.is_empty()
    {
        return Ok(record);
    }
    let at = yaml::locate(text);
    Err(DocumentError {
        problems: c
            .problems
            .into_iter()
            .map(|(path, message)| DocumentProblem {
                position: at.find(&path),
                message,
            })
            .collect(),
    })
}

/// The record, or `None` when the rubric copy is too broken to check answers against (then
/// `c` says why).
fn convert(c: &mut Checker, doc: Doc) -> Option<VisitRecord> {
    if doc.format != FORMAT {
        c.fail(
            "format",
            format!("format is \"{}\"; expected `{FORMAT}`", doc.format),
        );
    }
    if !is_ulid(&doc.id) {
        c.fail(
            "id",
            format!(
                "id \"{}\" is not a visit id (26 characters, like 01JDX3…)",
                doc.id
            ),
        );
    }
    let rubric = doc.rubric_copy;
    let rule_problems = crate::domain::rubric_check::check(&rubric);
    let rubric_broken = !rule_problems.is_empty();
    for problem in rule_problems {
        c.fail(
            format!("rubric_copy.{}", problem.path),
            "the rubric copy breaks the rubric rules (check it with `onsite rubric check`)",
        );
    }
    // Either digest: the canonical one, or the one documents carried before it.
    if doc.rubric.id != rubric.id
        || doc.rubric.version != rubric.version
        || !super::digest::digest_matches(&doc.rubric.digest, &rubric)
    {
        c.fail(
            "rubric",
            "rubric id, version or digest does not match rubric_copy: the copy was edited",
        );
    }
    let visit = header(
        c,
        doc.id.to_ascii_uppercase(),
        doc.rubric,
        doc.unit,
        &doc.date,
        doc.team,
        &doc.status,
        [("findings", doc.findings), ("minutes", doc.minutes)],
        Stamps {
            created: doc.created_at,
            updated: doc.updated_at,
            finalized: doc.finalized_at,
            deleted: doc.deleted_at,
        },
    );
    // Answers are checked against the rubric copy: one that breaks the rules (a step of 0,
    // a levels item without levels) cannot judge them, and the problems above say so.
    if rubric_broken {
        return None;
    }
    let mut responses = BTreeMap::new();
    for (id, entry) in doc.responses {
        let path = format!("responses.{id}");
        let Some(item) = rubric.item(&id) else {
            c.fail(&path, format!("item \"{id}\" is not in the rubric copy"));
            continue;
        };
        if let Some(response) = response(c, &path, item, entry) {
            responses.insert(id, response);
        }
    }
    let mut visit = visit;
    visit.actions = actions(c, &rubric, doc.actions);
    visit.attachments = evidence::attachments(c, &rubric, doc.attachments);
    visit.follow_up_of = doc.follow_up_of.map(|id| {
        if !is_ulid(&id) {
            c.fail("follow_up_of", format!("\"{id}\" is not a visit id"));
        }
        id.to_ascii_uppercase()
    });
    let history: Vec<Change> = doc
        .history
        .into_iter()
        .enumerate()
        .filter_map(|(index, entry)| change(c, &format!("history.{index}"), &rubric, entry))
        .collect();
    check_sequence(c, &history);
    Some(VisitRecord {
        state: VisitState { visit, responses },
        rubric,
        history,
    })
}

/// The document's times, read together.
struct Stamps {
    created: String,
    updated: String,
    finalized: Option<String>,
    deleted: Option<String>,
}

#[allow(clippy::too_many_arguments)] // the document's header fields, read in one place
fn header(
    c: &mut Checker,
    id: String,
    reference: RefDoc,
    unit: UnitDoc,
    date_text: &str,
    team_doc: Vec<MemberDoc>,
    status_text: &str,
    texts: [(&'static str, BTreeMap<String, Option<String>>); 2],
    stamps: Stamps,
) -> Visit {
    check_text(c, "unit.name", &unit.name);
    check_text(c, "unit.address", &unit.address);
    let kind = words::kind_from_word(&unit.kind).unwrap_or_else(|| {
        let [first, second, third] = UnitKind::ALL.map(words::kind_word);
        c.fail(
            "unit.kind",
            format!(
                "unknown kind \"{}\"; use {first}, {second} or {third}",
                unit.kind
            ),
        );
        UnitKind::CoQuan
    });
    let date = date_text.parse::<jiff::civil::Date>().unwrap_or_else(|_| {
        c.fail(
            "date",
            format!("\"{date_text}\" is not a date like 2026-11-28"),
        );
        jiff::civil::Date::constant(2000, 1, 1)
    });
    let mut team = Vec::new();
    for (index, member) in team_doc.into_iter().enumerate() {
        check_text(c, &format!("team.{index}.name"), &member.name);
        check_text(c, &format!("team.{index}.position"), &member.position);
        check_text(c, &format!("team.{index}.agency"), &member.agency);
        match role(&member.role) {
            Some(role) => team.push(Member {
                name: member.name,
                role,
                position: member.position,
                agency: member.agency,
            }),
            None => c.fail(
                format!("team.{index}.role"),
                format!("unknown role \"{}\"", member.role),
            ),
        }
    }
    let status = status(status_text).unwrap_or_else(|| {
        c.fail(
            "status",
            format!("status \"{status_text}\" must be draft or finalized"),
        );
        Status::Draft
    });
    let mut findings = Findings::default();
    for (section, map) in texts {
        let allowed: &[FindingField] = if section == "findings" {
            &FindingField::FINDINGS
        } else {
            &FindingField::MINUTES
        };
        for (key, value) in map {
            match finding(&key).filter(|field| allowed.contains(field)) {
                Some(field) => {
                    let text = value.unwrap_or_default();
                    check_text(c, &format!("{section}.{key}"), &text);
                    *findings.get_mut(field) = text;
                }
                None => c.fail(
                    format!("{section}.{key}"),
                    format!("unknown key \"{key}\" in {section}"),
                ),
            }
        }
    }
    Visit {
        id,
        unit: Unit {
            name: unit.name,
            kind,
            address: unit.address,
        },
        date,
        team,
        status,
        created_at: stamp(c, "created_at", &stamps.created),
        updated_at: stamp(c, "updated_at", &stamps.updated),
        finalized_at: stamps.finalized.map(|at| stamp(c, "finalized_at", &at)),
        findings,
        rubric: RubricRef {
            id: reference.id,
            version: reference.version,
            digest: reference.digest,
        },
        deleted_at: stamps.deleted.map(|at| stamp(c, "deleted_at", &at)),
        follow_up_of: None,
        actions: Vec::new(),
        attachments: Vec::new(),
    }
}

/// An action's change in the history (`action_add`, `action_remove`, `action_set`,
/// `action_status`), or `None` with the problem noted.
fn action_change(c: &mut Checker, path: &str, rubric: &Rubric, doc: &HistoryDoc) -> Option<Edit> {
    let Some(id) = doc.action.clone().filter(|id| is_ulid(id)) else {
        c.fail(
            format!("{path}.action"),
            "an action change names its action by id (26 characters, like 01JDX3…)",
        );
        return None;
    };
    let word = |v: &Option<Scalar>| match v {
        Some(Scalar::Text(t)) => Some(t.clone()),
        None => Some(String::new()),
        Some(_) => None,
    };
    match doc.change.as_str() {
        change_word::ACTION_ADD | change_word::ACTION_REMOVE => {
            if let Some(item) = &doc.item
                && rubric.item(item).is_none()
            {
                c.fail(
                    format!("{path}.item"),
                    format!("item \"{item}\" is not in the rubric copy"),
                );
                return None;
            }
            let due = match doc.due.as_deref() {
                None => None,
                Some(text) => {
                    let Ok(date) = text.parse() else {
                        c.fail(format!("{path}.due"), format!("\"{text}\" is not a date"));
                        return None;
                    };
                    Some(date)
                }
            };
            let text = doc.text.clone().unwrap_or_default();
            let owner = doc.owner.clone().unwrap_or_default();
            check_text(c, &format!("{path}.text"), &text);
            check_text(c, &format!("{path}.owner"), &owner);
            let action = NewAction {
                id,
                item: doc.item.clone(),
                text,
                owner,
                due,
            };
            Some(if doc.change == change_word::ACTION_ADD {
                Edit::ActionAdd { action }
            } else {
                Edit::ActionRemove { action }
            })
        }
        change_word::ACTION_SET => {
            let field = doc.field.as_deref().and_then(words::action_field_from_word);
            let (Some(field), Some(from), Some(to)) = (field, word(&doc.from), word(&doc.to))
            else {
                c.fail(
                    path,
                    "an action_set change needs field (text, owner, due) and texts",
                );
                return None;
            };
            check_text(c, &format!("{path}.from"), &from);
            check_text(c, &format!("{path}.to"), &to);
            Some(Edit::ActionSet {
                id,
                field,
                from,
                to,
            })
        }
        _ => {
            let status = |v: &Option<Scalar>| match v {
                Some(Scalar::Text(t)) => action_status(t),
                _ => None,
            };
            let (Some(from), Some(to)) = (status(&doc.from), status(&doc.to)) else {
                c.fail(path, "an action_status change goes between open and done");
                return None;
            };
            let note = doc.note.clone().unwrap_or_default();
            check_text(c, &format!("{path}.note"), &note);
            Some(Edit::ActionStatus { id, from, to, note })
        }
    }
}

/// The document's `actions:` list, checked like the rest.
fn actions(c: &mut Checker, rubric: &Rubric, docs: Vec<ActionDoc>) -> Vec<Action> {
    let mut actions: Vec<Action> = Vec::new();
    for (index, doc) in docs.into_iter().enumerate() {
        let path = format!("actions.{index}");
        if !is_ulid(&doc.id) || actions.iter().any(|a| a.id() == doc.id) {
            c.fail(
                format!("{path}.id"),
                format!(
                    "\"{}\" is not a new action id (26 characters, like 01JDX3…)",
                    doc.id
                ),
            );
            continue;
        }
        if let Some(item) = &doc.item
            && rubric.item(item).is_none()
        {
            c.fail(
                format!("{path}.item"),
                format!("item \"{item}\" is not in the rubric copy"),
            );
            continue;
        }
        let due = doc.due.as_deref().and_then(|text| {
            text.parse().ok().or_else(|| {
                c.fail(format!("{path}.due"), format!("\"{text}\" is not a date"));
                None
            })
        });
        let Some(status) = action_status(&doc.status) else {
            c.fail(format!("{path}.status"), "status must be open or done");
            continue;
        };
        for (key, text) in [
            ("text", &doc.text),
            ("owner", &doc.owner),
            ("created_by", &doc.created_by),
            ("done_note", &doc.done_note),
        ] {
            check_text(c, &format!("{path}.{key}"), text);
        }
        actions.push(Action {
            added: NewAction {
                id: doc.id,
                item: doc.item,
                text: doc.text,
                owner: doc.owner,
                due,
            },
            status,
            created_at: stamp(c, &format!("{path}.created_at"), &doc.created_at),
            created_by: doc.created_by,
            done_at: doc
                .done_at
                .map(|at| stamp(c, &format!("{path}.done_at"), &at)),
            done_by: doc.done_by,
            done_note: doc.done_note,
        });
    }
    actions
}

/// History numbers go up one change at a time, and undo/redo point back at an earlier one.
fn check_sequence(c: &mut Checker, history: &[Change]) {
    let mut previous = 0;
    for (index, change) in history.iter().enumerate() {
        let path = format!("history.{index}.seq");
        if change.seq <= previous {
            c.fail(
                &path,
                format!(
                    "seq {} does not follow {previous}; history numbers go up",
                    change.seq
                ),
            );
        }
        if let ChangeKind::Undo { of } | ChangeKind::Redo { of } = change.kind
            && (of >= change.seq || !history.iter().any(|other| other.seq == of))
        {
            c.fail(
                &path,
                format!("undo/redo of {of} points at no earlier change"),
            );
        }
        previous = change.seq;
    }
}

/// "“Xuất sắc” is not an answer to item 1.3; use one of: Tốt, Khá, Kém".
fn not_an_answer(item: &Item, value: &Scalar) -> String {
    let shown = match value {
        Scalar::Text(text) => format!("\"{text}\""),
        Scalar::Bool(b) => b.to_string(),
        Scalar::Int(n) => n.to_string(),
        Scalar::Float(f) => f.to_string(),
    };
    let choices: Vec<String> = match item.kind {
        ItemKind::Check => vec![PASS.into(), FAIL.into()],
        ItemKind::Levels => item
            .levels
            .iter()
            .map(|l| format!("\"{}\"", l.label))
            .collect(),
        ItemKind::Points => vec![format!(
            "a score from 0 to {}",
            item.max_points().normalize()
        )],
    };
    format!(
        "{shown} is not an answer to item {}; use one of: {}",
        item.id,
        choices.join(", ")
    )
}

fn response(c: &mut Checker, path: &str, item: &Item, doc: ResponseDoc) -> Option<Response> {
    let answer = if doc.na == Some(true) {
        Some(Answer::NotApplicable)
    } else {
        match (item.kind, &doc.answer, &doc.score) {
            (_, None, None) => None,
            (ItemKind::Points, None, Some(score)) => {
                decimal(score).map(Answer::Points).or_else(|| {
                    c.fail(format!("{path}.score"), "score must be a number");
                    None
                })
            }
            (ItemKind::Check | ItemKind::Levels, Some(value), _) => {
                answer_of(item, value).or_else(|| {
                    c.fail(format!("{path}.answer"), not_an_answer(item, value));
                    None
                })
            }
            _ => {
                c.fail(
                    path,
                    format!(
                        "item {} is answered with {}",
                        item.id,
                        if item.kind == ItemKind::Points {
                            "score"
                        } else {
                            "answer"
                        }
                    ),
                );
                None
            }
        }
    };
    if let Some(Err(error)) = answer.as_ref().map(|answer| item.accepts(answer)) {
        let key = if doc.na == Some(true) {
            "na"
        } else if item.kind == ItemKind::Points {
            "score"
        } else {
            "answer"
        };
        c.fail(
            format!("{path}.{key}"),
            format!("item {}: {error}", item.id),
        );
        return None;
    }
    let note = doc.note.unwrap_or_default();
    check_text(c, &format!("{path}.note"), &note);
    check_text(c, &format!("{path}.by"), &doc.by);
    let at = stamp(c, &format!("{path}.at"), &doc.at);
    let response = Response {
        answer,
        note,
        by: doc.by,
        at,
    };
    (!response.is_empty()).then_some(response)
}

/// Every text limit of an edit holds for an imported one too (the store keeps them whole).
fn check_change_texts(c: &mut Checker, path: &str, by: &str, edit: &Edit) {
    check_text(c, &format!("{path}.by"), by);
    match edit {
        Edit::Note { from, to, .. } | Edit::Finding { from, to, .. } => {
            check_text(c, &format!("{path}.from"), from);
            check_text(c, &format!("{path}.to"), to);
        }
        Edit::Status {
            reason: Some(reason),
            ..
        } => check_text(c, &format!("{path}.reason"), reason),
        _ => {}
    }
}

#[allow(clippy::too_many_lines)] // one arm per kind of change, read in one place
fn change(c: &mut Checker, path: &str, rubric: &Rubric, doc: HistoryDoc) -> Option<Change> {
    let kind = match (doc.undo_of, doc.redo_of) {
        (None, None) => ChangeKind::Do,
        (Some(of), None) => ChangeKind::Undo { of },
        (None, Some(of)) => ChangeKind::Redo { of },
        _ => {
            c.fail(path, "a change cannot be both an undo and a redo");
            return None;
        }
    };
    let text = |value: &Option<Scalar>| match value {
        Some(Scalar::Text(text)) => Some(text.clone()),
        None => Some(String::new()),
        Some(_) => None,
    };
    let edit = match doc.change.as_str() {
        change_word::CREATED => Edit::Created,
        change_word::ANSWER | change_word::NOTE => {
            let id = doc.item.clone().unwrap_or_default();
            let Some(item) = rubric.item(&id) else {
                c.fail(
                    format!("{path}.item"),
                    format!("item \"{id}\" is not in the rubric copy"),
                );
                return None;
            };
            if doc.change == change_word::NOTE {
                let (Some(from), Some(to)) = (text(&doc.from), text(&doc.to)) else {
                    c.fail(path, "a note change goes from text to text");
                    return None;
                };
                Edit::Note { item: id, from, to }
            } else {
                // An answer in the history must fit the item too: undo would restore it.
                let value = |v: &Option<Scalar>| {
                    v.as_ref()
                        .map(|v| answer_of(item, v).filter(|a| item.accepts(a).is_ok()))
                };
                match (value(&doc.from), value(&doc.to)) {
                    (Some(None), _) | (_, Some(None)) => {
                        c.fail(
                            path,
                            format!("an answer in this change does not fit item {id}"),
                        );
                        return None;
                    }
                    (from, to) => Edit::Answer {
                        item: id,
                        from: from.flatten(),
                        to: to.flatten(),
                    },
                }
            }
        }
        change_word::FINDING => {
            let field = doc.field.as_deref().and_then(finding);
            let (Some(field), Some(from), Some(to)) = (field, text(&doc.from), text(&doc.to))
            else {
                c.fail(path, "a finding change needs field (strengths, shortcomings, recommendations, conclusion) and texts");
                return None;
            };
            Edit::Finding { field, from, to }
        }
        change_word::STATUS => {
            let word = |v: &Option<Scalar>| match v {
                Some(Scalar::Text(t)) => status(t),
                _ => None,
            };
            let (Some(from), Some(to)) = (word(&doc.from), word(&doc.to)) else {
                c.fail(path, "a status change goes between draft and finalized");
                return None;
            };
            Edit::Status {
                from,
                to,
                reason: doc.reason.clone(),
            }
        }
        change_word::TRASH => {
            let Some(Scalar::Bool(to)) = doc.to else {
                c.fail(path, "a trash change has to: true or false");
                return None;
            };
            Edit::Trash { to }
        }
        change_word::ACTION_ADD
        | change_word::ACTION_REMOVE
        | change_word::ACTION_SET
        | change_word::ACTION_STATUS => action_change(c, path, rubric, &doc)?,
        change_word::ATTACH | change_word::DETACH => evidence::change(c, path, rubric, &doc)?,
        other => {
            c.fail(
                format!("{path}.change"),
                format!("unknown change \"{other}\""),
            );
            return None;
        }
    };
    check_change_texts(c, path, &doc.by, &edit);
    let at = stamp(c, &format!("{path}.at"), &doc.at);
    Some(Change {
        seq: doc.seq,
        at,
        by: doc.by,
        kind,
        edit,
    })
}
