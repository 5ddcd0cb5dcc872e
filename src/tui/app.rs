//! The running TUI: the terminal guard, the event loop, and the effects `update` asks for.
//!
//! Idle means idle: the loop blocks in `poll(2)` until a key, a signal or the note-save
//! debounce (see [`super::wait`]); it draws only after something changed.

use std::io;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use crossterm::event::{DisableBracketedPaste, EnableBracketedPaste, Event};
use crossterm::execute;

use super::action::{Action, AttachedFiles, Effect};
use super::inbox;
use super::state::State;
use super::view::{self, Theme};
use super::wait::{Waiter, Wake};
use super::{keymap, update};
use crate::config::Config;
use crate::domain::history::Request;
use crate::store::{Store, StoreError};
use crate::strings::texts;
use crate::visits::{self, Actor};

/// A note being typed is saved at most this long after its first unsaved keystroke.
pub const NOTE_DEBOUNCE: Duration = Duration::from_millis(300);

/// Changes the store refused are tried again this often (a full disk is not freed in
/// milliseconds, and each try reopens the store).
pub const RETRY_EVERY: Duration = Duration::from_secs(3);

/// Restores the terminal when dropped, on every way out (ratatui's own panic hook covers
/// panics; ours chains to it to turn bracketed paste off too).
struct TerminalGuard;

impl TerminalGuard {
    fn enter() -> io::Result<(ratatui::DefaultTerminal, TerminalGuard)> {
        let terminal = ratatui::try_init()?;
        let guard = TerminalGuard;
        // A console without escape sequences (an old Windows console) cannot turn it on:
        // pasting then arrives as keys, which the note editor takes as well.
        let _ = execute!(io::stdout(), EnableBracketedPaste);
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            // A decoder's panic on a hostile photo is caught there and means "no thumbnail":
            // the screen goes on, so it must not be restored (see `media::guarded`).
            if crate::media::guarding() {
                return;
            }
            let _ = execute!(io::stdout(), DisableBracketedPaste);
            previous(info);
        }));
        Ok((terminal, guard))
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        let _ = execute!(io::stdout(), DisableBracketedPaste);
        ratatui::restore();
    }
}

/// How the event loop ended.
enum Ending {
    Normal,
    /// The terminal hung up: do not touch it again.
    Hangup,
}

pub struct App {
    /// `None` after a failed write until the store could be opened again (see [`App::reopen`]).
    store: Option<Store>,
    data_dir: PathBuf,
    pub state: State,
    pub config: Config,
    pub config_file: Option<PathBuf>,
    note_deadline: Option<Instant>,
    /// When to try the unsaved changes again.
    retry_deadline: Option<Instant>,
    /// Actions to run after the current one settles (e.g. a notice after opening a visit).
    dispatch_later: Vec<Action>,
    /// The list holds only the newest [`FIRST_PAGE`] visits: the rest loads after the first
    /// frame is drawn.
    list_partial: bool,
}

/// How many visits the first frame is drawn from: more than a screen shows, few enough that
/// start-up does not grow with the store (issue 7).
pub const FIRST_PAGE: usize = 100;

impl App {
    pub fn new(store: Store, state: State, config: Config, config_file: Option<PathBuf>) -> App {
        App {
            data_dir: store.dir().to_owned(),
            store: Some(store),
            state,
            config,
            config_file,
            note_deadline: None,
            retry_deadline: None,
            dispatch_later: Vec::new(),
            list_partial: false,
        }
    }

    /// The data folder the store lives in.
    pub fn data_dir(&self) -> &std::path::Path {
        &self.data_dir
    }

    /// The store, when it is open (it is closed only between a failed write and a
    /// successful reopen).
    pub fn store(&self) -> Option<&Store> {
        self.store.as_ref()
    }

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

    /// Loads the newest visits for the first frame and notices a session that did not end
    /// normally. [`App::load_rest`] loads the others.
    pub fn start(&mut self) {
        self.dispatch(Action::Tick);
        let Some(store) = &self.store else {
            return;
        };
        if let Ok((page, more)) = store.newest(Some(FIRST_PAGE), |_| true) {
            self.dispatch(Action::ListLoaded(page));
            self.list_partial = more;
        }
        if let Some(plans) = self.upcoming_plans() {
            self.dispatch(plans);
        }
        self.notice_last_session();
    }

    /// Loads the whole list if the first frame had only its newest page. Returns whether it
    /// did (the screen needs drawing again).
    pub fn load_rest(&mut self) -> bool {
        if !std::mem::take(&mut self.list_partial) {
            return false;
        }
        let Some(store) = &self.store else {
            return false;
        };
        if let Ok(list) = store.summaries() {
            self.dispatch(Action::ListLoaded(list));
        }
        self.notice_last_session();
        true
    }

    /// The banner after a crash: the visit that was open when the last run ended without
    /// closing (looked up again once the whole list is loaded, if it is older).
    fn notice_last_session(&mut self) {
        let Some(store) = &self.store else {
            return;
        };
        let Ok(Some(id)) = store.session() else {
            return;
        };
        let unit = self
            .state
            .visits
            .iter()
            .find(|v| v.id == id)
            .map(|v| v.unit.clone());
        if let Some(unit) = unit {
            self.state.banner = Some(texts(self.state.lang).recovered(&unit));
        } else if self.list_partial {
            return;
        }
        let _ = store.set_session(None);
    }

