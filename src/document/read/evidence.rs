//! The document's evidence: the `attachments:` list and the `attach`/`detach` changes.

use super::{Checker, HistoryDoc, Scalar, check_text, is_ulid, stamp};
use crate::domain::evidence::{self, Attachment, NewAttachment};
use crate::domain::history::Edit;
use crate::domain::rubric::Rubric;

/// One entry of `attachments:`.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct AttachmentDoc {
    id: String,
    #[serde(default)]
    item: Option<String>,
    #[serde(default)]
    sha256: Option<String>,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    bytes: Option<Scalar>,
    #[serde(default)]
    media_type: Option<String>,
    #[serde(default)]
    caption: Option<String>,
    #[serde(default)]
    taken_at: Option<String>,
    by: String,
    at: String,
}

/// What an attachment is, in the list and in a change alike.
struct FileDoc {
    item: Option<String>,
    sha256: Option<String>,
    name: Option<String>,
    bytes: Option<Scalar>,
    media_type: Option<String>,
    caption: Option<String>,
    taken_at: Option<String>,
}

/// The attachment `id` with what `file` says, or `None` with the problems noted.
fn new_attachment(
    c: &mut Checker,
    path: &str,
    rubric: &Rubric,
    id: &str,
    file: &FileDoc,
) -> Option<NewAttachment> {
    let before = c.problems.len();
    if !is_ulid(id) {
        c.fail(
            path,
            format!("\"{id}\" is not an attachment id (26 characters, like 01JDX3…)"),
        );
    }
    let item = file.item.clone().unwrap_or_default();
    if rubric.item(&item).is_none() {
        c.fail(
            format!("{path}.item"),
            format!("item \"{item}\" is not in the rubric copy"),
        );
    }
    let sha256 = file.sha256.clone().unwrap_or_default();
    if !evidence::is_sha256(&sha256) {
        c.fail(
            format!("{path}.sha256"),
            "sha256 is 64 lowercase hexadecimal digits",
        );
    }
    let bytes = match file.bytes {
        Some(Scalar::Int(n)) => u64::try_from(n).ok(),
        _ => None,
    };
    let bytes = bytes
        .filter(|b| *b <= evidence::MAX_FILE_BYTES)
        .unwrap_or_else(|| {
            c.fail(
                format!("{path}.bytes"),
                format!(
                    "bytes is the file's size, a whole number up to {}",
                    evidence::MAX_FILE_BYTES
                ),
            );
            0
        });
    let name = file.name.clone().unwrap_or_default();
    let media_type = file.media_type.clone().unwrap_or_default();
    let caption = file.caption.clone().unwrap_or_default();
    for (key, text) in [
        ("name", &name),
        ("media_type", &media_type),
        ("caption", &caption),
    ] {
        check_text(c, &format!("{path}.{key}"), text);
    }
    if let Some(taken_at) = &file.taken_at {
        check_text(c, &format!("{path}.taken_at"), taken_at);
    }
    (c.problems.len() == before).then(|| NewAttachment {
        id: id.to_ascii_uppercase(),
        item,
        sha256,
        name,
        bytes,
        media_type,
        caption,
        taken_at: file.taken_at.clone(),
    })
}

/// An `attach` or `detach` change.
pub(super) fn change(
    c: &mut Checker,
    path: &str,
    rubric: &Rubric,
    doc: &HistoryDoc,
) -> Option<Edit> {
    let id = doc.attachment.clone().unwrap_or_default();
    let file = FileDoc {
        item: doc.item.clone(),
        sha256: doc.sha256.clone(),
        name: doc.name.clone(),
        bytes: doc.bytes.clone(),
        media_type: doc.media_type.clone(),
        caption: doc.caption.clone(),
        taken_at: doc.taken_at.clone(),
    };
    let attachment = new_attachment(c, &format!("{path}.attachment"), rubric, &id, &file)?;
    Some(if doc.change == super::change_word::ATTACH {
        Edit::Attach { attachment }
    } else {
        Edit::Detach { attachment }
    })
}

/// The document's `attachments:` list, checked like the rest.
pub(super) fn attachments(
    c: &mut Checker,
    rubric: &Rubric,
    docs: Vec<AttachmentDoc>,
) -> Vec<Attachment> {
    let mut attachments: Vec<Attachment> = Vec::new();
    for (index, doc) in docs.into_iter().enumerate() {
        let path = format!("attachments.{index}");
        if attachments
            .iter()
            .any(|a| a.id().eq_ignore_ascii_case(&doc.id))
        {
            c.fail(
                format!("{path}.id"),
                format!("attachment \"{}\" is listed twice", doc.id),
            );
            continue;
        }
        let file = FileDoc {
            item: doc.item,
            sha256: doc.sha256,
            name: doc.name,
            bytes: doc.bytes,
            media_type: doc.media_type,
            caption: doc.caption,
            taken_at: doc.taken_at,
        };
        let Some(added) = new_attachment(c, &format!("{path}.id"), rubric, &doc.id, &file) else {
            continue;
        };
        check_text(c, &format!("{path}.by"), &doc.by);
        let at = stamp(c, &format!("{path}.at"), &doc.at);
        attachments.push(Attachment {
            added,
            by: doc.by,
            at,
        });
    }
    attachments
}
