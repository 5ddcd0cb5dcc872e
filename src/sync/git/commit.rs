//! onsite's commits: which files are onsite's to commit, under whose name, with what
//! message; and, when the attributes change, every file of onsite's stored again.

use super::command::Git;
use super::error::GitError;
use super::paths::{self, Owner};
use crate::store::Store;
use crate::sync::folder::{self, SyncSummary};

/// `-c` settings naming the author of onsite's commits: the user's own git identity when
/// git has one (config or environment); for what is missing, the inspector's name and a
/// placeholder address, for onsite's commits only.
pub fn identity(git: &Git, inspector: &str) -> Result<Vec<String>, GitError> {
    let known = |key: &str, vars: &[&str]| -> Result<bool, GitError> {
        if vars
            .iter()
            .any(|var| std::env::var_os(var).is_some_and(|value| !value.is_empty()))
        {
            return Ok(true);
        }
        let output = git.run(&["config", "--get", key], None)?;
        Ok(output.code == Some(0) && !output.stdout.trim_ascii().is_empty())
    };
    let mut settings = Vec::new();
    if !known("user.name", &["GIT_AUTHOR_NAME", "GIT_COMMITTER_NAME"])? {
        settings.extend(["-c".to_owned(), format!("user.name={inspector}")]);
    }
    let email_vars = ["GIT_AUTHOR_EMAIL", "GIT_COMMITTER_EMAIL", "EMAIL"];
    if !known("user.email", &email_vars)? {
        settings.extend(["-c".to_owned(), "user.email=onsite@localhost".to_owned()]);
    }
    Ok(settings)
}

/// Exports the store into the work tree and commits onsite's files.
pub fn write_out(
    store: &Store,
    git: &Git,
    inspector: &str,
    identity: &[String],
) -> Result<SyncSummary, GitError> {
    let report = folder::sync(store, git.dir())?;
    commit(git, &message(inspector, &report), identity)?;
    Ok(report)
}

/// onsite's files: the visit documents at the top, each laptop's copies under `.onsite/`,
/// the plan's entries under `plans/`, and `.gitattributes`. Git refuses a pathspec that matches nothing, so each is named only
/// when it has a file on disk or in the index.
fn onsite_pathspecs(git: &Git) -> Result<Vec<&'static str>, GitError> {
    const DOCUMENTS: &str = ":(glob,icase)*.yaml";
    const DEVICE_DIR: &str = ":(literal).onsite";
    const PLANS: &str = ":(literal)plans";
    let tracked = git.bytes(
        &["ls-files", "-z", "--", DOCUMENTS, DEVICE_DIR, PLANS],
        None,
    )?;
    let tracked: Vec<&[u8]> = tracked.split(|b| *b == 0).collect();
    let dir = git.dir();
    let document_on_disk = std::fs::read_dir(dir).is_ok_and(|listing| {
        listing
            .filter_map(Result::ok)
            .any(|entry| paths::owner(&entry.file_name().to_string_lossy()) == Owner::Document)
    });
    let mut specs = vec![":(literal).gitattributes"];
    if document_on_disk
        || tracked
            .iter()
            .any(|name| !name.is_empty() && !name.contains(&b'/'))
    {
        specs.push(DOCUMENTS);
    }
    let device_dir = format!("{}/", paths::DEVICE_DIR);
    if holds_a_file(&dir.join(paths::DEVICE_DIR))
        || tracked
            .iter()
            .any(|name| name.starts_with(device_dir.as_bytes()))
    {
        specs.push(DEVICE_DIR);
    }
    let plans = crate::sync::plans::PLANS_DIR;
    if holds_a_file(&dir.join(plans))
        || tracked
            .iter()
            .any(|name| name.starts_with(plans.as_bytes()))
    {
        specs.push(PLANS);
    }
    Ok(specs)
}

/// Whether `dir` holds a file, directly or in a folder of its own: git refuses a pathspec
/// naming an empty folder (a store with a plan and no visit leaves `.onsite/` empty).
fn holds_a_file(dir: &std::path::Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|listing| {
        listing.filter_map(Result::ok).any(|entry| {
            entry.file_type().is_ok_and(|kind| {
                !kind.is_dir()
                    || std::fs::read_dir(entry.path()).is_ok_and(|mut inner| inner.next().is_some())
            })
        })
    })
}

/// Commits onsite's files (and nothing else the user staged) if any changed.
fn commit(git: &Git, message: &str, identity: &[String]) -> Result<(), GitError> {
    paths::write_attributes(git.dir())?;
    let specs = onsite_pathspecs(git)?;
    // --force: a `.gitignore` (perhaps a teammate's) must not keep onsite's files out.
    git.text(&[&["add", "--all", "--force", "--"][..], &specs].concat())?;
    let attributes = [
        "diff",
        "--cached",
        "--quiet",
        "--",
        ":(literal).gitattributes",
    ];
    if !git.test(&attributes)? {
        // The attributes change with this commit: what the index holds was stored under the
        // old ones (perhaps re-encoded) while git takes the files on disk for unchanged.
        // Store every file of onsite's again, as it is.
        git.text(&[&["add", "--renormalize", "--"][..], &specs].concat())?;
    }
    if git.test(&[&["diff", "--cached", "--quiet", "--"][..], &specs].concat())? {
        return Ok(());
    }
    let mut args: Vec<&str> = identity.iter().map(String::as_str).collect();
    args.extend(["commit", "--quiet", "--no-verify", "-m", message, "--"]);
    args.extend(&specs);
    git.text(&args)?;
    Ok(())
}

/// "onsite: Nguyễn Văn An — 2 visit(s): Cục QLTT Hà Tĩnh, Đội QLTT số 1".
fn message(author: &str, report: &SyncSummary) -> String {
    let mut units: Vec<String> = Vec::new();
    for path in &report.written {
        if let Ok(record) = folder::read_file(path) {
            units.push(record.state.visit.unit.name);
        }
    }
    units.sort();
    units.dedup();
    if units.is_empty() {
        return format!("onsite: {author} — .gitattributes (files stored byte for byte)");
    }
    format!(
        "onsite: {author} — {} visit(s): {}",
        units.len(),
        units.join(", ")
    )
}
