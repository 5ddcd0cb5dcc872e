//! The terminal UI's sentences with some logic in them: a dialog's added warnings, a
//! count's singular or plural, a list of names cut short. The words are each language's
//! [`UiWords`] (`en_ui.rs`, `vi_ui.rs`).

use super::fill;
use crate::domain::history::Request;
use crate::strings::Texts;
use crate::strings::ui::some_names;
use crate::ui::{Confirm, Listing};

pub struct UiWords {
    /// `{unit} {date}`.
    pub(in crate::strings) confirm_delete: &'static str,
    /// `{unit}`.
    pub(in crate::strings) confirm_finalize: &'static str,
    /// `{names}`: the findings left empty, on a line of its own.
    pub(in crate::strings) still_empty: &'static str,
    /// Its own line: the minutes' details are all empty.
    pub(in crate::strings) no_minutes_details: &'static str,
    /// `{unit}`.
    pub(in crate::strings) finalize_anyway: &'static str,
    pub(in crate::strings) discard_form: &'static str,
    pub(in crate::strings) discard_action: &'static str,
    /// `{count}`.
    pub(in crate::strings) quit_unsaved: &'static str,
    pub(in crate::strings) last_item_done: &'static str,
    /// `{count}` is 1.
    pub(in crate::strings) last_item_one: &'static str,
    /// `{count}`.
    pub(in crate::strings) last_item: &'static str,
    /// One change never saved, after `VISIT: `.
    pub(in crate::strings) unsaved: UnsavedWords,
    /// Why the inbox offers nothing: `{dir}`, and `{reason}` for an unreadable one.
    pub(in crate::strings) inbox_files: &'static str,
    pub(in crate::strings) inbox_missing: &'static str,
    pub(in crate::strings) inbox_not_folder: &'static str,
    pub(in crate::strings) inbox_unreadable: &'static str,
    /// After it: what to do.
    pub(in crate::strings) inbox_what_to_do: &'static str,
    /// `{date} {answer}`, then ` — note` when there is one.
    pub(in crate::strings) previous_answer: &'static str,
    /// After a number of points in an answer's echo.
    pub(in crate::strings) points: &'static str,
    /// After a count of files: one, several.
    pub(in crate::strings) file: [&'static str; 2],
    /// `{count} {files}`.
    pub(in crate::strings) files_chosen: &'static str,
    /// `{count} {files} {names}`.
    pub(in crate::strings) attaching: &'static str,
    /// `{count} {files} {item}`.
    pub(in crate::strings) attached: &'static str,
    /// `{count} {item}`: all of them were attached already.
    pub(in crate::strings) attached_already: &'static str,
    /// `{count} {files} {item} {already} {names}`.
    pub(in crate::strings) attached_some: &'static str,
    /// `{count} {names}`.
    pub(in crate::strings) completions: &'static str,
}

pub struct UnsavedWords {
    /// `{item}`, and likewise the next.
    pub(in crate::strings) answer: &'static str,
    pub(in crate::strings) note: &'static str,
    /// `{field}`.
    pub(in crate::strings) finding: &'static str,
    pub(in crate::strings) finalize: &'static str,
    pub(in crate::strings) reopen: &'static str,
    pub(in crate::strings) trash: &'static str,
    pub(in crate::strings) restore: &'static str,
    pub(in crate::strings) action: &'static str,
    pub(in crate::strings) evidence: &'static str,
}

pub(in crate::strings) fn confirm<T: Texts + ?Sized>(texts: &T, confirm: &Confirm) -> String {
    let w = texts.ui_words();
    match confirm {
        Confirm::Delete { unit, date, .. } => fill(
            w.confirm_delete,
            &[("unit", unit), ("date", &texts.short_date(*date))],
        ),
        Confirm::Finalize {
            unit,
            empty,
            no_minutes_details,
        } => {
            let mut text = fill(w.confirm_finalize, &[("unit", unit)]);
            if !empty.is_empty() {
                let names: Vec<&str> = empty.iter().map(|f| texts.finding(*f)).collect();
                text += &fill(w.still_empty, &[("names", &names.join(", "))]);
            }
            if *no_minutes_details {
                text += w.no_minutes_details;
            }
            text
        }
        Confirm::FinalizeAnyway { unit } => fill(w.finalize_anyway, &[("unit", unit)]),
        Confirm::DiscardForm => w.discard_form.to_owned(),
        Confirm::DiscardAction => w.discard_action.to_owned(),
        Confirm::QuitUnsaved { count } => fill(w.quit_unsaved, &[("count", &count.to_string())]),
    }
}

pub(in crate::strings) fn last_item(w: &UiWords, unanswered: usize) -> String {
    let template = match unanswered {
        0 => return w.last_item_done.to_owned(),
        1 => w.last_item_one,
        _ => w.last_item,
    };
    fill(template, &[("count", &unanswered.to_string())])
}

pub(in crate::strings) fn unsaved_what<T: Texts + ?Sized>(
    texts: &T,
    visit: &str,
    request: &Request,
) -> String {
    let w = &texts.ui_words().unsaved;
    let what = match request {
        Request::Answer { item, .. } => fill(w.answer, &[("item", item)]),
        Request::Note { item, .. } => fill(w.note, &[("item", item)]),
        Request::Finding { field, .. } => fill(w.finding, &[("field", texts.finding(*field))]),
        Request::Finalize => w.finalize.to_owned(),
        Request::Reopen { .. } => w.reopen.to_owned(),
        Request::Trash => w.trash.to_owned(),
        Request::Restore => w.restore.to_owned(),
        Request::ActionAdd(_)
        | Request::ActionSet { .. }
        | Request::ActionDone { .. }
        | Request::ActionReopen { .. } => w.action.to_owned(),
        Request::Attach(_) | Request::Detach { .. } => w.evidence.to_owned(),
    };
    format!("{visit}: {what}")
}

pub(in crate::strings) fn inbox_empty(w: &UiWords, dir: &str, listing: &Listing) -> String {
    let what = match listing {
        Listing::Files(_) => fill(w.inbox_files, &[("dir", dir)]),
        Listing::Missing => fill(w.inbox_missing, &[("dir", dir)]),
        Listing::NotFolder => fill(w.inbox_not_folder, &[("dir", dir)]),
        Listing::Unreadable(reason) => {
            fill(w.inbox_unreadable, &[("dir", dir), ("reason", reason)])
        }
    };
    format!("{what} {}", w.inbox_what_to_do)
}

pub(in crate::strings) fn previous_answer(
    w: &UiWords,
    date: &str,
    answer: &str,
    note: &str,
) -> String {
    let text = fill(w.previous_answer, &[("date", date), ("answer", answer)]);
    if note.is_empty() {
        text
    } else {
        format!("{text} — {note}")
    }
}

pub(in crate::strings) fn answer_echo(
    w: &UiWords,
    item: &str,
    answer: &str,
    points: Option<&str>,
) -> String {
    let unit = w.points;
    match points {
        // A points answer is its points: no need to say them twice.
        Some(points) if points == answer => format!("{item} → {points} {unit}"),
        Some(points) => format!("{item} → {answer} ({points} {unit})"),
        None => format!("{item} → {answer}"),
    }
}

/// The word for `count` files.
fn files(w: &UiWords, count: usize) -> &'static str {
    w.file[usize::from(count != 1)]
}

