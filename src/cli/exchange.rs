//! `onsite export | import | sync | conflicts | resolve`, and `show --format yaml`: visits
//! leaving and entering the laptop.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{CliError, Context, Exit, ExportFormat};
use crate::document::{self, DocumentError, VisitRecord};
use crate::domain::action::ActionStatus;
use crate::domain::answer::Answer;
use crate::domain::history::{ActionField, Request};
use crate::domain::visit::FindingField;
use crate::export;
use crate::file_kind;
use crate::service;
use crate::store::Store;
use crate::strings::inert;
use crate::sync::folder::{self, SyncSummary};
use crate::tables;

/// `file:line:col: message` for each problem of a rejected document.
fn rejected(cx: &mut Context<'_>, path: &Path, error: &DocumentError) -> std::io::Result<()> {
    for problem in &error.problems {
        let at = problem
            .position
            .map(|p| format!(":{}:{}", p.line, p.column))
            .unwrap_or_default();
        writeln!(
            cx.err,
            "{}{at}: {}",
            inert(&path.display().to_string()),
            inert(&problem.message)
        )?;
    }
    Ok(())
}

/// The ids named (by prefix), or every visit (trash excluded) when none is named.
fn chosen(store: &Store, names: &[String]) -> Result<Vec<String>, CliError> {
    if names.is_empty() {
        let list = store.summaries()?;
        return Ok(list
            .into_iter()
            .rev()
            .filter(|s| !s.deleted)
            .map(|s| s.id)
            .collect());
    }
    let ids = names
        .iter()
        .map(|name| service::resolve(store, name))
        .collect::<Result<_, _>>()?;
    Ok(ids)
}

fn records(store: &Store, ids: &[String]) -> Result<Vec<VisitRecord>, CliError> {
    let all = ids
        .iter()
        .map(|id| store.record(id))
        .collect::<Result<_, _>>()?;
    Ok(all)
}

/// A folder or file that could not be written, and why.
fn export_failed(file: PathBuf, error: &impl ToString) -> CliError {
    CliError::Export {
        file,
        reason: error.to_string(),
    }
}

pub fn show_yaml(cx: &mut Context<'_>, visit: &str) -> Result<(), CliError> {
    let store = cx.store()?;
    let ids = chosen(&store, &[visit.to_owned()])?;
    for record in &records(&store, &ids)? {
        write!(cx.out, "{}", document::to_yaml(record))?;
    }
    Ok(())
}

pub fn export(
    cx: &mut Context<'_>,
    names: &[String],
    out: &Path,
    format: ExportFormat,
) -> Result<(), CliError> {
    let store = cx.store()?;
    let ids = chosen(&store, names)?;
    crate::platform::create_shared_dir(out).map_err(|error| export_failed(out.into(), &error))?;
    match format {
        ExportFormat::Yaml => {}
        ExportFormat::Csv => return export_csv(cx, &store, &ids, out),
        ExportFormat::Xlsx => return export_xlsx(cx, &store, &ids, out),
    }
    let progress = indicatif::ProgressBar::new(ids.len() as u64);
    if ids.len() < 50 {
        progress.set_draw_target(indicatif::ProgressDrawTarget::hidden());
    }
    // Rendering (CPU) and writing (disk) overlap: this thread loads and renders each visit,
    // a writer thread writes and fsyncs the files, with a few documents in between.
    let (to_writer, from_main) = std::sync::mpsc::sync_channel::<(String, String)>(16);
    let written = std::thread::scope(|scope| {
        let writer = scope.spawn(move || {
            let mut paths = Vec::new();
            for (name, text) in from_main {
                match export::write_file(out, &name, text.as_bytes()) {
                    Ok(path) => paths.push(path),
                    Err(error) => return Err((name, error.to_string())),
                }
            }
            Ok(paths)
        });
        let mut failed = None;
        for id in &ids {
            if crate::interrupt::requested() {
                break;
            }
            match store.record(id) {
                Ok(record) => {
                    let name = export::file_name(&record);
                    // Evidence beside its document, `<stem>.files/<sha256>.<ext>`.
                    let files = crate::sync::evidence::export_folder(&out.join(&name));
                    if let Err(error) = crate::sync::evidence::give_files(&store, &record, &files) {
                        failed = Some(CliError::from(error));
                        break;
                    }
                    if to_writer.send((name, document::to_yaml(&record))).is_err() {
                        break; // the writer stopped on an error; it says which
                    }
                    progress.inc(1);
                }
                Err(error) => {
                    failed = Some(CliError::from(error));
                    break;
                }
            }
        }
        drop(to_writer);
        let written = writer
            .join()
            .unwrap_or_else(|_| Err((String::new(), "panicked".into())));
        (written, failed)
    });
    progress.finish_and_clear();
    match written {
        (_, Some(error)) => Err(error),
        (Err((name, reason)), None) => Err(export_failed(out.join(&name), &reason)),
        (Ok(paths), None) => finish_export(cx, out, &paths),
    }
}

