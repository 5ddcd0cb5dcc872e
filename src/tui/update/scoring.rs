//! The scoring and summary screens: answering by keys, notes, search, undo, finalize.

use crate::domain::answer::Answer;
use crate::domain::history::{Change, ChangeKind, Edit, EditError, MAX_TEXT_CHARS, Request};
use crate::domain::visit::FindingField;
use crate::service::Edited;
use crate::strings::{Texts, texts};
use crate::tui::action::{Action, Effect};
use crate::tui::editor;
use crate::tui::entry::{self, Entry};
use crate::tui::state::{
    Confirm, Message, NoteEdit, NoteTarget, OpenVisit, Overlay, Screen, State, SummaryRow,
};

fn error(state: &mut State, text: String) -> Vec<Effect> {
    state.message = Some(Message::Error(text));
    Vec::new()
}

pub fn update(state: &mut State, action: Action) -> Vec<Effect> {
    let Some(open) = state.open.as_mut() else {
        return Vec::new();
    };
    if open.note.is_some() {
        return note_key(state, &action);
    }
    if open.search.typing {
        return search_key(state, action);
    }
    let mut effects = match action {
        Action::Digit(_)
        | Action::Dot
        | Action::Clear
        | Action::Enter
        | Action::ScrollText { .. } => Vec::new(),
        // These replace or take back answers: digits typed before them were no answer yet.
        Action::Undo | Action::Redo | Action::NotApplicable => {
            open.typed.clear();
            Vec::new()
        }
        _ => match flush_typed(state) {
            Ok(effects) => effects,
            Err(()) => return Vec::new(),
        },
    };
    if action == Action::Finalize {
        // `f` right after typing the last answer: that answer is on its way to the store
        // (the save runs before any key that could confirm), so it counts as answered.
        let pending = effects.iter().find_map(|effect| match effect {
            Effect::Save {
                request:
                    Request::Answer {
                        item,
                        answer: Some(_),
                    },
                ..
            } => Some(item.clone()),
            _ => None,
        });
        let t = texts(state.lang);
        effects.extend(ask_finalize(state, t, pending.as_deref()));
        return effects;
    }
    effects.extend(act(state, &action));
    effects
}

/// Before the cursor moves away (or the screen changes, or the app quits): a number still
/// being typed is saved when it is a whole answer (`2` on a max-3 step-0.5 criterion), and
/// the move waits, with a message, when it is not (`2.`). It never vanishes unsaid.
pub fn flush_typed(state: &mut State) -> Result<Vec<Effect>, ()> {
    let t = texts(state.lang);
    let Some(open) = state.open.as_mut() else {
        return Ok(Vec::new());
    };
    if open.typed.is_empty() {
        return Ok(Vec::new());
    }
    let Some(item) = open.item() else {
        open.typed.clear();
        return Ok(Vec::new());
    };
    let id = item.id.clone();
    match entry::on_enter(item, &open.typed) {
        // Named by its visit: leaving the visit closes it before the effect runs.
        Some(answer) if !open.is_read_only() => {
            open.typed.clear();
            Ok(vec![Effect::Save {
                visit: open.state.visit.id.clone(),
                request: Request::Answer {
                    item: id,
                    answer: Some(answer),
                },
            }])
        }
        _ => {
            let typed = open.typed.clone();
            state.message = Some(Message::Error(t.typed_unfinished(&typed)));
            Err(())
        }
    }
}

