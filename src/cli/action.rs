//! `onsite action add | list | done | reopen`: corrective actions (yêu cầu khắc phục), kept
//! after the visit — on a finalized visit too — each change recorded in its history.

use super::visit::pad;
use super::{ActionCommand, CliError, Context, ListFormat};
use crate::document::emit::Node;
use crate::domain::action::{ActionStatus, NewAction, parse_date};
use crate::domain::history::{EditError, Request};
use crate::domain::visit::Stamp;
use crate::service::{self, VisitError};
use crate::strings::{Label, clip, inert, short_id};

pub fn run(cx: &mut Context<'_>, command: &ActionCommand) -> Result<(), CliError> {
    match command {
        ActionCommand::List {
            visit,
            open,
            overdue,
            format,
        } => list(cx, visit.as_deref(), *open, *overdue, *format),
        ActionCommand::Add {
            visit,
            item,
            text,
            owner,
            due,
        } => add(cx, visit, item.as_deref(), text, owner, due.as_deref()),
        ActionCommand::Done { action, note } => change(cx, action, |id| Request::ActionDone {
            id,
            note: note.clone(),
        }),
        ActionCommand::Reopen { action, reason } => {
            change(cx, action, |id| Request::ActionReopen {
                id,
                reason: reason.clone(),
            })
        }
    }
}

/// Prints only the new action's id.
fn add(
    cx: &mut Context<'_>,
    visit: &str,
    item: Option<&str>,
    text: &str,
    owner: &str,
    due: Option<&str>,
) -> Result<(), CliError> {
    let actor = cx.actor()?;
    let due = match due.map(|text| parse_date(text).ok_or(text)) {
        None => None,
        Some(Ok(date)) => Some(date),
        Some(Err(text)) => {
            let error = VisitError::from(EditError::BadDate(text.trim().to_owned()));
            return Err(error.into());
        }
    };
    let store = cx.store()?;
    let id = service::resolve(&store, visit)?;
    let action = NewAction {
        id: service::new_action_id(),
        item: item.map(|item| item.trim().to_owned()),
        text: text.to_owned(),
        owner: owner.to_owned(),
        due,
    };
    let new_id = action.id.clone();
    service::edit(&store, &id, Request::ActionAdd(action), &actor)?;
    writeln!(cx.out, "{new_id}")?;
    Ok(())
}

/// Done or reopen: the action found by its id or a prefix, in whichever visit holds it.
fn change(
    cx: &mut Context<'_>,
    action: &str,
    request: impl Fn(String) -> Request,
) -> Result<(), CliError> {
    let actor = cx.actor()?;
    let store = cx.store()?;
    let (visit, id) = service::resolve_action(&store, action)?;
    let edited = service::edit(&store, &visit, request(id.clone()), &actor)?;
    let status = edited
        .state
        .visit
        .action(&id)
        .map_or(ActionStatus::Open, |a| a.status);
    let line = cx.texts.action_saved(short_id(&id), status);
    writeln!(cx.out, "{}", inert(&line))?;
    Ok(())
}

fn list(
    cx: &mut Context<'_>,
    visit: Option<&str>,
    open: bool,
    overdue: bool,
    format: ListFormat,
) -> Result<(), CliError> {
    let store = cx.store()?;
    let states = service::with_actions(&store, visit)?;
    let today = Stamp::now().date();
    let shown: Vec<_> = states
        .iter()
        .flat_map(|state| state.visit.actions.iter().map(move |a| (state, a)))
        .filter(|(_, action)| !open || action.status == ActionStatus::Open)
        .filter(|(_, action)| !overdue || action.is_overdue(today))
        .collect();
    if format == ListFormat::Yaml {
        let listed = shown.iter().map(|(state, action)| {
            let mut entries = vec![
                ("visit", Node::plain(&state.visit.id)),
                ("unit", Node::text(&state.visit.unit.name)),
            ];
            entries.extend(crate::document::action_node(action));
            Node::map(entries)
        });
        let text = crate::document::emit::to_yaml(&Node::Seq(listed.collect()));
        write!(cx.out, "{}", inert(&text))?;
        return Ok(());
    }
    let t = cx.texts;
    if shown.is_empty() {
        writeln!(cx.out, "{}", t.label(Label::NoActions))?;
        return Ok(());
    }
    for (state, action) in shown {
        let added = &action.added;
        let due = added.due.map(|d| d.to_string()).unwrap_or_default();
        let mark = if action.is_overdue(today) { "!" } else { " " };
        let line = format!(
            "{}  {:<6}  {}  {:<10}{mark} {}  {}  {}",
            short_id(action.id()),
            added.item.as_deref().unwrap_or("—"),
            pad(&state.visit.unit.name, 24),
            due,
            pad(&t.action_status(action.status), 12),
            pad(&added.owner, 18),
            clip(&added.text, 60),
        );
        writeln!(cx.out, "{}", inert(line.trim_end()))?;
    }
    Ok(())
}
