//! Evidence (minh chứng) in the TUI: `p` on the scoring screen opens the picker over the
//! inbox folder's files (Space chooses several; `o`, `/` or `~` type a path, Tab completes
//! it), then asks for an optional caption; Enter attaches. Reading folders and files and
//! writing the store are the app's (effects `ListInbox`, `ListFolder`, `Attach`): this module
//! only decides. Attaching works on a finalized visit too: evidence does not change the
//! score.

use std::collections::BTreeSet;
use std::path::{MAIN_SEPARATOR, Path, PathBuf};

use unicode_normalization::UnicodeNormalization;

use crate::domain::history::{EditError, MAX_TEXT_CHARS};
use crate::strings::texts;
use crate::tui::action::{Action, AttachedFiles, Effect};
use crate::tui::editor;
use crate::tui::inbox::{FolderEntry, Inbox, Listing};
use crate::tui::state::{Message, Picker, PickerStep, State};

/// `p`: opens the picker for the current item and asks the app for the inbox.
pub fn start(state: &mut State) -> Vec<Effect> {
    let t = texts(state.lang);
    // Attaching is a change in the visit's history: it must not overtake changes still
    // waiting to be saved.
    if !state.unsaved.is_empty() {
        state.message = Some(Message::Error(t.attach_waits_for_save().to_owned()));
        return Vec::new();
    }
    let Some(open) = state.open.as_mut() else {
        return Vec::new();
    };
    if open.state.visit.deleted_at.is_some() {
        state.message = Some(Message::Error(t.edit_error(&EditError::InTrash)));
        return Vec::new();
    }
    let Some(item) = open.item().map(|item| item.id.clone()) else {
        return Vec::new();
    };
    open.picker = Some(Picker {
        item,
        inbox: None,
        cursor: 0,
        chosen: Vec::new(),
        step: PickerStep::Files,
    });
    vec![Effect::ListInbox]
}

/// The inbox as the app read it: newest file first. With nothing to offer, the picker goes
/// straight to typing a path.
fn listed(state: &mut State, mut inbox: Inbox) {
    let home_start = home_start(state);
    let Some(picker) = state.open.as_mut().and_then(|open| open.picker.as_mut()) else {
        return;
    };
    if let Listing::Files(files) = &mut inbox.listing {
        // No time (a file system without one) goes last; the same minute, by name.
        files.sort_by(|a, b| {
            b.modified
                .cmp(&a.modified)
                .then_with(|| a.name.cmp(&b.name))
        });
    }
    let empty = picker_files_empty(&inbox);
    picker.inbox = Some(inbox);
    picker.cursor = 0;
    picker.chosen.clear();
    if empty {
        picker.step = PickerStep::Path(editor::editor(&home_start));
    }
}

fn picker_files_empty(inbox: &Inbox) -> bool {
    !matches!(&inbox.listing, Listing::Files(files) if !files.is_empty())
}

/// Where a typed path starts when the inbox offers nothing: the home folder.
fn home_start(state: &State) -> String {
    if state.home.is_some() {
        format!("~{MAIN_SEPARATOR}")
    } else {
        String::new()
    }
}

/// Whether the picker is open (over the scoring screen).
pub fn picking(state: &State) -> bool {
    state
        .open
        .as_ref()
        .is_some_and(|open| open.picker.is_some())
}

/// The results of the effects this module asks for.
pub fn result(state: &mut State, action: Action) -> Vec<Effect> {
    match action {
        Action::InboxListed(inbox) => listed(state, *inbox),
        Action::FolderListed { dir, entries } => folder_listed(state, &dir, entries),
        Action::Attached(done) => attached(state, *done),
        Action::FilesMissing { visit, files } => files_missing(state, &visit, files),
        _ => {}
    }
    Vec::new()
}

/// A key while the picker is open.
pub fn key(state: &mut State, action: &Action) -> Vec<Effect> {
    let Some(picker) = state.open.as_ref().and_then(|open| open.picker.as_ref()) else {
        return Vec::new();
    };
    match picker.step {
        PickerStep::Files => files_key(state, action),
        PickerStep::Path(_) => path_key(state, action),
        PickerStep::Caption { .. } => caption_key(state, action),
    }
}

fn close(state: &mut State) {
    if let Some(open) = state.open.as_mut() {
        open.picker = None;
    }
}

fn picker_mut(state: &mut State) -> Option<&mut Picker> {
    state.open.as_mut()?.picker.as_mut()
}