fn act(state: &mut State, action: &Action) -> Vec<Effect> {
    let t = texts(state.lang);
    let Some(open) = state.open.as_mut() else {
        return Vec::new();
    };
    let count = open.items().count();
    match action {
        Action::ScrollText { down } => {
            let rows = if open.text_scroll.0 == open.cursor {
                open.text_scroll.1
            } else {
                0
            };
            let rows = if *down {
                rows.saturating_add(3)
            } else {
                rows.saturating_sub(3)
            };
            open.text_scroll = (open.cursor, rows);
        }
        Action::Down => open.cursor = (open.cursor + 1).min(count.saturating_sub(1)),
        Action::Up => open.cursor = open.cursor.saturating_sub(1),
        Action::NextSection | Action::PrevSection => {
            move_section(open, *action == Action::NextSection);
        }
        Action::NextUnanswered => next_unanswered(state, t),
        Action::Digit(_) | Action::Dot | Action::Enter | Action::NotApplicable | Action::Clear
            if open.is_read_only() =>
        {
            return error(state, t.edit_error(&EditError::Finalized));
        }
        Action::Digit(c) => return typed(state, *c, t),
        Action::Dot => return typed(state, '.', t),
        Action::Enter => {
            let Some(item) = open.item() else {
                return Vec::new();
            };
            return match entry::on_enter(item, &open.typed) {
                Some(answer) => {
                    open.typed.clear();
                    commit(state, answer)
                }
                None if open.typed.is_empty() => Vec::new(),
                None => {
                    let typed = std::mem::take(&mut open.typed);
                    error(state, t.not_an_entry(&typed))
                }
            };
        }
        Action::NotApplicable => match open.item() {
            Some(item) if item.na => return commit(state, Answer::NotApplicable),
            Some(_) => {
                let e = crate::domain::answer::AnswerError::NaNotAllowed;
                return error(state, t.answer_error(&e));
            }
            None => {}
        },
        Action::Clear if open.typed.pop().is_none() => {
            let item = open.item().map(|item| item.id.clone()).unwrap_or_default();
            if open.state.answer(&item).is_some() {
                return vec![Effect::Edit(Request::Answer { item, answer: None })];
            }
        }
        Action::EditNote => return start_note(state, None),
        Action::AddAction => {
            let item = open.item().map(|item| item.id.clone());
            return super::actions::start(state, item);
        }
        Action::AttachEvidence => return super::evidence::start(state),
        // Undo works on the stored history; a change not saved yet is not in it.
        Action::Undo | Action::Redo if !state.unsaved.is_empty() => {
            return error(state, t.undo_waits_for_save().to_owned());
        }
        Action::Undo => return vec![Effect::Undo],
        Action::Redo => return vec![Effect::Redo],
        Action::StartSearch => {
            open.search = crate::tui::state::Search {
                query: String::new(),
                typing: true,
            }
        }
        Action::SearchNext | Action::SearchPrev => {
            return search(state, *action == Action::SearchNext, false);
        }
        Action::Summary => {
            open.summary_row = 0;
            state.screen = Screen::Summary;
        }
        Action::Finalize => return ask_finalize(state, t, None),
        Action::Back => return leave(state),
        _ => {}
    }
    Vec::new()
}

fn move_section(open: &mut OpenVisit, forward: bool) {
    let Some((index, _)) = open.section() else {
        return;
    };
    let target = if forward {
        index + 1
    } else {
        index.saturating_sub(1)
    };
    if target >= open.rubric.sections.len() {
        return;
    }
    let start: usize = open.rubric.sections[..target]
        .iter()
        .map(|s| s.items.len())
        .sum();
    let own_start: usize = open.rubric.sections[..index]
        .iter()
        .map(|s| s.items.len())
        .sum();
    // `[` inside a section goes to its first item first, like a text editor's paragraph key.
    open.cursor = if !forward && open.cursor > own_start {
        own_start
    } else {
        start
    };
}

fn next_unanswered(state: &mut State, t: &dyn Texts) {
    let Some(open) = state.open.as_mut() else {
        return;
    };
    let ids: Vec<String> = open.items().map(|item| item.id.clone()).collect();
    let count = ids.len();
    let next = (1..=count)
        .map(|step| (open.cursor + step) % count)
        .find(|index| open.card.unanswered.contains(&ids[*index]));
    match next {
        Some(index) => open.cursor = index,
        None => state.message = Some(Message::Info(t.all_answered().to_owned())),
    }
}

