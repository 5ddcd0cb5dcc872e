//! Schema 2: which key holds what, and how values are encoded.
//!
//! One tree, keys by prefix, values JSON (old records stay readable):
//! - `meta/schema` → schema version; `meta/session` → the visit the TUI has open;
//!   `meta/store_id` → this store's id (the spare copy names it)
//! - `state/{id}` → the visit: one JSON line (visit, responses, last change number), then
//!   its newest changes, one JSON line each (the *tail*, up to [`TAIL_BYTES`]). Notes and
//!   findings are left out of it (empty there): see `text/`
//! - in a tree of their own, `texts`: `{id}/note/{item}`, `{id}/finding/{field}` → each
//!   non-empty note and finding (schema 3). An answer rewrites the `state/` value; were the
//!   texts in it, a visit with ten long notes would write half a megabyte per answer. And
//!   not in the main tree either: sled splits a leaf only past 16 keys, whatever their size,
//!   and rewrites a whole leaf (as a blob file past 128 KiB) when it consolidates, so long
//!   texts beside a visit's `state/` key were rewritten with it every few answers
//! - `log/{id}/{first seq:be64}` → older changes, moved out of the tail in chunks: the same
//!   JSON lines, LZ4-compressed (byte 1, then the block); history is read rarely (export,
//!   undo, `onsite history`) and compresses about 4×, and sled's start-up reads a header
//!   per 512 KiB of its file
//! - `sum/{id}` → [`VisitSummary`], what the list shows
//! - `dirty/{id}` → this visit's summary may lag its state (see [`super::Store::commit`])
//! - `rubric/{digest}` → the exact [`Rubric`](crate::domain::rubric::Rubric) visits were
//!   scored against (shared by digest)
//! - `plan/{id}` → one entry of the campaign plan ([`crate::domain::plan::PlanEntry`]);
//!   its spare copy is `spare/plan/{id}.yaml` (see `spare/plans.rs`)
//! - `{kind}/{id}` → small per-visit records of other modules (`sync/`, `syncbase/`, `conflict/`)
//!
//! Why: an answer must be one sled `insert` of one value (state and its history together, so
//! they are atomic): a sled `Batch` costs an extra device round trip (sled 0.34's
//! `pin_log` rolls the log buffer before and after its manifest). And few keys: sled's
//! start-up reads a page table for every key; schema 1's one key per response and per change
//! (~90 per visit) made opening 10,000 visits ten times slower.
//!
//! `serde_json` writes no raw newline (it escapes them inside strings), so lines split values
//! safely.

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::StoreError;
use crate::domain::history::{Change, Edit};
use crate::domain::scoring::Answers;
use crate::domain::visit::{FindingField, Response, Visit, VisitState};

/// The tail takes a change while it stays this small; then it moves to a `log/` chunk.
pub const TAIL_BYTES: usize = 8 * 1024;
/// A `log/` chunk written whole (an import, a merge, a migration) holds this much, before
/// compression.
const CHUNK_BYTES: usize = 32 * 1024;
/// The first byte of a compressed chunk (plain JSON lines start with `{`).
const PACKED: u8 = 1;

pub fn state_key(id: &str) -> Vec<u8> {
    format!("state/{id}").into_bytes()
}
pub fn summary_key(id: &str) -> Vec<u8> {
    format!("sum/{id}").into_bytes()
}
pub fn dirty_key(id: &str) -> Vec<u8> {
    format!("dirty/{id}").into_bytes()
}
pub fn log_prefix(id: &str) -> Vec<u8> {
    format!("log/{id}/").into_bytes()
}
pub fn log_key(id: &str, first_seq: u64) -> Vec<u8> {
    let mut key = log_prefix(id);
    key.extend_from_slice(&first_seq.to_be_bytes());
    key
}
/// The tree holding notes and findings.
pub const TEXTS_TREE: &[u8] = b"texts";

