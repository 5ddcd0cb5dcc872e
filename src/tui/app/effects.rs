//! The effect runner: what `update` asks for (store reads and writes, reports, the inbox,
//! the config file), each result given back as an [`Action`]. The loop in [`super`] only
//! feeds it effects and draws.

use std::io;
use std::path::PathBuf;

use super::App;
use crate::domain::history::Request;
use crate::service::{self, Actor};
use crate::store::{Store, StoreError};
use crate::strings::texts;
use crate::tui::action::{Action, AttachedFiles, Effect};
use crate::tui::inbox;

impl App {
    /// The store, opened again if a failure closed it; or the message saying why it cannot
    /// be opened.
    fn open_store(&mut self) -> Result<&Store, String> {
        let store = match self.store.take() {
            Some(store) => store,
            None => Store::open(&self.data_dir)
                .map_err(|error| texts(self.state.lang).store_error(&error))?,
        };
        Ok(self.store.insert(store))
    }

    /// After a failed write: sled 0.34 refuses every later write of the same database once
    /// one failed (its error is global and sticky), even after the disk has room again, and
    /// it keeps the refused change in memory as though written. Opening the store again
    /// clears both: what it then holds is what is on disk. If it cannot be opened now, the
    /// next use tries again.
    fn reopen(&mut self) {
        // The old handle holds the locks: it must be gone before the new one takes them.
        self.store = None;
        if let Ok(store) = Store::open(&self.data_dir) {
            self.store = Some(store);
        }
    }

    /// "2 xung đột với máy khác: onsite conflicts" when the visit has open conflicts.
    fn conflict_notice(&self, id: &str) -> Option<Action> {
        let conflicts = crate::sync::folder::conflicts(self.store.as_ref()?, id).ok()?;
        if conflicts.is_empty() {
            return None;
        }
        let fields: Vec<&str> = conflicts.iter().map(|c| c.field.as_str()).collect();
        Some(Action::Info(texts(self.state.lang).open_conflicts(&fields)))
    }

    /// The visit to check again, for the new-visit form.
    fn prepare_follow_up(&mut self, id: &str) -> Action {
        match self.open_store() {
            Ok(store) => match store.load(id) {
                Ok((state, _)) => Action::FollowUpReady(Box::new(state)),
                Err(error) => self.store_failed(&error),
            },
            Err(message) => Action::Failed(message),
        }
    }

    /// Creates a visit (a follow-up of `follow_up`, if given) and opens it.
    fn create_visit(
        &mut self,
        rubric: &crate::domain::rubric::Rubric,
        new: crate::service::NewVisit,
        follow_up: Option<String>,
        plan: Option<&str>,
    ) -> Action {
        let actor = self.actor();
        let store = match self.open_store() {
            Ok(store) => store,
            Err(message) => return Action::Failed(message),
        };
        let created = service::create_follow_up(store, rubric, new, follow_up, &actor);
        let linked = created.and_then(|state| {
            if let Some(plan) = plan {
                link_plan(store, plan, &state.visit.id)?;
            }
            Ok(state)
        });
        match linked.and_then(|state| Ok(store.load(&state.visit.id)?)) {
            Ok(loaded) => {
                self.dispatch_later.extend(self.upcoming_plans());
                self.dispatch_later.extend(self.previous_of(&loaded.0));
                Action::Created(Box::new(loaded))
            }
            Err(error) => self.visit_failed(&error),
        }
    }

    /// The visit a follow-up checks again, to show beside it (nothing when this store does
    /// not hold it).
    fn previous_of(&self, state: &crate::domain::visit::VisitState) -> Option<Action> {
        let id = state.visit.follow_up_of.as_deref()?;
        let loaded = self.store.as_ref()?.load(id).ok()?;
        Some(Action::PreviousLoaded(Box::new(loaded)))
    }

    /// The plan's entries still to start from today on, for the list.
    pub(super) fn upcoming_plans(&self) -> Option<Action> {
        let entries = self.store.as_ref()?.plans().ok()?;
        let today = crate::domain::visit::Stamp::now().date();
        let upcoming = crate::domain::plan::upcoming(&entries, today);
        Some(Action::PlansLoaded(upcoming.into_iter().cloned().collect()))
    }