fn typed(state: &mut State, key: char, t: &dyn Texts) -> Vec<Effect> {
    let Some(open) = state.open.as_mut() else {
        return Vec::new();
    };
    let Some(item) = open.item() else {
        return Vec::new();
    };
    let attempt = format!("{}{key}", open.typed);
    match entry::interpret(item, &attempt) {
        Entry::Commit(answer) => {
            open.typed.clear();
            commit(state, answer)
        }
        Entry::Pending => {
            open.typed = attempt;
            Vec::new()
        }
        Entry::Invalid => {
            open.typed.clear();
            error(state, t.not_an_entry(&attempt))
        }
    }
}

fn commit(state: &mut State, answer: Answer) -> Vec<Effect> {
    let advance = state.advance;
    let Some(open) = state.open.as_mut() else {
        return Vec::new();
    };
    let Some(item) = open.item().map(|item| item.id.clone()) else {
        return Vec::new();
    };
    open.advance_on_save = advance;
    vec![Effect::Edit(Request::Answer {
        item,
        answer: Some(answer),
    })]
}

/// The result of a save: the visit as stored now; move on after an answer.
pub fn saved(state: &mut State, outcome: Edited) -> Vec<Effect> {
    let t = texts(state.lang);
    let Some(open) = state.open.as_mut() else {
        return Vec::new();
    };
    if let Some(previous) = open
        .previous
        .as_mut()
        .filter(|p| p.state.visit.id == outcome.state.visit.id)
    {
        // An action of the visit this one checks again, changed from the summary.
        *previous = crate::tui::state::Previous::new(outcome.state, outcome.rubric);
        if let Some(change) = outcome.change {
            state.message = Some(Message::Info(t.change(&change, &previous.rubric)));
        }
        return Vec::new();
    }
    if open.state.visit.id != outcome.state.visit.id {
        return Vec::new();
    }
    open.state = outcome.state;
    open.rescore();
    if let Some(Change {
        edit: Edit::Answer {
            item, to: Some(_), ..
        },
        kind: ChangeKind::Do,
        ..
    }) = &outcome.change
    {
        open.echo = Some(item.clone());
    }
    let advance = std::mem::take(&mut open.advance_on_save);
    let answered_here = |item: &str| advance && open.item().is_some_and(|i| i.id == item);
    let Some(change) = outcome.change else {
        // The item already had that answer: nothing to save, but the inspector still moves
        // on, as after any answer.
        if advance {
            next_after_answer(state);
        }
        return Vec::new();
    };
    match change.edit {
        Edit::Answer { ref item, .. } if answered_here(item) => next_after_answer(state),
        // Backspace took an answer away: say which, and how to bring it back.
        Edit::Answer {
            ref item,
            from: Some(ref from),
            to: None,
        } if matches!(change.kind, ChangeKind::Do) => {
            let words = t.answer(Some(from), &open.rubric, item);
            state.message = Some(Message::Info(t.answer_cleared(item, &words)));
        }
        Edit::Status { .. }
        | Edit::ActionAdd { .. }
        | Edit::ActionSet { .. }
        | Edit::ActionStatus { .. } => {
            state.message = Some(Message::Info(t.change(&change, &open.rubric)));
        }
        // A detail of the minutes: say what was recorded (a time as the minutes write it).
        Edit::Finding { field, .. } if field.is_minutes() => {
            state.message = Some(Message::Info(t.change(&change, &open.rubric)));
        }
        _ if !matches!(change.kind, ChangeKind::Do) => {
            state.message = Some(Message::Info(t.change(&change, &open.rubric)));
        }
        _ => {}
    }
    Vec::new()
}

/// Moves to the next item after an answer, or says the last one was answered.
fn next_after_answer(state: &mut State) {
    let Some(open) = state.open.as_mut() else {
        return;
    };
    if open.cursor + 1 < open.items().count() {
        open.cursor += 1;
    } else {
        let left = open.card.unanswered.len();
        state.message = Some(Message::Info(texts(state.lang).last_item(left)));
    }
}

