//! What can go wrong in a git sync, as data: each variant carries what the message needs to
//! tell the user what to do (`strings::GitTexts` words it), never git's raw output, except
//! for [`GitError::Git`], the last resort for a failure onsite does not recognise.

use std::path::PathBuf;

use crate::sync::folder::SyncError;

#[derive(Debug, thiserror::Error)]
pub enum GitError {
    #[error(transparent)]
    Sync(#[from] SyncError),
    #[error("git could not be started: {detail}")]
    GitMissing { detail: String },
    #[error("{dir} is not a git work tree")]
    NotARepository { dir: PathBuf },
    #[error("{dir} is inside the git work tree {top}, not the top of its own")]
    NotTopLevel { dir: PathBuf, top: PathBuf },
    /// `branch` is the branch to suggest checking out.
    #[error("{dir} has no branch checked out (detached HEAD)")]
    DetachedHead { dir: PathBuf, branch: String },
    #[error("a {operation:?} is in progress in {dir}")]
    InProgress { dir: PathBuf, operation: Operation },
    #[error("{dir} has unmerged files: {}", paths.join(", "))]
    Unmerged { dir: PathBuf, paths: Vec<String> },
    /// Another git process holds the repository's lock file (or one crashed holding it).
    #[error("another git command is using {dir} ({lock} exists)")]
    Busy { dir: PathBuf, lock: PathBuf },
    #[error("fetching from or pushing to {remote} failed: {problem:?}")]
    Remote {
        dir: PathBuf,
        remote: String,
        problem: RemoteProblem,
    },
    /// The remote changed how git stores or treats files; nothing was merged or pushed.
    #[error("{remote} changed git's own setup: {}", changed_paths(changes))]
    RefusedRemoteChange {
        dir: PathBuf,
        remote: String,
        changes: Vec<RefusedChange>,
    },
    /// Files onsite does not own, changed both here and on the remote.
    /// `upstream` is the remote's branch (`origin/main`).
    #[error("files changed both here and on the remote: {}", paths.join(", "))]
    MergeConflict {
        dir: PathBuf,
        upstream: String,
        paths: Vec<String>,
    },
    /// Uncommitted changes (or untracked files) here that the remote's version would replace.
    #[error("local changes the remote's files would overwrite: {}", paths.join(", "))]
    LocalChanges { dir: PathBuf, paths: Vec<String> },
    /// The server refused the push (a hook, a protected branch), with what it said.
    #[error("{remote} refused the push: {reason}")]
    PushRefused {
        dir: PathBuf,
        remote: String,
        reason: String,
        message: Vec<String>,
    },
    /// Every attempt was overtaken by a teammate's push.
    #[error("teammates pushed during each of {attempts} attempts")]
    KeptBehind { dir: PathBuf, attempts: usize },
    #[error("`git {args}` in {dir} failed: {detail}")]
    Git {
        dir: PathBuf,
        args: String,
        detail: String,
    },
}

/// An unfinished git operation that onsite must not commit into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Operation {
    Merge,
    Rebase,
    CherryPick,
    Revert,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RemoteProblem {
    /// No network, a server that does not answer, a drive that is not plugged in.
    Unreachable,
    /// The address answers but there is no repository there (or it is hidden from this user).
    NotFound,
    /// Sign-in needed or refused.
    AuthFailed,
}

/// One file of the remote's changes that onsite refuses to take.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefusedChange {
    pub path: String,
    pub alters: GitSetup,
    /// The newest remote commit that changed it (short id) and its author.
    pub commit: String,
    pub author: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GitSetup {
    /// A `.gitattributes` other than onsite's: it could re-encode, filter or convert files.
    Attributes,
    /// `.gitmodules` or a submodule entry.
    Submodule,
    /// `.lfsconfig` or a `.gitconfig` meant to be included.
    Config,
    /// A file in a hooks folder: a program git would run.
    Hooks,
    /// A symbolic link where onsite keeps its files: writes would land elsewhere.
    Symlink,
}

fn changed_paths(changes: &[RefusedChange]) -> String {
    let paths: Vec<&str> = changes.iter().map(|change| change.path.as_str()).collect();
    paths.join(", ")
}