fn files_key(state: &mut State, action: &Action) -> Vec<Effect> {
    let home = state.home.clone();
    let Some(picker) = picker_mut(state) else {
        return Vec::new();
    };
    let count = picker.files().len();
    match action {
        Action::Down => picker.cursor = (picker.cursor + 1).min(count.saturating_sub(1)),
        Action::Up => picker.cursor = picker.cursor.saturating_sub(1),
        Action::ToggleChoice if count > 0 => {
            let cursor = picker.cursor;
            match picker.chosen.iter().position(|chosen| *chosen == cursor) {
                Some(at) => {
                    picker.chosen.remove(at);
                }
                None => picker.chosen.push(cursor),
            }
            // On to the next file, as a file manager does: Space Space Space chooses three.
            picker.cursor = (cursor + 1).min(count - 1);
        }
        Action::Enter if count > 0 => {
            let chosen = if picker.chosen.is_empty() {
                vec![picker.cursor]
            } else {
                picker.chosen.clone()
            };
            let files = picker.files();
            let paths = chosen.iter().map(|index| files[*index].path.clone());
            picker.step = PickerStep::Caption {
                paths: paths.collect(),
                editor: editor::editor(""),
                typed: None,
            };
        }
        // From the inbox folder: a file in a sub-folder of it is a few keys away.
        Action::TypePath => {
            let start = picker.inbox.as_ref().map_or_else(String::new, |inbox| {
                let dir = crate::paths::tilde(&inbox.dir, home.as_deref());
                format!("{dir}{MAIN_SEPARATOR}")
            });
            picker.step = PickerStep::Path(editor::editor(&start));
        }
        // `/` or `~`: the first character of the path.
        Action::Char(c) => picker.step = PickerStep::Path(editor::editor(&c.to_string())),
        Action::Back => close(state),
        _ => {}
    }
    Vec::new()
}

fn path_key(state: &mut State, action: &Action) -> Vec<Effect> {
    let t = texts(state.lang);
    let home = state.home.clone();
    let Some(picker) = picker_mut(state) else {
        return Vec::new();
    };
    let has_files = !picker.files().is_empty();
    let PickerStep::Path(path) = &mut picker.step else {
        return Vec::new();
    };
    let typed = editor::text(path);
    match action {
        Action::Complete if typed == "~" => {
            *path = editor::editor(&format!("~{MAIN_SEPARATOR}"));
        }
        Action::Complete => {
            let (folder, _) = split_typed(&typed);
            return vec![Effect::ListFolder(folder_path(folder, home.as_deref()))];
        }
        Action::Enter if typed.trim().is_empty() => {
            state.message = Some(Message::Error(t.path_missing().to_owned()));
        }
        Action::Enter => {
            let file = crate::paths::expand_home(Path::new(&typed), home.as_deref());
            picker.step = PickerStep::Caption {
                paths: vec![file],
                editor: editor::editor(""),
                typed: Some(typed),
            };
        }
        // Back to the inbox's files; with none, the picker closes.
        Action::Back if has_files => picker.step = PickerStep::Files,
        Action::Back => close(state),
        other => {
            editor::apply(path, other, false);
        }
    }
    Vec::new()
}

fn caption_key(state: &mut State, action: &Action) -> Vec<Effect> {
    let t = texts(state.lang);
    let Some(open) = state.open.as_mut() else {
        return Vec::new();
    };
    let visit = open.state.visit.id.clone();
    let Some(picker) = open.picker.as_mut() else {
        return Vec::new();
    };
    let PickerStep::Caption {
        paths,
        editor: caption,
        typed,
    } = &mut picker.step
    else {
        return Vec::new();
    };
    match action {
        Action::Enter => {
            let effect = Effect::Attach {
                visit,
                item: picker.item.clone(),
                paths: std::mem::take(paths),
                caption: editor::text(caption).trim().to_owned(),
            };
            open.picker = None;
            return vec![effect];
        }
        Action::Back => {
            picker.step = match typed.take() {
                Some(typed) => PickerStep::Path(editor::editor(&typed)),
                None => PickerStep::Files,
            };
        }
        other => {
            let added = match other {
                Action::Char(_) => 1,
                Action::Paste(text) => text.chars().count(),
                _ => 0,
            };
            let length = editor::text(caption).chars().count();
            if added > 0 && length + added > MAX_TEXT_CHARS {
                state.message = Some(Message::Error(t.note_too_long(MAX_TEXT_CHARS)));
                return Vec::new();
            }
            editor::apply(caption, other, false);
        }
    }
    Vec::new()
}

/// A typed path split where completion works: the folder part as typed (up to and with its
/// last separator) and the start of a name after it.
fn split_typed(typed: &str) -> (&str, &str) {
    match typed.rfind(std::path::is_separator) {
        Some(at) => typed.split_at(at + 1),
        None => ("", typed),
    }
}

