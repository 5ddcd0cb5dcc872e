//! `onsite sync DIR --git`: the folder is a git work tree shared by the team through one
//! remote; the system `git` moves the files.
//!
//! Git never merges the YAML text. One round: write onsite's `.gitattributes`, export and
//! commit local changes; fetch; refuse the lot if the remote changed git's own setup
//! (attributes, submodules, hooks: files that would make git rewrite or run things); merge
//! every visit document the remote changed into the store item by item (see
//! [`super::merge`]), reading nothing git says is over the size limit; record git's merge
//! (see [`merge`]); export the merged visits; commit; push. A push refused because a
//! teammate pushed meanwhile starts the round again (three times at most); a push the server
//! refuses (a hook, a protected branch) is reported with what the server said.

mod command;
mod commit;
mod error;
mod incoming;
mod merge;
mod paths;

use std::path::{Path, PathBuf};

pub use error::{GitError, GitSetup, Operation, RefusedChange, RemoteProblem};
pub use paths::ATTRIBUTES;

use super::folder::{SyncError, SyncSummary};
use crate::store::Store;
use command::Git;
use commit::{identity, write_out};
use incoming::Incoming;

const ATTEMPTS: usize = 3;
/// Lines of a server's refusal shown to the user: a hook may print pages.
const MAX_SERVER_LINES: usize = 20;

/// One sync with the remote; see the module comment.
pub fn sync(store: &Store, dir: &Path, inspector: &str) -> Result<SyncSummary, GitError> {
    let git = Git::new(dir);
    check_top_level(&git)?;
    check_nothing_in_progress(&git)?;
    let branch = branch(&git)?;
    let my_device = store.device_id().map_err(SyncError::from)?;
    let identity = identity(&git, inspector)?;
    let remote = remote(&git, &branch)?;
    let mut total = SyncSummary::default();
    if let Some(remote) = &remote {
        start_from_the_team(&git, remote, &branch)?;
    }
    for _attempt in 0..ATTEMPTS {
        absorb(&mut total, write_out(store, &git, inspector, &identity)?);
        let Some(remote) = &remote else {
            return Ok(total);
        };
        git.text(&["fetch", "--quiet", "--no-recurse-submodules", remote])?;
        let upstream = format!("refs/remotes/{remote}/{branch}");
        if git.test(&["rev-parse", "--verify", "--quiet", &upstream])? {
            let incoming = Incoming::read(&git, remote, &upstream)?;
            let mut report = SyncSummary::default();
            incoming.report_too_big(dir, &mut report);
            incoming::take_in_documents(store, &git, &incoming, &mut report)?;
            incoming::take_in_plans(store, &git, &incoming, &mut report)?;
            merge::merge_upstream(&git, &upstream, &incoming, &my_device, &identity)?;
            absorb(&mut total, report);
            absorb(&mut total, write_out(store, &git, inspector, &identity)?);
        }
        if push(&git, remote, &branch)? {
            return Ok(total);
        }
    }
    Err(GitError::KeptBehind {
        dir: dir.to_owned(),
        attempts: ATTEMPTS,
    })
}

/// The folder must be the top of its own work tree, not a folder inside some other
/// repository (a dotfiles repo in the home folder) that onsite would then commit into.
fn check_top_level(git: &Git) -> Result<(), GitError> {
    let dir = git.dir().to_owned();
    let output = git.run(&["rev-parse", "--show-toplevel"], None)?;
    if output.code != Some(0) {
        return Err(GitError::NotARepository { dir });
    }
    let top = PathBuf::from(String::from_utf8_lossy(&output.stdout).trim());
    let canonical = |path: &Path| std::fs::canonicalize(path).ok();
    if canonical(&top).is_none() || canonical(&top) != canonical(&dir) {
        return Err(GitError::NotTopLevel { dir, top });
    }
    Ok(())
}

/// An unfinished merge, rebase, cherry-pick or revert, or unmerged files: onsite's commit
/// would finish it half-done.
fn check_nothing_in_progress(git: &Git) -> Result<(), GitError> {
    use error::Operation::{CherryPick, Merge, Rebase, Revert};
    let markers = [
        (Merge, "MERGE_HEAD"),
        (Rebase, "rebase-merge"),
        (Rebase, "rebase-apply"),
        (CherryPick, "CHERRY_PICK_HEAD"),
        (Revert, "REVERT_HEAD"),
    ];
    let mut args = vec!["rev-parse"];
    for (_, name) in markers {
        args.extend(["--git-path", name]);
    }
    let listed = git.text(&args)?;
    for ((operation, _), path) in markers.iter().zip(listed.lines()) {
        if git.dir().join(path).exists() {
            return Err(GitError::InProgress {
                dir: git.dir().to_owned(),
                operation: *operation,
            });
        }
    }
    let unmerged = git.bytes(&["diff", "--name-only", "-z", "--diff-filter=U"], None)?;
    let mut paths: Vec<String> = unmerged
        .split(|b| *b == 0)
        .filter(|name| !name.is_empty())
        .map(|name| String::from_utf8_lossy(name).into_owned())
        .collect();
    paths.dedup();
    if paths.is_empty() {
        Ok(())
    } else {
        Err(GitError::Unmerged {
            dir: git.dir().to_owned(),
            paths,
        })
    }
}

