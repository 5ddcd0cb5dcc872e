//! Words for `onsite sync --git`'s errors, per language: what went wrong and what to do,
//! never git's raw output (except for a failure onsite does not recognise).

use crate::sync::git::GitError;

pub trait GitTexts {
    fn git_error(&self, error: &GitError) -> String;
}

/// Up to ten paths, comma-separated, then how many more.
pub(super) fn path_list(paths: &[String]) -> String {
    const SHOWN: usize = 10;
    let mut list = paths
        .iter()
        .take(SHOWN)
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(", ");
    if paths.len() > SHOWN {
        list += &format!(" (+{})", paths.len() - SHOWN);
    }
    list
}

/// The server's own words, one indented line each.
pub(super) fn server_lines(message: &[String]) -> String {
    message
        .iter()
        .flat_map(|line| ["\n  ", line.as_str()])
        .collect()
}