pub(in crate::strings) fn files_chosen(w: &UiWords, count: usize) -> String {
    fill(
        w.files_chosen,
        &[("count", &count.to_string()), ("files", files(w, count))],
    )
}

pub(in crate::strings) fn attaching(w: &UiWords, names: &[String]) -> String {
    fill(
        w.attaching,
        &[
            ("count", &names.len().to_string()),
            ("files", files(w, names.len())),
            ("names", &some_names(names)),
        ],
    )
}

pub(in crate::strings) fn attached<T: Texts + ?Sized>(
    texts: &T,
    item: &str,
    added: usize,
    already: &[String],
) -> String {
    let w = texts.ui_words();
    let count = added.to_string();
    let files = files(w, added);
    match (added, already) {
        (_, []) => fill(
            w.attached,
            &[("count", &count), ("files", files), ("item", item)],
        ),
        (0, [name]) => texts.evidence_already(name, item),
        (0, _) => fill(
            w.attached_already,
            &[("count", &already.len().to_string()), ("item", item)],
        ),
        _ => fill(
            w.attached_some,
            &[
                ("count", &count),
                ("files", files),
                ("item", item),
                ("already", &already.len().to_string()),
                ("names", &some_names(already)),
            ],
        ),
    }
}

pub(in crate::strings) fn completions(w: &UiWords, names: &[String]) -> String {
    fill(
        w.completions,
        &[
            ("count", &names.len().to_string()),
            ("names", &some_names(names)),
        ],
    )
}