/// Opens the note editor on the current item, or on a finding (summary screen).
fn start_note(state: &mut State, finding: Option<FindingField>) -> Vec<Effect> {
    let Some(open) = state.open.as_mut() else {
        return Vec::new();
    };
    if open.is_read_only() {
        // Finalized: shown whole, to read; nothing can change it.
        let target = match (finding, open.item()) {
            (Some(field), _) => NoteTarget::Finding(field),
            (None, Some(item)) => NoteTarget::Item(item.id.clone()),
            (None, None) => return Vec::new(),
        };
        state.overlay = Some(Overlay::Reading(target));
        return Vec::new();
    }
    let (target, text) = if let Some(field) = finding {
        (
            NoteTarget::Finding(field),
            open.state.visit.findings.get(field).to_owned(),
        )
    } else {
        let Some(item) = open.item() else {
            return Vec::new();
        };
        let id = item.id.clone();
        let text = open.state.note(&id).to_owned();
        (NoteTarget::Item(id), text)
    };
    open.note = Some(NoteEdit {
        target,
        editor: editor::editor(&text),
        dirty: false,
    });
    Vec::new()
}

fn note_key(state: &mut State, action: &Action) -> Vec<Effect> {
    let Some(open) = state.open.as_mut() else {
        return Vec::new();
    };
    let Some(note) = open.note.as_mut() else {
        return Vec::new();
    };
    if *action == Action::Back {
        let effects = flush_note(state);
        if let Some(open) = state.open.as_mut() {
            open.note = None;
        }
        return effects;
    }
    let added = match action {
        Action::Char(_) | Action::Newline => 1,
        Action::Paste(text) => text.chars().count(),
        _ => 0,
    };
    if added > 0 {
        // Refused here rather than when saved, so what is typed is never lost to the limit.
        let length = editor::text(&note.editor).chars().count();
        if length + added > MAX_TEXT_CHARS {
            let t = texts(state.lang);
            state.message = Some(Message::Error(t.note_too_long(MAX_TEXT_CHARS)));
            return Vec::new();
        }
    }
    if editor::apply(&mut note.editor, action, true) {
        note.dirty = true;
    }
    Vec::new()
}

/// Saves the note being typed, if anything changed since the last save.
pub fn flush_note(state: &mut State) -> Vec<Effect> {
    let Some(note) = state.open.as_mut().and_then(|open| open.note.as_mut()) else {
        return Vec::new();
    };
    if !note.dirty {
        return Vec::new();
    }
    note.dirty = false;
    let text = editor::text(&note.editor);
    let request = match &note.target {
        NoteTarget::Item(item) => Request::Note {
            item: item.clone(),
            text,
        },
        NoteTarget::Finding(field) => Request::Finding {
            field: *field,
            text,
        },
    };
    vec![Effect::Edit(request)]
}

fn search_key(state: &mut State, action: Action) -> Vec<Effect> {
    let Some(open) = state.open.as_mut() else {
        return Vec::new();
    };
    match action {
        Action::Enter => {
            open.search.typing = false;
            return search(state, true, true);
        }
        Action::Back => {
            open.search.typing = false;
            open.search.query.clear();
        }
        Action::Backspace => {
            open.search.query.pop();
        }
        Action::Char(c) => open.search.query.push(c),
        Action::Paste(text) => open.search.query.push_str(&text),
        _ => {}
    }
    Vec::new()
}

/// Moves to the next (or previous) item whose id or text contains the query, ignoring case and
/// diacritics (`bien ten` finds "Biển tên"). The jump from the search line (`first`) goes to
/// the next match that keeps the diacritics typed when there is one; `n`/`N` then visit every
/// match in rubric order.
fn search(state: &mut State, forward: bool, first: bool) -> Vec<Effect> {
    use crate::domain::search::{Hit, Query};
    let t = texts(state.lang);
    let lang = state.lang;
    let Some(open) = state.open.as_mut() else {
        return Vec::new();
    };
    let typed = open.search.query.clone();
    if typed.trim().is_empty() {
        return Vec::new();
    }
    let query = Query::new(&typed);
    let hits: Vec<Option<Hit>> = open
        .items()
        .map(|item| query.find_any([item.id.as_str(), item.text_in(lang), item.text.as_str()]))
        .collect();
    let count = hits.len();
    let order: Vec<usize> = (1..=count)
        .map(|step| {
            if forward {
                (open.cursor + step) % count
            } else {
                (open.cursor + count * 2 - step) % count
            }
        })
        .collect();
    let exact = || order.iter().find(|i| hits[**i] == Some(Hit::Exact));
    let any = || order.iter().find(|i| hits[**i].is_some());
    let found = if first { exact().or_else(any) } else { any() };
    if let Some(index) = found {
        open.cursor = *index;
    } else {
        return error(state, t.no_match(&typed));
    }
    Vec::new()
}

