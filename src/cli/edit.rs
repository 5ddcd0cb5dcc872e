//! `onsite score | note | findings | undo | redo | finalize | reopen | delete | restore`:
//! every command that changes a visit. Each checks first (bad input changes nothing), then
//! returns only once the change is durable.

use std::process::ExitCode;

use super::{Command, Context, MinutesArgs, Outcome};
use crate::domain::answer::Typed;
use crate::domain::history::{EditError, Request, check_text};
use crate::domain::minutes::{self, parse_clock};
use crate::domain::visit::FindingField;
use crate::store::Store;
use crate::strings::{Label, num};
use crate::visits::{self, Actor, Outcome as Edited, VisitError};

pub fn run(command: &Command, cx: &mut Context<'_>) -> Outcome {
    let actor = match cx.actor() {
        Ok(actor) => actor,
        Err(outcome) => return outcome,
    };
    let store = match cx.store() {
        Ok(store) => store,
        Err(outcome) => return outcome,
    };
    let Some(visit) = command.visit() else {
        return Ok(ExitCode::FAILURE);
    };
    let id = match visits::resolve(&store, visit) {
        Ok(id) => id,
        Err(error) => return cx.fail(&cx.texts.visit_error(&error)),
    };
    let mut session = Session {
        cx,
        store: &store,
        id: &id,
        actor: &actor,
    };
    match command {
        Command::Score {
            item, value, note, ..
        } => session.score(item, value, note.as_deref()),
        Command::Note { item, text, .. } => {
            let request = Request::Note {
                item: item.clone(),
                text: text.clone(),
            };
            session.apply(
                request,
                Some(format!("{} {item}", session.cx.texts.label(Label::Item))),
            )
        }
        Command::Findings {
            strengths,
            shortcomings,
            recommendations,
            conclusion,
            ..
        } => {
            let given = [strengths, shortcomings, recommendations, conclusion];
            let given = FindingField::FINDINGS
                .into_iter()
                .zip(given.map(Clone::clone));
            session.texts(given.collect(), Label::Findings)
        }
        Command::Minutes(args) => session.texts(minutes_given(args), Label::Minutes),
        Command::Undo { .. } => session.report(visits::undo(&store, &id, &actor), None),
        Command::Redo { .. } => session.report(visits::redo(&store, &id, &actor), None),
        Command::Finalize { .. } => session.apply(Request::Finalize, None),
        Command::Reopen { reason, .. } => session.apply(
            Request::Reopen {
                reason: reason.clone(),
            },
            None,
        ),
        Command::Delete { yes: false, .. } => {
            let message = session.cx.texts.delete_needs_yes(&id);
            session.cx.fail(&message)
        }
        Command::Delete { .. } => match visits::edit(&store, &id, Request::Trash, &actor) {
            Ok(_) => {
                writeln!(session.cx.out, "{}", session.cx.texts.moved_to_trash(&id))?;
                Ok(ExitCode::SUCCESS)
            }
            Err(error) => session.fail(&error),
        },
        Command::Restore { .. } => session.apply(Request::Restore, None),
        _ => Ok(ExitCode::FAILURE),
    }
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

struct Session<'c, 'o, 's> {
    cx: &'c mut Context<'o>,
    store: &'s Store,
    id: &'s str,
    actor: &'s Actor,
}