/// The branch checked out; a detached HEAD is refused, naming the branch to check out.
fn branch(git: &Git) -> Result<String, GitError> {
    let args = ["symbolic-ref", "--quiet", "--short", "HEAD"];
    let output = git.run(&args, None)?;
    match output.code {
        Some(0) => Ok(String::from_utf8_lossy(&output.stdout).trim().to_owned()),
        Some(1) => {
            let remote_head = [
                "symbolic-ref",
                "--quiet",
                "--short",
                "refs/remotes/origin/HEAD",
            ];
            let branch = git
                .text(&remote_head)
                .ok()
                .and_then(|head| head.split_once('/').map(|(_, b)| b.to_owned()))
                .filter(|b| !b.is_empty())
                .unwrap_or_else(|| "main".to_owned());
            Err(GitError::DetachedHead {
                dir: git.dir().to_owned(),
                branch,
            })
        }
        _ => Err(git.failure(&args, &output.stderr)),
    }
}

/// The remote to sync with: the branch's own, else `origin`, else the only one; `None`
/// when there is none (onsite then only commits).
fn remote(git: &Git, branch: &str) -> Result<Option<String>, GitError> {
    let listed = git.text(&["remote"])?;
    let remotes: Vec<&str> = listed.lines().collect();
    let key = format!("branch.{branch}.remote");
    let configured = git.run(&["config", "--get", &key], None)?;
    let configured = String::from_utf8_lossy(&configured.stdout)
        .trim()
        .to_owned();
    let chosen = [configured.as_str(), "origin"]
        .into_iter()
        .find(|name| remotes.contains(name))
        .or(remotes.first().copied());
    Ok(chosen.map(str::to_owned))
}

/// A clone with no commit yet starts from the team's history, once checked like any of the
/// remote's changes.
fn start_from_the_team(git: &Git, remote: &str, branch: &str) -> Result<(), GitError> {
    if git.test(&["rev-parse", "--verify", "--quiet", "HEAD"])? {
        return Ok(());
    }
    match git.text(&["fetch", "--quiet", "--no-recurse-submodules", remote]) {
        // Commit first; the round's own fetch then says what is wrong.
        Err(GitError::Remote { .. }) => return Ok(()),
        fetched => fetched?,
    };
    let upstream = format!("refs/remotes/{remote}/{branch}");
    if git.test(&["rev-parse", "--verify", "--quiet", &upstream])? {
        Incoming::read(git, remote, &upstream)?;
        git.text(&["checkout", "--quiet", "-B", branch, &upstream])?;
    }
    Ok(())
}

/// Pushes `HEAD`; `false` when a teammate pushed first (fetch and merge, then try again).
/// Any other refusal is the server's decision, reported with what it said, never retried.
fn push(git: &Git, remote: &str, branch: &str) -> Result<bool, GitError> {
    let target = format!("HEAD:refs/heads/{branch}");
    let args = ["push", "--porcelain", "--quiet", remote, &target];
    let output = git.run(&args, None)?;
    if output.code == Some(0) {
        return Ok(true);
    }
    // `!\tHEAD:refs/heads/main\t[rejected] (fetch first)` for each refused ref.
    let stdout = String::from_utf8_lossy(&output.stdout);
    let Some(summary) = stdout
        .lines()
        .filter(|line| line.starts_with('!'))
        .find_map(|line| line.split('\t').nth(2))
    else {
        return Err(git.failure(&args, &output.stderr));
    };
    let behind = summary.starts_with("[rejected]")
        && (summary.contains("(fetch first)") || summary.contains("(non-fast-forward)"));
    // A teammate's push landing at the same moment: the server found its branch moved
    // while updating it.
    let raced = summary.starts_with("[remote rejected]")
        && ["failed to update ref", "cannot lock ref", "failed to lock"]
            .iter()
            .any(|reason| summary.contains(reason));
    if behind || raced {
        return Ok(false);
    }
    let reason = summary
        .split_once('(')
        .map_or(summary, |(_, reason)| reason.trim_end_matches(')'));
    let message = output
        .stderr
        .lines()
        .filter_map(|line| line.strip_prefix("remote: "))
        .map(str::trim_end)
        .filter(|line| !line.is_empty())
        .take(MAX_SERVER_LINES)
        .map(str::to_owned)
        .collect();
    Err(GitError::PushRefused {
        dir: git.dir().to_owned(),
        remote: remote.to_owned(),
        reason: reason.to_owned(),
        message,
    })
}

fn absorb(total: &mut SyncSummary, report: SyncSummary) {
    total.imported.extend(report.imported);
    total.merged.extend(report.merged);
    total.written.extend(report.written);
    total.unchanged += report.unchanged;
    total.conflicts.extend(report.conflicts);
    total.skipped.extend(report.skipped);
    total.plans_new += report.plans_new;
    total.plans_linked += report.plans_linked;
    total.plans_written += report.plans_written;
    for (path, error) in report.rejected {
        // A retried round meets the same refused files again.
        if !total.rejected.iter().any(|(seen, _)| *seen == path) {
            total.rejected.push((path, error));
        }
    }
}