/// `pending`: an item whose answer is being saved with this key (a number typed, then `f`).
fn ask_finalize(state: &mut State, t: &dyn Texts, pending: Option<&str>) -> Vec<Effect> {
    let Some(open) = state.open.as_ref() else {
        return Vec::new();
    };
    if open.is_read_only() {
        return error(state, t.edit_error(&EditError::Finalized));
    }
    let unanswered = open
        .card
        .unanswered
        .iter()
        .filter(|id| Some(id.as_str()) != pending)
        .count();
    if unanswered > 0 {
        return error(state, t.edit_error(&EditError::Unanswered { unanswered }));
    }
    let unit = open.state.visit.unit.name.clone();
    let findings = &open.state.visit.findings;
    let empty: Vec<FindingField> = FindingField::FINDINGS
        .into_iter()
        .filter(|field| findings.get(*field).trim().is_empty())
        .collect();
    let no_minutes_details = FindingField::MINUTES
        .into_iter()
        .all(|field| findings.get(field).trim().is_empty());
    state.overlay = Some(Overlay::Confirm(Confirm::Finalize {
        unit,
        empty,
        no_minutes_details,
    }));
    Vec::new()
}

/// Back to the visit list, saving any note first.
fn leave(state: &mut State) -> Vec<Effect> {
    let mut effects = flush_note(state);
    state.open = None;
    state.screen = Screen::List;
    effects.push(Effect::MarkSession(None));
    effects.push(Effect::LoadList);
    effects
}

/// The summary screen: rows are the four findings, then the unanswered items.
pub fn summary(state: &mut State, action: &Action) -> Vec<Effect> {
    let t = texts(state.lang);
    let Some(open) = state.open.as_mut() else {
        return Vec::new();
    };
    if open.note.is_some() {
        return note_key(state, action);
    }
    let rows = open.summary_rows();
    let row = rows.get(open.summary_row).cloned();
    match (action, row) {
        (Action::Down, _) => {
            open.summary_row = (open.summary_row + 1).min(rows.len().saturating_sub(1));
        }
        (Action::Up, _) => open.summary_row = open.summary_row.saturating_sub(1),
        (Action::Open | Action::EditNote, Some(SummaryRow::Finding(field))) => {
            return start_note(state, Some(field));
        }
        (Action::Open, Some(SummaryRow::Action { id, previous })) => {
            return super::actions::start_edit(state, &id, previous);
        }
        (Action::Open, Some(SummaryRow::Unanswered(id))) => {
            let found = open.items().position(|item| item.id == id);
            if let Some(index) = found {
                open.cursor = index;
            }
            state.screen = Screen::Scoring;
        }
        (Action::AddAction, _) => return super::actions::start(state, None),
        (Action::ActionDone, row) => return super::actions::mark_done(state, row),
        (Action::Finalize, _) => return ask_finalize(state, t, None),
        // The visit's history, as on the scoring screen: the message says what was undone,
        // or that nothing is left to undo.
        (Action::Undo, _) if !state.unsaved.is_empty() => {
            return error(state, t.undo_waits_for_save().to_owned());
        }
        (Action::Undo, _) => return vec![Effect::Undo],
        (Action::Report, _) => return vec![Effect::WriteReport],
        (Action::Minutes, _) => super::minutes::open(state),
        (Action::Back, _) => state.screen = Screen::Scoring,
        _ => {}
    }
    Vec::new()
}
