//! `onsite score | note | findings | undo | redo | finalize | reopen | delete | restore`:
//! every command that changes a visit. Each checks first (bad input changes nothing), then
//! returns only once the change is durable.

use super::{CliError, Context, MinutesArgs};
use crate::domain::answer::Typed;
use crate::domain::history::{EditError, Request, check_text};
use crate::domain::minutes::{self, parse_clock};
use crate::domain::visit::FindingField;
use crate::service::{self, Actor, Edited, VisitError};
use crate::store::Store;
use crate::strings::{Label, num};

pub fn score(
    cx: &mut Context<'_>,
    visit: &str,
    item: &str,
    value: &str,
    note: Option<&str>,
) -> Result<(), CliError> {
    Session::open(cx, visit)?.score(item, value, note)
}

pub fn note(cx: &mut Context<'_>, visit: &str, item: &str, text: &str) -> Result<(), CliError> {
    let mut session = Session::open(cx, visit)?;
    let request = Request::Note {
        item: item.to_owned(),
        text: text.to_owned(),
    };
    let what = format!("{} {item}", session.cx.texts.label(Label::Item));
    session.apply(request, Some(what))
}

/// Ưu điểm, tồn tại, kiến nghị, kết luận, in that order (`None`: not given).
pub fn findings(
    cx: &mut Context<'_>,
    visit: &str,
    given: [Option<String>; 4],
) -> Result<(), CliError> {
    let given = FindingField::FINDINGS.into_iter().zip(given).collect();
    Session::open(cx, visit)?.texts(given, Label::Findings)
}

pub fn minutes(cx: &mut Context<'_>, args: &MinutesArgs) -> Result<(), CliError> {
    Session::open(cx, &args.visit)?.texts(minutes_given(args), Label::Minutes)
}

pub fn undo(cx: &mut Context<'_>, visit: &str) -> Result<(), CliError> {
    let mut session = Session::open(cx, visit)?;
    let result = service::undo(&session.store, &session.id, &session.actor);
    session.report(result, None)
}

pub fn redo(cx: &mut Context<'_>, visit: &str) -> Result<(), CliError> {
    let mut session = Session::open(cx, visit)?;
    let result = service::redo(&session.store, &session.id, &session.actor);
    session.report(result, None)
}

pub fn finalize(cx: &mut Context<'_>, visit: &str) -> Result<(), CliError> {
    Session::open(cx, visit)?.apply(Request::Finalize, None)
}

pub fn reopen(cx: &mut Context<'_>, visit: &str, reason: &str) -> Result<(), CliError> {
    let reason = reason.to_owned();
    Session::open(cx, visit)?.apply(Request::Reopen { reason }, None)
}

/// Moves the visit to the trash, only when told `--yes`.
pub fn delete(cx: &mut Context<'_>, visit: &str, yes: bool) -> Result<(), CliError> {
    let session = Session::open(cx, visit)?;
    if !yes {
        return Err(CliError::DeleteNeedsYes { visit: session.id });
    }
    service::edit(&session.store, &session.id, Request::Trash, &session.actor)?;
    let line = session.cx.texts.moved_to_trash(&session.id);
    writeln!(session.cx.out, "{line}")?;
    Ok(())
}

pub fn restore(cx: &mut Context<'_>, visit: &str) -> Result<(), CliError> {
    Session::open(cx, visit)?.apply(Request::Restore, None)
}

/// The fields `onsite minutes` sets, in the minutes' order (`None`: not given).
fn minutes_given(args: &MinutesArgs) -> Vec<(FindingField, Option<String>)> {
    use FindingField as F;
    let lines = |given: &Vec<String>| (!given.is_empty()).then(|| given.join("\n"));
    vec![
        (F::GoverningBody, args.governing_body.clone()),
        (F::Body, args.body.clone()),
        (F::Number, args.number.clone()),
        (F::Locality, args.locality.clone()),
        (F::Basis, args.basis.clone()),
        (F::Recognition, args.recognition.clone()),
        (F::Registered, args.registered.clone()),
        (F::Period, args.period.clone()),
        (F::Place, args.place.clone()),
        (F::Started, args.start.clone()),
        (F::Ended, args.end.clone()),
        (F::Representatives, lines(&args.representative)),
        (F::UnitComments, args.unit_comments.clone()),
        (F::Recipients, lines(&args.recipient)),
        (F::Copies, args.copies.clone()),
    ]
}

/// One visit being changed: who changes it, in which store.
struct Session<'c, 'o> {
    cx: &'c mut Context<'o>,
    store: Store,
    id: String,
    actor: Actor,
}

impl<'c, 'o> Session<'c, 'o> {
    /// Who acts first (a change that cannot be recorded opens nothing), then the store and
    /// the visit a prefix names.
    fn open(cx: &'c mut Context<'o>, visit: &str) -> Result<Self, CliError> {
        let actor = cx.actor()?;
        let store = cx.store()?;
        let id = service::resolve(&store, visit)?;
        Ok(Session {
            cx,
            store,
            id,
            actor,
        })
    }

