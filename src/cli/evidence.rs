//! `onsite attach | attachments | detach | open`: evidence (minh chứng) on a visit's items.

use std::process::ExitCode;

use super::visit::pad;
use super::{Command, Context, ListFormat, Outcome};
use crate::document::emit::Node;
use crate::domain::history::Request;
use crate::evidence::{self as service, FileRead};
use crate::strings::{clip, inert, size};
use crate::visits::{self, VisitError};

pub fn run(command: &Command, cx: &mut Context<'_>) -> Outcome {
    match command {
        Command::Attach {
            visit,
            item,
            files,
            caption,
        } => attach(cx, visit, item, files, caption),
        Command::Attachments {
            visit,
            item,
            format,
        } => list(cx, visit, item.as_deref(), *format),
        Command::Detach { visit, attachment } => detach(cx, visit, attachment),
        Command::Open { visit, attachment } => open(cx, visit, attachment),
        _ => unreachable!("cli::run sends only evidence commands here"),
    }
}

/// Prints one attachment id per file, in the order given.
fn attach(
    cx: &mut Context<'_>,
    visit: &str,
    item: &str,
    paths: &[std::path::PathBuf],
    caption: &str,
) -> Outcome {
    let actor = match cx.actor() {
        Ok(actor) => actor,
        Err(outcome) => return outcome,
    };
    // Every file is read before the store is opened: a bad one changes nothing.
    let mut files: Vec<FileRead> = Vec::new();
    for path in paths {
        match service::read_file(path) {
            Ok(file) => files.push(file),
            Err(problem) => {
                let path = path.clone();
                return cx.fail_visit(&VisitError::File { path, problem });
            }
        }
    }
    let store = match cx.store() {
        Ok(store) => store,
        Err(outcome) => return outcome,
    };
    let id = match visits::resolve(&store, visit) {
        Ok(id) => id,
        Err(error) => return cx.fail_visit(&error),
    };
    match service::attach(&store, &id, item, &files, caption, &actor) {
        Ok((attached, _)) => {
            for (one, file) in attached.iter().zip(&files) {
                writeln!(cx.out, "{}", one.id)?;
                if one.already {
                    let line = cx.texts.evidence_already(&file.name, item);
                    writeln!(cx.err, "{}", inert(&line))?;
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(error) => cx.fail_visit(&error),
    }
}

fn list(cx: &mut Context<'_>, visit: &str, item: Option<&str>, format: ListFormat) -> Outcome {
    let store = match cx.store() {
        Ok(store) => store,
        Err(outcome) => return outcome,
    };
    let state = match visits::resolve(&store, visit).and_then(|id| Ok(store.load(&id)?)) {
        Ok((state, _)) => state,
        Err(error) => return cx.fail_visit(&error),
    };
    let shown: Vec<_> = state
        .visit
        .attachments
        .iter()
        .filter(|a| item.is_none_or(|item| a.added.item == item.trim()))
        .collect();
    let stored = |a: &crate::domain::evidence::Attachment| {
        store
            .evidence_file(&a.added.sha256)
            .is_some_and(|path| path.is_file())
    };
    if format == ListFormat::Yaml {
        let listed = shown.iter().map(|a| {
            let mut entries = crate::document::attachment_node(a);
            entries.push(("stored", Node::plain(stored(a))));
            Node::map(entries)
        });
        let text = crate::document::emit::to_yaml(&Node::Seq(listed.collect()));
        write!(cx.out, "{}", inert(&text))?;
        return Ok(ExitCode::SUCCESS);
    }
    if shown.is_empty() {
        writeln!(cx.out, "{}", cx.texts.no_evidence())?;
        return Ok(ExitCode::SUCCESS);
    }
    for a in shown {
        let added = &a.added;
        let missing = if stored(a) {
            String::new()
        } else {
            format!("  [{}]", cx.texts.evidence_missing_mark())
        };
        let line = format!(
            "{}  {:<6}  {:>8}  {:<19}  {}  {}{missing}",
            a.id(),
            added.item,
            size(added.bytes),
            added.taken_at.as_deref().unwrap_or("—"),
            pad(&added.name, 28),
            clip(&added.caption, 50),
        );
        writeln!(cx.out, "{}", inert(line.trim_end()))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn detach(cx: &mut Context<'_>, visit: &str, attachment: &str) -> Outcome {
    let actor = match cx.actor() {
        Ok(actor) => actor,
        Err(outcome) => return outcome,
    };
    let store = match cx.store() {
        Ok(store) => store,
        Err(outcome) => return outcome,
    };
    let found = visits::resolve(&store, visit)
        .and_then(|id| Ok((service::resolve(&store, &id, attachment)?, id)));
    let (found, id) = match found {
        Ok(found) => found,
        Err(error) => return cx.fail_visit(&error),
    };
    let request = Request::Detach {
        id: found.id().to_owned(),
    };
    match visits::edit(&store, &id, request, &actor) {
        Ok(_) => {
            let line = cx
                .texts
                .evidence_detached(&found.added.name, &found.added.item);
            writeln!(cx.out, "{}", inert(&line))?;
            Ok(ExitCode::SUCCESS)
        }
        Err(error) => cx.fail_visit(&error),
    }
}

fn open(cx: &mut Context<'_>, visit: &str, attachment: &str) -> Outcome {
    let store = match cx.store() {
        Ok(store) => store,
        Err(outcome) => return outcome,
    };
    let opened = visits::resolve(&store, visit)
        .and_then(|id| service::resolve(&store, &id, attachment))
        .and_then(|found| service::open(&store, &found));
    match opened {
        Ok(path) => {
            writeln!(cx.out, "{}", inert(&path.display().to_string()))?;
            Ok(ExitCode::SUCCESS)
        }
        Err(error) => cx.fail_visit(&error),
    }
}
