//! The running TUI: the terminal guard, the event loop, and the effects `update` asks for.
//!
//! Idle means idle: the loop blocks in `poll(2)` until a key, a signal or the note-save
//! debounce (see [`super::wait`]); it draws only after something changed.

use std::collections::VecDeque;
use std::io;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use crossterm::event::{DisableBracketedPaste, EnableBracketedPaste, Event};
use crossterm::execute;

use super::action::{Action, Effect};
use super::state::State;
use super::view::{self, Theme};
use super::wait::{Waiter, Wake};
use super::{keymap, update};
use crate::config::Config;
use crate::store::Store;
use crate::strings::texts;
use crate::visits::{self, Actor};

/// A note being typed is saved at most this long after its first unsaved keystroke.
pub const NOTE_DEBOUNCE: Duration = Duration::from_millis(300);

/// Restores the terminal when dropped, on every way out (ratatui's own panic hook covers
/// panics; ours chains to it to turn bracketed paste off too).
struct TerminalGuard;

impl TerminalGuard {
    fn enter() -> io::Result<(ratatui::DefaultTerminal, TerminalGuard)> {
        let terminal = ratatui::try_init()?;
        let guard = TerminalGuard;
        execute!(io::stdout(), EnableBracketedPaste)?;
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
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
    pub store: Store,
    pub state: State,
    pub config: Config,
    pub config_file: Option<PathBuf>,
    note_deadline: Option<Instant>,
    /// Actions to run after the current one settles (e.g. a notice after opening a visit).
    dispatch_later: Vec<Action>,
}

impl App {
    pub fn new(store: Store, state: State, config: Config, config_file: Option<PathBuf>) -> App {
        App {
            store,
            state,
            config,
            config_file,
            note_deadline: None,
            dispatch_later: Vec::new(),
        }
    }

    /// Loads the list and notices a session that did not end normally.
    pub fn start(&mut self) {
        self.dispatch(Action::Tick);
        if let Ok(list) = self.store.summaries() {
            self.dispatch(Action::ListLoaded(list));
        }
        if let Ok(Some(id)) = self.store.session() {
            let unit = self
                .state
                .visits
                .iter()
                .find(|v| v.id == id)
                .map(|v| v.unit.clone());
            if let Some(unit) = unit {
                self.state.banner = Some(texts(self.state.lang).recovered(&unit));
            }
            let _ = self.store.set_session(None);
        }
    }

    /// Runs an action and everything it leads to: effects, and the actions their results
    /// become.
    pub fn dispatch(&mut self, action: Action) {
        let mut queue = VecDeque::from([action]);
        while let Some(action) = queue.pop_front() {
            for effect in update::update(&mut self.state, action) {
                if let Some(result) = self.run(effect) {
                    queue.push_back(result);
                }
            }
            if queue.is_empty() {
                queue.extend(self.dispatch_later.drain(..));
            }
        }
        self.note_deadline = match (self.state.has_unsaved_note(), self.note_deadline) {
            (false, _) => None,
            (true, Some(deadline)) => Some(deadline),
            (true, None) => Some(Instant::now() + NOTE_DEBOUNCE),
        };
    }

    /// "2 xung đột với máy khác: onsite conflicts" when the visit has open conflicts.
    fn conflict_notice(&self, id: &str) -> Option<Action> {
        let conflicts = crate::sync::folder::conflicts(&self.store, id).ok()?;
        if conflicts.is_empty() {
            return None;
        }
        let fields: Vec<&str> = conflicts.iter().map(|c| c.field.as_str()).collect();
        Some(Action::Info(texts(self.state.lang).open_conflicts(&fields)))
    }

    fn actor(&self) -> Actor {
        Actor::now(self.state.inspector.as_deref().unwrap_or("?"))
    }

    fn failed(&self, error: &visits::VisitError) -> Action {
        Action::Failed(texts(self.state.lang).visit_error(error))
    }

    fn open_id(&self) -> Option<String> {
        self.state
            .open
            .as_ref()
            .map(|open| open.state.visit.id.clone())
    }

    /// Runs one effect; its result (if any) comes back as an action.
    fn run(&mut self, effect: Effect) -> Option<Action> {
        let t = texts(self.state.lang);
        match effect {
            Effect::LoadList => match self.store.summaries() {
                Ok(list) => Some(Action::ListLoaded(list)),
                Err(error) => Some(Action::Failed(t.store_error(&error))),
            },
            Effect::OpenVisit(id) => match self.store.load(&id) {
                Ok(loaded) => {
                    self.dispatch_later.extend(self.conflict_notice(&id));
                    Some(Action::Opened(Box::new(loaded)))
                }
                Err(error) => Some(Action::Failed(t.store_error(&error))),
            },
            Effect::CreateVisit { rubric, new } => {
                let created = visits::create(&self.store, &rubric, new, &self.actor());
                match created.and_then(|state| Ok(self.store.load(&state.visit.id)?)) {
                    Ok(loaded) => Some(Action::Created(Box::new(loaded))),
                    Err(error) => Some(self.failed(&error)),
                }
            }
            Effect::Edit(request) => {
                let id = self.open_id()?;
                match visits::edit(&self.store, &id, request, &self.actor()) {
                    Ok(outcome) => Some(Action::Saved(Box::new(outcome))),
                    Err(error) => Some(self.failed(&error)),
                }
            }
            Effect::Undo | Effect::Redo => {
                let id = self.open_id()?;
                let result = if effect == Effect::Undo {
                    visits::undo(&self.store, &id, &self.actor())
                } else {
                    visits::redo(&self.store, &id, &self.actor())
                };
                match result {
                    Ok(outcome) => Some(Action::Saved(Box::new(outcome))),
                    Err(error) => Some(self.failed(&error)),
                }
            }
            Effect::Trash(id) => {
                let result = visits::edit(
                    &self.store,
                    &id,
                    crate::domain::history::Request::Trash,
                    &self.actor(),
                );
                result.err().map(|error| self.failed(&error))
            }
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
            Effect::MarkSession(visit) => self
                .store
                .set_session(visit.as_deref())
                .err()
                .map(|e| Action::Failed(t.store_error(&e))),
            Effect::WriteReport => {
                let id = self.open_id()?;
                let written = self
                    .store
                    .record(&id)
                    .map_err(|e| t.store_error(&e))
                    .and_then(|record| {
                        let format = crate::report::Format::Html;
                        let bytes = crate::report::render(&record, self.state.lang, format)?;
                        let name = crate::report::file_name(&record, format.extension());
                        let dir = std::env::current_dir().map_err(|e| e.to_string())?;
                        crate::export::write_atomic(&dir, &name, &bytes).map_err(|e| {
                            t.export_failed(&dir.join(&name).display().to_string(), &e.to_string())
                        })
                    });
                Some(match written {
                    Ok(path) => Action::Info(t.report_written(&path.display().to_string())),
                    Err(message) => Action::Failed(message),
                })
            }
            Effect::Quit => None,
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
            let timeout = self
                .note_deadline
                .map(|deadline| deadline.saturating_duration_since(Instant::now()));
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
                    if self
                        .note_deadline
                        .is_some_and(|deadline| deadline <= Instant::now())
                    {
                        self.dispatch(Action::Tick);
                        redraw = true;
                    }
                }
            }
        }
        Ok(Ending::Normal)
    }
}