    /// `what` names the edit in the confirmation; `None` lets the change describe itself
    /// (undo, finalize, …: "undo #4: item 1.1: 3 → —").
    fn apply(&mut self, request: Request, what: Option<String>) -> Result<(), CliError> {
        let result = service::edit(&self.store, &self.id, request, &self.actor);
        self.report(result, what)
    }

    /// Prints `saved: … · 27/41 · score 62.5/100 (provisional)`, or the error.
    fn report(
        &mut self,
        result: Result<Edited, VisitError>,
        what: Option<String>,
    ) -> Result<(), CliError> {
        let edited = result?;
        let t = self.cx.texts;
        let Some(change) = &edited.change else {
            writeln!(self.cx.out, "{}", t.unchanged())?;
            return Ok(());
        };
        let card = edited.state.score(&edited.rubric);
        let mut score = format!("{}/{}", num(card.score_rounded()), num(card.nominal_total));
        if card.is_provisional() {
            score += &format!(" ({})", t.label(Label::Provisional));
        }
        let what = what.unwrap_or_else(|| t.change(change, &edited.rubric));
        let line = t.saved(&what, card.answered, card.item_count, &score);
        writeln!(self.cx.out, "{}", crate::strings::inert(&line))?;
        Ok(())
    }

    fn score(&mut self, item: &str, value: &str, note: Option<&str>) -> Result<(), CliError> {
        let t = self.cx.texts;
        let (_, rubric) = self.store.load(&self.id)?;
        let Some(rubric_item) = rubric.item(item) else {
            return Err(CliError::unknown_item(item));
        };
        let answer = match rubric_item.parse_answer(value) {
            Ok(Typed::Answer(answer)) => Some(answer),
            Ok(Typed::Clear) => None,
            Err(error) => {
                return Err(CliError::BadAnswer {
                    item: item.to_owned(),
                    given: value.to_owned(),
                    error,
                });
            }
        };
        // Check the note before saving the answer, so a refused note changes nothing.
        if let Some(Err(error)) = note.map(check_text) {
            return Err(VisitError::from(error).into());
        }
        let request = Request::Answer {
            item: item.to_owned(),
            answer,
        };
        let result = service::edit(&self.store, &self.id, request, &self.actor);
        let answered = match &result {
            Ok(edited) => t.answer(edited.state.answer(item), &edited.rubric, item),
            Err(_) => String::new(),
        };
        let what = format!("{} {item} = {answered}", t.label(Label::Item));
        let Some(note) = note else {
            return self.report(result, Some(what));
        };
        result?;
        let request = Request::Note {
            item: item.to_owned(),
            text: note.to_owned(),
        };
        let result = service::edit(&self.store, &self.id, request, &self.actor);
        self.report(result, Some(what))
    }

    /// The given text fields in the order they can be recorded one by one, once every value
    /// has been checked against the others (a start and an end given together are checked
    /// as a pair): one bad value refuses the whole command before anything is changed.
    fn plan(
        &mut self,
        given: Vec<(FindingField, Option<String>)>,
    ) -> Result<Vec<(FindingField, String)>, CliError> {
        let recorded = self.store.load(&self.id)?.0.visit.findings;
        let given: Vec<(FindingField, String)> = given
            .into_iter()
            .filter_map(|(field, text)| Some((field, text?)))
            .collect();
        let mut after = recorded.clone();
        for (field, text) in &given {
            text.clone_into(after.get_mut(*field));
        }
        for (field, text) in &given {
            if let Err(error) = minutes::normalize(*field, text, &after) {
                return Err(VisitError::Edit(EditError::Minutes(error)).into());
            }
        }
        // Recorded one at a time, a later start must wait for its later end.
        let new_start = given
            .iter()
            .find(|(field, _)| *field == FindingField::Started)
            .and_then(|(_, text)| parse_clock(text));
        let end_first = matches!(
            (new_start, parse_clock(&recorded.ended)),
            (Some(start), Some(end)) if start > end
        );
        let mut given = given;
        if end_first {
            given.sort_by_key(|(field, _)| *field != FindingField::Ended);
        }
        Ok(given)
    }

    /// Sets the given text fields (findings or minutes details), one recorded change each,
    /// after [`Session::plan`] has checked them all.
    fn texts(
        &mut self,
        given: Vec<(FindingField, Option<String>)>,
        label: Label,
    ) -> Result<(), CliError> {
        if given.iter().all(|(_, text)| text.is_none()) {
            return Err(CliError::NothingToSet);
        }
        let given = self.plan(given)?;
        let mut last = None;
        for (field, text) in given {
            let request = Request::Finding { field, text };
            let edited = service::edit(&self.store, &self.id, request, &self.actor)?;
            // Report the last edit that changed something.
            if edited.change.is_some() || last.is_none() {
                last = Some(edited);
            }
        }
        let what = self.cx.texts.label(label).to_owned();
        match last {
            Some(edited) => self.report(Ok(edited), Some(what)),
            None => Ok(()),
        }
    }
}
