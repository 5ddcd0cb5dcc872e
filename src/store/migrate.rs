//! Upgrades an older store in place when it is opened.
//!
//! Schema 1 → 2: each visit's `visit/{id}`, `resp/{id}/{item}` and `hist/{id}/{seq}` keys
//! become one `state/{id}` value and a few `log/{id}/…` chunks (see [`super::layout`]). Each
//! visit moves in one atomic batch that also deletes its old keys, so a migration cut short
//! (power loss) simply continues on the next open: the schema says 1 until every visit has
//! moved. Tested against `tests/fixtures/store-v1`.
//!
//! Schema 2 → 3: notes and findings move out of `state/{id}` into the `texts` tree, one atomic
//! batch per visit; a visit whose state holds no text has nothing to move, so a migration
//! cut short continues where it stopped. Tested against `tests/fixtures/store-v2`.

use std::collections::BTreeMap;

use super::layout::{self, decode};
use super::{Store, StoreError};
use crate::domain::history::Change;
use crate::domain::visit::{Response, Visit, VisitState, VisitSummary};

type Result<T> = std::result::Result<T, StoreError>;

impl Store {
    /// Moves every visit still in the schema-1 layout, then records schema 2.
    pub(super) fn migrate_from_1(&self) -> Result<()> {
        let ids: Vec<String> = self
            .db
            .scan_prefix(b"visit/")
            .keys()
            .map(|key| {
                let key = key.map_err(|e| self.engine(&e))?;
                Ok(String::from_utf8_lossy(&key[b"visit/".len()..]).into_owned())
            })
            .collect::<Result<_>>()?;
        for id in &ids {
            self.migrate_visit(id)?;
        }
        self.db
            .insert(super::SCHEMA_KEY, b"2")
            .map_err(|e| self.engine(&e))?;
        self.sync()
    }

    /// Moves every visit's notes and findings to their `text/` keys, then records schema 3.
    pub(super) fn migrate_from_2(&self) -> Result<()> {
        let mut moves = Vec::new();
        for entry in self.db.scan_prefix(b"state/") {
            let (key, value) = entry.map_err(|e| self.engine(&e))?;
            let stored = layout::decode_visit(&key, &value)?;
            let texts = layout::texts(&stored.state);
            if texts.is_empty() {
                continue;
            }
            let mut batch = sled::Batch::default();
            batch.insert(
                key.to_vec(),
                layout::encode_visit(&stored.state, stored.last_seq, stored.tail),
            );
            moves.push((batch, super::records::text_batch(texts, Vec::new())));
        }
        for (batch, texts) in moves {
            self.write_both(batch, texts)?;
        }
        self.db
            .insert(super::SCHEMA_KEY, b"3")
            .map_err(|e| self.engine(&e))?;
        self.sync()
    }

    fn migrate_visit(&self, id: &str) -> Result<()> {
        let mut batch = sled::Batch::default();
        let visit_key = format!("visit/{id}").into_bytes();
        let Some(bytes) = self.db.get(&visit_key).map_err(|e| self.engine(&e))? else {
            return Ok(());
        };
        let visit: Visit = decode(&visit_key, &bytes)?;
        batch.remove(visit_key);

        let prefix = format!("resp/{id}/").into_bytes();
        let mut responses = BTreeMap::new();
        for entry in self.db.scan_prefix(&prefix) {
            let (key, bytes) = entry.map_err(|e| self.engine(&e))?;
            let item = String::from_utf8_lossy(&key[prefix.len()..]).into_owned();
            responses.insert(item, decode::<Response>(&key, &bytes)?);
            batch.remove(key);
        }

        let mut history: Vec<Change> = Vec::new();
        for entry in self.db.scan_prefix(format!("hist/{id}/")) {
            let (key, bytes) = entry.map_err(|e| self.engine(&e))?;
            history.push(decode(&key, &bytes)?);
            batch.remove(key);
        }
        for (key, chunk) in layout::chunks(id, &history) {
            batch.insert(key, chunk);
        }

        let summary_key = layout::summary_key(id);
        if let Some(bytes) = self.db.get(&summary_key).map_err(|e| self.engine(&e))? {
            let mut summary: VisitSummary = decode(&summary_key, &bytes)?;
            summary.last_seq = history.last().map_or(0, |change| change.seq);
            batch.insert(summary_key, layout::encode(&summary));
        }
        let state = VisitState { visit, responses };
        let last_seq = history.last().map_or(0, |change| change.seq);
        batch.insert(
            layout::state_key(id),
            layout::encode_visit(&state, last_seq, &[]),
        );
        // The state is written as schema 3 has it: its texts beside it.
        let texts = super::records::text_batch(layout::texts(&state), Vec::new());
        self.write_both(batch, texts)
    }
}
