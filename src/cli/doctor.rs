//! `onsite doctor`: checks the store against its spare copy and repairs what it can.

use std::process::ExitCode;

use super::{Context, Exit};
use crate::strings::inert;

pub fn run(cx: &mut Context<'_>) -> Exit {
    let store = cx.store()?;
    let checkup = store.checkup()?;
    for line in cx.texts.checkup(&checkup) {
        writeln!(cx.out, "{}", inert(&line))?;
    }
    // Evidence files no visit lists: left by an attach killed before it was recorded, or
    // detached everywhere.
    let cleaned = store.clean_evidence()?;
    for line in cx.texts.evidence_cleaned(&cleaned) {
        writeln!(cx.out, "{}", inert(&line))?;
    }
    Ok(if checkup.lost.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
