//! `onsite export | import | sync | conflicts | resolve`, and `show --format yaml`: visits
//! leaving and entering the laptop.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{Context, ExportFormat, Outcome};
use crate::document::{self, DocumentError, VisitRecord};
use crate::domain::action::ActionStatus;
use crate::domain::answer::Answer;
use crate::domain::history::{ActionField, Request};
use crate::domain::visit::FindingField;
use crate::export;
use crate::file_kind;
use crate::store::Store;
use crate::strings::inert;
use crate::sync::folder::{self, Report};
use crate::tables;
use crate::visits;

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

fn open(cx: &mut Context<'_>) -> Result<Store, Outcome> {
    cx.store()
}

/// The ids named (by prefix), or every visit (trash excluded) when none is named.
fn chosen(cx: &mut Context<'_>, store: &Store, names: &[String]) -> Result<Vec<String>, Outcome> {
    if names.is_empty() {
        return match store.summaries() {
            Ok(list) => Ok(list
                .into_iter()
                .rev()
                .filter(|s| !s.deleted)
                .map(|s| s.id)
                .collect()),
            Err(error) => Err(cx.fail(&cx.texts.store_error(&error))),
        };
    }
    let mut ids = Vec::new();
    for name in names {
        match visits::resolve(store, name) {
            Ok(id) => ids.push(id),
            Err(error) => return Err(cx.fail(&cx.texts.visit_error(&error))),
        }
    }
    Ok(ids)
}

fn records(
    cx: &mut Context<'_>,
    store: &Store,
    ids: &[String],
) -> Result<Vec<VisitRecord>, Outcome> {
    let mut all = Vec::with_capacity(ids.len());
    for id in ids {
        match store.record(id) {
            Ok(record) => all.push(record),
            Err(error) => return Err(cx.fail(&cx.texts.store_error(&error))),
        }
    }
    Ok(all)
}

pub fn show_yaml(cx: &mut Context<'_>, visit: &str) -> Outcome {
    let store = match open(cx) {
        Ok(store) => store,
        Err(outcome) => return outcome,
    };
    let ids = match chosen(cx, &store, &[visit.to_owned()]) {
        Ok(ids) => ids,
        Err(outcome) => return outcome,
    };
    let all = match records(cx, &store, &ids) {
        Ok(all) => all,
        Err(outcome) => return outcome,
    };
    for record in &all {
        write!(cx.out, "{}", document::to_yaml(record))?;
    }
    Ok(ExitCode::SUCCESS)
}

pub fn export(cx: &mut Context<'_>, names: &[String], out: &Path, format: ExportFormat) -> Outcome {
    let store = match open(cx) {
        Ok(store) => store,
        Err(outcome) => return outcome,
    };
    let ids = match chosen(cx, &store, names) {
        Ok(ids) => ids,
        Err(outcome) => return outcome,
    };
    if let Err(error) = crate::platform::create_shared_dir(out) {
        let folder = out.display().to_string();
        return cx.fail(&cx.texts.export_failed(&folder, &error.to_string()));
    }
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
                        failed = Some(error.to_string());
                        break;
                    }
                    if to_writer.send((name, document::to_yaml(&record))).is_err() {
                        break; // the writer stopped on an error; it says which
                    }
                    progress.inc(1);
                }
                Err(error) => {
                    failed = Some(cx.texts.store_error(&error));
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
        (_, Some(message)) => cx.fail(&message),
        (Err((name, reason)), None) => {
            let file = out.join(&name).display().to_string();
            cx.fail(&cx.texts.export_failed(&file, &reason))
        }
        (Ok(paths), None) => finish_export(cx, out, &paths),
    }
}

/// `answers.csv` then `visits.csv`, each written whole or not at all; one folder sync makes
/// both durable.
fn export_csv(cx: &mut Context<'_>, store: &Store, ids: &[String], out: &Path) -> Outcome {
    let all = match records(cx, store, ids) {
        Ok(all) => all,
        Err(outcome) => return outcome,
    };
    let tables = [
        (tables::csv::ANSWERS_FILE, tables::csv::answers(&all)),
        (tables::csv::VISITS_FILE, tables::csv::visits(&all)),
    ];
    let mut paths = Vec::new();
    for (name, bytes) in tables {
        let bytes = match bytes {
            Ok(bytes) => bytes,
            Err(error) => return cx.fail(&error.to_string()),
        };
        match export::write_file(out, name, &bytes) {
            Ok(path) => paths.push(path),
            Err(error) => {
                let file = out.join(name).display().to_string();
                return cx.fail(&cx.texts.export_failed(&file, &error.to_string()));
            }
        }
    }
    finish_export(cx, out, &paths)
}

/// One folder sync makes every rename into `out` durable; then each file written, a line
/// each.
fn finish_export(cx: &mut Context<'_>, out: &Path, paths: &[PathBuf]) -> Outcome {
    if let Err(error) = export::sync_dir(out) {
        let folder = out.display().to_string();
        return cx.fail(&cx.texts.export_failed(&folder, &error.to_string()));
    }
    for path in paths {
        writeln!(cx.out, "{}", path.display())?;
    }
    Ok(ExitCode::SUCCESS)
}

