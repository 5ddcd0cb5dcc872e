//! `update(&mut State, Action) -> Vec<Effect>`: every change of the TUI's state, pure. What
//! needs the store or the disk comes back as an [`Effect`] for the app to run.

mod actions;
mod evidence;
mod form;
mod minutes;
mod scoring;
mod stats;
pub mod unsaved;

use super::action::{Action, Effect};
use super::editor;
use super::state::{Confirm, Message, OpenVisit, Overlay, Screen, State};
use crate::domain::history::MAX_TEXT_CHARS;

pub fn update(state: &mut State, action: Action) -> Vec<Effect> {
    // Results of effects apply wherever the user is.
    match action {
        Action::ListLoaded(visits) => return list_loaded(state, visits),
        Action::PlansLoaded(plans) => return plans_loaded(state, plans),
        Action::Opened(opened) => return open_visit(state, *opened, false),
        Action::PreviousLoaded(loaded) => {
            let (visit, rubric) = *loaded;
            if let Some(open) = state.open.as_mut()
                && open.state.visit.follow_up_of.as_deref() == Some(visit.visit.id.as_str())
            {
                open.previous = Some(super::state::Previous::new(visit, rubric));
            }
            return Vec::new();
        }
        Action::FollowUpReady(visit) => {
            form::follow_up(state, &visit);
            return Vec::new();
        }
        Action::Created(created) => return open_visit(state, *created, true),
        Action::Saved(outcome) => {
            let mut effects = scoring::saved(state, *outcome);
            unsaved::reapply(state);
            unsaved::saved(state);
            if matches!(state.screen, Screen::List) {
                // A change saved by a retry after leaving its visit: the list shows it.
                effects.push(Effect::LoadList);
            }
            return effects;
        }
        Action::NotSaved {
            visit,
            request,
            error,
        } => return unsaved::not_saved(state, visit, request, error),
        Action::Retry => return unsaved::retry(state),
        Action::Failed(message) => {
            if let Some(open) = &mut state.open {
                open.advance_on_save = false;
                // An unsaved note stays marked unsaved and is retried on the next tick.
                if let Some(note) = &mut open.note {
                    note.dirty = true;
                }
            }
            state.message = Some(Message::Error(message));
            return Vec::new();
        }
        Action::Info(text) => {
            state.message = Some(Message::Info(text));
            return Vec::new();
        }
        Action::StatsLoaded(summary) => return stats::loaded(state, *summary),
        action @ (Action::InboxListed(_)
        | Action::FolderListed { .. }
        | Action::Attached(_)
        | Action::FilesMissing { .. }) => return evidence::result(state, action),
        Action::Terminate => {
            state.terminating = true;
            // One last try for what the store refused, then go: nobody is left to ask.
            let mut effects = unsaved::retry(state);
            effects.extend(quit(state));
            return effects;
        }
        Action::Tick => return scoring::flush_note(state),
        _ => {}
    }
    if action != Action::Help {
        // A new key clears the last message, unless the key itself sets one.
        state.message = None;
        if let Some(open) = state.open.as_mut() {
            open.echo = None;
        }
    }
    if let Action::Paste(text) = &action {
        // A pasted book would only be refused when saved; say so now, and keep the screen
        // responsive.
        let chars = text.chars().count();
        if chars > MAX_TEXT_CHARS {
            let t = crate::strings::texts(state.lang);
            state.message = Some(Message::Error(t.paste_too_long(chars, MAX_TEXT_CHARS)));
            return Vec::new();
        }
    }
    if let Some(overlay) = state.overlay.clone() {
        return on_overlay(state, overlay, action);
    }
    match action {
        Action::Quit => return quit(state),
        Action::Help => {
            state.overlay = Some(Overlay::Help);
            return Vec::new();
        }
        _ => {}
    }
    let action_form = state.open.as_ref().is_some_and(|o| o.action_form.is_some());
    match state.screen {
        Screen::Scoring | Screen::Summary if action_form => actions::key(state, &action),
        Screen::Scoring if evidence::picking(state) => evidence::key(state, &action),
        Screen::AskName(_) => ask_name(state, &action),
        Screen::List => list(state, action),
        Screen::NewVisit(_) => form::update(state, action),
        Screen::Scoring => scoring::update(state, action),
        Screen::Summary => scoring::summary(state, &action),
        Screen::Minutes => minutes::update(state, &action),
        Screen::Stats(_) => stats::update(state, &action),
    }
}

/// Shows a visit on the scoring screen; a new one first shows its rubric's notice.
fn open_visit(
    state: &mut State,
    (visit, rubric): (
        crate::domain::visit::VisitState,
        crate::domain::rubric::Rubric,
    ),
    created: bool,
) -> Vec<Effect> {
    let id = visit.visit.id.clone();
    let notice = rubric.notice_in(state.lang).map(str::to_owned);
    state.open = Some(OpenVisit::new(visit, rubric));
    state.screen = Screen::Scoring;
    state.message = None;
    if let (true, Some(notice)) = (created, notice) {
        state.overlay = Some(Overlay::Notice(notice));
    }
    vec![Effect::MarkSession(Some(id))]
}

