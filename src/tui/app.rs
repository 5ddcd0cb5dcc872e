//! The running TUI: the terminal guard and the event loop; the effects `update` asks for
//! are run by [`effects`].
//!
//! Idle means idle: the loop blocks in `poll(2)` until a key, a signal or the note-save
//! debounce (see [`super::wait`]); it draws only after something changed.

mod effects;

use std::io;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use crossterm::event::{DisableBracketedPaste, EnableBracketedPaste, Event};
use crossterm::execute;

use super::action::Action;
use super::state::State;
use super::view::{self, Theme};
use super::wait::{Waiter, Wake};
use super::{keymap, update};
use crate::config::Config;
use crate::store::Store;
use crate::strings::texts;

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