    fn actor(&self) -> Actor {
        Actor::now(self.state.inspector.as_deref().unwrap_or("?"))
    }

    fn open_id(&self) -> Option<String> {
        self.state
            .open
            .as_ref()
            .map(|open| open.state.visit.id.clone())
    }

    /// Moves visit `id` to the trash, or back (`request`: `Trash` or `Restore`).
    fn trash(&mut self, id: &str, request: crate::domain::history::Request) -> Option<Action> {
        let actor = self.actor();
        let store = match self.open_store() {
            Ok(store) => store,
            Err(message) => return Some(Action::Failed(message)),
        };
        let result = service::edit(store, id, request, &actor);
        result.err().map(|error| self.visit_failed(&error))
    }

    /// Runs one effect; its result (if any) comes back as an action.
    pub(super) fn run(&mut self, effect: Effect) -> Option<Action> {
        let t = texts(self.state.lang);
        match effect {
            Effect::LoadList => {
                self.dispatch_later.extend(self.upcoming_plans());
                Some(match self.open_store() {
                    Ok(store) => match store.summaries() {
                        Ok(list) => Action::ListLoaded(list),
                        Err(error) => self.store_failed(&error),
                    },
                    Err(message) => Action::Failed(message),
                })
            }
            Effect::OpenVisit(id) => Some(match self.open_store() {
                Ok(store) => match store.load(&id) {
                    Ok(loaded) => {
                        self.dispatch_later.extend(self.conflict_notice(&id));
                        self.dispatch_later.extend(self.previous_of(&loaded.0));
                        self.dispatch_later.extend(self.missing_files(&loaded.0));
                        Action::Opened(Box::new(loaded))
                    }
                    Err(error) => self.store_failed(&error),
                },
                Err(message) => Action::Failed(message),
            }),
            Effect::CreateVisit {
                rubric,
                new,
                follow_up,
                plan,
            } => Some(self.create_visit(&rubric, new, follow_up, plan.as_deref())),
            Effect::PrepareFollowUp(id) => Some(self.prepare_follow_up(&id)),
            Effect::AddAction {
                visit,
                item,
                text,
                owner,
                due,
            } => {
                // The id is made here, not in `update`, which stays pure.
                let id = service::new_action_id();
                let added = crate::domain::action::NewAction {
                    id,
                    item,
                    text,
                    owner,
                    due,
                };
                Some(self.save(visit, Request::ActionAdd(added)))
            }
            Effect::Edit(request) => {
                let id = self.open_id()?;
                Some(self.save(id, request))
            }
            Effect::Save { visit, request } => Some(self.save(visit, request)),
            Effect::Undo | Effect::Redo => {
                let id = self.open_id()?;
                let actor = self.actor();
                let store = match self.open_store() {
                    Ok(store) => store,
                    Err(message) => return Some(Action::Failed(message)),
                };
                let result = if effect == Effect::Undo {
                    service::undo(store, &id, &actor)
                } else {
                    service::redo(store, &id, &actor)
                };
                Some(match result {
                    Ok(outcome) => Action::Saved(Box::new(outcome)),
                    Err(error) => self.visit_failed(&error),
                })
            }
            Effect::Trash(id) => self.trash(&id, crate::domain::history::Request::Trash),
            Effect::Restore(id) => self.trash(&id, crate::domain::history::Request::Restore),
            Effect::SaveInspector(name) => {
                self.config.inspector = Some(name);
                self.save_config().err().map(|error| {
                    let file = self
                        .config_file
                        .as_ref()
                        .map(|p| p.display().to_string())
                        .unwrap_or_default();
                    Action::Failed(t.config_not_saved(&file, &error.to_string()))
                })
            }
            // A quit called off because a change could not be saved keeps the visit marked
            // open, as it still is.
            Effect::MarkSession(None) if !self.state.quitting && self.state.open.is_some() => None,
            Effect::MarkSession(visit) => {
                let store = match self.open_store() {
                    Ok(store) => store,
                    Err(message) => return Some(Action::Failed(message)),
                };
                let marked = store.set_session(visit.as_deref());
                marked.err().map(|error| self.store_failed(&error))
            }
            Effect::WriteReport => self.write_report(),
            Effect::ListInbox => Some(self.list_inbox()),
            Effect::ListFolder(dir) => Some(list_folder(dir)),
            Effect::LoadStats { rubric } => Some(self.load_stats(rubric)),
            attach @ Effect::Attach { .. } => self.attach(attach),
            Effect::Quit => None,
        }
    }