/// Saves what is pending, then stops. With changes the store has not taken, asks first
/// (unless a signal or a lost terminal leaves nobody to ask).
fn quit(state: &mut State) -> Vec<Effect> {
    // A number still being typed is saved when whole; when not, quitting is the one move
    // that does not wait for it (a signal or Ctrl-c leaves no time to finish it).
    let mut effects = scoring::flush_typed(state).unwrap_or_default();
    effects.extend(scoring::flush_note(state));
    effects.extend(minutes::flush(state));
    if !state.unsaved.is_empty() && !state.terminating {
        state.overlay = Some(Overlay::Confirm(Confirm::QuitUnsaved {
            count: state.unsaved.len(),
        }));
        return effects;
    }
    effects.push(Effect::MarkSession(None));
    effects.push(Effect::Quit);
    state.quitting = true;
    effects
}

fn on_overlay(state: &mut State, overlay: Overlay, action: Action) -> Vec<Effect> {
    match (overlay, action) {
        (Overlay::Confirm(confirm), Action::Yes) => {
            state.overlay = None;
            confirmed(state, confirm)
        }
        (_, Action::Back) => {
            state.overlay = None;
            Vec::new()
        }
        (_, Action::Quit) => quit(state),
        _ => Vec::new(),
    }
}

fn confirmed(state: &mut State, confirm: Confirm) -> Vec<Effect> {
    match confirm {
        Confirm::Delete { id, unit, .. } => {
            let texts = crate::strings::texts(state.lang);
            state.message = Some(Message::Info(texts.trashed(&unit)));
            state.list.last_trashed = Some(id.clone());
            vec![Effect::Trash(id), Effect::LoadList]
        }
        Confirm::Finalize {
            unit,
            empty,
            no_minutes_details,
        } if !empty.is_empty() || no_minutes_details => {
            state.overlay = Some(Overlay::Confirm(Confirm::FinalizeAnyway { unit }));
            Vec::new()
        }
        Confirm::Finalize { .. } | Confirm::FinalizeAnyway { .. } => {
            vec![Effect::Edit(crate::domain::history::Request::Finalize)]
        }
        Confirm::DiscardForm => {
            state.screen = Screen::List;
            Vec::new()
        }
        Confirm::DiscardAction => {
            actions::close(state);
            Vec::new()
        }
        Confirm::QuitUnsaved { .. } => {
            state.quitting = true;
            vec![Effect::MarkSession(None), Effect::Quit]
        }
    }
}

fn ask_name(state: &mut State, action: &Action) -> Vec<Effect> {
    let Screen::AskName(name_editor) = &mut state.screen else {
        return Vec::new();
    };
    if *action == Action::Enter {
        let name = editor::text(name_editor).trim().to_owned();
        if name.is_empty() {
            let t = crate::strings::texts(state.lang);
            state.message = Some(Message::Error(
                t.ui(crate::strings::Ui::AskNameMissing).into(),
            ));
            return Vec::new();
        }
        state.inspector = Some(name.clone());
        state.screen = Screen::List;
        return vec![Effect::SaveInspector(name), Effect::LoadList];
    }
    editor::apply(name_editor, action, false);
    Vec::new()
}

/// Brings visit `id` (of `unit`) back from the trash, and says so.
fn restore(state: &mut State, id: String, unit: &str) -> Vec<Effect> {
    let t = crate::strings::texts(state.lang);
    state.message = Some(Message::Info(t.restored_from_trash(unit)));
    if state.list.last_trashed.as_ref() == Some(&id) {
        state.list.last_trashed = None;
    }
    vec![Effect::Restore(id), Effect::LoadList]
}

fn plans_loaded(state: &mut State, plans: Vec<crate::domain::plan::PlanEntry>) -> Vec<Effect> {
    state.plans = plans;
    clamp_list(state);
    Vec::new()
}

fn list_loaded(
    state: &mut State,
    mut visits: Vec<crate::domain::visit::VisitSummary>,
) -> Vec<Effect> {
    // Newest inspection date first; the same day, the visit created last first (ULIDs sort
    // by creation). Stable, so the store's order breaks any remaining tie.
    visits.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| b.id.cmp(&a.id)));
    state.visits = visits;
    clamp_list(state);
    Vec::new()
}

fn clamp_list(state: &mut State) {
    let count = state.shown_visits().len();
    state.list.selected = state.list.selected.min(count.saturating_sub(1));
    let plans = state.shown_plans().len();
    state.list.plan_selected = match state.list.plan_selected {
        Some(_) if plans == 0 => None,
        Some(index) => Some(index.min(plans - 1)),
        None if count == 0 && plans > 0 => Some(0),
        None => None,
    };
}

