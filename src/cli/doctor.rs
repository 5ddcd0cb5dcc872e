//! `onsite doctor`: checks the store against its spare copy and repairs what it can.

use std::process::ExitCode;

use super::{Context, Outcome};
use crate::strings::inert;

pub fn run(cx: &mut Context<'_>) -> Outcome {
    let store = match cx.store() {
        Ok(store) => store,
        Err(outcome) => return outcome,
    };
    let checkup = match store.checkup() {
        Ok(checkup) => checkup,
        Err(error) => return cx.fail(&cx.texts.store_error(&error)),
    };
    for line in cx.texts.checkup(&checkup) {
        writeln!(cx.out, "{}", inert(&line))?;
    }
    // Evidence files no visit lists: left by an attach killed before it was recorded, or
    // detached everywhere.
    match store.clean_evidence() {
        Ok(cleaned) => {
            for line in cx.texts.evidence_cleaned(&cleaned) {
                writeln!(cx.out, "{}", inert(&line))?;
            }
        }
        Err(error) => return cx.fail(&cx.texts.store_error(&error)),
    }
    Ok(if checkup.lost.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