pub fn text_prefix(id: &str) -> Vec<u8> {
    format!("{id}/").into_bytes()
}
pub fn note_key(id: &str, item: &str) -> Vec<u8> {
    format!("{id}/note/{item}").into_bytes()
}
pub fn finding_key(id: &str, field: FindingField) -> Vec<u8> {
    format!("{id}/finding/{}", crate::document::finding_key(field)).into_bytes()
}
pub fn rubric_key(digest: &str) -> Vec<u8> {
    format!("rubric/{digest}").into_bytes()
}

pub fn encode<T: Serialize>(value: &T) -> Vec<u8> {
    // Our own plain structs with string keys: serializing them to JSON cannot fail.
    serde_json::to_vec(value).unwrap_or_default()
}

pub fn decode<T: DeserializeOwned>(key: &[u8], bytes: &[u8]) -> Result<T, StoreError> {
    serde_json::from_slice(bytes).map_err(|error| corrupt(key, error.to_string()))
}

pub fn corrupt(key: &[u8], detail: String) -> StoreError {
    StoreError::Corrupt {
        key: String::from_utf8_lossy(key).into_owned(),
        detail,
    }
}

/// The first line of `state/{id}`, as written.
#[derive(Serialize)]
struct HeadOut<'a> {
    visit: &'a Visit,
    responses: &'a BTreeMap<String, Response>,
    last_seq: u64,
}

/// The first line of `state/{id}`, as read.
#[derive(Deserialize)]
struct HeadIn {
    visit: Visit,
    responses: BTreeMap<String, Response>,
    last_seq: u64,
}

/// The first line of `state/{id}` as a summary of many visits reads it: the header and each
/// answer; notes' places, authors and times are skipped unparsed (`onsite stats` reads ten
/// thousand of these, and parsing 41 times per visit was most of its time).
#[derive(Deserialize)]
struct AnswersIn {
    visit: Visit,
    responses: BTreeMap<String, AnswerIn>,
}

#[derive(Deserialize)]
struct AnswerIn {
    #[serde(default)]
    answer: Option<crate::domain::answer::Answer>,
}

/// The header and answers of a `state/{id}` value.
pub fn decode_answers(key: &[u8], value: &[u8]) -> Result<(Visit, Answers), StoreError> {
    let (head, _) = split_head(value);
    let AnswersIn { visit, responses } = decode(key, head)?;
    let answers = responses
        .into_iter()
        .filter_map(|(item, response)| Some((item, response.answer?)))
        .collect();
    Ok((visit, answers))
}

/// A `state/{id}` value read back: the state, its last change number and the tail's lines.
pub struct Stored<'a> {
    pub state: VisitState,
    pub last_seq: u64,
    pub tail: &'a [u8],
}

/// `state/{id}`: the head line, then the tail (JSON lines, each ending in a newline). The
/// head leaves notes and findings out: they are kept under [`text_prefix`] ([`texts`]).
pub fn encode_visit(state: &VisitState, last_seq: u64, tail: &[u8]) -> Vec<u8> {
    let mut visit = state.visit.clone();
    for field in FindingField::all() {
        visit.findings.get_mut(field).clear();
    }
    let mut responses = state.responses.clone();
    for response in responses.values_mut() {
        response.note.clear();
    }
    let mut value = encode(&HeadOut {
        visit: &visit,
        responses: &responses,
        last_seq,
    });
    value.push(b'\n');
    value.extend_from_slice(tail);
    value
}

pub fn decode_visit<'a>(key: &[u8], value: &'a [u8]) -> Result<Stored<'a>, StoreError> {
    let (head, tail) = split_head(value);
    let HeadIn {
        visit,
        responses,
        last_seq,
    } = decode(key, head)?;
    Ok(Stored {
        state: VisitState { visit, responses },
        last_seq,
        tail,
    })
}

/// The visit's non-empty notes and findings, as keys and values of the `texts` tree.
pub fn texts(state: &VisitState) -> Vec<(Vec<u8>, Vec<u8>)> {
    let id = &state.visit.id;
    let notes = state
        .responses
        .iter()
        .filter(|(_, response)| !response.note.is_empty())
        .map(|(item, response)| (note_key(id, item), response.note.as_bytes().to_vec()));
    let findings = FindingField::all()
        .map(|field| (field, state.visit.findings.get(field)))
        .filter(|(_, text)| !text.is_empty())
        .map(|(field, text)| (finding_key(id, field), text.as_bytes().to_vec()));
    notes.chain(findings).collect()
}

