//! Reading and writing visits (see [`super::layout`] for the keys).
//!
//! An answer is one `insert` of `state/{id}` (the visit, its responses and its newest
//! changes together, so they are atomic), then an `insert` of its summary, then one flush.
//! A note or a finding also changes its `text/` key: one batch of the three. The summary is only a copy for the list: if the process dies between the two
//! inserts, `dirty/{id}` (written once, before this process's first change to the visit, and
//! removed when the store closes) makes the next open rebuild it.

use std::collections::{BTreeMap, HashSet};

use super::layout::{
    self, decode, dirty_key, encode, log_key, log_prefix, rubric_key, state_key, summary_key,
    text_prefix,
};
use super::{Result, Store, StoreError};
use crate::document::VisitRecord;
use crate::domain::history::Change;
use crate::domain::rubric::Rubric;
use crate::domain::scoring::Answers;
use crate::domain::visit::{Visit, VisitState, VisitSummary};

/// The visit read or written last: the TUI and `onsite score` edit one visit many times, and
/// this process is the only writer (the lock).
pub(super) struct Cached {
    state: VisitState,
    seq: u64,
    tail: Vec<u8>,
}

impl Store {
    /// Stores a new visit, its rubric (once per digest) and its `Created` history entry.
    pub fn insert_visit(
        &self,
        state: &VisitState,
        rubric: &Rubric,
        created: &Change,
    ) -> Result<()> {
        let id = &state.visit.id;
        let mut batch = sled::Batch::default();
        self.add_rubric(&mut batch, &state.visit.rubric.digest, rubric)?;
        let count = self.count_one_more(&mut batch)?;
        let tail = layout::log_line(created);
        batch.insert(
            state_key(id),
            layout::encode_visit(state, created.seq, &tail),
        );
        let texts = text_batch(layout::texts(state), Vec::new());
        let summary = VisitSummary {
            last_seq: created.seq,
            ..state.summary(rubric)
        };
        batch.insert(summary_key(id), encode(&summary));
        *self.last.borrow_mut() = None;
        self.write_both(batch, texts)?;
        self.remember(state, created.seq, tail);
        self.spare.put(&VisitRecord {
            state: state.clone(),
            rubric: rubric.clone(),
            history: vec![created.clone()],
        });
        self.spare_counts(count)
    }

    /// Records one change: the visit with its responses and the change, then the list
    /// summary. Durable when it returns.
    pub fn commit(
        &self,
        state: &VisitState,
        change: &Change,
        summary: &VisitSummary,
    ) -> Result<()> {
        let id = &state.visit.id;
        Self::check_interrupt()?;
        let old_tail = self.tail(id)?;
        self.mark_dirty(id)?;
        let line = layout::log_line(change);
        let summary = encode(&VisitSummary {
            last_seq: change.seq,
            ..summary.clone()
        });
        *self.last.borrow_mut() = None;
        let text = layout::text_of_edit(id, &change.edit);
        let fits = layout::fits(&old_tail, &line);
        let tail = if fits && text.is_none() {
            let mut tail = old_tail;
            tail.extend_from_slice(&line);
            let value = layout::encode_visit(state, change.seq, &tail);
            self.db
                .insert(state_key(id), value)
                .map_err(|e| self.engine(&e))?;
            self.db
                .insert(summary_key(id), summary)
                .map_err(|e| self.engine(&e))?;
            self.sync()?;
            tail
        } else {
            // A note or finding changes its `texts` key with the state, atomically; a
            // full tail becomes a chunk of the log with the new state, atomically too.
            let mut batch = sled::Batch::default();
            let tail = if fits {
                let mut tail = old_tail;
                tail.extend_from_slice(&line);
                tail
            } else {
                let first = layout::first_seq(&state_key(id), &old_tail)?;
                batch.insert(log_key(id, first), layout::pack(&old_tail));
                line.clone()
            };
            batch.insert(
                state_key(id),
                layout::encode_visit(state, change.seq, &tail),
            );
            batch.insert(summary_key(id), summary);
            let texts = match text {
                Some((key, Some(value))) => text_batch(vec![(key, value)], Vec::new()),
                Some((key, None)) => text_batch(Vec::new(), vec![key]),
                None => None,
            };
            self.write_both(batch, texts)?;
            tail
        };
        self.remember(state, change.seq, tail);
        self.spare.append(id, &line);
        Ok(())
    }

