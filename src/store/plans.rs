//! The campaign plan's entries: `plan/{id}` → one [`PlanEntry`] as JSON (see [`super::layout`]).
//! An import writes all its entries in one batch, so a file is imported whole or not at all.

use super::layout::{decode, encode};
use super::{Result, Store};
use crate::domain::plan::PlanEntry;

const PLAN_PREFIX: &str = "plan/";

fn plan_key(id: &str) -> Vec<u8> {
    format!("{PLAN_PREFIX}{id}").into_bytes()
}

impl Store {
    /// Every plan entry, in id order (the order they were imported in).
    pub fn plans(&self) -> Result<Vec<PlanEntry>> {
        let mut entries = Vec::new();
        for entry in self.db.scan_prefix(PLAN_PREFIX.as_bytes()) {
            let (key, bytes) = entry.map_err(|e| self.engine(&e))?;
            entries.push(decode(&key, &bytes)?);
        }
        Ok(entries)
    }

    /// Writes `entries` (new or changed) in one atomic batch; durable when it returns.
    pub fn put_plans(&self, entries: &[PlanEntry]) -> Result<()> {
        if entries.is_empty() {
            return Ok(());
        }
        let mut batch = sled::Batch::default();
        for entry in entries {
            batch.insert(plan_key(&entry.id), encode(entry));
        }
        self.write_batch(batch)
    }
}
