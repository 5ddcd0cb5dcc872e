//! `onsite dev …`: hidden developer commands that drive tests and benchmarks.

use std::process::ExitCode;

use super::{Context, DevCommand, Outcome};
use crate::domain::answer::Answer;
use crate::domain::history::Request;
use crate::domain::rubric::ItemKind;
use crate::visits::{self, Actor};

pub fn run(command: &DevCommand, cx: &mut Context<'_>) -> Outcome {
    match command {
        DevCommand::Churn { visit, count } => churn(cx, visit, *count),
    }
}

/// Cycles through the rubric's items setting a different answer each time; each `ack` line
/// is written (and flushed) only after the change is durable, so a test that kills this
/// process can check that every acknowledged change survived.
fn churn(cx: &mut Context<'_>, visit: &str, count: usize) -> Outcome {
    let store = match cx.store() {
        Ok(store) => store,
        Err(outcome) => return outcome,
    };
    let id = match visits::resolve(&store, visit) {
        Ok(id) => id,
        Err(error) => return cx.fail(&cx.texts.visit_error(&error)),
    };
    let rubric = match store.load(&id) {
        Ok((_, rubric)) => rubric,
        Err(error) => return cx.fail(&cx.texts.store_error(&error)),
    };
    let items: Vec<_> = rubric.items().collect();
    for n in 0..count {
        let item = items[n % items.len()];
        let round = n / items.len();
        let answer = match item.kind {
            ItemKind::Points => Answer::Points(rust_decimal::Decimal::from(round % 2)),
            ItemKind::Check if round % 2 == 0 => Answer::Pass,
            ItemKind::Check => Answer::Fail,
            ItemKind::Levels => Answer::Level(round % item.levels.len().max(1)),
        };
        let request = Request::Answer {
            item: item.id.clone(),
            answer: Some(answer.clone()),
        };
        let actor = Actor::now("churn");
        match visits::edit(&store, &id, request, &actor) {
            Ok(edited) => {
                if let Some(change) = edited.change {
                    writeln!(cx.out, "ack {} {} {answer:?}", change.seq, item.id)?;
                    cx.out.flush()?;
                }
            }
            Err(error) => return cx.fail(&cx.texts.visit_error(&error)),
        }
    }
    Ok(ExitCode::SUCCESS)
}
