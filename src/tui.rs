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

use std::io;
use std::process::ExitCode;

use crate::catalog::Catalog;
use crate::cli::Context;

/// Opens the store and runs the TUI until the user quits.
pub fn run(cx: &mut Context<'_>) -> io::Result<ExitCode> {
    let store = match cx.store() {
        Ok(store) => store,
        Err(outcome) => return outcome,
    };
    let catalog = Catalog::load(cx.paths.user_rubrics.as_deref());
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
    let inspector = cx.inspector.clone();
    let mut state = state::State::new(cx.lang, inspector, rubrics);
    state.advance = cx.config.advance.unwrap_or(true);
    state.home = crate::paths::home_dir();
    let mut app = app::App::new(
        store,
        state,
        cx.config.clone(),
        cx.paths.config_file.clone(),
    );
    app.start();
    let repaired: Vec<String> = app
        .store()
        .map(|store| {
            store
                .opened()
                .iter()
                .filter_map(|opened| cx.texts.store_opened(opened).into_iter().next())
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
        let note = cx.texts.rubrics_skipped(skipped);
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
    let _ = writeln!(
        cx.err,
        "{}",
        cx.texts.unsaved_lost(app.state.unsaved.len(), &dir)
    );
    for unsaved in &app.state.unsaved {
        let line = cx.texts.unsaved_what(&unsaved.visit, &unsaved.request);
        let _ = writeln!(cx.err, "  {}", crate::strings::inert(&line));
    }
    Ok(ExitCode::FAILURE)
}