    /// The summary of rubric `rubric`'s finalized visits, as `onsite stats --rubric` counts.
    fn load_stats(&mut self, rubric: String) -> Action {
        let filter = crate::domain::stats::Filter {
            rubric: Some(rubric),
            ..Default::default()
        };
        match self.open_store() {
            Ok(store) => match crate::stats::gather(store, &filter) {
                Ok(mut found) => Action::StatsLoaded(Box::new(found.pop())),
                Err(error) => self.store_failed(&error),
            },
            Err(message) => Action::Failed(message),
        }
    }

    /// The evidence of a visit whose files this laptop does not have (nothing when it has
    /// them all).
    fn missing_files(&self, state: &crate::domain::visit::VisitState) -> Option<Action> {
        let store = self.store.as_ref()?;
        let files: std::collections::BTreeSet<String> = state
            .visit
            .attachments
            .iter()
            .map(|a| a.added.sha256.clone())
            .filter(|sha256| {
                !store
                    .evidence_file(sha256)
                    .is_some_and(|path| path.is_file())
            })
            .collect();
        (!files.is_empty()).then(|| Action::FilesMissing {
            visit: state.visit.id.clone(),
            files,
        })
    }

    /// The inbox folder (the settings file's `inbox`, or its default), read for the picker.
    fn list_inbox(&self) -> Action {
        let dir = crate::paths::inbox_dir(&self.config, self.state.home.as_deref());
        let inbox = inbox::read(&dir, &jiff::tz::TimeZone::system());
        Action::InboxListed(Box::new(inbox))
    }

    /// Reads the files of an [`Effect::Attach`] and attaches them, in order. A file that
    /// cannot be read (gone, a folder, too big) stops it before anything is attached.
    fn attach(&mut self, effect: Effect) -> Option<Action> {
        let Effect::Attach {
            visit,
            item,
            paths,
            caption,
        } = effect
        else {
            return None;
        };
        let mut files = Vec::with_capacity(paths.len());
        for path in paths {
            match crate::evidence::read_file(&path) {
                Ok(file) => files.push(file),
                Err(problem) => {
                    let error = service::VisitError::File { path, problem };
                    return Some(self.visit_failed(&error));
                }
            }
        }
        let actor = self.actor();
        let store = match self.open_store() {
            Ok(store) => store,
            Err(message) => return Some(Action::Failed(message)),
        };
        let result = crate::evidence::attach(store, &visit, &item, &files, &caption, &actor);
        Some(match result {
            Ok((attached, outcome)) => {
                let (already, added): (Vec<_>, Vec<_>) = attached
                    .into_iter()
                    .zip(&files)
                    .partition(|(one, _)| one.already);
                Action::Attached(Box::new(AttachedFiles {
                    visit,
                    item,
                    added: added.into_iter().map(|(one, _)| one.id).collect(),
                    already: already
                        .into_iter()
                        .map(|(_, file)| file.name.clone())
                        .collect(),
                    outcome,
                }))
            }
            Err(error) => self.visit_failed(&error),
        })
    }

