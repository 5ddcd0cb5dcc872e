//! `onsite sync DIR --git`: the folder is a git work tree shared by the team through one
//! remote; the system `git` moves the files.
//!
//! Git never merges the YAML text. One round: export and commit local changes; fetch; read
//! every visit file the remote changed (`git show`) and merge it into the store item by item
//! (see [`super::merge`]); record git's merge with `-s ours`, since onsite has already merged
//! the content; export the merged visits; commit; push. A push refused because a teammate
//! pushed meanwhile starts the round again (three times at most).

use std::path::{Path, PathBuf};
use std::process::Command;

use super::folder::{self, Report, SyncError};
use crate::document;
use crate::store::Store;

#[derive(Debug, thiserror::Error)]
pub enum GitError {
    #[error(transparent)]
    Sync(#[from] SyncError),
    #[error("`git {args}` in {dir} failed: {detail}")]
    Git {
        dir: PathBuf,
        args: String,
        detail: String,
    },
    #[error(
        "{dir} is not a git work tree; clone the team's repository there first (git clone URL {dir})"
    )]
    NotARepository { dir: PathBuf },
}

fn git(dir: &Path, args: &[&str]) -> Result<String, GitError> {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_TERMINAL_PROMPT", "0")
        .output()
        .map_err(|error| GitError::Git {
            dir: dir.to_owned(),
            args: args.join(" "),
            detail: format!("{error} (is git installed?)"),
        })?;
    if output.status.success() {
        Ok(String::from_utf8_lossy(&output.stdout).trim().to_owned())
    } else {
        Err(GitError::Git {
            dir: dir.to_owned(),
            args: args.join(" "),
            detail: String::from_utf8_lossy(&output.stderr).trim().to_owned(),
        })
    }
}

/// Commits the visit files if anything changed; returns whether a commit was made.
fn commit(dir: &Path, message: &str, author: &str) -> Result<bool, GitError> {
    let any_yaml = std::fs::read_dir(dir).is_ok_and(|listing| {
        listing
            .filter_map(Result::ok)
            .any(|entry| folder::is_yaml(&entry.path()))
    });
    if !any_yaml {
        return Ok(false);
    }
    git(dir, &["add", "--all", "--", "*.yaml"])?;
    if git(dir, &["status", "--porcelain", "--", "*.yaml"])?.is_empty() {
        return Ok(false);
    }
    let identity = [
        "-c".to_owned(),
        format!("user.name={author}"),
        "-c".to_owned(),
        "user.email=onsite@localhost".to_owned(),
    ];
    let mut args: Vec<&str> = identity.iter().map(String::as_str).collect();
    args.extend(["commit", "--quiet", "-m", message]);
    git(dir, &args)?;
    Ok(true)
}

/// "onsite: Nguyễn Văn An — 2 visit(s): Cục QLTT Hà Tĩnh, Đội QLTT số 1".
fn message(author: &str, report: &Report) -> String {
    let mut units: Vec<String> = Vec::new();
    for path in &report.written {
        if let Ok(record) = folder::read_file(path) {
            units.push(record.state.visit.unit.name);
        }
    }
    units.sort();
    units.dedup();
    format!(
        "onsite: {author} — {} visit(s): {}",
        units.len(),
        units.join(", ")
    )
}