    /// Writes a whole visit (an import, or the result of a merge) in one atomic batch:
    /// responses and history are replaced by the record's.
    pub fn put_record(&self, record: &VisitRecord) -> Result<()> {
        let state = &record.state;
        let id = &state.visit.id;
        let mut batch = sled::Batch::default();
        self.add_rubric(&mut batch, &state.visit.rubric.digest, &record.rubric)?;
        let count = if self.contains(id)? {
            None
        } else {
            self.count_one_more(&mut batch)?
        };
        for key in self.db.scan_prefix(log_prefix(id)).keys() {
            batch.remove(key.map_err(|e| self.engine(&e))?);
        }
        let old = self
            .texts
            .scan_prefix(text_prefix(id))
            .keys()
            .map(|key| key.map(|key| key.to_vec()).map_err(|e| self.engine(&e)))
            .collect::<Result<Vec<_>>>()?;
        let texts = text_batch(layout::texts(state), old);
        for (key, chunk) in layout::chunks(id, &record.history) {
            batch.insert(key, chunk);
        }
        let last_seq = record.history.last().map_or(0, |change| change.seq);
        batch.insert(state_key(id), layout::encode_visit(state, last_seq, &[]));
        let summary = VisitSummary {
            last_seq,
            ..state.summary(&record.rubric)
        };
        batch.insert(summary_key(id), encode(&summary));
        *self.last.borrow_mut() = None;
        self.write_both(batch, texts)?;
        self.remember(state, last_seq, Vec::new());
        self.spare.put(record);
        self.spare_counts(count)
    }

    /// Adds the count of visits plus one to `batch`; the new count (`None` in a store that
    /// does not count yet: it starts on the next open).
    fn count_one_more(&self, batch: &mut sled::Batch) -> Result<Option<u64>> {
        let count = self.visit_count()?.map(|count| count + 1);
        if let Some(count) = count {
            batch.insert(super::doctor::VISITS_KEY, count.to_string().as_bytes());
        }
        Ok(count)
    }

    /// Tells the spare copy the store has `count` visits now.
    fn spare_counts(&self, count: Option<u64>) -> Result<()> {
        if count.is_some() {
            let store_id = self.store_id()?;
            // Best effort like the rest of the spare copy: the visit itself is saved.
            let _ = self.count_in_spare(&store_id);
        }
        Ok(())
    }

    /// Refuses to start a change once a stop signal arrived (see [`crate::interrupt`]).
    fn check_interrupt() -> Result<()> {
        if crate::interrupt::requested() {
            Err(StoreError::Interrupted)
        } else {
            Ok(())
        }
    }

    pub(super) fn write_batch(&self, batch: sled::Batch) -> Result<()> {
        Self::check_interrupt()?;
        *self.last.borrow_mut() = None;
        self.db.apply_batch(batch).map_err(|e| self.engine(&e))?;
        self.sync()
    }

    fn remember(&self, state: &VisitState, last_seq: u64, tail: Vec<u8>) {
        *self.last.borrow_mut() = Some(Cached {
            state: state.clone(),
            seq: last_seq,
            tail,
        });
    }

    fn add_rubric(&self, batch: &mut sled::Batch, digest: &str, rubric: &Rubric) -> Result<()> {
        let key = rubric_key(digest);
        if !self.db.contains_key(&key).map_err(|e| self.engine(&e))? {
            batch.insert(key, encode(rubric));
        }
        Ok(())
    }

    /// Writes `dirty/{id}` (durably) before this process's first change to the visit.
    fn mark_dirty(&self, id: &str) -> Result<()> {
        if self.dirty.borrow().contains(id) {
            return Ok(());
        }
        self.db
            .insert(dirty_key(id), &[])
            .map_err(|e| self.engine(&e))?;
        self.sync()?;
        self.dirty.borrow_mut().insert(id.to_owned());
        Ok(())
    }