/// Puts a `texts` value (key relative to the visit's prefix) back into the state.
pub fn put_text(state: &mut VisitState, relative: &[u8], text: &[u8]) {
    let relative = String::from_utf8_lossy(relative);
    let text = String::from_utf8_lossy(text).into_owned();
    if let Some(item) = relative.strip_prefix("note/") {
        if let Some(response) = state.responses.get_mut(item) {
            response.note = text;
        }
    } else if let Some(name) = relative.strip_prefix("finding/")
        && let Some(field) =
            FindingField::all().find(|field| crate::document::finding_key(*field) == name)
    {
        *state.visit.findings.get_mut(field) = text;
    }
}

/// The `texts` key an edit changes and its new value (`None`: removed), if it changes one.
pub fn text_of_edit(id: &str, edit: &Edit) -> Option<(Vec<u8>, Option<Vec<u8>>)> {
    let (key, text) = match edit {
        Edit::Note { item, to, .. } => (note_key(id, item), to),
        Edit::Finding { field, to, .. } => (finding_key(id, *field), to),
        _ => return None,
    };
    Some((key, (!text.is_empty()).then(|| text.as_bytes().to_vec())))
}

/// The tail of a `state/{id}` value, without decoding the head.
pub fn tail_of(value: &[u8]) -> &[u8] {
    split_head(value).1
}

fn split_head(value: &[u8]) -> (&[u8], &[u8]) {
    match value.iter().position(|&b| b == b'\n') {
        Some(end) => (&value[..end], &value[end + 1..]),
        None => (value, &[]),
    }
}

/// One change as a line.
pub fn log_line(change: &Change) -> Vec<u8> {
    let mut line = encode(change);
    line.push(b'\n');
    line
}

/// Whether `line` may join a tail holding `lines`.
pub fn fits(lines: &[u8], line: &[u8]) -> bool {
    lines.is_empty() || lines.len() + line.len() <= TAIL_BYTES
}

/// A `log/` chunk as stored: `lines` compressed.
pub fn pack(lines: &[u8]) -> Vec<u8> {
    let mut value = vec![PACKED];
    value.extend_from_slice(&lz4_flex::compress_prepend_size(lines));
    value
}

/// The JSON lines of a stored `log/` chunk.
pub fn unpack<'a>(key: &[u8], value: &'a [u8]) -> Result<Cow<'a, [u8]>, StoreError> {
    match value.split_first() {
        Some((&PACKED, block)) => lz4_flex::decompress_size_prepended(block)
            .map(Cow::Owned)
            .map_err(|error| corrupt(key, format!("compressed history: {error}"))),
        _ => Ok(Cow::Borrowed(value)),
    }
}

/// The changes of a chunk or a tail, in order, appended to `into`.
pub fn decode_lines(key: &[u8], lines: &[u8], into: &mut Vec<Change>) -> Result<(), StoreError> {
    for line in lines.split(|&b| b == b'\n').filter(|line| !line.is_empty()) {
        into.push(decode(key, line)?);
    }
    Ok(())
}

/// The number of the first change in `lines`.
pub fn first_seq(key: &[u8], lines: &[u8]) -> Result<u64, StoreError> {
    let line = lines.split(|&b| b == b'\n').next().unwrap_or_default();
    Ok(decode::<Change>(key, line)?.seq)
}

/// A whole history cut into `log/` chunks, as `put_record` and the migration write it.
pub fn chunks(id: &str, history: &[Change]) -> Vec<(Vec<u8>, Vec<u8>)> {
    let mut out: Vec<(Vec<u8>, Vec<u8>)> = Vec::new();
    for change in history {
        let line = log_line(change);
        match out.last_mut() {
            Some((_, chunk)) if chunk.len() + line.len() <= CHUNK_BYTES => {
                chunk.extend_from_slice(&line);
            }
            _ => out.push((log_key(id, change.seq), line)),
        }
    }
    out.into_iter()
        .map(|(key, lines)| (key, pack(&lines)))
        .collect()
}
