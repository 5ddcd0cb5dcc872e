//! `onsite attach | attachments | detach | open`: evidence (minh chứng) on a visit's items.

use super::visit::pad;
use super::{CliError, Context, ListFormat};
use crate::document::emit::Node;
use crate::domain::history::Request;
use crate::evidence::{self, FileRead};
use crate::service::{self, VisitError};
use crate::strings::{clip, inert, size};

/// Prints one attachment id per file, in the order given.
pub fn attach(
    cx: &mut Context<'_>,
    visit: &str,
    item: &str,
    paths: &[std::path::PathBuf],
    caption: &str,
) -> Result<(), CliError> {
    let actor = cx.actor()?;
    // Every file is read before the store is opened: a bad one changes nothing.
    let mut files: Vec<FileRead> = Vec::new();
    for path in paths {
        match evidence::read_file(path) {
            Ok(file) => files.push(file),
            Err(problem) => {
                let path = path.clone();
                return Err(VisitError::File { path, problem }.into());
            }
        }
    }
    let store = cx.store()?;
    let id = service::resolve(&store, visit)?;
    let (attached, _) = evidence::attach(&store, &id, item, &files, caption, &actor)?;
    for (one, file) in attached.iter().zip(&files) {
        writeln!(cx.out, "{}", one.id)?;
        if one.already {
            let line = cx.texts.evidence_already(&file.name, item);
            writeln!(cx.err, "{}", inert(&line))?;
        }
    }
    Ok(())
}

pub fn list(
    cx: &mut Context<'_>,
    visit: &str,
    item: Option<&str>,
    format: ListFormat,
) -> Result<(), CliError> {
    let store = cx.store()?;
    let (state, _) = service::resolve(&store, visit).and_then(|id| Ok(store.load(&id)?))?;
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
        return Ok(());
    }
    if shown.is_empty() {
        writeln!(cx.out, "{}", cx.texts.no_evidence())?;
        return Ok(());
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
    Ok(())
}

pub fn detach(cx: &mut Context<'_>, visit: &str, attachment: &str) -> Result<(), CliError> {
    let actor = cx.actor()?;
    let store = cx.store()?;
    let (found, id) = service::resolve(&store, visit)
        .and_then(|id| Ok((evidence::resolve(&store, &id, attachment)?, id)))?;
    let request = Request::Detach {
        id: found.id().to_owned(),
    };
    service::edit(&store, &id, request, &actor)?;
    let line = cx
        .texts
        .evidence_detached(&found.added.name, &found.added.item);
    writeln!(cx.out, "{}", inert(&line))?;
    Ok(())
}

pub fn open(cx: &mut Context<'_>, visit: &str, attachment: &str) -> Result<(), CliError> {
    let store = cx.store()?;
    let path = service::resolve(&store, visit)
        .and_then(|id| evidence::resolve(&store, &id, attachment))
        .and_then(|found| evidence::open(&store, &found))?;
    writeln!(cx.out, "{}", inert(&path.display().to_string()))?;
    Ok(())
}