impl Session<'_, '_, '_> {
    fn fail(&mut self, error: &VisitError) -> Outcome {
        let message = self.cx.texts.visit_error(error);
        self.cx.fail(&message)
    }

    /// `what` names the edit in the confirmation; `None` lets the change describe itself
    /// (undo, finalize, …: "undo #4: item 1.1: 3 → —").
    fn apply(&mut self, request: Request, what: Option<String>) -> Outcome {
        let result = visits::edit(self.store, self.id, request, self.actor);
        self.report(result, what)
    }

    /// Prints `saved: … · 27/41 · score 62.5/100 (provisional)`, or the error.
    fn report(&mut self, result: Result<Edited, VisitError>, what: Option<String>) -> Outcome {
        let edited = match result {
            Ok(edited) => edited,
            Err(error) => return self.fail(&error),
        };
        let t = self.cx.texts;
        let Some(change) = &edited.change else {
            writeln!(self.cx.out, "{}", t.unchanged())?;
            return Ok(ExitCode::SUCCESS);
        };
        let card = edited.state.score(&edited.rubric);
        let mut score = format!("{}/{}", num(card.score_rounded()), num(card.nominal_total));
        if card.is_provisional() {
            score += &format!(" ({})", t.label(Label::Provisional));
        }
        let what = what.unwrap_or_else(|| t.change(change, &edited.rubric));
        let line = t.saved(&what, card.answered, card.item_count, &score);
        writeln!(self.cx.out, "{}", crate::strings::inert(&line))?;
        Ok(ExitCode::SUCCESS)
    }

    fn score(&mut self, item: &str, value: &str, note: Option<&str>) -> Outcome {
        let t = self.cx.texts;
        let (_, rubric) = match self.store.load(self.id) {
            Ok(loaded) => loaded,
            Err(error) => return self.fail(&error.into()),
        };
        let Some(rubric_item) = rubric.item(item) else {
            return self.fail(&EditError::UnknownItem(item.to_owned()).into());
        };
        let answer = match rubric_item.parse_answer(value) {
            Ok(Typed::Answer(answer)) => Some(answer),
            Ok(Typed::Clear) => None,
            Err(error) => return self.cx.fail(&t.parse_answer_error(&error, item, value)),
        };
        // Check the note before saving the answer, so a refused note changes nothing.
        if let Some(Err(error)) = note.map(check_text) {
            return self.fail(&error.into());
        }
        let request = Request::Answer {
            item: item.to_owned(),
            answer,
        };
        let result = visits::edit(self.store, self.id, request, self.actor);
        let answered = match &result {
            Ok(edited) => t.answer(edited.state.answer(item), &edited.rubric, item),
            Err(_) => String::new(),
        };
        let what = format!("{} {item} = {answered}", t.label(Label::Item));
        let Some(note) = note else {
            return self.report(result, Some(what));
        };
        if let Err(error) = result {
            return self.fail(&error);
        }
        let request = Request::Note {
            item: item.to_owned(),
            text: note.to_owned(),
        };
        let result = visits::edit(self.store, self.id, request, self.actor);
        self.report(result, Some(what))
    }

    /// The given text fields in the order they can be recorded one by one, once every value
    /// has been checked against the others (a start and an end given together are checked
    /// as a pair): one bad value refuses the whole command before anything is changed.
    fn plan(
        &mut self,
        given: Vec<(FindingField, Option<String>)>,
    ) -> Result<Vec<(FindingField, String)>, Outcome> {
        let recorded = match self.store.load(self.id) {
            Ok((state, _)) => state.visit.findings,
            Err(error) => return Err(self.fail(&VisitError::Store(error))),
        };
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
                return Err(self.fail(&VisitError::Edit(EditError::Minutes(error))));
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
    fn texts(&mut self, given: Vec<(FindingField, Option<String>)>, label: Label) -> Outcome {
        if given.iter().all(|(_, text)| text.is_none()) {
            let message = self.cx.texts.nothing_to_set();
            return self.cx.fail(message);
        }
        let given = match self.plan(given) {
            Ok(given) => given,
            Err(outcome) => return outcome,
        };
        let mut last = None;
        for (field, text) in given {
            let request = Request::Finding { field, text };
            match visits::edit(self.store, self.id, request, self.actor) {
                // Report the last edit that changed something.
                Ok(edited) if edited.change.is_some() || last.is_none() => last = Some(edited),
                Ok(_) => {}
                Err(error) => return self.fail(&error),
            }
        }
        let what = self.cx.texts.label(label).to_owned();
        match last {
            Some(edited) => self.report(Ok(edited), Some(what)),
            None => Ok(ExitCode::SUCCESS),
        }
    }
}