    /// Writes the open visit's minutes as HTML into the reports folder
    /// ([`crate::paths::reports_dir`]), creating it, and says where.
    fn write_report(&mut self) -> Option<Action> {
        let lang = self.state.lang;
        let t = texts(lang);
        let id = self.open_id()?;
        let store = match self.open_store() {
            Ok(store) => store,
            Err(message) => return Some(Action::Failed(message)),
        };
        let record = match store.record(&id) {
            Ok(record) => record,
            Err(error) => return Some(Action::Failed(t.store_error(&error))),
        };
        // A follow-up's minutes compare with the visit it checks again.
        let previous = record
            .state
            .visit
            .follow_up_of
            .as_deref()
            .and_then(|previous| store.record(previous).ok());
        let format = crate::report::Format::Html;
        // With the evidence: the thumbnails and the appendix, as `onsite report` writes them.
        let evidence = crate::report::evidence_of(store, &record.state.visit.attachments);
        let rendered =
            crate::report::render_follow_up(&record, previous.as_ref(), &evidence, lang, format);
        let written = rendered.and_then(|bytes| {
            let name = crate::report::file_name(&record, format.extension());
            let dir = crate::paths::reports_dir(&self.config).map_err(|e| e.to_string())?;
            crate::platform::create_shared_dir(&dir)
                .and_then(|()| crate::export::write_atomic(&dir, &name, &bytes))
                .map_err(|e| {
                    t.export_failed(&dir.join(&name).display().to_string(), &e.to_string())
                })
        });
        Some(match written {
            Ok(path) => Action::Info(t.report_written(&path.display().to_string())),
            Err(message) => Action::Failed(message),
        })
    }

    /// Saves one change of `visit`. A change the store refuses is kept as unsaved (see
    /// `update::unsaved`); while any is kept, a later change waits behind it instead of
    /// overtaking it. (A retry takes them all out of the queue first, so within a retry
    /// the first one refused again keeps the rest waiting, untried.)
    fn save(&mut self, visit: String, request: Request) -> Action {
        if !self.state.unsaved.is_empty() {
            return Action::NotSaved {
                visit,
                request,
                error: None,
            };
        }
        let actor = self.actor();
        let store = match self.open_store() {
            Ok(store) => store,
            Err(message) => {
                return Action::NotSaved {
                    visit,
                    request,
                    error: Some(message),
                };
            }
        };
        match service::edit(store, &visit, request.clone(), &actor) {
            Ok(outcome) => Action::Saved(Box::new(outcome)),
            Err(service::VisitError::Store(error)) if is_write_failure(&error) => {
                let message = texts(self.state.lang).store_error(&error);
                self.reopen();
                Action::NotSaved {
                    visit,
                    request,
                    error: Some(message),
                }
            }
            Err(error) => self.visit_failed(&error),
        }
    }

    /// A store error as a message; the store is opened afresh after one that may have come
    /// from a failed write (see [`App::reopen`]).
    fn store_failed(&mut self, error: &StoreError) -> Action {
        let message = texts(self.state.lang).store_error(error);
        if is_write_failure(error) {
            self.reopen();
        }
        Action::Failed(message)
    }

    fn visit_failed(&mut self, error: &service::VisitError) -> Action {
        match error {
            service::VisitError::Store(error) => self.store_failed(error),
            other => Action::Failed(texts(self.state.lang).visit_error(other)),
        }
    }

    fn save_config(&self) -> io::Result<()> {
        let Some(path) = &self.config_file else {
            return Ok(());
        };
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        let text = crate::yaml::to_string(&self.config).map_err(|e| io::Error::other(e.message))?;
        std::fs::write(path, text)
    }
}

/// A folder's entries, read to complete a typed path.
fn list_folder(dir: PathBuf) -> Action {
    Action::FolderListed {
        entries: inbox::folder_entries(&dir),
        dir,
    }
}

/// Whether a store error may have come from a write that failed (the disk, the files), as
/// opposed to a record it could not read or a visit that does not exist.
fn is_write_failure(error: &StoreError) -> bool {
    matches!(error, StoreError::Io { .. } | StoreError::Engine { .. })
}

/// Records in plan entry `plan` the visit just created from it (as `onsite plan start`
/// does). An entry started meanwhile (a sync) keeps its visit; the new one stays a visit.
fn link_plan(store: &Store, plan: &str, visit: &str) -> Result<(), crate::store::StoreError> {
    let Some(mut entry) = store.plans()?.into_iter().find(|entry| entry.id == plan) else {
        return Ok(());
    };
    if entry.visit.is_none() {
        entry.visit = Some(visit.to_owned());
        store.put_plans(&[entry])?;
    }
    Ok(())
}
