//! The campaign plan in the spare copy: `DATA/spare/plan/<ID>.yaml`, each entry's
//! `onsite-plan/1` document (as a team folder holds it), written whole (temp file, sync,
//! rename) once the store has the entry. Entries change rarely (an import, a start), so
//! there is no journal: a store rebuilt from the spare copy gets its plan back with every
//! entry's link to the visit started from it.

use std::path::PathBuf;

use super::Spare;
use crate::document::plan;
use crate::domain::plan::PlanEntry;

impl Spare {
    fn plan_dir(&self) -> PathBuf {
        self.dir.join("plan")
    }

    /// Writes the entry's document; durable when it returns.
    pub fn put_plan(&self, entry: &PlanEntry) -> std::io::Result<()> {
        crate::platform::create_private_dir(&self.dir)?;
        let dir = self.plan_dir();
        crate::platform::create_private_dir(&dir)?;
        let text = plan::to_yaml(entry);
        crate::files::write_private(&dir, &format!("{}.yaml", entry.id), text.as_bytes())?;
        Ok(())
    }

    /// Every entry the spare copy holds, in id order; and the files that do not read as an
    /// entry of their name, with why.
    pub fn plans(&self) -> (Vec<PlanEntry>, Vec<(String, String)>) {
        let dir = self.plan_dir();
        let Ok(listing) = std::fs::read_dir(&dir) else {
            return (Vec::new(), Vec::new());
        };
        let mut names: Vec<String> = listing
            .flatten()
            .filter_map(|entry| entry.file_name().into_string().ok())
            .filter(|name| {
                name.strip_suffix(".yaml")
                    .is_some_and(crate::document::is_visit_id)
            })
            .collect();
        names.sort();
        let mut entries = Vec::new();
        let mut unreadable = Vec::new();
        for name in names {
            let path = dir.join(&name);
            let read = std::fs::read_to_string(&path)
                .map_err(|error| error.to_string())
                .and_then(|text| plan::parse(&text));
            match read {
                Ok(entry) if name == format!("{}.yaml", entry.id) => entries.push(entry),
                Ok(entry) => unreadable.push((
                    path.display().to_string(),
                    format!("it holds entry {}", entry.id),
                )),
                Err(why) => unreadable.push((path.display().to_string(), why)),
            }
        }
        (entries, unreadable)
    }
}