    /// Rebuilds the summary of every visit a process left dirty (it died mid-change), or, on
    /// a normal close (`only_own`), clears this process's marks: its summaries are current.
    /// Returns the visits a dead process left dirty.
    pub(super) fn settle_dirty(&self, only_own: bool) -> Result<Vec<String>> {
        let mut left = Vec::new();
        let mut batch = sled::Batch::default();
        let mut any = false;
        for key in self.db.scan_prefix(b"dirty/").keys() {
            let key = key.map_err(|e| self.engine(&e))?;
            let id = String::from_utf8_lossy(&key[b"dirty/".len()..]).into_owned();
            if only_own {
                if !self.dirty.borrow().contains(&id) {
                    continue;
                }
            } else if let Some(value) = self.db.get(state_key(&id)).map_err(|e| self.engine(&e))? {
                let stored = layout::decode_visit(&state_key(&id), &value)?;
                let rubric = self.rubric(&stored.state.visit.rubric.digest)?;
                let summary = VisitSummary {
                    last_seq: stored.last_seq,
                    ..stored.state.summary(&rubric)
                };
                batch.insert(summary_key(&id), encode(&summary));
                left.push(id);
            }
            batch.remove(key);
            any = true;
        }
        if any {
            self.write_batch(batch)?;
        }
        self.dirty.borrow_mut().clear();
        Ok(left)
    }

    /// Every visit's summary (trash included; see [`VisitSummary::deleted`]), newest first.
    pub fn summaries(&self) -> Result<Vec<VisitSummary>> {
        Ok(self.newest(None, |_| true)?.0)
    }

    /// The newest visits' summaries that `keep` accepts, at most `limit` of them, and whether
    /// more were left out. Stops reading once the page is full.
    pub fn newest(
        &self,
        limit: Option<usize>,
        keep: impl Fn(&VisitSummary) -> bool,
    ) -> Result<(Vec<VisitSummary>, bool)> {
        let mut page = Vec::new();
        // ULIDs sort by creation time.
        for entry in self.db.scan_prefix(b"sum/").rev() {
            let (key, bytes) = entry.map_err(|e| self.engine(&e))?;
            let summary: VisitSummary = decode(&key, &bytes)?;
            if keep(&summary) {
                if limit.is_some_and(|limit| page.len() == limit) {
                    return Ok((page, true));
                }
                page.push(summary);
            }
        }
        Ok((page, false))
    }

    /// The visit with its responses and the exact rubric it is scored against.
    pub fn load(&self, id: &str) -> Result<(VisitState, Rubric)> {
        let cached = match &*self.last.borrow() {
            Some(last) if last.state.visit.id == id => Some(last.state.clone()),
            _ => None,
        };
        let state = if let Some(state) = cached {
            state
        } else {
            let value = self.state_value(id)?;
            let mut stored = layout::decode_visit(&state_key(id), &value)?;
            let prefix = text_prefix(id);
            for entry in self.texts.scan_prefix(&prefix) {
                let (key, text) = entry.map_err(|e| self.engine(&e))?;
                layout::put_text(&mut stored.state, &key[prefix.len()..], &text);
            }
            self.remember(&stored.state, stored.last_seq, stored.tail.to_vec());
            stored.state
        };
        let rubric = self.rubric(&state.visit.rubric.digest)?;
        Ok((state, rubric))
    }

    /// The headers and answers of the visits `ids` (in id order; ids not stored are left
    /// out), without notes, findings or history: what a summary of many visits reads
    /// (`onsite stats`). One pass over the `state/` keys in order, which for thousands of
    /// visits is several times faster in sled than a `get` each, then the values decoded on
    /// every core.
    pub fn answers_of(&self, ids: &HashSet<&str>) -> Result<Vec<(Visit, Answers)>> {
        let mut values = Vec::with_capacity(ids.len());
        for entry in self.db.scan_prefix(b"state/") {
            let (key, value) = entry.map_err(|e| self.engine(&e))?;
            let id = std::str::from_utf8(&key[b"state/".len()..]).unwrap_or_default();
            if ids.contains(id) {
                values.push((key, value));
            }
        }
        let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
        let chunk = values.len().div_ceil(threads).max(1);
        let decoded: Vec<Result<Vec<(Visit, Answers)>>> = std::thread::scope(|scope| {
            let workers: Vec<_> = values
                .chunks(chunk)
                .map(|part| {
                    scope.spawn(move || {
                        part.iter()
                            .map(|(key, value)| layout::decode_answers(key, value))
                            .collect::<Result<Vec<_>>>()
                    })
                })
                .collect();
            workers
                .into_iter()
                .map(|worker| {
                    worker
                        .join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
                })
                .collect()
        });
        let mut visits = Vec::with_capacity(values.len());
        for part in decoded {
            visits.extend(part?);
        }
        Ok(visits)
    }

