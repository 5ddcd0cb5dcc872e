//! The inbox folder the TUI's `p` offers files from (photos copied off a phone, scans), and a
//! folder's entries for Tab completion of a typed path. Read by the app's effect runner (and
//! the tests' stand-in for it), never by `update`. Nothing here moves, renames or deletes a
//! file: what was attached stays in the inbox.

use std::path::{Path, PathBuf};

pub use crate::ui::{InboxFile, Listing};
use jiff::tz::TimeZone;

/// The inbox folder as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inbox {
    /// The folder looked in.
    pub dir: PathBuf,
    pub listing: Listing,
}

/// Reads the inbox `dir`: the regular files directly in it (links followed), leaving out
/// folders, hidden files (a name starting with `.`), pipes and devices. Their times are
/// shown in `tz`.
pub fn read(dir: &Path, tz: &TimeZone) -> Inbox {
    let listing = match std::fs::read_dir(dir) {
        Ok(entries) => Listing::Files(
            entries
                .filter_map(Result::ok)
                .filter_map(|entry| file(&entry, tz))
                .collect(),
        ),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Listing::Missing,
        Err(_) if dir.is_file() => Listing::NotFolder,
        Err(error) => Listing::Unreadable(error.to_string()),
    };
    Inbox {
        dir: dir.to_owned(),
        listing,
    }
}

fn file(entry: &std::fs::DirEntry, tz: &TimeZone) -> Option<InboxFile> {
    let name = entry.file_name().to_string_lossy().into_owned();
    if name.starts_with('.') {
        return None;
    }
    let path = entry.path();
    // `metadata` follows a link: a link to a photo is offered, a link to a folder is not.
    let meta = std::fs::metadata(&path).ok()?;
    if !meta.is_file() {
        return None;
    }
    let modified = meta
        .modified()
        .ok()
        .and_then(|time| jiff::Timestamp::try_from(time).ok())
        .map(|time| time.to_zoned_datetime(tz.clone()));
    Some(InboxFile {
        name,
        path,
        bytes: meta.len(),
        modified,
    })
}

/// One entry of a folder, for Tab completion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FolderEntry {
    pub name: String,
    /// A folder (or a link to one): completion goes on inside it.
    pub folder: bool,
}

/// The entries of `dir` whose names are text (a name that is not UTF-8 cannot be typed);
/// none when it cannot be read.
pub fn folder_entries(dir: &Path) -> Vec<FolderEntry> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let name = entry.file_name().into_string().ok()?;
            let folder = std::fs::metadata(entry.path()).is_ok_and(|meta| meta.is_dir());
            Some(FolderEntry { name, folder })
        })
        .collect()
}
