//! `onsite dev …`: hidden developer commands that drive tests and benchmarks.

use super::{CliError, Context};
use crate::domain::answer::Answer;
use crate::domain::history::Request;
use crate::domain::rubric::ItemKind;
use crate::service::{self, Actor};

/// Cycles through the rubric's items setting a different answer each time; each `ack` line
/// is written (and flushed) only after the change is durable, so a test that kills this
/// process can check that every acknowledged change survived.
pub fn churn(cx: &mut Context<'_>, visit: &str, count: usize) -> Result<(), CliError> {
    let store = cx.store()?;
    let id = service::resolve(&store, visit)?;
    let (_, rubric) = store.load(&id)?;
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
        let edited = service::edit(&store, &id, request, &actor)?;
        if let Some(change) = edited.change {
            writeln!(cx.out, "ack {} {} {answer:?}", change.seq, item.id)?;
            cx.out.flush()?;
        }
    }
    Ok(())
}