    fn state_value(&self, id: &str) -> Result<sled::IVec> {
        self.db
            .get(state_key(id))
            .map_err(|e| self.engine(&e))?
            .ok_or_else(|| StoreError::NoVisit(id.to_owned()))
    }

    /// The visit's newest changes, as stored lines.
    fn tail(&self, id: &str) -> Result<Vec<u8>> {
        if let Some(last) = &*self.last.borrow()
            && last.state.visit.id == id
        {
            return Ok(last.tail.clone());
        }
        Ok(layout::tail_of(&self.state_value(id)?).to_vec())
    }

    /// Everything stored about a visit: state, exact rubric, history.
    pub fn record(&self, id: &str) -> Result<VisitRecord> {
        let (state, rubric) = self.load(id)?;
        let history = self.history(id)?;
        Ok(VisitRecord {
            state,
            rubric,
            history,
        })
    }

    /// The visit's history, oldest first.
    pub fn history(&self, id: &str) -> Result<Vec<Change>> {
        let mut changes = Vec::new();
        for entry in self.db.scan_prefix(log_prefix(id)) {
            let (key, chunk) = entry.map_err(|e| self.engine(&e))?;
            layout::decode_lines(&key, &layout::unpack(&key, &chunk)?, &mut changes)?;
        }
        layout::decode_lines(&state_key(id), &self.tail(id)?, &mut changes)?;
        Ok(changes)
    }

    pub fn contains(&self, id: &str) -> Result<bool> {
        self.db
            .contains_key(state_key(id))
            .map_err(|e| self.engine(&e))
    }

    /// What changes whenever the visit does: its last change's time and number. Cheap (one
    /// small read), so sync can skip unchanged visits without loading them.
    pub fn change_mark(&self, id: &str) -> Result<Option<String>> {
        let key = summary_key(id);
        let Some(bytes) = self.db.get(&key).map_err(|e| self.engine(&e))? else {
            return Ok(None);
        };
        mark(&key, &bytes).map(Some)
    }

    /// [`Store::change_mark`] of every visit (trash included), by id, read in one scan.
    pub fn change_marks(&self) -> Result<BTreeMap<String, String>> {
        let mut marks = BTreeMap::new();
        for entry in self.db.scan_prefix(b"sum/") {
            let (key, bytes) = entry.map_err(|e| self.engine(&e))?;
            let id = String::from_utf8_lossy(&key[b"sum/".len()..]).into_owned();
            marks.insert(id, mark(&key, &bytes)?);
        }
        Ok(marks)
    }

    /// The sequence number the next change of this visit gets.
    pub fn next_seq(&self, id: &str) -> Result<u64> {
        if let Some(last) = &*self.last.borrow()
            && last.state.visit.id == id
        {
            return Ok(last.seq + 1);
        }
        let value = self.state_value(id)?;
        Ok(layout::decode_visit(&state_key(id), &value)?.last_seq + 1)
    }
}

/// A batch for the texts tree removing `old` keys and writing `new` ones (`None` when it
/// would change nothing).
pub(super) fn text_batch(new: Vec<(Vec<u8>, Vec<u8>)>, old: Vec<Vec<u8>>) -> Option<sled::Batch> {
    if new.is_empty() && old.is_empty() {
        return None;
    }
    let mut batch = sled::Batch::default();
    for key in old {
        batch.remove(key);
    }
    for (key, text) in new {
        batch.insert(key, text);
    }
    Some(batch)
}

/// The two fields of a stored [`VisitSummary`] a change mark needs, read without the rest
/// (sync reads one per visit). `updated_at` is the text the summary was written with, which
/// is how [`crate::domain::visit::Stamp`] displays.
#[derive(serde::Deserialize)]
struct MarkFields<'a> {
    #[serde(borrow)]
    updated_at: std::borrow::Cow<'a, str>,
    #[serde(default)]
    last_seq: u64,
}

fn mark(key: &[u8], bytes: &[u8]) -> Result<String> {
    let fields: MarkFields =
        serde_json::from_slice(bytes).map_err(|error| layout::corrupt(key, error.to_string()))?;
    Ok(format!("{}#{}", fields.updated_at, fields.last_seq))
}