/// `answers.csv` then `visits.csv`, each written whole or not at all; one folder sync makes
/// both durable.
fn export_csv(
    cx: &mut Context<'_>,
    store: &Store,
    ids: &[String],
    out: &Path,
) -> Result<(), CliError> {
    let all = records(store, ids)?;
    let tables = [
        (tables::csv::ANSWERS_FILE, tables::csv::answers(&all)),
        (tables::csv::VISITS_FILE, tables::csv::visits(&all)),
    ];
    let mut paths = Vec::new();
    for (name, bytes) in tables {
        let path = export::write_file(out, name, &bytes?)
            .map_err(|error| export_failed(out.join(name), &error))?;
        paths.push(path);
    }
    finish_export(cx, out, &paths)
}

/// One folder sync makes every rename into `out` durable; then each file written, a line
/// each.
fn finish_export(cx: &mut Context<'_>, out: &Path, paths: &[PathBuf]) -> Result<(), CliError> {
    export::sync_dir(out).map_err(|error| export_failed(out.into(), &error))?;
    for path in paths {
        writeln!(cx.out, "{}", path.display())?;
    }
    Ok(())
}

/// `onsite-visits.xlsx`, headers and words in the user's language.
fn export_xlsx(
    cx: &mut Context<'_>,
    store: &Store,
    ids: &[String],
    out: &Path,
) -> Result<(), CliError> {
    let all = records(store, ids)?;
    let name = tables::xlsx::FILE;
    let written = tables::xlsx::workbook(&all, cx.lang)
        .map_err(|error| error.to_string())
        .and_then(|bytes| {
            export::write_atomic(out, name, &bytes).map_err(|error| error.to_string())
        });
    let path = written.map_err(|reason| export_failed(out.join(name), &reason))?;
    writeln!(cx.out, "{}", path.display())?;
    Ok(())
}

