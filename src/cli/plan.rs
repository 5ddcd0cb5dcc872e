//! `onsite plan import | list | start`: the campaign plan (kế hoạch kiểm tra), imported from
//! a table, listed, and each entry started as a visit the way `onsite new` starts one.

use std::path::Path;
use std::process::ExitCode;

use super::visit::{date_named, kind_named, member_named, pad};
use super::{Context, ListFormat, Outcome, PlanCommand};
use crate::catalog::Catalog;
use crate::domain::plan::{Layout, PlanEntry, Row};
use crate::domain::visit::{Role, Unit};
use crate::plan_file;
use crate::store::Store;
use crate::strings::inert;
use crate::visits::{self, NewVisit, Pick};

pub fn run(command: &PlanCommand, cx: &mut Context<'_>) -> Outcome {
    match command {
        PlanCommand::Import { file } => import(cx, file),
        PlanCommand::List { format } => list(cx, *format),
        PlanCommand::Start { entry } => start(cx, entry),
    }
}

/// The kind a plan row leaves empty, as `onsite new` defaults it.
const DEFAULT_KIND: &str = "cơ quan";

/// Checks a row with `onsite new`'s rules: the entry's fields, or every problem in words.
fn check_row(
    cx: &Context<'_>,
    catalog: &Catalog,
    row: &Row<'_>,
) -> Result<
    (
        Unit,
        jiff::civil::Date,
        Vec<crate::domain::visit::Member>,
        String,
    ),
    Vec<String>,
> {
    let texts = cx.texts;
    let mut problems = Vec::new();
    if row.unit.is_empty() {
        problems.push(texts.plan_unit_empty().to_owned());
    }
    let kind = if row.kind.is_empty() {
        DEFAULT_KIND
    } else {
        row.kind
    };
    let kind = kind_named(texts, kind).map_err(|p| problems.push(p)).ok();
    let date = if row.date.is_empty() {
        problems.push(texts.plan_date_missing().to_owned());
        None
    } else {
        date_named(texts, Some(row.date))
            .map_err(|p| problems.push(p))
            .ok()
    };
    let mut team = Vec::new();
    for cell in &row.team {
        let role = if cell.leader {
            Role::TruongDoan
        } else {
            Role::ThanhVien
        };
        match member_named(texts, cell.text, role) {
            Ok(member) => team.push(member),
            Err(problem) => problems.push(problem),
        }
    }
    let rubric = if row.rubric.is_empty() {
        cx.config.default_rubric.clone()
    } else {
        Some(row.rubric.to_owned())
    };
    match &rubric {
        None => problems.push(texts.plan_rubric_missing().to_owned()),
        Some(query) => {
            if let Err(error) = catalog.find(query) {
                problems.push(texts.find_error(&error));
            }
        }
    }
    match (kind, date, rubric) {
        (Some(kind), Some(date), Some(rubric)) if problems.is_empty() => {
            let unit = Unit {
                name: row.unit.to_owned(),
                kind,
                address: row.address.to_owned(),
            };
            Ok((unit, date, team, rubric))
        }
        _ => Err(problems),
    }
}

/// Reads the whole file; imports its entries only when every row is right.
fn import(cx: &mut Context<'_>, file: &Path) -> Outcome {
    let actor = match cx.actor() {
        Ok(actor) => actor,
        Err(outcome) => return outcome,
    };
    let texts = cx.texts;
    let name = file.display().to_string();
    let table = match plan_file::read(file) {
        Ok(table) => table,
        Err(error) => return cx.fail(&texts.plan_unreadable(&name, &error.to_string())),
    };
    let Some(((header_row, headers), rows)) = table.rows.split_first() else {
        return cx.fail(&texts.plan_no_entries(&name));
    };
    let layout = match Layout::from_headers(headers) {
        Ok(layout) => layout,
        Err(problems) => {
            for problem in &problems {
                let line = texts.plan_row(&name, *header_row, &texts.plan_header_problem(problem));
                writeln!(cx.err, "{}", inert(&line))?;
            }
            return cx.fail(&texts.plan_nothing_imported(1));
        }
    };
    let catalog = Catalog::load(cx.paths.user_rubrics.as_deref());
    let mut checked = Vec::new();
    let mut bad_rows = 0;
    for (number, cells) in rows {
        let Some(row) = layout.row(cells) else {
            continue;
        };
        match check_row(cx, &catalog, &row) {
            Ok(fields) => checked.push(fields),
            Err(problems) => {
                bad_rows += 1;
                for problem in problems {
                    let line = texts.plan_row(&name, *number, &problem);
                    writeln!(cx.err, "{}", inert(&line))?;
                }
            }
        }
    }
    if bad_rows > 0 {
        return cx.fail(&texts.plan_nothing_imported(bad_rows));
    }
    if checked.is_empty() {
        return cx.fail(&texts.plan_no_entries(&name));
    }
    let store = match cx.store() {
        Ok(store) => store,
        Err(outcome) => return outcome,
    };
    let known = match store.plans() {
        Ok(known) => known,
        Err(error) => return cx.fail(&texts.store_error(&error)),
    };
    let mut entries: Vec<PlanEntry> = Vec::new();
    let mut already = 0;
    for (unit, date, team, rubric) in checked {
        let same = |entry: &PlanEntry| {
            entry.unit == unit && entry.date == date && entry.team == team && entry.rubric == rubric
        };
        if known.iter().chain(&entries).any(same) {
            already += 1;
            continue;
        }
        entries.push(PlanEntry {
            id: visits::new_plan_id(),
            unit,
            date,
            team,
            rubric,
            visit: None,
            imported_at: actor.at,
            imported_by: actor.name.clone(),
        });
    }
    if let Err(error) = store.put_plans(&entries) {
        return cx.fail(&texts.store_error(&error));
    }
    let line = texts.plan_imported(entries.len(), already, &name);
    writeln!(cx.out, "{}", inert(&line))?;
    Ok(ExitCode::SUCCESS)
}