/// One sync round with the remote; see the module comment.
pub fn sync(store: &Store, dir: &Path, author: &str) -> Result<Report, GitError> {
    // The folder must be the top of its own work tree, not a folder inside some other
    // repository (a dotfiles repo in the home folder) that onsite would then commit into.
    let top = git(dir, &["rev-parse", "--show-toplevel"])
        .ok()
        .map(PathBuf::from);
    let canonical = |path: &Path| std::fs::canonicalize(path).ok();
    let is_top =
        top.is_some_and(|top| canonical(&top).is_some() && canonical(&top) == canonical(dir));
    if !is_top {
        return Err(GitError::NotARepository {
            dir: dir.to_owned(),
        });
    }
    let mut total = Report::default();
    for _attempt in 0..3 {
        let report = folder::sync(store, dir)?;
        let local_message = message(author, &report);
        commit(dir, &local_message, author)?;
        absorb(&mut total, report);
        let branch = git(dir, &["symbolic-ref", "--short", "HEAD"])?;
        let has_remote = !git(dir, &["remote"])?.is_empty();
        if !has_remote {
            return Ok(total);
        }
        git(dir, &["fetch", "--quiet", "origin"])?;
        let upstream = format!("origin/{branch}");
        let upstream_exists = git(dir, &["rev-parse", "--verify", "--quiet", &upstream]).is_ok();
        let head_exists = git(dir, &["rev-parse", "--verify", "--quiet", "HEAD"]).is_ok();
        if upstream_exists && !head_exists {
            // A fresh clone with nothing of ours yet: start from the team's history.
            git(dir, &["checkout", "--quiet", "-B", &branch, &upstream])?;
            let report = folder::sync(store, dir)?;
            absorb(&mut total, report);
        } else if upstream_exists {
            let report = take_in_remote(store, dir, &upstream)?;
            merge_upstream(dir, &upstream, author)?;
            absorb(&mut total, report);
            // Write out what the merge produced, then commit it on top.
            let written = folder::sync(store, dir)?;
            let merged_message = message(author, &written);
            commit(dir, &merged_message, author)?;
            absorb(&mut total, written);
        }
        match git(
            dir,
            &["push", "--quiet", "origin", &format!("HEAD:{branch}")],
        ) {
            Ok(_) => return Ok(total),
            Err(GitError::Git { detail, .. })
                if detail.contains("rejected") || detail.contains("fetch first") => {}
            Err(error) => return Err(error),
        }
    }
    git(dir, &["push", "--quiet", "origin", "HEAD"])?;
    Ok(total)
}

/// Records the remote's history in git: nothing to do when we already contain it, a
/// fast-forward when we have nothing of our own, else a merge that keeps our files (onsite
/// has merged their content already).
fn merge_upstream(dir: &Path, upstream: &str, author: &str) -> Result<(), GitError> {
    let contains = |a: &str, b: &str| git(dir, &["merge-base", "--is-ancestor", a, b]).is_ok();
    if contains(upstream, "HEAD") {
        return Ok(());
    }
    if contains("HEAD", upstream) {
        git(dir, &["merge", "--quiet", "--ff-only", upstream])?;
        return Ok(());
    }
    let name = format!("user.name={author}");
    git(
        dir,
        &[
            "-c",
            &name,
            "-c",
            "user.email=onsite@localhost",
            "merge",
            "--quiet",
            "-s",
            "ours",
            "--allow-unrelated-histories",
            "--no-edit",
            upstream,
        ],
    )?;
    Ok(())
}

/// Merges into the store every visit file the remote changed since the common ancestor,
/// with that ancestor's copy as the base of the item-by-item merge.
fn take_in_remote(store: &Store, dir: &Path, upstream: &str) -> Result<Report, GitError> {
    let mut report = Report::default();
    let ancestor = git(dir, &["merge-base", "HEAD", upstream]).ok();
    let range = match &ancestor {
        Some(ancestor) => format!("{ancestor}..{upstream}"),
        None => upstream.to_owned(),
    };
    let changed = match &ancestor {
        Some(_) => git(dir, &["diff", "--name-only", &range, "--", "*.yaml"])?,
        None => git(dir, &["ls-tree", "--name-only", upstream])?,
    };
    for name in changed
        .lines()
        .filter(|n| !n.contains('/') && folder::is_yaml(Path::new(n)))
    {
        let Ok(text) = git(dir, &["show", &format!("{upstream}:{name}")]) else {
            continue;
        };
        let remote = match document::parse(&format!("{text}\n")) {
            Ok(remote) => remote,
            Err(error) => {
                report.rejected.push((dir.join(name), error));
                continue;
            }
        };
        let base = ancestor
            .as_ref()
            .and_then(|a| git(dir, &["show", &format!("{a}:{name}")]).ok())
            .and_then(|text| document::parse(&format!("{text}\n")).ok())
            .map(|record| crate::sync::fields(&record.state));
        folder::take_in_with_base(store, &remote, base.as_ref(), &mut report)?;
    }
    Ok(report)
}

fn absorb(total: &mut Report, report: Report) {
    total.imported.extend(report.imported);
    total.merged.extend(report.merged);
    total.written.extend(report.written);
    total.unchanged += report.unchanged;
    total.conflicts.extend(report.conflicts);
    total.rejected.extend(report.rejected);
}