    /// Runs an action and everything it leads to: effects, and the actions their results
    /// become.
    pub fn dispatch(&mut self, action: Action) {
        self.settle(action);
        while !self.dispatch_later.is_empty() {
            for later in std::mem::take(&mut self.dispatch_later) {
                self.settle(later);
            }
        }
        self.note_deadline = match (self.state.has_unsaved_note(), self.note_deadline) {
            (false, _) => None,
            (true, Some(deadline)) => Some(deadline),
            (true, None) => Some(Instant::now() + NOTE_DEBOUNCE),
        };
        self.retry_deadline = match (self.state.unsaved.is_empty(), self.retry_deadline) {
            (true, _) => None,
            (false, Some(deadline)) => Some(deadline),
            (false, None) => Some(Instant::now() + RETRY_EVERY),
        };
    }

    /// Runs one action's effects in order, each result settled before the next effect runs:
    /// a save that failed is known as unsaved before the next change is tried, so changes
    /// reach the store in the order they were made.
    fn settle(&mut self, action: Action) {
        for effect in update::update(&mut self.state, action) {
            if let Some(result) = self.run(effect) {
                self.settle(result);
            }
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
        new: crate::visits::NewVisit,
        follow_up: Option<String>,
        plan: Option<&str>,
    ) -> Action {
        let actor = self.actor();
        let store = match self.open_store() {
            Ok(store) => store,
            Err(message) => return Action::Failed(message),
        };
        let created = visits::create_follow_up(store, rubric, new, follow_up, &actor);
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
    fn upcoming_plans(&self) -> Option<Action> {
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

    /// Runs one effect; its result (if any) comes back as an action.
    /// Moves visit `id` to the trash, or back (`request`: `Trash` or `Restore`).
    fn trash(&mut self, id: &str, request: crate::domain::history::Request) -> Option<Action> {
        let actor = self.actor();
        let store = match self.open_store() {
            Ok(store) => store,
            Err(message) => return Some(Action::Failed(message)),
        };
        let result = visits::edit(store, id, request, &actor);
        result.err().map(|error| self.visit_failed(&error))
    }

    fn run(&mut self, effect: Effect) -> Option<Action> {
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
                let id = visits::new_action_id();
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
                    visits::undo(store, &id, &actor)
                } else {
                    visits::redo(store, &id, &actor)
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
                    let error = visits::VisitError::File { path, problem };
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
        match visits::edit(store, &visit, request.clone(), &actor) {
            Ok(outcome) => Action::Saved(Box::new(outcome)),
            Err(visits::VisitError::Store(error)) if is_write_failure(&error) => {
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

    fn visit_failed(&mut self, error: &visits::VisitError) -> Action {
        match error {
            visits::VisitError::Store(error) => self.store_failed(error),
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

    /// The event loop, until the user quits or a signal asks us to stop.
    pub fn run_terminal(&mut self) -> io::Result<()> {
        let mut waiter = Waiter::new()?;
        let theme = Theme::from_env();
        let (mut terminal, guard) = TerminalGuard::enter()?;
        match self.event_loop(&mut waiter, &mut terminal, theme) {
            Ok(Ending::Normal) => Ok(()),
            Ok(Ending::Hangup) => {
                // Nobody to draw for: leave without touching the terminal. Restoring it
                // would write to a dead tty, and ratatui reports that with `eprintln!`,
                // which panics when stderr is gone too.
                std::mem::forget(terminal);
                std::mem::forget(guard);
                Ok(())
            }
            Err(error) => {
                // The terminal failed under us (a hung link, a closed window): save what is
                // pending before giving up, so nothing typed is lost.
                self.dispatch(Action::Terminate);
                std::mem::forget(terminal);
                std::mem::forget(guard);
                Err(error)
            }
        }
    }

    fn event_loop(
        &mut self,
        waiter: &mut Waiter,
        terminal: &mut ratatui::DefaultTerminal,
        theme: Theme,
    ) -> io::Result<Ending> {
        let mut redraw = true;
        while !self.state.quitting {
            if redraw {
                terminal.draw(|frame| view::render(frame, &self.state, theme))?;
                redraw = false;
            }
            if self.load_rest() {
                redraw = true;
                continue;
            }
            let next = match (self.note_deadline, self.retry_deadline) {
                (Some(note), Some(retry)) => Some(note.min(retry)),
                (note, retry) => note.or(retry),
            };
            let timeout = next.map(|deadline| deadline.saturating_duration_since(Instant::now()));
            match waiter.wait(timeout)? {
                Wake::Input(events) => {
                    for event in events {
                        let action = match event {
                            Event::Key(key) => keymap::resolve(&self.state, &key),
                            Event::Paste(text) => Some(Action::Paste(text)),
                            _ => None,
                        };
                        if let Some(action) = action {
                            self.dispatch(action);
                        }
                        if self.state.quitting {
                            break;
                        }
                    }
                    redraw = true;
                }
                Wake::Redraw => {
                    terminal.autoresize()?;
                    redraw = true;
                }
                Wake::Terminate => self.dispatch(Action::Terminate),
                Wake::Hangup => {
                    self.dispatch(Action::Terminate);
                    return Ok(Ending::Hangup);
                }
                Wake::Timeout => {
                    let now = Instant::now();
                    if self.note_deadline.is_some_and(|deadline| deadline <= now) {
                        self.dispatch(Action::Tick);
                        redraw = true;
                    }
                    if self.retry_deadline.is_some_and(|deadline| deadline <= now) {
                        self.retry_deadline = None;
                        self.dispatch(Action::Retry);
                        redraw = true;
                    }
                }
            }
        }
        Ok(Ending::Normal)
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
