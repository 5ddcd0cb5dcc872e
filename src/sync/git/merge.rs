//! Recording the remote's history in git once onsite has merged the visits' content.
//!
//! Git never merges onsite's files as text, and nothing the remote holds is dropped (onsite
//! never deletes a file it finds). The merged tree is this laptop's, plus from the remote:
//! - the other laptops' own copies under `.onsite/` (each laptop writes only its own);
//! - visit documents and plan entries changed there and not here (where both changed one,
//!   ours stays: it is rewritten from the merged store right after);
//! - the team's other files changed there and not here. One changed on both sides is a
//!   conflict for the user to settle with git; onsite stops before touching anything.
//!
//! A file over the size limit is checked out like any other (git streams it to disk); onsite
//! never reads it.

use std::collections::{BTreeMap, BTreeSet};

use super::command::Git;
use super::error::GitError;
use super::incoming::{Change, Incoming, changes_since};
use super::paths::{self, Owner};

/// Brings `upstream` into `HEAD`: nothing when it is contained already; a fast-forward when
/// nothing of ours is new; else a merge commit built path by path (see the module comment).
pub fn merge_upstream(
    git: &Git,
    upstream: &str,
    incoming: &Incoming,
    my_device: &str,
    identity: &[String],
) -> Result<(), GitError> {
    if git.test(&["merge-base", "--is-ancestor", upstream, "HEAD"])? {
        return Ok(());
    }
    if git.test(&["merge-base", "--is-ancestor", "HEAD", upstream])? {
        git.text(&["merge", "--quiet", "--ff-only", upstream])?;
        return Ok(());
    }
    // What our side committed since the common ancestor (everything, for unrelated histories).
    let ours: BTreeMap<String, Change> = changes_since(git, incoming.base.as_deref(), "HEAD")?
        .into_iter()
        .map(|change| (change.path.clone(), change))
        .collect();
    let changed_here = |change: &Change| {
        ours.get(&change.path)
            .is_some_and(|o| o.after != change.after)
    };
    let documents: Vec<&Change> = incoming
        .changes
        .iter()
        .filter(|change| {
            matches!(paths::owner(&change.path), Owner::Document | Owner::Plan)
                && !changed_here(change)
        })
        .collect();
    let others = their_other_files(git, upstream, incoming, changed_here)?;
    let message = format!("onsite: merge {}", short_name(upstream));
    // git wants an identity for a merge even before it commits.
    let mut merge: Vec<&str> = identity.iter().map(String::as_str).collect();
    merge.extend(["merge", "--quiet", "--no-ff", "--no-commit", "-m", &message]);
    merge.extend(["-s", "ours", "--allow-unrelated-histories", upstream]);
    git.text(&merge)?;
    let committed = take_their_device_files(git, upstream, incoming, my_device)
        .and_then(|()| take_theirs(git, upstream, &documents))
        .and_then(|()| take_theirs(git, upstream, &others))
        .and_then(|()| {
            let mut args: Vec<&str> = identity.iter().map(String::as_str).collect();
            args.extend(["commit", "--quiet", "--no-edit"]);
            git.text(&args).map(drop)
        });
    if committed.is_err() {
        // Back to where the round was: the merge leaves no half-taken files behind.
        let _ = git.run(&["merge", "--abort"], None);
    }
    committed
}

/// `origin/main` for `refs/remotes/origin/main`.
fn short_name(upstream: &str) -> &str {
    upstream.trim_start_matches("refs/remotes/")
}

/// Checks out from `upstream` every changed path under `.onsite/` that is not this
/// laptop's own (`*.<my_device>.yaml`): each laptop writes only its own files, so the
/// remote's version of another laptop's file is the newest.
pub fn take_their_device_files(
    git: &Git,
    upstream: &str,
    incoming: &Incoming,
    my_device: &str,
) -> Result<(), GitError> {
    let theirs: Vec<&Change> = incoming
        .changes
        .iter()
        .filter(|change| paths::owner(&change.path) == Owner::DeviceFile)
        .filter(|change| !paths::is_my_device_file(&change.path, my_device))
        .collect();
    take_theirs(git, upstream, &theirs)
}

/// The team's files (not onsite's) the remote changed; refused when one was changed here
/// too (`changed_here`), or has uncommitted changes here, or an untracked file of ours
/// stands where the remote added one.
fn their_other_files<'a>(
    git: &Git,
    upstream: &str,
    incoming: &'a Incoming,
    changed_here: impl Fn(&Change) -> bool,
) -> Result<Vec<&'a Change>, GitError> {
    let theirs: Vec<&Change> = incoming
        .changes
        .iter()
        .filter(|change| paths::owner(&change.path) == Owner::Other)
        .collect();
    if theirs.is_empty() {
        return Ok(theirs);
    }
    let conflicts: Vec<String> = theirs
        .iter()
        .filter(|change| changed_here(change))
        .map(|change| change.path.clone())
        .collect();
    if !conflicts.is_empty() {
        return Err(GitError::MergeConflict {
            dir: git.dir().to_owned(),
            upstream: short_name(upstream).to_owned(),
            paths: conflicts,
        });
    }
    let mut unsaved: BTreeSet<String> = BTreeSet::new();
    for args in [
        &["diff-index", "--name-only", "-z", "HEAD"][..],
        &["ls-files", "-z", "--others"][..],
    ] {
        let listed = git.bytes(args, None)?;
        unsaved.extend(
            listed
                .split(|b| *b == 0)
                .filter(|name| !name.is_empty())
                .map(|name| String::from_utf8_lossy(name).into_owned()),
        );
    }
    let in_the_way: Vec<String> = theirs
        .iter()
        .filter(|change| unsaved.contains(&change.path))
        .map(|change| change.path.clone())
        .collect();
    if !in_the_way.is_empty() {
        return Err(GitError::LocalChanges {
            dir: git.dir().to_owned(),
            paths: in_the_way,
        });
    }
    Ok(theirs)
}

/// Makes the index and the work tree hold the remote's version of each change: checked out
/// where the remote has the file, removed where it deleted it.
fn take_theirs(git: &Git, upstream: &str, changes: &[&Change]) -> Result<(), GitError> {
    // Paths go to git on stdin, NUL-separated and literal: no length limit, no glob.
    let list = |present: bool| -> Vec<u8> {
        changes
            .iter()
            .filter(|change| change.after.is_some() == present)
            .flat_map(|change| format!(":(literal){}\0", change.path).into_bytes())
            .collect()
    };
    let (checkout, remove) = (list(true), list(false));
    let from_stdin = ["--pathspec-from-file=-", "--pathspec-file-nul"];
    if !checkout.is_empty() {
        let args = [&["checkout", "--quiet", upstream][..], &from_stdin[..]].concat();
        git.bytes(&args, Some(&checkout))?;
    }
    if !remove.is_empty() {
        let args = [
            &["rm", "--quiet", "--force", "--ignore-unmatch"][..],
            &from_stdin[..],
        ]
        .concat();
        git.bytes(&args, Some(&remove))?;
    }
    Ok(())
}