/// Up and down, Enter on the plan's entries above the visits; `None` when the action is
/// the visits' (the cursor is on a visit, or moves onto one).
fn plan_rows(state: &mut State, action: &Action) -> Option<Vec<Effect>> {
    let plans = state.shown_plans().len();
    if plans == 0 {
        state.list.plan_selected = None;
        return None;
    }
    match (state.list.plan_selected, action) {
        (None, Action::Up) if state.list.selected == 0 => {
            state.list.plan_selected = Some(plans - 1);
            Some(Vec::new())
        }
        (Some(index), Action::Up) => {
            state.list.plan_selected = Some(index.saturating_sub(1));
            Some(Vec::new())
        }
        (Some(index), Action::Down) => {
            if index + 1 < plans {
                state.list.plan_selected = Some(index + 1);
            } else if !state.shown_visits().is_empty() {
                state.list.plan_selected = None;
                state.list.selected = 0;
            }
            Some(Vec::new())
        }
        (Some(index), Action::Open) => {
            state.banner = None;
            let entry = state.shown_plans()[index.min(plans - 1)].clone();
            form::from_plan(state, &entry);
            Some(Vec::new())
        }
        // Deleting, a follow-up: a visit's, not an entry's.
        (Some(_), Action::Delete | Action::FollowUp) => Some(Vec::new()),
        _ => None,
    }
}

/// A key while typing the list's filter.
fn filter_key(state: &mut State, action: Action) -> Vec<Effect> {
    match action {
        Action::Enter => state.list.filtering = false,
        Action::Back => {
            state.list.filtering = false;
            state.list.filter.clear();
        }
        Action::Backspace => {
            state.list.filter.pop();
        }
        Action::Char(c) => state.list.filter.push(c),
        Action::Paste(text) => state.list.filter.push_str(&text),
        _ => {}
    }
    state.list.selected = 0;
    state.list.plan_selected = None;
    Vec::new()
}

fn list(state: &mut State, action: Action) -> Vec<Effect> {
    if state.list.filtering {
        return filter_key(state, action);
    }
    if let Some(effects) = plan_rows(state, &action) {
        return effects;
    }
    let count = state.shown_visits().len();
    match action {
        Action::Down => {
            state.list.selected = (state.list.selected + 1).min(count.saturating_sub(1));
        }
        Action::Up => state.list.selected = state.list.selected.saturating_sub(1),
        Action::StartFilter => state.list.filtering = true,
        Action::Back if !state.list.filter.is_empty() => {
            state.list.filter.clear();
            state.list.selected = 0;
        }
        Action::Back | Action::Quit if state.list.trash => {
            state.list.trash = false;
            state.list.selected = 0;
        }
        Action::Back => return quit(state),
        Action::ToggleTrash => {
            state.list.trash = !state.list.trash;
            state.list.selected = 0;
            state.list.plan_selected = None;
        }
        // In the trash, Enter brings the visit back (nothing there is opened or deleted).
        Action::Open if state.list.trash => {
            if let Some(visit) = state.shown_visits().get(state.list.selected) {
                let (id, unit) = (visit.id.clone(), visit.unit.clone());
                return restore(state, id, &unit);
            }
        }
        Action::Undo => {
            let last = state.list.last_trashed.take();
            let found = last.and_then(|id| {
                let visit = state.visits.iter().find(|v| v.id == id)?;
                Some((id, visit.unit.clone()))
            });
            if let Some((id, unit)) = found {
                return restore(state, id, &unit);
            }
            let t = crate::strings::texts(state.lang);
            let nothing = t.ui(crate::strings::Ui::NothingToRestore).into();
            state.message = Some(Message::Info(nothing));
        }
        Action::Open => {
            state.banner = None;
            if let Some(visit) = state.shown_visits().get(state.list.selected) {
                return vec![Effect::OpenVisit(visit.id.clone())];
            }
        }
        Action::NewVisit | Action::Delete | Action::FollowUp | Action::Stats
            if state.list.trash => {}
        Action::NewVisit => {
            state.banner = None;
            let t = crate::strings::texts(state.lang);
            let today = t.short_date(crate::domain::visit::Stamp::now().date());
            let form = super::state::Form::new(&today, state.inspector.as_deref());
            state.screen = Screen::NewVisit(Box::new(form));
        }
        Action::FollowUp => {
            state.banner = None;
            if let Some(visit) = state.shown_visits().get(state.list.selected) {
                return vec![Effect::PrepareFollowUp(visit.id.clone())];
            }
        }
        Action::Stats => {
            if let Some(visit) = state.shown_visits().get(state.list.selected) {
                let rubric = visit.rubric_id.clone();
                return vec![Effect::LoadStats { rubric }];
            }
        }
        Action::Delete => {
            if let Some(visit) = state.shown_visits().get(state.list.selected) {
                let confirm = Confirm::Delete {
                    id: visit.id.clone(),
                    unit: visit.unit.clone(),
                    date: visit.date,
                };
                state.overlay = Some(Overlay::Confirm(confirm));
            }
        }
        _ => {}
    }
    Vec::new()
}