/// `onsite-visits.xlsx`, headers and words in the user's language.
fn export_xlsx(cx: &mut Context<'_>, store: &Store, ids: &[String], out: &Path) -> Outcome {
    let all = match records(cx, store, ids) {
        Ok(all) => all,
        Err(outcome) => return outcome,
    };
    let name = tables::xlsx::FILE;
    let written = tables::xlsx::workbook(&all, cx.lang)
        .map_err(|error| error.to_string())
        .and_then(|bytes| {
            export::write_atomic(out, name, &bytes).map_err(|error| error.to_string())
        });
    match written {
        Ok(path) => {
            writeln!(cx.out, "{}", path.display())?;
            Ok(ExitCode::SUCCESS)
        }
        Err(reason) => {
            let file = out.join(name).display().to_string();
            cx.fail(&cx.texts.export_failed(&file, &reason))
        }
    }
}

/// What an import or sync did, one line per file at fault and a closing count; exit 1 when
/// any file was rejected (`foreign`: files import found not to be visit documents at all,
/// already reported).
fn print_report(cx: &mut Context<'_>, report: &Report, foreign: usize) -> Outcome {
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

pub fn import(cx: &mut Context<'_>, paths: &[PathBuf]) -> Outcome {
    let store = match open(cx) {
        Ok(store) => store,
        Err(outcome) => return outcome,
    };
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
    match folder::import(&store, &documents) {
        Ok(report) => print_report(cx, &report, foreign),
        Err(error) => cx.fail(&error.to_string()),
    }
}

pub fn sync(cx: &mut Context<'_>, dir: &Path, use_git: bool) -> Outcome {
    let author = if use_git {
        match cx.actor() {
            Ok(actor) => actor.name,
            Err(outcome) => return outcome,
        }
    } else {
        String::new()
    };
    let store = match open(cx) {
        Ok(store) => store,
        Err(outcome) => return outcome,
    };
    let result = if use_git {
        crate::sync::git::sync(&store, dir, &author).map_err(|e| cx.texts.git_error(&e))
    } else {
        folder::sync(&store, dir).map_err(|e| e.to_string())
    };
    match result {
        Ok(report) => print_report(cx, &report, 0),
        Err(message) => cx.fail(&message),
    }
}

pub fn conflicts(cx: &mut Context<'_>, visit: Option<&str>) -> Outcome {
    let store = match open(cx) {
        Ok(store) => store,
        Err(outcome) => return outcome,
    };
    let names: Vec<String> = visit.map(str::to_owned).into_iter().collect();
    let ids = match chosen(cx, &store, &names) {
        Ok(ids) => ids,
        Err(outcome) => return outcome,
    };
    let mut any = false;
    for id in ids {
        let list = match folder::conflicts(&store, &id) {
            Ok(list) => list,
            Err(error) => return cx.fail(&cx.texts.store_error(&error)),
        };
        for conflict in list {
            any = true;
            let line = cx.texts.conflict_line(&id, &conflict);
            writeln!(cx.out, "{}", inert(&line))?;
        }
    }
    if !any {
        writeln!(cx.out, "{}", cx.texts.no_conflicts())?;
    }
    Ok(ExitCode::SUCCESS)
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

pub fn resolve(cx: &mut Context<'_>, visit: &str, field: &str, theirs: bool) -> Outcome {
    let actor = match cx.actor() {
        Ok(actor) => actor,
        Err(outcome) => return outcome,
    };
    let store = match open(cx) {
        Ok(store) => store,
        Err(outcome) => return outcome,
    };
    let id = match visits::resolve(&store, visit) {
        Ok(id) => id,
        Err(error) => return cx.fail(&cx.texts.visit_error(&error)),
    };
    let open_conflicts = match folder::conflicts(&store, &id) {
        Ok(list) => list,
        Err(error) => return cx.fail(&cx.texts.store_error(&error)),
    };
    let Some(conflict) = open_conflicts.into_iter().find(|c| c.field == field) else {
        return cx.fail(&cx.texts.no_such_conflict(field));
    };
    // Recorded either way, even when the value is already the one shown: the other laptops
    // then see the field settled after both changes (see `sync::merge`).
    let value = if theirs {
        &conflict.theirs
    } else {
        &conflict.mine
    };
    let reason = cx.texts.resolved(field, theirs);
    let Some(request) = request_for(field, value, &reason) else {
        return cx.fail(&cx.texts.no_such_conflict(field));
    };
    if let Err(error) = visits::settle(&store, &id, request, &actor) {
        return cx.fail(&cx.texts.visit_error(&error));
    }
    if let Err(error) = folder::forget_conflict(&store, &id, field) {
        return cx.fail(&cx.texts.store_error(&error));
    }
    writeln!(cx.out, "{}", cx.texts.resolved(field, theirs))?;
    Ok(ExitCode::SUCCESS)
}
