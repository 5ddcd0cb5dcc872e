//! `onsite plan import | list | start`: the campaign plan (kế hoạch kiểm tra), imported from
//! a table, listed, and each entry started as a visit the way `onsite new` starts one.

use std::path::Path;

use super::visit::{date_named, kind_named, member_named, pad};
use super::{CliError, Context, ListFormat};
use crate::catalog::Catalog;
use crate::domain::plan::{Layout, PlanEntry, Row};
use crate::domain::visit::{Role, Unit};
use crate::plan_file;
use crate::service::{self, NewVisit, Pick};
use crate::store::Store;
use crate::strings::inert;

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
    // A row's problems are all reported, in words, each on its own line.
    let words = |error: CliError| error.message(texts);
    let kind = kind_named(kind).map_err(|e| problems.push(words(e))).ok();
    let date = if row.date.is_empty() {
        problems.push(texts.plan_date_missing().to_owned());
        None
    } else {
        date_named(Some(row.date))
            .map_err(|e| problems.push(words(e)))
            .ok()
    };
    let mut team = Vec::new();
    for cell in &row.team {
        let role = if cell.leader {
            Role::TruongDoan
        } else {
            Role::ThanhVien
        };
        match member_named(cell.text, role) {
            Ok(member) => team.push(member),
            Err(error) => problems.push(words(error)),
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
pub fn import(cx: &mut Context<'_>, file: &Path) -> Result<(), CliError> {
    let actor = cx.actor()?;
    let texts = cx.texts;
    let name = file.display().to_string();
    let table = plan_file::read(file).map_err(|error| CliError::PlanUnreadable {
        file: name.clone(),
        reason: error.to_string(),
    })?;
    let Some(((header_row, headers), rows)) = table.rows.split_first() else {
        return Err(CliError::PlanHasNoEntries { file: name });
    };
    let layout = match Layout::from_headers(headers) {
        Ok(layout) => layout,
        Err(problems) => {
            for problem in &problems {
                let line = texts.plan_row(&name, *header_row, &texts.plan_header_problem(problem));
                writeln!(cx.err, "{}", inert(&line))?;
            }
            return Err(CliError::PlanRejected { rows: 1 });
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
        return Err(CliError::PlanRejected { rows: bad_rows });
    }
    if checked.is_empty() {
        return Err(CliError::PlanHasNoEntries { file: name });
    }
    let store = cx.store()?;
    let known = store.plans()?;
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
            id: service::new_plan_id(),
            unit,
            date,
            team,
            rubric,
            visit: None,
            imported_at: actor.at,
            imported_by: actor.name.clone(),
        });
    }
    store.put_plans(&entries)?;
    let line = texts.plan_imported(entries.len(), already, &name);
    writeln!(cx.out, "{}", inert(&line))?;
    Ok(())
}

pub fn list(cx: &mut Context<'_>, format: ListFormat) -> Result<(), CliError> {
    let store = cx.store()?;
    let mut entries = store.plans()?;
    // Soonest first, like a calendar; the import order within a day.
    entries.sort_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
    if format == ListFormat::Yaml {
        let listed: Vec<crate::document::plan::EntryFields> =
            entries.iter().map(Into::into).collect();
        let text = crate::yaml::to_string(&listed).unwrap_or_default();
        write!(cx.out, "{}", inert(&text))?;
        return Ok(());
    }
    let t = cx.texts;
    if entries.is_empty() {
        writeln!(cx.out, "{}", t.plan_none())?;
        return Ok(());
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
    Ok(())
}

/// The entry a prefix names.
fn resolve(store: &Store, prefix: &str) -> Result<PlanEntry, CliError> {
    match service::pick_by_prefix(prefix, store.plans()?, |entry| &entry.id) {
        Pick::One(entry) => Ok(entry),
        Pick::None => Err(CliError::PlanNotFound(prefix.to_owned())),
        Pick::Many(matches) => Err(CliError::PlanAmbiguous {
            prefix: prefix.to_owned(),
            matches: matches
                .into_iter()
                .map(|entry| (entry.id, entry.unit.name))
                .collect(),
        }),
    }
}

/// Creates the entry's visit as `onsite new` would, links it, prints only its id.
pub fn start(cx: &mut Context<'_>, prefix: &str) -> Result<(), CliError> {
    cx.actor()?;
    let store = cx.store()?;
    let mut entry = resolve(&store, prefix)?;
    if let Some(visit) = entry.visit {
        return Err(CliError::PlanStarted {
            entry: entry.id,
            visit,
        });
    }
    let new = NewVisit {
        unit: entry.unit.clone(),
        date: entry.date,
        team: entry.team.clone(),
    };
    let id = super::visit::create(cx, &store, &entry.rubric, new, None)?;
    entry.visit = Some(id.clone());
    store.put_plans(&[entry])?;
    writeln!(cx.out, "{id}")?;
    Ok(())
}
