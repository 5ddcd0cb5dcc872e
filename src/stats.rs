//! Gathers the visits a summary counts from the store and summarizes them per rubric
//! (`onsite stats`). The figures are computed in [`crate::domain::stats`].

mod html;
mod xlsx;

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::domain::rubric::Rubric;
use crate::domain::scoring::Answers;
use crate::domain::stats::{Counted, Filter, Stats, summarize};
use crate::domain::visit::Visit;
use crate::store::{Store, StoreError};

pub use html::{Page, to_html};
pub use xlsx::workbook;

type Result<T> = std::result::Result<T, StoreError>;

/// One summary per rubric id among the visits `filter` keeps (trash left out), by rubric id.
/// Reads each counted visit's answers once, and each rubric version once.
pub fn gather(store: &Store, filter: &Filter) -> Result<Vec<Stats>> {
    let (summaries, _) = store.newest(None, |s| {
        !s.deleted && filter.keeps(&s.rubric_id, s.date, s.kind, s.status)
    })?;
    let ids: HashSet<&str> = summaries.iter().map(|s| s.id.as_str()).collect();
    let visits: Vec<(Visit, Answers)> = store.answers_of(&ids)?;
    let mut rubrics: HashMap<String, Rubric> = HashMap::new();
    for (visit, _) in &visits {
        let digest = &visit.rubric.digest;
        if !rubrics.contains_key(digest) {
            rubrics.insert(digest.clone(), store.rubric(digest)?);
        }
    }
    let mut groups: BTreeMap<&str, Vec<Counted<'_>>> = BTreeMap::new();
    for (visit, answers) in &visits {
        let Some(rubric) = rubrics.get(&visit.rubric.digest) else {
            continue;
        };
        groups.entry(&rubric.id).or_default().push(Counted {
            visit,
            answers,
            rubric,
        });
    }
    Ok(groups
        .values()
        .filter_map(|group| summarize(group))
        .collect())
}
