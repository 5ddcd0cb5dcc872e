//! The summary screen of one rubric's finalized visits (`s` on the list): shown once the app
//! has counted them, scrolled, left with Esc.

use super::super::action::{Action, Effect};
use super::super::state::{Message, Screen, State, StatsView};
use crate::domain::stats::Stats;

/// The summary counted: shown, or (no finalized visit of that rubric) said on the list.
pub fn loaded(state: &mut State, summary: Option<Stats>) -> Vec<Effect> {
    if !matches!(state.screen, Screen::List) {
        return Vec::new();
    }
    if let Some(summary) = summary {
        let view = StatsView {
            stats: summary,
            scroll: 0,
        };
        state.screen = Screen::Stats(Box::new(view));
    } else {
        let t = crate::strings::texts(state.lang);
        state.message = Some(Message::Info(t.stats_none(false).into()));
    }
    Vec::new()
}

/// How many lines the screen shows for `stats` (see `view::stats`): the most it scrolls.
pub fn lines(stats: &Stats) -> usize {
    9 + stats.sections.len() + stats.weakest.len() + stats.units.len()
}

pub fn update(state: &mut State, action: &Action) -> Vec<Effect> {
    let Screen::Stats(view) = &mut state.screen else {
        return Vec::new();
    };
    let most = u16::try_from(lines(&view.stats)).unwrap_or(u16::MAX);
    match action {
        Action::Down => view.scroll = view.scroll.saturating_add(1).min(most),
        Action::Up => view.scroll = view.scroll.saturating_sub(1),
        Action::PageDown => view.scroll = view.scroll.saturating_add(10).min(most),
        Action::PageUp => view.scroll = view.scroll.saturating_sub(10),
        Action::Back => state.screen = Screen::List,
        _ => {}
    }
    Vec::new()
}
