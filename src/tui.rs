//! The terminal UI: `onsite` with no arguments.
//!
//! Shape (see STYLE.md): key → [`keymap`] → [`action::Action`] → pure [`update::update`] →
//! [`action::Effect`]s run by [`app::App`] → [`view::render`] when something changed.

pub mod action;
pub mod app;
pub mod editor;
pub mod entry;
pub mod inbox;
pub mod keymap;
pub mod state;
pub mod update;
pub mod view;
pub mod wait;

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use crate::catalog::Catalog;
use crate::config::Config;
use crate::domain::rubric::Lang;
use crate::store::Store;
use crate::strings::texts;

/// What the TUI starts with: the store (opened by the caller) and the user's settings.
pub struct Start<'a> {
    pub store: Store,
    pub lang: Lang,
    /// `--as`, `ONSITE_INSPECTOR` or the config's `inspector`.
    pub inspector: Option<String>,
    pub config: Config,
    pub config_file: Option<PathBuf>,
    pub user_rubrics: Option<PathBuf>,
    /// Where to say, after the terminal is restored, what never reached the store.
    pub err: &'a mut dyn Write,
}

/// Runs the TUI until the user quits.
pub fn run(start: Start<'_>) -> io::Result<ExitCode> {
    let Start {
        store,
        lang,
        inspector,
        config,
        config_file,
        user_rubrics,
        err,
    } = start;
    let t = texts(lang);
    let catalog = Catalog::load(user_rubrics.as_deref());
    // A colleague's broken rubric file is left out; say so instead of hiding it.
    let skipped = catalog
        .problems
        .iter()
        .filter(|p| !matches!(p, crate::catalog::FileProblem::WorldWritable { .. }))
        .count();
    let rubrics = catalog
        .entries
        .into_iter()
        .map(|entry| entry.rubric)
        .collect();
    let mut state = state::State::new(lang, inspector, rubrics);
    state.advance = config.advance.unwrap_or(true);
    state.home = crate::paths::home_dir();
    let mut app = app::App::new(store, state, config, config_file);
    app.start();
    let repaired: Vec<String> = app
        .store()
        .map(|store| {
            store
                .opened()
                .iter()
                .filter_map(|opened| t.store_opened(opened).into_iter().next())
                .collect()
        })
        .unwrap_or_default();
    if !repaired.is_empty() {
        let note = repaired.join(" ");
        app.state.banner = Some(match app.state.banner.take() {
            Some(before) => format!("{note} {before}"),
            None => note,
        });
    }
    if skipped > 0 {
        let note = t.rubrics_skipped(skipped);
        app.state.banner = Some(match app.state.banner.take() {
            Some(recovered) => format!("{recovered} {note}"),
            None => note,
        });
    }
    app.run_terminal()?;
    if app.state.unsaved.is_empty() {
        return Ok(ExitCode::SUCCESS);
    }
    // Quit anyway, or stopped by a signal: say what never reached the store, so it can be
    // entered again.
    let dir = app.data_dir().display().to_string();
    let _ = writeln!(err, "{}", t.unsaved_lost(app.state.unsaved.len(), &dir));
    for unsaved in &app.state.unsaved {
        let line = t.unsaved_what(&unsaved.visit, &unsaved.request);
        let _ = writeln!(err, "  {}", crate::strings::inert(&line));
    }
    Ok(ExitCode::FAILURE)
}
