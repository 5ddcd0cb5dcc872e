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

    /// Writes `entries` (new or changed) in one atomic batch; durable when it returns. Then
    /// their spare copies: one that cannot be written is rewritten by `onsite doctor`
    /// ([`Store::check_plans`]); the store has the entry.
    pub fn put_plans(&self, entries: &[PlanEntry]) -> Result<()> {
        self.put_plans_in_store(entries)?;
        for entry in entries {
            let _ = self.spare.put_plan(entry);
        }
        Ok(())
    }

    fn put_plans_in_store(&self, entries: &[PlanEntry]) -> Result<()> {
        if entries.is_empty() {
            return Ok(());
        }
        let mut batch = sled::Batch::default();
        for entry in entries {
            batch.insert(plan_key(&entry.id), encode(entry));
        }
        self.write_batch(batch)
    }

    /// Brings the plan's spare copy and the store in step: an entry the store lacks, or
    /// holds an older state of (not yet linked to its visit), comes back from the spare
    /// copy; a spare copy missing or different is rewritten from the store. Returns the
    /// entries brought back and the spare files that could not be read.
    pub(super) fn check_plans(&self) -> Result<(usize, Vec<(String, String)>)> {
        let stored = self.plans()?;
        let (spare, unreadable) = self.spare.plans();
        let mut back = Vec::new();
        for entry in &spare {
            match stored.iter().find(|s| s.id == entry.id) {
                None => back.push(entry.clone()),
                Some(mine) if mine.visit.is_none() && entry.visit.is_some() => {
                    back.push(entry.clone());
                }
                Some(_) => {}
            }
        }
        self.put_plans_in_store(&back)?;
        for entry in &stored {
            let behind = !back.iter().any(|b| b.id == entry.id)
                && spare.iter().find(|s| s.id == entry.id) != Some(entry);
            if behind {
                let _ = self.spare.put_plan(entry);
            }
        }
        Ok((back.len(), unreadable))
    }

    /// Fills a store being rebuilt with the spare copy's plan.
    pub(super) fn restore_plans(&self) -> Result<usize> {
        let (entries, _) = self.spare.plans();
        self.put_plans_in_store(&entries)?;
        Ok(entries.len())
    }
}