/// What an import or sync did, one line per file at fault and a closing count; exit 1 when
/// any file was rejected (`foreign`: files import found not to be visit documents at all,
/// already reported).
fn print_report(cx: &mut Context<'_>, report: &SyncSummary, foreign: usize) -> Exit {
    for (path, error) in &report.rejected {
        rejected(cx, path, error)?;
    }
    for (path, why) in &report.skipped {
        let line = cx.texts.file_skipped(&path.display().to_string(), why);
        writeln!(cx.err, "{}", inert(&line))?;
    }
    for (id, conflict) in &report.conflicts {
        let line = cx.texts.conflict_line(id, conflict);
        writeln!(cx.out, "{}", inert(&line))?;
    }
    // Before the summary, which stays the last line.
    if report.plans_new + report.plans_linked + report.plans_written > 0 {
        let (new, linked, written) = (report.plans_new, report.plans_linked, report.plans_written);
        writeln!(cx.out, "{}", cx.texts.plan_synced(new, linked, written))?;
    }
    let line = cx.texts.exchange_summary(&crate::strings::ExchangeCounts {
        imported: report.imported.len(),
        merged: report.merged.len(),
        written: report.written.len(),
        unchanged: report.unchanged,
        conflicts: report.conflicts.len(),
        rejected: report.rejected.len() + foreign,
    });
    writeln!(cx.out, "{line}")?;
    Ok(if report.rejected.is_empty() && foreign == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// Exit code 1 when a file was rejected.
pub fn import(cx: &mut Context<'_>, paths: &[PathBuf]) -> Exit {
    let store = cx.store()?;
    // A workbook, a Word file or a CSV given by mistake is named for what it is, in the
    // user's language, and never reaches the document reader.
    let mut documents = Vec::with_capacity(paths.len());
    let mut foreign = 0;
    for path in paths {
        match file_kind::foreign(path) {
            Some(found) => {
                foreign += 1;
                let line = cx.texts.not_a_visit(&path.display().to_string(), &found);
                writeln!(cx.err, "{}", inert(&line))?;
            }
            None => documents.push(path.clone()),
        }
    }
    let report = folder::import(&store, &documents)?;
    print_report(cx, &report, foreign)
}

/// Exit code 1 when a file was rejected.
pub fn sync(cx: &mut Context<'_>, dir: &Path, use_git: bool) -> Exit {
    let author = if use_git {
        cx.actor()?.name
    } else {
        String::new()
    };
    let store = cx.store()?;
    let report = if use_git {
        crate::sync::git::sync(&store, dir, &author)?
    } else {
        folder::sync(&store, dir)?
    };
    print_report(cx, &report, 0)
}

pub fn conflicts(cx: &mut Context<'_>, visit: Option<&str>) -> Result<(), CliError> {
    let store = cx.store()?;
    let names: Vec<String> = visit.map(str::to_owned).into_iter().collect();
    let ids = chosen(&store, &names)?;
    let mut any = false;
    for id in ids {
        let list = folder::conflicts(&store, &id)?;
        for conflict in list {
            any = true;
            let line = cx.texts.conflict_line(&id, &conflict);
            writeln!(cx.out, "{}", inert(&line))?;
        }
    }
    if !any {
        writeln!(cx.out, "{}", cx.texts.no_conflicts())?;
    }
    Ok(())
}

/// The edit that sets `field` to the text value a conflict recorded. A corrective action's
/// reopening needs a reason: `reason` says it was the choice between two laptops.
fn request_for(field: &str, value: &str, reason: &str) -> Option<Request> {
    if let Some(rest) = field.strip_prefix("action:") {
        return action_request(rest, value, reason);
    }
    if let Some(item) = field.strip_suffix("#note") {
        return Some(Request::Note {
            item: item.to_owned(),
            text: value.to_owned(),
        });
    }
    if let Some(finding) = FindingField::all().find(|f| document::finding_key(*f) == field) {
        return Some(Request::Finding {
            field: finding,
            text: value.to_owned(),
        });
    }
    let answer: Option<Answer> = if value.is_empty() {
        None
    } else {
        serde_json::from_str(value).ok()?
    };
    Some(Request::Answer {
        item: field.to_owned(),
        answer,
    })
}

/// `ID:owner` (one field of a corrective action) or `ID:status`; the action itself (`ID`,
/// added on one laptop and taken back on the other) is not settled here.
fn action_request(key: &str, value: &str, reason: &str) -> Option<Request> {
    let (id, field) = key.split_once(':')?;
    let id = id.to_owned();
    if field == "status" {
        return if value == document::action_status_word(ActionStatus::Done) {
            Some(Request::ActionDone {
                id,
                note: String::new(),
            })
        } else {
            Some(Request::ActionReopen {
                id,
                reason: reason.to_owned(),
            })
        };
    }
    let field = ActionField::ALL
        .into_iter()
        .find(|f| document::action_field_word(*f) == field)?;
    Some(Request::ActionSet {
        id,
        field,
        text: value.to_owned(),
    })
}

pub fn resolve(
    cx: &mut Context<'_>,
    visit: &str,
    field: &str,
    theirs: bool,
) -> Result<(), CliError> {
    let actor = cx.actor()?;
    let store = cx.store()?;
    let id = service::resolve(&store, visit)?;
    let open_conflicts = folder::conflicts(&store, &id)?;
    let no_such_conflict = || CliError::NoSuchConflict(field.to_owned());
    let Some(conflict) = open_conflicts.into_iter().find(|c| c.field == field) else {
        return Err(no_such_conflict());
    };
    // Recorded either way, even when the value is already the one shown: the other laptops
    // then see the field settled after both changes (see `sync::merge`).
    let value = if theirs {
        &conflict.theirs
    } else {
        &conflict.mine
    };
    let reason = cx.texts.resolved(field, theirs);
    let request = request_for(field, value, &reason).ok_or_else(no_such_conflict)?;
    service::settle(&store, &id, request, &actor)?;
    folder::forget_conflict(&store, &id, field)?;
    writeln!(cx.out, "{}", cx.texts.resolved(field, theirs))?;
    Ok(())
}
