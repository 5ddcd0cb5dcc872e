//! Schema 2: which key holds what, and how values are encoded.
//!
//! One tree, keys by prefix, values JSON (old records stay readable):
//! - `meta/schema` → schema version; `meta/session` → the visit the TUI has open
//! - `state/{id}` → the visit and all its responses, one value
//! - `sum/{id}` → [`VisitSummary`], what the list shows
//! - `log/{id}/{first seq:be64}` → a chunk of the visit's history: one JSON [`Change`] per
//!   line, up to [`CHUNK_BYTES`] bytes (about 30 answers), so an answer rewrites a small
//!   chunk, never the whole history
//! - `rubric/{digest}` → the exact [`Rubric`] visits were scored against (shared by digest)
//! - `{kind}/{id}` → small per-visit records of other modules (`sync/`, `syncbase/`, `conflict/`)
//!
//! Schema 1 had one key per response and per change (~90 keys per visit); sled's start-up
//! reads a page table for every key, which made opening a 10,000-visit store 10× slower.

use std::collections::BTreeMap;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::StoreError;
use crate::domain::history::Change;
use crate::domain::visit::{Response, Visit, VisitState};

/// A chunk takes a change only while it stays this small (a long note starts a chunk of its
/// own).
pub const CHUNK_BYTES: usize = 8 * 1024;

pub fn state_key(id: &str) -> Vec<u8> {
    format!("state/{id}").into_bytes()
}
pub fn summary_key(id: &str) -> Vec<u8> {
    format!("sum/{id}").into_bytes()
}
pub fn log_prefix(id: &str) -> Vec<u8> {
    format!("log/{id}/").into_bytes()
}
pub fn log_key(id: &str, first_seq: u64) -> Vec<u8> {
    let mut key = log_prefix(id);
    key.extend_from_slice(&first_seq.to_be_bytes());
    key
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

/// `state/{id}` as written.
#[derive(Serialize)]
struct StateOut<'a> {
    visit: &'a Visit,
    responses: &'a BTreeMap<String, Response>,
}

/// `state/{id}` as read.
#[derive(Deserialize)]
struct StateIn {
    visit: Visit,
    responses: BTreeMap<String, Response>,
}

pub fn encode_state(state: &VisitState) -> Vec<u8> {
    encode(&StateOut {
        visit: &state.visit,
        responses: &state.responses,
    })
}

pub fn decode_state(key: &[u8], bytes: &[u8]) -> Result<VisitState, StoreError> {
    let StateIn { visit, responses } = decode(key, bytes)?;
    Ok(VisitState { visit, responses })
}

/// One change as a chunk line. `serde_json` escapes every newline inside strings, so a line
/// is always one whole change.
pub fn log_line(change: &Change) -> Vec<u8> {
    let mut line = encode(change);
    line.push(b'\n');
    line
}

/// Whether `line` may be appended to a chunk holding `chunk`.
pub fn fits(chunk: &[u8], line: &[u8]) -> bool {
    chunk.len() + line.len() <= CHUNK_BYTES
}

/// The changes of one chunk, in order.
pub fn decode_chunk(key: &[u8], chunk: &[u8], into: &mut Vec<Change>) -> Result<(), StoreError> {
    for line in chunk.split(|&b| b == b'\n').filter(|line| !line.is_empty()) {
        into.push(decode(key, line)?);
    }
    Ok(())
}

/// A whole history cut into chunks, as `put_record` and the migration write it.
pub fn chunks(id: &str, history: &[Change]) -> Vec<(Vec<u8>, Vec<u8>)> {
    let mut out: Vec<(Vec<u8>, Vec<u8>)> = Vec::new();
    for change in history {
        let line = log_line(change);
        match out.last_mut() {
            Some((_, chunk)) if fits(chunk, &line) => chunk.extend_from_slice(&line),
            _ => out.push((log_key(id, change.seq), line)),
        }
    }
    out
}