fn list(cx: &mut Context<'_>, format: ListFormat) -> Outcome {
    let store = match cx.store() {
        Ok(store) => store,
        Err(outcome) => return outcome,
    };
    let mut entries = match store.plans() {
        Ok(entries) => entries,
        Err(error) => return cx.fail(&cx.texts.store_error(&error)),
    };
    // Soonest first, like a calendar; the import order within a day.
    entries.sort_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
    if format == ListFormat::Yaml {
        let listed: Vec<crate::document::plan::EntryFields> =
            entries.iter().map(Into::into).collect();
        let text = crate::yaml::to_string(&listed).unwrap_or_default();
        write!(cx.out, "{}", inert(&text))?;
        return Ok(ExitCode::SUCCESS);
    }
    let t = cx.texts;
    if entries.is_empty() {
        writeln!(cx.out, "{}", t.plan_none())?;
        return Ok(ExitCode::SUCCESS);
    }
    // Whole ids: the entries of one import share their first 12 characters (one millisecond).
    for entry in &entries {
        let leader = entry
            .team
            .iter()
            .find(|member| member.role == Role::TruongDoan)
            .or(entry.team.first())
            .map_or("", |member| member.name.as_str());
        let state = entry.visit.as_deref().unwrap_or(t.plan_planned());
        let line = format!(
            "{}  {}  {}  {}  {}  {}  {}",
            entry.id,
            entry.date,
            pad(&entry.unit.name, 30),
            pad(t.unit_kind(entry.unit.kind), 12),
            pad(&entry.rubric, 26),
            pad(leader, 20),
            state,
        );
        writeln!(cx.out, "{}", inert(line.trim_end()))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The entry a prefix names, or the failure reported.
fn resolve(cx: &mut Context<'_>, store: &Store, prefix: &str) -> Result<PlanEntry, Outcome> {
    let entries = match store.plans() {
        Ok(entries) => entries,
        Err(error) => return Err(cx.fail(&cx.texts.store_error(&error))),
    };
    match visits::pick_by_prefix(prefix, entries, |entry| &entry.id) {
        Pick::One(entry) => Ok(entry),
        Pick::None => Err(cx.fail(&cx.texts.plan_not_found(prefix))),
        Pick::Many(matches) => {
            let matches: Vec<(String, String)> = matches
                .into_iter()
                .map(|entry| (entry.id, entry.unit.name))
                .collect();
            Err(cx.fail(&cx.texts.plan_ambiguous(prefix, &matches)))
        }
    }
}

/// Creates the entry's visit as `onsite new` would, links it, prints only its id.
fn start(cx: &mut Context<'_>, prefix: &str) -> Outcome {
    if let Err(outcome) = cx.actor() {
        return outcome;
    }
    let store = match cx.store() {
        Ok(store) => store,
        Err(outcome) => return outcome,
    };
    let mut entry = match resolve(cx, &store, prefix) {
        Ok(entry) => entry,
        Err(outcome) => return outcome,
    };
    if let Some(visit) = &entry.visit {
        return cx.fail(&cx.texts.plan_already_started(&entry.id, visit));
    }
    let new = NewVisit {
        unit: entry.unit.clone(),
        date: entry.date,
        team: entry.team.clone(),
    };
    let id = match super::visit::create(cx, &store, &entry.rubric, new, None) {
        Ok(id) => id,
        Err(outcome) => return outcome,
    };
    entry.visit = Some(id.clone());
    if let Err(error) = store.put_plans(&[entry]) {
        return cx.fail(&cx.texts.store_error(&error));
    }
    writeln!(cx.out, "{id}")?;
    Ok(ExitCode::SUCCESS)
}