/// The folder a typed folder part names: `~` expanded, none meaning the current folder
/// (where onsite was started, as for any relative path).
fn folder_path(folder: &str, home: Option<&Path>) -> PathBuf {
    if folder.is_empty() {
        PathBuf::from(".")
    } else {
        crate::paths::expand_home(Path::new(folder), home)
    }
}

/// A folder's entries, read for Tab: the typed name completed as far as the names that
/// start with it agree (a folder's with its separator, to go on inside it); when that adds
/// nothing, they are listed on the status line. Hidden names only when a `.` was typed.
/// Compared in NFC: macOS keeps Vietnamese names decomposed, an IME types them composed.
fn folder_listed(state: &mut State, dir: &Path, entries: Vec<FolderEntry>) {
    let t = texts(state.lang);
    let home = state.home.clone();
    let Some(picker) = picker_mut(state) else {
        return;
    };
    let PickerStep::Path(path) = &mut picker.step else {
        return;
    };
    let typed = editor::text(path);
    let (folder, start) = split_typed(&typed);
    if folder_path(folder, home.as_deref()) != dir {
        return;
    }
    let start_nfc: String = start.nfc().collect();
    let mut found: Vec<FolderEntry> = entries
        .into_iter()
        .filter(|entry| start.starts_with('.') || !entry.name.starts_with('.'))
        .filter(|entry| entry.name.nfc().collect::<String>().starts_with(&start_nfc))
        .collect();
    found.sort_by(|a, b| a.name.cmp(&b.name));
    let message = match found.as_slice() {
        [] => {
            let shown = if folder.is_empty() { "." } else { folder };
            Some(Message::Error(t.no_completion(start, shown)))
        }
        [only] => {
            let end = if only.folder {
                MAIN_SEPARATOR.to_string()
            } else {
                String::new()
            };
            *path = editor::editor(&format!("{folder}{}{end}", only.name));
            None
        }
        several => {
            let names: Vec<&str> = several.iter().map(|entry| entry.name.as_str()).collect();
            let common = common_start(&names);
            if common.nfc().count() > start_nfc.chars().count() {
                *path = editor::editor(&format!("{folder}{common}"));
                None
            } else {
                let listed: Vec<String> = several
                    .iter()
                    .map(|entry| {
                        if entry.folder {
                            format!("{}{MAIN_SEPARATOR}", entry.name)
                        } else {
                            entry.name.clone()
                        }
                    })
                    .collect();
                Some(Message::Info(t.completions(&listed)))
            }
        }
    };
    if message.is_some() {
        state.message = message;
    }
}

/// The longest start all `names` share, whole characters.
fn common_start(names: &[&str]) -> String {
    let Some((first, rest)) = names.split_first() else {
        return String::new();
    };
    let mut end = first.len();
    for name in rest {
        let shared = first
            .char_indices()
            .zip(name.chars())
            .take_while(|((_, a), b)| a == b)
            .last()
            .map_or(0, |((at, c), _)| at + c.len_utf8());
        end = end.min(shared);
    }
    first[..end].to_owned()
}

/// What attaching did: the visit as stored now, and a line saying it.
fn attached(state: &mut State, done: AttachedFiles) {
    let t = texts(state.lang);
    if let Some(open) = state.open.as_mut()
        && open.state.visit.id == done.visit
        && let Some(outcome) = done.outcome
    {
        // Those files are kept on this laptop now.
        for id in &done.added {
            if let Some(attachment) = outcome.state.visit.attachment(id) {
                open.missing_files.remove(&attachment.added.sha256);
            }
        }
        open.state = outcome.state;
        open.rescore();
    }
    let message = t.attached(&done.item, done.added.len(), &done.already);
    state.message = Some(Message::Info(message));
}

/// The open visit's evidence whose files are not on this laptop.
fn files_missing(state: &mut State, visit: &str, files: BTreeSet<String>) {
    if let Some(open) = state.open.as_mut()
        && open.state.visit.id == visit
    {
        open.missing_files = files;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typed_path_splits_after_its_last_separator() {
        assert_eq!(
            split_typed("~/Pictures/onsite/IMG"),
            ("~/Pictures/onsite/", "IMG")
        );
        assert_eq!(split_typed("IMG"), ("", "IMG"));
        assert_eq!(split_typed("/"), ("/", ""));
    }

    #[test]
    fn the_common_start_keeps_whole_vietnamese_letters() {
        assert_eq!(common_start(&["biển-tên.jpg", "biển-hiệu.jpg"]), "biển-");
        assert_eq!(common_start(&["ảnh", "ảnh 2"]), "ảnh");
        assert_eq!(common_start(&["ả", "ạ"]), "");
        assert_eq!(common_start(&["one"]), "one");
    }
}
